// A strict JSON parser for the output tests (RFC 8259: no trailing commas,
// no raw control characters in strings, valid \u escapes, valid UTF-8).
// Objects keep their members in order and keep duplicate keys, as tshark's
// -T json output has them.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "app/cli/printers/markup_escape.hpp"

namespace ms::test {

struct JsonValue {
    enum Kind { Null, Bool, Number, String, Array, Object } kind = Null;
    std::string text;  // string value, number text, "true"/"false"
    std::vector<JsonValue> items;                            // Array
    std::vector<std::pair<std::string, JsonValue>> members;  // Object

    // The first member with this key, or null.
    const JsonValue* get(std::string_view key) const {
        for (const auto& [k, v] : members)
            if (k == key) return &v;
        return nullptr;
    }
};

class StrictJson {
public:
    // Parses one value filling the whole input (surrounding whitespace allowed).
    static bool parse(std::string_view in, JsonValue& out, std::string& error) {
        StrictJson p(in);
        if (!p.value(out, 0)) {
            error = p.error_ + " at offset " + std::to_string(p.pos_);
            return false;
        }
        p.ws();
        if (p.pos_ != in.size()) {
            error = "trailing bytes at offset " + std::to_string(p.pos_);
            return false;
        }
        return true;
    }

private:
    explicit StrictJson(std::string_view in) : in_(in) {}

    void ws() {
        while (pos_ < in_.size() && (in_[pos_] == ' ' || in_[pos_] == '\n' || in_[pos_] == '\r' || in_[pos_] == '\t')) ++pos_;
    }
    bool fail(const char* e) {
        error_ = e;
        return false;
    }
    bool lit(std::string_view w) {
        if (in_.substr(pos_, w.size()) != w) return fail("bad literal");
        pos_ += w.size();
        return true;
    }
    static void put_utf8(std::string& s, uint32_t cp) {
        if (cp < 0x80) s += char(cp);
        else if (cp < 0x800) s += char(0xC0 | (cp >> 6)), s += char(0x80 | (cp & 0x3F));
        else if (cp < 0x10000) s += char(0xE0 | (cp >> 12)), s += char(0x80 | ((cp >> 6) & 0x3F)), s += char(0x80 | (cp & 0x3F));
        else
            s += char(0xF0 | (cp >> 18)), s += char(0x80 | ((cp >> 12) & 0x3F)), s += char(0x80 | ((cp >> 6) & 0x3F)),
                s += char(0x80 | (cp & 0x3F));
    }
    bool hex4(uint32_t& v) {
        if (in_.size() - pos_ < 4) return fail("short \\u escape");
        v = 0;
        for (int i = 0; i < 4; ++i) {
            char c = in_[pos_++];
            v <<= 4;
            if (c >= '0' && c <= '9') v |= uint32_t(c - '0');
            else if (c >= 'a' && c <= 'f') v |= uint32_t(c - 'a' + 10);
            else if (c >= 'A' && c <= 'F') v |= uint32_t(c - 'A' + 10);
            else return fail("bad \\u escape");
        }
        return true;
    }
    bool string(std::string& s) {
        if (pos_ >= in_.size() || in_[pos_] != '"') return fail("expected string");
        ++pos_;
        while (true) {
            if (pos_ >= in_.size()) return fail("unterminated string");
            unsigned char c = static_cast<unsigned char>(in_[pos_]);
            if (c == '"') {
                ++pos_;
                return true;
            }
            if (c < 0x20) return fail("raw control character in string");
            if (c >= 0x80) {
                std::size_t n = ms::cli::utf8_sequence_length(in_, pos_);
                if (!n) return fail("invalid UTF-8 in string");
                s.append(in_.data() + pos_, n);
                pos_ += n;
                continue;
            }
            ++pos_;
            if (c != '\\') {
                s += char(c);
                continue;
            }
            if (pos_ >= in_.size()) return fail("unterminated escape");
            char e = in_[pos_++];
            switch (e) {
                case '"': s += '"'; break;
                case '\\': s += '\\'; break;
                case '/': s += '/'; break;
                case 'b': s += '\b'; break;
                case 'f': s += '\f'; break;
                case 'n': s += '\n'; break;
                case 'r': s += '\r'; break;
                case 't': s += '\t'; break;
                case 'u': {
                    uint32_t v;
                    if (!hex4(v)) return false;
                    if (v >= 0xD800 && v <= 0xDBFF) {
                        uint32_t lo;
                        if (!lit("\\u") || !hex4(lo) || lo < 0xDC00 || lo > 0xDFFF) return fail("bad surrogate pair");
                        v = 0x10000 + ((v - 0xD800) << 10) + (lo - 0xDC00);
                    } else if (v >= 0xDC00 && v <= 0xDFFF) {
                        return fail("lone surrogate");
                    }
                    put_utf8(s, v);
                    break;
                }
                default: return fail("bad escape");
            }
        }
    }
    bool number(JsonValue& v) {
        std::size_t start = pos_;
        if (pos_ < in_.size() && in_[pos_] == '-') ++pos_;
        if (pos_ >= in_.size() || in_[pos_] < '0' || in_[pos_] > '9') return fail("bad number");
        if (in_[pos_] == '0') ++pos_;
        else while (pos_ < in_.size() && in_[pos_] >= '0' && in_[pos_] <= '9') ++pos_;
        if (pos_ < in_.size() && in_[pos_] == '.') {
            ++pos_;
            if (pos_ >= in_.size() || in_[pos_] < '0' || in_[pos_] > '9') return fail("bad fraction");
            while (pos_ < in_.size() && in_[pos_] >= '0' && in_[pos_] <= '9') ++pos_;
        }
        v.kind = JsonValue::Number;
        v.text = std::string(in_.substr(start, pos_ - start));
        return true;
    }
    bool value(JsonValue& v, int depth) {
        if (depth > 512) return fail("nesting too deep");
        ws();
        if (pos_ >= in_.size()) return fail("unexpected end");
        char c = in_[pos_];
        if (c == '{') {
            ++pos_;
            v.kind = JsonValue::Object;
            ws();
            if (pos_ < in_.size() && in_[pos_] == '}') return ++pos_, true;
            while (true) {
                ws();
                std::string k;
                if (!string(k)) return false;
                ws();
                if (pos_ >= in_.size() || in_[pos_] != ':') return fail("expected ':'");
                ++pos_;
                JsonValue m;
                if (!value(m, depth + 1)) return false;
                v.members.emplace_back(std::move(k), std::move(m));
                ws();
                if (pos_ < in_.size() && in_[pos_] == ',') { ++pos_; continue; }
                if (pos_ < in_.size() && in_[pos_] == '}') return ++pos_, true;
                return fail("expected ',' or '}'");
            }
        }
        if (c == '[') {
            ++pos_;
            v.kind = JsonValue::Array;
            ws();
            if (pos_ < in_.size() && in_[pos_] == ']') return ++pos_, true;
            while (true) {
                JsonValue item;
                if (!value(item, depth + 1)) return false;
                v.items.push_back(std::move(item));
                ws();
                if (pos_ < in_.size() && in_[pos_] == ',') { ++pos_; continue; }
                if (pos_ < in_.size() && in_[pos_] == ']') return ++pos_, true;
                return fail("expected ',' or ']'");
            }
        }
        if (c == '"') {
            v.kind = JsonValue::String;
            return string(v.text);
        }
        if (c == 't') return v.kind = JsonValue::Bool, v.text = "true", lit("true");
        if (c == 'f') return v.kind = JsonValue::Bool, v.text = "false", lit("false");
        if (c == 'n') return v.kind = JsonValue::Null, lit("null");
        return number(v);
    }

    std::string_view in_;
    std::size_t pos_ = 0;
    std::string error_;
};

}  // namespace ms::test
