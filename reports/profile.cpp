#include "reports/profile.hpp"

#include <algorithm>
#include <array>

namespace fpconform {
namespace {

using K = DeviationKind;

constexpr std::array<Tolerance, 0> kStrict{};
constexpr std::array kIeee{
    Tolerance{K::nan_payload, "IEEE 754-2019 6.2.3: a NaN's payload should be preserved "
                              "(recommended practice, not a requirement)"},
};
constexpr std::array kFtz{
    kIeee[0],
    Tolerance{K::ftz, "non-IEEE flush-to-zero mode (CUDA -ftz, Arm FPCR.FZ/FZ16, x86 "
                      "MXCSR.FTZ): subnormal results become zero"},
    Tolerance{K::daz, "non-IEEE denormals-are-zero mode (x86 MXCSR.DAZ, Arm FPCR.FZ): "
                      "subnormal inputs read as zero"},
};
constexpr std::array kAnyNan{
    kFtz[0], kFtz[1], kFtz[2],
    Tolerance{K::nan_sign, "IEEE 754-2019 6.3: the sign of a NaN result is not interpreted"},
    Tolerance{K::nan_quiet, "accepting implementations that pass signaling NaNs through "
                            "unquieted (not IEEE 754-2019 6.2: only the NaN-ness is kept)"},
};

const std::array kProfiles{
    Profile{"strict", "every result bit for bit, every NaN's sign, quiet bit and payload", kStrict},
    Profile{"ieee", "IEEE 754-2019 requirements: payload preservation is only recommended", kIeee},
    Profile{"ftz", "ieee, plus flush-to-zero and denormals-are-zero modes", kFtz},
    Profile{"any-nan", "ftz, plus any NaN for a NaN (a NaN must stay a NaN)", kAnyNan},
};

}  // namespace

bool Profile::tolerates(DeviationKind k) const {
  return std::any_of(tolerated.begin(), tolerated.end(),
                     [k](const Tolerance& t) { return t.kind == k; });
}

std::span<const Profile> profiles() { return kProfiles; }

std::optional<Profile> parse_profile(std::string_view name) {
  for (const Profile& p : kProfiles)
    if (p.name == name) return p;
  return std::nullopt;
}

}  // namespace fpconform
