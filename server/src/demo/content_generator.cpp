// Generated content (content_generator.h): a catalogue that looks like a real program's, and per
// partner a handful of rows, so snapshot sizes at thousands of partners are realistic.
#include "demo/content_generator.h"

#include <array>
#include <string_view>

namespace portal::server {
namespace {

constexpr int64_t kDay = 86'400;

constexpr std::array<std::string_view, 8> kTopics = {
    "Data platform", "Identity and SSO", "Cost optimisation", "Marketplace private offers",
    "Backup and recovery", "Analytics", "Migration factory", "Security baseline"};
constexpr std::array<std::string_view, 5> kCategories = {
    "training_material", "marketing_asset", "sales_tool", "technical_doc", "partnership_update"};
constexpr std::array<std::string_view, 5> kCategoryNouns = {
    "course", "campaign kit", "battlecard", "integration guide", "program update"};
constexpr std::array<std::string_view, 6> kCaseSubjects = {
    "Customer cannot accept the private offer", "SSO login fails after certificate rotation",
    "Invoice shows the wrong currency", "Deal registration rejected by mistake",
    "Marketplace listing not visible", "Training certificate missing"};
constexpr std::array<std::string_view, 5> kStatuses = {"open", "in_progress",
                                                       "waiting_on_partner", "resolved", "closed"};

}  // namespace

void ContentGenerator::vendor(const Organisation& vendor, const std::vector<SeedUser>& staff,
                              UnixTime as_of, ContentSeed& out) {
  for (const SeedUser& su : staff) {
    const User& u = su.record.user;
    if (u.org_id != vendor.id) continue;
    if (u.role == Role::SupportStaff) support_staff_.push_back(u.id);
    out.contacts.push_back(Contact{rng_.id(), vendor.id, u.id, u.name,
                                   std::string(role_label(u.role)),
                                   u.role == Role::SupportStaff ? "Cases and technical questions"
                                                                : "Program and deals",
                                   u.email, "", ContactChannel::Chat});
  }
  if (support_staff_.empty() && !staff.empty()) support_staff_.push_back(staff.front().record.user.id);
  for (size_t t = 0; t < kTopics.size(); ++t) {
    for (size_t c = 0; c < kCategories.size(); c += 2) {
      CatalogueRecord r;
      r.id = rng_.id();
      r.category = std::string(kCategories[c]);
      r.title = std::string(kTopics[t]) + " " + std::string(kCategoryNouns[c]);
      r.description = "What partners need to know about " + std::string(kTopics[t]) + ".";
      r.file_id = rng_.id();
      r.tags = {"generated"};
      r.published_at = r.updated_at = as_of - rng_.range(1, 300) * kDay;
      out.catalogue.push_back(std::move(r));
    }
    KbArticle a;
    a.id = rng_.id();
    a.title = "Troubleshooting " + std::string(kTopics[t]);
    a.body = "The five most common questions about " + std::string(kTopics[t]) + " and answers.";
    a.category = "Guides";
    a.published = t % 4 != 3;
    a.author_id = support_staff_.empty() ? Id() : support_staff_.front();
    a.updated_at = as_of - rng_.range(1, 200) * kDay;
    out.articles.push_back(std::move(a));
  }
  for (std::string_view title : {"Partner logo", "Co-branded slide template", "Brand colours"}) {
    CatalogueRecord r;
    r.kind = CatalogueKind::Brand;
    r.id = rng_.id();
    r.category = title == "Partner logo" ? "logo" : title == "Brand colours" ? "brand_rule" : "template";
    r.title = std::string(title);
    r.file_id = rng_.id();
    r.published_at = r.updated_at = as_of - 365 * kDay;
    out.catalogue.push_back(std::move(r));
  }
  CustomRoom training{rng_.id(), "Training portal", "training-portal", RoomTemplate::TrainingPortal,
                      template_sections(RoomTemplate::TrainingPortal), {}, true, as_of - 90 * kDay};
  out.rooms.push_back(std::move(training));
}

void ContentGenerator::partner(const Organisation& org, const std::vector<SeedUser>& users,
                               UnixTime as_of, ContentSeed& out) {
  std::vector<const User*> own;
  for (const SeedUser& su : users)
    if (su.record.user.org_id == org.id) own.push_back(&su.record.user);
  if (own.empty()) return;
  for (size_t i = 0; i < own.size() && i < 2; ++i)
    out.contacts.push_back(Contact{rng_.id(), org.id, own[i]->id, own[i]->name,
                                   i == 0 ? "Alliance manager" : "Solutions engineer",
                                   i == 0 ? "Joint plans and campaigns" : "Technical pre-sales",
                                   own[i]->email, "", ContactChannel::Email});
  CatalogueRecord plan;
  plan.id = rng_.id();
  plan.category = "partnership_update";
  plan.title = org.name + ": joint business plan";
  plan.description = "Targets and enablement agreed with " + org.name + ".";
  plan.file_id = rng_.id();
  plan.audience = Audience{AudienceKind::Partner, org.id};
  plan.published_at = plan.updated_at = as_of - rng_.range(10, 200) * kDay;
  out.catalogue.push_back(std::move(plan));

  const int64_t cases = rng_.range(0, 3);
  for (int64_t i = 0; i < cases; ++i) {
    CaseEntry e;
    SupportCase& c = e.support_case;
    c.id = rng_.id();
    c.org_id = org.id;
    c.subject = std::string(rng_.pick(kCaseSubjects));
    c.description = "Reported by " + own.front()->name + "; details in the comments.";
    c.priority = static_cast<CasePriority>(rng_.range(0, 3));
    c.status = case_status_from_string(rng_.pick(kStatuses)).value_or(CaseStatus::Open);
    c.opened_by = own[static_cast<size_t>(rng_.range(0, int64_t(own.size()) - 1))]->id;
    c.opened_at = as_of - rng_.range(1, 120) * kDay;
    c.updated_at = c.opened_at + rng_.range(0, 3) * kDay;
    if (!is_open(c.status)) c.resolved_at = c.updated_at;
    if (c.status != CaseStatus::Open && !support_staff_.empty())
      c.assignee_id = support_staff_[static_cast<size_t>(
          rng_.range(0, static_cast<int64_t>(support_staff_.size()) - 1))];
    if (!c.assignee_id.empty())
      e.comments.push_back(CaseComment{rng_.id(), c.id, c.assignee_id, "Support", true,
                                       "Thanks, we are looking into it.", c.updated_at});
    out.cases.push_back(std::move(e));
  }
}

}  // namespace portal::server
