// -T psml: the summary columns (No., Time, Source, Destination, Protocol,
// Length, Info) as tshark 4.0's Packet Summary Markup Language.
#pragma once

#include "app/cli/printers/packet_printer.hpp"
#include "capture/pipeline/time_column.hpp"

namespace ms::cli {

class PsmlPrinter : public PacketPrinter {
public:
    // `time_set`: whether -t/-u chose a time format (else tshark's default).
    PsmlPrinter(TimeColumn tc, bool time_set) : tc_(tc), time_set_(time_set) {}
    void begin(std::string& out, int time_digits) override;
    void packet(std::string& out, const FrameContext& ctx) override;
    void end(std::string& out) override { out += "</psml>\n"; }

private:
    TimeColumn tc_;
    bool time_set_;
    int digits_ = 6;
    bool first_ = true;
    int64_t prev_displayed_ns_ = 0;
};

}  // namespace ms::cli
