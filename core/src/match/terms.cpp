#include "match/terms.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <unordered_set>

namespace aligncv::match {

namespace {

constexpr std::array<std::string_view, 158> kStopWords = {
    "a", "able", "about", "above", "across", "after", "again", "all", "also", "am", "among",
    "an", "and", "any", "are", "as", "at", "be", "been", "before", "being", "below", "between",
    "both", "but", "by", "can", "city", "company", "could", "did", "do", "does", "doing",
    "down", "due", "during", "each", "either", "etc", "ever", "every", "few", "for", "from",
    "further", "get", "had", "has", "have", "having", "he", "her", "here", "hers", "him", "his",
    "how", "i", "if", "in", "including", "into", "is", "it", "its", "itself", "just", "least",
    "less", "like", "made", "make", "many", "may", "me", "might", "more", "most", "much",
    "must", "my", "n/a", "name", "near", "need", "no", "nor", "not", "now", "of", "off", "on",
    "once", "one", "only", "or", "other", "our", "ours", "out", "over", "own", "per", "same",
    "several", "she", "should", "since", "so", "some", "state", "such", "than", "that", "the",
    "their", "them", "then", "there", "these", "they", "this", "those", "through", "to", "too",
    "under", "until", "up", "upon", "us", "use", "used", "using", "very", "via", "was", "we",
    "well", "were", "what", "when", "where", "which", "while", "who", "whom", "why", "will",
    "with", "within", "would", "yet", "you", "your", "yours", "yourself",};

bool word_char(unsigned char c) { return std::isalnum(c) || c >= 0x80; }

// "analyses" -> "analyse", "companies" -> "company", "systems" -> "system"; short words and
// "-ss"/"-us"/"-is" endings stay, so "sales", "status" and "analysis" keep their meaning.
void fold_plural(std::string& w) {
  const std::size_t n = w.size();
  if (n <= 3 || w[n - 1] != 's') return;
  if (!std::all_of(w.begin(), w.end(), [](char c) { return std::isalpha(static_cast<unsigned char>(c)); })) return;
  if (n > 4 && w.compare(n - 3, 3, "ies") == 0) {
    w.replace(n - 3, 3, "y");
    return;
  }
  const char before = w[n - 2];
  if (before == 's' || before == 'u' || before == 'i' || w == "sales" || w == "news") return;
  w.pop_back();
}

}  // namespace

bool is_stop_word(std::string_view term) {
  static const std::unordered_set<std::string_view> kSet(kStopWords.begin(), kStopWords.end());
  return term.size() <= 9 && kSet.count(term) > 0;  // the longest stop word has 9 letters
}

std::vector<std::string> terms_of(std::string_view text) {
  std::vector<std::string> out;
  std::size_t i = 0;
  const std::size_t n = text.size();
  while (i < n) {
    const auto c = static_cast<unsigned char>(text[i]);
    // ".net" starts with a dot.
    const bool dot_start = c == '.' && i + 1 < n && std::isalpha(static_cast<unsigned char>(text[i + 1])) &&
                           (i == 0 || !word_char(static_cast<unsigned char>(text[i - 1])));
    if (!word_char(c) && !dot_start) {
      ++i;
      continue;
    }
    std::size_t j = i + 1;
    while (j < n) {
      const auto d = static_cast<unsigned char>(text[j]);
      if (word_char(d)) {
        ++j;
      } else if ((d == '+' || d == '#') ) {
        ++j;  // c++, c#
      } else if ((d == '.' || d == '-' || d == '/') && j + 1 < n &&
                 word_char(static_cast<unsigned char>(text[j + 1]))) {
        ++j;  // node.js, e-commerce, ci/cd
      } else {
        break;
      }
    }
    std::string w(text.substr(i, j - i));
    i = j;
    for (auto& ch : w) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    if (w.size() > 40) continue;  // URLs and other run-ons say nothing
    fold_plural(w);
    if (w.size() < 2 && w != "c" && w != "r") continue;
    if (is_stop_word(w)) continue;
    if (std::all_of(w.begin(), w.end(), [](char ch) { return std::isdigit(static_cast<unsigned char>(ch)); })) {
      continue;  // bare numbers
    }
    out.push_back(std::move(w));
  }
  return out;
}

}  // namespace aligncv::match
