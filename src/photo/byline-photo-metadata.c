/* byline-photo-metadata.c: reading the credits embedded in an image file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gexiv2/gexiv2.h>
#include <glib/gi18n.h>
#include <string.h>

#include "model/byline-image.h"

#include "byline-photo-metadata.h"
#include "byline-photo-private.h"

struct _BylinePhotoMetadata
{
  GObject     parent_instance;

  char       *values[BYLINE_PHOTO_N_FIELDS];
  /* The tag each value was read from (a static string), NULL when the
   * value did not come from a file. */
  const char *origins[BYLINE_PHOTO_N_FIELDS];
};

G_DEFINE_FINAL_TYPE (BylinePhotoMetadata, byline_photo_metadata, G_TYPE_OBJECT)

/* Where each field is read from, best first: XMP is Unicode and the newest
 * standard, IIM is what agencies still fill in, and EXIF's ASCII fields are
 * the last resort. Of up to three licensors, the first is the one named. */
static const char * const field_tags[BYLINE_PHOTO_N_FIELDS][4] = {
  [BYLINE_PHOTO_FIELD_CAPTION] = { "Xmp.dc.description", "Iptc.Application2.Caption" },
  [BYLINE_PHOTO_FIELD_CREDIT_LINE] = { "Xmp.photoshop.Credit", "Iptc.Application2.Credit" },
  [BYLINE_PHOTO_FIELD_CREATOR] = { "Xmp.dc.creator", "Iptc.Application2.Byline", "Exif.Image.Artist" },
  [BYLINE_PHOTO_FIELD_COPYRIGHT_NOTICE] = { "Xmp.dc.rights", "Iptc.Application2.Copyright", "Exif.Image.Copyright" },
  [BYLINE_PHOTO_FIELD_SOURCE] = { "Xmp.photoshop.Source", "Iptc.Application2.Source" },
  [BYLINE_PHOTO_FIELD_USAGE_TERMS] = { "Xmp.xmpRights.UsageTerms" },
  [BYLINE_PHOTO_FIELD_WEB_STATEMENT] = { "Xmp.xmpRights.WebStatement" },
  [BYLINE_PHOTO_FIELD_LICENSOR_NAME] = { "Xmp.plus.Licensor[1]/plus:LicensorName" },
  [BYLINE_PHOTO_FIELD_LICENSOR_URL] = { "Xmp.plus.Licensor[1]/plus:LicensorURL" },
  [BYLINE_PHOTO_FIELD_CREATOR_TITLE] = { "Xmp.photoshop.AuthorsPosition", "Iptc.Application2.BylineTitle" },
};

static void
byline_photo_metadata_finalize (GObject *object)
{
  BylinePhotoMetadata *self = BYLINE_PHOTO_METADATA (object);

  for (guint i = 0; i < BYLINE_PHOTO_N_FIELDS; i++)
    g_free (self->values[i]);

  G_OBJECT_CLASS (byline_photo_metadata_parent_class)->finalize (object);
}

static void
byline_photo_metadata_class_init (BylinePhotoMetadataClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = byline_photo_metadata_finalize;
}

static void
byline_photo_metadata_init (BylinePhotoMetadata *self)
{
}

static gboolean
field_is_multiline (BylinePhotoField field)
{
  return field == BYLINE_PHOTO_FIELD_CAPTION || field == BYLINE_PHOTO_FIELD_USAGE_TERMS;
}

static void
set_value (BylinePhotoMetadata *self,
           BylinePhotoField     field,
           const char          *raw,
           const char          *origin)
{
  g_free (self->values[field]);
  self->values[field] = byline_photo_clean_text (raw, field_is_multiline (field));
  self->origins[field] = self->values[field] != NULL ? origin : NULL;
}

/* exiv2 prints a lang-alt value as «lang="x-default" Text, lang="de" Text»
 * in an order of its own, so look for the default alternative rather than
 * assume it comes first. */
static const char *
find_default_alternative (const char *value)
{
  const char *found = NULL;

  if (g_str_has_prefix (value, "lang=\"x-default\" "))
    return value;

  found = strstr (value, ", lang=\"x-default\" ");
  return found != NULL ? found + strlen (", ") : value;
}

static char *
pick_language_alternative (const char *value)
{
  const char *text = find_default_alternative (value);
  const char *end = NULL;

  if (g_str_has_prefix (text, "lang=\""))
    {
      const char *closing_quote = strchr (text + strlen ("lang=\""), '"');

      if (closing_quote != NULL)
        text = closing_quote[1] == ' ' ? closing_quote + 2 : closing_quote + 1;
    }

  end = strstr (text, ", lang=\"");
  return end != NULL ? g_strndup (text, end - text) : g_strdup (text);
}

static gboolean
any_has_comma (char **values)
{
  for (guint i = 0; values[i] != NULL; i++)
    {
      if (strchr (values[i], ',') != NULL)
        return TRUE;
    }

  return FALSE;
}

/* dc:creator is a list, and IIM's By-line may be repeated. Names written
 * "Lima, Ana" are kept apart with semicolons. */
static char *
read_all_values (GExiv2Metadata *file_metadata,
                 const char     *tag)
{
  g_auto (GStrv) values = gexiv2_metadata_try_get_tag_multiple (file_metadata, tag, NULL);

  if (values == NULL)
    return NULL;

  return g_strjoinv (any_has_comma (values) ? "; " : ", ", values);
}

static char *
read_tag (GExiv2Metadata *file_metadata,
          const char     *tag)
{
  g_autofree char *value = NULL;

  if (!gexiv2_metadata_try_has_tag (file_metadata, tag, NULL))
    return NULL;

  if (gexiv2_metadata_try_tag_supports_multiple_values (file_metadata, tag, NULL) &&
      !byline_photo_tag_is_lang_alt (tag))
    return read_all_values (file_metadata, tag);

  value = gexiv2_metadata_try_get_tag_string (file_metadata, tag, NULL);
  if (value != NULL && byline_photo_tag_is_lang_alt (tag))
    return pick_language_alternative (value);

  return g_steal_pointer (&value);
}

static void
read_field (BylinePhotoMetadata *self,
            GExiv2Metadata      *file_metadata,
            BylinePhotoField     field)
{
  for (guint i = 0; i < G_N_ELEMENTS (field_tags[field]) && field_tags[field][i] != NULL; i++)
    {
      g_autofree char *raw = read_tag (file_metadata, field_tags[field][i]);

      set_value (self, field, raw, field_tags[field][i]);
      if (self->values[field] != NULL)
        return;
    }
}

/**
 * byline_photo_metadata_read:
 * @path: an image file
 * @error: return location for a #BylinePhotoError
 *
 * Reads the credits embedded in @path. This blocks while exiv2 parses the
 * file: on the main thread use byline_photo_metadata_read_async().
 *
 * Returns: (transfer full): the credits found, possibly none
 */
BylinePhotoMetadata *
byline_photo_metadata_read (const char *path,
                            GError    **error)
{
  /* Declared first, so that it is released after the rest. */
  g_autoptr (GMutexLocker)   exiv2_locker = NULL;
  g_autoptr (GExiv2Metadata) file_metadata = NULL;
  g_autoptr (GError)         exiv2_error = NULL;
  BylinePhotoMetadata       *self = NULL;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!byline_photo_check_file (path, error))
    return NULL;

  exiv2_locker = byline_photo_lock_exiv2 ();
  file_metadata = gexiv2_metadata_new ();
  if (!gexiv2_metadata_open_path (file_metadata, path, &exiv2_error))
    {
      g_autofree char *display_name = g_filename_display_name (path);

      g_set_error (error, BYLINE_PHOTO_ERROR, BYLINE_PHOTO_ERROR_INVALID_IMAGE,
                   _("“%s” is not an image Byline can read: %s"), display_name, exiv2_error->message);
      return NULL;
    }

  self = g_object_new (BYLINE_TYPE_PHOTO_METADATA, NULL);
  for (guint field = 0; field < BYLINE_PHOTO_N_FIELDS; field++)
    read_field (self, file_metadata, field);

  return self;
}

static void
read_in_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  GError              *error = NULL;
  BylinePhotoMetadata *metadata = NULL;

  if (g_task_return_error_if_cancelled (task))
    return;

  metadata = byline_photo_metadata_read (task_data, &error);
  if (metadata == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, metadata, g_object_unref);
}

void
byline_photo_metadata_read_async (const char         *path,
                                  GCancellable       *cancellable,
                                  GAsyncReadyCallback callback,
                                  gpointer            user_data)
{
  g_autoptr (GTask) task = NULL;

  g_return_if_fail (path != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, BYLINE_SOURCE_TAG (byline_photo_metadata_read_async));
  g_task_set_task_data (task, g_strdup (path), g_free);
  g_task_run_in_thread (task, read_in_thread);
}

BylinePhotoMetadata *
byline_photo_metadata_read_finish (GAsyncResult *result,
                                   GError      **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                          BYLINE_SOURCE_TAG (byline_photo_metadata_read_async),
                        NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static GRegex *
compile_once (GRegex    **regex,
              const char *pattern)
{
  if (g_once_init_enter (regex))
    g_once_init_leave (regex, g_regex_new (pattern, G_REGEX_CASELESS | G_REGEX_OPTIMIZE, 0, NULL));

  return *regex;
}

static GRegex *
notice_prefix_regex (void)
{
  static GRegex *regex = NULL;

  return compile_once (&regex, "^\\s*(?:(?:©|\\(c\\)|copyright\\b|copr\\b\\.?|\\d{4}\\b(?:\\s*[-–]\\s*\\d{4}\\b)?)[\\s,.:]*)+");
}

static GRegex *
notice_suffix_regex (void)
{
  static GRegex *regex = NULL;

  return compile_once (&regex, "[\\s,.;]*all rights reserved\\.?\\s*$");
}

/* Copyright notices read like "© 2019–2024 Jane Doe. All rights reserved.";
 * the copyright holder is what is left without the symbol, the years and
 * the boilerplate. */
static char *
holder_from_notice (const char *notice)
{
  g_autofree char *without_prefix = NULL;
  g_autofree char *holder = NULL;

  if (notice == NULL)
    return NULL;

  without_prefix = g_regex_replace (notice_prefix_regex (), notice, -1, 0, "", 0, NULL);
  holder = g_regex_replace (notice_suffix_regex (), without_prefix, -1, 0, "", 0, NULL);
  return byline_photo_clean_text (holder, FALSE);
}

static char *
notice_from_holder (const char *holder)
{
  g_autofree char *clean_holder = byline_photo_clean_text (holder, FALSE);

  if (clean_holder == NULL || g_regex_match (notice_prefix_regex (), clean_holder, 0, NULL))
    return g_steal_pointer (&clean_holder);

  return g_strconcat ("© ", clean_holder, NULL);
}

/**
 * byline_photo_metadata_new_from_image:
 * @image: an image with its credits
 *
 * Takes a snapshot of the credits of @image that belong in the file, so that
 * they can be written from another thread.
 *
 * Returns: (transfer full): the credits of @image
 */
BylinePhotoMetadata *
byline_photo_metadata_new_from_image (BylineImage *image)
{
  BylinePhotoMetadata *self = NULL;
  g_autofree char     *notice = NULL;

  g_return_val_if_fail (BYLINE_IS_IMAGE (image), NULL);

  self = g_object_new (BYLINE_TYPE_PHOTO_METADATA, NULL);
  notice = notice_from_holder (byline_image_get_copyright_holder (image));
  set_value (self, BYLINE_PHOTO_FIELD_CAPTION, byline_image_get_caption (image), NULL);
  set_value (self, BYLINE_PHOTO_FIELD_CREDIT_LINE, byline_image_get_credit_line (image), NULL);
  set_value (self, BYLINE_PHOTO_FIELD_CREATOR, byline_image_get_creator (image), NULL);
  set_value (self, BYLINE_PHOTO_FIELD_CREATOR_TITLE, byline_image_get_creator_title (image), NULL);
  set_value (self, BYLINE_PHOTO_FIELD_COPYRIGHT_NOTICE, notice, NULL);
  set_value (self, BYLINE_PHOTO_FIELD_SOURCE, byline_image_get_source (image), NULL);
  set_value (self, BYLINE_PHOTO_FIELD_USAGE_TERMS, byline_image_get_usage_terms (image), NULL);
  return self;
}

const char *
byline_photo_metadata_get_value (BylinePhotoMetadata *self,
                                 BylinePhotoField     field)
{
  g_return_val_if_fail (BYLINE_IS_PHOTO_METADATA (self), NULL);
  g_return_val_if_fail (field < BYLINE_PHOTO_N_FIELDS, NULL);

  return self->values[field];
}

/**
 * byline_photo_metadata_get_origin:
 * @self: credits read from a file
 * @field: which credit
 *
 * Returns: (nullable): the tag the value of @field came from, such as
 *   "Iptc.Application2.Credit", or %NULL when the file had none
 */
const char *
byline_photo_metadata_get_origin (BylinePhotoMetadata *self,
                                  BylinePhotoField     field)
{
  g_return_val_if_fail (BYLINE_IS_PHOTO_METADATA (self), NULL);
  g_return_val_if_fail (field < BYLINE_PHOTO_N_FIELDS, NULL);

  return self->origins[field];
}

typedef const char *(*ImageGetter) (BylineImage *image);
typedef void (*ImageSetter) (BylineImage *image,
                             const char  *value);

static void
fill_if_empty (BylineImage *image,
               ImageGetter  get,
               ImageSetter  set,
               const char  *value)
{
  const char *current = get (image);

  if (value != NULL && (current == NULL || current[0] == '\0'))
    set (image, value);
}

/**
 * byline_photo_metadata_apply:
 * @self: credits read from a file
 * @image: the image attached from that file
 *
 * Prefills the credits of @image from the file, leaving alone every field
 * the user has already filled in. The file's web statement (the address of
 * its rights terms) stands in for the permission proof, and its licensor for
 * the source when the file names no source.
 */
void
byline_photo_metadata_apply (BylinePhotoMetadata *self,
                             BylineImage         *image)
{
  const char      *source = NULL;
  g_autofree char *holder = NULL;

  g_return_if_fail (BYLINE_IS_PHOTO_METADATA (self));
  g_return_if_fail (BYLINE_IS_IMAGE (image));

  source = self->values[BYLINE_PHOTO_FIELD_SOURCE];
  if (source == NULL)
    source = self->values[BYLINE_PHOTO_FIELD_LICENSOR_NAME];
  holder = holder_from_notice (self->values[BYLINE_PHOTO_FIELD_COPYRIGHT_NOTICE]);

  fill_if_empty (image, byline_image_get_caption, byline_image_set_caption, self->values[BYLINE_PHOTO_FIELD_CAPTION]);
  fill_if_empty (image, byline_image_get_credit_line, byline_image_set_credit_line, self->values[BYLINE_PHOTO_FIELD_CREDIT_LINE]);
  fill_if_empty (image, byline_image_get_creator, byline_image_set_creator, self->values[BYLINE_PHOTO_FIELD_CREATOR]);
  fill_if_empty (image, byline_image_get_creator_title, byline_image_set_creator_title,
                 self->values[BYLINE_PHOTO_FIELD_CREATOR_TITLE]);
  fill_if_empty (image, byline_image_get_copyright_holder, byline_image_set_copyright_holder, holder);
  fill_if_empty (image, byline_image_get_source, byline_image_set_source, source);
  fill_if_empty (image, byline_image_get_source_url, byline_image_set_source_url, self->values[BYLINE_PHOTO_FIELD_LICENSOR_URL]);
  fill_if_empty (image, byline_image_get_usage_terms, byline_image_set_usage_terms, self->values[BYLINE_PHOTO_FIELD_USAGE_TERMS]);
  fill_if_empty (image, byline_image_get_permission_proof, byline_image_set_permission_proof, self->values[BYLINE_PHOTO_FIELD_WEB_STATEMENT]);
}
