// Deterministic, readable JSON text for generated artifacts (tt.plan.json, provenance.json): 2-space
// indent, keys in insertion order, and values that fit kept on one line.
#pragma once

#include <nlohmann/json.hpp>
#include <cstdint>
#include <string>

namespace tt::codegen {

// A JSON array whose elements are given as text, one single-line JSON value per line: for large,
// regular arrays (a plan's per-block work items) that would cost a JSON node per element; its elements
// always stay on their own single line, whatever the width. Stored as
// a nlohmann binary value with subtype kRawArraySubtype; format_json prints it as the array it
// stands for, under the same one-line-or-one-per-line rule as any array. It has no other meaning:
// dump() of a value holding one is not JSON, so such values are for format_json only.
inline constexpr std::uint8_t kRawArraySubtype = 0x4a;
nlohmann::ordered_json raw_json_array(std::string elements_text);

// An array or object is printed on one line when that line (with its indentation and key) fits in
// `inline_width` characters, else with one member per line. Ends with a newline.
std::string format_json(const nlohmann::ordered_json& value, size_t inline_width = 100);

}  // namespace tt::codegen
