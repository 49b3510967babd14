// gemmlowp as an INT8 peer. gemmlowp multiplies uint8 by uint8 with offsets, computing
// (A + lhs_offset)(B + rhs_offset) exactly in int32; the signed operands are shifted into uint8:
//   B' = B + 128 (s8 -> u8 by flipping the sign bit), rhs_offset = -128;
//   u8 A as it is, lhs_offset 0; s8 A' = A + 128, lhs_offset = -128 (copied on every run()).
// Requantization (model gemmlowp) goes through gemmlowp's own output stages:
// OutputStageQuantizeDownInt32ByFixedPoint, then the saturating cast to int8 / uint8.
#include <memory>
#include <mutex>
#include <stdexcept>
#include <string>
#include <vector>

#include "backends/gemmlowp/gemmlowp_kernels.hpp"
#include "platform/cpu.hpp"
#include "fpconform/int8_backend.hpp"

namespace fpconform {
namespace {

namespace k = gemmlowp_kernels;

std::vector<std::uint8_t> flip_sign_bits(const void* p, std::size_t n) {
  const auto* s = static_cast<const std::uint8_t*>(p);
  std::vector<std::uint8_t> u(n);
  for (std::size_t i = 0; i < n; ++i) u[i] = static_cast<std::uint8_t>(s[i] ^ 0x80);  // v + 128
  return u;
}

class GemmlowpKernel final : public GemmKernel {
 public:
  GemmlowpKernel(GemmShape shape, IntType a_type, const std::int8_t* b)
      : shape_(shape),
        a_type_(a_type),
        b_(flip_sign_bits(b, std::size_t(shape.k) * std::size_t(shape.n))),
        context_(k::new_context(), &k::delete_context) {}

  void run(const void* a, std::int32_t* c, int threads) const override {
    const std::lock_guard lock(mutex_);  // one GemmContext: one GEMM at a time
    const std::size_t a_size = std::size_t(shape_.m) * std::size_t(shape_.k);
    if (a_type_ == IntType::u8) {
      k::gemm(*context_, threads, static_cast<const std::uint8_t*>(a), 0, b_.data(), -128,
              shape_.m, shape_.n, shape_.k, c);
    } else {
      const std::vector<std::uint8_t> shifted = flip_sign_bits(a, a_size);
      k::gemm(*context_, threads, shifted.data(), -128, b_.data(), -128, shape_.m, shape_.n,
              shape_.k, c);
    }
  }

 private:
  GemmShape shape_;
  IntType a_type_;
  std::vector<std::uint8_t> b_;
  mutable std::mutex mutex_;
  std::unique_ptr<k::Context, void (*)(k::Context*)> context_;
};

class GemmlowpBackend final : public Int8Backend {
 public:
  std::string_view name() const override { return "gemmlowp"; }
  std::string_view description() const override { return description_; }
  BackendKind kind() const override { return BackendKind::peer; }

  Availability available() const override {
#if defined(__x86_64__)
    return require_cpu({"sse4.1"});  // gemmlowp_kernels.cpp is built with -msse4.1
#else
    return {};
#endif
  }

  bool requantizes(RequantModel m, IntType) const override { return m == RequantModel::gemmlowp; }
  void requantize(const std::int32_t* acc, void* q, std::size_t n,
                  const Requant& p) const override {
    if (p.shift < 0 || p.shift > 31)  // RoundingDivideByPOT's domain
      throw std::invalid_argument("gemmlowp requantize: shift must lie in [0, 31]");
    k::requantize(acc, q, n, p.multiplier, p.shift, p.zero_point, p.type == IntType::s8);
  }

  bool multiplies(IntType) const override { return true; }
  std::unique_ptr<GemmKernel> prepare(GemmShape shape, IntType a_type,
                                      const std::int8_t* b) const override {
    return std::make_unique<GemmlowpKernel>(shape, a_type, b);
  }

 private:
  std::string description_ = std::string("gemmlowp uint8 GEMM with offsets (") + k::simd_path() +
                             " path) and its fixed-point output stage";
};

}  // namespace

FPCONFORM_REGISTER_INT8_BACKEND(GemmlowpBackend);
// Debian's package version of libgemmlowp-dev (/usr/share/doc/libgemmlowp-dev/changelog.Debian.gz):
// gemmlowp's headers carry no version of their own.
FPCONFORM_REGISTER_LIBRARY("gemmlowp", "git20211220.e844ffd");

}  // namespace fpconform
