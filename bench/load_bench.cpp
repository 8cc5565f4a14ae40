// portal_load_bench: N simulated users in M rooms on one machine. It holds the connections,
// offers messages at a fixed rate per step, and reports what a user of a chat feels (delivery
// latency from send to arrival at every member) and what the server pays for it (CPU time per
// delivered message from the server's own /proc accounting, memory per connection).
//
// Two targets speak two protocols but carry the same load:
//   --target portal  the portal server: each user resumes a session (token from --users FILE),
//                    subscribes its conversation and sends `message.send` commands; with
//                    --lists yes (the default) it also follows its conversation list, as every
//                    tab of the app does: the server then counts it online (no digest e-mail
//                    rows) and sends it the list's new-message signal, which is not counted as
//                    a delivery;
//   --target ws      the Node.js `ws` baseline (bench/load/ws_baseline.js): join a room, send.
//
// The generator shares the machine with the server it measures, so it is kept lean: one thread,
// one epoll instance over non-blocking sockets, and a minimal RFC 6455 client of its own (HTTP
// upgrade, masked client frames, unmasked server frames). Each readable socket gets one recv
// into a shared buffer whose frames are read in place; a load frame costs no copy and no
// allocation, and a connection keeps only the bytes of a frame that has not fully arrived.
//
// Usage: portal_load_bench --target portal|ws --port P --server-pid PID
//          [--users FILE (portal: lines "token<TAB>room<TAB>conversation_id")]
//          [--connections N] [--rooms M] [--rates 200,1000,...] [--seconds S] [--lists yes|no]
// Prints one Markdown table row per offered rate.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <deque>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

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
  bool lists = true;  // portal: follow the conversation list too
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
    if (key == "--target")
      o.target = value;
    else if (key == "--port")
      o.port = static_cast<uint16_t>(std::stoi(value));
    else if (key == "--server-pid")
      o.server_pid = std::stoi(value);
    else if (key == "--users")
      o.users_file = value;
    else if (key == "--connections")
      o.connections = std::stoi(value);
    else if (key == "--rooms")
      o.rooms = std::stoi(value);
    else if (key == "--rates")
      o.rates = parse_list(value);
    else if (key == "--seconds")
      o.seconds = std::stoi(value);
    else if (key == "--lists" && (value == "yes" || value == "no"))
      o.lists = value == "yes";
    else {
      std::fprintf(stderr, "load bench: unknown option %s\n", key.c_str());
      std::exit(2);
    }
  }
  if (o.port == 0 || o.server_pid == 0 || (o.target != "portal" && o.target != "ws") ||
      (o.target == "portal" && o.users_file.empty())) {
    std::fprintf(stderr,
                 "usage: portal_load_bench --target portal|ws --port P --server-pid PID "
                 "[--users FILE] [--connections N] [--rooms M] [--rates a,b] "
                 "[--seconds S] [--lists yes|no]\n");
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
  if (close == std::string::npos || close + 2 > line.size()) {
    // Its figures would be meaningless, and the next run would find the port still taken.
    std::fprintf(stderr, "load bench: the server (pid %d) is gone\n", pid);
    std::exit(1);
  }
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

// [SECTION] RFC 6455 client framing
namespace ws {

enum Opcode : uint8_t {
  kContinuation = 0x0,
  kText = 0x1,
  kBinary = 0x2,
  kClose = 0x8,
  kPing = 0x9,
  kPong = 0xa,
};

// A larger message means something went wrong; Beast, which this client replaced, had the same
// default limit.
constexpr uint64_t kMaxMessage = 16 * 1024 * 1024;

// One server frame at the start of a byte range, or why there is none yet.
struct Frame {
  enum Status { kComplete, kIncomplete, kBad } status = kIncomplete;
  bool fin = false;
  uint8_t opcode = 0;
  std::string_view payload;  // points into the parsed range
  size_t size = 0;           // header and payload
  const char* error = nullptr;
};

Frame bad_frame(const char* why) {
  Frame f;
  f.status = Frame::kBad;
  f.error = why;
  return f;
}

// Server frames are never masked (RFC 6455 5.1) and this client negotiates no extension, so
// the header is two bytes plus a 16- or 64-bit length for longer payloads.
Frame parse_frame(std::string_view in) {
  Frame f;
  if (in.size() < 2) return f;
  const auto b0 = static_cast<uint8_t>(in[0]), b1 = static_cast<uint8_t>(in[1]);
  f.fin = (b0 & 0x80) != 0;
  f.opcode = b0 & 0x0f;
  if ((b0 & 0x70) != 0) return bad_frame("reserved bits set");
  if ((b1 & 0x80) != 0) return bad_frame("masked frame from the server");
  uint64_t length = b1 & 0x7f;
  const size_t header = length == 126 ? 4 : length == 127 ? 10 : 2;
  if (in.size() < header) return f;
  if (header > 2) {
    length = 0;
    for (size_t i = 2; i < header; ++i) length = length << 8 | static_cast<uint8_t>(in[i]);
  }
  if ((f.opcode & 0x8) != 0 && (!f.fin || length > 125)) return bad_frame("bad control frame");
  if (length > kMaxMessage) return bad_frame("frame too large");
  if (in.size() - header < length) return f;
  f.payload = in.substr(header, static_cast<size_t>(length));
  f.size = header + static_cast<size_t>(length);
  f.status = Frame::kComplete;
  return f;
}

// A cheap pseudo-random masking key per frame (xorshift32): the mask only has to be there.
uint32_t next_mask_key() {
  static uint32_t state = 0x9e3779b9;
  state ^= state << 13;
  state ^= state >> 17;
  state ^= state << 5;
  return state;
}

// Appends `payload` as one final client frame; client frames are always masked (RFC 6455 5.3).
void append_frame(std::string& out, Opcode opcode, std::string_view payload) {
  const size_t n = payload.size();
  out.push_back(static_cast<char>(0x80 | opcode));
  if (n < 126) {
    out.push_back(static_cast<char>(0x80 | n));
  } else if (n <= 0xffff) {
    out.push_back(static_cast<char>(0x80 | 126));
    for (int shift = 8; shift >= 0; shift -= 8) out.push_back(static_cast<char>(n >> shift));
  } else {
    out.push_back(static_cast<char>(0x80 | 127));
    for (int shift = 56; shift >= 0; shift -= 8) out.push_back(static_cast<char>(n >> shift));
  }
  char mask[4];
  const uint32_t key = next_mask_key();
  std::memcpy(mask, &key, sizeof mask);
  out.append(mask, sizeof mask);
  const size_t at = out.size();
  out.resize(at + n);
  for (size_t i = 0; i < n; ++i) out[at + i] = static_cast<char>(payload[i] ^ mask[i % 4]);
}

// Any base64 of 16 bytes will do: the bench does not check the server's Sec-WebSocket-Accept.
std::string upgrade_request(std::string_view target) {
  std::string r = "GET ";
  r.append(target);
  r.append(
      " HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
      "Sec-WebSocket-Key: bG9hZC1iZW5jaC1rZXkhIQ==\r\nSec-WebSocket-Version: 13\r\n\r\n");
  return r;
}

}  // namespace ws

// [SECTION] Event loop
// One epoll instance watches every socket; an event carries the index of its connection.
class Poller {
 public:
  Poller() : fd_(epoll_create1(EPOLL_CLOEXEC)) {
    if (fd_ < 0) {
      std::perror("load bench: epoll_create1");
      std::exit(1);
    }
  }
  ~Poller() { close(fd_); }
  Poller(const Poller&) = delete;
  Poller& operator=(const Poller&) = delete;

  void add(int fd, uint32_t events, size_t id) { control(EPOLL_CTL_ADD, fd, events, id); }
  void modify(int fd, uint32_t events, size_t id) { control(EPOLL_CTL_MOD, fd, events, id); }

  // Waits at most `timeout` (level-triggered) and hands each event to on_event(id, events).
  // epoll_pwait2 takes a timespec: the rate loop's 500 µs slices sleep 500 µs, where
  // epoll_wait would round them up to a whole millisecond.
  template <class OnEvent>
  void wait(Clock::duration timeout, OnEvent&& on_event) {
    const auto ns = std::chrono::duration_cast<std::chrono::nanoseconds>(timeout).count();
    const timespec ts{static_cast<time_t>(ns / 1000000000), static_cast<long>(ns % 1000000000)};
    const int n = epoll_pwait2(fd_, events_.data(), kBatch, &ts, nullptr);
    if (n < 0 && errno != EINTR) {
      std::perror("load bench: epoll_pwait2");
      std::exit(1);
    }
    for (int i = 0; i < n; ++i) on_event(events_[i].data.u64, events_[i].events);
  }

 private:
  static constexpr int kBatch = 512;

  void control(int op, int fd, uint32_t events, size_t id) {
    epoll_event e{};
    e.events = events;
    e.data.u64 = id;
    if (epoll_ctl(fd_, op, fd, &e) != 0) {
      std::perror("load bench: epoll_ctl");
      std::exit(1);
    }
  }

  int fd_;
  std::vector<epoll_event> events_ = std::vector<epoll_event>(kBatch);
};

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

// What every connection shares: the one receive buffer and the one frame being written.
struct Shared {
  Shared(const Options& o, Stats& s, Poller& p) : options(o), stats(s), poller(p) {}

  const Options& options;
  Stats& stats;
  Poller& poller;
  std::vector<char> inbox = std::vector<char>(64 * 1024);
  std::string outbox;
};

class Connection {
 public:
  Connection(Shared& shared, User user, size_t id)
      : shared_(shared), user_(std::move(user)), id_(id) {}
  ~Connection() {
    if (fd_ >= 0) close(fd_);
  }
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  void start(const sockaddr_in& at) {
    fd_ = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (fd_ < 0) return fail("connect", std::strerror(errno));
    const int on = 1;
    setsockopt(fd_, IPPROTO_TCP, TCP_NODELAY, &on, sizeof on);
    if (connect(fd_, reinterpret_cast<const sockaddr*>(&at), sizeof at) != 0 &&
        errno != EINPROGRESS) {
      return fail("connect", std::strerror(errno));
    }
    // Writable means connected (or failed: SO_ERROR tells), whether or not connect() finished
    // at once.
    armed_ = EPOLLOUT;
    shared_.poller.add(fd_, armed_, id_);
  }

  void on_event(uint32_t events) {
    if (state_ == State::kDead) return;  // closed earlier in the same batch of events
    if (state_ == State::kConnecting) return on_connected();
    // An error or hang-up shows as recv's error or end of stream.
    if ((events & (EPOLLIN | EPOLLERR | EPOLLHUP)) != 0) on_readable();
    if ((events & EPOLLOUT) != 0 && state_ != State::kDead) flush();
  }

  void send_message(uint64_t n) {
    // Built with append: GCC 12 at -O3 warns wrongly (-Wrestrict) on "literal" + std::string.
    const std::string marker = std::string("@").append(std::to_string(now_ns())).append("@");
    if (shared_.options.target == "ws") {
      send_text(R"({"t":"msg","body":"load )" + marker + R"("})");
    } else {
      send_text(R"({"t":"cmd","id":"b)" + std::to_string(n) +
                R"(","type":"message.send","payload":{"conversation_id":")" +
                user_.conversation_id + R"(","body":"load )" + marker + R"("}})");
    }
  }

  bool ready() const { return ready_; }

 private:
  enum class State { kConnecting, kUpgrading, kOpen, kDead };

  // [SECTION] Connect and upgrade
  void on_connected() {
    int error = 0;
    socklen_t size = sizeof error;
    getsockopt(fd_, SOL_SOCKET, SO_ERROR, &error, &size);
    if (error != 0) return fail("connect", std::strerror(error));
    state_ = State::kUpgrading;
    watch(EPOLLIN);
    write(ws::upgrade_request(shared_.options.target == "ws" ? "/" : "/ws"));
  }

  // Collects the response header; the bytes after it are the first frames.
  void on_upgrade_bytes(std::string_view data) {
    tail_.append(data);
    const auto end = tail_.find("\r\n\r\n");
    if (end == std::string::npos && tail_.size() < 16 * 1024) return;  // more to come
    const std::string header = std::exchange(tail_, std::string());
    if (end == std::string::npos) return fail("handshake", "response header too long");
    const std::string_view status_line(header.data(), header.find("\r\n"));
    if (status_line.substr(0, 13) != "HTTP/1.1 101 ") return fail("handshake", status_line);
    state_ = State::kOpen;
    on_open();
    if (header.size() > end + 4) receive(std::string_view(header).substr(end + 4));
  }

  void on_open() {
    if (shared_.options.target == "ws") {
      send_text(R"({"t":"join","room":")" + user_.room + R"("})");
    } else {
      send_text(R"({"t":"resume","v":2,"token":")" + user_.token + R"("})");
    }
  }

  // [SECTION] Reading
  // One recv per event: epoll is level-triggered and reports the socket again if more waits.
  void on_readable() {
    auto& inbox = shared_.inbox;
    const ssize_t n = recv(fd_, inbox.data(), inbox.size(), 0);
    if (n < 0) {
      if (errno != EAGAIN && errno != EINTR) fail("read", std::strerror(errno));
      return;
    }
    if (n == 0) return fail("read", "the server closed the socket");
    const std::string_view data(inbox.data(), static_cast<size_t>(n));
    if (state_ == State::kUpgrading) return on_upgrade_bytes(data);
    receive(data);
  }

  // Reads the complete frames of `data` in place and keeps the incomplete rest for the next
  // read. Only a frame split across reads is copied (and then only until it is whole).
  void receive(std::string_view data) {
    if (tail_.empty()) {
      tail_.assign(data.substr(read_frames(data)));
    } else {
      tail_.append(data);
      tail_.erase(0, read_frames(tail_));
    }
    if (tail_.empty() || state_ == State::kDead) std::string().swap(tail_);
    if (state_ == State::kDead) std::string().swap(message_);
  }

  // Handles every complete frame at the start of `data`; returns the bytes they took.
  size_t read_frames(std::string_view data) {
    size_t used = 0;
    while (state_ == State::kOpen) {
      const ws::Frame f = ws::parse_frame(data.substr(used));
      if (f.status == ws::Frame::kIncomplete) break;
      if (f.status == ws::Frame::kBad) {
        fail("read", f.error);
        break;
      }
      used += f.size;
      on_frame(f);
    }
    return used;
  }

  void on_frame(const ws::Frame& f) {
    switch (f.opcode) {
      case ws::kText:
      case ws::kBinary:
        if (fragmented_) return fail("read", "a new message inside a fragmented one");
        if (f.fin) return on_message(f.payload);
        fragmented_ = true;
        message_.assign(f.payload);
        return;
      case ws::kContinuation:
        if (!fragmented_) return fail("read", "a continuation frame without a message");
        if (message_.size() + f.payload.size() > ws::kMaxMessage) {
          return fail("read", "message too large");
        }
        message_.append(f.payload);
        if (!f.fin) return;
        fragmented_ = false;
        on_message(message_);
        std::string().swap(message_);
        return;
      case ws::kPing:
        return send_frame(ws::kPong, f.payload);
      case ws::kPong:
        return;
      case ws::kClose:
        return fail("read", "the server sent a close frame");
      default:
        return fail("read", "unknown opcode");
    }
  }

  // `text` may point into the shared receive buffer: it is only looked at, never kept.
  void on_message(std::string_view text) {
    auto& stats = shared_.stats;
    static constexpr std::string_view kLoad = "load @";
    // A delivery is the conversation's event; the list's signal carries the same text.
    static constexpr std::string_view kList = R"("room":"messages")";
    const void* at = memmem(text.data(), text.size(), kLoad.data(), kLoad.size());
    if (at && !memmem(text.data(), text.size(), kList.data(), kList.size())) {
      const char* digits = static_cast<const char*>(at) + kLoad.size();
      int64_t sent = 0;
      std::from_chars(digits, text.data() + text.size(), sent);
      if (stats.measuring) {
        stats.latencies_ns.push_back(now_ns() - sent);
        ++stats.deliveries;
      }
      return;
    }
    if (at) return;  // the list's copy
    if (text.find(R"("t":"error")") != std::string_view::npos) {
      if (stats.measuring) ++stats.errors;
      if (!ready_) fail("refused", text);
      return;
    }
    if (ready_) return;
    if (shared_.options.target == "ws") {
      if (text.find(R"("t":"joined")") != std::string_view::npos) mark_ready();
    } else if (text.find(R"("t":"welcome")") != std::string_view::npos) {
      send_text(R"({"t":"sub","room":")" + user_.room + R"("})");
      if (shared_.options.lists) send_text(R"({"t":"sub","room":"messages"})");
    } else if (text.find(R"("t":"snapshot")") != std::string_view::npos) {
      if (++snapshots_ == (shared_.options.lists ? 2 : 1)) mark_ready();
    }
  }

  void mark_ready() {
    ready_ = true;
    ++shared_.stats.ready;
  }

  // [SECTION] Writing
  void send_text(std::string_view text) { send_frame(ws::kText, text); }

  void send_frame(ws::Opcode opcode, std::string_view payload) {
    auto& out = shared_.outbox;
    out.clear();
    ws::append_frame(out, opcode, payload);
    write(out);
  }

  // Sends at once; what the socket does not take waits in pending_ for EPOLLOUT.
  void write(std::string_view bytes) {
    if (state_ == State::kDead) return;
    if (!pending_.empty()) {
      pending_.append(bytes);  // behind bytes already waiting
      return;
    }
    const ssize_t n = send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL);
    if (n < 0 && errno != EAGAIN && errno != EINTR) return fail("write", std::strerror(errno));
    const size_t taken = n < 0 ? 0 : static_cast<size_t>(n);
    if (taken == bytes.size()) return;
    pending_.assign(bytes.substr(taken));
    watch(EPOLLIN | EPOLLOUT);
  }

  void flush() {
    const ssize_t n = send(fd_, pending_.data(), pending_.size(), MSG_NOSIGNAL);
    if (n < 0) {
      if (errno != EAGAIN && errno != EINTR) fail("write", std::strerror(errno));
      return;
    }
    pending_.erase(0, static_cast<size_t>(n));
    if (!pending_.empty()) return;
    std::string().swap(pending_);
    watch(EPOLLIN);
  }

  void watch(uint32_t events) {
    if (events == armed_) return;
    armed_ = events;
    shared_.poller.modify(fd_, events, id_);
  }

  // The connection is given up: counted once, its socket closed (which also takes it out of
  // the epoll set). Buffers a caller may still be reading are freed by receive().
  void fail(const char* what, std::string_view why) {
    if (state_ == State::kDead) return;
    state_ = State::kDead;
    auto& stats = shared_.stats;
    ++stats.failed;
    if (stats.failed <= 3) {
      std::fprintf(stderr, "load bench: %s: %.*s\n", what, static_cast<int>(why.size()),
                   why.data());
    }
    if (fd_ >= 0) close(fd_);
    fd_ = -1;
    std::string().swap(pending_);
  }

  Shared& shared_;
  User user_;
  size_t id_;
  int fd_ = -1;
  State state_ = State::kConnecting;
  uint32_t armed_ = 0;   // the events epoll watches for now
  std::string tail_;     // the response header, then the start of an incomplete frame
  std::string message_;  // a fragmented message being put together
  bool fragmented_ = false;
  std::string pending_;  // bytes the socket did not take yet
  bool ready_ = false;
  int snapshots_ = 0;  // the conversation's, and the list's when it follows it
};

// Handles socket events until `span` has passed, as io_context::run_for did.
void poll_for(Poller& poller, std::deque<Connection>& conns, Clock::duration span) {
  const auto until = Clock::now() + span;
  for (auto left = span; left > Clock::duration::zero(); left = until - Clock::now()) {
    poller.wait(left, [&](uint64_t id, uint32_t events) { conns[id].on_event(events); });
  }
}

std::vector<User> make_users(const Options& o) {
  std::vector<User> users;
  if (o.target == "ws") {
    for (int i = 0; i < o.connections; ++i) {
      // (append, not "r" + ...: the same GCC 12 -Wrestrict false alarm as in send_message)
      users.push_back({"", std::string("r").append(std::to_string(i % o.rooms)), "", i % o.rooms});
    }
    return users;
  }
  std::ifstream in(o.users_file);
  std::vector<std::string> room_names;
  for (std::string line;
       std::getline(in, line) && static_cast<int>(users.size()) < o.connections;) {
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

  sockaddr_in at{};
  at.sin_family = AF_INET;
  at.sin_port = htons(o.port);
  at.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  Poller poller;
  Stats stats;
  Shared shared(o, stats, poller);
  const std::vector<User> users = make_users(o);
  std::deque<Connection> conns;  // a deque: a connection never moves once its socket is watched
  std::vector<std::vector<int>> members(static_cast<size_t>(o.rooms));
  const auto poll = [&](Clock::duration span) { poll_for(poller, conns, span); };

  // [SECTION] Connect everyone, a few hundred at a time so the listen backlog holds.
  const ProcessUsage before_connect = read_usage(o.server_pid);
  const auto connect_start = Clock::now();
  for (size_t i = 0; i < users.size(); ++i) {
    conns.emplace_back(shared, users[i], i);
    members[static_cast<size_t>(users[i].room_index % o.rooms)].push_back(static_cast<int>(i));
    conns.back().start(at);
    if (i % 200 == 199) {
      while (stats.ready + stats.failed < static_cast<int>(i) - 400) {
        poll(std::chrono::milliseconds(1));
      }
    }
  }
  const auto connect_deadline = Clock::now() + std::chrono::seconds(120);
  while (stats.ready + stats.failed < static_cast<int>(users.size()) &&
         Clock::now() < connect_deadline) {
    poll(std::chrono::milliseconds(20));
  }
  const double connect_s = std::chrono::duration<double>(Clock::now() - connect_start).count();
  const ProcessUsage after_connect = read_usage(o.server_pid);
  std::printf(
      "target %s: %d of %zu connections ready (%d failed) in %.1f s; server memory "
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
      poll(std::chrono::milliseconds(500));
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
    poll(std::chrono::milliseconds(500));
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
        if (!c.ready()) continue;
        c.send_message(++sent);
        ++step_sent;
      }
      poll(std::chrono::microseconds(500));
    }
    // Drain: deliveries of messages sent in the window still count (up to 2 s).
    poll(std::chrono::seconds(2));
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
