#include "app/cli/export/object_file.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "app/cli/export/safe_filename.hpp"

namespace ms::cli {

namespace {
constexpr unsigned kMaxAttempts = 1'000'000;
// Names remembered for first_free_number (a hint only: the files on disk
// decide), so a hostile capture cannot grow the map without bound.
constexpr std::size_t kMaxRememberedNames = 4096;

std::string quoted(const std::filesystem::path& p) { return "\"" + p.string() + "\""; }
}  // namespace

ObjectFile::~ObjectFile() { abandon(); }

bool prepare_export_dir(const std::filesystem::path& dir, std::string& error) {
    std::error_code ec;
    std::filesystem::create_directories(dir, ec);
    if (ec || !std::filesystem::is_directory(dir)) {
        error = "cannot create export directory " + quoted(dir) + ": " +
                (ec ? ec.message() : std::string("it is not a directory"));
        return false;
    }
    return true;
}

unsigned ObjectFile::first_free_number(const std::string& name) const {
    auto it = next_number_.find(name);
    return it == next_number_.end() ? 0 : it->second;
}

void ObjectFile::remember_number(const std::string& name, unsigned n) {
    if (next_number_.size() >= kMaxRememberedNames && !next_number_.count(name)) next_number_.clear();
    next_number_[name] = n + 1;
}

bool ObjectFile::open(const std::filesystem::path& dir, const std::string& name, std::string& error) {
    abandon();
    dir_ = dir;
    name_ = name;
    write_errno_ = 0;
    // O_EXCL: never write through a file (or symlink) already there.
    for (unsigned n = first_free_number(name); n < kMaxAttempts; ++n) {
        std::filesystem::path tmp = dir / ("." + numbered_filename(name, n) + ".tmp");
        int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0644);
        if (fd >= 0) {
            file_ = ::fdopen(fd, "wb");
            if (!file_) {
                int err = errno;
                ::close(fd);
                ::unlink(tmp.c_str());
                errno = err;
                break;
            }
            tmp_ = tmp;
            return true;
        }
        if (errno != EEXIST) break;
    }
    error = "cannot create a file for \"" + name + "\" in " + quoted(dir) + ": " + std::strerror(errno);
    return false;
}

bool ObjectFile::write(std::span<const uint8_t> bytes) {
    if (!file_ || write_errno_) return false;
    errno = 0;
    if (!bytes.empty() && std::fwrite(bytes.data(), 1, bytes.size(), file_) != bytes.size())
        write_errno_ = errno ? errno : EIO;
    return write_errno_ == 0;
}

std::filesystem::path ObjectFile::finish(std::string& error) {
    if (!file_) return {};
    // Buffered bytes reach the disk only here: a full disk often shows up
    // in fflush or fclose, not in fwrite.
    errno = 0;
    if (!write_errno_ && std::fflush(file_) != 0) write_errno_ = errno ? errno : EIO;
    errno = 0;
    if (std::fclose(file_) != 0 && !write_errno_) write_errno_ = errno ? errno : EIO;
    file_ = nullptr;
    if (write_errno_) {
        error = "cannot write \"" + name_ + "\" in " + quoted(dir_) + ": " + std::strerror(write_errno_) +
                "; the file was not kept";
        ::unlink(tmp_.c_str());
        tmp_.clear();
        return {};
    }
    // link() fails with EEXIST instead of replacing: the no-overwrite rename.
    for (unsigned n = first_free_number(name_); n < kMaxAttempts; ++n) {
        std::filesystem::path final_path = dir_ / numbered_filename(name_, n);
        if (::link(tmp_.c_str(), final_path.c_str()) == 0) {
            ::unlink(tmp_.c_str());
            tmp_.clear();
            remember_number(name_, n);
            return final_path;
        }
        if (errno != EEXIST) break;
    }
    error = "cannot move " + quoted(tmp_) + " into place: " + std::strerror(errno);
    ::unlink(tmp_.c_str());
    tmp_.clear();
    return {};
}

void ObjectFile::abandon() {
    if (file_) std::fclose(file_);
    file_ = nullptr;
    if (!tmp_.empty()) ::unlink(tmp_.c_str());
    tmp_.clear();
}

}  // namespace ms::cli
