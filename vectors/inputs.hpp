// Input sets, indexable: the i-th input of a set is a pure function of (op, spec, i), so any
// thread, process or shard can compute any block of it.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "fpconform/operation.hpp"

namespace fpconform {

struct InputSpec {
  enum class Kind : std::uint8_t { exhaustive, edge, random, values };
  Kind kind = Kind::exhaustive;
  std::uint64_t count = 0;             // random: how many
  std::uint64_t seed = 1;              // random: generator seed
  std::vector<std::uint32_t> values;   // values: the inputs themselves (a reproduced case)

  // "exhaustive", "edge", "random:N", "random:N:SEED" or "value:HEX[,HEX...]" (source
  // containers in hex, 0x optional); nullopt when malformed.
  static std::optional<InputSpec> parse(std::string_view s);
  std::string label() const;  // the canonical text form, as parse() reads it
};

// 8- and 16-bit sources are always swept exhaustively unless single values are asked for
// (DESIGN.md, Inputs).
InputSpec effective_spec(Op op, const InputSpec& spec);

class InputSet {
 public:
  InputSet(Op op, const InputSpec& spec);
  Op op() const { return op_; }
  const InputSpec& spec() const { return spec_; }  // the effective spec
  std::uint64_t size() const { return size_; }
  std::uint32_t at(std::uint64_t i) const;
  void fill(std::uint64_t first, std::span<std::uint32_t> out) const;

 private:
  Op op_;
  InputSpec spec_;
  std::uint64_t size_;
  std::vector<std::uint32_t> table_;  // edge: the precomputed list
};

// The edge-case list for a binary32 source converted to op's destination: for every exponent
// and both signs, fractions at and around the destination's rounding point (ties, half-ulp +-1,
// odd/even kept bit), all-ones and one-bit fractions, and NaN payloads.
std::vector<std::uint32_t> edge_inputs(Op op);

}  // namespace fpconform
