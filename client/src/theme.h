// The app's look: colours, metrics and the ImGui style built from them. Restrained and
// professional: light content, white cards, dark slate navigation, one indigo accent.
#pragma once
#include "imgui.h"

namespace portal::client::theme {

// Colours as packed ImU32 (ABGR, like IM_COL32).
constexpr ImU32 rgb(unsigned hex, unsigned alpha = 255) {
  return IM_COL32((hex >> 16) & 0xFF, (hex >> 8) & 0xFF, hex & 0xFF, alpha);
}
ImVec4 vec(ImU32 c);

inline constexpr ImU32 kPageBg = rgb(0xF5F7FB);
inline constexpr ImU32 kCardBg = rgb(0xFFFFFF);
inline constexpr ImU32 kCardBorder = rgb(0xE4E7EC);
inline constexpr ImU32 kDivider = rgb(0xEEF0F4);
inline constexpr ImU32 kNavBg = rgb(0x0F172A);
inline constexpr ImU32 kNavHover = rgb(0x1E293B);
inline constexpr ImU32 kNavSelected = rgb(0x4F46E5, 56);
inline constexpr ImU32 kNavText = rgb(0xCBD5E1);
inline constexpr ImU32 kNavMuted = rgb(0x64748B);
inline constexpr ImU32 kNavStrong = rgb(0xFFFFFF);
inline constexpr ImU32 kText = rgb(0x101828);
inline constexpr ImU32 kTextSecondary = rgb(0x475467);
inline constexpr ImU32 kTextMuted = rgb(0x667085);
inline constexpr ImU32 kTextFaint = rgb(0x98A2B3);
inline constexpr ImU32 kAccent = rgb(0x4F46E5);
inline constexpr ImU32 kAccentHover = rgb(0x4338CA);
inline constexpr ImU32 kAccentActive = rgb(0x3730A3);
inline constexpr ImU32 kAccentSoft = rgb(0xEEF2FF);
inline constexpr ImU32 kAccentText = rgb(0x4338CA);
inline constexpr ImU32 kInputBorder = rgb(0xD0D5DD);
inline constexpr ImU32 kFocusRing = rgb(0x4F46E5, 60);
inline constexpr ImU32 kDanger = rgb(0xD92D20);
inline constexpr ImU32 kDangerSoft = rgb(0xFEF3F2);
inline constexpr ImU32 kDangerBorder = rgb(0xFECDCA);
inline constexpr ImU32 kSuccess = rgb(0x12B76A);
inline constexpr ImU32 kSuccessText = rgb(0x027A48);
inline constexpr ImU32 kSuccessSoft = rgb(0xECFDF3);
inline constexpr ImU32 kWarning = rgb(0xF79009);
inline constexpr ImU32 kWarningText = rgb(0xB54708);
inline constexpr ImU32 kWarningSoft = rgb(0xFFFAEB);
inline constexpr ImU32 kInfoText = rgb(0x175CD3);
inline constexpr ImU32 kInfoSoft = rgb(0xEFF8FF);
inline constexpr ImU32 kNeutralSoft = rgb(0xF2F4F7);
inline constexpr ImU32 kNeutralText = rgb(0x344054);
inline constexpr ImU32 kTeal = rgb(0x0E9384);
inline constexpr ImU32 kTealSoft = rgb(0xF0FDF9);

// Metrics in CSS pixels.
inline constexpr float kNavWidth = 232.0f;
inline constexpr float kHeaderHeight = 64.0f;
inline constexpr float kPageMargin = 24.0f;
inline constexpr float kCardPadding = 16.0f;
inline constexpr float kCardRounding = 10.0f;
inline constexpr float kGap = 16.0f;
inline constexpr float kControlRounding = 8.0f;
inline constexpr float kControlHeight = 40.0f;

// Installs the style and colours on the current ImGui context (sizes in CSS pixels).
void apply_style();

}  // namespace portal::client::theme
