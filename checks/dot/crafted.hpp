// Dot products written by hand, for the probes and the monotonicity pairs: products +-m * 2^e
// as two factors of the operand format, moved up by a power of two where FP8's range needs it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "checks/dot/probe.hpp"

namespace fpconform {

// m * 2^e in f, exactly (the callers keep m within f's precision and e within its range).
std::uint32_t enc(const Format& f, bool neg, std::uint64_t m, int e);

// Whether m * 2^e is a number of f, exactly (FP8's narrow range cannot hold every probe).
bool holds(const Format& f, std::uint64_t m, int e);

// A product +-m * 2^e as two normal factors: a = +-m * 2^e1, b = 2^e2, the leading exponents
// split about evenly; nothing where f cannot hold them.
std::optional<std::pair<std::uint32_t, std::uint32_t>> factors(const Format& f, bool neg, std::uint64_t m, int e);

// The crafted dot products are written about 1; FP8's are moved up by this power of two so that
// terms 2^-32 below it are still products of its numbers (E4M3's products reach 2^-18 to 2^17,
// E5M2's 2^-32 to 2^31). The 16-bit formats' and tf32's stay where they are.
int probe_scale(const Format& in);

struct CraftedProduct {
  bool neg;
  std::uint64_t m;
  int e;
};

// k elements: the products ps (then zeros), each moved up by probe_scale(f); c as given (the
// caller scales it). Invalid (no elements) where f cannot hold one.
DotCase crafted_case(const Format& f, const std::vector<CraftedProduct>& ps, std::uint32_t c, std::string what, int k);

}  // namespace fpconform
