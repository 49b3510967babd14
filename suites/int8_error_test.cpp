#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <limits>
#include <numbers>
#include <stdexcept>
#include <vector>

#include "checks/int8/error.hpp"
#include "checks/int8/format_schemes.hpp"

namespace fpconform {
namespace {

constexpr double inf = std::numeric_limits<double>::infinity();
TEST(Int8ErrorScheme, NamesRoundTrip) {
  for (Scheme s : kSchemes) EXPECT_EQ(parse_scheme(name(s)), s);
  EXPECT_FALSE(parse_scheme("per_tensor").has_value());
  EXPECT_FALSE(uses_int_gemm(Scheme::fp16));
  EXPECT_FALSE(uses_int_gemm(Scheme::mxint8));
  EXPECT_TRUE(uses_int_gemm(Scheme::asymmetric));
  EXPECT_TRUE(is_format_scheme(Scheme::nf4));
  EXPECT_FALSE(is_format_scheme(Scheme::bf16));
}

TEST(FormatSchemes, BlocksRunAlongRowsAndEachRowKeepsItsOwnScale) {
  // Row 0 tiny, row 1 large: MXFP4 gives each 32-value block its own power-of-two scale, so
  // values that are E2M1 numbers times a power of two come back exactly in both rows.
  std::vector<float> x(2 * 64);
  const float e2m1[] = {0.5f, 1.0f, 1.5f, 2.0f, 3.0f, 4.0f, 6.0f, -6.0f};
  for (std::size_t i = 0; i < 64; ++i) {
    x[i] = e2m1[i % 8] * 0x1p-20f;
    x[64 + i] = e2m1[i % 8] * 0x1p20f;
  }
  EXPECT_EQ(quantize_dequantize(Scheme::mxfp4, x, 2, 64), x);
  // One scale for the tensor (fp8-e5m2) cannot hold both rows: the tiny one underflows.
  EXPECT_EQ(quantize_dequantize(Scheme::fp8_e5m2, x, 2, 64)[0], 0.0f);
}

TEST(FormatSchemes, ARowsLastBlockMayBeShort) {
  // K = 40: each row is a block of 32 and one of 8. The 8 take their own scale: 0.75 * 2^-10 is
  // exact in MXFP4 only with a scale of its own, not with the 32 ones' (a scale of 2^-2).
  std::vector<float> x(2 * 40, 1.0f);
  for (std::size_t i = 32; i < 40; ++i) x[i] = x[40 + i] = 0.75f * 0x1p-10f;
  EXPECT_EQ(quantize_dequantize(Scheme::mxfp4, x, 2, 40), x);
  EXPECT_THROW(quantize_dequantize(Scheme::per_tensor, x, 2, 40), std::invalid_argument);
  EXPECT_THROW(quantize_dequantize(Scheme::nf4, x, 3, 40), std::invalid_argument);  // sizes
}

TEST(Int8ErrorMetrics, IdenticalIsInfiniteSqnrAndNoError) {
  const std::vector<double> ref{1.5, -2.0, 0.0, 1e-30, 3e10};
  const ErrorMetrics m = error_metrics(ref, ref);
  EXPECT_EQ(m.sqnr_db, inf);
  EXPECT_EQ(m.cosine, 1.0);
  EXPECT_EQ(m.max_abs, 0.0);
  EXPECT_EQ(m.rel_frobenius, 0.0);
}

TEST(Int8ErrorMetrics, KnownNoiseGivesItsSqnr) {
  // ref_i = i for i = 1..n, got = ref +- 1/2 alternating (every value exact in binary64):
  //   signal S = n(n+1)(2n+1)/6, noise N = n/4, <got, ref> = |got|^2 = S - n/4.
  const int n = 1000;
  std::vector<double> ref, got;
  for (int i = 1; i <= n; ++i) {
    ref.push_back(i);
    got.push_back(i + (i % 2 == 1 ? 0.5 : -0.5));
  }
  const double s = n * (n + 1.0) * (2.0 * n + 1.0) / 6.0, noise = n / 4.0;
  const ErrorMetrics m = error_metrics(ref, got);
  EXPECT_NEAR(m.sqnr_db, 10.0 * std::log10(s / noise), 1e-9);
  EXPECT_NEAR(m.rel_frobenius, std::sqrt(noise / s), 1e-15);
  EXPECT_NEAR(m.cosine, std::sqrt((s - noise) / s), 1e-15);
  EXPECT_EQ(m.max_abs, 0.5);
}

TEST(Int8ErrorMetrics, DegenerateReferences) {
  const std::vector<double> zeros(4, 0.0), ones(4, 1.0);
  const ErrorMetrics both_zero = error_metrics(zeros, zeros);
  EXPECT_EQ(both_zero.sqnr_db, inf);
  EXPECT_EQ(both_zero.cosine, 1.0);
  EXPECT_EQ(both_zero.rel_frobenius, 0.0);
  const ErrorMetrics zero_ref = error_metrics(zeros, ones);
  EXPECT_EQ(zero_ref.sqnr_db, -inf);
  EXPECT_EQ(zero_ref.cosine, 0.0);
  EXPECT_EQ(zero_ref.rel_frobenius, inf);
  EXPECT_EQ(zero_ref.max_abs, 1.0);
  EXPECT_EQ(error_metrics(ones, zeros).cosine, 0.0);
  EXPECT_THROW(error_metrics(zeros, std::vector<double>(3, 0.0)), std::invalid_argument);
}

TEST(Int8ErrorGemm, Fp64IsTheProduct) {
  const GemmShape s{.m = 2, .n = 2, .k = 3};
  const std::vector<float> a{1, 2, 3, -4, 5, 0.5f}, b{1, -1, 0, 2, 0.25f, 4};
  EXPECT_EQ(gemm_f64(s, a, b), (std::vector<double>{1.75, 15, -3.875, 16}));
  EXPECT_EQ(gemm_f32(s, a, b), (std::vector<float>{1.75f, 15, -3.875f, 16}));
  EXPECT_THROW(gemm_f64(s, a, std::vector<float>(5)), std::invalid_argument);
}

TEST(Int8ErrorGemm, Fp32AccumulatesInBinary32AlongK) {
  // 1 + 2^-30 rounds to 1 in binary32, so the k-ordered float sum is 0; binary64 keeps 2^-30.
  const GemmShape s{.m = 1, .n = 1, .k = 3};
  const std::vector<float> a{1.0f, 0x1p-30f, -1.0f}, b{1.0f, 1.0f, 1.0f};
  EXPECT_EQ(gemm_f32(s, a, b), std::vector<float>{0.0f});
  EXPECT_EQ(gemm_f64(s, a, b), std::vector<double>{0x1p-30});
}

TEST(Int8ErrorEndToEnd, NarrowFloatsNeedNoIntBackend) {
  const GemmShape s{.m = 8, .n = 8, .k = 16};
  const EndToEnd e = end_to_end(Dist::uniform, Scheme::bf16, s, nullptr, 4);
  EXPECT_EQ(e.backend, "");
  EXPECT_EQ(e.repro, "fpconform matmul --check e2e --dist uniform --scheme bf16 --shape 8x16:16x8 "
                     "--seed 4");
  EXPECT_GT(e.sqnr_db, 30.0);
  EXPECT_THROW(end_to_end(Dist::uniform, Scheme::per_tensor, s, nullptr, 4), std::invalid_argument);
}

// The int8 GEMM of the end-to-end runs: the exact `reference` backend.
const Int8Backend* reference_gemm(std::string& why_not) {
  const Int8Backend* b = find_int8_backend("reference");
  if (b == nullptr) why_not = "the int8 'reference' backend is not compiled in";
  else if (const Availability av = b->available(); !av.ok) why_not = "reference: " + av.reason;
  return why_not.empty() ? b : nullptr;
}

#define REQUIRE_REFERENCE_GEMM(var)             \
  std::string why_not;                          \
  const Int8Backend* var = reference_gemm(why_not); \
  if (var == nullptr) GTEST_SKIP() << why_not

const GemmShape k128x256x128{.m = 128, .n = 128, .k = 256};

double sqnr(Dist d, Scheme s, const Int8Backend* gemm, GemmShape shape = k128x256x128) {
  return end_to_end(d, s, shape, gemm, 1).sqnr_db;
}

TEST(Int8ErrorEndToEnd, GaussianOrdersTheSchemes) {
  REQUIRE_REFERENCE_GEMM(gemm);
  const double fp16 = sqnr(Dist::gaussian, Scheme::fp16, gemm);
  const double bf16 = sqnr(Dist::gaussian, Scheme::bf16, gemm);
  const double per_channel = sqnr(Dist::gaussian, Scheme::per_channel, gemm);
  const double per_tensor = sqnr(Dist::gaussian, Scheme::per_tensor, gemm);
  EXPECT_GT(fp16, bf16);
  EXPECT_GT(bf16, per_channel);
  EXPECT_GE(per_channel, per_tensor);
}

TEST(Int8ErrorEndToEnd, FormatsOrderedByTheirPrecision) {
  // No int GEMM involved (nullptr). Each significand bit is worth about 6 dB: E4M3 over E5M2
  // and E2M3 over E3M2 by one bit, E3M2 over E2M1 by one, MXINT8's 7 bits over E4M3's 4 by three;
  // NVFP4's finer E4M3 scale over 16 values beats MXFP4's power of two over 32. 3 dB floors.
  const auto at = [](Scheme s) { return sqnr(Dist::gaussian, s, nullptr); };
  EXPECT_GT(at(Scheme::mxfp8_e4m3), at(Scheme::mxfp8_e5m2) + 3.0);
  EXPECT_GT(at(Scheme::mxfp6_e2m3), at(Scheme::mxfp6_e3m2) + 3.0);
  EXPECT_GT(at(Scheme::mxfp6_e3m2), at(Scheme::mxfp4) + 3.0);
  EXPECT_GT(at(Scheme::mxint8), at(Scheme::mxfp8_e4m3) + 6.0);
  EXPECT_GT(at(Scheme::nvfp4), at(Scheme::mxfp4));
  EXPECT_GT(at(Scheme::fp16), at(Scheme::mxint8));
}

TEST(Int8ErrorEndToEnd, FloorScalesClampUniformBlocks) {
  // A uniform block's maximum lies near the top of its binade, where FLOOR's scale leaves it
  // above E4M3's 448 (OCP MX 6.3 clamps it): RCEIL's scale never clamps, and wins by several dB.
  const double floor = sqnr(Dist::uniform, Scheme::mxfp8_e4m3, nullptr);
  const double rceil = sqnr(Dist::uniform, Scheme::mxfp8_e4m3_rceil, nullptr);
  EXPECT_GT(rceil, floor + 3.0);
}

TEST(Int8ErrorEndToEnd, PerChannelBeatsPerTensorOnOutliers) {
  // Per-channel shrinks B's step 50x on every ordinary column but not A's (per-tensor in both,
  // with its 50x features along K), and the one 50x output column dominates signal and noise
  // alike: about 3.4 dB at this shape and seed, so 3 dB is the floor.
  REQUIRE_REFERENCE_GEMM(gemm);
  const double per_channel = sqnr(Dist::outliers, Scheme::per_channel, gemm);
  const double per_tensor = sqnr(Dist::outliers, Scheme::per_tensor, gemm);
  EXPECT_GT(per_channel, per_tensor + 3.0);
}

TEST(Int8ErrorEndToEnd, PerTensorGaussianMatchesTheTextbookEstimate) {
  // Rounding to a step D leaves an error uniform on [-D/2, D/2], variance D^2/12. In
  // c = sum_k a_k b_k with a, b ~ N(0, 1) the first-order error sum_k (a_k e_b + b_k e_a) has
  // variance K (D_a^2 + D_b^2) / 12 against a signal variance K, so SQNR = 12 / (D_a^2 + D_b^2)
  // with D = amax / 127. amax, the largest |x| of n gaussians (the largest of 2n one-sided),
  // is about sqrt(2 ln 2n) - (ln ln 2n + ln 4 pi) / (2 sqrt(2 ln 2n)).
  REQUIRE_REFERENCE_GEMM(gemm);
  const double n2 = 2.0 * 128 * 256;  // A and B both hold 128 * 256 values
  const double l = std::sqrt(2.0 * std::log(n2));
  const double amax = l - (std::log(std::log(n2)) + std::log(4.0 * std::numbers::pi)) / (2.0 * l);
  const double step = amax / 127.0;
  const double estimate = 10.0 * std::log10(12.0 / (2.0 * step * step));
  EXPECT_NEAR(sqnr(Dist::gaussian, Scheme::per_tensor, gemm), estimate, 3.0);
}

TEST(Int8ErrorEndToEnd, AsymmetricRemovesTheZeroPointExactly) {
  // On data symmetric about 0, u8 by min-max has about the step of s8 by max-abs ((hi - lo)/255
  // vs amax/127), so with the zero point removed exactly it lands within a dB of per-channel;
  // a zero point off by one in the correction costs 8 dB or more here.
  REQUIRE_REFERENCE_GEMM(gemm);
  for (Dist d : {Dist::gaussian, Dist::uniform}) {
    const double asym = sqnr(d, Scheme::asymmetric, gemm);
    EXPECT_NEAR(asym, sqnr(d, Scheme::per_channel, gemm), 1.5) << name(d);
  }
}

TEST(Int8ErrorEndToEnd, IsDeterministicAndSaysHowToRepeatIt) {
  REQUIRE_REFERENCE_GEMM(gemm);
  const GemmShape s{.m = 17, .n = 3, .k = 255};
  const EndToEnd a = end_to_end(Dist::outliers, Scheme::asymmetric, s, gemm, 9);
  const EndToEnd b = end_to_end(Dist::outliers, Scheme::asymmetric, s, gemm, 9);
  EXPECT_EQ(a.sqnr_db, b.sqnr_db);
  EXPECT_EQ(a.max_abs, b.max_abs);
  EXPECT_NE(a.sqnr_db, end_to_end(Dist::outliers, Scheme::asymmetric, s, gemm, 10).sqnr_db);
  EXPECT_EQ(a.backend, "reference");
  EXPECT_EQ(a.repro, "fpconform matmul --check e2e --dist outliers --scheme asymmetric --shape "
                     "17x255:255x3 --seed 9 --e2e-backend reference");
}

// By hand (--gtest_also_run_disabled_tests): the five schemes at 1024^3, gaussian.
TEST(Int8ErrorEndToEnd, DISABLED_Gaussian1024) {
  REQUIRE_REFERENCE_GEMM(gemm);
  const GemmShape s{.m = 1024, .n = 1024, .k = 1024};
  for (Scheme scheme : kSchemes) {
    const EndToEnd e = end_to_end(Dist::gaussian, scheme, s, gemm, 1);
    std::printf("%-12s SQNR %6.2f dB  cosine %.7f  max abs %.4g  rel Frobenius %.4g\n",
                e.scheme.c_str(), e.sqnr_db, e.cosine, e.max_abs, e.rel_frobenius);
  }
}

}  // namespace
}  // namespace fpconform
