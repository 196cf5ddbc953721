#include "field.hpp"

namespace ms {

std::string_view severity_name(Severity s) {
    switch (s) {
        case Severity::Comment: return "Comment";
        case Severity::Chat: return "Chat";
        case Severity::Note: return "Note";
        case Severity::Warn: return "Warning";
        case Severity::Error: return "Error";
    }
    return "?";
}

std::string_view group_name(ExpertGroup g) {
    switch (g) {
        case ExpertGroup::Checksum: return "Checksum";
        case ExpertGroup::Sequence: return "Sequence";
        case ExpertGroup::ResponseCode: return "Response";
        case ExpertGroup::RequestCode: return "Request";
        case ExpertGroup::Undecoded: return "Undecoded";
        case ExpertGroup::Reassemble: return "Reassemble";
        case ExpertGroup::Malformed: return "Malformed";
        case ExpertGroup::Debug: return "Debug";
        case ExpertGroup::Protocol: return "Protocol";
        case ExpertGroup::Security: return "Security";
        case ExpertGroup::Comments: return "Comment";
        case ExpertGroup::Decryption: return "Decryption";
        case ExpertGroup::Assumption: return "Assumption";
        case ExpertGroup::Deprecated: return "Deprecated";
    }
    return "?";
}

std::string_view field_type_name(FieldType t) {
    switch (t) {
        case FieldType::None: return "FT_NONE";
        case FieldType::Protocol: return "FT_PROTOCOL";
        case FieldType::Boolean: return "FT_BOOLEAN";
        case FieldType::U8: return "FT_UINT8";
        case FieldType::U16: return "FT_UINT16";
        case FieldType::U24: return "FT_UINT24";
        case FieldType::U32: return "FT_UINT32";
        case FieldType::U64: return "FT_UINT64";
        case FieldType::I8: return "FT_INT8";
        case FieldType::I16: return "FT_INT16";
        case FieldType::I32: return "FT_INT32";
        case FieldType::I64: return "FT_INT64";
        case FieldType::Double: return "FT_DOUBLE";
        case FieldType::String: return "FT_STRING";
        case FieldType::Bytes: return "FT_BYTES";
        case FieldType::IPv4: return "FT_IPv4";
        case FieldType::IPv6: return "FT_IPv6";
        case FieldType::Ether: return "FT_ETHER";
        case FieldType::AbsTime: return "FT_ABSOLUTE_TIME";
        case FieldType::RelTime: return "FT_RELATIVE_TIME";
        case FieldType::FrameNum: return "FT_FRAMENUM";
        case FieldType::Expert: return "FT_NONE";
    }
    return "FT_NONE";
}

std::string_view base_name(FieldType t, Base b) {
    switch (b) {
        case Base::Dec: return "BASE_DEC";
        case Base::Hex: return "BASE_HEX";
        case Base::DecHex: return "BASE_DEC_HEX";
        case Base::HexDec: return "BASE_HEX_DEC";
        case Base::Oct: return "BASE_OCT";
        case Base::None: break;
    }
    return "BASE_NONE";
}

}  // namespace ms
