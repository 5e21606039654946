/* test-sync-visibility.c: a full pull and the posts a writer's listing leaves out
 *
 * WordPress lists with context=edit only what the account may edit: once an
 * editor schedules or publishes a contributor's post, it drops out of the
 * contributor's listing without being deleted. The fake WordPress of
 * tests/support keeps the posts that are still listed; the posts taken out
 * of it are answered here the way WordPress 6.1 answers a contributor, in a
 * listing with context=view and include= or one by one.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>

#include "cms/byline-wp-client.h"
#include "model/byline-story.h"
#include "store/byline-store-sync.h"
#include "sync/byline-sync-engine.h"

#include "byline-fake-wordpress.h"
#include "byline-test-support.h"
#include "byline-test-sync.h"

#define ACCOUNT "newsroom"

/* How a post no longer listed for the writer answers a GET of its own. */
typedef enum
{
  HIDDEN_READABLE,
  HIDDEN_IN_TRASH,
  HIDDEN_UNREADABLE,
} HiddenKind;

typedef struct
{
  gint64      id;
  HiddenKind  kind;
  char       *status;
} HiddenPost;

typedef struct
{
  BylineFakeWordpress *wp;
  GHashTable          *hidden;
  gboolean             refuse_include;
  char                *store_path;
  BylineStore         *store;
  BylineSyncEngine    *engine;
} Fixture;

static void
hidden_post_free (HiddenPost *post)
{
  g_free (post->status);
  g_free (post);
}

static void
add_text (JsonBuilder *builder,
          const char  *member,
          const char  *key,
          const char  *text)
{
  json_builder_set_member_name (builder, member);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, key);
  json_builder_add_string_value (builder, text);
  json_builder_end_object (builder);
}

static void
add_member (JsonBuilder *builder,
            const char  *member,
            const char  *value)
{
  json_builder_set_member_name (builder, member);
  json_builder_add_string_value (builder, value);
}

static void
build_hidden_post (JsonBuilder *builder,
                   HiddenPost  *post,
                   const char  *text_key)
{
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_int_value (builder, post->id);
  add_member (builder, "status", post->status);
  add_member (builder, "modified_gmt", "2024-06-01T09:00:00");
  add_member (builder, "date_gmt", "2031-01-01T08:00:00");
  add_text (builder, "title", text_key, "Rendered &#8220;title&#8221;");
  add_text (builder, "content", text_key, "<p>Rendered body</p>\n");
  add_text (builder, "excerpt", text_key, "<p>Rendered dek</p>\n");
  json_builder_end_object (builder);
}

/* context=view: the text only rendered, as WordPress filters it. */
static void
add_viewed_post (JsonBuilder *builder,
                 gpointer     post)
{
  build_hidden_post (builder, post, "rendered");
}

static void
reply_hidden_post (SoupServerMessage *msg,
                   HiddenPost        *post,
                   const char        *text_key)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();

  build_hidden_post (builder, post, text_key);
  byline_fake_wordpress_reply_json (msg, SOUP_STATUS_OK, builder);
}

static void
serve_hidden_post (SoupServerMessage *msg,
                   HiddenPost        *post,
                   gboolean           editing)
{
  if (post->kind == HIDDEN_UNREADABLE)
    byline_fake_wordpress_reply_error (msg, SOUP_STATUS_FORBIDDEN, "rest_forbidden",
                                       "Sorry, you are not allowed to do that.");
  else if (post->kind == HIDDEN_IN_TRASH)
    reply_hidden_post (msg, post, "raw");
  else if (editing)
    byline_fake_wordpress_reply_error (msg, SOUP_STATUS_FORBIDDEN, "rest_forbidden_context",
                                       "Sorry, you are not allowed to edit this post.");
  else
    reply_hidden_post (msg, post, "rendered");
}

/* A listing with context=view shows the hidden posts the writer may read. */
static void
serve_readable_listing (Fixture           *fixture,
                        SoupServerMessage *msg,
                        GHashTable        *query)
{
  g_auto (GStrv) include = g_strsplit (g_hash_table_lookup (query, "include"), ",", -1);
  g_autoptr (GPtrArray) readable = g_ptr_array_new ();

  g_assert_cmpstr (g_hash_table_lookup (query, "context"), ==, "view");
  for (guint i = 0; include[i] != NULL; i++)
    {
      gint64 id = g_ascii_strtoll (include[i], NULL, 10);
      HiddenPost *post = g_hash_table_lookup (fixture->hidden, &id);

      if (post != NULL && post->kind != HIDDEN_UNREADABLE)
        g_ptr_array_add (readable, post);
    }
  byline_fake_wordpress_reply_page (msg, readable, query, add_viewed_post);
}

static gboolean
route (SoupServerMessage *msg,
       const char        *key,
       const char        *path,
       GHashTable        *query,
       gpointer           user_data)
{
  Fixture *fixture = user_data;
  gint64 id = 0;
  HiddenPost *post;

  if (g_str_equal (key, "GET /wp-json/wp/v2/posts") && g_hash_table_contains (query, "include"))
    {
      if (fixture->refuse_include)
        byline_fake_wordpress_reply_error (msg, SOUP_STATUS_BAD_REQUEST, "rest_invalid_param",
                                           "Invalid parameter(s): include");
      else
        serve_readable_listing (fixture, msg, query);
      return TRUE;
    }
  if (sscanf (key, "GET /wp-json/wp/v2/posts/%" G_GINT64_FORMAT, &id) != 1)
    return FALSE;
  post = g_hash_table_lookup (fixture->hidden, &id);
  if (post != NULL)
    serve_hidden_post (msg, post, g_strcmp0 (g_hash_table_lookup (query, "context"), "edit") == 0);
  else if (byline_fake_wordpress_get_post (fixture->wp, id) == NULL)
    byline_fake_wordpress_reply_error (msg, SOUP_STATUS_NOT_FOUND, "rest_post_invalid_id", "Invalid post ID.");
  else
    return FALSE;
  return TRUE;
}

/* Takes the post out of the writer's listing. */
static void
hide (Fixture    *fixture,
      gint64      id,
      HiddenKind  kind,
      const char *status)
{
  HiddenPost *post = g_new0 (HiddenPost, 1);

  post->id = id;
  post->kind = kind;
  post->status = g_strdup (status);
  g_hash_table_remove (byline_fake_wordpress_get_posts (fixture->wp), &id);
  g_hash_table_insert (fixture->hidden, g_memdup2 (&id, sizeof id), post);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr (BylineStoreAccount) account = NULL;
  g_autoptr (BylineWpClient) client = NULL;
  g_autoptr (GError) error = NULL;

  fixture->hidden = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, (GDestroyNotify) hidden_post_free);
  fixture->wp = byline_fake_wordpress_new (route, fixture);
  byline_fake_wordpress_serve_index (fixture->wp, "[\"wp/v2\",\"byline/v1\"]");
  byline_fake_wordpress_serve_posts (fixture->wp);

  fixture->store_path = g_build_filename (g_get_user_data_dir (), "byline", "newsroom.db", NULL);
  fixture->store = byline_store_open (fixture->store_path, &error);
  g_assert_no_error (error);
  account = byline_store_account_new (ACCOUNT, byline_fake_wordpress_get_url (fixture->wp), "writer");
  account->has_companion = TRUE;
  g_assert_true (byline_store_save_account (fixture->store, account, &error));
  g_assert_no_error (error);

  client = byline_wp_client_new (byline_fake_wordpress_get_url (fixture->wp), "writer", "abcd efgh ijkl mnop",
                                 &error);
  g_assert_no_error (error);
  fixture->engine = byline_sync_engine_new (fixture->store, ACCOUNT, BYLINE_CMS_CLIENT (client));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->engine);
  g_clear_pointer (&fixture->wp, byline_fake_wordpress_free);
  g_clear_pointer (&fixture->hidden, g_hash_table_unref);
  g_clear_object (&fixture->store);
  g_clear_pointer (&fixture->store_path, g_free);
}

static gboolean
is_in_trash (Fixture *fixture,
             gint64   remote_id)
{
  g_autoptr (GListModel) trash = byline_store_list_trash (fixture->store, NULL);

  for (guint i = 0; i < g_list_model_get_n_items (trash); i++)
    {
      g_autoptr (BylineStory) story = g_list_model_get_item (trash, i);

      if (byline_story_get_remote_id (story) == remote_id)
        return TRUE;
    }
  return FALSE;
}

static gint64
add_post (Fixture    *fixture,
          const char *title)
{
  return byline_fake_wordpress_add_post (fixture->wp, title, "draft")->id;
}

static void
edit_locally (Fixture    *fixture,
              gint64      remote_id,
              const char *body)
{
  BylineStory *story = byline_test_find_local (fixture->store, remote_id);
  g_autoptr (GError) error = NULL;

  g_assert_true (byline_store_load_body (fixture->store, story, NULL));
  byline_story_set_body (story, body);
  byline_story_touch (story);
  g_assert_true (byline_store_save_story (fixture->store, story, &error));
  g_assert_no_error (error);
}

static void
test_scheduled_post_kept (Fixture       *fixture,
                          gconstpointer  data)
{
  gint64 listed = add_post (fixture, "Still a draft");
  gint64 scheduled = add_post (fixture, "Scheduled by the editor");
  BylineSyncReport report;
  BylineStory *story;

  g_assert_cmpuint (byline_test_pull (fixture->engine, TRUE).pulled, ==, 2);
  hide (fixture, scheduled, HIDDEN_READABLE, "future");

  report = byline_test_pull (fixture->engine, TRUE);
  g_assert_cmpuint (report.removed, ==, 0);
  g_assert_cmpuint (report.conflicts, ==, 0);
  g_assert_cmpuint (report.pulled, ==, 1);
  story = byline_test_find_local (fixture->store, scheduled);
  g_assert_nonnull (story);
  g_assert_false (is_in_trash (fixture, scheduled));
  g_assert_cmpint (byline_story_get_status (story), ==, BYLINE_STORY_STATUS_SCHEDULED);
  g_assert_false (byline_story_get_dirty (story));
  g_assert_true (byline_store_load_body (fixture->store, story, NULL));
  g_assert_cmpstr (byline_story_get_headline (story), ==, "Scheduled by the editor");
  g_assert_cmpstr (byline_story_get_body (story), ==, "<p>Scheduled by the editor</p>");
  g_assert_null (byline_store_get_outbox_entry (fixture->store, byline_story_get_uuid (story), NULL));
  g_assert_null (byline_store_load_conflict (fixture->store, byline_story_get_uuid (story), NULL));
  g_assert_nonnull (byline_test_find_local (fixture->store, listed));

  /* Found in one listing with context=view and include=, not read alone. */
  g_assert_cmpuint (report.requests, ==, 2);
  g_assert_cmpuint (byline_fake_wordpress_count_requests (fixture->wp, "GET /wp-json/wp/v2/posts/*"), ==, 0);

  report = byline_test_pull (fixture->engine, TRUE);
  g_assert_cmpuint (report.pulled, ==, 0);
  g_assert_cmpuint (report.removed, ==, 0);
  g_assert_nonnull (byline_test_find_local (fixture->store, scheduled));
}

static void
test_gone_or_unseen (Fixture       *fixture,
                     gconstpointer  data)
{
  gint64 listed = add_post (fixture, "Still a draft");
  gint64 deleted = add_post (fixture, "Deleted for good");
  gint64 trashed = add_post (fixture, "Moved to the trash");
  gint64 unseen = add_post (fixture, "No longer shown to the writer");
  gint64 published = add_post (fixture, "Published while edited here");
  g_autoptr (BylineOutboxEntry) entry = NULL;
  BylineSyncReport report;
  BylineStory *story;

  g_assert_cmpuint (byline_test_pull (fixture->engine, TRUE).pulled, ==, 5);
  edit_locally (fixture, published, "<p>An unsent edit.</p>");
  g_hash_table_remove (byline_fake_wordpress_get_posts (fixture->wp), &deleted);
  hide (fixture, trashed, HIDDEN_IN_TRASH, "trash");
  hide (fixture, unseen, HIDDEN_UNREADABLE, "draft");
  hide (fixture, published, HIDDEN_READABLE, "publish");

  report = byline_test_pull (fixture->engine, TRUE);
  g_assert_cmpuint (report.removed, ==, 2);
  g_assert_cmpuint (report.conflicts, ==, 0);
  g_assert_cmpuint (report.failed, ==, 1);
  /* The listing, one listing of the four missing posts, and a GET each for
   * the two it did not show. */
  g_assert_cmpuint (report.requests, ==, 1 + 1 + 2);
  g_assert_cmpuint (byline_fake_wordpress_count_requests (fixture->wp, "GET /wp-json/wp/v2/posts/*"), ==, 2);
  g_assert_nonnull (byline_test_find_local (fixture->store, listed));
  g_assert_null (byline_test_find_local (fixture->store, deleted));
  g_assert_true (is_in_trash (fixture, deleted));
  g_assert_null (byline_test_find_local (fixture->store, trashed));
  g_assert_true (is_in_trash (fixture, trashed));

  story = byline_test_find_local (fixture->store, unseen);
  g_assert_nonnull (story);
  g_assert_cmpint (byline_story_get_status (story), ==, BYLINE_STORY_STATUS_DRAFT);
  g_assert_false (byline_story_get_dirty (story));

  story = byline_test_find_local (fixture->store, published);
  g_assert_nonnull (story);
  g_assert_true (byline_story_get_dirty (story));
  g_assert_cmpstr (byline_story_get_body (story), ==, "<p>An unsent edit.</p>");
  g_assert_cmpint (byline_story_get_status (story), ==, BYLINE_STORY_STATUS_DRAFT);
  entry = byline_store_get_outbox_entry (fixture->store, byline_story_get_uuid (story), NULL);
  g_assert_nonnull (entry);
  g_assert_cmpint (entry->state, ==, BYLINE_OUTBOX_FAILED);
  g_assert_nonnull (strstr (entry->last_error, "may no longer edit"));
}

/* A site that will not list by include= has each missing post read alone:
 * refused with context=edit, then read with context=view. */
static void
test_include_refused_read_alone (Fixture       *fixture,
                                 gconstpointer  data)
{
  gint64 scheduled = add_post (fixture, "Scheduled by the editor");
  BylineSyncReport report;

  g_assert_cmpuint (byline_test_pull (fixture->engine, TRUE).pulled, ==, 1);
  hide (fixture, scheduled, HIDDEN_READABLE, "future");
  fixture->refuse_include = TRUE;

  report = byline_test_pull (fixture->engine, TRUE);
  g_assert_cmpuint (report.removed, ==, 0);
  g_assert_cmpuint (report.pulled, ==, 1);
  g_assert_cmpuint (report.requests, ==, 3);
  g_assert_cmpuint (byline_fake_wordpress_count_requests (fixture->wp, "GET /wp-json/wp/v2/posts/*"), ==, 2);
  g_assert_cmpint (byline_story_get_status (byline_test_find_local (fixture->store, scheduled)), ==,
                   BYLINE_STORY_STATUS_SCHEDULED);
}

/* A server that fails the check leaves every story where it was. */
static void
test_check_fails_nothing_removed (Fixture       *fixture,
                                  gconstpointer  data)
{
  gint64 missing = add_post (fixture, "Missing while the server falters");
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;

  g_assert_cmpuint (byline_test_pull (fixture->engine, TRUE).pulled, ==, 1);
  g_hash_table_remove (byline_fake_wordpress_get_posts (fixture->wp), &missing);
  byline_fake_wordpress_fail (fixture->wp, "GET /wp-json/wp/v2/posts/*", BYLINE_FAKE_FAIL_BEFORE, 503, 1);

  byline_sync_engine_pull_async (fixture->engine, TRUE, NULL, byline_test_store_result, &result);
  g_assert_false (byline_sync_engine_pull_finish (fixture->engine, byline_test_wait_for_result (&result), NULL,
                                                  &error));
  g_assert_error (error, BYLINE_CMS_ERROR, BYLINE_CMS_ERROR_SERVER_ERROR);
  g_assert_nonnull (byline_test_find_local (fixture->store, missing));
  g_assert_false (byline_sync_engine_get_busy (fixture->engine));

  g_assert_cmpuint (byline_test_pull (fixture->engine, TRUE).removed, ==, 1);
  g_assert_null (byline_test_find_local (fixture->store, missing));
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

  add_test ("/sync/visibility/scheduled-post-kept", test_scheduled_post_kept);
  add_test ("/sync/visibility/gone-or-unseen", test_gone_or_unseen);
  add_test ("/sync/visibility/include-refused-read-alone", test_include_refused_read_alone);
  add_test ("/sync/visibility/check-fails-nothing-removed", test_check_fails_nothing_removed);

  return g_test_run ();
}
