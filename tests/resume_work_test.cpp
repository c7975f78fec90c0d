// Work entries in the layouts résumés use, with highlights, dates and evidence.
#include <aligncv/resume.hpp>

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace aligncv::resume {
namespace {

const taxonomy::Taxonomy& tiny_taxonomy() {
  static const taxonomy::Taxonomy t = taxonomy::Taxonomy::from_tsv(
      "name\tforms\nPython\tPython\n",
      "title\tforms\nSoftware Engineer\tSoftware Engineer\nData Scientist\tData Scientist\n");
  return t;
}

std::vector<Work> work_of(const std::string& section, std::vector<text::LineHint> hints = {},
                          text::FileType type = text::FileType::Txt) {
  text::Document d;
  d.type = type;
  d.text = "Jane Doe\njane@example.com\n\nExperience\n" + section;
  if (!hints.empty()) hints.insert(hints.begin(), 4, text::LineHint{});
  d.lines = std::move(hints);
  return parse(d, tiny_taxonomy(), {"2024-06"}).profile.work;
}

void expect_entry(const Work& w, const std::string& company, const std::string& position,
                  const std::optional<std::string>& start, const std::optional<std::string>& end) {
  EXPECT_EQ(w.name, company);
  EXPECT_EQ(w.position, position);
  EXPECT_EQ(w.startDate, start);
  EXPECT_EQ(w.endDate, end);
}

TEST(ResumeWork, CompanyAndDatesThenTitle) {
  auto w = work_of(
      "Smartosc Corporation, Jul 2022 – Present\nSenior Software Engineer (trading Systems)\n"
      "* Led analysis of the\n  trading platform.\n* Troubleshooting and maintenance\n\n"
      "Microtek Llc, Aug 2018 – Apr 2022\nSoftware Engineer (contract)\n* IOS application\n");
  ASSERT_EQ(w.size(), 2u);
  expect_entry(w[0], "Smartosc Corporation", "Senior Software Engineer (trading Systems)",
               "2022-07", std::nullopt);
  EXPECT_EQ(w[0].highlights, (std::vector<std::string>{"Led analysis of the trading platform.",
                                                       "Troubleshooting and maintenance"}));
  expect_entry(w[1], "Microtek Llc", "Software Engineer (contract)", "2018-08", "2022-04");
}

TEST(ResumeWork, TitleThenCompanyPipeDates) {
  auto w = work_of(
      "Senior Software Engineer, Corporate Applications\nConsultants, Ltd | September 2020 — July "
      "2023\n"
      "• Bug fixing\n\nSenior Full Stack Software Engineer\nGarmin | June 2019 — June 2020\n• "
      "Migrated\n");
  ASSERT_EQ(w.size(), 2u);
  expect_entry(w[0], "Consultants, Ltd", "Senior Software Engineer, Corporate Applications",
               "2020-09", "2023-07");
  expect_entry(w[1], "Garmin", "Senior Full Stack Software Engineer", "2019-06", "2020-06");
}

TEST(ResumeWork, TitleAtCompanyWithDatesInBrackets) {
  auto w = work_of(
      "Senior Software Engineer & Devops at Hugsmiðjan (03/2021 - 12/2023)\n- Develop apps\n\n"
      "Privately Owned at Poliplevro (02/2015 - 06/2018)\n- Design\n");
  ASSERT_EQ(w.size(), 2u);
  expect_entry(w[0], "Hugsmiðjan", "Senior Software Engineer & Devops", "2021-03", "2023-12");
  expect_entry(w[1], "Poliplevro", "Privately Owned", "2015-02", "2018-06");
}

TEST(ResumeWork, DatesLineThenTitleDashCompany) {
  auto w = work_of(
      "2023-03 to present\nSenior Software Engineer / Team Lead — Radoil\n• Managed a team\n\n"
      "2017-09 to 2019-02\nSenior Software Engineer, Corporate Applications — Sparta "
      "Technologies\n• Coached\n");
  ASSERT_EQ(w.size(), 2u);
  expect_entry(w[0], "Radoil", "Senior Software Engineer / Team Lead", "2023-03", std::nullopt);
  expect_entry(w[1], "Sparta Technologies", "Senior Software Engineer, Corporate Applications",
               "2017-09", "2019-02");
}

TEST(ResumeWork, RightAlignedDates) {
  auto w = work_of(
      "Pk Tours                                               12/2020 - 01/2022\n"
      "Senior Software Engineer, Corporate Applications\n• Built invoicing\n\n"
      "2fluidcreative                                         06/2017 - 03/2019\n"
      "Senior Software Engineer / Scrum Master (contract)\n• Migrated data\n");
  ASSERT_EQ(w.size(), 2u);
  expect_entry(w[0], "Pk Tours", "Senior Software Engineer, Corporate Applications", "2020-12",
               "2022-01");
  expect_entry(w[1], "2fluidcreative", "Senior Software Engineer / Scrum Master (contract)",
               "2017-06", "2019-03");
}

TEST(ResumeWork, OneLineHeaderWithMiddleDots) {
  auto w = work_of(
      "Data Scientist · Northwind Analytics · Berlin, Germany · 2021 – Present\n- Forecasting "
      "models\n"
      "Software Engineer · Contoso · Remote · 2018 – 2021\n- Payments\n");
  ASSERT_EQ(w.size(), 2u);
  expect_entry(w[0], "Northwind Analytics", "Data Scientist", "2021", std::nullopt);
  EXPECT_EQ(w[0].location, "Berlin, Germany");
  expect_entry(w[1], "Contoso", "Software Engineer", "2018", "2021");
  EXPECT_EQ(w[1].location, "Remote");
}

TEST(ResumeWork, TitleCommaTeamStaysThePosition) {
  auto w = work_of("Acme Corp | 2019 – 2021\nSoftware Engineer, Payments Team\n- Shipped\n");
  ASSERT_EQ(w.size(), 1u);
  expect_entry(w[0], "Acme Corp", "Software Engineer, Payments Team", "2019", "2021");
}

TEST(ResumeWork, SeveralRolesAtOneCompany) {
  auto w = work_of(
      "Google\nSenior Software Engineer, Jan 2020 – Present\n- Led search infrastructure\n"
      "Software Engineer, Mar 2017 – Dec 2019\n- Built indexing\n");
  ASSERT_EQ(w.size(), 2u);
  expect_entry(w[0], "Google", "Senior Software Engineer", "2020-01", std::nullopt);
  expect_entry(w[1], "Google", "Software Engineer", "2017-03", "2019-12");
}

TEST(ResumeWork, CompanyWithItsOwnDatesOverRoles) {
  auto w = work_of(
      "Contoso Ltd                         2015 – 2021\n"
      "Senior Software Engineer            2019 – 2021\n- Led the team\n"
      "Software Engineer                   2015 – 2019\n- Built services\n");
  ASSERT_EQ(w.size(), 2u);
  expect_entry(w[0], "Contoso Ltd", "Senior Software Engineer", "2019", "2021");
  expect_entry(w[1], "Contoso Ltd", "Software Engineer", "2015", "2019");
}

TEST(ResumeWork, NumberedAndSymbolBullets) {
  auto w = work_of(
      "Acme Corp, 2019 – 2021\nSoftware Engineer\n1. First thing\n2) Second thing\n▪ Third thing\n"
      "➢ Fourth thing\n");
  ASSERT_EQ(w.size(), 1u);
  EXPECT_EQ(w[0].highlights, (std::vector<std::string>{"First thing", "Second thing", "Third thing",
                                                       "Fourth thing"}));
}

TEST(ResumeWork, PdfLinesWithoutMarkersJoinWrappedHighlights) {
  // PDF text has no bullet glyphs; a line that ran to the column's width continues.
  std::string long_line(70, 'x');
  long_line = "Implemented the " + long_line.substr(0, 60) + " portal to";
  auto w = work_of("Acme Corp\t2019 – 2021\nSoftware Engineer\n" + long_line +
                       "\nhandle budgets\nShort second point\n",
                   std::vector<text::LineHint>(6), text::FileType::Pdf);
  ASSERT_EQ(w.size(), 1u);
  ASSERT_EQ(w[0].highlights.size(), 2u);
  EXPECT_EQ(w[0].highlights[0], long_line + " handle budgets");
  EXPECT_EQ(w[0].highlights[1], "Short second point");
}

TEST(ResumeWork, CityAndStateAfterTheCompanyBecomeTheLocation) {
  auto w = work_of(
      "ACME CORPORATION, Springfield, IL                 June 2018 – Present\nSenior Software "
      "Engineer\n"
      "• Led the migration\n");
  ASSERT_EQ(w.size(), 1u);
  expect_entry(w[0], "ACME CORPORATION", "Senior Software Engineer", "2018-06", std::nullopt);
  EXPECT_EQ(w[0].location, "Springfield, IL");
}

TEST(ResumeWork, DatesFirstThenTitleCompanyCityWithCommas) {
  auto w = work_of(
      "03/2019 – heute    Softwareentwickler, Beispiel GmbH, Berlin\n"
      "                   - Entwicklung von Microservices\n"
      "01/2016 – 02/2019  Data Engineer, Muster AG, München\n"
      "                   - Wartung\n");
  ASSERT_EQ(w.size(), 2u);
  expect_entry(w[0], "Beispiel GmbH", "Softwareentwickler", "2019-03", std::nullopt);
  EXPECT_EQ(w[0].location, "Berlin");
  expect_entry(w[1], "Muster AG", "Data Engineer", "2016-01", "2019-02");
}

TEST(ResumeWork, OneLineEntriesWithoutHeaders) {
  auto w = work_of(
      "Senior Data Engineer, Cabify (2020–2023)\nBuilt the streaming platform on Kafka and "
      "Flink.\n\n"
      "Data Engineer, Telefónica (2016–2020)\nMaintained Hadoop clusters.\n");
  ASSERT_EQ(w.size(), 2u);
  expect_entry(w[0], "Cabify", "Senior Data Engineer", "2020", "2023");
  expect_entry(w[1], "Telefónica", "Data Engineer", "2016", "2020");
  EXPECT_EQ(w[1].highlights, (std::vector<std::string>{"Maintained Hadoop clusters."}));
}

TEST(ResumeWork, EvidenceLinesForEveryField) {
  text::Document d;
  d.text =
      "Jane Doe\njane@example.com\n\nExperience\nAcme Corp, Jan 2019 – Present\nSoftware Engineer\n"
      "- Built the API\n- Cut costs\n";
  auto r = parse(d, tiny_taxonomy(), {"2024-06"});
  const auto& ev = r.profile.evidence;
  EXPECT_EQ(ev.at("/work/0/name"), 5);
  EXPECT_EQ(ev.at("/work/0/startDate"), 5);
  EXPECT_EQ(ev.at("/work/0/position"), 6);
  EXPECT_EQ(ev.at("/work/0/highlights/0"), 7);
  EXPECT_EQ(ev.at("/work/0/highlights/1"), 8);
  EXPECT_EQ(ev.count("/work/0/endDate"), 0u);  // present
  EXPECT_EQ(r.roles, (std::vector<std::string>{"Software Engineer"}));
  EXPECT_EQ(r.entities["ORG"], (std::vector<std::string>{"Acme Corp"}));
  EXPECT_EQ(r.entities["DATE"], (std::vector<std::string>{"Jan 2019 – Present"}));
}

}  // namespace
}  // namespace aligncv::resume
