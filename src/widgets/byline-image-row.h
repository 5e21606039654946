/* byline-image-row.h: one image of a story in the credit panel's list
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "model/byline-image.h"

G_BEGIN_DECLS

#define BYLINE_TYPE_IMAGE_ROW (byline_image_row_get_type ())

G_DECLARE_FINAL_TYPE (BylineImageRow, byline_image_row, BYLINE, IMAGE_ROW, AdwBin)

GtkWidget   *byline_image_row_new       (void);
BylineImage *byline_image_row_get_image (BylineImageRow *self);
void         byline_image_row_set_image (BylineImageRow *self,
                                         BylineImage    *image);
void         byline_image_row_set_upload_fraction (BylineImageRow *self,
                                                   double          fraction);

G_END_DECLS
