// CUDA's E8M0 scale conversion (cuda_fp8.h __nv_cvt_float_to_e8m0), its host branch, beside the
// oracle's model (oracles/blocks/e8m0.hpp). CUDA accepts cudaRoundZero and cudaRoundPosInf only
// (the header asserts it): `up` chooses between them.
#pragma once

#include <cstdint>
#include <string>

namespace fpconform::cuda_host {

// Why the conversion cannot be called here ("" when it can): no CUDA headers, or a toolkit
// older than 12.8, which has no E8M0.
std::string e8m0_unavailable();
std::uint8_t f32_to_e8m0(float x, bool up, bool saturate);  // only when e8m0_unavailable() is ""

}  // namespace fpconform::cuda_host
