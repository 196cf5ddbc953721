// -T pdml: tshark 4.0's Packet Details Markup Language: per packet a
// "geninfo" pseudo-protocol, then <proto>/<field> elements with name,
// showname (the -V label), size, pos, show (the value) and value (the bytes in
// hex). -j/-J filter subtrees; -e prints only those fields.
#pragma once

#include "app/cli/printers/packet_printer.hpp"

namespace ms::cli {

struct PdmlPrinterOptions {
    std::string capture_file;  // the pdml element's capture_file attribute
    ProtocolFilter filter;     // -j / -J
};

class PdmlPrinter : public PacketPrinter {
public:
    PdmlPrinter(PdmlPrinterOptions o, SelectedFields fields) : opt_(std::move(o)), fields_(std::move(fields)) {}
    void begin(std::string& out, int time_digits) override;
    void packet(std::string& out, const FrameContext& ctx) override;
    void end(std::string& out) override;

private:
    void write_node(std::string& out, const FrameContext& ctx, uint32_t i, unsigned depth, bool filtering);
    void write_children(std::string& out, const FrameContext& ctx, uint32_t i, unsigned depth, bool filtering,
                        std::string_view key);

    PdmlPrinterOptions opt_;
    SelectedFields fields_;
    std::string scratch_;
};

}  // namespace ms::cli
