/* byline-image-editor.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "photo/byline-photo-credit.h"
#include "photo/byline-photo-metadata.h"
#include "photo/byline-photo-origins.h"
#include "photo/byline-photo-thumbnail.h"

#include "byline-image-editor-private.h"
#include "byline-permission-chip.h"

/* As in the story editor: a burst of typing costs one write. */
#define SAVE_DELAY_MS 400

/* A text field of the form: the image property it edits and its row. */
typedef struct
{
  const char *property;
  gsize       row_offset;
} TextField;

#define N_TEXT_FIELDS 10

struct _BylineImageEditor
{
  AdwBin                parent_instance;

  BylineStore          *store;
  BylineImage          *image;
  guint                 save_source;
  /* Set while the widgets are filled from the image, which is not an edit. */
  gboolean              filling;
  GCancellable         *cancellable;
  /* The file's embedded credits: a field still holding what they would
   * have filled in shows where its value came from. */
  BylinePhotoMetadata  *metadata;
  char                 *titles[N_TEXT_FIELDS];

  GtkPicture           *preview;
  GtkLabel             *file_label;
  BylinePermissionChip *permission_chip;
  AdwEntryRow          *caption_row;
  AdwEntryRow          *alt_text_row;
  AdwEntryRow          *credit_line_row;
  AdwEntryRow          *creator_row;
  AdwEntryRow          *creator_title_row;
  AdwEntryRow          *copyright_holder_row;
  AdwEntryRow          *source_row;
  AdwEntryRow          *source_url_row;
  AdwComboRow          *permission_row;
  AdwEntryRow          *permission_proof_row;
  AdwActionRow         *expiry_row;
  GtkButton            *clear_expiry_button;
  GtkPopover           *expiry_popover;
  GtkCalendar          *expiry_calendar;
  AdwEntryRow          *usage_terms_row;
};

G_DEFINE_FINAL_TYPE (BylineImageEditor, byline_image_editor, ADW_TYPE_BIN)

#define FIELD(property, row) \
  { property, G_STRUCT_OFFSET (BylineImageEditor, row) }

static const TextField text_fields[N_TEXT_FIELDS] = {
  FIELD ("caption", caption_row),
  FIELD ("alt-text", alt_text_row),
  FIELD ("credit-line", credit_line_row),
  FIELD ("creator", creator_row),
  FIELD ("creator-title", creator_title_row),
  FIELD ("copyright-holder", copyright_holder_row),
  FIELD ("source", source_row),
  FIELD ("source-url", source_url_row),
  FIELD ("permission-proof", permission_proof_row),
  FIELD ("usage-terms", usage_terms_row),
};

enum
{
  PROP_0,
  PROP_STORE,
  PROP_IMAGE,
  N_PROPS
};

enum
{
  ERROR,
  INSERT_REQUESTED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static AdwEntryRow *
field_row (BylineImageEditor *self,
           guint              index)
{
  return G_STRUCT_MEMBER (AdwEntryRow *, self, text_fields[index].row_offset);
}

static char *
image_text (BylineImage *image,
            guint        index)
{
  char *text = NULL;

  g_object_get (image, text_fields[index].property, &text, NULL);
  return text;
}

/* Saving */

static void
save_now (BylineImageEditor *self)
{
  g_autoptr (GError) error = NULL;

  g_clear_handle_id (&self->save_source, g_source_remove);
  if (self->image == NULL || self->store == NULL)
    return;
  if (!byline_store_save_image (self->store, self->image, &error))
    {
      /* Translators: %s says why, such as "the disk is full" */
      g_autofree char *message = g_strdup_printf (_("Could not save the image credits: %s"),
                                                  error->message);

      g_signal_emit (self, signals[ERROR], 0, message);
    }
}

static gboolean
on_save_timeout (gpointer user_data)
{
  BylineImageEditor *self = user_data;

  self->save_source = 0;
  save_now (self);
  return G_SOURCE_REMOVE;
}

static void
image_edited (BylineImageEditor *self)
{
  if (self->save_source == 0)
    self->save_source = g_timeout_add (SAVE_DELAY_MS, on_save_timeout, self);
}

/**
 * byline_image_editor_flush:
 * @self: a #BylineImageEditor
 *
 * Saves the image now if an edit is waiting for its save.
 */
void
byline_image_editor_flush (BylineImageEditor *self)
{
  g_return_if_fail (BYLINE_IS_IMAGE_EDITOR (self));

  if (self->save_source != 0)
    save_now (self);
}

/* Where values came from */

static void
show_origin (BylineImageEditor *self,
             guint              index)
{
  AdwPreferencesRow *row = ADW_PREFERENCES_ROW (field_row (self, index));
  const char *origin = NULL;
  g_autofree char *tag = NULL;
  g_autofree char *title = NULL;

  if (self->metadata != NULL && self->image != NULL)
    origin = byline_photo_metadata_origin_of (self->metadata, self->image, text_fields[index].property);
  if (origin == NULL)
    {
      adw_preferences_row_set_title (row, self->titles[index]);
      gtk_widget_set_tooltip_text (GTK_WIDGET (row), NULL);
      return;
    }
  tag = byline_photo_describe_tag (origin);
  /* Translators: a form field's title and where its value was read from,
   * such as "Credit line · from IPTC Credit" */
  title = g_strdup_printf (_("%s · from %s"), self->titles[index], tag);
  adw_preferences_row_set_title (row, title);
  gtk_widget_set_tooltip_text (GTK_WIDGET (row), origin);
}

static void
show_origins (BylineImageEditor *self)
{
  for (guint i = 0; i < N_TEXT_FIELDS; i++)
    show_origin (self, i);
}

static void
on_metadata_read (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr (BylineImageEditor) self = user_data;
  g_autoptr (BylinePhotoMetadata) metadata = byline_photo_metadata_read_finish (result, NULL);

  /* Without its metadata a file simply shows no origins. */
  if (metadata == NULL || self->image == NULL)
    return;
  g_set_object (&self->metadata, metadata);
  show_origins (self);
}

static void
on_preview_loaded (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr (BylineImageEditor) self = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (GdkPixbuf) pixbuf = byline_photo_thumbnail_load_finish (result, &error);
  g_autoptr (GdkTexture) texture = NULL;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (pixbuf == NULL)
    {
      gtk_label_set_text (self->file_label, error->message);
      gtk_widget_add_css_class (GTK_WIDGET (self->file_label), "error");
      return;
    }
  texture = gdk_texture_new_for_pixbuf (pixbuf);
  gtk_picture_set_paintable (self->preview, GDK_PAINTABLE (texture));
  gtk_widget_set_visible (GTK_WIDGET (self->preview), TRUE);
}

static void
show_file (BylineImageEditor *self)
{
  const char *file = self->image != NULL ? byline_image_get_file (self->image) : NULL;
  g_autofree char *display_name = file != NULL ? g_filename_display_name (file) : NULL;

  gtk_picture_set_paintable (self->preview, NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->preview), FALSE);
  gtk_widget_remove_css_class (GTK_WIDGET (self->file_label), "error");
  gtk_label_set_text (self->file_label, display_name != NULL ? display_name : "");
  if (file == NULL)
    return;
  byline_photo_thumbnail_load_async (file, BYLINE_PHOTO_THUMBNAIL_SIZE, self->cancellable,
                                     on_preview_loaded, g_object_ref (self));
  byline_photo_metadata_read_async (file, self->cancellable, on_metadata_read, g_object_ref (self));
}

/* Filling the form */

static void
show_alt_text_state (BylineImageEditor *self)
{
  const char *alt_text = gtk_editable_get_text (GTK_EDITABLE (self->alt_text_row));

  if (*alt_text == '\0')
    gtk_widget_add_css_class (GTK_WIDGET (self->alt_text_row), "warning");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->alt_text_row), "warning");
}

static void
show_expiry (BylineImageEditor *self)
{
  GDateTime *expiry = self->image != NULL ? byline_image_get_permission_expiry (self->image) : NULL;
  g_autoptr (GDateTime) local = expiry != NULL ? g_date_time_to_local (expiry) : NULL;
  /* Translators: a date format, see g_date_time_format(); e.g. "30 June 2025" */
  g_autofree char *date = local != NULL ? g_date_time_format (local, _("%e %B %Y")) : NULL;

  adw_action_row_set_subtitle (self->expiry_row,
                               date != NULL ? g_strstrip (date) : _("Never"));
  gtk_widget_set_visible (GTK_WIDGET (self->clear_expiry_button), expiry != NULL);
}

static void
fill_widgets (BylineImageEditor *self)
{
  self->filling = TRUE;
  for (guint i = 0; i < N_TEXT_FIELDS; i++)
    {
      g_autofree char *text = self->image != NULL ? image_text (self->image, i) : NULL;

      gtk_editable_set_text (GTK_EDITABLE (field_row (self, i)), text != NULL ? text : "");
    }
  adw_combo_row_set_selected (self->permission_row,
                              self->image != NULL ? byline_image_get_permission_kind (self->image) : 0);
  self->filling = FALSE;
  show_expiry (self);
  show_alt_text_state (self);
  show_origins (self);
}

/* Edits */

static gboolean
accepts_edits (BylineImageEditor *self)
{
  return !self->filling && self->image != NULL;
}

static void
on_text_changed (BylineImageEditor *self,
                 GtkEditable       *editable)
{
  if (!accepts_edits (self))
    return;
  for (guint i = 0; i < N_TEXT_FIELDS; i++)
    if (GTK_EDITABLE (field_row (self, i)) == editable)
      {
        g_object_set (self->image, text_fields[i].property, gtk_editable_get_text (editable), NULL);
        show_origin (self, i);
      }
  show_alt_text_state (self);
  image_edited (self);
}

static void
on_generate_clicked (BylineImageEditor *self)
{
  g_autofree char *credit_line = NULL;

  if (self->image == NULL)
    return;
  credit_line = byline_photo_generate_credit_line (self->image);
  if (credit_line == NULL)
    {
      g_signal_emit (self, signals[ERROR], 0,
                     _("Name the creator or the source first, or choose a permission"));
      return;
    }
  gtk_editable_set_text (GTK_EDITABLE (self->credit_line_row), credit_line);
}

static void
on_permission_selected (BylineImageEditor *self)
{
  if (!accepts_edits (self))
    return;
  byline_image_set_permission_kind (self->image, adw_combo_row_get_selected (self->permission_row));
  image_edited (self);
}

static void
set_expiry (BylineImageEditor *self,
            GDateTime         *expiry)
{
  byline_image_set_permission_expiry (self->image, expiry);
  show_expiry (self);
  image_edited (self);
}

/* A permission ends as its expiry day begins, in the user's time zone. */
static void
on_expiry_day_selected (BylineImageEditor *self)
{
  g_autoptr (GDateTime) day = NULL;
  g_autoptr (GDateTime) expiry = NULL;

  if (!accepts_edits (self))
    return;
  day = gtk_calendar_get_date (self->expiry_calendar);
  expiry = g_date_time_new_local (g_date_time_get_year (day), g_date_time_get_month (day),
                                  g_date_time_get_day_of_month (day), 0, 0, 0);
  set_expiry (self, expiry);
  gtk_popover_popdown (self->expiry_popover);
}

static void
on_clear_expiry_clicked (BylineImageEditor *self)
{
  if (self->image != NULL)
    set_expiry (self, NULL);
}

static void
on_expiry_popover_shown (BylineImageEditor *self)
{
  GDateTime *expiry = self->image != NULL ? byline_image_get_permission_expiry (self->image) : NULL;
  g_autoptr (GDateTime) day = expiry != NULL ? g_date_time_to_local (expiry) : g_date_time_new_now_local ();

  self->filling = TRUE;
  gtk_calendar_select_day (self->expiry_calendar, day);
  self->filling = FALSE;
}

/* Properties */

BylineStore *
byline_image_editor_get_store (BylineImageEditor *self)
{
  g_return_val_if_fail (BYLINE_IS_IMAGE_EDITOR (self), NULL);

  return self->store;
}

void
byline_image_editor_set_store (BylineImageEditor *self,
                               BylineStore       *store)
{
  g_return_if_fail (BYLINE_IS_IMAGE_EDITOR (self));
  g_return_if_fail (store == NULL || BYLINE_IS_STORE (store));

  if (self->store == store)
    return;
  byline_image_editor_flush (self);
  g_set_object (&self->store, store);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

BylineImage *
byline_image_editor_get_image (BylineImageEditor *self)
{
  g_return_val_if_fail (BYLINE_IS_IMAGE_EDITOR (self), NULL);

  return self->image;
}

static void
forget_file (BylineImageEditor *self)
{
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->metadata);
}

void
byline_image_editor_set_image (BylineImageEditor *self,
                               BylineImage       *image)
{
  g_return_if_fail (BYLINE_IS_IMAGE_EDITOR (self));
  g_return_if_fail (image == NULL || BYLINE_IS_IMAGE (image));

  if (self->image == image)
    return;

  byline_image_editor_flush (self);
  forget_file (self);
  g_set_object (&self->image, image);
  self->cancellable = g_cancellable_new ();
  byline_permission_chip_set_image (self->permission_chip, image);
  fill_widgets (self);
  show_file (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "image.insert-in-story", image != NULL);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_IMAGE]);
}

/* The credits typed last are saved first, so that the figure shows them. */
static void
insert_in_story_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  BylineImageEditor *self = BYLINE_IMAGE_EDITOR (widget);

  if (self->image == NULL)
    return;
  byline_image_editor_flush (self);
  g_signal_emit (self, signals[INSERT_REQUESTED], 0, self->image);
}

GtkEditable *
byline_image_editor_get_credit_editable (BylineImageEditor *self)
{
  g_return_val_if_fail (BYLINE_IS_IMAGE_EDITOR (self), NULL);

  return GTK_EDITABLE (self->credit_line_row);
}

const char *
byline_image_editor_get_credit_title (BylineImageEditor *self)
{
  g_return_val_if_fail (BYLINE_IS_IMAGE_EDITOR (self), NULL);

  return adw_preferences_row_get_title (ADW_PREFERENCES_ROW (self->credit_line_row));
}

GtkEditable *
byline_image_editor_get_creator_title_editable (BylineImageEditor *self)
{
  g_return_val_if_fail (BYLINE_IS_IMAGE_EDITOR (self), NULL);

  return GTK_EDITABLE (self->creator_title_row);
}

const char *
byline_image_editor_get_creator_title_title (BylineImageEditor *self)
{
  g_return_val_if_fail (BYLINE_IS_IMAGE_EDITOR (self), NULL);

  return adw_preferences_row_get_title (ADW_PREFERENCES_ROW (self->creator_title_row));
}

gboolean
byline_image_editor_is_reading_origins (BylineImageEditor *self)
{
  g_return_val_if_fail (BYLINE_IS_IMAGE_EDITOR (self), FALSE);

  return self->image != NULL && self->metadata == NULL;
}

/* Class */

static GListModel *
create_permission_labels (void)
{
  GtkStringList *labels = gtk_string_list_new (NULL);

  for (BylinePermissionKind kind = BYLINE_PERMISSION_UNKNOWN; kind <= BYLINE_PERMISSION_NEWS_SCREENSHOT; kind++)
    gtk_string_list_append (labels, byline_permission_kind_get_label (kind));
  return G_LIST_MODEL (labels);
}

static void
byline_image_editor_dispose (GObject *object)
{
  BylineImageEditor *self = BYLINE_IMAGE_EDITOR (object);

  byline_image_editor_flush (self);
  forget_file (self);
  g_clear_object (&self->image);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (byline_image_editor_parent_class)->dispose (object);
}

static void
byline_image_editor_finalize (GObject *object)
{
  BylineImageEditor *self = BYLINE_IMAGE_EDITOR (object);

  for (guint i = 0; i < N_TEXT_FIELDS; i++)
    g_free (self->titles[i]);

  G_OBJECT_CLASS (byline_image_editor_parent_class)->finalize (object);
}

static void
byline_image_editor_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  BylineImageEditor *self = BYLINE_IMAGE_EDITOR (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_IMAGE:
      g_value_set_object (value, self->image);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
byline_image_editor_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  BylineImageEditor *self = BYLINE_IMAGE_EDITOR (object);

  switch (prop_id)
    {
    case PROP_STORE:
      byline_image_editor_set_store (self, g_value_get_object (value));
      break;
    case PROP_IMAGE:
      byline_image_editor_set_image (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bind_template (GtkWidgetClass *widget_class)
{
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/byline-image-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, BylineImageEditor, preview);
  gtk_widget_class_bind_template_child (widget_class, BylineImageEditor, file_label);
  gtk_widget_class_bind_template_child (widget_class, BylineImageEditor, permission_chip);
  gtk_widget_class_bind_template_child (widget_class, BylineImageEditor, caption_row);
  gtk_widget_class_bind_template_child (widget_class, BylineImageEditor, alt_text_row);
  gtk_widget_class_bind_template_child (widget_class, BylineImageEditor, credit_line_row);
  gtk_widget_class_bind_template_child (widget_class, BylineImageEditor, creator_row);
  gtk_widget_class_bind_template_child (widget_class, BylineImageEditor, creator_title_row);
  gtk_widget_class_bind_template_child (widget_class, BylineImageEditor, copyright_holder_row);
  gtk_widget_class_bind_template_child (widget_class, BylineImageEditor, source_row);
  gtk_widget_class_bind_template_child (widget_class, BylineImageEditor, source_url_row);
  gtk_widget_class_bind_template_child (widget_class, BylineImageEditor, permission_row);
  gtk_widget_class_bind_template_child (widget_class, BylineImageEditor, permission_proof_row);
  gtk_widget_class_bind_template_child (widget_class, BylineImageEditor, expiry_row);
  gtk_widget_class_bind_template_child (widget_class, BylineImageEditor, clear_expiry_button);
  gtk_widget_class_bind_template_child (widget_class, BylineImageEditor, expiry_popover);
  gtk_widget_class_bind_template_child (widget_class, BylineImageEditor, expiry_calendar);
  gtk_widget_class_bind_template_child (widget_class, BylineImageEditor, usage_terms_row);
  gtk_widget_class_bind_template_callback (widget_class, on_text_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_generate_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_permission_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_expiry_day_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_clear_expiry_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_expiry_popover_shown);
}

static void
byline_image_editor_class_init (BylineImageEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = byline_image_editor_dispose;
  object_class->finalize = byline_image_editor_finalize;
  object_class->get_property = byline_image_editor_get_property;
  object_class->set_property = byline_image_editor_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, BYLINE_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_IMAGE] =
    g_param_spec_object ("image", NULL, NULL, BYLINE_TYPE_IMAGE,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * BylineImageEditor::error:
   * @self: the editor
   * @message: what went wrong, for the user
   *
   * Emitted when the credits could not be saved or a credit line not generated.
   */
  signals[ERROR] = g_signal_new ("error", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                                 NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  /**
   * BylineImageEditor::insert-requested:
   * @self: the editor
   * @image: the image shown
   *
   * Emitted when the user asks for the image as a figure in the story's text.
   */
  signals[INSERT_REQUESTED] = g_signal_new ("insert-requested", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                            NULL, NULL, NULL, G_TYPE_NONE, 1, BYLINE_TYPE_IMAGE);
  gtk_widget_class_install_action (GTK_WIDGET_CLASS (klass), "image.insert-in-story", NULL,
                                   insert_in_story_action);

  g_type_ensure (BYLINE_TYPE_PERMISSION_CHIP);
  bind_template (GTK_WIDGET_CLASS (klass));
}

static void
byline_image_editor_init (BylineImageEditor *self)
{
  g_autoptr (GListModel) permission_labels = create_permission_labels ();

  gtk_widget_init_template (GTK_WIDGET (self));
  adw_combo_row_set_model (self->permission_row, permission_labels);
  for (guint i = 0; i < N_TEXT_FIELDS; i++)
    self->titles[i] = g_strdup (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (field_row (self, i))));
  fill_widgets (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "image.insert-in-story", FALSE);
}

GtkWidget *
byline_image_editor_new (void)
{
  return g_object_new (BYLINE_TYPE_IMAGE_EDITOR, NULL);
}
