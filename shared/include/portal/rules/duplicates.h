// Lead duplicate detection: does a lead a partner is about to submit collide with a registration
// that already exists (a lead or a customer account)? The answer tells the submitter only what it
// may see: its own organisation's registrations in full, another party's only as "already
// registered", never whose, never an id or a contact. Vendor staff see everything.
//
// Two registrations match when any of these agree (empty values never match):
//   company   normalise_company of both names
//   e-mail    the domain of both e-mail addresses, unless it is a free-mail provider
//   web       the web domain of both websites, or one's website and the other's e-mail domain
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "portal/model/entities.h"
#include "portal/rules/permissions.h"

namespace portal {

// [SECTION] Normalisation

// Case-folds ASCII, removes dots and apostrophes ("B.V." -> "bv"), turns other ASCII punctuation
// into spaces, collapses whitespace and drops trailing legal-form words (GmbH, Ltd, Inc, LLC, AG,
// SA, SAS, BV, plc, Corp, Co, "& Co", KG, ...) as long as one word remains.
// Non-ASCII bytes pass unchanged: "Müller GmbH & Co. KG" -> "müller".
std::string normalise_company(std::string_view name);
// The host of a web address, lower-case, without scheme, user, "www.", port, path, query or a
// trailing dot: "https://WWW.Acme.com:8443/de?x=1" -> "acme.com". Empty if there is no host.
std::string normalise_domain(std::string_view url);
// The address trimmed and lower-cased: " Jane@Acme.COM " -> "jane@acme.com".
std::string normalise_email(std::string_view email);
// The lower-case domain after the last '@', or "" when there is none.
std::string email_domain(std::string_view email);
// True for public mailbox providers (gmail.com, outlook.com, gmx.de, ...) whose domain says
// nothing about the company.
bool is_free_mail_domain(std::string_view domain);

// What two registrations are compared by, each normalised (empty: never matches). Stored
// beside every lead so a check reads only the registrations that share one of them.
struct RegistrationKeys {
  std::string company;      // normalise_company of the name
  std::string mail_domain;  // the e-mail's domain, empty for free-mail providers
  std::string web_domain;   // the website's domain, empty for free-mail providers too
  friend bool operator==(const RegistrationKeys&, const RegistrationKeys&) = default;
};
RegistrationKeys registration_keys(std::string_view company, std::string_view email,
                                   std::string_view website);

// [SECTION] Conflicts

// A lead or customer account already on file, with everything the check needs.
struct ExistingRegistration {
  Id id;
  Id org_id;
  std::string company;
  std::string email;
  std::string website;
  LeadStage stage = LeadStage::Submitted;
  UnixTime registered_at = 0;
  std::optional<UnixTime> closed_at;  // when it was won/lost/rejected, if known
  bool is_customer_account = false;
};

enum class MatchReason { Company, EmailDomain, WebDomain };
// Wire name: "company", "email_domain", "web_domain".
std::string_view to_string(MatchReason r);
std::optional<MatchReason> match_reason_from_string(std::string_view s);

struct ConflictScope {
  Id vendor_org;  // staff of this organisation see full details
  UnixTime now = 0;
  int32_t closed_expiry_days = 90;  // closed registrations older than this no longer conflict
};

// A colliding registration the submitter may see in full.
struct ConflictMatch {
  Id registration_id;
  Id org_id;
  std::string company;
  LeadStage stage = LeadStage::Submitted;
  UnixTime registered_at = 0;
  bool is_customer_account = false;
  MatchReason reason = MatchReason::Company;  // the first that matched, in enum order
  friend bool operator==(const ConflictMatch&, const ConflictMatch&) = default;
};

struct ConflictReport {
  // What the submitter may see: its own organisation's registrations (partners) or every
  // registration (vendor staff); oldest first.
  std::vector<ConflictMatch> matches;
  // Partner view only: some other organisation holds a matching registration. Nothing more is
  // said, not even how many.
  bool registered_elsewhere = false;
  // One or two sentences telling the submitter what happens next; empty when there is no conflict.
  std::string message;
  // True when anything collides.
  bool has_conflict() const { return registered_elsewhere || !matches.empty(); }
  friend bool operator==(const ConflictReport&, const ConflictReport&) = default;
};

// True when `r` still blocks new registrations at `now`: open leads and customer accounts always;
// won/lost/rejected leads until closed_expiry_days after closed_at (or registered_at if unknown).
bool still_conflicts(const ExistingRegistration& r, const ConflictScope& scope);
// The first reason `candidate` (+ its website) matches `r`, or nullopt.
std::optional<MatchReason> match_reason(const LeadDraft& candidate,
                                        const std::optional<std::string>& website,
                                        const ExistingRegistration& r);
// Checks `candidate` against `existing` and answers as far as `submitter` may see.
ConflictReport find_conflicts(const LeadDraft& candidate, const std::optional<std::string>& website,
                              const std::vector<ExistingRegistration>& existing,
                              const Actor& submitter, const ConflictScope& scope);

}  // namespace portal
