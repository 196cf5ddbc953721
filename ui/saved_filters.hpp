// The saved display filters behind the filter bar's buttons (Wireshark's
// "filter buttons"): an ordered, bounded list of label/filter pairs and its
// QSettings form. Qt Core only, so it is tested without widgets.
//
// Stored under kSettingsKey as a QVariantList of QVariantMaps
// {"label": ..., "filter": ...}: any character survives the round trip and a
// damaged or foreign entry is skipped on load instead of failing the list.
#pragma once

#include <QList>
#include <QString>
#include <QVariant>

class QSettings;

namespace ms::ui {

struct SavedFilter {
    QString label;
    QString filter;
    bool operator==(const SavedFilter&) const = default;
};

// The display filter parser's message for `text`; empty when it compiles.
QString display_filter_error(const QString& text);

class SavedFilters {
public:
    static constexpr int kMaxFilters = 50;
    static constexpr int kMaxLabel = 64;        // characters, after simplifying
    static constexpr int kMaxFilterText = 4096;  // keeps a damaged file from bloating the bar
    static inline const QString kSettingsKey = QStringLiteral("filterButtons");

    int size() const { return int(items_.size()); }
    bool isEmpty() const { return items_.isEmpty(); }
    const SavedFilter& at(int i) const { return items_.at(i); }
    const QList<SavedFilter>& items() const { return items_; }

    // Add / replace / drop one entry. The label is simplified (tabs and line
    // breaks become single spaces) and the filter trimmed; false + *error
    // when the result is empty, too long, not one line, does not compile,
    // or (add) the list is full.
    bool add(const QString& label, const QString& filter, QString* error = nullptr);
    bool edit(int i, const QString& label, const QString& filter, QString* error = nullptr);
    bool remove(int i);

    QVariantList toVariant() const;
    // Replaces the list with the readable entries of `v` (at most kMaxFilters).
    void fromVariant(const QVariant& v);
    void save(QSettings& s) const;
    void load(const QSettings& s);

    // The label offered for a new button: the filter, shortened to fit.
    static QString defaultLabel(const QString& filter);

private:
    // The cleaned entry in *out, or false + *error.
    static bool normalise(const QString& label, const QString& filter, bool compile, SavedFilter* out, QString* error);

    QList<SavedFilter> items_;
};

}  // namespace ms::ui
