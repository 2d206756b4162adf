// Atomic artifact writing: temp dir + rename, with the old set kept until the new one is complete.
#include "compiler/codegen/artifact_writer.h"

#include <filesystem>
#include <fstream>

namespace tt {

namespace fs = std::filesystem;

std::string sanitize_artifact_name(const std::string& name) {
  std::string out;
  for (char c : name) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-' ||
              c == '.';
    out += ok ? c : '_';
  }
  if (out.empty() || out[0] == '.') out.insert(out.begin(), '_');  // no "", ".", ".." or hidden names
  return out;
}

namespace {

bool write_file(const fs::path& path, const std::string& text, std::string& error) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
  out.close();
  if (!out) {
    error = "cannot write '" + path.string() + "'";
    return false;
  }
  return true;
}

std::string two_digits(size_t i) {
  std::string s = std::to_string(i);
  return s.size() < 2 ? "0" + s : s;
}

}  // namespace

bool write_kernel_artifacts(const KernelResult& kernel, const std::string& out_dir, const ArtifactWriteOptions& options,
                            std::string& error) {
  std::error_code ec;
  fs::create_directories(out_dir, ec);
  if (ec) {
    error = "cannot create output directory '" + out_dir + "': " + ec.message();
    return false;
  }
  const std::string name = sanitize_artifact_name(kernel.name);
  const fs::path final_dir = fs::path(out_dir) / name;
  const fs::path temp_dir = fs::path(out_dir) / ("." + name + ".tmp");
  const fs::path old_dir = fs::path(out_dir) / ("." + name + ".old");
  fs::remove_all(temp_dir, ec);
  fs::create_directories(temp_dir, ec);
  if (ec) {
    error = "cannot create '" + temp_dir.string() + "': " + ec.message();
    return false;
  }
  bool ok = true;
  for (const Artifact& a : kernel.artifacts) {
    ok = ok && write_file(temp_dir / sanitize_artifact_name(a.name), a.text, error);
  }
  if (ok && options.dump_ir) {
    fs::create_directories(temp_dir / "ir", ec);
    for (size_t i = 0; ok && i < kernel.trace.passes.size(); ++i) {
      const PassRecord& rec = kernel.trace.passes[i];
      ok = write_file(temp_dir / "ir" / (two_digits(i) + "_" + rec.name + ".tir"), rec.ir_text, error);
    }
  }
  if (!ok) {
    fs::remove_all(temp_dir, ec);
    return false;
  }
  fs::remove_all(old_dir, ec);
  if (fs::exists(final_dir)) {
    fs::rename(final_dir, old_dir, ec);
    if (ec) {
      error = "cannot replace '" + final_dir.string() + "': " + ec.message();
      fs::remove_all(temp_dir, ec);
      return false;
    }
  }
  fs::rename(temp_dir, final_dir, ec);
  if (ec) {
    error = "cannot move artifacts into '" + final_dir.string() + "': " + ec.message();
    std::error_code ignore;
    if (fs::exists(old_dir)) fs::rename(old_dir, final_dir, ignore);  // put the previous set back
    return false;
  }
  fs::remove_all(old_dir, ec);
  return true;
}

}  // namespace tt
