// The display filter bar: an editable combo box with the filter history.
// The text is compiled as it is typed (green = valid, red = error, with
// tshark's message below), field names complete from the registry, and
// Enter or Apply emits the filter.
#pragma once

#include <QStringListModel>
#include <QWidget>

class QComboBox;
class QCompleter;
class QLabel;
class QLineEdit;
class QPushButton;

namespace ms::ui {

class FilterBar : public QWidget {
    Q_OBJECT
public:
    explicit FilterBar(QWidget* parent = nullptr);

    QString text() const;
    void setText(const QString& text);
    // Validates the current text; empty = valid (the message otherwise).
    QString validate();
    bool isValid() const { return valid_; }
    QString errorText() const;
    QLineEdit* lineEdit() const;
    QStringList history() const;
    void setHistory(const QStringList& h);

signals:
    void applyRequested(const QString& filter);

private slots:
    void onEdited(const QString& text);
    void onApply();

private:
    void updateCompletions(const QString& text);

    QComboBox* combo_;
    QPushButton* apply_;
    QPushButton* clear_;
    QLabel* error_;
    QCompleter* completer_;
    QStringListModel completions_;
    bool valid_ = true;
};

}  // namespace ms::ui
