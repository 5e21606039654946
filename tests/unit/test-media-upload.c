/* test-media-upload.c: uploads to the fake WordPress, given media routes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <glib/gstdio.h>
#include "cms/byline-media-upload.h"
#include "cms/byline-wp-client.h"

#include "byline-fake-wordpress.h"
#include "byline-test-support.h"

#define CREATED_REPLY                                                                     \
  "{\"id\":77,\"source_url\":\"http://127.0.0.1/wp-content/uploads/harbour.jpg\","       \
  "\"media_details\":{\"image_meta\":{\"credit\":\"Photo: Ana Lind\",\"copyright\":\"© Ana Lind\"," \
  "\"caption\":\"\"}}}"
#define FORBIDDEN_REPLY                                                                   \
  "{\"code\":\"rest_cannot_create\",\"message\":\"Sorry, you are not allowed to upload media as "   \
  "this user.\",\"data\":{\"status\":403}}"

typedef struct
{
  BylineFakeWordpress *wp;
  const char          *url;
  guint                upload_status;
  guint                n_uploads;
  guint                n_field_requests;
  char                *content_length;
  char                *content_type;
  char                *content_disposition;
  GBytes              *upload_body;
  JsonNode            *fields_body;
} Fixture;

typedef struct
{
  goffset       current;
  goffset       total;
  guint         calls;
  gboolean      went_backwards;
  goffset       cancel_at;
  GCancellable *cancellable;
} Progress;

static void
remember_upload (Fixture           *fixture,
                 SoupServerMessage *msg)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);

  fixture->n_uploads++;
  g_free (fixture->content_length);
  fixture->content_length = g_strdup (soup_message_headers_get_one (headers, "Content-Length"));
  g_free (fixture->content_type);
  fixture->content_type = g_strdup (soup_message_headers_get_one (headers, "Content-Type"));
  g_free (fixture->content_disposition);
  fixture->content_disposition = g_strdup (soup_message_headers_get_one (headers, "Content-Disposition"));
  g_clear_pointer (&fixture->upload_body, g_bytes_unref);
  fixture->upload_body = soup_message_body_flatten (soup_server_message_get_request_body (msg));
}

/* Answers with the fields it was sent, as WordPress does. */
static char *
fields_reply (Fixture           *fixture,
              SoupServerMessage *msg)
{
  g_autoptr (GBytes) body = soup_message_body_flatten (soup_server_message_get_request_body (msg));
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  g_autoptr (GError) error = NULL;
  JsonObject *fields;
  JsonObject *reply;

  json_parser_load_from_data (parser, g_bytes_get_data (body, NULL), g_bytes_get_size (body), &error);
  g_assert_no_error (error);
  g_clear_pointer (&fixture->fields_body, json_node_unref);
  fixture->fields_body = json_node_copy (json_parser_get_root (parser));
  fields = json_node_get_object (fixture->fields_body);

  reply = json_object_new ();
  json_object_set_int_member (reply, "id", 77);
  json_object_set_string_member (reply, "alt_text", json_object_get_string_member (fields, "alt_text"));
  json_object_set_object_member (reply, "meta", json_object_ref (json_object_get_object_member (fields, "meta")));
  json_node_take_object (node, reply);
  return json_to_string (node, FALSE);
}

static gboolean
serve_media (SoupServerMessage *msg,
             const char        *key,
             const char        *path,
             GHashTable        *query,
             gpointer           user_data)
{
  Fixture *fixture = user_data;
  g_autofree char *fields = NULL;

  if (g_str_equal (key, "POST /wp-json/wp/v2/media"))
    {
      remember_upload (fixture, msg);
      byline_fake_wordpress_reply_text (msg, fixture->upload_status,
                                        fixture->upload_status == SOUP_STATUS_CREATED ? CREATED_REPLY : FORBIDDEN_REPLY);
      return TRUE;
    }
  if (g_str_equal (key, "POST /wp-json/wp/v2/media/77"))
    {
      fixture->n_field_requests++;
      fields = fields_reply (fixture, msg);
      byline_fake_wordpress_reply_text (msg, SOUP_STATUS_OK, fields);
      return TRUE;
    }
  return FALSE;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->upload_status = SOUP_STATUS_CREATED;
  fixture->wp = byline_fake_wordpress_new (serve_media, fixture);
  byline_fake_wordpress_serve_index (fixture->wp, "[\"wp/v2\",\"byline/v1\"]");
  fixture->url = byline_fake_wordpress_get_url (fixture->wp);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  fixture->url = NULL;
  g_clear_pointer (&fixture->wp, byline_fake_wordpress_free);
  g_clear_pointer (&fixture->content_length, g_free);
  g_clear_pointer (&fixture->content_type, g_free);
  g_clear_pointer (&fixture->content_disposition, g_free);
  g_clear_pointer (&fixture->upload_body, g_bytes_unref);
  g_clear_pointer (&fixture->fields_body, json_node_unref);
}

static BylineCmsClient *
new_client (const char *url)
{
  g_autoptr (GError) error = NULL;
  BylineWpClient *client = byline_wp_client_new (url, "editor", "abcd efgh ijkl mnop qrst uvwx", &error);

  g_assert_no_error (error);
  return BYLINE_CMS_CLIENT (client);
}

static void
on_progress (goffset  current,
             goffset  total,
             gpointer user_data)
{
  Progress *progress = user_data;

  progress->went_backwards |= current < progress->current;
  progress->current = current;
  progress->total = total;
  progress->calls++;
  if (progress->cancel_at > 0 && current >= progress->cancel_at)
    g_cancellable_cancel (progress->cancellable);
}

/* Bytes that differ from offset to offset, so that a reordered or repeated chunk shows. */
static char *
make_file (const char *name,
           gsize       size,
           GBytes    **contents)
{
  char *path = g_build_filename (g_get_user_cache_dir (), name, NULL);
  guint8 *data = g_malloc (size);
  g_autoptr (GError) error = NULL;

  for (gsize i = 0; i < size; i++)
    data[i] = (guint8) ((i * 7919) >> 8);
  g_assert_cmpint (g_mkdir_with_parents (g_get_user_cache_dir (), 0700), ==, 0);
  g_file_set_contents (path, (const char *) data, size, &error);
  g_assert_no_error (error);
  if (contents != NULL)
    *contents = g_bytes_new_take (data, size);
  else
    g_free (data);
  return path;
}

static BylineRemoteMedia *
upload (BylineCmsClient    *client,
        const char         *path,
        const char         *filename,
        BylineRemoteMedia  *fields,
        Progress           *progress,
        GError            **error)
{
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GAsyncResult) result = NULL;

  byline_cms_client_upload_media_async (client, file, filename, "image/jpeg", NULL, fields, on_progress, progress,
                                        progress->cancellable, byline_test_store_result, &result);
  return byline_cms_client_upload_media_finish (client, byline_test_wait_for_result (&result), error);
}

static BylineRemoteMedia *
credited_fields (void)
{
  BylineRemoteMedia *fields = byline_remote_media_new ();

  byline_remote_media_set_field (fields, BYLINE_REMOTE_MEDIA_CAPTION, "Boats at dawn");
  byline_remote_media_set_field (fields, BYLINE_REMOTE_MEDIA_ALT_TEXT, "Fishing boats in a harbour");
  byline_remote_media_set_field (fields, BYLINE_REMOTE_MEDIA_CREDIT_LINE, "Photo: Ana Lind");
  byline_remote_media_set_field (fields, BYLINE_REMOTE_MEDIA_PERMISSION_KIND, "copyright-holder");
  byline_remote_media_set_field (fields, BYLINE_REMOTE_MEDIA_PERMISSION_PROOF, "email of 3 May");
  byline_remote_media_set_field (fields, BYLINE_REMOTE_MEDIA_CREATOR_TITLE, "Staff photographer");
  return fields;
}

static void
test_streams_file (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr (BylineCmsClient) client = new_client (fixture->url);
  g_autoptr (BylineRemoteMedia) fields = credited_fields ();
  g_autoptr (BylineRemoteMedia) media = NULL;
  g_autoptr (GBytes) contents = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *path = make_file ("harbour.jpg", 3 * 1024 * 1024 + 17, &contents);
  g_autofree char *expected_length = g_strdup_printf ("%zu", g_bytes_get_size (contents));
  Progress progress = { 0 };

  media = upload (client, path, "harbour.jpg", fields, &progress, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (fixture->n_uploads, ==, 1);
  g_assert_cmpstr (fixture->content_length, ==, expected_length);
  g_assert_cmpstr (fixture->content_type, ==, "image/jpeg");
  g_assert_true (g_bytes_equal (fixture->upload_body, contents));
  g_assert_cmpint (progress.current, ==, (goffset) g_bytes_get_size (contents));
  g_assert_cmpint (progress.total, ==, (goffset) g_bytes_get_size (contents));
  g_assert_cmpuint (progress.calls, >, 1);
  g_assert_false (progress.went_backwards);
  g_assert_cmpint (byline_remote_media_get_id (media), ==, 77);
}

static void
test_fields_request (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr (BylineCmsClient) client = new_client (fixture->url);
  g_autoptr (BylineRemoteMedia) fields = credited_fields ();
  g_autoptr (BylineRemoteMedia) media = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *path = make_file ("fields.jpg", 1000, NULL);
  Progress progress = { 0 };
  JsonObject *body;
  JsonObject *meta;

  media = upload (client, path, "fields.jpg", fields, &progress, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (fixture->n_field_requests, ==, 1);
  body = json_node_get_object (fixture->fields_body);
  meta = json_object_get_object_member (body, "meta");
  g_assert_cmpstr (json_object_get_string_member (body, "caption"), ==, "Boats at dawn");
  g_assert_cmpstr (json_object_get_string_member (body, "alt_text"), ==, "Fishing boats in a harbour");
  g_assert_true (json_object_has_member (body, "description"));
  g_assert_cmpstr (json_object_get_string_member (meta, "byline_credit_line"), ==, "Photo: Ana Lind");
  g_assert_cmpstr (json_object_get_string_member (meta, "byline_permission_kind"), ==, "copyright-holder");
  g_assert_cmpstr (json_object_get_string_member (meta, "byline_permission_proof"), ==, "email of 3 May");
  g_assert_cmpstr (json_object_get_string_member (meta, "byline_permission_expiry"), ==, "");
  g_assert_cmpstr (json_object_get_string_member (meta, "byline_creator_title"), ==, "Staff photographer");
  g_assert_cmpstr (byline_remote_media_get_field (media, BYLINE_REMOTE_MEDIA_CREATOR_TITLE), ==,
                   "Staff photographer");
  g_assert_cmpstr (byline_remote_media_get_field (media, BYLINE_REMOTE_MEDIA_ALT_TEXT), ==,
                   "Fishing boats in a harbour");
  g_assert_cmpstr (byline_remote_media_get_field (media, BYLINE_REMOTE_MEDIA_PERMISSION_PROOF), ==,
                   "email of 3 May");
}

static void
test_filename_escaping (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr (BylineCmsClient) client = new_client (fixture->url);
  g_autoptr (BylineRemoteMedia) media = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *path = make_file ("escaping.jpg", 100, NULL);
  Progress progress = { 0 };

  media = upload (client, path, "Ôkafor \"at\"; the vote, 7–2.jpg", NULL, &progress, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (fixture->content_disposition, ==,
                   "attachment; filename=\"_kafor__at___the_vote__7_2.jpg\"; "
                   "filename*=UTF-8''%C3%94kafor%20%22at%22%3B%20the%20vote%2C%207%E2%80%932.jpg");
  g_assert_cmpuint (fixture->n_field_requests, ==, 0);
  g_assert_cmpstr (byline_remote_media_get_embedded (media, BYLINE_REMOTE_MEDIA_EMBEDDED_CREDIT), ==,
                   "Photo: Ana Lind");
}

static void
test_cancel_midway (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr (BylineCmsClient) client = new_client (fixture->url);
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  g_autoptr (BylineRemoteMedia) media = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *path = make_file ("big.jpg", 32 * 1024 * 1024, NULL);
  Progress progress = { .cancel_at = 256 * 1024, .cancellable = cancellable };

  media = upload (client, path, "big.jpg", NULL, &progress, &error);

  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (media);
  g_assert_cmpint (progress.current, >=, progress.cancel_at);
  g_assert_cmpint (progress.current, <, progress.total);
  g_assert_cmpuint (fixture->n_uploads, ==, 0);
}

static void
test_forbidden (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr (BylineCmsClient) client = new_client (fixture->url);
  g_autoptr (BylineRemoteMedia) fields = credited_fields ();
  g_autoptr (BylineRemoteMedia) media = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *path = make_file ("forbidden.jpg", 1000, NULL);
  Progress progress = { 0 };

  fixture->upload_status = SOUP_STATUS_FORBIDDEN;
  media = upload (client, path, "forbidden.jpg", fields, &progress, &error);

  g_assert_error (error, BYLINE_CMS_ERROR, BYLINE_CMS_ERROR_FORBIDDEN);
  g_assert_cmpstr (error->message, ==, "Your WordPress account may not upload media");
  g_assert_false (byline_cms_error_is_transient (error));
  g_assert_cmpuint (fixture->n_field_requests, ==, 0);
}

static void
test_missing_file (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr (BylineCmsClient) client = new_client (fixture->url);
  g_autoptr (BylineRemoteMedia) media = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *path = g_build_filename (g_get_user_cache_dir (), "gone.jpg", NULL);
  Progress progress = { 0 };

  media = upload (client, path, "gone.jpg", NULL, &progress, &error);

  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_cmpuint (fixture->n_uploads, ==, 0);
}

static char *
make_jpeg (const char *name)
{
  g_autoptr (GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, 64, 48);
  g_autofree char *dir = g_build_filename (g_get_user_data_dir (), "photos", NULL);
  char *path = g_build_filename (dir, name, NULL);
  g_autoptr (GError) error = NULL;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  gdk_pixbuf_fill (pixbuf, 0x3366ccff);
  gdk_pixbuf_save (pixbuf, path, "jpeg", &error, NULL);
  g_assert_no_error (error);
  return path;
}

static gboolean
bytes_contain (GBytes     *haystack,
               const char *needle)
{
  gsize size = 0;
  const char *data = g_bytes_get_data (haystack, &size);
  gsize length = strlen (needle);

  for (gsize i = 0; i + length <= size; i++)
    {
      if (memcmp (data + i, needle, length) == 0)
        return TRUE;
    }
  return FALSE;
}

static GBytes *
read_bytes (const char *path)
{
  char *contents = NULL;
  gsize length = 0;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  return g_bytes_new_take (contents, length);
}

static void
assert_no_upload_copies (void)
{
  g_autofree char *uploads = g_build_filename (g_get_user_cache_dir (), "byline", "uploads", NULL);
  g_autoptr (GDir) dir = g_dir_open (uploads, 0, NULL);

  g_assert_nonnull (dir);
  g_assert_null (g_dir_read_name (dir));
}

static void
test_credited_copy (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr (BylineCmsClient) client = new_client (fixture->url);
  g_autoptr (BylineImage) image = byline_image_new ("c0ffee00-0000-4000-8000-000000000001");
  g_autofree char *path = make_jpeg ("harbour.jpg");
  g_autoptr (GBytes) before = NULL;
  g_autoptr (GBytes) after = NULL;
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (BylineRemoteMedia) media = NULL;
  g_auto (GStrv) truncated = NULL;
  g_autoptr (GError) error = NULL;
  Progress progress = { 0 };

  before = read_bytes (path);
  byline_image_set_file (image, path);
  byline_image_set_caption (image, "Boats at dawn");
  byline_image_set_alt_text (image, "Fishing boats in a harbour");
  byline_image_set_credit_line (image, "Photo: Ana Lind for the Harbour Gazette photo desk");
  byline_image_set_copyright_holder (image, "Ana Lind");
  byline_image_set_creator_title (image, "Staff photographer");

  byline_media_upload_async (client, image, on_progress, &progress, NULL, byline_test_store_result, &result);
  media = byline_media_upload_finish (byline_test_wait_for_result (&result), &truncated, &error);

  g_assert_no_error (error);
  g_assert_nonnull (media);
  g_assert_cmpstr (fixture->content_type, ==, "image/jpeg");
  g_assert_nonnull (strstr (fixture->content_disposition, "filename=\"harbour.jpg\""));
  g_assert_true (bytes_contain (fixture->upload_body, "Photo: Ana Lind for the Harbour Gazette photo desk"));
  g_assert_true (bytes_contain (fixture->upload_body, "Staff photographer"));
  g_assert_true (g_strv_contains ((const char * const *) truncated, "Iptc.Application2.Credit"));
  g_assert_cmpint (progress.current, ==, progress.total);
  after = read_bytes (path);
  g_assert_true (g_bytes_equal (before, after));
  assert_no_upload_copies ();
}

#define ADD_TEST(path, func) \
  g_test_add ((path), Fixture, NULL, fixture_set_up, (func), fixture_tear_down)

int
main (int   argc,
      char *argv[])
{
  byline_test_keep_system_mime_database ();
  byline_fake_wordpress_test_init (&argc, &argv);

  ADD_TEST ("/cms/media/upload/streams-file", test_streams_file);
  ADD_TEST ("/cms/media/upload/fields-request", test_fields_request);
  ADD_TEST ("/cms/media/upload/filename-escaping", test_filename_escaping);
  ADD_TEST ("/cms/media/upload/cancel-midway", test_cancel_midway);
  ADD_TEST ("/cms/media/upload/forbidden", test_forbidden);
  ADD_TEST ("/cms/media/upload/missing-file", test_missing_file);
  ADD_TEST ("/cms/media/upload/credited-copy", test_credited_copy);

  return g_test_run ();
}
