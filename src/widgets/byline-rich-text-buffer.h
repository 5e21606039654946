/* byline-rich-text-buffer.h: a story body being edited, its HTML elements as tags
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define BYLINE_TYPE_RICH_TEXT_BUFFER (byline_rich_text_buffer_get_type ())

G_DECLARE_FINAL_TYPE (BylineRichTextBuffer, byline_rich_text_buffer, BYLINE, RICH_TEXT_BUFFER, GtkTextBuffer)

BylineRichTextBuffer *byline_rich_text_buffer_new           (void);
gboolean    byline_rich_text_buffer_load                    (BylineRichTextBuffer *self,
                                                             const char           *html,
                                                             GError              **error);
char       *byline_rich_text_buffer_save                    (BylineRichTextBuffer *self);
gboolean    byline_rich_text_buffer_save_step               (BylineRichTextBuffer *self,
                                                             gint64                budget_usec);
char       *byline_rich_text_buffer_take_saved              (BylineRichTextBuffer *self);

gboolean    byline_rich_text_buffer_get_inline              (BylineRichTextBuffer *self,
                                                             const char           *element);
void        byline_rich_text_buffer_toggle_inline           (BylineRichTextBuffer *self,
                                                             const char           *element);
const char *byline_rich_text_buffer_get_block               (BylineRichTextBuffer *self);
void        byline_rich_text_buffer_set_block               (BylineRichTextBuffer *self,
                                                             const char           *element);
const char *byline_rich_text_buffer_get_list                (BylineRichTextBuffer *self);
void        byline_rich_text_buffer_toggle_list             (BylineRichTextBuffer *self,
                                                             const char           *element);
gboolean    byline_rich_text_buffer_get_quote               (BylineRichTextBuffer *self);
void        byline_rich_text_buffer_toggle_quote            (BylineRichTextBuffer *self);
gboolean    byline_rich_text_buffer_get_pullquote           (BylineRichTextBuffer *self);
void        byline_rich_text_buffer_toggle_pullquote        (BylineRichTextBuffer *self);
gboolean    byline_rich_text_buffer_indent                  (BylineRichTextBuffer *self,
                                                             gboolean              deeper);
void        byline_rich_text_buffer_insert_rule             (BylineRichTextBuffer *self);
const char *byline_rich_text_buffer_get_link                (BylineRichTextBuffer *self);
void        byline_rich_text_buffer_set_link                (BylineRichTextBuffer *self,
                                                             const char           *href);
void        byline_rich_text_buffer_insert_html             (BylineRichTextBuffer *self,
                                                             GtkTextIter          *iter,
                                                             const char           *html,
                                                             gssize                length);
void        byline_rich_text_buffer_insert_figure           (BylineRichTextBuffer *self,
                                                             GtkTextIter          *iter,
                                                             const char           *src,
                                                             const char           *alt,
                                                             const char           *caption,
                                                             const char           *credit);
char       *byline_rich_text_buffer_get_list_marker         (BylineRichTextBuffer *self,
                                                             const GtkTextIter    *line);
const char *byline_rich_text_buffer_get_embed_provider      (BylineRichTextBuffer *self,
                                                             const GtkTextIter    *line);
gboolean    byline_rich_text_buffer_undo                    (BylineRichTextBuffer *self);
gboolean    byline_rich_text_buffer_redo                    (BylineRichTextBuffer *self);
gboolean    byline_rich_text_buffer_get_can_undo            (BylineRichTextBuffer *self);
gboolean    byline_rich_text_buffer_get_can_redo            (BylineRichTextBuffer *self);
gboolean    byline_rich_text_buffer_count_step              (BylineRichTextBuffer *self,
                                                             gint64                budget_usec);
void        byline_rich_text_buffer_count                   (BylineRichTextBuffer *self,
                                                             guint                *words,
                                                             guint                *characters);

G_END_DECLS
