#include "resume/dates.hpp"

#include "resume/util.hpp"

#include <algorithm>
#include <cstdio>
#include <unordered_map>

namespace aligncv::resume::detail {

namespace {

struct NamedMonth {
  const char* name;
  int month;
};

// Month names and abbreviations in the languages résumés are most often written in. Matching is
// on the whole word (an optional '.' may follow), so "Mar" or "Mai" in prose is only a month when
// a year follows.
constexpr NamedMonth kMonths[] = {
    {"january", 1},
    {"jan", 1},
    {"february", 2},
    {"feb", 2},
    {"march", 3},
    {"mar", 3},
    {"april", 4},
    {"apr", 4},
    {"may", 5},
    {"june", 6},
    {"jun", 6},
    {"july", 7},
    {"jul", 7},
    {"august", 8},
    {"aug", 8},
    {"september", 9},
    {"sep", 9},
    {"sept", 9},
    {"october", 10},
    {"oct", 10},
    {"november", 11},
    {"nov", 11},
    {"december", 12},
    {"dec", 12},
    // German
    {"januar", 1},
    {"jänner", 1},
    {"februar", 2},
    {"märz", 3},
    {"maerz", 3},
    {"mai", 5},
    {"juni", 6},
    {"juli", 7},
    {"oktober", 10},
    {"okt", 10},
    {"dezember", 12},
    {"dez", 12},
    // French
    {"janvier", 1},
    {"janv", 1},
    {"février", 2},
    {"fevrier", 2},
    {"févr", 2},
    {"fév", 2},
    {"mars", 3},
    {"avril", 4},
    {"avr", 4},
    {"juin", 6},
    {"juillet", 7},
    {"juil", 7},
    {"août", 8},
    {"aout", 8},
    {"septembre", 9},
    {"octobre", 10},
    {"novembre", 11},
    {"décembre", 12},
    {"decembre", 12},
    {"déc", 12},
    // Spanish, Portuguese, Italian, Dutch
    {"enero", 1},
    {"ene", 1},
    {"febrero", 2},
    {"marzo", 3},
    {"abril", 4},
    {"abr", 4},
    {"mayo", 5},
    {"junio", 6},
    {"julio", 7},
    {"agosto", 8},
    {"ago", 8},
    {"septiembre", 9},
    {"setiembre", 9},
    {"octubre", 10},
    {"noviembre", 11},
    {"diciembre", 12},
    {"dic", 12},
    {"janeiro", 1},
    {"fevereiro", 2},
    {"março", 3},
    {"maio", 5},
    {"junho", 6},
    {"julho", 7},
    {"setembro", 9},
    {"outubro", 10},
    {"out", 10},
    {"novembro", 11},
    {"dezembro", 12},
    {"gennaio", 1},
    {"febbraio", 2},
    {"aprile", 4},
    {"maggio", 5},
    {"giugno", 6},
    {"luglio", 7},
    {"settembre", 9},
    {"ottobre", 10},
    {"dicembre", 12},
    {"januari", 1},
    {"februari", 2},
    {"maart", 3},
    {"mei", 5},
    {"augustus", 8},
};

constexpr const char* kSeasons[] = {"spring", "summer", "fall", "autumn", "winter"};

// Words that close a range at "now".
constexpr const char* kPresent[] = {"present", "current", "currently",  "now",      "today",
                                    "ongoing", "date",    "heute",      "aktuell",  "présent",
                                    "present", "actuel",  "actualidad", "presente", "atual",
                                    "attuale", "oggi",    "heden",      "nu"};

// Words between the two ends of a range.
constexpr const char* kRangeWords[] = {"to", "till", "til", "until", "through", "thru", "bis", "à",
                                       "au", "a",    "al",  "hasta", "até",     "fino", "tot"};
// Words that open a range whose end is "now".
constexpr const char* kSinceWords[] = {"since", "seit", "depuis", "desde", "dal", "sinds"};

bool word_char(char32_t cp) {
  return is_letter_cp(cp) || (cp < 0x80 && is_digit(static_cast<char>(cp)));
}

// The word (letters only) starting at i, lower-cased ASCII; non-ASCII letters are kept as is.
std::string_view letters_at(std::string_view s, std::size_t i) {
  std::size_t j = i;
  while (j < s.size()) {
    std::size_t k = j;
    if (!is_letter_cp(next_cp(s, k))) break;
    j = k;
  }
  return s.substr(i, j - i);
}

// The word folded for lookups: ASCII and the Latin-1 capitals of month names (MÄRZ, AOÛT, DÉC)
// lower-cased. Words longer than any listed one fold to "" (no lookup can match).
std::string fold(std::string_view word) {
  std::string w;
  if (word.size() > 16) return w;
  std::size_t i = 0;
  while (i < word.size()) {
    char32_t cp = next_cp(word, i);
    if (cp < 0x80) {
      w += lower(static_cast<char>(cp));
    } else {
      if (cp >= 0xC0 && cp <= 0xDE && cp != 0xD7) cp += 0x20;
      append_utf8(w, cp);
    }
  }
  return w;
}

enum WordClass : unsigned { kPresentWord = 1, kRangeWord = 2, kSinceWord = 4, kSeasonWord = 8 };

struct WordTables {
  std::unordered_map<std::string, int> months;
  std::unordered_map<std::string, unsigned> classes;
  // ASCII letter pairs some listed word starts with: a cheap filter before folding and hashing.
  bool start[26][27] = {};
};

int letter_index(char c) {
  c = lower(c);
  return c >= 'a' && c <= 'z' ? c - 'a' : -1;
}

const WordTables& tables() {
  static const WordTables* t = [] {
    auto* w = new WordTables();
    auto add_first = [w](const char* x) {
      int a = letter_index(x[0]);
      if (a < 0) return;
      int b = letter_index(x[1]);
      w->start[a][b < 0 ? 26 : b] = true;
    };
    for (const auto& m : kMonths) {
      w->months.emplace(m.name, m.month);
      add_first(m.name);
    }
    for (const char* x : kPresent) w->classes[x] |= kPresentWord, add_first(x);
    for (const char* x : kRangeWords) w->classes[x] |= kRangeWord, add_first(x);
    for (const char* x : kSinceWords) w->classes[x] |= kSinceWord, add_first(x);
    for (const char* x : kSeasons) w->classes[x] |= kSeasonWord, add_first(x);
    return w;
  }();
  return *t;
}

bool may_be_listed(std::string_view word) {
  if (static_cast<unsigned char>(word[0]) >= 0x80) return true;  // "à", "août": fold and look up
  int a = letter_index(word[0]);
  if (a < 0) return false;
  int b = word.size() > 1 ? letter_index(word[1]) : -1;
  if (b < 0 && word.size() > 1 && static_cast<unsigned char>(word[1]) >= 0x80)
    return true;  // "mä", "fé"
  return tables().start[a][b < 0 ? 26 : b];
}

int month_from_word(std::string_view word) {
  if (word.size() < 3 || word.size() > 12 || !may_be_listed(word)) return 0;
  const auto& m = tables().months;
  auto it = m.find(fold(word));
  return it == m.end() ? 0 : it->second;
}

bool is_class(std::string_view word, unsigned cls) {
  if (word.empty() || word.size() > 16 || !may_be_listed(word)) return false;
  const auto& c = tables().classes;
  auto it = c.find(fold(word));
  return it != c.end() && (it->second & cls) != 0;
}

bool boundary_before(std::string_view s, std::size_t i) {
  if (i == 0) return true;
  std::size_t j = i;
  return !word_char(prev_cp(s, j));
}

bool boundary_after(std::string_view s, std::size_t i) {
  if (i >= s.size()) return true;
  std::size_t j = i;
  return !word_char(next_cp(s, j));
}

std::size_t skip_spaces(std::string_view s, std::size_t i) {
  while (i < s.size()) {
    std::size_t j = i;
    if (!is_space_cp(next_cp(s, j))) break;
    i = j;
  }
  return i;
}

// Digits at i: returns the count and the value (up to 9 digits).
int read_digits(std::string_view s, std::size_t i, int& value) {
  int n = 0;
  value = 0;
  while (i + n < s.size() && is_digit(s[i + n]) && n < 9) {
    value = value * 10 + (s[i + n] - '0');
    ++n;
  }
  if (i + n < s.size() && is_digit(s[i + n])) return 0;  // too long to be a date part
  return n;
}

bool plausible_year(int y) { return y >= 1940 && y <= 2099; }

struct Atom {
  YearMonth date;
  std::size_t begin = 0;
  std::size_t end = 0;
  bool present = false;
  bool month_only = false;  // "Jan" in "Jan – Mar 2019": the year comes from the other end
  bool two_digit_year = false;
};

// A year after a month name: "2019", "'19", "’19".
bool read_year_after_month(std::string_view s, std::size_t i, int& year, std::size_t& end) {
  int v = 0;
  int n = read_digits(s, i, v);
  if (n == 4 && plausible_year(v) && boundary_after(s, i + 4)) {
    year = v;
    end = i + 4;
    return true;
  }
  // Apostrophe forms.
  std::size_t j = i;
  if (j < s.size() && (s[j] == '\'' || s.compare(j, 3, "\xE2\x80\x99") == 0)) {
    j += s[j] == '\'' ? 1 : 3;
    n = read_digits(s, j, v);
    if (n == 2 && boundary_after(s, j + 2)) {
      year = v < 50 ? 2000 + v : 1900 + v;
      end = j + 2;
      return true;
    }
  }
  return false;
}

// "June 2017", "Jan. 2019", "Sept 2016", "March 12, 2019", "Jan" (month only when no year).
std::optional<Atom> month_name_atom(std::string_view s, std::size_t i) {
  std::string_view word = letters_at(s, i);
  int month = month_from_word(word);
  if (month == 0) return std::nullopt;
  std::size_t j = i + word.size();
  if (!boundary_after(s, j) && !(j < s.size() && s[j] == '.')) return std::nullopt;
  if (j < s.size() && s[j] == '.') ++j;
  std::size_t k = skip_spaces(s, j);
  if (k < s.size() && s[k] == ',') k = skip_spaces(s, k + 1);
  Atom a;
  a.begin = i;
  a.date.month = month;
  int day = 0;
  int n = read_digits(s, k, day);
  if ((n == 1 || n == 2) && day >= 1 && day <= 31) {
    // "March 12, 2019" / "March 12th 2019"
    std::size_t d = k + n;
    if (s.compare(d, 2, "st") == 0 || s.compare(d, 2, "nd") == 0 || s.compare(d, 2, "rd") == 0 ||
        s.compare(d, 2, "th") == 0) {
      d += 2;
    }
    if (d < s.size() && s[d] == ',') ++d;
    d = skip_spaces(s, d);
    int year = 0;
    std::size_t end = 0;
    if (read_year_after_month(s, d, year, end)) {
      a.date.year = year;
      a.date.day = day;
      a.end = end;
      return a;
    }
  }
  int year = 0;
  std::size_t end = 0;
  if (read_year_after_month(s, k, year, end)) {
    a.date.year = year;
    a.end = end;
    return a;
  }
  // A bare month only counts as the first end of a range; the caller checks.
  if (word.size() >= 3) {
    a.month_only = true;
    a.end = i + word.size();
    if (a.end < s.size() && s[a.end] == '.') ++a.end;
    return a;
  }
  return std::nullopt;
}

std::optional<Atom> numeric_atom(std::string_view s, std::size_t i) {
  int a = 0;
  int na = read_digits(s, i, a);
  if (na == 0) return std::nullopt;
  std::size_t j = i + na;
  auto sep_at = [&](std::size_t p) {
    return p < s.size() && (s[p] == '/' || s[p] == '.' || s[p] == '-');
  };
  if (na == 4 && plausible_year(a)) {
    // YYYY-MM, YYYY/MM, YYYY.MM, YYYY-MM-DD (no spaces around the separator).
    if (sep_at(j)) {
      char sep = s[j];
      int m = 0;
      int nm = read_digits(s, j + 1, m);
      if ((nm == 1 || nm == 2) && m >= 1 && m <= 12) {
        std::size_t k = j + 1 + nm;
        Atom out;
        out.begin = i;
        out.date = {a, m, 0};
        out.end = k;
        int d = 0;
        if (k < s.size() && s[k] == sep) {
          int nd = read_digits(s, k + 1, d);
          if ((nd == 1 || nd == 2) && d >= 1 && d <= 31 && boundary_after(s, k + 1 + nd)) {
            out.date.day = d;
            out.end = k + 1 + nd;
            return out;
          }
        }
        if (boundary_after(s, k) || (k < s.size() && s[k] == sep && !sep_at(k + 1))) return out;
      }
    }
    if (!boundary_after(s, j)) return std::nullopt;
    Atom out;
    out.begin = i;
    out.date.year = a;
    out.end = j;
    return out;
  }
  if ((na == 1 || na == 2) && sep_at(j)) {
    char sep = s[j];
    int b = 0;
    int nb = read_digits(s, j + 1, b);
    if (nb == 4 && plausible_year(b) && a >= 1 && a <= 12 && boundary_after(s, j + 5)) {
      Atom out;  // MM/YYYY
      out.begin = i;
      out.date = {b, a, 0};
      out.end = j + 5;
      return out;
    }
    if ((nb == 1 || nb == 2) && j + 1 + nb < s.size() && s[j + 1 + nb] == sep) {
      int c = 0;
      std::size_t k = j + 2 + nb;
      int nc = read_digits(s, k, c);
      if (nc == 4 && plausible_year(c) && boundary_after(s, k + 4)) {
        // DD.MM.YYYY for dots; for slashes and dashes the month comes first unless it cannot.
        int day = a, month = b;
        if (sep != '.' && a <= 12 && b > 12) {
          month = a;
          day = b;
        } else if (sep != '.' && a <= 12 && b <= 12) {
          month = a;
          day = b;
        }
        if (month < 1 || month > 12 || day < 1 || day > 31) return std::nullopt;
        Atom out;
        out.begin = i;
        out.date = {c, month, day};
        out.end = k + 4;
        return out;
      }
    }
  }
  if (na == 1 || na == 2) {
    // "12 March 2019", "1st June 2020"
    std::size_t k = j;
    if (s.compare(k, 2, "st") == 0 || s.compare(k, 2, "nd") == 0 || s.compare(k, 2, "rd") == 0 ||
        s.compare(k, 2, "th") == 0) {
      k += 2;
    }
    if (k < s.size() && s[k] == '.') ++k;
    std::size_t w = skip_spaces(s, k);
    if (w > k || k > j) {
      auto m = month_name_atom(s, w);
      if (m && !m->month_only && m->date.day == 0 && a >= 1 && a <= 31) {
        m->begin = i;
        m->date.day = a;
        return m;
      }
    }
  }
  return std::nullopt;
}

std::optional<Atom> atom_at(std::string_view s, std::size_t i, bool allow_present) {
  if (!boundary_before(s, i)) return std::nullopt;
  if (is_digit(s[i])) return numeric_atom(s, i);
  std::string_view word = letters_at(s, i);
  if (word.empty()) return std::nullopt;
  if (allow_present && is_class(word, kPresentWord) && boundary_after(s, i + word.size())) {
    Atom a;
    a.begin = i;
    a.end = i + word.size();
    a.present = true;
    return a;
  }
  std::size_t after_word = i + word.size();
  bool season = is_class(word, kSeasonWord);
  // "Q3 2019": a quarter starts at months 1, 4, 7, 10.
  bool quarter = word.size() == 1 && (word[0] == 'Q' || word[0] == 'q') && after_word < s.size() &&
                 s[after_word] >= '1' && s[after_word] <= '4' && boundary_after(s, after_word + 1);
  if (season || quarter) {
    std::size_t from = quarter ? after_word + 1 : after_word;
    std::size_t k = skip_spaces(s, from);
    int year = 0;
    std::size_t end = 0;
    if (k > from && read_year_after_month(s, k, year, end)) {
      Atom a;  // seasons give the year only
      a.begin = i;
      a.date.year = year;
      if (quarter) a.date.month = (s[after_word] - '1') * 3 + 1;
      a.end = end;
      return a;
    }
    return std::nullopt;
  }
  return month_name_atom(s, i);
}

// After the first end of a range: spaces, a dash / arrow / "to" word, spaces. Returns the position
// of the second end, or npos. `dash` tells whether the separator was a dash (an open "2019 –").
std::size_t range_separator(std::string_view s, std::size_t i, bool& dash) {
  dash = false;
  std::size_t k = skip_spaces(s, i);
  if (k >= s.size()) return std::string_view::npos;
  std::size_t j = k;
  char32_t cp = next_cp(s, j);
  if (is_dash_cp(cp) || cp == '~' || cp == 0x2192) {
    dash = true;
    while (j < s.size()) {  // "--", "->", "–>"
      std::size_t t = j;
      char32_t c2 = next_cp(s, t);
      if (!(is_dash_cp(c2) || c2 == '>')) break;
      j = t;
    }
    return skip_spaces(s, j);
  }
  std::string_view word = letters_at(s, k);
  if (!word.empty() && is_class(word, kRangeWord) && boundary_after(s, k + word.size())) {
    std::size_t after = k + word.size();
    if (after == k || after >= s.size() || !is_space_cp(static_cast<unsigned char>(s[after]))) {
      return std::string_view::npos;
    }
    return skip_spaces(s, after);
  }
  return std::string_view::npos;
}

}  // namespace

std::string format_date(const YearMonth& date) {
  char buf[16];
  if (date.month == 0) {
    std::snprintf(buf, sizeof buf, "%04d", date.year);
  } else if (date.day == 0) {
    std::snprintf(buf, sizeof buf, "%04d-%02d", date.year, date.month);
  } else {
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", date.year, date.month, date.day);
  }
  return buf;
}

std::vector<DateMatch> find_dates(std::string_view s) {
  std::vector<DateMatch> out;
  // Every date has a year in digits: most lines of a résumé have none and need no scan.
  if (!has_digit(s)) return out;
  std::size_t i = 0;
  std::size_t next_digit = 0;  // the first digit at or after i
  while (i < s.size()) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    bool candidate =
        is_digit(static_cast<char>(c)) || is_ascii_alpha(static_cast<char>(c)) || c >= 0xC0;
    if (!candidate) {
      ++i;
      while (i < s.size() && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) ++i;
      continue;
    }
    // Inside a word: jump to its end (dates start at word boundaries).
    bool inside = i > 0 && static_cast<unsigned char>(s[i - 1]) < 0x80
                      ? (is_ascii_alpha(s[i - 1]) || is_digit(s[i - 1]))
                      : !boundary_before(s, i);
    if (inside) {
      ++i;
      continue;
    }
    // A word starts a date only with a year close behind ("September 12, 2019", "Jan – Mar
    // 2019"): words far from any digit are skipped without a lookup.
    if (next_digit < i) {
      next_digit = i;
      while (next_digit < s.size() && !is_digit(s[next_digit])) ++next_digit;
    }
    std::string_view word = letters_at(s, i);
    if (!word.empty() && next_digit - i > 40) {
      i += word.size();
      continue;
    }
    // "since 2019" opens a range that ends now.
    if (!word.empty() && is_class(word, kSinceWord)) {
      std::size_t k = skip_spaces(s, i + word.size());
      if (k > i + word.size() && k < s.size()) {
        auto a = atom_at(s, k, false);
        if (a && !a->month_only) {
          DateMatch m;
          m.begin = i;
          m.end = a->end;
          m.start = a->date;
          m.range = true;
          m.open = true;
          out.push_back(m);
          i = a->end;
          continue;
        }
      }
    }
    auto a = atom_at(s, i, false);
    if (!a) {
      i += word.empty() ? 1 : word.size();
      while (i < s.size() && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) ++i;
      continue;
    }
    DateMatch m;
    m.begin = a->begin;
    m.end = a->end;
    m.start = a->date;
    bool dash = false;
    std::size_t k = range_separator(s, a->end, dash);
    bool done = false;
    if (k != std::string_view::npos && k < s.size()) {
      auto b = atom_at(s, k, true);
      if (!b && a->date.month == 0 && !a->month_only && dash) {
        // "2015–18": a two-digit end year
        int yy = 0;
        int n = read_digits(s, k, yy);
        if (n == 2 && boundary_after(s, k + 2)) {
          Atom t;
          t.begin = k;
          t.end = k + 2;
          t.date.year = a->date.year / 100 * 100 + yy;
          if (t.date.year < a->date.year) t.date.year += 100;
          b = t;
        }
      }
      if (b && !b->month_only) {
        if (a->month_only)
          m.start.year = b->date.year - (!b->present && m.start.month > b->date.month);
        if (!a->month_only || !b->present) {
          m.end = b->end;
          m.range = true;
          if (b->present) {
            m.open = true;
          } else {
            m.finish = b->date;
          }
          done = true;
        }
      }
    }
    if (!done && !a->month_only && dash && k != std::string_view::npos) {
      // "2019 –" at the end of the text or before a closing bracket: still going.
      std::size_t t = skip_spaces(s, k);
      if (t >= s.size() || s[t] == ')' || s[t] == ']' || s[t] == '|') {
        m.range = true;
        m.open = true;
        m.end = k;
        while (m.end > a->end && is_space_cp(static_cast<unsigned char>(s[m.end - 1]))) --m.end;
        done = true;
      }
    }
    if (a->month_only && !done) {
      i = a->end;
      continue;
    }
    out.push_back(m);
    i = m.end > i ? m.end : i + 1;
  }
  return out;
}

std::optional<DateMatch> find_date_range(std::string_view s) {
  auto all = find_dates(s);
  for (const auto& m : all) {
    if (m.range) return m;
  }
  if (!all.empty()) return all.front();
  return std::nullopt;
}

int month_index(const YearMonth& date, bool as_end) {
  int month = date.month != 0 ? date.month : (as_end ? 12 : 1);
  return date.year * 12 + month - 1;
}

int union_months(std::vector<std::pair<int, int>> periods) {
  periods.erase(std::remove_if(periods.begin(), periods.end(),
                               [](const auto& p) { return p.second < p.first; }),
                periods.end());
  std::sort(periods.begin(), periods.end());
  int total = 0;
  int cur_start = 0, cur_end = -1;
  bool have = false;
  for (const auto& [a, b] : periods) {
    if (!have || a > cur_end + 1) {
      if (have) total += cur_end - cur_start + 1;
      cur_start = a;
      cur_end = b;
      have = true;
    } else {
      cur_end = std::max(cur_end, b);
    }
  }
  if (have) total += cur_end - cur_start + 1;
  return total;
}

}  // namespace aligncv::resume::detail
