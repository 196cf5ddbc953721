// Every field and expert item of the message layer. Wireshark's names,
// labels and types where Wireshark has them (packet-imf.c, packet-multipart.c);
// mailscope's additions under imf.* and mime_multipart.*.
#pragma once

#include "dissectors/core/field_registry.hpp"

#define MS_IMF_FIELDS(X)                                                                              \
    X(proto, "imf", "Internet Message Format", Protocol, None)                                        \
    X(date, "imf.date", "Date", String, None)                                                         \
    X(from, "imf.from", "From", String, None)                                                         \
    X(sender, "imf.sender", "Sender", String, None)                                                   \
    X(reply_to, "imf.reply_to", "Reply-To", String, None)                                             \
    X(to, "imf.to", "To", String, None)                                                               \
    X(cc, "imf.cc", "Cc", String, None)                                                               \
    X(bcc, "imf.bcc", "Bcc", String, None)                                                            \
    X(message_id, "imf.message_id", "Message-ID", String, None)                                       \
    X(in_reply_to, "imf.in_reply_to", "In-Reply-To", String, None)                                    \
    X(references, "imf.references", "References", String, None)                                       \
    X(subject, "imf.subject", "Subject", String, None)                                                \
    X(comments, "imf.comments", "Comments", String, None)                                             \
    X(user_agent, "imf.user_agent", "User-Agent", String, None)                                       \
    X(keywords, "imf.keywords", "Keywords", String, None)                                             \
    X(resent_date, "imf.resent.date", "Resent-Date", String, None)                                    \
    X(resent_from, "imf.resent.from", "Resent-From", String, None)                                    \
    X(resent_sender, "imf.resent.sender", "Resent-Sender", String, None)                              \
    X(resent_to, "imf.resent.to", "Resent-To", String, None)                                          \
    X(resent_cc, "imf.resent.cc", "Resent-Cc", String, None)                                          \
    X(resent_bcc, "imf.resent.bcc", "Resent-Bcc", String, None)                                       \
    X(resent_message_id, "imf.resent.message_id", "Resent-Message-ID", String, None)                  \
    X(return_path, "imf.return_path", "Return-Path", String, None)                                    \
    X(received, "imf.received", "Received", String, None)                                             \
    X(content_type, "imf.content.type", "Content-Type", String, None)                                 \
    X(content_type_type, "imf.content.type.type", "Type", String, None)                               \
    X(content_type_parameters, "imf.content.type.parameters", "Parameters", String, None)             \
    X(content_description, "imf.content.description", "Content-Description", String, None)            \
    X(content_id, "imf.content.id", "Content-ID", String, None)                                       \
    X(content_transfer_encoding, "imf.content.transfer_encoding", "Content-Transfer-Encoding", String, None) \
    X(mime_version, "imf.mime_version", "MIME-Version", String, None)                                 \
    X(autoforwarded, "imf.autoforwarded", "Autoforwarded", String, None)                              \
    X(autosubmitted, "imf.autosubmitted", "Autosubmitted", String, None)                              \
    X(content_language, "imf.content_language", "Content-Language", String, None)                     \
    X(delivery_date, "imf.delivery_date", "Delivery-Date", String, None)                              \
    X(expires, "imf.expires", "Expires", String, None)                                                \
    X(importance, "imf.importance", "Importance", String, None)                                       \
    X(priority, "imf.priority", "Priority", String, None)                                             \
    X(sensitivity, "imf.sensitivity", "Sensitivity", String, None)                                    \
    X(supersedes, "imf.supersedes", "Supersedes", String, None)                                       \
    X(delivered_to, "imf.delivered_to", "Delivered-To", String, None)                                 \
    X(ext_mailer, "imf.ext.mailer", "X-Mailer", String, None)                                         \
    X(ext_mimeole, "imf.ext.mimeole", "X-MimeOLE", String, None)                                      \
    X(ext_expiry_date, "imf.ext.expiry-date", "Expiry-Date", String, None)                            \
    X(ext_tnef_correlator, "imf.ext.tnef-correlator", "X-MS-TNEF-Correlator", String, None)           \
    X(ext_uidl, "imf.ext.uidl", "X-UIDL", String, None)                                               \
    X(ext_authentication_warning, "imf.ext.authentication_warning", "X-Authentication-Warning", String, None) \
    X(ext_virus_scanned, "imf.ext.virus_scanned", "X-Virus-Scanned", String, None)                    \
    X(ext_original_to, "imf.ext.original-to", "X-Original-To", String, None)                          \
    X(thread_index, "imf.thread-index", "Thread-Index", String, None)                                 \
    X(lines, "imf.lines", "Lines", String, None)                                                      \
    X(precedence, "imf.precedence", "Precedence", String, None)                                       \
    X(extension, "imf.extension", "Unknown-Extension", String, None)                                  \
    X(extension_type, "imf.extension.type", "Type", String, None)                                     \
    X(extension_value, "imf.extension.value", "Value", String, None)                                  \
    X(display_name, "imf.display_name", "Display-Name", String, None)                                 \
    X(address, "imf.address", "Address", String, None)                                                \
    X(address_list_item, "imf.address_list.item", "Item", String, None)                               \
    X(mailbox_list_item, "imf.mailbox_list.item", "Item", String, None)                               \
    X(message_text, "imf.message_text", "Message-Text", None, None)                                   \
    /* mailscope additions */                                                                         \
    X(decoded, "imf.decoded", "Decoded", String, None)                                                \
    X(address_route, "imf.address.route", "Route", String, None)                                      \
    X(address_group, "imf.address.group", "Group", String, None)                                      \
    X(date_utc, "imf.date.utc", "Date (UTC)", AbsTime, None)                                          \
    X(msg_id, "imf.msg_id", "Msg-ID", String, None)                                                   \
    X(content_param, "imf.content.param", "Parameter", String, None)                                  \
    X(content_disposition, "imf.content.disposition", "Content-Disposition", String, None)            \
    X(received_from, "imf.received.from", "From", String, None)                                       \
    X(received_helo, "imf.received.helo", "HELO name", String, None)                                  \
    X(received_rdns, "imf.received.rdns", "Reverse DNS name", String, None)                           \
    X(received_ip, "imf.received.ip", "IP address", String, None)                                     \
    X(received_by, "imf.received.by", "By", String, None)                                             \
    X(received_via, "imf.received.via", "Via", String, None)                                          \
    X(received_with, "imf.received.with", "With", String, None)                                       \
    X(received_id, "imf.received.id", "ID", String, None)                                             \
    X(received_for, "imf.received.for", "For", String, None)                                          \
    X(received_date, "imf.received.date", "Date", AbsTime, None)                                      \
    X(received_path, "imf.received.path", "Received path", None, None)                                \
    X(received_hop, "imf.received.hop", "Hop", U32, Dec)                                              \
    X(received_delta, "imf.received.delta", "Time since previous hop", RelTime, None)                 \
    X(list_id, "imf.list_id", "List-Id", String, None)                                                \
    X(list_unsubscribe, "imf.list_unsubscribe", "List-Unsubscribe", String, None)                     \
    X(list_unsubscribe_post, "imf.list_unsubscribe_post", "List-Unsubscribe-Post", String, None)      \
    X(list_subscribe, "imf.list_subscribe", "List-Subscribe", String, None)                           \
    X(list_post, "imf.list_post", "List-Post", String, None)                                          \
    X(list_help, "imf.list_help", "List-Help", String, None)                                          \
    X(list_owner, "imf.list_owner", "List-Owner", String, None)                                       \
    X(list_archive, "imf.list_archive", "List-Archive", String, None)                                 \
    X(list_uri, "imf.list.uri", "URI", String, None)                                                  \
    X(authentication_results, "imf.authentication_results", "Authentication-Results", String, None)   \
    X(auth_serv_id, "imf.authentication_results.authserv_id", "Authserv-Id", String, None)           \
    X(auth_result, "imf.authentication_results.result", "Result", String, None)                      \
    X(dkim_signature, "imf.dkim_signature", "DKIM-Signature", String, None)                           \
    X(dkim_tag, "imf.dkim_signature.tag", "Tag", String, None)                                        \
    X(dkim_domain, "imf.dkim_signature.domain", "Domain", String, None)                               \
    X(dkim_selector, "imf.dkim_signature.selector", "Selector", String, None)                         \
    X(received_spf, "imf.received_spf", "Received-SPF", String, None)                                 \
    X(received_spf_result, "imf.received_spf.result", "Result", String, None)                         \
    X(x_originating_ip, "imf.x_originating_ip", "X-Originating-IP", String, None)                     \
    X(body, "imf.body", "Body", None, None)                                                           \
    X(body_path, "imf.body.path", "Part", String, None)                                               \
    X(body_declared_type, "imf.body.declared_type", "Declared type", String, None)                    \
    X(body_detected_type, "imf.body.detected_type", "Detected type", String, None)                    \
    X(body_filename, "imf.body.filename", "Filename", String, None)                                   \
    X(body_encoding, "imf.body.encoding", "Transfer encoding", String, None)                          \
    X(body_charset, "imf.body.charset", "Charset", String, None)                                      \
    X(body_size, "imf.body.size", "Decoded size", U64, Dec)                                           \
    X(body_raw_size, "imf.body.raw_size", "Encoded size", U64, Dec)                                   \
    X(body_md5, "imf.body.md5", "MD5", String, None)                                                  \
    X(body_sha256, "imf.body.sha256", "SHA-256", String, None)                                        \
    X(body_text, "imf.body.text", "Text", String, None)                                               \
    X(duplicate_of, "imf.message_id.duplicate_of", "Same Message-ID as the message in frame", FrameNum, None)
MS_DECLARE_FIELDS(imf_fields, MS_IMF_FIELDS)

#define MS_MIME_FIELDS(X)                                                                             \
    X(proto, "mime_multipart", "MIME Multipart Media Encapsulation", Protocol, None)                  \
    X(type, "mime_multipart.type", "Type", String, None)                                              \
    X(part, "mime_multipart.part", "Encapsulated multipart part", String, None)                       \
    X(header_content_description, "mime_multipart.header.content-description", "Content-Description", String, None) \
    X(header_content_disposition, "mime_multipart.header.content-disposition", "Content-Disposition", String, None) \
    X(header_content_encoding, "mime_multipart.header.content-encoding", "Content-Encoding", String, None) \
    X(header_content_id, "mime_multipart.header.content-id", "Content-Id", String, None)              \
    X(header_content_language, "mime_multipart.header.content-language", "Content-Language", String, None) \
    X(header_content_length, "mime_multipart.header.content-length", "Content-Length", String, None)  \
    X(header_content_transfer_encoding, "mime_multipart.header.content-transfer-encoding", "Content-Transfer-Encoding", String, None) \
    X(header_content_type, "mime_multipart.header.content-type", "Content-Type", String, None)        \
    X(first_boundary, "mime_multipart.first_boundary", "First boundary", String, None)                \
    X(preamble, "mime_multipart.preamble", "Preamble", Bytes, None)                                   \
    X(last_boundary, "mime_multipart.last_boundary", "Last boundary", String, None)                   \
    X(boundary, "mime_multipart.boundary", "Boundary", String, None)                                  \
    X(trailer, "mime_multipart.trailer", "Trailer", Bytes, None)                                      \
    /* mailscope additions */                                                                         \
    X(header_other, "mime_multipart.header.other", "Header", String, None)                            \
    X(boundary_param, "mime_multipart.boundary_parameter", "Boundary parameter", String, None)
MS_DECLARE_FIELDS(mime_fields, MS_MIME_FIELDS)

#define MS_IMF_EXPERTS(X)                                                                             \
    X(header_limit, "imf.header.limit", Reassemble, Note,                                             \
      "Header block larger than imf.max_header_bytes: the rest is not stored")                       \
    X(header_line_long, "imf.header.line_too_long", Malformed, Note,                                  \
      "Header line longer than imf.max_header_bytes: shown in part")                                 \
    X(header_malformed, "imf.header.malformed", Malformed, Warn,                                      \
      "Line in the header block is not a header field: the body starts here")                        \
    X(encoded_word_bad, "imf.encoded_word.malformed", Malformed, Warn,                                \
      "Malformed RFC 2047 encoded word (left as written)")                                           \
    X(address_bad, "imf.address.malformed", Malformed, Warn, "Address list could not be fully parsed") \
    X(date_bad, "imf.date.malformed", Malformed, Warn, "Date could not be parsed")                    \
    X(received_backwards, "imf.received.backwards", Sequence, Warn,                                   \
      "Received date earlier than the previous hop's")                                               \
    X(received_future, "imf.received.future", Sequence, Warn,                                         \
      "Received date later than the capture time of the frame that carried the message")             \
    X(received_skew, "imf.received.skew", Sequence, Note,                                             \
      "Topmost Received date far earlier than the capture time")                                     \
    X(received_by_not_client, "imf.received.by_not_client", Protocol, Note,                           \
      "Topmost Received was added by another host than the SMTP client named in HELO/EHLO")          \
    X(received_helo_mismatch, "imf.received.helo_mismatch", Security, Warn,                           \
      "Received HELO name differs from the HELO/EHLO seen on the wire")                              \
    X(received_ip_mismatch, "imf.received.ip_mismatch", Security, Warn,                               \
      "Received client address differs from the TCP client seen on the wire")                        \
    X(received_by_not_server, "imf.received.by_not_server", Protocol, Note,                           \
      "No Received names the SMTP server seen on the wire as its by host")                           \
    X(duplicate_message_id, "imf.message_id.duplicate", Sequence, Note,                               \
      "Message-ID already seen in an earlier message of the capture")                                \
    X(duplicate_check_stopped, "imf.message_id.duplicate_check_stopped", Reassemble, Note,            \
      "Too many Message-IDs to remember: duplicates are no longer checked")                          \
    X(truncated, "imf.truncated", Malformed, Warn, "Message cut before its end")                     \
    X(charset_unknown, "imf.charset.unknown", Undecoded, Note, "Unknown charset: text shown as UTF-8") \
    X(charset_invalid, "imf.charset.invalid", Malformed, Note, "Invalid bytes for the declared charset") \
    X(text_truncated, "imf.body.text_truncated", Reassemble, Note, "Decoded text longer than kept: shown in part") \
    X(type_mismatch, "imf.body.type_mismatch", Security, Warn, "Declared type disagrees with the content") \
    X(mime_max_depth, "mime_multipart.max_depth", Reassemble, Note,                                   \
      "Nested deeper than mime.max_depth: shown raw")                                                \
    X(mime_max_parts, "mime_multipart.max_parts", Reassemble, Note,                                   \
      "More parts than mime.max_parts: the rest is shown raw")                                       \
    X(mime_max_decoded, "mime_multipart.max_decoded", Reassemble, Note,                               \
      "Decoded bytes over mime.max_decoded_bytes: decoding stopped")                                 \
    X(no_boundary, "mime_multipart.no_required_parameter", Protocol, Warn,                            \
      "The multipart dissector could not find a required parameter.")                                \
    X(no_close, "mime_multipart.no_close_delimiter", Malformed, Warn,                                 \
      "Multipart ends without its close delimiter")                                                  \
    X(after_close, "mime_multipart.part_after_close", Protocol, Warn,                                 \
      "Part after the close delimiter")                                                              \
    X(long_boundary, "mime_multipart.boundary_too_long", Protocol, Note,                              \
      "Boundary longer than RFC 2046's 70 characters")                                               \
    X(bad_base64, "mime_multipart.base64.invalid", Malformed, Warn,                                   \
      "Invalid characters in base64 body (skipped)")                                                 \
    X(bad_base64_padding, "mime_multipart.base64.padding", Malformed, Note,                           \
      "base64 body has misplaced padding or a dangling character")                                   \
    X(bad_qp, "mime_multipart.qp.invalid", Malformed, Note,                                           \
      "Invalid quoted-printable escapes (kept as written)")                                          \
    X(bad_uu, "mime_multipart.uu.invalid", Malformed, Note, "Invalid uuencoded lines")                \
    X(unknown_encoding, "mime_multipart.encoding.unknown", Undecoded, Note,                           \
      "Unknown Content-Transfer-Encoding: body shown undecoded")
MS_DECLARE_EXPERTS(imf_experts, MS_IMF_EXPERTS)

namespace ms::imf {
// Registers imf_fields, mime_fields and imf_experts (idempotent).
void register_message_fields(ms::FieldRegistry& reg);
}  // namespace ms::imf
