/* byline-remote-account.h: who the user is on a CMS, and what they may do
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define BYLINE_TYPE_REMOTE_ACCOUNT (byline_remote_account_get_type ())

G_DECLARE_FINAL_TYPE (BylineRemoteAccount, byline_remote_account, BYLINE, REMOTE_ACCOUNT, GObject)

const char         *byline_remote_account_get_site_name     (BylineRemoteAccount *self);
const char         *byline_remote_account_get_site_url      (BylineRemoteAccount *self);
const char         *byline_remote_account_get_api_root      (BylineRemoteAccount *self);
gint64              byline_remote_account_get_user_id       (BylineRemoteAccount *self);
const char         *byline_remote_account_get_username      (BylineRemoteAccount *self);
const char         *byline_remote_account_get_display_name  (BylineRemoteAccount *self);
const char * const *byline_remote_account_get_roles         (BylineRemoteAccount *self);
const char * const *byline_remote_account_get_capabilities  (BylineRemoteAccount *self);
gboolean            byline_remote_account_get_has_companion (BylineRemoteAccount *self);
gboolean            byline_remote_account_has_role          (BylineRemoteAccount *self,
                                                             const char          *role);
gboolean            byline_remote_account_can               (BylineRemoteAccount *self,
                                                             const char          *capability);

G_END_DECLS
