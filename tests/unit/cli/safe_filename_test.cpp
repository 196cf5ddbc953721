// The export file names: hostile attachment names must not escape the
// export directory, hide, alias a device or overflow a name.
#include <gtest/gtest.h>

#include "app/cli/export/safe_filename.hpp"

namespace {

using ms::cli::kMaxFilenameBytes;
using ms::cli::numbered_filename;
using ms::cli::safe_filename;

TEST(SafeFilename, KeepsOrdinaryNames) {
    EXPECT_EQ(safe_filename("report.pdf", "x.bin"), "report.pdf");
    EXPECT_EQ(safe_filename("Grüße aus Zürich.txt", "x.bin"), "Grüße aus Zürich.txt");
}

TEST(SafeFilename, StripsDirectories) {
    EXPECT_EQ(safe_filename("../../etc/passwd", "x.bin"), "passwd");
    EXPECT_EQ(safe_filename("/etc/shadow", "x.bin"), "shadow");
    EXPECT_EQ(safe_filename("..\\..\\Windows\\win.ini", "x.bin"), "win.ini");
    EXPECT_EQ(safe_filename("a/b/../c.txt", "x.bin"), "c.txt");
}

TEST(SafeFilename, NothingLeftGivesTheFallback) {
    EXPECT_EQ(safe_filename("", "x.bin"), "x.bin");
    EXPECT_EQ(safe_filename("..", "x.bin"), "x.bin");
    EXPECT_EQ(safe_filename(".", "x.bin"), "x.bin");
    EXPECT_EQ(safe_filename("../", "x.bin"), "x.bin");
    EXPECT_EQ(safe_filename("   ...  ", "x.bin"), "x.bin");
    EXPECT_EQ(safe_filename(std::string("\0\0", 2), "x.bin"), "x.bin");
}

TEST(SafeFilename, DropsNulAndControlBytes) {
    std::string hostile("evil.txt\0.exe", 13);
    std::string s = safe_filename(hostile, "x.bin");
    EXPECT_EQ(s.find('\0'), std::string::npos);
    EXPECT_EQ(s, "evil.txt.exe");
    EXPECT_EQ(safe_filename("a\r\nb\x1b[31m.txt", "x.bin"), "ab[31m.txt");
}

TEST(SafeFilename, NoHiddenFilesOrTrailingDots) {
    EXPECT_EQ(safe_filename(".bashrc", "x.bin"), "bashrc");
    EXPECT_EQ(safe_filename("name.txt. . ", "x.bin"), "name.txt");
}

TEST(SafeFilename, ReplacesCharactersWindowsRefuses) {
    EXPECT_EQ(safe_filename("a<b>c:d\"e|f?g*h.txt", "x.bin"), "a_b_c_d_e_f_g_h.txt");
}

TEST(SafeFilename, AvoidsReservedDeviceNames) {
    EXPECT_EQ(safe_filename("CON", "x.bin"), "_CON");
    EXPECT_EQ(safe_filename("nul.txt", "x.bin"), "_nul.txt");
    EXPECT_EQ(safe_filename("com1.tar.gz", "x.bin"), "_com1.tar.gz");
    EXPECT_EQ(safe_filename("LPT9", "x.bin"), "_LPT9");
    EXPECT_EQ(safe_filename("console.txt", "x.bin"), "console.txt");
    EXPECT_EQ(safe_filename("COM10", "x.bin"), "COM10");
}

TEST(SafeFilename, CapsTheLengthKeepingTheExtension) {
    std::string s = safe_filename(std::string(5000, 'a') + ".pdf", "x.bin");
    EXPECT_EQ(s.size(), kMaxFilenameBytes);
    EXPECT_EQ(s.substr(s.size() - 4), ".pdf");
    // A cut never splits a UTF-8 sequence.
    std::string u;
    for (int i = 0; i < 300; ++i) u += "\xC3\xA9";  // é
    std::string t = safe_filename(u, "x.bin");
    EXPECT_LE(t.size(), kMaxFilenameBytes);
    EXPECT_EQ(t.size() % 2, 0u);
    EXPECT_EQ(static_cast<unsigned char>(t[0]), 0xC3);
}

TEST(SafeFilename, NumberedAlternatives) {
    EXPECT_EQ(numbered_filename("a.txt", 0), "a.txt");
    EXPECT_EQ(numbered_filename("a.txt", 2), "a(2).txt");
    EXPECT_EQ(numbered_filename("noext", 1), "noext(1)");
    EXPECT_EQ(numbered_filename("a.tar.gz", 1), "a.tar(1).gz");
}

}  // namespace
