// The INT8 models' known facts, and gemmlowp's fixed-point primitives against hand-worked values.
#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <array>
#include <cmath>
#include <limits>
#include <vector>

#include <gemmlowp/fixedpoint/fixedpoint.h>
#include <mpfr.h>

#include "oracles/int8/gemm.hpp"
#include "oracles/int8/quantize.hpp"
#include "oracles/int8/requantize.hpp"

namespace fpconform::oracle {
namespace {

constexpr std::array kTies{-2.5f, -1.5f, -0.5f, 0.5f, 1.5f, 2.5f};

std::vector<std::int32_t> quantize_ties(QRounding r) {
  std::vector<std::int32_t> q;
  for (float x : kTies) q.push_back(quantize(x, 1.0f, 0, IntType::s8, r));
  return q;
}

TEST(QuantizeTies, RneGoesToEven) {
  EXPECT_EQ(quantize_ties(QRounding::rne), (std::vector<std::int32_t>{-2, -2, 0, 0, 2, 2}));
}

TEST(QuantizeTies, RnaGoesAwayFromZero) {
  EXPECT_EQ(quantize_ties(QRounding::rna), (std::vector<std::int32_t>{-3, -2, -1, 1, 2, 3}));
}

TEST(QuantizeTies, HalfUpGoesTowardPlusInfinity) {
  EXPECT_EQ(quantize_ties(QRounding::half_up), (std::vector<std::int32_t>{-2, -1, 0, 1, 2, 3}));
}

// floor(x + 0.5) evaluated in binary32 rounds 0.49999997 + 0.5 up to 1.0; the model does not.
TEST(QuantizeTies, HalfUpIsExactBelowTheTie) {
  const float below_half = std::nextafter(0.5f, 0.0f);
  EXPECT_EQ(std::floor(below_half + 0.5f), 1.0f);
  EXPECT_EQ(quantize(below_half, 1.0f, 0, IntType::s8, QRounding::half_up), 0);
}

// A scale of 128 / max|W| puts the maximum at 128, which must saturate to 127, not wrap to -128.
TEST(QuantizeClamp, MaximumAt128Saturates) {
  const float wmax = 0.37f;
  const float scale = wmax / 128.0f;
  EXPECT_EQ(quantize(wmax, scale, 0, IntType::s8, QRounding::rne), 127);
  EXPECT_EQ(quantize(-wmax, scale, 0, IntType::s8, QRounding::rne), -128);
  EXPECT_EQ(quantize(-wmax * 1.01f, scale, 0, IntType::s8, QRounding::rne), -128);
  EXPECT_EQ(quantize(300.0f, 1.0f, 10, IntType::u8, QRounding::rne), 255);
  EXPECT_EQ(quantize(-300.0f, 1.0f, 10, IntType::u8, QRounding::rne), 0);
  EXPECT_EQ(quantize(std::numeric_limits<float>::infinity(), 1.0f, 0, IntType::s8, QRounding::rne), 127);
  EXPECT_EQ(quantize(-std::numeric_limits<float>::infinity(), 1.0f, 0, IntType::s8, QRounding::rna), -128);
}

TEST(QuantizeClamp, NanIsOutsideTheModel) {
  EXPECT_THROW(quantize(std::nanf(""), 1.0f, 0, IntType::s8, QRounding::rne), std::domain_error);
  EXPECT_THROW(quantize(1.0f, 0.0f, 0, IntType::s8, QRounding::rne), std::invalid_argument);
}

TEST(QuantizeSpec, PerChannelUsesElementModChannels) {
  const std::vector<float> x{1, 1, 1, 2, 2, 2};
  const std::vector<float> scales{1, 0.5f, 0.25f};
  const std::vector<std::int32_t> zps{0, 1, -1};
  std::vector<std::int8_t> q(x.size());
  quantize(x, q.data(), {IntType::s8, QRounding::rne, scales, zps});
  EXPECT_EQ(q, (std::vector<std::int8_t>{1, 3, 3, 2, 5, 7}));
}

// round_to_integer against the C library's own roundings, for every mode, on random floats
// (the library functions are exact; NaN excluded, magnitudes below the saturation point).
RC_GTEST_PROP(RoundToInteger, AgreesWithTheCLibrary, (std::uint32_t bits)) {
  const float v = std::bit_cast<float>(bits);
  RC_PRE(!std::isnan(v) && std::fabs(v) < 0x1p39f);
  RC_ASSERT(round_to_integer(v, QRounding::rne) == static_cast<std::int64_t>(std::nearbyint(v)));
  RC_ASSERT(round_to_integer(v, QRounding::rna) == static_cast<std::int64_t>(std::round(v)));
  RC_ASSERT(round_to_integer(v, QRounding::half_up) ==
            static_cast<std::int64_t>(std::floor(double{v} + 0.5)));  // exact in binary64
}

RC_GTEST_PROP(RoundToInteger, SmallHalvesAgreeWithTheCLibrary, (std::int32_t k)) {
  const float v = static_cast<float>(k % 100000) / 4.0f;  // many ties and quarters
  RC_ASSERT(round_to_integer(v, QRounding::rne) == static_cast<std::int64_t>(std::nearbyint(v)));
  RC_ASSERT(round_to_integer(v, QRounding::rna) == static_cast<std::int64_t>(std::round(v)));
  RC_ASSERT(round_to_integer(v, QRounding::half_up) ==
            static_cast<std::int64_t>(std::floor(double{v} + 0.5)));
}

// The model's fl(x / s) and fl(fl(acc) * scale) are single binary32 operations on the hardware;
// IEEE 754 (5.4.1) requires them correctly rounded. GNU MPFR, emulating binary32 (24 bits,
// exponent range and subnormals), checks that this machine's are.
float mpfr_binary32(float a, float b, bool divide) {
  const mpfr_exp_t emin = mpfr_get_emin(), emax = mpfr_get_emax();
  mpfr_set_emin(-148);  // binary32: the smallest subnormal is 2^-149 = 0.1 x 2^-148
  mpfr_set_emax(128);
  mpfr_t x, y, r;
  mpfr_inits2(24, x, y, r, static_cast<mpfr_ptr>(nullptr));
  mpfr_set_flt(x, a, MPFR_RNDN);
  mpfr_set_flt(y, b, MPFR_RNDN);
  const int t = divide ? mpfr_div(r, x, y, MPFR_RNDN) : mpfr_mul(r, x, y, MPFR_RNDN);
  mpfr_subnormalize(r, t, MPFR_RNDN);
  const float out = mpfr_get_flt(r, MPFR_RNDN);
  mpfr_clears(x, y, r, static_cast<mpfr_ptr>(nullptr));
  mpfr_set_emin(emin);
  mpfr_set_emax(emax);
  return out;
}

RC_GTEST_PROP(BinaryOps, DivisionAndProductAreCorrectlyRounded, (std::uint32_t xb, std::uint32_t sb)) {
  const float x = std::bit_cast<float>(xb), s = std::bit_cast<float>(sb & 0x7FFFFFFFu);
  RC_PRE(std::isfinite(x) && std::isfinite(s) && s > 0);
  RC_ASSERT(std::bit_cast<std::uint32_t>(x / s) == std::bit_cast<std::uint32_t>(mpfr_binary32(x, s, true)));
  const float acc = static_cast<float>(static_cast<std::int32_t>(xb));
  RC_ASSERT(std::bit_cast<std::uint32_t>(acc * s) == std::bit_cast<std::uint32_t>(mpfr_binary32(acc, s, false)));
}

TEST(Dequantize, OneRounding) {
  EXPECT_EQ(dequantize(-128, 0.5f, 0), -64.0f);
  EXPECT_EQ(dequantize(255, 0.1f, 128), 127 * 0.1f);
}

TEST(ChooseScale, MaxAbsAndMinMax) {
  EXPECT_EQ(choose_symmetric(2.54f, IntType::s8).scale, 2.54f / 127.0f);
  const QuantParams p = choose_min_max(-1.0f, 3.0f, IntType::u8);
  EXPECT_EQ(p.scale, 4.0f / 255.0f);
  EXPECT_EQ(quantize(0.0f, p.scale, p.zero_point, IntType::u8, QRounding::rne), p.zero_point);
  EXPECT_EQ(p.zero_point, 64);  // 0 - rne(-1 / (4/255)) = rne(63.75)
}

// gemmlowp's fixedpoint.h: SaturatingRoundingDoublingHighMul and RoundingDivideByPOT.
TEST(GemmlowpPrimitives, HandWorkedValues) {
  constexpr std::int32_t kMin = std::numeric_limits<std::int32_t>::min();
  EXPECT_EQ(saturating_rounding_doubling_high_mul(kMin, kMin), std::numeric_limits<std::int32_t>::max());
  EXPECT_EQ(saturating_rounding_doubling_high_mul(1 << 30, 1 << 30), 1 << 29);  // 0.5 * 0.5
  EXPECT_EQ(saturating_rounding_doubling_high_mul(3, 1 << 30), 2);    // 1.5 -> 2 (up)
  EXPECT_EQ(saturating_rounding_doubling_high_mul(-3, 1 << 30), -1);  // -1.5 -> -1 (up)
  EXPECT_EQ(saturating_rounding_doubling_high_mul(1, 1 << 30), 1);    // 0.5 -> 1
  EXPECT_EQ(saturating_rounding_doubling_high_mul(-1, 1 << 30), 0);   // -0.5 -> 0
  EXPECT_EQ(saturating_rounding_doubling_high_mul(-5, 1 << 29), -1);  // -1.25 -> -1
  EXPECT_EQ(rounding_divide_by_pot(5, 1), 3);    // 2.5 -> 3
  EXPECT_EQ(rounding_divide_by_pot(-5, 1), -3);  // -2.5 -> -3
  EXPECT_EQ(rounding_divide_by_pot(-6, 2), -2);  // -1.5 -> -2
  EXPECT_EQ(rounding_divide_by_pot(-5, 2), -1);  // -1.25 -> -1
  EXPECT_EQ(rounding_divide_by_pot(7, 0), 7);
}

TEST(Requantize, ModelsDifferOnlyAtTies) {
  // m = 1/4: acc 2 -> 0.5, acc -2 -> -0.5, acc 6 -> 1.5, acc -6 -> -1.5
  const Requant fp32 = make_requant(RequantModel::fp32, 0.25, 0, IntType::s8);
  const Requant glp = make_requant(RequantModel::gemmlowp, 0.25, 0, IntType::s8);
  const Requant nu = make_requant(RequantModel::rndnu, 0.25, 0, IntType::s8);
  EXPECT_EQ(glp.multiplier, 1 << 30);
  EXPECT_EQ(glp.shift, 1);
  EXPECT_EQ(nu.shift, 32);
  for (auto [acc, even, away, up] : std::array<std::array<int, 4>, 4>{
           {{2, 0, 1, 1}, {-2, 0, -1, 0}, {6, 2, 2, 2}, {-6, -2, -2, -1}}}) {
    EXPECT_EQ(requantize(acc, fp32), even) << acc;
    EXPECT_EQ(requantize(acc, glp), away) << acc;
    EXPECT_EQ(requantize(acc, nu), up) << acc;
  }
  EXPECT_EQ(requantize(1000, fp32), 127);
  EXPECT_EQ(requantize(-1000, glp), -128);
  EXPECT_EQ(requantize(std::numeric_limits<std::int32_t>::min(), nu), -128);
  EXPECT_THROW(make_requant(RequantModel::fp32, 1.5, 0, IntType::s8), std::invalid_argument);
  // Rounds to M0 = 2^31, i.e. to 1: no right shift is left for gemmlowp's divide.
  EXPECT_THROW(make_requant(RequantModel::gemmlowp, 1 - 0x1p-33, 0, IntType::s8), std::invalid_argument);
  EXPECT_EQ(make_requant(RequantModel::gemmlowp, 1 - 0x1p-31, 0, IntType::s8).shift, 0);
}

// Away from ties fp32 and rndnu round acc * m once, exactly (m = 3/8 is exact in both and
// acc * m, acc odd, has fraction 1/8, 3/8, 5/8 or 7/8: never a tie). gemmlowp rounds twice
// (the high multiply, then the divide), so it may be one off: 1 * 3/8 -> 0.75 -> 1 -> 0.5 -> 1.
RC_GTEST_PROP(Requantize, SingleRoundingModelsAreExactAwayFromTies, (std::int16_t a)) {
  const std::int32_t acc = 2 * std::int32_t{a} + 1;
  const double m = 3.0 / 8.0;
  const auto expect = static_cast<std::int64_t>(std::nearbyint(acc * m));
  RC_ASSERT(requantize_unclamped(acc, make_requant(RequantModel::fp32, m, 0, IntType::s8)) == expect);
  RC_ASSERT(requantize_unclamped(acc, make_requant(RequantModel::rndnu, m, 0, IntType::s8)) == expect);
  const std::int64_t twice = requantize_unclamped(acc, make_requant(RequantModel::gemmlowp, m, 0, IntType::s8));
  RC_ASSERT(std::abs(twice - expect) <= 1);
}

TEST(Requantize, GemmlowpRoundsTwice) {
  EXPECT_EQ(requantize_unclamped(1, make_requant(RequantModel::gemmlowp, 3.0 / 8.0, 0, IntType::s8)), 1);
}

// The oracle's primitives against gemmlowp's own fixedpoint.h, the definition they follow.
RC_GTEST_PROP(GemmlowpPrimitives, AgreeWithGemmlowpsHeader, (std::int32_t a, std::int32_t b)) {
  RC_ASSERT(saturating_rounding_doubling_high_mul(a, b) ==
            gemmlowp::SaturatingRoundingDoublingHighMul(a, b));
  const int e = static_cast<int>(static_cast<std::uint32_t>(b) % 32);
  RC_ASSERT(rounding_divide_by_pot(a, e) == gemmlowp::RoundingDivideByPOT(a, e));
}

TEST(GemmlowpPrimitives, AgreeWithGemmlowpsHeaderAtTies) {
  for (std::int32_t a = -70000; a <= 70000; ++a)
    for (int e = 0; e < 4; ++e) {
      ASSERT_EQ(rounding_divide_by_pot(a, e), gemmlowp::RoundingDivideByPOT(a, e)) << a << " " << e;
      ASSERT_EQ(saturating_rounding_doubling_high_mul(a, 1 << (30 - e)),
                gemmlowp::SaturatingRoundingDoublingHighMul(a, std::int32_t{1} << (30 - e))) << a;
    }
}

TEST(GemmExact, CornersDoNotSaturate) {
  const GemmShape s{2, 3, 1024};
  std::vector<std::uint8_t> a(std::size_t(s.m) * s.k, 255);
  std::vector<std::int8_t> b(std::size_t(s.k) * s.n, 127);
  std::vector<std::int64_t> c(std::size_t(s.m) * s.n);
  gemm_exact(s, IntType::u8, a.data(), b.data(), c);
  for (std::int64_t v : c) EXPECT_EQ(v, 255 * 127 * 1024);
  std::vector<std::int8_t> as(std::size_t(s.m) * s.k, -128);
  std::vector<std::int8_t> bs(std::size_t(s.k) * s.n, -128);
  gemm_exact(s, IntType::s8, as.data(), bs.data(), c);
  for (std::int64_t v : c) EXPECT_EQ(v, 16384 * 1024);
  EXPECT_FALSE(overflows_int32(16384LL * 131072 - 1));
  EXPECT_TRUE(overflows_int32(16384LL * 131072));
}

TEST(GemmExact, SmallHandWorked) {
  const std::vector<std::int8_t> a{1, -2, 3, 4, 5, -6};   // 2 x 3
  const std::vector<std::int8_t> b{7, 8, -9, 10, 11, 12};  // 3 x 2
  std::vector<std::int64_t> c(4);
  gemm_exact({2, 2, 3}, IntType::s8, a.data(), b.data(), c);
  EXPECT_EQ(c, (std::vector<std::int64_t>{1 * 7 + 2 * 9 + 3 * 11, 1 * 8 - 2 * 10 + 3 * 12,
                                          4 * 7 - 5 * 9 - 6 * 11, 4 * 8 + 5 * 10 - 6 * 12}));
}

// NEON's SMULL + SMLAL: pairs (0, 1), (2, 3) wrapped to int16, the odd K's last product alone.
TEST(GemmModel, SmlalPairWrapHandWorked) {
  const std::vector<std::int8_t> a{-128, -128, 3, 4, -128};  // 1 x 5
  const std::vector<std::int8_t> b{-128, -128,               // 5 x 2
                                   -128, 127,
                                   5, -128,
                                   6, -128,
                                   -128, 1};
  std::vector<std::int64_t> c(2);
  gemm_model(GemmModel::smlal_pair_wrap, {1, 2, 5}, IntType::s8, a.data(), b.data(), c);
  // column 0: 16384 + 16384 = 32768 -> -32768; 15 + 24 = 39; 16384 alone (exact: 49191)
  // column 1: 16384 - 16256 = 128; -384 - 512 = -896; -128 alone (exact, nothing wraps)
  EXPECT_EQ(c, (std::vector<std::int64_t>{-32768 + 39 + 16384, 128 - 896 - 128}));
  gemm_exact({1, 2, 5}, IntType::s8, a.data(), b.data(), c);
  EXPECT_EQ(c, (std::vector<std::int64_t>{49191, -896}));
  // u8 A: 255 x -128 twice = -65280 -> 256 (mod 2^16); then -128 alone.
  const std::vector<std::uint8_t> u{255, 255, 1};
  const std::vector<std::int8_t> bu{-128, -128, -128};
  gemm_model(GemmModel::smlal_pair_wrap, {1, 1, 3}, IntType::u8, u.data(), bu.data(), std::span(c).first(1));
  EXPECT_EQ(c[0], 256 - 128);
  EXPECT_EQ(name(GemmModel::smlal_pair_wrap), "smlal-pair-wrap");
}

}  // namespace
}  // namespace fpconform::oracle
