/* byline-remote-media.h: an image in the CMS's media library, with its credits
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "model/byline-image.h"

G_BEGIN_DECLS

/* The texts Byline sets on an upload. WordPress has places for the first
 * three; the others are attachment meta that the companion plugin registers. */
typedef enum
{
  BYLINE_REMOTE_MEDIA_CAPTION,
  BYLINE_REMOTE_MEDIA_ALT_TEXT,
  BYLINE_REMOTE_MEDIA_DESCRIPTION,
  BYLINE_REMOTE_MEDIA_PERMISSION_KIND,
  BYLINE_REMOTE_MEDIA_PERMISSION_PROOF,
  BYLINE_REMOTE_MEDIA_PERMISSION_EXPIRY,
  BYLINE_REMOTE_MEDIA_CREDIT_LINE,
  BYLINE_REMOTE_MEDIA_CREATOR,
  BYLINE_REMOTE_MEDIA_COPYRIGHT_HOLDER,
  BYLINE_REMOTE_MEDIA_SOURCE,
  BYLINE_REMOTE_MEDIA_CREATOR_TITLE,
  BYLINE_REMOTE_MEDIA_N_FIELDS,
} BylineRemoteMediaField;

/* What the CMS itself read from the uploaded file (IPTC-IIM 2:110, 2:116, 2:120). */
typedef enum
{
  BYLINE_REMOTE_MEDIA_EMBEDDED_CREDIT,
  BYLINE_REMOTE_MEDIA_EMBEDDED_COPYRIGHT,
  BYLINE_REMOTE_MEDIA_EMBEDDED_CAPTION,
  BYLINE_REMOTE_MEDIA_N_EMBEDDED,
} BylineRemoteMediaEmbedded;

#define BYLINE_TYPE_REMOTE_MEDIA (byline_remote_media_get_type ())

G_DECLARE_FINAL_TYPE (BylineRemoteMedia, byline_remote_media, BYLINE, REMOTE_MEDIA, GObject)

BylineRemoteMedia *byline_remote_media_new                (void);
BylineRemoteMedia *byline_remote_media_new_from_image     (BylineImage               *image);
BylineRemoteMedia *byline_remote_media_new_from_json      (JsonNode                  *node,
                                                           GError                   **error);
JsonNode          *byline_remote_media_to_json            (BylineRemoteMedia         *self,
                                                           gboolean                   with_meta);

gint64             byline_remote_media_get_id             (BylineRemoteMedia         *self);
const char        *byline_remote_media_get_source_url     (BylineRemoteMedia         *self);
const char        *byline_remote_media_get_field          (BylineRemoteMedia         *self,
                                                           BylineRemoteMediaField     field);
void               byline_remote_media_set_field          (BylineRemoteMedia         *self,
                                                           BylineRemoteMediaField     field,
                                                           const char                *value);
const char        *byline_remote_media_get_embedded       (BylineRemoteMedia         *self,
                                                           BylineRemoteMediaEmbedded  embedded);
const char        *byline_remote_media_field_get_meta_key (BylineRemoteMediaField     field);

G_END_DECLS
