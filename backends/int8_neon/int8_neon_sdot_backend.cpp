// neon-sdot: GEMM with SDOT (Armv8.2 dot product, vdotq_s32): four s8 x s8 products summed into
// each int32 lane with no narrower intermediate (Arm ARM, SDOT (vector)), so it is exact. The
// shared driver (int8_gemm_blocking.hpp) packs B once, four k of a column to an int32 lane, and
// runs a 4 x 4-vector micro-tile (16 columns): per group of four k, 4 loads and 4 broadcasts feed
// 16 SDOT. At 6 x 4 (24 accumulators) GCC 12 hoists the broadcasts and spills accumulators.
//
// s8 A goes in as it is. u8 A goes in as a - 128 = a ^ 0x80 (flipped in the broadcast), and
// sum_k a b = sum_k (a - 128) b + 128 colsum(B): 128 colsum(B) is added to C after the driver,
// whose own shift runs the other way (s8 A onto u8-A instructions). int32 wraps, so this is exact
// wherever the exact result fits int32.
#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <vector>

#include "platform/cpu.hpp"
#include "fpconform/int8_backend.hpp"

#if defined(__aarch64__)
#include <arm_neon.h>
#define FPCONFORM_INT8_NEON_SDOT_KERNELS 1
// GCC 12's arm_neon.h declares vdotq_s32 under arch=armv8.2-a+dotprod; "+dotprod" on the default
// armv8-a is not a superset of that, and the intrinsic then fails to inline.
#define FPCONFORM_INT8_GEMM_TARGET "arch=armv8.2-a+dotprod"
#include "backends/int8_gemm_blocking.hpp"
#include "backends/int8_neon/neon_lanes.hpp"
#endif

namespace fpconform {
namespace {

#ifdef FPCONFORM_INT8_NEON_SDOT_KERNELS
#define FPCONFORM_SDOT __attribute__((target("arch=armv8.2-a+dotprod"), always_inline)) inline

struct Sdot : int8_neon::NeonLanes {
  static constexpr int kMr = 4, kNv = 4;
  static constexpr bool kShiftSignedA = false;  // SDOT takes s8 A as it is
  using A = int8x16_t;
  using B = int8x16_t;
  FPCONFORM_SDOT static B load_b(const std::int8_t* p) { return vld1q_s8(p); }
  FPCONFORM_SDOT static A broadcast_a(const std::uint8_t* p) {
    return vreinterpretq_s8_u32(vdupq_n_u32(int8_neon::group_of_four(p)));
  }
  FPCONFORM_SDOT static Acc dot(Acc acc, A a, B b) { return vdotq_s32(acc, a, b); }
};

// u8 A as a - 128 in s8.
struct SdotFlippedA : Sdot {
  FPCONFORM_SDOT static A broadcast_a(const std::uint8_t* p) {
    return veorq_s8(Sdot::broadcast_a(p), vdupq_n_s8(-128));
  }
};

class SdotU8Gemm final : public GemmKernel {
 public:
  SdotU8Gemm(GemmShape s, const std::int8_t* b) : s_(s), inner_(s, IntType::u8, b), plus_(std::max(s.n, 0)) {
    for (int j = 0; j < s.n; ++j) {
      std::int64_t colsum = 0;
      for (int p = 0; p < s.k; ++p) colsum += b[std::size_t(p) * s.n + j];
      plus_[j] = static_cast<std::uint32_t>(128 * colsum);  // modulo 2^32, as C's lanes wrap
    }
  }

  void run(const void* a, std::int32_t* c, int threads) const override {
    inner_.run(a, c, threads);
    const int m = s_.m, n = s_.n;
#pragma omp parallel for num_threads(std::max(threads, 1)) schedule(static)
    for (int i = 0; i < m; ++i)
      for (int j = 0; j < n; ++j) {
        std::int32_t& e = c[std::size_t(i) * n + j];
        e = static_cast<std::int32_t>(static_cast<std::uint32_t>(e) + plus_[j]);
      }
  }

 private:
  GemmShape s_;
  int8_gemm::BlockedGemm<SdotFlippedA> inner_;
  std::vector<std::uint32_t> plus_;  // 128 colsum(B) per column
};
#endif

class NeonSdotBackend final : public Int8Backend {
 public:
  std::string_view name() const override { return "neon-sdot"; }
  std::string_view description() const override {
    return "NEON GEMM with SDOT (vdotq_s32, Armv8.2 dot product): B packed once (4 k per lane, "
           "16-column panels), 4x4-vector micro-kernel; u8 A as a - 128 plus 128 colsum(B)";
  }
  BackendKind kind() const override { return BackendKind::builtin; }
  Availability available() const override { return require_cpu({"asimd", "asimddp"}); }

  bool multiplies(IntType) const override { return true; }
  std::unique_ptr<GemmKernel> prepare(GemmShape shape, IntType a_type,
                                      const std::int8_t* b) const override {
#ifdef FPCONFORM_INT8_NEON_SDOT_KERNELS
    if (a_type == IntType::u8) return std::make_unique<SdotU8Gemm>(shape, b);
    return std::make_unique<int8_gemm::BlockedGemm<Sdot>>(shape, a_type, b);
#else
    (void)shape, (void)a_type, (void)b;
    std::abort();  // only after available(), which is false off aarch64
#endif
  }
};

}  // namespace

FPCONFORM_REGISTER_INT8_BACKEND(NeonSdotBackend);

}  // namespace fpconform
