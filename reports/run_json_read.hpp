// One Run read back from to_json(const Run&) (reports/result_json.hpp): how a child process
// hands a run to its parent. Whole results files are read by reports/result_read.hpp.
#pragma once

#include <nlohmann/json.hpp>

#include "reports/result.hpp"

namespace fpconform {

// Throws nlohmann::json::exception or std::invalid_argument on anything it cannot read.
Run run_from_json(const nlohmann::json& j);

}  // namespace fpconform
