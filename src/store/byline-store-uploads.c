/* byline-store-uploads.c: the outbox of image uploads
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "byline-store-private.h"
#include "byline-store-uploads.h"
#include "model/byline-image.h"

void
byline_upload_entry_free (BylineUploadEntry *entry)
{
  if (entry == NULL)
    return;

  g_free (entry->image_uuid);
  g_free (entry->story_uuid);
  g_free (entry->account);
  g_free (entry->last_error);
  g_free (entry);
}

typedef struct
{
  BylineImage *image;
  const char  *account;
} EnqueueArgs;

static void
bind_enqueue (sqlite3_stmt  *stmt,
              gconstpointer  data)
{
  const EnqueueArgs *args = data;

  byline_store_bind_text (stmt, 1, byline_image_get_uuid (args->image));
  byline_store_bind_text (stmt, 2, byline_image_get_story_uuid (args->image));
  byline_store_bind_text (stmt, 3, args->account);
  sqlite3_bind_int64 (stmt, 4, g_get_real_time ());
}

/* Queuing an image again puts a failed upload back in line; a media item
 * already made for it is kept, so only its fields are sent again. */
gboolean
byline_store_enqueue_upload (BylineStore  *self,
                             BylineImage  *image,
                             const char   *account,
                             GError      **error)
{
  EnqueueArgs args = { image, account };

  g_return_val_if_fail (BYLINE_IS_STORE (self), FALSE);
  g_return_val_if_fail (BYLINE_IS_IMAGE (image), FALSE);
  g_return_val_if_fail (account != NULL, FALSE);

  return byline_store_run_statement (self,
                        "INSERT INTO upload_outbox (image_uuid, story_uuid, account, queued)"
                        " VALUES (?1, ?2, ?3, ?4)"
                        " ON CONFLICT (image_uuid) DO UPDATE SET account = ?3, state = 'pending',"
                        " attempts = 0, next_attempt = 0, last_error = NULL",
                        bind_enqueue, &args, _("queue the image for upload"), error);
}

static BylineUploadEntry *
upload_entry_from_row (sqlite3_stmt *stmt)
{
  BylineUploadEntry *entry = g_new0 (BylineUploadEntry, 1);

  entry->image_uuid = g_strdup (byline_store_column_text (stmt, 0));
  entry->story_uuid = g_strdup (byline_store_column_text (stmt, 1));
  entry->account = g_strdup (byline_store_column_text (stmt, 2));
  entry->state = byline_outbox_state_from_string (byline_store_column_text (stmt, 3));
  entry->attempts = sqlite3_column_int (stmt, 4);
  entry->next_attempt = sqlite3_column_int64 (stmt, 5);
  entry->media_id = sqlite3_column_int64 (stmt, 6);
  entry->last_error = g_strdup (byline_store_column_text (stmt, 7));
  return entry;
}

/* Returns: (element-type BylineUploadEntry): the uploads of @account (all
 * accounts when %NULL), oldest first; %NULL on error */
GPtrArray *
byline_store_list_uploads (BylineStore  *self,
                           const char   *account,
                           GError      **error)
{
  g_autoptr (GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) byline_upload_entry_free);
  sqlite3 *db;
  sqlite3_stmt *stmt = NULL;
  int rc;

  g_return_val_if_fail (BYLINE_IS_STORE (self), NULL);

  db = byline_store_lock_db (self);
  rc = sqlite3_prepare_v2 (db,
                           "SELECT image_uuid, story_uuid, account, state, attempts, next_attempt,"
                           " media_id, last_error FROM upload_outbox WHERE ?1 IS NULL OR account = ?1"
                           " ORDER BY queued, rowid",
                           -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      byline_store_bind_text (stmt, 1, account);
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        g_ptr_array_add (rows, upload_entry_from_row (stmt));
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    byline_store_set_sqlite_error (error, db, rc, _("read the uploads"));
  byline_store_unlock_db (self);

  return rc == SQLITE_DONE ? g_steal_pointer (&rows) : NULL;
}

/**
 * byline_store_find_image:
 *
 * Returns: (nullable) (transfer full): the image, or %NULL (without error)
 *   when it is no longer in the story
 */
BylineImage *
byline_store_find_image (BylineStore  *self,
                         const char   *story_uuid,
                         const char   *image_uuid,
                         GError      **error)
{
  g_autoptr (GListModel) images = NULL;

  g_return_val_if_fail (BYLINE_IS_STORE (self), NULL);
  g_return_val_if_fail (story_uuid != NULL && image_uuid != NULL, NULL);

  images = byline_store_list_images (self, story_uuid, error);
  for (guint i = 0; images != NULL && i < g_list_model_get_n_items (images); i++)
    {
      g_autoptr (BylineImage) image = g_list_model_get_item (images, i);

      if (g_str_equal (byline_image_get_uuid (image), image_uuid))
        return g_steal_pointer (&image);
    }
  return NULL;
}

typedef struct
{
  const char *image_uuid;
  gint64      media_id;
  const char *remote_url;
} MediaArgs;

static void
bind_media (sqlite3_stmt  *stmt,
            gconstpointer  data)
{
  const MediaArgs *args = data;

  byline_store_bind_text (stmt, 1, args->image_uuid);
  sqlite3_bind_int64 (stmt, 2, args->media_id);
  byline_store_bind_text (stmt, 3, args->remote_url);
}

/* Written the moment the server answers the upload, in one transaction
 * with the image, so that no retry makes a second media item. */
gboolean
byline_store_upload_note_media (BylineStore  *self,
                                const char   *image_uuid,
                                gint64        media_id,
                                const char   *remote_url,
                                GError      **error)
{
  MediaArgs args = { image_uuid, media_id, remote_url };
  sqlite3 *db;
  int rc;

  g_return_val_if_fail (BYLINE_IS_STORE (self), FALSE);
  g_return_val_if_fail (image_uuid != NULL && media_id > 0, FALSE);

  db = byline_store_lock_db (self);
  rc = sqlite3_exec (db, "BEGIN IMMEDIATE", NULL, NULL, NULL);
  if (rc == SQLITE_OK)
    rc = byline_store_step_locked (db, "UPDATE upload_outbox SET media_id = ?2 WHERE image_uuid = ?1", bind_media, &args);
  if (rc == SQLITE_DONE)
    rc = byline_store_step_locked (db, "UPDATE images SET remote_media_id = ?2, remote_url = ?3 WHERE uuid = ?1",
                      bind_media, &args);
  if (rc == SQLITE_DONE)
    rc = sqlite3_exec (db, "COMMIT", NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    {
      byline_store_set_sqlite_error (error, db, rc, _("record the uploaded image"));
      sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
    }
  byline_store_unlock_db (self);

  return rc == SQLITE_OK;
}

gboolean
byline_store_upload_record_failure (BylineStore        *self,
                                    const char         *image_uuid,
                                    BylineOutboxState   state,
                                    guint               attempts,
                                    gint64              next_attempt,
                                    const char         *message,
                                    GError            **error)
{
  BylineOutboxFailure failure = { image_uuid, state, attempts, next_attempt, message };

  g_return_val_if_fail (BYLINE_IS_STORE (self), FALSE);
  g_return_val_if_fail (image_uuid != NULL, FALSE);
  g_return_val_if_fail (state <= BYLINE_OUTBOX_CONFLICT, FALSE);

  return byline_store_run_statement (self,
                                     "UPDATE upload_outbox SET state = ?2, attempts = ?3, next_attempt = ?4,"
                                     " last_error = ?5 WHERE image_uuid = ?1",
                                     byline_store_bind_outbox_failure, &failure, _("record a failed upload"),
                                     error);
}

gboolean
byline_store_upload_complete (BylineStore  *self,
                              const char   *image_uuid,
                              GError      **error)
{
  g_return_val_if_fail (BYLINE_IS_STORE (self), FALSE);
  g_return_val_if_fail (image_uuid != NULL, FALSE);

  return byline_store_run_statement (self, "DELETE FROM upload_outbox WHERE image_uuid = ?1", byline_store_bind_first_text, image_uuid,
                        _("finish an upload"), error);
}

/* Returns: the media item of the story's featured image, 0 when it has
 * none or it is not uploaded yet */
gint64
byline_store_featured_media_id (BylineStore *self,
                                const char  *story_uuid)
{
  g_autoptr (GListModel) images = NULL;

  g_return_val_if_fail (BYLINE_IS_STORE (self), 0);
  g_return_val_if_fail (story_uuid != NULL, 0);

  images = byline_store_list_images (self, story_uuid, NULL);
  for (guint i = 0; images != NULL && i < g_list_model_get_n_items (images); i++)
    {
      g_autoptr (BylineImage) image = g_list_model_get_item (images, i);

      if (byline_image_get_featured (image))
        return byline_image_get_remote_media_id (image);
    }
  return 0;
}
