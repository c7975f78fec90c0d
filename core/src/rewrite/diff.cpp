// Word-level diff as escaped HTML: lines are aligned first (LCS), then each changed pair of lines
// is compared word by word, so a long résumé costs little more than its changed lines.
#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

#include "common/text.hpp"
#include "rewrite/internal.hpp"

namespace aligncv::rewrite {

namespace {

enum class Op { Same, Del, Ins };

std::vector<std::string> split_lines(std::string_view s) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (true) {
    std::size_t nl = s.find('\n', start);
    out.emplace_back(s.substr(start, nl == std::string_view::npos ? std::string_view::npos : nl - start));
    if (nl == std::string_view::npos) break;
    start = nl + 1;
  }
  return out;
}

// The edit script turning a into b, from a longest common subsequence.
template <typename T>
std::vector<std::pair<Op, std::size_t>> script(const std::vector<T>& a, const std::vector<T>& b) {
  const std::size_t n = a.size(), m = b.size();
  // Common prefix and suffix need no table.
  std::size_t pre = 0;
  while (pre < n && pre < m && a[pre] == b[pre]) ++pre;
  std::size_t suf = 0;
  while (suf < n - pre && suf < m - pre && a[n - 1 - suf] == b[m - 1 - suf]) ++suf;
  const std::size_t an = n - pre - suf, bm = m - pre - suf;
  std::vector<std::uint32_t> t((an + 1) * (bm + 1), 0);
  auto at = [&](std::size_t i, std::size_t j) -> std::uint32_t& { return t[i * (bm + 1) + j]; };
  for (std::size_t i = an; i-- > 0;) {
    for (std::size_t j = bm; j-- > 0;) {
      at(i, j) = a[pre + i] == b[pre + j] ? at(i + 1, j + 1) + 1 : std::max(at(i + 1, j), at(i, j + 1));
    }
  }
  std::vector<std::pair<Op, std::size_t>> out;  // index into a (Same, Del) or b (Ins)
  for (std::size_t k = 0; k < pre; ++k) out.push_back({Op::Same, k});
  std::size_t i = 0, j = 0;
  while (i < an || j < bm) {
    if (i < an && j < bm && a[pre + i] == b[pre + j]) {
      out.push_back({Op::Same, pre + i});
      ++i;
      ++j;
    } else if (j < bm && (i == an || at(i, j + 1) >= at(i + 1, j))) {
      out.push_back({Op::Ins, pre + j});
      ++j;
    } else {
      out.push_back({Op::Del, pre + i});
      ++i;
    }
  }
  for (std::size_t k = 0; k < suf; ++k) out.push_back({Op::Same, n - suf + k});
  return out;
}

// Deletions before insertions within each changed run, so "<del>a</del><ins>b</ins>" reads well.
template <typename T>
std::vector<std::pair<Op, std::size_t>> grouped(const std::vector<T>& a, const std::vector<T>& b) {
  auto s = script(a, b);
  std::vector<std::pair<Op, std::size_t>> out;
  std::size_t k = 0;
  while (k < s.size()) {
    if (s[k].first == Op::Same) {
      out.push_back(s[k++]);
      continue;
    }
    std::vector<std::pair<Op, std::size_t>> dels, ins;
    for (; k < s.size() && s[k].first != Op::Same; ++k) (s[k].first == Op::Del ? dels : ins).push_back(s[k]);
    out.insert(out.end(), dels.begin(), dels.end());
    out.insert(out.end(), ins.begin(), ins.end());
  }
  return out;
}

std::string words_diff(const std::string& before, const std::string& after) {
  const auto a = detail::words_of(before), b = detail::words_of(after);
  std::string out;
  Op open = Op::Same;
  bool first = true;
  for (const auto& [op, idx] : grouped(a, b)) {
    const std::string& w = op == Op::Ins ? b[idx] : a[idx];
    if (op != open) {
      if (open == Op::Del) out += "</del>";
      if (open == Op::Ins) out += "</ins>";
      // A blank between runs, except where an insertion directly replaces a deletion.
      if (!first && !(open == Op::Del && op == Op::Ins)) out += ' ';
      if (op == Op::Del) out += "<del>";
      if (op == Op::Ins) out += "<ins>";
      open = op;
    } else if (!first) {
      out += ' ';
    }
    out += html_escape(w);
    first = false;
  }
  if (open == Op::Del) out += "</del>";
  if (open == Op::Ins) out += "</ins>";
  return out;
}

}  // namespace

std::string diff_html(std::string_view before, std::string_view after) {
  const auto a = split_lines(before), b = split_lines(after);
  const auto ops = grouped(a, b);
  std::string out = "<div class=\"diff\">";
  std::size_t k = 0;
  while (k < ops.size()) {
    if (ops[k].first == Op::Same) {
      out += "<p>" + html_escape(detail::join(detail::words_of(a[ops[k].second]))) + "</p>";
      ++k;
      continue;
    }
    // A changed run: pair removed and added lines in order, word-diff each pair.
    std::vector<std::size_t> dels, ins;
    while (k < ops.size() && ops[k].first != Op::Same) {
      (ops[k].first == Op::Del ? dels : ins).push_back(ops[k].second);
      ++k;
    }
    const std::size_t pairs = std::min(dels.size(), ins.size());
    for (std::size_t p = 0; p < pairs; ++p) out += "<p>" + words_diff(a[dels[p]], b[ins[p]]) + "</p>";
    for (std::size_t p = pairs; p < dels.size(); ++p) {
      out += "<p><del>" + html_escape(detail::join(detail::words_of(a[dels[p]]))) + "</del></p>";
    }
    for (std::size_t p = pairs; p < ins.size(); ++p) {
      out += "<p><ins>" + html_escape(detail::join(detail::words_of(b[ins[p]]))) + "</ins></p>";
    }
  }
  return out + "</div>";
}

}  // namespace aligncv::rewrite
