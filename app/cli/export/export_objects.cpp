#include "app/cli/export/export_objects.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "app/cli/export/safe_filename.hpp"

namespace ms::cli {

namespace {
constexpr unsigned kMaxNameAttempts = 1'000'000;

// Writes a whole object held in memory under `name` in `dir`, or
// "name(1)", "name(2)", ... when taken: O_EXCL never writes through an
// existing file or symlink. One open and one write, no temporary file: a
// temporary file and its unlink per object cost ext4 more than the write
// (each unlinked inode is skipped as "recently deleted" by the next
// allocations, so creating thousands of files slowed down as it went).
// A failed write removes the file. `next` remembers the first number
// worth trying per name.
bool write_whole_file(const std::filesystem::path& dir, const std::string& name, std::span<const uint8_t> bytes,
                      std::unordered_map<std::string, unsigned>& next, std::string& error) {
    auto it = next.find(name);
    unsigned n = it == next.end() ? 0 : it->second;
    for (; n < kMaxNameAttempts; ++n) {
        std::filesystem::path path = dir / numbered_filename(name, n);
        int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0644);
        if (fd < 0) {
            if (errno == EEXIST) continue;
            break;
        }
        if (n > 0 || it != next.end()) next[name] = n + 1;
        else if (next.size() < 100'000) next.emplace(name, 1);
        std::size_t done = 0;
        while (done < bytes.size()) {
            ssize_t w = ::write(fd, bytes.data() + done, bytes.size() - done);
            if (w < 0 && errno == EINTR) continue;
            if (w <= 0) break;
            done += std::size_t(w);
        }
        int saved = errno;
        bool ok = ::close(fd) == 0 && done == bytes.size();
        if (!ok) {
            ::unlink(path.c_str());
            error = "write error on \"" + path.string() + "\": " + std::strerror(done == bytes.size() ? errno : saved);
            return false;
        }
        return true;
    }
    error = "cannot create a file for \"" + name + "\" in \"" + dir.string() + "\": " + std::strerror(errno);
    return false;
}

// The summary's rule: a leaf part is an attachment when it has a filename,
// an "attachment" disposition, or a declared type that is not text.
bool is_attachment(const imf::AttachmentInfo& p) {
    if (!p.filename.empty() || p.disposition == "attachment") return true;
    return !p.declared_type.empty() && p.declared_type.rfind("text/", 0) != 0;
}
}  // namespace

// The decoded parts of one message, for the mime export.
class ExportObjects::PartWriter final : public imf::MessageSink {
public:
    PartWriter(ExportObjects& owner, Message& msg) : owner_(owner), msg_(msg) {}
    void on_part_begin(const imf::AttachmentInfo& part) override {
        owner_.drop(msg_.object);
        if (!is_attachment(part)) return;
        std::string fallback = msg_.prefix + "-part" + safe_filename(part.path, "0") + ".bin";
        owner_.start(msg_.object, safe_filename(part.filename, fallback));
    }
    void on_part_data(std::span<const uint8_t> decoded) override { owner_.append(msg_.object, decoded); }
    void on_part_end(const imf::AttachmentInfo&) override { owner_.finish(msg_.object); }

private:
    ExportObjects& owner_;
    Message& msg_;
};

ExportObjects::ExportObjects(Kind k, std::filesystem::path dir) : kind_(k), dir_(std::move(dir)) {}

ExportObjects::~ExportObjects() {
    // Messages the capture never ended are written as far as they got.
    for (auto& [key, m] : open_) finish(m.object);
}

std::unique_ptr<ExportObjects> ExportObjects::create(const std::string& kind, const std::string& dir, std::string& error) {
    Kind k;
    if (kind == "imf") k = Imf;
    else if (kind == "mime") k = Mime;
    else {
        error = "\"" + kind + "\" isn't a valid export type; mailscope exports \"imf\" and \"mime\"";
        return nullptr;
    }
    if (dir.empty()) {
        error = "--export-objects " + kind + " needs a directory";
        return nullptr;
    }
    if (!prepare_export_dir(dir, error)) return nullptr;
    return std::unique_ptr<ExportObjects>(new ExportObjects(k, dir));
}

void ExportObjects::start(Object& o, std::string name) {
    drop(o);
    o.name = std::move(name);
    o.active = true;
}

void ExportObjects::append(Object& o, std::span<const uint8_t> bytes) {
    if (!o.active || bytes.empty()) return;
    if (o.file) {
        o.file->write(bytes);
        return;
    }
    if (o.buffer.size() + bytes.size() <= kMaxBufferedObject && buffered_total_ + bytes.size() <= kMaxBufferedTotal) {
        o.buffer.insert(o.buffer.end(), bytes.begin(), bytes.end());
        buffered_total_ += bytes.size();
        return;
    }
    // Too big to hold: stream the rest to a file of its own.
    o.file = std::make_unique<ObjectFile>();
    std::string err;
    if (!o.file->open(dir_, o.name, err)) {
        if (error_.empty()) error_ = err;
        drop(o);
        return;
    }
    o.file->write(o.buffer);
    o.file->write(bytes);
    buffered_total_ -= o.buffer.size();
    std::vector<uint8_t>().swap(o.buffer);
}

void ExportObjects::finish(Object& o) {
    if (!o.active) return;
    std::string err;
    bool ok = false;
    if (o.file) {
        ok = !o.file->finish(err).empty();
    } else {
        ok = write_whole_file(dir_, o.name, o.buffer, next_number_, err);
    }
    if (ok) ++written_;
    else if (error_.empty()) error_ = err;
    drop(o);
}

void ExportObjects::drop(Object& o) {
    if (o.file) o.file->abandon();
    o.file.reset();
    buffered_total_ -= o.buffer.size();
    o.buffer.clear();
    if (o.buffer.capacity() > (64u << 10)) std::vector<uint8_t>().swap(o.buffer);
    o.active = false;
}

void ExportObjects::on_message_begin(uint64_t key, const FrameContext& ctx, const CarriedMessageInfo& info) {
    uint64_t n = ++messages_per_stream_[ctx.pinfo.tcp_stream];
    Message& m = open_[key];
    m.prefix = safe_filename(info.transport, "mail") + "-stream" + std::to_string(ctx.pinfo.tcp_stream) + "-msg" +
               std::to_string(n);
    if (kind_ == Imf) start(m.object, m.prefix + ".eml");
}

void ExportObjects::on_message_data(uint64_t key, std::span<const uint8_t> bytes) {
    if (kind_ != Imf) return;
    auto it = open_.find(key);
    if (it != open_.end()) append(it->second.object, bytes);
}

imf::MessageSink* ExportObjects::message_part_sink(uint64_t key) {
    if (kind_ != Mime) return nullptr;
    auto it = open_.find(key);
    if (it == open_.end()) return nullptr;
    Message& m = it->second;
    if (!m.parts) m.parts = std::make_unique<PartWriter>(*this, m);
    return m.parts.get();
}

void ExportObjects::on_message_end(uint64_t key, const FrameContext&, const imf::MessageDissector&, bool) {
    auto it = open_.find(key);
    if (it == open_.end()) return;
    // A part the message's end cut short is kept as far as it got.
    finish(it->second.object);
    open_.erase(it);
}

}  // namespace ms::cli
