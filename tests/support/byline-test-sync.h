/* byline-test-sync.h: running the sync engine, or byline-sync, from a test
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "store/byline-store.h"
#include "sync/byline-sync-engine.h"

G_BEGIN_DECLS

BylineSyncReport  byline_test_push       (BylineSyncEngine *engine);
BylineSyncReport  byline_test_pull       (BylineSyncEngine *engine,
                                          gboolean          full);
BylineStory      *byline_test_find_local (BylineStore      *store,
                                          gint64            remote_id);
gboolean          byline_test_have_wordpress_and_keyring (void);
int               byline_test_run_cli    (const char       *data_home,
                                          const char       *stdin_text,
                                          char            **stdout_text,
                                          char            **stderr_text,
                                          ...) G_GNUC_NULL_TERMINATED;

G_END_DECLS
