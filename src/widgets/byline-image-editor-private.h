/* byline-image-editor-private.h: access to the fields, for the UI tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "byline-image-editor.h"

G_BEGIN_DECLS

GtkEditable *byline_image_editor_get_credit_editable (BylineImageEditor *self);
const char  *byline_image_editor_get_credit_title    (BylineImageEditor *self);
GtkEditable *byline_image_editor_get_creator_title_editable (BylineImageEditor *self);
const char  *byline_image_editor_get_creator_title_title    (BylineImageEditor *self);
gboolean     byline_image_editor_is_reading_origins  (BylineImageEditor *self);

G_END_DECLS
