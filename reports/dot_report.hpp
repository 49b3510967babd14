// The report's matrix-units sections from the dot results: a row per unit and format (declared,
// inferred and published model, the probes' evidence, the check's verdict and its repro command),
// and the error against K as a chart and a table.
#pragma once

#include <vector>

#include "reports/dot_result.hpp"
#include "reports/report_model.hpp"

namespace fpconform {

// "matrix-units" when units were checked, "dot-error" when their error was measured.
std::vector<Section> dot_sections(const DotResults& r);

// Adds those sections and their verdict: a unit that does not match its model makes the report
// deviate; a skipped one is listed with its reason and never counted as passed.
void add_dot(Report& report, const DotResults& r);

}  // namespace fpconform
