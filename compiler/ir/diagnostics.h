// Diagnostics as values: severity, location, message and notes; rendered like a C compiler
// (`file:line:col: error: message`, the source line, a caret under the column).
#pragma once

#include <string>
#include <vector>

#include "compiler/ir/source.h"

namespace tt {

enum class Severity { Error, Warning, Note };
const char* severity_name(Severity severity);

struct Diagnostic {
  Severity severity = Severity::Error;
  SourceSpan span;  // invalid span: a diagnostic about the whole run (e.g. a missing file)
  std::string message;
  std::vector<Diagnostic> notes;
  std::string pass;  // pass that produced it; empty for the front end
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

// `path:line:col: error: message` + quoted line + caret (+ notes); one trailing newline.
std::string render_diagnostic(const Diagnostic& diagnostic, const SourceFile& file);
std::string render_diagnostics(const DiagnosticList& list, const SourceFile& file);
// Just the first line, `path:line:col: error: message` (what tests compare exactly).
std::string diagnostic_headline(const Diagnostic& diagnostic, const std::string& path);

}  // namespace tt
