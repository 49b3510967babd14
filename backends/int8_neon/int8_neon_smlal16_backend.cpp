// neon-smlal16: the known-bad specimen of int16 accumulation. Per group of four k of a column
// (one int32 lane of the driver's packed B; int8_gemm_blocking.hpp), the even k and the odd k are
// split apart (UZP1 / UZP2), so that each int16 lane meets one pair (k, k + 1):
//
//   int16 lane 2c:     SMULL a_k     b(k, c)     then SMLAL + a_k+1 b(k+1, c)   (wraps in int16)
//   int16 lane 2c + 1: SMULL a_k+2   b(k+2, c)   then SMLAL + a_k+3 b(k+3, c)
//   int32 lane c:      SADALP + lanes 2c and 2c + 1                            (exact)
//
// Two products (-128)(-128) sum to 32768, which wraps to -32768 (GemmModel::smlal_pair_wrap);
// every other pair of s8 products fits int16 (the next largest is 16384 + 16256). Kernels built on
// this step keep one operand off -128; this one does not, so the suite must catch it on corner-min.
// K past its end is zero in packed A and B: an odd K's last product is paired with 0.
#include <cstdint>
#include <cstdlib>
#include <memory>

#include "platform/cpu.hpp"
#include "fpconform/int8_backend.hpp"

#if defined(__aarch64__)
#include <arm_neon.h>
#define FPCONFORM_INT8_NEON_SMLAL16_KERNELS 1
#define FPCONFORM_INT8_GEMM_TARGET "+simd"
#include "backends/int8_gemm_blocking.hpp"
#include "backends/int8_neon/neon_lanes.hpp"
#endif

namespace fpconform {
namespace {

#ifdef FPCONFORM_INT8_NEON_SMLAL16_KERNELS
#define FPCONFORM_SMLAL __attribute__((always_inline)) inline

struct Smlal16 : int8_neon::NeonLanes {
  static constexpr int kMr = 4, kNv = 2;  // at 4 x 4 GCC 12 hoists the int16 sums and spills
  static constexpr bool kShiftSignedA = false;
  struct A {
    int8x8_t even, odd;  // a_k a_k+2 (x4), a_k+1 a_k+3 (x4)
  };
  struct B {
    int8x8_t even, odd;  // per column c: b(k, c) b(k+2, c), b(k+1, c) b(k+3, c)
  };
  FPCONFORM_SMLAL static B load_b(const std::int8_t* p) {
    const int8x16_t v = vld1q_s8(p);
    return {vget_low_s8(vuzp1q_s8(v, v)), vget_low_s8(vuzp2q_s8(v, v))};
  }
  FPCONFORM_SMLAL static A broadcast_a(const std::uint8_t* p) {
    const int8x8_t v = vreinterpret_s8_u32(vdup_n_u32(int8_neon::group_of_four(p)));
    return {vuzp1_s8(v, v), vuzp2_s8(v, v)};
  }
  FPCONFORM_SMLAL static Acc dot(Acc acc, A a, B b) {
    return vpadalq_s16(acc, vmlal_s8(vmull_s8(a.even, b.even), a.odd, b.odd));
  }
};
#endif

class NeonSmlal16Backend final : public Int8Backend {
 public:
  std::string_view name() const override { return "neon-smlal16"; }
  std::string_view description() const override {
    return "NEON GEMM accumulating pairs in int16 (SMULL + SMLAL, then SADALP into int32): "
           "known-bad specimen, (-128)*(-128) twice wraps; s8 A only";
  }
  BackendKind kind() const override { return BackendKind::builtin; }
  Availability available() const override { return require_cpu({"asimd"}); }

  bool multiplies(IntType a_type) const override { return a_type == IntType::s8; }
  std::unique_ptr<GemmKernel> prepare(GemmShape shape, IntType a_type,
                                      const std::int8_t* b) const override {
#ifdef FPCONFORM_INT8_NEON_SMLAL16_KERNELS
    if (a_type != IntType::s8) std::abort();
    return std::make_unique<int8_gemm::BlockedGemm<Smlal16>>(shape, a_type, b);
#else
    (void)shape, (void)a_type, (void)b;
    std::abort();  // only after available(), which is false off aarch64
#endif
  }
  GemmModel gemm_model() const override { return GemmModel::smlal_pair_wrap; }
  std::string_view gemm_deviation() const override {
    return "SMULL + SMLAL sum each pair of s8 x s8 products (k, k + 1) in one int16 lane and wrap: "
           "(-128)*(-128) + (-128)*(-128) = 32768 becomes -32768; SADALP then adds the pairs in int32";
  }
};

}  // namespace

FPCONFORM_REGISTER_INT8_BACKEND(NeonSmlal16Backend);

}  // namespace fpconform
