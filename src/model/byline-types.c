/* byline-types.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "byline-types.h"

/* The strings are WordPress's post statuses, so that the store and the
 * REST layer speak the same language. */
static const char *const status_strings[] = {
  [BYLINE_STORY_STATUS_DRAFT] = "draft",
  [BYLINE_STORY_STATUS_PENDING] = "pending",
  [BYLINE_STORY_STATUS_SCHEDULED] = "future",
  [BYLINE_STORY_STATUS_PUBLISHED] = "publish",
  [BYLINE_STORY_STATUS_PRIVATE] = "private",
};

static const char *const permission_strings[] = {
  [BYLINE_PERMISSION_UNKNOWN] = "unknown",
  [BYLINE_PERMISSION_STAFF] = "staff",
  [BYLINE_PERMISSION_WIRE_SERVICE] = "wire-service",
  [BYLINE_PERMISSION_HANDOUT] = "handout",
  [BYLINE_PERMISSION_COPYRIGHT_HOLDER] = "copyright-holder",
  [BYLINE_PERMISSION_CREATIVE_COMMONS] = "creative-commons",
  [BYLINE_PERMISSION_PUBLIC_DOMAIN] = "public-domain",
  [BYLINE_PERMISSION_NEWS_SCREENSHOT] = "news-screenshot",
};

const char *
byline_story_status_to_string (BylineStoryStatus status)
{
  g_return_val_if_fail (status < G_N_ELEMENTS (status_strings), NULL);

  return status_strings[status];
}

gboolean
byline_story_status_from_string (const char        *string,
                                 BylineStoryStatus *status)
{
  g_return_val_if_fail (status != NULL, FALSE);

  for (guint i = 0; string != NULL && i < G_N_ELEMENTS (status_strings); i++)
    {
      if (g_str_equal (string, status_strings[i]))
        {
          *status = (BylineStoryStatus) i;
          return TRUE;
        }
    }

  return FALSE;
}

const char *
byline_story_status_get_label (BylineStoryStatus status)
{
  switch (status)
    {
    case BYLINE_STORY_STATUS_DRAFT:
      return _("Draft");
    case BYLINE_STORY_STATUS_PENDING:
      return _("Pending review");
    case BYLINE_STORY_STATUS_SCHEDULED:
      return _("Scheduled");
    case BYLINE_STORY_STATUS_PUBLISHED:
      return _("Published");
    case BYLINE_STORY_STATUS_PRIVATE:
      return _("Private");
    default:
      g_return_val_if_reached (NULL);
    }
}

const char *
byline_permission_kind_to_string (BylinePermissionKind kind)
{
  g_return_val_if_fail (kind < G_N_ELEMENTS (permission_strings), NULL);

  return permission_strings[kind];
}

BylinePermissionKind
byline_permission_kind_from_string (const char *string)
{
  for (guint i = 0; string != NULL && i < G_N_ELEMENTS (permission_strings); i++)
    {
      if (g_str_equal (string, permission_strings[i]))
        return (BylinePermissionKind) i;
    }

  return BYLINE_PERMISSION_UNKNOWN;
}

const char *
byline_permission_kind_get_label (BylinePermissionKind kind)
{
  switch (kind)
    {
    case BYLINE_PERMISSION_UNKNOWN:
      return _("Permission unknown");
    case BYLINE_PERMISSION_STAFF:
      return _("Staff");
    case BYLINE_PERMISSION_WIRE_SERVICE:
      return _("Wire service");
    case BYLINE_PERMISSION_HANDOUT:
      return _("Handout");
    case BYLINE_PERMISSION_COPYRIGHT_HOLDER:
      return _("Used with permission of the copyright holder");
    case BYLINE_PERMISSION_CREATIVE_COMMONS:
      return _("Creative Commons");
    case BYLINE_PERMISSION_PUBLIC_DOMAIN:
      return _("Public domain");
    case BYLINE_PERMISSION_NEWS_SCREENSHOT:
      return _("Screenshot for news reporting");
    default:
      g_return_val_if_reached (NULL);
    }
}
