// The calls into gemmlowp, in their own unit (gemmlowp_kernels.cpp, built for gemmlowp's SIMD
// path): plain types only across the boundary.
#pragma once

#include <cstddef>
#include <cstdint>

namespace fpconform::gemmlowp_kernels {

// gemmlowp::GemmContext (its worker pool), opaque here.
struct Context;
Context* new_context();
void delete_context(Context* c);

// C = (A + lhs_offset)(B + rhs_offset) in int32 with an empty output pipeline; A m x k, B k x n,
// C m x n, all row-major uint8 / int32. threads: GemmContext::set_max_num_threads.
void gemm(Context& ctx, int threads, const std::uint8_t* a, int lhs_offset, const std::uint8_t* b,
          int rhs_offset, int m, int n, int k, std::int32_t* c);

// q[i] = saturating cast of OutputStageQuantizeDownInt32ByFixedPoint{multiplier, shift,
// zero_point}(acc[i]), to int8 (to_int8) or uint8, through gemmlowp's own output pipeline.
void requantize(const std::int32_t* acc, void* q, std::size_t n, std::int32_t multiplier,
                int shift, std::int32_t zero_point, bool to_int8);

const char* simd_path();  // which of gemmlowp's paths this unit was built for

}  // namespace fpconform::gemmlowp_kernels
