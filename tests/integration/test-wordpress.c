/* test-wordpress.c: the CMS client against a real WordPress
 *
 * Start one with tests/integration/wordpress/wp-env and put the BYLINE_WP_*
 * variables of its env file in the environment; without BYLINE_WP_URL every
 * test skips.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "cms/byline-wp-client.h"

#include "byline-test-support.h"

/* Markup that filters and encoders like to "fix": it must come back byte for byte. */
#define TRICKY_CONTENT                                                              \
  "<!-- wp:paragraph -->\n<p>The vote was 7&ndash;2 &amp; “final”, said Ms Ôkafor 🗳️.</p>\n" \
  "<!-- /wp:paragraph -->\n\n<!-- wp:html -->\n<figure><img src=\"a.jpg\" alt=\"x\"/></figure>\n" \
  "<!-- /wp:html -->"

static gboolean
have_wordpress (void)
{
  if (g_getenv ("BYLINE_WP_URL") != NULL)
    return TRUE;

  g_test_skip ("No WordPress: run tests/integration/wordpress/wp-env start and source its env file");
  return FALSE;
}

static BylineCmsClient *
client_with_password (const char *role,
                      const char *password)
{
  g_autofree char *user_variable = g_strdup_printf ("BYLINE_WP_%s_USER", role);
  g_autofree char *pass_variable = g_strdup_printf ("BYLINE_WP_%s_PASS", role);
  g_autoptr (GError) error = NULL;
  BylineWpClient *client;

  g_assert_nonnull (g_getenv (user_variable));
  g_assert_nonnull (g_getenv (pass_variable));
  client = byline_wp_client_new (g_getenv ("BYLINE_WP_URL"), g_getenv (user_variable),
                                 password ? password : g_getenv (pass_variable), &error);
  g_assert_no_error (error);
  return BYLINE_CMS_CLIENT (client);
}

static BylineCmsClient *
client_for (const char *role)
{
  return client_with_password (role, NULL);
}

static BylineRemoteAccount *
verify (BylineCmsClient  *client,
        GError          **error)
{
  g_autoptr (GAsyncResult) result = NULL;

  byline_cms_client_verify_account_async (client, NULL, byline_test_store_result, &result);
  return byline_cms_client_verify_account_finish (client, byline_test_wait_for_result (&result), error);
}

static BylineRemotePost *
create_post (BylineCmsClient   *client,
             BylineRemotePost  *post,
             GError           **error)
{
  g_autoptr (GAsyncResult) result = NULL;

  byline_cms_client_create_post_async (client, post, NULL, byline_test_store_result, &result);
  return byline_cms_client_post_finish (client, byline_test_wait_for_result (&result), error);
}

static BylineRemotePost *
get_post (BylineCmsClient  *client,
          gint64            id,
          GError          **error)
{
  g_autoptr (GAsyncResult) result = NULL;

  byline_cms_client_get_post_async (client, id, NULL, byline_test_store_result, &result);
  return byline_cms_client_post_finish (client, byline_test_wait_for_result (&result), error);
}

static BylineRemotePost *
find_post (BylineCmsClient  *client,
           const char       *client_uuid,
           GError          **error)
{
  g_autoptr (GAsyncResult) result = NULL;

  byline_cms_client_find_post_async (client, client_uuid, NULL, byline_test_store_result, &result);
  return byline_cms_client_post_finish (client, byline_test_wait_for_result (&result), error);
}

static BylineRemotePost *
update_post (BylineCmsClient   *client,
             BylineRemotePost  *post,
             const char        *base_modified_gmt,
             GError           **error)
{
  g_autoptr (GAsyncResult) result = NULL;

  byline_cms_client_update_post_async (client, post, base_modified_gmt, NULL, byline_test_store_result, &result);
  return byline_cms_client_post_finish (client, byline_test_wait_for_result (&result), error);
}

static GListModel *
list_posts (BylineCmsClient          *client,
            const BylineCmsPostQuery *query,
            guint                    *total_pages,
            guint                    *total_posts)
{
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  GListModel *posts;

  byline_cms_client_list_posts_async (client, query, NULL, byline_test_store_result, &result);
  posts = byline_cms_client_list_posts_finish (client, byline_test_wait_for_result (&result), total_pages, total_posts, &error);
  g_assert_no_error (error);
  return posts;
}

static BylineRemotePost *
new_draft (const char *title)
{
  BylineRemotePost *post = byline_remote_post_new ();
  g_autofree char *uuid = g_uuid_string_random ();

  byline_remote_post_set_title (post, title);
  byline_remote_post_set_excerpt (post, "A dek, not a summary");
  byline_remote_post_set_content (post, TRICKY_CONTENT);
  byline_remote_post_set_client_uuid (post, uuid);
  return post;
}

static BylineRemotePost *
create_draft (BylineCmsClient *client,
              const char      *title)
{
  g_autoptr (BylineRemotePost) draft = new_draft (title);
  g_autoptr (GError) error = NULL;
  BylineRemotePost *created = create_post (client, draft, &error);

  g_assert_no_error (error);
  return created;
}

static void
test_verify_editor (void)
{
  g_autoptr (BylineCmsClient) client = NULL;
  g_autoptr (BylineRemoteAccount) account = NULL;
  g_autoptr (GError) error = NULL;

  if (!have_wordpress ())
    return;

  client = client_for ("EDITOR");
  account = verify (client, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (byline_remote_account_get_username (account), ==, g_getenv ("BYLINE_WP_EDITOR_USER"));
  g_assert_true (byline_remote_account_has_role (account, "editor"));
  g_assert_true (byline_remote_account_can (account, "publish_posts"));
  g_assert_true (byline_remote_account_can (account, "edit_others_posts"));
  g_assert_true (byline_remote_account_get_has_companion (account));
  g_assert_true (g_str_has_suffix (byline_remote_account_get_api_root (account), "/wp-json/"));
}

static void
test_verify_contributor (void)
{
  g_autoptr (BylineCmsClient) client = NULL;
  g_autoptr (BylineRemoteAccount) account = NULL;
  g_autoptr (GError) error = NULL;

  if (!have_wordpress ())
    return;

  client = client_for ("CONTRIBUTOR");
  account = verify (client, &error);

  g_assert_no_error (error);
  g_assert_true (byline_remote_account_has_role (account, "contributor"));
  g_assert_true (byline_remote_account_can (account, "edit_posts"));
  g_assert_false (byline_remote_account_can (account, "publish_posts"));
  g_assert_false (byline_remote_account_can (account, "upload_files"));
}

static void
test_verify_wrong_password (void)
{
  g_autoptr (BylineCmsClient) client = NULL;
  g_autoptr (BylineRemoteAccount) account = NULL;
  g_autoptr (GError) error = NULL;

  if (!have_wordpress ())
    return;

  client = client_with_password ("EDITOR", "abcd efgh ijkl mnop qrst uvwx");
  account = verify (client, &error);

  g_assert_error (error, BYLINE_CMS_ERROR, BYLINE_CMS_ERROR_UNAUTHORIZED);
  g_assert_null (account);
  g_test_message ("Wrong password: %s", error->message);
  g_assert_nonnull (strstr (error->message, "application password"));
}

static void
test_create_and_read_back (void)
{
  g_autoptr (BylineCmsClient) client = NULL;
  g_autoptr (BylineRemotePost) draft = NULL;
  g_autoptr (BylineRemotePost) created = NULL;
  g_autoptr (BylineRemotePost) read = NULL;
  g_autoptr (BylineRemotePost) found = NULL;
  g_autoptr (GError) error = NULL;

  if (!have_wordpress ())
    return;

  client = client_for ("EDITOR");
  draft = new_draft ("Council votes on budget");
  created = create_post (client, draft, &error);
  g_assert_no_error (error);
  g_assert_cmpint (byline_remote_post_get_id (created), >, 0);
  g_assert_cmpstr (byline_remote_post_get_status (created), ==, "draft");
  g_assert_nonnull (byline_remote_post_get_modified_gmt (created));

  read = get_post (client, byline_remote_post_get_id (created), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (byline_remote_post_get_title (read), ==, "Council votes on budget");
  g_assert_cmpstr (byline_remote_post_get_excerpt (read), ==, "A dek, not a summary");
  g_assert_cmpstr (byline_remote_post_get_content (read), ==, TRICKY_CONTENT);
  g_assert_cmpstr (byline_remote_post_get_client_uuid (read), ==, byline_remote_post_get_client_uuid (draft));

  /* What a retry after a lost answer does instead of creating the post again. */
  found = find_post (client, byline_remote_post_get_client_uuid (draft), &error);
  g_assert_no_error (error);
  g_assert_cmpint (byline_remote_post_get_id (found), ==, byline_remote_post_get_id (created));
}

static void
test_find_unknown_uuid (void)
{
  g_autoptr (BylineCmsClient) client = NULL;
  g_autoptr (BylineRemotePost) found = NULL;
  g_autofree char *uuid = g_uuid_string_random ();
  g_autoptr (GError) error = NULL;

  if (!have_wordpress ())
    return;

  client = client_for ("EDITOR");
  found = find_post (client, uuid, &error);

  g_assert_error (error, BYLINE_CMS_ERROR, BYLINE_CMS_ERROR_NOT_FOUND);
}

static void
test_update_from_current_base (void)
{
  g_autoptr (BylineCmsClient) client = NULL;
  g_autoptr (BylineRemotePost) created = NULL;
  g_autoptr (BylineRemotePost) updated = NULL;
  g_autoptr (GError) error = NULL;

  if (!have_wordpress ())
    return;

  client = client_for ("EDITOR");
  created = create_draft (client, "Bridge reopens");
  byline_remote_post_set_title (created, "Bridge reopens after repairs");
  updated = update_post (client, created, byline_remote_post_get_modified_gmt (created), &error);

  g_assert_no_error (error);
  g_assert_cmpstr (byline_remote_post_get_title (updated), ==, "Bridge reopens after repairs");
  g_assert_cmpstr (byline_remote_post_get_content (updated), ==, TRICKY_CONTENT);
}

static void
test_stale_update_conflicts (void)
{
  g_autoptr (BylineCmsClient) client = NULL;
  g_autoptr (BylineCmsClient) colleague = NULL;
  g_autoptr (BylineRemotePost) created = NULL;
  g_autoptr (BylineRemotePost) theirs = NULL;
  g_autoptr (BylineRemotePost) mine = NULL;
  g_autoptr (BylineRemotePost) on_server = NULL;
  g_autoptr (GError) error = NULL;

  if (!have_wordpress ())
    return;

  client = client_for ("AUTHOR");
  colleague = client_for ("EDITOR");
  created = create_draft (client, "Schools close early");

  /* The editor saves a newer version; the author's edit started from an older one. */
  byline_remote_post_set_content (created, "<p>The editor's version.</p>");
  theirs = update_post (colleague, created, byline_remote_post_get_modified_gmt (created), &error);
  g_assert_no_error (error);

  byline_remote_post_set_content (created, "<p>The author's version.</p>");
  mine = update_post (client, created, "2000-01-01T00:00:00", &error);
  g_assert_error (error, BYLINE_CMS_ERROR, BYLINE_CMS_ERROR_CONFLICT);
  g_assert_null (mine);
  g_clear_error (&error);

  on_server = get_post (client, byline_remote_post_get_id (created), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (byline_remote_post_get_content (on_server), ==, "<p>The editor's version.</p>");
}

static void
test_contributor_cannot_publish (void)
{
  g_autoptr (BylineCmsClient) client = NULL;
  g_autoptr (BylineRemotePost) post = NULL;
  g_autoptr (BylineRemotePost) created = NULL;
  g_autoptr (GError) error = NULL;

  if (!have_wordpress ())
    return;

  client = client_for ("CONTRIBUTOR");
  post = new_draft ("Unreviewed scoop");
  byline_remote_post_set_status (post, "publish");
  created = create_post (client, post, &error);

  g_assert_error (error, BYLINE_CMS_ERROR, BYLINE_CMS_ERROR_FORBIDDEN);
  g_test_message ("Contributor publishing: %s", error->message);
}

static gboolean
model_has_post (GListModel *posts,
                gint64      id)
{
  for (guint i = 0; i < g_list_model_get_n_items (posts); i++)
    {
      g_autoptr (BylineRemotePost) post = g_list_model_get_item (posts, i);

      if (byline_remote_post_get_id (post) == id)
        return TRUE;
    }
  return FALSE;
}

static void
test_list_pagination (void)
{
  static const char * const drafts[] = { "draft", NULL };
  g_autoptr (BylineCmsClient) client = NULL;
  g_autoptr (GPtrArray) created = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (GListStore) seen = g_list_store_new (BYLINE_TYPE_REMOTE_POST);
  BylineCmsPostQuery query = { .page = 1, .per_page = 2, .statuses = drafts };
  guint total_pages = 0, total_posts = 0;

  if (!have_wordpress ())
    return;

  client = client_for ("EDITOR");
  for (guint i = 0; i < 5; i++)
    g_ptr_array_add (created, create_draft (client, "Paged draft"));

  do
    {
      g_autoptr (GListModel) page = list_posts (client, &query, &total_pages, &total_posts);

      g_assert_cmpuint (g_list_model_get_n_items (page), <=, 2);
      for (guint i = 0; i < g_list_model_get_n_items (page); i++)
        {
          g_autoptr (BylineRemotePost) post = g_list_model_get_item (page, i);

          g_assert_cmpstr (byline_remote_post_get_status (post), ==, "draft");
          g_list_store_append (seen, post);
        }
      query.page++;
    }
  while (query.page <= total_pages);

  g_assert_cmpuint (total_posts, >=, created->len);
  g_assert_cmpuint (total_pages, ==, (total_posts + 1) / 2);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (seen)), ==, total_posts);
  for (guint i = 0; i < created->len; i++)
    g_assert_true (model_has_post (G_LIST_MODEL (seen),
                                   byline_remote_post_get_id (g_ptr_array_index (created, i))));
}

static void
test_list_modified_after (void)
{
  g_autoptr (BylineCmsClient) client = NULL;
  g_autoptr (BylineRemotePost) created = NULL;
  g_autoptr (GDateTime) future = g_date_time_new_utc (2999, 1, 1, 0, 0, 0);
  g_autoptr (GDateTime) past = g_date_time_new_utc (2000, 1, 1, 0, 0, 0);
  BylineCmsPostQuery query = { .page = 1, .per_page = 100, .modified_after = future };
  g_autoptr (GListModel) none = NULL;
  g_autoptr (GListModel) some = NULL;

  if (!have_wordpress ())
    return;

  client = client_for ("EDITOR");
  created = create_draft (client, "Modified-after probe");
  none = list_posts (client, &query, NULL, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (none), ==, 0);

  /* Drafts too: by default modified_after only sees published posts. */
  query.modified_after = past;
  some = list_posts (client, &query, NULL, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (some), >, 0);
}

int
main (int   argc,
      char *argv[])
{
  /* Only 127.0.0.1 is contacted. GNOME's proxy resolver would read its
   * GSettings schema, which isolated XDG dirs hide, and abort. */
  g_setenv ("GIO_USE_PROXY_RESOLVER", "dummy", TRUE);
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/integration/wordpress/verify/editor", test_verify_editor);
  g_test_add_func ("/integration/wordpress/verify/contributor", test_verify_contributor);
  g_test_add_func ("/integration/wordpress/verify/wrong-password", test_verify_wrong_password);
  g_test_add_func ("/integration/wordpress/post/create-and-read-back", test_create_and_read_back);
  g_test_add_func ("/integration/wordpress/post/find-unknown-uuid", test_find_unknown_uuid);
  g_test_add_func ("/integration/wordpress/post/update-from-current-base", test_update_from_current_base);
  g_test_add_func ("/integration/wordpress/post/stale-update-conflicts", test_stale_update_conflicts);
  g_test_add_func ("/integration/wordpress/post/contributor-cannot-publish", test_contributor_cannot_publish);
  g_test_add_func ("/integration/wordpress/list/pagination", test_list_pagination);
  g_test_add_func ("/integration/wordpress/list/modified-after", test_list_modified_after);

  return g_test_run ();
}
