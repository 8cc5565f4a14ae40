// How every entity decoder treats bad input: the rules of field_codec, shown on a few entities.
#include "portal/protocol/model_codecs.h"

#include <gtest/gtest.h>

namespace portal {
namespace {

TEST(ModelCodecs, MissingFieldsKeepTheirDefaults) {
  // A create command from the client leaves out what the server assigns.
  auto task = project_task_from_json(Json{{"project_id", "p-1"}, {"title", "Configure SSO"}});
  ASSERT_TRUE(task.has_value());
  EXPECT_EQ(task->id, "");
  EXPECT_EQ(task->status, TaskStatus::Open);
  EXPECT_EQ(task->due_at, 0);
  auto null_field = project_task_from_json(Json{{"title", nullptr}});
  ASSERT_TRUE(null_field.has_value());
  EXPECT_EQ(null_field->title, "");
}

TEST(ModelCodecs, WrongTypesFailTheWholeDecode) {
  EXPECT_FALSE(project_task_from_json(Json::array()).has_value());
  EXPECT_FALSE(project_task_from_json(Json("task")).has_value());
  EXPECT_FALSE(project_task_from_json(Json{{"title", 5}}).has_value());
  EXPECT_FALSE(project_task_from_json(Json{{"due_at", "tomorrow"}}).has_value());
  EXPECT_FALSE(project_task_from_json(Json{{"due_at", 1.5}}).has_value());
  EXPECT_FALSE(project_task_from_json(Json{{"status", "finished"}}).has_value());  // unknown enum
  EXPECT_FALSE(message_from_json(Json{{"edited", "yes"}}).has_value());
  EXPECT_FALSE(message_from_json(Json{{"attachment_ids", "f-1"}}).has_value());
  EXPECT_FALSE(message_from_json(Json{{"attachment_ids", Json::array({"f-1", 2})}}).has_value());
  EXPECT_FALSE(mdf_entry_from_json(Json{{"amount", 500}}).has_value());
  EXPECT_FALSE(mdf_entry_from_json(Json{{"amount", {{"minor", 500}}}}).has_value());
  EXPECT_FALSE(price_list_from_json(Json{{"items", Json::array({Json{{"discount_bp", "10"}}})}})
                   .has_value());
  EXPECT_FALSE(
      partnership_from_json(Json{{"rooms", Json::array({"overview", "casino"})}}).has_value());
}

TEST(ModelCodecs, IntegersAreRangeChecked) {
  EXPECT_FALSE(licence_from_json(Json{{"seats", int64_t{1} << 40}}).has_value());  // int32 field
  EXPECT_FALSE(licence_from_json(Json{{"seats", uint64_t{1} << 63}}).has_value());
  EXPECT_EQ(licence_from_json(Json{{"seats", 2'147'483'647}})->seats, 2'147'483'647);
  EXPECT_FALSE(file_version_from_json(Json{{"size_bytes", uint64_t{1} << 63}}).has_value());
  EXPECT_EQ(file_version_from_json(Json{{"size_bytes", uint64_t{1} << 40}})->size_bytes,
            int64_t{1} << 40);
}

TEST(ModelCodecs, RoomSetsDropDuplicatesAndKeepNavigationOrder) {
  auto p = partnership_from_json(Json{{"rooms", Json::array({"deals", "overview", "deals"})}});
  ASSERT_TRUE(p.has_value());
  EXPECT_EQ(to_json(*p)["rooms"], Json::array({"overview", "deals"}));
}

TEST(ModelCodecs, EveryFieldIsWritten) {
  const Json j = to_json(Message{});
  for (const char* name : {"id", "conversation_id", "seq", "author_id", "body", "parent_id",
                           "attachment_ids", "attachments", "sent_at", "edited", "edited_at",
                           "deleted"})
    EXPECT_TRUE(j.contains(name)) << name;
  EXPECT_EQ(j.size(), 12u);
}

TEST(LeadCodec, WebsiteAndClosedAtTravelAndMayBeAbsent) {
  Lead l{
      "l-1",
      "org-acme",
      LeadDraft{"Globex", "Hanna", "h@globex.example", "", "", 0, "EUR", "https://globex.example"},
      LeadStage::Won,
      "u-jonas",
      100,
      200};
  const Json j = to_json(l);
  EXPECT_EQ(j["website"], "https://globex.example");
  auto back = lead_from_json(j);
  ASSERT_TRUE(back.has_value());
  EXPECT_EQ(back->draft.website, "https://globex.example");
  EXPECT_EQ(back->closed_at, 200);
  Json old = j;
  old.erase("website");
  old.erase("closed_at");
  ASSERT_TRUE(lead_from_json(old).has_value());
  EXPECT_EQ(lead_from_json(old)->closed_at, 0);
  old["closed_at"] = "yesterday";
  EXPECT_FALSE(lead_from_json(old).has_value());
}

}  // namespace
}  // namespace portal
