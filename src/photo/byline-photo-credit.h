/* byline-photo-credit.h: house-style credit lines and permission badges
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "model/byline-types.h"

G_BEGIN_DECLS

typedef enum
{
  BYLINE_PERMISSION_BADGE_OK,
  BYLINE_PERMISSION_BADGE_MISSING,
  BYLINE_PERMISSION_BADGE_EXPIRING_SOON,
  BYLINE_PERMISSION_BADGE_EXPIRED,
} BylinePermissionBadge;

/* How long before its expiry a permission is flagged. */
#define BYLINE_PERMISSION_EXPIRY_WARNING_DAYS 14

char                  *byline_photo_generate_credit_line  (BylineImage           *image);
BylinePermissionBadge  byline_photo_get_permission_badge  (BylineImage           *image,
                                                           GDateTime             *now);
const char            *byline_permission_badge_to_string  (BylinePermissionBadge  badge);
const char            *byline_permission_badge_get_label  (BylinePermissionBadge  badge);

G_END_DECLS
