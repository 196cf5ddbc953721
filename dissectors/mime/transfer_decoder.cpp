#include "transfer_decoder.hpp"

#include "text_util.hpp"

namespace ms::mime {

TransferEncoding parse_transfer_encoding(std::string_view v) {
    v = trim(v);
    if (v.empty() || iequals(v, "7bit")) return TransferEncoding::SevenBit;
    if (iequals(v, "8bit")) return TransferEncoding::EightBit;
    if (iequals(v, "binary")) return TransferEncoding::Binary;
    if (iequals(v, "quoted-printable")) return TransferEncoding::QuotedPrintable;
    if (iequals(v, "base64")) return TransferEncoding::Base64;
    if (iequals(v, "x-uuencode") || iequals(v, "uuencode") || iequals(v, "x-uue")) return TransferEncoding::UUencode;
    return TransferEncoding::Unknown;
}

std::string_view transfer_encoding_name(TransferEncoding e) {
    switch (e) {
        case TransferEncoding::SevenBit: return "7bit";
        case TransferEncoding::EightBit: return "8bit";
        case TransferEncoding::Binary: return "binary";
        case TransferEncoding::QuotedPrintable: return "quoted-printable";
        case TransferEncoding::Base64: return "base64";
        case TransferEncoding::UUencode: return "x-uuencode";
        case TransferEncoding::Unknown: break;
    }
    return "unknown";
}

void TransferDecoder::reset(TransferEncoding e) {
    enc_ = e;
    b64_ = Base64Decoder{};
    qp_ = QuotedPrintableDecoder{};
    uu_ = UuDecoder{};
}

void TransferDecoder::content(std::span<const uint8_t> in, DecodedOutput& out) {
    switch (enc_) {
        case TransferEncoding::Base64: b64_.feed(in, out); break;
        case TransferEncoding::QuotedPrintable: qp_.content(in, out); break;
        case TransferEncoding::UUencode: uu_.content(in); break;
        default: if (!in.empty()) out.write(in); break;
    }
}

void TransferDecoder::line_end(std::span<const uint8_t> eol, DecodedOutput& out) {
    switch (enc_) {
        case TransferEncoding::Base64: break;
        case TransferEncoding::QuotedPrintable: qp_.line_end(eol, out); break;
        case TransferEncoding::UUencode: uu_.line_end(out); break;
        default: if (!eol.empty()) out.write(eol); break;
    }
}

void TransferDecoder::finish(DecodedOutput& out) {
    switch (enc_) {
        case TransferEncoding::Base64: b64_.finish(out); break;
        case TransferEncoding::QuotedPrintable: qp_.finish(out); break;
        case TransferEncoding::UUencode: uu_.finish(out); break;
        default: break;
    }
}

}  // namespace ms::mime
