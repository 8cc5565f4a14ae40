// JSON codecs of every entity of model/ (the skeleton's User, Organisation and Lead are in
// frames.h). An object carries each field under its C++ name; enums as their wire names; Money as
// {"minor": 1234, "currency": "EUR"}; sets and lists as arrays.
// Decoders never throw. A missing or null field keeps its default, so a create command may leave
// out what the server assigns (id, times) and validation names what is really missing; a field of
// the wrong type, an out-of-range number or an unknown enum name yields nullopt.
#pragma once
#include <optional>

#include "portal/model/accounts.h"
#include "portal/model/audit.h"
#include "portal/model/contacts.h"
#include "portal/model/content.h"
#include "portal/model/custom_rooms.h"
#include "portal/model/files.h"
#include "portal/model/funds.h"
#include "portal/model/learning.h"
#include "portal/model/messaging.h"
#include "portal/model/pipeline.h"
#include "portal/model/program.h"
#include "portal/model/projects.h"
#include "portal/model/support.h"
#include "portal/protocol/frames.h"

namespace portal {

// [SECTION] Program
Json to_json(const PartnerType& v);
Json to_json(const PartnerLevel& v);
Json to_json(const ParameterCategory& v);
Json to_json(const Partnership& v);
Json to_json(const ParameterChange& v);
Json to_json(const PriceList& v);
Json to_json(const Licence& v);
Json to_json(const Invitation& v);
std::optional<PartnerType> partner_type_from_json(const Json& j);
std::optional<PartnerLevel> partner_level_from_json(const Json& j);
std::optional<ParameterCategory> parameter_category_from_json(const Json& j);
std::optional<Partnership> partnership_from_json(const Json& j);
std::optional<ParameterChange> parameter_change_from_json(const Json& j);
std::optional<PriceList> price_list_from_json(const Json& j);
std::optional<Licence> licence_from_json(const Json& j);
std::optional<Invitation> invitation_from_json(const Json& j);

// [SECTION] Pipeline
Json to_json(const Deal& v);
Json to_json(const DealNote& v);
Json to_json(const Order& v);
Json to_json(const Payout& v);
std::optional<Deal> deal_from_json(const Json& j);
std::optional<DealNote> deal_note_from_json(const Json& j);
std::optional<Order> order_from_json(const Json& j);
std::optional<Payout> payout_from_json(const Json& j);

// [SECTION] Customer accounts
Json to_json(const CustomerAccount& v);
Json to_json(const AccountTask& v);
std::optional<CustomerAccount> customer_account_from_json(const Json& j);
std::optional<AccountTask> account_task_from_json(const Json& j);

// [SECTION] Funds and marketing
Json to_json(const MdfEntry& v);
Json to_json(const MarketingActivity& v);
std::optional<MdfEntry> mdf_entry_from_json(const Json& j);
std::optional<MarketingActivity> marketing_activity_from_json(const Json& j);

// [SECTION] Learning
Json to_json(const Training& v);
Json to_json(const Certification& v);
Json to_json(const TrainingProgress& v);
Json to_json(const UserCertification& v);
std::optional<Training> training_from_json(const Json& j);
std::optional<Certification> certification_from_json(const Json& j);
std::optional<TrainingProgress> training_progress_from_json(const Json& j);
std::optional<UserCertification> user_certification_from_json(const Json& j);

// [SECTION] Content
Json to_json(const Resource& v);
Json to_json(const BrandAsset& v);
Json to_json(const Announcement& v);
std::optional<Resource> resource_from_json(const Json& j);
std::optional<BrandAsset> brand_asset_from_json(const Json& j);
std::optional<Announcement> announcement_from_json(const Json& j);

// [SECTION] Projects
Json to_json(const Project& v);
Json to_json(const ProjectTask& v);
Json to_json(const ProjectPost& v);
Json to_json(const Deliverable& v);
std::optional<Project> project_from_json(const Json& j);
std::optional<ProjectTask> project_task_from_json(const Json& j);
std::optional<ProjectPost> project_post_from_json(const Json& j);
std::optional<Deliverable> deliverable_from_json(const Json& j);

// [SECTION] Messaging
Json to_json(const Conversation& v);
Json to_json(const Message& v);
Json to_json(const ReadMarker& v);
std::optional<Conversation> conversation_from_json(const Json& j);
std::optional<Message> message_from_json(const Json& j);
std::optional<ReadMarker> read_marker_from_json(const Json& j);

// [SECTION] Files
Json to_json(const Folder& v);
Json to_json(const StoredFile& v);
Json to_json(const FileVersion& v);
Json to_json(const DownloadRecord& v);
Json to_json(const FileComment& v);
std::optional<Folder> folder_from_json(const Json& j);
std::optional<StoredFile> stored_file_from_json(const Json& j);
std::optional<FileVersion> file_version_from_json(const Json& j);
std::optional<DownloadRecord> download_record_from_json(const Json& j);
std::optional<FileComment> file_comment_from_json(const Json& j);

// [SECTION] Contacts, custom rooms, support, audit
Json to_json(const Contact& v);
Json to_json(const CustomRoom& v);
Json to_json(const SupportCase& v);
Json to_json(const KbArticle& v);
Json to_json(const AuditEntry& v);
Json to_json(const Notification& v);
std::optional<Contact> contact_from_json(const Json& j);
std::optional<CustomRoom> custom_room_from_json(const Json& j);
std::optional<SupportCase> support_case_from_json(const Json& j);
std::optional<KbArticle> kb_article_from_json(const Json& j);
std::optional<AuditEntry> audit_entry_from_json(const Json& j);
std::optional<Notification> notification_from_json(const Json& j);

}  // namespace portal
