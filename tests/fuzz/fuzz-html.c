/* fuzz-html.c: libFuzzer harness for import → export → import
 *
 * Besides memory errors, it checks the law on what Byline itself wrote: exporting
 * an exported document again changes nothing.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gtk/gtk.h>
#include <stdio.h>
#include <stdlib.h>

#include "html/byline-html.h"

int LLVMFuzzerTestOneInput (const guint8 *data,
                            size_t        size);

static char *
import_export (const char *html,
               gssize      length)
{
  g_autoptr (GtkTextBuffer) buffer = gtk_text_buffer_new (NULL);

  byline_html_import (buffer, html, length, NULL);
  return byline_html_export (buffer);
}

/* abort() rather than g_error(): libFuzzer takes SIGABRT for a crash and saves the
 * input, but lets the SIGTRAP of g_error() end the run without an artifact. */
G_NORETURN static void
report_law_broken (const char *expected,
                   const char *actual)
{
  fprintf (stderr, "Exporting an export changed it:\n%s\n---\n%s\n", expected, actual);
  abort ();
}

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autofree char *first = import_export ((const char *) data, (gssize) size);
  g_autofree char *second = import_export (first, -1);
  g_autofree char *expected = byline_html_normalize (first, -1, NULL);
  g_autofree char *actual = byline_html_normalize (second, -1, NULL);

  if (g_strcmp0 (expected, actual) != 0)
    report_law_broken (expected, actual);
  return 0;
}
