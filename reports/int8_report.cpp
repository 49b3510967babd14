#include "reports/int8_report.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <set>

#include "reports/int8_matrix.hpp"
#include "reports/svg_chart.hpp"

namespace fpconform {
namespace {

std::string fixed(double v, const char* format) {
  char buf[64];
  std::snprintf(buf, sizeof buf, format, v);
  return buf;
}

// Backends as rows, (inputs, A type) as columns, as the conversion matrix; a declared deviation
// and a skip reason said once per backend, above the table.
Section gemm_section(const Int8Results& r) {
  Section s{"int8-exactness", "INT8 exactness", {}, {}, {}, {}, {}, {}};
  const Int8Matrix m = int8_matrix(r.gemm);
  std::size_t failed = 0, declared = 0, skipped = 0;
  for (const GemmExactness& g : r.gemm) {
    failed += g.status == Status::failed;
    declared += g.status == Status::failed && !g.undeclared_failure();
    skipped += g.status == Status::skipped;
  }
  std::vector<std::string> shapes;
  for (const GemmExactness& g : r.gemm)
    if (const std::string f = format_shape(g.shape); std::find(shapes.begin(), shapes.end(), f) == shapes.end())
      shapes.push_back(f);
  s.paragraphs.push_back(
      "Every int32 element of each backend's GEMM against the exact int64 reference. " +
      std::to_string(r.gemm.size()) + " GEMM cases (" + std::to_string(shapes.size()) +
      (shapes.size() == 1 ? " shape per cell: " : " shapes per cell: ") +
      (shapes.size() > 4 ? shapes.front() + ", " + shapes[1] + " … " + shapes.back() : [&] {
        std::string all;
        for (const std::string& f : shapes) all += (all.empty() ? "" : ", ") + f;
        return all;
      }()) + "): " + std::to_string(failed) + " not exact (" + std::to_string(declared) +
      " declared by their backend), " + std::to_string(skipped) + " skipped. A cell is the worst of its "
      "shapes: exact (with the number of shapes), declared (not exact, as the backend declares of its "
      "instruction), failed (not exact and undeclared), skipped; a cell not exact shows how many of its "
      "shapes are not, and the element furthest off with its shape.");
  for (const Int8Row& row : m.rows)
    if (const GemmExactness* worst = row.worst_declared)
      s.paragraphs.push_back(row.backend + " declares: " + worst->declared + ". Furthest off: " +
                             worst_element(*worst) + " on " + worst->inputs + "; reproduce: " + worst->repro);
  for (const GemmExactness& g : r.gemm)
    if (g.undeclared_failure())
      s.paragraphs.push_back("Not exact, undeclared: " + g.backend + " " + std::string(name(g.a_type)) + " " +
                             format_shape(g.shape) + " " + g.inputs + ": " + std::to_string(g.mismatches) +
                             " of " + std::to_string(g.elements) + " elements differ" +
                             (g.model_mismatches ? " (not even its declared model " + g.model + ")" : "") +
                             "; " + worst_element(g) + "; reproduce: " + g.repro);
  for (const Int8Skip& k : m.skipped)
    s.paragraphs.push_back("Skipped here: " + k.backend + ": " + k.reason + " (" + std::to_string(k.cases) +
                           (k.cases == 1 ? " case)." : " cases)."));
  s.header = {"backend"};
  for (const Int8Column& c : m.columns) s.header.push_back(std::string(name(c.a_type)) + "\n" + c.inputs);
  for (const Int8Row& row : m.rows) {
    std::vector<std::string> texts{row.backend}, classes{"backend"};
    for (const Int8Cell& c : row.cells) {
      // "declared 7/10", then the worst element on three lines: C[r][c] = got, expected, shape.
      std::string t(name(c.state));
      if (c.state == Int8CellState::exact) t.append(" (").append(std::to_string(c.cases)).append(")");
      if (const GemmExactness* w = c.worst)
        t.append(" ").append(std::to_string(c.not_exact)).append("/").append(std::to_string(c.cases))
            .append("\nC[").append(std::to_string(w->worst_row)).append("][").append(std::to_string(w->worst_col))
            .append("] = ").append(std::to_string(w->worst_got))
            .append("\nexpected ").append(std::to_string(w->worst_expected))
            .append("\n").append(format_shape(w->shape));
      texts.push_back(std::move(t));
      classes.emplace_back(c.state == Int8CellState::none ? "none" : name(c.state));
    }
    s.rows.push_back(std::move(texts));
    s.cell_classes.push_back(std::move(classes));
    s.row_keys.push_back(row.backend);
  }
  return s;
}

Section quant_section(const Int8Results& r) {
  Section s{"int8-quant", "INT8 quantize and requantize", {}, {}, {}, {}, {}, {}};
  s.paragraphs.push_back("Each backend's quantize and requantize against the model it declares, bit for bit.");
  s.header = {"backend", "op and model", "type and scheme", "inputs", "status", "mismatches", "example",
              "reason"};
  for (const QuantExactness& q : r.quant) {
    std::string example;
    if (!q.examples.empty())
      example = q.examples.front().input + ": got " + std::to_string(q.examples.front().got) +
                ", expected " + std::to_string(q.examples.front().expected);
    s.rows.push_back({q.backend, q.op + " " + q.model, std::string(name(q.type)) + " " + q.scheme,
                      q.inputs, std::string(name(q.status)),
                      std::to_string(q.mismatches) + " / " + std::to_string(q.total), example, q.reason});
  }
  return s;
}

Section model_section(const Int8Results& r) {
  Section s{"int8-models", "INT8 requantization models compared", {}, {}, {}, {}, {}, {}};
  s.paragraphs.push_back(
      "The same int32 accumulators and real multiplier through two named models: how often, and by "
      "how much, their int8 outputs differ (q_b − q_a).");
  std::set<int> deltas;
  for (const ModelDifference& d : r.model_differences)
    for (const auto& [delta, count] : d.histogram) deltas.insert(delta);
  s.header = {"models", "type", "m", "zero point", "inputs", "total"};
  for (int delta : deltas) {
    std::string h = delta > 0 ? "+" : "";
    s.header.push_back(h.append(std::to_string(delta)));
  }
  for (const ModelDifference& d : r.model_differences) {
    std::string models(name(d.b));
    models.append(" − ").append(name(d.a));
    std::vector<std::string> row{models, std::string(name(d.type)), fixed(d.multiplier, "%g"),
                                 std::to_string(d.zero_point), d.inputs, std::to_string(d.total)};
    for (int delta : deltas) {
      const auto it = d.histogram.find(delta);
      row.push_back(it == d.histogram.end() ? "0" : std::to_string(it->second));
    }
    s.rows.push_back(std::move(row));
  }
  return s;
}

Section error_section(const Int8Results& r) {
  Section s{"int8-error", "End-to-end error: INT8 and the other number formats", {}, {}, {}, {}, {}, {}};
  s.paragraphs.push_back(
      "Float A and B quantized, multiplied, read back, against the FP64 product of the original "
      "floats. per-tensor, per-channel, asymmetric: INT8, multiplied in integers by the GEMM "
      "backend named, dequantized. The others: A and B converted by the oracle's model of the "
      "format, in blocks along K (FP16 and BF16 element by element, to nearest even; FP8 with one "
      "scale per tensor; OCP MX with E8M0 scales by FLOOR; NVFP4; bitsandbytes' NF4; INT4 in "
      "groups; llama.cpp's Q4_0), read back to binary32 and multiplied in FP32.");
  std::vector<std::string> schemes, dists;
  for (const EndToEnd& e : r.end_to_end) {
    if (std::find(schemes.begin(), schemes.end(), e.scheme) == schemes.end()) schemes.push_back(e.scheme);
    if (std::find(dists.begin(), dists.end(), e.dist) == dists.end()) dists.push_back(e.dist);
  }
  std::vector<BarSeries> series;
  for (const std::string& d : dists) {
    BarSeries b{d, std::vector<double>(schemes.size(), NAN)};
    for (const EndToEnd& e : r.end_to_end)
      if (e.dist == d)
        b.values[std::find(schemes.begin(), schemes.end(), e.scheme) - schemes.begin()] = e.sqnr_db;
    series.push_back(std::move(b));
  }
  s.figures.push_back(bar_chart("SQNR by scheme and distribution", "dB", schemes, series));
  s.header = {"distribution", "scheme", "shape", "GEMM backend", "SQNR (dB)", "cosine", "max abs error",
              "relative Frobenius", "reproduce"};
  for (const EndToEnd& e : r.end_to_end)
    s.rows.push_back({e.dist, e.scheme, format_shape(e.shape), e.backend.empty() ? "FP32" : e.backend,
                      fixed(e.sqnr_db, "%.2f"), fixed(e.cosine, "%.9f"), fixed(e.max_abs, "%.4g"),
                      fixed(e.rel_frobenius, "%.4g"), e.repro});
  return s;
}

// threads 0: timed on a GPU.
std::string threads_label(int t) {
  return t == 0 ? "GPU" : std::to_string(t) + (t == 1 ? " thread" : " threads");
}

Section speed_section(const Int8Results& r) {
  Section s{"int8-speed", "INT8 GEMM speed", {}, {}, {}, {}, {}, {}};
  s.paragraphs.push_back(
      "GOPS = 2·M·N·K / seconds (median of timed repetitions after a warm-up, B prepared once). "
      "The FP32 row is an SGEMM on the same shape and threads; the peak is measured with a "
      "throughput loop of the instruction named. GPU rows (operands resident on the device) are "
      "related to cuBLAS's FP32 SGEMM and to the tensor cores' dense int8 peak from the GPU's "
      "specification.");
  std::vector<std::string> groups;
  std::vector<int> threads;
  bool one_shape = true;
  for (const GemmSpeed& g : r.speed) one_shape = one_shape && g.shape == r.speed.front().shape;
  const auto key_of = [&](const GemmSpeed& g) {
    return one_shape ? g.backend : g.backend + " " + format_shape(g.shape);
  };
  for (const GemmSpeed& g : r.speed) {
    const std::string key = key_of(g);
    if (std::find(groups.begin(), groups.end(), key) == groups.end()) groups.push_back(key);
    if (std::find(threads.begin(), threads.end(), g.threads) == threads.end()) threads.push_back(g.threads);
  }
  std::vector<BarSeries> series;
  for (int t : threads) {
    BarSeries b{threads_label(t), std::vector<double>(groups.size(), NAN)};
    for (const GemmSpeed& g : r.speed)
      if (g.threads == t)
        b.values[std::find(groups.begin(), groups.end(), key_of(g)) - groups.begin()] = g.gops;
    series.push_back(std::move(b));
  }
  // The measured instruction peak as a last group, one bar per thread count.
  std::string peak_group;
  for (std::size_t k = 0; k < threads.size(); ++k)
    for (const GemmSpeed& g : r.speed)
      if (g.threads == threads[k] && g.peak_gops > 0) {
        const std::string what = g.threads == 0 ? "GPU tensor-core spec"
                                                : g.peak_source.substr(0, g.peak_source.find(' ')) + " loop";
        if (peak_group.find(what) == std::string::npos) peak_group += (peak_group.empty() ? "" : ", ") + what;
        if (series[k].values.size() < groups.size() + 1) series[k].values.resize(groups.size() + 1, NAN);
        series[k].values[groups.size()] = g.peak_gops;
      }
  if (!peak_group.empty()) groups.push_back("int8 peak (" + peak_group + ")");
  s.figures.push_back(bar_chart("GOPS by backend, against FP32 and the int8 peak", "GOPS", groups, series));
  if (one_shape && !r.speed.empty()) s.paragraphs.push_back("Shape: " + format_shape(r.speed.front().shape) + ".");
  s.header = {"backend", "shape", "threads", "ms", "GOPS", "× FP32", "% of peak", "peak"};
  for (const GemmSpeed& g : r.speed)
    s.rows.push_back({g.backend, format_shape(g.shape), threads_label(g.threads), fixed(g.seconds * 1e3, "%.3f"),
                      fixed(g.gops, "%.1f"), g.fp32_ratio > 0 ? fixed(g.fp32_ratio, "%.2f") : "",
                      g.peak_gops > 0 ? fixed(100 * g.gops / g.peak_gops, "%.0f %%") : "",
                      g.peak_gops > 0 ? fixed(g.peak_gops, "%.0f GOPS, ") + g.peak_source : ""});
  return s;
}

// A row per (backend, A type); every problem of a failed one a paragraph of its own.
Section robustness_section(const Int8Results& r) {
  Section s{"int8-robustness", "INT8 GEMM robustness", {}, {}, {}, {}, {}, {}};
  std::size_t failed = 0, skipped = 0;
  for (const GemmRobustness& g : r.robustness) {
    failed += g.status == Status::failed;
    skipped += g.status == Status::skipped;
  }
  s.paragraphs.push_back(
      "Each GEMM backend beyond one well-placed call: A and B read-only (a write into an input faults and "
      "is named), C between canaries and a guard page (a write before its start or past its end is named), "
      "every M, N and K in 1..67, A and B 0..3 bytes and C 0..3 int32 elements past a 64-byte boundary, "
      "the same call twice, two threads at once on one prepared kernel; every C against the exact product "
      "or the model the backend declares. " + std::to_string(r.robustness.size()) + " results: " +
      std::to_string(failed) + " failed, " + std::to_string(skipped) + " skipped.");
  s.header = {"backend", "A type", "status", "run() calls", "seconds", "first problem", "problems", "reproduce"};
  for (const GemmRobustness& g : r.robustness) {
    const std::string type(name(g.a_type));
    s.rows.push_back({g.backend, type, std::string(name(g.status)), std::to_string(g.calls),
                      fixed(g.seconds, "%.2f"), g.status == Status::failed ? g.reason : "",
                      std::to_string(g.problems.size()), g.repro});
    s.cell_classes.push_back({"", "", g.status == Status::passed ? "exact" : std::string(name(g.status))});
    s.row_keys.push_back(g.backend + " " + type);
  }
  std::set<std::string> said;  // a skip reason once per backend
  for (const GemmRobustness& g : r.robustness)
    if (g.status == Status::skipped && said.insert(g.backend).second)
      s.paragraphs.push_back("Skipped here: " + g.backend + ": " + g.reason);
  for (const GemmRobustness& g : r.robustness)
    for (const std::string& p : g.problems)
      s.paragraphs.push_back(g.backend + " " + std::string(name(g.a_type)) + ": " + p);
  return s;
}

}  // namespace

namespace {

void set_int8_verdict(Report& report, const Int8Results& r) {
  std::size_t cases = 0, failed = 0, declared = 0;
  for (const GemmExactness& g : r.gemm) {
    ++cases;
    failed += g.status == Status::failed;
    declared += g.status == Status::failed && !g.undeclared_failure();
  }
  for (const QuantExactness& q : r.quant) cases += 1, failed += q.status == Status::failed;
  report.title = "fpconform INT8 report";
  report.verdict = r.undeclared_failures() > 0 ? Verdict::deviates : Verdict::conforms;
  report.verdict_line = cases == 0 ? "INT8: error and speed only (no exactness cases in these results)"
                                    : "INT8: " + std::to_string(failed) + " of " + std::to_string(cases) +
                                          " exactness cases not exact, " + std::to_string(declared) +
                                          " of them declared by their backend";
  if (r.robustness.empty()) return;
  const std::string robust = "GEMM robustness: " + std::to_string(r.robustness_failures()) + " of " +
                             std::to_string(r.robustness.size()) + " results failed";
  report.verdict_line = cases == 0 ? "INT8: " + robust : report.verdict_line + "; " + robust;
}

}  // namespace

void add_int8(Report& report, const Int8Results& r) {
  if (r.empty()) return;
  // No conversion was checked, but INT8 exactness cases were (error and speed are measures).
  if (report.runs.empty() || (report.verdict == Verdict::skipped && (!r.gemm.empty() || !r.quant.empty()))) {
    const std::string conversions = report.runs.empty() ? "" : "; conversions: " + report.verdict_line;
    const std::string title = report.runs.empty() ? "" : report.title;
    set_int8_verdict(report, r);
    report.verdict_line += conversions;
    if (!title.empty()) report.title = title;
  } else if (const std::size_t n = r.undeclared_failures(); n > 0) {
    report.verdict = Verdict::deviates;
    const std::size_t robust = r.robustness_failures();
    std::string what = n > robust ? std::to_string(n - robust) + " checks not exact and not declared" : "";
    if (robust) what += (what.empty() ? "" : ", ") + std::to_string(robust) + " GEMM robustness results failed";
    report.verdict_line += "; INT8: " + what;
  }
  for (Section& sec : int8_sections(r)) report.sections.push_back(std::move(sec));
}

std::vector<Section> int8_sections(const Int8Results& r) {
  std::vector<Section> out;
  if (!r.gemm.empty()) out.push_back(gemm_section(r));
  if (!r.quant.empty()) out.push_back(quant_section(r));
  if (!r.model_differences.empty()) out.push_back(model_section(r));
  if (!r.end_to_end.empty()) out.push_back(error_section(r));
  if (!r.speed.empty()) out.push_back(speed_section(r));
  if (!r.robustness.empty()) out.push_back(robustness_section(r));
  return out;
}

}  // namespace fpconform
