/* byline-sync-workflow.h: byline-sync's submit, send-back, publish,
 * schedule, unpublish and update commands
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "byline-sync-private.h"
#include "model/byline-story.h"
#include "store/byline-store-sync.h"

G_BEGIN_DECLS

void     byline_sync_workflow_add_options (GOptionContext           *context);
gboolean byline_sync_workflow_is_command  (const char               *command);
ExitCode byline_sync_workflow_run         (BylineStore              *store,
                                           const BylineStoreAccount *account,
                                           BylineStory              *story,
                                           const char               *command,
                                           gboolean                  json);

G_END_DECLS
