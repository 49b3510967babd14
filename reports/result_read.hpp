// Reading results back: the runs of an "fpconform-results/1" document, for merging shards and
// rendering reports. Errors name the file and the JSON field.
#pragma once

#include <string>
#include <vector>

#include "reports/result.hpp"

namespace fpconform {

struct ResultsFile {
  std::string command;
  std::string profile;
  std::vector<Run> runs;
};

// Throws InputError ("FILE: runs[3].by_kind.rounding: expected a count") on anything malformed.
ResultsFile read_results(const std::string& path);

}  // namespace fpconform
