/* byline-story-filter-model.h: the stories the story list shows, newest first
 * or in the review queue's order
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "model/byline-story.h"

G_BEGIN_DECLS

/* Stands for "every status" where a BylineStoryStatus is expected. */
#define BYLINE_STORY_FILTER_ALL_STATUSES (-1)

#define BYLINE_TYPE_STORY_FILTER_MODEL (byline_story_filter_model_get_type ())

G_DECLARE_FINAL_TYPE (BylineStoryFilterModel, byline_story_filter_model, BYLINE, STORY_FILTER_MODEL, GObject)

BylineStoryFilterModel *byline_story_filter_model_new           (void);
void                    byline_story_filter_model_set_model     (BylineStoryFilterModel *self,
                                                                 GListModel             *stories);
void                    byline_story_filter_model_set_filter    (BylineStoryFilterModel *self,
                                                                 const char             *folded_needle,
                                                                 int                     status);
void                    byline_story_filter_model_set_review_order (BylineStoryFilterModel *self,
                                                                    GPtrArray              *stories);
void                    byline_story_filter_model_refresh       (BylineStoryFilterModel *self,
                                                                 BylineStory            *story);
void                    byline_story_filter_model_story_touched (BylineStoryFilterModel *self,
                                                                 BylineStory            *story);
BylineStory            *byline_story_filter_model_peek          (BylineStoryFilterModel *self,
                                                                 guint                   position);
gboolean                byline_story_filter_model_find          (BylineStoryFilterModel *self,
                                                                 BylineStory            *story,
                                                                 guint                  *position);
gboolean                byline_story_filter_model_holds         (BylineStoryFilterModel *self,
                                                                 BylineStory            *story);

G_END_DECLS
