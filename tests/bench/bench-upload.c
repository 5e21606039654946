/* bench-upload.c: what a 50 MB upload costs in memory and time
 *
 * The client uploads to a SoupServer in the same process that plays
 * WordPress's media route and drops the body as it arrives, so that any
 * growth of the peak resident set is the client's. Prints
 *   upload-50mb-peak-rss-growth: X MB   (VmHWM after minus before; goal ≤ 10 MB)
 *   upload-50mb-wall: X ms
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>

#include <glib/gstdio.h>
#include <libsoup/soup.h>

#include "cms/byline-wp-client.h"

#include "byline-test-support.h"

#define FILE_SIZE (50 * 1024 * 1024)
#define INDEX_REPLY "{\"name\":\"Sink\",\"home\":\"http://127.0.0.1\",\"namespaces\":[\"wp/v2\"]}"
#define CREATED_REPLY "{\"id\":1,\"source_url\":\"http://127.0.0.1/sink.bin\"}"

typedef struct
{
  goffset received;
} Sink;

static void
on_got_chunk (SoupServerMessage *msg,
              GBytes            *chunk,
              gpointer           user_data)
{
  Sink *sink = user_data;

  sink->received += g_bytes_get_size (chunk);
}

static void
on_request_started (SoupServer        *server,
                    SoupServerMessage *msg,
                    gpointer           user_data)
{
  soup_message_body_set_accumulate (soup_server_message_get_request_body (msg), FALSE);
  g_signal_connect (msg, "got-chunk", G_CALLBACK (on_got_chunk), user_data);
}

static void
handle_request (SoupServer        *server,
                SoupServerMessage *msg,
                const char        *path,
                GHashTable        *query,
                gpointer           user_data)
{
  const char *reply = g_str_equal (path, "/wp-json/") ? INDEX_REPLY : CREATED_REPLY;

  soup_server_message_set_status (msg, g_str_equal (path, "/wp-json/") ? 200 : 201, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_STATIC, reply, strlen (reply));
}

static SoupServer *
start_sink (Sink  *sink,
            char **url)
{
  g_autoptr (GError) error = NULL;
  SoupServer *server = soup_server_new (NULL, NULL);
  GSList *uris;

  g_signal_connect (server, "request-started", G_CALLBACK (on_request_started), sink);
  soup_server_add_handler (server, NULL, handle_request, NULL, NULL);
  if (!soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error))
    g_error ("Could not listen: %s", error->message);
  uris = soup_server_get_uris (server);
  *url = g_strdup_printf ("http://127.0.0.1:%d", g_uri_get_port (uris->data));
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  return server;
}

/* Written a block at a time, so that making it does not raise the peak itself. */
static char *
write_file (gsize size)
{
  g_autoptr (GError) error = NULL;
  g_autofree guint8 *block = g_malloc (64 * 1024);
  char *path = NULL;
  int fd = g_file_open_tmp ("byline-bench-upload-XXXXXX.bin", &path, &error);
  FILE *out;

  if (fd < 0)
    g_error ("Could not make the file to upload: %s", error->message);
  for (gsize i = 0; i < 64 * 1024; i++)
    block[i] = (guint8) (i * 31);
  out = fdopen (fd, "wb");
  for (gsize written = 0; written < size; written += 64 * 1024)
    {
      if (fwrite (block, 1, MIN (64 * 1024, size - written), out) == 0)
        g_error ("Could not write %s: %s", path, g_strerror (errno));
    }
  if (fclose (out) != 0)
    g_error ("Could not write %s: %s", path, g_strerror (errno));
  return path;
}

static gint64
peak_rss_kib (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return -1;
  line = strstr (status, "VmHWM:");
  return line ? g_ascii_strtoll (line + strlen ("VmHWM:"), NULL, 10) : -1;
}

static void
upload (BylineCmsClient *client,
        const char      *path)
{
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (BylineRemoteMedia) media = NULL;
  g_autoptr (GError) error = NULL;

  byline_cms_client_upload_media_async (client, file, "sink.bin", "application/octet-stream", NULL, NULL, NULL, NULL,
                                        NULL, byline_test_store_result, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  media = byline_cms_client_upload_media_finish (client, result, &error);
  if (media == NULL)
    g_error ("The upload failed: %s", error->message);
}

int
main (int   argc,
      char *argv[])
{
  Sink sink = { 0 };
  g_autofree char *url = NULL;
  g_autoptr (SoupServer) server = start_sink (&sink, &url);
  g_autoptr (BylineWpClient) client = byline_wp_client_new (url, "bench", "bench", NULL);
  g_autofree char *warm_up = write_file (64 * 1024);
  g_autofree char *big = write_file (FILE_SIZE);
  gint64 before_kib;
  gint64 start;
  gint64 wall_us;

  /* Types, the connection and the buffers of a first request are not the upload's cost. */
  upload (BYLINE_CMS_CLIENT (client), warm_up);
  before_kib = peak_rss_kib ();
  sink.received = 0;
  start = g_get_monotonic_time ();
  upload (BYLINE_CMS_CLIENT (client), big);
  wall_us = g_get_monotonic_time () - start;

  if (sink.received != FILE_SIZE)
    g_error ("The sink received %" G_GOFFSET_FORMAT " bytes of %d", sink.received, FILE_SIZE);
  g_print ("upload-50mb-peak-rss-growth: %.1f MB\n", (peak_rss_kib () - before_kib) / 1024.0);
  g_print ("upload-50mb-wall: %.0f ms\n", wall_us / 1000.0);

  g_unlink (warm_up);
  g_unlink (big);
  return 0;
}
