// The Arm conversion backends (backends/neon): the caller's FPCR and FPSR survive a batch and do
// not reach it, hand-worked ties in each FPCR.RMode, tininess before rounding, what FPCR.FZ
// flushes, and the vector path against the per-element flag path. Skipped off aarch64 or
// without the features, with the backend's reason.
#include <gtest/gtest.h>

#include <array>
#include <cstdint>
#include <random>
#include <string_view>
#include <vector>

#include "fpconform/backend.hpp"
#include "oracles/softfloat/oracle.hpp"
#include "suites/support/test_names.hpp"

#if defined(__aarch64__)
#include "backends/neon/fpcr.hpp"
#endif

namespace fpconform {
namespace {

// The backend, or null after GTEST_SKIP with its reason (call through USE_OR_SKIP).
const Backend* usable(std::string_view name, std::string& why) {
  const Backend* b = find_backend(name);
  if (b == nullptr) {
    why = "not compiled in";
    return nullptr;
  }
  if (const Availability a = b->available(); !a.ok) {
    why = std::string(name) + " unavailable: " + a.reason;
    return nullptr;
  }
  return b;
}

#define USE_OR_SKIP(var, name)                                       \
  std::string var##_why;                                             \
  const Backend* var##_p = usable(name, var##_why);                  \
  if (var##_p == nullptr) GTEST_SKIP() << var##_why;                 \
  const Backend& var = *var##_p

struct One {
  std::uint32_t bits;
  Flags flags;
};

// One input through the vector path (flags null) and through the flag path; the two must agree.
One convert_one(const Backend& b, Op op, Rounding r, std::uint32_t x) {
  std::uint32_t in = x, out_vector = 0, out_element = 0;
  const bool narrow = info(op).src->container_bits == 32;
  std::uint16_t in16 = static_cast<std::uint16_t>(x), out16_vector = 0, out16_element = 0;
  Flags f = 0;
  if (narrow) {
    b.convert(op, r, &in, &out16_vector, 1, nullptr);
    b.convert(op, r, &in, &out16_element, 1, &f);
    EXPECT_EQ(out16_vector, out16_element) << b.name() << " input 0x" << std::hex << x;
    return {out16_element, f};
  }
  b.convert(op, r, &in16, &out_vector, 1, nullptr);
  b.convert(op, r, &in16, &out_element, 1, &f);
  EXPECT_EQ(out_vector, out_element) << b.name() << " input 0x" << std::hex << x;
  return {out_element, f};
}

constexpr std::array kInstances{std::string_view("neon"), std::string_view("neon-ftz"),
                                std::string_view("neon-bf16"), std::string_view("neon-bf16-ftz")};

class NeonInstance : public ::testing::TestWithParam<std::string_view> {};

// Inputs that touch every FPCR field the backend sets: a tie (RMode), a NaN (DN), infinity and
// an overflow (AHP would give no infinity), subnormals (FZ, FZ16).
constexpr std::array<std::uint32_t, 8> kProbes{0x3F801000, 0x7F800000, 0x7FA00001, 0x47800000,
                                               0x00018000, 0x80000001, 0x33000001, 0x3F808000};

#if defined(__aarch64__)
// A hostile caller: every FPCR field the backend depends on set the other way, sticky FPSR bits.
constexpr std::uint64_t kCallerFpcr =
    neon::kAhp | neon::kDn | neon::kFz | neon::kFz16 | std::uint64_t{3} << neon::kRModeShift;
constexpr std::uint64_t kCallerFpsr = 0x90;  // IDC, IXC

struct Batch {
  std::vector<std::uint16_t> bits;
  std::vector<Flags> flags;
};

Batch narrow_batch(const Backend& b, Op op, Rounding r, bool with_flags, std::uint64_t* fpcr_after,
                   std::uint64_t* fpsr_after) {
  Batch out{std::vector<std::uint16_t>(kProbes.size()), std::vector<Flags>(kProbes.size())};
  const std::uint64_t saved_fpcr = neon::read_fpcr(), saved_fpsr = neon::read_fpsr();
  neon::write_fpcr(kCallerFpcr);
  neon::write_fpsr(kCallerFpsr);
  b.convert(op, r, kProbes.data(), out.bits.data(), kProbes.size(),
            with_flags ? out.flags.data() : nullptr);
  *fpcr_after = neon::read_fpcr();
  *fpsr_after = neon::read_fpsr();
  neon::write_fpcr(saved_fpcr);
  neon::write_fpsr(saved_fpsr);
  return out;
}
#endif

// convert() never throws (no C++ exception path) and runs with traps off, so the only way out is
// the normal return: FPCR and FPSR must be the caller's there, and the caller's must not have
// changed the results.
TEST_P(NeonInstance, RestoresTheCallersFpcrAndFpsrAndIgnoresThem) {
  USE_OR_SKIP(b, GetParam());
#if defined(__aarch64__)
  const Op op = b.implements(Op::f32_to_f16, Rounding::rne) ? Op::f32_to_f16 : Op::f32_to_bf16;
  for (Rounding r : {Rounding::rne, Rounding::rup})
    for (bool with_flags : {false, true}) {
      std::uint64_t fpcr = 0, fpsr = 0;
      const Batch got = narrow_batch(b, op, r, with_flags, &fpcr, &fpsr);
      EXPECT_EQ(fpcr, kCallerFpcr) << name(r) << (with_flags ? " with flags" : "");
      EXPECT_EQ(fpsr, kCallerFpsr) << name(r) << (with_flags ? " with flags" : "");
      for (std::size_t k = 0; k < kProbes.size(); ++k) {
        const One want = convert_one(b, op, r, kProbes[k]);  // under the default FPCR
        EXPECT_EQ(got.bits[k], want.bits) << name(r) << " input 0x" << std::hex << kProbes[k];
        if (with_flags) {
          EXPECT_EQ(got.flags[k], want.flags) << name(r) << " input 0x" << std::hex << kProbes[k];
        }
      }
    }
#else
  (void)b;  // unavailable off aarch64: skipped above
#endif
}

// Vector and per-element paths, the same bits on 4099 binary32 inputs (not a multiple of 8: the
// tail too) in every mode, and on all 2^16 inputs of the widening op.
TEST_P(NeonInstance, VectorPathEqualsElementPath) {
  USE_OR_SKIP(b, GetParam());
  const bool f16 = b.implements(Op::f32_to_f16, Rounding::rne);
  const Op narrow = f16 ? Op::f32_to_f16 : Op::f32_to_bf16;
  const Op widen = f16 ? Op::f16_to_f32 : Op::bf16_to_f32;
  EXPECT_FALSE(b.implements(narrow, Rounding::rna)) << "FPCR.RMode has no ties-away mode";

  std::mt19937 rng(6);
  std::vector<std::uint32_t> in(4099);
  for (std::size_t k = 0; k < in.size(); ++k) {
    const std::uint32_t u = rng();
    switch (k % 4) {
      case 0: in[k] = u; break;                                          // anything
      case 1: in[k] = (u & 0x807FFFFF) | (100 + u % 45) << 23; break;    // near binary16's range
      case 2: in[k] = u & 0x807FFFFF; break;                             // binary32 subnormals
      default: in[k] = u | 0x7F800000; break;                            // NaNs and infinity
    }
  }
  for (Rounding r : {Rounding::rne, Rounding::rtz, Rounding::rdn, Rounding::rup}) {
    std::vector<std::uint16_t> vec(in.size()), elem(in.size());
    std::vector<Flags> flags(in.size());
    b.convert(narrow, r, in.data(), vec.data(), in.size(), nullptr);
    b.convert(narrow, r, in.data(), elem.data(), in.size(), flags.data());
    int shown = 0;
    for (std::size_t k = 0; k < in.size(); ++k)
      if (vec[k] != elem[k] && shown++ < 10)
        ADD_FAILURE() << b.name() << ' ' << name(narrow) << ' ' << name(r) << " input 0x"
                      << std::hex << in[k] << ": vector 0x" << vec[k] << ", element 0x"
                      << elem[k];
    EXPECT_EQ(shown, 0) << "mismatches in " << name(r);
  }

  std::vector<std::uint16_t> all(1 << 16);
  for (std::size_t k = 0; k < all.size(); ++k) all[k] = static_cast<std::uint16_t>(k);
  std::vector<std::uint32_t> vec(all.size()), elem(all.size());
  std::vector<Flags> flags(all.size());
  b.convert(widen, Rounding::rne, all.data(), vec.data(), all.size(), nullptr);
  b.convert(widen, Rounding::rne, all.data(), elem.data(), all.size(), flags.data());
  int shown = 0;
  for (std::size_t k = 0; k < all.size(); ++k)
    if (vec[k] != elem[k] && shown++ < 10)
      ADD_FAILURE() << b.name() << ' ' << name(widen) << " input 0x" << std::hex << k
                    << ": vector 0x" << vec[k] << ", element 0x" << elem[k];
  EXPECT_EQ(shown, 0);
}

INSTANTIATE_TEST_SUITE_P(Arm, NeonInstance, ::testing::ValuesIn(kInstances),
                         [](const auto& info) { return test_name(info.param); });

struct Tie {
  std::uint32_t input;
  std::array<std::uint16_t, 4> want;  // rne rtz rdn rup
};

// Each input lies exactly halfway between two neighbours of the destination (hand-worked):
//   0x3F801000 = 1 + 2^-11:     binary16 1 + 0 ulp (0x3C00, even) or 1 + 1 ulp (0x3C01)
//   0x3F803000 = 1 + 3 * 2^-11: 0x3C01 or 0x3C02 (even)
//   0x3F808000 = 1 + 2^-8:      bfloat16 0x3F80 (even) or 0x3F81
//   0x3F818000 = 1 + 3 * 2^-8:  0x3F81 or 0x3F82 (even)
// and the negatives, where rdn rounds away from zero and rup toward it.
constexpr std::array kF16Ties{
    Tie{0x3F801000, {0x3C00, 0x3C00, 0x3C00, 0x3C01}},
    Tie{0x3F803000, {0x3C02, 0x3C01, 0x3C01, 0x3C02}},
    Tie{0xBF801000, {0xBC00, 0xBC00, 0xBC01, 0xBC00}},
    Tie{0xBF803000, {0xBC02, 0xBC01, 0xBC02, 0xBC01}},
};
constexpr std::array kBf16Ties{
    Tie{0x3F808000, {0x3F80, 0x3F80, 0x3F80, 0x3F81}},
    Tie{0x3F818000, {0x3F82, 0x3F81, 0x3F81, 0x3F82}},
    Tie{0xBF808000, {0xBF80, 0xBF80, 0xBF81, 0xBF80}},
    Tie{0xBF818000, {0xBF82, 0xBF81, 0xBF82, 0xBF81}},
};

void expect_ties(const Backend& b, Op op, std::span<const Tie> ties) {
  constexpr std::array modes{Rounding::rne, Rounding::rtz, Rounding::rdn, Rounding::rup};
  for (const Tie& t : ties)
    for (std::size_t m = 0; m < modes.size(); ++m) {
      const One got = convert_one(b, op, modes[m], t.input);
      EXPECT_EQ(got.bits, t.want[m]) << b.name() << ' ' << name(modes[m]) << " input 0x"
                                     << std::hex << t.input;
      EXPECT_EQ(got.flags, kInexact) << b.name() << ' ' << name(modes[m]) << " input 0x"
                                     << std::hex << t.input;
    }
}

TEST(NeonRounding, F16TiesInEachMode) {
  for (std::string_view n : {"neon", "neon-ftz"}) {
    USE_OR_SKIP(b, n);
    expect_ties(b, Op::f32_to_f16, kF16Ties);
  }
}

TEST(NeonRounding, Bf16TiesInEachModeBfcvtHonoursRMode) {
  for (std::string_view n : {"neon-bf16", "neon-bf16-ftz"}) {
    USE_OR_SKIP(b, n);
    expect_ties(b, Op::f32_to_bf16, kBf16Ties);
  }
}

// An input that is tiny before rounding and not after (it rounds up to the smallest normal):
// the two rules disagree on underflow, and the backend must follow its declared rule, before.
void expect_tininess_before(const Backend& b, Op op, std::uint32_t x) {
  EXPECT_EQ(b.tininess(), Tininess::before);
  const oracle::Result before = oracle::convert(op, x, Rounding::rne, Tininess::before);
  ASSERT_NE(before.flags, oracle::convert(op, x, Rounding::rne, Tininess::after).flags);
  const One got = convert_one(b, op, Rounding::rne, x);
  EXPECT_EQ(got.bits, before.bits) << b.name();
  EXPECT_EQ(got.flags, before.flags) << b.name() << ": expected underflow and inexact";
}

TEST(NeonTininess, BeforeRoundingF16) {
  USE_OR_SKIP(b, "neon");
  expect_tininess_before(b, Op::f32_to_f16, 0x387FFFFE);  // rounds to 0x0400 = 2^-14
}

TEST(NeonTininess, BeforeRoundingBf16) {
  USE_OR_SKIP(b, "neon-bf16");
  expect_tininess_before(b, Op::f32_to_bf16, 0x007FFFFF);  // rounds to 0x0080 = 2^-126
}

// FPCR.FZ reads a binary32 subnormal input as zero (flags: IDC only, no IEEE flag); FZ16 is
// ignored by conversions, so binary16 subnormals survive as inputs and as results.
TEST(NeonFlush, F16FlushesBinary32SubnormalInputsOnly) {
  USE_OR_SKIP(plain, "neon");
  USE_OR_SKIP(ftz, "neon-ftz");
  struct Case {
    Rounding r;
    std::uint32_t input;
    One plain, ftz;
  };
  const Case cases[] = {
      {Rounding::rup, 0x00000001, {0x0001, kUnderflow | kInexact}, {0x0000, 0}},
      {Rounding::rdn, 0x80000001, {0x8001, kUnderflow | kInexact}, {0x8000, 0}},
      {Rounding::rne, 0x00000001, {0x0000, kUnderflow | kInexact}, {0x0000, 0}},
      // A normal input with a subnormal binary16 result: not flushed.
      {Rounding::rne, 0x33000001, {0x0001, kUnderflow | kInexact}, {0x0001, kUnderflow | kInexact}},
  };
  for (const Case& c : cases) {
    const One p = convert_one(plain, Op::f32_to_f16, c.r, c.input);
    const One f = convert_one(ftz, Op::f32_to_f16, c.r, c.input);
    EXPECT_EQ(p.bits, c.plain.bits) << name(c.r) << " 0x" << std::hex << c.input;
    EXPECT_EQ(p.flags, c.plain.flags) << name(c.r) << " 0x" << std::hex << c.input;
    EXPECT_EQ(f.bits, c.ftz.bits) << name(c.r) << " 0x" << std::hex << c.input;
    EXPECT_EQ(f.flags, c.ftz.flags) << name(c.r) << " 0x" << std::hex << c.input;
  }
  // The smallest binary16 subnormal in: 2^-24 out, under FZ16=1 too.
  EXPECT_EQ(convert_one(ftz, Op::f16_to_f32, Rounding::rne, 0x0001).bits, 0x33800000u);
}

TEST(NeonFlush, Bf16FlushesBinary32SubnormalInputs) {
  USE_OR_SKIP(plain, "neon-bf16");
  USE_OR_SKIP(ftz, "neon-bf16-ftz");
  // 0x00018000 = 1.5 * 2^-148, halfway between bfloat16 0x0001 and 0x0002 (even).
  const One p = convert_one(plain, Op::f32_to_bf16, Rounding::rne, 0x00018000);
  const One f = convert_one(ftz, Op::f32_to_bf16, Rounding::rne, 0x00018000);
  EXPECT_EQ(p.bits, 0x0002u);
  EXPECT_EQ(p.flags, kUnderflow | kInexact);
  EXPECT_EQ(f.bits, 0x0000u);
  EXPECT_EQ(f.flags, 0);
}

// SHLL is a shift: a signaling NaN stays signaling and raises nothing (declared nan_quiet).
TEST(NeonBf16Widen, IsAShiftThatKeepsSignalingNaNs) {
  USE_OR_SKIP(b, "neon-bf16");
  const One got = convert_one(b, Op::bf16_to_f32, Rounding::rne, 0x7F81);
  EXPECT_EQ(got.bits, 0x7F810000u);
  EXPECT_EQ(got.flags, 0);
  EXPECT_NE(oracle::convert(Op::bf16_to_f32, 0x7F81, Rounding::rne).bits, got.bits);
}

}  // namespace
}  // namespace fpconform
