// Cut a small valid capture at every byte offset: the reader must return
// exactly the frames wholly before the cut, then End at a record boundary
// or Error inside a record (or fail to open inside the file header).
#include <gtest/gtest.h>

#include <algorithm>

#include "crafted_capture.hpp"

namespace ms::test_source {
namespace {

// `boundaries[0]` ends the file header; each later entry ends one record.
// `packet_record[i]` says whether record i (1-based, as boundaries) holds a frame.
void sweep(const Bytes& whole, const std::vector<std::size_t>& boundaries, const std::vector<bool>& is_frame,
           const std::string& name, bool gzip) {
    ScratchDir dir;
    ReadResult full = read_capture(dir.write(name, whole));
    ASSERT_TRUE(full.opened) << full.open_error;
    ASSERT_EQ(full.last, ReadStatus::End) << full.error;

    for (std::size_t cut = 0; cut <= whole.size(); ++cut) {
        SCOPED_TRACE("cut at byte " + std::to_string(cut) + " of " + std::to_string(whole.size()));
        Bytes part(whole.begin(), whole.begin() + std::ptrdiff_t(cut));
        std::string path = gzip ? dir.write_gzip(name + ".gz", part) : dir.write(name, part);
        ReadResult r = read_capture(path, 1000);
        if (cut < boundaries[0]) {
            EXPECT_FALSE(r.opened) << "a cut inside the file header must fail the open";
            EXPECT_FALSE(r.open_error.empty());
            continue;
        }
        ASSERT_TRUE(r.opened) << r.open_error;
        std::size_t frames_before = 0;
        bool at_boundary = false;
        for (std::size_t i = 0; i < boundaries.size(); ++i) {
            if (boundaries[i] <= cut && i > 0 && is_frame[i]) ++frames_before;
            if (boundaries[i] == cut) at_boundary = true;
        }
        ASSERT_EQ(r.frames.size(), frames_before);
        for (std::size_t i = 0; i < r.frames.size(); ++i) {
            EXPECT_EQ(r.frames[i].data, full.frames[i].data);
            EXPECT_EQ(r.frames[i].ts_ns, full.frames[i].ts_ns);
        }
        if (at_boundary) {
            EXPECT_EQ(r.last, ReadStatus::End) << r.error;
        } else {
            EXPECT_EQ(r.last, ReadStatus::Error);
            EXPECT_NE(r.error.find("cut short"), std::string::npos) << r.error;
        }
    }
}

Bytes payload(std::size_t n, uint8_t seed) {
    Bytes b(n);
    for (std::size_t i = 0; i < n; ++i) b[i] = uint8_t(seed + i * 13);
    return b;
}

TEST(TruncationSweep, PcapEveryOffset) {
    for (bool big : {false, true}) {
        PcapBuilder b(big, false, kLinkEthernet);
        b.packet(1, 10, payload(21, 1)).packet(2, 20, {}).packet(3, 30, payload(40, 3)).packet(4, 40, payload(3, 4));
        std::vector<bool> is_frame(b.boundaries().size(), true);
        sweep(b.bytes(), b.boundaries(), is_frame, big ? "big.pcap" : "little.pcap", false);
    }
}

PcapngBuilder small_pcapng(bool big) {
    PcapngBuilder b;
    b.section(big, {text_option(1, "c")})
        .interface(kLinkEthernet, 0, {text_option(2, "eth0")})
        .enhanced(0, 100, payload(17, 1), 0, {text_option(1, "pkt")})
        .block(5, Bytes(16, 0))  // statistics, skipped
        .simple(9, payload(9, 2))
        .interface(kLinkRaw, 0)
        .legacy(1, 200, payload(6, 3))
        .enhanced(1, 300, {});
    return b;
}

std::vector<bool> pcapng_frame_blocks() {
    // SHB, IDB, EPB, ISB, SPB, IDB, PB, EPB
    return {false, false, true, false, true, false, true, true};
}

TEST(TruncationSweep, PcapngEveryOffset) {
    for (bool big : {false, true}) {
        PcapngBuilder b = small_pcapng(big);
        ASSERT_EQ(b.boundaries().size(), pcapng_frame_blocks().size());
        sweep(b.bytes(), b.boundaries(), pcapng_frame_blocks(), big ? "big.pcapng" : "little.pcapng", false);
    }
}

TEST(TruncationSweep, GzipPcapngEveryOffset) {
    // The gzip stream itself is complete; its content is cut.
    PcapngBuilder b = small_pcapng(false);
    sweep(b.bytes(), b.boundaries(), pcapng_frame_blocks(), "z.pcapng", true);
}

TEST(TruncationSweep, CompressedStreamCutAtEveryOffsetNeverCrashes) {
    PcapBuilder b(false, false, kLinkEthernet);
    for (int i = 0; i < 8; ++i) b.packet(uint32_t(i), 0, payload(30, uint8_t(i)));
    ScratchDir dir;
    Bytes gz = read_file(dir.write_gzip("full.pcap.gz", b.bytes()));
    for (std::size_t cut = 0; cut < gz.size(); ++cut) {
        SCOPED_TRACE("gzip cut at " + std::to_string(cut));
        ReadResult r = read_capture(dir.write("cut.gz", Bytes(gz.begin(), gz.begin() + std::ptrdiff_t(cut))), 100);
        if (!r.opened) {
            EXPECT_FALSE(r.open_error.empty());
            continue;
        }
        EXPECT_LE(r.frames.size(), 8u);
        EXPECT_EQ(r.last, ReadStatus::Error) << "a cut gzip stream is never a clean end";
    }
}

}  // namespace
}  // namespace ms::test_source
