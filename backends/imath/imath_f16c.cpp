// Imath compiled with -mavx2 -mf16c: __F16C__ makes imath_float_to_half _cvtss_sh(f, nearest)
// (vcvtps2ph) and imath_half_to_float _cvtsh_ss (vcvtph2ps). Run only where require_cpu agrees.
#if !defined(__F16C__)
#error "the F16C path must be built with -mf16c (CMakeLists.txt)"
#endif
#define FPCONFORM_IMATH_PATH f16c
#include "backends/imath/kernels.inc"
