#include "tools/fpconform/int8_run.hpp"

#include <algorithm>
#include <cstdio>

#include "fpconform/error.hpp"
#include "fpconform/gpu_gemm_speed.hpp"
#include "fpconform/int8_peak.hpp"
#include "checks/int8/check.hpp"
#include "checks/int8/error.hpp"
#include "checks/int8/gemm_robustness.hpp"
#include "checks/int8/speed.hpp"
#include "reports/int8_text.hpp"
#include "tools/fpconform/int8_selection.hpp"
#include "tools/fpconform/progress.hpp"
#include "tools/fpconform/selection.hpp"

namespace fpconform::cli {
namespace {

struct Checks {
  bool exact = false, e2e = false, speed = false, robustness = false;
};

Checks parse_checks(const std::string& list) {
  Checks c;
  for (const std::string& s : split_list(list)) {
    if (s == "exact") c.exact = true;
    else if (s == "e2e") c.e2e = true;
    else if (s == "speed") c.speed = true;
    else if (s == "robustness") c.robustness = true;
    else throw InputError("--check: unknown value '" + s + "' (known: exact, e2e, speed, robustness)");
  }
  return c;
}

// Device backends are timed on the GPU with their operands resident there (run() copies A and C
// over PCIe, which would dominate): the int8 entries of the selected backends and the cuBLAS
// SGEMMs, threads 0 ("GPU"), each int8 one related to the FP32 SGEMM.
std::vector<GemmSpeed> gpu_speeds(GemmShape shape, const std::vector<const Int8Backend*>& selected) {
  const std::vector<GpuGemmTiming> timings = time_gpu_gemms(shape);
  double fp32_gops = 0;
  std::vector<GemmSpeed> out;
  for (const GpuGemmTiming& t : timings) {
    const std::string backend = t.name.substr(0, t.name.find('/'));
    const bool sgemm = t.name.starts_with("cublas-sgemm");
    if (!sgemm && std::none_of(selected.begin(), selected.end(), [&](const Int8Backend* b) {
          return b->name() == backend;
        }))
      continue;
    GemmSpeed s;
    s.backend = t.name;
    s.shape = shape;
    s.threads = 0;
    s.seconds = t.seconds;
    s.gops = 2.0 * shape.m * shape.n * shape.k / t.seconds / 1e9;
    s.peak_gops = t.peak_gops;
    s.peak_source = t.peak_source;
    if (t.name == "cublas-sgemm-fp32") fp32_gops = s.gops;
    out.push_back(std::move(s));
  }
  for (GemmSpeed& s : out)
    if (s.backend != "cublas-sgemm-fp32" && fp32_gops > 0) s.fp32_ratio = s.gops / fp32_gops;
  return out;
}

std::string threads_label(int threads) {
  return threads == 0 ? "GPU" : std::to_string(threads) + (threads == 1 ? " thread" : " threads");
}

std::vector<GemmShape> e2e_shapes(const Int8Plan& a) {
  if (!a.e2e_shapes.empty()) return select_shapes(a.e2e_shapes);
  std::string named;
  for (const std::string& s : split_list(a.shapes))
    if (s != "ragged") named += (named.empty() ? "" : ",") + s;
  return named.empty() ? std::vector<GemmShape>{} : select_shapes(named);
}

}  // namespace

Int8Outcome run_int8(const Int8Plan& a) {
  Checks checks = parse_checks(a.checks);
  checks.robustness = checks.robustness || a.robustness;
  const std::vector<GemmShape> shapes = select_shapes(a.shapes);
  Int8Outcome o;
  Int8Results& results = o.results;
  int& undeclared = o.undeclared;

  // Ragged shapes, read-only inputs, C's bounds, misaligned pointers, determinism, two threads:
  // each probe family of each backend in a child process (checks/int8/gemm_robustness.hpp). A
  // plug-in's GEMM is left to the caller, who runs check_gemm_robustness() for it inside its
  // subject process's run. First, before the other checks start OpenMP's threads: a child forked
  // from a process with them is fragile (libgomp; qemu-user's fork asserts in the child).
  if (checks.robustness) {
    const auto backends = select_int8_backends(a.backends, [](const Int8Backend& b) {
      return b.multiplies(IntType::s8) || b.multiplies(IntType::u8);
    });
    GemmRobustnessOptions ro;
    ro.a_types = select_int_types("--a-type", a.a_types);
    Progress progress("robustness", double(backends.size()), "backends");
    double done = 0;
    for (const Int8Backend* b : backends) {
      progress.update(done++, std::string(b->name()));
      if (b->kind() == BackendKind::plugin) continue;
      std::fflush(nullptr);  // a probe child must not write out a copy of what is buffered here
      std::vector<GemmRobustness> r = check_gemm_robustness(*b, ro);
      if (a.every_case) {
        progress.clear();
        // An unavailable backend's exactness cases, below, say why it is skipped.
        const bool said = checks.exact && !b->available().ok;
        std::fputs(format_gemm_robustness(r, said ? std::vector<std::string>{std::string(b->name())}
                                                   : std::vector<std::string>{}).c_str(), stdout);
      }
      for (GemmRobustness& g : r) results.robustness.push_back(std::move(g));
    }
    progress.clear();
  }


  if (checks.exact) {
    const std::optional<GemmReference> reference = parse_gemm_reference(a.reference);
    if (!reference) throw InputError("--reference: unknown value '" + a.reference + "' (known: auto, full, freivalds)");
    const auto backends = select_int8_backends(a.backends, [](const Int8Backend& b) {
      return b.multiplies(IntType::s8) || b.multiplies(IntType::u8);
    });
    const auto patterns = select_patterns(a.patterns);
    const auto types = select_int_types("--a-type", a.a_types);
    // An A type a backend does not multiply is no case at all (`fpconform list` says which).
    std::size_t pairs = 0;
    for (IntType t : types)
      for (const Int8Backend* b : backends) pairs += b->multiplies(t);
    Progress progress("matmul", double(shapes.size() * patterns.size() * pairs), "cases");
    double done = 0;
    for (GemmShape shape : shapes)
      for (IntType t : types)
        for (Pattern p : patterns)
          for (const Int8Backend* b : backends) {
            if (!b->multiplies(t)) continue;
            progress.update(done++, std::string(b->name()) + " " + format_shape(shape));
            GemmExactness g = check_gemm(*b, shape, t, p, a.seed, *reference);
            if (a.every_case) progress.clear();
            // A backend that cannot run here is said once below, not once per case.
            if (a.every_case && g.status != Status::skipped) std::fputs(format_int8_case(g).c_str(), stdout);
            results.gemm.push_back(std::move(g));
          }
    for (const Int8Backend* b : backends) {
      std::size_t n = 0;
      for (const GemmExactness& g : results.gemm) n += g.backend == b->name() && g.status == Status::skipped;
      if (n && a.every_case)
        std::printf("SKIPPED       %-12s %zu cases: %s\n", std::string(b->name()).c_str(), n,
                    b->available().reason.c_str());
    }
  }

  if (checks.e2e) {
    const Int8Backend* gemm = find_int8_backend(a.e2e_backend);
    if (!gemm) throw InputError("--e2e-backend: unknown INT8 backend '" + a.e2e_backend + "'");
    if (const Availability av = gemm->available(); !av.ok)
      throw InputError("--e2e-backend: " + a.e2e_backend + " is not available here: " + av.reason);
    for (GemmShape shape : e2e_shapes(a))
      for (Dist d : select_dists(a.dists))
        for (Scheme s : select_schemes(a.schemes)) {
          EndToEnd e = end_to_end(d, s, shape, gemm, a.seed);
          if (a.every_case)
            std::printf("E2E  %-9s %-12s %-22s SQNR %6.2f dB  cosine %.7f  max abs %.4g  rel Frobenius %.4g\n"
                        "    __REPRO: %s\n",
                        e.dist.c_str(), e.scheme.c_str(), format_shape(e.shape).c_str(), e.sqnr_db, e.cosine,
                        e.max_abs, e.rel_frobenius, e.repro.c_str());
          results.end_to_end.push_back(std::move(e));
        }
  }

  if (checks.speed) {
    const auto backends = select_int8_backends(a.backends, [](const Int8Backend& b) {
      return b.multiplies(IntType::s8) || b.multiplies(IntType::u8);
    });
    const bool gpu = std::any_of(backends.begin(), backends.end(), [](const Int8Backend* b) {
      return b->kind() == BackendKind::device && b->available().ok;
    });
    const std::vector<int> threads = select_threads(a.threads);
    const std::optional<Int8Peak> peak1 = measure_int8_peak(1), peak2 = measure_int8_peak(2);
    Progress progress("speed", double(shapes.size() * threads.size() * (backends.size() + 1)), "timings");
    double done = 0;
    for (GemmShape shape : shapes) {
      for (int t : threads) {
        progress.update(done++, "sgemm " + format_shape(shape));
        results.speed.push_back(measure_sgemm_speed(shape, t));
        for (const Int8Backend* b : backends) {
          progress.update(done++, std::string(b->name()) + " " + format_shape(shape));
          if (b->kind() == BackendKind::device || !b->available().ok) continue;
          // Each backend at its best A type: u8 where it multiplies it (VNNI's native form).
          const IntType at = b->multiplies(IntType::u8) ? IntType::u8 : IntType::s8;
          results.speed.push_back(measure_gemm_speed(*b, shape, at, t));
        }
      }
      if (gpu)
        for (GemmSpeed& s : gpu_speeds(shape, backends)) results.speed.push_back(std::move(s));
    }
    progress.clear();
    relate(results.speed, peak1, peak2);
    for (const GemmSpeed& s : results.speed)
      std::printf("SPEED %-18s %-22s %-9s  %8.3f ms  %8.1f GOPS%s%s\n", s.backend.c_str(),
                  format_shape(s.shape).c_str(), threads_label(s.threads).c_str(), s.seconds * 1e3, s.gops,
                  s.fp32_ratio > 0 ? ("  " + std::to_string(s.fp32_ratio).substr(0, 4) + "x FP32").c_str() : "",
                  s.peak_gops > 0 ? ("  " + std::to_string(100 * s.gops / s.peak_gops).substr(0, 4) + "% of " +
                                     s.peak_source).c_str()
                                  : "");
    for (const Int8Backend* b : backends)
      if (const Availability av = b->available(); !av.ok)
        std::printf("SPEED %-18s skipped: %s\n", std::string(b->name()).c_str(), av.reason.c_str());
  }

  undeclared = static_cast<int>(results.undeclared_failures());
  return o;
}

std::string int8_summary(const Int8Outcome& o) {
  std::size_t failed = 0, passed = 0, skipped = 0, undeclared = 0;
  for (const GemmExactness& g : o.results.gemm) {
    failed += g.status == Status::failed;
    passed += g.status == Status::passed;
    skipped += g.status == Status::skipped;
    undeclared += g.undeclared_failure();
  }
  const std::size_t unimplemented = o.results.gemm.size() - passed - failed - skipped;
  std::string s = std::to_string(passed) + " exact, " + std::to_string(failed) + " not exact (" +
                  std::to_string(undeclared) + " not declared by their backend), " + std::to_string(skipped) +
                  " skipped" + (unimplemented ? ", " + std::to_string(unimplemented) + " unimplemented" : "") +
                  " (INT8 GEMM)";
  if (const auto& r = o.results.robustness; !r.empty()) {
    std::size_t rp = 0, rf = 0;
    for (const GemmRobustness& g : r) rp += g.status == Status::passed, rf += g.status == Status::failed;
    const std::string robust = "GEMM robustness: " + std::to_string(rp) + " passed, " + std::to_string(rf) +
                               " failed, " + std::to_string(r.size() - rp - rf) + " skipped";
    s = o.results.gemm.empty() ? robust : s + "; " + robust;
  }
  return s;
}

}  // namespace fpconform::cli
