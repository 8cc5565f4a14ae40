// Schema version 12: every lead carries the keys the duplicate check compares (portal_core's
// registration_keys: normalised company, e-mail domain, web domain), indexed, so a new lead is
// checked against the registrations sharing a key instead of every lead of the program (400,000
// at 10,000 partners). NULL means "not computed yet": the store fills those in when it opens.
#pragma once
#include <string_view>

namespace portal::server {

inline constexpr std::string_view kSchemaV12LeadKeys = R"sql(
ALTER TABLE leads ADD COLUMN company_key TEXT;
ALTER TABLE leads ADD COLUMN mail_key    TEXT;
ALTER TABLE leads ADD COLUMN web_key     TEXT;
CREATE INDEX leads_company_key ON leads(company_key);
CREATE INDEX leads_mail_key    ON leads(mail_key);
CREATE INDEX leads_web_key     ON leads(web_key);
)sql";

}  // namespace portal::server
