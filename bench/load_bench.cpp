// portal_load_bench: N simulated users in M rooms on one machine. It holds the connections,
// offers messages at a fixed rate per step, and reports what a user of a chat feels (delivery
// latency from send to arrival at every member) and what the server pays for it (CPU time per
// delivered message from the server's own /proc accounting, memory per connection).
//
// Two targets speak two protocols but carry the same load:
//   --target portal  the portal server: each user resumes a session (token from --users FILE),
//                    subscribes its conversation and sends `message.send` commands;
//   --target ws      the Node.js `ws` baseline (bench/load/ws_baseline.js): join a room, send.
//
// Usage: portal_load_bench --target portal|ws --port P --server-pid PID
//          [--users FILE (portal: lines "token<TAB>room<TAB>conversation_id")]
//          [--connections N] [--rooms M] [--rates 200,1000,...] [--seconds S]
// Prints one Markdown table row per offered rate.
#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <deque>
#include <fstream>
#include <memory>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/websocket.hpp>

namespace beast = boost::beast;
namespace websocket = beast::websocket;
namespace net = boost::asio;
using tcp = net::ip::tcp;
using Clock = std::chrono::steady_clock;

namespace {

int64_t now_ns() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(Clock::now().time_since_epoch())
      .count();
}

// [SECTION] Options
struct Options {
  std::string target = "portal";
  uint16_t port = 0;
  int server_pid = 0;
  std::string users_file;
  int connections = 1000;
  int rooms = 20;
  std::vector<int> rates = {200, 1000};
  int seconds = 5;
};

std::vector<int> parse_list(const std::string& s) {
  std::vector<int> out;
  std::stringstream in(s);
  for (std::string item; std::getline(in, item, ',');) out.push_back(std::stoi(item));
  return out;
}

Options parse_options(int argc, char** argv) {
  Options o;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string key = argv[i], value = argv[i + 1];
    if (key == "--target") o.target = value;
    else if (key == "--port") o.port = static_cast<uint16_t>(std::stoi(value));
    else if (key == "--server-pid") o.server_pid = std::stoi(value);
    else if (key == "--users") o.users_file = value;
    else if (key == "--connections") o.connections = std::stoi(value);
    else if (key == "--rooms") o.rooms = std::stoi(value);
    else if (key == "--rates") o.rates = parse_list(value);
    else if (key == "--seconds") o.seconds = std::stoi(value);
    else {
      std::fprintf(stderr, "load bench: unknown option %s\n", key.c_str());
      std::exit(2);
    }
  }
  if (o.port == 0 || o.server_pid == 0 || (o.target != "portal" && o.target != "ws") ||
      (o.target == "portal" && o.users_file.empty())) {
    std::fprintf(stderr, "usage: portal_load_bench --target portal|ws --port P --server-pid PID "
                         "[--users FILE] [--connections N] [--rooms M] [--rates a,b] "
                         "[--seconds S]\n");
    std::exit(2);
  }
  return o;
}

// [SECTION] The server's own accounting
struct ProcessUsage {
  double cpu_seconds = 0;  // user + system
  double rss_kib = 0;
};

ProcessUsage read_usage(int pid) {
  ProcessUsage u;
  std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
  std::string line;
  std::getline(stat, line);
  // Fields after the parenthesised command name: state is field 3, utime 14, stime 15.
  const auto close = line.rfind(')');
  std::istringstream rest(line.substr(close + 2));
  std::vector<std::string> f;
  for (std::string x; rest >> x;) f.push_back(x);
  const double ticks = static_cast<double>(sysconf(_SC_CLK_TCK));
  if (f.size() > 12) u.cpu_seconds = (std::stod(f[11]) + std::stod(f[12])) / ticks;
  std::ifstream status("/proc/" + std::to_string(pid) + "/status");
  while (std::getline(status, line)) {
    if (line.rfind("VmRSS:", 0) == 0) u.rss_kib = std::stod(line.substr(6));
  }
  return u;
}

// The load generator's own CPU time: it shares the machine with the server, so a step where it
// needs most of a core says the figures are partly its own.
double self_cpu_seconds() {
  rusage ru{};
  getrusage(RUSAGE_SELF, &ru);
  auto s = [](timeval t) { return static_cast<double>(t.tv_sec) + t.tv_usec * 1e-6; };
  return s(ru.ru_utime) + s(ru.ru_stime);
}

// [SECTION] One simulated user
struct User {
  std::string token;            // portal
  std::string room;             // portal: wire room name; ws: room name
  std::string conversation_id;  // portal
  int room_index = 0;
};

struct Stats {
  std::vector<int64_t> latencies_ns;  // one per delivery in the current step
  int64_t deliveries = 0;
  int64_t errors = 0;
  int ready = 0;
  int failed = 0;
  bool measuring = false;
};

class Connection : public std::enable_shared_from_this<Connection> {
 public:
  Connection(net::io_context& ioc, const Options& o, User user, Stats& stats)
      : ws_(ioc), options_(o), user_(std::move(user)), stats_(stats) {}

  void start(const tcp::endpoint& at) {
    beast::get_lowest_layer(ws_).async_connect(
        at, [self = shared_from_this()](beast::error_code ec) {
          if (ec) return self->fail("connect", ec);
          beast::get_lowest_layer(self->ws_).socket().set_option(tcp::no_delay(true));
          self->ws_.async_handshake("127.0.0.1", self->options_.target == "ws" ? "/" : "/ws",
                                    [self](beast::error_code ec2) {
                                      if (ec2) return self->fail("handshake", ec2);
                                      self->on_open();
                                    });
        });
  }

  void send_message(uint64_t n) {
    const std::string marker = "@" + std::to_string(now_ns()) + "@";
    if (options_.target == "ws") {
      send(R"({"t":"msg","body":"load )" + marker + R"("})");
    } else {
      send(R"({"t":"cmd","id":"b)" + std::to_string(n) +
           R"(","type":"message.send","payload":{"conversation_id":")" + user_.conversation_id +
           R"(","body":"load )" + marker + R"("}})");
    }
  }

  bool ready() const { return ready_; }

 private:
  void on_open() {
    read();
    if (options_.target == "ws") {
      send(R"({"t":"join","room":")" + user_.room + R"("})");
    } else {
      send(R"({"t":"resume","v":2,"token":")" + user_.token + R"("})");
    }
  }

  void on_frame(const std::string& text) {
    const auto at = text.find("load @");
    if (at != std::string::npos) {
      const int64_t sent = std::strtoll(text.c_str() + at + 6, nullptr, 10);
      if (stats_.measuring) {
        stats_.latencies_ns.push_back(now_ns() - sent);
        ++stats_.deliveries;
      }
      return;
    }
    if (text.find(R"("t":"error")") != std::string::npos) {
      if (stats_.measuring) ++stats_.errors;
      if (!ready_) fail_text(text);
      return;
    }
    if (ready_) return;
    if (options_.target == "ws") {
      if (text.find(R"("t":"joined")") != std::string::npos) mark_ready();
    } else if (text.find(R"("t":"welcome")") != std::string::npos) {
      send(R"({"t":"sub","room":")" + user_.room + R"("})");
    } else if (text.find(R"("t":"snapshot")") != std::string::npos) {
      mark_ready();
    }
  }

  void mark_ready() {
    ready_ = true;
    ++stats_.ready;
  }

  void read() {
    ws_.async_read(buffer_, [self = shared_from_this()](beast::error_code ec, std::size_t) {
      if (ec) return self->fail("read", ec);
      self->on_frame(beast::buffers_to_string(self->buffer_.data()));
      self->buffer_.consume(self->buffer_.size());
      self->read();
    });
  }

  void send(std::string text) {
    queue_.push_back(std::move(text));
    if (queue_.size() == 1) write_next();
  }

  void write_next() {
    ws_.async_write(net::buffer(queue_.front()),
                    [self = shared_from_this()](beast::error_code ec, std::size_t) {
                      if (ec) return self->fail("write", ec);
                      self->queue_.pop_front();
                      if (!self->queue_.empty()) self->write_next();
                    });
  }

  void fail(const char* what, beast::error_code ec) {
    if (dead_) return;
    dead_ = true;
    ++stats_.failed;
    if (stats_.failed <= 3) std::fprintf(stderr, "load bench: %s: %s\n", what, ec.message().c_str());
  }

  void fail_text(const std::string& text) {
    if (dead_) return;
    dead_ = true;
    ++stats_.failed;
    if (stats_.failed <= 3) std::fprintf(stderr, "load bench: refused: %s\n", text.c_str());
  }

  websocket::stream<beast::tcp_stream> ws_;
  beast::flat_buffer buffer_;
  std::deque<std::string> queue_;
  const Options& options_;
  User user_;
  Stats& stats_;
  bool ready_ = false;
  bool dead_ = false;
};

std::vector<User> make_users(const Options& o) {
  std::vector<User> users;
  if (o.target == "ws") {
    for (int i = 0; i < o.connections; ++i) {
      users.push_back({"", "r" + std::to_string(i % o.rooms), "", i % o.rooms});
    }
    return users;
  }
  std::ifstream in(o.users_file);
  std::vector<std::string> room_names;
  for (std::string line; std::getline(in, line) && static_cast<int>(users.size()) < o.connections;) {
    User u;
    std::istringstream fields(line);
    std::getline(fields, u.token, '\t');
    std::getline(fields, u.room, '\t');
    std::getline(fields, u.conversation_id, '\t');
    auto it = std::find(room_names.begin(), room_names.end(), u.room);
    u.room_index = static_cast<int>(it - room_names.begin());
    if (it == room_names.end()) room_names.push_back(u.room);
    users.push_back(std::move(u));
  }
  if (static_cast<int>(users.size()) < o.connections) {
    std::fprintf(stderr, "load bench: %s holds only %zu users\n", o.users_file.c_str(),
                 users.size());
    std::exit(2);
  }
  return users;
}

int64_t percentile(std::vector<int64_t>& v, double p) {
  if (v.empty()) return 0;
  const size_t i = std::min(v.size() - 1, static_cast<size_t>(p / 100.0 * (v.size() - 1) + 0.5));
  std::nth_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(i), v.end());
  return v[i];
}

}  // namespace

int main(int argc, char** argv) {
  const Options o = parse_options(argc, argv);
  rlimit files{};
  getrlimit(RLIMIT_NOFILE, &files);
  files.rlim_cur = files.rlim_max;
  setrlimit(RLIMIT_NOFILE, &files);

  net::io_context ioc(1);
  const tcp::endpoint at(net::ip::make_address("127.0.0.1"), o.port);
  Stats stats;
  const std::vector<User> users = make_users(o);
  std::vector<std::shared_ptr<Connection>> conns;
  std::vector<std::vector<int>> members(static_cast<size_t>(o.rooms));

  // [SECTION] Connect everyone, a few hundred at a time so the listen backlog holds.
  const ProcessUsage before_connect = read_usage(o.server_pid);
  const auto connect_start = Clock::now();
  for (size_t i = 0; i < users.size(); ++i) {
    conns.push_back(std::make_shared<Connection>(ioc, o, users[i], stats));
    members[static_cast<size_t>(users[i].room_index % o.rooms)].push_back(static_cast<int>(i));
    conns.back()->start(at);
    if (i % 200 == 199) {
      while (stats.ready + stats.failed < static_cast<int>(i) - 400) ioc.run_one();
    }
  }
  const auto connect_deadline = Clock::now() + std::chrono::seconds(120);
  while (stats.ready + stats.failed < static_cast<int>(users.size()) &&
         Clock::now() < connect_deadline) {
    ioc.run_for(std::chrono::milliseconds(20));
  }
  const double connect_s =
      std::chrono::duration<double>(Clock::now() - connect_start).count();
  const ProcessUsage after_connect = read_usage(o.server_pid);
  std::printf("target %s: %d of %zu connections ready (%d failed) in %.1f s; server memory "
              "%.0f MiB, %.1f KiB per connection\n",
              o.target.c_str(), stats.ready, users.size(), stats.failed, connect_s,
              after_connect.rss_kib / 1024,
              (after_connect.rss_kib - before_connect.rss_kib) / std::max(1, stats.ready));
  std::fflush(stdout);
  if (stats.ready == 0) return 1;

  // Let the server finish what the log-ins started (the portal records each user's visit and
  // answers the subscriptions after the bench saw them ready) before the first step: that work
  // is no delivery's cost. Settled means under 10% of a core for half a second, at most 30 s.
  {
    const auto settle_start = Clock::now();
    double busy = 1;
    while (busy > 0.1 && Clock::now() - settle_start < std::chrono::seconds(30)) {
      const double before = read_usage(o.server_pid).cpu_seconds;
      ioc.run_for(std::chrono::milliseconds(500));
      busy = (read_usage(o.server_pid).cpu_seconds - before) / 0.5;
    }
    std::printf("server idle after %.1f s more\n",
                std::chrono::duration<double>(Clock::now() - settle_start).count());
    std::fflush(stdout);
  }

  // [SECTION] Offered-rate steps
  std::printf(
      "\n| target | offered msg/s | deliveries/s | p50 ms | p99 ms | max ms | server "
      "CPU µs/delivery | errors | generator CPU %% |\n|---|---|---|---|---|---|---|---|---|\n");
  std::mt19937 rng(2026);
  uint64_t sent = 0;
  for (int rate : o.rates) {
    // Settle: let whatever the previous step left in flight arrive before measuring.
    ioc.run_for(std::chrono::milliseconds(500));
    stats.latencies_ns.clear();
    stats.deliveries = 0;
    stats.errors = 0;
    stats.measuring = true;
    const ProcessUsage cpu0 = read_usage(o.server_pid);
    const double own0 = self_cpu_seconds();
    const auto start = Clock::now();
    const auto send_until = start + std::chrono::seconds(o.seconds);
    uint64_t step_sent = 0;
    size_t room_turn = 0;
    while (Clock::now() < send_until) {
      const double elapsed = std::chrono::duration<double>(Clock::now() - start).count();
      const auto due = static_cast<uint64_t>(elapsed * rate);
      while (step_sent < due) {
        const auto& room = members[room_turn++ % members.size()];
        if (room.empty()) continue;
        auto& c = conns[static_cast<size_t>(room[rng() % room.size()])];
        if (!c->ready()) continue;
        c->send_message(++sent);
        ++step_sent;
      }
      ioc.run_for(std::chrono::microseconds(500));
    }
    // Drain: deliveries of messages sent in the window still count (up to 2 s).
    ioc.run_for(std::chrono::seconds(2));
    stats.measuring = false;
    const ProcessUsage cpu1 = read_usage(o.server_pid);
    const double own_pct = (self_cpu_seconds() - own0) * 100 /
                           std::chrono::duration<double>(Clock::now() - start).count();
    const double cpu_us = (cpu1.cpu_seconds - cpu0.cpu_seconds) * 1e6 /
                          static_cast<double>(std::max<int64_t>(1, stats.deliveries));
    auto& l = stats.latencies_ns;
    const int64_t p50 = percentile(l, 50), p99 = percentile(l, 99);
    const int64_t max = l.empty() ? 0 : *std::max_element(l.begin(), l.end());
    std::printf("| %s | %d | %.0f | %.2f | %.2f | %.2f | %.2f | %lld | %.0f |\n", o.target.c_str(),
                rate, static_cast<double>(stats.deliveries) / o.seconds, p50 / 1e6, p99 / 1e6,
                max / 1e6, cpu_us, static_cast<long long>(stats.errors), own_pct);
    std::fflush(stdout);
  }
  return 0;
}
