// One exported object being written: to a hidden temporary file in the
// export directory while it streams, then moved to its final name without
// ever replacing an existing file ("name(1).ext", "name(2).ext", ...).
#pragma once

#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <span>
#include <string>

namespace ms::cli {

class ObjectFile {
public:
    ObjectFile() = default;
    ~ObjectFile();  // an unfinished file is removed
    ObjectFile(const ObjectFile&) = delete;
    ObjectFile& operator=(const ObjectFile&) = delete;

    // `name` must already be safe (safe_filename). False with `error` set.
    bool open(const std::filesystem::path& dir, const std::string& name, std::string& error);
    bool is_open() const { return file_ != nullptr; }
    bool write(std::span<const uint8_t> bytes);
    // Closes and moves into place; returns the final path ("" on failure,
    // with `error` set).
    std::filesystem::path finish(std::string& error);
    void abandon();

private:
    std::FILE* file_ = nullptr;
    std::filesystem::path dir_, tmp_;
    std::string name_;
    bool failed_ = false;
};

// Creates the export directory if needed. False with `error` set.
bool prepare_export_dir(const std::filesystem::path& dir, std::string& error);

}  // namespace ms::cli
