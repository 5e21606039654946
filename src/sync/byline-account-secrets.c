/* byline-account-secrets.c
 *
 * The keyring item is found by account name, site and user together, so
 * that pointing an account at another site never sends the old password
 * there.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <libsecret/secret.h>

#include "byline-account-secrets.h"
#include "model/byline-types.h"

static const SecretSchema *
account_schema (void)
{
  static const SecretSchema schema = {
    "io.github.byline.Byline.Account", SECRET_SCHEMA_NONE,
    {
      { "account", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "url", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "user", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    },
    0, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
  };

  return &schema;
}

static GHashTable *
account_attributes (const char *account,
                    const char *site_url,
                    const char *username)
{
  return secret_attributes_build (account_schema (), "account", account, "url", site_url,
                                  "user", username, NULL);
}

static void
on_stored (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  GError *error = NULL;

  if (secret_password_store_finish (result, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
byline_account_secrets_store_async (const char          *account,
                                    const char          *site_url,
                                    const char          *username,
                                    const char          *password,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_autoptr (GHashTable) attributes = NULL;
  g_autofree char *label = NULL;
  GTask *task;

  g_return_if_fail (account != NULL && site_url != NULL && username != NULL);
  g_return_if_fail (password != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, BYLINE_SOURCE_TAG (byline_account_secrets_store_async));
  attributes = account_attributes (account, site_url, username);
  /* Translators: the keyring item's label; %s is the account name, then the site */
  label = g_strdup_printf (_("Byline: %s (%s)"), account, site_url);
  secret_password_storev (account_schema (), attributes, SECRET_COLLECTION_DEFAULT, label, password,
                          cancellable, on_stored, task);
}

gboolean
byline_account_secrets_store_finish (GAsyncResult  *result,
                                     GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
on_looked_up (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  GError *error = NULL;
  char *password = secret_password_lookup_finish (result, &error);

  if (error != NULL)
    g_task_return_error (task, error);
  else if (password == NULL)
    g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                             _("The keyring holds no password for this account; add the account again"));
  else
    g_task_return_pointer (task, password, (GDestroyNotify) secret_password_free);
}

void
byline_account_secrets_lookup_async (const char          *account,
                                     const char          *site_url,
                                     const char          *username,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  g_autoptr (GHashTable) attributes = NULL;
  GTask *task;

  g_return_if_fail (account != NULL && site_url != NULL && username != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, BYLINE_SOURCE_TAG (byline_account_secrets_lookup_async));
  attributes = account_attributes (account, site_url, username);
  secret_password_lookupv (account_schema (), attributes, cancellable, on_looked_up, task);
}

/* Returns: (transfer full): the password; free it with
 * byline_account_secrets_free_password(), which wipes it first */
char *
byline_account_secrets_lookup_finish (GAsyncResult  *result,
                                      GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
on_cleared (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  GError *error = NULL;

  secret_password_clear_finish (result, &error);
  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

void
byline_account_secrets_clear_async (const char          *account,
                                    const char          *site_url,
                                    const char          *username,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_autoptr (GHashTable) attributes = NULL;
  GTask *task;

  g_return_if_fail (account != NULL && site_url != NULL && username != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, BYLINE_SOURCE_TAG (byline_account_secrets_clear_async));
  attributes = account_attributes (account, site_url, username);
  secret_password_clearv (account_schema (), attributes, cancellable, on_cleared, task);
}

gboolean
byline_account_secrets_clear_finish (GAsyncResult  *result,
                                     GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

void
byline_account_secrets_free_password (char *password)
{
  secret_password_free (password);
}

/* For programs that exit: drops the connection to the Secret Service that
 * libsecret keeps for the life of the process. */
void
byline_account_secrets_shutdown (void)
{
  secret_service_disconnect ();
}
