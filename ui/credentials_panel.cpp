#include "ui/credentials_panel.hpp"

#include <QCheckBox>
#include <QHeaderView>
#include <QTableWidget>
#include <QVBoxLayout>

namespace ms::ui {

CredentialsPanel::CredentialsPanel(QWidget* parent) : QWidget(parent) {
    table_ = new QTableWidget(0, 7, this);
    table_->setHorizontalHeaderLabels(
        {tr("Frame"), tr("Protocol"), tr("Server"), tr("Mechanism"), tr("Username"), tr("Password"), tr("Result")});
    table_->setSelectionBehavior(QAbstractItemView::SelectRows);
    table_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table_->verticalHeader()->hide();
    table_->horizontalHeader()->setStretchLastSection(true);
    show_ = new QCheckBox(tr("Show passwords"), this);
    auto* l = new QVBoxLayout(this);
    l->setContentsMargins(0, 0, 0, 0);
    l->addWidget(table_);
    l->addWidget(show_);
    connect(show_, &QCheckBox::toggled, this, [this] { render(); });
    connect(table_, &QTableWidget::cellDoubleClicked, this, [this](int row, int) {
        if (row >= 0 && std::size_t(row) < creds_.size()) emit goToFrame(creds_[std::size_t(row)].frame);
    });
}

void CredentialsPanel::setCredentials(std::vector<CredentialRecord> creds) {
    creds_ = std::move(creds);
    render();
}

void CredentialsPanel::setShowPasswords(bool show) { show_->setChecked(show); }

void CredentialsPanel::render() {
    table_->setRowCount(int(creds_.size()));
    for (int r = 0; r < int(creds_.size()); ++r) {
        const auto& c = creds_[std::size_t(r)];
        auto q = [](const std::string& s) { return QString::fromUtf8(s.data(), qsizetype(s.size())); };
        QString pw = show_->isChecked() ? q(c.password) : QString(c.password.empty() ? 0 : 8, QChar(0x2022));
        const QString verdict = c.verdict == LoginVerdict::Accepted   ? tr("accepted (frame %1)").arg(c.verdict_frame)
                                : c.verdict == LoginVerdict::Rejected ? tr("rejected (frame %1)").arg(c.verdict_frame)
                                                                      : QString();
        const QString cells[] = {QString::number(c.frame), q(c.protocol), q(c.server),   q(c.mechanism),
                                 q(c.username),            pw,            verdict};
        for (int col = 0; col < 7; ++col) table_->setItem(r, col, new QTableWidgetItem(cells[col]));
    }
    table_->resizeColumnsToContents();
}

}  // namespace ms::ui
