// Advice in the Diagnostics panel: the shown kernel's notes are the ones `tt-inspect estimate` prints
// (compiler/advice), each with its numbers and change, and each points at a source line that clicking
// it selects (the K loop, the T.gemm, the T.Kernel or the CB's allocation).
#include <gtest/gtest.h>

#include "compiler/advice/advice.h"
#include "viewer/diagnostics_panel.h"
#include "viewer/viewer_state.h"

namespace tt::viewer {
namespace {

const Diagnostic* note_of(const DiagnosticList& notes, const std::string& rule) {
  for (const Diagnostic& d : notes) {
    if (d.message.rfind("advice [" + rule + "]: ", 0) == 0) return &d;
  }
  return nullptr;
}

TEST(DiagnosticsAdvice, TheReferenceGemmsAdviceIsListedAndSelectsItsLine) {
  ViewerState state;
  ASSERT_TRUE(state.open_file(std::string(TT_INSPECT_SOURCE_DIR) + "/assets/examples/example_gemm.py"));
  ASSERT_TRUE(state.current()->ok());
  const DiagnosticList notes = kernel_advice(state);
  // The same notes as estimate's, in the same order.
  DiagnosticList estimate;
  advice::add_advice(*state.kernel(), *state.current()->device, estimate);
  ASSERT_EQ(notes.size(), estimate.size());
  ASSERT_GE(notes.size(), 2u);
  for (size_t i = 0; i < notes.size(); ++i) EXPECT_EQ(notes.begin()[i].message, estimate.begin()[i].message);

  // block_K=32 over K=1024: 32 thin K steps, pointing at the T.Pipelined loop (line 21).
  const Diagnostic* thin = note_of(notes, "thin-k-steps");
  ASSERT_NE(thin, nullptr);
  EXPECT_NE(thin->message.find("block_K=32 makes 32 K steps of one tile each: block_K=64 halves"), std::string::npos)
      << thin->message;
  EXPECT_EQ(thin->span.begin.line, 21u);
  select_diagnostic(state, *thin);
  EXPECT_EQ(state.selection.source.first, 21u);

  // The fp32 partials spilled every K step point at the T.gemm (line 24).
  const Diagnostic* spills = note_of(notes, "spills-per-k-step");
  ASSERT_NE(spills, nullptr);
  EXPECT_EQ(spills->span.begin.line, 24u);
  select_diagnostic(state, *spills);
  EXPECT_EQ(state.selection.source.first, 24u);
  for (const Diagnostic& d : notes) EXPECT_TRUE(d.span.valid()) << d.message;
}

TEST(DiagnosticsAdvice, AFailedCompileHasNoAdvice) {
  ViewerState state;
  ASSERT_TRUE(state.open_file(std::string(TT_INSPECT_SOURCE_DIR) + "/assets/examples/example_gemm.py"));
  state.set_define("block_M", "48");
  EXPECT_FALSE(state.current()->ok());
  EXPECT_TRUE(kernel_advice(state).empty());
}

}  // namespace
}  // namespace tt::viewer
