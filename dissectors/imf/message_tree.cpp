#include "message_tree.hpp"

#include <optional>

#include "address_list.hpp"
#include "date_time.hpp"
#include "deferred_id_check.hpp"
#include "dissectors/mime/text_util.hpp"
#include "encoded_word.hpp"
#include "header_table.hpp"
#include "received.hpp"
#include "received_checks.hpp"
#include "structured_headers.hpp"

namespace ms::imf {

namespace {
using ms::mime::trim;
using F = imf_fields::Field;

FieldId fid(imf_fields::Field f) { return imf_fields::id(f); }
FieldId mid(mime_fields::Field f) { return mime_fields::id(f); }

std::string visible(std::string_view s) {
    // Line ends shown as tshark shows them ("\r\n").
    std::string out;
    for (char c : s) {
        if (c == '\r') out += "\\r";
        else if (c == '\n') out += "\\n";
        else out += c;
    }
    return out;
}

class TreeBuilder {
public:
    TreeBuilder(FrameContext& ctx, SourceId src, const std::vector<Entity>& entities, const WireContext& wire,
                const MessageInterest& interest)
        : ctx_(ctx), tree_(ctx.tree), src_(src), entities_(entities), wire_(wire), interest_(interest),
          labels_(ctx.tree.wants_labels()) {
        if (src < ctx.sources.size()) source_size_ = ctx.sources[src].bytes.size();
        else source_size_ = 0;
    }

    void add_message(uint32_t idx, NodeRef parent) {
        const Entity& e = entities_[idx];
        NodeRef node = tree_.add_none(parent, fid(F::proto), range(e.start, e.end - e.start));
        add_headers(e, node, false);
        // The capture's view applies to the carried message, not to one
        // encapsulated in it.
        const bool root = idx == 0;
        add_received_path(e, node, root);
        if (root) add_duplicate_notes(e, node);
        add_notes(e, node);
        add_body(idx, node);
    }

private:
    ByteRange range(uint64_t off, uint64_t len) const {
        ByteRange r;
        r.source = src_;
        uint64_t size = source_size_;
        if (off > size) off = size;
        if (len > size - off) len = size - off;
        r.offset = static_cast<uint32_t>(std::min<uint64_t>(off, UINT32_MAX));
        r.length = static_cast<uint32_t>(std::min<uint64_t>(len, UINT32_MAX));
        return r;
    }

    void label(NodeRef n, const std::string& text) {
        if (labels_) tree_.set_label(n, text);
    }

    void add_notes(const Entity& e, NodeRef parent) {
        for (const auto& n : e.notes)
            tree_.add_expert(parent, imf_experts::id(n.expert), range(n.offset, n.length), n.text);
    }

    void add_decoded(NodeRef parent, ByteRange r, std::string_view raw) {
        if (raw.find("=?") == std::string_view::npos) return;
        DecodedText d = decode_encoded_words(raw);
        if (d.had_words) {
            NodeRef n = tree_.add_string(parent, fid(F::decoded), r, d.text);
            tree_.set_generated(n);
        }
        if (d.malformed) tree_.add_expert(parent, imf_experts::id(imf_experts::encoded_word_bad), r);
    }

    void add_headers(const Entity& e, NodeRef parent, bool in_part) {
        // Received hops: path order is the reverse of header order.
        std::vector<std::optional<int64_t>> received_dates;
        const bool check_order = interest_.received_order();
        if (check_order)
            for (const auto& h : e.headers)
                if (ms::mime::iequals(h.name, "received")) received_dates.push_back(parse_received(h.value).date_ns);
        std::size_t received_index = 0;
        for (const auto& h : e.headers) {
            std::optional<int64_t> prev_hop_date;
            bool backwards = false;
            if (check_order && ms::mime::iequals(h.name, "received")) {
                // The hop before this one in the path is the next header down.
                std::size_t i = received_index++;
                if (i + 1 < received_dates.size() && received_dates[i + 1] && received_dates[i] &&
                    *received_dates[i] < *received_dates[i + 1])
                    backwards = true;
            }
            add_header(h, parent, in_part, backwards);
        }
    }

    void add_header(const HeaderField& h, NodeRef parent, bool in_part, bool received_backwards) {
        std::string value(trim(h.value));
        ByteRange r = range(h.offset, h.length);
        HeaderSpec spec = header_spec(h.name);
        mime_fields::Field pf;
        if (in_part && part_header_field(h.name, pf)) {
            NodeRef n = tree_.add_string(parent, mid(pf), r, value);
            label(n, h.name + ": " + visible(value));
            add_structure(n, r, spec, h, value);
            return;
        }
        if (spec.field == F::extension) {
            NodeRef n = tree_.add_string(parent, fid(F::extension), r, h.name + ": " + value);
            label(n, "Unknown-Extension: " + h.name + ": " + visible(value));
            tree_.add_string(n, fid(F::extension_type), r, h.name);
            tree_.add_string(n, fid(F::extension_value), r, value);
            add_decoded(n, r, value);
            if (h.truncated) label(n, "Unknown-Extension: " + h.name + ": " + visible(value) + " [truncated]");
            return;
        }
        NodeRef n = tree_.add_string(parent, fid(spec.field), r, value);
        if (labels_ && h.truncated) label(n, h.name + ": " + visible(value) + " [truncated]");
        add_structure(n, r, spec, h, value);
        if (received_backwards)
            tree_.add_expert(n, imf_experts::id(imf_experts::received_backwards), r);
    }

    void add_structure(NodeRef n, ByteRange r, HeaderSpec spec, const HeaderField& h, const std::string& value) {
        if (!interest_.parses(spec.kind)) return;  // none of its fields is read
        switch (spec.kind) {
            case HeaderKind::MailboxList:
            case HeaderKind::AddressList: add_addresses(n, r, value, spec.kind == HeaderKind::MailboxList, h.name); break;
            case HeaderKind::Date: {
                if (auto d = parse_date_time(value)) {
                    NodeRef u = tree_.add_time(n, fid(F::date_utc), r, d->utc_ns);
                    tree_.set_generated(u);
                } else {
                    tree_.add_expert(n, imf_experts::id(imf_experts::date_bad), r);
                }
                break;
            }
            case HeaderKind::MsgIds:
                for (const auto& id : parse_msg_ids(value)) tree_.add_string(n, fid(F::msg_id), r, id);
                break;
            case HeaderKind::Received: add_received(n, r, value); break;
            case HeaderKind::ContentType: {
                auto ct = ms::mime::parse_content_header(value);
                tree_.add_string(n, fid(F::content_type_type), r, ct.value);
                if (!ct.params_text.empty()) {
                    NodeRef p = tree_.add_string(n, fid(F::content_type_parameters), r, ct.params_text);
                    label(p, "Parameters: " + visible(ct.params_text));
                }
                add_params(n, r, ct);
                break;
            }
            case HeaderKind::Disposition: add_params(n, r, ms::mime::parse_content_header(value)); break;
            case HeaderKind::DkimSignature:
                for (const auto& [tag, v] : parse_tag_list(value)) {
                    tree_.add_string(n, fid(F::dkim_tag), r, tag + "=" + v);
                    if (tag == "d") tree_.add_string(n, fid(F::dkim_domain), r, v);
                    else if (tag == "s") tree_.add_string(n, fid(F::dkim_selector), r, v);
                }
                break;
            case HeaderKind::AuthResults: {
                auto ar = parse_authentication_results(value);
                tree_.add_string(n, fid(F::auth_serv_id), r, ar.authserv_id);
                for (const auto& res : ar.results) tree_.add_string(n, fid(F::auth_result), r, res);
                break;
            }
            case HeaderKind::ReceivedSpf: tree_.add_string(n, fid(F::received_spf_result), r, received_spf_result(value)); break;
            case HeaderKind::ListUris:
                for (const auto& u : parse_angle_uris(value)) tree_.add_string(n, fid(F::list_uri), r, u);
                break;
            case HeaderKind::Unstructured: add_decoded(n, r, value); break;
            case HeaderKind::Plain: break;
        }
    }

    void add_params(NodeRef n, ByteRange r, const ms::mime::ContentHeader& ch) {
        for (const auto& p : ch.params) {
            NodeRef pn = tree_.add_string(n, fid(F::content_param), r, p.name + "=" + p.value);
            tree_.set_generated(pn);
        }
    }

    void add_addresses(NodeRef n, ByteRange r, const std::string& value, bool mailbox_list, const std::string& name) {
        AddressList list = parse_address_list(value);
        if (labels_) {
            std::size_t count = list.mailboxes.size();
            tree_.set_label(n, name + ": " + visible(value) + ", " + std::to_string(count) + (count == 1 ? " item" : " items"));
        }
        FieldId item_field = fid(mailbox_list ? F::mailbox_list_item : F::address_list_item);
        for (const auto& m : list.mailboxes) {
            std::string_view item_text = std::string_view(value).substr(m.begin, m.end - m.begin);
            NodeRef item = tree_.add_string(n, item_field, r, std::string(item_text));
            if (!m.group.empty()) tree_.add_string(item, fid(F::address_group), r, m.group);
            if (!m.display_name.empty()) {
                NodeRef dn = tree_.add_string(item, fid(F::display_name), r, m.display_name);
                add_decoded(dn, r, m.display_name);
            }
            if (!m.route.empty()) tree_.add_string(item, fid(F::address_route), r, m.route);
            tree_.add_string(item, fid(F::address), r, m.address);
        }
        for (const auto& g : list.empty_groups) tree_.add_string(n, fid(F::address_group), r, g);
        if (list.malformed) tree_.add_expert(n, imf_experts::id(imf_experts::address_bad), r);
    }

    void add_received(NodeRef n, ByteRange r, const std::string& value) {
        ReceivedInfo ri = parse_received(value);
        auto add = [&](F f, const std::string& v) {
            if (!v.empty()) tree_.add_string(n, fid(f), r, v);
        };
        add(F::received_from, ri.from);
        add(F::received_helo, ri.helo);
        add(F::received_rdns, ri.rdns);
        add(F::received_ip, ri.ip);
        add(F::received_by, ri.by);
        add(F::received_via, ri.via);
        add(F::received_with, ri.with);
        add(F::received_id, ri.id);
        add(F::received_for, ri.for_addr);
        if (ri.date_ns) tree_.add_time(n, fid(F::received_date), r, *ri.date_ns);
        else if (!ri.date_text.empty()) tree_.add_expert(n, imf_experts::id(imf_experts::date_bad), r);
    }

    // The Message-ID seen before in the capture, and where checking stopped.
    void add_duplicate_notes(const Entity& e, NodeRef parent) {
        if (!wire_.known || (!wire_.duplicate_of && !wire_.duplicate_check_stopped)) return;
        ByteRange r = range(e.start, 0);
        for (const auto& h : e.headers)
            if (ms::mime::iequals(h.name, "message-id")) {
                r = range(h.offset, h.length);
                break;
            }
        if (wire_.duplicate_of) tree_.set_generated(tree_.add_uint(parent, fid(F::duplicate_of), r, wire_.duplicate_of));
        for (const auto& note : duplicate_notes(wire_)) tree_.add_expert(parent, imf_experts::id(note.expert), r, note.text);
    }

    void add_received_path(const Entity& e, NodeRef parent, bool root) {
        if (!e.is_message || !interest_.received_path()) return;
        std::vector<const HeaderField*> hops;
        for (const auto& h : e.headers)
            if (ms::mime::iequals(h.name, "received")) hops.push_back(&h);
        if (hops.empty()) return;
        // Checks against the capture, by header index (0 = topmost).
        std::vector<ReceivedFinding> findings;
        if (root && wire_.known) {
            std::vector<ReceivedInfo> infos;
            infos.reserve(hops.size());
            for (const HeaderField* h : hops) infos.push_back(parse_received(h->value));
            findings = check_received(infos, wire_);
        }
        NodeRef path = tree_.add_none(parent, fid(F::received_path), range(hops.back()->offset, 0));
        tree_.set_generated(path);
        label(path, "Received path (" + std::to_string(hops.size()) + (hops.size() == 1 ? " hop)" : " hops)"));
        std::optional<int64_t> prev;
        uint32_t number = 0;
        for (auto it = hops.rbegin(); it != hops.rend(); ++it) {
            const HeaderField& h = **it;
            ReceivedInfo ri = parse_received(h.value);
            ByteRange r = range(h.offset, h.length);
            NodeRef hop = tree_.add_uint(path, fid(F::received_hop), r, ++number);
            tree_.set_generated(hop);
            if (labels_) {
                std::string text = "Hop " + std::to_string(number) + ":";
                std::string from = !ri.helo.empty() ? ri.helo : ri.rdns;
                if (!from.empty()) text += " from " + from;
                if (!ri.ip.empty()) text += " [" + ri.ip + "]";
                if (!ri.by.empty()) text += " by " + ri.by.substr(0, ri.by.find(' '));
                if (!ri.with.empty()) text += " with " + ri.with.substr(0, ri.with.find(' '));
                tree_.set_label(hop, text);
            }
            if (ri.date_ns && prev) {
                NodeRef d = tree_.add_time(hop, fid(F::received_delta), r, *ri.date_ns - *prev);
                tree_.set_generated(d);
            }
            if (ri.date_ns) prev = ri.date_ns;
            const std::size_t header_index = hops.size() - number;
            for (const auto& f : findings)
                if (f.header_index == header_index) tree_.add_expert(hop, imf_experts::id(f.expert), r, f.text);
        }
    }

    void add_body(uint32_t idx, NodeRef parent) {
        const Entity& e = entities_[idx];
        switch (e.kind) {
            case EntityKind::Multipart: add_multipart(idx, parent); break;
            case EntityKind::Encapsulated:
                if (!e.children.empty()) add_message(e.children.front(), parent);
                break;
            case EntityKind::Leaf: add_leaf(e, parent); break;
        }
    }

    void add_multipart(uint32_t idx, NodeRef parent) {
        const Entity& e = entities_[idx];
        NodeRef mp = tree_.add_none(parent, mid(mime_fields::proto), range(e.body_start, e.end - e.body_start));
        label(mp, "MIME Multipart Media Encapsulation, Type: " + e.content_type.value + ", Boundary: \"" + e.boundary + "\"");
        NodeRef t = tree_.add_string(mp, mid(mime_fields::type), range(e.body_start, 0), e.content_type.value);
        tree_.set_generated(t);
        if (e.preamble_length > 0)
            tree_.add_bytes(mp, mid(mime_fields::preamble), range(e.preamble_offset, e.preamble_length),
                            {reinterpret_cast<const uint8_t*>(e.preamble_head.data()), e.preamble_head.size()});
        std::size_t child = 0;
        for (const auto& mark : e.marks) {
            mime_fields::Field f = mark.kind == BoundaryMark::First   ? mime_fields::first_boundary
                                   : mark.kind == BoundaryMark::Close ? mime_fields::last_boundary
                                                                      : mime_fields::boundary;
            NodeRef b = tree_.add_string(mp, mid(f), range(mark.offset, mark.length), mark.text);
            if (labels_) {
                std::string name = f == mime_fields::first_boundary ? "First boundary: "
                                   : f == mime_fields::last_boundary ? "Last boundary: " : "Boundary: ";
                tree_.set_label(b, name + visible(mark.text));
            }
            if (mark.kind != BoundaryMark::Close && child < e.children.size()) add_part(e.children[child++], mp);
        }
        while (child < e.children.size()) add_part(e.children[child++], mp);
        if (e.epilogue_length > 0)
            tree_.add_bytes(mp, mid(mime_fields::trailer), range(e.epilogue_offset, e.epilogue_length),
                            {reinterpret_cast<const uint8_t*>(e.epilogue_head.data()), e.epilogue_head.size()});
    }

    void add_part(uint32_t idx, NodeRef parent) {
        const Entity& e = entities_[idx];
        NodeRef part = tree_.add_string(parent, mid(mime_fields::part), range(e.start, e.end - e.start), e.content_type.value);
        label(part, "Encapsulated multipart part:  (" + e.content_type.value + ")");
        add_headers(e, part, true);
        add_notes(e, part);
        add_body(idx, part);
    }

    void add_leaf(const Entity& e, NodeRef parent) {
        ByteRange body = range(e.body_start, e.end - e.body_start);
        NodeRef n = tree_.add_none(parent, fid(F::body), body);
        if (labels_) {
            std::string kind = e.is_text ? "Line-based text data: " : "Media Type: ";
            tree_.set_label(n, kind + e.content_type.value + " (" + std::to_string(e.decoded_size) + " bytes decoded)");
        }
        std::string path = e.path.empty() ? "1" : (e.is_message ? e.path + ".1" : e.path);
        tree_.set_generated(tree_.add_string(n, fid(F::body_path), body, path));
        tree_.add_string(n, fid(F::body_declared_type), body, e.content_type.value);
        if (!e.filename.empty()) tree_.add_string(n, fid(F::body_filename), body, e.filename);
        tree_.add_string(n, fid(F::body_encoding), body, std::string(ms::mime::transfer_encoding_name(e.encoding)));
        if (!e.charset.empty()) tree_.add_string(n, fid(F::body_charset), body, e.charset);
        tree_.set_generated(tree_.add_uint(n, fid(F::body_raw_size), body, e.raw_size));
        tree_.set_generated(tree_.add_uint(n, fid(F::body_size), body, e.decoded_size));
        tree_.set_generated(tree_.add_string(n, fid(F::body_md5), body, e.md5_hex));
        tree_.set_generated(tree_.add_string(n, fid(F::body_sha256), body, e.sha256_hex));
        if (!e.detected_type.empty())
            tree_.set_generated(tree_.add_string(n, fid(F::body_detected_type), body, e.detected_type));
        ByteRange text_range = body;
        // A small decoded body gets its own data source (Wireshark's
        // "Decoded base64" tab); only when someone will look at it.
        if (labels_ && !e.kept_decoded.empty() && e.kept_complete) {
            std::string name = "Decoded " + std::string(ms::mime::transfer_encoding_name(e.encoding)) + " (" +
                               std::to_string(e.kept_decoded.size()) + " bytes)";
            SourceId s = ctx_.add_source(std::move(name), e.kept_decoded);
            text_range = ByteRange{s, 0, static_cast<uint32_t>(std::min<uint64_t>(e.kept_decoded.size(), UINT32_MAX))};
        }
        if (e.is_text) {
            NodeRef t = tree_.add_string(n, fid(F::body_text), text_range, e.text);
            if (labels_) {
                std::string shown = e.text.substr(0, 200);
                tree_.set_label(t, "Text: " + visible(shown) + (e.text.size() > 200 ? "\xE2\x80\xA6" : ""));
            }
        }
    }

    FrameContext& ctx_;
    ProtoTree& tree_;
    SourceId src_;
    const std::vector<Entity>& entities_;
    const WireContext& wire_;
    const MessageInterest& interest_;
    bool labels_;
    uint64_t source_size_ = 0;
};
}  // namespace

void build_message_tree(FrameContext& ctx, NodeRef parent, SourceId src, const std::vector<Entity>& entities,
                        const WireContext& wire, const MessageInterest* interest) {
    if (entities.empty()) return;
    static const MessageInterest all = MessageInterest::everything();
    TreeBuilder(ctx, src, entities, wire, interest ? *interest : all).add_message(0, parent);
}

}  // namespace ms::imf
