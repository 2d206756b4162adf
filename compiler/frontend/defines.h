// -D NAME=VALUE: VALUE is read as a Python literal (int, float, str, bool, None, tuples of those,
// simple constant arithmetic); a bare word such as `bfloat16` is taken as a string.
#pragma once

#include <optional>
#include <string>

#include "compiler/frontend/value.h"
#include "compiler/ir/diagnostics.h"

namespace tt::frontend {

// The value of a -D, or nullopt with `error` set.
std::optional<Value> parse_define_value(const std::string& text, std::string& error);

// `error`, caused by `-D NAME=VALUE` (`spelled` is "NAME=VALUE"), reported on the command line:
// "-D NAME=VALUE: <message>" with no source location, and first a note at the source location that
// failed. The front end and the pass pipeline blame a -D the same way.
Diagnostic blamed_on_define(const Diagnostic& error, const std::string& name, const std::string& spelled);

}  // namespace tt::frontend
