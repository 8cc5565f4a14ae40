// The local copy of every subscribed room: its last sequence number and its state. Events are
// applied with the same portal::apply the server uses; an event at or below the held seq is a
// duplicate and ignored, an event that skips a seq is a gap and asks for a resubscribe.
#pragma once
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "portal/protocol/frames.h"
#include "portal/rooms/accounts.h"
#include "portal/rooms/deals.h"
#include "portal/rooms/leads.h"
#include "portal/rooms/messages.h"
#include "portal/rooms/overview.h"
#include "portal/rooms/program.h"
#include "portal/rooms/program_summary.h"

namespace portal::client {

struct RoomReplica {
  int64_t seq = 0;
  bool has_snapshot = false;
  bool awaiting_snapshot = false;  // subscribed without `after`: a snapshot must come
  Json raw;                        // the last snapshot, for rooms without a typed view yet
  std::optional<OverviewState> overview;
  std::optional<LeadsState> leads;
  std::optional<DealsState> deals;
  std::optional<AccountsState> accounts;
  int64_t snapshots = 0;  // how many snapshots replaced the state (views cache on it)
  std::optional<ProgramState> program;                 // "program" (a partner), "program:<org>"
  std::optional<ProgramSummaryState> program_summary;  // "program" of vendor staff
  std::optional<MessagesState> messages;          // "messages"
  std::optional<ConversationState> conversation;  // "conversation:<id>"
};

class Replica {
 public:
  enum class EventResult { Applied, Duplicate, Gap, NotSubscribed };

  // Marks the room subscribed and returns the SubscribeFrame to send (with `after` when a
  // snapshot is already held, so the server replays only what we miss).
  SubscribeFrame subscribe(const std::string& room);
  // Frames to resubscribe every room after a reconnect.
  std::vector<SubscribeFrame> resubscribe_all();
  void on_snapshot(const SnapshotFrame& f);
  EventResult on_event(const EventFrame& f);
  // Applies an ephemeral event (seq 0: presence, a new message in the list) without touching
  // the room's sequence; false when it changed nothing.
  bool on_signal(const EventFrame& f);
  // Forgets one room (unsubscribed).
  void forget(const std::string& room) { rooms_.erase(room); }
  const MessagesState* messages() const;
  const ConversationState* conversation(const std::string& room) const;
  // For paging older messages into a conversation we hold.
  ConversationState* conversation_mut(const std::string& room);
  // For loading an account's plans and tasks (account.detail) into the room we hold.
  AccountsState* accounts_mut();
  // Forgets everything (log-out, another user).
  void clear() { rooms_.clear(); }

  const RoomReplica* room(const std::string& name) const;
  const OverviewState* overview() const;
  const LeadsState* leads() const;
  const DealsState* deals() const;
  const AccountsState* accounts() const;
  const ProgramState* program() const;
  // The vendor's one row per partner ("program"), and one partner's full program as vendor
  // staff open it ("program:<org id>").
  const ProgramSummaryState* program_summary() const;
  const ProgramState* program_of(const Id& org_id) const;
  const std::map<std::string, RoomReplica>& rooms() const { return rooms_; }
  bool awaiting_any_snapshot() const;

 private:
  std::map<std::string, RoomReplica> rooms_;
};

}  // namespace portal::client
