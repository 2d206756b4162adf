// Data type names and sizes.
#include "compiler/ir/dtype.h"

#include <array>
#include <utility>

#include "compiler/ir/dtype_spellings.h"

namespace tt {

namespace {
constexpr std::array<std::pair<std::string_view, DataType>, 17> kNames{{
    {"float16", DataType::Float16},
    {"half", DataType::Float16},
    {"bfloat16", DataType::BFloat16},
    {"float32", DataType::Float32},
    {"float", DataType::Float32},
    {"int8", DataType::Int8},
    {"uint8", DataType::UInt8},
    {"int16", DataType::Int16},
    {"uint16", DataType::UInt16},
    {"int32", DataType::Int32},
    {"int", DataType::Int32},
    {"uint32", DataType::UInt32},
    {"bool", DataType::Bool},
    {"bfp8_b", DataType::Bfp8B},
    {"bfp4_b", DataType::Bfp4B},
    {"fp16", DataType::Float16},
    {"bf16", DataType::BFloat16},
}};
}  // namespace

std::optional<DataType> parse_dtype(std::string_view name) {
  for (const auto& [spelling, dtype] : kNames) {
    if (spelling == name) return dtype;
  }
  return std::nullopt;
}

std::vector<std::string> dtype_spellings() {
  std::vector<std::string> names;
  for (const auto& entry : kNames) {
    // Block floats parse (to be refused with a reason: frontend/tile_op_lowering.cpp) but are not offered.
    if (entry.second == DataType::Bfp8B || entry.second == DataType::Bfp4B) continue;
    if (dtype_name(entry.second) == entry.first) names.emplace_back(entry.first);
  }
  return names;
}

const char* dtype_name(DataType dtype) {
  switch (dtype) {
    case DataType::Float16:
      return "float16";
    case DataType::BFloat16:
      return "bfloat16";
    case DataType::Float32:
      return "float32";
    case DataType::Int8:
      return "int8";
    case DataType::UInt8:
      return "uint8";
    case DataType::Int16:
      return "int16";
    case DataType::UInt16:
      return "uint16";
    case DataType::Int32:
      return "int32";
    case DataType::UInt32:
      return "uint32";
    case DataType::Bool:
      return "bool";
    case DataType::Bfp8B:
      return "bfp8_b";
    case DataType::Bfp4B:
      return "bfp4_b";
  }
  return "?";
}

int dtype_bits(DataType dtype) {
  switch (dtype) {
    case DataType::Float16:
    case DataType::BFloat16:
    case DataType::Int16:
    case DataType::UInt16:
      return 16;
    case DataType::Float32:
    case DataType::Int32:
    case DataType::UInt32:
      return 32;
    case DataType::Int8:
    case DataType::UInt8:
    case DataType::Bool:
    case DataType::Bfp8B:
      return 8;
    case DataType::Bfp4B:
      return 4;
  }
  return 0;
}

bool dtype_is_float(DataType dtype) {
  return dtype == DataType::Float16 || dtype == DataType::BFloat16 || dtype == DataType::Float32 ||
         dtype == DataType::Bfp8B || dtype == DataType::Bfp4B;
}

}  // namespace tt
