#include "replica.h"

namespace portal::client {

SubscribeFrame Replica::subscribe(const std::string& room) {
  RoomReplica& r = rooms_[room];
  SubscribeFrame f{room, std::nullopt};
  if (r.has_snapshot) {
    f.after = r.seq;
  } else {
    r.awaiting_snapshot = true;
  }
  return f;
}

std::vector<SubscribeFrame> Replica::resubscribe_all() {
  std::vector<SubscribeFrame> out;
  for (auto& [name, r] : rooms_) out.push_back(subscribe(name));
  return out;
}

void Replica::on_snapshot(const SnapshotFrame& f) {
  RoomReplica& r = rooms_[f.room];
  // A snapshot older than what we hold (a reordered reply) would move us backwards.
  if (r.has_snapshot && f.seq < r.seq) {
    r.awaiting_snapshot = false;
    return;
  }
  r.seq = f.seq;
  r.raw = f.state;
  r.has_snapshot = true;
  r.awaiting_snapshot = false;
  if (f.room == "overview") r.overview = overview_from_json(f.state);
  if (f.room == "leads") r.leads = leads_from_json(f.state);
  if (f.room == "deals") r.deals = deals_from_json(f.state);
  if (f.room == "accounts") {
    r.accounts = accounts_from_json(f.state);
    // The typed state is all the Accounts view reads: a 10,000-row JSON copy is not kept.
    r.raw = Json();
  }
  if (f.room == "program" || f.room.starts_with("program:")) {
    // Vendor staff get the summary of every partner; a partner's program is the full state.
    if (is_program_summary(f.state)) {
      r.program_summary = program_summary_from_json(f.state);
    } else {
      r.program = program_from_json(f.state);
    }
  }
  ++r.snapshots;
  if (f.room == "messages") r.messages = messages_from_json(f.state);
  if (f.room.starts_with("conversation:")) r.conversation = conversation_state_from_json(f.state);
}

bool Replica::on_signal(const EventFrame& f) {
  auto it = rooms_.find(f.room);
  if (it == rooms_.end() || !it->second.messages) return false;
  return apply(*it->second.messages, f.type, f.data);
}

const MessagesState* Replica::messages() const {
  const RoomReplica* r = room("messages");
  return r && r->messages ? &*r->messages : nullptr;
}

const ConversationState* Replica::conversation(const std::string& name) const {
  const RoomReplica* r = room(name);
  return r && r->conversation ? &*r->conversation : nullptr;
}

ConversationState* Replica::conversation_mut(const std::string& name) {
  auto it = rooms_.find(name);
  return it != rooms_.end() && it->second.conversation ? &*it->second.conversation : nullptr;
}

Replica::EventResult Replica::on_event(const EventFrame& f) {
  auto it = rooms_.find(f.room);
  if (it == rooms_.end()) return EventResult::NotSubscribed;
  RoomReplica& r = it->second;
  if (!r.has_snapshot) return EventResult::Duplicate;  // the coming snapshot will include it
  if (f.seq <= r.seq) return EventResult::Duplicate;
  if (f.seq != r.seq + 1) return EventResult::Gap;
  r.seq = f.seq;
  if (r.overview) apply(*r.overview, f.type, f.data);
  if (r.leads) apply(*r.leads, f.type, f.data);
  if (r.deals) apply(*r.deals, f.type, f.data);
  if (r.accounts) apply(*r.accounts, f.type, f.data);
  if (r.program) apply(*r.program, f.type, f.data);
  if (r.program_summary) apply(*r.program_summary, f.type, f.data);
  if (r.messages) apply(*r.messages, f.type, f.data);
  if (r.conversation) apply(*r.conversation, f.type, f.data);
  return EventResult::Applied;
}

const RoomReplica* Replica::room(const std::string& name) const {
  auto it = rooms_.find(name);
  return it == rooms_.end() ? nullptr : &it->second;
}

const OverviewState* Replica::overview() const {
  const RoomReplica* r = room("overview");
  return r && r->overview ? &*r->overview : nullptr;
}

const LeadsState* Replica::leads() const {
  const RoomReplica* r = room("leads");
  return r && r->leads ? &*r->leads : nullptr;
}

const DealsState* Replica::deals() const {
  const RoomReplica* r = room("deals");
  return r && r->deals ? &*r->deals : nullptr;
}

const AccountsState* Replica::accounts() const {
  const RoomReplica* r = room("accounts");
  return r && r->accounts ? &*r->accounts : nullptr;
}

const ProgramState* Replica::program() const {
  const RoomReplica* r = room("program");
  return r && r->program ? &*r->program : nullptr;
}

AccountsState* Replica::accounts_mut() {
  auto it = rooms_.find("accounts");
  return it != rooms_.end() && it->second.accounts ? &*it->second.accounts : nullptr;
}

const ProgramSummaryState* Replica::program_summary() const {
  const RoomReplica* r = room("program");
  return r && r->program_summary ? &*r->program_summary : nullptr;
}

const ProgramState* Replica::program_of(const Id& org_id) const {
  const RoomReplica* r = room("program:" + org_id);
  return r && r->program ? &*r->program : nullptr;
}

bool Replica::awaiting_any_snapshot() const {
  for (const auto& [name, r] : rooms_)
    if (r.awaiting_snapshot) return true;
  return false;
}

}  // namespace portal::client
