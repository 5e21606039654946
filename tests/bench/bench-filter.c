/* bench-filter.c: how long the story list takes to filter, keystroke by keystroke
 *
 *   bench-filter --store newsroom.db [--query "bridge council"] [--rounds 3]
 *
 * Opens the store, shows the real BylineStoryList in a window and types the
 * query into its search entry one character at a time, then empties the
 * entry; this several times over. For each keystroke two times are taken
 * from the moment the character is typed: until the list has taken the
 * new text in and filtered (the filtering itself), and until
 * the window has painted the result (the frame the user sees). The very
 * first search meets cold caches, so it is kept apart from the others as
 * well as counted in the worst case.
 *
 * Typing starts once the list has settled: after the first frame, when the
 * main loop has run out of work, the list's search index included. How long
 * that took is a figure of its own.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <locale.h>

#include "byline-ui-resources.h"
#include "store/byline-store.h"
#include "widgets/byline-story-list.h"

/* More than a frame interval, so that the frame after a keystroke is never
 * held back by the frame clock's pacing; people type slower than this. */
#define PAUSE_BETWEEN_KEYSTROKES_MS 50
#define FRAME_TIMEOUT_MS            2000

typedef struct
{
  GtkWindow          *window;
  BylineStoryList    *story_list;
  GtkSearchEntry     *search_entry;
  guint               frames_painted;
  guint               searches_done;
} Bench;

typedef struct
{
  GArray *filter_ms;
  GArray *frame_ms;
} Samples;

static void
on_after_paint (Bench *bench)
{
  bench->frames_painted++;
}

static gboolean
on_timeout (gpointer user_data)
{
  gboolean *timed_out = user_data;

  *timed_out = TRUE;
  return G_SOURCE_REMOVE;
}

static void
run_main_loop_for (guint milliseconds)
{
  gboolean timed_out = FALSE;

  g_timeout_add (milliseconds, on_timeout, &timed_out);
  while (!timed_out)
    g_main_context_iteration (NULL, TRUE);
}

static gboolean
wait_for_frame (Bench *bench,
                guint  frames_before)
{
  gboolean timed_out = FALSE;
  guint source = g_timeout_add (FRAME_TIMEOUT_MS, on_timeout, &timed_out);

  while (bench->frames_painted == frames_before && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  if (!timed_out)
    g_source_remove (source);
  return !timed_out;
}

static void
on_search_changed (Bench *bench)
{
  bench->searches_done++;
}

static void
wait_for_search (Bench *bench,
                 guint  searches_before)
{
  while (bench->searches_done == searches_before)
    g_main_context_iteration (NULL, TRUE);
}

/* Changes the entry's text as the user would, by typing one more character
 * at its end or by emptying it, and returns the two times. */
static void
search (Bench      *bench,
        const char *typed,
        double     *filter_ms,
        double     *frame_ms)
{
  GtkEditable *entry = GTK_EDITABLE (bench->search_entry);
  guint frames_before = bench->frames_painted;
  guint searches_before = bench->searches_done;
  gint64 start = g_get_monotonic_time ();
  int position = -1;

  if (typed == NULL)
    gtk_editable_set_text (entry, "");
  else
    gtk_editable_insert_text (entry, typed, -1, &position);
  wait_for_search (bench, searches_before);
  *filter_ms = (g_get_monotonic_time () - start) / (double) G_TIME_SPAN_MILLISECOND;

  /* The entry's new text alone would schedule a frame; this makes sure of
   * it when the list happens to look the same. */
  gtk_widget_queue_draw (GTK_WIDGET (bench->story_list));
  *frame_ms = wait_for_frame (bench, frames_before)
                ? (g_get_monotonic_time () - start) / (double) G_TIME_SPAN_MILLISECOND
                : -1;
  run_main_loop_for (PAUSE_BETWEEN_KEYSTROKES_MS);
}

static void
samples_add (Samples *samples,
             double   filter_ms,
             double   frame_ms)
{
  g_array_append_val (samples->filter_ms, filter_ms);
  g_array_append_val (samples->frame_ms, frame_ms);
}

static void
type_query (Bench      *bench,
            const char *query,
            Samples    *keystrokes)
{
  for (const char *c = query; *c != '\0'; c = g_utf8_next_char (c))
    {
      g_autofree char *typed = g_strndup (c, g_utf8_next_char (c) - c);
      double filter_ms, frame_ms;

      search (bench, typed, &filter_ms, &frame_ms);
      samples_add (keystrokes, filter_ms, frame_ms);
    }
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return (x > y) - (x < y);
}

/* Returns the median and the worst of @values, leaving out the first @skip. */
static void
summarise (GArray *values,
           guint   skip,
           double *median,
           double *worst)
{
  g_autoptr (GArray) sorted = g_array_new (FALSE, FALSE, sizeof (double));

  for (guint i = skip; i < values->len; i++)
    g_array_append_val (sorted, g_array_index (values, double, i));
  g_array_sort (sorted, compare_doubles);
  *median = sorted->len > 0 ? g_array_index (sorted, double, sorted->len / 2) : -1;
  *worst = sorted->len > 0 ? g_array_index (sorted, double, sorted->len - 1) : -1;
}

static void
print_samples (const char *what,
               const char *size,
               Samples    *samples)
{
  double median, worst, warm_median, warm_worst;

  summarise (samples->filter_ms, 0, &median, &worst);
  summarise (samples->filter_ms, 1, &warm_median, &warm_worst);
  g_print ("filter-%s-median-%s: %.2f ms\n", what, size, median);
  g_print ("filter-%s-worst-%s: %.2f ms\n", what, size, worst);
  g_print ("filter-%s-worst-after-first-%s: %.2f ms\n", what, size, warm_worst);
  summarise (samples->frame_ms, 0, &median, &worst);
  g_print ("filter-%s-to-frame-median-%s: %.2f ms\n", what, size, median);
  g_print ("filter-%s-to-frame-worst-%s: %.2f ms\n", what, size, worst);
}

static GtkWidget *
find_search_entry (GtkWidget *widget)
{
  if (GTK_IS_SEARCH_ENTRY (widget))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_search_entry (child);
      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Typing goes through the story list's own search entry. Its delay before
 * searching (150 ms) is there by design and would hide the work done for
 * each keystroke, so it is turned off here. Connected after the list's own
 * handler, the counter tells when the list has taken the new text in. */
static gboolean
watch_search_entry (Bench *bench)
{
  bench->search_entry = GTK_SEARCH_ENTRY (find_search_entry (GTK_WIDGET (bench->story_list)));
  if (bench->search_entry == NULL)
    return FALSE;
  gtk_search_entry_set_search_delay (bench->search_entry, 0);
  g_signal_connect_swapped (bench->search_entry, "search-changed", G_CALLBACK (on_search_changed), bench);
  return TRUE;
}

static void
create_window (Bench       *bench,
               BylineStore *store,
               const char  *size)
{
  gint64 start;

  bench->window = GTK_WINDOW (gtk_window_new ());
  bench->story_list = BYLINE_STORY_LIST (byline_story_list_new ());
  gtk_window_set_default_size (bench->window, 400, 800);
  gtk_window_set_child (bench->window, GTK_WIDGET (bench->story_list));
  start = g_get_monotonic_time ();
  byline_story_list_set_store (bench->story_list, store);
  g_print ("story-list-set-store-%s: %.1f ms\n", size,
           (g_get_monotonic_time () - start) / (double) G_TIME_SPAN_MILLISECOND);
}

static gboolean
on_settled (gpointer user_data)
{
  gboolean *settled = user_data;

  *settled = TRUE;
  return G_SOURCE_REMOVE;
}

/* An idle source below every priority the application uses only runs once
 * nothing else is waiting. */
static void
wait_until_settled (void)
{
  gboolean settled = FALSE;

  g_idle_add_full (G_PRIORITY_LOW + 100, on_settled, &settled, NULL);
  while (!settled)
    g_main_context_iteration (NULL, TRUE);
}

static void
show_window (Bench      *bench,
             const char *size)
{
  gint64 start = g_get_monotonic_time ();

  gtk_window_present (bench->window);
  g_signal_connect_swapped (gtk_widget_get_frame_clock (GTK_WIDGET (bench->window)), "after-paint",
                            G_CALLBACK (on_after_paint), bench);
  wait_for_frame (bench, 0);
  wait_until_settled ();
  g_print ("story-list-settled-after-showing-%s: %.1f ms\n", size,
           (g_get_monotonic_time () - start) / (double) G_TIME_SPAN_MILLISECOND);
  run_main_loop_for (PAUSE_BETWEEN_KEYSTROKES_MS);
}

static char *
describe_size (guint n_stories)
{
  if (n_stories >= 1000 && n_stories % 1000 == 0)
    return g_strdup_printf ("%uk-stories", n_stories / 1000);
  return g_strdup_printf ("%u-stories", n_stories);
}

static BylineStore *
open_store (const char  *path,
            char       **size,
            GError     **error)
{
  gint64 start = g_get_monotonic_time ();
  BylineStore *store = byline_store_open (path, error);

  if (store == NULL)
    return NULL;
  *size = describe_size (g_list_model_get_n_items (byline_store_get_stories (store)));
  g_print ("store-open-%s: %.1f ms\n", *size,
           (g_get_monotonic_time () - start) / (double) G_TIME_SPAN_MILLISECOND);
  return store;
}

static void
run_rounds (Bench      *bench,
            const char *query,
            int         n_rounds,
            const char *size)
{
  Samples keystrokes = { g_array_new (FALSE, FALSE, sizeof (double)),
                         g_array_new (FALSE, FALSE, sizeof (double)) };
  Samples clears = { g_array_new (FALSE, FALSE, sizeof (double)),
                     g_array_new (FALSE, FALSE, sizeof (double)) };

  for (int round = 0; round < n_rounds; round++)
    {
      double filter_ms, frame_ms;

      type_query (bench, query, &keystrokes);
      search (bench, NULL, &filter_ms, &frame_ms);
      samples_add (&clears, filter_ms, frame_ms);
    }

  g_print ("filter-first-keystroke-%s: %.2f ms\n", size,
           g_array_index (keystrokes.filter_ms, double, 0));
  print_samples ("keystroke", size, &keystrokes);
  print_samples ("clear", size, &clears);
  g_array_unref (keystrokes.filter_ms);
  g_array_unref (keystrokes.frame_ms);
  g_array_unref (clears.filter_ms);
  g_array_unref (clears.frame_ms);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr (GOptionContext) context = g_option_context_new ("— time the story list's search");
  g_autoptr (GError) error = NULL;
  g_autoptr (BylineStore) store = NULL;
  g_autofree char *store_path = NULL;
  g_autofree char *query = g_strdup ("bridge council");
  g_autofree char *size = NULL;
  int n_rounds = 3;
  Bench bench = { 0 };
  const GOptionEntry entries[] = {
    { "store", 0, 0, G_OPTION_ARG_FILENAME, &store_path, "The newsroom database", "PATH" },
    { "query", 0, 0, G_OPTION_ARG_STRING, &query, "What to type (default “bridge council”)", "TEXT" },
    { "rounds", 0, 0, G_OPTION_ARG_INT, &n_rounds, "How often to type it (default 3)", "N" },
    { NULL }
  };

  setlocale (LC_ALL, "");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }
  if (store_path == NULL || !g_file_test (store_path, G_FILE_TEST_IS_REGULAR) ||
      query == NULL || *query == '\0' || n_rounds < 1)
    {
      g_printerr ("Give --store with an existing newsroom database, a non-empty --query "
                  "and --rounds ≥ 1.\n");
      return 2;
    }

  gtk_init ();
  adw_init ();
  byline_ui_register_resource ();

  store = open_store (store_path, &size, &error);
  if (store == NULL)
    {
      g_printerr ("Could not open %s: %s\n", store_path, error->message);
      return 1;
    }
  create_window (&bench, store, size);
  if (!watch_search_entry (&bench))
    {
      g_printerr ("The story list has no search entry to type into.\n");
      return 1;
    }
  show_window (&bench, size);
  run_rounds (&bench, query, n_rounds, size);
  gtk_window_destroy (bench.window);
  return 0;
}
