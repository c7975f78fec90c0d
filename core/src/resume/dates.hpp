// Dates and date ranges as résumés write them ("Jan 2019 – Present", "2019-01 to 2020-06",
// "03/2018 - 11/2019", "June 2017 — Current", "2015 – 2018", "Summer 2016", "since 2020").
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace aligncv::resume::detail {

struct YearMonth {
  int year = 0;
  int month = 0;  // 1..12, 0 = the document gives only the year
  int day = 0;    // 1..31, 0 = not given
};

// "YYYY", "YYYY-MM" or "YYYY-MM-DD".
std::string format_date(const YearMonth& date);

struct DateMatch {
  std::size_t begin = 0;  // byte span of the whole date or range in the scanned text
  std::size_t end = 0;
  YearMonth start;
  std::optional<YearMonth> finish;  // unset: open range (present) or a single date
  bool range = false;               // two ends, or one end and an open end
  bool open = false;                // ends with Present/Current/Now/… or "since …"
};

// Every date and date range in s, left to right, without overlaps.
std::vector<DateMatch> find_dates(std::string_view s);
// The first range in s, else the first single date.
std::optional<DateMatch> find_date_range(std::string_view s);

// Months covered by the union of [start, finish] periods (inclusive months); a year-only start
// counts from January, a year-only end to December. Periods are (start, finish) month indices
// from month_index.
int month_index(const YearMonth& date, bool as_end);  // year * 12 + month - 1
int union_months(std::vector<std::pair<int, int>> periods);

}  // namespace aligncv::resume::detail
