#include "file_type.hpp"

#include <magic.h>

#include <mutex>

#include "text_util.hpp"

namespace ms::mime {

namespace {
struct MagicCookie {
    magic_t cookie = nullptr;
    std::mutex lock;
    MagicCookie() {
        cookie = magic_open(MAGIC_MIME_TYPE | MAGIC_NO_CHECK_COMPRESS);
        if (cookie && magic_load(cookie, nullptr) != 0) {
            magic_close(cookie);
            cookie = nullptr;
        }
    }
    ~MagicCookie() {
        if (cookie) magic_close(cookie);
    }
};

MagicCookie& magic_cookie() {
    static MagicCookie m;  // opened once per process (thread-safe static init)
    return m;
}

bool ends_with_ci(std::string_view s, std::string_view suffix) {
    return s.size() >= suffix.size() && iequals(s.substr(s.size() - suffix.size()), suffix);
}
}  // namespace

std::string detect_file_type(std::span<const uint8_t> head) {
    if (head.empty()) return "application/x-empty";
    auto& m = magic_cookie();
    if (!m.cookie) return {};
    std::lock_guard<std::mutex> guard(m.lock);
    const char* r = magic_buffer(m.cookie, head.data(), head.size());
    return r ? std::string(r) : std::string();
}

FileKind kind_of_type(std::string_view t) {
    std::string v = to_lower(trim(t));
    std::string_view s = v;
    if (s.empty() || s == "application/octet-stream" || s == "application/x-empty") return FileKind::Unknown;
    if (s.starts_with("text/")) return FileKind::Text;
    if (s.starts_with("image/")) return FileKind::Image;
    if (s.starts_with("audio/")) return FileKind::Audio;
    if (s.starts_with("video/")) return FileKind::Video;
    if (s.starts_with("message/")) return FileKind::Message;
    for (std::string_view e : {"application/x-dosexec", "application/x-executable", "application/x-sharedlib",
                               "application/x-mach-binary", "application/x-pie-executable",
                               "application/x-msdownload", "application/x-msdos-program",
                               "application/vnd.microsoft.portable-executable", "application/x-elf"})
        if (s == e) return FileKind::Executable;
    for (std::string_view a : {"application/zip", "application/x-rar", "application/vnd.rar", "application/x-7z-compressed",
                               "application/gzip", "application/x-gzip", "application/x-tar", "application/x-bzip2",
                               "application/x-xz", "application/x-rar-compressed", "application/java-archive",
                               "application/x-iso9660-image", "application/zstd"})
        if (s == a) return FileKind::Archive;
    if (s == "application/pdf" || s == "application/rtf" || s == "application/msword" ||
        s.starts_with("application/vnd.openxmlformats") || s.starts_with("application/vnd.ms-") ||
        s.starts_with("application/vnd.oasis.opendocument") || s == "application/postscript")
        return FileKind::Document;
    if (s == "application/json" || s == "application/xml" || s == "application/javascript" || s == "application/csv")
        return FileKind::Text;
    return FileKind::Unknown;
}

FileKind kind_of_filename(std::string_view f) {
    struct Ext {
        const char* ext;
        FileKind kind;
    };
    static const Ext kExts[] = {
        {".pdf", FileKind::Document}, {".doc", FileKind::Document}, {".docx", FileKind::Document},
        {".xls", FileKind::Document}, {".xlsx", FileKind::Document}, {".ppt", FileKind::Document},
        {".pptx", FileKind::Document}, {".odt", FileKind::Document}, {".rtf", FileKind::Document},
        {".jpg", FileKind::Image}, {".jpeg", FileKind::Image}, {".png", FileKind::Image},
        {".gif", FileKind::Image}, {".bmp", FileKind::Image}, {".webp", FileKind::Image},
        {".mp3", FileKind::Audio}, {".wav", FileKind::Audio}, {".ogg", FileKind::Audio},
        {".mp4", FileKind::Video}, {".avi", FileKind::Video}, {".mov", FileKind::Video},
        {".zip", FileKind::Archive}, {".rar", FileKind::Archive}, {".7z", FileKind::Archive},
        {".gz", FileKind::Archive}, {".tar", FileKind::Archive},
        {".exe", FileKind::Executable}, {".dll", FileKind::Executable}, {".scr", FileKind::Executable},
        {".txt", FileKind::Text}, {".csv", FileKind::Text}, {".html", FileKind::Text}, {".htm", FileKind::Text},
        {".eml", FileKind::Message},
    };
    for (const auto& e : kExts)
        if (ends_with_ci(f, e.ext)) return e.kind;
    return FileKind::Unknown;
}

std::string_view file_kind_name(FileKind k) {
    switch (k) {
        case FileKind::Text: return "text";
        case FileKind::Image: return "image";
        case FileKind::Audio: return "audio";
        case FileKind::Video: return "video";
        case FileKind::Executable: return "executable";
        case FileKind::Archive: return "archive";
        case FileKind::Document: return "document";
        case FileKind::Message: return "message";
        case FileKind::Unknown: break;
    }
    return "unknown";
}

bool kinds_disagree(std::string_view declared_type, std::string_view filename, std::string_view detected_type) {
    FileKind detected = kind_of_type(detected_type);
    if (detected == FileKind::Unknown) return false;
    FileKind declared = kind_of_type(declared_type);
    FileKind by_name = kind_of_filename(filename);
    // An executable wearing any other name is the case that matters most.
    if (detected == FileKind::Executable)
        return declared != FileKind::Executable && by_name != FileKind::Executable;
    auto differs = [&](FileKind claimed) {
        if (claimed == FileKind::Unknown || claimed == detected) return false;
        // Office files are zip archives, text-ish documents are text (rtf).
        if (claimed == FileKind::Document && (detected == FileKind::Archive || detected == FileKind::Text)) return false;
        if (claimed == FileKind::Message && detected == FileKind::Text) return false;
        if (claimed == FileKind::Text && detected == FileKind::Message) return false;
        return true;
    };
    return differs(declared) || differs(by_name);
}

}  // namespace ms::mime
