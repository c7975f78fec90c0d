// rewrite_eval: deterministic quality figures of the local rewriting engine over the résumé corpus
// (../shared/datasets/resumes-dev/*.txt). Each résumé is rewritten in every style and tailored
// (moderate) to a job description built from an O*NET posting (tests/eval/match/postings.jsonl:
// the posting the matcher ranks first for the résumé). The scorers are in rewrite_scorers.hpp.
//
//   rewrite_eval [--corpus DIR]   prints the table of docs/accuracy.md ("Rewriting quality")
//
// Exits 0 with a message when the corpus is not checked out.
#include <aligncv/engine.hpp>
#include <aligncv/match.hpp>
#include <aligncv/rewrite.hpp>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "rewrite_scorers.hpp"

namespace fs = std::filesystem;
using namespace aligncv;

namespace {

std::string read(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

struct Tally {
  int outputs = 0;
  int sections_ok = 0;
  int no_fabrication = 0;
  int details_ok = 0;
  long weak_before = 0, weak_after = 0;
  double coverage_before = 0, coverage_after = 0;
  int coverage_n = 0;
  double score_before = 0, score_after = 0;
};

void add(Tally& t, const rewrite::Source& before, const std::string& output, const taxonomy::Taxonomy& tax,
         const rewrite::GuardOptions& guard = {}) {
  const rewrite::Source after = rewrite::make_source(output, tax);
  ++t.outputs;
  t.sections_ok += eval::lost_sections(before, after).empty() ? 1 : 0;
  t.no_fabrication += eval::fabricated(before, output, tax, guard).empty() ? 1 : 0;
  t.details_ok += eval::changed_personal_details(before, after).empty() ? 1 : 0;
  t.weak_before += eval::weak_openers(before);
  t.weak_after += eval::weak_openers(after);
}

std::string pct(int n, int d) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%d/%d (%.1f%%)", n, d, d ? 100.0 * n / d : 0.0);
  return buf;
}

}  // namespace

int main(int argc, char** argv) {
  fs::path corpus = fs::path(ALIGNCV_SOURCE_DIR) / ".." / "shared" / "datasets" / "resumes-dev";
  for (int i = 1; i + 1 < argc; ++i) {
    if (std::string(argv[i]) == "--corpus") corpus = argv[i + 1];
  }
  if (!fs::is_directory(corpus)) {
    std::cout << "rewrite_eval: no corpus at " << corpus.string() << "; skipped\n";
    return 0;
  }
  const auto& tax = taxonomy::Taxonomy::builtin();
  std::vector<match::Job> postings;
  {
    std::ifstream in(fs::path(ALIGNCV_SOURCE_DIR) / "tests" / "eval" / "match" / "postings.jsonl");
    std::string line;
    while (std::getline(in, line)) {
      if (!line.empty()) postings.push_back(match::job_from_record(Json::parse(line), tax));
    }
  }
  match::Index index(tax);
  index.upsert(postings);

  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator(corpus)) {
    if (e.path().extension() == ".txt") files.push_back(e.path());
  }
  std::sort(files.begin(), files.end());

  const rewrite::Rewriter rewriter(tax);
  const rewrite::Style styles[] = {rewrite::Style::Technical, rewrite::Style::Management, rewrite::Style::Creative,
                                   rewrite::Style::Sales,     rewrite::Style::Academic,   rewrite::Style::Executive};
  Tally rewrites, tailors;
  for (const auto& path : files) {
    const rewrite::Source source = rewrite::make_source(read(path), tax);
    for (rewrite::Style style : styles) {
      const rewrite::RewriteResult r = rewriter.rewrite(source, style);
      add(rewrites, source, r.rewritten_text, tax);
      rewrites.score_before += r.impact_score_before;
      rewrites.score_after += r.impact_score;
    }
    const match::Candidate candidate = match::make_candidate(source.parsed, source.text, tax);
    const auto hits = index.search(&candidate, {}, 1);
    if (hits.empty()) continue;
    const match::Job& job = *hits.front().job;
    const std::string description = job.title + "\n\n" + job.description.value_or("");
    const rewrite::TailorResult t = rewriter.tailor(source, description, rewrite::Level::Moderate);
    rewrite::GuardOptions guard;
    guard.allowed = {job.title, job.company};
    add(tailors, source, t.tailored_resume, tax, guard);
    const match::Job target = match::job_from_record({{"title", job.title}, {"company", "-"}, {"description", description}}, tax);
    tailors.coverage_before += eval::keyword_coverage(source, target, tax);
    tailors.coverage_after += eval::keyword_coverage(rewrite::make_source(t.tailored_resume, tax), target, tax);
    ++tailors.coverage_n;
    tailors.score_before += t.match_score_before;
    tailors.score_after += t.match_score;
  }

  std::printf("rewrite_eval: %zu résumés of %s, %zu O*NET postings\n\n", files.size(), corpus.string().c_str(),
              postings.size());
  std::printf("| scorer | rewrite (6 styles) | tailor (moderate) |\n|---|---|---|\n");
  std::printf("| outputs | %d | %d |\n", rewrites.outputs, tailors.outputs);
  std::printf("| every section preserved | %s | %s |\n", pct(rewrites.sections_ok, rewrites.outputs).c_str(),
              pct(tailors.sections_ok, tailors.outputs).c_str());
  std::printf("| no fabricated entity | %s | %s |\n", pct(rewrites.no_fabrication, rewrites.outputs).c_str(),
              pct(tailors.no_fabrication, tailors.outputs).c_str());
  std::printf("| name, e-mail, phone unchanged | %s | %s |\n", pct(rewrites.details_ok, rewrites.outputs).c_str(),
              pct(tailors.details_ok, tailors.outputs).c_str());
  std::printf("| weak openers before -> after (total) | %ld -> %ld | %ld -> %ld |\n", rewrites.weak_before,
              rewrites.weak_after, tailors.weak_before, tailors.weak_after);
  std::printf("| mean impact score before -> after | %.1f -> %.1f | - |\n",
              rewrites.outputs ? rewrites.score_before / rewrites.outputs : 0.0,
              rewrites.outputs ? rewrites.score_after / rewrites.outputs : 0.0);
  std::printf("| mean job keyword coverage before -> after | - | %.1f -> %.1f |\n",
              tailors.coverage_n ? tailors.coverage_before / tailors.coverage_n : 0.0,
              tailors.coverage_n ? tailors.coverage_after / tailors.coverage_n : 0.0);
  std::printf("| mean match score before -> after | - | %.1f -> %.1f |\n",
              tailors.coverage_n ? tailors.score_before / tailors.coverage_n : 0.0,
              tailors.coverage_n ? tailors.score_after / tailors.coverage_n : 0.0);
  return 0;
}
