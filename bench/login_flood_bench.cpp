// What a log-in flood does to signed-in users: a real portal-server with the demo data, one
// vendor manager signed in who pings and searches partners, and attackers on their own loopback
// addresses who send log-ins for made-up e-mails as fast as they are paced. Prints the signed-in
// user's ping, search and a real log-in (p50 / p99, ms) before and during the flood, their
// ratios, and what became of the flood's log-ins (checked or refused).
//
//   portal_login_flood_bench [--attackers 20] [--rate 20] [--seconds 10] [--samples 200]
//
// --rate is log-ins per second per attacker (each waits for its answer before the next).
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "support/server_process.h"
#include "support/ws_client.h"

using namespace portal::testing;
using Clock = std::chrono::steady_clock;

namespace {

constexpr const char* kPassword = "portal-demo-2026";
constexpr const char* kPriya = "priya.shah@northwind.example";
constexpr const char* kLeo = "leo.martin@acme.example";

struct Args {
  int attackers = 20;
  int rate = 20;
  int seconds = 10;
  int samples = 200;
};

Json login(const std::string& email, const std::string& password) {
  return {{"t", "login"}, {"v", 2}, {"email", email}, {"password", password}};
}

double ms_since(Clock::time_point t) {
  return std::chrono::duration<double, std::milli>(Clock::now() - t).count();
}

// The next frame whose "t" is `t` (and whose "id" is `id`, when given).
std::optional<Json> wait_for(WsClient& ws, const std::string& t, const std::string& id = {}) {
  while (auto f = ws.next(30s)) {
    if (f->value("t", "") != t && !(t == "ack" && f->value("t", "") == "error")) continue;
    if (!id.empty() && f->value("id", "") != id) continue;
    return f;
  }
  return std::nullopt;
}

struct Figures {
  std::vector<double> ping, search, login;
};

double pct(std::vector<double> v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  return v[std::min(v.size() - 1, static_cast<size_t>(p * static_cast<double>(v.size())))];
}

// `samples` pings and searches from the signed-in user, and a few real log-ins from an address
// of their own, spread over the run.
Figures measure(uint16_t port, WsClient& user, int samples, int& counter) {
  Figures f;
  for (int i = 0; i < samples; ++i) {
    auto t = Clock::now();
    const int n = ++counter;
    user.send({{"t", "ping"}, {"n", n}});
    if (wait_for(user, "pong")) f.ping.push_back(ms_since(t));
    t = Clock::now();
    const std::string id = "s-" + std::to_string(n);
    user.send({{"t", "cmd"}, {"id", id}, {"type", "partners.search"},
               {"payload", {{"query", "blue"}, {"limit", 5}}}});
    if (wait_for(user, "ack", id)) f.search.push_back(ms_since(t));
    if (i % 20 == 0) {
      WsClient real(port, "", "127.0.0.200");
      t = Clock::now();
      real.send(login(kLeo, kPassword));
      if (auto w = real.next(30s); w && w->value("t", "") == "welcome")
        f.login.push_back(ms_since(t));
    }
    std::this_thread::sleep_for(10ms);
  }
  return f;
}

void print(const char* label, const Figures& f) {
  std::printf("  %-8s ping p50 %7.2f p99 %7.2f | search p50 %7.2f p99 %7.2f | log-in p50 %7.1f"
              " (%zu)\n",
              label, pct(f.ping, 0.5), pct(f.ping, 0.99), pct(f.search, 0.5),
              pct(f.search, 0.99), pct(f.login, 0.5), f.login.size());
}

}  // namespace

int main(int argc, char** argv) {
  Args a;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string k = argv[i];
    const int v = std::atoi(argv[i + 1]);
    if (k == "--attackers") a.attackers = std::clamp(v, 1, 250);
    else if (k == "--rate") a.rate = std::clamp(v, 1, 1000);
    else if (k == "--seconds") a.seconds = std::clamp(v, 1, 300);
    else if (k == "--samples") a.samples = std::clamp(v, 10, 10000);
    else {
      std::fprintf(stderr, "unknown option %s\n", k.c_str());
      return 2;
    }
  }
  TempDir dir;
  write_public_dir(dir.path() / "public");
  ServerProcess server(dir.path() / "data", dir.path() / "public");
  const uint16_t port = server.port();

  WsClient user(port);
  user.send(login(kPriya, kPassword));
  if (!wait_for(user, "welcome")) {
    std::fprintf(stderr, "the vendor manager could not log in\n");
    return 1;
  }
  int counter = 0;
  measure(port, user, 20, counter);  // warm-up: caches, the dummy hash
  std::printf("login flood bench: %d attackers x %d log-ins/s, %d samples\n", a.attackers, a.rate,
              a.samples);
  const Figures before = measure(port, user, a.samples, counter);

  std::atomic<bool> stop{false};
  std::atomic<long> sent{0}, checked{0}, refused{0}, other{0};
  std::vector<std::thread> attackers;
  for (int i = 0; i < a.attackers; ++i) {
    attackers.emplace_back([&, i] {
      // Each attacker has its own address, as a botnet would: the per-address share alone
      // does not stop them.
      WsClient ws(port, "", "127.0.3." + std::to_string(i + 1));
      const auto gap = std::chrono::microseconds(1'000'000 / a.rate);
      auto next = Clock::now();
      long n = 0;
      while (!stop) {
        ws.send(login("nobody" + std::to_string(i) + "-" + std::to_string(n++) + "@flood.example",
                      "guess-guess"));
        ++sent;
        const auto reply = ws.next(30s);
        const std::string code = reply ? reply->value("code", "") : "";
        if (code == "bad_credentials") ++checked;
        else if (code == "rate_limited") ++refused;
        else ++other;
        next += gap;
        std::this_thread::sleep_until(std::max(next, Clock::now()));
      }
    });
  }
  std::this_thread::sleep_for(1s);  // let the queue fill
  const auto flood_start = Clock::now();
  const Figures during = measure(port, user, a.samples, counter);
  const double flood_seconds = ms_since(flood_start) / 1000.0;
  stop = true;
  for (auto& t : attackers) t.join();

  print("before", before);
  print("flood", during);
  auto ratio = [](double x, double y) { return y > 0 ? x / y : 0.0; };
  std::printf("  ratio    ping p50 %.2fx p99 %.2fx | search p50 %.2fx | log-in p50 %.2fx\n",
              ratio(pct(during.ping, 0.5), pct(before.ping, 0.5)),
              ratio(pct(during.ping, 0.99), pct(before.ping, 0.99)),
              ratio(pct(during.search, 0.5), pct(before.search, 0.5)),
              ratio(pct(during.login, 0.5), pct(before.login, 0.5)));
  std::printf("  flood    %ld log-ins sent in ~%.0f s: %ld checked (%.1f/s), %ld refused "
              "rate_limited, %ld other\n",
              sent.load(), flood_seconds + 1, checked.load(),
              static_cast<double>(checked.load()) / (flood_seconds + 1), refused.load(),
              other.load());
  return 0;
}
