#include "capture/live/capture_output.hpp"

#include <cerrno>
#include <cstring>
#include <ctime>

#include "capture/live/ring_file_name.hpp"

namespace ms {

namespace {

int64_t now_ns() {
    timespec ts{};
    clock_gettime(CLOCK_REALTIME, &ts);
    return int64_t(ts.tv_sec) * 1'000'000'000 + ts.tv_nsec;
}

}  // namespace

CaptureOutput::~CaptureOutput() {
    // Not closed (an error path): don't leave a half-written temporary file.
    if (stream_ && !to_stdout_) {
        std::fclose(stream_);
        std::remove(tmp_name_.c_str());
    }
}

bool CaptureOutput::open(const OutputPlan& plan, std::string& error) {
    plan_ = plan;
    to_stdout_ = plan.path.empty() || plan.path == "-";
    if (!start_file()) {
        error = error_;
        return false;
    }
    return true;
}

bool CaptureOutput::start_file() {
    ++files_started_;
    file_packets_ = 0;
    if (to_stdout_) {
        stream_ = stdout;
        final_name_.assign(1, '-');
    } else {
        final_name_ = plan_.ring ? ring_file_name(plan_.path, files_started_, std::time(nullptr)) : plan_.path;
        tmp_name_ = final_name_;
        tmp_name_.append(".tmp");
        stream_ = std::fopen(tmp_name_.c_str(), "wb");
        if (!stream_) {
            error_ = "The file to which the capture would be saved (\"" + tmp_name_ +
                     "\") could not be opened: " + std::strerror(errno) + ".";
            return false;
        }
    }
    writer_ = std::make_unique<LiveFileWriter>(stream_, plan_.format, plan_.interfaces, plan_.application);
    if (!writer_->write_header() || !writer_->flush()) return fail_write(writer_->error_number());
    return true;
}

bool CaptureOutput::fail_write(int err) {
    if (to_stdout_ && err == EPIPE) {
        reader_gone_ = true;
        return false;
    }
    error_ = "Error writing to \"" + final_name_ + "\": " + std::strerror(err) + ".";
    return false;
}

bool CaptureOutput::write(const LivePacket& p) {
    if (!writer_ || closed_) return false;
    if (!writer_->write_packet(p)) return fail_write(writer_->error_number());
    ++file_packets_;
    if (to_stdout_ && !writer_->flush()) return fail_write(writer_->error_number());
    return true;
}

bool CaptureOutput::finish_file(const std::vector<InterfaceCounters>* counters, bool next_follows) {
    if (!writer_) return true;
    bool ok = true;
    if (counters) {
        int64_t now = now_ns();
        for (std::size_t i = 0; i < counters->size() && i < plan_.interfaces.size(); ++i)
            ok = ok && writer_->write_statistics(uint32_t(i), now, (*counters)[i].received, (*counters)[i].dropped);
    }
    ok = ok && writer_->flush();
    int err = writer_->error_number();
    writer_.reset();
    if (to_stdout_) {
        stream_ = nullptr;
        return ok || fail_write(err);
    }
    if (std::fclose(stream_) != 0 && ok) {
        ok = false;
        err = errno;
    }
    stream_ = nullptr;
    if (!ok) {
        std::remove(tmp_name_.c_str());
        return fail_write(err);
    }
    if (std::rename(tmp_name_.c_str(), final_name_.c_str()) != 0) {
        error_ = "Could not rename \"" + tmp_name_ + "\" to \"" + final_name_ + "\": " + std::strerror(errno) + ".";
        return false;
    }
    if (plan_.ring) {
        completed_.push_back(final_name_);
        // The file being started next counts towards the limit too.
        std::size_t keep = plan_.ring_max_files - (next_follows ? 1 : 0);
        while (plan_.ring_max_files && completed_.size() > keep) {
            std::remove(completed_.front().c_str());
            completed_.pop_front();
        }
    }
    return true;
}

bool CaptureOutput::rotate() {
    if (closed_ || to_stdout_) return false;
    if (!finish_file(nullptr, true)) return false;
    return start_file();
}

bool CaptureOutput::close(const std::vector<InterfaceCounters>& counters) {
    if (closed_) return error_.empty();
    closed_ = true;
    return finish_file(&counters, false);
}

}  // namespace ms
