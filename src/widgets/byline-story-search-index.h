/* byline-story-search-index.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "model/byline-story.h"

G_BEGIN_DECLS

typedef struct _BylineStorySearchIndex BylineStorySearchIndex;

BylineStorySearchIndex *byline_story_search_index_new        (void);
void                    byline_story_search_index_free       (BylineStorySearchIndex *self);
void                    byline_story_search_index_invalidate (BylineStorySearchIndex *self);
gboolean                byline_story_search_index_build_step (BylineStorySearchIndex *self,
                                                              GPtrArray              *stories,
                                                              gint64                  deadline);
guint                   byline_story_search_index_get_n_indexed (BylineStorySearchIndex *self,
                                                                 GPtrArray              *stories);
gboolean                byline_story_search_index_is_complete (BylineStorySearchIndex *self,
                                                               GPtrArray              *stories);
void                    byline_story_search_index_match      (BylineStorySearchIndex *self,
                                                              GPtrArray              *stories,
                                                              const char             *folded_needle,
                                                              int                     status,
                                                              GPtrArray              *matches);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BylineStorySearchIndex, byline_story_search_index_free)

G_END_DECLS
