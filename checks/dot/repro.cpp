#include "checks/dot/repro.hpp"

namespace fpconform {

std::string_view dot_format_arg(const Format& in) {
  for (const DotFormat& f : kDotFormats)
    if (f.format->name == in.name) return f.arg;
  return in.name;
}

namespace {
// "--replay FILE " for a unit replayed from a recording: the repro needs its answers too.
std::string replay_arg(const DotBackend& b) {
  return b.recording().empty() ? std::string() : "--replay " + std::string(b.recording()) + " ";
}
}  // namespace

std::string dot_check_repro(const DotBackend& b, const Format& in, int k, std::size_t cases,
                            std::uint64_t seed, long long only_case) {
  std::string s = "fpconform dot " + replay_arg(b) + "--backend " + std::string(b.name()) + " --format " +
                  std::string(dot_format_arg(in)) + " --k " + std::to_string(k) + " --cases " +
                  std::to_string(cases) + " --seed " + std::to_string(seed);
  if (only_case >= 0) s += " --case " + std::to_string(only_case);
  return s;
}

std::string dot_error_repro(const DotBackend& b, const Format& in, std::span<const int> ks,
                            std::size_t cases, bool mixed_signs, std::uint64_t seed) {
  std::string list;
  for (const int k : ks) {
    if (!list.empty()) list += ',';
    list += std::to_string(k);
  }
  return "fpconform dot " + replay_arg(b) + "--backend " + std::string(b.name()) + " --format " + std::string(dot_format_arg(in)) +
         " --error-k " + list + " --cases " + std::to_string(cases) + " --seed " + std::to_string(seed) +
         (mixed_signs ? " --error-signs mixed" : "");
}

}  // namespace fpconform
