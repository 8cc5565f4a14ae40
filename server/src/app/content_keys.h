// The room keys of the content rooms (Resources, Brand, Contacts, Custom, Cases and KB). Like
// room_keys.h: "org:<id>/<room>" per partner and "vendor/<room>" program-wide; but the
// program-wide key is only for the vendor organisation's own staff. A vendor role held by a
// user of a partner organisation gets that partner's room and nothing more.
#pragma once
#include <string>
#include <string_view>

#include "portal/rules/permissions.h"

namespace portal::server {

inline std::string content_partner_key(const Id& org_id, std::string_view room) {
  return "org:" + org_id + "/" + std::string(room);
}

inline std::string content_vendor_key(std::string_view room) {
  return "vendor/" + std::string(room);
}

inline std::string content_room_key(const Actor& actor, const Id& vendor_org,
                                    std::string_view room) {
  if (is_vendor_actor(actor, vendor_org)) return content_vendor_key(room);
  return content_partner_key(actor.org_id, room);
}

}  // namespace portal::server
