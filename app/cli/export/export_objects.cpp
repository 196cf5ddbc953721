#include "app/cli/export/export_objects.hpp"

#include <cstdio>

#include "app/cli/export/safe_filename.hpp"

namespace ms::cli {

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

void ExportObjects::on_begin(const FrameContext& ctx, const CarriedMessageInfo& info) {
    uint64_t n = ++messages_per_stream_[ctx.pinfo.tcp_stream];
    std::string transport = safe_filename(info.transport, "mail");
    prefix_ = transport + "-stream" + std::to_string(ctx.pinfo.tcp_stream) + "-msg" + std::to_string(n);
    if (kind_ != Imf) return;
    std::string err;
    if (!file_.open(dir_, prefix_ + ".eml", err) && error_.empty()) error_ = err;
}

void ExportObjects::on_data(std::span<const uint8_t> bytes) {
    if (kind_ == Imf) file_.write(bytes);
}

void ExportObjects::on_end(const FrameContext&, const imf::MessageDissector&, bool) {
    // A part the message's end cut short is kept as far as it got.
    finish(file_);
}

void ExportObjects::finish(ObjectFile& f) {
    if (!f.is_open()) return;
    std::string err;
    if (!f.finish(err).empty()) ++written_;
    else if (error_.empty()) error_ = err;
}

namespace {
// The summary's rule: a leaf part is an attachment when it has a filename,
// an "attachment" disposition, or a declared type that is not text.
bool is_attachment(const imf::AttachmentInfo& p) {
    if (!p.filename.empty() || p.disposition == "attachment") return true;
    return !p.declared_type.empty() && p.declared_type.rfind("text/", 0) != 0;
}
}  // namespace

void ExportObjects::on_part_begin(const imf::AttachmentInfo& part) {
    file_.abandon();
    if (!is_attachment(part)) return;
    std::string fallback = prefix_ + "-part" + safe_filename(part.path, "0") + ".bin";
    std::string err;
    if (!file_.open(dir_, safe_filename(part.filename, fallback), err) && error_.empty()) error_ = err;
}

void ExportObjects::on_part_data(std::span<const uint8_t> decoded) { file_.write(decoded); }

void ExportObjects::on_part_end(const imf::AttachmentInfo&) { finish(file_); }

}  // namespace ms::cli
