// The résumé text as units: bullets (with their wrapped lines) and every other line untouched,
// plus the small text helpers the area shares.
#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <map>
#include <set>

#include "common/text.hpp"
#include "rewrite/internal.hpp"

namespace aligncv::rewrite::detail {

std::string lower(std::string_view s) { return to_lower_ascii(s); }

std::vector<std::string> words_of(std::string_view s) {
  std::vector<std::string> out;
  std::size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && std::isspace(static_cast<unsigned char>(s[i]))) ++i;
    std::size_t j = i;
    while (j < s.size() && !std::isspace(static_cast<unsigned char>(s[j]))) ++j;
    if (j > i) out.emplace_back(s.substr(i, j - i));
    i = j;
  }
  return out;
}

std::string join(const std::vector<std::string>& words, std::size_t from) {
  std::string out;
  for (std::size_t i = from; i < words.size(); ++i) {
    if (!out.empty()) out += ' ';
    out += words[i];
  }
  return out;
}

std::string capitalize_first(std::string s) {
  if (!s.empty() && std::islower(static_cast<unsigned char>(s[0]))) {
    s[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(s[0])));
  }
  return s;
}

bool has_digit(std::string_view s) {
  return std::any_of(s.begin(), s.end(),
                     [](char c) { return std::isdigit(static_cast<unsigned char>(c)); });
}

std::string normalized(std::string_view s) {
  std::string out;
  bool gap = false;
  for (unsigned char c : s) {
    // Bytes of UTF-8 sequences count as letters, so "Universität" stays one word.
    if (std::isalnum(c) || c >= 0x80) {
      if (gap && !out.empty()) out += ' ';
      gap = false;
      out += static_cast<char>(std::tolower(c));
    } else {
      gap = true;
    }
  }
  return out;
}

std::string list_phrase(const std::vector<std::string>& items) {
  std::string out;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i > 0) out += i + 1 == items.size() ? " and " : ", ";
    out += items[i];
  }
  return out;
}

std::size_t word_count(std::string_view s) { return words_of(s).size(); }

namespace {

// Length of a list marker (with the blank after it) at the start of s after leading blanks,
// counting the blanks; 0 when there is none.
std::size_t marker_length(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size() && (s[i] == ' ' || s[i] == '\t')) ++i;
  static const char* const kMarkers[] = {"-", "*", "+", "•", "–", "—", "·", "▪", "‣", "◦",
                                         "●", "○", "■", "□", "➢", "►", "✓", "❖", ""};
  for (const char* m : kMarkers) {
    std::string_view mv(m);
    if (mv.empty()) break;
    if (s.compare(i, mv.size(), mv) == 0 && i + mv.size() < s.size() &&
        (s[i + mv.size()] == ' ' || s[i + mv.size()] == '\t')) {
      std::size_t j = i + mv.size();
      while (j < s.size() && (s[j] == ' ' || s[j] == '\t')) ++j;
      return j;
    }
  }
  std::size_t j = i;
  while (j < s.size() && j - i < 3 && std::isdigit(static_cast<unsigned char>(s[j]))) ++j;
  if (j > i && j + 1 < s.size() && (s[j] == '.' || s[j] == ')') && s[j + 1] == ' ') {
    j += 1;
    while (j < s.size() && s[j] == ' ') ++j;
    return j;
  }
  return 0;
}

// "/work/3/highlights/1" -> {"work", 3, "highlights"}.
bool split_pointer(const std::string& key, std::string& area, int& index, std::string& field) {
  if (key.size() < 2 || key[0] != '/') return false;
  std::size_t a = key.find('/', 1);
  if (a == std::string::npos) return false;
  std::size_t b = key.find('/', a + 1);
  area = key.substr(1, a - 1);
  std::string number = key.substr(a + 1, b == std::string::npos ? std::string::npos : b - a - 1);
  if (number.empty() || !std::all_of(number.begin(), number.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)); })) {
    return false;
  }
  index = std::atoi(number.c_str());
  field.clear();
  if (b != std::string::npos) {
    std::size_t c = key.find('/', b + 1);
    field = key.substr(b + 1, c == std::string::npos ? std::string::npos : c - b - 1);
  }
  return true;
}

}  // namespace

std::vector<Unit> layout(const Source& source) {
  std::vector<std::string_view> lines;
  {
    std::string_view t = source.text;
    std::size_t start = 0;
    while (true) {
      std::size_t nl = t.find('\n', start);
      lines.push_back(t.substr(start, nl == std::string_view::npos ? std::string_view::npos : nl - start));
      if (nl == std::string_view::npos) break;
      start = nl + 1;
    }
  }
  const int n = static_cast<int>(lines.size());
  std::vector<std::string> section(n + 2);
  for (const auto& s : source.parsed.sections) {
    for (int l = std::max(1, s.start_line); l <= std::min(n, s.end_line); ++l) section[l] = s.name;
  }
  // Lines the parser read a field from, highlight lines and the job they belong to, and the first
  // line of each job.
  std::set<int> field_lines;
  std::map<int, int> highlight_job;  // line -> work index (-1 for projects)
  std::map<int, int> job_start;      // first line -> work index
  for (const auto& [key, line] : source.parsed.profile.evidence) {
    std::string area, field;
    int index = 0;
    if (!split_pointer(key, area, index, field)) continue;
    if (field == "highlights") {
      highlight_job[line] = area == "work" ? index : -1;
    } else {
      field_lines.insert(line);
    }
    if (area == "work") {
      auto it = std::find_if(job_start.begin(), job_start.end(), [&](const auto& p) { return p.second == index; });
      if (it == job_start.end()) {
        job_start[line] = index;
      } else if (line < it->first) {
        job_start.erase(it);
        job_start[line] = index;
      }
    }
  }
  auto job_at = [&](int line) {
    auto it = job_start.upper_bound(line);
    if (it == job_start.begin()) return -1;
    return std::prev(it)->second;
  };

  std::vector<Unit> units;
  units.reserve(lines.size());
  for (int i = 0; i < n; ++i) {
    const int number = i + 1;
    Unit u;
    u.line = number;
    u.raw = std::string(lines[i]);
    u.section = section[number];
    const std::size_t mark = marker_length(lines[i]);
    const bool in_body = u.section == "experience" || u.section == "projects";
    auto hl = highlight_job.find(number);
    if ((mark > 0 && in_body) || hl != highlight_job.end()) {
      std::size_t lead = mark;
      if (lead == 0) {
        while (lead < lines[i].size() && (lines[i][lead] == ' ' || lines[i][lead] == '\t')) ++lead;
      }
      u.bullet = true;
      u.marker = std::string(lines[i].substr(0, lead));
      u.text = trim(lines[i].substr(lead));
      u.job = hl != highlight_job.end() ? hl->second : (u.section == "experience" ? job_at(number) : -1);
      // Wrapped lines: indented or lower-case, with no marker and no field of their own.
      while (i + 1 < n) {
        std::string_view next = lines[i + 1];
        std::string t = trim(next);
        if (t.empty() || marker_length(next) > 0 || highlight_job.count(i + 2) || field_lines.count(i + 2)) break;
        const bool indented = next[0] == ' ' || next[0] == '\t';
        if (!indented && !std::islower(static_cast<unsigned char>(t[0]))) break;
        u.text += ' ' + t;
        u.raw += '\n' + std::string(next);
        ++u.line_count;
        ++i;
      }
      if (u.text.empty()) u.bullet = false;
    }
    units.push_back(std::move(u));
  }
  return units;
}

std::string render(const std::vector<Unit>& units) {
  std::string out;
  for (std::size_t i = 0; i < units.size(); ++i) {
    if (i > 0) out += '\n';
    const Unit& u = units[i];
    out += u.edited ? u.marker + u.text : u.raw;
  }
  return out;
}

int latest_job(const resume::Profile& profile) {
  int best = -1;
  for (int i = 0; i < static_cast<int>(profile.work.size()); ++i) {
    const auto& w = profile.work[i];
    if (best < 0) {
      best = i;
      continue;
    }
    const auto& b = profile.work[best];
    // Current jobs first, then the latest start; document order breaks ties.
    const bool wc = w.startDate && !w.endDate, bc = b.startDate && !b.endDate;
    if (wc != bc) {
      if (wc) best = i;
      continue;
    }
    if (w.startDate.value_or("") > b.startDate.value_or("")) best = i;
  }
  return best;
}

}  // namespace aligncv::rewrite::detail
