#include "app/cli/options.hpp"

#include <getopt.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string_view>

namespace ms::cli {

namespace {

bool parse_fields_option(std::string_view arg, FieldsOptions& fo) {
    auto eq = arg.find('=');
    if (eq == std::string_view::npos) return false;
    std::string_view key = arg.substr(0, eq), val = arg.substr(eq + 1);
    auto expand = [](std::string_view v) -> std::string {
        if (v == "/t") return "\t";
        if (v == "/s") return " ";
        return std::string(v);
    };
    if (key == "header") {
        if (val != "y" && val != "n") return false;
        fo.header = val == "y";
    } else if (key == "separator") {
        fo.separator = expand(val);
    } else if (key == "quote") {
        if (val == "d") fo.quote = '"';
        else if (val == "s") fo.quote = '\'';
        else if (val == "n") fo.quote = 0;
        else return false;
    } else if (key == "occurrence") {
        if (val != "f" && val != "l" && val != "a") return false;
        fo.occurrence = val[0];
    } else if (key == "aggregator") {
        fo.aggregator = expand(val);
    } else if (key == "bom" || key == "escape") {
        // accepted for compatibility; mailscope writes no BOM and escapes as tshark
    } else {
        return false;
    }
    return true;
}

}  // namespace

void print_file_types() {
    std::fprintf(stderr,
                 "mailscope-cli: The available capture file types for the \"-F\" flag are:\n"
                 "    pcap - Wireshark/tcpdump/... - pcap\n"
                 "    pcapng - Wireshark/... - pcapng\n"
                 "    nsecpcap - Wireshark/tcpdump/... - nanosecond pcap\n");
}

void print_version() {
    std::printf("mailscope-cli 0.1.0\n\nAn email traffic analyzer with tshark's flags.\n");
}

void print_usage(bool to_stderr) {
    FILE* f = to_stderr ? stderr : stdout;
    std::fprintf(f,
        "mailscope-cli 0.1.0\n"
        "Dump and analyze email traffic (SMTP, POP3, IMAP and the messages they carry).\n"
        "\n"
        "Usage: mailscope-cli [options] ...\n"
        "\n"
        "Capture interface (live capture runs mailscope-capture):\n"
        "  -i <interface>           name or idx of interface (repeatable)\n"
        "  -f <capture filter>      packet filter in libpcap filter syntax\n"
        "  -s <snaplen>             packet snapshot length\n"
        "  -p                       don't capture in promiscuous mode\n"
        "  -B <buffer size>         size of kernel buffer in MiB\n"
        "  -D                       print list of interfaces and exit\n"
        "\n"
        "Capture stop conditions:\n"
        "  -a duration:NUM|filesize:NUM|packets:NUM|files:NUM\n"
        "Capture output:\n"
        "  -b duration:NUM|filesize:NUM|files:NUM   ring buffer\n"
        "\n"
        "Input file:\n"
        "  -r <infile>, --read-file <infile>\n"
        "                           set the filename to read from (or '-' for stdin);\n"
        "                           pcap, pcapng, either gzip-compressed or not\n"
        "\n"
        "Processing:\n"
        "  -2                       perform a two-pass analysis\n"
        "  -Y <display filter>, --display-filter <display filter>\n"
        "                           packet display filter in Wireshark display filter syntax\n"
        "  -R <read filter>, --read-filter <read filter>\n"
        "                           packet Read filter in Wireshark display filter syntax (with -2)\n"
        "  -n                       disable all name resolutions (mailscope never resolves)\n"
        "  -d tcp.port==<port>,<protocol>\n"
        "                           \"Decode As\": smtp, pop or imap on that TCP port\n"
        "  -o <name>:<value>        override a preference (limits; see -G defaultprefs)\n"
        "  -c <packet count>        stop after n packets\n"
        "\n"
        "Output:\n"
        "  -V                       add output of packet tree (Packet Details)\n"
        "  -x                       add output of hex and ASCII dump (Packet Bytes)\n"
        "  -O <protocols>           with -V, details only of these protocols (comma-separated);\n"
        "                           the others are shown as their one-line header\n"
        "  -S <separator>           line printed after each packet's -V/-x output\n"
        "  -T text|fields|json|jsonraw|ek|pdml|psml\n"
        "                           format of text output (def: text)\n"
        "  -j <protocol filter>     with -T json|ek|pdml: only the top level of these protocols\n"
        "                           (space-separated), the others marked \"filtered\"\n"
        "  -J <protocol filter>     like -j, with everything below those protocols\n"
        "  -t a|ad|adoy|d|dd|e|r|u|ud|udoy  format of the summary's time column (def: r)\n"
        "  -u s|hms                 output format of seconds (def: s)\n"
        "  -e <field>               field to print with -T fields (e.g. tcp.port, smtp.req.command),\n"
        "                           or the only fields of -T json|ek|pdml; repeatable\n"
        "  -E<fieldsoption>=<value> set options for output when -Tfields selected:\n"
        "     header=y|n            switch headers on and off\n"
        "     separator=/t|/s|<char> select tab, space, printable character as separator\n"
        "     occurrence=f|l|a      print first, last or all occurrences of each field\n"
        "     aggregator=,|/s|<char> select comma, space, printable character as aggregator\n"
        "     quote=d|s|n           select double, single, no quotes for values\n"
        "  -w <outfile|->           write packets (those the -Y filter passes) to a capture file\n"
        "  -F <output file type>    pcapng (default), pcap or nsecpcap; -F alone lists them\n"
        "  -P                       print packet summary even when writing to a file\n"
        "  -l                       flush standard output after each packet\n"
        "  -q                       be more quiet on stdout (e.g. when using statistics)\n"
        "  -z <statistics>          various statistics (printed in reverse order, as tshark does):\n"
        "     follow,tcp,ascii|hex|raw,<stream>   Follow TCP Stream\n"
        "     conv,tcp              TCP conversations\n"
        "     endpoints,tcp         TCP endpoints\n"
        "     io,stat,<interval>[,<filter>...]   frames and bytes per interval and filter\n"
        "     expert                expert information\n"
        "     credentials           user names and passwords (SMTP AUTH, POP3, IMAP LOGIN)\n"
        "     smtp,stat | pop,stat | imap,stat   commands, replies and response times\n"
        "     mail,messages         one line per carried message\n"
        "  --export-objects imf,<dir>    every message as an .eml (exact bytes)\n"
        "  --export-objects mime,<dir>   every attachment, decoded, under a safe name\n"
        "\n"
        "Miscellaneous:\n"
        "  -h, --help               display this help and exit\n"
        "  -v, --version            display version info and exit\n"
        "  -G [fields|protocols|decodes|defaultprefs]\n"
        "                           dump the fields, protocols, the TCP ports of the\n"
        "                           mail dissectors, or the preferences\n");
}

bool parse_options(int argc, char** argv, Options& o, int& status) {
    static const struct option long_opts[] = {
        {"help", no_argument, nullptr, 'h'},
        {"version", no_argument, nullptr, 'v'},
        {"read-file", required_argument, nullptr, 'r'},
        {"display-filter", required_argument, nullptr, 'Y'},
        {"read-filter", required_argument, nullptr, 'R'},
        {"export-objects", required_argument, nullptr, 1001},
        {nullptr, 0, nullptr, 0},
    };
    optind = 1;
    opterr = 0;
    int c;
    while ((c = getopt_long(argc, argv, ":2a:b:B:c:d:De:E:f:F:G::hi:j:J:lno:O:pPqr:R:s:S:t:T:u:vVw:xY:z:", long_opts, nullptr)) != -1) {
        switch (c) {
            case '2': o.two_pass = true; break;
            case 'c': {
                char* end = nullptr;
                long long v = std::strtoll(optarg, &end, 10);
                if (!*optarg || *end || v <= 0) {
                    std::fprintf(stderr, "mailscope-cli: The specified packet count \"%s\" isn't a valid positive integer.\n", optarg);
                    status = kExitInvalidOption;
                    return false;
                }
                o.count = static_cast<uint64_t>(v);
                break;
            }
            case 'd': o.decode_as.emplace_back(optarg); break;
            case 'e': o.fields.emplace_back(optarg); break;
            case 'E':
                if (!parse_fields_option(optarg, o.fields_opts)) {
                    std::fprintf(stderr, "mailscope-cli: Invalid -E parameter \"%s\"; it must be of the form field=value.\n", optarg);
                    status = kExitInvalidOption;
                    return false;
                }
                break;
            case 'G':
                // tshark takes "-G fields" as well as "-Gfields".
                if (optarg) o.glossary = optarg;
                else if (optind < argc && argv[optind][0] != '-') o.glossary = argv[optind++];
                else o.glossary = "fields";
                break;
            case 'h': o.show_help = true; break;
            case 'n': o.numeric = true; break;
            case 'o': {
                std::string_view a = optarg;
                auto colon = a.find(':');
                if (colon == std::string_view::npos) {
                    std::fprintf(stderr, "mailscope-cli: Invalid -o flag \"%s\"\n", optarg);
                    status = kExitInvalidOption;
                    return false;
                }
                o.prefs.emplace_back(std::string(a.substr(0, colon)), std::string(a.substr(colon + 1)));
                break;
            }
            case 'q': o.quiet = true; break;
            case 'a':
            case 'b': {
                static const char* const a_keys[] = {"duration:", "filesize:", "packets:", "files:"};
                std::string_view v = optarg;
                bool ok = false;
                for (const char* k : a_keys)
                    if (v.rfind(k, 0) == 0 && v.size() > std::strlen(k) && (c == 'a' || std::strcmp(k, "packets:") != 0)) ok = true;
                if (!ok) {
                    std::fprintf(stderr, "mailscope-cli: Invalid %s criterion \"%s\"\n", c == 'a' ? "autostop" : "ring buffer",
                                 optarg);
                    status = kExitInvalidOption;
                    return false;
                }
                (c == 'a' ? o.autostop : o.ring_buffer).emplace_back(optarg);
                break;
            }
            case 'B':
            case 's': {
                char* end = nullptr;
                long long v = std::strtoll(optarg, &end, 10);
                if (!*optarg || *end || v < 0 || v > 0x7fffffff) {
                    std::fprintf(stderr, "mailscope-cli: The specified %s \"%s\" isn't a valid non-negative integer.\n",
                                 c == 's' ? "snapshot length" : "buffer size", optarg);
                    status = kExitInvalidOption;
                    return false;
                }
                (c == 's' ? o.snaplen : o.buffer_size_mib) = static_cast<uint32_t>(v);
                break;
            }
            case 'D': o.list_interfaces = true; break;
            case 't':
                if (!parse_time_format(optarg, o.time_column)) {
                    std::fprintf(stderr, "mailscope-cli: Invalid time stamp type \"%s\"; it must be one of:\n"
                                         "\ta|ad|adoy|d|dd|e|r|u|ud|udoy\n", optarg);
                    status = kExitInvalidOption;
                    return false;
                }
                o.time_column_set = true;
                break;
            case 'u':
                if (std::strcmp(optarg, "s") != 0 && std::strcmp(optarg, "hms") != 0) {
                    std::fprintf(stderr, "mailscope-cli: Invalid seconds type \"%s\"; it must be s or hms.\n", optarg);
                    status = kExitInvalidOption;
                    return false;
                }
                o.time_column.hms = std::strcmp(optarg, "hms") == 0;
                o.time_column_set = true;
                break;
            case 'i': o.interfaces.emplace_back(optarg); break;
            case 'f': o.capture_filter = optarg; break;
            case 'l': o.line_buffered = true; break;
            case 'p': o.no_promiscuous = true; break;
            case 'P': o.print_packets = true; break;
            case 'w': o.write_file = optarg; break;
            case 'F':
                if (std::strcmp(optarg, "pcap") != 0 && std::strcmp(optarg, "pcapng") != 0 && std::strcmp(optarg, "nsecpcap") != 0) {
                    std::fprintf(stderr, "mailscope-cli: \"%s\" isn't a valid capture file type\n", optarg);
                    print_file_types();
                    status = kExitInvalidOption;
                    return false;
                }
                o.write_format = optarg;
                break;
            case 'r': o.read_file = optarg; break;
            case 'R': o.display_filter = optarg; break;
            case 'T': {
                static const std::pair<const char*, OutputFormat> formats[] = {
                    {"text", OutputFormat::Text}, {"fields", OutputFormat::Fields}, {"json", OutputFormat::Json},
                    {"jsonraw", OutputFormat::JsonRaw}, {"ek", OutputFormat::Ek}, {"pdml", OutputFormat::Pdml},
                    {"psml", OutputFormat::Psml}};
                bool known = false;
                for (const auto& [name, fmt] : formats)
                    if (std::strcmp(optarg, name) == 0) o.format = fmt, known = true;
                if (!known) {
                    std::fprintf(stderr,
                                 "mailscope-cli: Invalid -T parameter \"%s\"; it must be one of:\n"
                                 "\t\"ek\"      one JSON object per line for Elasticsearch/OpenSearch bulk import\n"
                                 "\t\"fields\"  the -e fields, laid out by the -E options\n"
                                 "\t\"json\"    the packet details as a JSON array\n"
                                 "\t\"jsonraw\" the packet details as JSON, bytes only (hex, position, length)\n"
                                 "\t\"pdml\"    the packet details as XML (PDML)\n"
                                 "\t\"psml\"    the packet summary columns as XML (PSML)\n"
                                 "\t\"text\"    summary lines, or the details with -V (the default)\n",
                                 optarg);
                    status = kExitInvalidOption;
                    return false;
                }
                break;
            }
            case 'j':
            case 'J':
                o.proto_filter = optarg;
                o.proto_filter_children = c == 'J';
                break;
            case 'O': {
                // tshark: comma-separated protocol names.
                std::string_view a = optarg;
                std::size_t i = 0;
                while (i <= a.size()) {
                    std::size_t comma = a.find(',', i);
                    if (comma == std::string_view::npos) comma = a.size();
                    if (comma > i) o.detail_protocols.emplace_back(a.substr(i, comma - i));
                    i = comma + 1;
                }
                break;
            }
            case 'S':
                o.packet_separator = optarg;
                o.packet_separator_set = true;
                break;
            case 'v': o.show_version = true; break;
            case 'V': o.verbose = true; break;
            case 'x': o.hex = true; break;
            case 'Y': o.display_filter = optarg; break;
            case 'z': o.stats.emplace_back(optarg); break;
            case 1001: {
                std::string_view a = optarg;
                auto comma = a.find(',');
                if (comma == std::string_view::npos || comma + 1 >= a.size()) {
                    std::fprintf(stderr, "mailscope-cli: Invalid --export-objects argument \"%s\"; it must be <protocol>,<destdir>\n", optarg);
                    status = kExitInvalidOption;
                    return false;
                }
                o.export_objects.emplace_back(std::string(a.substr(0, comma)), std::string(a.substr(comma + 1)));
                break;
            }
            case ':':
                std::fprintf(stderr, "mailscope-cli: option requires an argument -- '%c'\n", optopt);
                if (optopt == 'F') {
                    print_file_types();
                    status = kExitInvalidOption;
                    return false;
                }
                print_usage(true);
                status = kExitInvalidOption;
                return false;
            default:
                std::fprintf(stderr, "mailscope-cli: invalid option -- '%c'\n", optopt ? optopt : '?');
                std::fprintf(stderr, "mailscope-cli: See 'mailscope-cli -h' for usage.\n");
                status = kExitInvalidOption;
                return false;
        }
    }
    if (optind < argc && o.capture_filter.empty() && (!o.interfaces.empty())) {
        // tshark takes the rest of a live capture's command line as its filter.
        for (int i = optind; i < argc; ++i) o.capture_filter += (i > optind ? " " : "") + std::string(argv[i]);
        optind = argc;
    }
    if (optind < argc) {
        // tshark takes a trailing capture filter; reading files has none.
        std::fprintf(stderr, "mailscope-cli: A capture filter was specified both with \"-f\" and with additional command-line arguments, or a stray argument \"%s\" was given.\n", argv[optind]);
        status = kExitInvalidOption;
        return false;
    }
    if (!o.detail_protocols.empty()) o.verbose = true;  // -O implies -V, as in tshark
        if (o.format == OutputFormat::Fields && o.fields.empty() && o.glossary.empty() && !o.show_help && !o.show_version) {
        std::fprintf(stderr, "mailscope-cli: \"-T fields\" was specified, but no fields were specified with \"-e\".\n");
        status = kExitInvalidOption;
        return false;
    }
    return true;
}

}  // namespace ms::cli
