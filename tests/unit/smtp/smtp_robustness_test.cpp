// Hostile input: random mixes of SMTP tokens and garbage, random splits and
// gaps, must neither crash nor hold more than the limits allow; and without
// gaps, the split must not change what is decoded.
#include <gtest/gtest.h>

#include <random>

#include "smtp_harness.hpp"

using namespace smtp_test;

namespace {

const char* kTokens[] = {
    "EHLO a\r\n", "MAIL FROM:<a@b> SIZE=99999999999999999999999\r\n", "RCPT TO:<c@d>\r\n", "DATA\r\n",
    "BDAT 7\r\n", "BDAT 3 LAST\r\n", "BDAT 18446744073709551615\r\n", "BDAT -1\r\n", ".\r\n", "..\r\n",
    "\r\n.\r\n", "AUTH LOGIN\r\n", "AUTH PLAIN =\r\n", "Zm9v\r\n", "*\r\n", "STARTTLS\r\n", "QUIT\r\n",
    "250-x\r\n", "250 ok\r\n", "354 go\r\n", "334 \r\n", "220 hi\r\n", "\r", "\n", ".", "\x16\x03", "x",
    "VRFY <a@b>\r\n", "XCLIENT A=B C\r\n",
};

std::string random_stream(std::mt19937& rng, std::size_t tokens) {
    std::string s;
    std::uniform_int_distribution<std::size_t> pick(0, std::size(kTokens) - 1);
    std::uniform_int_distribution<int> byte(0, 255);
    for (std::size_t i = 0; i < tokens; ++i) {
        if (rng() % 10 == 0) s.push_back(char(byte(rng)));
        else s += kTokens[pick(rng)];
    }
    return s;
}

TEST(SmtpRobustness, RandomStreamsSplitsAndGaps) {
    std::mt19937 rng(12345);
    for (int round = 0; round < 300; ++round) {
        Session s;
        s.limits.max_line_length = 64;
        s.limits.max_decoded_bytes = 256;
        s.limits.max_pipelined_commands = 8;
        for (int step = 0; step < 12; ++step) {
            Dir dir = rng() % 2 ? Dir::ToServer : Dir::ToClient;
            if (rng() % 8 == 0) {
                s.gap(dir, rng() % 50 + 1);
                continue;
            }
            s.send(dir, random_stream(rng, 8), rng() % 9 + 1);
        }
        s.end(Dir::ToServer);
        s.end(Dir::ToClient);
        EXPECT_LE(s.dissector().parser()->pending(), 8u);
        for (const auto& f : s.frames)
            for (const auto& kv : f.fields) EXPECT_LT(kv.size(), 4096u);
    }
}

TEST(SmtpRobustness, WithoutGapsTheSplitDoesNotMatter) {
    std::mt19937 rng(777);
    const std::vector<std::string> stable = {"smtp.req.command", "smtp.req.parameter", "smtp.rsp.parameter",
                                             "smtp.auth.username", "smtp.bdat.size", "smtp.data.message.length"};
    for (int round = 0; round < 100; ++round) {
        std::vector<Step> steps;
        for (int i = 0; i < 8; ++i)
            steps.push_back({rng() % 2 ? Dir::ToServer : Dir::ToClient, random_stream(rng, 6)});
        Session whole;
        whole.run(steps);
        std::size_t chunk = rng() % 7 + 1;
        Session split;
        split.run(steps, chunk);
        EXPECT_EQ(split.values(stable), whole.values(stable)) << "round " << round << " chunk " << chunk;
        ASSERT_EQ(split.messages.size(), whole.messages.size());
        for (std::size_t i = 0; i < whole.messages.size(); ++i)
            EXPECT_EQ(split.messages[i].bytes, whole.messages[i].bytes);
    }
}

}  // namespace
