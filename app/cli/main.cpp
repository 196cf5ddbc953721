// mailscope-cli: tshark's flags and output over the mailscope core.
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <memory>
#include <string>

#include "app/cli/glossary.hpp"
#include "app/cli/live_capture.hpp"
#include "app/cli/observer_fanout.hpp"
#include "app/cli/options.hpp"
#include "app/cli/prefs.hpp"
#include "app/cli/printers/fields_printer.hpp"
#include "app/cli/printers/hex_printer.hpp"
#include "app/cli/printers/packet_printer.hpp"
#include "app/cli/printers/summary_printer.hpp"
#include "app/cli/printers/tree_printer.hpp"
#include "app/cli/shard_worker.hpp"
#include "app/cli/stats/conv_tcp.hpp"
#include "app/cli/stats/expert_stats.hpp"
#include "app/cli/stats/follow_tcp.hpp"
#include "app/cli/stats/frame_report.hpp"
#include "app/cli/stats/mail_messages.hpp"
#include "app/cli/export/export_objects.hpp"
#include "app/cli/export/message_fanout.hpp"
#include "capture/pipeline/forward_links.hpp"
#include "capture/pipeline/pipeline.hpp"
#include "capture/source/capture_writer.hpp"
#include "dissectors/filter/display_filter.hpp"
#include "dissectors/core/dissector_table.hpp"

using namespace ms;
using namespace ms::cli;

namespace {

// Output goes through one buffer, written in large blocks.
class Out {
public:
    ~Out() { flush(); }
    std::string& buf() { return buf_; }
    void maybe_flush() {
        if (buf_.size() >= (1 << 16)) flush();
    }
    void flush() {
        if (!buf_.empty()) std::fwrite(buf_.data(), 1, buf_.size(), stdout);
        buf_.clear();
    }

private:
    std::string buf_;
};

bool apply_decode_as(const std::string& spec) {
    // tcp.port==N,proto
    const std::string prefix = "tcp.port==";
    if (spec.rfind(prefix, 0) != 0) return false;
    auto comma = spec.find(',', prefix.size());
    if (comma == std::string::npos) return false;
    std::string port = spec.substr(prefix.size(), comma - prefix.size());
    char* end = nullptr;
    unsigned long p = std::strtoul(port.c_str(), &end, 10);
    if (port.empty() || *end || p > 65535) return false;
    return DissectorTable::global().decode_as(static_cast<uint16_t>(p), spec.substr(comma + 1));
}

// frame.protocols is computed from the frame's protocol nodes: whoever
// reads it (-e, -Y) needs every protocol field kept too.
std::vector<FieldId> with_layer_protocols(std::vector<FieldId> keep) {
    const FieldRegistry& reg = FieldRegistry::global();
    FieldId fp = reg.find("frame.protocols");
    if (std::find(keep.begin(), keep.end(), fp) != keep.end())
        for (FieldId i = 0; i < reg.size(); ++i)
            if (reg.def(i).type == FieldType::Protocol) keep.push_back(i);
    return keep;
}

int time_digits(const FrameSource& src) { return ms::time_digits(src.interfaces()); }

}  // namespace

int main(int argc, char** argv) {
    Options opt;
    int status = kExitOk;
    if (!parse_options(argc, argv, opt, status)) return status;
    if (opt.show_help) {
        print_usage(false);
        return kExitOk;
    }
    if (opt.show_version) {
        print_version();
        return kExitOk;
    }
    register_all();
    if (opt.glossary == "defaultprefs") {
        std::string o;
        append_default_prefs(o);
        std::fputs(o.c_str(), stdout);
        return kExitOk;
    }
    Limits limits;
    for (const auto& [name, value] : opt.prefs) {
        std::string perr;
        if (!apply_pref(limits, name, value, perr)) {
            std::fprintf(stderr, "mailscope-cli: Invalid -o flag \"%s:%s\": %s\n", name.c_str(), value.c_str(), perr.c_str());
            return kExitInvalidOption;
        }
    }
    if (!opt.glossary.empty()) {
        if (!print_glossary(opt.glossary)) {
            std::fprintf(stderr, "mailscope-cli: Invalid \"%s\" option for -G flag, enter -G help for more help.\n",
                         opt.glossary.c_str());
            return kExitInvalidOption;
        }
        return kExitOk;
    }
    for (const auto& d : opt.decode_as) {
        if (!apply_decode_as(d)) {
            std::fprintf(stderr, "mailscope-cli: \"%s\" isn't a valid \"Decode As\" (expected tcp.port==N,smtp|pop|imap)\n", d.c_str());
            return kExitInvalidOption;
        }
    }
    if (opt.list_interfaces) return print_capture_interfaces();
    const bool live = !opt.interfaces.empty();
    if (opt.read_file.empty() && !live) {
        std::fprintf(stderr, "mailscope-cli: No capture file given (-r FILE) and no interface to capture on (-i IFACE; -D lists them).\n");
        return kExitInvalidOption;
    }
    if (live && opt.two_pass) {
        std::fprintf(stderr, "mailscope-cli: Live captures do not support two-pass analysis (-2).\n");
        return kExitInvalidOption;
    }
    std::unique_ptr<DisplayFilter> filter;
    if (!opt.display_filter.empty()) {
        FilterError ferr;
        filter = DisplayFilter::compile(opt.display_filter, ferr);
        if (!filter) {
            std::fputs(format_filter_error("mailscope-cli", opt.display_filter, ferr).c_str(), stderr);
            return kExitInvalidFilter;
        }
    }

    ObserverFanout taps;
    // Printers of the -z reports, in command-line order; tshark prints its
    // taps in the reverse order, and so does mailscope.
    std::vector<std::function<void(std::string&)>> reports;
    std::vector<std::unique_ptr<FollowTcp>> follows;
    std::unique_ptr<ConvTcp> conv;
    std::unique_ptr<ExpertStats> expert;
    std::vector<std::unique_ptr<FrameReport>> frame_reports;
    MessageFanout messages;  // message watchers: -z mail,messages, --export-objects
    std::vector<std::unique_ptr<ExportObjects>> exports;
    for (const auto& [kind, dir] : opt.export_objects) {
        std::string eerr;
        auto e = ExportObjects::create(kind, dir, eerr);
        if (!e) {
            std::fprintf(stderr, "mailscope-cli: %s\n", eerr.c_str());
            return kExitInvalidOption;
        }
        messages.add(e.get());
        exports.push_back(std::move(e));
    }
    for (const auto& z : opt.stats) {
        FollowTcp::Mode mode;
        uint64_t stream;
        if (FollowTcp::parse(z, mode, stream)) {
            follows.push_back(std::make_unique<FollowTcp>(mode, stream));
            taps.add(follows.back().get());
            reports.push_back([f = follows.back().get()](std::string& o) { f->print(o); });
        } else if (z == "expert") {
            expert = std::make_unique<ExpertStats>();
            reports.push_back([e = expert.get()](std::string& o) { e->print(o); });
        } else if (z == "conv,tcp") {
            conv = std::make_unique<ConvTcp>();
            taps.add(conv.get());
            reports.push_back([c = conv.get()](std::string& o) { c->print(o); });
        } else if (z == "mail,messages") {
            auto m = std::make_unique<MailMessages>();
            messages.add(m.get());
            reports.push_back([p = m.get()](std::string& o) { p->print(o); });
            frame_reports.push_back(std::move(m));
        } else if (std::string zerr; auto r = make_frame_report(z, zerr)) {
            reports.push_back([p = r.get()](std::string& o) { p->print(o); });
            frame_reports.push_back(std::move(r));
        } else {
            if (!zerr.empty()) std::fprintf(stderr, "mailscope-cli: %s\n", zerr.c_str());
            else std::fprintf(stderr, "mailscope-cli: invalid -z argument \"%s\"; see mailscope-cli -h for the supported reports\n", z.c_str());
            return kExitInvalidOption;
        }
    }

    FieldsPrinter fields;
    FrameContext ctx;
    if (!messages.empty()) ctx.message_observer = &messages;
    // Work nobody reads is skipped: the summary columns when no summary line
    // is printed, and the mail dissectors when only transport-level reports
    // (follow, conv, endpoints) are asked for.
    bool transport_only = opt.quiet && !filter && exports.empty() && frame_reports.empty() && !expert;
    if (opt.quiet || !opt.write_file.empty()) ctx.want_columns = opt.print_packets && !opt.quiet;
    if (transport_only) ctx.want_app_layer = false;
    // Expert notes are read by -z expert, the frame reports, filters and
    // the full trees; otherwise only those carried by wanted fields count.
    bool filter_reads_experts = false;
    if (filter)
        for (FieldId f : filter->fields()) {
            const FieldDef& d = FieldRegistry::global().def(f);
            filter_reads_experts |= d.type == FieldType::Expert || std::string_view(d.abbrev).starts_with("_ws.expert");
        }
    ctx.want_experts = expert || !frame_reports.empty() || filter_reads_experts || opt.verbose || opt.hex;
    // With a filter most frames are never printed: TCP's Info text is made
    // only for those that are (complete_columns below).
    ctx.defer_transport_info = filter != nullptr;
    std::vector<FieldId> extra;  // fields the filter and the second pass need
    if (filter) extra = filter->fields();
    for (const auto& r : frame_reports) r->wanted_fields(extra);
    std::unique_ptr<ForwardLinks> links;
    if (opt.two_pass) {
        links = std::make_unique<ForwardLinks>();
        extra.insert(extra.end(), links->forward_fields().begin(), links->forward_fields().end());
    }
    // When the printed fields (and the filter's) are all anybody reads, the
    // mail protocols none of them belongs to are not dissected at all.
    const bool fields_are_all_read = messages.empty() && exports.empty() && frame_reports.empty() &&
                                     !ctx.want_experts && !opt.verbose && !opt.hex;
    if (opt.format == OutputFormat::Fields) {
        std::string bad;
        if (!fields.init(opt.fields, opt.fields_opts, bad)) {
            std::fprintf(stderr, "mailscope-cli: Some fields aren't valid:\n\t%s\n", bad.c_str());
            return kExitInvalidOption;
        }
        std::vector<FieldId> keep = fields.ids();
        keep.insert(keep.end(), extra.begin(), extra.end());
        ctx.tree.keep_only(with_layer_protocols(keep));
        ctx.want_columns = false;
        if (fields_are_all_read) ctx.skipped_apps = DissectorTable::global().unread_by(keep);
    } else if (auto ids = packet_printer_fields(opt); !ids.empty()) {
        // -T json|ek|pdml -e: only those fields, no labels, no columns.
        ids.insert(ids.end(), extra.begin(), extra.end());
        ctx.tree.keep_only(with_layer_protocols(ids));
        ctx.want_columns = false;
        if (fields_are_all_read) ctx.skipped_apps = DissectorTable::global().unread_by(ids);
    } else if (opt.verbose || opt.hex || opt.format == OutputFormat::Json || opt.format == OutputFormat::JsonRaw ||
               opt.format == OutputFormat::Ek || opt.format == OutputFormat::Pdml) {
        ctx.tree.keep_all();
    } else {
        ctx.tree.keep_only(with_layer_protocols(extra));
    }

    std::unique_ptr<PacketPrinter> structured;  // -T json|jsonraw|ek|pdml|psml
    if (opt.format != OutputFormat::Text && opt.format != OutputFormat::Fields) {
        std::string bad;
        structured = make_packet_printer(opt, bad);
        if (!structured) {
            std::fprintf(stderr, "mailscope-cli: Some fields aren't valid:\n\t%s\n", bad.c_str());
            return kExitInvalidOption;
        }
    }
    std::vector<FieldId> detail_protocols;  // -O
    for (const auto& p : opt.detail_protocols)
        if (FieldId f = FieldRegistry::global().find(p); f != kNoField) detail_protocols.push_back(f);

    std::string err;
    if (links) {
        // First pass: learn the links that point forward in the capture.
        auto first = open_capture(opt.read_file, err);
        if (!first) {
            std::fprintf(stderr, "mailscope-cli: %s\n", err.c_str());
            return kExitInvalidFile;
        }
        Pipeline p1(limits);
        p1.set_source(first.get());
        FrameContext c1;
        c1.tree.keep_only(links->backward_fields());
        RawFrame f1;
        while (first->next(f1) == ReadStatus::Frame) {
            p1.dissect(f1, c1);
            links->record(c1);
        }
    }
    auto src = live ? start_capture(opt, err) : open_capture(opt.read_file, err);
    if (!src) {
        std::fprintf(stderr, "mailscope-cli: %s\n", err.c_str());
        return kExitInvalidFile;
    }
    Pipeline pipeline(limits);
    pipeline.set_source(src.get());
    if (!taps.empty()) pipeline.set_tcp_observer(&taps);

    std::unique_ptr<CaptureWriter> writer;
    if (!opt.write_file.empty()) {
        CaptureWriterOptions wo;
        wo.format = opt.write_format == "pcap" ? CaptureFileFormat::Pcap
                    : opt.write_format == "nsecpcap" ? CaptureFileFormat::PcapNanoseconds
                                                     : CaptureFileFormat::Pcapng;
        std::string werr;
        writer = CaptureWriter::create(opt.write_file, wo, werr);
        if (!writer) {
            std::fprintf(stderr, "mailscope-cli: %s\n", werr.c_str());
            return kExitInvalidFile;
        }
    }

    Out out;
    if (opt.format == OutputFormat::Fields && opt.fields_opts.header && !opt.quiet) fields.append_header(out.buf());
    RawFrame frame;
    uint64_t n = 0;
    ReadStatus rs;
    int digits = -1;
    int64_t prev_displayed_ns = 0;  // for -t dd
    // As in tshark, -w silences the packet summaries unless -P asks for them.
    bool print_frames = !opt.quiet && (opt.write_file.empty() || (opt.print_packets && opt.write_file != "-"));
    if (structured && print_frames) structured->begin(out.buf(), time_digits(*src));
    // Outputs where each frame prints from its own tree are dissected on
    // every core, by IP conversation, when nothing else reads the frames.
    const unsigned shards = ShardedRun::shards_for_this_machine();
    const bool sharded = shards > 1 && !live && !links && taps.empty() && !expert && frame_reports.empty() &&
                         messages.empty() && exports.empty() && !writer && print_frames &&
                         can_shard(opt, opt.format == OutputFormat::Fields ? fields.ids() : packet_printer_fields(opt),
                                   filter.get());
    if (sharded) {
        std::vector<std::unique_ptr<CliShardWorker>> workers;
        std::vector<ShardWorker*> worker_ptrs;
        for (unsigned i = 0; i < shards; ++i) {
            workers.push_back(std::make_unique<CliShardWorker>(opt, limits, ctx, &fields));
            worker_ptrs.push_back(workers.back().get());
        }
        auto sink = [&](std::string_view bytes) {
            out.buf().append(bytes);
            out.maybe_flush();
        };
        ShardedRunResult r = ShardedRun::run(*src, worker_ptrs, sink);
        rs = r.status;
        n = r.displayed;
    }
    while (!sharded && (rs = src->next(frame)) == ReadStatus::Frame) {
        pipeline.dissect(frame, ctx);
        if (links) links->apply(ctx);
        if (expert) expert->add_frame(ctx.tree);
        for (auto& r : frame_reports) r->add_frame(ctx);
        if (filter && !filter->matches(ctx)) continue;
        ++n;
        pipeline.complete_columns(ctx);
        if (writer && !writer->write(frame)) {
            std::fprintf(stderr, "mailscope-cli: %s\n", writer->error().c_str());
            return kExitInvalidFile;
        }
        if (print_frames) {
            std::string& o = out.buf();
            if (structured) {
                structured->packet(o, ctx);
            } else if (opt.format == OutputFormat::Fields) {
                fields.append_line(o, ctx.tree);
            } else {
                if (opt.verbose) {
                    if (opt.detail_protocols.empty()) append_tree_text(o, ctx.tree);
                    else append_tree_text(o, ctx.tree, detail_protocols);
                    if (!opt.hex) o += '\n';
                } else {
                    if (digits < 0) digits = time_digits(*src);
                    if (opt.time_column_set) {
                        if (n == 1) prev_displayed_ns = ctx.pinfo.ts_ns;
                        append_summary_line(o, ctx.pinfo, format_time_column(opt.time_column, ctx.pinfo, prev_displayed_ns, digits));
                    } else {
                        append_summary_line(o, ctx.pinfo, digits);
                    }
                    prev_displayed_ns = ctx.pinfo.ts_ns;
                }
                if (opt.hex) append_sources_hex(o, ctx.sources);
                // -S: the separator line takes the place of the blank line
                // that ends each packet's details or hex dump.
                if (opt.packet_separator_set && (opt.verbose || opt.hex) && !o.empty() && o.back() == '\n') {
                    o.pop_back();
                    o += opt.packet_separator;
                    o += '\n';
                }
            }
            if (opt.line_buffered) out.flush(), std::fflush(stdout);
            else out.maybe_flush();
        }
        if (opt.count && n >= opt.count) break;
    }
    pipeline.finish(ctx);
    if (structured && print_frames) structured->end(out.buf());
    for (auto it = reports.rbegin(); it != reports.rend(); ++it) (*it)(out.buf());
    out.flush();
    std::fflush(stdout);
    if (writer && !writer->close()) {
        std::fprintf(stderr, "mailscope-cli: %s\n", writer->error().c_str());
        return kExitInvalidFile;
    }
    // A failed export is a failed run: the files that could not be written are named on stderr.
    bool export_failed = false;
    for (const auto& e : exports) {
        e->finish_open();
        if (!e->error().empty()) {
            std::fprintf(stderr, "mailscope-cli: export objects: %s\n", e->error().c_str());
            export_failed = true;
        }
    }
    if (rs == ReadStatus::Error) {
        std::fprintf(stderr, "mailscope-cli: %s\n", src->error().c_str());
        return kExitInvalidFile;
    }
    return export_failed ? kExitInvalidFile : kExitOk;
}
