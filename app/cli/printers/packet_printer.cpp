#include "app/cli/printers/packet_printer.hpp"

#include "app/cli/printers/ek_printer.hpp"
#include "app/cli/printers/json_printer.hpp"
#include "app/cli/printers/pdml_printer.hpp"
#include "app/cli/printers/psml_printer.hpp"

namespace ms::cli {

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
