// Peer: numpy's half-precision conversion, the one behind numpy.float16 (npymath's
// npy_floatbits_to_halfbits, npy_doublebits_to_halfbits and npy_halfbits_to_floatbits: integer
// only, round to nearest even; Debian python3-numpy's static libnpymath.a). float64 to float16
// (numpy.float64(x).astype(numpy.float16)) is its own function, rounded once from the 52 bits.
#include <array>
#include <cstdint>
#include <cstring>

#include "backends/peer_path.hpp"

// numpy/halffloat.h's two functions, declared here because that header includes <Python.h> (a
// package more, for two prototypes); npy_uint16 and npy_uint32 are unsigned short and int.
extern "C" {
std::uint16_t npy_floatbits_to_halfbits(std::uint32_t f);
std::uint32_t npy_halfbits_to_floatbits(std::uint16_t h);
std::uint16_t npy_doublebits_to_halfbits(std::uint64_t d);
}

namespace fpconform {
namespace {

std::uint16_t to_half(std::uint32_t x) { return npy_floatbits_to_halfbits(x); }
std::uint32_t to_float(std::uint16_t h) { return npy_halfbits_to_floatbits(h); }
std::uint16_t double_to_half(std::uint64_t x) { return npy_doublebits_to_halfbits(x); }

constexpr std::array kKernels{
    OpKernel{Op::f32_to_f16, &element_batch<std::uint32_t, std::uint16_t, to_half>},
    OpKernel{Op::f16_to_f32, &element_batch<std::uint16_t, std::uint32_t, to_float>},
    OpKernel{Op::f64_to_f16, &element_batch<std::uint64_t, std::uint16_t, double_to_half>},
};

// What the suites find (all 2^32 binary32 inputs, all 2^16 halves): every number right; NaNs keep
// their payload's top bits but are not quieted.
constexpr std::array kKnown{
    KnownDeviation{Op::f32_to_f16, DeviationKind::nan_quiet,
                   "npy_floatbits_to_halfbits keeps a NaN's top payload bits without setting the quiet "
                   "bit (a payload that would vanish becomes 1): 0x7F800001 -> 0x7C01, still signaling"},
    KnownDeviation{Op::f64_to_f16, DeviationKind::nan_quiet,
                   "npy_doublebits_to_halfbits does the same from a double: 0x7FF0000000000001 -> "
                   "0x7C01, still signaling (every number rounded once, to nearest even)"},
    KnownDeviation{Op::f16_to_f32, DeviationKind::nan_quiet,
                   "npy_halfbits_to_floatbits shifts the fraction up as is: a signaling half stays a "
                   "signaling float, 0x7C01 -> 0x7F802000"},
};

constexpr PeerPath kPath{
    "numpy",
    "numpy's npymath (numpy.float16): npy_floatbits_to_halfbits (f32->f16), "
    "npy_doublebits_to_halfbits (f64->f16) and npy_halfbits_to_floatbits (f16->f32), integer only",
    {}, kKernels, kKnown};

}  // namespace

FPCONFORM_REGISTER_BACKEND(PeerPathBackend, kPath);

}  // namespace fpconform
