// -D NAME=VALUE: VALUE is read as a Python literal (int, float, str, bool, None, tuples of those,
// simple constant arithmetic); a bare word such as `bfloat16` is taken as a string.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "compiler/frontend/value.h"
#include "compiler/ir/diagnostics.h"

namespace tt::frontend {

// The value of a -D, or nullopt with `error` set.
std::optional<Value> parse_define_value(const std::string& text, std::string& error);

// `error`, caused by `-D NAME=VALUE` (`spelled` is "NAME=VALUE"), reported on the command line:
// "-D NAME=VALUE: <message>" with no source location, and first a note at the source location that
// failed. The front end and the pass pipeline blame a -D the same way.
Diagnostic blamed_on_define(const Diagnostic& error, const std::string& name, const std::string& spelled);

// The whole identifiers on the source lines of `error` and of its notes.
std::set<std::string> identifiers_read(const SourceFile& source, const Diagnostic& error);

// The order in which to try the -Ds (`defines`, NAME -> VALUE) as the cause of `error`: first those the failing
// source lines read (a NAME that is a whole identifier on the line of the error or of one of its notes), then
// the others, each group in the command line's (sorted) order. The culprit is usually on the line, so a blame
// that recompiles without each candidate in turn stops after one compile instead of one per -D.
std::vector<std::string> blame_order(const SourceFile& source, const Diagnostic& error,
                                     const std::map<std::string, std::string>& defines);

}  // namespace tt::frontend
