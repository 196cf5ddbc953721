// MIME structure through the whole message dissector: RFC 2046's example,
// boundaries in every awkward place, encapsulated messages, and decoded
// attachments that are byte-identical to the files attached.
#include <gtest/gtest.h>

#include <string>

#include "dissectors/mime/base64_decoder.hpp"
#include "message_test_util.hpp"

namespace {
using ms::imf::EntityKind;
using ms::imf::MessageDissector;
using ms::test::RecordingSink;

std::string crlf(std::string_view lf_text) {
    std::string out;
    for (char c : lf_text) {
        if (c == '\n') out += '\r';
        out += c;
    }
    return out;
}

struct Parsed {
    ms::Limits limits;
    MessageDissector d{limits};
    RecordingSink sink;
    explicit Parsed(std::string_view msg, std::size_t piece = 0, ms::Limits l = {}) : limits(l), d(limits) {
        ms::test::register_message_fields();
        d.set_sink(&sink);
        ms::test::feed_in_pieces(d, msg, piece);
        d.finish();
    }
};

const char kRfc2046Example[] =
    "From: Nathaniel Borenstein <nsb@bellcore.com>\n"
    "To: Ned Freed <ned@innosoft.com>\n"
    "Date: Sun, 21 Mar 1993 23:56:48 -0800 (PST)\n"
    "Subject: Sample message\n"
    "MIME-Version: 1.0\n"
    "Content-type: multipart/mixed; boundary=\"simple boundary\"\n"
    "\n"
    "This is the preamble.  It is to be ignored, though it\n"
    "is a handy place for composition agents to include an\n"
    "explanatory note to non-MIME conformant readers.\n"
    "\n"
    "--simple boundary\n"
    "\n"
    "This is implicitly typed plain US-ASCII text.\n"
    "It does NOT end with a linebreak.\n"
    "--simple boundary\n"
    "Content-type: text/plain; charset=us-ascii\n"
    "\n"
    "This is explicitly typed plain US-ASCII text.\n"
    "It DOES end with a linebreak.\n"
    "\n"
    "--simple boundary--\n"
    "\n"
    "This is the epilogue.  It is also to be ignored.\n";

TEST(MimeStructure, Rfc2046MultipartMixedWithPreambleAndEpilogue) {
    const std::string msg = crlf(kRfc2046Example);
    Parsed p(msg);
    const auto& ents = p.d.entities();
    ASSERT_EQ(ents.size(), 3u);
    const auto& root = ents[0];
    EXPECT_EQ(root.kind, EntityKind::Multipart);
    EXPECT_EQ(root.boundary, "simple boundary");
    EXPECT_TRUE(root.saw_close);
    // The preamble ends before the CRLF that precedes the first boundary.
    std::string preamble = msg.substr(root.preamble_offset, root.preamble_length);
    EXPECT_EQ(preamble.substr(0, 21), "This is the preamble.");
    // "readers.\r\n\r\n--simple boundary": the first CRLF is preamble, the second the boundary's.
    EXPECT_EQ(preamble.substr(preamble.size() - 10), "readers.\r\n");
    std::string epilogue = msg.substr(root.epilogue_offset, root.epilogue_length);
    EXPECT_EQ(epilogue, "\r\nThis is the epilogue.  It is also to be ignored.\r\n");
    ASSERT_EQ(p.sink.parts.size(), 2u);
    EXPECT_EQ(p.sink.parts[0].data, "This is implicitly typed plain US-ASCII text.\r\nIt does NOT end with a linebreak.");
    EXPECT_EQ(p.sink.parts[1].data, "This is explicitly typed plain US-ASCII text.\r\nIt DOES end with a linebreak.\r\n");
    EXPECT_EQ(ents[1].content_type.value, "text/plain");  // implicitly typed
    EXPECT_EQ(ents[1].path, "1");
    EXPECT_EQ(ents[2].path, "2");
    ASSERT_EQ(root.marks.size(), 3u);
    EXPECT_EQ(root.marks[0].text, "\r\n--simple boundary\r\n");
    EXPECT_EQ(root.marks[2].text, "\r\n--simple boundary--\r\n");
    EXPECT_EQ(p.d.summary().subject, "Sample message");
    EXPECT_TRUE(p.d.summary().attachments.empty());  // text parts only
}

std::string binary_file() {
    std::string f;
    for (int i = 0; i < 3000; ++i) f += char((i * 7 + i / 256) & 0xFF);
    return f;
}

std::string base64_lines(std::string_view data) {
    static const char* a = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string enc;
    for (std::size_t i = 0; i < data.size(); i += 3) {
        uint32_t v = uint8_t(data[i]) << 16;
        if (i + 1 < data.size()) v |= uint8_t(data[i + 1]) << 8;
        if (i + 2 < data.size()) v |= uint8_t(data[i + 2]);
        enc += a[v >> 18 & 63];
        enc += a[v >> 12 & 63];
        enc += i + 1 < data.size() ? a[v >> 6 & 63] : '=';
        enc += i + 2 < data.size() ? a[v & 63] : '=';
    }
    std::string out;
    for (std::size_t i = 0; i < enc.size(); i += 76) out += enc.substr(i, 76) + "\r\n";
    return out;
}

std::string attachment_message(const std::string& file) {
    return "From: a@example.test\r\nSubject: file\r\nMIME-Version: 1.0\r\n"
           "Content-Type: multipart/mixed; boundary=\"=_b\"\r\n\r\n"
           "--=_b\r\nContent-Type: text/plain\r\n\r\nSee attached.\r\n"
           "--=_b\r\nContent-Type: application/octet-stream; x=\"filename=wrong.txt\"; name=\"n.bin\"\r\n"
           "Content-Disposition: attachment; filename=real.bin\r\n"
           "Content-Transfer-Encoding: base64\r\n\r\n" +
           base64_lines(file) + "--=_b--\r\n";
}

TEST(MimeStructure, Base64AttachmentIsByteIdentical) {
    const std::string file = binary_file();
    const std::string msg = attachment_message(file);
    for (std::size_t piece : {0, 1, 5, 77}) {
        Parsed p(msg, piece);
        const auto& s = p.d.summary();
        ASSERT_EQ(s.attachments.size(), 1u) << piece;
        const auto& a = s.attachments[0];
        EXPECT_EQ(a.filename, "real.bin");
        EXPECT_EQ(a.size, file.size());
        EXPECT_EQ(a.md5_hex, ms::test::md5_hex(file));
        EXPECT_EQ(a.sha256_hex, ms::test::sha256_hex(file));
        EXPECT_EQ(a.path, "2");
        EXPECT_EQ(a.declared_type, "application/octet-stream");
        ASSERT_EQ(p.sink.parts.size(), 2u);
        EXPECT_EQ(p.sink.parts[1].data, file);
        EXPECT_TRUE(p.sink.parts[1].ended);
        EXPECT_EQ(p.sink.parts[1].end.sha256_hex, ms::test::sha256_hex(file));
    }
}

TEST(MimeStructure, CrlfBeforeBoundaryBelongsToBoundary) {
    const std::string msg =
        "Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\nContent-Type: application/x-thing\r\n\r\n"
        "abc\r\n--b\r\n\r\n\r\n\r\n--b--";
    Parsed p(msg);
    ASSERT_EQ(p.sink.parts.size(), 2u);
    EXPECT_EQ(p.sink.parts[0].data, "abc");
    // Blank line ends the (empty) header block; of the two empty body lines
    // the first CRLF is data and the second belongs to the close delimiter.
    EXPECT_EQ(p.sink.parts[1].data, "\r\n");
    EXPECT_EQ(p.d.entities()[0].marks.back().text, "\r\n--b--");
}

TEST(MimeStructure, BoundaryThatIsAPrefixOfAnother) {
    const std::string msg =
        "Content-Type: multipart/mixed; boundary=\"XX\"\r\n\r\n"
        "--XX\r\nContent-Type: multipart/alternative; boundary=\"XX--YY\"\r\n\r\n"
        "--XX--YY\r\n\r\ninner one\r\n--XX--YY\r\n\r\ninner two\r\n--XX--YY--\r\n"
        "--XXZ not a boundary\r\n--XX\r\n\r\nouter two\r\n--XX--\r\n";
    Parsed p(msg);
    ASSERT_EQ(p.sink.parts.size(), 3u);
    EXPECT_EQ(p.sink.parts[0].data, "inner one");
    EXPECT_EQ(p.sink.parts[1].data, "inner two");
    EXPECT_EQ(p.sink.parts[2].data, "outer two");
    EXPECT_EQ(p.sink.parts[1].begin.path, "1.2");
    const auto& inner = p.d.entities()[1];
    EXPECT_EQ(inner.kind, EntityKind::Multipart);
    EXPECT_TRUE(inner.saw_close);
    EXPECT_EQ(inner.epilogue_head, "--XXZ not a boundary");
    for (const auto& e : p.d.entities()) EXPECT_TRUE(e.notes.empty());
}

bool has_note(const MessageDissector& d, imf_experts::Expert x) {
    for (const auto& e : d.entities())
        for (const auto& n : e.notes)
            if (n.expert == x) return true;
    return false;
}

TEST(MimeStructure, MissingCloseDelimiterAndPartAfterClose) {
    Parsed missing("Content-Type: multipart/mixed; boundary=q\r\n\r\n--q\r\n\r\none\r\n--q\r\n\r\ntwo\r\n");
    ASSERT_EQ(missing.sink.parts.size(), 2u);
    EXPECT_EQ(missing.sink.parts[1].data, "two\r\n");  // no boundary follows: the CRLF is data
    EXPECT_TRUE(has_note(missing.d, imf_experts::no_close));

    Parsed after("Content-Type: multipart/mixed; boundary=q\r\n\r\n--q\r\n\r\none\r\n--q--\r\nepi\r\n--q\r\n\r\nlate\r\n--q--\r\n");
    ASSERT_EQ(after.sink.parts.size(), 2u);
    EXPECT_EQ(after.sink.parts[1].data, "late");
    EXPECT_TRUE(has_note(after.d, imf_experts::after_close));
    EXPECT_FALSE(has_note(after.d, imf_experts::no_close));
}

TEST(MimeStructure, NoBoundaryParameterIsShownRaw) {
    Parsed p("Content-Type: multipart/mixed\r\n\r\n--x\r\n\r\nbody\r\n--x--\r\n");
    EXPECT_TRUE(has_note(p.d, imf_experts::no_boundary));
    ASSERT_EQ(p.sink.parts.size(), 1u);
    EXPECT_EQ(p.sink.parts[0].data, "--x\r\n\r\nbody\r\n--x--\r\n");
}

TEST(MimeStructure, EncapsulatedMessageAndDigestDefault) {
    const std::string msg =
        "From: outer@example.test\r\nSubject: fwd\r\nContent-Type: multipart/digest; boundary=d\r\n\r\n"
        "--d\r\n\r\nFrom: =?ISO-8859-1?Q?Ren=E9e?= <renee@example.test>\r\nSubject: first\r\n\r\nhello\r\n"
        "--d\r\nContent-Type: message/rfc822\r\n\r\nFrom: x@example.test\r\nSubject: second\r\n"
        "Content-Type: multipart/mixed; boundary=inner\r\n\r\n--inner\r\nContent-Type: image/gif\r\n"
        "Content-Transfer-Encoding: base64\r\n\r\nR0lGODlhAQABAIAAAP///wAAACH5BAEAAAAALAAAAAABAAEAAAICRAEAOw==\r\n--inner--\r\n"
        "--d--\r\n";
    Parsed p(msg);
    const auto& ents = p.d.entities();
    ASSERT_GE(ents.size(), 5u);
    EXPECT_EQ(ents[1].content_type.value, "message/rfc822");  // digest default
    EXPECT_EQ(ents[1].kind, EntityKind::Encapsulated);
    ASSERT_EQ(ents[1].children.size(), 1u);
    const auto& inner1 = ents[ents[1].children[0]];
    EXPECT_TRUE(inner1.is_message);
    EXPECT_EQ(inner1.headers[0].name, "From");
    ASSERT_EQ(p.sink.parts.size(), 2u);
    EXPECT_EQ(p.sink.parts[0].data, "hello");
    EXPECT_EQ(p.sink.parts[0].begin.path, "1.1");
    EXPECT_EQ(p.sink.parts[1].begin.path, "2.1");
    ASSERT_EQ(p.d.summary().attachments.size(), 1u);
    EXPECT_EQ(p.d.summary().attachments[0].detected_type, "image/gif");
    EXPECT_EQ(p.d.summary().attachments[0].size, 43u);
    EXPECT_EQ(p.d.summary().subject, "fwd");
}

TEST(MimeStructure, QuotedPrintableTextToUtf8AndUuencode) {
    const std::string msg =
        "Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\n"
        "Content-Type: text/plain; charset=iso-8859-1\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n"
        "Caf=E9 cr=E8me =\r\nfor the invoice\r\n--b\r\n"
        "Content-Type: application/octet-stream\r\nContent-Transfer-Encoding: x-uuencode\r\n\r\n"
        "begin 644 cat.txt\r\n#0V%T\r\n`\r\nend\r\n--b--\r\n";
    Parsed p(msg, 3);
    const auto& ents = p.d.entities();
    ASSERT_EQ(ents.size(), 3u);
    EXPECT_EQ(ents[1].text, "Caf\xC3\xA9 cr\xC3\xA8me for the invoice");
    ASSERT_EQ(p.sink.parts.size(), 2u);
    EXPECT_EQ(p.sink.parts[1].data, "Cat");
    EXPECT_EQ(p.sink.parts[1].end.filename, "cat.txt");
}

TEST(MimeStructure, BadBase64IsToleratedWithNote) {
    Parsed p("Content-Type: application/x-y\r\nContent-Transfer-Encoding: base64\r\n\r\nSGVs*bG8=\r\n");
    ASSERT_EQ(p.sink.parts.size(), 1u);
    EXPECT_EQ(p.sink.parts[0].data, "Hello");
    EXPECT_TRUE(has_note(p.d, imf_experts::bad_base64));
}

TEST(MimeStructure, DeclaredPdfThatIsAnExecutable) {
    std::string pe(512, '\0');
    pe[0] = 'M', pe[1] = 'Z', pe[0x3c] = char(0x80);
    pe.replace(0x80, 4, std::string("PE\0\0", 4));
    pe[0x84] = char(0x4c), pe[0x85] = char(0x01);
    pe[0x94] = char(0xe0), pe[0x96] = char(0x02), pe[0x97] = char(0x01), pe[0x98] = char(0x0b), pe[0x99] = char(0x01);
    const std::string msg = "Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\n"
                            "Content-Type: application/pdf; name=invoice.pdf\r\nContent-Transfer-Encoding: base64\r\n\r\n" +
                            base64_lines(pe) + "--b--\r\n";
    Parsed p(msg);
    ASSERT_EQ(p.d.summary().attachments.size(), 1u);
    EXPECT_EQ(p.d.summary().attachments[0].filename, "invoice.pdf");
    EXPECT_NE(p.d.summary().attachments[0].detected_type.find("executable"), std::string::npos);
    EXPECT_TRUE(has_note(p.d, imf_experts::type_mismatch));
    // A real GIF declared as a GIF is fine.
    Parsed gif("Content-Type: image/gif\r\nContent-Transfer-Encoding: base64\r\n\r\n"
               "R0lGODlhAQABAIAAAP///wAAACH5BAEAAAAALAAAAAABAAEAAAICRAEAOw==\r\n");
    EXPECT_FALSE(has_note(gif.d, imf_experts::type_mismatch));
}

TEST(MimeStructure, LfOnlyLineEndsAndHeaderQuirks) {
    // Obsolete "Name : value", folding, duplicates, a header block ended by a non-header line.
    Parsed p("Subject : one\n two\nReceived: a\nReceived: b\nthis is not a header\nbody\n");
    const auto& root = p.d.entities()[0];
    ASSERT_EQ(root.headers.size(), 3u);
    EXPECT_EQ(root.headers[0].name, "Subject");
    EXPECT_EQ(root.headers[0].value, " one two");
    EXPECT_EQ(root.headers[2].value, " b");
    EXPECT_EQ(p.d.summary().received_hops, 2u);
    EXPECT_TRUE(has_note(p.d, imf_experts::header_malformed));
    ASSERT_EQ(p.sink.parts.size(), 1u);
    EXPECT_EQ(p.sink.parts[0].data, "this is not a header\nbody\n");
}

}  // namespace
