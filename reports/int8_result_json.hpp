// The INT8 results as the "int8" object of a results document, and read back from it.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "reports/int8_result.hpp"

namespace fpconform {

// Non-finite doubles (an exact product's SQNR is +inf) are written as "inf", "-inf", "nan",
// since JSON has no number for them.
nlohmann::json to_json(const Int8Results& r);

// Throws InputError ("WHERE: int8.gemm[2].status: unknown status 'maybe'") on anything malformed;
// where names the file.
Int8Results int8_from_json(const nlohmann::json& j, const std::string& where);

}  // namespace fpconform
