// The report model as one self-contained HTML page: inline CSS and SVG, no script, no external
// resource (a Content-Security-Policy forbids both), every outside string escaped.
#pragma once

#include <string>

#include "reports/report_model.hpp"

namespace fpconform {

std::string html_report(const Report& r);

}  // namespace fpconform
