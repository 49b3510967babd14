// The INT8 runs shared by `matmul` and `check --int8`: GEMM exactness for every backend, shape,
// A type and input pattern; end-to-end error; speed. Prints each case as it goes (every_case),
// or only what has no other place (end-to-end and speed lines).
#pragma once

#include <cstdint>
#include <string>

#include "reports/int8_result.hpp"

namespace fpconform::cli {

struct Int8Plan {
  std::string backends = "all";
  std::string shapes = "256x256:256x256,ragged";
  std::string patterns = "all";
  std::string a_types = "all";
  std::uint64_t seed = 1;
  std::string checks = "exact,e2e";  // exact, e2e, speed, robustness
  std::string reference = "auto";  // exactness: auto, full, freivalds (GemmReference)
  bool robustness = false;  // the GEMM robustness probes too, whatever `checks` says (--robustness)
  std::string e2e_shapes;  // empty: the shapes of `shapes` but the ragged set
  std::string dists = "gaussian";
  std::string schemes = "all";
  std::string e2e_backend = "reference";
  std::string threads = "1,2";
  // Print every GEMM case and its __REPRO line as it is checked (matmul, check --verbose); else
  // the caller prints format_int8_summary() of the results.
  bool every_case = true;
};

struct Int8Outcome {
  Int8Results results;
  // INT8 checks that fail undeclared (Int8Results::undeclared_failures): GEMM cases not exact
  // whose backend does not declare why, failed quantize checks, failed GEMM robustness results.
  int undeclared = 0;
};

Int8Outcome run_int8(const Int8Plan& plan);

// "N exact, M not exact (K not declared by their backend), S skipped" (", U unimplemented" if any),
// then "; GEMM robustness: P passed, F failed, S skipped" when the probes ran.
std::string int8_summary(const Int8Outcome& o);

}  // namespace fpconform::cli
