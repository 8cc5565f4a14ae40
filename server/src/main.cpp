// portal-server: wires the store, the bus, the application service and the network together,
// runs them until SIGINT/SIGTERM, and then shuts down in order: stop accepting, say goodbye to
// every WebSocket, let the I/O threads finish, close the database.
#include <sodium.h>

#include <algorithm>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <filesystem>
#include <functional>
#include <iostream>
#include <thread>
#include <vector>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/address.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/thread_pool.hpp>

#include "app/demo_seed.h"
#include "app/file_access.h"
#include "app/options.h"
#include "app/portal_service.h"
#include "app/thread_name.h"
#include "auth/hash_queue.h"
#include "auth/login_throttle.h"
#include "auth/passwords.h"
#include "bus/hub.h"
#include "demo/generator.h"
#include "mail/mailer.h"
#include "net/listener.h"
#include "net/shared_state.h"
#include "net/websocket_session.h"
#include "store/blob_store.h"
#include "store/sqlite_store.h"

namespace net = boost::asio;
namespace fs = std::filesystem;
using namespace portal::server;

namespace {

constexpr auto kShutdownGrace = std::chrono::seconds(3);

fs::path executable_dir() {
  std::error_code ec;
  const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  return ec ? fs::path(".") : exe.parent_path();
}

// The demo file: --demo-file, else next to the executable (the build copies it there), else
// the source tree this binary was built from, else ./assets/demo/demo.json.
fs::path find_demo_file(const Options& o) {
  if (!o.demo_file.empty()) return o.demo_file;
  std::vector<fs::path> candidates = {executable_dir() / "demo" / "demo.json"};
#ifdef PORTAL_SOURCE_DEMO_FILE
  candidates.emplace_back(PORTAL_SOURCE_DEMO_FILE);
#endif
  candidates.emplace_back("assets/demo/demo.json");
  for (const auto& c : candidates) {
    std::error_code ec;
    if (fs::is_regular_file(c, ec)) return c;
  }
  return candidates.front();
}

// Watches the live WebSocket sessions after shutdown began and stops the I/O threads once they
// are all closed, or when the grace period is over.
void stop_when_drained(net::io_context& ioc, std::shared_ptr<SharedState> state,
                       std::shared_ptr<net::steady_timer> timer,
                       std::chrono::steady_clock::time_point deadline) {
  if (state->session_count() == 0 || std::chrono::steady_clock::now() >= deadline) {
    ioc.stop();
    return;
  }
  timer->expires_after(std::chrono::milliseconds(20));
  timer->async_wait([&ioc, state, timer, deadline](const boost::system::error_code&) {
    stop_when_drained(ioc, state, timer, deadline);
  });
}

int run(const Options& o) {
  if (sodium_init() < 0) {
    std::fprintf(stderr, "portal-server: libsodium could not be initialised\n");
    return 1;
  }
  std::error_code ec;
  if (!fs::is_regular_file(fs::path(o.public_dir) / "index.html", ec)) {
    std::fprintf(stderr,
                 "portal-server: the public folder %s has no index.html. Build the web client "
                 "first or pass --public DIR (the folder with index.html, app.js, app.wasm).\n",
                 o.public_dir.c_str());
    return 2;
  }
  boost::system::error_code address_error;
  auto address = net::ip::make_address(o.host, address_error);
  if (address_error) {
    // A name such as "localhost": take the first address it resolves to.
    net::io_context resolver_context;
    net::ip::tcp::resolver resolver(resolver_context);
    auto results = resolver.resolve(o.host, "", address_error);
    if (address_error || results.empty()) {
      std::fprintf(stderr, "portal-server: --host %s is not an address this machine knows\n",
                   o.host.c_str());
      return 2;
    }
    address = results.begin()->endpoint().address();
  }

  SqliteStore::OpenResult opened = SqliteStore::open(o.data_dir);
  if (!opened.store) {
    std::fprintf(stderr, "portal-server: %s\n", opened.error.c_str());
    return 1;
  }
  SqliteStore& store = *opened.store;
  PasswordHasher hasher(2);
  if (o.demo_partners > 0 && store.empty()) {
    GeneratorOptions generator;
    generator.partners = o.demo_partners;
    generator.first_partner_accounts = o.demo_accounts;
    if (std::string error = generate_program(store, hasher, generator); !error.empty()) {
      std::fprintf(stderr, "portal-server: %s\n", error.c_str());
      return 1;
    }
    std::fprintf(stderr, "portal-server: seeded a generated program of %d partners\n",
                 static_cast<int>(o.demo_partners));
  }
  if (o.demo && store.empty()) {
    const fs::path demo = find_demo_file(o);
    if (std::string error = seed_demo(store, hasher, demo, o.demo_accounts); !error.empty()) {
      std::fprintf(stderr, "portal-server: %s\n", error.c_str());
      return 1;
    }
    std::fprintf(stderr, "portal-server: seeded the demo program from %s\n", demo.c_str());
  }

  BlobStore blobs(o.data_dir);
  FileAccess file_access(store, blobs);
  Hub hub;
  LoginThrottle throttle;
  // Log-ins' password checks run here, on their own two threads (auth/hash_queue.h).
  HashQueue logins(HashQueue::Limits{});
  PortalService service(store, hub, hasher, throttle, logins);
  file_access.set_download_recorder(
      [&service](const portal::DownloadRecord& d, const portal::Id& org) {
        service.record_download(d, org);
      });

  const unsigned io_threads =
      o.threads ? o.threads : std::max(1u, std::thread::hardware_concurrency());
  // Blocking work (SQLite, argon2) runs on `workers` so the I/O threads keep serving other
  // clients. The pool is declared after the io_context so that work it never ran (holding
  // sessions and their sockets) is destroyed while the io_context still exists.
  net::io_context ioc(static_cast<int>(io_threads));
  // A new thread starts with its creator's name: the pool's threads are "portal-work".
  name_this_thread("portal-work");
  net::thread_pool workers(std::max(4u, io_threads));
  name_this_thread("portal-server");

  // A batch of acks and events for many sockets leaves in one submission (io_uring), not one
  // system call per socket.
  SendBatch::set_flusher(&websocket_session::flush_all);
  auto state = std::make_shared<SharedState>(
      service, StaticFiles(o.public_dir), o.allow_origins,
      [&workers](SharedState::Work work) { net::post(workers, std::move(work)); });
  state->set_file_access(&file_access);
  state->set_login_deadline(std::chrono::seconds(o.login_deadline));
  // A failed sync dropped the acks and events it covered: every client reconnects, resends
  // what is unanswered and catches its rooms up from the event log.
  service.on_storage_failure([weak = std::weak_ptr<SharedState>(state)] {
    if (auto s = weak.lock()) s->close_all("storage_failed");
  });

  boost::beast::error_code listen_error;
  auto server = std::make_shared<listener>(ioc, net::ip::tcp::endpoint(address, o.port), state,
                                           listen_error);
  if (listen_error) {
    std::fprintf(stderr, "portal-server: cannot listen on %s:%u: %s\n", o.host.c_str(),
                 static_cast<unsigned>(o.port), listen_error.message().c_str());
    return 1;
  }
  server->run();

  // Sessions can end in the database without the server doing it (they expire; portal-admin
  // resets a password): now and then their live connections are closed.
  net::steady_timer session_timer(ioc);
  std::function<void()> check_sessions = [&] {
    session_timer.expires_after(std::chrono::seconds(o.session_check));
    session_timer.async_wait([&](const boost::system::error_code& error) {
      if (error) return;
      net::post(workers, [&service] {
        try {
          service.sweep_sessions();
        } catch (const std::exception& e) {
          std::fprintf(stderr, "portal-server: could not check sessions: %s\n", e.what());
        }
      });
      check_sessions();
    });
  };
  check_sessions();

  net::signal_set signals(ioc, SIGINT, SIGTERM);
  signals.async_wait([&](const boost::system::error_code& error, int) {
    if (error) return;
    std::fprintf(stderr, "portal-server: shutting down\n");
    server->stop();
    session_timer.cancel();
    state->shutdown_all();
    stop_when_drained(ioc, state, std::make_shared<net::steady_timer>(ioc),
                      std::chrono::steady_clock::now() + kShutdownGrace);
  });

  const std::string shown_host =
      o.host.find(':') != std::string::npos ? "[" + o.host + "]" : o.host;

  // The mailer delivers the outbox the commands write (docs/architecture.md "Mailer").
  MailerOptions mail;
  mail.smtp_host = o.smtp_host;
  mail.smtp_port = o.smtp_port;
  mail.from = o.mail_from;
  mail.eml_dir = fs::path(o.data_dir) / "mail";
  mail.settings.public_url =
      !o.public_url.empty()
          ? o.public_url
          : "http://" + shown_host + ":" + std::to_string(server->local_endpoint().port());
  mail.settings.digest_delay = o.digest_delay;
  Mailer mailer(store, mail, [&service](const portal::Id& user) { return service.connected(user); });
  service.set_mail(mail.settings, [&mailer] { mailer.wake(); });
  mailer.start();
  if (o.smtp_host.empty())
    std::fprintf(stderr, "portal-server: no --smtp relay: mails are written to %s\n",
                 mail.eml_dir.c_str());
  std::cout << "Partner Portal listening on http://" << shown_host << ":"
            << server->local_endpoint().port() << "/" << std::endl;

  std::vector<std::thread> threads;
  for (unsigned i = 1; i < io_threads; ++i)
    threads.emplace_back([&ioc] {
      name_this_thread("portal-io");
      ioc.run();
    });
  name_this_thread("portal-io");
  ioc.run();
  for (auto& t : threads) t.join();

  // Work still queued would only answer clients that are gone; let running work finish.
  workers.stop();
  workers.join();
  logins.stop();  // log-ins not checked yet hold connections: let them go while ioc exists
  service.stop();  // acks still waiting for their sync go out while the io_context exists
  mailer.stop();   // pending mails stay in the outbox for the next start
  std::fprintf(stderr, "portal-server: stopped\n");
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  const ParsedOptions parsed = parse_options(argc, argv);
  if (!parsed.options) {
    std::fprintf(stderr, "portal-server: %s\n\n%s", parsed.error.c_str(),
                 usage("portal-server").c_str());
    return 2;
  }
  if (parsed.options->help) {
    std::cout << usage("portal-server");
    return 0;
  }
  try {
    return run(*parsed.options);
  } catch (const std::exception& e) {
    // Only start-up and shutdown can get here (a storage failure while seeding, say): request
    // handling catches its own failures.
    std::fprintf(stderr, "portal-server: %s\n", e.what());
    return 1;
  }
}
