#include "portal/rules/validation.h"

#include <gtest/gtest.h>

namespace portal {
namespace {

std::vector<std::string> fields_of(const std::vector<FieldError>& errors) {
  std::vector<std::string> out;
  for (const auto& e : errors) out.push_back(e.field);
  return out;
}

LeadDraft good_lead() {
  return LeadDraft{"Globex GmbH", "Hanna Weber", "hanna.weber@globex.example", "+49 30 1234567",
                   "Wants a pilot in Q3.", 4'500'000, "EUR"};
}

TEST(EmailValidation, AcceptsOrdinaryAddresses) {
  for (const char* ok : {"a@b.co", "dana.fischer@acme.example", "x+tag@sub.domain.org",
                         "ülrich@müller.de"})
    EXPECT_TRUE(is_valid_email(ok)) << ok;
}

TEST(EmailValidation, RejectsMalformedAddresses) {
  for (const char* bad : {"", "plain", "@acme.example", "a@", "a@b", "a@@b.co", "a b@c.co",
                          "a@b..co", ".a@b.co", "a.@b.co", "a@-b.co", "a@b.co-", "a..b@c.co",
                          "a<b@c.co"})
    EXPECT_FALSE(is_valid_email(bad)) << bad;
  EXPECT_FALSE(is_valid_email(std::string(250, 'a') + "@b.co"));
}

TEST(Utf8Validation, RejectsBrokenSequences) {
  EXPECT_TRUE(is_valid_utf8("Grüße, 日本, 🙂"));
  EXPECT_FALSE(is_valid_utf8("\xC3"));            // truncated
  EXPECT_FALSE(is_valid_utf8("\xC0\xAF"));        // overlong '/'
  EXPECT_FALSE(is_valid_utf8("\xED\xA0\x80"));    // surrogate
  EXPECT_FALSE(is_valid_utf8("\xF4\x90\x80\x80"));  // past U+10FFFF
  EXPECT_FALSE(is_valid_utf8("\xFF"));
}

TEST(LoginValidation, OneErrorPerProblem) {
  EXPECT_TRUE(validate_login("dana.fischer@acme.example", "portal-demo-2026").empty());
  EXPECT_EQ(fields_of(validate_login("", "")), (std::vector<std::string>{"email", "password"}));
  EXPECT_EQ(fields_of(validate_login("nope", "x")), std::vector<std::string>{"email"});
  EXPECT_EQ(fields_of(validate_login("a@b.co", std::string(kMaxPassword + 1, 'p'))),
            std::vector<std::string>{"password"});
  EXPECT_EQ(validate_login("   ", "x").front().message, "Enter your e-mail address.");
}

TEST(LeadValidation, AGoodLeadPasses) { EXPECT_TRUE(validate_lead(good_lead()).empty()); }

struct LeadCase {
  const char* name;
  void (*mutate)(LeadDraft&);
  const char* field;
};

class LeadInvalid : public ::testing::TestWithParam<LeadCase> {};

TEST_P(LeadInvalid, NamesTheField) {
  LeadDraft d = good_lead();
  GetParam().mutate(d);
  const auto errors = validate_lead(d);
  ASSERT_EQ(errors.size(), 1u) << GetParam().name;
  EXPECT_EQ(errors[0].field, GetParam().field);
  EXPECT_FALSE(errors[0].message.empty());
}

INSTANTIATE_TEST_SUITE_P(
    Table, LeadInvalid,
    ::testing::Values(
        LeadCase{"blank company", [](LeadDraft& d) { d.company = "  "; }, "company"},
        LeadCase{"long company", [](LeadDraft& d) { d.company = std::string(kMaxName + 1, 'x'); }, "company"},
        LeadCase{"control char", [](LeadDraft& d) { d.company = "Acme\x01"; }, "company"},
        LeadCase{"newline in name", [](LeadDraft& d) { d.contact = "Hanna\nWeber"; }, "contact"},
        LeadCase{"no contact", [](LeadDraft& d) { d.contact = ""; }, "contact"},
        LeadCase{"no email", [](LeadDraft& d) { d.email = ""; }, "email"},
        LeadCase{"bad email", [](LeadDraft& d) { d.email = "hanna at globex"; }, "email"},
        LeadCase{"letters in phone", [](LeadDraft& d) { d.phone = "call me"; }, "phone"},
        LeadCase{"short phone", [](LeadDraft& d) { d.phone = "123"; }, "phone"},
        LeadCase{"long notes", [](LeadDraft& d) { d.notes = std::string(kMaxNotes + 1, 'n'); }, "notes"},
        LeadCase{"broken utf8 notes", [](LeadDraft& d) { d.notes = "\xC3"; }, "notes"},
        LeadCase{"negative value", [](LeadDraft& d) { d.value_minor = -1; }, "value_minor"},
        LeadCase{"huge value", [](LeadDraft& d) { d.value_minor = kMaxLeadValueMinor + 1; }, "value_minor"},
        LeadCase{"bad currency", [](LeadDraft& d) { d.currency = "eur"; }, "currency"},
        LeadCase{"website with newline", [](LeadDraft& d) { d.website = "a\nb"; }, "website"}),
    [](const auto& info) {
      std::string n = info.param.name;
      for (char& c : n) if (!isalnum(static_cast<unsigned char>(c))) c = '_';
      return n;
    });

TEST(LeadValidation, OptionalFieldsMayBeEmptyAndNotesMayHaveNewlines) {
  LeadDraft d = good_lead();
  d.phone.clear();
  d.notes = "Line one\nLine two";
  d.value_minor = 0;
  EXPECT_TRUE(validate_lead(d).empty());
}

TEST(LeadValidation, ReportsEveryBadFieldOnce) {
  LeadDraft d;
  d.currency = "";
  EXPECT_EQ(fields_of(validate_lead(d)),
            (std::vector<std::string>{"company", "contact", "email", "currency"}));
}

}  // namespace
}  // namespace portal
