// File > Export Specified Packets: copies the frames the user picked (all,
// the displayed ones, the selected one) from the open file into a new pcap
// or pcapng file, byte for byte (CaptureWriter: a half-written file never
// appears under its name). Runs on a worker thread. Qt-free.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "capture/source/capture_writer.hpp"

namespace ms::ui {

struct ExportResult {
    uint64_t written = 0;
    std::string error;
    bool cancelled = false;
};

// `wanted[n - 1]` says whether frame n is written (frames past its end are
// not). A snapshot, taken on the window's thread: the worker never reads the
// packet list.
ExportResult export_frames(const std::string& source_path, const std::string& dest, CaptureFileFormat format,
                           const std::vector<bool>& wanted, const std::atomic<bool>* cancel = nullptr,
                           const std::function<void(int)>& progress = {});

}  // namespace ms::ui
