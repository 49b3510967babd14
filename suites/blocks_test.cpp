// The block-format models (oracles/blocks): hand-worked cases of each rule, and the MX model
// against a second implementation written here in binary64 arithmetic (ilogb, ldexp, nearbyint),
// which shares nothing with the soft-float conversions the model rounds with.
#include <gtest/gtest.h>

#include <bit>
#include <cfenv>
#include <iostream>
#include <cmath>
#include <cstdint>
#include <random>
#include <vector>

#include "oracles/blocks/int4.hpp"
#include "oracles/blocks/mx.hpp"
#include "oracles/blocks/nf4.hpp"
#include "oracles/blocks/nvfp4.hpp"
#include "oracles/blocks/packing.hpp"

namespace fpconform::oracle::blocks {
namespace {

constexpr MxElement kElements[] = {MxElement::e4m3, MxElement::e5m2, MxElement::e3m2,
                                   MxElement::e2m3, MxElement::e2m1, MxElement::int8};
constexpr ScaleRule kRules[] = {ScaleRule::floor, ScaleRule::ceil, ScaleRule::even,
                                ScaleRule::rceil};

int scale_exp(float amax, MxElement e, ScaleRule r) { return shared_scale(amax, e, r) - 127; }

// ---- Shared scales, worked by hand (E2M1: emax_elem 2, largest 6 = 1.5 * 2^2) -----------------

TEST(MxScale, Floor_OcpMx63_TakesTheBlockMaximumsBinade) {
  EXPECT_EQ(scale_exp(6.0f, MxElement::e2m1, ScaleRule::floor), 0);
  EXPECT_EQ(scale_exp(7.9f, MxElement::e2m1, ScaleRule::floor), 0);   // 7.9 then clamps to 6
  EXPECT_EQ(scale_exp(3.0f, MxElement::e2m1, ScaleRule::floor), -1);
  EXPECT_EQ(scale_exp(448.0f, MxElement::e4m3, ScaleRule::floor), 0);  // 448 = 1.75 * 2^8
  EXPECT_EQ(scale_exp(1.0f, MxElement::int8, ScaleRule::floor), 0);
  EXPECT_EQ(scale_exp(0x1p-149f, MxElement::e2m1, ScaleRule::floor), -127);  // clamped
  EXPECT_EQ(scale_exp(0x1.fffffep127f, MxElement::e2m1, ScaleRule::floor), 125);
}

TEST(MxScale, CeilNeverLetsTheMaximumClamp) {
  EXPECT_EQ(scale_exp(6.0f, MxElement::e2m1, ScaleRule::ceil), 0);   // 6 <= 6 * 2^0
  EXPECT_EQ(scale_exp(6.5f, MxElement::e2m1, ScaleRule::ceil), 1);   // 6.5 > 6
  EXPECT_EQ(scale_exp(3.0f, MxElement::e2m1, ScaleRule::ceil), -1);  // 3 <= 6 * 2^-1
  EXPECT_EQ(scale_exp(3.0000002f, MxElement::e2m1, ScaleRule::ceil), 0);
}

TEST(MxScale, EvenRoundsTheMaximumToTheElementsPrecisionFirst) {
  // E2M1 has 2 significant bits: 6.5 = 1.625 * 4 rounds to 1.5 * 4, same binade: FLOOR's scale.
  EXPECT_EQ(scale_exp(6.5f, MxElement::e2m1, ScaleRule::even), 0);
  // 7 = 1.75 * 4 is a tie between 1.5 and 2.0; 2.0 is even: into the next binade.
  EXPECT_EQ(scale_exp(7.0f, MxElement::e2m1, ScaleRule::even), 1);
  EXPECT_EQ(scale_exp(7.9f, MxElement::e2m1, ScaleRule::even), 1);
  // E4M3 (4 bits): 480 = 1.875 * 2^8 is a tie between 1.875 - 1/8 and 2.0 ... 1.875 is exact.
  EXPECT_EQ(scale_exp(480.0f, MxElement::e4m3, ScaleRule::even), 0);
  EXPECT_EQ(scale_exp(496.0f, MxElement::e4m3, ScaleRule::even), 1);  // 1.9375: tie, to 2.0
}

TEST(MxScale, RceilRoundsTheBinary32QuotientUp) {
  EXPECT_EQ(scale_exp(6.0f, MxElement::e2m1, ScaleRule::rceil), 0);  // 6 * fl(1/6) rounds to 1
  EXPECT_EQ(scale_exp(7.9f, MxElement::e2m1, ScaleRule::rceil), 1);
  EXPECT_EQ(scale_exp(3.0f, MxElement::e2m1, ScaleRule::rceil), -1);
  EXPECT_EQ(scale_exp(0.0f, MxElement::e2m1, ScaleRule::rceil), -127);
}

TEST(MxScale, RceilDiffersFromCeilOnlyForMxint8) {
  // fl(1 / max_elem) is above 1 / max_elem for every FP element (by 3e-8 to 5e-8, relative) and
  // below it for MXINT8's 127/64 (by 4e-9). Over the binade of max_elem (the others are the same
  // scaled) the reciprocal changes the scale once: MXINT8's amax = 127/64 + 2^-23 gets 2^0 from
  // rceil (its quotient rounds down onto 1) and 2^1 from ceil.
  for (MxElement e : kElements) {
    const float m = static_cast<float>(max_elem(e));
    const std::uint32_t first = std::bit_cast<std::uint32_t>(m) & 0xFF800000u;
    std::vector<float> differ;
    for (std::uint32_t bits = first; bits < first + 0x800000u; ++bits) {
      const float amax = std::bit_cast<float>(bits);
      if (scale_exp(amax, e, ScaleRule::rceil) != scale_exp(amax, e, ScaleRule::ceil))
        differ.push_back(amax);
    }
    if (e == MxElement::int8) {
      ASSERT_EQ(differ.size(), 1u);
      EXPECT_EQ(differ[0], 0x1.fc0002p0f);
      EXPECT_EQ(scale_exp(0x1.fc0002p0f, e, ScaleRule::rceil), 0);
    } else {
      EXPECT_TRUE(differ.empty()) << name(e) << ": " << differ.size() << ", first " << differ[0];
    }
  }
}

TEST(MxScale, NanAndInfinityGiveTheNanScale) {
  EXPECT_EQ(shared_scale(NAN, MxElement::e4m3, ScaleRule::floor), kE8m0Nan);
  EXPECT_EQ(shared_scale(INFINITY, MxElement::e4m3, ScaleRule::ceil), kE8m0Nan);
  std::vector<float> x(32, 1.0f);
  x[5] = -INFINITY;
  const MxQuantized q = mx_quantize(x, {MxElement::e2m1, ScaleRule::floor, 32});
  EXPECT_EQ(q.scales.at(0), kE8m0Nan);
  EXPECT_TRUE(std::isnan(mx_decode(q, {MxElement::e2m1, ScaleRule::floor, 32}).at(0)));
}

// ---- Elements, worked by hand ---------------------------------------------------------------

TEST(MxElements, E2m1CodesOfOneBlock) {
  // E2M1 codes: 0 0.5 1 1.5 2 3 4 6 for 0x0..0x7, the sign in bit 3.
  const std::vector<float> x = {6.0f, 1.0f, -0.5f, 0.0f, -0.0f, 2.5f, 3.5f, 5.0f, 0.25f, 0.2f};
  const MxSpec spec{MxElement::e2m1, ScaleRule::floor, 32};
  const MxQuantized q = mx_quantize(x, spec);
  ASSERT_EQ(q.scales.size(), 1u);
  EXPECT_EQ(q.scales[0], 127);  // 2^0
  // 2.5 ties between 2 and 3 -> 2 (even code 0x4); 3.5 ties between 3 and 4 -> 4 (0x6); 5 ties
  // between 4 and 6 -> 4 (0x6); 0.25 ties between 0 and 0.5 -> 0; 0.2 -> 0.
  const std::vector<std::uint8_t> want = {0x7, 0x2, 0x9, 0x0, 0x8, 0x4, 0x6, 0x6, 0x0, 0x0};
  EXPECT_EQ(q.codes, want);
  const std::vector<double> back = mx_decode(q, spec);
  EXPECT_EQ(back[0], 6.0);
  EXPECT_EQ(back[2], -0.5);
  EXPECT_TRUE(std::signbit(back[4]));
}

TEST(MxElements, TheMaximumClampsUnderFloorAndNotUnderCeil) {
  const std::vector<float> x = {7.9f, 1.0f};
  EXPECT_EQ(mx_quantize(x, {MxElement::e2m1, ScaleRule::floor, 32}).codes[0], 0x7);  // 6
  const MxQuantized c = mx_quantize(x, {MxElement::e2m1, ScaleRule::ceil, 32});
  EXPECT_EQ(c.scales[0], 128);   // 2^1
  EXPECT_EQ(c.codes[0], 0x6);    // 3.95 -> 4, read back as 8
  EXPECT_EQ(c.codes[1], 0x1);    // 0.5, read back as 1
}

TEST(MxElements, Mxint8IsTwosComplementOverSixtyFour) {
  const std::vector<float> x = {1.0f, -1.0f, 1.9921875f, 0.5f, 1.0f / 128};
  const MxSpec spec{MxElement::int8, ScaleRule::floor, 32};
  const MxQuantized q = mx_quantize(x, spec);
  EXPECT_EQ(q.scales[0], 127);
  const std::vector<std::uint8_t> want = {64, 0xC0, 127, 32, 0};  // 1/128 * 64 = 0.5 -> 0 (even)
  EXPECT_EQ(q.codes, want);
  EXPECT_EQ(mx_decode(q, spec)[2], 127.0 / 64);
}

TEST(MxElements, BlocksAreConsecutiveAndTheLastMayBeShort) {
  std::vector<float> x(70, 1.0f);
  x[40] = 100.0f;  // second block only
  const MxSpec spec{MxElement::e4m3, ScaleRule::floor, 32};
  const MxQuantized q = mx_quantize(x, spec);
  ASSERT_EQ(q.scales.size(), 3u);
  EXPECT_EQ(q.scales[0], 127 - 8);          // floor(log2 1) - 8
  EXPECT_EQ(q.scales[1], 127 + 6 - 8);      // floor(log2 100) = 6
  EXPECT_EQ(q.scales[2], 127 - 8);
  // 100 * 2^2 = 400 = 1.5625 * 2^8 ties between 384 and 416 in E4M3: 384 (even), read back 96.
  EXPECT_EQ(q.codes[40], 0x7C);
  EXPECT_EQ(mx_decode(q, spec)[40], 96.0);
}

// ---- The MX model against a binary64 twin -----------------------------------------------------

struct Twin {
  int p, emin;  // element precision and smallest normal exponent (unused for int8)
  double max;
};

Twin twin(MxElement e) {
  switch (e) {
    case MxElement::e4m3: return {4, -6, 448};
    case MxElement::e5m2: return {3, -14, 57344};
    case MxElement::e3m2: return {3, -2, 28};
    case MxElement::e2m3: return {4, 0, 7.5};
    case MxElement::e2m1: return {2, 0, 6};
    case MxElement::int8: return {0, 0, 127.0 / 64};
  }
  return {};
}

int twin_exp(double amax, MxElement e, ScaleRule r) {
  if (amax == 0) return -127;
  const Twin t = twin(e);
  int x = 0;
  switch (r) {
    case ScaleRule::floor: x = std::ilogb(amax) - emax_elem(e); break;
    case ScaleRule::ceil: x = static_cast<int>(std::ceil(std::log2(amax / t.max))); break;
    case ScaleRule::even: {
      const int p = e == MxElement::int8 ? 7 : t.p;
      const double ulp = std::ldexp(1.0, std::ilogb(amax) - (p - 1));
      x = std::ilogb(std::nearbyint(amax / ulp) * ulp) - emax_elem(e);
      break;
    }
    case ScaleRule::rceil: {
      const float q = static_cast<float>(amax) * (1.0f / static_cast<float>(t.max));
      x = q == 0 ? -127 : static_cast<int>(std::ceil(std::log2(static_cast<double>(q))));
      break;
    }
  }
  return std::clamp(x, -127, 127);
}

double twin_value(double v, int x, MxElement e) {
  const Twin t = twin(e);
  const double y = std::ldexp(v, -x);
  double r;
  if (e == MxElement::int8) {
    r = std::nearbyint(y * 64) / 64;
  } else {
    const int ey = y == 0 ? t.emin : std::max(std::ilogb(y), t.emin);
    const double ulp = std::ldexp(1.0, ey - (t.p - 1));
    r = std::nearbyint(y / ulp) * ulp;
  }
  r = std::clamp(r, -t.max, t.max);
  return std::ldexp(r, x);
}

TEST(MxTwin, EveryRuleAndElementAgreesWithABinary64Implementation) {
  ASSERT_EQ(std::fegetround(), FE_TONEAREST);
  std::mt19937_64 rng(20261204);
  std::normal_distribution<float> gauss(0.0f, 1.0f);
  std::uniform_int_distribution<int> binade(-140, 120);
  std::size_t checked = 0;
  for (int trial = 0; trial < 400; ++trial) {
    // A block of Gaussians times 2^k, with an outlier in some blocks.
    const float scale = std::ldexp(1.0f, binade(rng) / (trial % 3 + 1));
    std::vector<float> x(32);
    for (float& v : x) v = gauss(rng) * scale;
    if (trial % 4 == 0) x[trial % 32] *= 37.0f;
    float amax = 0;
    for (float v : x) amax = std::max(amax, std::fabs(v));
    for (MxElement e : kElements)
      for (ScaleRule r : kRules) {
        const MxSpec spec{e, r, 32};
        const MxQuantized q = mx_quantize(x, spec);
        const int xe = twin_exp(amax, e, r);
        ASSERT_EQ(q.scales[0] - 127, xe) << name(e) << " " << name(r) << " amax " << amax;
        const std::vector<double> got = mx_decode(q, spec);
        for (std::size_t i = 0; i < x.size(); ++i, ++checked)
          ASSERT_EQ(got[i], twin_value(x[i], xe, e))
              << name(e) << " " << name(r) << " v " << x[i] << " scale 2^" << xe;
      }
  }
  EXPECT_EQ(checked, 400u * 32 * 6 * 4);
}

// ---- NVFP4 ----------------------------------------------------------------------------------

TEST(Nvfp4, TwoLevelScalesWorkedByHand) {
  // amax 2688 (block 2) gives the tensor scale 1; block 0 (amax 6) gets the E4M3 scale 1 (0x38)
  // and its values E2M1 codes directly; block 1 (amax 12) gets 2 (0x40); block 2 gets 448 (0x7E).
  std::vector<float> x(48, 0.0f);
  x[0] = 6.0f, x[1] = -1.5f, x[2] = 0.75f;  // 0.75 ties between 0.5 and 1: to 1 (even)
  x[16] = 12.0f, x[17] = 5.0f;              // 5 / 2 = 2.5 ties between 2 and 3: to 2
  x[47] = 2688.0f;
  const Nvfp4Quantized q = nvfp4_quantize(x, BlockScaleRounding::nearest);
  EXPECT_EQ(q.tensor_scale, 1.0f);
  ASSERT_EQ(q.scales.size(), 3u);
  EXPECT_EQ(q.scales[0], 0x38);
  EXPECT_EQ(q.scales[1], 0x40);
  EXPECT_EQ(q.scales[2], 0x7E);
  EXPECT_EQ(q.codes[0], 0x7);
  EXPECT_EQ(q.codes[1], 0xB);  // -1.5
  EXPECT_EQ(q.codes[2], 0x2);  // 1.0
  EXPECT_EQ(q.codes[16], 0x7);
  EXPECT_EQ(q.codes[17], 0x4);
  const std::vector<double> back = nvfp4_decode(q);
  EXPECT_EQ(back[47], 2688.0);
  EXPECT_EQ(back[17], 4.0);
}

TEST(Nvfp4, TheBlockScaleRoundedUpNeverLetsTheBlockMaximumClamp) {
  // Block amax 7: 7 / 6 = 1.1666... To nearest E4M3 gives 1.125 (7 / 1.125 = 6.2 clamps to 6,
  // read back 6.75); up gives 1.25 (7 / 1.25 = 5.6 -> 6, read back 7.5).
  std::vector<float> x(32, 0.0f);
  x[0] = 7.0f;
  x[31] = 2688.0f;  // the tensor scale 1
  const Nvfp4Quantized n = nvfp4_quantize(x, BlockScaleRounding::nearest);
  const Nvfp4Quantized u = nvfp4_quantize(x, BlockScaleRounding::up);
  EXPECT_EQ(n.scales[0], 0x39);
  EXPECT_EQ(u.scales[0], 0x3A);
  EXPECT_EQ(nvfp4_decode(n)[0], 6.75);
  EXPECT_EQ(nvfp4_decode(u)[0], 7.5);
}

TEST(Nvfp4, NanIsRejected) {
  const std::vector<float> x = {1.0f, NAN};
  EXPECT_THROW(nvfp4_quantize(x, BlockScaleRounding::nearest), std::domain_error);
}

// ---- NF4 ------------------------------------------------------------------------------------

TEST(Nf4, ThresholdsAreBitsandbytesConstantsAndTiesGoLow) {
  // Three of dQuantizeNF4's literal thresholds: on the threshold, the lower code; above, the upper.
  EXPECT_EQ(nf4_code(0.03979014977812767f), 7);
  EXPECT_EQ(nf4_code(std::nextafter(0.03979014977812767f, 1.0f)), 8);
  EXPECT_EQ(nf4_code(0.8614784181118011f), 14);
  EXPECT_EQ(nf4_code(std::nextafter(0.8614784181118011f, 2.0f)), 15);
  EXPECT_EQ(nf4_code(-0.8480964004993439f), 0);
  EXPECT_EQ(nf4_code(std::nextafter(-0.8480964004993439f, 0.0f)), 1);
  EXPECT_EQ(nf4_code(0.0f), 7);
  EXPECT_EQ(nf4_code(-1.0f), 0);
  EXPECT_EQ(nf4_code(1.0f), 15);
  for (int c = 0; c < 16; ++c) EXPECT_EQ(nf4_code(kNf4Table[static_cast<std::size_t>(c)]), c);
}

TEST(Nf4, EveryThresholdIsWithinOneUlpOfItsMidpoint) {
  // The code changes between two neighbouring binary32 numbers lo < hi: lo is the threshold.
  // Scanning [-1, 1] finds all 15 and compares each with the exact midpoint of the table values.
  int found = 0, off_by_one = 0;
  for (int c = 0; c < 15; ++c) {
    const double mid = (static_cast<double>(kNf4Table[c]) + kNf4Table[c + 1]) / 2;
    float t = static_cast<float>(mid);
    // Walk to the largest float giving code c: at most a few ulps from the midpoint.
    for (int i = 0; i < 4; ++i) t = std::nextafter(t, -2.0f);
    while (nf4_code(std::nextafter(t, 2.0f)) <= c) t = std::nextafter(t, 2.0f);
    ASSERT_EQ(nf4_code(t), c);
    ASSERT_EQ(nf4_code(std::nextafter(t, 2.0f)), c + 1);
    const float lo = std::nextafter(static_cast<float>(mid), -2.0f), hi = std::nextafter(static_cast<float>(mid), 2.0f);
    EXPECT_TRUE(t >= lo && t <= hi) << "threshold " << c << " " << t << " midpoint " << mid;
    ++found;
    off_by_one += t != static_cast<float>(mid);
  }
  EXPECT_EQ(found, 15);
  std::cout << off_by_one << " of 15 thresholds are not the binary32 nearest their midpoint\n";
}

TEST(Nf4, BlocksOfSixtyFourByAbsmax) {
  std::vector<float> x(128, 0.0f);
  x[0] = -4.0f, x[1] = 2.0f, x[2] = 4.0f;  // absmax 4: -1, 0.5, 1
  x[64] = 0.5f;                            // second block: absmax 0.5
  const Nf4Quantized q = nf4_quantize(x);
  ASSERT_EQ(q.absmax.size(), 2u);
  EXPECT_EQ(q.absmax[0], 4.0f);
  EXPECT_EQ(q.codes[0], 0);
  EXPECT_EQ(q.codes[1], 12);  // 0.5: 0.4407 is 0.0593 away, 0.5626 0.0626
  EXPECT_EQ(q.codes[2], 15);
  EXPECT_EQ(q.codes[3], 7);
  EXPECT_EQ(q.codes[64], 15);
  EXPECT_EQ(nf4_decode(q)[1], static_cast<double>(kNf4Table[12] * 4.0f));
}

// ---- INT4 -----------------------------------------------------------------------------------

TEST(Int4, Sym7) {
  const std::vector<float> x = {7.0f, -3.5f, 2.5f, 0.0f};
  const Int4Quantized q = int4_quantize(x, Int4Model::sym7, 4);
  EXPECT_EQ(q.scales[0], 1.0f);
  const std::vector<std::int8_t> want = {7, -4, 2, 0};  // -3.5 -> -4 and 2.5 -> 2: ties to even
  EXPECT_EQ(q.codes, want);
}

TEST(Int4, Q4_0UsesTheSignedMaximumAndRoundsTiesUp) {
  // m = -8 (largest magnitude, negative): d = 1, id = 1. 2.5 + 8.5 = 11 -> 11 - 8 = 3 (tie up);
  // -2.5 + 8.5 = 6 -> -2 (tie up); 8 would be 16 -> 15 -> 7.
  const std::vector<float> x = {-8.0f, 2.5f, -2.5f, 7.9f};
  const Int4Quantized q = int4_quantize(x, Int4Model::q4_0, 4);
  EXPECT_EQ(q.scales[0], 1.0f);
  const std::vector<std::int8_t> want = {-8, 3, -2, 7};
  EXPECT_EQ(q.codes, want);
  // A positive maximum gives a negative d: 8 -> -8 exactly.
  const std::vector<float> y = {8.0f, -1.0f};
  const Int4Quantized p = int4_quantize(y, Int4Model::q4_0, 2);
  EXPECT_EQ(p.scales[0], -1.0f);
  EXPECT_EQ(p.codes[0], -8);
  EXPECT_EQ(int4_decode(p, 2)[0], 8.0);
  // The stored scale is binary16: 0.1 / -8 = -0.0125 reads back as -0.012496948...
  const std::vector<float> z = {0.1f};
  EXPECT_EQ(int4_quantize(z, Int4Model::q4_0, 1).scales[0], -0.01249694824f);
}

TEST(Int4, AsymHasAZeroPoint) {
  const std::vector<float> x = {-1.0f, 2.0f, 0.0f, 0.5f};
  const Int4Quantized q = int4_quantize(x, Int4Model::asym, 4);
  EXPECT_EQ(q.scales[0], 0.2f);          // fl(3 / 15)
  EXPECT_EQ(q.zero_points[0], 5);        // -rne(-1 / 0.2) = 5
  const std::vector<std::int8_t> want = {0, 15, 5, 7};  // 0.5 / 0.2 = 2.5 -> 2, + 5
  EXPECT_EQ(q.codes, want);
  EXPECT_EQ(int4_decode(q, 4)[2], 0.0);
}

// ---- Packing --------------------------------------------------------------------------------

TEST(Packing, NibbleOrders) {
  const std::vector<std::uint8_t> codes = {1, 2, 3, 4, 5};
  EXPECT_EQ(pack_bytes(codes, NibbleOrder::low_first), (std::vector<std::uint8_t>{0x21, 0x43, 0x05}));
  EXPECT_EQ(pack_bytes(codes, NibbleOrder::high_first), (std::vector<std::uint8_t>{0x12, 0x34, 0x50}));
  EXPECT_EQ(unpack_bytes(pack_bytes(codes, NibbleOrder::high_first), 5, NibbleOrder::high_first), codes);
  std::vector<std::uint8_t> block(32);
  for (std::size_t j = 0; j < 32; ++j) block[j] = static_cast<std::uint8_t>(j < 16 ? j : 15 - (j - 16));
  const std::vector<std::uint8_t> split = pack_bytes(block, NibbleOrder::split_halves);
  ASSERT_EQ(split.size(), 16u);
  EXPECT_EQ(split[0], 0xF0);  // element 0 low, element 16 high
  EXPECT_EQ(split[15], 0x0F);
  EXPECT_EQ(unpack_bytes(split, 32, NibbleOrder::split_halves), block);
  EXPECT_THROW(pack_bytes(codes, NibbleOrder::split_halves), std::invalid_argument);
}

TEST(Packing, Int32WordOrders) {
  const std::vector<std::uint8_t> seq = {1, 2, 3, 4, 5, 6, 7, 8};
  EXPECT_EQ(pack_words(seq, WordOrder::sequential), (std::vector<std::uint32_t>{0x87654321u}));
  const std::vector<std::uint8_t> ids = {0, 1, 2, 3, 4, 5, 6, 7};
  EXPECT_EQ(pack_words(ids, WordOrder::awq), (std::vector<std::uint32_t>{0x75316420u}));
  EXPECT_EQ(unpack_words(pack_words(seq, WordOrder::awq), 8, WordOrder::awq), seq);
  EXPECT_THROW(unpack_words(pack_words(seq, WordOrder::awq), 9, WordOrder::awq), std::invalid_argument);
}

}  // namespace
}  // namespace fpconform::oracle::blocks
