// Local rewriting speed on a two-page résumé: rewrite in a style, and tailoring to a posting
// (target ≤ 20 ms each on one core, issue 5). The input is parsed once, as the engine does.
//   build/bin/rewrite_bench [--benchmark_filter=...]
#include <aligncv/rewrite.hpp>
#include <aligncv/taxonomy.hpp>

#include <benchmark/benchmark.h>

#include <string>

namespace {

// About two pages with every kind of section (as in resume_bench.cpp), with weak bullets mixed in.
std::string two_page_resume() {
  std::string s =
      "Jane Doe\nSenior Backend Engineer\njane.doe@example.com | +49 30 1234567 | Berlin, Germany\n"
      "linkedin.com/in/janedoe | github.com/janedoe\n\n"
      "SUMMARY\nI am a passionate backend engineer with nine years of experience designing payment, billing and "
      "data platforms in Go, Python and Java. I care about reliability, observability and mentoring.\n\n"
      "PROFESSIONAL EXPERIENCE\n";
  const char* companies[] = {"Northwind Analytics", "Contoso GmbH",         "Fabrikam Inc",
                             "Tailspin Toys",       "Wide World Importers", "Adventure Works"};
  const char* titles[] = {"Senior Backend Engineer", "Software Engineer, Payments",
                          "Backend Developer",       "Data Engineer",
                          "Software Engineer",       "Junior Developer"};
  for (int i = 0; i < 6; ++i) {
    s += std::string(companies[i]) + ", Berlin | Mar " + std::to_string(2022 - 2 * i) + " – " +
         (i == 0 ? std::string("Present") : "Feb " + std::to_string(2024 - 2 * i)) + "\n" + titles[i] + "\n";
    s += "• Cut p99 latency of the billing API from 900 ms to 120 ms by moving hot paths to Go and\n"
         "  caching account lookups in Redis; rolled out behind feature flags to 40 services\n"
         "• Responsible for the invoicing pipeline in Python and PostgreSQL\n"
         "• Helped migrate the reporting jobs to Kafka\n"
         "• Worked on monitoring with Grafana for the on-call team\n"
         "• I built the data export used by finance every month\n\n";
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

const char* kJob =
    "Senior Backend Engineer, Billing. Northwind builds billing software for utilities. You will own our "
    "Python services on AWS, design PostgreSQL schemas, run Kafka pipelines and keep our Kubernetes "
    "platform healthy. Requirements: 5+ years with Python or Go, PostgreSQL, AWS, Kubernetes, Terraform. "
    "Nice to have: Grafana, Redis, on-call experience and SLOs.";

const aligncv::taxonomy::Taxonomy& taxonomy() { return aligncv::taxonomy::Taxonomy::builtin(); }

void BM_RewriteTwoPageResume(benchmark::State& state) {
  const auto source = aligncv::rewrite::make_source(two_page_resume(), taxonomy());
  const aligncv::rewrite::Rewriter rewriter(taxonomy());
  for (auto _ : state) {
    auto r = rewriter.rewrite(source, aligncv::rewrite::Style::Technical);
    benchmark::DoNotOptimize(r);
  }
}
BENCHMARK(BM_RewriteTwoPageResume)->Unit(benchmark::kMillisecond);

void BM_TailorTwoPageResume(benchmark::State& state) {
  const auto source = aligncv::rewrite::make_source(two_page_resume(), taxonomy());
  const aligncv::rewrite::Rewriter rewriter(taxonomy());
  const auto level = static_cast<aligncv::rewrite::Level>(state.range(0));
  for (auto _ : state) {
    auto r = rewriter.tailor(source, kJob, level);
    benchmark::DoNotOptimize(r);
  }
  state.SetLabel(aligncv::rewrite::level_name(level));
}
BENCHMARK(BM_TailorTwoPageResume)->Arg(0)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond);

void BM_CoverLetterAndLinkedIn(benchmark::State& state) {
  const auto source = aligncv::rewrite::make_source(two_page_resume(), taxonomy());
  const aligncv::rewrite::Rewriter rewriter(taxonomy());
  for (auto _ : state) {
    auto c = rewriter.cover_letter(source, {kJob, std::nullopt}, aligncv::rewrite::Tone::Professional);
    auto l = rewriter.linkedin(source);
    benchmark::DoNotOptimize(c);
    benchmark::DoNotOptimize(l);
  }
}
BENCHMARK(BM_CoverLetterAndLinkedIn)->Unit(benchmark::kMillisecond);

void BM_FabricationGuard(benchmark::State& state) {
  const auto source = aligncv::rewrite::make_source(two_page_resume(), taxonomy());
  const auto rewritten = aligncv::rewrite::Rewriter(taxonomy()).rewrite(source, aligncv::rewrite::Style::Technical);
  for (auto _ : state) {
    auto f = aligncv::rewrite::check_fabrication(source, rewritten.rewritten_text, taxonomy());
    benchmark::DoNotOptimize(f);
  }
}
BENCHMARK(BM_FabricationGuard)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
