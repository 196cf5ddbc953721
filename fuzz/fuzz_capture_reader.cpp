// The capture readers: the input is a capture file (pcap, pcapng, either
// gzip-compressed or not), opened through open_capture exactly as
// mailscope-cli opens one, from an in-memory file; every frame is read and
// every byte of it touched.
#include <cstdlib>

#include "capture/source/capture_limits.hpp"
#include "capture/source/frame_source.hpp"
#include "fuzz/fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    ms::fuzz::MemoryFile file({data, size});
    if (!file.ok()) return 0;
    std::string error;
    auto src = ms::open_capture(file.path(), error);
    if (!src) {
        if (error.empty()) std::abort();  // a failure always says why
        return 0;
    }
    (void)src->format_name();
    ms::RawFrame frame;
    ms::ReadStatus st;
    uint64_t expect = 0;
    volatile uint64_t sum = 0;
    while ((st = src->next(frame)) == ms::ReadStatus::Frame) {
        if (frame.number != ++expect) std::abort();
        if (frame.data.size() != frame.caplen) std::abort();
        if (frame.caplen > ms::kMaxCapturedPacketBytes) std::abort();
        for (uint8_t b : frame.data) sum = sum + b;
        sum = sum + frame.comment.size();
        for (const auto& i : src->interfaces()) sum = sum + i.name.size() + i.description.size();
    }
    if (st == ms::ReadStatus::Error && src->error().empty()) std::abort();
    // Once finished, a reader stays finished.
    if (src->next(frame) != st) std::abort();
    for (const auto& c : src->comments()) sum = sum + c.size();
    return 0;
}
