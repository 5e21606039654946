/* byline-store.c: the local newsroom store
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "byline-store-private.h"
#include "model/byline-author.h"
#include "model/byline-image.h"
#include "model/byline-story-private.h"
#include "model/byline-update.h"

/* One connection, guarded by a mutex so that a statement sequence (a
 * transaction) is never interleaved with another thread's. Saves queue on a
 * single worker thread, which keeps them in the order they were made. The
 * list models belong to the thread that opened the store. */
struct _BylineStore
{
  GObject      parent_instance;

  char        *path;
  char        *moved_aside_path;
  sqlite3     *db;
  GMutex       lock;
  GThreadPool *writer;
  GListStore  *stories;
  GListStore  *authors;
  GHashTable  *stories_by_uuid;
  /* Stories moved to the trash in this session: a late autosave of one
   * must not bring it back into the list. */
  GHashTable  *trashed_uuids;
};

G_DEFINE_FINAL_TYPE (BylineStore, byline_store, G_TYPE_OBJECT)
G_DEFINE_QUARK (byline-store-error-quark, byline_store_error)

enum {
  PROP_0,
  PROP_PATH,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

#define STORY_SUMMARY_COLUMNS \
  "uuid, remote_id, account, headline, dek, byline, status, tags, categories, " \
  "created, modified, remote_modified, dirty, language"

static void writer_run (gpointer data, gpointer user_data);

gint64
byline_store_usec_from_date_time (GDateTime *date_time)
{
  if (date_time == NULL)
    return 0;

  return g_date_time_to_unix (date_time) * G_USEC_PER_SEC + g_date_time_get_microsecond (date_time);
}

GDateTime *
byline_store_date_time_from_usec (gint64 usec)
{
  g_autoptr (GDateTime) seconds = g_date_time_new_from_unix_utc (usec / G_USEC_PER_SEC);

  if (seconds == NULL || usec % G_USEC_PER_SEC == 0)
    return g_steal_pointer (&seconds);

  return g_date_time_add (seconds, usec % G_USEC_PER_SEC);
}

static void
byline_store_finalize (GObject *object)
{
  BylineStore *self = (BylineStore *) object;

  if (self->writer != NULL)
    g_thread_pool_free (self->writer, FALSE, TRUE);
  g_clear_pointer (&self->db, sqlite3_close);
  g_clear_object (&self->stories);
  g_clear_object (&self->authors);
  g_clear_pointer (&self->stories_by_uuid, g_hash_table_unref);
  g_clear_pointer (&self->trashed_uuids, g_hash_table_unref);
  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->moved_aside_path, g_free);
  g_mutex_clear (&self->lock);

  G_OBJECT_CLASS (byline_store_parent_class)->finalize (object);
}

static void
byline_store_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  BylineStore *self = BYLINE_STORE (object);

  switch (prop_id)
    {
    case PROP_PATH:
      g_value_set_string (value, self->path);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
byline_store_class_init (BylineStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = byline_store_finalize;
  object_class->get_property = byline_store_get_property;

  properties[PROP_PATH] =
    g_param_spec_string ("path", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
byline_store_init (BylineStore *self)
{
  g_mutex_init (&self->lock);
  self->stories = g_list_store_new (BYLINE_TYPE_STORY);
  self->authors = g_list_store_new (BYLINE_TYPE_AUTHOR);
  self->stories_by_uuid = g_hash_table_new (g_str_hash, g_str_equal);
  self->trashed_uuids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->writer = g_thread_pool_new (writer_run, self, 1, FALSE, NULL);
}

char *
byline_store_default_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "byline", "newsroom.db", NULL);
}

sqlite3 *
byline_store_lock_db (BylineStore *self)
{
  g_return_val_if_fail (BYLINE_IS_STORE (self), NULL);

  g_mutex_lock (&self->lock);
  return self->db;
}

void
byline_store_unlock_db (BylineStore *self)
{
  g_return_if_fail (BYLINE_IS_STORE (self));

  g_mutex_unlock (&self->lock);
}

/* Statements */

static sqlite3_stmt *
prepare (BylineStore  *self,
         const char   *sql,
         GError      **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL);

  if (rc != SQLITE_OK)
    {
      byline_store_set_sqlite_error (error, self->db, rc, _("prepare a query"));
      return NULL;
    }

  return stmt;
}

static gboolean
step_done (BylineStore   *self,
           sqlite3_stmt  *stmt,
           const char    *what,
           GError       **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_finalize (stmt);
  if (rc == SQLITE_DONE)
    return TRUE;

  return byline_store_set_sqlite_error (error, self->db, rc, what);
}

static gboolean
exec (BylineStore  *self,
      const char   *sql,
      GError      **error)
{
  int rc = sqlite3_exec (self->db, sql, NULL, NULL, NULL);

  if (rc == SQLITE_OK)
    return TRUE;

  return byline_store_set_sqlite_error (error, self->db, rc, _("write"));
}

void
byline_store_bind_text (sqlite3_stmt *stmt,
                        int           column,
                        const char   *text)
{
  sqlite3_bind_text (stmt, column, text, -1, SQLITE_TRANSIENT);
}

const char *
byline_store_column_text (sqlite3_stmt *stmt,
                          int           column)
{
  return (const char *) sqlite3_column_text (stmt, column);
}

/* Tags and categories are stored one per line: a tag never holds a newline. */
static char *
join_list (const char * const *items)
{
  g_autofree char *joined = NULL;

  if (items == NULL)
    return g_strdup ("");

  joined = g_strjoinv ("\n", (char **) items);
  return joined != NULL ? g_steal_pointer (&joined) : g_strdup ("");
}

static GStrv
split_list (const char *text)
{
  if (text == NULL || text[0] == '\0')
    return NULL;

  return g_strsplit (text, "\n", -1);
}

/* Loading */

/* A story never edited since it was written has one time for both. */
static GDateTime *
modified_from_usec (gint64     usec,
                    gint64     created_usec,
                    GDateTime *created)
{
  if (usec == created_usec && created != NULL)
    return g_date_time_ref (created);

  return byline_store_date_time_from_usec (usec);
}

static BylineStory *
story_from_summary_row (sqlite3_stmt *stmt)
{
  gint64 created_usec = sqlite3_column_int64 (stmt, 9);
  g_autoptr (GDateTime) created = byline_store_date_time_from_usec (created_usec);
  g_autoptr (GDateTime) modified = modified_from_usec (sqlite3_column_int64 (stmt, 10), created_usec, created);
  g_auto (BylineStorySummary) summary = {
    .uuid = byline_store_column_text (stmt, 0),
    .remote_id = sqlite3_column_int64 (stmt, 1),
    .account = byline_store_column_text (stmt, 2),
    .headline = byline_store_column_text (stmt, 3),
    .dek = byline_store_column_text (stmt, 4),
    .byline = byline_store_column_text (stmt, 5),
    .status = BYLINE_STORY_STATUS_DRAFT,
    .tags = split_list (byline_store_column_text (stmt, 7)),
    .categories = split_list (byline_store_column_text (stmt, 8)),
    .created = created,
    .modified = modified,
    .remote_modified = byline_store_column_text (stmt, 11),
    .dirty = sqlite3_column_int (stmt, 12),
    .language = byline_store_column_text (stmt, 13),
  };
  BylineStory *story;

  byline_story_status_from_string (byline_store_column_text (stmt, 6), &summary.status);
  story = byline_story_new_from_summary (&summary);
  byline_story_prepare_search (story);

  return story;
}

static GPtrArray *
query_stories (BylineStore  *self,
               const char   *sql,
               GError      **error)
{
  g_autoptr (GPtrArray) stories = g_ptr_array_new_with_free_func (g_object_unref);
  sqlite3_stmt *stmt = prepare (self, sql, error);
  int rc;

  if (stmt == NULL)
    return NULL;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (stories, story_from_summary_row (stmt));
  sqlite3_finalize (stmt);

  if (rc != SQLITE_DONE)
    {
      byline_store_set_sqlite_error (error, self->db, rc, _("read the stories"));
      return NULL;
    }

  return g_steal_pointer (&stories);
}

typedef struct
{
  gint64       modified_usec;
  BylineStory *story;
} DatedStory;

static int
compare_newest_first (gconstpointer a,
                      gconstpointer b)
{
  const DatedStory *dated_a = a;
  const DatedStory *dated_b = b;

  return (dated_a->modified_usec < dated_b->modified_usec) - (dated_a->modified_usec > dated_b->modified_usec);
}

/* Sorted on plain numbers: comparing GDateTimes in the sort's inner loop
 * would cost more than reading the stories. */
static void
sort_newest_first (GPtrArray *stories)
{
  g_autoptr (GArray) dated = g_array_sized_new (FALSE, FALSE, sizeof (DatedStory), stories->len);

  for (guint i = 0; i < stories->len; i++)
    {
      BylineStory *story = g_ptr_array_index (stories, i);
      DatedStory entry = { byline_store_usec_from_date_time (byline_story_get_modified (story)), story };

      g_array_append_val (dated, entry);
    }
  g_array_sort (dated, compare_newest_first);
  for (guint i = 0; i < stories->len; i++)
    stories->pdata[i] = g_array_index (dated, DatedStory, i).story;
}

/* Read in table order and sorted here: walking the index by date instead
 * costs a seek into the table for every story, several times slower at
 * 100,000 stories, and SQLite's own sort copies every row once more. */
static gboolean
load_stories (BylineStore  *self,
              GError      **error)
{
  g_autoptr (GPtrArray) stories = NULL;

  stories = query_stories (self,
                           "SELECT " STORY_SUMMARY_COLUMNS " FROM stories NOT INDEXED "
                           "WHERE deleted_at IS NULL",
                           error);
  if (stories == NULL)
    return FALSE;
  sort_newest_first (stories);

  for (guint i = 0; i < stories->len; i++)
    {
      BylineStory *story = g_ptr_array_index (stories, i);
      g_hash_table_insert (self->stories_by_uuid, (char *) byline_story_get_uuid (story), story);
    }
  g_list_store_splice (self->stories, 0, 0, stories->pdata, stories->len);

  return TRUE;
}

static gboolean
load_authors (BylineStore  *self,
              GError      **error)
{
  sqlite3_stmt *stmt = prepare (self, "SELECT name, bio FROM authors ORDER BY name", error);
  int rc;

  if (stmt == NULL)
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr (BylineAuthor) author = byline_author_new (byline_store_column_text (stmt, 0), byline_store_column_text (stmt, 1));
      g_list_store_append (self->authors, author);
    }
  sqlite3_finalize (stmt);

  if (rc != SQLITE_DONE)
    return byline_store_set_sqlite_error (error, self->db, rc, _("read the authors"));

  return TRUE;
}

/* Opening */

static gboolean
open_connection (BylineStore  *self,
                 GError      **error)
{
  int rc = sqlite3_open_v2 (self->path, &self->db,
                            SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX,
                            NULL);

  if (rc != SQLITE_OK)
    {
      byline_store_set_sqlite_error (error, self->db, rc, _("open the database"));
      g_clear_pointer (&self->db, sqlite3_close);
      return FALSE;
    }

  sqlite3_busy_timeout (self->db, 5000);
  return TRUE;
}

/* The schema version is read before anything writes to the file, so that a
 * database from a newer Byline is left exactly as it was. */
static gboolean
check_schema_version (BylineStore  *self,
                      GError      **error)
{
  int version = byline_store_schema_version_of (self->db, error);

  if (version < 0)
    return FALSE;

  if (version > BYLINE_STORE_SCHEMA_VERSION)
    {
      g_set_error (error, BYLINE_STORE_ERROR, BYLINE_STORE_ERROR_NEWER_SCHEMA,
                   _("The newsroom database “%s” was written by a newer version of Byline "
                     "(schema %d; this version understands up to %d). It has not been changed. "
                     "Update Byline to open it."),
                   self->path, version, BYLINE_STORE_SCHEMA_VERSION);
      return FALSE;
    }

  return TRUE;
}

static gboolean
prepare_database (BylineStore  *self,
                  GError      **error)
{
  if (!open_connection (self, error) || !check_schema_version (self, error))
    return FALSE;

  /* WAL keeps readers and the writer out of each other's way; NORMAL
   * synchronisation in WAL mode is still safe against corruption on a
   * crash, and only loses the last commits on power loss. Every story is
   * read once into memory at open, so SQLite's own page cache would only
   * hold a second copy: a small one keeps the app's footprint down. */
  return exec (self, "PRAGMA journal_mode = WAL;"
                     "PRAGMA synchronous = NORMAL;"
                     "PRAGMA cache_size = -512;"
                     "PRAGMA foreign_keys = ON;", error) &&
         byline_store_migrate (self->db, BYLINE_STORE_SCHEMA_VERSION, error) &&
         load_stories (self, error) &&
         load_authors (self, error);
}

static void
reset_loaded_state (BylineStore *self)
{
  g_clear_pointer (&self->db, sqlite3_close);
  g_hash_table_remove_all (self->stories_by_uuid);
  g_list_store_remove_all (self->stories);
  g_list_store_remove_all (self->authors);
}

static gboolean
move_aside (BylineStore  *self,
            GError      **error)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%d-%H%M%S");
  g_autofree char *target = g_strdup_printf ("%s.corrupt-%s", self->path, stamp);
  static const char *const companions[] = { "-wal", "-shm" };

  if (g_rename (self->path, target) != 0)
    {
      int saved_errno = errno;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("The newsroom database “%s” is damaged and could not be moved aside: %s"),
                   self->path, g_strerror (saved_errno));
      return FALSE;
    }

  for (guint i = 0; i < G_N_ELEMENTS (companions); i++)
    {
      g_autofree char *from = g_strconcat (self->path, companions[i], NULL);
      g_autofree char *to = g_strconcat (target, companions[i], NULL);
      g_rename (from, to);
    }

  g_free (self->moved_aside_path);
  self->moved_aside_path = g_steal_pointer (&target);
  return TRUE;
}

static gboolean
ensure_parent_directory (const char  *path,
                         GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (path);

  if (g_mkdir_with_parents (dir, 0700) == 0)
    return TRUE;

  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errno),
               _("Could not create the folder “%s”: %s"), dir, g_strerror (errno));
  return FALSE;
}

/* A damaged file is kept, renamed, never overwritten: someone may want to
 * recover it. The app then carries on with a fresh, empty store. */
BylineStore *
byline_store_open (const char  *path,
                   GError     **error)
{
  g_autoptr (BylineStore) self = NULL;
  g_autoptr (GError) local_error = NULL;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!ensure_parent_directory (path, error))
    return NULL;

  self = g_object_new (BYLINE_TYPE_STORE, NULL);
  self->path = g_strdup (path);

  if (prepare_database (self, &local_error))
    return g_steal_pointer (&self);

  reset_loaded_state (self);
  if (!g_error_matches (local_error, BYLINE_STORE_ERROR, BYLINE_STORE_ERROR_CORRUPT))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  g_debug ("Moving damaged store aside: %s", local_error->message);
  if (!move_aside (self, error) || !prepare_database (self, error))
    return NULL;

  return g_steal_pointer (&self);
}

static void
open_in_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  GError *error = NULL;
  BylineStore *store = byline_store_open (task_data, &error);

  if (store == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, store, g_object_unref);
}

/* Opening reads every story summary, which for a large newsroom is too much
 * disk and allocation work for the main loop. */
void
byline_store_open_async (const char          *path,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_autoptr (GTask) task = NULL;

  g_return_if_fail (path != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, BYLINE_SOURCE_TAG (byline_store_open_async));
  g_task_set_task_data (task, g_strdup (path), g_free);
  g_task_run_in_thread (task, open_in_thread);
}

BylineStore *
byline_store_open_finish (GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == BYLINE_SOURCE_TAG (byline_store_open_async), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

const char *
byline_store_get_path (BylineStore *self)
{
  g_return_val_if_fail (BYLINE_IS_STORE (self), NULL);

  return self->path;
}

/**
 * byline_store_get_moved_aside_path:
 *
 * Returns: (nullable): where the damaged database found on opening was
 *   moved to, or %NULL when the database opened cleanly
 */
const char *
byline_store_get_moved_aside_path (BylineStore *self)
{
  g_return_val_if_fail (BYLINE_IS_STORE (self), NULL);

  return self->moved_aside_path;
}

GListModel *
byline_store_get_stories (BylineStore *self)
{
  g_return_val_if_fail (BYLINE_IS_STORE (self), NULL);

  return G_LIST_MODEL (self->stories);
}

GListModel *
byline_store_get_authors (BylineStore *self)
{
  g_return_val_if_fail (BYLINE_IS_STORE (self), NULL);

  return G_LIST_MODEL (self->authors);
}

BylineStory *
byline_store_find_story (BylineStore *self,
                         const char  *uuid)
{
  g_return_val_if_fail (BYLINE_IS_STORE (self), NULL);
  g_return_val_if_fail (uuid != NULL, NULL);

  return g_hash_table_lookup (self->stories_by_uuid, uuid);
}

gboolean
byline_store_is_empty (BylineStore *self)
{
  g_autoptr (GListModel) trash = NULL;

  g_return_val_if_fail (BYLINE_IS_STORE (self), FALSE);

  if (g_list_model_get_n_items (G_LIST_MODEL (self->stories)) > 0)
    return FALSE;

  trash = byline_store_list_trash (self, NULL);
  return trash != NULL && g_list_model_get_n_items (trash) == 0;
}

/* Writing */

static gboolean
write_story_row (BylineStore  *self,
                 BylineStory  *story,
                 GError      **error)
{
  g_autofree char *tags = join_list (byline_story_get_tags (story));
  g_autofree char *categories = join_list (byline_story_get_categories (story));
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
  GDateTime *created = byline_story_get_created (story);
  GDateTime *modified = byline_story_get_modified (story);
  sqlite3_stmt *stmt;

  stmt = prepare (self,
                  "INSERT INTO stories (uuid, remote_id, account, headline, dek, byline, status,"
                  " tags, categories, created, modified, remote_modified, dirty, language, deleted_at)"
                  " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, NULL)"
                  " ON CONFLICT (uuid) DO UPDATE SET remote_id = ?2, account = ?3, headline = ?4,"
                  " dek = ?5, byline = ?6, status = ?7, tags = ?8, categories = ?9,"
                  " modified = ?11, remote_modified = ?12, dirty = ?13, language = ?14",
                  error);
  if (stmt == NULL)
    return FALSE;

  byline_store_bind_text (stmt, 1, byline_story_get_uuid (story));
  sqlite3_bind_int64 (stmt, 2, byline_story_get_remote_id (story));
  byline_store_bind_text (stmt, 3, byline_story_get_account (story));
  byline_store_bind_text (stmt, 4, byline_story_get_headline (story) ? byline_story_get_headline (story) : "");
  byline_store_bind_text (stmt, 5, byline_story_get_dek (story) ? byline_story_get_dek (story) : "");
  byline_store_bind_text (stmt, 6, byline_story_get_byline (story) ? byline_story_get_byline (story) : "");
  byline_store_bind_text (stmt, 7, byline_story_status_to_string (byline_story_get_status (story)));
  byline_store_bind_text (stmt, 8, tags);
  byline_store_bind_text (stmt, 9, categories);
  sqlite3_bind_int64 (stmt, 10, byline_store_usec_from_date_time (created ? created : now));
  sqlite3_bind_int64 (stmt, 11, byline_store_usec_from_date_time (modified ? modified : now));
  byline_store_bind_text (stmt, 12, byline_story_get_remote_modified (story));
  sqlite3_bind_int (stmt, 13, byline_story_get_dirty (story));
  byline_store_bind_text (stmt, 14, byline_story_get_language (story));

  return step_done (self, stmt, _("save the story"), error);
}

static gboolean
write_updates (BylineStore  *self,
               BylineStory  *story,
               GError      **error)
{
  GListModel *updates = byline_story_get_updates (story);
  sqlite3_stmt *stmt = prepare (self, "DELETE FROM story_updates WHERE story_uuid = ?1", error);

  if (stmt == NULL)
    return FALSE;
  byline_store_bind_text (stmt, 1, byline_story_get_uuid (story));
  if (!step_done (self, stmt, _("save the updates"), error))
    return FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (updates); i++)
    {
      g_autoptr (BylineUpdate) update = g_list_model_get_item (updates, i);

      stmt = prepare (self, "INSERT INTO story_updates (story_uuid, posted_at, text) VALUES (?1, ?2, ?3)", error);
      if (stmt == NULL)
        return FALSE;
      byline_store_bind_text (stmt, 1, byline_story_get_uuid (story));
      sqlite3_bind_int64 (stmt, 2, byline_store_usec_from_date_time (byline_update_get_posted_at (update)));
      byline_store_bind_text (stmt, 3, byline_update_get_text (update));
      if (!step_done (self, stmt, _("save the updates"), error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
write_related (BylineStore  *self,
               BylineStory  *story,
               GError      **error)
{
  const char * const *related = byline_story_get_related (story);
  sqlite3_stmt *stmt = prepare (self, "DELETE FROM story_related WHERE story_uuid = ?1", error);

  if (stmt == NULL)
    return FALSE;
  byline_store_bind_text (stmt, 1, byline_story_get_uuid (story));
  if (!step_done (self, stmt, _("save the related stories"), error))
    return FALSE;

  for (guint i = 0; related != NULL && related[i] != NULL; i++)
    {
      stmt = prepare (self,
                      "INSERT OR IGNORE INTO story_related (story_uuid, related_uuid, position)"
                      " VALUES (?1, ?2, ?3)",
                      error);
      if (stmt == NULL)
        return FALSE;
      byline_store_bind_text (stmt, 1, byline_story_get_uuid (story));
      byline_store_bind_text (stmt, 2, related[i]);
      sqlite3_bind_int (stmt, 3, i);
      if (!step_done (self, stmt, _("save the related stories"), error))
        return FALSE;
    }

  return TRUE;
}

/**
 * byline_store_count_words:
 * @html: (nullable): a story body
 *
 * Words of the text between tags; entities count as letters. Close enough
 * for an editor planning their hour, and one pass, cheap beside writing
 * the body: it is stored with it.
 */
guint
byline_store_count_words (const char *html)
{
  gboolean in_tag = FALSE;
  gboolean in_word = FALSE;
  guint words = 0;

  for (const char *p = html; p != NULL && *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      gboolean letter = !in_tag && c != '<' && !g_unichar_isspace (c);

      if (c == '<' || c == '>')
        in_tag = c == '<';
      words += letter && !in_word;
      in_word = letter;
    }
  return words;
}

/* A story from the list has no body until it is opened; only an opened
 * story's body, updates and related stories are written, so that saving a
 * summary never erases them. The word count goes with the body, counted on
 * the writer thread for the asynchronous saves. */
static gboolean
write_story_details (BylineStore  *self,
                     BylineStory  *story,
                     GError      **error)
{
  sqlite3_stmt *stmt;
  const char *body = byline_story_get_body (story);

  if (!byline_story_get_body_loaded (story))
    return TRUE;

  stmt = prepare (self,
                  "INSERT INTO story_bodies (story_uuid, body, word_count) VALUES (?1, ?2, ?3)"
                  " ON CONFLICT (story_uuid) DO UPDATE SET body = ?2, word_count = ?3",
                  error);
  if (stmt == NULL)
    return FALSE;
  byline_store_bind_text (stmt, 1, byline_story_get_uuid (story));
  byline_store_bind_text (stmt, 2, body ? body : "");
  sqlite3_bind_int64 (stmt, 3, byline_store_count_words (body));

  return step_done (self, stmt, _("save the story"), error) &&
         write_updates (self, story, error) &&
         write_related (self, story, error);
}

/* The outbox entry commits with the edit, so a crash cannot lose one
 * without the other. */
static gboolean
write_story_locked (BylineStore  *self,
                    BylineStory  *story,
                    GError      **error)
{
  return write_story_row (self, story, error) &&
         write_story_details (self, story, error) &&
         byline_store_enqueue_locked (self->db, story, error);
}

static gboolean
save_stories_locked (BylineStore  *self,
                     BylineStory **stories,
                     guint         n_stories,
                     GError      **error)
{
  gboolean ok = TRUE;

  if (!exec (self, "BEGIN IMMEDIATE", error))
    return FALSE;

  for (guint i = 0; ok && i < n_stories; i++)
    ok = write_story_locked (self, stories[i], error);
  if (ok && exec (self, "COMMIT", error))
    return TRUE;

  sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
  return FALSE;
}

static gboolean
save_story_locked (BylineStore  *self,
                   BylineStory  *story,
                   GError      **error)
{
  return save_stories_locked (self, &story, 1, error);
}

static gboolean
write_story (BylineStore  *self,
             BylineStory  *story,
             GError      **error)
{
  gboolean ok;

  g_mutex_lock (&self->lock);
  ok = save_story_locked (self, story, error);
  g_mutex_unlock (&self->lock);

  return ok;
}

static void
track_story (BylineStore *self,
             BylineStory *story)
{
  if (g_hash_table_contains (self->stories_by_uuid, byline_story_get_uuid (story)) ||
      g_hash_table_contains (self->trashed_uuids, byline_story_get_uuid (story)))
    return;

  g_hash_table_insert (self->stories_by_uuid, (char *) byline_story_get_uuid (story), story);
  g_list_store_insert (self->stories, 0, story);
}

/**
 * byline_store_save_story:
 *
 * Writes @story in one transaction and adds it to the story list if it is
 * new. Call it from the thread that opened the store.
 */
gboolean
byline_store_save_story (BylineStore  *self,
                         BylineStory  *story,
                         GError      **error)
{
  g_return_val_if_fail (BYLINE_IS_STORE (self), FALSE);
  g_return_val_if_fail (BYLINE_IS_STORY (story), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!write_story (self, story, error))
    return FALSE;

  track_story (self, story);
  return TRUE;
}

static void
writer_run (gpointer data,
            gpointer user_data)
{
  g_autoptr (GTask) task = data;
  BylineStore *self = user_data;
  GError *error = NULL;

  if (g_task_return_error_if_cancelled (task))
    return;

  if (g_task_get_source_tag (task) == BYLINE_SOURCE_TAG (byline_store_save_stories_async))
    {
      GPtrArray *stories = g_task_get_task_data (task);
      gboolean ok;

      g_mutex_lock (&self->lock);
      ok = save_stories_locked (self, (BylineStory **) stories->pdata, stories->len, &error);
      g_mutex_unlock (&self->lock);
      if (ok)
        g_task_return_boolean (task, TRUE);
      else
        g_task_return_error (task, error);
      return;
    }

  if (write_story (self, g_task_get_task_data (task), &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/* The story is copied now, so that what is written is what the user had at
 * this moment, whatever they type while the write waits its turn. */
void
byline_store_save_story_async (BylineStore         *self,
                               BylineStory         *story,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (BYLINE_IS_STORE (self));
  g_return_if_fail (BYLINE_IS_STORY (story));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  track_story (self, story);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, BYLINE_SOURCE_TAG (byline_store_save_story_async));
  g_task_set_task_data (task, byline_story_copy (story), g_object_unref);
  g_thread_pool_push (self->writer, task, NULL);
}

/**
 * byline_store_save_stories_async:
 * @stories: (element-type BylineStory): the stories to save
 *
 * Saves many stories in one transaction, which is how a sync writes what
 * it pulled: all of them or, on error, none. Finish it with
 * byline_store_save_story_finish().
 */
void
byline_store_save_stories_async (BylineStore         *self,
                                 GPtrArray           *stories,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  GPtrArray *copies;
  GTask *task;

  g_return_if_fail (BYLINE_IS_STORE (self));
  g_return_if_fail (stories != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  copies = g_ptr_array_new_full (stories->len, g_object_unref);
  for (guint i = 0; i < stories->len; i++)
    {
      track_story (self, g_ptr_array_index (stories, i));
      g_ptr_array_add (copies, byline_story_copy (g_ptr_array_index (stories, i)));
    }

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, BYLINE_SOURCE_TAG (byline_store_save_stories_async));
  g_task_set_task_data (task, copies, (GDestroyNotify) g_ptr_array_unref);
  g_thread_pool_push (self->writer, task, NULL);
}

gboolean
byline_store_save_story_finish (BylineStore   *self,
                                GAsyncResult  *result,
                                GError       **error)
{
  g_return_val_if_fail (BYLINE_IS_STORE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static gboolean
load_updates_locked (BylineStore  *self,
                     BylineStory  *story,
                     GError      **error)
{
  sqlite3_stmt *stmt = prepare (self,
                                "SELECT posted_at, text FROM story_updates"
                                " WHERE story_uuid = ?1 ORDER BY posted_at, rowid",
                                error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  byline_store_bind_text (stmt, 1, byline_story_get_uuid (story));
  g_list_store_remove_all (G_LIST_STORE (byline_story_get_updates (story)));
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr (GDateTime) posted_at = byline_store_date_time_from_usec (sqlite3_column_int64 (stmt, 0));
      g_autoptr (BylineUpdate) update = byline_update_new (posted_at, byline_store_column_text (stmt, 1));
      byline_story_add_update (story, update);
    }
  sqlite3_finalize (stmt);

  if (rc != SQLITE_DONE)
    return byline_store_set_sqlite_error (error, self->db, rc, _("read the updates"));
  return TRUE;
}

static gboolean
load_related_locked (BylineStore  *self,
                     BylineStory  *story,
                     GError      **error)
{
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
  g_auto (GStrv) related = NULL;
  sqlite3_stmt *stmt = prepare (self,
                                "SELECT related_uuid FROM story_related"
                                " WHERE story_uuid = ?1 ORDER BY position",
                                error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  byline_store_bind_text (stmt, 1, byline_story_get_uuid (story));
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_strv_builder_add (builder, byline_store_column_text (stmt, 0));
  sqlite3_finalize (stmt);

  if (rc != SQLITE_DONE)
    return byline_store_set_sqlite_error (error, self->db, rc, _("read the related stories"));

  related = g_strv_builder_end (builder);
  byline_story_set_related (story, (const char * const *) related);
  return TRUE;
}

static gboolean
load_body_locked (BylineStore  *self,
                  BylineStory  *story,
                  GError      **error)
{
  sqlite3_stmt *stmt = prepare (self,
                                "SELECT b.body FROM stories s"
                                " LEFT JOIN story_bodies b ON b.story_uuid = s.uuid"
                                " WHERE s.uuid = ?1",
                                error);
  const char *body;
  int rc;

  if (stmt == NULL)
    return FALSE;
  byline_store_bind_text (stmt, 1, byline_story_get_uuid (story));
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      body = byline_store_column_text (stmt, 0);
      byline_story_set_body (story, body ? body : "");
    }
  sqlite3_finalize (stmt);

  if (rc == SQLITE_DONE)
    {
      /* Never saved yet: a new story's body is empty, not missing. */
      if (!byline_story_get_body_loaded (story))
        byline_story_set_body (story, "");
      return TRUE;
    }
  if (rc != SQLITE_ROW)
    return byline_store_set_sqlite_error (error, self->db, rc, _("read the story"));

  return load_updates_locked (self, story, error) && load_related_locked (self, story, error);
}

/**
 * byline_store_load_body:
 *
 * Fills in the body, dated updates and related stories of a story from the
 * list, which holds only what the list shows.
 */
gboolean
byline_store_load_body (BylineStore  *self,
                        BylineStory  *story,
                        GError      **error)
{
  gboolean ok;

  g_return_val_if_fail (BYLINE_IS_STORE (self), FALSE);
  g_return_val_if_fail (BYLINE_IS_STORY (story), FALSE);

  g_mutex_lock (&self->lock);
  ok = load_body_locked (self, story, error);
  g_mutex_unlock (&self->lock);

  return ok;
}

/* Trash */

static gboolean
set_deleted_at (BylineStore  *self,
                BylineStory  *story,
                gboolean      deleted,
                GError      **error)
{
  sqlite3_stmt *stmt;
  gboolean ok = FALSE;

  g_mutex_lock (&self->lock);
  stmt = prepare (self, "UPDATE stories SET deleted_at = ?2 WHERE uuid = ?1", error);
  if (stmt != NULL)
    {
      byline_store_bind_text (stmt, 1, byline_story_get_uuid (story));
      if (deleted)
        sqlite3_bind_int64 (stmt, 2, g_get_real_time ());
      else
        sqlite3_bind_null (stmt, 2);
      ok = step_done (self, stmt, deleted ? _("move the story to the trash") : _("restore the story"), error);
    }
  g_mutex_unlock (&self->lock);

  return ok;
}

static void
untrack_story (BylineStore *self,
               BylineStory *story)
{
  guint position;

  if (!g_hash_table_remove (self->stories_by_uuid, byline_story_get_uuid (story)))
    return;

  if (g_list_store_find (self->stories, story, &position))
    g_list_store_remove (self->stories, position);
}

gboolean
byline_store_trash_story (BylineStore  *self,
                          BylineStory  *story,
                          GError      **error)
{
  g_autoptr (BylineStory) hold = NULL;

  g_return_val_if_fail (BYLINE_IS_STORE (self), FALSE);
  g_return_val_if_fail (BYLINE_IS_STORY (story), FALSE);

  hold = g_object_ref (story);
  if (!write_story (self, story, error) || !set_deleted_at (self, story, TRUE, error))
    return FALSE;

  g_hash_table_add (self->trashed_uuids, g_strdup (byline_story_get_uuid (story)));
  untrack_story (self, story);
  return TRUE;
}

gboolean
byline_store_restore_story (BylineStore  *self,
                            BylineStory  *story,
                            GError      **error)
{
  g_return_val_if_fail (BYLINE_IS_STORE (self), FALSE);
  g_return_val_if_fail (BYLINE_IS_STORY (story), FALSE);

  if (!set_deleted_at (self, story, FALSE, error))
    return FALSE;

  g_hash_table_remove (self->trashed_uuids, byline_story_get_uuid (story));
  track_story (self, story);
  return TRUE;
}

GListModel *
byline_store_list_trash (BylineStore  *self,
                         GError      **error)
{
  g_autoptr (GPtrArray) stories = NULL;
  GListStore *trash;

  g_return_val_if_fail (BYLINE_IS_STORE (self), NULL);

  g_mutex_lock (&self->lock);
  stories = query_stories (self,
                           "SELECT " STORY_SUMMARY_COLUMNS " FROM stories"
                           " WHERE deleted_at IS NOT NULL ORDER BY deleted_at DESC",
                           error);
  g_mutex_unlock (&self->lock);
  if (stories == NULL)
    return NULL;

  trash = g_list_store_new (BYLINE_TYPE_STORY);
  g_list_store_splice (trash, 0, 0, stories->pdata, stories->len);
  return G_LIST_MODEL (trash);
}

/* Images */

static BylineImage *
image_from_row (sqlite3_stmt *stmt)
{
  BylineImage *image = byline_image_new_with_uuid (byline_store_column_text (stmt, 0), byline_store_column_text (stmt, 1));

  byline_image_set_file (image, byline_store_column_text (stmt, 2));
  byline_image_set_caption (image, byline_store_column_text (stmt, 3));
  byline_image_set_alt_text (image, byline_store_column_text (stmt, 4));
  byline_image_set_credit_line (image, byline_store_column_text (stmt, 5));
  byline_image_set_creator (image, byline_store_column_text (stmt, 6));
  byline_image_set_copyright_holder (image, byline_store_column_text (stmt, 7));
  byline_image_set_source (image, byline_store_column_text (stmt, 8));
  byline_image_set_source_url (image, byline_store_column_text (stmt, 9));
  byline_image_set_permission_kind (image, byline_permission_kind_from_string (byline_store_column_text (stmt, 10)));
  byline_image_set_permission_proof (image, byline_store_column_text (stmt, 11));
  if (sqlite3_column_type (stmt, 12) != SQLITE_NULL)
    {
      g_autoptr (GDateTime) expiry = byline_store_date_time_from_usec (sqlite3_column_int64 (stmt, 12));
      byline_image_set_permission_expiry (image, expiry);
    }
  byline_image_set_usage_terms (image, byline_store_column_text (stmt, 13));
  byline_image_set_featured (image, sqlite3_column_int (stmt, 14));
  byline_image_set_remote_media_id (image, sqlite3_column_int64 (stmt, 15));
  byline_image_set_remote_url (image, byline_store_column_text (stmt, 16));
  byline_image_set_creator_title (image, byline_store_column_text (stmt, 17));

  return image;
}

static GListStore *
query_images_locked (BylineStore  *self,
                     const char   *story_uuid,
                     GError      **error)
{
  g_autoptr (GListStore) images = g_list_store_new (BYLINE_TYPE_IMAGE);
  sqlite3_stmt *stmt;
  int rc;

  stmt = prepare (self,
                  "SELECT uuid, story_uuid, file, caption, alt_text, credit_line, creator,"
                  " copyright_holder, source, source_url, permission_kind, permission_proof,"
                  " permission_expiry, usage_terms, featured, remote_media_id, remote_url, creator_title FROM images"
                  " WHERE story_uuid = ?1 ORDER BY position, rowid",
                  error);
  if (stmt == NULL)
    return NULL;

  byline_store_bind_text (stmt, 1, story_uuid);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr (BylineImage) image = image_from_row (stmt);
      g_list_store_append (images, image);
    }
  sqlite3_finalize (stmt);

  if (rc != SQLITE_DONE)
    {
      byline_store_set_sqlite_error (error, self->db, rc, _("read the images"));
      return NULL;
    }

  return g_steal_pointer (&images);
}

GListModel *
byline_store_list_images (BylineStore  *self,
                          const char   *story_uuid,
                          GError      **error)
{
  GListStore *images;

  g_return_val_if_fail (BYLINE_IS_STORE (self), NULL);
  g_return_val_if_fail (story_uuid != NULL, NULL);

  g_mutex_lock (&self->lock);
  images = query_images_locked (self, story_uuid, error);
  g_mutex_unlock (&self->lock);

  return G_LIST_MODEL (images);
}

static void
bind_image (sqlite3_stmt *stmt,
            BylineImage  *image)
{
  GDateTime *expiry = byline_image_get_permission_expiry (image);

  byline_store_bind_text (stmt, 1, byline_image_get_uuid (image));
  byline_store_bind_text (stmt, 2, byline_image_get_story_uuid (image));
  byline_store_bind_text (stmt, 3, byline_image_get_file (image));
  byline_store_bind_text (stmt, 4, byline_image_get_caption (image));
  byline_store_bind_text (stmt, 5, byline_image_get_alt_text (image));
  byline_store_bind_text (stmt, 6, byline_image_get_credit_line (image));
  byline_store_bind_text (stmt, 7, byline_image_get_creator (image));
  byline_store_bind_text (stmt, 8, byline_image_get_copyright_holder (image));
  byline_store_bind_text (stmt, 9, byline_image_get_source (image));
  byline_store_bind_text (stmt, 10, byline_image_get_source_url (image));
  byline_store_bind_text (stmt, 11, byline_permission_kind_to_string (byline_image_get_permission_kind (image)));
  byline_store_bind_text (stmt, 12, byline_image_get_permission_proof (image));
  if (expiry != NULL)
    sqlite3_bind_int64 (stmt, 13, byline_store_usec_from_date_time (expiry));
  else
    sqlite3_bind_null (stmt, 13);
  byline_store_bind_text (stmt, 14, byline_image_get_usage_terms (image));
  sqlite3_bind_int (stmt, 15, byline_image_get_featured (image));
  sqlite3_bind_int64 (stmt, 16, byline_image_get_remote_media_id (image));
  byline_store_bind_text (stmt, 17, byline_image_get_remote_url (image));
  byline_store_bind_text (stmt, 18, byline_image_get_creator_title (image));
}

gboolean
byline_store_save_image (BylineStore  *self,
                         BylineImage  *image,
                         GError      **error)
{
  sqlite3_stmt *stmt;
  gboolean ok = FALSE;

  g_return_val_if_fail (BYLINE_IS_STORE (self), FALSE);
  g_return_val_if_fail (BYLINE_IS_IMAGE (image), FALSE);

  g_mutex_lock (&self->lock);
  stmt = prepare (self,
                  "INSERT OR REPLACE INTO images (uuid, story_uuid, position, file, caption, alt_text,"
                  " credit_line, creator, copyright_holder, source, source_url, permission_kind,"
                  " permission_proof, permission_expiry, usage_terms, featured, remote_media_id, remote_url,"
                  " creator_title)"
                  " VALUES (?1, ?2,"
                  " COALESCE((SELECT position FROM images WHERE uuid = ?1),"
                  "          (SELECT COUNT(*) FROM images WHERE story_uuid = ?2)),"
                  " ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15,"
                  /* Only the sync sets where the image went: a copy of the image
                   * read before its upload finished must not forget it. */
                  " COALESCE(NULLIF(?16, 0), (SELECT remote_media_id FROM images WHERE uuid = ?1), 0),"
                  " COALESCE(?17, (SELECT remote_url FROM images WHERE uuid = ?1)), ?18)",
                  error);
  if (stmt != NULL)
    {
      bind_image (stmt, image);
      ok = step_done (self, stmt, _("save the image"), error);
    }
  g_mutex_unlock (&self->lock);

  return ok;
}

/* The row goes; the file on disk is the user's and stays where it is. */
gboolean
byline_store_remove_image (BylineStore  *self,
                           BylineImage  *image,
                           GError      **error)
{
  sqlite3_stmt *stmt;
  gboolean ok = FALSE;

  g_return_val_if_fail (BYLINE_IS_STORE (self), FALSE);
  g_return_val_if_fail (BYLINE_IS_IMAGE (image), FALSE);

  g_mutex_lock (&self->lock);
  stmt = prepare (self, "DELETE FROM images WHERE uuid = ?1", error);
  if (stmt != NULL)
    {
      byline_store_bind_text (stmt, 1, byline_image_get_uuid (image));
      ok = step_done (self, stmt, _("remove the image"), error);
    }
  g_mutex_unlock (&self->lock);

  return ok;
}

/* Authors */

static gboolean
has_author (BylineStore *self,
            const char  *name)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->authors));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr (BylineAuthor) author = g_list_model_get_item (G_LIST_MODEL (self->authors), i);
      if (g_str_equal (byline_author_get_name (author), name))
        return TRUE;
    }

  return FALSE;
}

gboolean
byline_store_save_author (BylineStore   *self,
                          BylineAuthor  *author,
                          GError       **error)
{
  sqlite3_stmt *stmt;
  gboolean ok = FALSE;

  g_return_val_if_fail (BYLINE_IS_STORE (self), FALSE);
  g_return_val_if_fail (BYLINE_IS_AUTHOR (author), FALSE);

  g_mutex_lock (&self->lock);
  stmt = prepare (self, "INSERT OR REPLACE INTO authors (name, bio) VALUES (?1, ?2)", error);
  if (stmt != NULL)
    {
      byline_store_bind_text (stmt, 1, byline_author_get_name (author));
      byline_store_bind_text (stmt, 2, byline_author_get_bio (author) ? byline_author_get_bio (author) : "");
      ok = step_done (self, stmt, _("save the author"), error);
    }
  g_mutex_unlock (&self->lock);

  if (ok && !has_author (self, byline_author_get_name (author)))
    g_list_store_append (self->authors, author);

  return ok;
}
