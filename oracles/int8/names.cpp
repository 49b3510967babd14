#include "fpconform/int8.hpp"

namespace fpconform {

std::string format_shape(GemmShape s) {
  return std::to_string(s.m) + "x" + std::to_string(s.k) + ":" + std::to_string(s.k) + "x" +
         std::to_string(s.n);
}

std::string_view name(IntType t) { return t == IntType::s8 ? "s8" : "u8"; }

std::string_view name(QRounding r) {
  switch (r) {
    case QRounding::rne: return "rne";
    case QRounding::rna: return "rna";
    case QRounding::half_up: return "half-up";
  }
  return "?";
}

std::string_view name(RequantModel m) {
  switch (m) {
    case RequantModel::fp32: return "fp32";
    case RequantModel::gemmlowp: return "gemmlowp";
    case RequantModel::rndnu: return "rndnu";
  }
  return "?";
}

std::string_view name(GemmModel m) {
  switch (m) {
    case GemmModel::exact: return "exact";
    case GemmModel::maddubs_sign: return "maddubs-sign";
    case GemmModel::maddubs_shift: return "maddubs-shift";
    case GemmModel::smlal_pair_wrap: return "smlal-pair-wrap";
  }
  return "?";
}

std::optional<IntType> parse_int_type(std::string_view s) {
  if (s == "s8" || s == "int8") return IntType::s8;
  if (s == "u8" || s == "uint8") return IntType::u8;
  return std::nullopt;
}

std::optional<QRounding> parse_qrounding(std::string_view s) {
  if (s == "rne") return QRounding::rne;
  if (s == "rna") return QRounding::rna;
  if (s == "half-up") return QRounding::half_up;
  return std::nullopt;
}

std::optional<RequantModel> parse_requant_model(std::string_view s) {
  if (s == "fp32") return RequantModel::fp32;
  if (s == "gemmlowp") return RequantModel::gemmlowp;
  if (s == "rndnu") return RequantModel::rndnu;
  return std::nullopt;
}

}  // namespace fpconform
