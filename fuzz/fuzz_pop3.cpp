// POP3 stream parser: client and server bytes in fuzzer-chosen chunks, the
// RETR/TOP messages handed on to the real message layer.
#include "dissectors/message_layer_sink.hpp"
#include "dissectors/pop3/pop3_protocol.hpp"
#include "fuzz/stream_fuzz.hpp"

namespace {
std::unique_ptr<ms::StreamDissector> make(const ms::ConnectionInfo& conn) {
    return ms::pop3::create_dissector(conn, ms::make_message_layer_sink());
}
const char* const kSelected[] = {"pop.request.command", "pop.response.indicator", "pop.request.parameter",
                                 "imf.subject", nullptr};
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    ms::fuzz::run_stream_script(data, size, &make, 110, kSelected);
    return 0;
}
