/* byline-accounts-window.h: the accounts the app syncs, with remove
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "byline-sync-manager.h"

G_BEGIN_DECLS

#define BYLINE_TYPE_ACCOUNTS_WINDOW (byline_accounts_window_get_type ())

G_DECLARE_FINAL_TYPE (BylineAccountsWindow, byline_accounts_window, BYLINE, ACCOUNTS_WINDOW, AdwPreferencesWindow)

BylineAccountsWindow *byline_accounts_window_new          (GtkWindow            *parent,
                                                           BylineSyncManager    *manager);
guint                 byline_accounts_window_get_n_shown  (BylineAccountsWindow *self);

G_END_DECLS
