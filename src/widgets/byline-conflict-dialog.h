/* byline-conflict-dialog.h: the user's version and the site's side by
 * side, and the choice between them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "model/byline-story.h"
#include "sync/byline-sync-engine.h"

G_BEGIN_DECLS

#define BYLINE_TYPE_CONFLICT_DIALOG (byline_conflict_dialog_get_type ())

G_DECLARE_FINAL_TYPE (BylineConflictDialog, byline_conflict_dialog, BYLINE, CONFLICT_DIALOG, AdwWindow)

BylineConflictDialog *byline_conflict_dialog_new (GtkWindow        *parent,
                                                  BylineSyncEngine *engine,
                                                  BylineStory      *story,
                                                  BylineStory      *server_version);

G_END_DECLS
