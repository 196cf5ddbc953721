// Turns the tokens of one IMAP command or response into tree fields. A
// command or response spanning several lines (literals) is shown line by
// line: each call adds only the fields whose tokens completed in the line
// at hand (the window), under that line's node.
#pragma once

#include <cstdint>
#include <string_view>

#include "dissectors/core/tree.hpp"
#include "imap_fields.hpp"
#include "imap_parser.hpp"

namespace ms::imap {

class TreeWindow {
public:
    TreeWindow(ProtoTree& t, const TokenList& toks, std::size_t lo, std::size_t hi, ByteRange line, uint32_t segment)
        : t_(t), toks_(toks), lo_(lo), hi_(hi), line_(line), segment_(segment) {}

    ProtoTree& tree() const { return t_; }
    const TokenList& toks() const { return toks_; }
    bool visible(std::size_t i) const { return i >= lo_ && i < hi_ && i < toks_.size(); }
    ByteRange line() const { return line_; }
    // Where token i sits: its bytes in the line, or a point at the line
    // start for literals and tokens of earlier lines.
    ByteRange range(std::size_t i) const;

    // Add a field for token i when it is in the window; otherwise return
    // `parent` so that children still find a home.
    NodeRef str(NodeRef parent, imap_fields::Field f, std::size_t i, std::string_view v) const;
    NodeRef str(NodeRef parent, imap_fields::Field f, std::size_t i) const { return str(parent, f, i, toks_.value(i)); }
    NodeRef num(NodeRef parent, imap_fields::Field f, std::size_t i) const;  // nothing when not a number
    NodeRef none(NodeRef parent, imap_fields::Field f, std::size_t i) const;
    // A mailbox name: decoded from modified UTF-7, the wire form below it.
    NodeRef mailbox(NodeRef parent, imap_fields::Field f, std::size_t i) const;
    void expert(NodeRef parent, imap_experts::Expert e, std::size_t i, std::string_view text) const;

private:
    ProtoTree& t_;
    const TokenList& toks_;
    std::size_t lo_, hi_;
    ByteRange line_;
    uint32_t segment_;
};

bool parse_number(std::string_view s, uint64_t& v);

void add_command_args(const TreeWindow& w, NodeRef parent, const ImapMessage& m);
void add_response_data(const TreeWindow& w, NodeRef parent, const ImapMessage& m, bool sasl_challenge);
// One SASL message (base64) of an AUTHENTICATE exchange, decoded.
void add_sasl(ProtoTree& t, NodeRef parent, ByteRange r, SaslMech mech, uint32_t step, std::string_view b64);

}  // namespace ms::imap
