/* byline-workflow.c: editorial transitions, their rules and their history
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "model/byline-story.h"
#include "model/byline-update.h"

#include "byline-store-private.h"
#include "byline-store-sync.h"
#include "byline-workflow.h"

G_DEFINE_QUARK (byline-workflow-error-quark, byline_workflow_error)

/* Actors and roles */

BylineWorkflowActor *
byline_workflow_actor_new (const char         *name,
                           BylineWorkflowRole  role)
{
  BylineWorkflowActor *actor = g_new0 (BylineWorkflowActor, 1);

  actor->name = g_strdup (name != NULL && *name != '\0' ? name : g_get_user_name ());
  actor->role = role;
  return actor;
}

void
byline_workflow_actor_free (BylineWorkflowActor *actor)
{
  if (actor == NULL)
    return;

  g_free (actor->name);
  g_free (actor);
}

static gboolean
strv_contains (const char * const *strv,
               const char         *value)
{
  return strv != NULL && g_strv_contains (strv, value);
}

BylineWorkflowRole
byline_workflow_role_from_capabilities (const char * const *capabilities)
{
  if (strv_contains (capabilities, "publish_posts") && strv_contains (capabilities, "edit_others_posts"))
    return BYLINE_WORKFLOW_ROLE_EDITOR;
  return BYLINE_WORKFLOW_ROLE_WRITER;
}

static JsonObject *
parse_object (JsonParser *parser,
              const char *json)
{
  JsonNode *root;

  if (json == NULL || !json_parser_load_from_data (parser, json, -1, NULL))
    return NULL;
  root = json_parser_get_root (parser);
  return root != NULL && JSON_NODE_HOLDS_OBJECT (root) ? json_node_get_object (root) : NULL;
}

static GStrv
string_array_member (JsonObject *object,
                     const char *member)
{
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
  JsonNode *node = json_object_get_member (object, member);
  JsonArray *array = node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;

  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);

      if (JSON_NODE_HOLDS_VALUE (element) && json_node_get_value_type (element) == G_TYPE_STRING)
        g_strv_builder_add (builder, json_node_get_string (element));
    }
  return g_strv_builder_end (builder);
}

/* A user the site told nothing about gets the least: a writer. */
BylineWorkflowRole
byline_workflow_role_from_user_json (const char *user_json)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  JsonObject *object = parse_object (parser, user_json);
  g_auto (GStrv) capabilities = NULL;

  if (object == NULL)
    return BYLINE_WORKFLOW_ROLE_WRITER;
  capabilities = string_array_member (object, "capabilities");
  return byline_workflow_role_from_capabilities ((const char * const *) capabilities);
}

static const char *
local_user_name (void)
{
  const char *real_name = g_get_real_name ();

  if (real_name != NULL && *real_name != '\0' && !g_str_equal (real_name, "Unknown"))
    return real_name;
  return g_get_user_name ();
}

static char *
account_display_name (const BylineStoreAccount *account)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  JsonObject *object = parse_object (parser, account->user_json);
  const char *display_name = NULL;

  if (object != NULL)
    display_name = json_object_get_string_member_with_default (object, "display_name", NULL);
  return g_strdup (display_name != NULL && *display_name != '\0' ? display_name : account->username);
}

/* A story in step with the site whose history the site did not send back:
 * its plugin is missing or too old to keep notes. */
static gboolean
history_left_behind (BylineStore *store,
                     BylineStory *story)
{
  sqlite3 *db;
  sqlite3_stmt *stmt = NULL;
  gboolean left_behind = FALSE;

  if (byline_story_get_dirty (story) || byline_story_get_remote_id (story) <= 0)
    return FALSE;
  db = byline_store_lock_db (store);
  if (sqlite3_prepare_v2 (db, "SELECT 1 FROM story_history WHERE story_uuid = ?1 AND shared = 0 LIMIT 1", -1, &stmt,
                          NULL) == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, byline_story_get_uuid (story), -1, SQLITE_TRANSIENT);
      left_behind = sqlite3_step (stmt) == SQLITE_ROW;
    }
  sqlite3_finalize (stmt);
  byline_store_unlock_db (store);
  return left_behind;
}

/**
 * byline_workflow_actor_for_story:
 *
 * Returns: (transfer full): the user acting on @story: with the role the
 * story's account last reported, or the local user, who may do anything,
 * when the story belongs to no account known here.
 */
BylineWorkflowActor *
byline_workflow_actor_for_story (BylineStore *store,
                                 BylineStory *story)
{
  const char *account_name;
  g_autoptr (BylineStoreAccount) account = NULL;
  g_autofree char *name = NULL;
  BylineWorkflowActor *actor;

  g_return_val_if_fail (BYLINE_IS_STORE (store), NULL);
  g_return_val_if_fail (BYLINE_IS_STORY (story), NULL);

  account_name = byline_story_get_account (story);
  if (account_name != NULL && *account_name != '\0')
    account = byline_store_find_account (store, account_name, NULL);
  if (account == NULL)
    return byline_workflow_actor_new (local_user_name (), BYLINE_WORKFLOW_ROLE_LOCAL);

  name = account_display_name (account);
  actor = byline_workflow_actor_new (name, byline_workflow_role_from_user_json (account->user_json));
  actor->shares_notes = account->has_companion && !history_left_behind (store, story);
  return actor;
}

gboolean
byline_workflow_role_allows (BylineWorkflowRole   role,
                             BylineWorkflowAction action)
{
  return role != BYLINE_WORKFLOW_ROLE_WRITER || action == BYLINE_WORKFLOW_SUBMIT;
}

gboolean
byline_workflow_status_allows (BylineStoryStatus    status,
                               BylineWorkflowAction action)
{
  switch (action)
    {
    case BYLINE_WORKFLOW_SUBMIT:
      return status == BYLINE_STORY_STATUS_DRAFT;
    case BYLINE_WORKFLOW_SEND_BACK:
      return status == BYLINE_STORY_STATUS_PENDING;
    case BYLINE_WORKFLOW_PUBLISH:
    case BYLINE_WORKFLOW_SCHEDULE:
      return status == BYLINE_STORY_STATUS_DRAFT || status == BYLINE_STORY_STATUS_PENDING ||
             status == BYLINE_STORY_STATUS_SCHEDULED;
    case BYLINE_WORKFLOW_UNPUBLISH:
      return status == BYLINE_STORY_STATUS_PUBLISHED || status == BYLINE_STORY_STATUS_SCHEDULED ||
             status == BYLINE_STORY_STATUS_PRIVATE;
    case BYLINE_WORKFLOW_ADD_UPDATE:
      return status == BYLINE_STORY_STATUS_PUBLISHED;
    default:
      g_return_val_if_reached (FALSE);
    }
}

static const char *
forbidden_message (BylineWorkflowAction action)
{
  switch (action)
    {
    case BYLINE_WORKFLOW_SEND_BACK:
      return _("Only an editor can send a story back; your role on the site does not allow it");
    case BYLINE_WORKFLOW_UNPUBLISH:
      return _("Only an editor can unpublish a story; your role on the site does not allow it");
    case BYLINE_WORKFLOW_ADD_UPDATE:
      return _("Only an editor can update a published story; your role on the site does not allow it");
    default:
      return _("Your role on the site does not allow publishing: submit the story for review instead");
    }
}

static gboolean
check_allowed (const BylineWorkflowActor  *actor,
               BylineStory                *story,
               BylineWorkflowAction        action,
               GError                    **error)
{
  BylineStoryStatus status = byline_story_get_status (story);

  if (!byline_workflow_role_allows (actor->role, action))
    {
      g_set_error_literal (error, BYLINE_WORKFLOW_ERROR, BYLINE_WORKFLOW_ERROR_FORBIDDEN,
                           forbidden_message (action));
      return FALSE;
    }
  if (!byline_workflow_status_allows (status, action))
    {
      g_set_error (error, BYLINE_WORKFLOW_ERROR, BYLINE_WORKFLOW_ERROR_WRONG_STATUS,
                   /* Translators: %s is a story status such as “Published” */
                   _("This cannot be done to a story that is %s"),
                   byline_story_status_get_label (status));
      return FALSE;
    }
  return TRUE;
}

/* The publish gate */

gboolean
byline_workflow_has_sync_conflict (BylineStore *store,
                                   BylineStory *story)
{
  g_autoptr (BylineStory) server_version = NULL;

  g_return_val_if_fail (BYLINE_IS_STORE (store), FALSE);
  g_return_val_if_fail (BYLINE_IS_STORY (story), FALSE);

  server_version = byline_store_load_conflict (store, byline_story_get_uuid (story), NULL);
  return server_version != NULL;
}

/**
 * byline_workflow_check_gate:
 *
 * Returns: (transfer full) (element-type BylineGateIssue): the publish gate's
 * findings for @story going live at @publish_at, or %NULL on error
 */
GPtrArray *
byline_workflow_check_gate (BylineStore  *store,
                            BylineStory  *story,
                            GDateTime    *publish_at,
                            GError      **error)
{
  g_autoptr (GListModel) images = NULL;

  g_return_val_if_fail (BYLINE_IS_STORE (store), NULL);
  g_return_val_if_fail (BYLINE_IS_STORY (story), NULL);
  g_return_val_if_fail (publish_at != NULL, NULL);

  if (!byline_story_get_body_loaded (story) && !byline_store_load_body (store, story, error))
    return NULL;
  images = byline_store_list_images (store, byline_story_get_uuid (story), error);
  if (images == NULL)
    return NULL;
  return byline_publish_gate_check (story, images, publish_at,
                                    byline_workflow_has_sync_conflict (store, story));
}

static gboolean
is_blank (const char *text)
{
  g_autofree char *copy = g_strdup (text != NULL ? text : "");

  return *g_strstrip (copy) == '\0';
}

static const char *
first_message (GPtrArray          *issues,
               BylineGateSeverity  severity)
{
  for (guint i = 0; i < issues->len; i++)
    {
      const BylineGateIssue *issue = g_ptr_array_index (issues, i);

      if (issue->severity == severity)
        return issue->message;
    }
  return "";
}

static gboolean
pass_gate (BylineStore                *store,
           BylineStory                *story,
           GDateTime                  *publish_at,
           const char                 *override_reason,
           gboolean                   *overridden,
           GError                    **error)
{
  g_autoptr (GPtrArray) issues = byline_workflow_check_gate (store, story, publish_at, error);
  guint n_errors;

  if (issues == NULL)
    return FALSE;
  n_errors = byline_publish_gate_count (issues, BYLINE_GATE_ERROR);
  if (n_errors > 0)
    {
      g_set_error (error, BYLINE_WORKFLOW_ERROR, BYLINE_WORKFLOW_ERROR_GATE_BLOCKED,
                   /* Translators: %s is the first problem found; %u how many there are in all */
                   g_dngettext (GETTEXT_PACKAGE, "Not ready to publish: %s (%u problem)",
                                "Not ready to publish: %s (%u problems)", n_errors),
                   first_message (issues, BYLINE_GATE_ERROR), n_errors);
      return FALSE;
    }
  *overridden = byline_publish_gate_count (issues, BYLINE_GATE_WARNING) > 0;
  if (*overridden && is_blank (override_reason))
    {
      g_set_error (error, BYLINE_WORKFLOW_ERROR, BYLINE_WORKFLOW_ERROR_GATE_NEEDS_OVERRIDE,
                   _("Publishing needs an editor’s reason to go ahead despite: %s"),
                   first_message (issues, BYLINE_GATE_WARNING));
      return FALSE;
    }
  return TRUE;
}

/* History */

void
byline_history_entry_free (BylineHistoryEntry *entry)
{
  if (entry == NULL)
    return;

  g_free (entry->story_uuid);
  g_free (entry->actor);
  g_clear_pointer (&entry->at, g_date_time_unref);
  g_free (entry->note);
  g_free (entry->override_reason);
  g_clear_pointer (&entry->publish_at, g_date_time_unref);
  g_free (entry);
}

static void
bind_text_or_null (sqlite3_stmt *stmt,
                   int           column,
                   const char   *text)
{
  if (is_blank (text))
    sqlite3_bind_null (stmt, column);
  else
    sqlite3_bind_text (stmt, column, text, -1, SQLITE_TRANSIENT);
}

static gboolean
insert_history (BylineStore               *store,
                const BylineHistoryEntry  *entry,
                GError                   **error)
{
  sqlite3 *db = byline_store_lock_db (store);
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (db,
                               "INSERT INTO story_history (story_uuid, actor, at, from_status, to_status,"
                               " note, override_reason, publish_at, shared) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                               -1, &stmt, NULL);

  if (rc == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, entry->story_uuid, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 2, entry->actor, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (stmt, 3, byline_store_usec_from_date_time (entry->at));
      sqlite3_bind_text (stmt, 4, byline_story_status_to_string (entry->from_status), -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 5, byline_story_status_to_string (entry->to_status), -1, SQLITE_STATIC);
      bind_text_or_null (stmt, 6, entry->note);
      bind_text_or_null (stmt, 7, entry->override_reason);
      if (entry->publish_at != NULL)
        sqlite3_bind_int64 (stmt, 8, byline_store_usec_from_date_time (entry->publish_at));
      sqlite3_bind_int (stmt, 9, entry->shared);
      rc = sqlite3_step (stmt);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    byline_store_set_sqlite_error (error, db, rc, _("record the story’s history"));
  byline_store_unlock_db (store);

  return rc == SQLITE_DONE;
}

static char *
dup_column (sqlite3_stmt *stmt,
            int           column)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, column));
}

static GDateTime *
column_date_time (sqlite3_stmt *stmt,
                  int           column)
{
  if (sqlite3_column_type (stmt, column) == SQLITE_NULL)
    return NULL;
  return byline_store_date_time_from_usec (sqlite3_column_int64 (stmt, column));
}

static BylineStoryStatus
column_status (sqlite3_stmt *stmt,
               int           column)
{
  BylineStoryStatus status = BYLINE_STORY_STATUS_DRAFT;

  byline_story_status_from_string ((const char *) sqlite3_column_text (stmt, column), &status);
  return status;
}

static BylineHistoryEntry *
history_from_row (sqlite3_stmt *stmt)
{
  BylineHistoryEntry *entry = g_new0 (BylineHistoryEntry, 1);

  entry->story_uuid = dup_column (stmt, 0);
  entry->actor = dup_column (stmt, 1);
  entry->at = column_date_time (stmt, 2);
  entry->from_status = column_status (stmt, 3);
  entry->to_status = column_status (stmt, 4);
  entry->note = dup_column (stmt, 5);
  entry->override_reason = dup_column (stmt, 6);
  entry->publish_at = column_date_time (stmt, 7);
  entry->shared = sqlite3_column_int (stmt, 8);
  return entry;
}

/**
 * byline_workflow_list_history:
 *
 * Returns: (transfer full) (element-type BylineHistoryEntry): the
 * transitions of the story, oldest first, or %NULL on error
 */
GPtrArray *
byline_workflow_list_history (BylineStore  *store,
                              const char   *story_uuid,
                              GError      **error)
{
  g_autoptr (GPtrArray) entries = NULL;
  sqlite3 *db;
  sqlite3_stmt *stmt = NULL;
  int rc;

  g_return_val_if_fail (BYLINE_IS_STORE (store), NULL);
  g_return_val_if_fail (story_uuid != NULL, NULL);

  entries = g_ptr_array_new_with_free_func ((GDestroyNotify) byline_history_entry_free);
  db = byline_store_lock_db (store);
  rc = sqlite3_prepare_v2 (db,
                           "SELECT story_uuid, actor, at, from_status, to_status, note, override_reason,"
                           " publish_at, shared FROM story_history WHERE story_uuid = ?1 ORDER BY at, id",
                           -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, story_uuid, -1, SQLITE_TRANSIENT);
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        g_ptr_array_add (entries, history_from_row (stmt));
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    byline_store_set_sqlite_error (error, db, rc, _("read the story’s history"));
  byline_store_unlock_db (store);

  return rc == SQLITE_DONE ? g_steal_pointer (&entries) : NULL;
}

/**
 * byline_workflow_get_scheduled_date:
 *
 * Returns: (transfer full) (nullable): when the story was last scheduled to go live
 */
GDateTime *
byline_workflow_get_scheduled_date (BylineStore *store,
                                    const char  *story_uuid)
{
  sqlite3 *db;
  sqlite3_stmt *stmt = NULL;
  GDateTime *publish_at = NULL;

  g_return_val_if_fail (BYLINE_IS_STORE (store), NULL);
  g_return_val_if_fail (story_uuid != NULL, NULL);

  db = byline_store_lock_db (store);
  if (sqlite3_prepare_v2 (db,
                          "SELECT publish_at FROM story_history WHERE story_uuid = ?1 AND to_status = 'future'"
                          " AND publish_at IS NOT NULL ORDER BY at DESC, id DESC LIMIT 1",
                          -1, &stmt, NULL) == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, story_uuid, -1, SQLITE_TRANSIENT);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        publish_at = column_date_time (stmt, 0);
    }
  sqlite3_finalize (stmt);
  byline_store_unlock_db (store);

  return publish_at;
}

static GTimeZone *
timezone_from_settings (JsonObject *object)
{
  const char *identifier = json_object_get_string_member_with_default (object, "timezone_string", "");
  JsonNode *offset = json_object_get_member (object, "gmt_offset");

  if (*identifier != '\0')
    return g_time_zone_new_identifier (identifier);
  if (offset != NULL && JSON_NODE_HOLDS_VALUE (offset))
    return g_time_zone_new_offset ((gint32) (json_node_get_double (offset) * 3600));
  return NULL;
}

/**
 * byline_workflow_get_site_timezone:
 *
 * Returns: (transfer full): the timezone of @account's site when the account
 * recorded one (timezone_string or gmt_offset in its user JSON), else local time
 */
GTimeZone *
byline_workflow_get_site_timezone (BylineStore *store,
                                   const char  *account)
{
  g_autoptr (BylineStoreAccount) stored = NULL;
  g_autoptr (JsonParser) parser = json_parser_new ();
  JsonObject *object;
  GTimeZone *timezone = NULL;

  g_return_val_if_fail (BYLINE_IS_STORE (store), NULL);

  if (account != NULL && *account != '\0')
    stored = byline_store_find_account (store, account, NULL);
  object = stored != NULL ? parse_object (parser, stored->user_json) : NULL;
  if (object != NULL)
    timezone = timezone_from_settings (object);
  return timezone != NULL ? timezone : g_time_zone_new_local ();
}

/* Transitions */

typedef struct _BylineWorkflowSavepoint BylineWorkflowSavepoint;

static BylineWorkflowSavepoint *pending_savepoint_take (BylineStore             *store,
                                                        BylineStory             *story);
static void                     pending_savepoint_keep (BylineStore             *store,
                                                        BylineStory             *story,
                                                        BylineWorkflowSavepoint *savepoint,
                                                        gboolean                 committed);

/* What a transition may change, so that a failed save leaves the story in
 * memory exactly as it is on disk. */
typedef struct
{
  BylineStoryStatus  status;
  char              *headline;
  char              *body;
  gboolean           body_loaded;
  GDateTime         *modified;
  gboolean           dirty;
  guint              n_updates;
} Snapshot;

static void
snapshot_take (Snapshot    *snapshot,
               BylineStory *story)
{
  GDateTime *modified = byline_story_get_modified (story);

  snapshot->status = byline_story_get_status (story);
  snapshot->headline = g_strdup (byline_story_get_headline (story));
  snapshot->body = g_strdup (byline_story_get_body (story));
  snapshot->body_loaded = byline_story_get_body_loaded (story);
  snapshot->modified = modified != NULL ? g_date_time_ref (modified) : NULL;
  snapshot->dirty = byline_story_get_dirty (story);
  snapshot->n_updates = g_list_model_get_n_items (byline_story_get_updates (story));
}

static void
snapshot_restore (Snapshot    *snapshot,
                  BylineStory *story)
{
  GListModel *updates = byline_story_get_updates (story);
  guint n_updates = g_list_model_get_n_items (updates);

  byline_story_set_status (story, snapshot->status);
  byline_story_set_headline (story, snapshot->headline);
  if (snapshot->body_loaded)
    byline_story_set_body (story, snapshot->body);
  byline_story_set_modified (story, snapshot->modified);
  byline_story_set_dirty (story, snapshot->dirty);
  if (G_IS_LIST_STORE (updates) && n_updates > snapshot->n_updates)
    g_list_store_splice (G_LIST_STORE (updates), snapshot->n_updates, n_updates - snapshot->n_updates, NULL, 0);
}

static void
snapshot_clear (Snapshot *snapshot)
{
  g_clear_pointer (&snapshot->headline, g_free);
  g_clear_pointer (&snapshot->body, g_free);
  g_clear_pointer (&snapshot->modified, g_date_time_unref);
}

typedef struct
{
  BylineStoryStatus  to_status;
  const char        *note;
  const char        *override_reason;
  GDateTime         *publish_at;
} Transition;

/* Saves the already-changed @story and records the change; if either
 * fails, @story is put back as it was, in memory and on disk. */
static gboolean
commit_transition (BylineStore                *store,
                   BylineStory                *story,
                   const BylineWorkflowActor  *actor,
                   Snapshot                   *before,
                   const Transition           *transition,
                   GError                    **error)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
  BylineHistoryEntry entry = {
    .story_uuid = (char *) byline_story_get_uuid (story),
    .actor = actor->name,
    .at = now,
    .from_status = before->status,
    .to_status = transition->to_status,
    .note = (char *) transition->note,
    .override_reason = (char *) transition->override_reason,
    .publish_at = transition->publish_at,
  };

  byline_story_set_status (story, transition->to_status);
  byline_story_touch (story);
  if (byline_store_save_story (store, story, error))
    {
      if (insert_history (store, &entry, error))
        return TRUE;
      snapshot_restore (before, story);
      byline_store_save_story (store, story, NULL);
      return FALSE;
    }
  snapshot_restore (before, story);
  return FALSE;
}

static gboolean
run_transition (BylineStore                *store,
                BylineStory                *story,
                const BylineWorkflowActor  *actor,
                const Transition           *transition,
                GError                    **error)
{
  BylineWorkflowSavepoint *savepoint = pending_savepoint_take (store, story);
  Snapshot before = { 0 };
  gboolean ok;

  snapshot_take (&before, story);
  ok = commit_transition (store, story, actor, &before, transition, error);
  snapshot_clear (&before);
  pending_savepoint_keep (store, story, savepoint, ok);
  return ok;
}

/* With no actor given, the one the story's account implies. */
static BylineWorkflowActor *
resolve_actor (BylineStore               *store,
               BylineStory               *story,
               const BylineWorkflowActor *actor)
{
  if (actor == NULL)
    return byline_workflow_actor_for_story (store, story);
  return byline_workflow_actor_new (actor->name, actor->role);
}

#define CHECK_ARGUMENTS(store, story)                                        \
  g_return_val_if_fail (BYLINE_IS_STORE (store), FALSE);                     \
  g_return_val_if_fail (BYLINE_IS_STORY (story), FALSE);                     \
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE)

/**
 * byline_workflow_submit:
 * @actor: (nullable): who submits; %NULL for the story's account user
 * @note: (nullable): an optional note to the editor
 *
 * Moves a draft to pending review.
 */
gboolean
byline_workflow_submit (BylineStore                *store,
                        BylineStory                *story,
                        const BylineWorkflowActor  *actor,
                        const char                 *note,
                        GError                    **error)
{
  g_autoptr (BylineWorkflowActor) who = NULL;
  Transition transition = { BYLINE_STORY_STATUS_PENDING, note, NULL, NULL };

  CHECK_ARGUMENTS (store, story);

  who = resolve_actor (store, story, actor);
  return check_allowed (who, story, BYLINE_WORKFLOW_SUBMIT, error) &&
         run_transition (store, story, who, &transition, error);
}

/**
 * byline_workflow_send_back:
 * @note: what the writer should change; required
 *
 * Returns a story pending review to draft.
 */
gboolean
byline_workflow_send_back (BylineStore                *store,
                           BylineStory                *story,
                           const BylineWorkflowActor  *actor,
                           const char                 *note,
                           GError                    **error)
{
  g_autoptr (BylineWorkflowActor) who = NULL;
  Transition transition = { BYLINE_STORY_STATUS_DRAFT, note, NULL, NULL };

  CHECK_ARGUMENTS (store, story);

  who = resolve_actor (store, story, actor);
  if (!check_allowed (who, story, BYLINE_WORKFLOW_SEND_BACK, error))
    return FALSE;
  if (is_blank (note))
    {
      g_set_error_literal (error, BYLINE_WORKFLOW_ERROR, BYLINE_WORKFLOW_ERROR_NOTE_REQUIRED,
                           _("Say what the writer should change: sending a story back needs a note"));
      return FALSE;
    }
  return run_transition (store, story, who, &transition, error);
}

static gboolean
check_override_allowed (const BylineWorkflowActor  *actor,
                        const char                 *override_reason,
                        GError                    **error)
{
  if (is_blank (override_reason) || actor->role != BYLINE_WORKFLOW_ROLE_WRITER)
    return TRUE;
  g_set_error_literal (error, BYLINE_WORKFLOW_ERROR, BYLINE_WORKFLOW_ERROR_FORBIDDEN,
                       _("Only an editor can override the publish checklist"));
  return FALSE;
}

static gboolean
go_live (BylineStore                *store,
         BylineStory                *story,
         const BylineWorkflowActor  *actor,
         BylineWorkflowAction        action,
         Transition                 *transition,
         GError                    **error)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
  gboolean overridden = FALSE;

  if (!check_allowed (actor, story, action, error) ||
      !check_override_allowed (actor, transition->override_reason, error) ||
      !pass_gate (store, story, transition->publish_at ? transition->publish_at : now,
                  transition->override_reason, &overridden, error))
    return FALSE;
  if (!overridden)
    transition->override_reason = NULL;
  return run_transition (store, story, actor, transition, error);
}

/**
 * byline_workflow_publish:
 * @override_reason: (nullable): an editor's reason to go ahead despite the
 *   gate's warnings; recorded in the history
 *
 * Publishes now, if the publish gate lets it.
 */
gboolean
byline_workflow_publish (BylineStore                *store,
                         BylineStory                *story,
                         const BylineWorkflowActor  *actor,
                         const char                 *override_reason,
                         GError                    **error)
{
  g_autoptr (BylineWorkflowActor) who = NULL;
  Transition transition = { BYLINE_STORY_STATUS_PUBLISHED, NULL, override_reason, NULL };

  CHECK_ARGUMENTS (store, story);

  who = resolve_actor (store, story, actor);
  return go_live (store, story, who, BYLINE_WORKFLOW_PUBLISH, &transition, error);
}

/**
 * byline_workflow_schedule:
 * @publish_at: when the story goes live; in the future
 *
 * Schedules the story, checking the gate as of @publish_at.
 */
gboolean
byline_workflow_schedule (BylineStore                *store,
                          BylineStory                *story,
                          const BylineWorkflowActor  *actor,
                          GDateTime                  *publish_at,
                          const char                 *override_reason,
                          GError                    **error)
{
  g_autoptr (BylineWorkflowActor) who = NULL;
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
  Transition transition = { BYLINE_STORY_STATUS_SCHEDULED, NULL, override_reason, publish_at };

  CHECK_ARGUMENTS (store, story);
  g_return_val_if_fail (publish_at != NULL, FALSE);

  who = resolve_actor (store, story, actor);
  if (g_date_time_compare (publish_at, now) <= 0)
    {
      g_set_error_literal (error, BYLINE_WORKFLOW_ERROR, BYLINE_WORKFLOW_ERROR_INVALID_DATE,
                           _("Choose a time in the future to schedule the story"));
      return FALSE;
    }
  return go_live (store, story, who, BYLINE_WORKFLOW_SCHEDULE, &transition, error);
}

/**
 * byline_workflow_unpublish:
 *
 * Returns a published or scheduled story to draft.
 */
gboolean
byline_workflow_unpublish (BylineStore                *store,
                           BylineStory                *story,
                           const BylineWorkflowActor  *actor,
                           GError                    **error)
{
  g_autoptr (BylineWorkflowActor) who = NULL;
  Transition transition = { BYLINE_STORY_STATUS_DRAFT, NULL, NULL, NULL };

  CHECK_ARGUMENTS (store, story);

  who = resolve_actor (store, story, actor);
  return check_allowed (who, story, BYLINE_WORKFLOW_UNPUBLISH, error) &&
         run_transition (store, story, who, &transition, error);
}

/**
 * byline_workflow_append_update_html:
 *
 * Returns: (transfer full): @body_html with a dated UPDATE block after it,
 * the same markup byline_html_append_update() gives a buffer
 */
char *
byline_workflow_append_update_html (const char *body_html,
                                    GDateTime  *posted_at,
                                    const char *text)
{
  g_autofree char *label = NULL;
  g_autofree char *escaped_label = NULL;
  g_autofree char *escaped_text = NULL;
  gboolean needs_newline;

  g_return_val_if_fail (posted_at != NULL, NULL);
  g_return_val_if_fail (text != NULL, NULL);

  body_html = body_html != NULL ? body_html : "";
  /* TRANSLATORS: the heading of an update appended to a published story; strftime format */
  label = g_date_time_format (posted_at, _("UPDATE, %-d %B, %H:%M:"));
  escaped_label = g_markup_escape_text (label, -1);
  escaped_text = g_markup_escape_text (text, -1);
  needs_newline = *body_html != '\0' && !g_str_has_suffix (body_html, "\n");
  return g_strdup_printf ("%s%s<div class=\"byline-update\"><p><strong>%s</strong> %s</p></div>",
                          body_html, needs_newline ? "\n" : "", escaped_label, escaped_text);
}

static void
prefix_headline (BylineStory *story)
{
  const char *headline = byline_story_get_headline (story);
  g_autofree char *prefixed = NULL;

  if (headline != NULL && g_str_has_prefix (headline, BYLINE_UPDATE_HEADLINE_PREFIX))
    return;
  prefixed = g_strconcat (BYLINE_UPDATE_HEADLINE_PREFIX, headline != NULL ? headline : "", NULL);
  byline_story_set_headline (story, prefixed);
}

static void
apply_update (BylineStory *story,
              const char  *text,
              gboolean     with_prefix,
              GDateTime   *posted_at)
{
  g_autoptr (BylineUpdate) update = byline_update_new (posted_at, text);
  g_autofree char *body = byline_workflow_append_update_html (byline_story_get_body (story), posted_at, text);

  byline_story_set_body (story, body);
  byline_story_add_update (story, update);
  if (with_prefix)
    prefix_headline (story);
}

/**
 * byline_workflow_add_update:
 * @text: what changed
 * @prefix_headline: whether the headline gains the "[UPDATE] " prefix
 * @posted_at: (nullable): when; %NULL for now
 *
 * Appends a dated UPDATE block to a published story and republishes it.
 */
gboolean
byline_workflow_add_update (BylineStore                *store,
                            BylineStory                *story,
                            const BylineWorkflowActor  *actor,
                            const char                 *text,
                            gboolean                    with_prefix,
                            GDateTime                  *posted_at,
                            GError                    **error)
{
  g_autoptr (BylineWorkflowActor) who = NULL;
  g_autoptr (GDateTime) now = posted_at != NULL ? g_date_time_ref (posted_at) : g_date_time_new_now_local ();
  Transition transition = { BYLINE_STORY_STATUS_PUBLISHED, text, NULL, NULL };
  BylineWorkflowSavepoint *savepoint;
  Snapshot before = { 0 };
  gboolean ok;

  CHECK_ARGUMENTS (store, story);

  who = resolve_actor (store, story, actor);
  if (!check_allowed (who, story, BYLINE_WORKFLOW_ADD_UPDATE, error))
    return FALSE;
  if (is_blank (text))
    {
      g_set_error_literal (error, BYLINE_WORKFLOW_ERROR, BYLINE_WORKFLOW_ERROR_NOTE_REQUIRED,
                           _("Write what changed: an update needs text"));
      return FALSE;
    }
  if (!byline_story_get_body_loaded (story) && !byline_store_load_body (store, story, error))
    return FALSE;

  savepoint = pending_savepoint_take (store, story);
  snapshot_take (&before, story);
  apply_update (story, text, with_prefix, now);
  ok = commit_transition (store, story, who, &before, &transition, error);
  snapshot_clear (&before);
  pending_savepoint_keep (store, story, savepoint, ok);
  return ok;
}

/* The review queue and the list's counts */

void
byline_review_item_free (BylineReviewItem *item)
{
  if (item == NULL)
    return;

  g_free (item->story_uuid);
  g_free (item->headline);
  g_free (item->writer);
  g_clear_pointer (&item->waiting_since, g_date_time_unref);
  g_free (item);
}

static BylineReviewItem *
review_item_from_row (sqlite3_stmt *stmt)
{
  BylineReviewItem *item = g_new0 (BylineReviewItem, 1);
  const char *submitter = (const char *) sqlite3_column_text (stmt, 3);
  const char *byline = (const char *) sqlite3_column_text (stmt, 2);

  item->story_uuid = dup_column (stmt, 0);
  item->headline = dup_column (stmt, 1);
  item->writer = g_strdup (!is_blank (byline) ? byline : submitter != NULL ? submitter : "");
  item->waiting_since = column_date_time (stmt, 4);
  item->word_count = sqlite3_column_type (stmt, 5) == SQLITE_NULL
                       ? byline_store_count_words ((const char *) sqlite3_column_text (stmt, 6))
                       : (guint) sqlite3_column_int64 (stmt, 5);
  return item;
}

/* A body saved before word counts were stored (schema 8) was counted as it
 * was read: its count is kept, so that it is counted once. */
static void
keep_word_counts (sqlite3   *db,
                  GPtrArray *counted)
{
  sqlite3_stmt *stmt = NULL;

  if (counted->len == 0 ||
      sqlite3_prepare_v2 (db, "UPDATE story_bodies SET word_count = ?2 WHERE story_uuid = ?1 AND word_count IS NULL",
                          -1, &stmt, NULL) != SQLITE_OK)
    return;
  sqlite3_exec (db, "BEGIN IMMEDIATE", NULL, NULL, NULL);
  for (guint i = 0; i < counted->len; i++)
    {
      const BylineReviewItem *item = g_ptr_array_index (counted, i);

      byline_store_bind_text (stmt, 1, item->story_uuid);
      sqlite3_bind_int64 (stmt, 2, item->word_count);
      sqlite3_step (stmt);
      sqlite3_reset (stmt);
    }
  sqlite3_exec (db, "COMMIT", NULL, NULL, NULL);
  sqlite3_finalize (stmt);
}

/**
 * byline_workflow_list_review_queue:
 *
 * Returns: (transfer full) (element-type BylineReviewItem): the stories
 * pending review, the longest waiting first, or %NULL on error
 */
GPtrArray *
byline_workflow_list_review_queue (BylineStore  *store,
                                   GError      **error)
{
  g_autoptr (GPtrArray) items = NULL;
  g_autoptr (GPtrArray) counted = g_ptr_array_new ();
  sqlite3 *db;
  sqlite3_stmt *stmt = NULL;
  int rc;

  g_return_val_if_fail (BYLINE_IS_STORE (store), NULL);

  items = g_ptr_array_new_with_free_func ((GDestroyNotify) byline_review_item_free);
  db = byline_store_lock_db (store);
  rc = sqlite3_prepare_v2 (db,
                           "SELECT s.uuid, s.headline, s.byline, h.actor, COALESCE (h.at, s.modified) AS since,"
                           " b.word_count, CASE WHEN b.word_count IS NULL THEN b.body END FROM stories s"
                           " LEFT JOIN story_bodies b ON b.story_uuid = s.uuid"
                           " LEFT JOIN story_history h ON h.id = (SELECT id FROM story_history"
                           "   WHERE story_uuid = s.uuid AND to_status = 'pending' ORDER BY at DESC, id DESC LIMIT 1)"
                           " WHERE s.status = 'pending' AND s.deleted_at IS NULL ORDER BY since, s.uuid",
                           -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          g_ptr_array_add (items, review_item_from_row (stmt));
          if (sqlite3_column_type (stmt, 5) == SQLITE_NULL && sqlite3_column_type (stmt, 6) != SQLITE_NULL)
            g_ptr_array_add (counted, g_ptr_array_index (items, items->len - 1));
        }
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    byline_store_set_sqlite_error (error, db, rc, _("read the review queue"));
  else
    keep_word_counts (db, counted);
  byline_store_unlock_db (store);

  return rc == SQLITE_DONE ? g_steal_pointer (&items) : NULL;
}

/* One pass over the list, for the filter's counts: a few milliseconds for
 * 100,000 stories, so call it when the list changes, not per keystroke. */
void
byline_workflow_count_statuses (GListModel         *stories,
                                BylineStatusCounts *counts)
{
  guint n_items;

  g_return_if_fail (G_IS_LIST_MODEL (stories));
  g_return_if_fail (counts != NULL);

  n_items = g_list_model_get_n_items (stories);
  *counts = (BylineStatusCounts) { .all = n_items };
  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr (BylineStory) story = g_list_model_get_item (stories, i);

      switch (byline_story_get_status (story))
        {
        case BYLINE_STORY_STATUS_DRAFT:
          counts->drafts++;
          break;
        case BYLINE_STORY_STATUS_PENDING:
          counts->pending++;
          break;
        case BYLINE_STORY_STATUS_SCHEDULED:
          counts->scheduled++;
          break;
        case BYLINE_STORY_STATUS_PUBLISHED:
          counts->published++;
          break;
        case BYLINE_STORY_STATUS_PRIVATE:
        default:
          break;
        }
    }
}

/* History shared through the site (the companion plugin's post meta) */

static void
add_text_member (JsonBuilder *builder,
                 const char  *member,
                 const char  *text)
{
  json_builder_set_member_name (builder, member);
  if (is_blank (text))
    json_builder_add_null_value (builder);
  else
    json_builder_add_string_value (builder, text);
}

static void
add_date_member (JsonBuilder *builder,
                 const char  *member,
                 GDateTime   *date_time)
{
  g_autoptr (GDateTime) utc = date_time != NULL ? g_date_time_to_utc (date_time) : NULL;
  g_autofree char *text = utc != NULL ? g_date_time_format_iso8601 (utc) : NULL;

  add_text_member (builder, member, text);
}

static void
add_history_entry (JsonBuilder              *builder,
                   const BylineHistoryEntry *entry)
{
  json_builder_begin_object (builder);
  add_text_member (builder, "actor", entry->actor);
  add_date_member (builder, "at", entry->at);
  add_text_member (builder, "from", byline_story_status_to_string (entry->from_status));
  add_text_member (builder, "to", byline_story_status_to_string (entry->to_status));
  add_text_member (builder, "note", entry->note);
  add_text_member (builder, "override_reason", entry->override_reason);
  add_date_member (builder, "publish_at", entry->publish_at);
  json_builder_end_object (builder);
}

/**
 * byline_workflow_history_to_json:
 * @entries: (element-type BylineHistoryEntry): a story's history
 *
 * Returns: (transfer full): @entries as the JSON array the companion
 * plugin keeps in the post's byline_history meta
 */
char *
byline_workflow_history_to_json (GPtrArray *entries)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (JsonNode) root = NULL;

  g_return_val_if_fail (entries != NULL, NULL);

  json_builder_begin_array (builder);
  for (guint i = 0; i < entries->len; i++)
    add_history_entry (builder, g_ptr_array_index (entries, i));
  json_builder_end_array (builder);
  root = json_builder_get_root (builder);
  return json_to_string (root, FALSE);
}

static GDateTime *
date_member (JsonObject *object,
             const char *member)
{
  const char *text = json_object_get_string_member_with_default (object, member, NULL);

  return text != NULL ? g_date_time_new_from_iso8601 (text, NULL) : NULL;
}

static char *
text_member (JsonObject *object,
             const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return g_strdup (json_node_get_string (node));
}

/* Anything malformed (a hand-edited meta value) is skipped, not guessed at. */
static BylineHistoryEntry *
history_from_object (const char *story_uuid,
                     JsonObject *object)
{
  g_autoptr (BylineHistoryEntry) entry = g_new0 (BylineHistoryEntry, 1);
  const char *from = json_object_get_string_member_with_default (object, "from", NULL);
  const char *to = json_object_get_string_member_with_default (object, "to", NULL);

  entry->story_uuid = g_strdup (story_uuid);
  entry->actor = text_member (object, "actor");
  entry->at = date_member (object, "at");
  if (entry->actor == NULL || entry->at == NULL ||
      !byline_story_status_from_string (from, &entry->from_status) ||
      !byline_story_status_from_string (to, &entry->to_status))
    return NULL;
  entry->note = text_member (object, "note");
  entry->override_reason = text_member (object, "override_reason");
  entry->publish_at = date_member (object, "publish_at");
  entry->shared = TRUE;
  return g_steal_pointer (&entry);
}

/**
 * byline_workflow_history_from_json:
 *
 * Returns: (transfer full) (element-type BylineHistoryEntry): the entries
 * of a byline_history meta value, each marked shared; empty for an empty or
 * malformed value
 */
GPtrArray *
byline_workflow_history_from_json (const char *story_uuid,
                                   const char *history_json)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  GPtrArray *entries = g_ptr_array_new_with_free_func ((GDestroyNotify) byline_history_entry_free);
  JsonNode *root;
  JsonArray *array;

  g_return_val_if_fail (story_uuid != NULL, entries);

  if (is_blank (history_json) || !json_parser_load_from_data (parser, history_json, -1, NULL))
    return entries;
  root = json_parser_get_root (parser);
  array = root != NULL && JSON_NODE_HOLDS_ARRAY (root) ? json_node_get_array (root) : NULL;
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      BylineHistoryEntry *entry = NULL;

      if (JSON_NODE_HOLDS_OBJECT (element))
        entry = history_from_object (story_uuid, json_node_get_object (element));
      if (entry != NULL)
        g_ptr_array_add (entries, entry);
    }
  return entries;
}

/* The same transition seen from two clients: same time to the microsecond,
 * same people, same change. */
static gboolean
same_transition (const BylineHistoryEntry *a,
                 const BylineHistoryEntry *b)
{
  return g_date_time_equal (a->at, b->at) && g_strcmp0 (a->actor, b->actor) == 0 &&
         a->from_status == b->from_status && a->to_status == b->to_status;
}

static const BylineHistoryEntry *
find_transition (GPtrArray                *entries,
                 const BylineHistoryEntry *wanted)
{
  for (guint i = 0; i < entries->len; i++)
    {
      const BylineHistoryEntry *entry = g_ptr_array_index (entries, i);

      if (same_transition (entry, wanted))
        return entry;
    }
  return NULL;
}

static void
bind_shared (sqlite3_stmt  *stmt,
             gconstpointer  data)
{
  const BylineHistoryEntry *entry = data;

  byline_store_bind_text (stmt, 1, entry->story_uuid);
  sqlite3_bind_int64 (stmt, 2, byline_store_usec_from_date_time (entry->at));
  byline_store_bind_text (stmt, 3, entry->actor);
  byline_store_bind_text (stmt, 4, byline_story_status_to_string (entry->from_status));
  byline_store_bind_text (stmt, 5, byline_story_status_to_string (entry->to_status));
}

static gboolean
mark_shared (BylineStore               *store,
             const BylineHistoryEntry  *entry,
             GError                   **error)
{
  return byline_store_run_statement (store,
                                     "UPDATE story_history SET shared = 1 WHERE story_uuid = ?1 AND at = ?2"
                                     " AND actor = ?3 AND from_status = ?4 AND to_status = ?5",
                                     bind_shared, entry, _("record the story’s history"), error);
}

/**
 * byline_workflow_merge_history:
 * @history_json: (nullable): the post's byline_history meta; %NULL when the
 *   site does not keep it
 *
 * Adds the transitions the site knows and this computer does not, and marks
 * those both know as shared. Entries only here stay, to go with the next
 * push.
 */
gboolean
byline_workflow_merge_history (BylineStore  *store,
                               const char   *story_uuid,
                               const char   *history_json,
                               GError      **error)
{
  g_autoptr (GPtrArray) local = NULL;
  g_autoptr (GPtrArray) remote = NULL;

  g_return_val_if_fail (BYLINE_IS_STORE (store), FALSE);
  g_return_val_if_fail (story_uuid != NULL, FALSE);

  if (history_json == NULL)
    return TRUE;
  local = byline_workflow_list_history (store, story_uuid, error);
  if (local == NULL)
    return FALSE;
  remote = byline_workflow_history_from_json (story_uuid, history_json);
  for (guint i = 0; i < remote->len; i++)
    {
      const BylineHistoryEntry *entry = g_ptr_array_index (remote, i);
      const BylineHistoryEntry *known = find_transition (local, entry);

      if (known != NULL && !known->shared && !mark_shared (store, entry, error))
        return FALSE;
      if (known == NULL && !insert_history (store, entry, error))
        return FALSE;
    }
  return TRUE;
}

/**
 * byline_workflow_history_json_for_story:
 *
 * Returns: (transfer full) (nullable): the story's history as it goes to
 * the site, %NULL if it cannot be read
 */
char *
byline_workflow_history_json_for_story (BylineStore *store,
                                        const char  *story_uuid)
{
  g_autoptr (GPtrArray) entries = NULL;
  g_autoptr (GError) error = NULL;

  g_return_val_if_fail (BYLINE_IS_STORE (store), NULL);
  g_return_val_if_fail (story_uuid != NULL, NULL);

  entries = byline_workflow_list_history (store, story_uuid, &error);
  if (entries == NULL)
    {
      g_warning ("Could not read the history of %s: %s", story_uuid, error->message);
      return NULL;
    }
  return byline_workflow_history_to_json (entries);
}

/**
 * byline_workflow_get_published_date:
 *
 * An update leaves the date alone: only a change from another status into
 * published counts.
 *
 * Returns: (transfer full) (nullable): when the story last went live by
 * being published, as its history says
 */
GDateTime *
byline_workflow_get_published_date (BylineStore *store,
                                    const char  *story_uuid)
{
  sqlite3 *db;
  sqlite3_stmt *stmt = NULL;
  GDateTime *published_at = NULL;

  g_return_val_if_fail (BYLINE_IS_STORE (store), NULL);
  g_return_val_if_fail (story_uuid != NULL, NULL);

  db = byline_store_lock_db (store);
  if (sqlite3_prepare_v2 (db,
                          "SELECT at FROM story_history WHERE story_uuid = ?1 AND to_status = 'publish'"
                          " AND from_status <> 'publish' ORDER BY at DESC, id DESC LIMIT 1",
                          -1, &stmt, NULL) == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, story_uuid, -1, SQLITE_TRANSIENT);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        published_at = column_date_time (stmt, 0);
    }
  sqlite3_finalize (stmt);
  byline_store_unlock_db (store);

  return published_at;
}

/* Savepoints: taking back a transition the site refused */

/* A story as it was before a transition: fields, body, history, place in
 * the outbox. */
struct _BylineWorkflowSavepoint
{
  BylineStory       *story;
  Snapshot           snapshot;
  gint64             last_history_id;
  BylineOutboxEntry *outbox_entry;
  /* When the transition was saved: later, the user edited the story */
  GDateTime         *modified_after;
};

static gint64
last_history_id (BylineStore *store,
                 const char  *story_uuid)
{
  sqlite3 *db = byline_store_lock_db (store);
  sqlite3_stmt *stmt = NULL;
  gint64 id = 0;

  if (sqlite3_prepare_v2 (db, "SELECT COALESCE (MAX (id), 0) FROM story_history WHERE story_uuid = ?1",
                          -1, &stmt, NULL) == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, story_uuid, -1, SQLITE_TRANSIENT);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        id = sqlite3_column_int64 (stmt, 0);
    }
  sqlite3_finalize (stmt);
  byline_store_unlock_db (store);
  return id;
}

static BylineWorkflowSavepoint *
savepoint_take (BylineStore *store,
                BylineStory *story)
{
  BylineWorkflowSavepoint *savepoint = g_new0 (BylineWorkflowSavepoint, 1);

  if (!byline_story_get_body_loaded (story))
    byline_store_load_body (store, story, NULL);
  savepoint->story = g_object_ref (story);
  snapshot_take (&savepoint->snapshot, story);
  savepoint->last_history_id = last_history_id (store, byline_story_get_uuid (story));
  savepoint->outbox_entry = byline_store_get_outbox_entry (store, byline_story_get_uuid (story), NULL);
  return savepoint;
}

static void
savepoint_free (BylineWorkflowSavepoint *savepoint)
{
  g_clear_object (&savepoint->story);
  snapshot_clear (&savepoint->snapshot);
  g_clear_pointer (&savepoint->outbox_entry, byline_outbox_entry_free);
  g_clear_pointer (&savepoint->modified_after, g_date_time_unref);
  g_free (savepoint);
}

static void
bind_history_after (sqlite3_stmt  *stmt,
                    gconstpointer  data)
{
  const BylineWorkflowSavepoint *savepoint = data;

  byline_store_bind_text (stmt, 1, byline_story_get_uuid (savepoint->story));
  sqlite3_bind_int64 (stmt, 2, savepoint->last_history_id);
}

static gboolean
restore_outbox (BylineWorkflowSavepoint  *savepoint,
                BylineStore              *store,
                GError                  **error)
{
  const BylineOutboxEntry *entry = savepoint->outbox_entry;
  const char *uuid = byline_story_get_uuid (savepoint->story);

  if (entry == NULL)
    return byline_store_outbox_complete (store, uuid, -1, error);
  return byline_store_outbox_record_failure (store, uuid, entry->state, entry->attempts, entry->next_attempt,
                                             entry->last_error, error);
}

static gboolean
forget_history_since (BylineWorkflowSavepoint  *savepoint,
                      BylineStore              *store,
                      GError                  **error)
{
  return byline_store_run_statement (store, "DELETE FROM story_history WHERE story_uuid = ?1 AND id > ?2",
                                     bind_history_after, savepoint, _("record the story’s history"), error);
}

static gboolean
savepoint_restore_in (BylineWorkflowSavepoint  *savepoint,
                      BylineStore              *store,
                      GError                  **error)
{
  snapshot_restore (&savepoint->snapshot, savepoint->story);
  return byline_store_save_story (store, savepoint->story, error) &&
         forget_history_since (savepoint, store, error) &&
         restore_outbox (savepoint, store, error);
}

/* Pending transitions: taken back when the site refuses them
 *
 * Each transition of a story that belongs to an account keeps a savepoint
 * until a push gets it to the site. Kept in memory only: after a restart, a
 * refused transition stays, with the site's reason in the outbox. */

#define PENDING_SAVEPOINTS_KEY "byline-workflow-pending-savepoints"

static GHashTable *
pending_savepoints (BylineStore *store)
{
  GHashTable *table = g_object_get_data (G_OBJECT (store), PENDING_SAVEPOINTS_KEY);

  if (table == NULL)
    {
      table = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                     (GDestroyNotify) savepoint_free);
      g_object_set_data_full (G_OBJECT (store), PENDING_SAVEPOINTS_KEY, table,
                              (GDestroyNotify) g_hash_table_unref);
    }
  return table;
}

/* The first of several unsent transitions is the one to go back to. */
static BylineWorkflowSavepoint *
pending_savepoint_take (BylineStore *store,
                        BylineStory *story)
{
  const char *account = byline_story_get_account (story);

  if (account == NULL || *account == '\0' ||
      g_hash_table_contains (pending_savepoints (store), byline_story_get_uuid (story)))
    return NULL;
  return savepoint_take (store, story);
}

static void
pending_savepoint_keep (BylineStore             *store,
                        BylineStory             *story,
                        BylineWorkflowSavepoint *savepoint,
                        gboolean                 committed)
{
  GDateTime *modified = byline_story_get_modified (story);

  if (savepoint == NULL)
    return;
  if (!committed)
    {
      savepoint_free (savepoint);
      return;
    }
  savepoint->modified_after = modified != NULL ? g_date_time_ref (modified) : NULL;
  g_hash_table_replace (pending_savepoints (store), g_strdup (byline_story_get_uuid (story)), savepoint);
}

static gboolean
edited_since (BylineWorkflowSavepoint *savepoint)
{
  GDateTime *modified = byline_story_get_modified (savepoint->story);

  if (modified == NULL || savepoint->modified_after == NULL)
    return modified != savepoint->modified_after;
  return !g_date_time_equal (modified, savepoint->modified_after);
}

/* Edits made after the transition are the user's and stay, to be sent with
 * the status the story had. */
static gboolean
take_back_status_only (BylineWorkflowSavepoint  *savepoint,
                       BylineStore              *store,
                       GError                  **error)
{
  byline_story_set_status (savepoint->story, savepoint->snapshot.status);
  return byline_store_save_story (store, savepoint->story, error) &&
         forget_history_since (savepoint, store, error);
}

/**
 * byline_workflow_take_back_refused:
 *
 * For the sync engine, when the site refused a push (HTTP 403): puts the
 * story back as it was before its unsent transitions — status, history and
 * place in the outbox; its text too, unless the user edited it since.
 *
 * Returns: whether there was a transition to take back
 */
gboolean
byline_workflow_take_back_refused (BylineStore *store,
                                   BylineStory *story)
{
  g_autoptr (GError) error = NULL;
  BylineWorkflowSavepoint *savepoint;
  gboolean ok;

  g_return_val_if_fail (BYLINE_IS_STORE (store), FALSE);
  g_return_val_if_fail (BYLINE_IS_STORY (story), FALSE);

  savepoint = g_hash_table_lookup (pending_savepoints (store), byline_story_get_uuid (story));
  if (savepoint == NULL || savepoint->story != story)
    return FALSE;
  if (edited_since (savepoint))
    ok = take_back_status_only (savepoint, store, &error);
  else
    ok = savepoint_restore_in (savepoint, store, &error);
  if (!ok)
    g_warning ("Could not take back the refused change of “%s”: %s", byline_story_get_headline (story),
               error->message);
  g_hash_table_remove (pending_savepoints (store), byline_story_get_uuid (story));
  return ok;
}

/**
 * byline_workflow_forget_pending:
 *
 * For the sync engine: the story reached the site, its transitions with it.
 */
void
byline_workflow_forget_pending (BylineStore *store,
                                const char  *story_uuid)
{
  g_return_if_fail (BYLINE_IS_STORE (store));
  g_return_if_fail (story_uuid != NULL);

  g_hash_table_remove (pending_savepoints (store), story_uuid);
}
