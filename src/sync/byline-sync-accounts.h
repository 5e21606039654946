/* byline-sync-accounts.h: adding an account, and a client for one
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "cms/byline-cms-client.h"
#include "store/byline-store-sync.h"

G_BEGIN_DECLS

void                byline_sync_account_add_async          (BylineStore          *store,
                                                            const char           *name,
                                                            const char           *site_url,
                                                            const char           *username,
                                                            const char           *password,
                                                            GCancellable         *cancellable,
                                                            GAsyncReadyCallback   callback,
                                                            gpointer              user_data);
BylineStoreAccount *byline_sync_account_add_finish         (GAsyncResult         *result,
                                                            GError              **error);
void                byline_sync_account_open_client_async  (const BylineStoreAccount *account,
                                                            GCancellable         *cancellable,
                                                            GAsyncReadyCallback   callback,
                                                            gpointer              user_data);
BylineCmsClient    *byline_sync_account_open_client_finish (GAsyncResult         *result,
                                                            GError              **error);
void                byline_sync_account_remove_async       (BylineStore          *store,
                                                            const BylineStoreAccount *account,
                                                            GCancellable         *cancellable,
                                                            GAsyncReadyCallback   callback,
                                                            gpointer              user_data);
gboolean            byline_sync_account_remove_finish      (BylineStore          *store,
                                                            GAsyncResult         *result,
                                                            GError              **error);
char               *byline_sync_account_user_json          (BylineRemoteAccount  *remote);

G_END_DECLS
