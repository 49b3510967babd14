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
  enum class Kind : std::uint8_t { exhaustive, edge, random, values, hard, slice, edge_random };
  Kind kind = Kind::exhaustive;
  std::uint64_t count = 0;             // random, hard, edge_random: how many random ones
  std::uint64_t seed = 1;              // random, hard, edge_random: generator seed
  std::vector<std::uint64_t> values;   // values: the operands themselves (a reproduced case)
  // slice (mulAdd): the fixed operands, 'a', 'b' or 'c' with its container; the others run
  // through every value. c fixed: all 2^32 (a, b); a and b fixed: all 2^16 c.
  std::vector<std::pair<char, std::uint32_t>> fixed;

  // "exhaustive", "edge", "random:N", "random:N:SEED", "value:HEX[,HEX...]" (source
  // containers in hex, 0x optional), "edge+random:N[:SEED]" (the edge table, then N random),
  // "hard:N[:SEED]" (mulAdd's hard cases,
  // vectors/mul_add_cases.hpp) or "slice:c=HEX" / "slice:a=HEX,b=HEX"; nullopt when malformed.
  static std::optional<InputSpec> parse(std::string_view s);
  std::string label() const;  // the canonical text form, as parse() reads it
};

// 8- and 16-bit sources are always swept exhaustively unless single values are asked for
// (DESIGN.md, Inputs). A binary64 source cannot be: "exhaustive" gives it edge+random:2^20
// (kBinary64Random), which its runs say.
InputSpec effective_spec(Op op, const InputSpec& spec);
inline constexpr std::uint64_t kBinary64Random = std::uint64_t{1} << 20;

class InputSet {
 public:
  InputSet(Op op, const InputSpec& spec);
  Op op() const { return op_; }
  const InputSpec& spec() const { return spec_; }  // the effective spec
  std::uint64_t size() const { return size_; }
  Word at(std::uint64_t i) const;
  void fill(std::uint64_t first, std::span<Word> out) const;
  // A slice of c: the sweep's index range of it (operation.hpp, sweep_word); else nullopt.
  std::optional<std::pair<std::uint64_t, std::uint64_t>> sweep_range() const;

 private:
  Word random_word(std::uint64_t i) const;  // the i-th of random:N:SEED

  Op op_;
  InputSpec spec_;
  std::uint64_t size_;
  std::vector<Word> table_;  // edge, values: the precomputed list
  Word slice_base_ = 0;      // slice: the fixed operands in place
};

// The edge-case list for a binary32 source converted to op's destination: for every exponent
// and both signs, fractions at and around the destination's rounding point (ties, half-ulp +-1,
// odd/even kept bit), all-ones and one-bit fractions, and NaN payloads. A binary op: every pair
// of edge operands; mulAdd: every triple of its corner operands, then hard cases
// (mul_add_cases.hpp).
std::vector<Word> edge_inputs(Op op);

}  // namespace fpconform
