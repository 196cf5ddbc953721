#include "charset_converter.hpp"

#include <iconv.h>

#include <cerrno>

#include "text_util.hpp"

namespace ms::mime {

namespace {
constexpr std::string_view kReplacement = "\xEF\xBF\xBD";
constexpr std::size_t kMaxPending = 16;  // longer than any charset's character

// Cuts s to at most cap bytes without splitting a UTF-8 character.
void cut_utf8(std::string& s, std::size_t cap) {
    if (s.size() <= cap) return;
    std::size_t n = cap;
    while (n > 0 && (static_cast<uint8_t>(s[n]) & 0xC0) == 0x80) --n;
    s.resize(n);
}

std::string normalize_charset(std::string_view cs) {
    cs = trim(cs);
    if (cs.size() >= 2 && cs.front() == '"' && cs.back() == '"') cs = cs.substr(1, cs.size() - 2);
    // RFC 2231 lets a language follow the charset: "us-ascii*en".
    if (auto star = cs.find('*'); star != std::string_view::npos) cs = cs.substr(0, star);
    std::string out = to_lower(cs);
    // Mail in the wild says "ks_c_5601-1987" and "x-unknown"; map the
    // common aliases iconv does not know.
    if (out == "ks_c_5601-1987") return "cp949";
    if (out == "x-sjis") return "shift_jis";
    if (out == "x-euc-jp") return "euc-jp";
    if (out == "ansi_x3.4-1968" || out == "ascii" || out == "us-ascii") return "us-ascii";
    if (out == "utf8") return "utf-8";
    return out;
}
}  // namespace

bool is_utf8_compatible(std::string_view charset) {
    std::string cs = normalize_charset(charset);
    return cs.empty() || cs == "utf-8" || cs == "us-ascii";
}

CharsetConverter::~CharsetConverter() {
    if (cd_) iconv_close(static_cast<iconv_t>(cd_));
}

bool CharsetConverter::open(std::string_view charset) {
    if (cd_) iconv_close(static_cast<iconv_t>(cd_)), cd_ = nullptr;
    pending_.clear();
    errors_ = 0;
    std::string cs = normalize_charset(charset);
    // 8-bit bytes in a "us-ascii" part are common; read them as UTF-8.
    if (cs.empty() || cs == "us-ascii") cs = "utf-8";
    iconv_t cd = iconv_open("UTF-8", cs.c_str());
    known_ = cd != reinterpret_cast<iconv_t>(-1);
    if (!known_) cd = iconv_open("UTF-8", "UTF-8");
    if (cd == reinterpret_cast<iconv_t>(-1)) return false;
    cd_ = cd;
    return known_;
}

void CharsetConverter::convert(const char* in, std::size_t len, std::string& out, std::size_t cap, bool final) {
    if (!cd_) return;
    iconv_t cd = static_cast<iconv_t>(cd_);
    char buf[1024];
    char* src = const_cast<char*>(in);
    std::size_t left = len;
    while (left > 0 && out.size() < cap) {
        char* dst = buf;
        std::size_t room = sizeof buf;
        std::size_t r = iconv(cd, &src, &left, &dst, &room);
        out.append(buf, std::size_t(dst - buf));
        if (r != std::size_t(-1)) continue;
        if (errno == E2BIG) continue;
        if (errno == EINVAL && !final && left < kMaxPending) {
            pending_.assign(src, left);  // the next feed completes it
            return;
        }
        // EILSEQ, or an incomplete sequence at the very end: one byte lost.
        ++errors_;
        out.append(kReplacement);
        ++src;
        --left;
    }
    cut_utf8(out, cap);
}

void CharsetConverter::feed(std::span<const uint8_t> in, std::string& out, std::size_t cap) {
    if (out.size() >= cap || in.empty()) return;
    const char* p = reinterpret_cast<const char*>(in.data());
    if (!pending_.empty()) {
        // Complete the held sequence with a few bytes of the new input.
        std::string joined = pending_;
        std::size_t take = in.size() < kMaxPending ? in.size() : kMaxPending;
        joined.append(p, take);
        pending_.clear();
        std::size_t before = joined.size();
        convert(joined.data(), joined.size(), out, cap, false);
        // Whatever of the joined bytes is pending again came from `in`.
        std::size_t consumed = before - pending_.size();
        std::size_t used_new = consumed > before - take ? consumed - (before - take) : 0;
        if (!pending_.empty()) {
            if (take == in.size()) return;  // all new bytes are in pending_ now
            // The rest of `in` follows the pending bytes.
            std::string rest = pending_;
            pending_.clear();
            rest.append(p + take, in.size() - take);
            convert(rest.data(), rest.size(), out, cap, false);
            return;
        }
        p += used_new;
        in = in.subspan(used_new);
        if (used_new < take) {
            // convert() consumed all joined bytes, so used_new == take.
        }
        if (in.empty()) return;
    }
    convert(p, in.size(), out, cap, false);
}

void CharsetConverter::finish(std::string& out, std::size_t cap) {
    if (!cd_) return;
    if (!pending_.empty()) {
        std::string tail;
        tail.swap(pending_);
        convert(tail.data(), tail.size(), out, cap, true);
    }
    char buf[64];
    char* dst = buf;
    std::size_t room = sizeof buf;
    iconv(static_cast<iconv_t>(cd_), nullptr, nullptr, &dst, &room);
    if (out.size() < cap) out.append(buf, std::size_t(dst - buf));
    cut_utf8(out, cap);
}

bool convert_to_utf8(std::string_view charset, std::string_view in, std::string& out) {
    CharsetConverter conv;
    bool known = conv.open(charset);
    std::size_t cap = in.size() * 4 + 64;
    conv.feed(std::span<const uint8_t>(reinterpret_cast<const uint8_t*>(in.data()), in.size()), out, cap);
    conv.finish(out, cap);
    return known && !conv.had_errors();
}

}  // namespace ms::mime
