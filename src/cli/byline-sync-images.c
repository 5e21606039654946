/* byline-sync-images.c
 *
 * For a photo desk that ingests agency photos in bulk: attach files to a
 * story with the credits embedded in them, and list a story's images with
 * where each credit came from. Where a value came from is not stored: it is
 * worked out again from the file, as the app's image editor does.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "byline-sync-images.h"
#include "model/byline-image.h"
#include "photo/byline-photo-credit.h"
#include "photo/byline-photo-metadata.h"
#include "photo/byline-photo-origins.h"
#include "store/byline-store-uploads.h"

static char *option_caption;
static char *option_alt;
static char *option_credit;
static char *option_creator;
static char *option_creator_title;
static char *option_copyright_holder;
static char *option_source;
static char *option_permission;
static char *option_proof;
static char *option_expires;

static const GOptionEntry attach_options[] = {
  { "caption", 0, 0, G_OPTION_ARG_STRING, &option_caption, N_("Caption (attach)"), N_("TEXT") },
  { "alt", 0, 0, G_OPTION_ARG_STRING, &option_alt, N_("Alt text (attach)"), N_("TEXT") },
  { "credit", 0, 0, G_OPTION_ARG_STRING, &option_credit, N_("Credit line (attach)"), N_("TEXT") },
  { "creator", 0, 0, G_OPTION_ARG_STRING, &option_creator, N_("Photographer (attach)"), N_("TEXT") },
  { "creator-title", 0, 0, G_OPTION_ARG_STRING, &option_creator_title,
    N_("Photographer’s title, such as “Staff photographer” (attach)"), N_("TEXT") },
  { "copyright-holder", 0, 0, G_OPTION_ARG_STRING, &option_copyright_holder, N_("Copyright holder (attach)"),
    N_("TEXT") },
  { "source", 0, 0, G_OPTION_ARG_STRING, &option_source, N_("Who supplied the image (attach)"), N_("TEXT") },
  { "permission", 0, 0, G_OPTION_ARG_STRING, &option_permission,
    N_("Permission: staff, wire-service, handout, copyright-holder, creative-commons, public-domain "
       "or news-screenshot (attach)"), N_("KIND") },
  { "proof", 0, 0, G_OPTION_ARG_STRING, &option_proof, N_("Proof of the permission (attach)"), N_("TEXT") },
  { "expires", 0, 0, G_OPTION_ARG_STRING, &option_expires, N_("When the permission ends, YYYY-MM-DD (attach)"),
    N_("DATE") },
  { NULL },
};

void
byline_sync_images_add_options (GOptionContext *context)
{
  g_option_context_add_main_entries (context, attach_options, GETTEXT_PACKAGE);
}

/* Every credit the commands show, with the option that sets it. */
typedef struct
{
  const char *property;
  const char *json_name;
  const char *label;
  char      **option;
} CreditField;

static const CreditField credit_fields[] = {
  { "caption", "caption", N_("Caption"), &option_caption },
  { "alt-text", "alt_text", N_("Alt text"), &option_alt },
  { "credit-line", "credit_line", N_("Credit line"), &option_credit },
  { "creator", "creator", N_("Creator"), &option_creator },
  { "creator-title", "creator_title", N_("Creator’s title"), &option_creator_title },
  { "copyright-holder", "copyright_holder", N_("Copyright holder"), &option_copyright_holder },
  { "source", "source", N_("Source"), &option_source },
  { "source-url", "source_url", N_("Source address"), NULL },
  { "permission-proof", "permission_proof", N_("Permission proof"), &option_proof },
  { "usage-terms", "usage_terms", N_("Usage terms"), NULL },
};

/* Terminals act on control characters: show them instead, as \uXXXX. Markup
 * is printed as the text it is, never interpreted. */
static char *
escape_for_terminal (const char *text)
{
  g_autofree char *valid = g_utf8_make_valid (text, -1);
  GString *escaped = g_string_new (NULL);

  for (const char *p = valid; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_iscntrl (c) || c == 0x2028 || c == 0x2029)
        g_string_append_printf (escaped, "\\u%04X", c);
      else
        g_string_append_unichar (escaped, c);
    }
  return g_string_free (escaped, FALSE);
}

/* JSON text must be valid UTF-8; json-glib escapes the rest. */
static void
add_string (JsonBuilder *builder,
            const char  *member,
            const char  *value)
{
  g_autofree char *valid = value != NULL ? g_utf8_make_valid (value, -1) : NULL;

  json_builder_set_member_name (builder, member);
  if (valid != NULL)
    json_builder_add_string_value (builder, valid);
  else
    json_builder_add_null_value (builder);
}

static void
print_json (JsonBuilder *builder)
{
  g_autoptr (JsonNode) root = json_builder_get_root (builder);
  g_autofree char *text = json_to_string (root, TRUE);

  g_print ("%s\n", text);
}

/* Options */

static gboolean
parse_permission (BylinePermissionKind  *kind,
                  GError               **error)
{
  *kind = byline_permission_kind_from_string (option_permission);
  if (option_permission == NULL || *kind != BYLINE_PERMISSION_UNKNOWN ||
      g_str_equal (option_permission, "unknown"))
    return TRUE;

  g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
               _("“%s” is not a permission; use staff, wire-service, handout, copyright-holder, "
                 "creative-commons, public-domain or news-screenshot"), option_permission);
  return FALSE;
}

/* A date alone ends the permission at the start of that day, UTC. */
static gboolean
parse_expiry (GDateTime **expiry,
              GError    **error)
{
  g_autoptr (GTimeZone) utc = g_time_zone_new_utc ();
  g_autofree char *midnight = NULL;

  *expiry = NULL;
  if (option_expires == NULL)
    return TRUE;

  midnight = g_strconcat (option_expires, "T00:00:00", NULL);
  *expiry = g_date_time_new_from_iso8601 (midnight, utc);
  if (*expiry == NULL)
    *expiry = g_date_time_new_from_iso8601 (option_expires, utc);
  if (*expiry != NULL)
    return TRUE;

  g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
               _("“%s” is not a date; write it as YYYY-MM-DD"), option_expires);
  return FALSE;
}

static void
apply_options (BylineImage          *image,
               BylinePermissionKind  kind,
               GDateTime            *expiry)
{
  for (guint i = 0; i < G_N_ELEMENTS (credit_fields); i++)
    {
      if (credit_fields[i].option != NULL && *credit_fields[i].option != NULL)
        g_object_set (image, credit_fields[i].property, *credit_fields[i].option, NULL);
    }
  if (option_permission != NULL)
    byline_image_set_permission_kind (image, kind);
  if (expiry != NULL)
    byline_image_set_permission_expiry (image, expiry);
}

/* Where values came from */

typedef struct
{
  BylinePhotoMetadata *metadata;
  char                *generated_credit;
  gboolean             from_options;
  /* Borrowed: the image's upload still waiting in the outbox, if any. */
  BylineUploadEntry   *upload;
} Origins;

static void
origins_clear (Origins *origins)
{
  g_clear_object (&origins->metadata);
  g_clear_pointer (&origins->generated_credit, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Origins, origins_clear)

/* Returns: "option", "file", "generated", "entered" or %NULL for no value;
 * @tag is set for "file" */
static const char *
origin_of (const Origins     *origins,
           BylineImage       *image,
           const CreditField *field,
           const char        *value,
           const char       **tag)
{
  *tag = NULL;
  if (value == NULL || *value == '\0')
    return NULL;
  if (origins->from_options && field->option != NULL && *field->option != NULL)
    return "option";
  if (origins->metadata != NULL)
    *tag = byline_photo_metadata_origin_of (origins->metadata, image, field->property);
  if (*tag != NULL)
    return "file";
  if (g_str_equal (field->property, "credit-line") && g_strcmp0 (value, origins->generated_credit) == 0)
    return "generated";
  return "entered";
}

static char *
describe_origin (const char *origin,
                 const char *tag)
{
  g_autofree char *tag_name = NULL;

  if (g_strcmp0 (origin, "file") == 0)
    {
      tag_name = byline_photo_describe_tag (tag);
      /* Translators: where a credit came from; %s is a metadata field, such as "IPTC Credit" */
      return g_strdup_printf (_("from the file’s %s"), tag_name);
    }
  if (g_strcmp0 (origin, "option") == 0)
    return g_strdup (_("from the command line"));
  if (g_strcmp0 (origin, "generated") == 0)
    return g_strdup (_("generated in house style"));
  return g_strdup (_("entered by hand"));
}

/* Printing one image */

static void
print_field_text (BylineImage       *image,
                  const Origins     *origins,
                  const CreditField *field)
{
  g_autofree char *value = NULL;
  g_autofree char *escaped = NULL;
  g_autofree char *described = NULL;
  const char *tag = NULL;
  const char *origin;

  g_object_get (image, field->property, &value, NULL);
  origin = origin_of (origins, image, field, value, &tag);
  if (origin == NULL)
    return;
  escaped = escape_for_terminal (value);
  described = describe_origin (origin, tag);
  /* Translators: one credit of an image: its name, its value and where it came from */
  g_print (_("  %s: %s (%s)\n"), _(field->label), escaped, described);
}

static void
print_permission_text (BylineImage *image)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
  BylinePermissionBadge badge = byline_photo_get_permission_badge (image, now);
  GDateTime *expiry = byline_image_get_permission_expiry (image);
  g_autofree char *expiry_text = expiry != NULL ? g_date_time_format (expiry, "%Y-%m-%d") : NULL;

  /* Translators: an image's permission, such as "Wire service", and its state, such as "Permission OK" */
  g_print (_("  Permission: %s — %s\n"), byline_permission_kind_get_label (byline_image_get_permission_kind (image)),
           byline_permission_badge_get_label (badge));
  if (expiry_text != NULL)
    g_print (_("  Permission ends: %s\n"), expiry_text);
}

static void
print_image_text (BylineImage   *image,
                  const Origins *origins)
{
  g_autofree char *file = escape_for_terminal (byline_image_get_file (image) ? byline_image_get_file (image) : "");

  g_print ("%s  %s%s\n", byline_image_get_uuid (image), file,
           byline_image_get_featured (image) ? _(" (featured)") : "");
  for (guint i = 0; i < G_N_ELEMENTS (credit_fields); i++)
    print_field_text (image, origins, &credit_fields[i]);
  print_permission_text (image);
  if (origins->upload != NULL)
    {
      g_autofree char *reason = escape_for_terminal (origins->upload->last_error ? origins->upload->last_error : "");

      if (origins->upload->state == BYLINE_OUTBOX_FAILED)
        /* Translators: %s says why, such as "The image … is missing" */
        g_print (_("  Upload refused: %s\n"), reason);
      else
        g_print ("  %s\n", _("Upload waiting for the next push"));
    }
  if (byline_image_get_remote_media_id (image) > 0)
    {
      g_autofree char *media_id = g_strdup_printf ("%" G_GINT64_FORMAT, byline_image_get_remote_media_id (image));

      /* Translators: %s is the number of the image in the site's media library */
      g_print (_("  On the site: media %s\n"), media_id);
    }
}

static void
add_field_json (JsonBuilder       *builder,
                BylineImage       *image,
                const Origins     *origins,
                const CreditField *field)
{
  g_autofree char *value = NULL;
  const char *tag = NULL;
  const char *origin;

  g_object_get (image, field->property, &value, NULL);
  origin = origin_of (origins, image, field, value, &tag);
  json_builder_set_member_name (builder, field->json_name);
  json_builder_begin_object (builder);
  add_string (builder, "value", value);
  add_string (builder, "origin", origin);
  add_string (builder, "tag", tag);
  json_builder_end_object (builder);
}

static void
add_permission_json (JsonBuilder *builder,
                     BylineImage *image)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
  GDateTime *expiry = byline_image_get_permission_expiry (image);
  g_autofree char *expiry_text = expiry != NULL ? g_date_time_format_iso8601 (expiry) : NULL;

  add_string (builder, "permission_kind", byline_permission_kind_to_string (byline_image_get_permission_kind (image)));
  add_string (builder, "permission_expiry", expiry_text);
  add_string (builder, "badge", byline_permission_badge_to_string (byline_photo_get_permission_badge (image, now)));
}

static void
add_image_json (JsonBuilder   *builder,
                BylineImage   *image,
                const Origins *origins)
{
  add_string (builder, "image", byline_image_get_uuid (image));
  add_string (builder, "file", byline_image_get_file (image));
  json_builder_set_member_name (builder, "featured");
  json_builder_add_boolean_value (builder, byline_image_get_featured (image));
  json_builder_set_member_name (builder, "fields");
  json_builder_begin_object (builder);
  for (guint i = 0; i < G_N_ELEMENTS (credit_fields); i++)
    add_field_json (builder, image, origins, &credit_fields[i]);
  json_builder_end_object (builder);
  add_permission_json (builder, image);
  json_builder_set_member_name (builder, "remote_media_id");
  json_builder_add_int_value (builder, byline_image_get_remote_media_id (image));
  add_string (builder, "remote_url", byline_image_get_remote_url (image));
  add_string (builder, "upload_state",
              origins->upload != NULL ? byline_outbox_state_to_string (origins->upload->state) : NULL);
  add_string (builder, "upload_error", origins->upload != NULL ? origins->upload->last_error : NULL);
}

/* attach */

/* exiv2 reads the metadata of a file whose image data is broken; the
 * header has to make sense too. */
static gboolean
check_image_header (const char  *path,
                    GError     **error)
{
  int width = 0;
  int height = 0;
  g_autofree char *display_name = NULL;

  if (gdk_pixbuf_get_file_info (path, &width, &height) != NULL && width > 0 && height > 0)
    return TRUE;
  display_name = g_filename_display_name (path);
  g_set_error (error, BYLINE_PHOTO_ERROR, BYLINE_PHOTO_ERROR_INVALID_IMAGE,
               _("“%s” is not an image Byline can read: it is damaged or in an unknown format"), display_name);
  return FALSE;
}

static BylineImage *
image_from_file (BylineStory          *story,
                 const char           *path,
                 BylinePermissionKind  kind,
                 GDateTime            *expiry,
                 Origins              *origins,
                 GError              **error)
{
  g_autoptr (BylineImage) image = byline_image_new (byline_story_get_uuid (story));

  origins->metadata = byline_photo_metadata_read (path, error);
  if (origins->metadata == NULL || !check_image_header (path, error))
    return NULL;

  byline_image_set_file (image, path);
  apply_options (image, kind, expiry);
  byline_photo_metadata_apply (origins->metadata, image);
  if (byline_image_get_credit_line (image) == NULL || *byline_image_get_credit_line (image) == '\0')
    {
      g_autofree char *generated = byline_photo_generate_credit_line (image);

      byline_image_set_credit_line (image, generated);
    }
  origins->generated_credit = byline_photo_generate_credit_line (image);
  origins->from_options = TRUE;
  return g_steal_pointer (&image);
}

static gboolean
attach_one (BylineStore           *store,
            BylineStory           *story,
            const char            *account,
            const char            *path,
            BylinePermissionKind   kind,
            GDateTime             *expiry,
            JsonBuilder           *builder)
{
  g_autofree char *absolute = g_canonicalize_filename (path, NULL);
  g_auto (Origins) origins = { 0 };
  g_autoptr (BylineImage) image = NULL;
  g_autoptr (GError) error = NULL;

  image = image_from_file (story, absolute, kind, expiry, &origins, &error);
  if (image != NULL && byline_store_save_image (store, image, &error))
    byline_store_enqueue_upload (store, image, account, &error);

  if (builder != NULL)
    {
      json_builder_begin_object (builder);
      add_string (builder, "path", path);
      json_builder_set_member_name (builder, "attached");
      json_builder_add_boolean_value (builder, error == NULL);
      add_string (builder, "error", error != NULL ? error->message : NULL);
      if (error == NULL)
        add_image_json (builder, image, &origins);
      json_builder_end_object (builder);
    }
  else if (error != NULL)
    {
      g_autofree char *message = escape_for_terminal (error->message);

      g_printerr (_("byline-sync: %s was not attached: %s\n"), path, message);
    }
  else
    print_image_text (image, &origins);
  return error == NULL;
}

/**
 * byline_sync_attach_files:
 * @n_failed: (out): how many of @files could not be attached
 *
 * Attaches each of @files to @story and queues its upload to @account.
 * A file that cannot be attached leaves the story as it was and does not
 * stop the others.
 *
 * Returns: %FALSE, with @error set, when the options make no sense and
 *   nothing was attached
 */
gboolean
byline_sync_attach_files (BylineStore  *store,
                          BylineStory  *story,
                          const char   *account,
                          char        **files,
                          gboolean      json,
                          guint        *n_failed,
                          GError      **error)
{
  g_autoptr (JsonBuilder) builder = json ? json_builder_new () : NULL;
  g_autoptr (GDateTime) expiry = NULL;
  BylinePermissionKind kind;

  *n_failed = 0;
  if (!parse_permission (&kind, error) || !parse_expiry (&expiry, error))
    return FALSE;

  if (builder != NULL)
    {
      json_builder_begin_object (builder);
      add_string (builder, "story", byline_story_get_uuid (story));
      json_builder_set_member_name (builder, "files");
      json_builder_begin_array (builder);
    }
  for (guint i = 0; files[i] != NULL; i++)
    {
      if (!attach_one (store, story, account, files[i], kind, expiry, builder))
        (*n_failed)++;
    }
  if (builder != NULL)
    {
      json_builder_end_array (builder);
      json_builder_end_object (builder);
      print_json (builder);
    }
  return TRUE;
}

/* images */

static BylineUploadEntry *
find_upload (GPtrArray   *uploads,
             BylineImage *image)
{
  for (guint i = 0; uploads != NULL && i < uploads->len; i++)
    {
      BylineUploadEntry *entry = g_ptr_array_index (uploads, i);

      if (g_str_equal (entry->image_uuid, byline_image_get_uuid (image)))
        return entry;
    }
  return NULL;
}

static void
read_origins (BylineImage *image,
              Origins     *origins)
{
  const char *file = byline_image_get_file (image);

  /* A file moved or deleted since shows no origins, and says why below. */
  if (file != NULL)
    origins->metadata = byline_photo_metadata_read (file, NULL);
  origins->generated_credit = byline_photo_generate_credit_line (image);
}

gboolean
byline_sync_print_images (BylineStore  *store,
                          BylineStory  *story,
                          gboolean      json,
                          GError      **error)
{
  g_autoptr (GListModel) images = byline_store_list_images (store, byline_story_get_uuid (story), error);
  g_autoptr (JsonBuilder) builder = json ? json_builder_new () : NULL;
  g_autoptr (GPtrArray) uploads = byline_store_list_uploads (store, NULL, NULL);

  if (images == NULL)
    return FALSE;
  if (builder != NULL)
    json_builder_begin_array (builder);
  for (guint i = 0; i < g_list_model_get_n_items (images); i++)
    {
      g_autoptr (BylineImage) image = g_list_model_get_item (images, i);
      g_auto (Origins) origins = { 0 };

      read_origins (image, &origins);
      origins.upload = find_upload (uploads, image);
      if (builder != NULL)
        {
          json_builder_begin_object (builder);
          add_image_json (builder, image, &origins);
          json_builder_set_member_name (builder, "file_readable");
          json_builder_add_boolean_value (builder, origins.metadata != NULL);
          json_builder_end_object (builder);
        }
      else
        {
          print_image_text (image, &origins);
          if (origins.metadata == NULL)
            g_print ("  %s\n", _("The file cannot be read now, so where the credits came from is unknown"));
        }
    }
  if (builder != NULL)
    {
      json_builder_end_array (builder);
      print_json (builder);
    }
  else if (g_list_model_get_n_items (images) == 0)
    g_print ("%s\n", _("This story has no images"));
  return TRUE;
}
