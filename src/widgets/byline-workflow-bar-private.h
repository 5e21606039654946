/* byline-workflow-bar-private.h: access for the UI tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "byline-workflow-bar.h"

G_BEGIN_DECLS

GtkLabel   *byline_workflow_bar_get_status_label  (BylineWorkflowBar *self);
GtkListBox *byline_workflow_bar_get_history_list  (BylineWorkflowBar *self);
/* The dialog open now (a note, the gate's checklist, a confirmation), or NULL */
AdwMessageDialog *byline_workflow_bar_get_dialog  (BylineWorkflowBar *self);
void        byline_workflow_bar_set_schedule_time (BylineWorkflowBar *self,
                                                   GDateTime         *local_time);

G_END_DECLS
