// Words of a text as index terms: lower-cased, light plural folding, stop words dropped.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace aligncv::match {

// Terms in text order (duplicates kept). Keeps tokens such as "c++", "c#", ".net" and "node.js".
std::vector<std::string> terms_of(std::string_view text);

// The terms of terms_of one at a time, without a string each: indexing reads every word of every
// posting.
class TermReader {
 public:
  explicit TermReader(std::string_view text) : text_(text) {}
  // The next term, or false at the end; `term` is valid until the next call.
  bool next(std::string_view& term);

 private:
  static constexpr std::size_t kMaxTermLength = 40;
  std::string_view text_;
  std::size_t pos_ = 0;
  char buffer_[kMaxTermLength];
};

// True for English function words and résumé/posting boilerplate that says nothing about a job.
bool is_stop_word(std::string_view term);

}  // namespace aligncv::match
