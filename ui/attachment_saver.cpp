#include "ui/attachment_saver.hpp"

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <set>

#include "dissectors/message_layer_sink.hpp"

namespace ms::ui {

namespace {

constexpr std::size_t kMaxName = 200;

// Cuts at a character boundary: a name must stay valid UTF-8.
std::string cut_utf8(std::string s, std::size_t max) {
    if (s.size() <= max) return s;
    std::size_t at = max;
    while (at > 0 && (static_cast<unsigned char>(s[at]) & 0xC0) == 0x80) --at;
    s.resize(at);
    return s;
}

// Streams each wanted part to its file.
class PartWriter final : public imf::MessageSink {
public:
    PartWriter(const std::vector<AttachmentTarget>& targets, uint64_t max) : targets_(targets), max_(max) {}

    void on_part_begin(const imf::AttachmentInfo& info) override {
        current_ = nullptr;
        if (!error_.empty()) return;
        for (const auto& t : targets_)
            if (t.part_path == info.path && !written_.count(t.file)) current_ = &t;
        if (!current_) return;
        file_.open(current_->file, std::ios::binary | std::ios::trunc);
        size_ = 0;
        written_.insert(current_->file);
        if (!file_) fail("cannot write " + current_->file);
    }
    void on_part_data(std::span<const uint8_t> bytes) override {
        if (!current_) return;
        size_ += bytes.size();
        if (size_ > max_) return fail("attachment " + current_->part_path + " is larger than " + std::to_string(max_) + " bytes");
        file_.write(reinterpret_cast<const char*>(bytes.data()), std::streamsize(bytes.size()));
        if (!file_) fail("cannot write " + current_->file);
    }
    void on_part_end(const imf::AttachmentInfo&) override {
        if (!current_) return;
        file_.close();
        if (!file_) return fail("cannot write " + current_->file);
        ++done_;
        current_ = nullptr;
    }

    bool all_done() const { return done_ == targets_.size(); }
    const std::string& error() const { return error_; }
    const std::set<std::string>& written() const { return written_; }

private:
    void fail(std::string why) {
        if (error_.empty()) error_ = std::move(why);
        if (file_.is_open()) file_.close();
        current_ = nullptr;
    }

    const std::vector<AttachmentTarget>& targets_;
    uint64_t max_;
    const AttachmentTarget* current_ = nullptr;
    std::ofstream file_;
    uint64_t size_ = 0;
    std::size_t done_ = 0;
    std::set<std::string> written_;  // opened, so removed if the run does not finish
    std::string error_;
};

class OneMessage final : public MessageObserver {
public:
    OneMessage(uint64_t ordinal, PartWriter& writer) : ordinal_(ordinal), writer_(writer) {}
    void on_message_begin(uint64_t key, const FrameContext&, const CarriedMessageInfo&) override {
        if (next_++ == ordinal_) key_ = key, found_ = true;
    }
    imf::MessageSink* message_part_sink(uint64_t key) override { return found_ && key == key_ ? &writer_ : nullptr; }
    void on_message_end(uint64_t key, const FrameContext&, const imf::MessageDissector&, bool) override {
        if (found_ && key == key_) ended_ = true;
    }
    bool ended() const { return ended_; }

private:
    uint64_t ordinal_, next_ = 0, key_ = 0;
    bool found_ = false, ended_ = false;
    PartWriter& writer_;
};

}  // namespace

std::string safe_attachment_name(const std::string& filename, const std::string& part_path) {
    std::string name;
    name.reserve(filename.size());
    for (char c : filename) {
        const auto u = static_cast<unsigned char>(c);
        name += (c == '/' || c == '\\' || u < 0x20 || u == 0x7F) ? '_' : c;
    }
    // Trailing blanks and dots vanish on some file systems; a leading dot
    // hides the file (and "." and ".." name directories).
    while (!name.empty() && (name.back() == ' ' || name.back() == '.')) name.pop_back();
    std::size_t lead = 0;
    while (lead < name.size() && (name[lead] == ' ' || name[lead] == '.')) ++lead;
    name.erase(0, lead);
    if (lead && !name.empty()) name.insert(0, "_");
    name = cut_utf8(std::move(name), kMaxName);
    if (name.empty()) name = "part-" + (part_path.empty() ? std::string("1") : part_path) + ".bin";
    return name;
}

std::string numbered_name(const std::string& name, unsigned n) {
    if (n <= 1) return name;
    const std::string number = " (" + std::to_string(n) + ")";
    // Before a short extension, so the file still opens with its program.
    const std::size_t dot = name.rfind('.');
    if (dot != std::string::npos && dot > 0 && name.size() - dot <= 10)
        return name.substr(0, dot) + number + name.substr(dot);
    return name + number;
}

std::vector<AttachmentTarget> plan_attachment_files(
    const std::string& dir, const std::vector<std::pair<std::string, std::string>>& filename_and_path,
    const std::function<bool(const std::string&)>& exists) {
    std::vector<AttachmentTarget> out;
    std::set<std::string> taken;
    const std::filesystem::path base(dir);
    for (const auto& [filename, part] : filename_and_path) {
        const std::string name = safe_attachment_name(filename, part);
        std::string file;
        // Bounded: a directory cannot hold that many files of one name.
        for (unsigned n = 1; n < 100000; ++n) {
            file = (base / numbered_name(name, n)).string();
            if (!taken.count(file) && !exists(file)) break;
        }
        taken.insert(file);
        out.push_back({part, file});
    }
    return out;
}

bool save_attachments(const std::string& path, uint64_t ordinal, const std::vector<AttachmentTarget>& targets,
                      std::string& error, uint64_t max_bytes, const WalkControl& control) {
    if (targets.empty()) return true;
    CaptureWalk walk;
    if (!walk.open(path, error)) return false;
    PartWriter writer(targets, max_bytes);
    OneMessage observer(ordinal, writer);
    walk.ctx().message_observer = &observer;
    walk.ctx().tree.keep_only({});
    bool cancelled = false;
    while (!observer.ended() && writer.error().empty() && walk.next()) {
        if (control.should_stop(walk)) {
            cancelled = true;
            break;
        }
    }
    if (!cancelled && !observer.ended() && writer.error().empty()) walk.finish();
    if (cancelled) error = "cancelled";
    else if (!writer.error().empty()) error = writer.error();
    else if (!writer.all_done())
        error = walk.error().empty() ? "not every attachment was found in the capture" : walk.error();
    if (error.empty()) return true;
    // Half-written files would look like the attachments themselves.
    for (const auto& f : writer.written()) std::remove(f.c_str());
    return false;
}

}  // namespace ms::ui
