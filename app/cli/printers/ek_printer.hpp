// -T ek: newline-delimited bulk records for Elasticsearch/OpenSearch, as
// tshark 4.0 writes them: an index line, then one compact object per packet
// with "timestamp" (ms since the epoch) and "layers". Inside a layer the tree
// is flattened; members are named "<protocol>_<field>" with dots made
// underscores ("tcp_tcp_srcport"), siblings with the same name become one
// array, nested protocols stay objects. -e prints only those fields
// ("smtp_req_command": [...]) and reads no labels; -x adds "<name>_raw".
#pragma once

#include "app/cli/printers/json_printer.hpp"
#include "app/cli/printers/packet_printer.hpp"

namespace ms::cli {

struct EkPrinterOptions {
    bool hex = false;       // -x
    ProtocolFilter filter;  // -j / -J
};

class EkPrinter : public PacketPrinter {
public:
    EkPrinter(EkPrinterOptions o, SelectedFields fields) : opt_(std::move(o)), fields_(std::move(fields)) {}
    void begin(std::string&, int) override {}
    void packet(std::string& out, const FrameContext& ctx) override;
    void end(std::string&) override {}

private:
    void write_siblings(class JsonWriter& w, const FrameContext& ctx, const std::vector<uint32_t>& nodes, bool filtering,
                        unsigned depth);
    void write_protocol(class JsonWriter& w, const FrameContext& ctx, uint32_t i, bool filtering, unsigned depth);

    EkPrinterOptions opt_;
    SelectedFields fields_;
    IndexName index_name_;
    std::string name_;  // scratch
    std::vector<std::string> column_keys_;  // -e: \"name\":[ per column
};

// tshark's ek member name for a field: "tcp.srcport" -> "tcp_tcp_srcport",
// a protocol keeps its own name ("_ws.expert" -> "_ws_expert").
void append_ek_name(std::string& out, FieldId f);

}  // namespace ms::cli
