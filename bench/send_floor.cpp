// portal_send_floor: what one send() per delivered message costs this machine's kernel, with
// nothing else around it. N loopback TCP connections in rooms of K; a "message" is one send()
// of a frame-sized buffer to each of the K server-side sockets of one room, rooms in turn, at a
// fixed rate; a reader thread drains the client sides with epoll. The sending thread's own CPU
// time (user + system: on loopback the receive path runs in the sender's system time too) per
// delivery is the floor any server that writes each delivery with its own send() pays, before
// parsing, routing, storing or encoding anything. docs/performance.md compares it with the
// load bench's µs per delivery.
// With --uring 1 (built where liburing is installed) a room's sends go to the kernel as one
// io_uring submission instead of one send() each: the same deliveries for one system call per
// message, the floor a server batching its writes that way would pay.
// Usage: portal_send_floor [--connections 10000] [--room-size 50] [--rate 1000] [--seconds 5]
//                          [--bytes 190] [--uring 0|1]
#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>
#ifdef PORTAL_HAVE_URING
#include <liburing.h>
#endif

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <string>
#include <thread>
#include <vector>

namespace {

struct Options {
  int connections = 10'000;
  int room_size = 50;
  int rate = 1'000;  // messages per second, each to room_size connections
  int seconds = 5;
  int bytes = 190;  // about one chat message event frame
  bool uring = false;
};

double thread_cpu_seconds() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

[[noreturn]] void die(const char* what) {
  std::perror(what);
  std::exit(1);
}

}  // namespace

int main(int argc, char** argv) {
  Options o;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string key = argv[i];
    const int v = std::atoi(argv[i + 1]);
    if (key == "--connections")
      o.connections = v;
    else if (key == "--room-size")
      o.room_size = v;
    else if (key == "--rate")
      o.rate = v;
    else if (key == "--seconds")
      o.seconds = v;
    else if (key == "--bytes")
      o.bytes = v;
    else if (key == "--uring")
      o.uring = v != 0;
  }
  if (o.connections < o.room_size || o.room_size < 1 || o.rate < 1 || o.seconds < 1) {
    std::fprintf(stderr, "portal_send_floor: bad options\n");
    return 2;
  }
#ifndef PORTAL_HAVE_URING
  if (o.uring) {
    std::fprintf(stderr, "portal_send_floor: built without liburing (apt install liburing-dev)\n");
    return 2;
  }
#else
  io_uring ring{};
  if (o.uring && io_uring_queue_init(static_cast<unsigned>(std::max(o.room_size, 8)), &ring, 0) != 0)
    die("io_uring_queue_init");
#endif
  rlimit lim{};
  getrlimit(RLIMIT_NOFILE, &lim);
  lim.rlim_cur = lim.rlim_max;
  setrlimit(RLIMIT_NOFILE, &lim);

  const int listener = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (bind(listener, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) die("bind");
  socklen_t len = sizeof addr;
  getsockname(listener, reinterpret_cast<sockaddr*>(&addr), &len);
  if (listen(listener, 4096) != 0) die("listen");

  std::vector<int> clients, servers;
  const int one = 1;
  for (int i = 0; i < o.connections; ++i) {
    const int c = socket(AF_INET, SOCK_STREAM, 0);
    if (c < 0 || connect(c, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) die("connect");
    const int s = accept(listener, nullptr, nullptr);
    if (s < 0) die("accept");
    setsockopt(s, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);  // as a WebSocket server does
    clients.push_back(c);
    servers.push_back(s);
  }

  std::atomic<bool> done{false};
  std::atomic<long long> received{0};
  double reader_cpu = 0;
  std::thread reader([&] {
    const int ep = epoll_create1(0);
    for (int c : clients) {
      epoll_event ev{};
      ev.events = EPOLLIN;
      ev.data.fd = c;
      epoll_ctl(ep, EPOLL_CTL_ADD, c, &ev);
    }
    std::vector<epoll_event> ready(1024);
    std::vector<char> buf(64 * 1024);
    const double start = thread_cpu_seconds();
    while (!done.load()) {
      const int n = epoll_wait(ep, ready.data(), static_cast<int>(ready.size()), 50);
      for (int i = 0; i < n; ++i) {
        const ssize_t got = read(ready[i].data.fd, buf.data(), buf.size());
        if (got > 0) received += got;
      }
    }
    reader_cpu = thread_cpu_seconds() - start;
    close(ep);
  });

  const std::string frame(static_cast<size_t>(o.bytes), 'x');
  const int rooms = o.connections / o.room_size;
  const long long messages = static_cast<long long>(o.rate) * o.seconds;
  const auto period = std::chrono::nanoseconds(1'000'000'000LL / o.rate);
  long long deliveries = 0;
  const double cpu0 = thread_cpu_seconds();
  const auto t0 = std::chrono::steady_clock::now();
  for (long long m = 0; m < messages; ++m) {
    std::this_thread::sleep_until(t0 + period * m);
    const int room = static_cast<int>(m % rooms);
    const int* room_fds = &servers[static_cast<size_t>(room * o.room_size)];
#ifdef PORTAL_HAVE_URING
    if (o.uring) {
      for (int k = 0; k < o.room_size; ++k)
        io_uring_prep_send(io_uring_get_sqe(&ring), room_fds[k], frame.data(), frame.size(),
                           MSG_NOSIGNAL | MSG_DONTWAIT);
      io_uring_submit_and_wait(&ring, static_cast<unsigned>(o.room_size));
      io_uring_cqe* cqe = nullptr;
      unsigned head = 0, seen = 0;
      io_uring_for_each_cqe(&ring, head, cqe) {
        if (cqe->res == static_cast<int>(frame.size())) ++deliveries;
        ++seen;
      }
      io_uring_cq_advance(&ring, seen);
      continue;
    }
#endif
    for (int k = 0; k < o.room_size; ++k) {
      if (send(room_fds[k], frame.data(), frame.size(), MSG_NOSIGNAL) ==
          static_cast<ssize_t>(frame.size()))
        ++deliveries;
    }
  }
  const double sender_cpu = thread_cpu_seconds() - cpu0;
  const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  done = true;
  reader.join();

  std::printf("connections %d, rooms of %d, %d msg/s for %d s, %d-byte frames\n", o.connections,
              o.room_size, o.rate, o.seconds, o.bytes);
  std::printf("deliveries %lld in %.2f s (%.0f /s), received %lld bytes\n", deliveries, wall,
              static_cast<double>(deliveries) / wall, received.load());
  std::printf("sender CPU per delivery: %.2f us (%s alone, loopback receive path included)\n",
              sender_cpu * 1e6 / static_cast<double>(deliveries),
              o.uring ? "io_uring submissions" : "send()");
  std::printf("reader CPU per delivery: %.2f us (the client side: epoll + read)\n",
              reader_cpu * 1e6 / static_cast<double>(deliveries));
  return 0;
}
