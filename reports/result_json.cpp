#include "reports/result_json.hpp"

#include "fpconform/operation.hpp"
#include "reports/repro.hpp"
#include "reports/fields.hpp"
#include "reports/dot_result_json.hpp"
#include "reports/int8_result_json.hpp"

namespace fpconform {
namespace {

nlohmann::json value_json(const Format& f, std::uint64_t container) {
  const Fields s = split(f, container);
  return {{"hex", hex(f, container)}, {"format", f.name}, {"sign", s.sign},
          {"exponent", s.exponent},  {"fraction", s.fraction}};
}

// A conversion's source value; an arithmetic op's word in hex with its operands.
nlohmann::json input_json(Op op, Word word) {
  const Format& f = *info(op).src;
  if (!is_arithmetic(op)) return value_json(f, word);
  char h[24];
  std::snprintf(h, sizeof h, "0x%0*llX", input_bits(op) / 4, static_cast<unsigned long long>(word));
  nlohmann::json operands = nlohmann::json::array();
  for (int k = 0; k < arity(op); ++k) operands.push_back(value_json(f, operand(op, word, k)));
  return {{"hex", h}, {"operands", operands}};
}

template <typename E, std::size_t N>
nlohmann::json counts_json(const std::array<std::uint64_t, N>& counts) {
  nlohmann::json j = nlohmann::json::object();
  for (std::size_t i = 0; i < N; ++i)
    if (counts[i]) j[std::string(name(static_cast<E>(i)))] = counts[i];
  return j;
}

}  // namespace

std::string_view name(Status s) {
  switch (s) {
    case Status::passed: return "passed";
    case Status::failed: return "failed";
    case Status::skipped: return "skipped";
    case Status::unimplemented: return "unimplemented";
  }
  return "?";
}

nlohmann::json to_json(const Run& run) {
  nlohmann::json j = {{"backend", run.backend},       {"op", run.op},
                      {"rounding", run.rounding},     {"inputs", run.inputs},
                      {"profile", run.profile},       {"seed", run.seed},
                      {"status", name(run.status)},
                      {"total", run.total},           {"mismatches", run.mismatches},
                      {"untolerated", run.untolerated}, {"flags_compared", run.flags_compared},
                      {"seconds", run.seconds}};
  if (!run.reason.empty()) j["reason"] = run.reason;
  if (!run.shard.empty()) j["shard"] = run.shard;
  if (!run.backend_args.empty()) j["backend_args"] = run.backend_args;
  if (run.baselined || run.stale || !run.gate.empty()) {  // what a baseline did, if anything
    j["baselined"] = run.baselined;
    j["stale"] = run.stale;
    j["gate"] = run.gate;
  }
  if (!run.problems.empty()) j["problems"] = run.problems;
  if (!run.output.empty()) j["output"] = run.output;
  j["by_class"] = counts_json<CaseClass>(run.by_class);
  j["by_kind"] = counts_json<DeviationKind>(run.by_kind);
  if (!run.by_exponent.empty()) j["by_exponent"] = run.by_exponent;
  j["examples"] = nlohmann::json::array();
  if (const auto op = parse_op(run.op)) {
    const OpInfo& i = info(*op);
    for (const Example& e : run.examples) {
      nlohmann::json x = {{"input", input_json(*op, e.input)},
                          {"got", value_json(*i.dst, e.got)},
                          {"expected", value_json(*i.dst, e.expected)},
                          {"class", name(e.case_class)},
                          {"kind", name(e.kind)},
                          {"repro", repro_command(run.backend, *op, run.rounding, e.input, run.seed,
                                                 run.backend_args)}};
      if (e.flags_compared) {
        x["got_flags"] = hex_flags(e.got_flags);
        x["expected_flags"] = hex_flags(e.expected_flags);
      }
      j["examples"].push_back(std::move(x));
    }
  }
  return j;
}

nlohmann::json to_json(const Machine& m) {
  return {{"cpu_model", m.cpu_model}, {"cpu_flags", m.cpu_flags}, {"cores", m.cores},
          {"compiler", m.compiler},   {"os", m.os},               {"libraries", m.libraries},
          {"gpu", m.gpu}};
}

nlohmann::json results_document(const std::vector<Run>& runs, const std::string& command,
                                const std::string& profile, const Machine& m,
                                const Int8Results& int8, const DotResults& dot) {
  nlohmann::json j = {{"schema", kResultsSchema}, {"command", command}, {"profile", profile},
                      {"date", utc_now()}, {"machine", to_json(m)}};
  j["runs"] = nlohmann::json::array();
  for (const Run& r : runs) j["runs"].push_back(to_json(r));
  if (!int8.empty()) j["int8"] = to_json(int8);
  if (!dot.empty()) j["dot"] = to_json(dot);
  return j;
}

}  // namespace fpconform
