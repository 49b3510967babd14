// The end shared by check and merge: the baseline gate, the summary line, the results file and
// the baseline written from what was observed.
#pragma once

#include <fstream>
#include <map>
#include <string>
#include <vector>

#include "checks/baseline.hpp"
#include "reports/dot_result.hpp"
#include "reports/int8_result.hpp"
#include "platform/machine.hpp"
#include "reports/profile.hpp"
#include "reports/result.hpp"

namespace fpconform::cli {

struct Finish {
  const Profile* profile;
  const Baseline* baseline;  // null: no gate
  std::string json;            // results file to write, or empty
  std::string junit;           // JUnit XML file to write, or empty
  std::string html;            // HTML report to write, or empty
  std::string write_baseline;  // baseline file to write, or empty
  const Int8Results* int8 = nullptr;  // INT8 results to write beside the runs, or null
  const DotResults* dot = nullptr;    // dot-product units' results to write beside them, or null
};

// An output file, or InputError naming it.
std::ofstream open_for_writing(const std::string& path);

// This machine with the versions of the peer libraries compiled in; every built-in backend's
// description by name (for the report).
Machine machine_here();
std::map<std::string, std::string> backend_descriptions();

// Writes each file that is named (empty: none) and says where it went: the results JSON (with
// its int8 and dot sections), JUnit XML, the HTML report.
void write_results(const std::vector<Run>& runs, const Int8Results* int8, const Profile& profile,
                   const std::string& json, const std::string& junit, const std::string& html,
                   const DotResults* dot = nullptr);

// Gates the runs (when a baseline is given) and prints what the gate found, the summary line,
// and where the files went. Returns the exit status: 1 on any failed run or gate failure, any
// undeclared INT8 failure, any dot-product unit that does not match its model.
int finish(std::vector<Run>& runs, const Finish& f);

}  // namespace fpconform::cli
