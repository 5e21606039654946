/* test-upload-outbox.c: image uploads in the sync outbox, against a fake WordPress
 *
 * The fake keeps media items and posts, counts every request by method and
 * path, and can be told to fail the next requests of a route before or after
 * doing the work.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <libsoup/soup.h>
#include <stdio.h>

#include "cms/byline-wp-client.h"
#include "model/byline-image.h"
#include "model/byline-story.h"
#include "store/byline-store-uploads.h"
#include "sync/byline-sync-engine.h"

#include "byline-test-support.h"

#define ACCOUNT "desk"

typedef enum
{
  FAULT_BEFORE,
  FAULT_AFTER,
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
  SoupServer       *server;
  char             *url;
  gint64            next_id;
  guint             n_media;
  gint64            featured_media;
  char             *last_alt_text;
  GPtrArray        *faults;
  GPtrArray        *requests;
  char             *photo;
  BylineStore      *store;
  BylineSyncEngine *engine;
} Fixture;

static void
fault_free (Fault *fault)
{
  g_free (fault->route);
  g_free (fault);
}

static void
reply_text (SoupServerMessage *msg,
            guint              status,
            char              *text)
{
  soup_message_body_truncate (soup_server_message_get_response_body (msg));
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "application/json; charset=UTF-8", SOUP_MEMORY_TAKE, text,
                                    strlen (text));
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
serve_media (Fixture           *fixture,
             SoupServerMessage *msg,
             gint64             id,
             guint              status)
{
  reply_text (msg, status,
              g_strdup_printf ("{\"id\":%" G_GINT64_FORMAT ",\"source_url\":\"%s/uploads/%" G_GINT64_FORMAT ".jpg\","
                               "\"alt_text\":\"%s\",\"media_details\":{\"image_meta\":{}}}",
                               id, fixture->url, id, fixture->last_alt_text ? fixture->last_alt_text : ""));
}

static void
serve_post (Fixture           *fixture,
            SoupServerMessage *msg,
            gint64             id)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  JsonObject *object = request_object (msg, parser);

  fixture->featured_media = json_object_get_int_member_with_default (object, "featured_media", 0);
  reply_text (msg, id > 0 ? SOUP_STATUS_OK : SOUP_STATUS_CREATED,
              g_strdup_printf ("{\"id\":%" G_GINT64_FORMAT ",\"status\":\"draft\","
                               "\"modified_gmt\":\"2024-05-01T12:00:01\",\"date_gmt\":\"2024-05-01T12:00:01\","
                               "\"title\":{\"raw\":\"\"},\"content\":{\"raw\":\"\"},\"excerpt\":{\"raw\":\"\"}}",
                               id > 0 ? id : fixture->next_id++));
}

static void
serve_fields (Fixture           *fixture,
              SoupServerMessage *msg,
              gint64             id)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  JsonObject *object = request_object (msg, parser);

  g_free (fixture->last_alt_text);
  fixture->last_alt_text = g_strdup (json_object_get_string_member_with_default (object, "alt_text", ""));
  serve_media (fixture, msg, id, SOUP_STATUS_OK);
}

static void
serve (Fixture           *fixture,
       SoupServerMessage *msg,
       const char        *key)
{
  gint64 id = 0;

  if (g_str_equal (key, "GET /wp-json/"))
    reply_text (msg, SOUP_STATUS_OK, g_strdup ("{\"name\":\"Fake\",\"namespaces\":[\"wp/v2\"]}"));
  else if (g_str_equal (key, "POST /wp-json/wp/v2/media"))
    {
      fixture->n_media++;
      serve_media (fixture, msg, fixture->next_id++, SOUP_STATUS_CREATED);
    }
  else if (sscanf (key, "POST /wp-json/wp/v2/media/%" G_GINT64_FORMAT, &id) == 1)
    serve_fields (fixture, msg, id);
  else if (g_str_equal (key, "POST /wp-json/wp/v2/posts"))
    serve_post (fixture, msg, 0);
  else if (sscanf (key, "POST /wp-json/wp/v2/posts/%" G_GINT64_FORMAT, &id) == 1)
    serve_post (fixture, msg, id);
  else
    reply_text (msg, SOUP_STATUS_NOT_FOUND, g_strdup ("{\"code\":\"rest_no_route\",\"message\":\"No route.\"}"));
}

static Fault *
take_fault (Fixture    *fixture,
            const char *key)
{
  for (guint i = 0; i < fixture->faults->len; i++)
    {
      Fault *fault = g_ptr_array_index (fixture->faults, i);

      if (fault->remaining > 0 && g_pattern_match_simple (fault->route, key))
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

  g_ptr_array_add (fixture->requests, g_strdup (key));
  if (fault == NULL || fault->kind == FAULT_AFTER)
    serve (fixture, msg, key);
  if (fault != NULL)
    reply_text (msg, fault->status,
                g_strdup_printf ("{\"code\":\"injected\",\"message\":\"Injected failure.\","
                                 "\"data\":{\"status\":%u}}", fault->status));
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

/* Counts the requests whose method and path match @pattern (* and ? allowed). */
static guint
fixture_count_requests (Fixture    *fixture,
                        const char *pattern)
{
  guint count = 0;

  for (guint i = 0; i < fixture->requests->len; i++)
    count += g_pattern_match_simple (pattern, g_ptr_array_index (fixture->requests, i));
  return count;
}

static char *
make_photo (void)
{
  g_autoptr (GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, 32, 24);
  g_autoptr (GError) error = NULL;
  char *path = g_build_filename (g_get_user_data_dir (), "harbour.jpg", NULL);

  gdk_pixbuf_fill (pixbuf, 0x336699ff);
  g_mkdir_with_parents (g_get_user_data_dir (), 0700);
  g_assert_true (gdk_pixbuf_save (pixbuf, path, "jpeg", &error, NULL));
  g_assert_no_error (error);
  return path;
}

static void
fixture_start_engine (Fixture *fixture)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (BylineWpClient) client = byline_wp_client_new (fixture->url, "editor", "abcd efgh ijkl mnop", &error);

  g_assert_no_error (error);
  g_clear_object (&fixture->engine);
  fixture->engine = byline_sync_engine_new (fixture->store, ACCOUNT, BYLINE_CMS_CLIENT (client));
  byline_sync_engine_set_retry_delays (fixture->engine, 20, 200, 4);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *store_path = g_build_filename (g_get_user_data_dir (), "byline", "newsroom.db", NULL);
  g_autoptr (BylineStoreAccount) account = NULL;
  g_autoptr (GError) error = NULL;
  GSList *uris;

  fixture->next_id = 500;
  fixture->faults = g_ptr_array_new_with_free_func ((GDestroyNotify) fault_free);
  fixture->requests = g_ptr_array_new_with_free_func (g_free);
  fixture->server = soup_server_new (NULL, NULL);
  soup_server_add_handler (fixture->server, NULL, handle_request, fixture, NULL);
  soup_server_listen_local (fixture->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (fixture->server);
  fixture->url = g_strdup_printf ("http://127.0.0.1:%d", g_uri_get_port (uris->data));
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  fixture->photo = make_photo ();
  fixture->store = byline_store_open (store_path, &error);
  g_assert_no_error (error);
  account = byline_store_account_new (ACCOUNT, fixture->url, "editor");
  g_assert_true (byline_store_save_account (fixture->store, account, &error));
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
  g_clear_pointer (&fixture->faults, g_ptr_array_unref);
  g_clear_pointer (&fixture->requests, g_ptr_array_unref);
  g_clear_pointer (&fixture->url, g_free);
  g_clear_pointer (&fixture->photo, g_free);
  g_clear_pointer (&fixture->last_alt_text, g_free);
}

static BylineSyncReport
push (Fixture *fixture)
{
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  BylineSyncReport report;

  byline_sync_engine_push_async (fixture->engine, NULL, byline_test_store_result, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (byline_sync_engine_push_finish (fixture->engine, result, &report, &error));
  g_assert_no_error (error);
  return report;
}

static BylineStory *
save_story (Fixture  *fixture,
            gboolean  with_account)
{
  BylineStory *story = byline_story_new ();

  byline_story_set_headline (story, "Harbour reopens");
  if (with_account)
    {
      byline_story_set_account (story, ACCOUNT);
      byline_story_touch (story);
    }
  g_assert_true (byline_store_save_story (fixture->store, story, NULL));
  return story;
}

static BylineImage *
attach_photo (Fixture     *fixture,
              BylineStory *story,
              gboolean     featured)
{
  BylineImage *image = byline_image_new (byline_story_get_uuid (story));
  g_autoptr (GError) error = NULL;

  byline_image_set_file (image, fixture->photo);
  byline_image_set_alt_text (image, "Boats in the harbour");
  byline_image_set_credit_line (image, "Photo: Ana Lind");
  byline_image_set_featured (image, featured);
  g_assert_true (byline_store_save_image (fixture->store, image, &error));
  g_assert_true (byline_store_enqueue_upload (fixture->store, image, ACCOUNT, &error));
  g_assert_no_error (error);
  return image;
}

static BylineImage *
reload_image (Fixture     *fixture,
              BylineImage *image)
{
  g_autoptr (GError) error = NULL;
  BylineImage *found = byline_store_find_image (fixture->store, byline_image_get_story_uuid (image),
                                                byline_image_get_uuid (image), &error);

  g_assert_no_error (error);
  g_assert_nonnull (found);
  return found;
}

static guint
count_uploads (Fixture *fixture)
{
  g_autoptr (GPtrArray) uploads = byline_store_list_uploads (fixture->store, ACCOUNT, NULL);

  return uploads->len;
}

static void
test_upload_retried_on_503 (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr (BylineStory) story = save_story (fixture, FALSE);
  g_autoptr (BylineImage) image = attach_photo (fixture, story, FALSE);
  g_autoptr (BylineImage) uploaded = NULL;
  BylineSyncReport report;

  g_assert_cmpuint (count_uploads (fixture), ==, 1);
  fixture_fail (fixture, "POST /wp-json/wp/v2/media", FAULT_BEFORE, 503, 2);
  report = push (fixture);

  g_assert_cmpuint (report.uploaded, ==, 1);
  g_assert_cmpuint (report.retried, ==, 2);
  g_assert_cmpuint (report.failed, ==, 0);
  g_assert_cmpuint (fixture->n_media, ==, 1);
  g_assert_cmpstr (fixture->last_alt_text, ==, "Boats in the harbour");
  g_assert_cmpuint (count_uploads (fixture), ==, 0);
  uploaded = reload_image (fixture, image);
  g_assert_cmpint (byline_image_get_remote_media_id (uploaded), ==, 500);
  g_assert_true (g_str_has_suffix (byline_image_get_remote_url (uploaded), "/uploads/500.jpg"));
}

/* The fields request did its work but its answer got lost: the retry sends
 * the fields again, never the file. */
static void
test_lost_answer_not_duplicated (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autoptr (BylineStory) story = save_story (fixture, FALSE);
  g_autoptr (BylineImage) image = attach_photo (fixture, story, FALSE);
  BylineSyncReport report;

  fixture_fail (fixture, "POST /wp-json/wp/v2/media/*", FAULT_AFTER, 502, 1);
  report = push (fixture);

  g_assert_cmpuint (report.uploaded, ==, 1);
  g_assert_cmpuint (fixture->n_media, ==, 1);
  g_assert_cmpuint (fixture_count_requests (fixture, "POST /wp-json/wp/v2/media"), ==, 1);
  g_assert_cmpuint (fixture_count_requests (fixture, "POST /wp-json/wp/v2/media/500"), ==, 2);
  g_assert_cmpuint (count_uploads (fixture), ==, 0);
}

/* Fields that keep failing wait for the next run, which sends them alone,
 * even after the store is opened again. */
static void
test_fields_retried_alone (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autofree char *store_path = g_strdup (byline_store_get_path (fixture->store));
  g_autoptr (BylineStory) story = save_story (fixture, FALSE);
  g_autoptr (BylineImage) image = attach_photo (fixture, story, FALSE);
  g_autoptr (GPtrArray) uploads = NULL;
  g_autoptr (GError) error = NULL;
  BylineUploadEntry *entry;
  BylineSyncReport report;

  fixture_fail (fixture, "POST /wp-json/wp/v2/media/*", FAULT_BEFORE, 503, 4);
  report = push (fixture);
  g_assert_cmpuint (report.uploaded, ==, 0);
  g_assert_cmpuint (report.pending, ==, 1);
  uploads = byline_store_list_uploads (fixture->store, ACCOUNT, &error);
  g_assert_cmpuint (uploads->len, ==, 1);
  entry = g_ptr_array_index (uploads, 0);
  g_assert_cmpint (entry->media_id, ==, 500);
  g_assert_cmpuint (entry->attempts, ==, 4);
  g_assert_nonnull (entry->last_error);

  g_clear_object (&fixture->engine);
  g_clear_object (&fixture->store);
  fixture->store = byline_store_open (store_path, &error);
  g_assert_no_error (error);
  fixture_start_engine (fixture);
  g_ptr_array_set_size (fixture->requests, 0);
  report = push (fixture);

  g_assert_cmpuint (report.uploaded, ==, 1);
  g_assert_cmpuint (fixture->n_media, ==, 1);
  g_assert_cmpuint (fixture_count_requests (fixture, "POST /wp-json/wp/v2/media"), ==, 0);
  g_assert_cmpuint (fixture_count_requests (fixture, "POST /wp-json/wp/v2/media/500"), ==, 1);
  g_assert_cmpuint (count_uploads (fixture), ==, 0);
}

static void
test_featured_media_sent (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr (BylineStory) story = save_story (fixture, TRUE);
  g_autoptr (BylineImage) other = attach_photo (fixture, story, FALSE);
  g_autoptr (BylineImage) featured = attach_photo (fixture, story, TRUE);
  BylineSyncReport report;

  report = push (fixture);

  g_assert_cmpuint (report.uploaded, ==, 2);
  g_assert_cmpuint (report.pushed, ==, 1);
  /* The uploads go first, so the post names the featured image's media item. */
  g_assert_cmpstr (g_ptr_array_index (fixture->requests, fixture->requests->len - 1), ==,
                   "POST /wp-json/wp/v2/posts");
  g_assert_cmpint (fixture->featured_media, ==, 501);
}

/* A file gone since it was attached stops its own upload only. */
static void
test_missing_file_fails_alone (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autoptr (BylineStory) story = save_story (fixture, FALSE);
  g_autoptr (BylineImage) missing = attach_photo (fixture, story, FALSE);
  g_autoptr (BylineImage) present = NULL;
  g_autoptr (GPtrArray) uploads = NULL;
  BylineUploadEntry *entry;
  BylineSyncReport report;

  byline_image_set_file (missing, "/nonexistent/moved-away.jpg");
  g_assert_true (byline_store_save_image (fixture->store, missing, NULL));
  present = attach_photo (fixture, story, FALSE);
  report = push (fixture);

  g_assert_cmpuint (report.uploaded, ==, 1);
  g_assert_cmpuint (report.failed, ==, 1);
  g_assert_cmpuint (fixture->n_media, ==, 1);
  uploads = byline_store_list_uploads (fixture->store, ACCOUNT, NULL);
  g_assert_cmpuint (uploads->len, ==, 1);
  entry = g_ptr_array_index (uploads, 0);
  g_assert_cmpstr (entry->image_uuid, ==, byline_image_get_uuid (missing));
  g_assert_cmpint (entry->state, ==, BYLINE_OUTBOX_FAILED);
  g_assert_nonnull (strstr (entry->last_error, "moved-away.jpg"));
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

  add_test ("/upload-outbox/retried-on-503", test_upload_retried_on_503);
  add_test ("/upload-outbox/lost-answer-not-duplicated", test_lost_answer_not_duplicated);
  add_test ("/upload-outbox/fields-retried-alone", test_fields_retried_alone);
  add_test ("/upload-outbox/featured-media-sent", test_featured_media_sent);
  add_test ("/upload-outbox/missing-file-fails-alone", test_missing_file_fails_alone);

  return g_test_run ();
}
