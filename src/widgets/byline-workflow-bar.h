/* byline-workflow-bar.h: the story's status and the editorial steps the
 * user's role allows from it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "model/byline-story.h"
#include "store/byline-store.h"

G_BEGIN_DECLS

#define BYLINE_TYPE_WORKFLOW_BAR (byline_workflow_bar_get_type ())

G_DECLARE_FINAL_TYPE (BylineWorkflowBar, byline_workflow_bar, BYLINE, WORKFLOW_BAR, GtkWidget)

GtkWidget   *byline_workflow_bar_new       (void);
BylineStore *byline_workflow_bar_get_store (BylineWorkflowBar *self);
void         byline_workflow_bar_set_store (BylineWorkflowBar *self,
                                            BylineStore       *store);
BylineStory *byline_workflow_bar_get_story (BylineWorkflowBar *self);
void         byline_workflow_bar_set_story (BylineWorkflowBar *self,
                                            BylineStory       *story);
void         byline_workflow_bar_refresh   (BylineWorkflowBar *self);

G_END_DECLS
