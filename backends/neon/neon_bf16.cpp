// neon-bf16 and neon-bf16-ftz: binary32 -> bfloat16 with Armv8.6 BF16 BFCVTN/BFCVTN2 (scalar
// BFCVT for flags), bfloat16 -> binary32 with SHLL/SHLL2.
//
// Rounding: BFCVT and BFCVTN round as FPCR.RMode says (Arm ARM: FPConvertBF with
// FPRoundingMode(FPCR) unless FPCR.AH=1, which forces ties-to-even; AH is kept 0 here), so all
// four modes rne rtz rdn rup are implemented; observed: 0x3F801000 gives 0x3F81 in rup only.
//
// bf16_to_f32 is no floating-point operation on Arm: there is no BF16-to-single convert, and
// vcvt_f32_bf16 is SHLL, a 16-bit integer shift. A signaling NaN stays signaling and no flag is
// raised, where IEEE 754 5.4.2 quiets it and signals invalid: declared as nan_quiet.
//
// FZ (neon-bf16-ftz): FPUnpackBase reads a binary32 subnormal input as zero (FPSR.IDC, no IEEE
// flag). A flushed result is impossible: bfloat16 has binary32's exponent range, so a normal
// input gives a normal result. Observed: 0x00018000 in rne gives 0x0002 with FZ=0, 0x0000 with FZ=1.
#include <array>
#include <bit>
#include <cstdint>

#include "backends/neon/by_eight.hpp"
#include "backends/neon/neon_path.hpp"

#if defined(__aarch64__)
#include <arm_neon.h>
// GCC 12's arm_neon.h declares the BF16 intrinsics under "arch=armv8.2-a+bf16"; a plain "+bf16"
// on an armv8-a function cannot inline them ("target specific option mismatch").
#define FPCONFORM_BF16 __attribute__((target("arch=armv8.2-a+bf16")))
#endif

namespace fpconform::neon {
namespace {

#if defined(__aarch64__)

FPCONFORM_BF16 void narrow8(const unsigned char* src, unsigned char* dst) {
  const float32x4_t lo = vreinterpretq_f32_u8(vld1q_u8(src));
  const float32x4_t hi = vreinterpretq_f32_u8(vld1q_u8(src + 16));
  vst1q_u8(dst, vreinterpretq_u8_bf16(vcvtq_high_bf16_f32(vcvtq_low_bf16_f32(lo), hi)));
}

FPCONFORM_BF16 void widen8(const unsigned char* src, unsigned char* dst) {
  const bfloat16x8_t h = vreinterpretq_bf16_u8(vld1q_u8(src));
  vst1q_u8(dst, vreinterpretq_u8_f32(vcvtq_low_f32_bf16(h)));
  vst1q_u8(dst + 16, vreinterpretq_u8_f32(vcvtq_high_f32_bf16(h)));
}

FPCONFORM_BF16 void f32_to_bf16(const void* in, void* out, std::size_t n) {
  by_eight<4, 2, narrow8>(in, out, n);
}
FPCONFORM_BF16 void bf16_to_f32(const void* in, void* out, std::size_t n) {
  by_eight<2, 4, widen8>(in, out, n);
}

FPCONFORM_BF16 std::uint32_t f32_to_bf16_one(std::uint32_t x, std::uint64_t& fpsr) {
  float h;
  asm volatile("msr fpsr, xzr\n\tbfcvt %h0, %s2\n\tmrs %1, fpsr"
               : "=w"(h), "=r"(fpsr)
               : "w"(std::bit_cast<float>(x)));
  return std::bit_cast<std::uint32_t>(h);
}

// The same shift as SHLL, one element: nothing here can set FPSR.
std::uint32_t bf16_to_f32_one(std::uint32_t x, std::uint64_t& fpsr) {
  fpsr = 0;
  return x << 16;
}

#else  // not aarch64: compiled in and listed everywhere, unavailable ("CPU lacks asimd")

constexpr Batch f32_to_bf16 = nullptr, bf16_to_f32 = nullptr;
constexpr Element f32_to_bf16_one = nullptr, bf16_to_f32_one = nullptr;

#endif

constexpr std::array<std::string_view, 2> kFeatures{"asimd", "bf16"};

constexpr KnownDeviation kShll{
    Op::bf16_to_f32, DeviationKind::nan_quiet,
    "Arm ARM: no BF16-to-single convert exists; vcvt_f32_bf16 is SHLL (integer shift by 16), "
    "so a signaling NaN is not quieted (IEEE 754 5.4.2 says quiet it and signal invalid)"};

constexpr std::array kKnown{kShll};

// Binary32 subnormal inputs flushed under FZ=1: in every mode some round to a nonzero bfloat16
// (daz), and all lose the underflow and inexact flags to IDC (flags).
constexpr std::array kFtzKnown{
    kShll,
    KnownDeviation{Op::f32_to_bf16, DeviationKind::daz,
                   "Arm ARM FPUnpackBase: with FPCR.FZ=1 a binary32 subnormal input of BFCVT is "
                   "read as zero; observed: 0x00018000 in rne gives 0x0000, not 0x0002"},
    KnownDeviation{Op::f32_to_bf16, DeviationKind::flags,
                   "Arm ARM FPUnpackBase: the FPCR.FZ flush of a binary32 subnormal input raises "
                   "FPSR.IDC only (no IEEE flag), not underflow and inexact"},
};

constexpr Path kNeonBf16{
    .name = "neon-bf16",
    .description = "Armv8.6 BF16 BFCVTN/BFCVTN2 (f32_to_bf16, FPCR.RMode rne rtz rdn rup) and "
                   "SHLL/SHLL2 (bf16_to_f32), 8 lanes per iteration; flags from scalar BFCVT and "
                   "FPSR per element; FPCR AHP=0 DN=0 FZ=0 FZ16=0",
    .features = kFeatures,
    .narrow_op = Op::f32_to_bf16,
    .widen_op = Op::bf16_to_f32,
    .narrow = f32_to_bf16,
    .widen = bf16_to_f32,
    .narrow_one = f32_to_bf16_one,
    .widen_one = bf16_to_f32_one,
    .flush = false,
    .known = kKnown,
};

constexpr Path kNeonBf16Ftz = flushing(
    kNeonBf16, "neon-bf16-ftz",
    "Armv8.6 BF16 BFCVTN/BFCVTN2 (f32_to_bf16, FPCR.RMode rne rtz rdn rup) and "
                   "SHLL/SHLL2 (bf16_to_f32), 8 lanes per iteration; flags from scalar BFCVT and "
                   "FPSR per element; FPCR AHP=0 DN=0 FZ=1 FZ16=1 (binary32 subnormal inputs "
                   "read as zero)",
    kFtzKnown);

}  // namespace

FPCONFORM_REGISTER_BACKEND(PathBackend, kNeonBf16);
FPCONFORM_REGISTER_BACKEND(PathBackend, kNeonBf16Ftz);

}  // namespace fpconform::neon
