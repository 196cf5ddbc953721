#include "app/cli/glossary.hpp"

#include <cstdio>
#include <string>

#include "dissectors/core/dissector_table.hpp"
#include "dissectors/core/field_registry.hpp"

namespace ms::cli {

namespace {
std::string base_column(const FieldDef& d) {
    switch (d.type) {
        case FieldType::Boolean:
            return std::to_string(d.bit_width);
        case FieldType::U8: case FieldType::U16: case FieldType::U24: case FieldType::U32: case FieldType::U64:
        case FieldType::I8: case FieldType::I16: case FieldType::I32: case FieldType::I64:
            return std::string(base_name(d.type, d.base == Base::None ? Base::Dec : d.base));
        case FieldType::Expert: return {};
        default: return {};
    }
}
}  // namespace

bool print_glossary(const std::string& which) {
    const FieldRegistry& reg = FieldRegistry::global();
    if (which == "fields" || which == "protocols") {
        bool fields = which == "fields";
        for (FieldId i = 0; i < reg.size(); ++i) {
            const FieldDef& d = reg.def(i);
            if (d.type == FieldType::Protocol) {
                if (fields) std::printf("P\t%s\t%s\n", d.name, d.abbrev);
                else std::printf("%s\t%s\t%s\n", d.name, d.name, d.abbrev);
                continue;
            }
            if (!fields) continue;
            FieldId p = reg.protocol_of(i);
            const char* parent = p == kNoField ? "" : reg.def(p).abbrev;
            std::printf("F\t%s\t%s\t%s\t%s\t%s\t0x%llx\t%s\n", d.name, d.abbrev,
                        std::string(field_type_name(d.type)).c_str(), parent, base_column(d).c_str(),
                        static_cast<unsigned long long>(d.bitmask), d.blurb ? d.blurb : "");
        }
        return true;
    }
    if (which == "decodes") {
        // tshark's layout: table, selector, dissector; one line per
        // well-known port (Decode As entries from -d are not defaults).
        for (const auto& p : DissectorTable::global().all())
            for (uint16_t port : p.ports) std::printf("tcp.port\t%u\t%s\n", unsigned(port), p.name);
        return true;
    }
    return false;
}

}  // namespace ms::cli
