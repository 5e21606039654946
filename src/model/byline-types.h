/* byline-types.h: shared enums and forward type declarations
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* -Wpedantic forbids turning a function pointer straight into a gpointer,
 * which is what GTask source tags are by convention. */
#define BYLINE_SOURCE_TAG(func) ((gpointer) (guintptr) (func))

typedef struct _BylineStory  BylineStory;
typedef struct _BylineImage  BylineImage;
typedef struct _BylineAuthor BylineAuthor;
typedef struct _BylineUpdate BylineUpdate;
typedef struct _BylineStore  BylineStore;

/* The order matches the order statuses are offered in the UI. */
typedef enum
{
  BYLINE_STORY_STATUS_DRAFT,
  BYLINE_STORY_STATUS_PENDING,
  BYLINE_STORY_STATUS_SCHEDULED,
  BYLINE_STORY_STATUS_PUBLISHED,
  BYLINE_STORY_STATUS_PRIVATE,
} BylineStoryStatus;

typedef enum
{
  BYLINE_PERMISSION_UNKNOWN,
  BYLINE_PERMISSION_STAFF,
  BYLINE_PERMISSION_WIRE_SERVICE,
  BYLINE_PERMISSION_HANDOUT,
  BYLINE_PERMISSION_COPYRIGHT_HOLDER,
  BYLINE_PERMISSION_CREATIVE_COMMONS,
  BYLINE_PERMISSION_PUBLIC_DOMAIN,
  BYLINE_PERMISSION_NEWS_SCREENSHOT,
} BylinePermissionKind;

const char        *byline_story_status_to_string   (BylineStoryStatus status);
gboolean           byline_story_status_from_string (const char        *string,
                                                    BylineStoryStatus *status);
const char        *byline_story_status_get_label   (BylineStoryStatus status);

const char        *byline_permission_kind_to_string   (BylinePermissionKind kind);
BylinePermissionKind byline_permission_kind_from_string (const char *string);
const char        *byline_permission_kind_get_label   (BylinePermissionKind kind);

G_END_DECLS
