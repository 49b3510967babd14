// Every backend's f16/bf16 arithmetic against the oracle (oracles/softfloat/arith.hpp), each
// (backend, op, mode) it implements, with the NaN policy and tininess it declares: bit-exact
// where it declares no deviation for the op, else exactly the kinds it declares.
//
// Built twice from this source: arith_backends_test (label unit) runs every sqrt input (2^16)
// and, for binary ops, every pair of a table of special and boundary values plus 2^18 seeded
// random pairs: "sampled, not exhaustive"; arith_backends_exhaustive (FPCONFORM_EXHAUSTIVE,
// label exhaustive) runs all 2^32 operand pairs, on every core.
#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <chrono>
#include <cinttypes>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <mutex>
#include <random>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "checks/classify.hpp"
#include "fpconform/backend.hpp"
#include "oracles/softfloat/arith.hpp"
#include "suites/support/test_names.hpp"

namespace fpconform {
namespace {

struct Case {
  const Backend* backend;
  Op op;
  Rounding r;
};

std::vector<Case> cases() {
  std::vector<Case> out;
  for (const Backend* b : backends())
    for (const OpInfo& i : kOps)
      if (is_arithmetic(i.op) && i.arity < 3)  // mulAdd's 2^48: mul_add_backends_test
        for (Rounding r : kRoundings)
          if (b->implements(i.op, r)) out.push_back({b, i.op, r});
  return out;
}

// Operands worth pairing with each other, per format: zeros, the subnormal and normal
// boundaries, one, neighbours of one, the largest finite, infinity, quiet and signaling NaNs
// with payloads, each of either sign.
[[maybe_unused]] std::vector<std::uint32_t> special_operands(const Format& f) {
  const std::uint32_t frac = f.frac_mask(), inf = f.exp_mask() << f.frac_bits;
  const std::uint32_t one = static_cast<std::uint32_t>(f.bias) << f.frac_bits;
  const std::uint32_t quiet = f.quiet_bit();
  std::vector<std::uint32_t> pos{
      0, 1, 2, 3, frac / 2, frac - 1, frac,                    // zero, subnormals
      frac + 1, frac + 2, 2 * (frac + 1), 3 * (frac + 1) - 1,  // smallest normals
      one - 1, one, one + 1, one + (frac + 1) / 2, 2 * one - one / 2, one + (frac + 1),
      one - (frac + 1), one - 2 * (frac + 1),                  // around one and 2, 1/2, 1/4
      inf - (frac + 1), inf - 2, inf - 1,                      // the largest finite values
      inf,                                                     // infinity
      inf | quiet, inf | quiet | 1, inf | frac,                // quiet NaNs
      inf | 1, inf | (quiet >> 1), inf | (quiet - 1)};         // signaling NaNs
  for (std::uint32_t e = 1; e < f.exp_mask(); e += 3) pos.push_back((e << f.frac_bits) | 0x5);
  std::vector<std::uint32_t> all;
  for (std::uint32_t x : pos) all.push_back(x), all.push_back(x | (1u << (f.width() - 1)));
  std::sort(all.begin(), all.end());
  all.erase(std::unique(all.begin(), all.end()), all.end());
  return all;
}

// The input words of a run, in blocks of up to 2^16.
class Inputs {
 public:
  explicit Inputs(Op op) : op_(op) {
#ifndef FPCONFORM_EXHAUSTIVE
    if (arity(op) == 2) {
      const auto s = special_operands(*info(op).src);
      for (std::uint32_t a : s)
        for (std::uint32_t b : s) words_.push_back(a << 16 | b);
      std::mt19937 rng(20240611);
      for (int i = 0; i < (1 << 18); ++i) words_.push_back(static_cast<std::uint32_t>(rng()));
    }
#endif
  }
  bool exhaustive() const { return words_.empty(); }
  std::uint64_t blocks() const {
    return exhaustive() ? input_space(op_) >> 16 : (words_.size() + 0xFFFF) >> 16;
  }
  std::uint64_t size() const { return exhaustive() ? input_space(op_) : words_.size(); }
  // Block k's words.
  void fill(std::uint64_t k, std::vector<std::uint32_t>& out) const {
    out.clear();
    if (exhaustive()) {
      for (std::uint32_t lo = 0; lo < 0x10000; ++lo)
        out.push_back(static_cast<std::uint32_t>(k << 16) | lo);
    } else {
      const std::size_t begin = k << 16, end = std::min<std::size_t>(begin + 0x10000, words_.size());
      out.assign(words_.begin() + begin, words_.begin() + end);
    }
  }

 private:
  Op op_;
  std::vector<std::uint32_t> words_;
};

struct Tally {
  std::uint64_t compared = 0, mismatches = 0;
  std::array<std::uint64_t, kDeviationKindCount> by_kind{};
  std::array<std::uint32_t, kDeviationKindCount> example{}, got{}, expected{};
};

Tally run(const Backend& b, Op op, Rounding r, const Inputs& inputs) {
  const int width = input_bits(op) / 8;
  const ArithContext ctx{r, b.tininess(), b.nan_policy()};
  std::atomic<std::uint64_t> next{0};
  std::mutex m;
  Tally total;
  auto worker = [&] {
    Tally t;
    std::vector<std::uint32_t> words;
    std::vector<unsigned char> in(4 << 16);
    std::vector<std::uint16_t> out(1 << 16);
    for (std::uint64_t k; (k = next++) < inputs.blocks();) {
      inputs.fill(k, words);
      for (std::size_t i = 0; i < words.size(); ++i) {
        if (width == 4) std::memcpy(&in[4 * i], &words[i], 4);
        else { const auto w = static_cast<std::uint16_t>(words[i]); std::memcpy(&in[2 * i], &w, 2); }
      }
      b.convert(op, r, in.data(), out.data(), words.size(), nullptr);
      for (std::size_t i = 0; i < words.size(); ++i) {
        const oracle::Result e = oracle::evaluate(op, words[i], r, ctx.t, ctx.nan);
        ++t.compared;
        if (out[i] == e.bits) continue;
        ++t.mismatches;
        const auto kind = classify_deviation(op, words[i], out[i], 0, false, e, ctx);
        const auto k = static_cast<std::size_t>(kind.value_or(DeviationKind::other));
        if (t.by_kind[k]++ == 0) t.example[k] = words[i], t.got[k] = out[i], t.expected[k] = e.bits;
      }
    }
    const std::lock_guard lock(m);
    total.compared += t.compared;
    total.mismatches += t.mismatches;
    for (int k = 0; k < kDeviationKindCount; ++k) {
      if (t.by_kind[k] && !total.by_kind[k])
        total.example[k] = t.example[k], total.got[k] = t.got[k], total.expected[k] = t.expected[k];
      total.by_kind[k] += t.by_kind[k];
    }
  };
  std::vector<std::thread> threads;
  const unsigned n = std::max(1u, std::thread::hardware_concurrency());
  for (unsigned i = 0; i < n; ++i) threads.emplace_back(worker);
  for (auto& th : threads) th.join();
  return total;
}

class ArithBackends : public ::testing::TestWithParam<Case> {};

TEST_P(ArithBackends, MatchesOracleUnderItsPolicy) {
  const auto [b, op, r] = GetParam();
  const Availability a = b->available();
  if (!a.ok) GTEST_SKIP() << a.reason;
  const Inputs inputs(op);
  const auto start = std::chrono::steady_clock::now();
  const Tally t = run(*b, op, r, inputs);
  const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();

  std::set<DeviationKind> declared, found;
  for (const KnownDeviation& d : b->known_deviations())
    if (d.op == op && d.in(r) && d.kind != DeviationKind::flags) declared.insert(d.kind);  // flags are not compared here
  std::string text;
  for (int k = 0; k < kDeviationKindCount; ++k) {
    if (!t.by_kind[k]) continue;
    found.insert(static_cast<DeviationKind>(k));
    char line[160];
    std::snprintf(line, sizeof line, "\n  %s: %" PRIu64 ", e.g. %s(0x%08X) = 0x%04X, expected 0x%04X",
                  std::string(name(static_cast<DeviationKind>(k))).c_str(), t.by_kind[k],
                  std::string(name(op)).c_str(), t.example[k], t.got[k], t.expected[k]);
    text += line;
  }
  std::printf("%s %s %s nan=%s: %" PRIu64 " inputs (%s), %" PRIu64 " mismatches, %.1f s%s\n",
              std::string(b->name()).c_str(), std::string(name(op)).c_str(),
              std::string(name(r)).c_str(), std::string(name(b->nan_policy())).c_str(),
              t.compared, inputs.exhaustive() ? "exhaustive" : "sampled, not exhaustive",
              t.mismatches, s, text.c_str());
  EXPECT_EQ(t.compared, inputs.size());
  EXPECT_EQ(found, declared) << "kinds found differ from those " << b->name() << " declares"
                             << text;
}

INSTANTIATE_TEST_SUITE_P(All, ArithBackends, ::testing::ValuesIn(cases()),
                         [](const ::testing::TestParamInfo<Case>& p) {
                           return test_name(std::string(p.param.backend->name()) + "_" +
                                            std::string(name(p.param.op)) + "_" +
                                            std::string(name(p.param.r)));
                         });

}  // namespace
}  // namespace fpconform
