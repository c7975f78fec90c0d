// Text preparation for the matcher: case folding with offsets back to the original, word
// boundaries that know UTF-8 punctuation, addresses to skip, and list context.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace aligncv::taxonomy::detail {

// The searched form of a text: every run of whitespace (including no-break spaces) becomes one
// ' ', and `folded` is additionally ASCII lower-case. Both have the same length.
struct PreparedText {
  std::string cased;
  std::string folded;
  std::vector<std::uint32_t> offsets;  // byte offset in the original text of each byte
  std::vector<std::uint32_t> breaks;   // positions whose ' ' stands for a run with a newline
  std::size_t original_size = 0;

  // Offsets in the original text of the prepared range [begin, end) (end > begin).
  std::pair<std::size_t, std::size_t> original(std::size_t begin, std::size_t end) const {
    return {offsets[begin], offsets[end - 1] + 1};
  }
  // 0-based line of a prepared position.
  std::size_t line_of(std::size_t pos) const;
};

PreparedText prepare(std::string_view text);

// A spelling in the same normal form as PreparedText::cased (trimmed, single spaces).
std::string normalize_spelling(std::string_view spelling);
// normalize_spelling() in ASCII lower case: the automaton's key.
std::string fold_key(std::string_view spelling);

// Whether the code point before `pos` / at `pos` is a letter or digit (or '_'); UTF-8 aware, so
// "•Python" has a boundary and "Pythonic" or "Pythonä" do not.
bool word_before(std::string_view s, std::size_t pos);
bool word_at(std::string_view s, std::size_t pos);

// Stricter boundaries for short ambiguous names: "R&D", "C-level", "Go-to", "C+" are not R, C,
// Go; "R," and "Go." are.
bool strict_boundaries(std::string_view s, std::size_t begin, std::size_t end);

// Sorted, disjoint [begin, end) ranges of `cased` that are web or e-mail addresses, where names
// do not count ("github.com/jane/python-tools", "jane@gmail.com").
std::vector<std::pair<std::size_t, std::size_t>> address_spans(std::string_view cased);

// Whether [begin, end) stands as an item of a list on its line: between line start, separators
// (, ; | / : bullets, parentheses) or "and"/"or".
bool list_item(const PreparedText& text, std::size_t begin, std::size_t end);

// Whether [begin, end) is all its line holds, but for a bullet before and punctuation after:
// one item of a list written one per line.
bool alone_on_line(const PreparedText& text, std::size_t begin, std::size_t end);

}  // namespace aligncv::taxonomy::detail
