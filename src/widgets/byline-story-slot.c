/* byline-story-slot.c
 *
 * The items of the story list's selection model (BylineStorySelection): a
 * place in the list rather than a story. When a search changes what the
 * list shows, each place on screen keeps its row and is given the story
 * now there; GTK 4.8's GtkListView would otherwise destroy and create up to
 * 200 row widgets a keystroke, which cost more than the search itself.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "byline-story-slot.h"

struct _BylineStorySlot
{
  GObject      parent_instance;

  BylineStory *story;
};

G_DEFINE_FINAL_TYPE (BylineStorySlot, byline_story_slot, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_STORY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
byline_story_slot_dispose (GObject *object)
{
  BylineStorySlot *self = BYLINE_STORY_SLOT (object);

  g_clear_object (&self->story);

  G_OBJECT_CLASS (byline_story_slot_parent_class)->dispose (object);
}

static void
byline_story_slot_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  BylineStorySlot *self = BYLINE_STORY_SLOT (object);

  switch (prop_id)
    {
    case PROP_STORY:
      g_value_set_object (value, self->story);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
byline_story_slot_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  BylineStorySlot *self = BYLINE_STORY_SLOT (object);

  switch (prop_id)
    {
    case PROP_STORY:
      byline_story_slot_set_story (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
byline_story_slot_class_init (BylineStorySlotClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = byline_story_slot_dispose;
  object_class->get_property = byline_story_slot_get_property;
  object_class->set_property = byline_story_slot_set_property;

  properties[PROP_STORY] =
    g_param_spec_object ("story", NULL, NULL, BYLINE_TYPE_STORY,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
byline_story_slot_init (BylineStorySlot *self)
{
}

BylineStorySlot *
byline_story_slot_new (BylineStory *story)
{
  g_return_val_if_fail (BYLINE_IS_STORY (story), NULL);

  return g_object_new (BYLINE_TYPE_STORY_SLOT, "story", story, NULL);
}

BylineStory *
byline_story_slot_get_story (BylineStorySlot *self)
{
  g_return_val_if_fail (BYLINE_IS_STORY_SLOT (self), NULL);

  return self->story;
}

/**
 * byline_story_slot_set_story:
 * @self: a #BylineStorySlot
 * @story: the story now in this place
 *
 * Notifies #BylineStorySlot:story even when @story is the one already
 * there: the list changed around it, and its row shows it afresh.
 */
void
byline_story_slot_set_story (BylineStorySlot *self,
                             BylineStory     *story)
{
  g_return_if_fail (BYLINE_IS_STORY_SLOT (self));
  g_return_if_fail (BYLINE_IS_STORY (story));

  g_set_object (&self->story, story);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORY]);
}
