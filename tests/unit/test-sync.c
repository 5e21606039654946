/* test-sync.c: the sync engine against a fake WordPress that keeps state
 *
 * The fake WordPress (tests/support) stores posts like wp/v2 and the
 * companion plugin do (client UUID lookup, 412 on a stale base), with a
 * clock that ticks one second per write, and can be told to fail the next
 * requests of a route before or after doing the work.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "cms/byline-wp-client.h"
#include "model/byline-story.h"
#include "store/byline-store-sync.h"
#include "sync/byline-sync-engine.h"

#include "byline-fake-wordpress.h"
#include "byline-test-support.h"
#include "byline-test-sync.h"

#define ACCOUNT "desk"
#define RETRY_BASE_MS 20

typedef struct
{
  BylineFakeWordpress *wp;
  char                *store_path;
  BylineStore         *store;
  BylineSyncEngine    *engine;
} Fixture;

/* Store and engine */

static void
fixture_open_store (Fixture *fixture)
{
  g_autoptr (GError) error = NULL;

  fixture->store = byline_store_open (fixture->store_path, &error);
  g_assert_no_error (error);
}

static void
fixture_start_engine (Fixture *fixture)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (BylineWpClient) client = byline_wp_client_new (byline_fake_wordpress_get_url (fixture->wp), "editor",
                                                            "abcd efgh ijkl mnop", &error);

  g_assert_no_error (error);
  g_clear_object (&fixture->engine);
  fixture->engine = byline_sync_engine_new (fixture->store, ACCOUNT, BYLINE_CMS_CLIENT (client));
  byline_sync_engine_set_retry_delays (fixture->engine, RETRY_BASE_MS, 200, 6);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr (BylineStoreAccount) account = NULL;
  g_autoptr (GError) error = NULL;

  fixture->wp = byline_fake_wordpress_new (NULL, NULL);
  byline_fake_wordpress_serve_index (fixture->wp, "[\"wp/v2\",\"byline/v1\"]");
  byline_fake_wordpress_serve_posts (fixture->wp);

  fixture->store_path = g_build_filename (g_get_user_data_dir (), "byline", "newsroom.db", NULL);
  fixture_open_store (fixture);
  account = byline_store_account_new (ACCOUNT, byline_fake_wordpress_get_url (fixture->wp), "editor");
  account->has_companion = TRUE;
  g_assert_true (byline_store_save_account (fixture->store, account, &error));
  g_assert_no_error (error);
  fixture_start_engine (fixture);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->engine);
  g_clear_pointer (&fixture->wp, byline_fake_wordpress_free);
  g_clear_object (&fixture->store);
  g_clear_pointer (&fixture->store_path, g_free);
}

/* Saves wait on the store's writer thread; the outbox entry commits with them. */
static void
save_and_wait (Fixture     *fixture,
               BylineStory *story)
{
  g_autoptr (GError) error = NULL;

  g_assert_true (byline_store_save_story (fixture->store, story, &error));
  g_assert_no_error (error);
}

static BylineStory *
write_story (Fixture    *fixture,
             const char *headline)
{
  BylineStory *story = byline_story_new ();
  g_autofree char *body = g_strdup_printf ("<p>%s, the body.</p>", headline);

  byline_story_set_account (story, ACCOUNT);
  byline_story_set_headline (story, headline);
  byline_story_set_dek (story, "A dek");
  byline_story_set_body (story, body);
  byline_story_touch (story);
  save_and_wait (fixture, story);
  return story;
}

static BylineOutboxEntry *
outbox_entry (Fixture     *fixture,
              BylineStory *story)
{
  return byline_store_get_outbox_entry (fixture->store, byline_story_get_uuid (story), NULL);
}

/* Tests */

static void
test_outbox_survives_reopen (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr (BylineStory) written = write_story (fixture, "Written before the crash");
  g_autofree char *uuid = g_strdup (byline_story_get_uuid (written));
  g_autoptr (BylineOutboxEntry) entry = NULL;
  BylineSyncReport report;
  BylineStory *story;

  g_clear_object (&fixture->engine);
  g_clear_object (&written);
  g_clear_object (&fixture->store);
  fixture_open_store (fixture);
  fixture_start_engine (fixture);

  entry = byline_store_get_outbox_entry (fixture->store, uuid, NULL);
  g_assert_nonnull (entry);
  g_assert_cmpint (entry->operation, ==, BYLINE_OUTBOX_CREATE);
  g_assert_cmpint (entry->state, ==, BYLINE_OUTBOX_PENDING);

  report = byline_test_push (fixture->engine);
  g_assert_cmpuint (report.pushed, ==, 1);
  g_assert_cmpuint (byline_fake_wordpress_count_posts_with_uuid (fixture->wp, uuid), ==, 1);
  story = byline_store_find_story (fixture->store, uuid);
  g_assert_cmpint (byline_story_get_remote_id (story), >=, 100);
  g_assert_false (byline_story_get_dirty (story));
  g_assert_nonnull (byline_story_get_remote_modified (story));
  g_assert_null (outbox_entry (fixture, story));
}

static void
test_server_errors_retried_with_backoff (Fixture       *fixture,
                                         gconstpointer  data)
{
  g_autoptr (BylineStory) story = write_story (fixture, "Sent through a flaky server");
  GPtrArray *requests = byline_fake_wordpress_get_requests (fixture->wp);
  GArray *request_times = byline_fake_wordpress_get_request_times (fixture->wp);
  gint64 first = 0, last = 0;
  guint creates = 0;
  BylineSyncReport report;

  byline_fake_wordpress_fail (fixture->wp, "POST /wp-json/wp/v2/posts", BYLINE_FAKE_FAIL_BEFORE, 503, 3);
  report = byline_test_push (fixture->engine);

  g_assert_cmpuint (report.pushed, ==, 1);
  g_assert_cmpuint (report.retried, ==, 3);
  g_assert_cmpint (report.last_transient_code, ==, BYLINE_CMS_ERROR_SERVER_ERROR);
  g_assert_cmpuint (byline_fake_wordpress_count_posts_with_uuid (fixture->wp, byline_story_get_uuid (story)), ==, 1);
  for (guint i = 0; i < requests->len; i++)
    {
      if (!g_str_equal (g_ptr_array_index (requests, i), "POST /wp-json/wp/v2/posts"))
        continue;
      last = g_array_index (request_times, gint64, i);
      if (creates++ == 0)
        first = last;
    }
  g_assert_cmpuint (creates, ==, 4);
  /* Equal jitter: each wait is at least half of base × 2^n. */
  g_assert_cmpint (last - first, >=, (RETRY_BASE_MS / 2 + RETRY_BASE_MS + RETRY_BASE_MS * 2) * 1000);
  /* A failed create is looked up before it is sent again. */
  g_assert_cmpuint (byline_fake_wordpress_count_requests (fixture->wp, "GET /wp-json/byline/v1/posts"), ==, 3);
}

static void
test_client_error_recorded_story_intact (Fixture       *fixture,
                                         gconstpointer  data)
{
  g_autoptr (BylineStory) story = write_story (fixture, "Refused by the server");
  g_autoptr (BylineOutboxEntry) entry = NULL;
  g_autoptr (BylineOutboxEntry) retried = NULL;
  BylineSyncReport report;

  byline_fake_wordpress_fail (fixture->wp, "POST /wp-json/wp/v2/posts", BYLINE_FAKE_FAIL_BEFORE, 403, 1);
  report = byline_test_push (fixture->engine);

  g_assert_cmpuint (report.pushed, ==, 0);
  g_assert_cmpuint (report.failed, ==, 1);
  g_assert_cmpint (report.last_failure_code, ==, BYLINE_CMS_ERROR_FORBIDDEN);
  g_assert_cmpuint (g_hash_table_size (byline_fake_wordpress_get_posts (fixture->wp)), ==, 0);
  entry = outbox_entry (fixture, story);
  g_assert_cmpint (entry->state, ==, BYLINE_OUTBOX_FAILED);
  g_assert_nonnull (strstr (entry->last_error, "Injected failure"));
  g_assert_cmpstr (byline_story_get_headline (story), ==, "Refused by the server");
  g_assert_cmpstr (byline_story_get_body (story), ==, "<p>Refused by the server, the body.</p>");
  g_assert_true (byline_story_get_dirty (story));

  /* Not retried by itself ... */
  report = byline_test_push (fixture->engine);
  g_assert_cmpuint (report.failed, ==, 1);
  g_assert_cmpuint (byline_fake_wordpress_count_requests (fixture->wp, "POST /wp-json/wp/v2/posts"), ==, 1);

  /* ... but a new edit puts it back in line. */
  byline_story_set_status (story, BYLINE_STORY_STATUS_PENDING);
  byline_story_touch (story);
  save_and_wait (fixture, story);
  retried = outbox_entry (fixture, story);
  g_assert_cmpint (retried->state, ==, BYLINE_OUTBOX_PENDING);
  report = byline_test_push (fixture->engine);
  g_assert_cmpuint (report.pushed, ==, 1);
  g_assert_cmpuint (byline_fake_wordpress_count_posts_with_uuid (fixture->wp, byline_story_get_uuid (story)), ==, 1);
}

static void
test_lost_create_adopted (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr (BylineStory) answered_500 = write_story (fixture, "Stored, then a 500");
  g_autoptr (BylineStory) answered_garbage = write_story (fixture, "Stored, then garbage");
  BylineSyncReport report;

  byline_fake_wordpress_fail (fixture->wp, "POST /wp-json/wp/v2/posts", BYLINE_FAKE_FAIL_AFTER, 500, 1);
  byline_fake_wordpress_fail (fixture->wp, "POST /wp-json/wp/v2/posts", BYLINE_FAKE_GARBAGE_AFTER, 201, 1);
  report = byline_test_push (fixture->engine);

  g_assert_cmpuint (report.pushed, ==, 2);
  g_assert_cmpuint (report.adopted, ==, 2);
  g_assert_cmpuint (g_hash_table_size (byline_fake_wordpress_get_posts (fixture->wp)), ==, 2);
  g_assert_cmpuint (byline_fake_wordpress_count_posts_with_uuid (fixture->wp, byline_story_get_uuid (answered_500)), ==, 1);
  g_assert_cmpuint (byline_fake_wordpress_count_posts_with_uuid (fixture->wp, byline_story_get_uuid (answered_garbage)), ==, 1);
  g_assert_cmpuint (byline_fake_wordpress_count_requests (fixture->wp, "POST /wp-json/wp/v2/posts"), ==, 2);
  g_assert_false (byline_story_get_dirty (answered_500));
  g_assert_cmpint (byline_story_get_remote_id (answered_garbage), >, 0);
}

static void
test_lost_update_not_a_conflict (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autoptr (BylineStory) story = write_story (fixture, "Updated, answer lost");
  g_autofree char *route = NULL;
  BylineSyncReport report;
  BylineFakePost *post;

  byline_story_set_dek (story, NULL);
  byline_story_touch (story);
  save_and_wait (fixture, story);
  g_assert_cmpuint (byline_test_push (fixture->engine).pushed, ==, 1);
  route = g_strdup_printf ("POST /wp-json/wp/v2/posts/%" G_GINT64_FORMAT, byline_story_get_remote_id (story));
  byline_story_set_body (story, "<p>Second version.</p>");
  byline_story_touch (story);
  save_and_wait (fixture, story);
  byline_fake_wordpress_fail (fixture->wp, route, BYLINE_FAKE_FAIL_AFTER, 502, 1);

  report = byline_test_push (fixture->engine);
  g_assert_cmpuint (report.pushed, ==, 1);
  g_assert_cmpuint (report.conflicts, ==, 0);
  post = byline_fake_wordpress_get_post (fixture->wp, byline_story_get_remote_id (story));
  g_assert_cmpstr (post->content, ==, "<p>Second version.</p>");
  g_assert_null (byline_store_load_conflict (fixture->store, byline_story_get_uuid (story), NULL));
  g_assert_false (byline_story_get_dirty (story));
}

/* Pushes @story, then has a colleague change the post on the server, then
 * edits it locally and pushes again. */
static void
make_conflict (Fixture     *fixture,
               BylineStory *story)
{
  BylineSyncReport report;
  BylineFakePost *post;

  g_assert_cmpuint (byline_test_push (fixture->engine).pushed, ==, 1);
  post = byline_fake_wordpress_get_post (fixture->wp, byline_story_get_remote_id (story));
  g_free (post->title);
  post->title = g_strdup ("The colleague's headline");
  byline_fake_wordpress_touch_post (fixture->wp, post);

  byline_story_set_body (story, "<p>My offline edit.</p>");
  byline_story_touch (story);
  save_and_wait (fixture, story);
  report = byline_test_push (fixture->engine);
  g_assert_cmpuint (report.conflicts, ==, 1);
  g_assert_cmpuint (report.pushed, ==, 0);
}

static void
test_conflict_keeps_both (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr (BylineStory) story = write_story (fixture, "Edited on both sides");
  g_autoptr (BylineStory) server_version = NULL;
  g_autoptr (BylineOutboxEntry) entry = NULL;
  BylineFakePost *post;

  make_conflict (fixture, story);

  post = byline_fake_wordpress_get_post (fixture->wp, byline_story_get_remote_id (story));
  g_assert_cmpstr (post->title, ==, "The colleague's headline");
  g_assert_cmpstr (post->content, ==, "<p>Edited on both sides, the body.</p>");
  g_assert_cmpstr (byline_story_get_body (story), ==, "<p>My offline edit.</p>");
  g_assert_true (byline_story_get_dirty (story));
  server_version = byline_store_load_conflict (fixture->store, byline_story_get_uuid (story), NULL);
  g_assert_nonnull (server_version);
  g_assert_cmpstr (byline_story_get_headline (server_version), ==, "The colleague's headline");
  entry = outbox_entry (fixture, story);
  g_assert_cmpint (entry->state, ==, BYLINE_OUTBOX_CONFLICT);

  /* A conflict is not retried on its own. */
  g_assert_cmpuint (byline_test_push (fixture->engine).conflicts, ==, 1);
  g_assert_cmpstr (post->content, ==, "<p>Edited on both sides, the body.</p>");
}

static void
test_conflict_keep_local (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr (BylineStory) story = write_story (fixture, "Mine wins");
  g_autoptr (GError) error = NULL;
  BylineFakePost *post;

  make_conflict (fixture, story);
  g_assert_true (byline_sync_engine_resolve_conflict (fixture->engine, story, BYLINE_SYNC_RESOLVE_KEEP_LOCAL,
                                                      NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (byline_test_push (fixture->engine).pushed, ==, 1);

  post = byline_fake_wordpress_get_post (fixture->wp, byline_story_get_remote_id (story));
  g_assert_cmpstr (post->title, ==, "Mine wins");
  g_assert_cmpstr (post->content, ==, "<p>My offline edit.</p>");
  g_assert_null (byline_store_load_conflict (fixture->store, byline_story_get_uuid (story), NULL));
  g_assert_false (byline_story_get_dirty (story));
}

static void
test_conflict_keep_server (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr (BylineStory) story = write_story (fixture, "Theirs wins");
  g_autoptr (GError) error = NULL;
  GPtrArray *requests = byline_fake_wordpress_get_requests (fixture->wp);
  BylineFakePost *post;
  guint updates_before;

  make_conflict (fixture, story);
  g_assert_true (byline_sync_engine_resolve_conflict (fixture->engine, story, BYLINE_SYNC_RESOLVE_KEEP_SERVER,
                                                      NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (byline_story_get_headline (story), ==, "The colleague's headline");
  g_assert_cmpstr (byline_story_get_body (story), ==, "<p>Theirs wins, the body.</p>");
  g_assert_false (byline_story_get_dirty (story));
  g_assert_null (outbox_entry (fixture, story));

  post = byline_fake_wordpress_get_post (fixture->wp, byline_story_get_remote_id (story));
  updates_before = requests->len;
  g_assert_cmpuint (byline_test_push (fixture->engine).pushed, ==, 0);
  g_assert_cmpuint (requests->len, ==, updates_before);
  g_assert_cmpstr (post->title, ==, "The colleague's headline");
}

static void
test_conflict_merged (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr (BylineStory) story = write_story (fixture, "Merged by hand");
  g_autoptr (GError) error = NULL;
  BylineFakePost *post;

  make_conflict (fixture, story);
  g_assert_true (byline_sync_engine_resolve_conflict (fixture->engine, story, BYLINE_SYNC_RESOLVE_MERGED,
                                                      "<p>Both edits, merged.</p>", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (byline_test_push (fixture->engine).pushed, ==, 1);

  post = byline_fake_wordpress_get_post (fixture->wp, byline_story_get_remote_id (story));
  g_assert_cmpstr (post->content, ==, "<p>Both edits, merged.</p>");
  g_assert_false (byline_story_get_dirty (story));
}

static void
test_pull_pagination_and_incremental (Fixture       *fixture,
                                      gconstpointer  data)
{
  GListModel *stories = byline_store_get_stories (fixture->store);
  g_autoptr (GListModel) trash = NULL;
  BylineSyncReport report;
  BylineFakePost *changed, *trashed, *deleted;
  BylineStory *local;

  for (guint i = 0; i < 250; i++)
    {
      g_autofree char *title = g_strdup_printf ("Post %u", i);
      byline_fake_wordpress_add_post (fixture->wp, title, i % 5 == 0 ? "publish" : "draft");
    }
  byline_fake_wordpress_add_post (fixture->wp, "Already in the trash", "trash");

  report = byline_test_pull (fixture->engine, FALSE);
  g_assert_cmpuint (report.requests, ==, 3);
  g_assert_cmpuint (report.pulled, ==, 250);
  g_assert_cmpuint (g_list_model_get_n_items (stories), ==, 250);
  g_assert_cmpuint (byline_fake_wordpress_count_requests (fixture->wp, "GET /wp-json/wp/v2/posts"), ==, 3);

  report = byline_test_pull (fixture->engine, FALSE);
  g_assert_cmpuint (report.requests, ==, 1);
  g_assert_cmpuint (report.pulled, ==, 0);

  changed = byline_fake_wordpress_get_post (fixture->wp, 110);
  g_free (changed->title);
  changed->title = g_strdup ("Changed on the server");
  byline_fake_wordpress_touch_post (fixture->wp, changed);
  trashed = byline_fake_wordpress_get_post (fixture->wp, 111);
  g_free (trashed->status);
  trashed->status = g_strdup ("trash");
  byline_fake_wordpress_touch_post (fixture->wp, trashed);

  report = byline_test_pull (fixture->engine, FALSE);
  g_assert_cmpuint (report.requests, ==, 1);
  g_assert_cmpuint (report.pulled, ==, 1);
  g_assert_cmpuint (report.removed, ==, 1);
  local = byline_test_find_local (fixture->store, 110);
  g_assert_cmpstr (byline_story_get_headline (local), ==, "Changed on the server");
  g_assert_false (byline_story_get_dirty (local));
  g_assert_null (byline_test_find_local (fixture->store, 111));
  trash = byline_store_list_trash (fixture->store, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (trash), ==, 1);

  /* A permanent delete leaves no trace but in a full listing. */
  deleted = byline_fake_wordpress_get_post (fixture->wp, 112);
  g_hash_table_remove (byline_fake_wordpress_get_posts (fixture->wp), &deleted->id);
  g_assert_cmpuint (byline_test_pull (fixture->engine, FALSE).removed, ==, 0);
  g_assert_cmpuint (byline_test_pull (fixture->engine, TRUE).removed, ==, 1);
  g_assert_null (byline_test_find_local (fixture->store, 112));
  g_assert_cmpuint (g_list_model_get_n_items (stories), ==, 248);

  /* What the user trashed here stays in the trash. */
  local = byline_test_find_local (fixture->store, 120);
  g_assert_true (byline_store_trash_story (fixture->store, local, NULL));
  g_assert_cmpuint (byline_test_pull (fixture->engine, TRUE).pulled, ==, 0);
  g_assert_null (byline_test_find_local (fixture->store, 120));
  g_assert_cmpuint (g_list_model_get_n_items (stories), ==, 247);
}

/* modified_gmt has one-second resolution: an edit within the second of the
 * last pull keeps it, and must still arrive. */
static void
test_pull_same_second_edit (Fixture       *fixture,
                            gconstpointer  data)
{
  BylineFakePost *post = byline_fake_wordpress_add_post (fixture->wp, "First version", "draft");
  BylineSyncReport report;

  g_assert_cmpuint (byline_test_pull (fixture->engine, FALSE).pulled, ==, 1);

  g_free (post->title);
  post->title = g_strdup ("Second version, same second");
  report = byline_test_pull (fixture->engine, FALSE);
  g_assert_cmpuint (report.requests, ==, 1);
  g_assert_cmpuint (report.pulled, ==, 1);
  g_assert_cmpstr (byline_story_get_headline (byline_test_find_local (fixture->store, post->id)), ==, "Second version, same second");

  g_assert_cmpuint (byline_test_pull (fixture->engine, FALSE).pulled, ==, 0);
}

static void
test_pull_keeps_unsent_edit (Fixture       *fixture,
                             gconstpointer  data)
{
  BylineFakePost *post = byline_fake_wordpress_add_post (fixture->wp, "Pulled once", "draft");
  g_autoptr (BylineStory) server_version = NULL;
  BylineStory *local;
  BylineSyncReport report;

  byline_test_pull (fixture->engine, FALSE);
  local = byline_test_find_local (fixture->store, post->id);
  g_assert_true (byline_store_load_body (fixture->store, local, NULL));
  byline_story_set_body (local, "<p>Unsent local edit.</p>");
  byline_story_touch (local);
  save_and_wait (fixture, local);

  g_free (post->content);
  post->content = g_strdup ("<p>Server edit.</p>");
  byline_fake_wordpress_touch_post (fixture->wp, post);

  report = byline_test_pull (fixture->engine, FALSE);
  g_assert_cmpuint (report.conflicts, ==, 1);
  g_assert_cmpstr (byline_story_get_body (local), ==, "<p>Unsent local edit.</p>");
  server_version = byline_store_load_conflict (fixture->store, byline_story_get_uuid (local), NULL);
  g_assert_cmpstr (byline_story_get_body (server_version), ==, "<p>Server edit.</p>");
}

static gboolean
on_deadline (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

static void
test_automatic_sync_when_online (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autoptr (BylineStory) story = write_story (fixture, "Sent without being asked");
  gboolean timed_out = FALSE;
  guint deadline;

  if (!g_network_monitor_get_network_available (g_network_monitor_get_default ()))
    {
      g_test_skip ("GIO reports no network here");
      return;
    }

  deadline = g_timeout_add_seconds (10, on_deadline, &timed_out);
  byline_sync_engine_set_automatic (fixture->engine, TRUE);
  while (!timed_out && (byline_story_get_dirty (story) || byline_sync_engine_get_busy (fixture->engine)))
    g_main_context_iteration (NULL, TRUE);
  if (!timed_out)
    g_source_remove (deadline);

  g_assert_false (timed_out);
  g_assert_cmpuint (byline_fake_wordpress_count_posts_with_uuid (fixture->wp, byline_story_get_uuid (story)), ==, 1);
  byline_sync_engine_set_automatic (fixture->engine, FALSE);
}

static char *
closed_port_url (void)
{
  g_autoptr (GSocket) socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, NULL);
  g_autoptr (GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr (GSocketAddress) any_port = g_inet_socket_address_new (loopback, 0);
  g_autoptr (GSocketAddress) bound = NULL;

  g_assert_true (g_socket_bind (socket, any_port, FALSE, NULL));
  bound = g_socket_get_local_address (socket, NULL);
  return g_strdup_printf ("http://127.0.0.1:%u", g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound)));
}

static void
on_unreachable (BylineSyncEngine *engine,
                guint            *n_signals)
{
  (*n_signals)++;
}

/* Nothing listens: each failed try says so at once, not only after the last. */
static void
test_unreachable_told_at_first_failure (Fixture       *fixture,
                                        gconstpointer  data)
{
  g_autofree char *url = closed_port_url ();
  g_autoptr (GError) error = NULL;
  g_autoptr (BylineWpClient) client = byline_wp_client_new (url, "editor", "abcd efgh ijkl mnop", &error);
  g_autoptr (BylineStory) story = NULL;
  guint n_signals = 0;
  BylineSyncReport report;

  g_assert_no_error (error);
  g_clear_object (&fixture->engine);
  fixture->engine = byline_sync_engine_new (fixture->store, ACCOUNT, BYLINE_CMS_CLIENT (client));
  byline_sync_engine_set_retry_delays (fixture->engine, RETRY_BASE_MS, 200, 3);
  g_signal_connect (fixture->engine, "unreachable", G_CALLBACK (on_unreachable), &n_signals);
  story = write_story (fixture, "Written offline");

  report = byline_test_push (fixture->engine);
  g_assert_cmpuint (n_signals, ==, 3);
  g_assert_cmpuint (report.pending, ==, 1);
  g_assert_true (byline_story_get_dirty (story));
}

#define add_test(path, func) \
  g_test_add ((path), Fixture, NULL, fixture_set_up, (func), fixture_tear_down)

int
main (int   argc,
      char *argv[])
{
  byline_fake_wordpress_test_init (&argc, &argv);

  add_test ("/sync/outbox/survives-reopen", test_outbox_survives_reopen);
  add_test ("/sync/push/server-errors-retried-with-backoff", test_server_errors_retried_with_backoff);
  add_test ("/sync/push/client-error-recorded-story-intact", test_client_error_recorded_story_intact);
  add_test ("/sync/push/lost-create-adopted", test_lost_create_adopted);
  add_test ("/sync/push/lost-update-not-a-conflict", test_lost_update_not_a_conflict);
  add_test ("/sync/conflict/keeps-both", test_conflict_keeps_both);
  add_test ("/sync/conflict/keep-local", test_conflict_keep_local);
  add_test ("/sync/conflict/keep-server", test_conflict_keep_server);
  add_test ("/sync/conflict/merged", test_conflict_merged);
  add_test ("/sync/pull/pagination-and-incremental", test_pull_pagination_and_incremental);
  add_test ("/sync/pull/same-second-edit", test_pull_same_second_edit);
  add_test ("/sync/pull/keeps-unsent-edit", test_pull_keeps_unsent_edit);
  add_test ("/sync/automatic/when-online", test_automatic_sync_when_online);
  add_test ("/sync/push/unreachable-told-at-first-failure", test_unreachable_told_at_first_failure);

  return g_test_run ();
}
