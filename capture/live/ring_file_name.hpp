// File names of a ring buffer, as tshark and dumpcap make them:
// "-w /tmp/mail.pcapng" gives /tmp/mail_00001_20240131235959.pcapng, ...
#pragma once

#include <cstdint>
#include <ctime>
#include <string>

namespace ms {

// `index` is 1-based; `when` is the file's start, in local time.
std::string ring_file_name(const std::string& output_path, uint64_t index, std::time_t when);

}  // namespace ms
