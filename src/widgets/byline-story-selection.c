/* byline-story-selection.c
 *
 * A GtkSelectionModel over the stories the story list shows, whose items
 * are places in the list (BylineStorySlot), not the stories themselves.
 *
 * When the stories shown change, the places already handed out keep their
 * identity and are given the stories now there; only a change of length is
 * reported as items added or removed, at the end. GtkListView therefore
 * keeps its row widgets and only their content changes: in GTK 4.8 it would
 * otherwise tear down and build again up to 200 rows for every keystroke
 * of a search (measured at 8–11 ms of the 12 ms a keystroke took over
 * 100,000 stories).
 *
 * The selection is a story, not a place: it follows the story to wherever
 * the change moved it. A search that hides it leaves it selected, with no
 * row highlighted, so that the story open in the editor stays open; it is
 * cleared when the story leaves the list altogether.
 *
 * The model can hold back all but its first places for a while (see
 * byline_story_selection_set_max_items()): GtkListView builds and measures
 * a row for each of up to 200 items before its first frame, most of them
 * off screen.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "byline-story-selection.h"
#include "byline-story-slot.h"

struct _BylineStorySelection
{
  GObject                 parent_instance;

  BylineStoryFilterModel *stories;
  gulong                  items_changed_handler;

  /* One per position shown; NULL where no place was asked for yet. */
  GPtrArray              *slots;
  /* How many of them the model reports. */
  guint                   max_items;

  BylineStory            *selected_story;
  guint                   selected;
};

static void list_model_iface_init (GListModelInterface *iface);
static void selection_model_iface_init (GtkSelectionModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (BylineStorySelection, byline_story_selection, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init)
                               G_IMPLEMENT_INTERFACE (GTK_TYPE_SELECTION_MODEL, selection_model_iface_init))

enum
{
  PROP_0,
  PROP_SELECTED_STORY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static GType
get_item_type (GListModel *model)
{
  return BYLINE_TYPE_STORY_SLOT;
}

static guint
count_items (BylineStorySelection *self)
{
  return MIN (self->slots->len, self->max_items);
}

static guint
get_n_items (GListModel *model)
{
  return count_items (BYLINE_STORY_SELECTION (model));
}

static gpointer
get_item (GListModel *model,
          guint       position)
{
  BylineStorySelection *self = BYLINE_STORY_SELECTION (model);

  if (position >= count_items (self))
    return NULL;
  if (g_ptr_array_index (self->slots, position) == NULL)
    g_ptr_array_index (self->slots, position) =
      byline_story_slot_new (byline_story_filter_model_peek (self->stories, position));
  return g_object_ref (g_ptr_array_index (self->slots, position));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = get_item_type;
  iface->get_n_items = get_n_items;
  iface->get_item = get_item;
}

static void
unref_slot (gpointer slot)
{
  if (slot != NULL)
    g_object_unref (slot);
}

static void
emit_selection_changed_at (BylineStorySelection *self,
                           guint                 position)
{
  if (position < count_items (self))
    gtk_selection_model_selection_changed (GTK_SELECTION_MODEL (self), position, 1);
}

/* Selects @story, which is shown at @position, or clears the selection. */
static void
select (BylineStorySelection *self,
        BylineStory          *story,
        guint                 position)
{
  guint was_selected = self->selected;
  gboolean story_changed = self->selected_story != story;

  if (story != NULL && position != GTK_INVALID_LIST_POSITION && position >= count_items (self))
    byline_story_selection_set_max_items (self, G_MAXUINT);
  g_set_object (&self->selected_story, story);
  self->selected = story != NULL ? position : GTK_INVALID_LIST_POSITION;
  if (was_selected != self->selected)
    {
      emit_selection_changed_at (self, was_selected);
      emit_selection_changed_at (self, self->selected);
    }
  if (story_changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED_STORY]);
}

static gboolean
is_selected (GtkSelectionModel *model,
             guint              position)
{
  return position == BYLINE_STORY_SELECTION (model)->selected;
}

static GtkBitset *
get_selection_in_range (GtkSelectionModel *model,
                        guint              position,
                        guint              n_items)
{
  BylineStorySelection *self = BYLINE_STORY_SELECTION (model);
  GtkBitset *selection = gtk_bitset_new_empty ();

  if (self->selected >= position && self->selected - position < n_items)
    gtk_bitset_add (selection, self->selected);
  return selection;
}

static gboolean
select_item (GtkSelectionModel *model,
             guint              position,
             gboolean           unselect_rest)
{
  BylineStorySelection *self = BYLINE_STORY_SELECTION (model);
  BylineStory *story = byline_story_filter_model_peek (self->stories, position);

  if (story == NULL)
    return FALSE;
  select (self, story, position);
  return TRUE;
}

static gboolean
unselect_item (GtkSelectionModel *model,
               guint              position)
{
  BylineStorySelection *self = BYLINE_STORY_SELECTION (model);

  if (position == self->selected)
    select (self, NULL, GTK_INVALID_LIST_POSITION);
  return TRUE;
}

static gboolean
unselect_all (GtkSelectionModel *model)
{
  select (BYLINE_STORY_SELECTION (model), NULL, GTK_INVALID_LIST_POSITION);
  return TRUE;
}

static void
selection_model_iface_init (GtkSelectionModelInterface *iface)
{
  iface->is_selected = is_selected;
  iface->get_selection_in_range = get_selection_in_range;
  iface->select_item = select_item;
  iface->unselect_item = unselect_item;
  iface->unselect_all = unselect_all;
}

/* The places that stay are given their new stories. A place nobody but
 * this model holds any more (its row scrolled away) is let go instead. */
static void
refill_slots (BylineStorySelection *self,
              guint                 from,
              guint                 to)
{
  for (guint i = from; i < to; i++)
    {
      BylineStorySlot *slot = g_ptr_array_index (self->slots, i);

      if (slot == NULL)
        continue;
      if (G_OBJECT (slot)->ref_count == 1)
        g_clear_object (&g_ptr_array_index (self->slots, i));
      else
        byline_story_slot_set_story (slot, byline_story_filter_model_peek (self->stories, i));
    }
}

/* Reports the change from @old_n_items items to as many as are now counted. */
static void
report_length (BylineStorySelection *self,
               guint                 old_n_items)
{
  guint n_items = count_items (self);

  if (n_items < old_n_items)
    g_list_model_items_changed (G_LIST_MODEL (self), n_items, old_n_items - n_items, 0);
  else
    g_list_model_items_changed (G_LIST_MODEL (self), old_n_items, 0, n_items - old_n_items);
}

static void
resize_slots (BylineStorySelection *self,
              guint                 n_slots)
{
  guint old_n_items = count_items (self);

  g_ptr_array_set_size (self->slots, (int) n_slots);
  if (count_items (self) != old_n_items)
    report_length (self, old_n_items);
}

static void
follow_selected_story (BylineStorySelection *self)
{
  guint position = GTK_INVALID_LIST_POSITION;

  if (self->selected_story == NULL)
    return;
  if (byline_story_filter_model_find (self->stories, self->selected_story, &position) ||
      byline_story_filter_model_holds (self->stories, self->selected_story))
    select (self, self->selected_story, position);
  else
    select (self, NULL, GTK_INVALID_LIST_POSITION);
}

static void
on_stories_changed (BylineStorySelection *self,
                    guint                 position,
                    guint                 removed,
                    guint                 added)
{
  guint n_items = g_list_model_get_n_items (G_LIST_MODEL (self->stories));

  refill_slots (self, position, MIN (count_items (self), n_items));
  resize_slots (self, n_items);
  follow_selected_story (self);
}

BylineStory *
byline_story_selection_get_selected_story (BylineStorySelection *self)
{
  g_return_val_if_fail (BYLINE_IS_STORY_SELECTION (self), NULL);

  return self->selected_story;
}

/**
 * byline_story_selection_get_selected:
 * @self: a #BylineStorySelection
 *
 * Returns: the position of the selected story, or %GTK_INVALID_LIST_POSITION
 */
guint
byline_story_selection_get_selected (BylineStorySelection *self)
{
  g_return_val_if_fail (BYLINE_IS_STORY_SELECTION (self), GTK_INVALID_LIST_POSITION);

  return self->selected;
}

/**
 * byline_story_selection_refresh:
 * @self: a #BylineStorySelection
 *
 * Has every row show its story afresh, for what changes with time alone,
 * such as "5 minutes ago".
 */
void
byline_story_selection_refresh (BylineStorySelection *self)
{
  g_return_if_fail (BYLINE_IS_STORY_SELECTION (self));

  refill_slots (self, 0, count_items (self));
}

/**
 * byline_story_selection_set_max_items:
 * @self: a #BylineStorySelection
 * @max_items: how many stories at most to report, or %G_MAXUINT for all
 *
 * Selecting a story beyond @max_items reports them all.
 */
void
byline_story_selection_set_max_items (BylineStorySelection *self,
                                      guint                 max_items)
{
  guint old_n_items;

  g_return_if_fail (BYLINE_IS_STORY_SELECTION (self));

  old_n_items = count_items (self);
  self->max_items = max_items;
  if (count_items (self) != old_n_items)
    {
      /* Places beyond the limit were never handed out, or are handed out afresh. */
      refill_slots (self, MIN (old_n_items, count_items (self)), self->slots->len);
      report_length (self, old_n_items);
    }
}

/**
 * byline_story_selection_set_selected_story:
 * @self: a #BylineStorySelection
 * @story: (nullable): a story shown in the list, or %NULL to clear the selection
 *
 * A story that is not shown clears the selection.
 */
void
byline_story_selection_set_selected_story (BylineStorySelection *self,
                                           BylineStory          *story)
{
  guint position = GTK_INVALID_LIST_POSITION;

  g_return_if_fail (BYLINE_IS_STORY_SELECTION (self));
  g_return_if_fail (story == NULL || BYLINE_IS_STORY (story));

  if (story != NULL && !byline_story_filter_model_find (self->stories, story, &position))
    story = NULL;
  select (self, story, position);
}

static void
byline_story_selection_dispose (GObject *object)
{
  BylineStorySelection *self = BYLINE_STORY_SELECTION (object);

  if (self->stories != NULL)
    g_clear_signal_handler (&self->items_changed_handler, self->stories);
  g_clear_object (&self->stories);
  g_clear_object (&self->selected_story);
  g_ptr_array_set_size (self->slots, 0);

  G_OBJECT_CLASS (byline_story_selection_parent_class)->dispose (object);
}

static void
byline_story_selection_finalize (GObject *object)
{
  BylineStorySelection *self = BYLINE_STORY_SELECTION (object);

  g_ptr_array_unref (self->slots);

  G_OBJECT_CLASS (byline_story_selection_parent_class)->finalize (object);
}

static void
byline_story_selection_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  BylineStorySelection *self = BYLINE_STORY_SELECTION (object);

  switch (prop_id)
    {
    case PROP_SELECTED_STORY:
      g_value_set_object (value, self->selected_story);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
byline_story_selection_class_init (BylineStorySelectionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = byline_story_selection_dispose;
  object_class->finalize = byline_story_selection_finalize;
  object_class->get_property = byline_story_selection_get_property;

  properties[PROP_SELECTED_STORY] =
    g_param_spec_object ("selected-story", NULL, NULL, BYLINE_TYPE_STORY,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
byline_story_selection_init (BylineStorySelection *self)
{
  self->slots = g_ptr_array_new_with_free_func (unref_slot);
  self->selected = GTK_INVALID_LIST_POSITION;
  self->max_items = G_MAXUINT;
}

/**
 * byline_story_selection_new:
 * @stories: the stories the list shows
 */
BylineStorySelection *
byline_story_selection_new (BylineStoryFilterModel *stories)
{
  BylineStorySelection *self;

  g_return_val_if_fail (BYLINE_IS_STORY_FILTER_MODEL (stories), NULL);

  self = g_object_new (BYLINE_TYPE_STORY_SELECTION, NULL);
  self->stories = g_object_ref (stories);
  self->items_changed_handler = g_signal_connect_object (stories, "items-changed",
                                                         G_CALLBACK (on_stories_changed), self,
                                                         G_CONNECT_SWAPPED);
  g_ptr_array_set_size (self->slots, (int) g_list_model_get_n_items (G_LIST_MODEL (stories)));
  return self;
}
