/* byline-story-editor-private.h: access for the UI tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "byline-rich-text-view.h"
#include "byline-story-editor.h"

G_BEGIN_DECLS

GtkEditable *byline_story_editor_get_headline_editable (BylineStoryEditor *self);
GtkEditable *byline_story_editor_get_tags_editable     (BylineStoryEditor *self);
GtkTextView *byline_story_editor_get_body_view         (BylineStoryEditor *self);
BylineRichTextView *byline_story_editor_get_body_editor (BylineStoryEditor *self);

G_END_DECLS
