#include "message_parser.hpp"

#include <algorithm>
#include <cstring>

#include "dissectors/mime/text_util.hpp"
#include "encoded_word.hpp"

namespace ms::imf {

namespace {
using ms::mime::iequals;
using ms::mime::is_wsp;
using ms::mime::trim;

std::span<const uint8_t> bytes_of(std::string_view s) {
    return {reinterpret_cast<const uint8_t*>(s.data()), s.size()};
}

// Content-* headers that decide the structure are stored even when the
// header budget is spent, bounded by this.
constexpr std::size_t kStructuralHeaderCap = 1024;
// Expert notes kept per entity; a header block of endless overlong lines
// says so a few times, not once per line.
constexpr std::size_t kMaxNotesPerEntity = 64;
constexpr std::size_t kMaxBoundaryText = 1024;
constexpr std::size_t kBytesHead = 256;  // preamble/epilogue bytes kept for the tree

// One field may take only part of the header budget, so a giant field does
// not crowd out the From and Subject after it.
uint64_t field_cap(uint64_t max_header_bytes) { return std::max<uint64_t>(998, max_header_bytes / 8); }

bool is_structural(std::string_view name) {
    return iequals(name, "content-type") || iequals(name, "content-transfer-encoding") ||
           iequals(name, "content-disposition");
}

// The structural headers and the fields the summary is made of, as bits of
// Entity::firsts_taken: the first of each is stored with its own budget.
enum FirstHeader : uint16_t {
    kContentType = 1 << 0,
    kTransferEncoding = 1 << 1,
    kDisposition = 1 << 2,
    kStructuralBits = kContentType | kTransferEncoding | kDisposition,
    kFrom = 1 << 3,
    kTo = 1 << 4,
    kCc = 1 << 5,
    kSubject = 1 << 6,
    kDate = 1 << 7,
    kMessageId = 1 << 8,
};

// The name's bit, 0 for every other header (by length first: most header
// lines are none of these).
uint16_t first_header_bit(std::string_view name) {
    switch (name.size()) {
        case 2: return iequals(name, "to") ? kTo : iequals(name, "cc") ? kCc : 0;
        case 4: return iequals(name, "from") ? kFrom : iequals(name, "date") ? kDate : 0;
        case 7: return iequals(name, "subject") ? kSubject : 0;
        case 10: return iequals(name, "message-id") ? kMessageId : 0;
        case 12: return iequals(name, "content-type") ? kContentType : 0;
        case 19: return iequals(name, "content-disposition") ? kDisposition : 0;
        case 25: return iequals(name, "content-transfer-encoding") ? kTransferEncoding : 0;
        default: return 0;
    }
}

bool valid_field_name(std::string_view name) {
    if (name.empty()) return false;
    for (char c : name) {
        auto u = static_cast<unsigned char>(c);
        if (u <= 32 || u >= 127) return false;
    }
    return true;
}

const HeaderField* find_header(const Entity& e, std::string_view name) {
    for (const auto& h : e.headers)
        if (iequals(h.name, name)) return &h;
    return nullptr;
}

std::string header_text(const Entity& e, std::string_view name) {
    const HeaderField* h = find_header(e, name);
    return h ? std::string(trim(h->value)) : std::string();
}

void append_head(std::string& head, std::string_view bytes) {
    if (head.size() < kBytesHead) head.append(bytes.substr(0, kBytesHead - head.size()));
}
}  // namespace

MessageParser::MessageParser(const Limits& limits) : limits_(limits) {
    header_line_cap_ = static_cast<std::size_t>(std::clamp<uint64_t>(limits_.imf_max_header_bytes, 998, 1u << 20));
    header_store_left_ = std::max<uint64_t>(limits_.imf_max_header_bytes, 1) * 16;
    marks_left_ = uint64_t(limits_.mime_max_parts) + 16;
    budgets_.decoded_left = limits_.max_decoded_bytes;
    budgets_.text_left = kMaxTextPerMessage;
    budgets_.kept_left = kMaxKeptPerMessage;
    Entity root;
    root.is_message = true;
    entities_.push_back(std::move(root));
    open_.push_back(0);
    update_boundary_cap();
}

void MessageParser::update_boundary_cap() {
    std::size_t longest = 0;
    for (const auto& f : stack_) longest = std::max(longest, f.boundary.size());
    // "--" boundary "--" and some transport padding.
    boundary_line_cap_ = longest + 4 + 256;
}

void MessageParser::note(uint32_t idx, imf_experts::Expert x, uint64_t off, uint64_t len, std::string text) {
    if (entities_[idx].notes.size() >= kMaxNotesPerEntity) return;
    entities_[idx].notes.push_back({x, off, len, std::move(text)});
}

// ---- bytes to lines ---------------------------------------------------------

void MessageParser::feed(std::span<const uint8_t> bytes) {
    if (finished_) return;
    const uint8_t* p = bytes.data();
    const std::size_t n = bytes.size();
    std::size_t i = 0;
    while (i < n) {
        if (mode_ == LineMode::Start) begin_line();
        if (mode_ == LineMode::Stream) {
            const void* lf = std::memchr(p + i, '\n', n - i);
            std::size_t end = lf ? std::size_t(static_cast<const uint8_t*>(lf) - p) : n;
            std::span<const uint8_t> content(p + i, end - i);
            if (!content.empty() && pending_cr_) {
                // The CR held at the end of the last piece was data after all
                // unless this piece starts the line end.
                pending_cr_ = false;
                static const uint8_t cr = '\r';
                body_content({&cr, 1});
            }
            if (lf) {
                bool crlf = false;
                if (!content.empty() && content.back() == '\r') {
                    crlf = true;
                    content = content.first(content.size() - 1);
                } else if (content.empty() && pending_cr_) {
                    crlf = true;
                    pending_cr_ = false;
                }
                body_content(content);
                pos_ += (end - i) + 1;
                body_line_end(crlf ? "\r\n" : "\n", pos_ - (crlf ? 2 : 1));
                i = end + 1;
                mode_ = LineMode::Start;
            } else {
                if (!content.empty() && content.back() == '\r') {
                    pending_cr_ = true;
                    content = content.first(content.size() - 1);
                }
                body_content(content);
                pos_ += end - i;
                i = end;
            }
            continue;
        }
        if (mode_ == LineMode::Discard) {
            const void* lf = std::memchr(p + i, '\n', n - i);
            std::size_t end = lf ? std::size_t(static_cast<const uint8_t*>(lf) - p) : n;
            pos_ += end - i;
            i = end;
            if (lf) {
                ++pos_;
                ++i;
                complete_line(true);
                mode_ = LineMode::Start;
            }
            continue;
        }
        if (section_ == Section::Headers) {
            // A header line: copied up to its end or one byte past the
            // line cap (then the rest is discarded), not byte by byte.
            const void* lf = std::memchr(p + i, '\n', n - i);
            std::size_t end = lf ? std::size_t(static_cast<const uint8_t*>(lf) - p) : n;
            std::size_t room = header_line_cap_ + 1 - std::min(line_.size(), header_line_cap_);
            std::size_t take = std::min(end - i, room);
            line_.append(reinterpret_cast<const char*>(p + i), take);
            pos_ += take;
            i += take;
            if (line_.size() > header_line_cap_) {
                mode_ = LineMode::Discard;
            } else if (lf && i == end) {
                ++pos_;
                ++i;
                complete_line(false);
                mode_ = LineMode::Start;
            }
            continue;
        }
        // Buffer in a body: byte by byte, the line is short or bounded.
        uint8_t c = p[i++];
        ++pos_;
        if (c == '\n') {
            complete_line(false);
            mode_ = LineMode::Start;
            continue;
        }
        line_ += char(c);
        bool maybe_boundary = (line_.size() > 2 || c == '-') && line_.size() <= boundary_line_cap_;
        if (!maybe_boundary) switch_to_stream();
    }
}

void MessageParser::begin_line() {
    line_start_ = pos_;
    line_.clear();
    if (section_ == Section::Body && (stack_.empty() || raw_rest_)) {
        flush_pending_eol();
        mode_ = LineMode::Stream;
    } else {
        mode_ = LineMode::Buffer;
    }
}

void MessageParser::switch_to_stream() {
    flush_pending_eol();
    std::string_view content = line_;
    if (!content.empty() && content.back() == '\r') {
        pending_cr_ = true;
        content.remove_suffix(1);
    }
    body_content(bytes_of(content));
    line_.clear();
    mode_ = LineMode::Stream;
}

void MessageParser::complete_line(bool discarded) {
    std::string_view content = line_;
    std::string_view eol = "\n";
    if (!discarded && !content.empty() && content.back() == '\r') {
        content.remove_suffix(1);
        eol = "\r\n";
    }
    handle_line(content, eol, discarded);
    line_.clear();
}

void MessageParser::handle_line(std::string_view content, std::string_view eol, bool truncated) {
    if (!stack_.empty() && !raw_rest_ && !truncated && content.size() >= 2 && content[0] == '-' && content[1] == '-') {
        std::size_t level;
        bool close;
        if (match_boundary(content, level, close)) {
            on_boundary(level, close, content, eol);
            return;
        }
    }
    if (section_ == Section::Headers) {
        header_line(content, eol, truncated);
        return;
    }
    flush_pending_eol();
    body_content(bytes_of(content));
    if (!eol.empty()) body_line_end(eol, pos_ - eol.size());
}

bool MessageParser::match_boundary(std::string_view content, std::size_t& level, bool& close) const {
    // Strict first (only padding after the boundary), innermost first, so a
    // boundary that is a prefix of another never steals its lines; then
    // lenient close delimiters with junk after the "--".
    for (int pass = 0; pass < 2; ++pass) {
        for (std::size_t k = stack_.size(); k-- > 0;) {
            const std::string& b = stack_[k].boundary;
            if (content.size() < 2 + b.size() || content.compare(2, b.size(), b) != 0) continue;
            std::string_view rest = content.substr(2 + b.size());
            bool is_close = rest.size() >= 2 && rest[0] == '-' && rest[1] == '-';
            if (is_close) rest.remove_prefix(2);
            bool padding_only = trim(rest).empty();
            if (padding_only || (pass == 1 && is_close)) {
                level = k;
                close = is_close;
                return true;
            }
        }
    }
    return false;
}

// ---- structure ---------------------------------------------------------------

void MessageParser::on_boundary(std::size_t level, bool close, std::string_view content, std::string_view eol) {
    uint64_t range_start = pending_eol_.empty() ? line_start_ : pending_eol_offset_;
    std::string text = pending_eol_;
    text.append(content.substr(0, kMaxBoundaryText));
    text.append(eol);
    pending_eol_.clear();
    uint32_t m = stack_[level].entity;
    close_down_to(m, range_start);
    Frame& f = stack_[level];
    Entity& mp = entities_[m];
    if (mp.marks.empty()) {
        mp.preamble_offset = mp.body_start;
        mp.preamble_length = range_start - mp.body_start;
    }
    if (marks_left_ == 0) {
        note(0, imf_experts::mime_max_parts, range_start, pos_ - range_start);
        raw_rest_ = true;
        section_ = Section::Body;
        return;
    }
    --marks_left_;
    BoundaryMark mark;
    mark.kind = close ? BoundaryMark::Close : (mp.marks.empty() ? BoundaryMark::First : BoundaryMark::Middle);
    mark.offset = range_start;
    mark.length = pos_ - range_start;
    mark.text = std::move(text);
    mp.marks.push_back(std::move(mark));
    section_ = Section::Body;
    if (close) {
        f.closed = true;
        mp.saw_close = true;
        mp.epilogue_offset = pos_;
        mp.epilogue_head.clear();
        return;
    }
    if (f.closed) {
        note(m, imf_experts::after_close, range_start, pos_ - range_start);
        f.closed = false;
    }
    uint32_t child;
    if (!new_entity(m, false, child)) return;
    section_ = Section::Headers;
    current_header_ = kNoEntity;
}

bool MessageParser::new_entity(uint32_t parent, bool is_message, uint32_t& out) {
    if (entities_.size() >= std::max<uint32_t>(limits_.mime_max_parts, 1)) {
        note(0, imf_experts::mime_max_parts, pos_, 0);
        raw_rest_ = true;
        section_ = Section::Body;
        return false;
    }
    Entity e;
    Entity& p = entities_[parent];
    e.parent = parent;
    e.depth = p.depth + 1;
    e.is_message = is_message;
    e.start = pos_;
    if (is_message) {
        e.path = p.path;  // message/rfc822's message is that part
    } else {
        e.part_number = uint32_t(p.children.size()) + 1;
        std::string base = p.path;
        e.path = base.empty() ? std::to_string(e.part_number) : base + "." + std::to_string(e.part_number);
    }
    out = static_cast<uint32_t>(entities_.size());
    p.children.push_back(out);
    entities_.push_back(std::move(e));
    open_.push_back(out);
    return true;
}

void MessageParser::header_line(std::string_view content, std::string_view eol, bool truncated) {
    uint32_t idx = innermost();
    Entity& e = entities_[idx];
    uint64_t line_len = pos_ - line_start_;
    if (content.empty() && !truncated) {
        end_headers(pos_);
        return;
    }
    if (is_wsp(content[0])) {
        header_continuation(e, idx, content, truncated);
        return;
    }
    auto colon = content.find(':');
    std::string_view name = colon == std::string_view::npos ? std::string_view() : content.substr(0, colon);
    while (!name.empty() && is_wsp(name.back())) name.remove_suffix(1);  // obsolete "Name : value"
    if (colon == std::string_view::npos || !valid_field_name(name)) {
        // Not a header field: the header block ends without its blank line
        // and this line is the first of the body.
        note(idx, imf_experts::header_malformed, line_start_, line_len);
        end_headers(line_start_);
        handle_line(content, eol, truncated);
        return;
    }
    current_header_ = kNoEntity;
    ++e.headers_seen;
    if (e.is_message && iequals(name, "received")) ++e.received_count;
    std::string_view value = content.substr(colon + 1);
    const uint16_t bit = first_header_bit(name);
    const bool first = bit != 0 && (e.firsts_taken & bit) == 0;
    const bool structural = first && (bit & kStructuralBits) != 0;
    const bool summary = first && !structural;
    uint64_t room_entity = limits_.imf_max_header_bytes > e.header_bytes ? limits_.imf_max_header_bytes - e.header_bytes : 0;
    uint64_t room = std::min({room_entity, header_store_left_, field_cap(limits_.imf_max_header_bytes)});
    if (structural) room = kStructuralHeaderCap;
    else if (summary) room = std::min<uint64_t>(header_store_left_, limits_.imf_max_header_bytes);
    if (room <= name.size()) {
        if (!structural) {
            // Budget spent: the field is not stored (its bytes stay in the source).
            bool first_note = true;
            for (const auto& n : e.notes) first_note = first_note && n.expert != imf_experts::header_limit;
            if (first_note) note(idx, imf_experts::header_limit, line_start_, line_len);
            return;
        }
    }
    std::size_t keep = static_cast<std::size_t>(std::min<uint64_t>(value.size(), room > name.size() ? room - name.size() : 0));
    if (keep < value.size()) note(idx, imf_experts::header_limit, line_start_, line_len);
    if (truncated) note(idx, imf_experts::header_line_long, line_start_, line_len);
    e.header_bytes += name.size() + keep;
    header_store_left_ -= std::min<uint64_t>(header_store_left_, name.size() + keep);
    e.firsts_taken |= bit;
    // Structural headers are always kept: the body's structure needs them.
    if (!structural && interest_ && !interest_->stores(name)) {
        skipped_ = SkippedHeader{name.size(), keep, line_start_, line_len, keep < value.size() || truncated, summary,
                                 (bit & kStructuralBits) != 0};
        current_header_ = kSkippedHeader;
        return;
    }
    HeaderField h;
    h.name = std::string(name);
    h.value = std::string(value.substr(0, keep));
    h.truncated = keep < value.size() || truncated;
    h.offset = line_start_;
    h.length = line_len;
    h.summary = summary;
    current_header_ = static_cast<uint32_t>(e.headers.size());
    e.headers.push_back(std::move(h));
}

// Folding: the field goes on (RFC 5322 2.2.3); unfolding drops the line
// break. A skipped field (not stored) is budgeted the same way.
void MessageParser::header_continuation(Entity& e, uint32_t idx, std::string_view content, bool truncated) {
    // Without a field (not kept, or whitespace before the first field)
    // there is nothing to continue.
    if (current_header_ == kNoEntity) return;
    const bool stored = current_header_ != kSkippedHeader;
    HeaderField* h = stored ? &e.headers[current_header_] : nullptr;
    const uint64_t name_size = stored ? h->name.size() : skipped_.name_size;
    const uint64_t value_size = stored ? h->value.size() : skipped_.value_size;
    const bool summary = stored ? h->summary : skipped_.summary;
    const bool structural_name = stored ? is_structural(h->name) : skipped_.structural_name;
    const uint64_t offset = stored ? h->offset : skipped_.offset;
    bool& cut = stored ? h->truncated : skipped_.truncated;
    const uint64_t length = pos_ - offset;
    (stored ? h->length : skipped_.length) = length;
    const uint64_t max = limits_.imf_max_header_bytes;
    uint64_t room_entity = max > e.header_bytes ? max - e.header_bytes : 0;
    uint64_t room_field = field_cap(max) > name_size + value_size ? field_cap(max) - name_size - value_size : 0;
    std::size_t room = static_cast<std::size_t>(std::min({room_entity, header_store_left_, room_field}));
    if (structural_name) room = kStructuralHeaderCap > value_size ? kStructuralHeaderCap - value_size : 0;
    else if (summary)
        room = static_cast<std::size_t>(std::min<uint64_t>(header_store_left_, max > value_size ? max - value_size : 0));
    std::string_view add = content.substr(0, room);
    if (add.size() < content.size()) {
        if (!cut) note(idx, imf_experts::header_limit, offset, length);
        cut = true;
    }
    if (stored) h->value.append(add);
    else skipped_.value_size += add.size();
    e.header_bytes += add.size();
    header_store_left_ -= std::min<uint64_t>(header_store_left_, add.size());
    if (truncated) note(idx, imf_experts::header_line_long, line_start_, pos_ - line_start_);
}

void MessageParser::read_structure(Entity& e) {
    using namespace ms::mime;
    if (const HeaderField* ct = find_header(e, "content-type")) {
        e.content_type = parse_content_header(ct->value);
        e.content_type_present = true;
        if (e.content_type.value.find('/') == std::string::npos) e.content_type_present = false;
    }
    if (!e.content_type_present) {
        bool digest = e.parent != kNoEntity && !e.is_message && entities_[e.parent].content_type.value == "multipart/digest";
        e.content_type = parse_content_header(digest ? "message/rfc822" : "text/plain; charset=us-ascii");
    }
    if (const HeaderField* cte = find_header(e, "content-transfer-encoding")) {
        e.encoding_text = std::string(trim(cte->value));
        e.encoding = parse_transfer_encoding(cte->value);
    }
    if (const HeaderField* cd = find_header(e, "content-disposition")) e.disposition = parse_content_header(cd->value);
    e.charset = e.content_type.param("charset");
    std::string fname = e.disposition.param("filename");
    if (fname.empty()) fname = e.content_type.param("name");
    if (fname.find("=?") != std::string::npos) fname = decode_encoded_words(fname).text;
    e.filename = fname;
    e.content_id = header_text(e, "content-id");
    e.description = header_text(e, "content-description");
    e.is_text = e.content_type.type() == "text";
}

void MessageParser::end_headers(uint64_t body_start) {
    uint32_t idx = innermost();
    Entity& e = entities_[idx];
    e.headers_done = true;
    e.body_start = body_start;
    current_header_ = kNoEntity;
    read_structure(e);
    if (idx == 0) fill_summary(e);
    section_ = Section::Body;
    std::string_view type = e.content_type.type();
    const std::string& value = e.content_type.value;
    if (raw_rest_) return;
    if (type == "multipart") {
        std::string boundary = e.content_type.param("boundary");
        if (boundary.empty()) {
            note(idx, imf_experts::no_boundary, e.start, body_start - e.start,
                 "multipart without a boundary parameter: body shown raw");
        } else if (e.depth >= limits_.mime_max_depth) {
            note(idx, imf_experts::mime_max_depth, body_start, 0);
        } else {
            if (boundary.size() > 70) note(idx, imf_experts::long_boundary, e.start, body_start - e.start);
            e.kind = EntityKind::Multipart;
            e.boundary = boundary;
            stack_.push_back({idx, boundary, false});
            update_boundary_cap();
            return;
        }
        e.raw = true;
    } else if ((value == "message/rfc822" || value == "message/global") && ms::mime::is_identity(e.encoding)) {
        if (e.depth >= limits_.mime_max_depth) {
            note(idx, imf_experts::mime_max_depth, body_start, 0);
            e.raw = true;
        } else {
            e.kind = EntityKind::Encapsulated;
            uint32_t child;
            if (new_entity(idx, true, child)) section_ = Section::Headers;
            return;
        }
    }
    begin_leaf(idx);
}

AttachmentInfo MessageParser::part_info(const Entity& e) const {
    AttachmentInfo info;
    info.filename = e.filename;
    info.declared_type = e.content_type.value;
    info.path = e.path.empty() ? "1" : (e.is_message ? e.path + ".1" : e.path);
    info.disposition = e.disposition.value;
    info.charset = e.charset;
    return info;
}

bool MessageParser::is_attachment(const Entity& e) {
    return !e.filename.empty() || iequals(e.disposition.value, "attachment") || !e.is_text;
}

void MessageParser::begin_leaf(uint32_t idx) {
    Entity& e = entities_[idx];
    e.kind = EntityKind::Leaf;
    if (e.encoding == ms::mime::TransferEncoding::Unknown)
        note(idx, imf_experts::unknown_encoding, e.start, e.body_start - e.start,
             "Unknown Content-Transfer-Encoding \"" + e.encoding_text + "\": body shown undecoded");
    leaf_info_ = part_info(e);
    leaf_entity_ = idx;
    // Observers of parts (exports) read the decoded content; an attachment
    // is listed with its size and hashes (a uuencoded part names its file
    // inside its body: it may become one); a text part's text goes to the
    // tree; otherwise the interest says whether a wanted field reads it.
    const bool decode = sink_ || (interest_ ? interest_->needs_leaf_content() : budgets_.text || is_attachment(e) ||
                                                            e.encoding == ms::mime::TransferEncoding::UUencode);
    leaf_.begin(e, budgets_, sink_, leaf_info_, decode);
}

void MessageParser::end_entity(uint32_t idx, uint64_t end) {
    Entity& e = entities_[idx];
    if (e.ended) return;
    e.end = end;
    e.ended = true;
    if (!e.headers_done) {
        // The part ended inside its header block (no blank line, no body).
        e.headers_done = true;
        e.body_start = end;
        read_structure(e);
        if (idx == 0) fill_summary(e);
    }
    if (leaf_entity_ == idx) {
        leaf_.finish(e, leaf_info_);
        leaf_entity_ = kNoEntity;
        if (is_attachment(e)) summary_.attachments.push_back(leaf_info_);
    }
    if (e.kind == EntityKind::Multipart) {
        if (!stack_.empty() && stack_.back().entity == idx) {
            bool closed = stack_.back().closed;
            stack_.pop_back();
            update_boundary_cap();
            if (e.marks.empty()) {
                e.preamble_offset = e.body_start;
                e.preamble_length = end - e.body_start;
            }
            if (closed) {
                e.epilogue_offset = std::min(e.epilogue_offset, end);
                e.epilogue_length = end - e.epilogue_offset;
            } else if (!raw_rest_) {
                note(idx, imf_experts::no_close, end, 0);
            }
        }
    }
}

void MessageParser::close_down_to(uint32_t idx, uint64_t end) {
    while (!open_.empty() && open_.back() != idx) {
        end_entity(open_.back(), end);
        open_.pop_back();
    }
    section_ = Section::Body;
}

// ---- body bytes ----------------------------------------------------------------

void MessageParser::body_content(std::span<const uint8_t> bytes) {
    if (bytes.empty()) return;
    uint32_t idx = innermost();
    Entity& e = entities_[idx];
    std::string_view s(reinterpret_cast<const char*>(bytes.data()), bytes.size());
    if (leaf_entity_ == idx) {
        e.raw_size += bytes.size();
        leaf_.content(bytes);
    } else if (e.kind == EntityKind::Multipart && !raw_rest_) {
        if (e.marks.empty()) append_head(e.preamble_head, s);
        else if (!stack_.empty() && stack_.back().entity == idx && stack_.back().closed) append_head(e.epilogue_head, s);
    }
}

void MessageParser::body_eol(std::string_view eol) {
    uint32_t idx = innermost();
    Entity& e = entities_[idx];
    if (leaf_entity_ == idx) {
        e.raw_size += eol.size();
        leaf_.line_end(bytes_of(eol));
    } else if (e.kind == EntityKind::Multipart && !raw_rest_) {
        if (e.marks.empty()) append_head(e.preamble_head, eol);
        else if (!stack_.empty() && stack_.back().entity == idx && stack_.back().closed) append_head(e.epilogue_head, eol);
    }
}

void MessageParser::body_line_end(std::string_view eol, uint64_t eol_offset) {
    if (!stack_.empty() && !raw_rest_) {
        pending_eol_.assign(eol);
        pending_eol_offset_ = eol_offset;
    } else {
        body_eol(eol);
    }
}

void MessageParser::flush_pending_eol() {
    if (pending_eol_.empty()) return;
    std::string eol;
    eol.swap(pending_eol_);
    body_eol(eol);
}

void MessageParser::finish(bool truncated) {
    if (finished_) return;
    switch (mode_) {
        case LineMode::Buffer:
            if (!line_.empty()) handle_line(line_, "", false);
            break;
        case LineMode::Discard: handle_line(line_, "", true); break;
        case LineMode::Stream:
            if (pending_cr_) {
                static const uint8_t cr = '\r';
                body_content({&cr, 1});
                pending_cr_ = false;
            }
            break;
        case LineMode::Start: break;
    }
    line_.clear();
    mode_ = LineMode::Start;
    flush_pending_eol();
    while (!open_.empty()) {
        end_entity(open_.back(), pos_);
        open_.pop_back();
    }
    finished_ = true;
    summary_.size = pos_;
    summary_.truncated = truncated;
    if (truncated) note(0, imf_experts::truncated, pos_, 0);
}

void MessageParser::fill_summary(const Entity& root) {
    auto decoded = [&](std::string_view name) {
        std::string raw = header_text(root, name);
        return raw.empty() ? raw : decode_encoded_words(raw).text;
    };
    summary_.from = decoded("from");
    summary_.to = decoded("to");
    summary_.cc = decoded("cc");
    summary_.subject = decoded("subject");
    summary_.date = header_text(root, "date");
    summary_.message_id = header_text(root, "message-id");
    summary_.received_hops = root.received_count;
}

}  // namespace ms::imf
