// -D NAME=VALUE: VALUE is read as a Python literal (int, float, str, bool, None, tuples of those,
// simple constant arithmetic); a bare word such as `bfloat16` is taken as a string.
#pragma once

#include <optional>
#include <string>

#include "compiler/frontend/value.h"

namespace tt::frontend {

// The value of a -D, or nullopt with `error` set.
std::optional<Value> parse_define_value(const std::string& text, std::string& error);

}  // namespace tt::frontend
