// The one field registry. Protocols declare their fields as an X-macro list,
// which expands both into an enum (compile-time names in the dissector) and
// into the FieldDef table registered here once, from register_all().
//
//   #define MS_TCP_FIELDS(X)  (one X(...) per line, each ending in a backslash)
//       X(srcport, "tcp.srcport", "Source Port", U16, Dec)
//       X(flags_syn, "tcp.flags.syn", "Syn", Boolean, None, {}, 0x002)
//   MS_DECLARE_FIELDS(tcp_fields, MS_TCP_FIELDS)   // in the header
//   MS_DEFINE_FIELDS(tcp_fields, MS_TCP_FIELDS)    // in one .cpp
//
// and then `tcp_fields::id(tcp_fields::srcport)` is the FieldId.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "field.hpp"

namespace ms {

class FieldRegistry {
public:
    // The process-wide registry. It starts with the core's own fields
    // (_ws.expert.*); programs call register_all() once at start, and a unit
    // test registers just the protocols it tests (each register_fields()
    // is idempotent).
    static const FieldRegistry& global() { return mutable_global(); }
    static FieldRegistry& mutable_global();

    FieldId add(const FieldDef& def);
    FieldId add_expert(const ExpertDef& def);  // registered as a FieldType::Expert field
    // Adds every entry in order; returns the id of the first.
    FieldId add_table(std::span<const FieldDef> defs);
    FieldId add_expert_table(std::span<const ExpertDef> defs);

    FieldId find(std::string_view abbrev) const;  // kNoField when unknown
    const FieldDef& def(FieldId id) const { return fields_[id].def; }
    const ExpertDef* expert(FieldId id) const { return fields_[id].expert; }
    // The protocol field that owns this field ("tcp" for "tcp.srcport"), or kNoField.
    FieldId protocol_of(FieldId id) const { return fields_[id].protocol; }
    std::size_t size() const { return fields_.size(); }

private:
    struct Entry {
        FieldDef def;
        const ExpertDef* expert = nullptr;
        FieldId protocol = kNoField;
    };
    std::vector<Entry> fields_;
    std::unordered_map<std::string_view, FieldId> by_name_;
};

// Registers every protocol's fields and app dissectors, once (explicit list
// in dissectors/register_all.cpp, library ms_dissectors).
void register_all();

// ---- X-macro helpers -------------------------------------------------------
#define MS_X_FIELD_ENUM(name, ...) name,
#define MS_X_FIELD_DEF(name, abbrev, label, type, base, ...) \
    ::ms::FieldDef{abbrev, label, ::ms::FieldType::type, ::ms::Base::base __VA_OPT__(, ) __VA_ARGS__},
#define MS_X_EXPERT_ENUM(name, ...) name,
#define MS_X_EXPERT_DEF(name, abbrev, group, severity, summary) \
    ::ms::ExpertDef{abbrev, ::ms::ExpertGroup::group, ::ms::Severity::severity, summary},

// Declares namespace NS with enum Field, its FieldDef table and id().
#define MS_DECLARE_FIELDS(NS, LIST)                                    \
    namespace NS {                                                     \
    enum Field : uint32_t { LIST(MS_X_FIELD_ENUM) kCount };            \
    extern ::ms::FieldId base;                                         \
    inline ::ms::FieldId id(Field f) { return base + f; }              \
    void register_fields(::ms::FieldRegistry& reg);                    \
    }

#define MS_DEFINE_FIELDS(NS, LIST)                                     \
    namespace NS {                                                     \
    ::ms::FieldId base = ::ms::kNoField;                               \
    static const ::ms::FieldDef kDefs[] = {LIST(MS_X_FIELD_DEF)};      \
    void register_fields(::ms::FieldRegistry& reg) { if (base == ::ms::kNoField) base = reg.add_table(kDefs); } \
    }

// Same for expert infos: enum Expert and eid().
#define MS_DECLARE_EXPERTS(NS, LIST)                                   \
    namespace NS {                                                     \
    enum Expert : uint32_t { LIST(MS_X_EXPERT_ENUM) kCount };          \
    extern ::ms::FieldId base;                                         \
    inline ::ms::FieldId id(Expert e) { return base + e; }             \
    void register_experts(::ms::FieldRegistry& reg);                   \
    }

#define MS_DEFINE_EXPERTS(NS, LIST)                                    \
    namespace NS {                                                     \
    ::ms::FieldId base = ::ms::kNoField;                               \
    static const ::ms::ExpertDef kDefs[] = {LIST(MS_X_EXPERT_DEF)};    \
    void register_experts(::ms::FieldRegistry& reg) { if (base == ::ms::kNoField) base = reg.add_expert_table(kDefs); } \
    }

}  // namespace ms
