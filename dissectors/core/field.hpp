// Field definitions: every field mailscope shows is declared once, with
// Wireshark's filter name where Wireshark has one, and used by the tree, the
// display filters, the CLI (-e, -G fields) and the GUI alike.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>

namespace ms {

using FieldId = uint32_t;
inline constexpr FieldId kNoField = 0xFFFFFFFFu;

// Mirrors Wireshark's ftenum names (printed by -G fields) so scripts carry over.
enum class FieldType : uint8_t {
    None,      // FT_NONE: text-only item
    Protocol,  // FT_PROTOCOL
    Boolean,   // FT_BOOLEAN (value in u)
    U8, U16, U24, U32, U64,
    I8, I16, I32, I64,
    Double,
    String,    // FT_STRING: bytes in the tree's pool, shown as text
    Bytes,     // FT_BYTES
    IPv4,      // value in u (host order)
    IPv6,      // 16 bytes in the pool
    Ether,     // 6 bytes in the pool
    AbsTime,   // value in time (ns since epoch)
    RelTime,   // value in time (ns, signed)
    FrameNum,  // FT_FRAMENUM (value in u)
    Expert,    // an expert-info item (see ExpertDef)
};

enum class Base : uint8_t { None, Dec, Hex, DecHex, HexDec, Oct };

struct ValueName {
    uint64_t value;
    const char* name;
};

struct FieldDef {
    const char* abbrev;  // filter name, e.g. "tcp.srcport"
    const char* name;    // label, e.g. "Source Port"
    FieldType type = FieldType::None;
    Base base = Base::None;
    std::span<const ValueName> values = {};  // value -> name table (labels)
    uint64_t bitmask = 0;                    // for flag fields inside a wider field
    const char* blurb = "";
    uint8_t bit_width = 0;  // width of the parent value for bitmask display (0 = from type/mask)
};

enum class Severity : uint8_t { Comment, Chat, Note, Warn, Error };

// Wireshark's PI_* groups, with their numeric values (used by -z expert).
enum class ExpertGroup : uint32_t {
    Checksum = 0x01000000,
    Sequence = 0x02000000,
    ResponseCode = 0x03000000,
    RequestCode = 0x04000000,
    Undecoded = 0x05000000,
    Reassemble = 0x06000000,
    Malformed = 0x07000000,
    Debug = 0x08000000,
    Protocol = 0x09000000,
    Security = 0x0a000000,
    Comments = 0x0b000000,
    Decryption = 0x0c000000,
    Assumption = 0x0d000000,
    Deprecated = 0x0e000000,
};

struct ExpertDef {
    const char* abbrev;   // e.g. "tcp.analysis.retransmission"
    ExpertGroup group;
    Severity severity;
    const char* summary;  // default text
};

std::string_view severity_name(Severity s);     // "Chat", "Note", ...
std::string_view group_name(ExpertGroup g);     // "Sequence", ...
std::string_view field_type_name(FieldType t);  // "FT_UINT16", ...
std::string_view base_name(FieldType t, Base b);  // "BASE_DEC", ...

}  // namespace ms
