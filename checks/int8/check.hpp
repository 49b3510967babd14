// INT8 exactness checks: a backend's GEMM against the exact int64 reference, its quantize and
// requantize against the oracle's models, and how two requantization models differ.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "fpconform/int8_backend.hpp"
#include "reports/int8_result.hpp"
#include "vectors/int8_inputs.hpp"

namespace fpconform {

// How check_gemm finds the elements that differ from the exact product. full: every element of
// the exact product (oracles/int8/gemm.hpp). freivalds: Freivalds' check (checks/int8/freivalds.hpp)
// with two random vectors flags the rows that differ, whose exact rows are then computed; a wrong
// row escapes with probability < 2^-121. automatic: full up to kFullReferenceMacs, else freivalds.
enum class GemmReference : std::uint8_t { automatic, full, freivalds };
inline constexpr std::uint64_t kFullReferenceMacs = std::uint64_t{1} << 30;  // m n k
std::string_view name(GemmReference r);  // auto | full | freivalds
std::optional<GemmReference> parse_gemm_reference(std::string_view s);

// Status skipped (unavailable, with its reason) or unimplemented (no GEMM for a_type) without
// running; failed on any mismatch (declared or not: `declared` carries the backend's own reason);
// int32 overflows of the exact result are counted and not compared. `method` says how it decided.
GemmExactness check_gemm(const Int8Backend& b, GemmShape shape, IntType a_type, Pattern pattern,
                         std::uint64_t seed, GemmReference reference = GemmReference::automatic);

// Quantize inputs: "edge" (a commented table: ties k + 1/2 and their neighbours over the whole
// clamp range, 0.49999997, +-0, subnormals, +-inf, huge), "random:N[:SEED]" (random bit
// patterns, NaN excluded) and "exhaustive" (every non-NaN binary32). Scales: per-tensor uses
// scale 1 (ties land exactly) and 0.37/127; per-channel uses 3 channels of different scales
// and zero points (u8: asymmetric zero points).
QuantExactness check_quantize(const Int8Backend& b, IntType type, QRounding rounding,
                              bool per_channel, const std::string& inputs);

// Requantize inputs: "edge" (INT32_MIN/MAX, 0, +-1, the ties of the multiplier, the clamp
// edges), "random:N[:SEED]", "exhaustive" (all 2^32 accumulators). multiplier: the real m.
QuantExactness check_requantize(const Int8Backend& b, RequantModel model, IntType type,
                                double multiplier, std::int32_t zero_point,
                                const std::string& inputs);

// q_b - q_a over the same accumulators and real multiplier (inputs as for check_requantize).
ModelDifference model_difference(RequantModel a, RequantModel b, IntType type, double multiplier,
                                 std::int32_t zero_point, const std::string& inputs);

}  // namespace fpconform
