#include "structured_headers.hpp"

#include "dissectors/mime/text_util.hpp"

namespace ms::imf {

namespace {
using ms::mime::is_space;
using ms::mime::trim;
constexpr std::size_t kMaxItems = 1000;

// Removes comments (nested) and keeps the rest.
std::string strip_comments(std::string_view v) {
    std::string out;
    int depth = 0;
    bool quoted = false;
    for (std::size_t i = 0; i < v.size(); ++i) {
        char c = v[i];
        if (quoted) {
            out += c;
            if (c == '\\' && i + 1 < v.size()) out += v[++i];
            else if (c == '"') quoted = false;
            continue;
        }
        if (depth > 0) {
            if (c == '\\') ++i;
            else if (c == '(') ++depth;
            else if (c == ')') --depth;
            continue;
        }
        if (c == '(') { depth = 1; out += ' '; continue; }
        if (c == '"') quoted = true;
        out += c;
    }
    return out;
}
}  // namespace

std::vector<std::string> parse_msg_ids(std::string_view value) {
    std::vector<std::string> ids;
    std::string v = strip_comments(value);
    std::size_t i = 0;
    while (i < v.size() && ids.size() < kMaxItems) {
        auto lt = v.find('<', i);
        if (lt == std::string::npos) break;
        auto gt = v.find('>', lt);
        if (gt == std::string::npos) {
            ids.push_back(std::string(trim(std::string_view(v).substr(lt))));
            break;
        }
        std::string id;
        for (char c : std::string_view(v).substr(lt, gt - lt + 1))
            if (!is_space(c)) id += c;
        ids.push_back(id);
        i = gt + 1;
    }
    if (ids.empty()) {
        // No angle brackets: bare ids separated by whitespace (obsolete use).
        std::string_view rest = trim(v);
        while (!rest.empty() && ids.size() < kMaxItems) {
            auto sp = rest.find_first_of(" \t\r\n");
            ids.emplace_back(rest.substr(0, sp));
            if (sp == std::string_view::npos) break;
            rest = trim(rest.substr(sp));
        }
    }
    return ids;
}

std::vector<std::pair<std::string, std::string>> parse_tag_list(std::string_view value) {
    std::vector<std::pair<std::string, std::string>> tags;
    std::size_t i = 0;
    while (i <= value.size() && tags.size() < kMaxItems) {
        auto semi = value.find(';', i);
        std::string_view spec = value.substr(i, semi == std::string_view::npos ? std::string_view::npos : semi - i);
        auto eq = spec.find('=');
        if (eq != std::string_view::npos) {
            std::string name(trim(spec.substr(0, eq)));
            std::string val;
            for (char c : spec.substr(eq + 1))
                if (!is_space(c)) val += c;
            if (!name.empty()) tags.emplace_back(std::move(name), std::move(val));
        }
        if (semi == std::string_view::npos) break;
        i = semi + 1;
    }
    return tags;
}

AuthResults parse_authentication_results(std::string_view value) {
    AuthResults ar;
    std::string v = strip_comments(value);
    std::size_t i = 0, n = 0;
    while (i <= v.size() && ar.results.size() < kMaxItems) {
        auto semi = v.find(';', i);
        std::string_view part = trim(std::string_view(v).substr(i, semi == std::string::npos ? std::string::npos : semi - i));
        std::string norm;
        bool space = false;
        for (char c : part) {
            if (is_space(c)) { space = !norm.empty(); continue; }
            if (space) norm += ' ', space = false;
            norm += c;
        }
        if (n++ == 0) {
            ar.authserv_id = norm;  // "mx.example.com" (maybe with a version)
        } else if (!norm.empty()) {
            ar.results.push_back(norm);
        }
        if (semi == std::string::npos) break;
        i = semi + 1;
    }
    return ar;
}

std::string received_spf_result(std::string_view value) {
    std::string_view v = trim(value);
    std::size_t e = 0;
    while (e < v.size() && !is_space(v[e]) && v[e] != '(' && v[e] != ';') ++e;
    return ms::mime::to_lower(v.substr(0, e));
}

std::vector<std::string> parse_angle_uris(std::string_view value) {
    std::vector<std::string> uris;
    std::string v = strip_comments(value);
    std::size_t i = 0;
    while (uris.size() < kMaxItems) {
        auto lt = v.find('<', i);
        if (lt == std::string::npos) break;
        auto gt = v.find('>', lt);
        if (gt == std::string::npos) break;
        std::string uri;
        for (char c : std::string_view(v).substr(lt + 1, gt - lt - 1))
            if (!is_space(c)) uri += c;
        uris.push_back(uri);
        i = gt + 1;
    }
    return uris;
}

}  // namespace ms::imf
