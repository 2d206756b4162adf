// Python literal syntax: integer literals (bases, underscores), float literals and the backslash
// escapes of string literals.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "compiler/ir/source.h"

namespace tt::frontend {

// Throws a FrontendError at `span` for malformed or out-of-range literals.
int64_t parse_int_literal(std::string_view text, SourceSpan span);
double parse_float_literal(std::string_view text, SourceSpan span);
// The value of a non-raw string literal's body (the text between the quotes).
std::string unescape_string(std::string_view body);

}  // namespace tt::frontend
