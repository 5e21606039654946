/* byline-photo-writer.c: writing credits into a copy of an image file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gexiv2/gexiv2.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "byline-photo-metadata.h"
#include "byline-photo-private.h"

typedef struct
{
  BylinePhotoField field;
  const char      *xmp_tag;
  /* WordPress's wp_read_image_metadata() reads only IIM, so the credits
   * that have an IIM dataset go there too. */
  const char      *iim_tag;
  gsize            iim_max_bytes;
  /* EXIF's ASCII fields cannot carry every name, so instead of keeping a
   * stale value that contradicts the new credit, the tag is removed. */
  const char      *exif_tag;
} WriteTarget;

/* The fields Byline edits; the others (web statement, licensor) are left
 * as the file has them. The byte limits are IIM 4.2's. */
static const WriteTarget write_targets[] = {
  { BYLINE_PHOTO_FIELD_CAPTION, "Xmp.dc.description", "Iptc.Application2.Caption", 2000, NULL },
  { BYLINE_PHOTO_FIELD_CREDIT_LINE, "Xmp.photoshop.Credit", "Iptc.Application2.Credit", 32, NULL },
  { BYLINE_PHOTO_FIELD_CREATOR, "Xmp.dc.creator", "Iptc.Application2.Byline", 32, "Exif.Image.Artist" },
  { BYLINE_PHOTO_FIELD_CREATOR_TITLE, "Xmp.photoshop.AuthorsPosition", "Iptc.Application2.BylineTitle", 32, NULL },
  { BYLINE_PHOTO_FIELD_COPYRIGHT_NOTICE, "Xmp.dc.rights", "Iptc.Application2.Copyright", 128, "Exif.Image.Copyright" },
  { BYLINE_PHOTO_FIELD_SOURCE, "Xmp.photoshop.Source", "Iptc.Application2.Source", 32, NULL },
  { BYLINE_PHOTO_FIELD_USAGE_TERMS, "Xmp.xmpRights.UsageTerms", NULL, 0, NULL },
};

/* ISO 2022's escape sequence for UTF-8, as IIM's 1:90 expects it. */
#define IIM_CHARACTER_SET_UTF8 "\033%G"

static gboolean
clear_tag (GExiv2Metadata *file_metadata,
           const char     *tag,
           GError        **error)
{
  if (tag == NULL || !gexiv2_metadata_try_has_tag (file_metadata, tag, NULL))
    return TRUE;

  return gexiv2_metadata_try_clear_tag (file_metadata, tag, error);
}

static gboolean
write_xmp (GExiv2Metadata *file_metadata,
           const char     *tag,
           const char     *value,
           GError        **error)
{
  g_autofree char *lang_alt = NULL;

  if (byline_photo_tag_is_lang_alt (tag))
    {
      lang_alt = g_strconcat ("lang=\"x-default\" ", value, NULL);
      return gexiv2_metadata_try_set_tag_string (file_metadata, tag, lang_alt, error);
    }

  if (gexiv2_metadata_try_tag_supports_multiple_values (file_metadata, tag, NULL))
    {
      const char *values[] = { value, NULL };

      return gexiv2_metadata_try_set_tag_multiple (file_metadata, tag, values, error);
    }

  return gexiv2_metadata_try_set_tag_string (file_metadata, tag, value, error);
}

static gboolean
write_iim (GExiv2Metadata    *file_metadata,
           const WriteTarget *target,
           const char        *value,
           GStrvBuilder      *truncated_tags,
           GError           **error)
{
  gsize            length = byline_photo_utf8_prefix_length (value, target->iim_max_bytes);
  g_autofree char *fitting = g_strndup (value, length);

  if (value[length] != '\0')
    g_strv_builder_add (truncated_tags, target->iim_tag);

  return gexiv2_metadata_try_set_tag_string (file_metadata, target->iim_tag, fitting, error);
}

static gboolean
write_target (BylinePhotoMetadata *self,
              GExiv2Metadata      *file_metadata,
              const WriteTarget   *target,
              GStrvBuilder        *truncated_tags,
              GError             **error)
{
  const char *value = byline_photo_metadata_get_value (self, target->field);
  gboolean    has_iim = target->iim_tag != NULL && gexiv2_metadata_get_supports_iptc (file_metadata);

  if (!clear_tag (file_metadata, target->xmp_tag, error) ||
      !clear_tag (file_metadata, has_iim ? target->iim_tag : NULL, error) ||
      !clear_tag (file_metadata, target->exif_tag, error))
    return FALSE;

  if (value == NULL)
    return TRUE;

  return write_xmp (file_metadata, target->xmp_tag, value, error) &&
         (!has_iim || write_iim (file_metadata, target, value, truncated_tags, error));
}

/* Other IIM datasets the file already has (keywords, city…) may be in a
 * legacy code page; once 1:90 declares UTF-8 they must be UTF-8 too. */
static gboolean
reencode_iim_tag (GExiv2Metadata *file_metadata,
                  const char     *tag,
                  GError        **error)
{
  g_auto (GStrv) values = gexiv2_metadata_try_get_tag_multiple (file_metadata, tag, NULL);
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
  g_auto (GStrv) reencoded = NULL;
  gboolean changed = FALSE;

  for (guint i = 0; values != NULL && values[i] != NULL; i++)
    {
      g_autofree char *clean = byline_photo_clean_text (values[i], TRUE);

      changed = changed || !g_utf8_validate (values[i], -1, NULL);
      g_strv_builder_add (builder, clean != NULL ? clean : "");
    }

  if (!changed)
    return TRUE;

  reencoded = g_strv_builder_end (builder);
  return gexiv2_metadata_try_clear_tag (file_metadata, tag, error) &&
         gexiv2_metadata_try_set_tag_multiple (file_metadata, tag, (const char **) reencoded, error);
}

static gboolean
declare_iim_utf8 (GExiv2Metadata *file_metadata,
                  GError        **error)
{
  g_auto (GStrv) tags = gexiv2_metadata_get_iptc_tags (file_metadata);

  for (guint i = 0; tags != NULL && tags[i] != NULL; i++)
    {
      if (g_str_has_prefix (tags[i], "Iptc.Application2.") && !reencode_iim_tag (file_metadata, tags[i], error))
        return FALSE;
    }

  return gexiv2_metadata_try_set_tag_string (file_metadata, "Iptc.Envelope.CharacterSet",
                                             IIM_CHARACTER_SET_UTF8, error);
}

static gboolean
write_credits (BylinePhotoMetadata *self,
               GExiv2Metadata      *file_metadata,
               GStrvBuilder        *truncated_tags,
               GError             **error)
{
  for (guint i = 0; i < G_N_ELEMENTS (write_targets); i++)
    {
      if (!write_target (self, file_metadata, &write_targets[i], truncated_tags, error))
        return FALSE;
    }

  return !gexiv2_metadata_get_supports_iptc (file_metadata) || declare_iim_utf8 (file_metadata, error);
}

static gboolean
set_write_error (GError    **error,
                 const char *copy,
                 GError     *cause)
{
  g_autofree char *display_name = g_filename_display_name (copy);

  g_set_error (error, BYLINE_PHOTO_ERROR, BYLINE_PHOTO_ERROR_WRITE_FAILED,
               _("Could not write the credits into “%s”: %s"), display_name, cause->message);
  return FALSE;
}

static gboolean
copy_file (const char   *original,
           const char   *copy,
           GCancellable *cancellable,
           GError      **error)
{
  g_autoptr (GFile)  source = g_file_new_for_path (original);
  g_autoptr (GFile)  destination = g_file_new_for_path (copy);
  g_autoptr (GError) copy_error = NULL;

  if (g_file_copy (source, destination, G_FILE_COPY_OVERWRITE, cancellable, NULL, NULL, &copy_error))
    return TRUE;

  return set_write_error (error, copy, copy_error);
}

static gboolean
write_into_copy (BylinePhotoMetadata *self,
                 const char          *copy,
                 GStrvBuilder        *truncated_tags,
                 GCancellable        *cancellable,
                 GError             **error)
{
  /* Declared first, so that it is released after the rest. */
  g_autoptr (GMutexLocker)   exiv2_locker = byline_photo_lock_exiv2 ();
  g_autoptr (GExiv2Metadata) file_metadata = gexiv2_metadata_new ();
  g_autoptr (GError)         exiv2_error = NULL;

  if (!gexiv2_metadata_open_path (file_metadata, copy, &exiv2_error) ||
      !write_credits (self, file_metadata, truncated_tags, &exiv2_error) ||
      !gexiv2_metadata_save_file (file_metadata, copy, &exiv2_error))
    return set_write_error (error, copy, exiv2_error);

  return !g_cancellable_set_error_if_cancelled (cancellable, error);
}

/**
 * byline_photo_metadata_write_copy:
 * @self: the credits to write
 * @original: the image file, which is left untouched
 * @copy: where to write a copy of @original carrying the credits
 * @truncated_tags: (out) (optional): the IIM tags whose value had to be
 *   shortened to fit IIM's length limits (XMP has the full text)
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #BylinePhotoError
 *
 * Writes the credits as XMP and as IPTC-IIM, declared as UTF-8. Blocks: on
 * the main thread use byline_photo_metadata_write_copy_async(). On failure
 * no copy is left behind.
 */
gboolean
byline_photo_metadata_write_copy (BylinePhotoMetadata *self,
                                  const char          *original,
                                  const char          *copy,
                                  char              ***truncated_tags,
                                  GCancellable        *cancellable,
                                  GError             **error)
{
  g_autoptr (GStrvBuilder) truncated = g_strv_builder_new ();

  g_return_val_if_fail (BYLINE_IS_PHOTO_METADATA (self), FALSE);
  g_return_val_if_fail (original != NULL && copy != NULL, FALSE);
  g_return_val_if_fail (g_strcmp0 (original, copy) != 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!byline_photo_check_file (original, error))
    return FALSE;

  if (!copy_file (original, copy, cancellable, error) ||
      !write_into_copy (self, copy, truncated, cancellable, error))
    {
      g_unlink (copy);
      return FALSE;
    }

  if (truncated_tags != NULL)
    *truncated_tags = g_strv_builder_end (truncated);
  return TRUE;
}

typedef struct
{
  char *original;
  char *copy;
} WriteCopyData;

static void
write_copy_data_free (WriteCopyData *data)
{
  g_free (data->original);
  g_free (data->copy);
  g_free (data);
}

static void
write_copy_in_thread (GTask        *task,
                      gpointer      source_object,
                      gpointer      task_data,
                      GCancellable *cancellable)
{
  WriteCopyData *data = task_data;
  GError        *error = NULL;
  char         **truncated_tags = NULL;

  if (byline_photo_metadata_write_copy (source_object, data->original, data->copy,
                                        &truncated_tags, cancellable, &error))
    g_task_return_pointer (task, truncated_tags, (GDestroyNotify) g_strfreev);
  else
    g_task_return_error (task, error);
}

void
byline_photo_metadata_write_copy_async (BylinePhotoMetadata *self,
                                        const char          *original,
                                        const char          *copy,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data)
{
  g_autoptr (GTask) task = NULL;
  WriteCopyData    *data = NULL;

  g_return_if_fail (BYLINE_IS_PHOTO_METADATA (self));
  g_return_if_fail (original != NULL && copy != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  data = g_new0 (WriteCopyData, 1);
  data->original = g_strdup (original);
  data->copy = g_strdup (copy);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, BYLINE_SOURCE_TAG (byline_photo_metadata_write_copy_async));
  g_task_set_task_data (task, data, (GDestroyNotify) write_copy_data_free);
  g_task_run_in_thread (task, write_copy_in_thread);
}

gboolean
byline_photo_metadata_write_copy_finish (BylinePhotoMetadata *self,
                                         GAsyncResult        *result,
                                         char              ***truncated_tags,
                                         GError             **error)
{
  char **tags = NULL;

  g_return_val_if_fail (BYLINE_IS_PHOTO_METADATA (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                          BYLINE_SOURCE_TAG (byline_photo_metadata_write_copy_async),
                        FALSE);

  tags = g_task_propagate_pointer (G_TASK (result), error);
  if (tags == NULL)
    return FALSE;

  if (truncated_tags != NULL)
    *truncated_tags = tags;
  else
    g_strfreev (tags);
  return TRUE;
}
