#include "address_list.hpp"

#include "dissectors/mime/text_util.hpp"

namespace ms::imf {

namespace {
using ms::mime::is_space;

// Bound on items so a header of a million commas costs little.
constexpr std::size_t kMaxMailboxes = 10000;

class AddressParser {
public:
    explicit AddressParser(std::string_view s) : s_(s) {}

    AddressList run() {
        while (i_ < s_.size() && out_.mailboxes.size() < kMaxMailboxes) item();
        if (in_group_) finish_item();  // group never closed by ';'
        return std::move(out_);
    }

private:
    // One list element: a mailbox, or a group's name and its mailboxes.
    void item() {
        start_item();
        while (i_ < s_.size()) {
            char c = s_[i_];
            if (is_space(c)) {
                ++i_;
                pending_space_ = !words_.empty() || !plain_.empty();
            } else if (c == '(') {
                comment();
            } else if (c == '"') {
                quoted();
            } else if (c == '<') {
                angle();
            } else if (c == ',') {
                ++i_;
                finish_item();
                return;
            } else if (c == ':' && !in_group_ && !seen_angle_ && plain_.find('@') == std::string::npos) {
                // "name:" starts a group.
                ++i_;
                group_ = phrase();
                in_group_ = true;
                group_members_ = 0;
                start_item();
            } else if (c == ';' && in_group_) {
                ++i_;
                finish_item();
                if (group_members_ == 0) out_.empty_groups.push_back(group_);
                in_group_ = false;
                group_.clear();
                return;
            } else {
                atom_char(c);
                ++i_;
            }
        }
        finish_item();
    }

    void start_item() {
        words_.clear();
        plain_.clear();
        addr_.clear();
        route_.clear();
        comment_text_.clear();
        seen_angle_ = false;
        pending_space_ = false;
        begin_ = i_;
        while (begin_ < s_.size() && is_space(s_[begin_])) ++begin_;
    }

    void atom_char(char c) {
        if (pending_space_) {
            words_ += ' ';
            pending_space_ = false;
        }
        words_ += c;
        plain_ += c;
    }

    void comment() {
        int depth = 0;
        std::size_t b = i_;
        while (i_ < s_.size()) {
            char c = s_[i_++];
            if (c == '\\') { ++i_; continue; }
            if (c == '(') ++depth;
            else if (c == ')' && --depth == 0) break;
        }
        if (depth > 0) out_.malformed = true;
        if (comment_text_.empty() && i_ - b >= 2) {
            std::string_view t = s_.substr(b + 1, std::min(i_, s_.size()) - b - 2);
            comment_text_ = std::string(ms::mime::trim(t));
        }
    }

    void quoted() {
        if (pending_space_) words_ += ' ', pending_space_ = false;
        ++i_;
        std::string q;
        bool closed = false;
        while (i_ < s_.size()) {
            char c = s_[i_++];
            if (c == '"') { closed = true; break; }
            if (c == '\\' && i_ < s_.size()) c = s_[i_++];
            if (c == '\r' || c == '\n') continue;
            q += c;
        }
        if (!closed) out_.malformed = true;
        words_ += q;
        plain_ += '"';
        plain_ += q;
        plain_ += '"';
    }

    // "<" [route ":"] addr-spec ">"
    void angle() {
        ++i_;
        std::string inner;
        bool closed = false;
        while (i_ < s_.size()) {
            char c = s_[i_];
            if (c == '>') { ++i_; closed = true; break; }
            if (c == '(') { comment(); continue; }
            if (c == '"') {
                // quoted local part: keep the quotes
                inner += c;
                ++i_;
                while (i_ < s_.size() && s_[i_] != '"') {
                    if (s_[i_] == '\\' && i_ + 1 < s_.size()) inner += s_[i_++];
                    inner += s_[i_++];
                }
                if (i_ < s_.size()) inner += s_[i_++];
                continue;
            }
            if (!is_space(c)) inner += c;
            ++i_;
        }
        if (!closed) out_.malformed = true;
        if (!inner.empty() && inner[0] == '@') {
            auto colon = inner.find(':');
            if (colon != std::string::npos) {
                route_ = inner.substr(0, colon);
                inner = inner.substr(colon + 1);
            }
        }
        addr_ = inner;
        seen_angle_ = true;
    }

    std::string phrase() {
        std::string p = words_;
        words_.clear();
        plain_.clear();
        pending_space_ = false;
        return std::string(ms::mime::trim(p));
    }

    void finish_item() {
        std::size_t end = i_;
        if (end > 0 && end <= s_.size() && (s_[end - 1] == ',' || s_[end - 1] == ';')) --end;
        while (end > begin_ && is_space(s_[end - 1])) --end;
        Mailbox m;
        if (seen_angle_) {
            m.display_name = std::string(ms::mime::trim(words_));
            m.address = addr_;
            m.route = route_;
            m.angle = true;
        } else {
            // Bare addr-spec; "addr (Name)" names the mailbox in a comment.
            std::string a;
            for (char c : plain_)
                if (!is_space(c)) a += c;
            m.address = a;
            m.display_name = comment_text_;
        }
        if (m.address.empty() && m.display_name.empty()) return;  // empty element (obs-addr-list)
        if (!m.address.empty() && m.address.find('@') == std::string::npos && !seen_angle_) {
            // A lone word: a local address ("postmaster") or junk; keep it.
        }
        if (m.address.empty()) out_.malformed = true;
        m.group = group_;
        m.begin = begin_;
        m.end = end;
        if (in_group_) ++group_members_;
        out_.mailboxes.push_back(std::move(m));
    }

    std::string_view s_;
    std::size_t i_ = 0;
    AddressList out_;
    std::string words_, plain_, addr_, route_, comment_text_, group_;
    bool seen_angle_ = false, pending_space_ = false, in_group_ = false;
    std::size_t begin_ = 0, group_members_ = 0;
};
}  // namespace

AddressList parse_address_list(std::string_view value) { return AddressParser(value).run(); }

}  // namespace ms::imf
