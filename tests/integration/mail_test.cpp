// E-mail end to end: the real server delivers its outbox over SMTP to a tiny SMTP listener
// written here (a stand-in for the relay a real deployment hands mail to). Invitations (one-time
// link, accept over HTTP, a session like a log-in's), a 4xx answered by a retry, a 5xx recorded
// as a failure, a mail queued before a SIGKILL delivered after the restart, and the digest
// e-mail of members who were offline when messages arrived.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <fstream>
#include <condition_variable>
#include <mutex>
#include <regex>
#include <thread>

#include "support/http_client.h"
#include "support/portal_fixture.h"
#include "support/sqlite_probe.h"

namespace portal::testing {
namespace {

using namespace std::chrono_literals;

struct ReceivedMail {
  std::string from;
  std::vector<std::string> to;
  std::string data;  // with the dot-stuffing undone, CRLF line endings
};

// A minimal SMTP server on 127.0.0.1: one connection at a time, on its own thread. It can
// answer the first `transient_sessions` MAIL FROMs with 451, refuse recipients with 550, and
// be "busy" (421 at the greeting).
class SmtpListener {
 public:
  SmtpListener() {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    int one = 1;
    ::setsockopt(fd_, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = 0;
    if (::bind(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 || ::listen(fd_, 8) != 0)
      throw std::runtime_error("smtp listener: cannot listen");
    socklen_t len = sizeof addr;
    ::getsockname(fd_, reinterpret_cast<sockaddr*>(&addr), &len);
    port_ = ntohs(addr.sin_port);
    thread_ = std::thread([this] { serve(); });
  }
  ~SmtpListener() {
    stopping_ = true;
    ::shutdown(fd_, SHUT_RDWR);
    ::close(fd_);
    thread_.join();
  }
  uint16_t port() const { return port_; }
  std::string address() const { return "127.0.0.1:" + std::to_string(port_); }

  std::atomic<int> transient_sessions{0};  // answer this many MAIL FROMs with 451
  std::atomic<bool> busy{false};           // 421 at the greeting
  std::string refuse_recipient;            // 550 for RCPT TO this address (set before start)
  std::atomic<int> sessions{0};
  std::atomic<int> refused_transient{0};

  // Waits until `n` mails arrived; returns them.
  std::vector<ReceivedMail> wait_for(size_t n, std::chrono::seconds timeout = 20s) {
    std::unique_lock lock(mutex_);
    cv_.wait_for(lock, timeout, [&] { return mails_.size() >= n; });
    return mails_;
  }
  std::vector<ReceivedMail> mails() {
    std::lock_guard lock(mutex_);
    return mails_;
  }

 private:
  void serve() {
    while (!stopping_) {
      int c = ::accept(fd_, nullptr, nullptr);
      if (c < 0) return;
      ++sessions;
      session(c);
      ::close(c);
    }
  }
  static void say(int c, const std::string& line) {
    const std::string out = line + "\r\n";
    (void)!::write(c, out.data(), out.size());
  }
  // The next CRLF-terminated line, or nothing when the client went away.
  std::optional<std::string> line(int c, std::string& buf) {
    for (;;) {
      auto pos = buf.find("\r\n");
      if (pos != std::string::npos) {
        std::string l = buf.substr(0, pos);
        buf.erase(0, pos + 2);
        return l;
      }
      char tmp[4096];
      ssize_t n = ::read(c, tmp, sizeof tmp);
      if (n <= 0) return std::nullopt;
      buf.append(tmp, static_cast<size_t>(n));
    }
  }
  void session(int c) {
    if (busy) {
      say(c, "421 busy, try later");
      return;
    }
    say(c, "220 test-mta ESMTP");
    std::string buf;
    ReceivedMail mail;
    while (auto l = line(c, buf)) {
      const std::string cmd = l->substr(0, std::min<size_t>(l->size(), 10));
      if (l->starts_with("EHLO")) {
        say(c, "250-test-mta");
        say(c, "250 8BITMIME");
      } else if (l->starts_with("MAIL FROM:")) {
        if (transient_sessions > 0) {
          --transient_sessions;
          ++refused_transient;
          say(c, "451 4.3.0 try again later");
          continue;
        }
        mail = ReceivedMail{};
        mail.from = l->substr(10);
        say(c, "250 ok");
      } else if (l->starts_with("RCPT TO:")) {
        const std::string to = l->substr(8);
        if (!refuse_recipient.empty() && to == "<" + refuse_recipient + ">") {
          say(c, "550 5.1.1 no such mailbox");
          continue;
        }
        mail.to.push_back(to);
        say(c, "250 ok");
      } else if (*l == "DATA") {
        say(c, "354 go ahead");
        std::string data;
        while (auto d = line(c, buf)) {
          if (*d == ".") break;
          data += (d->starts_with(".") ? d->substr(1) : *d) + "\r\n";
        }
        mail.data = data;
        {
          std::lock_guard lock(mutex_);
          mails_.push_back(mail);
        }
        cv_.notify_all();
        say(c, "250 queued");
      } else if (*l == "QUIT") {
        say(c, "221 bye");
        return;
      } else if (l->starts_with("RSET") || l->starts_with("NOOP")) {
        say(c, "250 ok");
      } else {
        say(c, "502 not implemented");
      }
    }
  }

  int fd_ = -1;
  uint16_t port_ = 0;
  std::atomic<bool> stopping_{false};
  std::thread thread_;
  std::mutex mutex_;
  std::condition_variable cv_;
  std::vector<ReceivedMail> mails_;
};

Json cmd(const std::string& id, const std::string& type, const Json& payload) {
  return {{"t", "cmd"}, {"id", id}, {"type", type}, {"payload", payload}};
}

Json run(WsClient& ws, const std::string& id, const std::string& type, const Json& payload) {
  ws.send(cmd(id, type, payload));
  for (;;) {
    Json f = ws.expect();
    if (f.value("id", "") == id) return f;
  }
}

// The invitation link's token in a mail.
std::string invite_token(const std::string& data) {
  std::smatch m;
  static const std::regex link(R"(/#/invite/([A-Za-z0-9_-]{43}))");
  return std::regex_search(data, m, link) ? m[1].str() : "";
}

std::string header(const std::string& data, const std::string& name) {
  std::smatch m;
  const std::regex h("(^|\r\n)" + name + ": ([^\r\n]*)");
  return std::regex_search(data, m, h) ? m[2].str() : "";
}

// A header with its folding undone and RFC 2047 "=?UTF-8?B?...?=" words decoded.
std::string decoded_header(const std::string& data, const std::string& name) {
  std::smatch m;
  const std::regex h("(^|\r\n)" + name + ": ((?:[^\r\n]|\r\n )*)");
  if (!std::regex_search(data, m, h)) return "";
  std::string v = std::regex_replace(m[2].str(), std::regex("\\?=\r\n =\\?"), "?==?");
  static const std::string b64 =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  const std::regex word(R"(=\?UTF-8\?B\?([A-Za-z0-9+/=]*)\?=)");
  auto begin = std::sregex_iterator(v.begin(), v.end(), word);
  if (begin == std::sregex_iterator()) return v;
  for (auto it = begin; it != std::sregex_iterator(); ++it) {
    uint32_t acc = 0;
    int bits = 0;
    for (char c : (*it)[1].str()) {
      if (c == '=') break;
      acc = (acc << 6) | static_cast<uint32_t>(b64.find(c));
      bits += 6;
      if (bits >= 8) {
        bits -= 8;
        out += static_cast<char>((acc >> bits) & 0xFF);
      }
    }
  }
  return out;
}

class MailTest : public ::testing::Test {
 protected:
  void start(std::vector<std::string> extra) {
    extra_ = std::move(extra);
    if (!public_written_) write_public_dir(dir_.path() / "public");
    public_written_ = true;
    server_ = std::make_unique<ServerProcess>(dir_.path() / "data", dir_.path() / "public", extra_);
  }
  std::filesystem::path db() const { return dir_.path() / "data" / "portal.db"; }
  uint16_t port() const { return server_->port(); }

  TempDir dir_;
  bool public_written_ = false;
  std::vector<std::string> extra_;
  std::unique_ptr<ServerProcess> server_;
};

TEST_F(MailTest, AnInvitationIsMailedRetriedAfterA4xxAndAcceptedOnce) {
  SmtpListener mta;
  mta.transient_sessions = 1;  // the relay is busy once: the mail must come on the retry
  start({"--smtp", mta.address(), "--mail-from", "portal@northwind.example", "--public-url",
         "https://portal.example.com/"});
  WsClient dana(port());
  const Json welcome = log_in(dana, kDana);
  Json a = run(dana, "i-1", "invitation.create",
               {{"email", "nora.new@acme.example"}, {"name", "Nora Neumann"},
                {"role", "partner_user"}});
  ASSERT_EQ(a["t"], "ack") << a.dump();
  const std::string invitation_id = a["result"]["invitation_id"];
  EXPECT_FALSE(a["result"].contains("token"));  // the token only travels in the mail

  auto mails = mta.wait_for(1);
  ASSERT_EQ(mails.size(), 1u);
  EXPECT_EQ(mta.refused_transient.load(), 1);
  const ReceivedMail& m = mails[0];
  EXPECT_EQ(m.from, "<portal@northwind.example>");
  ASSERT_EQ(m.to.size(), 1u);
  EXPECT_EQ(m.to[0], "<nora.new@acme.example>");
  EXPECT_EQ(header(m.data, "To"), "\"Nora Neumann\" <nora.new@acme.example>");
  EXPECT_EQ(header(m.data, "Subject"),
            "You are invited to the Partner Portal of Acme Integrations");
  EXPECT_FALSE(header(m.data, "Message-ID").empty());
  EXPECT_FALSE(header(m.data, "Date").empty());
  EXPECT_NE(m.data.find("https://portal.example.com/#/invite/"), std::string::npos) << m.data;
  const std::string token = invite_token(m.data);
  ASSERT_EQ(token.size(), 43u) << m.data;
  // Recorded on the row: sent on the second attempt. Only the token's hash is stored.
  for (int i = 0; i < 50 && sql_text(db(), "SELECT status FROM email_outbox") != "sent"; ++i)
    std::this_thread::sleep_for(100ms);
  EXPECT_EQ(sql_text(db(), "SELECT status FROM email_outbox"), "sent");
  EXPECT_EQ(sql_int(db(), "SELECT attempts FROM email_outbox"), 2);
  EXPECT_EQ(sql_text(db(), "SELECT body FROM email_outbox").find(token), std::string::npos)
      << "a sent invitation keeps no usable link in the database";
  EXPECT_EQ(sql_int(db(), "SELECT COUNT(*) FROM invitations WHERE token_hash LIKE '%" + token +
                              "%'"),
            0);

  // The invitee's page shows the organisation and the e-mail, nothing else.
  HttpResponse preview = http_get(port(), "/api/invitations/" + token);
  ASSERT_EQ(preview.status, 200) << preview.body;
  Json p = Json::parse(preview.body);
  EXPECT_EQ(p["org_name"], "Acme Integrations");
  EXPECT_EQ(p["email"], "nora.new@acme.example");
  EXPECT_EQ(http_get(port(), "/api/invitations/" + std::string(43, 'x')).status, 404);

  // A weak password is refused with the field named; the invitation stays open.
  HttpResponse weak = http_request(port(), "POST", "/api/invitations/accept",
                                   {{"Content-Type", "application/json"}},
                                   Json{{"token", token}, {"password", "short"}, {"name", "Nora"}}.dump());
  EXPECT_EQ(weak.status, 400) << weak.body;
  EXPECT_EQ(Json::parse(weak.body)["error"]["fields"][0]["field"], "password");

  HttpResponse ok = http_request(
      port(), "POST", "/api/invitations/accept", {{"Content-Type", "application/json"}},
      Json{{"token", token}, {"password", "a-good-passphrase"}, {"name", "Nora Neumann"}}.dump());
  ASSERT_EQ(ok.status, 201) << ok.body;
  Json session = Json::parse(ok.body);
  EXPECT_EQ(session["user"]["email"], "nora.new@acme.example");
  EXPECT_EQ(session["user"]["role"], "partner_user");
  EXPECT_EQ(session["org"]["id"], welcome["org"]["id"]);
  // The session works like a log-in's: resume it over the WebSocket.
  WsClient nora(port());
  nora.send({{"t", "resume"}, {"v", kProtocolVersion}, {"token", session["token"]}});
  Json w = nora.expect();
  EXPECT_EQ(w["t"], "welcome") << w.dump();
  // And the password works for a log-in.
  WsClient again(port());
  again.send(login_frame("nora.new@acme.example", "a-good-passphrase"));
  EXPECT_EQ(again.expect()["t"], "welcome");

  // Single use: the link is gone now.
  HttpResponse twice = http_request(
      port(), "POST", "/api/invitations/accept", {{"Content-Type", "application/json"}},
      Json{{"token", token}, {"password", "another-passphrase"}, {"name", "Mallory"}}.dump());
  EXPECT_EQ(twice.status, 410) << twice.body;
  EXPECT_EQ(Json::parse(twice.body)["error"]["code"], "gone");
  EXPECT_EQ(http_get(port(), "/api/invitations/" + token).status, 410);
  // Inviting an existing user is refused; revoking a used invitation too.
  Json dup = run(dana, "i-2", "invitation.create",
                 {{"email", "nora.new@acme.example"}, {"name", "Nora"}, {"role", "partner_user"}});
  EXPECT_EQ(dup["code"], "conflict") << dup.dump();
  Json rev = run(dana, "i-3", "invitation.revoke", {{"invitation_id", invitation_id}});
  EXPECT_EQ(rev["code"], "conflict") << rev.dump();
}

TEST_F(MailTest, RightsSeatsRevocationAndA5xx) {
  SmtpListener mta;
  mta.refuse_recipient = "gone@cedar.example";
  start({"--smtp", mta.address()});
  WsClient alex(port()), omar(port()), leo(port()), maya(port());
  log_in(alex, "alex.morgan@northwind.example");
  const Json omar_w = log_in(omar, "omar.haddad@cedar.example");
  log_in(leo, kLeo);
  log_in(maya, kMaya);
  const std::string cedar = omar_w["org"]["id"];
  // A partner user may not invite; a partner admin not into another organisation.
  Json r = run(leo, "l-1", "invitation.create",
               {{"email", "x@acme.example"}, {"name", "X"}, {"role", "partner_user"}});
  EXPECT_EQ(r["code"], "forbidden") << r.dump();
  r = run(maya, "m-1", "invitation.create",
          {{"org_id", cedar}, {"email", "x@cedar.example"}, {"name", "X"}, {"role", "partner_user"}});
  EXPECT_EQ(r["code"], "not_found") << r.dump();
  // A partner's people are partner roles; the shared rules check the fields.
  r = run(omar, "o-0", "invitation.create",
          {{"email", "not-an-email"}, {"name", " "}, {"role", "vendor_admin"}});
  ASSERT_EQ(r["code"], "validation") << r.dump();
  EXPECT_EQ(r["fields"].size(), 3u) << r.dump();

  // Cedar has 3 licences and 1 user: two invitations fit, the third is refused.
  r = run(omar, "o-1", "invitation.create",
          {{"email", "gone@cedar.example"}, {"name", "Gone"}, {"role", "partner_user"}});
  ASSERT_EQ(r["t"], "ack") << r.dump();
  r = run(alex, "a-1", "invitation.create",
          {{"org_id", cedar}, {"email", "two@cedar.example"}, {"name", "Two"}, {"role", "partner_admin"}});
  ASSERT_EQ(r["t"], "ack") << r.dump();
  const std::string second = r["result"]["invitation_id"];
  r = run(omar, "o-2", "invitation.create",
          {{"email", "three@cedar.example"}, {"name", "Three"}, {"role", "partner_user"}});
  EXPECT_EQ(r["code"], "conflict") << r.dump();
  EXPECT_NE(r.value("message", "").find("licences"), std::string::npos) << r.dump();
  // Revoking frees the seat; a revoked link is gone.
  r = run(omar, "o-3", "invitation.revoke", {{"invitation_id", second}});
  ASSERT_EQ(r["t"], "ack") << r.dump();
  r = run(omar, "o-4", "invitation.create",
          {{"email", "three@cedar.example"}, {"name", "Three"}, {"role", "partner_user"}});
  EXPECT_EQ(r["t"], "ack") << r.dump();

  // Inviting the same e-mail again replaces the open invitation: one link works, one seat held.
  r = run(omar, "o-5", "invitation.create",
          {{"email", "three@cedar.example"}, {"name", "Three Again"}, {"role", "partner_user"}});
  ASSERT_EQ(r["t"], "ack") << r.dump();
  EXPECT_EQ(sql_int(db(), "SELECT COUNT(*) FROM invitations WHERE email = 'three@cedar.example' "
                          "AND revoked_at = 0"),
            1);

  // The refused recipient's mail is failed for good, with the relay's answer.
  auto mails = mta.wait_for(3);
  EXPECT_EQ(mails.size(), 3u);
  for (int i = 0; i < 50 && sql_int(db(), "SELECT COUNT(*) FROM email_outbox WHERE status = 'failed'") == 0; ++i)
    std::this_thread::sleep_for(100ms);
  EXPECT_EQ(sql_text(db(), "SELECT status FROM email_outbox WHERE to_addr = 'gone@cedar.example'"),
            "failed");
  EXPECT_NE(sql_text(db(), "SELECT last_error FROM email_outbox WHERE to_addr = 'gone@cedar.example'")
                .find("550"),
            std::string::npos);
  std::string revoked_token;
  for (const ReceivedMail& m : mails)
    if (m.to[0] == "<two@cedar.example>") revoked_token = invite_token(m.data);
  ASSERT_EQ(revoked_token.size(), 43u);
  HttpResponse gone = http_request(
      port(), "POST", "/api/invitations/accept", {{"Content-Type", "application/json"}},
      Json{{"token", revoked_token}, {"password", "a-good-passphrase"}, {"name", "Two"}}.dump());
  EXPECT_EQ(gone.status, 410) << gone.body;
}

TEST_F(MailTest, AMailQueuedBeforeASigkillIsDeliveredAfterTheRestart) {
  SmtpListener mta;
  mta.busy = true;  // 421: nothing can be delivered before the crash
  start({"--smtp", mta.address()});
  {
    WsClient dana(port());
    log_in(dana, kDana);
    Json a = run(dana, "k-1", "invitation.create",
                 {{"email", "kim@acme.example"}, {"name", "Kim"}, {"role", "partner_user"}});
    ASSERT_EQ(a["t"], "ack") << a.dump();  // acknowledged = durable, mail included
  }
  for (int i = 0; i < 50 && mta.sessions == 0; ++i) std::this_thread::sleep_for(100ms);
  EXPECT_GE(mta.sessions.load(), 1);
  ::kill(server_->pid(), SIGKILL);
  server_.reset();
  EXPECT_EQ(sql_text(db(), "SELECT status FROM email_outbox"), "pending");
  mta.busy = false;
  start(extra_);
  auto mails = mta.wait_for(1);
  ASSERT_EQ(mails.size(), 1u);
  EXPECT_EQ(mails[0].to[0], "<kim@acme.example>");
  EXPECT_EQ(invite_token(mails[0].data).size(), 43u);
}

TEST_F(MailTest, OfflineMembersGetOneDigestUnlessTheyReadMeanwhile) {
  SmtpListener mta;
  start({"--smtp", mta.address(), "--mail-digest-delay", "2", "--public-url",
         "http://portal.test"});
  WsClient priya(port());
  log_in(priya, kPriya);
  // The Acme x Northwind channel: Priya and Sam (vendor) and every Acme user.
  Json list = subscribe(priya, "messages");
  ASSERT_EQ(list["t"], "snapshot") << list.dump();
  std::string channel;
  for (const Json& c : list["state"]["conversations"])
    if (c["conversation"].value("title", "") == "Acme \xc3\x97 Northwind")
      channel = c["conversation"]["id"];
  ASSERT_FALSE(channel.empty()) << list.dump().substr(0, 600);
  // Sam is online (follows the Messages room): no mail for him.
  WsClient sam(port());
  log_in(sam, "sam.lee@northwind.example");
  ASSERT_EQ(subscribe(sam, "messages")["t"], "snapshot");

  int64_t last_seq = 0;
  for (int i = 1; i <= 3; ++i) {
    Json a = run(priya, "s-" + std::to_string(i), "message.send",
                 {{"conversation_id", channel}, {"body", "Update number " + std::to_string(i)}});
    ASSERT_EQ(a["t"], "ack") << a.dump();
    last_seq = a["result"]["seq"];
  }
  // Leo reads them before the delay is over (over a connection that is not in Messages).
  {
    WsClient leo(port());
    log_in(leo, kLeo);
    Json r = run(leo, "r-1", "conversation.read", {{"conversation_id", channel}, {"seq", last_seq}});
    ASSERT_EQ(r["t"], "ack") << r.dump();
  }
  auto mails = mta.wait_for(1);
  ASSERT_EQ(mails.size(), 1u);
  std::this_thread::sleep_for(3s);  // nothing else comes: one digest, not one per message
  mails = mta.mails();
  ASSERT_EQ(mails.size(), 1u);
  EXPECT_EQ(mails[0].to[0], "<dana.fischer@acme.example>");
  EXPECT_EQ(decoded_header(mails[0].data, "Subject"),
            "3 new messages in Acme \xc3\x97 Northwind from Priya Shah")
      << mails[0].data;
  EXPECT_NE(mails[0].data.find("http://portal.test/#/messages/" + channel), std::string::npos)
      << mails[0].data;
  EXPECT_EQ(sql_int(db(), "SELECT COUNT(*) FROM message_digests"), 0);
}

TEST_F(MailTest, WithoutARelayMailsAreWrittenAsEmlFiles) {
  start({});
  WsClient dana(port());
  log_in(dana, kDana);
  Json a = run(dana, "e-1", "invitation.create",
               {{"email", "eva@acme.example"}, {"name", "Éva Ört"}, {"role", "partner_user"}});
  ASSERT_EQ(a["t"], "ack") << a.dump();
  const auto mail_dir = dir_.path() / "data" / "mail";
  std::string text;
  for (int i = 0; i < 50 && text.empty(); ++i) {
    std::this_thread::sleep_for(100ms);
    if (std::filesystem::is_directory(mail_dir))
      for (const auto& e : std::filesystem::directory_iterator(mail_dir))
        if (e.path().extension() == ".eml") {
          std::ifstream in(e.path(), std::ios::binary);
          text.assign(std::istreambuf_iterator<char>(in), {});
        }
  }
  ASSERT_FALSE(text.empty());
  EXPECT_EQ(invite_token(text).size(), 43u) << text;
  EXPECT_NE(text.find("\r\n\r\n"), std::string::npos);  // headers, blank line, body; CRLF
  EXPECT_NE(text.find("To: =?UTF-8?B?"), std::string::npos) << text;  // the name is encoded
  EXPECT_EQ(decoded_header(text, "To"), "\xc3\x89va \xc3\x96rt");
  EXPECT_EQ(sql_text(db(), "SELECT status FROM email_outbox"), "sent");
}

}  // namespace
}  // namespace portal::testing
