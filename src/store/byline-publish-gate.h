/* byline-publish-gate.h: the checklist a story passes before it goes live
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "model/byline-types.h"

G_BEGIN_DECLS

/* Matches BYLINE_PERMISSION_EXPIRY_WARNING_DAYS of the photo layer, which the
 * store does not link: a permission lapsing this soon after going live is a
 * warning, one lapsing before it an error. */
#define BYLINE_GATE_EXPIRY_WARNING_DAYS 14

typedef enum
{
  BYLINE_GATE_WARNING,
  BYLINE_GATE_ERROR,
} BylineGateSeverity;

typedef enum
{
  BYLINE_GATE_RULE_HEADLINE,
  BYLINE_GATE_RULE_DEK,
  BYLINE_GATE_RULE_BODY,
  BYLINE_GATE_RULE_IMAGE_CREDIT,
  BYLINE_GATE_RULE_IMAGE_PERMISSION_KIND,
  BYLINE_GATE_RULE_IMAGE_PERMISSION_EXPIRED,
  BYLINE_GATE_RULE_IMAGE_PERMISSION_EXPIRING,
  BYLINE_GATE_RULE_IMAGE_ALT_TEXT,
  BYLINE_GATE_RULE_SYNC_CONFLICT,
} BylineGateRule;

typedef struct
{
  BylineGateRule      rule;
  BylineGateSeverity  severity;
  /* The image the issue is about, NULL for the story itself */
  char               *image_uuid;
  char               *message;
} BylineGateIssue;

void       byline_gate_issue_free          (BylineGateIssue *issue);

GPtrArray *byline_publish_gate_check       (BylineStory     *story,
                                            GListModel      *images,
                                            GDateTime       *publish_at,
                                            gboolean         has_sync_conflict);
guint      byline_publish_gate_count       (GPtrArray       *issues,
                                            BylineGateSeverity severity);
gboolean   byline_publish_gate_has_rule    (GPtrArray       *issues,
                                            BylineGateRule   rule);
gboolean   byline_publish_body_is_empty    (const char      *body_html);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BylineGateIssue, byline_gate_issue_free)

G_END_DECLS
