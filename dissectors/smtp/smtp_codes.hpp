// Meanings of SMTP reply codes (RFC 5321 4.2) and enhanced status codes
// (RFC 3463), as value tables the field registry uses for labels.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "dissectors/core/field.hpp"

namespace ms::smtp {

inline constexpr ValueName kReplyCodeNames[] = {
    {211, "System status, or system help reply"},
    {214, "Help message"},
    {220, "<domain> Service ready"},
    {221, "<domain> Service closing transmission channel"},
    {235, "Authentication successful"},
    {250, "Requested mail action okay, completed"},
    {251, "User not local; will forward to <forward-path>"},
    {252, "Cannot VRFY user, but will accept message and attempt delivery"},
    {334, "AUTH input"},
    {354, "Start mail input; end with <CRLF>.<CRLF>"},
    {421, "<domain> Service not available, closing transmission channel"},
    {432, "A password transition is needed"},
    {450, "Requested mail action not taken: mailbox unavailable"},
    {451, "Requested action aborted: local error in processing"},
    {452, "Requested action not taken: insufficient system storage"},
    {454, "Temporary authentication failed"},
    {455, "Server unable to accommodate parameters"},
    {500, "Syntax error, command unrecognized"},
    {501, "Syntax error in parameters or arguments"},
    {502, "Command not implemented"},
    {503, "Bad sequence of commands"},
    {504, "Command parameter not implemented"},
    {521, "Host does not accept mail"},
    {530, "Authentication required"},
    {534, "Authentication mechanism is too weak"},
    {535, "Authentication credentials invalid"},
    {538, "Encryption required for requested authentication mechanism"},
    {550, "Requested action not taken: mailbox unavailable"},
    {551, "User not local; please try <forward-path>"},
    {552, "Requested mail action aborted: exceeded storage allocation"},
    {553, "Requested action not taken: mailbox name not allowed"},
    {554, "Transaction failed"},
    {555, "MAIL FROM/RCPT TO parameters not recognized or not implemented"},
};

// First digit (RFC 5321 4.2.1).
inline constexpr ValueName kCodeClassNames[] = {
    {1, "Positive Preliminary reply"},
    {2, "Positive Completion reply"},
    {3, "Positive Intermediate reply"},
    {4, "Transient Negative Completion reply"},
    {5, "Permanent Negative Completion reply"},
};

// Second digit (RFC 5321 4.2.1).
inline constexpr ValueName kCodeCategoryNames[] = {
    {0, "Syntax"},
    {1, "Information"},
    {2, "Connections"},
    {3, "Unspecified"},
    {4, "Unspecified"},
    {5, "Mail system"},
};

// RFC 3463 section 3.
inline constexpr ValueName kEnhancedClassNames[] = {
    {2, "Success"},
    {4, "Persistent Transient Failure"},
    {5, "Permanent Failure"},
};

inline constexpr ValueName kEnhancedSubjectNames[] = {
    {0, "Other or Undefined Status"},
    {1, "Addressing Status"},
    {2, "Mailbox Status"},
    {3, "Mail System Status"},
    {4, "Network and Routing Status"},
    {5, "Mail Delivery Protocol Status"},
    {6, "Message Content or Media Status"},
    {7, "Security or Policy Status"},
};

// The meaning of subject.detail (RFC 3463 section 3 and its updates), or empty.
std::string_view enhanced_detail_meaning(unsigned subject, unsigned detail);

struct EnhancedCode {
    uint8_t cls = 0;
    uint16_t subject = 0, detail = 0;
    std::size_t length = 0;  // characters taken in the text
};
// Parses "class.subject.detail" at the start of text (RFC 3463 grammar:
// class 2/4/5, subject and detail 1-3 digits), followed by a space or the end.
std::optional<EnhancedCode> parse_enhanced_code(std::string_view text);

}  // namespace ms::smtp
