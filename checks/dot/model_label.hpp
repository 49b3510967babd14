// How a dot-product model is named in text: in full ("vdpbf16ps (block=1 ...)") and in a few
// words for the terminal ("vdpbf16ps, c last": the nearest named model and what differs).
#pragma once

#include <string>

#include "oracles/dot/dot_model.hpp"

namespace fpconform {

// "name (parameters)" where m is a named model of `in`'s operands, else its parameters.
std::string dot_model_label(const oracle::DotModel& m, const Format& in);

// The named model of `in`'s operands m is, or the one nearest to it (fewest differing parameters
// of oracle::describe) with what differs: "tdpbf16ps-even-odd, c last", "vdpbf16ps, round=rtz,
// without ftz=yes"; its parameters where none is within three of them.
std::string dot_model_short(const oracle::DotModel& m, const Format& in);

}  // namespace fpconform
