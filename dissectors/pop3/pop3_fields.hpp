// Every field and expert item the POP3 dissector adds. Wireshark's names,
// labels and types where Wireshark has the field; the rest under "pop.".
#pragma once

#include "dissectors/core/field_registry.hpp"

#define MS_POP3_FIELDS(X)                                                                      \
    X(proto, "pop", "Post Office Protocol", Protocol, None)                                    \
    X(request, "pop.request", "Request", String, None)                                         \
    X(request_command, "pop.request.command", "Request command", String, None)                 \
    X(request_parameter, "pop.request.parameter", "Request parameter", String, None)           \
    X(request_data, "pop.request.data", "Data", String, None, {}, 0, "Request data")          \
    X(response, "pop.response", "Response", String, None)                                      \
    X(response_indicator, "pop.response.indicator", "Response indicator", String, None)        \
    X(response_description, "pop.response.description", "Response description", String, None) \
    X(response_data, "pop.response.data", "Data", String, None, {}, 0, "Response Data")       \
    X(data_fragments, "pop.data.fragments", "DATA fragments", None, None, {}, 0, "Message fragments") \
    X(data_fragment, "pop.data.fragment", "DATA fragment", FrameNum, None, {}, 0, "Message fragment") \
    X(data_fragment_count, "pop.data.fragment.count", "DATA fragment count", U32, Dec)         \
    X(data_reassembled_length, "pop.data.reassembled.length", "Reassembled DATA length", U32, Dec, {}, 0, \
      "The total length of the reassembled payload")                                           \
    /* mailscope additions */                                                                  \
    X(response_in, "pop.response_in", "Response In", FrameNum, None)                            \
    X(response_to, "pop.response_to", "Request In", FrameNum, None)                            \
    X(time, "pop.time", "Response Time", RelTime, None)                                        \
    X(state, "pop.state", "Session state", U8, Dec, kStateNames)                               \
    X(response_code, "pop.response.code", "Extended response code", String, None)              \
    X(greeting_timestamp, "pop.apop.timestamp", "APOP timestamp", String, None)               \
    X(user, "pop.user", "User name", String, None)                                             \
    X(password, "pop.password", "Password", String, None)                                      \
    X(apop_digest, "pop.apop.digest", "APOP digest", String, None)                             \
    X(auth_mechanism, "pop.auth.mechanism", "SASL mechanism", String, None)                    \
    X(auth_data, "pop.auth.data", "Decoded SASL data", String, None)                           \
    X(auth_challenge, "pop.auth.challenge", "Decoded SASL challenge", String, None)            \
    X(auth_authzid, "pop.auth.authzid", "Authorization identity", String, None)                \
    X(auth_digest, "pop.auth.digest", "CRAM-MD5 digest", String, None)                         \
    X(msg_number, "pop.msg", "Message number", U64, Dec)                                       \
    X(top_lines, "pop.top.lines", "Body lines requested", U64, Dec)                            \
    X(stat_count, "pop.stat.count", "Messages in maildrop", U64, Dec)                          \
    X(stat_size, "pop.stat.size", "Maildrop size (octets)", U64, Dec)                          \
    X(list_size, "pop.list.size", "Message size (octets)", U64, Dec)                           \
    X(uidl_uid, "pop.uidl.uid", "Unique id", String, None)                                     \
    X(capa_name, "pop.capa", "Capability", String, None)                                       \
    X(capa_arg, "pop.capa.arg", "Capability argument", String, None)                           \
    X(message, "pop.message", "Message", None, None)                                           \
    X(message_length, "pop.message.length", "Message length", U64, Dec)                       \
    X(message_expected, "pop.message.expected_length", "Expected message length", U64, Dec)    \
    X(mailbox_listed, "pop.mailbox.listed_count", "Messages listed", U64, Dec)                 \
    X(mailbox_retrieved, "pop.mailbox.retrieved_count", "Messages retrieved", U64, Dec)        \
    X(mailbox_marked, "pop.mailbox.marked_count", "Messages marked for deletion", U64, Dec)    \
    X(mailbox_deleted, "pop.mailbox.deleted_count", "Messages deleted at QUIT", U64, Dec)      \
    X(mailbox_deleted_msg, "pop.mailbox.deleted", "Deleted message", U64, Dec)                 \
    X(tls_data, "pop.tls_data", "Encrypted data (TLS after STLS)", None, None)                 \
    X(not_pop_data, "pop.not_pop_data", "Data (not POP3)", None, None)

#define MS_POP3_EXPERTS(X)                                                                     \
    X(err_response, "pop.response.error", ResponseCode, Note, "-ERR response")                 \
    X(unknown_command, "pop.request.unknown", RequestCode, Warn, "Unknown command")            \
    X(bad_state, "pop.request.bad_state", Sequence, Warn, "Command not allowed in this session state") \
    X(pass_before_user, "pop.request.pass_before_user", Sequence, Warn, "PASS without a preceding USER") \
    X(bad_argument, "pop.request.bad_argument", Malformed, Warn, "Malformed command argument") \
    X(cleartext_password, "pop.cleartext_password", Security, Warn, "Password sent in cleartext") \
    X(apop_used, "pop.apop", Security, Note,                                                   \
      "APOP authenticates only the client; its MD5 digest can be attacked offline")           \
    X(size_mismatch, "pop.retr.size_mismatch", Protocol, Warn, "Retrieved size differs from the listed size") \
    X(unterminated, "pop.response.unterminated", Malformed, Warn, "Multi-line response never ended") \
    X(long_line, "pop.line_too_long", Malformed, Warn, "Line longer than 512 octets")          \
    X(truncated_line, "pop.line_truncated", Malformed, Warn, "Line longer than the line limit, truncated") \
    X(bare_lf, "pop.bare_lf", Protocol, Note, "Line ended by a bare LF")                       \
    X(gap, "pop.gap", Sequence, Warn, "Bytes missing from the stream")                         \
    X(not_pop, "pop.not_pop", Protocol, Warn, "Not POP3: the rest of the connection is shown as data") \
    X(starttls, "pop.stls", Security, Chat, "STLS accepted: the rest of the connection is TLS") \
    X(malformed_response, "pop.response.malformed", Malformed, Warn, "Response is neither +OK nor -ERR") \
    X(unmatched_response, "pop.response.unmatched", Sequence, Note, "Response without a request") \
    X(unexpected_data, "pop.response.unexpected", Sequence, Warn, "Server data outside any response") \
    X(base64_decode, "pop.base64_decode", Protocol, Warn, "base64 decode failed")              \
    X(too_many_pending, "pop.pipelining_limit", Protocol, Warn, "Too many commands waiting for responses") \
    X(message_too_big, "pop.message.too_big", Reassemble, Note, "Message larger than the decode limit: shown in part")

namespace ms::pop3 {
extern const ValueName kStateNames[3];
}

MS_DECLARE_FIELDS(pop3_fields, MS_POP3_FIELDS)
MS_DECLARE_EXPERTS(pop3_experts, MS_POP3_EXPERTS)
