// Validation of every create/update command of the domain (the payload is the entity; the
// server-assigned id and times may be left at their defaults). Shared by client (instant
// feedback) and server (authority). Each returns one FieldError per bad field, in field order,
// each a sentence for the user; an empty list means valid. Lead and log-in are in validation.h.
#pragma once
#include <cstdint>
#include <span>
#include <vector>

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
#include "portal/rules/validation.h"

namespace portal {

// [SECTION] Limits (bytes of UTF-8 for text)

inline constexpr size_t kMaxIdBytes = 64;        // opaque ids and references
inline constexpr size_t kMaxTitle = 200;         // titles, subjects, names of things
inline constexpr size_t kMaxDescription = 4000;  // descriptions, notes, comments
inline constexpr size_t kMaxLongText = 50'000;   // announcement, post and article bodies
inline constexpr size_t kMaxMessageBody = 8000;
inline constexpr size_t kMaxShortText = 64;  // SKUs, order numbers, slugs, actions
inline constexpr size_t kMaxUrl = 2048;      // web addresses and deep links
inline constexpr size_t kMaxTags = 20;
inline constexpr size_t kMaxTag = 40;
inline constexpr size_t kMaxFileName = 255;
inline constexpr int64_t kMaxUploadBytes = 1LL << 30;  // 1 GiB per file version
inline constexpr size_t kMaxAttachments = 10;          // per message
inline constexpr size_t kMaxMembers = 500;             // per conversation
inline constexpr size_t kMaxListIds = 1000;  // deal ids of a payout, files of a deliverable, ...
inline constexpr size_t kMaxLines = 500;     // order lines, price items, sections, KPIs
inline constexpr int64_t kMaxAmountMinor = kMaxLeadValueMinor;  // any amount of money
inline constexpr int32_t kMaxQuantity = 1'000'000;
inline constexpr int32_t kMaxSeats = 100'000;
inline constexpr int32_t kMaxPaymentTermsDays = 365;
inline constexpr int32_t kMaxValidityDays = 3650;
inline constexpr int32_t kMaxModules = 500;
inline constexpr int32_t kMaxDurationMinutes = 10'000;

// [SECTION] Program
std::vector<FieldError> validate_partner_type(const PartnerType& t);
// A level; `siblings` are the levels already defined (the level itself may be among them): its
// name and rank must be unique within its partner type.
std::vector<FieldError> validate_partner_level(const PartnerLevel& l,
                                               std::span<const PartnerLevel> siblings);
std::vector<FieldError> validate_parameter_category(const ParameterCategory& c);
// A partnership; `existing` are the partnerships already made: at most one per organisation.
std::vector<FieldError> validate_partnership(const Partnership& p,
                                             std::span<const Partnership> existing);
std::vector<FieldError> validate_parameter_change(const ParameterChange& c);
std::vector<FieldError> validate_price_list(const PriceList& l);
std::vector<FieldError> validate_licence(const Licence& l);
std::vector<FieldError> validate_invitation(const Invitation& i);

// [SECTION] Pipeline and accounts
std::vector<FieldError> validate_deal(const Deal& d);
std::vector<FieldError> validate_deal_note(const DealNote& n);
std::vector<FieldError> validate_order(const Order& o);
std::vector<FieldError> validate_payout(const Payout& p);
std::vector<FieldError> validate_customer_account(const CustomerAccount& a);
std::vector<FieldError> validate_account_task(const AccountTask& t);

// [SECTION] Funds, learning, content
std::vector<FieldError> validate_mdf_entry(const MdfEntry& e);
std::vector<FieldError> validate_marketing_activity(const MarketingActivity& a);
std::vector<FieldError> validate_training(const Training& t);
std::vector<FieldError> validate_certification(const Certification& c);
// Progress in `training` (whose module count bounds completed_modules).
std::vector<FieldError> validate_training_progress(const TrainingProgress& p,
                                                   const Training& training);
std::vector<FieldError> validate_user_certification(const UserCertification& c);
std::vector<FieldError> validate_resource(const Resource& r);
std::vector<FieldError> validate_brand_asset(const BrandAsset& a);
std::vector<FieldError> validate_announcement(const Announcement& a);

// [SECTION] Projects, messaging, files
std::vector<FieldError> validate_project(const Project& p);
std::vector<FieldError> validate_project_task(const ProjectTask& t);
std::vector<FieldError> validate_project_post(const ProjectPost& p);
std::vector<FieldError> validate_deliverable(const Deliverable& d);
std::vector<FieldError> validate_conversation(const Conversation& c);
std::vector<FieldError> validate_message(const Message& m);
std::vector<FieldError> validate_read_marker(const ReadMarker& r);
std::vector<FieldError> validate_folder(const Folder& f);
std::vector<FieldError> validate_stored_file(const StoredFile& f);
std::vector<FieldError> validate_file_version(const FileVersion& v);
std::vector<FieldError> validate_download_record(const DownloadRecord& d);
std::vector<FieldError> validate_file_comment(const FileComment& c);

// [SECTION] Contacts, custom rooms, support, audit
std::vector<FieldError> validate_contact(const Contact& c);
std::vector<FieldError> validate_custom_room(const CustomRoom& r);
std::vector<FieldError> validate_support_case(const SupportCase& c);
std::vector<FieldError> validate_kb_article(const KbArticle& a);
std::vector<FieldError> validate_audit_entry(const AuditEntry& e);
std::vector<FieldError> validate_notification(const Notification& n);

}  // namespace portal
