/* byline-photo-metadata.h: credits embedded in image files (IPTC-IIM, XMP, EXIF)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "model/byline-types.h"
#include "photo/byline-photo.h"

G_BEGIN_DECLS

typedef enum
{
  BYLINE_PHOTO_FIELD_CAPTION,
  BYLINE_PHOTO_FIELD_CREDIT_LINE,
  BYLINE_PHOTO_FIELD_CREATOR,
  BYLINE_PHOTO_FIELD_COPYRIGHT_NOTICE,
  BYLINE_PHOTO_FIELD_SOURCE,
  BYLINE_PHOTO_FIELD_USAGE_TERMS,
  BYLINE_PHOTO_FIELD_WEB_STATEMENT,
  BYLINE_PHOTO_FIELD_LICENSOR_NAME,
  BYLINE_PHOTO_FIELD_LICENSOR_URL,
  BYLINE_PHOTO_FIELD_CREATOR_TITLE,
  BYLINE_PHOTO_N_FIELDS,
} BylinePhotoField;

#define BYLINE_TYPE_PHOTO_METADATA (byline_photo_metadata_get_type ())

G_DECLARE_FINAL_TYPE (BylinePhotoMetadata, byline_photo_metadata, BYLINE, PHOTO_METADATA, GObject)

BylinePhotoMetadata *byline_photo_metadata_read               (const char           *path,
                                                               GError              **error);
void                 byline_photo_metadata_read_async         (const char           *path,
                                                               GCancellable         *cancellable,
                                                               GAsyncReadyCallback   callback,
                                                               gpointer              user_data);
BylinePhotoMetadata *byline_photo_metadata_read_finish        (GAsyncResult         *result,
                                                               GError              **error);
BylinePhotoMetadata *byline_photo_metadata_new_from_image     (BylineImage          *image);

const char          *byline_photo_metadata_get_value          (BylinePhotoMetadata  *self,
                                                               BylinePhotoField      field);
const char          *byline_photo_metadata_get_origin         (BylinePhotoMetadata  *self,
                                                               BylinePhotoField      field);
void                 byline_photo_metadata_apply              (BylinePhotoMetadata  *self,
                                                               BylineImage          *image);

gboolean             byline_photo_metadata_write_copy         (BylinePhotoMetadata  *self,
                                                               const char           *original,
                                                               const char           *copy,
                                                               char               ***truncated_tags,
                                                               GCancellable         *cancellable,
                                                               GError              **error);
void                 byline_photo_metadata_write_copy_async   (BylinePhotoMetadata  *self,
                                                               const char           *original,
                                                               const char           *copy,
                                                               GCancellable         *cancellable,
                                                               GAsyncReadyCallback   callback,
                                                               gpointer              user_data);
gboolean             byline_photo_metadata_write_copy_finish  (BylinePhotoMetadata  *self,
                                                               GAsyncResult         *result,
                                                               char               ***truncated_tags,
                                                               GError              **error);

G_END_DECLS
