/* byline-store-migrations.c: forward-only schema migrations
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "byline-store-private.h"

/* Each entry takes the schema from version N to N + 1. Entries are never
 * edited once released: a change to the schema is a new entry. */
static const char *const migrations[] = {
  /* 0 → 1: stories and their images */
  "CREATE TABLE stories ("
  "  uuid TEXT PRIMARY KEY NOT NULL,"
  "  remote_id INTEGER NOT NULL DEFAULT 0,"
  "  account TEXT,"
  "  headline TEXT NOT NULL DEFAULT '',"
  "  dek TEXT NOT NULL DEFAULT '',"
  "  body TEXT NOT NULL DEFAULT '',"
  "  byline TEXT NOT NULL DEFAULT '',"
  "  status TEXT NOT NULL DEFAULT 'draft',"
  "  tags TEXT NOT NULL DEFAULT '',"
  "  categories TEXT NOT NULL DEFAULT '',"
  "  created INTEGER NOT NULL,"
  "  modified INTEGER NOT NULL,"
  "  remote_modified TEXT,"
  "  dirty INTEGER NOT NULL DEFAULT 0"
  ");"
  "CREATE TABLE images ("
  "  uuid TEXT PRIMARY KEY NOT NULL,"
  "  story_uuid TEXT NOT NULL REFERENCES stories (uuid) ON DELETE CASCADE,"
  "  position INTEGER NOT NULL DEFAULT 0,"
  "  file TEXT,"
  "  caption TEXT,"
  "  alt_text TEXT,"
  "  credit_line TEXT,"
  "  creator TEXT,"
  "  copyright_holder TEXT,"
  "  source TEXT,"
  "  source_url TEXT,"
  "  permission_kind TEXT NOT NULL DEFAULT 'unknown',"
  "  permission_proof TEXT,"
  "  permission_expiry INTEGER,"
  "  usage_terms TEXT,"
  "  featured INTEGER NOT NULL DEFAULT 0"
  ");"
  "CREATE INDEX images_by_story ON images (story_uuid, position);",

  /* 1 → 2: authors, dated updates, related stories and a local trash */
  "ALTER TABLE stories ADD COLUMN deleted_at INTEGER;"
  "CREATE INDEX stories_live_by_modified ON stories (deleted_at, modified DESC);"
  "CREATE TABLE authors ("
  "  name TEXT PRIMARY KEY NOT NULL,"
  "  bio TEXT NOT NULL DEFAULT ''"
  ");"
  "CREATE TABLE story_updates ("
  "  story_uuid TEXT NOT NULL REFERENCES stories (uuid) ON DELETE CASCADE,"
  "  posted_at INTEGER NOT NULL,"
  "  text TEXT NOT NULL"
  ");"
  "CREATE INDEX story_updates_by_story ON story_updates (story_uuid, posted_at);"
  "CREATE TABLE story_related ("
  "  story_uuid TEXT NOT NULL REFERENCES stories (uuid) ON DELETE CASCADE,"
  "  related_uuid TEXT NOT NULL,"
  "  position INTEGER NOT NULL,"
  "  PRIMARY KEY (story_uuid, related_uuid)"
  ");",

  /* 2 → 3: bodies in a table of their own, so that reading the story list
   * does not page through every body of a large newsroom */
  "CREATE TABLE story_bodies ("
  "  story_uuid TEXT PRIMARY KEY NOT NULL REFERENCES stories (uuid) ON DELETE CASCADE,"
  "  body TEXT NOT NULL DEFAULT ''"
  ");"
  "INSERT INTO story_bodies (story_uuid, body) SELECT uuid, body FROM stories;"
  "ALTER TABLE stories DROP COLUMN body;",

  /* 3 → 4: CMS accounts (their passwords live in the keyring, never here),
   * the outbox of changes waiting to be sent, and the server's copy of a
   * story that changed on both sides */
  "CREATE TABLE accounts ("
  "  name TEXT PRIMARY KEY NOT NULL,"
  "  site_url TEXT NOT NULL,"
  "  username TEXT NOT NULL,"
  "  api_root TEXT,"
  "  user_json TEXT NOT NULL DEFAULT '{}',"
  "  has_companion INTEGER NOT NULL DEFAULT 0,"
  "  sync_mark TEXT,"
  "  last_sync INTEGER,"
  "  added INTEGER NOT NULL"
  ");"
  "CREATE TABLE outbox ("
  "  story_uuid TEXT PRIMARY KEY NOT NULL REFERENCES stories (uuid) ON DELETE CASCADE,"
  "  account TEXT NOT NULL,"
  "  operation TEXT NOT NULL,"
  "  revision INTEGER NOT NULL DEFAULT 1,"
  "  state TEXT NOT NULL DEFAULT 'pending',"
  "  attempts INTEGER NOT NULL DEFAULT 0,"
  "  next_attempt INTEGER NOT NULL DEFAULT 0,"
  "  create_sent INTEGER NOT NULL DEFAULT 0,"
  "  last_error TEXT,"
  "  queued INTEGER NOT NULL"
  ");"
  "CREATE INDEX outbox_by_account ON outbox (account, queued);"
  "CREATE TABLE story_conflicts ("
  "  story_uuid TEXT PRIMARY KEY NOT NULL REFERENCES stories (uuid) ON DELETE CASCADE,"
  "  remote_id INTEGER NOT NULL,"
  "  remote_modified TEXT,"
  "  headline TEXT NOT NULL DEFAULT '',"
  "  dek TEXT NOT NULL DEFAULT '',"
  "  body TEXT NOT NULL DEFAULT '',"
  "  status TEXT NOT NULL DEFAULT 'draft',"
  "  detected INTEGER NOT NULL"
  ");"
  "CREATE INDEX stories_by_remote ON stories (account, remote_id);",

  /* 4 → 5: the editorial history of each story — every status change, who
   * made it, when, and the note or override reason that went with it */
  "CREATE TABLE story_history ("
  "  id INTEGER PRIMARY KEY,"
  "  story_uuid TEXT NOT NULL REFERENCES stories (uuid) ON DELETE CASCADE,"
  "  actor TEXT NOT NULL,"
  "  at INTEGER NOT NULL,"
  "  from_status TEXT NOT NULL,"
  "  to_status TEXT NOT NULL,"
  "  note TEXT,"
  "  override_reason TEXT,"
  "  publish_at INTEGER,"
  "  shared INTEGER NOT NULL DEFAULT 0"
  ");"
  "CREATE INDEX story_history_by_story ON story_history (story_uuid, at);",

  /* 5 → 6: uploads of images join the outbox. The outbox proper is keyed by
   * story, so an upload waits in a table of its own, one row per image; the
   * media item is written down as soon as the server makes it, so that a
   * lost answer to the second request never uploads the file twice. */
  "ALTER TABLE images ADD COLUMN remote_media_id INTEGER NOT NULL DEFAULT 0;"
  "ALTER TABLE images ADD COLUMN remote_url TEXT;"
  "CREATE TABLE upload_outbox ("
  "  image_uuid TEXT PRIMARY KEY NOT NULL,"
  "  story_uuid TEXT NOT NULL REFERENCES stories (uuid) ON DELETE CASCADE,"
  "  account TEXT NOT NULL,"
  "  operation TEXT NOT NULL DEFAULT 'upload-image',"
  "  state TEXT NOT NULL DEFAULT 'pending',"
  "  attempts INTEGER NOT NULL DEFAULT 0,"
  "  next_attempt INTEGER NOT NULL DEFAULT 0,"
  "  media_id INTEGER NOT NULL DEFAULT 0,"
  "  last_error TEXT,"
  "  queued INTEGER NOT NULL"
  ");"
  "CREATE INDEX upload_outbox_by_account ON upload_outbox (account, queued);",

  /* 6 → 7: the photographer's title (IIM By-line Title), and the language a
   * story is spell-checked in, an enchant tag such as en_US; empty means the
   * user's default language. */
  "ALTER TABLE images ADD COLUMN creator_title TEXT;"
  "ALTER TABLE stories ADD COLUMN language TEXT NOT NULL DEFAULT '';",

  /* 7 → 8: each body's word count, written with the body, so that the review
   * queue does not read every pending body to count it. NULL for a body saved
   * before: counted when it is read, until it is saved again. */
  "ALTER TABLE story_bodies ADD COLUMN word_count INTEGER;",
};

G_STATIC_ASSERT (G_N_ELEMENTS (migrations) == BYLINE_STORE_SCHEMA_VERSION);

gboolean
byline_store_set_sqlite_error (GError    **error,
                               sqlite3    *db,
                               int         rc,
                               const char *what)
{
  int primary = rc & 0xff;
  BylineStoreError code = BYLINE_STORE_ERROR_IO;

  if (primary == SQLITE_CORRUPT || primary == SQLITE_NOTADB)
    code = BYLINE_STORE_ERROR_CORRUPT;

  g_set_error (error, BYLINE_STORE_ERROR, code,
               /* Translators: the first %s says what was being done, the second is SQLite's reason */
               _("Could not %s in the local store: %s"),
               what, db ? sqlite3_errmsg (db) : sqlite3_errstr (rc));
  return FALSE;
}

int
byline_store_schema_version_of (sqlite3  *db,
                                GError  **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;
  int version = -1;

  rc = sqlite3_prepare_v2 (db, "PRAGMA user_version", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    version = sqlite3_column_int (stmt, 0);
  else
    byline_store_set_sqlite_error (error, db, rc, _("read the schema version"));
  sqlite3_finalize (stmt);

  return version;
}

static gboolean
apply_migration (sqlite3  *db,
                 int       from_version,
                 GError  **error)
{
  g_autofree char *sql = NULL;
  int rc;

  sql = g_strdup_printf ("BEGIN IMMEDIATE;%s;PRAGMA user_version = %d;COMMIT;",
                         migrations[from_version], from_version + 1);
  rc = sqlite3_exec (db, sql, NULL, NULL, NULL);
  if (rc == SQLITE_OK)
    return TRUE;

  byline_store_set_sqlite_error (error, db, rc, _("update the schema"));
  sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
  return FALSE;
}

/* Brings @db forward to @target_version one step at a time, each step in
 * its own transaction so that a crash leaves a consistent older schema. */
gboolean
byline_store_migrate (sqlite3  *db,
                      int       target_version,
                      GError  **error)
{
  int version;

  g_return_val_if_fail (db != NULL, FALSE);
  g_return_val_if_fail (target_version <= BYLINE_STORE_SCHEMA_VERSION, FALSE);

  version = byline_store_schema_version_of (db, error);
  if (version < 0)
    return FALSE;

  for (; version < target_version; version++)
    {
      if (!apply_migration (db, version, error))
        return FALSE;
    }

  return TRUE;
}
