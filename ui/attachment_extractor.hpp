// Saving an attachment: the index keeps no message bodies, so the file is
// read again until the message that carries it, and the decoded bytes of
// that one MIME part are captured as they stream. Qt-free.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "ui/capture_walk.hpp"

namespace ms::ui {

// Decoded bytes of MIME part `part_path` ("2", "1.3") of the message that
// began `ordinal`-th (0-based) in the capture. false + error when the file
// cannot be read, the message or part is not found, or the part is larger
// than `max_bytes`, or `control` cancelled the walk (error "cancelled").
bool extract_attachment(const std::string& path, uint64_t ordinal, const std::string& part_path,
                        std::vector<uint8_t>& out, std::string& error, uint64_t max_bytes = 256u << 20,
                        const WalkControl& control = {});

}  // namespace ms::ui
