/* byline-html-export.h: HTML out of a GtkTextBuffer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

char *byline_html_export       (GtkTextBuffer     *buffer);
char *byline_html_export_range (const GtkTextIter *start,
                                const GtkTextIter *end);

G_END_DECLS
