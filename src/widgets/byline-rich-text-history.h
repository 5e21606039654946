/* byline-rich-text-history.h: undo and redo of a body's text and formatting
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Whether changes of @tag are part of the history: formatting is, marks
 * drawn over the text (spelling) are not. */
typedef gboolean (*BylineRecordsTag) (GtkTextBuffer *buffer,
                                      GtkTextTag    *tag);

typedef struct _BylineRichTextHistory BylineRichTextHistory;

BylineRichTextHistory *byline_rich_text_history_new           (GtkTextBuffer         *buffer,
                                                               BylineRecordsTag       records_tag);
void                   byline_rich_text_history_free          (BylineRichTextHistory *self);

void                   byline_rich_text_history_begin         (BylineRichTextHistory *self);
void                   byline_rich_text_history_end           (BylineRichTextHistory *self);
void                   byline_rich_text_history_begin_irreversible (BylineRichTextHistory *self);
void                   byline_rich_text_history_end_irreversible   (BylineRichTextHistory *self);
gboolean               byline_rich_text_history_is_replaying  (BylineRichTextHistory *self);

void                   byline_rich_text_history_insert        (BylineRichTextHistory *self,
                                                               const GtkTextIter     *where,
                                                               const char            *text,
                                                               int                    length);
void                   byline_rich_text_history_delete        (BylineRichTextHistory *self,
                                                               const GtkTextIter     *start,
                                                               const GtkTextIter     *end);
void                   byline_rich_text_history_tag           (BylineRichTextHistory *self,
                                                               GtkTextTag            *tag,
                                                               const GtkTextIter     *start,
                                                               const GtkTextIter     *end,
                                                               gboolean               applied);

gboolean               byline_rich_text_history_can_undo      (BylineRichTextHistory *self);
gboolean               byline_rich_text_history_can_redo      (BylineRichTextHistory *self);
gboolean               byline_rich_text_history_undo          (BylineRichTextHistory *self);
gboolean               byline_rich_text_history_redo          (BylineRichTextHistory *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BylineRichTextHistory, byline_rich_text_history_free)

G_END_DECLS
