/* byline-format-toolbar.c
 *
 * The buttons name the actions of the BylineRichTextView around them ("format.bold",
 * "format.block"…); stateful actions keep each toggle showing the format at the cursor.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "byline-format-toolbar.h"

struct _BylineFormatToolbar
{
  GtkBox parent_instance;
};

G_DEFINE_FINAL_TYPE (BylineFormatToolbar, byline_format_toolbar, GTK_TYPE_BOX)

static void
byline_format_toolbar_class_init (BylineFormatToolbarClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/byline-format-toolbar.ui");
  gtk_widget_class_set_css_name (widget_class, "toolbar");
}

static void
byline_format_toolbar_init (BylineFormatToolbar *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
byline_format_toolbar_new (void)
{
  return g_object_new (BYLINE_TYPE_FORMAT_TOOLBAR, NULL);
}
