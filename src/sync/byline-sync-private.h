/* byline-sync-private.h: what the engine shares with its upload step
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "byline-sync-engine.h"

G_BEGIN_DECLS

BylineStore     *byline_sync_engine_get_store          (BylineSyncEngine *self);
const char      *byline_sync_engine_get_account        (BylineSyncEngine *self);
BylineCmsClient *byline_sync_engine_get_client         (BylineSyncEngine *self);
guint            byline_sync_engine_get_max_attempts   (BylineSyncEngine *self);
guint            byline_sync_engine_retry_delay_ms     (BylineSyncEngine *self,
                                                        guint             attempt);
gboolean         byline_sync_error_is_auth             (const GError     *error);
gboolean         byline_sync_error_is_worth_retrying   (const GError     *error);

void             byline_sync_uploads_async             (BylineSyncEngine    *engine,
                                                        GCancellable        *cancellable,
                                                        GAsyncReadyCallback  callback,
                                                        gpointer             user_data);
gboolean         byline_sync_uploads_finish            (GAsyncResult        *result,
                                                        BylineSyncReport    *report,
                                                        GError             **error);

G_END_DECLS
