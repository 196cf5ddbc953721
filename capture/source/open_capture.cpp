// open_capture: picks the decompressor and the reader by magic number.
#include "capture/source/byte_input.hpp"
#include "capture/source/capture_messages.hpp"
#include "capture/source/frame_source.hpp"
#include "capture/source/gzip_input.hpp"
#include "capture/source/pcap_reader.hpp"
#include "capture/source/pcapng_reader.hpp"
#include "capture/source/read_buffer.hpp"

namespace ms {

std::unique_ptr<FrameSource> open_capture(const std::string& path, std::string& error) {
    std::unique_ptr<FileInput> file = FileInput::open(path, error);
    if (!file) return nullptr;

    uint8_t magic[2] = {};
    int64_t got = file->peek(magic, 2);
    if (got < 0) {
        error = file->error();
        return nullptr;
    }
    if (got == 0) {
        error = capture_msg::empty_file(path);
        return nullptr;
    }
    bool gzipped = got == 2 && magic[0] == 0x1f && magic[1] == 0x8b;
    std::unique_ptr<ByteInput> input = std::move(file);
    if (gzipped) input = std::make_unique<GzipInput>(std::move(input), path);

    ReadBuffer buf(std::move(input));
    if (buf.ensure(4) == ReadBuffer::Fill::Failed) {
        error = buf.error();
        return nullptr;
    }
    if (buf.available() == 0 && gzipped) {
        error = capture_msg::gzip_empty(path);
        return nullptr;
    }
    if (buf.available() < 4) {
        error = capture_msg::not_a_capture(path);
        return nullptr;
    }
    if (is_pcap_magic(buf.data())) return PcapReader::open(std::move(buf), path, gzipped, error);
    if (is_pcapng_magic(buf.data())) return PcapngReader::open(std::move(buf), path, gzipped, error);
    error = capture_msg::not_a_capture(path);
    return nullptr;
}

}  // namespace ms
