// The exact int8 GEMM: C = A B accumulated in int64, so nothing can overflow or saturate.
#pragma once

#include <cstdint>
#include <limits>
#include <span>
#include <vector>

#include "fpconform/int8.hpp"

namespace fpconform::oracle {

// a: m x k (int8_t or uint8_t as a_type says), b: k x n int8, c: m x n; all row-major.
void gemm_exact(GemmShape shape, IntType a_type, const void* a, const std::int8_t* b,
                std::span<std::int64_t> c);

// C under a declared model (GemmModel, include/fpconform/int8.hpp); exact is gemm_exact.
void gemm_model(GemmModel model, GemmShape shape, IntType a_type, const void* a, const std::int8_t* b,
                std::span<std::int64_t> c);

// B (k x n) as n x k: row j is column j of B, so that every element of C is the dot product of
// two contiguous rows.
std::vector<std::int8_t> transpose_b(GemmShape shape, const std::int8_t* b);

// Rows row0 .. row0 + rows - 1 of gemm_exact's C, from bt = transpose_b(shape, b): c_rows holds
// rows x n elements. One thread; a caller that wants more shares out the rows.
void gemm_exact_rows(GemmShape shape, IntType a_type, const void* a, const std::int8_t* bt,
                     int row0, int rows, std::span<std::int64_t> c_rows);

// The same rows of gemm_model's C, from bt = transpose_b(shape, b).
void gemm_model_rows(GemmModel model, GemmShape shape, IntType a_type, const void* a,
                     const std::int8_t* bt, int row0, int rows, std::span<std::int64_t> c_rows);

// An int32 GEMM cannot hold this element: the exact reference flags it instead of wrapping.
constexpr bool overflows_int32(std::int64_t v) {
  return v < std::numeric_limits<std::int32_t>::min() || v > std::numeric_limits<std::int32_t>::max();
}

}  // namespace fpconform::oracle
