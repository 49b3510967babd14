#include "reports/table.hpp"

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <map>
#include <set>

#include "fpconform/operation.hpp"

namespace fpconform {

std::string verdict(const Run& r) {
  switch (r.status) {
    case Status::passed: {
      std::string s = r.mismatches > r.untolerated
                          ? std::to_string(r.mismatches - r.untolerated) + " tolerated"
                          : "";
      if (r.baselined) s += (s.empty() ? "" : ", ") + std::to_string(r.baselined) + " baselined";
      return s.empty() ? "passed" : "passed (" + s + ")";
    }
    case Status::failed:
      return r.stale && r.untolerated <= r.baselined ? "STALE: update the baseline" : "FAILED";
    case Status::skipped: return "skipped: " + r.reason;
    case Status::unimplemented: return "unimplemented";
  }
  return "?";
}

std::string table_header() {
  char line[160];
  std::snprintf(line, sizeof line, "%-18s %-16s %-6s %-22s %12s %11s  %s\n", "backend", "op",
                "round", "inputs", "total", "mismatches", "verdict");
  return line;
}

std::string table_row(const Run& r) {
  const std::string inputs = r.inputs + (r.shard.empty() ? "" : " shard " + r.shard);
  char line[256];
  std::snprintf(line, sizeof line, "%-18s %-16s %-6s %-22s %12llu %11llu  ", r.backend.c_str(),
                r.op.c_str(), r.rounding.c_str(), inputs.c_str(),
                static_cast<unsigned long long>(r.total),
                static_cast<unsigned long long>(r.mismatches));
  return line + verdict(r) + "\n";
}

namespace {

// Worse marks win when several input sets meet in one cell.
int rank(char mark) {
  switch (mark) {
    case 'X': return 5;
    case 'b': return 4;
    case '.': return 3;
    case 's': return 2;
    case '-': return 1;
    default: return 0;
  }
}

char mark(const Run& r) {
  switch (r.status) {
    case Status::passed: return r.baselined ? 'b' : '.';
    case Status::failed: return 'X';
    case Status::skipped: return 's';
    case Status::unimplemented: return '-';
  }
  return '?';
}

}  // namespace

std::string format_matrix(const std::vector<Run>& runs, bool omit_skipped) {
  std::vector<std::string> rows;
  std::map<std::string, std::map<Op, std::string>> cells;
  std::vector<bool> op_used(kOps.size());
  std::set<std::string> ran;
  for (const Run& r : runs)
    if (r.status != Status::skipped) ran.insert(r.backend);
  for (const Run& r : runs) {
    const auto op = parse_op(r.op);
    if (!op || (omit_skipped && !ran.count(r.backend))) continue;
    if (std::find(rows.begin(), rows.end(), r.backend) == rows.end()) rows.push_back(r.backend);
    op_used[static_cast<std::size_t>(*op)] = true;
    std::string& cell = cells[r.backend][*op];
    const std::size_t width = is_widening(*op) ? 1 : kRoundings.size();
    cell.resize(width, ' ');
    std::size_t at = 0;
    if (!is_widening(*op)) {
      const auto mode = parse_rounding(r.rounding);
      if (!mode) continue;
      at = static_cast<std::size_t>(*mode);
    }
    if (rank(mark(r)) > rank(cell[at])) cell[at] = mark(r);
  }
  if (rows.empty()) return "";
  std::string out = "matrix: '.' conforms  'b' conforms under the baseline  'X' deviates  's' skipped  "
                    "' ' no run; narrowing ops show rne rtz rdn rup rna\n";
  // Conversions and arithmetic apart, and each cut into blocks of columns that fit a terminal's
  // width (kMaxWidth): one matrix of every column would not.
  constexpr std::size_t kMaxWidth = 168;
  bool first_block = true;
  for (const bool arithmetic : {false, true}) {
    std::vector<const OpInfo*> columns;
    for (const OpInfo& i : kOps)
      if (op_used[static_cast<std::size_t>(i.op)] && is_arithmetic(i.op) == arithmetic) columns.push_back(&i);
    if (columns.empty()) continue;
    const std::string title = arithmetic ? "arithmetic" : "conversions";
    // A block of consecutive columns is a table of its own: its rows are the backends with a cell
    // in it, its names as wide as the longest of them (or the title).
    const std::size_t n = columns.size();
    const auto rows_of = [&](std::size_t first, std::size_t last) {
      std::vector<std::string> in;
      for (const std::string& b : rows)
        for (std::size_t c = first; c < last; ++c)
          if (cells[b].count(columns[c]->op)) {
            in.push_back(b);
            break;
          }
      return in;
    };
    const auto name_width_of = [&](const std::vector<std::string>& in) {
      std::size_t w = title.size();
      for (const std::string& b : in) w = std::max(w, b.size());
      return w;
    };
    // The cut into blocks, each within kMaxWidth, that prints the fewest lines (a block: a blank
    // line before it, its header, its rows).
    std::vector<std::size_t> best(n + 1, SIZE_MAX), cut(n + 1, 0);
    best[0] = 0;
    for (std::size_t last = 1; last <= n; ++last) {
      std::size_t columns_width = 0;
      for (std::size_t first = last; first-- > 0;) {
        columns_width += 2 + columns[first]->name.size();
        const std::vector<std::string> in = rows_of(first, last);
        if (name_width_of(in) + columns_width > kMaxWidth && first + 1 < last) break;
        const std::size_t lines = 2 + in.size();
        if (best[first] != SIZE_MAX && best[first] + lines < best[last]) {
          best[last] = best[first] + lines;
          cut[last] = first;
        }
      }
    }
    std::vector<std::pair<std::size_t, std::size_t>> blocks;
    for (std::size_t last = n; last > 0; last = cut[last]) blocks.insert(blocks.begin(), {cut[last], last});
    for (const auto& [first, last] : blocks) {
      const std::vector<const OpInfo*> block(columns.begin() + static_cast<std::ptrdiff_t>(first),
                                             columns.begin() + static_cast<std::ptrdiff_t>(last));
      const std::vector<std::string> section = rows_of(first, last);
      const std::size_t name_width = name_width_of(section);
      if (section.empty()) continue;
      if (!first_block) out += "\n";
      first_block = false;
      out += title + std::string(name_width - title.size(), ' ');
      for (const OpInfo* i : block) out += "  " + std::string(i->name);
      out += "\n";
      for (const std::string& b : section) {
        std::string line = b + std::string(name_width - b.size(), ' ');
        for (const OpInfo* i : block) {
          std::string cell = cells[b].count(i->op) ? cells[b][i->op] : "";
          cell.resize(i->name.size(), ' ');
          line += "  " + cell;
        }
        while (!line.empty() && line.back() == ' ') line.pop_back();
        out += line + "\n";
      }
    }
  }
  return out;
}

std::string format_skipped(const std::vector<Run>& runs) {
  // One line per reason, the backends that share it together.
  std::vector<std::string> reasons;
  std::map<std::string, std::vector<std::string>> backends;
  std::map<std::string, std::size_t> counts;
  for (const Run& r : runs) {
    if (r.status != Status::skipped) continue;
    if (!counts[r.reason]++) reasons.push_back(r.reason);
    std::vector<std::string>& b = backends[r.reason];
    if (std::find(b.begin(), b.end(), r.backend) == b.end()) b.push_back(r.backend);
  }
  std::string s;
  for (const std::string& reason : reasons) {
    std::string names;
    for (const std::string& b : backends[reason]) names += (names.empty() ? "" : ", ") + b;
    s += "skipped  " + names + ": " + reason + " (" + std::to_string(counts[reason]) +
         (counts[reason] == 1 ? " run)\n" : " runs)\n");
  }
  return s;
}

}  // namespace fpconform
