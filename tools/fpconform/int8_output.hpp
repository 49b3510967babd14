// Where the INT8 commands' results go: the results JSON (its int8 section), JUnit XML and the
// HTML report.
#pragma once

#include <string>

#include "reports/int8_result.hpp"

namespace fpconform::cli {

// Writes each file that is named (empty: none) and says where it went.
void write_int8_outputs(const Int8Results& r, const std::string& json, const std::string& html,
                        const std::string& junit);

}  // namespace fpconform::cli
