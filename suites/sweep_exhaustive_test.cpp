// Every binary32 input, every backend compiled in: one test per (op, rounding) sweeps all 2^32
// inputs once for all the backends that implement the pair (each block's expected results are
// computed once), and holds each backend to exactly the deviation kinds it declares. A second
// test per pair sweeps the per-input oracle against the sweep's steps: the engine checking
// itself on every input (for the pairs listed at steps_pairs()). GoogleTest sharding (GTEST_TOTAL_SHARDS, GTEST_SHARD_INDEX) splits the
// pairs across processes; `fpconform check --shard I/N` splits one sweep's inputs instead.
// Label exhaustive: minutes on two cores.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <iostream>
#include <string>

#include "checks/sweep.hpp"
#include "reports/table.hpp"
#include "reports/text.hpp"
#include "suites/support/emulator.hpp"
#include "suites/support/known_deviations.hpp"
#include "suites/support/pairs.hpp"
#include "suites/support/test_names.hpp"

namespace fpconform {
namespace {

// Under emulation (the cross build's test runner sets FPCONFORM_EMULATOR) all 2^32 inputs of
// every pair take hours: the sweeps are then samples of 1 block in 256 (2^24 inputs; CI's 75
// minutes: 1 in 64 took 7 min for the 43 pairs), and say so loudly.
// FPCONFORM_SWEEP_SAMPLE=N overrides (1: every input, wherever it runs).
std::uint32_t sample() {
  if (const char* s = std::getenv("FPCONFORM_SWEEP_SAMPLE"); s != nullptr && *s != '\0')
    return static_cast<std::uint32_t>(std::max(1, std::atoi(s)));
  return emulator() ? 256 : 1;
}

std::uint64_t expected_total(std::uint32_t n) {
  std::uint64_t blocks = 0;
  for (std::uint64_t b = 0; b < (std::uint64_t{1} << 16); ++b) blocks += sampled_block(b, n);
  return blocks << 16;
}

// FPCONFORM_SWEEP_SKIP=a,b: backends not swept here, said loudly (CI's budget: numpy's
// per-element calls take 2.5 minutes a sweep; cli.numpy_exhaustive sweeps it, exhaustive-full).
bool skipped_here(std::string_view backend) {
  const char* s = std::getenv("FPCONFORM_SWEEP_SKIP");
  if (s == nullptr) return false;
  const std::string list = std::string(",") + s + ",";
  return list.find("," + std::string(backend) + ",") != std::string::npos;
}

std::vector<fpconform::Run> sweep_all(Pair p, bool reference) {
  std::vector<SweepJob> jobs;
  for (const Backend* b : backends())
    if ((b->kind() == BackendKind::reference) == reference && b->implements(p.op, p.r)) {
      if (skipped_here(b->name())) {
        std::cout << "*** NOT SWEPT HERE: " << b->name() << " (FPCONFORM_SWEEP_SKIP) ***\n";
        continue;
      }
      jobs.push_back({b, p.op, p.r});
    }
  SweepOptions o;
  o.max_examples = 3;
  o.sample = sample();
  if (o.sample > 1) {
    std::cout << "*** REDUCED: a SAMPLE of 1 block in " << o.sample << " (" << expected_total(o.sample)
              << " of 2^32 inputs), not all 2^32"
              << (emulator() ? std::string(", under emulation (") + emulator() + ")" : std::string())
              << "; FPCONFORM_SWEEP_SAMPLE=1 sweeps every input ***\n";
  }
  std::vector<fpconform::Run> runs = sweep(jobs, o);
  std::cout << table_header();
  for (const fpconform::Run& r : runs) std::cout << table_row(r);
  return runs;
}

class Sweep : public testing::TestWithParam<Pair> {};

TEST_P(Sweep, EveryBackendFindsExactlyItsDeclaredKinds) {
  const Pair p = GetParam();
  const std::vector<fpconform::Run> runs = sweep_all(p, false);
  ASSERT_FALSE(runs.empty()) << "no backend implements " << name(p.op) << " " << name(p.r);
  for (const fpconform::Run& run : runs) {
    if (run.status == Status::skipped) {
      std::cout << run.backend << ": skipped: " << run.reason << "\n";
      continue;
    }
    std::set<DeviationKind> declared = declared_kinds(*find_backend(run.backend), p.op, p.r);
    if (!run.flags_compared) declared.erase(DeviationKind::flags);  // a sweep compares results only
    const KindsComparison c = compare_kinds(declared, run);
    // A sample can show a kind that is not declared, but not that a declared one never occurs.
    if (sample() > 1 && !c.missing.empty())
      std::cout << "NOTE (sample): " << run.backend << " declared but not drawn: "
                << kinds_text(c.missing, run) << "\n";
    EXPECT_TRUE(sample() > 1 ? c.unexpected.empty() : c.exact())
        << run.backend << " " << name(p.op) << " " << name(p.r) << ": " << c.text << "\n"
        << format_examples(run);
    EXPECT_EQ(run.total, expected_total(sample()));
  }
}

class SweepSteps : public testing::TestWithParam<Pair> {};

TEST_P(SweepSteps, AgreeWithTheOracleOnEveryInput) {
  const std::vector<fpconform::Run> runs = sweep_all(GetParam(), true);
  ASSERT_FALSE(runs.empty());
  for (const fpconform::Run& run : runs) {
    EXPECT_EQ(run.status, Status::passed) << format_examples(run);
    EXPECT_EQ(run.mismatches, 0u);
    EXPECT_EQ(run.total, expected_total(sample()));
  }
}

// Which sweeps CI runs (label exhaustive): every mode of the binary32 -> f16, bf16, tf32 and OCP
// FP8 conversions; for FP8 fnuz, FP6 and FP4 rne alone (about 20 s a sweep on 2 cores; their
// other modes and their oracle steps are swept under AllModes, label exhaustive-full, to keep CI
// within its 75 minutes).
bool in_ci(const Pair& p) {
  const Specials s = info(p.op).dst->specials;
  return (s != Specials::fnuz && s != Specials::none) || p.r == Rounding::rne;
}

// The pairs that some backend other than the reference implements, in CI or not.
std::vector<Pair> swept_pairs(bool ci) {
  const auto not_reference = [](const Backend& b) { return b.kind() != BackendKind::reference; };
  std::vector<Pair> out;
  for (const Pair& p : binary32_pairs())
    if (!implemented({p}, not_reference).empty() && in_ci(p) == ci) out.push_back(p);
  return out;
}
INSTANTIATE_TEST_SUITE_P(Binary32, Sweep, testing::ValuesIn(swept_pairs(true)), pair_name);
INSTANTIATE_TEST_SUITE_P(AllModes, Sweep, testing::ValuesIn(swept_pairs(false)), pair_name);
// In CI, rne of three destinations that between them take every path of the steps: binary16
// (IEEE specials, subnormal results), E4M3 (OCP "fn": no infinity, one NaN) and saturating E5M2;
// a per-input oracle sweep costs about a minute of two cores each. The other ops' and modes'
// steps are checked at every binade's edges by sweep_test, against the per-input oracle at every
// mismatch of every sweep, and by F16C's vcvtps2ph (all four IEEE modes) agreeing on all 2^32
// inputs in Sweep above; every pair's steps are swept whole by sweep_steps_all_modes (label
// exhaustive-full).
std::vector<Pair> steps_pairs(bool ci) {
  const auto in_ci = [](const Pair& p) {
    return p.r == Rounding::rne &&
           (p.op == Op::f32_to_f16 || p.op == Op::f32_to_e4m3 || p.op == Op::f32_to_e5m2_sat);
  };
  std::vector<Pair> out;
  for (const Pair& p : binary32_pairs())
    if (in_ci(p) == ci) out.push_back(p);
  return out;
}
INSTANTIATE_TEST_SUITE_P(Binary32, SweepSteps, testing::ValuesIn(steps_pairs(true)), pair_name);
INSTANTIATE_TEST_SUITE_P(AllModes, SweepSteps, testing::ValuesIn(steps_pairs(false)), pair_name);

}  // namespace
}  // namespace fpconform
