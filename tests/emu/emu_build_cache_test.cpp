// The build cache: a second run of the same artifacts does not invoke the compiler; changing a kernel, the
// compiler, an emulation header or the runtime library does. Faults in a cached build name the files of the
// run that hit the cache, not of the run that built it.
#include <algorithm>

#include "build_cache.h"
#include "emu_test_util.h"

namespace ttemu::test {
namespace {

// A temporary directory removed afterwards.
class TempDir {
 public:
  TempDir() {
    std::string pattern = (fs::temp_directory_path() / "ttemu-cache-test-XXXXXX").string();
    dir_ = mkdtemp(pattern.data());
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }
  const fs::path& path() const { return dir_; }

 private:
  fs::path dir_;
};

// A compiler that counts its invocations in a file, then runs the real one.
fs::path counting_compiler(const fs::path& dir, const std::string& comment = "") {
  const fs::path script = dir / "counting-c++";
  write_text(script, "#!/bin/sh\n# " + comment + "\necho x >> '" + (dir / "invocations").string() + "'\nexec '" +
                         TTEMU_TEST_CXX + "' \"$@\"\n");
  fs::permissions(script, fs::perms::owner_all);
  return script;
}

std::size_t invocations(const fs::path& dir) {
  const std::string log = fs::exists(dir / "invocations") ? read_text(dir / "invocations") : "";
  return static_cast<std::size_t>(std::count(log.begin(), log.end(), '\n'));
}

RunResult cached_run(const fs::path& kernel_dir, const fs::path& cache, const fs::path& cxx) {
  RunOptions o;
  o.kernel_dir = kernel_dir;
  o.seed = 7;
  o.cxx = cxx.string();
  o.build_cache_dir = cache;
  return run_generated_kernels(o);
}

TEST(BuildCache, SecondRunDoesNotCompileAndAnEditedKernelDoes) {
  TempDir tools, cache;
  const fs::path cxx = counting_compiler(tools.path());
  Scratch scratch;

  const RunResult first = cached_run(scratch.dir(), cache.path(), cxx);
  ASSERT_EQ(first.status, RunResult::Status::Pass) << describe(first);
  EXPECT_FALSE(first.build_cached);
  const std::size_t built = invocations(tools.path());
  EXPECT_EQ(built, 5u);  // three kernels, the driver, the link

  const RunResult second = cached_run(scratch.dir(), cache.path(), cxx);
  ASSERT_EQ(second.status, RunResult::Status::Pass) << describe(second);
  EXPECT_TRUE(second.build_cached);
  EXPECT_EQ(invocations(tools.path()), built);
  EXPECT_EQ(second.max_abs_error, first.max_abs_error);
  EXPECT_EQ(read_text(second.trace_file), read_text(first.trace_file));

  // The same artifacts elsewhere are the same build.
  Scratch moved;
  const RunResult elsewhere = cached_run(moved.dir(), cache.path(), cxx);
  EXPECT_TRUE(elsewhere.build_cached) << describe(elsewhere);
  EXPECT_EQ(invocations(tools.path()), built);

  scratch.replace_once("compute.cpp", "void kernel_main() {", "void kernel_main() {  // edited");
  const RunResult edited = cached_run(scratch.dir(), cache.path(), cxx);
  ASSERT_EQ(edited.status, RunResult::Status::Pass) << describe(edited);
  EXPECT_FALSE(edited.build_cached);
  EXPECT_EQ(invocations(tools.path()), 2 * built);
  for (const RunResult* r : {&first, &second, &elsewhere, &edited}) remove_work_dir(*r);
}

TEST(BuildCache, AnotherCompilerRebuilds) {
  TempDir tools, cache;
  Scratch scratch;
  const RunResult first = cached_run(scratch.dir(), cache.path(), counting_compiler(tools.path(), "one"));
  ASSERT_EQ(first.status, RunResult::Status::Pass) << describe(first);
  const RunResult other = cached_run(scratch.dir(), cache.path(), counting_compiler(tools.path(), "another"));
  ASSERT_EQ(other.status, RunResult::Status::Pass) << describe(other);
  EXPECT_FALSE(other.build_cached);
  EXPECT_EQ(invocations(tools.path()), 10u);
  remove_work_dir(first);
  remove_work_dir(other);
}

TEST(BuildCache, FaultsNameTheFilesOfTheRunThatHitTheCache) {
  TempDir tools, cache;
  const fs::path cxx = counting_compiler(tools.path());
  Scratch a, b;
  for (Scratch* s : {&a, &b})
    s->replace_once("compute.cpp", "cb_pop_front(cb_a, a_tiles);", "cb_pop_front(cb_a, a_tiles - 1);");
  const RunResult built = cached_run(a.dir(), cache.path(), cxx);
  const RunResult cached = cached_run(b.dir(), cache.path(), cxx);
  ASSERT_EQ(cached.status, RunResult::Status::Fault) << describe(cached);
  EXPECT_TRUE(cached.build_cached);
  ASSERT_FALSE(cached.faults.empty());
  ASSERT_FALSE(built.faults.empty());
  EXPECT_EQ(built.faults.front().file, (a.dir() / "compute.cpp").string());
  EXPECT_EQ(cached.faults.front().file, (b.dir() / "compute.cpp").string());
  remove_work_dir(built);
  remove_work_dir(cached);
}

// The key covers every emulation header and the runtime library, by content.
TEST(BuildCache, KeyFollowsHeadersAndRuntimeLibrary) {
  TempDir copy;
  fs::copy(TTEMU_TEST_INCLUDE_DIR, copy.path() / "include", fs::copy_options::recursive);
  write_text(copy.path() / "libttemu_rt.a", "runtime");
  write_text(copy.path() / "kernel.cpp", "void kernel_main() {}\n");
  BuildInputs in{"c++",
                 {{"c++", "-O2"}},
                 {{"kernel.cpp", copy.path() / "kernel.cpp"}},
                 copy.path() / "include",
                 copy.path() / "libttemu_rt.a"};
  const std::string key = build_key(in);
  EXPECT_EQ(build_key(in), key);
  EXPECT_EQ(key.size(), 64u);

  const fs::path header = copy.path() / "include" / "api" / "compute" / "matmul.h";
  const std::string original = read_text(header);
  write_text(header, original + "\n");
  EXPECT_NE(build_key(in), key);
  write_text(header, original);
  EXPECT_EQ(build_key(in), key);

  write_text(copy.path() / "include" / "new.h", "");
  EXPECT_NE(build_key(in), key);
  fs::remove(copy.path() / "include" / "new.h");

  write_text(copy.path() / "libttemu_rt.a", "runtime2");
  EXPECT_NE(build_key(in), key);
  write_text(copy.path() / "libttemu_rt.a", "runtime");

  in.commands.front().push_back("-DX=1");
  EXPECT_NE(build_key(in), key);
}

TEST(BuildCache, Sha256KnownAnswers) {
  EXPECT_EQ(Sha256().hex(), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(Sha256().update("abc").hex(), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(Sha256().update("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq").hex(),
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  Sha256 streamed;  // 1000 bytes in pieces that straddle blocks
  for (int i = 0; i < 100; ++i) streamed.update("tt-inspect");
  EXPECT_EQ(streamed.hex(), "c014774f46558adc0006891db2156c7ad2b698bd73390de748cba00ba8491a7f");
}

}  // namespace
}  // namespace ttemu::test
