// How rooms show money, dates, shares and stages, shared by every room's UI.
#pragma once
#include <string>

#include "imgui.h"
#include "portal/model/entities.h"

namespace portal::client::ui {

std::string money(int64_t minor, const std::string& currency);          // "€12,345.67"
std::string money_compact(int64_t minor, const std::string& currency);  // "€12.3k"
std::string format_date(UnixTime t);                                    // "12 Mar 2026"
std::string percent(int32_t bp);                                        // "15%"

struct StageStyle {
  ImU32 bg, fg;
};
StageStyle stage_style(LeadStage s);
StageStyle stage_style(DealStage s);

}  // namespace portal::client::ui
