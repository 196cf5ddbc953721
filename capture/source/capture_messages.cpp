#include "capture/source/capture_messages.hpp"

#include <cerrno>
#include <cstring>

namespace ms::capture_msg {

std::string quoted(std::string_view path) {
    std::string s;
    s.reserve(path.size() + 2);
    s += '"';
    s += path;
    s += '"';
    return s;
}

static std::string the_file(std::string_view path) { return "The file " + quoted(path); }

std::string not_a_capture(std::string_view path) {
    return the_file(path) + " isn't a capture file in a format mailscope understands.";
}

std::string empty_file(std::string_view path) {
    return the_file(path) + " is empty, so it isn't a capture file.";
}

std::string cut_short_in_header(std::string_view path) {
    return the_file(path) + " appears to have been cut short in the middle of its file header.";
}

std::string cut_short_in_packet(std::string_view path) {
    return the_file(path) + " appears to have been cut short in the middle of a packet.";
}

std::string cut_short_in_block(std::string_view path) {
    return the_file(path) + " appears to have been cut short in the middle of a pcapng block.";
}

std::string gzip_cut_short(std::string_view path) {
    return the_file(path) +
           " appears to have been cut short in the middle of a packet (the gzip-compressed data "
           "ends before its end marker).";
}

std::string gzip_empty(std::string_view path) {
    return the_file(path) + " is gzip-compressed but holds no data, so it isn't a capture file.";
}

std::string corrupt(std::string_view path, std::string_view what) {
    std::string s = the_file(path) + " appears to be damaged or corrupt: ";
    s += what;
    s += '.';
    return s;
}

std::string unsupported(std::string_view path, std::string_view what) {
    std::string s = the_file(path) + " contains data that mailscope doesn't support: ";
    s += what;
    s += '.';
    return s;
}

std::string open_failed(std::string_view path, int err) {
    switch (err) {
        case ENOENT: return the_file(path) + " doesn't exist.";
        case EACCES:
        case EPERM: return the_file(path) + " could not be opened due to a lack of permission.";
        case EISDIR: return quoted(path) + " is a directory (folder), not a file.";
        default: return the_file(path) + " could not be opened: " + std::strerror(err) + ".";
    }
}

std::string read_failed(std::string_view path, int err) {
    return "An error occurred while reading from the file " + quoted(path) + ": " +
           std::strerror(err) + ".";
}

std::string write_failed(std::string_view path, int err) {
    return "An error occurred while writing to the file " + quoted(path) + ": " +
           std::strerror(err) + ".";
}

}  // namespace ms::capture_msg
