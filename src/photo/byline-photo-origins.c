/* byline-photo-origins.c
 *
 * Origins are not stored: a credit came from the file when it still equals
 * what the file's metadata would prefill. An edit, however small, makes the
 * value the user's own.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "model/byline-image.h"

#include "byline-photo-origins.h"

typedef struct
{
  const char *property;
  int         field;
  /* Read when the file has no value for field, as the prefill does. */
  int         fallback;
} OriginField;

static const OriginField origin_fields[] = {
  { "caption", BYLINE_PHOTO_FIELD_CAPTION, -1 },
  { "credit-line", BYLINE_PHOTO_FIELD_CREDIT_LINE, -1 },
  { "creator", BYLINE_PHOTO_FIELD_CREATOR, -1 },
  { "creator-title", BYLINE_PHOTO_FIELD_CREATOR_TITLE, -1 },
  { "copyright-holder", BYLINE_PHOTO_FIELD_COPYRIGHT_NOTICE, -1 },
  { "source", BYLINE_PHOTO_FIELD_SOURCE, BYLINE_PHOTO_FIELD_LICENSOR_NAME },
  { "source-url", BYLINE_PHOTO_FIELD_LICENSOR_URL, -1 },
  { "permission-proof", BYLINE_PHOTO_FIELD_WEB_STATEMENT, -1 },
  { "usage-terms", BYLINE_PHOTO_FIELD_USAGE_TERMS, -1 },
};

/**
 * byline_photo_origin_properties:
 *
 * Returns: (transfer none): the #BylineImage properties a file can fill
 */
const char * const *
byline_photo_origin_properties (void)
{
  static const char * const properties[] = {
    "caption", "credit-line", "creator", "creator-title", "copyright-holder", "source", "source-url",
    "permission-proof", "usage-terms", NULL,
  };

  G_STATIC_ASSERT (G_N_ELEMENTS (properties) == G_N_ELEMENTS (origin_fields) + 1);
  return properties;
}

static const OriginField *
find_origin_field (const char *property)
{
  for (guint i = 0; i < G_N_ELEMENTS (origin_fields); i++)
    {
      if (g_str_equal (origin_fields[i].property, property))
        return &origin_fields[i];
    }
  return NULL;
}

static gboolean
still_prefilled (BylinePhotoMetadata *self,
                 BylineImage         *image,
                 const char          *property)
{
  g_autoptr (BylineImage) prefill = byline_image_new (byline_image_get_story_uuid (image));
  g_autofree char *value = NULL;
  g_autofree char *prefilled = NULL;

  byline_photo_metadata_apply (self, prefill);
  g_object_get (image, property, &value, NULL);
  g_object_get (prefill, property, &prefilled, NULL);
  return value != NULL && *value != '\0' && g_strcmp0 (value, prefilled) == 0;
}

/**
 * byline_photo_metadata_origin_of:
 * @self: the credits read from the file of @image
 * @image: an image
 * @property: one of byline_photo_origin_properties()
 *
 * Returns: (nullable): the tag the value of @property came from, such as
 *   "Iptc.Application2.Credit", or %NULL when the value is not the file's
 */
const char *
byline_photo_metadata_origin_of (BylinePhotoMetadata *self,
                                 BylineImage         *image,
                                 const char          *property)
{
  const OriginField *field;
  const char *origin;

  g_return_val_if_fail (BYLINE_IS_PHOTO_METADATA (self), NULL);
  g_return_val_if_fail (BYLINE_IS_IMAGE (image), NULL);
  g_return_val_if_fail (property != NULL, NULL);

  field = find_origin_field (property);
  if (field == NULL || !still_prefilled (self, image, property))
    return NULL;
  origin = byline_photo_metadata_get_origin (self, field->field);
  if (origin == NULL && field->fallback >= 0)
    origin = byline_photo_metadata_get_origin (self, field->fallback);
  return origin;
}

/**
 * byline_photo_describe_tag:
 * @tag: an exiv2 tag
 *
 * "Iptc.Application2.Credit" becomes "IPTC Credit", and
 * "Xmp.plus.Licensor[1]/plus:LicensorName" becomes "XMP LicensorName".
 *
 * Returns: (transfer full): a short name for @tag
 */
char *
byline_photo_describe_tag (const char *tag)
{
  g_autofree char *family = NULL;
  g_autofree char *upper_family = NULL;
  const char *name;

  g_return_val_if_fail (tag != NULL, NULL);

  family = g_strndup (tag, strcspn (tag, "."));
  upper_family = g_ascii_strup (family, -1);
  name = tag + strlen (tag);
  while (name > tag && strchr (".:/", name[-1]) == NULL)
    name--;
  return g_strconcat (upper_family, " ", name, NULL);
}
