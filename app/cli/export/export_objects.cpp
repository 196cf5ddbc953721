#include "app/cli/export/export_objects.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>  // renameat2, RENAME_NOREPLACE
#include <cstring>

#include "app/cli/export/safe_filename.hpp"

namespace ms::cli {

namespace {
constexpr unsigned kMaxNameAttempts = 1'000'000;

// Writes all of `bytes` to fd; false on a short write (errno says why).
bool write_all(int fd, std::span<const uint8_t> bytes) {
    std::size_t done = 0;
    while (done < bytes.size()) {
        ssize_t w = ::write(fd, bytes.data() + done, bytes.size() - done);
        if (w < 0 && errno == EINTR) continue;
        if (w <= 0) {
            if (w == 0) errno = ENOSPC;
            return false;
        }
        done += std::size_t(w);
    }
    return true;
}

// Gives the complete file open on `fd` the first free name of "name",
// "name(1)", ...: `place(path)` returns 0 or an errno (EEXIST = taken).
template <class Place>
bool place_numbered(const std::filesystem::path& dir, const std::string& name,
                    std::unordered_map<std::string, unsigned>& next, Place&& place, int& err) {
    auto it = next.find(name);
    for (unsigned n = it == next.end() ? 0 : it->second; n < kMaxNameAttempts; ++n) {
        err = place(dir / numbered_filename(name, n));
        if (err == 0) {
            if (n > 0 || it != next.end()) next[name] = n + 1;
            else if (next.size() < 100'000) next.emplace(name, 1);
            return true;
        }
        if (err != EEXIST) return false;
    }
    return false;
}

// Writes a whole object held in memory under `name` in `dir`, or
// "name(1)", "name(2)", ... when taken. The file gets its name only once
// every byte is written, so a crash or a full disk never leaves a partial
// file under a final name, and it never replaces an existing file:
//  - an unnamed O_TMPFILE inode, linked into place when complete (one
//    directory entry per object; a named temporary file plus a rename or
//    unlink per object slowed ext4 down as thousands of files were made);
//  - where the file system has no O_TMPFILE, a hidden temporary file
//    renamed with RENAME_NOREPLACE.
bool write_whole_file(const std::filesystem::path& dir, const std::string& name, std::span<const uint8_t> bytes,
                      std::unordered_map<std::string, unsigned>& next, std::string& error) {
    auto fail = [&](const char* what, int err) {
        error = std::string(what) + " \"" + name + "\" in \"" + dir.string() + "\": " + std::strerror(err) +
                "; the file was not kept";
        return false;
    };
    int err = 0;
    int fd = ::open(dir.c_str(), O_TMPFILE | O_WRONLY | O_CLOEXEC, 0644);
    if (fd >= 0) {
        if (!write_all(fd, bytes)) {
            err = errno;
            ::close(fd);
            return fail("cannot write", err);
        }
        const std::string proc = "/proc/self/fd/" + std::to_string(fd);
        bool ok = place_numbered(dir, name, next, [&](const std::filesystem::path& path) {
            return ::linkat(AT_FDCWD, proc.c_str(), AT_FDCWD, path.c_str(), AT_SYMLINK_FOLLOW) == 0 ? 0 : errno;
        }, err);
        if (::close(fd) != 0 && ok) return fail("cannot write", errno);  // too late to unname: say so
        return ok ? true : fail("cannot name", err);
    }
    static uint64_t counter = 0;
    const std::filesystem::path tmp =
        dir / (".mailscope-export-" + std::to_string(::getpid()) + "-" + std::to_string(counter++) + ".tmp");
    fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0644);
    if (fd < 0) return fail("cannot create a file for", errno);
    const bool written = write_all(fd, bytes);
    err = errno;
    if (::close(fd) != 0 && written) err = errno;
    else if (written) err = 0;
    if (err) {
        ::unlink(tmp.c_str());
        return fail("cannot write", err);
    }
    if (place_numbered(dir, name, next, [&](const std::filesystem::path& path) {
            return ::renameat2(AT_FDCWD, tmp.c_str(), AT_FDCWD, path.c_str(), RENAME_NOREPLACE) == 0 ? 0 : errno;
        }, err))
        return true;
    ::unlink(tmp.c_str());
    return fail("cannot name", err);
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

ExportObjects::~ExportObjects() { finish_open(); }

void ExportObjects::finish_open() {
    for (auto& [key, m] : open_) finish(m.object);
    open_.clear();
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
