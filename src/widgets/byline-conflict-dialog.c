/* byline-conflict-dialog.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "html/byline-html-import.h"

#include "byline-conflict-dialog.h"
#include "byline-rich-text-buffer.h"

struct _BylineConflictDialog
{
  AdwWindow         parent_instance;

  BylineSyncEngine *engine;
  BylineStory      *story;

  GtkTextView      *local_view;
  GtkTextView      *server_view;
  GtkLabel         *error_label;
};

G_DEFINE_FINAL_TYPE (BylineConflictDialog, byline_conflict_dialog, ADW_TYPE_WINDOW)

enum
{
  RESOLVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The body as the editor shows it, not as HTML; the raw HTML if it cannot
 * be read, so that nothing is hidden from the comparison. */
static void
show_version (GtkTextView *view,
              BylineStory *story)
{
  g_autoptr (BylineRichTextBuffer) buffer = byline_rich_text_buffer_new ();
  const char *headline = byline_story_get_headline (story);
  const char *body = byline_story_get_body (story);
  g_autofree char *title = g_strconcat (headline ? headline : "", "\n\n", NULL);
  GtkTextIter start;

  if (body != NULL && !byline_html_import (GTK_TEXT_BUFFER (buffer), body, -1, NULL))
    gtk_text_buffer_set_text (GTK_TEXT_BUFFER (buffer), body, -1);
  gtk_text_buffer_create_tag (GTK_TEXT_BUFFER (buffer), "conflict-headline", "weight", PANGO_WEIGHT_BOLD,
                              "scale", PANGO_SCALE_LARGE, NULL);
  gtk_text_buffer_get_start_iter (GTK_TEXT_BUFFER (buffer), &start);
  gtk_text_buffer_insert_with_tags_by_name (GTK_TEXT_BUFFER (buffer), &start, title, -1, "conflict-headline",
                                            NULL);
  gtk_text_view_set_buffer (view, GTK_TEXT_BUFFER (buffer));
}

static BylineSyncResolution
resolution_from_name (const char *name)
{
  if (g_str_equal (name, "server"))
    return BYLINE_SYNC_RESOLVE_KEEP_SERVER;
  if (g_str_equal (name, "merge"))
    return BYLINE_SYNC_RESOLVE_MERGED;
  return BYLINE_SYNC_RESOLVE_KEEP_LOCAL;
}

/* Merging by hand settles the conflict with the text the editor holds,
 * which the user then goes on editing with the site's version as the
 * base, so that the next push does not meet the same conflict. */
static void
resolve_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  BylineConflictDialog *self = BYLINE_CONFLICT_DIALOG (widget);
  BylineSyncResolution resolution = resolution_from_name (g_variant_get_string (parameter, NULL));
  const char *body = byline_story_get_body (self->story);
  g_autoptr (GError) error = NULL;

  if (!byline_sync_engine_resolve_conflict (self->engine, self->story, resolution, body ? body : "", &error))
    {
      gtk_label_set_text (self->error_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
      return;
    }
  g_signal_emit (self, signals[RESOLVED], 0, resolution);
  gtk_window_close (GTK_WINDOW (self));
}

static void
byline_conflict_dialog_dispose (GObject *object)
{
  BylineConflictDialog *self = BYLINE_CONFLICT_DIALOG (object);

  g_clear_object (&self->engine);
  g_clear_object (&self->story);

  G_OBJECT_CLASS (byline_conflict_dialog_parent_class)->dispose (object);
}

static void
byline_conflict_dialog_class_init (BylineConflictDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = byline_conflict_dialog_dispose;

  /* After the engine settled the conflict; the argument is a BylineSyncResolution. */
  signals[RESOLVED] = g_signal_new ("resolved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                                    NULL, G_TYPE_NONE, 1, G_TYPE_INT);

  gtk_widget_class_install_action (widget_class, "conflict.resolve", "s", resolve_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/byline-conflict-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, BylineConflictDialog, local_view);
  gtk_widget_class_bind_template_child (widget_class, BylineConflictDialog, server_view);
  gtk_widget_class_bind_template_child (widget_class, BylineConflictDialog, error_label);
}

static void
byline_conflict_dialog_init (BylineConflictDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

BylineConflictDialog *
byline_conflict_dialog_new (GtkWindow        *parent,
                            BylineSyncEngine *engine,
                            BylineStory      *story,
                            BylineStory      *server_version)
{
  BylineConflictDialog *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (BYLINE_IS_SYNC_ENGINE (engine), NULL);
  g_return_val_if_fail (BYLINE_IS_STORY (story), NULL);
  g_return_val_if_fail (BYLINE_IS_STORY (server_version), NULL);

  self = g_object_new (BYLINE_TYPE_CONFLICT_DIALOG, "transient-for", parent, NULL);
  self->engine = g_object_ref (engine);
  self->story = g_object_ref (story);
  show_version (self->local_view, story);
  show_version (self->server_view, server_version);
  return self;
}
