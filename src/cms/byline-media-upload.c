/* byline-media-upload.c
 *
 * The original is never changed: the credits go into a copy under
 * $XDG_CACHE_HOME/byline/uploads, which is sent and then deleted.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "byline-upload"

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "cms/byline-media-upload.h"
#include "photo/byline-photo.h"
#include "photo/byline-photo-metadata.h"

typedef struct
{
  BylineCmsClient       *client;
  BylinePhotoMetadata   *metadata;
  BylineRemoteMedia     *fields;
  GFileProgressCallback  progress_callback;
  gpointer               progress_data;
  char                  *original;
  char                  *filename;
  char                  *client_uuid;

  /* Filled in by the worker thread. */
  char                  *copy_dir;
  char                  *copy;
  char                  *content_type;

  char                 **truncated_tags;
  BylineRemoteMedia     *media;
  GError                *error;
} MediaUpload;

typedef struct
{
  BylineRemoteMedia  *media;
  char              **truncated_tags;
} MediaUploadResult;

static void
media_upload_free (MediaUpload *upload)
{
  g_clear_object (&upload->client);
  g_clear_object (&upload->metadata);
  g_clear_object (&upload->fields);
  g_clear_pointer (&upload->original, g_free);
  g_clear_pointer (&upload->filename, g_free);
  g_clear_pointer (&upload->client_uuid, g_free);
  g_clear_pointer (&upload->copy_dir, g_free);
  g_clear_pointer (&upload->copy, g_free);
  g_clear_pointer (&upload->content_type, g_free);
  g_clear_pointer (&upload->truncated_tags, g_strfreev);
  g_clear_object (&upload->media);
  g_clear_error (&upload->error);
  g_free (upload);
}

static void
media_upload_result_free (MediaUploadResult *result)
{
  g_clear_object (&result->media);
  g_clear_pointer (&result->truncated_tags, g_strfreev);
  g_free (result);
}

static void
return_outcome (GTask *task)
{
  MediaUpload *upload = g_task_get_task_data (task);
  MediaUploadResult *result;

  if (upload->error != NULL)
    {
      g_task_return_error (task, g_steal_pointer (&upload->error));
      return;
    }

  result = g_new0 (MediaUploadResult, 1);
  result->media = g_steal_pointer (&upload->media);
  result->truncated_tags = g_steal_pointer (&upload->truncated_tags);
  g_task_return_pointer (task, result, (GDestroyNotify) media_upload_result_free);
}

/* Clean-up is not cancellable: a cancelled upload must not leave its copy. */
static void
on_copy_dir_deleted (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  g_autoptr (GError) error = NULL;

  if (!g_file_delete_finish (G_FILE (source), result, &error))
    g_warning ("Could not remove %s: %s", g_file_peek_path (G_FILE (source)), error->message);
  return_outcome (task);
}

static void
on_copy_deleted (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  MediaUpload *upload = g_task_get_task_data (task);
  g_autoptr (GFile) copy_dir = g_file_new_for_path (upload->copy_dir);
  g_autoptr (GError) error = NULL;

  /* A failed write leaves no copy behind. */
  if (!g_file_delete_finish (G_FILE (source), result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    g_warning ("Could not remove %s: %s", g_file_peek_path (G_FILE (source)), error->message);
  g_file_delete_async (copy_dir, G_PRIORITY_DEFAULT, NULL, on_copy_dir_deleted, g_object_ref (task));
}

static void
finish_upload (GTask  *task,
               GError *error)
{
  MediaUpload *upload = g_task_get_task_data (task);
  g_autoptr (GFile) copy = g_file_new_for_path (upload->copy);

  upload->error = error;
  g_file_delete_async (copy, G_PRIORITY_DEFAULT, NULL, on_copy_deleted, g_object_ref (task));
}

static void
on_uploaded (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  MediaUpload *upload = g_task_get_task_data (task);
  GError *error = NULL;

  upload->media = byline_cms_client_upload_media_finish (BYLINE_CMS_CLIENT (source), result, &error);
  finish_upload (task, error);
}

static void
on_copy_written (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  MediaUpload *upload = g_task_get_task_data (task);
  g_autoptr (GFile) copy = g_file_new_for_path (upload->copy);
  GError *error = NULL;

  if (!byline_photo_metadata_write_copy_finish (upload->metadata, result, &upload->truncated_tags, &error))
    {
      finish_upload (task, error);
      return;
    }

  byline_cms_client_upload_media_async (upload->client, copy, upload->filename, upload->content_type,
                                        upload->client_uuid, upload->fields, upload->progress_callback, upload->progress_data,
                                        g_task_get_cancellable (task), on_uploaded, g_object_ref (task));
}

static char *
guess_content_type (const char *filename)
{
  g_autofree char *type = g_content_type_guess (filename, NULL, 0, NULL);
  char *mime_type = g_content_type_get_mime_type (type);

  return mime_type ? mime_type : g_strdup ("application/octet-stream");
}

/* A folder of its own per upload, so that the copy keeps the original's name. */
static void
make_copy_dir_in_thread (GTask        *dir_task,
                         gpointer      source_object,
                         gpointer      task_data,
                         GCancellable *cancellable)
{
  MediaUpload *upload = task_data;
  g_autofree char *uploads_dir = g_build_filename (g_get_user_cache_dir (), "byline", "uploads", NULL);
  g_autofree char *template = g_build_filename (uploads_dir, "upload-XXXXXX", NULL);
  int saved_errno;

  upload->content_type = guess_content_type (upload->filename);
  if (g_mkdir_with_parents (uploads_dir, 0700) == 0 && g_mkdtemp_full (template, 0700) != NULL)
    {
      upload->copy_dir = g_steal_pointer (&template);
      upload->copy = g_build_filename (upload->copy_dir, upload->filename, NULL);
      g_task_return_boolean (dir_task, TRUE);
      return;
    }

  saved_errno = errno;
  g_task_return_new_error (dir_task, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                           _("Could not make a folder for the upload in %s: %s"), uploads_dir,
                           g_strerror (saved_errno));
}

static void
on_copy_dir_made (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  MediaUpload *upload = g_task_get_task_data (task);
  GError *error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_task_return_error (task, error);
      return;
    }

  byline_photo_metadata_write_copy_async (upload->metadata, upload->original, upload->copy,
                                          g_task_get_cancellable (task), on_copy_written,
                                          g_object_ref (task));
}

static void
start_upload (GTask                 *task,
              BylineImage           *image,
              gboolean               with_fields,
              GFileProgressCallback  progress_callback,
              gpointer               progress_data)
{
  BylineCmsClient *client = g_task_get_source_object (task);
  g_autoptr (GTask) dir_task = NULL;
  MediaUpload *upload;
  const char *original;

  original = byline_image_get_file (image);
  if (original == NULL || *original == '\0')
    {
      g_task_return_new_error (task, BYLINE_PHOTO_ERROR, BYLINE_PHOTO_ERROR_NOT_FOUND,
                               _("This image has no file to upload"));
      return;
    }

  upload = g_new0 (MediaUpload, 1);
  upload->client = g_object_ref (client);
  upload->metadata = byline_photo_metadata_new_from_image (image);
  upload->fields = with_fields ? byline_remote_media_new_from_image (image) : NULL;
  upload->progress_callback = progress_callback;
  upload->progress_data = progress_data;
  upload->original = g_strdup (original);
  upload->filename = g_path_get_basename (original);
  upload->client_uuid = g_strdup (byline_image_get_uuid (image));
  g_task_set_task_data (task, upload, (GDestroyNotify) media_upload_free);

  dir_task = g_task_new (NULL, g_task_get_cancellable (task), on_copy_dir_made, g_object_ref (task));
  g_task_set_task_data (dir_task, upload, NULL);
  g_task_run_in_thread (dir_task, make_copy_dir_in_thread);
}

/**
 * byline_media_upload_async:
 * @client: where to upload
 * @image: the image, whose file is left untouched
 * @progress_callback: (nullable): called as the copy is sent
 * @progress_data: data for @progress_callback
 * @cancellable: (nullable): a #GCancellable
 * @callback: called once the media item exists and the copy is gone
 * @user_data: data for @callback
 *
 * Uploads a copy of the file of @image with its credits written in as XMP and
 * IPTC-IIM (which is what WordPress reads), and sets the caption, alt text and
 * credits of the media item.
 */
void
byline_media_upload_async (BylineCmsClient       *client,
                           BylineImage           *image,
                           GFileProgressCallback  progress_callback,
                           gpointer               progress_data,
                           GCancellable          *cancellable,
                           GAsyncReadyCallback    callback,
                           gpointer               user_data)
{
  g_autoptr (GTask) task = NULL;

  g_return_if_fail (BYLINE_IS_CMS_CLIENT (client));
  g_return_if_fail (BYLINE_IS_IMAGE (image));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (client, cancellable, callback, user_data);
  g_task_set_source_tag (task, BYLINE_SOURCE_TAG (byline_media_upload_async));
  start_upload (task, image, TRUE, progress_callback, progress_data);
}

/**
 * byline_media_upload_file_async:
 * @client: where to upload
 * @image: the image, whose file is left untouched
 * @progress_callback: (nullable): called as the copy is sent
 * @progress_data: data for @progress_callback
 * @cancellable: (nullable): a #GCancellable
 * @callback: finish with byline_media_upload_finish()
 * @user_data: data for @callback
 *
 * Like byline_media_upload_async() but stops once the media item exists, so
 * that the caller can write its id down before the fields are set with
 * byline_cms_client_update_media_async().
 */
void
byline_media_upload_file_async (BylineCmsClient       *client,
                                BylineImage           *image,
                                GFileProgressCallback  progress_callback,
                                gpointer               progress_data,
                                GCancellable          *cancellable,
                                GAsyncReadyCallback    callback,
                                gpointer               user_data)
{
  g_autoptr (GTask) task = NULL;

  g_return_if_fail (BYLINE_IS_CMS_CLIENT (client));
  g_return_if_fail (BYLINE_IS_IMAGE (image));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (client, cancellable, callback, user_data);
  g_task_set_source_tag (task, BYLINE_SOURCE_TAG (byline_media_upload_async));
  start_upload (task, image, FALSE, progress_callback, progress_data);
}

/**
 * byline_media_upload_finish:
 * @result: the result given to the callback
 * @truncated_tags: (out) (optional) (transfer full): the IPTC-IIM tags whose
 *   text was shortened to fit (the XMP in the file has it in full)
 * @error: return location for an error
 *
 * Returns: (transfer full): the media item as the CMS has it
 */
BylineRemoteMedia *
byline_media_upload_finish (GAsyncResult   *result,
                            char         ***truncated_tags,
                            GError        **error)
{
  MediaUploadResult *outcome;
  BylineRemoteMedia *media;

  g_return_val_if_fail (G_IS_TASK (result), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == BYLINE_SOURCE_TAG (byline_media_upload_async),
                        NULL);

  outcome = g_task_propagate_pointer (G_TASK (result), error);
  if (outcome == NULL)
    return NULL;

  media = g_steal_pointer (&outcome->media);
  if (truncated_tags != NULL)
    *truncated_tags = g_steal_pointer (&outcome->truncated_tags);
  media_upload_result_free (outcome);
  return media;
}
