// libFuzzer target: the input bytes are a TileLang Python file, compiled through the engine's public
// entry point (front end, the whole pipeline, codegen) and rendered as diagnostics. Any crash,
// sanitizer report, leak or hang is a finding; every outcome must be modules or located errors.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "compiler/compiler.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  tt::CompileOptions options;  // defaults: wormhole_n150, record IR per pass, codegen on
  tt::CompileResult result =
      tt::compile_source(tt::SourceFile("fuzz.py", std::string(reinterpret_cast<const char*>(data), size)), options);
  tt::DiagnosticList diags = result.all_diagnostics();
  std::string rendered = tt::render_diagnostics(diags, result.source);  // exercises span -> line/caret mapping
  // Contract of compile_source: a failed compile, and every failed kernel, says why.
  if (!result.ok() && !diags.has_errors()) std::abort();
  for (const tt::KernelResult& kernel : result.kernels) {
    if (!kernel.ok && !kernel.diagnostics.has_errors()) std::abort();
  }
  if (!diags.empty() && rendered.empty()) std::abort();
  return 0;
}
