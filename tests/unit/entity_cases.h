// Table-driven checks shared by the entity tests: a valid entity, then one mutation per rule,
// each expected to produce exactly one error on the named field; and codec round trips.
#pragma once
#include <gtest/gtest.h>

#include <functional>
#include <initializer_list>
#include <string>
#include <vector>

#include "portal/protocol/model_codecs.h"
#include "portal/rules/entity_validation.h"

namespace portal::testing {

inline std::string describe(const std::vector<FieldError>& errors) {
  std::string out;
  for (const auto& e : errors) out += "[" + e.field + ": " + e.message + "] ";
  return out;
}

template <class T>
struct InvalidCase {
  const char* name;
  std::function<void(T&)> mutate;
  const char* field;
};

// `good` passes; each case's mutation of `good` fails with one sentence on its field.
template <class T, class Validate>
void expect_validation(const T& good, Validate validate,
                       std::initializer_list<InvalidCase<T>> cases) {
  EXPECT_TRUE(validate(good).empty()) << "good case: " << describe(validate(good));
  for (const auto& c : cases) {
    T t = good;
    c.mutate(t);
    const auto errors = validate(t);
    ASSERT_EQ(errors.size(), 1u) << c.name << ": " << describe(errors);
    EXPECT_EQ(errors[0].field, c.field) << c.name << ": " << errors[0].message;
    EXPECT_FALSE(errors[0].message.empty()) << c.name;
    EXPECT_EQ(errors[0].message.back(), '.') << c.name << ": " << errors[0].message;
  }
}

// to_json then decode gives back the same entity, also through the text form.
template <class T, class Decode>
void expect_round_trip(const T& value, Decode decode) {
  const Json j = to_json(value);
  auto direct = decode(j);
  ASSERT_TRUE(direct.has_value()) << j.dump();
  EXPECT_EQ(*direct, value) << j.dump();
  auto through_text = decode(Json::parse(j.dump()));
  ASSERT_TRUE(through_text.has_value());
  EXPECT_EQ(*through_text, value);
}

}  // namespace portal::testing
