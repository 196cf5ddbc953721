#include "ui/frame_dissection.hpp"

namespace ms::ui {

std::unique_ptr<FrameDissection> FrameDissection::run(const std::string& path, uint64_t number, uint64_t full_from,
                                                      std::string& error, const WalkControl& control) {
    auto d = std::unique_ptr<FrameDissection>(new FrameDissection);
    if (!d->walk_.open(path, error)) return nullptr;
    if (full_from == 0 || full_from > number) full_from = number;
    FrameContext& ctx = d->walk_.ctx();
    ctx.tree.keep_only({});
    while (d->walk_.frames_read() < number) {
        if (control.should_stop(d->walk_)) {
            error = "cancelled";
            return nullptr;
        }
        if (d->walk_.frames_read() + 1 == full_from) ctx.tree.keep_all();
        if (!d->walk_.next()) {
            error = d->walk_.error().empty() ? "frame " + std::to_string(number) + " is not in the file"
                                             : d->walk_.error();
            return nullptr;
        }
    }
    d->number_ = number;
    return d;
}

}  // namespace ms::ui
