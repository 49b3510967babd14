// neon and neon-ftz: binary32 <-> binary16 with Advanced SIMD FCVTN/FCVTN2 and FCVTL/FCVTL2
// (base Armv8, so "asimd" is all they need), the rounding mode from FPCR.RMode.
//
// What FPCR.FZ and FZ16 do to these conversions (Arm ARM, FPConvert): FPUnpackCV and FPRoundCV
// clear FZ16 before unpacking and rounding, so half precision is never flushed, neither a binary16
// subnormal input of FCVTL nor a binary16 subnormal result of FCVTN. FZ still applies to the
// binary32 input (FPUnpackBase): a binary32 subnormal is read as zero of its sign, FPSR.IDC is
// set and nothing else. Observed (qemu -cpu max): 0x00000001 in rup gives 0x0001 with FZ=0 and
// 0x0000 with FZ=1; 0x33000001 in rne still gives the subnormal 0x0001 with FZ=1.
#include <array>
#include <bit>
#include <cstdint>

#include "backends/neon/by_eight.hpp"
#include "backends/neon/neon_path.hpp"

#if defined(__aarch64__)
#include <arm_neon.h>
#endif

namespace fpconform::neon {
namespace {

#if defined(__aarch64__)

void narrow8(const unsigned char* src, unsigned char* dst) {
  const float32x4_t lo = vreinterpretq_f32_u8(vld1q_u8(src));
  const float32x4_t hi = vreinterpretq_f32_u8(vld1q_u8(src + 16));
  vst1q_u8(dst, vreinterpretq_u8_f16(vcvt_high_f16_f32(vcvt_f16_f32(lo), hi)));
}

void widen8(const unsigned char* src, unsigned char* dst) {
  const float16x8_t h = vreinterpretq_f16_u8(vld1q_u8(src));
  vst1q_u8(dst, vreinterpretq_u8_f32(vcvt_f32_f16(vget_low_f16(h))));
  vst1q_u8(dst + 16, vreinterpretq_u8_f32(vcvt_high_f32_f16(h)));
}

void f32_to_f16(const void* in, void* out, std::size_t n) { by_eight<4, 2, narrow8>(in, out, n); }
void f16_to_f32(const void* in, void* out, std::size_t n) { by_eight<2, 4, widen8>(in, out, n); }

// FCVT writes the whole vector register, so the bits above the result read as zero.
std::uint32_t f32_to_f16_one(std::uint32_t x, std::uint64_t& fpsr) {
  float h;
  asm volatile("msr fpsr, xzr\n\tfcvt %h0, %s2\n\tmrs %1, fpsr"
               : "=w"(h), "=r"(fpsr)
               : "w"(std::bit_cast<float>(x)));
  return std::bit_cast<std::uint32_t>(h);
}

std::uint32_t f16_to_f32_one(std::uint32_t x, std::uint64_t& fpsr) {
  float s;
  asm volatile("msr fpsr, xzr\n\tfcvt %s0, %h2\n\tmrs %1, fpsr"
               : "=w"(s), "=r"(fpsr)
               : "w"(std::bit_cast<float>(x)));
  return std::bit_cast<std::uint32_t>(s);
}

#else  // not aarch64: compiled in and listed everywhere, unavailable ("CPU lacks asimd")

constexpr Batch f32_to_f16 = nullptr, f16_to_f32 = nullptr;
constexpr Element f32_to_f16_one = nullptr, f16_to_f32_one = nullptr;

#endif

constexpr std::array<std::string_view, 1> kFeatures{"asimd"};

// The observed flush of binary32 subnormal inputs under FZ=1 (see the top of this file). The
// results differ (daz) only where the oracle's result is not zero: rup for positive, rdn for
// negative inputs. In every mode the flags differ: the oracle raises underflow and inexact for
// these inputs, the flush raises IDC only, which is no IEEE flag.
constexpr std::array kFtzKnown{
    KnownDeviation{Op::f32_to_f16, DeviationKind::daz,
                   "Arm ARM FPUnpackBase: with FPCR.FZ=1 a binary32 subnormal input is read as "
                   "zero (FPConvert ignores FZ16 only for half precision); observed: 0x00000001 "
                   "in rup gives 0x0000, not 0x0001",
                   mode_bit(Rounding::rup) | mode_bit(Rounding::rdn)},
    KnownDeviation{Op::f32_to_f16, DeviationKind::flags,
                   "Arm ARM FPUnpackBase: the FPCR.FZ flush of a binary32 subnormal input raises "
                   "FPSR.IDC only (no IEEE flag), not underflow and inexact"},
};

constexpr Path kNeon{
    .name = "neon",
    .description = "Advanced SIMD FCVTN/FCVTN2 (f32_to_f16, FPCR.RMode rne rtz rdn rup) and "
                   "FCVTL/FCVTL2 (f16_to_f32), 8 lanes per iteration; flags from scalar FCVT and "
                   "FPSR per element; FPCR AHP=0 DN=0 FZ=0 FZ16=0",
    .features = kFeatures,
    .narrow_op = Op::f32_to_f16,
    .widen_op = Op::f16_to_f32,
    .narrow = f32_to_f16,
    .widen = f16_to_f32,
    .narrow_one = f32_to_f16_one,
    .widen_one = f16_to_f32_one,
    .flush = false,
    .known = {},
};

constexpr Path kNeonFtz = flushing(
    kNeon, "neon-ftz",
    "Advanced SIMD FCVTN/FCVTN2 (f32_to_f16, FPCR.RMode rne rtz rdn rup) and "
                   "FCVTL/FCVTL2 (f16_to_f32), 8 lanes per iteration; flags from scalar FCVT and "
                   "FPSR per element; FPCR AHP=0 DN=0 FZ=1 FZ16=1 (binary32 subnormal inputs "
                   "read as zero)",
    kFtzKnown);

}  // namespace

FPCONFORM_REGISTER_BACKEND(PathBackend, kNeon);
FPCONFORM_REGISTER_BACKEND(PathBackend, kNeonFtz);

}  // namespace fpconform::neon
