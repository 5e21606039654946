/* byline-html-import.h: HTML into a GtkTextBuffer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

gboolean byline_html_import (GtkTextBuffer *buffer,
                             const char    *html,
                             gssize         length,
                             GError       **error);

G_END_DECLS
