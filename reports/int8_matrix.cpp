#include "reports/int8_matrix.hpp"

#include <algorithm>
#include <cstdlib>

namespace fpconform {
namespace {

Int8CellState state_of(const GemmExactness& g) {
  switch (g.status) {
    case Status::passed: return Int8CellState::exact;
    case Status::failed: return g.undeclared_failure() ? Int8CellState::failed : Int8CellState::declared;
    case Status::skipped: return Int8CellState::skipped;
    case Status::unimplemented: return Int8CellState::none;
  }
  return Int8CellState::none;
}

// Whether a is further off than the case held in worst (or there is none yet).
bool further(const GemmExactness& a, const GemmExactness* worst) {
  return !worst || std::llabs(a.worst_got - a.worst_expected) > std::llabs(worst->worst_got - worst->worst_expected);
}

}  // namespace

std::string_view name(Int8CellState s) {
  switch (s) {
    case Int8CellState::none: return "";
    case Int8CellState::skipped: return "skipped";
    case Int8CellState::exact: return "exact";
    case Int8CellState::declared: return "declared";
    case Int8CellState::failed: return "failed";
  }
  return "?";
}

Int8Matrix int8_matrix(const std::vector<GemmExactness>& gemm) {
  Int8Matrix m;
  std::vector<std::string> backends;
  for (const GemmExactness& g : gemm) {
    if (std::find(backends.begin(), backends.end(), g.backend) == backends.end()) backends.push_back(g.backend);
    if (std::none_of(m.columns.begin(), m.columns.end(),
                     [&](const Int8Column& c) { return c.inputs == g.inputs && c.a_type == g.a_type; }))
      m.columns.push_back({g.inputs, g.a_type});
  }
  for (const std::string& b : backends) {
    Int8Row row{b, std::vector<Int8Cell>(m.columns.size())};
    Int8Skip skip{b, "", 0};
    for (const GemmExactness& g : gemm) {
      if (g.backend != b) continue;
      const auto col = std::find_if(m.columns.begin(), m.columns.end(), [&](const Int8Column& c) {
        return c.inputs == g.inputs && c.a_type == g.a_type;
      });
      Int8Cell& cell = row.cells[static_cast<std::size_t>(col - m.columns.begin())];
      const Int8CellState s = state_of(g);
      if (s == Int8CellState::none) continue;
      if (s == Int8CellState::skipped) {
        ++skip.cases;
        if (skip.reason.empty()) skip.reason = g.reason;
      } else {
        ++row.cases;
        ++cell.cases;
      }
      if (s == Int8CellState::declared || s == Int8CellState::failed) {
        ++cell.not_exact;
        if (further(g, cell.worst)) cell.worst = &g;
      }
      if (s == Int8CellState::declared) {
        ++row.declared;
        if (further(g, row.worst_declared)) row.worst_declared = &g;
      }
      cell.state = std::max(cell.state, s);
    }
    if (row.cases) m.rows.push_back(std::move(row));
    else if (skip.cases) m.skipped.push_back(std::move(skip));
  }
  return m;
}

std::string worst_element(const GemmExactness& g) {
  return "C[" + std::to_string(g.worst_row) + "][" + std::to_string(g.worst_col) + "] = " +
         std::to_string(g.worst_got) + ", expected " + std::to_string(g.worst_expected) + " (" +
         format_shape(g.shape) + " " + std::string(name(g.a_type)) + ")";
}

}  // namespace fpconform
