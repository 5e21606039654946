/* byline-test-sync.c: running the sync engine from a test
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "byline-test-support.h"
#include "byline-test-sync.h"

/* Pushes the outbox, in the main loop; the push itself must not fail. */
BylineSyncReport
byline_test_push (BylineSyncEngine *engine)
{
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  BylineSyncReport report;

  byline_sync_engine_push_async (engine, NULL, byline_test_store_result, &result);
  g_assert_true (byline_sync_engine_push_finish (engine, byline_test_wait_for_result (&result), &report, &error));
  g_assert_no_error (error);
  return report;
}

/* Pulls, in the main loop; the pull itself must not fail. */
BylineSyncReport
byline_test_pull (BylineSyncEngine *engine,
                  gboolean          full)
{
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  BylineSyncReport report;

  byline_sync_engine_pull_async (engine, full, NULL, byline_test_store_result, &result);
  g_assert_true (byline_sync_engine_pull_finish (engine, byline_test_wait_for_result (&result), &report, &error));
  g_assert_no_error (error);
  return report;
}

/* Returns: (transfer none) (nullable): the story of @store that has @remote_id */
BylineStory *
byline_test_find_local (BylineStore *store,
                        gint64       remote_id)
{
  GListModel *stories = byline_store_get_stories (store);

  for (guint i = 0; i < g_list_model_get_n_items (stories); i++)
    {
      g_autoptr (BylineStory) story = g_list_model_get_item (stories, i);

      if (byline_story_get_remote_id (story) == remote_id)
        return story;
    }
  return NULL;
}
