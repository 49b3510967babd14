// Peer: Maratyszcza's FP16 library (Debian libfp16-dev, <fp16.h>), header-only static inline C
// functions, so every call below is compiled here, for baseline x86-64. Two instances, because
// the header has two f16 -> f32 functions that treat NaNs differently:
//
//   libfp16       f32 -> f16  fp16_ieee_from_fp32_value: float arithmetic (x * 2^112 * 2^-110
//                             plus a magic bias does the rounding, so it rounds as MXCSR says:
//                             nearest-even by default); the header has no _bits variant of it
//                 f16 -> f32  fp16_ieee_to_fp32_value: a float multiply by 2^-112 rebiases
//   libfp16-bits  f16 -> f32  fp16_ieee_to_fp32_bits: integer only
#include <fp16.h>

#include <array>
#include <cstdint>
#include <cstring>
#include <span>

#include "backends/peer_path.hpp"

namespace fpconform {
namespace {

std::uint16_t from_fp32_value(std::uint32_t x) {
  float f;
  std::memcpy(&f, &x, 4);
  return fp16_ieee_from_fp32_value(f);
}

std::uint32_t to_fp32_value(std::uint16_t h) {
  const float f = fp16_ieee_to_fp32_value(h);
  std::uint32_t x;
  std::memcpy(&x, &f, 4);
  return x;
}

std::uint32_t to_fp32_bits(std::uint16_t h) { return fp16_ieee_to_fp32_bits(h); }



constexpr std::array kValueKernels{
    OpKernel{Op::f32_to_f16, &element_batch<std::uint32_t, std::uint16_t, from_fp32_value>},
    OpKernel{Op::f16_to_f32, &element_batch<std::uint16_t, std::uint32_t, to_fp32_value>},
};
constexpr std::array kBitsKernels{
    OpKernel{Op::f16_to_f32, &element_batch<std::uint16_t, std::uint32_t, to_fp32_bits>},
};

// What the suites find (edge + random:1000000 and exhaustive f32 -> f16; all 2^16 halves).
constexpr std::array kValueKnown{
    KnownDeviation{Op::f32_to_f16, DeviationKind::nan_payload,
                   "every NaN becomes the canonical quiet NaN 0x7E00 with the input's sign "
                   "(shl1_w > 0xFF000000 ? 0x7E00): the payload is dropped, 0x7F802000 -> "
                   "0x7E00 not 0x7E01"},
};
constexpr std::array kBitsKnown{
    KnownDeviation{Op::f16_to_f32, DeviationKind::nan_quiet,
                   "integer rebias copies the fraction as is (nonsign << renorm_shift >> 3 | "
                   "inf_nan_mask): a signaling half stays a signaling float, 0x7C01 -> 0x7F802000"},
};

constexpr PeerPath kValue{
    "libfp16",
    "Maratyszcza FP16 <fp16.h>: fp16_ieee_from_fp32_value (f32->f16, float arithmetic, rne) and "
    "fp16_ieee_to_fp32_value (f16->f32, float multiply by 2^-112)",
    {}, kValueKernels, kValueKnown};
constexpr PeerPath kBits{
    "libfp16-bits",
    "Maratyszcza FP16 <fp16.h>: fp16_ieee_to_fp32_bits (f16->f32, integer only; the header has "
    "no bits variant of f32->f16)",
    {}, kBitsKernels, kBitsKnown};


}  // namespace

FPCONFORM_REGISTER_BACKEND(PeerPathBackend, kValue);
FPCONFORM_REGISTER_BACKEND(PeerPathBackend, kBits);

FPCONFORM_REGISTER_LIBRARY("FP16", "Debian libfp16-dev (no version in its headers)");
}  // namespace fpconform
