#include "filter_fixture.hpp"

#include <cstdlib>
#include <ctime>

MS_DEFINE_FIELDS(ft_fields, MS_FILTER_TEST_FIELDS)

namespace ft_test {

using namespace ft_fields;

void FilterTest::SetUp() {
    // Times without a zone are local time; pin it so the tests mean one thing.
    setenv("TZ", "UTC", 1);
    tzset();
    ft_fields::register_fields(ms::FieldRegistry::mutable_global());

    const uint8_t header[] = {0x00, 0xe0, 0x1c, 0x3c, 0x17, 0xc2,   // MAC
                              0x0a, 0x0a, 0x01, 0x04,               // 10.10.1.4
                              0x4a, 0x35, 0x8c, 0x99,               // 74.53.140.153
                              0x05, 0xbe, 0x00, 0x19};              // 1470 -> 25
    const std::string_view line = "EHLO example.com\r\n";
    frame_.assign(header, header + sizeof header);
    frame_.insert(frame_.end(), line.begin(), line.end());  // 36 bytes

    ctx_.begin_frame(frame_);
    auto& t = ctx_.tree;
    t.keep_all();
    auto p = t.add_none(t.root(), id(proto), {0, 6, 30});
    t.add_bytes(p, id(mac), {0, 0, 6}, std::span<const uint8_t>(frame_.data(), 6));
    t.add_uint(p, id(src), {0, 6, 4}, 0x0a0a0104);
    t.add_uint(p, id(dst), {0, 10, 4}, 0x4a358c99);
    t.add_uint(p, id(addr), {0, 6, 4}, 0x0a0a0104);
    t.add_uint(p, id(addr), {0, 10, 4}, 0x4a358c99);
    t.add_uint(p, id(srcport), {0, 14, 2}, 1470);
    t.add_uint(p, id(dstport), {0, 16, 2}, 25);
    t.add_uint(p, id(port), {0, 14, 2}, 1470);
    t.add_uint(p, id(port), {0, 16, 2}, 25);
    t.add_string(p, id(cmd), {0, 18, 4}, "EHLO");
    t.add_string(p, id(param), {0, 23, 11}, "example.com");
    t.add_string(p, id(param), {}, "SIZE=1000");
    t.add_string(p, id(subject), {}, "R\xc3\xa9union caf\xc3\xa9");
    t.add_bytes(p, id(data), {0, 18, 18}, std::span<const uint8_t>(frame_.data() + 18, 18));
    auto f = t.add_uint(p, id(flags), {0, 0, 2}, 0x012);
    t.add_bool(f, id(flag), {0, 0, 2}, true);
    t.add_uint(p, id(status), {}, 2);
    t.add_uint(p, id(ttl), {}, 64);
    t.add_int(p, id(delta), {}, -3);
    t.add_double(p, id(ratio), {}, 0.5);
    t.add_uint(p, id(num), {}, 5);
    t.add_time(p, id(arrival), {}, kArrivalNs);
    t.add_time(p, id(rel), {}, 1'500'000'000);
    const uint8_t v6[16] = {0xfe, 0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1};
    t.add_bytes(p, id(ip6), {}, v6);
    t.add_none(p, id(label), {0, 18, 4});

    const std::string_view mail_text = "MAIL FROM:<alice@example.com>\r\n";
    auto src = ctx_.add_source("Reassembled TCP", std::span<const uint8_t>(
                                                       reinterpret_cast<const uint8_t*>(mail_text.data()), mail_text.size()));
    t.add_none(t.root(), id(mail), {src, 0, static_cast<uint32_t>(mail_text.size())});
}

bool FilterTest::match(std::string_view filter) {
    ms::FilterError e;
    auto f = ms::DisplayFilter::compile(filter, e);
    EXPECT_TRUE(f) << "filter: " << filter << "\nerror: " << e.message;
    return f && f->matches(ctx_);
}

ms::FilterError FilterTest::error(std::string_view filter) {
    ms::FilterError e;
    auto f = ms::DisplayFilter::compile(filter, e);
    EXPECT_FALSE(f) << "filter compiled but should not: " << filter;
    EXPECT_FALSE(e.message.empty()) << filter;
    EXPECT_LE(e.start + e.length, filter.size() + 1) << filter;
    return e;
}

}  // namespace ft_test
