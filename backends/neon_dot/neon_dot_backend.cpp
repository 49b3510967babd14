// Armv8.6 BF16 dot-product instructions as units: BFDOT (each binary32 lane adds a pair of
// bfloat16 products) and BFMMLA (a 2x4 by 4x2 product into 2x2 binary32: each element adds four
// products; the diagonal carries two dot products). Both declare the Arm ARM's BFDotAdd as it is
// with FPCR.EBF = 0 (the default, and all there is without FEAT_EBF16): each product, their sum
// and the addition rounded to odd, subnormals flushed. qemu -cpu max computes exactly that.
#include <cstring>

#include "fpconform/dot_backend.hpp"
#include "platform/cpu.hpp"

#if defined(__aarch64__)
#include <arm_neon.h>
#define FPCONFORM_BF16 __attribute__((target("arch=armv8.2-a+bf16")))
#endif

namespace fpconform {
namespace {

#if defined(__aarch64__)
// One dot product of k elements, 4 lanes of BFDOT: lane 0 carries it, the others add zeros.
FPCONFORM_BF16 std::uint32_t bfdot(int k, const std::uint32_t* a, const std::uint32_t* b, std::uint32_t c) {
  float32x4_t acc = vreinterpretq_f32_u32(vsetq_lane_u32(c, vdupq_n_u32(0), 0));
  for (int p = 0; p < k; p += 2) {
    std::uint16_t x[8] = {}, y[8] = {};
    x[0] = static_cast<std::uint16_t>(a[p]), y[0] = static_cast<std::uint16_t>(b[p]);
    if (p + 1 < k) x[1] = static_cast<std::uint16_t>(a[p + 1]), y[1] = static_cast<std::uint16_t>(b[p + 1]);
    acc = vbfdotq_f32(acc, vreinterpretq_bf16_u16(vld1q_u16(x)), vreinterpretq_bf16_u16(vld1q_u16(y)));
  }
  return vgetq_lane_u32(vreinterpretq_u32_f32(acc), 0);
}

// Two dot products on BFMMLA's diagonal: rows 0 of A and B are the first's, rows 1 the second's.
FPCONFORM_BF16 void bfmmla2(int k, const std::uint32_t* a0, const std::uint32_t* b0, std::uint32_t c0,
                            const std::uint32_t* a1, const std::uint32_t* b1, std::uint32_t c1,
                            std::uint32_t* d0, std::uint32_t* d1) {
  const std::uint32_t init[4] = {c0, 0, 0, c1};  // C row-major 2x2: (0,0) and (1,1)
  float32x4_t acc = vreinterpretq_f32_u32(vld1q_u32(init));
  for (int p = 0; p < k; p += 4) {
    std::uint16_t x[8] = {}, y[8] = {};
    for (int q = 0; q < 4 && p + q < k; ++q) {
      x[q] = static_cast<std::uint16_t>(a0[p + q]), y[q] = static_cast<std::uint16_t>(b0[p + q]);
      if (a1) x[4 + q] = static_cast<std::uint16_t>(a1[p + q]), y[4 + q] = static_cast<std::uint16_t>(b1[p + q]);
    }
    acc = vbfmmlaq_f32(acc, vreinterpretq_bf16_u16(vld1q_u16(x)), vreinterpretq_bf16_u16(vld1q_u16(y)));
  }
  *d0 = vgetq_lane_u32(vreinterpretq_u32_f32(acc), 0);
  if (d1) *d1 = vgetq_lane_u32(vreinterpretq_u32_f32(acc), 3);
}
#endif

class NeonDot final : public DotBackend {
 public:
  explicit NeonDot(bool mmla) : mmla_(mmla) {}
  std::string_view name() const override { return mmla_ ? "neon-bfmmla" : "neon-bfdot"; }
  std::string_view description() const override {
    return mmla_ ? "BFMMLA: 2x4 by 4x2 bfloat16 into 2x2 binary32, two dot products on the diagonal"
                 : "BFDOT (vector): each binary32 lane adds a pair of bfloat16 products";
  }
  BackendKind kind() const override { return BackendKind::builtin; }
  Availability available() const override {
#if defined(__aarch64__)
    return require_cpu({"bf16"});
#else
    return {false, "not aarch64"};
#endif
  }
  bool takes(const Format& in) const override { return &in == &kBfloat16; }
  std::string_view declared_model() const override { return "bfdotadd"; }

  void dot([[maybe_unused]] const Format& in, [[maybe_unused]] int k, [[maybe_unused]] const std::uint32_t* a,
           [[maybe_unused]] const std::uint32_t* b, [[maybe_unused]] const std::uint32_t* c,
           [[maybe_unused]] std::uint32_t* d, [[maybe_unused]] std::size_t count) const override {
#if defined(__aarch64__)
    const auto n = static_cast<std::size_t>(k);
    if (!mmla_) {
      for (std::size_t j = 0; j < count; ++j) d[j] = bfdot(k, a + j * n, b + j * n, c[j]);
      return;
    }
    for (std::size_t j = 0; j < count; j += 2) {
      const bool pair = j + 1 < count;
      bfmmla2(k, a + j * n, b + j * n, c[j], pair ? a + (j + 1) * n : nullptr, pair ? b + (j + 1) * n : nullptr,
              pair ? c[j + 1] : 0, d + j, pair ? d + j + 1 : nullptr);
    }
#endif
  }

 private:
  bool mmla_;
};

FPCONFORM_REGISTER_DOT_BACKEND(NeonDot, false);
FPCONFORM_REGISTER_DOT_BACKEND(NeonDot, true);

}  // namespace
}  // namespace fpconform
