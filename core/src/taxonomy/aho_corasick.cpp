#include "taxonomy/aho_corasick.hpp"

#include <algorithm>
#include <numeric>

namespace aligncv::taxonomy::detail {

AhoCorasick::AhoCorasick(const std::vector<std::string>& keys) {
  // The trie is built breadth-first from the sorted keys: a node is a range of keys sharing a
  // prefix, and its children are the runs of that range with equal next byte. Nodes thus come
  // out numbered level by level with contiguous, sorted edges, and nothing is allocated per node.
  std::vector<std::uint32_t> order(keys.size());
  std::iota(order.begin(), order.end(), 0u);
  std::sort(order.begin(), order.end(),
            [&](std::uint32_t a, std::uint32_t b) { return keys[a] < keys[b]; });

  struct Pending {
    std::uint32_t node;
    std::uint32_t lo, hi;  // range of `order`
    std::uint32_t depth;
  };
  std::vector<Pending> queue{{0, 0, static_cast<std::uint32_t>(order.size()), 0}};
  std::vector<std::uint32_t> parent{0};
  std::vector<unsigned char> label{0};
  key_of_.push_back(kNoKey);
  for (std::size_t head = 0; head < queue.size(); ++head) {
    Pending p = queue[head];
    edge_begin_.push_back(static_cast<std::uint32_t>(edge_target_.size()));
    std::uint32_t lo = p.lo;
    if (lo < p.hi && keys[order[lo]].size() == p.depth) key_of_[p.node] = order[lo++];
    while (lo < p.hi) {
      const unsigned char c = static_cast<unsigned char>(keys[order[lo]][p.depth]);
      std::uint32_t hi = lo + 1;
      while (hi < p.hi && static_cast<unsigned char>(keys[order[hi]][p.depth]) == c) ++hi;
      const auto node = static_cast<std::uint32_t>(key_of_.size());
      key_of_.push_back(kNoKey);
      parent.push_back(p.node);
      label.push_back(c);
      edge_label_.push_back(c);
      edge_target_.push_back(node);
      queue.push_back({node, lo, hi, p.depth + 1});
      lo = hi;
    }
  }
  edge_begin_.push_back(static_cast<std::uint32_t>(edge_target_.size()));

  root_next_.assign(256, 0);
  for (std::uint32_t e = edge_begin_[0]; e < edge_begin_[1]; ++e) {
    root_next_[edge_label_[e]] = edge_target_[e];
  }
  // Failure links in breadth-first order: a node's suffix is shallower, so already linked.
  fail_.assign(key_of_.size(), 0);
  out_.assign(key_of_.size(), 0);
  for (std::uint32_t v = 1; v < key_of_.size(); ++v) {
    if (parent[v] != 0) fail_[v] = step(fail_[parent[v]], label[v]);
    const std::uint32_t f = fail_[v];
    out_[v] = key_of_[f] != kNoKey ? f : out_[f];
  }
}

std::uint32_t AhoCorasick::child(std::uint32_t node, unsigned char c) const {
  const auto first = edge_label_.begin() + edge_begin_[node];
  const auto last = edge_label_.begin() + edge_begin_[node + 1];
  if (last - first <= 8) {
    for (auto it = first; it != last; ++it) {
      if (*it == c) return edge_target_[static_cast<std::size_t>(it - edge_label_.begin())];
    }
    return 0;
  }
  const auto it = std::lower_bound(first, last, c);
  if (it == last || *it != c) return 0;
  return edge_target_[static_cast<std::size_t>(it - edge_label_.begin())];
}

}  // namespace aligncv::taxonomy::detail
