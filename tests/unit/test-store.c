/* test-store.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>

#include "model/byline-author.h"
#include "model/byline-image.h"
#include "model/byline-story.h"
#include "model/byline-update.h"
#include "store/byline-store-private.h"
#include "store/byline-store-sync.h"
#include "store/byline-store-uploads.h"
#include "store/byline-workflow.h"

static char *
test_db_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "byline", "newsroom.db", NULL);
}

static BylineStore *
open_store (const char *path)
{
  g_autoptr (GError) error = NULL;
  BylineStore *store = byline_store_open (path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (store);
  return store;
}

static sqlite3 *
open_raw (const char *path)
{
  sqlite3 *db = NULL;
  g_autofree char *dir = g_path_get_dirname (path);

  g_mkdir_with_parents (dir, 0700);
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  return db;
}

static char *
query_text (sqlite3    *db,
            const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  char *result = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    result = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return result;
}

static BylineStory *
make_story (const char *headline)
{
  BylineStory *story = byline_story_new ();

  byline_story_set_headline (story, headline);
  byline_story_set_byline (story, "Maya Okafor");
  byline_story_touch (story);
  return story;
}

static void
test_open_creates_schema (void)
{
  g_autofree char *path = test_db_path ();
  g_autoptr (BylineStore) store = open_store (path);
  sqlite3 *db = open_raw (path);
  g_autofree char *version = query_text (db, "PRAGMA user_version");
  g_autofree char *journal = query_text (db, "PRAGMA journal_mode");

  g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_cmpint (atoi (version), ==, BYLINE_STORE_SCHEMA_VERSION);
  g_assert_cmpstr (journal, ==, "wal");
  g_assert_true (byline_store_is_empty (store));
  g_assert_null (byline_store_get_moved_aside_path (store));
  sqlite3_close (db);
}

static void
test_save_round_trip (void)
{
  g_autofree char *path = test_db_path ();
  g_autoptr (BylineStore) store = open_store (path);
  g_autoptr (BylineStore) reopened = NULL;
  g_autoptr (BylineStory) story = make_story ("Bridge reopens");
  g_autoptr (GDateTime) when = g_date_time_new_utc (2026, 11, 25, 15, 10, 0);
  g_autoptr (BylineUpdate) update = byline_update_new (when, "Cars return on Wednesday.");
  g_autoptr (GError) error = NULL;
  const char *tags[] = { "transport", "riverside bridge", NULL };
  const char *categories[] = { "City", NULL };
  const char *related[] = { "b-uuid", "a-uuid", NULL };
  BylineStory *loaded;
  g_autoptr (BylineUpdate) loaded_update = NULL;

  byline_story_set_dek (story, "Cyclists first.");
  byline_story_set_body (story, "<p>The bridge <strong>reopened</strong>.</p>");
  byline_story_set_status (story, BYLINE_STORY_STATUS_PUBLISHED);
  byline_story_set_tags (story, tags);
  byline_story_set_categories (story, categories);
  byline_story_set_related (story, related);
  byline_story_set_remote_id (story, 42);
  byline_story_set_remote_modified (story, "2026-11-25T15:10:00");
  byline_story_set_language (story, "fr_FR");
  byline_story_add_update (story, update);
  g_assert_true (byline_store_save_story (store, story, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (byline_store_get_stories (store)), ==, 1);

  reopened = open_store (path);
  loaded = byline_store_find_story (reopened, byline_story_get_uuid (story));
  g_assert_nonnull (loaded);
  g_assert_false (byline_story_get_body_loaded (loaded));
  g_assert_cmpstr (byline_story_get_headline (loaded), ==, "Bridge reopens");
  g_assert_cmpstr (byline_story_get_dek (loaded), ==, "Cyclists first.");
  g_assert_cmpstr (byline_story_get_byline (loaded), ==, "Maya Okafor");
  g_assert_cmpint (byline_story_get_status (loaded), ==, BYLINE_STORY_STATUS_PUBLISHED);
  g_assert_true (g_strv_equal (byline_story_get_tags (loaded), tags));
  g_assert_true (g_strv_equal (byline_story_get_categories (loaded), categories));
  g_assert_cmpint (byline_story_get_remote_id (loaded), ==, 42);
  g_assert_cmpstr (byline_story_get_remote_modified (loaded), ==, "2026-11-25T15:10:00");
  g_assert_true (byline_story_get_dirty (loaded));
  g_assert_cmpstr (byline_story_get_language (loaded), ==, "fr_FR");
  g_assert_true (g_date_time_equal (byline_story_get_modified (loaded), byline_story_get_modified (story)));

  g_assert_true (byline_store_load_body (reopened, loaded, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (byline_story_get_body (loaded), ==, "<p>The bridge <strong>reopened</strong>.</p>");
  g_assert_true (g_strv_equal (byline_story_get_related (loaded), related));
  g_assert_cmpuint (g_list_model_get_n_items (byline_story_get_updates (loaded)), ==, 1);
  loaded_update = g_list_model_get_item (byline_story_get_updates (loaded), 0);
  g_assert_cmpstr (byline_update_get_text (loaded_update), ==, "Cars return on Wednesday.");
  g_assert_true (g_date_time_equal (byline_update_get_posted_at (loaded_update), when));
}

static void
test_save_summary_keeps_body (void)
{
  g_autofree char *path = test_db_path ();
  g_autoptr (BylineStory) story = make_story ("Original");
  g_autoptr (BylineStore) reopened = NULL;
  g_autoptr (BylineStore) third = NULL;
  BylineStory *summary;

  {
    g_autoptr (BylineStore) store = open_store (path);
    byline_story_set_body (story, "<p>Keep me.</p>");
    g_assert_true (byline_store_save_story (store, story, NULL));
  }

  reopened = open_store (path);
  summary = byline_store_find_story (reopened, byline_story_get_uuid (story));
  byline_story_set_headline (summary, "Renamed in the list");
  g_assert_true (byline_store_save_story (reopened, summary, NULL));

  third = open_store (path);
  summary = byline_store_find_story (third, byline_story_get_uuid (story));
  g_assert_cmpstr (byline_story_get_headline (summary), ==, "Renamed in the list");
  g_assert_true (byline_store_load_body (third, summary, NULL));
  g_assert_cmpstr (byline_story_get_body (summary), ==, "<p>Keep me.</p>");
}

static void
on_saved (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  guint *pending = user_data;
  g_autoptr (GError) error = NULL;

  g_assert_true (byline_store_save_story_finish (BYLINE_STORE (source), result, &error));
  g_assert_no_error (error);
  (*pending)--;
}

static void
test_save_async_keeps_order (void)
{
  g_autofree char *path = test_db_path ();
  g_autoptr (BylineStore) store = open_store (path);
  g_autoptr (BylineStore) reopened = NULL;
  g_autoptr (BylineStory) story = make_story ("");
  BylineStory *saved;
  guint pending = 0;

  byline_story_set_body (story, "");
  for (guint i = 1; i <= 50; i++)
    {
      g_autofree char *headline = g_strdup_printf ("Draft %u", i);
      g_autofree char *body = g_strdup_printf ("<p>%u words</p>", i);

      byline_story_set_headline (story, headline);
      byline_story_set_body (story, body);
      pending++;
      byline_store_save_story_async (store, story, NULL, on_saved, &pending);
    }

  /* The story is in the list at once, before the write finishes. */
  g_assert_cmpuint (g_list_model_get_n_items (byline_store_get_stories (store)), ==, 1);
  while (pending > 0)
    g_main_context_iteration (NULL, TRUE);

  reopened = open_store (path);
  saved = byline_store_find_story (reopened, byline_story_get_uuid (story));
  g_assert_cmpstr (byline_story_get_headline (saved), ==, "Draft 50");
  g_assert_true (byline_store_load_body (reopened, saved, NULL));
  g_assert_cmpstr (byline_story_get_body (saved), ==, "<p>50 words</p>");
}

static void
test_trash_and_restore (void)
{
  g_autofree char *path = test_db_path ();
  g_autoptr (BylineStore) store = open_store (path);
  g_autoptr (BylineStory) keep = make_story ("Keep");
  g_autoptr (BylineStory) doomed = make_story ("Delete me");
  g_autoptr (GListModel) trash = NULL;
  g_autoptr (GError) error = NULL;

  g_assert_true (byline_store_save_story (store, keep, NULL));
  g_assert_true (byline_store_save_story (store, doomed, NULL));
  g_assert_true (byline_store_trash_story (store, doomed, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (byline_store_get_stories (store)), ==, 1);
  g_assert_null (byline_store_find_story (store, byline_story_get_uuid (doomed)));

  /* An autosave that arrives after the delete leaves the story in the trash. */
  byline_story_set_headline (doomed, "Edited just before the delete");
  g_assert_true (byline_store_save_story (store, doomed, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (byline_store_get_stories (store)), ==, 1);

  {
    g_autoptr (BylineStore) reopened = open_store (path);
    g_assert_null (byline_store_find_story (reopened, byline_story_get_uuid (doomed)));
    trash = byline_store_list_trash (reopened, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (g_list_model_get_n_items (trash), ==, 1);
  }

  g_assert_true (byline_store_restore_story (store, doomed, &error));
  g_assert_no_error (error);
  g_assert_true (byline_store_find_story (store, byline_story_get_uuid (doomed)) == doomed);

  {
    g_autoptr (BylineStore) reopened = open_store (path);
    g_assert_nonnull (byline_store_find_story (reopened, byline_story_get_uuid (doomed)));
  }
}

static void
test_images_round_trip (void)
{
  g_autofree char *path = test_db_path ();
  g_autoptr (BylineStore) store = open_store (path);
  g_autoptr (BylineStory) story = make_story ("With photos");
  g_autoptr (BylineImage) first = NULL;
  g_autoptr (BylineImage) second = NULL;
  g_autoptr (BylineImage) loaded = NULL;
  g_autoptr (GListModel) images = NULL;
  g_autoptr (GDateTime) expiry = g_date_time_new_utc (2027, 6, 30, 0, 0, 0);
  g_autoptr (GError) error = NULL;

  g_assert_true (byline_store_save_story (store, story, NULL));
  first = byline_image_new (byline_story_get_uuid (story));
  byline_image_set_credit_line (first, "Image used with permission by copyright holder");
  byline_image_set_source (first, "Harbour Rowing Club");
  byline_image_set_permission_kind (first, BYLINE_PERMISSION_COPYRIGHT_HOLDER);
  byline_image_set_permission_expiry (first, expiry);
  byline_image_set_alt_text (first, "A bridge at dawn");
  byline_image_set_creator (first, "Ana Ruiz");
  byline_image_set_creator_title (first, "Staff photographer");
  second = byline_image_new (byline_story_get_uuid (story));
  byline_image_set_credit_line (second, "Staff photo");
  g_assert_true (byline_store_save_image (store, first, &error));
  g_assert_true (byline_store_save_image (store, second, &error));
  byline_image_set_caption (first, "Edited after it was attached");
  g_assert_true (byline_store_save_image (store, first, &error));
  g_assert_no_error (error);

  images = byline_store_list_images (store, byline_story_get_uuid (story), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (images), ==, 2);
  loaded = g_list_model_get_item (images, 0);
  g_assert_cmpstr (byline_image_get_uuid (loaded), ==, byline_image_get_uuid (first));
  g_assert_cmpstr (byline_image_get_caption (loaded), ==, "Edited after it was attached");
  g_assert_cmpstr (byline_image_get_credit_line (loaded), ==, "Image used with permission by copyright holder");
  g_assert_cmpstr (byline_image_get_source (loaded), ==, "Harbour Rowing Club");
  g_assert_cmpint (byline_image_get_permission_kind (loaded), ==, BYLINE_PERMISSION_COPYRIGHT_HOLDER);
  g_assert_true (g_date_time_equal (byline_image_get_permission_expiry (loaded), expiry));
  g_assert_cmpstr (byline_image_get_creator (loaded), ==, "Ana Ruiz");
  g_assert_cmpstr (byline_image_get_creator_title (loaded), ==, "Staff photographer");
  g_clear_object (&loaded);
  loaded = g_list_model_get_item (images, 1);
  g_assert_null (byline_image_get_creator_title (loaded));
}

static void
test_story_language_round_trip (void)
{
  g_autofree char *path = test_db_path ();
  g_autoptr (BylineStore) store = open_store (path);
  g_autoptr (BylineStore) reopened = NULL;
  g_autoptr (BylineStory) story = make_story ("Spelt the house way");
  g_autoptr (BylineStory) copy = NULL;
  BylineStory *loaded;

  g_assert_cmpstr (byline_story_get_language (story), ==, "");
  byline_story_set_language (story, "de_CH");
  copy = byline_story_copy (story);
  g_assert_cmpstr (byline_story_get_language (copy), ==, "de_CH");
  g_assert_true (byline_store_save_story (store, story, NULL));

  reopened = open_store (path);
  loaded = byline_store_find_story (reopened, byline_story_get_uuid (story));
  g_assert_cmpstr (byline_story_get_language (loaded), ==, "de_CH");

  /* Back to the default: saved as empty, read back as empty. */
  byline_story_set_language (loaded, "");
  g_assert_true (byline_store_save_story (reopened, loaded, NULL));
  g_clear_object (&reopened);
  reopened = open_store (path);
  loaded = byline_store_find_story (reopened, byline_story_get_uuid (story));
  g_assert_cmpstr (byline_story_get_language (loaded), ==, "");
}

static void
test_migrate_v0_to_v1 (void)
{
  g_autofree char *path = test_db_path ();
  sqlite3 *db = open_raw (path);
  g_autoptr (GError) error = NULL;
  g_autofree char *tables = NULL;

  g_assert_true (byline_store_migrate (db, 1, &error));
  g_assert_no_error (error);
  g_assert_cmpint (byline_store_schema_version_of (db, NULL), ==, 1);
  tables = query_text (db, "SELECT group_concat(name, ',') FROM (SELECT name FROM sqlite_master"
                           " WHERE type = 'table' ORDER BY name)");
  g_assert_cmpstr (tables, ==, "images,stories");
  sqlite3_close (db);
}

static void
test_migrate_v1_to_v2 (void)
{
  g_autofree char *path = test_db_path ();
  sqlite3 *db = open_raw (path);
  g_autoptr (GError) error = NULL;
  g_autofree char *tables = NULL;
  g_autofree char *headline = NULL;

  g_assert_true (byline_store_migrate (db, 1, NULL));
  g_assert_cmpint (sqlite3_exec (db,
                                 "INSERT INTO stories (uuid, headline, created, modified)"
                                 " VALUES ('v1-story', 'Written by version 1', 1, 1)",
                                 NULL, NULL, NULL),
                   ==, SQLITE_OK);

  g_assert_true (byline_store_migrate (db, 2, &error));
  g_assert_no_error (error);
  g_assert_cmpint (byline_store_schema_version_of (db, NULL), ==, 2);
  tables = query_text (db, "SELECT group_concat(name, ',') FROM (SELECT name FROM sqlite_master"
                           " WHERE type = 'table' ORDER BY name)");
  g_assert_cmpstr (tables, ==, "authors,images,stories,story_related,story_updates");
  headline = query_text (db, "SELECT headline FROM stories WHERE deleted_at IS NULL");
  g_assert_cmpstr (headline, ==, "Written by version 1");
  sqlite3_close (db);
}

static void
test_migrate_v2_to_v3 (void)
{
  g_autofree char *path = test_db_path ();
  sqlite3 *db = open_raw (path);
  g_autoptr (BylineStore) store = NULL;
  g_autoptr (GListModel) images = NULL;
  g_autofree char *body_column = NULL;
  BylineStory *story;

  g_assert_true (byline_store_migrate (db, 2, NULL));
  g_assert_cmpint (sqlite3_exec (db,
                                 "INSERT INTO stories (uuid, headline, body, byline, status, tags, created, modified)"
                                 " VALUES ('v2-story', 'Written by version 2', '<p>Old body</p>', 'Priya Raman',"
                                 " 'pending', 'schools\neducation', 1700000000000000, 1700000000000000);"
                                 "INSERT INTO images (uuid, story_uuid, credit_line)"
                                 " VALUES ('v2-image', 'v2-story', 'Staff photo');"
                                 "INSERT INTO story_updates (story_uuid, posted_at, text)"
                                 " VALUES ('v2-story', 1700000000000000, 'Corrected the date.');",
                                 NULL, NULL, NULL),
                   ==, SQLITE_OK);
  sqlite3_close (db);

  store = open_store (path);
  story = byline_store_find_story (store, "v2-story");
  g_assert_nonnull (story);
  g_assert_cmpstr (byline_story_get_headline (story), ==, "Written by version 2");
  g_assert_cmpint (byline_story_get_status (story), ==, BYLINE_STORY_STATUS_PENDING);
  g_assert_cmpstr (byline_story_get_tags (story)[1], ==, "education");
  images = byline_store_list_images (store, "v2-story", NULL);
  g_assert_cmpuint (g_list_model_get_n_items (images), ==, 1);
  g_assert_true (byline_store_load_body (store, story, NULL));
  g_assert_cmpstr (byline_story_get_body (story), ==, "<p>Old body</p>");
  g_assert_cmpuint (g_list_model_get_n_items (byline_story_get_updates (story)), ==, 1);

  db = open_raw (path);
  g_assert_cmpint (byline_store_schema_version_of (db, NULL), ==, BYLINE_STORE_SCHEMA_VERSION);
  body_column = query_text (db, "SELECT name FROM pragma_table_info('stories') WHERE name = 'body'");
  g_assert_null (body_column);
  sqlite3_close (db);
}

static void
test_migrate_v3_to_v4 (void)
{
  g_autofree char *path = test_db_path ();
  sqlite3 *db = open_raw (path);
  g_autoptr (BylineStore) store = NULL;
  g_autoptr (GPtrArray) outbox = NULL;
  g_autoptr (GPtrArray) accounts = NULL;
  g_autofree char *tables = NULL;
  BylineOutboxEntry *entry;
  BylineStory *story;

  g_assert_true (byline_store_migrate (db, 3, NULL));
  g_assert_cmpint (sqlite3_exec (db,
                                 "INSERT INTO stories (uuid, remote_id, account, headline, created, modified,"
                                 " remote_modified, dirty) VALUES ('v3-story', 12, 'desk', 'Written by version 3',"
                                 " 1700000000000000, 1700000000000000, '2024-05-01T12:00:00', 1);"
                                 "INSERT INTO story_bodies (story_uuid, body) VALUES ('v3-story', '<p>Kept</p>');",
                                 NULL, NULL, NULL),
                   ==, SQLITE_OK);
  sqlite3_close (db);

  store = open_store (path);
  story = byline_store_find_story (store, "v3-story");
  g_assert_nonnull (story);
  g_assert_cmpint (byline_story_get_remote_id (story), ==, 12);
  g_assert_cmpstr (byline_story_get_remote_modified (story), ==, "2024-05-01T12:00:00");
  accounts = byline_store_list_accounts (store, NULL);
  g_assert_cmpuint (accounts->len, ==, 0);

  /* A dirty story of an account saved under schema 4 joins the outbox. */
  g_assert_true (byline_store_load_body (store, story, NULL));
  byline_story_touch (story);
  g_assert_true (byline_store_save_story (store, story, NULL));
  outbox = byline_store_list_outbox (store, "desk", NULL);
  g_assert_cmpuint (outbox->len, ==, 1);
  entry = g_ptr_array_index (outbox, 0);
  g_assert_cmpstr (entry->story_uuid, ==, "v3-story");
  g_assert_cmpint (entry->operation, ==, BYLINE_OUTBOX_UPDATE);

  db = open_raw (path);
  g_assert_cmpint (byline_store_schema_version_of (db, NULL), ==, BYLINE_STORE_SCHEMA_VERSION);
  tables = query_text (db, "SELECT group_concat(name, ',') FROM (SELECT name FROM sqlite_master"
                           " WHERE type = 'table' ORDER BY name)");
  g_assert_cmpstr (tables, ==, "accounts,authors,images,outbox,stories,story_bodies,story_conflicts,"
                               "story_history,story_related,story_updates,upload_outbox");
  sqlite3_close (db);
}

static void
test_migrate_v4_to_v5 (void)
{
  g_autofree char *path = test_db_path ();
  sqlite3 *db = open_raw (path);
  g_autoptr (BylineStore) store = NULL;
  g_autoptr (GPtrArray) history = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *count = NULL;
  BylineHistoryEntry *entry;
  BylineStory *story;

  g_assert_true (byline_store_migrate (db, 4, NULL));
  g_assert_cmpint (sqlite3_exec (db,
                                 "INSERT INTO stories (uuid, headline, status, created, modified)"
                                 " VALUES ('v4-story', 'Written by version 4', 'draft',"
                                 " 1700000000000000, 1700000000000000);"
                                 "INSERT INTO story_bodies (story_uuid, body) VALUES ('v4-story', '<p>Kept</p>');",
                                 NULL, NULL, NULL),
                   ==, SQLITE_OK);
  sqlite3_close (db);

  /* A story from before schema 5 has no history, and gains one with its next transition. */
  store = open_store (path);
  story = byline_store_find_story (store, "v4-story");
  g_assert_nonnull (story);
  history = byline_workflow_list_history (store, "v4-story", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (history->len, ==, 0);
  g_clear_pointer (&history, g_ptr_array_unref);
  g_assert_true (byline_workflow_submit (store, story, NULL, "Ready when you are", &error));
  g_assert_no_error (error);
  history = byline_workflow_list_history (store, "v4-story", &error);
  g_assert_cmpuint (history->len, ==, 1);
  entry = g_ptr_array_index (history, 0);
  g_assert_cmpint (entry->from_status, ==, BYLINE_STORY_STATUS_DRAFT);
  g_assert_cmpint (entry->to_status, ==, BYLINE_STORY_STATUS_PENDING);
  g_assert_cmpstr (entry->note, ==, "Ready when you are");

  db = open_raw (path);
  g_assert_cmpint (byline_store_schema_version_of (db, NULL), ==, BYLINE_STORE_SCHEMA_VERSION);
  count = query_text (db, "SELECT count(*) || '' FROM story_history WHERE story_uuid = 'v4-story'");
  g_assert_cmpstr (count, ==, "1");
  sqlite3_close (db);
}

static void
test_migrate_v5_to_v6 (void)
{
  g_autofree char *path = test_db_path ();
  sqlite3 *db = open_raw (path);
  g_autoptr (BylineStore) store = NULL;
  g_autoptr (GListModel) images = NULL;
  g_autoptr (BylineImage) image = NULL;
  g_autoptr (GPtrArray) uploads = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *media_id = NULL;
  BylineUploadEntry *entry;

  g_assert_true (byline_store_migrate (db, 5, NULL));
  g_assert_cmpint (sqlite3_exec (db,
                                 "INSERT INTO stories (uuid, headline, status, created, modified)"
                                 " VALUES ('v5-story', 'Written by version 5', 'draft',"
                                 " 1700000000000000, 1700000000000000);"
                                 "INSERT INTO story_bodies (story_uuid, body) VALUES ('v5-story', '');"
                                 "INSERT INTO images (uuid, story_uuid, file, credit_line, featured)"
                                 " VALUES ('v5-image', 'v5-story', '/photos/harbour.jpg', 'Reuters', 1);",
                                 NULL, NULL, NULL),
                   ==, SQLITE_OK);
  sqlite3_close (db);

  /* An image from before schema 6 is not uploaded, and its upload can be queued. */
  store = open_store (path);
  images = byline_store_list_images (store, "v5-story", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (images), ==, 1);
  image = g_list_model_get_item (images, 0);
  g_assert_cmpstr (byline_image_get_credit_line (image), ==, "Reuters");
  g_assert_cmpint (byline_image_get_remote_media_id (image), ==, 0);
  g_assert_null (byline_image_get_remote_url (image));
  g_assert_true (byline_store_enqueue_upload (store, image, "desk", &error));
  g_assert_no_error (error);
  uploads = byline_store_list_uploads (store, "desk", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (uploads->len, ==, 1);
  entry = g_ptr_array_index (uploads, 0);
  g_assert_cmpstr (entry->image_uuid, ==, "v5-image");
  g_assert_cmpstr (entry->story_uuid, ==, "v5-story");
  g_assert_cmpint (entry->media_id, ==, 0);

  /* The media item is kept even when a stale copy of the image is saved. */
  g_assert_true (byline_store_upload_note_media (store, "v5-image", 77, "https://example.org/harbour.jpg", &error));
  g_assert_no_error (error);
  g_assert_true (byline_store_save_image (store, image, &error));
  g_assert_cmpint (byline_store_featured_media_id (store, "v5-story"), ==, 77);

  db = open_raw (path);
  g_assert_cmpint (byline_store_schema_version_of (db, NULL), ==, BYLINE_STORE_SCHEMA_VERSION);
  media_id = query_text (db, "SELECT remote_media_id || ' ' || remote_url FROM images WHERE uuid = 'v5-image'");
  g_assert_cmpstr (media_id, ==, "77 https://example.org/harbour.jpg");
  sqlite3_close (db);
}

static void
test_migrate_v6_to_v7 (void)
{
  g_autofree char *path = test_db_path ();
  sqlite3 *db = open_raw (path);
  g_autoptr (BylineStore) store = NULL;
  g_autoptr (GListModel) images = NULL;
  g_autoptr (BylineImage) image = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *saved = NULL;
  BylineStory *story;

  g_assert_true (byline_store_migrate (db, 6, NULL));
  g_assert_cmpint (sqlite3_exec (db,
                                 "INSERT INTO stories (uuid, headline, status, created, modified)"
                                 " VALUES ('v6-story', 'Written by version 6', 'draft',"
                                 " 1700000000000000, 1700000000000000);"
                                 "INSERT INTO story_bodies (story_uuid, body) VALUES ('v6-story', '');"
                                 "INSERT INTO images (uuid, story_uuid, file, creator, remote_media_id)"
                                 " VALUES ('v6-image', 'v6-story', '/photos/quay.jpg', 'Ana Ruiz', 12);",
                                 NULL, NULL, NULL),
                   ==, SQLITE_OK);
  sqlite3_close (db);

  /* Rows from before schema 7 have no title and the default language. */
  store = open_store (path);
  story = byline_store_find_story (store, "v6-story");
  g_assert_nonnull (story);
  g_assert_cmpstr (byline_story_get_language (story), ==, "");
  images = byline_store_list_images (store, "v6-story", &error);
  g_assert_no_error (error);
  image = g_list_model_get_item (images, 0);
  g_assert_cmpstr (byline_image_get_creator (image), ==, "Ana Ruiz");
  g_assert_null (byline_image_get_creator_title (image));
  g_assert_cmpint (byline_image_get_remote_media_id (image), ==, 12);

  byline_image_set_creator_title (image, "Staff photographer");
  g_assert_true (byline_store_save_image (store, image, &error));
  byline_story_set_language (story, "en_GB");
  g_assert_true (byline_store_save_story (store, story, &error));
  g_assert_no_error (error);

  db = open_raw (path);
  g_assert_cmpint (byline_store_schema_version_of (db, NULL), ==, BYLINE_STORE_SCHEMA_VERSION);
  saved = query_text (db, "SELECT i.creator_title || ' / ' || s.language FROM images i"
                          " JOIN stories s ON s.uuid = i.story_uuid WHERE i.uuid = 'v6-image'");
  g_assert_cmpstr (saved, ==, "Staff photographer / en_GB");
  sqlite3_close (db);
}

static void
test_corrupt_database_is_moved_aside (void)
{
  g_autofree char *path = test_db_path ();
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *moved_contents = NULL;
  g_autoptr (BylineStore) store = NULL;
  g_autoptr (BylineStory) story = make_story ("Life goes on");
  const char *garbage = "This is not an SQLite database, it is a shopping list: eggs, milk.";
  const char *moved;

  g_mkdir_with_parents (dir, 0700);
  g_assert_true (g_file_set_contents (path, garbage, -1, NULL));

  store = open_store (path);
  moved = byline_store_get_moved_aside_path (store);
  g_assert_nonnull (moved);
  g_assert_true (g_str_has_prefix (moved, path));
  g_assert_true (g_file_get_contents (moved, &moved_contents, NULL, NULL));
  g_assert_cmpstr (moved_contents, ==, garbage);
  g_assert_cmpuint (g_list_model_get_n_items (byline_store_get_stories (store)), ==, 0);
  g_assert_true (byline_store_save_story (store, story, NULL));
}

static void
test_newer_schema_is_refused_untouched (void)
{
  g_autofree char *path = test_db_path ();
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gsize before_len, after_len;
  g_autoptr (GError) error = NULL;
  g_autoptr (BylineStore) store = NULL;
  sqlite3 *db = open_raw (path);

  g_assert_cmpint (sqlite3_exec (db, "CREATE TABLE future (x); PRAGMA user_version = 99;", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  g_assert_true (g_file_get_contents (path, &before, &before_len, NULL));

  store = byline_store_open (path, &error);
  g_assert_null (store);
  g_assert_error (error, BYLINE_STORE_ERROR, BYLINE_STORE_ERROR_NEWER_SCHEMA);
  g_assert_nonnull (strstr (error->message, "newer version"));

  g_assert_true (g_file_get_contents (path, &after, &after_len, NULL));
  g_assert_cmpmem (before, before_len, after, after_len);
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
}

static void
on_opened (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  BylineStore **store = user_data;
  g_autoptr (GError) error = NULL;

  *store = byline_store_open_finish (result, &error);
  g_assert_no_error (error);
}

static void
test_open_async (void)
{
  g_autofree char *path = test_db_path ();
  g_autoptr (BylineStore) store = NULL;
  g_autoptr (BylineStory) story = make_story ("Opened off the main thread");

  {
    g_autoptr (BylineStore) first = open_store (path);
    g_assert_true (byline_store_save_story (first, story, NULL));
  }

  byline_store_open_async (path, NULL, on_opened, &store);
  while (store == NULL)
    g_main_context_iteration (NULL, TRUE);

  g_assert_nonnull (byline_store_find_story (store, byline_story_get_uuid (story)));
}

static BylineStory *
find_by_headline_prefix (GListModel *stories,
                         const char *prefix)
{
  for (guint i = 0; i < g_list_model_get_n_items (stories); i++)
    {
      g_autoptr (BylineStory) story = g_list_model_get_item (stories, i);
      if (g_str_has_prefix (byline_story_get_headline (story), prefix))
        return story;
    }

  return NULL;
}

static void
test_sample_newsroom (void)
{
  g_autofree char *path = test_db_path ();
  g_autoptr (BylineStore) store = open_store (path);
  g_autoptr (GError) error = NULL;
  g_autoptr (GListModel) images = NULL;
  g_autoptr (BylineImage) photo = NULL;
  g_autoptr (BylineAuthor) author = NULL;
  GListModel *stories = byline_store_get_stories (store);
  BylineStory *updated;
  guint n_stories;

  g_assert_true (byline_store_load_sample (store, &error));
  g_assert_no_error (error);
  n_stories = g_list_model_get_n_items (stories);
  g_assert_cmpuint (n_stories, >=, 5);

  updated = find_by_headline_prefix (stories, "[UPDATE]");
  g_assert_nonnull (updated);
  g_assert_cmpint (byline_story_get_status (updated), ==, BYLINE_STORY_STATUS_PUBLISHED);
  g_assert_true (byline_store_load_body (store, updated, NULL));
  g_assert_cmpuint (g_list_model_get_n_items (byline_story_get_updates (updated)), ==, 1);
  g_assert_nonnull (strstr (byline_story_get_body (updated), "UPDATE"));
  g_assert_cmpuint (g_strv_length ((GStrv) byline_story_get_related (updated)), ==, 2);
  g_assert_nonnull (byline_store_find_story (store, byline_story_get_related (updated)[0]));

  images = byline_store_list_images (store, byline_story_get_uuid (updated), NULL);
  g_assert_cmpuint (g_list_model_get_n_items (images), ==, 1);
  photo = g_list_model_get_item (images, 0);
  g_assert_cmpstr (byline_image_get_credit_line (photo), ==, "Image used with permission by copyright holder");
  g_assert_nonnull (byline_image_get_source (photo));
  g_assert_true (g_file_test (byline_image_get_file (photo), G_FILE_TEST_IS_REGULAR));

  author = g_list_model_get_item (byline_store_get_authors (store), 0);
  g_assert_nonnull (author);
  g_assert_cmpuint (strlen (byline_author_get_bio (author)), >, 20);

  for (guint i = 0; i < n_stories; i++)
    {
      g_autoptr (BylineStory) story = g_list_model_get_item (stories, i);
      if (byline_story_get_status (story) == BYLINE_STORY_STATUS_PENDING)
        break;
      g_assert_cmpuint (i + 1, <, n_stories);
    }

  g_assert_true (byline_store_load_sample (store, &error));
  g_assert_cmpuint (g_list_model_get_n_items (stories), ==, n_stories);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/store/open/creates-schema", test_open_creates_schema);
  g_test_add_func ("/store/open/async", test_open_async);
  g_test_add_func ("/store/open/corrupt-moved-aside", test_corrupt_database_is_moved_aside);
  g_test_add_func ("/store/open/newer-schema-refused", test_newer_schema_is_refused_untouched);
  g_test_add_func ("/store/save/round-trip", test_save_round_trip);
  g_test_add_func ("/store/save/summary-keeps-body", test_save_summary_keeps_body);
  g_test_add_func ("/store/save/async-keeps-order", test_save_async_keeps_order);
  g_test_add_func ("/store/trash/trash-and-restore", test_trash_and_restore);
  g_test_add_func ("/store/images/round-trip", test_images_round_trip);
  g_test_add_func ("/store/save/language-round-trip", test_story_language_round_trip);
  g_test_add_func ("/store/migrate/v0-to-v1", test_migrate_v0_to_v1);
  g_test_add_func ("/store/migrate/v1-to-v2", test_migrate_v1_to_v2);
  g_test_add_func ("/store/migrate/v2-to-v3", test_migrate_v2_to_v3);
  g_test_add_func ("/store/migrate/v3-to-v4", test_migrate_v3_to_v4);
  g_test_add_func ("/store/migrate/v4-to-v5", test_migrate_v4_to_v5);
  g_test_add_func ("/store/migrate/v5-to-v6", test_migrate_v5_to_v6);
  g_test_add_func ("/store/migrate/v6-to-v7", test_migrate_v6_to_v7);
  g_test_add_func ("/store/sample/newsroom", test_sample_newsroom);

  return g_test_run ();
}
