// Eigen on baseline x86-64 (SSE2, no F16C): Eigen::half and Eigen::bfloat16 convert in integer
// and float code (float_to_half_rtne, half_to_float, float_to_bfloat16_rtne); SSE2 has no
// vectorized half/bfloat16 cast, so the cast runs that scalar code element by element.
#if defined(__F16C__) || defined(__AVX__)
#error "the baseline path must be built without AVX/F16C (CMakeLists.txt adds -mno-avx)"
#endif
#define FPCONFORM_EIGEN_PATH baseline
#include "backends/eigen/kernels.inc"

#include "fpconform/backend.hpp"
FPCONFORM_REGISTER_LIBRARY("Eigen", std::to_string(EIGEN_WORLD_VERSION) + "." +
                                        std::to_string(EIGEN_MAJOR_VERSION) + "." +
                                        std::to_string(EIGEN_MINOR_VERSION));
