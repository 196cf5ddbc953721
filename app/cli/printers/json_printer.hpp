// -T json and -T jsonraw: tshark 4.0's JSON array of packets, each with
// _index/_type/_score and _source.layers keyed by protocol; fields nested as
// the tree nests them (a field with both a value and children gets a
// "<name>_tree" member), duplicate keys kept as tshark keeps them. -x (and
// jsonraw) add "<name>_raw": [hex, pos, len, bitmask, type]; -j/-J filter
// subtrees; -e prints only those fields.
#pragma once

#include "app/cli/printers/packet_printer.hpp"

namespace ms::cli {

// "packets-YYYY-MM-DD" for the frame's local date, as tshark names the index.
void append_index_name(std::string& out, int64_t ts_ns);

// The same, remembering the last day: localtime_r per packet would cost
// more than writing the -T ek -e record itself.
class IndexName {
public:
    void append(std::string& out, int64_t ts_ns);

private:
    int64_t lo_ = 1, hi_ = 0;  // seconds known to fall on the cached day
    std::string name_;
};

struct JsonPrinterOptions {
    bool raw_only = false;  // jsonraw: only the *_raw members
    bool hex = false;       // -x
    ProtocolFilter filter;  // -j / -J
};

class JsonPrinter : public PacketPrinter {
public:
    // `fields` may be empty (whole tree) or initialised (-e).
    JsonPrinter(JsonPrinterOptions o, SelectedFields fields) : opt_(std::move(o)), fields_(std::move(fields)) {}
    void begin(std::string& out, int time_digits) override;
    void packet(std::string& out, const FrameContext& ctx) override;
    void end(std::string& out) override;

private:
    void write_children(class JsonWriter& w, const FrameContext& ctx, uint32_t parent, bool filtering, unsigned depth);
    void write_raw(class JsonWriter& w, const FrameContext& ctx, uint32_t i);

    JsonPrinterOptions opt_;
    SelectedFields fields_;
    IndexName index_name_;
    uint64_t packets_ = 0;
};


}  // namespace ms::cli
