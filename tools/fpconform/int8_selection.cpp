#include "tools/fpconform/int8_selection.hpp"

#include <charconv>
#include <stdexcept>

#include "fpconform/error.hpp"
#include "tools/fpconform/selection.hpp"

namespace fpconform::cli {

std::vector<const Int8Backend*> select_int8_backends(
    const std::string& list, const std::function<bool(const Int8Backend&)>& wanted) {
  std::vector<const Int8Backend*> out;
  if (list == "all") {
    for (const Int8Backend* b : int8_backends())
      if (wanted(*b)) out.push_back(b);
    return out;
  }
  for (const std::string& s : split_list(list)) {
    const Int8Backend* b = find_int8_backend(s);
    if (!b) {
      std::string known;
      for (const Int8Backend* k : int8_backends()) known += (known.empty() ? "" : ", ") + std::string(k->name());
      throw InputError("--backend: unknown INT8 backend '" + s + "' (known: " + known + ", all)");
    }
    out.push_back(b);
  }
  return out;
}

std::vector<GemmShape> select_shapes(const std::string& list) {
  std::vector<GemmShape> out;
  for (const std::string& s : split_list(list)) {
    if (s == "ragged") {
      for (GemmShape r : ragged_shapes()) out.push_back(r);
      continue;
    }
    try {
      out.push_back(parse_shape(s));
    } catch (const std::invalid_argument& e) {
      throw InputError(std::string("--shape: ") + e.what());
    }
  }
  return out;
}

std::vector<Pattern> select_patterns(const std::string& list) {
  return select_named<Pattern>("--pattern", list,
                               {"full-range", "small", "corner-max", "corner-min", "alternating"},
                               [](const std::string& s) { return parse_pattern(s); });
}

std::vector<IntType> select_int_types(const std::string& option, const std::string& list) {
  return select_named<IntType>(option, list, {"s8", "u8"},
                               [](const std::string& s) { return parse_int_type(s); });
}

std::vector<QRounding> select_qroundings(const std::string& list) {
  return select_named<QRounding>("--rounding", list, {"rne", "rna", "half-up"},
                                 [](const std::string& s) { return parse_qrounding(s); });
}

std::vector<RequantModel> select_requant_models(const std::string& list) {
  return select_named<RequantModel>("--model", list, {"fp32", "gemmlowp", "rndnu"},
                                    [](const std::string& s) { return parse_requant_model(s); });
}

std::vector<Dist> select_dists(const std::string& list) {
  return select_named<Dist>("--dist", list, {"gaussian", "uniform", "outliers"},
                            [](const std::string& s) { return parse_dist(s); });
}

std::vector<Scheme> select_schemes(const std::string& list) {
  std::vector<std::string> all;
  for (Scheme s : kSchemes) all.emplace_back(name(s));
  return select_named<Scheme>("--scheme", list, all, [](const std::string& s) { return parse_scheme(s); });
}

std::vector<int> select_threads(const std::string& list) {
  std::vector<int> out;
  for (const std::string& s : split_list(list)) {
    int t = 0;
    const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), t);
    if (ec != std::errc{} || end != s.data() + s.size() || t < 1 || t > 1024)
      throw InputError("--threads: '" + s + "' is not a thread count (1..1024)");
    out.push_back(t);
  }
  return out;
}

}  // namespace fpconform::cli
