/* byline-photo-thumbnail.c: thumbnails made off the main thread, cached on disk
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>

#include "model/byline-types.h"

#include "byline-photo-private.h"
#include "byline-photo-thumbnail.h"

/* JPEG decodes at a fraction of its size, however big it is; the other
 * loaders decode every pixel, so past this many they are not tried. */
#define MAX_FULL_DECODE_PIXELS (100 * 1000 * 1000)

typedef struct
{
  char *path;
  int   max_size;
} ThumbnailRequest;

static void
thumbnail_request_free (ThumbnailRequest *request)
{
  g_free (request->path);
  g_free (request);
}

/* A changed file gets a new name in the cache, so a stale thumbnail is
 * never shown: the key covers the path, the modification time, the size
 * and the thumbnail size. */
static char *
cache_path_for (const char *path,
                int         max_size,
                GError    **error)
{
  g_autoptr (GFile)     file = g_file_new_for_path (path);
  g_autoptr (GError)    query_error = NULL;
  g_autoptr (GFileInfo) info = NULL;
  g_autofree char      *key = NULL;
  g_autofree char      *checksum = NULL;
  g_autofree char      *name = NULL;

  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE "," G_FILE_ATTRIBUTE_TIME_MODIFIED "," G_FILE_ATTRIBUTE_TIME_MODIFIED_USEC,
                            G_FILE_QUERY_INFO_NONE, NULL, &query_error);
  if (info == NULL)
    {
      g_set_error_literal (error, BYLINE_PHOTO_ERROR, BYLINE_PHOTO_ERROR_NOT_FOUND, query_error->message);
      return NULL;
    }

  key = g_strdup_printf ("%s\n%" G_GUINT64_FORMAT ".%06u\n%" G_GOFFSET_FORMAT "\n%d", path,
                         g_file_info_get_attribute_uint64 (info, G_FILE_ATTRIBUTE_TIME_MODIFIED),
                         g_file_info_get_attribute_uint32 (info, G_FILE_ATTRIBUTE_TIME_MODIFIED_USEC),
                         g_file_info_get_size (info), max_size);
  checksum = g_compute_checksum_for_string (G_CHECKSUM_SHA256, key, -1);
  name = g_strconcat (checksum, ".png", NULL);
  return g_build_filename (g_get_user_cache_dir (), "byline", "thumbnails", name, NULL);
}

static GdkPixbuf *
load_cached (const char *cache_path)
{
  g_autoptr (GError) error = NULL;
  GdkPixbuf         *thumbnail = NULL;

  if (!g_file_test (cache_path, G_FILE_TEST_IS_REGULAR))
    return NULL;

  thumbnail = gdk_pixbuf_new_from_file (cache_path, &error);
  if (thumbnail == NULL)
    g_debug ("Making the unreadable cached thumbnail %s again: %s", cache_path, error->message);
  return thumbnail;
}

/* A thumbnail that cannot be cached is still shown, and made again next
 * time, so failing here is not an error. */
static void
store_in_cache (GdkPixbuf  *thumbnail,
                const char *cache_path)
{
  g_autofree char   *dir = g_path_get_dirname (cache_path);
  g_autofree char   *png = NULL;
  g_autoptr (GError) error = NULL;
  gsize              png_size = 0;

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      g_debug ("Could not create the thumbnail cache %s: %s", dir, g_strerror (errno));
      return;
    }

  if (!gdk_pixbuf_save_to_buffer (thumbnail, &png, &png_size, "png", &error, NULL) ||
      !g_file_set_contents (cache_path, png, png_size, &error))
    g_debug ("Could not cache the thumbnail %s: %s", cache_path, error->message);
}

static gboolean
set_decode_error (GError    **error,
                  int         code,
                  const char *path,
                  const char *format,
                  ...) G_GNUC_PRINTF (4, 5);

static gboolean
set_decode_error (GError    **error,
                  int         code,
                  const char *path,
                  const char *format,
                  ...)
{
  g_autofree char *display_name = g_filename_display_name (path);
  g_autofree char *reason = NULL;
  va_list          args;

  va_start (args, format);
  reason = g_strdup_vprintf (format, args);
  va_end (args);

  /* Translators: the first %s is a file name, the second why it failed */
  g_set_error (error, BYLINE_PHOTO_ERROR, code, _("Cannot show “%s”: %s"), display_name, reason);
  return FALSE;
}

static gboolean
check_decodable (const char *path,
                 int        *width,
                 int        *height,
                 GError    **error)
{
  GdkPixbufFormat *format = gdk_pixbuf_get_file_info (path, width, height);
  g_autofree char *format_name = NULL;

  if (format == NULL || *width <= 0 || *height <= 0)
    return set_decode_error (error, BYLINE_PHOTO_ERROR_INVALID_IMAGE, path, "%s",
                             _("it is not an image, or not in a format Byline can read"));

  format_name = gdk_pixbuf_format_get_name (format);
  if (g_strcmp0 (format_name, "jpeg") != 0 && (gint64) *width * *height > MAX_FULL_DECODE_PIXELS)
    return set_decode_error (error, BYLINE_PHOTO_ERROR_TOO_LARGE, path,
                             _("at %d × %d pixels it is too large to preview"), *width, *height);

  return TRUE;
}

static int
scale_side (int    side,
            double scale)
{
  return MAX (1, (int) (side * scale + 0.5));
}

/* Decodes at the thumbnail's size, never upscales, and turns the image the
 * way its EXIF orientation says. */
static GdkPixbuf *
decode_thumbnail (const char *path,
                  int         max_size,
                  GError    **error)
{
  g_autoptr (GdkPixbuf) decoded = NULL;
  g_autoptr (GError)    decode_error = NULL;
  int                   width = 0;
  int                   height = 0;
  double                scale;

  if (!check_decodable (path, &width, &height, error))
    return NULL;

  scale = MIN (1.0, (double) max_size / MAX (width, height));
  decoded = gdk_pixbuf_new_from_file_at_scale (path, scale_side (width, scale), scale_side (height, scale),
                                               TRUE, &decode_error);
  if (decoded == NULL)
    {
      set_decode_error (error, BYLINE_PHOTO_ERROR_INVALID_IMAGE, path, "%s", decode_error->message);
      return NULL;
    }

  return gdk_pixbuf_apply_embedded_orientation (decoded);
}

static GdkPixbuf *
load_thumbnail (const char   *path,
                int           max_size,
                GCancellable *cancellable,
                GError      **error)
{
  g_autofree char *cache_path = NULL;
  GdkPixbuf       *thumbnail = NULL;

  if (!byline_photo_check_file (path, error))
    return NULL;

  cache_path = cache_path_for (path, max_size, error);
  if (cache_path == NULL)
    return NULL;

  thumbnail = load_cached (cache_path);
  if (thumbnail != NULL || g_cancellable_set_error_if_cancelled (cancellable, error))
    return thumbnail;

  thumbnail = decode_thumbnail (path, max_size, error);
  if (thumbnail != NULL)
    store_in_cache (thumbnail, cache_path);
  return thumbnail;
}

static void
load_in_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  ThumbnailRequest *request = task_data;
  GError           *error = NULL;
  GdkPixbuf        *thumbnail = NULL;

  if (g_task_return_error_if_cancelled (task))
    return;

  thumbnail = load_thumbnail (request->path, request->max_size, cancellable, &error);
  if (thumbnail == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, thumbnail, g_object_unref);
}

static void
decode_next (gpointer data,
             gpointer user_data)
{
  g_autoptr (GTask) task = data;

  load_in_thread (task, NULL, g_task_get_task_data (task), g_task_get_cancellable (task));
}

/* Decoding is CPU-bound: more decoders than cores would only make the main
 * loop wait for a core, so one core is left to it. */
static GThreadPool *
decoder_pool (void)
{
  static GThreadPool *pool = NULL;

  if (g_once_init_enter (&pool))
    g_once_init_leave (&pool, g_thread_pool_new (decode_next, NULL, MAX (1, (int) g_get_num_processors () - 1),
                                                 FALSE, NULL));

  return pool;
}

/**
 * byline_photo_thumbnail_load_async:
 * @path: an image file
 * @max_size: the longest side of the thumbnail, in pixels
 * @cancellable: (nullable): a #GCancellable
 * @callback: called on the calling thread's main context when done
 * @user_data: data for @callback
 *
 * Makes a thumbnail of @path in a worker thread, or takes it from the
 * cache in $XDG_CACHE_HOME/byline/thumbnails.
 */
void
byline_photo_thumbnail_load_async (const char         *path,
                                   int                 max_size,
                                   GCancellable       *cancellable,
                                   GAsyncReadyCallback callback,
                                   gpointer            user_data)
{
  g_autoptr (GTask) task = NULL;
  ThumbnailRequest *request = NULL;

  g_return_if_fail (path != NULL);
  g_return_if_fail (max_size > 0);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  request = g_new0 (ThumbnailRequest, 1);
  request->path = g_canonicalize_filename (path, NULL);
  request->max_size = max_size;

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, BYLINE_SOURCE_TAG (byline_photo_thumbnail_load_async));
  g_task_set_task_data (task, request, (GDestroyNotify) thumbnail_request_free);
  g_thread_pool_push (decoder_pool (), g_steal_pointer (&task), NULL);
}

/**
 * byline_photo_thumbnail_load_finish:
 * @result: the result given to the callback
 * @error: return location for a #BylinePhotoError
 *
 * Returns: (transfer full): the thumbnail, at most the requested size
 */
GdkPixbuf *
byline_photo_thumbnail_load_finish (GAsyncResult *result,
                                    GError      **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                          BYLINE_SOURCE_TAG (byline_photo_thumbnail_load_async),
                        NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
