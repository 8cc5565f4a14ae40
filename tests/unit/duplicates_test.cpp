#include "portal/rules/duplicates.h"

#include <gtest/gtest.h>

namespace portal {
namespace {

struct TextCase {
  const char* in;
  const char* out;
};

class CompanyNames : public ::testing::TestWithParam<TextCase> {};

TEST_P(CompanyNames, Normalise) {
  EXPECT_EQ(normalise_company(GetParam().in), GetParam().out) << GetParam().in;
}

INSTANTIATE_TEST_SUITE_P(
    Table, CompanyNames,
    ::testing::Values(
        TextCase{"Acme GmbH", "acme"}, TextCase{"ACME gmbh.", "acme"},
        TextCase{"  Acme   Holding\tLtd ", "acme holding"}, TextCase{"Acme, Inc.", "acme"},
        TextCase{"Acme LLC", "acme"}, TextCase{"Müller GmbH & Co. KG", "müller"},
        TextCase{"Smith and Co", "smith"}, TextCase{"Smith & Co.", "smith"},
        TextCase{"Globex S.A.", "globex"}, TextCase{"Globex SAS", "globex"},
        TextCase{"Initech B.V.", "initech"}, TextCase{"Hooli plc", "hooli"},
        TextCase{"Umbrella Corp.", "umbrella"}, TextCase{"Stark Industries AG", "stark industries"},
        TextCase{"Smith-Jones Ltd", "smith jones"}, TextCase{"Joe's Pizza", "joes pizza"},
        // Only trailing words: "Inc" inside the name stays.
        TextCase{"Inc Magazine Ltd", "inc magazine"},
        TextCase{"Gagosian", "gagosian"},  // ends in "sian", not a suffix word
        // The last remaining word is never dropped.
        TextCase{"AG", "ag"}, TextCase{"Co. KG", "co"}, TextCase{"", ""}, TextCase{" .,;- ", ""}));

class WebDomains : public ::testing::TestWithParam<TextCase> {};

TEST_P(WebDomains, Normalise) {
  EXPECT_EQ(normalise_domain(GetParam().in), GetParam().out) << GetParam().in;
}

INSTANTIATE_TEST_SUITE_P(
    Table, WebDomains,
    ::testing::Values(TextCase{"https://WWW.Acme.com:8443/de?x=1#top", "acme.com"},
                      TextCase{"http://acme.com/", "acme.com"}, TextCase{"acme.com", "acme.com"},
                      TextCase{"www.acme.co.uk/contact", "acme.co.uk"},
                      TextCase{"//shop.acme.com", "shop.acme.com"},
                      TextCase{"ftp://user:pw@files.acme.com:21/x", "files.acme.com"},
                      TextCase{" Acme.COM. ", "acme.com"}, TextCase{"wwwacme.com", "wwwacme.com"},
                      TextCase{"", ""}, TextCase{"https://", ""}));

TEST(Duplicates, EmailNormalisationAndDomain) {
  EXPECT_EQ(normalise_email(" Jane.Doe@Acme.COM "), "jane.doe@acme.com");
  EXPECT_EQ(email_domain("Jane.Doe@Acme.COM"), "acme.com");
  EXPECT_EQ(email_domain("\"odd@name\"@Sub.Acme.de."), "sub.acme.de");
  EXPECT_EQ(email_domain("no-at-sign"), "");
  EXPECT_EQ(email_domain("trailing@"), "");
}

TEST(Duplicates, FreeMailProviders) {
  for (const char* d :
       {"gmail.com", "GMAIL.COM", "outlook.com", "yahoo.com", "hotmail.com", "gmx.de", "web.de",
        "icloud.com", "proton.me", "yahoo.co.uk", "hotmail.fr", "outlook.de", "yahoo.com.au"})
    EXPECT_TRUE(is_free_mail_domain(d)) << d;
  for (const char* d :
       {"acme.com", "live.acme.com", "outlook.acme.de", "mygmail.com", "de.web", ""})
    EXPECT_FALSE(is_free_mail_domain(d)) << d;
}

TEST(Duplicates, MatchReasonWireNamesRoundTrip) {
  for (auto r : {MatchReason::Company, MatchReason::EmailDomain, MatchReason::WebDomain})
    EXPECT_EQ(match_reason_from_string(to_string(r)), r);
  EXPECT_FALSE(match_reason_from_string("name").has_value());
}

constexpr UnixTime kNow = 1'750'000'000;
constexpr UnixTime kDay = 86'400;

ExistingRegistration reg(const char* id, const char* org, const char* company, const char* email,
                         const char* website, LeadStage stage = LeadStage::Qualified,
                         UnixTime at = kNow - 10 * kDay) {
  return ExistingRegistration{id, org, company, email, website, stage, at, std::nullopt, false};
}

LeadDraft draft(const char* company, const char* email) {
  LeadDraft d;
  d.company = company;
  d.contact = "Jane Doe";
  d.email = email;
  d.value_minor = 1'000'000;
  return d;
}

struct MatchCase {
  const char* what;
  const char* company;
  const char* email;
  const char* website;  // nullptr = none given
  ExistingRegistration existing;
  std::optional<MatchReason> reason;
};

class Matching : public ::testing::TestWithParam<MatchCase> {};

TEST_P(Matching, FindsTheFirstReason) {
  const auto& c = GetParam();
  const std::optional<std::string> site =
      c.website ? std::optional<std::string>(c.website) : std::nullopt;
  EXPECT_EQ(match_reason(draft(c.company, c.email), site, c.existing), c.reason) << c.what;
}

INSTANTIATE_TEST_SUITE_P(
    Table, Matching,
    ::testing::Values(
        MatchCase{"same company, other spelling", "ACME GmbH", "jane@gmail.com", nullptr,
                  reg("l1", "p1", "Acme", "", ""), MatchReason::Company},
        MatchCase{"same corporate mail domain", "Acme Europe", "jane@acme.com", nullptr,
                  reg("l1", "p1", "Acme Inc", "bob@ACME.com", ""), MatchReason::EmailDomain},
        MatchCase{"same free-mail domain is no signal", "Acme Europe", "jane@gmail.com", nullptr,
                  reg("l1", "p1", "Roadrunner", "bob@gmail.com", ""), std::nullopt},
        MatchCase{"same website", "Acme Europe", "jane@gmail.com", "https://www.acme.com/en",
                  reg("l1", "p1", "Roadrunner", "", "acme.com"), MatchReason::WebDomain},
        MatchCase{"own e-mail domain is their website", "Acme Europe", "jane@acme.com", nullptr,
                  reg("l1", "p1", "Roadrunner", "", "http://acme.com"), MatchReason::WebDomain},
        MatchCase{"own website is their e-mail domain", "Acme Europe", "jane@gmx.de", "acme.com",
                  reg("l1", "p1", "Roadrunner", "x@acme.com", ""), MatchReason::WebDomain},
        MatchCase{"free-mail site never matches", "A", "a@gmx.de", "gmail.com",
                  reg("l1", "p1", "B", "b@gmail.com", "gmail.com"), std::nullopt},
        MatchCase{"empty fields never match", "", "", "", reg("l1", "p1", "", "", ""),
                  std::nullopt},
        MatchCase{"subdomain is a different domain (no public-suffix list)", "X", "x@gmx.de",
                  "shop.acme.com", reg("l1", "p1", "Y", "", "acme.com"), std::nullopt}));

struct ExpiryCase {
  LeadStage stage;
  bool customer;
  UnixTime registered_at;
  std::optional<UnixTime> closed_at;
  bool conflicts;
};

class Expiry : public ::testing::TestWithParam<ExpiryCase> {};

TEST_P(Expiry, ClosedRegistrationsStopConflictingAfterNDays) {
  const auto& c = GetParam();
  ExistingRegistration r = reg("l1", "p1", "Acme", "", "", c.stage, c.registered_at);
  r.closed_at = c.closed_at;
  r.is_customer_account = c.customer;
  EXPECT_EQ(still_conflicts(r, ConflictScope{"vendor", kNow, 90}), c.conflicts)
      << to_string(c.stage);
}

INSTANTIATE_TEST_SUITE_P(
    Table, Expiry,
    ::testing::Values(
        ExpiryCase{LeadStage::Submitted, false, kNow - 900 * kDay, std::nullopt, true},
        ExpiryCase{LeadStage::Proposal, false, kNow - 900 * kDay, std::nullopt, true},
        ExpiryCase{LeadStage::Lost, false, kNow - 90 * kDay, std::nullopt, true},  // exactly N
        ExpiryCase{LeadStage::Lost, false, kNow - 90 * kDay - 1, std::nullopt, false},
        ExpiryCase{LeadStage::Rejected, false, kNow - 91 * kDay, std::nullopt, false},
        ExpiryCase{LeadStage::Won, false, kNow - 91 * kDay, std::nullopt, false},
        // Registered long ago but closed only last week: the closing date counts.
        ExpiryCase{LeadStage::Lost, false, kNow - 400 * kDay, kNow - 7 * kDay, true},
        // A customer account never expires.
        ExpiryCase{LeadStage::Won, true, kNow - 900 * kDay, kNow - 800 * kDay, true}));

// Acme is registered by partner p1 (open) and p2 (lost long ago); Globex by p2 as a customer.
std::vector<ExistingRegistration> book() {
  auto old_lost =
      reg("l-old", "p2", "Acme AG", "ceo@acme.com", "", LeadStage::Lost, kNow - 400 * kDay);
  auto globex = reg("a-9", "p2", "Globex", "", "globex.com", LeadStage::Won, kNow - 300 * kDay);
  globex.is_customer_account = true;
  return {
      reg("l-7", "p1", "ACME GmbH", "bob@acme.com", "", LeadStage::Demo, kNow - 3 * kDay),
      old_lost,
      globex,
      reg("l-2", "p1", "Acme", "", "", LeadStage::Submitted, kNow - 20 * kDay),
      reg("l-5", "p3", "Roadrunner", "x@rr.io", "rr.io"),
  };
}

const ConflictScope kScope{"vendor", kNow, 90};

TEST(Conflicts, OwnRegistrationsAreNamedOldestFirst) {
  const ConflictReport r = find_conflicts(draft("Acme", "jane@acme.com"), std::nullopt, book(),
                                          Actor{"u1", "p1", Role::PartnerUser}, kScope);
  ASSERT_EQ(r.matches.size(), 2u);
  EXPECT_EQ(r.matches[0], (ConflictMatch{"l-2", "p1", "Acme", LeadStage::Submitted,
                                         kNow - 20 * kDay, false, MatchReason::Company}));
  EXPECT_EQ(r.matches[1].registration_id, "l-7");
  EXPECT_FALSE(r.registered_elsewhere);  // p2's lost lead expired
  EXPECT_EQ(r.message,
            "You already registered this company 2 times, first as lead \"Acme\" (Submitted). "
            "Update that registration instead of submitting a new one.");
}

TEST(Conflicts, AnotherPartnersRegistrationIsNeverDescribed) {
  const auto existing = book();
  const ConflictReport r = find_conflicts(draft("Acme Corp.", "jane@gmail.com"), "https://acme.com",
                                          existing, Actor{"u3", "p3", Role::PartnerAdmin}, kScope);
  EXPECT_TRUE(r.has_conflict());
  EXPECT_TRUE(r.registered_elsewhere);
  EXPECT_TRUE(r.matches.empty());
  EXPECT_NE(r.message.find("already registered by another partner"), std::string::npos);
  EXPECT_NE(r.message.find("partner manager will review"), std::string::npos);
  // Nothing about the holder leaks through the message.
  for (const auto& e : existing)
    for (const std::string& secret : {e.id, e.org_id, e.email, e.company})
      if (!secret.empty()) EXPECT_EQ(r.message.find(secret), std::string::npos) << secret;
}

TEST(Conflicts, OwnAndOthersTogether) {
  // p1 checks Globex: p2 holds it as a customer account and p1 registered it as well.
  auto existing = book();
  existing.push_back(reg("l-8", "p1", "Globex Ltd", "", "", LeadStage::Qualified, kNow - kDay));
  const ConflictReport r = find_conflicts(draft("globex", "jo@globex.com"), std::nullopt, existing,
                                          Actor{"u1", "p1", Role::PartnerUser}, kScope);
  ASSERT_EQ(r.matches.size(), 1u);
  EXPECT_EQ(r.matches[0].registration_id, "l-8");
  EXPECT_TRUE(r.registered_elsewhere);
  EXPECT_EQ(
      r.message.rfind("You already registered this company: lead \"Globex Ltd\" (Qualified).", 0),
      0u);
  EXPECT_NE(r.message.find("another partner"), std::string::npos);
}

TEST(Conflicts, VendorStaffSeeEveryMatch) {
  const ConflictReport r = find_conflicts(draft("Acme", "jane@acme.com"), std::nullopt, book(),
                                          Actor{"m1", "vendor", Role::PartnerManager}, kScope);
  ASSERT_EQ(r.matches.size(), 2u);  // the two open p1 leads; p2's lost lead expired
  EXPECT_FALSE(r.registered_elsewhere);
  EXPECT_EQ(r.message,
            "This company matches 2 existing registrations. The oldest came first; review before "
            "assigning it.");
  const ConflictReport globex = find_conflicts(draft("Globex", ""), std::nullopt, book(),
                                               Actor{"m1", "vendor", Role::VendorAdmin}, kScope);
  ASSERT_EQ(globex.matches.size(), 1u);
  EXPECT_EQ(globex.matches[0].org_id, "p2");
  EXPECT_TRUE(globex.matches[0].is_customer_account);
  // A vendor role claimed inside a partner organisation sees only the partner view.
  const ConflictReport forged = find_conflicts(draft("Globex", ""), std::nullopt, book(),
                                               Actor{"x", "p3", Role::VendorAdmin}, kScope);
  EXPECT_TRUE(forged.matches.empty());
  EXPECT_TRUE(forged.registered_elsewhere);
}

TEST(Conflicts, ClearWhenNothingMatches) {
  const ConflictReport r =
      find_conflicts(draft("Wayne Enterprises", "bruce@gmail.com"), "wayne.example", book(),
                     Actor{"u1", "p1", Role::PartnerUser}, kScope);
  EXPECT_EQ(r, ConflictReport{});
  EXPECT_FALSE(r.has_conflict());
  EXPECT_FALSE(find_conflicts(draft("Acme", "a@acme.com"), std::nullopt, {},
                              Actor{"u1", "p1", Role::PartnerUser}, kScope)
                   .has_conflict());
}

TEST(Conflicts, ExpiryWindowIsConfigurable) {
  // With a 500-day window p2's lost Acme lead (400 days old) counts again.
  const ConflictScope long_memory{"vendor", kNow, 500};
  const ConflictReport r = find_conflicts(draft("Acme", ""), std::nullopt, book(),
                                          Actor{"u3", "p3", Role::PartnerUser}, long_memory);
  EXPECT_TRUE(r.registered_elsewhere);
  const ConflictReport own = find_conflicts(draft("Acme", ""), std::nullopt, book(),
                                            Actor{"u2", "p2", Role::PartnerUser}, long_memory);
  ASSERT_EQ(own.matches.size(), 1u);
  EXPECT_EQ(own.matches[0].stage, LeadStage::Lost);
  EXPECT_TRUE(own.registered_elsewhere);  // p1's open leads
}

// The keys stored beside each lead are what the rule compares, so the store can look up only
// the leads sharing one and the rule still decides.
TEST(RegistrationKeys, AreTheNormalisedSignalsTheRuleCompares) {
  const RegistrationKeys k =
      registration_keys("Müller GmbH & Co. KG", " Jane@Mueller.DE ", "https://www.mueller.de/x");
  EXPECT_EQ(k.company, "müller");
  EXPECT_EQ(k.mail_domain, "mueller.de");
  EXPECT_EQ(k.web_domain, "mueller.de");
  // Free-mail says nothing about the company, as an address or as a "website".
  const RegistrationKeys free = registration_keys("Solo", "solo@gmail.com", "gmail.com");
  EXPECT_EQ(free.mail_domain, "");
  EXPECT_EQ(free.web_domain, "");
  EXPECT_EQ(registration_keys("", "", ""), RegistrationKeys{});
  // Two drafts match exactly when they share a non-empty key.
  ExistingRegistration r{"l1", "org-a", "MUELLER GMBH", "sales@other.example", "", LeadStage::Submitted};
  LeadDraft d;
  d.company = "Mueller";
  d.email = "x@y.example";
  EXPECT_EQ(match_reason(d, std::nullopt, r), MatchReason::Company);
  EXPECT_EQ(registration_keys(d.company, d.email, "").company,
            registration_keys(r.company, r.email, r.website).company);
}

}  // namespace
}  // namespace portal
