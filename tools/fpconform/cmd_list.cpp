// fpconform list: what is compiled in, what is available here and why not.
#include <iostream>

#include <nlohmann/json.hpp>

#include "fpconform/backend.hpp"
#include "platform/gpu.hpp"
#include "fpconform/int8_backend.hpp"
#include "tools/fpconform/commands.hpp"

namespace fpconform::cli {
namespace {

struct Capabilities {
  std::vector<std::string> ops;     // "f32_to_f16:rne,rtz", "f16_to_f32:exact"
  nlohmann::json json = nlohmann::json::object();
};

Capabilities capabilities(const Backend& b) {
  Capabilities c;
  for (const OpInfo& i : kOps) {
    std::vector<std::string> modes;
    if (is_widening(i.op)) {
      if (b.implements(i.op, Rounding::rne)) modes.push_back("exact");
    } else {
      for (Rounding r : kRoundings)
        if (b.implements(i.op, r)) modes.emplace_back(name(r));
    }
    if (modes.empty()) continue;
    std::string line(i.name);
    for (std::size_t k = 0; k < modes.size(); ++k) line += (k ? "," : ":") + modes[k];
    c.ops.push_back(line);
    c.json[std::string(i.name)] = modes;
  }
  return c;
}

// Whether b implements any arithmetic op: its NaN policy then matters (nan_policy.hpp).
bool does_arithmetic(const Backend& b) {
  for (const OpInfo& i : kOps)
    for (Rounding r : kRoundings)
      if (i.arith != Arith::none && b.implements(i.op, r)) return true;
  return false;
}

// "quantize s8:rne,rna u8:rne", "requantize s8:fp32", "gemm A s8,u8", and the same as JSON.
Capabilities int8_capabilities(const Int8Backend& b) {
  Capabilities c;
  const auto add = [&](const std::string& what, const std::vector<std::string>& items) {
    if (items.empty()) return;
    std::string line = what;
    for (std::size_t k = 0; k < items.size(); ++k) line += (k ? "," : " ") + items[k];
    c.ops.push_back(line);
    c.json[what] = items;
  };
  std::vector<std::string> quantize, requantize, gemm;
  for (IntType t : {IntType::s8, IntType::u8}) {
    for (QRounding r : {QRounding::rne, QRounding::rna, QRounding::half_up})
      if (b.quantizes(t, r)) quantize.push_back(std::string(name(t)) + ":" + std::string(name(r)));
    for (RequantModel m : {RequantModel::fp32, RequantModel::gemmlowp, RequantModel::rndnu})
      if (b.requantizes(m, t)) requantize.push_back(std::string(name(t)) + ":" + std::string(name(m)));
    if (b.multiplies(t)) gemm.push_back(std::string(name(t)) + "xs8");
  }
  add("quantize", quantize);
  add("requantize", requantize);
  add("gemm", gemm);
  return c;
}

}  // namespace

Command add_list_command(CLI::App& app) {
  auto* sub = app.add_subcommand("list", "List backends: availability (with reason), operations "
                                         "and roundings");
  auto json = std::make_shared<bool>(false);
  sub->add_flag("--json", *json, "Write JSON to stdout");
  return {sub, [json] {
            nlohmann::json out = nlohmann::json::array();
            if (!*json) std::cout << "GPU: " << gpu_summary() << "\n\n";
            for (const Backend* b : backends()) {
              const Availability a = b->available();
              const Capabilities c = capabilities(*b);
              if (*json) {
                nlohmann::json j = {{"name", b->name()},
                                    {"kind", name(b->kind())},
                                    {"description", b->description()},
                                    {"available", a.ok},
                                    {"reports_flags", b->reports_flags()},
                                    {"tininess", name(b->tininess())},
                                    {"operations", c.json}};
                if (does_arithmetic(*b)) j["nan_policy"] = name(b->nan_policy());
                if (!a.ok) j["reason"] = a.reason;
                out.push_back(std::move(j));
                continue;
              }
              std::cout << b->name() << "  [" << name(b->kind()) << "]  "
                        << (a.ok ? "available" : "skipped: " + a.reason) << "\n    "
                        << b->description() << "\n";
              if (b->reports_flags()) std::cout << "    reports flags (tininess " << name(b->tininess()) << ")\n";
              if (does_arithmetic(*b)) std::cout << "    NaN policy " << name(b->nan_policy()) << "\n";
              for (const std::string& line : c.ops) std::cout << "    " << line << "\n";
            }
            if (!*json) std::cout << "\nINT8 backends\n";
            for (const Int8Backend* b : int8_backends()) {
              const Availability a = b->available();
              const Capabilities c = int8_capabilities(*b);
              if (*json) {
                nlohmann::json j = {{"name", b->name()}, {"kind", name(b->kind())},
                                    {"description", b->description()}, {"available", a.ok},
                                    {"int8", c.json}};
                if (!a.ok) j["reason"] = a.reason;
                if (!b->gemm_deviation().empty()) j["gemm_deviation"] = b->gemm_deviation();
                out.push_back(std::move(j));
                continue;
              }
              std::cout << b->name() << "  [" << name(b->kind()) << "]  "
                        << (a.ok ? "available" : "skipped: " + a.reason) << "\n    "
                        << b->description() << "\n";
              for (const std::string& line : c.ops) std::cout << "    " << line << "\n";
              if (!b->gemm_deviation().empty())
                std::cout << "    GEMM not exact, declared: " << b->gemm_deviation() << "\n";
            }
            if (*json) std::cout << out.dump(2) << "\n";
            return kConforms;
          }};
}

}  // namespace fpconform::cli
