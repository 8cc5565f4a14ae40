// JSON codec of directory contacts (model/contacts.h).
#include "portal/protocol/model_codecs.h"
#include "protocol/field_codec.h"

namespace portal {

inline std::optional<ContactChannel> parse_enum(std::type_identity<ContactChannel>,
                                                std::string_view s) {
  return contact_channel_from_string(s);
}

template <class V>
void visit_fields(V& v, Contact& c) {
  v("id", c.id);
  v("org_id", c.org_id);
  v("user_id", c.user_id);
  v("name", c.name);
  v("role", c.role);
  v("contact_for", c.contact_for);
  v("email", c.email);
  v("phone", c.phone);
  v("preferred", c.preferred);
}

Json to_json(const Contact& v) {
  return detail::encode_entity(v);
}
std::optional<Contact> contact_from_json(const Json& j) {
  return detail::decode_entity<Contact>(j);
}

}  // namespace portal
