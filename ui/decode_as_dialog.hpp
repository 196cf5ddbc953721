// Analyze > Decode As…: the Decode As rules in force, and a row to add one
// ("TCP port [2526] as [SMTP]"). Accepting hands the new rule to the main
// window, which re-dissects the open capture with it.
#pragma once

#include <QDialog>

#include "ui/decode_as.hpp"

class QComboBox;
class QSpinBox;
class QTableWidget;

namespace ms::ui {

class DecodeAsDialog : public QDialog {
    Q_OBJECT
public:
    explicit DecodeAsDialog(QWidget* parent = nullptr);

    // The rule being added (what OK applies).
    DecodeAsRule rule() const;
    void setRule(const DecodeAsRule& r);
    QTableWidget* activeTable() const { return active_; }

private:
    QTableWidget* active_;
    QSpinBox* port_;
    QComboBox* protocol_;
};

}  // namespace ms::ui
