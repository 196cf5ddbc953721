// IMAP stream parser (tokenizer, literals, COMPRESS=DEFLATE, FETCH bodies):
// client and server bytes in fuzzer-chosen chunks, the messages handed on
// to the real message layer.
#include "dissectors/imap/imap_protocol.hpp"
#include "dissectors/message_layer_sink.hpp"
#include "fuzz/stream_fuzz.hpp"

namespace {
std::unique_ptr<ms::StreamDissector> make(const ms::ConnectionInfo& conn) {
    return ms::imap::create_dissector(conn, &ms::make_message_layer_sink);
}
const char* const kSelected[] = {"imap.request.command", "imap.response.status", "imap.request.tag",
                                 "imf.subject", nullptr};
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    ms::fuzz::run_stream_script(data, size, &make, 143, kSelected);
    return 0;
}
