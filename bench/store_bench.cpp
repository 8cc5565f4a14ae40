// portal_store_bench: the storage figures of docs/performance.md, measured end to end against
// the real portal-server binary over real WebSockets.
//   1. write throughput of acknowledged lead.submit commands (C clients x N commands each);
//   2. Overview snapshot latency (sub -> snapshot) for a partner and for vendor staff on
//      generated databases (made by `portal-admin generate`, see run_store_bench.sh);
//   3. database size per partner and server start-up time on those databases;
//   4. the Partner program rooms on those databases: the vendor's summary of every partner,
//      one partner's full program opened by vendor staff, and a partner's own.
// Usage: portal_store_bench [--clients C] [--commands N] [--db PARTNERS=DATA_DIR]...
#include <sys/stat.h>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include "support/portal_fixture.h"
#include "support/sqlite_probe.h"

using namespace portal::testing;
namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

namespace {

double ms_since(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

double percentile(std::vector<double> v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  const size_t i = std::min(v.size() - 1, static_cast<size_t>(p / 100.0 * (v.size() - 1) + 0.5));
  return v[i];
}

Json must(std::optional<Json> frame, const char* what) {
  if (!frame) {
    std::fprintf(stderr, "bench: no answer to %s\n", what);
    std::exit(1);
  }
  return *frame;
}

void log_in_or_die(WsClient& ws, const std::string& email) {
  ws.send(login_frame(email));
  const Json reply = must(ws.next(30s), "login");
  if (reply.value("t", "") != "welcome") {
    std::fprintf(stderr, "bench: log-in of %s failed: %s\n", email.c_str(), reply.dump().c_str());
    std::exit(1);
  }
}

// [SECTION] 1. Write throughput
void bench_writes(int clients, int commands) {
  TempDir dir;
  write_public_dir(dir.path() / "public");
  ServerProcess server(dir.path() / "data", dir.path() / "public");
  const std::vector<std::string> emails = {kDana, kLeo, kMaya, "omar.haddad@cedar.example"};
  std::vector<std::unique_ptr<WsClient>> ws;
  for (int c = 0; c < clients; ++c) {
    ws.push_back(std::make_unique<WsClient>(server.port()));
    log_in_or_die(*ws.back(), emails[static_cast<size_t>(c) % emails.size()]);
  }
  std::vector<std::vector<double>> latencies(static_cast<size_t>(clients));
  std::atomic<int> failures{0};
  const auto start = Clock::now();
  std::vector<std::thread> threads;
  for (int c = 0; c < clients; ++c) {
    threads.emplace_back([&, c] {
      for (int i = 0; i < commands; ++i) {
        const std::string id = "bench-" + std::to_string(c) + "-" + std::to_string(i);
        const auto sent = Clock::now();
        // Letters between the numbers: the duplicate check normalises "bench-3-10" and
        // "bench-31-0" to the same company.
        const std::string company = "Bench c" + std::to_string(c) + " n" + std::to_string(i);
        ws[static_cast<size_t>(c)]->send(submit_frame(id, lead_payload(company)));
        auto reply = ws[static_cast<size_t>(c)]->next(30s);
        if (!reply || reply->value("t", "") != "ack") {
          // The first few refusals are printed: a failure count alone hides why.
          if (failures++ < 3)
            std::fprintf(stderr, "bench: %s -> %s\n", id.c_str(),
                         reply ? reply->dump().substr(0, 300).c_str() : "no reply in 30 s");
        }
        latencies[static_cast<size_t>(c)].push_back(ms_since(sent));
      }
    });
  }
  for (auto& t : threads) t.join();
  const double seconds = ms_since(start) / 1000.0;
  std::vector<double> all;
  for (auto& l : latencies) all.insert(all.end(), l.begin(), l.end());
  std::printf("\n## Write throughput: lead.submit acknowledged (demo database, group commit: synchronous=NORMAL, one fdatasync per batch)\n\n");
  std::printf("| clients | commands | failures | commands/s | p50 ack ms | p99 ack ms |\n");
  std::printf("|---|---|---|---|---|---|\n");
  std::printf("| %d | %zu | %d | %.0f | %.2f | %.2f |\n", clients, all.size(), failures.load(),
              static_cast<double>(all.size()) / seconds, percentile(all, 50),
              percentile(all, 99));
}

// [SECTION] 2 and 3. Generated databases
struct DbRun {
  int partners;
  fs::path data;
};

struct SnapshotFigures {
  double p50 = 0, p99 = 0;
  size_t bytes = 0;
  int64_t leads = 0;
};

SnapshotFigures snapshots(uint16_t port, const std::string& email, int repeats,
                          const std::string& room = "overview") {
  WsClient ws(port);
  log_in_or_die(ws, email);
  std::vector<double> times;
  SnapshotFigures f;
  for (int i = 0; i < repeats; ++i) {
    const auto start = Clock::now();
    ws.send({{"t", "sub"}, {"room", room}});
    const Json snap = must(ws.next(120s), "sub");
    times.push_back(ms_since(start));
    f.bytes = snap.dump().size();
    f.leads = snap["state"].value("leads_submitted", int64_t{0});
    // Unsubscribe and wait for a pong before the next sub: a sub written right behind the
    // unsub would wait for its TCP ack (Nagle + delayed ack, ~40 ms) and measure that instead.
    ws.send({{"t", "unsub"}, {"room", room}});
    ws.send({{"t", "ping"}, {"n", i}});
    must(ws.next(30s), "ping");
  }
  f.p50 = percentile(times, 50);
  f.p99 = percentile(times, 99);
  return f;
}

// [SECTION] 4. Partner program rooms
void bench_program(const DbRun& run, int partner_repeats, int vendor_repeats) {
  const fs::path db = run.data / "portal.db";
  const std::string partner_email = sql_text(
      db, "SELECT email FROM users WHERE role = 'partner_admin' ORDER BY rowid LIMIT 1");
  const std::string org = sql_text(
      db, "SELECT org_id FROM users WHERE role = 'partner_admin' ORDER BY rowid LIMIT 1");
  TempDir pub;
  write_public_dir(pub.path());
  ServerProcess server(run.data, pub.path());
  const SnapshotFigures summary = snapshots(server.port(), kPriya, vendor_repeats, "program");
  const SnapshotFigures detail =
      snapshots(server.port(), kPriya, partner_repeats, "program:" + org);
  const SnapshotFigures own = snapshots(server.port(), partner_email, partner_repeats, "program");
  server.terminate();
  std::printf("\n## Partner program rooms, %d partners\n\n", run.partners);
  std::printf("| room | p50 / p99 | frame |\n|---|---|---|\n");
  std::printf("| vendor summary `program` (%d subs) | %.1f / %.1f ms | %.2f MiB |\n",
              vendor_repeats, summary.p50, summary.p99, summary.bytes / 1048576.0);
  std::printf("| vendor opens `program:<org>` (%d subs) | %.2f / %.2f ms | %.1f KiB |\n",
              partner_repeats, detail.p50, detail.p99, detail.bytes / 1024.0);
  std::printf("| partner's own `program` (%d subs) | %.2f / %.2f ms | %.1f KiB |\n",
              partner_repeats, own.p50, own.p99, own.bytes / 1024.0);
}

void bench_database(const DbRun& run, int partner_repeats, int vendor_repeats) {
  const fs::path db = run.data / "portal.db";
  std::error_code ec;
  const auto size = fs::file_size(db, ec);
  const std::string partner_email = sql_text(
      db, "SELECT email FROM users WHERE role = 'partner_admin' ORDER BY rowid LIMIT 1");
  const int64_t rows = sql_int(db,
                               "SELECT (SELECT COUNT(*) FROM users) + (SELECT COUNT(*) FROM "
                               "leads) + (SELECT COUNT(*) FROM deals)");

  TempDir pub;
  write_public_dir(pub.path());
  std::vector<double> starts;
  std::unique_ptr<ServerProcess> server;
  for (int i = 0; i < 3; ++i) {
    if (server) server->terminate();
    const auto t = Clock::now();
    server = std::make_unique<ServerProcess>(run.data, pub.path());
    starts.push_back(ms_since(t));
  }
  const SnapshotFigures partner = snapshots(server->port(), partner_email, partner_repeats);
  const SnapshotFigures vendor = snapshots(server->port(), kPriya, vendor_repeats);
  server->terminate();

  std::printf("\n## %d partners (%lld users+leads+deals rows)\n\n", run.partners,
              static_cast<long long>(rows));
  std::printf("| measure | value |\n|---|---|\n");
  std::printf("| database size | %.1f MiB |\n", static_cast<double>(size) / (1 << 20));
  std::printf("| size per partner | %.1f KiB |\n",
              static_cast<double>(size) / 1024.0 / run.partners);
  std::printf("| server start-up to listening (median of 3) | %.0f ms |\n",
              percentile(starts, 50));
  std::printf("| partner Overview snapshot p50 / p99 (%d subs, %zu bytes) | %.2f / %.2f ms |\n",
              partner_repeats, partner.bytes, partner.p50, partner.p99);
  std::printf("| vendor Overview snapshot p50 / p99 (%d subs, %zu bytes, %lld leads) | %.1f / %.1f ms |\n",
              vendor_repeats, vendor.bytes, static_cast<long long>(vendor.leads), vendor.p50,
              vendor.p99);
}

}  // namespace

int main(int argc, char** argv) {
  int clients = 4;
  int commands = 500;
  int partner_repeats = 100;
  int vendor_repeats = 3;  // a vendor snapshot at 10,000 partners takes seconds
  bool program_only = false;
  std::vector<DbRun> dbs;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string name = argv[i];
    const std::string value = argv[i + 1];
    if (name == "--clients") {
      clients = std::stoi(value);
    } else if (name == "--commands") {
      commands = std::stoi(value);
    } else if (name == "--snapshots") {
      partner_repeats = std::stoi(value);
    } else if (name == "--vendor-snapshots") {
      vendor_repeats = std::stoi(value);
    } else if (name == "--only" && value == "program") {
      program_only = true;
    } else if (name == "--db" && value.find('=') != std::string::npos) {
      dbs.push_back({std::stoi(value.substr(0, value.find('='))), value.substr(value.find('=') + 1)});
    } else {
      std::fprintf(stderr, "usage: %s [--clients C] [--commands N] [--snapshots N] "
                           "[--vendor-snapshots N] [--only program] [--db PARTNERS=DATA_DIR]...\n",
                   argv[0]);
      return 2;
    }
  }
  if (!program_only) {
    bench_writes(clients, commands);
    for (const DbRun& run : dbs) bench_database(run, partner_repeats, vendor_repeats);
  }
  for (const DbRun& run : dbs) bench_program(run, partner_repeats, vendor_repeats);
  return 0;
}
