// Licences: the grants (seats with effective dates) are the one source of an organisation's
// portal seats. portal-admin refuses a user past the seats in force, counts only grants in force
// today, and an older database's seat numbers became grants when it was upgraded.
#include <fstream>
#include <sstream>

#include "support/admin_process.h"
#include "support/portal_fixture.h"
#include "support/sqlite_probe.h"

namespace portal::testing {
namespace {

std::vector<std::string> with_data(std::vector<std::string> args, const std::string& data) {
  args.push_back("--data");
  args.push_back(data);
  return args;
}

ProgramRun add_user(const std::string& data, int n) {
  const std::string who = "user" + std::to_string(n);
  return run_admin(with_data({"create-user", "--org", "Ten Seats", "--email",
                              who + "@tenseats.example", "--name", "User " + std::to_string(n),
                              "--role", "partner_user", "--password", "long-password-" + who},
                             data));
}

TEST(LicencesTest, UsersAreRefusedPastTheSeatsOfTheGrantsInForce) {
  TempDir dir;
  const std::string data = (dir.path() / "data").string();
  const auto db = dir.path() / "data" / "portal.db";
  ASSERT_EQ(run_admin(with_data({"create-org", "--name", "Northwind Cloud", "--kind", "vendor"},
                                data)).exit_code, 0);
  ProgramRun r = run_admin(with_data({"create-org", "--name", "Ten Seats", "--kind", "partner",
                                      "--licences", "10"}, data));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::string org = r.out.substr(0, r.out.find('\n'));
  // The seats given at creation are one open-ended grant; the organisation holds no number.
  EXPECT_EQ(sql_int(db, "SELECT seats FROM licences WHERE org_id = '" + org + "'"), 10);
  EXPECT_EQ(sql_int(db, "SELECT COUNT(*) FROM pragma_table_info('organisations') WHERE name = "
                        "'licences'"),
            0);

  for (int i = 1; i <= 10; ++i) ASSERT_EQ(add_user(data, i).exit_code, 0) << i;
  r = add_user(data, 11);
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("Ten Seats uses 10 of 10 licences. Ask your partner manager for more."),
            std::string::npos)
      << r.err;

  // A grant that ended yesterday and one that starts next year do not count.
  sql_exec(db, "INSERT INTO licences (id, org_id, seats, valid_from, valid_until) VALUES "
               "('lic-old', '" + org + "', 5, 0, unixepoch() - 86400), "
               "('lic-next', '" + org + "', 5, unixepoch() + 365 * 86400, 0)");
  r = add_user(data, 11);
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("uses 10 of 10 licences"), std::string::npos) << r.err;

  // One more seat in force today lets exactly one more user in.
  sql_exec(db, "INSERT INTO licences (id, org_id, seats, valid_from, valid_until) VALUES "
               "('lic-now', '" + org + "', 1, unixepoch() - 60, unixepoch() + 86400)");
  EXPECT_EQ(add_user(data, 11).exit_code, 0);
  r = add_user(data, 12);
  EXPECT_NE(r.err.find("Ten Seats uses 11 of 11 licences"), std::string::npos) << r.err;
  r = run_admin(with_data({"list-orgs"}, data));
  EXPECT_NE(r.out.find("11/11"), std::string::npos) << r.out;
}

TEST(LicencesTest, AnOlderDatabasesSeatNumbersBecomeGrants) {
  TempDir dir;
  const auto data = dir.path() / "data";
  std::filesystem::create_directories(data);
  std::ifstream in(fixtures_dir() + "/portal_v1.sql");
  std::stringstream sql;
  sql << in.rdbuf();
  sql_exec(data / "portal.db", sql.str());
  // Any command opens, and so upgrades, the database.
  ProgramRun r = run_admin({"list-orgs", "--data", data.string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(sql_int(data / "portal.db",
                    "SELECT seats FROM licences WHERE org_id = '0000000000000000000000000000000b'"),
            3);
  EXPECT_NE(r.out.find("Old Schema Partners"), std::string::npos);
}

}  // namespace
}  // namespace portal::testing
