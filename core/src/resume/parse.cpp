// resume::parse: lines -> sections -> fields, then the derived values (skills, roles, entities,
// experience months) and the section list.
#include <aligncv/resume.hpp>

#include "resume/dates.hpp"
#include "resume/fields.hpp"
#include "resume/lines.hpp"
#include "resume/sections.hpp"
#include "resume/util.hpp"

#include <algorithm>
#include <ctime>
#include <deque>
#include <set>

namespace aligncv::resume {

namespace {

using namespace detail;

// "YYYY-MM" -> month index; the current UTC month when empty or malformed.
int reference_index(const std::string& ref) {
  if (ref.size() >= 7 && is_digit(ref[0]) && is_digit(ref[1]) && is_digit(ref[2]) &&
      is_digit(ref[3]) && ref[4] == '-' && is_digit(ref[5]) && is_digit(ref[6])) {
    int y = std::stoi(ref.substr(0, 4));
    int m = std::stoi(ref.substr(5, 2));
    if (m >= 1 && m <= 12) return y * 12 + m - 1;
  }
  std::time_t now = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&now, &tm);
  return (tm.tm_year + 1900) * 12 + tm.tm_mon;
}

// "YYYY", "YYYY-MM" or "YYYY-MM-DD" back to a YearMonth.
std::optional<YearMonth> parse_iso(const std::optional<std::string>& s) {
  if (!s || s->size() < 4) return std::nullopt;
  YearMonth d;
  for (int i = 0; i < 4; ++i) {
    if (!is_digit((*s)[i])) return std::nullopt;
  }
  d.year = std::stoi(s->substr(0, 4));
  if (s->size() >= 7 && is_digit((*s)[5]) && is_digit((*s)[6]))
    d.month = std::stoi(s->substr(5, 2));
  return d;
}

int experience_months(const Profile& p, int reference) {
  std::vector<std::pair<int, int>> periods;
  for (const auto& w : p.work) {
    auto start = parse_iso(w.startDate);
    if (!start) continue;
    int a = month_index(*start, false);
    int b = reference;
    if (w.endDate) {
      auto end = parse_iso(w.endDate);
      if (!end) continue;
      b = month_index(*end, true);
    }
    b = std::min(b, reference);
    if (a > reference) continue;
    periods.emplace_back(a, b);
  }
  return union_months(std::move(periods));
}

void add_unique(std::vector<std::string>& v, const std::string& s) {
  if (s.empty()) return;
  if (std::find(v.begin(), v.end(), s) == v.end()) v.push_back(s);
}

void build_entities(const Context& ctx, ParseResult& r) {
  const Profile& p = r.profile;
  auto& e = r.entities;
  if (p.basics.name) add_unique(e["PERSON"], *p.basics.name);
  for (const auto& w : p.work) add_unique(e["ORG"], w.name);
  for (const auto& ed : p.education) add_unique(e["ORG"], ed.institution);
  if (p.basics.location.city) add_unique(e["GPE"], *p.basics.location.city);
  for (const auto& w : p.work) {
    if (w.location) add_unique(e["GPE"], *w.location);
  }
  for (const auto& d : ctx.date_texts) add_unique(e["DATE"], d);
  if (p.basics.email) add_unique(e["EMAIL"], *p.basics.email);
  if (p.basics.phone) add_unique(e["PHONE"], *p.basics.phone);
  if (p.basics.url) add_unique(e["URL"], *p.basics.url);
  for (const auto& pr : p.basics.profiles) add_unique(e["URL"], pr.url);
  for (auto it = e.begin(); it != e.end();) {
    it = it->second.empty() ? e.erase(it) : std::next(it);
  }
}

void run(const text::Document& document, const taxonomy::Taxonomy& taxonomy,
         const ParseOptions& options, ParseResult& result) {
  std::deque<std::string> storage;
  ColumnWidths widths;
  const std::vector<Line> lines = split_lines(document, storage, &widths);
  const std::vector<Region> regions = find_sections(lines);
  Context ctx{document, lines, taxonomy, result.profile, -1, {}, widths.main, widths.side, {}};
  parse_contact(ctx, regions);
  parse_summary(ctx, regions);
  for (const auto& r : regions) {
    switch (r.kind) {
      case SectionKind::Experience:
        parse_work(ctx, r);
        break;
      case SectionKind::Education:
        parse_education(ctx, r);
        break;
      case SectionKind::Skills:
        parse_skills(ctx, r);
        break;
      case SectionKind::Projects:
        parse_projects(ctx, r);
        break;
      case SectionKind::Certifications:
        parse_certificates(ctx, r);
        break;
      case SectionKind::Languages:
        parse_languages(ctx, r);
        break;
      case SectionKind::Awards:
        parse_awards(ctx, r);
        break;
      default:
        break;
    }
  }
  result.profile.experience_months =
      experience_months(result.profile, reference_index(options.reference_month));

  for (const auto& r : regions) {
    Section s;
    s.name = section_name(r.kind);
    s.heading = r.heading;
    int first = r.heading_line >= 0 ? lines[r.heading_line].number : 0;
    int last = first;
    for (int i = r.begin; i < r.end; ++i) {
      if (lines[i].blank) continue;
      if (first == 0) first = lines[i].number;
      last = lines[i].number;
    }
    if (first == 0) continue;
    s.start_line = first;
    s.end_line = last;
    result.sections.push_back(std::move(s));
  }

  // Canonical skills: ambiguous short names (R, Go, C) only count inside skills sections.
  std::string in_skills, elsewhere;
  std::vector<char> skills_line(lines.size(), 0);
  for (const auto& r : regions) {
    if (r.kind != SectionKind::Skills) continue;
    if (r.heading_line >= 0) skills_line[r.heading_line] = 1;
    for (int i = r.begin; i < r.end; ++i) skills_line[i] = 1;
  }
  for (std::size_t i = 0; i < lines.size(); ++i) {
    std::string& dst = skills_line[i] ? in_skills : elsewhere;
    dst.append(lines[i].text);
    dst += '\n';
  }
  std::vector<taxonomy::Mention> mentions = taxonomy.find_skills(in_skills, {true});
  auto more = taxonomy.find_skills(elsewhere, {false});
  mentions.insert(mentions.end(), more.begin(), more.end());
  result.skills = taxonomy::canonical_names(mentions);

  std::vector<taxonomy::Mention> titles;
  auto add_titles = [&](const std::string& s) {
    auto found = taxonomy.find_titles(s);
    titles.insert(titles.end(), found.begin(), found.end());
  };
  for (const auto& w : result.profile.work) add_titles(w.position);
  if (result.profile.basics.label) add_titles(*result.profile.basics.label);
  result.roles = taxonomy::canonical_names(titles);

  build_entities(ctx, result);
}

}  // namespace

ParseResult parse(const text::Document& document, const taxonomy::Taxonomy& taxonomy,
                  const ParseOptions& options) {
  ParseResult result;
  try {
    if (document.text.size() > kMaxParsedBytes) {
      // A résumé is a few pages; past this the text is kept but not structured, which bounds
      // the profile (and the memory to build it) whatever the upload holds.
      text::Document head;
      head.type = document.type;
      head.pages = document.pages;
      head.links = document.links;
      std::size_t cut = document.text.rfind('\n', kMaxParsedBytes);
      head.text = document.text.substr(0, cut == std::string::npos ? kMaxParsedBytes : cut);
      while (head.text.size() > 0 && (static_cast<unsigned char>(head.text.back()) & 0xC0) == 0x80) {
        head.text.pop_back();  // never split a UTF-8 sequence
      }
      if (!head.text.empty() && static_cast<unsigned char>(head.text.back()) >= 0xC0) head.text.pop_back();
      std::size_t lines = static_cast<std::size_t>(std::count(head.text.begin(), head.text.end(), '\n')) + 1;
      head.lines.assign(document.lines.begin(),
                        document.lines.begin() + static_cast<std::ptrdiff_t>(std::min(lines, document.lines.size())));
      run(head, taxonomy, options, result);
      return result;
    }
    run(document, taxonomy, options, result);
  } catch (...) {
    // Parsing is best effort: a failure (memory, a taxonomy error) leaves an emptier result.
    ParseResult partial;
    partial.profile = std::move(result.profile);
    return partial;
  }
  return result;
}

}  // namespace aligncv::resume
