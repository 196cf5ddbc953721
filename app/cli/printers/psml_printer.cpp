#include "app/cli/printers/psml_printer.hpp"

#include "app/cli/printers/markup_escape.hpp"

namespace ms::cli {

namespace {
void section(std::string& out, std::string_view text) {
    out += "<section>";
    append_xml_escaped(out, text);
    out += "</section>\n";
}
}  // namespace

void PsmlPrinter::begin(std::string& out, int time_digits) {
    digits_ = time_digits;
    out += "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<psml version=\"0\" creator=\"mailscope/0.1.0\">\n<structure>\n";
    for (const char* c : {"No.", "Time", "Source", "Destination", "Protocol", "Length", "Info"}) section(out, c);
    out += "</structure>\n\n";
}

void PsmlPrinter::packet(std::string& out, const FrameContext& ctx) {
    const PacketInfo& pi = ctx.pinfo;
    if (first_) prev_displayed_ns_ = pi.ts_ns, first_ = false;
    // The default column is the relative time; -t/-u choose another as in
    // the text summary.
    TimeColumn tc = time_set_ ? tc_ : TimeColumn{};
    std::string time = format_time_column(tc, pi, prev_displayed_ns_, digits_);
    prev_displayed_ns_ = pi.ts_ns;
    out += "<packet>\n";
    section(out, std::to_string(pi.number));
    section(out, time);
    section(out, pi.net_src.kind != Address::None ? pi.net_src.to_string() : pi.dl_src.to_string());
    section(out, pi.net_dst.kind != Address::None ? pi.net_dst.to_string() : pi.dl_dst.to_string());
    section(out, pi.protocol);
    section(out, std::to_string(pi.wirelen));
    section(out, pi.info);
    out += "</packet>\n\n";
}

}  // namespace ms::cli
