// Rendering of diagnostics with the offending source line and a caret underline.
#include "compiler/ir/diagnostics.h"

#include <algorithm>

namespace tt {

const char* severity_name(Severity severity) {
  switch (severity) {
    case Severity::Error: return "error";
    case Severity::Warning: return "warning";
    case Severity::Note: return "note";
  }
  return "error";
}

const char* category_name(DiagnosticCategory category) {
  switch (category) {
    case DiagnosticCategory::Frontend: return "frontend";
    case DiagnosticCategory::Unsupported: return "unsupported";
    case DiagnosticCategory::Target: return "target";
    case DiagnosticCategory::Internal: return "internal";
  }
  return "internal";
}

Diagnostic& DiagnosticList::error(SourceSpan span, std::string message) {
  items_.push_back(Diagnostic{Severity::Error, span, std::move(message), {}, {}});
  return items_.back();
}

Diagnostic& DiagnosticList::warning(SourceSpan span, std::string message) {
  items_.push_back(Diagnostic{Severity::Warning, span, std::move(message), {}, {}});
  return items_.back();
}

void DiagnosticList::append(const DiagnosticList& other) {
  items_.insert(items_.end(), other.items_.begin(), other.items_.end());
}

bool DiagnosticList::has_errors() const { return error_count() != 0; }

size_t DiagnosticList::error_count() const {
  return static_cast<size_t>(std::count_if(items_.begin(), items_.end(),
                                           [](const Diagnostic& d) { return d.severity == Severity::Error; }));
}

std::string diagnostic_headline(const Diagnostic& diagnostic, const std::string& path, bool with_category) {
  std::string out = path;
  if (diagnostic.span.valid()) {
    out += ":" + std::to_string(diagnostic.span.begin.line) + ":" + std::to_string(diagnostic.span.begin.col);
  }
  out += ": ";
  out += severity_name(diagnostic.severity);
  out += ": ";
  if (with_category && diagnostic.severity != Severity::Note) {
    out += "[";
    out += category_name(diagnostic.category);
    out += "] ";
  }
  out += diagnostic.message;
  return out;
}

static void render_one(const Diagnostic& d, const SourceFile& file, std::string& out) {
  out += diagnostic_headline(d, file.path(), true);
  out += '\n';
  if (!d.span.valid()) return;
  std::string_view line = file.line(d.span.begin.line);
  if (line.empty() && d.span.begin.line > file.line_count()) return;
  // Columns count bytes (like clang). Tabs are kept in the underline so the caret lines up in a
  // terminal, and a multi-byte UTF-8 character takes one cell, not one per byte.
  auto continuation = [](char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; };
  std::string quoted = "  ";
  std::string caret = "  ";
  uint32_t col = d.span.begin.col;
  for (uint32_t i = 0; i < line.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(line[i]);
    quoted += (c < 0x20 && c != '\t') ? ' ' : static_cast<char>(c);
    if (i + 1 < col && !continuation(line[i])) caret += line[i] == '\t' ? '\t' : ' ';
  }
  uint32_t end_col = d.span.end.line == d.span.begin.line && d.span.end.col > col ? d.span.end.col : col + 1;
  end_col = std::min<uint32_t>(end_col, static_cast<uint32_t>(line.size() + 1 > col ? line.size() + 1 : col + 1));
  uint32_t underline = 0;
  for (uint32_t i = col - 1; i + 1 < end_col && i < line.size(); ++i) underline += !continuation(line[i]);
  underline = std::max<uint32_t>(underline, 1);
  caret += '^';
  for (uint32_t i = 1; i < underline; ++i) caret += '~';
  out += quoted + '\n' + caret + '\n';
}

std::string render_diagnostic(const Diagnostic& diagnostic, const SourceFile& file) {
  std::string out;
  render_one(diagnostic, file, out);
  for (const Diagnostic& note : diagnostic.notes) render_one(note, file, out);
  return out;
}

std::string render_diagnostics(const DiagnosticList& list, const SourceFile& file) {
  std::string out;
  for (const Diagnostic& d : list) out += render_diagnostic(d, file);
  return out;
}

}  // namespace tt
