/* byline-roundtrip.c: HTML files through the editor's buffer and back
 *
 * For each file, or each .html file in a folder: import into a GtkTextBuffer, export,
 * and compare the two documents after normalisation. Prints a line for each file that differs, with the first
 * difference, and ends with "N of M round-trip exactly". Exits 1 unless all do.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gtk/gtk.h>
#include <string.h>

#include "html/byline-html.h"

#define SNIPPET_CHARS 60

static gsize
first_difference (const char *expected,
                  const char *actual)
{
  gsize i = 0;

  while (expected[i] != '\0' && expected[i] == actual[i])
    i++;
  while (i > 0 && (expected[i] & 0xC0) == 0x80)
    i--;
  return i;
}

static char *
snippet_at (const char *text,
            gsize       offset)
{
  g_autofree char *excerpt = g_utf8_substring (text + offset, 0,
                                               MIN (SNIPPET_CHARS, (glong) g_utf8_strlen (text + offset, -1)));

  return g_strescape (excerpt, "\u00A0“”‘’—–…");
}

static guint
line_of (const char *text,
         gsize       offset)
{
  guint line = 1;

  for (gsize i = 0; i < offset; i++)
    line += text[i] == '\n';
  return line;
}

static char *
describe_difference (const char *expected,
                     const char *actual)
{
  gsize offset = first_difference (expected, actual);
  g_autofree char *want = snippet_at (expected, offset);
  g_autofree char *got = snippet_at (actual, offset);

  return g_strdup_printf ("normalised line %u: expected \"%s\", got \"%s\"",
                          line_of (expected, offset), want, got);
}

/* NULL when the file round-trips exactly, else what went wrong. */
static char *
round_trip (const char *path)
{
  g_autoptr (GtkTextBuffer) buffer = gtk_text_buffer_new (NULL);
  g_autoptr (GError) error = NULL;
  g_autofree char *html = NULL;
  g_autofree char *exported = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *actual = NULL;
  gsize length;

  if (!g_file_get_contents (path, &html, &length, &error) ||
      !byline_html_import (buffer, html, (gssize) length, &error))
    return g_strdup (error->message);
  exported = byline_html_export (buffer);
  expected = byline_html_normalize (html, (gssize) length, NULL);
  actual = byline_html_normalize (exported, -1, NULL);
  if (g_strcmp0 (expected, actual) == 0)
    return NULL;
  return describe_difference (expected, actual);
}

static int
compare_paths (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static void
add_folder (GPtrArray  *paths,
            const char *folder)
{
  g_autoptr (GDir) dir = g_dir_open (folder, 0, NULL);
  g_autoptr (GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      if (g_str_has_suffix (name, ".html"))
        g_ptr_array_add (names, g_build_filename (folder, name, NULL));
    }
  g_ptr_array_sort (names, compare_paths);
  g_ptr_array_extend_and_steal (paths, g_steal_pointer (&names));
}

static GPtrArray *
collect_paths (int   argc,
               char *argv[])
{
  GPtrArray *paths = g_ptr_array_new_with_free_func (g_free);

  for (int i = 1; i < argc; i++)
    {
      if (g_file_test (argv[i], G_FILE_TEST_IS_DIR))
        add_folder (paths, argv[i]);
      else
        g_ptr_array_add (paths, g_strdup (argv[i]));
    }
  return paths;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr (GPtrArray) paths = NULL;
  guint exact = 0;

  if (argc < 2)
    {
      g_printerr ("Usage: %s FOLDER|FILE.html…\n", argv[0]);
      return 2;
    }
  gtk_init ();
  paths = collect_paths (argc, argv);
  for (guint i = 0; i < paths->len; i++)
    {
      g_autofree char *difference = round_trip (paths->pdata[i]);

      if (difference == NULL)
        exact++;
      else
        g_print ("%s: %s\n", (const char *) paths->pdata[i], difference);
    }
  g_print ("%u of %u round-trip exactly\n", exact, paths->len);
  return exact == paths->len ? 0 : 1;
}
