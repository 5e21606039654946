/* test-credit-panel.c: the image-credit panel under Xvfb
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gexiv2/gexiv2.h>
#include <libsoup/soup.h>
#include <string.h>

#include "byline-ui-resources.h"
#include "model/byline-image.h"
#include "model/byline-story.h"
#include "store/byline-store.h"
#include "store/byline-store-uploads.h"
#include "cms/byline-wp-client.h"
#include "sync/byline-sync-engine.h"
#include "widgets/byline-credit-panel-private.h"
#include "widgets/byline-image-editor-private.h"
#include "widgets/byline-image-row-private.h"
#include "widgets/byline-permission-chip.h"

#include "byline-test-support.h"

typedef struct
{
  BylineStore       *store;
  BylineStory       *story;
  GtkWindow         *window;
  BylineCreditPanel *panel;
} Fixture;

static gboolean
never (gpointer data)
{
  return FALSE;
}

static gboolean
is_mapped (gpointer widget)
{
  return gtk_widget_get_mapped (widget);
}

static gboolean
attach_done (gpointer panel)
{
  return byline_credit_panel_get_n_pending (panel) == 0;
}

static gboolean
origins_read (gpointer editor)
{
  return !byline_image_editor_is_reading_origins (editor);
}

static char *
make_jpeg (const char *name)
{
  g_autofree char *dir = g_build_filename (g_get_user_data_dir (), "photos", NULL);
  g_autoptr (GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, 320, 200);
  g_autoptr (GError) error = NULL;
  char *path = g_build_filename (dir, name, NULL);

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  gdk_pixbuf_fill (pixbuf, 0x3366ccff);
  g_assert_true (gdk_pixbuf_save (pixbuf, path, "jpeg", &error, NULL));
  g_assert_no_error (error);
  return path;
}

static void
tag_credit (const char *path,
            const char *credit)
{
  g_autoptr (GExiv2Metadata) tags = gexiv2_metadata_new ();
  g_autoptr (GError) error = NULL;

  g_assert_true (gexiv2_metadata_open_path (tags, path, &error));
  g_assert_true (gexiv2_metadata_try_set_tag_string (tags, "Iptc.Application2.Credit", credit, &error));
  g_assert_true (gexiv2_metadata_save_file (tags, path, &error));
  g_assert_no_error (error);
}

/* The photographer's title, IIM 2:85, where agencies put it. */
static void
tag_creator_title (const char *path,
                   const char *title)
{
  g_autoptr (GExiv2Metadata) tags = gexiv2_metadata_new ();
  g_autoptr (GError) error = NULL;

  g_assert_true (gexiv2_metadata_open_path (tags, path, &error));
  g_assert_true (gexiv2_metadata_try_set_tag_string (tags, "Iptc.Application2.BylineTitle", title, &error));
  g_assert_true (gexiv2_metadata_save_file (tags, path, &error));
  g_assert_no_error (error);
}

static BylineImage *
add_image (Fixture              *fixture,
           BylinePermissionKind  kind,
           int                   expires_in_days)
{
  g_autofree char *path = make_jpeg ("plain.jpg");
  BylineImage *image = byline_image_new (byline_story_get_uuid (fixture->story));
  g_autoptr (GError) error = NULL;

  byline_image_set_file (image, path);
  byline_image_set_permission_kind (image, kind);
  if (expires_in_days != 0)
    {
      g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
      g_autoptr (GDateTime) expiry = g_date_time_add_days (now, expires_in_days);

      byline_image_set_permission_expiry (image, expiry);
    }
  g_assert_true (byline_store_save_image (fixture->store, image, &error));
  g_assert_no_error (error);
  return image;
}

static BylineImage *
stored_image (Fixture     *fixture,
              BylineImage *image)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GListModel) images = byline_store_list_images (fixture->store,
                                                            byline_story_get_uuid (fixture->story),
                                                            &error);

  g_assert_no_error (error);
  for (guint i = 0; i < g_list_model_get_n_items (images); i++)
    {
      g_autoptr (BylineImage) stored = g_list_model_get_item (images, i);

      if (g_str_equal (byline_image_get_uuid (stored), byline_image_get_uuid (image)))
        return g_steal_pointer (&stored);
    }
  return NULL;
}

/* With BYLINE_TEST_SCREENSHOT_DIR set, saves what @widget shows as NAME.png. */
static void
save_screenshot (GtkWidget  *widget,
                 const char *name)
{
  const char *dir = g_getenv ("BYLINE_TEST_SCREENSHOT_DIR");
  g_autoptr (GdkPaintable) paintable = NULL;
  g_autoptr (GtkSnapshot) snapshot = NULL;
  g_autoptr (GskRenderNode) node = NULL;
  g_autoptr (GdkTexture) texture = NULL;
  g_autofree char *file_name = NULL;
  g_autofree char *path = NULL;

  if (dir == NULL)
    return;
  byline_test_wait_until (never, NULL, 500);
  paintable = gtk_widget_paintable_new (widget);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), gtk_widget_get_width (widget),
                          gtk_widget_get_height (widget));
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (gtk_widget_get_native (widget)), node, NULL);
  file_name = g_strconcat (name, ".png", NULL);
  path = g_build_filename (dir, file_name, NULL);
  g_assert_true (gdk_texture_save_to_png (texture, path));
}

static gboolean
is_set (gpointer pointer_to_string)
{
  return *(char **) pointer_to_string != NULL;
}

static void
show_story (Fixture *fixture)
{
  byline_credit_panel_set_story (fixture->panel, NULL);
  byline_credit_panel_set_story (fixture->panel, fixture->story);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "byline", "newsroom.db", NULL);
  g_autoptr (GError) error = NULL;
  AdwToastOverlay *overlay = ADW_TOAST_OVERLAY (adw_toast_overlay_new ());

  fixture->store = byline_store_open (path, &error);
  g_assert_no_error (error);
  fixture->story = byline_story_new ();
  byline_story_set_headline (fixture->story, "Storm closes the coast road");
  g_assert_true (byline_store_save_story (fixture->store, fixture->story, &error));

  fixture->panel = BYLINE_CREDIT_PANEL (byline_credit_panel_new ());
  byline_credit_panel_set_store (fixture->panel, fixture->store);
  byline_credit_panel_set_story (fixture->panel, fixture->story);
  adw_toast_overlay_set_child (overlay, GTK_WIDGET (fixture->panel));
  fixture->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (fixture->window, 300, 700);
  gtk_window_set_child (fixture->window, GTK_WIDGET (overlay));
  gtk_window_present (fixture->window);
  g_assert_true (byline_test_wait_until (is_mapped, fixture->window, 5000));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  gtk_window_destroy (fixture->window);
  byline_test_wait_until (never, NULL, 50);
  g_clear_object (&fixture->story);
  g_clear_object (&fixture->store);
}

static void
test_attach_prefills_credit (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autofree char *path = make_jpeg ("agency.jpg");
  g_autoptr (GFile) file = NULL;
  g_autoptr (BylineImage) stored = NULL;
  GSList files = { NULL, NULL };
  GListModel *images = byline_credit_panel_get_images (fixture->panel);
  BylineImageEditor *editor = byline_credit_panel_get_editor (fixture->panel);
  BylineImage *image;

  tag_credit (path, "Photo: Lena Park/Northwire");
  file = g_file_new_for_path (path);
  files.data = file;
  byline_credit_panel_attach_files (fixture->panel, &files);
  g_assert_true (byline_test_wait_until (attach_done, fixture->panel, 5000));

  g_assert_cmpuint (g_list_model_get_n_items (images), ==, 1);
  image = g_list_model_get_item (images, 0);
  g_object_unref (image);
  g_assert_cmpstr (byline_image_get_credit_line (image), ==, "Photo: Lena Park/Northwire");
  g_assert_cmpstr (byline_image_get_file (image), ==, path);

  /* A single image opens its details, which say where the credit came from. */
  g_assert_true (byline_image_editor_get_image (editor) == image);
  g_assert_true (byline_test_wait_until (origins_read, editor, 5000));
  g_assert_cmpstr (gtk_editable_get_text (byline_image_editor_get_credit_editable (editor)), ==,
                   "Photo: Lena Park/Northwire");
  g_assert_nonnull (strstr (byline_image_editor_get_credit_title (editor), "IPTC Credit"));

  stored = stored_image (fixture, image);
  g_assert_nonnull (stored);
  g_assert_cmpstr (byline_image_get_credit_line (stored), ==, "Photo: Lena Park/Northwire");
}

static gboolean
creator_title_saved (gpointer data)
{
  Fixture *fixture = data;
  g_autoptr (BylineImage) image = g_list_model_get_item (byline_credit_panel_get_images (fixture->panel), 0);
  g_autoptr (BylineImage) stored = stored_image (fixture, image);

  return g_strcmp0 (byline_image_get_creator_title (stored), "Chief photographer") == 0;
}

/* The creator's title is prefilled from the file, says where it came from,
 * and is the user's own once edited. */
static void
test_creator_title (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *path = make_jpeg ("titled.jpg");
  g_autoptr (GFile) file = g_file_new_for_path (path);
  GSList files = { file, NULL };
  BylineImageEditor *editor = byline_credit_panel_get_editor (fixture->panel);
  GtkEditable *title_editable = byline_image_editor_get_creator_title_editable (editor);
  g_autoptr (BylineImage) image = NULL;

  tag_creator_title (path, "Staff photographer");
  byline_credit_panel_attach_files (fixture->panel, &files);
  g_assert_true (byline_test_wait_until (attach_done, fixture->panel, 5000));
  g_assert_true (byline_test_wait_until (origins_read, editor, 5000));
  image = g_list_model_get_item (byline_credit_panel_get_images (fixture->panel), 0);
  g_assert_cmpstr (byline_image_get_creator_title (image), ==, "Staff photographer");
  g_assert_cmpstr (gtk_editable_get_text (title_editable), ==, "Staff photographer");
  g_assert_nonnull (strstr (byline_image_editor_get_creator_title_title (editor), "IPTC BylineTitle"));
  save_screenshot (GTK_WIDGET (fixture->window), "credit-panel-creator-title");

  gtk_editable_set_text (title_editable, "Chief photographer");
  g_assert_cmpstr (byline_image_get_creator_title (image), ==, "Chief photographer");
  g_assert_null (strstr (byline_image_editor_get_creator_title_title (editor), "IPTC"));
  g_assert_true (byline_test_wait_until (creator_title_saved, fixture, 3000));
}

static void
test_attach_rejects_non_image (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "notes.txt", NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  GSList files = { file, NULL };

  g_assert_true (g_file_set_contents (path, "not an image", -1, NULL));
  byline_credit_panel_attach_files (fixture->panel, &files);
  g_assert_true (byline_test_wait_until (attach_done, fixture->panel, 5000));
  g_assert_cmpuint (g_list_model_get_n_items (byline_credit_panel_get_images (fixture->panel)), ==, 0);
}

static void
assert_badge (BylineImage           *image,
              BylinePermissionBadge  expected)
{
  BylinePermissionChip *chip = BYLINE_PERMISSION_CHIP (g_object_ref_sink (byline_permission_chip_new ()));

  byline_permission_chip_set_image (chip, image);
  g_assert_cmpint (byline_permission_chip_get_badge (chip), ==, expected);
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (chip), byline_permission_badge_to_string (expected)));
  g_object_unref (chip);
}

static void
test_badge_states (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr (BylineImage) missing = add_image (fixture, BYLINE_PERMISSION_UNKNOWN, 0);
  g_autoptr (BylineImage) expired = add_image (fixture, BYLINE_PERMISSION_WIRE_SERVICE, -2);
  g_autoptr (BylineImage) expiring = add_image (fixture, BYLINE_PERMISSION_HANDOUT, 3);
  g_autoptr (BylineImage) ok = add_image (fixture, BYLINE_PERMISSION_STAFF, 0);
  BylinePermissionChip *chip = BYLINE_PERMISSION_CHIP (g_object_ref_sink (byline_permission_chip_new ()));

  assert_badge (missing, BYLINE_PERMISSION_BADGE_MISSING);
  assert_badge (expired, BYLINE_PERMISSION_BADGE_EXPIRED);
  assert_badge (expiring, BYLINE_PERMISSION_BADGE_EXPIRING_SOON);
  assert_badge (ok, BYLINE_PERMISSION_BADGE_OK);

  /* The badge follows edits to the permission. */
  byline_permission_chip_set_image (chip, missing);
  byline_image_set_permission_kind (missing, BYLINE_PERMISSION_STAFF);
  g_assert_cmpint (byline_permission_chip_get_badge (chip), ==, BYLINE_PERMISSION_BADGE_OK);
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (chip), "missing"));
  g_object_unref (chip);

  show_story (fixture);
  g_assert_cmpuint (g_list_model_get_n_items (byline_credit_panel_get_images (fixture->panel)), ==, 4);
}

static gboolean
credit_saved (gpointer data)
{
  Fixture *fixture = data;
  g_autoptr (BylineImage) image = g_list_model_get_item (byline_credit_panel_get_images (fixture->panel), 0);
  g_autoptr (BylineImage) stored = stored_image (fixture, image);

  return g_strcmp0 (byline_image_get_credit_line (stored), "Photo: Staff") == 0;
}

static void
test_edit_credit_saves (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr (BylineImage) image = add_image (fixture, BYLINE_PERMISSION_STAFF, 0);
  BylineImageEditor *editor = byline_credit_panel_get_editor (fixture->panel);
  GListModel *images = byline_credit_panel_get_images (fixture->panel);
  g_autoptr (BylineImage) shown = NULL;

  show_story (fixture);
  shown = g_list_model_get_item (images, 0);
  byline_credit_panel_open_image (fixture->panel, shown);
  gtk_editable_set_text (byline_image_editor_get_credit_editable (editor), "Photo: Staff");

  g_assert_cmpstr (byline_image_get_credit_line (shown), ==, "Photo: Staff");
  g_assert_true (byline_test_wait_until (credit_saved, fixture, 3000));
}

static void
toggle_featured (BylineCreditPanel *panel,
                 BylineImage       *image)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (panel), "credit-panel.toggle-featured", "s",
                                             byline_image_get_uuid (image)));
}

static gboolean
is_featured (Fixture     *fixture,
             BylineImage *image)
{
  g_autoptr (BylineImage) stored = stored_image (fixture, image);

  return byline_image_get_featured (stored);
}

static void
test_featured_is_exclusive (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr (BylineImage) first = add_image (fixture, BYLINE_PERMISSION_STAFF, 0);
  g_autoptr (BylineImage) second = add_image (fixture, BYLINE_PERMISSION_STAFF, 0);
  GListModel *images = byline_credit_panel_get_images (fixture->panel);
  g_autoptr (BylineImage) shown_first = NULL;
  g_autoptr (BylineImage) shown_second = NULL;

  show_story (fixture);
  shown_first = g_list_model_get_item (images, 0);
  shown_second = g_list_model_get_item (images, 1);

  toggle_featured (fixture->panel, shown_first);
  g_assert_true (is_featured (fixture, first));
  g_assert_false (is_featured (fixture, second));

  toggle_featured (fixture->panel, shown_second);
  g_assert_false (byline_image_get_featured (shown_first));
  g_assert_false (is_featured (fixture, first));
  g_assert_true (is_featured (fixture, second));

  toggle_featured (fixture->panel, shown_second);
  g_assert_false (is_featured (fixture, second));
}

static void
test_remove_persists (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr (BylineImage) image = add_image (fixture, BYLINE_PERMISSION_STAFF, 0);
  GListModel *images = byline_credit_panel_get_images (fixture->panel);
  g_autoptr (BylineImage) shown = NULL;
  g_autoptr (BylineImage) gone = NULL;

  show_story (fixture);
  shown = g_list_model_get_item (images, 0);
  byline_credit_panel_open_image (fixture->panel, shown);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->panel), "credit-panel.remove", NULL));

  g_assert_cmpuint (g_list_model_get_n_items (images), ==, 0);
  gone = stored_image (fixture, image);
  g_assert_null (gone);
}

static guint
count_uploads (Fixture *fixture)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) uploads = byline_store_list_uploads (fixture->store, NULL, &error);

  g_assert_no_error (error);
  return uploads->len;
}

static void
give_story_an_account (Fixture *fixture)
{
  byline_story_set_account (fixture->story, "desk");
  g_assert_true (byline_store_save_story (fixture->store, fixture->story, NULL));
}

/* Attaching to a story that lives on a site queues the upload for the next
 * sync; a local story's images stay local. */
static void
test_attach_queues_upload (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autofree char *path = make_jpeg ("queued.jpg");
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GPtrArray) uploads = NULL;
  g_autoptr (BylineImage) image = NULL;
  GSList files = { file, NULL };
  BylineUploadEntry *entry;

  byline_credit_panel_attach_files (fixture->panel, &files);
  g_assert_true (byline_test_wait_until (attach_done, fixture->panel, 5000));
  g_assert_cmpuint (count_uploads (fixture), ==, 0);

  give_story_an_account (fixture);
  byline_credit_panel_attach_files (fixture->panel, &files);
  g_assert_true (byline_test_wait_until (attach_done, fixture->panel, 5000));
  g_assert_cmpuint (g_list_model_get_n_items (byline_credit_panel_get_images (fixture->panel)), ==, 2);
  image = g_list_model_get_item (byline_credit_panel_get_images (fixture->panel), 1);
  uploads = byline_store_list_uploads (fixture->store, "desk", NULL);
  g_assert_cmpuint (uploads->len, ==, 1);
  entry = g_ptr_array_index (uploads, 0);
  g_assert_cmpstr (entry->image_uuid, ==, byline_image_get_uuid (image));
  g_assert_cmpstr (entry->story_uuid, ==, byline_story_get_uuid (fixture->story));

  /* An image dropped on the story's body is saved by the editor, then queued here. */
  g_clear_object (&image);
  image = add_image (fixture, BYLINE_PERMISSION_STAFF, 0);
  byline_credit_panel_add_image (fixture->panel, image);
  g_assert_cmpuint (g_list_model_get_n_items (byline_credit_panel_get_images (fixture->panel)), ==, 3);
  g_assert_cmpuint (count_uploads (fixture), ==, 2);
}

typedef struct
{
  BylineCreditPanel *panel;
  const char        *image_uuid;
} RowWait;

static gboolean
row_bound (gpointer data)
{
  RowWait *wait = data;

  return byline_credit_panel_find_row (wait->panel, wait->image_uuid) != NULL;
}

static BylineImageRow *
wait_for_row (Fixture     *fixture,
              BylineImage *image)
{
  RowWait wait = { fixture->panel, byline_image_get_uuid (image) };

  g_assert_true (byline_test_wait_until (row_bound, &wait, 5000));
  return byline_credit_panel_find_row (fixture->panel, wait.image_uuid);
}

static void
on_cancel_upload (BylineCreditPanel *panel,
                  const char        *image_uuid,
                  char             **cancelled)
{
  g_free (*cancelled);
  *cancelled = g_strdup (image_uuid);
}

/* The row of an image being uploaded shows how far it got; its button takes
 * the image out of the outbox and asks for the request to stop. */
static void
test_upload_progress_and_cancel (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autoptr (BylineImage) waiting = add_image (fixture, BYLINE_PERMISSION_STAFF, 0);
  g_autoptr (BylineImage) uploading = add_image (fixture, BYLINE_PERMISSION_WIRE_SERVICE, 3);
  g_autoptr (BylineImage) kept = NULL;
  g_autofree char *cancelled = NULL;
  BylineImageRow *row;
  BylineImageRow *other_row;
  GtkProgressBar *progress;

  give_story_an_account (fixture);
  byline_image_set_caption (uploading, "Waves break over the coast road at Saltcove");
  byline_image_set_credit_line (uploading, "Photo: Lena Park/Northwire");
  g_assert_true (byline_store_save_image (fixture->store, uploading, NULL));
  g_assert_true (byline_store_enqueue_upload (fixture->store, waiting, "desk", NULL));
  g_assert_true (byline_store_enqueue_upload (fixture->store, uploading, "desk", NULL));
  g_signal_connect (fixture->panel, "cancel-upload", G_CALLBACK (on_cancel_upload), &cancelled);
  show_story (fixture);
  row = wait_for_row (fixture, uploading);
  other_row = wait_for_row (fixture, waiting);
  progress = byline_image_row_get_progress_bar (row);
  g_assert_false (gtk_widget_is_visible (GTK_WIDGET (progress)));

  byline_credit_panel_show_upload_progress (fixture->panel, byline_story_get_uuid (fixture->story),
                                            byline_image_get_uuid (uploading), 0.42);
  g_assert_true (gtk_widget_is_visible (GTK_WIDGET (progress)));
  g_assert_cmpfloat_with_epsilon (gtk_progress_bar_get_fraction (progress), 0.42, 1e-9);
  g_assert_false (gtk_widget_is_visible (GTK_WIDGET (byline_image_row_get_progress_bar (other_row))));
  save_screenshot (GTK_WIDGET (fixture->window), "credit-panel-uploading");

  /* The progress survives the list being rebuilt. */
  show_story (fixture);
  row = wait_for_row (fixture, uploading);
  other_row = wait_for_row (fixture, waiting);
  progress = byline_image_row_get_progress_bar (row);
  g_assert_true (gtk_widget_is_visible (GTK_WIDGET (progress)));

  /* A button's activation is animated: it clicks a moment later. */
  g_assert_true (gtk_widget_activate (GTK_WIDGET (byline_image_row_get_cancel_button (row))));
  g_assert_true (byline_test_wait_until (is_set, &cancelled, 3000));
  g_assert_cmpstr (cancelled, ==, byline_image_get_uuid (uploading));
  g_assert_false (gtk_widget_is_visible (GTK_WIDGET (progress)));
  g_assert_cmpuint (count_uploads (fixture), ==, 1);
  kept = stored_image (fixture, uploading);
  g_assert_nonnull (kept);
  g_assert_cmpstr (byline_image_get_credit_line (kept), ==, "Photo: Lena Park/Northwire");

  byline_credit_panel_show_upload_progress (fixture->panel, NULL, byline_image_get_uuid (waiting), 1.0);
  byline_credit_panel_show_upload_finished (fixture->panel, NULL, byline_image_get_uuid (waiting));
  g_assert_false (gtk_widget_is_visible (GTK_WIDGET (byline_image_row_get_progress_bar (other_row))));
}

/* A WordPress that takes the file and then keeps the answer to itself. */
static void
hold_uploads (SoupServer        *server,
              SoupServerMessage *msg,
              const char        *path,
              GHashTable        *query,
              gpointer           user_data)
{
  guint *n_held = user_data;
  const char *index = "{\"name\":\"Slow\",\"namespaces\":[\"wp/v2\"]}";

  if (g_str_equal (path, "/wp-json/"))
    {
      soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
      soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_STATIC, index, strlen (index));
      return;
    }
  if (g_str_equal (path, "/wp-json/wp/v2/media"))
    {
      (*n_held)++;
      soup_server_message_pause (msg);
      return;
    }
  soup_server_message_set_status (msg, SOUP_STATUS_NOT_FOUND, NULL);
}

static SoupServer *
start_slow_server (guint  *n_held,
                   char  **url)
{
  SoupServer *server = soup_server_new (NULL, NULL);
  g_autoptr (GError) error = NULL;
  GSList *uris;

  soup_server_add_handler (server, NULL, hold_uploads, n_held, NULL);
  soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (server);
  *url = g_strdup_printf ("http://127.0.0.1:%d", g_uri_get_port (uris->data));
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  return server;
}

static void
cancel_in_tracker (BylineUploadTracker *tracker,
                   const char          *image_uuid)
{
  byline_upload_tracker_cancel (tracker, image_uuid);
}

static gboolean
row_shows_progress (gpointer data)
{
  Fixture *fixture = data;
  GListModel *images = byline_credit_panel_get_images (fixture->panel);
  g_autoptr (BylineImage) image = g_list_model_get_item (images, 0);
  BylineImageRow *row = byline_credit_panel_find_row (fixture->panel, byline_image_get_uuid (image));

  return row != NULL && gtk_widget_is_visible (GTK_WIDGET (byline_image_row_get_progress_bar (row)));
}

/* The whole way: the engine's upload shows in the row, as the window wires
 * it, and its Cancel stops the request the server is sitting on. */
static void
test_upload_cancelled_from_row (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autoptr (BylineImage) image = add_image (fixture, BYLINE_PERMISSION_STAFF, 0);
  g_autoptr (BylineStoreAccount) account = NULL;
  g_autoptr (BylineWpClient) client = NULL;
  g_autoptr (BylineSyncEngine) engine = NULL;
  g_autoptr (SoupServer) server = NULL;
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *url = NULL;
  BylineUploadTracker *tracker;
  BylineImageRow *row;
  BylineSyncReport report;
  guint n_held = 0;

  server = start_slow_server (&n_held, &url);
  account = byline_store_account_new ("desk", url, "editor");
  g_assert_true (byline_store_save_account (fixture->store, account, NULL));
  g_assert_true (byline_store_enqueue_upload (fixture->store, image, "desk", NULL));
  client = byline_wp_client_new (url, "editor", "abcd efgh ijkl mnop", &error);
  g_assert_no_error (error);
  engine = byline_sync_engine_new (fixture->store, "desk", BYLINE_CMS_CLIENT (client));
  tracker = byline_sync_engine_get_upload_tracker (engine);
  g_signal_connect_swapped (tracker, "progress", G_CALLBACK (byline_credit_panel_show_upload_progress), fixture->panel);
  g_signal_connect_swapped (tracker, "finished", G_CALLBACK (byline_credit_panel_show_upload_finished), fixture->panel);
  g_signal_connect_swapped (fixture->panel, "cancel-upload", G_CALLBACK (cancel_in_tracker), tracker);
  show_story (fixture);

  byline_sync_engine_push_async (engine, NULL, byline_test_store_result, &result);
  g_assert_true (byline_test_wait_until (row_shows_progress, fixture, 10000));
  row = byline_credit_panel_find_row (fixture->panel, byline_image_get_uuid (image));
  save_screenshot (GTK_WIDGET (fixture->window), "credit-panel-upload-held");
  g_assert_true (gtk_widget_activate (GTK_WIDGET (byline_image_row_get_cancel_button (row))));

  byline_test_wait_for_result (&result);
  g_assert_true (byline_sync_engine_push_finish (engine, result, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report.uploaded, ==, 0);
  g_assert_cmpuint (report.pending, ==, 0);
  g_assert_cmpuint (n_held, ==, 1);
  g_assert_cmpuint (count_uploads (fixture), ==, 0);
  g_assert_false (gtk_widget_is_visible (GTK_WIDGET (byline_image_row_get_progress_bar (row))));
  g_assert_nonnull (stored_image (fixture, image));
  soup_server_disconnect (server);
}

int
main (int   argc,
      char *argv[])
{
  byline_test_keep_system_mime_database ();
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  gtk_init ();
  adw_init ();
  byline_ui_register_resource ();

#define ADD(path, func) \
  g_test_add ("/ui/credit-panel/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("attach/prefills-credit", test_attach_prefills_credit);
  ADD ("attach/rejects-non-image", test_attach_rejects_non_image);
  ADD ("attach/queues-upload", test_attach_queues_upload);
  ADD ("attach/creator-title", test_creator_title);
  ADD ("upload/progress-and-cancel", test_upload_progress_and_cancel);
  ADD ("upload/cancelled-from-row", test_upload_cancelled_from_row);
  ADD ("badge/states", test_badge_states);
  ADD ("edit/credit-saves", test_edit_credit_saves);
  ADD ("featured/exclusive", test_featured_is_exclusive);
  ADD ("remove", test_remove_persists);

#undef ADD

  return g_test_run ();
}
