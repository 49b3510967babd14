#include "checks/dot/record.hpp"

#include <cinttypes>
#include <cstdio>
#include <map>
#include <set>
#include <sstream>
#include <utility>
#include <vector>

#include "fpconform/error.hpp"

namespace fpconform {
namespace {

void fnv(std::uint64_t& h, const void* p, std::size_t bytes) {
  const auto* s = static_cast<const unsigned char*>(p);
  for (std::size_t i = 0; i < bytes; ++i) h = (h ^ s[i]) * 0x100000001B3ull;
}

class RecordingDot final : public DotBackend {
 public:
  RecordingDot(const DotBackend& unit, DotRecording& to) : unit_(unit), to_(to) {}
  std::string_view name() const override { return unit_.name(); }
  std::string_view description() const override { return unit_.description(); }
  BackendKind kind() const override { return unit_.kind(); }
  Availability available() const override { return unit_.available(); }
  bool takes(const Format& in) const override { return unit_.takes(in); }
  std::string_view declared_model() const override { return unit_.declared_model(); }
  std::string_view published_model() const override { return unit_.published_model(); }
  void dot(const Format& in, int k, const std::uint32_t* a, const std::uint32_t* b, const std::uint32_t* c,
           std::uint32_t* d, std::size_t count) const override {
    unit_.dot(in, k, a, b, c, d, count);
    to_.write(unit_, in, k, count, dot_call_key(in, k, a, b, c, count), d);
  }

 private:
  const DotBackend& unit_;
  DotRecording& to_;
};

struct Call {
  std::string format;
  int k;
  std::vector<std::uint32_t> d;
};

class ReplayDot final : public DotBackend {
 public:
  ReplayDot(std::string unit, std::string path, std::string machine)
      : name_(unit + ":recorded"), path_(std::move(path)),
        description_("the answers of " + unit + " recorded on " + machine + " (" + path_ + "), replayed") {}
  std::string_view name() const override { return name_; }
  std::string_view description() const override { return description_; }
  BackendKind kind() const override { return BackendKind::device; }
  bool takes(const Format& in) const override { return formats_.contains(std::string(in.name)); }
  std::string_view declared_model() const override { return declared_; }
  std::string_view published_model() const override { return published_; }
  std::string_view recording() const override { return path_; }
  void declare(std::string declared, std::string published) {
    declared_ = std::move(declared);
    published_ = std::move(published);
  }
  void add(std::uint64_t key, Call call) {
    formats_.insert(call.format);
    calls_[key] = std::move(call);
  }
  void dot(const Format& in, int k, const std::uint32_t* a, const std::uint32_t* b, const std::uint32_t* c,
           std::uint32_t* d, std::size_t count) const override {
    const auto it = calls_.find(dot_call_key(in, k, a, b, c, count));
    if (it == calls_.end() || it->second.d.size() != count || it->second.k != k)
      throw InputError(path_ + ": " + name_ + " has no recorded call of " + std::to_string(count) + " " +
                       std::string(in.name) + " dot products of k=" + std::to_string(k) +
                       " with these operands: replay with the --k, --cases, --seed and --error-k it was "
                       "recorded with");
    std::copy(it->second.d.begin(), it->second.d.end(), d);
  }

 private:
  std::string name_, path_, description_, declared_, published_;
  std::set<std::string> formats_;
  std::map<std::uint64_t, Call> calls_;
};

constexpr const char* kMagic = "fpconform-dot-record/1";

}  // namespace

std::uint64_t dot_call_key(const Format& in, int k, const std::uint32_t* a, const std::uint32_t* b,
                           const std::uint32_t* c, std::size_t count) {
  std::uint64_t h = 0xCBF29CE484222325ull;
  fnv(h, in.name.data(), in.name.size());
  fnv(h, &k, sizeof k);
  // Each element's low 2 bytes (its 16- or 8-bit container: the keys of recordings made when
  // operands were 16-bit arrays), tf32's 4 bytes. Little-endian, as every target here is.
  const std::size_t n = count * static_cast<std::size_t>(k), bytes = in.container_bits == 32 ? 4 : 2;
  for (std::size_t i = 0; i < n; ++i) fnv(h, &a[i], bytes);
  for (std::size_t i = 0; i < n; ++i) fnv(h, &b[i], bytes);
  fnv(h, c, count * 4);
  return h;
}

DotRecording::DotRecording(const std::string& path, const std::string& machine) : path_(path), out_(path) {
  if (!out_) throw InputError("--record: cannot write '" + path + "'");
  out_ << kMagic << " " << machine << "\n";
}

std::unique_ptr<DotBackend> DotRecording::wrap(const DotBackend& unit) {
  return std::make_unique<RecordingDot>(unit, *this);
}

void DotRecording::write(const DotBackend& unit, const Format& in, int k, std::size_t count, std::uint64_t key,
                         const std::uint32_t* d) {
  if (units_.insert(std::string(unit.name())).second) {
    const auto or_dash = [](std::string_view s) { return s.empty() ? std::string("-") : std::string(s); };
    out_ << "unit " << unit.name() << " " << or_dash(unit.declared_model()) << " "
         << or_dash(unit.published_model()) << "\n";
  }
  char word[24];
  std::snprintf(word, sizeof word, "%016" PRIX64, key);
  out_ << unit.name() << " " << in.name << " " << k << " " << count << " " << word;
  for (std::size_t i = 0; i < count; ++i) {
    std::snprintf(word, sizeof word, " %08" PRIX32, d[i]);
    out_ << word;
  }
  out_ << "\n";
  out_.flush();
  if (!out_) throw InputError("--record: writing '" + path_ + "' failed");
}

int register_dot_recording(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw InputError("--replay: cannot read '" + path + "'");
  std::string line;
  if (!std::getline(in, line) || !line.starts_with(kMagic))
    throw InputError(path, 1, "header", std::string("expected '") + kMagic + " <machine>'");
  const std::string machine = line.size() > std::string_view(kMagic).size() + 1 ? line.substr(std::string_view(kMagic).size() + 1) : "an unnamed machine";
  std::map<std::string, std::unique_ptr<ReplayDot>> units;
  for (std::size_t n = 2; std::getline(in, line); ++n) {
    if (line.empty()) continue;
    std::istringstream s(line);
    if (line.starts_with("unit ")) {  // unit <name> <declared model or -> <published model or ->
      std::string tag, unit, declared, published;
      if (!(s >> tag >> unit >> declared >> published))
        throw InputError(path, n, "unit", "expected 'unit <backend> <declared model or -> <published model or ->'");
      auto& u = units[unit];
      if (!u) u = std::make_unique<ReplayDot>(unit, path, machine);
      u->declare(declared == "-" ? "" : declared, published == "-" ? "" : published);
      continue;
    }
    std::string unit, key;
    Call call;
    std::size_t count = 0;
    if (!(s >> unit >> call.format >> call.k >> count >> key))
      throw InputError(path, n, "call", "expected '<backend> <format> <k> <count> <key> <d>...'");
    if (!find_dot_format(call.format))
      throw InputError(path, n, "format", "'" + call.format + "' is not " + dot_format_names(" or "));
    call.d.resize(count);
    for (std::size_t i = 0; i < count; ++i)
      if (!(s >> std::hex >> call.d[i])) throw InputError(path, n, "d", "expected " + std::to_string(count) + " results, found " + std::to_string(i));
    auto& u = units[unit];
    if (!u) u = std::make_unique<ReplayDot>(unit, path, machine);
    u->add(std::stoull(key, nullptr, 16), std::move(call));
  }
  const int registered = static_cast<int>(units.size());
  for (auto& [name, u] : units) register_dot_backend(std::move(u));
  return registered;
}

}  // namespace fpconform
