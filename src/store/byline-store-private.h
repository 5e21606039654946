/* byline-store-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <sqlite3.h>

#include "byline-store.h"

G_BEGIN_DECLS

/* The newest schema this build understands; PRAGMA user_version holds the
 * schema of a database file. */
#define BYLINE_STORE_SCHEMA_VERSION 8

int       byline_store_schema_version_of (sqlite3     *db,
                                          GError     **error);
gboolean  byline_store_migrate           (sqlite3     *db,
                                          int          target_version,
                                          GError     **error);
gboolean  byline_store_set_sqlite_error  (GError     **error,
                                          sqlite3     *db,
                                          int          rc,
                                          const char  *what);

/* For the sync tables (byline-store-sync.c): the connection, with the lock
 * that keeps statement sequences whole. */
sqlite3    *byline_store_lock_db             (BylineStore *self);
void        byline_store_unlock_db           (BylineStore *self);
gboolean    byline_store_enqueue_locked      (sqlite3      *db,
                                              BylineStory  *story,
                                              GError      **error);

gint64      byline_store_usec_from_date_time (GDateTime *date_time);
GDateTime  *byline_store_date_time_from_usec (gint64     usec);

/* Statement helpers shared by the store's files. A binder binds one
 * statement's parameters from @data. */
typedef void (*BylineStoreBinder) (sqlite3_stmt  *stmt,
                                   gconstpointer  data);

/* An outbox entry that failed to send, keyed by its story's or image's uuid;
 * bound as ?1 key, ?2 state, ?3 attempts, ?4 next attempt, ?5 message. */
typedef struct
{
  const char *key;
  guint       state;
  guint       attempts;
  gint64      next_attempt;
  const char *message;
} BylineOutboxFailure;

guint       byline_store_count_words         (const char         *html);
void        byline_store_bind_text           (sqlite3_stmt       *stmt,
                                              int                 column,
                                              const char         *text);
const char *byline_store_column_text         (sqlite3_stmt       *stmt,
                                              int                 column);
void        byline_store_bind_first_text     (sqlite3_stmt       *stmt,
                                              gconstpointer       data);
void        byline_store_bind_outbox_failure (sqlite3_stmt       *stmt,
                                              gconstpointer       data);
int         byline_store_step_locked         (sqlite3            *db,
                                              const char         *sql,
                                              BylineStoreBinder   bind,
                                              gconstpointer       data);
gboolean    byline_store_run_statement       (BylineStore        *self,
                                              const char         *sql,
                                              BylineStoreBinder   bind,
                                              gconstpointer       data,
                                              const char         *what,
                                              GError            **error);

G_END_DECLS
