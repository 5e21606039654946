/* byline-rich-text-view-private.h: access for the story editor and the UI tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "byline-rich-text-buffer.h"
#include "byline-rich-text-view.h"
#include "byline-spell-checker.h"
#include "model/byline-image.h"

G_BEGIN_DECLS

GtkTextView          *byline_rich_text_view_get_text_view    (BylineRichTextView *self);
GtkTextView          *byline_rich_text_view_get_source_view  (BylineRichTextView *self);
BylineRichTextBuffer *byline_rich_text_view_get_buffer       (BylineRichTextView *self);
GtkLabel             *byline_rich_text_view_get_status_label (BylineRichTextView *self);
GtkDropDown          *byline_rich_text_view_get_language_drop_down (BylineRichTextView *self);
BylineSpellChecker   *byline_rich_text_view_get_spell_checker (BylineRichTextView *self);
GtkLabel             *byline_rich_text_view_get_message_label (BylineRichTextView *self);
GtkEditable          *byline_rich_text_view_get_search_editable (BylineRichTextView *self);
GtkEditable          *byline_rich_text_view_get_replace_editable (BylineRichTextView *self);
void                  byline_rich_text_view_update_status    (BylineRichTextView *self);
gboolean              byline_rich_text_view_drop_files       (BylineRichTextView *self,
                                                              GSList             *files,
                                                              int                 offset);
void                  byline_rich_text_view_insert_figure    (BylineRichTextView *self,
                                                              GtkTextMark        *where,
                                                              BylineImage        *image);

G_END_DECLS
