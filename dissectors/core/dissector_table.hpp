// Which application dissector reads a TCP connection: chosen once per
// connection, by Decode As, then by well-known port, then by content.
// Filled by register_all(); read-only while dissecting.
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "field.hpp"
#include "stream_dissector.hpp"

namespace ms {

struct ConnectionInfo {
    uint64_t stream_index;     // tcp.stream
    uint16_t server_port;
    uint16_t client_port;
};

struct AppProtocol {
    const char* name;                    // "smtp", "pop", "imap" (Decode As name)
    std::vector<uint16_t> ports;         // well-known server ports
    // Content detection on the first bytes seen in one direction; may be null.
    bool (*looks_like)(Dir dir, std::span<const uint8_t> first_bytes) = nullptr;
    std::unique_ptr<StreamDissector> (*create)(const ConnectionInfo&) = nullptr;
};

class DissectorTable {
public:
    static DissectorTable& global();

    void add(AppProtocol proto);
    // -d tcp.port==N,name; false when the name is unknown.
    bool decode_as(uint16_t port, std::string_view name);
    // Removes the Decode As rule of one port / of every port (the GUI's
    // Decode As dialog edits its rules; the CLI sets them once).
    void remove_decode_as(uint16_t port);
    void clear_decode_as() { decode_as_.clear(); }
    const AppProtocol* find(std::string_view name) const;
    // The protocol for a server port (Decode As first), or null.
    const AppProtocol* by_port(uint16_t port) const;
    // The first protocol whose content check accepts these bytes, or null.
    const AppProtocol* by_content(Dir dir, std::span<const uint8_t> first_bytes) const;
    const std::vector<AppProtocol>& all() const { return protos_; }
    // The protocols no field of `wanted` can come from, for a run that reads
    // only those fields (no columns, expert notes, messages or reports):
    // their connections need not be dissected. A field of a family that any
    // protocol may add (imf, data, frame.protocols, _ws.*) keeps them all.
    std::vector<std::string> unread_by(std::span<const FieldId> wanted) const;

private:
    std::vector<AppProtocol> protos_;
    std::vector<std::pair<uint16_t, std::size_t>> decode_as_;
};

}  // namespace ms
