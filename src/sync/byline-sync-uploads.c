/* byline-sync-uploads.c
 *
 * The image uploads of the outbox, sent before the posts so that a post can
 * name its featured image. An upload is two requests: the file, which makes
 * the media item, and its fields. The item's id is written down as soon as
 * the first answers, so a retry after a lost answer only sends the fields
 * again and never makes a second item. When the answer to the file itself got
 * lost, the item was made but its id never reached us: the file goes with
 * the image's UUID, which the companion plugin keeps, and before sending the
 * file again the upload looks that UUID up.
 *
 * The engine's upload tracker reports each upload's progress, and cancels one
 * upload at the user's request: that image then leaves the outbox and stays
 * local, and the run goes on with the next upload.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "byline-sync"

#include "config.h"

#include "byline-sync-private.h"
#include "byline-upload-tracker.h"
#include "cms/byline-media-upload.h"
#include "model/byline-image.h"
#include "store/byline-store-uploads.h"

typedef struct
{
  BylineSyncReport  report;
  GPtrArray        *entries;
  guint             index;
  gboolean          can_find_media;
  BylineImage      *image;
  /* Cancels the current upload alone, or with the run; owned by the tracker. */
  GCancellable     *upload_cancellable;
  gulong            upload_cancelled_id;
  guint             attempts_this_run;
  guint             retry_source_id;
} Uploads;

static void
uploads_free (Uploads *uploads)
{
  g_clear_handle_id (&uploads->retry_source_id, g_source_remove);
  g_clear_pointer (&uploads->entries, g_ptr_array_unref);
  g_clear_object (&uploads->image);
  g_free (uploads);
}

static BylineUploadEntry *
current_entry (Uploads *uploads)
{
  return g_ptr_array_index (uploads->entries, uploads->index);
}

static BylineStore *
task_store (GTask *task)
{
  return byline_sync_engine_get_store (g_task_get_source_object (task));
}

static BylineUploadTracker *
task_tracker (GTask *task)
{
  return byline_sync_engine_get_upload_tracker (g_task_get_source_object (task));
}

static gboolean on_retry_due (gpointer user_data);

/* A retry waiting out its delay is due at once, and finds itself cancelled. */
static void
on_upload_cancelled (GCancellable *cancellable,
                     GTask        *task)
{
  Uploads *uploads = g_task_get_task_data (task);
  guint waiting = uploads->retry_source_id;

  if (waiting == 0)
    return;
  /* The idle holds the task before the timer lets go of it. */
  uploads->retry_source_id = g_idle_add_full (G_PRIORITY_DEFAULT, on_retry_due, g_object_ref (task), g_object_unref);
  g_source_remove (waiting);
}

static void
upload_track_begin (GTask *task)
{
  Uploads *uploads = g_task_get_task_data (task);

  uploads->upload_cancellable = byline_upload_tracker_begin (task_tracker (task),
                                                             byline_image_get_story_uuid (uploads->image),
                                                             byline_image_get_uuid (uploads->image),
                                                             g_task_get_cancellable (task));
  uploads->upload_cancelled_id = g_cancellable_connect (uploads->upload_cancellable, G_CALLBACK (on_upload_cancelled),
                                                        task, NULL);
}

static void
upload_track_end (GTask *task)
{
  Uploads *uploads = g_task_get_task_data (task);

  if (uploads->upload_cancellable != NULL)
    g_cancellable_disconnect (uploads->upload_cancellable, uploads->upload_cancelled_id);
  uploads->upload_cancelled_id = 0;
  uploads->upload_cancellable = NULL;
  byline_upload_tracker_end (task_tracker (task));
}

/* Takes @error. */
static void
uploads_return_error (GTask  *task,
                      GError *error)
{
  upload_track_end (task);
  g_task_return_error (task, error);
}

static void uploads_next (GTask *task);
static void upload_send (GTask *task);

static void
note_store_error (const char *what,
                  GError     *error)
{
  if (error != NULL)
    g_warning ("%s: %s", what, error->message);
}

static void
uploads_advance (GTask *task)
{
  Uploads *uploads = g_task_get_task_data (task);

  upload_track_end (task);
  g_clear_object (&uploads->image);
  uploads->index++;
  uploads_next (task);
}

static void
upload_record (GTask             *task,
               BylineOutboxState  state,
               guint              delay_ms,
               const GError      *error)
{
  Uploads *uploads = g_task_get_task_data (task);
  BylineUploadEntry *entry = current_entry (uploads);
  g_autoptr (GError) store_error = NULL;

  entry->state = state;
  byline_store_upload_record_failure (task_store (task), entry->image_uuid, state, entry->attempts,
                                      g_get_real_time () + (gint64) delay_ms * 1000, error->message,
                                      &store_error);
  note_store_error ("Could not record a failed upload", store_error);
}

static gboolean
on_retry_due (gpointer user_data)
{
  GTask *task = user_data;
  Uploads *uploads = g_task_get_task_data (task);

  uploads->retry_source_id = 0;
  upload_send (task);
  return G_SOURCE_REMOVE;
}

/* Offline, every other upload would wait as long for nothing. */
static void
uploads_give_up_for_now (GTask *task)
{
  Uploads *uploads = g_task_get_task_data (task);

  upload_track_end (task);
  uploads->report.pending += uploads->entries->len - uploads->index;
  uploads->index = uploads->entries->len;
  uploads_next (task);
}

/* The same backoff and the same number of attempts as a post's send. */
static void
upload_retry_later (GTask        *task,
                    const GError *error)
{
  BylineSyncEngine *engine = g_task_get_source_object (task);
  Uploads *uploads = g_task_get_task_data (task);
  guint delay_ms;

  current_entry (uploads)->attempts++;
  uploads->attempts_this_run++;
  uploads->report.last_transient_code = error->code;
  delay_ms = byline_sync_engine_retry_delay_ms (engine, uploads->attempts_this_run);
  upload_record (task, BYLINE_OUTBOX_PENDING, delay_ms, error);

  if (uploads->attempts_this_run < byline_sync_engine_get_max_attempts (engine))
    {
      uploads->report.retried++;
      uploads->retry_source_id = g_timeout_add_full (G_PRIORITY_DEFAULT, delay_ms, on_retry_due,
                                                     g_object_ref (task), g_object_unref);
    }
  else if (g_error_matches (error, BYLINE_CMS_ERROR, BYLINE_CMS_ERROR_OFFLINE))
    uploads_give_up_for_now (task);
  else
    {
      uploads->report.pending++;
      uploads_advance (task);
    }
}

static void
upload_stop (GTask        *task,
             const GError *error)
{
  Uploads *uploads = g_task_get_task_data (task);

  upload_record (task, BYLINE_OUTBOX_FAILED, 0, error);
  uploads->report.failed++;
  uploads->report.last_failure_code = error->domain == BYLINE_CMS_ERROR ? error->code : BYLINE_CMS_ERROR_INVALID;
  uploads_advance (task);
}

/* The user cancelled this upload: it is not retried, and the image stays
 * attached to its story, local. */
static void
upload_drop_cancelled (GTask *task)
{
  Uploads *uploads = g_task_get_task_data (task);
  g_autoptr (GError) error = NULL;

  byline_store_upload_complete (task_store (task), current_entry (uploads)->image_uuid, &error);
  note_store_error ("Could not take a cancelled upload out of the outbox", error);
  uploads_advance (task);
}

/* Takes @error. As for posts: transient errors are retried, a refused login
 * stops the run, and any other refusal stops this upload only. */
static void
upload_handle_error (GTask  *task,
                     GError *error)
{
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) &&
      byline_upload_tracker_cancelled_by_user (task_tracker (task)))
    {
      g_error_free (error);
      upload_drop_cancelled (task);
      return;
    }
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      uploads_return_error (task, error);
      return;
    }
  if (byline_sync_error_is_auth (error))
    {
      upload_record (task, BYLINE_OUTBOX_PENDING, 0, error);
      uploads_return_error (task, error);
      return;
    }
  if (byline_sync_error_is_worth_retrying (error))
    upload_retry_later (task, error);
  else
    upload_stop (task, error);
  g_error_free (error);
}

static void
on_fields_sent (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  Uploads *uploads = g_task_get_task_data (task);
  g_autoptr (BylineRemoteMedia) media = NULL;
  GError *error = NULL;

  media = byline_cms_client_upload_media_finish (BYLINE_CMS_CLIENT (source), result, &error);
  if (media == NULL)
    {
      upload_handle_error (task, error);
      return;
    }
  if (!byline_store_upload_complete (task_store (task), current_entry (uploads)->image_uuid, &error))
    {
      uploads_return_error (task, error);
      return;
    }
  uploads->report.uploaded++;
  uploads_advance (task);
}

static void
upload_send_fields (GTask *task)
{
  BylineSyncEngine *engine = g_task_get_source_object (task);
  Uploads *uploads = g_task_get_task_data (task);
  g_autoptr (BylineRemoteMedia) fields = byline_remote_media_new_from_image (uploads->image);

  uploads->report.requests++;
  byline_cms_client_update_media_async (byline_sync_engine_get_client (engine), current_entry (uploads)->media_id,
                                        fields, uploads->upload_cancellable, on_fields_sent,
                                        g_object_ref (task));
}

/* The media item exists: its id is written down before anything else. */
static void
upload_adopt_media (GTask             *task,
                    BylineRemoteMedia *media)
{
  Uploads *uploads = g_task_get_task_data (task);
  BylineUploadEntry *entry = current_entry (uploads);
  GError *error = NULL;

  if (!byline_store_upload_note_media (task_store (task), entry->image_uuid, byline_remote_media_get_id (media),
                                       byline_remote_media_get_source_url (media), &error))
    {
      uploads_return_error (task, error);
      return;
    }
  entry->media_id = byline_remote_media_get_id (media);
  byline_image_set_remote_media_id (uploads->image, entry->media_id);
  byline_image_set_remote_url (uploads->image, byline_remote_media_get_source_url (media));
  upload_send_fields (task);
}

static void
on_file_uploaded (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  g_autoptr (BylineRemoteMedia) media = NULL;
  GError *error = NULL;

  media = byline_media_upload_finish (result, NULL, &error);
  if (media == NULL)
    upload_handle_error (task, error);
  else
    upload_adopt_media (task, media);
}

static void
upload_send_file (GTask *task)
{
  BylineSyncEngine *engine = g_task_get_source_object (task);
  Uploads *uploads = g_task_get_task_data (task);

  uploads->report.requests++;
  byline_media_upload_file_async (byline_sync_engine_get_client (engine), uploads->image,
                                  byline_upload_tracker_report, task_tracker (task),
                                  uploads->upload_cancellable, on_file_uploaded, g_object_ref (task));
}

static void
on_media_found (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  g_autoptr (BylineRemoteMedia) media = NULL;
  GError *error = NULL;

  media = byline_cms_client_upload_media_finish (BYLINE_CMS_CLIENT (source), result, &error);
  if (media != NULL)
    upload_adopt_media (task, media);
  else if (g_error_matches (error, BYLINE_CMS_ERROR, BYLINE_CMS_ERROR_NOT_FOUND))
    {
      g_error_free (error);
      upload_send_file (task);
    }
  else
    upload_handle_error (task, error);
}

/* An earlier try may have made the media item without our hearing of it. */
static gboolean
upload_may_exist (Uploads *uploads)
{
  return uploads->can_find_media && (current_entry (uploads)->attempts > 0 || uploads->attempts_this_run > 0);
}

static void
upload_send (GTask *task)
{
  BylineSyncEngine *engine = g_task_get_source_object (task);
  Uploads *uploads = g_task_get_task_data (task);

  if (current_entry (uploads)->media_id > 0)
    upload_send_fields (task);
  else if (upload_may_exist (uploads))
    {
      uploads->report.requests++;
      byline_cms_client_find_media_async (byline_sync_engine_get_client (engine), current_entry (uploads)->image_uuid,
                                          uploads->upload_cancellable, on_media_found, g_object_ref (task));
    }
  else
    upload_send_file (task);
}

static gboolean
upload_prepare (GTask             *task,
                BylineUploadEntry *entry)
{
  Uploads *uploads = g_task_get_task_data (task);
  BylineStore *store = task_store (task);
  g_autoptr (GError) error = NULL;

  uploads->image = byline_store_find_image (store, entry->story_uuid, entry->image_uuid, &error);
  if (uploads->image != NULL)
    {
      uploads->attempts_this_run = 0;
      return TRUE;
    }
  if (error != NULL)
    {
      upload_record (task, BYLINE_OUTBOX_PENDING, 0, error);
      uploads->report.pending++;
      return FALSE;
    }
  /* Removed from its story since it was queued: nothing to send. */
  byline_store_upload_complete (store, entry->image_uuid, &error);
  note_store_error ("Could not drop a removed image from the uploads", error);
  return FALSE;
}

static void
uploads_next (GTask *task)
{
  Uploads *uploads = g_task_get_task_data (task);

  for (; uploads->index < uploads->entries->len; uploads->index++)
    {
      BylineUploadEntry *entry = current_entry (uploads);

      if (entry->state == BYLINE_OUTBOX_FAILED)
        uploads->report.failed++;
      else if (upload_prepare (task, entry))
        {
          upload_track_begin (task);
          upload_send (task);
          return;
        }
    }
  g_task_return_boolean (task, TRUE);
}

static gboolean
account_has_companion (BylineSyncEngine *engine)
{
  g_autoptr (BylineStoreAccount) account = byline_store_find_account (byline_sync_engine_get_store (engine),
                                                                      byline_sync_engine_get_account (engine),
                                                                      NULL);

  return account != NULL && account->has_companion;
}

/* Sends the account's image uploads, oldest first, one at a time. Uploads
 * that failed for good wait for the image to be queued again. */
void
byline_sync_uploads_async (BylineSyncEngine    *engine,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr (GTask) task = NULL;
  Uploads *uploads;
  GError *error = NULL;

  g_return_if_fail (BYLINE_IS_SYNC_ENGINE (engine));

  task = g_task_new (engine, cancellable, callback, user_data);
  g_task_set_source_tag (task, BYLINE_SOURCE_TAG (byline_sync_uploads_async));
  uploads = g_new0 (Uploads, 1);
  uploads->report.last_transient_code = -1;
  uploads->report.last_failure_code = -1;
  g_task_set_task_data (task, uploads, (GDestroyNotify) uploads_free);

  uploads->entries = byline_store_list_uploads (byline_sync_engine_get_store (engine),
                                                byline_sync_engine_get_account (engine), &error);
  if (uploads->entries == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  uploads->can_find_media = account_has_companion (engine);
  uploads_next (task);
}

gboolean
byline_sync_uploads_finish (GAsyncResult      *result,
                            BylineSyncReport  *report,
                            GError           **error)
{
  g_return_val_if_fail (G_IS_TASK (result), FALSE);

  if (report != NULL)
    *report = ((Uploads *) g_task_get_task_data (G_TASK (result)))->report;
  return g_task_propagate_boolean (G_TASK (result), error);
}
