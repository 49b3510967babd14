// The dot-product units' results as the "dot" object of a results document, and read back from
// it. A unit's object is also a row of `fpconform dot --json` (schema fpconform-dot/1).
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "reports/dot_result.hpp"

namespace fpconform {

// {"backend", "format", "status", ...}: a skipped unit has its reason and nothing measured.
nlohmann::json to_json(const DotUnitResult& u);

// {"units": [...], "error_vs_k": [{"backend", "format", "signs", "seed", "repro", "points":
// [{"k", "cases", "median_u", "max_u"}]}]}; each array only when it has elements.
nlohmann::json to_json(const DotResults& r);

// Throws InputError ("WHERE: dot.units[2].first.got: cannot read 'x' as hex") on anything
// malformed; where names the file.
DotResults dot_from_json(const nlohmann::json& j, const std::string& where);

}  // namespace fpconform
