/* byline-format-toolbar.h: the formatting buttons above a story's body
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define BYLINE_TYPE_FORMAT_TOOLBAR (byline_format_toolbar_get_type ())

G_DECLARE_FINAL_TYPE (BylineFormatToolbar, byline_format_toolbar, BYLINE, FORMAT_TOOLBAR, GtkWidget)

GtkWidget  *byline_format_toolbar_new                 (void);
guint       byline_format_toolbar_get_collapsed_count (BylineFormatToolbar *self);
GMenuModel *byline_format_toolbar_get_overflow_menu   (BylineFormatToolbar *self);

G_END_DECLS
