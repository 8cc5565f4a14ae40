#include "support/server_process.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <optional>
#include <regex>
#include <stdexcept>
#include <thread>

namespace portal::testing {
namespace fs = std::filesystem;
using namespace std::chrono_literals;

namespace {

// Runs the server with `args`, its environment this process's plus `env` ("NAME=value").
pid_t spawn(const std::vector<std::string>& args, int* stdout_fd, int* stderr_fd,
            std::vector<std::string> env = {}) {
  int out[2] = {-1, -1};
  int err[2] = {-1, -1};
  if (pipe(out) != 0) throw std::runtime_error("pipe failed");
  if (stderr_fd && pipe(err) != 0) throw std::runtime_error("pipe failed");
  std::vector<std::string> argv_strings = {server_binary()};
  argv_strings.insert(argv_strings.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (auto& s : argv_strings) argv.push_back(s.data());
  argv.push_back(nullptr);
  std::vector<char*> envp;
  for (char** e = environ; *e; ++e) envp.push_back(*e);
  for (auto& e : env) envp.push_back(e.data());
  envp.push_back(nullptr);

  const pid_t pid = fork();
  if (pid < 0) throw std::runtime_error("fork failed");
  if (pid == 0) {
    dup2(out[1], STDOUT_FILENO);
    if (stderr_fd) dup2(err[1], STDERR_FILENO);
    close(out[0]);
    close(out[1]);
    if (stderr_fd) {
      close(err[0]);
      close(err[1]);
    }
    execve(argv[0], argv.data(), envp.data());
    _exit(127);
  }
  close(out[1]);
  *stdout_fd = out[0];
  if (stderr_fd) {
    close(err[1]);
    *stderr_fd = err[0];
  }
  return pid;
}

// Waits for the child to exit; returns its exit code, or nothing on timeout.
std::optional<int> wait_exit(pid_t pid, std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (true) {
    int status = 0;
    const pid_t r = waitpid(pid, &status, WNOHANG);
    if (r == pid) {
      if (WIFEXITED(status)) return WEXITSTATUS(status);
      return 128 + (WIFSIGNALED(status) ? WTERMSIG(status) : 0);
    }
    if (r < 0) return -1;
    if (std::chrono::steady_clock::now() >= deadline) return std::nullopt;
    std::this_thread::sleep_for(10ms);
  }
}

// Reads until end of file or the deadline.
std::string read_all(int fd, std::chrono::steady_clock::time_point deadline) {
  std::string s;
  char buf[4096];
  while (true) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    pollfd p{fd, POLLIN, 0};
    if (left.count() <= 0 || poll(&p, 1, static_cast<int>(left.count())) <= 0) break;
    const ssize_t n = read(fd, buf, sizeof buf);
    if (n <= 0) break;
    s.append(buf, static_cast<size_t>(n));
  }
  return s;
}

}  // namespace

TempDir::TempDir() {
  std::string templ = (fs::temp_directory_path() / "portal-it-XXXXXX").string();
  if (!mkdtemp(templ.data())) throw std::runtime_error("mkdtemp failed");
  path_ = templ;
}

TempDir::~TempDir() {
  std::error_code ec;
  fs::remove_all(path_, ec);
}

std::string server_binary() { return PORTAL_SERVER_BINARY; }

int run_server_to_exit(const std::vector<std::string>& args, std::string* err,
                       std::chrono::seconds timeout) {
  int out_fd = -1;
  int err_fd = -1;
  const pid_t pid = spawn(args, &out_fd, &err_fd);
  // Read stderr to the end (the child closes it when it exits), then collect the status.
  const std::string err_text = read_all(err_fd, std::chrono::steady_clock::now() + timeout);
  close(err_fd);
  close(out_fd);
  auto code = wait_exit(pid, timeout);
  if (!code) {
    kill(pid, SIGKILL);
    waitpid(pid, nullptr, 0);
    return -1;
  }
  if (err) *err = err_text;
  return *code;
}

ServerProcess::ServerProcess(const fs::path& data_dir, const fs::path& public_dir,
                             std::vector<std::string> extra_args, std::vector<std::string> env) {
  std::vector<std::string> args = {"--port", "0",        "--data", data_dir.string(),
                                   "--public", public_dir.string(), "--demo"};
  args.insert(args.end(), extra_args.begin(), extra_args.end());
  pid_ = spawn(args, &stdout_fd_, nullptr, std::move(env));

  // The server prints exactly one line once it listens: "Partner Portal listening on
  // http://127.0.0.1:PORT/".
  std::string line;
  const auto deadline = std::chrono::steady_clock::now() + 20s;
  while (line.find('\n') == std::string::npos) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    pollfd p{stdout_fd_, POLLIN, 0};
    if (left.count() <= 0 || poll(&p, 1, static_cast<int>(left.count())) <= 0) {
      kill(pid_, SIGKILL);
      waitpid(pid_, nullptr, 0);
      throw std::runtime_error("portal-server did not report listening in time");
    }
    char buf[256];
    const ssize_t n = read(stdout_fd_, buf, sizeof buf);
    if (n <= 0) {
      waitpid(pid_, nullptr, 0);
      throw std::runtime_error("portal-server exited before listening: " + line);
    }
    line.append(buf, static_cast<size_t>(n));
  }
  static const std::regex kListening(R"(^Partner Portal listening on http://[^:/]+:(\d+)/\n)");
  std::smatch m;
  if (!std::regex_search(line, m, kListening)) {
    kill(pid_, SIGKILL);
    waitpid(pid_, nullptr, 0);
    throw std::runtime_error("unexpected first line from portal-server: " + line);
  }
  port_ = static_cast<uint16_t>(std::stoi(m[1].str()));
}

ServerProcess::~ServerProcess() {
  if (pid_ > 0) {
    kill(pid_, SIGKILL);
    waitpid(pid_, nullptr, 0);
  }
  if (stdout_fd_ >= 0) close(stdout_fd_);
}

int ServerProcess::terminate(std::chrono::milliseconds timeout) {
  if (pid_ <= 0) return -1;
  kill(pid_, SIGTERM);
  auto code = wait_exit(pid_, timeout);
  if (!code) {
    kill(pid_, SIGKILL);
    waitpid(pid_, nullptr, 0);
  }
  pid_ = -1;
  return code.value_or(-1);
}

void write_public_dir(const fs::path& dir) {
  fs::create_directories(dir);
  auto write = [&](const char* name, const std::string& content) {
    std::ofstream(dir / name, std::ios::binary) << content;
  };
  write("index.html", std::string("<!doctype html><html><body>") + kIndexMarker +
                          "</body></html>\n");
  write("app.js", "console.log('plain app.js');\n");
  // Not real gzip: the test only checks that the variant's bytes are what is sent.
  write("app.js.gz", "GZIP-VARIANT-BYTES");
  write("app.wasm", std::string("\0asm\x01\0\0\0", 8));
  write("style.css", "body { margin: 0; }\n");
}

}  // namespace portal::testing
