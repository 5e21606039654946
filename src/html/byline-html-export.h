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

typedef struct _BylineHtmlExporter BylineHtmlExporter;

BylineHtmlExporter *byline_html_exporter_new       (void);
void                byline_html_exporter_free      (BylineHtmlExporter *self);
gboolean            byline_html_exporter_step      (BylineHtmlExporter *self,
                                                    GtkTextBuffer      *buffer,
                                                    gint64              deadline);
gboolean            byline_html_exporter_is_done   (BylineHtmlExporter *self);
char               *byline_html_exporter_take_html (BylineHtmlExporter *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BylineHtmlExporter, byline_html_exporter_free)

G_END_DECLS
