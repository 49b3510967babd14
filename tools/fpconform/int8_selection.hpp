// Turning the INT8 commands' lists (--backend, --shape, --pattern, --a-type, ...) into what they
// name; unknown names are usage errors that say what is known.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "fpconform/int8_backend.hpp"
#include "checks/int8/error.hpp"
#include "vectors/int8_inputs.hpp"

namespace fpconform::cli {

// "all": every INT8 backend for which `wanted` holds (a backend that does not is named by
// --backend explicitly, and reported unimplemented).
std::vector<const Int8Backend*> select_int8_backends(const std::string& list,
                                                     const std::function<bool(const Int8Backend&)>& wanted);
// Shapes MxK:KxN; "ragged" expands to ragged_shapes().
std::vector<GemmShape> select_shapes(const std::string& list);
std::vector<Pattern> select_patterns(const std::string& list);
std::vector<IntType> select_int_types(const std::string& option, const std::string& list);
std::vector<QRounding> select_qroundings(const std::string& list);
std::vector<RequantModel> select_requant_models(const std::string& list);
std::vector<Dist> select_dists(const std::string& list);
std::vector<Scheme> select_schemes(const std::string& list);
std::vector<int> select_threads(const std::string& list);

}  // namespace fpconform::cli
