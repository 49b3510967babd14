// Peer: Imath 3.1 (Debian libimath-dev, <Imath/half.h>): Imath::half(float) and float(half),
// which are one code with the C functions imath_float_to_half / imath_half_to_float (the members
// call them). Imath picks its code path at compile time, so each path is its own instance, built
// in its own translation unit (kernels.inc says why each renames Imath's namespace):
//
//   imath        baseline x86-64: float -> half computed (integer rne), half -> float read from
//                libImath's lookup table (IMATH_HALF_USE_LOOKUP_TABLE, Debian's default)
//   imath-nolut  baseline x86-64, IMATH_HALF_NO_LOOKUP_TABLE: half -> float computed; its
//                float -> half is the same code as imath's, so only f16_to_f32 is registered
//   imath-f16c   -mavx2 -mf16c: _cvtss_sh (vcvtps2ph, rne) and _cvtsh_ss (vcvtph2ps)
#include <array>
#include <span>

#include <Imath/ImathConfig.h>

#include "backends/imath/kernels.hpp"
#include "backends/peer_path.hpp"

namespace fpconform {
namespace {



namespace k = imath_kernels;

// The arithmetic (half's +=, -=, *=, /=: through float) is registered for imath and
// imath-f16c; imath-nolut would repeat imath's with a computed instead of a looked-up widening,
// which f16_to_f32 already checks. Imath has no half sqrt: f16_sqrt is not implemented.
constexpr std::array kTableKernels{OpKernel{Op::f32_to_f16, &k::table::f32_to_f16},
                                   OpKernel{Op::f16_to_f32, &k::table::f16_to_f32},
                                   OpKernel{Op::f16_add, &k::table::f16_add},
                                   OpKernel{Op::f16_sub, &k::table::f16_sub},
                                   OpKernel{Op::f16_mul, &k::table::f16_mul},
                                   OpKernel{Op::f16_div, &k::table::f16_div}};
constexpr std::array kNolutKernels{OpKernel{Op::f16_to_f32, &k::nolut::f16_to_f32}};

// What the suites find (edge + random:1000000 and exhaustive f32 -> f16; all 2^16 halves).
constexpr std::array kTableKnown{
    KnownDeviation{Op::f32_to_f16, DeviationKind::nan_quiet,
                   "NaN fraction truncated (m = frac >> 13, or 1 if that is 0) without setting "
                   "the quiet bit: a signaling float stays a signaling half, 0x7F800001 -> 0x7C01"},
    KnownDeviation{Op::f16_to_f32, DeviationKind::nan_quiet,
                   "the lookup table holds the fraction shifted as is: a signaling half stays a "
                   "signaling float, 0x7C01 -> 0x7F802000"},
};
constexpr std::array kNolutKnown{
    KnownDeviation{Op::f16_to_f32, DeviationKind::nan_quiet,
                   "exponent set to 0xFF, fraction shifted as is: a signaling half stays a "
                   "signaling float, 0x7C01 -> 0x7F802000"},
};

constexpr std::array<std::string_view, 2> kAvx2F16c{"avx2", "f16c"};
constexpr PeerPath kTable{
    "imath",
    "Imath 3.1 Imath::half(float) = imath_float_to_half (computed, rne) and float(half) = "
    "imath_half_to_float (libImath's lookup table), baseline x86-64",
    {}, kTableKernels, kTableKnown};
constexpr PeerPath kNolut{
    "imath-nolut",
    "Imath 3.1 float(half) = imath_half_to_float with IMATH_HALF_NO_LOOKUP_TABLE (computed), "
    "baseline x86-64",
    {}, kNolutKernels, kNolutKnown};

#if defined(__x86_64__)
constexpr std::array kF16cKernels{OpKernel{Op::f32_to_f16, &k::f16c::f32_to_f16},
                                  OpKernel{Op::f16_to_f32, &k::f16c::f16_to_f32},
                                  OpKernel{Op::f16_add, &k::f16c::f16_add},
                                  OpKernel{Op::f16_sub, &k::f16c::f16_sub},
                                  OpKernel{Op::f16_mul, &k::f16c::f16_mul},
                                  OpKernel{Op::f16_div, &k::f16c::f16_div}};
constexpr PeerPath kF16c{
    "imath-f16c",
    "Imath 3.1 Imath::half(float) / float(half) built with -mavx2 -mf16c: _cvtss_sh (vcvtps2ph, "
    "rne) and _cvtsh_ss (vcvtph2ps)",
    kAvx2F16c, kF16cKernels, {}};
#endif


}  // namespace

FPCONFORM_REGISTER_BACKEND(PeerPathBackend, kTable);
FPCONFORM_REGISTER_BACKEND(PeerPathBackend, kNolut);
#if defined(__x86_64__)
FPCONFORM_REGISTER_BACKEND(PeerPathBackend, kF16c);
#endif

FPCONFORM_REGISTER_LIBRARY("Imath", IMATH_VERSION_STRING);
}  // namespace fpconform
