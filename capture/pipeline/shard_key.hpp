// Which shard of a sharded dissection a frame belongs to. Every frame of one
// IP conversation (both directions, every fragment, every TCP connection
// between the two hosts) gets the same shard, so each shard's pipeline sees
// whole streams and whole datagrams. Frames without an IP header it can find
// (ARP, unknown link types, encapsulations it does not open) go to shard 0,
// consistently, so a flow never straddles shards. Qt-free.
#pragma once

#include <cstdint>
#include <span>

namespace ms {

unsigned shard_of_frame(uint32_t linktype, std::span<const uint8_t> frame, unsigned shards);

}  // namespace ms
