/* byline-remote-media.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "byline-cms-client.h"
#include "byline-json-private.h"
#include "byline-remote-media.h"

struct _BylineRemoteMedia
{
  GObject  parent_instance;

  gint64   id;
  char    *source_url;
  char    *fields[BYLINE_REMOTE_MEDIA_N_FIELDS];
  char    *embedded[BYLINE_REMOTE_MEDIA_N_EMBEDDED];
};

G_DEFINE_FINAL_TYPE (BylineRemoteMedia, byline_remote_media, G_TYPE_OBJECT)

/* Registered by data/wordpress/byline-companion.php, in the order of
 * BylineRemoteMediaField; NULL where WordPress has a field of its own. */
static const char * const meta_keys[BYLINE_REMOTE_MEDIA_N_FIELDS] = {
  NULL, NULL, NULL,
  "byline_permission_kind",
  "byline_permission_proof",
  "byline_permission_expiry",
  "byline_credit_line",
  "byline_creator",
  "byline_copyright_holder",
  "byline_source",
  "byline_creator_title",
};

static const char * const image_meta_keys[BYLINE_REMOTE_MEDIA_N_EMBEDDED] = {
  "credit", "copyright", "caption",
};

static void
byline_remote_media_finalize (GObject *object)
{
  BylineRemoteMedia *self = (BylineRemoteMedia *) object;

  g_clear_pointer (&self->source_url, g_free);
  for (guint i = 0; i < BYLINE_REMOTE_MEDIA_N_FIELDS; i++)
    g_clear_pointer (&self->fields[i], g_free);
  for (guint i = 0; i < BYLINE_REMOTE_MEDIA_N_EMBEDDED; i++)
    g_clear_pointer (&self->embedded[i], g_free);

  G_OBJECT_CLASS (byline_remote_media_parent_class)->finalize (object);
}

static void
byline_remote_media_class_init (BylineRemoteMediaClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = byline_remote_media_finalize;
}

static void
byline_remote_media_init (BylineRemoteMedia *self)
{
}

BylineRemoteMedia *
byline_remote_media_new (void)
{
  return g_object_new (BYLINE_TYPE_REMOTE_MEDIA, NULL);
}

static char *
expiry_to_string (GDateTime *expiry)
{
  g_autoptr (GDateTime) utc = NULL;

  if (expiry == NULL)
    return NULL;
  utc = g_date_time_to_utc (expiry);
  return g_date_time_format_iso8601 (utc);
}

/**
 * byline_remote_media_new_from_image:
 * @image: an image with its credits
 *
 * The fields an upload of @image sets. The description carries the rights
 * usage terms, the one credit text a reader of the media library needs in full.
 *
 * Returns: (transfer full): the fields for the upload
 */
BylineRemoteMedia *
byline_remote_media_new_from_image (BylineImage *image)
{
  BylineRemoteMedia *self = NULL;
  BylinePermissionKind kind;

  g_return_val_if_fail (BYLINE_IS_IMAGE (image), NULL);

  self = byline_remote_media_new ();
  kind = byline_image_get_permission_kind (image);
  self->fields[BYLINE_REMOTE_MEDIA_CAPTION] = g_strdup (byline_image_get_caption (image));
  self->fields[BYLINE_REMOTE_MEDIA_ALT_TEXT] = g_strdup (byline_image_get_alt_text (image));
  self->fields[BYLINE_REMOTE_MEDIA_DESCRIPTION] = g_strdup (byline_image_get_usage_terms (image));
  if (kind != BYLINE_PERMISSION_UNKNOWN)
    self->fields[BYLINE_REMOTE_MEDIA_PERMISSION_KIND] = g_strdup (byline_permission_kind_to_string (kind));
  self->fields[BYLINE_REMOTE_MEDIA_PERMISSION_PROOF] = g_strdup (byline_image_get_permission_proof (image));
  self->fields[BYLINE_REMOTE_MEDIA_PERMISSION_EXPIRY] = expiry_to_string (byline_image_get_permission_expiry (image));
  self->fields[BYLINE_REMOTE_MEDIA_CREDIT_LINE] = g_strdup (byline_image_get_credit_line (image));
  self->fields[BYLINE_REMOTE_MEDIA_CREATOR] = g_strdup (byline_image_get_creator (image));
  self->fields[BYLINE_REMOTE_MEDIA_COPYRIGHT_HOLDER] = g_strdup (byline_image_get_copyright_holder (image));
  self->fields[BYLINE_REMOTE_MEDIA_SOURCE] = g_strdup (byline_image_get_source (image));
  self->fields[BYLINE_REMOTE_MEDIA_CREATOR_TITLE] = g_strdup (byline_image_get_creator_title (image));
  return self;
}

/* caption and description come as {"raw", "rendered"} with context=edit (as
 * answers to a POST are) and as {"rendered"} otherwise; alt_text is plain. */
static char *
text_field (JsonObject *object,
            const char *member)
{
  JsonObject *field = byline_json_object_get_object (object, member);
  const char *text = NULL;

  if (field != NULL)
    {
      text = byline_json_object_get_string (field, "raw");
      if (text == NULL)
        text = byline_json_object_get_string (field, "rendered");
    }
  else
    text = byline_json_object_get_string (object, member);
  return g_strdup (text);
}

static void
read_meta (BylineRemoteMedia *self,
           JsonObject        *meta)
{
  for (guint i = 0; meta != NULL && i < BYLINE_REMOTE_MEDIA_N_FIELDS; i++)
    {
      const char *value = meta_keys[i] ? byline_json_object_get_string (meta, meta_keys[i]) : NULL;

      if (value != NULL && *value != '\0')
        self->fields[i] = g_strdup (value);
    }
}

static void
read_image_meta (BylineRemoteMedia *self,
                 JsonObject        *image_meta)
{
  for (guint i = 0; image_meta != NULL && i < BYLINE_REMOTE_MEDIA_N_EMBEDDED; i++)
    self->embedded[i] = g_strdup (byline_json_object_get_string (image_meta, image_meta_keys[i]));
}

BylineRemoteMedia *
byline_remote_media_new_from_json (JsonNode  *node,
                                   GError   **error)
{
  g_autoptr (BylineRemoteMedia) self = NULL;
  JsonObject *object = node && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
  JsonObject *details;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (object == NULL || byline_json_object_get_int (object, "id", 0) <= 0)
    {
      g_set_error_literal (error, BYLINE_CMS_ERROR, BYLINE_CMS_ERROR_BAD_RESPONSE,
                           _("The server sent something that is not a media item"));
      return NULL;
    }

  self = byline_remote_media_new ();
  self->id = byline_json_object_get_int (object, "id", 0);
  self->source_url = g_strdup (byline_json_object_get_string (object, "source_url"));
  self->fields[BYLINE_REMOTE_MEDIA_CAPTION] = text_field (object, "caption");
  self->fields[BYLINE_REMOTE_MEDIA_ALT_TEXT] = text_field (object, "alt_text");
  self->fields[BYLINE_REMOTE_MEDIA_DESCRIPTION] = text_field (object, "description");
  read_meta (self, byline_json_object_get_object (object, "meta"));
  details = byline_json_object_get_object (object, "media_details");
  read_image_meta (self, details ? byline_json_object_get_object (details, "image_meta") : NULL);
  return g_steal_pointer (&self);
}

static const char *
or_empty (const char *text)
{
  return text ? text : "";
}

/* The body of the request that sets the fields of an uploaded item; meta only
 * when the companion plugin has registered it, which WordPress otherwise drops. */
JsonNode *
byline_remote_media_to_json (BylineRemoteMedia *self,
                             gboolean           with_meta)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();

  g_return_val_if_fail (BYLINE_IS_REMOTE_MEDIA (self), NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "caption");
  json_builder_add_string_value (builder, or_empty (self->fields[BYLINE_REMOTE_MEDIA_CAPTION]));
  json_builder_set_member_name (builder, "alt_text");
  json_builder_add_string_value (builder, or_empty (self->fields[BYLINE_REMOTE_MEDIA_ALT_TEXT]));
  json_builder_set_member_name (builder, "description");
  json_builder_add_string_value (builder, or_empty (self->fields[BYLINE_REMOTE_MEDIA_DESCRIPTION]));
  if (with_meta)
    {
      json_builder_set_member_name (builder, "meta");
      json_builder_begin_object (builder);
      for (guint i = 0; i < BYLINE_REMOTE_MEDIA_N_FIELDS; i++)
        {
          if (meta_keys[i] == NULL)
            continue;
          json_builder_set_member_name (builder, meta_keys[i]);
          json_builder_add_string_value (builder, or_empty (self->fields[i]));
        }
      json_builder_end_object (builder);
    }
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

gint64
byline_remote_media_get_id (BylineRemoteMedia *self)
{
  g_return_val_if_fail (BYLINE_IS_REMOTE_MEDIA (self), 0);

  return self->id;
}

const char *
byline_remote_media_get_source_url (BylineRemoteMedia *self)
{
  g_return_val_if_fail (BYLINE_IS_REMOTE_MEDIA (self), NULL);

  return self->source_url;
}

const char *
byline_remote_media_get_field (BylineRemoteMedia      *self,
                               BylineRemoteMediaField  field)
{
  g_return_val_if_fail (BYLINE_IS_REMOTE_MEDIA (self), NULL);
  g_return_val_if_fail (field < BYLINE_REMOTE_MEDIA_N_FIELDS, NULL);

  return self->fields[field];
}

void
byline_remote_media_set_field (BylineRemoteMedia      *self,
                               BylineRemoteMediaField  field,
                               const char             *value)
{
  g_return_if_fail (BYLINE_IS_REMOTE_MEDIA (self));
  g_return_if_fail (field < BYLINE_REMOTE_MEDIA_N_FIELDS);

  g_free (self->fields[field]);
  self->fields[field] = g_strdup (value);
}

/* Returns: (nullable): what the CMS read from the file itself, as it answered */
const char *
byline_remote_media_get_embedded (BylineRemoteMedia         *self,
                                  BylineRemoteMediaEmbedded  embedded)
{
  g_return_val_if_fail (BYLINE_IS_REMOTE_MEDIA (self), NULL);
  g_return_val_if_fail (embedded < BYLINE_REMOTE_MEDIA_N_EMBEDDED, NULL);

  return self->embedded[embedded];
}

/* Returns: (nullable): the attachment meta key of @field, %NULL for the
 * fields WordPress has a place for */
const char *
byline_remote_media_field_get_meta_key (BylineRemoteMediaField field)
{
  g_return_val_if_fail (field < BYLINE_REMOTE_MEDIA_N_FIELDS, NULL);

  return meta_keys[field];
}
