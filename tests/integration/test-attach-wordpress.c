/* test-attach-wordpress.c: byline-sync attach, images and push against a
 * real WordPress
 *
 * Start one with tests/integration/wordpress/wp-env and put the BYLINE_WP_*
 * variables of its env file in the environment; without BYLINE_WP_URL every
 * test skips. The command line keeps its password in a Secret Service: run
 * the suite inside tests/integration/with-keyring.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <glib/gstdio.h>
#include <libsoup/soup.h>

#include "cms/byline-wp-client.h"
#include "model/byline-image.h"
#include "model/byline-story.h"
#include "photo/byline-photo-metadata.h"
#include "store/byline-store.h"

#include "byline-test-support.h"
#include "byline-test-sync.h"

#define ACCOUNT "photodesk"
#define EXIT_NOT_FOUND 8
#define EXIT_REFUSED 9
#define EXIT_BAD_FILE 10

/* The CLI honours XDG_DATA_HOME: give it this test's own. */
#define run_cli(...) byline_test_run_cli (g_get_user_data_dir (), __VA_ARGS__)

/* A JPEG with an agency's credits in it, written the way Byline writes them;
 * the credit fits IPTC-IIM's 32 bytes, which is what WordPress reads. */
static char *
make_credited_photo (const char *run_tag)
{
  g_autoptr (GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, 64, 48);
  g_autofree char *plain = g_build_filename (g_get_user_data_dir (), "plain.jpg", NULL);
  g_autofree char *name = g_strdup_printf ("agency-%s.jpg", run_tag);
  char *credited = g_build_filename (g_get_user_data_dir (), name, NULL);
  g_autoptr (BylineImage) credits = byline_image_new ("credits");
  g_autoptr (BylinePhotoMetadata) metadata = NULL;
  g_autoptr (GError) error = NULL;

  g_mkdir_with_parents (g_get_user_data_dir (), 0700);
  gdk_pixbuf_fill (pixbuf, 0x996633ff);
  g_assert_true (gdk_pixbuf_save (pixbuf, plain, "jpeg", &error, NULL));
  byline_image_set_credit_line (credits, "Ana Lind / Northwind");
  byline_image_set_creator (credits, "Ana Lind");
  byline_image_set_copyright_holder (credits, "Northwind Agency");
  byline_image_set_caption (credits, "Boats return to the <b>harbour</b>");
  metadata = byline_photo_metadata_new_from_image (credits);
  g_assert_true (byline_photo_metadata_write_copy (metadata, plain, credited, NULL, NULL, &error));
  g_assert_no_error (error);
  return credited;
}

static char *
copy_photo (const char *photo)
{
  char *path = g_build_filename (g_get_user_data_dir (), "deleted-later.jpg", NULL);
  g_autoptr (GFile) source = g_file_new_for_path (photo);
  g_autoptr (GFile) destination = g_file_new_for_path (path);

  g_assert_true (g_file_copy (source, destination, G_FILE_COPY_NONE, NULL, NULL, NULL, NULL));
  return path;
}

static char *
make_corrupt_jpeg (void)
{
  static const char corrupt[] = "\xff\xd8\xff\xe0 this is not what follows a JPEG header";
  char *path = g_build_filename (g_get_user_data_dir (), "corrupt.jpg", NULL);

  g_assert_true (g_file_set_contents (path, corrupt, sizeof corrupt - 1, NULL));
  return path;
}

static char *
story_on_server (const char *run_tag)
{
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "byline", "newsroom.db", NULL);
  g_autoptr (BylineStore) store = NULL;
  g_autoptr (BylineStory) story = byline_story_new ();
  g_autofree char *headline = g_strdup_printf ("Photo desk %s", run_tag);
  g_autoptr (GError) error = NULL;

  store = byline_store_open (path, &error);
  g_assert_no_error (error);
  byline_story_set_headline (story, headline);
  byline_story_set_account (story, ACCOUNT);
  byline_story_touch (story);
  g_assert_true (byline_store_save_story (store, story, &error));
  return g_strdup (byline_story_get_uuid (story));
}

static guint
count_images (const char *story_uuid)
{
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "byline", "newsroom.db", NULL);
  g_autoptr (BylineStore) store = byline_store_open (path, NULL);
  g_autoptr (GListModel) images = byline_store_list_images (store, story_uuid, NULL);

  return g_list_model_get_n_items (images);
}

static JsonObject *
first_image (JsonNode *listed)
{
  g_assert_true (JSON_NODE_HOLDS_ARRAY (listed));
  g_assert_cmpuint (json_array_get_length (json_node_get_array (listed)), ==, 1);
  return json_array_get_object_element (json_node_get_array (listed), 0);
}

static JsonObject *
field (JsonObject *image,
       const char *name)
{
  return json_object_get_object_member (json_object_get_object_member (image, "fields"), name);
}

/* Reads the media item back over REST, as the site has it. */
static JsonNode *
fetch_media (gint64 media_id)
{
  g_autofree char *url = g_strdup_printf ("%s/?rest_route=/wp/v2/media/%" G_GINT64_FORMAT "&context=edit",
                                          g_getenv ("BYLINE_WP_URL"), media_id);
  g_autofree char *credentials = g_strdup_printf ("%s:%s", g_getenv ("BYLINE_WP_EDITOR_USER"),
                                                  g_getenv ("BYLINE_WP_EDITOR_PASS"));
  g_autofree char *encoded = g_base64_encode ((const guchar *) credentials, strlen (credentials));
  g_autofree char *authorization = g_strconcat ("Basic ", encoded, NULL);
  g_autoptr (SoupSession) session = soup_session_new ();
  g_autoptr (SoupMessage) msg = soup_message_new ("GET", url);
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GBytes) body = NULL;
  g_autoptr (GError) error = NULL;
  JsonNode *node;

  soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", authorization);
  soup_session_send_and_read_async (session, msg, G_PRIORITY_DEFAULT, NULL, byline_test_store_result, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  body = soup_session_send_and_read_finish (session, result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (msg), ==, SOUP_STATUS_OK);
  node = json_from_string (g_bytes_get_data (body, NULL), &error);
  g_assert_no_error (error);
  return node;
}

static void
test_attach_push_images (void)
{
  g_autofree char *run_tag = g_uuid_string_random ();
  g_autofree char *password = NULL;
  g_autofree char *photo = NULL;
  g_autofree char *corrupt = NULL;
  g_autofree char *deleted = NULL;
  g_autofree char *story = NULL;
  g_autofree char *output = NULL;
  g_autofree char *errors = NULL;
  g_autoptr (JsonNode) listed = NULL;
  g_autoptr (JsonNode) media = NULL;
  JsonObject *image;
  JsonObject *image_meta;
  gint64 media_id;

  if (!byline_test_have_wordpress_and_keyring ())
    return;

  run_tag[8] = '\0';
  photo = make_credited_photo (run_tag);
  corrupt = make_corrupt_jpeg ();
  deleted = copy_photo (photo);
  password = g_strdup_printf ("%s\n", g_getenv ("BYLINE_WP_EDITOR_PASS"));
  g_assert_cmpint (run_cli (password, NULL, NULL, "account", "add", ACCOUNT, "--url", g_getenv ("BYLINE_WP_URL"),
                            "--user", g_getenv ("BYLINE_WP_EDITOR_USER"), NULL),
                   ==, 0);
  story = story_on_server (run_tag);

  /* A corrupt file: a clear message, its own exit status, the story untouched. */
  g_assert_cmpint (run_cli (NULL, NULL, &errors, ACCOUNT, "attach", story, corrupt, NULL), ==, EXIT_BAD_FILE);
  g_assert_nonnull (strstr (errors, "corrupt.jpg"));
  g_assert_nonnull (strstr (errors, "not an image"));
  g_assert_cmpuint (count_images (story), ==, 0);
  g_assert_cmpint (run_cli (NULL, NULL, NULL, ACCOUNT, "attach", "no-such-story", photo, NULL), ==, EXIT_NOT_FOUND);

  /* The good file attaches beside a missing one; the options win over the file. */
  g_clear_pointer (&errors, g_free);
  g_assert_cmpint (run_cli (NULL, &output, &errors, ACCOUNT, "attach", story, photo, "/nonexistent/gone.jpg",
                            "--alt", "Fishing boats in the harbour at dawn", "--creator", "A. Lind",
                            "--permission", "wire-service", "--expires", "2099-12-31", NULL),
                   ==, EXIT_BAD_FILE);
  g_assert_nonnull (strstr (errors, "gone.jpg"));
  g_assert_nonnull (strstr (output, "XMP Credit"));
  g_assert_cmpuint (count_images (story), ==, 1);

  g_clear_pointer (&output, g_free);
  g_assert_cmpint (run_cli (NULL, &output, NULL, "--json", ACCOUNT, "images", story, NULL), ==, 0);
  listed = json_from_string (output, NULL);
  image = first_image (listed);
  g_assert_cmpstr (json_object_get_string_member (field (image, "credit_line"), "value"), ==,
                   "Ana Lind / Northwind");
  g_assert_cmpstr (json_object_get_string_member (field (image, "credit_line"), "origin"), ==, "file");
  g_assert_true (g_str_has_suffix (json_object_get_string_member (field (image, "credit_line"), "tag"), "Credit"));
  g_assert_cmpstr (json_object_get_string_member (field (image, "creator"), "value"), ==, "A. Lind");
  g_assert_cmpstr (json_object_get_string_member (field (image, "creator"), "origin"), ==, "entered");
  g_assert_cmpstr (json_object_get_string_member (field (image, "caption"), "value"), ==,
                   "Boats return to the <b>harbour</b>");
  g_assert_cmpstr (json_object_get_string_member (image, "permission_kind"), ==, "wire-service");
  g_assert_cmpstr (json_object_get_string_member (image, "badge"), ==, "ok");

  /* Control characters never reach the terminal; markup is shown as text. */
  g_clear_pointer (&output, g_free);
  g_assert_cmpint (run_cli (NULL, &output, NULL, ACCOUNT, "images", story, NULL), ==, 0);
  g_assert_nonnull (strstr (output, "Boats return to the <b>harbour</b>"));
  g_clear_pointer (&output, g_free);
  g_assert_cmpint (run_cli (NULL, &output, NULL, ACCOUNT, "attach", story, photo, "--proof", "ref\033[2J 42", NULL),
                   ==, 0);
  g_assert_null (strchr (output, '\033'));
  g_assert_nonnull (strstr (output, "ref\\u001B[2J 42"));
  g_clear_pointer (&output, g_free);
  g_assert_cmpint (run_cli (NULL, &output, NULL, "--json", ACCOUNT, "images", story, NULL), ==, 0);
  g_assert_null (strchr (output, '\033'));
  g_assert_nonnull (strstr (output, "ref\\u001b[2J 42"));
  g_assert_cmpuint (count_images (story), ==, 2);

  g_clear_pointer (&output, g_free);
  g_assert_cmpint (run_cli (NULL, &output, NULL, "--json", ACCOUNT, "push", NULL), ==, 0);
  g_assert_nonnull (strstr (output, "\"uploaded\" : 2"));
  g_clear_pointer (&output, g_free);
  g_clear_pointer (&listed, json_node_unref);
  g_assert_cmpint (run_cli (NULL, &output, NULL, "--json", ACCOUNT, "images", story, NULL), ==, 0);
  listed = json_from_string (output, NULL);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (listed)), ==, 2);
  media_id = json_object_get_int_member (json_array_get_object_element (json_node_get_array (listed), 0),
                                         "remote_media_id");
  g_assert_cmpint (media_id, >, 0);

  media = fetch_media (media_id);
  image_meta = json_object_get_object_member (json_object_get_object_member (json_node_get_object (media),
                                                                              "media_details"),
                                              "image_meta");
  g_assert_cmpstr (json_object_get_string_member (image_meta, "credit"), ==, "Ana Lind / Northwind");
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (media), "alt_text"), ==,
                   "Fishing boats in the harbour at dawn");

  /* A file deleted after attaching: its upload is refused with the reason,
   * and the story keeps every image. */
  g_clear_pointer (&output, g_free);
  g_assert_cmpint (run_cli (NULL, NULL, NULL, ACCOUNT, "attach", story, deleted, NULL), ==, 0);
  g_assert_cmpint (g_unlink (deleted), ==, 0);
  g_assert_cmpint (run_cli (NULL, NULL, NULL, ACCOUNT, "push", NULL), ==, EXIT_REFUSED);
  g_assert_cmpint (run_cli (NULL, &output, NULL, "--json", ACCOUNT, "images", story, NULL), ==, 0);
  g_clear_pointer (&listed, json_node_unref);
  listed = json_from_string (output, NULL);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (listed)), ==, 3);
  image = json_array_get_object_element (json_node_get_array (listed), 2);
  g_assert_cmpstr (json_object_get_string_member (image, "upload_state"), ==, "failed");
  g_assert_nonnull (strstr (json_object_get_string_member (image, "upload_error"), "moved or deleted"));
  g_assert_false (json_object_get_boolean_member (image, "file_readable"));
  g_assert_null (json_object_get_string_member (json_array_get_object_element (json_node_get_array (listed), 0),
                                                "upload_state"));
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("GIO_USE_PROXY_RESOLVER", "dummy", TRUE);
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/integration/attach/cli/attach-push-images", test_attach_push_images);

  return g_test_run ();
}
