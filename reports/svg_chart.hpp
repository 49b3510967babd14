// Inline SVG charts for the HTML report (no scripts, no external resources).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "fpconform/format.hpp"

namespace fpconform {

// Deviations by the input's biased exponent field: one bar per exponent, log-scaled heights,
// each with a tooltip (<title>) giving the binade and the count. The first and last exponents
// (zero and subnormals; infinity and NaN in an IEEE format) are labelled as such.
std::string exponent_chart(const Format& src, const std::vector<std::uint64_t>& by_exponent);

}  // namespace fpconform
