// Matching speed and memory: top-10 search over synthetic catalogues of 1k .. 1M postings (built
// from the demo catalogue's titles, skills and sentences), index memory per posting, and the
// import rate through the Engine (parse + SQLite + index).
//   build/bin/match_bench [--benchmark_filter=...]          (1k, 10k, 100k)
//   ALIGNCV_BENCH_MAX_POSTINGS=1000000 build/bin/match_bench  (adds the 1M row)
#include <aligncv/engine.hpp>
#include <aligncv/match.hpp>

#include <benchmark/benchmark.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <memory>
#include <random>
#include <unistd.h>
#include <string>
#include <vector>

namespace {

using aligncv::match::Candidate;
using aligncv::match::Index;
using aligncv::match::Job;

const aligncv::taxonomy::Taxonomy& tax() { return aligncv::taxonomy::Taxonomy::builtin(); }

// Postings that vary like a real catalogue: demo postings with other companies, places, skill
// subsets and sentence mixes.
std::vector<Job> synthetic_postings(std::size_t n, uint32_t seed) {
  static const std::vector<Job> demo = aligncv::demo_jobs();
  std::vector<std::string> sentences;
  for (const auto& j : demo) {
    const std::string& d = j.description.value_or("");
    std::size_t start = 0;
    for (std::size_t i = 0; i < d.size(); ++i) {
      if (d[i] == '.' || d[i] == '\n') {
        if (i > start + 20) sentences.push_back(d.substr(start, i - start + 1));
        start = i + 1;
      }
    }
  }
  const char* places[] = {"Berlin, Germany", "Austin, TX, US", "London, UK", "Remote, US", "Paris, France",
                          "Toronto, ON, Canada", "Chicago, IL, US", "Madrid, Spain"};
  const char* levels[] = {"entry", "mid", "senior", "lead"};
  std::mt19937 rng(seed);
  std::vector<Job> out;
  out.reserve(n);
  for (std::size_t i = 0; i < n; ++i) {
    const Job& base = demo[rng() % demo.size()];
    Job j = base;
    j.company = "Company " + std::to_string(rng() % 50000);
    j.job_id = aligncv::match::make_job_id("bench", j.company, j.title, std::to_string(i));
    j.location = places[rng() % 8];
    j.remote = j.location->rfind("Remote", 0) == 0;
    j.experience_level = levels[rng() % 4];
    std::shuffle(j.required_skills.begin(), j.required_skills.end(), rng);
    j.required_skills.resize(std::min<std::size_t>(j.required_skills.size(), 3 + rng() % 5));
    std::string description = base.description.value_or("");
    description = description.substr(0, std::min<std::size_t>(description.size(), 600));
    for (int s = 0; s < 6 && !sentences.empty(); ++s) description += " " + sentences[rng() % sentences.size()];
    j.description = description;
    out.push_back(std::move(j));
  }
  return out;
}

Candidate backend_candidate() {
  const char* text =
      "Jane Doe\nSenior Software Engineer\njane@example.com | Berlin\n\nEXPERIENCE\n"
      "Senior Software Engineer, Northwind, 2018 - Present\n"
      "* Built Python and Go services on PostgreSQL and AWS, 2M requests a day\n"
      "* Ran Kubernetes clusters with Terraform; on-call for the billing platform\n"
      "Software Developer, Contoso, 2014 - 2018\n* Java and JavaScript web applications\n\n"
      "EDUCATION\nBSc Computer Science, TU Berlin, 2010 - 2014\n\n"
      "SKILLS\nPython, Go, Java, JavaScript, PostgreSQL, AWS, Kubernetes, Terraform, Docker, Git\n";
  auto parsed = aligncv::parse_document("resume.txt", text);
  return aligncv::match::make_candidate(parsed.result, parsed.document.text, tax());
}

std::size_t max_postings() {
  const char* v = std::getenv("ALIGNCV_BENCH_MAX_POSTINGS");
  return v ? std::strtoull(v, nullptr, 10) : 100'000;
}

// One index per size, built once and shared by the benchmarks of that size.
Index& index_of(std::size_t n) {
  static std::map<std::size_t, std::unique_ptr<Index>> indexes;
  auto& slot = indexes[n];
  if (!slot) {
    slot = std::make_unique<Index>(tax());
    slot->upsert(synthetic_postings(n, 42));
  }
  return *slot;
}

// Top-10 latency, with p50 and p99 over the iterations as counters.
void BM_Top10(benchmark::State& state) {
  const auto n = static_cast<std::size_t>(state.range(0));
  if (n > max_postings()) {
    state.SkipWithError("set ALIGNCV_BENCH_MAX_POSTINGS to run this size");
    return;
  }
  Index& index = index_of(n);
  const Candidate candidate = backend_candidate();
  std::vector<double> ms;
  for (auto _ : state) {
    const auto start = std::chrono::steady_clock::now();
    auto hits = index.search(&candidate, {}, 10);
    benchmark::DoNotOptimize(hits);
    ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count());
  }
  std::sort(ms.begin(), ms.end());
  state.counters["p50_ms"] = ms[ms.size() / 2];
  state.counters["p99_ms"] = ms[std::min(ms.size() - 1, ms.size() * 99 / 100)];
  state.counters["index_bytes_per_posting"] = static_cast<double>(index.memory_bytes()) / static_cast<double>(n);
}
BENCHMARK(BM_Top10)->Arg(1'000)->Arg(10'000)->Arg(100'000)->Arg(1'000'000)->Unit(benchmark::kMillisecond)
    ->MinTime(2.0)->UseRealTime();

// Import through the Engine: JSON Lines parsing, validation, SQLite upsert and indexing.
void BM_EngineImport(benchmark::State& state) {
  const auto n = static_cast<std::size_t>(state.range(0));
  std::string payload;
  for (const auto& j : synthetic_postings(n, 7)) payload += aligncv::match::to_json(j).dump() + "\n";
  for (auto _ : state) {
    state.PauseTiming();
    const auto dir = std::filesystem::temp_directory_path() / ("aligncv-import-bench-" + std::to_string(::getpid()));
    std::filesystem::remove_all(dir);
    aligncv::Options o;
    o.data_dir = dir.string();
    o.log_to_console = false;
    o.log_file = "";
    o.demo_jobs = false;
    o.admin_emails = {"admin@example.com"};
    o.argon2 = {1024, 1, 1};
    auto engine = aligncv::Engine::open(o);
    auto r = engine->signup({{"name", "Admin"}, {"email", "admin@example.com"}, {"password", "bench-password"}});
    const auto admin = engine->authenticate(r.tokens.access_token);
    state.ResumeTiming();
    auto summary = engine->import_jobs(admin, payload, "jsonl", "");
    benchmark::DoNotOptimize(summary);
    state.PauseTiming();
    engine.reset();
    std::filesystem::remove_all(dir);
    state.ResumeTiming();
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * n));
}
BENCHMARK(BM_EngineImport)->Arg(20'000)->Unit(benchmark::kMillisecond)->Iterations(3)->UseRealTime();

// Reading and validating an import alone (what a bad payload costs before anything is stored).
void BM_ParseImport(benchmark::State& state) {
  const auto format = static_cast<aligncv::match::ImportFormat>(state.range(0));
  std::string payload;
  const auto jobs = synthetic_postings(20'000, 7);
  if (format == aligncv::match::ImportFormat::JsonLines) {
    for (const auto& j : jobs) payload += aligncv::match::to_json(j).dump() + "\n";
  } else {  // JobSpy CSV without skill columns: skills come from the descriptions
    payload = "site,title,company,location,description\n";
    auto quoted = [](const std::string& v) {
      std::string out = "\"";
      for (char c : v) out += c == '"' ? std::string("\"\"") : std::string(1, c);
      return out + "\"";
    };
    for (const auto& j : jobs) {
      payload += "indeed," + quoted(j.title) + "," + quoted(j.company) + "," + quoted(j.location.value_or("")) + "," +
                 quoted(j.description.value_or("")) + "\n";
    }
  }
  for (auto _ : state) {
    auto batch = aligncv::match::parse_import(payload, format, tax());
    benchmark::DoNotOptimize(batch);
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * jobs.size()));
}
BENCHMARK(BM_ParseImport)
    ->Arg(static_cast<int>(aligncv::match::ImportFormat::JsonLines))
    ->Arg(static_cast<int>(aligncv::match::ImportFormat::Csv))
    ->Unit(benchmark::kMillisecond)->Iterations(3)->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
