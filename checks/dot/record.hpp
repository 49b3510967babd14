// A unit's answers, recorded where the unit is and replayed anywhere: a GPU's dot products are
// recorded once (`fpconform dot --record FILE` on the GPU machine), then the probes, the checks and
// new candidate models run against the recording on any CPU (`--replay FILE`), without the GPU.
//
// The file is text: a header, a line per unit before its first call (the models it declared
// and its vendor published, "-" for none), and one line per call of DotBackend::dot:
//   fpconform-dot-record/1 <machine>
//   unit <backend> <declared> <published>
//   <backend> <format> <k> <count> <key> <d_0> ... <d_count-1>
// key is a 64-bit FNV-1a hash of the call's a, b and c: a replayed call must be the very call that
// was recorded (same --k, --cases, --seed, probes), else it is refused, naming the file.
#pragma once

#include <cstdint>
#include <fstream>
#include <set>
#include <memory>
#include <string>

#include "fpconform/dot_backend.hpp"

namespace fpconform {

std::uint64_t dot_call_key(const Format& in, int k, const std::uint32_t* a, const std::uint32_t* b,
                           const std::uint32_t* c, std::size_t count);

// Writes the header at construction; each wrapped unit appends its calls.
class DotRecording {
 public:
  DotRecording(const std::string& path, const std::string& machine);
  // unit, computing as before, every call also written here. The recording must outlive it.
  std::unique_ptr<DotBackend> wrap(const DotBackend& unit);
  void write(const DotBackend& unit, const Format& in, int k, std::size_t count, std::uint64_t key,
             const std::uint32_t* d);

 private:
  std::string path_;
  std::ofstream out_;
  std::set<std::string> units_;  // those whose unit line is written
};

// Registers one dot backend per unit recorded in path, named "<unit>:recorded", whose dot()
// answers the recorded calls and which declares what the unit declared; returns how many. Throws InputError naming path and line on a bad
// file.
int register_dot_recording(const std::string& path);

}  // namespace fpconform
