// End-to-end error of quantized matmul: float A, B -> quantize -> int GEMM -> dequantize, against
// the FP64 product of the original floats; FP16 and BF16 inputs (FP32 GEMM) beside it for contrast.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "fpconform/int8.hpp"
#include "fpconform/int8_backend.hpp"
#include "reports/int8_result.hpp"
#include "vectors/int8_inputs.hpp"

namespace fpconform {

// per-tensor:  A, B symmetric s8 by max-abs, one scale each.
// per-channel: A per-tensor symmetric s8; B symmetric s8, one scale per output column.
// asymmetric:  A u8 by min-max with zero point z_a; B per-channel symmetric s8; the zero point is
//              removed exactly in integers: acc - z_a * colsum(B).
// fp16, bf16:  A, B rounded (rne, soft-float oracle) to the format and back, FP32 GEMM; no int
//              backend involved.
// Dequantize as kernels do: out = fl(fl(s_a * s_b[j]) * fl(acc)), binary32.
// The number formats (checks/int8/format_schemes.hpp), each quantized and read back by its
// oracle model in blocks along K (A's rows, B's columns), then an FP32 GEMM:
// fp8-e4m3, fp8-e5m2: one binary32 scale per tensor, fl(amax / largest), saturating, to nearest.
// mxfp8-e4m3 ... mxint8: OCP MX, 32-element blocks, E8M0 scale by FLOOR (the spec's 6.3);
// mxfp8-e4m3-rceil, mxfp4-rceil, mxfp4-even: the same with NVIDIA's and the "even" scale rules.
// nvfp4: 16-element E2M1 blocks, E4M3 block scale to nearest, binary32 tensor scale.
// nf4: bitsandbytes' NF4, absmax blocks of 64. int4, int4-asym: [-7, 7] and zero-point [0, 15],
// groups of 128. q4_0: llama.cpp's Q4_0, groups of 32.
enum class Scheme : std::uint8_t {
  per_tensor, per_channel, asymmetric, fp16, bf16,
  fp8_e4m3, fp8_e5m2, mxfp8_e4m3, mxfp8_e5m2, mxfp6_e3m2, mxfp6_e2m3, mxfp4, mxint8,
  mxfp8_e4m3_rceil, mxfp4_rceil, mxfp4_even, nvfp4, nf4, int4, int4_asym, q4_0,
};
inline constexpr Scheme kSchemes[] = {
    Scheme::per_tensor,       Scheme::per_channel, Scheme::asymmetric, Scheme::fp16,
    Scheme::bf16,             Scheme::fp8_e4m3,    Scheme::fp8_e5m2,   Scheme::mxfp8_e4m3,
    Scheme::mxfp8_e5m2,       Scheme::mxfp6_e3m2,  Scheme::mxfp6_e2m3, Scheme::mxfp4,
    Scheme::mxint8,           Scheme::mxfp8_e4m3_rceil, Scheme::mxfp4_rceil, Scheme::mxfp4_even,
    Scheme::nvfp4,            Scheme::nf4,         Scheme::int4,       Scheme::int4_asym,
    Scheme::q4_0};
std::string_view name(Scheme s);
std::optional<Scheme> parse_scheme(std::string_view s);
bool uses_int_gemm(Scheme s);  // per-tensor, per-channel, asymmetric

struct ErrorMetrics {
  double sqnr_db = 0;        // 10 log10(sum ref^2 / sum (got - ref)^2)
  double cosine = 0;         // <got, ref> / (|got| |ref|)
  double max_abs = 0;        // max |got - ref|
  double rel_frobenius = 0;  // |got - ref|_F / |ref|_F
};

// got against ref, element by element (same size, else std::invalid_argument). Degenerate cases:
// no error gives SQNR +inf and relative error 0 even when ref is all zero; error against an
// all-zero ref gives SQNR -inf and relative error +inf; cosine is 1 when both are all zero and 0
// when only one is.
ErrorMetrics error_metrics(std::span<const double> ref, std::span<const double> got);

// C = A B, row-major, A m x k, B k x n. i-p-j order, rows split over OpenMP threads.
// f64: every product and sum in binary64 (the reference). f32: binary32 products and sums,
// accumulated over p = 0..k-1 in order for each element.
std::vector<double> gemm_f64(GemmShape s, std::span<const float> a, std::span<const float> b);
std::vector<float> gemm_f32(GemmShape s, std::span<const float> a, std::span<const float> b);

// A = float_matrix(d, m, k, seed), B = float_matrix(d, k, n, seed + 1). gemm: the int8 backend
// for the integer schemes (run with 2 threads; ignored, may be null, for fp16 / bf16).
// std::invalid_argument when an integer scheme has no usable gemm (null, unavailable, or no
// GEMM for the A type the scheme needs).
EndToEnd end_to_end(Dist d, Scheme s, GemmShape shape, const Int8Backend* gemm,
                    std::uint64_t seed);

}  // namespace fpconform
