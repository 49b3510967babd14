#include "platform/machine.hpp"

#include <sys/utsname.h>

#include <cstdlib>
#include <ctime>
#include <fstream>
#include <sstream>
#include <thread>

#include <nlohmann/json.hpp>

#include "platform/cpu.hpp"
#include "platform/gpu.hpp"

namespace fpconform {
namespace {

std::string cpuinfo_field(const std::string& key) {
  std::ifstream in("/proc/cpuinfo");
  for (std::string line; std::getline(in, line);)
    if (line.rfind(key, 0) == 0) {
      const auto colon = line.find(':');
      if (colon != std::string::npos) return line.substr(colon + 2);
    }
  return {};
}

}  // namespace

Machine this_machine() {
  Machine m;
  m.cpu_model = cpuinfo_field("model name");
  if (m.cpu_model.empty()) m.cpu_model = cpuinfo_field("CPU part");
  const std::string all = " " + cpuinfo_field(m.cpu_model.empty() ? "Features" : "flags") + " ";
  for (const char* f : {"sse4_2", "avx", "f16c", "fma", "avx2", "avx512f", "avx512bw", "avx512vl",
                        "avx512_vnni", "avx512_bf16", "avx512_fp16", "amx_bf16", "fphp", "asimdhp",
                        "asimddp", "bf16", "i8mm", "sve"})
    if (all.find(std::string(" ") + f + " ") != std::string::npos)
      (m.cpu_flags.empty() ? m.cpu_flags : m.cpu_flags += ' ') += f;
#if defined(__aarch64__)
  // /proc/cpuinfo is the host's under qemu-user; the kernel's HWCAP bits are the emulated CPU's.
  m.cpu_flags.clear();
  for (const char* f : {"asimd", "fphp", "asimdhp", "asimddp", "bf16", "i8mm", "sve"})
    if (cpu_reports(f)) (m.cpu_flags.empty() ? m.cpu_flags : m.cpu_flags += ' ') += f;
#endif
  // Set by the cross build's test runner (cmake/aarch64-linux-gnu.cmake): results under emulation
  // are the emulator's model of the CPU, and say so wherever the machine is shown.
  if (const char* e = std::getenv("FPCONFORM_EMULATOR"); e != nullptr && *e != '\0')
    m.cpu_model = std::string("emulated by ") + e + " on " +
                  (m.cpu_model.empty() ? "an unknown host" : m.cpu_model);
  m.cores = std::thread::hardware_concurrency();
#if defined(__clang__)
  m.compiler = "clang " __clang_version__;
#elif defined(__GNUC__)
  m.compiler = "g++ " __VERSION__;
#endif
  if (utsname u; uname(&u) == 0) m.os = std::string(u.sysname) + " " + u.release + " " + u.machine;
  m.gpu = gpu_summary();
  m.libraries["nlohmann_json"] = std::to_string(NLOHMANN_JSON_VERSION_MAJOR) + "." +
                                 std::to_string(NLOHMANN_JSON_VERSION_MINOR) + "." +
                                 std::to_string(NLOHMANN_JSON_VERSION_PATCH);
  return m;
}

std::string utc_now() {
  const std::time_t t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char s[32];
  std::strftime(s, sizeof s, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return s;
}

}  // namespace fpconform
