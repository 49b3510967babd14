// fpconform matmul: int8 GEMM backends against the exact int64 reference, the end-to-end error of
// quantized matmuls, and their speed. One line per case, each with the command that repeats it.
#include <cstdio>

#include "tools/fpconform/commands.hpp"
#include "tools/fpconform/gate.hpp"
#include "tools/fpconform/int8_run.hpp"

namespace fpconform::cli {
namespace {

struct MatmulArgs {
  Int8Plan plan;
  std::string json;
  std::string html;
  std::string junit;
};

int run_matmul(const MatmulArgs& a) {
  const Int8Outcome o = run_int8(a.plan);
  write_results({}, &o.results, *parse_profile("strict"), a.json, a.junit, a.html);
  std::printf("\n%s\n", int8_summary(o).c_str());
  return o.undeclared ? kDeviates : kConforms;
}

}  // namespace

Command add_matmul_command(CLI::App& app) {
  auto a = std::make_shared<MatmulArgs>();
  auto* sub = app.add_subcommand("matmul", "INT8 GEMM: exactness against the int64 reference, end-to-end error, speed");
  sub->add_option("--backend", a->plan.backends, "INT8 backends, comma-separated, or all")->capture_default_str();
  sub->add_option("--shape", a->plan.shapes, "Problems MxK:KxN, comma-separated; 'ragged' adds the ragged set")
      ->capture_default_str();
  sub->add_option("--pattern", a->plan.patterns,
                  "Exactness inputs: full-range, small, corner-max, corner-min, alternating, all")
      ->capture_default_str();
  sub->add_option("--a-type", a->plan.a_types, "A's type: s8, u8, all")->capture_default_str();
  sub->add_option("--seed", a->plan.seed, "Seed of the random inputs")->capture_default_str();
  sub->add_option("--check", a->plan.checks, "What to run: exact, e2e, speed, robustness (comma-separated)")
      ->capture_default_str();
  sub->add_option("--reference", a->plan.reference,
                  "Exactness: how mismatches are found. full: every element of the exact product "
                  "(O(MNK), on every core); freivalds: Freivalds' check (2 random vectors mod 2^61-1, a "
                  "wrong C passes with probability < 2^-121) flags the differing rows, which alone are "
                  "computed exactly; auto: full up to M*N*K = 2^30, else freivalds")
      ->capture_default_str();
  sub->add_flag("--robustness", a->plan.robustness,
                "Also probe every selected GEMM: ragged shapes 1..67, A and B read-only, C fenced by a "
                "guard page and canaries, misaligned pointers, determinism, two threads (each probe "
                "family in a child process); the same as adding robustness to --check");
  sub->add_option("--e2e-shape", a->plan.e2e_shapes, "End to end: problems MxK:KxN (default: the --shape problems but the ragged set)")->capture_default_str();
  sub->add_option("--dist", a->plan.dists, "End to end: gaussian, uniform, outliers, all")->capture_default_str();
  sub->add_option("--scheme", a->plan.schemes, "End to end: per-tensor, per-channel, asymmetric, fp16, bf16, fp8-e4m3, fp8-e5m2, mxfp8-e4m3, mxfp8-e5m2, mxfp6-e3m2, mxfp6-e2m3, mxfp4, mxint8, mxfp8-e4m3-rceil, mxfp4-rceil, mxfp4-even, nvfp4, nf4, int4, int4-asym, q4_0, all")
      ->capture_default_str();
  sub->add_option("--e2e-backend", a->plan.e2e_backend, "The GEMM backend of the end-to-end runs")->capture_default_str();
  sub->add_option("--threads", a->plan.threads, "Speed: thread counts, comma-separated")->capture_default_str();
  sub->add_option("--json", a->json, "Write the results (the int8 section) to this file");
  sub->add_option("--html", a->html, "Write the HTML report (INT8 sections) to this file");
  sub->add_option("--junit", a->junit, "Write JUnit XML (a test case per check) to this file");
  return {sub, [a] { return run_matmul(*a); }};
}

}  // namespace fpconform::cli
