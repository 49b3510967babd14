// The soft-float oracle against the MPFR oracle: two independent derivations of the IEEE 754 /
// OCP rules that must agree bit for bit, result and flags, under both tininess conventions.
//
// One source, two programs. oracle_vs_mpfr samples the binary32 input sets and says so;
// oracle_vs_mpfr_exhaustive (FPCONFORM_EXHAUSTIVE, ctest label `exhaustive`) checks them whole,
// on every core (FPCONFORM_THREADS=N to choose).
#include <gtest/gtest.h>
#include <mpfr.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <unordered_set>
#include <vector>

#include "fpconform/format.hpp"
#include "fpconform/operation.hpp"
#include "fpconform/rounding.hpp"
#include "oracles/mpfr/mpfr_oracle.hpp"
#include "vectors/inputs.hpp"
#include "oracles/softfloat/oracle.hpp"
#include "suites/support/mpfr_parallel.hpp"

namespace fpconform {
namespace {

using testing_mpfr::kMaxExamples;
using testing_mpfr::Mismatches;
using testing_mpfr::thread_count;

#ifdef FPCONFORM_EXHAUSTIVE
constexpr bool kExhaustive = true;
#else
constexpr bool kExhaustive = false;
#endif

constexpr std::uint64_t kSeed = 0x5EEDF9C04F032025;
constexpr std::uint64_t kRandomFull = std::uint64_t{1} << 24;  // per (op, rounding)
constexpr std::uint64_t kRandomCount = kExhaustive ? kRandomFull : std::uint64_t{1} << 17;
constexpr int kSamplesPerBinade = 1 << 12;  // sampled build: per binade and sign
// binary64 sources: random inputs per (op, rounding) after the edge table.
constexpr std::uint64_t kF64Random = kExhaustive ? std::uint64_t{1} << 20 : std::uint64_t{1} << 15;
constexpr std::uint64_t kChunk = 1 << 14;  // inputs a thread takes at a time

// ---------------------------------------------------------------------------------------------
// Printing a case

// "0x7C00 (0 11111 0000000000)": the container in hex, then sign, exponent and fraction.
std::string fields(const Format& f, std::uint64_t container) {
  char hex[24];
  std::snprintf(hex, sizeof hex, "0x%0*llX", f.container_bits / 4, static_cast<unsigned long long>(container));
  const std::uint64_t v = container >> f.shift;
  std::string s = std::string(hex) + " (" + std::to_string((v >> (f.width() - 1)) & 1) + " ";
  for (int b = f.width() - 2; b >= 0; --b) {
    s += static_cast<char>('0' + ((v >> b) & 1));
    if (b == f.frac_bits) s += ' ';
  }
  return s + ")";
}

std::string flag_text(Flags x) {
  char hex[8];
  std::snprintf(hex, sizeof hex, "0x%02X", x);
  std::string s = hex;
  s += " [";
  s += (x & kInvalid) ? 'v' : '-';
  s += (x & kOverflow) ? 'o' : '-';
  s += (x & kUnderflow) ? 'u' : '-';
  s += (x & kInexact) ? 'x' : '-';
  return s + "]";
}

std::string describe(const OpInfo& op, Rounding r, Tininess t, std::uint64_t in,
                     const oracle::Result& softfloat, const oracle::Result& mpfr) {
  std::ostringstream o;
  o << op.name << " " << name(r) << " tininess=" << name(t) << " input " << fields(*op.src, in)
    << ": softfloat " << fields(*op.dst, softfloat.bits) << " flags " << flag_text(softfloat.flags)
    << ", mpfr " << fields(*op.dst, mpfr.bits) << " flags " << flag_text(mpfr.flags);
  return o.str();
}

// ---------------------------------------------------------------------------------------------
// Comparing, collecting mismatches (up to a cap, the rest counted), on every core


void check_one(const OpInfo& op, Rounding r, std::uint64_t in, Mismatches& out) {
  const mpfr_oracle::ByTininess mpfr = mpfr_oracle::convert_both(*op.src, *op.dst, in, r);
  for (Tininess t : {Tininess::after, Tininess::before}) {
    const oracle::Result softfloat = oracle::convert(*op.src, *op.dst, in, r, t);
    const oracle::Result& expected = t == Tininess::after ? mpfr.after : mpfr.before;
    if (softfloat != expected) out.add(in, describe(op, r, t, in, softfloat, expected));
  }
}


// Checks every input of `set` (anything with size() and for_each(begin, end, f)), threads
// taking chunks of the index range in turn.
template <typename Set>
Mismatches check_set(const OpInfo& op, Rounding r, const Set& set) {
  return testing_mpfr::in_chunks(set.size(), kChunk, [&](std::uint64_t b, std::uint64_t e, Mismatches& out) {
    set.for_each(b, e, [&](std::uint32_t in) { check_one(op, r, in, out); });
  });
}

void expect_none(const Mismatches& m, std::uint64_t checked) {
  if (m.count == 0) return;
  std::ostringstream o;
  o << m.count << " disagreements in " << checked << " inputs x 2 tininess conventions; first "
    << m.examples.size() << ":";
  for (const auto& e : m.examples) o << "\n  " << e.second;
  ADD_FAILURE() << o.str();
}

// ---------------------------------------------------------------------------------------------
// Input sets

// Consecutive runs of bit patterns, addressed by one index.
class Blocks {
 public:
  void add(std::uint32_t first, std::uint64_t count) {
    starts_.push_back(size_);
    blocks_.push_back({first, count});
    size_ += count;
  }
  std::uint64_t size() const { return size_; }
  template <typename F>
  void for_each(std::uint64_t begin, std::uint64_t end, F f) const {
    std::size_t b = static_cast<std::size_t>(
        std::upper_bound(starts_.begin(), starts_.end(), begin) - starts_.begin() - 1);
    for (std::uint64_t i = begin; i < end; ++i) {
      while (i >= starts_[b] + blocks_[b].count) ++b;
      f(static_cast<std::uint32_t>(blocks_[b].first + (i - starts_[b])));
    }
  }

 private:
  struct Block {
    std::uint32_t first;
    std::uint64_t count;
  };
  std::vector<Block> blocks_;
  std::vector<std::uint64_t> starts_;
  std::uint64_t size_ = 0;
};

class List {
 public:
  explicit List(std::vector<std::uint32_t> v) : v_(std::move(v)) {}
  std::uint64_t size() const { return v_.size(); }
  template <typename F>
  void for_each(std::uint64_t begin, std::uint64_t end, F f) const {
    for (std::uint64_t i = begin; i < end; ++i) f(v_[i]);
  }

 private:
  std::vector<std::uint32_t> v_;
};

std::uint64_t splitmix64(std::uint64_t x) {
  x += 0x9E3779B97F4A7C15;
  x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9;
  x = (x ^ (x >> 27)) * 0x94D049BB133111EB;
  return x ^ (x >> 31);
}

// Uniform 32-bit patterns, input i = splitmix64(seed + i): any chunk can be made on any thread.
class Random {
 public:
  Random(std::uint64_t seed, std::uint64_t count) : seed_(seed), count_(count) {}
  std::uint64_t size() const { return count_; }
  template <typename F>
  void for_each(std::uint64_t begin, std::uint64_t end, F f) const {
    for (std::uint64_t i = begin; i < end; ++i)
      f(static_cast<std::uint32_t>(splitmix64(seed_ + i) >> 32));
  }

 private:
  std::uint64_t seed_, count_;
};

constexpr std::uint32_t kSign32 = 0x80000000;

// The binade of floor(log2|x|) = k among positive binary32 patterns: normal for k >= -126,
// else the subnormals 2^(k+149) .. 2^(k+150)-1. k = 128 stands for the infinity/NaN patterns.
std::pair<std::uint32_t, std::uint64_t> binade32(int k) {
  if (k >= -126) return {static_cast<std::uint32_t>(k + 127) << 23, std::uint64_t{1} << 23};
  return {std::uint32_t{1} << (k + 149), std::uint64_t{1} << (k + 149)};
}

// floor(log2|x|) within 2 of each boundary of the destination: the overflow threshold (in the
// binade of the largest finite number, emax), the smallest normal 2^emin, the smallest
// subnormal 2^(emin-p+1) and the underflow-to-zero threshold, half of it. Plus the
// infinity/NaN patterns (128), which are not numbers but are where payloads and signs go wrong.
//
// The radius is 2 binades each side; CI's budget runs 1 (FPCONFORM_BOUNDARY_RADIUS, set by the
// ctest entry oracle_vs_mpfr_exhaustive; oracle_vs_mpfr_exhaustive_full runs 2), and says so.
int boundary_radius() {
  const char* v = std::getenv("FPCONFORM_BOUNDARY_RADIUS");
  return v && *v ? std::clamp(std::atoi(v), 0, 2) : 2;
}

std::vector<int> boundary_binades(const Format& dst) {
  const int emax = static_cast<int>(dst.max_finite_exp()) - dst.bias;
  const int min_sub = dst.emin() - dst.frac_bits;
  const int radius = boundary_radius();
  std::set<int> ks;
  for (int b : {emax, dst.emin(), min_sub, min_sub - 1})
    for (int d = -radius; d <= radius; ++d)
      if (b + d >= -149 && b + d <= 127) ks.insert(b + d);
  ks.insert(128);
  return {ks.begin(), ks.end()};
}

Blocks boundary_set(const Format& dst) {
  Blocks s;
  for (std::uint32_t sign : {0u, kSign32}) {
    s.add(sign, 1);  // zero
    for (int k : boundary_binades(dst)) {
      const auto [first, count] = binade32(k);
      s.add(sign | first, count);
    }
  }
  return s;
}

// A sample of each boundary binade, aimed at the destination's rounding points: a random high
// part, then low bits that put x exactly on, next to, or halfway between grid points of dst.
List boundary_sample(const Format& dst, std::uint64_t seed) {
  std::vector<std::uint32_t> v;
  std::uint64_t rng = seed;
  for (std::uint32_t sign : {0u, kSign32}) {
    v.push_back(sign);
    for (int k : boundary_binades(dst)) {
      const auto [first, count] = binade32(k);
      if (count <= kSamplesPerBinade) {
        for (std::uint64_t i = 0; i < count; ++i) v.push_back(sign | (first + i));
        continue;
      }
      // dst's quantum in this binade, in units of the source's ulp (k = 128: payload bits lost).
      const int quantum_exp = std::max(k, dst.emin()) - dst.frac_bits;
      const int ulp_exp = std::max(k, -126) - 23;
      const int g = std::clamp(quantum_exp - ulp_exp, 0, 31);
      const std::uint64_t q = std::uint64_t{1} << g, half = q / 2;
      std::unordered_set<std::uint64_t> taken;
      for (int j = 0; j < kSamplesPerBinade; ++j) {
        const std::uint64_t r = splitmix64(rng++);
        const std::uint64_t low[] = {0, 1, half - 1, half, half + 1, q - 1, r >> 40, half | 1};
        std::uint64_t offset = ((r & ~(q - 1)) + (low[j % 8] & (q - 1))) & (count - 1);
        // A binade inside one quantum of dst (the underflow-to-zero side) has few such points.
        if (!taken.insert(offset).second) taken.insert(offset = (r >> 32) & (count - 1));
        v.push_back(sign | (first + static_cast<std::uint32_t>(offset)));
      }
    }
  }
  return List(std::move(v));
}

// ---------------------------------------------------------------------------------------------
// Loud about what was and was not checked (STYLE.md habit 12)

void report(const OpInfo& op, Rounding r, const char* what, std::uint64_t checked,
            std::uint64_t of, std::chrono::steady_clock::duration took) {
  const double s = std::chrono::duration<double>(took).count();
  std::printf("[ %-9s] %s %s %s: %s %llu of %llu inputs%s (x2 tininess, %.2f s, %u threads)\n",
              checked < of ? "SAMPLED" : "ALL", std::string(op.name).c_str(),
              std::string(name(r)).c_str(), what, checked < of ? "sampled" : "checked",
              static_cast<unsigned long long>(checked), static_cast<unsigned long long>(of),
              checked < of ? ": not exhaustive" : "", s, thread_count());
  std::fflush(stdout);
}

class Banner : public testing::Environment {
 public:
  void SetUp() override {
    if (kExhaustive && boundary_radius() < 2)
      std::printf("*** oracle_vs_mpfr_exhaustive: REDUCED: every input of the binades within %d "
                  "of each boundary (the full run takes 2: ctest -L exhaustive-full), %llu random "
                  "per (op, rounding), seed 0x%016llX, %u threads ***\n",
                  boundary_radius(), static_cast<unsigned long long>(kRandomCount),
                  static_cast<unsigned long long>(kSeed), thread_count());
    else if (kExhaustive)
      std::printf("oracle_vs_mpfr_exhaustive: every boundary-binade input, %llu random per "
                  "(op, rounding), seed 0x%016llX, %u threads\n",
                  static_cast<unsigned long long>(kRandomCount),
                  static_cast<unsigned long long>(kSeed), thread_count());
    else
      std::printf("*** oracle_vs_mpfr: SAMPLED run, not exhaustive: %d inputs per boundary binade "
                  "and sign, %llu random per (op, rounding), seed 0x%016llX. "
                  "Run oracle_vs_mpfr_exhaustive (ctest -L exhaustive) for the full sets. ***\n",
                  kSamplesPerBinade, static_cast<unsigned long long>(kRandomCount),
                  static_cast<unsigned long long>(kSeed));
    std::fflush(stdout);
  }
};
[[maybe_unused]] testing::Environment* const kBanner =
    testing::AddGlobalTestEnvironment(new Banner);

// ---------------------------------------------------------------------------------------------
// The tests

struct Case {
  Op op;
  Rounding r;
};

void PrintTo(const Case& c, std::ostream* os) { *os << name(c.op) << " " << name(c.r); }

std::string case_name(const testing::TestParamInfo<Case>& i) {
  return std::string(name(i.param.op)) + "_" + std::string(name(i.param.r));
}

std::uint64_t seed_of(Case c) {
  return kSeed + (static_cast<std::uint64_t>(c.op) << 40) + (static_cast<std::uint64_t>(c.r) << 32);
}

class OracleVsMpfr : public testing::TestWithParam<Case> {};

TEST_P(OracleVsMpfr, Boundaries) {
  const OpInfo& op = info(GetParam().op);
  const auto start = std::chrono::steady_clock::now();
  const Blocks full = boundary_set(*op.dst);
  if (kExhaustive) {
    const Mismatches m = check_set(op, GetParam().r, full);
    report(op, GetParam().r, "boundary binades", full.size(), full.size(),
           std::chrono::steady_clock::now() - start);
    expect_none(m, full.size());
  } else {
    const List sample = boundary_sample(*op.dst, seed_of(GetParam()));
    const Mismatches m = check_set(op, GetParam().r, sample);
    report(op, GetParam().r, "boundary binades", sample.size(), full.size(),
           std::chrono::steady_clock::now() - start);
    expect_none(m, sample.size());
  }
}

TEST_P(OracleVsMpfr, Random) {
  const OpInfo& op = info(GetParam().op);
  const auto start = std::chrono::steady_clock::now();
  const std::uint64_t seed = seed_of(GetParam());
  std::printf("random inputs: splitmix64(0x%016llX + i), i < %llu\n",
              static_cast<unsigned long long>(seed), static_cast<unsigned long long>(kRandomCount));
  const Random set(seed, kRandomCount);
  const Mismatches m = check_set(op, GetParam().r, set);
  report(op, GetParam().r, "random", set.size(), kRandomFull,
         std::chrono::steady_clock::now() - start);
  expect_none(m, set.size());
}

// Conversions only: arithmetic is checked against MPFR by arith_oracle_test.cpp.
std::vector<Case> narrowing_cases(bool binary64) {
  std::vector<Case> v;
  for (const OpInfo& i : kOps)
    if (!is_widening(i.op) && !is_arithmetic(i.op) && is_binary64_source(i.op) == binary64)
      for (Rounding r : kRoundings) v.push_back({i.op, r});
  return v;
}

INSTANTIATE_TEST_SUITE_P(F32Source, OracleVsMpfr, testing::ValuesIn(narrowing_cases(false)), case_name);

// binary64 sources: the suite's own inputs for them (vectors/f64_inputs.hpp), the edge table and
// random inputs aimed at the destination's midpoints; 2^64 cannot be swept.
class OracleVsMpfrF64 : public testing::TestWithParam<Case> {};

TEST_P(OracleVsMpfrF64, EdgeAndRandom) {
  const OpInfo& op = info(GetParam().op);
  const auto start = std::chrono::steady_clock::now();
  const InputSet set(op.op, InputSpec{.kind = InputSpec::Kind::edge_random, .count = kF64Random,
                                      .seed = seed_of(GetParam())});
  std::printf("inputs %s: not exhaustive (2^64)\n", set.spec().label().c_str());
  const Mismatches m = testing_mpfr::in_chunks(set.size(), kChunk, [&](std::uint64_t b, std::uint64_t e, Mismatches& out) {
    for (std::uint64_t i = b; i < e; ++i) check_one(op, GetParam().r, set.at(i), out);
  });
  report(op, GetParam().r, "edge+random", set.size(), set.size(), std::chrono::steady_clock::now() - start);
  expect_none(m, set.size());
}

INSTANTIATE_TEST_SUITE_P(F64Source, OracleVsMpfrF64, testing::ValuesIn(narrowing_cases(true)), case_name);

// Widening is exact, so the rounding mode must not matter: every source pattern in every mode.
class OracleVsMpfrWidening : public testing::TestWithParam<Op> {};

TEST_P(OracleVsMpfrWidening, AllInputs) {
  const OpInfo& op = info(GetParam());
  Blocks all;
  all.add(0, input_space(op.op));
  for (Rounding r : kRoundings) {
    const auto start = std::chrono::steady_clock::now();
    const Mismatches m = check_set(op, r, all);
    report(op, r, "all inputs", all.size(), all.size(), std::chrono::steady_clock::now() - start);
    expect_none(m, all.size());
  }
}

std::vector<Op> widening_ops() {
  std::vector<Op> v;
  for (const OpInfo& i : kOps)
    if (is_widening(i.op) && !is_arithmetic(i.op)) v.push_back(i.op);
  return v;
}

INSTANTIATE_TEST_SUITE_P(Widening, OracleVsMpfrWidening, testing::ValuesIn(widening_ops()),
                         [](const testing::TestParamInfo<Op>& i) { return std::string(name(i.param)); });

// Hand-worked answers, so that two oracles agreeing on a wrong rule would still be caught.
struct KnownAnswer {
  Op op;
  Rounding r;
  std::uint64_t in;
  std::uint32_t bits;
  Flags after;   // flags, tininess after rounding
  Flags before;  // flags, tininess before rounding
  const char* why;
};

constexpr KnownAnswer kKnownAnswers[] = {
    {Op::f32_to_f16, Rounding::rne, 0x477FF000, 0x7C00, 0x05, 0x05,
     "65520 = 65504 + half an ulp: the tie goes to even 65536, past the largest finite: +inf (7.4)"},
    {Op::f32_to_f16, Rounding::rtz, 0x477FF000, 0x7BFF, 0x01, 0x01,
     "65520 toward zero is 65504, finite: no overflow"},
    {Op::f32_to_f16, Rounding::rne, 0x33000000, 0x0000, 0x03, 0x03,
     "2^-25 is halfway between 0 and 2^-24: ties to even 0, tiny and inexact"},
    {Op::f32_to_f16, Rounding::rna, 0x33000000, 0x0001, 0x03, 0x03,
     "2^-25 with ties away: 2^-24"},
    {Op::f32_to_f16, Rounding::rne, 0x33000001, 0x0001, 0x03, 0x03,
     "just above 2^-25: nearer to 2^-24"},
    {Op::f32_to_f16, Rounding::rne, 0x387FFFFF, 0x0400, 0x01, 0x03,
     "2^-14 - 2^-38 rounds to 2^-14: tiny before rounding only (7.5)"},
    {Op::f32_to_f16, Rounding::rne, 0x7F800001, 0x7E00, 0x10, 0x10,
     "signaling NaN, payload 1: quieted, payload bits below f16's width dropped, invalid"},
    {Op::f32_to_e4m3, Rounding::rne, 0x43E80000, 0x7E, 0x01, 0x01,
     "464 is halfway between 448 (1.110b * 2^8) and 480 (1.111b * 2^8): ties to even 448"},
    {Op::f32_to_e4m3, Rounding::rne, 0x43F00000, 0x7F, 0x05, 0x05,
     "480 is past e4m3fn's largest finite 448: overflow to its NaN"},
    {Op::f32_to_e4m3_sat, Rounding::rne, 0x43F00000, 0x7E, 0x05, 0x05,
     "480 saturates to 448"},
    {Op::e4m3_to_f32, Rounding::rne, 0xFF, 0xFFF00000, 0x00, 0x00,
     "e4m3fn's NaN S.1111.111, negative: fraction 111 on top of f32's fraction, quiet"},
    {Op::f32_to_e4m3fnuz, Rounding::rne, 0x80000000, 0x00, 0x00, 0x00, "fnuz has no -0: -0 is +0"},
    {Op::f32_to_e4m3fnuz, Rounding::rne, 0x7FC00000, 0x80, 0x00, 0x00, "a NaN is fnuz's one NaN, the -0 pattern"},
    {Op::f32_to_e4m3fnuz, Rounding::rne, 0x7F800000, 0x80, 0x10, 0x10,
     "+infinity: no infinity and no saturation leave only the NaN, invalid"},
    {Op::f32_to_e4m3fnuz, Rounding::rne, 0x43700000, 0x7F, 0x00, 0x00,
     "240 = 1.111b * 2^7 is e4m3fnuz's largest (bias 8, the all-ones exponent is finite)"},
    {Op::f32_to_e4m3fnuz, Rounding::rne, 0x43780000, 0x80, 0x05, 0x05,
     "248 is halfway between 240 and 256: ties to even 256, past the largest: NaN (overflow)"},
    {Op::f32_to_e4m3fnuz, Rounding::rtz, 0x43780000, 0x7F, 0x01, 0x01, "248 toward zero is 240"},
    {Op::f32_to_e4m3fnuz, Rounding::rne, 0xB9800000, 0x00, 0x03, 0x03,
     "-2^-12 is below half of the smallest subnormal 2^-10: zero, and fnuz's zero is +0"},
    {Op::e4m3fnuz_to_f32, Rounding::rne, 0x80, 0xFFC00000, 0x00, 0x00,
     "fnuz's NaN carries the sign bit: a negative quiet NaN"},
    {Op::e4m3fnuz_to_f32, Rounding::rne, 0x7F, 0x43700000, 0x00, 0x00, "0x7F is 240"},
    {Op::f32_to_e2m1, Rounding::rne, 0x40A00000, 0x06, 0x01, 0x01,
     "5 is halfway between 4 (1.0b * 2^2) and 6 (1.1b * 2^2): ties to even 4"},
    {Op::f32_to_e2m1, Rounding::rne, 0x40E00000, 0x07, 0x05, 0x05,
     "7 rounds to 8, past FP4's largest 6: saturates (overflow, inexact)"},
    {Op::f32_to_e2m1, Rounding::rne, 0x7FC00000, 0x07, 0x10, 0x10,
     "FP4 has no NaN: +6 and invalid (the implementation's choice; CUDA's)"},
    {Op::f32_to_e2m1, Rounding::rne, 0xFF800000, 0x0F, 0x00, 0x00, "-infinity saturates to -6"},
    {Op::e2m1_to_f32, Rounding::rne, 0x0F, 0xC0C00000, 0x00, 0x00, "0xF is -6"},
    {Op::f32_to_e3m2, Rounding::rne, 0x41E00000, 0x1F, 0x00, 0x00, "28 = 1.11b * 2^4 is e3m2's largest"},
    {Op::f32_to_e2m3, Rounding::rne, 0xBD800000, 0x20, 0x03, 0x03,
     "-2^-4 is halfway between -0 and e2m3's smallest subnormal -2^-3: ties to even -0 (FP6 has -0)"},
    {Op::f64_to_f16, Rounding::rne, 0x3E60000000000001, 0x0001, 0x03, 0x03,
     "2^-25 + 2^-77 is just above half the smallest subnormal: 2^-24 (through binary32 it would "
     "be 2^-25, a tie, and 0)"},
    {Op::f64_to_f32, Rounding::rne, 0x3690000000000000, 0x00000000, 0x03, 0x03,
     "2^-150 is halfway between 0 and binary32's smallest subnormal: ties to even 0"},
    {Op::f64_to_e4m3, Rounding::rne, 0x407D000000000001, 0x7F, 0x05, 0x05,
     "464 + 2^-44 is above the midpoint of 448 and 480: 480, past e4m3fn's largest, its NaN "
     "(through binary32: 464, a tie, 448)"},
    {Op::f64_to_bf16, Rounding::rne, 0x3FF0100000001000, 0x3F81, 0x01, 0x01,
     "1 + 2^-8 + 2^-40 is above the midpoint of 1 and 1 + 2^-7"},
    {Op::f64_to_f32, Rounding::rne, 0x7FF0000000000001, 0x7FC00000, 0x10, 0x10,
     "signaling NaN, payload 1: quieted, the payload's low 29 bits dropped, invalid"},
    {Op::f64_to_f16, Rounding::rne, 0xC0EFFE0000000000, 0xFC00, 0x05, 0x05,
     "-65520 = -(65504 + half an ulp): ties to even -65536, -infinity"},
};

TEST(OracleVsMpfrKnownAnswers, HandWorked) {
  for (const KnownAnswer& k : kKnownAnswers) {
    const OpInfo& op = info(k.op);
    for (Tininess t : {Tininess::after, Tininess::before}) {
      const oracle::Result want{k.bits, t == Tininess::after ? k.after : k.before};
      const oracle::Result softfloat = oracle::convert(k.op, k.in, k.r, t);
      const oracle::Result mpfr = mpfr_oracle::convert(k.op, k.in, k.r, t);
      EXPECT_EQ(softfloat, want) << k.why << "\n  softfloat: " << describe(op, k.r, t, k.in, softfloat, want)
                                 << "  (second result is the hand-worked answer)";
      EXPECT_EQ(mpfr, want) << k.why << "\n  mpfr: " << describe(op, k.r, t, k.in, want, mpfr)
                            << "  (first result is the hand-worked answer)";
    }
  }
}

}  // namespace
}  // namespace fpconform
