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
// has none. None is ever overwritten.
//
// Messages of different connections interleave, so each object in flight
// has its own state. An object is held in memory while it is small (one
// open file per object would need a descriptor per open SMTP session) and
// written in one go under its final name when it ends (a failed write
// removes it); one that outgrows kMaxBufferedObject, or arrives while
// kMaxBufferedTotal is held, streams through an ObjectFile (a temporary
// file moved into place).
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "app/cli/export/object_file.hpp"
#include "dissectors/message_layer_sink.hpp"

namespace ms::cli {

class ExportObjects : public MessageObserver {
public:
    enum Kind { Imf, Mime };
    static constexpr std::size_t kMaxBufferedObject = 1u << 20;
    static constexpr std::size_t kMaxBufferedTotal = 16u << 20;

    // Null with `error` set for an unknown kind or an unusable directory.
    static std::unique_ptr<ExportObjects> create(const std::string& kind, const std::string& dir, std::string& error);
    ~ExportObjects() override;
    // Writes the messages the capture never ended, as far as they got
    // (before error() is read; the destructor does it otherwise).
    void finish_open();

    void on_message_begin(uint64_t key, const FrameContext& ctx, const CarriedMessageInfo& info) override;
    void on_message_data(uint64_t key, std::span<const uint8_t> bytes) override;
    void on_message_end(uint64_t key, const FrameContext& ctx, const imf::MessageDissector& msg,
                        bool complete) override;
    imf::MessageSink* message_part_sink(uint64_t key) override;
    // The imf export copies bytes: nothing of the message is parsed for it.
    Needs needs() const override { return kind_ == Imf ? Needs::Bytes : Needs::Everything; }

    uint64_t files_written() const { return written_; }
    // The first error met (files that failed are skipped, the run goes on).
    const std::string& error() const { return error_; }

private:
    // One object being exported: buffered, or streaming to its own file.
    struct Object {
        std::string name;  // final file name, already safe
        std::vector<uint8_t> buffer;
        std::unique_ptr<ObjectFile> file;
        bool active = false;
    };
    class PartWriter;
    struct Message {
        std::string prefix;  // "smtp-stream3-msg2"
        Object object;       // imf: the message; mime: the attachment being decoded
        std::unique_ptr<PartWriter> parts;
    };

    ExportObjects(Kind k, std::filesystem::path dir);
    void start(Object& o, std::string name);
    void append(Object& o, std::span<const uint8_t> bytes);
    void finish(Object& o);
    void drop(Object& o);

    Kind kind_;
    std::filesystem::path dir_;
    std::map<int64_t, uint64_t> messages_per_stream_;
    std::unordered_map<uint64_t, Message> open_;  // by message key
    // First "(n)" worth trying per file name, for buffered objects (names
    // repeat in the mime export: thousands of "image001.png").
    std::unordered_map<std::string, unsigned> next_number_;
    std::size_t buffered_total_ = 0;
    uint64_t written_ = 0;
    std::string error_;
};

}  // namespace ms::cli
