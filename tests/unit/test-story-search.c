/* test-story-search.c: the story list's search, through its index and without
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "widgets/byline-story-filter-model.h"
#include "widgets/byline-story-search-index.h"
#include "widgets/byline-story-selection.h"
#include "widgets/byline-story-slot.h"

static const char *headlines[] = {
  "Council approves bridge repairs", "Café owners welcome the new market", "Storm closes the harbour",
  "Bridge council meets again", "Schools reopen after the storm", "CAFÉ prices rise",
};

static const char *bylines[] = { "Ada Brook", "Ben Okafor", "Chen Wei" };

/* Stories in a fixed pattern over headlines, bylines, tags and statuses. */
static GPtrArray *
make_stories (guint n_stories)
{
  GPtrArray *stories = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < n_stories; i++)
    {
      BylineStory *story = byline_story_new ();
      const char *tags[] = { i % 4 == 0 ? "transport" : "city", NULL };

      byline_story_set_headline (story, headlines[i % G_N_ELEMENTS (headlines)]);
      byline_story_set_byline (story, bylines[i % G_N_ELEMENTS (bylines)]);
      byline_story_set_tags (story, tags);
      byline_story_set_status (story, (BylineStoryStatus) (i % (BYLINE_STORY_STATUS_PRIVATE + 1)));
      g_ptr_array_add (stories, story);
    }
  return stories;
}

static BylineStorySearchIndex *
build_index (GPtrArray *stories)
{
  BylineStorySearchIndex *index = byline_story_search_index_new ();

  while (!byline_story_search_index_build_step (index, stories, G_MAXINT64))
    ;
  return index;
}

/* What searching story by story finds, from @first on. */
static void
add_matching (GPtrArray  *stories,
              guint       first,
              const char *needle,
              int         status,
              GPtrArray  *matches)
{
  for (guint i = first; i < stories->len; i++)
    {
      BylineStory *story = g_ptr_array_index (stories, i);

      if ((status == BYLINE_STORY_FILTER_ALL_STATUSES || (int) byline_story_get_status (story) == status) &&
          byline_story_matches (story, needle))
        g_ptr_array_add (matches, story);
    }
}

static void
assert_same_stories (GPtrArray *expected,
                     GPtrArray *found)
{
  g_assert_cmpuint (found->len, ==, expected->len);
  for (guint i = 0; i < expected->len; i++)
    g_assert_true (g_ptr_array_index (found, i) == g_ptr_array_index (expected, i));
}

static void
test_index_matches_like_stories (void)
{
  g_autoptr (GPtrArray) stories = make_stories (1000);
  g_autoptr (BylineStorySearchIndex) index = build_index (stories);
  const char *searches[] = { "bridge", "café", "CAFÉ", "brook", "transport", "storm closes", "zzz", "e", "" };
  int statuses[] = { BYLINE_STORY_FILTER_ALL_STATUSES, BYLINE_STORY_STATUS_DRAFT, BYLINE_STORY_STATUS_PUBLISHED };

  g_assert_cmpuint (byline_story_search_index_get_n_indexed (index, stories), ==, stories->len);
  for (guint s = 0; s < G_N_ELEMENTS (searches); s++)
    for (guint t = 0; t < G_N_ELEMENTS (statuses); t++)
      {
        g_autofree char *needle = byline_story_fold_search_text (searches[s]);
        g_autoptr (GPtrArray) expected = g_ptr_array_new ();
        g_autoptr (GPtrArray) found = g_ptr_array_new ();

        add_matching (stories, 0, needle, statuses[t], expected);
        byline_story_search_index_match (index, stories, needle, statuses[t], found);
        assert_same_stories (expected, found);
      }
}

/* A story changed after the index was built makes the index unusable until rebuilt. */
static void
test_index_stale_after_edit (void)
{
  g_autoptr (GPtrArray) stories = make_stories (300);
  g_autoptr (BylineStorySearchIndex) index = build_index (stories);
  g_autoptr (GPtrArray) found = g_ptr_array_new ();

  byline_story_set_headline (g_ptr_array_index (stories, 7), "Lighthouse keeper retires");
  g_assert_cmpuint (byline_story_search_index_get_n_indexed (index, stories), ==, 0);
  g_assert_false (byline_story_search_index_is_complete (index, stories));

  while (!byline_story_search_index_build_step (index, stories, G_MAXINT64))
    ;
  byline_story_search_index_match (index, stories, "lighthouse", BYLINE_STORY_FILTER_ALL_STATUSES, found);
  g_assert_cmpuint (found->len, ==, 1);
  g_assert_true (g_ptr_array_index (found, 0) == g_ptr_array_index (stories, 7));

  byline_story_set_status (g_ptr_array_index (stories, 7), BYLINE_STORY_STATUS_PRIVATE);
  g_assert_cmpuint (byline_story_search_index_get_n_indexed (index, stories), ==, 0);
}

/* A step past its deadline leaves a prefix indexed, which searches like the stories it holds. */
static void
test_index_partial (void)
{
  g_autoptr (GPtrArray) stories = make_stories (5000);
  g_autoptr (BylineStorySearchIndex) index = byline_story_search_index_new ();
  g_autoptr (GPtrArray) expected = g_ptr_array_new ();
  g_autoptr (GPtrArray) found = g_ptr_array_new ();
  guint indexed;

  g_assert_false (byline_story_search_index_build_step (index, stories, 0));
  indexed = byline_story_search_index_get_n_indexed (index, stories);
  g_assert_cmpuint (indexed, >, 0);
  g_assert_cmpuint (indexed, <, stories->len);

  byline_story_search_index_match (index, stories, "bridge", BYLINE_STORY_FILTER_ALL_STATUSES, found);
  for (guint i = 0; i < indexed; i++)
    if (byline_story_matches (g_ptr_array_index (stories, i), "bridge"))
      g_ptr_array_add (expected, g_ptr_array_index (stories, i));
  assert_same_stories (expected, found);
}

/* A filter model over @stories, which it keeps. */
static BylineStoryFilterModel *
filter_stories (GPtrArray *stories)
{
  g_autoptr (GListStore) store = g_list_store_new (BYLINE_TYPE_STORY);
  BylineStoryFilterModel *model = byline_story_filter_model_new ();

  g_list_store_splice (store, 0, 0, stories->pdata, stories->len);
  byline_story_filter_model_set_model (model, G_LIST_MODEL (store));
  return model;
}

static GPtrArray *
get_shown (BylineStoryFilterModel *model)
{
  GPtrArray *shown = g_ptr_array_new_with_free_func (g_object_unref);
  guint n_items = g_list_model_get_n_items (G_LIST_MODEL (model));

  for (guint i = 0; i < n_items; i++)
    g_ptr_array_add (shown, g_list_model_get_item (G_LIST_MODEL (model), i));
  return shown;
}

static void
set_filter_and_compare (BylineStoryFilterModel *model,
                        GPtrArray              *newest_first,
                        const char             *needle,
                        int                     status)
{
  g_autoptr (GPtrArray) expected = g_ptr_array_new ();
  g_autoptr (GPtrArray) shown = NULL;

  byline_story_filter_model_set_filter (model, needle, status);
  add_matching (newest_first, 0, needle, status, expected);
  shown = get_shown (model);
  assert_same_stories (expected, shown);
}

static void
run_until_indexed (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

/* The filter model gives the same stories before its index is ready, while
 * it is built, once it is complete, and after an edit makes it stale. */
static void
test_filter_model_with_index (void)
{
  g_autoptr (GPtrArray) stories = make_stories (3000);
  g_autoptr (BylineStoryFilterModel) model = filter_stories (stories);
  g_autoptr (GPtrArray) newest_first = NULL;

  newest_first = get_shown (model);
  g_assert_cmpuint (newest_first->len, ==, stories->len);
  set_filter_and_compare (model, newest_first, "bridge", BYLINE_STORY_FILTER_ALL_STATUSES);

  g_main_context_iteration (NULL, FALSE);
  set_filter_and_compare (model, newest_first, "bridge c", BYLINE_STORY_FILTER_ALL_STATUSES);

  run_until_indexed ();
  set_filter_and_compare (model, newest_first, "café", BYLINE_STORY_STATUS_DRAFT);
  set_filter_and_compare (model, newest_first, NULL, BYLINE_STORY_STATUS_PENDING);

  byline_story_set_headline (g_ptr_array_index (stories, 42), "Lighthouse keeper retires");
  set_filter_and_compare (model, newest_first, "lighthouse", BYLINE_STORY_FILTER_ALL_STATUSES);
  run_until_indexed ();
  set_filter_and_compare (model, newest_first, "lighthouse keeper", BYLINE_STORY_FILTER_ALL_STATUSES);
  set_filter_and_compare (model, newest_first, NULL, BYLINE_STORY_FILTER_ALL_STATUSES);
}

typedef struct
{
  guint position;
  guint removed;
  guint added;
  guint calls;
} Change;

static void
record_change (GListModel *model,
               guint       position,
               guint       removed,
               guint       added,
               Change     *change)
{
  change->position = position;
  change->removed = removed;
  change->added = added;
  change->calls++;
}

static void
count_notify (GObject    *object,
              GParamSpec *pspec,
              guint      *count)
{
  (*count)++;
}

static BylineStory *
slot_story (GListModel *selection,
            guint       position)
{
  g_autoptr (BylineStorySlot) slot = g_list_model_get_item (selection, position);

  return byline_story_slot_get_story (slot);
}

/* A search keeps the places handed out and gives them their new stories;
 * only the change of length is reported, at the end. */
static void
test_selection_keeps_places (void)
{
  g_autoptr (GPtrArray) stories = make_stories (60);
  g_autoptr (BylineStoryFilterModel) model = filter_stories (stories);
  g_autoptr (BylineStorySelection) selection = NULL;
  g_autoptr (BylineStorySlot) first = NULL;
  Change change = { 0 };
  guint story_notifies = 0;

  selection = byline_story_selection_new (model);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (selection)), ==, 60);
  first = g_list_model_get_item (G_LIST_MODEL (selection), 0);
  g_signal_connect (first, "notify::story", G_CALLBACK (count_notify), &story_notifies);
  g_signal_connect (selection, "items-changed", G_CALLBACK (record_change), &change);

  byline_story_filter_model_set_filter (model, "storm", BYLINE_STORY_FILTER_ALL_STATUSES);
  g_assert_cmpuint (change.calls, ==, 1);
  g_assert_cmpuint (change.position, ==, 20);
  g_assert_cmpuint (change.removed, ==, 40);
  g_assert_cmpuint (change.added, ==, 0);
  g_assert_cmpuint (story_notifies, ==, 1);
  g_assert_true (byline_story_slot_get_story (first) == byline_story_filter_model_peek (model, 0));
  for (guint i = 0; i < 20; i++)
    g_assert_true (byline_story_matches (slot_story (G_LIST_MODEL (selection), i), "storm"));

  byline_story_filter_model_set_filter (model, NULL, BYLINE_STORY_FILTER_ALL_STATUSES);
  g_assert_cmpuint (change.calls, ==, 2);
  g_assert_cmpuint (change.position, ==, 20);
  g_assert_cmpuint (change.added, ==, 40);
  g_assert_true (slot_story (G_LIST_MODEL (selection), 59) == byline_story_filter_model_peek (model, 59));
}

/* The selection is a story: it moves with it, and goes when it is no longer shown. */
static void
test_selection_follows_story (void)
{
  g_autoptr (GPtrArray) stories = make_stories (60);
  g_autoptr (GListStore) store = g_list_store_new (BYLINE_TYPE_STORY);
  g_autoptr (BylineStoryFilterModel) model = byline_story_filter_model_new ();
  g_autoptr (BylineStorySelection) selection = NULL;
  GtkSelectionModel *selection_model;
  BylineStory *chosen;
  guint position, store_position;
  guint selected_notifies = 0;

  g_list_store_splice (store, 0, 0, stories->pdata, stories->len);
  byline_story_filter_model_set_model (model, G_LIST_MODEL (store));
  selection = byline_story_selection_new (model);
  selection_model = GTK_SELECTION_MODEL (selection);
  g_signal_connect (selection, "notify::selected-story", G_CALLBACK (count_notify), &selected_notifies);

  /* The last story about a storm: the search moves it up. */
  for (position = 59; !byline_story_matches (byline_story_filter_model_peek (model, position), "storm"); position--)
    ;
  chosen = byline_story_filter_model_peek (model, position);
  g_assert_cmpuint (position, >=, 45);
  g_assert_true (gtk_selection_model_select_item (selection_model, position, TRUE));
  g_assert_true (byline_story_selection_get_selected_story (selection) == chosen);
  g_assert_cmpuint (selected_notifies, ==, 1);

  byline_story_filter_model_set_filter (model, "storm", BYLINE_STORY_FILTER_ALL_STATUSES);
  g_assert_true (byline_story_filter_model_find (model, chosen, &position));
  g_assert_cmpuint (position, <, 20);
  g_assert_cmpuint (byline_story_selection_get_selected (selection), ==, position);
  g_assert_true (gtk_selection_model_is_selected (selection_model, position));
  g_assert_cmpuint (selected_notifies, ==, 1);

  /* Hidden by a search, it stays the story open, with no row highlighted. */
  byline_story_filter_model_set_filter (model, "council", BYLINE_STORY_FILTER_ALL_STATUSES);
  g_assert_true (byline_story_selection_get_selected_story (selection) == chosen);
  g_assert_cmpuint (byline_story_selection_get_selected (selection), ==, GTK_INVALID_LIST_POSITION);
  g_assert_cmpuint (selected_notifies, ==, 1);

  byline_story_filter_model_set_filter (model, NULL, BYLINE_STORY_FILTER_ALL_STATUSES);
  g_assert_true (byline_story_filter_model_find (model, chosen, &position));
  g_assert_true (gtk_selection_model_is_selected (selection_model, position));
  g_assert_cmpuint (selected_notifies, ==, 1);

  /* Gone from the list, it is no longer selected. */
  g_assert_true (g_list_store_find (store, chosen, &store_position));
  g_list_store_remove (store, store_position);
  g_assert_null (byline_story_selection_get_selected_story (selection));
  g_assert_cmpuint (byline_story_selection_get_selected (selection), ==, GTK_INVALID_LIST_POSITION);
  g_assert_cmpuint (selected_notifies, ==, 2);
}

/* A refresh has the places handed out show their stories again. */
static void
test_selection_refresh (void)
{
  g_autoptr (GPtrArray) stories = make_stories (30);
  g_autoptr (BylineStoryFilterModel) model = filter_stories (stories);
  g_autoptr (BylineStorySelection) selection = byline_story_selection_new (model);
  g_autoptr (BylineStorySlot) slot = g_list_model_get_item (G_LIST_MODEL (selection), 3);
  BylineStory *shown = byline_story_slot_get_story (slot);
  guint story_notifies = 0;

  g_signal_connect (slot, "notify::story", G_CALLBACK (count_notify), &story_notifies);
  byline_story_selection_refresh (selection);
  g_assert_cmpuint (story_notifies, ==, 1);
  g_assert_true (byline_story_slot_get_story (slot) == shown);
}

/* Held back to its first places, the model reports the rest when let go,
 * or as soon as a story beyond them is selected. */
static void
test_selection_holds_back (void)
{
  g_autoptr (GPtrArray) stories = make_stories (60);
  g_autoptr (BylineStoryFilterModel) model = filter_stories (stories);
  g_autoptr (BylineStorySelection) selection = byline_story_selection_new (model);
  Change change = { 0 };

  byline_story_selection_set_max_items (selection, 10);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (selection)), ==, 10);
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (selection), 10));

  g_signal_connect (selection, "items-changed", G_CALLBACK (record_change), &change);
  byline_story_filter_model_set_filter (model, "storm", BYLINE_STORY_FILTER_ALL_STATUSES);
  g_assert_cmpuint (change.calls, ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (selection)), ==, 10);

  byline_story_selection_set_max_items (selection, G_MAXUINT);
  g_assert_cmpuint (change.calls, ==, 1);
  g_assert_cmpuint (change.position, ==, 10);
  g_assert_cmpuint (change.removed, ==, 0);
  g_assert_cmpuint (change.added, ==, 10);
  g_assert_true (slot_story (G_LIST_MODEL (selection), 19) == byline_story_filter_model_peek (model, 19));

  byline_story_selection_set_max_items (selection, 5);
  g_assert_cmpuint (change.calls, ==, 2);
  byline_story_selection_set_selected_story (selection, byline_story_filter_model_peek (model, 12));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (selection)), ==, 20);
  g_assert_true (gtk_selection_model_is_selected (GTK_SELECTION_MODEL (selection), 12));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/story-list/search-index/matches-like-stories", test_index_matches_like_stories);
  g_test_add_func ("/story-list/search-index/stale-after-edit", test_index_stale_after_edit);
  g_test_add_func ("/story-list/search-index/partial", test_index_partial);
  g_test_add_func ("/story-list/filter-model/with-index", test_filter_model_with_index);
  g_test_add_func ("/story-list/selection/keeps-places", test_selection_keeps_places);
  g_test_add_func ("/story-list/selection/follows-story", test_selection_follows_story);
  g_test_add_func ("/story-list/selection/holds-back", test_selection_holds_back);
  g_test_add_func ("/story-list/selection/refresh", test_selection_refresh);

  return g_test_run ();
}
