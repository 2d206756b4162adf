// The front end's internal error: thrown where a user error is found, caught per kernel in
// lower_source and turned into a Diagnostic. It never crosses the library boundary.
#pragma once

#include <string>

#include "compiler/ir/diagnostics.h"

namespace tt::frontend {

struct FrontendError {
  Diagnostic diagnostic;
};

// `category`: Frontend unless the input is valid TileLang that the backend cannot take
// (Unsupported: the message names the op or feature) or a size that does not fit (Target).
[[noreturn]] inline void fail(SourceSpan span, std::string message,
                              DiagnosticCategory category = DiagnosticCategory::Frontend) {
  Diagnostic d{Severity::Error, span, std::move(message), {}, {}};
  d.category = category;
  throw FrontendError{std::move(d)};
}

}  // namespace tt::frontend
