#include "platform/gpu.hpp"

#include <cstdio>

#include "platform/cpu.hpp"

#ifdef FPCONFORM_HAVE_CUDA
#include <cuda_runtime_api.h>
#endif

namespace fpconform {
namespace {

[[maybe_unused]] std::string cuda_version(int v) {
  return std::to_string(v / 1000) + "." + std::to_string(v % 1000 / 10);
}

GpuProbe probe() {
  GpuProbe p;
  if (feature_disabled("cuda")) {
    p.why_not = "cuda disabled by FPCONFORM_DISABLE";
    return p;
  }
#ifdef FPCONFORM_HAVE_CUDA
  int count = 0;
  if (const cudaError_t e = cudaGetDeviceCount(&count); e != cudaSuccess || count == 0) {
    p.why_not = "no CUDA device (cudaGetDeviceCount: " +
                std::string(e == cudaSuccess ? "0 devices" : cudaGetErrorName(e)) +
                (e == cudaSuccess ? "" : std::string(": ") + cudaGetErrorString(e)) + ")";
    return p;
  }
  cudaDeviceProp prop{};
  if (const cudaError_t e = cudaGetDeviceProperties(&prop, 0); e != cudaSuccess) {
    p.why_not = "no CUDA device (cudaGetDeviceProperties: " + std::string(cudaGetErrorName(e)) + ")";
    return p;
  }
  GpuInfo g;
  g.name = prop.name;
  g.cc_major = prop.major;
  g.cc_minor = prop.minor;
  g.sms = prop.multiProcessorCount;
  int khz = 0;
  cudaDeviceGetAttribute(&khz, cudaDevAttrClockRate, 0);
  g.clock_ghz = khz / 1e6;
  g.memory_bytes = prop.totalGlobalMem;
  int driver = 0, runtime = 0;
  cudaDriverGetVersion(&driver);
  cudaRuntimeGetVersion(&runtime);
  g.driver = cuda_version(driver);
  g.runtime = cuda_version(runtime);
  p.gpu = std::move(g);
#else
  p.why_not = "built without CUDA (no nvcc when configured)";
#endif
  return p;
}

}  // namespace

const GpuProbe& probe_gpu() {
  static const GpuProbe p = probe();
  return p;
}

Availability require_cuda_device() {
  const GpuProbe& p = probe_gpu();
  if (p.gpu) return {};
  return {false, p.why_not};
}

Availability require_cuda_kernels() {
  if (Availability a = require_cuda_device(); !a.ok) return a;
#ifdef FPCONFORM_CUDA_ARCHITECTURES
  const GpuInfo& g = *probe_gpu().gpu;
  if (std::string why = cuda_code_refuses(g.cc_major, g.cc_minor, FPCONFORM_CUDA_ARCHITECTURES); !why.empty())
    return {false, why};
#endif
  return {};
}

std::string cuda_code_refuses(int major, int minor, std::string_view architectures) {
  const int cc = 10 * major + minor;
  std::string_view rest = architectures;
  while (!rest.empty()) {
    const std::size_t end = rest.find_first_of(";,");
    const std::string_view item = rest.substr(0, end);
    rest = end == std::string_view::npos ? "" : rest.substr(end + 1);
    int arch = 0;
    std::size_t digits = 0;
    while (digits < item.size() && item[digits] >= '0' && item[digits] <= '9') arch = 10 * arch + (item[digits++] - '0');
    if (digits == 0) return "";  // native, all, all-major: cannot be told here
    const std::string_view suffix = item.substr(digits);
    const bool real = !suffix.ends_with("-virtual"), is_virtual = !suffix.ends_with("-real");
    const bool runs = suffix.starts_with('a')   ? cc == arch                                // sm_90a: 9.0 only
                      : suffix.starts_with('f') ? major == arch / 10 && cc >= arch          // its family
                                                : (real && major == arch / 10 && minor >= arch % 10) ||
                                                      (is_virtual && cc >= arch);
    if (runs) return "";
  }
  return "this build has CUDA code for " + std::string(architectures) +
         " (CMAKE_CUDA_ARCHITECTURES), none of it for sm_" + std::to_string(cc);
}

std::string gpu_summary() {
  const GpuProbe& p = probe_gpu();
  if (!p.gpu) return "none: " + p.why_not;
  const GpuInfo& g = *p.gpu;
  char s[256];
  std::snprintf(s, sizeof s, "%s, sm_%d%d, %d SMs at %.2f GHz, %.1f GiB; driver CUDA %s, runtime %s",
                g.name.c_str(), g.cc_major, g.cc_minor, g.sms, g.clock_ghz,
                g.memory_bytes / 1073741824.0, g.driver.c_str(), g.runtime.c_str());
  return s;
}

}  // namespace fpconform
