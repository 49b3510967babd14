// The sweep engine on slices of the 2^32 inputs: its step tables must reproduce the per-input
// oracle, its counts and examples must equal compare()'s on the same inputs, and shards must add
// up to the whole. The full sweeps are in sweep_exhaustive_test (label exhaustive).
#include <gtest/gtest.h>

#include <numeric>
#include <random>
#include <vector>

#include "fpconform/container.hpp"
#include "oracles/softfloat/oracle.hpp"
#include "checks/compare.hpp"
#include "checks/oracle_steps.hpp"
#include "checks/sweep.hpp"
#include "suites/support/pairs.hpp"
#include "suites/support/test_backends.hpp"
#include "suites/support/test_names.hpp"

namespace fpconform {
namespace {


// Expected containers from the steps against the oracle, input by input, on [first, first + n).
void expect_steps_match(const OracleSteps& steps, Pair p, std::uint32_t first, std::size_t n) {
  const Format& dst = *info(p.op).dst;
  std::vector<unsigned char> out(n * 4);
  steps.fill(first, n, out.data());
  for (std::size_t k = 0; k < n; ++k) {
    const std::uint32_t x = first + static_cast<std::uint32_t>(k);
    const std::uint32_t want = oracle::convert(p.op, x, p.r).bits;
    const std::uint32_t got = load_container(dst, out.data(), k);
    if (got != want) {
      ADD_FAILURE() << name(p.op) << " " << name(p.r) << " input 0x" << std::hex << x
                    << ": steps give 0x" << got << ", the oracle 0x" << want;
      return;
    }
  }
}

class Steps : public testing::TestWithParam<Pair> {};

// Every binade's first and last 512 inputs of both signs (where the steps change width), the
// signs' and NaNs' edges with unaligned windows, and random windows.
TEST_P(Steps, MatchTheOracleAtBinadeEdgesAndRandomWindows) {
  const Pair p = GetParam();
  const OracleSteps steps(p.op, p.r);
  for (std::uint32_t sign : {0u, 0x80000000u})
    for (std::uint32_t e = 0; e < 256; ++e) {
      const std::uint32_t binade = sign | e << 23;
      expect_steps_match(steps, p, binade, 512);
      expect_steps_match(steps, p, binade + 0x7FFE00, 512);
    }
  expect_steps_match(steps, p, 0x7F7FFF01, 0x1000);  // max finite .. inf .. NaNs, unaligned
  expect_steps_match(steps, p, 0x7FFFFF00, 0x300);   // last NaN, across into -0
  expect_steps_match(steps, p, 0xFFFFF000, 0x1000);  // up to the very last input
  std::mt19937 rng(7);
  for (int i = 0; i < 64; ++i) expect_steps_match(steps, p, rng() & ~0xFFFu, 0x1000);
}

INSTANTIATE_TEST_SUITE_P(Binary32, Steps, testing::ValuesIn(binary32_pairs()), pair_name);

using testing_backends::Scrambling;
using testing_backends::Truncating;
using testing_backends::Unavailable;

void expect_same_counts(const fpconform::Run& a, const fpconform::Run& b) {
  EXPECT_EQ(a.total, b.total);
  EXPECT_EQ(a.mismatches, b.mismatches);
  EXPECT_EQ(a.by_kind, b.by_kind);
  EXPECT_EQ(a.by_class, b.by_class);
  EXPECT_EQ(a.status, b.status);
}

// Subnormal and tiny results, the overflow threshold, infinity and the NaNs: where truncation
// shows most of its kinds.
constexpr std::uint64_t kFirst = 0x7F7F0000, kLast = 0x7F820000;

// sweep() and compare() of one backend on inputs [first, last): the same counts and examples.
void expect_sweep_equals_compare(const Backend& backend, Op op, Rounding r, std::uint64_t first,
                                 std::uint64_t last) {
  SweepOptions so;
  so.first = first;
  so.last = last;
  so.max_examples = 20;
  const SweepJob job{&backend, op, r};
  const fpconform::Run swept = sweep(std::span(&job, 1), so)[0];
  InputSpec values;
  values.kind = InputSpec::Kind::values;
  values.values.resize(last - first);
  std::iota(values.values.begin(), values.values.end(), static_cast<std::uint32_t>(first));
  CompareOptions co;
  co.max_examples = 20;
  const fpconform::Run compared = compare(backend, op, r, InputSet(op, values), co);
  SCOPED_TRACE(swept.inputs);
  EXPECT_GT(swept.mismatches, 0u);
  expect_same_counts(swept, compared);
  EXPECT_EQ(swept.by_exponent, compared.by_exponent);
  ASSERT_EQ(swept.examples.size(), compared.examples.size());
  for (std::size_t i = 0; i < swept.examples.size(); ++i) {
    const Example& s = swept.examples[i];
    const Example& c = compared.examples[i];
    EXPECT_EQ(s.input, c.input);
    EXPECT_EQ(s.got, c.got);
    EXPECT_EQ(s.kind, c.kind);
    EXPECT_EQ(s.case_class, c.case_class);
    EXPECT_EQ(s.expected_flags & kOverflow, c.expected_flags & kOverflow);
  }
}

TEST(Sweep, CountsAndExamplesEqualCompareOnTheSameInputs) {
  const Truncating t;
  for (const auto& [first, last] : {std::pair<std::uint64_t, std::uint64_t>{0x33000000, 0x33100000},
                                   {0x387F0000, 0x38810000},
                                   {0x477F0000, 0x47810000}, {kFirst, kLast}, {0xFF7F8000, 0x100000000}})
    expect_sweep_equals_compare(t, Op::f32_to_f16, Rounding::rne, first, last);
}

// The sweep counts mismatches from bit tests on its step tables; compare() asks the general
// classifiers input by input. A backend answering at random must get the same counts from both,
// op by op and mode by mode, on windows holding every class of case.
class SweepCounts : public testing::TestWithParam<Pair> {};

TEST_P(SweepCounts, EqualCompareForABackendAnsweringAtRandom) {
  const Pair p = GetParam();
  const Scrambling s;
  const Format& dst = *info(p.op).dst;
  // The first input at or above the destination's overflow threshold, from its largest finite
  // value: the windows straddle it.
  const std::uint32_t max_finite =
      oracle::convert(*info(p.op).dst, kBinary32,
                      ((dst.max_finite_exp() << dst.frac_bits) | dst.max_finite_frac()) << dst.shift,
                      Rounding::rne).bits;
  std::vector<std::pair<std::uint64_t, std::uint64_t>> windows{
      {0, 0x4000}, {0x00800000 - 0x2000, 0x00800000 + 0x2000}, {max_finite - 0x3000, max_finite + 0x3000},
      {0x7F7FF000, 0x7F801000}, {0x7FBFF000, 0x7FC01000}, {0x7FFFF000, 0x80003000},
      {0x80800000 - 0x2000, 0x80800000 + 0x2000}, {(max_finite | 0x80000000u) - 0x3000, (max_finite | 0x80000000u) + 0x3000},
      {0xFF800000 - 0x1000, 0xFF801000}, {0xFFFFF000, 0x100000000}};
  for (std::uint32_t e : {100u, 103u, 112u, 113u, 120u, 127u, 142u})  // tiny to large results
    windows.push_back({e << 23, (e << 23) + 0x3000});
  for (const auto& [first, last] : windows) expect_sweep_equals_compare(s, p.op, p.r, first, last);
}

INSTANTIATE_TEST_SUITE_P(Binary32, SweepCounts, testing::ValuesIn(binary32_pairs()), pair_name);

TEST(Sweep, ShardsAddUpToTheWhole) {
  const Truncating t;
  const Backend* portable = find_backend("portable");
  ASSERT_NE(portable, nullptr);
  const std::vector<SweepJob> jobs{{&t, Op::f32_to_f16, Rounding::rne},
                                   {portable, Op::f32_to_f16, Rounding::rne}};
  SweepOptions so;
  so.first = kFirst;
  so.last = kLast;
  const std::vector<fpconform::Run> whole = sweep(jobs, so);
  EXPECT_EQ(whole[0].shard, "");
  std::vector<fpconform::Run> sum(2);
  for (std::uint32_t i = 0; i < 3; ++i) {
    so.shard = {i, 3};
    const std::vector<fpconform::Run> part = sweep(jobs, so);
    for (std::size_t j = 0; j < 2; ++j) {
      EXPECT_EQ(part[j].shard, std::to_string(i) + "/3");
      sum[j].total += part[j].total;
      sum[j].mismatches += part[j].mismatches;
      for (int k = 0; k < kDeviationKindCount; ++k) sum[j].by_kind[k] += part[j].by_kind[k];
      for (int k = 0; k < kCaseClassCount; ++k) sum[j].by_class[k] += part[j].by_class[k];
      sum[j].status = std::max(sum[j].status, part[j].status);
    }
  }
  for (std::size_t j = 0; j < 2; ++j) expect_same_counts(whole[j], sum[j]);
  EXPECT_EQ(whole[1].mismatches, 0u) << "portable must be exact";
  EXPECT_EQ(whole[0].total, kLast - kFirst);
}

// A sample sweeps whole blocks, about one in N, and says so: its counts are exactly those of
// sweeping each chosen block as a range of its own.
TEST(Sweep, SampleSweepsTheChosenBlocksAndSaysSo) {
  const Truncating t;
  const std::vector<SweepJob> jobs{{&t, Op::f32_to_f16, Rounding::rne}};
  SweepOptions so;
  so.first = 0x38000000;  // 2^-15: the truncating backend's subnormal results differ
  so.last = 0x38000000 + (std::uint64_t{256} << 16);
  so.sample = 16;
  const fpconform::Run sampled = sweep(jobs, so).at(0);
  EXPECT_EQ(sampled.inputs, "sample:1/16 of range:0x38000000-0x38FFFFFF");
  fpconform::Run sum;
  std::uint64_t chosen = 0;
  for (std::uint64_t b = so.first >> 16; b < so.last >> 16; ++b) {
    if (!sampled_block(b, 16)) continue;
    ++chosen;
    SweepOptions one;
    one.first = b << 16;
    one.last = (b + 1) << 16;
    const fpconform::Run r = sweep(jobs, one).at(0);
    sum.total += r.total;
    sum.mismatches += r.mismatches;
    for (int k = 0; k < kDeviationKindCount; ++k) sum.by_kind[k] += r.by_kind[k];
  }
  EXPECT_GE(chosen, 4u);  // 256 blocks, 1 in 16 expected: a hash this far off is broken
  EXPECT_LE(chosen, 40u);
  EXPECT_EQ(sampled.total, chosen << 16);
  EXPECT_EQ(sampled.mismatches, sum.mismatches);
  EXPECT_GT(sum.mismatches, 0u);
  for (int k = 0; k < kDeviationKindCount; ++k) EXPECT_EQ(sampled.by_kind[k], sum.by_kind[k]);
}

TEST(Sweep, SampleOfOneIsEveryBlock) {
  for (std::uint64_t b = 0; b < 1000; ++b) EXPECT_TRUE(sampled_block(b, 1));
  std::uint64_t in = 0;
  for (std::uint64_t b = 0; b < 65536; ++b) in += sampled_block(b, 16);
  EXPECT_NEAR(static_cast<double>(in), 4096.0, 400.0);  // binomial sd 62: 6 sd
}

TEST(Sweep, ReportsSkippedAndUnimplementedWithoutCallingThem) {
  const Unavailable absent;
  const Truncating t;
  const std::vector<SweepJob> jobs{{&absent, Op::f32_to_f16, Rounding::rne},
                                   {&t, Op::f32_to_bf16, Rounding::rne}};
  SweepOptions so;
  so.last = 1 << 20;
  const std::vector<fpconform::Run> runs = sweep(jobs, so);
  EXPECT_EQ(runs[0].status, Status::skipped);
  EXPECT_EQ(runs[0].reason, "no such hardware");
  EXPECT_EQ(runs[1].status, Status::unimplemented);
  EXPECT_EQ(runs[1].inputs, "range:0x00000000-0x000FFFFF");
}

TEST(Sweep, RejectsSixteenBitSourcesAndEmptyRanges) {
  const Backend* portable = find_backend("portable");
  const SweepJob widening{portable, Op::f16_to_f32, Rounding::rne};
  EXPECT_THROW(sweep(std::span(&widening, 1), SweepOptions{}), std::invalid_argument);
  const SweepJob narrowing{portable, Op::f32_to_f16, Rounding::rne};
  SweepOptions empty;
  empty.first = empty.last = 5;
  EXPECT_THROW(sweep(std::span(&narrowing, 1), empty), std::invalid_argument);
}

TEST(Shard, ParsesIOverN) {
  EXPECT_EQ(Shard::parse("0/1")->count, 1u);
  EXPECT_EQ(Shard::parse("2/4")->index, 2u);
  EXPECT_EQ(Shard::parse("2/4")->label(), "2/4");
  EXPECT_EQ(Shard::parse("0/1")->label(), "");
  for (const char* bad : {"", "1", "4/4", "1/0", "a/2", "1/2x", "-1/2", "1//2"})
    EXPECT_FALSE(Shard::parse(bad)) << bad;
}

}  // namespace
}  // namespace fpconform
