// Validation of resources, brand assets and announcements (model/content.h).
#include "portal/rules/entity_validation.h"
#include "rules/field_checks.h"

namespace portal {

using namespace detail;

namespace {

// Resources and brand assets are catalogue entries with the same fields.
template <class Entry>
std::vector<FieldError> validate_catalogue_entry(const Entry& c, const char* noun) {
  Errors e;
  check_id(e, "id", noun, c.id, Need::Optional);
  check_text(e, "title", "Title", c.title, kMaxTitle, Need::Required);
  check_text(e, "description", "Description", c.description, kMaxDescription, Need::Optional,
             Lines::Multi);
  check_id(e, "file_id", "File", c.file_id, Need::Required);
  check_tags(e, "tags", c.tags);
  check_time(e, "published_at", "Publication date", c.published_at, Need::Optional);
  check_not_before(e, "updated_at", "Update date", c.updated_at, "Publication date",
                   c.published_at);
  return e;
}

}  // namespace

std::vector<FieldError> validate_resource(const Resource& r) {
  return validate_catalogue_entry(r, "Resource");
}

std::vector<FieldError> validate_brand_asset(const BrandAsset& a) {
  return validate_catalogue_entry(a, "Brand asset");
}

std::vector<FieldError> validate_announcement(const Announcement& a) {
  Errors e;
  check_id(e, "id", "Announcement", a.id, Need::Optional);
  check_text(e, "title", "Title", a.title, kMaxTitle, Need::Required);
  check_text(e, "body", "Text", a.body, kMaxLongText, Need::Required, Lines::Multi);
  check_ids(e, "type_ids", "partner type", a.type_ids, kMaxLines, Need::Optional);
  check_id(e, "author_id", "Author", a.author_id, Need::Optional);
  check_time(e, "published_at", "Publication date", a.published_at, Need::Optional);
  if (a.expires_at < 0)
    e.push_back({"expires_at", "Expiry date is not a valid date."});
  else if (a.expires_at != 0 && a.expires_at <= a.published_at)
    e.push_back({"expires_at", "The announcement must expire after it is published."});
  return e;
}

}  // namespace portal
