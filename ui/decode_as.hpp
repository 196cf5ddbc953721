// Decode As for the GUI: "TCP port N is protocol P" rules, given to the
// core's dissector table (which every later dissection pass reads) and kept
// in QSettings between runs. Qt types only for the settings strings.
#pragma once

#include <QString>
#include <QStringList>
#include <cstdint>
#include <vector>

namespace ms::ui {

struct DecodeAsRule {
    uint16_t port = 0;
    QString protocol;  // a Decode As name of the dissector table: "smtp", "pop", "imap"
    // "tcp.port==2526,smtp", the CLI's -d syntax (and the settings' format).
    QString spec() const;
    bool operator==(const DecodeAsRule& o) const { return port == o.port && protocol == o.protocol; }
};

// Parses "tcp.port==N,name"; false when malformed.
bool parse_decode_as(const QString& spec, DecodeAsRule& out);

// The protocols a port can be decoded as (the dissector table's names).
QStringList decode_as_protocols();

// Rules given to the dissector table in this process, oldest first.
const std::vector<DecodeAsRule>& active_decode_as();

// Gives a rule to the dissector table. The table keeps the first rule for a
// port and cannot drop one, so a different protocol for a port that already
// has a rule is refused (false, `error` says so); the same rule again is a
// no-op. Must not run while a worker dissects.
bool apply_decode_as(const DecodeAsRule& rule, QString& error);

}  // namespace ms::ui
