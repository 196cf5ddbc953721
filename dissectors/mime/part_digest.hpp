// MD5 and SHA-256 of a part's decoded bytes, computed as they stream by.
#pragma once

#include <cstdint>
#include <span>
#include <string>

namespace ms::mime {

class PartDigest {
public:
    PartDigest();
    ~PartDigest();
    PartDigest(const PartDigest&) = delete;
    PartDigest& operator=(const PartDigest&) = delete;

    void reset();
    void update(std::span<const uint8_t> bytes);
    // Lower-case hex of both digests; the digest starts over afterwards.
    void finish(std::string& md5_hex, std::string& sha256_hex);

private:
    void* md5_ = nullptr;     // EVP_MD_CTX*
    void* sha256_ = nullptr;  // EVP_MD_CTX*
};

}  // namespace ms::mime
