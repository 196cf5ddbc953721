// One exported object being written: to a hidden temporary file in the
// export directory while it streams, then moved to its final name without
// ever replacing an existing file ("name(1).ext", "name(2).ext", ...).
// A write that fails (a full disk, a file-size limit) removes the temporary
// file: a name without ".tmp" always holds a whole object. No fsync: an
// export may write thousands of small files, and the guarantee is against
// failed writes, not power loss.
#pragma once

#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <span>
#include <string>
#include <unordered_map>

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
    // with `error` set and the temporary file removed).
    std::filesystem::path finish(std::string& error);
    void abandon();

private:
    // First number worth trying for `name`: without it, a capture with
    // thousands of attachments of one name would probe every taken
    // "name(n)" again for each new file.
    unsigned first_free_number(const std::string& name) const;
    void remember_number(const std::string& name, unsigned n);

    std::FILE* file_ = nullptr;
    std::filesystem::path dir_, tmp_;
    std::string name_;
    int write_errno_ = 0;  // the first failed write's errno (0 = none)
    std::unordered_map<std::string, unsigned> next_number_;
};

// Creates the export directory if needed. False with `error` set.
bool prepare_export_dir(const std::filesystem::path& dir, std::string& error);

}  // namespace ms::cli
