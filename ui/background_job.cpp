#include "ui/background_job.hpp"

namespace ms::ui {

BackgroundJob::BackgroundJob(Work work, QObject* parent) : QThread(parent), work_(std::move(work)) {}

BackgroundJob::~BackgroundJob() {
    // Deleting a running QThread aborts the program: stop and join first.
    cancel();
    wait();
}

void BackgroundJob::run() {
    int last = -2;
    WalkControl control;
    control.cancel = &cancel_;
    control.progress = [this, &last](int permille) {
        if (permille != last) emit progress(last = permille);
    };
    work_(control);
}

}  // namespace ms::ui
