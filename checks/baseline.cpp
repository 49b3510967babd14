#include "checks/baseline.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <tuple>

#include "fpconform/error.hpp"
#include "fpconform/operation.hpp"
#include "reports/profile.hpp"
#include "vectors/inputs.hpp"

namespace fpconform {
namespace {

constexpr std::array<std::string_view, 7> kFieldNames{"backend", "op",     "rounding", "kind",
                                                      "count",   "inputs", "reason"};

struct LineError {
  const std::string& file;
  std::size_t line;

  // "FILE:LINE: field N (NAME): MESSAGE"
  [[noreturn]] void field(std::size_t n, const std::string& message) const {
    throw InputError(file + ":" + std::to_string(line) + ": field " + std::to_string(n) + " (" +
                     std::string(kFieldNames[n - 1]) + "): " + message);
  }
  [[noreturn]] void operator()(const std::string& message) const {
    throw InputError(file + ":" + std::to_string(line) + ": " + message);
  }
};

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r'; }

std::string known_kinds() {
  std::string s;
  for (int i = 0; i < kDeviationKindCount; ++i)
    s += (i ? ", " : "") + std::string(name(static_cast<DeviationKind>(i)));
  return s;
}

// Splits a line into its six bare fields and the quoted reason; false for a blank or comment
// line.
bool split_line(std::string_view line, const LineError& err, std::vector<std::string_view>& fields,
                std::string_view& reason) {
  fields.clear();
  std::size_t i = 0;
  const auto skip_spaces = [&] {
    while (i < line.size() && is_space(line[i])) ++i;
  };
  for (;;) {
    skip_spaces();
    if (i == line.size() || line[i] == '#') break;
    if (line[i] == '"') {
      if (fields.size() < 6)
        err.field(fields.size() + 1, "missing (the quoted reason comes last, after 6 fields)");
      const std::size_t close = line.find('"', i + 1);
      if (close == std::string_view::npos) err.field(7, "no closing double quote");
      reason = line.substr(i + 1, close - i - 1);
      if (reason.find_first_not_of(" \t") == std::string_view::npos)
        err.field(7, "empty: say why the deviation is accepted");
      i = close + 1;
      skip_spaces();
      if (i < line.size() && line[i] != '#')
        err("text after the reason: '" + std::string(line.substr(i)) + "'");
      return true;
    }
    const std::size_t start = i;
    while (i < line.size() && !is_space(line[i]) && line[i] != '"') ++i;
    const std::string_view token = line.substr(start, i - start);
    if (fields.size() == 6) err.field(7, "expected a double-quoted reason, got '" + std::string(token) + "'");
    fields.push_back(token);
  }
  if (fields.empty()) return false;
  if (fields.size() < 6) err.field(fields.size() + 1, "missing");
  err.field(7, "missing: a double-quoted reason ends the entry");
}

BaselineEntry parse_entry(const std::vector<std::string_view>& f, std::string_view reason,
                          const LineError& err) {
  BaselineEntry e;
  e.backend = f[0];
  e.reason = reason;
  e.file = err.file;
  e.line = err.line;

  const auto op = parse_op(f[1]);
  if (!op) err.field(2, "unknown op '" + std::string(f[1]) + "'");
  e.op = name(*op);

  if (is_widening(*op)) {
    if (f[2] != "exact")
      err.field(3, "'" + std::string(f[2]) + "' for " + e.op + ", which is exact: write 'exact'");
    e.rounding = "exact";
  } else {
    const auto r = parse_rounding(f[2]);
    if (!r)
      err.field(3, "unknown rounding '" + std::string(f[2]) + "' for " + e.op +
                       " (rne, rtz, rdn, rup, rna)");
    e.rounding = name(*r);
  }

  const auto kind = parse_deviation_kind(f[3]);
  if (!kind) err.field(4, "unknown kind '" + std::string(f[3]) + "' (" + known_kinds() + ")");
  e.kind = *kind;

  if (f[4] != "*") {
    std::uint64_t n = 0;
    const auto [end, ec] = std::from_chars(f[4].data(), f[4].data() + f[4].size(), n);
    if (ec != std::errc{} || end != f[4].data() + f[4].size())
      err.field(5, "not a decimal count or '*': '" + std::string(f[4]) + "'");
    e.count = n;
  }

  // Normalized as Run.inputs records it: random:N gets its seed, and 8- and 16-bit sources are
  // always swept exhaustively.
  if (f[5] == "*" || f[5].starts_with("range:")) {
    e.inputs = f[5];
  } else if (const auto spec = InputSpec::parse(f[5])) {
    e.inputs = effective_spec(*op, *spec).label();
  } else {
    err.field(6, "unknown inputs '" + std::string(f[5]) +
                     "' (exhaustive, edge, random:N[:SEED], value:HEX[,HEX...] or *)");
  }
  return e;
}

using Key = std::tuple<std::string_view, std::string_view, std::string_view, DeviationKind,
                       std::string_view>;
Key key(const BaselineEntry& e) { return {e.backend, e.op, e.rounding, e.kind, e.inputs}; }

const BaselineEntry* find_entry(const Baseline& b, const Run& run, DeviationKind k,
                                std::string_view inputs) {
  for (const BaselineEntry& e : b.entries)
    if (e.kind == k && e.inputs == inputs && e.backend == run.backend && e.op == run.op &&
        e.rounding == run.rounding)
      return &e;
  return nullptr;
}

Profile profile_of(const Run& r) {
  return parse_profile(r.profile).value_or(*parse_profile("strict"));
}

}  // namespace

std::string BaselineEntry::where() const { return file + ":" + std::to_string(line); }

std::string BaselineEntry::text() const {
  return backend + " " + op + " " + rounding + " " + std::string(name(kind)) + " " +
         (count ? std::to_string(*count) : "*") + " " + inputs;
}

void parse_baseline(std::string_view text, const std::string& file, Baseline& into) {
  std::vector<std::string_view> fields;
  std::string_view reason;
  std::size_t line_no = 0;
  for (std::size_t pos = 0; pos < text.size();) {
    const std::size_t nl = text.find('\n', pos);
    const std::string_view line =
        text.substr(pos, nl == std::string_view::npos ? std::string_view::npos : nl - pos);
    pos = nl == std::string_view::npos ? text.size() : nl + 1;
    const LineError err{file, ++line_no};
    if (!split_line(line, err, fields, reason)) continue;
    BaselineEntry e = parse_entry(fields, reason, err);
    for (const BaselineEntry& prior : into.entries)
      if (key(prior) == key(e))
        err("duplicate entry '" + e.backend + " " + e.op + " " + e.rounding + " " +
            std::string(name(e.kind)) + " " + e.inputs + "', first at " + prior.where());
    into.entries.push_back(std::move(e));
  }
  into.files.push_back(file);
}

Baseline read_baselines(std::span<const std::string> paths) {
  namespace fs = std::filesystem;
  Baseline b;
  const auto read_file = [&b](const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw InputError(path + ": cannot open baseline");
    std::ostringstream text;
    text << in.rdbuf();
    parse_baseline(text.str(), path, b);
  };
  for (const std::string& path : paths) {
    std::error_code ec;
    if (!fs::is_directory(path, ec)) {
      read_file(path);
      continue;
    }
    std::vector<std::string> files;
    for (const fs::directory_entry& d : fs::directory_iterator(path, ec))
      if (d.path().extension() == ".txt" && d.is_regular_file(ec))
        files.push_back((fs::path(path) / d.path().filename()).string());
    if (ec) throw InputError(path + ": cannot read directory: " + ec.message());
    std::sort(files.begin(), files.end());
    for (const std::string& f : files) read_file(f);
  }
  return b;
}

void apply_baseline(const Baseline& b, Run& run) {
  if (!completed(run)) return;
  run.baselined = 0;
  run.stale = false;
  run.gate.clear();
  const Profile profile = profile_of(run);
  const bool whole = run.shard.empty();
  for (int i = 0; i < kDeviationKindCount; ++i) {
    const auto k = static_cast<DeviationKind>(i);
    const std::uint64_t n = run.by_kind[i];
    if (n == 0 || profile.tolerates(k)) continue;
    const std::string kind(name(k));
    if (const BaselineEntry* e = find_entry(b, run, k, run.inputs)) {
      if (!e->count || n == *e->count || (n < *e->count && !whole)) {
        run.baselined += n;
      } else if (n > *e->count) {
        run.gate.push_back("beyond baseline: " + kind + " " + std::to_string(n) + " > " +
                           std::to_string(*e->count) + " (" + e->where() + ")");
      } else {
        run.baselined += n;
        run.stale = true;
        run.gate.push_back("improved: " + kind + " " + std::to_string(n) + " < " +
                           std::to_string(*e->count) + "; update the baseline entry at " +
                           e->where() + " to " + std::to_string(n));
      }
    } else if (find_entry(b, run, k, "*")) {
      run.baselined += n;
    } else {
      run.gate.push_back("not in baseline: " + kind + " " + std::to_string(n));
    }
  }
  run.status = run.untolerated > run.baselined || run.stale ? Status::failed : Status::passed;
}

GateResult apply_baseline(const Baseline& b, std::vector<Run>& runs) {
  GateResult g;
  const std::size_t n = b.entries.size();
  std::vector<char> matched(n), matched_whole(n), observed(n);
  const auto matches = [](const BaselineEntry& e, const Run& run) {
    return e.backend == run.backend && e.op == run.op && e.rounding == run.rounding &&
           (e.inputs == "*" || e.inputs == run.inputs);
  };
  for (Run& run : runs) {
    if (!completed(run)) continue;
    apply_baseline(b, run);
    g.accepted += run.baselined;
    for (std::size_t i = 0; i < n; ++i) {
      const BaselineEntry& e = b.entries[i];
      if (!matches(e, run)) continue;
      matched[i] = true;
      matched_whole[i] |= run.shard.empty();
      observed[i] |= run.by_kind[static_cast<int>(e.kind)] != 0;
    }
  }
  for (std::size_t i = 0; i < n; ++i) {
    const BaselineEntry& e = b.entries[i];
    if (!matched[i]) {
      g.unmatched.push_back(&e);
      continue;
    }
    if (!matched_whole[i] || observed[i]) continue;
    // Stale: the whole runs it matches fail as STALE, so that every report shows why (not only
    // the exit status).
    g.stale.push_back("stale: " + e.where() + " " + e.text() + " no longer observed: remove it");
    for (Run& run : runs)
      if (completed(run) && run.shard.empty() && matches(e, run)) {
        run.stale = true;
        run.status = Status::failed;
        run.gate.push_back(g.stale.back());
      }
  }
  for (const Run& run : runs) g.failed |= completed(run) && run.status == Status::failed;
  return g;
}

std::string write_baseline(std::span<const Run> runs, const Baseline* previous,
                           std::string_view header) {
  struct Row {
    std::array<std::string, 7> cells;
  };
  std::vector<Row> rows;
  std::set<std::tuple<std::string, std::string, std::string, std::string, std::string>> seen;
  bool shards = false;
  for (const Run& run : runs) {
    if (!completed(run)) continue;
    const Profile profile = profile_of(run);
    for (int i = 0; i < kDeviationKindCount; ++i) {
      const auto k = static_cast<DeviationKind>(i);
      if (run.by_kind[i] == 0 || profile.tolerates(k)) continue;
      const std::string kind(name(k));
      if (!seen.emplace(run.backend, run.op, run.rounding, kind, run.inputs).second)
        continue;
      std::string reason = "TODO: reason";
      if (previous) {
        const BaselineEntry* e = find_entry(*previous, run, k, run.inputs);
        if (!e) e = find_entry(*previous, run, k, "*");
        if (e) reason = e->reason;
      }
      shards |= !run.shard.empty();
      rows.push_back({{run.backend, run.op, run.rounding, kind,
                       run.shard.empty() ? std::to_string(run.by_kind[i]) : "*", run.inputs,
                       "\"" + reason + "\""}});
    }
  }
  std::array<std::size_t, 7> width{};
  const Row titles{{"# backend", "op", "rounding", "kind", "count", "inputs", "reason"}};
  for (std::size_t c = 0; c < 7; ++c) width[c] = titles.cells[c].size();
  for (const Row& r : rows)
    for (std::size_t c = 0; c < 7; ++c) width[c] = std::max(width[c], r.cells[c].size());
  const auto line = [&width](const Row& r) {
    std::string s;
    for (std::size_t c = 0; c < 7; ++c) {
      s += r.cells[c];
      if (c < 6) s += std::string(width[c] - r.cells[c].size() + 2, ' ');
    }
    return s + "\n";
  };

  std::string out = "# fpconform baseline: accepted deviations, one per line (README.md, Baselines)\n";
  if (!header.empty()) out += "# " + std::string(header) + "\n";
  if (shards) out += "# counts of one shard are not the whole run's: written as '*'\n";
  out += line(titles);
  for (const Row& r : rows) out += line(r);
  return out;
}

}  // namespace fpconform
