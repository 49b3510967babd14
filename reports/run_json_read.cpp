#include "reports/run_json_read.hpp"

#include <stdexcept>
#include <string>

#include "fpconform/deviation.hpp"

namespace fpconform {
namespace {

using nlohmann::json;

template <typename E, std::size_t N>
void read_counts(const json& j, std::array<std::uint64_t, N>& out, auto parse) {
  for (const auto& [k, v] : j.items()) {
    const std::optional<E> e = parse(k);
    if (!e) throw std::invalid_argument("unknown name '" + k + "'");
    out[static_cast<std::size_t>(*e)] = v.template get<std::uint64_t>();
  }
}

std::uint32_t hex_of(const json& value) {
  return static_cast<std::uint32_t>(std::stoul(value.at("hex").get<std::string>(), nullptr, 16));
}

Status status_of(const std::string& s) {
  for (Status st : {Status::passed, Status::failed, Status::skipped, Status::unimplemented})
    if (name(st) == s) return st;
  throw std::invalid_argument("unknown status '" + s + "'");
}

}  // namespace

Run run_from_json(const json& j) {
  Run r;
  r.backend = j.at("backend").get<std::string>();
  r.op = j.at("op").get<std::string>();
  r.rounding = j.at("rounding").get<std::string>();
  r.inputs = j.at("inputs").get<std::string>();
  r.profile = j.at("profile").get<std::string>();
  r.status = status_of(j.at("status").get<std::string>());
  r.reason = j.value("reason", "");
  r.shard = j.value("shard", "");
  r.backend_args = j.value("backend_args", "");
  r.total = j.at("total").get<std::uint64_t>();
  r.mismatches = j.at("mismatches").get<std::uint64_t>();
  r.untolerated = j.at("untolerated").get<std::uint64_t>();
  r.flags_compared = j.at("flags_compared").get<bool>();
  r.seconds = j.at("seconds").get<double>();
  r.baselined = j.value("baselined", std::uint64_t{0});
  r.stale = j.value("stale", false);
  if (j.contains("gate")) r.gate = j.at("gate").get<std::vector<std::string>>();
  if (j.contains("problems")) r.problems = j.at("problems").get<std::vector<std::string>>();
  read_counts<CaseClass>(j.at("by_class"), r.by_class, parse_case_class);
  read_counts<DeviationKind>(j.at("by_kind"), r.by_kind, parse_deviation_kind);
  if (j.contains("by_exponent")) r.by_exponent = j.at("by_exponent").get<std::vector<std::uint64_t>>();
  for (const json& x : j.at("examples")) {
    Example e{};
    e.input = hex_of(x.at("input"));
    e.got = hex_of(x.at("got"));
    e.expected = hex_of(x.at("expected"));
    const auto cls = parse_case_class(x.at("class").get<std::string>());
    const auto kind = parse_deviation_kind(x.at("kind").get<std::string>());
    if (!cls || !kind) throw std::invalid_argument("unknown class or kind in an example");
    e.case_class = *cls;
    e.kind = *kind;
    e.flags_compared = x.contains("got_flags");
    if (e.flags_compared) {
      e.got_flags = static_cast<Flags>(std::stoul(x.at("got_flags").get<std::string>(), nullptr, 16));
      e.expected_flags = static_cast<Flags>(std::stoul(x.at("expected_flags").get<std::string>(), nullptr, 16));
    }
    r.examples.push_back(e);
  }
  return r;
}

}  // namespace fpconform
