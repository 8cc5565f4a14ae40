// The mailer: one thread that delivers the outbox (store/outbox_scope.h writes it) and turns due
// "new messages" digests of offline users into mails. With an SMTP relay it speaks SMTP to it
// (4xx or no connection: retried with back-off; 5xx: failed for good, the reply kept on the
// row); without one it writes each mail as an RFC 5322 .eml file into its folder (the
// development default) and marks it sent. Every attempt is recorded on the row, so a restart
// resumes the pending ones.
#pragma once
#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <mutex>
#include <string>
#include <thread>

#include "app/mail_text.h"
#include "store/store.h"

namespace portal::server {

struct MailerOptions {
  std::string smtp_host;  // empty: write .eml files into `eml_dir` instead
  uint16_t smtp_port = 25;
  std::string from = "portal@localhost";
  std::filesystem::path eml_dir;  // <data dir>/mail
  MailSettings settings;
  int32_t max_attempts = 12;  // transient failures before a mail is given up
};

class Mailer {
 public:
  // `online` tells whether a user has a live connection now (digests skip them).
  Mailer(Store& store, MailerOptions options, std::function<bool(const Id&)> online);
  ~Mailer();  // stops the thread
  Mailer(const Mailer&) = delete;
  Mailer& operator=(const Mailer&) = delete;

  void start();
  // Finishes the mail in hand and stops; pending mails stay pending for the next start.
  void stop();
  // Something may be due now (a command queued a mail): look without waiting for the next tick.
  void wake();

  // One pass (public for tests of the policy): settles due digests, delivers due mails.
  void run_once();
  // Seconds until the next attempt after `attempts` transient failures: 1, 2, 4, ... 1 h.
  static int64_t backoff_seconds(int32_t attempts);

 private:
  void loop();
  void deliver(OutboxMail mail);
  std::string write_eml(const OutboxMail& mail, const std::string& text);

  Store& store_;
  MailerOptions options_;
  std::function<bool(const Id&)> online_;
  std::mutex mutex_;
  std::condition_variable cv_;
  bool stopping_ = false;
  bool woken_ = false;
  std::thread thread_;
};

}  // namespace portal::server
