/* byline-story.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "byline-types.h"

G_BEGIN_DECLS

#define BYLINE_TYPE_STORY (byline_story_get_type ())

G_DECLARE_FINAL_TYPE (BylineStory, byline_story, BYLINE, STORY, GObject)

BylineStory       *byline_story_new                   (void);
BylineStory       *byline_story_new_with_uuid         (const char        *uuid);
BylineStory       *byline_story_copy                  (BylineStory       *self);

const char        *byline_story_get_uuid              (BylineStory       *self);
gint64             byline_story_get_remote_id         (BylineStory       *self);
void               byline_story_set_remote_id         (BylineStory       *self,
                                                       gint64             remote_id);
const char        *byline_story_get_account           (BylineStory       *self);
void               byline_story_set_account           (BylineStory       *self,
                                                       const char        *account);
const char        *byline_story_get_headline          (BylineStory       *self);
void               byline_story_set_headline          (BylineStory       *self,
                                                       const char        *headline);
const char        *byline_story_get_dek               (BylineStory       *self);
void               byline_story_set_dek               (BylineStory       *self,
                                                       const char        *dek);
const char        *byline_story_get_body              (BylineStory       *self);
void               byline_story_set_body              (BylineStory       *self,
                                                       const char        *body);
gboolean           byline_story_get_body_loaded       (BylineStory       *self);
const char        *byline_story_get_byline            (BylineStory       *self);
void               byline_story_set_byline            (BylineStory       *self,
                                                       const char        *byline);
BylineStoryStatus  byline_story_get_status            (BylineStory       *self);
void               byline_story_set_status            (BylineStory       *self,
                                                       BylineStoryStatus  status);
const char * const *byline_story_get_tags             (BylineStory       *self);
void               byline_story_set_tags              (BylineStory       *self,
                                                       const char * const *tags);
const char * const *byline_story_get_categories       (BylineStory       *self);
void               byline_story_set_categories        (BylineStory       *self,
                                                       const char * const *categories);
const char * const *byline_story_get_related          (BylineStory       *self);
void               byline_story_set_related           (BylineStory       *self,
                                                       const char * const *related);
GDateTime         *byline_story_get_created           (BylineStory       *self);
void               byline_story_set_created           (BylineStory       *self,
                                                       GDateTime         *created);
GDateTime         *byline_story_get_modified          (BylineStory       *self);
void               byline_story_set_modified          (BylineStory       *self,
                                                       GDateTime         *modified);
const char        *byline_story_get_remote_modified   (BylineStory       *self);
void               byline_story_set_remote_modified   (BylineStory       *self,
                                                       const char        *remote_modified);
gboolean           byline_story_get_dirty             (BylineStory       *self);
void               byline_story_set_dirty             (BylineStory       *self,
                                                       gboolean           dirty);
const char        *byline_story_get_language          (BylineStory       *self);
void               byline_story_set_language          (BylineStory       *self,
                                                       const char        *language);
GListModel        *byline_story_get_updates           (BylineStory       *self);
void               byline_story_add_update            (BylineStory       *self,
                                                       BylineUpdate      *update);

char              *byline_story_fold_search_text      (const char        *text);
void               byline_story_prepare_search        (BylineStory       *self);
const char        *byline_story_get_search_key        (BylineStory       *self);
guint              byline_story_get_filter_generation (void);
gboolean           byline_story_matches               (BylineStory       *self,
                                                       const char        *casefolded_needle);
void               byline_story_touch                 (BylineStory       *self);

G_END_DECLS
