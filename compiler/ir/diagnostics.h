// Diagnostics as values: severity, location, message and notes; rendered like a C compiler
// (`file:line:col: error: message`, the source line, a caret under the column).
#pragma once

#include <string>
#include <vector>

#include "compiler/ir/source.h"

namespace tt {

enum class Severity { Error, Warning, Note };
const char* severity_name(Severity severity);

// Whose problem a diagnostic is. Frontend: the file is not readable as TileLang (a Python or
// TileLang mistake). Unsupported: valid TileLang that the Tenstorrent backend does not lower (yet);
// the message names the op or feature. Target: the kernel does not fit the device (L1, tiles,
// grid, dtypes). Internal: a compiler bug, never the user's fault.
enum class DiagnosticCategory { Frontend, Unsupported, Target, Internal };
const char* category_name(DiagnosticCategory category);

struct Diagnostic {
  Severity severity = Severity::Error;
  SourceSpan span;  // invalid span: a diagnostic about the whole run (e.g. a missing file)
  std::string message;
  std::vector<Diagnostic> notes;
  std::string pass;  // pass that produced it; empty for the front end
  // A pass never reads Python, so run_pipeline turns a pass diagnostic left at Frontend into Target.
  DiagnosticCategory category = DiagnosticCategory::Frontend;
};

// An ordered list of diagnostics produced by one compile. Passes append; nobody throws.
class DiagnosticList {
 public:
  Diagnostic& error(SourceSpan span, std::string message);
  Diagnostic& warning(SourceSpan span, std::string message);
  void add(Diagnostic diagnostic) { items_.push_back(std::move(diagnostic)); }
  void append(const DiagnosticList& other);

  bool has_errors() const;
  size_t error_count() const;
  bool empty() const { return items_.empty(); }
  size_t size() const { return items_.size(); }
  const std::vector<Diagnostic>& items() const { return items_; }
  std::vector<Diagnostic>::const_iterator begin() const { return items_.begin(); }
  std::vector<Diagnostic>::const_iterator end() const { return items_.end(); }

 private:
  std::vector<Diagnostic> items_;
};

// `path:line:col: error: [category] message` + quoted line + caret (+ notes); one trailing
// newline. Errors and warnings show their category; notes do not.
std::string render_diagnostic(const Diagnostic& diagnostic, const SourceFile& file);
std::string render_diagnostics(const DiagnosticList& list, const SourceFile& file);
// Just the first line, `path:line:col: error: message` (what tests compare exactly);
// `with_category`: `path:line:col: error: [category] message`, as rendered.
std::string diagnostic_headline(const Diagnostic& diagnostic, const std::string& path, bool with_category = false);

}  // namespace tt
