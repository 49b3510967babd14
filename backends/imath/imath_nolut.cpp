// Imath with IMATH_HALF_NO_LOOKUP_TABLE, on baseline x86-64: half -> float computed by bit
// manipulation in imath_half_to_float instead of read from the table.
#if defined(__F16C__)
#error "the no-table path must be built without F16C (CMakeLists.txt adds -mno-avx)"
#endif
#define IMATH_HALF_NO_LOOKUP_TABLE
#define FPCONFORM_IMATH_PATH nolut
#include "backends/imath/kernels.inc"
