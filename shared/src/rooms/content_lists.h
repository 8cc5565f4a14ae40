// Small list helpers the content rooms share: every content room holds lists of items keyed by
// an id, and its events insert, replace or remove one item. Private to portal_core's sources.
#pragma once
#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include "portal/protocol/frames.h"

namespace portal::detail {

// The item itself, or the member of an entry that carries the id.
template <class T>
const T& item_of(const T& v) {
  return v;
}

template <class Entry, class Item>
const Item& item_of(const Entry& e, Item Entry::*member) {
  return e.*member;
}

template <class T>
Json list_to_json(const std::vector<T>& v) {
  Json a = Json::array();
  for (const T& x : v) a.push_back(to_json(x));
  return a;
}

// Reads j[name] as a list with `read`; false when it is missing or any element is malformed.
template <class T, class Read>
bool list_from_json(const Json& j, const char* name, std::vector<T>& out, Read read) {
  if (!j.is_object() || !j.contains(name) || !j[name].is_array()) return false;
  out.clear();
  for (const Json& e : j[name]) {
    auto x = read(e);
    if (!x) return false;
    out.push_back(std::move(*x));
  }
  return true;
}

// Inserts `v`, or replaces the element with its id; false when an equal element is held.
template <class T>
bool upsert(std::vector<T>& list, T v) {
  auto it = std::find_if(list.begin(), list.end(), [&](const T& x) { return x.id == v.id; });
  if (it == list.end()) {
    list.push_back(std::move(v));
    return true;
  }
  if (*it == v) return false;
  *it = std::move(v);
  return true;
}

template <class Entry, class Item>
bool upsert(std::vector<Entry>& list, Entry v, Item Entry::*member) {
  auto it = std::find_if(list.begin(), list.end(),
                         [&](const Entry& x) { return (x.*member).id == (v.*member).id; });
  if (it == list.end()) {
    list.push_back(std::move(v));
    return true;
  }
  if (*it == v) return false;
  *it = std::move(v);
  return true;
}

inline std::optional<std::string> event_id(const Json& data) {
  if (!data.is_object() || !data.contains("id") || !data["id"].is_string()) return std::nullopt;
  return data["id"].get<std::string>();
}

// Removes the element named by data["id"]; false when there is none.
template <class T>
bool remove_by_id(std::vector<T>& list, const Json& data) {
  auto id = event_id(data);
  if (!id) return false;
  auto it = std::find_if(list.begin(), list.end(), [&](const T& x) { return x.id == *id; });
  if (it == list.end()) return false;
  list.erase(it);
  return true;
}

template <class Entry, class Item>
bool remove_by_id(std::vector<Entry>& list, const Json& data, Item Entry::*member) {
  auto id = event_id(data);
  if (!id) return false;
  auto it = std::find_if(list.begin(), list.end(),
                         [&](const Entry& x) { return (x.*member).id == *id; });
  if (it == list.end()) return false;
  list.erase(it);
  return true;
}

template <class T>
const T* find_by_id(const std::vector<T>& list, const std::string& id) {
  for (const T& x : list)
    if (x.id == id) return &x;
  return nullptr;
}

template <class Entry, class Item>
const Entry* find_by_id(const std::vector<Entry>& list, const std::string& id,
                        Item Entry::*member) {
  for (const Entry& x : list)
    if ((x.*member).id == id) return &x;
  return nullptr;
}

}  // namespace portal::detail
