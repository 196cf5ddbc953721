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
        "  -T text|fields           format of text output (def: text)\n"
        "  -e <field>               field to print if -Tfields selected (e.g. tcp.port,\n"
        "                           smtp.req.command); this option can be repeated\n"
        "  -E<fieldsoption>=<value> set options for output when -Tfields selected:\n"
        "     header=y|n            switch headers on and off\n"
        "     separator=/t|/s|<char> select tab, space, printable character as separator\n"
        "     occurrence=f|l|a      print first, last or all occurrences of each field\n"
        "     aggregator=,|/s|<char> select comma, space, printable character as aggregator\n"
        "     quote=d|s|n           select double, single, no quotes for values\n"
        "  -q                       be more quiet on stdout (e.g. when using statistics)\n"
        "  -z <statistics>          various statistics:\n"
        "     follow,tcp,ascii|hex|raw,<stream>   Follow TCP Stream\n"
        "     conv,tcp              TCP conversations\n"
        "\n"
        "Miscellaneous:\n"
        "  -h, --help               display this help and exit\n"
        "  -v, --version            display version info and exit\n"
        "  -G [fields]              dump the field registry (tshark's -G fields format)\n");
}

bool parse_options(int argc, char** argv, Options& o, int& status) {
    static const struct option long_opts[] = {
        {"help", no_argument, nullptr, 'h'},
        {"version", no_argument, nullptr, 'v'},
        {"read-file", required_argument, nullptr, 'r'},
        {"display-filter", required_argument, nullptr, 'Y'},
        {"read-filter", required_argument, nullptr, 'R'},
        {nullptr, 0, nullptr, 0},
    };
    optind = 1;
    opterr = 0;
    int c;
    while ((c = getopt_long(argc, argv, ":2c:d:e:E:G::hno:qr:R:T:vVxY:z:", long_opts, nullptr)) != -1) {
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
            case 'G': o.glossary = optarg ? optarg : "fields"; break;
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
            case 'r': o.read_file = optarg; break;
            case 'R': o.display_filter = optarg; break;
            case 'T':
                if (std::strcmp(optarg, "fields") == 0) o.format = OutputFormat::Fields;
                else if (std::strcmp(optarg, "text") == 0) o.format = OutputFormat::Text;
                else {
                    std::fprintf(stderr,
                                 "mailscope-cli: Invalid -T parameter \"%s\"; it must be one of:\n"
                                 "\t\"fields\"  The values of fields specified with the -e option, in a form\n"
                                 "\t           specified by the -E option.\n"
                                 "\t\"text\"    The text format of the packet details (the default).\n",
                                 optarg);
                    status = kExitInvalidOption;
                    return false;
                }
                break;
            case 'v': o.show_version = true; break;
            case 'V': o.verbose = true; break;
            case 'x': o.hex = true; break;
            case 'Y': o.display_filter = optarg; break;
            case 'z': o.stats.emplace_back(optarg); break;
            case ':':
                std::fprintf(stderr, "mailscope-cli: option requires an argument -- '%c'\n", optopt);
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
    if (optind < argc) {
        // tshark takes a trailing capture filter; reading files has none.
        std::fprintf(stderr, "mailscope-cli: A capture filter was specified both with \"-f\" and with additional command-line arguments, or a stray argument \"%s\" was given.\n", argv[optind]);
        status = kExitInvalidOption;
        return false;
    }
    if (o.format == OutputFormat::Fields && o.fields.empty() && o.glossary.empty() && !o.show_help && !o.show_version) {
        std::fprintf(stderr, "mailscope-cli: \"-T fields\" was specified, but no fields were specified with \"-e\".\n");
        status = kExitInvalidOption;
        return false;
    }
    return true;
}

}  // namespace ms::cli
