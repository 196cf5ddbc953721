// The display filter bar: an editable combo box with the filter history.
// The text is compiled as it is typed (green = valid, red = error, with
// tshark's message below), field names complete from the registry, and
// Enter or Apply emits the filter. The "+" saves the filter as a button in
// the row below (Wireshark's filter buttons), kept in QSettings.
#pragma once

#include <QList>
#include <QStringListModel>
#include <QWidget>

#include "ui/saved_filters.hpp"

class QAction;
class QMenu;
class QToolBar;
class QToolButton;

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
    ~FilterBar() override;

    QString text() const;
    void setText(const QString& text);
    // Validates the current text; empty = valid (the message otherwise).
    QString validate();
    bool isValid() const { return valid_; }
    QString errorText() const;
    QLineEdit* lineEdit() const;
    QStringList history() const;
    void setHistory(const QStringList& h);

    // Saved filter buttons. Each change is written to QSettings at once; a
    // new bar loads them. The add/edit/remove calls refuse what
    // SavedFilters refuses (false + *error) and are what the dialogs use.
    const SavedFilters& savedFilters() const { return saved_; }
    int savedFilterCount() const { return saved_.size(); }
    QToolButton* savedFilterButton(int i) const;
    QToolButton* saveFilterButton() const { return save_; }  // the "+"
    bool addSavedFilter(const QString& label, const QString& filter, QString* error = nullptr);
    bool editSavedFilter(int i, const QString& label, const QString& filter, QString* error = nullptr);
    bool removeSavedFilter(int i);
    // Puts button i's filter in the bar and applies it, as a click does.
    void applySavedFilter(int i);
    // The context menu of button i (Edit…, Remove); the caller owns it.
    QMenu* savedFilterMenu(int i);

signals:
    void applyRequested(const QString& filter);

private slots:
    void onEdited(const QString& text);
    void onApply();
    void onSaveFilter();

private:
    void updateCompletions(const QString& text);
    void rebuildSavedButtons();
    void storeSavedFilters() const;
    void editSavedFilterDialog(int i);

    QComboBox* combo_;
    QPushButton* apply_;
    QPushButton* clear_;
    QToolButton* save_;
    QToolBar* saved_row_;
    QList<QAction*> saved_actions_;  // one per saved filter, in order
    SavedFilters saved_;
    QLabel* error_;
    QCompleter* completer_;
    QStringListModel completions_;
    bool valid_ = true;
    QString last_applied_;  // what applyRequested last carried
};

}  // namespace ms::ui
