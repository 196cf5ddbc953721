// A small streaming JSON writer for -T json|jsonraw|ek: keeps track of the
// commas and, when pretty, of tshark's two-space indentation, so printers
// only say what comes next. Appends to a caller's buffer; allocates nothing
// per value beyond that buffer (the nesting stack keeps its capacity).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "app/cli/printers/markup_escape.hpp"

namespace ms::cli {

class JsonWriter {
public:
    // `depth`: nesting level the first value is at (pretty output indents
    // relative to it, so a packet object can sit inside the document's array).
    JsonWriter(std::string& out, bool pretty, int depth = 0) : out_(out), pretty_(pretty), base_(depth) {}

    // A member name; `suffix` is appended unescaped ("_raw", "_tree").
    void key(std::string_view name, std::string_view suffix = {}) {
        separate();
        out_ += '"';
        append_json_escaped(out_, name);
        out_ += suffix;
        out_ += pretty_ ? "\": " : "\":";
        after_key_ = true;
    }
    void begin_object() { open('{'); }
    void end_object() { close('}'); }
    void begin_array() { open('['); }
    void end_array() { close(']'); }
    void string(std::string_view v) {
        value_start();
        append_json_string(out_, v);
    }
    // A value already in JSON form: null, true, 42, or a string the caller quoted.
    void literal(std::string_view v) {
        value_start();
        out_ += v;
    }
    // For values built in place: call before appending them to out().
    void value_start() {
        if (!after_key_) separate();
        after_key_ = false;
    }
    std::string& out() { return out_; }

private:
    void separate() {
        if (!open_.empty()) {
            if (open_.back()) out_ += ',';
            open_.back() = true;
            if (pretty_) newline(static_cast<int>(open_.size()));
        }
    }
    void newline(int depth) {
        out_ += '\n';
        out_.append(std::size_t(base_ + depth) * 2, ' ');
    }
    void open(char c) {
        value_start();
        out_ += c;
        open_.push_back(false);
    }
    void close(char c) {
        bool had = !open_.empty() && open_.back();
        if (!open_.empty()) open_.pop_back();
        if (pretty_ && had) newline(static_cast<int>(open_.size()));
        out_ += c;
    }

    std::string& out_;
    bool pretty_;
    int base_;
    bool after_key_ = false;
    std::vector<bool> open_;  // per open container: whether it has an item yet
};

}  // namespace ms::cli
