#include "capture/live/live_source.hpp"

#include <cstring>

#include "capture/live/helper_pipe_input.hpp"
#include "capture/live/helper_process.hpp"
#include "capture/source/pcapng_reader.hpp"
#include "capture/source/read_buffer.hpp"

namespace ms {

namespace {

constexpr const char* kStreamName = "live capture";

// The helper's messages without its progress lines: what explains a failure.
std::string failure_text(const std::string& messages, int status) {
    std::string out;
    std::size_t start = 0;
    while (start < messages.size()) {
        std::size_t end = messages.find('\n', start);
        if (end == std::string::npos) end = messages.size();
        std::string line = messages.substr(start, end - start);
        start = end + 1;
        if (line.empty() || line.rfind("Capturing on ", 0) == 0 || line.rfind("File: ", 0) == 0 ||
            line.rfind("Packets captured: ", 0) == 0 || line.rfind("Packets received/dropped", 0) == 0)
            continue;
        if (!out.empty()) out += "\n";
        out += line;
    }
    if (out.empty()) out = "mailscope-capture stopped with exit status " + std::to_string(status) + ".";
    return out;
}

std::string helper_or_error(const std::string& given, std::string& error) {
    if (!given.empty()) return given;
    std::string found = find_capture_helper();
    if (found.empty())
        error = "The capture helper mailscope-capture was not found next to this program or on PATH.";
    return found;
}

}  // namespace

struct LiveCapture::Impl {
    std::unique_ptr<HelperProcess> process;
    std::unique_ptr<HelperMessages> messages;  // outlives the reader, which reads through it
    std::unique_ptr<FrameSource> reader;
    bool finished = false;
    std::string error;
};

LiveCapture::LiveCapture(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

LiveCapture::~LiveCapture() {
    // The reader goes first (it reads through the helper's pipes), then the
    // process object stops and reaps the helper.
    impl_->reader.reset();
}

std::vector<std::string> live_capture_arguments(const LiveCaptureOptions& o) {
    std::vector<std::string> a;
    // Options before the first -i apply to every interface.
    if (!o.capture_filter.empty()) a.insert(a.end(), {"-f", o.capture_filter});
    if (o.snaplen) a.insert(a.end(), {"-s", std::to_string(o.snaplen)});
    if (!o.promiscuous) a.push_back("-p");
    if (o.buffer_size_mib) a.insert(a.end(), {"-B", std::to_string(o.buffer_size_mib)});
    if (o.immediate) a.push_back("-l");
    if (o.packet_count) a.insert(a.end(), {"-c", std::to_string(o.packet_count)});
    for (const std::string& s : o.autostop) a.insert(a.end(), {"-a", s});
    for (const std::string& i : o.interfaces) a.insert(a.end(), {"-i", i});
    a.insert(a.end(), {"-w", "-"});
    return a;
}

std::unique_ptr<LiveCapture> start_live_capture(const LiveCaptureOptions& opts, std::string& error) {
    std::string helper = helper_or_error(opts.helper_path, error);
    if (helper.empty()) return nullptr;
    auto impl = std::make_unique<LiveCapture::Impl>();
    impl->process = HelperProcess::spawn(helper, live_capture_arguments(opts), error);
    if (!impl->process) return nullptr;
    impl->messages = std::make_unique<HelperMessages>(impl->process->stderr_fd());

    ReadBuffer buf(std::make_unique<HelperPipeInput>(impl->process->stdout_fd(), impl->messages.get()));
    // The helper writes its header only once every interface is open, so
    // nothing here means it failed: its message says why.
    ReadBuffer::Fill fill = buf.ensure(4);
    if (fill != ReadBuffer::Fill::Ok) {
        if (fill == ReadBuffer::Fill::Failed) error = buf.error();
        impl->messages->read_to_end();
        int status = impl->process->wait();
        if (fill != ReadBuffer::Fill::Failed) error = failure_text(impl->messages->text(), status);
        return nullptr;
    }
    if (!is_pcapng_magic(buf.data())) {
        error = "The capture helper " + helper + " did not write pcapng.";
        return nullptr;
    }
    impl->reader = PcapngReader::open(std::move(buf), kStreamName, false, error);
    if (!impl->reader) return nullptr;
    if (opts.forward_helper_messages) impl->messages->start_forwarding();
    return std::unique_ptr<LiveCapture>(new LiveCapture(std::move(impl)));
}

ReadStatus LiveCapture::next(RawFrame& out) {
    Impl& m = *impl_;
    if (m.finished) return m.error.empty() ? ReadStatus::End : ReadStatus::Error;
    ReadStatus s = m.reader->next(out);
    if (s == ReadStatus::Frame) return s;
    // The stream ended: collect the helper's last words and its status.
    m.finished = true;
    m.messages->read_to_end();
    exit_status_ = m.process->wait();
    if (s == ReadStatus::Error) m.error = m.reader->error();
    else if (exit_status_ != 0) m.error = failure_text(m.messages->text(), exit_status_);
    return m.error.empty() ? ReadStatus::End : ReadStatus::Error;
}

const std::string& LiveCapture::error() const { return impl_->error; }

const std::vector<InterfaceInfo>& LiveCapture::interfaces() const { return impl_->reader->interfaces(); }

const std::vector<std::string>& LiveCapture::comments() const { return impl_->reader->comments(); }

void LiveCapture::stop() { impl_->process->terminate(); }

int LiveCapture::helper_pid() const { return int(impl_->process->pid()); }

std::string LiveCapture::helper_messages() const { return impl_->messages->text(); }

std::vector<InterfaceDesc> list_interfaces(std::string& error, const std::string& helper_path) {
    std::string helper = helper_or_error(helper_path, error);
    if (helper.empty()) return {};
    auto process = HelperProcess::spawn(helper, {"-D", "-M"}, error);
    if (!process) return {};
    HelperMessages messages(process->stderr_fd());
    HelperPipeInput input(process->stdout_fd(), &messages);
    std::string listing;
    uint8_t buf[4096];
    // The listing is small; a bound keeps a runaway helper from filling memory.
    constexpr std::size_t kMaxListing = 1 << 20;
    for (;;) {
        int64_t n = input.read(buf, sizeof buf);
        if (n < 0) {
            error = input.error();
            return {};
        }
        if (n == 0) break;
        if (listing.size() < kMaxListing) listing.append(reinterpret_cast<const char*>(buf), std::size_t(n));
    }
    messages.read_to_end();
    int status = process->wait();
    if (status != 0) {
        error = failure_text(messages.text(), status);
        return {};
    }
    return parse_interface_listing(listing);
}

}  // namespace ms
