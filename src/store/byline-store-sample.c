/* byline-store-sample.c: the sample newsroom shipped with Byline
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>
#include <json-glib/json-glib.h>

#include "byline-sample-resources.h"
#include "byline-store-private.h"
#include "model/byline-author.h"
#include "model/byline-image.h"
#include "model/byline-story.h"
#include "model/byline-update.h"

#define SAMPLE_RESOURCE_PATH "/io/github/byline/Byline/sample/"

static void
ensure_sample_resources (void)
{
  static gsize registered;

  if (g_once_init_enter (&registered))
    {
      byline_sample_register_resource ();
      g_once_init_leave (&registered, 1);
    }
}

static GDateTime *
minutes_ago (JsonObject *object,
             const char *member)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();

  return g_date_time_add_minutes (now, -json_object_get_int_member_with_default (object, member, 0));
}

static JsonArray *
array_member (JsonObject *object,
              const char *member)
{
  if (!json_object_has_member (object, member))
    return NULL;

  return json_object_get_array_member (object, member);
}

static GStrv
string_array (JsonObject *object,
              const char *member)
{
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
  JsonArray *array = array_member (object, member);

  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    g_strv_builder_add (builder, json_array_get_string_element (array, i));

  return g_strv_builder_end (builder);
}

static const char *
string_member (JsonObject *object,
               const char *member)
{
  return json_object_get_string_member_with_default (object, member, NULL);
}

/* Sample photos travel inside the binary; a story's image must be a real
 * file, like one a user attached, so it is written next to the store. */
static char *
install_sample_file (BylineStore  *self,
                     const char   *image_uuid,
                     const char   *name,
                     GError      **error)
{
  g_autofree char *resource = g_strconcat (SAMPLE_RESOURCE_PATH, name, NULL);
  g_autofree char *dir = g_path_get_dirname (byline_store_get_path (self));
  g_autofree char *images_dir = g_build_filename (dir, "images", NULL);
  g_autofree char *extension = g_strdup (strrchr (name, '.'));
  g_autofree char *file_name = g_strconcat (image_uuid, extension ? extension : "", NULL);
  g_autofree char *target = g_build_filename (images_dir, file_name, NULL);
  g_autoptr (GBytes) bytes = g_resources_lookup_data (resource, 0, error);

  if (bytes == NULL)
    return NULL;

  if (g_mkdir_with_parents (images_dir, 0700) != 0 ||
      !g_file_set_contents (target, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), error))
    {
      g_set_error (error, BYLINE_STORE_ERROR, BYLINE_STORE_ERROR_IO,
                   _("Could not write the sample photo to “%s”"), target);
      return NULL;
    }

  return g_steal_pointer (&target);
}

static gboolean
load_sample_image (BylineStore  *self,
                   const char   *story_uuid,
                   JsonObject   *object,
                   GError      **error)
{
  g_autoptr (BylineImage) image = byline_image_new_with_uuid (string_member (object, "uuid"), story_uuid);
  g_autofree char *file = install_sample_file (self, byline_image_get_uuid (image),
                                               string_member (object, "file"), error);

  if (file == NULL)
    return FALSE;

  byline_image_set_file (image, file);
  byline_image_set_caption (image, string_member (object, "caption"));
  byline_image_set_alt_text (image, string_member (object, "alt_text"));
  byline_image_set_credit_line (image, string_member (object, "credit_line"));
  byline_image_set_creator (image, string_member (object, "creator"));
  byline_image_set_copyright_holder (image, string_member (object, "copyright_holder"));
  byline_image_set_source (image, string_member (object, "source"));
  byline_image_set_source_url (image, string_member (object, "source_url"));
  byline_image_set_permission_kind (image,
                                    byline_permission_kind_from_string (string_member (object, "permission_kind")));
  byline_image_set_permission_proof (image, string_member (object, "permission_proof"));
  byline_image_set_usage_terms (image, string_member (object, "usage_terms"));
  byline_image_set_featured (image, json_object_get_boolean_member_with_default (object, "featured", FALSE));

  return byline_store_save_image (self, image, error);
}

static void
add_sample_updates (BylineStory *story,
                    JsonObject  *object)
{
  JsonArray *updates = array_member (object, "updates");

  for (guint i = 0; updates != NULL && i < json_array_get_length (updates); i++)
    {
      JsonObject *entry = json_array_get_object_element (updates, i);
      g_autoptr (GDateTime) posted_at = minutes_ago (entry, "minutes_ago");
      g_autoptr (BylineUpdate) update = byline_update_new (posted_at, string_member (entry, "text"));

      byline_story_add_update (story, update);
    }
}

static BylineStory *
story_from_json (JsonObject *object)
{
  BylineStory *story = byline_story_new_with_uuid (string_member (object, "uuid"));
  g_auto (GStrv) tags = string_array (object, "tags");
  g_auto (GStrv) categories = string_array (object, "categories");
  g_auto (GStrv) related = string_array (object, "related");
  g_autoptr (GDateTime) created = minutes_ago (object, "created_minutes_ago");
  g_autoptr (GDateTime) modified = minutes_ago (object, "modified_minutes_ago");
  BylineStoryStatus status = BYLINE_STORY_STATUS_DRAFT;

  byline_story_status_from_string (string_member (object, "status"), &status);
  byline_story_set_headline (story, string_member (object, "headline"));
  byline_story_set_dek (story, string_member (object, "dek"));
  byline_story_set_byline (story, string_member (object, "byline"));
  byline_story_set_body (story, string_member (object, "body"));
  byline_story_set_status (story, status);
  byline_story_set_tags (story, (const char * const *) tags);
  byline_story_set_categories (story, (const char * const *) categories);
  byline_story_set_related (story, (const char * const *) related);
  byline_story_set_created (story, created);
  byline_story_set_modified (story, modified);
  add_sample_updates (story, object);

  return story;
}

static gboolean
load_sample_story (BylineStore  *self,
                   JsonObject   *object,
                   GError      **error)
{
  g_autoptr (BylineStory) story = story_from_json (object);
  JsonArray *images = array_member (object, "images");

  /* Loading the sample again adds only what is missing, and never
   * overwrites what the user has done with the sample stories. */
  if (byline_store_find_story (self, byline_story_get_uuid (story)) != NULL)
    return TRUE;

  if (!byline_store_save_story (self, story, error))
    return FALSE;

  for (guint i = 0; images != NULL && i < json_array_get_length (images); i++)
    {
      if (!load_sample_image (self, byline_story_get_uuid (story),
                              json_array_get_object_element (images, i), error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
load_sample_authors (BylineStore  *self,
                     JsonObject   *root,
                     GError      **error)
{
  JsonArray *authors = array_member (root, "authors");

  for (guint i = 0; authors != NULL && i < json_array_get_length (authors); i++)
    {
      JsonObject *object = json_array_get_object_element (authors, i);
      g_autoptr (BylineAuthor) author = byline_author_new (string_member (object, "name"),
                                                           string_member (object, "bio"));

      if (!byline_store_save_author (self, author, error))
        return FALSE;
    }

  return TRUE;
}

/**
 * byline_store_load_sample:
 *
 * Adds the sample newsroom: a few stories in every status, their authors
 * and a credited photo, so that a new user sees Byline at work.
 */
gboolean
byline_store_load_sample (BylineStore  *self,
                          GError      **error)
{
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (JsonParser) parser = json_parser_new ();
  JsonObject *root;
  JsonArray *stories;

  g_return_val_if_fail (BYLINE_IS_STORE (self), FALSE);

  ensure_sample_resources ();
  bytes = g_resources_lookup_data (SAMPLE_RESOURCE_PATH "newsroom.json", 0, error);
  if (bytes == NULL ||
      !json_parser_load_from_data (parser, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), error))
    return FALSE;

  root = json_node_get_object (json_parser_get_root (parser));
  if (!load_sample_authors (self, root, error))
    return FALSE;

  stories = array_member (root, "stories");
  for (guint i = 0; stories != NULL && i < json_array_get_length (stories); i++)
    {
      if (!load_sample_story (self, json_array_get_object_element (stories, i), error))
        return FALSE;
    }

  return TRUE;
}
