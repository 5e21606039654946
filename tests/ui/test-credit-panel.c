/* test-credit-panel.c: the image-credit panel under Xvfb
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gexiv2/gexiv2.h>
#include <string.h>

#include "byline-ui-resources.h"
#include "model/byline-image.h"
#include "model/byline-story.h"
#include "store/byline-store.h"
#include "widgets/byline-credit-panel-private.h"
#include "widgets/byline-image-editor-private.h"
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
  ADD ("badge/states", test_badge_states);
  ADD ("edit/credit-saves", test_edit_credit_saves);
  ADD ("featured/exclusive", test_featured_is_exclusive);
  ADD ("remove", test_remove_persists);

#undef ADD

  return g_test_run ();
}
