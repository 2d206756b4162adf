// Selection linking without a window: source line -> IR lines -> generated lines and back.
#include <gtest/gtest.h>

#include "viewer/selection.h"
#include "viewer/viewer_state.h"
#include "viewer_fixture.h"

namespace tt::viewer {
namespace {

std::string split_ir_line(const std::string& text, size_t line) {
  size_t start = 0;
  for (size_t i = 0; i < line; ++i) start = text.find('\n', start) + 1;
  return text.substr(start, text.find('\n', start) - start);
}

SourceSpan lines(uint32_t first, uint32_t last, uint32_t end_col = 10) { return {{first, 1, 0}, {last, end_col, 0}}; }

TEST(SelectionLinks, SpanLinesExcludeAnEndAtColumnOne) {
  EXPECT_EQ(source_lines_of(lines(3, 5)), (LineRange{3, 5}));
  EXPECT_EQ(source_lines_of(lines(3, 5, 1)), (LineRange{3, 4}));
  EXPECT_EQ(source_lines_of(lines(7, 7)), (LineRange{7, 7}));
  EXPECT_TRUE(source_lines_of(SourceSpan{}).empty());
}

TEST(SelectionLinks, PicksTheInnermostCoveringSpans) {
  // IR: kernel header (lines 15-27), loop header (22-25), two statements on 23, one on 25.
  std::vector<SourceSpan> spans = {lines(15, 27), lines(22, 25), lines(23, 23), lines(23, 23), lines(25, 25), {}};
  EXPECT_EQ(lines_derived_from(spans, 23), (std::vector<size_t>{2, 3}));
  EXPECT_EQ(lines_derived_from(spans, 22), (std::vector<size_t>{1}));
  EXPECT_EQ(lines_derived_from(spans, 16), (std::vector<size_t>{0}));
  EXPECT_TRUE(lines_derived_from(spans, 40).empty());
  EXPECT_TRUE(lines_derived_from(spans, 0).empty());
}

TEST(SelectionLinks, SourceLineToIrToGeneratedAndBack) {
  ViewerState state([](SourceFile f, const CompileOptions&) { return testing::make_gemm_result(f); });
  state.set_source_text(testing::fixture_source());
  const KernelResult* k = state.kernel();
  ASSERT_NE(k, nullptr);
  const PassRecord* pass = state.pass();
  ASSERT_NE(pass, nullptr);

  // Source line 24 (T.gemm) -> the gemm line of the IR.
  state.selection.select_source_line(24, SelectionOrigin::Source);
  std::vector<size_t> ir = lines_derived_from(pass->line_spans, state.selection.source.first);
  ASSERT_EQ(ir.size(), 1u);
  EXPECT_EQ(split_ir_line(pass->ir_text, ir[0]).find("T.gemm("), 4u * 3);
  // ... and -> the generated lines whose provenance is line 24.
  const Artifact* compute = k->find_artifact("compute.cpp");
  ASSERT_NE(compute, nullptr);
  EXPECT_EQ(lines_derived_from(compute->provenance, 24), (std::vector<size_t>{3, 5}));

  // Clicking that IR line selects source line 24 again.
  state.selection.select_ir_line(static_cast<int>(ir[0]), pass->line_spans, SelectionOrigin::Passes);
  EXPECT_EQ(state.selection.source, (LineRange{24, 24}));
  EXPECT_EQ(state.selection.ir_line, static_cast<int>(ir[0]));

  // Clicking a generated line selects its source line; a line without provenance selects none.
  state.selection.select_artifact_line("reader.cpp", 6, k->find_artifact("reader.cpp")->provenance, SelectionOrigin::Kernels);
  EXPECT_EQ(state.selection.source, (LineRange{22, 22}));
  EXPECT_EQ(state.selection.artifact, "reader.cpp");
  state.selection.select_artifact_line("reader.cpp", 0, k->find_artifact("reader.cpp")->provenance, SelectionOrigin::Kernels);
  EXPECT_TRUE(state.selection.source.empty());

  // A multi-line IR node (the pipelined loop) selects its whole source range.
  std::vector<size_t> loop = lines_derived_from(pass->line_spans, 21);
  ASSERT_FALSE(loop.empty());
  state.selection.select_ir_line(static_cast<int>(loop[0]), pass->line_spans, SelectionOrigin::Passes);
  EXPECT_EQ(state.selection.source, (LineRange{21, 24}));
}

TEST(SelectionLinks, EveryChangeBumpsTheVersionAndRecordsTheOrigin) {
  Selection s;
  s.select_source_line(3, SelectionOrigin::Source);
  EXPECT_EQ(s.version, 1u);
  s.select_core(CoreXY{1, 2}, SelectionOrigin::CoreGrid);
  EXPECT_EQ(s.version, 2u);
  EXPECT_EQ(s.origin, SelectionOrigin::CoreGrid);
  EXPECT_EQ(s.source, (LineRange{3, 3}));  // other parts of the selection stay
}

}  // namespace
}  // namespace tt::viewer
