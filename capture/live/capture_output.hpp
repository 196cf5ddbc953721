// Where the capture helper's packets go: standard output (flushed after
// every packet so a reader on the pipe sees each one at once), one file, or
// a ring of files. A file is written as NAME.tmp and renamed to NAME when it
// is complete, so a file under its final name is always a whole capture.
#pragma once

#include <cstdint>
#include <cstdio>
#include <ctime>
#include <deque>
#include <memory>
#include <string>
#include <vector>

#include "capture/live/live_file_writer.hpp"

namespace ms {

struct OutputPlan {
    std::string path;  // empty or "-": standard output
    LiveFileFormat format = LiveFileFormat::Pcapng;
    std::vector<LiveInterface> interfaces;
    std::string application;  // shb_userappl
    bool ring = false;         // name files PREFIX_NNNNN_TIME.EXT
    uint64_t ring_max_files = 0;  // delete the oldest beyond this (0 = keep all)
};

struct InterfaceCounters {
    uint64_t received = 0;
    uint64_t dropped = 0;
};

class CaptureOutput {
public:
    ~CaptureOutput();

    // Opens the first (or only) file and writes its header.
    bool open(const OutputPlan& plan, std::string& error);
    bool write(const LivePacket& p);
    // Ring buffer: completes the current file and starts the next one,
    // deleting the oldest completed files beyond ring_max_files.
    bool rotate();
    // Writes the interface statistics (pcapng), flushes, and renames the
    // file into place. Safe to call twice.
    bool close(const std::vector<InterfaceCounters>& counters);

    uint64_t current_file_bytes() const { return writer_ ? writer_->bytes_written() : 0; }
    uint64_t current_file_packets() const { return file_packets_; }
    uint64_t files_started() const { return files_started_; }
    // The reader of standard output went away: stop quietly.
    bool reader_gone() const { return reader_gone_; }
    const std::string& error() const { return error_; }
    // The file being written now (its final name), for "File: ..." messages.
    const std::string& current_name() const { return final_name_; }

private:
    bool start_file();
    bool finish_file(const std::vector<InterfaceCounters>* counters, bool next_follows);
    bool fail_write(int err);

    OutputPlan plan_;
    std::FILE* stream_ = nullptr;
    bool to_stdout_ = false;
    std::unique_ptr<LiveFileWriter> writer_;
    std::string final_name_;
    std::string tmp_name_;
    std::deque<std::string> completed_;  // ring files written, oldest first
    uint64_t files_started_ = 0;
    uint64_t file_packets_ = 0;
    bool reader_gone_ = false;
    bool closed_ = false;
    std::string error_;
};

}  // namespace ms
