/* test-wp-client.c: the WordPress client against recorded answers
 *
 * The fake WordPress (tests/support), in the test's main context: each test
 * says which answer each route gets; anything else is Apache's 404 page.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "cms/byline-wp-client.h"

#include "byline-fake-wordpress.h"
#include "byline-test-support.h"

#define CLIENT_UUID "0b4f1c3e-6a2d-4c39-9d51-8e2f7a6b5c10"

typedef struct
{
  BylineFakeWordpress *wp;
  const char          *url;
} Fixture;

static char *
load_fixture (const char *name)
{
  g_autoptr (GError) error = NULL;
  char *contents = NULL;
  const char *path = g_test_get_filename (G_TEST_DIST, "unit", "fixtures", "wp", name, NULL);

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  return contents;
}

static void
fixture_reply (Fixture    *fixture,
               const char *key,
               guint       status,
               const char *fixture_name)
{
  g_autofree char *body = load_fixture (fixture_name);

  byline_fake_wordpress_reply (fixture->wp, key, status, BYLINE_FAKE_WORDPRESS_JSON, body);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->wp = byline_fake_wordpress_new (NULL, NULL);
  fixture->url = byline_fake_wordpress_get_url (fixture->wp);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  fixture->url = NULL;
  g_clear_pointer (&fixture->wp, byline_fake_wordpress_free);
}

static void
fixture_serve_wordpress (Fixture    *fixture,
                         const char *index_name)
{
  fixture_reply (fixture, "GET /wp-json/", 200, index_name);
  fixture_reply (fixture, "GET /wp-json/wp/v2/users/me", 200, "users-me-editor.json");
  fixture_reply (fixture, "GET /wp-json/wp/v2/posts/42", 200, "post-42.json");
}

static BylineCmsClient *
new_client (const char *url)
{
  g_autoptr (GError) error = NULL;
  BylineWpClient *client = byline_wp_client_new (url, "editor", "abcd efgh ijkl mnop qrst uvwx", &error);

  g_assert_no_error (error);
  return BYLINE_CMS_CLIENT (client);
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
get_post (BylineCmsClient  *client,
          gint64            id,
          GError          **error)
{
  g_autoptr (GAsyncResult) result = NULL;

  byline_cms_client_get_post_async (client, id, NULL, byline_test_store_result, &result);
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
find_post (BylineCmsClient  *client,
           const char       *client_uuid,
           GError          **error)
{
  g_autoptr (GAsyncResult) result = NULL;

  byline_cms_client_find_post_async (client, client_uuid, NULL, byline_test_store_result, &result);
  return byline_cms_client_post_finish (client, byline_test_wait_for_result (&result), error);
}

static void
test_discover_wp_json (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr (BylineCmsClient) client = new_client (fixture->url);
  g_autoptr (GError) error = NULL;
  g_autoptr (BylineRemoteAccount) account = NULL;
  g_autofree char *api_root = g_strconcat (fixture->url, "/wp-json/", NULL);

  fixture_serve_wordpress (fixture, "index.json");
  account = verify (client, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (byline_remote_account_get_site_name (account), ==, "Byline Test Site");
  g_assert_cmpstr (byline_remote_account_get_api_root (account), ==, api_root);
  g_assert_cmpint (byline_remote_account_get_user_id (account), ==, 2);
  g_assert_cmpstr (byline_remote_account_get_username (account), ==, "editor");
  g_assert_true (byline_remote_account_has_role (account, "editor"));
  g_assert_true (byline_remote_account_can (account, "publish_posts"));
  g_assert_false (byline_remote_account_can (account, "manage_options"));
  g_assert_true (byline_remote_account_get_has_companion (account));
  g_assert_cmpstr (g_hash_table_lookup (byline_fake_wordpress_get_last_query (fixture->wp), "context"), ==, "edit");
  /* base64 ("editor:abcd efgh ijkl mnop qrst uvwx") */
  g_assert_cmpstr (byline_fake_wordpress_get_last_header (fixture->wp, "Authorization"), ==, "Basic ZWRpdG9yOmFiY2QgZWZnaCBpamtsIG1ub3AgcXJzdCB1dnd4");
}

static void
test_discover_rest_route (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr (BylineCmsClient) client = new_client (fixture->url);
  g_autoptr (GError) error = NULL;
  g_autoptr (BylineRemoteAccount) account = NULL;
  g_autoptr (BylineRemotePost) post = NULL;

  fixture_reply (fixture, "GET ?rest_route=/", 200, "index.json");
  fixture_reply (fixture, "GET ?rest_route=/wp/v2/users/me", 200, "users-me-editor.json");
  fixture_reply (fixture, "GET ?rest_route=/wp/v2/posts/42", 200, "post-42.json");
  account = verify (client, &error);

  g_assert_no_error (error);
  g_assert_true (g_str_has_suffix (byline_remote_account_get_api_root (account), "/?rest_route=/"));
  g_assert_cmpuint (byline_fake_wordpress_count_requests (fixture->wp, "GET /wp-json/"), ==, 1);

  post = get_post (client, 42, &error);
  g_assert_no_error (error);
  g_assert_cmpint (byline_remote_post_get_id (post), ==, 42);
  g_assert_cmpstr (g_hash_table_lookup (byline_fake_wordpress_get_last_query (fixture->wp), "context"), ==, "edit");
  /* Discovery is remembered: the second call went straight to the post. */
  g_assert_cmpuint (byline_fake_wordpress_count_requests (fixture->wp, "GET ?rest_route=/"), ==, 1);
}

static void
test_not_wordpress (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr (BylineCmsClient) client = new_client (fixture->url);
  g_autoptr (GError) error = NULL;
  g_autoptr (BylineRemoteAccount) account = NULL;

  byline_fake_wordpress_reply (fixture->wp, "GET /wp-json/", 200, "text/html", "<html><body>Welcome</body></html>");
  byline_fake_wordpress_reply (fixture->wp, "GET ?rest_route=/", 200, "application/json", "{\"hello\": \"world\"}");
  account = verify (client, &error);

  g_assert_error (error, BYLINE_CMS_ERROR, BYLINE_CMS_ERROR_NOT_WORDPRESS);
  g_assert_null (account);
  g_assert_nonnull (strstr (error->message, fixture->url));
}

static void
test_unauthorized (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr (BylineCmsClient) client = new_client (fixture->url);
  g_autoptr (GError) error = NULL;
  g_autoptr (BylineRemoteAccount) account = NULL;

  fixture_serve_wordpress (fixture, "index.json");
  fixture_reply (fixture, "GET /wp-json/wp/v2/users/me", 401, "error-incorrect-password.json");
  account = verify (client, &error);

  g_assert_error (error, BYLINE_CMS_ERROR, BYLINE_CMS_ERROR_UNAUTHORIZED);
  g_assert_nonnull (strstr (error->message, "application password"));
  g_assert_false (byline_cms_error_is_transient (error));
}

static void
test_header_stripped (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr (BylineCmsClient) client = new_client (fixture->url);
  g_autoptr (GError) error = NULL;
  g_autoptr (BylineRemoteAccount) account = NULL;

  fixture_serve_wordpress (fixture, "index.json");
  fixture_reply (fixture, "GET /wp-json/wp/v2/users/me", 401, "error-not-logged-in.json");
  account = verify (client, &error);

  g_assert_error (error, BYLINE_CMS_ERROR, BYLINE_CMS_ERROR_AUTH_HEADER_STRIPPED);
  g_assert_nonnull (strstr (error->message, "Authorization"));
}

/* Without the companion plugin WordPress says the same for both causes. */
static void
test_not_logged_in_without_companion (Fixture       *fixture,
                                      gconstpointer  data)
{
  g_autoptr (BylineCmsClient) client = new_client (fixture->url);
  g_autoptr (GError) error = NULL;
  g_autoptr (BylineRemoteAccount) account = NULL;

  fixture_serve_wordpress (fixture, "index-no-companion.json");
  fixture_reply (fixture, "GET /wp-json/wp/v2/users/me", 401, "error-not-logged-in.json");
  account = verify (client, &error);

  g_assert_error (error, BYLINE_CMS_ERROR, BYLINE_CMS_ERROR_UNAUTHORIZED);
  g_assert_nonnull (strstr (error->message, "Authorization"));
}

static void
test_forbidden (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr (BylineCmsClient) client = new_client (fixture->url);
  g_autoptr (BylineRemotePost) post = byline_remote_post_new ();
  g_autoptr (BylineRemotePost) created = NULL;
  g_autoptr (GError) error = NULL;

  fixture_serve_wordpress (fixture, "index.json");
  fixture_reply (fixture, "POST /wp-json/wp/v2/posts", 403, "error-cannot-publish.json");
  byline_remote_post_set_status (post, "publish");
  created = create_post (client, post, &error);

  g_assert_error (error, BYLINE_CMS_ERROR, BYLINE_CMS_ERROR_FORBIDDEN);
  g_assert_nonnull (strstr (error->message, "not allowed to publish"));
}

static void
test_html_instead_of_json (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr (BylineCmsClient) client = new_client (fixture->url);
  g_autoptr (BylineRemotePost) post = NULL;
  g_autoptr (GError) error = NULL;

  fixture_serve_wordpress (fixture, "index.json");
  byline_fake_wordpress_reply (fixture->wp, "GET /wp-json/wp/v2/posts/42", 200, "text/html",
                      "<html><body><form id=\"login\"></form></body></html>");
  post = get_post (client, 42, &error);

  g_assert_error (error, BYLINE_CMS_ERROR, BYLINE_CMS_ERROR_BAD_RESPONSE);
  g_assert_null (post);
}

static void
test_truncated_json (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr (BylineCmsClient) client = new_client (fixture->url);
  g_autoptr (BylineRemotePost) post = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *whole = load_fixture ("post-42.json");

  fixture_serve_wordpress (fixture, "index.json");
  whole[strlen (whole) / 2] = '\0';
  byline_fake_wordpress_reply (fixture->wp, "GET /wp-json/wp/v2/posts/42", 200, "application/json", whole);
  post = get_post (client, 42, &error);

  g_assert_error (error, BYLINE_CMS_ERROR, BYLINE_CMS_ERROR_BAD_RESPONSE);
  g_assert_true (byline_cms_error_is_transient (error));
}

static void
test_not_a_post (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr (BylineCmsClient) client = new_client (fixture->url);
  g_autoptr (BylineRemotePost) post = NULL;
  g_autoptr (GError) error = NULL;

  fixture_serve_wordpress (fixture, "index.json");
  byline_fake_wordpress_reply (fixture->wp, "GET /wp-json/wp/v2/posts/42", 200, "application/json",
                      "{\"id\": \"42\", \"title\": [1, 2], \"status\": {\"raw\": 3}}");
  post = get_post (client, 42, &error);

  g_assert_error (error, BYLINE_CMS_ERROR, BYLINE_CMS_ERROR_BAD_RESPONSE);
}

static void
test_server_error (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr (BylineCmsClient) client = new_client (fixture->url);
  g_autoptr (BylineRemotePost) post = NULL;
  g_autoptr (GError) error = NULL;

  fixture_serve_wordpress (fixture, "index.json");
  byline_fake_wordpress_reply (fixture->wp, "GET /wp-json/wp/v2/posts/42", 503, "text/html", "<h1>Busy</h1>");
  post = get_post (client, 42, &error);

  g_assert_error (error, BYLINE_CMS_ERROR, BYLINE_CMS_ERROR_SERVER_ERROR);
  g_assert_true (byline_cms_error_is_transient (error));
}

static guint16
unused_port (void)
{
  g_autoptr (GSocketListener) listener = g_socket_listener_new ();
  g_autoptr (GError) error = NULL;
  guint16 port = g_socket_listener_add_any_inet_port (listener, NULL, &error);

  g_assert_no_error (error);
  g_socket_listener_close (listener);
  return port;
}

static void
test_offline (void)
{
  g_autofree char *url = g_strdup_printf ("http://127.0.0.1:%u", unused_port ());
  g_autoptr (BylineCmsClient) client = new_client (url);
  g_autoptr (BylineRemoteAccount) account = NULL;
  g_autoptr (GError) error = NULL;

  account = verify (client, &error);

  g_assert_error (error, BYLINE_CMS_ERROR, BYLINE_CMS_ERROR_OFFLINE);
  g_assert_nonnull (strstr (error->message, url));
  g_assert_true (byline_cms_error_is_transient (error));
}

static void
test_cancelled (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr (BylineCmsClient) client = new_client (fixture->url);
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (BylineRemotePost) post = NULL;
  g_autoptr (GError) error = NULL;

  fixture_serve_wordpress (fixture, "index.json");
  g_cancellable_cancel (cancellable);
  byline_cms_client_get_post_async (client, 42, cancellable, byline_test_store_result, &result);
  post = byline_cms_client_post_finish (client, byline_test_wait_for_result (&result), &error);

  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

static void
test_list_pagination (Fixture       *fixture,
                      gconstpointer  data)
{
  static const char * const statuses[] = { "pending", "future", NULL };
  g_autoptr (BylineCmsClient) client = new_client (fixture->url);
  g_autoptr (GDateTime) after = g_date_time_new_utc (2024, 5, 1, 0, 0, 0);
  BylineCmsPostQuery query = { .page = 2, .per_page = 2, .statuses = statuses, .modified_after = after };
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GListModel) posts = NULL;
  g_autoptr (BylineRemotePost) second = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *body = load_fixture ("posts-page-2.json");
  guint total_pages = 0, total_posts = 0;

  fixture_serve_wordpress (fixture, "index.json");
  byline_fake_wordpress_reply (fixture->wp, "GET /wp-json/wp/v2/posts", 200, "application/json", body);
  byline_fake_wordpress_set_totals (fixture->wp, "GET /wp-json/wp/v2/posts", 3, 5);

  byline_cms_client_list_posts_async (client, &query, NULL, byline_test_store_result, &result);
  posts = byline_cms_client_list_posts_finish (client, byline_test_wait_for_result (&result), &total_pages, &total_posts, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (posts), ==, 2);
  g_assert_cmpuint (total_pages, ==, 3);
  g_assert_cmpuint (total_posts, ==, 5);
  second = g_list_model_get_item (posts, 1);
  g_assert_cmpstr (byline_remote_post_get_status (second), ==, "future");
  g_assert_cmpint (byline_remote_post_get_featured_media (second), ==, 9);
  g_assert_cmpstr (g_hash_table_lookup (byline_fake_wordpress_get_last_query (fixture->wp), "page"), ==, "2");
  g_assert_cmpstr (g_hash_table_lookup (byline_fake_wordpress_get_last_query (fixture->wp), "per_page"), ==, "2");
  g_assert_cmpstr (g_hash_table_lookup (byline_fake_wordpress_get_last_query (fixture->wp), "status"), ==, "pending,future");
  g_assert_cmpstr (g_hash_table_lookup (byline_fake_wordpress_get_last_query (fixture->wp), "context"), ==, "edit");
  g_assert_cmpstr (g_hash_table_lookup (byline_fake_wordpress_get_last_query (fixture->wp), "modified_after"), ==, "2024-05-01T00:00:00Z");
}

static void
test_conflict_from_companion (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr (BylineCmsClient) client = new_client (fixture->url);
  g_autoptr (BylineRemotePost) post = byline_remote_post_new ();
  g_autoptr (BylineRemotePost) updated = NULL;
  g_autoptr (GError) error = NULL;

  fixture_serve_wordpress (fixture, "index.json");
  fixture_reply (fixture, "POST /wp-json/wp/v2/posts/42", 412, "error-conflict.json");
  byline_remote_post_set_id (post, 42);
  updated = update_post (client, post, "2024-05-01T00:00:00", &error);

  g_assert_error (error, BYLINE_CMS_ERROR, BYLINE_CMS_ERROR_CONFLICT);
  g_assert_cmpstr (byline_fake_wordpress_get_last_header (fixture->wp, "X-Byline-Base-Modified"), ==, "2024-05-01T00:00:00");
  /* The plugin checks on the server: no extra GET. */
  g_assert_cmpuint (byline_fake_wordpress_count_requests (fixture->wp, "GET /wp-json/wp/v2/posts/42"), ==, 0);
}

static void
test_conflict_without_companion (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autoptr (BylineCmsClient) client = new_client (fixture->url);
  g_autoptr (BylineRemotePost) post = byline_remote_post_new ();
  g_autoptr (BylineRemotePost) updated = NULL;
  g_autoptr (GError) error = NULL;

  fixture_serve_wordpress (fixture, "index-no-companion.json");
  fixture_reply (fixture, "POST /wp-json/wp/v2/posts/42", 200, "post-42.json");
  byline_remote_post_set_id (post, 42);
  updated = update_post (client, post, "2024-05-01T00:00:00", &error);

  g_assert_error (error, BYLINE_CMS_ERROR, BYLINE_CMS_ERROR_CONFLICT);
  g_assert_nonnull (strstr (error->message, "Council votes on budget"));
  g_assert_cmpuint (byline_fake_wordpress_count_requests (fixture->wp, "POST /wp-json/wp/v2/posts/42"), ==, 0);
}

static void
test_update_without_companion (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autoptr (BylineCmsClient) client = new_client (fixture->url);
  g_autoptr (BylineRemotePost) post = byline_remote_post_new ();
  g_autoptr (BylineRemotePost) updated = NULL;
  g_autoptr (GError) error = NULL;

  fixture_serve_wordpress (fixture, "index-no-companion.json");
  fixture_reply (fixture, "POST /wp-json/wp/v2/posts/42", 200, "post-42.json");
  byline_remote_post_set_id (post, 42);
  byline_remote_post_set_client_uuid (post, CLIENT_UUID);
  updated = update_post (client, post, "2024-05-02T10:00:00", &error);

  g_assert_no_error (error);
  g_assert_nonnull (updated);
  g_assert_cmpuint (byline_fake_wordpress_count_requests (fixture->wp, "GET /wp-json/wp/v2/posts/42"), ==, 1);
  g_assert_cmpuint (byline_fake_wordpress_count_requests (fixture->wp, "POST /wp-json/wp/v2/posts/42"), ==, 1);
  g_assert_null (byline_fake_wordpress_get_last_header (fixture->wp, "X-Byline-Base-Modified"));
  /* Unregistered meta is not sent to a plain WordPress. */
  g_assert_null (strstr (byline_fake_wordpress_get_last_body (fixture->wp), "byline_client_uuid"));
}

static void
test_create_body (Fixture       *fixture,
                  gconstpointer  data)
{
  static const gint64 tags[] = { 5, 7 };
  g_autoptr (BylineCmsClient) client = new_client (fixture->url);
  g_autoptr (BylineRemotePost) post = byline_remote_post_new ();
  g_autoptr (BylineRemotePost) created = NULL;
  g_autoptr (JsonNode) sent = NULL;
  g_autoptr (GError) error = NULL;
  JsonObject *object;

  fixture_serve_wordpress (fixture, "index.json");
  fixture_reply (fixture, "POST /wp-json/wp/v2/posts", 201, "post-42.json");
  byline_remote_post_set_title (post, "Council votes on budget");
  byline_remote_post_set_content (post, "<p>The vote was 7&ndash;2.</p>");
  byline_remote_post_set_client_uuid (post, CLIENT_UUID);
  byline_remote_post_set_tags (post, tags, G_N_ELEMENTS (tags));
  created = create_post (client, post, &error);

  g_assert_no_error (error);
  g_assert_cmpint (byline_remote_post_get_id (created), ==, 42);
  sent = json_from_string (byline_fake_wordpress_get_last_body (fixture->wp), &error);
  g_assert_no_error (error);
  object = json_node_get_object (sent);
  g_assert_cmpstr (json_object_get_string_member (object, "status"), ==, "draft");
  g_assert_cmpstr (json_object_get_string_member (object, "content"), ==, "<p>The vote was 7&ndash;2.</p>");
  g_assert_cmpint (json_array_get_length (json_object_get_array_member (object, "tags")), ==, 2);
  g_assert_false (json_object_has_member (object, "categories"));
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (object, "meta"),
                                                  "byline_client_uuid"), ==, CLIENT_UUID);
}

static void
test_find_post (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr (BylineCmsClient) client = new_client (fixture->url);
  g_autoptr (BylineRemotePost) found = NULL;
  g_autoptr (BylineRemotePost) missing = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *post = load_fixture ("post-42.json");
  g_autofree char *list = g_strdup_printf ("[%s]", post);

  fixture_serve_wordpress (fixture, "index.json");
  byline_fake_wordpress_reply (fixture->wp, "GET /wp-json/byline/v1/posts", 200, "application/json", list);
  found = find_post (client, CLIENT_UUID, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (byline_remote_post_get_client_uuid (found), ==, CLIENT_UUID);
  g_assert_cmpstr (g_hash_table_lookup (byline_fake_wordpress_get_last_query (fixture->wp), "client_uuid"), ==, CLIENT_UUID);

  byline_fake_wordpress_reply (fixture->wp, "GET /wp-json/byline/v1/posts", 200, "application/json", "[]");
  missing = find_post (client, CLIENT_UUID, &error);
  g_assert_error (error, BYLINE_CMS_ERROR, BYLINE_CMS_ERROR_NOT_FOUND);
}

static void
test_post_json (void)
{
  g_autofree char *text = load_fixture ("post-42.json");
  g_autoptr (JsonNode) node = json_from_string (text, NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (BylineRemotePost) post = byline_remote_post_new_from_json (node, &error);
  GArray *tags;

  g_assert_no_error (error);
  g_assert_cmpstr (byline_remote_post_get_title (post), ==, "Council votes on budget");
  g_assert_cmpstr (byline_remote_post_get_content (post), ==,
                   "<!-- wp:paragraph --><p>The vote was 7&ndash;2.</p><!-- /wp:paragraph -->");
  g_assert_cmpstr (byline_remote_post_get_excerpt (post), ==, "A late-night vote");
  g_assert_cmpstr (byline_remote_post_get_modified_gmt (post), ==, "2024-05-02T10:00:00");
  g_assert_cmpstr (byline_remote_post_get_date_gmt (post), ==, "2024-05-01T09:30:00");
  g_assert_cmpint (byline_remote_post_get_author (post), ==, 2);
  tags = byline_remote_post_get_tags (post);
  g_assert_cmpuint (tags->len, ==, 2);
  g_assert_cmpint (g_array_index (tags, gint64, 1), ==, 7);
}

static void
test_story_round_trip (void)
{
  g_autoptr (BylineStory) story = byline_story_new ();
  g_autoptr (BylineStory) pulled = byline_story_new ();
  g_autoptr (BylineRemotePost) post = NULL;

  byline_story_set_headline (story, "Schools close early");
  byline_story_set_dek (story, "Snow is expected");
  byline_story_set_body (story, "<p>All day.</p>");
  byline_story_set_status (story, BYLINE_STORY_STATUS_SCHEDULED);
  byline_story_set_remote_id (story, 44);
  post = byline_remote_post_new_from_story (story);

  g_assert_cmpstr (byline_remote_post_get_status (post), ==, "future");
  g_assert_cmpstr (byline_remote_post_get_client_uuid (post), ==, byline_story_get_uuid (story));
  g_assert_null (byline_remote_post_get_tags (post));

  byline_remote_post_apply_to_story (post, pulled);
  g_assert_cmpint (byline_story_get_remote_id (pulled), ==, 44);
  g_assert_cmpstr (byline_story_get_headline (pulled), ==, "Schools close early");
  g_assert_cmpstr (byline_story_get_dek (pulled), ==, "Snow is expected");
  g_assert_cmpstr (byline_story_get_body (pulled), ==, "<p>All day.</p>");
  g_assert_cmpint (byline_story_get_status (pulled), ==, BYLINE_STORY_STATUS_SCHEDULED);
}

static void
test_site_url (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (BylineWpClient) bad = byline_wp_client_new ("example.com/blog", "u", "p", &error);
  g_autoptr (BylineWpClient) remote = byline_wp_client_new ("http://example.com/blog//", "u", "p", NULL);
  g_autoptr (BylineWpClient) loopback = byline_wp_client_new ("http://127.0.0.1:8080", "u", "p", NULL);
  g_autoptr (BylineWpClient) secure = byline_wp_client_new ("https://example.com", "u", "p", NULL);

  g_assert_error (error, BYLINE_CMS_ERROR, BYLINE_CMS_ERROR_INVALID);
  g_assert_null (bad);
  g_assert_cmpstr (byline_wp_client_get_site_url (remote), ==, "http://example.com/blog");
  g_assert_true (byline_wp_client_is_insecure (remote));
  g_assert_false (byline_wp_client_is_insecure (loopback));
  g_assert_false (byline_wp_client_is_insecure (secure));
}

#define ADD_SERVER_TEST(path, func) \
  g_test_add ((path), Fixture, NULL, fixture_set_up, (func), fixture_tear_down)

int
main (int   argc,
      char *argv[])
{
  byline_fake_wordpress_test_init (&argc, &argv);

  ADD_SERVER_TEST ("/cms/wp/discover/wp-json", test_discover_wp_json);
  ADD_SERVER_TEST ("/cms/wp/discover/rest-route-fallback", test_discover_rest_route);
  ADD_SERVER_TEST ("/cms/wp/discover/not-wordpress", test_not_wordpress);
  ADD_SERVER_TEST ("/cms/wp/error/unauthorized", test_unauthorized);
  ADD_SERVER_TEST ("/cms/wp/error/auth-header-stripped", test_header_stripped);
  ADD_SERVER_TEST ("/cms/wp/error/not-logged-in-without-companion", test_not_logged_in_without_companion);
  ADD_SERVER_TEST ("/cms/wp/error/forbidden", test_forbidden);
  ADD_SERVER_TEST ("/cms/wp/error/html-instead-of-json", test_html_instead_of_json);
  ADD_SERVER_TEST ("/cms/wp/error/truncated-json", test_truncated_json);
  ADD_SERVER_TEST ("/cms/wp/error/not-a-post", test_not_a_post);
  ADD_SERVER_TEST ("/cms/wp/error/server-error", test_server_error);
  ADD_SERVER_TEST ("/cms/wp/error/cancelled", test_cancelled);
  g_test_add_func ("/cms/wp/error/offline", test_offline);
  ADD_SERVER_TEST ("/cms/wp/list/pagination", test_list_pagination);
  ADD_SERVER_TEST ("/cms/wp/update/conflict-from-companion", test_conflict_from_companion);
  ADD_SERVER_TEST ("/cms/wp/update/conflict-without-companion", test_conflict_without_companion);
  ADD_SERVER_TEST ("/cms/wp/update/without-companion", test_update_without_companion);
  ADD_SERVER_TEST ("/cms/wp/create/body", test_create_body);
  ADD_SERVER_TEST ("/cms/wp/find/by-client-uuid", test_find_post);
  g_test_add_func ("/cms/remote-post/from-json", test_post_json);
  g_test_add_func ("/cms/remote-post/story-round-trip", test_story_round_trip);
  g_test_add_func ("/cms/wp/site-url", test_site_url);

  return g_test_run ();
}
