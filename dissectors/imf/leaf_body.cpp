#include "leaf_body.hpp"

#include <algorithm>

#include "dissectors/mime/file_type.hpp"

namespace ms::imf {

void LeafBody::begin(const Entity& e, MessageBudgets& budgets, MessageSink* sink, const AttachmentInfo& info,
                     bool decode) {
    passed_over_ = !decode;
    sink_ = sink;
    if (passed_over_) {  // no decoder, converter or digest to set up
        if (sink_) sink_->on_part_begin(info);
        return;
    }
    decoder_.reset(e.encoding == ms::mime::TransferEncoding::Unknown ? ms::mime::TransferEncoding::Binary : e.encoding);
    digest_.reset();
    budgets_ = &budgets;
    sink_ = sink;
    is_text_ = e.is_text && budgets.text;
    text_.clear();
    text_truncated_ = false;
    if (is_text_) converter_.open(e.charset);
    head_.clear();
    detected_ = !budgets.detect_types;  // nothing to detect when nobody asks
    detected_type_.clear();
    keep_ = !ms::mime::is_identity(decoder_.encoding()) && budgets.kept_left > 0;
    kept_.clear();
    decoded_ = 0;
    stopped_ = false;
    if (sink_) sink_->on_part_begin(info);
}

void LeafBody::content(std::span<const uint8_t> raw) {
    if (!passed_over_) decoder_.content(raw, *this);
}

void LeafBody::line_end(std::span<const uint8_t> eol) {
    if (!passed_over_) decoder_.line_end(eol, *this);
}

void LeafBody::detect() {
    if (detected_) return;
    detected_ = true;
    detected_type_ = ms::mime::detect_file_type(head_);
    head_.clear();
    head_.shrink_to_fit();
}

void LeafBody::write(std::span<const uint8_t> bytes) {
    if (stopped_ || bytes.empty()) return;
    if (bytes.size() > budgets_->decoded_left) {
        bytes = bytes.first(budgets_->decoded_left);
        stopped_ = true;
    }
    budgets_->decoded_left -= bytes.size();
    decoded_ += bytes.size();
    digest_.update(bytes);
    if (!detected_) {
        std::size_t take = std::min(bytes.size(), ms::mime::kFileTypeHeadBytes - head_.size());
        head_.insert(head_.end(), bytes.begin(), bytes.begin() + take);
        if (head_.size() >= ms::mime::kFileTypeHeadBytes) detect();
    }
    if (is_text_ && !text_truncated_) {
        std::size_t cap = std::min<uint64_t>(kMaxTextPerPart, text_.size() + budgets_->text_left);
        std::size_t before = text_.size();
        converter_.feed(bytes, text_, cap);
        budgets_->text_left -= std::min<uint64_t>(budgets_->text_left, text_.size() - before);
        if (text_.size() >= cap) text_truncated_ = true;
    }
    if (keep_) {
        if (kept_.size() + bytes.size() > kMaxKeptPerPart || bytes.size() > budgets_->kept_left) {
            budgets_->kept_left += kept_.size();  // give back what this part held
            keep_ = false;
            kept_.clear();
            kept_.shrink_to_fit();
        } else {
            kept_.insert(kept_.end(), bytes.begin(), bytes.end());
            budgets_->kept_left -= bytes.size();
        }
    }
    if (sink_) sink_->on_part_data(bytes);
}

void LeafBody::finish(Entity& e, AttachmentInfo& info) {
    if (passed_over_) {  // nothing was decoded, so nothing is known or noted
        info.filename = e.filename;
        if (sink_) sink_->on_part_end(info);
        return;
    }
    decoder_.finish(*this);
    detect();
    if (is_text_ && !text_truncated_) {
        std::size_t cap = std::min<uint64_t>(kMaxTextPerPart, text_.size() + budgets_->text_left);
        std::size_t before = text_.size();
        converter_.finish(text_, cap);
        budgets_->text_left -= std::min<uint64_t>(budgets_->text_left, text_.size() - before);
    }
    e.decoded_size = decoded_;
    e.decode_stopped = stopped_;
    digest_.finish(e.md5_hex, e.sha256_hex);
    e.detected_type = detected_type_;
    e.type_mismatch = ms::mime::kinds_disagree(e.content_type.value, e.filename, detected_type_);
    e.text = std::move(text_);
    e.text_truncated = text_truncated_;
    text_.clear();
    if (keep_) {
        e.kept_decoded = std::move(kept_);
        e.kept_complete = !stopped_;
    }
    kept_.clear();
    if (is_text_ && !converter_.known() && !e.charset.empty())
        e.notes.push_back({imf_experts::charset_unknown, e.body_start, e.end - e.body_start, "Unknown charset \"" + e.charset + "\": text shown as UTF-8"});
    else if (is_text_ && converter_.had_errors())
        e.notes.push_back({imf_experts::charset_invalid, e.body_start, e.end - e.body_start, {}});
    if (decoder_.invalid_base64())
        e.notes.push_back({imf_experts::bad_base64, e.body_start, e.end - e.body_start,
                           "Invalid characters in base64 body (" + std::to_string(decoder_.invalid_base64()) + " skipped)"});
    if (decoder_.bad_base64_padding()) e.notes.push_back({imf_experts::bad_base64_padding, e.body_start, e.end - e.body_start, {}});
    if (decoder_.invalid_qp())
        e.notes.push_back({imf_experts::bad_qp, e.body_start, e.end - e.body_start,
                           "Invalid quoted-printable escapes (" + std::to_string(decoder_.invalid_qp()) + " kept as written)"});
    if (decoder_.invalid_uu()) e.notes.push_back({imf_experts::bad_uu, e.body_start, e.end - e.body_start, {}});
    if (e.filename.empty() && !decoder_.uu_filename().empty()) e.filename = decoder_.uu_filename();
    if (stopped_) e.notes.push_back({imf_experts::mime_max_decoded, e.body_start, e.end - e.body_start, {}});
    if (e.text_truncated) e.notes.push_back({imf_experts::text_truncated, e.body_start, e.end - e.body_start, {}});
    if (e.type_mismatch)
        e.notes.push_back({imf_experts::type_mismatch, e.body_start, e.end - e.body_start,
                           "Declared type " + e.content_type.value + (e.filename.empty() ? "" : " (\"" + e.filename + "\")") +
                               " but the content is " + detected_type_});
    info.filename = e.filename;
    info.size = decoded_;
    info.md5_hex = e.md5_hex;
    info.sha256_hex = e.sha256_hex;
    info.detected_type = detected_type_;
    info.complete = !stopped_;
    if (sink_) sink_->on_part_end(info);
}

}  // namespace ms::imf
