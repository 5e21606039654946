/* byline-photo.h: errors shared by the photo layer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define BYLINE_PHOTO_ERROR (byline_photo_error_quark ())

typedef enum
{
  BYLINE_PHOTO_ERROR_NOT_FOUND,
  BYLINE_PHOTO_ERROR_INVALID_IMAGE,
  BYLINE_PHOTO_ERROR_TOO_LARGE,
  BYLINE_PHOTO_ERROR_WRITE_FAILED,
} BylinePhotoError;

GQuark byline_photo_error_quark (void);

G_END_DECLS
