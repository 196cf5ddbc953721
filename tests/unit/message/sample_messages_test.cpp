// The recorded fixture messages (samples/messages/*.eml): From, Subject and
// attachments, whole and fed one byte at a time.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "message_test_util.hpp"
#include "support/test_paths.hpp"

namespace {
using ms::imf::MessageDissector;

std::string read_sample(const char* name) {
    auto path = ms::test::source_dir() / "samples" / "messages" / name;
    std::ifstream in(path, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

struct Sample {
    ms::Limits limits;
    MessageDissector d{limits};
    ms::test::RecordingSink sink;
    ms::test::TreeResult tree;
    Sample(const char* name, std::size_t piece = 0) {
        ms::test::register_message_fields();
        std::string msg = read_sample(name);
        EXPECT_FALSE(msg.empty()) << name;
        d.set_sink(&sink);
        ms::test::feed_in_pieces(d, msg, piece);
        d.finish();
        ms::test::build_tree(d, msg, tree);
    }
};

TEST(SampleMessages, DotStuffedPlainText) {
    Sample s("01-dot-stuffed.eml");
    EXPECT_EQ(s.d.summary().from, "Carol Example <carol@example.test>");
    EXPECT_EQ(s.d.summary().subject, "Dot-stuffing check");
    EXPECT_TRUE(s.d.summary().attachments.empty());
    ASSERT_EQ(s.sink.parts.size(), 1u);
    EXPECT_NE(s.sink.parts[0].data.find("\n.hidden line"), std::string::npos);
}

TEST(SampleMessages, Base64CsvAttachment) {
    Sample s("02-attachment.eml");
    EXPECT_EQ(s.d.summary().from, "Bob Example <bob@example.test>");
    EXPECT_EQ(s.d.summary().subject, "Quarterly numbers (attachment)");
    ASSERT_EQ(s.d.summary().attachments.size(), 1u);
    const auto& a = s.d.summary().attachments[0];
    EXPECT_EQ(a.filename, "numbers.csv");
    EXPECT_EQ(a.declared_type, "text/csv");
    EXPECT_EQ(a.size, 41u);
    EXPECT_EQ(a.sha256_hex, "d6385ebd892934eaf1bd96b86fc69a7159989e7524afc1f07d9a16b6857cf616");
    EXPECT_EQ(a.disposition, "attachment");
}

TEST(SampleMessages, AlternativeWithEncodedWords) {
    Sample s("03-alternative-encoded-subject.eml");
    EXPECT_EQ(s.d.summary().from, "Ren\xC3\xA9" "e <renee@example.test>");
    EXPECT_EQ(s.d.summary().subject, "Caf\xC3\xA9 cr\xC3\xA8meGr\xC3\xBC\xC3\x9F" "e aus Z\xC3\xBCrich \xE2\x9C\x93");
    EXPECT_TRUE(s.d.summary().attachments.empty());
    auto text = ms::test::field_values(s.tree.ctx.tree, "imf.body.text");
    ASSERT_EQ(text.size(), 2u);
    EXPECT_NE(text[0].find("Caf\xC3\xA9 cr\xC3\xA8me"), std::string::npos);
}

TEST(SampleMessages, ForwardedRfc822) {
    Sample s("04-forward-rfc822.eml");
    EXPECT_EQ(s.d.summary().subject, "Fwd: Meeting notes");
    auto subjects = ms::test::field_values(s.tree.ctx.tree, "imf.subject");
    EXPECT_EQ(subjects, (std::vector<std::string>{"Fwd: Meeting notes", "Meeting notes"}));
    auto froms = ms::test::field_values(s.tree.ctx.tree, "imf.address");
    EXPECT_NE(std::find(froms.begin(), froms.end(), "dave@example.test"), froms.end());
    EXPECT_EQ(ms::test::field_values(s.tree.ctx.tree, "imf").size(), 2u);
}

TEST(SampleMessages, ProtocolLookalikes) {
    Sample s("05-protocol-lookalikes.eml");
    EXPECT_EQ(s.d.summary().from, "Mallory Example <mallory@example.test>");
    EXPECT_EQ(s.d.summary().subject, "Lines that look like protocol commands");
}

TEST(SampleMessages, NestedMultipartCharsets) {
    Sample s("06-nested-multipart-charsets.eml");
    EXPECT_EQ(s.d.summary().from, "\xD0\x9F\xD1\x80\xD0\xB8\xD0\xB2\xD0\xB5\xD1\x82 <ivan@example.test>");
    EXPECT_EQ(s.d.summary().subject,
              "\xE3\x81\x93\xE3\x82\x93\xE3\x81\xAB\xE3\x81\xA1\xE3\x81\xAF\xE2\x80\x9CSmart\xE2\x80\x9D quotes \xE2\x82\xAC");
    const auto& att = s.d.summary().attachments;
    ASSERT_EQ(att.size(), 2u);
    EXPECT_EQ(att[0].filename, "dot.gif");
    EXPECT_EQ(att[0].detected_type, "image/gif");
    EXPECT_EQ(att[0].path, "1.2.2");
    EXPECT_EQ(att[0].sha256_hex, "b1442e85b03bdcaf66dc58c7abb98745dd2687d86350be9a298a1d9382ac849b");
    EXPECT_EQ(att[1].filename, "blob.bin");
    EXPECT_EQ(att[1].path, "2");
    EXPECT_EQ(att[1].size, 32u);
    EXPECT_EQ(att[1].sha256_hex, "630dcd2966c4336691125448bbb25b4ff412a49c732db2c8abc1b8581bd710dd");
    auto text = ms::test::field_values(s.tree.ctx.tree, "imf.body.text");
    ASSERT_GE(text.size(), 1u);
    EXPECT_NE(text[0].find("\xD0\x9F\xD1\x80\xD0\xB8\xD0\xB2\xD0\xB5\xCC\x81\xD1\x82"), std::string::npos);  // Приве́т
}

TEST(SampleMessages, EverySampleSameOneByteAtATime) {
    for (const char* name : {"01-dot-stuffed.eml", "02-attachment.eml", "03-alternative-encoded-subject.eml",
                             "04-forward-rfc822.eml", "05-protocol-lookalikes.eml", "06-nested-multipart-charsets.eml"}) {
        Sample whole(name), bytewise(name, 1);
        EXPECT_EQ(whole.tree.lines, bytewise.tree.lines) << name;
        EXPECT_EQ(whole.d.summary().subject, bytewise.d.summary().subject) << name;
        ASSERT_EQ(whole.sink.parts.size(), bytewise.sink.parts.size()) << name;
        for (std::size_t i = 0; i < whole.sink.parts.size(); ++i)
            EXPECT_EQ(whole.sink.parts[i].data, bytewise.sink.parts[i].data) << name << " part " << i;
        // Nothing in these well-formed messages is worth an expert item.
        EXPECT_TRUE(whole.tree.ctx.tree.experts().empty()) << name;
    }
}

}  // namespace

