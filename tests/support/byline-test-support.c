/* byline-test-support.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "byline-test-support.h"

/**
 * byline_test_keep_system_mime_database:
 *
 * G_TEST_OPTION_ISOLATE_DIRS hides the shared MIME database, without which
 * GdkPixbuf cannot tell a JPEG and GTK cannot load its own SVG icons. Call
 * it before g_test_init().
 */
void
byline_test_keep_system_mime_database (void)
{
  const char * const *data_dirs = g_get_system_data_dirs ();
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
  g_auto (GStrv) mime_dirs = NULL;

  for (guint i = 0; data_dirs[i] != NULL; i++)
    {
      g_autofree char *mime_dir = g_build_filename (data_dirs[i], "mime", NULL);

      g_strv_builder_add (builder, mime_dir);
    }
  mime_dirs = g_strv_builder_end (builder);
  g_content_type_set_mime_dirs ((const char * const *) mime_dirs);
}

/**
 * byline_test_store_result:
 * @user_data: a `GAsyncResult **` that receives a reference to the result
 *
 * A GAsyncReadyCallback for byline_test_wait_for_result().
 */
void
byline_test_store_result (GObject      *source,
                          GAsyncResult *result,
                          gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

/**
 * byline_test_wait_for_result:
 *
 * Runs the main loop until byline_test_store_result() has filled @result.
 *
 * Returns: (transfer none): the result
 */
GAsyncResult *
byline_test_wait_for_result (GAsyncResult **result)
{
  while (*result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *result;
}

static gboolean
on_wait_timeout (gpointer user_data)
{
  gboolean *timed_out = user_data;

  *timed_out = TRUE;
  return G_SOURCE_REMOVE;
}

/**
 * byline_test_wait_until:
 *
 * Runs the main loop until @condition holds or @timeout_ms pass.
 *
 * Returns: whether @condition holds
 */
gboolean
byline_test_wait_until (BylineTestCondition condition,
                        gpointer            data,
                        guint               timeout_ms)
{
  gboolean timed_out = FALSE;
  guint timeout = g_timeout_add (timeout_ms, on_wait_timeout, &timed_out);

  while (!condition (data) && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  if (!timed_out)
    g_source_remove (timeout);
  return condition (data);
}
