// Education entries: institution, degree (study type + area), dates and grade.
#include "resume/entries.hpp"
#include "resume/fields.hpp"
#include "resume/lexicon.hpp"
#include "resume/util.hpp"

#include <map>

namespace aligncv::resume::detail {

namespace {

// "GPA: 3.8/4.0", "CGPA 8.7", "Grade: 1.3", "First Class Honours".
std::optional<std::string> score_of(std::string_view s) {
  for (std::string_view key :
       {"cgpa", "gpa", "grade", "score", "note", "mark", "final grade", "cum laude",
        "summa cum laude", "magna cum laude", "first class", "distinction"}) {
    std::size_t p = ifind_word(s, key);
    if (p == std::string_view::npos) continue;
    if (key == "cum laude" || key == "summa cum laude" || key == "magna cum laude" ||
        key == "first class" || key == "distinction") {
      return collapse_ws(trim_separators(s));
    }
    std::string_view v = s.substr(p + key.size());
    v = trim_separators(v);
    if (!v.empty() && has_digit(v)) {
      std::size_t end = 0;
      while (end < v.size() && (is_digit(v[end]) || v[end] == '.' || v[end] == ',' ||
                                v[end] == '/' || v[end] == ' ' || v[end] == '%')) {
        ++end;
      }
      std::string out = collapse_ws(trim_separators(v.substr(0, end)));
      if (!out.empty()) return out;
    }
  }
  return std::nullopt;
}

int degree_orientation(const std::string& a, const std::string& b) {
  return (degree_score(a) - institution_score(a)) - (degree_score(b) - institution_score(b));
}

int signature(const HeaderPart& a, const HeaderPart& b) {
  return static_cast<int>(a.source) * 3 + static_cast<int>(b.source) +
         (a.group == b.group ? 10 : 0);
}

// "TU Berlin, BSc Computer Science": no piece names a school by its words, but one piece is a whole
// degree (type and area), so the other piece cannot be its area and is the school. With a bare
// type ("MSc, Data Science") the pieces stay one degree. Returns the school's piece or -1.
int school_beside_full_degree(const std::vector<std::string>& pieces) {
  if (pieces.size() != 2) return -1;
  for (int k = 0; k < 2; ++k) {
    const std::string& other = pieces[1 - k];
    if (degree_score(pieces[k]) < 4 || degree_score(other) > 0) continue;
    std::optional<std::string> type, area;
    split_degree(pieces[k], type, area);
    if (type && area) return 1 - k;
  }
  return -1;
}

}  // namespace

void split_degree(std::string_view degree, std::optional<std::string>& study_type,
                  std::optional<std::string>& area) {
  std::string_view d = trim_view(degree);
  study_type.reset();
  area.reset();
  if (d.empty()) return;
  auto set = [&](std::string_view t, std::string_view a) {
    t = trim_separators(t);
    a = trim_separators(a);
    if (!t.empty()) study_type = collapse_ws(t);
    if (!a.empty()) area = collapse_ws(a);
  };
  // "Bachelor of Arts in Psychology", "Diploma in Nursing"
  std::size_t in = d.find(" in ");
  if (in != std::string_view::npos && in > 0) {
    set(d.substr(0, in), d.substr(in + 4));
    return;
  }
  // "MSc, Data Science"; "Master of Science - Physics"
  std::size_t comma = d.find(',');
  if (comma != std::string_view::npos) {
    set(d.substr(0, comma), d.substr(comma + 1));
    return;
  }
  auto parts = split_parts(d);
  if (parts.size() >= 2) {
    std::string rest;
    for (std::size_t k = 1; k < parts.size(); ++k) rest += (k > 1 ? " " : "") + parts[k];
    set(parts[0], rest);
    return;
  }
  auto ws = words(d);
  if (ws.size() >= 2) {
    // "Bachelor of Science Computer Science" is rare; "Bachelor of Arts" stays whole.
    if ((iequals(ws[0], "bachelor") || iequals(ws[0], "master") || iequals(ws[0], "doctor") ||
         iequals(ws[0], "associate") || iequals(ws[0], "bachelors") || iequals(ws[0], "masters") ||
         iequals(ws[0], "bachelor's") || iequals(ws[0], "master's")) &&
        ws.size() >= 3 && iequals(ws[1], "of")) {
      std::size_t cut = static_cast<std::size_t>(ws[2].data() + ws[2].size() - d.data());
      set(d.substr(0, cut), d.substr(cut));
      return;
    }
    // "BSc Computer Science", "M.S. Statistics", "B.Com Accounting", "BA (Hons) Design"
    if (degree_score(ws[0]) >= 4) {
      std::size_t last = ws.size() > 2 && ws[1].front() == '(' && ws[1].back() == ')' ? 1 : 0;
      std::size_t cut = static_cast<std::size_t>(ws[last].data() + ws[last].size() - d.data());
      set(d.substr(0, cut), d.substr(cut));
      return;
    }
  }
  study_type = collapse_ws(d);
}

void parse_education(Context& ctx, const Region& region) {
  EntryOptions opts;
  opts.single_dates = true;
  opts.type = ctx.document.type;
  opts.main_width = ctx.main_width;
  opts.side_width = ctx.side_width;
  auto entries = split_entries(ctx.lines, region.begin, region.end, opts);
  struct Out {
    HeaderPart institution, degree;
    std::optional<std::string> score;
    int score_line = 0;
  };
  std::vector<Out> out(entries.size());
  std::map<int, int> votes;
  std::vector<std::pair<int, int>> pairs(entries.size(), {-1, -1});
  for (std::size_t j = 0; j < entries.size(); ++j) {
    Entry& e = entries[j];
    std::vector<int> rest;
    for (int k = 0; k < static_cast<int>(e.parts.size()); ++k) {
      if (auto s = score_of(e.parts[k].text); s && degree_score(e.parts[k].text) < 4) {
        out[j].score = s;
        out[j].score_line = e.parts[k].line;
        continue;
      }
      if (looks_like_place(e.parts[k].text) && institution_score(e.parts[k].text) == 0 &&
          e.parts.size() >= 3)
        continue;
      rest.push_back(k);
    }
    if (e.at_title >= 0 && rest.size() >= 2) {
      // "BSc Physics at Some University"
      out[j].degree = e.parts[e.at_title];
      out[j].institution = e.parts[e.at_title + 1];
      continue;
    }
    if (rest.size() == 1) {
      // "BSc Physics, University of Oslo": a degree and a school in one comma-separated part.
      auto pieces = comma_pieces(e.parts[rest[0]].text);
      if (pieces.size() >= 2) {
        int inst = -1, best = 0;
        for (int k = 0; k < static_cast<int>(pieces.size()); ++k) {
          int sc = institution_score(pieces[k]) - degree_score(pieces[k]);
          if (sc > best) {
            best = sc;
            inst = k;
          }
        }
        if (inst < 0) inst = school_beside_full_degree(pieces);
        std::string degree, school;
        for (int k = 0; inst >= 0 && k < static_cast<int>(pieces.size()); ++k) {
          bool to_degree = k != inst && (k < inst || degree_score(pieces[k]) > 0);
          std::string& dst = k == inst ? school : to_degree ? degree : school;
          if (!dst.empty()) dst += ", ";
          dst += pieces[k];
        }
        if (inst >= 0 && !degree.empty() && degree_score(degree) > 0) {
          const auto& p = e.parts[rest[0]];
          out[j].institution = {school, p.line, p.source, p.group};
          out[j].degree = {degree, p.line, p.source, p.group};
          rest.clear();
        }
      }
    }
    if (rest.size() == 1) {
      const auto& p = e.parts[rest[0]];
      if (degree_score(p.text) > institution_score(p.text)) {
        out[j].degree = p;
      } else {
        out[j].institution = p;
      }
    } else if (rest.size() == 2) {
      pairs[j] = {rest[0], rest[1]};
      votes[signature(e.parts[rest[0]], e.parts[rest[1]])] +=
          degree_orientation(e.parts[rest[0]].text, e.parts[rest[1]].text);
    } else if (rest.size() >= 3) {
      int bi = rest[0], bd = rest[1], si = -100, sd = -100;
      for (int k : rest) {
        int s = institution_score(e.parts[k].text) - degree_score(e.parts[k].text);
        if (s > si) {
          si = s;
          bi = k;
        }
      }
      for (int k : rest) {
        if (k == bi) continue;
        int s = degree_score(e.parts[k].text) - institution_score(e.parts[k].text);
        if (s > sd) {
          sd = s;
          bd = k;
        }
      }
      out[j].institution = e.parts[bi];
      out[j].degree = e.parts[bd];
    }
    // A grade among the entry's other lines.
    if (!out[j].score) {
      for (const auto& h : e.highlights) {
        if (auto s = score_of(h.text)) {
          out[j].score = s;
          out[j].score_line = h.line;
          break;
        }
      }
    }
  }
  for (std::size_t j = 0; j < entries.size(); ++j) {
    if (pairs[j].first < 0) continue;
    const auto& p0 = entries[j].parts[pairs[j].first];
    const auto& p1 = entries[j].parts[pairs[j].second];
    int own = degree_orientation(p0.text, p1.text);
    int vote = votes[signature(p0, p1)];
    bool first_degree;
    if (own >= 4 || own <= -4) {
      first_degree = own > 0;
    } else if (vote != 0) {
      first_degree = vote > 0;
    } else if (own != 0) {
      first_degree = own > 0;
    } else {
      // The part on the dates' line names the school ("Harvard, 2012 – 2016").
      first_degree = p0.group == p1.group ? true : p0.source != PartSource::DateLine;
    }
    out[j].degree = first_degree ? p0 : p1;
    out[j].institution = first_degree ? p1 : p0;
  }
  for (std::size_t j = 0; j < entries.size(); ++j) {
    const Entry& e = entries[j];
    const Out& o = out[j];
    if (o.institution.text.empty() && o.degree.text.empty()) continue;
    Education ed;
    ed.institution = o.institution.text;
    split_trailing_place(ed.institution);  // "University of Illinois, Urbana, IL"
    split_degree(o.degree.text, ed.studyType, ed.area);
    ed.score = o.score;
    std::string base = "/education/" + std::to_string(ctx.profile.education.size());
    if (e.dates) {
      if (e.dates->range) {
        if (e.dates->start.year) ed.startDate = format_date(e.dates->start);
        if (e.dates->finish) ed.endDate = format_date(*e.dates->finish);
      } else {
        ed.endDate = format_date(e.dates->start);  // a lone date is the graduation
      }
      if (ed.startDate) ctx.evidence(base + "/startDate", e.date_line);
      if (ed.endDate) ctx.evidence(base + "/endDate", e.date_line);
      ctx.date_texts.push_back(e.date_text);
    }
    ctx.evidence(base + "/institution", o.institution.line);
    if (ed.studyType) ctx.evidence(base + "/studyType", o.degree.line);
    if (ed.area) ctx.evidence(base + "/area", o.degree.line);
    if (ed.score) ctx.evidence(base + "/score", o.score_line);
    ctx.profile.education.push_back(std::move(ed));
  }
}

}  // namespace aligncv::resume::detail
