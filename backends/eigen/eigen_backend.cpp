// Peer: Eigen 3.4 (Debian libeigen3-dev): Eigen::half and Eigen::bfloat16 converted one at a time
// (Eigen::half(float), static_cast<float>(h)), as arrays (Map<const ArrayXf>(...).cast<...>() and
// back) and as tensors (TensorMap<const Tensor<float, 1>>(...).cast<...>() and back, the one API
// of Eigen 3.4 that reaches its packet casts). Eigen picks its code at compile time, so each build
// is its own translation unit (kernels.inc says why each renames Eigen's namespace) and each
// (API, build) its own instance:
//
//   eigen              scalar, baseline x86-64: float_to_half_rtne / half_to_float in integer
//                      and float code; float_to_bfloat16_rtne / bfloat16_to_float; from a
//                      double, the same after static_cast<float>
//   eigen-cast         array cast, baseline: Core's cast is never vectorized in Eigen 3.4
//                      (scalar_cast_op has PacketAccess = false): the scalar code per element
//   eigen-tensor       tensor cast, baseline: SSE2 has no vectorized half or bfloat16 cast, so
//                      the scalar code per element
//   eigen-f16c         scalar, -mavx2 -mf16c -mfma + EIGEN_HAS_FP16_C (eigen_f16c.cpp says why):
//                      half through _cvtss_sh / _cvtsh_ss; bfloat16 the same scalar C++ code
//   eigen-cast-f16c    array cast, same build: the scalar code of eigen-f16c per element
//   eigen-tensor-f16c  tensor cast, same build: packets of 8, half through _mm256_cvtps_ph /
//                      _mm256_cvtph_ps, bfloat16 through F32ToBf16 / Bf16ToF32
#include <array>
#include <span>

#include "backends/eigen/kernels.hpp"
#include "backends/peer_path.hpp"

namespace fpconform {
namespace {



// The four ops of one API (scalar, cast, tensor) in one build (baseline, f16c).
#define FPCONFORM_EIGEN_OPS(build, api)                                      \
  std::array {                                                               \
    OpKernel{Op::f32_to_f16, &eigen_kernels::build::api##_f32_to_f16},       \
        OpKernel{Op::f16_to_f32, &eigen_kernels::build::api##_f16_to_f32},   \
        OpKernel{Op::f32_to_bf16, &eigen_kernels::build::api##_f32_to_bf16}, \
        OpKernel{Op::bf16_to_f32, &eigen_kernels::build::api##_bf16_to_f32}, \
  }

// The scalar API's conversions and its arithmetic (Eigen::half / Eigen::bfloat16 operators and
// numext::sqrt). The array and tensor APIs' arithmetic is not registered: in Eigen 3.4 an
// Array<half> expression computes per element with the same scalar operators (half has no
// packet arithmetic on SSE2; AVX's Packet8h arithmetic converts to Packet8f, operates and
// converts back with the tensor cast's pcast already checked), so it would repeat these.
#define FPCONFORM_EIGEN_SCALAR_OPS(build)                                    \
  std::array {                                                               \
    OpKernel{Op::f32_to_f16, &eigen_kernels::build::scalar_f32_to_f16},      \
        OpKernel{Op::f16_to_f32, &eigen_kernels::build::scalar_f16_to_f32},  \
        OpKernel{Op::f32_to_bf16, &eigen_kernels::build::scalar_f32_to_bf16},\
        OpKernel{Op::bf16_to_f32, &eigen_kernels::build::scalar_bf16_to_f32},\
        OpKernel{Op::f64_to_f16, &eigen_kernels::build::scalar_f64_to_f16},  \
        OpKernel{Op::f64_to_bf16, &eigen_kernels::build::scalar_f64_to_bf16},\
        OpKernel{Op::f16_add, &eigen_kernels::build::scalar_f16_add},        \
        OpKernel{Op::f16_sub, &eigen_kernels::build::scalar_f16_sub},        \
        OpKernel{Op::f16_mul, &eigen_kernels::build::scalar_f16_mul},        \
        OpKernel{Op::f16_div, &eigen_kernels::build::scalar_f16_div},        \
        OpKernel{Op::f16_sqrt, &eigen_kernels::build::scalar_f16_sqrt},      \
        OpKernel{Op::bf16_add, &eigen_kernels::build::scalar_bf16_add},      \
        OpKernel{Op::bf16_sub, &eigen_kernels::build::scalar_bf16_sub},      \
        OpKernel{Op::bf16_mul, &eigen_kernels::build::scalar_bf16_mul},      \
        OpKernel{Op::bf16_div, &eigen_kernels::build::scalar_bf16_div},      \
        OpKernel{Op::bf16_sqrt, &eigen_kernels::build::scalar_bf16_sqrt},    \
  }

constexpr auto kBaselineScalar = FPCONFORM_EIGEN_SCALAR_OPS(baseline);
constexpr auto kBaselineCast = FPCONFORM_EIGEN_OPS(baseline, cast);
constexpr auto kBaselineTensor = FPCONFORM_EIGEN_OPS(baseline, tensor);

// What the suites find (edge + random:1000000 and exhaustive for binary32 sources; all 2^16
// inputs of the widening ops).
constexpr KnownDeviation kHalfPayload{
    Op::f32_to_f16, DeviationKind::nan_payload,
    "float_to_half_rtne (software): every NaN becomes the quiet NaN 0x7E00 with the input's "
    "sign: the payload is dropped, 0x7F802000 -> 0x7E00 not 0x7E01"};
constexpr KnownDeviation kHalfQuiet{
    Op::f16_to_f32, DeviationKind::nan_quiet,
    "half_to_float (software): exponent rebiased, fraction shifted as is: a signaling half stays "
    "a signaling float, 0x7C01 -> 0x7F802000"};
constexpr KnownDeviation kBf16Payload{
    Op::f32_to_bf16, DeviationKind::nan_payload,
    "float_to_bfloat16_rtne: every NaN becomes 0x7FC0 / 0xFFC0 (sign kept): the payload is "
    "dropped, 0x7F810000 -> 0x7FC0 not 0x7FC1"};
constexpr KnownDeviation kBf16Quiet{
    Op::bf16_to_f32, DeviationKind::nan_quiet,
    "bfloat16_to_float: the 16 bits become the top half of the float as is: a signaling bfloat16 "
    "stays a signaling float, 0x7F81 -> 0x7F810000"};

// Eigen::half(double) and Eigen::bfloat16(double): the templated constructor casts to float first
// (static_cast<float>(val)), then rounds that: two roundings to nearest (measured on edge +
// random inputs aimed at midpoints).
constexpr KnownDeviation kHalfFromDouble{
    Op::f64_to_f16, DeviationKind::double_rounding,
    "Eigen::half(double) is float_to_half_rtne(static_cast<float>(x)): rounded to binary32 first, "
    "a value just above a binary16 midpoint lands on it and ties to even, 0x3E60000000000001 "
    "(2^-25 + 2^-77) -> 0x0000 not 0x0001"};
constexpr KnownDeviation kBf16FromDouble{
    Op::f64_to_bf16, DeviationKind::double_rounding,
    "Eigen::bfloat16(double) is float_to_bfloat16_rtne(static_cast<float>(x)): rounded to "
    "binary32 first, then to bfloat16, 0x3790000000000001 (2^-134 + 2^-186) -> 0x0000 not 0x0001"};
constexpr KnownDeviation kHalfFromDoublePayload{
    Op::f64_to_f16, DeviationKind::nan_payload,
    "Eigen::half(double) narrows the float NaN with float_to_half_rtne (software): the payload is "
    "dropped, 0x7FF0040000000000 -> 0x7E00 not 0x7E01"};
constexpr KnownDeviation kBf16FromDoublePayload{
    Op::f64_to_bf16, DeviationKind::nan_payload,
    "Eigen::bfloat16(double) narrows the float NaN with float_to_bfloat16_rtne: the payload is "
    "dropped, 0x7FF0200000000000 -> 0x7FC0 not 0x7FC1"};

// Arithmetic: T(float(a) op float(b)) computes the number right (one binary32 operation, then
// one rne narrowing: innocuous double rounding) and the NaN by x86's rule, but the narrowing
// drops the NaN's payload as the conversion does (measured: every NaN result, sign and operand
// order kept; 0x7C01 + 0 -> 0x7E00 not 0x7E01).
constexpr std::string_view kHalfArith =
    "T(float(a) op float(b)) and numext::sqrt narrow with float_to_half_rtne (software): the "
    "NaN of x86's rule loses its payload, f16_add(0x7C01, 0) -> 0x7E00 not 0x7E01";
constexpr std::string_view kBf16Arith =
    "T(float(a) op float(b)) and numext::sqrt narrow with float_to_bfloat16_rtne: the NaN of "
    "x86's rule loses its payload, bf16_add(0x7F81, 0) -> 0x7FC0 not 0x7FC1";
#define FPCONFORM_PAYLOAD(op, why) KnownDeviation{Op::op, DeviationKind::nan_payload, why}
constexpr std::array kBaselineKnown{
    kHalfPayload, kHalfQuiet, kBf16Payload, kBf16Quiet, kHalfFromDouble, kBf16FromDouble,
    kHalfFromDoublePayload, kBf16FromDoublePayload,
    FPCONFORM_PAYLOAD(f16_add, kHalfArith), FPCONFORM_PAYLOAD(f16_sub, kHalfArith),
    FPCONFORM_PAYLOAD(f16_mul, kHalfArith), FPCONFORM_PAYLOAD(f16_div, kHalfArith),
    FPCONFORM_PAYLOAD(f16_sqrt, kHalfArith), FPCONFORM_PAYLOAD(bf16_add, kBf16Arith),
    FPCONFORM_PAYLOAD(bf16_sub, kBf16Arith), FPCONFORM_PAYLOAD(bf16_mul, kBf16Arith),
    FPCONFORM_PAYLOAD(bf16_div, kBf16Arith), FPCONFORM_PAYLOAD(bf16_sqrt, kBf16Arith)};
// The array and tensor paths implement no arithmetic: their declarations stay the conversions'.
constexpr std::array kBaselineCastKnown{kHalfPayload, kHalfQuiet, kBf16Payload, kBf16Quiet};

constexpr std::array<std::string_view, 3> kAvx2F16cFma{"avx2", "f16c", "fma"};
constexpr PeerPath kEigen{
    "eigen",
    "Eigen 3.4 Eigen::half(float), static_cast<float>(half), Eigen::bfloat16(float), "
    "static_cast<float>(bfloat16), one at a time, baseline x86-64 (software float_to_half_rtne, "
    "half_to_float, float_to_bfloat16_rtne, bfloat16_to_float)",
    {}, kBaselineScalar, kBaselineKnown};
constexpr PeerPath kEigenCast{
    "eigen-cast",
    "Eigen 3.4 Map<const ArrayXf>(...).cast<Eigen::half / Eigen::bfloat16>() and back, baseline "
    "x86-64: Core's cast is not vectorized in 3.4, so the scalar constructors per element",
    {}, kBaselineCast, kBaselineCastKnown};
constexpr PeerPath kEigenTensor{
    "eigen-tensor",
    "Eigen 3.4 TensorMap<const Tensor<float, 1>>(...).cast<Eigen::half / Eigen::bfloat16>() and "
    "back, baseline x86-64: no vectorized half/bfloat16 cast on SSE2, so the scalar "
    "constructors per element",
    {}, kBaselineTensor, kBaselineCastKnown};

#if defined(__x86_64__)
constexpr auto kF16cScalar = FPCONFORM_EIGEN_SCALAR_OPS(f16c);
constexpr auto kF16cCast = FPCONFORM_EIGEN_OPS(f16c, cast);
constexpr auto kF16cTensor = FPCONFORM_EIGEN_OPS(f16c, tensor);

// F16C's vcvtps2ph keeps the top payload bits: only bfloat16's arithmetic loses them.
constexpr std::array kF16cScalarKnown{
    kBf16Payload, kBf16Quiet, kHalfFromDouble, kBf16FromDouble, kBf16FromDoublePayload,
    FPCONFORM_PAYLOAD(bf16_add, kBf16Arith),
    FPCONFORM_PAYLOAD(bf16_sub, kBf16Arith), FPCONFORM_PAYLOAD(bf16_mul, kBf16Arith),
    FPCONFORM_PAYLOAD(bf16_div, kBf16Arith), FPCONFORM_PAYLOAD(bf16_sqrt, kBf16Arith)};
constexpr std::array kF16cCastKnown{kBf16Payload, kBf16Quiet};
constexpr std::array kF16cTensorKnown{
    KnownDeviation{Op::f32_to_bf16, DeviationKind::nan_sign,
                   "F32ToBf16 (AVX2 packet): every NaN lane is blended with the constant 0x7FC0: "
                   "a negative NaN comes out positive, 0xFF800001 -> 0x7FC0 not 0xFFC0"},
    KnownDeviation{Op::f32_to_bf16, DeviationKind::nan_payload,
                   "F32ToBf16 (AVX2 packet): every NaN lane is blended with the constant 0x7FC0: "
                   "the payload is dropped, 0x7F810000 -> 0x7FC0 not 0x7FC1"},
    KnownDeviation{Op::bf16_to_f32, DeviationKind::nan_quiet,
                   "Bf16ToF32 (AVX2 packet): zero-extend and shift left by 16: a signaling "
                   "bfloat16 stays a signaling float, 0x7F81 -> 0x7F810000"},
};

constexpr PeerPath kEigenF16c{
    "eigen-f16c",
    "Eigen 3.4 Eigen::half(float) / static_cast<float>(half) built with -mavx2 -mf16c -mfma and "
    "EIGEN_HAS_FP16_C (which 3.4.0 never sets under GCC): _cvtss_sh(f, 0) (vcvtps2ph, rne) and "
    "_cvtsh_ss (vcvtph2ps); Eigen::bfloat16 one at a time (float_to_bfloat16_rtne, "
    "bfloat16_to_float)",
    kAvx2F16cFma, kF16cScalar, kF16cScalarKnown};
constexpr PeerPath kEigenCastF16c{
    "eigen-cast-f16c",
    "Eigen 3.4 Map<const ArrayXf>(...).cast<Eigen::half / Eigen::bfloat16>() and back in the "
    "eigen-f16c build: not vectorized in 3.4, so eigen-f16c's scalar code per element",
    kAvx2F16cFma, kF16cCast, kF16cCastKnown};
constexpr PeerPath kEigenTensorF16c{
    "eigen-tensor-f16c",
    "Eigen 3.4 TensorMap<const Tensor<float, 1>>(...).cast<Eigen::half / Eigen::bfloat16>() and "
    "back in the eigen-f16c build: AVX packets, _mm256_cvtps_ph / _mm256_cvtph_ps (pcast "
    "Packet8f <-> Packet8h) and F32ToBf16 / Bf16ToF32 (Packet8bf)",
    kAvx2F16cFma, kF16cTensor, kF16cTensorKnown};
#endif

#undef FPCONFORM_EIGEN_OPS
#undef FPCONFORM_EIGEN_SCALAR_OPS
#undef FPCONFORM_PAYLOAD


}  // namespace

FPCONFORM_REGISTER_BACKEND(PeerPathBackend, kEigen);
FPCONFORM_REGISTER_BACKEND(PeerPathBackend, kEigenCast);
FPCONFORM_REGISTER_BACKEND(PeerPathBackend, kEigenTensor);
#if defined(__x86_64__)
FPCONFORM_REGISTER_BACKEND(PeerPathBackend, kEigenF16c);
FPCONFORM_REGISTER_BACKEND(PeerPathBackend, kEigenCastF16c);
FPCONFORM_REGISTER_BACKEND(PeerPathBackend, kEigenTensorF16c);
#endif

}  // namespace fpconform
