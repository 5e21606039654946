/* byline-store-sync.c: accounts, outbox and conflicts in the local store
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "byline-store-private.h"
#include "byline-store-sync.h"
#include "model/byline-story.h"

static const char * const operation_names[] = { "create", "update" };
static const char * const state_names[] = { "pending", "failed", "conflict" };

BylineStoreAccount *
byline_store_account_new (const char *name,
                          const char *site_url,
                          const char *username)
{
  BylineStoreAccount *account = g_new0 (BylineStoreAccount, 1);

  account->name = g_strdup (name);
  account->site_url = g_strdup (site_url);
  account->username = g_strdup (username);
  account->user_json = g_strdup ("{}");
  return account;
}

void
byline_store_account_free (BylineStoreAccount *account)
{
  if (account == NULL)
    return;

  g_free (account->name);
  g_free (account->site_url);
  g_free (account->username);
  g_free (account->api_root);
  g_free (account->user_json);
  g_free (account->sync_mark);
  g_free (account);
}

void
byline_outbox_entry_free (BylineOutboxEntry *entry)
{
  if (entry == NULL)
    return;

  g_free (entry->story_uuid);
  g_free (entry->account);
  g_free (entry->last_error);
  g_free (entry);
}

const char *
byline_outbox_state_to_string (BylineOutboxState state)
{
  g_return_val_if_fail (state < G_N_ELEMENTS (state_names), NULL);

  return state_names[state];
}

static guint
name_index (const char * const *names,
            guint               n_names,
            const char         *name)
{
  for (guint i = 0; name != NULL && i < n_names; i++)
    {
      if (g_str_equal (names[i], name))
        return i;
    }
  return 0;
}

BylineOutboxState
byline_outbox_state_from_string (const char *name)
{
  return name_index (state_names, G_N_ELEMENTS (state_names), name);
}

/* Runs one statement to completion; the caller holds the store's lock. */
int
byline_store_step_locked (sqlite3           *db,
                          const char        *sql,
                          BylineStoreBinder  bind,
                          gconstpointer      data)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);

  if (rc == SQLITE_OK)
    {
      bind (stmt, data);
      rc = sqlite3_step (stmt);
    }
  sqlite3_finalize (stmt);
  return rc;
}

/* Runs one statement to completion under the store's lock. */
gboolean
byline_store_run_statement (BylineStore        *self,
                            const char         *sql,
                            BylineStoreBinder   bind,
                            gconstpointer       data,
                            const char         *what,
                            GError            **error)
{
  sqlite3 *db = byline_store_lock_db (self);
  int rc = byline_store_step_locked (db, sql, bind, data);

  if (rc != SQLITE_DONE)
    byline_store_set_sqlite_error (error, db, rc, what);
  byline_store_unlock_db (self);

  return rc == SQLITE_DONE;
}

typedef gpointer (*RowReader) (sqlite3_stmt *stmt);

/* Collects every row of a query; NULL only on error. */
static GPtrArray *
run_query (BylineStore    *self,
           const char     *sql,
           BylineStoreBinder          bind,
           gconstpointer   data,
           RowReader       read_row,
           GDestroyNotify  free_row,
           GError        **error)
{
  g_autoptr (GPtrArray) rows = g_ptr_array_new_with_free_func (free_row);
  sqlite3 *db = byline_store_lock_db (self);
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);

  if (rc == SQLITE_OK)
    {
      bind (stmt, data);
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        g_ptr_array_add (rows, read_row (stmt));
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    byline_store_set_sqlite_error (error, db, rc, _("read the sync state"));
  byline_store_unlock_db (self);

  return rc == SQLITE_DONE ? g_steal_pointer (&rows) : NULL;
}

static void
bind_nothing (sqlite3_stmt  *stmt,
              gconstpointer  data)
{
}

void
byline_store_bind_first_text (sqlite3_stmt  *stmt,
                              gconstpointer  data)
{
  byline_store_bind_text (stmt, 1, data);
}

/* Accounts */

#define ACCOUNT_COLUMNS "name, site_url, username, api_root, user_json, has_companion, sync_mark, last_sync"

static void
bind_account (sqlite3_stmt  *stmt,
              gconstpointer  data)
{
  const BylineStoreAccount *account = data;

  byline_store_bind_text (stmt, 1, account->name);
  byline_store_bind_text (stmt, 2, account->site_url);
  byline_store_bind_text (stmt, 3, account->username);
  byline_store_bind_text (stmt, 4, account->api_root);
  byline_store_bind_text (stmt, 5, account->user_json ? account->user_json : "{}");
  sqlite3_bind_int (stmt, 6, account->has_companion);
  byline_store_bind_text (stmt, 7, account->sync_mark);
  sqlite3_bind_int64 (stmt, 8, account->last_sync);
  sqlite3_bind_int64 (stmt, 9, g_get_real_time ());
}

static gpointer
account_from_row (sqlite3_stmt *stmt)
{
  BylineStoreAccount *account = byline_store_account_new (byline_store_column_text (stmt, 0), byline_store_column_text (stmt, 1),
                                                          byline_store_column_text (stmt, 2));

  account->api_root = g_strdup (byline_store_column_text (stmt, 3));
  g_free (account->user_json);
  account->user_json = g_strdup (byline_store_column_text (stmt, 4));
  account->has_companion = sqlite3_column_int (stmt, 5);
  account->sync_mark = g_strdup (byline_store_column_text (stmt, 6));
  account->last_sync = sqlite3_column_int64 (stmt, 7);
  return account;
}

/* Adding an account again under the same name updates it and keeps what was
 * pulled, unless it now points at another site or user. */
gboolean
byline_store_save_account (BylineStore               *self,
                           const BylineStoreAccount  *account,
                           GError                   **error)
{
  g_return_val_if_fail (BYLINE_IS_STORE (self), FALSE);
  g_return_val_if_fail (account != NULL && account->name != NULL, FALSE);
  g_return_val_if_fail (account->site_url != NULL && account->username != NULL, FALSE);

  return byline_store_run_statement (self,
                        "INSERT INTO accounts (" ACCOUNT_COLUMNS ", added)"
                        " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)"
                        " ON CONFLICT (name) DO UPDATE SET site_url = ?2, username = ?3, api_root = ?4,"
                        " user_json = ?5, has_companion = ?6,"
                        " sync_mark = CASE WHEN site_url = ?2 AND username = ?3 THEN COALESCE(?7, sync_mark) END,"
                        " last_sync = CASE WHEN site_url = ?2 AND username = ?3 THEN MAX(?8, last_sync) ELSE ?8 END",
                        bind_account, account, _("save the account"), error);
}

BylineStoreAccount *
byline_store_find_account (BylineStore  *self,
                           const char   *name,
                           GError      **error)
{
  g_autoptr (GPtrArray) rows = NULL;

  g_return_val_if_fail (BYLINE_IS_STORE (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  rows = run_query (self, "SELECT " ACCOUNT_COLUMNS " FROM accounts WHERE name = ?1",
                    byline_store_bind_first_text, name, account_from_row,
                    (GDestroyNotify) byline_store_account_free, error);
  if (rows == NULL)
    return NULL;
  if (rows->len == 0)
    {
      g_set_error (error, BYLINE_STORE_ERROR, BYLINE_STORE_ERROR_NOT_FOUND,
                   _("There is no account called “%s”"), name);
      return NULL;
    }
  return g_ptr_array_steal_index (rows, 0);
}

/* The account's stories stay: they are the user's, whichever site they
 * came from. */
gboolean
byline_store_remove_account (BylineStore  *self,
                             const char   *name,
                             GError      **error)
{
  g_return_val_if_fail (BYLINE_IS_STORE (self), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  return byline_store_run_statement (self, "DELETE FROM accounts WHERE name = ?1", byline_store_bind_first_text, name,
                        _("remove the account"), error);
}

/* Returns: (element-type BylineStoreAccount): the accounts by name */
GPtrArray *
byline_store_list_accounts (BylineStore  *self,
                            GError      **error)
{
  g_return_val_if_fail (BYLINE_IS_STORE (self), NULL);

  return run_query (self, "SELECT " ACCOUNT_COLUMNS " FROM accounts ORDER BY name",
                    bind_nothing, NULL, account_from_row,
                    (GDestroyNotify) byline_store_account_free, error);
}

typedef struct
{
  const char *name;
  const char *sync_mark;
} SyncedArgs;

static void
bind_synced (sqlite3_stmt  *stmt,
             gconstpointer  data)
{
  const SyncedArgs *args = data;

  byline_store_bind_text (stmt, 1, args->name);
  byline_store_bind_text (stmt, 2, args->sync_mark);
  sqlite3_bind_int64 (stmt, 3, g_get_real_time ());
}

/* The mark only moves forward: a pull that saw nothing new keeps it. */
gboolean
byline_store_mark_account_synced (BylineStore  *self,
                                  const char   *name,
                                  const char   *sync_mark,
                                  GError      **error)
{
  SyncedArgs args = { name, sync_mark };

  g_return_val_if_fail (BYLINE_IS_STORE (self), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  return byline_store_run_statement (self,
                        "UPDATE accounts SET last_sync = ?3, sync_mark ="
                        " CASE WHEN sync_mark IS NULL OR ?2 > sync_mark THEN COALESCE(?2, sync_mark)"
                        " ELSE sync_mark END WHERE name = ?1",
                        bind_synced, &args, _("save the account"), error);
}

/* Outbox */

#define OUTBOX_COLUMNS \
  "story_uuid, account, operation, revision, state, attempts, next_attempt, create_sent, last_error"

static gpointer
outbox_entry_from_row (sqlite3_stmt *stmt)
{
  BylineOutboxEntry *entry = g_new0 (BylineOutboxEntry, 1);

  entry->story_uuid = g_strdup (byline_store_column_text (stmt, 0));
  entry->account = g_strdup (byline_store_column_text (stmt, 1));
  entry->operation = name_index (operation_names, G_N_ELEMENTS (operation_names), byline_store_column_text (stmt, 2));
  entry->revision = sqlite3_column_int64 (stmt, 3);
  entry->state = byline_outbox_state_from_string (byline_store_column_text (stmt, 4));
  entry->attempts = sqlite3_column_int (stmt, 5);
  entry->next_attempt = sqlite3_column_int64 (stmt, 6);
  entry->create_sent = sqlite3_column_int (stmt, 7);
  entry->last_error = g_strdup (byline_store_column_text (stmt, 8));
  return entry;
}

/* Called inside the transaction that saves @story. A new edit puts a failed
 * entry back in line (the user may have fixed what the server refused), but
 * never clears a conflict: only resolving it does. */
gboolean
byline_store_enqueue_locked (sqlite3      *db,
                             BylineStory  *story,
                             GError      **error)
{
  const char *account = byline_story_get_account (story);
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (account == NULL || *account == '\0' || !byline_story_get_dirty (story))
    return TRUE;

  rc = sqlite3_prepare_v2 (db,
                           "INSERT INTO outbox (story_uuid, account, operation, queued) VALUES (?1, ?2, ?3, ?4)"
                           " ON CONFLICT (story_uuid) DO UPDATE SET account = ?2, operation = ?3,"
                           " revision = revision + 1, attempts = 0, next_attempt = 0,"
                           " state = CASE state WHEN 'conflict' THEN state ELSE 'pending' END,"
                           " last_error = CASE state WHEN 'conflict' THEN last_error END",
                           -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      byline_store_bind_text (stmt, 1, byline_story_get_uuid (story));
      byline_store_bind_text (stmt, 2, account);
      byline_store_bind_text (stmt, 3, operation_names[byline_story_get_remote_id (story) > 0]);
      sqlite3_bind_int64 (stmt, 4, g_get_real_time ());
      rc = sqlite3_step (stmt);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return byline_store_set_sqlite_error (error, db, rc, _("queue the story for sending"));
  return TRUE;
}

/* Returns: (element-type BylineOutboxEntry): the entries of @account (all
 * accounts when %NULL), oldest first */
GPtrArray *
byline_store_list_outbox (BylineStore  *self,
                          const char   *account,
                          GError      **error)
{
  g_return_val_if_fail (BYLINE_IS_STORE (self), NULL);

  return run_query (self,
                    "SELECT " OUTBOX_COLUMNS " FROM outbox WHERE ?1 IS NULL OR account = ?1"
                    " ORDER BY queued, rowid",
                    byline_store_bind_first_text, account, outbox_entry_from_row,
                    (GDestroyNotify) byline_outbox_entry_free, error);
}

/* Returns: (nullable): the entry, or %NULL (without error) when the story
 * has nothing to send */
BylineOutboxEntry *
byline_store_get_outbox_entry (BylineStore  *self,
                               const char   *story_uuid,
                               GError      **error)
{
  g_autoptr (GPtrArray) rows = NULL;

  g_return_val_if_fail (BYLINE_IS_STORE (self), NULL);
  g_return_val_if_fail (story_uuid != NULL, NULL);

  rows = run_query (self, "SELECT " OUTBOX_COLUMNS " FROM outbox WHERE story_uuid = ?1",
                    byline_store_bind_first_text, story_uuid, outbox_entry_from_row,
                    (GDestroyNotify) byline_outbox_entry_free, error);
  if (rows == NULL || rows->len == 0)
    return NULL;
  return g_ptr_array_steal_index (rows, 0);
}

/* Written before a create goes out: from then on, whether the server got it
 * is unknown until the post is looked up by the story's UUID. */
gboolean
byline_store_outbox_note_create_sent (BylineStore  *self,
                                      const char   *story_uuid,
                                      GError      **error)
{
  g_return_val_if_fail (BYLINE_IS_STORE (self), FALSE);
  g_return_val_if_fail (story_uuid != NULL, FALSE);

  return byline_store_run_statement (self, "UPDATE outbox SET create_sent = 1 WHERE story_uuid = ?1",
                        byline_store_bind_first_text, story_uuid, _("queue the story for sending"), error);
}

void
byline_store_bind_outbox_failure (sqlite3_stmt  *stmt,
                                  gconstpointer  data)
{
  const BylineOutboxFailure *failure = data;

  byline_store_bind_text (stmt, 1, failure->key);
  byline_store_bind_text (stmt, 2, state_names[failure->state]);
  sqlite3_bind_int (stmt, 3, failure->attempts);
  sqlite3_bind_int64 (stmt, 4, failure->next_attempt);
  byline_store_bind_text (stmt, 5, failure->message);
}

gboolean
byline_store_outbox_record_failure (BylineStore        *self,
                                    const char         *story_uuid,
                                    BylineOutboxState   state,
                                    guint               attempts,
                                    gint64              next_attempt,
                                    const char         *message,
                                    GError            **error)
{
  BylineOutboxFailure failure = { story_uuid, state, attempts, next_attempt, message };

  g_return_val_if_fail (BYLINE_IS_STORE (self), FALSE);
  g_return_val_if_fail (story_uuid != NULL, FALSE);
  g_return_val_if_fail (state < G_N_ELEMENTS (state_names), FALSE);

  return byline_store_run_statement (self,
                        "UPDATE outbox SET state = ?2, attempts = ?3, next_attempt = ?4, last_error = ?5"
                        " WHERE story_uuid = ?1",
                        byline_store_bind_outbox_failure, &failure, _("record a failed send"), error);
}

typedef struct
{
  const char *story_uuid;
  gint64      revision;
} CompleteArgs;

static void
bind_complete (sqlite3_stmt  *stmt,
               gconstpointer  data)
{
  const CompleteArgs *args = data;

  byline_store_bind_text (stmt, 1, args->story_uuid);
  sqlite3_bind_int64 (stmt, 2, args->revision);
}

/* Drops the entry if no save came after @revision; a revision below 0
 * drops it whatever came since. */
gboolean
byline_store_outbox_complete (BylineStore  *self,
                              const char   *story_uuid,
                              gint64        revision,
                              GError      **error)
{
  CompleteArgs args = { story_uuid, revision };

  g_return_val_if_fail (BYLINE_IS_STORE (self), FALSE);
  g_return_val_if_fail (story_uuid != NULL, FALSE);

  return byline_store_run_statement (self, "DELETE FROM outbox WHERE story_uuid = ?1 AND (?2 < 0 OR revision = ?2)",
                        bind_complete, &args, _("finish a send"), error);
}

/* Conflicts */

typedef struct
{
  BylineStory *server_version;
  const char  *message;
} ConflictArgs;

static void
bind_conflict (sqlite3_stmt  *stmt,
               gconstpointer  data)
{
  BylineStory *story = ((const ConflictArgs *) data)->server_version;
  const char *body = byline_story_get_body (story);

  byline_store_bind_text (stmt, 1, byline_story_get_uuid (story));
  sqlite3_bind_int64 (stmt, 2, byline_story_get_remote_id (story));
  byline_store_bind_text (stmt, 3, byline_story_get_remote_modified (story));
  byline_store_bind_text (stmt, 4, byline_story_get_headline (story) ? byline_story_get_headline (story) : "");
  byline_store_bind_text (stmt, 5, byline_story_get_dek (story) ? byline_story_get_dek (story) : "");
  byline_store_bind_text (stmt, 6, body ? body : "");
  byline_store_bind_text (stmt, 7, byline_story_status_to_string (byline_story_get_status (story)));
  sqlite3_bind_int64 (stmt, 8, g_get_real_time ());
}

static void
bind_conflict_state (sqlite3_stmt  *stmt,
                     gconstpointer  data)
{
  const ConflictArgs *args = data;

  byline_store_bind_text (stmt, 1, byline_story_get_uuid (args->server_version));
  byline_store_bind_text (stmt, 2, args->message);
}

/* Keeps the server's version of a story beside the local one (which is not
 * touched) and holds the story's outbox entry until the user decides. */
gboolean
byline_store_save_conflict (BylineStore  *self,
                            BylineStory  *server_version,
                            const char   *message,
                            GError      **error)
{
  ConflictArgs args = { server_version, message };
  sqlite3 *db;
  gboolean ok;

  g_return_val_if_fail (BYLINE_IS_STORE (self), FALSE);
  g_return_val_if_fail (BYLINE_IS_STORY (server_version), FALSE);

  db = byline_store_lock_db (self);
  ok = sqlite3_exec (db, "BEGIN IMMEDIATE", NULL, NULL, NULL) == SQLITE_OK &&
       byline_store_step_locked (db,
                                 "INSERT OR REPLACE INTO story_conflicts (story_uuid, remote_id, remote_modified,"
                                 " headline, dek, body, status, detected) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                                 bind_conflict, &args) == SQLITE_DONE &&
       byline_store_step_locked (db,
                                 "UPDATE outbox SET state = 'conflict', last_error = ?2 WHERE story_uuid = ?1",
                                 bind_conflict_state, &args) == SQLITE_DONE &&
       sqlite3_exec (db, "COMMIT", NULL, NULL, NULL) == SQLITE_OK;
  if (!ok)
    {
      byline_store_set_sqlite_error (error, db, sqlite3_errcode (db), _("keep the server’s version"));
      sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
    }
  byline_store_unlock_db (self);

  return ok;
}

static gpointer
conflict_from_row (sqlite3_stmt *stmt)
{
  BylineStory *story = byline_story_new_with_uuid (byline_store_column_text (stmt, 0));
  BylineStoryStatus status = BYLINE_STORY_STATUS_DRAFT;

  byline_story_status_from_string (byline_store_column_text (stmt, 6), &status);
  byline_story_set_remote_id (story, sqlite3_column_int64 (stmt, 1));
  byline_story_set_remote_modified (story, byline_store_column_text (stmt, 2));
  byline_story_set_headline (story, byline_store_column_text (stmt, 3));
  byline_story_set_dek (story, byline_store_column_text (stmt, 4));
  byline_story_set_body (story, byline_store_column_text (stmt, 5));
  byline_story_set_status (story, status);
  return story;
}

/* Returns: (nullable) (transfer full): the server's version of a conflicted
 * story, or %NULL (without error) when the story is not in conflict */
BylineStory *
byline_store_load_conflict (BylineStore  *self,
                            const char   *story_uuid,
                            GError      **error)
{
  g_autoptr (GPtrArray) rows = NULL;

  g_return_val_if_fail (BYLINE_IS_STORE (self), NULL);
  g_return_val_if_fail (story_uuid != NULL, NULL);

  rows = run_query (self,
                    "SELECT story_uuid, remote_id, remote_modified, headline, dek, body, status"
                    " FROM story_conflicts WHERE story_uuid = ?1",
                    byline_store_bind_first_text, story_uuid, conflict_from_row, g_object_unref, error);
  if (rows == NULL || rows->len == 0)
    return NULL;
  return g_ptr_array_steal_index (rows, 0);
}

gboolean
byline_store_clear_conflict (BylineStore  *self,
                             const char   *story_uuid,
                             GError      **error)
{
  g_return_val_if_fail (BYLINE_IS_STORE (self), FALSE);
  g_return_val_if_fail (story_uuid != NULL, FALSE);

  return byline_store_run_statement (self, "DELETE FROM story_conflicts WHERE story_uuid = ?1",
                        byline_store_bind_first_text, story_uuid, _("resolve the conflict"), error) &&
         byline_store_run_statement (self,
                        "UPDATE outbox SET state = 'pending', attempts = 0, next_attempt = 0,"
                        " last_error = NULL WHERE story_uuid = ?1 AND state = 'conflict'",
                        byline_store_bind_first_text, story_uuid, _("resolve the conflict"), error);
}
