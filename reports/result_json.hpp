// The result model as JSON: "schema": "fpconform-results/1".
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "reports/dot_result.hpp"
#include "reports/int8_result.hpp"
#include "platform/machine.hpp"
#include "reports/result.hpp"

namespace fpconform {

inline constexpr const char* kResultsSchema = "fpconform-results/1";

nlohmann::json to_json(const Run& run);
nlohmann::json to_json(const Machine& m);
// The whole document: schema, command, profile, date (now), machine, runs, "int8" when there are
// INT8 results and "dot" when there are dot-product units' results.
nlohmann::json results_document(const std::vector<Run>& runs, const std::string& command,
                                 const std::string& profile, const Machine& m,
                                 const Int8Results& int8 = {}, const DotResults& dot = {});

}  // namespace fpconform
