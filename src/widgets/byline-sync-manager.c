/* byline-sync-manager.c
 *
 * The engines sync on their own schedule only when asked: the manager asks
 * them at start, when the network comes back and on demand, so that it
 * hears every result and can tell the user about it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "sync/byline-sync-accounts.h"

#include "byline-sync-manager.h"

#define RETRY_SECONDS 60

struct _BylineSyncManager
{
  GObject          parent_instance;

  BylineStore     *store;
  GHashTable      *engines;
  GCancellable    *cancellable;
  GNetworkMonitor *monitor;
  gulong           network_changed_id;
  guint            retry_source_id;
  gboolean         busy;
  gboolean         unreachable;
};

G_DEFINE_FINAL_TYPE (BylineSyncManager, byline_sync_manager, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_BUSY,
  PROP_OFFLINE,
  N_PROPS
};

enum
{
  SYNCED,
  FAILED,
  UPLOAD_PROGRESS,
  UPLOAD_FINISHED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
update_busy (BylineSyncManager *self)
{
  GHashTableIter iter;
  gpointer engine;
  gboolean busy = FALSE;

  if (self->engines == NULL)
    return;
  g_hash_table_iter_init (&iter, self->engines);
  while (g_hash_table_iter_next (&iter, NULL, &engine))
    busy = busy || byline_sync_engine_get_busy (engine);
  if (self->busy == busy)
    return;
  self->busy = busy;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static void
set_unreachable (BylineSyncManager *self,
                 gboolean           unreachable)
{
  if (self->unreachable == unreachable)
    return;
  self->unreachable = unreachable;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OFFLINE]);
}

static void
fail (BylineSyncManager *self,
      const char        *message)
{
  g_signal_emit (self, signals[FAILED], 0, message);
}

static gboolean on_retry_timer (gpointer user_data);

static void
schedule_retry (BylineSyncManager *self)
{
  if (self->retry_source_id == 0)
    self->retry_source_id = g_timeout_add_seconds (RETRY_SECONDS, on_retry_timer, self);
}

static void
report_refusals (BylineSyncManager      *self,
                 BylineSyncEngine       *engine,
                 const BylineSyncReport *report)
{
  g_autofree char *account = NULL;
  g_autofree char *message = NULL;

  if (report->failed == 0)
    return;
  g_object_get (engine, "account", &account, NULL);
  message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          "The site “%s” refused %u change; it is kept here",
                                          "The site “%s” refused %u changes; they are kept here",
                                          report->failed),
                             account, report->failed);
  fail (self, message);
}

static void
on_engine_unreachable (BylineSyncManager *self)
{
  set_unreachable (self, TRUE);
}

static void
report_error (BylineSyncManager *self,
              BylineSyncEngine  *engine,
              const GError      *error)
{
  g_autofree char *account = NULL;
  g_autofree char *message = NULL;

  if (g_error_matches (error, BYLINE_CMS_ERROR, BYLINE_CMS_ERROR_OFFLINE))
    {
      set_unreachable (self, TRUE);
      return;
    }
  if (g_error_matches (error, BYLINE_SYNC_ERROR, BYLINE_SYNC_ERROR_BUSY))
    return;
  g_object_get (engine, "account", &account, NULL);
  message = g_strdup_printf (_("Could not sync “%s”: %s"), account, error->message);
  fail (self, message);
}

static void
on_synced (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr (BylineSyncManager) self = user_data;
  BylineSyncEngine *engine = BYLINE_SYNC_ENGINE (source);
  g_autoptr (GError) error = NULL;
  BylineSyncReport report;

  if (!byline_sync_engine_sync_finish (engine, result, &report, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      report_error (self, engine, error);
    }
  else
    {
      set_unreachable (self, report.pending > 0 && report.last_transient_code == BYLINE_CMS_ERROR_OFFLINE);
      report_refusals (self, engine, &report);
    }
  if (error != NULL || report.pending > 0)
    schedule_retry (self);
  g_signal_emit (self, signals[SYNCED], 0);
}

static void
run_engine (BylineSyncManager *self,
            BylineSyncEngine  *engine)
{
  if (byline_sync_engine_get_busy (engine))
    return;
  byline_sync_engine_sync_async (engine, self->cancellable, on_synced, g_object_ref (self));
}

/* Runs every engine now, reachable or not: a failed run is how a site
 * that came back is noticed when the network never went away. */
void
byline_sync_manager_sync (BylineSyncManager *self)
{
  GHashTableIter iter;
  gpointer engine;

  g_return_if_fail (BYLINE_IS_SYNC_MANAGER (self));

  g_clear_handle_id (&self->retry_source_id, g_source_remove);
  g_hash_table_iter_init (&iter, self->engines);
  while (g_hash_table_iter_next (&iter, NULL, &engine))
    run_engine (self, engine);
}

static gboolean
on_retry_timer (gpointer user_data)
{
  BylineSyncManager *self = user_data;

  self->retry_source_id = 0;
  byline_sync_manager_sync (self);
  return G_SOURCE_REMOVE;
}

static void
on_network_changed (BylineSyncManager *self,
                    gboolean           available)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OFFLINE]);
  if (available)
    byline_sync_manager_sync (self);
}

static void
on_upload_progress (BylineSyncManager *self,
                    const char        *story_uuid,
                    const char        *image_uuid,
                    double             fraction)
{
  g_signal_emit (self, signals[UPLOAD_PROGRESS], 0, story_uuid, image_uuid, fraction);
}

static void
on_upload_finished (BylineSyncManager *self,
                    const char        *story_uuid,
                    const char        *image_uuid)
{
  g_signal_emit (self, signals[UPLOAD_FINISHED], 0, story_uuid, image_uuid);
}

static void
relay_uploads (BylineSyncManager *self,
               BylineSyncEngine  *engine)
{
  BylineUploadTracker *tracker = byline_sync_engine_get_upload_tracker (engine);

  g_signal_connect_object (tracker, "progress", G_CALLBACK (on_upload_progress), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (tracker, "finished", G_CALLBACK (on_upload_finished), self, G_CONNECT_SWAPPED);
}

/**
 * byline_sync_manager_cancel_upload:
 * @image_uuid: an image
 *
 * Cancels the upload of @image_uuid if one of the accounts is sending it.
 *
 * Returns: whether an upload was cancelled
 */
gboolean
byline_sync_manager_cancel_upload (BylineSyncManager *self,
                                   const char        *image_uuid)
{
  GHashTableIter iter;
  gpointer engine;

  g_return_val_if_fail (BYLINE_IS_SYNC_MANAGER (self), FALSE);
  g_return_val_if_fail (image_uuid != NULL, FALSE);

  g_hash_table_iter_init (&iter, self->engines);
  while (g_hash_table_iter_next (&iter, NULL, &engine))
    {
      if (byline_upload_tracker_cancel (byline_sync_engine_get_upload_tracker (engine), image_uuid))
        return TRUE;
    }
  return FALSE;
}

/* Takes over @client and syncs the account, which pulls its stories the
 * first time. */
void
byline_sync_manager_add_account (BylineSyncManager *self,
                                 const char        *name,
                                 BylineCmsClient   *client)
{
  BylineSyncEngine *engine;

  g_return_if_fail (BYLINE_IS_SYNC_MANAGER (self));
  g_return_if_fail (name != NULL);
  g_return_if_fail (BYLINE_IS_CMS_CLIENT (client));

  engine = byline_sync_engine_new (self->store, name, client);
  g_hash_table_replace (self->engines, g_strdup (name), engine);
  g_signal_connect_object (engine, "notify::busy", G_CALLBACK (update_busy), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (engine, "unreachable", G_CALLBACK (on_engine_unreachable), self, G_CONNECT_SWAPPED);
  relay_uploads (self, engine);
  run_engine (self, engine);
}

typedef struct
{
  BylineSyncManager *manager;
  char              *name;
} OpenAccount;

static void
on_client_opened (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  OpenAccount *open = user_data;
  g_autoptr (BylineCmsClient) client = NULL;
  g_autoptr (GError) error = NULL;

  client = byline_sync_account_open_client_finish (result, &error);
  if (client != NULL)
    byline_sync_manager_add_account (open->manager, open->name, client);
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    fail (open->manager, error->message);
  g_object_unref (open->manager);
  g_free (open->name);
  g_free (open);
}

/* The password comes from the keyring, which may take a moment to answer. */
void
byline_sync_manager_open_account (BylineSyncManager        *self,
                                  const BylineStoreAccount *account)
{
  OpenAccount *open;

  g_return_if_fail (BYLINE_IS_SYNC_MANAGER (self));
  g_return_if_fail (account != NULL);

  open = g_new0 (OpenAccount, 1);
  open->manager = g_object_ref (self);
  open->name = g_strdup (account->name);
  byline_sync_account_open_client_async (account, self->cancellable, on_client_opened, open);
}

void
byline_sync_manager_load_accounts (BylineSyncManager *self)
{
  g_autoptr (GPtrArray) accounts = NULL;
  g_autoptr (GError) error = NULL;

  g_return_if_fail (BYLINE_IS_SYNC_MANAGER (self));

  accounts = byline_store_list_accounts (self->store, &error);
  if (accounts == NULL)
    {
      fail (self, error->message);
      return;
    }
  for (guint i = 0; i < accounts->len; i++)
    byline_sync_manager_open_account (self, g_ptr_array_index (accounts, i));
}

void
byline_sync_manager_forget_account (BylineSyncManager *self,
                                    const char        *name)
{
  g_return_if_fail (BYLINE_IS_SYNC_MANAGER (self));
  g_return_if_fail (name != NULL);

  g_hash_table_remove (self->engines, name);
  update_busy (self);
}

/* Returns: (transfer none) (nullable): the engine, once its password was found */
BylineSyncEngine *
byline_sync_manager_get_engine (BylineSyncManager *self,
                                const char        *name)
{
  g_return_val_if_fail (BYLINE_IS_SYNC_MANAGER (self), NULL);

  return name != NULL ? g_hash_table_lookup (self->engines, name) : NULL;
}

gboolean
byline_sync_manager_has_accounts (BylineSyncManager *self)
{
  g_return_val_if_fail (BYLINE_IS_SYNC_MANAGER (self), FALSE);

  return g_hash_table_size (self->engines) > 0;
}

BylineStore *
byline_sync_manager_get_store (BylineSyncManager *self)
{
  g_return_val_if_fail (BYLINE_IS_SYNC_MANAGER (self), NULL);

  return self->store;
}

gboolean
byline_sync_manager_get_busy (BylineSyncManager *self)
{
  g_return_val_if_fail (BYLINE_IS_SYNC_MANAGER (self), FALSE);

  return self->busy;
}

gboolean
byline_sync_manager_get_offline (BylineSyncManager *self)
{
  g_return_val_if_fail (BYLINE_IS_SYNC_MANAGER (self), FALSE);

  return self->unreachable || !g_network_monitor_get_network_available (self->monitor);
}

BylineSyncManager *
byline_sync_manager_new (BylineStore *store)
{
  BylineSyncManager *self;

  g_return_val_if_fail (BYLINE_IS_STORE (store), NULL);

  self = g_object_new (BYLINE_TYPE_SYNC_MANAGER, NULL);
  self->store = g_object_ref (store);
  return self;
}

static void
byline_sync_manager_dispose (GObject *object)
{
  BylineSyncManager *self = BYLINE_SYNC_MANAGER (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->retry_source_id, g_source_remove);
  g_clear_signal_handler (&self->network_changed_id, self->monitor);
  g_clear_object (&self->monitor);
  g_clear_pointer (&self->engines, g_hash_table_unref);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (byline_sync_manager_parent_class)->dispose (object);
}

static void
byline_sync_manager_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  BylineSyncManager *self = BYLINE_SYNC_MANAGER (object);

  switch (prop_id)
    {
    case PROP_BUSY:
      g_value_set_boolean (value, self->busy);
      break;
    case PROP_OFFLINE:
      g_value_set_boolean (value, byline_sync_manager_get_offline (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
byline_sync_manager_class_init (BylineSyncManagerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = byline_sync_manager_dispose;
  object_class->get_property = byline_sync_manager_get_property;

  properties[PROP_BUSY] = g_param_spec_boolean ("busy", NULL, NULL, FALSE, flags);
  properties[PROP_OFFLINE] = g_param_spec_boolean ("offline", NULL, NULL, FALSE, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* After each run of an account, whatever its result. */
  signals[SYNCED] = g_signal_new ("synced", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                                  NULL, G_TYPE_NONE, 0);
  /* A message for the user: something a person has to look at. */
  signals[FAILED] = g_signal_new ("failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                                  NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  /* An image upload of any account: its story, its image and the fraction sent. */
  signals[UPLOAD_PROGRESS] = g_signal_new ("upload-progress", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                           NULL, NULL, NULL, G_TYPE_NONE, 3,
                                           G_TYPE_STRING, G_TYPE_STRING, G_TYPE_DOUBLE);
  /* That upload ended: sent, failed or cancelled. */
  signals[UPLOAD_FINISHED] = g_signal_new ("upload-finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                           NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);
}

static void
byline_sync_manager_init (BylineSyncManager *self)
{
  self->engines = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  self->cancellable = g_cancellable_new ();
  self->monitor = g_object_ref (g_network_monitor_get_default ());
  self->network_changed_id = g_signal_connect_swapped (self->monitor, "network-changed",
                                                       G_CALLBACK (on_network_changed), self);
}
