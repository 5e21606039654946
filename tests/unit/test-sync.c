/* test-sync.c: the sync engine against a fake WordPress that keeps state
 *
 * A SoupServer on 127.0.0.1 in the test's main context stores posts like
 * wp/v2 and the companion plugin do (client UUID lookup, 412 on a stale
 * base), with a clock that ticks one second per write, and can be told to
 * fail the next requests of a route before or after doing the work.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <libsoup/soup.h>
#include <stdio.h>

#include "cms/byline-wp-client.h"
#include "model/byline-story.h"
#include "store/byline-store-sync.h"
#include "sync/byline-sync-engine.h"

#include "byline-test-support.h"

#define ACCOUNT "desk"
#define RETRY_BASE_MS 20

typedef struct
{
  gint64  id;
  char   *status;
  char   *title;
  char   *excerpt;
  char   *content;
  char   *modified;
  char   *client_uuid;
} FakePost;

typedef enum
{
  FAULT_STATUS_BEFORE,
  FAULT_STATUS_AFTER,
  FAULT_GARBAGE_AFTER,
} FaultKind;

typedef struct
{
  char      *route;
  FaultKind  kind;
  guint      status;
  guint      remaining;
} Fault;

typedef struct
{
  SoupServer  *server;
  char        *url;
  GHashTable  *posts;
  gint64       next_id;
  guint        clock;
  GPtrArray   *faults;
  GPtrArray   *requests;
  GArray      *request_times;
  char        *store_path;
  BylineStore *store;
  BylineSyncEngine *engine;
} Fixture;

static void
fake_post_free (FakePost *post)
{
  g_free (post->status);
  g_free (post->title);
  g_free (post->excerpt);
  g_free (post->content);
  g_free (post->modified);
  g_free (post->client_uuid);
  g_free (post);
}

static void
fault_free (Fault *fault)
{
  g_free (fault->route);
  g_free (fault);
}

/* Server clock */

static char *
fixture_tick (Fixture *fixture)
{
  g_autoptr (GDateTime) base = g_date_time_new_utc (2024, 5, 1, 12, 0, 0);
  g_autoptr (GDateTime) now = g_date_time_add_seconds (base, ++fixture->clock);

  return g_date_time_format (now, "%Y-%m-%dT%H:%M:%S");
}

static FakePost *
fixture_add_post (Fixture    *fixture,
                  const char *title,
                  const char *status)
{
  FakePost *post = g_new0 (FakePost, 1);

  post->id = fixture->next_id++;
  post->status = g_strdup (status);
  post->title = g_strdup (title);
  post->excerpt = g_strdup ("");
  post->content = g_strdup_printf ("<p>%s</p>", title);
  post->modified = fixture_tick (fixture);
  g_hash_table_insert (fixture->posts, g_memdup2 (&post->id, sizeof post->id), post);
  return post;
}

static FakePost *
fixture_get_post (Fixture *fixture,
                  gint64   id)
{
  return g_hash_table_lookup (fixture->posts, &id);
}

static guint
fixture_count_posts_with_uuid (Fixture    *fixture,
                               const char *uuid)
{
  GHashTableIter iter;
  FakePost *post;
  guint count = 0;

  g_hash_table_iter_init (&iter, fixture->posts);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &post))
    count += g_strcmp0 (post->client_uuid, uuid) == 0;
  return count;
}

/* Replies */

static void
add_raw (JsonBuilder *builder,
         const char  *member,
         const char  *text)
{
  json_builder_set_member_name (builder, member);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "raw");
  json_builder_add_string_value (builder, text);
  json_builder_set_member_name (builder, "rendered");
  json_builder_add_string_value (builder, text);
  json_builder_end_object (builder);
}

static void
add_post (JsonBuilder *builder,
          FakePost    *post)
{
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_int_value (builder, post->id);
  json_builder_set_member_name (builder, "status");
  json_builder_add_string_value (builder, post->status);
  json_builder_set_member_name (builder, "modified_gmt");
  json_builder_add_string_value (builder, post->modified);
  json_builder_set_member_name (builder, "date_gmt");
  json_builder_add_string_value (builder, post->modified);
  add_raw (builder, "title", post->title);
  add_raw (builder, "excerpt", post->excerpt);
  add_raw (builder, "content", post->content);
  json_builder_set_member_name (builder, "meta");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "byline_client_uuid");
  json_builder_add_string_value (builder, post->client_uuid ? post->client_uuid : "");
  json_builder_end_object (builder);
  json_builder_end_object (builder);
}

/* set_response() appends: a fault that answers after the work was done
 * must replace the answer already written. */
static void
clear_response (SoupServerMessage *msg)
{
  soup_message_body_truncate (soup_server_message_get_response_body (msg));
}

static void
reply_json (SoupServerMessage *msg,
            guint              status,
            JsonBuilder       *builder)
{
  g_autoptr (JsonNode) root = json_builder_get_root (builder);
  char *text = json_to_string (root, FALSE);

  clear_response (msg);
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "application/json; charset=UTF-8", SOUP_MEMORY_TAKE, text,
                                    strlen (text));
}

static void
reply_text (SoupServerMessage *msg,
            guint              status,
            const char        *text)
{
  clear_response (msg);
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "application/json; charset=UTF-8", SOUP_MEMORY_COPY, text,
                                    strlen (text));
}

static void
reply_post (SoupServerMessage *msg,
            guint              status,
            FakePost          *post)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();

  add_post (builder, post);
  reply_json (msg, status, builder);
}

static void
reply_error (SoupServerMessage *msg,
             guint              status,
             const char        *code,
             const char        *message)
{
  g_autofree char *text = g_strdup_printf ("{\"code\":\"%s\",\"message\":\"%s\",\"data\":{\"status\":%u}}",
                                           code, message, status);

  reply_text (msg, status, text);
}

static gint
compare_ids (gconstpointer a,
             gconstpointer b)
{
  gint64 x = (*(FakePost **) a)->id, y = (*(FakePost **) b)->id;

  return x < y ? -1 : x > y;
}

static GPtrArray *
listed_posts (Fixture    *fixture,
              GHashTable *query)
{
  g_autoptr (GPtrArray) posts = g_ptr_array_new ();
  const char *after = g_hash_table_lookup (query, "modified_after");
  g_auto (GStrv) statuses = g_strsplit (g_hash_table_lookup (query, "status"), ",", -1);
  g_autofree char *after_text = after ? g_strndup (after, 19) : NULL;
  GHashTableIter iter;
  FakePost *post;

  g_hash_table_iter_init (&iter, fixture->posts);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &post))
    {
      if (g_strv_contains ((const char * const *) statuses, post->status) &&
          (after_text == NULL || g_strcmp0 (post->modified, after_text) > 0))
        g_ptr_array_add (posts, post);
    }
  g_ptr_array_sort (posts, compare_ids);
  return g_steal_pointer (&posts);
}

static void
serve_list (Fixture           *fixture,
            SoupServerMessage *msg,
            GHashTable        *query)
{
  g_autoptr (GPtrArray) posts = listed_posts (fixture, query);
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  guint page = atoi (g_hash_table_lookup (query, "page"));
  guint per_page = atoi (g_hash_table_lookup (query, "per_page"));
  guint total_pages = (posts->len + per_page - 1) / per_page;
  g_autofree char *pages_text = g_strdup_printf ("%u", total_pages);
  g_autofree char *total_text = g_strdup_printf ("%u", posts->len);

  json_builder_begin_array (builder);
  for (guint i = (page - 1) * per_page; i < MIN (posts->len, page * per_page); i++)
    add_post (builder, g_ptr_array_index (posts, i));
  json_builder_end_array (builder);
  reply_json (msg, SOUP_STATUS_OK, builder);
  soup_message_headers_replace (soup_server_message_get_response_headers (msg), "X-WP-TotalPages", pages_text);
  soup_message_headers_replace (soup_server_message_get_response_headers (msg), "X-WP-Total", total_text);
}

static void
serve_find (Fixture           *fixture,
            SoupServerMessage *msg,
            GHashTable        *query)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  const char *uuid = g_hash_table_lookup (query, "client_uuid");
  GHashTableIter iter;
  FakePost *post;

  json_builder_begin_array (builder);
  g_hash_table_iter_init (&iter, fixture->posts);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &post))
    {
      if (g_strcmp0 (post->client_uuid, uuid) == 0)
        add_post (builder, post);
    }
  json_builder_end_array (builder);
  reply_json (msg, SOUP_STATUS_OK, builder);
}

static JsonObject *
request_object (SoupServerMessage *msg,
                JsonParser        *parser)
{
  g_autoptr (GBytes) body = soup_message_body_flatten (soup_server_message_get_request_body (msg));

  g_assert_true (json_parser_load_from_data (parser, g_bytes_get_data (body, NULL), g_bytes_get_size (body), NULL));
  return json_node_get_object (json_parser_get_root (parser));
}

static void
replace_member (JsonObject  *object,
                const char  *member,
                char       **field)
{
  if (json_object_has_member (object, member))
    {
      g_free (*field);
      *field = g_strdup (json_object_get_string_member (object, member));
    }
}

static void
apply_body (Fixture           *fixture,
            SoupServerMessage *msg,
            FakePost          *post)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  JsonObject *object = request_object (msg, parser);
  JsonObject *meta = json_object_has_member (object, "meta") ? json_object_get_object_member (object, "meta") : NULL;

  replace_member (object, "title", &post->title);
  replace_member (object, "excerpt", &post->excerpt);
  replace_member (object, "content", &post->content);
  replace_member (object, "status", &post->status);
  if (meta != NULL)
    replace_member (meta, "byline_client_uuid", &post->client_uuid);
  g_free (post->modified);
  post->modified = fixture_tick (fixture);
}

static void
serve_update (Fixture           *fixture,
              SoupServerMessage *msg,
              gint64             id)
{
  const char *base = soup_message_headers_get_one (soup_server_message_get_request_headers (msg),
                                                   "X-Byline-Base-Modified");
  FakePost *post = fixture_get_post (fixture, id);

  if (post == NULL)
    reply_error (msg, SOUP_STATUS_NOT_FOUND, "rest_post_invalid_id", "Invalid post ID.");
  else if (base != NULL && g_strcmp0 (post->modified, base) > 0)
    reply_error (msg, SOUP_STATUS_PRECONDITION_FAILED, "byline_conflict", "Changed by someone else.");
  else
    {
      apply_body (fixture, msg, post);
      reply_post (msg, SOUP_STATUS_OK, post);
    }
}

static void
serve (Fixture           *fixture,
       SoupServerMessage *msg,
       const char        *key,
       GHashTable        *query)
{
  gint64 id = 0;

  if (g_str_equal (key, "GET /wp-json/"))
    reply_text (msg, SOUP_STATUS_OK, "{\"name\":\"Fake\",\"namespaces\":[\"wp/v2\",\"byline/v1\"]}");
  else if (g_str_equal (key, "GET /wp-json/wp/v2/posts"))
    serve_list (fixture, msg, query);
  else if (g_str_equal (key, "GET /wp-json/byline/v1/posts"))
    serve_find (fixture, msg, query);
  else if (g_str_equal (key, "POST /wp-json/wp/v2/posts"))
    {
      FakePost *post = fixture_add_post (fixture, "", "draft");
      apply_body (fixture, msg, post);
      reply_post (msg, SOUP_STATUS_CREATED, post);
    }
  else if (sscanf (key, "GET /wp-json/wp/v2/posts/%" G_GINT64_FORMAT, &id) == 1 && fixture_get_post (fixture, id))
    reply_post (msg, SOUP_STATUS_OK, fixture_get_post (fixture, id));
  else if (sscanf (key, "POST /wp-json/wp/v2/posts/%" G_GINT64_FORMAT, &id) == 1)
    serve_update (fixture, msg, id);
  else
    reply_error (msg, SOUP_STATUS_NOT_FOUND, "rest_no_route", "No route.");
}

static Fault *
take_fault (Fixture    *fixture,
            const char *key)
{
  for (guint i = 0; i < fixture->faults->len; i++)
    {
      Fault *fault = g_ptr_array_index (fixture->faults, i);

      if (fault->remaining > 0 && g_str_equal (fault->route, key))
        {
          fault->remaining--;
          return fault;
        }
    }
  return NULL;
}

static void
handle_request (SoupServer        *server,
                SoupServerMessage *msg,
                const char        *path,
                GHashTable        *query,
                gpointer           user_data)
{
  Fixture *fixture = user_data;
  g_autofree char *key = g_strdup_printf ("%s %s", soup_server_message_get_method (msg), path);
  Fault *fault = take_fault (fixture, key);
  gint64 now = g_get_monotonic_time ();

  g_ptr_array_add (fixture->requests, g_strdup (key));
  g_array_append_val (fixture->request_times, now);

  if (fault != NULL && fault->kind == FAULT_STATUS_BEFORE)
    {
      reply_error (msg, fault->status, "injected", "Injected failure.");
      return;
    }
  serve (fixture, msg, key, query);
  if (fault != NULL && fault->kind == FAULT_STATUS_AFTER)
    reply_error (msg, fault->status, "injected", "Injected failure after the work was done.");
  else if (fault != NULL && fault->kind == FAULT_GARBAGE_AFTER)
    reply_text (msg, SOUP_STATUS_CREATED, "{\"id\": 12, \"title\": {\"raw\": \"cut off");
}

static void
fixture_fail (Fixture    *fixture,
              const char *route,
              FaultKind   kind,
              guint       status,
              guint       times)
{
  Fault *fault = g_new0 (Fault, 1);

  fault->route = g_strdup (route);
  fault->kind = kind;
  fault->status = status;
  fault->remaining = times;
  g_ptr_array_add (fixture->faults, fault);
}

static guint
fixture_count_requests (Fixture    *fixture,
                        const char *key)
{
  guint count = 0;

  for (guint i = 0; i < fixture->requests->len; i++)
    count += g_str_equal (g_ptr_array_index (fixture->requests, i), key);
  return count;
}

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
  g_autoptr (BylineWpClient) client = byline_wp_client_new (fixture->url, "editor", "abcd efgh ijkl mnop", &error);

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
  GSList *uris;

  fixture->posts = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, (GDestroyNotify) fake_post_free);
  fixture->next_id = 100;
  fixture->faults = g_ptr_array_new_with_free_func ((GDestroyNotify) fault_free);
  fixture->requests = g_ptr_array_new_with_free_func (g_free);
  fixture->request_times = g_array_new (FALSE, FALSE, sizeof (gint64));
  fixture->server = soup_server_new (NULL, NULL);
  soup_server_add_handler (fixture->server, NULL, handle_request, fixture, NULL);
  soup_server_listen_local (fixture->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (fixture->server);
  fixture->url = g_strdup_printf ("http://127.0.0.1:%d", g_uri_get_port (uris->data));
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  fixture->store_path = g_build_filename (g_get_user_data_dir (), "byline", "newsroom.db", NULL);
  fixture_open_store (fixture);
  account = byline_store_account_new (ACCOUNT, fixture->url, "editor");
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
  while (g_main_context_iteration (NULL, FALSE))
    ;
  soup_server_disconnect (fixture->server);
  g_clear_object (&fixture->server);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_clear_object (&fixture->store);
  g_clear_pointer (&fixture->store_path, g_free);
  g_clear_pointer (&fixture->posts, g_hash_table_unref);
  g_clear_pointer (&fixture->faults, g_ptr_array_unref);
  g_clear_pointer (&fixture->requests, g_ptr_array_unref);
  g_clear_pointer (&fixture->request_times, g_array_unref);
  g_clear_pointer (&fixture->url, g_free);
}

static BylineSyncReport
push (Fixture *fixture)
{
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  BylineSyncReport report;

  byline_sync_engine_push_async (fixture->engine, NULL, byline_test_store_result, &result);
  g_assert_true (byline_sync_engine_push_finish (fixture->engine, byline_test_wait_for_result (&result), &report, &error));
  g_assert_no_error (error);
  return report;
}

static BylineSyncReport
pull (Fixture  *fixture,
      gboolean  full)
{
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  BylineSyncReport report;

  byline_sync_engine_pull_async (fixture->engine, full, NULL, byline_test_store_result, &result);
  g_assert_true (byline_sync_engine_pull_finish (fixture->engine, byline_test_wait_for_result (&result), &report, &error));
  g_assert_no_error (error);
  return report;
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

  report = push (fixture);
  g_assert_cmpuint (report.pushed, ==, 1);
  g_assert_cmpuint (fixture_count_posts_with_uuid (fixture, uuid), ==, 1);
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
  gint64 first = 0, last = 0;
  guint creates = 0;
  BylineSyncReport report;

  fixture_fail (fixture, "POST /wp-json/wp/v2/posts", FAULT_STATUS_BEFORE, 503, 3);
  report = push (fixture);

  g_assert_cmpuint (report.pushed, ==, 1);
  g_assert_cmpuint (report.retried, ==, 3);
  g_assert_cmpint (report.last_transient_code, ==, BYLINE_CMS_ERROR_SERVER_ERROR);
  g_assert_cmpuint (fixture_count_posts_with_uuid (fixture, byline_story_get_uuid (story)), ==, 1);
  for (guint i = 0; i < fixture->requests->len; i++)
    {
      if (!g_str_equal (g_ptr_array_index (fixture->requests, i), "POST /wp-json/wp/v2/posts"))
        continue;
      last = g_array_index (fixture->request_times, gint64, i);
      if (creates++ == 0)
        first = last;
    }
  g_assert_cmpuint (creates, ==, 4);
  /* Equal jitter: each wait is at least half of base × 2^n. */
  g_assert_cmpint (last - first, >=, (RETRY_BASE_MS / 2 + RETRY_BASE_MS + RETRY_BASE_MS * 2) * 1000);
  /* A failed create is looked up before it is sent again. */
  g_assert_cmpuint (fixture_count_requests (fixture, "GET /wp-json/byline/v1/posts"), ==, 3);
}

static void
test_client_error_recorded_story_intact (Fixture       *fixture,
                                         gconstpointer  data)
{
  g_autoptr (BylineStory) story = write_story (fixture, "Refused by the server");
  g_autoptr (BylineOutboxEntry) entry = NULL;
  g_autoptr (BylineOutboxEntry) retried = NULL;
  BylineSyncReport report;

  fixture_fail (fixture, "POST /wp-json/wp/v2/posts", FAULT_STATUS_BEFORE, 403, 1);
  report = push (fixture);

  g_assert_cmpuint (report.pushed, ==, 0);
  g_assert_cmpuint (report.failed, ==, 1);
  g_assert_cmpint (report.last_failure_code, ==, BYLINE_CMS_ERROR_FORBIDDEN);
  g_assert_cmpuint (g_hash_table_size (fixture->posts), ==, 0);
  entry = outbox_entry (fixture, story);
  g_assert_cmpint (entry->state, ==, BYLINE_OUTBOX_FAILED);
  g_assert_nonnull (strstr (entry->last_error, "Injected failure"));
  g_assert_cmpstr (byline_story_get_headline (story), ==, "Refused by the server");
  g_assert_cmpstr (byline_story_get_body (story), ==, "<p>Refused by the server, the body.</p>");
  g_assert_true (byline_story_get_dirty (story));

  /* Not retried by itself ... */
  report = push (fixture);
  g_assert_cmpuint (report.failed, ==, 1);
  g_assert_cmpuint (fixture_count_requests (fixture, "POST /wp-json/wp/v2/posts"), ==, 1);

  /* ... but a new edit puts it back in line. */
  byline_story_set_status (story, BYLINE_STORY_STATUS_PENDING);
  byline_story_touch (story);
  save_and_wait (fixture, story);
  retried = outbox_entry (fixture, story);
  g_assert_cmpint (retried->state, ==, BYLINE_OUTBOX_PENDING);
  report = push (fixture);
  g_assert_cmpuint (report.pushed, ==, 1);
  g_assert_cmpuint (fixture_count_posts_with_uuid (fixture, byline_story_get_uuid (story)), ==, 1);
}

static void
test_lost_create_adopted (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr (BylineStory) answered_500 = write_story (fixture, "Stored, then a 500");
  g_autoptr (BylineStory) answered_garbage = write_story (fixture, "Stored, then garbage");
  BylineSyncReport report;

  fixture_fail (fixture, "POST /wp-json/wp/v2/posts", FAULT_STATUS_AFTER, 500, 1);
  fixture_fail (fixture, "POST /wp-json/wp/v2/posts", FAULT_GARBAGE_AFTER, 201, 1);
  report = push (fixture);

  g_assert_cmpuint (report.pushed, ==, 2);
  g_assert_cmpuint (report.adopted, ==, 2);
  g_assert_cmpuint (g_hash_table_size (fixture->posts), ==, 2);
  g_assert_cmpuint (fixture_count_posts_with_uuid (fixture, byline_story_get_uuid (answered_500)), ==, 1);
  g_assert_cmpuint (fixture_count_posts_with_uuid (fixture, byline_story_get_uuid (answered_garbage)), ==, 1);
  g_assert_cmpuint (fixture_count_requests (fixture, "POST /wp-json/wp/v2/posts"), ==, 2);
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
  FakePost *post;

  byline_story_set_dek (story, NULL);
  byline_story_touch (story);
  save_and_wait (fixture, story);
  g_assert_cmpuint (push (fixture).pushed, ==, 1);
  route = g_strdup_printf ("POST /wp-json/wp/v2/posts/%" G_GINT64_FORMAT, byline_story_get_remote_id (story));
  byline_story_set_body (story, "<p>Second version.</p>");
  byline_story_touch (story);
  save_and_wait (fixture, story);
  fixture_fail (fixture, route, FAULT_STATUS_AFTER, 502, 1);

  report = push (fixture);
  g_assert_cmpuint (report.pushed, ==, 1);
  g_assert_cmpuint (report.conflicts, ==, 0);
  post = fixture_get_post (fixture, byline_story_get_remote_id (story));
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
  FakePost *post;

  g_assert_cmpuint (push (fixture).pushed, ==, 1);
  post = fixture_get_post (fixture, byline_story_get_remote_id (story));
  g_free (post->title);
  post->title = g_strdup ("The colleague's headline");
  g_free (post->modified);
  post->modified = fixture_tick (fixture);

  byline_story_set_body (story, "<p>My offline edit.</p>");
  byline_story_touch (story);
  save_and_wait (fixture, story);
  report = push (fixture);
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
  FakePost *post;

  make_conflict (fixture, story);

  post = fixture_get_post (fixture, byline_story_get_remote_id (story));
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
  g_assert_cmpuint (push (fixture).conflicts, ==, 1);
  g_assert_cmpstr (post->content, ==, "<p>Edited on both sides, the body.</p>");
}

static void
test_conflict_keep_local (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr (BylineStory) story = write_story (fixture, "Mine wins");
  g_autoptr (GError) error = NULL;
  FakePost *post;

  make_conflict (fixture, story);
  g_assert_true (byline_sync_engine_resolve_conflict (fixture->engine, story, BYLINE_SYNC_RESOLVE_KEEP_LOCAL,
                                                      NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (push (fixture).pushed, ==, 1);

  post = fixture_get_post (fixture, byline_story_get_remote_id (story));
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
  FakePost *post;
  guint updates_before;

  make_conflict (fixture, story);
  g_assert_true (byline_sync_engine_resolve_conflict (fixture->engine, story, BYLINE_SYNC_RESOLVE_KEEP_SERVER,
                                                      NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (byline_story_get_headline (story), ==, "The colleague's headline");
  g_assert_cmpstr (byline_story_get_body (story), ==, "<p>Theirs wins, the body.</p>");
  g_assert_false (byline_story_get_dirty (story));
  g_assert_null (outbox_entry (fixture, story));

  post = fixture_get_post (fixture, byline_story_get_remote_id (story));
  updates_before = fixture->requests->len;
  g_assert_cmpuint (push (fixture).pushed, ==, 0);
  g_assert_cmpuint (fixture->requests->len, ==, updates_before);
  g_assert_cmpstr (post->title, ==, "The colleague's headline");
}

static void
test_conflict_merged (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr (BylineStory) story = write_story (fixture, "Merged by hand");
  g_autoptr (GError) error = NULL;
  FakePost *post;

  make_conflict (fixture, story);
  g_assert_true (byline_sync_engine_resolve_conflict (fixture->engine, story, BYLINE_SYNC_RESOLVE_MERGED,
                                                      "<p>Both edits, merged.</p>", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (push (fixture).pushed, ==, 1);

  post = fixture_get_post (fixture, byline_story_get_remote_id (story));
  g_assert_cmpstr (post->content, ==, "<p>Both edits, merged.</p>");
  g_assert_false (byline_story_get_dirty (story));
}

static BylineStory *
find_local (Fixture *fixture,
            gint64   remote_id)
{
  GListModel *stories = byline_store_get_stories (fixture->store);

  for (guint i = 0; i < g_list_model_get_n_items (stories); i++)
    {
      g_autoptr (BylineStory) story = g_list_model_get_item (stories, i);

      if (byline_story_get_remote_id (story) == remote_id)
        return story;
    }
  return NULL;
}

static void
test_pull_pagination_and_incremental (Fixture       *fixture,
                                      gconstpointer  data)
{
  GListModel *stories = byline_store_get_stories (fixture->store);
  g_autoptr (GListModel) trash = NULL;
  BylineSyncReport report;
  FakePost *changed, *trashed, *deleted;
  BylineStory *local;

  for (guint i = 0; i < 250; i++)
    {
      g_autofree char *title = g_strdup_printf ("Post %u", i);
      fixture_add_post (fixture, title, i % 5 == 0 ? "publish" : "draft");
    }
  fixture_add_post (fixture, "Already in the trash", "trash");

  report = pull (fixture, FALSE);
  g_assert_cmpuint (report.requests, ==, 3);
  g_assert_cmpuint (report.pulled, ==, 250);
  g_assert_cmpuint (g_list_model_get_n_items (stories), ==, 250);
  g_assert_cmpuint (fixture_count_requests (fixture, "GET /wp-json/wp/v2/posts"), ==, 3);

  report = pull (fixture, FALSE);
  g_assert_cmpuint (report.requests, ==, 1);
  g_assert_cmpuint (report.pulled, ==, 0);

  changed = fixture_get_post (fixture, 110);
  g_free (changed->title);
  changed->title = g_strdup ("Changed on the server");
  g_free (changed->modified);
  changed->modified = fixture_tick (fixture);
  trashed = fixture_get_post (fixture, 111);
  g_free (trashed->status);
  trashed->status = g_strdup ("trash");
  g_free (trashed->modified);
  trashed->modified = fixture_tick (fixture);

  report = pull (fixture, FALSE);
  g_assert_cmpuint (report.requests, ==, 1);
  g_assert_cmpuint (report.pulled, ==, 1);
  g_assert_cmpuint (report.removed, ==, 1);
  local = find_local (fixture, 110);
  g_assert_cmpstr (byline_story_get_headline (local), ==, "Changed on the server");
  g_assert_false (byline_story_get_dirty (local));
  g_assert_null (find_local (fixture, 111));
  trash = byline_store_list_trash (fixture->store, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (trash), ==, 1);

  /* A permanent delete leaves no trace but in a full listing. */
  deleted = fixture_get_post (fixture, 112);
  g_hash_table_remove (fixture->posts, &deleted->id);
  g_assert_cmpuint (pull (fixture, FALSE).removed, ==, 0);
  g_assert_cmpuint (pull (fixture, TRUE).removed, ==, 1);
  g_assert_null (find_local (fixture, 112));
  g_assert_cmpuint (g_list_model_get_n_items (stories), ==, 248);

  /* What the user trashed here stays in the trash. */
  local = find_local (fixture, 120);
  g_assert_true (byline_store_trash_story (fixture->store, local, NULL));
  g_assert_cmpuint (pull (fixture, TRUE).pulled, ==, 0);
  g_assert_null (find_local (fixture, 120));
  g_assert_cmpuint (g_list_model_get_n_items (stories), ==, 247);
}

/* modified_gmt has one-second resolution: an edit within the second of the
 * last pull keeps it, and must still arrive. */
static void
test_pull_same_second_edit (Fixture       *fixture,
                            gconstpointer  data)
{
  FakePost *post = fixture_add_post (fixture, "First version", "draft");
  BylineSyncReport report;

  g_assert_cmpuint (pull (fixture, FALSE).pulled, ==, 1);

  g_free (post->title);
  post->title = g_strdup ("Second version, same second");
  report = pull (fixture, FALSE);
  g_assert_cmpuint (report.requests, ==, 1);
  g_assert_cmpuint (report.pulled, ==, 1);
  g_assert_cmpstr (byline_story_get_headline (find_local (fixture, post->id)), ==, "Second version, same second");

  g_assert_cmpuint (pull (fixture, FALSE).pulled, ==, 0);
}

static void
test_pull_keeps_unsent_edit (Fixture       *fixture,
                             gconstpointer  data)
{
  FakePost *post = fixture_add_post (fixture, "Pulled once", "draft");
  g_autoptr (BylineStory) server_version = NULL;
  BylineStory *local;
  BylineSyncReport report;

  pull (fixture, FALSE);
  local = find_local (fixture, post->id);
  g_assert_true (byline_store_load_body (fixture->store, local, NULL));
  byline_story_set_body (local, "<p>Unsent local edit.</p>");
  byline_story_touch (local);
  save_and_wait (fixture, local);

  g_free (post->content);
  post->content = g_strdup ("<p>Server edit.</p>");
  g_free (post->modified);
  post->modified = fixture_tick (fixture);

  report = pull (fixture, FALSE);
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
  g_assert_cmpuint (fixture_count_posts_with_uuid (fixture, byline_story_get_uuid (story)), ==, 1);
  byline_sync_engine_set_automatic (fixture->engine, FALSE);
}

#define add_test(path, func) \
  g_test_add ((path), Fixture, NULL, fixture_set_up, (func), fixture_tear_down)

int
main (int   argc,
      char *argv[])
{
  /* No proxy may stand between the client and the fake server. */
  g_setenv ("GIO_USE_PROXY_RESOLVER", "dummy", TRUE);
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

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

  return g_test_run ();
}
