/* byline-window-private.h: access to the panes, for the UI tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "byline-credit-panel.h"
#include "byline-story-editor.h"
#include "byline-story-list.h"
#include "byline-sync-manager.h"
#include "byline-window.h"

G_BEGIN_DECLS

BylineStoryList   *byline_window_get_story_list   (BylineWindow *self);
BylineStoryEditor *byline_window_get_story_editor (BylineWindow *self);
BylineCreditPanel *byline_window_get_credit_panel (BylineWindow *self);
AdwToastOverlay   *byline_window_get_toast_overlay (BylineWindow *self);
BylineSyncManager *byline_window_get_sync_manager (BylineWindow *self);

G_END_DECLS
