// SMTP stream parser: client and server bytes in fuzzer-chosen chunks, the
// messages it carries handed on to the real message layer.
#include "dissectors/message_layer_sink.hpp"
#include "dissectors/smtp/smtp_protocol.hpp"
#include "fuzz/stream_fuzz.hpp"

namespace {
std::unique_ptr<ms::StreamDissector> make(const ms::ConnectionInfo& conn) {
    return ms::smtp::create_dissector(conn, ms::make_message_layer_sink());
}
const char* const kSelected[] = {"smtp.req.command", "smtp.response.code", "smtp.req.parameter", "imf.subject",
                                 nullptr};
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    ms::fuzz::run_stream_script(data, size, &make, 25, kSelected);
    return 0;
}
