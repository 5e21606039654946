/* byline-remote-post.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "store/byline-related.h"
#include "store/byline-workflow.h"

#include "byline-cms-client.h"
#include "byline-json-private.h"
#include "byline-remote-post.h"

struct _BylineRemotePost
{
  GObject  parent_instance;

  gint64   id;
  gint64   author;
  gint64   featured_media;
  char    *status;
  char    *title;
  char    *excerpt;
  char    *content;
  char    *modified_gmt;
  char    *date_gmt;
  char    *client_uuid;
  /* The byline_history meta, a JSON array; NULL when the site keeps none */
  char    *history;
  char    *author_name;
  /* NULL means "leave the terms as they are on the server". */
  GArray  *tags;
  GArray  *categories;
  /* Read with context=view: the account may see the post but not edit it,
   * and its text came only rendered, so it is not kept. */
  gboolean read_only;
};

G_DEFINE_FINAL_TYPE (BylineRemotePost, byline_remote_post, G_TYPE_OBJECT)

#define CLIENT_UUID_META "byline_client_uuid"
#define HISTORY_META "byline_history"
#define DATE_GMT_FORMAT "%Y-%m-%dT%H:%M:%S"

/* WordPress's names, in the order of BylineStoryStatus. */
static const char * const remote_statuses[] = {
  "draft", "pending", "future", "publish", "private",
};

static void
byline_remote_post_finalize (GObject *object)
{
  BylineRemotePost *self = (BylineRemotePost *) object;

  g_clear_pointer (&self->status, g_free);
  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->excerpt, g_free);
  g_clear_pointer (&self->content, g_free);
  g_clear_pointer (&self->modified_gmt, g_free);
  g_clear_pointer (&self->date_gmt, g_free);
  g_clear_pointer (&self->client_uuid, g_free);
  g_clear_pointer (&self->history, g_free);
  g_clear_pointer (&self->author_name, g_free);
  g_clear_pointer (&self->tags, g_array_unref);
  g_clear_pointer (&self->categories, g_array_unref);

  G_OBJECT_CLASS (byline_remote_post_parent_class)->finalize (object);
}

static void
byline_remote_post_class_init (BylineRemotePostClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = byline_remote_post_finalize;
}

static void
byline_remote_post_init (BylineRemotePost *self)
{
  self->status = g_strdup ("draft");
  self->title = g_strdup ("");
  self->excerpt = g_strdup ("");
  self->content = g_strdup ("");
}

BylineRemotePost *
byline_remote_post_new (void)
{
  return g_object_new (BYLINE_TYPE_REMOTE_POST, NULL);
}

const char *
byline_remote_post_status_from_story (BylineStoryStatus status)
{
  g_return_val_if_fail (status < G_N_ELEMENTS (remote_statuses), NULL);

  return remote_statuses[status];
}

gboolean
byline_remote_post_status_to_story (const char        *remote_status,
                                    BylineStoryStatus *status)
{
  g_return_val_if_fail (status != NULL, FALSE);

  for (guint i = 0; remote_status != NULL && i < G_N_ELEMENTS (remote_statuses); i++)
    {
      if (g_str_equal (remote_status, remote_statuses[i]))
        {
          *status = (BylineStoryStatus) i;
          return TRUE;
        }
    }

  return FALSE;
}

static GArray *
id_array_new (const gint64 *ids,
              guint         n_ids)
{
  GArray *array = g_array_sized_new (FALSE, FALSE, sizeof (gint64), n_ids);

  g_array_append_vals (array, ids, n_ids);
  return array;
}

static GArray *
id_array_from_json (JsonArray *json)
{
  GArray *array = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (guint i = 0; json != NULL && i < json_array_get_length (json); i++)
    {
      JsonNode *element = json_array_get_element (json, i);

      if (JSON_NODE_HOLDS_VALUE (element) && json_node_get_value_type (element) == G_TYPE_INT64)
        {
          gint64 id = json_node_get_int (element);
          g_array_append_val (array, id);
        }
    }

  return array;
}

/* With context=edit WordPress gives {"raw": …, "rendered": …}; only the raw
 * text round-trips, so a rendered-only answer is refused rather than used. */
static char *
raw_field (JsonObject  *object,
           const char  *member,
           gboolean     required,
           GError     **error)
{
  JsonObject *field = byline_json_object_get_object (object, member);
  const char *raw = field ? byline_json_object_get_string (field, "raw") : NULL;

  if (raw != NULL)
    return g_strdup (raw);
  if (!required)
    return g_strdup ("");

  g_set_error (error, BYLINE_CMS_ERROR, BYLINE_CMS_ERROR_BAD_RESPONSE,
               _("The server sent a post without its raw “%s” (is context=edit allowed?)"), member);
  return NULL;
}

static gboolean
read_text_fields (BylineRemotePost  *self,
                  JsonObject        *object,
                  GError           **error)
{
  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->content, g_free);
  g_clear_pointer (&self->excerpt, g_free);

  self->title = raw_field (object, "title", TRUE, error);
  if (self->title == NULL)
    return FALSE;
  self->content = raw_field (object, "content", TRUE, error);
  if (self->content == NULL)
    return FALSE;
  self->excerpt = raw_field (object, "excerpt", FALSE, error);
  return TRUE;
}

static gboolean
is_blank (const char *text)
{
  return text == NULL || *text == '\0';
}

/* The author's display name, when the listing embedded it (_embed=author);
 * an author the account may not see comes as an error object, without one. */
static const char *
embedded_author_name (JsonObject *object)
{
  JsonObject *embedded = byline_json_object_get_object (object, "_embedded");
  JsonArray *authors = embedded ? byline_json_object_get_array (embedded, "author") : NULL;
  JsonNode *first = authors && json_array_get_length (authors) > 0 ? json_array_get_element (authors, 0) : NULL;

  if (first == NULL || !JSON_NODE_HOLDS_OBJECT (first))
    return NULL;
  return byline_json_object_get_string (json_node_get_object (first), "name");
}

static void
read_optional_fields (BylineRemotePost *self,
                      JsonObject       *object)
{
  JsonObject *meta = byline_json_object_get_object (object, "meta");
  const char *client_uuid = meta ? byline_json_object_get_string (meta, CLIENT_UUID_META) : NULL;
  const char *history = meta ? byline_json_object_get_string (meta, HISTORY_META) : NULL;

  self->author = byline_json_object_get_int (object, "author", 0);
  self->featured_media = byline_json_object_get_int (object, "featured_media", 0);
  self->modified_gmt = g_strdup (byline_json_object_get_string (object, "modified_gmt"));
  self->date_gmt = g_strdup (byline_json_object_get_string (object, "date_gmt"));
  if (client_uuid != NULL && *client_uuid != '\0')
    self->client_uuid = g_strdup (client_uuid);
  self->history = g_strdup (history);
  self->author_name = g_strdup (embedded_author_name (object));
  self->tags = id_array_from_json (byline_json_object_get_array (object, "tags"));
  self->categories = id_array_from_json (byline_json_object_get_array (object, "categories"));
}

static BylineRemotePost *
post_from_json (JsonNode  *node,
                gboolean   read_only,
                GError   **error)
{
  g_autoptr (BylineRemotePost) self = NULL;
  JsonObject *object;
  const char *status;

  g_return_val_if_fail (node != NULL, NULL);

  self = byline_remote_post_new ();
  object = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
  status = object ? byline_json_object_get_string (object, "status") : NULL;
  self->id = object ? byline_json_object_get_int (object, "id", 0) : 0;
  if (self->id <= 0 || status == NULL)
    {
      g_set_error_literal (error, BYLINE_CMS_ERROR, BYLINE_CMS_ERROR_BAD_RESPONSE,
                           _("The server sent something that is not a post"));
      return NULL;
    }

  byline_remote_post_set_status (self, status);
  self->read_only = read_only;
  if (!read_only && !read_text_fields (self, object, error))
    return NULL;
  read_optional_fields (self, object);

  return g_steal_pointer (&self);
}

BylineRemotePost *
byline_remote_post_new_from_json (JsonNode  *node,
                                  GError   **error)
{
  return post_from_json (node, FALSE, error);
}

/**
 * byline_remote_post_new_from_view_json:
 *
 * A post as an account that may read it but not edit it gets it: status,
 * dates, terms and meta, without the text (only rendered there, which does
 * not round-trip).
 */
BylineRemotePost *
byline_remote_post_new_from_view_json (JsonNode  *node,
                                       GError   **error)
{
  return post_from_json (node, TRUE, error);
}

gboolean
byline_remote_post_get_read_only (BylineRemotePost *self)
{
  g_return_val_if_fail (BYLINE_IS_REMOTE_POST (self), FALSE);

  return self->read_only;
}

BylineRemotePost *
byline_remote_post_new_from_story (BylineStory *story)
{
  BylineRemotePost *self;

  g_return_val_if_fail (BYLINE_IS_STORY (story), NULL);

  self = byline_remote_post_new ();
  self->id = byline_story_get_remote_id (story);
  byline_remote_post_set_status (self, byline_remote_post_status_from_story (byline_story_get_status (story)));
  byline_remote_post_set_title (self, byline_story_get_headline (story));
  byline_remote_post_set_excerpt (self, byline_story_get_dek (story));
  byline_remote_post_set_content (self, byline_story_get_body (story));
  byline_remote_post_set_client_uuid (self, byline_story_get_uuid (story));
  self->modified_gmt = g_strdup (byline_story_get_remote_modified (story));

  return self;
}

static char *
format_date_gmt (GDateTime *date_time)
{
  g_autoptr (GDateTime) utc = g_date_time_to_utc (date_time);

  return g_date_time_format (utc, DATE_GMT_FORMAT);
}

/* A scheduled story goes live at its scheduled time; a published one keeps
 * the time it was published, which also takes back a schedule made before.
 * Without either in the history, the site's date stays. */
static GDateTime *
date_to_send (BylineStore *store,
              BylineStory *story)
{
  const char *uuid = byline_story_get_uuid (story);

  switch (byline_story_get_status (story))
    {
    case BYLINE_STORY_STATUS_SCHEDULED:
      return byline_workflow_get_scheduled_date (store, uuid);
    case BYLINE_STORY_STATUS_PUBLISHED:
      return byline_workflow_get_published_date (store, uuid);
    default:
      return NULL;
    }
}

/**
 * byline_remote_post_new_for_push:
 *
 * The post as a push sends it: the story, its related stories listed at the
 * end of the body, the date the workflow decided and the history. The
 * story's own body never holds the list.
 *
 * Returns: (transfer full): the post
 */
BylineRemotePost *
byline_remote_post_new_for_push (BylineStore *store,
                                 BylineStory *story)
{
  BylineRemotePost *self;
  g_autoptr (GDateTime) date = NULL;

  g_return_val_if_fail (BYLINE_IS_STORE (store), NULL);
  g_return_val_if_fail (BYLINE_IS_STORY (story), NULL);

  self = byline_remote_post_new_from_story (story);
  g_free (self->content);
  self->content = byline_related_export_body (store, story);
  date = date_to_send (store, story);
  if (date != NULL)
    self->date_gmt = format_date_gmt (date);
  self->history = byline_workflow_history_json_for_story (store, byline_story_get_uuid (story));
  return self;
}

/**
 * byline_remote_post_dup_story_body:
 *
 * Returns: (transfer full): the content as the story keeps it, without the
 * related stories a push listed at its end
 */
char *
byline_remote_post_dup_story_body (BylineRemotePost *self)
{
  g_return_val_if_fail (BYLINE_IS_REMOTE_POST (self), NULL);

  return byline_related_strip_list (self->content);
}

/* The story keeps its local identity (uuid, account, byline, timestamps);
 * only what the server is the authority for is taken over. Terms are ids here
 * and names in the story, so mapping them is left to the sync engine. */
void
byline_remote_post_apply_to_story (BylineRemotePost *self,
                                   BylineStory      *story)
{
  BylineStoryStatus status;
  g_autofree char *body = NULL;

  g_return_if_fail (BYLINE_IS_REMOTE_POST (self));
  g_return_if_fail (BYLINE_IS_STORY (story));

  body = byline_remote_post_dup_story_body (self);
  byline_story_set_remote_id (story, self->id);
  byline_story_set_headline (story, self->title);
  byline_story_set_dek (story, self->excerpt);
  byline_story_set_body (story, body);
  if (byline_remote_post_status_to_story (self->status, &status))
    byline_story_set_status (story, status);
  byline_story_set_remote_modified (story, self->modified_gmt);
  /* A story written on the site gets its author as byline; a byline the
   * writer set here is theirs to keep. */
  if (!is_blank (self->author_name) && is_blank (byline_story_get_byline (story)))
    byline_story_set_byline (story, self->author_name);
}

static void
add_id_array (JsonBuilder *builder,
              const char  *member,
              GArray      *ids)
{
  if (ids == NULL)
    return;

  json_builder_set_member_name (builder, member);
  json_builder_begin_array (builder);
  for (guint i = 0; i < ids->len; i++)
    json_builder_add_int_value (builder, g_array_index (ids, gint64, i));
  json_builder_end_array (builder);
}

static void
add_string (JsonBuilder *builder,
            const char  *member,
            const char  *value)
{
  json_builder_set_member_name (builder, member);
  json_builder_add_string_value (builder, value);
}

static void
add_optional_int (JsonBuilder *builder,
                  const char  *member,
                  gint64       value)
{
  if (value <= 0)
    return;

  json_builder_set_member_name (builder, member);
  json_builder_add_int_value (builder, value);
}

static void
add_companion_meta (JsonBuilder      *builder,
                    BylineRemotePost *self)
{
  if (self->client_uuid == NULL && self->history == NULL)
    return;

  json_builder_set_member_name (builder, "meta");
  json_builder_begin_object (builder);
  if (self->client_uuid != NULL)
    add_string (builder, CLIENT_UUID_META, self->client_uuid);
  if (self->history != NULL)
    add_string (builder, HISTORY_META, self->history);
  json_builder_end_object (builder);
}

/* The body of a create or update request. The client UUID and the history
 * are only sent to sites that registered their meta fields (the companion
 * plugin): WordPress refuses a request with unknown meta. */
JsonNode *
byline_remote_post_to_json (BylineRemotePost *self,
                            gboolean          with_companion_meta)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();

  g_return_val_if_fail (BYLINE_IS_REMOTE_POST (self), NULL);

  json_builder_begin_object (builder);
  add_string (builder, "status", self->status);
  add_string (builder, "title", self->title);
  add_string (builder, "excerpt", self->excerpt);
  add_string (builder, "content", self->content);
  if (self->date_gmt != NULL)
    add_string (builder, "date_gmt", self->date_gmt);
  add_optional_int (builder, "author", self->author);
  add_optional_int (builder, "featured_media", self->featured_media);
  add_id_array (builder, "tags", self->tags);
  add_id_array (builder, "categories", self->categories);
  if (with_companion_meta)
    add_companion_meta (builder, self);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

gint64
byline_remote_post_get_id (BylineRemotePost *self)
{
  g_return_val_if_fail (BYLINE_IS_REMOTE_POST (self), 0);

  return self->id;
}

void
byline_remote_post_set_id (BylineRemotePost *self,
                           gint64            id)
{
  g_return_if_fail (BYLINE_IS_REMOTE_POST (self));

  self->id = id;
}

const char *
byline_remote_post_get_status (BylineRemotePost *self)
{
  g_return_val_if_fail (BYLINE_IS_REMOTE_POST (self), NULL);

  return self->status;
}

void
byline_remote_post_set_status (BylineRemotePost *self,
                               const char       *status)
{
  g_return_if_fail (BYLINE_IS_REMOTE_POST (self));
  g_return_if_fail (status != NULL);

  g_free (self->status);
  self->status = g_strdup (status);
}

const char *
byline_remote_post_get_title (BylineRemotePost *self)
{
  g_return_val_if_fail (BYLINE_IS_REMOTE_POST (self), NULL);

  return self->title;
}

void
byline_remote_post_set_title (BylineRemotePost *self,
                              const char       *title)
{
  g_return_if_fail (BYLINE_IS_REMOTE_POST (self));

  g_free (self->title);
  self->title = g_strdup (title ? title : "");
}

const char *
byline_remote_post_get_excerpt (BylineRemotePost *self)
{
  g_return_val_if_fail (BYLINE_IS_REMOTE_POST (self), NULL);

  return self->excerpt;
}

void
byline_remote_post_set_excerpt (BylineRemotePost *self,
                                const char       *excerpt)
{
  g_return_if_fail (BYLINE_IS_REMOTE_POST (self));

  g_free (self->excerpt);
  self->excerpt = g_strdup (excerpt ? excerpt : "");
}

const char *
byline_remote_post_get_content (BylineRemotePost *self)
{
  g_return_val_if_fail (BYLINE_IS_REMOTE_POST (self), NULL);

  return self->content;
}

void
byline_remote_post_set_content (BylineRemotePost *self,
                                const char       *content)
{
  g_return_if_fail (BYLINE_IS_REMOTE_POST (self));

  g_free (self->content);
  self->content = g_strdup (content ? content : "");
}

const char *
byline_remote_post_get_modified_gmt (BylineRemotePost *self)
{
  g_return_val_if_fail (BYLINE_IS_REMOTE_POST (self), NULL);

  return self->modified_gmt;
}

const char *
byline_remote_post_get_date_gmt (BylineRemotePost *self)
{
  g_return_val_if_fail (BYLINE_IS_REMOTE_POST (self), NULL);

  return self->date_gmt;
}

void
byline_remote_post_set_date_gmt (BylineRemotePost *self,
                                 const char       *date_gmt)
{
  g_return_if_fail (BYLINE_IS_REMOTE_POST (self));

  g_free (self->date_gmt);
  self->date_gmt = g_strdup (date_gmt);
}

gint64
byline_remote_post_get_author (BylineRemotePost *self)
{
  g_return_val_if_fail (BYLINE_IS_REMOTE_POST (self), 0);

  return self->author;
}

void
byline_remote_post_set_author (BylineRemotePost *self,
                               gint64            author)
{
  g_return_if_fail (BYLINE_IS_REMOTE_POST (self));

  self->author = author;
}

gint64
byline_remote_post_get_featured_media (BylineRemotePost *self)
{
  g_return_val_if_fail (BYLINE_IS_REMOTE_POST (self), 0);

  return self->featured_media;
}

void
byline_remote_post_set_featured_media (BylineRemotePost *self,
                                       gint64            media_id)
{
  g_return_if_fail (BYLINE_IS_REMOTE_POST (self));

  self->featured_media = media_id;
}

/* Returns NULL when the terms are unknown (and left alone on update). */
GArray *
byline_remote_post_get_tags (BylineRemotePost *self)
{
  g_return_val_if_fail (BYLINE_IS_REMOTE_POST (self), NULL);

  return self->tags;
}

void
byline_remote_post_set_tags (BylineRemotePost *self,
                             const gint64     *ids,
                             guint             n_ids)
{
  g_return_if_fail (BYLINE_IS_REMOTE_POST (self));
  g_return_if_fail (ids != NULL || n_ids == 0);

  g_clear_pointer (&self->tags, g_array_unref);
  self->tags = id_array_new (ids, n_ids);
}

GArray *
byline_remote_post_get_categories (BylineRemotePost *self)
{
  g_return_val_if_fail (BYLINE_IS_REMOTE_POST (self), NULL);

  return self->categories;
}

void
byline_remote_post_set_categories (BylineRemotePost *self,
                                   const gint64     *ids,
                                   guint             n_ids)
{
  g_return_if_fail (BYLINE_IS_REMOTE_POST (self));
  g_return_if_fail (ids != NULL || n_ids == 0);

  g_clear_pointer (&self->categories, g_array_unref);
  self->categories = id_array_new (ids, n_ids);
}

const char *
byline_remote_post_get_client_uuid (BylineRemotePost *self)
{
  g_return_val_if_fail (BYLINE_IS_REMOTE_POST (self), NULL);

  return self->client_uuid;
}

void
byline_remote_post_set_client_uuid (BylineRemotePost *self,
                                    const char       *client_uuid)
{
  g_return_if_fail (BYLINE_IS_REMOTE_POST (self));

  g_free (self->client_uuid);
  self->client_uuid = g_strdup (client_uuid);
}

/* Returns NULL when the site keeps no history (no companion plugin). */
const char *
byline_remote_post_get_history (BylineRemotePost *self)
{
  g_return_val_if_fail (BYLINE_IS_REMOTE_POST (self), NULL);

  return self->history;
}

void
byline_remote_post_set_history (BylineRemotePost *self,
                                const char       *history_json)
{
  g_return_if_fail (BYLINE_IS_REMOTE_POST (self));

  g_free (self->history);
  self->history = g_strdup (history_json);
}
