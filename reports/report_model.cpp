#include "reports/report_model.hpp"

#include <algorithm>
#include <set>

#include "fpconform/operation.hpp"
#include "fpconform/rounding.hpp"

namespace fpconform {
namespace {

// failed > passed > skipped > unimplemented: what a cell or card shows of several runs.
int rank(Status s) {
  switch (s) {
    case Status::failed: return 3;
    case Status::passed: return 2;
    case Status::skipped: return 1;
    case Status::unimplemented: return 0;
  }
  return 0;
}

bool widening(const std::string& op) {
  const auto o = parse_op(op);
  return o && is_widening(*o);
}

std::vector<std::string> in_order_of_appearance(const std::vector<Run>& runs, auto key) {
  std::vector<std::string> out;
  std::set<std::string> seen;
  for (const Run& r : runs)
    if (seen.insert(key(r)).second) out.push_back(key(r));
  return out;
}

BackendCard card_for(const std::string& backend, const std::vector<Run>& runs) {
  BackendCard c;
  c.backend = backend;
  std::set<std::string> reasons;
  for (const Run& r : runs) {
    if (r.backend != backend) continue;
    switch (r.status) {
      case Status::passed: ++c.passed; break;
      case Status::failed: ++c.failed; break;
      case Status::skipped: ++c.skipped; if (reasons.insert(r.reason).second) c.skip_reasons.push_back(r.reason); break;
      case Status::unimplemented: ++c.unimplemented; break;
    }
    c.untolerated += r.untolerated;
    c.baselined += r.baselined;
    for (int k = 0; k < kDeviationKindCount; ++k)
      if (r.by_kind[k]) c.kinds[static_cast<DeviationKind>(k)] += r.by_kind[k];
  }
  c.verdict = c.failed    ? Verdict::deviates
              : c.passed  ? Verdict::conforms
              : c.skipped ? Verdict::skipped
                          : Verdict::unimplemented;
  return c;
}

void add_run(MatrixCell& cell, const Run& r, std::size_t index) {
  cell.runs.push_back(index);
  if (rank(r.status) > rank(cell.status)) cell.status = r.status;
  cell.mismatches += r.mismatches;
  cell.untolerated += r.untolerated;
  cell.baselined += r.baselined;
}

Matrix matrix_of(const std::vector<Run>& runs, const std::vector<std::string>& backends) {
  Matrix m;
  for (const OpInfo& i : kOps)
    if (std::any_of(runs.begin(), runs.end(), [&](const Run& r) { return r.op == name(i.op); }))
      m.ops.emplace_back(name(i.op));
  for (const std::string& b : backends) {
    // The backend's rounding rows: the modes of its narrowing runs that are not unimplemented.
    std::vector<std::string> modes;
    for (Rounding r : kRoundings)
      if (std::any_of(runs.begin(), runs.end(), [&](const Run& x) {
            return x.backend == b && x.rounding == name(r) && x.status != Status::unimplemented;
          }))
        modes.emplace_back(name(r));
    if (modes.empty()) modes.emplace_back("");
    const std::size_t first_row = m.rows.size();
    for (const std::string& mode : modes) {
      MatrixRow row;
      row.backend = b;
      row.rounding = mode;
      row.first_of_backend = m.rows.size() == first_row;
      row.backend_rows = static_cast<int>(modes.size());
      for (const std::string& op : m.ops) {
        const bool wide = widening(op);
        if (wide && !row.first_of_backend) {
          row.cells.emplace_back(std::nullopt);
          continue;
        }
        MatrixCell cell;
        cell.rowspan = wide ? static_cast<int>(modes.size()) : 1;
        for (std::size_t i = 0; i < runs.size(); ++i)
          if (runs[i].backend == b && runs[i].op == op && (wide || runs[i].rounding == mode))
            add_run(cell, runs[i], i);
        row.cells.emplace_back(std::move(cell));
      }
      m.rows.push_back(std::move(row));
    }
  }
  return m;
}

}  // namespace

std::string_view name(Verdict v) {
  switch (v) {
    case Verdict::conforms: return "conforms";
    case Verdict::deviates: return "deviates";
    case Verdict::skipped: return "skipped";
    case Verdict::unimplemented: return "unimplemented";
  }
  return "?";
}

Report report_model(std::vector<Run> runs, std::vector<Source> sources, const Profile& profile,
                    const std::map<std::string, std::string>& descriptions) {
  Report rep;
  rep.profile = profile;
  rep.sources = std::move(sources);
  rep.runs = std::move(runs);
  const std::vector<std::string> backends =
      in_order_of_appearance(rep.runs, [](const Run& r) { return r.backend; });
  std::size_t failed_runs = 0, failing_backends = 0, passed_runs = 0, skipped_runs = 0;
  for (const std::string& b : backends) {
    BackendCard c = card_for(b, rep.runs);
    if (const auto d = descriptions.find(b); d != descriptions.end()) c.description = d->second;
    failed_runs += c.failed;
    passed_runs += c.passed;
    skipped_runs += c.skipped;
    failing_backends += c.failed > 0;
    rep.cards.push_back(std::move(c));
  }
  rep.matrix = matrix_of(rep.runs, backends);
  rep.verdict = failed_runs ? Verdict::deviates : passed_runs || !skipped_runs ? Verdict::conforms : Verdict::skipped;
  const bool baselined = std::any_of(rep.runs.begin(), rep.runs.end(), [](const Run& r) {
    return r.baselined || r.stale || !r.gate.empty();
  });
  const std::string under = "profile " + std::string(profile.name) + (baselined ? " and baseline" : "");
  rep.verdict_line = failed_runs ? "DEVIATES: " + std::to_string(failed_runs) + " run" +
                                       (failed_runs == 1 ? "" : "s") + " of " +
                                       std::to_string(failing_backends) + " backend" +
                                       (failing_backends == 1 ? "" : "s") + " fail under " + under
                     : rep.verdict == Verdict::skipped
                         ? "NOTHING CHECKED: " + std::string(skipped_runs == 1 ? "the 1 run was" : "all " + std::to_string(skipped_runs) + " runs were") +
                               " skipped (see each backend's reason)"
                         : "CONFORMS: every run that ran passes under " + under;
  return rep;
}

}  // namespace fpconform
