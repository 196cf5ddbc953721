// One-line error messages about capture files, worded like tshark's
// (without a program-name prefix: the caller adds its own).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace ms::capture_msg {

// `"NAME"` as it appears in messages.
std::string quoted(std::string_view path);

std::string not_a_capture(std::string_view path);
std::string empty_file(std::string_view path);
std::string cut_short_in_header(std::string_view path);
std::string cut_short_in_packet(std::string_view path);
std::string cut_short_in_block(std::string_view path);
// The compressed stream ends before its gzip trailer.
std::string gzip_cut_short(std::string_view path);
std::string gzip_empty(std::string_view path);
// "The file "X" appears to be damaged or corrupt: <what>."
std::string corrupt(std::string_view path, std::string_view what);
std::string unsupported(std::string_view path, std::string_view what);
std::string open_failed(std::string_view path, int err);
std::string read_failed(std::string_view path, int err);
std::string write_failed(std::string_view path, int err);

}  // namespace ms::capture_msg
