/* test-window.c: the main window under Xvfb
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>

#include "byline-ui-resources.h"
#include "model/byline-story.h"
#include "store/byline-store.h"
#include "widgets/byline-story-editor-private.h"
#include "widgets/byline-story-selection.h"
#include "widgets/byline-window-private.h"

#include "byline-test-support.h"

typedef struct
{
  char         *path;
  BylineStore  *store;
  BylineWindow *window;
} Fixture;

static const char *const headlines[] = {
  "Council approves harbour budget",
  "Storm closes the coast road",
  "Library reopens after the flood",
};

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

static BylineStory *
add_story (BylineStore       *store,
           const char        *headline,
           BylineStoryStatus  status,
           gint64             minutes_ago)
{
  g_autoptr (BylineStory) story = byline_story_new ();
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr (GDateTime) modified = g_date_time_add_minutes (now, (int) -minutes_ago);
  const char *tags[] = { "local", NULL };
  g_autoptr (GError) error = NULL;

  byline_story_set_headline (story, headline);
  byline_story_set_byline (story, "Maya Okafor");
  byline_story_set_status (story, status);
  byline_story_set_tags (story, tags);
  byline_story_set_body (story, "<p>Body text.</p>");
  byline_story_set_modified (story, modified);
  byline_store_save_story (store, story, &error);
  g_assert_no_error (error);
  return story;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr (GError) error = NULL;

  fixture->path = g_build_filename (g_get_user_data_dir (), "byline", "newsroom.db", NULL);
  fixture->store = byline_store_open (fixture->path, &error);
  g_assert_no_error (error);

  add_story (fixture->store, headlines[0], BYLINE_STORY_STATUS_PUBLISHED, 30);
  add_story (fixture->store, headlines[1], BYLINE_STORY_STATUS_DRAFT, 20);
  add_story (fixture->store, headlines[2], BYLINE_STORY_STATUS_PENDING, 10);

  fixture->window = byline_window_new (NULL, fixture->store);
  gtk_window_present (GTK_WINDOW (fixture->window));
  g_assert_true (byline_test_wait_until (is_mapped, fixture->window, 5000));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  byline_test_wait_until (never, NULL, 50);
  g_clear_object (&fixture->store);
  g_free (fixture->path);
}

static BylineStory *
story_at (BylineWindow *window,
          guint         position)
{
  GListModel *stories = byline_story_list_get_filter_model (byline_window_get_story_list (window));

  return g_list_model_get_item (stories, position);
}

static guint
n_shown (BylineWindow *window)
{
  return g_list_model_get_n_items (
    byline_story_list_get_filter_model (byline_window_get_story_list (window)));
}

static const char *
editor_headline (BylineWindow *window)
{
  BylineStoryEditor *editor = byline_window_get_story_editor (window);

  return gtk_editable_get_text (byline_story_editor_get_headline_editable (editor));
}

/* The list view of the stories, not the one in the status drop-down. */
static GtkWidget *
find_story_rows (GtkWidget *widget)
{
  if (GTK_IS_LIST_VIEW (widget) && BYLINE_IS_STORY_SELECTION (gtk_list_view_get_model (GTK_LIST_VIEW (widget))))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_story_rows (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
list_view_shows_all (gpointer list_view)
{
  GtkSelectionModel *rows = gtk_list_view_get_model (list_view);

  return g_list_model_get_n_items (G_LIST_MODEL (rows)) == 100;
}

/* Only the first screen of rows is built for the first frame; every story
 * is in the list right after it. */
static void
test_list_every_row_after_first_frame (void)
{
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "byline", "many.db", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (BylineStore) store = byline_store_open (path, &error);
  BylineWindow *window;
  GtkWidget *list_view;

  g_assert_no_error (error);
  for (int i = 0; i < 100; i++)
    add_story (store, headlines[i % G_N_ELEMENTS (headlines)], BYLINE_STORY_STATUS_DRAFT, i);
  window = byline_window_new (NULL, store);
  list_view = find_story_rows (GTK_WIDGET (window));
  g_assert_nonnull (list_view);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (gtk_list_view_get_model (GTK_LIST_VIEW (list_view)))), <,
                    100);
  g_assert_cmpuint (n_shown (window), ==, 100);

  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (byline_test_wait_until (list_view_shows_all, list_view, 5000));
  gtk_window_destroy (GTK_WINDOW (window));
  byline_test_wait_until (never, NULL, 50);
}

static void
test_list_sorted_newest_first (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autoptr (BylineStory) first = story_at (fixture->window, 0);
  g_autoptr (BylineStory) last = story_at (fixture->window, 2);

  g_assert_cmpuint (n_shown (fixture->window), ==, 3);
  g_assert_cmpstr (byline_story_get_headline (first), ==, headlines[2]);
  g_assert_cmpstr (byline_story_get_headline (last), ==, headlines[0]);
}

static void
test_select_shows_story (Fixture       *fixture,
                         gconstpointer  data)
{
  BylineStoryList *list = byline_window_get_story_list (fixture->window);
  g_autoptr (BylineStory) story = story_at (fixture->window, 1);
  BylineStoryEditor *editor = byline_window_get_story_editor (fixture->window);

  g_assert_cmpstr (editor_headline (fixture->window), ==, "");
  byline_story_list_set_selected_story (list, story);
  byline_test_wait_until (never, NULL, 50);

  g_assert_true (byline_story_editor_get_story (editor) == story);
  g_assert_cmpstr (editor_headline (fixture->window), ==, headlines[1]);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (editor)));
  g_assert_true (byline_credit_panel_get_story (byline_window_get_credit_panel (fixture->window)) == story);
}

static void
test_typing_is_saved (Fixture       *fixture,
                      gconstpointer  data)
{
  BylineStoryList *list = byline_window_get_story_list (fixture->window);
  BylineStoryEditor *editor = byline_window_get_story_editor (fixture->window);
  g_autoptr (BylineStory) story = story_at (fixture->window, 0);
  g_autoptr (BylineStore) reopened = NULL;
  g_autoptr (GError) error = NULL;
  BylineStory *saved;

  byline_story_list_set_selected_story (list, story);
  gtk_editable_set_text (byline_story_editor_get_headline_editable (editor), "Library reopens early");
  g_assert_cmpstr (byline_story_get_headline (story), ==, "Library reopens early");

  byline_test_wait_until (never, NULL, 1000);
  reopened = byline_store_open (fixture->path, &error);
  g_assert_no_error (error);
  saved = byline_store_find_story (reopened, byline_story_get_uuid (story));
  g_assert_nonnull (saved);
  g_assert_cmpstr (byline_story_get_headline (saved), ==, "Library reopens early");
}

static void
test_showing_a_story_does_not_save (Fixture       *fixture,
                                    gconstpointer  data)
{
  BylineStoryList *list = byline_window_get_story_list (fixture->window);
  g_autoptr (BylineStory) story = story_at (fixture->window, 0);

  byline_story_list_set_selected_story (list, story);
  g_assert_false (byline_story_get_dirty (story));
}

static void
test_search_narrows_list (Fixture       *fixture,
                          gconstpointer  data)
{
  BylineStoryList *list = byline_window_get_story_list (fixture->window);
  g_autoptr (BylineStory) match = NULL;

  byline_story_list_set_search_text (list, "STORM");
  g_assert_cmpuint (n_shown (fixture->window), ==, 1);
  match = story_at (fixture->window, 0);
  g_assert_cmpstr (byline_story_get_headline (match), ==, headlines[1]);

  byline_story_list_set_search_text (list, "storm closes");
  g_assert_cmpuint (n_shown (fixture->window), ==, 1);
  byline_story_list_set_search_text (list, "okafor");
  g_assert_cmpuint (n_shown (fixture->window), ==, 3);
  byline_story_list_set_search_text (list, "no such story");
  g_assert_cmpuint (n_shown (fixture->window), ==, 0);
  byline_story_list_set_search_text (list, NULL);
  g_assert_cmpuint (n_shown (fixture->window), ==, 3);
}

static void
test_status_filter (Fixture       *fixture,
                    gconstpointer  data)
{
  BylineStoryList *list = byline_window_get_story_list (fixture->window);
  g_autoptr (BylineStory) match = NULL;

  byline_story_list_set_status_filter (list, BYLINE_STORY_STATUS_PUBLISHED);
  g_assert_cmpuint (n_shown (fixture->window), ==, 1);
  match = story_at (fixture->window, 0);
  g_assert_cmpstr (byline_story_get_headline (match), ==, headlines[0]);

  byline_story_list_set_search_text (list, "storm");
  g_assert_cmpuint (n_shown (fixture->window), ==, 0);
  byline_story_list_set_status_filter (list, -1);
  g_assert_cmpuint (n_shown (fixture->window), ==, 1);
}

static void
test_new_and_trash_story (Fixture       *fixture,
                          gconstpointer  data)
{
  BylineStoryList *list = byline_window_get_story_list (fixture->window);
  g_autoptr (BylineStory) created = NULL;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.new-story", NULL));
  g_assert_cmpuint (n_shown (fixture->window), ==, 4);
  created = g_object_ref (byline_story_list_get_selected_story (list));
  g_assert_cmpstr (editor_headline (fixture->window), ==, "");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.delete-story", NULL));
  g_assert_cmpuint (n_shown (fixture->window), ==, 3);
  g_assert_null (byline_story_list_get_selected_story (list));
  byline_test_wait_until (never, NULL, 600);
  g_assert_cmpuint (n_shown (fixture->window), ==, 3);
  g_assert_null (byline_store_find_story (fixture->store, byline_story_get_uuid (created)));
}

/* With a site set up, what is written is meant for it. */
static void
test_new_story_goes_to_account (Fixture       *fixture,
                                gconstpointer  data)
{
  BylineStoryList *list = byline_window_get_story_list (fixture->window);
  BylineStoreAccount *account = byline_store_account_new ("desk", "https://news.example", "maya");
  g_autoptr (GError) error = NULL;

  g_assert_true (byline_store_save_account (fixture->store, account, &error));
  g_assert_no_error (error);
  byline_story_list_set_selected_story (list, NULL);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.new-story", NULL));
  g_assert_cmpstr (byline_story_get_account (byline_story_list_get_selected_story (list)), ==, "desk");
  byline_store_account_free (account);
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

  g_test_add_func ("/window/list/every-row-after-first-frame", test_list_every_row_after_first_frame);
  g_test_add ("/window/list/sorted-newest-first", Fixture, NULL, fixture_set_up,
              test_list_sorted_newest_first, fixture_tear_down);
  g_test_add ("/window/select/shows-story", Fixture, NULL, fixture_set_up,
              test_select_shows_story, fixture_tear_down);
  g_test_add ("/window/select/does-not-save", Fixture, NULL, fixture_set_up,
              test_showing_a_story_does_not_save, fixture_tear_down);
  g_test_add ("/window/editor/typing-is-saved", Fixture, NULL, fixture_set_up,
              test_typing_is_saved, fixture_tear_down);
  g_test_add ("/window/list/search-narrows", Fixture, NULL, fixture_set_up,
              test_search_narrows_list, fixture_tear_down);
  g_test_add ("/window/list/status-filter", Fixture, NULL, fixture_set_up, test_status_filter,
              fixture_tear_down);
  g_test_add ("/window/actions/new-and-trash", Fixture, NULL, fixture_set_up,
              test_new_and_trash_story, fixture_tear_down);
  g_test_add ("/window/actions/new-story-goes-to-account", Fixture, NULL, fixture_set_up,
              test_new_story_goes_to_account, fixture_tear_down);

  return g_test_run ();
}
