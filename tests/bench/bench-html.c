/* bench-html.c: opening and saving a long story, and round-trip fidelity
 *
 * Prints "name: value unit" lines. Times are the median of several runs.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gtk/gtk.h>
#include <stdlib.h>

#include "html/byline-html.h"

#define N_WORDS 50000
#define N_RUNS 7

static const char *const words[] = {
  "the", "council", "bridge", "reopened", "at", "dawn", "on", "Tuesday", "engineers",
  "replaced", "bearings", "commuters", "ferry", "crossing", "said", "résumé", "café",
};

static void
append_paragraph (GString *html,
                  GRand   *rand,
                  guint    n_words)
{
  g_string_append (html, "<p>");
  for (guint i = 0; i < n_words; i++)
    {
      const char *word = words[g_rand_int_range (rand, 0, G_N_ELEMENTS (words))];
      guint style = g_rand_int_range (rand, 0, 40);

      if (i > 0)
        g_string_append_c (html, ' ');
      if (style == 0)
        g_string_append_printf (html, "<strong>%s</strong>", word);
      else if (style == 1)
        g_string_append_printf (html, "<a href=\"https://example.com/%s\">%s</a>", word, word);
      else
        g_string_append (html, word);
    }
  g_string_append (html, "</p>\n");
}

/* About a newspaper long-read: paragraphs of 60 words, a heading, list or embed now and then. */
static char *
long_story (void)
{
  g_autoptr (GRand) rand = g_rand_new_with_seed (50000);
  GString *html = g_string_new (NULL);

  for (guint n_words = 0, block = 0; n_words < N_WORDS; block++)
    {
      if (block % 20 == 19)
        g_string_append (html, "<h2>Section heading</h2>\n<ul><li>one point</li><li>another point</li></ul>\n"
                               "<!-- wp:html --><table><tr><td>kept</td></tr></table><!-- /wp:html -->\n");
      append_paragraph (html, rand, 60);
      n_words += 60;
    }
  return g_string_free (html, FALSE);
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static double
median (double *values)
{
  qsort (values, N_RUNS, sizeof *values, compare_doubles);
  return values[N_RUNS / 2];
}

static void
bench_open_and_export (void)
{
  g_autofree char *html = long_story ();
  double open_ms[N_RUNS], export_ms[N_RUNS];

  for (guint run = 0; run < N_RUNS; run++)
    {
      g_autoptr (GtkTextBuffer) buffer = gtk_text_buffer_new (NULL);
      g_autofree char *exported = NULL;
      gint64 start = g_get_monotonic_time ();

      byline_html_import (buffer, html, -1, NULL);
      open_ms[run] = (g_get_monotonic_time () - start) / 1000.0;
      start = g_get_monotonic_time ();
      exported = byline_html_export (buffer);
      export_ms[run] = (g_get_monotonic_time () - start) / 1000.0;
    }
  g_print ("html-open-%d-words: %.1f ms\n", N_WORDS, median (open_ms));
  g_print ("html-export-%d-words: %.1f ms\n", N_WORDS, median (export_ms));
}

static gboolean
round_trips (const char *path)
{
  g_autoptr (GtkTextBuffer) buffer = gtk_text_buffer_new (NULL);
  g_autofree char *html = NULL;
  g_autofree char *exported = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *actual = NULL;

  if (!g_file_get_contents (path, &html, NULL, NULL) || !byline_html_import (buffer, html, -1, NULL))
    return FALSE;
  exported = byline_html_export (buffer);
  expected = byline_html_normalize (html, -1, NULL);
  actual = byline_html_normalize (exported, -1, NULL);
  return g_strcmp0 (expected, actual) == 0;
}

static void
bench_fidelity (const char *folder)
{
  g_autoptr (GDir) dir = g_dir_open (folder, 0, NULL);
  guint exact = 0, total = 0;
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (folder, name, NULL);

      if (!g_str_has_suffix (name, ".html"))
        continue;
      total++;
      exact += round_trips (path);
    }
  g_print ("html-roundtrip-fidelity: %u/%u documents\n", exact, total);
}

int
main (int   argc,
      char *argv[])
{
  bench_open_and_export ();
  bench_fidelity (argc > 1 ? argv[1] : HTML_CORPUS_DIR);
  return 0;
}
