/* byline-author.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "byline-types.h"

G_BEGIN_DECLS

#define BYLINE_TYPE_AUTHOR (byline_author_get_type ())

G_DECLARE_FINAL_TYPE (BylineAuthor, byline_author, BYLINE, AUTHOR, GObject)

BylineAuthor *byline_author_new          (const char *name,
                                          const char *bio);
const char   *byline_author_get_name     (BylineAuthor *self);
const char   *byline_author_get_bio      (BylineAuthor *self);
void          byline_author_set_bio      (BylineAuthor *self,
                                          const char   *bio);

G_END_DECLS
