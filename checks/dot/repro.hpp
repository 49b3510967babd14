// The `fpconform dot` commands that rerun a unit's check or error measurement exactly.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "fpconform/dot_backend.hpp"
#include "fpconform/format.hpp"

namespace fpconform {

// --format's word for an input format: "bf16", "f16".
std::string_view dot_format_arg(const Format& in);

// "fpconform dot --backend B --format bf16 --k 64 --cases 20000 --seed 1" (" --case N" when
// only_case >= 0).
std::string dot_check_repro(const DotBackend& b, const Format& in, int k, std::size_t cases,
                            std::uint64_t seed, long long only_case = -1);

// "fpconform dot --backend B --format bf16 --error-k 64,256 --cases 1000 --seed 1" (with
// " --error-signs mixed" for mixed signs).
std::string dot_error_repro(const DotBackend& b, const Format& in, std::span<const int> ks,
                            std::size_t cases, bool mixed_signs, std::uint64_t seed);

}  // namespace fpconform
