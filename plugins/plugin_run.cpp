#include "plugins/plugin_run.hpp"

#include <algorithm>
#include <functional>
#include <thread>

#include "checks/int8/gemm_robustness.hpp"
#include "checks/robustness.hpp"
#include "reports/fields.hpp"
#include "reports/repro.hpp"
#include "plugins/plugin_backend.hpp"

namespace fpconform {
namespace {

// Stands for the backend in a run that makes no call: compare() and sweep() give it the labels
// (inputs, shard, seed) of the run the plug-in fails, with none of its calls.
class Labels : public Backend {
 public:
  explicit Labels(const Backend& b) : b_(b) {}
  std::string_view name() const override { return b_.name(); }
  std::string_view description() const override { return b_.description(); }
  std::string repro_args() const override { return b_.repro_args(); }
  BackendKind kind() const override { return b_.kind(); }
  bool implements(Op, Rounding) const override { return false; }
  bool reports_flags() const override { return b_.reports_flags(); }
  Tininess tininess() const override { return b_.tininess(); }
  NanPolicy nan_policy() const override { return b_.nan_policy(); }
  void convert(Op, Rounding, const void*, void*, std::size_t, Flags*) const override {}

 private:
  const Backend& b_;
};

// "plug-in crashed: ..." narrowed to "plug-in crashed on input 0x7F800001: ...".
std::string on_input(const std::string& reason, const std::string& input) {
  const std::string crashed = "plug-in crashed: ";
  if (!reason.starts_with(crashed)) return reason + " (on input " + input + ")";
  return "plug-in crashed on input " + input + ": " + reason.substr(crashed.size());
}

// work() with the subject's run around it; a SubjectFailure fails `labels` with its reason.
Run judged(const Backend& b, Run labels, std::chrono::milliseconds timeout,
           const std::function<Run()>& work) {
  Subject& s = subject_of(b);
  Run run;
  try {
    s.begin_run(timeout);
    run = work();
  } catch (const SubjectFailure& e) {
    run = std::move(labels);
    run.status = Status::failed;
    run.reason = e.what();
    if (e.died())
      if (const auto op = parse_op(run.op))
        if (const std::optional<Word> input = s.narrow_crash()) {
          run.reason = on_input(run.reason, input_hex(*op, *input));
          // The command that crashes it again: that input alone.
          run.problems = {run.reason, "repro: " + repro_command(run.backend, *op, run.rounding, *input,
                                                                run.seed, run.backend_args)};
        }
  }
  SubjectRunEnd end = s.end_run();
  if (run.status == Status::failed && run.problems.empty() && !run.reason.empty() && !end.problems.empty())
    run.problems.push_back(run.reason);
  for (std::string& p : end.problems) run.problems.push_back(std::move(p));
  // A problem fails the run with its reason, also one that failed on deviations: a baseline that
  // accepts the deviations must not pass it.
  if (!run.problems.empty() && run.reason.empty()) {
    run.status = Status::failed;
    run.reason = run.problems.front();
  }
  run.output = std::move(end.output);
  return run;
}

// Twice the cores unless told: a thread waiting for the subject's answer leaves its core to one
// that judges (the subject has as many lanes).
unsigned judging_threads(unsigned asked) {
  return asked ? asked : 2 * std::max(1u, std::thread::hardware_concurrency());
}

}  // namespace

Run compare_plugin(const Backend& b, Op op, Rounding r, const InputSet& inputs,
                   const CompareOptions& o, std::chrono::milliseconds timeout) {
  if (!b.available().ok || !b.implements(op, is_widening(op) ? Rounding::rne : r))
    return compare(b, op, r, inputs, o);
  const Labels labels(b);
  CompareOptions judging = o;
  judging.threads = judging_threads(o.threads);
  return judged(b, compare(labels, op, r, inputs, o), timeout,
                [&] { return compare(b, op, r, inputs, judging); });
}

Run sweep_plugin(const SweepJob& job, const SweepOptions& o, std::chrono::milliseconds timeout) {
  const SweepJob jobs[] = {job};
  if (!job.backend->available().ok || !job.backend->implements(job.op, job.rounding))
    return sweep(jobs, o).front();
  const Labels labels(*job.backend);
  const SweepJob label_jobs[] = {{&labels, job.op, job.rounding}};
  SweepOptions judging = o;
  judging.threads = judging_threads(o.threads);
  return judged(*job.backend, sweep(label_jobs, o).front(), timeout,
                [&] { return sweep(jobs, judging).front(); });
}

std::vector<GemmRobustness> gemm_robustness_plugin(const Backend& b, const Int8Backend& g,
                                                   std::chrono::milliseconds timeout) {
  Subject& s = subject_of(g);
  GemmRobustnessOptions o;
  o.repro = "fpconform check " + b.repro_args() + " --backend " + std::string(b.name()) +
            " --int8 robustness";
  std::vector<GemmRobustness> results;
  s.set_send_outputs(true);
  try {
    s.begin_run(timeout);
    results = check_gemm_robustness(g, o);
  } catch (const SubjectFailure& e) {  // it did not start: the probes catch the rest
    GemmRobustness r;
    r.backend = g.name();
    r.status = Status::failed;
    r.reason = e.what();
    r.problems.push_back(e.what());
    r.repro = o.repro;
    results.push_back(std::move(r));
  }
  s.set_send_outputs(false);
  const SubjectRunEnd end = s.end_run();
  for (GemmRobustness& r : results) {
    if (r.status == Status::skipped) continue;
    for (const std::string& p : end.problems) r.problems.push_back(p);
    if (r.status == Status::passed && !r.problems.empty()) {
      r.status = Status::failed;
      r.reason = r.problems.front();
    }
  }
  return results;
}

std::vector<Run> robustness_plugin(const Backend& b, std::span<const Op> ops,
                                   std::span<const Rounding> modes, std::chrono::milliseconds timeout) {
  std::vector<Run> runs;
  for (const Op op : ops)
    for (const Rounding r : modes) {
      if (is_widening(op) && r != modes.front()) continue;
      const Op one_op[] = {op};
      const Rounding one_mode[] = {r};
      if (!b.available().ok || !b.implements(op, is_widening(op) ? Rounding::rne : r)) {
        for (Run& run : check_robustness(b, one_op, one_mode)) runs.push_back(std::move(run));
        continue;
      }
      subject_of(b).set_send_outputs(true);
      runs.push_back(judged(b, robustness_labels(b, op, r), timeout, [&] {
        std::vector<Run> one = check_robustness(b, one_op, one_mode);
        return one.empty() ? Run{} : std::move(one.front());
      }));
    }
  subject_of(b).set_send_outputs(false);
  return runs;
}

}  // namespace fpconform
