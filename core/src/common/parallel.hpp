// Runs independent work items on every core; for batches where each item costs microseconds.
#pragma once

#include <algorithm>
#include <cstddef>
#include <thread>
#include <vector>

namespace aligncv {

// Calls fn(i) for every i in [0, n), spread over up to 8 threads when n is at least
// `min_batch`; fn must be safe to call concurrently for different i.
template <typename Fn>
void parallel_for(std::size_t n, Fn&& fn, std::size_t min_batch = 256) {
  const std::size_t workers =
      n < min_batch ? 1 : std::max<std::size_t>(1, std::min<std::size_t>(8, std::thread::hardware_concurrency()));
  std::vector<std::thread> threads;
  for (std::size_t w = 1; w < workers; ++w) {
    threads.emplace_back([&, w] {
      for (std::size_t i = w; i < n; i += workers) fn(i);
    });
  }
  for (std::size_t i = 0; i < n; i += workers) fn(i);
  for (auto& t : threads) t.join();
}

}  // namespace aligncv
