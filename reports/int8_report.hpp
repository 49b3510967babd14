// The report's INT8 sections (exactness, requantization models, end-to-end error, speed) from
// the int8 results.
#pragma once

#include <vector>

#include "reports/int8_result.hpp"
#include "reports/report_model.hpp"

namespace fpconform {

std::vector<Section> int8_sections(const Int8Results& r);

// Adds the INT8 sections to a report, and their verdict: a report of INT8 results alone (no
// conversion runs) is titled and judged by them; beside conversion runs, INT8 failures no
// declaration covers make it deviate too.
void add_int8(Report& report, const Int8Results& r);

}  // namespace fpconform
