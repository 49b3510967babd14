#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <set>
#include <stdexcept>
#include <string>

#include "vectors/int8_inputs.hpp"

namespace fpconform {
namespace {

// A's bytes read as the type they hold.
std::int32_t a_value(const GemmOperands& o, std::size_t i, IntType t) {
  return t == IntType::s8 ? std::int32_t{static_cast<std::int8_t>(o.a[i])} : std::int32_t{o.a[i]};
}

std::pair<std::int32_t, std::int32_t> a_min_max(const GemmOperands& o, IntType t) {
  std::int32_t lo = 1000, hi = -1000;
  for (std::size_t i = 0; i < o.a.size(); ++i) {
    lo = std::min(lo, a_value(o, i, t));
    hi = std::max(hi, a_value(o, i, t));
  }
  return {lo, hi};
}

std::string shape_error(std::string_view s) {
  try {
    parse_shape(s);
  } catch (const std::invalid_argument& e) {
    return e.what();
  }
  return "(accepted)";
}

constexpr GemmShape k64{.m = 64, .n = 64, .k = 64};

TEST(Int8Pattern, NamesRoundTrip) {
  for (Pattern p : {Pattern::full_range, Pattern::small, Pattern::corner_max, Pattern::corner_min,
                    Pattern::alternating})
    EXPECT_EQ(parse_pattern(name(p)), p);
  for (Dist d : {Dist::gaussian, Dist::uniform, Dist::outliers}) EXPECT_EQ(parse_dist(name(d)), d);
  EXPECT_FALSE(parse_pattern("corner").has_value());
  EXPECT_FALSE(parse_dist("normal").has_value());
}

TEST(Int8Pattern, CornersAreWhatTheySay) {
  const GemmShape s{.m = 3, .n = 5, .k = 7};
  const auto s8_max = gemm_operands(Pattern::corner_max, s, IntType::s8, 1);
  EXPECT_EQ(a_min_max(s8_max, IntType::s8), std::make_pair(127, 127));
  const auto u8_max = gemm_operands(Pattern::corner_max, s, IntType::u8, 1);
  EXPECT_EQ(a_min_max(u8_max, IntType::u8), std::make_pair(255, 255));
  const auto s8_min = gemm_operands(Pattern::corner_min, s, IntType::s8, 1);
  EXPECT_EQ(a_min_max(s8_min, IntType::s8), std::make_pair(-128, -128));
  const auto u8_min = gemm_operands(Pattern::corner_min, s, IntType::u8, 1);
  EXPECT_EQ(a_min_max(u8_min, IntType::u8), std::make_pair(255, 255));
  for (const auto* o : {&s8_max, &u8_max, &s8_min, &u8_min}) {
    EXPECT_EQ(o->a.size(), 21u);
    EXPECT_EQ(o->b.size(), 35u);
  }
  EXPECT_TRUE(std::all_of(s8_max.b.begin(), s8_max.b.end(), [](auto v) { return v == 127; }));
  EXPECT_TRUE(std::all_of(u8_max.b.begin(), u8_max.b.end(), [](auto v) { return v == 127; }));
  EXPECT_TRUE(std::all_of(s8_min.b.begin(), s8_min.b.end(), [](auto v) { return v == -128; }));
  EXPECT_TRUE(std::all_of(u8_min.b.begin(), u8_min.b.end(), [](auto v) { return v == -128; }));
}

TEST(Int8Pattern, FullRangeReachesBothExtremes) {
  for (IntType t : {IntType::s8, IntType::u8}) {
    const auto o = gemm_operands(Pattern::full_range, k64, t, 3);
    EXPECT_EQ(a_min_max(o, t), std::make_pair(range(t).min, range(t).max)) << name(t);
    EXPECT_EQ(*std::min_element(o.b.begin(), o.b.end()), -128);
    EXPECT_EQ(*std::max_element(o.b.begin(), o.b.end()), 127);
  }
}

TEST(Int8Pattern, SmallStaysWithinEight) {
  for (IntType t : {IntType::s8, IntType::u8}) {
    const auto o = gemm_operands(Pattern::small, k64, t, 3);
    const auto [lo, hi] = a_min_max(o, t);
    EXPECT_EQ(lo, t == IntType::s8 ? -8 : 0) << name(t);
    EXPECT_EQ(hi, 8) << name(t);
    EXPECT_EQ(*std::min_element(o.b.begin(), o.b.end()), -8);
    EXPECT_EQ(*std::max_element(o.b.begin(), o.b.end()), 8);
  }
}

TEST(Int8Pattern, AlternatingSaturatesPairSumsBothWays) {
  // u8 A: pair sums a[2p] b[2p] + a[2p+1] b[2p+1] reach 2·255·127 and 2·255·(-128), both outside
  // int16, on different output elements.
  const auto o = gemm_operands(Pattern::alternating, k64, IntType::u8, 0);
  std::set<std::int32_t> pair_sums;
  for (int i = 0; i < 2; ++i)
    for (int j = 0; j < 2; ++j)
      for (int p = 0; p < 64; p += 2) {
        std::int32_t sum = 0;
        for (int q = p; q < p + 2; ++q) sum += o.a[i * 64 + q] * o.b[q * 64 + j];
        pair_sums.insert(sum);
      }
  EXPECT_TRUE(pair_sums.contains(2 * 255 * 127));
  EXPECT_TRUE(pair_sums.contains(2 * 255 * -128));
  // s8 A: (-128)·(-128) pairs, 32768, one past int16.
  const auto s = gemm_operands(Pattern::alternating, k64, IntType::s8, 0);
  EXPECT_EQ(a_value(s, 2, IntType::s8) * s.b[2 * 64] + a_value(s, 3, IntType::s8) * s.b[3 * 64],
            32768);
}

TEST(Int8Pattern, RandomPatternsAreDeterministicInTheSeed) {
  for (Pattern p : {Pattern::full_range, Pattern::small}) {
    const auto a = gemm_operands(p, k64, IntType::u8, 11);
    const auto b = gemm_operands(p, k64, IntType::u8, 11);
    const auto c = gemm_operands(p, k64, IntType::u8, 12);
    EXPECT_EQ(a.a, b.a);
    EXPECT_EQ(a.b, b.b);
    EXPECT_NE(a.a, c.a);
    EXPECT_NE(a.b, c.b);
  }
}

TEST(Int8FloatMatrix, IsDeterministicInTheSeed) {
  for (Dist d : {Dist::gaussian, Dist::uniform, Dist::outliers}) {
    EXPECT_EQ(float_matrix(d, 17, 33, 5), float_matrix(d, 17, 33, 5)) << name(d);
    EXPECT_NE(float_matrix(d, 17, 33, 5), float_matrix(d, 17, 33, 6)) << name(d);
    EXPECT_EQ(float_matrix(d, 17, 33, 5).size(), 17u * 33u);
  }
}

TEST(Int8FloatMatrix, HasTheMomentsOfItsDistribution) {
  // 256·256 samples: the standard error of the mean is 1/256, of the variance about sqrt(2)/256
  // (gaussian); 0.02 is over 3 standard errors for both.
  const auto moments = [](const std::vector<float>& x) {
    double s = 0, s2 = 0;
    for (float v : x) s += v, s2 += double{v} * v;
    const double mean = s / static_cast<double>(x.size());
    return std::make_pair(mean, s2 / static_cast<double>(x.size()) - mean * mean);
  };
  const auto [gm, gv] = moments(float_matrix(Dist::gaussian, 256, 256, 1));
  EXPECT_NEAR(gm, 0.0, 0.02);
  EXPECT_NEAR(gv, 1.0, 0.02);
  const auto u = float_matrix(Dist::uniform, 256, 256, 1);
  const auto [um, uv] = moments(u);
  EXPECT_NEAR(um, 0.0, 0.02);
  EXPECT_NEAR(uv, 1.0 / 3.0, 0.02);
  EXPECT_LE(*std::max_element(u.begin(), u.end()), 1.0f);
  EXPECT_GE(*std::min_element(u.begin(), u.end()), -1.0f);
}

TEST(Int8FloatMatrix, OutliersScaleOnePercentOfColumnsByFifty) {
  // Same seed: the gaussian draw is shared, so a column is an outlier exactly when it is 50x.
  const int rows = 8, cols = 300;
  const auto g = float_matrix(Dist::gaussian, rows, cols, 9);
  const auto o = float_matrix(Dist::outliers, rows, cols, 9);
  int scaled = 0;
  for (int c = 0; c < cols; ++c) {
    bool all = true, none = true;
    for (int r = 0; r < rows; ++r) {
      const auto i = static_cast<std::size_t>(r * cols + c);
      all = all && o[i] == g[i] * 50.0f;
      none = none && o[i] == g[i];
    }
    EXPECT_TRUE(all != none) << "column " << c << " is partly scaled";
    scaled += all;
  }
  EXPECT_EQ(scaled, 3);
  // At least one column, even when 1% rounds to none.
  const auto g1 = float_matrix(Dist::gaussian, 4, 10, 2);
  const auto o1 = float_matrix(Dist::outliers, 4, 10, 2);
  EXPECT_NE(g1, o1);
}

TEST(Int8Shape, ParsesAndFormats) {
  EXPECT_EQ(parse_shape("1024x512:512x64"), (GemmShape{.m = 1024, .n = 64, .k = 512}));
  EXPECT_EQ(parse_shape("1x1:1x1"), (GemmShape{.m = 1, .n = 1, .k = 1}));
  EXPECT_EQ(parse_shape("65536x1:1x7"), (GemmShape{.m = 65536, .n = 7, .k = 1}));
  EXPECT_EQ(format_shape(GemmShape{.m = 3, .n = 17, .k = 255}), "3x255:255x17");
  for (const auto& s : ragged_shapes()) EXPECT_EQ(parse_shape(format_shape(s)), s);
}

TEST(Int8Shape, RefusesWithAMessageNamingTheField) {
  EXPECT_EQ(shape_error("1024x1024:512x64"),
            "shape '1024x1024:512x64': the two K differ (1024 vs 512)");
  EXPECT_EQ(shape_error("axb:1x1"), "shape 'axb:1x1': M is not a positive integer ('a')");
  EXPECT_EQ(shape_error("4xb:1x1"), "shape '4xb:1x1': K is not a positive integer ('b')");
  EXPECT_EQ(shape_error("4x4:4x0"), "shape '4x4:4x0': N is not a positive integer ('0')");
  EXPECT_EQ(shape_error("4x4:4x-3"), "shape '4x4:4x-3': N is not a positive integer ('-3')");
  EXPECT_EQ(shape_error("65537x4:4x4"), "shape '65537x4:4x4': M is 65537, above the limit 65536");
  EXPECT_EQ(shape_error("64x64x64"),
            "shape '64x64x64': MxNxK is not accepted; expected MxK:KxN (e.g. 64x32:32x16)");
  EXPECT_EQ(shape_error("64"), "shape '64': expected MxK:KxN (e.g. 64x32:32x16)");
  for (const char* s : {"", ":", "4x4:", "4x4:4", "x4:4x4", "4x4:4x4:4x4", "4x4 :4x4",
                        "99999999999999999999x1:1x1"})
    EXPECT_NE(shape_error(s), "(accepted)") << s;
}

TEST(Int8Shape, RaggedShapesCoverEverySizeInEveryDimension) {
  const auto shapes = ragged_shapes();
  for (int size : {1, 3, 17, 255, 1023}) {
    const auto has = [&](auto dim) {
      return std::any_of(shapes.begin(), shapes.end(), [&](const GemmShape& s) {
        return dim(s) == size;
      });
    };
    EXPECT_TRUE(has([](const GemmShape& s) { return s.m; })) << "M " << size;
    EXPECT_TRUE(has([](const GemmShape& s) { return s.n; })) << "N " << size;
    EXPECT_TRUE(has([](const GemmShape& s) { return s.k; })) << "K " << size;
  }
  for (const auto& s : shapes)
    EXPECT_LE(std::int64_t{s.m} * s.n * s.k, std::int64_t{1023} * 255 * 17) << format_shape(s);
}

}  // namespace
}  // namespace fpconform
