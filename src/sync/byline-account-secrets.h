/* byline-account-secrets.h: application passwords in the Secret Service
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

void      byline_account_secrets_store_async   (const char          *account,
                                                const char          *site_url,
                                                const char          *username,
                                                const char          *password,
                                                GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data);
gboolean  byline_account_secrets_store_finish  (GAsyncResult        *result,
                                                GError             **error);
void      byline_account_secrets_lookup_async  (const char          *account,
                                                const char          *site_url,
                                                const char          *username,
                                                GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data);
char     *byline_account_secrets_lookup_finish (GAsyncResult        *result,
                                                GError             **error);
void      byline_account_secrets_clear_async   (const char          *account,
                                                const char          *site_url,
                                                const char          *username,
                                                GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data);
gboolean  byline_account_secrets_clear_finish  (GAsyncResult        *result,
                                                GError             **error);
void      byline_account_secrets_free_password (char                *password);
void      byline_account_secrets_shutdown      (void);

G_END_DECLS
