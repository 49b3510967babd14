// fpconform formats: every format's numbers (bits, bias, largest finite, smallest normal and
// subnormal, epsilon, specials), computed from its description (oracles/format_facts.hpp).
#include <cstdio>
#include <memory>
#include <string>

#include <nlohmann/json.hpp>

#include "fpconform/format.hpp"
#include "oracles/format_facts.hpp"
#include "reports/fields.hpp"
#include "tools/fpconform/commands.hpp"

namespace fpconform::cli {
namespace {

struct FormatsArgs {
  bool json = false;
};

// 65504 (0x7BFF, 2^15 x 1.999)
std::string value(const Format& f, double v, std::uint64_t bits) {
  return printf_string(f.width() > 32 ? "%.17g (%s)" : "%.9g (%s)", v, hex(f, bits).c_str());
}

int run_formats(const FormatsArgs& a) {
  nlohmann::json all = nlohmann::json::array();
  for (const Format* f : kFormats) {
    const oracle::FormatFacts x = oracle::format_facts(*f);
    if (a.json) {
      all.push_back({{"name", f->name}, {"bits", f->width()}, {"exponent_bits", f->exp_bits},
                     {"fraction_bits", f->frac_bits}, {"bias", f->bias}, {"container_bits", f->container_bits},
                     {"precision", x.precision}, {"emax", x.emax}, {"emin", x.emin},
                     {"max_finite", x.max_finite}, {"max_finite_bits", hex(*f, x.max_finite_bits)},
                     {"min_normal", x.min_normal}, {"min_normal_bits", hex(*f, x.min_normal_bits)},
                     {"min_subnormal", x.has_subnormals ? nlohmann::json(x.min_subnormal) : nlohmann::json()},
                     {"min_subnormal_bits", x.has_subnormals ? nlohmann::json(hex(*f, x.min_subnormal_bits)) : nlohmann::json()},
                     {"epsilon", x.epsilon}, {"specials", x.specials}, {"overflow", x.overflow}});
      continue;
    }
    std::printf("%s: %d bits (%s, %d exponent, %d fraction; in %d-bit containers%s), bias %d, "
                "precision %d, exponents %d..%d\n",
                std::string(f->name).c_str(), f->width(), f->specials == Specials::e8m0 ? "no sign" : "1 sign",
                f->exp_bits, f->frac_bits, f->container_bits,
                f->shift ? printf_string(" from bit %d", f->shift).c_str() : "", f->bias, x.precision, x.emin,
                x.emax);
    std::printf("  max finite     %s\n", value(*f, x.max_finite, x.max_finite_bits).c_str());
    std::printf("  min normal     %s\n", value(*f, x.min_normal, x.min_normal_bits).c_str());
    if (x.has_subnormals)
      std::printf("  min subnormal  %s\n", value(*f, x.min_subnormal, x.min_subnormal_bits).c_str());
    else
      std::printf("  min subnormal  none (no subnormals)\n");
    std::printf("  epsilon        %.9g (2^-%d)\n", x.epsilon, f->frac_bits);
    std::printf("  specials       %s\n", x.specials.c_str());
    std::printf("  overflow       %s\n", x.overflow.c_str());
  }
  if (a.json) std::printf("%s\n", all.dump(2).c_str());
  return kConforms;
}

}  // namespace

Command add_formats_command(CLI::App& app) {
  auto a = std::make_shared<FormatsArgs>();
  auto* sub = app.add_subcommand("formats", "Every format's numbers: bits, bias, largest finite, smallest "
                                            "normal and subnormal, epsilon, specials (from its description)");
  sub->add_flag("--json", a->json, "As JSON (an array, one object per format)");
  return {sub, [a] { return run_formats(*a); }};
}

}  // namespace fpconform::cli
