/* byline-update.h: a dated update appended to a published story
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "byline-types.h"

G_BEGIN_DECLS

#define BYLINE_TYPE_UPDATE (byline_update_get_type ())

G_DECLARE_FINAL_TYPE (BylineUpdate, byline_update, BYLINE, UPDATE, GObject)

BylineUpdate *byline_update_new           (GDateTime    *posted_at,
                                           const char   *text);
GDateTime    *byline_update_get_posted_at (BylineUpdate *self);
const char   *byline_update_get_text      (BylineUpdate *self);

G_END_DECLS
