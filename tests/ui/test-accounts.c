/* test-accounts.c: the Add Account dialog, the accounts list and the
 * conflict comparison, against a SoupServer playing WordPress and, where a
 * password is stored, the real keyring (tests/integration/with-keyring)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <libsoup/soup.h>

#include "byline-ui-resources.h"
#include "cms/byline-wp-client.h"
#include "model/byline-story.h"
#include "store/byline-store-sync.h"
#include "widgets/byline-accounts-window.h"
#include "widgets/byline-add-account-dialog-private.h"
#include "widgets/byline-conflict-dialog.h"

#define USERNAME "editor"
#define PASSWORD "abcd efgh ijkl mnop qrst uvwx"

typedef struct
{
  char        *dir;
  BylineStore *store;
  SoupServer  *server;
  char        *url;
  char        *added;
} Fixture;

static void
reply_with_file (SoupServerMessage *msg,
                 guint              status,
                 const char        *name)
{
  const char *path = g_test_get_filename (G_TEST_DIST, "unit", "fixtures", "wp", name, NULL);
  g_autofree char *body = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (path, &body, &length, NULL));
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY, body, length);
}

static gboolean
has_right_password (SoupServerMessage *msg)
{
  const char *authorization =
    soup_message_headers_get_one (soup_server_message_get_request_headers (msg), "Authorization");
  g_autofree char *encoded = g_base64_encode ((const guchar *) USERNAME ":" PASSWORD,
                                              strlen (USERNAME ":" PASSWORD));
  g_autofree char *expected = g_strconcat ("Basic ", encoded, NULL);

  return g_strcmp0 (authorization, expected) == 0;
}

static void
handle_request (SoupServer        *server,
                SoupServerMessage *msg,
                const char        *path,
                GHashTable        *query,
                gpointer           user_data)
{
  if (g_str_equal (path, "/wp-json/") || g_str_equal (path, "/wp-json"))
    reply_with_file (msg, 200, "index.json");
  else if (g_str_equal (path, "/wp-json/wp/v2/users/me"))
    reply_with_file (msg, has_right_password (msg) ? 200 : 401,
                     has_right_password (msg) ? "users-me-editor.json" : "error-incorrect-password.json");
  else if (g_str_equal (path, "/wp-json/wp/v2/posts"))
    {
      SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);

      soup_message_headers_replace (headers, "X-WP-Total", "0");
      soup_message_headers_replace (headers, "X-WP-TotalPages", "0");
      soup_server_message_set_status (msg, 200, NULL);
      soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_STATIC, "[]", 2);
    }
  else
    {
      soup_server_message_set_status (msg, 404, NULL);
      soup_server_message_set_response (msg, "text/html", SOUP_MEMORY_STATIC, "<html></html>", 13);
    }
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = NULL;
  GSList *uris;

  fixture->dir = g_dir_make_tmp ("byline-accounts-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (fixture->dir, "newsroom.db", NULL);
  fixture->store = byline_store_open (path, &error);
  g_assert_no_error (error);

  fixture->server = soup_server_new (NULL, NULL);
  soup_server_add_handler (fixture->server, NULL, handle_request, fixture, NULL);
  soup_server_listen_local (fixture->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (fixture->server);
  fixture->url = g_uri_to_string_partial (uris->data, G_URI_HIDE_PASSWORD);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "newsroom.db", NULL);

  soup_server_disconnect (fixture->server);
  g_clear_object (&fixture->server);
  g_clear_object (&fixture->store);
  g_remove (path);
  g_rmdir (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->url);
  g_free (fixture->added);
}

static gboolean
on_timeout (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

static void
wait_until_verified (BylineAddAccountDialog *dialog)
{
  gboolean timed_out = FALSE;
  guint timeout = g_timeout_add_seconds (20, on_timeout, &timed_out);

  while (byline_add_account_dialog_get_verifying (dialog) && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  if (!timed_out)
    g_source_remove (timeout);
  g_assert_false (timed_out);
}

static gboolean
skip_without_keyring (void)
{
  if (g_getenv ("BYLINE_TEST_KEYRING") != NULL)
    return FALSE;
  g_test_skip ("needs a Secret Service: run inside tests/integration/with-keyring");
  return TRUE;
}

static void
on_added (BylineAddAccountDialog *dialog,
          const char             *name,
          Fixture                *fixture)
{
  fixture->added = g_strdup (name);
}

static BylineAddAccountDialog *
open_dialog (Fixture    *fixture,
             const char *password)
{
  BylineAddAccountDialog *dialog = byline_add_account_dialog_new (NULL, fixture->store);

  g_object_ref_sink (dialog);
  g_signal_connect (dialog, "account-added", G_CALLBACK (on_added), fixture);
  gtk_window_present (GTK_WINDOW (dialog));
  byline_add_account_dialog_fill (dialog, fixture->url, USERNAME, password);
  gtk_widget_activate_action (GTK_WIDGET (dialog), "account.add", NULL);
  wait_until_verified (dialog);
  return dialog;
}

static void
test_wrong_password (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr (BylineAddAccountDialog) dialog = NULL;
  g_autoptr (GPtrArray) accounts = NULL;

  if (skip_without_keyring ())
    return;
  dialog = open_dialog (fixture, "wrong password");

  g_assert_nonnull (byline_add_account_dialog_get_error (dialog));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (dialog)));
  g_assert_null (fixture->added);
  accounts = byline_store_list_accounts (fixture->store, NULL);
  g_assert_cmpuint (accounts->len, ==, 0);
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static void
test_success_lists_account (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr (BylineAddAccountDialog) dialog = NULL;
  g_autoptr (BylineSyncManager) manager = NULL;
  BylineAccountsWindow *accounts;

  if (skip_without_keyring ())
    return;
  dialog = open_dialog (fixture, PASSWORD);

  g_assert_null (byline_add_account_dialog_get_error (dialog));
  g_assert_cmpstr (fixture->added, ==, "127.0.0.1");
  manager = byline_sync_manager_new (fixture->store);
  accounts = byline_accounts_window_new (NULL, manager);
  g_assert_cmpuint (byline_accounts_window_get_n_shown (accounts), ==, 1);
  gtk_window_destroy (GTK_WINDOW (accounts));
}

static void
test_plain_http_warns (Fixture       *fixture,
                       gconstpointer  data)
{
  BylineAddAccountDialog *dialog = byline_add_account_dialog_new (NULL, fixture->store);

  byline_add_account_dialog_fill (dialog, "http://news.example.org", USERNAME, PASSWORD);
  g_assert_true (byline_add_account_dialog_get_warning_shown (dialog));
  byline_add_account_dialog_fill (dialog, fixture->url, USERNAME, PASSWORD);
  g_assert_false (byline_add_account_dialog_get_warning_shown (dialog));
  byline_add_account_dialog_fill (dialog, "https://news.example.org", USERNAME, PASSWORD);
  g_assert_false (byline_add_account_dialog_get_warning_shown (dialog));
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static BylineStory *
conflicted_story (Fixture *fixture)
{
  BylineStory *story = byline_story_new ();
  g_autoptr (BylineStory) server_version = NULL;
  g_autoptr (GError) error = NULL;

  byline_story_set_account (story, "site");
  byline_story_set_remote_id (story, 42);
  byline_story_set_headline (story, "Mine");
  byline_story_set_body (story, "<p>My body</p>");
  byline_story_touch (story);
  g_assert_true (byline_store_save_story (fixture->store, story, &error));
  server_version = byline_story_new_with_uuid (byline_story_get_uuid (story));
  byline_story_set_headline (server_version, "Theirs");
  byline_story_set_body (server_version, "<p>Their body</p>");
  g_assert_true (byline_store_save_conflict (fixture->store, server_version, "changed", &error));
  g_assert_no_error (error);
  return story;
}

static void
resolve_with (Fixture    *fixture,
              const char *choice,
              const char *expected_headline)
{
  g_autoptr (BylineStory) story = conflicted_story (fixture);
  g_autoptr (BylineStory) server_version = byline_store_load_conflict (fixture->store, byline_story_get_uuid (story), NULL);
  g_autoptr (BylineWpClient) client = byline_wp_client_new (fixture->url, USERNAME, PASSWORD, NULL);
  g_autoptr (BylineSyncEngine) engine = byline_sync_engine_new (fixture->store, "site", BYLINE_CMS_CLIENT (client));
  g_autoptr (BylineStory) after = NULL;
  BylineConflictDialog *dialog = byline_conflict_dialog_new (NULL, engine, story, server_version);

  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_activate_action (GTK_WIDGET (dialog), "conflict.resolve", "s", choice);

  after = byline_store_load_conflict (fixture->store, byline_story_get_uuid (story), NULL);
  g_assert_null (after);
  g_assert_cmpstr (byline_story_get_headline (story), ==, expected_headline);
}

static void
test_conflict_keep_mine (Fixture       *fixture,
                         gconstpointer  data)
{
  resolve_with (fixture, "local", "Mine");
}

static void
test_conflict_keep_site (Fixture       *fixture,
                         gconstpointer  data)
{
  resolve_with (fixture, "server", "Theirs");
}

static void
test_conflict_merge (Fixture       *fixture,
                     gconstpointer  data)
{
  resolve_with (fixture, "merge", "Mine");
}

int
main (int   argc,
      char *argv[])
{
  /* The GNOME proxy resolver wants schemas the test's schema folder lacks. */
  g_setenv ("GIO_USE_PROXY_RESOLVER", "dummy", TRUE);
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  gtk_init ();
  adw_init ();
  byline_ui_register_resource ();

  g_test_add ("/accounts/add/wrong-password-stays-open", Fixture, NULL, fixture_set_up, test_wrong_password,
              fixture_tear_down);
  g_test_add ("/accounts/add/success-is-listed", Fixture, NULL, fixture_set_up, test_success_lists_account,
              fixture_tear_down);
  g_test_add ("/accounts/add/plain-http-warns", Fixture, NULL, fixture_set_up, test_plain_http_warns,
              fixture_tear_down);
  g_test_add ("/accounts/conflict/keep-mine", Fixture, NULL, fixture_set_up, test_conflict_keep_mine,
              fixture_tear_down);
  g_test_add ("/accounts/conflict/keep-site", Fixture, NULL, fixture_set_up, test_conflict_keep_site,
              fixture_tear_down);
  g_test_add ("/accounts/conflict/merge-by-hand", Fixture, NULL, fixture_set_up, test_conflict_merge,
              fixture_tear_down);

  return g_test_run ();
}
