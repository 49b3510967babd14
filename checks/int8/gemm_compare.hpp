// A GEMM's int32 C against the oracle's rows (oracles/int8/gemm.hpp), threaded over the rows: the
// exact product on chosen rows, and a declared model on all of them.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "fpconform/int8.hpp"

namespace fpconform {

// What the exact rows found in C.
struct ExactRowsTally {
  std::uint64_t mismatches = 0;
  std::uint64_t int32_overflows = 0;  // exact sums an int32 cannot hold: flagged, not compared
  // The element with the largest |got - expected|, the first such in row-major order.
  std::int64_t worst_diff = 0;
  int worst_row = -1, worst_col = -1;
  std::int64_t worst_expected = 0;
  std::int32_t worst_got = 0;
};

// The operands: a m x k (a_type), bt = oracle::transpose_b of B, got the m x n C under test.
struct GemmOperandsView {
  GemmShape shape;
  IntType a_type = IntType::s8;
  const void* a = nullptr;
  const std::int8_t* bt = nullptr;
  const std::int32_t* got = nullptr;
};

// The rows `rows` (ascending) of C against the exact product, on `threads` threads.
ExactRowsTally compare_exact_rows(const GemmOperandsView& g, std::span<const int> rows, unsigned threads);

// Elements of C that differ from the model (where the model's value fits int32), over every row.
std::uint64_t count_model_mismatches(const GemmOperandsView& g, GemmModel model, unsigned threads);

// 0, 1, ..., m - 1.
std::vector<int> all_rows(GemmShape shape);

}  // namespace fpconform
