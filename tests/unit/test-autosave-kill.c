/* test-autosave-kill.c: the store survives SIGKILL at any moment of an autosave
 *
 * A child process saves a story's body in a loop, as the editor's autosave does,
 * and reports each committed save on a pipe; it is killed at a random moment. The
 * database must then open, pass PRAGMA integrity_check, and hold the last body
 * reported committed or a later one.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <signal.h>
#include <string.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include "model/byline-story.h"
#include "store/byline-store.h"

#define N_ROUNDS 8

static const char *story_uuid;

static char *
body_for (guint64 n)
{
  /* Long enough that a save spans several pages of the database. */
  g_autofree char *padding = g_strnfill (6000, 'x');

  return g_strdup_printf ("<p>save %" G_GUINT64_FORMAT "</p><p>%s</p>", n, padding);
}

static G_NORETURN void
save_forever (const char *path,
              guint64     first,
              int         report)
{
  g_autoptr (BylineStore) store = byline_store_open (path, NULL);
  BylineStory *story = byline_store_find_story (store, story_uuid);

  byline_store_load_body (store, story, NULL);
  for (guint64 n = first;; n++)
    {
      g_autofree char *body = body_for (n);

      byline_story_set_body (story, body);
      byline_story_touch (story);
      if (!byline_store_save_story (store, story, NULL) || write (report, &n, sizeof n) != sizeof n)
        _exit (1);
    }
}

static guint64
last_reported (int     report,
               guint64 last)
{
  guint64 n;

  while (read (report, &n, sizeof n) == sizeof n)
    last = n;
  return last;
}

static void
assert_integrity (const char *path)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA integrity_check", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "ok");
  sqlite3_finalize (stmt);
  sqlite3_close (db);
}

static guint64
saved_number (const char *path)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (BylineStore) store = byline_store_open (path, &error);
  BylineStory *story;
  const char *body;

  g_assert_no_error (error);
  story = byline_store_find_story (store, story_uuid);
  g_assert_nonnull (story);
  g_assert_true (byline_store_load_body (store, story, &error));
  g_assert_no_error (error);
  body = byline_story_get_body (story);
  g_assert_true (g_str_has_prefix (body, "<p>save "));
  return g_ascii_strtoull (body + strlen ("<p>save "), NULL, 10);
}

static void
kill_one_round (const char *path)
{
  int pipe_fds[2];
  guint64 before = saved_number (path);
  guint64 reported, saved;
  int status;
  pid_t child;

  g_assert_cmpint (pipe (pipe_fds), ==, 0);
  child = fork ();
  g_assert_cmpint (child, >=, 0);
  if (child == 0)
    {
      close (pipe_fds[0]);
      save_forever (path, before + 1, pipe_fds[1]);
    }
  close (pipe_fds[1]);
  g_usleep (g_test_rand_int_range (20, 250) * 1000);
  kill (child, SIGKILL);
  g_assert_cmpint (waitpid (child, &status, 0), ==, child);
  g_assert_true (WIFSIGNALED (status));
  /* On a busy machine the kill can come before the child's first save. */
  reported = last_reported (pipe_fds[0], before);
  close (pipe_fds[0]);

  assert_integrity (path);
  saved = saved_number (path);
  g_test_message ("reported %" G_GUINT64_FORMAT ", stored %" G_GUINT64_FORMAT, reported, saved);
  /* The save under way when the kill came may have committed without being reported. */
  g_assert_cmpuint (saved, >=, reported);
  g_assert_cmpuint (saved, <=, reported + 1);
}

static void
test_kill_while_saving (void)
{
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "newsroom.db", NULL);
  g_autoptr (BylineStore) store = NULL;
  g_autoptr (BylineStory) story = byline_story_new ();
  g_autoptr (GError) error = NULL;

  store = byline_store_open (path, &error);
  g_assert_no_error (error);
  byline_story_set_headline (story, "Crash test");
  byline_story_set_body (story, "<p>save 0</p>");
  g_assert_true (byline_store_save_story (store, story, &error));
  story_uuid = g_intern_string (byline_story_get_uuid (story));
  g_clear_object (&store);

  for (guint round = 0; round < N_ROUNDS; round++)
    kill_one_round (path);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/store/autosave/killed-while-saving", test_kill_while_saving);

  return g_test_run ();
}
