/* byline-story-selection.h: the story list's places, and the story selected among them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "byline-story-filter-model.h"

G_BEGIN_DECLS

#define BYLINE_TYPE_STORY_SELECTION (byline_story_selection_get_type ())

G_DECLARE_FINAL_TYPE (BylineStorySelection, byline_story_selection, BYLINE, STORY_SELECTION, GObject)

BylineStorySelection *byline_story_selection_new                (BylineStoryFilterModel *stories);
BylineStory          *byline_story_selection_get_selected_story (BylineStorySelection   *self);
guint                 byline_story_selection_get_selected       (BylineStorySelection   *self);
void                  byline_story_selection_set_selected_story (BylineStorySelection   *self,
                                                                 BylineStory            *story);
void                  byline_story_selection_set_max_items      (BylineStorySelection   *self,
                                                                 guint                  max_items);
void                  byline_story_selection_refresh            (BylineStorySelection   *self);

G_END_DECLS
