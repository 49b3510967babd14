#include "tools/fpconform/selection.hpp"

#include <algorithm>
#include <charconv>
#include <random>

#include "fpconform/error.hpp"

namespace fpconform::cli {

std::vector<std::string> split_list(const std::string& list) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= list.size()) {
    const std::size_t comma = list.find(',', start);
    out.push_back(list.substr(start, comma - start));
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  return out;
}

namespace {

template <typename T, typename Names>
std::vector<T> select(const std::string& option, const std::string& list, Names all_names,
                      auto parse, const std::vector<T>& all) {
  if (list == "all") return all;
  std::vector<T> out;
  for (const std::string& s : split_list(list)) {
    const auto v = parse(s);
    if (!v) throw InputError(option + ": unknown value '" + s + "' (known: " + all_names() + ", all)");
    out.push_back(*v);
  }
  return out;
}

}  // namespace

// "all" is every backend under test: the reference checked against itself could not fail (name
// `oracle` to check it against the sweep's steps, or against vector files).
std::vector<const Backend*> all_under_test() {
  std::vector<const Backend*> out;
  for (const Backend* b : backends())
    if (b->kind() != BackendKind::reference) out.push_back(b);
  return out;
}

// "plugins" is every backend loaded with --plugin (known only once they are loaded).
std::vector<const Backend*> select_backends(const std::string& list) {
  if (list == "all") return all_under_test();
  std::vector<const Backend*> out;
  const auto add = [&](const Backend* b) {
    if (std::find(out.begin(), out.end(), b) == out.end()) out.push_back(b);
  };
  for (const std::string& s : split_list(list)) {
    if (s == "plugins") {
      bool any = false;
      for (const Backend* b : backends())
        if (b->kind() == BackendKind::plugin) {
          any = true;
          add(b);
        }
      if (!any) throw InputError("--backend: 'plugins' names no backend: no plug-in was loaded (--plugin PATH)");
    } else if (const Backend* b = find_backend(s)) {
      add(b);
    } else {
      std::string known;
      for (const Backend* k : backends()) known += (known.empty() ? "" : ", ") + std::string(k->name());
      throw InputError("--backend: unknown value '" + s + "' (known: " + known + ", all, plugins)");
    }
  }
  return out;
}

std::vector<Op> select_ops(const std::string& list) {
  std::vector<Op> all;
  for (const OpInfo& i : kOps) all.push_back(i.op);
  return select<Op>(
      "--op", list,
      [] {
        std::string s;
        for (const OpInfo& i : kOps) s += (s.empty() ? "" : ", ") + std::string(i.name);
        return s;
      },
      [](const std::string& s) { return parse_op(s); }, all);
}

std::vector<Rounding> select_roundings(const std::string& list) {
  return select_named<Rounding>("--rounding", list, {"rne", "rtz", "rdn", "rup", "rna"},
                                [](const std::string& s) { return parse_rounding(s); });
}

std::vector<InputSpec> select_inputs(const std::string& list) {
  // value:A,B,C and slice:a=A,b=B share the comma: a token that starts no spec continues the
  // previous one.
  std::vector<std::string> specs;
  for (const std::string& s : split_list(list)) {
    const bool starts = s == "exhaustive" || s == "edge" || s.starts_with("random:") ||
                        s.starts_with("value:") || s.starts_with("hard:") || s.starts_with("slice:");
    if (!starts && !specs.empty() && (specs.back().starts_with("value:") || specs.back().starts_with("slice:")))
      specs.back() += "," + s;
    else
      specs.push_back(s);
  }
  std::vector<InputSpec> out;
  for (const std::string& s : specs) {
    const auto spec = InputSpec::parse(s);
    if (!spec)
      throw InputError("--inputs: cannot read '" + s +
                       "' (exhaustive, edge, random:N[:SEED], value:HEX[,HEX...]; for mulAdd also "
                       "hard:N[:SEED], slice:c=HEX, slice:a=HEX,b=HEX)");
    out.push_back(*spec);
  }
  return out;
}

std::uint64_t select_seed(const std::string& given) {
  if (given.empty()) {
    std::random_device device;
    return std::uint64_t{device()} << 32 | device();
  }
  std::uint64_t seed = 0;
  const auto [end, ec] = std::from_chars(given.data(), given.data() + given.size(), seed);
  if (ec != std::errc{} || end != given.data() + given.size())
    throw InputError("--seed: cannot read '" + given + "' (a whole number from 0 to 18446744073709551615)");
  return seed;
}

std::string seed_line(std::uint64_t seed) {
  const std::string s = std::to_string(seed);
  return "seed " + s + " (--seed " + s + " repeats this order)";
}

}  // namespace fpconform::cli
