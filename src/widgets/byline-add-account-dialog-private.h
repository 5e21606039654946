/* byline-add-account-dialog-private.h: the fields, for the UI tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "byline-add-account-dialog.h"

G_BEGIN_DECLS

void        byline_add_account_dialog_fill          (BylineAddAccountDialog *self,
                                                     const char             *url,
                                                     const char             *username,
                                                     const char             *password);
gboolean    byline_add_account_dialog_get_verifying (BylineAddAccountDialog *self);
const char *byline_add_account_dialog_get_error     (BylineAddAccountDialog *self);
gboolean    byline_add_account_dialog_get_warning_shown (BylineAddAccountDialog *self);

G_END_DECLS
