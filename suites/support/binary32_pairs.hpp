// Every (op, rounding) with a binary32 source: what the sweep's tests are parameterized by.
#pragma once

#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "fpconform/operation.hpp"
#include "fpconform/rounding.hpp"
#include "suites/support/test_names.hpp"

namespace fpconform {

struct Pair {
  Op op;
  Rounding r;
};

inline std::vector<Pair> binary32_pairs() {
  std::vector<Pair> out;
  for (const OpInfo& i : kOps)
    if (i.src->container_bits == 32)
      for (Rounding r : kRoundings) out.push_back({i.op, r});
  return out;
}

// f32_to_f16_rne
inline std::string pair_name(const ::testing::TestParamInfo<Pair>& i) {
  return test_name(std::string(name(i.param.op)) + "_" + std::string(name(i.param.r)));
}

}  // namespace fpconform
