// Deterministic, readable JSON text for generated artifacts (tt.plan.json, provenance.json): 2-space
// indent, keys in insertion order, and values that fit kept on one line.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

namespace tt::codegen {

// An array or object is printed on one line when that line (with its indentation and key) fits in
// `inline_width` characters, else with one member per line. Ends with a newline.
std::string format_json(const nlohmann::ordered_json& value, size_t inline_width = 100);

}  // namespace tt::codegen
