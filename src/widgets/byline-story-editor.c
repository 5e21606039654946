/* byline-story-editor.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "byline-rich-text-view-private.h"
#include "byline-story-editor-private.h"
#include "photo/byline-photo-metadata.h"

/* Edits are saved this long after the first unsaved change, so a burst of
 * typing costs one write and nothing typed is ever more than a second old. */
#define SAVE_DELAY_MS 400
/* The body of a long story is exported to HTML a slice at a time between
 * keystrokes: at once, 50,000 words took 13 ms or more of the main loop,
 * and a keystroke landing on it waited that long. An edit starts the export
 * again; one still unfinished this long after the save was due is done at
 * once, so that nothing typed waits more than a second to be stored. */
#define EXPORT_SLICE_USEC     3000
#define EXPORT_PATIENCE_USEC  (500 * G_TIME_SPAN_MILLISECOND)

struct _BylineStoryEditor
{
  AdwBin       parent_instance;

  BylineStore *store;
  BylineStory *story;
  guint        save_source;
  guint        export_source;
  gint64       export_due;
  /* Set while the widgets are filled from the story, which is not an edit. */
  gboolean     filling;
  /* The body is exported to HTML when it is saved, not on every key. */
  gboolean     body_dirty;

  GtkEntry    *headline_entry;
  GtkEntry    *dek_entry;
  AdwEntryRow *byline_row;
  AdwEntryRow *tags_row;
  AdwEntryRow *categories_row;
  BylineRichTextView *body_editor;
  GCancellable *cancellable;
};

G_DEFINE_FINAL_TYPE (BylineStoryEditor, byline_story_editor, ADW_TYPE_BIN)

enum
{
  PROP_0,
  PROP_STORE,
  PROP_STORY,
  N_PROPS
};

enum
{
  ERROR,
  IMAGE_ATTACHED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
on_story_saved (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr (BylineStoryEditor) self = user_data;
  g_autoptr (GError) error = NULL;
  GApplication *application = g_application_get_default ();

  if (!byline_store_save_story_finish (BYLINE_STORE (source), result, &error))
    {
      g_autofree char *message = g_strdup_printf (_("Could not save the story: %s"), error->message);

      g_signal_emit (self, signals[ERROR], 0, message);
    }
  /* Held while saving, so that closing the window never loses the last edit. */
  if (application != NULL)
    g_application_release (application);
}

static void
store_body (BylineStoryEditor *self)
{
  g_autofree char *body = NULL;

  if (!self->body_dirty || self->story == NULL)
    return;
  self->body_dirty = FALSE;
  body = byline_rich_text_view_get_html (self->body_editor);
  byline_story_set_body (self->story, body);
}

static void
write_story (BylineStoryEditor *self)
{
  GApplication *application = g_application_get_default ();

  if (self->story == NULL || self->store == NULL)
    return;
  if (application != NULL)
    g_application_hold (application);
  byline_store_save_story_async (self->store, self->story, NULL, on_story_saved,
                                 g_object_ref (self));
}

static void
save_now (BylineStoryEditor *self)
{
  g_clear_handle_id (&self->save_source, g_source_remove);
  g_clear_handle_id (&self->export_source, g_source_remove);
  store_body (self);
  write_story (self);
}

static gboolean
on_export_slice (gpointer user_data)
{
  BylineStoryEditor *self = user_data;
  BylineRichTextBuffer *buffer = byline_rich_text_view_get_buffer (self->body_editor);
  g_autofree char *body = NULL;

  if (!byline_rich_text_buffer_save_step (buffer, EXPORT_SLICE_USEC) && g_get_monotonic_time () < self->export_due)
    return G_SOURCE_CONTINUE;
  self->export_source = 0;
  body = byline_rich_text_buffer_take_saved (buffer);
  if (body == NULL)
    {
      save_now (self);
      return G_SOURCE_REMOVE;
    }
  self->body_dirty = FALSE;
  byline_story_set_body (self->story, body);
  write_story (self);
  return G_SOURCE_REMOVE;
}

static gboolean
in_source_mode (BylineStoryEditor *self)
{
  gboolean source_mode;

  g_object_get (self->body_editor, "source-mode", &source_mode, NULL);
  return source_mode;
}

static gboolean
on_save_timeout (gpointer user_data)
{
  BylineStoryEditor *self = user_data;

  self->save_source = 0;
  if (!self->body_dirty || self->story == NULL || in_source_mode (self))
    save_now (self);
  else if (self->export_source == 0)
    {
      self->export_due = g_get_monotonic_time () + EXPORT_PATIENCE_USEC;
      self->export_source = g_idle_add_full (G_PRIORITY_LOW, on_export_slice, self, NULL);
    }
  return G_SOURCE_REMOVE;
}

static gboolean
accepts_edits (BylineStoryEditor *self)
{
  return !self->filling && self->story != NULL;
}

static void
story_edited (BylineStoryEditor *self)
{
  byline_story_touch (self->story);
  if (self->save_source == 0)
    self->save_source = g_timeout_add (SAVE_DELAY_MS, on_save_timeout, self);
}

static GStrv
split_list (const char *text)
{
  g_auto (GStrv) parts = g_strsplit (text, ",", -1);
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; parts[i] != NULL; i++)
    {
      const char *item = g_strstrip (parts[i]);

      if (*item != '\0')
        g_strv_builder_add (builder, item);
    }
  return g_strv_builder_end (builder);
}

static char *
join_list (const char *const *items)
{
  if (items == NULL)
    return g_strdup ("");
  return g_strjoinv (", ", (char **) items);
}

static const char *
editable_text (gpointer editable)
{
  return gtk_editable_get_text (GTK_EDITABLE (editable));
}

static void
on_headline_changed (BylineStoryEditor *self)
{
  if (!accepts_edits (self))
    return;
  byline_story_set_headline (self->story, editable_text (self->headline_entry));
  story_edited (self);
}

static void
on_dek_changed (BylineStoryEditor *self)
{
  if (!accepts_edits (self))
    return;
  byline_story_set_dek (self->story, editable_text (self->dek_entry));
  story_edited (self);
}

static void
on_byline_changed (BylineStoryEditor *self)
{
  if (!accepts_edits (self))
    return;
  byline_story_set_byline (self->story, editable_text (self->byline_row));
  story_edited (self);
}

static void
on_tags_changed (BylineStoryEditor *self)
{
  g_auto (GStrv) tags = NULL;

  if (!accepts_edits (self))
    return;
  tags = split_list (editable_text (self->tags_row));
  byline_story_set_tags (self->story, (const char *const *) tags);
  story_edited (self);
}

static void
on_categories_changed (BylineStoryEditor *self)
{
  g_auto (GStrv) categories = NULL;

  if (!accepts_edits (self))
    return;
  categories = split_list (editable_text (self->categories_row));
  byline_story_set_categories (self->story, (const char *const *) categories);
  story_edited (self);
}

static void
on_body_changed (BylineStoryEditor *self)
{
  if (!accepts_edits (self))
    return;
  self->body_dirty = TRUE;
  story_edited (self);
}

/* The spelling language chosen under the body is the story's, saved with it. */
static void
on_language_changed (BylineStoryEditor *self)
{
  if (!accepts_edits (self))
    return;
  byline_story_set_language (self->story, byline_rich_text_view_get_language (self->body_editor));
  story_edited (self);
}

/* An image dropped on the body: attached to the story it was dropped on once its
 * credits are read, then shown as a figure where it was dropped. */
typedef struct
{
  BylineStoryEditor *editor;
  GtkTextMark       *where;
  char              *story_uuid;
  char              *path;
} DroppedImage;

static void
dropped_image_free (DroppedImage *dropped)
{
  GtkTextBuffer *buffer = gtk_text_mark_get_buffer (dropped->where);

  if (buffer != NULL)
    gtk_text_buffer_delete_mark (buffer, dropped->where);
  g_object_unref (dropped->editor);
  g_object_unref (dropped->where);
  g_free (dropped->story_uuid);
  g_free (dropped->path);
  g_free (dropped);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DroppedImage, dropped_image_free)

static void
report_attach_error (BylineStoryEditor *self,
                     const char        *reason)
{
  /* Translators: %s says why, such as "the file is not an image" */
  g_autofree char *message = g_strdup_printf (_("Could not attach the image: %s"), reason);

  g_signal_emit (self, signals[ERROR], 0, message);
}

static void
attach_dropped_image (BylineStoryEditor   *self,
                      DroppedImage        *dropped,
                      BylinePhotoMetadata *metadata)
{
  g_autoptr (BylineImage) image = byline_image_new (dropped->story_uuid);
  g_autoptr (GError) error = NULL;

  byline_image_set_file (image, dropped->path);
  byline_photo_metadata_apply (metadata, image);
  if (!byline_store_save_image (self->store, image, &error))
    {
      report_attach_error (self, error->message);
      return;
    }
  if (self->story != NULL && g_strcmp0 (byline_story_get_uuid (self->story), dropped->story_uuid) == 0)
    byline_rich_text_view_insert_figure (self->body_editor, dropped->where, image);
  g_signal_emit (self, signals[IMAGE_ATTACHED], 0, image);
}

static void
on_dropped_metadata_read (GObject      *source,
                          GAsyncResult *result,
                          gpointer      user_data)
{
  g_autoptr (DroppedImage) dropped = user_data;
  BylineStoryEditor *self = dropped->editor;
  g_autoptr (GError) error = NULL;
  g_autoptr (BylinePhotoMetadata) metadata = byline_photo_metadata_read_finish (result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->store == NULL)
    return;
  if (metadata == NULL)
    report_attach_error (self, error->message);
  else
    attach_dropped_image (self, dropped, metadata);
}

static void
on_image_dropped (BylineStoryEditor *self,
                  GFile             *file,
                  GtkTextMark       *where)
{
  g_autofree char *path = g_file_get_path (file);
  DroppedImage *dropped;

  if (self->store == NULL || self->story == NULL || path == NULL)
    {
      gtk_text_buffer_delete_mark (gtk_text_mark_get_buffer (where), where);
      if (path == NULL)
        report_attach_error (self, _("only images stored on this computer can be attached"));
      return;
    }
  dropped = g_new0 (DroppedImage, 1);
  dropped->editor = g_object_ref (self);
  dropped->where = g_object_ref (where);
  dropped->story_uuid = g_strdup (byline_story_get_uuid (self->story));
  dropped->path = g_steal_pointer (&path);
  byline_photo_metadata_read_async (dropped->path, self->cancellable, on_dropped_metadata_read, dropped);
}

/**
 * byline_story_editor_insert_image:
 * @self: a #BylineStoryEditor
 * @image: one of the open story's images
 *
 * Inserts @image as a figure after the line with the cursor, the way a dropped
 * image is inserted. An image of another story is left out.
 */
void
byline_story_editor_insert_image (BylineStoryEditor *self,
                                  BylineImage       *image)
{
  GtkTextBuffer *buffer;
  GtkTextIter cursor;

  g_return_if_fail (BYLINE_IS_STORY_EDITOR (self));
  g_return_if_fail (BYLINE_IS_IMAGE (image));

  if (self->story == NULL || g_strcmp0 (byline_image_get_story_uuid (image), byline_story_get_uuid (self->story)) != 0)
    return;
  buffer = GTK_TEXT_BUFFER (byline_rich_text_view_get_buffer (self->body_editor));
  gtk_text_buffer_get_iter_at_mark (buffer, &cursor, gtk_text_buffer_get_insert (buffer));
  byline_rich_text_view_insert_figure (self->body_editor, gtk_text_buffer_create_mark (buffer, NULL, &cursor, FALSE),
                                       image);
}

static void
set_editable_text (gpointer    editable,
                   const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (editable), text != NULL ? text : "");
}

/* A body that cannot be read whole is shown read-only with a message by the view,
 * and is not saved until the writer edits it. */
static void
fill_body (BylineStoryEditor *self,
           const char        *body)
{
  self->body_dirty = FALSE;
  byline_rich_text_view_load_html (self->body_editor, body);
}

static void
load_body (BylineStoryEditor *self)
{
  g_autoptr (GError) error = NULL;

  if (self->store == NULL || byline_story_get_body_loaded (self->story))
    return;
  if (!byline_store_load_body (self->store, self->story, &error))
    {
      g_autofree char *message = g_strdup_printf (_("Could not load the text of the story: %s"),
                                                  error->message);

      g_signal_emit (self, signals[ERROR], 0, message);
    }
}

static void
fill_widgets (BylineStoryEditor *self)
{
  BylineStory *story = self->story;
  g_autofree char *tags = NULL;
  g_autofree char *categories = NULL;

  if (story != NULL)
    load_body (self);
  tags = join_list (story != NULL ? byline_story_get_tags (story) : NULL);
  categories = join_list (story != NULL ? byline_story_get_categories (story) : NULL);

  self->filling = TRUE;
  set_editable_text (self->headline_entry, story != NULL ? byline_story_get_headline (story) : NULL);
  set_editable_text (self->dek_entry, story != NULL ? byline_story_get_dek (story) : NULL);
  set_editable_text (self->byline_row, story != NULL ? byline_story_get_byline (story) : NULL);
  set_editable_text (self->tags_row, tags);
  set_editable_text (self->categories_row, categories);
  byline_rich_text_view_set_language (self->body_editor, story != NULL ? byline_story_get_language (story) : NULL);
  fill_body (self, story != NULL ? byline_story_get_body (story) : NULL);
  self->filling = FALSE;
}

BylineStore *
byline_story_editor_get_store (BylineStoryEditor *self)
{
  g_return_val_if_fail (BYLINE_IS_STORY_EDITOR (self), NULL);

  return self->store;
}

void
byline_story_editor_set_store (BylineStoryEditor *self,
                               BylineStore       *store)
{
  g_return_if_fail (BYLINE_IS_STORY_EDITOR (self));
  g_return_if_fail (store == NULL || BYLINE_IS_STORE (store));

  if (self->store == store)
    return;

  byline_story_editor_flush (self);
  g_set_object (&self->store, store);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

BylineStory *
byline_story_editor_get_story (BylineStoryEditor *self)
{
  g_return_val_if_fail (BYLINE_IS_STORY_EDITOR (self), NULL);

  return self->story;
}

void
byline_story_editor_set_story (BylineStoryEditor *self,
                               BylineStory       *story)
{
  g_return_if_fail (BYLINE_IS_STORY_EDITOR (self));
  g_return_if_fail (story == NULL || BYLINE_IS_STORY (story));

  if (self->story == story)
    return;

  byline_story_editor_flush (self);
  g_set_object (&self->story, story);
  fill_widgets (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORY]);
}

/**
 * byline_story_editor_flush:
 * @self: a #BylineStoryEditor
 *
 * Starts saving the story now if an edit is waiting for its save.
 */
void
byline_story_editor_flush (BylineStoryEditor *self)
{
  g_return_if_fail (BYLINE_IS_STORY_EDITOR (self));

  if (self->save_source != 0 || self->export_source != 0 || self->body_dirty)
    save_now (self);
}

void
byline_story_editor_focus_headline (BylineStoryEditor *self)
{
  g_return_if_fail (BYLINE_IS_STORY_EDITOR (self));

  gtk_widget_grab_focus (GTK_WIDGET (self->headline_entry));
}

GtkEditable *
byline_story_editor_get_headline_editable (BylineStoryEditor *self)
{
  g_return_val_if_fail (BYLINE_IS_STORY_EDITOR (self), NULL);

  return GTK_EDITABLE (self->headline_entry);
}

GtkEditable *
byline_story_editor_get_tags_editable (BylineStoryEditor *self)
{
  g_return_val_if_fail (BYLINE_IS_STORY_EDITOR (self), NULL);

  return GTK_EDITABLE (self->tags_row);
}

GtkTextView *
byline_story_editor_get_body_view (BylineStoryEditor *self)
{
  g_return_val_if_fail (BYLINE_IS_STORY_EDITOR (self), NULL);

  return byline_rich_text_view_get_text_view (self->body_editor);
}

BylineRichTextView *
byline_story_editor_get_body_editor (BylineStoryEditor *self)
{
  g_return_val_if_fail (BYLINE_IS_STORY_EDITOR (self), NULL);

  return self->body_editor;
}

static void
byline_story_editor_dispose (GObject *object)
{
  BylineStoryEditor *self = BYLINE_STORY_EDITOR (object);

  byline_story_editor_flush (self);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->story);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (byline_story_editor_parent_class)->dispose (object);
}

static void
byline_story_editor_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  BylineStoryEditor *self = BYLINE_STORY_EDITOR (object);

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
byline_story_editor_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  BylineStoryEditor *self = BYLINE_STORY_EDITOR (object);

  switch (prop_id)
    {
    case PROP_STORE:
      byline_story_editor_set_store (self, g_value_get_object (value));
      break;
    case PROP_STORY:
      byline_story_editor_set_story (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
byline_story_editor_class_init (BylineStoryEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = byline_story_editor_dispose;
  object_class->get_property = byline_story_editor_get_property;
  object_class->set_property = byline_story_editor_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, BYLINE_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_STORY] =
    g_param_spec_object ("story", NULL, NULL, BYLINE_TYPE_STORY,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * BylineStoryEditor::error:
   * @self: the editor
   * @message: what went wrong, for the user
   *
   * Emitted when a story could not be loaded or saved.
   */
  signals[ERROR] = g_signal_new ("error", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                                 NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  /**
   * BylineStoryEditor::image-attached:
   * @self: the editor
   * @image: the image, saved in the store
   *
   * Emitted when an image dropped on the body was attached to its story.
   */
  signals[IMAGE_ATTACHED] = g_signal_new ("image-attached", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                          NULL, NULL, NULL, G_TYPE_NONE, 1, BYLINE_TYPE_IMAGE);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/byline-story-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, BylineStoryEditor, headline_entry);
  gtk_widget_class_bind_template_child (widget_class, BylineStoryEditor, dek_entry);
  gtk_widget_class_bind_template_child (widget_class, BylineStoryEditor, byline_row);
  gtk_widget_class_bind_template_child (widget_class, BylineStoryEditor, tags_row);
  gtk_widget_class_bind_template_child (widget_class, BylineStoryEditor, categories_row);
  gtk_widget_class_bind_template_child (widget_class, BylineStoryEditor, body_editor);
  gtk_widget_class_bind_template_callback (widget_class, on_headline_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_dek_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_byline_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_tags_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_categories_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_body_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_image_dropped);
  g_type_ensure (BYLINE_TYPE_RICH_TEXT_VIEW);
}

static void
byline_story_editor_init (BylineStoryEditor *self)
{
  self->cancellable = g_cancellable_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect_object (self->body_editor, "notify::language", G_CALLBACK (on_language_changed), self,
                           G_CONNECT_SWAPPED);
}

GtkWidget *
byline_story_editor_new (void)
{
  return g_object_new (BYLINE_TYPE_STORY_EDITOR, NULL);
}
