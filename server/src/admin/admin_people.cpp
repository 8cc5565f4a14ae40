// create-org, create-user, reset-password, invite, list-orgs, list-users.
#include <charconv>
#include <map>
#include <variant>
#include <chrono>
#include <iomanip>
#include <istream>
#include <ostream>

#include "admin/admin_commands.h"
#include "app/invitations.h"
#include "store/outbox_scope.h"
#include "auth/passwords.h"
#include "auth/tokens.h"
#include "portal/rules/entity_validation.h"
#include "portal/rules/validation.h"

namespace portal::server {
namespace {

int64_t whole_number(const std::string& s) {
  int64_t v = 0;
  std::from_chars(s.data(), s.data() + s.size(), v);  // the parser checked the digits
  return v;
}

// The password from --password, else the first line of stdin (without its line ending).
std::string read_password(const AdminArgs& a, std::istream& in) {
  if (a.has("password")) return a.get("password");
  std::string line;
  std::getline(in, line);
  while (!line.empty() && (line.back() == '\r' || line.back() == '\n')) line.pop_back();
  return line;
}

// The portal's rules for a new password; the refusal sentence, or empty when fine.
std::string password_problem(const std::string& email, const std::string& password) {
  if (password.empty()) return "no password given (use --password or one line on stdin)";
  if (password.size() < kMinPassword) {
    return "the password is too short (at least " + std::to_string(kMinPassword) + " characters)";
  }
  for (const FieldError& e : validate_login(email, password)) return e.field + ": " + e.message;
  if (!is_valid_utf8(password)) return "the password is not valid UTF-8 text";
  return {};
}

std::string text_problem(const char* what, const std::string& value, size_t max) {
  if (value.find_first_not_of(" \t") == std::string::npos) return std::string(what) + " is empty";
  if (value.size() > max) {
    return std::string(what) + " is too long (at most " + std::to_string(max) + " bytes)";
  }
  if (!is_valid_utf8(value)) return std::string(what) + " is not valid UTF-8 text";
  return {};
}

// An organisation by id, else by exact name; the refusal when none or several match.
std::variant<Organisation, std::string> find_org(Store& store, const std::string& id_or_name) {
  std::vector<Organisation> named;
  for (Organisation& o : store.list_orgs()) {
    if (o.id == id_or_name) return o;
    if (o.name == id_or_name) named.push_back(std::move(o));
  }
  if (named.size() == 1) return named.front();
  if (named.empty()) {
    return "there is no organisation with the id or name \"" + id_or_name +
           "\" (see portal-admin list-orgs)";
  }
  return "several organisations are named \"" + id_or_name + "\"; give the id instead";
}

AdminResult create_org(const AdminArgs& a, Store& store, std::ostream& out) {
  Organisation o;
  o.id = new_id();
  o.name = a.get("name");
  if (auto p = text_problem("--name", o.name, kMaxName); !p.empty()) return admin_failed(p);
  auto kind = org_kind_from_string(a.get("kind"));
  if (!kind) return admin_usage_error("--kind must be partner or vendor, not \"" + a.get("kind") + "\"");
  o.kind = *kind;
  if (a.has("tier")) {
    o.tier = a.get("tier");
    if (auto p = text_problem("--tier", o.tier, kMaxName); !p.empty()) return admin_failed(p);
  }
  if (a.has("share-bp")) {
    const int64_t bp = whole_number(a.get("share-bp"));
    if (bp < 0 || bp > 10'000) return admin_failed("--share-bp must be from 0 to 10000 (100 %)");
    o.revenue_share_bp = static_cast<int32_t>(bp);
  }
  if (a.has("currency")) o.currency = a.get("currency");
  if (!is_valid_currency(o.currency)) {
    return admin_failed("--currency must be a three-letter code such as EUR, not \"" +
                        o.currency + "\"");
  }
  if (a.has("licences")) {
    const int64_t n = whole_number(a.get("licences"));
    if (n < 0 || n > kMaxSeats) {
      return admin_failed("--licences must be from 0 to " + std::to_string(kMaxSeats));
    }
    o.licences = static_cast<int32_t>(n);
  }
  if (o.kind == OrgKind::Vendor && store.vendor_org()) {
    return admin_failed("there is already a vendor organisation; a program has exactly one");
  }
  for (const Organisation& existing : store.list_orgs()) {
    if (existing.name == o.name) {
      return admin_failed("an organisation named \"" + o.name + "\" already exists (id " +
                          existing.id + ")");
    }
  }
  store.add_org(o);
  out << o.id << "\n";
  return {};
}

AdminResult create_user(const AdminArgs& a, Store& store, std::istream& in, std::ostream& out) {
  auto org = find_org(store, a.get("org"));
  if (auto* refusal = std::get_if<std::string>(&org)) return admin_failed(*refusal);
  const Organisation& o = std::get<Organisation>(org);
  auto role = role_from_string(a.get("role"));
  if (!role) {
    return admin_usage_error("--role must be one of vendor_admin, partner_manager, "
                             "support_staff, partner_admin, partner_user, kiosk; not \"" +
                             a.get("role") + "\"");
  }
  if (is_vendor_staff(*role) != (o.kind == OrgKind::Vendor)) {
    return admin_failed("the role " + std::string(to_string(*role)) + " does not fit " +
                        o.name + ", a " + std::string(to_string(o.kind)) + " organisation");
  }
  SeedUser su;
  User& u = su.record.user;
  u.id = new_id();
  u.org_id = o.id;
  u.email = a.get("email");
  u.name = a.get("name");
  u.role = *role;
  if (!is_valid_email(u.email) || u.email.size() > kMaxEmail) {
    return admin_failed("--email \"" + u.email + "\" is not an e-mail address like name@company.com");
  }
  if (auto p = text_problem("--name", u.name, kMaxName); !p.empty()) return admin_failed(p);
  const std::string password = read_password(a, in);
  if (auto p = password_problem(u.email, password); !p.empty()) return admin_failed(p);
  PasswordHasher hasher(1);
  auto hash = hasher.hash(password);
  if (!hash) return admin_failed("could not hash the password (out of memory?)");
  su.record.password_hash = *hash;
  su.created_at = std::chrono::duration_cast<std::chrono::seconds>(
                      std::chrono::system_clock::now().time_since_epoch())
                      .count();
  if (auto refusal = store.add_user(su)) return admin_failed(*refusal);
  out << u.id << "\n";
  return {};
}

AdminResult invite(const AdminArgs& a, Store& store, std::ostream& out) {
  auto org = find_org(store, a.get("org"));
  if (auto* refusal = std::get_if<std::string>(&org)) return admin_failed(*refusal);
  const Organisation& o = std::get<Organisation>(org);
  auto role = role_from_string(a.get("role"));
  if (!role) {
    return admin_usage_error("--role must be one of vendor_admin, partner_manager, "
                             "support_staff, partner_admin, partner_user; not \"" +
                             a.get("role") + "\"");
  }
  MailSettings settings;
  settings.public_url = a.has("public-url") ? a.get("public-url") : "http://127.0.0.1:8080";
  while (settings.public_url.ends_with("/")) settings.public_url.pop_back();
  if (!settings.public_url.starts_with("http://") && !settings.public_url.starts_with("https://"))
    return admin_failed("--public-url must start with http:// or https://");
  InvitationCreateRequest req{o.id, a.get("email"), a.get("name"), *role};
  const UnixTime now = std::chrono::duration_cast<std::chrono::seconds>(
                           std::chrono::system_clock::now().time_since_epoch())
                           .count();
  auto planned = plan_invitation(store, req, o, "", "The portal's administrator", settings, now);
  if (auto* e = std::get_if<Error>(&planned)) {
    std::string why = e->message;
    for (const FieldError& f : e->fields) why += " " + f.field + ": " + f.message;
    return admin_failed(why);
  }
  InvitationPlan& plan = std::get<InvitationPlan>(planned);
  // The invitation and its mail in one transaction, as the invitation.create command writes them.
  OutboxScope outbox;
  OutboxScope::add_mail(std::move(plan.mail));
  store.apply_invitation_change(CommandKey{"portal-admin", new_id()}, plan.change, {}, plan.result,
                                now);
  store.sync();
  out << plan.result.value("invitation_id", "") << "\n";
  return {};
}

AdminResult reset_password(const AdminArgs& a, Store& store, std::istream& in) {
  const std::string email = a.get("email");
  if (!store.find_user_by_email(email)) return admin_failed("there is no user with the e-mail " + email);
  const std::string password = read_password(a, in);
  if (auto p = password_problem(email, password); !p.empty()) return admin_failed(p);
  PasswordHasher hasher(1);
  auto hash = hasher.hash(password);
  if (!hash) return admin_failed("could not hash the password (out of memory?)");
  if (!store.set_password_hash(email, *hash)) return admin_failed("there is no user with the e-mail " + email);
  return {};
}

AdminResult list_orgs(Store& store, std::ostream& out) {
  std::map<Id, int> users;
  for (const SeedUser& su : store.list_users(std::nullopt)) ++users[su.record.user.org_id];
  out << std::left << std::setw(34) << "ID" << std::setw(8) << "KIND" << std::setw(10) << "TIER"
      << std::setw(7) << "SHARE" << std::setw(10) << "LICENCES" << "NAME\n";
  for (const Organisation& o : store.list_orgs()) {
    const std::string share = std::to_string(o.revenue_share_bp / 100) + "." +
                              std::to_string(o.revenue_share_bp % 100 / 10) + "%";
    out << std::setw(34) << o.id << std::setw(8) << to_string(o.kind) << std::setw(10) << o.tier
        << std::setw(7) << share << std::setw(10)
        << (std::to_string(users[o.id]) + "/" + std::to_string(o.licences)) << o.name << "\n";
  }
  return {};
}

AdminResult list_users(const AdminArgs& a, Store& store, std::ostream& out) {
  std::optional<Id> org;
  if (a.has("org")) {
    auto found = find_org(store, a.get("org"));
    if (auto* refusal = std::get_if<std::string>(&found)) return admin_failed(*refusal);
    org = std::get<Organisation>(found).id;
  }
  std::map<Id, std::string> org_names;
  for (const Organisation& o : store.list_orgs()) org_names[o.id] = o.name;
  out << std::left << std::setw(40) << "E-MAIL" << std::setw(17) << "ROLE" << std::setw(26)
      << "NAME" << "ORGANISATION\n";
  for (const SeedUser& su : store.list_users(org)) {
    const User& u = su.record.user;
    out << std::setw(40) << u.email << std::setw(17) << to_string(u.role) << std::setw(26)
        << u.name << org_names[u.org_id] << "\n";
  }
  return {};
}

}  // namespace

AdminResult run_people_command(const AdminArgs& a, Store& store, std::istream& in,
                               std::ostream& out) {
  if (a.command == "create-org") return create_org(a, store, out);
  if (a.command == "create-user") return create_user(a, store, in, out);
  if (a.command == "reset-password") return reset_password(a, store, in);
  if (a.command == "invite") return invite(a, store, out);
  if (a.command == "list-orgs") return list_orgs(store, out);
  if (a.command == "list-users") return list_users(a, store, out);
  return admin_usage_error("unknown command");
}

}  // namespace portal::server
