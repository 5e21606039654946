/* byline-rich-text-view.h: a story's body, formatted, with its toolbar and status
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define BYLINE_TYPE_RICH_TEXT_VIEW (byline_rich_text_view_get_type ())

G_DECLARE_FINAL_TYPE (BylineRichTextView, byline_rich_text_view, BYLINE, RICH_TEXT_VIEW, AdwBin)

GtkWidget *byline_rich_text_view_new          (void);
gboolean   byline_rich_text_view_load_html    (BylineRichTextView *self,
                                               const char         *html);
char      *byline_rich_text_view_get_html     (BylineRichTextView *self);
gboolean   byline_rich_text_view_get_read_only (BylineRichTextView *self);
const char *byline_rich_text_view_get_language (BylineRichTextView *self);
void       byline_rich_text_view_set_language (BylineRichTextView *self,
                                               const char         *language);

G_END_DECLS
