// neon and neon-ftz: binary32 <-> binary16 with Advanced SIMD FCVTN/FCVTN2 and FCVTL/FCVTL2
// (base Armv8, so "asimd" is all they need), the rounding mode from FPCR.RMode.
//
// What FPCR.FZ and FZ16 do to these conversions (Arm ARM, FPConvert): FPUnpackCV and FPRoundCV
// clear FZ16 before unpacking and rounding, so half precision is never flushed, neither a binary16
// subnormal input of FCVTL nor a binary16 subnormal result of FCVTN. FZ still applies to the
// binary32 input (FPUnpackBase): a binary32 subnormal is read as zero of its sign, FPSR.IDC is
// set and nothing else. Observed (qemu -cpu max): 0x00000001 in rup gives 0x0001 with FZ=0 and
// 0x0000 with FZ=1; 0x33000001 in rne still gives the subnormal 0x0001 with FZ=1.
//
// Binary16 arithmetic (f16_add f16_sub f16_mul f16_div f16_sqrt f16_mulAdd): FEAT_FP16 FADD FSUB
// FMUL FDIV FSQRT FMLA on 8h vectors, 8 lanes per iteration, scalar on H registers (FMADD for
// mulAdd) between FPSR reads for flags;
// rounding by FPCR.RMode (rne rtz rdn rup; Arm has no ties-away), NaNs by FPProcessNaNs with
// DN=0 (NanPolicy::arm), tininess before rounding. Needs fphp and asimdhp besides asimd; the
// kernels carry target("arch=armv8.2-a+fp16"), the rest of the file stays base Armv8. Here FZ16
// does apply (FPUnpackBase, FPRoundBase): under neon-ftz a binary16 subnormal operand is read as
// zero (IDC only) and a result whose exact value is below 2^-14 is zero (UFC only, no IXC).
#include <array>
#include <bit>
#include <cstdint>

#include "backends/neon/by_eight.hpp"
#include "backends/neon/neon_path.hpp"

#if defined(__aarch64__)
#include <arm_neon.h>
// GCC 12's arm_neon.h declares the FP16 arithmetic intrinsics under "arch=armv8.2-a+fp16".
#define FPCONFORM_FP16 __attribute__((target("arch=armv8.2-a+fp16")))
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

// Eight words a:b as two 8h vectors: the low halves (b) are the even 16-bit lanes.
template <Arith A>
FPCONFORM_FP16 void arith8(const unsigned char* src, unsigned char* dst) {
  float16x8_t r;
  if constexpr (A == Arith::sqrt) {
    r = vsqrtq_f16(vreinterpretq_f16_u8(vld1q_u8(src)));
  } else {
    const uint16x8_t lo = vreinterpretq_u16_u8(vld1q_u8(src));
    const uint16x8_t hi = vreinterpretq_u16_u8(vld1q_u8(src + 16));
    const float16x8_t a = vreinterpretq_f16_u16(vuzp2q_u16(lo, hi));
    const float16x8_t b = vreinterpretq_f16_u16(vuzp1q_u16(lo, hi));
    if constexpr (A == Arith::add) r = vaddq_f16(a, b);
    if constexpr (A == Arith::sub) r = vsubq_f16(a, b);
    if constexpr (A == Arith::mul) r = vmulq_f16(a, b);
    if constexpr (A == Arith::div) r = vdivq_f16(a, b);
  }
  vst1q_u8(dst, vreinterpretq_u8_f16(r));
}

// Eight 48-bit words in 64 (c, b, a, 0 as little-endian 16-bit lanes): FMLA, fused,
// FPMulAdd(addend, op1, op2) as the scalar FMADD.
FPCONFORM_FP16 void mul_add8(const unsigned char* src, unsigned char* dst) {
  const uint16x8x4_t w = vld4q_u16(reinterpret_cast<const std::uint16_t*>(src));
  const float16x8_t r = vfmaq_f16(vreinterpretq_f16_u16(w.val[0]), vreinterpretq_f16_u16(w.val[2]),
                                  vreinterpretq_f16_u16(w.val[1]));
  vst1q_u8(dst, vreinterpretq_u8_f16(r));
}

template <Arith A>
FPCONFORM_FP16 void arith_batch(const void* in, void* out, std::size_t n) {
  if constexpr (A == Arith::mul_add)
    by_eight<8, 2, mul_add8>(in, out, n);
  else
    by_eight<A == Arith::sqrt ? 2 : 4, 2, arith8<A>>(in, out, n);
}

// One word through the scalar instruction, FPSR cleared before and read after it. A scalar H
// operation zeroes the register above the result.
#define FPCONFORM_ARITH_ONE(fn, insn)                                                    \
  FPCONFORM_FP16 std::uint32_t fn(Word w, std::uint64_t& fpsr) {                         \
    float h;                                                                             \
    asm volatile("msr fpsr, xzr\n\t" insn " %h0, %h2, %h3\n\tmrs %1, fpsr"              \
                 : "=w"(h), "=r"(fpsr)                                                   \
                 : "w"(std::bit_cast<float>(static_cast<std::uint32_t>(w >> 16))),      \
                   "w"(std::bit_cast<float>(static_cast<std::uint32_t>(w & 0xFFFF))));  \
    return std::bit_cast<std::uint32_t>(h) & 0xFFFF;                                     \
  }
FPCONFORM_ARITH_ONE(add_one, "fadd")
FPCONFORM_ARITH_ONE(sub_one, "fsub")
FPCONFORM_ARITH_ONE(mul_one, "fmul")
FPCONFORM_ARITH_ONE(div_one, "fdiv")
#undef FPCONFORM_ARITH_ONE

FPCONFORM_FP16 std::uint32_t mul_add_one(Word w, std::uint64_t& fpsr) {
  float h;
  asm volatile("msr fpsr, xzr\n\tfmadd %h0, %h2, %h3, %h4\n\tmrs %1, fpsr"
               : "=w"(h), "=r"(fpsr)
               : "w"(std::bit_cast<float>(static_cast<std::uint32_t>(w >> 32) & 0xFFFF)),
                 "w"(std::bit_cast<float>(static_cast<std::uint32_t>(w >> 16) & 0xFFFF)),
                 "w"(std::bit_cast<float>(static_cast<std::uint32_t>(w) & 0xFFFF)));
  return std::bit_cast<std::uint32_t>(h) & 0xFFFF;
}

FPCONFORM_FP16 std::uint32_t sqrt_one(Word w, std::uint64_t& fpsr) {
  float h;
  asm volatile("msr fpsr, xzr\n\tfsqrt %h0, %h2\n\tmrs %1, fpsr"
               : "=w"(h), "=r"(fpsr)
               : "w"(std::bit_cast<float>(static_cast<std::uint32_t>(w & 0xFFFF))));
  return std::bit_cast<std::uint32_t>(h) & 0xFFFF;
}

constexpr std::array<Batch, 7> kArithBatch{
    nullptr,                   arith_batch<Arith::add>,  arith_batch<Arith::sub>,
    arith_batch<Arith::mul>,   arith_batch<Arith::div>,  arith_batch<Arith::sqrt>,
    arith_batch<Arith::mul_add>};
constexpr std::array<ArithElement, 7> kArithOne{nullptr, add_one,  sub_one,    mul_one,
                                                div_one, sqrt_one, mul_add_one};

#else  // not aarch64: compiled in and listed everywhere, unavailable ("CPU lacks asimd")

constexpr Batch f32_to_f16 = nullptr, f16_to_f32 = nullptr;
constexpr Element f32_to_f16_one = nullptr, f16_to_f32_one = nullptr;
constexpr std::array<Batch, 7> kArithBatch{};
constexpr std::array<ArithElement, 7> kArithOne{};

#endif

static_assert(static_cast<int>(Arith::sqrt) == 5 && static_cast<int>(Arith::mul_add) == 6);

constexpr std::array<std::string_view, 2> kArithFeatures{"fphp", "asimdhp"};
constexpr ArithKernels kArith{kArithFeatures, kArithBatch, kArithOne};

constexpr std::array<std::string_view, 1> kFeatures{"asimd"};

constexpr std::string_view kFz16In =
    "Arm ARM FPUnpackBase: with FPCR.FZ16=1 a binary16 subnormal operand is read as zero (FPSR.IDC "
    "only); observed: f16_mul 0x522C * 0x01C5 in rup gives 0x0000, not 0x1576";
constexpr std::string_view kFz16Out =
    "Arm ARM FPRoundBase: with FPCR.FZ16=1 a result whose exact value is below 2^-14 is zero of "
    "its sign (FPSR.UFC only); observed: f16_div 0x0B12 / 0xC4A6 in rne gives 0x8000, not 0x830B";
constexpr std::string_view kFz16Flags =
    "Arm ARM FPUnpackBase/FPRoundBase with FPCR.FZ16=1: a flushed binary16 operand raises FPSR.IDC "
    "only (no IEEE flag), a flushed result UFC without IXC; observed: f16_add 0x3C00 + 0x0001 in "
    "rne gives 0x3C00 with no flag, not inexact";
constexpr std::string_view kFz16Overflow =
    "Arm ARM FPUnpackBase: with FPCR.FZ16=1 the subnormal addend is read as zero, so the largest "
    "finite plus it no longer overflows; observed: 0x7BFF + 0x0001 in rup gives 0x7BFF, not 0x7C00";
constexpr std::string_view kFz16DivZero =
    "Arm ARM FPUnpackBase: with FPCR.FZ16=1 a subnormal divisor is read as zero: division by zero "
    "gives infinity where rtz rdn rup expect the largest finite; observed: 0x522C / 0x01C5 in rdn "
    "gives 0x7C00, not 0x7BFF";
constexpr std::string_view kFz16Other =
    "Arm ARM FPUnpackBase/FPRoundBase with FPCR.FZ16=1: a subnormal operand read as zero makes "
    "tiny * inf and 0 / tiny invalid (observed: 0x0001 * 0x7C00 in rup gives 0x7E00, not 0x7C00), "
    "and a result flushed before rounding loses what would round up to 2^-14 (observed: "
    "0x0400 * 0x3BFF in rne gives 0x0000, not 0x0400)";

constexpr std::string_view kFz16MulAddNan =
    "Arm ARM FPMulAdd with FPCR.FZ16=1: a subnormal factor read as zero makes tiny x inf + qNaN "
    "the invalid 0 x inf + qNaN, which gives the default NaN; observed: 0x0001 x 0x7C00 + 0xFE01 "
    "in rne gives 0x7E00, not 0xFE01";

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
    // FZ16 on binary16 arithmetic (top of this file). A subnormal operand read as zero (daz)
    // also shows as other kinds where the zero changes the case: x + tiny no longer overflows
    // in rdn/rup, x / tiny divides by zero (infinity where rtz rdn rup expect the largest
    // finite), tiny * inf and 0 / tiny are invalid (NaN: other), sqrt(-tiny) is -0 (nan_lost).
    // A result is flushed on the exact value's exponent, before rounding (ftz; and other where
    // it would have rounded up to 2^-14: 0x0400 * 0x3BFF in rne gives 0x0000, not 0x0400).
    // Where the result is right the flags still differ (flags): IDC, no IEEE flag, for a flushed
    // operand (1 + 2^-24 in rne: no inexact), UFC without IXC for a flushed result.
    KnownDeviation{Op::f16_add, DeviationKind::ftz, kFz16Out},
    KnownDeviation{Op::f16_add, DeviationKind::daz, kFz16In},
    KnownDeviation{Op::f16_add, DeviationKind::flags, kFz16Flags},
    KnownDeviation{Op::f16_add, DeviationKind::overflow, kFz16Overflow,
                   mode_bit(Rounding::rdn) | mode_bit(Rounding::rup)},
    KnownDeviation{Op::f16_sub, DeviationKind::ftz, kFz16Out},
    KnownDeviation{Op::f16_sub, DeviationKind::daz, kFz16In},
    KnownDeviation{Op::f16_sub, DeviationKind::flags, kFz16Flags},
    KnownDeviation{Op::f16_sub, DeviationKind::overflow, kFz16Overflow,
                   mode_bit(Rounding::rdn) | mode_bit(Rounding::rup)},
    KnownDeviation{Op::f16_mul, DeviationKind::ftz, kFz16Out},
    KnownDeviation{Op::f16_mul, DeviationKind::daz, kFz16In},
    KnownDeviation{Op::f16_mul, DeviationKind::flags, kFz16Flags},
    KnownDeviation{Op::f16_mul, DeviationKind::other, kFz16Other},
    KnownDeviation{Op::f16_div, DeviationKind::ftz, kFz16Out},
    KnownDeviation{Op::f16_div, DeviationKind::daz, kFz16In},
    KnownDeviation{Op::f16_div, DeviationKind::flags, kFz16Flags},
    KnownDeviation{Op::f16_div, DeviationKind::other, kFz16Other},
    KnownDeviation{Op::f16_div, DeviationKind::overflow, kFz16DivZero,
                   mode_bit(Rounding::rtz) | mode_bit(Rounding::rdn) | mode_bit(Rounding::rup)},
    KnownDeviation{Op::f16_sqrt, DeviationKind::daz, kFz16In},
    KnownDeviation{Op::f16_sqrt, DeviationKind::nan_lost,
                   "Arm ARM FPUnpackBase: with FPCR.FZ16=1 a negative binary16 subnormal operand of "
                   "FSQRT is read as -0, whose root is -0: no NaN, no invalid; observed: 0x8001 "
                   "gives 0x8000, not 0x7E00"},
    // FMADD under FZ16 (measured under qemu-aarch64 -cpu max, mul_add_backends_test): the same
    // flushes, and what they change in a * b + c.
    KnownDeviation{Op::f16_mulAdd, DeviationKind::ftz, kFz16Out},
    KnownDeviation{Op::f16_mulAdd, DeviationKind::daz, kFz16In},
    KnownDeviation{Op::f16_mulAdd, DeviationKind::flags, kFz16Flags},
    KnownDeviation{Op::f16_mulAdd, DeviationKind::other,
                   "Arm ARM FPUnpackBase with FPCR.FZ16=1: a subnormal factor read as zero makes "
                   "tiny x inf + c invalid; observed: 0x0001 x 0x7C00 + 0 in rne gives 0x7E00, not "
                   "0x7C00"},
    KnownDeviation{Op::f16_mulAdd, DeviationKind::signed_zero,
                   "Arm ARM FPUnpackBase with FPCR.FZ16=1: subnormal operands read as zero turn a "
                   "tiny sum into an exact zero, whose sign follows 6.3; observed: 0x0001 x 0x3BFF "
                   "+ 0x8001 in rne gives +0, not -0"},
    KnownDeviation{Op::f16_mulAdd, DeviationKind::nan_sign, kFz16MulAddNan},
    KnownDeviation{Op::f16_mulAdd, DeviationKind::nan_payload, kFz16MulAddNan},
    KnownDeviation{Op::f16_mulAdd, DeviationKind::overflow,
                   "Arm ARM FPUnpackBase with FPCR.FZ16=1: a subnormal addend read as zero; "
                   "observed: 0x0001 x 0x8001 + 0xFBFF in rdn gives 0xFBFF, not -infinity",
                   mode_bit(Rounding::rdn) | mode_bit(Rounding::rup)},
    KnownDeviation{Op::f16_mulAdd, DeviationKind::double_rounding,
                   "Arm ARM FPUnpackBase with FPCR.FZ16=1: a subnormal c read as zero leaves a * b "
                   "alone; where a * b is a tie and c was far below it, that is also what rounding "
                   "through binary32 gives, and the classifier names it double-rounding; observed: "
                   "0x3C01 x 0x3E00 + 0x8001 in rne gives 0x3E02, not 0x3E01",
                   mode_bit(Rounding::rne)},
};

constexpr Path kNeon{
    .name = "neon",
    .description = "Advanced SIMD FCVTN/FCVTN2 (f32_to_f16, FPCR.RMode rne rtz rdn rup) and "
                   "FCVTL/FCVTL2 (f16_to_f32), 8 lanes per iteration; flags from scalar FCVT and "
                   "FPSR per element; FPCR AHP=0 DN=0 FZ=0 FZ16=0; with fphp and asimdhp, "
                   "f16_add f16_sub f16_mul f16_div f16_sqrt f16_mulAdd by FADD FSUB FMUL FDIV "
                   "FSQRT FMLA on 8h vectors (flags from the scalar H forms, FMADD)",
    .features = kFeatures,
    .narrow_op = Op::f32_to_f16,
    .widen_op = Op::f16_to_f32,
    .narrow = f32_to_f16,
    .widen = f16_to_f32,
    .narrow_one = f32_to_f16_one,
    .widen_one = f16_to_f32_one,
    .flush = false,
    .known = {},
    .arith = &kArith,
};

constexpr Path kNeonFtz = flushing(
    kNeon, "neon-ftz",
    "Advanced SIMD FCVTN/FCVTN2 (f32_to_f16, FPCR.RMode rne rtz rdn rup) and "
                   "FCVTL/FCVTL2 (f16_to_f32), 8 lanes per iteration; flags from scalar FCVT and "
                   "FPSR per element; FPCR AHP=0 DN=0 FZ=1 FZ16=1 (binary32 subnormal inputs "
                   "read as zero); with fphp and asimdhp, f16_add f16_sub f16_mul f16_div f16_sqrt "
                   "f16_mulAdd by FADD FSUB FMUL FDIV FSQRT FMLA on 8h vectors, binary16 subnormal "
                   "operands and results flushed to zero",
    kFtzKnown);

}  // namespace

FPCONFORM_REGISTER_BACKEND(PathBackend, kNeon);
FPCONFORM_REGISTER_BACKEND(PathBackend, kNeonFtz);

}  // namespace fpconform::neon
