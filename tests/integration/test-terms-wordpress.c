/* test-terms-wordpress.c: tags and categories through a real WordPress
 *
 * Start one with tests/integration/wordpress/wp-env and put the BYLINE_WP_*
 * variables of its env file in the environment; without BYLINE_WP_URL every
 * test skips. Stories are pushed as the author, who may add tags but not
 * categories, and pulled back into a second store.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "cms/byline-wp-client.h"
#include "model/byline-story.h"
#include "store/byline-store-sync.h"
#include "sync/byline-sync-engine.h"

#include "byline-test-support.h"
#include "byline-test-sync.h"

#define ACCOUNT "site"

typedef struct
{
  BylineStore      *store;
  BylineSyncEngine *engine;
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
client_as (const char *role)
{
  g_autofree char *user_variable = g_strdup_printf ("BYLINE_WP_%s_USER", role);
  g_autofree char *pass_variable = g_strdup_printf ("BYLINE_WP_%s_PASS", role);
  g_autoptr (GError) error = NULL;
  BylineWpClient *client = byline_wp_client_new (g_getenv ("BYLINE_WP_URL"), g_getenv (user_variable),
                                                 g_getenv (pass_variable), &error);

  g_assert_no_error (error);
  return BYLINE_CMS_CLIENT (client);
}

static BylineStore *
open_store (const char *name,
            const char *role)
{
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "byline", name, NULL);
  g_autofree char *user_variable = g_strdup_printf ("BYLINE_WP_%s_USER", role);
  g_autoptr (BylineStoreAccount) account = NULL;
  g_autoptr (BylineStore) store = NULL;
  g_autoptr (GError) error = NULL;

  store = byline_store_open (path, &error);
  g_assert_no_error (error);
  account = byline_store_account_new (ACCOUNT, g_getenv ("BYLINE_WP_URL"), g_getenv (user_variable));
  account->has_companion = TRUE;
  g_assert_true (byline_store_save_account (store, account, &error));
  return g_steal_pointer (&store);
}

static BylineSyncEngine *
engine_as (BylineStore *store,
           const char  *role)
{
  g_autoptr (BylineCmsClient) client = client_as (role);
  BylineSyncEngine *engine = byline_sync_engine_new (store, ACCOUNT, client);

  byline_sync_engine_set_retry_delays (engine, 20, 400, 10);
  return engine;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  if (g_getenv ("BYLINE_WP_URL") == NULL)
    return;

  fixture->store = open_store ("newsroom.db", "AUTHOR");
  fixture->engine = engine_as (fixture->store, "AUTHOR");
  fixture->run_tag = g_uuid_string_random ();
  fixture->run_tag[8] = '\0';
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->engine);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_clear_object (&fixture->store);
  g_clear_pointer (&fixture->run_tag, g_free);
}

/* As an administrator, the way a site's categories are set up. */
static gint64
create_category (const char *name)
{
  g_autoptr (BylineCmsClient) client = client_as ("ADMIN");
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (BylineCmsTerm) term = NULL;
  g_autoptr (GError) error = NULL;

  byline_cms_client_create_term_async (client, BYLINE_CMS_TAXONOMY_CATEGORY, name, NULL,
                                       byline_test_store_result, &result);
  term = byline_cms_client_create_term_finish (client, byline_test_wait_for_result (&result), &error);
  g_assert_no_error (error);
  return term->id;
}

static BylineRemotePost *
server_post (gint64 id)
{
  g_autoptr (BylineCmsClient) client = client_as ("ADMIN");
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  BylineRemotePost *post;

  byline_cms_client_get_post_async (client, id, NULL, byline_test_store_result, &result);
  post = byline_cms_client_post_finish (client, byline_test_wait_for_result (&result), &error);
  g_assert_no_error (error);
  return post;
}

static gint
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

/* The names WordPress has for ids, sorted, entities and all. */
static GStrv
server_names (BylineCmsTaxonomy  taxonomy,
              GArray            *ids)
{
  g_autoptr (BylineCmsClient) client = client_as ("ADMIN");
  BylineCmsTermQuery query = {
    .taxonomy = taxonomy,
    .page = 1,
    .per_page = 100,
    .include = (const gint64 *) ids->data,
    .n_include = ids->len,
  };
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GPtrArray) terms = NULL;
  g_autoptr (GError) error = NULL;
  GStrv names;

  byline_cms_client_list_terms_async (client, &query, NULL, byline_test_store_result, &result);
  terms = byline_cms_client_list_terms_finish (client, byline_test_wait_for_result (&result), NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (terms->len, ==, ids->len);
  for (guint i = 0; i < terms->len; i++)
    g_strv_builder_add (builder, ((BylineCmsTerm *) g_ptr_array_index (terms, i))->name);
  names = g_strv_builder_end (builder);
  qsort (names, g_strv_length (names), sizeof (char *), compare_strings);
  return names;
}

static GStrv
sorted (const char * const *names)
{
  GStrv copy = g_strdupv ((char **) names);

  qsort (copy, g_strv_length (copy), sizeof (char *), compare_strings);
  return copy;
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
  byline_story_set_body (story, "<p>Counted by hand, twice.</p>");
  byline_story_set_tags (story, tags);
  byline_story_set_categories (story, categories);
  byline_story_touch (story);
  g_assert_true (byline_store_save_story (fixture->store, story, &error));
  g_assert_no_error (error);
  return story;
}

static void
test_terms_round_trip (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autofree char *desk = NULL;
  g_autoptr (BylineStory) story = NULL;
  g_autoptr (BylineRemotePost) post = NULL;
  g_autoptr (BylineStore) second_store = NULL;
  g_autoptr (BylineSyncEngine) second_engine = NULL;
  g_auto (GStrv) tag_names = NULL;
  g_auto (GStrv) category_names = NULL;
  g_auto (GStrv) expected_tags = NULL;
  g_auto (GStrv) pulled_tags = NULL;
  const char *tags[] = { "Elections", "Ünïcode tag", NULL };
  BylineSyncReport report;
  BylineStory *pulled;
  gint64 desk_id;

  if (!have_wordpress ())
    return;

  desk = g_strdup_printf ("Politics desk %s", fixture->run_tag);
  desk_id = create_category (desk);
  story = write_story (fixture, "Turnout counted", tags, (const char *[]) { desk, NULL });

  report = byline_test_push (fixture->engine);
  g_assert_cmpuint (report.pushed, ==, 1);
  g_assert_cmpuint (report.failed, ==, 0);
  g_assert_cmpuint (report.terms_kept_local, ==, 0);

  post = server_post (byline_story_get_remote_id (story));
  g_assert_cmpuint (byline_remote_post_get_categories (post)->len, ==, 1);
  g_assert_cmpint (g_array_index (byline_remote_post_get_categories (post), gint64, 0), ==, desk_id);
  tag_names = server_names (BYLINE_CMS_TAXONOMY_TAG, byline_remote_post_get_tags (post));
  expected_tags = sorted (tags);
  g_assert_cmpstrv (tag_names, expected_tags);
  category_names = server_names (BYLINE_CMS_TAXONOMY_CATEGORY, byline_remote_post_get_categories (post));
  g_assert_cmpstrv (category_names, ((const char *[]) { desk, NULL }));

  second_store = open_store ("second.db", "EDITOR");
  second_engine = engine_as (second_store, "EDITOR");
  byline_test_pull (second_engine, TRUE);
  pulled = byline_test_find_local (second_store, byline_story_get_remote_id (story));
  g_assert_nonnull (pulled);
  pulled_tags = sorted (byline_story_get_tags (pulled));
  g_assert_cmpstrv (pulled_tags, expected_tags);
  g_assert_cmpstrv (byline_story_get_categories (pulled), ((const char *[]) { desk, NULL }));
}

/* An author may add tags, not categories: the new category stays in the
 * story, the rest goes. */
static void
test_refused_category (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autofree char *opinion = NULL;
  g_autofree char *arts = NULL;
  g_autoptr (BylineStory) story = NULL;
  g_autoptr (BylineRemotePost) post = NULL;
  g_autoptr (BylineStore) second_store = NULL;
  g_autoptr (BylineSyncEngine) second_engine = NULL;
  g_auto (GStrv) tag_names = NULL;
  BylineSyncReport report;

  if (!have_wordpress ())
    return;

  opinion = g_strdup_printf ("Opinion %s", fixture->run_tag);
  arts = g_strdup_printf ("Arts & Culture %s", fixture->run_tag);
  story = write_story (fixture, "A column", (const char *[]) { arts, NULL }, (const char *[]) { opinion, NULL });

  report = byline_test_push (fixture->engine);
  g_assert_cmpuint (report.pushed, ==, 1);
  g_assert_cmpuint (report.failed, ==, 0);
  g_assert_cmpuint (report.terms_kept_local, ==, 1);
  g_assert_false (byline_story_get_dirty (story));
  g_assert_cmpstrv (byline_story_get_categories (story), ((const char *[]) { opinion, NULL }));

  post = server_post (byline_story_get_remote_id (story));
  tag_names = server_names (BYLINE_CMS_TAXONOMY_TAG, byline_remote_post_get_tags (post));
  g_assert_cmpuint (g_strv_length (tag_names), ==, 1);
  g_assert_true (g_str_has_prefix (tag_names[0], "Arts &amp; Culture"));

  /* WordPress's "&amp;" comes back as the "&" the writer typed. */
  second_store = open_store ("second.db", "EDITOR");
  second_engine = engine_as (second_store, "EDITOR");
  byline_test_pull (second_engine, TRUE);
  g_assert_cmpstrv (byline_story_get_tags (byline_test_find_local (second_store, byline_story_get_remote_id (story))),
                    ((const char *[]) { arts, NULL }));
}

#define add_test(path, func) \
  g_test_add ((path), Fixture, NULL, fixture_set_up, (func), fixture_tear_down)

int
main (int   argc,
      char *argv[])
{
  g_setenv ("GIO_USE_PROXY_RESOLVER", "dummy", TRUE);
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  add_test ("/integration/terms/round-trip", test_terms_round_trip);
  add_test ("/integration/terms/refused-category-stays-local", test_refused_category);

  return g_test_run ();
}
