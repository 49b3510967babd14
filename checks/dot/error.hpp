// How far a unit's long dot products fall from the exact value, as K grows: the relative error
// |d - x| / |x| against x = c + sum a_i * b_i computed exactly (oracles/dot), in units of binary32's
// unit roundoff 2^-24.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "fpconform/dot_backend.hpp"
#include "reports/dot_result.hpp"

namespace fpconform {

// `cases` dot products per K with c = 0 and elements in [2^-8, 1): all positive (errors add up), or
// of random sign (mixed).
std::vector<DotError> dot_error_vs_k(const DotBackend& b, const Format& in, std::span<const int> ks,
                                     std::size_t cases, bool mixed_signs, std::uint64_t seed);

// The same as a result: skipped with the reason where the unit is unavailable here, with the
// command that measures it again.
DotErrorResult measure_dot_error(const DotBackend& b, const Format& in, std::span<const int> ks,
                                 std::size_t cases, bool mixed_signs, std::uint64_t seed);

}  // namespace fpconform
