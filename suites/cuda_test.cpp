// The CUDA target's conversion side. On every machine: both backends are registered, the device
// one says why it cannot run here, and the machine line names the GPU or why there is none. Where
// a GPU is: the device path against the host path, CUDA's two branches of the same functions
// (backends/cuda/cuda_conversions.hpp): every number must agree bit for bit, and the NaNs that do
// not are printed (the open question: sign and payload).
#include <gtest/gtest.h>

#include <cstdint>
#include <iostream>
#include <string>
#include <vector>

#include "fpconform/backend.hpp"
#include "fpconform/container.hpp"
#include "platform/gpu.hpp"
#include "platform/machine.hpp"

namespace fpconform {
namespace {

const Backend& backend(std::string_view name) {
  const Backend* b = find_backend(name);
  if (b == nullptr) throw std::logic_error(std::string(name) + " is not compiled in");
  return *b;
}

bool is_nan(const Format& f, std::uint32_t x) {
  const std::uint32_t e = (x >> f.frac_bits) & f.exp_mask(), m = x & f.frac_mask();
  return f.specials == Specials::ieee ? e == f.exp_mask() && m != 0
                                      : e == f.exp_mask() && m == f.frac_mask();
}

TEST(Cuda, BothBackendsAreRegistered) {
  EXPECT_EQ(backend("cuda").kind(), BackendKind::device);
  EXPECT_EQ(backend("cuda-host").kind(), BackendKind::peer);
}

// Code for sm_90 (real and PTX) runs on 9.x and, JIT-compiled, later; an A100 is skipped with
// the reason, not failed by "no kernel image" at the first launch.
TEST(Cuda, KernelsRunWhereTheBuildHasCodeForTheGpu) {
  EXPECT_EQ(cuda_code_refuses(9, 0, "90"), "");
  EXPECT_EQ(cuda_code_refuses(10, 0, "90"), "");       // compute_90 PTX
  EXPECT_EQ(cuda_code_refuses(9, 0, "90a-real"), "");
  EXPECT_EQ(cuda_code_refuses(8, 6, "80-real;90"), "");  // sm_80 code runs on 8.6
  EXPECT_EQ(cuda_code_refuses(7, 0, "native"), "");    // cannot be told here
  EXPECT_EQ(cuda_code_refuses(8, 0, "90"),
            "this build has CUDA code for 90 (CMAKE_CUDA_ARCHITECTURES), none of it for sm_80");
  EXPECT_NE(cuda_code_refuses(10, 0, "90-real"), "");
  EXPECT_NE(cuda_code_refuses(8, 6, "89-real;90-virtual"), "");
  EXPECT_EQ(cuda_code_refuses(9, 0, "80,90"), "");     // as the build passes them
  EXPECT_NE(cuda_code_refuses(10, 0, "90a"), "");      // arch-specific: 9.0 alone
  EXPECT_EQ(cuda_code_refuses(10, 3, "100f"), "");     // family: 10.x
  EXPECT_NE(cuda_code_refuses(12, 0, "100f"), "");
}

TEST(Cuda, WithoutADeviceTheDeviceBackendSaysWhy) {
  if (probe_gpu().gpu) GTEST_SKIP() << "a GPU is here: " << gpu_summary();
  const Availability a = backend("cuda").available();
  EXPECT_FALSE(a.ok);
  EXPECT_EQ(a.reason, probe_gpu().why_not);
  EXPECT_TRUE(a.reason.starts_with("no CUDA device (") ||
              a.reason == "built without CUDA (no nvcc when configured)" ||
              a.reason == "cuda disabled by FPCONFORM_DISABLE")
      << a.reason;
}

TEST(Cuda, MachineNamesTheGpuOrWhyThereIsNone) {
  const std::string gpu = this_machine().gpu;
  EXPECT_EQ(gpu, gpu_summary());
  if (probe_gpu().gpu) {
    EXPECT_NE(gpu.find(", sm_"), std::string::npos) << gpu;
    EXPECT_NE(gpu.find("; driver CUDA "), std::string::npos) << gpu;
  } else {
    EXPECT_EQ(gpu, "none: " + probe_gpu().why_not);
  }
}

// CUDA's functions, and only those: four roundings for f16 and bf16, nearest-even for FP8 (the
// only mode cuda_fp8.h has), the exact widenings; no ties-away, no TF32.
TEST(Cuda, BothBackendsImplementCudasFunctions) {
  if (!backend("cuda-host").implements(Op::f16_to_f32, Rounding::rne))
    GTEST_SKIP() << "built without CUDA: cuda and cuda-host implement nothing";
  for (const char* name : {"cuda", "cuda-host"}) {
    const Backend& b = backend(name);
    for (Rounding r : {Rounding::rne, Rounding::rtz, Rounding::rdn, Rounding::rup}) {
      EXPECT_TRUE(b.implements(Op::f32_to_f16, r)) << name << " " << fpconform::name(r);
      EXPECT_TRUE(b.implements(Op::f32_to_bf16, r)) << name << " " << fpconform::name(r);
    }
    for (Op op : {Op::f32_to_e4m3, Op::f32_to_e4m3_sat, Op::f32_to_e5m2, Op::f32_to_e5m2_sat}) {
      EXPECT_TRUE(b.implements(op, Rounding::rne)) << name << " " << fpconform::name(op);
      EXPECT_FALSE(b.implements(op, Rounding::rtz)) << name << " " << fpconform::name(op);
    }
    for (Op op : {Op::bf16_to_f32, Op::e4m3_to_f32, Op::e5m2_to_f32})
      EXPECT_TRUE(b.implements(op, Rounding::rne)) << name << " " << fpconform::name(op);
    EXPECT_FALSE(b.implements(Op::f32_to_f16, Rounding::rna)) << name;
    EXPECT_FALSE(b.implements(Op::f32_to_tf32, Rounding::rna)) << name;
  }
}

// Every 8- and 16-bit pattern; for binary32 every upper half with the low halves that decide
// rounding for f16 (bit 12 and around it), bf16 (bit 15) and FP8 (above bit 16): 2^16 x 10.
std::vector<std::uint32_t> inputs(const Format& src) {
  std::vector<std::uint32_t> in;
  if (src.container_bits < 32) {
    for (std::uint32_t x = 0; x < (1u << src.container_bits); ++x) in.push_back(x);
    return in;
  }
  for (std::uint32_t hi = 0; hi < 0x10000; ++hi)
    for (std::uint32_t lo : {0x0000u, 0x0001u, 0x0FFFu, 0x1000u, 0x1001u, 0x2000u, 0x7FFFu, 0x8000u,
                             0x8001u, 0xFFFFu})
      in.push_back(hi << 16 | lo);
  return in;
}

TEST(Cuda, DeviceAgreesWithHostOnEveryNumber) {
  const Backend& device = backend("cuda");
  const Backend& host = backend("cuda-host");
  if (const Availability a = device.available(); !a.ok) GTEST_SKIP() << a.reason;
  if (const Availability a = host.available(); !a.ok) GTEST_SKIP() << a.reason;
  std::cout << "GPU: " << gpu_summary() << "\n";
  for (const OpInfo& op : kOps)
    for (Rounding r : kRoundings) {
      if (!device.implements(op.op, r) || !host.implements(op.op, r)) continue;
      const std::vector<std::uint32_t> x = inputs(*op.src);
      std::vector<unsigned char> in(x.size() * 4), d(x.size() * 4), h(x.size() * 4);
      for (std::size_t i = 0; i < x.size(); ++i) store_container(*op.src, in.data(), i, x[i]);
      device.convert(op.op, r, in.data(), d.data(), x.size(), nullptr);
      host.convert(op.op, r, in.data(), h.data(), x.size(), nullptr);
      std::uint64_t numbers = 0, nans = 0;
      std::string first;
      for (std::size_t i = 0; i < x.size(); ++i) {
        const std::uint32_t gd = load_container(*op.dst, d.data(), i);
        const std::uint32_t gh = load_container(*op.dst, h.data(), i);
        if (gd == gh) continue;
        const bool nan = is_nan(*op.dst, gd) && is_nan(*op.dst, gh);
        (nan ? nans : numbers) += 1;
        if (first.empty() || (!nan && numbers == 1)) {
          char s[128];
          std::snprintf(s, sizeof s, "input 0x%08X: device 0x%08X, host 0x%08X", x[i], gd, gh);
          first = s;
        }
        EXPECT_TRUE(nan) << op.name << " " << name(r) << " input 0x" << std::hex << x[i]
                         << ": device 0x" << gd << ", host 0x" << gh << " (repro: fpconform check "
                         << "--backend cuda,cuda-host --op " << op.name << " --rounding " << name(r)
                         << " --inputs value:0x" << x[i] << ")";
      }
      std::cout << op.name << " " << rounding_label(op.op, r) << ": " << x.size() << " inputs, "
                << numbers << " numbers and " << nans << " NaNs differ between device and host"
                << (first.empty() ? "" : "; first: " + first) << "\n";
    }
}

}  // namespace
}  // namespace fpconform
