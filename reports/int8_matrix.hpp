// INT8 GEMM exactness as a matrix, the terminal's and the HTML report's view of it: backends as
// rows, (inputs, A type) as columns, each cell the cases of every shape checked there.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "reports/int8_result.hpp"

namespace fpconform {

// The worst state of a cell's cases wins: failed (not exact, undeclared) > declared (not exact,
// as the backend declares) > exact > skipped.
enum class Int8CellState { none, skipped, exact, declared, failed };
std::string_view name(Int8CellState s);  // "", "skipped", "exact", "declared", "failed"

struct Int8Cell {
  Int8CellState state = Int8CellState::none;
  std::size_t cases = 0;      // shapes checked in this cell
  std::size_t not_exact = 0;  // of them, not exact (declared or not)
  const GemmExactness* worst = nullptr;  // the not-exact case with the largest |got - expected|
};

struct Int8Column {
  std::string inputs;  // the pattern with its seed: "full-range:1", "corner-max"
  IntType a_type;
};

struct Int8Skip {
  std::string backend;
  std::string reason;
  std::size_t cases = 0;
};

// A backend with at least one case that ran.
struct Int8Row {
  std::string backend;
  std::vector<Int8Cell> cells;  // one per column
  std::size_t cases = 0;        // that ran
  // Its cases not exact as it declares, and the one furthest off: said once per backend.
  std::size_t declared = 0;
  const GemmExactness* worst_declared = nullptr;
};

struct Int8Matrix {
  std::vector<Int8Column> columns;  // in the order first met
  std::vector<Int8Row> rows;
  std::vector<Int8Skip> skipped;    // backends whose every case was skipped: once each
};

// Points into gemm: keep it alive while the matrix is used.
Int8Matrix int8_matrix(const std::vector<GemmExactness>& gemm);

// "C[252][53] = -53047, expected 88265 (256x256:256x256 s8)": where a case is furthest off.
std::string worst_element(const GemmExactness& g);

}  // namespace fpconform
