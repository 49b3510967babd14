// reference: plain portable C++ for every INT8 operation. Its quantize and fp32 requantize are
// written apart from the oracle (the C library's roundings where the oracle works on bits and
// integers), so that the two check each other; its gemmlowp and rndnu requantize follow the same
// published definitions as the oracle's, so for those the independent witness is gemmlowp's own
// fixedpoint.h (int8_oracle_test) and the gemmlowp backend. GEMM: i-p-j loops the compiler vectorizes, int32
// accumulation (wrapping, as a machine's would), rows spread over OpenMP threads.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <vector>

#include "fpconform/int8_backend.hpp"

namespace fpconform {
namespace {

// v rounded under r. half-up is floor(v + 1/2) taken exactly: v - floor(v) is exact in binary
// floating point, where v + 0.5 is not (0.49999997f + 0.5f rounds to 1).
double round_q(float v, QRounding r) {
  switch (r) {
    case QRounding::rne: return std::nearbyint(v);  // the default environment: ties to even
    case QRounding::rna: return std::round(v);
    case QRounding::half_up: {
      const float f = std::floor(v);
      return v - f >= 0.5f ? double{f} + 1 : double{f};
    }
  }
  return 0;
}

template <typename Q>
void store(void* q, std::size_t i, double v, IntType t) {
  const IntRange range = fpconform::range(t);
  static_cast<Q*>(q)[i] = static_cast<Q>(std::clamp(v, double(range.min), double(range.max)));
}

void store_q(void* q, std::size_t i, double v, IntType t) {
  if (t == IntType::s8) store<std::int8_t>(q, i, v, t);
  else store<std::uint8_t>(q, i, v, t);
}

// gemmlowp's SaturatingRoundingDoublingHighMul: round(2 a b / 2^32), ties up.
std::int32_t doubling_high_mul(std::int32_t a, std::int32_t b) {
  if (a == b && a == std::numeric_limits<std::int32_t>::min()) return std::numeric_limits<std::int32_t>::max();
  const std::int64_t ab = std::int64_t{a} * b;
  const std::int64_t nudge = ab >= 0 ? (1 << 30) : 1 - (1 << 30);
  return static_cast<std::int32_t>((ab + nudge) / (std::int64_t{1} << 31));
}

// gemmlowp's RoundingDivideByPOT: x / 2^e, ties away from zero.
std::int32_t divide_by_pot(std::int32_t x, int e) {
  const std::int32_t mask = static_cast<std::int32_t>((std::int64_t{1} << e) - 1);
  const std::int32_t remainder = x & mask;
  const std::int32_t threshold = (mask >> 1) + (x < 0 ? 1 : 0);
  return (x >> e) + (remainder > threshold ? 1 : 0);
}

double requantize_one(std::int32_t acc, const Requant& p) {
  switch (p.model) {
    case RequantModel::fp32: return std::nearbyint(static_cast<float>(acc) * p.scale);
    case RequantModel::gemmlowp: return divide_by_pot(doubling_high_mul(acc, p.multiplier), p.shift);
    case RequantModel::rndnu: {
      const std::int64_t half = std::int64_t{1} << (p.shift - 1);
      return static_cast<double>((std::int64_t{acc} * p.multiplier + half) >> p.shift);
    }
  }
  return 0;
}

template <typename A>
class ReferenceGemm final : public GemmKernel {
 public:
  ReferenceGemm(GemmShape s, const std::int8_t* b) : s_(s), b_(b, b + std::size_t(s.k) * s.n) {}

  void run(const void* a, std::int32_t* c, int threads) const override {
    const auto* a_ = static_cast<const A*>(a);
    const int m = s_.m, n = s_.n, k = s_.k;
#pragma omp parallel for num_threads(std::max(threads, 1)) schedule(static)
    for (int i = 0; i < m; ++i) {
      // unsigned: int32 overflow wraps (defined), as the hardware's accumulators do
      std::vector<std::uint32_t> row(n, 0);
      for (int p = 0; p < k; ++p) {
        const std::int32_t ai = a_[std::size_t(i) * k + p];
        const std::int8_t* bp = b_.data() + std::size_t(p) * n;
        for (int j = 0; j < n; ++j) row[j] += static_cast<std::uint32_t>(ai * bp[j]);
      }
      for (int j = 0; j < n; ++j) c[std::size_t(i) * n + j] = static_cast<std::int32_t>(row[j]);
    }
  }

 private:
  GemmShape s_;
  std::vector<std::int8_t> b_;
};

class ReferenceBackend final : public Int8Backend {
 public:
  std::string_view name() const override { return "reference"; }
  std::string_view description() const override {
    return "portable C++: quantize with nearbyint/round/exact half-up, requantize fp32 gemmlowp "
           "rndnu, GEMM in i-p-j loops with int32 accumulation, OpenMP over rows";
  }
  BackendKind kind() const override { return BackendKind::builtin; }

  bool quantizes(IntType, QRounding) const override { return true; }
  void quantize(const float* x, void* q, std::size_t n, const QuantSpec& spec) const override {
    const std::size_t channels = spec.scales.size();
    for (std::size_t i = 0; i < n; ++i) {
      const std::size_t c = i % channels;
      store_q(q, i, round_q(x[i] / spec.scales[c], spec.rounding) + spec.zero_points[c], spec.type);
    }
  }

  bool requantizes(RequantModel, IntType) const override { return true; }
  void requantize(const std::int32_t* acc, void* q, std::size_t n, const Requant& p) const override {
    for (std::size_t i = 0; i < n; ++i) store_q(q, i, requantize_one(acc[i], p) + p.zero_point, p.type);
  }

  bool multiplies(IntType) const override { return true; }
  std::unique_ptr<GemmKernel> prepare(GemmShape shape, IntType a_type,
                                      const std::int8_t* b) const override {
    if (a_type == IntType::s8) return std::make_unique<ReferenceGemm<std::int8_t>>(shape, b);
    return std::make_unique<ReferenceGemm<std::uint8_t>>(shape, b);
  }
};

}  // namespace

FPCONFORM_REGISTER_INT8_BACKEND(ReferenceBackend);

}  // namespace fpconform
