/* byline-credit-panel.c
 *
 * Attached images keep pointing at the user's own file: a photo desk works
 * from its photo library or an agency download folder, and copying every
 * 24-megapixel original into the newsroom database's folder would double the
 * disk used for nothing. A file moved or deleted later shows as missing in
 * the list, with the reason, and its credits stay intact. The file itself is
 * never written to; uploads write their credits into a copy.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "model/byline-image.h"
#include "photo/byline-photo-metadata.h"
#include "store/byline-store-uploads.h"

#include "byline-credit-panel-private.h"
#include "byline-image-editor.h"
#include "byline-image-row.h"

struct _BylineCreditPanel
{
  AdwBin                parent_instance;

  BylineStore          *store;
  BylineStory          *story;
  GListStore           *images;
  GCancellable         *cancellable;
  GtkFileChooserNative *chooser;
  guint                 n_pending;
  /* Uploads under way: image uuid to the fraction sent, and to the row
   * showing that image, if one is bound to it. */
  GHashTable           *upload_fractions;
  GHashTable           *rows;

  GtkStack             *page_stack;
  GtkStack             *content_stack;
  GtkListView          *list_view;
  AdwStatusPage        *empty_page;
  GtkButton            *empty_attach_button;
  GtkButton            *featured_button;
  AdwBin               *editor_bin;
  /* Built when an image is first opened, see ensure_editor(). */
  BylineImageEditor    *editor;
};

G_DEFINE_FINAL_TYPE (BylineCreditPanel, byline_credit_panel, ADW_TYPE_BIN)

enum
{
  PROP_0,
  PROP_STORE,
  PROP_STORY,
  N_PROPS
};

enum
{
  CANCEL_UPLOAD,
  INSERT_REQUESTED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* An attach in flight: the image goes to the story it was dropped on, even
 * if another story is selected by the time its metadata has been read. */
typedef struct
{
  BylineCreditPanel *panel;
  char              *story_uuid;
  char              *path;
  gboolean           open_when_done;
} Attach;

static void
attach_free (Attach *attach)
{
  g_object_unref (attach->panel);
  g_free (attach->story_uuid);
  g_free (attach->path);
  g_free (attach);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Attach, attach_free)

/* Toasts */

static void
show_toast (BylineCreditPanel *self,
            AdwToast          *toast)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);

  if (overlay != NULL)
    {
      adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
      return;
    }
  g_message ("%s", adw_toast_get_title (toast));
  g_object_unref (toast);
}

static void
show_error (BylineCreditPanel *self,
            const char        *message)
{
  g_autofree char *escaped = g_markup_escape_text (message, -1);

  show_toast (self, adw_toast_new (escaped));
}

static void
on_editor_error (BylineCreditPanel *self,
                 const char        *message)
{
  show_error (self, message);
}

static void
on_insert_requested (BylineCreditPanel *self,
                     BylineImage       *image)
{
  g_signal_emit (self, signals[INSERT_REQUESTED], 0, image);
}

/* The details form is large and most sessions never open it: it is built
 * the first time an image is opened rather than with the window. */
static BylineImageEditor *
ensure_editor (BylineCreditPanel *self)
{
  if (self->editor != NULL)
    return self->editor;

  self->editor = BYLINE_IMAGE_EDITOR (byline_image_editor_new ());
  byline_image_editor_set_store (self->editor, self->store);
  g_signal_connect_object (self->editor, "error", G_CALLBACK (on_editor_error), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->editor, "insert-requested", G_CALLBACK (on_insert_requested), self,
                           G_CONNECT_SWAPPED);
  adw_bin_set_child (self->editor_bin, GTK_WIDGET (self->editor));
  return self->editor;
}

static void
flush_editor (BylineCreditPanel *self)
{
  if (self->editor != NULL)
    byline_image_editor_flush (self->editor);
}

static BylineImage *
get_open_image (BylineCreditPanel *self)
{
  return self->editor != NULL ? byline_image_editor_get_image (self->editor) : NULL;
}

/* The list */

static gboolean
has_story (BylineCreditPanel *self)
{
  return self->store != NULL && self->story != NULL;
}

static void
update_view (BylineCreditPanel *self)
{
  gboolean empty = g_list_model_get_n_items (G_LIST_MODEL (self->images)) == 0;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "credit-panel.attach", has_story (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "credit-panel.paste", has_story (self));
  gtk_stack_set_visible_child_name (self->content_stack, empty ? "empty" : "list");
  gtk_widget_set_visible (GTK_WIDGET (self->empty_attach_button), self->story != NULL);
  if (self->story == NULL)
    {
      adw_status_page_set_title (self->empty_page, _("No Story Selected"));
      adw_status_page_set_description (self->empty_page, _("Select a story to see the credits of its images"));
      return;
    }
  adw_status_page_set_title (self->empty_page, _("No Images"));
  adw_status_page_set_description (self->empty_page,
                                   _("Attach images, drop them here or paste them"));
}

static void
show_images_page (BylineCreditPanel *self)
{
  flush_editor (self);
  gtk_stack_set_visible_child_name (self->page_stack, "images");
  if (self->editor != NULL)
    byline_image_editor_set_image (self->editor, NULL);
}

static void
reload (BylineCreditPanel *self)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GListModel) images = NULL;

  show_images_page (self);
  g_list_store_remove_all (self->images);
  if (has_story (self))
    images = byline_store_list_images (self->store, byline_story_get_uuid (self->story), &error);
  for (guint i = 0; images != NULL && i < g_list_model_get_n_items (images); i++)
    {
      g_autoptr (BylineImage) image = g_list_model_get_item (images, i);
      g_list_store_append (self->images, image);
    }
  update_view (self);
  if (error != NULL)
    show_error (self, error->message);
}

static BylineImage *
find_image (BylineCreditPanel *self,
            const char        *uuid,
            guint             *position)
{
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->images)); i++)
    {
      g_autoptr (BylineImage) image = g_list_model_get_item (G_LIST_MODEL (self->images), i);

      if (g_strcmp0 (byline_image_get_uuid (image), uuid) == 0)
        {
          if (position != NULL)
            *position = i;
          return image;
        }
    }
  return NULL;
}

/* Details */

static void
show_featured (BylineCreditPanel *self)
{
  BylineImage *image = get_open_image (self);
  gboolean featured = image != NULL && byline_image_get_featured (image);
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

void
byline_credit_panel_open_image (BylineCreditPanel *self,
                                BylineImage       *image)
{
  g_return_if_fail (BYLINE_IS_CREDIT_PANEL (self));
  g_return_if_fail (BYLINE_IS_IMAGE (image));

  byline_image_editor_set_image (ensure_editor (self), image);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (self->featured_button), "s",
                                    byline_image_get_uuid (image));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->featured_button),
                                  "credit-panel.toggle-featured");
  show_featured (self);
  gtk_stack_set_visible_child_name (self->page_stack, "details");
}

static void
on_image_activated (BylineCreditPanel *self,
                    guint              position)
{
  g_autoptr (BylineImage) image = g_list_model_get_item (G_LIST_MODEL (self->images), position);

  if (image != NULL)
    byline_credit_panel_open_image (self, image);
}

/* Attaching */

/* An image of a story that lives on a site joins the upload outbox, so the
 * next sync sends it; a local story's images stay local. */
static void
queue_upload (BylineCreditPanel *self,
              BylineImage       *image)
{
  BylineStory *story = byline_store_find_story (self->store, byline_image_get_story_uuid (image));
  const char *account = story != NULL ? byline_story_get_account (story) : NULL;
  g_autoptr (GError) error = NULL;

  if (account == NULL || *account == '\0' || byline_image_get_remote_media_id (image) > 0)
    return;
  if (!byline_store_enqueue_upload (self->store, image, account, &error))
    {
      /* Translators: %s says why, such as "the disk is full" */
      g_autofree char *message = g_strdup_printf (_("The image was attached but will not be uploaded: %s"),
                                                  error->message);

      show_error (self, message);
    }
}

static void
add_attached_image (BylineCreditPanel *self,
                    Attach            *attach,
                    BylineImage       *image)
{
  g_autoptr (GError) error = NULL;

  if (!byline_store_save_image (self->store, image, &error))
    {
      /* Translators: %s says why, such as "the disk is full" */
      g_autofree char *message = g_strdup_printf (_("Could not attach the image: %s"), error->message);

      show_error (self, message);
      return;
    }
  queue_upload (self, image);
  if (self->story == NULL || g_strcmp0 (byline_story_get_uuid (self->story), attach->story_uuid) != 0)
    return;
  g_list_store_append (self->images, image);
  update_view (self);
  if (attach->open_when_done)
    byline_credit_panel_open_image (self, image);
}

static void
on_attach_metadata_read (GObject      *source,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  g_autoptr (Attach) attach = user_data;
  BylineCreditPanel *self = attach->panel;
  g_autoptr (GError) error = NULL;
  g_autoptr (BylinePhotoMetadata) metadata = byline_photo_metadata_read_finish (result, &error);
  g_autoptr (BylineImage) image = NULL;

  self->n_pending--;
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->store == NULL)
    return;
  if (metadata == NULL)
    {
      /* Translators: %s says why, such as "the file is not an image" */
      g_autofree char *message = g_strdup_printf (_("Could not attach the image: %s"), error->message);

      show_error (self, message);
      return;
    }
  image = byline_image_new (attach->story_uuid);
  byline_image_set_file (image, attach->path);
  byline_photo_metadata_apply (metadata, image);
  add_attached_image (self, attach, image);
}

static void
start_attach (BylineCreditPanel *self,
              const char        *path,
              gboolean           open_when_done)
{
  Attach *attach = g_new0 (Attach, 1);

  attach->panel = g_object_ref (self);
  attach->story_uuid = g_strdup (byline_story_get_uuid (self->story));
  attach->path = g_strdup (path);
  attach->open_when_done = open_when_done;
  self->n_pending++;
  byline_photo_metadata_read_async (path, self->cancellable, on_attach_metadata_read, attach);
}

/**
 * byline_credit_panel_attach_files:
 * @self: a #BylineCreditPanel
 * @files: (element-type GFile): the image files
 *
 * Attaches the files to the story shown, prefilling their credits from the
 * metadata they carry. A single image opens its details when it is attached.
 */
void
byline_credit_panel_attach_files (BylineCreditPanel *self,
                                  GSList            *files)
{
  g_return_if_fail (BYLINE_IS_CREDIT_PANEL (self));

  if (!has_story (self))
    return;
  for (GSList *l = files; l != NULL; l = l->next)
    {
      g_autofree char *path = g_file_get_path (l->data);

      if (path != NULL)
        start_attach (self, path, files->next == NULL);
      else
        show_error (self, _("Only images stored on this computer can be attached"));
    }
}

/**
 * byline_credit_panel_add_image:
 * @self: a #BylineCreditPanel
 * @image: an image attached and saved elsewhere, such as dropped on the
 *   story's body
 *
 * Queues the upload of @image as an attach in the panel does, and lists it
 * when it belongs to the story shown and is not listed yet.
 */
void
byline_credit_panel_add_image (BylineCreditPanel *self,
                               BylineImage       *image)
{
  g_return_if_fail (BYLINE_IS_CREDIT_PANEL (self));
  g_return_if_fail (BYLINE_IS_IMAGE (image));

  if (self->store != NULL)
    queue_upload (self, image);
  if (self->story == NULL || g_strcmp0 (byline_story_get_uuid (self->story), byline_image_get_story_uuid (image)) != 0 ||
      find_image (self, byline_image_get_uuid (image), NULL) != NULL)
    return;
  g_list_store_append (self->images, image);
  update_view (self);
}

guint
byline_credit_panel_get_n_pending (BylineCreditPanel *self)
{
  g_return_val_if_fail (BYLINE_IS_CREDIT_PANEL (self), 0);

  return self->n_pending;
}

static void
on_chooser_response (BylineCreditPanel *self,
                     int                response)
{
  g_autoptr (GListModel) files = NULL;
  GSList *list = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (self->chooser));
  for (guint i = files != NULL ? g_list_model_get_n_items (files) : 0; i > 0; i--)
    list = g_slist_prepend (list, g_list_model_get_item (files, i - 1));
  byline_credit_panel_attach_files (self, list);
  g_slist_free_full (list, g_object_unref);
  g_clear_object (&self->chooser);
}

static GtkFileFilter *
create_image_filter (void)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("Images"));
  gtk_file_filter_add_pixbuf_formats (filter);
  return filter;
}

static void
attach_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  BylineCreditPanel *self = BYLINE_CREDIT_PANEL (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  g_autoptr (GtkFileFilter) filter = create_image_filter ();

  if (self->chooser != NULL)
    return;
  self->chooser = gtk_file_chooser_native_new (_("Attach Images"),
                                               GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                               GTK_FILE_CHOOSER_ACTION_OPEN, _("_Attach"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (self->chooser), TRUE);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  g_signal_connect_object (self->chooser, "response", G_CALLBACK (on_chooser_response), self,
                           G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static gboolean
on_drop (BylineCreditPanel *self,
         const GValue      *value)
{
  GSList single = { NULL, NULL };

  if (!has_story (self))
    return FALSE;
  if (G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    byline_credit_panel_attach_files (self, g_value_get_boxed (value));
  else if (G_VALUE_HOLDS (value, G_TYPE_FILE))
    {
      single.data = g_value_get_object (value);
      byline_credit_panel_attach_files (self, &single);
    }
  return TRUE;
}

static void
add_drop_target (BylineCreditPanel *self)
{
  GtkDropTarget *target = gtk_drop_target_new (G_TYPE_INVALID, GDK_ACTION_COPY);
  GType types[] = { GDK_TYPE_FILE_LIST, G_TYPE_FILE };

  gtk_drop_target_set_gtypes (target, types, G_N_ELEMENTS (types));
  g_signal_connect_object (target, "drop", G_CALLBACK (on_drop), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (target));
}

static void
on_clipboard_read (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr (BylineCreditPanel) self = user_data;
  g_autoptr (GError) error = NULL;
  const GValue *value = gdk_clipboard_read_value_finish (GDK_CLIPBOARD (source), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (value == NULL || g_value_get_boxed (value) == NULL)
    {
      show_error (self, _("The clipboard holds no image files to paste"));
      return;
    }
  byline_credit_panel_attach_files (self, g_value_get_boxed (value));
}

static void
paste_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  BylineCreditPanel *self = BYLINE_CREDIT_PANEL (widget);

  gdk_clipboard_read_value_async (gtk_widget_get_clipboard (widget), GDK_TYPE_FILE_LIST,
                                  G_PRIORITY_DEFAULT, self->cancellable, on_clipboard_read,
                                  g_object_ref (self));
}

/* Uploads */

static void
show_row_upload (BylineCreditPanel *self,
                 const char        *image_uuid)
{
  BylineImageRow *row = g_hash_table_lookup (self->rows, image_uuid);
  double *fraction = g_hash_table_lookup (self->upload_fractions, image_uuid);

  if (row != NULL)
    byline_image_row_set_upload_fraction (row, fraction != NULL ? *fraction : -1);
}

/**
 * byline_credit_panel_show_upload_progress:
 * @story_uuid: the story of the image
 * @image_uuid: the image being uploaded
 * @fraction: how much of it has been sent, from 0 to 1
 *
 * Shows the progress of an upload in the row of its image, with a button that
 * cancels it. Matches the sync manager's #BylineSyncManager::upload-progress.
 */
void
byline_credit_panel_show_upload_progress (BylineCreditPanel *self,
                                          const char        *story_uuid,
                                          const char        *image_uuid,
                                          double             fraction)
{
  double *stored;

  g_return_if_fail (BYLINE_IS_CREDIT_PANEL (self));
  g_return_if_fail (image_uuid != NULL);

  stored = g_hash_table_lookup (self->upload_fractions, image_uuid);
  if (stored == NULL)
    {
      stored = g_new (double, 1);
      g_hash_table_insert (self->upload_fractions, g_strdup (image_uuid), stored);
    }
  *stored = CLAMP (fraction, 0.0, 1.0);
  show_row_upload (self, image_uuid);
}

/* Matches the sync manager's #BylineSyncManager::upload-finished. */
void
byline_credit_panel_show_upload_finished (BylineCreditPanel *self,
                                          const char        *story_uuid,
                                          const char        *image_uuid)
{
  g_return_if_fail (BYLINE_IS_CREDIT_PANEL (self));
  g_return_if_fail (image_uuid != NULL);

  g_hash_table_remove (self->upload_fractions, image_uuid);
  show_row_upload (self, image_uuid);
}

/* The image leaves the outbox here, so that it is not sent again even if the
 * upload has just ended; the signal stops the request under way. */
static void
cancel_upload_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  BylineCreditPanel *self = BYLINE_CREDIT_PANEL (widget);
  const char *image_uuid = g_variant_get_string (parameter, NULL);
  g_autoptr (GError) error = NULL;

  if (self->store != NULL && !byline_store_upload_complete (self->store, image_uuid, &error))
    {
      /* Translators: %s says why, such as "the disk is full" */
      g_autofree char *message = g_strdup_printf (_("Could not cancel the upload: %s"), error->message);

      show_error (self, message);
      return;
    }
  g_signal_emit (self, signals[CANCEL_UPLOAD], 0, image_uuid);
  byline_credit_panel_show_upload_finished (self, NULL, image_uuid);
  show_toast (self, adw_toast_new (_("Upload cancelled; the image stays in the story")));
}

BylineImageRow *
byline_credit_panel_find_row (BylineCreditPanel *self,
                              const char        *image_uuid)
{
  g_return_val_if_fail (BYLINE_IS_CREDIT_PANEL (self), NULL);
  g_return_val_if_fail (image_uuid != NULL, NULL);

  return g_hash_table_lookup (self->rows, image_uuid);
}

/* Featured image, removing */

static gboolean
set_featured (BylineCreditPanel *self,
              BylineImage       *image,
              gboolean           featured)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *message = NULL;

  if (byline_image_get_featured (image) == featured)
    return TRUE;
  byline_image_set_featured (image, featured);
  if (byline_store_save_image (self->store, image, &error))
    return TRUE;
  /* Translators: %s says why, such as "the disk is full" */
  message = g_strdup_printf (_("Could not change the featured image: %s"), error->message);
  show_error (self, message);
  return FALSE;
}

/* A story has one featured image: choosing one releases the others. */
static void
toggle_featured_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  BylineCreditPanel *self = BYLINE_CREDIT_PANEL (widget);
  BylineImage *chosen = find_image (self, g_variant_get_string (parameter, NULL), NULL);
  gboolean feature = chosen != NULL && !byline_image_get_featured (chosen);

  if (chosen == NULL || self->store == NULL)
    return;
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->images)); i++)
    {
      g_autoptr (BylineImage) image = g_list_model_get_item (G_LIST_MODEL (self->images), i);

      if (image != chosen && !set_featured (self, image, FALSE))
        return;
    }
  set_featured (self, chosen, feature);
  show_featured (self);
}

static void
on_undo_remove (BylineCreditPanel *self,
                AdwToast          *toast)
{
  BylineImage *image = g_object_get_data (G_OBJECT (toast), "image");
  guint position = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (toast), "position"));
  g_autoptr (GError) error = NULL;

  if (self->store == NULL || !byline_store_save_image (self->store, image, &error))
    {
      show_error (self, error != NULL ? error->message : _("The image could not be restored"));
      return;
    }
  if (self->story == NULL ||
      g_strcmp0 (byline_story_get_uuid (self->story), byline_image_get_story_uuid (image)) != 0)
    return;
  g_list_store_insert (self->images, MIN (position, g_list_model_get_n_items (G_LIST_MODEL (self->images))),
                       image);
  update_view (self);
}

static void
show_undo_remove_toast (BylineCreditPanel *self,
                        BylineImage       *image,
                        guint              position)
{
  AdwToast *toast = adw_toast_new (_("Image removed from the story"));

  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  g_object_set_data_full (G_OBJECT (toast), "image", g_object_ref (image), g_object_unref);
  g_object_set_data (G_OBJECT (toast), "position", GUINT_TO_POINTER (position));
  g_signal_connect_object (toast, "button-clicked", G_CALLBACK (on_undo_remove), self,
                           G_CONNECT_SWAPPED);
  show_toast (self, toast);
}

static void
remove_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  BylineCreditPanel *self = BYLINE_CREDIT_PANEL (widget);
  BylineImage *shown = get_open_image (self);
  g_autoptr (BylineImage) image = shown != NULL ? g_object_ref (shown) : NULL;
  g_autoptr (GError) error = NULL;
  guint position = 0;

  if (image == NULL || self->store == NULL || find_image (self, byline_image_get_uuid (image), &position) == NULL)
    return;
  flush_editor (self);
  if (!byline_store_remove_image (self->store, image, &error))
    {
      /* Translators: %s says why, such as "the disk is full" */
      g_autofree char *message = g_strdup_printf (_("Could not remove the image: %s"), error->message);

      show_error (self, message);
      return;
    }
  show_images_page (self);
  g_list_store_remove (self->images, position);
  update_view (self);
  show_undo_remove_toast (self, image, position);
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  show_images_page (BYLINE_CREDIT_PANEL (widget));
}

/* Properties */

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

  if (self->store == store)
    return;
  flush_editor (self);
  g_set_object (&self->store, store);
  if (self->editor != NULL)
    byline_image_editor_set_store (self->editor, store);
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
 * Returns: (transfer none): the images of the story shown
 */
GListModel *
byline_credit_panel_get_images (BylineCreditPanel *self)
{
  g_return_val_if_fail (BYLINE_IS_CREDIT_PANEL (self), NULL);

  return G_LIST_MODEL (self->images);
}

/* Saves the credits being typed in the open image's details now. */
void
byline_credit_panel_flush (BylineCreditPanel *self)
{
  g_return_if_fail (BYLINE_IS_CREDIT_PANEL (self));

  flush_editor (self);
}

BylineImageEditor *
byline_credit_panel_get_editor (BylineCreditPanel *self)
{
  g_return_val_if_fail (BYLINE_IS_CREDIT_PANEL (self), NULL);

  return ensure_editor (self);
}

GtkListView *
byline_credit_panel_get_list_view (BylineCreditPanel *self)
{
  g_return_val_if_fail (BYLINE_IS_CREDIT_PANEL (self), NULL);

  return self->list_view;
}

/* Class */

static void
setup_row (GtkListItemFactory *factory,
           GtkListItem        *item)
{
  gtk_list_item_set_child (item, byline_image_row_new ());
}

static void
bind_row (GtkListItemFactory *factory,
          GtkListItem        *item,
          BylineCreditPanel  *self)
{
  BylineImageRow *row = BYLINE_IMAGE_ROW (gtk_list_item_get_child (item));
  BylineImage *image = gtk_list_item_get_item (item);

  byline_image_row_set_image (row, image);
  g_hash_table_replace (self->rows, g_strdup (byline_image_get_uuid (image)), row);
  show_row_upload (self, byline_image_get_uuid (image));
}

static void
unbind_row (GtkListItemFactory *factory,
            GtkListItem        *item,
            BylineCreditPanel  *self)
{
  BylineImageRow *row = BYLINE_IMAGE_ROW (gtk_list_item_get_child (item));
  BylineImage *image = byline_image_row_get_image (row);

  if (image != NULL && g_hash_table_lookup (self->rows, byline_image_get_uuid (image)) == row)
    g_hash_table_remove (self->rows, byline_image_get_uuid (image));
  byline_image_row_set_image (row, NULL);
}

static GtkListItemFactory *
create_row_factory (BylineCreditPanel *self)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", G_CALLBACK (setup_row), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_row), self);
  return factory;
}

static void
byline_credit_panel_dispose (GObject *object)
{
  BylineCreditPanel *self = BYLINE_CREDIT_PANEL (object);

  g_cancellable_cancel (self->cancellable);
  flush_editor (self);
  g_clear_object (&self->chooser);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->images);
  g_clear_object (&self->story);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (byline_credit_panel_parent_class)->dispose (object);
}

/* The list's rows are unbound while the parent class disposes of them. */
static void
byline_credit_panel_finalize (GObject *object)
{
  BylineCreditPanel *self = BYLINE_CREDIT_PANEL (object);

  g_clear_pointer (&self->upload_fractions, g_hash_table_unref);
  g_clear_pointer (&self->rows, g_hash_table_unref);

  G_OBJECT_CLASS (byline_credit_panel_parent_class)->finalize (object);
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
install_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "credit-panel.attach", NULL, attach_action);
  gtk_widget_class_install_action (widget_class, "credit-panel.paste", NULL, paste_action);
  gtk_widget_class_install_action (widget_class, "credit-panel.back", NULL, back_action);
  gtk_widget_class_install_action (widget_class, "credit-panel.remove", NULL, remove_action);
  gtk_widget_class_install_action (widget_class, "credit-panel.toggle-featured", "s",
                                   toggle_featured_action);
  gtk_widget_class_install_action (widget_class, "credit-panel.cancel-upload", "s", cancel_upload_action);
  /* Text fields take Ctrl+V first; elsewhere in the panel it pastes images. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_v, GDK_CONTROL_MASK,
                                       "credit-panel.paste", NULL);
}

static void
byline_credit_panel_class_init (BylineCreditPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = byline_credit_panel_dispose;
  object_class->finalize = byline_credit_panel_finalize;
  object_class->get_property = byline_credit_panel_get_property;
  object_class->set_property = byline_credit_panel_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, BYLINE_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_STORY] =
    g_param_spec_object ("story", NULL, NULL, BYLINE_TYPE_STORY,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * BylineCreditPanel::cancel-upload:
   * @image_uuid: the image whose upload the user cancelled
   *
   * Emitted once the image has left the upload outbox, for whoever runs the
   * uploads to stop the one under way.
   */
  signals[CANCEL_UPLOAD] = g_signal_new ("cancel-upload", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                         NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  /**
   * BylineCreditPanel::insert-requested:
   * @image: the image to insert as a figure
   *
   * Emitted when the user asks to insert the open image in the story's body.
   */
  signals[INSERT_REQUESTED] = g_signal_new ("insert-requested", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                            NULL, NULL, NULL, G_TYPE_NONE, 1, BYLINE_TYPE_IMAGE);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/byline-credit-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, BylineCreditPanel, page_stack);
  gtk_widget_class_bind_template_child (widget_class, BylineCreditPanel, content_stack);
  gtk_widget_class_bind_template_child (widget_class, BylineCreditPanel, list_view);
  gtk_widget_class_bind_template_child (widget_class, BylineCreditPanel, empty_page);
  gtk_widget_class_bind_template_child (widget_class, BylineCreditPanel, empty_attach_button);
  gtk_widget_class_bind_template_child (widget_class, BylineCreditPanel, featured_button);
  gtk_widget_class_bind_template_child (widget_class, BylineCreditPanel, editor_bin);
  gtk_widget_class_bind_template_callback (widget_class, on_image_activated);
  install_actions (widget_class);
}

static void
byline_credit_panel_init (BylineCreditPanel *self)
{
  g_autoptr (GtkListItemFactory) factory = NULL;
  g_autoptr (GtkNoSelection) selection = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->upload_fractions = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->rows = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  factory = create_row_factory (self);
  self->images = g_list_store_new (BYLINE_TYPE_IMAGE);
  self->cancellable = g_cancellable_new ();
  selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->images)));
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (selection));
  gtk_list_view_set_factory (self->list_view, factory);
  add_drop_target (self);
  reload (self);
}

GtkWidget *
byline_credit_panel_new (void)
{
  return g_object_new (BYLINE_TYPE_CREDIT_PANEL, NULL);
}
