// Golden-file helpers shared by the golden tests: read a file, and compare text with a golden file
// (or rewrite it when TT_UPDATE_GOLDENS is set, for review with `git diff tests/golden`).
#pragma once

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace tt::testing {

inline std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

inline bool updating_goldens() { return std::getenv("TT_UPDATE_GOLDENS") != nullptr; }

// EXPECTs `actual` to equal the golden file's bytes; with TT_UPDATE_GOLDENS set, writes it instead.
inline void expect_golden(const std::filesystem::path& golden, const std::string& actual) {
  if (updating_goldens()) {
    std::filesystem::create_directories(golden.parent_path());
    std::ofstream(golden, std::ios::binary) << actual;
    return;
  }
  ASSERT_TRUE(std::filesystem::exists(golden)) << golden << " missing: run with TT_UPDATE_GOLDENS=1";
  EXPECT_EQ(actual, read_file(golden)) << "golden " << golden << " differs (TT_UPDATE_GOLDENS=1 rewrites it)";
}

}  // namespace tt::testing
