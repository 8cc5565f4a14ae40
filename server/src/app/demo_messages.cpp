#include "app/demo_messages.h"

#include <cstdio>
#include <ctime>

#include "auth/tokens.h"
#include "portal/rules/entity_validation.h"

namespace portal::server {
namespace {

struct Bad {
  std::string message;
};

std::string text(const Json& j, const char* name) {
  auto it = j.find(name);
  if (it == j.end() || !it->is_string())
    throw Bad{std::string("a conversation needs the text field \"") + name + "\""};
  return it->get<std::string>();
}

UnixTime time_of(const std::string& s) {
  std::tm tm{};
  int consumed = 0;
  if (std::sscanf(s.c_str(), "%4d-%2d-%2dT%2d:%2d:%2dZ%n", &tm.tm_year, &tm.tm_mon, &tm.tm_mday,
                  &tm.tm_hour, &tm.tm_min, &tm.tm_sec, &consumed) != 6 ||
      consumed != static_cast<int>(s.size()))
    throw Bad{"bad time \"" + s + "\" in a conversation"};
  tm.tm_year -= 1900;
  tm.tm_mon -= 1;
  return static_cast<UnixTime>(timegm(&tm));
}

Id lookup(const std::map<std::string, Id>& ids, const std::string& key) {
  auto it = ids.find(key);
  if (it == ids.end()) throw Bad{"unknown \"" + key + "\" in a conversation"};
  return it->second;
}

}  // namespace

std::string read_demo_conversations(const Json& doc, const std::map<std::string, Id>& org_ids,
                                    const std::map<std::string, Id>& user_ids,
                                    std::vector<SeedConversation>& out) {
  auto list = doc.find("conversations");
  if (list == doc.end()) return {};
  if (!list->is_array()) return "\"conversations\" must be a list";
  try {
    for (const Json& j : *list) {
      SeedConversation sc;
      Conversation& c = sc.conversation;
      c.id = new_id();
      c.org_id = lookup(org_ids, text(j, "org"));
      auto kind = conversation_kind_from_string(text(j, "kind"));
      if (!kind) throw Bad{"a conversation's kind is \"topic\" or \"direct\""};
      c.kind = *kind;
      if (c.kind == ConversationKind::Topic) c.title = text(j, "title");
      c.created_at = time_of(text(j, "created_at"));
      const Json members = j.value("members", Json::array());
      for (const Json& m : members)
        c.member_ids.push_back(lookup(user_ids, m.get<std::string>()));
      c.created_by = c.member_ids.empty() ? Id() : c.member_ids.front();
      if (auto e = validate_conversation(c); !e.empty()) throw Bad{e.front().message};
      std::map<Id, int64_t> read;
      const Json messages = j.value("messages", Json::array());
      for (const Json& mj : messages) {
        Message m;
        m.id = new_id();
        m.conversation_id = c.id;
        m.seq = static_cast<int64_t>(sc.messages.size()) + 1;
        m.author_id = lookup(user_ids, text(mj, "from"));
        m.body = text(mj, "body");
        m.sent_at = time_of(text(mj, "at"));
        if (auto r = mj.find("reply_to"); r != mj.end()) {
          const size_t index = r->get<size_t>();
          if (index >= sc.messages.size()) throw Bad{"reply_to names a later message"};
          m.parent_id = sc.messages[index].id;
        }
        if (auto e = validate_message(m); !e.empty()) throw Bad{e.front().message};
        read[m.author_id] = m.seq;  // everyone has read what they wrote
        sc.messages.push_back(std::move(m));
      }
      const Json reads = j.value("read", Json::object());
      for (const auto& [email, seq] : reads.items()) {
        const Id user = lookup(user_ids, email);
        if (!seq.is_number_integer() || seq.get<int64_t>() < 0 ||
            seq.get<int64_t>() > static_cast<int64_t>(sc.messages.size()))
          throw Bad{"a read position is past the conversation's last message"};
        read[user] = std::max(read[user], seq.get<int64_t>());
      }
      for (const auto& [user, seq] : read) {
        const UnixTime at = sc.messages.empty() ? c.created_at
                                                : sc.messages[static_cast<size_t>(seq) - 1].sent_at;
        sc.reads.push_back(ReadMarker{c.id, user, seq, at});
      }
      out.push_back(std::move(sc));
    }
  } catch (const Bad& e) {
    return e.message;
  } catch (const Json::exception& e) {
    return std::string("a conversation is malformed: ") + e.what();
  }
  return {};
}

}  // namespace portal::server
