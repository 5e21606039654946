/* test-workflow-wordpress.c: the editorial workflow through byline-sync
 * against a real WordPress, with users of each role on desks of their own
 *
 * Each desk is a separate store (its own XDG_DATA_HOME), as on the writer's
 * and the editor's computers. Start a WordPress with
 * tests/integration/wordpress/wp-env, put the BYLINE_WP_* variables of its
 * env file in the environment and run inside tests/integration/with-keyring;
 * otherwise every test skips.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <libsoup/soup.h>

#include "cms/byline-wp-client.h"
#include "model/byline-story.h"
#include "store/byline-related.h"
#include "store/byline-store-sync.h"
#include "store/byline-workflow.h"
#include "sync/byline-sync-engine.h"

#include "byline-test-support.h"
#include "byline-test-sync.h"

/* byline-sync, on the store of the desk (XDG_DATA_HOME) it is given. */
#define run_cli byline_test_run_cli

/* From byline-sync --help. */
#define EXIT_FORBIDDEN 4
#define EXIT_GATE_FAILED 11

#define WRITER_ACCOUNT "writer-desk"
#define EDITOR_ACCOUNT "editor-desk"
#define EDITOR_CAPABILITIES "[\"read\",\"edit_posts\",\"publish_posts\",\"edit_others_posts\"]"

static char *
desk_home (const char *desk)
{
  char *home = g_build_filename (g_get_user_data_dir (), "desks", desk, NULL);

  g_mkdir_with_parents (home, 0700);
  return home;
}

static void
add_account (const char *home,
             const char *account,
             const char *role)
{
  g_autofree char *user_variable = g_strdup_printf ("BYLINE_WP_%s_USER", role);
  g_autofree char *pass_variable = g_strdup_printf ("BYLINE_WP_%s_PASS", role);
  g_autofree char *password = g_strdup_printf ("%s\n", g_getenv (pass_variable));

  g_assert_cmpint (run_cli (home, password, NULL, NULL, "account", "add", account, "--url", g_getenv ("BYLINE_WP_URL"),
                            "--user", g_getenv (user_variable), NULL),
                   ==, 0);
}

/* Opened only between runs of the command line, which uses the same file. */
/* A contributor's desk and an editor's, each with its account. */
static void
set_up_writer_and_editor (char **writer_home,
                          char **editor_home)
{
  *writer_home = desk_home ("writer");
  *editor_home = desk_home ("editor");
  add_account (*writer_home, WRITER_ACCOUNT, "CONTRIBUTOR");
  add_account (*editor_home, EDITOR_ACCOUNT, "EDITOR");
}

static BylineStore *
open_desk (const char *home)
{
  g_autofree char *path = g_build_filename (home, "byline", "newsroom.db", NULL);
  g_autoptr (GError) error = NULL;
  BylineStore *store = byline_store_open (path, &error);

  g_assert_no_error (error);
  return store;
}

static BylineStory *
write_story_in (BylineStore *store,
                const char  *account,
                const char  *headline)
{
  BylineStory *story = byline_story_new ();
  g_autofree char *body = g_strdup_printf ("<p>%s: the council voted on Tuesday.</p>", headline);
  g_autoptr (GError) error = NULL;

  byline_story_set_account (story, account);
  byline_story_set_headline (story, headline);
  byline_story_set_dek (story, "The vote was unanimous.");
  byline_story_set_body (story, body);
  byline_story_touch (story);
  g_assert_true (byline_store_save_story (store, story, &error));
  g_assert_no_error (error);
  return story;
}

static char *
write_story (const char *home,
             const char *account,
             const char *headline)
{
  g_autoptr (BylineStore) store = open_desk (home);
  g_autoptr (BylineStory) story = write_story_in (store, account, headline);

  return g_strdup (byline_story_get_uuid (story));
}

static BylineStory *
find_story (BylineStore *store,
            const char  *uuid)
{
  BylineStory *story = byline_store_find_story (store, uuid);
  g_autoptr (GError) error = NULL;

  g_assert_nonnull (story);
  g_assert_true (byline_store_load_body (store, story, &error));
  g_assert_no_error (error);
  return g_object_ref (story);
}

static GPtrArray *
history_of (BylineStore *store,
            const char  *uuid)
{
  g_autoptr (GError) error = NULL;
  GPtrArray *history = byline_workflow_list_history (store, uuid, &error);

  g_assert_no_error (error);
  return history;
}

static gint64
remote_id_of (const char *home,
              const char *uuid)
{
  g_autoptr (BylineStore) store = open_desk (home);
  g_autoptr (BylineStory) story = find_story (store, uuid);

  g_assert_cmpint (byline_story_get_remote_id (story), >, 0);
  return byline_story_get_remote_id (story);
}

static BylineRemotePost *
server_post (gint64 id)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (BylineWpClient) client = byline_wp_client_new (g_getenv ("BYLINE_WP_URL"), g_getenv ("BYLINE_WP_ADMIN_USER"),
                                                            g_getenv ("BYLINE_WP_ADMIN_PASS"), &error);
  g_autoptr (GAsyncResult) result = NULL;
  BylineRemotePost *post;

  g_assert_no_error (error);
  byline_cms_client_get_post_async (BYLINE_CMS_CLIENT (client), id, NULL, byline_test_store_result, &result);
  post = byline_cms_client_post_finish (BYLINE_CMS_CLIENT (client), byline_test_wait_for_result (&result), &error);
  g_assert_no_error (error);
  return post;
}

/* Drops the post fetched before and reads the story's post afresh. */
static void
refetch_server_post (BylineRemotePost **on_server,
                     const char        *home,
                     const char        *uuid)
{
  g_clear_object (on_server);
  *on_server = server_post (remote_id_of (home, uuid));
}

/* A second between two people's saves, as in any newsroom: modified_gmt has
 * one-second resolution. */
static void
next_second (void)
{
  g_usleep (1100 * G_TIME_SPAN_MILLISECOND);
}

static char *
run_tag (void)
{
  char *tag = g_uuid_string_random ();

  tag[8] = '\0';
  return tag;
}

/* As if the user had been an editor when they last signed in, and the site
 * has since taken that away. */
static void
pretend_editor (const char *home,
                const char *account)
{
  g_autoptr (BylineStore) store = open_desk (home);
  g_autoptr (BylineStoreAccount) stored = NULL;
  g_autoptr (GError) error = NULL;

  stored = byline_store_find_account (store, account, &error);
  g_assert_no_error (error);
  g_free (stored->user_json);
  stored->user_json = g_strdup ("{\"display_name\":\"Contributor\",\"capabilities\":" EDITOR_CAPABILITIES "}");
  g_assert_true (byline_store_save_account (store, stored, &error));
  g_assert_no_error (error);
}

static void
assert_untouched_draft (const char *home,
                        const char *uuid)
{
  g_autoptr (BylineStore) store = open_desk (home);
  g_autoptr (BylineStory) story = find_story (store, uuid);
  g_autoptr (GPtrArray) history = history_of (store, uuid);
  g_autoptr (BylineOutboxEntry) entry = byline_store_get_outbox_entry (store, uuid, NULL);

  g_assert_cmpint (byline_story_get_status (story), ==, BYLINE_STORY_STATUS_DRAFT);
  g_assert_false (byline_story_get_dirty (story));
  g_assert_cmpuint (history->len, ==, 0);
  g_assert_null (entry);
}

static void
test_contributor_cannot_publish (void)
{
  g_autofree char *home = NULL;
  g_autofree char *tag = run_tag ();
  g_autofree char *headline = NULL;
  g_autofree char *uuid = NULL;
  g_autofree char *errors = NULL;
  g_autoptr (BylineRemotePost) on_server = NULL;

  if (!byline_test_have_wordpress_and_keyring ())
    return;

  home = desk_home ("writer");
  add_account (home, WRITER_ACCOUNT, "CONTRIBUTOR");
  headline = g_strdup_printf ("A contributor's scoop %s", tag);
  uuid = write_story (home, WRITER_ACCOUNT, headline);
  g_assert_cmpint (run_cli (home, NULL, NULL, NULL, WRITER_ACCOUNT, "push", NULL), ==, 0);

  /* The role the site reported: refused here, before anything is sent. */
  g_assert_cmpint (run_cli (home, NULL, NULL, &errors, WRITER_ACCOUNT, "publish", uuid, NULL), ==, EXIT_FORBIDDEN);
  g_assert_nonnull (strstr (errors, "does not allow publishing"));
  assert_untouched_draft (home, uuid);

  /* Capabilities out of date: the site refuses (403), and the story is
   * exactly as it was — status, history, outbox. */
  pretend_editor (home, WRITER_ACCOUNT);
  g_clear_pointer (&errors, g_free);
  g_assert_cmpint (run_cli (home, NULL, NULL, &errors, WRITER_ACCOUNT, "publish", uuid, NULL), ==, EXIT_FORBIDDEN);
  g_assert_nonnull (strstr (errors, "the site refused the change: your role on the site does not allow this"));
  g_assert_nonnull (strstr (errors, "Nothing changed"));
  assert_untouched_draft (home, uuid);
  on_server = server_post (remote_id_of (home, uuid));
  g_assert_cmpstr (byline_remote_post_get_status (on_server), ==, "draft");
}

static void
admin_post (const char *route,
            const char *body)
{
  g_autoptr (SoupSession) session = soup_session_new ();
  g_autofree char *uri = g_strdup_printf ("%s/?rest_route=%s", g_getenv ("BYLINE_WP_URL"), route);
  g_autoptr (SoupMessage) msg = soup_message_new ("POST", uri);
  g_autofree char *credentials = g_strconcat (g_getenv ("BYLINE_WP_ADMIN_USER"), ":",
                                              g_getenv ("BYLINE_WP_ADMIN_PASS"), NULL);
  g_autofree char *encoded = g_base64_encode ((const guchar *) credentials, strlen (credentials));
  g_autofree char *authorization = g_strconcat ("Basic ", encoded, NULL);
  g_autoptr (GBytes) request = g_bytes_new (body, strlen (body));
  g_autoptr (GBytes) reply = NULL;
  g_autoptr (GError) error = NULL;

  soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", authorization);
  soup_message_set_request_body_from_bytes (msg, "application/json", request);
  reply = soup_session_send_and_read (session, msg, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (msg), ==, 200);
}

/* An administrator's change of the site's settings, as in wp-admin. */
static void
set_site_timezone (const char *timezone_string)
{
  g_autofree char *body = g_strdup_printf ("{\"timezone\":\"%s\"}", timezone_string);

  admin_post ("/wp/v2/settings", body);
}

static guint
history_length_on_server (gint64 id)
{
  g_autoptr (BylineRemotePost) on_server = server_post (id);
  g_autoptr (GPtrArray) history = byline_workflow_history_from_json ("uuid", byline_remote_post_get_history (on_server));

  return history->len;
}

/* The app's way: the workflow, then the sync engine, in one process. */
static void
test_engine_takes_back_refused_publish (void)
{
  g_autofree char *home = NULL;
  g_autoptr (BylineStore) store = NULL;
  g_autoptr (BylineStoreAccount) account = NULL;
  g_autoptr (BylineWpClient) client = NULL;
  g_autoptr (BylineSyncEngine) engine = NULL;
  g_autoptr (BylineStory) story = NULL;
  g_autoptr (BylineWorkflowActor) actor = NULL;
  g_autoptr (GPtrArray) history = NULL;
  g_autoptr (GError) error = NULL;
  BylineSyncReport report;

  if (g_getenv ("BYLINE_WP_URL") == NULL)
    {
      g_test_skip ("No WordPress: run tests/integration/wordpress/wp-env start and source its env file");
      return;
    }

  home = desk_home ("app");
  store = open_desk (home);
  account = byline_store_account_new (WRITER_ACCOUNT, g_getenv ("BYLINE_WP_URL"),
                                      g_getenv ("BYLINE_WP_CONTRIBUTOR_USER"));
  account->has_companion = TRUE;
  g_assert_true (byline_store_save_account (store, account, &error));
  client = byline_wp_client_new (g_getenv ("BYLINE_WP_URL"), g_getenv ("BYLINE_WP_CONTRIBUTOR_USER"),
                                 g_getenv ("BYLINE_WP_CONTRIBUTOR_PASS"), &error);
  g_assert_no_error (error);
  engine = byline_sync_engine_new (store, WRITER_ACCOUNT, BYLINE_CMS_CLIENT (client));
  story = write_story_in (store, WRITER_ACCOUNT, "Published from the app, refused");
  g_assert_cmpuint (byline_test_push (engine).pushed, ==, 1);

  /* The capabilities this computer knew said editor; the site says no. */
  actor = byline_workflow_actor_new ("Contributor", BYLINE_WORKFLOW_ROLE_EDITOR);
  g_assert_true (byline_workflow_publish (store, story, actor, NULL, &error));
  g_assert_no_error (error);
  report = byline_test_push (engine);
  g_assert_cmpuint (report.failed, ==, 1);
  g_assert_cmpint (report.last_failure_code, ==, BYLINE_CMS_ERROR_FORBIDDEN);

  g_assert_cmpint (byline_story_get_status (story), ==, BYLINE_STORY_STATUS_DRAFT);
  g_assert_false (byline_story_get_dirty (story));
  history = history_of (store, byline_story_get_uuid (story));
  g_assert_cmpuint (history->len, ==, 0);
  g_assert_null (byline_store_get_outbox_entry (store, byline_story_get_uuid (story), NULL));
}

static char *
format_at (GDateTime  *utc,
           int         offset_hours,
           char      **expected_date_gmt)
{
  g_autoptr (GTimeZone) zone = g_time_zone_new_offset (offset_hours * 3600);
  g_autoptr (GDateTime) there = g_date_time_to_timezone (utc, zone);

  *expected_date_gmt = g_date_time_format (utc, "%Y-%m-%dT%H:%M:%S");
  return g_date_time_format (there, "%Y-%m-%dT%H:%M:%S%:z");
}

static void
write_related_pair (const char  *home,
                    const char  *tag,
                    char       **uuid,
                    char       **related_uuid)
{
  g_autoptr (BylineStore) store = open_desk (home);
  g_autofree char *headline = g_strdup_printf ("Bridge opens %s", tag);
  g_autofree char *related_headline = g_strdup_printf ("Bridge budget approved %s", tag);
  g_autoptr (BylineStory) story = write_story_in (store, EDITOR_ACCOUNT, headline);
  g_autoptr (BylineStory) related = write_story_in (store, EDITOR_ACCOUNT, related_headline);
  const char *picks[] = { byline_story_get_uuid (related), NULL };
  g_autoptr (GError) error = NULL;

  g_assert_true (byline_related_set (story, store, picks, &error));
  g_assert_true (byline_store_save_story (store, story, &error));
  g_assert_no_error (error);
  *uuid = g_strdup (byline_story_get_uuid (story));
  *related_uuid = g_strdup (byline_story_get_uuid (related));
}

static void
test_editor_publishes_and_schedules (void)
{
  g_autofree char *home = NULL;
  g_autofree char *tag = run_tag ();
  g_autofree char *published = NULL;
  g_autofree char *scheduled = NULL;
  g_autofree char *headline = NULL;
  g_autofree char *site_time = NULL;
  g_autofree char *at = NULL;
  g_autofree char *expected = NULL;
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr (GDateTime) in_two_days = g_date_time_add_days (now, 2);
  g_autoptr (GDateTime) whole_second = NULL;
  g_autoptr (BylineRemotePost) on_server = NULL;
  g_autoptr (BylineStore) store = NULL;
  g_autoptr (BylineStory) story = NULL;
  int exit_status;

  if (!byline_test_have_wordpress_and_keyring ())
    return;

  home = desk_home ("editor");
  add_account (home, EDITOR_ACCOUNT, "EDITOR");
  write_related_pair (home, tag, &published, &scheduled);
  g_assert_cmpint (run_cli (home, NULL, NULL, NULL, EDITOR_ACCOUNT, "push", NULL), ==, 0);

  /* Published, with the related story listed at the end of what the site
   * got, and only there. */
  g_assert_cmpint (run_cli (home, NULL, NULL, NULL, EDITOR_ACCOUNT, "publish", published, NULL), ==, 0);
  on_server = server_post (remote_id_of (home, published));
  g_assert_cmpstr (byline_remote_post_get_status (on_server), ==, "publish");
  g_assert_nonnull (strstr (byline_remote_post_get_content (on_server), "<ul class=\"byline-related\">"));
  g_assert_nonnull (strstr (byline_remote_post_get_content (on_server), "Bridge budget approved"));
  g_assert_cmpint (run_cli (home, NULL, NULL, NULL, EDITOR_ACCOUNT, "pull", "--full", NULL), ==, 0);
  store = open_desk (home);
  story = find_story (store, published);
  g_assert_null (strstr (byline_story_get_body (story), "byline-related"));
  g_clear_object (&story);
  g_clear_object (&store);
  g_assert_cmpint (run_cli (home, NULL, NULL, NULL, EDITOR_ACCOUNT, "unpublish", published, NULL), ==, 0);
  refetch_server_post (&on_server, home, published);
  g_assert_cmpstr (byline_remote_post_get_status (on_server), ==, "draft");

  /* Scheduled with an offset: the same instant in UTC. */
  whole_second = g_date_time_add_seconds (in_two_days, -g_date_time_get_seconds (in_two_days) +
                                                       g_date_time_get_second (in_two_days));
  at = format_at (whole_second, 2, &expected);
  g_assert_cmpint (run_cli (home, NULL, NULL, NULL, EDITOR_ACCOUNT, "schedule", scheduled, "--at", at, NULL), ==, 0);
  refetch_server_post (&on_server, home, scheduled);
  g_assert_cmpstr (byline_remote_post_get_status (on_server), ==, "future");
  g_assert_cmpstr (byline_remote_post_get_date_gmt (on_server), ==, expected);

  /* Without an offset, in the site's timezone (a fresh site: UTC). */
  headline = g_strdup_printf ("Scheduled in site time %s", tag);
  g_free (published);
  published = write_story (home, EDITOR_ACCOUNT, headline);
  site_time = g_strdup ("2031-03-04T09:30:00");
  g_assert_cmpint (run_cli (home, NULL, NULL, NULL, EDITOR_ACCOUNT, "schedule", published, "--at", site_time, NULL),
                   ==, 0);
  refetch_server_post (&on_server, home, published);
  g_assert_cmpstr (byline_remote_post_get_status (on_server), ==, "future");
  g_assert_cmpstr (byline_remote_post_get_date_gmt (on_server), ==, "2031-03-04T09:30:00");

  /* A site two hours east of UTC in March: 09:30 there is 07:30 UTC. */
  g_free (published);
  published = write_story (home, EDITOR_ACCOUNT, "Scheduled in Helsinki time");
  set_site_timezone ("Europe/Helsinki");
  exit_status = run_cli (home, NULL, NULL, NULL, EDITOR_ACCOUNT, "schedule", published, "--at", site_time, NULL);
  set_site_timezone ("UTC");
  g_assert_cmpint (exit_status, ==, 0);
  refetch_server_post (&on_server, home, published);
  g_assert_cmpstr (byline_remote_post_get_date_gmt (on_server), ==, "2031-03-04T07:30:00");
}

static void
test_send_back_note_reaches_writer (void)
{
  g_autofree char *writer_home = NULL;
  g_autofree char *editor_home = NULL;
  g_autofree char *tag = run_tag ();
  g_autofree char *headline = NULL;
  g_autofree char *uuid = NULL;
  g_autofree char *output = NULL;
  g_autoptr (BylineRemotePost) on_server = NULL;
  g_autoptr (BylineStore) store = NULL;
  g_autoptr (BylineStory) story = NULL;
  g_autoptr (GPtrArray) history = NULL;
  g_autofree char *route = NULL;
  const BylineHistoryEntry *sent_back;

  if (!byline_test_have_wordpress_and_keyring ())
    return;

  set_up_writer_and_editor (&writer_home, &editor_home);
  headline = g_strdup_printf ("Sent back for a second source %s", tag);
  uuid = write_story (writer_home, WRITER_ACCOUNT, headline);

  g_assert_cmpint (run_cli (writer_home, NULL, &output, NULL, "--json", WRITER_ACCOUNT, "submit", uuid, "--note",
                            "Ready for a look", NULL),
                   ==, 0);
  g_assert_nonnull (strstr (output, "\"history_shared\" : true"));
  on_server = server_post (remote_id_of (writer_home, uuid));
  g_assert_cmpstr (byline_remote_post_get_status (on_server), ==, "pending");

  next_second ();
  g_assert_cmpint (run_cli (editor_home, NULL, NULL, NULL, EDITOR_ACCOUNT, "pull", NULL), ==, 0);
  g_assert_cmpint (run_cli (editor_home, NULL, NULL, NULL, EDITOR_ACCOUNT, "send-back", uuid, "--note",
                            "Needs a second source", NULL),
                   ==, 0);
  refetch_server_post (&on_server, writer_home, uuid);
  g_assert_cmpstr (byline_remote_post_get_status (on_server), ==, "draft");

  g_assert_cmpint (run_cli (writer_home, NULL, NULL, NULL, WRITER_ACCOUNT, "pull", NULL), ==, 0);
  g_clear_pointer (&output, g_free);
  g_assert_cmpint (run_cli (writer_home, NULL, &output, NULL, WRITER_ACCOUNT, "show", uuid, NULL), ==, 0);
  g_assert_nonnull (strstr (output, "Note: Needs a second source"));
  store = open_desk (writer_home);
  story = find_story (store, uuid);
  g_assert_cmpint (byline_story_get_status (story), ==, BYLINE_STORY_STATUS_DRAFT);
  history = history_of (store, uuid);
  g_assert_cmpuint (history->len, ==, 2);
  g_assert_cmpstr (((BylineHistoryEntry *) g_ptr_array_index (history, 0))->note, ==, "Ready for a look");
  sent_back = g_ptr_array_index (history, 1);
  g_assert_cmpstr (sent_back->note, ==, "Needs a second source");
  g_assert_cmpstr (sent_back->actor, ==, "Editor");
  g_assert_cmpint (sent_back->to_status, ==, BYLINE_STORY_STATUS_DRAFT);
  g_assert_true (sent_back->shared);

  /* A client that knows less cannot erase what the site keeps. */
  route = g_strdup_printf ("/wp/v2/posts/%" G_GINT64_FORMAT, byline_story_get_remote_id (story));
  admin_post (route, "{\"meta\":{\"byline_history\":\"[]\"}}");
  g_assert_cmpuint (history_length_on_server (byline_story_get_remote_id (story)), ==, 2);
}

static char *
make_uncredited_photo (void)
{
  g_autoptr (GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, 64, 48);
  char *path = g_build_filename (g_get_user_data_dir (), "uncredited.jpg", NULL);
  g_autoptr (GError) error = NULL;

  gdk_pixbuf_fill (pixbuf, 0x336699ff);
  g_assert_true (gdk_pixbuf_save (pixbuf, path, "jpeg", &error, NULL));
  return path;
}

static void
test_gate_blocks_uncredited_photo (void)
{
  g_autofree char *home = NULL;
  g_autofree char *tag = run_tag ();
  g_autofree char *headline = NULL;
  g_autofree char *uuid = NULL;
  g_autofree char *photo = NULL;
  g_autofree char *errors = NULL;
  g_autoptr (BylineStore) store = NULL;
  g_autoptr (BylineStory) story = NULL;
  g_autoptr (GPtrArray) history = NULL;

  if (!byline_test_have_wordpress_and_keyring ())
    return;

  home = desk_home ("editor");
  add_account (home, EDITOR_ACCOUNT, "EDITOR");
  headline = g_strdup_printf ("A photo nobody credited %s", tag);
  uuid = write_story (home, EDITOR_ACCOUNT, headline);
  photo = make_uncredited_photo ();
  /* No credit in the file, none given, and no permission to make one from. */
  g_assert_cmpint (run_cli (home, NULL, NULL, NULL, EDITOR_ACCOUNT, "attach", uuid, photo, "--alt",
                            "The river at dawn", NULL),
                   ==, 0);

  g_assert_cmpint (run_cli (home, NULL, NULL, &errors, EDITOR_ACCOUNT, "publish", uuid, NULL), ==, EXIT_GATE_FAILED);
  g_assert_nonnull (strstr (errors, "has no credit line"));
  /* An error is no warning: no reason lets it through. */
  g_clear_pointer (&errors, g_free);
  g_assert_cmpint (run_cli (home, NULL, NULL, &errors, EDITOR_ACCOUNT, "publish", uuid, "--override",
                            "The desk said so", NULL),
                   ==, EXIT_GATE_FAILED);

  store = open_desk (home);
  story = find_story (store, uuid);
  g_assert_cmpint (byline_story_get_status (story), ==, BYLINE_STORY_STATUS_DRAFT);
  history = history_of (store, uuid);
  g_assert_cmpuint (history->len, ==, 0);
}

static void
revise_story (const char *home,
              const char *uuid)
{
  g_autoptr (BylineStore) store = open_desk (home);
  g_autoptr (BylineStory) story = find_story (store, uuid);
  g_autofree char *body = g_strconcat (byline_story_get_body (story), "<p>A second source confirmed it.</p>", NULL);
  g_autoptr (GError) error = NULL;

  byline_story_set_body (story, body);
  byline_story_touch (story);
  g_assert_true (byline_store_save_story (store, story, &error));
  g_assert_no_error (error);
}

static void
assert_on_server (const char *home,
                  const char *uuid,
                  const char *status)
{
  g_autoptr (BylineRemotePost) on_server = server_post (remote_id_of (home, uuid));

  g_assert_cmpstr (byline_remote_post_get_status (on_server), ==, status);
}

static void
sync_a_second_later (const char *home,
                     const char *account)
{
  next_second ();
  g_assert_cmpint (run_cli (home, NULL, NULL, NULL, account, "sync", NULL), ==, 0);
}

/* The editor takes in the desk's changes and schedules @uuid for this time
 * tomorrow, to the whole second.
 *
 * Returns: (transfer full): the date_gmt the site should then have */
static char *
editor_schedules_for_tomorrow (const char *editor_home,
                               const char *uuid)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr (GDateTime) tomorrow = g_date_time_add_days (now, 1);
  g_autoptr (GDateTime) whole_second = g_date_time_add_seconds (tomorrow, g_date_time_get_second (tomorrow) -
                                                                            g_date_time_get_seconds (tomorrow));
  g_autofree char *at = NULL;
  char *expected = NULL;

  sync_a_second_later (editor_home, EDITOR_ACCOUNT);
  at = format_at (whole_second, 0, &expected);
  g_assert_cmpint (run_cli (editor_home, NULL, NULL, NULL, EDITOR_ACCOUNT, "schedule", uuid, "--at", at, NULL), ==, 0);
  return expected;
}

static void
test_full_day (void)
{
  g_autofree char *writer_home = NULL;
  g_autofree char *editor_home = NULL;
  g_autofree char *tag = run_tag ();
  g_autofree char *headline = NULL;
  g_autofree char *uuid = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *published_date = NULL;
  g_autoptr (BylineRemotePost) on_server = NULL;

  if (!byline_test_have_wordpress_and_keyring ())
    return;

  set_up_writer_and_editor (&writer_home, &editor_home);

  /* Morning: the writer drafts and submits. */
  headline = g_strdup_printf ("Council approves the bridge %s", tag);
  uuid = write_story (writer_home, WRITER_ACCOUNT, headline);
  g_assert_cmpint (run_cli (writer_home, NULL, NULL, NULL, WRITER_ACCOUNT, "submit", uuid, "--note", "First draft",
                            NULL),
                   ==, 0);
  assert_on_server (writer_home, uuid, "pending");

  /* The editor sends it back with a note. */
  sync_a_second_later (editor_home, EDITOR_ACCOUNT);
  g_assert_cmpint (run_cli (editor_home, NULL, NULL, NULL, EDITOR_ACCOUNT, "send-back", uuid, "--note",
                            "Who else confirms it?", NULL),
                   ==, 0);
  assert_on_server (writer_home, uuid, "draft");

  /* The writer reads the note, revises and resubmits. */
  sync_a_second_later (writer_home, WRITER_ACCOUNT);
  revise_story (writer_home, uuid);
  g_assert_cmpint (run_cli (writer_home, NULL, NULL, NULL, WRITER_ACCOUNT, "submit", uuid, "--note", "Added a source",
                            NULL),
                   ==, 0);
  assert_on_server (writer_home, uuid, "pending");

  /* The editor schedules it for tomorrow, then publishes it now after all. */
  expected = editor_schedules_for_tomorrow (editor_home, uuid);
  on_server = server_post (remote_id_of (editor_home, uuid));
  g_assert_cmpstr (byline_remote_post_get_status (on_server), ==, "future");
  g_assert_cmpstr (byline_remote_post_get_date_gmt (on_server), ==, expected);
  g_assert_nonnull (strstr (byline_remote_post_get_content (on_server), "A second source confirmed it."));
  g_assert_cmpint (run_cli (editor_home, NULL, NULL, NULL, EDITOR_ACCOUNT, "publish", uuid, NULL), ==, 0);
  refetch_server_post (&on_server, editor_home, uuid);
  g_assert_cmpstr (byline_remote_post_get_status (on_server), ==, "publish");
  published_date = g_strdup (byline_remote_post_get_date_gmt (on_server));
  g_assert_cmpstr (published_date, <, expected);

  /* Afternoon: an update, with the headline prefix; the date stays. */
  next_second ();
  g_assert_cmpint (run_cli (editor_home, NULL, NULL, NULL, EDITOR_ACCOUNT, "update", uuid, "--text",
                            "Work starts in May.", "--prefix-headline", NULL),
                   ==, 0);
  refetch_server_post (&on_server, editor_home, uuid);
  g_assert_cmpstr (byline_remote_post_get_status (on_server), ==, "publish");
  g_assert_true (g_str_has_prefix (byline_remote_post_get_title (on_server), "[UPDATE] "));
  g_assert_nonnull (strstr (byline_remote_post_get_content (on_server), "Work starts in May."));
  g_assert_cmpstr (byline_remote_post_get_date_gmt (on_server), ==, published_date);

  /* The day is in the history the site keeps. (A contributor may not edit
   * a post once it is scheduled or published, so WordPress no longer lists
   * it for the writer's client.) */
  {
    g_autoptr (BylineStore) store = open_desk (editor_home);
    g_autoptr (GPtrArray) history = history_of (store, uuid);

    g_assert_cmpuint (history->len, ==, 6);
    g_assert_cmpstr (((BylineHistoryEntry *) g_ptr_array_index (history, 1))->note, ==, "Who else confirms it?");
    g_assert_cmpstr (((BylineHistoryEntry *) g_ptr_array_index (history, 2))->note, ==, "Added a source");
    g_assert_cmpstr (((BylineHistoryEntry *) g_ptr_array_index (history, 5))->note, ==, "Work starts in May.");
    for (guint i = 0; i < history->len; i++)
      g_assert_true (((BylineHistoryEntry *) g_ptr_array_index (history, i))->shared);
  }
}

static gboolean
is_in_local_trash (BylineStore *store,
                   const char  *uuid)
{
  g_autoptr (GListModel) trash = byline_store_list_trash (store, NULL);

  for (guint i = 0; trash != NULL && i < g_list_model_get_n_items (trash); i++)
    {
      g_autoptr (BylineStory) story = g_list_model_get_item (trash, i);

      if (g_strcmp0 (byline_story_get_uuid (story), uuid) == 0)
        return TRUE;
    }
  return FALSE;
}

/* Once scheduled, WordPress leaves the post out of the contributor's
 * listing (context=edit); a full pull must not take that for a delete. */
static void
test_scheduled_stays_with_writer (void)
{
  g_autofree char *writer_home = NULL;
  g_autofree char *editor_home = NULL;
  g_autofree char *tag = run_tag ();
  g_autofree char *headline = NULL;
  g_autofree char *uuid = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *output = NULL;
  g_autoptr (BylineStore) store = NULL;
  g_autoptr (BylineStory) story = NULL;

  if (!byline_test_have_wordpress_and_keyring ())
    return;

  set_up_writer_and_editor (&writer_home, &editor_home);
  headline = g_strdup_printf ("Scheduled, still the writer's %s", tag);
  uuid = write_story (writer_home, WRITER_ACCOUNT, headline);
  g_assert_cmpint (run_cli (writer_home, NULL, NULL, NULL, WRITER_ACCOUNT, "submit", uuid, NULL), ==, 0);

  expected = editor_schedules_for_tomorrow (editor_home, uuid);
  assert_on_server (editor_home, uuid, "future");

  g_assert_cmpint (run_cli (writer_home, NULL, &output, NULL, WRITER_ACCOUNT, "pull", "--full", NULL), ==, 0);
  g_assert_nonnull (strstr (output, " 0 removed"));
  store = open_desk (writer_home);
  story = find_story (store, uuid);
  g_assert_false (is_in_local_trash (store, uuid));
  g_assert_cmpstr (byline_story_get_headline (story), ==, headline);
  g_assert_cmpint (byline_story_get_status (story), ==, BYLINE_STORY_STATUS_SCHEDULED);
  g_assert_false (byline_story_get_dirty (story));
  g_assert_null (byline_store_get_outbox_entry (store, uuid, NULL));
  g_assert_null (byline_store_load_conflict (store, uuid, NULL));
  g_clear_object (&story);
  g_clear_object (&store);

  /* And again: a second full pull changes nothing. */
  g_clear_pointer (&output, g_free);
  g_assert_cmpint (run_cli (writer_home, NULL, &output, NULL, WRITER_ACCOUNT, "pull", "--full", NULL), ==, 0);
  g_assert_nonnull (strstr (output, "pull: 0 pulled"));
  g_assert_nonnull (strstr (output, " 0 removed"));
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("GIO_USE_PROXY_RESOLVER", "dummy", TRUE);
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/integration/workflow/contributor-cannot-publish", test_contributor_cannot_publish);
  g_test_add_func ("/integration/workflow/engine-takes-back-refused-publish", test_engine_takes_back_refused_publish);
  g_test_add_func ("/integration/workflow/editor-publishes-and-schedules", test_editor_publishes_and_schedules);
  g_test_add_func ("/integration/workflow/send-back-note-reaches-writer", test_send_back_note_reaches_writer);
  g_test_add_func ("/integration/workflow/gate-blocks-uncredited-photo", test_gate_blocks_uncredited_photo);
  g_test_add_func ("/integration/workflow/full-day", test_full_day);
  g_test_add_func ("/integration/workflow/scheduled-stays-with-writer", test_scheduled_stays_with_writer);

  return g_test_run ();
}
