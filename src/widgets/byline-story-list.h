/* byline-story-list.h: the searchable, filterable list of stories
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "model/byline-story.h"
#include "store/byline-store.h"

G_BEGIN_DECLS

#define BYLINE_TYPE_STORY_LIST (byline_story_list_get_type ())

G_DECLARE_FINAL_TYPE (BylineStoryList, byline_story_list, BYLINE, STORY_LIST, AdwBin)

GtkWidget   *byline_story_list_new                (void);
BylineStore *byline_story_list_get_store          (BylineStoryList *self);
void         byline_story_list_set_store          (BylineStoryList *self,
                                                   BylineStore     *store);
BylineStory *byline_story_list_get_selected_story (BylineStoryList *self);
void         byline_story_list_set_selected_story (BylineStoryList *self,
                                                   BylineStory     *story);
void         byline_story_list_focus_search       (BylineStoryList *self);
void         byline_story_list_set_search_text    (BylineStoryList *self,
                                                   const char      *text);
void         byline_story_list_set_status_filter  (BylineStoryList *self,
                                                   int              status);
GListModel  *byline_story_list_get_filter_model   (BylineStoryList *self);

G_END_DECLS
