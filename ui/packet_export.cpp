#include "ui/packet_export.hpp"

#include "capture/source/frame_source.hpp"

namespace ms::ui {

ExportResult export_frames(const std::string& source_path, const std::string& dest, CaptureFileFormat format,
                           const std::vector<bool>& wanted, const std::atomic<bool>* cancel,
                           const std::function<void(int)>& progress) {
    ExportResult out;
    auto source = open_capture(source_path, out.error);
    if (!source) return out;
    CaptureWriterOptions options;
    options.format = format;
    // The pcapng section comments of the source travel with the frames.
    for (const std::string& c : source->comments()) {
        if (!options.section_comment.empty()) options.section_comment += '\n';
        options.section_comment += c;
    }
    auto writer = CaptureWriter::create(dest, options, out.error);
    if (!writer) return out;
    RawFrame f;
    ReadStatus st = ReadStatus::End;
    uint64_t last_wanted = 0;
    for (std::size_t i = wanted.size(); i > 0; --i)
        if (wanted[i - 1]) {
            last_wanted = i;
            break;
        }
    while (f.number < last_wanted && (st = source->next(f)) == ReadStatus::Frame) {
        if ((f.number & 4095) == 0) {
            if (cancel && cancel->load(std::memory_order_relaxed)) {
                out.cancelled = true;
                return out;  // the writer's destructor removes the temporary file
            }
            if (progress) progress(int(f.number * 1000 / last_wanted));
        }
        if (!wanted[f.number - 1]) continue;
        if (!writer->write(f)) {
            out.error = writer->error();
            return out;
        }
    }
    if (last_wanted && st == ReadStatus::Error) {
        out.error = source->error();
        return out;
    }
    if (!writer->close()) {
        out.error = writer->error();
        return out;
    }
    out.written = writer->frames_written();
    return out;
}

}  // namespace ms::ui
