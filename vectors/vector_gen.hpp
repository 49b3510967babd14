// Vector files from the oracle: every input of a set with its expected result and flags, as the
// lines of a vector file, written in input order while they are computed.
#pragma once

#include <cstdint>
#include <functional>
#include <iosfwd>
#include <string>

#include "fpconform/nan_policy.hpp"
#include "fpconform/operation.hpp"
#include "fpconform/rounding.hpp"
#include "oracles/softfloat/arith.hpp"
#include "oracles/softfloat/oracle.hpp"
#include "vectors/inputs.hpp"
#include "vectors/vector_file.hpp"

namespace fpconform {

struct VectorGenOptions {
  VectorFormat format = VectorFormat::fpconform;
  Tininess tininess = Tininess::after;
  // Which NaN arithmetic returns (IEEE 754-2019 6.2.3 leaves it open); conversions ignore it.
  NanPolicy nan = NanPolicy::x86;
  // The comment of an fpconform-format line (e.g. the case's class); empty: none. Called from
  // several threads at once.
  std::function<std::string(Op op, Word input, const oracle::Result& expected)> comment;
  unsigned threads = 0;  // 0: all hardware threads
};

// One line per input of the set, under rounding r (widening ops: exact, r ignored). Blocks are
// computed by all threads and written in order, so output of any size streams. false when a
// write failed; nothing more is written then.
[[nodiscard]] bool generate_vectors(std::ostream& out, const InputSet& inputs, Rounding r,
                                    const VectorGenOptions& o);

}  // namespace fpconform
