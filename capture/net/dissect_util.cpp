#include "capture/net/dissect_util.hpp"

namespace ms {

void add_data_node(FrameContext& ctx, std::span<const uint8_t> buf, uint64_t offset, uint64_t length,
                   SourceId source) {
    if (length == 0 || offset >= buf.size()) return;
    if (length > buf.size() - offset) length = buf.size() - offset;
    // The core registers these three with the registry itself.
    static const FieldId data_proto = FieldRegistry::global().find("data");
    static const FieldId data_data = FieldRegistry::global().find("data.data");
    static const FieldId data_len = FieldRegistry::global().find("data.len");
    if (data_proto == kNoField) return;
    auto& t = ctx.tree;
    ByteRange r = byte_range(offset, length, source);
    NodeRef d = t.add_none(t.root(), data_proto, r);
    set_label_if(ctx, d, strf("Data (%llu bytes)", static_cast<unsigned long long>(length)));
    if (data_data != kNoField) t.add_bytes(d, data_data, r, buf.subspan(offset, length));
    if (data_len != kNoField) t.set_generated(t.add_uint(d, data_len, r, length));
}

}  // namespace ms
