// The backend contract: every implementation under test is one Backend, registered by one line.
#pragma once

#include <cstddef>
#include <map>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "fpconform/deviation.hpp"
#include "fpconform/nan_policy.hpp"
#include "fpconform/operation.hpp"
#include "fpconform/rounding.hpp"

namespace fpconform {

enum class BackendKind : std::uint8_t { reference, builtin, peer, plugin, device, mutant };
std::string_view name(BackendKind k);

struct Availability {
  bool ok = true;
  std::string reason;  // why not, when !ok: shown as "skipped: <reason>"
};

// A deviation a backend is known to have and owns up to (the bitfield specimen, mutants).
// The suite asserts it finds exactly these kinds for that op, no more and no fewer.
struct KnownDeviation {
  Op op;
  DeviationKind kind;
  std::string_view why;
  // The rounding modes it shows in, one bit per Rounding (1 << rne, ...): all unless narrowed,
  // as for Arm's flush mode, whose flushed inputs change the result only in rup and rdn.
  std::uint8_t modes = 0x1F;
  bool in(Rounding r) const { return (modes >> static_cast<int>(r)) & 1; }
};
constexpr std::uint8_t mode_bit(Rounding r) { return std::uint8_t(1u << static_cast<int>(r)); }

class Backend {
 public:
  virtual ~Backend() = default;

  virtual std::string_view name() const = 0;
  virtual std::string_view description() const = 0;
  virtual BackendKind kind() const = 0;
  // Widening ops are exact; they are asked for with Rounding::rne and the mode must be ignored.
  virtual bool implements(Op op, Rounding r) const = 0;
  virtual Availability available() const { return {}; }

  // Implementation-defined behaviour, declared once (STYLE.md habit 4).
  virtual bool reports_flags() const { return false; }
  virtual Tininess tininess() const { return Tininess::after; }
  // Which NaN its arithmetic returns (nan_policy.hpp); the expected NaN follows it.
  virtual NanPolicy nan_policy() const { return NanPolicy::x86; }
  virtual std::span<const KnownDeviation> known_deviations() const { return {}; }
  // What a command line needs before --backend to have this backend: "--plugin PATH" for a
  // plug-in, nothing for the built-in ones. Part of every repro command.
  virtual std::string repro_args() const { return {}; }

  // in: n input words (uint8_t/uint16_t/uint32_t: input_bits(op) wide; an arithmetic op's
  // operands side by side, operation.hpp), out: n destination containers. flags: null, or n bytes to fill when reports_flags().
  virtual void convert(Op op, Rounding r, const void* in, void* out, std::size_t n,
                       Flags* flags) const = 0;
};

// All backends compiled into this program, sorted by name.
std::span<const Backend* const> backends();
const Backend* find_backend(std::string_view name);
bool register_backend(std::unique_ptr<Backend> b);

// The peer libraries compiled in, name -> version as their headers say, for results and reports.
const std::map<std::string, std::string>& libraries();
bool register_library(std::string name, std::string version);

}  // namespace fpconform

#define FPCONFORM_CONCAT_INNER(a, b) a##b
#define FPCONFORM_CONCAT(a, b) FPCONFORM_CONCAT_INNER(a, b)
// One registration line per backend instance, at namespace scope in its .cpp; extra arguments
// go to the constructor (one class may register several instances, e.g. one per code path).
// One line in a translation unit that includes the library's headers.
#define FPCONFORM_REGISTER_LIBRARY(name, version)                                           \
  [[maybe_unused]] static const bool FPCONFORM_CONCAT(fpconform_library_, __LINE__) =   \
      ::fpconform::register_library(name, version)
#define FPCONFORM_REGISTER_BACKEND(Type, ...)                                              \
  [[maybe_unused]] static const bool FPCONFORM_CONCAT(fpconform_registered_, __LINE__) = \
      ::fpconform::register_backend(std::make_unique<Type>(__VA_ARGS__))
