/* fuzz-html.c: libFuzzer harness for import → export → import
 *
 * Besides memory errors, it checks the law on what Byline itself wrote: exporting
 * an exported document again changes nothing.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gtk/gtk.h>

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

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autofree char *first = import_export ((const char *) data, (gssize) size);
  g_autofree char *second = import_export (first, -1);
  g_autofree char *expected = byline_html_normalize (first, -1, NULL);
  g_autofree char *actual = byline_html_normalize (second, -1, NULL);

  if (g_strcmp0 (expected, actual) != 0)
    g_error ("Exporting an export changed it:\n%s\n---\n%s", expected, actual);
  return 0;
}
