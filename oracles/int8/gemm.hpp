// The exact int8 GEMM: C = A B accumulated in int64, so nothing can overflow or saturate.
#pragma once

#include <cstdint>
#include <limits>
#include <span>

#include "fpconform/int8.hpp"

namespace fpconform::oracle {

// a: m x k (int8_t or uint8_t as a_type says), b: k x n int8, c: m x n; all row-major.
void gemm_exact(GemmShape shape, IntType a_type, const void* a, const std::int8_t* b,
                std::span<std::int64_t> c);

// C under a declared model (GemmModel, include/fpconform/int8.hpp); exact is gemm_exact.
void gemm_model(GemmModel model, GemmShape shape, IntType a_type, const void* a, const std::int8_t* b,
                std::span<std::int64_t> c);

// An int32 GEMM cannot hold this element: the exact reference flags it instead of wrapping.
constexpr bool overflows_int32(std::int64_t v) {
  return v < std::numeric_limits<std::int32_t>::min() || v > std::numeric_limits<std::int32_t>::max();
}

}  // namespace fpconform::oracle
