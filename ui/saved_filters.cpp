#include "ui/saved_filters.hpp"

#include <QSettings>
#include <QVariantMap>

#include "dissectors/filter/display_filter.hpp"

namespace ms::ui {

namespace {
const QString kLabelField = QStringLiteral("label");
const QString kFilterField = QStringLiteral("filter");

// Sets *error (when asked for) and returns false, for one-line refusals.
bool fail(QString* error, const QString& message) {
    if (error) *error = message;
    return false;
}

// Line breaks and other control characters (tab aside, which the filter
// lexer treats as a blank) cannot be shown or edited in the one-line bar.
bool has_control_chars(const QString& s) {
    for (QChar c : s)
        if (c.category() == QChar::Other_Control && c != QLatin1Char('\t')) return true;
    return false;
}
}  // namespace

QString display_filter_error(const QString& text) {
    FilterError err;
    if (DisplayFilter::compile(text.toStdString(), err)) return {};
    return QString::fromStdString(err.message);
}

bool SavedFilters::normalise(const QString& label, const QString& filter, bool compile, SavedFilter* out,
                             QString* error) {
    SavedFilter f{label.simplified(), filter.trimmed()};
    if (f.label.isEmpty()) return fail(error, QObject::tr("The button needs a label."));
    if (f.label.size() > kMaxLabel)
        return fail(error, QObject::tr("The label is longer than %1 characters.").arg(kMaxLabel));
    if (has_control_chars(f.label)) return fail(error, QObject::tr("The label contains control characters."));
    if (f.filter.isEmpty()) return fail(error, QObject::tr("The filter is empty."));
    if (f.filter.size() > kMaxFilterText)
        return fail(error, QObject::tr("The filter is longer than %1 characters.").arg(kMaxFilterText));
    if (has_control_chars(f.filter))
        return fail(error, QObject::tr("The filter must fit on one line."));
    if (compile) {
        QString message = display_filter_error(f.filter);
        if (!message.isEmpty()) return fail(error, message);
    }
    *out = f;
    return true;
}

bool SavedFilters::add(const QString& label, const QString& filter, QString* error) {
    if (size() >= kMaxFilters) return fail(error, QObject::tr("At most %1 filter buttons can be saved.").arg(kMaxFilters));
    SavedFilter f;
    if (!normalise(label, filter, true, &f, error)) return false;
    items_.append(f);
    return true;
}

bool SavedFilters::edit(int i, const QString& label, const QString& filter, QString* error) {
    if (i < 0 || i >= size()) return fail(error, QObject::tr("No such filter button."));
    SavedFilter f;
    if (!normalise(label, filter, true, &f, error)) return false;
    items_[i] = f;
    return true;
}

bool SavedFilters::remove(int i) {
    if (i < 0 || i >= size()) return false;
    items_.removeAt(i);
    return true;
}

QVariantList SavedFilters::toVariant() const {
    QVariantList list;
    for (const SavedFilter& f : items_) list.append(QVariantMap{{kLabelField, f.label}, {kFilterField, f.filter}});
    return list;
}

void SavedFilters::fromVariant(const QVariant& v) {
    items_.clear();
    for (const QVariant& entry : v.toList()) {
        if (size() >= kMaxFilters) break;
        const QVariantMap m = entry.toMap();
        // Not compiled here: a filter the parser stops accepting (or a field
        // from a dissector that is not registered yet) keeps its button, and
        // applying it shows the parser's message.
        SavedFilter f;
        if (normalise(m.value(kLabelField).toString(), m.value(kFilterField).toString(), false, &f, nullptr))
            items_.append(f);
    }
}

void SavedFilters::save(QSettings& s) const { s.setValue(kSettingsKey, toVariant()); }

void SavedFilters::load(const QSettings& s) { fromVariant(s.value(kSettingsKey)); }

QString SavedFilters::defaultLabel(const QString& filter) {
    constexpr int kShort = 24;
    QString t = filter.simplified();
    if (t.size() <= kShort) return t;
    QString head = t.left(kShort - 1);
    if (head.back().isHighSurrogate()) head.chop(1);  // never half a character
    return head.trimmed() + QChar(0x2026);             // "…"
}

}  // namespace ms::ui
