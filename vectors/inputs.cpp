#include "vectors/inputs.hpp"

#include <algorithm>
#include <charconv>
#include <cstdio>

#include "fpconform/error.hpp"
#include "vectors/f64_inputs.hpp"
#include "vectors/mul_add_cases.hpp"
#include "vectors/splitmix.hpp"

namespace fpconform {
namespace {

std::optional<std::uint64_t> parse_count(std::string_view s) {
  // Decimal, or 2^K.
  std::uint64_t v = 0;
  if (s.starts_with("2^")) {
    const auto r = std::from_chars(s.data() + 2, s.data() + s.size(), v);
    if (r.ec != std::errc{} || r.ptr != s.data() + s.size() || v > 40) return std::nullopt;
    return std::uint64_t{1} << v;
  }
  const auto r = std::from_chars(s.data(), s.data() + s.size(), v);
  if (s.empty() || r.ec != std::errc{} || r.ptr != s.data() + s.size()) return std::nullopt;
  return v;
}

std::optional<std::uint64_t> parse_hex(std::string_view s) {
  if (s.starts_with("0x") || s.starts_with("0X")) s.remove_prefix(2);
  std::uint64_t v = 0;
  const auto r = std::from_chars(s.data(), s.data() + s.size(), v, 16);
  if (s.empty() || r.ec != std::errc{} || r.ptr != s.data() + s.size()) return std::nullopt;
  return v;
}

}  // namespace

std::optional<InputSpec> InputSpec::parse(std::string_view s) {
  InputSpec spec;
  if (s == "exhaustive") return spec;
  if (s == "edge") {
    spec.kind = Kind::edge;
    return spec;
  }
  if (s.starts_with("random:")) {
    spec.kind = Kind::random;
    std::string_view rest = s.substr(7);
    const std::size_t colon = rest.find(':');
    const auto count = parse_count(rest.substr(0, colon));
    if (!count || *count == 0) return std::nullopt;
    spec.count = *count;
    if (colon != std::string_view::npos) {
      const auto seed = parse_count(rest.substr(colon + 1));
      if (!seed) return std::nullopt;
      spec.seed = *seed;
    }
    return spec;
  }
  if (s.starts_with("edge+random:")) {  // "edge+random:N[:SEED]", N and SEED as random's
    auto r = parse(std::string("random:") + std::string(s.substr(12)));
    if (!r) return std::nullopt;
    r->kind = Kind::edge_random;
    return r;
  }
  if (s.starts_with("hard:")) {  // "hard:N[:SEED]", as random
    auto r = parse(std::string("random:") + std::string(s.substr(5)));
    if (!r) return std::nullopt;
    r->kind = Kind::hard;
    return r;
  }
  if (s.starts_with("slice:")) {  // "slice:c=HEX" or "slice:a=HEX,b=HEX"
    spec.kind = Kind::slice;
    std::string_view rest = s.substr(6);
    while (!rest.empty()) {
      const std::size_t comma = rest.find(',');
      const std::string_view item = rest.substr(0, comma);
      if (item.size() < 3 || item[1] != '=' || (item[0] != 'a' && item[0] != 'b' && item[0] != 'c'))
        return std::nullopt;
      const auto v = parse_hex(item.substr(2));
      if (!v || *v > 0xFFFFFFFFu) return std::nullopt;
      spec.fixed.emplace_back(item[0], static_cast<std::uint32_t>(*v));
      rest = comma == std::string_view::npos ? std::string_view{} : rest.substr(comma + 1);
    }
    std::sort(spec.fixed.begin(), spec.fixed.end());
    const bool c_only = spec.fixed.size() == 1 && spec.fixed[0].first == 'c';
    const bool a_and_b = spec.fixed.size() == 2 && spec.fixed[0].first == 'a' && spec.fixed[1].first == 'b';
    if (!c_only && !a_and_b) return std::nullopt;
    return spec;
  }
  if (s.starts_with("value:")) {
    spec.kind = Kind::values;
    std::string_view rest = s.substr(6);
    while (!rest.empty()) {
      const std::size_t comma = rest.find(',');
      const auto v = parse_hex(rest.substr(0, comma));
      if (!v) return std::nullopt;
      spec.values.push_back(*v);
      rest = comma == std::string_view::npos ? std::string_view{} : rest.substr(comma + 1);
    }
    if (spec.values.empty()) return std::nullopt;
    return spec;
  }
  return std::nullopt;
}

std::string InputSpec::label() const {
  switch (kind) {
    case Kind::exhaustive: return "exhaustive";
    case Kind::edge: return "edge";
    case Kind::random: return "random:" + std::to_string(count) + ":" + std::to_string(seed);
    case Kind::hard: return "hard:" + std::to_string(count) + ":" + std::to_string(seed);
    case Kind::edge_random: return "edge+random:" + std::to_string(count) + ":" + std::to_string(seed);
    case Kind::slice: {
      std::string s = "slice:";
      char buf[24];
      for (std::size_t i = 0; i < fixed.size(); ++i) {
        std::snprintf(buf, sizeof buf, "%s%c=0x%X", i ? "," : "", fixed[i].first, fixed[i].second);
        s += buf;
      }
      return s;
    }
    case Kind::values: {
      std::string s = "value:";
      char buf[24];
      for (std::size_t i = 0; i < values.size(); ++i) {
        std::snprintf(buf, sizeof buf, "%s0x%llX", i ? "," : "", static_cast<unsigned long long>(values[i]));
        s += buf;
      }
      return s;
    }
  }
  return "?";
}

InputSpec effective_spec(Op op, const InputSpec& spec) {
  if (input_bits(op) <= 16 && spec.kind != InputSpec::Kind::values) return InputSpec{};
  if (is_binary64_source(op) && spec.kind == InputSpec::Kind::exhaustive) {
    InputSpec s;
    s.kind = InputSpec::Kind::edge_random;
    s.count = kBinary64Random;
    return s;
  }
  return spec;
}

InputSet::InputSet(Op op, const InputSpec& spec) : op_(op), spec_(effective_spec(op, spec)) {
  const Format& src = *info(op).src;
  if ((spec_.kind == InputSpec::Kind::hard || spec_.kind == InputSpec::Kind::slice) && arity(op) != 3)
    throw InputError(spec_.label() + ": hard and slice inputs are for the mulAdd ops, not " +
                     std::string(name(op)));
  switch (spec_.kind) {
    case InputSpec::Kind::exhaustive:
      size_ = input_space(op);
      break;
    case InputSpec::Kind::edge:
      table_ = edge_inputs(op);
      size_ = table_.size();
      break;
    case InputSpec::Kind::edge_random:
      table_ = edge_inputs(op);
      size_ = table_.size() + spec_.count;
      break;
    case InputSpec::Kind::random:
    case InputSpec::Kind::hard:
      size_ = spec_.count;
      break;
    case InputSpec::Kind::slice:
      for (const auto& [which, v] : spec_.fixed) {
        if (v & ~src.container_mask())
          throw InputError(spec_.label() + ": " + std::string(1, which) + " does not fit " +
                           std::string(src.name) + "'s " + std::to_string(src.container_bits) +
                           "-bit container");
        slice_base_ |= Word{v} << ((2 - (which - 'a')) * src.container_bits);
      }
      size_ = std::uint64_t{1} << ((3 - spec_.fixed.size()) * src.container_bits);
      break;
    case InputSpec::Kind::values: {
      for (std::uint64_t v : spec_.values)
        if (v & ~src.container_mask())
          throw InputError("input value 0x" + spec_.label().substr(6) + " does not fit " +
                           std::string(src.name) + "'s " + std::to_string(src.container_bits) +
                           "-bit container");
      // An op of k operands takes the values k at a time: value:A,B is one case of f16_add.
      const std::size_t k = static_cast<std::size_t>(arity(op));
      if (spec_.values.size() % k != 0)
        throw InputError(spec_.label() + ": " + std::string(name(op)) + " takes " +
                         std::to_string(k) + " operands per case, and " +
                         std::to_string(spec_.values.size()) + " values are not a multiple of " +
                         std::to_string(k));
      for (std::size_t i = 0; i < spec_.values.size(); i += k) {
        std::uint64_t word = 0;  // 64-bit: one binary32 operand shifts by its full width
        for (std::size_t j = 0; j < k; ++j)
          word = (src.container_bits == 64 ? 0 : word << src.container_bits) | spec_.values[i + j];
        table_.push_back(word);
      }
      size_ = table_.size();
      break;
    }
  }
}

Word InputSet::at(std::uint64_t i) const {
  switch (spec_.kind) {
    case InputSpec::Kind::exhaustive: return sweep_word(op_, i);
    case InputSpec::Kind::random: return random_word(i);
    case InputSpec::Kind::edge_random:
      return i < table_.size() ? table_[i] : random_word(i - table_.size());
    case InputSpec::Kind::hard: return mul_add_hard_case(op_, spec_.seed, i);
    case InputSpec::Kind::slice:
      // c fixed: the index is (a, b); a and b fixed: the index is c.
      return slice_base_ | (spec_.fixed.size() == 1 ? i << info(op_).src->container_bits : i);
    default: return table_[i];
  }
}

Word InputSet::random_word(std::uint64_t i) const {
  if (is_binary64_source(op_)) return f64_random_input(op_, spec_.seed, i);
  return splitmix64(spec_.seed * 0x100000001B3ull + i) & (input_space(op_) - 1);
}

void InputSet::fill(std::uint64_t first, std::span<Word> out) const {
  for (std::size_t k = 0; k < out.size(); ++k) out[k] = at(first + k);
}

std::optional<std::pair<std::uint64_t, std::uint64_t>> InputSet::sweep_range() const {
  if (spec_.kind != InputSpec::Kind::slice || spec_.fixed.size() != 1) return std::nullopt;
  const std::uint64_t first = sweep_index(op_, slice_base_);
  return std::pair{first, first + size_};
}

namespace {

// Operand values of an arithmetic op's format f: zeros, subnormals, the normal binades at both
// ends and around 1 (where sums and products of p-bit significands round), each with the
// fractions 0, 1, half, all-ones and all-ones - 1; infinities and NaN payloads; both signs.
std::vector<std::uint32_t> edge_operands(const Format& f) {
  std::vector<std::uint32_t> v;
  const std::uint32_t top = f.exp_mask();
  const int p = f.frac_bits + 1;
  std::vector<std::uint32_t> exps{0, 1, 2, top - 2, top - 1};
  for (int e = f.bias - p - 2; e <= f.bias + p + 2; ++e)
    if (e > 0 && e < static_cast<int>(top)) exps.push_back(static_cast<std::uint32_t>(e));
  const auto m = static_cast<std::uint32_t>(f.frac_mask());  // 16-bit formats
  const auto q = static_cast<std::uint32_t>(f.quiet_bit());
  for (std::uint32_t sign : {0u, 1u}) {
    const std::uint32_t s = sign << (f.width() - 1);
    for (std::uint32_t e : exps)
      for (std::uint32_t fr : {0u, 1u, 2u, 3u, q, q + 1, m, m - 1})
        v.push_back(s | (e << f.frac_bits) | (fr & m));
    for (std::uint32_t fr : {0u, 1u, 2u, q, q + 1, m, m >> 1})
      v.push_back(s | (top << f.frac_bits) | fr);  // infinity, signaling and quiet NaNs
  }
  std::sort(v.begin(), v.end());
  v.erase(std::unique(v.begin(), v.end()), v.end());
  return v;
}

}  // namespace

std::vector<Word> edge_inputs(Op op) {
  const Format& src = *info(op).src;
  const Format& dst = *info(op).dst;
  std::vector<Word> v;
  if (is_arithmetic(op) && arity(op) == 2) {  // every pair of edge operands
    const std::vector<std::uint32_t> x = edge_operands(src);
    for (std::uint32_t a : x)
      for (std::uint32_t b : x) v.push_back((Word{a} << src.container_bits) | b);
    return v;
  }
  if (arity(op) == 3) {  // every triple of corner operands, then 2^16 hard cases
    const std::vector<std::uint32_t> x = mul_add_corner_operands(src);
    const int bits = src.container_bits;
    for (std::uint32_t a : x)
      for (std::uint32_t b : x)
        for (std::uint32_t c : x) v.push_back((Word{a} << 2 * bits) | (Word{b} << bits) | c);
    for (std::uint64_t i = 0; i < kEdgeHardCases; ++i) v.push_back(mul_add_hard_case(op, 1, i));
    return v;
  }
  if (input_bits(op) <= 16) {
    for (std::uint32_t x = 0; x < (1u << src.width()); ++x) v.push_back(x);
    return v;
  }
  if (is_binary64_source(op)) return f64_edge_inputs(op);
  // binary32 source. For each exponent field E, k is how many low significand bits the
  // destination drops there (more where the destination is subnormal):
  //   significand  1.fffffffffff|ddddddddddddd   (k = 13 for binary16 normals)
  //                      kept   ^ dropped: half = 1 << (k - 1)
  const std::uint32_t fmask = 0x7FFFFF;
  for (std::uint32_t sign : {0u, 1u}) {
    for (std::uint32_t e = 0; e < 255; ++e) {
      const int unbiased = static_cast<int>(e == 0 ? 1 : e) - 127;
      const int k = std::clamp(23 - dst.frac_bits + std::max(0, dst.emin() - unbiased), 0, 24);
      std::vector<std::uint32_t> fr{0, 1, 2, 3, fmask, fmask - 1, 0x400000, 0x400001, 0x3FFFFF};
      if (k >= 1 && k <= 23) {
        const std::uint32_t half = 1u << (k - 1);
        const std::uint32_t low = (1u << k) - 1;
        const std::uint32_t above = fmask & ~low;
        const std::uint32_t lsb = k < 23 ? (1u << k) : 0;
        for (std::uint32_t base : {0u, lsb, above & ~lsb, above})
          for (std::uint32_t d : {0u, half, half - 1, half + 1, low})
            fr.push_back((base | d) & fmask);
      }
      for (std::uint32_t f : fr) v.push_back((sign << 31) | (e << 23) | f);
    }
    // Infinity and NaN payloads: quiet/signaling, the bits the destination keeps and drops.
    for (std::uint32_t f : {0u, 1u, 0x400000u, 0x400001u, 0x7FFFFFu, 0x3FFFFFu, 0x200000u,
                            0x600000u, 0x002000u, 0x001000u, 0x155555u, 0x2AAAAAu, 0x010000u,
                            0x008000u, 0x100000u})
      v.push_back((sign << 31) | (0xFFu << 23) | f);
  }
  std::sort(v.begin(), v.end());
  v.erase(std::unique(v.begin(), v.end()), v.end());
  return v;
}

}  // namespace fpconform
