// Hub, the in-process bus: a frame published to a room reaches that room's subscribers only,
// under that room's key; publish_each does the same for many rooms in one call; a subscriber
// that went away is skipped and forgotten.
#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "bus/hub.h"

namespace portal::server {
namespace {

class Recorder : public BusSubscriber {
 public:
  void on_bus_message(const BusMessage& m) override { got.emplace_back(m.room_key, *m.frame); }
  std::vector<std::pair<std::string, std::string>> got;  // room key, frame
};

using Got = std::vector<std::pair<std::string, std::string>>;

SharedFrame frame(const std::string& text) {
  return std::make_shared<const std::string>(text);
}

TEST(HubTest, PublishReachesOnlyTheRoomsSubscribers) {
  Hub hub;
  auto ann = std::make_shared<Recorder>();
  auto bob = std::make_shared<Recorder>();
  hub.subscribe("room:a", ann);
  hub.subscribe("room:b", bob);
  hub.publish(BusMessage{"room:a", 1, frame("hello a")});
  EXPECT_EQ(ann->got, (Got{{"room:a", "hello a"}}));
  EXPECT_TRUE(bob->got.empty());
}

TEST(HubTest, PublishEachGivesEveryRoomItsOwnKeyInTheOrderListed) {
  Hub hub;
  auto ann = std::make_shared<Recorder>();
  auto bob = std::make_shared<Recorder>();
  auto cid = std::make_shared<Recorder>();
  hub.subscribe("list:ann", ann);
  hub.subscribe("list:bob", bob);
  hub.subscribe("list:shared", ann);  // Ann follows two of the rooms
  hub.subscribe("list:shared", bob);
  hub.subscribe("list:cid", cid);  // not among the rooms published to
  hub.publish_each({"list:shared", "list:nobody", "list:ann", "list:bob"},
                   BusMessage{{}, 0, frame("new message"), /*hold=*/true});
  EXPECT_EQ(ann->got, (Got{{"list:shared", "new message"}, {"list:ann", "new message"}}));
  EXPECT_EQ(bob->got, (Got{{"list:shared", "new message"}, {"list:bob", "new message"}}));
  EXPECT_TRUE(cid->got.empty());
}

TEST(HubTest, ASubscriberThatWentAwayIsSkippedAndTheOthersStillHear) {
  Hub hub;
  auto ann = std::make_shared<Recorder>();
  auto gone = std::make_shared<Recorder>();
  hub.subscribe("list:ann", ann);
  hub.subscribe("list:ann", gone);
  hub.subscribe("list:gone", gone);
  gone.reset();
  hub.publish_each({"list:gone", "list:ann"}, BusMessage{{}, 0, frame("one")});
  hub.publish(BusMessage{"list:ann", 0, frame("two")});
  EXPECT_EQ(ann->got, (Got{{"list:ann", "one"}, {"list:ann", "two"}}));
  // The room of the one that went away is forgotten; subscribing to it again works.
  auto again = std::make_shared<Recorder>();
  hub.subscribe("list:gone", again);
  hub.publish_each({"list:gone"}, BusMessage{{}, 0, frame("three")});
  EXPECT_EQ(again->got, (Got{{"list:gone", "three"}}));
}

}  // namespace
}  // namespace portal::server
