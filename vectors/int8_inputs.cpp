#include "vectors/int8_inputs.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <numbers>
#include <random>
#include <stdexcept>

namespace fpconform {
namespace {

// std::normal_distribution and std::uniform_real_distribution are implementation-defined, so the
// same seed would give other data under libc++ or MSVC; these use mt19937_64's bits directly.
double unit_open_closed(std::mt19937_64& g) {  // (0, 1]
  return static_cast<double>((g() >> 11) + 1) * 0x1p-53;
}

double uniform_pm1(std::mt19937_64& g) {  // [-1, 1)
  return static_cast<double>(g() >> 11) * 0x1p-52 - 1.0;
}

// Box-Muller: two independent N(0,1) per two uniforms.
void fill_gaussian(std::vector<float>& x, std::mt19937_64& g) {
  for (std::size_t i = 0; i < x.size(); i += 2) {
    const double r = std::sqrt(-2.0 * std::log(unit_open_closed(g)));
    const double t = 2.0 * std::numbers::pi * unit_open_closed(g);
    x[i] = static_cast<float>(r * std::cos(t));
    if (i + 1 < x.size()) x[i + 1] = static_cast<float>(r * std::sin(t));
  }
}

// 1% of the columns (at least one), picked by the generator, scaled by 50.
void scale_outlier_columns(std::vector<float>& x, int rows, int cols, std::mt19937_64& g) {
  std::vector<int> order(static_cast<std::size_t>(cols));
  for (int c = 0; c < cols; ++c) order[static_cast<std::size_t>(c)] = c;
  const int count = std::max(1, cols / 100);
  for (int i = 0; i < count; ++i) {  // a partial Fisher-Yates shuffle
    const auto j = i + static_cast<int>(g() % static_cast<std::uint64_t>(cols - i));
    std::swap(order[static_cast<std::size_t>(i)], order[static_cast<std::size_t>(j)]);
    const int c = order[static_cast<std::size_t>(i)];
    for (int r = 0; r < rows; ++r) x[static_cast<std::size_t>(r) * cols + c] *= 50.0f;
  }
}

std::int32_t type_max(IntType t) { return range(t).max; }
std::int32_t type_min(IntType t) { return range(t).min; }

[[noreturn]] void bad_shape(std::string_view s, const std::string& why) {
  throw std::invalid_argument("shape '" + std::string(s) + "': " + why);
}

constexpr int max_dimension = 65536;

int parse_dimension(std::string_view shape, std::string_view field, std::string_view text) {
  long long v = 0;
  const auto r = std::from_chars(text.data(), text.data() + text.size(), v);
  if (text.empty() || r.ec != std::errc{} || r.ptr != text.data() + text.size() || v < 1) {
    if (r.ec == std::errc::result_out_of_range)
      bad_shape(shape, std::string(field) + " is out of range 1.." + std::to_string(max_dimension));
    bad_shape(shape, std::string(field) + " is not a positive integer ('" + std::string(text) +
                         "')");
  }
  if (v > max_dimension)
    bad_shape(shape, std::string(field) + " is " + std::to_string(v) + ", above the limit " +
                         std::to_string(max_dimension));
  return static_cast<int>(v);
}

// "RxC" -> (R, C), naming the fields rows_field and cols_field in errors.
std::pair<int, int> parse_pair(std::string_view shape, std::string_view part,
                               std::string_view rows_field, std::string_view cols_field) {
  const std::size_t x = part.find('x');
  if (x == std::string_view::npos)
    bad_shape(shape, "'" + std::string(part) + "' is not " + std::string(rows_field) + "x" +
                         std::string(cols_field) + " (expected MxK:KxN, e.g. 64x32:32x16)");
  return {parse_dimension(shape, rows_field, part.substr(0, x)),
          parse_dimension(shape, cols_field, part.substr(x + 1))};
}

}  // namespace

std::string_view name(Dist d) {
  switch (d) {
    case Dist::gaussian: return "gaussian";
    case Dist::uniform: return "uniform";
    case Dist::outliers: return "outliers";
  }
  return "?";
}

std::optional<Dist> parse_dist(std::string_view s) {
  for (Dist d : {Dist::gaussian, Dist::uniform, Dist::outliers})
    if (s == name(d)) return d;
  return std::nullopt;
}

std::vector<float> float_matrix(Dist d, int rows, int cols, std::uint64_t seed) {
  std::mt19937_64 g(seed);
  std::vector<float> x(static_cast<std::size_t>(rows) * static_cast<std::size_t>(cols));
  switch (d) {
    case Dist::uniform:
      for (float& v : x) v = static_cast<float>(uniform_pm1(g));
      break;
    case Dist::gaussian:
      fill_gaussian(x, g);
      break;
    case Dist::outliers:
      fill_gaussian(x, g);
      if (rows > 0 && cols > 0) scale_outlier_columns(x, rows, cols, g);
      break;
  }
  return x;
}

std::string_view name(Pattern p) {
  switch (p) {
    case Pattern::full_range: return "full-range";
    case Pattern::small: return "small";
    case Pattern::corner_max: return "corner-max";
    case Pattern::corner_min: return "corner-min";
    case Pattern::alternating: return "alternating";
  }
  return "?";
}

std::optional<Pattern> parse_pattern(std::string_view s) {
  for (Pattern p : {Pattern::full_range, Pattern::small, Pattern::corner_max, Pattern::corner_min,
                    Pattern::alternating})
    if (s == name(p)) return p;
  return std::nullopt;
}

GemmOperands gemm_operands(Pattern p, GemmShape s, IntType a_type, std::uint64_t seed) {
  const auto mk = static_cast<std::size_t>(s.m) * static_cast<std::size_t>(s.k);
  const auto kn = static_cast<std::size_t>(s.k) * static_cast<std::size_t>(s.n);
  GemmOperands o{std::vector<std::uint8_t>(mk), std::vector<std::int8_t>(kn)};
  // A's bytes hold an int8_t or a uint8_t; both are stored through their two's-complement byte.
  const auto a_byte = [](std::int32_t v) { return static_cast<std::uint8_t>(v & 0xFF); };
  std::mt19937_64 g(seed);
  switch (p) {
    case Pattern::full_range:
      // Every byte value is equally likely, which is uniform over both s8 and u8.
      for (auto& v : o.a) v = static_cast<std::uint8_t>(g() >> 56);
      for (auto& v : o.b) v = static_cast<std::int8_t>(g() >> 56);
      break;
    case Pattern::small: {
      const std::int32_t a_lo = a_type == IntType::u8 ? 0 : -8;
      for (auto& v : o.a) v = a_byte(a_lo + static_cast<std::int32_t>(g() % (9 - a_lo)));
      for (auto& v : o.b) v = static_cast<std::int8_t>(-8 + static_cast<std::int32_t>(g() % 17));
      break;
    }
    case Pattern::corner_max:
      std::fill(o.a.begin(), o.a.end(), a_byte(type_max(a_type)));
      std::fill(o.b.begin(), o.b.end(), std::int8_t{127});
      break;
    case Pattern::corner_min:
      std::fill(o.a.begin(), o.a.end(), a_byte(a_type == IntType::u8 ? 255 : -128));
      std::fill(o.b.begin(), o.b.end(), std::int8_t{-128});
      break;
    case Pattern::alternating:
      // In pairs along K (p/2), shifted by one pair per row of A and per column of B: where
      // i + j is even the pairs agree (max·127 or min·-128), where odd they disagree, so both
      // signs of int16 pair-sum saturation show (u8: 2·255·127, 2·255·-128; s8: 2·(-128)²).
      for (int i = 0; i < s.m; ++i)
        for (int k = 0; k < s.k; ++k)
          o.a[static_cast<std::size_t>(i) * s.k + k] =
              a_byte((k / 2 + i) % 2 == 0 ? type_max(a_type) : type_min(a_type));
      for (int k = 0; k < s.k; ++k)
        for (int j = 0; j < s.n; ++j)
          o.b[static_cast<std::size_t>(k) * s.n + j] =
              static_cast<std::int8_t>((k / 2 + j) % 2 == 0 ? 127 : -128);
      break;
  }
  return o;
}

GemmShape parse_shape(std::string_view s) {
  const std::size_t colon = s.find(':');
  if (colon == std::string_view::npos) {
    if (std::count(s.begin(), s.end(), 'x') == 2)
      bad_shape(s, "MxNxK is not accepted; expected MxK:KxN (e.g. 64x32:32x16)");
    bad_shape(s, "expected MxK:KxN (e.g. 64x32:32x16)");
  }
  const auto [m, k1] = parse_pair(s, s.substr(0, colon), "M", "K");
  const auto [k2, n] = parse_pair(s, s.substr(colon + 1), "K", "N");
  if (k1 != k2)
    bad_shape(s, "the two K differ (" + std::to_string(k1) + " vs " + std::to_string(k2) + ")");
  return GemmShape{.m = m, .n = n, .k = k1};
}

std::vector<GemmShape> ragged_shapes() {
  // {m, n, k}: each of 1, 3, 17, 255, 1023 in every dimension; at most 1023·255·17 multiply-adds
  // so the exact int64 reference stays fast.
  return {
      {.m = 1, .n = 1, .k = 1},       {.m = 3, .n = 17, .k = 255},   {.m = 17, .n = 255, .k = 3},
      {.m = 255, .n = 3, .k = 17},    {.m = 1023, .n = 17, .k = 3},  {.m = 3, .n = 1023, .k = 17},
      {.m = 17, .n = 3, .k = 1023},   {.m = 255, .n = 255, .k = 17}, {.m = 1023, .n = 255, .k = 17},
  };
}

}  // namespace fpconform
