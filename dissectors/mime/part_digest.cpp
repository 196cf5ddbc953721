#include "part_digest.hpp"

#include <openssl/evp.h>

namespace ms::mime {

namespace {
EVP_MD_CTX* ctx(void* p) { return static_cast<EVP_MD_CTX*>(p); }

std::string to_hex(const unsigned char* d, unsigned n) {
    static const char* digits = "0123456789abcdef";
    std::string s;
    s.reserve(n * 2);
    for (unsigned i = 0; i < n; ++i) {
        s += digits[d[i] >> 4];
        s += digits[d[i] & 15];
    }
    return s;
}
}  // namespace

PartDigest::PartDigest() : md5_(EVP_MD_CTX_new()), sha256_(EVP_MD_CTX_new()) { reset(); }

PartDigest::~PartDigest() {
    EVP_MD_CTX_free(ctx(md5_));
    EVP_MD_CTX_free(ctx(sha256_));
}

void PartDigest::reset() {
    if (md5_) EVP_DigestInit_ex(ctx(md5_), EVP_md5(), nullptr);
    if (sha256_) EVP_DigestInit_ex(ctx(sha256_), EVP_sha256(), nullptr);
}

void PartDigest::update(std::span<const uint8_t> bytes) {
    if (bytes.empty()) return;
    if (md5_) EVP_DigestUpdate(ctx(md5_), bytes.data(), bytes.size());
    if (sha256_) EVP_DigestUpdate(ctx(sha256_), bytes.data(), bytes.size());
}

void PartDigest::finish(std::string& md5_hex, std::string& sha256_hex) {
    unsigned char d[EVP_MAX_MD_SIZE];
    unsigned n = 0;
    md5_hex.clear();
    sha256_hex.clear();
    if (md5_ && EVP_DigestFinal_ex(ctx(md5_), d, &n) == 1) md5_hex = to_hex(d, n);
    if (sha256_ && EVP_DigestFinal_ex(ctx(sha256_), d, &n) == 1) sha256_hex = to_hex(d, n);
    reset();
}

}  // namespace ms::mime
