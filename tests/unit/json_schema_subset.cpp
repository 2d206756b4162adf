// The JSON Schema subset validator (see json_schema_subset.h for the keywords).
#include "json_schema_subset.h"

#include <regex>
#include <set>

namespace tt::testing {

namespace {

using nlohmann::json;

const std::set<std::string> kKeywords{"type",          "enum",     "const",    "required", "properties",
                                      "additionalProperties", "propertyNames", "pattern", "items", "minItems",
                                      "maxItems",      "minimum",  "maximum",  "$ref",     "$schema",
                                      "$id",           "$defs",    "title",    "description", "$comment"};

bool has_type(const json& v, const std::string& type) {
  if (type == "object") return v.is_object();
  if (type == "array") return v.is_array();
  if (type == "string") return v.is_string();
  if (type == "integer") return v.is_number_integer() || (v.is_number_float() && v.get<double>() == static_cast<double>(static_cast<int64_t>(v.get<double>())));
  if (type == "number") return v.is_number();
  if (type == "boolean") return v.is_boolean();
  if (type == "null") return v.is_null();
  return false;
}

class Validator {
 public:
  explicit Validator(const json& root) : root_(root) {}

  void check(const json& v, const json& schema, const std::string& path) {
    if (schema.is_boolean()) {
      if (!schema.get<bool>()) fail(path, "no value is allowed here");
      return;
    }
    if (!schema.is_object()) return fail(path, "schema is neither an object nor a boolean");
    for (const auto& [key, value] : schema.items()) {
      if (!kKeywords.count(key)) fail(path, "schema keyword '" + key + "' is not supported by this validator");
    }
    if (schema.contains("$ref")) {
      const std::string ref = schema["$ref"].get<std::string>();
      const std::string prefix = "#/$defs/";
      if (ref.rfind(prefix, 0) != 0 || !root_.contains("$defs") || !root_["$defs"].contains(ref.substr(prefix.size()))) {
        return fail(path, "unresolvable $ref '" + ref + "'");
      }
      check(v, root_["$defs"][ref.substr(prefix.size())], path);
    }
    if (schema.contains("type")) {
      const json& t = schema["type"];
      bool ok = false;
      if (t.is_string()) ok = has_type(v, t.get<std::string>());
      for (const json& x : t.is_array() ? t : json::array()) ok = ok || has_type(v, x.get<std::string>());
      if (!ok) return fail(path, "expected type " + t.dump() + ", got " + v.type_name());
    }
    if (schema.contains("enum")) {
      bool found = false;
      for (const json& x : schema["enum"]) found = found || x == v;
      if (!found) fail(path, v.dump() + " is not one of " + schema["enum"].dump());
    }
    if (schema.contains("const") && schema["const"] != v) fail(path, v.dump() + " != " + schema["const"].dump());
    if (v.is_number()) {
      if (schema.contains("minimum") && v.get<double>() < schema["minimum"].get<double>()) {
        fail(path, v.dump() + " < minimum " + schema["minimum"].dump());
      }
      if (schema.contains("maximum") && v.get<double>() > schema["maximum"].get<double>()) {
        fail(path, v.dump() + " > maximum " + schema["maximum"].dump());
      }
    }
    if (v.is_string() && schema.contains("pattern") &&
        !std::regex_search(v.get<std::string>(), std::regex(schema["pattern"].get<std::string>(), std::regex::ECMAScript))) {
      fail(path, v.dump() + " does not match " + schema["pattern"].dump());
    }
    if (v.is_array()) check_array(v, schema, path);
    if (v.is_object()) check_object(v, schema, path);
  }

  std::vector<std::string> errors;

 private:
  void fail(const std::string& path, const std::string& message) { errors.push_back((path.empty() ? "/" : path) + ": " + message); }

  void check_array(const json& v, const json& schema, const std::string& path) {
    if (schema.contains("minItems") && v.size() < schema["minItems"].get<size_t>()) {
      fail(path, std::to_string(v.size()) + " items, fewer than minItems " + schema["minItems"].dump());
    }
    if (schema.contains("maxItems") && v.size() > schema["maxItems"].get<size_t>()) {
      fail(path, std::to_string(v.size()) + " items, more than maxItems " + schema["maxItems"].dump());
    }
    if (schema.contains("items")) {
      for (size_t i = 0; i < v.size(); ++i) check(v[i], schema["items"], path + "/" + std::to_string(i));
    }
  }

  void check_object(const json& v, const json& schema, const std::string& path) {
    for (const json& name : schema.value("required", json::array())) {
      if (!v.contains(name.get<std::string>())) fail(path, "missing required property " + name.dump());
    }
    const json props = schema.value("properties", json::object());
    for (const auto& [key, value] : v.items()) {
      const std::string child = path + "/" + key;
      if (schema.contains("propertyNames")) check(json(key), schema["propertyNames"], child);
      if (props.contains(key)) {
        check(value, props[key], child);
      } else if (schema.contains("additionalProperties")) {
        check(value, schema["additionalProperties"], child);
      }
    }
  }

  const json& root_;
};

}  // namespace

std::vector<std::string> validate_json_schema(const nlohmann::json& instance, const nlohmann::json& schema) {
  Validator v(schema);
  v.check(instance, schema, "");
  return v.errors;
}

}  // namespace tt::testing
