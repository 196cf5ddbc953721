#include "app/cli/stats/io_stat.hpp"

#include <algorithm>
#include <cstdio>

namespace ms::cli {

namespace {

// Digits of v, at least 1 and at most max_w (tshark's "magnitude").
int magnitude(uint64_t v, int max_w) {
    int mag = 0;
    for (int i = 0; i < max_w; ++i) {
        ++mag;
        if ((v /= 10) == 0) break;
    }
    return mag;
}

int digits(uint64_t v) { return magnitude(v, 20); }

// Rows printed at most: a 1-second interval over a capture whose clock jumps
// years would otherwise print hundreds of millions of empty rows.
constexpr uint64_t kMaxRows = 1'000'000;

bool parse_interval(const std::string& s, uint64_t& us, int& prec) {
    if (s.empty()) return false;
    uint64_t whole = 0, frac = 0;
    int frac_digits = 0;
    bool dot = false, any = false;
    for (char c : s) {
        if (c == '.' && !dot) {
            dot = true;
            continue;
        }
        if (c < '0' || c > '9') return false;
        any = true;
        if (!dot) {
            if (whole > 1'000'000'000ULL) return false;
            whole = whole * 10 + uint64_t(c - '0');
        } else if (frac_digits < 6) {
            frac = frac * 10 + uint64_t(c - '0');
            ++frac_digits;
        } else if (c != '0') {
            return false;  // finer than a microsecond
        }
    }
    if (!any) return false;
    for (int i = frac_digits; i < 6; ++i) frac *= 10;
    us = whole * 1'000'000 + frac;
    // The precision follows the value, not the spelling: "0.10" is 0.1.
    prec = 6;
    for (uint64_t v = us; prec > 0 && v % 10 == 0 && v != 0; v /= 10) --prec;
    if (us == 0) prec = 0;
    return true;
}

void spaces(std::string& out, long n) {
    if (n > 0) out.append(std::size_t(n), ' ');
}

}  // namespace

std::unique_ptr<IoStat> IoStat::create(const std::string& params, std::string& error) {
    auto r = std::unique_ptr<IoStat>(new IoStat);
    std::vector<std::string> parts;
    std::size_t pos = 0;
    while (true) {
        auto comma = params.find(',', pos);
        parts.push_back(params.substr(pos, comma == std::string::npos ? std::string::npos : comma - pos));
        if (comma == std::string::npos) break;
        pos = comma + 1;
    }
    if (!parse_interval(parts[0], r->interval_us_, r->interval_prec_)) {
        error = "io,stat: invalid interval \"" + parts[0] + "\"";
        return nullptr;
    }
    if (parts.size() == 1) parts.emplace_back();
    for (std::size_t i = 1; i < parts.size(); ++i) {
        Column c;
        c.filter_text = parts[i];
        if (!c.filter_text.empty()) {
            FilterError ferr;
            c.filter = DisplayFilter::compile(c.filter_text, ferr);
            if (!c.filter) {
                error = "io,stat: invalid display filter \"" + c.filter_text + "\"";
                return nullptr;
            }
        }
        r->columns_.push_back(std::move(c));
    }
    return r;
}

void IoStat::wanted_fields(std::vector<FieldId>& out) const {
    for (const Column& c : columns_)
        if (c.filter) out.insert(out.end(), c.filter->fields().begin(), c.filter->fields().end());
}

void IoStat::add_frame(const FrameContext& ctx) {
    if (ctx.pinfo.rel_ns < 0) return;  // before the first frame: no interval holds it
    uint64_t rel_us = uint64_t(ctx.pinfo.rel_ns) / 1000;
    // The duration is the whole capture's, whatever the columns match.
    duration_us_ = std::max(duration_us_, rel_us);
    std::vector<Cell>* row = nullptr;
    for (std::size_t i = 0; i < columns_.size(); ++i) {
        const Column& c = columns_[i];
        if (c.filter && !c.filter->matches(ctx)) continue;
        if (!row) {
            uint64_t idx = interval_us_ ? rel_us / interval_us_ : 0;
            auto& v = cells_[idx];
            if (v.empty()) v.resize(columns_.size());
            row = &v;
        }
        (*row)[i].frames++;
        (*row)[i].bytes += ctx.pinfo.wirelen;
    }
}

void IoStat::print(std::string& out) const {
    const uint64_t duration = duration_us_;
    uint64_t interval = interval_us_;
    int prec = interval_prec_;
    const int dur_mag = magnitude(duration / 1'000'000, 5);
    const bool whole = interval == 0 || interval > duration;
    if (whole) {
        // The whole capture as one interval, shown with a precision that
        // suits the duration's size.
        interval = duration;
        prec = dur_mag >= 2 ? 1 : 3;
    }
    uint64_t dv = 1;
    for (int i = prec; i < 6; ++i) dv *= 10;
    // Duration rounded to the shown precision.
    uint64_t dur_r = duration;
    if (prec > 0 && duration % dv > dv / 2) dur_r = duration - duration % dv + dv;
    else if (prec > 0) dur_r = duration - duration % dv;

    // Rows: one per interval that starts before the end of the capture.
    uint64_t rows = 0;
    if (interval > 0) rows = (duration + interval - 1) / interval;
    if (interval > 0 && duration % interval == 0 && duration > 0) rows = duration / interval;
    // The last frame sits at `duration`; a whole multiple puts it past the last row.
    std::size_t ncol = columns_.size();
    if (rows > kMaxRows) {
        std::fprintf(stderr, "mailscope-cli: io,stat: %llu intervals; printing the first %llu\n", (unsigned long long)rows,
                     (unsigned long long)kMaxRows);
        rows = kMaxRows;
    }

    // Column widths from the largest counts.
    std::vector<int> fw(ncol, 6), bw(ncol, 5);
    for (const auto& [idx, cells] : cells_)
        for (std::size_t c = 0; c < ncol; ++c) {
            fw[c] = std::max(fw[c], digits(cells[c].frames));
            bw[c] = std::max(bw[c], digits(cells[c].bytes));
        }
    int time_w = dur_mag + (prec ? prec + 1 : 0);
    int invl_col = prec == 0 ? (dur_mag == 1 ? 11 : 2 * dur_mag + 7) : 2 * time_w + 7;
    long actual = invl_col + 1;
    for (std::size_t c = 0; c < ncol; ++c) actual += fw[c] + bw[c] + 6;
    // tshark sizes the frame of a whole-capture table for times at least 5
    // wide; narrower rows (a 10-99 s capture) leave a gap it closes with " |".
    long border = actual;
    if (whole && prec > 0 && time_w < 5) border += 2 * (5 - time_w);
    auto close_row = [&] {
        if (border > actual) {
            spaces(out, border - actual - 1);
            out += '|';
        }
        out += '\n';
    };

    char buf[128];
    out += '\n';
    out.append(std::size_t(border), '=');
    out += "\n| IO Statistics";
    spaces(out, border - 16);
    out += "|\n|";
    spaces(out, border - 2);
    out += "|\n";
    if (prec == 0) {
        std::snprintf(buf, sizeof buf, "| Duration: %*llu.%6llu secs", dur_mag, (unsigned long long)(duration / 1'000'000),
                      (unsigned long long)(duration % 1'000'000));
        out += buf;
        spaces(out, border - (25 + dur_mag));
        std::snprintf(buf, sizeof buf, "|\n| Interval: %*llu secs", dur_mag, (unsigned long long)(interval / 1'000'000));
        out += buf;
        spaces(out, border - (18 + dur_mag));
        out += "|\n";
    } else {
        std::snprintf(buf, sizeof buf, "| Duration: %*llu.%0*llu secs", dur_mag, (unsigned long long)(dur_r / 1'000'000), prec,
                      (unsigned long long)(dur_r % 1'000'000 / dv));
        out += buf;
        spaces(out, border - (19 + dur_mag + prec));
        uint64_t iv = interval == duration ? dur_r : interval;
        std::snprintf(buf, sizeof buf, "|\n| Interval: %*llu.%0*llu secs", dur_mag, (unsigned long long)(iv / 1'000'000), prec,
                      (unsigned long long)(iv % 1'000'000 / dv));
        out += buf;
        spaces(out, border - (19 + dur_mag + prec));
        out += "|\n";
    }
    out += "|";
    spaces(out, border - 2);
    out += "|\n";
    for (std::size_t c = 0; c < ncol; ++c) {
        std::string line = c == 0 ? "| Col 1: " : "|     " + std::to_string(c + 1) + ": ";
        line += columns_[c].filter_text.empty() ? "Frames and bytes" : columns_[c].filter_text;
        out += line;
        spaces(out, border - 1 - long(line.size()));
        out += "|\n";
    }
    out += '|';
    out.append(std::size_t(border - 2), '-');
    out += "|\n|";
    spaces(out, invl_col - 1);
    for (std::size_t c = 0; c < ncol; ++c) {
        std::string n = std::to_string(c + 1);
        out += '|';
        out += n;
        spaces(out, fw[c] + bw[c] + 5 - long(n.size()));
    }
    out += "|";
    close_row();
    out += "| Interval";
    spaces(out, invl_col - 10);
    for (std::size_t c = 0; c < ncol; ++c) {
        std::snprintf(buf, sizeof buf, "| %*s | %*s ", fw[c], "Frames", bw[c], "Bytes");
        out += buf;
    }
    out += "|";
    close_row();
    out += '|';
    out.append(std::size_t(actual - 2), '-');
    out += "|";
    close_row();

    for (uint64_t r = 0; r < rows; ++r) {
        uint64_t t = r * interval;
        bool last = r + 1 == rows;
        if (prec == 0) {
            const char* lead = dur_mag == 1 ? "|  " : "| ";
            if (last && t + interval > duration)
                std::snprintf(buf, sizeof buf, "%s%*llu <> %-*s|", lead, dur_mag, (unsigned long long)(t / 1'000'000),
                              dur_mag >= 3 ? dur_mag + 1 : 3, "Dur");
            else
                std::snprintf(buf, sizeof buf, "%s%*llu <> %*llu %s", lead, dur_mag, (unsigned long long)(t / 1'000'000), dur_mag,
                              (unsigned long long)((t + interval) / 1'000'000), dur_mag == 1 ? " |" : "|");
        } else {
            uint64_t end = last ? dur_r : t + interval;
            std::snprintf(buf, sizeof buf, "| %*llu.%0*llu <> %*llu.%0*llu |", dur_mag, (unsigned long long)(t / 1'000'000), prec,
                          (unsigned long long)(t % 1'000'000 / dv), dur_mag, (unsigned long long)(end / 1'000'000), prec,
                          (unsigned long long)(end % 1'000'000 / dv));
        }
        out += buf;
        // A frame exactly at the end of the capture counts in the last row.
        auto it = cells_.find(r);
        auto extra = last ? cells_.lower_bound(r + 1) : cells_.end();
        for (std::size_t c = 0; c < ncol; ++c) {
            uint64_t f = it != cells_.end() ? it->second[c].frames : 0;
            uint64_t b = it != cells_.end() ? it->second[c].bytes : 0;
            for (auto e = extra; e != cells_.end(); ++e) f += e->second[c].frames, b += e->second[c].bytes;
            std::snprintf(buf, sizeof buf, " %*llu | %*llu |", fw[c], (unsigned long long)f, bw[c], (unsigned long long)b);
            out += buf;
        }
        close_row();
    }
    out.append(std::size_t(border), '=');
    out += '\n';
}

}  // namespace ms::cli
