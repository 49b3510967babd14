// Imath as Debian builds it, on baseline x86-64 (no F16C): float -> half computed in
// imath_float_to_half, half -> float read from libImath's imath_half_to_float_table
// (IMATH_HALF_USE_LOOKUP_TABLE, set in ImathConfig.h).
#if defined(__F16C__)
#error "the table path must be built without F16C (CMakeLists.txt adds -mno-avx)"
#endif
#define FPCONFORM_IMATH_PATH table
#include "backends/imath/kernels.inc"
