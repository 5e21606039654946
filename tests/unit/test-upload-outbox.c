/* test-upload-outbox.c: image uploads in the sync outbox, against a fake WordPress
 *
 * The fake WordPress (tests/support) counts every request by method and path
 * and can be told to fail the next requests of a route before or after doing
 * the work; this test adds media items and the answers to post writes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <stdio.h>

#include "cms/byline-wp-client.h"
#include "model/byline-image.h"
#include "model/byline-story.h"
#include "store/byline-store-uploads.h"
#include "sync/byline-sync-engine.h"

#include "byline-fake-wordpress.h"
#include "byline-test-support.h"
#include "byline-test-sync.h"

#define ACCOUNT "desk"

typedef struct
{
  BylineFakeWordpress *wp;
  gint64               next_id;
  guint                n_media;
  gint64               featured_media;
  char                *last_alt_text;
  /* The companion plugin's part: media ids by the client uuid they came with. */
  GHashTable          *media_by_client;
  char                *photo;
  BylineStore         *store;
  BylineSyncEngine    *engine;
} Fixture;

static void
reply_text (SoupServerMessage *msg,
            guint              status,
            char              *text)
{
  g_autofree char *owned = text;

  byline_fake_wordpress_reply_text (msg, status, owned);
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
                               id, byline_fake_wordpress_get_url (fixture->wp), id,
                               fixture->last_alt_text ? fixture->last_alt_text : ""));
}

static void
serve_post (Fixture           *fixture,
            SoupServerMessage *msg,
            gint64             id)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  JsonObject *object = byline_fake_wordpress_request_object (msg, parser);

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
  JsonObject *object = byline_fake_wordpress_request_object (msg, parser);

  g_free (fixture->last_alt_text);
  fixture->last_alt_text = g_strdup (json_object_get_string_member_with_default (object, "alt_text", ""));
  serve_media (fixture, msg, id, SOUP_STATUS_OK);
}

static void
serve_upload (Fixture           *fixture,
              SoupServerMessage *msg,
              const char        *client_uuid)
{
  fixture->n_media++;
  if (client_uuid != NULL)
    g_hash_table_insert (fixture->media_by_client, g_strdup (client_uuid),
                         g_strdup_printf ("%" G_GINT64_FORMAT, fixture->next_id));
  serve_media (fixture, msg, fixture->next_id++, SOUP_STATUS_CREATED);
}

static void
serve_found_media (Fixture           *fixture,
                   SoupServerMessage *msg,
                   const char        *client_uuid)
{
  const char *id = client_uuid ? g_hash_table_lookup (fixture->media_by_client, client_uuid) : NULL;

  if (id == NULL)
    {
      reply_text (msg, SOUP_STATUS_OK, g_strdup ("[]"));
      return;
    }
  reply_text (msg, SOUP_STATUS_OK,
              g_strdup_printf ("[{\"id\":%s,\"source_url\":\"%s/uploads/%s.jpg\",\"alt_text\":\"\","
                               "\"media_details\":{\"image_meta\":{}}}]", id, byline_fake_wordpress_get_url (fixture->wp), id));
}

/* The uuid a lookup asks for, or the one an upload comes with. */
static const char *
request_client_uuid (SoupServerMessage *msg,
                     GHashTable        *query)
{
  const char *uuid = g_hash_table_lookup (query, "client_uuid");

  if (uuid == NULL)
    uuid = soup_message_headers_get_one (soup_server_message_get_request_headers (msg), "X-Byline-Client-Uuid");
  return uuid;
}

static gboolean
serve (SoupServerMessage *msg,
       const char        *key,
       const char        *path,
       GHashTable        *query,
       gpointer           user_data)
{
  Fixture *fixture = user_data;
  const char *client_uuid = request_client_uuid (msg, query);
  gint64 id = 0;

  if (g_str_equal (key, "POST /wp-json/wp/v2/media"))
    serve_upload (fixture, msg, client_uuid);
  else if (g_str_equal (key, "GET /wp-json/byline/v1/media"))
    serve_found_media (fixture, msg, client_uuid);
  else if (sscanf (key, "POST /wp-json/wp/v2/media/%" G_GINT64_FORMAT, &id) == 1)
    serve_fields (fixture, msg, id);
  else if (g_str_equal (key, "POST /wp-json/wp/v2/posts"))
    serve_post (fixture, msg, 0);
  else if (sscanf (key, "POST /wp-json/wp/v2/posts/%" G_GINT64_FORMAT, &id) == 1)
    serve_post (fixture, msg, id);
  else
    return FALSE;
  return TRUE;
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
  g_autoptr (BylineWpClient) client = byline_wp_client_new (byline_fake_wordpress_get_url (fixture->wp), "editor",
                                                            "abcd efgh ijkl mnop", &error);

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

  fixture->next_id = 500;
  fixture->media_by_client = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  fixture->wp = byline_fake_wordpress_new (serve, fixture);
  byline_fake_wordpress_serve_index (fixture->wp, "[\"wp/v2\"]");

  fixture->photo = make_photo ();
  fixture->store = byline_store_open (store_path, &error);
  g_assert_no_error (error);
  account = byline_store_account_new (ACCOUNT, byline_fake_wordpress_get_url (fixture->wp), "editor");
  g_assert_true (byline_store_save_account (fixture->store, account, &error));
  fixture_start_engine (fixture);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->engine);
  g_clear_pointer (&fixture->wp, byline_fake_wordpress_free);
  g_clear_object (&fixture->store);
  g_clear_pointer (&fixture->media_by_client, g_hash_table_unref);
  g_clear_pointer (&fixture->photo, g_free);
  g_clear_pointer (&fixture->last_alt_text, g_free);
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
  byline_fake_wordpress_fail (fixture->wp, "POST /wp-json/wp/v2/media", BYLINE_FAKE_FAIL_BEFORE, 503, 2);
  report = byline_test_push (fixture->engine);

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

  byline_fake_wordpress_fail (fixture->wp, "POST /wp-json/wp/v2/media/*", BYLINE_FAKE_FAIL_AFTER, 502, 1);
  report = byline_test_push (fixture->engine);

  g_assert_cmpuint (report.uploaded, ==, 1);
  g_assert_cmpuint (fixture->n_media, ==, 1);
  g_assert_cmpuint (byline_fake_wordpress_count_requests (fixture->wp, "POST /wp-json/wp/v2/media"), ==, 1);
  g_assert_cmpuint (byline_fake_wordpress_count_requests (fixture->wp, "POST /wp-json/wp/v2/media/500"), ==, 2);
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

  byline_fake_wordpress_fail (fixture->wp, "POST /wp-json/wp/v2/media/*", BYLINE_FAKE_FAIL_BEFORE, 503, 4);
  report = byline_test_push (fixture->engine);
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
  g_ptr_array_set_size (byline_fake_wordpress_get_requests (fixture->wp), 0);
  report = byline_test_push (fixture->engine);

  g_assert_cmpuint (report.uploaded, ==, 1);
  g_assert_cmpuint (fixture->n_media, ==, 1);
  g_assert_cmpuint (byline_fake_wordpress_count_requests (fixture->wp, "POST /wp-json/wp/v2/media"), ==, 0);
  g_assert_cmpuint (byline_fake_wordpress_count_requests (fixture->wp, "POST /wp-json/wp/v2/media/500"), ==, 1);
  g_assert_cmpuint (count_uploads (fixture), ==, 0);
}

static void
test_featured_media_sent (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr (BylineStory) story = save_story (fixture, TRUE);
  g_autoptr (BylineImage) other = attach_photo (fixture, story, FALSE);
  g_autoptr (BylineImage) featured = attach_photo (fixture, story, TRUE);
  GPtrArray *requests = byline_fake_wordpress_get_requests (fixture->wp);
  BylineSyncReport report;

  report = byline_test_push (fixture->engine);

  g_assert_cmpuint (report.uploaded, ==, 2);
  g_assert_cmpuint (report.pushed, ==, 1);
  /* The uploads go first, so the post names the featured image's media item. */
  g_assert_cmpstr (g_ptr_array_index (requests, requests->len - 1), ==, "POST /wp-json/wp/v2/posts");
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
  report = byline_test_push (fixture->engine);

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

static void
fixture_enable_companion (Fixture *fixture)
{
  g_autoptr (BylineStoreAccount) account = byline_store_find_account (fixture->store, ACCOUNT, NULL);

  account->has_companion = TRUE;
  g_assert_true (byline_store_save_account (fixture->store, account, NULL));
}

/* The file got there but the answer was lost: with the companion plugin the
 * retry finds the media item by the image's UUID instead of a second POST. */
static void
test_lost_file_answer_found (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr (BylineStory) story = save_story (fixture, FALSE);
  g_autoptr (BylineImage) image = attach_photo (fixture, story, FALSE);
  g_autoptr (BylineImage) uploaded = NULL;
  BylineSyncReport report;

  fixture_enable_companion (fixture);
  byline_fake_wordpress_fail (fixture->wp, "POST /wp-json/wp/v2/media", BYLINE_FAKE_FAIL_AFTER, 502, 1);
  report = byline_test_push (fixture->engine);

  g_assert_cmpuint (report.uploaded, ==, 1);
  g_assert_cmpuint (fixture->n_media, ==, 1);
  g_assert_cmpuint (byline_fake_wordpress_count_requests (fixture->wp, "POST /wp-json/wp/v2/media"), ==, 1);
  g_assert_cmpuint (byline_fake_wordpress_count_requests (fixture->wp, "GET /wp-json/byline/v1/media"), ==, 1);
  g_assert_cmpuint (byline_fake_wordpress_count_requests (fixture->wp, "POST /wp-json/wp/v2/media/500"), ==, 1);
  g_assert_cmpstr (g_hash_table_lookup (fixture->media_by_client, byline_image_get_uuid (image)), ==, "500");
  g_assert_cmpuint (count_uploads (fixture), ==, 0);
  uploaded = reload_image (fixture, image);
  g_assert_cmpint (byline_image_get_remote_media_id (uploaded), ==, 500);
}

/* A file that never got there is not found, and is sent again. */
static void
test_lost_file_not_found_sent_again (Fixture       *fixture,
                                     gconstpointer  data)
{
  g_autoptr (BylineStory) story = save_story (fixture, FALSE);
  g_autoptr (BylineImage) image = attach_photo (fixture, story, FALSE);
  BylineSyncReport report;

  fixture_enable_companion (fixture);
  byline_fake_wordpress_fail (fixture->wp, "POST /wp-json/wp/v2/media", BYLINE_FAKE_FAIL_BEFORE, 503, 1);
  report = byline_test_push (fixture->engine);

  g_assert_cmpuint (report.uploaded, ==, 1);
  g_assert_cmpuint (fixture->n_media, ==, 1);
  g_assert_cmpuint (byline_fake_wordpress_count_requests (fixture->wp, "POST /wp-json/wp/v2/media"), ==, 2);
  g_assert_cmpuint (byline_fake_wordpress_count_requests (fixture->wp, "GET /wp-json/byline/v1/media"), ==, 1);
  g_assert_cmpuint (count_uploads (fixture), ==, 0);
}

typedef struct
{
  GArray    *fractions;
  GPtrArray *progress_images;
  GPtrArray *finished_images;
  char      *cancel_image;
} Watch;

static void
on_progress (BylineUploadTracker *tracker,
             const char          *story_uuid,
             const char          *image_uuid,
             double               fraction,
             Watch               *watch)
{
  g_array_append_val (watch->fractions, fraction);
  g_ptr_array_add (watch->progress_images, g_strdup (image_uuid));
  if (g_strcmp0 (image_uuid, watch->cancel_image) == 0)
    g_assert_true (byline_upload_tracker_cancel (tracker, image_uuid));
}

static void
on_finished (BylineUploadTracker *tracker,
             const char          *story_uuid,
             const char          *image_uuid,
             Watch               *watch)
{
  g_ptr_array_add (watch->finished_images, g_strdup (image_uuid));
}

static void
watch_uploads (Fixture *fixture,
               Watch   *watch)
{
  BylineUploadTracker *tracker = byline_sync_engine_get_upload_tracker (fixture->engine);

  watch->fractions = g_array_new (FALSE, FALSE, sizeof (double));
  watch->progress_images = g_ptr_array_new_with_free_func (g_free);
  watch->finished_images = g_ptr_array_new_with_free_func (g_free);
  g_signal_connect (tracker, "progress", G_CALLBACK (on_progress), watch);
  g_signal_connect (tracker, "finished", G_CALLBACK (on_finished), watch);
}

static void
watch_clear (Watch *watch)
{
  g_clear_pointer (&watch->fractions, g_array_unref);
  g_clear_pointer (&watch->progress_images, g_ptr_array_unref);
  g_clear_pointer (&watch->finished_images, g_ptr_array_unref);
  g_clear_pointer (&watch->cancel_image, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Watch, watch_clear)

/* The progress of the file's bytes, from 0 to 1, then the end of the upload. */
static void
test_progress_reported (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr (BylineStory) story = save_story (fixture, FALSE);
  g_autoptr (BylineImage) image = attach_photo (fixture, story, FALSE);
  g_auto (Watch) watch = { 0 };
  BylineSyncReport report;

  watch_uploads (fixture, &watch);
  report = byline_test_push (fixture->engine);

  g_assert_cmpuint (report.uploaded, ==, 1);
  g_assert_cmpuint (watch.fractions->len, >=, 2);
  g_assert_cmpfloat (g_array_index (watch.fractions, double, 0), ==, 0.0);
  g_assert_cmpfloat (g_array_index (watch.fractions, double, watch.fractions->len - 1), ==, 1.0);
  for (guint i = 1; i < watch.fractions->len; i++)
    g_assert_cmpfloat (g_array_index (watch.fractions, double, i), >=, g_array_index (watch.fractions, double, i - 1));
  for (guint i = 0; i < watch.progress_images->len; i++)
    g_assert_cmpstr (g_ptr_array_index (watch.progress_images, i), ==, byline_image_get_uuid (image));
  g_assert_cmpuint (watch.finished_images->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (watch.finished_images, 0), ==, byline_image_get_uuid (image));
  g_assert_null (byline_upload_tracker_get_image_uuid (byline_sync_engine_get_upload_tracker (fixture->engine)));
}

/* A cancelled upload leaves the outbox and is not retried; the image stays
 * attached, and the run goes on with the next upload. */
static void
test_cancel_drops_upload (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr (BylineStory) story = save_story (fixture, FALSE);
  g_autoptr (BylineImage) cancelled = attach_photo (fixture, story, FALSE);
  g_autoptr (BylineImage) sent = attach_photo (fixture, story, FALSE);
  g_autoptr (BylineImage) kept = NULL;
  g_auto (Watch) watch = { 0 };
  BylineSyncReport report;

  watch_uploads (fixture, &watch);
  watch.cancel_image = g_strdup (byline_image_get_uuid (cancelled));
  report = byline_test_push (fixture->engine);

  g_assert_cmpuint (report.uploaded, ==, 1);
  g_assert_cmpuint (report.failed, ==, 0);
  g_assert_cmpuint (report.pending, ==, 0);
  g_assert_cmpuint (fixture->n_media, ==, 1);
  g_assert_cmpuint (count_uploads (fixture), ==, 0);
  g_assert_cmpuint (watch.finished_images->len, ==, 2);
  kept = reload_image (fixture, cancelled);
  g_assert_cmpint (byline_image_get_remote_media_id (kept), ==, 0);
  g_assert_false (byline_upload_tracker_cancel (byline_sync_engine_get_upload_tracker (fixture->engine),
                                                byline_image_get_uuid (cancelled)));

  g_ptr_array_set_size (byline_fake_wordpress_get_requests (fixture->wp), 0);
  report = byline_test_push (fixture->engine);
  g_assert_cmpuint (report.uploaded, ==, 0);
  g_assert_cmpuint (byline_fake_wordpress_count_requests (fixture->wp, "POST /wp-json/wp/v2/media*"), ==, 0);
}

typedef struct
{
  BylineUploadTracker *tracker;
  char                *image_uuid;
} LateCancel;

static gboolean
cancel_late (gpointer data)
{
  LateCancel *cancel = data;

  g_assert_true (byline_upload_tracker_cancel (cancel->tracker, cancel->image_uuid));
  return G_SOURCE_REMOVE;
}

/* A cancel while the upload waits to be retried takes effect at once. */
static void
test_cancel_during_retry_wait (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autoptr (BylineStory) story = save_story (fixture, FALSE);
  g_autoptr (BylineImage) image = attach_photo (fixture, story, FALSE);
  LateCancel cancel = { NULL, NULL };
  gint64 started;
  BylineSyncReport report;

  byline_sync_engine_set_retry_delays (fixture->engine, 30000, 30000, 4);
  byline_fake_wordpress_fail (fixture->wp, "POST /wp-json/wp/v2/media", BYLINE_FAKE_FAIL_BEFORE, 503, 4);
  cancel.tracker = byline_sync_engine_get_upload_tracker (fixture->engine);
  cancel.image_uuid = (char *) byline_image_get_uuid (image);
  g_timeout_add (500, cancel_late, &cancel);
  started = g_get_monotonic_time ();
  report = byline_test_push (fixture->engine);

  g_assert_cmpint (g_get_monotonic_time () - started, <, 10 * G_USEC_PER_SEC);
  g_assert_cmpuint (report.uploaded, ==, 0);
  g_assert_cmpuint (byline_fake_wordpress_count_requests (fixture->wp, "POST /wp-json/wp/v2/media"), ==, 1);
  g_assert_cmpuint (count_uploads (fixture), ==, 0);
}

#define add_test(path, func) \
  g_test_add ((path), Fixture, NULL, fixture_set_up, (func), fixture_tear_down)

int
main (int   argc,
      char *argv[])
{
  byline_fake_wordpress_test_init (&argc, &argv);

  add_test ("/upload-outbox/retried-on-503", test_upload_retried_on_503);
  add_test ("/upload-outbox/lost-answer-not-duplicated", test_lost_answer_not_duplicated);
  add_test ("/upload-outbox/fields-retried-alone", test_fields_retried_alone);
  add_test ("/upload-outbox/featured-media-sent", test_featured_media_sent);
  add_test ("/upload-outbox/missing-file-fails-alone", test_missing_file_fails_alone);
  add_test ("/upload-outbox/progress-reported", test_progress_reported);
  add_test ("/upload-outbox/lost-file-answer-found", test_lost_file_answer_found);
  add_test ("/upload-outbox/lost-file-not-found-sent-again", test_lost_file_not_found_sent_again);
  add_test ("/upload-outbox/cancel-drops-upload", test_cancel_drops_upload);
  add_test ("/upload-outbox/cancel-during-retry-wait", test_cancel_during_retry_wait);

  return g_test_run ();
}
