/* byline-image-editor.h: the credits of one image, as a form
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "model/byline-image.h"
#include "store/byline-store.h"

G_BEGIN_DECLS

#define BYLINE_TYPE_IMAGE_EDITOR (byline_image_editor_get_type ())

G_DECLARE_FINAL_TYPE (BylineImageEditor, byline_image_editor, BYLINE, IMAGE_EDITOR, AdwBin)

GtkWidget   *byline_image_editor_new       (void);
BylineStore *byline_image_editor_get_store (BylineImageEditor *self);
void         byline_image_editor_set_store (BylineImageEditor *self,
                                            BylineStore       *store);
BylineImage *byline_image_editor_get_image (BylineImageEditor *self);
void         byline_image_editor_set_image (BylineImageEditor *self,
                                            BylineImage       *image);
void         byline_image_editor_flush     (BylineImageEditor *self);

G_END_DECLS
