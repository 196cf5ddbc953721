#include "app/cli/stats/frame_report.hpp"

#include "app/cli/stats/credentials.hpp"
#include "app/cli/stats/endpoints_tcp.hpp"
#include "app/cli/stats/io_stat.hpp"
#include "app/cli/stats/mail_command_stats.hpp"

namespace ms::cli {

FieldId field_id(const char* abbrev) { return FieldRegistry::global().find(abbrev); }

std::string first_value(const ProtoTree& tree, FieldId f) {
    if (f == kNoField) return {};
    for (uint32_t i = 1; i < tree.size(); ++i)
        if (tree.node(i).field == f) return tree.value_text(i);
    return {};
}

std::vector<std::string> all_values(const ProtoTree& tree, FieldId f) {
    std::vector<std::string> v;
    if (f == kNoField) return v;
    tree.for_each(f, [&](uint32_t i) { v.push_back(tree.value_text(i)); });
    return v;
}

std::unique_ptr<FrameReport> make_frame_report(const std::string& arg, std::string& error) {
    error.clear();
    if (arg == "credentials") return std::make_unique<Credentials>();
    if (arg == "endpoints,tcp") return std::make_unique<EndpointsTcp>();
    if (arg == "smtp,stat") return std::make_unique<MailCommandStats>(stats::MailProtocol::Smtp);
    if (arg == "pop,stat") return std::make_unique<MailCommandStats>(stats::MailProtocol::Pop);
    if (arg == "imap,stat") return std::make_unique<MailCommandStats>(stats::MailProtocol::Imap);
    if (arg.rfind("io,stat,", 0) == 0) return IoStat::create(arg.substr(8), error);
    return nullptr;
}

}  // namespace ms::cli
