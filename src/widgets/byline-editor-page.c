/* byline-editor-page.c
 *
 * The window builds this page only when a story is first opened (or just
 * after its first frame), so that starting Byline does not pay for an editor
 * nobody sees yet.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "byline-editor-page.h"

struct _BylineEditorPage
{
  AdwBin             parent_instance;

  BylineWorkflowBar *workflow_bar;
  GtkRevealer       *conflict_revealer;
  BylineStoryEditor *story_editor;
};

G_DEFINE_FINAL_TYPE (BylineEditorPage, byline_editor_page, ADW_TYPE_BIN)

static void
byline_editor_page_class_init (BylineEditorPageClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/byline-editor-page.ui");
  gtk_widget_class_bind_template_child (widget_class, BylineEditorPage, workflow_bar);
  gtk_widget_class_bind_template_child (widget_class, BylineEditorPage, conflict_revealer);
  gtk_widget_class_bind_template_child (widget_class, BylineEditorPage, story_editor);
}

static void
byline_editor_page_init (BylineEditorPage *self)
{
  g_type_ensure (BYLINE_TYPE_WORKFLOW_BAR);
  g_type_ensure (BYLINE_TYPE_STORY_EDITOR);
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
byline_editor_page_new (void)
{
  return g_object_new (BYLINE_TYPE_EDITOR_PAGE, NULL);
}

BylineStoryEditor *
byline_editor_page_get_story_editor (BylineEditorPage *self)
{
  g_return_val_if_fail (BYLINE_IS_EDITOR_PAGE (self), NULL);

  return self->story_editor;
}

BylineWorkflowBar *
byline_editor_page_get_workflow_bar (BylineEditorPage *self)
{
  g_return_val_if_fail (BYLINE_IS_EDITOR_PAGE (self), NULL);

  return self->workflow_bar;
}

GtkRevealer *
byline_editor_page_get_conflict_revealer (BylineEditorPage *self)
{
  g_return_val_if_fail (BYLINE_IS_EDITOR_PAGE (self), NULL);

  return self->conflict_revealer;
}
