// Probes in the style of Fasi et al.: crafted dot products whose results tell a unit's block
// size, alignment bits and rounding, whether c joins the block, the rounding of each step,
// subnormal handling and the order within a pair; seeded adversarial ones settle the rest. A
// unit's model is inferred by elimination: every candidate model whose results on the probes
// are the unit's, bit for bit (NaN by class).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "fpconform/dot_backend.hpp"
#include "oracles/dot/dot_model.hpp"

namespace fpconform {

struct DotCase {
  std::vector<std::uint32_t> a, b;  // k elements each
  std::uint32_t c = 0;
  std::string what;  // the family it belongs to: "big-at-3, tiny 2^-24", "random"
};

inline constexpr int kProbeK = 32;

// The probes for inputs in `in`, each of kProbeK elements.
std::vector<DotCase> dot_probes(const Format& in);

// Seeded random and adversarial dot products of k elements (wide exponent spread, cancellation,
// subnormal inputs and results, infinities and NaN in a few).
std::vector<DotCase> dot_cases(const Format& in, int k, std::size_t count, std::uint64_t seed);

// The candidate models: blocks 1..16 (and 32 for FP8), alignment exact or 23..28 bits (and 10..16
// for FP8) truncated or rounded, c
// joining or after, rne, rtz or round-to-odd steps, DAZ, FTZ, pair order; one of each class of models that
// no input in `in` can tell apart (probe.cpp says which and why).
std::vector<oracle::DotModel> candidate_dot_models(const Format& in);

// The representative of m's class for inputs in `in` (probe.cpp says which models no input tells
// apart, and why): what inference can recover.
oracle::DotModel canonical_dot_model(oracle::DotModel m, const Format& in);

// What the probes can recover of m: its class's representative, with a span of chains as long
// as the probes or longer dropped (their kProbeK elements are one span).
oracle::DotModel recoverable_dot_model(oracle::DotModel m, const Format& in);

bool same_result(std::uint32_t x, std::uint32_t y);  // bit for bit, NaN by class

// d for every case, from the backend in batches.
std::vector<std::uint32_t> run_cases(const DotBackend& b, const Format& in, const std::vector<DotCase>& cases);
std::vector<std::uint32_t> model_results(const oracle::DotModel& m, const Format& in,
                                         const std::vector<DotCase>& cases);

// The K blocking of a model that matches a unit at k = kProbeK but not at k: the span of its
// chains (where it has several: the instruction's width, a multiple of the probes' 32) and the
// smallest chunk of K (a kernel's blocking) for which it matches the first 2000 of `cases`
// (whose results `got` are the unit's). Nothing when none does.
std::optional<oracle::DotModel> fit_dot_blocking(const oracle::DotModel& m, const Format& in,
                                                 const std::vector<DotCase>& cases,
                                                 const std::vector<std::uint32_t>& got, int k);

struct DotInference {
  std::vector<oracle::DotModel> consistent;  // one: the model; none: outside the candidates
  std::size_t probes = 0;
  // For a consistent model: nothing. Else the candidate nearest (fewest differing probes) and
  // one probe it gets wrong, as evidence.
  oracle::DotModel nearest;
  std::size_t nearest_misses = 0;
  std::string nearest_miss;
};

DotInference infer_dot_model(const Format& in, const std::vector<std::uint32_t>& got,
                             const std::vector<DotCase>& probes);

}  // namespace fpconform
