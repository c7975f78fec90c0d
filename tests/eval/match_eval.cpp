// match_eval: how well the matcher ranks postings for résumés of many occupations.
//
//   match_eval [EVAL_DIR] [--verbose] [--markdown OUT]
//
// EVAL_DIR (default <repo>/tests/eval/match) holds cases.jsonl (résumés, each with the O*NET-SOC
// codes that count as a right answer) and postings.jsonl (one posting per O*NET occupation, with
// its code). Every résumé is parsed as an upload would be and matched against every posting; the
// program prints top-1, top-3 and MRR for the matcher and for a plain TF-IDF cosine baseline.
// Method and results: docs/accuracy.md.
#include <aligncv/engine.hpp>
#include <aligncv/match.hpp>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <unordered_map>
#include <vector>

#include "match/terms.hpp"

namespace fs = std::filesystem;
using aligncv::Json;

namespace {

struct Case {
  std::string id, category, text;
  std::set<std::string> accept;
};

struct Scores {
  int n = 0, top1 = 0, top3 = 0;
  double rr = 0;
  void add(int rank) {  // 1-based, 0 = not found
    ++n;
    if (rank == 1) ++top1;
    if (rank >= 1 && rank <= 3) ++top3;
    if (rank >= 1) rr += 1.0 / rank;
  }
  std::string row(const std::string& name) const {
    char buf[160];
    std::snprintf(buf, sizeof buf, "| %s | %.1f%% | %.1f%% | %.3f |", name.c_str(), 100.0 * top1 / n,
                  100.0 * top3 / n, rr / n);
    return buf;
  }
};

std::vector<Json> read_jsonl(const fs::path& path) {
  std::ifstream in(path);
  std::vector<Json> out;
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty()) out.push_back(Json::parse(line));
  }
  return out;
}

// Plain TF-IDF cosine over the same terms: the baseline the issue compares against.
class TfIdf {
 public:
  void add(const std::string& text) {
    std::unordered_map<std::string, double> tf;
    for (auto& t : aligncv::match::terms_of(text)) tf[t] += 1;
    for (const auto& [t, n] : tf) df_[t] += 1;
    docs_.push_back(std::move(tf));
  }
  std::vector<double> scores(const std::string& query) const {
    auto q = weights(count(query));
    std::vector<double> out;
    for (const auto& d : docs_) {
      auto w = weights(d);
      double dot = 0, nq = 0, nd = 0;
      for (const auto& [t, v] : q) {
        nq += v * v;
        auto it = w.find(t);
        if (it != w.end()) dot += v * it->second;
      }
      for (const auto& [t, v] : w) nd += v * v;
      out.push_back(nq > 0 && nd > 0 ? dot / std::sqrt(nq * nd) : 0);
    }
    return out;
  }

 private:
  static std::unordered_map<std::string, double> count(const std::string& text) {
    std::unordered_map<std::string, double> tf;
    for (auto& t : aligncv::match::terms_of(text)) tf[t] += 1;
    return tf;
  }
  std::unordered_map<std::string, double> weights(const std::unordered_map<std::string, double>& tf) const {
    std::unordered_map<std::string, double> w;
    const double n = static_cast<double>(docs_.size());
    for (const auto& [t, c] : tf) {
      auto it = df_.find(t);
      if (it == df_.end()) continue;
      w[t] = c * std::log(n / it->second);
    }
    return w;
  }
  std::vector<std::unordered_map<std::string, double>> docs_;
  std::unordered_map<std::string, double> df_;
};

}  // namespace

int main(int argc, char** argv) {
  fs::path dir = fs::path(ALIGNCV_SOURCE_DIR) / "tests" / "eval" / "match";
  bool verbose = false;
  std::string markdown;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--verbose") {
      verbose = true;
    } else if (a == "--markdown" && i + 1 < argc) {
      markdown = argv[++i];
    } else if (a == "--help" || a == "-h") {
      std::cout << "usage: match_eval [EVAL_DIR] [--verbose] [--markdown OUT]\n";
      return 0;
    } else {
      dir = a;
    }
  }
  if (!fs::exists(dir / "cases.jsonl") || !fs::exists(dir / "postings.jsonl")) {
    std::cout << "evaluation data not found in " << dir.string() << " (evaluation skipped)\n";
    return 0;
  }
  const auto& taxonomy = aligncv::taxonomy::Taxonomy::builtin();
  std::vector<aligncv::match::Job> jobs;
  std::unordered_map<std::string, std::string> code_of;  // job_id -> O*NET-SOC code
  std::vector<std::string> codes;
  TfIdf baseline;
  for (const auto& p : read_jsonl(dir / "postings.jsonl")) {
    auto job = aligncv::match::job_from_record(p, taxonomy);
    code_of[job.job_id] = p.at("onet_code").get<std::string>();
    codes.push_back(p.at("onet_code").get<std::string>());
    baseline.add(job.title + "\n" + job.description.value_or(""));
    jobs.push_back(std::move(job));
  }
  std::vector<Case> cases;
  for (const auto& c : read_jsonl(dir / "cases.jsonl")) {
    Case k{c.at("id"), c.at("category"), c.at("text"), {}};
    for (const auto& a : c.at("accept")) k.accept.insert(a.get<std::string>());
    cases.push_back(std::move(k));
  }
  aligncv::match::Index index(taxonomy);
  index.upsert(jobs);

  Scores ours, base;
  std::map<std::string, Scores> per_category;
  for (const auto& c : cases) {
    const auto parsed = aligncv::parse_document(c.id + ".txt", c.text);
    const auto candidate = aligncv::match::make_candidate(parsed.result, parsed.document.text, taxonomy);
    const auto hits = index.search(&candidate, {}, 50);
    int rank = 0;
    for (std::size_t i = 0; i < hits.size(); ++i) {
      if (c.accept.count(code_of[hits[i].job->job_id])) {
        rank = static_cast<int>(i) + 1;
        break;
      }
    }
    ours.add(rank);
    per_category[c.category].add(rank);
    const auto s = baseline.scores(c.text);
    std::vector<std::size_t> order(s.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return s[a] > s[b]; });
    int base_rank = 0;
    for (std::size_t i = 0; i < order.size() && i < 50; ++i) {
      if (c.accept.count(codes[order[i]])) {
        base_rank = static_cast<int>(i) + 1;
        break;
      }
    }
    base.add(base_rank);
    if (verbose && rank != 1) {
      auto show = [&](const aligncv::match::Hit& h) {
        const auto& k = h.components;
        auto v = [](const std::optional<double>& x) { return x ? std::to_string(static_cast<int>(*x)) : "-"; };
        std::cout << "    " << h.job->title << " [" << code_of[h.job->job_id] << "] " << h.combined_score
                  << " skills " << v(k.skills) << " semantic " << v(k.semantic) << " title " << v(k.title)
                  << " seniority " << v(k.seniority) << " education " << v(k.education) << "\n";
      };
      std::cout << c.id << " (" << c.category << "): rank " << rank << "\n";
      for (std::size_t i = 0; i < std::min<std::size_t>(2, hits.size()); ++i) show(hits[i]);
      if (rank > 2) show(hits[static_cast<std::size_t>(rank - 1)]);
    }
  }
  std::ostringstream table;
  table << "| ranker | top-1 | top-3 | MRR |\n|---|---|---|---|\n"
        << ours.row("AlignCV matcher") << "\n"
        << base.row("TF-IDF cosine baseline") << "\n";
  table << "\n" << cases.size() << " résumés, " << jobs.size() << " postings.\n";
  std::cout << table.str();
  if (verbose) {
    std::cout << "\n| category | top-1 | top-3 | MRR |\n|---|---|---|---|\n";
    for (const auto& [name, s] : per_category) std::cout << s.row(name) << "\n";
  }
  if (!markdown.empty()) std::ofstream(markdown) << table.str();
  return 0;
}
