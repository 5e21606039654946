/* byline-photo-thumbnail.h: thumbnails made off the main thread, cached on disk
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <gio/gio.h>

#include "photo/byline-photo.h"

G_BEGIN_DECLS

/* The longest side of a thumbnail for the credit panel, in pixels. */
#define BYLINE_PHOTO_THUMBNAIL_SIZE 256

void       byline_photo_thumbnail_load_async  (const char           *path,
                                               int                   max_size,
                                               GCancellable         *cancellable,
                                               GAsyncReadyCallback   callback,
                                               gpointer              user_data);
GdkPixbuf *byline_photo_thumbnail_load_finish (GAsyncResult         *result,
                                               GError              **error);

G_END_DECLS
