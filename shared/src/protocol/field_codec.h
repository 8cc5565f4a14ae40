// Generic JSON codec over field lists. An entity takes part by one overload, in namespace portal
// (so argument-dependent lookup finds it), that names each field once:
//
//   template <class V> void visit_fields(V& v, Deal& d) { v("id", d.id); v("name", d.name); }
//
// and an enum by an overload of parse_enum(std::type_identity<E>, std::string_view).
// Encoding writes every field; decoding never throws: a missing or null field keeps its default
// (validation then names it), a field of the wrong type or an unknown enum name fails the whole
// decode. Supported field types: std::string, integers (range-checked), bool, enums, Money,
// entities with visit_fields, and std::vector / std::set of those. Private to portal_core.
#pragma once
#include <concepts>
#include <limits>
#include <optional>
#include <set>
#include <type_traits>
#include <vector>

#include "portal/model/money.h"
#include "protocol/json_fields.h"

namespace portal::detail {

struct FieldProbe {
  template <class T>
  void operator()(const char*, T&) {}
};

template <class T>
concept Visitable = requires(FieldProbe& p, T& t) {
  visit_fields(p, t);
};

template <class E>
concept ParsableEnum = std::is_enum_v<E> && requires(std::string_view s) {
  { parse_enum(std::type_identity<E>{}, s) } -> std::same_as<std::optional<E>>;
};

// [SECTION] Declarations, so the definitions below can call one another.

Json write_value(const std::string& v);
Json write_value(bool v);
template <std::integral T>
Json write_value(T v);
template <class E>
requires std::is_enum_v<E> Json write_value(E v);
Json write_value(const Money& m);
template <class T>
Json write_value(const std::vector<T>& v);
template <class T>
Json write_value(const std::set<T>& v);
template <Visitable T>
Json write_value(const T& v);

bool read_value(const Json& j, std::string& out);
bool read_value(const Json& j, bool& out);
template <std::integral T>
bool read_value(const Json& j, T& out);
template <ParsableEnum E>
bool read_value(const Json& j, E& out);
bool read_value(const Json& j, Money& out);
template <class T>
bool read_value(const Json& j, std::vector<T>& out);
template <class T>
bool read_value(const Json& j, std::set<T>& out);
template <Visitable T>
bool read_value(const Json& j, T& out);

// [SECTION] Visitors

struct FieldWriter {
  Json& out;
  template <class T>
  void operator()(const char* name, const T& v) {
    out[name] = write_value(v);
  }
};

struct FieldReader {
  const Json& in;
  bool ok = true;
  template <class T>
  void operator()(const char* name, T& v) {
    if (!ok) return;
    const Json* f = field(in, name);
    if (f != nullptr && !f->is_null() && !read_value(*f, v)) ok = false;
  }
};

// [SECTION] Definitions

inline Json write_value(const std::string& v) {
  return v;
}
inline Json write_value(bool v) {
  return v;
}
template <std::integral T>
Json write_value(T v) {
  return static_cast<int64_t>(v);
}
template <class E>
requires std::is_enum_v<E> Json write_value(E v) {
  return std::string(to_string(v));
}
inline Json write_value(const Money& m) {
  return {{"minor", m.minor}, {"currency", m.currency}};
}
template <class T>
Json write_value(const std::vector<T>& v) {
  Json a = Json::array();
  for (const T& x : v) a.push_back(write_value(x));
  return a;
}
template <class T>
Json write_value(const std::set<T>& v) {
  Json a = Json::array();
  for (const T& x : v) a.push_back(write_value(x));
  return a;
}
template <Visitable T>
Json write_value(const T& v) {
  Json o = Json::object();
  FieldWriter w{o};
  // visit_fields takes a mutable reference so one list serves both directions; the writer only
  // reads through it.
  visit_fields(w, const_cast<T&>(v));
  return o;
}

inline bool read_value(const Json& j, std::string& out) {
  if (!j.is_string()) return false;
  out = j.get<std::string>();
  return true;
}
inline bool read_value(const Json& j, bool& out) {
  if (!j.is_boolean()) return false;
  out = j.get<bool>();
  return true;
}
template <std::integral T>
bool read_value(const Json& j, T& out) {
  if (j.is_number_unsigned()) {
    const uint64_t u = j.get<uint64_t>();
    if (u > static_cast<uint64_t>(std::numeric_limits<T>::max())) return false;
    out = static_cast<T>(u);
    return true;
  }
  if (!j.is_number_integer()) return false;
  const int64_t v = j.get<int64_t>();
  if (v < static_cast<int64_t>(std::numeric_limits<T>::min()) ||
      v > static_cast<int64_t>(std::numeric_limits<T>::max()))
    return false;
  out = static_cast<T>(v);
  return true;
}
template <ParsableEnum E>
bool read_value(const Json& j, E& out) {
  if (!j.is_string()) return false;
  auto parsed = parse_enum(std::type_identity<E>{}, j.get_ref<const std::string&>());
  if (!parsed) return false;
  out = *parsed;
  return true;
}
inline bool read_value(const Json& j, Money& out) {
  auto minor = get_int(j, "minor");
  auto currency = get_string(j, "currency");
  if (!minor || !currency) return false;
  out = Money{*minor, *currency};
  return true;
}
template <class T>
bool read_value(const Json& j, std::vector<T>& out) {
  if (!j.is_array()) return false;
  out.clear();
  for (const Json& e : j) {
    T x{};
    if (!read_value(e, x)) return false;
    out.push_back(std::move(x));
  }
  return true;
}
template <class T>
bool read_value(const Json& j, std::set<T>& out) {
  std::vector<T> items;
  if (!read_value(j, items)) return false;
  out = std::set<T>(items.begin(), items.end());
  return true;
}
template <Visitable T>
bool read_value(const Json& j, T& out) {
  if (!j.is_object()) return false;
  FieldReader r{j};
  visit_fields(r, out);
  return r.ok;
}

// [SECTION] Entry points

template <Visitable T>
Json encode_entity(const T& v) {
  return write_value(v);
}

template <Visitable T>
std::optional<T> decode_entity(const Json& j) {
  T v{};
  if (!read_value(j, v)) return std::nullopt;
  return v;
}

}  // namespace portal::detail
