// --export-objects imf,DIR and --export-objects mime,DIR.
//
// imf: every carried message (SMTP DATA/BDAT, POP3 RETR/TOP, IMAP FETCH/
// APPEND) as an .eml holding exactly the bytes the transport carried
// (dot-stuffing and literal framing removed), named
// "<transport>-stream<N>-msg<M>.eml" with M counting from 1 in each TCP
// stream. Unlike tshark 4.0, which stops at 1000 files of one name, every
// message is written.
//
// mime: every attachment's decoded bytes (a leaf part with a filename, an
// "attachment" disposition or a non-text type), under its filename made
// safe (safe_filename.hpp), or "stream<N>-msg<M>-part<PATH>.bin" when it
// has none. Files stream to disk as they decode; none is ever overwritten.
#pragma once

#include <filesystem>
#include <map>
#include <memory>
#include <string>

#include "app/cli/export/object_file.hpp"
#include "dissectors/message_layer_sink.hpp"

namespace ms::cli {

class ExportObjects : public MessageObserver, private imf::MessageSink {
public:
    enum Kind { Imf, Mime };
    // Null with `error` set for an unknown kind or an unusable directory.
    static std::unique_ptr<ExportObjects> create(const std::string& kind, const std::string& dir, std::string& error);

    void on_begin(const FrameContext& ctx, const CarriedMessageInfo& info) override;
    void on_data(std::span<const uint8_t> bytes) override;
    void on_end(const FrameContext& ctx, const imf::MessageDissector& msg, bool complete) override;
    imf::MessageSink* part_sink() override { return kind_ == Mime ? this : nullptr; }

    uint64_t files_written() const { return written_; }
    // The first error met (files that failed are skipped, the run goes on).
    const std::string& error() const { return error_; }

private:
    ExportObjects(Kind k, std::filesystem::path dir) : kind_(k), dir_(std::move(dir)) {}
    void on_part_begin(const imf::AttachmentInfo& part) override;
    void on_part_data(std::span<const uint8_t> decoded) override;
    void on_part_end(const imf::AttachmentInfo& part) override;
    void finish(ObjectFile& f);

    Kind kind_;
    std::filesystem::path dir_;
    std::map<int64_t, uint64_t> messages_per_stream_;
    std::string prefix_;  // "smtp-stream3-msg2" for the message being carried
    ObjectFile file_;
    uint64_t written_ = 0;
    std::string error_;
};

}  // namespace ms::cli
