// Schema version 10: the vendor's partnership administration. Each partner organisation's
// personal price list (one row per SKU, integer minor units and a discount in basis points, so
// the partner price is never above the list price), and the rooms of every existing
// partnership that still has none switched on get all of them (the old default '[]' meant
// "not chosen yet", and subscribing now honours the list).
#pragma once
#include <string_view>

namespace portal::server {

inline constexpr std::string_view kSchemaV10Admin = R"sql(
CREATE TABLE price_items (
  org_id      TEXT NOT NULL REFERENCES organisations(id),
  sku         TEXT NOT NULL,
  name        TEXT NOT NULL,
  list_minor  INTEGER NOT NULL CHECK (list_minor > 0),
  currency    TEXT NOT NULL,
  discount_bp INTEGER NOT NULL CHECK (discount_bp BETWEEN 0 AND 10000),
  updated_by  TEXT NOT NULL DEFAULT '',
  updated_at  INTEGER NOT NULL,
  PRIMARY KEY (org_id, sku)
) WITHOUT ROWID;

UPDATE partnerships
   SET rooms = '["overview","leads","deals","accounts","program","resources","projects","messages","brand","files","contacts","custom"]'
 WHERE rooms = '[]' OR rooms = '';
)sql";

}  // namespace portal::server
