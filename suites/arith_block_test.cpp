// oracle::arith_block (the sweep's block fill: AVX-512 where the CPU allows, for add, sub and mul
// (arith_block_avx512.cpp), div (div_block_avx512.cpp) and mulAdd (mul_add_block_avx512.cpp))
// against the scalar oracle, case by case, for every arithmetic op, every rounding mode and every
// NaN policy (where the fill is scalar, only its operand order: EqualsTheScalarOracleOnEveryCase).
//
// arith_block_test checks chosen blocks (a block is one first operand with every second one):
// zeros, infinities, quiet and signaling NaNs, subnormals, the normal range's ends, and seeded
// random first operands. arith_block_exhaustive (FPCONFORM_EXHAUSTIVE, label exhaustive-full)
// checks all 2^16 blocks of every (op, mode, policy).
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <utility>
#include <cstdio>
#include <iostream>
#include <ostream>
#include <span>
#include <string>
#include <vector>

#include "oracles/softfloat/arith.hpp"
#include "oracles/softfloat/arith_block_avx512.hpp"
#include "oracles/softfloat/mul_add_block_avx512.hpp"

namespace fpconform {
namespace {

#ifdef FPCONFORM_EXHAUSTIVE
constexpr bool kExhaustive = true;
#else
constexpr bool kExhaustive = false;
#endif

constexpr NanPolicy kPolicies[] = {NanPolicy::x86, NanPolicy::arm, NanPolicy::arm_default_nan,
                                   NanPolicy::canonical};

std::vector<std::uint32_t> first_operands(const Format& f) {
  if (kExhaustive) {
    std::vector<std::uint32_t> all(1u << 16);
    for (std::uint32_t a = 0; a < all.size(); ++a) all[a] = a;
    return all;
  }
  const std::uint32_t sign = 1u << (f.width() - 1), inf = f.exp_mask() << f.frac_bits;
  const std::uint32_t one = static_cast<std::uint32_t>(f.bias) << f.frac_bits;
  const auto frac = static_cast<std::uint32_t>(f.frac_mask()), quiet = static_cast<std::uint32_t>(f.quiet_bit());
  std::vector<std::uint32_t> v{0, 1, frac, 1u << f.frac_bits, one, one | 1, inf - 1, inf,
                               inf | quiet, inf | 1, inf | frac};
  std::uint64_t x = 0x243F6A8885A308D3ull;
  for (int i = 0; i < 6; ++i) {
    x = x * 6364136223846793005ull + 1442695040888963407ull;
    v.push_back(static_cast<std::uint32_t>(x >> 48) & 0x7FFF);
  }
  const std::size_t n = v.size();
  for (std::size_t i = 0; i < n; ++i) v.push_back(v[i] | sign);
  return v;
}

struct Case {
  Op op;
  Rounding r;
};

void PrintTo(const Case& c, std::ostream* os) { *os << name(c.op) << ' ' << name(c.r); }

class BlockFill : public testing::TestWithParam<Case> {};

// Without a vector fill, the block calls the oracle's own arith_fixed word by word: only how it
// splits a word into operands can differ from oracle::arith, and two blocks under one NaN policy
// show that (a and b swapped changes sub and div); more would compare the oracle with itself.
TEST_P(BlockFill, EqualsTheScalarOracleOnEveryCase) {
  const auto [op, r] = GetParam();
  const Format& f = *info(op).src;
  const bool vector = oracle::arith_block_vectorized(op, r);
  const std::uint32_t one = static_cast<std::uint32_t>(f.bias) << f.frac_bits;
  const std::vector<std::uint32_t> firsts =
      vector ? first_operands(f) : std::vector<std::uint32_t>{one | 1, (1u << (f.width() - 1)) | 0x0123};
  const std::span<const NanPolicy> policies = vector ? std::span(kPolicies) : std::span(kPolicies, 1);
  std::vector<std::uint16_t> got(1u << 16);
  std::uint64_t cases = 0, wrong = 0;
  std::string first_wrong;
  for (const NanPolicy nan : policies)
    for (const std::uint32_t a : firsts) {
      const std::uint32_t first = a << 16;
      oracle::arith_block(op, first, got.size(), r, nan, got.data());
      for (std::uint32_t b = 0; b < got.size(); ++b) {
        const std::uint32_t want = oracle::arith(op, first | b, r, Tininess::after, nan).bits;
        ++cases;
        if (got[b] == want) [[likely]]
          continue;
        if (wrong++ == 0) {
          char s[160];
          std::snprintf(s, sizeof s, "%s %s nan %s: %04X, %04X -> block %04X, scalar %04X",
                        std::string(name(op)).c_str(), std::string(name(r)).c_str(),
                        std::string(name(nan)).c_str(), a, b, unsigned{got[b]}, want);
          first_wrong = s;
        }
      }
    }
  std::printf("%s %s: %llu cases (%s), block fill %s\n", std::string(name(op)).c_str(),
              std::string(name(r)).c_str(), static_cast<unsigned long long>(cases),
              !vector       ? "REDUCED: 2 first operands, 1 NaN policy: its operand order"
              : kExhaustive ? "ALL pairs, 4 NaN policies"
                            : "SAMPLED: 34 first operands, 4 NaN policies",
              vector ? "AVX-512" : "scalar, the oracle's arith_fixed (no AVX-512 F/BW/VL/CD/DQ here)");
  EXPECT_EQ(wrong, 0u) << "first: " << first_wrong;
}

// The words variant (a sweep's inputs in the backends' order): 2^16 random words, each lane's
// operands from anywhere, against the scalar oracle.
TEST_P(BlockFill, GivenWordsEqualTheScalarOracle) {
  const auto [op, r] = GetParam();
  std::vector<std::uint32_t> words(1u << 16);
  std::uint64_t x = 0x9E3779B97F4A7C15ull ^ static_cast<std::uint64_t>(op);
  for (std::uint32_t& w : words) {
    x ^= x << 13, x ^= x >> 7, x ^= x << 17;  // xorshift64
    w = static_cast<std::uint32_t>(x);
  }
  std::vector<std::uint16_t> got(words.size());
  if (!oracle::arith_block_vectorized(op, r))
    GTEST_SKIP() << "no vector fill for " << name(op) << " here (sqrt has none; add, sub, mul "
                 << "and div need AVX-512 F/BW/VL/CD/DQ): the words variant is not used";
  for (const NanPolicy nan : kPolicies) {
    ASSERT_TRUE(oracle::arith_block_avx512_words(op, words.data(), words.size() - 5, r, nan, got.data()));
    std::uint64_t wrong = 0;
    for (std::size_t k = 0; k + 5 < words.size(); ++k)
      wrong += got[k] != oracle::arith(op, words[k], r, Tininess::after, nan).bits;
    EXPECT_EQ(wrong, 0u) << name(op) << " " << name(r) << " nan " << name(nan);
  }
}

// A sweep's blocks as the backends get them: one first operand per 2^16 words, every second
// operand in a shuffled order, so that the fill's per-block fast path (the first operand unpacked
// once) runs; a vector across the change of first operand (at 40000, not a multiple of 16) takes
// the general path.
TEST_P(BlockFill, GivenBlocksOfOneFirstOperandEqualTheScalarOracle) {
  const auto [op, r] = GetParam();
  if (!oracle::arith_block_vectorized(op, r))
    GTEST_SKIP() << "no vector fill for " << name(op) << " here: the words variant is not used";
  const Format& f = *info(op).src;
  const std::uint32_t sign = 1u << (f.width() - 1), inf = f.exp_mask() << f.frac_bits;
  const std::uint32_t firsts[] = {1, 0x1234 & (sign - 1), inf - 1, sign | 0x0400, sign | 7, 0, inf | 1};
  std::vector<std::uint32_t> words(1u << 16);
  std::vector<std::uint16_t> got(words.size());
  std::uint64_t x = 0x2545F4914F6CDD1Dull;
  for (std::size_t k = 0; k + 1 < std::size(firsts); ++k) {
    for (std::uint32_t b = 0; b < words.size(); ++b)
      words[b] = ((b < 40000 ? firsts[k] : firsts[k + 1]) << 16) | b;
    for (std::size_t i = words.size() - 1; i > 0; --i) {  // Fisher-Yates within each part
      x ^= x << 13, x ^= x >> 7, x ^= x << 17;
      const std::size_t lo = i >= 40000 ? 40000 : 0;
      if (i > lo) std::swap(words[i], words[lo + x % (i - lo + 1)]);
    }
    for (const NanPolicy nan : kPolicies) {
      ASSERT_TRUE(oracle::arith_block_avx512_words(op, words.data(), words.size(), r, nan, got.data()));
      std::uint64_t wrong = 0;
      for (std::size_t i = 0; i < words.size(); ++i)
        wrong += got[i] != oracle::arith(op, words[i], r, Tininess::after, nan).bits;
      EXPECT_EQ(wrong, 0u) << name(op) << " " << name(r) << " nan " << name(nan) << " first operands "
                           << std::hex << firsts[k] << ", " << firsts[k + 1];
    }
  }
}

// mulAdd's blocks (one c and a, every b; oracles/softfloat/mul_add_block_avx512.cpp where the CPU
// allows): chosen (c, a) with the first operands above plus seeded random ones, every b, and a
// part of a block that starts and ends off the 8-lane grid, against the scalar oracle.
TEST(MulAddBlockFill, EqualsTheScalarOracleOnEveryCase) {
  std::uint16_t one = 0;
  const bool vector = oracle::mul_add_block_avx512(Op::f16_mulAdd, 0x3C00, 0x3C00, 0, 1, Rounding::rne,
                                                   NanPolicy::x86, &one);
  // Without it the fill is the oracle's own mul_add_impl word by word: as for BlockFill, only
  // how it reads c, a and b from the index can differ, which two (c, a) under one policy show.
  std::cout << (vector ? "the AVX-512 fill runs here"
                       : "no AVX-512 fill here: REDUCED to 2 (c, a), 1 NaN policy: its operand order")
            << "\n";
  if (vector) {
    EXPECT_EQ(one, 0x3C00);  // 1 * 0 + 1
  }
  const std::span<const NanPolicy> policies = vector ? std::span(kPolicies) : std::span(kPolicies, 1);
  for (const Op op : {Op::f16_mulAdd, Op::bf16_mulAdd}) {
    const Format& f = *info(op).src;
    std::vector<std::uint32_t> as = first_operands(f);
    if (kExhaustive) as.resize(std::min<std::size_t>(as.size(), 64));  // the chosen ones suffice
    if (!vector) as = {static_cast<std::uint32_t>(f.bias) << f.frac_bits | 1};
    std::vector<std::pair<std::uint32_t, std::uint32_t>> ca;
    std::uint64_t x = 0x853C49E6748FEA9Bull ^ static_cast<std::uint64_t>(op);
    for (std::size_t i = 0; i < as.size(); ++i) {
      x = x * 6364136223846793005ull + 1442695040888963407ull;
      ca.push_back({as[(i * 7) % as.size()], as[i]});                    // chosen c and a
      ca.push_back({static_cast<std::uint32_t>(x >> 48), as[i]});          // random c
    }
    for (const Rounding r : kRoundings)
      for (const NanPolicy nan : policies) {
        std::uint64_t wrong = 0, checked = 0;
        std::vector<std::uint16_t> got(1u << 16);
        for (const auto& [c, a] : ca) {
          const std::uint64_t first = (std::uint64_t{c} << 32) | (std::uint64_t{a} << 16);
          oracle::arith_block(op, first, got.size(), r, nan, got.data());
          for (std::uint32_t b = 0; b < got.size(); ++b, ++checked)
            wrong += got[b] != oracle::mul_add(f, a, b, c, r, Tininess::after, nan).bits;
          oracle::arith_block(op, first + 3, 1000, r, nan, got.data());  // off the lane grid
          for (std::uint32_t k = 0; k < 1000; ++k, ++checked)
            wrong += got[k] != oracle::mul_add(f, a, 3 + k, c, r, Tininess::after, nan).bits;
        }
        EXPECT_EQ(wrong, 0u) << name(op) << " " << name(r) << " nan " << name(nan) << " over "
                             << checked << " cases";
      }
  }
}

// sqrt's block (scalar everywhere): every operand, in the word's low bits.
TEST(SqrtBlockFill, EqualsTheScalarOracleOnEveryOperand) {
  std::vector<std::uint16_t> got(1u << 16);
  for (const Op op : {Op::f16_sqrt, Op::bf16_sqrt})
    for (const Rounding r : kRoundings) {
      oracle::arith_block(op, 0, got.size(), r, NanPolicy::x86, got.data());
      std::uint64_t wrong = 0;
      for (std::uint32_t a = 0; a < got.size(); ++a)
        wrong += got[a] != oracle::arith(op, a, r, Tininess::after, NanPolicy::x86).bits;
      EXPECT_EQ(wrong, 0u) << name(op) << " " << name(r);
    }
}

std::vector<Case> cases() {
  std::vector<Case> v;
  for (const OpInfo& i : kOps)
    if (i.arity == 2)
      for (Rounding r : kRoundings) v.push_back({i.op, r});
  return v;
}

INSTANTIATE_TEST_SUITE_P(Ops, BlockFill, testing::ValuesIn(cases()), [](const auto& p) {
  return std::string(name(p.param.op)) + "_" + std::string(name(p.param.r));
});

}  // namespace
}  // namespace fpconform
