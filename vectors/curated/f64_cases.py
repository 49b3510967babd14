#!/usr/bin/env python3
"""The curated files of the binary64 sources (f64_to_*.txt): inputs chosen by hand, results
computed here with exact rational arithmetic (fractions.Fraction), sharing no code with the C++
oracle that the files check. Run from the repository root: vectors/curated/f64_cases.py"""
import struct
from fractions import Fraction as Q

# name: (exp_bits, frac_bits, bias, specials, saturating); specials ieee | fn | fnuz | none
FORMATS = {
    "f32": (8, 23, 127, "ieee", False), "f16": (5, 10, 15, "ieee", False),
    "bf16": (8, 7, 127, "ieee", False), "e4m3": (4, 3, 7, "fn", False),
    "e4m3_sat": (4, 3, 7, "fn", True), "e5m2": (5, 2, 15, "ieee", False),
    "e5m2_sat": (5, 2, 15, "ieee", True), "e4m3fnuz": (4, 3, 8, "fnuz", False),
    "e5m2fnuz": (5, 2, 16, "fnuz", False), "e3m2": (3, 2, 3, "none", True),
    "e2m3": (2, 3, 1, "none", True), "e2m1": (2, 1, 1, "none", True),
}
CONTAINER = {"f32": 8, "f16": 4, "bf16": 4}  # hex digits; the 8-bit formats 2
INEXACT, UNDERFLOW, OVERFLOW, INVALID = 0x01, 0x02, 0x04, 0x10
MODES = ["rne", "rtz", "rdn", "rup", "rna"]


class Fmt:
    def __init__(self, name):
        self.e, self.f, self.bias, self.sp, self.sat = FORMATS[name]
        self.digits = CONTAINER.get(name, 2)
        self.emin = 1 - self.bias
        top = (1 << self.e) - 1
        self.max_exp = top - 1 if self.sp == "ieee" else top
        self.max_frac = (1 << self.f) - 2 if self.sp == "fn" else (1 << self.f) - 1
        self.max = (1 + Q(self.max_frac, 1 << self.f)) * Q(2) ** (self.max_exp - self.bias)

    def pack(self, s, e, m):
        return (s << (self.e + self.f)) | (e << self.f) | m

    def nan(self, s, payload52, signaling):
        flags = INVALID if signaling else 0
        if self.sp == "fn": return self.pack(s, (1 << self.e) - 1, (1 << self.f) - 1), flags
        if self.sp == "fnuz": return self.pack(1, 0, 0), flags
        if self.sp == "none": return self.pack(0, self.max_exp, self.max_frac), INVALID
        return self.pack(s, (1 << self.e) - 1, (payload52 >> (52 - self.f)) | (1 << (self.f - 1))), flags

    def maxf(self, s): return self.pack(s, self.max_exp, self.max_frac)

    def infinity(self, s):
        if self.sat or self.sp == "none": return self.maxf(s), 0
        if self.sp == "fn": return self.pack(s, (1 << self.e) - 1, (1 << self.f) - 1), INVALID
        if self.sp == "fnuz": return self.pack(1, 0, 0), INVALID
        return self.pack(s, (1 << self.e) - 1, 0), 0

    def zero(self, s): return self.pack(0 if self.sp == "fnuz" else s, 0, 0)


def convert(bits, name, mode):
    d = Fmt(name)
    s, e, m = bits >> 63, (bits >> 52) & 0x7FF, bits & ((1 << 52) - 1)
    if e == 0x7FF:
        return d.nan(s, m, m >> 51 == 0) if m else d.infinity(s)
    if e == 0 and m == 0: return d.zero(s), 0
    x = Q(m if e == 0 else m | (1 << 52)) * Q(2) ** ((e if e else 1) - 1075)
    # The directed modes on the magnitude: away from zero when the mode points to the sign's side.
    away = (mode == "rup" and not s) or (mode == "rdn" and s)
    mag_mode = "rne" if mode == "rne" else "rna" if mode == "rna" else "away" if away else "rtz"

    def rnd(q):
        n, rem = divmod(x, q)
        n = int(n)
        if rem == 0: return n, True
        up = {"rne": rem > q / 2 or (rem == q / 2 and n % 2 == 1), "rna": rem >= q / 2,
              "rtz": False, "away": True}[mag_mode]
        return n + up, False

    top = x.numerator.bit_length() - x.denominator.bit_length()
    if Q(2) ** top > x: top -= 1
    if Q(2) ** (top + 1) <= x: top += 1
    n, exact = rnd(Q(2) ** (top - d.f))  # unbounded exponent range
    unbounded = n * Q(2) ** (top - d.f)
    if unbounded > d.max:
        to_inf = mag_mode in ("rne", "rna", "away")
        flags = OVERFLOW | INEXACT
        if d.sat or d.sp == "none" or not to_inf: return d.maxf(s), flags
        if d.sp == "fn": return d.pack(s, (1 << d.e) - 1, (1 << d.f) - 1), flags
        if d.sp == "fnuz": return d.pack(1, 0, 0), flags
        return d.pack(s, (1 << d.e) - 1, 0), flags
    q = Q(2) ** (max(top, d.emin) - d.f)
    n, exact = rnd(q)
    v = n * q
    flags = 0 if exact else INEXACT
    if not exact and unbounded < Q(2) ** d.emin: flags |= UNDERFLOW  # tininess after rounding
    if v == 0: return d.zero(s), flags
    if v < Q(2) ** d.emin: return d.pack(s, 0, int(v / Q(2) ** (d.emin - d.f))), flags
    ve = v.numerator.bit_length() - v.denominator.bit_length()
    if Q(2) ** ve > v: ve -= 1
    return d.pack(s, ve + d.bias, int(v / Q(2) ** (ve - d.f)) - (1 << d.f)), flags


def f64(x):  # a Fraction or float that binary64 holds exactly, to its bits
    b = struct.unpack("<Q", struct.pack("<d", float(x)))[0]
    assert Q(float(x)) == Q(x), x
    return b


def cases(name):
    d = Fmt(name)
    ulp1 = Q(1, 1 << d.f)
    minsub = Q(2) ** (d.emin - d.f)
    minnorm = Q(2) ** d.emin
    top_ulp = Q(2) ** (d.max_exp - d.bias - d.f)
    c = [
        ("rne", f64(0), "+0"), ("rne", f64(-0.0) , "-0"), ("rtz", f64(1), "1: exact"),
        ("rne", f64(1 + ulp1 / 2), "1 + half an ulp: a tie, to even 1"),
        ("rna", f64(1 + ulp1 / 2), "the same tie away from zero: 1 + ulp"),
        ("rne", f64(1 + 3 * ulp1 / 2), "1 + 1.5 ulp: a tie between odd and even, to 1 + 2 ulp"),
        ("rne", f64(1 + ulp1 / 2 + Q(2) ** -44),
         "just above the tie at 1 (by 2^-44): up" if name == "f32" else
         "just above the tie at 1 (by 2^-44, below binary32's half ulp): up; through binary32 the tie, to even 1"),
        ("rne", f64(-(1 + ulp1 / 2 + Q(2) ** -44)), "the same, negative: -(1 + ulp)"),
        ("rne", f64(1 + ulp1 / 2 - Q(2) ** -45), "just below the tie: 1"),
        ("rtz", f64(1 + ulp1 - Q(2) ** -45), "just below 1 + ulp, toward zero: 1"),
        ("rup", f64(1 + Q(2) ** -45), "just above 1 toward +inf: 1 + ulp"),
        ("rdn", f64(-(1 + Q(2) ** -45)), "just below -1 toward -inf: -(1 + ulp)"),
        ("rup", f64(-(1 + Q(2) ** -45)), "just below -1 toward +inf: -1"),
        ("rne", f64(d.max), "the largest finite, exact"),
        ("rne", f64(d.max + top_ulp / 2), "the largest + half an ulp: a tie, to even, past the largest: overflow"),
        ("rtz", f64(d.max + top_ulp / 2), "the same toward zero: the largest"),
        ("rne", f64(d.max * 4), "4 x the largest: overflow"),
        ("rdn", f64(d.max * 4), "4 x the largest toward -inf: the largest"),
        ("rdn", f64(-d.max * 4), "-4 x the largest toward -inf: overflow"),
        ("rne", f64(minsub), "the smallest subnormal, exact"),
        ("rne", f64(minsub / 2), "half the smallest subnormal: a tie with 0, to even 0"),
        ("rne", f64(minsub / 2 + minsub * Q(2) ** -30),
         "just above half the smallest subnormal: the smallest subnormal" + ("" if name == "f32" else " (through binary32 a tie and 0)")),
        ("rup", f64(minsub / 4), "a quarter of the smallest subnormal toward +inf: the smallest subnormal"),
        ("rne", f64(3 * minsub / 2), "1.5 x the smallest subnormal: a tie, to even 2 x"),
        ("rne", f64(minnorm * (1 - Q(2) ** -(d.f + 2))),
         "just below the smallest normal, rounds up to it: tiny before rounding, not after"),
        ("rne", 0x0000000000000001, "binary64's smallest subnormal, far below half the smallest subnormal: 0, tiny and inexact"),
        ("rup", 0x0000000000000001, "binary64's smallest subnormal toward +inf: the smallest subnormal"),
        ("rne", 0x7FF0000000000000, "+infinity"), ("rdn", 0xFFF0000000000000, "-infinity"),
        ("rne", 0x7FF8000000000000, "quiet NaN"), ("rne", 0xFFF8000000000001, "negative quiet NaN, payload 1"),
        ("rne", 0x7FF0000000000001, "signaling NaN, payload 1: quieted, invalid"),
        ("rne", 0x7FF4000000000000, "signaling NaN, payload's second bit"),
        ("rne", f64(Q(2) ** 1000), "2^1000: overflow"),
    ]
    return c


def main():
    for name in FORMATS:
        op = "f64_to_" + name
        d = Fmt(name)
        lines = [f"# binary64 -> {name}: inputs chosen by hand; results computed by vectors/curated/f64_cases.py",
                 "# with exact fractions (no code shared with the C++ oracle). One rounding from binary64's 53 bits;",
                 "# the comments say what each case is. Flags: 01 inexact, 02 underflow (tiny after rounding AND",
                 "# inexact), 04 overflow, 10 invalid.", ""]
        for mode, bits, why in cases(name):
            r, flags = convert(bits, name, mode)
            lines.append(f"{op} {mode} {bits:016X} {r:0{d.digits}X} {flags:02X}  # {why}")
        with open(f"vectors/curated/{op}.txt", "w") as out:
            out.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
