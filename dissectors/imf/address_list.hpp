// RFC 5322 section 3.4 address lists, by a tokenizer rather than by splitting
// on commas: quoted display names with commas, comments (nested, and the old
// "addr (Name)" form), groups ("Team: a@x, b@y;"), obsolete route addresses
// ("<@USC-ISIF.ARPA:Quincy@isi.edu>") and empty list elements.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace ms::imf {

struct Mailbox {
    std::string display_name;  // unquoted, whitespace collapsed; encoded words left as written
    std::string address;       // addr-spec, comments and folding removed
    std::string route;         // obsolete source route ("@USC-ISIF.ARPA"), if any
    std::string group;         // the group this mailbox belongs to, if any
    std::size_t begin = 0;     // the item's text in the value
    std::size_t end = 0;
    bool angle = false;        // written as <...>
};

struct AddressList {
    std::vector<Mailbox> mailboxes;
    std::vector<std::string> empty_groups;  // "undisclosed-recipients:;"
    bool malformed = false;
};

AddressList parse_address_list(std::string_view value);

}  // namespace ms::imf
