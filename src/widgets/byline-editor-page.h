/* byline-editor-page.h: the centre pane with a story open: its workflow bar, the
 * conflict banner and the editor
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "byline-story-editor.h"
#include "byline-workflow-bar.h"

G_BEGIN_DECLS

#define BYLINE_TYPE_EDITOR_PAGE (byline_editor_page_get_type ())

G_DECLARE_FINAL_TYPE (BylineEditorPage, byline_editor_page, BYLINE, EDITOR_PAGE, AdwBin)

GtkWidget         *byline_editor_page_new                   (void);
BylineStoryEditor *byline_editor_page_get_story_editor      (BylineEditorPage *self);
BylineWorkflowBar *byline_editor_page_get_workflow_bar      (BylineEditorPage *self);
GtkRevealer       *byline_editor_page_get_conflict_revealer (BylineEditorPage *self);

G_END_DECLS
