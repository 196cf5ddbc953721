#include "ui/decode_as.hpp"

#include <QObject>

#include "dissectors/core/dissector_table.hpp"

namespace ms::ui {

namespace {
std::vector<DecodeAsRule>& rules() {
    static std::vector<DecodeAsRule> r;
    return r;
}
}  // namespace

QString DecodeAsRule::spec() const { return QString("tcp.port==%1,%2").arg(port).arg(protocol); }

bool parse_decode_as(const QString& spec, DecodeAsRule& out) {
    const QString prefix = "tcp.port==";
    if (!spec.startsWith(prefix)) return false;
    int comma = spec.indexOf(',', prefix.size());
    if (comma < 0) return false;
    bool ok = false;
    uint port = spec.mid(prefix.size(), comma - prefix.size()).toUInt(&ok);
    if (!ok || port == 0 || port > 65535) return false;
    out.port = uint16_t(port);
    out.protocol = spec.mid(comma + 1).trimmed();
    return !out.protocol.isEmpty();
}

QStringList decode_as_protocols() {
    QStringList names;
    for (const auto& p : DissectorTable::global().all()) names << QString::fromLatin1(p.name);
    return names;
}

const std::vector<DecodeAsRule>& active_decode_as() { return rules(); }

bool apply_decode_as(const DecodeAsRule& rule, QString& error) {
    for (const auto& r : rules()) {
        if (r.port != rule.port) continue;
        if (r.protocol == rule.protocol) return true;
        error = QObject::tr("TCP port %1 is already decoded as %2 in this session; restart mailscope to change it.")
                    .arg(rule.port)
                    .arg(r.protocol);
        return false;
    }
    if (!DissectorTable::global().decode_as(rule.port, rule.protocol.toStdString())) {
        error = QObject::tr("Unknown protocol \"%1\"").arg(rule.protocol);
        return false;
    }
    rules().push_back(rule);
    return true;
}

}  // namespace ms::ui
