// The fabrication guard: an output may only name employers, titles, dates, degrees,
// certifications and skills that the source résumé names. The output is read with the same
// parser and taxonomy as the résumé, so both sides see the same kinds of things.
#include <algorithm>
#include <cctype>
#include <map>
#include <set>

#include "common/text.hpp"
#include "rewrite/internal.hpp"

namespace aligncv::rewrite {

namespace {

// Four-digit years 1950..2099 standing alone.
std::set<std::string> years_of(std::string_view s) {
  std::set<std::string> out;
  for (std::size_t i = 0; i + 4 <= s.size(); ++i) {
    if (i > 0 && std::isdigit(static_cast<unsigned char>(s[i - 1]))) continue;
    if (!std::all_of(s.begin() + static_cast<std::ptrdiff_t>(i), s.begin() + static_cast<std::ptrdiff_t>(i + 4),
                     [](char c) { return std::isdigit(static_cast<unsigned char>(c)); })) {
      continue;
    }
    if (i + 4 < s.size() && std::isdigit(static_cast<unsigned char>(s[i + 4]))) continue;
    const std::string y(s.substr(i, 4));
    if (y >= "1950" && y <= "2099") out.insert(y);
  }
  return out;
}

void dates_of(const resume::Profile& p, std::set<std::string>& out) {
  auto add = [&](const std::optional<std::string>& d) {
    if (d) out.insert(*d);
  };
  for (const auto& w : p.work) {
    add(w.startDate);
    add(w.endDate);
  }
  for (const auto& e : p.education) {
    add(e.startDate);
    add(e.endDate);
  }
  for (const auto& c : p.certificates) add(c.date);
  for (const auto& pr : p.projects) {
    add(pr.startDate);
    add(pr.endDate);
  }
}

// The output with every allowed string blanked out (case-insensitive), offsets kept.
std::string mask(std::string_view output, const std::vector<std::string>& allowed) {
  std::string out(output);
  const std::string low = to_lower_ascii(output);
  for (const std::string& a : allowed) {
    const std::string al = to_lower_ascii(trim(a));
    if (al.empty()) continue;
    for (std::size_t pos = low.find(al); pos != std::string::npos; pos = low.find(al, pos + al.size())) {
      for (std::size_t k = pos; k < pos + al.size(); ++k) {
        if (out[k] != '\n') out[k] = ' ';
      }
    }
  }
  return out;
}

// Function words and the plain words the local templates use; none of them names an entity.
bool is_common_word(const std::string& w) {
  static const std::set<std::string> kWords = {
      "a", "an", "the", "and", "or", "of", "to", "in", "on", "at", "for", "with", "by", "from", "as",
      "my", "i", "me", "we", "our", "your", "you", "is", "am", "are", "was", "were", "be", "been",
      "it", "its", "this", "that", "these", "those", "each", "all", "also", "so", "but", "not",
      "open", "opportunities", "opportunity", "role", "roles", "position", "skills", "education",
      "experience", "certifications", "certification", "summary", "about", "dear", "hiring",
      "manager", "thank", "thanks", "sincerely", "regards", "best", "work", "team", "most",
      "recently", "years", "year", "present", "hands", "highlights", "profile", "contact", "s"};
  return kWords.count(w) > 0 || (!w.empty() && std::isdigit(static_cast<unsigned char>(w[0])));
}

}  // namespace

std::vector<Fabrication> check_fabrication(const Source& source, std::string_view output,
                                           const taxonomy::Taxonomy& taxonomy,
                                           const GuardOptions& options) {
  const std::string masked = mask(output, options.allowed);
  const std::string src = " " + detail::normalized(source.text) + " ";
  std::set<std::string> src_words;
  for (const auto& w : detail::words_of(src)) src_words.insert(w);
  // The parser reads prose lines ("Skills: Python, Go.") as entries too: a value passes when the
  // résumé has it verbatim, or every word of it is the résumé's or plain English.
  auto appears = [&](const std::string& value) {
    const std::string n = detail::normalized(value);
    if (n.empty() || src.find(" " + n + " ") != std::string::npos) return true;
    for (const auto& w : detail::words_of(n)) {
      if (!src_words.count(w) && !is_common_word(w)) return false;
    }
    return true;
  };

  std::vector<Fabrication> out;
  std::set<std::pair<std::string, std::string>> seen;
  auto flag = [&](const char* kind, const std::string& value) {
    if (seen.emplace(kind, value).second) out.push_back({kind, value});
  };

  text::Document doc;
  doc.text = masked;
  const resume::ParseResult parsed = resume::parse(doc, taxonomy);
  const resume::Profile& p = parsed.profile;

  for (const auto& w : p.work) {
    if (!appears(w.name)) flag("employer", w.name);
    if (!appears(w.position)) flag("title", w.position);
  }
  for (const auto& e : p.education) {
    if (!appears(e.institution)) flag("degree", e.institution);
    if (e.studyType && !appears(*e.studyType)) flag("degree", *e.studyType);
    if (e.area && !appears(*e.area)) flag("degree", *e.area);
  }
  for (const auto& c : p.certificates) {
    if (!appears(c.name)) flag("certification", c.name);
  }

  // Dates: every year, and every month the parser read from an entry.
  const std::set<std::string> source_years = years_of(source.text);
  for (const std::string& y : years_of(masked)) {
    if (!source_years.count(y)) flag("date", y);
  }
  std::set<std::string> source_dates, output_dates;
  dates_of(source.parsed.profile, source_dates);
  dates_of(p, output_dates);
  for (const std::string& d : output_dates) {
    if (d.size() >= 7 && !source_dates.count(d) && source_years.count(d.substr(0, 4))) flag("date", d);
  }

  // Skills and job titles, through the taxonomy on both sides.
  std::set<std::string> held(source.parsed.skills.begin(), source.parsed.skills.end());
  for (const auto& m : taxonomy.find_skills(source.text)) held.insert(m.canonical);
  for (const auto& m : taxonomy.find_skills(source.text, {true})) held.insert(m.canonical);
  // A skill the source shows only under another reading (its words run on into the next line
  // there, say) is still the source's when its words, as the output writes them, are there too.
  std::map<std::string, bool> claimed;  // canonical -> written with the source's own words
  for (const std::string& s : parsed.skills) claimed.emplace(s, false);
  for (bool context : {false, true}) {
    for (const auto& m : taxonomy.find_skills(masked, {context})) {
      claimed[m.canonical] = claimed[m.canonical] || appears(masked.substr(m.begin, m.end - m.begin));
    }
  }
  for (const auto& [s, in_source_words] : claimed) {
    if (!held.count(s) && !in_source_words) flag("skill", s);
  }
  std::set<std::string> titles;
  for (const auto& m : taxonomy.find_titles(source.text)) titles.insert(m.canonical);
  for (const auto& m : taxonomy.find_titles(masked)) {
    if (!titles.count(m.canonical) && !appears(masked.substr(m.begin, m.end - m.begin))) {
      flag("title", masked.substr(m.begin, m.end - m.begin));
    }
  }
  return out;
}

}  // namespace aligncv::rewrite
