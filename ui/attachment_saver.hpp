// Save All: every attachment of one message written to a directory in a
// single pass over the capture (each part streams to its file as it is
// decoded, so no attachment is held in memory), under names that come from
// the wire but can neither leave the directory nor overwrite anything.
// Qt-free.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "ui/capture_walk.hpp"

namespace ms::ui {

// A file name for an attachment: its own name with path separators and
// control characters replaced and leading dots made visible, at most 200
// bytes; "part-<path>.bin" when it has none (or nothing usable is left).
std::string safe_attachment_name(const std::string& filename, const std::string& part_path);

// `name` numbered: "numbers.csv", 2 -> "numbers (2).csv".
std::string numbered_name(const std::string& name, unsigned n);

struct AttachmentTarget {
    std::string part_path;  // "2", "1.3": AttachmentInfo::path
    std::string file;       // where it goes
};

// One file name per (filename, part path) in `dir`, in order: unique among
// themselves and, through `exists`, against what the directory holds.
std::vector<AttachmentTarget> plan_attachment_files(
    const std::string& dir, const std::vector<std::pair<std::string, std::string>>& filename_and_path,
    const std::function<bool(const std::string&)>& exists);

// Writes the decoded bytes of each target part of the message that began
// `ordinal`-th (0-based) to its file. false + error when the file cannot be
// read or written, a part is not found or is larger than `max_bytes`, or
// `control` cancelled (error "cancelled"); the files of an unfinished run
// are removed.
bool save_attachments(const std::string& path, uint64_t ordinal, const std::vector<AttachmentTarget>& targets,
                      std::string& error, uint64_t max_bytes = 256u << 20, const WalkControl& control = {});

}  // namespace ms::ui
