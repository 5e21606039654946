/* byline-photo-private.h: helpers shared inside the photo layer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "byline-photo.h"

G_BEGIN_DECLS

GMutexLocker *byline_photo_lock_exiv2          (void);
gboolean      byline_photo_check_file         (const char  *path,
                                               GError     **error);
char         *byline_photo_clean_text         (const char  *raw,
                                               gboolean     multiline);
gsize         byline_photo_utf8_prefix_length (const char  *text,
                                               gsize        max_bytes);
gboolean      byline_photo_tag_is_lang_alt    (const char  *tag);

G_END_DECLS
