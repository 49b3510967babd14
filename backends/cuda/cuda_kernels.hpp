// The `cuda` backend's device side (cuda_kernels.cu), as plain C++ for the host code.
#pragma once

#include <cstddef>

#include "fpconform/operation.hpp"
#include "fpconform/rounding.hpp"

namespace fpconform::cuda {

// Converts n elements (host buffers, any n) on device 0 through this thread's stream and pinned
// staging buffers; returns when out is filled. std::runtime_error naming the CUDA call on failure.
void convert_on_device(Op op, Rounding r, const void* in, void* out, std::size_t n);

}  // namespace fpconform::cuda
