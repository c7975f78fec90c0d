#include "text/pdf_layout.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <map>

namespace aligncv::text::detail {

namespace {

// Two-column detection thresholds, in points or as fractions of the text's extent.
constexpr double kMinBandShare = 0.5;  // the gutter stays clear over half the text height
constexpr double kNearlyClear = 0.85;  // share of a run's best clear height still "clear"
constexpr double kMinGutter = 6.0;     // narrowest gap between the columns' words
constexpr int kMinColumnRows = 3;      // lines on each side of the gutter
constexpr std::size_t kMinColumnChars = 12;
constexpr double kAlignedShare = 0.9;  // rows lined up across the gutter: a table, not columns
constexpr double kSidebarShare = 0.8;  // narrower side below this share of the wider: sidebar
constexpr std::size_t kMaxWordsForColumns = 5000;
constexpr int kMaxDepth = 4;

double height(const Word& w) { return std::max(0.1, w.bottom - w.top); }

struct Row {
  std::vector<const Word*> words;  // left to right
  double top = 0, bottom = 0;
  double center() const { return (top + bottom) / 2; }
  double height() const { return std::max(0.1, bottom - top); }
};

// Words that share a baseline form a row: they overlap vertically by half the smaller height.
std::vector<Row> build_rows(std::vector<const Word*> words) {
  std::sort(words.begin(), words.end(), [](const Word* a, const Word* b) {
    return a->top != b->top ? a->top < b->top : a->left < b->left;
  });
  std::vector<Row> rows;
  for (const Word* w : words) {
    if (!rows.empty()) {
      Row& row = rows.back();
      double overlap = std::min(row.bottom, w->bottom) - std::max(row.top, w->top);
      if (overlap >= 0.5 * std::min(height(*w), row.height())) {
        row.words.push_back(w);
        row.top = std::min(row.top, w->top);
        row.bottom = std::max(row.bottom, w->bottom);
        continue;
      }
    }
    rows.push_back(Row{{w}, w->top, w->bottom});
  }
  for (auto& row : rows) {
    std::stable_sort(row.words.begin(), row.words.end(),
                     [](const Word* a, const Word* b) { return a->left < b->left; });
  }
  return rows;
}

std::size_t char_count(const std::vector<const Word*>& words) {
  std::size_t n = 0;
  for (const Word* w : words) n += w->text.size();
  return n;
}

bool has_alnum(const std::string& s) {
  for (unsigned char c : s) {
    if (std::isalnum(c) || c >= 0x80) return true;
  }
  return false;
}

LaidOutLine to_line(const Row& row) {
  LaidOutLine line;
  std::map<double, std::size_t> chars_by_size;
  bool any_bold_candidate = false, all_bold = true;
  const Word* prev = nullptr;
  for (const Word* w : row.words) {
    if (prev) {
      double em = std::max({prev->font_size, w->font_size, 0.8 * row.height()});
      double gap = w->left - prev->right;
      if (gap > 2.0 * em) {
        line.text.push_back('\t');
      } else if (prev->space_after || gap > 0.12 * em) {
        line.text.push_back(' ');
      }
    }
    line.text += w->text;
    chars_by_size[std::round(w->font_size * 10) / 10] += w->text.size();
    if (has_alnum(w->text)) {
      any_bold_candidate = true;
      all_bold = all_bold && w->bold;
    }
    prev = w;
  }
  std::size_t best = 0;
  for (const auto& [size, count] : chars_by_size) {
    if (count > best) {
      best = count;
      line.font_size = size;
    }
  }
  line.bold = any_bold_candidate && all_bold;
  return line;
}

// Appends rows as lines; a vertical gap of half a line or more marks a new paragraph.
void emit_rows(const std::vector<Row>& rows, bool sidebar, std::vector<LaidOutLine>& out) {
  for (std::size_t i = 0; i < rows.size(); ++i) {
    LaidOutLine line = to_line(rows[i]);
    line.sidebar = sidebar;
    if (i == 0) {
      line.gap_before = true;
    } else {
      double gap = rows[i].top - rows[i - 1].bottom;
      line.gap_before = gap > 0.8 * std::min(rows[i].height(), rows[i - 1].height());
    }
    out.push_back(std::move(line));
  }
}

struct Split {
  std::vector<const Word*> header, left, right, footer;
};

// The tallest vertical stretch over which no word crosses x.
std::pair<double, double> free_band(const std::vector<const Word*>& words, double x, double y0,
                                    double y1) {
  std::vector<std::pair<double, double>> blocked;
  for (const Word* w : words) {
    if (w->left < x - 0.25 && w->right > x + 0.25) blocked.emplace_back(w->top, w->bottom);
  }
  std::sort(blocked.begin(), blocked.end());
  std::pair<double, double> best{y0, y0};
  double start = y0;
  for (const auto& [top, bottom] : blocked) {
    if (top > start && top - start > best.second - best.first) best = {start, top};
    start = std::max(start, bottom);
  }
  if (y1 > start && y1 - start > best.second - best.first) best = {start, y1};
  return best;
}

double width_of(const std::vector<Row>& rows) {
  double lo = 1e18, hi = -1e18;
  for (const auto& row : rows) {
    for (const Word* w : row.words) {
      lo = std::min(lo, w->left);
      hi = std::max(hi, w->right);
    }
  }
  return hi - lo;
}

// Rows of `side` that sit above the other column's first line and above a clear vertical gap
// belong to a header (a name block over the sidebar), not to the column.
std::size_t header_rows(const std::vector<Row>& side, double other_top) {
  double typical = 0;
  for (const auto& row : side) typical += row.height();
  typical /= static_cast<double>(side.size());
  std::size_t above = 0;
  while (above < side.size() && side[above].bottom <= other_top) ++above;
  for (std::size_t k = std::min(above, side.size() - 1); k >= 1; --k) {
    if (side[k].top - side[k - 1].bottom > 1.2 * typical) return k;
  }
  return 0;
}

// Splits at x when the words either side of it read as two columns.
bool try_split(const std::vector<const Word*>& words, double x, double y0, double y1,
               Split& split) {
  auto [band_top, band_bottom] = free_band(words, x, y0, y1);
  std::vector<const Word*> left, right, above, below;
  for (const Word* w : words) {
    double center = (w->top + w->bottom) / 2;
    if (center < band_top) {
      above.push_back(w);
    } else if (center > band_bottom) {
      below.push_back(w);
    } else if (w->right <= x + 0.25) {
      left.push_back(w);
    } else {
      right.push_back(w);
    }
  }
  if (char_count(left) < kMinColumnChars || char_count(right) < kMinColumnChars) return false;
  std::vector<Row> left_rows = build_rows(left), right_rows = build_rows(right);
  if (left_rows.size() < kMinColumnRows || right_rows.size() < kMinColumnRows) return false;

  double gutter_left = -1e18, gutter_right = 1e18;
  for (const Word* w : left) gutter_left = std::max(gutter_left, w->right);
  for (const Word* w : right) gutter_right = std::min(gutter_right, w->left);
  if (gutter_right - gutter_left < kMinGutter) return false;

  // Dates or labels in a narrow column next to their entries line up row by row: that is a
  // table to read across, not two columns to read one after the other.
  bool left_narrower = width_of(left_rows) < width_of(right_rows);
  const auto& narrow = left_narrower ? left_rows : right_rows;
  const auto& wide = left_narrower ? right_rows : left_rows;
  std::vector<double> wide_centers;
  for (const auto& row : wide) wide_centers.push_back(row.center());
  std::sort(wide_centers.begin(), wide_centers.end());
  std::size_t aligned = 0;
  for (const auto& row : narrow) {
    auto it = std::lower_bound(wide_centers.begin(), wide_centers.end(), row.center() - 2.0);
    if (it != wide_centers.end() && *it < row.center() + 2.0) ++aligned;
  }
  if (static_cast<double>(aligned) >= kAlignedShare * static_cast<double>(narrow.size())) {
    return false;
  }

  split.header = std::move(above);
  auto move_header = [&](std::vector<Row>& side, double other_top) {
    std::size_t k = header_rows(side, other_top);
    for (std::size_t i = 0; i < k; ++i) {
      split.header.insert(split.header.end(), side[i].words.begin(), side[i].words.end());
    }
    side.erase(side.begin(), side.begin() + static_cast<std::ptrdiff_t>(k));
  };
  if (right_rows.front().top > left_rows.front().top) {
    move_header(left_rows, right_rows.front().top);
  } else if (left_rows.front().top > right_rows.front().top) {
    move_header(right_rows, left_rows.front().top);
  }
  split.left.clear();
  split.right.clear();
  for (const auto& row : left_rows) {
    split.left.insert(split.left.end(), row.words.begin(), row.words.end());
  }
  for (const auto& row : right_rows) {
    split.right.insert(split.right.end(), row.words.begin(), row.words.end());
  }
  split.footer = std::move(below);
  return true;
}

bool find_split(const std::vector<const Word*>& words, Split& split) {
  // Column search costs positions x words; a page denser than any résumé is read as one column.
  if (words.size() < 8 || words.size() > kMaxWordsForColumns) return false;
  double x0 = 1e18, x1 = -1e18, y0 = 1e18, y1 = -1e18;
  for (const Word* w : words) {
    x0 = std::min(x0, w->left);
    x1 = std::max(x1, w->right);
    y0 = std::min(y0, w->top);
    y1 = std::max(y1, w->bottom);
  }
  double width = x1 - x0, text_height = y1 - y0;
  if (!std::isfinite(width) || !std::isfinite(text_height) || width <= 0 || text_height <= 0) {
    return false;
  }

  // Candidate gutters are runs of positions clear of words over half the text height. Within
  // a run, the cut goes to the middle of the widest stretch that is nearly as clear as the
  // run's best position: a header crossing part of the gutter costs a little height, while
  // the space under a short sidebar's lines costs a lot.
  // A counted loop: with absurd coordinates x += step could stop moving.
  const int positions = static_cast<int>(std::min(400.0, 0.8 * width));
  std::vector<std::pair<double, double>> heights;  // (x, clear height)
  for (int i = 0; i <= positions; ++i) {
    double x = x0 + 0.1 * width + 0.8 * width * i / std::max(positions, 1);
    auto [top, bottom] = free_band(words, x, y0, y1);
    heights.emplace_back(x, bottom - top);
  }
  std::vector<std::pair<double, double>> runs;  // (first x, last x) of each candidate
  for (std::size_t i = 0; i < heights.size();) {
    if (heights[i].second < kMinBandShare * text_height) {
      ++i;
      continue;
    }
    std::size_t end = i;
    double best = 0;
    while (end < heights.size() && heights[end].second >= kMinBandShare * text_height) {
      best = std::max(best, heights[end].second);
      ++end;
    }
    std::pair<double, double> widest{0, -1};
    for (std::size_t k = i; k < end;) {
      if (heights[k].second < kNearlyClear * best) {
        ++k;
        continue;
      }
      std::size_t stop = k;
      while (stop < end && heights[stop].second >= kNearlyClear * best) ++stop;
      if (heights[stop - 1].first - heights[k].first > widest.second - widest.first) {
        widest = {heights[k].first, heights[stop - 1].first};
      }
      k = stop;
    }
    runs.push_back(widest);
    i = end;
  }
  std::sort(runs.begin(), runs.end(),
            [](const auto& a, const auto& b) { return a.second - a.first > b.second - b.first; });
  for (std::size_t i = 0; i < runs.size() && i < 3; ++i) {
    if (try_split(words, (runs[i].first + runs[i].second) / 2, y0, y1, split)) return true;
  }
  return false;
}

void lay_out_region(const std::vector<const Word*>& words, int depth,
                    std::vector<LaidOutLine>& out) {
  if (words.empty()) return;
  Split split;
  if (depth >= kMaxDepth || !find_split(words, split)) {
    emit_rows(build_rows(words), false, out);
    return;
  }
  lay_out_region(split.header, depth + 1, out);
  std::vector<Row> left = build_rows(split.left), right = build_rows(split.right);
  double left_width = width_of(left), right_width = width_of(right);
  if (left_width < kSidebarShare * right_width) {
    emit_rows(right, false, out);
    emit_rows(left, true, out);
  } else if (right_width < kSidebarShare * left_width) {
    emit_rows(left, false, out);
    emit_rows(right, true, out);
  } else {
    emit_rows(left, false, out);
    emit_rows(right, false, out);
  }
  lay_out_region(split.footer, depth + 1, out);
}

}  // namespace

std::vector<LaidOutLine> lay_out_page(const std::vector<Word>& words) {
  std::vector<const Word*> pointers;
  pointers.reserve(words.size());
  for (const auto& w : words) {
    if (!w.text.empty() && w.right >= w.left && w.bottom >= w.top) pointers.push_back(&w);
  }
  std::vector<LaidOutLine> out;
  lay_out_region(pointers, 0, out);
  return out;
}

}  // namespace aligncv::text::detail
