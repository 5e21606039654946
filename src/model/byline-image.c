/* byline-image.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "byline-enums.h"
#include "byline-image.h"

struct _BylineImage
{
  GObject               parent_instance;

  char                 *uuid;
  char                 *story_uuid;
  /* The text fields, indexed by property id, share one getter and setter. */
  char                 *text[13];
  GDateTime            *permission_expiry;
  BylinePermissionKind  permission_kind;
  gboolean              featured;
  gint64                remote_media_id;
};

G_DEFINE_FINAL_TYPE (BylineImage, byline_image, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_FILE,
  PROP_CAPTION,
  PROP_ALT_TEXT,
  PROP_CREDIT_LINE,
  PROP_CREATOR,
  PROP_CREATOR_TITLE,
  PROP_COPYRIGHT_HOLDER,
  PROP_SOURCE,
  PROP_SOURCE_URL,
  PROP_PERMISSION_PROOF,
  PROP_USAGE_TERMS,
  PROP_REMOTE_URL,
  LAST_TEXT_PROP = PROP_REMOTE_URL,
  PROP_UUID,
  PROP_STORY_UUID,
  PROP_PERMISSION_KIND,
  PROP_PERMISSION_EXPIRY,
  PROP_FEATURED,
  PROP_REMOTE_MEDIA_ID,
  N_PROPS
};

G_STATIC_ASSERT (LAST_TEXT_PROP < G_N_ELEMENTS (((BylineImage *) NULL)->text));

static GParamSpec *properties[N_PROPS];

static const char *
get_text (BylineImage *self,
          guint        prop_id)
{
  g_return_val_if_fail (BYLINE_IS_IMAGE (self), NULL);

  return self->text[prop_id];
}

static void
set_text (BylineImage *self,
          guint        prop_id,
          const char  *value)
{
  g_return_if_fail (BYLINE_IS_IMAGE (self));

  if (g_strcmp0 (self->text[prop_id], value) == 0)
    return;

  g_free (self->text[prop_id]);
  self->text[prop_id] = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
}

static void
byline_image_finalize (GObject *object)
{
  BylineImage *self = (BylineImage *) object;

  g_clear_pointer (&self->uuid, g_free);
  g_clear_pointer (&self->story_uuid, g_free);
  for (guint i = 0; i < G_N_ELEMENTS (self->text); i++)
    g_clear_pointer (&self->text[i], g_free);
  g_clear_pointer (&self->permission_expiry, g_date_time_unref);

  G_OBJECT_CLASS (byline_image_parent_class)->finalize (object);
}

static void
byline_image_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  BylineImage *self = BYLINE_IMAGE (object);

  if (prop_id <= LAST_TEXT_PROP)
    {
      g_value_set_string (value, self->text[prop_id]);
      return;
    }

  switch (prop_id)
    {
    case PROP_UUID:
      g_value_set_string (value, self->uuid);
      break;
    case PROP_STORY_UUID:
      g_value_set_string (value, self->story_uuid);
      break;
    case PROP_PERMISSION_KIND:
      g_value_set_enum (value, self->permission_kind);
      break;
    case PROP_PERMISSION_EXPIRY:
      g_value_set_boxed (value, self->permission_expiry);
      break;
    case PROP_FEATURED:
      g_value_set_boolean (value, self->featured);
      break;
    case PROP_REMOTE_MEDIA_ID:
      g_value_set_int64 (value, self->remote_media_id);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
byline_image_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  BylineImage *self = BYLINE_IMAGE (object);

  if (prop_id <= LAST_TEXT_PROP)
    {
      set_text (self, prop_id, g_value_get_string (value));
      return;
    }

  switch (prop_id)
    {
    case PROP_UUID:
      self->uuid = g_value_dup_string (value);
      break;
    case PROP_STORY_UUID:
      self->story_uuid = g_value_dup_string (value);
      break;
    case PROP_PERMISSION_KIND:
      byline_image_set_permission_kind (self, g_value_get_enum (value));
      break;
    case PROP_PERMISSION_EXPIRY:
      byline_image_set_permission_expiry (self, g_value_get_boxed (value));
      break;
    case PROP_FEATURED:
      byline_image_set_featured (self, g_value_get_boolean (value));
      break;
    case PROP_REMOTE_MEDIA_ID:
      byline_image_set_remote_media_id (self, g_value_get_int64 (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
byline_image_constructed (GObject *object)
{
  BylineImage *self = BYLINE_IMAGE (object);

  G_OBJECT_CLASS (byline_image_parent_class)->constructed (object);

  if (self->uuid == NULL)
    self->uuid = g_uuid_string_random ();
}

static void
byline_image_class_init (BylineImageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  static const char *const text_names[] = {
    NULL, "file", "caption", "alt-text", "credit-line", "creator", "creator-title", "copyright-holder",
    "source", "source-url", "permission-proof", "usage-terms", "remote-url",
  };

  object_class->constructed = byline_image_constructed;
  object_class->finalize = byline_image_finalize;
  object_class->get_property = byline_image_get_property;
  object_class->set_property = byline_image_set_property;

  for (guint i = PROP_FILE; i <= LAST_TEXT_PROP; i++)
    properties[i] = g_param_spec_string (text_names[i], NULL, NULL, NULL,
                                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_UUID] =
    g_param_spec_string ("uuid", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STORY_UUID] =
    g_param_spec_string ("story-uuid", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PERMISSION_KIND] =
    g_param_spec_enum ("permission-kind", NULL, NULL,
                       BYLINE_TYPE_PERMISSION_KIND, BYLINE_PERMISSION_UNKNOWN,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PERMISSION_EXPIRY] =
    g_param_spec_boxed ("permission-expiry", NULL, NULL, G_TYPE_DATE_TIME,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FEATURED] =
    g_param_spec_boolean ("featured", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_REMOTE_MEDIA_ID] =
    g_param_spec_int64 ("remote-media-id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
byline_image_init (BylineImage *self)
{
}

BylineImage *
byline_image_new (const char *story_uuid)
{
  g_return_val_if_fail (story_uuid != NULL, NULL);

  return g_object_new (BYLINE_TYPE_IMAGE, "story-uuid", story_uuid, NULL);
}

BylineImage *
byline_image_new_with_uuid (const char *uuid,
                            const char *story_uuid)
{
  g_return_val_if_fail (uuid != NULL, NULL);
  g_return_val_if_fail (story_uuid != NULL, NULL);

  return g_object_new (BYLINE_TYPE_IMAGE, "uuid", uuid, "story-uuid", story_uuid, NULL);
}

const char *
byline_image_get_uuid (BylineImage *self)
{
  g_return_val_if_fail (BYLINE_IS_IMAGE (self), NULL);

  return self->uuid;
}

const char *
byline_image_get_story_uuid (BylineImage *self)
{
  g_return_val_if_fail (BYLINE_IS_IMAGE (self), NULL);

  return self->story_uuid;
}

#define TEXT_ACCESSORS(name, PROP)                                      \
  const char *byline_image_get_##name (BylineImage *self)               \
  {                                                                     \
    return get_text (self, PROP);                                       \
  }                                                                     \
  void byline_image_set_##name (BylineImage *self, const char *value)   \
  {                                                                     \
    set_text (self, PROP, value);                                       \
  }

TEXT_ACCESSORS (file, PROP_FILE)
TEXT_ACCESSORS (caption, PROP_CAPTION)
TEXT_ACCESSORS (alt_text, PROP_ALT_TEXT)
TEXT_ACCESSORS (credit_line, PROP_CREDIT_LINE)
TEXT_ACCESSORS (creator, PROP_CREATOR)
TEXT_ACCESSORS (creator_title, PROP_CREATOR_TITLE)
TEXT_ACCESSORS (copyright_holder, PROP_COPYRIGHT_HOLDER)
TEXT_ACCESSORS (source, PROP_SOURCE)
TEXT_ACCESSORS (source_url, PROP_SOURCE_URL)
TEXT_ACCESSORS (permission_proof, PROP_PERMISSION_PROOF)
TEXT_ACCESSORS (usage_terms, PROP_USAGE_TERMS)
TEXT_ACCESSORS (remote_url, PROP_REMOTE_URL)

BylinePermissionKind
byline_image_get_permission_kind (BylineImage *self)
{
  g_return_val_if_fail (BYLINE_IS_IMAGE (self), BYLINE_PERMISSION_UNKNOWN);

  return self->permission_kind;
}

void
byline_image_set_permission_kind (BylineImage          *self,
                                  BylinePermissionKind  kind)
{
  g_return_if_fail (BYLINE_IS_IMAGE (self));
  g_return_if_fail (kind <= BYLINE_PERMISSION_NEWS_SCREENSHOT);

  if (self->permission_kind == kind)
    return;

  self->permission_kind = kind;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PERMISSION_KIND]);
}

GDateTime *
byline_image_get_permission_expiry (BylineImage *self)
{
  g_return_val_if_fail (BYLINE_IS_IMAGE (self), NULL);

  return self->permission_expiry;
}

void
byline_image_set_permission_expiry (BylineImage *self,
                                    GDateTime   *expiry)
{
  g_return_if_fail (BYLINE_IS_IMAGE (self));

  if (self->permission_expiry == expiry)
    return;

  g_clear_pointer (&self->permission_expiry, g_date_time_unref);
  self->permission_expiry = expiry ? g_date_time_ref (expiry) : NULL;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PERMISSION_EXPIRY]);
}

gboolean
byline_image_get_featured (BylineImage *self)
{
  g_return_val_if_fail (BYLINE_IS_IMAGE (self), FALSE);

  return self->featured;
}

void
byline_image_set_featured (BylineImage *self,
                           gboolean     featured)
{
  g_return_if_fail (BYLINE_IS_IMAGE (self));

  featured = !!featured;
  if (self->featured == featured)
    return;

  self->featured = featured;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FEATURED]);
}

/* The media item the image became on the CMS; 0 until it is uploaded. */
gint64
byline_image_get_remote_media_id (BylineImage *self)
{
  g_return_val_if_fail (BYLINE_IS_IMAGE (self), 0);

  return self->remote_media_id;
}

void
byline_image_set_remote_media_id (BylineImage *self,
                                  gint64       media_id)
{
  g_return_if_fail (BYLINE_IS_IMAGE (self));
  g_return_if_fail (media_id >= 0);

  if (self->remote_media_id == media_id)
    return;

  self->remote_media_id = media_id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REMOTE_MEDIA_ID]);
}
