// The report's INT8 sections (exactness, requantization models, end-to-end error, speed) from
// the int8 results.
#pragma once

#include <vector>

#include "reports/int8_result.hpp"
#include "reports/report_model.hpp"

namespace fpconform {

std::vector<Section> int8_sections(const Int8Results& r);

// For a report of INT8 results alone (no conversion runs): its title and verdict line.
void set_int8_verdict(Report& report, const Int8Results& r);

}  // namespace fpconform
