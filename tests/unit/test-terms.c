/* test-terms.c: tags and categories between story names and post ids
 *
 * The fake WordPress (tests/support) plays wp/v2 posts; this test adds tags
 * and categories the way WordPress 6.1 does: names matched without regard to
 * ASCII case, "&" kept as "&amp;", "term_exists" with the existing id,
 * categories refused (403) to users who are not editors when the test says so.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "cms/byline-term-map.h"
#include "cms/byline-wp-client.h"
#include "model/byline-story.h"
#include "store/byline-store-sync.h"
#include "sync/byline-sync-engine.h"

#include "byline-fake-wordpress.h"
#include "byline-test-support.h"
#include "byline-test-sync.h"

#define ACCOUNT "desk"
#define TAGS_ROUTE "/wp-json/wp/v2/tags"
#define CATEGORIES_ROUTE "/wp-json/wp/v2/categories"

typedef struct
{
  gint64  id;
  char   *name;
} FakeTerm;

typedef struct
{
  BylineFakeWordpress *wp;
  GPtrArray           *tags;
  GPtrArray           *categories;
  gint64               next_term_id;
  gboolean             categories_forbidden;
  char                *dir;
  BylineStore         *store;
  BylineSyncEngine    *engine;
} Fixture;

static void
fake_term_free (FakeTerm *term)
{
  g_free (term->name);
  g_free (term);
}

/* Server state */

static GPtrArray *
fixture_terms (Fixture    *fixture,
               const char *route)
{
  return g_str_equal (route, CATEGORIES_ROUTE) ? fixture->categories : fixture->tags;
}

/* What WordPress stores: the name sanitized and "&" escaped. */
static FakeTerm *
fixture_add_term (Fixture    *fixture,
                  GPtrArray  *terms,
                  const char *name)
{
  FakeTerm *term = g_new0 (FakeTerm, 1);
  g_autofree char *stripped = g_strstrip (g_strdup (name));
  g_auto (GStrv) parts = g_strsplit (stripped, "&", -1);

  term->id = fixture->next_term_id++;
  term->name = g_strjoinv ("&amp;", parts);
  g_ptr_array_add (terms, term);
  return term;
}

static FakeTerm *
fixture_find_term (GPtrArray  *terms,
                   const char *name)
{
  g_autofree char *stripped = g_strstrip (g_strdup (name));
  g_auto (GStrv) parts = g_strsplit (stripped, "&", -1);
  g_autofree char *stored = g_strjoinv ("&amp;", parts);

  for (guint i = 0; i < terms->len; i++)
    {
      FakeTerm *term = g_ptr_array_index (terms, i);

      if (g_ascii_strcasecmp (term->name, stored) == 0)
        return term;
    }
  return NULL;
}

static BylineFakePost *
fixture_add_post (Fixture      *fixture,
                  const char   *title,
                  const gint64 *tags,
                  guint         n_tags,
                  const gint64 *categories,
                  guint         n_categories)
{
  BylineFakePost *post = byline_fake_wordpress_add_post (fixture->wp, title, "draft");

  g_array_append_vals (post->tags, tags, n_tags);
  g_array_append_vals (post->categories, categories, n_categories);
  return post;
}

static guint
fixture_count_term_requests (Fixture *fixture)
{
  return byline_fake_wordpress_count_requests (fixture->wp, "GET " TAGS_ROUTE) +
         byline_fake_wordpress_count_requests (fixture->wp, "POST " TAGS_ROUTE) +
         byline_fake_wordpress_count_requests (fixture->wp, "GET " CATEGORIES_ROUTE) +
         byline_fake_wordpress_count_requests (fixture->wp, "POST " CATEGORIES_ROUTE);
}

/* Term routes */

static void
add_term (JsonBuilder *builder,
          FakeTerm    *term)
{
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_int_value (builder, term->id);
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, term->name);
  json_builder_end_object (builder);
}

static gboolean
is_included (FakeTerm   *term,
             const char *include)
{
  g_auto (GStrv) ids = g_strsplit (include, ",", -1);

  for (guint i = 0; ids[i] != NULL; i++)
    {
      if (g_ascii_strtoll (ids[i], NULL, 10) == term->id)
        return TRUE;
    }
  return FALSE;
}

static void
serve_terms (Fixture           *fixture,
             SoupServerMessage *msg,
             const char        *route,
             GHashTable        *query)
{
  GPtrArray *terms = fixture_terms (fixture, route);
  const char *include = g_hash_table_lookup (query, "include");
  g_autoptr (GPtrArray) listed = g_ptr_array_new ();

  g_assert_cmpstr (g_hash_table_lookup (query, "_fields"), ==, "id,name,slug");
  g_assert_cmpuint (atoi (g_hash_table_lookup (query, "per_page")), <=, 100);
  for (guint i = 0; i < terms->len; i++)
    {
      if (include == NULL || is_included (g_ptr_array_index (terms, i), include))
        g_ptr_array_add (listed, g_ptr_array_index (terms, i));
    }
  byline_fake_wordpress_reply_page (msg, listed, query, (void (*) (JsonBuilder *, gpointer)) add_term);
}

static void
serve_create_term (Fixture           *fixture,
                   SoupServerMessage *msg,
                   const char        *route)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  const char *name = json_object_get_string_member (byline_fake_wordpress_request_object (msg, parser), "name");
  GPtrArray *terms = fixture_terms (fixture, route);
  FakeTerm *existing = fixture_find_term (terms, name);
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autofree char *text = NULL;

  if (terms == fixture->categories && fixture->categories_forbidden)
    {
      byline_fake_wordpress_reply_text (msg, SOUP_STATUS_FORBIDDEN,
                                        "{\"code\":\"rest_cannot_create\",\"message\":\"Sorry, you are not allowed "
                                        "to create terms in this taxonomy.\",\"data\":{\"status\":403}}");
      return;
    }
  if (existing != NULL)
    {
      text = g_strdup_printf ("{\"code\":\"term_exists\",\"message\":\"A term with the name provided already "
                              "exists in this taxonomy.\",\"data\":{\"status\":400,\"term_id\":%" G_GINT64_FORMAT "}}",
                              existing->id);
      byline_fake_wordpress_reply_text (msg, SOUP_STATUS_BAD_REQUEST, text);
      return;
    }
  add_term (builder, fixture_add_term (fixture, terms, name));
  byline_fake_wordpress_reply_json (msg, SOUP_STATUS_CREATED, builder);
}

static gboolean
serve_term_route (SoupServerMessage *msg,
                  const char        *key,
                  const char        *path,
                  GHashTable        *query,
                  gpointer           user_data)
{
  Fixture *fixture = user_data;

  if (!g_str_equal (path, TAGS_ROUTE) && !g_str_equal (path, CATEGORIES_ROUTE))
    return FALSE;
  if (g_str_equal (soup_server_message_get_method (msg), "GET"))
    serve_terms (fixture, msg, path, query);
  else
    serve_create_term (fixture, msg, path);
  return TRUE;
}

/* Store and engine */

static BylineStore *
open_store (Fixture    *fixture,
            const char *name)
{
  g_autofree char *path = g_build_filename (fixture->dir, name, NULL);
  g_autoptr (BylineStoreAccount) account = byline_store_account_new (ACCOUNT, byline_fake_wordpress_get_url (fixture->wp),
                                                                     "author");
  g_autoptr (GError) error = NULL;
  g_autoptr (BylineStore) store = byline_store_open (path, &error);

  g_assert_no_error (error);
  account->has_companion = TRUE;
  g_assert_true (byline_store_save_account (store, account, &error));
  return g_steal_pointer (&store);
}

static BylineCmsClient *
new_client (Fixture *fixture)
{
  g_autoptr (GError) error = NULL;
  BylineWpClient *client = byline_wp_client_new (byline_fake_wordpress_get_url (fixture->wp), "author",
                                                 "abcd efgh ijkl mnop", &error);

  g_assert_no_error (error);
  return BYLINE_CMS_CLIENT (client);
}

static BylineSyncEngine *
new_engine (Fixture     *fixture,
            BylineStore *store)
{
  g_autoptr (BylineCmsClient) client = new_client (fixture);
  BylineSyncEngine *engine = byline_sync_engine_new (store, ACCOUNT, client);

  byline_sync_engine_set_retry_delays (engine, 10, 50, 4);
  return engine;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->wp = byline_fake_wordpress_new (serve_term_route, fixture);
  byline_fake_wordpress_serve_index (fixture->wp, "[\"wp/v2\",\"byline/v1\"]");
  byline_fake_wordpress_serve_posts (fixture->wp);
  fixture->tags = g_ptr_array_new_with_free_func ((GDestroyNotify) fake_term_free);
  fixture->categories = g_ptr_array_new_with_free_func ((GDestroyNotify) fake_term_free);
  fixture->next_term_id = 2;

  fixture->dir = g_build_filename (g_get_user_data_dir (), "byline", NULL);
  g_assert_cmpint (g_mkdir_with_parents (fixture->dir, 0700), ==, 0);
  fixture->store = open_store (fixture, "newsroom.db");
  fixture->engine = new_engine (fixture, fixture->store);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->engine);
  g_clear_pointer (&fixture->wp, byline_fake_wordpress_free);
  g_clear_object (&fixture->store);
  g_clear_pointer (&fixture->dir, g_free);
  g_clear_pointer (&fixture->tags, g_ptr_array_unref);
  g_clear_pointer (&fixture->categories, g_ptr_array_unref);
}

static BylineStory *
write_story (Fixture            *fixture,
             const char         *headline,
             const char * const *tags,
             const char * const *categories)
{
  BylineStory *story = byline_story_new ();
  g_autoptr (GError) error = NULL;

  byline_story_set_account (story, ACCOUNT);
  byline_story_set_headline (story, headline);
  byline_story_set_body (story, "<p>Body.</p>");
  byline_story_set_tags (story, tags);
  byline_story_set_categories (story, categories);
  byline_story_touch (story);
  g_assert_true (byline_store_save_story (fixture->store, story, &error));
  g_assert_no_error (error);
  return story;
}

static BylineFakePost *
post_of (Fixture     *fixture,
         BylineStory *story)
{
  BylineFakePost *post = byline_fake_wordpress_get_post (fixture->wp, byline_story_get_remote_id (story));

  g_assert_nonnull (post);
  return post;
}

static void
assert_ids (GArray       *ids,
            const gint64 *expected,
            guint         n_expected)
{
  g_assert_cmpmem (ids->data, ids->len * sizeof (gint64), expected, n_expected * sizeof (gint64));
}

static void
assert_names (const char * const *names,
              const char * const *expected)
{
  g_assert_cmpstrv (names, expected);
}

/* Tests */

static void
test_push_names_to_ids (Fixture       *fixture,
                        gconstpointer  data)
{
  gint64 elections = fixture_add_term (fixture, fixture->tags, "Elections")->id;
  gint64 council = fixture_add_term (fixture, fixture->tags, "City council")->id;
  gint64 politics = fixture_add_term (fixture, fixture->categories, "Politics")->id;
  const char *tags[] = { "elections", "  CITY   Council ", "Elections", NULL };
  const char *categories[] = { "Politics", NULL };
  g_autoptr (BylineStory) story = write_story (fixture, "Vote count", tags, categories);
  BylineSyncReport report;

  report = byline_test_push (fixture->engine);
  g_assert_cmpuint (report.pushed, ==, 1);
  g_assert_cmpuint (report.terms_kept_local, ==, 0);
  assert_ids (post_of (fixture, story)->tags, (gint64[]) { elections, council }, 2);
  assert_ids (post_of (fixture, story)->categories, (gint64[]) { politics }, 1);
  /* One listing a taxonomy, nothing created: every name matched. */
  g_assert_cmpuint (byline_fake_wordpress_count_requests (fixture->wp, "GET " TAGS_ROUTE), ==, 1);
  g_assert_cmpuint (byline_fake_wordpress_count_requests (fixture->wp, "GET " CATEGORIES_ROUTE), ==, 1);
  g_assert_cmpuint (byline_fake_wordpress_count_requests (fixture->wp, "POST " TAGS_ROUTE), ==, 0);
  g_assert_cmpuint (report.requests, ==, 3);
  /* The story keeps its own spelling. */
  assert_names (byline_story_get_tags (story), tags);
}

static void
test_missing_tag_created_once (Fixture       *fixture,
                               gconstpointer  data)
{
  const char *tags[] = { "Harbour", NULL };
  const char *other_tags[] = { "harbour", "Ferries", NULL };
  g_autoptr (BylineStory) first = write_story (fixture, "Harbour reopens", tags, NULL);
  g_autoptr (BylineStory) second = write_story (fixture, "Ferries return", other_tags, NULL);
  g_autoptr (GError) error = NULL;
  gint64 harbour;

  g_assert_cmpuint (byline_test_push (fixture->engine).pushed, ==, 2);
  g_assert_cmpuint (fixture->tags->len, ==, 2);
  g_assert_cmpuint (byline_fake_wordpress_count_requests (fixture->wp, "POST " TAGS_ROUTE), ==, 2);
  g_assert_cmpuint (byline_fake_wordpress_count_requests (fixture->wp, "GET " TAGS_ROUTE), ==, 1);
  harbour = ((FakeTerm *) g_ptr_array_index (fixture->tags, 0))->id;
  assert_ids (post_of (fixture, first)->tags, (gint64[]) { harbour }, 1);
  g_assert_cmpuint (post_of (fixture, second)->tags->len, ==, 2);
  g_assert_cmpint (g_array_index (post_of (fixture, second)->tags, gint64, 0), ==, harbour);

  /* The next run knows every name: no term request at all. */
  g_ptr_array_set_size (byline_fake_wordpress_get_requests (fixture->wp), 0);
  byline_story_set_headline (first, "Harbour reopens, updated");
  byline_story_touch (first);
  g_assert_true (byline_store_save_story (fixture->store, first, &error));
  g_assert_cmpuint (byline_test_push (fixture->engine).pushed, ==, 1);
  g_assert_cmpuint (fixture_count_term_requests (fixture), ==, 0);
  assert_ids (post_of (fixture, first)->tags, (gint64[]) { harbour }, 1);
}

static void
test_new_post_without_terms (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr (BylineStory) story = write_story (fixture, "No terms at all", NULL, NULL);
  JsonObject *body;

  g_assert_cmpuint (byline_test_push (fixture->engine).pushed, ==, 1);
  g_assert_cmpuint (fixture_count_term_requests (fixture), ==, 0);
  /* WordPress then gives it the default category. */
  body = byline_fake_wordpress_get_last_post_body (fixture->wp);
  g_assert_false (json_object_has_member (body, "tags"));
  g_assert_false (json_object_has_member (body, "categories"));
}

static void
test_update_without_names_keeps_server_terms (Fixture       *fixture,
                                              gconstpointer  data)
{
  gint64 arts = fixture_add_term (fixture, fixture->tags, "Arts")->id;
  BylineFakePost *post = fixture_add_post (fixture, "Tagged on the site", &arts, 1, NULL, 0);
  g_autoptr (GError) error = NULL;
  BylineStory *story;

  byline_test_pull (fixture->engine, FALSE);
  story = byline_test_find_local (fixture->store, post->id);
  /* As if pulled before terms were mapped. */
  byline_story_set_tags (story, NULL);
  g_assert_true (byline_store_load_body (fixture->store, story, &error));
  byline_story_set_headline (story, "Edited here");
  byline_story_touch (story);
  g_assert_true (byline_store_save_story (fixture->store, story, &error));

  g_assert_cmpuint (byline_test_push (fixture->engine).pushed, ==, 1);
  g_assert_false (json_object_has_member (byline_fake_wordpress_get_last_post_body (fixture->wp), "tags"));
  g_assert_cmpstr (post->title, ==, "Edited here");
  assert_ids (post->tags, &arts, 1);
}

static void
test_pull_ids_to_names (Fixture       *fixture,
                        gconstpointer  data)
{
  gint64 arts = fixture_add_term (fixture, fixture->tags, "Arts & Culture")->id;
  gint64 unicode = fixture_add_term (fixture, fixture->tags, "Ünïcode tag")->id;
  gint64 news = fixture_add_term (fixture, fixture->categories, "News")->id;
  gint64 late_tag;
  BylineSyncReport report;
  BylineFakePost *post;

  for (guint i = 0; i < 250; i++)
    {
      g_autofree char *title = g_strdup_printf ("Post %u", i);
      fixture_add_post (fixture, title, (gint64[]) { arts, unicode, 9999 }, i % 2 ? 3 : 1, &news, 1);
    }

  report = byline_test_pull (fixture->engine, FALSE);
  g_assert_cmpuint (report.pulled, ==, 250);
  /* Three pages of posts; each taxonomy asked about once, on the first page
   * (the unknown id 9999 is remembered as gone, not asked for again). */
  g_assert_cmpuint (byline_fake_wordpress_count_requests (fixture->wp, "GET " TAGS_ROUTE), ==, 1);
  g_assert_cmpuint (byline_fake_wordpress_count_requests (fixture->wp, "GET " CATEGORIES_ROUTE), ==, 1);
  g_assert_cmpuint (report.requests, ==, 5);
  assert_names (byline_story_get_tags (byline_test_find_local (fixture->store, 100)), (const char *[]) { "Arts & Culture", NULL });
  assert_names (byline_story_get_tags (byline_test_find_local (fixture->store, 101)),
                (const char *[]) { "Arts & Culture", "Ünïcode tag", NULL });
  assert_names (byline_story_get_categories (byline_test_find_local (fixture->store, 101)), (const char *[]) { "News", NULL });

  /* A tag added on the server since: asked for by id, alone. */
  late_tag = fixture_add_term (fixture, fixture->tags, "Late news")->id;
  post = byline_fake_wordpress_get_post (fixture->wp, 120);
  g_array_append_val (post->tags, late_tag);
  byline_fake_wordpress_touch_post (fixture->wp, post);
  g_ptr_array_set_size (byline_fake_wordpress_get_requests (fixture->wp), 0);
  report = byline_test_pull (fixture->engine, FALSE);
  g_assert_cmpuint (report.pulled, ==, 1);
  g_assert_cmpuint (byline_fake_wordpress_count_requests (fixture->wp, "GET " TAGS_ROUTE), ==, 1);
  g_assert_cmpuint (byline_fake_wordpress_count_requests (fixture->wp, "GET " CATEGORIES_ROUTE), ==, 0);
  assert_names (byline_story_get_tags (byline_test_find_local (fixture->store, 120)), (const char *[]) { "Arts & Culture", "Late news", NULL });
}

static void
test_round_trip_into_second_store (Fixture       *fixture,
                                   gconstpointer  data)
{
  const char *tags[] = { "Elections", "Ünïcode tag", "Arts & Culture", NULL };
  const char *categories[] = { "Politics", NULL };
  g_autoptr (BylineStory) story = NULL;
  g_autoptr (BylineStore) second_store = NULL;
  g_autoptr (BylineSyncEngine) second_engine = NULL;
  BylineStory *pulled;

  fixture_add_term (fixture, fixture->categories, "Politics");
  story = write_story (fixture, "Round trip", tags, categories);
  g_assert_cmpuint (byline_test_push (fixture->engine).pushed, ==, 1);
  g_assert_cmpuint (post_of (fixture, story)->tags->len, ==, 3);

  second_store = open_store (fixture, "second.db");
  second_engine = new_engine (fixture, second_store);
  g_assert_cmpuint (byline_test_pull (second_engine, FALSE).pulled, ==, 1);
  pulled = byline_test_find_local (second_store, byline_story_get_remote_id (story));
  g_assert_nonnull (pulled);
  assert_names (byline_story_get_tags (pulled), tags);
  assert_names (byline_story_get_categories (pulled), categories);
}

static void
test_refused_category_stays_local (Fixture       *fixture,
                                   gconstpointer  data)
{
  gint64 politics = fixture_add_term (fixture, fixture->categories, "Politics")->id;
  const char *categories[] = { "Politics", "Opinion", NULL };
  const char *only_new[] = { "Opinion", NULL };
  const char *tags[] = { "New tag", NULL };
  g_autoptr (BylineStory) mixed = NULL;
  g_autoptr (BylineStory) refused_only = NULL;
  g_autoptr (BylineStory) plain = NULL;
  BylineSyncReport report;
  JsonObject *body;

  fixture->categories_forbidden = TRUE;
  plain = write_story (fixture, "News in brief", NULL, NULL);
  mixed = write_story (fixture, "Column", tags, categories);
  refused_only = write_story (fixture, "Another column", NULL, only_new);

  report = byline_test_push (fixture->engine);
  g_assert_cmpuint (report.pushed, ==, 3);
  g_assert_cmpuint (report.failed, ==, 0);
  g_assert_cmpuint (report.terms_kept_local, ==, 2);
  assert_ids (post_of (fixture, mixed)->categories, (gint64[]) { politics }, 1);
  g_assert_cmpuint (post_of (fixture, mixed)->tags->len, ==, 1);
  /* Asked once a run, not once a story. */
  g_assert_cmpuint (byline_fake_wordpress_count_requests (fixture->wp, "POST " CATEGORIES_ROUTE), ==, 1);
  /* A post whose every category stayed local is not stripped of its own. */
  body = byline_fake_wordpress_get_last_post_body (fixture->wp);
  g_assert_cmpstr (json_object_get_string_member (body, "title"), ==, "Another column");
  g_assert_false (json_object_has_member (body, "categories"));
  g_assert_true (byline_story_get_remote_id (plain) > 0);
  assert_names (byline_story_get_categories (mixed), categories);
  assert_names (byline_story_get_categories (refused_only), only_new);
  g_assert_false (byline_story_get_dirty (mixed));
}

static void
test_term_added_since_listing (Fixture       *fixture,
                               gconstpointer  data)
{
  const char *first_tags[] = { "Weather", NULL };
  const char *late_tags[] = { "STORMS", NULL };
  g_autoptr (BylineStory) first = write_story (fixture, "Rain", first_tags, NULL);
  g_autoptr (BylineStory) late = NULL;
  gint64 storms;

  g_assert_cmpuint (byline_test_push (fixture->engine).pushed, ==, 1);
  /* A colleague adds the tag after this engine listed the tags. */
  storms = fixture_add_term (fixture, fixture->tags, "Storms")->id;
  late = write_story (fixture, "Wind", late_tags, NULL);
  g_ptr_array_set_size (byline_fake_wordpress_get_requests (fixture->wp), 0);
  g_assert_cmpuint (byline_test_push (fixture->engine).pushed, ==, 1);
  assert_ids (post_of (fixture, late)->tags, (gint64[]) { storms }, 1);
  g_assert_cmpuint (fixture->tags->len, ==, 2);
  g_assert_cmpuint (byline_fake_wordpress_count_requests (fixture->wp, "GET " TAGS_ROUTE), ==, 1);
}

static void
test_unicode_names (Fixture       *fixture,
                    gconstpointer  data)
{
  const char *tags[] = { "Ünïcode tag", "Ünïcode TAG", "日本語", NULL };
  const char *other_case[] = { "ünïcode tag", NULL };
  g_autoptr (BylineStory) story = write_story (fixture, "Unicode", tags, NULL);
  g_autoptr (BylineStory) other = NULL;
  FakeTerm *created;

  g_assert_cmpuint (byline_test_push (fixture->engine).pushed, ==, 1);
  /* ASCII letters match in any case; other letters as they are, like WordPress. */
  g_assert_cmpuint (fixture->tags->len, ==, 2);
  created = g_ptr_array_index (fixture->tags, 0);
  g_assert_cmpstr (created->name, ==, "Ünïcode tag");
  g_assert_cmpuint (post_of (fixture, story)->tags->len, ==, 2);

  other = write_story (fixture, "Other case", other_case, NULL);
  g_assert_cmpuint (byline_test_push (fixture->engine).pushed, ==, 1);
  g_assert_cmpuint (fixture->tags->len, ==, 3);
}

static void
test_term_listing_retried (Fixture       *fixture,
                           gconstpointer  data)
{
  const char *tags[] = { "Elections", NULL };
  g_autoptr (BylineStory) story = NULL;
  BylineSyncReport report;

  fixture_add_term (fixture, fixture->tags, "Elections");
  story = write_story (fixture, "Retried", tags, NULL);
  byline_fake_wordpress_fail (fixture->wp, "GET " TAGS_ROUTE, BYLINE_FAKE_FAIL_BEFORE, SOUP_STATUS_SERVICE_UNAVAILABLE, 2);

  report = byline_test_push (fixture->engine);
  g_assert_cmpuint (report.pushed, ==, 1);
  g_assert_cmpuint (report.retried, ==, 2);
  g_assert_cmpuint (post_of (fixture, story)->tags->len, ==, 1);
  g_assert_cmpuint (fixture->tags->len, ==, 1);
}

static void
test_pull_fails_without_term_names (Fixture       *fixture,
                                    gconstpointer  data)
{
  gint64 arts = fixture_add_term (fixture, fixture->tags, "Arts")->id;
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;

  fixture_add_post (fixture, "Tagged", &arts, 1, NULL, 0);
  byline_fake_wordpress_fail (fixture->wp, "GET " TAGS_ROUTE, BYLINE_FAKE_FAIL_BEFORE, SOUP_STATUS_SERVICE_UNAVAILABLE, 1);

  /* Saved without its tag, the story would later send that loss back. */
  byline_sync_engine_pull_async (fixture->engine, FALSE, NULL, byline_test_store_result, &result);
  g_assert_false (byline_sync_engine_pull_finish (fixture->engine, byline_test_wait_for_result (&result), NULL, &error));
  g_assert_error (error, BYLINE_CMS_ERROR, BYLINE_CMS_ERROR_SERVER_ERROR);
  g_assert_null (byline_test_find_local (fixture->store, 100));

  g_assert_cmpuint (byline_test_pull (fixture->engine, FALSE).pulled, ==, 1);
  assert_names (byline_story_get_tags (byline_test_find_local (fixture->store, 100)), (const char *[]) { "Arts", NULL });
}

/* A site that will not say what a term is: the pull goes on, and the story
 * keeps the names it has rather than losing one. */
static void
test_pull_keeps_names_when_lookup_refused (Fixture       *fixture,
                                           gconstpointer  data)
{
  gint64 arts = fixture_add_term (fixture, fixture->tags, "Arts")->id;
  BylineFakePost *post = fixture_add_post (fixture, "Tagged", &arts, 1, NULL, 0);
  g_autoptr (BylineStore) second_store = open_store (fixture, "second.db");
  g_autoptr (BylineSyncEngine) second_engine = new_engine (fixture, second_store);
  gint64 hidden = fixture_add_term (fixture, fixture->tags, "Hidden")->id;
  const char * const *tags;
  BylineStory *local;

  g_assert_cmpuint (byline_test_pull (fixture->engine, FALSE).pulled, ==, 1);
  g_array_append_val (post->tags, hidden);
  g_free (post->title);
  post->title = g_strdup ("Tagged again");
  byline_fake_wordpress_touch_post (fixture->wp, post);
  byline_fake_wordpress_fail (fixture->wp, "GET " TAGS_ROUTE, BYLINE_FAKE_FAIL_BEFORE, SOUP_STATUS_FORBIDDEN, 1);

  g_assert_cmpuint (byline_test_pull (fixture->engine, FALSE).pulled, ==, 1);
  local = byline_test_find_local (fixture->store, post->id);
  g_assert_cmpstr (byline_story_get_headline (local), ==, "Tagged again");
  assert_names (byline_story_get_tags (local), (const char *[]) { "Arts", NULL });

  /* A store that had no names keeps none, rather than a part of them. */
  byline_fake_wordpress_fail (fixture->wp, "GET " TAGS_ROUTE, BYLINE_FAKE_FAIL_BEFORE, SOUP_STATUS_FORBIDDEN, 1);
  g_assert_cmpuint (byline_test_pull (second_engine, FALSE).pulled, ==, 1);
  tags = byline_story_get_tags (byline_test_find_local (second_store, post->id));
  g_assert_true (tags == NULL || tags[0] == NULL);
}

static void
test_map_fetches_ids_in_hundreds (Fixture       *fixture,
                                  gconstpointer  data)
{
  g_autoptr (BylineCmsClient) client = new_client (fixture);
  g_autoptr (BylineTermMap) map = byline_term_map_new (client, BYLINE_CMS_TAXONOMY_TAG);
  g_autoptr (GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  guint requests = 0;

  for (guint i = 0; i < 250; i++)
    {
      g_autofree char *name = g_strdup_printf ("Tag %u", i);
      gint64 id = fixture_add_term (fixture, fixture->tags, name)->id;

      g_array_append_val (ids, id);
      g_array_append_val (ids, id);
    }
  byline_term_map_fetch_ids_async (map, (const gint64 *) ids->data, ids->len, NULL, byline_test_store_result, &result);
  g_assert_true (byline_term_map_fetch_ids_finish (map, byline_test_wait_for_result (&result), &requests, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (requests, ==, 3);
  g_assert_cmpstr (byline_term_map_lookup_id (map, g_array_index (ids, gint64, 499)), ==, "Tag 249");
  g_assert_cmpint (byline_term_map_lookup_name (map, "tag 249"), ==, g_array_index (ids, gint64, 499));
  g_assert_cmpint (byline_term_map_lookup_name (map, "Tag 250"), ==, 0);
}

static BylineCmsTerm *
create_term (Fixture            *fixture,
             BylineCmsTaxonomy   taxonomy,
             const char         *name,
             GError            **error)
{
  g_autoptr (BylineCmsClient) client = new_client (fixture);
  g_autoptr (GAsyncResult) result = NULL;

  byline_cms_client_create_term_async (client, taxonomy, name, NULL, byline_test_store_result, &result);
  return byline_cms_client_create_term_finish (client, byline_test_wait_for_result (&result), error);
}

static void
test_client_create_term (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr (BylineCmsTerm) created = NULL;
  g_autoptr (BylineCmsTerm) existing = NULL;
  g_autoptr (BylineCmsTerm) refused = NULL;
  g_autoptr (GError) error = NULL;

  created = create_term (fixture, BYLINE_CMS_TAXONOMY_TAG, "Fish & Chips", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (created->name, ==, "Fish &amp; Chips");

  /* "term_exists" is an answer: the term the server already has. */
  existing = create_term (fixture, BYLINE_CMS_TAXONOMY_TAG, "FISH & CHIPS", &error);
  g_assert_no_error (error);
  g_assert_cmpint (existing->id, ==, created->id);
  g_assert_cmpuint (fixture->tags->len, ==, 1);

  fixture->categories_forbidden = TRUE;
  refused = create_term (fixture, BYLINE_CMS_TAXONOMY_CATEGORY, "Opinion", &error);
  g_assert_null (refused);
  g_assert_error (error, BYLINE_CMS_ERROR, BYLINE_CMS_ERROR_FORBIDDEN);
  g_assert_cmpstr (error->message, ==, "Your WordPress account may not add categories");
}

static void
test_client_list_terms (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr (BylineCmsClient) client = new_client (fixture);
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GPtrArray) terms = NULL;
  g_autoptr (GError) error = NULL;
  gint64 wanted[2];
  BylineCmsTermQuery query = { .taxonomy = BYLINE_CMS_TAXONOMY_CATEGORY, .page = 1, .per_page = 100 };
  guint total_pages = 0;

  fixture_add_term (fixture, fixture->categories, "News");
  wanted[0] = fixture_add_term (fixture, fixture->categories, "Sport")->id;
  wanted[1] = fixture_add_term (fixture, fixture->categories, "Culture")->id;
  query.include = wanted;
  query.n_include = G_N_ELEMENTS (wanted);

  byline_cms_client_list_terms_async (client, &query, NULL, byline_test_store_result, &result);
  terms = byline_cms_client_list_terms_finish (client, byline_test_wait_for_result (&result), &total_pages, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (total_pages, ==, 1);
  g_assert_cmpuint (terms->len, ==, 2);
  g_assert_cmpstr (((BylineCmsTerm *) g_ptr_array_index (terms, 0))->name, ==, "Sport");
  g_assert_cmpint (((BylineCmsTerm *) g_ptr_array_index (terms, 1))->id, ==, wanted[1]);
}

#define add_test(path, func) \
  g_test_add ((path), Fixture, NULL, fixture_set_up, (func), fixture_tear_down)

int
main (int   argc,
      char *argv[])
{
  byline_fake_wordpress_test_init (&argc, &argv);

  add_test ("/sync/terms/push/names-to-ids", test_push_names_to_ids);
  add_test ("/sync/terms/push/missing-tag-created-once", test_missing_tag_created_once);
  add_test ("/sync/terms/push/new-post-without-terms", test_new_post_without_terms);
  add_test ("/sync/terms/push/refused-category-stays-local", test_refused_category_stays_local);
  add_test ("/sync/terms/push/term-added-since-listing", test_term_added_since_listing);
  add_test ("/sync/terms/push/unicode-names", test_unicode_names);
  add_test ("/sync/terms/push/listing-retried", test_term_listing_retried);
  add_test ("/sync/terms/push/update-without-names-keeps-server-terms", test_update_without_names_keeps_server_terms);
  add_test ("/sync/terms/pull/ids-to-names", test_pull_ids_to_names);
  add_test ("/sync/terms/pull/fails-without-term-names", test_pull_fails_without_term_names);
  add_test ("/sync/terms/pull/keeps-names-when-lookup-refused", test_pull_keeps_names_when_lookup_refused);
  add_test ("/sync/terms/round-trip-into-second-store", test_round_trip_into_second_store);
  add_test ("/cms/term-map/fetch-ids-in-hundreds", test_map_fetches_ids_in_hundreds);
  add_test ("/cms/wp/terms/create", test_client_create_term);
  add_test ("/cms/wp/terms/list-included", test_client_list_terms);

  return g_test_run ();
}
