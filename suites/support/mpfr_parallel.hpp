// What the MPFR cross-checks share: the threads they may use, the mismatches they collect (a
// count and the first few, lowest input first), and a loop that hands chunks of an index range
// to the threads in turn.
#pragma once

#include <mpfr.h>

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <cstdlib>
#include <functional>
#include <string>
#include <thread>
#include <utility>
#include <vector>

namespace fpconform::testing_mpfr {

inline constexpr std::size_t kMaxExamples = 10;

struct Mismatches {
  std::uint64_t count = 0;
  std::vector<std::pair<std::uint64_t, std::string>> examples;  // (input, message)

  void add(std::uint64_t in, std::string message) {
    if (count++ < kMaxExamples) examples.emplace_back(in, std::move(message));
  }
  void merge(Mismatches&& other) {
    count += other.count;
    for (auto& e : other.examples) examples.push_back(std::move(e));
    std::sort(examples.begin(), examples.end());
    if (examples.size() > kMaxExamples) examples.resize(kMaxExamples);
  }
};

// Every core (FPCONFORM_THREADS to choose), or one where MPFR's exponent range and flags are not
// thread-local.
inline unsigned thread_count() {
  if (!mpfr_buildopt_tls_p()) return 1;
  if (const char* env = std::getenv("FPCONFORM_THREADS")) {
    const int n = std::atoi(env);
    if (n > 0) return static_cast<unsigned>(n);
  }
  return std::max(1u, std::thread::hardware_concurrency());
}

// range(begin, end, out) for chunks of [0, n) of `chunk` indexes, threads taking them in turn.
inline Mismatches in_chunks(std::uint64_t n, std::uint64_t chunk,
                            const std::function<void(std::uint64_t, std::uint64_t, Mismatches&)>& range) {
  const unsigned threads =
      static_cast<unsigned>(std::min<std::uint64_t>(thread_count(), (n + chunk - 1) / chunk));
  std::atomic<std::uint64_t> next{0};
  std::vector<Mismatches> found(std::max(threads, 1u));
  auto work = [&](Mismatches& out) {
    for (std::uint64_t b; (b = next.fetch_add(chunk)) < n;) range(b, std::min(n, b + chunk), out);
  };
  std::vector<std::thread> pool;
  for (unsigned i = 1; i < threads; ++i) pool.emplace_back(work, std::ref(found[i]));
  work(found[0]);
  for (auto& t : pool) t.join();
  Mismatches all;
  for (auto& f : found) all.merge(std::move(f));
  return all;
}

}  // namespace fpconform::testing_mpfr
