// oracle::mul_add (a * b + c, one rounding; oracles/softfloat/mul_add.hpp) before it becomes the
// f16_mulAdd / bf16_mulAdd operations:
//   (a) hand-worked cases: the double rounding that computing through binary32 commits, exact
//       cancellation and signed zeros, 0 x inf + qNaN under each NaN policy, overflow, a tie
//       below the subnormals;
//   (b) MPFR's mpfr_fma on binary16, bfloat16 and binary32, every mode, bits and flags under both
//       tininess rules: edge triples and seeded random ones, a third of them aimed at
//       cancellation and a third at an addend far below the product (where double rounding
//       bites). NaN results compared as a class; which NaN is the policy's, tested in (a);
//   (c) the same against the ops' hard cases (vectors/mul_add_cases.hpp): 2^15 per (op, mode)
//       here, FPCONFORM_HARD_CASES=N for more (ctest mul_add_oracle_hard_wide, label exhaustive:
//       2^23), and says which.
#include <gtest/gtest.h>

#include <array>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <sstream>
#include <string>
#include <vector>

#include "fpconform/format.hpp"
#include "fpconform/nan_policy.hpp"
#include "fpconform/rounding.hpp"
#include "oracles/mpfr/mpfr_oracle.hpp"
#include "oracles/softfloat/arith.hpp"
#include "suites/support/mpfr_parallel.hpp"
#include "vectors/mul_add_cases.hpp"

namespace fpconform {
namespace {

std::string text(const Format& f, std::uint32_t a, std::uint32_t b, std::uint32_t c, Rounding r) {
  char s[96];
  const int w = f.container_bits / 4;
  std::snprintf(s, sizeof s, "%s mulAdd %s %0*X %0*X %0*X", std::string(f.name).c_str(),
                std::string(name(r)).c_str(), w, a, w, b, w, c);
  return s;
}

struct Worked {
  std::uint32_t a, b, c;
  Rounding r;
  NanPolicy nan;
  std::uint32_t bits;
  Flags flags;
  const char* why;
};

// binary16; flags as TestFloat writes them (01 inexact, 02 underflow, 04 overflow, 10 invalid).
const Worked kWorked[] = {
    // 1.5 x 1366/2048 = 4098/4096 = 1 + 2^-11, the midpoint of 1 and 1 + 2^-10; + 2^-24 is above
    // it: 1 + 2^-10. Through binary32, 1 + 2^-11 + 2^-24 is a binary32 tie that goes to even,
    // 1 + 2^-11, and that binary16 tie goes to even: 1.0, wrong.
    {0x3E00, 0x3956, 0x0001, Rounding::rne, NanPolicy::x86, 0x3C01, kInexact, "double rounding, above"},
    {0x3E00, 0x3956, 0x8001, Rounding::rne, NanPolicy::x86, 0x3C00, kInexact, "just below the midpoint"},
    {0x3E00, 0x3956, 0x0000, Rounding::rne, NanPolicy::x86, 0x3C00, kInexact, "the tie itself, to even"},
    {0x3E00, 0x3956, 0x0000, Rounding::rna, NanPolicy::x86, 0x3C01, kInexact, "the tie, away"},
    // a * b = -c exactly: +0, -0 in rdn (6.3); zero terms keep their common sign.
    {0x3C00, 0x3C00, 0xBC00, Rounding::rne, NanPolicy::x86, 0x0000, 0, "exact cancellation"},
    {0x3C00, 0x3C00, 0xBC00, Rounding::rdn, NanPolicy::x86, 0x8000, 0, "exact cancellation, rdn"},
    {0x8000, 0x3C00, 0x8000, Rounding::rne, NanPolicy::x86, 0x8000, 0, "-0 + -0"},
    {0x0000, 0x3C00, 0x8000, Rounding::rne, NanPolicy::x86, 0x0000, 0, "+0 + -0"},
    {0x0000, 0x3C00, 0x8000, Rounding::rdn, NanPolicy::x86, 0x8000, 0, "+0 + -0, rdn"},
    // 2^-24 x 0.5 = 2^-25, half the smallest subnormal: a tie to even (0), away (2^-24).
    {0x0001, 0x3800, 0x0000, Rounding::rne, NanPolicy::x86, 0x0000, kInexact | kUnderflow, "tie below the subnormals"},
    {0x0001, 0x3800, 0x0000, Rounding::rna, NanPolicy::x86, 0x0001, kInexact | kUnderflow, "tie below, away"},
    // 65504^2 overflows whatever is added.
    {0x7BFF, 0x7BFF, 0xFBFF, Rounding::rne, NanPolicy::x86, 0x7C00, kOverflow | kInexact, "overflow"},
    {0x7BFF, 0x7BFF, 0xFBFF, Rounding::rtz, NanPolicy::x86, 0x7BFF, kOverflow | kInexact, "overflow, rtz"},
    // inf x 0 + qNaN (7.2 (c)): x86 passes the NaN on without signaling; Arm gives its default
    // NaN and signals, as canonical (SoftFloat's choice) does.
    {0x7C00, 0x0000, 0xFE01, Rounding::rne, NanPolicy::x86, 0xFE01, 0, "inf x 0 + qNaN, x86"},
    {0x7C00, 0x0000, 0xFE01, Rounding::rne, NanPolicy::arm, 0x7E00, kInvalid, "inf x 0 + qNaN, Arm"},
    {0x7C00, 0x0000, 0xFE01, Rounding::rne, NanPolicy::canonical, 0x7FFF, kInvalid, "inf x 0 + qNaN, canonical"},
    {0x7C00, 0x0000, 0x3C00, Rounding::rne, NanPolicy::x86, 0xFE00, kInvalid, "inf x 0 + 1, x86"},
    // Which NaN: x86 (as the policy reads it) a, b, c; Arm the addend first.
    {0x7E01, 0x3C00, 0x7E02, Rounding::rne, NanPolicy::x86, 0x7E01, 0, "two NaNs, x86"},
    {0x7E01, 0x3C00, 0x7E02, Rounding::rne, NanPolicy::arm, 0x7E02, 0, "two NaNs, Arm"},
    {0x7E01, 0x3C00, 0x7C02, Rounding::rne, NanPolicy::arm, 0x7E02, kInvalid, "signaling addend, Arm"},
    // inf x 1 - inf is invalid; inf x 1 + 1 is inf.
    {0x7C00, 0x3C00, 0xFC00, Rounding::rne, NanPolicy::x86, 0xFE00, kInvalid, "inf - inf"},
    {0x7C00, 0x3C00, 0x3C00, Rounding::rne, NanPolicy::x86, 0x7C00, 0, "inf + 1"},
};

TEST(MulAdd, HandWorkedBinary16) {
  for (const Worked& w : kWorked) {
    const oracle::Result got = oracle::mul_add(kBinary16, w.a, w.b, w.c, w.r, Tininess::after, w.nan);
    EXPECT_EQ(got.bits, w.bits) << text(kBinary16, w.a, w.b, w.c, w.r) << " nan " << name(w.nan) << ": " << w.why;
    EXPECT_EQ(got.flags, w.flags) << text(kBinary16, w.a, w.b, w.c, w.r) << " nan " << name(w.nan) << ": " << w.why;
  }
}

std::uint64_t next(std::uint64_t& s) {
  s += 0x9E3779B97F4A7C15ull;
  std::uint64_t z = s;
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

std::vector<std::uint32_t> edge_values(const Format& f) {
  const std::uint32_t sign = 1u << (f.width() - 1), inf = f.exp_mask() << f.frac_bits;
  const std::uint32_t one = static_cast<std::uint32_t>(f.bias) << f.frac_bits;
  const auto frac = static_cast<std::uint32_t>(f.frac_mask()), quiet = static_cast<std::uint32_t>(f.quiet_bit());
  std::vector<std::uint32_t> v{0,       1,       frac, 1u << f.frac_bits, one,
                               one + 1, inf - 1, inf,  inf | quiet,       inf | 1};
  const std::size_t n = v.size();
  for (std::size_t i = 0; i < n; ++i) v.push_back(v[i] | sign);
  return v;
}

// One random triple: uniform; or c near -(a * b) (cancellation); or c about p + 1 .. p + 4
// binades below a * b (the addend that a binary32 intermediate would round away).
void random_triple(const Format& f, std::uint64_t& s, std::uint32_t& a, std::uint32_t& b, std::uint32_t& c) {
  const std::uint32_t mask = f.width() == 32 ? 0xFFFFFFFFu : (1u << f.width()) - 1;
  const std::uint64_t h = next(s);
  a = static_cast<std::uint32_t>(h) & mask;
  b = static_cast<std::uint32_t>(h >> 32) & mask;
  const std::uint64_t g = next(s);
  c = static_cast<std::uint32_t>(g) & mask;
  const std::uint32_t p = oracle::mul(f, a, b, Rounding::rne, Tininess::after, NanPolicy::x86).bits;
  const std::uint32_t sign = 1u << (f.width() - 1);
  const std::uint32_t off = static_cast<std::uint32_t>(g >> 32) & 7;
  switch ((g >> 40) % 3) {
    case 0: break;
    case 1: c = ((p ^ sign) + off - 3) & mask; break;
    case 2: {
      const std::uint32_t pe = (p >> f.frac_bits) & f.exp_mask();
      const std::uint32_t drop = static_cast<std::uint32_t>(f.frac_bits) + 2 + static_cast<std::uint32_t>((g >> 44) % 4);
      const std::uint32_t ce = pe > drop ? pe - drop : 0;
      c = ((g >> 50) & 1 ? sign : 0) | (ce << f.frac_bits) | (static_cast<std::uint32_t>(g >> 8) & f.frac_mask());
      break;
    }
  }
}

struct FormatCase {
  const Format* f;
  Rounding r;
};

class VsMpfr : public testing::TestWithParam<FormatCase> {};

TEST_P(VsMpfr, EdgeAndRandomTriples) {
  const Format& f = *GetParam().f;
  const Rounding r = GetParam().r;
  std::vector<std::array<std::uint32_t, 3>> cases;
  const std::vector<std::uint32_t> e = edge_values(f);
  for (std::uint32_t a : e)
    for (std::uint32_t b : e)
      for (std::uint32_t c : e) cases.push_back({a, b, c});
  std::uint64_t s = 0x6D756C41646421ull ^ (static_cast<std::uint64_t>(f.width()) << 8) ^ static_cast<std::uint64_t>(r);
  for (int i = 0; i < (1 << 15); ++i) {
    std::array<std::uint32_t, 3> t;
    random_triple(f, s, t[0], t[1], t[2]);
    cases.push_back(t);
  }
  std::uint64_t wrong = 0;
  for (const auto& [a, b, c] : cases) {
    const mpfr_oracle::ByTininess want = mpfr_oracle::mul_add_both(f, a, b, c, r);
    for (const Tininess t : {Tininess::after, Tininess::before}) {
      // canonical signals invalid for 0 x inf + qNaN, as MPFR's side does (7.2 (c)); NaN
      // results are compared by class and flags only, so nothing else of the policy shows.
      const oracle::Result ours = oracle::mul_add(f, a, b, c, r, t, NanPolicy::canonical);
      const oracle::Result theirs = t == Tininess::after ? want.after : want.before;
      const bool same = mpfr_oracle::is_nan(f, theirs.bits) ? mpfr_oracle::is_nan(f, ours.bits) && ours.flags == theirs.flags
                                                           : ours == theirs;
      if (same) continue;
      if (wrong++ < 5)
        ADD_FAILURE() << text(f, a, b, c, r) << " tininess " << name(t) << ": oracle " << std::hex
                      << ours.bits << " flags " << unsigned{ours.flags} << ", mpfr " << theirs.bits
                      << " flags " << unsigned{theirs.flags};
    }
  }
  std::printf("%s mulAdd %s: %zu triples (SAMPLED: %zu edge, %d random) vs MPFR, %llu mismatches\n",
              std::string(f.name).c_str(), std::string(name(r)).c_str(), cases.size(),
              e.size() * e.size() * e.size(), 1 << 15, static_cast<unsigned long long>(wrong));
  EXPECT_EQ(wrong, 0u);
}

struct OpCase {
  Op op;
  Rounding r;
};

class HardVsMpfr : public testing::TestWithParam<OpCase> {};

TEST_P(HardVsMpfr, EveryCaseAgrees) {
  const auto [op, r] = GetParam();
  const Format& f = *info(op).src;
  const char* env = std::getenv("FPCONFORM_HARD_CASES");
  const std::uint64_t count = env && *env ? std::strtoull(env, nullptr, 0) : std::uint64_t{1} << 15;
  // On every core (testing_mpfr::thread_count), the first few mismatches by case number.
  const testing_mpfr::Mismatches wrong = testing_mpfr::in_chunks(
      count, 1 << 12, [&](std::uint64_t begin, std::uint64_t end, testing_mpfr::Mismatches& out) {
        for (std::uint64_t i = begin; i < end; ++i) {
          const Word w = mul_add_hard_case(op, 0x4D41, i);
          const std::uint32_t a = operand(op, w, 0), b = operand(op, w, 1), c = operand(op, w, 2);
          const mpfr_oracle::ByTininess want = mpfr_oracle::mul_add_both(f, a, b, c, r);
          for (const Tininess t : {Tininess::after, Tininess::before}) {
            // canonical signals invalid for 0 x inf + qNaN, as MPFR's side does (7.2 (c)); NaN
            // results are compared by class and flags only, so nothing else of the policy shows.
            const oracle::Result ours = oracle::arith(op, w, r, t, NanPolicy::canonical);
            const oracle::Result theirs = t == Tininess::after ? want.after : want.before;
            const bool same = mpfr_oracle::is_nan(f, theirs.bits)
                                  ? mpfr_oracle::is_nan(f, ours.bits) && ours.flags == theirs.flags
                                  : ours == theirs;
            if (same) continue;
            std::ostringstream o;
            o << text(f, a, b, c, r) << " (" << name(hard_case_kind(i)) << ") tininess " << name(t)
              << ": oracle " << std::hex << ours.bits << " flags " << unsigned{ours.flags}
              << ", mpfr " << theirs.bits << " flags " << unsigned{theirs.flags};
            out.add(i, o.str());
          }
        }
      });
  for (const auto& [i, message] : wrong.examples) ADD_FAILURE() << message;
  std::printf("%s %s: %llu hard cases (seed 0x4D41) vs MPFR%s, %llu mismatches (%u threads)\n",
              std::string(name(op)).c_str(), std::string(name(r)).c_str(),
              static_cast<unsigned long long>(count),
              count < (std::uint64_t{1} << 20) ? " (SAMPLED)" : "",
              static_cast<unsigned long long>(wrong.count), testing_mpfr::thread_count());
  EXPECT_EQ(wrong.count, 0u);
}

std::vector<OpCase> op_cases() {
  std::vector<OpCase> v;
  for (Op op : {Op::f16_mulAdd, Op::bf16_mulAdd})
    for (Rounding r : kRoundings) v.push_back({op, r});
  return v;
}

INSTANTIATE_TEST_SUITE_P(Ops, HardVsMpfr, testing::ValuesIn(op_cases()), [](const auto& p) {
  return std::string(name(p.param.op)) + "_" + std::string(name(p.param.r));
});

std::vector<FormatCase> format_cases() {
  std::vector<FormatCase> v;
  for (const Format* f : {&kBinary16, &kBfloat16, &kBinary32})
    for (Rounding r : kRoundings) v.push_back({f, r});
  return v;
}

INSTANTIATE_TEST_SUITE_P(Formats, VsMpfr, testing::ValuesIn(format_cases()), [](const auto& p) {
  return std::string(p.param.f->name) + "_" + std::string(name(p.param.r));
});

}  // namespace
}  // namespace fpconform
