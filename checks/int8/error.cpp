#include "checks/int8/error.hpp"

#include <algorithm>
#include <bit>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>

#include "checks/int8/format_schemes.hpp"
#include "oracles/int8/quantize.hpp"
#include "oracles/softfloat/oracle.hpp"

#ifdef _OPENMP
#define FPCONFORM_OMP_FOR _Pragma("omp parallel for schedule(static)")
#else
#define FPCONFORM_OMP_FOR
#endif

namespace fpconform {
namespace {

std::size_t elements(int rows, int cols) {
  return static_cast<std::size_t>(rows) * static_cast<std::size_t>(cols);
}

void check_sizes(GemmShape s, std::size_t a, std::size_t b) {
  if (a != elements(s.m, s.k) || b != elements(s.k, s.n))
    throw std::invalid_argument("gemm: operand sizes do not match " + format_shape(s));
}

// The operands as an int GEMM sees them: bytes, one scale for A, a scale per column of B (all
// equal for per-tensor) and A's zero point.
struct Quantized {
  IntType a_type = IntType::s8;
  std::vector<std::uint8_t> a;
  std::vector<std::int8_t> b;
  float a_scale = 1;
  std::int32_t a_zero_point = 0;
  std::vector<float> b_scales;
};

float max_abs(std::span<const float> x) {
  float m = 0;
  for (float v : x) m = std::max(m, std::fabs(v));
  return m;
}

void quantize_a(std::span<const float> a, Scheme s, Quantized& q) {
  oracle::QuantParams p;
  if (s == Scheme::asymmetric) {
    q.a_type = IntType::u8;
    const auto [lo, hi] = std::minmax_element(a.begin(), a.end());
    p = a.empty() ? oracle::QuantParams{} : oracle::choose_min_max(*lo, *hi, IntType::u8);
  } else {
    p = oracle::choose_symmetric(max_abs(a), IntType::s8);
  }
  q.a_scale = p.scale;
  q.a_zero_point = p.zero_point;
  q.a.resize(a.size());
  const QuantSpec spec{.type = q.a_type, .rounding = QRounding::rne,
                       .scales = std::span(&q.a_scale, 1),
                       .zero_points = std::span(&q.a_zero_point, 1)};
  oracle::quantize(a, q.a.data(), spec);
}

void quantize_b(std::span<const float> b, GemmShape shape, Scheme s, Quantized& q) {
  const auto n = static_cast<std::size_t>(shape.n);
  std::vector<float> amax(n, 0.0f);
  for (std::size_t i = 0; i < b.size(); ++i) amax[i % n] = std::max(amax[i % n], std::fabs(b[i]));
  if (s == Scheme::per_tensor) std::fill(amax.begin(), amax.end(), max_abs(b));
  q.b_scales.resize(n);
  for (std::size_t j = 0; j < n; ++j)
    q.b_scales[j] = oracle::choose_symmetric(amax[j], IntType::s8).scale;
  const std::vector<std::int32_t> zero_points(n, 0);
  q.b.resize(b.size());
  // Row-major K x N with n scales: channel i % n is column j (QuantSpec).
  const QuantSpec spec{.type = IntType::s8, .rounding = QRounding::rne, .scales = q.b_scales,
                       .zero_points = zero_points};
  oracle::quantize(b, q.b.data(), spec);
}

std::vector<double> quantized_product(GemmShape shape, Scheme s, std::span<const float> a,
                                      std::span<const float> b, const Int8Backend& gemm) {
  Quantized q;
  quantize_a(a, s, q);
  quantize_b(b, shape, s, q);
  if (!gemm.multiplies(q.a_type))
    throw std::invalid_argument("end to end " + std::string(name(s)) + ": " +
                                std::string(gemm.name()) + " has no " +
                                std::string(name(q.a_type)) + " x s8 GEMM");
  std::vector<std::int32_t> acc(elements(shape.m, shape.n));
  gemm.prepare(shape, q.a_type, q.b.data())->run(q.a.data(), acc.data(), 2);

  // acc - z_a colsum(B) = sum_p (a_p - z_a) b_p, exact in int64.
  std::vector<std::int64_t> colsum(static_cast<std::size_t>(shape.n), 0);
  for (std::size_t i = 0; i < q.b.size(); ++i) colsum[i % colsum.size()] += q.b[i];
  std::vector<double> out(acc.size());
  for (int i = 0; i < shape.m; ++i)
    for (int j = 0; j < shape.n; ++j) {
      const auto e = static_cast<std::size_t>(i) * shape.n + j;
      const std::int64_t centred = acc[e] - std::int64_t{q.a_zero_point} * colsum[j];
      const float scale = q.a_scale * q.b_scales[static_cast<std::size_t>(j)];
      out[e] = scale * static_cast<float>(centred);
    }
  return out;
}

float round_trip(float x, Scheme s) {
  const auto bits = std::bit_cast<std::uint32_t>(x);
  const std::uint32_t back =
      s == Scheme::fp16
          ? oracle::f16_to_f32(static_cast<std::uint16_t>(oracle::f32_to_f16(bits, Rounding::rne).bits)).bits
          : oracle::bf16_to_f32(static_cast<std::uint16_t>(oracle::f32_to_bf16(bits, Rounding::rne).bits)).bits;
  return std::bit_cast<float>(back);
}

std::vector<float> transpose(std::span<const float> x, int rows, int cols) {
  std::vector<float> t(x.size());
  for (std::size_t i = 0; i < static_cast<std::size_t>(rows); ++i)
    for (std::size_t j = 0; j < static_cast<std::size_t>(cols); ++j)
      t[j * static_cast<std::size_t>(rows) + i] = x[i * static_cast<std::size_t>(cols) + j];
  return t;
}

// A's blocks run along its rows (K), B's along its columns (K too): B is blocked transposed.
std::vector<double> narrow_float_product(GemmShape shape, Scheme s, std::vector<float> a,
                                         std::vector<float> b) {
  if (is_format_scheme(s)) {
    a = quantize_dequantize(s, a, shape.m, shape.k);
    b = transpose(quantize_dequantize(s, transpose(b, shape.k, shape.n), shape.n, shape.k),
                  shape.n, shape.k);
  } else {
    for (float& v : a) v = round_trip(v, s);
    for (float& v : b) v = round_trip(v, s);
  }
  const std::vector<float> c = gemm_f32(shape, a, b);
  return {c.begin(), c.end()};
}

}  // namespace

std::string_view name(Scheme s) {
  switch (s) {
    case Scheme::per_tensor: return "per-tensor";
    case Scheme::per_channel: return "per-channel";
    case Scheme::asymmetric: return "asymmetric";
    case Scheme::fp16: return "fp16";
    case Scheme::bf16: return "bf16";
    case Scheme::fp8_e4m3: return "fp8-e4m3";
    case Scheme::fp8_e5m2: return "fp8-e5m2";
    case Scheme::mxfp8_e4m3: return "mxfp8-e4m3";
    case Scheme::mxfp8_e5m2: return "mxfp8-e5m2";
    case Scheme::mxfp6_e3m2: return "mxfp6-e3m2";
    case Scheme::mxfp6_e2m3: return "mxfp6-e2m3";
    case Scheme::mxfp4: return "mxfp4";
    case Scheme::mxint8: return "mxint8";
    case Scheme::mxfp8_e4m3_rceil: return "mxfp8-e4m3-rceil";
    case Scheme::mxfp4_rceil: return "mxfp4-rceil";
    case Scheme::mxfp4_even: return "mxfp4-even";
    case Scheme::nvfp4: return "nvfp4";
    case Scheme::nf4: return "nf4";
    case Scheme::int4: return "int4";
    case Scheme::int4_asym: return "int4-asym";
    case Scheme::q4_0: return "q4_0";
  }
  return "?";
}

std::optional<Scheme> parse_scheme(std::string_view s) {
  for (Scheme v : kSchemes)
    if (s == name(v)) return v;
  return std::nullopt;
}

bool uses_int_gemm(Scheme s) {
  return s == Scheme::per_tensor || s == Scheme::per_channel || s == Scheme::asymmetric;
}

ErrorMetrics error_metrics(std::span<const double> ref, std::span<const double> got) {
  if (ref.size() != got.size())
    throw std::invalid_argument("error_metrics: " + std::to_string(got.size()) + " values against " +
                                std::to_string(ref.size()) + " references");
  double signal = 0, noise = 0, dot = 0, got2 = 0;
  ErrorMetrics m;
  for (std::size_t i = 0; i < ref.size(); ++i) {
    const double e = got[i] - ref[i];
    signal += ref[i] * ref[i];
    noise += e * e;
    dot += got[i] * ref[i];
    got2 += got[i] * got[i];
    m.max_abs = std::max(m.max_abs, std::fabs(e));
  }
  constexpr double inf = std::numeric_limits<double>::infinity();
  if (noise == 0) {
    m.sqnr_db = inf;
    m.rel_frobenius = 0;
  } else {
    m.sqnr_db = signal == 0 ? -inf : 10.0 * std::log10(signal / noise);
    m.rel_frobenius = signal == 0 ? inf : std::sqrt(noise / signal);
  }
  if (signal == 0 || got2 == 0)
    m.cosine = signal == got2 ? 1.0 : 0.0;
  else
    m.cosine = dot / (std::sqrt(signal) * std::sqrt(got2));
  return m;
}

std::vector<double> gemm_f64(GemmShape s, std::span<const float> a, std::span<const float> b) {
  check_sizes(s, a.size(), b.size());
  std::vector<double> c(elements(s.m, s.n), 0.0);
  const std::size_t n = static_cast<std::size_t>(s.n), k = static_cast<std::size_t>(s.k);
  FPCONFORM_OMP_FOR
  for (int i = 0; i < s.m; ++i) {
    double* row = c.data() + static_cast<std::size_t>(i) * n;
    for (std::size_t p = 0; p < k; ++p) {
      const double x = a[static_cast<std::size_t>(i) * k + p];
      const float* bp = b.data() + p * n;
      for (std::size_t j = 0; j < n; ++j) row[j] += x * bp[j];
    }
  }
  return c;
}

std::vector<float> gemm_f32(GemmShape s, std::span<const float> a, std::span<const float> b) {
  check_sizes(s, a.size(), b.size());
  std::vector<float> c(elements(s.m, s.n), 0.0f);
  const std::size_t n = static_cast<std::size_t>(s.n), k = static_cast<std::size_t>(s.k);
  FPCONFORM_OMP_FOR
  for (int i = 0; i < s.m; ++i) {
    float* row = c.data() + static_cast<std::size_t>(i) * n;
    for (std::size_t p = 0; p < k; ++p) {
      const float x = a[static_cast<std::size_t>(i) * k + p];
      const float* bp = b.data() + p * n;
      for (std::size_t j = 0; j < n; ++j) row[j] += x * bp[j];
    }
  }
  return c;
}

EndToEnd end_to_end(Dist d, Scheme s, GemmShape shape, const Int8Backend* gemm,
                    std::uint64_t seed) {
  EndToEnd r;
  r.dist = name(d);
  r.scheme = name(s);
  r.shape = shape;
  r.seed = seed;
  r.repro = "fpconform matmul --check e2e --dist " + r.dist + " --scheme " + r.scheme +
            " --shape " + format_shape(shape) + " --seed " + std::to_string(seed);
  if (uses_int_gemm(s)) {
    if (gemm == nullptr)
      throw std::invalid_argument("end to end " + r.scheme + ": no int8 GEMM backend given");
    if (const Availability av = gemm->available(); !av.ok)
      throw std::invalid_argument("end to end " + r.scheme + ": " + std::string(gemm->name()) +
                                  " is not available: " + av.reason);
    r.backend = gemm->name();
    r.repro += " --e2e-backend " + r.backend;
  }

  const std::vector<float> a = float_matrix(d, shape.m, shape.k, seed);
  const std::vector<float> b = float_matrix(d, shape.k, shape.n, seed + 1);
  const std::vector<double> ref = gemm_f64(shape, a, b);
  const std::vector<double> got = uses_int_gemm(s) ? quantized_product(shape, s, a, b, *gemm)
                                                   : narrow_float_product(shape, s, a, b);
  const ErrorMetrics m = error_metrics(ref, got);
  r.sqnr_db = m.sqnr_db;
  r.cosine = m.cosine;
  r.max_abs = m.max_abs;
  r.rel_frobenius = m.rel_frobenius;
  return r;
}

}  // namespace fpconform
