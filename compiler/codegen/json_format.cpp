// Compact pretty-printer over nlohmann::ordered_json (nlohmann's own dump(2) puts every number of a
// [x, y] pair on its own line, which makes plans hard to read and diff). Like Prettier: a value stays
// on one line when it fits, otherwise it gets one member per line.
#include "compiler/codegen/json_format.h"

namespace tt::codegen {

namespace {

using nlohmann::ordered_json;

bool is_scalar(const ordered_json& v) { return !v.is_array() && !v.is_object(); }

std::string one_line(const ordered_json& v) {
  if (is_scalar(v)) return v.dump();
  std::string out;
  if (v.is_array()) {
    out += '[';
    for (size_t i = 0; i < v.size(); ++i) out += (i ? ", " : "") + one_line(v[i]);
    return out + ']';
  }
  out += '{';
  bool first = true;
  for (const auto& [key, x] : v.items()) {
    out += (first ? "" : ", ") + ordered_json(key).dump() + ": " + one_line(x);
    first = false;
  }
  return out + '}';
}

void write(const ordered_json& v, size_t indent, size_t prefix_len, size_t width, std::string& out) {
  if (is_scalar(v) || v.empty() || indent + prefix_len + one_line(v).size() + 1 <= width) {
    out += one_line(v);
    return;
  }
  const std::string pad(indent + 2, ' ');
  const bool array = v.is_array();
  out += array ? "[\n" : "{\n";
  size_t i = 0;
  for (const auto& [key, x] : v.items()) {
    out += pad;
    size_t key_len = 0;
    if (!array) {
      std::string k = ordered_json(key).dump() + ": ";
      key_len = k.size();
      out += k;
    }
    write(x, indent + 2, key_len, width, out);
    out += ++i < v.size() ? ",\n" : "\n";
  }
  out += std::string(indent, ' ') + (array ? "]" : "}");
}

}  // namespace

std::string format_json(const ordered_json& value, size_t inline_width) {
  std::string out;
  write(value, 0, 0, inline_width, out);
  return out + "\n";
}

}  // namespace tt::codegen
