// Names of the enumerations in include/fpconform, and their parsers.
#include <string>

#include "fpconform/backend.hpp"
#include "fpconform/deviation.hpp"
#include "fpconform/nan_policy.hpp"
#include "fpconform/operation.hpp"
#include "fpconform/rounding.hpp"

namespace fpconform {
namespace {

template <typename E, std::size_t N>
std::optional<E> parse_by_name(std::string_view s, const std::array<E, N>& all) {
  for (E e : all)
    if (name(e) == s) return e;
  return std::nullopt;
}

constexpr std::array kCaseClasses{CaseClass::zero,          CaseClass::subnormal_input,
                                  CaseClass::normal,        CaseClass::exact_tie,
                                  CaseClass::overflow,      CaseClass::underflow_subnormal,
                                  CaseClass::underflow_zero, CaseClass::infinity,
                                  CaseClass::quiet_nan,     CaseClass::signaling_nan};
constexpr std::array kDeviationKinds{
    DeviationKind::rounding,  DeviationKind::ftz,         DeviationKind::daz,
    DeviationKind::overflow,  DeviationKind::nan_lost,    DeviationKind::nan_quiet,
    DeviationKind::nan_sign,  DeviationKind::nan_payload, DeviationKind::signed_zero,
    DeviationKind::flags,     DeviationKind::other,       DeviationKind::double_rounding};

}  // namespace

std::string_view name(Rounding r) {
  switch (r) {
    case Rounding::rne: return "rne";
    case Rounding::rtz: return "rtz";
    case Rounding::rdn: return "rdn";
    case Rounding::rup: return "rup";
    case Rounding::rna: return "rna";
  }
  return "?";
}

std::optional<Rounding> parse_rounding(std::string_view s) {
  if (auto r = parse_by_name(s, kRoundings)) return r;
  if (s == "near_even") return Rounding::rne;
  if (s == "minMag") return Rounding::rtz;
  if (s == "min") return Rounding::rdn;
  if (s == "max") return Rounding::rup;
  if (s == "near_maxMag") return Rounding::rna;
  return std::nullopt;
}

std::string_view name(NanPolicy p) {
  switch (p) {
    case NanPolicy::x86: return "x86";
    case NanPolicy::arm: return "arm";
    case NanPolicy::arm_default_nan: return "arm-default-nan";
    case NanPolicy::canonical: return "canonical";
  }
  return "?";
}

std::optional<NanPolicy> parse_nan_policy(std::string_view s) {
  return parse_by_name(s, std::array{NanPolicy::x86, NanPolicy::arm, NanPolicy::arm_default_nan,
                                     NanPolicy::canonical});
}

std::string_view name(Tininess t) { return t == Tininess::after ? "after" : "before"; }

std::optional<Tininess> parse_tininess(std::string_view s) {
  if (s == "after") return Tininess::after;
  if (s == "before") return Tininess::before;
  return std::nullopt;
}

const OpInfo& info(Op op) { return kOps[static_cast<std::size_t>(op)]; }

std::optional<Op> parse_op(std::string_view s) {
  for (const OpInfo& i : kOps)
    if (i.name == s) return i.op;
  return std::nullopt;
}

std::string_view name(CaseClass c) {
  switch (c) {
    case CaseClass::zero: return "zero";
    case CaseClass::subnormal_input: return "subnormal-input";
    case CaseClass::normal: return "normal";
    case CaseClass::exact_tie: return "exact-tie";
    case CaseClass::overflow: return "overflow";
    case CaseClass::underflow_subnormal: return "underflow-subnormal";
    case CaseClass::underflow_zero: return "underflow-zero";
    case CaseClass::infinity: return "infinity";
    case CaseClass::quiet_nan: return "quiet-nan";
    case CaseClass::signaling_nan: return "signaling-nan";
  }
  return "?";
}

std::string_view name(DeviationKind k) {
  switch (k) {
    case DeviationKind::rounding: return "rounding";
    case DeviationKind::ftz: return "ftz";
    case DeviationKind::daz: return "daz";
    case DeviationKind::overflow: return "overflow";
    case DeviationKind::nan_lost: return "nan-lost";
    case DeviationKind::nan_quiet: return "nan-quiet";
    case DeviationKind::nan_sign: return "nan-sign";
    case DeviationKind::nan_payload: return "nan-payload";
    case DeviationKind::signed_zero: return "signed-zero";
    case DeviationKind::flags: return "flags";
    case DeviationKind::other: return "other";
    case DeviationKind::double_rounding: return "double-rounding";
  }
  return "?";
}

std::optional<CaseClass> parse_case_class(std::string_view s) { return parse_by_name(s, kCaseClasses); }
std::optional<DeviationKind> parse_deviation_kind(std::string_view s) {
  return parse_by_name(s, kDeviationKinds);
}

std::string_view name(BackendKind k) {
  switch (k) {
    case BackendKind::reference: return "reference";
    case BackendKind::builtin: return "builtin";
    case BackendKind::peer: return "peer";
    case BackendKind::plugin: return "plugin";
    case BackendKind::device: return "device";
    case BackendKind::mutant: return "mutant";
  }
  return "?";
}

}  // namespace fpconform
