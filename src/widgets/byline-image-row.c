/* byline-image-row.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "photo/byline-photo-thumbnail.h"

#include "byline-image-row-private.h"
#include "byline-permission-chip.h"

/* The labels that show these properties are refreshed when they change. */
static const char *const watched_properties[] = {
  "notify::caption",
  "notify::credit-line",
  "notify::featured",
};

struct _BylineImageRow
{
  AdwBin                parent_instance;

  BylineImage          *image;
  gulong                handlers[G_N_ELEMENTS (watched_properties)];
  GCancellable         *thumbnail_cancellable;

  GtkStack             *thumbnail_stack;
  GtkImage             *picture;
  GtkImage             *missing_icon;
  GtkLabel             *caption_label;
  GtkLabel             *credit_label;
  BylinePermissionChip *permission_chip;
  GtkButton            *featured_button;
  GtkBox               *upload_box;
  GtkProgressBar       *upload_progress;
  GtkButton            *upload_cancel_button;
};

G_DEFINE_FINAL_TYPE (BylineImageRow, byline_image_row, ADW_TYPE_BIN)

enum
{
  PROP_0,
  PROP_IMAGE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gboolean
is_empty (const char *text)
{
  return text == NULL || *text == '\0';
}

static char *
caption_or_file_name (BylineImage *image)
{
  const char *caption = byline_image_get_caption (image);
  const char *file = byline_image_get_file (image);
  g_autofree char *base_name = NULL;

  if (!is_empty (caption))
    return g_strdup (caption);
  if (is_empty (file))
    return g_strdup (_("Untitled image"));
  base_name = g_path_get_basename (file);
  return g_filename_display_name (base_name);
}

static void
show_featured (BylineImageRow *self)
{
  gboolean featured = byline_image_get_featured (self->image);
  const char *description = featured ? _("Featured image") : _("Make this the featured image");

  gtk_button_set_icon_name (self->featured_button,
                            featured ? "starred-symbolic" : "non-starred-symbolic");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->featured_button), description);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->featured_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, description, -1);
  if (featured)
    gtk_widget_add_css_class (GTK_WIDGET (self->featured_button), "featured");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->featured_button), "featured");
}

static void
show_texts (BylineImageRow *self)
{
  g_autofree char *caption = caption_or_file_name (self->image);
  const char *credit_line = byline_image_get_credit_line (self->image);

  gtk_label_set_text (self->caption_label, caption);
  gtk_label_set_text (self->credit_label, is_empty (credit_line) ? _("No credit line") : credit_line);
  show_featured (self);
}

/* Thumbnails in the list are squares cut from the middle of the image, so
 * that every row is as tall as the next and its text lines up. */
static GdkPixbuf *
crop_to_square (GdkPixbuf *pixbuf)
{
  int width = gdk_pixbuf_get_width (pixbuf);
  int height = gdk_pixbuf_get_height (pixbuf);
  int side = MIN (width, height);

  return gdk_pixbuf_new_subpixbuf (pixbuf, (width - side) / 2, (height - side) / 2, side, side);
}

static void
on_thumbnail_loaded (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr (BylineImageRow) self = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (GdkPixbuf) pixbuf = byline_photo_thumbnail_load_finish (result, &error);
  g_autoptr (GdkPixbuf) square = NULL;
  g_autoptr (GdkTexture) texture = NULL;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&self->thumbnail_cancellable);
  if (pixbuf == NULL)
    {
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->missing_icon), error->message);
      gtk_stack_set_visible_child_name (self->thumbnail_stack, "missing");
      return;
    }
  square = crop_to_square (pixbuf);
  texture = gdk_texture_new_for_pixbuf (square);
  gtk_image_set_from_paintable (self->picture, GDK_PAINTABLE (texture));
  gtk_stack_set_visible_child_name (self->thumbnail_stack, "picture");
}

static void
load_thumbnail (BylineImageRow *self)
{
  const char *file = byline_image_get_file (self->image);

  gtk_image_clear (self->picture);
  gtk_stack_set_visible_child_name (self->thumbnail_stack, "loading");
  if (is_empty (file))
    return;
  self->thumbnail_cancellable = g_cancellable_new ();
  byline_photo_thumbnail_load_async (file, BYLINE_PHOTO_THUMBNAIL_SIZE, self->thumbnail_cancellable,
                                     on_thumbnail_loaded, g_object_ref (self));
}

static void
release_image (BylineImageRow *self)
{
  g_cancellable_cancel (self->thumbnail_cancellable);
  g_clear_object (&self->thumbnail_cancellable);
  if (self->image == NULL)
    return;
  for (guint i = 0; i < G_N_ELEMENTS (self->handlers); i++)
    g_clear_signal_handler (&self->handlers[i], self->image);
  g_clear_object (&self->image);
}

static void
watch_image (BylineImageRow *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (self->handlers); i++)
    self->handlers[i] = g_signal_connect_object (self->image, watched_properties[i],
                                                 G_CALLBACK (show_texts), self, G_CONNECT_SWAPPED);
}

BylineImage *
byline_image_row_get_image (BylineImageRow *self)
{
  g_return_val_if_fail (BYLINE_IS_IMAGE_ROW (self), NULL);

  return self->image;
}

void
byline_image_row_set_image (BylineImageRow *self,
                            BylineImage    *image)
{
  g_return_if_fail (BYLINE_IS_IMAGE_ROW (self));
  g_return_if_fail (image == NULL || BYLINE_IS_IMAGE (image));

  if (self->image == image)
    return;

  release_image (self);
  byline_image_row_set_upload_fraction (self, -1);
  byline_permission_chip_set_image (self->permission_chip, image);
  if (image != NULL)
    {
      self->image = g_object_ref (image);
      watch_image (self);
      gtk_actionable_set_action_target (GTK_ACTIONABLE (self->featured_button), "s",
                                        byline_image_get_uuid (image));
      gtk_actionable_set_action_name (GTK_ACTIONABLE (self->featured_button),
                                      "credit-panel.toggle-featured");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (self->upload_cancel_button), "s",
                                        byline_image_get_uuid (image));
      gtk_actionable_set_action_name (GTK_ACTIONABLE (self->upload_cancel_button),
                                      "credit-panel.cancel-upload");
      show_texts (self);
      load_thumbnail (self);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_IMAGE]);
}

/**
 * byline_image_row_set_upload_fraction:
 * @fraction: how much of the image has been uploaded, from 0 to 1, or
 *   a negative number when it is not being uploaded
 *
 * Shows the upload of the image under way, with a button that cancels it.
 */
void
byline_image_row_set_upload_fraction (BylineImageRow *self,
                                      double          fraction)
{
  g_return_if_fail (BYLINE_IS_IMAGE_ROW (self));

  gtk_widget_set_visible (GTK_WIDGET (self->upload_box), fraction >= 0);
  if (fraction < 0)
    return;
  gtk_progress_bar_set_fraction (self->upload_progress, MIN (fraction, 1.0));
  /* The file is sent; the site still makes its sizes before it answers. */
  gtk_progress_bar_set_text (self->upload_progress, fraction >= 1.0 ? _("Waiting for the site…") : NULL);
}

GtkProgressBar *
byline_image_row_get_progress_bar (BylineImageRow *self)
{
  g_return_val_if_fail (BYLINE_IS_IMAGE_ROW (self), NULL);

  return self->upload_progress;
}

GtkButton *
byline_image_row_get_cancel_button (BylineImageRow *self)
{
  g_return_val_if_fail (BYLINE_IS_IMAGE_ROW (self), NULL);

  return self->upload_cancel_button;
}

static void
byline_image_row_dispose (GObject *object)
{
  BylineImageRow *self = BYLINE_IMAGE_ROW (object);

  release_image (self);

  G_OBJECT_CLASS (byline_image_row_parent_class)->dispose (object);
}

static void
byline_image_row_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  BylineImageRow *self = BYLINE_IMAGE_ROW (object);

  switch (prop_id)
    {
    case PROP_IMAGE:
      g_value_set_object (value, self->image);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
byline_image_row_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  BylineImageRow *self = BYLINE_IMAGE_ROW (object);

  switch (prop_id)
    {
    case PROP_IMAGE:
      byline_image_row_set_image (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
byline_image_row_class_init (BylineImageRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = byline_image_row_dispose;
  object_class->get_property = byline_image_row_get_property;
  object_class->set_property = byline_image_row_set_property;

  properties[PROP_IMAGE] =
    g_param_spec_object ("image", NULL, NULL, BYLINE_TYPE_IMAGE,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (BYLINE_TYPE_PERMISSION_CHIP);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/byline-image-row.ui");
  gtk_widget_class_bind_template_child (widget_class, BylineImageRow, thumbnail_stack);
  gtk_widget_class_bind_template_child (widget_class, BylineImageRow, picture);
  gtk_widget_class_bind_template_child (widget_class, BylineImageRow, missing_icon);
  gtk_widget_class_bind_template_child (widget_class, BylineImageRow, caption_label);
  gtk_widget_class_bind_template_child (widget_class, BylineImageRow, credit_label);
  gtk_widget_class_bind_template_child (widget_class, BylineImageRow, permission_chip);
  gtk_widget_class_bind_template_child (widget_class, BylineImageRow, featured_button);
  gtk_widget_class_bind_template_child (widget_class, BylineImageRow, upload_box);
  gtk_widget_class_bind_template_child (widget_class, BylineImageRow, upload_progress);
  gtk_widget_class_bind_template_child (widget_class, BylineImageRow, upload_cancel_button);
}

static void
byline_image_row_init (BylineImageRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
byline_image_row_new (void)
{
  return g_object_new (BYLINE_TYPE_IMAGE_ROW, NULL);
}
