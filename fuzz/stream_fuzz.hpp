// The shared driver of the SMTP, POP3 and IMAP targets, after Suricata's
// fuzz_applayerparserparse: the input is a script of chunks for the two
// directions of one connection, each chunk delivered in its own exactly
// sized heap block, with gaps and ends of direction in between.
//
// Input layout:
//   byte 0          flags: bit 0 tiny limits, bit 1 selected-fields tree
//   then records    ctl byte: bit 0 = direction (0 client->server)
//                             bits 1-3 = 0..5 data, 6 gap, 7 end of direction
//                   data: length byte (0 = the rest of the input), bytes
//                   gap:  u16 length (+1)
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>

#include "dissectors/core/dissector_table.hpp"
#include "dissectors/core/stream_dissector.hpp"

namespace ms::fuzz {

using MakeDissector = std::unique_ptr<StreamDissector> (*)(const ConnectionInfo&);

// Plays the script through a fresh dissector; `port` is the server port.
void run_stream_script(const uint8_t* data, std::size_t size, MakeDissector make, uint16_t port,
                       const char* const* selected_fields);

}  // namespace ms::fuzz
