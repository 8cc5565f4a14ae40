// Small typed readers over nlohmann::json that never throw: a missing or mistyped field is
// nullopt, so decoders can turn it into a typed error. Private to portal_core's sources.
#pragma once
#include <optional>
#include <string>

#include "portal/protocol/frames.h"

namespace portal::detail {

inline const Json* field(const Json& j, const char* name) {
  if (!j.is_object()) return nullptr;
  auto it = j.find(name);
  return it == j.end() ? nullptr : &*it;
}

inline std::optional<std::string> get_string(const Json& j, const char* name) {
  const Json* f = field(j, name);
  if (f == nullptr || !f->is_string()) return std::nullopt;
  return f->get<std::string>();
}

inline std::optional<int64_t> get_int(const Json& j, const char* name) {
  const Json* f = field(j, name);
  if (f == nullptr || !(f->is_number_integer() || f->is_number_unsigned())) return std::nullopt;
  if (f->is_number_unsigned() && f->get<uint64_t>() > uint64_t(INT64_MAX)) return std::nullopt;
  return f->get<int64_t>();
}

inline std::optional<bool> get_bool(const Json& j, const char* name) {
  const Json* f = field(j, name);
  if (f == nullptr || !f->is_boolean()) return std::nullopt;
  return f->get<bool>();
}

// Serialises without ever throwing: invalid UTF-8 is replaced rather than raising.
inline std::string dump(const Json& j) { return j.dump(-1, ' ', false, Json::error_handler_t::replace); }

}  // namespace portal::detail
