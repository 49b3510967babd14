// libFuzzer: fpconform's own vector format (vectors/vector_file.hpp), the bytes as a whole file.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "suites/fuzz/fuzz_vectors_common.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  return fpconform::fuzz::guarded([&] {
    fpconform::fuzz::read_and_round_trip(bytes, fpconform::VectorFormat::fpconform, std::nullopt);
  });
}
