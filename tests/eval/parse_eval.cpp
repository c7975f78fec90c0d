// parse_eval: accuracy of text::extract + resume::parse on the resumes-dev corpus, per field and
// per rendering (txt, docx, pdf, two-column pdf). Method and results: docs/accuracy.md.
//
//   parse_eval [DATASET_DIR] [--markdown OUT] [--check] [--verbose]
//
// DATASET_DIR defaults to <repo>/../shared/datasets/resumes-dev; when it is missing the program
// says so and exits 0. --check exits 1 when a target of docs/accuracy.md is missed.
#include <aligncv/document.hpp>
#include <aligncv/json.hpp>
#include <aligncv/resume.hpp>
#include <aligncv/taxonomy.hpp>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

namespace fs = std::filesystem;
using aligncv::Json;

namespace {

// Whitespace collapsed, and the few compatibility characters NFKC folds in these documents
// (ligatures, curly quotes, dashes, no-break and thin spaces, ellipsis) folded the same way.
std::string normalize(const std::string& s) {
  static const std::pair<const char*, const char*> kFold[] = {
      {"\xEF\xAC\x80", "ff"},  {"\xEF\xAC\x81", "fi"},  {"\xEF\xAC\x82", "fl"},
      {"\xEF\xAC\x83", "ffi"}, {"\xEF\xAC\x84", "ffl"}, {"\xE2\x80\x98", "'"},
      {"\xE2\x80\x99", "'"},   {"\xE2\x80\x9C", "\""},  {"\xE2\x80\x9D", "\""},
      {"\xE2\x80\x93", "-"},   {"\xE2\x80\x94", "-"},   {"\xE2\x80\x92", "-"},
      {"\xE2\x88\x92", "-"},   {"\xE2\x80\xA6", "..."}, {"\xC2\xA0", " "},
      {"\xE2\x80\x89", " "},   {"\xE2\x80\xAF", " "},   {"\xE2\x80\x8B", ""},
      {"\xEF\xBB\xBF", ""},
  };
  std::string t;
  t.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) {
    bool folded = false;
    for (const auto& [from, to] : kFold) {
      std::size_t n = std::char_traits<char>::length(from);
      if (s.compare(i, n, from) == 0) {
        t += to;
        i += n;
        folded = true;
        break;
      }
    }
    if (!folded) t += s[i++];
  }
  std::string out;
  bool space = false;
  for (char c : t) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += c;
  }
  return out;
}

std::string lower(std::string s) {
  for (char& c : s) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return s;
}

// A degree compared through the profile's split: "Bachelor of Arts in Psychology" is right when
// studyType "Bachelor of Arts" and area "Psychology" rebuild it (the " in " / ", " between them is
// not stored).
std::string degree_key(const std::string& s) {
  std::string n = lower(normalize(s));
  std::string out;
  for (std::size_t i = 0; i < n.size(); ++i) {
    if (n.compare(i, 4, " in ") == 0) {
      out += ' ';
      i += 3;
    } else if (n[i] != ',') {
      out += n[i];
    }
  }
  return normalize(out);
}

std::string opt(const std::optional<std::string>& v) {
  return v ? normalize(*v) : std::string("<null>");
}
std::string jstr(const Json& v) {
  return v.is_string() ? normalize(v.get<std::string>()) : std::string("<null>");
}

struct Counter {
  long hit = 0, total = 0;
  void add(bool ok) {
    hit += ok ? 1 : 0;
    ++total;
  }
  double pct() const {
    return total ? 100.0 * static_cast<double>(hit) / static_cast<double>(total) : 0.0;
  }
};

struct Prf {
  long tp = 0, predicted = 0, expected = 0;
  double precision() const {
    return predicted ? 100.0 * static_cast<double>(tp) / static_cast<double>(predicted) : 0;
  }
  double recall() const {
    return expected ? 100.0 * static_cast<double>(tp) / static_cast<double>(expected) : 0;
  }
  double f1() const {
    double p = precision(), r = recall();
    return p + r > 0 ? 2 * p * r / (p + r) : 0;
  }
};

struct Scores {
  Counter name, email, phone, location, label, summary, work_dates, edu_dates, files;
  Prf work, education, skills, highlights;
  double seconds = 0;
  std::vector<std::string> misses;
};

struct Format {
  const char* key;     // column name
  const char* suffix;  // file name after cvNNN
};
constexpr Format kFormats[] = {
    {"txt", ".txt"}, {"docx", ".docx"}, {"pdf", ".pdf"}, {"2col.pdf", ".2col.pdf"}};

std::string read_file(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

void score_one(const std::string& id, const Json& truth, const aligncv::resume::ParseResult& r,
               Scores& s, bool verbose) {
  const auto& p = r.profile;
  const auto& b = p.basics;
  auto check = [&](Counter& c, const std::string& field, const std::string& got,
                   const std::string& want) {
    bool ok = got == want;
    c.add(ok);
    if (!ok && verbose)
      s.misses.push_back(id + " " + field + ": got \"" + got + "\" want \"" + want + "\"");
  };
  check(s.name, "name", opt(b.name), jstr(truth["name"]));
  check(s.email, "email", opt(b.email), jstr(truth["email"]));
  check(s.phone, "phone", opt(b.phone), jstr(truth["phone"]));
  check(s.location, "location", opt(b.location.city), jstr(truth["location"]));
  check(s.label, "label", opt(b.label), jstr(truth["label"]));
  check(s.summary, "summary", opt(b.summary), jstr(truth["summary"]));

  // Work: (company, position) pairs; dates and highlights of the matched entries.
  std::multiset<std::pair<std::string, std::string>> predicted;
  for (const auto& w : p.work) predicted.insert({normalize(w.name), normalize(w.position)});
  s.work.predicted += static_cast<long>(p.work.size());
  std::vector<char> used(p.work.size(), 0);
  for (const auto& tw : truth["work"]) {
    ++s.work.expected;
    std::pair<std::string, std::string> key{jstr(tw["company"]), jstr(tw["position"])};
    int match = -1;
    for (std::size_t k = 0; k < p.work.size(); ++k) {
      if (!used[k] && normalize(p.work[k].name) == key.first &&
          normalize(p.work[k].position) == key.second) {
        match = static_cast<int>(k);
        break;
      }
    }
    if (match < 0) {
      if (verbose)
        s.misses.push_back(id + " work: missing (" + key.first + " | " + key.second + ")");
      continue;
    }
    used[match] = 1;
    ++s.work.tp;
    const auto& w = p.work[match];
    bool dates_ok = opt(w.startDate) == jstr(tw["start"]) && opt(w.endDate) == jstr(tw["end"]);
    s.work_dates.add(dates_ok);
    if (!dates_ok && verbose) {
      s.misses.push_back(id + " work dates: got " + opt(w.startDate) + ".." + opt(w.endDate) +
                         " want " + jstr(tw["start"]) + ".." + jstr(tw["end"]));
    }
    std::multiset<std::string> got;
    for (const auto& h : w.highlights) got.insert(normalize(h));
    s.highlights.predicted += static_cast<long>(w.highlights.size());
    for (const auto& th : tw["highlights"]) {
      ++s.highlights.expected;
      auto it = got.find(jstr(th));
      if (it != got.end()) {
        ++s.highlights.tp;
        got.erase(it);
      }
    }
  }
  for (std::size_t k = 0; verbose && k < p.work.size(); ++k) {
    if (!used[k])
      s.misses.push_back(id + " work: extra (" + p.work[k].name + " | " + p.work[k].position + ")");
  }

  // Education: (institution, degree) pairs and their dates.
  s.education.predicted += static_cast<long>(p.education.size());
  std::vector<char> eused(p.education.size(), 0);
  for (const auto& te : truth["education"]) {
    ++s.education.expected;
    std::string inst = jstr(te["institution"]);
    std::string deg = degree_key(te["degree"].get<std::string>());
    int match = -1;
    for (std::size_t k = 0; k < p.education.size(); ++k) {
      const auto& e = p.education[k];
      std::string got =
          degree_key((e.studyType ? *e.studyType : "") + " " + (e.area ? *e.area : ""));
      if (!eused[k] && normalize(e.institution) == inst && got == deg) {
        match = static_cast<int>(k);
        break;
      }
    }
    if (match < 0) {
      if (verbose)
        s.misses.push_back(id + " education: missing (" + inst + " | " + jstr(te["degree"]) + ")");
      continue;
    }
    eused[match] = 1;
    ++s.education.tp;
    const auto& e = p.education[match];
    bool ok = opt(e.startDate) == jstr(te["start"]) && opt(e.endDate) == jstr(te["end"]);
    s.edu_dates.add(ok);
    if (!ok && verbose) {
      s.misses.push_back(id + " education dates: got " + opt(e.startDate) + ".." + opt(e.endDate) +
                         " want " + jstr(te["start"]) + ".." + jstr(te["end"]));
    }
  }

  // Skills: the truth's skills against every keyword of every group, as written.
  std::multiset<std::string> keywords;
  for (const auto& g : p.skills) {
    for (const auto& k : g.keywords) keywords.insert(normalize(k));
  }
  s.skills.predicted += static_cast<long>(keywords.size());
  for (const auto& ts : truth["skills"]) {
    ++s.skills.expected;
    auto it = keywords.find(jstr(ts));
    if (it != keywords.end()) {
      ++s.skills.tp;
      keywords.erase(it);
    } else if (verbose) {
      s.misses.push_back(id + " skill missing: " + jstr(ts));
    }
  }
  for (const auto& k : keywords) {
    if (verbose) s.misses.push_back(id + " skill extra: " + k);
  }
}

struct Row {
  std::string label;
  std::function<double(const Scores&)> value;
  double target;  // percent; 0 = reported only
};

std::string fmt(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", v);
  return buf;
}

}  // namespace

int main(int argc, char** argv) {
  fs::path dataset = fs::path(ALIGNCV_SOURCE_DIR) / ".." / "shared" / "datasets" / "resumes-dev";
  std::string markdown_out;
  bool check = false, verbose = false;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--markdown" && i + 1 < argc) {
      markdown_out = argv[++i];
    } else if (a == "--check") {
      check = true;
    } else if (a == "--verbose" || a == "-v") {
      verbose = true;
    } else if (a == "--help" || a == "-h") {
      std::cout << "usage: parse_eval [DATASET_DIR] [--markdown OUT] [--check] [--verbose]\n";
      return 0;
    } else {
      dataset = a;
    }
  }
  dataset = dataset.lexically_normal();
  if (!fs::is_directory(dataset) || !fs::exists(dataset / "manifest.json")) {
    std::cout << "dataset not found: " << dataset.string() << " (evaluation skipped)\n";
    return 0;
  }
  Json manifest = Json::parse(read_file(dataset / "manifest.json"));
  aligncv::resume::ParseOptions options;
  options.reference_month = manifest.value("reference_month", std::string("2024-06"));
  std::vector<std::string> ids;
  for (const auto& r : manifest["resumes"]) ids.push_back(r["id"].get<std::string>());

  const auto& taxonomy = aligncv::taxonomy::Taxonomy::builtin();
  std::map<std::string, Scores> scores;
  for (const auto& f : kFormats) {
    Scores& s = scores[f.key];
    for (const auto& id : ids) {
      fs::path file = dataset / (id + f.suffix);
      fs::path truth_file = dataset / (id + ".truth.json");
      if (!fs::exists(file) || !fs::exists(truth_file)) continue;
      Json truth = Json::parse(read_file(truth_file));
      std::string bytes = read_file(file);
      aligncv::resume::ParseResult r;
      auto start = std::chrono::steady_clock::now();
      try {
        auto doc = aligncv::text::extract(file.filename().string(), bytes);
        r = aligncv::resume::parse(doc, taxonomy, options);
      } catch (const std::exception& e) {
        s.misses.push_back(id + f.suffix + ": extraction failed: " + e.what());
      }
      s.seconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
      s.files.add(true);
      score_one(id + f.suffix, truth, r, s, verbose);
    }
  }

  const std::vector<Row> rows = {
      {"name", [](const Scores& s) { return s.name.pct(); }, 98},
      {"email", [](const Scores& s) { return s.email.pct(); }, 98},
      {"phone", [](const Scores& s) { return s.phone.pct(); }, 98},
      {"location", [](const Scores& s) { return s.location.pct(); }, 98},
      {"label", [](const Scores& s) { return s.label.pct(); }, 98},
      {"summary", [](const Scores& s) { return s.summary.pct(); }, 0},
      {"work F1 (company, position)", [](const Scores& s) { return s.work.f1(); }, 95},
      {"work precision", [](const Scores& s) { return s.work.precision(); }, 0},
      {"work recall", [](const Scores& s) { return s.work.recall(); }, 0},
      {"work dates (start+end of matched)", [](const Scores& s) { return s.work_dates.pct(); }, 95},
      {"highlights F1 (matched entries)", [](const Scores& s) { return s.highlights.f1(); }, 0},
      {"education F1 (institution, degree)", [](const Scores& s) { return s.education.f1(); }, 90},
      {"education dates (matched)", [](const Scores& s) { return s.edu_dates.pct(); }, 95},
      {"skills recall", [](const Scores& s) { return s.skills.recall(); }, 90},
      {"skills precision", [](const Scores& s) { return s.skills.precision(); }, 0},
  };

  std::ostringstream md;
  md << "| field | target |";
  for (const auto& f : kFormats) md << " " << f.key << " |";
  md << "\n|---|---|";
  for (std::size_t i = 0; i < std::size(kFormats); ++i) md << "---|";
  md << "\n";
  bool missed = false;
  for (const auto& row : rows) {
    md << "| " << row.label << " | " << (row.target > 0 ? "≥ " + fmt(row.target) : std::string("–"))
       << " |";
    for (const auto& f : kFormats) {
      double v = row.value(scores[f.key]);
      bool below = row.target > 0 && v + 1e-9 < row.target;
      missed = missed || below;
      md << " " << fmt(v) << (below ? " ✗" : "") << " |";
    }
    md << "\n";
  }
  md << "| documents | – |";
  for (const auto& f : kFormats) md << " " << scores[f.key].files.total << " |";
  md << "\n| extract + parse, ms per document | – |";
  for (const auto& f : kFormats) {
    const Scores& s = scores[f.key];
    md << " " << fmt(s.files.total ? 1000.0 * s.seconds / static_cast<double>(s.files.total) : 0)
       << " |";
  }
  md << "\n";

  std::cout << "resumes-dev: " << ids.size() << " résumés, reference month "
            << options.reference_month << "\n\n"
            << md.str();
  for (const auto& f : kFormats) {
    for (const auto& m : scores[f.key].misses) std::cout << "  [" << f.key << "] " << m << "\n";
  }
  if (!markdown_out.empty()) {
    std::ofstream out(markdown_out);
    out << md.str();
    if (!out) {
      std::cerr << "cannot write " << markdown_out << "\n";
      return 2;
    }
  }
  if (check && missed) {
    std::cout << "\nsome targets were missed\n";
    return 1;
  }
  return 0;
}
