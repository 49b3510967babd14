#include "tools/fpconform/int8_output.hpp"

#include <iostream>

#include "reports/html_report.hpp"
#include "reports/int8_report.hpp"
#include "reports/int8_result_json.hpp"
#include "reports/junit.hpp"
#include "reports/result_json.hpp"
#include "tools/fpconform/commands.hpp"
#include "tools/fpconform/gate.hpp"

namespace fpconform::cli {

void write_int8_outputs(const Int8Results& r, const std::string& json, const std::string& html,
                        const std::string& junit) {
  const Machine machine = machine_here();
  const Profile strict = *parse_profile("strict");
  if (!json.empty()) {
    nlohmann::json doc = results_document({}, invocation(), std::string(strict.name), machine);
    doc["int8"] = to_json(r);
    open_for_writing(json) << doc.dump(2) << "\n";
    std::cout << "results written to " << json << "\n";
  }
  if (!junit.empty()) {
    open_for_writing(junit) << junit_document({}, invocation(), &r);
    std::cout << "JUnit XML written to " << junit << "\n";
  }
  if (!html.empty()) {
    Report report = report_model({}, {{"", invocation(), utc_now(), machine}}, strict, backend_descriptions());
    set_int8_verdict(report, r);
    for (Section& sec : int8_sections(r)) report.sections.push_back(std::move(sec));
    open_for_writing(html) << html_report(report);
    std::cout << "report written to " << html << "\n";
  }
}

}  // namespace fpconform::cli
