/* byline-story-row.h: one story in the story list
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "model/byline-story.h"
#include "store/byline-workflow.h"

G_BEGIN_DECLS

#define BYLINE_TYPE_STORY_ROW (byline_story_row_get_type ())

G_DECLARE_FINAL_TYPE (BylineStoryRow, byline_story_row, BYLINE, STORY_ROW, GtkWidget)

GtkWidget   *byline_story_row_new       (void);
BylineStory *byline_story_row_get_story (BylineStoryRow *self);
void         byline_story_row_set_story (BylineStoryRow *self,
                                         BylineStory    *story);
void         byline_story_row_set_review_item (BylineStoryRow         *self,
                                               const BylineReviewItem *item);
char        *byline_format_relative_time (GDateTime *time,
                                          GDateTime *now);
char        *byline_format_waiting_time  (GDateTime *since,
                                          GDateTime *now);

G_END_DECLS
