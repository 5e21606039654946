/* byline-permission-chip.h: the permission badge of an image, in colour, icon and words
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "model/byline-image.h"
#include "photo/byline-photo-credit.h"

G_BEGIN_DECLS

#define BYLINE_TYPE_PERMISSION_CHIP (byline_permission_chip_get_type ())

G_DECLARE_FINAL_TYPE (BylinePermissionChip, byline_permission_chip, BYLINE, PERMISSION_CHIP, AdwBin)

GtkWidget             *byline_permission_chip_new       (void);
BylineImage           *byline_permission_chip_get_image (BylinePermissionChip *self);
void                   byline_permission_chip_set_image (BylinePermissionChip *self,
                                                         BylineImage          *image);
BylinePermissionBadge  byline_permission_chip_get_badge (BylinePermissionChip *self);

G_END_DECLS
