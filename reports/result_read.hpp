// Reading results back: the runs of an "fpconform-results/1" document, for merging shards and
// rendering reports. Errors name the file and the JSON field.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "reports/dot_result.hpp"
#include "reports/int8_result.hpp"
#include "platform/machine.hpp"
#include "reports/profile.hpp"
#include "reports/result.hpp"

namespace fpconform {

struct ResultsFile {
  std::string command;
  std::string profile;
  std::string date;  // empty in files written before it was recorded
  Machine machine;
  std::vector<Run> runs;
  Int8Results int8;  // empty when the file has no "int8" object
  DotResults dot;    // empty when the file has no "dot" object
};

// Throws InputError ("FILE: runs[3].by_kind.rounding: expected a count") on anything malformed.
ResultsFile read_results(const std::string& path);

// One Run as to_json(const Run&) writes it (reports/result_json.hpp): how a child process hands a
// run to its parent. The same strict reader as a results file's runs; InputError names `source`
// and the field.
Run run_from_json(const nlohmann::json& j, const std::string& source = "run from a child process");

// Several files read together (shards, or machines): they must share one profile, which is
// returned with them; throws InputError naming the file that differs.
std::pair<std::vector<ResultsFile>, Profile> read_results_files(const std::vector<std::string>& paths);

}  // namespace fpconform
