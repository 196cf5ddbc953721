// Every field and expert item the SMTP dissector adds. Wireshark's names,
// labels and types where Wireshark has the field; the rest under "smtp.".
#pragma once

#include "dissectors/core/field_registry.hpp"

// Value tables named here are defined in smtp_fields.cpp.
#define MS_SMTP_FIELDS(X)                                                                      \
    X(proto, "smtp", "Simple Mail Transfer Protocol", Protocol, None)                          \
    X(req, "smtp.req", "Request", Boolean, None)                                               \
    X(rsp, "smtp.rsp", "Response", Boolean, None)                                              \
    X(message, "smtp.message", "Message", String, None)                                        \
    X(command_line, "smtp.command_line", "Command Line", String, None)                         \
    X(req_command, "smtp.req.command", "Command", String, None)                                \
    X(req_parameter, "smtp.req.parameter", "Request parameter", String, None)                  \
    X(response, "smtp.response", "Response", String, None)                                     \
    X(response_code, "smtp.response.code", "Response code", U32, Dec, kReplyCodeNames)         \
    X(rsp_parameter, "smtp.rsp.parameter", "Response parameter", String, None)                 \
    X(auth_username, "smtp.auth.username", "Username", String, None)                           \
    X(auth_password, "smtp.auth.password", "Password", String, None)                           \
    X(auth_username_password, "smtp.auth.username_password", "Username/Password", String, None) \
    X(eom, "smtp.eom", "EOM", None, None)                                                      \
    X(data_fragments, "smtp.data.fragments", "DATA fragments", None, None)                     \
    X(data_fragment, "smtp.data.fragment", "DATA fragment", FrameNum, None)                    \
    X(data_fragment_count, "smtp.data.fragment.count", "DATA fragment count", U32, Dec)        \
    X(data_reassembled_in, "smtp.data.reassembled.in", "Reassembled DATA in frame", FrameNum, None) \
    X(data_reassembled_length, "smtp.data.reassembled.length", "Reassembled DATA length", U32, Dec) \
    /* mailscope additions */                                                                  \
    X(response_in, "smtp.response_in", "Response In", FrameNum, None)                          \
    X(response_to, "smtp.response_to", "Request In", FrameNum, None)                           \
    X(time, "smtp.time", "Response Time", RelTime, None)                                       \
    X(code_class, "smtp.response.code.class", "Reply class", U8, Dec, kCodeClassNames)         \
    X(code_category, "smtp.response.code.category", "Reply category", U8, Dec, kCodeCategoryNames) \
    X(code_detail, "smtp.response.code.detail", "Reply detail", U8, Dec)                       \
    X(enhanced, "smtp.response.enhanced", "Enhanced status code", String, None)                \
    X(enhanced_class, "smtp.response.enhanced.class", "Class", U8, Dec, kEnhancedClassNames)   \
    X(enhanced_subject, "smtp.response.enhanced.subject", "Subject", U16, Dec, kEnhancedSubjectNames) \
    X(enhanced_detail, "smtp.response.enhanced.detail", "Detail", U16, Dec)                    \
    X(ehlo_extension, "smtp.ehlo.extension", "Extension", String, None)                        \
    X(ehlo_extension_param, "smtp.ehlo.extension.param", "Extension parameter", String, None)  \
    X(ehlo_domain, "smtp.ehlo.domain", "Server domain", String, None)                          \
    X(req_domain, "smtp.req.domain", "Client domain", String, None)                            \
    X(reverse_path, "smtp.req.reverse_path", "Reverse path", String, None)                     \
    X(forward_path, "smtp.req.forward_path", "Forward path", String, None)                     \
    X(esmtp_param, "smtp.req.esmtp_param", "ESMTP parameter", String, None)                    \
    X(param_size, "smtp.req.size", "Message size", U64, Dec)                                   \
    X(param_body, "smtp.req.body", "Body type", String, None)                                  \
    X(param_smtputf8, "smtp.req.smtputf8", "SMTPUTF8", Boolean, None)                          \
    X(param_auth, "smtp.req.auth", "Submitter (AUTH)", String, None)                           \
    X(param_ret, "smtp.req.ret", "DSN return (RET)", String, None)                             \
    X(param_envid, "smtp.req.envid", "DSN envelope id (ENVID)", String, None)                  \
    X(param_notify, "smtp.req.notify", "DSN notify (NOTIFY)", String, None)                    \
    X(param_orcpt, "smtp.req.orcpt", "Original recipient (ORCPT)", String, None)               \
    X(bdat_size, "smtp.bdat.size", "Chunk size", U64, Dec)                                     \
    X(bdat_last, "smtp.bdat.last", "Last chunk", Boolean, None)                                \
    X(auth_mechanism, "smtp.auth.mechanism", "Mechanism", String, None)                        \
    X(auth_data, "smtp.auth.data", "Decoded AUTH data", String, None)                          \
    X(auth_challenge, "smtp.auth.challenge", "Decoded challenge", String, None)                \
    X(auth_digest, "smtp.auth.digest", "CRAM-MD5 digest", String, None)                        \
    X(auth_token, "smtp.auth.token", "OAuth token", String, None)                              \
    X(auth_authzid, "smtp.auth.authzid", "Authorization identity", String, None)               \
    X(xclient_attr, "smtp.req.xclient_attr", "XCLIENT/XFORWARD attribute", String, None)       \
    X(address, "smtp.address", "Address", String, None)                                        \
    X(message_bytes, "smtp.data.message", "Message", None, None)                               \
    X(message_length, "smtp.data.message.length", "Message length", U64, Dec)                  \
    X(tls_data, "smtp.tls_data", "Encrypted data (TLS after STARTTLS)", None, None)

#define MS_SMTP_EXPERTS(X)                                                                     \
    X(rsp_code_unexpected, "smtp.response.code.unexpected", Protocol, Warn,                   \
      "Unexpected response code in multiline response")                                       \
    X(base64_decode, "smtp.base64_decode", Protocol, Warn, "base64 decode failed")             \
    X(reply_error, "smtp.response.error", ResponseCode, Note, "Error reply")                   \
    X(unknown_command, "smtp.req.unknown", RequestCode, Warn, "Unknown command")               \
    X(out_of_order, "smtp.req.out_of_order", Sequence, Warn, "Command out of order")           \
    X(long_line, "smtp.line_too_long", Malformed, Warn, "Line longer than 1000 octets")        \
    X(truncated_line, "smtp.line_truncated", Malformed, Warn, "Line longer than the line limit, truncated") \
    X(bare_lf, "smtp.bare_lf", Protocol, Warn, "Bare LF (line not ended by CRLF)")             \
    X(bare_cr, "smtp.bare_cr", Protocol, Warn, "Bare CR inside a line")                        \
    X(after_quit, "smtp.data_after_quit", Sequence, Warn, "Data after QUIT")                   \
    X(unterminated_message, "smtp.message.unterminated", Malformed, Warn,                      \
      "Message never ended (connection closed in DATA/BDAT)")                                  \
    X(bad_bdat, "smtp.bdat.bad_size", Malformed, Error, "Bad BDAT chunk size")                 \
    X(pipelining, "smtp.pipelining_unannounced", Protocol, Note,                               \
      "Commands pipelined although the server did not announce PIPELINING")                   \
    X(too_many_pending, "smtp.pipelining_limit", Protocol, Warn,                               \
      "Too many pipelined commands waiting for replies")                                      \
    X(vrfy_answered, "smtp.vrfy_answered", Security, Note, "VRFY/EXPN answered (address disclosed)") \
    X(gap, "smtp.gap", Sequence, Warn, "Bytes missing from the stream")                        \
    X(line_after_gap, "smtp.gap.partial_line", Sequence, Note, "Partial line after a gap skipped") \
    X(message_too_big, "smtp.message.too_big", Reassemble, Note,                               \
      "Message larger than the decode limit: shown in part")                                  \
    X(bad_reply, "smtp.response.malformed", Malformed, Warn, "Malformed reply line")           \
    X(unmatched_reply, "smtp.response.unmatched", Sequence, Note, "Reply without a request")   \
    X(starttls, "smtp.starttls", Security, Chat, "STARTTLS accepted: the rest of the connection is TLS") \
    X(bad_param, "smtp.req.bad_parameter", Malformed, Warn, "Malformed command parameter")

MS_DECLARE_FIELDS(smtp_fields, MS_SMTP_FIELDS)
MS_DECLARE_EXPERTS(smtp_experts, MS_SMTP_EXPERTS)
