#include "reports/int8_text.hpp"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <utility>

#include "reports/fields.hpp"

namespace fpconform {
namespace {

std::string mark(const Int8Cell& c) {
  switch (c.state) {
    case Int8CellState::none: return "";
    case Int8CellState::skipped: return "s";
    case Int8CellState::exact: return ".";
    case Int8CellState::declared:
    case Int8CellState::failed:
      return (c.state == Int8CellState::declared ? "d " : "X ") + std::to_string(c.not_exact) + "/" +
             std::to_string(c.cases);
  }
  return "?";
}

std::string pad(std::string s, std::size_t width) {
  if (s.size() < width) s.resize(width, ' ');
  return s;
}

}  // namespace

std::string format_int8_case(const GemmExactness& g) {
  std::string state(name(g.status));
  for (char& ch : state) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
  std::string s = printf_string("%-13s %-12s %s  %-22s %-16s", state.c_str(), g.backend.c_str(),
                                std::string(name(g.a_type)).c_str(), format_shape(g.shape).c_str(),
                                g.inputs.c_str());
  if (g.status == Status::passed || g.status == Status::failed)
    s += printf_string(" %llu/%llu elements differ  %.2f s", static_cast<unsigned long long>(g.mismatches),
                       static_cast<unsigned long long>(g.elements), g.seconds);
  s += "\n";
  // The full reference is what "elements differ" means; a probabilistic decision says so.
  if (!g.method.empty() && g.method != GemmExactness::kFullReference) s += "    " + g.method + "\n";
  if (g.status == Status::failed) {
    s += printf_string("    worst C[%d][%d] = %d, expected %lld (diff %lld)", g.worst_row, g.worst_col,
                       g.worst_got, static_cast<long long>(g.worst_expected),
                       static_cast<long long>(g.worst_got - g.worst_expected));
    s += (g.declared.empty() ? "" : "; declared by the backend: " + g.declared) + "\n";
    if (g.model_mismatches)
      s += printf_string("    NOT the declared model either: %llu elements differ from %s\n",
                         static_cast<unsigned long long>(g.model_mismatches), g.model.c_str());
  } else if (g.status != Status::passed) {
    s += "    " + g.reason + "\n";
  }
  if (g.int32_overflows)
    s += printf_string("    %llu exact sums do not fit int32 (flagged, not compared)\n",
                       static_cast<unsigned long long>(g.int32_overflows));
  return s + "    __REPRO: " + g.repro + "\n";
}

std::string format_int8_summary(const Int8Results& r) {
  const std::vector<GemmExactness>& gemm = r.gemm;
  const Int8Matrix m = int8_matrix(gemm);
  std::string s;
  if (!m.rows.empty()) {
    s += "INT8 GEMM exactness: '.' exact  'd N/M' N of M shapes not exact, as the backend declares  "
         "'X N/M' not exact, undeclared  's' skipped\n";
    std::size_t name_width = 8;
    for (const Int8Row& row : m.rows) name_width = std::max(name_width, row.backend.size());
    std::vector<std::size_t> widths;
    for (std::size_t c = 0; c < m.columns.size(); ++c) {
      std::size_t w = std::max<std::size_t>(m.columns[c].inputs.size(), 2);
      for (const Int8Row& row : m.rows) w = std::max(w, mark(row.cells[c]).size());
      widths.push_back(w);
    }
    std::string types = pad("", name_width), patterns = pad("", name_width);
    for (std::size_t c = 0; c < m.columns.size(); ++c) {
      const bool first_of_type = c == 0 || m.columns[c].a_type != m.columns[c - 1].a_type;
      types += "  " + pad(first_of_type ? "A " + std::string(name(m.columns[c].a_type)) : "", widths[c]);
      patterns += "  " + pad(m.columns[c].inputs, widths[c]);
    }
    const auto trimmed = [](std::string line) {
      while (!line.empty() && line.back() == ' ') line.pop_back();
      return line + "\n";
    };
    s += trimmed(types) + trimmed(patterns);
    for (const Int8Row& row : m.rows) {
      std::string line = pad(row.backend, name_width);
      for (std::size_t c = 0; c < m.columns.size(); ++c) line += "  " + pad(mark(row.cells[c]), widths[c]);
      s += trimmed(line);
    }
  }
  // A declared deviation is said once per backend, with the case furthest off; an undeclared
  // one case by case.
  for (const Int8Row& row : m.rows)
    if (const GemmExactness* worst = row.worst_declared)
      s += row.backend + ": " + std::to_string(row.declared) + " of " + std::to_string(row.cases) +
           " cases not exact, as it declares: " + worst->declared + "\n    worst " + worst_element(*worst) +
           " on " + worst->inputs + "\n    __REPRO: " + worst->repro + "\n";
  for (const GemmExactness& g : gemm)
    if (g.undeclared_failure()) s += format_int8_case(g);
  // One line per reason, the backends that share it together, as for the conversions.
  std::vector<std::pair<std::string, std::pair<std::string, std::size_t>>> by_reason;
  for (const Int8Skip& k : m.skipped) {
    auto at = std::find_if(by_reason.begin(), by_reason.end(), [&](const auto& e) { return e.first == k.reason; });
    if (at == by_reason.end()) by_reason.push_back({k.reason, {k.backend, k.cases}});
    else at->second.first += ", " + k.backend, at->second.second += k.cases;
  }
  for (const auto& [reason, who] : by_reason)
    s += "skipped  " + who.first + ": " + reason + " (" + std::to_string(who.second) +
         (who.second == 1 ? " case)\n" : " cases)\n");
  // End to end: one paragraph per (distribution, shape), each scheme's SQNR, lines wrapped.
  constexpr std::size_t kWidth = 100;
  std::vector<std::string> groups, lines;
  for (const EndToEnd& e : r.end_to_end) {
    const std::string group = "E2E  " + e.dist + "  " + format_shape(e.shape) + "  SQNR (dB):";
    auto at = std::find(groups.begin(), groups.end(), group);
    if (at == groups.end()) {
      groups.push_back(group);
      lines.push_back(group);
      at = groups.end() - 1;
    }
    std::string& line = lines[static_cast<std::size_t>(at - groups.begin())];
    const std::string item = printf_string("  %s %.2f", e.scheme.c_str(), e.sqnr_db);
    const std::size_t last_break = line.rfind('\n');
    const std::size_t width = line.size() - (last_break == std::string::npos ? 0 : last_break + 1);
    if (width + item.size() > kWidth) line += "\n    ";
    line += item;
  }
  for (const std::string& line : lines) s += line + "\n";
  std::vector<std::string> said_skipped;
  for (const Int8Skip& k : m.skipped) said_skipped.push_back(k.backend);
  return s + format_gemm_robustness(r.robustness, said_skipped);
}

std::string format_gemm_robustness(const std::vector<GemmRobustness>& results,
                                   const std::vector<std::string>& said_skipped) {
  constexpr std::size_t kShown = 6;  // problem lines per failed result; the rest are counted
  const auto said = [&](const std::string& b) {
    return std::find(said_skipped.begin(), said_skipped.end(), b) != said_skipped.end();
  };
  std::vector<std::string> backends;
  std::size_t width = 0;
  for (const GemmRobustness& r : results) {
    if (std::find(backends.begin(), backends.end(), r.backend) == backends.end()) backends.push_back(r.backend);
    if (r.status != Status::skipped || !said(r.backend)) width = std::max(width, r.backend.size());
  }
  std::string s;
  for (const std::string& b : backends) {
    std::string passed, skipped;
    std::uint64_t calls = 0;
    std::string failed;
    for (const GemmRobustness& r : results) {
      if (r.backend != b) continue;
      const std::string type(name(r.a_type));
      if (r.status == Status::passed) {
        passed += (passed.empty() ? "" : " ") + type;
        calls += r.calls;
      } else if (r.status == Status::failed) {
        failed += "GEMM robustness  " + pad(b, width) + "  FAILED (" + type + "): " + r.reason + "\n";
        for (std::size_t k = 1; k < r.problems.size() && k < kShown; ++k) failed += "    " + r.problems[k] + "\n";
        if (r.problems.size() > kShown)
          failed += "    ... and " + std::to_string(r.problems.size() - kShown) +
                    " more (--json, --junit, --html list them)\n";
      } else if (skipped.empty()) {
        skipped = r.reason;
      }
    }
    if (!passed.empty())
      s += "GEMM robustness  " + pad(b, width) + "  passed (" + passed + ", " + std::to_string(calls) + " calls)\n";
    else if (failed.empty() && !said(b))
      s += "GEMM robustness  " + pad(b, width) + "  skipped: " + skipped + "\n";
    s += failed;
  }
  return s;
}

}  // namespace fpconform
