// libFuzzer: baseline files (checks/baseline.hpp). Every entry read is written as a line again
// (its text and quoted reason) and must read back as the same entry.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "checks/baseline.hpp"
#include "suites/fuzz/fuzz_guard.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace fpconform;
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  return fuzz::guarded([&] {
    Baseline b;
    parse_baseline(bytes, "fuzz-baseline.txt", b);
    for (const BaselineEntry& e : b.entries) {
      Baseline back;
      fuzz::read_back([&] { parse_baseline(e.text() + " \"" + e.reason + "\"\n", "round-trip.txt", back); });
      fuzz::require(back.entries.size() == 1, "a written entry reads back as no entry or several");
      const BaselineEntry& r = back.entries.front();
      fuzz::require(r.text() == e.text() && r.reason == e.reason,
                    "a written baseline entry reads back as another entry");
    }
  });
}
