// An Aho–Corasick automaton over byte strings: every occurrence of every key in one pass.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace aligncv::taxonomy::detail {

class AhoCorasick {
 public:
  AhoCorasick() = default;
  // Keys must be non-empty and distinct; a key's id is its index in `keys`.
  explicit AhoCorasick(const std::vector<std::string>& keys);

  // Calls on_match(key_id, end) for every occurrence, `end` being one past its last byte, in
  // order of `end` (for one end, longest key first).
  template <class OnMatch>
  void scan(std::string_view text, OnMatch&& on_match) const {
    if (root_next_.empty()) return;
    std::uint32_t node = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
      node = step(node, static_cast<unsigned char>(text[i]));
      std::uint32_t hit = key_of_[node] != kNoKey ? node : out_[node];
      while (hit != 0) {
        on_match(key_of_[hit], i + 1);
        hit = out_[hit];
      }
    }
  }

  std::size_t node_count() const { return key_of_.size(); }

 private:
  static constexpr std::uint32_t kNoKey = UINT32_MAX;

  // Child of `node` on byte `c`, or 0 (the root never is a child).
  std::uint32_t child(std::uint32_t node, unsigned char c) const;
  std::uint32_t step(std::uint32_t node, unsigned char c) const {
    for (;;) {
      if (node == 0) return root_next_[c];
      if (std::uint32_t next = child(node, c)) return next;
      node = fail_[node];
    }
  }

  // Nodes are numbered breadth-first; a node's children are edges
  // [edge_begin_[node], edge_begin_[node + 1]), sorted by label.
  std::vector<std::uint32_t> edge_begin_;
  std::vector<unsigned char> edge_label_;
  std::vector<std::uint32_t> edge_target_;
  std::vector<std::uint32_t> fail_;
  std::vector<std::uint32_t> key_of_;     // key ending at the node, or kNoKey
  std::vector<std::uint32_t> out_;        // nearest proper suffix node that ends a key, or 0
  std::vector<std::uint32_t> root_next_;  // 256 entries: the root's transitions, 0 = stay
};

}  // namespace aligncv::taxonomy::detail
