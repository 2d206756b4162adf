// TEMPORARY: replaced by the Tree-sitter front end.
#include "compiler/frontend/frontend.h"
namespace tt::frontend {
std::vector<ir::Module> lower_source(const SourceFile&, const FrontendOptions&, DiagnosticList& diags) {
  diags.error({}, "front end not implemented yet");
  return {};
}
}  // namespace tt::frontend
