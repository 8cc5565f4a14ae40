// portal_load_seed: writes the data set of the load bench into a fresh data folder: a vendor, M
// partner organisations of K users each, one topic channel per organisation (every user of the
// organisation sees it), and a live session per user. Prints nothing but writes one line per user
// to the tokens file: "<token>\tconversation:<id>\t<id>" (what portal_load_bench --users reads),
// users of the same channel on consecutive lines.
// Usage: portal_load_seed --data DIR --rooms M --users-per-room K --tokens FILE
#include <cstdio>
#include <fstream>
#include <string>

#include "auth/passwords.h"
#include "auth/tokens.h"
#include "store/sqlite_store.h"

using namespace portal;
using namespace portal::server;

int main(int argc, char** argv) {
  std::string data, tokens_file;
  int rooms = 20, per_room = 50;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string key = argv[i], value = argv[i + 1];
    if (key == "--data") data = value;
    else if (key == "--rooms") rooms = std::stoi(value);
    else if (key == "--users-per-room") per_room = std::stoi(value);
    else if (key == "--tokens") tokens_file = value;
  }
  if (data.empty() || tokens_file.empty() || rooms < 1 || per_room < 1) {
    std::fprintf(stderr, "usage: portal_load_seed --data DIR --rooms M --users-per-room K "
                         "--tokens FILE\n");
    return 2;
  }
  auto opened = SqliteStore::open(data);
  if (!opened.store) {
    std::fprintf(stderr, "load seed: %s\n", opened.error.c_str());
    return 1;
  }
  Store& store = *opened.store;
  if (!store.empty()) {
    std::fprintf(stderr, "load seed: %s already holds a program\n", data.c_str());
    return 1;
  }
  PasswordHasher hasher;
  const std::string hash = hasher.hash("load-bench-2026").value();
  const UnixTime now = 1'795'000'000;

  SeedData seed;
  Organisation vendor{new_id(), "Northwind Cloud", OrgKind::Vendor, "", 0, "EUR", 10};
  seed.orgs.push_back(vendor);
  for (int r = 0; r < rooms; ++r) {
    Organisation org{new_id(), "Load Partner " + std::to_string(r), OrgKind::Partner, "Silver",
                     1000, "EUR", per_room};
    SeedConversation channel;
    channel.conversation.id = new_id();
    channel.conversation.org_id = org.id;
    channel.conversation.kind = ConversationKind::Topic;
    channel.conversation.title = "load-" + std::to_string(r);
    channel.conversation.created_at = now;
    for (int u = 0; u < per_room; ++u) {
      User user{new_id(), org.id,
                "user" + std::to_string(u) + "@load" + std::to_string(r) + ".example",
                "Load User " + std::to_string(r) + "." + std::to_string(u),
                u == 0 ? Role::PartnerAdmin : Role::PartnerUser};
      if (u == 0) channel.conversation.created_by = user.id;
      channel.conversation.member_ids.push_back(user.id);
      seed.users.push_back(SeedUser{UserRecord{user, hash}, now});
    }
    seed.orgs.push_back(std::move(org));
    seed.conversations.push_back(std::move(channel));
  }
  store.seed(seed);

  std::ofstream out(tokens_file);
  size_t next_user = 0;
  for (const SeedConversation& c : seed.conversations) {
    for (int u = 0; u < per_room; ++u, ++next_user) {
      const std::string token = new_session_token();
      store.create_session(hash_token(token), seed.users[next_user].record.user.id,
                           now + 365 * 24 * 3600);
      out << token << "\tconversation:" << c.conversation.id << '\t' << c.conversation.id
          << '\n';
    }
  }
  return out ? 0 : 1;
}
