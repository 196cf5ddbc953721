// Every field and expert item the IMAP dissector adds. Wireshark's names,
// labels and types where Wireshark has the field (tshark -G fields); the
// rest under "imap.".
#pragma once

#include "dissectors/core/field_registry.hpp"

// Value tables named here are defined in imap_fields.cpp.
#define MS_IMAP_FIELDS(X)                                                                        \
    X(proto, "imap", "Internet Message Access Protocol", Protocol, None)                         \
    X(isrequest, "imap.isrequest", "Request", Boolean, None)                                     \
    X(line, "imap.line", "Line", String, None)                                                   \
    X(request, "imap.request", "Request", String, None)                                           \
    X(request_tag, "imap.request_tag", "Request Tag", String, None)                              \
    X(response, "imap.response", "Response", String, None)                                       \
    X(response_tag, "imap.response_tag", "Response Tag", String, None)                           \
    X(request_command, "imap.request.command", "Request Command", String, None)                  \
    X(response_command, "imap.response.command", "Response Command", String, None)               \
    X(response_status, "imap.response.status", "Response Status", String, None)                  \
    X(request_folder, "imap.request.folder", "Request Folder", String, None)                     \
    X(request_uid, "imap.request.command.uid", "Request isUID", Boolean, None)                   \
    X(request_username, "imap.request.username", "Request Username", String, None)               \
    X(request_password, "imap.request.password", "Request Password", String, None)               \
    X(response_in, "imap.response_in", "Response In", FrameNum, None)                            \
    X(response_to, "imap.response_to", "Request In", FrameNum, None)                             \
    X(time, "imap.time", "Response Time", RelTime, None)                                         \
    /* mailscope additions */                                                                    \
    X(session_state, "imap.session.state", "Session state", U8, Dec, kStateNames)                \
    X(session_mailbox, "imap.session.mailbox", "Selected mailbox", String, None)                 \
    X(session_read_only, "imap.session.read_only", "Read-only", Boolean, None)                   \
    X(mailbox_wire, "imap.mailbox.utf7", "Mailbox name as sent (modified UTF-7)", String, None)  \
    X(folder_new, "imap.request.folder_new", "New folder name", String, None)                    \
    X(list_reference, "imap.request.reference", "Reference", String, None)                       \
    X(list_pattern, "imap.request.pattern", "Mailbox pattern", String, None)                     \
    X(mechanism, "imap.request.mechanism", "SASL mechanism", String, None)                       \
    X(auth_data, "imap.auth.data", "Decoded SASL data", String, None)                            \
    X(auth_authzid, "imap.auth.authzid", "Authorization identity", String, None)                 \
    X(auth_challenge, "imap.auth.challenge", "Decoded SASL challenge", String, None)             \
    X(sequence_set, "imap.request.sequence_set", "Sequence set", String, None)                   \
    X(flag, "imap.flag", "Flag", String, None)                                                   \
    X(date, "imap.request.date", "Date/time", String, None)                                      \
    X(store_action, "imap.request.store_action", "Store action", String, None)                   \
    X(fetch_item, "imap.request.fetch_item", "Fetch item", String, None)                         \
    X(search_key, "imap.request.search_key", "Search key", String, None)                         \
    X(status_item, "imap.request.status_item", "Status item", String, None)                      \
    X(argument, "imap.request.argument", "Argument", String, None)                               \
    X(capability, "imap.capability", "Capability", String, None)                                 \
    X(id_param, "imap.id.param", "ID parameter", String, None)                                   \
    X(continuation, "imap.continuation", "Continuation request", String, None)                   \
    X(response_text, "imap.response.text", "Response text", String, None)                        \
    X(resp_code, "imap.response.code", "Response code", String, None)                            \
    X(code_uidvalidity, "imap.response.code.uidvalidity", "UIDVALIDITY", U32, Dec)               \
    X(code_uidnext, "imap.response.code.uidnext", "UIDNEXT", U32, Dec)                           \
    X(code_unseen, "imap.response.code.unseen", "First unseen", U32, Dec)                        \
    X(code_highestmodseq, "imap.response.code.highestmodseq", "HIGHESTMODSEQ", U64, Dec)         \
    X(code_permanentflag, "imap.response.code.permanentflag", "Permanent flag", String, None)    \
    X(code_arg, "imap.response.code.argument", "Response code argument", String, None)          \
    X(exists, "imap.exists", "Messages (EXISTS)", U32, Dec)                                      \
    X(recent, "imap.recent", "Recent (RECENT)", U32, Dec)                                        \
    X(expunge, "imap.expunge", "Expunged message", U32, Dec)                                     \
    X(list_attribute, "imap.list.attribute", "Mailbox attribute", String, None)                  \
    X(list_delimiter, "imap.list.delimiter", "Hierarchy delimiter", String, None)                \
    X(list_mailbox, "imap.list.mailbox", "Mailbox", String, None)                                \
    X(status_mailbox, "imap.status.mailbox", "Mailbox", String, None)                            \
    X(status_messages, "imap.status.messages", "Messages", U32, Dec)                             \
    X(status_recent, "imap.status.recent", "Recent", U32, Dec)                                   \
    X(status_uidnext, "imap.status.uidnext", "UIDNEXT", U32, Dec)                                \
    X(status_uidvalidity, "imap.status.uidvalidity", "UIDVALIDITY", U32, Dec)                    \
    X(status_unseen, "imap.status.unseen", "Unseen", U32, Dec)                                   \
    X(status_other, "imap.status.item", "Status item", String, None)                             \
    X(search_result, "imap.search.result", "Matching message", U32, Dec)                         \
    X(enabled, "imap.enabled", "Enabled extension", String, None)                                \
    X(quota_root, "imap.quota.root", "Quota root", String, None)                                 \
    X(quota_resource, "imap.quota.resource", "Quota resource", String, None)                     \
    X(quota_usage, "imap.quota.usage", "Usage", U64, Dec)                                        \
    X(quota_limit, "imap.quota.limit", "Limit", U64, Dec)                                        \
    X(fetch_msn, "imap.fetch.msn", "Message sequence number", U32, Dec)                          \
    X(fetch_uid, "imap.fetch.uid", "UID", U32, Dec)                                              \
    X(fetch_size, "imap.fetch.rfc822_size", "RFC822.SIZE", U64, Dec)                             \
    X(fetch_internaldate, "imap.fetch.internaldate", "INTERNALDATE", String, None)               \
    X(fetch_modseq, "imap.fetch.modseq", "MODSEQ", U64, Dec)                                     \
    X(fetch_section, "imap.fetch.section", "Section", String, None)                              \
    X(fetch_data, "imap.fetch.data", "Section data", String, None)                               \
    X(fetch_other, "imap.fetch.item", "Fetch item", String, None)                                \
    X(envelope, "imap.envelope", "Envelope", None, None)                                         \
    X(env_date, "imap.envelope.date", "Date", String, None)                                      \
    X(env_subject, "imap.envelope.subject", "Subject", String, None)                             \
    X(env_from, "imap.envelope.from", "From", String, None)                                      \
    X(env_sender, "imap.envelope.sender", "Sender", String, None)                                \
    X(env_reply_to, "imap.envelope.reply_to", "Reply-To", String, None)                          \
    X(env_to, "imap.envelope.to", "To", String, None)                                            \
    X(env_cc, "imap.envelope.cc", "Cc", String, None)                                            \
    X(env_bcc, "imap.envelope.bcc", "Bcc", String, None)                                         \
    X(env_in_reply_to, "imap.envelope.in_reply_to", "In-Reply-To", String, None)                 \
    X(env_message_id, "imap.envelope.message_id", "Message-ID", String, None)                    \
    X(bodystructure, "imap.bodystructure", "Body structure", None, None)                         \
    X(bs_part, "imap.bodystructure.part", "Part", String, None)                                  \
    X(bs_type, "imap.bodystructure.type", "Media type", String, None)                            \
    X(bs_subtype, "imap.bodystructure.subtype", "Media subtype", String, None)                   \
    X(bs_param, "imap.bodystructure.param", "Parameter", String, None)                           \
    X(bs_id, "imap.bodystructure.id", "Content-ID", String, None)                                \
    X(bs_description, "imap.bodystructure.description", "Content-Description", String, None)     \
    X(bs_encoding, "imap.bodystructure.encoding", "Content-Transfer-Encoding", String, None)     \
    X(bs_size, "imap.bodystructure.size", "Size", U64, Dec)                                      \
    X(bs_lines, "imap.bodystructure.lines", "Lines", U64, Dec)                                   \
    X(bs_disposition, "imap.bodystructure.disposition", "Content-Disposition", String, None)     \
    X(literal_size, "imap.literal.size", "Literal size", U64, Dec)                               \
    X(literal_nonsync, "imap.literal.non_synchronizing", "Non-synchronizing literal", Boolean, None) \
    X(literal_binary, "imap.literal.binary", "Binary literal (~)", Boolean, None)                \
    X(literal_data, "imap.literal.data", "Literal data", None, None)                              \
    X(message, "imap.message", "Message", None, None)                                            \
    X(message_length, "imap.message.length", "Message length", U64, Dec)                         \
    X(tls_data, "imap.tls_data", "Encrypted data (TLS after STARTTLS)", None, None)              \
    X(compressed, "imap.compressed", "Compressed data (COMPRESS=DEFLATE)", None, None)           \
    X(decompressed_length, "imap.decompressed.length", "Decompressed length", U64, Dec)

#define MS_IMAP_EXPERTS(X)                                                                       \
    X(response_no, "imap.response.no", ResponseCode, Note, "NO response")                        \
    X(response_bad, "imap.response.bad", ResponseCode, Warn, "BAD response")                     \
    X(tag_reused, "imap.tag_reused", Sequence, Warn, "Tag reused while a command with it is in flight") \
    X(unknown_tag, "imap.response.unmatched", Sequence, Warn, "Response tag was never sent")     \
    X(bad_state, "imap.request.bad_state", Protocol, Warn, "Command not valid in the current state") \
    X(unknown_command, "imap.request.unknown", RequestCode, Note, "Unknown command")             \
    X(literal_cut, "imap.literal.cut", Malformed, Warn,                                          \
      "Literal larger than what followed before the connection ended")                          \
    X(literal_huge, "imap.literal.over_32bit", Protocol, Warn,                                   \
      "Literal size over 2^32 (IMAP4rev1 sizes are 32-bit)")                                    \
    X(literal_bad_size, "imap.literal.bad_size", Malformed, Error, "Literal size out of range")  \
    X(literal_not_sent, "imap.literal.not_sent", Sequence, Note,                                 \
      "Synchronizing literal not sent: the command was rejected")                               \
    X(cleartext_login, "imap.cleartext_login", Security, Note, "Cleartext login")                \
    X(login_disabled, "imap.login_disabled", Security, Warn,                                     \
      "Cleartext login although the server advertised LOGINDISABLED")                           \
    X(gap, "imap.gap", Sequence, Warn, "Bytes missing from the stream")                          \
    X(after_gap, "imap.gap.resync", Sequence, Note, "First line after a gap (may be the tail of a lost line)") \
    X(too_deep, "imap.nesting_too_deep", Malformed, Note, "Parenthesized lists nested too deeply") \
    X(too_many_tokens, "imap.too_many_tokens", Undecoded, Note, "Too many tokens: the rest is not decoded") \
    X(truncated_line, "imap.line_truncated", Malformed, Warn, "Line longer than the line limit, truncated") \
    X(bare_lf, "imap.bare_lf", Protocol, Note, "Line ended by a bare LF (IMAP uses CRLF)")      \
    X(malformed, "imap.malformed", Malformed, Warn, "Malformed IMAP syntax")                     \
    X(bad_utf7, "imap.mailbox.bad_utf7", Malformed, Warn, "Mailbox name is not valid modified UTF-7") \
    X(inflate_error, "imap.compress.error", Malformed, Error, "Deflate stream corrupt: the rest cannot be decompressed") \
    X(inflate_limit, "imap.compress.limit", Reassemble, Warn, "Decompressed data over the decode limit") \
    X(starttls, "imap.starttls", Security, Chat, "STARTTLS accepted: the rest of the connection is TLS") \
    X(compress, "imap.compress", Protocol, Chat, "COMPRESS accepted: the rest of the connection is deflate-compressed") \
    X(too_many_pending, "imap.pipelining_limit", Protocol, Warn, "Too many commands waiting for responses") \
    X(base64_decode, "imap.base64_decode", Protocol, Warn, "base64 decode failed")               \
    X(unterminated, "imap.line_unterminated", Malformed, Note, "Line cut by the end of the stream") \
    X(bye, "imap.response.bye", ResponseCode, Chat, "Server closes the connection (BYE)")

MS_DECLARE_FIELDS(imap_fields, MS_IMAP_FIELDS)
MS_DECLARE_EXPERTS(imap_experts, MS_IMAP_EXPERTS)
