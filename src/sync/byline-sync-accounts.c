/* byline-sync-accounts.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "byline-account-secrets.h"
#include "byline-sync-accounts.h"
#include "cms/byline-wp-client.h"

typedef struct
{
  BylineStore        *store;
  BylineCmsClient    *client;
  BylineStoreAccount *account;
  char               *password;
} AddAccount;

static void
add_account_free (AddAccount *add)
{
  g_clear_object (&add->store);
  g_clear_object (&add->client);
  g_clear_pointer (&add->account, byline_store_account_free);
  if (add->password != NULL)
    memset (add->password, 0, strlen (add->password));
  g_clear_pointer (&add->password, g_free);
  g_free (add);
}

static void
add_strv_member (JsonBuilder        *builder,
                 const char         *member,
                 const char * const *values)
{
  json_builder_set_member_name (builder, member);
  json_builder_begin_array (builder);
  for (guint i = 0; values != NULL && values[i] != NULL; i++)
    json_builder_add_string_value (builder, values[i]);
  json_builder_end_array (builder);
}

/* What later issues need to decide what the user may do on the site. */
char *
byline_sync_account_user_json (BylineRemoteAccount *remote)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (JsonNode) root = NULL;
  const char *display_name;

  g_return_val_if_fail (BYLINE_IS_REMOTE_ACCOUNT (remote), NULL);

  display_name = byline_remote_account_get_display_name (remote);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "user_id");
  json_builder_add_int_value (builder, byline_remote_account_get_user_id (remote));
  json_builder_set_member_name (builder, "display_name");
  json_builder_add_string_value (builder, display_name ? display_name : "");
  add_strv_member (builder, "roles", byline_remote_account_get_roles (remote));
  add_strv_member (builder, "capabilities", byline_remote_account_get_capabilities (remote));
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  return json_to_string (root, FALSE);
}

static void
on_secret_stored (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  AddAccount *add = g_task_get_task_data (task);
  GError *error = NULL;

  if (!byline_account_secrets_store_finish (result, &error) ||
      !byline_store_save_account (add->store, add->account, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  g_task_return_pointer (task, g_steal_pointer (&add->account), (GDestroyNotify) byline_store_account_free);
}

static void
on_verified (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  AddAccount *add = g_task_get_task_data (task);
  g_autoptr (BylineRemoteAccount) remote = NULL;
  GError *error = NULL;

  remote = byline_cms_client_verify_account_finish (add->client, result, &error);
  if (remote == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  add->account->api_root = g_strdup (byline_remote_account_get_api_root (remote));
  add->account->has_companion = byline_remote_account_get_has_companion (remote);
  g_free (add->account->user_json);
  add->account->user_json = byline_sync_account_user_json (remote);
  byline_account_secrets_store_async (add->account->name, add->account->site_url, add->account->username,
                                      add->password, g_task_get_cancellable (task), on_secret_stored,
                                      g_object_ref (task));
}

/* Checks the credentials with the server (users/me) before keeping
 * anything: a wrong password is not refused on public endpoints. */
void
byline_sync_account_add_async (BylineStore         *store,
                               const char          *name,
                               const char          *site_url,
                               const char          *username,
                               const char          *password,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr (GTask) task = NULL;
  g_autoptr (BylineWpClient) client = NULL;
  AddAccount *add;
  GError *error = NULL;

  g_return_if_fail (BYLINE_IS_STORE (store));
  g_return_if_fail (name != NULL && site_url != NULL && username != NULL && password != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, BYLINE_SOURCE_TAG (byline_sync_account_add_async));
  if (*name == '\0' || strchr (name, '/') != NULL)
    {
      g_task_return_new_error (task, BYLINE_CMS_ERROR, BYLINE_CMS_ERROR_INVALID,
                               _("“%s” cannot be an account name: use letters, digits and dashes"), name);
      return;
    }
  client = byline_wp_client_new (site_url, username, password, &error);
  if (client == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  add = g_new0 (AddAccount, 1);
  add->store = g_object_ref (store);
  add->account = byline_store_account_new (name, byline_wp_client_get_site_url (client), username);
  add->password = g_strdup (password);
  add->client = BYLINE_CMS_CLIENT (g_steal_pointer (&client));
  g_task_set_task_data (task, add, (GDestroyNotify) add_account_free);
  byline_cms_client_verify_account_async (add->client, cancellable, on_verified, g_object_ref (task));
}

/* Returns: (transfer full): the account as saved */
BylineStoreAccount *
byline_sync_account_add_finish (GAsyncResult  *result,
                                GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
on_password (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  const BylineStoreAccount *account = g_task_get_task_data (task);
  GError *error = NULL;
  char *password = byline_account_secrets_lookup_finish (result, &error);
  BylineWpClient *client;

  if (password == NULL)
    {
      g_task_return_new_error (task, BYLINE_CMS_ERROR, BYLINE_CMS_ERROR_UNAUTHORIZED,
                               _("No password for the account “%s”: %s"), account->name, error->message);
      g_error_free (error);
      return;
    }

  client = byline_wp_client_new (account->site_url, account->username, password, &error);
  byline_account_secrets_free_password (password);
  if (client == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, client, g_object_unref);
}

static BylineStoreAccount *
account_copy (const BylineStoreAccount *account)
{
  BylineStoreAccount *copy = byline_store_account_new (account->name, account->site_url, account->username);

  copy->api_root = g_strdup (account->api_root);
  return copy;
}

void
byline_sync_account_open_client_async (const BylineStoreAccount *account,
                                       GCancellable             *cancellable,
                                       GAsyncReadyCallback       callback,
                                       gpointer                  user_data)
{
  GTask *task;

  g_return_if_fail (account != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, BYLINE_SOURCE_TAG (byline_sync_account_open_client_async));
  g_task_set_task_data (task, account_copy (account), (GDestroyNotify) byline_store_account_free);
  byline_account_secrets_lookup_async (account->name, account->site_url, account->username, cancellable,
                                       on_password, task);
}

BylineCmsClient *
byline_sync_account_open_client_finish (GAsyncResult  *result,
                                        GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
on_secret_cleared (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  const BylineStoreAccount *account = g_task_get_task_data (task);
  GError *error = NULL;

  if (!byline_account_secrets_clear_finish (result, &error) ||
      !byline_store_remove_account (g_task_get_source_object (task), account->name, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

/* Forgets the password first: an account left without one is harmless, a
 * password left without its account would never be cleared. */
void
byline_sync_account_remove_async (BylineStore              *store,
                                  const BylineStoreAccount *account,
                                  GCancellable             *cancellable,
                                  GAsyncReadyCallback       callback,
                                  gpointer                  user_data)
{
  GTask *task;

  g_return_if_fail (BYLINE_IS_STORE (store));
  g_return_if_fail (account != NULL);

  task = g_task_new (store, cancellable, callback, user_data);
  g_task_set_source_tag (task, BYLINE_SOURCE_TAG (byline_sync_account_remove_async));
  g_task_set_task_data (task, account_copy (account), (GDestroyNotify) byline_store_account_free);
  byline_account_secrets_clear_async (account->name, account->site_url, account->username, cancellable,
                                      on_secret_cleared, task);
}

gboolean
byline_sync_account_remove_finish (BylineStore   *store,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, store), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
