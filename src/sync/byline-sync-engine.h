/* byline-sync-engine.h: keeps one account's stories and its CMS in step
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "cms/byline-cms-client.h"
#include "store/byline-store-sync.h"
#include "sync/byline-upload-tracker.h"

G_BEGIN_DECLS

#define BYLINE_SYNC_ERROR (byline_sync_error_quark ())

typedef enum
{
  BYLINE_SYNC_ERROR_BUSY,
  BYLINE_SYNC_ERROR_NO_CONFLICT,
} BylineSyncError;

typedef enum
{
  BYLINE_SYNC_RESOLVE_KEEP_LOCAL,
  BYLINE_SYNC_RESOLVE_KEEP_SERVER,
  BYLINE_SYNC_RESOLVE_MERGED,
} BylineSyncResolution;

/* What one run did. The codes are BylineCmsError values, -1 for none: the
 * last error that left an operation waiting for a later run, and the last
 * one that stopped an operation until the user acts. */
typedef struct
{
  guint requests;
  guint pulled;
  guint unchanged;
  guint removed;
  guint pushed;
  guint uploaded;
  guint adopted;
  guint retried;
  guint failed;
  guint conflicts;
  guint pending;
  /* Tags and categories the site would not add: in the story, not on the post. */
  guint terms_kept_local;
  int   last_transient_code;
  int   last_failure_code;
} BylineSyncReport;

#define BYLINE_TYPE_SYNC_ENGINE (byline_sync_engine_get_type ())

G_DECLARE_FINAL_TYPE (BylineSyncEngine, byline_sync_engine, BYLINE, SYNC_ENGINE, GObject)

GQuark            byline_sync_error_quark               (void);

BylineSyncEngine *byline_sync_engine_new                (BylineStore          *store,
                                                         const char           *account,
                                                         BylineCmsClient      *client);
void              byline_sync_engine_set_retry_delays   (BylineSyncEngine     *self,
                                                         guint                 base_ms,
                                                         guint                 max_ms,
                                                         guint                 max_attempts);
void              byline_sync_engine_set_automatic      (BylineSyncEngine     *self,
                                                         gboolean              automatic);
gboolean          byline_sync_engine_get_busy           (BylineSyncEngine     *self);
BylineUploadTracker *byline_sync_engine_get_upload_tracker (BylineSyncEngine  *self);

void              byline_sync_engine_pull_async         (BylineSyncEngine     *self,
                                                         gboolean              full,
                                                         GCancellable         *cancellable,
                                                         GAsyncReadyCallback   callback,
                                                         gpointer              user_data);
gboolean          byline_sync_engine_pull_finish        (BylineSyncEngine     *self,
                                                         GAsyncResult         *result,
                                                         BylineSyncReport     *report,
                                                         GError              **error);
void              byline_sync_engine_push_async         (BylineSyncEngine     *self,
                                                         GCancellable         *cancellable,
                                                         GAsyncReadyCallback   callback,
                                                         gpointer              user_data);
gboolean          byline_sync_engine_push_finish        (BylineSyncEngine     *self,
                                                         GAsyncResult         *result,
                                                         BylineSyncReport     *report,
                                                         GError              **error);
void              byline_sync_engine_sync_async         (BylineSyncEngine     *self,
                                                         GCancellable         *cancellable,
                                                         GAsyncReadyCallback   callback,
                                                         gpointer              user_data);
gboolean          byline_sync_engine_sync_finish        (BylineSyncEngine     *self,
                                                         GAsyncResult         *result,
                                                         BylineSyncReport     *report,
                                                         GError              **error);

gboolean          byline_sync_engine_resolve_conflict   (BylineSyncEngine     *self,
                                                         BylineStory          *story,
                                                         BylineSyncResolution  resolution,
                                                         const char           *merged_body,
                                                         GError              **error);

G_END_DECLS
