// The parts of the API other modules lean on: fields() for keep_only(),
// name completion, allocation-free evaluation, and robustness on garbage.
#include <atomic>
#include <cstdlib>
#include <new>
#include <random>

#include "filter_fixture.hpp"

// GCC pairs malloc/free across the replaced operators and warns wrongly.
#pragma GCC diagnostic ignored "-Wmismatched-new-delete"

// Counts heap allocations so a test can prove matches() makes none once
// warm. Replacing the global operator new is allowed in one program.
namespace {
std::atomic<uint64_t> g_allocations{0};
}

void* operator new(std::size_t n) {
    g_allocations.fetch_add(1, std::memory_order_relaxed);
    if (void* p = std::malloc(n ? n : 1)) return p;
    throw std::bad_alloc();
}
void operator delete(void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }

namespace ft_test {
namespace {

using namespace ft_fields;

std::vector<ms::FieldId> fields_of(std::string_view text) {
    ms::FilterError e;
    auto f = ms::DisplayFilter::compile(text, e);
    EXPECT_TRUE(f) << e.message;
    return f ? f->fields() : std::vector<ms::FieldId>{};
}

TEST_F(FilterTest, FieldsListsEveryFieldReadOnce) {
    EXPECT_EQ(fields_of("ft.dstport == 25 and ft and ft.data[0:2] == 00:00 or count(ft.param) > 1 and ft.dstport > 1"),
              (std::vector<ms::FieldId>{id(dstport), id(proto), id(data), id(param)}));
    EXPECT_EQ(fields_of("ft[0:2] == 00:00"), (std::vector<ms::FieldId>{id(proto)}));
    EXPECT_EQ(fields_of("ft.srcport == ft.dstport"), (std::vector<ms::FieldId>{id(srcport), id(dstport)}));
    EXPECT_EQ(fields_of("ft.dstport in {ft.srcport, 25}"), (std::vector<ms::FieldId>{id(dstport), id(srcport)}));
    EXPECT_EQ(fields_of("lower(ft.cmd) == \"x\" || ftx"), (std::vector<ms::FieldId>{id(cmd), id(absent)}));
    EXPECT_EQ(fields_of("ft.flags & 0x02"), (std::vector<ms::FieldId>{id(flags)}));
    EXPECT_TRUE(fields_of("").empty());
}

TEST_F(FilterTest, KeepingOnlyTheFilterFieldsGivesTheSameAnswer) {
    const char* filters[] = {"ft.dstport == 25 and ft.cmd == \"EHLO\"", "ft contains \"EHLO\"", "ft.port != 25",
                             "count(ft.param) == 2", "not ftx"};
    for (const char* text : filters) {
        ms::FilterError e;
        auto f = ms::DisplayFilter::compile(text, e);
        ASSERT_TRUE(f) << e.message;
        bool full = f->matches(ctx_);
        // Rebuild the frame keeping only the filter's fields.
        ms::FrameContext sel;
        sel.begin_frame(frame_);
        sel.tree.keep_only(f->fields());
        auto p = sel.tree.add_none(sel.tree.root(), id(proto), {0, 6, 30});
        sel.tree.add_uint(p, id(srcport), {0, 14, 2}, 1470);
        sel.tree.add_uint(p, id(dstport), {0, 16, 2}, 25);
        sel.tree.add_uint(p, id(port), {0, 14, 2}, 1470);
        sel.tree.add_uint(p, id(port), {0, 16, 2}, 25);
        sel.tree.add_string(p, id(cmd), {0, 18, 4}, "EHLO");
        sel.tree.add_string(p, id(param), {0, 23, 11}, "example.com");
        sel.tree.add_string(p, id(param), {}, "SIZE=1000");
        sel.tree.add_uint(p, id(ttl), {}, 64);
        EXPECT_LT(sel.tree.size(), ctx_.tree.size());
        EXPECT_EQ(f->matches(sel), full) << text;
    }
}

TEST_F(FilterTest, MatchingAllocatesNothingOnceWarm) {
    const char* filters[] = {
        "ft.dstport == 25 && ft.cmd matches \"^ehlo\"",
        "ft.port != 80 and ft.addr == 10.0.0.0/8",
        "ft.data[0:2,4] == 45:48:20 or ft contains \"example\"",
        "lower(ft.param) contains \"size\" and string(ft.num) == \"5\" and len(ft.cmd) == 4",
        "ft.dstport in {20..30, 110} and not ftx and ft.flags & 0x02",
        "upper(ft.cmd) == \"EHLO\" xor ft.ip6 == fe80::/10",
    };
    for (const char* text : filters) {
        ms::FilterError e;
        auto f = ms::DisplayFilter::compile(text, e);
        ASSERT_TRUE(f) << e.message;
        bool first = f->matches(ctx_);
        uint64_t before = g_allocations.load();
        for (int i = 0; i < 50; ++i) EXPECT_EQ(f->matches(ctx_), first);
        EXPECT_EQ(g_allocations.load(), before) << text;
    }
}

TEST_F(FilterTest, CompletesFieldNamesSortedAndBounded) {
    EXPECT_EQ(ms::complete_field_names("ft.s", 10),
              (std::vector<std::string>{"ft.src", "ft.srcport", "ft.status", "ft.subject"}));
    EXPECT_EQ(ms::complete_field_names("ft.s", 2), (std::vector<std::string>{"ft.src", "ft.srcport"}));
    EXPECT_EQ(ms::complete_field_names("ftx", 10), (std::vector<std::string>{"ftx", "ftx.val"}));
    EXPECT_TRUE(ms::complete_field_names("no.such.prefix", 10).empty());
    EXPECT_GE(ms::complete_field_names("", 1000).size(), 26u);
}

TEST_F(FilterTest, GarbageNeverCrashesAndErrorsPointInsideTheText) {
    const char* tricky[] = {
        "[", "]", "{", "}", "(((", ")))", "ft[", "ft[:", "ft[-", "ft[0:-1]", "ft.data[-100:]", "ft.data[0-",
        "ft.data[5-2] == 00", "ft.data[99999999999999999999]", "\\", "\"\\", "'\\", "\"\\x\"", "\"\\u12\"",
        "r\"", "ft in {", "ft.dstport in {1,", "ft.dstport in {1..2..3}", "ft.time == \"\"", "ft.rel > -",
        "ft.rel > .", "ft.src == /", "ft.src == 1.2.3.4/", "ft.ip6 == :::", "ft.mac == ::::::",
        "ft.data == ::", "ft.data == 0x", "ft.dstport == 0x", "ft.dstport == 0b", "ft.dstport == -",
        "len(", "len(ft.cmd", "len(ft.cmd,", "x(", "ft.cmd matches", "ft.cmd matches \"\\\\\"",
        "ft.dstport == 99999999999999999999999999999", "all", "any any ft", "not not not", "ft ^ ft", "ft | ft",
        "\x01\x02\xff", "ft.cmd == \"\xff\xfe\"", "ft.cmd matches \"\xff(\"", "ft.data[0,,1]",
    };
    for (const char* text : tricky) {
        ms::FilterError e;
        auto f = ms::DisplayFilter::compile(text, e);
        if (f) {
            (void)f->matches(ctx_);
        } else {
            EXPECT_FALSE(e.message.empty()) << text;
            EXPECT_LE(e.start, std::string_view(text).size()) << text;
        }
    }
    // Random splices of filter vocabulary.
    const char* words[] = {"ft", "ft.data", "ft.cmd", "ft.port", "==", "!=", "in", "{", "}", "..", ",", "[",
                           "]", "0:2", "-1", "(", ")", "and", "or", "not", "contains", "matches", "\"x\"",
                           "'a'", "&", "25", "10.0.0.1/8", "fe80::1", "len", "all", "any", "~", "^^"};
    std::mt19937 rng(1234);
    for (int i = 0; i < 3000; ++i) {
        std::string text;
        int n = 1 + static_cast<int>(rng() % 8);
        for (int k = 0; k < n; ++k) {
            text += words[rng() % (sizeof words / sizeof *words)];
            if (rng() % 3) text += ' ';
        }
        ms::FilterError e;
        auto f = ms::DisplayFilter::compile(text, e);
        if (f) {
            (void)f->matches(ctx_);
        } else {
            EXPECT_LE(e.start, text.size()) << text;
        }
    }
}

}  // namespace
}  // namespace ft_test
