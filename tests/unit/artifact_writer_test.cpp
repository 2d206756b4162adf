// Artifact writing: kernel names cannot write outside the output directory, and a failed write or
// a failed batch run leaves the previous good artifact set in place, byte for byte.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "compiler/codegen/artifact_writer.h"

namespace tt {
namespace {

namespace fs = std::filesystem;

std::string fresh_dir(const std::string& name) {
  fs::path dir = fs::path(testing::TempDir()) / ("tt_artifacts_" + name);
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir.string();
}

// Every regular file under `dir`, relative path -> contents.
std::map<std::string, std::string> snapshot(const fs::path& dir) {
  std::map<std::string, std::string> files;
  for (const auto& e : fs::recursive_directory_iterator(dir)) {
    if (!e.is_regular_file()) continue;
    std::ifstream in(e.path(), std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    files[fs::relative(e.path(), dir).string()] = s.str();
  }
  return files;
}

std::vector<std::string> entries(const fs::path& dir) {
  std::vector<std::string> names;
  for (const auto& e : fs::directory_iterator(dir)) names.push_back(e.path().filename().string());
  std::sort(names.begin(), names.end());
  return names;
}

KernelResult kernel_named(const std::string& name, const std::string& text) {
  KernelResult k;
  k.name = name;
  k.ok = true;
  k.artifacts.push_back(Artifact{"reader.cpp", text, {}});
  k.artifacts.push_back(Artifact{"tt.plan.json", "{}", {}});
  return k;
}

TEST(SanitizeArtifactName, KeepsOrdinaryNames) {
  EXPECT_EQ(sanitize_artifact_name("matmul"), "matmul");
  EXPECT_EQ(sanitize_artifact_name("gemm_128x128-v2.0"), "gemm_128x128-v2.0");
}

TEST(SanitizeArtifactName, NamesThatWouldEscapeOrHide) {
  EXPECT_EQ(sanitize_artifact_name(""), "_");
  EXPECT_EQ(sanitize_artifact_name("."), "_.");
  EXPECT_EQ(sanitize_artifact_name(".."), "_..");
  EXPECT_EQ(sanitize_artifact_name("../../etc/passwd"), "_.._.._etc_passwd");
  EXPECT_EQ(sanitize_artifact_name("/abs/path"), "_abs_path");
  EXPECT_EQ(sanitize_artifact_name("a\\b"), "a_b");
  EXPECT_EQ(sanitize_artifact_name(".hidden"), "_.hidden");
  EXPECT_EQ(sanitize_artifact_name(std::string("nul\0byte", 8)), "nul_byte");
  EXPECT_EQ(sanitize_artifact_name("Ä_shared"), "___shared");  // each UTF-8 byte becomes '_'
}

TEST(WriteKernelArtifacts, HostileKernelAndArtifactNamesStayInsideTheOutputDirectory) {
  const fs::path root = fresh_dir("escape");
  const fs::path out = root / "out";
  for (const std::string name : {"../escaped", "../../escaped", "/tmp/escaped_abs", "..", ".", ""}) {
    KernelResult k = kernel_named(name, "x");
    k.artifacts.push_back(Artifact{"../../evil.cpp", "evil", {}});
    std::string error;
    ASSERT_TRUE(write_kernel_artifacts(k, out.string(), ArtifactWriteOptions{}, error)) << name << ": " << error;
  }
  EXPECT_EQ(entries(root), std::vector<std::string>{"out"});  // nothing next to the output directory
  EXPECT_FALSE(fs::exists("/tmp/escaped_abs"));
  for (const auto& e : fs::recursive_directory_iterator(out)) {
    fs::path rel = fs::relative(fs::weakly_canonical(e.path()), fs::weakly_canonical(out));
    EXPECT_NE(rel.string().rfind("..", 0), 0u) << e.path();
  }
  EXPECT_TRUE(fs::exists(out / "_.._escaped" / "_.._.._evil.cpp"));
}

TEST(WriteKernelArtifacts, InjectedWriteFailureKeepsThePreviousSet) {
  const fs::path out = fresh_dir("inject");
  std::string error;
  KernelResult good = kernel_named("matmul", "good reader");
  good.trace.passes.push_back(PassRecord{"frontend", "ir text", {}, {}, true, true, 0, {}});
  ASSERT_TRUE(write_kernel_artifacts(good, out.string(), ArtifactWriteOptions{true}, error)) << error;
  const auto before = snapshot(out);
  ASSERT_EQ(before.at("matmul/reader.cpp"), "good reader");
  ASSERT_EQ(before.at("matmul/ir/00_frontend.tir"), "ir text");

  // Injected failure: an artifact named "ir" is a file where the IR dump needs a directory, so the
  // writer fails after it has written part of the new set into its temporary directory.
  KernelResult bad = kernel_named("matmul", "new reader");
  bad.artifacts.push_back(Artifact{"ir", "a file in the way", {}});
  bad.trace = good.trace;
  EXPECT_FALSE(write_kernel_artifacts(bad, out.string(), ArtifactWriteOptions{true}, error));
  EXPECT_NE(error.find("cannot write"), std::string::npos) << error;
  EXPECT_EQ(snapshot(out), before);
  EXPECT_EQ(entries(out), std::vector<std::string>{"matmul"});  // no temporary or backup directory left

  // A later good write replaces the set completely (no stale files from the old one).
  KernelResult next = kernel_named("matmul", "next reader");
  ASSERT_TRUE(write_kernel_artifacts(next, out.string(), ArtifactWriteOptions{}, error)) << error;
  auto after = snapshot(out);
  EXPECT_EQ(after.at("matmul/reader.cpp"), "next reader");
  EXPECT_EQ(after.count("matmul/ir/00_frontend.tir"), 0u);
  EXPECT_EQ(entries(out), std::vector<std::string>{"matmul"});
}

// --- through the CLI ------------------------------------------------------------------------

int run_batch(const std::string& args) {
  std::string cmd = std::string("\"") + TT_INSPECT_BINARY + "\" batch " + args + " -q >/dev/null 2>&1";
  int status = std::system(cmd.c_str());
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

std::string example(const std::string& name) { return std::string(TT_INSPECT_ASSETS_DIR) + "/examples/" + name; }
std::string bad_input(const std::string& name) { return std::string(TT_TESTS_DIR) + "/bad_inputs/" + name; }

TEST(BatchAtomicity, FailedRunsLeaveThePreviousGoodSetIntact) {
  const std::string out = fresh_dir("batch");
  ASSERT_EQ(run_batch("\"" + example("example_gemm.py") + "\" -o \"" + out + "\" --dump-ir"), 0);
  const auto good = snapshot(out);
  ASSERT_TRUE(good.count("matmul/reader.cpp"));
  ASSERT_TRUE(good.count("matmul/tt.plan.json"));

  // The same kernel failing in the front end, in a pass (L1 overflow) and through -D.
  EXPECT_EQ(run_batch("\"" + bad_input("021_gemm_inner_mismatch.py") + "\" -o \"" + out + "\" --dump-ir"), 1);
  EXPECT_EQ(snapshot(out), good);
  EXPECT_EQ(run_batch("\"" + bad_input("075_l1_overflow.py") + "\" -o \"" + out + "\" --dump-ir"), 1);
  EXPECT_EQ(snapshot(out), good);
  EXPECT_EQ(run_batch("\"" + example("example_gemm.py") + "\" -D block_K=48 -o \"" + out + "\" --dump-ir"), 1);
  EXPECT_EQ(snapshot(out), good);

  // A run whose second file fails: the first file's kernel is written, the failing one's old set stays.
  EXPECT_EQ(run_batch("\"" + example("example_elementwise_add.py") + "\" \"" + bad_input("075_l1_overflow.py") +
                      "\" -o \"" + out + "\" --dump-ir"),
            1);
  auto after = snapshot(out);
  for (const auto& [path, text] : good) EXPECT_EQ(after.at(path), text) << path;
  for (const std::string& name : entries(out)) EXPECT_NE(name[0], '.') << "temporary directory left: " << name;
}

}  // namespace
}  // namespace tt
