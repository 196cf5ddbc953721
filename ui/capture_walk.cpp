#include "ui/capture_walk.hpp"

#include <filesystem>
#include <system_error>

namespace ms::ui {

bool CaptureWalk::open(const std::string& path, std::string& error) {
    source_ = open_capture(path, error);
    if (!source_) return false;
    pipeline_ = std::make_unique<Pipeline>();
    pipeline_->set_source(source_.get());
    std::error_code ec;
    auto size = std::filesystem::file_size(path, ec);
    file_size_ = ec ? 0 : static_cast<uint64_t>(size);
    compressed_ = source_->format_name().find("gzip") != std::string::npos;
    return true;
}

bool CaptureWalk::next() {
    if (!source_) return false;
    ReadStatus rs = source_->next(frame_);
    if (rs != ReadStatus::Frame) {
        if (rs == ReadStatus::Error) error_ = source_->error();
        return false;
    }
    ++frames_;
    // A pcap record header is 16 bytes, a pcapng EPB 32 plus padding: close
    // enough for a progress bar.
    bytes_seen_ += frame_.caplen + 24;
    pipeline_->dissect(frame_, ctx_);
    return true;
}

void CaptureWalk::finish() {
    if (pipeline_) pipeline_->finish(ctx_);
}

bool WalkControl::should_stop(const CaptureWalk& walk) const {
    if ((walk.frames_read() & 4095) != 0) return false;
    if (progress) {
        double p = walk.progress();
        progress(p < 0 ? -1 : int(p * 1000));
    }
    return cancel && cancel->load(std::memory_order_relaxed);
}

double CaptureWalk::progress() const {
    if (compressed_ || file_size_ == 0) return -1;
    double p = double(bytes_seen_) / double(file_size_);
    return p > 1 ? 1 : p;
}

}  // namespace ms::ui
