/* byline-credit-panel.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "model/byline-image.h"

#include "byline-credit-panel.h"

struct _BylineCreditPanel
{
  AdwBin         parent_instance;

  BylineStore   *store;
  BylineStory   *story;
  GListModel    *images;

  GtkStack      *content_stack;
  GtkListView   *list_view;
  AdwStatusPage *empty_page;
};

G_DEFINE_FINAL_TYPE (BylineCreditPanel, byline_credit_panel, ADW_TYPE_BIN)

enum
{
  PROP_0,
  PROP_STORE,
  PROP_STORY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static char *
credit_text (GtkListItem *item,
             const char  *credit_line)
{
  if (credit_line == NULL || *credit_line == '\0')
    return g_strdup (_("No credit line"));
  return g_strdup (credit_line);
}

static char *
source_text (GtkListItem *item,
             const char  *source)
{
  /* TRANSLATORS: where an image came from, e.g. "Source: City Hall press office" */
  return g_strdup_printf (_("Source: %s"), source != NULL ? source : "");
}

static gboolean
has_text (GtkListItem *item,
          const char  *text)
{
  return text != NULL && *text != '\0';
}

static char *
permission_text (GtkListItem          *item,
                 BylinePermissionKind  kind)
{
  return g_strdup (byline_permission_kind_get_label (kind));
}

static GtkListItemFactory *
create_row_factory (void)
{
  g_autoptr (GtkBuilderScope) scope = gtk_builder_cscope_new ();

  gtk_builder_cscope_add_callback_symbols (GTK_BUILDER_CSCOPE (scope),
                                           "credit_text", G_CALLBACK (credit_text),
                                           "source_text", G_CALLBACK (source_text),
                                           "has_text", G_CALLBACK (has_text),
                                           "permission_text", G_CALLBACK (permission_text),
                                           NULL);
  return gtk_builder_list_item_factory_new_from_resource (scope,
                                                          RESOURCE_BASE "/byline-credit-row.ui");
}

static void
show_empty (BylineCreditPanel *self,
            const char        *title,
            const char        *description)
{
  adw_status_page_set_title (self->empty_page, title);
  adw_status_page_set_description (self->empty_page, description);
  gtk_stack_set_visible_child_name (self->content_stack, "empty");
}

static GListModel *
list_images (BylineCreditPanel *self,
             GError           **error)
{
  if (self->store == NULL || self->story == NULL)
    return NULL;
  return byline_store_list_images (self->store, byline_story_get_uuid (self->story), error);
}

static void
reload (BylineCreditPanel *self)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GtkNoSelection) selection = NULL;

  g_clear_object (&self->images);
  self->images = list_images (self, &error);
  selection = gtk_no_selection_new (self->images != NULL ? g_object_ref (self->images) : NULL);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (selection));

  if (error != NULL)
    show_empty (self, _("Could Not Load Images"), error->message);
  else if (self->story == NULL)
    show_empty (self, _("No Story Selected"), _("Select a story to see the credits of its images"));
  else if (self->images == NULL || g_list_model_get_n_items (self->images) == 0)
    show_empty (self, _("No Images"), _("This story has no images yet"));
  else
    gtk_stack_set_visible_child_name (self->content_stack, "list");
}

BylineStore *
byline_credit_panel_get_store (BylineCreditPanel *self)
{
  g_return_val_if_fail (BYLINE_IS_CREDIT_PANEL (self), NULL);

  return self->store;
}

void
byline_credit_panel_set_store (BylineCreditPanel *self,
                               BylineStore       *store)
{
  g_return_if_fail (BYLINE_IS_CREDIT_PANEL (self));
  g_return_if_fail (store == NULL || BYLINE_IS_STORE (store));

  if (!g_set_object (&self->store, store))
    return;
  reload (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

BylineStory *
byline_credit_panel_get_story (BylineCreditPanel *self)
{
  g_return_val_if_fail (BYLINE_IS_CREDIT_PANEL (self), NULL);

  return self->story;
}

void
byline_credit_panel_set_story (BylineCreditPanel *self,
                               BylineStory       *story)
{
  g_return_if_fail (BYLINE_IS_CREDIT_PANEL (self));
  g_return_if_fail (story == NULL || BYLINE_IS_STORY (story));

  if (!g_set_object (&self->story, story))
    return;
  reload (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORY]);
}

/**
 * byline_credit_panel_get_images:
 * @self: a #BylineCreditPanel
 *
 * Returns: (transfer none) (nullable): the images shown
 */
GListModel *
byline_credit_panel_get_images (BylineCreditPanel *self)
{
  g_return_val_if_fail (BYLINE_IS_CREDIT_PANEL (self), NULL);

  return self->images;
}

static void
byline_credit_panel_dispose (GObject *object)
{
  BylineCreditPanel *self = BYLINE_CREDIT_PANEL (object);

  g_clear_object (&self->images);
  g_clear_object (&self->story);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (byline_credit_panel_parent_class)->dispose (object);
}

static void
byline_credit_panel_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  BylineCreditPanel *self = BYLINE_CREDIT_PANEL (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_STORY:
      g_value_set_object (value, self->story);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
byline_credit_panel_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  BylineCreditPanel *self = BYLINE_CREDIT_PANEL (object);

  switch (prop_id)
    {
    case PROP_STORE:
      byline_credit_panel_set_store (self, g_value_get_object (value));
      break;
    case PROP_STORY:
      byline_credit_panel_set_story (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
byline_credit_panel_class_init (BylineCreditPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = byline_credit_panel_dispose;
  object_class->get_property = byline_credit_panel_get_property;
  object_class->set_property = byline_credit_panel_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, BYLINE_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_STORY] =
    g_param_spec_object ("story", NULL, NULL, BYLINE_TYPE_STORY,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* The row template looks BylineImage up by name. */
  g_type_ensure (BYLINE_TYPE_IMAGE);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/byline-credit-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, BylineCreditPanel, content_stack);
  gtk_widget_class_bind_template_child (widget_class, BylineCreditPanel, list_view);
  gtk_widget_class_bind_template_child (widget_class, BylineCreditPanel, empty_page);
}

static void
byline_credit_panel_init (BylineCreditPanel *self)
{
  g_autoptr (GtkListItemFactory) factory = create_row_factory ();

  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_list_view_set_factory (self->list_view, factory);
  reload (self);
}

GtkWidget *
byline_credit_panel_new (void)
{
  return g_object_new (BYLINE_TYPE_CREDIT_PANEL, NULL);
}
