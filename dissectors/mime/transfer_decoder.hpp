// One leaf body's Content-Transfer-Encoding, decoded as the lines stream by.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "base64_decoder.hpp"
#include "qp_decoder.hpp"
#include "uu_decoder.hpp"

namespace ms::mime {

enum class TransferEncoding : uint8_t { SevenBit, EightBit, Binary, QuotedPrintable, Base64, UUencode, Unknown };

// "7bit", "Base64", "x-uuencode" ... (case-insensitive, surrounding blanks ignored).
TransferEncoding parse_transfer_encoding(std::string_view value);
std::string_view transfer_encoding_name(TransferEncoding e);
// Whether the decoded bytes differ from the raw ones.
inline bool is_identity(TransferEncoding e) {
    return e != TransferEncoding::QuotedPrintable && e != TransferEncoding::Base64 && e != TransferEncoding::UUencode;
}

class TransferDecoder {
public:
    void reset(TransferEncoding e);
    TransferEncoding encoding() const { return enc_; }
    void content(std::span<const uint8_t> in, DecodedOutput& out);
    void line_end(std::span<const uint8_t> eol, DecodedOutput& out);
    void finish(DecodedOutput& out);

    uint64_t invalid_base64() const { return b64_.invalid_chars(); }
    bool bad_base64_padding() const { return b64_.bad_padding(); }
    uint64_t invalid_qp() const { return qp_.invalid_escapes(); }
    uint64_t invalid_uu() const { return uu_.invalid_lines(); }
    const std::string& uu_filename() const { return uu_.filename(); }

private:
    TransferEncoding enc_ = TransferEncoding::SevenBit;
    Base64Decoder b64_;
    QuotedPrintableDecoder qp_;
    UuDecoder uu_;
};

}  // namespace ms::mime
