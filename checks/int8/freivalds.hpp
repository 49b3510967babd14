// Freivalds' check: which rows of an int32 C differ from A B, in O(mk + kn + mn) per random vector
// instead of the product's O(mnk). Arithmetic is modulo the Mersenne prime p = 2^61 - 1.
//
// With D = C - A B: row i is flagged when (A (B r))_i != (C r)_i (mod p), i.e. (D r)_i != 0, so a
// flagged row certainly differs. |D's entries| <= 2^31 + k 32640 < 2^47 < p (k is an int), so a
// non-zero row d of D is non-zero mod p, and d r = 0 (mod p) has probability exactly 1/p for r
// uniform in Z_p^n (fix every r_j but one where d_j != 0: one value of that r_j in p solves it).
// With v independent vectors a wrong row escapes with probability p^-v; a wrong C passes only
// if every wrong row escapes, so no union bound over rows is needed for that.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "fpconform/int8.hpp"

namespace fpconform {

// The rows of C (ascending) flagged by any of `vectors` vectors drawn uniformly from Z_p^n by a
// generator seeded with `seed`. a: m x k (a_type), b: k x n, c: m x n; all row-major.
std::vector<int> freivalds_rows(GemmShape shape, IntType a_type, const void* a, const std::int8_t* b,
                                const std::int32_t* c, std::uint64_t seed, int vectors);

// What `vectors` vectors promise, for a report: "a wrong C passes with probability < 2^-60.99"
// (1 vector: 1/(2^61 - 1)), "< 2^-121" (2 vectors), ...
std::string freivalds_bound(int vectors);

}  // namespace fpconform
