/* byline-story-slot.h: one place in the story list, showing one story at a time
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "model/byline-story.h"

G_BEGIN_DECLS

#define BYLINE_TYPE_STORY_SLOT (byline_story_slot_get_type ())

G_DECLARE_FINAL_TYPE (BylineStorySlot, byline_story_slot, BYLINE, STORY_SLOT, GObject)

BylineStorySlot *byline_story_slot_new       (BylineStory     *story);
BylineStory     *byline_story_slot_get_story (BylineStorySlot *self);
void             byline_story_slot_set_story (BylineStorySlot *self,
                                              BylineStory     *story);

G_END_DECLS
