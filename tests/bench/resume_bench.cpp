// Résumé parsing speed: resume::parse on a two-page résumé, and text::extract + parse of a corpus
// PDF next to the time `pdftotext` takes on the same file.
//   build/bin/resume_bench [--benchmark_filter=...]
// The corpus is ../shared/datasets/resumes-dev next to the repository (or $RESUMES_DEV); the
// benchmarks that need it are skipped without it.
#include <aligncv/document.hpp>
#include <aligncv/resume.hpp>
#include <aligncv/taxonomy.hpp>

#include <benchmark/benchmark.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

namespace {

namespace fs = std::filesystem;

// About two pages of text with every kind of section.
std::string two_page_resume() {
  std::string s =
      "Jane Doe\nSenior Backend Engineer\njane.doe@example.com | +49 30 1234567 | Berlin, Germany\n"
      "linkedin.com/in/janedoe | github.com/janedoe\n\n"
      "SUMMARY\nBackend engineer with nine years of experience designing payment, billing and "
      "data\n"
      "platforms in Go, Python and Java. I care about reliability, observability and mentoring.\n\n"
      "PROFESSIONAL EXPERIENCE\n";
  const char* companies[] = {"Northwind Analytics", "Contoso GmbH",         "Fabrikam Inc",
                             "Tailspin Toys",       "Wide World Importers", "Adventure Works"};
  const char* titles[] = {"Senior Backend Engineer", "Software Engineer, Payments",
                          "Backend Developer",       "Data Engineer",
                          "Software Engineer",       "Junior Developer"};
  for (int i = 0; i < 6; ++i) {
    s += std::string(companies[i]) + ", Berlin | Mar " + std::to_string(2022 - 2 * i) + " – " +
         (i == 0 ? std::string("Present") : "Feb " + std::to_string(2024 - 2 * i)) + "\n" +
         titles[i] + "\n";
    for (int k = 0; k < 5; ++k) {
      s += "• Cut p99 latency of the billing API from 900 ms to 120 ms by moving hot paths to Go "
           "and\n"
           "  caching account lookups in Redis; rolled out behind feature flags to 40 services\n";
    }
    s += "\n";
  }
  s +=
      "EDUCATION\nTechnische Universität Berlin — Oct 2010 – Sep 2014\nMSc, Computer Science\n"
      "University of Oslo, 2006 – 2010\nBachelor of Science in Mathematics\nGPA: 3.8/4.0\n\n"
      "TECHNICAL SKILLS\nLanguages: Go, Python, Java, SQL, TypeScript\n"
      "Tools & Platforms: Kubernetes, Docker, PostgreSQL, Kafka, Redis, AWS, Terraform, Grafana\n\n"
      "PROJECTS\nLedger: double-entry bookkeeping library\n- 2k stars on GitHub\n\n"
      "CERTIFICATIONS\nAWS Certified Solutions Architect – Amazon Web Services, 2021\n\n"
      "LANGUAGES\nEnglish (fluent), German (native), French (B1)\n";
  return s;
}

fs::path dataset() {
  if (const char* env = std::getenv("RESUMES_DEV")) return env;
  return (fs::path(ALIGNCV_SOURCE_DIR) / ".." / "shared" / "datasets" /
          "resumes-dev")
      .lexically_normal();
}

std::string read_file(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

const aligncv::taxonomy::Taxonomy& taxonomy() { return aligncv::taxonomy::Taxonomy::builtin(); }

void BM_ParseTwoPageResume(benchmark::State& state) {
  aligncv::text::Document doc;
  doc.text = two_page_resume();
  aligncv::resume::ParseOptions options{"2024-06"};
  for (auto _ : state) {
    auto r = aligncv::resume::parse(doc, taxonomy(), options);
    benchmark::DoNotOptimize(r);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * doc.text.size()));
  state.counters["bytes"] = static_cast<double>(doc.text.size());
}
BENCHMARK(BM_ParseTwoPageResume)->Unit(benchmark::kMicrosecond);

// The corpus PDF that runs onto a second page.
constexpr const char* kPdf = "cv015.pdf";

void BM_ParseCorpusPdfText(benchmark::State& state) {
  fs::path pdf = dataset() / kPdf;
  if (!fs::exists(pdf)) {
    state.SkipWithError("corpus not found (set RESUMES_DEV)");
    return;
  }
  auto doc = aligncv::text::extract(kPdf, read_file(pdf));
  aligncv::resume::ParseOptions options{"2024-06"};
  for (auto _ : state) {
    auto r = aligncv::resume::parse(doc, taxonomy(), options);
    benchmark::DoNotOptimize(r);
  }
}
BENCHMARK(BM_ParseCorpusPdfText)->Unit(benchmark::kMicrosecond);

void BM_ExtractAndParseCorpusPdf(benchmark::State& state) {
  fs::path pdf = dataset() / kPdf;
  if (!fs::exists(pdf)) {
    state.SkipWithError("corpus not found (set RESUMES_DEV)");
    return;
  }
  std::string bytes = read_file(pdf);
  aligncv::resume::ParseOptions options{"2024-06"};
  for (auto _ : state) {
    auto doc = aligncv::text::extract(kPdf, bytes);
    auto r = aligncv::resume::parse(doc, taxonomy(), options);
    benchmark::DoNotOptimize(r);
  }
}
BENCHMARK(BM_ExtractAndParseCorpusPdf)->Unit(benchmark::kMillisecond);

// pdftotext (poppler-utils) on the same file, as a separate process writing to a pipe: the
// baseline a shell pipeline would pay. Skipped when the tool is not installed.
void BM_PdftotextCorpusPdf(benchmark::State& state) {
  fs::path pdf = dataset() / kPdf;
  if (!fs::exists(pdf) || std::system("command -v pdftotext >/dev/null 2>&1") != 0) {
    state.SkipWithError("corpus or pdftotext not found");
    return;
  }
  std::string cmd = "pdftotext -q '" + pdf.string() + "' -";
  for (auto _ : state) {
    FILE* p = popen(cmd.c_str(), "r");
    if (!p) {
      state.SkipWithError("popen failed");
      return;
    }
    char buf[4096];
    std::size_t n = 0;
    while (std::size_t got = std::fread(buf, 1, sizeof buf, p)) n += got;
    pclose(p);
    benchmark::DoNotOptimize(n);
  }
}
BENCHMARK(BM_PdftotextCorpusPdf)->Unit(benchmark::kMillisecond)->UseRealTime();

// The whole corpus in one run: every one- and two-column PDF through extract + parse, then the
// same files through pdftotext, and every DOCX (documents per second on one core).
std::vector<fs::path> corpus_files(const std::string& suffix) {
  std::vector<fs::path> files;
  if (!fs::exists(dataset())) return files;
  for (const auto& entry : fs::directory_iterator(dataset())) {
    const std::string name = entry.path().filename().string();
    if (name.size() > suffix.size() && name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0) {
      files.push_back(entry.path());
    }
  }
  std::sort(files.begin(), files.end());
  return files;
}

void extract_and_parse_all(benchmark::State& state, const std::string& suffix) {
  std::vector<std::pair<std::string, std::string>> docs;
  for (const auto& f : corpus_files(suffix)) docs.emplace_back(f.filename().string(), read_file(f));
  if (docs.empty()) {
    state.SkipWithError("corpus not found (set RESUMES_DEV)");
    return;
  }
  aligncv::resume::ParseOptions options{"2024-06"};
  for (auto _ : state) {
    for (const auto& [name, bytes] : docs) {
      auto r = aligncv::resume::parse(aligncv::text::extract(name, bytes), taxonomy(), options);
      benchmark::DoNotOptimize(r);
    }
  }
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(docs.size()));
}

void BM_ExtractAndParseAllCorpusPdfs(benchmark::State& state) { extract_and_parse_all(state, ".pdf"); }
BENCHMARK(BM_ExtractAndParseAllCorpusPdfs)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_PdftotextAllCorpusPdfs(benchmark::State& state) {
  auto files = corpus_files(".pdf");
  if (files.empty() || std::system("command -v pdftotext >/dev/null 2>&1") != 0) {
    state.SkipWithError("corpus or pdftotext not found");
    return;
  }
  for (auto _ : state) {
    for (const auto& f : files) {
      std::string cmd = "pdftotext -q '" + f.string() + "' -";
      FILE* p = popen(cmd.c_str(), "r");
      if (!p) {
        state.SkipWithError("popen failed");
        return;
      }
      char buf[4096];
      std::size_t n = 0;
      while (std::size_t got = std::fread(buf, 1, sizeof buf, p)) n += got;
      pclose(p);
      benchmark::DoNotOptimize(n);
    }
  }
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(files.size()));
}
BENCHMARK(BM_PdftotextAllCorpusPdfs)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_ExtractAndParseAllCorpusDocx(benchmark::State& state) { extract_and_parse_all(state, ".docx"); }
BENCHMARK(BM_ExtractAndParseAllCorpusDocx)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
