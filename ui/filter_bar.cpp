#include "ui/filter_bar.hpp"

#include <QAbstractItemView>
#include <QComboBox>
#include <QCompleter>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
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
    auto* col = new QVBoxLayout(this);
    col->setContentsMargins(4, 2, 4, 2);
    col->setSpacing(2);
    col->addLayout(row);
    col->addWidget(error_);

    connect(combo_->lineEdit(), &QLineEdit::textEdited, this, &FilterBar::onEdited);
    connect(combo_->lineEdit(), &QLineEdit::returnPressed, this, &FilterBar::onApply);
    connect(combo_, qOverload<int>(&QComboBox::activated), this, [this](int) { onApply(); });
    connect(apply_, &QPushButton::clicked, this, &FilterBar::onApply);
    connect(clear_, &QPushButton::clicked, this, [this] {
        setText({});
        emit applyRequested({});
    });
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
        FilterError err;
        auto f = DisplayFilter::compile(t.toStdString(), err);
        valid_ = f != nullptr;
        combo_->lineEdit()->setStyleSheet(valid_ ? "QLineEdit { background: #afffaf; }"
                                                 : "QLineEdit { background: #ffafaf; }");
        if (!valid_) message = QString::fromStdString(err.message);
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
