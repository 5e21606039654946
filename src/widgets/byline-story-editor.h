/* byline-story-editor.h: the fields of one story, saved as you type
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "model/byline-image.h"
#include "model/byline-story.h"
#include "store/byline-store.h"

G_BEGIN_DECLS

#define BYLINE_TYPE_STORY_EDITOR (byline_story_editor_get_type ())

G_DECLARE_FINAL_TYPE (BylineStoryEditor, byline_story_editor, BYLINE, STORY_EDITOR, AdwBin)

GtkWidget   *byline_story_editor_new            (void);
BylineStore *byline_story_editor_get_store      (BylineStoryEditor *self);
void         byline_story_editor_set_store      (BylineStoryEditor *self,
                                                 BylineStore       *store);
BylineStory *byline_story_editor_get_story      (BylineStoryEditor *self);
void         byline_story_editor_set_story      (BylineStoryEditor *self,
                                                 BylineStory       *story);
void         byline_story_editor_flush          (BylineStoryEditor *self);
void         byline_story_editor_focus_headline (BylineStoryEditor *self);
void         byline_story_editor_insert_image   (BylineStoryEditor *self,
                                                 BylineImage       *image);

G_END_DECLS
