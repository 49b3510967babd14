// Turning --backend/--op/--rounding/--inputs lists into what they name; unknown names are
// usage errors that say what is known.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "fpconform/backend.hpp"
#include "fpconform/error.hpp"
#include "vectors/inputs.hpp"

namespace fpconform::cli {

// "a,b,c" -> {a, b, c}; empty items are kept (and then refused by whoever parses them).
std::vector<std::string> split_list(const std::string& list);

// A list of names of an enum's values ("all": every one of `names`) through parse; an unknown
// name is a usage error that lists the known ones.
template <typename T, typename Parse>
std::vector<T> select_named(const std::string& option, const std::string& list,
                            const std::vector<std::string>& names, Parse parse) {
  std::vector<T> out;
  std::string known;
  for (const std::string& n : names) known += (known.empty() ? "" : ", ") + n;
  for (const std::string& s : list == "all" ? names : split_list(list)) {
    const auto v = parse(s);
    if (!v) throw InputError(option + ": unknown value '" + s + "' (known: " + known + ", all)");
    out.push_back(*v);
  }
  return out;
}

// Backend names, "all" (every backend under test, plug-ins included) and "plugins" (every
// backend loaded with --plugin).
std::vector<const Backend*> select_backends(const std::string& list);
std::vector<Op> select_ops(const std::string& list);
std::vector<Rounding> select_roundings(const std::string& list);
std::vector<InputSpec> select_inputs(const std::string& list);

// --seed (decimal, 0 to 2^64 - 1): the order inputs go to a backend in (checks/shuffle.hpp).
// Empty: a fresh seed from std::random_device, so that runs differ unless asked not to.
std::uint64_t select_seed(const std::string& given);
// What check and vectors check print near the start: "seed N (--seed N repeats this order)".
std::string seed_line(std::uint64_t seed);

}  // namespace fpconform::cli
