#include "resume/entries.hpp"

#include "resume/lexicon.hpp"
#include "resume/sections.hpp"
#include "resume/util.hpp"

#include <algorithm>
#include <deque>

namespace aligncv::resume::detail {

namespace {

bool separator_cp(char32_t cp) {
  return cp == '|' || cp == 0x00B7 || cp == 0x2022 || cp == 0x25AA || cp == 0x25E6 ||
         cp == 0x2219 || cp == 0x25CF || cp == 0x2023 || cp == 0x00A6 || cp == 0xFF5C ||
         cp == 0x2503 || cp == 0x2502;
}

int bracket_balance(std::string_view s) {
  int b = 0;
  for (char c : s) b += (c == '(' || c == '[') ? 1 : (c == ')' || c == ']') ? -1 : 0;
  return b;
}

struct Item {
  int idx = 0;  // index into the lines
  std::string_view text;
  bool bullet = false;
  bool marker = false;
  bool blank_before = false;
  int indent = 0;
  bool anchor = false;
  std::optional<DateMatch> date;
  std::string rest;
  std::vector<std::string> parts;
  bool at_form = false;
  bool prose = false;
  std::size_t tail = 0;  // characters of the last printed line joined into this item
};

enum class Kind { Complete, Partial, Empty };
enum class Dir { Before, After, Trailing, Neither };

// The header text left when the dates are cut out: "Acme, Jan 2019 – Present" -> "Acme";
// "Google | 2019 – 2021 | Berlin" -> "Google | Berlin".
std::string remove_date(std::string_view text, const DateMatch& m) {
  std::string_view left = trim_view(text.substr(0, m.begin));
  std::string_view right = trim_view(text.substr(m.end));
  if (!left.empty() && !right.empty() && (left.back() == '(' || left.back() == '[') &&
      (right.front() == ')' || right.front() == ']')) {
    left.remove_suffix(1);
    right.remove_prefix(1);
  }
  left = trim_separators(left);
  // "from 2015 to 2018": the opening word goes with the dates.
  for (std::string_view w : {"from", "von", "de", "du", "dal", "van"}) {
    if (left.size() > w.size() && iends_with(left, w) && left[left.size() - w.size() - 1] == ' ') {
      left = trim_separators(left.substr(0, left.size() - w.size()));
    } else if (iequals(left, w)) {
      left = {};
    }
  }
  right = trim_separators(right);
  std::string out(left);
  if (!left.empty() && !right.empty()) out += " | ";
  out.append(right);
  return out;
}

Kind kind_of(const Item& it) {
  if (it.parts.size() >= 2 || it.at_form) return Kind::Complete;
  return it.parts.empty() ? Kind::Empty : Kind::Partial;
}

void add_parts(Entry& e, const std::vector<std::string>& parts, int line, PartSource source,
               int group) {
  for (const auto& p : parts) {
    std::size_t at = at_split(p);
    if (at != std::string_view::npos && e.at_title < 0) {
      std::string_view pv = p;
      std::string title(trim_separators(pv.substr(0, at)));
      std::size_t skip = pv.compare(at, 4, " at ") == 0 ? 4 : 3;
      std::string company(trim_separators(pv.substr(at + skip)));
      if (!title.empty() && !company.empty()) {
        e.at_title = static_cast<int>(e.parts.size());
        e.parts.push_back({title, line, source, group});
        e.parts.push_back({company, line, source, group});
        continue;
      }
    }
    e.parts.push_back({p, line, source, group});
  }
}

bool ends_sentence(std::string_view t) {
  t = trim_view(t);
  return !t.empty() && (t.back() == '.' || t.back() == '!' || t.back() == '?' || t.back() == ';');
}

// Bullet points of an entry's body. With list markers each marker starts a point and other lines
// continue it. Without them (PDF text) a line continues the previous one when it starts in lower
// case, or when the previous one ran so close to the column's width that this line's first word
// would not have fitted (5 % slack for proportional fonts) and did not end a sentence.
void collect_highlights(const std::vector<Line>& lines, const std::vector<Item>& items,
                        const std::vector<int>& body, bool has_bullets, std::size_t max_len,
                        Entry& e) {
  bool open = false;
  std::size_t prev_len = 0;
  bool prev_bullet = false;
  for (int k : body) {
    const Item& it = items[k];
    bool cont = false;
    if (open) {
      if (has_bullets) {
        cont = !it.bullet &&
               (prev_bullet || it.indent > 0 || starts_lower(it.text) || !it.blank_before);
      } else {
        // A full line whose next word would not have fitted, unless it ended a sentence.
        cont = starts_lower(it.text) ||
               (max_len > 0 && (prev_len + 1 + first_unit(it.text)) * 100 > max_len * 105 &&
                !it.blank_before && !ends_sentence(e.highlights.back().text));
      }
    }
    if (cont) {
      std::string& h = e.highlights.back().text;
      // A word broken at a hyphen across lines keeps its hyphen ("in-\nhouse").
      if (!h.empty() && h.back() == '-') {
        h += std::string(it.text);
      } else {
        h += ' ';
        h += it.text;
      }
    } else {
      e.highlights.push_back({std::string(it.text), lines[it.idx].number});
      open = true;
      prev_bullet = it.bullet;
    }
    prev_len = it.tail;
  }
  for (auto& h : e.highlights) h.text = collapse_ws(h.text);
}

bool starts_with_separator(std::string_view t) {
  std::size_t i = 0;
  if (t.empty()) return false;
  char32_t cp = next_cp(t, i);
  return (is_dash_cp(cp) || separator_cp(cp) || cp == ',') && i < t.size() && t[i] == ' ';
}

// "Maintained Hadoop clusters.": a sentence, not a header (which may end "Inc." or "Ltd.").
bool sentence_end(std::string_view t) {
  t = trim_view(t);
  if (t.size() < 2 || t.back() != '.' || word_count(t) < 2) return false;
  std::size_t sp = t.rfind(' ');
  return sp != std::string_view::npos && starts_lower(t.substr(sp + 1));
}

bool ends_with_separator(std::string_view t) {
  t = trim_view(t);
  if (t.empty()) return false;
  std::size_t e = t.size();
  char32_t cp = prev_cp(t, e);
  return is_dash_cp(cp) || separator_cp(cp) || cp == ',' || cp == '&';
}

// What a header fragment reads as: 1 degree, 2 school, 3 job title, 4 company, 0 unknown.
int header_role(std::string_view t) {
  if (degree_score(t) >= 4) return 1;
  if (institution_score(t) >= 4) return 2;
  if (title_score(t) >= 3) return 3;
  if (company_score(t) >= 2) return 4;
  return 0;
}

bool is_range_line(std::string_view t) {
  auto m = find_date_range(t);
  return m && m->range;
}

// Whether line `next` continues line `prev` (as joined so far, `prev_text`, whose last physical
// line is `last_len` characters long) because a renderer
// wrapped it: an unclosed bracket, a lower-case continuation, or - in PDF text - a header line
// whose continuation's first word would not have fitted the column.
bool continues(const std::vector<Line>& lines, int prev, std::string_view prev_text,
               std::size_t last_len, int next, const EntryOptions& options) {
  const Line& a = lines[prev];
  const Line& b = lines[next];
  if (b.bullet || a.hint.sidebar != b.hint.sidebar || a.hint.page != b.hint.page) return false;
  if (bracket_balance(prev_text) > 0 && b.text.find(')') != std::string_view::npos &&
      !is_range_line(b.text.substr(0, b.text.find(')') + 1))) {
    return true;
  }
  if (options.type != text::FileType::Pdf) return false;
  // The rest only for header-like lines (not sentences or bullet points, whose wrapping the
  // highlight collector handles).
  if (a.bullet || looks_like_prose(prev_text) || word_count(prev_text) > 12) return false;
  bool prev_dated = is_range_line(prev_text);
  bool next_dated = is_range_line(b.text);
  if (starts_lower(b.text) && !prev_dated && !next_dated) return true;
  // A joining word at the end is a wrap only in a narrow column or a styled header line: bullet
  // points without markers often end in one ("… based in") before the next entry's header.
  if ((a.hint.sidebar || a.hint.heading_level > 0) && ends_open(prev_text) && !prev_dated)
    return true;
  if (ends_with_separator(prev_text) && !prev_dated) return true;  // "Acme Corp |" / "Dates
  if (starts_with_separator(b.text) && !prev_dated) return true;   // "— 09/2007 - 06/2010"
  std::size_t width = a.hint.sidebar ? options.side_width : options.main_width;
  if (width == 0) return false;
  if (prev_dated) return false;  // a header line that ends with its dates is complete
  // Into a dated line only in a narrow column; in the main column the line before a header is
  // as likely the end of the previous entry's last bullet point.
  if (next_dated && !a.hint.sidebar) return false;
  std::string_view rest = b.text;
  if (next_dated) {
    auto m = find_date_range(b.text);
    rest = trim_separators(b.text.substr(0, m->begin));
    if (rest.empty()) return false;
  }
  if (word_count(rest) > 4 || looks_like_prose(b.text)) return false;
  // Two lines that each read as a different part of a header (a degree over a school, a title
  // over a company) are two parts however long the first one is. Lines of different styles are
  // different parts unless both read as the same one ("Harrowgate Polytechnic" / "Institute").
  auto prev_parts = split_parts(prev_text);
  auto next_parts = split_parts(rest);
  int r1 = header_role(prev_parts.empty() ? prev_text : std::string_view(prev_parts.back()));
  int r2 = header_role(next_parts.empty() ? rest : std::string_view(next_parts.front()));
  if (r1 && r2 && r1 != r2) return false;
  if (a.hint.heading_level != b.hint.heading_level && !(r1 && r1 == r2)) return false;
  // A school or company name broken in a narrow column: both halves read as that name.
  if (a.hint.sidebar && r1 == r2 && (r1 == 2 || r1 == 4)) return true;
  std::size_t need = last_len + 1 + first_unit(b.text);
  return a.hint.sidebar ? need > width : need * 10 > width * 9;
}

}  // namespace

std::string_view trim_separators(std::string_view s) {
  // The bracket balance is kept up to date as characters are cut, so this stays linear.
  int balance = bracket_balance(s);
  auto bracket = [](char32_t cp) {
    return cp == '(' || cp == '[' ? 1 : cp == ')' || cp == ']' ? -1 : 0;
  };
  while (true) {
    s = trim_view(s);
    if (s.empty()) return s;
    std::size_t i = 0;
    char32_t first = next_cp(s, i);
    std::size_t j = s.size();
    char32_t last = prev_cp(s, j);
    bool cut_first = first == ',' || first == ';' || first == ':' || first == '-' || first == '*' ||
                     separator_cp(first) || is_dash_cp(first) ||
                     ((first == ')' || first == ']') && balance < 0);
    bool cut_last = last == ',' || last == ';' || last == ':' || last == '-' || last == '/' ||
                    last == '*' || separator_cp(last) || is_dash_cp(last) ||
                    ((last == '(' || last == '[') && balance > 0) ||
                    ((last == ')' || last == ']') && balance < 0);
    if (!cut_first && !cut_last && (first == '(' || first == '[') && balance > 0) cut_first = true;
    if (cut_first) {
      balance -= bracket(first);
      s.remove_prefix(i);
    } else if (cut_last) {
      balance -= bracket(last);
      s = s.substr(0, j);
    } else {
      return s;
    }
  }
}

std::vector<std::string> split_parts(std::string_view text) {
  std::vector<std::string> out;
  std::size_t start = 0, i = 0;
  int depth = 0;
  auto flush = [&](std::size_t end) {
    std::string_view part = trim_separators(text.substr(start, end - start));
    if (!part.empty()) out.push_back(collapse_ws(part));
  };
  while (i < text.size()) {
    std::size_t at = i;
    char32_t cp = next_cp(text, i);
    if (cp == '(' || cp == '[') ++depth;
    if ((cp == ')' || cp == ']') && depth > 0) --depth;
    if (depth > 0) continue;
    bool sep = false;
    std::size_t sep_end = i;
    if (separator_cp(cp) || cp == '\t') {
      sep = true;
    } else if (cp == ' ' && i < text.size()) {
      // Two or more blanks (right-aligned columns), or a dash with blanks on both sides.
      std::size_t j = i;
      char32_t nx = next_cp(text, j);
      if (nx == ' ' || nx == 0xA0) {
        sep = true;
        while (j < text.size() && (text[j] == ' ')) ++j;
        sep_end = j;
      } else if (is_dash_cp(nx) && j < text.size() && text[j] == ' ') {
        sep = true;
        sep_end = j + 1;
      }
    }
    if (sep) {
      flush(at);
      start = sep_end;
      i = sep_end;
    }
  }
  flush(text.size());
  return out;
}

std::size_t at_split(std::string_view s) {
  std::size_t p = s.find(" at ");
  if (p == std::string_view::npos) p = s.find(" @ ");
  if (p == std::string_view::npos || p == 0) return std::string_view::npos;
  // "University of Texas at Austin" names one school.
  std::string_view left = s.substr(0, p);
  if (institution_score(left) > 0 && title_score(left) < 3) return std::string_view::npos;
  return p;
}

std::vector<Entry> split_entries(const std::vector<Line>& lines, int begin, int end,
                                 const EntryOptions& options, std::vector<Piece>* preamble) {
  // Physical lines first; lines a renderer wrapped are joined back before the analysis.
  struct Raw {
    int idx;
    std::string_view text;
    bool blank_before;
    std::size_t last_len;  // characters of the last physical line joined in
  };
  std::vector<Raw> raw;
  bool blank = false;
  for (int i = begin; i < end; ++i) {
    const Line& l = lines[i];
    if (l.blank || l.underline) {
      blank = true;
      continue;
    }
    raw.push_back({i, l.text, blank, l.tail});
    blank = false;
  }
  std::deque<std::string> storage;
  std::vector<Raw> joined;
  for (const Raw& r : raw) {
    if (!joined.empty() && !r.blank_before &&
        continues(lines, joined.back().idx, joined.back().text, joined.back().last_len, r.idx,
                  options)) {
      Raw& prev = joined.back();
      storage.push_back(std::string(prev.text) + " " + std::string(r.text));
      prev.text = storage.back();
      prev.last_len = r.last_len;
      continue;
    }
    joined.push_back(r);
  }

  std::vector<Item> items;
  bool has_bullets = false;
  for (const Raw& r : joined) {
    const Line& l = lines[r.idx];
    Item it;
    it.idx = r.idx;
    it.text = r.text;
    it.bullet = l.bullet;
    it.marker = l.marker;
    it.indent = l.indent;
    it.blank_before = r.blank_before;
    it.tail = r.last_len;
    has_bullets = has_bullets || l.bullet;
    it.prose = looks_like_prose(it.text);
    auto m = find_date_range(it.text);
    if (m) {
      std::string rest = remove_date(it.text, *m);
      std::size_t wc = word_count(rest);
      bool dated = m->range || (options.single_dates && m->start.year != 0);
      bool ok = dated && wc <= 20 && !(it.marker && wc > 5) && !(it.prose && wc > 8);
      if (ok) {
        it.anchor = true;
        it.date = m;
        it.rest = rest;
        it.parts = split_parts(rest);
        for (const auto& p : it.parts)
          it.at_form = it.at_form || at_split(p) != std::string_view::npos;
      }
    }
    if (!it.anchor && !it.bullet && !it.prose) {  // only these can be header lines
      it.parts = split_parts(it.text);
      for (const auto& p : it.parts)
        it.at_form = it.at_form || at_split(p) != std::string_view::npos;
    }
    items.push_back(std::move(it));
  }
  std::vector<Entry> out;
  std::vector<int> anchors;
  for (int k = 0; k < static_cast<int>(items.size()); ++k) {
    if (items[k].anchor) anchors.push_back(k);
  }
  const int n = static_cast<int>(items.size());
  std::size_t max_len = 0;
  for (const auto& it : items) max_len = std::max(max_len, it.tail);

  std::vector<char> header(items.size(), 0);
  std::vector<int> starts;  // first item of each entry

  if (anchors.empty()) {
    // No dates: an entry starts at a non-bullet line after bullets or after a blank line.
    for (int k = 0; k < n; ++k) {
      const Item& it = items[k];
      bool start = !it.bullet && !it.prose &&
                   (k == 0 || items[k - 1].bullet || it.blank_before ||
                    (!has_bullets && k > 0 && items[k - 1].prose));
      if (!start) continue;
      Entry e;
      int taken = 0;
      int j = k;
      while (j < n && taken < 3 && !items[j].bullet && !items[j].prose &&
             (j == k || !items[j].blank_before)) {
        add_parts(e, items[j].parts, lines[items[j].idx].number, PartSource::Before, j);
        header[j] = 1;
        ++taken;
        ++j;
        if (!has_bullets && taken >= 2) break;
      }
      starts.push_back(k);
      out.push_back(std::move(e));
      k = j - 1;
    }
  } else {
    std::vector<char> used(items.size(), 0);
    for (int a : anchors) used[a] = 1;
    auto free_item = [&](int k) {
      return k >= 0 && k < n && !used[k] && !items[k].bullet && !items[k].anchor &&
             !items[k].prose && word_count(items[k].text) <= 20 && !sentence_end(items[k].text);
    };
    // The pattern comes from the first entry: header lines before the first date line mean
    // "header above the dates" for every entry, none mean "header below".
    const int a0 = anchors[0];
    int f0 = 0;
    for (int k = 0; k < a0; ++k) f0 += (!items[k].bullet && !items[k].prose) ? 1 : 0;
    std::optional<Dir> dir_partial, dir_empty;
    int k_before = 1, k_after = 1;
    Kind kind0 = kind_of(items[a0]);
    // What the first entry's date line holds besides the dates (its title or its company):
    // an entry whose date line holds the other one has its missing part on the other side.
    auto is_title = [&](const Item& it) {
      return title_score(it.rest) >= 3 && company_score(it.rest) < 3;
    };
    bool rest0_title = false;
    if (kind0 == Kind::Partial) {
      // Nothing header-like on either side: entries are one line each ("Title, Company (dates)").
      dir_partial = f0 > 0 ? Dir::Before : free_item(a0 + 1) ? Dir::After : Dir::Neither;
      rest0_title = is_title(items[a0]);
    }
    if (kind0 == Kind::Empty) {
      if (f0 == 0) {
        dir_empty = Dir::After;
        bool two_parts = a0 + 1 < n && kind_of(items[a0 + 1]) == Kind::Complete;
        k_after = (!two_parts && free_item(a0 + 1) && free_item(a0 + 2) &&
                   word_count(items[a0 + 2].text) <= 8 && !items[a0 + 2].text.empty() &&
                   items[a0 + 2].text.back() != '.')
                      ? 2
                      : 1;
      } else if (f0 <= 3) {
        dir_empty = Dir::Before;
        k_before = f0;
      } else {
        dir_empty = Dir::Trailing;  // dates printed after the entry's bullets
      }
    }
    int prev_last = -1;
    std::vector<std::vector<int>> before_of(anchors.size()), after_of(anchors.size());
    std::vector<std::string> merged(anchors.size());
    for (std::size_t j = 0; j < anchors.size(); ++j) {
      const int a = anchors[j];
      const int next_anchor = j + 1 < anchors.size() ? anchors[j + 1] : n;
      Item& it = items[a];
      Kind kind = kind_of(it);
      auto avail_before = [&](int k) { return k > prev_last && free_item(k); };
      auto avail_after = [&](int k) { return k < next_anchor && free_item(k); };
      if (kind != Kind::Complete) {
        std::optional<Dir> dir = kind == Kind::Partial ? dir_partial : dir_empty;
        // "Title at Company" wrapped before its dates: the previous line completes it.
        const Item* prev = a > 0 ? &items[a - 1] : nullptr;
        bool wrapped =
            prev && (kind == Kind::Empty ? (prev->at_form || prev->parts.size() >= 2)
                                         : ((prev->at_form || iends_with(prev->text, " at")) &&
                                            at_split(it.rest) == std::string_view::npos));
        if (avail_before(a - 1) && wrapped && dir != Dir::After && dir != Dir::Trailing) {
          if (kind == Kind::Empty) {
            before_of[j].push_back(a - 1);
          } else {
            merged[j] = std::string(items[a - 1].text) + " " + it.rest;
          }
          used[a - 1] = 1;
        } else if (dir == Dir::Trailing) {
          int k = prev_last + 1, taken = 0;
          while (k < a && taken < 2 && free_item(k)) {
            before_of[j].push_back(k);
            used[k] = 1;
            ++taken;
            if (items[k].parts.size() >= 2 || items[k].at_form) break;
            ++k;
          }
        } else {
          Dir d = dir ? *dir : (avail_before(a - 1) ? Dir::Before : Dir::After);
          if (kind == Kind::Partial && dir_partial && d != Dir::Neither &&
              is_title(it) != rest0_title) {
            Dir other = d == Dir::Before ? Dir::After : Dir::Before;
            if ((other == Dir::Before && avail_before(a - 1)) ||
                (other == Dir::After && avail_after(a + 1)))
              d = other;
          } else if (kind == Kind::Partial && title_score(it.rest) < 3) {
            // The résumé's pattern would give this entry no title while the other side has one
            // (a long title pushed the dates onto the company's line): take that side.
            auto titled = [&](int k) {
              return title_score(items[k].text) >= 3 || lines[items[k].idx].hint.heading_level > 0;
            };
            bool before_ok = avail_before(a - 1) && titled(a - 1);
            bool after_ok = avail_after(a + 1) && titled(a + 1);
            if (d == Dir::After && before_ok && !after_ok) d = Dir::Before;
            if (d == Dir::Before && after_ok && !before_ok) d = Dir::After;
          }
          int want = d == Dir::Neither       ? 0
                     : kind == Kind::Partial ? 1
                                             : (d == Dir::Before ? k_before : k_after);
          if (d == Dir::Before) {
            int k = a - 1, taken = 0;
            std::vector<int> got;
            while (taken < want && avail_before(k)) {
              got.push_back(k);
              ++taken;
              if (kind == Kind::Empty && taken == 1 &&
                  (items[k].parts.size() >= 2 || items[k].at_form) && want > 1 && !dir_empty) {
                break;
              }
              --k;
            }
            std::reverse(got.begin(), got.end());
            for (int g : got) used[g] = 1;
            before_of[j] = got;
          } else {
            int k = a + 1, taken = 0;
            while (taken < want && avail_after(k)) {
              after_of[j].push_back(k);
              used[k] = 1;
              ++taken;
              if (items[k].parts.size() >= 2 || items[k].at_form) break;
              ++k;
            }
          }
        }
      }
      int first = a, last = a;
      for (int b : before_of[j]) first = std::min(first, b);
      for (int b : after_of[j]) last = std::max(last, b);
      if (!merged[j].empty()) first = std::min(first, a - 1);
      for (int b : before_of[j]) header[b] = 1;
      for (int b : after_of[j]) header[b] = 1;
      header[a] = 1;
      if (!merged[j].empty()) header[a - 1] = 1;
      prev_last = last;
      starts.push_back(first);

      Entry e;
      for (int b : before_of[j])
        add_parts(e, items[b].parts, lines[items[b].idx].number, PartSource::Before, b);
      if (!merged[j].empty()) {
        add_parts(e, split_parts(merged[j]), lines[items[a - 1].idx].number, PartSource::DateLine,
                  a);
      } else {
        add_parts(e, it.parts, lines[it.idx].number, PartSource::DateLine, a);
      }
      for (int b : after_of[j])
        add_parts(e, items[b].parts, lines[items[b].idx].number, PartSource::After, b);
      e.dates = it.date;
      e.date_text = collapse_ws(it.text.substr(it.date->begin, it.date->end - it.date->begin));
      e.date_line = lines[it.idx].number;
      out.push_back(std::move(e));
    }
  }
  // Bodies: everything between an entry's first line and the next entry's first line that is not
  // a header line.
  for (std::size_t j = 0; j < out.size(); ++j) {
    int from = starts[j];
    int to = j + 1 < starts.size() ? starts[j + 1] : n;
    std::vector<int> body;
    for (int k = from; k < to; ++k) {
      if (!header[k]) body.push_back(k);
    }
    collect_highlights(lines, items, body, has_bullets, max_len, out[j]);
  }
  if (preamble && !starts.empty()) {
    for (int k = 0; k < starts[0]; ++k) {
      if (!items[k].bullet && !items[k].prose) {
        preamble->push_back({collapse_ws(items[k].text), lines[items[k].idx].number});
      }
    }
  }
  return out;
}

}  // namespace aligncv::resume::detail
