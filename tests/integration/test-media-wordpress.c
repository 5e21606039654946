/* test-media-wordpress.c: credited uploads to a real WordPress, read back over REST
 *
 * Start one with tests/integration/wordpress/wp-env and put the BYLINE_WP_*
 * variables of its env file in the environment; without BYLINE_WP_URL every
 * test skips.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <libsoup/soup.h>

#include "cms/byline-media-upload.h"
#include "cms/byline-wp-client.h"
#include "photo/byline-photo-metadata.h"

#include "byline-test-support.h"

#define CREDIT_LINE "Photo: Ana Lind / Byline"

static gboolean
have_wordpress (void)
{
  if (g_getenv ("BYLINE_WP_URL") != NULL)
    return TRUE;

  g_test_skip ("No WordPress: run tests/integration/wordpress/wp-env start and source its env file");
  return FALSE;
}

static const char *
role_variable (const char *role,
               const char *what)
{
  g_autofree char *name = g_strdup_printf ("BYLINE_WP_%s_%s", role, what);
  const char *value = g_getenv (name);

  g_assert_nonnull (value);
  return value;
}

static BylineCmsClient *
client_for (const char *role)
{
  g_autoptr (GError) error = NULL;
  BylineWpClient *client = byline_wp_client_new (g_getenv ("BYLINE_WP_URL"), role_variable (role, "USER"),
                                                 role_variable (role, "PASS"), &error);

  g_assert_no_error (error);
  return BYLINE_CMS_CLIENT (client);
}

static char *
make_jpeg (const char *name)
{
  g_autoptr (GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, 320, 240);
  g_autofree char *dir = g_build_filename (g_get_user_data_dir (), "photos", NULL);
  char *path = g_build_filename (dir, name, NULL);
  g_autoptr (GError) error = NULL;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  gdk_pixbuf_fill (pixbuf, 0x3366ccff);
  gdk_pixbuf_save (pixbuf, path, "jpeg", &error, "quality", "90", NULL);
  g_assert_no_error (error);
  return path;
}

static GBytes *
read_bytes (const char *path)
{
  char *contents = NULL;
  gsize length = 0;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  return g_bytes_new_take (contents, length);
}

static BylineImage *
credited_image (const char *path)
{
  BylineImage *image = byline_image_new ("5e1f0c2a-7b3d-4e8f-9a10-2b3c4d5e6f70");
  g_autoptr (GDateTime) expiry = g_date_time_new_utc (2031, 5, 1, 0, 0, 0);

  byline_image_set_file (image, path);
  byline_image_set_caption (image, "Fishing boats leave the harbour at dawn");
  byline_image_set_alt_text (image, "Three fishing boats on calm water");
  byline_image_set_credit_line (image, CREDIT_LINE);
  byline_image_set_creator (image, "Ana Lind");
  byline_image_set_copyright_holder (image, "Ana Lind");
  byline_image_set_source (image, "Harbour Agency");
  byline_image_set_permission_kind (image, BYLINE_PERMISSION_COPYRIGHT_HOLDER);
  byline_image_set_permission_proof (image, "email of 3 May 2024");
  byline_image_set_permission_expiry (image, expiry);
  return image;
}

static BylineRemoteMedia *
upload (BylineCmsClient  *client,
        BylineImage      *image,
        GError          **error)
{
  g_autoptr (GAsyncResult) result = NULL;

  byline_media_upload_async (client, image, NULL, NULL, NULL, byline_test_store_result, &result);
  return byline_media_upload_finish (byline_test_wait_for_result (&result), NULL, error);
}

/* Independent of the client under test: a plain GET with the editor's password. */
static JsonObject *
fetch_media (gint64 id)
{
  g_autoptr (SoupSession) session = soup_session_new ();
  g_autofree char *uri = g_strdup_printf ("%s/?rest_route=/wp/v2/media/%" G_GINT64_FORMAT "&context=edit",
                                          g_getenv ("BYLINE_WP_URL"), id);
  g_autofree char *credentials = g_strdup_printf ("%s:%s", role_variable ("EDITOR", "USER"),
                                                  role_variable ("EDITOR", "PASS"));
  g_autofree char *encoded = g_base64_encode ((const guchar *) credentials, strlen (credentials));
  g_autofree char *authorization = g_strconcat ("Basic ", encoded, NULL);
  g_autoptr (SoupMessage) msg = soup_message_new ("GET", uri);
  g_autoptr (GBytes) body = NULL;
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) error = NULL;

  soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", authorization);
  body = soup_session_send_and_read (session, msg, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (msg), ==, SOUP_STATUS_OK);
  json_parser_load_from_data (parser, g_bytes_get_data (body, NULL), g_bytes_get_size (body), &error);
  g_assert_no_error (error);
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

static void
test_credits_read_back (void)
{
  g_autoptr (BylineCmsClient) client = NULL;
  g_autofree char *path = NULL;
  g_autoptr (BylineImage) image = NULL;
  g_autoptr (BylinePhotoMetadata) written = NULL;
  g_autoptr (GBytes) before = NULL;
  g_autoptr (GBytes) after = NULL;
  g_autoptr (BylineRemoteMedia) media = NULL;
  g_autoptr (JsonObject) remote = NULL;
  g_autoptr (GError) error = NULL;
  JsonObject *image_meta;
  JsonObject *meta;

  if (!have_wordpress ())
    return;

  client = client_for ("EDITOR");
  path = make_jpeg ("harbour-dawn.jpg");
  image = credited_image (path);
  written = byline_photo_metadata_new_from_image (image);
  before = read_bytes (path);

  media = upload (client, image, &error);

  g_assert_no_error (error);
  g_assert_cmpint (byline_remote_media_get_id (media), >, 0);
  g_assert_nonnull (byline_remote_media_get_source_url (media));
  g_assert_cmpstr (byline_remote_media_get_embedded (media, BYLINE_REMOTE_MEDIA_EMBEDDED_CREDIT), ==, CREDIT_LINE);

  remote = fetch_media (byline_remote_media_get_id (media));
  image_meta = json_object_get_object_member (json_object_get_object_member (remote, "media_details"),
                                              "image_meta");
  g_assert_cmpstr (json_object_get_string_member (image_meta, "credit"), ==, CREDIT_LINE);
  g_assert_cmpstr (json_object_get_string_member (image_meta, "copyright"), ==,
                   byline_photo_metadata_get_value (written, BYLINE_PHOTO_FIELD_COPYRIGHT_NOTICE));
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (remote, "caption"), "raw"), ==,
                   "Fishing boats leave the harbour at dawn");
  g_assert_cmpstr (json_object_get_string_member (remote, "alt_text"), ==, "Three fishing boats on calm water");

  meta = json_object_get_object_member (remote, "meta");
  g_assert_cmpstr (json_object_get_string_member (meta, "byline_credit_line"), ==, CREDIT_LINE);
  g_assert_cmpstr (json_object_get_string_member (meta, "byline_permission_kind"), ==, "copyright-holder");
  g_assert_cmpstr (json_object_get_string_member (meta, "byline_permission_proof"), ==, "email of 3 May 2024");
  g_assert_cmpstr (json_object_get_string_member (meta, "byline_permission_expiry"), ==, "2031-05-01T00:00:00Z");
  g_assert_cmpstr (json_object_get_string_member (meta, "byline_creator"), ==, "Ana Lind");
  g_assert_cmpstr (json_object_get_string_member (meta, "byline_copyright_holder"), ==, "Ana Lind");
  g_assert_cmpstr (json_object_get_string_member (meta, "byline_source"), ==, "Harbour Agency");

  after = read_bytes (path);
  g_assert_true (g_bytes_equal (before, after));
}

static BylineRemoteMedia *
find_media (BylineCmsClient  *client,
            const char       *client_uuid,
            GError          **error)
{
  g_autoptr (GAsyncResult) result = NULL;

  byline_cms_client_find_media_async (client, client_uuid, NULL, byline_test_store_result, &result);
  return byline_cms_client_upload_media_finish (client, byline_test_wait_for_result (&result), error);
}

/* The companion plugin keeps the image's UUID the upload came with, and the
 * creator's title; a retry after a lost answer finds the item by that UUID. */
static void
test_found_by_client_uuid (void)
{
  g_autoptr (BylineCmsClient) client = NULL;
  g_autofree char *path = NULL;
  g_autofree char *stranger = g_uuid_string_random ();
  g_autoptr (BylineImage) image = NULL;
  g_autoptr (BylineRemoteMedia) media = NULL;
  g_autoptr (BylineRemoteMedia) found = NULL;
  g_autoptr (BylineRemoteMedia) none = NULL;
  g_autoptr (JsonObject) remote = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GError) not_found = NULL;
  JsonObject *meta;

  if (!have_wordpress ())
    return;

  client = client_for ("EDITOR");
  path = make_jpeg ("coast-road.jpg");
  image = byline_image_new ("5e1f0c2a-7b3d-4e8f-9a10-2b3c4d5e6f71");
  byline_image_set_file (image, path);
  byline_image_set_creator (image, "Lena Park");
  byline_image_set_creator_title (image, "Staff photographer");
  media = upload (client, image, &error);
  g_assert_no_error (error);

  found = find_media (client, byline_image_get_uuid (image), &error);
  g_assert_no_error (error);
  g_assert_cmpint (byline_remote_media_get_id (found), ==, byline_remote_media_get_id (media));
  g_assert_cmpstr (byline_remote_media_get_field (found, BYLINE_REMOTE_MEDIA_CREATOR_TITLE), ==, "Staff photographer");

  remote = fetch_media (byline_remote_media_get_id (media));
  meta = json_object_get_object_member (remote, "meta");
  g_assert_cmpstr (json_object_get_string_member (meta, "byline_client_uuid"), ==, byline_image_get_uuid (image));
  g_assert_cmpstr (json_object_get_string_member (meta, "byline_creator_title"), ==, "Staff photographer");

  none = find_media (client, stranger, &not_found);
  g_assert_error (not_found, BYLINE_CMS_ERROR, BYLINE_CMS_ERROR_NOT_FOUND);
  g_assert_null (none);
}

static void
test_contributor_forbidden (void)
{
  g_autoptr (BylineCmsClient) client = NULL;
  g_autofree char *path = NULL;
  g_autoptr (BylineImage) image = NULL;
  g_autoptr (BylineRemoteMedia) media = NULL;
  g_autoptr (GError) error = NULL;

  if (!have_wordpress ())
    return;

  client = client_for ("CONTRIBUTOR");
  path = make_jpeg ("contributor.jpg");
  image = credited_image (path);

  media = upload (client, image, &error);

  g_assert_error (error, BYLINE_CMS_ERROR, BYLINE_CMS_ERROR_FORBIDDEN);
  g_assert_null (media);
}

int
main (int   argc,
      char *argv[])
{
  /* Only 127.0.0.1 is contacted; GNOME's proxy resolver would want GSettings. */
  g_setenv ("GIO_USE_PROXY_RESOLVER", "dummy", TRUE);
  byline_test_keep_system_mime_database ();
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/integration/wordpress/media/credits-read-back", test_credits_read_back);
  g_test_add_func ("/integration/wordpress/media/contributor-forbidden", test_contributor_forbidden);
  g_test_add_func ("/integration/wordpress/media/found-by-client-uuid", test_found_by_client_uuid);

  return g_test_run ();
}
