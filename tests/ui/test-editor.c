/* test-editor.c: the rich-text body editor under Xvfb
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gtksourceview/gtksource.h>
#include <string.h>

#include "byline-ui-resources.h"
#include "html/byline-html.h"
#include "model/byline-story.h"
#include "store/byline-store.h"
#include "widgets/byline-credit-panel-private.h"
#include "widgets/byline-format-toolbar.h"
#include "widgets/byline-rich-text-view-private.h"
#include "widgets/byline-story-editor-private.h"
#include "widgets/byline-window-private.h"

#include "byline-test-support.h"

typedef struct
{
  char               *path;
  BylineStore        *store;
  BylineWindow       *window;
  BylineStory        *story;
  BylineRichTextView *view;
  GtkTextBuffer      *buffer;
} Fixture;

static gboolean
never (gpointer data)
{
  return FALSE;
}

static gboolean
credit_panel_has_image (gpointer panel)
{
  return g_list_model_get_n_items (byline_credit_panel_get_images (panel)) > 0;
}

static gboolean
is_mapped (gpointer widget)
{
  return gtk_widget_get_mapped (widget);
}

static void
open_story_in_language (Fixture    *fixture,
                        const char *body,
                        const char *language)
{
  g_autoptr (BylineStory) story = byline_story_new ();
  BylineStoryList *list = byline_window_get_story_list (fixture->window);
  g_autoptr (GError) error = NULL;

  byline_story_set_headline (story, "Riverside Bridge reopens");
  byline_story_set_body (story, body);
  byline_story_set_language (story, language);
  byline_store_save_story (fixture->store, story, &error);
  g_assert_no_error (error);
  g_set_object (&fixture->story, story);
  byline_story_list_set_selected_story (list, story);
  byline_test_wait_until (never, NULL, 50);
  g_assert_true (byline_story_editor_get_story (byline_window_get_story_editor (fixture->window)) == story);
}

static void
open_story_with_body (Fixture    *fixture,
                      const char *body)
{
  open_story_in_language (fixture, body, NULL);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  BylineStoryEditor *editor;

  fixture->path = g_build_filename (g_get_user_data_dir (), "byline", "newsroom.db", NULL);
  fixture->store = byline_store_open (fixture->path, &error);
  g_assert_no_error (error);
  fixture->window = byline_window_new (NULL, fixture->store);
  gtk_window_present (GTK_WINDOW (fixture->window));
  g_assert_true (byline_test_wait_until (is_mapped, fixture->window, 5000));
  editor = byline_window_get_story_editor (fixture->window);
  fixture->view = byline_story_editor_get_body_editor (editor);
  fixture->buffer = GTK_TEXT_BUFFER (byline_rich_text_view_get_buffer (fixture->view));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  byline_test_wait_until (never, NULL, 50);
  g_clear_object (&fixture->story);
  g_clear_object (&fixture->store);
  g_free (fixture->path);
}

static void
select_offsets (GtkTextBuffer *buffer,
                int            start,
                int            end)
{
  GtkTextIter s, e;

  gtk_text_buffer_get_iter_at_offset (buffer, &s, start);
  gtk_text_buffer_get_iter_at_offset (buffer, &e, end);
  gtk_text_buffer_select_range (buffer, &s, &e);
}

static void
type_text (GtkTextBuffer *buffer,
           const char    *text)
{
  gtk_text_buffer_begin_user_action (buffer);
  gtk_text_buffer_insert_interactive_at_cursor (buffer, text, -1, TRUE);
  gtk_text_buffer_end_user_action (buffer);
}

static void
move_to_end (GtkTextBuffer *buffer)
{
  GtkTextIter end;

  gtk_text_buffer_get_end_iter (buffer, &end);
  gtk_text_buffer_place_cursor (buffer, &end);
}

static char *
editor_html (Fixture *fixture)
{
  return byline_rich_text_view_get_html (fixture->view);
}

static void
test_bold_action (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autofree char *html = NULL;
  gboolean bold;

  open_story_with_body (fixture, "<p>Hello world</p>");
  select_offsets (fixture->buffer, 6, 11);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->view), "format.bold", NULL));
  html = editor_html (fixture);
  g_assert_cmpstr (html, ==, "<p>Hello <strong>world</strong></p>");
  g_object_get (fixture->view, "bold", &bold, NULL);
  g_assert_true (bold);

  /* With nothing selected, the format applies to what is typed next. */
  move_to_end (fixture->buffer);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->view), "format.bold", NULL));
  type_text (fixture->buffer, " again");
  g_clear_pointer (&html, g_free);
  html = editor_html (fixture);
  g_assert_cmpstr (html, ==, "<p>Hello <strong>world</strong> again</p>");
}

static void
test_enter_makes_paragraph (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autofree char *html = NULL;
  g_autofree char *heading = NULL;
  g_autofree char *list = NULL;
  GtkTextIter iter;

  open_story_with_body (fixture, "<p>One</p>");
  move_to_end (fixture->buffer);
  type_text (fixture->buffer, "\n");
  type_text (fixture->buffer, "Two");
  html = editor_html (fixture);
  g_assert_cmpstr (html, ==, "<p>One</p>\n<p>Two</p>");

  /* A heading chosen on the empty last line applies to what is typed there. */
  type_text (fixture->buffer, "\n");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->view), "format.block", "s", "h2"));
  type_text (fixture->buffer, "Three");
  g_clear_pointer (&html, g_free);
  html = editor_html (fixture);
  g_assert_cmpstr (html, ==, "<p>One</p>\n<p>Two</p>\n<h2>Three</h2>");

  byline_rich_text_view_load_html (fixture->view, "<h2>Head</h2>\n<p>Body</p>");
  gtk_text_buffer_get_iter_at_offset (fixture->buffer, &iter, 4);
  gtk_text_buffer_place_cursor (fixture->buffer, &iter);
  type_text (fixture->buffer, "\nLead");
  heading = editor_html (fixture);
  g_assert_cmpstr (heading, ==, "<h2>Head</h2>\n<p>Lead</p>\n<p>Body</p>");

  /* In a list, Enter adds an item; on an empty item it ends the list. */
  byline_rich_text_view_load_html (fixture->view, "<ul><li>First</li></ul>");
  move_to_end (fixture->buffer);
  type_text (fixture->buffer, "\nSecond\n");
  type_text (fixture->buffer, "\n");
  type_text (fixture->buffer, "After");
  list = editor_html (fixture);
  g_assert_cmpstr (list, ==, "<ul><li>First</li>\n<li>Second</li></ul>\n<p>After</p>");
}

static void
test_blocks_and_lists (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autofree char *html = NULL;
  g_autofree char *nested = NULL;
  g_autofree char *normalized = NULL;
  GtkTextIter iter;

  open_story_with_body (fixture, "<p>Title</p>\n<p>Alpha</p>\n<p>Beta</p>");
  select_offsets (fixture->buffer, 0, 0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->view), "format.block", "s", "h2"));
  select_offsets (fixture->buffer, 6, 16);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->view), "format.list", "s", "ol"));
  html = editor_html (fixture);
  g_assert_cmpstr (html, ==, "<h2>Title</h2>\n<ol><li>Alpha</li>\n<li>Beta</li></ol>");

  gtk_text_buffer_get_iter_at_line (fixture->buffer, &iter, 2);
  gtk_text_buffer_place_cursor (fixture->buffer, &iter);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->view), "format.indent", NULL));
  nested = editor_html (fixture);
  normalized = byline_html_normalize (nested, -1, NULL);
  g_assert_nonnull (strstr (nested, "<li>Alpha\n<ol><li>Beta</li></ol></li>"));

  select_offsets (fixture->buffer, 0, 0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->view), "format.quote", NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->view), "format.rule", NULL));
  g_clear_pointer (&html, g_free);
  html = editor_html (fixture);
  g_assert_true (g_str_has_prefix (html, "<blockquote><h2>Title</h2></blockquote>\n<hr>\n<ol>"));
}

static void
test_link (Fixture       *fixture,
           gconstpointer  data)
{
  g_autofree char *html = NULL;

  open_story_with_body (fixture, "<p>See the council site.</p>");
  select_offsets (fixture->buffer, 8, 20);
  byline_rich_text_buffer_set_link (byline_rich_text_view_get_buffer (fixture->view), "https://example.org/");
  html = editor_html (fixture);
  g_assert_cmpstr (html, ==, "<p>See the <a href=\"https://example.org/\">council site</a>.</p>");
  select_offsets (fixture->buffer, 10, 10);
  g_assert_cmpstr (byline_rich_text_buffer_get_link (byline_rich_text_view_get_buffer (fixture->view)), ==,
                   "https://example.org/");
  byline_rich_text_buffer_set_link (byline_rich_text_view_get_buffer (fixture->view), NULL);
  g_clear_pointer (&html, g_free);
  html = editor_html (fixture);
  g_assert_cmpstr (html, ==, "<p>See the council site.</p>");
}

static const char *
sample_update_body (BylineStore *store)
{
  GListModel *stories = byline_store_get_stories (store);

  for (guint i = 0; i < g_list_model_get_n_items (stories); i++)
    {
      g_autoptr (BylineStory) story = g_list_model_get_item (stories, i);

      if (g_str_has_prefix (byline_story_get_headline (story), "[UPDATE]"))
        {
          g_assert_true (byline_store_load_body (store, story, NULL));
          return byline_story_get_body (story);
        }
    }
  g_assert_not_reached ();
}

/* Opening a story and saving it changes nothing of its body. */
static void
test_sample_round_trip (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *body = NULL;
  g_autofree char *html = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *actual = NULL;

  g_assert_true (byline_store_load_sample (fixture->store, &error));
  g_assert_no_error (error);
  body = g_strdup (sample_update_body (fixture->store));
  open_story_with_body (fixture, body);
  g_assert_false (byline_rich_text_view_get_read_only (fixture->view));
  html = editor_html (fixture);
  expected = byline_html_normalize (body, -1, NULL);
  actual = byline_html_normalize (html, -1, NULL);
  g_assert_cmpstr (actual, ==, expected);
  g_assert_nonnull (strstr (html, "<div class=\"byline-update\"><p><strong>UPDATE, 25 November"));
}

static GtkWidget *
find_action_button (GtkWidget  *root,
                    const char *action,
                    const char *target)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (GTK_IS_ACTIONABLE (child) && g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (child)), action) == 0)
        {
          GVariant *value = gtk_actionable_get_action_target_value (GTK_ACTIONABLE (child));

          if (target == NULL || (value != NULL && g_str_equal (g_variant_get_string (value, NULL), target)))
            return child;
        }
      found = find_action_button (child, action, target);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
view_flag (Fixture    *fixture,
           const char *name)
{
  gboolean value;

  g_object_get (fixture->view, name, &value, NULL);
  return value;
}

/* A pull quote is written the way WordPress's block editor writes core/pullquote. */
static void
test_pullquote (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *html = NULL;
  g_autofree char *quote = NULL;
  g_autofree char *plain = NULL;
  g_autofree char *left = NULL;
  g_autofree char *reopened = NULL;

  open_story_with_body (fixture, "<p>Lead</p>\n<p>Now people are coming back.</p>\n<p>Tail</p>");
  select_offsets (fixture->buffer, 6, 6);
  g_assert_nonnull (find_action_button (GTK_WIDGET (fixture->window), "format.pullquote", NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->view), "format.pullquote", NULL));
  html = editor_html (fixture);
  g_assert_cmpstr (html, ==,
                   "<p>Lead</p>\n<figure class=\"wp-block-pullquote\"><blockquote><p>Now people are coming back.</p>"
                   "</blockquote></figure>\n<p>Tail</p>");
  g_assert_true (view_flag (fixture, "pullquote"));
  g_assert_false (view_flag (fixture, "quote"));

  /* It reads back as the same pull quote. */
  byline_rich_text_view_load_html (fixture->view, html);
  select_offsets (fixture->buffer, 8, 8);
  g_assert_true (view_flag (fixture, "pullquote"));
  reopened = editor_html (fixture);
  g_assert_cmpstr (reopened, ==, html);

  /* A quote button turns it into a plain quote, and the pull quote button back again. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->view), "format.quote", NULL));
  quote = editor_html (fixture);
  g_assert_cmpstr (quote, ==, "<p>Lead</p>\n<blockquote><p>Now people are coming back.</p></blockquote>\n<p>Tail</p>");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->view), "format.pullquote", NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->view), "format.pullquote", NULL));
  plain = editor_html (fixture);
  g_assert_cmpstr (plain, ==, "<p>Lead</p>\n<p>Now people are coming back.</p>\n<p>Tail</p>");

  /* Enter on an empty last paragraph leaves the whole pull quote. */
  byline_rich_text_view_load_html (fixture->view,
                                   "<figure class=\"wp-block-pullquote\"><blockquote><p>Quoted</p></blockquote></figure>");
  move_to_end (fixture->buffer);
  type_text (fixture->buffer, "\n");
  type_text (fixture->buffer, "\n");
  type_text (fixture->buffer, "After");
  left = editor_html (fixture);
  g_assert_cmpstr (left, ==,
                   "<figure class=\"wp-block-pullquote\"><blockquote><p>Quoted</p></blockquote></figure>\n<p>After</p>");
}

static gboolean
toggle_active (Fixture    *fixture,
               const char *action,
               const char *target)
{
  GtkWidget *button = find_action_button (GTK_WIDGET (fixture->view), action, target);

  g_assert_nonnull (button);
  byline_test_wait_until (never, NULL, 20);
  return gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (button));
}

static void
test_toolbar_follows_cursor (Fixture       *fixture,
                             gconstpointer  data)
{
  open_story_with_body (fixture, "<h2>Head</h2>\n<p>plain <strong>bold</strong> <em>it</em></p>\n<ul><li>item</li></ul>");
  select_offsets (fixture->buffer, 2, 2);
  g_assert_true (toggle_active (fixture, "format.block", "h2"));
  g_assert_false (toggle_active (fixture, "format.bold", NULL));

  select_offsets (fixture->buffer, 13, 13);
  g_assert_true (toggle_active (fixture, "format.bold", NULL));
  g_assert_false (toggle_active (fixture, "format.block", "h2"));
  g_assert_true (toggle_active (fixture, "format.block", "p"));

  select_offsets (fixture->buffer, 17, 17);
  g_assert_false (toggle_active (fixture, "format.bold", NULL));
  g_assert_true (toggle_active (fixture, "format.italic", NULL));

  select_offsets (fixture->buffer, 21, 21);
  g_assert_true (toggle_active (fixture, "format.list", "ul"));
  g_assert_false (toggle_active (fixture, "format.list", "ol"));
}

static void
test_word_count (Fixture       *fixture,
                 gconstpointer  data)
{
  BylineRichTextBuffer *buffer;
  guint words, characters;

  open_story_with_body (fixture,
                        "<p>The council’s vote, 7–2, was close.</p><table><tr><td>not counted</td></tr></table><p>河畔大桥</p>");
  buffer = byline_rich_text_view_get_buffer (fixture->view);
  byline_rich_text_buffer_count (buffer, &words, &characters);
  /* “7–2” is two numbers; each ideograph is a word. */
  g_assert_cmpuint (words, ==, 7 + 4);
  g_assert_cmpuint (characters, ==, 35 + 4);
  byline_rich_text_view_update_status (fixture->view);
  g_assert_cmpstr (gtk_label_get_text (byline_rich_text_view_get_status_label (fixture->view)), ==,
                   "11 words · 39 characters · 1 minute read");
}

static void
count_afresh (Fixture *fixture,
              guint   *words,
              guint   *characters)
{
  g_autoptr (BylineRichTextBuffer) fresh = byline_rich_text_buffer_new ();
  g_autofree char *html = editor_html (fixture);

  g_assert_true (byline_rich_text_buffer_load (fresh, html, NULL));
  byline_rich_text_buffer_count (fresh, words, characters);
}

static void
assert_count_matches_afresh (Fixture *fixture)
{
  guint words, characters, fresh_words, fresh_characters;

  byline_rich_text_buffer_count (byline_rich_text_view_get_buffer (fixture->view), &words, &characters);
  count_afresh (fixture, &fresh_words, &fresh_characters);
  g_assert_cmpuint (words, ==, fresh_words);
  g_assert_cmpuint (characters, ==, fresh_characters);
}

/* The count is kept up to date edit by edit, and always agrees with counting anew. */
static void
test_word_count_follows_edits (Fixture       *fixture,
                               gconstpointer  data)
{
  GtkTextIter iter;

  open_story_with_body (fixture, "<p>Bridge opens</p><table><tr><td>kept</td></tr></table><p>Ferry stops</p>");
  assert_count_matches_afresh (fixture);
  gtk_text_buffer_get_iter_at_offset (fixture->buffer, &iter, 6);
  gtk_text_buffer_place_cursor (fixture->buffer, &iter);
  type_text (fixture->buffer, "s");
  assert_count_matches_afresh (fixture);
  type_text (fixture->buffer, " and ferries\nreopen");
  assert_count_matches_afresh (fixture);
  /* Joining two words across a line break makes them one. */
  select_offsets (fixture->buffer, 18, 20);
  gtk_text_buffer_delete_selection (fixture->buffer, TRUE, TRUE);
  assert_count_matches_afresh (fixture);
  move_to_end (fixture->buffer);
  type_text (fixture->buffer, "\nLast words, here");
  assert_count_matches_afresh (fixture);
  g_assert_true (byline_rich_text_buffer_undo (byline_rich_text_view_get_buffer (fixture->view)));
  assert_count_matches_afresh (fixture);
}

/* A long story is counted a slice at a time; edits made meanwhile, before or
 * after the lines counted so far, still add up to the right count. */
static void
test_word_count_in_slices (Fixture       *fixture,
                           gconstpointer  data)
{
  BylineRichTextBuffer *buffer = byline_rich_text_view_get_buffer (fixture->view);
  const char *body = "<p>One two</p><p>Three four</p><p>Five six</p><p>Seven eight</p><p>Nine</p>";
  GtkTextIter iter;

  open_story_with_body (fixture, body);
  /* Loaded again here, with no turn of the main loop for the status to count it whole. */
  g_assert_true (byline_rich_text_buffer_load (buffer, body, NULL));
  g_assert_false (byline_rich_text_buffer_count_step (buffer, 1));
  gtk_text_buffer_get_start_iter (fixture->buffer, &iter);
  gtk_text_buffer_place_cursor (fixture->buffer, &iter);
  type_text (fixture->buffer, "Zero ");
  move_to_end (fixture->buffer);
  type_text (fixture->buffer, " ten");
  select_offsets (fixture->buffer, 12, 16);
  gtk_text_buffer_delete_selection (fixture->buffer, TRUE, TRUE);
  while (!byline_rich_text_buffer_count_step (buffer, 1))
    ;
  assert_count_matches_afresh (fixture);
}

static gboolean
status_mentions (gpointer data)
{
  const char **wanted = data;

  return strstr (gtk_label_get_text (GTK_LABEL (wanted[0])), wanted[1]) != NULL;
}

/* While typing goes on, a key at a time, the status waits; once it pauses
 * the status counts what was typed. */
static void
test_status_waits_for_typing_pause (Fixture       *fixture,
                                    gconstpointer  data)
{
  GtkLabel *status = byline_rich_text_view_get_status_label (fixture->view);
  const char *two_words[] = { (const char *) status, "2 words" };
  const char *three_words[] = { (const char *) status, "3 words" };

  open_story_with_body (fixture, "<p>One two</p>");
  g_assert_true (byline_test_wait_until (status_mentions, two_words, 2000));
  move_to_end (fixture->buffer);
  type_text (fixture->buffer, " ");
  for (const char *c = "three"; *c != '\0'; c++)
    {
      char typed[] = { *c, '\0' };

      byline_test_wait_until (never, NULL, 100);
      type_text (fixture->buffer, typed);
      g_assert_true (status_mentions (two_words));
    }
  g_assert_true (byline_test_wait_until (status_mentions, three_words, 2000));
}

static BylineStory *
reopen_story (Fixture *fixture)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (BylineStore) reopened = byline_store_open (fixture->path, &error);
  BylineStory *saved;

  g_assert_no_error (error);
  saved = byline_store_find_story (reopened, byline_story_get_uuid (fixture->story));
  g_assert_nonnull (saved);
  g_assert_true (byline_store_load_body (reopened, saved, &error));
  g_assert_no_error (error);
  return g_object_ref (saved);
}

static char *
deeply_nested (guint depth)
{
  GString *html = g_string_new ("<p>Kept</p>");

  for (guint i = 0; i < depth; i++)
    g_string_append (html, "<div>");
  g_string_append (html, "deep");
  for (guint i = 0; i < depth; i++)
    g_string_append (html, "</div>");
  g_string_append (html, "<p>After the nesting</p>");
  return g_string_free (html, FALSE);
}

/* The story's depth of nesting comes as the test's data. */
static void
test_bad_body_not_overwritten (Fixture       *fixture,
                               gconstpointer  data)
{
  BylineStoryEditor *editor = byline_window_get_story_editor (fixture->window);
  g_autofree char *body = deeply_nested (GPOINTER_TO_UINT (data));
  g_autoptr (BylineStory) saved = NULL;
  g_autoptr (GTimer) timer = g_timer_new ();
  g_autofree char *shown = NULL;
  GtkTextIter start, end;

  open_story_with_body (fixture, body);
  /* Generous for a sanitizer build; the point is that nothing hangs. */
  g_assert_cmpfloat (g_timer_elapsed (timer, NULL), <, 10.0);
  g_assert_true (byline_rich_text_view_get_read_only (fixture->view));
  g_assert_nonnull (strstr (gtk_label_get_text (byline_rich_text_view_get_message_label (fixture->view)),
                            "stored text is kept"));
  g_assert_false (gtk_text_view_get_editable (byline_rich_text_view_get_text_view (fixture->view)));
  gtk_text_buffer_get_bounds (fixture->buffer, &start, &end);
  shown = gtk_text_buffer_get_text (fixture->buffer, &start, &end, TRUE);
  g_assert_true (g_str_has_prefix (shown, "Kept\n"));

  /* Other fields are still saved, with the body as it was stored. */
  gtk_editable_set_text (byline_story_editor_get_headline_editable (editor), "Edited headline");
  byline_test_wait_until (never, NULL, 1000);
  saved = reopen_story (fixture);
  g_assert_cmpstr (byline_story_get_headline (saved), ==, "Edited headline");
  g_assert_cmpstr (byline_story_get_body (saved), ==, body);
}

static void
test_autosave_within_a_second (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autoptr (BylineStory) saved = NULL;
  gint64 typed_at;

  open_story_with_body (fixture, "<p>Draft</p>");
  move_to_end (fixture->buffer);
  type_text (fixture->buffer, " continues");
  typed_at = g_get_monotonic_time ();
  byline_test_wait_until (never, NULL, 1000);
  g_assert_cmpint (g_get_monotonic_time () - typed_at, <=, 1100 * 1000);
  saved = reopen_story (fixture);
  g_assert_cmpstr (byline_story_get_body (saved), ==, "<p>Draft continues</p>");
}

static void
test_paste_sanitized (Fixture       *fixture,
                      gconstpointer  data)
{
  BylineRichTextBuffer *buffer;
  g_autofree char *html = NULL;
  GtkTextIter iter;

  open_story_with_body (fixture, "<p>Start end</p>");
  buffer = byline_rich_text_view_get_buffer (fixture->view);
  gtk_text_buffer_get_iter_at_offset (fixture->buffer, &iter, 6);
  byline_rich_text_buffer_insert_html (buffer, &iter,
                                       "<meta charset='utf-8'><p style=\"color:red\" onclick=\"steal()\">pasted "
                                       "<b class=\"x\">bold</b><script>alert(1)</script></p><h1>Big</h1>"
                                       "<div><span style=\"font-size:40px\">line</span></div>"
                                       "<p><a href=\"javascript:evil()\">bad</a> <a href=\"https://ok.example/\">ok</a> ",
                                       -1);
  html = editor_html (fixture);
  g_assert_null (strstr (html, "script"));
  g_assert_null (strstr (html, "style"));
  g_assert_null (strstr (html, "onclick"));
  g_assert_null (strstr (html, "javascript"));
  g_assert_cmpstr (html, ==,
                   "<p>Start pasted <strong>bold</strong></p>\n<h2>Big</h2>\n<p>line</p>\n"
                   "<p>bad <a href=\"https://ok.example/\">ok</a>end</p>");
}

static void
test_plain_paste_paragraphs (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autofree char *html = NULL;

  open_story_with_body (fixture, "<p>Intro</p>");
  move_to_end (fixture->buffer);
  type_text (fixture->buffer, "\nFirst line\nSecond line");
  html = editor_html (fixture);
  g_assert_cmpstr (html, ==, "<p>Intro</p>\n<p>First line</p>\n<p>Second line</p>");
}

static void
test_source_mode (Fixture       *fixture,
                  gconstpointer  data)
{
  const char *body = "<p>One <em>two</em></p>\n<table><tr><td>kept</td></tr></table>";
  GtkTextBuffer *source;
  g_autofree char *html = NULL;
  g_autofree char *back = NULL;
  GtkTextIter end;

  open_story_with_body (fixture, body);
  g_object_set (fixture->view, "source-mode", TRUE, NULL);
  html = editor_html (fixture);
  g_assert_cmpstr (html, ==, body);
  source = gtk_text_view_get_buffer (byline_rich_text_view_get_source_view (fixture->view));
  gtk_text_buffer_get_end_iter (source, &end);
  gtk_text_buffer_insert (source, &end, "\n<p>Three</p>", -1);
  g_object_set (fixture->view, "source-mode", FALSE, NULL);
  back = editor_html (fixture);
  g_assert_cmpstr (back, ==, "<p>One <em>two</em></p>\n<table><tr><td>kept</td></tr></table>\n<p>Three</p>");
}

static void
test_find_replace (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *html = NULL;

  open_story_with_body (fixture, "<p>The bridge and the <strong>Bridge</strong>.</p>");
  gtk_widget_grab_focus (GTK_WIDGET (byline_rich_text_view_get_text_view (fixture->view)));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->view), "editor.replace", NULL));
  gtk_editable_set_text (byline_rich_text_view_get_search_editable (fixture->view), "bridge");
  gtk_editable_set_text (byline_rich_text_view_get_replace_editable (fixture->view), "span");
  byline_test_wait_until (never, NULL, 300);
  g_signal_emit_by_name (byline_rich_text_view_get_replace_editable (fixture->view), "activate");
  html = editor_html (fixture);
  g_assert_cmpstr (html, ==, "<p>The span and the <strong>Bridge</strong>.</p>");
}

static char *
line_marker (Fixture *fixture,
             int      line)
{
  GtkTextIter iter;

  gtk_text_buffer_get_iter_at_line (fixture->buffer, &iter, line);
  return byline_rich_text_buffer_get_list_marker (BYLINE_RICH_TEXT_BUFFER (fixture->buffer), &iter);
}

static void
test_list_markers (Fixture       *fixture,
                   gconstpointer  data)
{
  static const char *const expected[] = { "•", "•", "◦", "◦", "1.", "2.", "a.", "b.", "3.", NULL, "7." };
  const char *body = "<ul><li>One</li>\n<li>Two\n<ul><li>Inner</li>\n<li>Inner too</li></ul></li></ul>\n"
                     "<ol><li>A</li>\n<li>B\n<ol><li>x</li>\n<li>y</li></ol></li>\n<li>C</li></ol>\n"
                     "<p>Between</p>\n<ol start=\"7\"><li>Seventh</li></ol>";
  g_autofree char *html = NULL;
  g_autofree char *expected_html = NULL;
  g_autofree char *actual_html = NULL;

  open_story_with_body (fixture, body);
  for (gsize i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_autofree char *marker = line_marker (fixture, (int) i);

      g_assert_cmpstr (marker, ==, expected[i]);
    }

  /* Drawn by the view, never part of the text: the HTML stays as it was. */
  byline_test_wait_until (never, NULL, 50);
  html = editor_html (fixture);
  expected_html = byline_html_normalize (body, -1, NULL);
  actual_html = byline_html_normalize (html, -1, NULL);
  g_assert_cmpstr (actual_html, ==, expected_html);
}

static void
test_list_numbers_follow_edits (Fixture       *fixture,
                                gconstpointer  data)
{
  GtkTextIter iter;
  g_autofree char *third = NULL;

  open_story_with_body (fixture, "<ol><li>First</li>\n<li>Second</li></ol>");
  gtk_text_buffer_get_iter_at_line_offset (fixture->buffer, &iter, 0, 5);
  gtk_text_buffer_place_cursor (fixture->buffer, &iter);
  type_text (fixture->buffer, "\nInserted");
  third = line_marker (fixture, 2);
  g_assert_cmpstr (third, ==, "3.");
}

static void
test_enter_leaves_container (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autofree char *quote = NULL;
  g_autofree char *middle = NULL;
  g_autofree char *updated = NULL;
  GtkTextIter iter;

  open_story_with_body (fixture, "<blockquote><p>Quoted</p></blockquote>");
  move_to_end (fixture->buffer);
  type_text (fixture->buffer, "\n");
  type_text (fixture->buffer, "\n");
  type_text (fixture->buffer, "After");
  quote = editor_html (fixture);
  g_assert_cmpstr (quote, ==, "<blockquote><p>Quoted</p></blockquote>\n<p>After</p>");

  /* Inside the body too: an empty paragraph at the quote's end goes out of it. */
  byline_rich_text_view_load_html (fixture->view, "<blockquote><p>One</p>\n<p>Two</p></blockquote>\n<p>End</p>");
  gtk_text_buffer_get_iter_at_line_offset (fixture->buffer, &iter, 1, 3);
  gtk_text_buffer_place_cursor (fixture->buffer, &iter);
  type_text (fixture->buffer, "\n");
  type_text (fixture->buffer, "\n");
  type_text (fixture->buffer, "Out");
  middle = editor_html (fixture);
  g_assert_cmpstr (middle, ==, "<blockquote><p>One</p>\n<p>Two</p></blockquote>\n<p>Out</p>\n<p>End</p>");

  /* The same at the end of an update block. */
  byline_rich_text_view_load_html (fixture->view,
                                   "<p>Story</p>\n<div class=\"byline-update\"><p><strong>UPDATE:</strong> Roads reopened.</p></div>");
  move_to_end (fixture->buffer);
  type_text (fixture->buffer, "\n");
  type_text (fixture->buffer, "\n");
  type_text (fixture->buffer, "Next");
  updated = editor_html (fixture);
  g_assert_true (g_str_has_suffix (updated, "Roads reopened.</p></div>\n<p>Next</p>"));
}

static void
test_figure_drop (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autofree char *dir = g_build_filename (g_get_user_data_dir (), "photos", NULL);
  g_autofree char *path = g_build_filename (dir, "bridge.jpg", NULL);
  g_autoptr (GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, 64, 48);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GListModel) images = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *html = NULL;
  BylineCreditPanel *panel = byline_window_get_credit_panel (fixture->window);
  GSList files = { file, NULL };

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  gdk_pixbuf_fill (pixbuf, 0x3366ccff);
  g_assert_true (gdk_pixbuf_save (pixbuf, path, "jpeg", &error, NULL));
  open_story_with_body (fixture, "<p>Before</p>\n<p>After</p>");
  g_assert_true (byline_rich_text_view_drop_files (fixture->view, &files, 2));
  g_assert_true (byline_test_wait_until (credit_panel_has_image, panel, 5000));

  images = byline_store_list_images (fixture->store, byline_story_get_uuid (fixture->story), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (images), ==, 1);
  html = editor_html (fixture);
  expected = g_strdup_printf ("<p>Before</p>\n<figure><img src=\"%s\" alt=\"\"></figure>\n<p>After</p>", path);
  g_assert_cmpstr (html, ==, expected);
}

static void
test_figure_caption_and_credit (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autoptr (BylineImage) image = byline_image_new ("story");
  g_autoptr (GtkTextMark) where = gtk_text_mark_new (NULL, FALSE);
  g_autofree char *html = NULL;
  GtkTextIter iter, end;
  g_autofree char *label = NULL;

  open_story_with_body (fixture, "<p>Lead</p>");
  byline_image_set_file (image, "/photos/a&b.jpg");
  byline_image_set_caption (image, "The bridge at dawn");
  byline_image_set_credit_line (image, "Photo: Ana Ruiz");
  gtk_text_buffer_get_start_iter (fixture->buffer, &iter);
  gtk_text_buffer_add_mark (fixture->buffer, where, &iter);
  byline_rich_text_view_insert_figure (fixture->view, where, image);
  html = editor_html (fixture);
  g_assert_cmpstr (html, ==,
                   "<p>Lead</p>\n<figure><img src=\"/photos/a&amp;b.jpg\" alt=\"\"><figcaption>The bridge at dawn — "
                   "<span class=\"byline-credit\">Photo: Ana Ruiz</span></figcaption></figure>");
  gtk_text_buffer_get_iter_at_line (fixture->buffer, &iter, 1);
  end = iter;
  gtk_text_iter_forward_to_line_end (&end);
  label = gtk_text_iter_get_text (&iter, &end);
  g_assert_cmpstr (label, ==, "🖼 Figure: The bridge at dawn");
}

/* "Insert in Story" in the credit panel's details inserts the same figure as a drop. */
static void
test_figure_from_credit_panel (Fixture       *fixture,
                               gconstpointer  data)
{
  BylineCreditPanel *panel = byline_window_get_credit_panel (fixture->window);
  BylineImageEditor *image_editor = byline_credit_panel_get_editor (panel);
  g_autoptr (BylineImage) image = NULL;
  g_autoptr (BylineImage) other = byline_image_new ("another-story");
  g_autoptr (GError) error = NULL;
  g_autofree char *html = NULL;
  g_autofree char *unchanged = NULL;
  GtkWidget *insert_button;

  open_story_with_body (fixture, "<p>Lead</p>\n<p>Tail</p>");
  image = byline_image_new (byline_story_get_uuid (fixture->story));
  byline_image_set_file (image, "/photos/bridge.jpg");
  byline_image_set_caption (image, "The bridge at dawn");
  byline_image_set_credit_line (image, "Photo: Ana Ruiz");
  byline_store_save_image (fixture->store, image, &error);
  g_assert_no_error (error);
  insert_button = find_action_button (GTK_WIDGET (image_editor), "image.insert-in-story", NULL);
  g_assert_nonnull (insert_button);
  g_assert_null (byline_image_editor_get_image (image_editor));
  g_assert_false (gtk_widget_get_sensitive (insert_button));
  byline_credit_panel_open_image (panel, image);
  g_assert_true (byline_image_editor_get_image (image_editor) == image);
  g_assert_true (gtk_widget_get_sensitive (insert_button));
  select_offsets (fixture->buffer, 1, 1);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (image_editor), "image.insert-in-story", NULL));
  html = editor_html (fixture);
  g_assert_cmpstr (html, ==,
                   "<p>Lead</p>\n<figure><img src=\"/photos/bridge.jpg\" alt=\"\"><figcaption>The bridge at dawn — "
                   "<span class=\"byline-credit\">Photo: Ana Ruiz</span></figcaption></figure>\n<p>Tail</p>");

  /* An image of another story never goes into this one. */
  byline_story_editor_insert_image (byline_window_get_story_editor (fixture->window), other);
  unchanged = editor_html (fixture);
  g_assert_cmpstr (unchanged, ==, html);
}

static const char *
embed_at_line (Fixture *fixture,
               int      line)
{
  GtkTextIter iter;

  gtk_text_buffer_get_iter_at_line (fixture->buffer, &iter, line);
  return byline_rich_text_buffer_get_embed_provider (BYLINE_RICH_TEXT_BUFFER (fixture->buffer), &iter);
}

static void
test_embed_block (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autofree char *html = NULL;

  open_story_with_body (fixture, "<p>Intro</p>\n<p>https://www.youtube.com/watch?v=abc123</p>");
  g_assert_null (embed_at_line (fixture, 0));
  g_assert_cmpstr (embed_at_line (fixture, 1), ==, "youtube");

  /* Typed on a line of its own, an address becomes an embed; more text undoes it. */
  move_to_end (fixture->buffer);
  type_text (fixture->buffer, "\nhttps://x.com/council/status/12345");
  g_assert_cmpstr (embed_at_line (fixture, 2), ==, "x");
  type_text (fixture->buffer, " said");
  g_assert_null (embed_at_line (fixture, 2));
  html = editor_html (fixture);
  g_assert_cmpstr (html, ==,
                   "<p>Intro</p>\n<p>https://www.youtube.com/watch?v=abc123</p>\n"
                   "<p>https://x.com/council/status/12345 said</p>");
}

static void
test_spelling_marks_misspelled (Fixture       *fixture,
                                gconstpointer  data)
{
  BylineSpellChecker *checker = byline_rich_text_view_get_spell_checker (fixture->view);
  g_autofree char *html = NULL;
  GtkTextIter iter;

  byline_spell_checker_set_language (checker, "en_US");
  if (g_strcmp0 (byline_spell_checker_get_language (checker), "en_US") != 0)
    {
      g_test_skip ("No en_US dictionary installed");
      return;
    }
  open_story_with_body (fixture, "<p>The vendor recieved a warning.</p>");
  byline_spell_checker_check_pending (checker);
  gtk_text_buffer_get_iter_at_offset (fixture->buffer, &iter, 12);
  g_assert_true (byline_spell_checker_is_misspelled (checker, &iter));
  gtk_text_buffer_get_iter_at_offset (fixture->buffer, &iter, 5);
  g_assert_false (byline_spell_checker_is_misspelled (checker, &iter));

  /* A word asked about before is answered the same from then on. */
  move_to_end (fixture->buffer);
  type_text (fixture->buffer, " It recieved two.");
  byline_spell_checker_check_pending (checker);
  gtk_text_buffer_get_iter_at_offset (fixture->buffer, &iter, 36);
  g_assert_true (byline_spell_checker_is_misspelled (checker, &iter));
  select_offsets (fixture->buffer, 30, 47);
  gtk_text_buffer_delete_selection (fixture->buffer, TRUE, TRUE);

  /* Mending the word clears the mark; the mark is never part of the HTML. */
  html = editor_html (fixture);
  g_assert_cmpstr (html, ==, "<p>The vendor recieved a warning.</p>");
  select_offsets (fixture->buffer, 14, 16);
  gtk_text_buffer_delete_selection (fixture->buffer, TRUE, TRUE);
  type_text (fixture->buffer, "ei");
  byline_spell_checker_check_pending (checker);
  gtk_text_buffer_get_iter_at_offset (fixture->buffer, &iter, 12);
  g_assert_false (byline_spell_checker_is_misspelled (checker, &iter));
}

static gboolean
misspelled_at (Fixture *fixture,
               int      offset)
{
  BylineSpellChecker *checker = byline_rich_text_view_get_spell_checker (fixture->view);
  GtkTextIter iter;

  byline_spell_checker_check_pending (checker);
  gtk_text_buffer_get_iter_at_offset (fixture->buffer, &iter, offset);
  return byline_spell_checker_is_misspelled (checker, &iter);
}

static guint
language_position (GtkDropDown *drop_down,
                   const char  *language)
{
  GListModel *languages = gtk_drop_down_get_model (drop_down);

  for (guint i = 0; i < g_list_model_get_n_items (languages); i++)
    {
      if (g_strcmp0 (gtk_string_list_get_string (GTK_STRING_LIST (languages), i), language) == 0)
        return i;
    }
  return GTK_INVALID_LIST_POSITION;
}

static gboolean
offers_american_english (gpointer drop_down)
{
  return language_position (drop_down, "en_US") != GTK_INVALID_LIST_POSITION;
}

/* A story is checked in its own language, chosen under its body and saved with it. */
static void
test_spelling_language_per_story (Fixture       *fixture,
                                  gconstpointer  data)
{
  BylineSpellChecker *checker = byline_rich_text_view_get_spell_checker (fixture->view);
  GtkDropDown *drop_down = byline_rich_text_view_get_language_drop_down (fixture->view);
  g_auto (GStrv) languages = byline_spell_checker_list_languages (checker);
  g_autoptr (BylineStory) saved = NULL;

  if (!g_strv_contains ((const char * const *) languages, "en_GB") ||
      !g_strv_contains ((const char * const *) languages, "en_US"))
    {
      g_test_skip ("Needs the en_GB and en_US dictionaries");
      return;
    }

  /* "colour" is right in British English, and wrong in American English. */
  open_story_in_language (fixture, "<p>The colour of the harbour</p>", "en_GB");
  g_assert_true (byline_test_wait_until (offers_american_english, drop_down, 2000));
  g_assert_cmpstr (byline_spell_checker_get_language (checker), ==, "en_GB");
  g_assert_cmpuint (gtk_drop_down_get_selected (drop_down), ==, language_position (drop_down, "en_GB"));
  g_assert_false (misspelled_at (fixture, 5));

  gtk_drop_down_set_selected (drop_down, language_position (drop_down, "en_US"));
  g_assert_cmpstr (byline_spell_checker_get_language (checker), ==, "en_US");
  g_assert_cmpstr (byline_story_get_language (fixture->story), ==, "en_US");
  g_assert_true (misspelled_at (fixture, 5));

  byline_story_editor_flush (byline_window_get_story_editor (fixture->window));
  byline_test_wait_until (never, NULL, 300);
  saved = reopen_story (fixture);
  g_assert_cmpstr (byline_story_get_language (saved), ==, "en_US");

  /* Another story, in the default language, does not keep the choice. */
  open_story_with_body (fixture, "<p>Plain</p>");
  g_assert_cmpuint (gtk_drop_down_get_selected (drop_down), ==, 0);
  g_assert_cmpstr (byline_story_get_language (fixture->story), ==, "");
}

/* Undo and redo */

static gboolean
activate_shortcut (GtkWidget          *widget,
                   GtkShortcutTrigger *wanted)
{
  g_autoptr (GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr (GObject) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;
      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr (GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);

          if (gtk_shortcut_trigger_equal (gtk_shortcut_get_trigger (shortcut), wanted) &&
              gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut), GTK_SHORTCUT_ACTION_EXCLUSIVE,
                                            widget, gtk_shortcut_get_arguments (shortcut)))
            return TRUE;
        }
    }
  return FALSE;
}

/* As a key press goes: the focused text view's shortcuts first, then its
 * ancestors', until one of them acts (a disabled action does not). */
static void
press (Fixture    *fixture,
       const char *accelerator)
{
  g_autoptr (GtkShortcutTrigger) wanted = gtk_shortcut_trigger_parse_string (accelerator);
  GtkWidget *widget = GTK_WIDGET (byline_rich_text_view_get_text_view (fixture->view));

  for (; widget != NULL; widget = gtk_widget_get_parent (widget))
    {
      if (activate_shortcut (widget, wanted))
        return;
    }
  g_assert_not_reached ();
}

static void
assert_html (Fixture    *fixture,
             const char *expected)
{
  g_autofree char *html = editor_html (fixture);

  g_assert_cmpstr (html, ==, expected);
}

static void
test_undo_bold (Fixture       *fixture,
                gconstpointer  data)
{
  open_story_with_body (fixture, "<p>Hello world</p>");
  select_offsets (fixture->buffer, 6, 11);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->view), "format.bold", NULL));
  assert_html (fixture, "<p>Hello <strong>world</strong></p>");

  press (fixture, "<Control>z");
  assert_html (fixture, "<p>Hello world</p>");
  press (fixture, "<Control><Shift>z");
  assert_html (fixture, "<p>Hello <strong>world</strong></p>");
  /* The word is selected again, as it was when it was made bold. */
  g_assert_true (gtk_text_buffer_get_has_selection (fixture->buffer));
  press (fixture, "<Control>z");
  assert_html (fixture, "<p>Hello world</p>");
  g_assert_false (byline_rich_text_buffer_get_can_undo (byline_rich_text_view_get_buffer (fixture->view)));
}

static void
test_undo_heading (Fixture       *fixture,
                   gconstpointer  data)
{
  GtkTextIter iter;

  open_story_with_body (fixture, "<p>Bridge reopens</p><p>Cars cross again.</p>");
  gtk_text_buffer_get_iter_at_offset (fixture->buffer, &iter, 3);
  gtk_text_buffer_place_cursor (fixture->buffer, &iter);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->view), "format.block", "s", "h2"));
  assert_html (fixture, "<h2>Bridge reopens</h2>\n<p>Cars cross again.</p>");

  press (fixture, "<Control>z");
  assert_html (fixture, "<p>Bridge reopens</p>\n<p>Cars cross again.</p>");
  press (fixture, "<Control><Shift>z");
  assert_html (fixture, "<h2>Bridge reopens</h2>\n<p>Cars cross again.</p>");
  press (fixture, "<Control>z");
  /* Ctrl+Y redoes as well. */
  press (fixture, "<Control>y");
  assert_html (fixture, "<h2>Bridge reopens</h2>\n<p>Cars cross again.</p>");
}

/* Deleted text comes back with its formatting, lists included. */
static void
test_undo_delete_restores_formatting (Fixture       *fixture,
                                      gconstpointer  data)
{
  g_autofree char *body = NULL;

  open_story_with_body (fixture, "<p>Keep <strong>bold</strong> and <em>this</em></p><ul><li>one</li><li>two</li></ul>");
  body = editor_html (fixture);
  g_assert_nonnull (strstr (body, "<strong>bold</strong>"));
  select_offsets (fixture->buffer, 2, 16);
  gtk_text_buffer_begin_user_action (fixture->buffer);
  gtk_text_buffer_delete_selection (fixture->buffer, TRUE, TRUE);
  gtk_text_buffer_end_user_action (fixture->buffer);
  press (fixture, "<Control>z");
  assert_html (fixture, body);

  select_offsets (fixture->buffer, 14, 22);
  gtk_text_buffer_begin_user_action (fixture->buffer);
  gtk_text_buffer_delete_selection (fixture->buffer, TRUE, TRUE);
  gtk_text_buffer_end_user_action (fixture->buffer);
  press (fixture, "<Control>z");
  assert_html (fixture, body);
  press (fixture, "<Control><Shift>z");
  press (fixture, "<Control>z");
  assert_html (fixture, body);
}

/* Typed characters are undone a word at a time, each with the spaces after it. */
static void
test_undo_typing_by_words (Fixture       *fixture,
                           gconstpointer  data)
{
  const char *typed = "New words";

  open_story_with_body (fixture, "<p>Start</p>");
  move_to_end (fixture->buffer);
  type_text (fixture->buffer, " ");
  for (const char *c = typed; *c != '\0'; c++)
    {
      char character[2] = { *c, '\0' };

      type_text (fixture->buffer, character);
    }
  assert_html (fixture, "<p>Start New words</p>");
  press (fixture, "<Control>z");
  assert_html (fixture, "<p>Start New </p>");
  press (fixture, "<Control>z");
  assert_html (fixture, "<p>Start </p>");
  press (fixture, "<Control>z");
  assert_html (fixture, "<p>Start</p>");
  for (int i = 0; i < 3; i++)
    press (fixture, "<Control><Shift>z");
  assert_html (fixture, "<p>Start New words</p>");
}

/* The format toolbar */

static GtkWidget *
find_descendant (GtkWidget *widget,
                 GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_descendant (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
menu_has_items (gpointer menu)
{
  return g_menu_model_get_n_items (menu) > 0;
}

/* At 1280 × 800 with the story list and the credit panel shown, the bar fits the
 * editor without scrolling: some groups move to the overflow menu, which offers them. */
static void
test_toolbar_fits_beside_panes (Fixture       *fixture,
                                gconstpointer  data)
{
  BylineFormatToolbar *toolbar =
    BYLINE_FORMAT_TOOLBAR (find_descendant (GTK_WIDGET (fixture->view), BYLINE_TYPE_FORMAT_TOOLBAR));
  GtkWidget *scrolled = gtk_widget_get_ancestor (GTK_WIDGET (toolbar), GTK_TYPE_SCROLLED_WINDOW);
  GMenuModel *overflow = byline_format_toolbar_get_overflow_menu (toolbar);
  GtkAdjustment *scroll;
  guint collapsed;

  g_object_set (fixture->window, "show-story-list", TRUE, "show-credit-panel", TRUE, NULL);
  gtk_window_unmaximize (GTK_WINDOW (fixture->window));
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 1280, 800);
  open_story_with_body (fixture, "<p>Hello world</p>");
  byline_test_wait_until (never, NULL, 300);

  scroll = gtk_scrolled_window_get_hadjustment (GTK_SCROLLED_WINDOW (scrolled));
  g_assert_cmpfloat (gtk_adjustment_get_upper (scroll), <=, gtk_adjustment_get_page_size (scroll));
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (toolbar)), <=, gtk_widget_get_width (scrolled));
  collapsed = byline_format_toolbar_get_collapsed_count (toolbar);
  g_assert_cmpuint (collapsed, >, 0);
  g_assert_true (byline_test_wait_until (menu_has_items, overflow, 2000));

  /* Without the side panes there is room for more of the bar. */
  g_object_set (fixture->window, "show-story-list", FALSE, "show-credit-panel", FALSE, NULL);
  byline_test_wait_until (never, NULL, 300);
  g_assert_cmpuint (byline_format_toolbar_get_collapsed_count (toolbar), <, collapsed);
}

static gboolean
tag_at_sets (GtkTextBuffer *buffer,
             const char    *needle,
             int            delta,
             const char    *property)
{
  g_autoptr (GSList) tags = NULL;
  GtkTextIter iter, match;
  gboolean set = FALSE;
  GSList *l;

  gtk_text_buffer_get_start_iter (buffer, &iter);
  if (!gtk_text_iter_forward_search (&iter, needle, 0, &match, NULL, NULL))
    return FALSE;
  gtk_text_iter_forward_chars (&match, delta);
  tags = gtk_text_iter_get_tags (&match);
  for (l = tags; l != NULL && !set; l = l->next)
    g_object_get (l->data, property, &set, NULL);
  return set;
}

static gboolean
element_name_is_bold (gpointer source)
{
  return tag_at_sets (source, "<p", 1, "weight-set");
}

static void
count_text_colour (GtkTextTag *tag,
                   gpointer    data)
{
  gboolean foreground_set = TRUE;

  g_object_get (tag, "foreground-set", &foreground_set, NULL);
  if (foreground_set)
    (*(guint *) data)++;
}

/* GTK 4.8's AT-SPI code reads the write-only "foreground" of a tag with
 * "foreground-set" when a screen reader asks for the formatting of its text,
 * and crashes; backgrounds it reads through "background-rgba", safely. The
 * HTML source mode must highlight without text colours, and still highlight. */
static void
test_source_mode_no_text_colour (Fixture       *fixture,
                                 gconstpointer  data)
{
  GtkTextBuffer *source;
  GtkTextIter start;
  guint coloured = 0;

  open_story_with_body (fixture, "<!-- wp:paragraph -->\n<p class=\"lead\">Bridge &amp; river (<em>open</em>)</p>\n"
                                 "<!-- /wp:paragraph -->\n<h2>Traffic</h2>");
  g_object_set (fixture->view, "source-mode", TRUE, NULL);
  source = gtk_text_view_get_buffer (byline_rich_text_view_get_source_view (fixture->view));
  gtk_text_buffer_get_start_iter (source, &start);
  gtk_text_buffer_place_cursor (source, &start);
  g_assert_true (byline_test_wait_until (element_name_is_bold, source, 5000));
  byline_test_wait_until (never, NULL, 100);

  g_assert_true (tag_at_sets (source, "class", 0, "style-set"));
  g_assert_true (tag_at_sets (source, "\"lead\"", 1, "background-set"));
  g_assert_true (tag_at_sets (source, "wp:paragraph", 0, "style-set"));
  g_assert_true (tag_at_sets (source, "Traffic", 0, "weight-set"));
  gtk_text_tag_table_foreach (gtk_text_buffer_get_tag_table (source), count_text_colour, &coloured);
  g_assert_cmpuint (coloured, ==, 0);
}

static GtkWidget *
focus_after (GtkWidget        *root,
             GtkDirectionType  direction)
{
  g_assert_true (gtk_widget_child_focus (root, direction));
  return gtk_root_get_focus (GTK_ROOT (root));
}

static gboolean
is_within (GtkWidget *focus,
           GtkWidget *widget)
{
  return focus == widget || gtk_widget_is_ancestor (focus, widget);
}

/* Tab passes over the formatting toolbar: from the dek the body is two presses
 * away, the expander of the byline, tags and categories between. Shift+Tab leads
 * into the toolbar, at the button last used; the arrows move inside it, and Tab
 * and Shift+Tab leave it. */
static void
test_tab_from_dek_to_body (Fixture       *fixture,
                           gconstpointer  data)
{
  BylineStoryEditor *editor = byline_window_get_story_editor (fixture->window);
  GtkWidget *root = GTK_WIDGET (fixture->window);
  GtkWidget *headline = GTK_WIDGET (byline_story_editor_get_headline_editable (editor));
  GtkWidget *body = GTK_WIDGET (byline_rich_text_view_get_text_view (fixture->view));
  GtkWidget *toolbar = find_descendant (GTK_WIDGET (fixture->view), BYLINE_TYPE_FORMAT_TOOLBAR);
  GtkWidget *focus, *button;
  guint presses = 0;

  open_story_with_body (fixture, "<p>Body</p>");
  gtk_widget_grab_focus (headline);
  focus = focus_after (root, GTK_DIR_TAB_FORWARD);
  g_assert_true (GTK_IS_ENTRY (gtk_widget_get_ancestor (focus, GTK_TYPE_ENTRY)));
  g_assert_false (is_within (focus, headline));
  while (!is_within (focus, body) && presses < 30)
    {
      focus = focus_after (root, GTK_DIR_TAB_FORWARD);
      g_assert_false (is_within (focus, toolbar));
      presses++;
    }
  g_assert_cmpuint (presses, ==, 2);

  button = focus_after (root, GTK_DIR_TAB_BACKWARD);
  g_assert_true (is_within (button, toolbar));
  focus = focus_after (root, GTK_DIR_RIGHT);
  g_assert_true (is_within (focus, toolbar));
  g_assert_true (focus != button);
  g_assert_true (is_within (focus_after (root, GTK_DIR_TAB_FORWARD), body));
  g_assert_true (focus_after (root, GTK_DIR_TAB_BACKWARD) == focus);
  g_assert_false (is_within (focus_after (root, GTK_DIR_TAB_BACKWARD), toolbar));
}

/* With the byline, tags and categories shown, the body follows the categories. */
static void
test_tab_from_tags_to_body (Fixture       *fixture,
                            gconstpointer  data)
{
  BylineStoryEditor *editor = byline_window_get_story_editor (fixture->window);
  GtkWidget *root = GTK_WIDGET (fixture->window);
  GtkWidget *tags = GTK_WIDGET (byline_story_editor_get_tags_editable (editor));
  GtkWidget *body = GTK_WIDGET (byline_rich_text_view_get_text_view (fixture->view));
  GtkWidget *focus;
  guint presses = 0;

  open_story_with_body (fixture, "<p>Body</p>");
  gtk_expander_set_expanded (GTK_EXPANDER (find_descendant (GTK_WIDGET (editor), GTK_TYPE_EXPANDER)), TRUE);
  byline_test_wait_until (never, NULL, 50);
  gtk_widget_grab_focus (tags);
  do
    {
      focus = focus_after (root, GTK_DIR_TAB_FORWARD);
      presses++;
    }
  while (!is_within (focus, body) && presses < 30);
  g_assert_cmpuint (presses, ==, 2);
}

/* G_TEST_OPTION_ISOLATE_DIRS hides GtkSourceView's language definitions too,
 * and the HTML source mode is highlighted with the system's "html". */
static GStrv
system_language_spec_dirs (void)
{
  const char * const *data_dirs = g_get_system_data_dirs ();
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; data_dirs[i] != NULL; i++)
    {
      g_autofree char *dir = g_build_filename (data_dirs[i], "gtksourceview-5", "language-specs", NULL);

      g_strv_builder_add (builder, dir);
    }
  return g_strv_builder_end (builder);
}

/* The export done between keystrokes starts again after any edit to the
 * text or to its formatting, and only a complete one is handed over. */
static void
test_export_in_slices_follows_edits (Fixture       *fixture,
                                     gconstpointer  data)
{
  BylineRichTextBuffer *buffer;
  g_autoptr (GString) body = g_string_new (NULL);
  g_autofree char *saved = NULL;
  g_autofree char *whole = NULL;

  for (guint i = 0; i < 400; i++)
    g_string_append_printf (body, "<p>Paragraph %u of the council report.</p>", i);
  open_story_with_body (fixture, body->str);
  buffer = byline_rich_text_view_get_buffer (fixture->view);

  g_assert_false (byline_rich_text_buffer_save_step (buffer, 0));
  g_assert_null (byline_rich_text_buffer_take_saved (buffer));
  move_to_end (fixture->buffer);
  type_text (fixture->buffer, " Amended.");
  g_assert_false (byline_rich_text_buffer_save_step (buffer, 0));
  select_offsets (fixture->buffer, 0, 9);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->view), "format.bold", NULL));

  while (!byline_rich_text_buffer_save_step (buffer, 0))
    ;
  saved = byline_rich_text_buffer_take_saved (buffer);
  whole = byline_rich_text_buffer_save (buffer);
  g_assert_cmpstr (saved, ==, whole);
  g_assert_nonnull (strstr (saved, "<strong>Paragraph</strong>"));
  g_assert_nonnull (strstr (saved, "Amended.</p>"));
  g_assert_null (byline_rich_text_buffer_take_saved (buffer));
}

static void
add_test (const char *path,
          void (*test) (Fixture *, gconstpointer))
{
  g_test_add (path, Fixture, NULL, fixture_set_up, test, fixture_tear_down);
}

int
main (int   argc,
      char *argv[])
{
  g_auto (GStrv) language_spec_dirs = system_language_spec_dirs ();

  byline_test_keep_system_mime_database ();
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  gtk_init ();
  adw_init ();
  byline_ui_register_resource ();
  gtk_source_language_manager_set_search_path (gtk_source_language_manager_get_default (),
                                               (const char * const *) language_spec_dirs);

  add_test ("/editor/format/bold-action", test_bold_action);
  add_test ("/editor/format/enter-makes-paragraph", test_enter_makes_paragraph);
  add_test ("/editor/format/blocks-and-lists", test_blocks_and_lists);
  add_test ("/editor/format/link", test_link);
  add_test ("/editor/format/pullquote", test_pullquote);
  add_test ("/editor/roundtrip/sample-story", test_sample_round_trip);
  add_test ("/editor/toolbar/follows-cursor", test_toolbar_follows_cursor);
  add_test ("/editor/status/word-count", test_word_count);
  add_test ("/editor/status/word-count-follows-edits", test_word_count_follows_edits);
  add_test ("/editor/status/word-count-in-slices", test_word_count_in_slices);
  add_test ("/editor/status/waits-for-typing-pause", test_status_waits_for_typing_pause);
  add_test ("/editor/save/export-in-slices-follows-edits", test_export_in_slices_follows_edits);
  g_test_add ("/editor/save/bad-body-not-overwritten", Fixture, GUINT_TO_POINTER (1000), fixture_set_up,
              test_bad_body_not_overwritten, fixture_tear_down);
  g_test_add ("/editor/save/deep-nesting-10000-not-overwritten", Fixture, GUINT_TO_POINTER (10000), fixture_set_up,
              test_bad_body_not_overwritten, fixture_tear_down);
  add_test ("/editor/save/within-a-second", test_autosave_within_a_second);
  add_test ("/editor/paste/sanitized", test_paste_sanitized);
  add_test ("/editor/paste/plain-paragraphs", test_plain_paste_paragraphs);
  add_test ("/editor/source-mode/round-trip", test_source_mode);
  add_test ("/editor/find/replace", test_find_replace);
  add_test ("/editor/lists/markers", test_list_markers);
  add_test ("/editor/lists/numbers-follow-edits", test_list_numbers_follow_edits);
  add_test ("/editor/format/enter-leaves-container", test_enter_leaves_container);
  add_test ("/editor/figure/drop", test_figure_drop);
  add_test ("/editor/figure/caption-and-credit", test_figure_caption_and_credit);
  add_test ("/editor/figure/from-credit-panel", test_figure_from_credit_panel);
  add_test ("/editor/embed/block", test_embed_block);
  add_test ("/editor/spelling/marks-misspelled", test_spelling_marks_misspelled);
  add_test ("/editor/spelling/language-per-story", test_spelling_language_per_story);
  add_test ("/editor/toolbar/fits-beside-panes", test_toolbar_fits_beside_panes);
  add_test ("/editor/undo/bold", test_undo_bold);
  add_test ("/editor/undo/heading", test_undo_heading);
  add_test ("/editor/undo/delete-restores-formatting", test_undo_delete_restores_formatting);
  add_test ("/editor/undo/typing-by-words", test_undo_typing_by_words);
  add_test ("/editor/source-mode/no-text-colour", test_source_mode_no_text_colour);
  add_test ("/editor/keyboard/tab-from-dek-to-body", test_tab_from_dek_to_body);
  add_test ("/editor/keyboard/tab-from-tags-to-body", test_tab_from_tags_to_body);

  return g_test_run ();
}
