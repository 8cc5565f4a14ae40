// The fixture most integration suites share: one real portal-server per test process (each
// ctest case is its own process), started on a free port with a fresh data folder, the demo
// data and a tiny public folder; plus helpers for the frames every test sends.
#pragma once
#include <cctype>
#include <memory>
#include <string>

#include <gtest/gtest.h>

#include "portal/protocol/frames.h"
#include "support/server_process.h"
#include "support/ws_client.h"

namespace portal::testing {

inline constexpr const char* kDemoPassword = "portal-demo-2026";
inline constexpr const char* kDana = "dana.fischer@acme.example";     // Acme, partner admin
inline constexpr const char* kLeo = "leo.martin@acme.example";        // Acme, partner user
inline constexpr const char* kMaya = "maya.chen@blueharbor.example";  // Blue Harbor admin
inline constexpr const char* kPriya = "priya.shah@northwind.example"; // vendor partner manager

// A temp folder with public/ and data/ and a server running on them.
struct RunningServer {
  TempDir dir;
  std::unique_ptr<ServerProcess> process;

  RunningServer() {
    write_public_dir(dir.path() / "public");
    start();
  }
  void start() {
    process = std::make_unique<ServerProcess>(dir.path() / "data", dir.path() / "public");
  }
  uint16_t port() const { return process->port(); }
};

class PortalTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { server_ = new RunningServer(); }
  static void TearDownTestSuite() {
    delete server_;
    server_ = nullptr;
  }
  static uint16_t port() { return server_->port(); }

  static inline RunningServer* server_ = nullptr;
};

inline Json login_frame(const std::string& email, const std::string& password = kDemoPassword) {
  return {{"t", "login"}, {"v", kProtocolVersion}, {"email", email}, {"password", password}};
}

// Logs in on `ws` and returns the welcome frame (a failed assertion when it is something else).
inline Json log_in(WsClient& ws, const std::string& email) {
  ws.send(login_frame(email));
  Json reply = ws.expect();
  EXPECT_EQ(reply.value("t", ""), "welcome") << reply.dump();
  return reply;
}

// Subscribes to a room and returns the first answer (snapshot, or first replayed event).
inline Json subscribe(WsClient& ws, const std::string& room) {
  ws.send({{"t", "sub"}, {"room", room}});
  return ws.expect();
}

// The e-mail domain follows the company ("Zephyr Robotics" -> rita@zephyrrobotics.example), so
// different companies are never taken for duplicates of each other.
inline Json lead_payload(const std::string& company) {
  std::string domain;
  for (char ch : company)
    if (std::isalnum(static_cast<unsigned char>(ch)))
      domain += static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  if (domain.empty()) domain = "lead";
  return {{"company", company},
          {"contact", "Rita Integration"},
          {"email", "rita@" + domain + ".example"},
          {"phone", "+49 30 1234567"},
          {"notes", "Found at a trade fair."},
          {"value_minor", 1234500},
          {"currency", "EUR"}};
}

inline Json submit_frame(const std::string& id, const Json& payload) {
  return {{"t", "cmd"}, {"id", id}, {"type", "lead.submit"}, {"payload", payload}};
}

}  // namespace portal::testing
