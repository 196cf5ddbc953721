// The argument of BDAT (RFC 3030): chunk-size [SP "LAST"], parsed strictly in
// 64 bits. A pure function so every hostile size can be tested on its own.
#pragma once

#include <cstdint>
#include <string_view>

namespace ms::smtp {

enum class BdatError : uint8_t {
    None,
    MissingSize,   // "BDAT" or "BDAT LAST"
    NotNumeric,    // "BDAT 12x", "BDAT abc"
    Negative,      // "BDAT -5"
    TooLarge,      // more than 2^63
    ExtraTokens,   // "BDAT 10 LAST more", "BDAT 10 FIRST"
};

struct BdatArg {
    uint64_t size = 0;
    bool last = false;
    BdatError error = BdatError::None;
    bool ok() const { return error == BdatError::None; }
};

inline constexpr uint64_t kMaxBdatSize = uint64_t(1) << 63;

// `arg` is what follows "BDAT" on the command line (leading blanks allowed).
BdatArg parse_bdat_arg(std::string_view arg);
const char* bdat_error_text(BdatError e);

}  // namespace ms::smtp
