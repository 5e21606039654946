/* byline-body-view.h: the text view of a story's body, drawing what is not text
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define BYLINE_TYPE_BODY_VIEW (byline_body_view_get_type ())

G_DECLARE_FINAL_TYPE (BylineBodyView, byline_body_view, BYLINE, BODY_VIEW, GtkTextView)

GtkWidget *byline_body_view_new (void);

G_END_DECLS
