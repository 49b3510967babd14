#include "plugins/isolated_run.hpp"

#include <cstdio>
#include <functional>
#include <mutex>
#include <optional>
#include <stdexcept>

#include "checks/isolate.hpp"
#include "reports/result_json.hpp"
#include "reports/result_read.hpp"

namespace fpconform {
namespace {

// Forwards to the backend under test. compare() converts on threads of its own, where an
// exception would end the process before it could be reported: the first one is kept here,
// the rest of the run skips converting, and the child throws it at the end.
class Guarded : public Backend {
 public:
  Guarded(const Backend& b, bool runs) : b_(b), runs_(runs) {}
  std::string_view name() const override { return b_.name(); }
  std::string_view description() const override { return b_.description(); }
  std::string repro_args() const override { return b_.repro_args(); }
  BackendKind kind() const override { return b_.kind(); }
  bool implements(Op op, Rounding r) const override { return runs_ && b_.implements(op, r); }
  Availability available() const override { return b_.available(); }
  bool reports_flags() const override { return b_.reports_flags(); }
  Tininess tininess() const override { return b_.tininess(); }
  std::span<const KnownDeviation> known_deviations() const override { return b_.known_deviations(); }
  void convert(Op op, Rounding r, const void* in, void* out, std::size_t n, Flags* flags) const override {
    {
      const std::lock_guard lock(m_);
      if (error_) return;
    }
    try {
      b_.convert(op, r, in, out, n, flags);
    } catch (const std::exception& e) {
      const std::lock_guard lock(m_);
      if (!error_) error_ = e.what();
    }
  }
  void rethrow() const {
    if (error_) throw std::runtime_error(*error_);
  }

 private:
  const Backend& b_;
  bool runs_;  // false: a stand-in that implements nothing, for a run's labels
  mutable std::mutex m_;
  mutable std::optional<std::string> error_;
};

// The child's Run, or `labels` (a run as compare() or sweep() names it) failed with the reason.
Run outcome(std::function<std::string()> work, Run labels, std::chrono::milliseconds timeout) {
  std::fflush(nullptr);  // the child must not write out a copy of what is buffered here
  const ChildOutcome o = run_isolated(work, timeout);
  if (o.completed) {
    try {
      return run_from_json(nlohmann::json::parse(o.output));
    } catch (const std::exception& e) {
      labels.reason = std::string("plug-in failed: unreadable result from the child: ") + e.what();
    }
  } else {
    labels.reason = plugin_failure_reason(o.failure);
  }
  labels.status = Status::failed;
  return labels;
}

}  // namespace

std::string plugin_failure_reason(const std::string& failure) {
  if (failure.starts_with("killed by signal")) return "plug-in crashed: " + failure;
  if (failure.starts_with("timed out")) return "plug-in hung: " + failure;
  if (failure.starts_with("threw: ")) return "plug-in failed: " + failure.substr(7);
  return "plug-in failed: " + failure;
}

Run compare_isolated(const Backend& b, Op op, Rounding r, const InputSet& inputs,
                     const CompareOptions& o, std::chrono::milliseconds timeout) {
  if (!b.available().ok || !b.implements(op, is_widening(op) ? Rounding::rne : r))
    return compare(b, op, r, inputs, o);
  const Guarded labels(b, false);
  return outcome(
      [&] {
        const Guarded guarded(b, true);
        const Run run = compare(guarded, op, r, inputs, o);
        guarded.rethrow();
        std::fflush(nullptr);
        return to_json(run).dump();
      },
      compare(labels, op, r, inputs, o), timeout);
}

Run sweep_isolated(const SweepJob& job, const SweepOptions& o, std::chrono::milliseconds timeout) {
  const SweepJob jobs[] = {job};
  if (!job.backend->available().ok || !job.backend->implements(job.op, job.rounding))
    return sweep(jobs, o).front();
  const Guarded labels(*job.backend, false);
  const SweepJob label_jobs[] = {{&labels, job.op, job.rounding}};
  Run named = sweep(label_jobs, o).front();
  return outcome(
      [&] {
        // sweep() passes a conversion's exception on to its caller: no guard needed.
        const Run run = sweep(jobs, o).front();
        std::fflush(nullptr);
        return to_json(run).dump();
      },
      std::move(named), timeout);
}

}  // namespace fpconform
