/* bench-editor.c: opening a long story in the editor and typing into it
 *
 * Runs the real rich-text view in a window (under Xvfb when there is no display) and
 * prints "name: value unit" lines: opening a 50,000-word story until its first frame
 * is painted, and the time from a typed character to the end of the frame that shows it.
 * Typing is timed in the rich-text view alone, and then in Byline's window with the story
 * open from a store, where each burst of typing is also saved and moves the story up the
 * list.
 * On a busy machine the wall-clock figures include waiting for a processor; the "cpu"
 * figures count only the work the editor's thread did for the keystroke.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdlib.h>
#include <time.h>

#include <glib/gstdio.h>

#include "byline-ui-resources.h"
#include "store/byline-store.h"
#include "widgets/byline-rich-text-view-private.h"
#include "widgets/byline-story-editor-private.h"
#include "widgets/byline-window-private.h"

#define N_WORDS 50000
#define N_KEYSTROKES 100
/* A fast typist's pace: the editor gets the time between keys that a writer gives it. */
#define KEYSTROKE_INTERVAL_MS 60
/* GtkTextView lays out a long story in the background for some seconds after it opens;
 * typing is measured both during that and once it is done. */
#define SOON_AFTER_OPENING_MS 500
#define LAYOUT_SETTLED_MS 15000

static const char *const words[] = {
  "the", "council", "bridge", "reopened", "at", "dawn", "on", "Tuesday", "engineers", "replaced",
  "bearings", "commuters", "ferry", "crossing", "said", "résumé", "café", "river", "mayor", "budget",
  "inspection", "traffic", "residents", "announced", "weeks", "steel", "cables", "repairs",
};

static const char *
random_word (GRand *rand)
{
  return words[g_rand_int_range (rand, 0, G_N_ELEMENTS (words))];
}

static void
append_words (GString *html,
              GRand   *rand,
              guint    n_words)
{
  for (guint i = 0; i < n_words; i++)
    {
      const char *word = random_word (rand);
      guint style = g_rand_int_range (rand, 0, 30);

      if (i > 0)
        g_string_append_c (html, ' ');
      if (style == 0)
        g_string_append_printf (html, "<strong>%s</strong>", word);
      else if (style == 1)
        g_string_append_printf (html, "<em>%s</em>", word);
      else if (style == 2)
        g_string_append_printf (html, "<a href=\"https://example.com/%s\">%s</a>", word, word);
      else
        g_string_append (html, word);
    }
}

static guint
append_list (GString    *html,
             GRand      *rand,
             const char *element)
{
  g_string_append_printf (html, "<%s>", element);
  for (guint i = 0; i < 4; i++)
    {
      g_string_append (html, "<li>");
      append_words (html, rand, 8);
      g_string_append (html, "</li>");
    }
  g_string_append_printf (html, "</%s>\n", element);
  return 4 * 8;
}

static guint
append_block (GString *html,
              GRand   *rand,
              guint    block)
{
  guint n_words = g_rand_int_range (rand, 30, 90);

  if (block % 12 == 11)
    {
      g_string_append (html, "<h2>");
      append_words (html, rand, 5);
      g_string_append (html, "</h2>\n");
      return 5;
    }
  if (block % 17 == 16)
    return append_list (html, rand, block % 2 == 0 ? "ul" : "ol");
  if (block % 29 == 28)
    {
      g_string_append (html, "<blockquote><p>");
      append_words (html, rand, 25);
      g_string_append (html, "</p></blockquote>\n");
      return 25;
    }
  g_string_append (html, "<p>");
  append_words (html, rand, n_words);
  g_string_append (html, "</p>\n");
  return n_words;
}

/* A newspaper long-read: paragraphs of uneven length, with headings, lists and quotes. */
static char *
long_story (void)
{
  g_autoptr (GRand) rand = g_rand_new_with_seed (N_WORDS);
  GString *html = g_string_new (NULL);

  for (guint n_words = 0, block = 0; n_words < N_WORDS; block++)
    n_words += append_block (html, rand, block);
  return g_string_free (html, FALSE);
}

typedef struct
{
  GtkWidget          *window;
  BylineRichTextView *view;
  GtkTextBuffer      *buffer;
  GdkFrameClock      *clock;
  gboolean            painted;
  gint64              painted_at;
  gint64              painted_at_cpu;
} Bench;

typedef struct
{
  double wall_ms;
  double cpu_ms;
} Latency;

static gint64
thread_cpu_time (void)
{
  struct timespec now;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &now);
  return now.tv_sec * G_USEC_PER_SEC + now.tv_nsec / 1000;
}

static void
on_after_paint (GdkFrameClock *clock,
                Bench         *bench)
{
  bench->painted = TRUE;
  bench->painted_at = g_get_monotonic_time ();
  bench->painted_at_cpu = thread_cpu_time ();
}

static void
wait_for_paint (Bench *bench)
{
  bench->painted = FALSE;
  while (!bench->painted)
    g_main_context_iteration (NULL, TRUE);
}

static gboolean
on_pause_over (gpointer user_data)
{
  gboolean *over = user_data;

  *over = TRUE;
  return G_SOURCE_REMOVE;
}

static void
pause_ms (guint ms)
{
  gboolean over = FALSE;

  g_timeout_add (ms, on_pause_over, &over);
  while (!over)
    g_main_context_iteration (NULL, TRUE);
}

static void
show_and_watch_frames (Bench *bench)
{
  gtk_window_present (GTK_WINDOW (bench->window));
  while (!gtk_widget_get_mapped (bench->window))
    g_main_context_iteration (NULL, TRUE);
  bench->clock = gtk_widget_get_frame_clock (bench->window);
  g_signal_connect (bench->clock, "after-paint", G_CALLBACK (on_after_paint), bench);
  wait_for_paint (bench);
}

static void
present_window (Bench *bench)
{
  bench->window = gtk_window_new ();
  bench->view = BYLINE_RICH_TEXT_VIEW (byline_rich_text_view_new ());
  bench->buffer = GTK_TEXT_BUFFER (byline_rich_text_view_get_buffer (bench->view));
  gtk_window_set_default_size (GTK_WINDOW (bench->window), 1000, 760);
  gtk_window_set_child (GTK_WINDOW (bench->window), GTK_WIDGET (bench->view));
  show_and_watch_frames (bench);
}

static double
open_story (Bench      *bench,
            const char *html)
{
  gint64 start = g_get_monotonic_time ();

  byline_rich_text_view_load_html (bench->view, html);
  wait_for_paint (bench);
  return (bench->painted_at - start) / 1000.0;
}

/* Byline's window on a store of one long story, with the story open. */
static void
present_story_window (Bench       *bench,
                      const char  *html,
                      BylineStore *store)
{
  g_autoptr (BylineStory) story = byline_story_new ();
  g_autoptr (GError) error = NULL;
  BylineStoryEditor *editor;
  gboolean timed_out = FALSE;

  byline_story_set_headline (story, "Fifty thousand words on the bridge");
  byline_story_set_body (story, html);
  if (!byline_store_save_story (store, story, &error))
    g_error ("Could not store the story: %s", error->message);

  bench->window = GTK_WIDGET (byline_window_new (NULL, store));
  show_and_watch_frames (bench);

  byline_story_list_set_selected_story (byline_window_get_story_list (BYLINE_WINDOW (bench->window)), story);
  editor = byline_window_get_story_editor (BYLINE_WINDOW (bench->window));
  bench->view = byline_story_editor_get_body_editor (editor);
  bench->buffer = GTK_TEXT_BUFFER (byline_rich_text_view_get_buffer (bench->view));
  g_timeout_add (10000, on_pause_over, &timed_out);
  while (gtk_text_buffer_get_char_count (bench->buffer) < 100000 && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  if (timed_out)
    g_error ("The story did not open in the window's editor");
  wait_for_paint (bench);
}

static void
place_cursor_in_middle (Bench *bench,
                        guint  settle_ms)
{
  GtkTextView *text_view = byline_rich_text_view_get_text_view (bench->view);
  GtkTextIter middle;

  gtk_text_buffer_get_iter_at_offset (bench->buffer, &middle, gtk_text_buffer_get_char_count (bench->buffer) / 2);
  gtk_text_iter_forward_to_line_end (&middle);
  gtk_text_buffer_place_cursor (bench->buffer, &middle);
  gtk_widget_grab_focus (GTK_WIDGET (text_view));
  gtk_text_view_scroll_to_mark (text_view, gtk_text_buffer_get_insert (bench->buffer), 0.0, TRUE, 0.0, 0.5);
  pause_ms (settle_ms);
}

static Latency
type_character (Bench      *bench,
                const char *character)
{
  gint64 start, start_cpu;

  pause_ms (KEYSTROKE_INTERVAL_MS);
  start = g_get_monotonic_time ();
  start_cpu = thread_cpu_time ();
  gtk_text_buffer_insert_interactive_at_cursor (bench->buffer, character, -1, TRUE);
  wait_for_paint (bench);
  return (Latency) { (bench->painted_at - start) / 1000.0, (bench->painted_at_cpu - start_cpu) / 1000.0 };
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static void
print_latencies (const char *name,
                 double     *latency_ms)
{
  qsort (latency_ms, N_KEYSTROKES, sizeof *latency_ms, compare_doubles);
  g_print ("%s-%d-words-median: %.1f ms\n", name, N_WORDS, latency_ms[N_KEYSTROKES / 2]);
  g_print ("%s-%d-words-worst: %.1f ms\n", name, N_WORDS, latency_ms[N_KEYSTROKES - 1]);
}

static void
bench_typing (Bench      *bench,
              const char *name,
              guint       settle_ms)
{
  static const char sentence[] = "and the new span carries trams";
  g_autofree char *cpu_name = g_strconcat (name, "-cpu", NULL);
  double wall_ms[N_KEYSTROKES], cpu_ms[N_KEYSTROKES];

  place_cursor_in_middle (bench, settle_ms);
  for (guint i = 0; i < N_KEYSTROKES; i++)
    {
      char character[2] = { sentence[i % (sizeof sentence - 1)], '\0' };
      Latency latency = type_character (bench, character);

      wall_ms[i] = latency.wall_ms;
      cpu_ms[i] = latency.cpu_ms;
    }
  print_latencies (name, wall_ms);
  print_latencies (cpu_name, cpu_ms);
}

static void
remove_store_files (const char *directory,
                    const char *path)
{
  const char *suffixes[] = { "", "-wal", "-shm" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);

      g_remove (file);
    }
  g_rmdir (directory);
}

static void
bench_in_window (const char *html)
{
  g_autofree char *directory = g_dir_make_tmp ("bench-editor-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (directory, "newsroom.db", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (BylineStore) store = byline_store_open (path, &error);
  Bench bench = { 0 };

  if (store == NULL)
    g_error ("Could not open a store in %s: %s", directory, error->message);
  present_story_window (&bench, html, store);
  bench_typing (&bench, "editor-typing-in-window", SOON_AFTER_OPENING_MS);
  bench_typing (&bench, "editor-typing-in-window-settled", LAYOUT_SETTLED_MS);
  gtk_window_destroy (GTK_WINDOW (bench.window));
  pause_ms (500);
  g_clear_object (&store);
  remove_store_files (directory, path);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *html = long_story ();
  Bench bench = { 0 };

  /* build-aux/bench sets it for the startup figures; here the window stays. */
  g_unsetenv ("BYLINE_EXIT_AFTER_FIRST_FRAME");

  gtk_init ();
  adw_init ();
  byline_ui_register_resource ();
  present_window (&bench);
  g_print ("editor-open-%d-words: %.1f ms\n", N_WORDS, open_story (&bench, html));
  bench_typing (&bench, "editor-typing", SOON_AFTER_OPENING_MS);
  bench_typing (&bench, "editor-typing-settled", LAYOUT_SETTLED_MS);
  gtk_window_destroy (GTK_WINDOW (bench.window));

  bench_in_window (html);
  return 0;
}
