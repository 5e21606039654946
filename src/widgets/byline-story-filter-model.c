/* byline-story-filter-model.c
 *
 * The store's stories, newest first, that pass the search and the status
 * filter, as a GListModel for the story list.
 *
 * GTK 4.8's GtkFilterListModel finds its nth item by counting through a
 * bitset, and after a large change GtkListView and GtkSingleSelection look
 * up each added item to find the ones they track: over 100,000 stories a
 * keystroke took hundreds of milliseconds. Here the shown stories are an
 * array, looked up in constant time, and a change covers only the span
 * that differs. The store returns its stories newest first, so they are
 * not sorted again; a story moves when it is touched.
 *
 * Needs Review is the editors' queue: while that status is chosen and the
 * queue's order is known, the pending stories are shown in it (the longest
 * waiting first), and those not yet in it after them, newest first.
 *
 * Outside the queue, searches go through a BylineStorySearchIndex built
 * while the main loop is idle, and story by story until it is ready.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "byline-story-filter-model.h"
#include "byline-story-search-index.h"

/* Each slice of building the search index stays well within a frame. */
#define INDEX_SLICE_USEC 2000

struct _BylineStoryFilterModel
{
  GObject     parent_instance;

  GListModel *stories;
  gulong      items_changed_handler;

  /* Each story, referenced, in the store's order: what a removal in the
   * store took away is only known from here. */
  GPtrArray  *store_order;
  /* The same stories newest first, and those of them that pass the filter. */
  GPtrArray  *newest_first;
  GPtrArray  *shown;

  /* The review queue's stories, oldest first, and the same as a set. */
  GPtrArray  *review_order;
  GHashTable *in_review_order;

  /* Over newest_first. */
  BylineStorySearchIndex *search_index;
  guint                   index_build_source;

  /* Folded with byline_story_fold_search_text(); NULL matches everything. */
  char       *needle;
  int         status;
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (BylineStoryFilterModel, byline_story_filter_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

static GType
get_item_type (GListModel *model)
{
  return BYLINE_TYPE_STORY;
}

static guint
get_n_items (GListModel *model)
{
  return BYLINE_STORY_FILTER_MODEL (model)->shown->len;
}

static gpointer
get_item (GListModel *model,
          guint       position)
{
  BylineStoryFilterModel *self = BYLINE_STORY_FILTER_MODEL (model);

  if (position >= self->shown->len)
    return NULL;
  return g_object_ref (g_ptr_array_index (self->shown, position));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = get_item_type;
  iface->get_n_items = get_n_items;
  iface->get_item = get_item;
}

/* A story never modified goes last. */
static int
compare_newest_first (BylineStory *a,
                      BylineStory *b)
{
  GDateTime *modified_a = byline_story_get_modified (a);
  GDateTime *modified_b = byline_story_get_modified (b);

  if (modified_a == NULL || modified_b == NULL)
    return (modified_a == NULL) - (modified_b == NULL);
  return g_date_time_compare (modified_b, modified_a);
}

static int
compare_elements_newest_first (gconstpointer a,
                               gconstpointer b)
{
  return compare_newest_first (*(BylineStory **) a, *(BylineStory **) b);
}

/* Where @story belongs in @stories, which are newest first and do not hold it. */
static guint
find_place (GPtrArray   *stories,
            BylineStory *story)
{
  guint low = 0;
  guint high = stories->len;

  while (low < high)
    {
      guint middle = low + (high - low) / 2;

      if (compare_newest_first (g_ptr_array_index (stories, middle), story) < 0)
        low = middle + 1;
      else
        high = middle;
    }
  return low;
}

static gboolean
build_index_slice (gpointer user_data)
{
  BylineStoryFilterModel *self = user_data;
  gint64 deadline = g_get_monotonic_time () + INDEX_SLICE_USEC;

  if (!byline_story_search_index_build_step (self->search_index, self->newest_first, deadline))
    return G_SOURCE_CONTINUE;
  self->index_build_source = 0;
  return G_SOURCE_REMOVE;
}

static void
schedule_index_build (BylineStoryFilterModel *self)
{
  if (self->index_build_source == 0)
    self->index_build_source = g_idle_add_full (G_PRIORITY_LOW, build_index_slice, self, NULL);
}

/* For a change to the stories or to their order. */
static void
rebuild_index (BylineStoryFilterModel *self)
{
  byline_story_search_index_invalidate (self->search_index);
  schedule_index_build (self);
}

static gboolean
is_newest_first (GPtrArray *stories)
{
  for (guint i = 1; i < stories->len; i++)
    if (compare_newest_first (g_ptr_array_index (stories, i - 1), g_ptr_array_index (stories, i)) > 0)
      return FALSE;
  return TRUE;
}

/* Moves the story at @from to its place and returns where that is. */
static guint
reposition (GPtrArray *stories,
            guint      from)
{
  BylineStory *story = g_ptr_array_remove_index (stories, from);
  guint to = find_place (stories, story);

  g_ptr_array_insert (stories, (int) to, story);
  return to;
}

static void
insert_range (GPtrArray *array,
              guint      position,
              gpointer  *items,
              guint      n_items)
{
  guint n_after = array->len - position;

  g_ptr_array_set_size (array, (int) (array->len + n_items));
  memmove (array->pdata + position + n_items, array->pdata + position, n_after * sizeof (gpointer));
  memcpy (array->pdata + position, items, n_items * sizeof (gpointer));
}

static gboolean
passes_filter (BylineStoryFilterModel *self,
               BylineStory            *story)
{
  if (self->status != BYLINE_STORY_FILTER_ALL_STATUSES &&
      (int) byline_story_get_status (story) != self->status)
    return FALSE;
  return self->needle == NULL || byline_story_matches (story, self->needle);
}

/* Takes @shown and reports only the span where it differs from what was shown. */
static void
show_stories (BylineStoryFilterModel *self,
              GPtrArray              *shown)
{
  g_autoptr (GPtrArray) old = g_steal_pointer (&self->shown);
  guint shorter = MIN (old->len, shown->len);
  guint same_start = 0;
  guint same_end = 0;

  while (same_start < shorter && old->pdata[same_start] == shown->pdata[same_start])
    same_start++;
  while (same_end < shorter - same_start &&
         old->pdata[old->len - 1 - same_end] == shown->pdata[shown->len - 1 - same_end])
    same_end++;

  self->shown = shown;
  if (old->len != shown->len || same_start < shorter)
    g_list_model_items_changed (G_LIST_MODEL (self), same_start, old->len - same_start - same_end,
                                shown->len - same_start - same_end);
}

static gboolean
in_review_mode (BylineStoryFilterModel *self)
{
  return self->review_order != NULL && self->status == BYLINE_STORY_STATUS_PENDING;
}

/* Adds those of @candidates from @first on that pass, but for @skipped. */
static void
add_passing (BylineStoryFilterModel *self,
             GPtrArray              *candidates,
             guint                   first,
             GHashTable             *skipped,
             GPtrArray              *shown)
{
  for (guint i = first; i < candidates->len; i++)
    {
      BylineStory *story = g_ptr_array_index (candidates, i);

      if (passes_filter (self, story) && (skipped == NULL || !g_hash_table_contains (skipped, story)))
        g_ptr_array_add (shown, story);
    }
}

/* The stories the index holds so far are searched through it, the rest one
 * by one. With nothing indexed yet, a narrower search only goes through
 * @candidates, the stories already shown. */
static void
add_passing_indexed (BylineStoryFilterModel *self,
                     GPtrArray              *candidates,
                     GPtrArray              *shown)
{
  guint indexed = byline_story_search_index_get_n_indexed (self->search_index, self->newest_first);

  if (indexed == 0)
    {
      add_passing (self, candidates, 0, NULL, shown);
      return;
    }
  byline_story_search_index_match (self->search_index, self->newest_first, self->needle, self->status, shown);
  add_passing (self, self->newest_first, indexed, NULL, shown);
}

static void
refilter (BylineStoryFilterModel *self,
          GPtrArray              *candidates)
{
  GPtrArray *shown = g_ptr_array_sized_new (candidates->len);

  if (in_review_mode (self) && candidates == self->newest_first)
    {
      add_passing (self, self->review_order, 0, NULL, shown);
      add_passing (self, candidates, 0, self->in_review_order, shown);
    }
  else if (in_review_mode (self))
    add_passing (self, candidates, 0, NULL, shown);
  else
    add_passing_indexed (self, candidates, shown);
  if (!byline_story_search_index_is_complete (self->search_index, self->newest_first))
    schedule_index_build (self);
  show_stories (self, shown);
}

static void
forget_stories (BylineStoryFilterModel *self,
                guint                   position,
                guint                   removed)
{
  if (removed == self->store_order->len)
    g_ptr_array_set_size (self->newest_first, 0);
  else
    for (guint i = position; i < position + removed; i++)
      g_ptr_array_remove (self->newest_first, g_ptr_array_index (self->store_order, i));
  g_ptr_array_remove_range (self->store_order, position, removed);
}

/* A story added later goes to its place by date (a restored story is not
 * necessarily new). The stories loaded from disk come newest first: they
 * are only checked, but those the store was given before the list saw it
 * (the sample newsroom) are in the order they were written. */
static void
learn_stories (BylineStoryFilterModel *self,
               guint                   position,
               guint                   added)
{
  g_autoptr (GPtrArray) stories = NULL;
  gboolean had_stories = self->newest_first->len > 0;

  if (added == 0)
    return;
  stories = g_ptr_array_new_full (added, g_object_unref);
  for (guint i = 0; i < added; i++)
    g_ptr_array_add (stories, g_list_model_get_item (self->stories, position + i));
  insert_range (self->newest_first, self->newest_first->len, stories->pdata, added);
  if (had_stories && added == 1)
    reposition (self->newest_first, self->newest_first->len - 1);
  else if (!is_newest_first (self->newest_first))
    g_ptr_array_sort (self->newest_first, compare_elements_newest_first);

  /* The references move to store_order. */
  insert_range (self->store_order, position, stories->pdata, added);
  g_ptr_array_set_free_func (stories, NULL);
}

static void
on_stories_changed (BylineStoryFilterModel *self,
                    guint                   position,
                    guint                   removed,
                    guint                   added)
{
  forget_stories (self, position, removed);
  learn_stories (self, position, added);
  rebuild_index (self);
  refilter (self, self->newest_first);
}

/**
 * byline_story_filter_model_set_model:
 * @self: a #BylineStoryFilterModel
 * @stories: (nullable): the store's stories, newest first
 */
void
byline_story_filter_model_set_model (BylineStoryFilterModel *self,
                                     GListModel             *stories)
{
  g_return_if_fail (BYLINE_IS_STORY_FILTER_MODEL (self));
  g_return_if_fail (stories == NULL || G_IS_LIST_MODEL (stories));

  if (self->stories == stories)
    return;

  if (self->stories != NULL)
    g_clear_signal_handler (&self->items_changed_handler, self->stories);
  forget_stories (self, 0, self->store_order->len);
  g_set_object (&self->stories, stories);
  if (stories != NULL)
    {
      self->items_changed_handler = g_signal_connect_object (stories, "items-changed",
                                                             G_CALLBACK (on_stories_changed),
                                                             self, G_CONNECT_SWAPPED);
      learn_stories (self, 0, g_list_model_get_n_items (stories));
    }
  rebuild_index (self);
  refilter (self, self->newest_first);
}

/* Whether every story the new filter passes also passes the current one,
 * so that only the stories shown need to be searched again. Entering the
 * review queue changes the order too, so it starts from every story. */
static gboolean
is_narrower (BylineStoryFilterModel *self,
             const char             *needle,
             int                     status)
{
  gboolean needle_narrower = self->needle == NULL ||
                             (needle != NULL && strstr (needle, self->needle) != NULL);

  gboolean enters_review = status == BYLINE_STORY_STATUS_PENDING && self->status != status &&
                           self->review_order != NULL;

  return needle_narrower && !enters_review &&
         (self->status == BYLINE_STORY_FILTER_ALL_STATUSES || self->status == status);
}

/**
 * byline_story_filter_model_set_filter:
 * @self: a #BylineStoryFilterModel
 * @folded_needle: (nullable): search text from byline_story_fold_search_text()
 * @status: a #BylineStoryStatus, or %BYLINE_STORY_FILTER_ALL_STATUSES
 */
void
byline_story_filter_model_set_filter (BylineStoryFilterModel *self,
                                      const char             *folded_needle,
                                      int                     status)
{
  gboolean narrower;

  g_return_if_fail (BYLINE_IS_STORY_FILTER_MODEL (self));
  g_return_if_fail (status >= BYLINE_STORY_FILTER_ALL_STATUSES);

  if (folded_needle != NULL && *folded_needle == '\0')
    folded_needle = NULL;
  if (g_strcmp0 (folded_needle, self->needle) == 0 && status == self->status)
    return;

  narrower = is_narrower (self, folded_needle, status);
  g_free (self->needle);
  self->needle = g_strdup (folded_needle);
  self->status = status;
  refilter (self, narrower ? self->shown : self->newest_first);
}

/**
 * byline_story_filter_model_story_touched:
 * @self: a #BylineStoryFilterModel
 * @story: a story whose modified time changed
 *
 * Moves @story to its place, newest first. It stays shown even if an edit
 * made it fail the filter: stories do not vanish while they are edited.
 */
void
byline_story_filter_model_story_touched (BylineStoryFilterModel *self,
                                         BylineStory            *story)
{
  guint from;
  guint to;
  guint n_moved;

  g_return_if_fail (BYLINE_IS_STORY_FILTER_MODEL (self));
  g_return_if_fail (BYLINE_IS_STORY (story));

  if (g_ptr_array_find (self->newest_first, story, &from) && reposition (self->newest_first, from) != from)
    rebuild_index (self);
  /* The review queue is ordered by submission, which an edit does not change. */
  if (in_review_mode (self) || !g_ptr_array_find (self->shown, story, &from))
    return;

  to = reposition (self->shown, from);
  if (to == from)
    return;
  /* One change over the whole span, in which GtkSingleSelection finds the
   * story again and keeps it selected. */
  n_moved = MAX (from, to) - MIN (from, to) + 1;
  g_list_model_items_changed (G_LIST_MODEL (self), MIN (from, to), n_moved, n_moved);
}

/**
 * byline_story_filter_model_set_review_order:
 * @self: a #BylineStoryFilterModel
 * @stories: (nullable) (element-type BylineStory): the pending stories in the
 *   review queue's order, the longest waiting first
 *
 * While the status filter is %BYLINE_STORY_STATUS_PENDING the stories are
 * shown in this order rather than newest first.
 */
void
byline_story_filter_model_set_review_order (BylineStoryFilterModel *self,
                                            GPtrArray              *stories)
{
  g_return_if_fail (BYLINE_IS_STORY_FILTER_MODEL (self));

  g_clear_pointer (&self->review_order, g_ptr_array_unref);
  g_clear_pointer (&self->in_review_order, g_hash_table_unref);
  if (stories != NULL)
    {
      self->review_order = g_ptr_array_new_full (stories->len, g_object_unref);
      self->in_review_order = g_hash_table_new (NULL, NULL);
      for (guint i = 0; i < stories->len; i++)
        {
          g_ptr_array_add (self->review_order, g_object_ref (g_ptr_array_index (stories, i)));
          g_hash_table_add (self->in_review_order, g_ptr_array_index (stories, i));
        }
    }
  if (self->status == BYLINE_STORY_STATUS_PENDING)
    refilter (self, self->newest_first);
}

/**
 * byline_story_filter_model_refresh:
 * @self: a #BylineStoryFilterModel
 * @story: (nullable): a story whose row should be shown again, or %NULL for every row
 *
 * For what the rows show beside the stories themselves, such as the review
 * queue's details.
 */
void
byline_story_filter_model_refresh (BylineStoryFilterModel *self,
                                   BylineStory            *story)
{
  guint position;

  g_return_if_fail (BYLINE_IS_STORY_FILTER_MODEL (self));
  g_return_if_fail (story == NULL || BYLINE_IS_STORY (story));

  if (story == NULL)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, self->shown->len, self->shown->len);
  else if (g_ptr_array_find (self->shown, story, &position))
    g_list_model_items_changed (G_LIST_MODEL (self), position, 1, 1);
}

/**
 * byline_story_filter_model_peek:
 * @self: a #BylineStoryFilterModel
 * @position: a position in the model
 *
 * Returns: (transfer none) (nullable): the story at @position, without a reference
 */
BylineStory *
byline_story_filter_model_peek (BylineStoryFilterModel *self,
                                guint                   position)
{
  g_return_val_if_fail (BYLINE_IS_STORY_FILTER_MODEL (self), NULL);

  return position < self->shown->len ? g_ptr_array_index (self->shown, position) : NULL;
}

/**
 * byline_story_filter_model_find:
 * @self: a #BylineStoryFilterModel
 * @story: a story
 * @position: (out) (optional): where @story is shown
 *
 * Returns: whether @story is shown
 */
gboolean
byline_story_filter_model_find (BylineStoryFilterModel *self,
                                BylineStory            *story,
                                guint                  *position)
{
  g_return_val_if_fail (BYLINE_IS_STORY_FILTER_MODEL (self), FALSE);
  g_return_val_if_fail (BYLINE_IS_STORY (story), FALSE);

  return g_ptr_array_find (self->shown, story, position);
}

/**
 * byline_story_filter_model_holds:
 * @self: a #BylineStoryFilterModel
 * @story: a story
 *
 * Returns: whether @story is among the stories filtered, shown or not
 */
gboolean
byline_story_filter_model_holds (BylineStoryFilterModel *self,
                                 BylineStory            *story)
{
  g_return_val_if_fail (BYLINE_IS_STORY_FILTER_MODEL (self), FALSE);
  g_return_val_if_fail (BYLINE_IS_STORY (story), FALSE);

  return g_ptr_array_find (self->newest_first, story, NULL);
}

static void
byline_story_filter_model_dispose (GObject *object)
{
  BylineStoryFilterModel *self = BYLINE_STORY_FILTER_MODEL (object);

  if (self->stories != NULL)
    g_clear_signal_handler (&self->items_changed_handler, self->stories);
  g_clear_object (&self->stories);
  g_clear_handle_id (&self->index_build_source, g_source_remove);
  g_clear_pointer (&self->review_order, g_ptr_array_unref);
  g_clear_pointer (&self->in_review_order, g_hash_table_unref);

  G_OBJECT_CLASS (byline_story_filter_model_parent_class)->dispose (object);
}

static void
byline_story_filter_model_finalize (GObject *object)
{
  BylineStoryFilterModel *self = BYLINE_STORY_FILTER_MODEL (object);

  g_ptr_array_unref (self->shown);
  g_ptr_array_unref (self->newest_first);
  g_ptr_array_unref (self->store_order);
  byline_story_search_index_free (self->search_index);
  g_free (self->needle);

  G_OBJECT_CLASS (byline_story_filter_model_parent_class)->finalize (object);
}

static void
byline_story_filter_model_class_init (BylineStoryFilterModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = byline_story_filter_model_dispose;
  object_class->finalize = byline_story_filter_model_finalize;
}

static void
byline_story_filter_model_init (BylineStoryFilterModel *self)
{
  self->store_order = g_ptr_array_new_with_free_func (g_object_unref);
  self->newest_first = g_ptr_array_new ();
  self->shown = g_ptr_array_new ();
  self->search_index = byline_story_search_index_new ();
  self->status = BYLINE_STORY_FILTER_ALL_STATUSES;
}

BylineStoryFilterModel *
byline_story_filter_model_new (void)
{
  return g_object_new (BYLINE_TYPE_STORY_FILTER_MODEL, NULL);
}
