// dump_job writes the stored row without a Json tree; it must equal to_json(job).dump() byte for
// byte, or rows written before and after it would differ.
#include <gtest/gtest.h>
#include <aligncv/engine.hpp>
#include <aligncv/match.hpp>

#include <string>

#include "match/job_json.hpp"

namespace aligncv::match {
namespace {

TEST(JobJson, DemoCatalogueRowsEqualNlohmannsDump) {
  const std::vector<Job> jobs = demo_jobs();
  ASSERT_FALSE(jobs.empty());
  for (const Job& job : jobs) EXPECT_EQ(dump_job(job), to_json(job).dump()) << job.job_id;
}

TEST(JobJson, EveryFieldSetAndEscaped) {
  Job job;
  job.job_id = "0123456789abcdef";
  job.title = "C++ \"Senior\" Engineer \\ Backend";
  job.company = "Ünïcödé — “Ltd” ✓ 𝄞";
  job.source = "indeed";
  job.location = "Berlin\tMitte\r\n";
  job.remote = false;
  job.url = "https://example.com/jobs/1?a=b&c=d</script>";
  std::string control;
  for (int c = 0; c < 0x20; ++c) control.push_back(static_cast<char>(c));
  job.description = "Line one\nline two\b\f" + control + "\x7f end /slash";
  job.tags = {"a", "b\"", ""};
  job.required_skills = {"Python", "C#"};
  job.preferred_skills = {"Go"};
  job.salary_min = 0;
  job.salary_max = -1;
  job.salary_currency = "EUR";
  job.employment_type = "full-time";
  job.experience_level = "senior";
  job.posted_date = "2025-11-26";
  job.created_at = 1'764'150'000'123;
  job.updated_at = 1'764'150'000'000;
  EXPECT_EQ(dump_job(job), to_json(job).dump());
  job.remote = true;
  job.salary_max = INT64_MAX;
  job.salary_min = INT64_MIN;
  EXPECT_EQ(dump_job(job), to_json(job).dump());
}

TEST(JobJson, EmptyJob) {
  Job job;
  EXPECT_EQ(dump_job(job), to_json(job).dump());
}

TEST(JobJson, InvalidUtf8ThrowsAsDumpDoes) {
  Job job;
  job.title = "bad \xC3\x28 byte";
  EXPECT_THROW(to_json(job).dump(), Json::exception);
  EXPECT_THROW(dump_job(job), Json::exception);
}

}  // namespace
}  // namespace aligncv::match
