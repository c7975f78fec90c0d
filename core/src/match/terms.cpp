#include "match/terms.hpp"

#include <algorithm>
#include <array>
#include <cstdint>

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

// Byte classes of the "C" locale (bytes of UTF-8 sequences are word bytes, never letters), as
// tables: the tokenizer asks for every byte of every posting.
struct ByteClasses {
  bool word[256] = {};
  bool alpha[256] = {};
  char lower[256] = {};
  constexpr ByteClasses() {
    for (int c = 0; c < 256; ++c) {
      const bool letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
      alpha[c] = letter;
      word[c] = letter || (c >= '0' && c <= '9') || c >= 0x80;
      lower[c] = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    }
  }
};
constexpr ByteClasses kBytes;  // built by the compiler: no order of initialisation to mind

bool word_char(unsigned char c) { return kBytes.word[c]; }

// Open addressing over the stop words: cheaper than hashing each word with std::hash. Most
// words are ruled out before hashing by their length, first and last letters.
class StopWordSet {
 public:
  constexpr StopWordSet() {
    for (std::string_view w : kStopWords) {
      if (w.empty()) continue;
      std::size_t i = slot_of(w);
      while (!slots_[i].empty()) i = (i + 1) % kSlots;
      slots_[i] = w;
      first_[w.size()][static_cast<unsigned char>(w.front())] = true;
      last_[w.size()][static_cast<unsigned char>(w.back())] = true;
    }
  }
  constexpr bool contains(std::string_view w) const {
    if (w.empty() || w.size() > kLongest || !first_[w.size()][static_cast<unsigned char>(w.front())] ||
        !last_[w.size()][static_cast<unsigned char>(w.back())]) {
      return false;
    }
    for (std::size_t i = slot_of(w); !slots_[i].empty(); i = (i + 1) % kSlots) {
      if (slots_[i] == w) return true;
    }
    return false;
  }

 private:
  static constexpr std::size_t kSlots = 512;
  static constexpr std::size_t kLongest = 9;  // letters of the longest stop word
  static constexpr std::size_t slot_of(std::string_view w) {
    uint32_t h = 2166136261u;  // FNV-1a
    for (char c : w) h = (h ^ static_cast<unsigned char>(c)) * 16777619u;
    return h % kSlots;
  }
  std::array<std::string_view, kSlots> slots_{};
  bool first_[kLongest + 1][256] = {};
  bool last_[kLongest + 1][256] = {};
};
constexpr StopWordSet kStopWordSet;

// "analyses" -> "analyse", "companies" -> "company", "systems" -> "system"; short words and
// "-ss"/"-us"/"-is" endings stay, so "sales", "status" and "analysis" keep their meaning.
// Works in place on w[0, n); returns the new length.
std::size_t fold_plural(char* w, std::size_t n) {
  if (n <= 3 || w[n - 1] != 's') return n;
  for (std::size_t i = 0; i < n; ++i) {
    if (!kBytes.alpha[static_cast<unsigned char>(w[i])]) return n;
  }
  if (n > 4 && std::string_view(w + n - 3, 3) == "ies") {
    w[n - 3] = 'y';
    return n - 2;
  }
  const char before = w[n - 2];
  const std::string_view word(w, n);
  if (before == 's' || before == 'u' || before == 'i' || word == "sales" || word == "news") return n;
  return n - 1;
}

}  // namespace

bool is_stop_word(std::string_view term) { return kStopWordSet.contains(term); }

bool TermReader::next(std::string_view& term) {
  const std::string_view text = text_;
  const std::size_t n = text.size();
  std::size_t i = pos_;
  while (i < n) {
    const auto c = static_cast<unsigned char>(text[i]);
    // ".net" starts with a dot.
    const bool dot_start = c == '.' && i + 1 < n && kBytes.alpha[static_cast<unsigned char>(text[i + 1])] &&
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
      } else if (d == '+' || d == '#') {
        ++j;  // c++, c#
      } else if ((d == '.' || d == '-' || d == '/') && j + 1 < n &&
                 word_char(static_cast<unsigned char>(text[j + 1]))) {
        ++j;  // node.js, e-commerce, ci/cd
      } else {
        break;
      }
    }
    const std::size_t start = i, length = j - i;
    i = j;
    if (length > kMaxTermLength) continue;  // URLs and other run-ons say nothing
    for (std::size_t k = 0; k < length; ++k) buffer_[k] = kBytes.lower[static_cast<unsigned char>(text[start + k])];
    const std::string_view w(buffer_, fold_plural(buffer_, length));
    if (w.size() < 2 && w != "c" && w != "r") continue;
    if (is_stop_word(w)) continue;
    if (std::all_of(w.begin(), w.end(), [](char ch) { return ch >= '0' && ch <= '9'; })) continue;  // bare numbers
    pos_ = i;
    term = w;
    return true;
  }
  pos_ = n;
  return false;
}

std::vector<std::string> terms_of(std::string_view text) {
  std::vector<std::string> out;
  TermReader reader(text);
  for (std::string_view term; reader.next(term);) out.emplace_back(term);
  return out;
}

}  // namespace aligncv::match
