// The front end's internal error: thrown where a user error is found, caught per kernel in
// lower_source and turned into a Diagnostic. It never crosses the library boundary.
#pragma once

#include <string>

#include "compiler/ir/diagnostics.h"

namespace tt::frontend {

struct FrontendError {
  Diagnostic diagnostic;
};

[[noreturn]] inline void fail(SourceSpan span, std::string message) {
  throw FrontendError{Diagnostic{Severity::Error, span, std::move(message), {}, {}}};
}

}  // namespace tt::frontend
