#include "portal/rules/duplicates.h"

#include <algorithm>
#include <array>

namespace portal {
namespace {


constexpr auto kReasons =
    std::to_array<std::string_view>({"company", "email_domain", "web_domain"});

// Legal-form words dropped from the end of a company name (already case-folded, dots removed).
constexpr auto kLegalSuffixes = std::to_array<std::string_view>(
    {"gmbh", "mbh",         "ag",      "kg",      "kgaa",         "ohg", "ug",  "gbr",
     "se",   "ltd",         "limited", "inc",     "incorporated", "llc", "llp", "plc",
     "corp", "corporation", "co",      "company", "cie",          "sa",  "sas", "sarl",
     "srl",  "spa",         "bv",      "nv",      "pty",          "oy"});

// "& Co" loses its "&" as punctuation; the spelled-out joiners go with the "Co" they precede.
constexpr auto kJoiners = std::to_array<std::string_view>({"and", "und", "et"});

constexpr auto kFreeMail = std::to_array<std::string_view>(
    {"gmail.com",      "googlemail.com", "outlook.com", "hotmail.com", "live.com",    "msn.com",
     "yahoo.com",      "ymail.com",      "icloud.com",  "me.com",      "mac.com",     "aol.com",
     "gmx.de",         "gmx.net",        "gmx.com",     "web.de",      "t-online.de", "proton.me",
     "protonmail.com", "pm.me",          "mail.com"});

// Families with a domain per country (yahoo.co.uk, hotmail.fr, outlook.de, ...).
constexpr auto kFreeMailFamilies =
    std::to_array<std::string_view>({"yahoo.", "hotmail.", "outlook.", "live."});

char ascii_lower(char c) {
  return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}
bool is_ascii_alnum(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}
bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}
bool is_ascii_lower_word(std::string_view s, size_t n) {
  return s.size() == n &&
         std::all_of(s.begin(), s.end(), [](char c) { return c >= 'a' && c <= 'z'; });
}

// The part after a free-mail family prefix: a country ("fr"), "com", or "co."/"com." plus a
// country ("co.uk", "com.au"). Anything else ("acme.com" in "live.acme.com") is a company's host.
bool is_country_suffix(std::string_view rest) {
  if (rest == "com" || is_ascii_lower_word(rest, 2)) return true;
  for (std::string_view mid : {std::string_view("co."), std::string_view("com.")})
    if (rest.starts_with(mid) && is_ascii_lower_word(rest.substr(mid.size()), 2)) return true;
  return false;
}

template <size_t N>
bool contains(const std::array<std::string_view, N>& set, std::string_view s) {
  return std::find(set.begin(), set.end(), s) != set.end();
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  return s;
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = ascii_lower(c);
  return out;
}

// What a registration says about which company it is, normalised once.
using Signals = RegistrationKeys;

Signals signals_of(std::string_view company, std::string_view email, std::string_view website) {
  return registration_keys(company, email, website);
}

bool same(const std::string& a, const std::string& b) {
  return !a.empty() && a == b;
}

std::optional<MatchReason> match(const Signals& a, const Signals& b) {
  if (same(a.company, b.company)) return MatchReason::Company;
  if (same(a.mail_domain, b.mail_domain)) return MatchReason::EmailDomain;
  if (same(a.web_domain, b.web_domain) || same(a.web_domain, b.mail_domain) ||
      same(a.mail_domain, b.web_domain))
    return MatchReason::WebDomain;
  return std::nullopt;
}

std::string describe(const ConflictMatch& m) {
  if (m.is_customer_account) return "customer account \"" + m.company + "\"";
  return "lead \"" + m.company + "\" (" + std::string(lead_stage_label(m.stage)) + ")";
}

}  // namespace

RegistrationKeys registration_keys(std::string_view company, std::string_view email,
                                   std::string_view website) {
  RegistrationKeys k;
  k.company = normalise_company(company);
  k.mail_domain = email_domain(email);
  if (is_free_mail_domain(k.mail_domain)) k.mail_domain.clear();
  k.web_domain = normalise_domain(website);
  // "gmail.com" is nobody's site either.
  if (is_free_mail_domain(k.web_domain)) k.web_domain.clear();
  return k;
}

std::string normalise_company(std::string_view name) {
  std::vector<std::string> words(1);
  for (char c : name) {
    const bool plain = is_ascii_alnum(c) || static_cast<unsigned char>(c) >= 0x80;
    if (plain) {
      words.back().push_back(ascii_lower(c));
    } else if (c == '.' || c == '\'') {
      continue;  // abbreviations and possessives join up: "B.V." -> "bv", "Joe's" -> "joes"
    } else if (!words.back().empty()) {
      words.emplace_back();
    }
  }
  if (words.back().empty()) words.pop_back();
  // Never strip the last remaining word: a company called "AG" is still "ag".
  while (words.size() > 1 && contains(kLegalSuffixes, words.back())) {
    const bool was_co = words.back() == "co" || words.back() == "cie" || words.back() == "company";
    words.pop_back();
    if (was_co && words.size() > 1 && contains(kJoiners, words.back())) words.pop_back();
  }
  std::string out;
  for (const auto& w : words) {
    if (!out.empty()) out.push_back(' ');
    out += w;
  }
  return out;
}

std::string normalise_domain(std::string_view url) {
  std::string_view s = trim(url);
  if (const size_t scheme = s.find("://"); scheme != std::string_view::npos) {
    s.remove_prefix(scheme + 3);
  } else if (s.starts_with("//")) {
    s.remove_prefix(2);
  }
  s = s.substr(0, s.find_first_of("/?#"));
  if (const size_t at = s.rfind('@'); at != std::string_view::npos) s.remove_prefix(at + 1);
  if (!s.starts_with('[')) s = s.substr(0, s.find(':'));  // keep IPv6 literals whole
  while (!s.empty() && s.back() == '.') s.remove_suffix(1);
  std::string host = lower(s);
  if (host.starts_with("www.")) host.erase(0, 4);
  return host;
}

std::string normalise_email(std::string_view email) {
  return lower(trim(email));
}

std::string email_domain(std::string_view email) {
  const std::string_view s = trim(email);
  const size_t at = s.rfind('@');
  if (at == std::string_view::npos) return {};
  std::string_view d = s.substr(at + 1);
  while (!d.empty() && d.back() == '.') d.remove_suffix(1);
  return lower(d);
}

bool is_free_mail_domain(std::string_view domain) {
  const std::string d = lower(domain);
  if (contains(kFreeMail, d)) return true;
  return std::any_of(kFreeMailFamilies.begin(), kFreeMailFamilies.end(), [&](std::string_view f) {
    return d.starts_with(f) && is_country_suffix(std::string_view(d).substr(f.size()));
  });
}

std::string_view to_string(MatchReason r) {
  return kReasons[static_cast<size_t>(r)];
}

std::optional<MatchReason> match_reason_from_string(std::string_view s) {
  for (size_t i = 0; i < kReasons.size(); ++i)
    if (kReasons[i] == s) return static_cast<MatchReason>(i);
  return std::nullopt;
}

bool still_conflicts(const ExistingRegistration& r, const ConflictScope& scope) {
  if (r.is_customer_account || is_open(r.stage)) return true;
  const UnixTime since = r.closed_at.value_or(r.registered_at);
  return scope.now - since <= static_cast<int64_t>(scope.closed_expiry_days) * kSecondsPerDay;
}

std::optional<MatchReason> match_reason(const LeadDraft& candidate,
                                        const std::optional<std::string>& website,
                                        const ExistingRegistration& r) {
  return match(signals_of(candidate.company, candidate.email, website.value_or("")),
               signals_of(r.company, r.email, r.website));
}

ConflictReport find_conflicts(const LeadDraft& candidate, const std::optional<std::string>& website,
                              const std::vector<ExistingRegistration>& existing,
                              const Actor& submitter, const ConflictScope& scope) {
  // Same rule as may_read_org: a vendor role only counts inside the vendor's organisation.
  const bool sees_all = is_vendor_actor(submitter, scope.vendor_org);
  const Signals mine = signals_of(candidate.company, candidate.email, website.value_or(""));
  ConflictReport out;
  for (const ExistingRegistration& r : existing) {
    if (!still_conflicts(r, scope)) continue;
    const auto reason = match(mine, signals_of(r.company, r.email, r.website));
    if (!reason) continue;
    if (!sees_all && r.org_id != submitter.org_id) {
      out.registered_elsewhere = true;
      continue;
    }
    out.matches.push_back(ConflictMatch{r.id, r.org_id, r.company, r.stage, r.registered_at,
                                        r.is_customer_account, *reason});
  }
  std::sort(out.matches.begin(), out.matches.end(),
            [](const ConflictMatch& a, const ConflictMatch& b) {
              if (a.registered_at != b.registered_at) return a.registered_at < b.registered_at;
              return a.registration_id < b.registration_id;
            });

  if (sees_all) {
    if (!out.matches.empty()) {
      const size_t n = out.matches.size();
      out.message = "This company matches " + std::to_string(n) + " existing registration" +
                    (n == 1 ? "" : "s") + ". The oldest came first; review before assigning it.";
    }
    return out;
  }
  if (!out.matches.empty()) {
    const ConflictMatch& first = out.matches.front();
    out.message = out.matches.size() == 1
                      ? "You already registered this company: " + describe(first) + "."
                      : "You already registered this company " +
                            std::to_string(out.matches.size()) + " times, first as " +
                            describe(first) + ".";
    out.message += " Update that registration instead of submitting a new one.";
  }
  if (out.registered_elsewhere) {
    if (!out.message.empty()) out.message += " ";
    out.message +=
        "This company is already registered by another partner or is an existing customer, so "
        "the lead was not registered. Your partner manager will review the registration and "
        "tell you who it is assigned to; message them if you already work with this customer.";
  }
  return out;
}

}  // namespace portal
