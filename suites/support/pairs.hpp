// What the parameterized suites are instantiated for: (op, rounding) pairs, and the (backend, op,
// rounding) triples the backends compiled in implement. Backend::implements is a declaration, the
// same on every machine: a backend that is unavailable here keeps its triples (its tests skip
// with the reason), and a pair a backend does not implement is no test at all, not a skip.
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "fpconform/backend.hpp"
#include "fpconform/operation.hpp"
#include "fpconform/rounding.hpp"
#include "suites/support/test_names.hpp"

namespace fpconform {

struct Pair {
  Op op;
  Rounding r;
};

// Every (op, rounding) with a binary32 source: what the sweep's tests are parameterized by.
inline std::vector<Pair> binary32_pairs() {
  std::vector<Pair> out;
  for (const OpInfo& i : kOps)
    if (i.src->container_bits == 32)
      for (Rounding r : kRoundings) out.push_back({i.op, r});
  return out;
}

// Every op, in kOps order: a widening one once, under rne (exact: Backend::implements asks for
// it so and the mode is ignored), a narrowing one in every mode.
inline std::vector<Pair> all_pairs() {
  std::vector<Pair> out;
  for (const OpInfo& i : kOps)
    if (is_widening(i.op))
      out.push_back({i.op, Rounding::rne});
    else
      for (Rounding r : kRoundings) out.push_back({i.op, r});
  return out;
}

inline std::vector<Pair> widening_pairs() {
  std::vector<Pair> out;
  for (const Pair& p : all_pairs())
    if (is_widening(p.op)) out.push_back(p);
  return out;
}

// "f32_to_f16_rne"; a widening op by its name alone, "f16_to_f32".
inline std::string pair_label(Pair p) {
  std::string s(name(p.op));
  if (!is_widening(p.op)) s.append("_").append(name(p.r));
  return s;
}

inline std::string pair_name(const ::testing::TestParamInfo<Pair>& i) {
  return test_name(pair_label(i.param));
}

// How gtest shows a pair (test lists, ctest's names): "f32_to_f16 rne", "f16_to_f32 exact".
inline void PrintTo(const Pair& p, std::ostream* os) {
  *os << name(p.op) << ' ' << rounding_label(p.op, p.r);
}

struct Triple {
  const Backend* backend;
  Op op;
  Rounding r;
};

// The triples among `pairs` that a backend compiled in implements, available here or not:
// backend by backend in the registry's order, each backend's in the order of `pairs`. `keep`
// narrows the backends.
template <typename Keep>
std::vector<Triple> implemented(const std::vector<Pair>& pairs, Keep keep) {
  std::vector<Triple> out;
  for (const Backend* b : backends())
    if (keep(*b))
      for (const Pair& p : pairs)
        if (b->implements(p.op, p.r)) out.push_back({b, p.op, p.r});
  return out;
}

inline std::vector<Triple> implemented(const std::vector<Pair>& pairs) {
  return implemented(pairs, [](const Backend&) { return true; });
}

// "eigen_f16c_f32_to_e4m3_rne", "portable_f16_to_f32": the backend, then the pair.
inline std::string triple_name(const ::testing::TestParamInfo<Triple>& i) {
  return test_name(std::string(i.param.backend->name()) + "_" +
                   pair_label({i.param.op, i.param.r}));
}

// "eigen-f16c f32_to_e4m3 rne".
inline void PrintTo(const Triple& t, std::ostream* os) {
  *os << t.backend->name() << ' ' << name(t.op) << ' ' << rounding_label(t.op, t.r);
}

}  // namespace fpconform
