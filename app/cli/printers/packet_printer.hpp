// The per-packet printers of -T json|jsonraw|ek|pdml|psml behind one
// interface, so the main loop streams them like the text outputs: begin()
// once (document head), packet() per displayed frame, end() once.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "app/cli/options.hpp"
#include "app/cli/printers/tree_export.hpp"
#include "dissectors/core/frame_context.hpp"

#include "app/cli/printers/selected_fields.hpp"

namespace ms::cli {

class PacketPrinter {
public:
    virtual ~PacketPrinter() = default;
    // `time_digits`: 6 or 9, the capture's time-stamp precision (psml's Time).
    virtual void begin(std::string& out, int time_digits) = 0;
    virtual void packet(std::string& out, const FrameContext& ctx) = 0;
    virtual void end(std::string& out) = 0;
};


// The printer for opt.format (json, jsonraw, ek, pdml, psml), or null for
// text and fields. Returns null with `bad_field` set when an -e name is unknown.
std::unique_ptr<PacketPrinter> make_packet_printer(const Options& opt, std::string& bad_field);
// The fields an -e list of a structured format needs kept in the tree
// (empty: the format prints the whole tree).
std::vector<FieldId> packet_printer_fields(const Options& opt);

}  // namespace ms::cli
