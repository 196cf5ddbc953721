// Size bounds the capture readers enforce on lengths read from a file, so a
// corrupt length is reported as damage instead of driving an allocation.
#pragma once

#include <cstddef>
#include <cstdint>

namespace ms {

// Largest packet accepted (Wireshark's WTAP_MAX_PACKET_SIZE_STANDARD).
inline constexpr uint32_t kMaxCapturedPacketBytes = 262144;
// Largest pcapng block read whole into memory; bigger blocks are damage.
inline constexpr uint32_t kMaxPcapngBlockBytes = 16u << 20;
// The readers' buffer: one large read instead of one per record.
inline constexpr std::size_t kReadBufferBytes = 1u << 20;

}  // namespace ms
