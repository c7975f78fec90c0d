// Work entries: company, position, location, dates and highlights from the entry headers.
#include "resume/entries.hpp"
#include "resume/fields.hpp"
#include "resume/lexicon.hpp"
#include "resume/util.hpp"

#include <map>

namespace aligncv::resume::detail {

int title_score_with(Context& ctx, std::string_view s) {
  // The same header parts are scored many times while entries are assigned and voted on.
  auto cached = ctx.title_scores.find(std::string(s));
  if (cached != ctx.title_scores.end()) return cached->second;
  int score = title_score(s);
  if (s.size() <= 120) {
    auto found = ctx.taxonomy.find_titles(s);
    std::size_t covered = 0;
    for (const auto& m : found) covered += m.end - m.begin;
    if (!found.empty() && covered * 2 >= trim_view(s).size()) score += 3;
  }
  ctx.title_scores.emplace(std::string(s), score);
  return score;
}

std::vector<std::string> comma_pieces(std::string_view s) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= s.size()) {
    std::size_t c = s.find(", ", start);
    std::string_view piece =
        trim_view(s.substr(start, c == std::string_view::npos ? s.npos : c - start));
    if (!piece.empty()) out.emplace_back(piece);
    if (c == std::string_view::npos) break;
    start = c + 2;
  }
  return out;
}

std::optional<std::string> split_trailing_place(std::string& name) {
  // The first comma whose whole tail reads as a place ("Springfield, IL", "Berlin, Germany").
  std::size_t c = name.find(", ");
  while (c != std::string::npos && c > 0) {
    std::string_view tail = std::string_view(name).substr(c + 2);
    if (looks_like_place(tail) && word_count(tail) <= 5) {
      std::string place(trim_view(tail));
      name.erase(c);
      return place;
    }
    c = name.find(", ", c + 2);
  }
  return std::nullopt;
}

namespace {

struct Field {
  std::string text;
  int line = 0;
};

struct Assigned {
  Field position, company, location;
};

// Which of two parts is the title: > 0 the first, < 0 the second.
int orientation(Context& ctx, const std::string& a, const std::string& b) {
  return (title_score_with(ctx, a) - company_score(a)) -
         (title_score_with(ctx, b) - company_score(b));
}

// A key for parts that came from the same places, so one résumé's entries vote together.
int signature(const HeaderPart& a, const HeaderPart& b) {
  return static_cast<int>(a.source) * 3 + static_cast<int>(b.source) +
         (a.group == b.group ? 10 : 0);
}

// Without evidence either way: on one line the title comes first ("Engineer — Acme"), and a
// part on the dates' line names the company ("Acme, 2019 – 2021" under or over the title).
bool default_first_is_title(const HeaderPart& a, const HeaderPart& b) {
  if (a.group == b.group) return true;
  if (a.source == PartSource::DateLine) return false;
  if (b.source == PartSource::DateLine) return true;
  return a.source == PartSource::After;
}

}  // namespace

void parse_work(Context& ctx, const Region& region) {
  std::vector<Piece> preamble;
  EntryOptions opts;
  opts.type = ctx.document.type;
  opts.main_width = ctx.main_width;
  opts.side_width = ctx.side_width;
  auto entries = split_entries(ctx.lines, region.begin, region.end, opts, &preamble);
  if (entries.empty()) return;

  std::vector<Assigned> out(entries.size());
  std::vector<int> pending;  // entries with two undecided parts
  std::map<int, int> votes;
  std::vector<std::pair<int, int>> pair_of(entries.size(), {-1, -1});
  for (std::size_t j = 0; j < entries.size(); ++j) {
    Entry& e = entries[j];
    Assigned& a = out[j];
    std::vector<int> rest;
    for (int k = 0; k < static_cast<int>(e.parts.size()); ++k) rest.push_back(k);
    if (e.at_title >= 0) {
      a.position = {e.parts[e.at_title].text, e.parts[e.at_title].line};
      a.company = {e.parts[e.at_title + 1].text, e.parts[e.at_title + 1].line};
      for (int k : rest) {
        if (k == e.at_title || k == e.at_title + 1) continue;
        if (a.location.text.empty() && looks_like_place(e.parts[k].text)) {
          a.location = {e.parts[k].text, e.parts[k].line};
        }
      }
      continue;
    }
    // A location among three or more parts, or an unmistakable one ("Remote", "Austin, TX").
    if (rest.size() >= 2) {
      for (int idx = static_cast<int>(rest.size()) - 1; idx >= 0; --idx) {
        const auto& p = e.parts[rest[idx]];
        bool place = looks_like_place(p.text) && title_score_with(ctx, p.text) < 3 &&
                     company_score(p.text) <= 0;
        if (place && (rest.size() >= 3 || p.text.find(',') != std::string::npos ||
                      iequals(p.text, "remote") || iequals(p.text, "hybrid"))) {
          a.location = {p.text, p.line};
          rest.erase(rest.begin() + idx);
          break;
        }
      }
    }
    if (rest.size() == 1) {
      const auto& p = e.parts[rest[0]];
      if (title_score_with(ctx, p.text) >= 3 && company_score(p.text) < 3) {
        a.position = {p.text, p.line};
      } else {
        a.company = {p.text, p.line};
      }
    } else if (rest.size() == 2) {
      pair_of[j] = {rest[0], rest[1]};
      const auto& p0 = e.parts[rest[0]];
      const auto& p1 = e.parts[rest[1]];
      votes[signature(p0, p1)] += orientation(ctx, p0.text, p1.text);
      pending.push_back(static_cast<int>(j));
    } else if (rest.size() >= 3) {
      int best = rest[0], best_score = -100;
      for (int k : rest) {
        int s = title_score_with(ctx, e.parts[k].text) - company_score(e.parts[k].text);
        if (s > best_score) {
          best_score = s;
          best = k;
        }
      }
      a.position = {e.parts[best].text, e.parts[best].line};
      for (int k : rest) {
        if (k == best) continue;
        if (a.company.text.empty()) {
          a.company = {e.parts[k].text, e.parts[k].line};
        } else if (a.location.text.empty() && looks_like_place(e.parts[k].text)) {
          a.location = {e.parts[k].text, e.parts[k].line};
        }
      }
    }
  }
  for (int j : pending) {
    const Entry& e = entries[j];
    const auto& p0 = e.parts[pair_of[j].first];
    const auto& p1 = e.parts[pair_of[j].second];
    int own = orientation(ctx, p0.text, p1.text);
    int vote = votes[signature(p0, p1)];
    bool first_title;
    if (own >= 4 || own <= -4) {
      first_title = own > 0;
    } else if (vote != 0) {
      first_title = vote > 0;
    } else if (own != 0) {
      first_title = own > 0;
    } else {
      first_title = default_first_is_title(p0, p1);
    }
    const auto& t = first_title ? p0 : p1;
    const auto& c = first_title ? p1 : p0;
    out[j].position = {t.text, t.line};
    out[j].company = {c.text, c.line};
  }

  for (std::size_t j = 0; j < entries.size(); ++j) {
    Assigned& a = out[j];
    // One part holding it all, as European CVs write it: "Softwareentwickler, Beispiel GmbH,
    // Berlin".
    Field& only = a.position.text.empty() ? a.company : a.position;
    if ((a.position.text.empty() != a.company.text.empty()) &&
        only.text.find(", ") != std::string::npos && entries[j].parts.size() == 1) {
      auto pieces = comma_pieces(only.text);
      int title = -1;
      for (int k = 0; k < static_cast<int>(pieces.size()); ++k) {
        if (title < 0 && title_score_with(ctx, pieces[k]) >= 3) title = k;
      }
      if (title >= 0 && pieces.size() >= 2) {
        std::string company, location;
        for (int k = 0; k < static_cast<int>(pieces.size()); ++k) {
          if (k == title) continue;
          // After the company, a short piece that names no organisation is where it was.
          bool place = looks_like_place(pieces[k]) ||
                       (word_count(pieces[k]) <= 3 && company_score(pieces[k]) <= 0 &&
                        starts_upper(pieces[k]));
          if (!company.empty() && place && location.empty()) {
            location = pieces[k];
          } else if (location.empty()) {
            company += (company.empty() ? "" : ", ") + pieces[k];
          } else {
            location += ", " + pieces[k];
          }
        }
        int line = only.line;
        a.position = {pieces[title], line};
        a.company = {company, line};
        if (!location.empty() && a.location.text.empty()) a.location = {location, line};
      }
    }
    // "Acme Corp, Springfield, IL": the place after the company's name is its location.
    if (!a.company.text.empty() && a.location.text.empty()) {
      if (auto place = split_trailing_place(a.company.text)) a.location = {*place, a.company.line};
    }
  }

  // Several roles at one company: a company line (with or without its own dates) followed by
  // roles that name no company.
  Field group;
  if (!preamble.empty() && preamble.size() <= 2) {
    const Piece& p = preamble.back();
    if (title_score_with(ctx, p.text) < 3) group = {p.text, p.line};
  }
  std::vector<char> drop(entries.size(), 0);
  for (std::size_t j = 0; j < entries.size(); ++j) {
    Assigned& a = out[j];
    bool company_only = a.position.text.empty() && !a.company.text.empty();
    bool next_is_role = j + 1 < entries.size() && out[j + 1].company.text.empty() &&
                        !out[j + 1].position.text.empty();
    if (company_only && entries[j].highlights.empty() && next_is_role) {
      group = a.company;
      drop[j] = 1;
      continue;
    }
    if (a.company.text.empty() && !a.position.text.empty()) {
      if (!group.text.empty()) {
        a.company = group;
      } else if (j > 0 && !out[j - 1].company.text.empty()) {
        a.company = out[j - 1].company;
      }
    } else if (!a.company.text.empty()) {
      group = {};
    }
  }

  for (std::size_t j = 0; j < entries.size(); ++j) {
    if (drop[j]) continue;
    const Entry& e = entries[j];
    const Assigned& a = out[j];
    if (a.company.text.empty() && a.position.text.empty() && e.highlights.empty()) continue;
    Work w;
    w.name = a.company.text;
    w.position = a.position.text;
    if (!a.location.text.empty()) w.location = a.location.text;
    std::string base = "/work/" + std::to_string(ctx.profile.work.size());
    if (e.dates) {
      if (e.dates->start.year) w.startDate = format_date(e.dates->start);
      if (e.dates->finish) {
        w.endDate = format_date(*e.dates->finish);
      } else if (!e.dates->range && w.startDate) {
        w.endDate = w.startDate;  // a single date: a period within that month or year
      }
      if (w.startDate) ctx.evidence(base + "/startDate", e.date_line);
      if (w.endDate) ctx.evidence(base + "/endDate", e.date_line);
      ctx.date_texts.push_back(e.date_text);
    }
    ctx.evidence(base + "/name", a.company.line);
    ctx.evidence(base + "/position", a.position.line);
    if (w.location) ctx.evidence(base + "/location", a.location.line);
    for (std::size_t h = 0; h < e.highlights.size(); ++h) {
      w.highlights.push_back(e.highlights[h].text);
      ctx.evidence(base + "/highlights/" + std::to_string(h), e.highlights[h].line);
    }
    ctx.profile.work.push_back(std::move(w));
  }
}

}  // namespace aligncv::resume::detail
