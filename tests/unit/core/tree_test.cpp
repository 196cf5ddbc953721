// The tree stores what it is asked for, formats labels and -T fields values
// the way tshark does, and carries expert items.
#include <gtest/gtest.h>

#include "dissectors/core/field_registry.hpp"
#include "dissectors/core/tree.hpp"

namespace {

const ms::ValueName kTypes[] = {{0x0800, "IPv4"}, {0x86dd, "IPv6"}};
const ms::ValueName kSetNotSet[] = {{0, "Not set"}, {1, "Set"}};

#define MS_TEST_FIELDS(X)                                                        \
    X(proto, "tst", "Test Protocol", Protocol, None)                             \
    X(port, "tst.port", "Source Port", U16, Dec)                                 \
    X(type, "tst.type", "Type", U16, Hex, kTypes)                                \
    X(flags, "tst.flags", "Flags", U16, Hex, {}, 0xfff)                          \
    X(syn, "tst.flags.syn", "Syn", Boolean, None, kSetNotSet, 0x002, "", 12)     \
    X(version, "tst.version", "Version", U8, Dec, {}, 0xf0)                      \
    X(addr, "tst.addr", "Address", IPv4, None)                                   \
    X(name, "tst.name", "Name", String, None)                                    \
    X(data, "tst.data", "Data", Bytes, None)                                     \
    X(rtt, "tst.rtt", "RTT", RelTime, None)
MS_DECLARE_FIELDS(tst_fields, MS_TEST_FIELDS)
MS_DEFINE_FIELDS(tst_fields, MS_TEST_FIELDS)

#define MS_TEST_EXPERTS(X) X(bad, "tst.bad", Malformed, Warn, "Something is wrong")
MS_DECLARE_EXPERTS(tst_experts, MS_TEST_EXPERTS)
MS_DEFINE_EXPERTS(tst_experts, MS_TEST_EXPERTS)

using namespace tst_fields;

class TreeTest : public ::testing::Test {
protected:
    void SetUp() override {
        auto& reg = ms::FieldRegistry::mutable_global();
        tst_fields::register_fields(reg);
        tst_experts::register_experts(reg);
    }
};

TEST_F(TreeTest, RegistryFindsFieldsAndTheirProtocol) {
    const auto& reg = ms::FieldRegistry::global();
    EXPECT_EQ(reg.find("tst.port"), id(port));
    EXPECT_EQ(reg.find("tst.nope"), ms::kNoField);
    EXPECT_EQ(reg.protocol_of(id(syn)), id(proto));
    EXPECT_EQ(reg.protocol_of(tst_experts::id(tst_experts::bad)), id(proto));
    // Registering twice is harmless: ids stay the same.
    auto before = reg.size();
    tst_fields::register_fields(ms::FieldRegistry::mutable_global());
    EXPECT_EQ(reg.size(), before);
}

TEST_F(TreeTest, LabelsAndValuesAsTsharkPrintsThem) {
    ms::ProtoTree t;
    t.keep_all();
    auto p = t.add_none(t.root(), id(proto), {0, 0, 20});
    auto n1 = t.add_uint(p, id(port), {0, 0, 2}, 52106);
    auto n2 = t.add_uint(p, id(type), {0, 2, 2}, 0x0800);
    auto n3 = t.add_uint(p, id(flags), {0, 4, 2}, 0x012);
    auto n4 = t.add_bool(n3, id(syn), {0, 4, 2}, true);
    auto n5 = t.add_uint(p, id(version), {0, 6, 1}, 4);
    auto n6 = t.add_uint(p, id(addr), {0, 7, 4}, 0x0a0a0104);
    auto n7 = t.add_string(p, id(name), {}, "hello");
    const uint8_t bytes[] = {0x02, 0x04, 0x05, 0xb4};
    auto n8 = t.add_bytes(p, id(data), {}, bytes);
    auto n9 = t.add_time(p, id(rtt), {}, 346950000);

    EXPECT_EQ(t.label(n1.index), "Source Port: 52106");
    EXPECT_EQ(t.label(n2.index), "Type: IPv4 (0x0800)");
    EXPECT_EQ(t.label(n3.index), ".... 0000 0001 0010 = Flags: 0x0012");
    EXPECT_EQ(t.label(n4.index), ".... .... ..1. = Syn: Set");
    EXPECT_EQ(t.label(n5.index), "0100 .... = Version: 4");
    EXPECT_EQ(t.label(n6.index), "Address: 10.10.1.4");
    EXPECT_EQ(t.label(n7.index), "Name: hello");
    EXPECT_EQ(t.label(n8.index), "Data: 020405b4");
    EXPECT_EQ(t.label(n9.index), "RTT: 0.346950000 seconds");

    EXPECT_EQ(t.value_text(n1.index), "52106");
    EXPECT_EQ(t.value_text(n2.index), "0x0800");
    EXPECT_EQ(t.value_text(n4.index), "1");
    EXPECT_EQ(t.value_text(n6.index), "10.10.1.4");
    EXPECT_EQ(t.value_text(n8.index), "020405b4");
    EXPECT_EQ(t.value_text(n9.index), "0.346950000");
    t.set_label(p, "Test Protocol, Port 52106");
    EXPECT_EQ(t.value_text(p.index), "Test Protocol, Port 52106");
}

TEST_F(TreeTest, SelectedModeStoresOnlyWantedFieldsAndReparentsChildren) {
    ms::ProtoTree t;
    ms::FieldId keep[] = {id(syn)};
    t.keep_only(keep);
    EXPECT_FALSE(t.wants_labels());
    auto p = t.add_none(t.root(), id(proto), {});
    EXPECT_FALSE(p.stored);
    auto f = t.add_uint(p, id(flags), {}, 2);
    EXPECT_FALSE(f.stored);
    auto s = t.add_bool(f, id(syn), {}, true);
    ASSERT_TRUE(s.stored);
    EXPECT_EQ(t.size(), 2u);  // root + syn
    EXPECT_EQ(t.node(s.index).parent, 0u);
    t.set_label(p, "ignored");  // a skipped node's label is a no-op
    EXPECT_EQ(t.size(), 2u);
}

TEST_F(TreeTest, ExpertItemsAreNodesAndCountedEvenWhenNotStored) {
    ms::ProtoTree t;
    t.keep_all();
    auto e = t.add_expert(t.root(), tst_experts::id(tst_experts::bad), {0, 0, 1}, "Bad thing");
    ASSERT_TRUE(e.stored);
    EXPECT_EQ(t.label(e.index), "Bad thing");
    const auto& top = t.node(t.node(e.index).parent);
    EXPECT_EQ(t.custom_label(top), "Expert Info (Warning/Malformed): Bad thing");
    EXPECT_EQ(t.max_severity(), ms::Severity::Warn);

    ms::ProtoTree sel;
    sel.keep_only({});
    sel.add_expert(sel.root(), tst_experts::id(tst_experts::bad), {});
    EXPECT_EQ(sel.size(), 1u);
    ASSERT_EQ(sel.experts().size(), 1u);
    EXPECT_EQ(sel.experts()[0].severity, ms::Severity::Warn);
}

TEST_F(TreeTest, ClearKeepsModeAndEmptiesNodes) {
    ms::ProtoTree t;
    t.keep_all();
    t.add_uint(t.root(), id(port), {}, 1);
    t.clear();
    EXPECT_EQ(t.size(), 1u);
    EXPECT_TRUE(t.wants(id(port)));
    EXPECT_TRUE(t.experts().empty());
}

}  // namespace
