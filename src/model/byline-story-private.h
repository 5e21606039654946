/* byline-story-private.h: building stories the store has read back
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "byline-story.h"

G_BEGIN_DECLS

/* A story's summary as the store keeps it. */
typedef struct
{
  const char        *uuid;
  gint64             remote_id;
  const char        *account;
  const char        *headline;
  const char        *dek;
  const char        *byline;
  BylineStoryStatus  status;
  GStrv              tags;
  GStrv              categories;
  GDateTime         *created;
  GDateTime         *modified;
  const char        *remote_modified;
  gboolean           dirty;
  const char        *language;
} BylineStorySummary;

static inline void
byline_story_summary_clear (BylineStorySummary *summary)
{
  g_clear_pointer (&summary->tags, g_strfreev);
  g_clear_pointer (&summary->categories, g_strfreev);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (BylineStorySummary, byline_story_summary_clear)

BylineStory *byline_story_new_from_summary (BylineStorySummary *summary);

G_END_DECLS
