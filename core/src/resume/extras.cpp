// Summary, projects, certificates and awards.
#include "resume/dates.hpp"
#include "resume/entries.hpp"
#include "resume/fields.hpp"
#include "resume/lexicon.hpp"
#include "resume/scan.hpp"
#include "resume/util.hpp"

namespace aligncv::resume::detail {

namespace {

struct Row {
  std::string_view text;
  int line = 0;
  bool bullet = false;
  bool blank_before = false;
};

std::vector<Row> rows_of(const Context& ctx, const Region& region) {
  std::vector<Row> rows;
  if (region.heading_line >= 0 && region.inline_from != std::string_view::npos) {
    const Line& h = ctx.lines[region.heading_line];
    rows.push_back({h.text.substr(region.inline_from), h.number, false, false});
  }
  bool blank = false;
  for (int i = region.begin; i < region.end; ++i) {
    const Line& l = ctx.lines[i];
    if (l.blank || l.underline) {
      blank = true;
      continue;
    }
    rows.push_back({l.text, l.number, l.bullet, blank});
    blank = false;
  }
  return rows;
}

// "Name – Issuer, 2021": the name, the issuer after a strong separator or " by ", the date.
struct NamedItem {
  std::string name;
  std::optional<std::string> by;
  std::optional<std::string> date;
  std::optional<std::string> url;
};

NamedItem named_item(std::string_view text) {
  NamedItem out;
  std::string t(text);
  if (auto u = find_url(t)) {
    out.url = std::string(u->of(t));
    t = std::string(trim_separators(std::string_view(t).substr(0, u->begin))) + " " +
        std::string(trim_separators(std::string_view(t).substr(u->end)));
  }
  auto dates = find_dates(t);
  if (!dates.empty()) {
    const auto& d = dates.back();
    out.date = format_date(d.finish ? *d.finish : d.start);
    std::string_view tv = t;
    std::string left(trim_separators(tv.substr(0, d.begin)));
    std::string right(trim_separators(tv.substr(d.end)));
    t = left + (left.empty() || right.empty() ? "" : " | ") + right;
  }
  std::string_view tv = t;
  auto parts = split_parts(tv);
  if (parts.empty()) return out;
  out.name = parts[0];
  if (parts.size() >= 2 && title_score(parts[1]) >= 3 && company_score(parts[1]) <= 0) {
    // "AWS Certified Developer – Associate": a level of the certificate, not its issuer.
    out.name = collapse_ws(trim_separators(tv));
  } else if (parts.size() >= 2) {
    out.by = parts[1];
  } else {
    std::size_t by = ifind(out.name, " by ");
    if (by == std::string::npos) by = ifind(out.name, " from ");
    if (by != std::string::npos) {
      std::size_t skip =
          out.name.compare(by, 4, " by ") == 0 || out.name.compare(by, 4, " By ") == 0 ? 4 : 6;
      out.by = collapse_ws(trim_separators(std::string_view(out.name).substr(by + skip)));
      out.name = collapse_ws(trim_separators(std::string_view(out.name).substr(0, by)));
      if (out.by->empty()) out.by.reset();
    } else {
      std::size_t comma = out.name.rfind(", ");
      if (comma != std::string::npos) {
        out.by = collapse_ws(std::string_view(out.name).substr(comma + 2));
        out.name = out.name.substr(0, comma);
      }
    }
  }
  return out;
}

}  // namespace

std::string region_text(const Context& ctx, const Region& region) {
  std::string out;
  for (const auto& r : rows_of(ctx, region)) {
    if (!out.empty()) {
      // A word hyphenated across lines keeps its hyphen and loses the break.
      if (out.back() != '-') out += ' ';
    }
    out.append(r.text);
  }
  return collapse_ws(out);
}

void parse_summary(Context& ctx, const std::vector<Region>& regions) {
  for (const auto& r : regions) {
    if (r.kind != SectionKind::Summary) continue;
    std::string text = region_text(ctx, r);
    if (text.empty()) continue;
    ctx.profile.basics.summary = text;
    int line = r.inline_from != std::string_view::npos ? ctx.lines[r.heading_line].number : 0;
    for (int i = r.begin; i < r.end && line == 0; ++i) {
      if (!ctx.lines[i].blank) line = ctx.lines[i].number;
    }
    ctx.evidence("/basics/summary", line);
    return;
  }
}

void parse_projects(Context& ctx, const Region& region) {
  auto rows = rows_of(ctx, region);
  bool has_bullets = false;
  for (const auto& r : rows) has_bullets = has_bullets || r.bullet;
  Project* cur = nullptr;
  std::string base;
  auto start = [&](const Row& r) {
    NamedItem it = named_item(r.text);
    Project p;
    std::string_view name = it.name;
    // "Name: description" / "Name – description"
    std::size_t colon = name.find(": ");
    if (colon != std::string_view::npos && colon < 60) {
      p.description = collapse_ws(name.substr(colon + 2));
      name = name.substr(0, colon);
    }
    p.name = collapse_ws(trim_separators(name));
    if (it.by && !p.description) p.description = it.by;
    p.url = it.url;
    auto dates = find_dates(r.text);
    if (!dates.empty()) {
      const auto& d = dates.front();
      if (d.range) {
        p.startDate = format_date(d.start);
        if (d.finish) p.endDate = format_date(*d.finish);
      } else {
        p.endDate = format_date(d.start);
      }
    }
    base = "/projects/" + std::to_string(ctx.profile.projects.size());
    ctx.evidence(base + "/name", r.line);
    if (p.description) ctx.evidence(base + "/description", r.line);
    if (p.url) ctx.evidence(base + "/url", r.line);
    if (p.startDate) ctx.evidence(base + "/startDate", r.line);
    if (p.endDate) ctx.evidence(base + "/endDate", r.line);
    ctx.profile.projects.push_back(std::move(p));
    cur = &ctx.profile.projects.back();
  };
  for (const auto& r : rows) {
    bool new_project = has_bullets ? !r.bullet && (cur == nullptr || !cur->highlights.empty() ||
                                                   r.blank_before || word_count(r.text) <= 8)
                                   : (cur == nullptr || r.blank_before || word_count(r.text) <= 8 ||
                                      r.text.find(": ") != std::string_view::npos);
    if (new_project || cur == nullptr) {
      start(r);
      continue;
    }
    if (r.bullet || has_bullets) {
      if (r.bullet || cur->highlights.empty()) {
        ctx.evidence(base + "/highlights/" + std::to_string(cur->highlights.size()), r.line);
        cur->highlights.push_back(collapse_ws(r.text));
      } else {
        cur->highlights.back() += " " + collapse_ws(r.text);
      }
    } else {
      std::string d = cur->description ? *cur->description + " " : "";
      cur->description = collapse_ws(d + std::string(r.text));
      ctx.evidence(base + "/description", r.line);
    }
  }
}

void parse_certificates(Context& ctx, const Region& region) {
  for (const auto& r : rows_of(ctx, region)) {
    for (const auto& piece : (r.bullet || r.text.find(';') == std::string_view::npos)
                                 ? std::vector<std::string>{std::string(r.text)}
                                 : split_items(r.text)) {
      NamedItem it = named_item(piece);
      if (it.name.empty()) continue;
      Certificate c;
      c.name = it.name;
      c.issuer = it.by;
      c.date = it.date;
      c.url = it.url;
      std::string base = "/certificates/" + std::to_string(ctx.profile.certificates.size());
      ctx.evidence(base + "/name", r.line);
      if (c.issuer) ctx.evidence(base + "/issuer", r.line);
      if (c.date) ctx.evidence(base + "/date", r.line);
      if (c.url) ctx.evidence(base + "/url", r.line);
      ctx.profile.certificates.push_back(std::move(c));
    }
  }
}

void parse_awards(Context& ctx, const Region& region) {
  for (const auto& r : rows_of(ctx, region)) {
    NamedItem it = named_item(r.text);
    if (it.name.empty()) continue;
    Award a;
    a.title = it.name;
    a.awarder = it.by;
    a.date = it.date;
    std::string base = "/awards/" + std::to_string(ctx.profile.awards.size());
    ctx.evidence(base + "/title", r.line);
    if (a.awarder) ctx.evidence(base + "/awarder", r.line);
    if (a.date) ctx.evidence(base + "/date", r.line);
    ctx.profile.awards.push_back(std::move(a));
  }
}

}  // namespace aligncv::resume::detail
