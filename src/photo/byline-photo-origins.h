/* byline-photo-origins.h: which of an image's credits still hold what its file said
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "photo/byline-photo-metadata.h"

G_BEGIN_DECLS

const char * const *byline_photo_origin_properties     (void);
const char         *byline_photo_metadata_origin_of    (BylinePhotoMetadata *self,
                                                        BylineImage         *image,
                                                        const char          *property);
char               *byline_photo_describe_tag          (const char          *tag);

G_END_DECLS
