// fpconform quant: quantize (float -> int8/uint8) and requantize (int32 -> int8/uint8) backends
// against the oracle's named models, and how the requantization models differ from each other.
#include <cstdio>
#include <iostream>
#include <map>

#include "fpconform/error.hpp"
#include "checks/int8/check.hpp"
#include "tools/fpconform/commands.hpp"
#include "tools/fpconform/progress.hpp"
#include "tools/fpconform/gate.hpp"
#include "tools/fpconform/int8_selection.hpp"
#include "tools/fpconform/selection.hpp"

namespace fpconform::cli {
namespace {

struct QuantArgs {
  std::string backends = "all";
  std::string ops = "quantize,requantize";
  std::string types = "all";
  std::string roundings = "all";
  std::string schemes = "per-tensor,per-channel";
  std::string models = "all";
  double multiplier = 0.0123;
  std::int32_t zero_point = 0;
  std::string inputs = "edge,random:100000";
  std::string json;
  std::string html;
  std::string junit;
};

bool quantizes_any(const Int8Backend& b) {
  for (IntType t : {IntType::s8, IntType::u8})
    for (QRounding r : {QRounding::rne, QRounding::rna, QRounding::half_up})
      if (b.quantizes(t, r)) return true;
  return false;
}

bool requantizes_any(const Int8Backend& b) {
  for (IntType t : {IntType::s8, IntType::u8})
    for (RequantModel m : {RequantModel::fp32, RequantModel::gemmlowp, RequantModel::rndnu})
      if (b.requantizes(m, t)) return true;
  return false;
}

void print(const QuantExactness& q) {
  if (q.status == Status::skipped) return;  // said once per backend, after the cases
  std::string state(name(q.status));
  for (char& ch : state) ch = static_cast<char>(std::toupper(ch));
  std::printf("%-13s %-12s %-10s %-8s %s %-12s %s", state.c_str(), q.backend.c_str(), q.op.c_str(),
              q.model.c_str(), std::string(name(q.type)).c_str(), q.scheme.c_str(), q.inputs.c_str());
  if (q.status == Status::passed || q.status == Status::failed)
    std::printf("  %llu/%llu differ  %.2f s", static_cast<unsigned long long>(q.mismatches),
                static_cast<unsigned long long>(q.total), q.seconds);
  std::printf("\n");
  if (q.status != Status::passed && !q.reason.empty()) std::printf("    %s\n", q.reason.c_str());
  for (const QuantExample& e : q.examples)
    std::printf("    input %s: got %d, expected %d\n", e.input.c_str(), e.got, e.expected);
  std::printf("    __REPRO: %s\n", q.repro.c_str());
}

int run_quant(const QuantArgs& a) {
  bool do_quantize = false, do_requantize = false;
  for (const std::string& op : split_list(a.ops)) {
    if (op == "quantize") do_quantize = true;
    else if (op == "requantize") do_requantize = true;
    else throw InputError("--op: unknown value '" + op + "' (known: quantize, requantize)");
  }
  if (!(a.multiplier >= 0x1p-32 && a.multiplier <= 1 - 0x1p-31))
    throw InputError("--multiplier: " + std::to_string(a.multiplier) + " is outside [2^-32, 1 - 2^-31]");
  // Requantized outputs lie in [-128, 255]: a zero point beyond 2^24 is no zero point (and the
  // SIMD backends clamp in binary32, exact up to 2^24).
  if (a.zero_point < -(1 << 24) || a.zero_point > (1 << 24))
    throw InputError("--zero-point: " + std::to_string(a.zero_point) + " is outside [-2^24, 2^24]");
  const std::vector<IntType> types = select_int_types("--type", a.types);
  Int8Results results;
  int failed = 0;
  // Cases, not inputs: one exhaustive requantize case is one long call.
  Progress progress("quant", 0, "cases");
  double done = 0;
  try {
    if (do_quantize) {
      std::vector<bool> per_channel;
      for (const std::string& s : split_list(a.schemes)) {
        if (s == "per-tensor") per_channel.push_back(false);
        else if (s == "per-channel") per_channel.push_back(true);
        else throw InputError("--scheme: unknown value '" + s + "' (known: per-tensor, per-channel)");
      }
      for (const Int8Backend* b : select_int8_backends(a.backends, quantizes_any))
        for (IntType t : types)
          for (QRounding r : select_qroundings(a.roundings))
            for (bool pc : per_channel) {
              progress.update(done++, std::string(b->name()) + " quantize " + std::string(name(t)));
              QuantExactness q = check_quantize(*b, t, r, pc, a.inputs);
              progress.clear();
              print(q);
              failed += q.status == Status::failed;
              results.quant.push_back(std::move(q));
            }
    }
    if (do_requantize) {
      const std::vector<RequantModel> models = select_requant_models(a.models);
      for (const Int8Backend* b : select_int8_backends(a.backends, requantizes_any))
        for (IntType t : types)
          for (RequantModel m : models) {
            progress.update(done++, std::string(b->name()) + " requantize " + std::string(name(m)) + " " +
                                        std::string(name(t)));
            QuantExactness q = check_requantize(*b, m, t, a.multiplier, a.zero_point, a.inputs);
            progress.clear();
            print(q);
            failed += q.status == Status::failed;
            results.quant.push_back(std::move(q));
          }
      for (IntType t : types)
        for (std::size_t i = 0; i < models.size(); ++i)
          for (std::size_t j = i + 1; j < models.size(); ++j) {
            ModelDifference d = model_difference(models[i], models[j], t, a.multiplier, a.zero_point, a.inputs);
            std::printf("MODELS %s - %s  %s  multiplier %g  %s:", std::string(name(d.b)).c_str(),
                        std::string(name(d.a)).c_str(), std::string(name(t)).c_str(), a.multiplier,
                        d.inputs.c_str());
            for (const auto& [delta, count] : d.histogram)
              std::printf("  %+d: %llu", delta, static_cast<unsigned long long>(count));
            std::printf("  (of %llu)\n", static_cast<unsigned long long>(d.total));
            results.model_differences.push_back(std::move(d));
          }
    }
  } catch (const std::invalid_argument& e) {
    throw InputError(std::string("--") + e.what());  // "inputs: unknown spec ..."
  }
  std::map<std::string, std::pair<std::size_t, std::string>> skipped_by_backend;
  for (const QuantExactness& q : results.quant)
    if (q.status == Status::skipped) {
      auto& [n, reason] = skipped_by_backend[q.backend];
      ++n;
      reason = q.reason;
    }
  for (const auto& [backend, skipped] : skipped_by_backend)
    std::printf("SKIPPED       %-12s %zu cases: %s\n", backend.c_str(), skipped.first, skipped.second.c_str());
  write_results({}, &results, *parse_profile("strict"), a.json, a.junit, a.html);
  std::size_t passed = 0, skipped = 0;
  for (const QuantExactness& q : results.quant) {
    passed += q.status == Status::passed;
    skipped += q.status == Status::skipped;
  }
  std::printf("\n%zu exact, %d not exact, %zu skipped, %zu unimplemented\n", passed, failed, skipped,
              results.quant.size() - passed - static_cast<std::size_t>(failed) - skipped);
  return failed ? kDeviates : kConforms;
}

}  // namespace

Command add_quant_command(CLI::App& app) {
  auto a = std::make_shared<QuantArgs>();
  auto* sub = app.add_subcommand("quant", "INT8 quantize and requantize against the oracle's named models");
  sub->add_option("--backend", a->backends, "INT8 backends, comma-separated, or all")->capture_default_str();
  sub->add_option("--op", a->ops, "quantize, requantize (comma-separated)")->capture_default_str();
  sub->add_option("--type", a->types, "Output type: s8, u8, all")->capture_default_str();
  sub->add_option("--rounding", a->roundings, "Quantize: rne, rna, half-up, all")->capture_default_str();
  sub->add_option("--scheme", a->schemes, "Quantize: per-tensor, per-channel")->capture_default_str();
  sub->add_option("--model", a->models, "Requantize: fp32, gemmlowp, rndnu, all")->capture_default_str();
  sub->add_option("--multiplier", a->multiplier, "Requantize: the real multiplier m, 2^-32 <= m < 1")
      ->capture_default_str();
  sub->add_option("--zero-point", a->zero_point, "Requantize: the output zero point")->capture_default_str();
  sub->add_option("--inputs", a->inputs, "edge, random:N[:SEED], exhaustive (comma-separated)")
      ->capture_default_str();
  sub->add_option("--json", a->json, "Write the results (the int8 section) to this file");
  sub->add_option("--html", a->html, "Write the HTML report (INT8 sections) to this file");
  sub->add_option("--junit", a->junit, "Write JUnit XML (a test case per check) to this file");
  return {sub, [a] { return run_quant(*a); }};
}

}  // namespace fpconform::cli
