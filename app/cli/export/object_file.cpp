#include "app/cli/export/object_file.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "app/cli/export/safe_filename.hpp"

namespace ms::cli {

namespace {
constexpr unsigned kMaxAttempts = 1'000'000;
}

ObjectFile::~ObjectFile() { abandon(); }

bool prepare_export_dir(const std::filesystem::path& dir, std::string& error) {
    std::error_code ec;
    std::filesystem::create_directories(dir, ec);
    if (ec || !std::filesystem::is_directory(dir)) {
        error = "cannot create export directory \"" + dir.string() + "\": " + ec.message();
        return false;
    }
    return true;
}

bool ObjectFile::open(const std::filesystem::path& dir, const std::string& name, std::string& error) {
    abandon();
    dir_ = dir;
    name_ = name;
    failed_ = false;
    // O_EXCL: never write through a file (or symlink) already there.
    for (unsigned n = 0; n < kMaxAttempts; ++n) {
        std::filesystem::path tmp = dir / ("." + numbered_filename(name, n) + ".tmp");
        int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0644);
        if (fd >= 0) {
            file_ = ::fdopen(fd, "wb");
            if (!file_) {
                ::close(fd);
                ::unlink(tmp.c_str());
                break;
            }
            tmp_ = tmp;
            return true;
        }
        if (errno != EEXIST) break;
    }
    error = "cannot create a file for \"" + name + "\" in \"" + dir.string() + "\": " + std::strerror(errno);
    return false;
}

bool ObjectFile::write(std::span<const uint8_t> bytes) {
    if (!file_ || failed_) return false;
    if (!bytes.empty() && std::fwrite(bytes.data(), 1, bytes.size(), file_) != bytes.size()) failed_ = true;
    return !failed_;
}

std::filesystem::path ObjectFile::finish(std::string& error) {
    if (!file_) return {};
    bool ok = std::fflush(file_) == 0 && !failed_;
    ok = std::fclose(file_) == 0 && ok;
    file_ = nullptr;
    if (!ok) {
        error = "write error on \"" + tmp_.string() + "\"";
        ::unlink(tmp_.c_str());
        return {};
    }
    // link() fails with EEXIST instead of replacing: the no-overwrite rename.
    for (unsigned n = 0; n < kMaxAttempts; ++n) {
        std::filesystem::path final_path = dir_ / numbered_filename(name_, n);
        if (::link(tmp_.c_str(), final_path.c_str()) == 0) {
            ::unlink(tmp_.c_str());
            tmp_.clear();
            return final_path;
        }
        if (errno != EEXIST) break;
    }
    error = "cannot move \"" + tmp_.string() + "\" into place: " + std::strerror(errno);
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
