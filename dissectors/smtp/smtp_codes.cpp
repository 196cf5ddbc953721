#include "smtp_codes.hpp"

namespace ms::smtp {

namespace {
struct DetailName {
    uint8_t subject, detail;
    const char* name;
};
// Worded after RFC 3463 and RFC 3886/4954/5248/6531/7504 registrations.
constexpr DetailName kDetails[] = {
    {0, 0, "Other undefined Status"},
    {1, 0, "Other address status"},
    {1, 1, "Bad destination mailbox address"},
    {1, 2, "Bad destination system address"},
    {1, 3, "Bad destination mailbox address syntax"},
    {1, 4, "Destination mailbox address ambiguous"},
    {1, 5, "Destination address valid"},
    {1, 6, "Destination mailbox has moved, No forwarding address"},
    {1, 7, "Bad sender's mailbox address syntax"},
    {1, 8, "Bad sender's system address"},
    {1, 10, "Recipient address has null MX"},
    {2, 0, "Other or undefined mailbox status"},
    {2, 1, "Mailbox disabled, not accepting messages"},
    {2, 2, "Mailbox full"},
    {2, 3, "Message length exceeds administrative limit"},
    {2, 4, "Mailing list expansion problem"},
    {3, 0, "Other or undefined mail system status"},
    {3, 1, "Mail system full"},
    {3, 2, "System not accepting network messages"},
    {3, 3, "System not capable of selected features"},
    {3, 4, "Message too big for system"},
    {3, 5, "System incorrectly configured"},
    {4, 0, "Other or undefined network or routing status"},
    {4, 1, "No answer from host"},
    {4, 2, "Bad connection"},
    {4, 3, "Directory server failure"},
    {4, 4, "Unable to route"},
    {4, 5, "Mail system congestion"},
    {4, 6, "Routing loop detected"},
    {4, 7, "Delivery time expired"},
    {5, 0, "Other or undefined protocol status"},
    {5, 1, "Invalid command"},
    {5, 2, "Syntax error"},
    {5, 3, "Too many recipients"},
    {5, 4, "Invalid command arguments"},
    {5, 5, "Wrong protocol version"},
    {5, 6, "Authentication Exchange line is too long"},
    {6, 0, "Other or undefined media error"},
    {6, 1, "Media not supported"},
    {6, 2, "Conversion required and prohibited"},
    {6, 3, "Conversion required but not supported"},
    {6, 4, "Conversion with loss performed"},
    {6, 5, "Conversion Failed"},
    {6, 7, "Non-ASCII addresses not permitted for that sender/recipient"},
    {7, 0, "Other or undefined security status"},
    {7, 1, "Delivery not authorized, message refused"},
    {7, 2, "Mailing list expansion prohibited"},
    {7, 3, "Security conversion required but not possible"},
    {7, 4, "Security features not supported"},
    {7, 5, "Cryptographic failure"},
    {7, 6, "Cryptographic algorithm not supported"},
    {7, 7, "Message integrity failure"},
    {7, 8, "Authentication credentials invalid"},
    {7, 9, "Authentication mechanism is too weak"},
    {7, 10, "Encryption Needed"},
    {7, 11, "Encryption required for requested authentication mechanism"},
    {7, 12, "A password transition is needed"},
    {7, 13, "User Account Disabled"},
    {7, 14, "Trust relationship required"},
};

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// 1 to 3 digits at text[at]; returns the count read (0 = none or too many).
std::size_t read_number(std::string_view text, std::size_t at, uint16_t& v) {
    std::size_t n = 0;
    v = 0;
    while (at + n < text.size() && is_digit(text[at + n])) {
        if (n == 3) return 0;
        v = uint16_t(v * 10 + (text[at + n] - '0'));
        ++n;
    }
    return n;
}
}  // namespace

std::string_view enhanced_detail_meaning(unsigned subject, unsigned detail) {
    for (const auto& d : kDetails)
        if (d.subject == subject && d.detail == detail) return d.name;
    return {};
}

std::optional<EnhancedCode> parse_enhanced_code(std::string_view text) {
    if (text.size() < 5) return std::nullopt;
    EnhancedCode c;
    char k = text[0];
    if (k != '2' && k != '4' && k != '5') return std::nullopt;
    if (text[1] != '.') return std::nullopt;
    c.cls = uint8_t(k - '0');
    std::size_t at = 2;
    std::size_t n = read_number(text, at, c.subject);
    if (n == 0 || at + n >= text.size() || text[at + n] != '.') return std::nullopt;
    at += n + 1;
    n = read_number(text, at, c.detail);
    if (n == 0) return std::nullopt;
    at += n;
    if (at < text.size() && text[at] != ' ') return std::nullopt;
    c.length = at;
    return c;
}

}  // namespace ms::smtp
