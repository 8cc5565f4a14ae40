// portal-admin audit: prints the audit trail, newest first, one line per entry (time, actor,
// action, organisation, target, summary), like the vendor admin's audit.list query.
#include <charconv>
#include <ctime>
#include <iomanip>
#include <map>
#include <ostream>

#include "admin/admin_commands.h"
#include "portal/protocol/projects_commands.h"

namespace portal::server {
namespace {

std::string utc(UnixTime t) {
  std::time_t tt = static_cast<std::time_t>(t);
  std::tm tm{};
  gmtime_r(&tt, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M:%S", &tm);
  return buf;
}

}  // namespace

AdminResult run_audit_command(const AdminArgs& a, Store& store, std::ostream& out) {
  AuditQuery q;
  q.limit = kDefaultAuditPage;
  if (a.has("limit")) {
    const std::string s = a.get("limit");
    int64_t n = 0;
    std::from_chars(s.data(), s.data() + s.size(), n);
    if (n < 1 || n > kMaxAuditPage)
      return admin_failed("--limit must be from 1 to " + std::to_string(kMaxAuditPage));
    q.limit = n;
  }
  std::map<Id, std::string> names;
  for (const Organisation& o : store.list_orgs()) names[o.id] = o.name;
  if (a.has("org")) {
    const std::string want = a.get("org");
    for (const auto& [id, name] : names)
      if (id == want || name == want) q.org_id = id;
    if (q.org_id.empty())
      return admin_failed("there is no organisation with the id or name \"" + want +
                          "\" (see portal-admin list-orgs)");
  }
  std::map<Id, std::string> people;
  for (const SeedUser& u : store.list_users(std::nullopt))
    people[u.record.user.id] = u.record.user.email;
  bool more = false;
  const std::vector<AuditRow> rows = store.audit_page(q, more);
  out << std::left << std::setw(21) << "AT (UTC)" << std::setw(32) << "ACTOR" << std::setw(22)
      << "ACTION" << std::setw(26) << "ORGANISATION" << "TARGET / SUMMARY\n";
  for (const AuditRow& r : rows) {
    const auto who = people.find(r.entry.actor_id);
    const auto org = names.find(r.target_org);
    out << std::setw(21) << utc(r.entry.at)
        << std::setw(32) << (who == people.end() ? r.entry.actor_id : who->second)
        << std::setw(22) << r.entry.action
        << std::setw(26) << (org == names.end() ? std::string("(program)") : org->second)
        << r.entry.target_kind << " " << r.entry.target_id << " — " << r.entry.summary << "\n";
  }
  if (rows.empty()) out << "(no entries)\n";
  if (more) out << "(older entries exist: raise --limit)\n";
  return {};
}

}  // namespace portal::server
