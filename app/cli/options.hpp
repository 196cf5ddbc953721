// mailscope-cli's command line: tshark's flags, parsed into one value.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "capture/pipeline/time_column.hpp"

namespace ms::cli {

// tshark's exit statuses (tshark.c / exit_codes.h).
enum ExitStatus : int {
    kExitOk = 0,
    kExitInvalidOption = 1,
    kExitInvalidFile = 2,   // what tshark 4.0 returns for unreadable/bad capture files
    kExitInvalidFilter = 2, // tshark 4.0 returns 2 for a bad -Y/-R filter as well
};

enum class OutputFormat { Text, Fields, Json, JsonRaw, Ek, Pdml, Psml };

struct FieldsOptions {
    bool header = false;
    std::string separator = "\t";
    char quote = 0;            // 0, '"' or '\''
    char occurrence = 'a';     // 'f', 'l' or 'a'
    std::string aggregator = ",";
};

struct Options {
    std::string read_file;        // -r
    bool numeric = false;         // -n (mailscope never resolves names)
    uint64_t count = 0;           // -c, 0 = all
    bool verbose = false;         // -V
    bool hex = false;             // -x
    bool quiet = false;           // -q
    OutputFormat format = OutputFormat::Text;
    std::vector<std::string> fields;  // -e
    FieldsOptions fields_opts;        // -E
    std::vector<std::string> stats;   // -z
    std::string glossary;             // -G
    std::string display_filter;       // -Y / -R
    bool two_pass = false;            // -2
    std::vector<std::string> decode_as;                      // -d
    std::vector<std::pair<std::string, std::string>> prefs;  // -o name:value
    std::vector<std::pair<std::string, std::string>> export_objects;  // --export-objects kind,dir
    TimeColumn time_column;                 // -t, -u
    bool time_column_set = false;
    // Writing packets.
    std::string write_file;                 // -w ("-" = standard output)
    std::string write_format = "pcapng";    // -F pcap|pcapng|nsecpcap
    bool print_packets = false;             // -P: summaries even with -w
    // Live capture, parsed for the capture integration (capture/live/).
    bool list_interfaces = false;             // -D
    std::vector<std::string> interfaces;      // -i (repeatable)
    std::string capture_filter;               // -f
    uint32_t snaplen = 0;                     // -s, 0 = default
    bool no_promiscuous = false;              // -p
    uint32_t buffer_size_mib = 0;             // -B, 0 = default
    std::vector<std::string> autostop;        // -a duration:N|filesize:N|packets:N|files:N
    std::vector<std::string> ring_buffer;     // -b duration:N|filesize:N|files:N
    bool line_buffered = false;               // -l
    // Structured outputs and the detail view.
    // -j "proto ..." (those subtrees' top level) or -J "proto ..." (those
    // subtrees in full); as in tshark the last of them wins.
    std::string proto_filter;
    bool proto_filter_children = false;
    std::vector<std::string> detail_protocols;       // -O proto,...: -V detail only for these
    std::string packet_separator;                    // -S: line after each packet's -V/-x output
    bool packet_separator_set = false;
    bool show_help = false, show_version = false;
};

// Parses argv; on error prints tshark-style messages to stderr and returns
// false with `status` set.
bool parse_options(int argc, char** argv, Options& out, int& status);
void print_usage(bool to_stderr);
void print_version();
void print_file_types();  // -F's list, to stderr

}  // namespace ms::cli
