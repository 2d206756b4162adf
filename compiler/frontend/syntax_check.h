// Finds the first syntax problem of a parsed file, worded like Python's own errors: bad bytes,
// ERROR/MISSING nodes, unbalanced brackets, and the indentation errors tree-sitter tolerates.
#pragma once

#include <optional>

#include "compiler/frontend/python_parser.h"

namespace tt::frontend {

// The earliest problem in the file, or nullopt when Python would accept its syntax.
std::optional<Diagnostic> check_syntax(const ParsedFile& file);

}  // namespace tt::frontend
