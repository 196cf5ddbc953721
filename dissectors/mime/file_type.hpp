// What a part really is, from its first bytes (libmagic), beside what it
// claims to be, and whether the two disagree in kind (a ".pdf" that is a
// Windows executable).
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

namespace ms::mime {

// How many leading bytes are given to libmagic.
inline constexpr std::size_t kFileTypeHeadBytes = 16384;

// MIME type of the bytes ("application/pdf"); "" when libmagic is unusable.
// The magic database is opened once per process; calls are serialised.
std::string detect_file_type(std::span<const uint8_t> head);

enum class FileKind : uint8_t { Unknown, Text, Image, Audio, Video, Executable, Archive, Document, Message };

FileKind kind_of_type(std::string_view mime_type);
FileKind kind_of_filename(std::string_view filename);  // from the extension
std::string_view file_kind_name(FileKind k);

// True when the declared type (or, when that is generic, the filename's
// extension) names another kind than the detected type.
bool kinds_disagree(std::string_view declared_type, std::string_view filename, std::string_view detected_type);

}  // namespace ms::mime
