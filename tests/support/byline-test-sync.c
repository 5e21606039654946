/* byline-test-sync.c: running the sync engine, or byline-sync, from a test
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

/* Runs $BYLINE_SYNC_CLI with the arguments up to NULL, on the store under
 * @data_home; writes @stdin_text to it and keeps what it says where asked.
 *
 * Returns: its exit status */
int
byline_test_run_cli (const char  *data_home,
                     const char  *stdin_text,
                     char       **stdout_text,
                     char       **stderr_text,
                     ...)
{
  g_autoptr (GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE |
                                                                         G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                                                         G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_autoptr (GPtrArray) argv = g_ptr_array_new ();
  g_autoptr (GSubprocess) process = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  const char *arg;
  va_list args;

  g_subprocess_launcher_setenv (launcher, "XDG_DATA_HOME", data_home, TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_CACHE_HOME", g_get_user_cache_dir (), TRUE);
  /* GdkPixbuf tells formats apart with the system's MIME database. */
  g_subprocess_launcher_setenv (launcher, "XDG_DATA_DIRS", "/usr/local/share:/usr/share", TRUE);
  g_ptr_array_add (argv, (char *) g_getenv ("BYLINE_SYNC_CLI"));
  va_start (args, stderr_text);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, (char *) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, stdin_text, NULL, &out, &err, &error);
  g_assert_no_error (error);
  g_test_message ("byline-sync said: %s%s", out, err);
  if (stdout_text != NULL)
    *stdout_text = g_steal_pointer (&out);
  if (stderr_text != NULL)
    *stderr_text = g_steal_pointer (&err);
  return g_subprocess_get_exit_status (process);
}

/* Skips the test unless a WordPress (wp-env) and a private keyring
 * (with-keyring), where byline-sync keeps its passwords, are there. */
gboolean
byline_test_have_wordpress_and_keyring (void)
{
  if (g_getenv ("BYLINE_WP_URL") == NULL)
    {
      g_test_skip ("No WordPress: run tests/integration/wordpress/wp-env start and source its env file");
      return FALSE;
    }
  if (g_getenv ("BYLINE_TEST_KEYRING") == NULL)
    {
      g_test_skip ("No private keyring: run the suite inside tests/integration/with-keyring");
      return FALSE;
    }
  return TRUE;
}
