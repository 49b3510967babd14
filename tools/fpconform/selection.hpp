// Turning --backend/--op/--rounding/--inputs lists into what they name; unknown names are
// usage errors that say what is known.
#pragma once

#include <string>
#include <vector>

#include "fpconform/backend.hpp"
#include "vectors/inputs.hpp"

namespace fpconform::cli {

// "a,b,c" -> {a, b, c}; empty items are kept (and then refused by whoever parses them).
std::vector<std::string> split_list(const std::string& list);

std::vector<const Backend*> select_backends(const std::string& list);
std::vector<Op> select_ops(const std::string& list);
std::vector<Rounding> select_roundings(const std::string& list);
std::vector<InputSpec> select_inputs(const std::string& list);

}  // namespace fpconform::cli
