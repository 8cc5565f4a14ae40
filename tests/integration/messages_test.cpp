// The Messages rooms end to end on a real server: many clients in one channel with random
// disconnects converge on the same gap-free history; a partner never hears of another partner's
// conversations; only authors change their messages; search sees only what the user may see;
// typing, presence and read receipts reach the conversation's people; a disk that fails to sync
// gets nothing acknowledged, and everyone catches up once it works again.
#include <algorithm>
#include <fstream>
#include <map>
#include <random>
#include <set>
#include <thread>

#include "support/admin_process.h"
#include "support/portal_fixture.h"
#include "support/sqlite_probe.h"

namespace portal::testing {
namespace {

constexpr const char* kSam = "sam.lee@northwind.example";    // vendor support staff
constexpr const char* kOmar = "omar.haddad@cedar.example";  // Cedar Analytics admin

class MessagesTest : public PortalTest {};

Json cmd(const std::string& id, const std::string& type, const Json& payload) {
  return {{"t", "cmd"}, {"id", id}, {"type", type}, {"payload", payload}};
}

// Sends a command and returns its answer; frames that arrive first are kept in `seen`.
Json run(WsClient& ws, const std::string& id, const std::string& type, const Json& payload,
         std::vector<Json>* seen = nullptr) {
  ws.send(cmd(id, type, payload));
  for (;;) {
    Json f = ws.expect();
    if (f.value("id", "") == id) return f;
    if (seen) seen->push_back(f);
  }
}

// The next frame that is an event of `room` with `type` (others are skipped).
Json wait_event(WsClient& ws, const std::string& room, const std::string& type) {
  for (;;) {
    Json f = ws.expect();
    if (f.value("t", "") == "event" && f["room"] == room && f["type"] == type) return f;
    if (f.value("t", "") == "error") ADD_FAILURE() << f.dump();
  }
}

// Subscribes and returns the room's first answer (snapshot, replayed event or error), skipping
// frames about other rooms (presence signals of the list, for one).
Json open_room(WsClient& ws, const std::string& room) {
  ws.send({{"t", "sub"}, {"room", room}});
  for (;;) {
    Json f = ws.expect();
    if (f.value("t", "") == "error" || f.value("room", "") == room) return f;
  }
}

// The conversation of the user's list whose title is `title`.
std::string conversation_id(const Json& list_snapshot, const std::string& title) {
  for (const Json& c : list_snapshot["state"]["conversations"])
    if (c["title"] == title) return c["conversation"]["id"];
  ADD_FAILURE() << "no conversation \"" << title << "\" in " << list_snapshot.dump();
  return {};
}

std::string room_of(const std::string& conv) { return "conversation:" + conv; }

// [SECTION] Convergence under reconnects

// One chat client: its copy of the conversation and the commands it has not seen acked.
struct Chatter {
  std::string name;
  std::string email;
  uint16_t port;
  std::string room;
  std::unique_ptr<WsClient> ws;
  std::string token;
  int64_t seq = 0;
  std::map<int64_t, std::pair<std::string, std::string>> history;  // seq -> (id, body)
  std::vector<Json> unacked;
  std::set<std::string> acked;
  std::string failure;

  void fail(const std::string& why) {
    if (failure.empty()) failure = name + ": " + why;
  }

  int pages = 0;
  bool has_snapshot = false;  // until then a resubscribe must ask for one (no `after`)
  int pages_pending = 0;

  // Asks for the messages before the oldest one held (a snapshot holds only the newest 50).
  void page_back() {
    const int64_t first = history.empty() ? seq + 1 : history.begin()->first;
    ++pages_pending;
    ws->send({{"t", "cmd"}, {"id", "hist-" + name + "-" + std::to_string(pages++)},
              {"type", "messages.history"},
              {"payload", {{"conversation_id", conversation_of_room()}, {"before_seq", first}, {"limit", 100}}}});
  }
  std::string conversation_of_room() const { return room.substr(std::string("conversation:").size()); }

  void take(const Json& f) {
    const std::string t = f.value("t", "");
    if (t == "ack" && f["id"].get<std::string>().starts_with("hist-")) {
      --pages_pending;
      for (const Json& m : f["result"]["messages"]) history.emplace(m["seq"].get<int64_t>(), std::make_pair(m["id"], m["body"]));
      if (f["result"]["has_older"] == true) page_back();
      return;
    }
    if (t == "ack") {
      const std::string id = f["id"];
      acked.insert(id);
      std::erase_if(unacked, [&](const Json& c) { return c["id"] == id; });
    } else if (t == "snapshot") {
      if (f["seq"].get<int64_t>() < seq) return;
      has_snapshot = true;
      seq = f["seq"];
      for (const Json& m : f["state"]["messages"]) history[m["seq"]] = {m["id"], m["body"]};
      if (f["state"]["has_older"] == true) page_back();
    } else if (t == "event") {
      const int64_t s = f["seq"];
      if (s == 0) return;  // typing/presence
      if (!has_snapshot) return;  // the snapshot still to come includes it
      if (s <= seq) return fail("event seq " + std::to_string(s) + " again after " + std::to_string(seq));
      if (s != seq + 1) return fail("gap: " + std::to_string(seq) + " then " + std::to_string(s));
      seq = s;
      if (f["type"] == "message.sent") {
        const Json& m = f["data"]["message"];
        if (history.count(m["seq"])) return fail("message seq twice: " + m.dump());
        history[m["seq"]] = {m["id"], m["body"]};
      }
    } else if (t == "error") {
      fail("error frame " + f.dump());
    }
  }

  void connect(bool first) {
    ws = std::make_unique<WsClient>(port);
    if (first) {
      const Json w = log_in(*ws, email);
      token = w["token"];
    } else {
      ws->send({{"t", "resume"}, {"v", kProtocolVersion}, {"token", token}});
      const Json w = ws->expect();
      if (w.value("t", "") != "welcome") return fail("resume refused: " + w.dump());
    }
    Json sub = {{"t", "sub"}, {"room", room}};
    if (!first && has_snapshot) sub["after"] = seq;
    ws->send(sub);
    // Commands nobody acknowledged go out again with the same id.
    for (const Json& c : unacked) ws->send(c);
    // A history page asked on the dropped connection will never be answered: ask again.
    if (pages_pending > 0) {
      pages_pending = 0;
      page_back();
    }
  }

  void pump(std::chrono::milliseconds timeout) {
    while (auto f = ws->next(timeout)) take(*f);
  }
};

void chat(Chatter& c, const std::string& conv, int messages, unsigned seed) {
  std::mt19937 rng(seed);
  std::uniform_int_distribution<int> dice(0, 99);
  try {
    c.connect(true);
    for (int i = 0; i < messages && c.failure.empty(); ++i) {
      const std::string id = c.name + "-" + std::to_string(i);
      Json command = cmd(id, "message.send",
                         {{"conversation_id", conv}, {"body", "stress " + id}});
      c.unacked.push_back(command);
      c.ws->send(command);
      const int roll = dice(rng);
      if (roll < 20) {
        // Drop the connection before the ack arrives (maybe before the server even read it).
        c.ws.reset();
        if (roll < 10) std::this_thread::sleep_for(std::chrono::milliseconds(dice(rng)));
        c.connect(false);
      }
      // Read until this command is acknowledged.
      const auto deadline = std::chrono::steady_clock::now() + 10s;
      while (!c.acked.count(id) && std::chrono::steady_clock::now() < deadline) {
        if (auto f = c.ws->next(2s)) c.take(*f);
      }
      if (!c.acked.count(id)) c.fail("no ack for " + id);
    }
  } catch (const std::exception& e) {
    c.fail(std::string("exception: ") + e.what());
  }
}

TEST_F(MessagesTest, EightClientsWithRandomReconnectsHoldTheSameGapFreeHistory) {
  WsClient probe(port());
  log_in(probe, kDana);
  const std::string conv = conversation_id(subscribe(probe, "messages"), "Acme \xc3\x97 Northwind");
  ASSERT_FALSE(conv.empty());

  constexpr int kPerClient = 15;
  std::vector<std::unique_ptr<Chatter>> chatters;
  const std::vector<std::string> emails = {kDana, kLeo, kPriya, kSam};
  for (int i = 0; i < 8; ++i) {
    auto c = std::make_unique<Chatter>();
    c->name = "c" + std::to_string(i);
    c->email = emails[i % emails.size()];
    c->port = port();
    c->room = room_of(conv);
    chatters.push_back(std::move(c));
  }
  std::vector<std::thread> threads;
  for (size_t i = 0; i < chatters.size(); ++i)
    threads.emplace_back(chat, std::ref(*chatters[i]), conv, kPerClient, 1234u + unsigned(i));
  for (auto& t : threads) t.join();

  const auto db = server_->dir.path() / "data" / "portal.db";
  const int64_t total = sql_int(db, "SELECT COUNT(*) FROM messages WHERE conversation_id = '" +
                                        conv + "'");
  const int64_t room_seq =
      sql_int(db, "SELECT MAX(seq) FROM events WHERE room = '" + room_of(conv) + "'");
  for (auto& c : chatters) {
    ASSERT_TRUE(c->failure.empty()) << c->failure;
    // Catch up with what the others sent after this client's last command.
    const auto deadline = std::chrono::steady_clock::now() + 10s;
    while ((c->seq < room_seq || c->pages_pending > 0) && std::chrono::steady_clock::now() < deadline)
      c->pump(500ms);
    EXPECT_EQ(c->seq, room_seq) << c->name;
  }
  // Every message once: the seeded six and 8 x 15 sent, however often a command was resent.
  EXPECT_EQ(total, 6 + 8 * kPerClient);
  EXPECT_EQ(sql_int(db, "SELECT COUNT(*) FROM messages WHERE body LIKE 'stress %'"), 8 * kPerClient);
  EXPECT_EQ(sql_int(db, "SELECT COUNT(DISTINCT body) FROM messages WHERE body LIKE 'stress %'"),
            8 * kPerClient);
  const auto& reference = chatters.front()->history;
  ASSERT_EQ(static_cast<int64_t>(reference.size()), total);
  int64_t expected_seq = 1;
  for (const auto& [seq, m] : reference) EXPECT_EQ(seq, expected_seq++) << "a gap in the history";
  for (auto& c : chatters) {
    EXPECT_EQ(c->history, reference) << c->name << " holds another history";
    for (int i = 0; i < kPerClient; ++i) EXPECT_TRUE(c->acked.count(c->name + "-" + std::to_string(i)));
  }
}

// [SECTION] A client that cannot keep up

// Reads the frames `ws` holds until it is quiet; returns the seq of the last event of `room`
// that continued the run from `seq` without a gap (a frame out of line is a failure).
int64_t read_run(WsClient& ws, const std::string& room, int64_t seq) {
  while (auto f = ws.next(1s)) {
    if (f->value("t", "") != "event" || f->value("room", "") != room) continue;
    const int64_t s = (*f)["seq"];
    EXPECT_EQ(s, seq + 1) << "a gap or a repeat in what the client received";
    seq = s;
  }
  return seq;
}

TEST_F(MessagesTest, AReaderThatCannotKeepUpIsDroppedAloneAndResumesWhereItStopped) {
  WsClient probe(port());
  log_in(probe, kDana);
  const std::string conv = conversation_id(subscribe(probe, "messages"), "Acme \xc3\x97 Northwind");
  ASSERT_FALSE(conv.empty());
  const std::string room = room_of(conv);

  WsClient reader(port());  // keeps up
  log_in(reader, kDana);
  const int64_t start = open_room(reader, room)["seq"];
  auto slow = std::make_unique<WsClient>(port());
  const std::string token = log_in(*slow, kLeo)["token"];
  ASSERT_EQ(open_room(*slow, room)["seq"], start);
  slow->pause_reading();

  // ~9 MB of messages: far more than TCP and the server's per-connection limit (4 MiB) hold.
  constexpr int kMessages = 1200;
  WsClient writer(port());
  log_in(writer, kPriya);
  for (int i = 0; i < kMessages; ++i)
    writer.send(cmd("flood-" + std::to_string(i), "message.send",
                    {{"conversation_id", conv},
                     {"body", "flood " + std::to_string(i) + " " + std::string(7000, 'x')}}));
  int acks = 0;
  while (acks < kMessages) {
    auto f = writer.next(20s);
    ASSERT_TRUE(f) << "only " << acks << " of " << kMessages << " messages were acknowledged";
    if (f->value("t", "") == "ack") ++acks;
    ASSERT_NE(f->value("t", ""), "error") << f->dump();
  }
  const int64_t end = start + kMessages;

  // The room did not wait for the slow client: the reader has every message, in order.
  EXPECT_EQ(read_run(reader, room, start), end);

  // The slow client was cut off: once it reads again it gets what TCP held, then the end.
  slow->resume_reading();
  const int64_t got = read_run(*slow, room, start);
  EXPECT_TRUE(slow->wait_closed(10s)) << "the server kept a client that stopped reading";
  EXPECT_LT(got, end);

  // It comes back with its session and the last seq it saw, and misses nothing.
  slow = std::make_unique<WsClient>(port());
  slow->send({{"t", "resume"}, {"v", kProtocolVersion}, {"token", token}});
  ASSERT_EQ(slow->expect().value("t", ""), "welcome");
  slow->send({{"t", "sub"}, {"room", room}, {"after", got}});
  if (end - got > 1000) {
    // Further behind than the replay goes: a fresh snapshot of the room as it is now.
    const Json snap = slow->expect();
    ASSERT_EQ(snap.value("t", ""), "snapshot") << snap.dump();
    EXPECT_EQ(snap["seq"], end);
  } else {
    EXPECT_EQ(read_run(*slow, room, got), end);
  }
}

// [SECTION] Isolation and rights

TEST_F(MessagesTest, APartnerNeverHearsOfAnotherPartnersConversations) {
  WsClient maya(port()), dana(port()), priya(port());
  const Json maya_welcome = log_in(maya, kMaya);
  const std::string maya_org = maya_welcome["user"]["org_id"];
  log_in(dana, kDana);
  log_in(priya, kPriya);
  const Json maya_list = subscribe(maya, "messages");
  const Json dana_list = subscribe(dana, "messages");
  ASSERT_EQ(maya_list["t"], "snapshot");
  for (const Json& c : maya_list["state"]["conversations"])
    EXPECT_EQ(c["conversation"]["org_id"], maya_org) << c.dump();
  EXPECT_EQ(maya_list["state"]["conversations"].size(), 2u);
  const std::string acme = conversation_id(dana_list, "Acme \xc3\x97 Northwind");
  const std::string dana_id = dana_list["state"]["me"];
  for (const Json& p : maya_list["state"]["people"]) EXPECT_NE(p["id"], dana_id);

  // Maya cannot open, page, search, write to or change anything of Acme's.
  const Json sub = open_room(maya, room_of(acme));
  EXPECT_EQ(sub["t"], "error");
  EXPECT_EQ(sub["code"], "not_found");
  EXPECT_EQ(run(maya, "h", "messages.history", {{"conversation_id", acme}, {"before_seq", 100}})["code"],
            "not_found");
  EXPECT_EQ(run(maya, "s", "message.send", {{"conversation_id", acme}, {"body", "hi"}})["code"],
            "not_found");
  EXPECT_EQ(run(maya, "t", "typing", {{"conversation_id", acme}})["code"], "not_found");
  const Json found = run(maya, "q", "messages.search", {{"query", "sandbox"}});
  ASSERT_EQ(found["t"], "ack") << found.dump();
  EXPECT_EQ(found["result"]["results"].size(), 0u) << "Acme's messages mention the sandbox";
  const Json dana_found = run(dana, "q", "messages.search", {{"query", "sandbox"}});
  ASSERT_EQ(dana_found["t"], "ack");
  EXPECT_GE(dana_found["result"]["results"].size(), 2u);
  for (const Json& m : dana_found["result"]["results"]) EXPECT_EQ(m["conversation_id"], acme);

  // Acme's channel is busy: a message, an edit, a read, typing, presence, a new DM with Priya.
  ASSERT_EQ(open_room(dana, room_of(acme))["t"], "snapshot");
  const Json sent = run(dana, "d1", "message.send", {{"conversation_id", acme}, {"body", "Secret pricing"}});
  ASSERT_EQ(sent["t"], "ack") << sent.dump();
  const std::string mid = sent["result"]["message_id"];
  ASSERT_EQ(run(dana, "d2", "message.edit", {{"message_id", mid}, {"body", "Secret pricing v2"}})["t"], "ack");
  ASSERT_EQ(run(dana, "d3", "typing", {{"conversation_id", acme}})["t"], "ack");
  ASSERT_EQ(run(dana, "d4", "presence.set", {{"status", "away"}})["t"], "ack");
  ASSERT_EQ(run(priya, "p1", "conversation.read", {{"conversation_id", acme}, {"seq", 7}})["t"], "ack");

  // Nothing of it reaches Maya: no frame names Acme's conversation, Dana or the text.
  while (auto f = maya.next(1500ms)) {
    const std::string text = f->dump();
    EXPECT_EQ(text.find(acme), std::string::npos) << text;
    EXPECT_EQ(text.find(dana_id), std::string::npos) << text;
    EXPECT_EQ(text.find("Secret"), std::string::npos) << text;
  }
  // Maya cannot change Dana's message; Leo (same partner) cannot either, but sees the edit.
  EXPECT_EQ(run(maya, "m1", "message.delete", {{"message_id", mid}})["code"], "not_found");
  WsClient leo(port());
  log_in(leo, kLeo);
  EXPECT_EQ(run(leo, "l1", "message.edit", {{"message_id", mid}, {"body", "mine now"}})["code"],
            "forbidden");
  EXPECT_EQ(run(leo, "l2", "message.delete", {{"message_id", mid}})["code"], "forbidden");
}

TEST_F(MessagesTest, AChannelMessageReachesItsPartnersPeopleAndItsMembersOnly) {
  // Acme's channel: Priya and Sam (vendor staff) are its members, and every user of Acme sees
  // it; Leo is not a member. Alex (vendor admin, not a member) and Maya (Blue Harbor) are not
  // in it.
  WsClient dana(port()), leo(port()), priya(port()), sam(port()), alex(port()), maya(port());
  log_in(dana, kDana);
  log_in(leo, kLeo);
  log_in(priya, kPriya);
  log_in(sam, kSam);
  log_in(alex, "alex.morgan@northwind.example");
  log_in(maya, kMaya);
  const Json dana_list = subscribe(dana, "messages");
  for (WsClient* ws : {&leo, &priya, &sam, &alex, &maya})
    ASSERT_EQ(open_room(*ws, "messages")["t"], "snapshot");
  const std::string acme = conversation_id(dana_list, "Acme \xc3\x97 Northwind");

  const Json sent =
      run(dana, "c1", "message.send", {{"conversation_id", acme}, {"body", "Kick-off at 10"}});
  ASSERT_EQ(sent["t"], "ack") << sent.dump();
  for (WsClient* ws : {&dana, &leo, &priya, &sam}) {
    const Json signal = wait_event(*ws, "messages", "conversation.message");
    EXPECT_EQ(signal["data"]["conversation_id"], acme);
    EXPECT_EQ(signal["data"]["message"]["body"], "Kick-off at 10");
  }
  for (WsClient* ws : {&alex, &maya})
    while (auto f = ws->next(1000ms))
      EXPECT_EQ(f->dump().find(acme), std::string::npos) << f->dump();
}

TEST_F(MessagesTest, EditDeleteSearchAndReceiptsFollowTheAuthorAndTheReader) {
  WsClient dana(port()), priya(port());
  log_in(dana, kDana);
  log_in(priya, kPriya);
  const Json dana_list = subscribe(dana, "messages");
  const Json priya_list = open_room(priya, "messages");
  const std::string dm = conversation_id(dana_list, "Priya Shah");
  ASSERT_EQ(conversation_id(priya_list, "Dana Fischer"), dm);
  const Json snap = open_room(priya, room_of(dm));
  ASSERT_EQ(snap["t"], "snapshot") << snap.dump();
  EXPECT_EQ(snap["state"]["messages"].size(), 3u);
  ASSERT_EQ(open_room(dana, room_of(dm))["t"], "snapshot");

  // Typing reaches Priya as an ephemeral event (seq 0) with Dana's name.
  ASSERT_EQ(run(dana, "t1", "typing", {{"conversation_id", dm}})["t"], "ack");
  const Json typing = wait_event(priya, room_of(dm), "typing");
  EXPECT_EQ(typing["seq"], 0);
  EXPECT_EQ(typing["data"]["name"], "Dana Fischer");

  // A new message: Priya's list counts it unread, her receipt clears it and Dana sees it.
  const Json sent = run(dana, "s1", "message.send",
                        {{"conversation_id", dm}, {"body", "Signed copy attached to the deal."}});
  ASSERT_EQ(sent["t"], "ack") << sent.dump();
  EXPECT_EQ(sent["result"]["seq"], 4);
  // Her list hears of it as one unstored signal (seq 0) and counts it unread itself; a fresh
  // list snapshot (what a reconnect gets) has the server's count.
  const Json signal = wait_event(priya, "messages", "conversation.message");
  EXPECT_EQ(signal["seq"], 0);
  EXPECT_EQ(signal["data"]["message"]["seq"], 4);
  EXPECT_EQ(signal["data"]["from_partner"], true);
  WsClient priya_tab(port());
  log_in(priya_tab, kPriya);
  const Json fresh = subscribe(priya_tab, "messages");
  bool found = false;
  for (const Json& c : fresh["state"]["conversations"])
    if (c["conversation"]["id"] == dm) {
      found = true;
      EXPECT_EQ(c["unread"], 2);  // seq 3 and 4 are after her read marker (2)
    }
  EXPECT_TRUE(found) << fresh.dump();
  ASSERT_EQ(run(priya, "r1", "conversation.read", {{"conversation_id", dm}, {"seq", 4}})["t"], "ack");
  const Json receipt = wait_event(dana, room_of(dm), "conversation.read");
  EXPECT_EQ(receipt["data"]["marker"]["last_read_seq"], 4);
  const Json cleared = wait_event(priya, "messages", "conversation.read");
  EXPECT_EQ(cleared["data"]["unread"], 0);
  // A receipt never moves backwards and a resent command is answered the same way.
  EXPECT_EQ(run(priya, "r2", "conversation.read", {{"conversation_id", dm}, {"seq", 1}})["result"]["last_read_seq"], 4);

  // Edit: the text changes, is marked edited, and search follows it.
  const std::string mid = sent["result"]["message_id"];
  ASSERT_EQ(run(dana, "e1", "message.edit", {{"message_id", mid}, {"body", "Countersigned copy attached."}})["t"], "ack");
  const Json edited = wait_event(priya, room_of(dm), "message.edited");
  EXPECT_EQ(edited["data"]["message"]["edited"], true);
  EXPECT_EQ(edited["data"]["message"]["body"], "Countersigned copy attached.");
  EXPECT_EQ(run(dana, "q1", "messages.search", {{"query", "signed"}})["result"]["results"].size(), 0u);
  EXPECT_EQ(run(dana, "q2", "messages.search", {{"query", "countersign"}})["result"]["results"].size(), 1u);
  // Edits are validated like sends.
  const Json empty = run(dana, "e2", "message.edit", {{"message_id", mid}, {"body", "   "}});
  EXPECT_EQ(empty["code"], "validation");
  EXPECT_EQ(run(dana, "e3", "message.send", {{"conversation_id", dm}, {"body", std::string(8001, 'x')}})["code"],
            "validation");
  EXPECT_EQ(run(dana, "e4", "messages.search", {{"query", "\"*()"}})["code"], "validation");

  // Delete: a tombstone stays (no text), search forgets it, it cannot be edited any more.
  ASSERT_EQ(run(dana, "x1", "message.delete", {{"message_id", mid}})["t"], "ack");
  const Json deleted = wait_event(priya, room_of(dm), "message.deleted");
  EXPECT_EQ(deleted["data"]["message"]["deleted"], true);
  EXPECT_EQ(deleted["data"]["message"]["body"], "");
  EXPECT_EQ(run(dana, "q3", "messages.search", {{"query", "countersigned"}})["result"]["results"].size(), 0u);
  EXPECT_EQ(run(dana, "x2", "message.edit", {{"message_id", mid}, {"body", "back"}})["code"], "conflict");
  // Resending the delete with the same id gets the first answer.
  EXPECT_EQ(run(dana, "x1", "message.delete", {{"message_id", mid}})["result"]["deleted"], true);

  // History pages backwards from a seq.
  const Json page = run(priya, "h1", "messages.history", {{"conversation_id", dm}, {"before_seq", 3}, {"limit", 1}});
  ASSERT_EQ(page["t"], "ack");
  ASSERT_EQ(page["result"]["messages"].size(), 1u);
  EXPECT_EQ(page["result"]["messages"][0]["seq"], 2);
  EXPECT_EQ(page["result"]["has_older"], true);
}

TEST_F(MessagesTest, ConversationsAreCreatedByTheRightPeopleAndReachOnlyTheirAudience) {
  WsClient dana(port()), priya(port()), maya(port()), omar(port());
  log_in(dana, kDana);
  const Json priya_welcome = log_in(priya, kPriya);
  const Json maya_welcome = log_in(maya, kMaya);
  log_in(omar, kOmar);
  for (WsClient* ws : {&dana, &priya, &maya, &omar}) ASSERT_EQ(open_room(*ws, "messages")["t"], "snapshot");
  const std::string maya_id = maya_welcome["user"]["id"];
  const std::string maya_org = maya_welcome["user"]["org_id"];
  const std::string priya_id = priya_welcome["user"]["id"];

  // Partners cannot open channels, nor write to another partner's people.
  EXPECT_EQ(run(dana, "c1", "conversation.create", {{"kind", "topic"}, {"org_id", maya_org}, {"title", "x"}})["code"],
            "forbidden");
  EXPECT_EQ(run(dana, "c2", "conversation.create", {{"kind", "direct"}, {"user_id", maya_id}})["code"],
            "not_found");
  // Priya opens a channel for Blue Harbor: Maya's list gets it, Omar's and Dana's do not.
  const Json made = run(priya, "c3", "conversation.create",
                        {{"kind", "topic"}, {"org_id", maya_org}, {"title", "Healthcare launch"}});
  ASSERT_EQ(made["t"], "ack") << made.dump();
  const Json added = wait_event(maya, "messages", "conversation.added");
  EXPECT_EQ(added["data"]["summary"]["title"], "Healthcare launch");
  EXPECT_EQ(added["data"]["summary"]["conversation"]["id"], made["result"]["conversation_id"]);
  for (WsClient* ws : {&dana, &omar})
    while (auto f = ws->next(500ms))
      EXPECT_NE(f->value("type", ""), "conversation.added") << f->dump();
  // A DM that exists already is answered with the existing conversation.
  const Json again = run(maya, "c4", "conversation.create", {{"kind", "direct"}, {"user_id", priya_id}});
  ASSERT_EQ(again["t"], "ack") << again.dump();
  EXPECT_EQ(again["result"]["existing"], false);
  const Json twice = run(priya, "c5", "conversation.create", {{"kind", "direct"}, {"user_id", maya_id}});
  EXPECT_EQ(twice["result"]["existing"], true);
  EXPECT_EQ(twice["result"]["conversation_id"], again["result"]["conversation_id"]);
  EXPECT_EQ(run(priya, "c6", "conversation.create", {{"kind", "topic"}, {"org_id", maya_org}, {"title", ""}})["code"],
            "validation");
}

// The names of the people a messages.people answer lists.
std::vector<std::string> names_of(const Json& answer) {
  std::vector<std::string> out;
  for (const Json& p : answer["result"]["people"]) out.push_back(p["name"]);
  return out;
}

TEST_F(MessagesTest, WhomToWriteToListsOnlyThePeopleADirectMessageMayReach) {
  WsClient dana(port()), priya(port());
  log_in(dana, kDana);
  log_in(priya, kPriya);
  using Names = std::vector<std::string>;
  // A partner: the vendor's staff and their own colleagues, never another partner's people,
  // never themselves.
  const Json everyone = run(dana, "p1", "messages.people", {{"query", ""}});
  ASSERT_EQ(everyone["t"], "ack") << everyone.dump();
  EXPECT_EQ(names_of(everyone), (Names{"Alex Morgan", "Leo Martin", "Priya Shah", "Sam Lee"}));
  for (const Json& p : everyone["result"]["people"])
    EXPECT_EQ(p["vendor"], p["name"] != "Leo Martin") << p.dump();
  EXPECT_EQ(names_of(run(dana, "p2", "messages.people", {{"query", "maya"}})), Names{});
  // By name or e-mail, any case; % and _ are plain characters.
  EXPECT_EQ(names_of(run(dana, "p3", "messages.people", {{"query", "SAM"}})), Names{"Sam Lee"});
  EXPECT_EQ(names_of(run(dana, "p4", "messages.people", {{"query", "leo.martin@"}})),
            Names{"Leo Martin"});
  EXPECT_EQ(names_of(run(dana, "p5", "messages.people", {{"query", "%"}})), Names{});
  // The vendor's staff: partners' people, of every partner, not their own colleagues.
  const Json partners = run(priya, "p6", "messages.people", {{"query", ""}, {"limit", 10}});
  EXPECT_EQ(names_of(partners), (Names{"Dana Fischer", "Leo Martin", "Maya Chen", "Omar Haddad"}));
  EXPECT_EQ(partners["result"]["people"][2]["org_name"], "Blue Harbor Consulting");
  EXPECT_EQ(names_of(run(priya, "p7", "messages.people", {{"query", "a"}, {"limit", 2}})),
            (Names{"Dana Fischer", "Leo Martin"}));  // by name, at most the limit
  // Whoever is listed can be written to.
  const std::string sam = everyone["result"]["people"][3]["id"];
  const Json dm = run(dana, "c1", "conversation.create", {{"kind", "direct"}, {"user_id", sam}});
  EXPECT_EQ(dm["t"], "ack") << dm.dump();
  // A query too long or of the wrong type is a validation error on "query".
  for (const Json& bad :
       {Json{{"query", std::string(101, 'a')}}, Json{{"query", 7}}, Json::object()}) {
    const Json refused = run(dana, "p8", "messages.people", bad);
    EXPECT_EQ(refused["code"], "validation") << refused.dump();
    EXPECT_EQ(refused["fields"][0]["field"], "query") << refused.dump();
  }
}

TEST_F(MessagesTest, PresenceFollowsConnectionsAndTheAwaySignal) {
  WsClient priya(port());
  log_in(priya, kPriya);
  ASSERT_EQ(subscribe(priya, "messages")["t"], "snapshot");
  std::string leo_id;
  {
    WsClient leo(port());
    leo_id = log_in(leo, kLeo)["user"]["id"];
    ASSERT_EQ(open_room(leo, "messages")["t"], "snapshot");
    Json online = wait_event(priya, "messages", "presence");
    EXPECT_EQ(online["data"]["user_id"], leo_id);
    EXPECT_EQ(online["data"]["status"], "online");
    ASSERT_EQ(run(leo, "a1", "presence.set", {{"status", "away"}})["result"]["status"], "away");
    EXPECT_EQ(wait_event(priya, "messages", "presence")["data"]["status"], "away");
  }
  // The connection is gone: Leo is offline.
  Json offline = wait_event(priya, "messages", "presence");
  EXPECT_EQ(offline["data"]["user_id"], leo_id);
  EXPECT_EQ(offline["data"]["status"], "offline");
}

// Its own server: the test adds a user to Acme.
class PresenceJoinTest : public PortalTest {};

TEST_F(PresenceJoinTest, SomeoneWhoJoinsLaterHearsThePresenceOfPeopleAlreadyOnline) {
  WsClient dana(port());
  const std::string dana_id = log_in(dana, kDana)["user"]["id"];
  ASSERT_EQ(subscribe(dana, "messages")["t"], "snapshot");
  // Acme invites a colleague while Dana is online; he shares Acme's channel with her.
  const ProgramRun added = run_admin(
      {"create-user", "--org", "Acme Integrations", "--email", "noah.berg@acme.example", "--name",
       "Noah Berg", "--role", "partner_user", "--password", "noah-first-login-1", "--data",
       (server_->dir.path() / "data").string()});
  ASSERT_EQ(added.exit_code, 0) << added.err;
  WsClient noah(port());
  noah.send(login_frame("noah.berg@acme.example", "noah-first-login-1"));
  ASSERT_EQ(noah.expect()["t"], "welcome");
  const Json list = subscribe(noah, "messages");
  ASSERT_EQ(list["t"], "snapshot") << list.dump();
  bool dana_online = false;
  for (const Json& p : list["state"]["presence"])
    if (p["user_id"] == dana_id) dana_online = p["status"] == "online";
  EXPECT_TRUE(dana_online) << list.dump();
  // Dana hears Noah arrive, and Noah hears Dana step away, without anyone reconnecting.
  const Json arrived = wait_event(dana, "messages", "presence");
  EXPECT_EQ(arrived["data"]["status"], "online");
  ASSERT_EQ(run(dana, "away", "presence.set", {{"status", "away"}})["t"], "ack");
  const Json away = wait_event(noah, "messages", "presence");
  EXPECT_EQ(away["data"]["user_id"], dana_id);
  EXPECT_EQ(away["data"]["status"], "away");
}

// [SECTION] Durability

struct Writer {
  std::string email;
  std::string conv;
  std::unique_ptr<WsClient> ws;
  std::vector<std::string> acked;  // message ids
  std::string last_sent;           // a command maybe applied, never acked
  std::string last_body;
};

void send_until_cut(Writer& w, int index, std::atomic<int>& acked) {
  for (int i = 0;; ++i) {
    const std::string id = "dm-" + std::to_string(index) + "-" + std::to_string(i);
    w.last_sent = id;
    w.last_body = "durable " + id;
    try {
      w.ws->send(cmd(id, "message.send", {{"conversation_id", w.conv}, {"body", w.last_body}}));
    } catch (const std::runtime_error&) {
      return;
    }
    std::optional<Json> reply;
    do {
      reply = w.ws->next(3s);
    } while (reply && reply->value("id", "") != id);  // list events of our own messages
    if (!reply || reply->value("t", "") != "ack") return;
    w.acked.push_back((*reply)["result"]["message_id"]);
    w.last_sent.clear();
    ++acked;
  }
}

TEST(MessagesDurabilityTest, SigkillMidStreamLosesNoAcknowledgedMessageAndDuplicatesNone) {
  RunningServer server;
  const auto db = server.dir.path() / "data" / "portal.db";
  std::vector<Writer> writers;
  const std::vector<std::pair<const char*, const char*>> who = {
      {kDana, "Acme \xc3\x97 Northwind"}, {kLeo, "Acme \xc3\x97 Northwind"},
      {kMaya, "Blue Harbor \xc3\x97 Northwind"}, {kOmar, "Cedar \xc3\x97 Northwind"}};
  for (const auto& [email, title] : who) {
    Writer w{email, {}, std::make_unique<WsClient>(server.port()), {}, {}, {}};
    log_in(*w.ws, email);
    w.conv = conversation_id(subscribe(*w.ws, "messages"), title);
    writers.push_back(std::move(w));
  }
  std::atomic<int> acked{0};
  std::vector<std::thread> threads;
  for (size_t i = 0; i < writers.size(); ++i)
    threads.emplace_back(send_until_cut, std::ref(writers[i]), int(i), std::ref(acked));
  const auto deadline = std::chrono::steady_clock::now() + 15s;
  while (acked < 60 && std::chrono::steady_clock::now() < deadline) std::this_thread::sleep_for(2ms);
  ASSERT_EQ(kill(server.process->pid(), SIGKILL), 0);
  for (auto& t : threads) t.join();
  ASSERT_GE(acked.load(), 60) << "the writers were too slow to test anything";

  server.start();
  EXPECT_EQ(sql_text(db, "PRAGMA integrity_check"), "ok");
  for (const Writer& w : writers)
    for (const std::string& id : w.acked)
      EXPECT_EQ(sql_int(db, "SELECT COUNT(*) FROM messages WHERE id = '" + id + "'"), 1)
          << w.email << " was told " << id << " was stored";
  // Per conversation: seqs 1..n without a gap, one message.sent event per message with gap-free
  // event seqs, and the search index holds exactly the messages.
  EXPECT_EQ(sql_int(db, "SELECT COUNT(*) FROM (SELECT conversation_id, MAX(seq) AS m, COUNT(*) AS n "
                        "FROM messages GROUP BY conversation_id) WHERE m != n"),
            0);
  EXPECT_EQ(sql_int(db, "SELECT COUNT(*) FROM messages m WHERE (SELECT COUNT(*) FROM events e WHERE "
                        "e.room = 'conversation:' || m.conversation_id AND e.type = 'message.sent' AND "
                        "json_extract(e.data, '$.message.id') = m.id) != 1 AND m.body LIKE 'durable %'"),
            0);
  EXPECT_EQ(sql_int(db, "SELECT COUNT(*) FROM (SELECT room, MAX(seq) AS m, COUNT(*) AS n FROM events "
                        "WHERE room LIKE 'conversation:%' GROUP BY room) WHERE m != n"),
            0);
  EXPECT_EQ(sql_int(db, "SELECT COUNT(*) FROM message_search WHERE message_search MATCH 'durable'"),
            sql_int(db,
                    "SELECT COUNT(*) FROM messages WHERE deleted = 0 AND body LIKE 'durable %' AND "
                    "row_id <= (SELECT indexed_through FROM message_search_progress)"));
  EXPECT_EQ(sql_int(db, "SELECT COUNT(*) FROM messages WHERE body LIKE 'durable %'"),
            sql_int(db, "SELECT COUNT(*) FROM commands WHERE command_id LIKE 'dm-%'"));

  // A search after the restart finds the messages, a cut-off command resent after it is applied
  // at most once, and a fresh client's snapshot agrees with the log.
  for (size_t i = 0; i < writers.size(); ++i) {
    const Writer& w = writers[i];
    WsClient ws(server.port());
    log_in(ws, w.email);
    // The index catches up before a search answers: then it holds every stored message.
    const Json found = run(ws, "s-" + std::to_string(i), "messages.search", {{"query", "durable"}});
    ASSERT_EQ(found["t"], "ack") << found.dump();
    EXPECT_EQ(found["result"]["results"].empty(), w.acked.empty()) << found.dump();
    EXPECT_EQ(
        sql_int(db, "SELECT COUNT(*) FROM message_search WHERE message_search MATCH 'durable'"),
        sql_int(db, "SELECT COUNT(*) FROM messages WHERE deleted = 0 AND body LIKE 'durable %'"));
    if (w.last_sent.empty()) continue;
    const Json a = run(ws, w.last_sent, "message.send", {{"conversation_id", w.conv}, {"body", w.last_body}});
    ASSERT_EQ(a["t"], "ack") << a.dump();
    EXPECT_EQ(sql_int(db, "SELECT COUNT(*) FROM messages WHERE body = '" + w.last_body + "'"), 1);
    const Json snap = open_room(ws, room_of(w.conv));
    EXPECT_EQ(snap["seq"], sql_int(db, "SELECT COUNT(*) FROM events WHERE room = '" + room_of(w.conv) + "'"));
  }
}

// [SECTION] A disk that fails

// While the disk cannot sync, nothing is acknowledged and every connection is closed with
// "storage_failed"; once it works again, the resent message is stored once and reaches the
// other side exactly once as its room catches up.
TEST(MessagesStorageFailureTest, NothingIsAcknowledgedWhileSyncsFailAndEveryoneCatchesUpAfter) {
  TempDir dir;
  write_public_dir(dir.path() / "public");
  const std::filesystem::path flag = dir.path() / "disk-fails";
  ServerProcess server(dir.path() / "data", dir.path() / "public", {},
                       {std::string("LD_PRELOAD=") + PORTAL_FAILING_SYNC_LIB,
                        "PORTAL_TEST_FAIL_SYNC=" + flag.string()});
  const auto db = dir.path() / "data" / "portal.db";
  const std::string body = "Sent while the disk failed";
  WsClient dana(server.port());
  WsClient priya(server.port());
  const std::string dana_token = log_in(dana, kDana)["token"];
  const std::string priya_token = log_in(priya, kPriya)["token"];
  const std::string conv = conversation_id(subscribe(dana, "messages"), "Priya Shah");
  const std::string room = room_of(conv);
  const Json snap = open_room(priya, room);
  ASSERT_EQ(snap["t"], "snapshot") << snap.dump();
  const int64_t seq = snap["seq"];

  std::ofstream(flag) << "the disk fails from now on";
  const Json send = cmd("m-1", "message.send", {{"conversation_id", conv}, {"body", body}});
  dana.send(send);
  // Both are told why and closed; neither hears of the message.
  for (WsClient* ws : {&dana, &priya}) {
    std::optional<Json> f;
    while ((f = ws->next(10s)) && f->value("t", "") != "bye") {
      EXPECT_NE(f->value("id", ""), "m-1") << f->dump();
      EXPECT_NE(f->value("type", ""), "message.sent") << f->dump();
    }
    ASSERT_TRUE(f) << "no goodbye";
    EXPECT_EQ((*f)["reason"], "storage_failed");
    EXPECT_TRUE(ws->wait_closed(5s));
  }
  std::filesystem::remove(flag);

  // The disk works again. Dana's tab resumes and sends its unanswered command again.
  WsClient dana2(server.port());
  dana2.send({{"t", "resume"}, {"v", kProtocolVersion}, {"token", dana_token}});
  ASSERT_EQ(dana2.expect()["t"], "welcome");
  const Json ack = run(dana2, "m-1", "message.send", send["payload"]);
  ASSERT_EQ(ack["t"], "ack") << ack.dump();
  // Priya's tab resumes and asks for what came after what it holds: the message, once.
  WsClient priya2(server.port());
  priya2.send({{"t", "resume"}, {"v", kProtocolVersion}, {"token", priya_token}});
  ASSERT_EQ(priya2.expect()["t"], "welcome");
  priya2.send({{"t", "sub"}, {"room", room}, {"after", seq}});
  const Json event = wait_event(priya2, room, "message.sent");
  EXPECT_EQ(event["seq"], seq + 1);
  EXPECT_EQ(event["data"]["message"]["body"], body);
  while (auto f = priya2.next(1s))
    EXPECT_FALSE(f->value("room", "") == room && f->value("type", "") == "message.sent")
        << f->dump();
  EXPECT_EQ(sql_int(db, "SELECT COUNT(*) FROM messages WHERE body = '" + body + "'"), 1);
}

}  // namespace
}  // namespace portal::testing
