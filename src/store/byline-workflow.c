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
  actor->shares_notes = account->has_companion;
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
                               " note, override_reason, publish_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
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
  Snapshot before = { 0 };
  gboolean ok;

  snapshot_take (&before, story);
  ok = commit_transition (store, story, actor, &before, transition, error);
  snapshot_clear (&before);
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

  snapshot_take (&before, story);
  apply_update (story, text, with_prefix, now);
  ok = commit_transition (store, story, who, &before, &transition, error);
  snapshot_clear (&before);
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

/* Words of the text between tags; entities count as letters. Close enough
 * for an editor planning their hour. */
static guint
count_words (const char *html)
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
  item->word_count = count_words ((const char *) sqlite3_column_text (stmt, 5));
  return item;
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
  sqlite3 *db;
  sqlite3_stmt *stmt = NULL;
  int rc;

  g_return_val_if_fail (BYLINE_IS_STORE (store), NULL);

  items = g_ptr_array_new_with_free_func ((GDestroyNotify) byline_review_item_free);
  db = byline_store_lock_db (store);
  rc = sqlite3_prepare_v2 (db,
                           "SELECT s.uuid, s.headline, s.byline, h.actor, COALESCE (h.at, s.modified) AS since,"
                           " b.body FROM stories s"
                           " LEFT JOIN story_bodies b ON b.story_uuid = s.uuid"
                           " LEFT JOIN story_history h ON h.id = (SELECT id FROM story_history"
                           "   WHERE story_uuid = s.uuid AND to_status = 'pending' ORDER BY at DESC, id DESC LIMIT 1)"
                           " WHERE s.status = 'pending' AND s.deleted_at IS NULL ORDER BY since, s.uuid",
                           -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        g_ptr_array_add (items, review_item_from_row (stmt));
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    byline_store_set_sqlite_error (error, db, rc, _("read the review queue"));
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
