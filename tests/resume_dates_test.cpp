// Dates and date ranges as résumés write them, and the union of work periods.
#include "resume/dates.hpp"

#include <gtest/gtest.h>

#include <optional>
#include <string>

namespace aligncv::resume::detail {
namespace {

struct Range {
  std::string start, end;  // end "" = open (present) or none
  bool open = false;
  std::string written;
};

std::optional<Range> range_of(std::string_view text) {
  auto m = find_date_range(text);
  if (!m) return std::nullopt;
  Range r;
  r.start = format_date(m->start);
  r.end = m->finish ? format_date(*m->finish) : "";
  r.open = m->open;
  r.written = std::string(text.substr(m->begin, m->end - m->begin));
  return r;
}

TEST(ResumeDates, MonthAbbreviationToPresentWithEnDash) {
  auto r = range_of("Smartosc Corporation, Jul 2022 – Present");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->start, "2022-07");
  EXPECT_TRUE(r->open);
  EXPECT_EQ(r->end, "");
  EXPECT_EQ(r->written, "Jul 2022 – Present");
}

TEST(ResumeDates, FullMonthNamesToCurrentWithEmDash) {
  auto r = range_of("Consultants, Ltd | June 2017 — Current");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->start, "2017-06");
  EXPECT_TRUE(r->open);
}

TEST(ResumeDates, FullMonthNamesBetweenTwoDates) {
  auto r = range_of("January 2019 - March 2020");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->start, "2019-01");
  EXPECT_EQ(r->end, "2020-03");
  EXPECT_FALSE(r->open);
}

TEST(ResumeDates, IsoYearMonthWithTo) {
  auto r = range_of("2019-01 to 2020-06");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->start, "2019-01");
  EXPECT_EQ(r->end, "2020-06");
}

TEST(ResumeDates, IsoYearMonthToLowerCasePresent) {
  auto r = range_of("2023-03 to present");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->start, "2023-03");
  EXPECT_TRUE(r->open);
}

TEST(ResumeDates, SlashMonthYearInBrackets) {
  auto r = range_of("Senior Mobile Developer at Dealerfire (03/2018 - 11/2019)");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->start, "2018-03");
  EXPECT_EQ(r->end, "2019-11");
  EXPECT_EQ(r->written, "03/2018 - 11/2019");
}

TEST(ResumeDates, YearOnlyRange) {
  auto r = range_of("Fenwick University — 2015 – 2018");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->start, "2015");
  EXPECT_EQ(r->end, "2018");
}

TEST(ResumeDates, YearRangeWithTwoDigitEnd) {
  auto r = range_of("2015-18");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->start, "2015");
  EXPECT_EQ(r->end, "2018");
}

TEST(ResumeDates, SeasonGivesTheYear) {
  auto r = range_of("Summer 2016");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->start, "2016");
  auto both = range_of("Summer 2016 – Fall 2017");
  ASSERT_TRUE(both);
  EXPECT_EQ(both->start, "2016");
  EXPECT_EQ(both->end, "2017");
}

TEST(ResumeDates, NowAndTodayAndOngoingAreOpenEnds) {
  for (const char* text : {"2020 - Now", "Mar 2021 – today", "2018 to Ongoing", "Since 2019",
                           "Jan 2020 - Currently", "2019 – "}) {
    auto r = range_of(text);
    ASSERT_TRUE(r) << text;
    EXPECT_TRUE(r->open) << text;
  }
}

TEST(ResumeDates, AbbreviationsWithDotsAndSept) {
  auto r = range_of("Sept. 2016 – Feb. 2018");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->start, "2016-09");
  EXPECT_EQ(r->end, "2018-02");
}

TEST(ResumeDates, MonthWithoutYearTakesTheOtherEndsYear) {
  auto r = range_of("Jan – Mar 2019");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->start, "2019-01");
  EXPECT_EQ(r->end, "2019-03");
}

TEST(ResumeDates, DaysAreKeptWhenWritten) {
  auto r = range_of("12.03.2018 - 30.06.2019");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->start, "2018-03-12");
  EXPECT_EQ(r->end, "2019-06-30");
}

TEST(ResumeDates, OtherLanguagesMonthNames) {
  auto de = range_of("März 2018 – Dezember 2020");
  ASSERT_TRUE(de);
  EXPECT_EQ(de->start, "2018-03");
  EXPECT_EQ(de->end, "2020-12");
  auto fr = range_of("janvier 2015 à août 2016");
  ASSERT_TRUE(fr);
  EXPECT_EQ(fr->start, "2015-01");
  EXPECT_EQ(fr->end, "2016-08");
}

TEST(ResumeDates, PhoneNumbersAndPercentagesAreNotDates) {
  EXPECT_FALSE(range_of("555.010.5849"));
  EXPECT_FALSE(range_of("+44 20 7946 0487"));
  EXPECT_FALSE(range_of("Cut latency by 35%"));
  auto one = range_of("Released version 2019 of the app");
  ASSERT_TRUE(one);
  EXPECT_EQ(one->start, "2019");
  EXPECT_FALSE(find_date_range("Released version 2019 of the app")->range);
}

TEST(ResumeDates, FindDatesListsEveryDateLeftToRight) {
  auto all = find_dates("BSc 2012 – 2016, MSc 2017 – 2018");
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(format_date(all[0].start), "2012");
  EXPECT_EQ(format_date(all[1].start), "2017");
}

TEST(ResumeDates, FormatGivesYearMonthOrDay) {
  EXPECT_EQ(format_date({2020, 0, 0}), "2020");
  EXPECT_EQ(format_date({2020, 3, 0}), "2020-03");
  EXPECT_EQ(format_date({2020, 3, 9}), "2020-03-09");
}

TEST(ResumeDates, UnionMonthsMergesOverlapsAndCountsInclusively) {
  // Jan–Dec 2019 and Jun 2019–Jun 2020 overlap: Jan 2019..Jun 2020 = 18 months.
  int a = month_index({2019, 1, 0}, false), b = month_index({2019, 12, 0}, true);
  int c = month_index({2019, 6, 0}, false), d = month_index({2020, 6, 0}, true);
  EXPECT_EQ(union_months({{a, b}, {c, d}}), 18);
  // A gap is not counted.
  int e = month_index({2021, 1, 0}, false), f = month_index({2021, 3, 0}, true);
  EXPECT_EQ(union_months({{a, b}, {e, f}}), 15);
  // A year-only period spans whole years.
  EXPECT_EQ(union_months({{month_index({2015, 0, 0}, false), month_index({2018, 0, 0}, true)}}),
            48);
  EXPECT_EQ(union_months({}), 0);
}

}  // namespace
}  // namespace aligncv::resume::detail
