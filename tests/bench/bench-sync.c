/* bench-sync.c: the sync engine against the loopback WordPress
 *
 *   BYLINE_WP_DIR=… tests/integration/wordpress/wp-env start; set -a; . …/env; set +a
 *   tests/integration/with-keyring _build-bench/tests/bench/bench-sync
 *
 * (the keyring is not needed: the engine gets its client directly). Tops the
 * site up to 1,000 posts, then prints, one a line as "name: value unit":
 * a full pull into an empty store (wall time, HTTP requests, the client's
 * CPU time as a share of the wall time), a second pull with nothing changed,
 * and 200 new drafts pushed through the fault proxy failing 30 % of the
 * requests (posts on the server exactly once, duplicates, lost edits).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <libsoup/soup.h>
#include <sys/resource.h>

#include "byline-fault-proxy.h"
#include "cms/byline-wp-client.h"
#include "model/byline-story.h"
#include "store/byline-store-sync.h"
#include "sync/byline-sync-engine.h"

#include "byline-test-support.h"

#define ACCOUNT "bench"
#define SITE_POSTS 1000
#define PUSHED_DRAFTS 200
#define CREATES_IN_FLIGHT 4
#define PROXY_SEED 424242

/* Every HTTP request the WordPress client makes is logged once, at debug
 * level, when its answer arrives. */
static guint http_requests;

static GLogWriterOutput
count_requests (GLogLevelFlags   level,
                const GLogField *fields,
                gsize            n_fields,
                gpointer         user_data)
{
  const char *domain = NULL, *message = NULL;

  for (gsize i = 0; i < n_fields; i++)
    {
      if (g_str_equal (fields[i].key, "GLIB_DOMAIN"))
        domain = fields[i].value;
      else if (g_str_equal (fields[i].key, "MESSAGE"))
        message = fields[i].value;
    }
  if ((level & G_LOG_LEVEL_DEBUG) && g_strcmp0 (domain, "byline-wp") == 0 && message != NULL &&
      strstr (message, " → ") != NULL)
    http_requests++;
  return g_log_writer_default (level, fields, n_fields, user_data);
}

static double
cpu_seconds (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_utime.tv_sec + usage.ru_utime.tv_usec / 1e6 + usage.ru_stime.tv_sec + usage.ru_stime.tv_usec / 1e6;
}

static BylineCmsClient *
client_at (const char *url)
{
  g_autoptr (GError) error = NULL;
  BylineWpClient *client = byline_wp_client_new (url, g_getenv ("BYLINE_WP_EDITOR_USER"),
                                                 g_getenv ("BYLINE_WP_EDITOR_PASS"), &error);

  g_assert_no_error (error);
  return BYLINE_CMS_CLIENT (client);
}

/* Seeding */

static guint
count_site_posts (BylineCmsClient *client)
{
  BylineCmsPostQuery query = { .page = 1, .per_page = 1 };
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GListModel) posts = NULL;
  g_autoptr (GError) error = NULL;
  guint total = 0;

  byline_cms_client_list_posts_async (client, &query, NULL, byline_test_store_result, &result);
  posts = byline_cms_client_list_posts_finish (client, byline_test_wait_for_result (&result), NULL, &total, &error);
  g_assert_no_error (error);
  return total;
}

typedef struct
{
  BylineCmsClient *client;
  guint            to_create;
  guint            in_flight;
} Seeding;

static void seed_more (Seeding *seeding);

static void
on_seeded (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  Seeding *seeding = user_data;
  g_autoptr (BylineRemotePost) post = NULL;
  g_autoptr (GError) error = NULL;

  post = byline_cms_client_post_finish (seeding->client, result, &error);
  g_assert_no_error (error);
  seeding->in_flight--;
  seed_more (seeding);
}

static void
seed_more (Seeding *seeding)
{
  while (seeding->to_create > 0 && seeding->in_flight < CREATES_IN_FLIGHT)
    {
      g_autoptr (BylineRemotePost) post = byline_remote_post_new ();
      g_autofree char *title = g_strdup_printf ("Benchmark post %u", seeding->to_create);

      byline_remote_post_set_title (post, title);
      byline_remote_post_set_excerpt (post, "A dek of a reasonable length for a news story.");
      byline_remote_post_set_content (post, "<!-- wp:paragraph --><p>Paragraph one of the story, with a few "
                                            "sentences as a reporter would write them.</p><!-- /wp:paragraph -->"
                                            "<!-- wp:paragraph --><p>Paragraph two.</p><!-- /wp:paragraph -->");
      byline_remote_post_set_status (post, seeding->to_create % 3 == 0 ? "publish" : "draft");
      seeding->to_create--;
      seeding->in_flight++;
      byline_cms_client_create_post_async (seeding->client, post, NULL, on_seeded, seeding);
    }
}

static void
seed_site (void)
{
  g_autoptr (BylineCmsClient) client = client_at (g_getenv ("BYLINE_WP_URL"));
  Seeding seeding = { client, 0, 0 };
  guint existing = count_site_posts (client);

  seeding.to_create = existing < SITE_POSTS ? SITE_POSTS - existing : 0;
  g_printerr ("bench-sync: the site has %u posts, creating %u\n", existing, seeding.to_create);
  seed_more (&seeding);
  while (seeding.in_flight > 0 || seeding.to_create > 0)
    g_main_context_iteration (NULL, TRUE);
}

/* Measurements */

static BylineStore *
open_store (const char *dir,
            const char *url)
{
  g_autofree char *path = g_build_filename (dir, "newsroom.db", NULL);
  g_autoptr (BylineStoreAccount) account = byline_store_account_new (ACCOUNT, url, g_getenv ("BYLINE_WP_EDITOR_USER"));
  g_autoptr (GError) error = NULL;
  BylineStore *store = byline_store_open (path, &error);

  g_assert_no_error (error);
  account->has_companion = TRUE;
  g_assert_true (byline_store_save_account (store, account, &error));
  return store;
}

static BylineSyncReport
pull (BylineSyncEngine *engine)
{
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  BylineSyncReport report;

  byline_sync_engine_pull_async (engine, FALSE, NULL, byline_test_store_result, &result);
  g_assert_true (byline_sync_engine_pull_finish (engine, byline_test_wait_for_result (&result), &report, &error));
  return report;
}

static void
measure_pulls (const char *dir)
{
  g_autoptr (BylineStore) store = open_store (dir, g_getenv ("BYLINE_WP_URL"));
  g_autoptr (BylineCmsClient) client = client_at (g_getenv ("BYLINE_WP_URL"));
  g_autoptr (BylineSyncEngine) engine = byline_sync_engine_new (store, ACCOUNT, client);
  gint64 start = g_get_monotonic_time ();
  double cpu_start = cpu_seconds ();
  double wall_s, cpu_s;
  BylineSyncReport report;

  http_requests = 0;
  report = pull (engine);
  wall_s = (g_get_monotonic_time () - start) / 1e6;
  cpu_s = cpu_seconds () - cpu_start;
  g_print ("sync-full-pull-posts: %u posts\n", report.pulled);
  g_print ("sync-full-pull-wall: %.0f ms\n", wall_s * 1000);
  g_print ("sync-full-pull-requests: %u requests\n", http_requests);
  g_print ("sync-full-pull-client-cpu: %.0f ms\n", cpu_s * 1000);
  g_print ("sync-full-pull-client-cpu-share: %.1f %%\n", 100 * cpu_s / wall_s);

  http_requests = 0;
  start = g_get_monotonic_time ();
  report = pull (engine);
  g_print ("sync-unchanged-pull-requests: %u requests\n", http_requests);
  g_print ("sync-unchanged-pull-wall: %.0f ms\n", (g_get_monotonic_time () - start) / 1e3);
  g_print ("sync-unchanged-pull-stories-written: %u stories\n", report.pulled);
}

static char *
editor_authorization (void)
{
  g_autofree char *credentials = g_strconcat (g_getenv ("BYLINE_WP_EDITOR_USER"), ":", g_getenv ("BYLINE_WP_EDITOR_PASS"), NULL);
  g_autofree char *encoded = g_base64_encode ((const guchar *) credentials, strlen (credentials));

  return g_strconcat ("Basic ", encoded, NULL);
}

static guint
count_posts_with_uuid (SoupSession *session,
                       const char  *uuid)
{
  g_autofree char *uri = g_strdup_printf ("%s/?rest_route=/byline/v1/posts&client_uuid=%s", g_getenv ("BYLINE_WP_URL"), uuid);
  g_autoptr (SoupMessage) msg = soup_message_new ("GET", uri);
  g_autofree char *authorization = editor_authorization ();
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GBytes) body = NULL;

  soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", authorization);
  body = soup_session_send_and_read (session, msg, NULL, NULL);
  if (body == NULL || !json_parser_load_from_data (parser, g_bytes_get_data (body, NULL), g_bytes_get_size (body), NULL) ||
      !JSON_NODE_HOLDS_ARRAY (json_parser_get_root (parser)))
    return 0;
  return json_array_get_length (json_node_get_array (json_parser_get_root (parser)));
}

/* So that the next run pulls the same 1,000 posts. */
static void
delete_pushed_posts (SoupSession *session,
                     GPtrArray   *stories)
{
  g_autofree char *authorization = editor_authorization ();

  for (guint i = 0; i < stories->len; i++)
    {
      gint64 id = byline_story_get_remote_id (g_ptr_array_index (stories, i));
      g_autofree char *uri = g_strdup_printf ("%s/?rest_route=/wp/v2/posts/%" G_GINT64_FORMAT "&force=true",
                                              g_getenv ("BYLINE_WP_URL"), id);
      g_autoptr (SoupMessage) msg = soup_message_new ("DELETE", uri);
      g_autoptr (GBytes) body = NULL;

      if (id <= 0)
        continue;
      soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", authorization);
      body = soup_session_send_and_read (session, msg, NULL, NULL);
    }
}

static GPtrArray *
write_drafts (BylineStore *store)
{
  GPtrArray *stories = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < PUSHED_DRAFTS; i++)
    {
      BylineStory *story = byline_story_new ();
      g_autofree char *headline = g_strdup_printf ("Pushed draft %u", i);
      g_autofree char *body = g_strdup_printf ("<p>Draft %u, written offline.</p>", i);

      byline_story_set_account (story, ACCOUNT);
      byline_story_set_headline (story, headline);
      byline_story_set_body (story, body);
      byline_story_touch (story);
      g_assert_true (byline_store_save_story (store, story, NULL));
      g_ptr_array_add (stories, story);
    }
  return stories;
}

static guint
push_until_empty (BylineSyncEngine *engine,
                  BylineStore      *store)
{
  guint rounds;

  for (rounds = 1; rounds <= 10; rounds++)
    {
      g_autoptr (GAsyncResult) result = NULL;
      g_autoptr (GPtrArray) outbox = NULL;

      byline_sync_engine_push_async (engine, NULL, byline_test_store_result, &result);
      byline_sync_engine_push_finish (engine, byline_test_wait_for_result (&result), NULL, NULL);
      outbox = byline_store_list_outbox (store, ACCOUNT, NULL);
      if (outbox->len == 0)
        return rounds;
      if (rounds == 10)
        for (guint i = 0; i < outbox->len; i++)
          {
            BylineOutboxEntry *entry = g_ptr_array_index (outbox, i);
            g_printerr ("bench-sync: left in the outbox: %s (%s): %s\n", entry->story_uuid,
                        byline_outbox_state_to_string (entry->state), entry->last_error);
          }
    }
  return rounds;
}

static void
measure_faulty_push (const char *dir)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (BylineFaultProxy) proxy = byline_fault_proxy_new (g_getenv ("BYLINE_WP_URL"), 0.3, PROXY_SEED, &error);
  g_autoptr (BylineStore) store = open_store (dir, byline_fault_proxy_get_url (proxy));
  g_autoptr (BylineCmsClient) client = client_at (byline_fault_proxy_get_url (proxy));
  g_autoptr (BylineSyncEngine) engine = byline_sync_engine_new (store, ACCOUNT, client);
  g_autoptr (GPtrArray) stories = write_drafts (store);
  g_autoptr (SoupSession) session = soup_session_new ();
  guint once = 0, duplicates = 0, missing = 0, lost = 0, rounds;
  gint64 start = g_get_monotonic_time ();

  byline_sync_engine_set_retry_delays (engine, 50, 1000, 10);
  rounds = push_until_empty (engine, store);
  g_print ("sync-faulty-push-wall: %.0f ms\n", (g_get_monotonic_time () - start) / 1e3);
  g_print ("sync-faulty-push-runs: %u runs\n", rounds);
  g_print ("sync-faulty-push-requests: %u requests\n", byline_fault_proxy_get_requests (proxy));
  g_print ("sync-faulty-push-broken-requests: %u requests\n", byline_fault_proxy_get_faults (proxy));

  for (guint i = 0; i < stories->len; i++)
    {
      BylineStory *story = g_ptr_array_index (stories, i);
      guint copies = count_posts_with_uuid (session, byline_story_get_uuid (story));

      once += copies == 1;
      duplicates += copies > 1 ? copies - 1 : 0;
      missing += copies == 0;
      lost += byline_story_get_dirty (story) || byline_story_get_remote_id (story) == 0;
    }
  g_print ("sync-faulty-push-posts-exactly-once: %u posts\n", once);
  g_print ("sync-faulty-push-duplicates: %u posts\n", duplicates);
  g_print ("sync-faulty-push-missing: %u posts\n", missing);
  g_print ("sync-faulty-push-lost-edits: %u stories\n", lost);
  delete_pushed_posts (session, stories);
}

static void
remove_store_dir (const char *dir)
{
  static const char * const files[] = { "newsroom.db", "newsroom.db-wal", "newsroom.db-shm" };

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *path = g_build_filename (dir, files[i], NULL);
      g_remove (path);
    }
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *dir = NULL;
  g_autofree char *pull_dir = NULL;
  g_autofree char *push_dir = NULL;

  g_setenv ("GIO_USE_PROXY_RESOLVER", "dummy", TRUE);
  if (g_getenv ("BYLINE_WP_URL") == NULL)
    {
      g_printerr ("bench-sync: no WordPress; start tests/integration/wordpress/wp-env and source its env file\n");
      return 77;
    }
  g_log_set_writer_func (count_requests, NULL, NULL);

  dir = g_dir_make_tmp ("byline-bench-sync-XXXXXX", NULL);
  pull_dir = g_build_filename (dir, "pull", NULL);
  push_dir = g_build_filename (dir, "push", NULL);
  seed_site ();
  measure_pulls (pull_dir);
  /* BENCH_SYNC_PULL_ONLY=1 leaves the site as it is, for profiling the pull. */
  if (g_getenv ("BENCH_SYNC_PULL_ONLY") == NULL)
    measure_faulty_push (push_dir);
  remove_store_dir (pull_dir);
  remove_store_dir (push_dir);
  g_rmdir (dir);
  return 0;
}
