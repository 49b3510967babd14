#include "checks/int8/gemm_compare.hpp"

#include <algorithm>
#include <cstdlib>

#include "checks/parallel.hpp"
#include "oracles/int8/gemm.hpp"

namespace fpconform {
namespace {

// A unit of work: up to this many consecutive rows, computed together so that each block of B
// transposed is reused across them (oracles/int8/gemm.cpp).
constexpr int kRowsPerUnit = 32;

struct RowRun {
  int row0, rows;
};

std::vector<RowRun> runs_of(std::span<const int> rows) {
  std::vector<RowRun> runs;
  for (const int i : rows)
    if (!runs.empty() && runs.back().row0 + runs.back().rows == i && runs.back().rows < kRowsPerUnit)
      ++runs.back().rows;
    else
      runs.push_back({i, 1});
  return runs;
}

// For every run of `rows`, on `threads` threads: fill(run, c) puts the oracle's rows of the run in c,
// then visit(state, row, col, oracle, got) sees each element in row-major order. One state per
// run, in the order of the rows, so that what they found merges the same whatever thread ran them.
template <typename State, typename Fill, typename Visit>
std::vector<State> over_runs(const GemmOperandsView& g, std::span<const int> rows, unsigned threads,
                             Fill fill, Visit visit) {
  const std::vector<RowRun> runs = runs_of(rows);
  threads = std::clamp<unsigned>(threads, 1, std::max<unsigned>(1, static_cast<unsigned>(runs.size())));
  std::vector<State> states(runs.size());
  std::vector<std::vector<std::int64_t>> buffers(threads);
  parallel(runs.size(), threads, [&](unsigned t, std::uint64_t u) {
    const RowRun run = runs[u];
    std::vector<std::int64_t>& c = buffers[t];
    c.resize(std::size_t(run.rows) * std::size_t(g.shape.n));
    fill(run, c);
    for (int i = 0; i < run.rows; ++i)
      for (int j = 0; j < g.shape.n; ++j) {
        const int row = run.row0 + i;
        visit(states[u], row, j, c[std::size_t(i) * g.shape.n + j], g.got[std::size_t(row) * g.shape.n + j]);
      }
  });
  return states;
}

void set_worst(ExactRowsTally& t, std::int64_t diff, int row, int col, std::int64_t expected, std::int32_t got) {
  t.worst_diff = diff;
  t.worst_row = row;
  t.worst_col = col;
  t.worst_expected = expected;
  t.worst_got = got;
}

}  // namespace

ExactRowsTally compare_exact_rows(const GemmOperandsView& g, std::span<const int> rows, unsigned threads) {
  const auto tallies = over_runs<ExactRowsTally>(
      g, rows, threads,
      [&](RowRun run, std::vector<std::int64_t>& c) {
        oracle::gemm_exact_rows(g.shape, g.a_type, g.a, g.bt, run.row0, run.rows, c);
      },
      [](ExactRowsTally& t, int row, int col, std::int64_t expected, std::int32_t got) {
        if (oracle::overflows_int32(expected)) {
          ++t.int32_overflows;
          return;
        }
        const std::int64_t diff = std::abs(got - expected);
        if (diff == 0) return;
        ++t.mismatches;
        if (diff > t.worst_diff) set_worst(t, diff, row, col, expected, got);
      });
  ExactRowsTally all;
  for (const ExactRowsTally& t : tallies) {
    if (t.worst_diff > all.worst_diff)  // strictly: of two as far off, the earlier stays
      set_worst(all, t.worst_diff, t.worst_row, t.worst_col, t.worst_expected, t.worst_got);
    all.mismatches += t.mismatches;
    all.int32_overflows += t.int32_overflows;
  }
  return all;
}

std::uint64_t count_model_mismatches(const GemmOperandsView& g, GemmModel model, unsigned threads) {
  const std::vector<int> rows = all_rows(g.shape);
  const auto counts = over_runs<std::uint64_t>(
      g, rows, threads,
      [&](RowRun run, std::vector<std::int64_t>& c) {
        oracle::gemm_model_rows(model, g.shape, g.a_type, g.a, g.bt, run.row0, run.rows, c);
      },
      [](std::uint64_t& n, int, int, std::int64_t declared, std::int32_t got) {
        n += !oracle::overflows_int32(declared) && got != declared;
      });
  std::uint64_t n = 0;
  for (const std::uint64_t c : counts) n += c;
  return n;
}

std::vector<int> all_rows(GemmShape shape) {
  std::vector<int> rows(std::size_t(std::max(shape.m, 0)));
  for (std::size_t i = 0; i < rows.size(); ++i) rows[i] = static_cast<int>(i);
  return rows;
}

}  // namespace fpconform
