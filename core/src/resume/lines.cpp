#include "common/text.hpp"
#include "resume/lines.hpp"

#include "resume/dates.hpp"
#include "resume/scan.hpp"
#include "resume/sections.hpp"
#include "resume/util.hpp"

#include <algorithm>

namespace aligncv::resume::detail {

namespace {

// Marker characters that start a list item when a blank follows them.
bool marker_cp(char32_t cp) {
  switch (cp) {
    case '-':
    case '*':
    case '+':
    case 'o':
    case 0x2022:  // •
    case 0x00B7:  // ·
    case 0x2023:  // ‣
    case 0x2043:  // ⁃
    case 0x2219:  // ∙
    case 0x25AA:  // ▪
    case 0x25AB:  // ▫
    case 0x25A0:  // ■
    case 0x25A1:  // □
    case 0x25CF:  // ●
    case 0x25CB:  // ○
    case 0x25E6:  // ◦
    case 0x25C6:  // ◆
    case 0x25C7:  // ◇
    case 0x2666:  // ♦
    case 0x25BA:  // ►
    case 0x25B6:  // ▶
    case 0x25B8:  // ▸
    case 0x27A2:  // ➢
    case 0x27A4:  // ➤
    case 0x2794:  // ➔
    case 0x2192:  // →
    case 0x2713:  // ✓
    case 0x2714:  // ✔
    case 0x2605:  // ★
    case 0x2013:  // –
    case 0x2014:  // —
    case 0xF0B7:  // Symbol-font bullet from Word
    case 0xF0A7:
    case 0xF076:
    case 0xF0D8:
      return true;
    default:
      return false;
  }
}

bool underline_cp(char32_t cp) {
  return cp == '=' || cp == '-' || cp == '_' || cp == '~' || cp == '*' || cp == 0x2500 ||
         cp == 0x2501 || cp == 0x2550 || cp == 0x2014 || cp == 0x2013 || cp == 0x203E;
}

}  // namespace

std::size_t list_marker_length(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size() && (s[i] == ' ' || s[i] == '\t')) ++i;
  if (i >= s.size()) return 0;
  // Numbered items: "1." "12)" "(3)" "a)" followed by a blank.
  std::size_t j = i;
  if (s[j] == '(') ++j;
  std::size_t digits = 0;
  while (j < s.size() && is_digit(s[j]) && digits < 3) {
    ++j;
    ++digits;
  }
  if (digits == 0 && j < s.size() && s[j] >= 'a' && s[j] <= 'h' && j + 1 < s.size() &&
      s[j + 1] == ')') {
    ++j;
    digits = 1;
  }
  if (digits > 0 && digits <= 2 && j < s.size() && (s[j] == '.' || s[j] == ')') &&
      j + 1 < s.size() && (s[j + 1] == ' ' || s[j + 1] == '\t')) {
    // "1. " but not a decimal such as "3.5 years" (handled: a blank must follow the dot).
    std::size_t k = j + 1;
    while (k < s.size() && (s[k] == ' ' || s[k] == '\t')) ++k;
    return k;
  }
  j = i;
  char32_t cp = next_cp(s, j);
  if (!marker_cp(cp)) return 0;
  if (cp == 'o' && !(j < s.size() && s[j] == ' ')) return 0;
  // The marker must be followed by a blank (or be glued to text for the unambiguous symbols).
  if (j < s.size() && (s[j] == ' ' || s[j] == '\t')) {
    while (j < s.size() && (s[j] == ' ' || s[j] == '\t')) ++j;
    return j;
  }
  std::size_t t = j;
  if (j < s.size() && is_space_cp(next_cp(s, t))) {  // NBSP and friends
    while (j < s.size()) {
      std::size_t u = j;
      if (!is_space_cp(next_cp(s, u))) break;
      j = u;
    }
    return j;
  }
  bool symbol = cp > 0x7F && cp != 0x2013 && cp != 0x2014 && cp != 0x00B7;
  if (symbol && j < s.size()) return j;
  return 0;
}

namespace {

// Markdown structure a text résumé may use: "## Experience" is a level-2 heading, and a line
// wrapped in emphasis ("**Data Scientist**") is the text inside.
std::string_view strip_markdown(std::string_view t, text::LineHint& hint) {
  std::size_t hashes = 0;
  while (hashes < t.size() && hashes < 7 && t[hashes] == '#') ++hashes;
  if (hashes >= 1 && hashes <= 6 && hashes < t.size() && t[hashes] == ' ') {
    if (hint.heading_level == 0) hint.heading_level = static_cast<int>(hashes);
    t = trim_view(t.substr(hashes));
  }
  for (std::string_view mark : {"**", "__"}) {
    if (t.size() > 4 && t.substr(0, 2) == mark && t.substr(t.size() - 2) == mark &&
        t.find(mark, 2) == t.size() - 2) {
      t = trim_view(t.substr(2, t.size() - 4));
    }
  }
  return t;
}

// A line that starts with its own contact token ("+1 555…", "jane@…", "Phone: …").
bool looks_like_contact_start(std::string_view t) {
  std::size_t vf = 0;
  if (contact_label(t, vf) != ContactLabel::None) return true;
  auto e = find_email(t);
  auto p = find_phone(t);
  auto u = find_url(t);
  return (e && e->begin == 0) || (p && p->begin == 0) || (u && u->begin == 0);
}

}  // namespace

std::size_t first_unit(std::string_view t) {
  auto m = find_date_range(t);
  if (m && m->range && m->begin == 0) return utf8_length(t.substr(0, m->end));
  std::size_t i = 0;
  while (i < t.size() && t[i] != ' ' && t[i] != '\t') ++i;
  return utf8_length(t.substr(0, i));
}

namespace {

// "Frameworks & Tools: …" starts a group of its own.
bool starts_with_label(std::string_view t) {
  std::size_t colon = t.find(':');
  return colon != std::string_view::npos && colon > 0 && colon < 40 &&
         word_count(t.substr(0, colon)) <= 4;
}

}  // namespace

bool ends_open(std::string_view t) {
  t = trim_view(t);
  if (t.empty()) return false;
  std::size_t e = t.size();
  char32_t last = prev_cp(t, e);
  if (last == ',' || last == '&' || last == '/' || is_dash_cp(last)) return true;
  std::size_t sp = t.rfind(' ');
  std::string_view w = sp == std::string_view::npos ? t : t.substr(sp + 1);
  for (std::string_view c :
       {"of", "in", "and", "for", "the", "at", "to", "with", "on", "by", "as", "As", "And", "Of"}) {
    if (w == c) return true;
  }
  return false;
}

namespace {

// Joins lines a PDF renderer wrapped where the parsers need them whole: a styled line broken in
// two ("Academic" / "Background") and, in a narrow sidebar, a line that ends open
// ("Institute of", "University of Eastmoor —").
std::vector<Line> join_wrapped(std::vector<Line> in, std::deque<std::string>& storage) {
  std::size_t main_w = 0, side_w = 0;
  for (const auto& l : in) {
    if (!l.blank && l.hint.heading_level == 0 && l.text.find('@') == std::string_view::npos) {
      std::size_t& w = l.hint.sidebar ? side_w : main_w;
      w = std::max(w, utf8_length(l.text));
    }
  }
  std::vector<Line> out;
  out.reserve(in.size());
  for (auto& l : in) {
    if (!out.empty()) {
      Line& prev = out.back();
      bool adjacent = !prev.blank && !l.blank && !prev.underline && !l.underline && !l.marker &&
                      !prev.marker && prev.hint.page == l.hint.page &&
                      prev.hint.sidebar == l.hint.sidebar;
      bool side = l.hint.sidebar;
      std::size_t width = side ? side_w : main_w;
      std::size_t need = prev.tail + 1 + first_unit(l.text);
      bool join = false;
      if (adjacent && prev.hint.heading_level > 0 &&
          prev.hint.heading_level == l.hint.heading_level) {
        join = !classify_heading(prev.text) && !classify_heading(l.text) &&
               (side || ends_open(prev.text) || need * 100 > width * 85);
      } else if (adjacent && side && !starts_with_label(l.text) &&
                 !looks_like_contact_start(l.text) && !classify_heading(l.text)) {
        // Width alone cannot tell a wrapped line from the next item of a list; the section
        // parsers decide those. A line that ends open is always wrapped.
        std::size_t k = 0;
        char32_t first = next_cp(l.text, k);
        join = ends_open(prev.text) ||
               ((is_dash_cp(first) || first == '|') && k < l.text.size() && l.text[k] == ' ');
      }
      if (join) {
        storage.push_back(std::string(prev.text) + " " + std::string(l.text));
        prev.text = storage.back();
        prev.tail = l.tail;
        continue;
      }
    }
    out.push_back(l);
  }
  return out;
}

}  // namespace

std::vector<Line> split_lines(const text::Document& document, std::deque<std::string>& storage,
                              ColumnWidths* widths) {
  std::vector<Line> out;
  std::string_view text = document.text;
  std::size_t pos = 0;
  int number = 0;
  bool pending_bullet = false;  // a marker glyph alone on the previous line
  while (pos <= text.size()) {
    std::size_t nl = text.find('\n', pos);
    std::size_t end = nl == std::string_view::npos ? text.size() : nl;
    if (nl == std::string_view::npos && pos == text.size() && number > 0) break;
    Line line;
    line.number = ++number;
    line.raw = text.substr(pos, end - pos);
    if (!line.raw.empty() && line.raw.back() == '\r') line.raw.remove_suffix(1);
    if (static_cast<std::size_t>(number - 1) < document.lines.size()) {
      line.hint = document.lines[number - 1];
    }
    int indent = 0;
    for (char c : line.raw) {
      if (c == ' ') {
        ++indent;
      } else if (c == '\t') {
        indent += 4;
      } else {
        break;
      }
    }
    line.indent = indent;
    std::string_view t = trim_view(line.raw);
    line.blank = t.empty();
    if (!line.blank) {
      // An underline: a rule of one repeated character class, three or more long.
      std::size_t i = 0, n = 0;
      bool rule = true;
      while (i < t.size()) {
        char32_t cp = next_cp(t, i);
        if (is_space_cp(cp)) continue;
        if (!underline_cp(cp)) {
          rule = false;
          break;
        }
        ++n;
      }
      line.underline = rule && n >= 3;
      if (!line.underline) t = strip_markdown(t, line.hint);
      std::size_t m = line.underline ? 0 : list_marker_length(t);
      // PDF bullets are drawn, not typed: a dash or '+' at the start of a PDF line is text that a
      // wrap moved there ("— Global Space Balloon Challenge", "+ +. I love coding").
      if (m > 0 && document.type == text::FileType::Pdf) {
        std::size_t g = 0;
        char32_t c0 = next_cp(t, g);
        if (is_dash_cp(c0) || c0 == '+' || c0 == 'o') m = 0;
      }
      if (m > 0 && m < t.size()) {
        line.marker = true;
        t = trim_view(t.substr(m));
      }
      std::size_t g = 0;
      char32_t first = next_cp(t, g);
      if (g == t.size() && first > 0x7F && marker_cp(first) && first != 0x2013 && first != 0x2014) {
        // PDF text sometimes puts the bullet glyph on its own line: it marks the next line.
        line.blank = true;
        pending_bullet = true;
        t = {};
      } else {
        line.marker = line.marker || pending_bullet;
        pending_bullet = false;
      }
      line.bullet = line.marker || line.hint.list_item;
    }
    line.text = t;
    line.tail = utf8_length(t);
    out.push_back(line);
    if (nl == std::string_view::npos) break;
    pos = nl + 1;
  }
  if (widths) {
    for (const auto& l : out) {
      if (l.blank || l.hint.heading_level > 0 || l.text.find('@') != std::string_view::npos)
        continue;
      std::size_t& w = l.hint.sidebar ? widths->side : widths->main;
      w = std::max(w, utf8_length(l.text));
    }
  }
  // Only rendered pages wrap lines; DOCX paragraphs and text lines are whole.
  return document.type == text::FileType::Pdf ? join_wrapped(std::move(out), storage) : out;
}

}  // namespace aligncv::resume::detail
