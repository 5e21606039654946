/* byline-image-row-private.h: the row's upload widgets, for the UI tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "byline-image-row.h"

G_BEGIN_DECLS

GtkProgressBar *byline_image_row_get_progress_bar  (BylineImageRow *self);
GtkButton      *byline_image_row_get_cancel_button (BylineImageRow *self);

G_END_DECLS
