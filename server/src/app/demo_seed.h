// Seeds a new database with the demo program from assets/demo/demo.json: the vendor, three
// partners, their users, leads and deals. The figures are fixed so tests can assert them.
#pragma once
#include <filesystem>
#include <string>

#include "auth/passwords.h"
#include "store/store.h"

namespace portal::server {

// Reads and checks the demo file and writes it into `store` in one transaction. Returns an
// empty string on success, else a sentence saying what is wrong. `extra_accounts` > 0 gives the
// first partner of the file that many generated customer accounts more (--demo-accounts).
std::string seed_demo(Store& store, PasswordHasher& hasher, const std::filesystem::path& file,
                      int32_t extra_accounts = 0);

}  // namespace portal::server
