/* byline-related.h: an editor's picks of other stories, listed at the end of
 * the body that goes to the site
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "byline-store.h"

G_BEGIN_DECLS

#define BYLINE_RELATED_MAX 5

typedef struct
{
  const char *headline;
  /* NULL when the story is not on the site yet */
  const char *url;
} BylineRelatedLink;

gboolean  byline_related_set             (BylineStory              *story,
                                          BylineStore              *store,
                                          const char * const       *related,
                                          GError                  **error);
char     *byline_related_render_list     (const BylineRelatedLink  *links,
                                          guint                     n_links);
char     *byline_related_export_body     (BylineStore              *store,
                                          BylineStory              *story);
char     *byline_related_strip_list      (const char               *body);

G_END_DECLS
