#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <aligncv/error.hpp>
#include <aligncv/match.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace aligncv::match {
namespace {

using ::testing::Contains;
using ::testing::ElementsAre;
using ::testing::IsEmpty;
using ::testing::Not;

const taxonomy::Taxonomy& tax() { return taxonomy::Taxonomy::builtin(); }

ImportBatch parse(std::string_view body, ImportFormat format) {
  return parse_import(body, format, tax());
}

Job record(const char* json) { return job_from_record(Json::parse(json), tax()); }

// The detail of the Error(InvalidArgument) that `f` throws, or "" when it throws none.
template <typename F>
std::string error_of(F&& f) {
  try {
    f();
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::InvalidArgument);
    return e.detail();
  }
  return "";
}

std::string fixture(const std::string& name) {
  std::ifstream in(std::filesystem::path(ALIGNCV_TESTS_DIR) / "fixtures" / "jobs" / name,
                   std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

constexpr const char* kDocumentedExample = R"([
  {"title": "Platform Engineer", "company": "Fabrikam", "url": "https://careers.fabrikam.example/jobs/4411",
   "location": "Amsterdam, NL", "remote": false,
   "description": "We run Kubernetes for 200 teams.\nRequirements: Kubernetes, Terraform, Go.\nNice to have: Python.",
   "salary_min": 70000, "salary_max": 90000, "salary_currency": "EUR",
   "employment_type": "full-time", "experience_level": "mid", "posted_date": "2026-11-20"},
  {"site": "linkedin", "job_url": "https://www.linkedin.com/jobs/view/4011223344", "title": "Data Engineer",
   "company": "Contoso Health", "location": "Remote, US", "is_remote": true, "job_type": "contract",
   "min_amount": 55, "max_amount": 70, "interval": "hourly", "currency": "USD",
   "description": "Build dbt and Airflow pipelines on Snowflake ..."}
])";

// ---- The documented example and the JSON formats ----

TEST(MatchImport, DocumentedJobFieldRecordGetsTheDocumentedIdAndSkills) {
  ImportBatch batch = parse(kDocumentedExample, ImportFormat::Json);
  ASSERT_EQ(batch.records.size(), 2u);
  EXPECT_THAT(batch.rejected, IsEmpty());
  const ImportRecord& first = batch.records[0];
  EXPECT_EQ(first.line, 1);
  const Job& job = first.job;
  EXPECT_EQ(job.job_id, "116b8623890e7090");
  EXPECT_EQ(job.source, "import");
  EXPECT_EQ(job.title, "Platform Engineer");
  EXPECT_EQ(job.location, "Amsterdam, NL");
  EXPECT_EQ(job.remote, false);
  EXPECT_THAT(job.required_skills, ElementsAre("Kubernetes", "Terraform", "Go"));
  EXPECT_THAT(job.preferred_skills, ElementsAre("Python"));
  EXPECT_EQ(job.tags, job.required_skills);
  EXPECT_EQ(job.salary_min, 70000);
  EXPECT_EQ(job.salary_max, 90000);
  EXPECT_EQ(job.salary_currency, "EUR");
  EXPECT_EQ(job.employment_type, "full-time");
  EXPECT_EQ(job.experience_level, "mid");
  EXPECT_EQ(job.posted_date, "2026-11-20");
  EXPECT_EQ(job.created_at, 0);
}

TEST(MatchImport, DocumentedJobSpyRecordIsAnnualisedFromHourlyPay) {
  ImportBatch batch = parse(kDocumentedExample, ImportFormat::Json);
  ASSERT_EQ(batch.records.size(), 2u);
  EXPECT_EQ(batch.records[1].line, 2);
  const Job& job = batch.records[1].job;
  EXPECT_EQ(job.source, "linkedin");
  EXPECT_EQ(job.url, "https://www.linkedin.com/jobs/view/4011223344");
  EXPECT_EQ(job.salary_min, 114400);
  EXPECT_EQ(job.salary_max, 145600);
  EXPECT_EQ(job.salary_currency, "USD");
  EXPECT_EQ(job.remote, true);
  EXPECT_EQ(job.employment_type, "contract");
  EXPECT_EQ(job.experience_level, std::nullopt);
  EXPECT_EQ(job.posted_date, std::nullopt);
  EXPECT_THAT(job.required_skills, Contains("Snowflake"));
  EXPECT_EQ(job.job_id, make_job_id("linkedin", "Contoso Health", "Data Engineer",
                                    "https://www.linkedin.com/jobs/view/4011223344"));
}

TEST(MatchImport, OneJsonObjectIsReadAsOneRecord) {
  ImportBatch batch = parse(R"({"title": "Analyst", "company": "Acme"})", ImportFormat::Json);
  ASSERT_EQ(batch.records.size(), 1u);
  EXPECT_EQ(batch.records[0].line, 1);
  EXPECT_EQ(batch.records[0].job.job_id, make_job_id("import", "Acme", "Analyst", ""));
}

TEST(MatchImport, ArrayElementsAreNumberedAndBadOnesRejected) {
  ImportBatch batch = parse(R"([{"title": "A", "company": "B"},
    {"company": "B"}, 42, {"title": "  ", "company": "B"}, {"title": "C"},
    {"title": "D", "company": "B", "posted_date": "2026-13-01"},
    {"title": "E", "company": "B", "remote": "sometimes"},
    {"title": "F", "company": "B", "salary_min": "lots"}])",
                            ImportFormat::Json);
  ASSERT_EQ(batch.records.size(), 1u);
  ASSERT_EQ(batch.rejected.size(), 7u);
  EXPECT_EQ(batch.rejected[0].line, 2);
  EXPECT_EQ(batch.rejected[0].detail, "Missing required field: title");
  EXPECT_EQ(batch.rejected[1].line, 3);
  EXPECT_EQ(batch.rejected[1].detail, "Invalid JSON: a record must be an object");
  EXPECT_EQ(batch.rejected[2].detail, "Missing required field: title");
  EXPECT_EQ(batch.rejected[3].detail, "Missing required field: company");
  EXPECT_EQ(batch.rejected[4].detail, "Invalid value for posted_date: 2026-13-01");
  EXPECT_EQ(batch.rejected[5].detail, "Invalid value for remote: sometimes");
  EXPECT_EQ(batch.rejected[6].line, 8);
  EXPECT_EQ(batch.rejected[6].detail, "Invalid value for salary_min: lots");
}

TEST(MatchImport, BrokenJsonArrayIsAPayloadErrorWithItsLine) {
  EXPECT_EQ(error_of([] {
              parse("[\n{\"title\": \"A\", \"company\": \"B\"},\n{\"title\": \"C\"\n",
                    ImportFormat::Json);
            }),
            "Invalid JSON: unexpected end of input at line 3");
  EXPECT_EQ(error_of([] { parse("[\n{\"title\": \"A\",,}\n]", ImportFormat::Json); }),
            "Invalid JSON: unexpected ',' at line 2");
  EXPECT_EQ(error_of([] { parse("\"just a string\"", ImportFormat::Json); }),
            "Invalid JSON: expected an array of records or one record at line 1");
}

TEST(MatchImport, EmptyBodiesArePayloadErrors) {
  for (ImportFormat format : {ImportFormat::Json, ImportFormat::JsonLines, ImportFormat::Csv}) {
    EXPECT_EQ(error_of([&] { parse("", format); }), "Import body is empty");
    EXPECT_EQ(error_of([&] { parse(" \r\n\n\t", format); }), "Import body is empty");
    EXPECT_EQ(error_of([&] { parse("\xEF\xBB\xBF\n", format); }), "Import body is empty");
  }
  EXPECT_THAT(parse("[]", ImportFormat::Json).records, IsEmpty());
}

TEST(MatchImport, JsonLinesSkipBlankLinesAndRejectBrokenOnes) {
  ImportBatch batch = parse(
      "{\"title\": \"A\", \"company\": \"B\"}\r\n"
      "\n"
      "   \n"
      "{\"title\": \"C\", \"company\"\n"
      "[1, 2]\n"
      "{\"title\": \"D\", \"company\": \"E\"}",
      ImportFormat::JsonLines);
  ASSERT_EQ(batch.records.size(), 2u);
  EXPECT_EQ(batch.records[0].line, 1);
  EXPECT_EQ(batch.records[1].line, 6);
  EXPECT_EQ(batch.records[1].job.company, "E");
  ASSERT_EQ(batch.rejected.size(), 2u);
  EXPECT_EQ(batch.rejected[0].line, 4);
  EXPECT_EQ(batch.rejected[0].detail, "Invalid JSON: unexpected end of input");
  EXPECT_EQ(batch.rejected[1].line, 5);
  EXPECT_EQ(batch.rejected[1].detail, "Invalid JSON: a record must be an object");
}

// ---- CSV ----

TEST(MatchImport, CsvReadsJobSpyColumnsWithAnIndexColumn) {
  ImportBatch batch = parse(
      ",id,SITE,job_url,job_url_direct,Title,Company,location,date_posted,job_type,interval,"
      "min_amount,max_amount,currency,is_remote,job_level,description\n"
      "0,in-1,indeed,,https://direct.example/1,Data Analyst,Acme,\"Austin, TX\",2026-11-02,"
      "\"fulltime, parttime\",monthly,4000.0,5000.0,usd,False,,Reports in SQL and Tableau.\n",
      ImportFormat::Csv);
  ASSERT_EQ(batch.records.size(), 1u) << (batch.rejected.empty() ? "" : batch.rejected[0].detail);
  EXPECT_EQ(batch.records[0].line, 2);
  const Job& job = batch.records[0].job;
  EXPECT_EQ(job.source, "indeed");
  EXPECT_EQ(job.url, "https://direct.example/1");  // job_url is empty
  EXPECT_EQ(job.location, "Austin, TX");
  EXPECT_EQ(job.posted_date, "2026-11-02");
  EXPECT_EQ(job.employment_type, "full-time");
  EXPECT_EQ(job.salary_min, 48000);
  EXPECT_EQ(job.salary_max, 60000);
  EXPECT_EQ(job.salary_currency, "USD");
  EXPECT_EQ(job.remote, false);
  EXPECT_THAT(job.required_skills, ElementsAre("SQL", "Tableau"));
}

TEST(MatchImport, CsvQuotedFieldsMaySpanLinesAndRecordsKeepTheirStartLine) {
  ImportBatch batch = parse(
      "title,company,description\n"
      "A,B,\"line one\nline two, with \"\"quotes\"\"\n\nline four\"\n"
      "C,D,plain\n"
      "\"E\nF\",G,\"\"\n",
      ImportFormat::Csv);
  ASSERT_EQ(batch.records.size(), 3u);
  EXPECT_EQ(batch.records[0].line, 2);
  EXPECT_EQ(batch.records[0].job.description, "line one\nline two, with \"quotes\"\n\nline four");
  EXPECT_EQ(batch.records[1].line, 6);
  EXPECT_EQ(batch.records[2].line, 7);
  EXPECT_EQ(batch.records[2].job.title, "E\nF");
  EXPECT_EQ(batch.records[2].job.description, std::nullopt);
}

TEST(MatchImport, CsvAcceptsBomAndCrlf) {
  ImportBatch batch = parse(
      "\xEF\xBB\xBFtitle,company,is_remote\r\n"
      "A,B,True\r\n"
      "\r\n"
      "\"C\r\nD\",E,false\r\n",
      ImportFormat::Csv);
  ASSERT_EQ(batch.records.size(), 2u);
  EXPECT_EQ(batch.records[0].job.title, "A");
  EXPECT_EQ(batch.records[0].job.remote, true);
  EXPECT_EQ(batch.records[1].line, 4);
  EXPECT_EQ(batch.records[1].job.company, "E");
  EXPECT_EQ(batch.records[1].job.remote, false);
}

TEST(MatchImport, CsvRowsWithTheWrongFieldCountAreRejected) {
  ImportBatch batch = parse("title,company,location\nA,B\nC,D,E,F\nG,H,I\n", ImportFormat::Csv);
  ASSERT_EQ(batch.records.size(), 1u);
  EXPECT_EQ(batch.records[0].line, 4);
  ASSERT_EQ(batch.rejected.size(), 2u);
  EXPECT_EQ(batch.rejected[0].line, 2);
  EXPECT_EQ(batch.rejected[0].detail, "Row has 2 fields, header has 3");
  EXPECT_EQ(batch.rejected[1].line, 3);
  EXPECT_EQ(batch.rejected[1].detail, "Row has 4 fields, header has 3");
}

TEST(MatchImport, CsvHeaderWithoutTitleAndCompanyIsAPayloadError) {
  EXPECT_EQ(error_of([] { parse("name,company\nA,B\n", ImportFormat::Csv); }),
            "CSV header must include title and company");
  EXPECT_EQ(error_of([] { parse("TITLE\nA\n", ImportFormat::Csv); }),
            "CSV header must include title and company");
  EXPECT_EQ(parse("TITLE,Company\n", ImportFormat::Csv).records.size(), 0u);
}

TEST(MatchImport, CsvCellsThatAreNotUtf8AreRejected) {
  ImportBatch batch = parse("title,company\nCaf\xE9 Manager,B\n", ImportFormat::Csv);
  ASSERT_EQ(batch.rejected.size(), 1u);
  EXPECT_EQ(batch.rejected[0].detail, "Invalid value for title: not UTF-8");
}

TEST(MatchImport, JobSpyFixtureImportsNineRowsAndRejectsTheMalformedOne) {
  ImportBatch batch = parse(fixture("jobspy.csv"), ImportFormat::Csv);
  ASSERT_EQ(batch.records.size(), 9u);
  ASSERT_EQ(batch.rejected.size(), 1u);
  EXPECT_EQ(batch.rejected[0].line, 22);
  EXPECT_EQ(batch.rejected[0].detail, "Row has 7 fields, header has 21");
  // The first row's description spans lines 2..16.
  EXPECT_EQ(batch.records[0].line, 2);
  EXPECT_EQ(batch.records[1].line, 17);
  EXPECT_EQ(batch.records.back().line, 25);

  const Job& backend = batch.records[0].job;
  EXPECT_EQ(backend.url, "https://www.indeed.com/viewjob?jk=5f2c81a9d3e4b760");
  EXPECT_EQ(backend.experience_level, "senior");  // from the title
  EXPECT_THAT(backend.required_skills, ElementsAre("Python", "PostgreSQL", "AWS", "Kubernetes"));
  EXPECT_THAT(backend.preferred_skills, ElementsAre("Terraform", "Kafka"));
  EXPECT_EQ(salary_range(backend), "EUR 75,000 - 95,000");

  const Job& data = batch.records[1].job;
  EXPECT_EQ(data.experience_level, "senior");  // "Mid-Senior level": the higher keyword
  EXPECT_EQ(salary_range(data), "$114,400 - 145,600");

  const Job& qa = batch.records[3].job;
  EXPECT_EQ(qa.source, "zip_recruiter");
  EXPECT_EQ(qa.url, "https://jobs.wingtip.example/apply/77a1");
  EXPECT_EQ(qa.experience_level, "entry");
  EXPECT_EQ(job_type_display(qa.employment_type), "Full-time");

  const Job& pm = batch.records[4].job;
  EXPECT_EQ(pm.title, "Product Manager, Payments");
  EXPECT_EQ(pm.employment_type, std::nullopt);
  EXPECT_THAT(pm.preferred_skills, ElementsAre("SQL"));
  EXPECT_EQ(salary_range(pm), "Not specified");

  const Job& sre = batch.records[6].job;
  EXPECT_EQ(sre.experience_level, "lead");
  EXPECT_EQ(sre.employment_type, "full-time");
  EXPECT_EQ(sre.salary_currency, "USD");
  EXPECT_EQ(sre.remote, true);

  EXPECT_EQ(salary_range(batch.records[7].job), "Up to EUR 120,000");
  EXPECT_EQ(batch.records[7].job.experience_level, "executive");
  EXPECT_EQ(salary_range(batch.records[8].job), "From CAD 78,000");
  EXPECT_EQ(job_type_display(batch.records[8].job.employment_type), "Temporary");
}

TEST(MatchImport, JsonAndJsonLinesFixturesImportWithTheirRejects) {
  ImportBatch json = parse(fixture("jobs.json"), ImportFormat::Json);
  EXPECT_EQ(json.records.size(), 3u);
  ASSERT_EQ(json.rejected.size(), 1u);
  EXPECT_EQ(json.rejected[0].line, 4);
  EXPECT_EQ(json.rejected[0].detail, "Missing required field: title");
  EXPECT_EQ(json.records[0].job.job_id, "116b8623890e7090");

  ImportBatch lines = parse(fixture("jobs.jsonl"), ImportFormat::JsonLines);
  ASSERT_EQ(lines.records.size(), 3u);
  ASSERT_EQ(lines.rejected.size(), 2u);
  EXPECT_EQ(lines.rejected[0].line, 4);
  EXPECT_EQ(lines.rejected[0].detail, "Invalid JSON: unexpected end of input");
  EXPECT_EQ(lines.rejected[1].line, 5);
  EXPECT_EQ(lines.rejected[1].detail, "Invalid value for posted_date: 2026-02-30");
  EXPECT_EQ(lines.records[2].line, 6);

  const Job& ml = lines.records[0].job;
  EXPECT_EQ(ml.source, "indeed");
  EXPECT_THAT(ml.required_skills, ElementsAre("Python", "PyTorch", "Kubernetes"));
  EXPECT_THAT(ml.preferred_skills, ElementsAre("Spark", "Airflow"));
  EXPECT_EQ(ml.salary_currency, "CHF");
  EXPECT_EQ(ml.experience_level, "senior");
  const Job& support = lines.records[1].job;
  EXPECT_EQ(support.remote, true);  // "Remote - Europe"
  EXPECT_EQ(support.posted_date, "2026-11-01");
  EXPECT_EQ(support.employment_type, "part-time");
  const Job& lead = lines.records[2].job;
  EXPECT_THAT(lead.tags, ElementsAre("data", "travel"));
  EXPECT_EQ(lead.salary_min, 108000);
  EXPECT_EQ(lead.salary_max, std::nullopt);
  EXPECT_EQ(lead.experience_level, "lead");
}

// ---- Records ----

TEST(MatchImport, JsonResumeJobSchemaRecordIsMapped) {
  // The third record of the fixture is JSON Resume's sample.job.json, lists shortened.
  const Job job = job_from_record(Json::parse(fixture("jobs.json"))[2], tax());
  EXPECT_EQ(job.title, "Web Developer");
  EXPECT_EQ(job.location, "Berlin, Berlin, DE");
  EXPECT_EQ(job.remote, false);  // "Hybrid"
  EXPECT_EQ(job.url, "http://example.com/jobs/web-developer");
  EXPECT_EQ(job.employment_type, "full-time");
  EXPECT_EQ(job.experience_level, "mid");
  EXPECT_EQ(job.posted_date, "2024-07-01");
  EXPECT_EQ(job.salary_min, 100000);
  EXPECT_EQ(job.salary_max, 100000);
  EXPECT_EQ(job.salary_currency, std::nullopt);
  EXPECT_THAT(job.required_skills, ElementsAre("HTML", "CSS", "JavaScript", "React", "Node.js",
                                               "SQL", "NoSQL", "MongoDB"));
  ASSERT_TRUE(job.description.has_value());
  EXPECT_THAT(*job.description,
              ::testing::StartsWith("We are looking for a skilled Web Developer"));
  EXPECT_THAT(
      *job.description,
      ::testing::HasSubstr("\n\nResponsibilities:\n- Develop and maintain web applications\n"
                           "- Collaborate with cross-functional teams"));
  EXPECT_THAT(*job.description,
              ::testing::HasSubstr("\n\nQualifications:\n- Bachelor's degree in Computer Science"));
  EXPECT_EQ(job.job_id, make_job_id("import", "Microsoft", "Web Developer",
                                    "http://example.com/jobs/web-developer"));
}

TEST(MatchImport, JsonResumeRemoteAndSalaryForms) {
  EXPECT_EQ(record(R"({"title": "A", "company": "B", "remote": "Full"})").remote, true);
  EXPECT_EQ(
      record(R"({"title": "A", "company": "B", "remote": "None", "location": "Remote"})").remote,
      false);
  Job range = record(R"({"title": "A", "company": "B", "salary": "90,000 - 110,000"})");
  EXPECT_EQ(range.salary_min, 90000);
  EXPECT_EQ(range.salary_max, 110000);
  Job only = record(R"({"title": "A", "company": "B", "salary": 5000, "salary_max": 7000,
                        "interval": "monthly"})");
  EXPECT_EQ(only.salary_min, 60000);
  EXPECT_EQ(only.salary_max, 84000);
  EXPECT_EQ(
      record(R"({"title": "A", "company": "B", "location": {"city": "Oslo", "countryCode": "NO"}})")
          .location,
      "Oslo, NO");
}

TEST(MatchImport, FirstPresentNameWins) {
  Job job = record(
      R"({"title": " Analyst ", "company": "Acme", "url": "", "job_url": "https://a.example/1",
                       "job_url_direct": "https://b.example/1", "source": null, "site": "Indeed",
                       "employment_type": "", "job_type": "parttime", "type": "Full-time",
                       "posted_date": null, "date_posted": "2026-01-05", "date": "2020"})");
  EXPECT_EQ(job.title, "Analyst");
  EXPECT_EQ(job.url, "https://a.example/1");
  EXPECT_EQ(job.source, "indeed");
  EXPECT_EQ(job.employment_type, "part-time");
  EXPECT_EQ(job.posted_date, "2026-01-05");
  EXPECT_EQ(job.job_id, make_job_id("indeed", "Acme", "Analyst", "https://a.example/1"));
}

TEST(MatchImport, EmploymentTypesAreNormalisedAndUnknownOnesAreNull) {
  auto type = [](const char* value) {
    return record((std::string(R"({"title": "A", "company": "B", "job_type": ")") + value + "\"}")
                      .c_str())
        .employment_type;
  };
  EXPECT_EQ(type("fulltime"), "full-time");
  EXPECT_EQ(type("Full-time"), "full-time");
  EXPECT_EQ(type("FULL_TIME"), "full-time");
  EXPECT_EQ(type("parttime"), "part-time");
  EXPECT_EQ(type("Contract"), "contract");
  EXPECT_EQ(type("internship"), "internship");
  EXPECT_EQ(type("temporary"), "temporary");
  EXPECT_EQ(type("Freelance"), "freelance");
  EXPECT_EQ(type("per diem, contract"), "contract");
  EXPECT_EQ(type("volunteer"), std::nullopt);
}

TEST(MatchImport, ExperienceLevelsMapByKeywordThenFromTheTitle) {
  auto level = [](const char* title, const char* given) {
    Json r = {{"title", title}, {"company", "B"}};
    if (given) r["job_level"] = given;
    return job_from_record(r, tax()).experience_level;
  };
  EXPECT_EQ(level("Engineer", "Internship"), "entry");
  EXPECT_EQ(level("Engineer", "Entry level"), "entry");
  EXPECT_EQ(level("Engineer", "Graduate"), "entry");
  EXPECT_EQ(level("Engineer", "Mid-level"), "mid");
  EXPECT_EQ(level("Engineer", "Sr."), "senior");
  EXPECT_EQ(level("Engineer", "Principal"), "lead");
  EXPECT_EQ(level("Engineer", "VP"), "executive");
  EXPECT_EQ(level("Junior Developer", nullptr), "entry");
  EXPECT_EQ(level("Senior Director of Sales", nullptr), "executive");
  EXPECT_EQ(level("Lead Designer", "not applicable"), "lead");
  EXPECT_EQ(level("Chief Technology Officer", nullptr), "executive");
  EXPECT_EQ(level("Accountant", "not applicable"), std::nullopt);
}

TEST(MatchImport, RemoteDefaultsFromTheLocation) {
  EXPECT_EQ(record(R"({"title": "A", "company": "B", "location": "Remote, EU only"})").remote,
            true);
  EXPECT_EQ(record(R"({"title": "A", "company": "B", "location": "Paris"})").remote, false);
  EXPECT_EQ(record(R"({"title": "A", "company": "B"})").remote, false);
  EXPECT_EQ(
      record(R"({"title": "A", "company": "B", "remote": "yes", "location": "Paris"})").remote,
      true);
  EXPECT_EQ(
      record(R"({"title": "A", "company": "B", "is_remote": 0, "location": "Remote"})").remote,
      false);
}

TEST(MatchImport, GivenSkillsAreCanonicalisedAndUnknownOnesKept) {
  Job job =
      record(R"({"title": "A", "company": "B", "required_skills": ["k8s", " golang ", "Kubernetes",
                       "Quantum Basket Weaving"], "preferred_skills": "Postgres, K8s, nodejs",
                       "description": "Nice to have: Rust."})");
  EXPECT_THAT(job.required_skills, ElementsAre("Kubernetes", "Go", "Quantum Basket Weaving"));
  EXPECT_THAT(job.preferred_skills, ElementsAre("PostgreSQL", "Node.js"));
  EXPECT_THAT(job.tags, ElementsAre("Kubernetes", "Go", "Quantum Basket Weaving"));
  Job comma = record(R"({"title": "A", "company": "B", "skills": "JS, Docker"})");
  EXPECT_THAT(comma.required_skills, ElementsAre("JavaScript", "Docker"));
}

TEST(MatchImport, SkillsUnderANiceToHaveHeadingArePreferred) {
  Job job = record(R"({"title": "A", "company": "B", "description":
      "## About us\nWe ship Java services on AWS.\n\n**Requirements:**\n- Java\n- Docker\n\n## Nice to have\n\n- Kafka\n- Terraform\n\n## Benefits\nAn AWS training budget.\n\nExperience with Redis is a plus. Linux required."})");
  EXPECT_THAT(job.required_skills, ElementsAre("Java", "AWS", "Docker", "Linux"));
  EXPECT_THAT(job.preferred_skills, ElementsAre("Kafka", "Terraform", "Redis"));
}

TEST(MatchImport, ManySkillsGiveAtMostTenTags) {
  Job job = record(
      R"({"title": "A", "company": "B", "skills": "Python, Java, Go, Rust, C++, C#, Ruby, PHP, Kotlin, Swift, Scala, Haskell"})");
  EXPECT_EQ(job.required_skills.size(), 12u);
  EXPECT_EQ(job.tags.size(), 10u);
  EXPECT_EQ(job.tags.back(), "Swift");
}

TEST(MatchImport, InvalidValuesNameTheFieldAndValue) {
  EXPECT_EQ(
      error_of([] { record(R"({"title": "A", "company": "B", "salary_currency": "dollars"})"); }),
      "Invalid value for salary_currency: dollars");
  EXPECT_EQ(error_of([] { record(R"({"title": "A", "company": "B", "min_amount": -5})"); }),
            "Invalid value for salary_min: -5");
  EXPECT_EQ(
      error_of([] {
        record(R"({"title": "A", "company": "B", "interval": "fortnightly", "min_amount": 1})");
      }),
      "Invalid value for interval: fortnightly");
  EXPECT_EQ(error_of([] { record(R"({"title": 7, "company": "B"})"); }),
            "Invalid value for title: 7");
  EXPECT_EQ(error_of([] { record(R"({"title": "A", "company": "B", "date": "last week"})"); }),
            "Invalid value for posted_date: last week");
  EXPECT_EQ(error_of([] { record(R"({"title": "A", "company": "B", "required_skills": 3})"); }),
            "Invalid value for required_skills: 3");
  EXPECT_EQ(error_of([] { record(R"({"company": "B"})"); }), "Missing required field: title");
}

TEST(MatchImport, PostedDatesAreNormalised) {
  auto date = [](const char* value) {
    return record(
               (std::string(R"({"title": "A", "company": "B", "posted_date": ")") + value + "\"}")
                   .c_str())
        .posted_date;
  };
  EXPECT_EQ(date("2026-11-20"), "2026-11-20");
  EXPECT_EQ(date("2026-11"), "2026-11-01");
  EXPECT_EQ(date("2024-02-29"), "2024-02-29");
  EXPECT_EQ(date("2026-11-20T08:30:00Z"), "2026-11-20");
  EXPECT_EQ(error_of([&] { date("2023-02-29"); }), "Invalid value for posted_date: 2023-02-29");
  EXPECT_EQ(error_of([&] { date("20/11/2026"); }), "Invalid value for posted_date: 20/11/2026");
}

TEST(MatchImport, FormatComesFromParameterThenContentTypeThenExtension) {
  EXPECT_EQ(import_format("csv", "application/json"), ImportFormat::Csv);
  EXPECT_EQ(import_format("JSONL", ""), ImportFormat::JsonLines);
  EXPECT_EQ(import_format("xml", "application/json"), std::nullopt);
  EXPECT_EQ(import_format("", "application/json; charset=utf-8"), ImportFormat::Json);
  EXPECT_EQ(import_format("", "application/x-ndjson"), ImportFormat::JsonLines);
  EXPECT_EQ(import_format("", "application/jsonl"), ImportFormat::JsonLines);
  EXPECT_EQ(import_format("", "Text/CSV"), ImportFormat::Csv);
  EXPECT_EQ(import_format("", "multipart/form-data; boundary=x", "jobs.NDJSON"),
            ImportFormat::JsonLines);
  EXPECT_EQ(import_format("", "multipart/form-data; boundary=x", "jobs.csv"), ImportFormat::Csv);
  EXPECT_EQ(import_format("", "multipart/form-data; boundary=x", "jobs.xlsx"), std::nullopt);
  EXPECT_EQ(import_format("", "text/plain"), std::nullopt);
}

// ---- The Job object ----

TEST(MatchImport, JobToJsonHasEveryKeyWithNullsAndIsoTimestamps) {
  Job job = record(R"({"title": "A", "company": "B"})");
  job.created_at = 1'764'061'203'412;  // 2025-11-25T09:00:03.412Z
  job.updated_at = job.created_at;
  const Json j = to_json(job);
  for (const char* key : {"id",
                          "job_id",
                          "title",
                          "company",
                          "location",
                          "remote",
                          "url",
                          "source",
                          "description",
                          "tags",
                          "required_skills",
                          "preferred_skills",
                          "salary_min",
                          "salary_max",
                          "salary_currency",
                          "employment_type",
                          "experience_level",
                          "posted_date",
                          "created_at",
                          "updated_at"}) {
    EXPECT_TRUE(j.contains(key)) << key;
  }
  EXPECT_EQ(j.size(), 20u);
  EXPECT_EQ(j["id"], job.job_id);
  EXPECT_TRUE(j["location"].is_null());
  EXPECT_TRUE(j["salary_min"].is_null());
  EXPECT_EQ(j["tags"], Json::array());
  EXPECT_EQ(j["remote"], false);
  EXPECT_EQ(j["created_at"], "2025-11-25T09:00:03.412Z");
}

TEST(MatchImport, JobJsonRoundTrips) {
  ImportBatch batch = parse(kDocumentedExample, ImportFormat::Json);
  Job job = batch.records[0].job;
  job.created_at = 1'764'061'203'412;
  job.updated_at = 1'764'061'299'001;
  const Json j = to_json(job);
  const Job back = job_from_json(j);
  EXPECT_EQ(to_json(back), j);
  EXPECT_EQ(back.created_at, job.created_at);
  EXPECT_EQ(back.updated_at, job.updated_at);
  EXPECT_EQ(back.preferred_skills, job.preferred_skills);

  Json bare = {{"title", "A"}, {"company", "B"}, {"source", "demo"}, {"created_at", 1000}};
  const Job minimal = job_from_json(bare);
  EXPECT_EQ(minimal.job_id, make_job_id("demo", "B", "A", ""));
  EXPECT_EQ(minimal.created_at, 1000);
  EXPECT_EQ(minimal.updated_at, 0);
  EXPECT_TRUE(to_json(minimal)["updated_at"].is_null());
  EXPECT_EQ(error_of([] {
              job_from_json(Json{{"title", "A"}, {"company", "B"}, {"created_at", "yesterday"}});
            }),
            "Invalid value for created_at: yesterday");
}

TEST(MatchImport, ListDescriptionsAreCutAt500CodePoints) {
  Job job = record(R"({"title": "A", "company": "B"})");
  job.description = std::string(499, 'a') + "\xC3\xA9\xC3\xA9";  // 501 code points
  const std::string cut = to_json(job, true)["description"];
  EXPECT_EQ(cut, std::string(499, 'a') + "\xC3\xA9...");
  EXPECT_EQ(to_json(job)["description"], *job.description);
  job.description = std::string(498, 'a') + "\xC3\xA9\xC3\xA9";  // exactly 500
  EXPECT_EQ(to_json(job, true)["description"], *job.description);
}

TEST(MatchImport, SalaryRangeAndJobTypeDisplayForms) {
  Job job;
  EXPECT_EQ(salary_range(job), "Not specified");
  job.salary_min = 75000;
  job.salary_max = 95000;
  job.salary_currency = "EUR";
  EXPECT_EQ(salary_range(job), "EUR 75,000 - 95,000");
  job.salary_currency = "USD";
  EXPECT_EQ(salary_range(job), "$75,000 - 95,000");
  job.salary_currency.reset();
  EXPECT_EQ(salary_range(job), "75,000 - 95,000");
  job.salary_currency = "EUR";
  job.salary_max.reset();
  EXPECT_EQ(salary_range(job), "From EUR 75,000");
  job.salary_min.reset();
  job.salary_max = 1'250'000;
  EXPECT_EQ(salary_range(job), "Up to EUR 1,250,000");
  job.salary_max = 950;
  EXPECT_EQ(salary_range(job), "Up to EUR 950");

  EXPECT_EQ(job_type_display(std::string("full-time")), "Full-time");
  EXPECT_EQ(job_type_display(std::string("part-time")), "Part-time");
  EXPECT_EQ(job_type_display(std::string("contract")), "Contract");
  EXPECT_EQ(job_type_display(std::string("internship")), "Internship");
  EXPECT_EQ(job_type_display(std::string("temporary")), "Temporary");
  EXPECT_EQ(job_type_display(std::string("freelance")), "Freelance");
  EXPECT_EQ(job_type_display(std::nullopt), "Not specified");
  EXPECT_EQ(job_type_display(std::string("gig")), "Not specified");
}

TEST(PastedJobTest, TakesATitleLikeFirstLineAsTheTitle) {
  const Job job = pasted_job(
      "Senior Backend Engineer\n\nWe build payment APIs. You know Python, PostgreSQL and Docker.", tax());
  EXPECT_EQ(job.title, "Senior Backend Engineer");
  EXPECT_THAT(job.required_skills, testing::IsSupersetOf({"Python", "PostgreSQL", "Docker"}));
}

TEST(PastedJobTest, LeavesTheTitleEmptyWhenTheTextStartsWithASentence) {
  for (const char* text : {"We are hiring a backend engineer who knows Python and Docker.\nMore text.",
                           "About the role:\nYou will build APIs in Python."}) {
    const Job job = pasted_job(text, tax());
    EXPECT_EQ(job.title, "") << text;
    EXPECT_THAT(job.required_skills, testing::Contains("Python")) << text;
  }
}

}  // namespace
}  // namespace aligncv::match
