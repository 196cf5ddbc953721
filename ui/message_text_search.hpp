// Find in messages: one pass over the capture that searches every message's
// decoded text — its header lines (RFC 2047 words decoded, every entity's
// headers, parts and encapsulated messages included) and the bodies of its
// text parts (transfer-decoded and converted to UTF-8) — as they stream.
// Bodies are never kept: each open message holds a matcher's short tail.
// Qt-free.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "ui/capture_walk.hpp"

namespace ms::ui {

struct MessageTextQuery {
    std::string text;    // UTF-8
    bool regex = false;  // a PCRE2 pattern tried on each line, not a substring
    std::size_t max_results = 100000;
};

struct MessageTextMatch {
    uint64_t ordinal = 0;  // MessageRecord::ordinal
    std::string snippet;   // the text around the first hit (UTF-8, one line)
};

struct MessageTextResult {
    std::vector<MessageTextMatch> matches;  // by ordinal
    uint64_t messages_searched = 0;
    bool truncated = false;  // max_results reached: the walk stopped there
    std::string error;       // a bad pattern, an unreadable file, "cancelled"
};

// false + result.error when the pattern or the file is bad or `control`
// cancelled the walk (then no matches); a read error part way keeps the
// matches found before it.
bool search_message_text(const std::string& path, const MessageTextQuery& query, MessageTextResult& result,
                         const WalkControl& control = {});

}  // namespace ms::ui
