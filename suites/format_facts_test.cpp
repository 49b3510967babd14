// fpconform formats' numbers: each computed from the format's description, checked against the
// values the standards print and, by a second route, against the oracle's decoding of the same
// bit patterns (widened to binary32, exact for every format here but binary64, which is read as
// the host's double).
#include <cstring>

#include <gtest/gtest.h>

#include "oracles/blocks/e8m0.hpp"
#include "oracles/format_facts.hpp"
#include "oracles/softfloat/oracle.hpp"

namespace fpconform {
namespace {

double widened(const Format& f, std::uint64_t bits) {
  if (f.specials == Specials::e8m0) return oracle::blocks::e8m0_to_f32(static_cast<std::uint8_t>(bits));
  if (f.width() == 64) {
    double d;
    std::memcpy(&d, &bits, 8);
    return d;
  }
  const std::uint32_t w = oracle::convert(f, kBinary32, bits, Rounding::rne).bits;
  float v;
  std::memcpy(&v, &w, 4);
  return v;
}

TEST(FormatFacts, AgreeWithTheOraclesDecoding) {
  for (const Format* f : kFormats) {
    const oracle::FormatFacts x = oracle::format_facts(*f);
    EXPECT_EQ(widened(*f, x.max_finite_bits), x.max_finite) << f->name;
    EXPECT_EQ(widened(*f, x.min_normal_bits), x.min_normal) << f->name;
    if (x.has_subnormals) EXPECT_EQ(widened(*f, x.min_subnormal_bits), x.min_subnormal) << f->name;
    // epsilon: the gap above 1 (1 + 2^-p+1 is the next value)
    const std::uint64_t one = static_cast<std::uint64_t>(f->bias) << f->frac_bits << f->shift;
    EXPECT_EQ(widened(*f, one + (std::uint64_t{1} << f->shift)) - widened(*f, one), x.epsilon) << f->name;
  }
}

TEST(FormatFacts, TheNumbersTheStandardsPrint) {
  EXPECT_EQ(oracle::format_facts(kE8m0).max_finite, 0x1p127);                      // OCP MX v1.0 5.4.1
  EXPECT_EQ(oracle::format_facts(kE8m0).min_normal, 0x1p-127);
  EXPECT_FALSE(oracle::format_facts(kE8m0).has_subnormals);
  EXPECT_EQ(kE8m0.width(), 8);
  EXPECT_EQ(oracle::format_facts(kBinary64).max_finite, 0x1.fffffffffffffp1023);   // IEEE 754 binary64
  EXPECT_EQ(oracle::format_facts(kBinary64).min_subnormal, 0x1p-1074);
  EXPECT_EQ(oracle::format_facts(kBinary64).max_finite_bits, 0x7FEFFFFFFFFFFFFFu);
  EXPECT_EQ(oracle::format_facts(kBinary16).max_finite, 65504.0);                  // IEEE 754 binary16
  EXPECT_EQ(oracle::format_facts(kBinary16).min_subnormal, 0x1p-24);
  EXPECT_EQ(oracle::format_facts(kBfloat16).max_finite, 0x1.fep127);               // 3.3895314e38
  EXPECT_EQ(oracle::format_facts(kE4m3fn).max_finite, 448.0);                      // OCP OFP8
  EXPECT_EQ(oracle::format_facts(kE4m3fn).min_subnormal, 0x1p-9);
  EXPECT_EQ(oracle::format_facts(kE5m2).max_finite, 57344.0);
  EXPECT_EQ(oracle::format_facts(kE5m2).min_subnormal, 0x1p-16);
  EXPECT_EQ(oracle::format_facts(kTf32).epsilon, 0x1p-10);
  EXPECT_EQ(oracle::format_facts(kBinary32).max_finite_bits, 0x7F7FFFFFu);
  EXPECT_EQ(oracle::format_facts(kE4m3fn).max_finite_bits, 0x7Eu);  // S.1111.110: 1111.111 is NaN
}

}  // namespace
}  // namespace fpconform
