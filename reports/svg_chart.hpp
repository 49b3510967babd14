// Inline SVG charts for the HTML report (no scripts, no external resources).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "fpconform/format.hpp"

namespace fpconform {

// Deviations by the input's biased exponent field: one bar per exponent, log-scaled heights,
// each with a tooltip (<title>) giving the binade and the count. The first and last exponents
// (zero and subnormals; infinity and NaN in an IEEE format) are labelled as such.
std::string exponent_chart(const Format& src, const std::vector<std::uint64_t>& by_exponent);

// One series of a grouped bar chart: a value per group (NaN: no bar).
struct BarSeries {
  std::string name;
  std::vector<double> values;
};

// Horizontal bars, linear scale from 0, one row of bars per group and one colour per series, each
// bar labelled with its value and with a tooltip; a legend names the series.
std::string bar_chart(const std::string& label, const std::string& unit,
                      const std::vector<std::string>& groups, const std::vector<BarSeries>& series);

// One line of a line chart: a value per x label (NaN: no point). Series that share a colour are
// one subject's measures; a dashed one is told from the solid one by its dashes.
struct LineSeries {
  std::string name;
  std::vector<double> values;
  std::size_t colour = 0;
  bool dashed = false;
};

// Lines over evenly spaced x labels on a log10 scale (decades from the smallest positive value's
// to the largest's; a value of 0 drawn on the bottom line), each point with a tooltip; a legend
// names the series.
std::string line_chart(const std::string& label, const std::string& unit, const std::string& x_title,
                       const std::vector<std::string>& x_labels, const std::vector<LineSeries>& series);

}  // namespace fpconform
