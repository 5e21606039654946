/* byline-image.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "byline-types.h"

G_BEGIN_DECLS

#define BYLINE_TYPE_IMAGE (byline_image_get_type ())

G_DECLARE_FINAL_TYPE (BylineImage, byline_image, BYLINE, IMAGE, GObject)

BylineImage          *byline_image_new                    (const char           *story_uuid);
BylineImage          *byline_image_new_with_uuid          (const char           *uuid,
                                                           const char           *story_uuid);

const char           *byline_image_get_uuid               (BylineImage          *self);
const char           *byline_image_get_story_uuid         (BylineImage          *self);
const char           *byline_image_get_file               (BylineImage          *self);
void                  byline_image_set_file               (BylineImage          *self,
                                                           const char           *file);
const char           *byline_image_get_caption            (BylineImage          *self);
void                  byline_image_set_caption            (BylineImage          *self,
                                                           const char           *caption);
const char           *byline_image_get_alt_text           (BylineImage          *self);
void                  byline_image_set_alt_text           (BylineImage          *self,
                                                           const char           *alt_text);
const char           *byline_image_get_credit_line        (BylineImage          *self);
void                  byline_image_set_credit_line        (BylineImage          *self,
                                                           const char           *credit_line);
const char           *byline_image_get_creator            (BylineImage          *self);
void                  byline_image_set_creator            (BylineImage          *self,
                                                           const char           *creator);
const char           *byline_image_get_creator_title      (BylineImage          *self);
void                  byline_image_set_creator_title      (BylineImage          *self,
                                                           const char           *creator_title);
const char           *byline_image_get_copyright_holder   (BylineImage          *self);
void                  byline_image_set_copyright_holder   (BylineImage          *self,
                                                           const char           *copyright_holder);
const char           *byline_image_get_source             (BylineImage          *self);
void                  byline_image_set_source             (BylineImage          *self,
                                                           const char           *source);
const char           *byline_image_get_source_url         (BylineImage          *self);
void                  byline_image_set_source_url         (BylineImage          *self,
                                                           const char           *source_url);
BylinePermissionKind  byline_image_get_permission_kind    (BylineImage          *self);
void                  byline_image_set_permission_kind    (BylineImage          *self,
                                                           BylinePermissionKind  kind);
const char           *byline_image_get_permission_proof   (BylineImage          *self);
void                  byline_image_set_permission_proof   (BylineImage          *self,
                                                           const char           *proof);
GDateTime            *byline_image_get_permission_expiry  (BylineImage          *self);
void                  byline_image_set_permission_expiry  (BylineImage          *self,
                                                           GDateTime            *expiry);
const char           *byline_image_get_usage_terms        (BylineImage          *self);
void                  byline_image_set_usage_terms        (BylineImage          *self,
                                                           const char           *usage_terms);
gboolean              byline_image_get_featured           (BylineImage          *self);
void                  byline_image_set_featured           (BylineImage          *self,
                                                           gboolean              featured);
gint64                byline_image_get_remote_media_id    (BylineImage          *self);
void                  byline_image_set_remote_media_id    (BylineImage          *self,
                                                           gint64                media_id);
const char           *byline_image_get_remote_url         (BylineImage          *self);
void                  byline_image_set_remote_url         (BylineImage          *self,
                                                           const char           *remote_url);

G_END_DECLS
