#include "mail/mailer.h"

#include <algorithm>
#include <cstdio>
#include <fstream>

#include "app/clock.h"
#include "app/thread_name.h"
#include "mail/mail_message.h"
#include "mail/smtp_client.h"

namespace portal::server {
namespace {

constexpr auto kTick = std::chrono::milliseconds(250);
constexpr size_t kBatch = 50;

}  // namespace

Mailer::Mailer(Store& store, MailerOptions options, std::function<bool(const Id&)> online)
    : store_(store), options_(std::move(options)), online_(std::move(online)) {}

Mailer::~Mailer() { stop(); }

void Mailer::start() {
  if (options_.smtp_host.empty()) {
    std::error_code ec;
    std::filesystem::create_directories(options_.eml_dir, ec);
  }
  thread_ = std::thread([this] {
    name_this_thread("portal-mail");
    loop();
  });
}

void Mailer::stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void Mailer::wake() {
  {
    std::lock_guard lock(mutex_);
    woken_ = true;
  }
  cv_.notify_all();
}

int64_t Mailer::backoff_seconds(int32_t attempts) {
  if (attempts <= 1) return 1;
  if (attempts > 13) return 3600;
  return std::min<int64_t>(3600, int64_t{1} << (attempts - 1));
}

void Mailer::loop() {
  for (;;) {
    {
      std::unique_lock lock(mutex_);
      cv_.wait_for(lock, kTick, [this] { return stopping_ || woken_; });
      if (stopping_) return;
      woken_ = false;
    }
    try {
      run_once();
    } catch (const std::exception& e) {
      // A storage failure: the rows stay as they are and the next tick tries again.
      std::fprintf(stderr, "portal-server: mailer: %s\n", e.what());
    }
  }
}

void Mailer::run_once() {
  const UnixTime now = unix_now();
  for (const DueDigest& d : store_.due_digests(now, kBatch)) {
    // Read meanwhile, or back online (they see it in the app): no mail.
    const bool mail = d.unread > 0 && !d.email.empty() && !online_(d.user_id);
    store_.settle_digest(d, mail ? std::optional(digest_mail(options_.settings, d, now))
                                 : std::nullopt,
                         now + options_.settings.digest_delay);
  }
  for (OutboxMail& m : store_.due_mails(now, kBatch)) {
    {
      std::lock_guard lock(mutex_);
      if (stopping_) return;
    }
    deliver(std::move(m));
  }
}

std::string Mailer::write_eml(const OutboxMail& mail, const std::string& text) {
  namespace fs = std::filesystem;
  std::error_code ec;
  fs::create_directories(options_.eml_dir, ec);
  const fs::path final_path =
      options_.eml_dir / (std::to_string(mail.created_at) + "-" + mail.kind + "-" + mail.id + ".eml");
  const fs::path tmp = final_path.string() + ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    out << text;
    out.flush();
    if (!out) return "could not write " + tmp.string();
  }
  // A reader of the folder never sees half a mail.
  fs::rename(tmp, final_path, ec);
  if (ec) return "could not write " + final_path.string() + ": " + ec.message();
  return {};
}

void Mailer::deliver(OutboxMail m) {
  const std::string text = render_message(m, options_.from);
  const UnixTime now = unix_now();
  ++m.attempts;
  if (options_.smtp_host.empty()) {
    if (std::string error = write_eml(m, text); !error.empty()) {
      m.last_error = error;
      m.next_attempt_at = now + backoff_seconds(m.attempts);
    } else {
      m.status = MailStatus::Sent;
      m.sent_at = now;
      m.last_error.clear();
    }
    store_.record_mail_attempt(m);
    return;
  }
  SmtpEnvelope envelope{options_.smtp_host, options_.smtp_port, "partner-portal", options_.from,
                        m.to_addr};
  const SmtpOutcome outcome = smtp_send(envelope, text);
  m.last_error = outcome.result == SmtpResult::Sent ? "" : outcome.detail;
  switch (outcome.result) {
    case SmtpResult::Sent:
      m.status = MailStatus::Sent;
      m.sent_at = unix_now();
      break;
    case SmtpResult::Permanent:
      m.status = MailStatus::Failed;
      break;
    case SmtpResult::Transient:
      if (m.attempts >= options_.max_attempts) {
        m.status = MailStatus::Failed;
        m.last_error = "gave up after " + std::to_string(m.attempts) + " attempts: " + m.last_error;
      } else {
        m.next_attempt_at = unix_now() + backoff_seconds(m.attempts);
      }
      break;
  }
  if (m.status != MailStatus::Sent)
    std::fprintf(stderr, "portal-server: mail %s to %s: %s\n", m.id.c_str(), m.to_addr.c_str(),
                 m.last_error.c_str());
  store_.record_mail_attempt(m);
}

}  // namespace portal::server
