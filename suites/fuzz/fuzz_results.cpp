// libFuzzer: results JSON (reports/result_read.hpp). read_results() takes a path: the bytes are
// written to a scratch file of this process first.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>

#include "reports/result_read.hpp"
#include "suites/fuzz/fuzz_guard.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const std::string path =
      (std::filesystem::temp_directory_path() /
       ("fpconform-fuzz-results-" + std::to_string(::getpid()) + ".json"))
          .string();
  {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
  }
  return fpconform::fuzz::guarded([&] { (void)fpconform::read_results(path); });
}
