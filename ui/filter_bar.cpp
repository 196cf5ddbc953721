#include "ui/filter_bar.hpp"

#include <QAbstractItemView>
#include <QComboBox>
#include <QCompleter>
#include <QDialog>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QToolBar>
#include <QToolButton>
#include <QVBoxLayout>

#include "dissectors/filter/display_filter.hpp"

namespace ms::ui {

namespace {
constexpr int kMaxHistory = 30;

// The word being typed at the end of the text: where a field name would go.
QString trailing_word(const QString& text, int& start) {
    int i = int(text.size());
    while (i > 0) {
        QChar c = text[i - 1];
        if (c.isLetterOrNumber() || c == '.' || c == '_' || c == '-') --i;
        else break;
    }
    start = i;
    return text.mid(i);
}

// A button's text shows the label as typed: '&' would otherwise be taken as
// a mnemonic marker and vanish.
QString button_text(const QString& label) {
    QString t = label;
    return t.replace(QLatin1Char('&'), QLatin1String("&&"));
}

// Rich text on purpose: as plain text a filter like "a < p and b > 1" could
// be mistaken for HTML by the tooltip and shown mangled.
QString button_tooltip(const QString& filter) {
    return QStringLiteral("<qt>") + filter.toHtmlEscaped() + QStringLiteral("</qt>");
}
}  // namespace

FilterBar::FilterBar(QWidget* parent) : QWidget(parent) {
    combo_ = new QComboBox(this);
    combo_->setEditable(true);
    combo_->setInsertPolicy(QComboBox::NoInsert);
    combo_->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    combo_->lineEdit()->setPlaceholderText(tr("Apply a display filter … <Ctrl-/>"));
    combo_->lineEdit()->setClearButtonEnabled(true);
    apply_ = new QPushButton(tr("Apply"), this);
    clear_ = new QPushButton(tr("Clear"), this);
    save_ = new QToolButton(this);
    save_->setText(QStringLiteral("+"));
    save_->setToolTip(tr("Save this filter as a button"));
    saved_row_ = new QToolBar(this);
    saved_row_->setIconSize(QSize(0, 0));
    saved_row_->setToolButtonStyle(Qt::ToolButtonTextOnly);
    saved_row_->setContextMenuPolicy(Qt::PreventContextMenu);  // the buttons have their own
    error_ = new QLabel(this);
    error_->setStyleSheet("color: #b00020;");
    error_->setVisible(false);
    error_->setTextInteractionFlags(Qt::TextSelectableByMouse);

    completer_ = new QCompleter(&completions_, this);
    completer_->setCaseSensitivity(Qt::CaseInsensitive);
    completer_->setCompletionMode(QCompleter::PopupCompletion);
    completer_->setWidget(combo_->lineEdit());
    connect(completer_, qOverload<const QString&>(&QCompleter::activated), this, [this](const QString& name) {
        QString t = combo_->lineEdit()->text();
        int start = 0;
        trailing_word(t, start);
        combo_->lineEdit()->setText(t.left(start) + name);
    });

    auto* row = new QHBoxLayout;
    row->setContentsMargins(0, 0, 0, 0);
    row->addWidget(combo_, 1);
    row->addWidget(apply_);
    row->addWidget(clear_);
    row->addWidget(save_);
    auto* col = new QVBoxLayout(this);
    col->setContentsMargins(4, 2, 4, 2);
    col->setSpacing(2);
    col->addLayout(row);
    col->addWidget(error_);
    col->addWidget(saved_row_);

    connect(combo_->lineEdit(), &QLineEdit::textEdited, this, &FilterBar::onEdited);
    connect(combo_->lineEdit(), &QLineEdit::returnPressed, this, &FilterBar::onApply);
    // Qt 6's combo box also emits activated() when its line edit finishes
    // editing (Enter, focus out, the window closing) with text that is a
    // history item: only a different filter than the one just applied is
    // worth a new run.
    connect(combo_, qOverload<int>(&QComboBox::activated), this, [this](int) {
        if (text().trimmed() != last_applied_) onApply();
    });
    connect(apply_, &QPushButton::clicked, this, &FilterBar::onApply);
    connect(clear_, &QPushButton::clicked, this, [this] {
        setText({});
        last_applied_.clear();
        emit applyRequested({});
    });
    connect(save_, &QToolButton::clicked, this, &FilterBar::onSaveFilter);

    QSettings settings;
    saved_.load(settings);
    rebuildSavedButtons();
}

// Children outlive ~FilterBar (QWidget deletes them later) and can still
// signal (focus moves while a window is torn down): nothing may reach the
// slots of a half-destroyed bar.
FilterBar::~FilterBar() {
    combo_->disconnect(this);
    combo_->lineEdit()->disconnect(this);
    completer_->disconnect(this);
}

QLineEdit* FilterBar::lineEdit() const { return combo_->lineEdit(); }
QString FilterBar::text() const { return combo_->lineEdit()->text(); }
QString FilterBar::errorText() const { return error_->isVisible() ? error_->text() : QString(); }

void FilterBar::setText(const QString& text) {
    combo_->lineEdit()->setText(text);
    validate();
}

QString FilterBar::validate() {
    QString t = text();
    QString message;
    if (t.trimmed().isEmpty()) {
        combo_->lineEdit()->setStyleSheet({});
        valid_ = true;
    } else {
        message = display_filter_error(t);
        valid_ = message.isEmpty();
        combo_->lineEdit()->setStyleSheet(valid_ ? "QLineEdit { background: #afffaf; }"
                                                 : "QLineEdit { background: #ffafaf; }");
    }
    error_->setText(message);
    error_->setVisible(!message.isEmpty());
    return message;
}

void FilterBar::updateCompletions(const QString& text) {
    int start = 0;
    QString word = trailing_word(text, start);
    if (word.size() < 2) {
        completer_->popup()->hide();
        return;
    }
    QStringList names;
    for (const auto& n : complete_field_names(word.toStdString(), 200)) names << QString::fromStdString(n);
    completions_.setStringList(names);
    if (names.isEmpty() || (names.size() == 1 && names.front() == word)) {
        completer_->popup()->hide();
        return;
    }
    completer_->setCompletionPrefix(word);
    completer_->complete();
}

void FilterBar::onEdited(const QString& text) {
    validate();
    updateCompletions(text);
}

void FilterBar::onApply() {
    if (!validate().isEmpty()) return;
    QString t = text().trimmed();
    if (!t.isEmpty()) {
        QStringList h = history();
        h.removeAll(t);
        h.prepend(t);
        while (h.size() > kMaxHistory) h.removeLast();
        setHistory(h);
        combo_->lineEdit()->setText(t);
    }
    last_applied_ = t;
    emit applyRequested(t);
}

QStringList FilterBar::history() const {
    QStringList h;
    for (int i = 0; i < combo_->count(); ++i) h << combo_->itemText(i);
    return h;
}

void FilterBar::setHistory(const QStringList& h) {
    QString keep = text();
    combo_->blockSignals(true);
    combo_->clear();
    combo_->addItems(h);
    combo_->setCurrentIndex(-1);
    combo_->lineEdit()->setText(keep);
    combo_->blockSignals(false);
}

}  // namespace ms::ui

// ---- saved filter buttons ----

namespace ms::ui {

QToolButton* FilterBar::savedFilterButton(int i) const {
    if (i < 0 || i >= saved_actions_.size()) return nullptr;
    return qobject_cast<QToolButton*>(saved_row_->widgetForAction(saved_actions_[i]));
}

bool FilterBar::addSavedFilter(const QString& label, const QString& filter, QString* error) {
    if (!saved_.add(label, filter, error)) return false;
    storeSavedFilters();
    rebuildSavedButtons();
    return true;
}

bool FilterBar::editSavedFilter(int i, const QString& label, const QString& filter, QString* error) {
    if (!saved_.edit(i, label, filter, error)) return false;
    storeSavedFilters();
    rebuildSavedButtons();
    return true;
}

bool FilterBar::removeSavedFilter(int i) {
    if (!saved_.remove(i)) return false;
    storeSavedFilters();
    rebuildSavedButtons();
    return true;
}

void FilterBar::applySavedFilter(int i) {
    if (i < 0 || i >= saved_.size()) return;
    setText(saved_.at(i).filter);
    onApply();  // validates, records history and emits applyRequested like Apply
}

void FilterBar::storeSavedFilters() const {
    QSettings settings;
    saved_.save(settings);
}

// Recreated from the list after every change: simpler than patching, and a
// row of at most SavedFilters::kMaxFilters buttons is cheap to build.
void FilterBar::rebuildSavedButtons() {
    // Removing an action deletes its button; a context menu never runs inside
    // a button's own signal (it is popped up, see below), so this is safe.
    for (QAction* a : saved_actions_) {
        saved_row_->removeAction(a);
        a->deleteLater();
    }
    saved_actions_.clear();
    for (int i = 0; i < saved_.size(); ++i) {
        const SavedFilter& f = saved_.at(i);
        auto* action = new QAction(button_text(f.label), this);
        action->setIconText(button_text(f.label));
        action->setToolTip(button_tooltip(f.filter));
        connect(action, &QAction::triggered, this, [this, i] { applySavedFilter(i); });
        saved_row_->addAction(action);
        saved_actions_.append(action);
        QWidget* button = saved_row_->widgetForAction(action);
        button->setContextMenuPolicy(Qt::CustomContextMenu);
        connect(button, &QWidget::customContextMenuRequested, this, [this, i, button](const QPoint& p) {
            QMenu* menu = savedFilterMenu(i);
            menu->setAttribute(Qt::WA_DeleteOnClose);
            menu->popup(button->mapToGlobal(p));
        });
    }
    saved_row_->setVisible(!saved_.isEmpty());
}

QMenu* FilterBar::savedFilterMenu(int i) {
    auto* menu = new QMenu(this);
    menu->addAction(tr("Edit…"), this, [this, i] { editSavedFilterDialog(i); });
    menu->addAction(tr("Remove"), this, [this, i] { removeSavedFilter(i); });
    return menu;
}

void FilterBar::onSaveFilter() {
    const QString filter = text().trimmed();
    // The bar has compiled the text already: refuse with the parser's words.
    QString message = filter.isEmpty() ? tr("Type a display filter to save first.") : validate();
    if (!message.isEmpty()) {
        QMessageBox::warning(this, tr("Save Filter"), message);
        return;
    }
    bool ok = false;
    const QString label = QInputDialog::getText(this, tr("Save Filter"), tr("Button label for %1:").arg(filter),
                                                QLineEdit::Normal, SavedFilters::defaultLabel(filter), &ok);
    if (!ok) return;
    QString error;
    if (!addSavedFilter(label, filter, &error)) QMessageBox::warning(this, tr("Save Filter"), error);
}

// Label and filter together; the dialog stays open on a refusal and shows
// why, so the user can correct the text instead of retyping it.
void FilterBar::editSavedFilterDialog(int i) {
    if (i < 0 || i >= saved_.size()) return;
    QDialog dlg(this);
    dlg.setWindowTitle(tr("Edit Filter Button"));
    auto* label = new QLineEdit(saved_.at(i).label, &dlg);
    label->setObjectName("savedFilterLabel");
    auto* filter = new QLineEdit(saved_.at(i).filter, &dlg);
    filter->setObjectName("savedFilterText");
    filter->setMinimumWidth(360);
    auto* error = new QLabel(&dlg);
    error->setObjectName("savedFilterError");
    error->setStyleSheet("color: #b00020;");
    error->setWordWrap(true);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, &dlg);
    auto* form = new QFormLayout(&dlg);
    form->addRow(tr("Label:"), label);
    form->addRow(tr("Filter:"), filter);
    form->addRow(error);
    form->addRow(buttons);
    connect(buttons, &QDialogButtonBox::rejected, &dlg, &QDialog::reject);
    connect(buttons, &QDialogButtonBox::accepted, &dlg, [&] {
        QString message;
        if (editSavedFilter(i, label->text(), filter->text(), &message)) dlg.accept();
        else error->setText(message);
    });
    dlg.exec();
}

}  // namespace ms::ui
