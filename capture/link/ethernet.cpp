// Ethernet II (and IEEE 802.3 length frames, shown but not dissected further).
#include <algorithm>
#include <array>

#include "capture/link/link_dissectors.hpp"
#include "capture/link/link_fields.hpp"
#include "capture/net/dissect_util.hpp"
#include "dissectors/core/byte_cursor.hpp"

namespace ms {

namespace {
FieldId F(eth_fields::Field f) { return eth_fields::id(f); }
FieldId E(eth_experts::Expert e) { return eth_experts::id(e); }

// Ethernet frames shorter than this (without FCS) are padded on the wire.
constexpr uint64_t kMinFrame = 60;

// IEEE 802.3 CRC-32 (reflected, polynomial 0xEDB88320), as it sits on the wire.
uint32_t ethernet_crc32(std::span<const uint8_t> bytes) {
    static const auto table = [] {
        std::array<uint32_t, 256> tbl{};
        for (uint32_t i = 0; i < 256; ++i) {
            uint32_t c = i;
            for (int k = 0; k < 8; ++k) c = c & 1 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            tbl[i] = c;
        }
        return tbl;
    }();
    uint32_t crc = 0xFFFFFFFFu;
    for (uint8_t b : bytes) crc = table[(crc ^ b) & 0xff] ^ (crc >> 8);
    return ~crc;
}

// Destination/Source with the Address, LG and IG items tshark shows below them.
void address(FrameContext& ctx, NodeRef eth, std::span<const uint8_t> frame, uint64_t off, bool dst) {
    auto& t = ctx.tree;
    const auto mac = frame.subspan(off, 6);
    const ByteRange r = byte_range(off, 6);
    NodeRef a = t.add_bytes(eth, F(dst ? eth_fields::dst : eth_fields::src), r, mac);
    t.add_bytes(a, F(eth_fields::addr), r, mac);
    const bool lg = mac[0] & 0x02, ig = mac[0] & 0x01;
    t.add_bool(a, F(dst ? eth_fields::dst_lg : eth_fields::src_lg), byte_range(off, 3), lg);
    t.add_bool(a, F(dst ? eth_fields::dst_ig : eth_fields::src_ig), byte_range(off, 3), ig);
    t.set_hidden(t.add_bool(a, F(eth_fields::lg), byte_range(off, 3), lg));
    t.set_hidden(t.add_bool(a, F(eth_fields::ig), byte_range(off, 3), ig));
}
}  // namespace

void dissect_ethernet(FrameContext& ctx, NetLayer& net, std::span<const uint8_t> frame) {
    auto& t = ctx.tree;
    const ByteCursor c(frame);
    NodeRef eth = t.add_none(t.root(), F(eth_fields::proto), byte_range(0, std::min<uint64_t>(14, frame.size())));
    ctx.pinfo.protocol = "Ethernet";
    if (!c.has(0, 14)) {
        if (c.has(0, 6)) address(ctx, eth, frame, 0, true);
        if (c.has(6, 6)) address(ctx, eth, frame, 6, false);
        t.add_expert(eth, E(eth_experts::truncated), byte_range(0, frame.size()));
        return;
    }
    const Address dst = ether_address(c.ptr(0)), src = ether_address(c.ptr(6));
    ctx.pinfo.dl_dst = dst;
    ctx.pinfo.dl_src = src;
    const uint16_t type = load_be16(c.ptr(12));

    if (type <= 1500) {
        // IEEE 802.3: a length, then LLC; shown, not dissected further.
        set_label_if(ctx, eth, "IEEE 802.3 Ethernet ");
        address(ctx, eth, frame, 0, true);
        address(ctx, eth, frame, 6, false);
        NodeRef len = t.add_uint(eth, F(eth_fields::len), byte_range(12, 2), type);
        if (type > frame.size() - 14 && !frame_is_cut(ctx))
            t.add_expert(len, E(eth_experts::len_past_end), byte_range(12, 2));
        t.add_expert(eth, E(eth_experts::ieee8023), byte_range(14, frame.size() - 14));
        ctx.pinfo.protocol = "LLC";
        ctx.pinfo.info = "IEEE 802.3 Ethernet";
        add_data_node(ctx, frame, 14, frame.size() - 14);
        return;
    }
    set_label_if(ctx, eth, "Ethernet II, Src: " + src.to_string() + ", Dst: " + dst.to_string());
    // Nobody reads an eth field (-T fields, -Y on mail fields): the header
    // items are skipped as a block; the columns above are still set.
    if (t.wants_protocol(F(eth_fields::proto))) {
        address(ctx, eth, frame, 0, true);
        address(ctx, eth, frame, 6, false);
        t.add_uint(eth, F(eth_fields::type), byte_range(12, 2), type);
    }

    const uint64_t used = dissect_ethertype(ctx, net, frame, 14, type, 0);
    // Bytes after the upper layer's packet: padding up to the minimum frame
    // size, anything beyond that a trailer.
    const uint64_t end = 14 + std::min<uint64_t>(used, frame.size() - 14);
    if (used == 0 || end >= frame.size() || !t.wants_protocol(F(eth_fields::proto))) return;
    uint64_t pad_end = std::max<uint64_t>(end, std::min<uint64_t>(kMinFrame, frame.size()));
    // Padding is zeros; non-zero filler is shown as a trailer, as Wireshark does.
    const auto pad = frame.subspan(end, pad_end - end);
    if (std::any_of(pad.begin(), pad.end(), [](uint8_t b) { return b != 0; })) pad_end = end;
    if (pad_end > end) t.add_bytes(eth, F(eth_fields::padding), byte_range(end, pad_end - end), pad);
    if (frame.size() <= pad_end) return;
    uint64_t trailer_end = frame.size();
    // A trailer ending in the CRC-32 of the frame is the FCS (Wireshark's heuristic).
    const bool fcs = frame.size() - pad_end >= 4 &&
                     ethernet_crc32(frame.first(frame.size() - 4)) == load_le32(frame.data() + frame.size() - 4);
    if (fcs) trailer_end -= 4;
    if (trailer_end > pad_end)
        t.add_bytes(eth, F(eth_fields::trailer), byte_range(pad_end, trailer_end - pad_end),
                    frame.subspan(pad_end, trailer_end - pad_end));
    if (fcs) {
        const uint32_t value = load_be32(frame.data() + trailer_end);
        NodeRef n = t.add_uint(eth, F(eth_fields::fcs), byte_range(trailer_end, 4), value);
        set_label_if(ctx, n, strf("Frame check sequence: 0x%08x [unverified]", value));
        NodeRef st = t.add_uint(eth, F(eth_fields::fcs_status), byte_range(trailer_end, 4), 2);
        t.set_generated(st);
        set_label_if(ctx, st, "FCS Status: Unverified");
    }
}

}  // namespace ms
