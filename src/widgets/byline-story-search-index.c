/* byline-story-search-index.c
 *
 * Every story's search key, packed into one buffer in the story list's
 * order, with the stories' statuses beside them.
 *
 * Searching each story in turn visits two allocations a story, scattered
 * over the heap: over 100,000 stories that waits on memory for longer than
 * a frame. Here the keys lie one after another, so strstr() runs through
 * them at the speed of memory (about 2 ms over 100,000 stories, measured
 * against memmem() over the whole buffer and memchr() for the needle's
 * rarest byte, which were slower for short needles).
 *
 * The index is built in slices while the main loop is idle. The stories it
 * holds so far, a prefix of the list, are searched through it as long as
 * their order is the same and no story's search key or status has changed
 * since (see byline_story_get_filter_generation()); the caller searches
 * the rest story by story, so the index never shows a stale result.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "byline-story-search-index.h"
#include "byline-story-filter-model.h"

/* Room reserved for each story's key, well above a headline, byline and
 * tags. Growing the buffer instead would move it, and reading moved pages
 * the first time was measured to cost as much as the search itself. Room
 * never written is never made resident. */
#define RESERVED_BYTES_PER_KEY 256

struct _BylineStorySearchIndex
{
  /* The keys, each ended by '\0', and where each starts: one more start
   * than keys, the end of the last one. */
  GString *keys;
  GArray  *starts;
  GArray  *statuses;

  /* Keys are added from @built onwards until all the stories are in. */
  guint    built;
  guint    generation;
  gboolean complete;
};

BylineStorySearchIndex *
byline_story_search_index_new (void)
{
  BylineStorySearchIndex *self = g_new0 (BylineStorySearchIndex, 1);

  self->keys = g_string_new (NULL);
  self->starts = g_array_new (FALSE, FALSE, sizeof (guint32));
  self->statuses = g_array_new (FALSE, FALSE, sizeof (guint8));
  self->generation = byline_story_get_filter_generation ();
  return self;
}

void
byline_story_search_index_free (BylineStorySearchIndex *self)
{
  if (self == NULL)
    return;
  g_string_free (self->keys, TRUE);
  g_array_unref (self->starts);
  g_array_unref (self->statuses);
  g_free (self);
}

/**
 * byline_story_search_index_invalidate:
 *
 * Forgets the index: to be called when the stories or their order change.
 */
void
byline_story_search_index_invalidate (BylineStorySearchIndex *self)
{
  g_return_if_fail (self != NULL);

  g_string_truncate (self->keys, 0);
  g_array_set_size (self->starts, 0);
  g_array_set_size (self->statuses, 0);
  self->built = 0;
  self->complete = FALSE;
  self->generation = byline_story_get_filter_generation ();
}

static void
reserve (BylineStorySearchIndex *self,
         guint                   n_stories)
{
  guint32 first_start = 0;

  /* A rebuild over as many stories reuses the pages already written. */
  if (self->keys->allocated_len <= (gsize) n_stories * RESERVED_BYTES_PER_KEY)
    {
      g_string_free (self->keys, TRUE);
      g_array_unref (self->starts);
      g_array_unref (self->statuses);
      self->keys = g_string_sized_new ((gsize) n_stories * RESERVED_BYTES_PER_KEY);
      self->starts = g_array_sized_new (FALSE, FALSE, sizeof (guint32), n_stories + 1);
      self->statuses = g_array_sized_new (FALSE, FALSE, sizeof (guint8), n_stories);
    }
  g_array_append_val (self->starts, first_start);
}

static void
add_story (BylineStorySearchIndex *self,
           BylineStory            *story)
{
  guint8 status = (guint8) byline_story_get_status (story);
  const char *key = byline_story_get_search_key (story);
  guint32 end;

  /* The terminating '\0' goes in too: keys never run into each other. */
  g_string_append_len (self->keys, key, (gssize) strlen (key) + 1);
  end = (guint32) self->keys->len;
  g_array_append_val (self->starts, end);
  g_array_append_val (self->statuses, status);
}

/**
 * byline_story_search_index_build_step:
 * @stories: (element-type BylineStory): the stories, in the order to show them
 * @deadline: the monotonic time to stop at
 *
 * Adds stories to the index until it holds them all or @deadline passes.
 * A change to any story since the last step starts the index afresh.
 *
 * Returns: whether the index is complete
 */
gboolean
byline_story_search_index_build_step (BylineStorySearchIndex *self,
                                      GPtrArray              *stories,
                                      gint64                  deadline)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (stories != NULL, FALSE);

  if (self->generation != byline_story_get_filter_generation () || self->built > stories->len)
    byline_story_search_index_invalidate (self);
  if (self->built == 0)
    reserve (self, stories->len);

  /* Keys are short: the clock is read every few hundred of them. */
  while (self->built < stories->len)
    {
      guint slice_end = MIN (self->built + 256, stories->len);

      for (; self->built < slice_end; self->built++)
        add_story (self, g_ptr_array_index (stories, self->built));
      if (g_get_monotonic_time () >= deadline)
        break;
    }
  self->complete = self->built == stories->len &&
                   self->keys->len <= G_MAXUINT32 &&
                   self->generation == byline_story_get_filter_generation ();
  return self->complete;
}

/**
 * byline_story_search_index_get_n_indexed:
 * @stories: (element-type BylineStory): the stories the index is built over
 *
 * Returns: how many of the first @stories byline_story_search_index_match()
 *   can search
 */
guint
byline_story_search_index_get_n_indexed (BylineStorySearchIndex *self,
                                         GPtrArray              *stories)
{
  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (stories != NULL, 0);

  if (self->generation != byline_story_get_filter_generation () || self->built > stories->len)
    return 0;
  return self->built;
}

/**
 * byline_story_search_index_is_complete:
 * @stories: (element-type BylineStory): the stories the index is built over
 */
gboolean
byline_story_search_index_is_complete (BylineStorySearchIndex *self,
                                       GPtrArray              *stories)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return self->complete && byline_story_search_index_get_n_indexed (self, stories) == stories->len;
}

static gboolean
has_status (BylineStorySearchIndex *self,
            guint                   story,
            int                     status)
{
  return status == BYLINE_STORY_FILTER_ALL_STATUSES ||
         g_array_index (self->statuses, guint8, story) == status;
}

static void
match_status (BylineStorySearchIndex *self,
              GPtrArray              *stories,
              int                     status,
              GPtrArray              *matches)
{
  for (guint i = 0; i < self->built; i++)
    if (has_status (self, i, status))
      g_ptr_array_add (matches, g_ptr_array_index (stories, i));
}

/**
 * byline_story_search_index_match:
 * @stories: (element-type BylineStory): the stories the index is built over
 * @folded_needle: (nullable): text from byline_story_fold_search_text()
 * @status: a #BylineStoryStatus, or %BYLINE_STORY_FILTER_ALL_STATUSES
 * @matches: (element-type BylineStory): where the matching stories are added, in order
 *
 * Searches the first byline_story_search_index_get_n_indexed() stories.
 */
void
byline_story_search_index_match (BylineStorySearchIndex *self,
                                 GPtrArray              *stories,
                                 const char             *folded_needle,
                                 int                     status,
                                 GPtrArray              *matches)
{
  const guint32 *starts;

  g_return_if_fail (byline_story_search_index_get_n_indexed (self, stories) == self->built);

  if (folded_needle == NULL || *folded_needle == '\0')
    {
      match_status (self, stories, status, matches);
      return;
    }

  starts = (const guint32 *) (gpointer) self->starts->data;
  for (guint i = 0; i < self->built; i++)
    if (has_status (self, i, status) && strstr (self->keys->str + starts[i], folded_needle) != NULL)
      g_ptr_array_add (matches, g_ptr_array_index (stories, i));
}
