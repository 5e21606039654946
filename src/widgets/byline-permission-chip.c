/* byline-permission-chip.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "byline-permission-chip.h"

/* The fields a badge is judged on; a change to any of them redraws it. */
static const char *const watched_properties[] = {
  "notify::permission-kind",
  "notify::permission-proof",
  "notify::permission-expiry",
  "notify::usage-terms",
};

struct _BylinePermissionChip
{
  AdwBin                 parent_instance;

  BylineImage           *image;
  gulong                 handlers[G_N_ELEMENTS (watched_properties)];
  BylinePermissionBadge  badge;

  GtkImage              *icon;
  GtkLabel              *label;
};

G_DEFINE_FINAL_TYPE (BylinePermissionChip, byline_permission_chip, ADW_TYPE_BIN)

enum
{
  PROP_0,
  PROP_IMAGE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char *
badge_icon_name (BylinePermissionBadge badge)
{
  switch (badge)
    {
    case BYLINE_PERMISSION_BADGE_OK:
      return "emblem-ok-symbolic";
    case BYLINE_PERMISSION_BADGE_EXPIRING_SOON:
      return "alarm-symbolic";
    case BYLINE_PERMISSION_BADGE_EXPIRED:
      return "dialog-error-symbolic";
    case BYLINE_PERMISSION_BADGE_MISSING:
    default:
      return "dialog-warning-symbolic";
    }
}

static void
show_badge (BylinePermissionChip  *self,
            BylinePermissionBadge  badge)
{
  const char *label = byline_permission_badge_get_label (badge);

  gtk_widget_remove_css_class (GTK_WIDGET (self), byline_permission_badge_to_string (self->badge));
  self->badge = badge;
  gtk_widget_add_css_class (GTK_WIDGET (self), byline_permission_badge_to_string (badge));
  gtk_image_set_from_icon_name (self->icon, badge_icon_name (badge));
  gtk_label_set_label (self->label, label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
}

static void
update_badge (BylinePermissionChip *self)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();

  gtk_widget_set_visible (GTK_WIDGET (self), self->image != NULL);
  if (self->image != NULL)
    show_badge (self, byline_photo_get_permission_badge (self->image, now));
}

static void
unwatch_image (BylinePermissionChip *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (self->handlers); i++)
    g_clear_signal_handler (&self->handlers[i], self->image);
}

static void
watch_image (BylinePermissionChip *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (self->handlers); i++)
    self->handlers[i] = g_signal_connect_object (self->image, watched_properties[i],
                                                 G_CALLBACK (update_badge), self,
                                                 G_CONNECT_SWAPPED);
}

BylineImage *
byline_permission_chip_get_image (BylinePermissionChip *self)
{
  g_return_val_if_fail (BYLINE_IS_PERMISSION_CHIP (self), NULL);

  return self->image;
}

void
byline_permission_chip_set_image (BylinePermissionChip *self,
                                  BylineImage          *image)
{
  g_return_if_fail (BYLINE_IS_PERMISSION_CHIP (self));
  g_return_if_fail (image == NULL || BYLINE_IS_IMAGE (image));

  if (self->image == image)
    return;

  if (self->image != NULL)
    unwatch_image (self);
  g_set_object (&self->image, image);
  if (image != NULL)
    watch_image (self);
  update_badge (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_IMAGE]);
}

BylinePermissionBadge
byline_permission_chip_get_badge (BylinePermissionChip *self)
{
  g_return_val_if_fail (BYLINE_IS_PERMISSION_CHIP (self), BYLINE_PERMISSION_BADGE_MISSING);

  return self->badge;
}

static void
byline_permission_chip_dispose (GObject *object)
{
  BylinePermissionChip *self = BYLINE_PERMISSION_CHIP (object);

  if (self->image != NULL)
    unwatch_image (self);
  g_clear_object (&self->image);

  G_OBJECT_CLASS (byline_permission_chip_parent_class)->dispose (object);
}

static void
byline_permission_chip_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  BylinePermissionChip *self = BYLINE_PERMISSION_CHIP (object);

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
byline_permission_chip_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  BylinePermissionChip *self = BYLINE_PERMISSION_CHIP (object);

  switch (prop_id)
    {
    case PROP_IMAGE:
      byline_permission_chip_set_image (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
byline_permission_chip_class_init (BylinePermissionChipClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = byline_permission_chip_dispose;
  object_class->get_property = byline_permission_chip_get_property;
  object_class->set_property = byline_permission_chip_set_property;

  properties[PROP_IMAGE] =
    g_param_spec_object ("image", NULL, NULL, BYLINE_TYPE_IMAGE,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/byline-permission-chip.ui");
  gtk_widget_class_bind_template_child (widget_class, BylinePermissionChip, icon);
  gtk_widget_class_bind_template_child (widget_class, BylinePermissionChip, label);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_STATUS);
}

static void
byline_permission_chip_init (BylinePermissionChip *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->badge = BYLINE_PERMISSION_BADGE_MISSING;
  update_badge (self);
}

GtkWidget *
byline_permission_chip_new (void)
{
  return g_object_new (BYLINE_TYPE_PERMISSION_CHIP, NULL);
}
