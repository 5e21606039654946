/* byline-add-account-dialog.h: site address, username and application
 * password, checked with the site before anything is kept
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "store/byline-store.h"

G_BEGIN_DECLS

#define BYLINE_TYPE_ADD_ACCOUNT_DIALOG (byline_add_account_dialog_get_type ())

G_DECLARE_FINAL_TYPE (BylineAddAccountDialog, byline_add_account_dialog, BYLINE, ADD_ACCOUNT_DIALOG, AdwWindow)

BylineAddAccountDialog *byline_add_account_dialog_new (GtkWindow   *parent,
                                                       BylineStore *store);

G_END_DECLS
