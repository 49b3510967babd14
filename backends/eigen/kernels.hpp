// The Eigen conversions, one namespace per build of Eigen (baseline x86-64, AVX2 + F16C + FMA),
// each compiled in its own translation unit with its own renamed Eigen namespace (kernels.inc).
// scalar_*: Eigen::half(float) / static_cast<float>(h), the same for Eigen::bfloat16, one element
// at a time; cast_*: Map<const ArrayXf>(...).cast<Eigen::half>() and back; tensor_*:
// TensorMap<const Tensor<float, 1>>(...).cast<Eigen::half>() and back (Eigen's packet casts).
// scalar_<fmt>_<op>: Eigen::half / Eigen::bfloat16 operators + - * / and numext::sqrt, one
// element at a time (input words as operation.hpp lays them out).
// Batches of containers in, containers out; buffers may be unaligned.
#pragma once

#include <cstddef>

namespace fpconform::eigen_kernels {

#define FPCONFORM_EIGEN_KERNELS                                       \
  void scalar_f32_to_f16(const void* in, void* out, std::size_t n);   \
  void scalar_f16_to_f32(const void* in, void* out, std::size_t n);   \
  void scalar_f64_to_f16(const void* in, void* out, std::size_t n);   \
  void scalar_f64_to_bf16(const void* in, void* out, std::size_t n);  \
  void scalar_f32_to_bf16(const void* in, void* out, std::size_t n);  \
  void scalar_bf16_to_f32(const void* in, void* out, std::size_t n);  \
  void cast_f32_to_f16(const void* in, void* out, std::size_t n);     \
  void cast_f16_to_f32(const void* in, void* out, std::size_t n);     \
  void cast_f32_to_bf16(const void* in, void* out, std::size_t n);    \
  void cast_bf16_to_f32(const void* in, void* out, std::size_t n);    \
  void tensor_f32_to_f16(const void* in, void* out, std::size_t n);   \
  void tensor_f16_to_f32(const void* in, void* out, std::size_t n);   \
  void tensor_f32_to_bf16(const void* in, void* out, std::size_t n);  \
  void tensor_bf16_to_f32(const void* in, void* out, std::size_t n);  \
  void scalar_f16_add(const void* in, void* out, std::size_t n);      \
  void scalar_f16_sub(const void* in, void* out, std::size_t n);      \
  void scalar_f16_mul(const void* in, void* out, std::size_t n);      \
  void scalar_f16_div(const void* in, void* out, std::size_t n);      \
  void scalar_f16_sqrt(const void* in, void* out, std::size_t n);     \
  void scalar_bf16_add(const void* in, void* out, std::size_t n);     \
  void scalar_bf16_sub(const void* in, void* out, std::size_t n);     \
  void scalar_bf16_mul(const void* in, void* out, std::size_t n);     \
  void scalar_bf16_div(const void* in, void* out, std::size_t n);     \
  void scalar_bf16_sqrt(const void* in, void* out, std::size_t n);

namespace baseline { FPCONFORM_EIGEN_KERNELS }  // eigen_baseline.cpp: SSE2, no F16C
namespace f16c { FPCONFORM_EIGEN_KERNELS }      // eigen_f16c.cpp: -mavx2 -mf16c -mfma

#undef FPCONFORM_EIGEN_KERNELS

}  // namespace fpconform::eigen_kernels
