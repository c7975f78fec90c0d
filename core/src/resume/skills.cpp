// Skills sections: group labels ("Languages:", "Tools & Platforms:") and items as written.
#include "common/text.hpp"
#include "resume/entries.hpp"
#include "resume/fields.hpp"
#include "resume/lexicon.hpp"
#include "resume/util.hpp"

#include <algorithm>

namespace aligncv::resume::detail {

namespace {

bool item_separator(char32_t cp) {
  return cp == ',' || cp == ';' || cp == '|' || cp == 0x00B7 || cp == 0x2022 || cp == 0x25AA ||
         cp == 0x25E6 || cp == 0x25CF || cp == 0x2219 || cp == 0xFF0C || cp == 0x3001 || cp == '\t';
}

struct Item {
  std::string text;
  std::size_t offset = 0;
};

// Items with the byte offset where each begins; separators inside brackets do not split.
std::vector<Item> split_with_offsets(std::string_view text) {
  std::vector<Item> out;
  std::size_t start = 0, i = 0;
  int depth = 0;
  auto flush = [&](std::size_t end) {
    std::string_view raw = text.substr(start, end - start);
    std::string_view t = trim_view(raw);
    // Leading list markers and trailing full stops are not part of an item.
    while (!t.empty()) {
      std::size_t m = list_marker_length(t);
      if (m == 0 || m >= t.size()) break;
      t = trim_view(t.substr(m));
    }
    while (!t.empty() && (t.back() == ',' || t.back() == ';' || t.back() == ':' ||
                          (t.back() == '.' && t.size() > 1))) {
      t.remove_suffix(1);
      t = trim_view(t);
    }
    if (!t.empty() && has_letter(t)) {
      out.push_back({collapse_ws(t), static_cast<std::size_t>(t.data() - text.data())});
    }
  };
  while (i < text.size()) {
    std::size_t at = i;
    char32_t cp = next_cp(text, i);
    if (cp == '(' || cp == '[' || cp == '{') ++depth;
    if ((cp == ')' || cp == ']' || cp == '}') && depth > 0) --depth;
    if (depth > 0) continue;
    bool sep = item_separator(cp);
    std::size_t next = i;
    if (!sep && cp == ' ' && i < text.size()) {
      // Runs of blanks separate table-like columns; " / " separates too, "PL/SQL" does not.
      std::size_t j = i;
      char32_t nx = next_cp(text, j);
      if (nx == ' ') {
        sep = true;
        while (j < text.size() && text[j] == ' ') ++j;
        next = j;
      } else if (nx == '/' && j < text.size() && text[j] == ' ') {
        sep = true;
        next = j + 1;
      }
    }
    if (sep) {
      flush(at);
      start = next;
      i = next;
    }
  }
  flush(text.size());
  return out;
}

bool has_separator(std::string_view t) {
  std::size_t i = 0;
  int depth = 0;
  while (i < t.size()) {
    char32_t cp = next_cp(t, i);
    if (cp == '(') ++depth;
    if (cp == ')' && depth > 0) --depth;
    if (depth == 0 && item_separator(cp)) return true;
  }
  return false;
}

// "Languages: C++, Go": the label before the colon, when it reads like one.
std::optional<std::string_view> group_label(std::string_view t, std::string_view& rest) {
  std::size_t colon = t.find(':');
  if (colon == std::string_view::npos || colon == 0 || colon > 50) return std::nullopt;
  std::string_view label = trim_view(t.substr(0, colon));
  if (label.empty() || word_count(label) > 5 || has_separator(label)) return std::nullopt;
  if (!starts_upper(label) && !is_all_caps(label)) return std::nullopt;
  // "https://…" is not a label.
  if (colon + 2 < t.size() && t[colon + 1] == '/' && t[colon + 2] == '/') return std::nullopt;
  rest = trim_view(t.substr(colon + 1));
  return label;
}

struct Row {
  std::string_view text;
  int line = 0;
  bool bullet = false;
  bool sidebar = false;
  std::size_t tail = 0;
};

void add_language(Context& ctx, const std::string& item, int line) {
  Language lang;
  std::string_view t = item;
  std::size_t open = t.find('(');
  std::string_view name = t, fluency;
  if (open != std::string_view::npos) {
    name = trim_view(t.substr(0, open));
    fluency = trim_punct(t.substr(open + 1), ")");
  } else {
    for (std::string_view sep : {":", " - ", " \xE2\x80\x93 ", " \xE2\x80\x94 ", " \xE2\x80\x94"}) {
      std::size_t p = t.find(sep);
      if (p != std::string_view::npos) {
        name = trim_view(t.substr(0, p));
        fluency = trim_view(t.substr(p + sep.size()));
        break;
      }
    }
    if (fluency.empty()) {
      // "English Native", "German B2": a known language name followed by its level.
      auto ws = words(t);
      if (ws.size() >= 2 && is_natural_language(ws[0])) {
        name = ws[0];
        fluency = trim_view(t.substr(static_cast<std::size_t>(ws[1].data() - t.data())));
      }
    }
  }
  lang.language = collapse_ws(name);
  if (!fluency.empty()) lang.fluency = collapse_ws(fluency);
  if (lang.language.empty()) return;
  std::string base = "/languages/" + std::to_string(ctx.profile.languages.size());
  ctx.evidence(base + "/language", line);
  if (lang.fluency) ctx.evidence(base + "/fluency", line);
  ctx.profile.languages.push_back(std::move(lang));
}

// Whether a line break falls inside an item (a renderer wrapped the line) rather than between
// items. `prev_line` is the whole previous line, `prev` its text after any group label. Only PDF
// text wraps. In a list with separators a line that does not end with one was wrapped unless it
// is much shorter than the column; in a one-item-per-line list the line must have been too long
// for the next word, and the joined words must be a skill the taxonomy knows (or read as one
// phrase: a lower-case continuation, a line ending in "of" / "&").
bool joins_item(const Context& ctx, std::size_t prev_line_len, std::string_view prev,
                std::string_view next, bool next_bullet, bool inline_mode, std::size_t width) {
  if (prev.empty()) return true;
  std::size_t e = prev.size();
  if (item_separator(prev_cp(prev, e))) return true;  // the separator is already there
  // Text files may be hard-wrapped at a fixed width; DOCX paragraphs never are.
  bool wraps = ctx.document.type == text::FileType::Pdf ||
               (ctx.document.type != text::FileType::Docx && width >= 60);
  if (next_bullet || !wraps || width == 0) return false;
  auto ws = words(next);
  std::size_t fw = ws.empty() ? 0 : utf8_length(ws.front());
  std::size_t need = prev_line_len + 1 + fw;
  if (inline_mode) return starts_lower(next) || ends_open(prev) || need * 10 > width * 6;
  if (need <= width) return false;
  if (starts_lower(next) || ends_open(prev)) return true;
  // The joined words name one known skill that neither line names differently on its own
  // ("Extensible markup language" / "XML", "Microsoft Team Foundation" / "Server").
  std::string joined = std::string(prev) + " " + std::string(next);
  auto whole = ctx.taxonomy.canonical_skill(joined);
  if (!whole) return false;
  auto first = ctx.taxonomy.canonical_skill(prev);
  auto second = ctx.taxonomy.canonical_skill(next);
  return !first || !second || first == whole || second == whole;
}

}  // namespace

std::vector<std::string> split_items(std::string_view text) {
  std::vector<std::string> out;
  for (auto& it : split_with_offsets(text)) out.push_back(std::move(it.text));
  return out;
}

void parse_languages(Context& ctx, const Region& region) {
  std::vector<Row> rows;
  if (region.heading_line >= 0 && region.inline_from != std::string_view::npos) {
    const Line& h = ctx.lines[region.heading_line];
    rows.push_back({h.text.substr(region.inline_from), h.number, false});
  }
  for (int i = region.begin; i < region.end; ++i) {
    const Line& l = ctx.lines[i];
    if (l.blank || l.underline) continue;
    rows.push_back({l.text, l.number, l.bullet});
  }
  for (const auto& r : rows) {
    std::string_view rest;
    std::string_view t = r.text;
    if (auto label = group_label(t, rest); label && is_natural_language(*label) && !rest.empty()) {
      // "English: native"
      add_language(ctx, std::string(*label) + " (" + std::string(rest) + ")", r.line);
      continue;
    }
    for (const auto& item : split_items(t)) add_language(ctx, item, r.line);
  }
}

void parse_skills(Context& ctx, const Region& region) {
  std::vector<Row> rows;
  if (region.heading_line >= 0 && region.inline_from != std::string_view::npos) {
    const Line& h = ctx.lines[region.heading_line];
    rows.push_back({h.text.substr(region.inline_from), h.number, false, h.hint.sidebar, h.tail});
  }
  for (int i = region.begin; i < region.end; ++i) {
    const Line& l = ctx.lines[i];
    if (l.blank || l.underline) continue;
    rows.push_back({l.text, l.number, l.bullet, l.hint.sidebar, l.tail});
  }
  if (rows.empty()) return;
  std::size_t max_len = 0;
  bool inline_mode = false;
  for (const auto& r : rows) {
    max_len = std::max(max_len, utf8_length(r.text));
    std::string_view rest;
    std::string_view t = r.text;
    if (group_label(t, rest)) t = rest;
    inline_mode = inline_mode || has_separator(t);
  }

  struct Group {
    std::string name;
    int name_line = 0;
    std::string text;
    std::vector<std::pair<std::size_t, int>> line_at;  // text offset -> line
  };
  std::vector<Group> groups;
  auto start_group = [&](std::string name, int line) {
    groups.push_back({std::move(name), line, {}, {}});
  };
  std::string_view prev_text;
  std::size_t prev_tail = 0;
  for (const auto& r : rows) {
    std::string_view rest;
    std::string_view t = r.text;
    auto label = group_label(t, rest);
    if (label) {
      start_group(collapse_ws(*label), r.line);
      t = rest;
      prev_text = {};
      if (t.empty()) continue;
    } else if (groups.empty()) {
      start_group("Skills", 0);
    }
    Group& g = groups.back();
    if (!g.text.empty()) {
      std::size_t width = r.sidebar ? ctx.side_width : ctx.main_width;
      g.text += joins_item(ctx, prev_tail, prev_text, t, r.bullet, inline_mode, width) ? " " : ", ";
    }
    g.line_at.emplace_back(g.text.size(), r.line);
    g.text.append(t);
    prev_text = t;
    prev_tail = r.tail;
  }

  for (auto& g : groups) {
    auto items = split_with_offsets(g.text);
    if (items.empty()) continue;
    auto line_of = [&](std::size_t off) {
      int line = g.line_at.empty() ? 0 : g.line_at.front().second;
      for (const auto& [o, l] : g.line_at) {
        if (o <= off) line = l;
      }
      return line;
    };
    // Spoken languages listed among the skills ("Languages: English, German") go to languages.
    bool spoken = istarts_with(g.name, "language") || istarts_with(g.name, "spoken");
    if (spoken) {
      bool all = true;
      for (const auto& it : items) all = all && is_natural_language(it.text);
      if (all) {
        for (const auto& it : items) add_language(ctx, it.text, line_of(it.offset));
        continue;
      }
    }
    // Merge into an existing group of the same name.
    std::size_t gi = ctx.profile.skills.size();
    for (std::size_t k = 0; k < ctx.profile.skills.size(); ++k) {
      if (ctx.profile.skills[k].name == g.name) gi = k;
    }
    if (gi == ctx.profile.skills.size()) {
      SkillGroup sg;
      sg.name = g.name;
      ctx.profile.skills.push_back(sg);
      ctx.evidence("/skills/" + std::to_string(gi) + "/name", g.name_line);
    }
    SkillGroup& sg = ctx.profile.skills[gi];
    for (const auto& it : items) {
      // A sentence is not a skill: keep the taxonomy's skills found in it instead.
      if (word_count(it.text) > 8 || utf8_length(it.text) > 70 || looks_like_prose(it.text)) {
        for (const auto& m : ctx.taxonomy.find_skills(it.text, {true})) {
          std::string kw = it.text.substr(m.begin, m.end - m.begin);
          ctx.evidence(
              "/skills/" + std::to_string(gi) + "/keywords/" + std::to_string(sg.keywords.size()),
              line_of(it.offset + m.begin));
          sg.keywords.push_back(kw);
        }
        continue;
      }
      ctx.evidence(
          "/skills/" + std::to_string(gi) + "/keywords/" + std::to_string(sg.keywords.size()),
          line_of(it.offset));
      sg.keywords.push_back(it.text);
    }
  }
}

}  // namespace aligncv::resume::detail
