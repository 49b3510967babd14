// The Imath conversions, one namespace per code path, each compiled in its own translation unit
// (imath_table.cpp, imath_nolut.cpp, imath_f16c.cpp) with its own renamed Imath namespace: see
// kernels.inc. Batches of containers in, containers out; buffers may be unaligned.
#pragma once

#include <cstddef>

namespace fpconform::imath_kernels {

#define FPCONFORM_IMATH_KERNELS                                   \
  void f32_to_f16(const void* in, void* out, std::size_t n);      \
  void f16_to_f32(const void* in, void* out, std::size_t n);      \
  void f16_add(const void* in, void* out, std::size_t n);         \
  void f16_sub(const void* in, void* out, std::size_t n);         \
  void f16_mul(const void* in, void* out, std::size_t n);         \
  void f16_div(const void* in, void* out, std::size_t n);

namespace table { FPCONFORM_IMATH_KERNELS }  // baseline x86-64, half -> float by lookup table
namespace nolut { FPCONFORM_IMATH_KERNELS }  // baseline x86-64, IMATH_HALF_NO_LOOKUP_TABLE
namespace f16c { FPCONFORM_IMATH_KERNELS }   // -mavx2 -mf16c: vcvtps2ph / vcvtph2ps

#undef FPCONFORM_IMATH_KERNELS

}  // namespace fpconform::imath_kernels
