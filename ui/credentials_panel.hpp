// The Credentials panel: user names and passwords sent in clear (SMTP AUTH,
// POP3 USER/PASS, IMAP LOGIN), passwords masked until "Show" is checked.
#pragma once

#include <QWidget>
#include <vector>

#include "ui/capture_records.hpp"

class QCheckBox;
class QTableWidget;

namespace ms::ui {

class CredentialsPanel : public QWidget {
    Q_OBJECT
public:
    explicit CredentialsPanel(QWidget* parent = nullptr);
    void setCredentials(std::vector<CredentialRecord> creds);
    void setShowPasswords(bool show);
    QTableWidget* table() const { return table_; }

signals:
    void goToFrame(quint64 frame);

private:
    void render();
    std::vector<CredentialRecord> creds_;
    QTableWidget* table_;
    QCheckBox* show_;
};

}  // namespace ms::ui
