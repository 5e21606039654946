/* bench-photos.c: attaching many large photos while the main loop runs
 *
 * Makes one 24-megapixel JPEG with credits, copies it to 50 files, then
 * reads the credits and makes thumbnails of all of them through the async
 * API, as the credit panel does on attach. A 1 ms timeout measures the
 * longest the main loop went without running (goal: 50 ms at most).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gexiv2/gexiv2.h>
#include <glib/gstdio.h>

#include "photo/byline-photo-metadata.h"
#include "photo/byline-photo-thumbnail.h"

static int                n_photos = 50;
static int                megapixels = 24;

static const GOptionEntry options[] = {
  { "photos", 'n', 0, G_OPTION_ARG_INT, &n_photos, "How many photos to attach", "N" },
  { "megapixels", 'm', 0, G_OPTION_ARG_INT, &megapixels, "Size of each photo", "MP" },
  { NULL }
};

typedef struct
{
  GPtrArray *paths;
  GMainLoop *loop;
  gint64     started;
  gint64     last_tick;
  gint64     longest_stall;
  gint64     metadata_done_at;
  gint64     thumbnails_done_at;
  int        metadata_pending;
  int        thumbnails_pending;
} Run;

/* A smooth gradient with some grain, so that the JPEG is about as costly
 * to decode as a photo and not a flat colour. */
static GdkPixbuf *
make_pixels (int width,
             int height)
{
  GdkPixbuf *pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, width, height);
  guchar    *pixels = gdk_pixbuf_get_pixels (pixbuf);
  int        stride = gdk_pixbuf_get_rowstride (pixbuf);
  guint32    grain = 12345;

  for (int y = 0; y < height; y++)
    {
      guchar *row = pixels + (gsize) y * stride;

      for (int x = 0; x < width; x++)
        {
          grain = grain * 1103515245 + 12345;
          row[3 * x] = (guchar) (x * 255 / width + (grain >> 28));
          row[3 * x + 1] = (guchar) (y * 255 / height + ((grain >> 24) & 0xf));
          row[3 * x + 2] = (guchar) ((x + y) & 0xff);
        }
    }

  return pixbuf;
}

static void
add_credits (const char *path)
{
  g_autoptr (GExiv2Metadata) tags = gexiv2_metadata_new ();
  g_autoptr (GError)         error = NULL;

  if (!gexiv2_metadata_open_path (tags, path, &error) ||
      !gexiv2_metadata_try_set_tag_string (tags, "Xmp.photoshop.Credit", "Harbour Press", &error) ||
      !gexiv2_metadata_try_set_tag_string (tags, "Xmp.dc.rights", "© 2024 Harbour Press", &error) ||
      !gexiv2_metadata_try_set_tag_string (tags, "Iptc.Application2.Byline", "Ana Lima", &error) ||
      !gexiv2_metadata_try_set_tag_string (tags, "Iptc.Application2.Caption", "Boats at dawn", &error) ||
      !gexiv2_metadata_save_file (tags, path, &error))
    g_error ("Could not tag %s: %s", path, error->message);
}

static GPtrArray *
generate_photos (const char *dir)
{
  int                   width = 30;
  int                   height = 20;
  g_autoptr (GdkPixbuf) pixels = NULL;
  g_autofree char      *first = g_build_filename (dir, "photo-000.jpg", NULL);
  g_autoptr (GFile)     first_file = g_file_new_for_path (first);
  g_autoptr (GError)    error = NULL;
  GPtrArray            *paths = g_ptr_array_new_with_free_func (g_free);

  /* 3:2, like most cameras: 24 MP is 6000 × 4000. */
  while ((gint64) width * height < (gint64) megapixels * 1000 * 1000)
    {
      width += 30;
      height += 20;
    }
  pixels = make_pixels (width, height);
  if (!gdk_pixbuf_save (pixels, first, "jpeg", &error, "quality", "90", NULL))
    g_error ("Could not write %s: %s", first, error->message);
  add_credits (first);
  g_ptr_array_add (paths, g_strdup (first));

  for (int i = 1; i < n_photos; i++)
    {
      g_autofree char  *name = g_strdup_printf ("photo-%03d.jpg", i);
      char             *path = g_build_filename (dir, name, NULL);
      g_autoptr (GFile) file = g_file_new_for_path (path);

      if (!g_file_copy (first_file, file, G_FILE_COPY_OVERWRITE, NULL, NULL, NULL, &error))
        g_error ("Could not copy to %s: %s", path, error->message);
      g_ptr_array_add (paths, path);
    }

  g_printerr ("Generated %d photos of %d x %d pixels in %s\n", n_photos, width, height, dir);
  return paths;
}

static gboolean
tick (gpointer user_data)
{
  Run   *run = user_data;
  gint64 now = g_get_monotonic_time ();

  run->longest_stall = MAX (run->longest_stall, now - run->last_tick);
  run->last_tick = now;
  return G_SOURCE_CONTINUE;
}

static void
finish_one (Run *run)
{
  if (run->metadata_pending == 0 && run->thumbnails_pending == 0)
    g_main_loop_quit (run->loop);
}

static void
metadata_read (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  Run                            *run = user_data;
  g_autoptr (GError)              error = NULL;
  g_autoptr (BylinePhotoMetadata) metadata = byline_photo_metadata_read_finish (result, &error);

  if (metadata == NULL)
    g_error ("%s", error->message);
  if (--run->metadata_pending == 0)
    run->metadata_done_at = g_get_monotonic_time ();
  finish_one (run);
}

static void
thumbnail_loaded (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  Run                  *run = user_data;
  g_autoptr (GError)    error = NULL;
  g_autoptr (GdkPixbuf) thumbnail = byline_photo_thumbnail_load_finish (result, &error);

  if (thumbnail == NULL)
    g_error ("%s", error->message);
  if (--run->thumbnails_pending == 0)
    run->thumbnails_done_at = g_get_monotonic_time ();
  finish_one (run);
}

/* Attaching happens on the main thread, as a drop or a file chooser
 * response would, so the cost of starting the tasks counts as a stall. */
static gboolean
attach_all (gpointer user_data)
{
  Run *run = user_data;

  run->started = g_get_monotonic_time ();
  for (guint i = 0; i < run->paths->len; i++)
    {
      const char *path = g_ptr_array_index (run->paths, i);

      byline_photo_metadata_read_async (path, NULL, metadata_read, run);
      byline_photo_thumbnail_load_async (path, BYLINE_PHOTO_THUMBNAIL_SIZE, NULL, thumbnail_loaded, run);
    }
  return G_SOURCE_REMOVE;
}

static void
measure (GPtrArray  *paths,
         const char *label)
{
  g_autoptr (GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  Run                   run = {
                      .paths = paths,
                      .loop = loop,
                      .metadata_pending = (int) paths->len,
                      .thumbnails_pending = (int) paths->len,
  };
  guint tick_id = 0;

  run.last_tick = g_get_monotonic_time ();
  tick_id = g_timeout_add (1, tick, &run);
  g_idle_add (attach_all, &run);
  g_main_loop_run (loop);
  g_source_remove (tick_id);

  g_print ("photos-attach-%d-of-%dmp-%s-longest-main-loop-stall: %.1f ms\n", n_photos, megapixels, label,
           run.longest_stall / 1000.0);
  g_print ("photos-attach-%d-of-%dmp-%s-all-metadata-read: %.0f ms\n", n_photos, megapixels, label,
           (run.metadata_done_at - run.started) / 1000.0);
  g_print ("photos-attach-%d-of-%dmp-%s-all-thumbnails-ready: %.0f ms\n", n_photos, megapixels, label,
           (run.thumbnails_done_at - run.started) / 1000.0);
}

static void
remove_tree (const char *path)
{
  g_autoptr (GDir) dir = g_dir_open (path, 0, NULL);
  const char      *name = NULL;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      remove_tree (child);
    }
  g_remove (path);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr (GOptionContext) context = g_option_context_new (NULL);
  g_autoptr (GError)         error = NULL;
  g_autofree char           *dir = g_dir_make_tmp ("byline-bench-photos-XXXXXX", &error);
  g_autofree char           *cache = NULL;
  g_autoptr (GPtrArray)      paths = NULL;

  g_option_context_add_main_entries (context, options, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || dir == NULL || n_photos < 1 || megapixels < 1)
    {
      g_printerr ("%s\n", error != NULL ? error->message : "Give a positive --photos and --megapixels");
      return 1;
    }

  /* A cache of its own, empty at first: the first pass is a cold start. */
  cache = g_build_filename (dir, "cache", NULL);
  g_setenv ("XDG_CACHE_HOME", cache, TRUE);

  paths = generate_photos (dir);
  measure (paths, "cold");
  measure (paths, "cached");

  remove_tree (dir);
  return 0;
}
