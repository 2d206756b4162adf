// ViewerState without a window: recompile on edit, last good result kept and greyed, file polling,
// option changes, selection clamping.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "viewer/viewer_state.h"
#include "viewer_fixture.h"

namespace tt::viewer {
namespace {

// A fake engine: any text containing "BROKEN" fails with an error on line 2; everything else
// compiles to the GEMM fixture. Counts compiles and remembers the options it saw.
struct FakeEngine {
  int compiles = 0;
  CompileOptions last;
  CompileFn fn() {
    return [this](SourceFile f, const CompileOptions& o) {
      ++compiles;
      last = o;
      if (f.text().find("BROKEN") != std::string::npos) return testing::make_failed_result(f, 2);
      return testing::make_gemm_result(f);
    };
  }
};

TEST(ViewerState, EditRecompilesAndAFailureKeepsTheLastGoodResult) {
  FakeEngine engine;
  ViewerState state(engine.fn());
  state.set_source_text(testing::fixture_source());
  ASSERT_NE(state.current(), nullptr);
  EXPECT_TRUE(state.current()->ok());
  EXPECT_FALSE(state.stale());
  const CompileResult* good = state.shown();
  uint64_t gen = state.generation();

  state.set_source_text(testing::fixture_source() + "BROKEN\n");
  EXPECT_EQ(engine.compiles, 2);
  EXPECT_GT(state.generation(), gen);
  EXPECT_FALSE(state.current()->ok());
  EXPECT_TRUE(state.stale());                   // panels grey out ...
  EXPECT_EQ(state.shown(), good);               // ... the last good result
  EXPECT_EQ(state.last_good(), good);
  EXPECT_TRUE(state.current()->diagnostics.has_errors());  // errors come from the failed compile
  EXPECT_NE(state.kernel(), nullptr);           // kernel/pass accessors read the shown result
  EXPECT_TRUE(state.dirty());

  state.set_source_text(testing::fixture_source());  // fixed again
  EXPECT_TRUE(state.current()->ok());
  EXPECT_FALSE(state.stale());
  EXPECT_EQ(state.shown(), state.current());
}

TEST(ViewerState, AFirstFailedCompileIsShownAsIs) {
  FakeEngine engine;
  ViewerState state(engine.fn());
  state.set_source_text("BROKEN");
  EXPECT_FALSE(state.stale());
  EXPECT_EQ(state.shown(), state.current());
  EXPECT_EQ(state.kernel(), nullptr);
  EXPECT_EQ(state.pass(), nullptr);
}

TEST(ViewerState, UnchangedTextDoesNotRecompile) {
  FakeEngine engine;
  ViewerState state(engine.fn());
  state.set_source_text("x = 1\n");
  state.set_source_text("x = 1\n");
  EXPECT_EQ(engine.compiles, 1);
}

TEST(ViewerState, DefinesAndDeviceRecompileWithTheNewOptions) {
  FakeEngine engine;
  ViewerState state(engine.fn());
  state.set_source_text(testing::fixture_source());
  state.set_define("M", "2048");
  EXPECT_EQ(engine.compiles, 2);
  EXPECT_EQ(engine.last.defines.at("M"), "2048");
  state.set_define("M", "2048");  // same value: nothing to do
  EXPECT_EQ(engine.compiles, 2);
  state.set_device("blackhole_p150");
  EXPECT_EQ(engine.last.device, "blackhole_p150");
  state.clear_defines();
  EXPECT_TRUE(engine.last.defines.empty());
  EXPECT_EQ(engine.compiles, 4);
}

TEST(ViewerState, PollReloadsAChangedFileAndNeverClobbersEdits) {
  namespace fs = std::filesystem;
  fs::path dir = fs::temp_directory_path() / ("tt_viewer_poll_" + std::to_string(::getpid()));
  fs::create_directories(dir);
  fs::path file = dir / "k.py";
  std::ofstream(file) << testing::fixture_source();

  FakeEngine engine;
  ViewerState state(engine.fn());
  ASSERT_TRUE(state.open_file(file.string()));
  EXPECT_EQ(engine.compiles, 1);
  EXPECT_FALSE(state.poll_file(10.0));  // unchanged

  std::ofstream(file) << testing::fixture_source() << "# edited on disk\n";
  fs::last_write_time(file, fs::last_write_time(file) + std::chrono::seconds(2));
  EXPECT_FALSE(state.poll_file(10.5));  // polled at most once per second
  EXPECT_TRUE(state.poll_file(11.0));
  EXPECT_EQ(engine.compiles, 2);
  EXPECT_NE(state.source_text().find("edited on disk"), std::string::npos);

  state.set_source_text(state.source_text() + "# typed in the app\n");
  std::ofstream(file) << "BROKEN\n";
  fs::last_write_time(file, fs::last_write_time(file) + std::chrono::seconds(4));
  EXPECT_FALSE(state.poll_file(12.0));
  EXPECT_TRUE(state.changed_on_disk());
  EXPECT_NE(state.source_text().find("typed in the app"), std::string::npos);

  std::string error;
  EXPECT_TRUE(state.save(&error)) << error;
  EXPECT_FALSE(state.dirty());
  std::ifstream in(file);
  std::string saved((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  EXPECT_EQ(saved, state.source_text());
  fs::remove_all(dir);
}

TEST(ViewerState, OpeningAMissingFileKeepsTheBuffer) {
  FakeEngine engine;
  ViewerState state(engine.fn());
  state.set_source_text("x = 1\n");
  std::string error;
  EXPECT_FALSE(state.open_file("/nonexistent/file.py", &error));
  EXPECT_NE(error.find("/nonexistent/file.py"), std::string::npos);
  EXPECT_EQ(state.source_text(), "x = 1\n");
}

TEST(ViewerState, SelectionIsClampedToTheNewResult) {
  FakeEngine engine;
  ViewerState state(engine.fn());
  state.set_source_text(testing::fixture_source());
  state.selection.pass = 2;
  state.selection.core = CoreXY{7, 7};
  EXPECT_EQ(state.pass_index(), 2);
  state.selection.pass = 99;
  EXPECT_EQ(state.pass_index(), 2);  // out of range resolves to the last pass
  state.recompile();
  EXPECT_EQ(state.selection.pass, -1);
  EXPECT_TRUE(state.selection.core.has_value());
}

}  // namespace
}  // namespace tt::viewer
