/* byline-sync-manager.h: the app's sync engines, one per account, and
 * what the window shows of them: busy, offline, the last error
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "sync/byline-sync-engine.h"

G_BEGIN_DECLS

#define BYLINE_TYPE_SYNC_MANAGER (byline_sync_manager_get_type ())

G_DECLARE_FINAL_TYPE (BylineSyncManager, byline_sync_manager, BYLINE, SYNC_MANAGER, GObject)

BylineSyncManager *byline_sync_manager_new            (BylineStore       *store);
BylineStore       *byline_sync_manager_get_store      (BylineSyncManager *self);
void               byline_sync_manager_load_accounts  (BylineSyncManager *self);
void               byline_sync_manager_add_account    (BylineSyncManager *self,
                                                       const char        *name,
                                                       BylineCmsClient   *client);
void               byline_sync_manager_open_account   (BylineSyncManager *self,
                                                       const BylineStoreAccount *account);
void               byline_sync_manager_forget_account (BylineSyncManager *self,
                                                       const char        *name);
BylineSyncEngine  *byline_sync_manager_get_engine     (BylineSyncManager *self,
                                                       const char        *name);
gboolean           byline_sync_manager_has_accounts   (BylineSyncManager *self);
void               byline_sync_manager_sync           (BylineSyncManager *self);
gboolean           byline_sync_manager_cancel_upload  (BylineSyncManager *self,
                                                       const char        *image_uuid);
gboolean           byline_sync_manager_get_busy       (BylineSyncManager *self);
gboolean           byline_sync_manager_get_offline    (BylineSyncManager *self);

G_END_DECLS
