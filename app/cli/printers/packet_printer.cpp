#include "app/cli/printers/packet_printer.hpp"

#include "app/cli/printers/ek_printer.hpp"
#include "app/cli/printers/json_printer.hpp"
#include "app/cli/printers/pdml_printer.hpp"
#include "app/cli/printers/psml_printer.hpp"

namespace ms::cli {

bool SelectedFields::init(const std::vector<std::string>& names, std::string& bad_name) {
    const FieldRegistry& reg = FieldRegistry::global();
    names_ = names;
    ids_.clear();
    for (const auto& n : names) {
        FieldId id = reg.find(n);
        if (id == kNoField) {
            bad_name = n;
            return false;
        }
        ids_.push_back(id);
    }
    hits_.assign(ids_.size(), {});
    return true;
}

const std::vector<std::vector<uint32_t>>& SelectedFields::collect(const ProtoTree& tree) {
    for (auto& h : hits_) h.clear();
    // One pass over the tree, whatever the number of columns.
    for (uint32_t i = 1; i < tree.size(); ++i) {
        FieldId f = tree.node(i).field;
        for (std::size_t c = 0; c < ids_.size(); ++c)
            if (ids_[c] == f) hits_[c].push_back(i);
    }
    return hits_;
}

namespace {
ProtocolFilter protocol_filter(const Options& opt) {
    ProtocolFilter f;
    f.add(opt.proto_filter, opt.proto_filter_children);
    return f;
}
}  // namespace

std::vector<FieldId> packet_printer_fields(const Options& opt) {
    SelectedFields s;
    std::string bad;
    if (opt.format == OutputFormat::Text || opt.format == OutputFormat::Fields || opt.format == OutputFormat::Psml)
        return {};
    if (!s.init(opt.fields, bad)) return {};
    return s.ids();
}

std::unique_ptr<PacketPrinter> make_packet_printer(const Options& opt, std::string& bad_field) {
    SelectedFields fields;
    if (opt.format != OutputFormat::Psml && !fields.init(opt.fields, bad_field)) return nullptr;
    switch (opt.format) {
        case OutputFormat::Json:
        case OutputFormat::JsonRaw: {
            JsonPrinterOptions o;
            o.raw_only = opt.format == OutputFormat::JsonRaw;
            o.hex = opt.hex;
            o.filter = protocol_filter(opt);
            return std::make_unique<JsonPrinter>(std::move(o), std::move(fields));
        }
        case OutputFormat::Ek: {
            EkPrinterOptions o;
            o.hex = opt.hex;
            o.filter = protocol_filter(opt);
            return std::make_unique<EkPrinter>(std::move(o), std::move(fields));
        }
        case OutputFormat::Pdml: {
            PdmlPrinterOptions o;
            o.capture_file = opt.read_file;
            o.filter = protocol_filter(opt);
            return std::make_unique<PdmlPrinter>(std::move(o), std::move(fields));
        }
        case OutputFormat::Psml: return std::make_unique<PsmlPrinter>(opt.time_column, opt.time_column_set);
        default: return nullptr;
    }
}

}  // namespace ms::cli
