/* byline-wp-client.h: BylineCmsClient over the WordPress REST API (wp/v2)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "byline-cms-client.h"

G_BEGIN_DECLS

#define BYLINE_TYPE_WP_CLIENT (byline_wp_client_get_type ())

G_DECLARE_FINAL_TYPE (BylineWpClient, byline_wp_client, BYLINE, WP_CLIENT, GObject)

BylineWpClient *byline_wp_client_new              (const char      *site_url,
                                                   const char      *username,
                                                   const char      *application_password,
                                                   GError         **error);
const char     *byline_wp_client_get_site_url     (BylineWpClient  *self);
const char     *byline_wp_client_get_username     (BylineWpClient  *self);
gboolean        byline_wp_client_is_insecure      (BylineWpClient  *self);

G_END_DECLS
