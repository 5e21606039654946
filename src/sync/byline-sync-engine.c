/* byline-sync-engine.c
 *
 * Local-first: the store is the truth for what the user wrote, the outbox
 * says what still has to reach the server, and nothing the server holds is
 * overwritten without the base the edit started from.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "byline-sync"

#include "config.h"

#include <glib/gi18n.h>

#include "byline-sync-engine.h"
#include "byline-sync-private.h"
#include "byline-sync-terms.h"
#include "model/byline-story.h"
#include "store/byline-store-uploads.h"
#include "store/byline-workflow.h"

#define DEFAULT_BASE_DELAY_MS 500
#define DEFAULT_MAX_DELAY_MS 60000
#define DEFAULT_MAX_ATTEMPTS 8
#define PAGE_SIZE 100
#define AUTOMATIC_RETRY_SECONDS 60

/* Everything a user may see and edit, and the trash, so that an incremental
 * pull notices posts moved there. */
static const char * const pulled_statuses[] = {
  "draft", "pending", "future", "publish", "private", "trash", NULL,
};

struct _BylineSyncEngine
{
  GObject          parent_instance;

  BylineStore     *store;
  char            *account;
  BylineCmsClient *client;
  BylineSyncTerms *terms;
  BylineUploadTracker *upload_tracker;

  guint            base_delay_ms;
  guint            max_delay_ms;
  guint            max_attempts;
  gboolean         busy;

  gboolean         automatic;
  GNetworkMonitor *monitor;
  gulong           network_changed_id;
  guint            retry_source_id;
  GCancellable    *automatic_cancellable;
};

G_DEFINE_FINAL_TYPE (BylineSyncEngine, byline_sync_engine, G_TYPE_OBJECT)
G_DEFINE_QUARK (byline-sync-error-quark, byline_sync_error)

enum {
  PROP_0,
  PROP_STORE,
  PROP_ACCOUNT,
  PROP_CLIENT,
  PROP_BUSY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum
{
  UNREACHABLE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
report_init (BylineSyncReport *report)
{
  memset (report, 0, sizeof *report);
  report->last_transient_code = -1;
  report->last_failure_code = -1;
}

static void
report_add (BylineSyncReport       *total,
            const BylineSyncReport *part)
{
  total->requests += part->requests;
  total->pulled += part->pulled;
  total->unchanged += part->unchanged;
  total->removed += part->removed;
  total->pushed += part->pushed;
  total->uploaded += part->uploaded;
  total->adopted += part->adopted;
  total->retried += part->retried;
  total->failed += part->failed;
  total->conflicts += part->conflicts;
  total->pending += part->pending;
  total->terms_kept_local += part->terms_kept_local;
  if (part->last_transient_code >= 0)
    total->last_transient_code = part->last_transient_code;
  if (part->last_failure_code >= 0)
    total->last_failure_code = part->last_failure_code;
}

/* Kept as long as the engine, so that each term is asked about once. */
static BylineSyncTerms *
engine_terms (BylineSyncEngine *self)
{
  if (self->terms == NULL)
    self->terms = byline_sync_terms_new (self->client);
  return self->terms;
}

static void
set_busy (BylineSyncEngine *self,
          gboolean          busy)
{
  if (self->busy == busy)
    return;

  self->busy = busy;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

/* Claims the engine for one run; a second run at the same time would send
 * the same outbox entries twice. */
static gboolean
claim (BylineSyncEngine *self,
       GTask            *task)
{
  if (self->busy)
    {
      g_task_return_new_error (task, BYLINE_SYNC_ERROR, BYLINE_SYNC_ERROR_BUSY,
                               _("A sync of “%s” is already under way"), self->account);
      return FALSE;
    }
  set_busy (self, TRUE);
  return TRUE;
}

static void
release_with_error (GTask  *task,
                    GError *error)
{
  set_busy (g_task_get_source_object (task), FALSE);
  g_task_return_error (task, error);
}

static gboolean
is_auth_error (const GError *error)
{
  return g_error_matches (error, BYLINE_CMS_ERROR, BYLINE_CMS_ERROR_UNAUTHORIZED) ||
         g_error_matches (error, BYLINE_CMS_ERROR, BYLINE_CMS_ERROR_AUTH_HEADER_STRIPPED) ||
         g_error_matches (error, BYLINE_CMS_ERROR, BYLINE_CMS_ERROR_TLS);
}

/* The account was checked when it was added: a site that suddenly does not
 * look like WordPress is a proxy or a server having a bad moment. */
static gboolean
is_worth_retrying (const GError *error)
{
  return byline_cms_error_is_transient (error) ||
         g_error_matches (error, BYLINE_CMS_ERROR, BYLINE_CMS_ERROR_NOT_WORDPRESS);
}

/* The server has no "unset": a missing dek comes back as "". */
static gboolean
same_text (const char *server,
           const char *local)
{
  return g_strcmp0 (server ? server : "", local ? local : "") == 0;
}

static gboolean
same_content (BylineRemotePost *post,
              BylineStory      *story)
{
  g_autofree char *body = byline_remote_post_dup_story_body (post);

  return same_text (byline_remote_post_get_title (post), byline_story_get_headline (story)) &&
         same_text (byline_remote_post_get_excerpt (post), byline_story_get_dek (story)) &&
         same_text (body, byline_story_get_body (story)) &&
         g_strcmp0 (byline_remote_post_get_status (post),
                    byline_remote_post_status_from_story (byline_story_get_status (story))) == 0;
}

/* Pull */

typedef struct
{
  BylineStoreAccount *account;
  GHashTable         *by_remote_id;
  GHashTable         *seen;
  GHashTable         *trashed_here;
  /* story uuid → the post's history, merged once the stories are saved */
  GHashTable         *histories;
  GPtrArray          *batch;
  /* A full pull's stories missing from the listing: looked for in
   * listings of what the account may read, then read one by one */
  GPtrArray          *missing;
  guint               next_missing;
  GHashTable         *found_readable;
  GListStore         *readable;
  gboolean            full;
  guint               page;
  guint               total_pages;
  char               *newest_modified;
  GDateTime          *modified_after;
  guint               saves_in_flight;
  gboolean            listed;
  GError             *save_error;
  BylineSyncReport    report;
} Pull;

static void
pull_free (Pull *pull)
{
  g_clear_pointer (&pull->account, byline_store_account_free);
  g_clear_pointer (&pull->by_remote_id, g_hash_table_unref);
  g_clear_pointer (&pull->seen, g_hash_table_unref);
  g_clear_pointer (&pull->trashed_here, g_hash_table_unref);
  g_clear_pointer (&pull->histories, g_hash_table_unref);
  g_clear_pointer (&pull->batch, g_ptr_array_unref);
  g_clear_pointer (&pull->missing, g_ptr_array_unref);
  g_clear_pointer (&pull->found_readable, g_hash_table_unref);
  g_clear_object (&pull->readable);
  g_clear_pointer (&pull->newest_modified, g_free);
  g_clear_pointer (&pull->modified_after, g_date_time_unref);
  g_clear_error (&pull->save_error);
  g_free (pull);
}

static gint64 *
id_key (gint64 id)
{
  return g_memdup2 (&id, sizeof id);
}

static GHashTable *
stories_by_remote_id (BylineStore *store,
                      const char  *account)
{
  GHashTable *table = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_object_unref);
  GListModel *stories = byline_store_get_stories (store);

  for (guint i = 0; i < g_list_model_get_n_items (stories); i++)
    {
      g_autoptr (BylineStory) story = g_list_model_get_item (stories, i);
      gint64 id = byline_story_get_remote_id (story);

      if (id > 0 && g_strcmp0 (byline_story_get_account (story), account) == 0)
        g_hash_table_insert (table, id_key (id), g_steal_pointer (&story));
    }
  return table;
}

/* Posts whose story the user moved to the local trash: a pull does not
 * bring them back. */
static GHashTable *
remote_ids_in_trash (BylineStore *store,
                     const char  *account)
{
  GHashTable *table = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autoptr (GListModel) trash = byline_store_list_trash (store, NULL);

  for (guint i = 0; trash != NULL && i < g_list_model_get_n_items (trash); i++)
    {
      g_autoptr (BylineStory) story = g_list_model_get_item (trash, i);
      gint64 id = byline_story_get_remote_id (story);

      if (id > 0 && g_strcmp0 (byline_story_get_account (story), account) == 0)
        g_hash_table_add (table, id_key (id));
    }
  return table;
}

/* WordPress's modified_after is exclusive and has one-second resolution:
 * asking from a second before the mark re-reads the posts of that second
 * (they compare unchanged) rather than missing one saved in it. */
static GDateTime *
modified_after_mark (const char *sync_mark)
{
  g_autofree char *text = NULL;
  g_autoptr (GDateTime) mark = NULL;

  if (sync_mark == NULL)
    return NULL;
  text = g_strconcat (sync_mark, "Z", NULL);
  mark = g_date_time_new_from_iso8601 (text, NULL);
  return mark ? g_date_time_add_seconds (mark, -1) : NULL;
}

static void pull_request_page (GTask *task);

/* A history that does not merge is no reason to fail the pull: the story
 * itself arrived, and the next pull tries again. */
static void
pull_merge_histories (BylineSyncEngine *self,
                      Pull             *pull)
{
  GHashTableIter iter;
  gpointer uuid, history;

  g_hash_table_iter_init (&iter, pull->histories);
  while (g_hash_table_iter_next (&iter, &uuid, &history))
    {
      g_autoptr (GError) error = NULL;

      if (!byline_workflow_merge_history (self->store, uuid, history, &error))
        g_warning ("Could not take in the history of %s: %s", (const char *) uuid, error->message);
    }
  g_hash_table_remove_all (pull->histories);
}

static void
pull_keep_history (Pull             *pull,
                   BylineStory      *story,
                   BylineRemotePost *post)
{
  const char *history = byline_remote_post_get_history (post);

  if (history != NULL && *history != '\0')
    g_hash_table_replace (pull->histories, g_strdup (byline_story_get_uuid (story)), g_strdup (history));
}

static void
pull_maybe_finish (GTask *task)
{
  BylineSyncEngine *self = g_task_get_source_object (task);
  Pull *pull = g_task_get_task_data (task);
  GError *error = NULL;

  if (!pull->listed || pull->saves_in_flight > 0)
    return;

  if (pull->save_error != NULL)
    {
      release_with_error (task, g_steal_pointer (&pull->save_error));
      return;
    }
  pull_merge_histories (self, pull);
  if (!byline_store_mark_account_synced (self->store, self->account, pull->newest_modified, &error))
    {
      release_with_error (task, error);
      return;
    }
  set_busy (self, FALSE);
  g_task_return_boolean (task, TRUE);
}

static void
on_pulled_story_saved (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  Pull *pull = g_task_get_task_data (task);
  GError *error = NULL;

  if (!byline_store_save_story_finish (BYLINE_STORE (source), result, &error))
    {
      if (pull->save_error == NULL)
        pull->save_error = error;
      else
        g_error_free (error);
    }
  pull->saves_in_flight--;
  pull_maybe_finish (task);
}

static void
pull_save (GTask       *task,
           BylineStory *story)
{
  Pull *pull = g_task_get_task_data (task);

  g_ptr_array_add (pull->batch, g_object_ref (story));
}

/* One transaction a page: a thousand commits cost more than the parsing. */
static void
pull_flush (GTask *task)
{
  BylineSyncEngine *self = g_task_get_source_object (task);
  Pull *pull = g_task_get_task_data (task);
  g_autoptr (GPtrArray) batch = g_steal_pointer (&pull->batch);

  pull->batch = g_ptr_array_new_with_free_func (g_object_unref);
  if (batch->len == 0)
    return;
  pull->saves_in_flight++;
  byline_store_save_stories_async (self->store, batch, NULL, on_pulled_story_saved, g_object_ref (task));
}

/* Gone from the server: a story with unsent edits stays, with the reason in
 * its outbox entry; a clean one goes to the local trash, where it can be
 * restored from. */
static void
pull_remove_story (GTask       *task,
                   BylineStory *story)
{
  BylineSyncEngine *self = g_task_get_source_object (task);
  Pull *pull = g_task_get_task_data (task);
  g_autoptr (GError) error = NULL;

  if (byline_story_get_dirty (story))
    byline_store_outbox_record_failure (self->store, byline_story_get_uuid (story), BYLINE_OUTBOX_FAILED, 0, 0,
                                        _("The post was deleted or moved to the trash on the server; "
                                          "your changes are kept here"),
                                        &error);
  else
    byline_store_trash_story (self->store, story, &error);

  if (error != NULL)
    g_warning ("Could not take “%s” off the list: %s", byline_story_get_headline (story), error->message);
  else
    pull->report.removed++;
}

static BylineStory *
new_story_for (BylineSyncEngine *self,
               BylineRemotePost *post)
{
  const char *client_uuid = byline_remote_post_get_client_uuid (post);
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
  BylineStory *story;

  /* The same story keeps the same UUID on every client that pulls it. */
  if (client_uuid != NULL && byline_store_find_story (self->store, client_uuid) == NULL)
    story = byline_story_new_with_uuid (client_uuid);
  else
    story = byline_story_new ();
  byline_story_set_account (story, self->account);
  byline_story_set_created (story, now);
  byline_story_set_modified (story, now);
  return story;
}

/* A post this client created but never heard back about. */
static BylineStory *
find_unadopted_story (BylineSyncEngine *self,
                      BylineRemotePost *post)
{
  const char *client_uuid = byline_remote_post_get_client_uuid (post);
  BylineStory *story = client_uuid ? byline_store_find_story (self->store, client_uuid) : NULL;

  if (story == NULL || byline_story_get_remote_id (story) != 0 ||
      g_strcmp0 (byline_story_get_account (story), self->account) != 0)
    return NULL;
  return story;
}

static gboolean
keep_server_version (BylineSyncEngine  *self,
                     BylineStory       *story,
                     BylineRemotePost  *post,
                     GError           **error)
{
  g_autoptr (BylineStory) server_version = byline_story_new_with_uuid (byline_story_get_uuid (story));

  byline_remote_post_apply_to_story (post, server_version);
  return byline_store_save_conflict (self->store, server_version,
                                     _("The post was changed on the server while you had unsent changes"),
                                     error);
}

static void
pull_apply_to_dirty (GTask            *task,
                     BylineStory      *story,
                     BylineRemotePost *post)
{
  BylineSyncEngine *self = g_task_get_source_object (task);
  Pull *pull = g_task_get_task_data (task);
  g_autoptr (GError) error = NULL;

  if (byline_story_get_remote_id (story) == 0)
    {
      /* Our own lost create: the server holds what we sent, so the pending
       * edit becomes an update from that base instead of a second post. */
      byline_story_set_remote_id (story, byline_remote_post_get_id (post));
      byline_story_set_remote_modified (story, byline_remote_post_get_modified_gmt (post));
      pull->report.adopted++;
      pull_save (task, story);
      return;
    }

  if (!byline_story_get_body_loaded (story))
    byline_store_load_body (self->store, story, NULL);
  if (same_content (post, story))
    {
      /* Our own update, whose answer was lost: only the base moves. */
      byline_story_set_remote_modified (story, byline_remote_post_get_modified_gmt (post));
      pull_save (task, story);
      return;
    }
  if (!keep_server_version (self, story, post, &error))
    g_warning ("Could not keep the server’s version of “%s”: %s", byline_story_get_headline (story), error->message);
  else
    pull->report.conflicts++;
}

/* modified_gmt has one-second resolution: a post edited again within the
 * second the last pull saw keeps its modified_gmt. For that second alone, a
 * story with no local edits is compared by content. */
static gboolean
edited_within_marked_second (BylineSyncEngine *self,
                             Pull             *pull,
                             BylineStory      *story,
                             BylineRemotePost *post)
{
  if (g_strcmp0 (byline_remote_post_get_modified_gmt (post), pull->account->sync_mark) != 0 ||
      byline_story_get_dirty (story))
    return FALSE;
  if (!byline_story_get_body_loaded (story))
    byline_store_load_body (self->store, story, NULL);
  return !same_content (post, story);
}

/* WordPress gives a post created with a date to come (scheduled through
 * the API) that date as its modified_gmt too: as the mark it would hide
 * every later edit from incremental pulls. A day covers clocks that differ. */
static gboolean
is_far_ahead (const char *modified_gmt)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr (GDateTime) tomorrow = g_date_time_add_days (now, 1);
  g_autofree char *limit = g_date_time_format (tomorrow, "%Y-%m-%dT%H:%M:%S");

  return g_strcmp0 (modified_gmt, limit) > 0;
}

static void
pull_apply (GTask            *task,
            BylineRemotePost *post)
{
  BylineSyncEngine *self = g_task_get_source_object (task);
  Pull *pull = g_task_get_task_data (task);
  gint64 id = byline_remote_post_get_id (post);
  const char *modified = byline_remote_post_get_modified_gmt (post);
  BylineStory *story = g_hash_table_lookup (pull->by_remote_id, &id);
  g_autoptr (BylineStory) created = NULL;

  if (story == NULL && g_hash_table_contains (pull->trashed_here, &id))
    {
      pull->report.unchanged++;
      return;
    }
  if (story == NULL)
    story = find_unadopted_story (self, post);
  if (g_strcmp0 (byline_remote_post_get_status (post), "trash") == 0)
    {
      if (story != NULL)
        pull_remove_story (task, story);
      return;
    }

  g_hash_table_add (pull->seen, id_key (id));
  if (modified != NULL && g_strcmp0 (modified, pull->newest_modified) > 0 && !is_far_ahead (modified))
    {
      g_free (pull->newest_modified);
      pull->newest_modified = g_strdup (modified);
    }

  if (story != NULL && byline_story_get_remote_id (story) == id &&
      g_strcmp0 (byline_story_get_remote_modified (story), modified) == 0 &&
      !edited_within_marked_second (self, pull, story, post))
    {
      pull->report.unchanged++;
      return;
    }
  if (story != NULL && byline_story_get_dirty (story))
    {
      pull_keep_history (pull, story, post);
      pull_apply_to_dirty (task, story, post);
      return;
    }

  if (story == NULL)
    story = created = new_story_for (self, post);
  else if (!byline_story_get_body_loaded (story))
    byline_store_load_body (self->store, story, NULL);
  byline_remote_post_apply_to_story (post, story);
  byline_sync_terms_apply_to_story (engine_terms (self), post, story);
  byline_story_set_dirty (story, FALSE);
  pull_keep_history (pull, story, post);
  pull->report.pulled++;
  pull_save (task, story);
}

static void
pull_stop (GTask  *task,
           GError *error)
{
  Pull *pull = g_task_get_task_data (task);

  pull->listed = TRUE;
  g_clear_error (&pull->save_error);
  pull->save_error = error;
  pull_maybe_finish (task);
}

static void
pull_finish_listing (GTask *task)
{
  Pull *pull = g_task_get_task_data (task);

  pull_flush (task);
  pull->listed = TRUE;
  pull_maybe_finish (task);
}

/* The account may still read the post but no longer edit it (a writer's post
 * an editor scheduled or published): its text came only rendered, so the
 * story keeps its own and takes the status. Its remote_modified stays, so the
 * post is taken whole once it is listed again. */
static void
pull_apply_read_only (GTask            *task,
                      BylineStory      *story,
                      BylineRemotePost *post)
{
  Pull *pull = g_task_get_task_data (task);
  BylineStoryStatus status;

  if (!byline_remote_post_status_to_story (byline_remote_post_get_status (post), &status) ||
      status == byline_story_get_status (story))
    {
      pull->report.unchanged++;
      return;
    }
  byline_story_set_status (story, status);
  byline_story_set_dirty (story, FALSE);
  pull_keep_history (pull, story, post);
  pull->report.pulled++;
  pull_save (task, story);
}

/* Unsent edits the server will no longer take from this account stay here,
 * with the reason on their outbox entry, and are not sent. */
static void
pull_hold_unsendable (GTask       *task,
                      BylineStory *story,
                      const char  *reason)
{
  BylineSyncEngine *self = g_task_get_source_object (task);
  Pull *pull = g_task_get_task_data (task);
  g_autoptr (GError) error = NULL;

  if (!byline_store_outbox_record_failure (self->store, byline_story_get_uuid (story), BYLINE_OUTBOX_FAILED, 0, 0,
                                           reason, &error))
    g_warning ("Could not note why “%s” is held: %s", byline_story_get_headline (story), error->message);
  pull->report.failed++;
  pull->report.last_failure_code = BYLINE_CMS_ERROR_FORBIDDEN;
}

static void
pull_apply_readable (GTask            *task,
                     BylineRemotePost *post)
{
  Pull *pull = g_task_get_task_data (task);
  gint64 id = byline_remote_post_get_id (post);
  BylineStory *story = g_hash_table_lookup (pull->by_remote_id, &id);

  if (!byline_remote_post_get_read_only (post))
    pull_apply (task, post);
  else if (byline_story_get_dirty (story))
    pull_hold_unsendable (task, story,
                          _("The post was scheduled or published on the server and your account may no "
                            "longer edit it; your changes are kept here"));
  else
    pull_apply_read_only (task, story, post);
}

static void
on_readable_terms_learnt (GObject      *source,
                          GAsyncResult *result,
                          gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  Pull *pull = g_task_get_task_data (task);
  g_autoptr (GListModel) posts = NULL;
  GError *error = NULL;
  guint requests = 0;

  posts = byline_sync_terms_learn_finish (BYLINE_SYNC_TERMS (source), result, &requests, &error);
  pull->report.requests += requests;
  if (posts == NULL)
    {
      pull_stop (task, error);
      return;
    }
  for (guint i = 0; i < g_list_model_get_n_items (posts); i++)
    {
      g_autoptr (BylineRemotePost) post = g_list_model_get_item (posts, i);
      pull_apply_readable (task, post);
    }
  pull_finish_listing (task);
}

static void
pull_apply_readable_posts (GTask *task)
{
  BylineSyncEngine *self = g_task_get_source_object (task);
  Pull *pull = g_task_get_task_data (task);

  if (g_list_model_get_n_items (G_LIST_MODEL (pull->readable)) == 0)
    {
      pull_finish_listing (task);
      return;
    }
  byline_sync_terms_learn_async (engine_terms (self), G_LIST_MODEL (pull->readable), g_task_get_cancellable (task),
                                 on_readable_terms_learnt, g_object_ref (task));
}

/* Neither deleted nor readable: the story stays as it is. */
static void
pull_keep_unseen (GTask       *task,
                  BylineStory *story)
{
  if (byline_story_get_dirty (story))
    pull_hold_unsendable (task, story,
                          _("Your account may no longer see this post on the server; your changes are kept here"));
  else
    g_message ("“%s” (post %" G_GINT64_FORMAT ") is kept: this account may no longer see it on the server",
               byline_story_get_headline (story), byline_story_get_remote_id (story));
}

static void pull_read_next_missing (GTask *task);

static void
on_missing_post_read (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  Pull *pull = g_task_get_task_data (task);
  BylineStory *story = g_ptr_array_index (pull->missing, pull->next_missing++);
  g_autoptr (BylineRemotePost) post = NULL;
  GError *error = NULL;

  post = byline_cms_client_post_finish (BYLINE_CMS_CLIENT (source), result, &error);
  if (post != NULL && g_strcmp0 (byline_remote_post_get_status (post), "trash") == 0)
    pull_remove_story (task, story);
  else if (post != NULL)
    g_list_store_append (pull->readable, post);
  else if (g_error_matches (error, BYLINE_CMS_ERROR, BYLINE_CMS_ERROR_NOT_FOUND))
    pull_remove_story (task, story);
  else if (g_error_matches (error, BYLINE_CMS_ERROR, BYLINE_CMS_ERROR_FORBIDDEN) ||
           g_error_matches (error, BYLINE_CMS_ERROR, BYLINE_CMS_ERROR_UNAUTHORIZED))
    pull_keep_unseen (task, story);
  else
    {
      pull_stop (task, error);
      return;
    }
  g_clear_error (&error);
  pull_read_next_missing (task);
}

static void
pull_read_next_missing (GTask *task)
{
  BylineSyncEngine *self = g_task_get_source_object (task);
  Pull *pull = g_task_get_task_data (task);
  BylineStory *story;

  if (pull->next_missing == pull->missing->len)
    {
      pull_apply_readable_posts (task);
      return;
    }
  story = g_ptr_array_index (pull->missing, pull->next_missing);
  pull->report.requests++;
  byline_cms_client_read_post_async (self->client, byline_story_get_remote_id (story), g_task_get_cancellable (task),
                                     on_missing_post_read, g_object_ref (task));
}

/* What the readable listings did not show is read one post at a time: the
 * server's answer to each tells deleted from hidden. */
static void
pull_read_unlisted (GTask *task)
{
  Pull *pull = g_task_get_task_data (task);
  g_autoptr (GPtrArray) unlisted = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < pull->missing->len; i++)
    {
      BylineStory *story = g_ptr_array_index (pull->missing, i);
      gint64 id = byline_story_get_remote_id (story);

      if (!g_hash_table_contains (pull->found_readable, &id))
        g_ptr_array_add (unlisted, g_object_ref (story));
    }
  g_ptr_array_unref (pull->missing);
  pull->missing = g_steal_pointer (&unlisted);
  pull->next_missing = 0;
  pull_read_next_missing (task);
}

static void
pull_take_readable (GTask      *task,
                    GListModel *posts)
{
  Pull *pull = g_task_get_task_data (task);

  for (guint i = 0; i < g_list_model_get_n_items (posts); i++)
    {
      g_autoptr (BylineRemotePost) post = g_list_model_get_item (posts, i);
      gint64 id = byline_remote_post_get_id (post);
      BylineStory *story = g_hash_table_lookup (pull->by_remote_id, &id);

      if (story == NULL)
        continue;
      g_hash_table_add (pull->found_readable, id_key (id));
      if (g_strcmp0 (byline_remote_post_get_status (post), "trash") == 0)
        pull_remove_story (task, story);
      else
        g_list_store_append (pull->readable, post);
    }
}

static void pull_list_next_missing (GTask *task);

/* A site that will not list this way leaves every post to be read alone. */
static void
on_missing_listed (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  g_autoptr (GListModel) posts = NULL;
  GError *error = NULL;

  posts = byline_cms_client_list_posts_finish (BYLINE_CMS_CLIENT (source), result, NULL, NULL, &error);
  if (posts == NULL && (is_worth_retrying (error) || is_auth_error (error) ||
                        g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED)))
    {
      pull_stop (task, error);
      return;
    }
  if (posts != NULL)
    pull_take_readable (task, posts);
  g_clear_error (&error);
  pull_list_next_missing (task);
}

/* A hundred missing posts a request, with context=view. */
static void
pull_list_next_missing (GTask *task)
{
  BylineSyncEngine *self = g_task_get_source_object (task);
  Pull *pull = g_task_get_task_data (task);
  g_autofree gint64 *ids = NULL;
  BylineCmsPostQuery query = {
    .page = 1,
    .per_page = PAGE_SIZE,
    .statuses = pulled_statuses,
    .read_only = TRUE,
  };

  if (pull->next_missing == pull->missing->len)
    {
      pull_read_unlisted (task);
      return;
    }
  query.n_include = MIN (PAGE_SIZE, pull->missing->len - pull->next_missing);
  ids = g_new (gint64, query.n_include);
  for (guint i = 0; i < query.n_include; i++)
    ids[i] = byline_story_get_remote_id (g_ptr_array_index (pull->missing, pull->next_missing++));
  query.include = ids;
  pull->report.requests++;
  byline_cms_client_list_posts_async (self->client, &query, g_task_get_cancellable (task), on_missing_listed,
                                      g_object_ref (task));
}

/* Absent from a complete listing is not deleted: WordPress leaves out of an
 * edit listing what the account may no longer edit (a writer's post once it
 * is scheduled or published). Only the server saying that a post is gone or
 * in the trash takes its story away. */
static void
pull_check_missing (GTask *task)
{
  Pull *pull = g_task_get_task_data (task);
  GHashTableIter iter;
  gpointer key, value;

  pull->missing = g_ptr_array_new_with_free_func (g_object_unref);
  pull->found_readable = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  pull->readable = g_list_store_new (BYLINE_TYPE_REMOTE_POST);
  g_hash_table_iter_init (&iter, pull->by_remote_id);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      if (!g_hash_table_contains (pull->seen, key))
        g_ptr_array_add (pull->missing, g_object_ref (value));
    }
  pull_list_next_missing (task);
}

static void pull_apply_page (GTask      *task,
                             GListModel *posts);

/* Term names are learnt before a page is applied: a story saved with a
 * tag missing would send that loss back with its next edit. */
static void
on_page_terms_learnt (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  Pull *pull = g_task_get_task_data (task);
  g_autoptr (GListModel) posts = NULL;
  GError *error = NULL;
  guint requests = 0;

  posts = byline_sync_terms_learn_finish (BYLINE_SYNC_TERMS (source), result, &requests, &error);
  pull->report.requests += requests;
  if (posts == NULL)
    pull_stop (task, error);
  else
    pull_apply_page (task, posts);
}

static void
on_page (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  Pull *pull = g_task_get_task_data (task);
  g_autoptr (GListModel) posts = NULL;
  GError *error = NULL;

  posts = byline_cms_client_list_posts_finish (BYLINE_CMS_CLIENT (source), result, &pull->total_pages, NULL, &error);
  if (posts == NULL)
    {
      pull_stop (task, error);
      return;
    }
  byline_sync_terms_learn_async (engine_terms (g_task_get_source_object (task)), posts,
                                 g_task_get_cancellable (task), on_page_terms_learnt, g_object_ref (task));
}

static void
pull_apply_page (GTask      *task,
                 GListModel *posts)
{
  Pull *pull = g_task_get_task_data (task);

  for (guint i = 0; i < g_list_model_get_n_items (posts); i++)
    {
      g_autoptr (BylineRemotePost) post = g_list_model_get_item (posts, i);
      pull_apply (task, post);
    }
  pull_flush (task);

  if (pull->page < pull->total_pages)
    {
      pull->page++;
      pull_request_page (task);
      return;
    }
  if (pull->full)
    pull_check_missing (task);
  else
    pull_finish_listing (task);
}

static void
pull_request_page (GTask *task)
{
  BylineSyncEngine *self = g_task_get_source_object (task);
  Pull *pull = g_task_get_task_data (task);
  BylineCmsPostQuery query = {
    .page = pull->page,
    .per_page = PAGE_SIZE,
    .statuses = pulled_statuses,
    .modified_after = pull->modified_after,
  };

  pull->report.requests++;
  byline_cms_client_list_posts_async (self->client, &query, g_task_get_cancellable (task), on_page,
                                      g_object_ref (task));
}

/* A full pull lists every post; otherwise only those changed since the last
 * successful pull (the first pull of an account is always full). */
void
byline_sync_engine_pull_async (BylineSyncEngine    *self,
                               gboolean             full,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr (GTask) task = NULL;
  Pull *pull;
  GError *error = NULL;

  g_return_if_fail (BYLINE_IS_SYNC_ENGINE (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, BYLINE_SOURCE_TAG (byline_sync_engine_pull_async));
  pull = g_new0 (Pull, 1);
  report_init (&pull->report);
  g_task_set_task_data (task, pull, (GDestroyNotify) pull_free);
  if (!claim (self, task))
    return;

  pull->account = byline_store_find_account (self->store, self->account, &error);
  if (pull->account == NULL)
    {
      release_with_error (task, error);
      return;
    }
  pull->full = full || pull->account->sync_mark == NULL;
  pull->modified_after = pull->full ? NULL : modified_after_mark (pull->account->sync_mark);
  pull->newest_modified = g_strdup (pull->account->sync_mark);
  pull->by_remote_id = stories_by_remote_id (self->store, self->account);
  pull->trashed_here = remote_ids_in_trash (self->store, self->account);
  pull->seen = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  pull->histories = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  pull->batch = g_ptr_array_new_with_free_func (g_object_unref);
  pull->page = 1;
  pull_request_page (task);
}

gboolean
byline_sync_engine_pull_finish (BylineSyncEngine  *self,
                                GAsyncResult      *result,
                                BylineSyncReport  *report,
                                GError           **error)
{
  Pull *pull;

  g_return_val_if_fail (BYLINE_IS_SYNC_ENGINE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  pull = g_task_get_task_data (G_TASK (result));
  if (report != NULL)
    *report = pull->report;
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Push */

typedef struct
{
  BylineSyncReport    report;
  BylineStoreAccount *account;
  GPtrArray          *entries;
  guint               index;
  BylineStory        *story;
  GDateTime          *snapshot;
  guint               attempts_this_run;
  guint               retry_source_id;
} Push;

static void
push_free (Push *push)
{
  g_clear_handle_id (&push->retry_source_id, g_source_remove);
  g_clear_pointer (&push->account, byline_store_account_free);
  g_clear_pointer (&push->entries, g_ptr_array_unref);
  g_clear_object (&push->story);
  g_clear_pointer (&push->snapshot, g_date_time_unref);
  g_free (push);
}

static BylineOutboxEntry *
push_entry (Push *push)
{
  return g_ptr_array_index (push->entries, push->index);
}

static void push_next (GTask *task);
static void push_send (GTask *task);
static void push_handle_error (GTask  *task,
                               GError *error);

static void
push_advance (GTask *task)
{
  Push *push = g_task_get_task_data (task);

  g_clear_object (&push->story);
  g_clear_pointer (&push->snapshot, g_date_time_unref);
  push->index++;
  push_next (task);
}

static void
note_store_error (const char *what,
                  GError     *error)
{
  if (error != NULL)
    g_warning ("%s: %s", what, error->message);
}

static void
on_pushed_story_saved (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  BylineSyncEngine *self = g_task_get_source_object (task);
  Push *push = g_task_get_task_data (task);
  BylineOutboxEntry *entry = push_entry (push);
  GError *error = NULL;

  if (!byline_store_save_story_finish (BYLINE_STORE (source), result, &error) ||
      !byline_store_outbox_complete (self->store, entry->story_uuid, entry->revision, &error))
    {
      release_with_error (task, error);
      return;
    }
  push->report.pushed++;
  push_advance (task);
}

/* The edit is on the server. It stays dirty only if the user changed it
 * while it was being sent; then its new outbox entry sends that too. */
static void
push_succeed (GTask            *task,
              BylineRemotePost *server_copy)
{
  BylineSyncEngine *self = g_task_get_source_object (task);
  Push *push = g_task_get_task_data (task);
  BylineStory *story = push->story;
  g_autoptr (GError) error = NULL;

  if (!byline_workflow_merge_history (self->store, byline_story_get_uuid (story),
                                      byline_remote_post_get_history (server_copy), &error))
    note_store_error ("Could not record the history the site kept", error);
  byline_workflow_forget_pending (self->store, byline_story_get_uuid (story));
  byline_story_set_remote_id (story, byline_remote_post_get_id (server_copy));
  byline_story_set_remote_modified (story, byline_remote_post_get_modified_gmt (server_copy));
  if (g_date_time_equal (byline_story_get_modified (story), push->snapshot))
    byline_story_set_dirty (story, FALSE);
  byline_store_save_story_async (self->store, story, NULL, on_pushed_story_saved, g_object_ref (task));
}

static void
on_post_sent (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  g_autoptr (BylineRemotePost) server_copy = NULL;
  GError *error = NULL;

  server_copy = byline_cms_client_post_finish (BYLINE_CMS_CLIENT (source), result, &error);
  if (server_copy == NULL)
    push_handle_error (task, error);
  else
    push_succeed (task, server_copy);
}

static const char *
update_base (BylineStory *story)
{
  const char *base = byline_story_get_remote_modified (story);

  /* Without a base there is nothing to prove the server copy is ours to
   * overwrite: the oldest base makes the server report a conflict. */
  return base != NULL ? base : "1970-01-01T00:00:00";
}

/* The featured image goes with the post once it is uploaded; the uploads
 * run first for that. */
static BylineRemotePost *
post_for_story (BylineSyncEngine *self,
                BylineStory      *story)
{
  BylineRemotePost *post = byline_remote_post_new_for_push (self->store, story);
  gint64 featured_media = byline_store_featured_media_id (self->store, byline_story_get_uuid (story));

  if (featured_media > 0)
    byline_remote_post_set_featured_media (post, featured_media);
  byline_sync_terms_apply_to_post (engine_terms (self), story, post);
  return post;
}

static void
push_send_update (GTask *task)
{
  BylineSyncEngine *self = g_task_get_source_object (task);
  Push *push = g_task_get_task_data (task);
  g_autoptr (BylineRemotePost) post = post_for_story (self, push->story);

  push->report.requests++;
  byline_cms_client_update_post_async (self->client, post, update_base (push->story),
                                       g_task_get_cancellable (task), on_post_sent, g_object_ref (task));
}

static void
push_send_create (GTask *task)
{
  BylineSyncEngine *self = g_task_get_source_object (task);
  Push *push = g_task_get_task_data (task);
  BylineOutboxEntry *entry = push_entry (push);
  g_autoptr (BylineRemotePost) post = post_for_story (self, push->story);
  GError *error = NULL;

  /* Recorded before sending: after a crash or a lost answer, the retry
   * looks the post up instead of creating it again. */
  if (!byline_store_outbox_note_create_sent (self->store, entry->story_uuid, &error))
    {
      release_with_error (task, error);
      return;
    }
  entry->create_sent = TRUE;
  push->report.requests++;
  byline_cms_client_create_post_async (self->client, post, g_task_get_cancellable (task), on_post_sent,
                                       g_object_ref (task));
}

static void
on_found (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  Push *push = g_task_get_task_data (task);
  g_autoptr (BylineRemotePost) found = NULL;
  GError *error = NULL;

  found = byline_cms_client_post_finish (BYLINE_CMS_CLIENT (source), result, &error);
  if (g_error_matches (error, BYLINE_CMS_ERROR, BYLINE_CMS_ERROR_NOT_FOUND))
    {
      g_error_free (error);
      push_send_create (task);
      return;
    }
  if (found == NULL)
    {
      push_handle_error (task, error);
      return;
    }

  g_debug ("Adopting post %" G_GINT64_FORMAT " for story %s", byline_remote_post_get_id (found),
           byline_story_get_uuid (push->story));
  push->report.adopted++;
  byline_story_set_remote_id (push->story, byline_remote_post_get_id (found));
  byline_story_set_remote_modified (push->story, byline_remote_post_get_modified_gmt (found));
  if (same_content (found, push->story))
    push_succeed (task, found);
  else
    push_send_update (task);
}

static void
push_send_post (GTask *task)
{
  BylineSyncEngine *self = g_task_get_source_object (task);
  Push *push = g_task_get_task_data (task);
  BylineOutboxEntry *entry = push_entry (push);

  if (byline_story_get_remote_id (push->story) > 0)
    push_send_update (task);
  else if (entry->create_sent && push->account->has_companion)
    {
      push->report.requests++;
      byline_cms_client_find_post_async (self->client, entry->story_uuid, g_task_get_cancellable (task),
                                         on_found, g_object_ref (task));
    }
  else
    push_send_create (task);
}

static void
on_push_terms_resolved (GObject      *source,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  Push *push = g_task_get_task_data (task);
  GError *error = NULL;
  guint requests = 0;
  guint kept_local = 0;
  gboolean resolved;

  resolved = byline_sync_terms_resolve_finish (BYLINE_SYNC_TERMS (source), result, &requests, &kept_local, &error);
  push->report.requests += requests;
  if (!resolved)
    {
      push_handle_error (task, error);
      return;
    }
  /* Counted once a story and run, however often the send is retried. */
  if (push->attempts_this_run == 0)
    push->report.terms_kept_local += kept_local;
  push_send_post (task);
}

/* The story's tags and categories get their ids first, which may create
 * tags on the site; a name the site refuses stays in the story only. */
static void
push_send (GTask *task)
{
  BylineSyncEngine *self = g_task_get_source_object (task);
  Push *push = g_task_get_task_data (task);

  push->retry_source_id = 0;
  byline_sync_terms_resolve_async (engine_terms (self), push->story, g_task_get_cancellable (task),
                                   on_push_terms_resolved, g_object_ref (task));
}

static gboolean
on_retry_due (gpointer user_data)
{
  GTask *task = user_data;

  push_send (task);
  return G_SOURCE_REMOVE;
}

/* Exponential backoff with "equal jitter": half the delay is fixed, half
 * random, so retries from many clients spread out yet still grow. */
static guint
retry_delay_ms (BylineSyncEngine *self,
                guint             attempt)
{
  guint64 delay = (guint64) self->base_delay_ms << MIN (attempt > 0 ? attempt - 1 : 0, 20);

  delay = MIN (delay, self->max_delay_ms);
  return (guint) (delay / 2 + g_random_int_range (0, (gint32) (delay / 2) + 1));
}

static void
push_record (GTask             *task,
             BylineOutboxState  state,
             guint              delay_ms,
             const GError      *error)
{
  BylineSyncEngine *self = g_task_get_source_object (task);
  Push *push = g_task_get_task_data (task);
  BylineOutboxEntry *entry = push_entry (push);
  g_autoptr (GError) store_error = NULL;

  entry->state = state;
  byline_store_outbox_record_failure (self->store, entry->story_uuid, state, entry->attempts,
                                      g_get_real_time () + (gint64) delay_ms * 1000, error->message,
                                      &store_error);
  note_store_error ("Could not record a failed send", store_error);
}

/* Offline, every other entry would wait as long for nothing. */
static void
push_give_up_for_now (GTask *task)
{
  Push *push = g_task_get_task_data (task);

  push->report.pending += push->entries->len - push->index;
  push->index = push->entries->len;
  push_next (task);
}

static void
push_retry_later (GTask  *task,
                  GError *error)
{
  BylineSyncEngine *self = g_task_get_source_object (task);
  Push *push = g_task_get_task_data (task);
  BylineOutboxEntry *entry = push_entry (push);
  guint delay_ms;

  entry->attempts++;
  push->attempts_this_run++;
  push->report.last_transient_code = error->code;
  if (g_error_matches (error, BYLINE_CMS_ERROR, BYLINE_CMS_ERROR_OFFLINE))
    g_signal_emit (self, signals[UNREACHABLE], 0);
  delay_ms = retry_delay_ms (self, push->attempts_this_run);
  push_record (task, BYLINE_OUTBOX_PENDING, delay_ms, error);
  g_debug ("Send of %s failed (%s); attempt %u, next in %u ms", entry->story_uuid, error->message,
           push->attempts_this_run, delay_ms);

  if (push->attempts_this_run < self->max_attempts)
    {
      push->report.retried++;
      push->retry_source_id = g_timeout_add_full (G_PRIORITY_DEFAULT, delay_ms, on_retry_due,
                                                  g_object_ref (task), g_object_unref);
    }
  else if (g_error_matches (error, BYLINE_CMS_ERROR, BYLINE_CMS_ERROR_OFFLINE))
    push_give_up_for_now (task);
  else
    {
      push->report.pending++;
      push_advance (task);
    }
}

static void
on_conflicting_post (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  BylineSyncEngine *self = g_task_get_source_object (task);
  Push *push = g_task_get_task_data (task);
  g_autoptr (BylineRemotePost) server_copy = NULL;
  GError *error = NULL;

  server_copy = byline_cms_client_post_finish (BYLINE_CMS_CLIENT (source), result, &error);
  if (server_copy == NULL)
    {
      push_handle_error (task, error);
      return;
    }
  /* Our own update whose answer got lost: the server moved past our base
   * with exactly what we sent. */
  if (same_content (server_copy, push->story))
    {
      push_succeed (task, server_copy);
      return;
    }
  if (!keep_server_version (self, push->story, server_copy, &error))
    {
      release_with_error (task, error);
      return;
    }
  push_entry (push)->state = BYLINE_OUTBOX_CONFLICT;
  push->report.conflicts++;
  push->report.last_failure_code = BYLINE_CMS_ERROR_CONFLICT;
  push_advance (task);
}

static void
push_fetch_conflicting (GTask *task)
{
  BylineSyncEngine *self = g_task_get_source_object (task);
  Push *push = g_task_get_task_data (task);

  push->report.requests++;
  byline_cms_client_get_post_async (self->client, byline_story_get_remote_id (push->story),
                                    g_task_get_cancellable (task), on_conflicting_post, g_object_ref (task));
}

static void
push_stop_operation (GTask  *task,
                     GError *error)
{
  BylineSyncEngine *self = g_task_get_source_object (task);
  Push *push = g_task_get_task_data (task);

  if (g_error_matches (error, BYLINE_CMS_ERROR, BYLINE_CMS_ERROR_NOT_FOUND))
    {
      g_autoptr (GError) gone = g_error_new (BYLINE_CMS_ERROR, BYLINE_CMS_ERROR_NOT_FOUND,
                                             _("The post is no longer on the server (%s); your "
                                               "story is kept here"), error->message);
      push_record (task, BYLINE_OUTBOX_FAILED, 0, gone);
    }
  else
    push_record (task, BYLINE_OUTBOX_FAILED, 0, error);
  /* A contributor's publish, say: the story goes back to how it was. */
  if (g_error_matches (error, BYLINE_CMS_ERROR, BYLINE_CMS_ERROR_FORBIDDEN))
    byline_workflow_take_back_refused (self->store, push->story);
  push->report.failed++;
  push->report.last_failure_code = error->domain == BYLINE_CMS_ERROR ? error->code : BYLINE_CMS_ERROR_INVALID;
  g_error_free (error);
  push_advance (task);
}

/* Takes @error. Transient errors are retried; a conflict keeps both
 * versions; a refused login stops the run; any other refusal stops this
 * operation only, with its reason kept for the user and the story intact. */
static void
push_handle_error (GTask  *task,
                   GError *error)
{
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    release_with_error (task, error);
  else if (is_auth_error (error))
    {
      push_record (task, BYLINE_OUTBOX_PENDING, 0, error);
      release_with_error (task, error);
    }
  else if (is_worth_retrying (error))
    {
      push_retry_later (task, error);
      g_error_free (error);
    }
  else if (g_error_matches (error, BYLINE_CMS_ERROR, BYLINE_CMS_ERROR_CONFLICT))
    {
      g_error_free (error);
      push_fetch_conflicting (task);
    }
  else
    push_stop_operation (task, error);
}

static gboolean
push_prepare (GTask             *task,
              BylineOutboxEntry *entry)
{
  BylineSyncEngine *self = g_task_get_source_object (task);
  Push *push = g_task_get_task_data (task);
  BylineStory *story = byline_store_find_story (self->store, entry->story_uuid);
  g_autoptr (GError) error = NULL;

  if (story == NULL)
    {
      /* Moved to the local trash since it was queued: nothing to send. */
      byline_store_outbox_complete (self->store, entry->story_uuid, -1, &error);
      note_store_error ("Could not drop a trashed story from the outbox", error);
      return FALSE;
    }
  if (!byline_story_get_body_loaded (story) && !byline_store_load_body (self->store, story, &error))
    {
      push_record (task, BYLINE_OUTBOX_PENDING, 0, error);
      push->report.pending++;
      return FALSE;
    }

  push->story = g_object_ref (story);
  push->snapshot = g_date_time_ref (byline_story_get_modified (story));
  push->attempts_this_run = 0;
  return TRUE;
}

static void
push_finish_run (GTask *task)
{
  BylineSyncEngine *self = g_task_get_source_object (task);

  set_busy (self, FALSE);
  g_task_return_boolean (task, TRUE);
}

static void
push_next (GTask *task)
{
  Push *push = g_task_get_task_data (task);

  for (; push->index < push->entries->len; push->index++)
    {
      BylineOutboxEntry *entry = push_entry (push);

      if (entry->state == BYLINE_OUTBOX_FAILED)
        push->report.failed++;
      else if (entry->state == BYLINE_OUTBOX_CONFLICT)
        push->report.conflicts++;
      else if (push_prepare (task, entry))
        {
          push_send (task);
          return;
        }
    }
  push_finish_run (task);
}

static void
on_uploads_done (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  BylineSyncEngine *self = g_task_get_source_object (task);
  Push *push = g_task_get_task_data (task);
  BylineSyncReport uploads_report;
  GError *error = NULL;

  if (!byline_sync_uploads_finish (result, &uploads_report, &error))
    {
      release_with_error (task, error);
      return;
    }
  report_add (&push->report, &uploads_report);
  push->entries = byline_store_list_outbox (self->store, self->account, &error);
  if (push->entries == NULL)
    {
      release_with_error (task, error);
      return;
    }
  push_next (task);
}

/* Sends the account's image uploads, then its outbox, oldest first, one
 * story at a time. Entries that failed for good or are in conflict wait for
 * the user. */
void
byline_sync_engine_push_async (BylineSyncEngine    *self,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr (GTask) task = NULL;
  Push *push;
  GError *error = NULL;

  g_return_if_fail (BYLINE_IS_SYNC_ENGINE (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, BYLINE_SOURCE_TAG (byline_sync_engine_push_async));
  push = g_new0 (Push, 1);
  report_init (&push->report);
  g_task_set_task_data (task, push, (GDestroyNotify) push_free);
  if (!claim (self, task))
    return;

  push->account = byline_store_find_account (self->store, self->account, &error);
  if (push->account == NULL)
    {
      release_with_error (task, error);
      return;
    }
  byline_sync_terms_begin_run (engine_terms (self));
  byline_sync_uploads_async (self, cancellable, on_uploads_done, g_object_ref (task));
}

gboolean
byline_sync_engine_push_finish (BylineSyncEngine  *self,
                                GAsyncResult      *result,
                                BylineSyncReport  *report,
                                GError           **error)
{
  g_return_val_if_fail (BYLINE_IS_SYNC_ENGINE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  if (report != NULL)
    *report = ((Push *) g_task_get_task_data (G_TASK (result)))->report;
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Push, then pull */

static void
on_sync_pulled (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  BylineSyncReport *total = g_task_get_task_data (task);
  BylineSyncReport part;
  GError *error = NULL;

  if (!byline_sync_engine_pull_finish (BYLINE_SYNC_ENGINE (source), result, &part, &error))
    {
      report_add (total, &part);
      g_task_return_error (task, error);
      return;
    }
  report_add (total, &part);
  g_task_return_boolean (task, TRUE);
}

static void
on_sync_pushed (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  BylineSyncReport *total = g_task_get_task_data (task);
  BylineSyncReport part;
  GError *error = NULL;

  if (!byline_sync_engine_push_finish (BYLINE_SYNC_ENGINE (source), result, &part, &error))
    {
      report_add (total, &part);
      g_task_return_error (task, error);
      return;
    }
  report_add (total, &part);
  byline_sync_engine_pull_async (BYLINE_SYNC_ENGINE (source), FALSE, g_task_get_cancellable (task),
                                 on_sync_pulled, g_object_ref (task));
}

/* Pushing first means the pull then sees this client's own edits as
 * unchanged rather than as news. */
void
byline_sync_engine_sync_async (BylineSyncEngine    *self,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr (GTask) task = NULL;
  BylineSyncReport *total;

  g_return_if_fail (BYLINE_IS_SYNC_ENGINE (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, BYLINE_SOURCE_TAG (byline_sync_engine_sync_async));
  total = g_new0 (BylineSyncReport, 1);
  report_init (total);
  g_task_set_task_data (task, total, g_free);
  byline_sync_engine_push_async (self, cancellable, on_sync_pushed, g_object_ref (task));
}

gboolean
byline_sync_engine_sync_finish (BylineSyncEngine  *self,
                                GAsyncResult      *result,
                                BylineSyncReport  *report,
                                GError           **error)
{
  g_return_val_if_fail (BYLINE_IS_SYNC_ENGINE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  if (report != NULL)
    *report = *(BylineSyncReport *) g_task_get_task_data (G_TASK (result));
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Conflicts */

static void
take_server_version (BylineStory *story,
                     BylineStory *server_version)
{
  byline_story_set_headline (story, byline_story_get_headline (server_version));
  byline_story_set_dek (story, byline_story_get_dek (server_version));
  byline_story_set_body (story, byline_story_get_body (server_version));
  byline_story_set_status (story, byline_story_get_status (server_version));
  byline_story_set_dirty (story, FALSE);
}

/**
 * byline_sync_engine_resolve_conflict:
 * @merged_body: (nullable): the body the user merged by hand, for
 *   %BYLINE_SYNC_RESOLVE_MERGED
 *
 * Settles a conflict. Keeping the local version or a merge sends it on the
 * next push, from the server's version as the new base; keeping the
 * server's version replaces the local edit and sends nothing.
 */
gboolean
byline_sync_engine_resolve_conflict (BylineSyncEngine      *self,
                                     BylineStory           *story,
                                     BylineSyncResolution   resolution,
                                     const char            *merged_body,
                                     GError               **error)
{
  g_autoptr (BylineStory) server_version = NULL;
  g_autoptr (GError) local_error = NULL;
  const char *uuid;

  g_return_val_if_fail (BYLINE_IS_SYNC_ENGINE (self), FALSE);
  g_return_val_if_fail (BYLINE_IS_STORY (story), FALSE);
  g_return_val_if_fail (resolution != BYLINE_SYNC_RESOLVE_MERGED || merged_body != NULL, FALSE);

  uuid = byline_story_get_uuid (story);
  server_version = byline_store_load_conflict (self->store, uuid, &local_error);
  if (server_version == NULL)
    {
      if (local_error != NULL)
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        g_set_error (error, BYLINE_SYNC_ERROR, BYLINE_SYNC_ERROR_NO_CONFLICT,
                     _("“%s” is not in conflict with the server"), byline_story_get_headline (story));
      return FALSE;
    }
  if (!byline_story_get_body_loaded (story) && !byline_store_load_body (self->store, story, error))
    return FALSE;
  if (!byline_store_clear_conflict (self->store, uuid, error))
    return FALSE;

  byline_story_set_remote_modified (story, byline_story_get_remote_modified (server_version));
  if (resolution == BYLINE_SYNC_RESOLVE_KEEP_SERVER)
    take_server_version (story, server_version);
  else
    {
      if (resolution == BYLINE_SYNC_RESOLVE_MERGED)
        byline_story_set_body (story, merged_body);
      byline_story_touch (story);
    }

  if (!byline_store_save_story (self->store, story, error))
    return FALSE;
  return resolution != BYLINE_SYNC_RESOLVE_KEEP_SERVER ||
         byline_store_outbox_complete (self->store, uuid, -1, error);
}

/* Automatic runs */

static void
on_automatic_sync_done (GObject      *source,
                        GAsyncResult *result,
                        gpointer      user_data);

static void
start_automatic_sync (BylineSyncEngine *self)
{
  if (self->busy || !g_network_monitor_get_network_available (self->monitor))
    return;

  g_debug ("Syncing %s automatically", self->account);
  byline_sync_engine_sync_async (self, self->automatic_cancellable, on_automatic_sync_done, NULL);
}

static gboolean
on_retry_timer (gpointer user_data)
{
  BylineSyncEngine *self = user_data;

  self->retry_source_id = 0;
  start_automatic_sync (self);
  return G_SOURCE_REMOVE;
}

static void
on_automatic_sync_done (GObject      *source,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  BylineSyncEngine *self = BYLINE_SYNC_ENGINE (source);
  g_autoptr (GError) error = NULL;
  BylineSyncReport report;

  if (!byline_sync_engine_sync_finish (self, result, &report, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      g_debug ("Automatic sync of %s failed: %s", self->account, error->message);
    }
  if (self->automatic && (error != NULL || report.pending > 0) && self->retry_source_id == 0)
    self->retry_source_id = g_timeout_add_seconds (AUTOMATIC_RETRY_SECONDS, on_retry_timer, self);
}

static void
on_network_changed (GNetworkMonitor *monitor,
                    gboolean         available,
                    gpointer         user_data)
{
  if (available)
    start_automatic_sync (user_data);
}

/* Syncs now and whenever the network comes back, and retries a run that
 * left work behind a little later. */
void
byline_sync_engine_set_automatic (BylineSyncEngine *self,
                                  gboolean          automatic)
{
  g_return_if_fail (BYLINE_IS_SYNC_ENGINE (self));

  if (self->automatic == !!automatic)
    return;

  self->automatic = !!automatic;
  if (automatic)
    {
      self->monitor = g_object_ref (g_network_monitor_get_default ());
      self->automatic_cancellable = g_cancellable_new ();
      self->network_changed_id = g_signal_connect (self->monitor, "network-changed",
                                                   G_CALLBACK (on_network_changed), self);
      start_automatic_sync (self);
      return;
    }

  g_cancellable_cancel (self->automatic_cancellable);
  g_clear_object (&self->automatic_cancellable);
  g_clear_handle_id (&self->retry_source_id, g_source_remove);
  g_clear_signal_handler (&self->network_changed_id, self->monitor);
  g_clear_object (&self->monitor);
}

/* GObject */

BylineSyncEngine *
byline_sync_engine_new (BylineStore     *store,
                        const char      *account,
                        BylineCmsClient *client)
{
  g_return_val_if_fail (BYLINE_IS_STORE (store), NULL);
  g_return_val_if_fail (account != NULL, NULL);
  g_return_val_if_fail (BYLINE_IS_CMS_CLIENT (client), NULL);

  return g_object_new (BYLINE_TYPE_SYNC_ENGINE, "store", store, "account", account, "client", client, NULL);
}

/* Tests and benchmarks use short delays; the defaults suit a real site. */
void
byline_sync_engine_set_retry_delays (BylineSyncEngine *self,
                                     guint             base_ms,
                                     guint             max_ms,
                                     guint             max_attempts)
{
  g_return_if_fail (BYLINE_IS_SYNC_ENGINE (self));
  g_return_if_fail (base_ms > 0 && max_ms >= base_ms && max_attempts > 0);

  self->base_delay_ms = base_ms;
  self->max_delay_ms = max_ms;
  self->max_attempts = max_attempts;
}

gboolean
byline_sync_engine_get_busy (BylineSyncEngine *self)
{
  g_return_val_if_fail (BYLINE_IS_SYNC_ENGINE (self), FALSE);

  return self->busy;
}

static void
byline_sync_engine_dispose (GObject *object)
{
  BylineSyncEngine *self = (BylineSyncEngine *) object;

  byline_sync_engine_set_automatic (self, FALSE);

  G_OBJECT_CLASS (byline_sync_engine_parent_class)->dispose (object);
}

static void
byline_sync_engine_finalize (GObject *object)
{
  BylineSyncEngine *self = (BylineSyncEngine *) object;

  g_clear_object (&self->store);
  g_clear_object (&self->client);
  g_clear_object (&self->terms);
  g_clear_object (&self->upload_tracker);
  g_clear_pointer (&self->account, g_free);

  G_OBJECT_CLASS (byline_sync_engine_parent_class)->finalize (object);
}

static void
byline_sync_engine_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  BylineSyncEngine *self = BYLINE_SYNC_ENGINE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_ACCOUNT:
      g_value_set_string (value, self->account);
      break;
    case PROP_CLIENT:
      g_value_set_object (value, self->client);
      break;
    case PROP_BUSY:
      g_value_set_boolean (value, self->busy);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
byline_sync_engine_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  BylineSyncEngine *self = BYLINE_SYNC_ENGINE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    case PROP_ACCOUNT:
      self->account = g_value_dup_string (value);
      break;
    case PROP_CLIENT:
      self->client = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
byline_sync_engine_class_init (BylineSyncEngineClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags construct_only = G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = byline_sync_engine_dispose;
  object_class->finalize = byline_sync_engine_finalize;
  object_class->get_property = byline_sync_engine_get_property;
  object_class->set_property = byline_sync_engine_set_property;

  properties[PROP_STORE] = g_param_spec_object ("store", NULL, NULL, BYLINE_TYPE_STORE, construct_only);
  properties[PROP_ACCOUNT] = g_param_spec_string ("account", NULL, NULL, NULL, construct_only);
  properties[PROP_CLIENT] = g_param_spec_object ("client", NULL, NULL, BYLINE_TYPE_CMS_CLIENT, construct_only);
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * BylineSyncEngine::unreachable:
   *
   * Emitted as soon as a send fails because the site cannot be reached,
   * while the engine goes on retrying: the user learns at once that the
   * changes wait here, not after the last retry.
   */
  signals[UNREACHABLE] = g_signal_new ("unreachable", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                       NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
byline_sync_engine_init (BylineSyncEngine *self)
{
  self->base_delay_ms = DEFAULT_BASE_DELAY_MS;
  self->max_delay_ms = DEFAULT_MAX_DELAY_MS;
  self->max_attempts = DEFAULT_MAX_ATTEMPTS;
}

/**
 * byline_sync_engine_get_upload_tracker:
 *
 * Returns: (transfer none): what reports the progress of the engine's image
 *   uploads and cancels one of them
 */
BylineUploadTracker *
byline_sync_engine_get_upload_tracker (BylineSyncEngine *self)
{
  g_return_val_if_fail (BYLINE_IS_SYNC_ENGINE (self), NULL);

  if (self->upload_tracker == NULL)
    self->upload_tracker = byline_upload_tracker_new ();
  return self->upload_tracker;
}

/* For the upload step (byline-sync-uploads.c) */

BylineStore *
byline_sync_engine_get_store (BylineSyncEngine *self)
{
  return self->store;
}

const char *
byline_sync_engine_get_account (BylineSyncEngine *self)
{
  return self->account;
}

BylineCmsClient *
byline_sync_engine_get_client (BylineSyncEngine *self)
{
  return self->client;
}

guint
byline_sync_engine_get_max_attempts (BylineSyncEngine *self)
{
  return self->max_attempts;
}

guint
byline_sync_engine_retry_delay_ms (BylineSyncEngine *self,
                                   guint             attempt)
{
  return retry_delay_ms (self, attempt);
}

gboolean
byline_sync_error_is_auth (const GError *error)
{
  return is_auth_error (error);
}

gboolean
byline_sync_error_is_worth_retrying (const GError *error)
{
  return is_worth_retrying (error);
}
