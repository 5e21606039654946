/* test-review-queue.c: the story list as the editors' review queue, under Xvfb
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <sqlite3.h>

#include "byline-ui-resources.h"
#include "model/byline-story.h"
#include "store/byline-store.h"
#include "store/byline-workflow.h"
#include "widgets/byline-story-list.h"
#include "widgets/byline-story-row.h"

#include "byline-test-support.h"

typedef struct
{
  BylineStore     *store;
  GtkWindow       *window;
  BylineStoryList *list;
  BylineStory     *earlier;
  BylineStory     *later;
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

static BylineStory *
add_story (BylineStore       *store,
           const char        *headline,
           const char        *byline,
           BylineStoryStatus  status,
           int                minutes_ago,
           const char        *body)
{
  BylineStory *story = byline_story_new ();
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr (GDateTime) modified = g_date_time_add_minutes (now, -minutes_ago);
  g_autoptr (GError) error = NULL;

  byline_story_set_headline (story, headline);
  byline_story_set_byline (story, byline);
  byline_story_set_status (story, status);
  byline_story_set_body (story, body);
  byline_story_set_modified (story, modified);
  byline_store_save_story (store, story, &error);
  g_assert_no_error (error);
  return story;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "byline", "newsroom.db", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (BylineStory) draft = NULL;

  fixture->store = byline_store_open (path, &error);
  g_assert_no_error (error);
  /* Submitted (and last changed) three hours ago, and ten minutes ago: newest
   * first would show the later one first. */
  fixture->earlier = add_story (fixture->store, "Harbour dredging runs late", "Maya Okafor",
                                BYLINE_STORY_STATUS_PENDING, 3 * 60 + 5, "<p>One two <em>three</em> four</p>");
  draft = add_story (fixture->store, "Ferry timetable", "Ines Duarte", BYLINE_STORY_STATUS_DRAFT, 60,
                     "<p>Draft</p>");
  fixture->later = add_story (fixture->store, "School roof repaired", "Tom Reyes", BYLINE_STORY_STATUS_PENDING,
                              10, "<p>Six words in this short body.</p>");

  fixture->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (fixture->window, 360, 600);
  fixture->list = BYLINE_STORY_LIST (byline_story_list_new ());
  byline_story_list_set_store (fixture->list, fixture->store);
  gtk_window_set_child (fixture->window, GTK_WIDGET (fixture->list));
  gtk_window_present (fixture->window);
  g_assert_true (byline_test_wait_until (is_mapped, fixture->window, 5000));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  gtk_window_destroy (fixture->window);
  byline_test_wait_until (never, NULL, 50);
  g_clear_object (&fixture->earlier);
  g_clear_object (&fixture->later);
  g_clear_object (&fixture->store);
}

static BylineStory *
shown_story (Fixture *fixture,
             guint    position)
{
  return g_list_model_get_item (byline_story_list_get_filter_model (fixture->list), position);
}

static gboolean
earlier_shown_first (gpointer data)
{
  Fixture *fixture = data;
  g_autoptr (BylineStory) first = shown_story (fixture, 0);

  return first == fixture->earlier;
}

static BylineStoryRow *
find_row (GtkWidget   *widget,
          BylineStory *story)
{
  if (BYLINE_IS_STORY_ROW (widget) && byline_story_row_get_story (BYLINE_STORY_ROW (widget)) == story)
    return BYLINE_STORY_ROW (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      BylineStoryRow *row = find_row (child, story);

      if (row != NULL)
        return row;
    }
  return NULL;
}

typedef struct
{
  Fixture    *fixture;
  const char *label;
} RowLabel;

static gboolean
row_has_label (gpointer data)
{
  RowLabel *expected = data;
  BylineStoryRow *row = find_row (GTK_WIDGET (expected->fixture->list), expected->fixture->earlier);
  g_autofree char *mismatch = NULL;

  if (row == NULL)
    return FALSE;
  mismatch = gtk_test_accessible_check_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                                 expected->label);
  return mismatch == NULL;
}

static void
test_oldest_first (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr (BylineStory) first = NULL;
  g_autoptr (BylineStory) second = NULL;

  first = shown_story (fixture, 0);
  g_assert_true (first == fixture->later);

  byline_story_list_set_status_filter (fixture->list, BYLINE_STORY_STATUS_PENDING);
  g_assert_true (byline_test_wait_until (earlier_shown_first, fixture, 5000));
  g_assert_cmpuint (g_list_model_get_n_items (byline_story_list_get_filter_model (fixture->list)), ==, 2);
  second = shown_story (fixture, 1);
  g_assert_true (second == fixture->later);

  /* Searching keeps the queue's order. */
  byline_story_list_set_search_text (fixture->list, "r");
  g_assert_true (earlier_shown_first (fixture));

  /* Back to every status: newest first again. */
  byline_story_list_set_search_text (fixture->list, NULL);
  byline_story_list_set_status_filter (fixture->list, -1);
  g_clear_object (&first);
  first = shown_story (fixture, 0);
  g_assert_true (first == fixture->later);
}

static void
test_row_says_writer_waiting_and_words (Fixture       *fixture,
                                        gconstpointer  data)
{
  RowLabel expected = { fixture, "Harbour dredging runs late, Pending review, Maya Okafor, waiting 3 hours · 4 words" };
  RowLabel usual = { fixture, NULL };
  g_autofree char *usual_label = NULL;

  byline_story_list_set_status_filter (fixture->list, BYLINE_STORY_STATUS_PENDING);
  g_assert_true (byline_test_wait_until (earlier_shown_first, fixture, 5000));
  g_assert_true (byline_test_wait_until (row_has_label, &expected, 5000));

  /* Elsewhere the row tells its modified time instead. */
  byline_story_list_set_status_filter (fixture->list, -1);
  usual_label = g_strdup_printf ("Harbour dredging runs late, Pending review, Maya Okafor, %s", "3 hours ago");
  usual.label = usual_label;
  g_assert_true (byline_test_wait_until (row_has_label, &usual, 5000));
}

static void
test_waiting_time_wording (void)
{
  g_autoptr (GDateTime) now = g_date_time_new_utc (2026, 3, 12, 12, 0, 0);
  struct { int minutes; const char *text; } cases[] = {
    { 0, "waiting less than a minute" },
    { 1, "waiting 1 minute" },
    { 59, "waiting 59 minutes" },
    { 60, "waiting 1 hour" },
    { 23 * 60 + 59, "waiting 23 hours" },
    { 3 * 24 * 60, "waiting 3 days" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GDateTime) since = g_date_time_add_minutes (now, -cases[i].minutes);
      g_autofree char *text = byline_format_waiting_time (since, now);

      g_assert_cmpstr (text, ==, cases[i].text);
    }
}

static GtkAdjustment *
list_scroll (Fixture *fixture)
{
  GtkWidget *list_view = NULL;

  for (GtkWidget *widget = GTK_WIDGET (fixture->list); widget != NULL && list_view == NULL;)
    {
      if (GTK_IS_LIST_VIEW (widget))
        list_view = widget;
      else if (gtk_widget_get_first_child (widget) != NULL)
        widget = gtk_widget_get_first_child (widget);
      else
        {
          while (widget != NULL && gtk_widget_get_next_sibling (widget) == NULL)
            widget = gtk_widget_get_parent (widget);
          widget = widget != NULL ? gtk_widget_get_next_sibling (widget) : NULL;
        }
    }
  g_assert_nonnull (list_view);
  return gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (list_view));
}

static gboolean
shows_top (gpointer data)
{
  Fixture *fixture = data;

  return earlier_shown_first (fixture) && gtk_adjustment_get_value (list_scroll (fixture)) == 0;
}

/* The newest pending story, on top of the list before, goes to the end of the
 * queue: the list does not follow it there, it starts at the longest waiting.
 * The jump showed in the full window over a 10,000-story newsroom; this
 * smaller list does not make GtkListView jump, and only checks the result. */
static void
test_queue_starts_at_top (Fixture       *fixture,
                          gconstpointer  data)
{
  for (int i = 0; i < 60; i++)
    {
      g_autofree char *headline = g_strdup_printf ("Pending story %d", i);
      g_autoptr (BylineStory) story = add_story (fixture->store, headline, "Ana Lima", BYLINE_STORY_STATUS_PENDING,
                                                 i, "<p>Short</p>");
    }
  byline_test_wait_until (never, NULL, 300);
  byline_story_list_set_status_filter (fixture->list, BYLINE_STORY_STATUS_PENDING);
  g_assert_true (byline_test_wait_until (shows_top, fixture, 5000));
  byline_test_wait_until (never, NULL, 200);
  g_assert_true (shows_top (fixture));
}

static guint
first_word_count (BylineStore *store)
{
  g_autoptr (GPtrArray) queue = NULL;
  g_autoptr (GError) error = NULL;

  queue = byline_workflow_list_review_queue (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (queue->len, >, 0);
  return ((BylineReviewItem *) g_ptr_array_index (queue, 0))->word_count;
}

static int
stored_word_count (sqlite3     *db,
                   BylineStory *story)
{
  sqlite3_stmt *stmt = NULL;
  int count;

  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT IFNULL (word_count, -1) FROM story_bodies WHERE story_uuid = ?1",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, byline_story_get_uuid (story), -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  count = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  return count;
}

/* The queue reads the count stored with the body; a body saved before the
 * count was stored is counted when read, and its count kept from then on. */
static void
test_word_count_stored (Fixture       *fixture,
                        gconstpointer  data)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (byline_store_get_path (fixture->store), &db), ==, SQLITE_OK);
  g_assert_cmpint (stored_word_count (db, fixture->earlier), ==, 4);
  g_assert_cmpuint (first_word_count (fixture->store), ==, 4);

  g_assert_cmpint (sqlite3_exec (db, "UPDATE story_bodies SET word_count = NULL", NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (stored_word_count (db, fixture->earlier), ==, -1);
  g_assert_cmpuint (first_word_count (fixture->store), ==, 4);
  g_assert_cmpint (stored_word_count (db, fixture->earlier), ==, 4);
  sqlite3_close (db);
}

int
main (int   argc,
      char *argv[])
{
  byline_test_keep_system_mime_database ();
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  /* GTK's test accessibility backend keeps the labels for the test to read. */
  g_setenv ("GTK_A11Y", "test", TRUE);
  gtk_init ();
  adw_init ();
  byline_ui_register_resource ();

  g_test_add_func ("/review-queue/waiting-time-wording", test_waiting_time_wording);
  g_test_add ("/review-queue/oldest-first", Fixture, NULL, fixture_set_up, test_oldest_first,
              fixture_tear_down);
  g_test_add ("/review-queue/row-says-writer-waiting-and-words", Fixture, NULL, fixture_set_up,
              test_row_says_writer_waiting_and_words, fixture_tear_down);

  g_test_add ("/review-queue/starts-at-top", Fixture, NULL, fixture_set_up, test_queue_starts_at_top,
              fixture_tear_down);
  g_test_add ("/review-queue/word-count-stored", Fixture, NULL, fixture_set_up, test_word_count_stored,
              fixture_tear_down);

  return g_test_run ();
}
