/* test-sync-wordpress.c: the sync engine and byline-sync against a real
 * WordPress, directly and through the fault-injecting proxy
 *
 * Start one with tests/integration/wordpress/wp-env and put the BYLINE_WP_*
 * variables of its env file in the environment; without BYLINE_WP_URL every
 * test skips. The command-line test needs a Secret Service: run the suite
 * inside tests/integration/with-keyring.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <libsoup/soup.h>

#include "byline-fault-proxy.h"
#include "cms/byline-wp-client.h"
#include "model/byline-story.h"
#include "store/byline-store-sync.h"
#include "sync/byline-sync-engine.h"

#include "byline-test-support.h"
#include "byline-test-sync.h"

#define ACCOUNT "site"
#define PROXY_SEED 20240501
#define FAULTY_DRAFTS 50

typedef struct
{
  BylineStore      *store;
  BylineSyncEngine *engine;
  BylineCmsClient  *client;
  char             *run_tag;
} Fixture;

static gboolean
have_wordpress (void)
{
  if (g_getenv ("BYLINE_WP_URL") != NULL)
    return TRUE;

  g_test_skip ("No WordPress: run tests/integration/wordpress/wp-env start and source its env file");
  return FALSE;
}

static BylineCmsClient *
client_at (const char *url,
           const char *role)
{
  g_autofree char *user_variable = g_strdup_printf ("BYLINE_WP_%s_USER", role);
  g_autofree char *pass_variable = g_strdup_printf ("BYLINE_WP_%s_PASS", role);
  g_autoptr (GError) error = NULL;
  BylineWpClient *client = byline_wp_client_new (url, g_getenv (user_variable), g_getenv (pass_variable), &error);

  g_assert_no_error (error);
  return BYLINE_CMS_CLIENT (client);
}

static void
fixture_use_url (Fixture    *fixture,
                 const char *url)
{
  g_clear_object (&fixture->engine);
  g_clear_object (&fixture->client);
  fixture->client = client_at (url, "EDITOR");
  fixture->engine = byline_sync_engine_new (fixture->store, ACCOUNT, fixture->client);
  byline_sync_engine_set_retry_delays (fixture->engine, 20, 400, 10);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "byline", "newsroom.db", NULL);
  g_autoptr (BylineStoreAccount) account = NULL;
  g_autoptr (GError) error = NULL;

  if (g_getenv ("BYLINE_WP_URL") == NULL)
    return;

  fixture->store = byline_store_open (path, &error);
  g_assert_no_error (error);
  account = byline_store_account_new (ACCOUNT, g_getenv ("BYLINE_WP_URL"), g_getenv ("BYLINE_WP_EDITOR_USER"));
  account->has_companion = TRUE;
  g_assert_true (byline_store_save_account (fixture->store, account, &error));
  fixture->run_tag = g_uuid_string_random ();
  fixture->run_tag[8] = '\0';
  fixture_use_url (fixture, g_getenv ("BYLINE_WP_URL"));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->engine);
  g_clear_object (&fixture->client);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_clear_object (&fixture->store);
  g_clear_pointer (&fixture->run_tag, g_free);
}

static BylineRemotePost *
server_post (Fixture *fixture,
             gint64   id)
{
  g_autoptr (BylineCmsClient) client = client_at (g_getenv ("BYLINE_WP_URL"), "ADMIN");
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  BylineRemotePost *post;

  byline_cms_client_get_post_async (client, id, NULL, byline_test_store_result, &result);
  post = byline_cms_client_post_finish (client, byline_test_wait_for_result (&result), &error);
  g_assert_no_error (error);
  return post;
}

static BylineRemotePost *
create_on_server (const char *title)
{
  g_autoptr (BylineCmsClient) client = client_at (g_getenv ("BYLINE_WP_URL"), "ADMIN");
  g_autoptr (BylineRemotePost) draft = byline_remote_post_new ();
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  BylineRemotePost *post;

  byline_remote_post_set_title (draft, title);
  byline_remote_post_set_content (draft, "<p>Written on the site.</p>");
  byline_cms_client_create_post_async (client, draft, NULL, byline_test_store_result, &result);
  post = byline_cms_client_post_finish (client, byline_test_wait_for_result (&result), &error);
  g_assert_no_error (error);
  return post;
}

/* A colleague's save, as an administrator, with no base check. */
static void
edit_on_server (gint64      id,
                const char *title)
{
  g_autoptr (BylineCmsClient) client = client_at (g_getenv ("BYLINE_WP_URL"), "ADMIN");
  g_autoptr (BylineRemotePost) current = NULL;
  g_autoptr (BylineRemotePost) updated = NULL;
  g_autoptr (GAsyncResult) got = NULL;
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;

  byline_cms_client_get_post_async (client, id, NULL, byline_test_store_result, &got);
  current = byline_cms_client_post_finish (client, byline_test_wait_for_result (&got), &error);
  g_assert_no_error (error);
  byline_remote_post_set_title (current, title);
  byline_cms_client_update_post_async (client, current, "9999-12-31T23:59:59", NULL, byline_test_store_result, &result);
  updated = byline_cms_client_post_finish (client, byline_test_wait_for_result (&result), &error);
  g_assert_no_error (error);
}

/* How many posts the companion plugin finds for a client UUID, in any status. */
static guint
count_posts_with_uuid (const char *uuid)
{
  g_autoptr (SoupSession) session = soup_session_new ();
  g_autofree char *uri = g_strdup_printf ("%s/?rest_route=/byline/v1/posts&client_uuid=%s",
                                          g_getenv ("BYLINE_WP_URL"), uuid);
  g_autoptr (SoupMessage) msg = soup_message_new ("GET", uri);
  g_autofree char *credentials = g_strconcat (g_getenv ("BYLINE_WP_ADMIN_USER"), ":",
                                              g_getenv ("BYLINE_WP_ADMIN_PASS"), NULL);
  g_autofree char *encoded = g_base64_encode ((const guchar *) credentials, strlen (credentials));
  g_autofree char *authorization = g_strconcat ("Basic ", encoded, NULL);
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GBytes) body = NULL;
  g_autoptr (GError) error = NULL;

  soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", authorization);
  body = soup_session_send_and_read (session, msg, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (msg), ==, 200);
  g_assert_true (json_parser_load_from_data (parser, g_bytes_get_data (body, NULL), g_bytes_get_size (body), NULL));
  return json_array_get_length (json_node_get_array (json_parser_get_root (parser)));
}

static BylineStory *
write_story (Fixture    *fixture,
             const char *headline)
{
  BylineStory *story = byline_story_new ();
  g_autofree char *body = g_strdup_printf ("<p>%s: written offline.</p>", headline);
  g_autoptr (GError) error = NULL;

  byline_story_set_account (story, ACCOUNT);
  byline_story_set_headline (story, headline);
  byline_story_set_dek (story, "Local dek");
  byline_story_set_body (story, body);
  byline_story_touch (story);
  g_assert_true (byline_store_save_story (fixture->store, story, &error));
  g_assert_no_error (error);
  return story;
}

static void
test_pull_real_posts (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *title = NULL;
  g_autoptr (BylineRemotePost) post = NULL;
  BylineSyncReport report;
  BylineStory *local;

  if (!have_wordpress ())
    return;

  title = g_strdup_printf ("Pulled from the site %s", fixture->run_tag);
  post = create_on_server (title);
  report = byline_test_pull (fixture->engine, FALSE);
  g_assert_cmpuint (report.pulled, >=, 1);
  local = byline_test_find_local (fixture->store, byline_remote_post_get_id (post));
  g_assert_nonnull (local);
  g_assert_cmpstr (byline_story_get_headline (local), ==, title);
  g_assert_cmpstr (byline_story_get_remote_modified (local), ==, byline_remote_post_get_modified_gmt (post));
  g_assert_false (byline_story_get_dirty (local));

  /* Nothing changed: one request, nothing written. */
  report = byline_test_pull (fixture->engine, FALSE);
  g_assert_cmpuint (report.requests, ==, 1);
  g_assert_cmpuint (report.pulled, ==, 0);

  /* An edit on the site reaches an incremental pull (modified_after). */
  edit_on_server (byline_remote_post_get_id (post), "Changed on the site");
  report = byline_test_pull (fixture->engine, FALSE);
  g_assert_cmpuint (report.requests, ==, 1);
  g_assert_cmpuint (report.pulled, ==, 1);
  g_assert_cmpstr (byline_story_get_headline (local), ==, "Changed on the site");
}

static void
test_offline_edit_pushed (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autofree char *title = NULL;
  g_autoptr (BylineRemotePost) post = NULL;
  g_autoptr (BylineRemotePost) on_server = NULL;
  g_autoptr (BylineStory) written = NULL;
  g_autoptr (BylineRemotePost) written_on_server = NULL;
  BylineSyncReport report;
  BylineStory *local;

  if (!have_wordpress ())
    return;

  title = g_strdup_printf ("Edited offline %s", fixture->run_tag);
  post = create_on_server (title);
  byline_test_pull (fixture->engine, FALSE);
  local = byline_test_find_local (fixture->store, byline_remote_post_get_id (post));
  g_assert_true (byline_store_load_body (fixture->store, local, NULL));
  byline_story_set_body (local, "<p>Corrected on the train, offline.</p>");
  byline_story_touch (local);
  g_assert_true (byline_store_save_story (fixture->store, local, NULL));
  written = write_story (fixture, "A new story from the train");

  /* Offline: nothing reaches the server, nothing is lost. */
  fixture_use_url (fixture, "http://127.0.0.1:1");
  byline_sync_engine_set_retry_delays (fixture->engine, 5, 10, 2);
  report = byline_test_push (fixture->engine);
  g_assert_cmpuint (report.pushed, ==, 0);
  g_assert_cmpuint (report.pending, ==, 2);
  g_assert_cmpint (report.last_transient_code, ==, BYLINE_CMS_ERROR_OFFLINE);
  g_assert_true (byline_story_get_dirty (local));

  fixture_use_url (fixture, g_getenv ("BYLINE_WP_URL"));
  report = byline_test_push (fixture->engine);
  g_assert_cmpuint (report.pushed, ==, 2);
  on_server = server_post (fixture, byline_remote_post_get_id (post));
  g_assert_cmpstr (byline_remote_post_get_content (on_server), ==, "<p>Corrected on the train, offline.</p>");
  g_assert_false (byline_story_get_dirty (local));
  written_on_server = server_post (fixture, byline_story_get_remote_id (written));
  g_assert_cmpstr (byline_remote_post_get_title (written_on_server), ==, "A new story from the train");
  g_assert_cmpuint (count_posts_with_uuid (byline_story_get_uuid (written)), ==, 1);
}

static void
test_fault_proxy_no_duplicates (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autoptr (BylineFaultProxy) proxy = NULL;
  g_autoptr (GPtrArray) stories = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (GPtrArray) outbox = NULL;
  g_autoptr (GError) error = NULL;
  guint rounds = 0;

  if (!have_wordpress ())
    return;

  proxy = byline_fault_proxy_new (g_getenv ("BYLINE_WP_URL"), 0.3, PROXY_SEED, &error);
  g_assert_no_error (error);
  fixture_use_url (fixture, byline_fault_proxy_get_url (proxy));
  for (guint i = 0; i < FAULTY_DRAFTS; i++)
    {
      g_autofree char *headline = g_strdup_printf ("Draft %u through a bad network %s", i, fixture->run_tag);
      g_ptr_array_add (stories, write_story (fixture, headline));
    }

  /* A run gives up on a story after ten tries in a row; the next run goes on. */
  for (rounds = 0; rounds < 10; rounds++)
    {
      g_clear_pointer (&outbox, g_ptr_array_unref);
      byline_test_push (fixture->engine);
      outbox = byline_store_list_outbox (fixture->store, ACCOUNT, NULL);
      if (outbox->len == 0)
        break;
    }

  g_test_message ("%u requests through the proxy, %u of them broken", byline_fault_proxy_get_requests (proxy),
                  byline_fault_proxy_get_faults (proxy));
  g_assert_cmpuint (outbox->len, ==, 0);
  g_assert_cmpuint (byline_fault_proxy_get_faults (proxy), >, 10);
  for (guint i = 0; i < stories->len; i++)
    {
      BylineStory *story = g_ptr_array_index (stories, i);
      g_autoptr (BylineRemotePost) on_server = server_post (fixture, byline_story_get_remote_id (story));

      g_assert_cmpuint (count_posts_with_uuid (byline_story_get_uuid (story)), ==, 1);
      g_assert_false (byline_story_get_dirty (story));
      g_assert_cmpstr (byline_remote_post_get_content (on_server), ==, byline_story_get_body (story));
      g_assert_cmpstr (byline_remote_post_get_title (on_server), ==, byline_story_get_headline (story));
    }
}

static void
test_conflict_behind_back (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr (BylineStory) story = NULL;
  g_autoptr (BylineStory) server_version = NULL;
  g_autoptr (BylineRemotePost) on_server = NULL;
  BylineSyncReport report;

  if (!have_wordpress ())
    return;

  story = write_story (fixture, "Edited on both sides");
  g_assert_cmpuint (byline_test_push (fixture->engine).pushed, ==, 1);
  /* modified_gmt has one-second resolution: the colleague saves a second later. */
  g_usleep (1100 * G_TIME_SPAN_MILLISECOND);
  edit_on_server (byline_story_get_remote_id (story), "The desk's headline");

  byline_story_set_body (story, "<p>My edit, made without seeing theirs.</p>");
  byline_story_touch (story);
  g_assert_true (byline_store_save_story (fixture->store, story, NULL));
  report = byline_test_push (fixture->engine);

  g_assert_cmpuint (report.conflicts, ==, 1);
  on_server = server_post (fixture, byline_story_get_remote_id (story));
  g_assert_cmpstr (byline_remote_post_get_title (on_server), ==, "The desk's headline");
  g_assert_cmpstr (byline_remote_post_get_content (on_server), ==, "<p>Edited on both sides: written offline.</p>");
  g_assert_cmpstr (byline_story_get_body (story), ==, "<p>My edit, made without seeing theirs.</p>");
  server_version = byline_store_load_conflict (fixture->store, byline_story_get_uuid (story), NULL);
  g_assert_cmpstr (byline_story_get_headline (server_version), ==, "The desk's headline");

  g_assert_true (byline_sync_engine_resolve_conflict (fixture->engine, story, BYLINE_SYNC_RESOLVE_MERGED,
                                                      "<p>Both edits.</p>", NULL));
  g_assert_cmpuint (byline_test_push (fixture->engine).pushed, ==, 1);
  g_clear_object (&on_server);
  on_server = server_post (fixture, byline_story_get_remote_id (story));
  g_assert_cmpstr (byline_remote_post_get_content (on_server), ==, "<p>Both edits.</p>");
}

/* Command line */

/* The CLI honours XDG_DATA_HOME: give it this test's own. */
#define run_cli(stdin_text, stdout_text, ...) \
  byline_test_run_cli (g_get_user_data_dir (), stdin_text, stdout_text, NULL, __VA_ARGS__)

static JsonNode *
parse (const char *text)
{
  g_autoptr (GError) error = NULL;
  JsonNode *node = json_from_string (text, &error);

  g_assert_no_error (error);
  return node;
}

static void
test_cli_end_to_end (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *password = NULL;
  g_autofree char *output = NULL;
  g_autoptr (JsonNode) listed = NULL;
  g_autoptr (BylineRemotePost) post = NULL;
  g_autofree char *title = NULL;
  const char *url = g_getenv ("BYLINE_WP_URL");
  const char *user = g_getenv ("BYLINE_WP_EDITOR_USER");

  if (!have_wordpress ())
    return;
  if (g_getenv ("BYLINE_TEST_KEYRING") == NULL)
    {
      g_test_skip ("No private keyring: run the suite inside tests/integration/with-keyring");
      return;
    }

  /* The CLI opens the same store as this test: let it have it alone. */
  g_clear_object (&fixture->engine);
  g_clear_object (&fixture->store);
  title = g_strdup_printf ("Seen by the command line %s", fixture->run_tag);
  post = create_on_server (title);

  g_assert_cmpint (run_cli ("not the password\n", NULL, "account", "add", "cli", "--url", url, "--user", user, NULL),
                   ==, 3);
  password = g_strdup_printf ("%s\n", g_getenv ("BYLINE_WP_EDITOR_PASS"));
  g_assert_cmpint (run_cli (password, NULL, "account", "add", "cli", "--url", url, "--user", user, NULL), ==, 0);
  g_assert_cmpint (run_cli (NULL, &output, "--json", "account", "list", NULL), ==, 0);
  g_assert_nonnull (strstr (output, "\"cli\""));
  g_assert_null (strstr (output, g_getenv ("BYLINE_WP_EDITOR_PASS")));

  g_assert_cmpint (run_cli (NULL, NULL, "cli", "pull", NULL), ==, 0);
  g_clear_pointer (&output, g_free);
  g_assert_cmpint (run_cli (NULL, &output, "--json", "cli", "list", "--status", "draft", NULL), ==, 0);
  listed = parse (output);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (listed));
  g_assert_nonnull (strstr (output, title));

  g_assert_cmpint (run_cli (NULL, NULL, "cli", "push", NULL), ==, 0);
  g_assert_cmpint (run_cli (NULL, NULL, "cli", "show", "no-such-story", NULL), ==, 8);
  g_assert_cmpint (run_cli (NULL, NULL, "nobody", "pull", NULL), ==, 8);
  g_assert_cmpint (run_cli (NULL, NULL, "cli", "frobnicate", NULL), ==, 2);
}

#define add_test(path, func) \
  g_test_add ((path), Fixture, NULL, fixture_set_up, (func), fixture_tear_down)

int
main (int   argc,
      char *argv[])
{
  g_setenv ("GIO_USE_PROXY_RESOLVER", "dummy", TRUE);
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  add_test ("/integration/sync/pull/real-posts", test_pull_real_posts);
  add_test ("/integration/sync/push/offline-edit-reaches-site", test_offline_edit_pushed);
  add_test ("/integration/sync/push/fault-proxy-no-duplicates", test_fault_proxy_no_duplicates);
  add_test ("/integration/sync/conflict/changed-behind-our-back", test_conflict_behind_back);
  add_test ("/integration/sync/cli/end-to-end", test_cli_end_to_end);

  return g_test_run ();
}
