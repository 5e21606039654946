/* byline-story.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "byline-enums.h"
#include "byline-story-private.h"
#include "byline-update.h"

struct _BylineStory
{
  GObject            parent_instance;

  char              *uuid;
  gint64             remote_id;
  char              *account;
  char              *headline;
  char              *dek;
  char              *body;
  char              *byline;
  GStrv              tags;
  GStrv              categories;
  GStrv              related;
  GDateTime         *created;
  GDateTime         *modified;
  char              *remote_modified;
  char              *language;
  GListStore        *updates;
  /* Casefolded headline, byline and tags, built on first search so that
   * filtering a long list costs one substring search per story. */
  char              *search_key;
  BylineStoryStatus  status;
  guint              dirty : 1;
  guint              body_loaded : 1;
};

G_DEFINE_FINAL_TYPE (BylineStory, byline_story, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_UUID,
  PROP_REMOTE_ID,
  PROP_ACCOUNT,
  PROP_HEADLINE,
  PROP_DEK,
  PROP_BODY,
  PROP_BODY_LOADED,
  PROP_BYLINE,
  PROP_STATUS,
  PROP_TAGS,
  PROP_CATEGORIES,
  PROP_RELATED,
  PROP_CREATED,
  PROP_MODIFIED,
  PROP_REMOTE_MODIFIED,
  PROP_DIRTY,
  PROP_LANGUAGE,
  PROP_UPDATES,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Bumped whenever any story's search text or status changes, so that an
 * index over many stories can tell it is stale without visiting each. */
static int filter_generation;

static gboolean
replace_string (BylineStory *self,
                char       **field,
                const char  *value,
                guint        prop_id)
{
  if (g_strcmp0 (*field, value) == 0)
    return FALSE;

  g_free (*field);
  *field = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
  return TRUE;
}

static gboolean
strv_equal0 (const char * const *a,
             const char * const *b)
{
  if (a == NULL || b == NULL)
    return (a == NULL || a[0] == NULL) && (b == NULL || b[0] == NULL);

  return g_strv_equal (a, b);
}

static gboolean
replace_strv (BylineStory        *self,
              GStrv              *field,
              const char * const *value,
              guint               prop_id)
{
  if (strv_equal0 ((const char * const *) *field, value))
    return FALSE;

  g_strfreev (*field);
  *field = g_strdupv ((char **) value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
  return TRUE;
}

static gboolean
replace_date_time (BylineStory *self,
                   GDateTime  **field,
                   GDateTime   *value,
                   guint        prop_id)
{
  if (*field == value || (*field != NULL && value != NULL && g_date_time_equal (*field, value)))
    return FALSE;

  g_clear_pointer (field, g_date_time_unref);
  *field = value != NULL ? g_date_time_ref (value) : NULL;
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
  return TRUE;
}

static void
byline_story_finalize (GObject *object)
{
  BylineStory *self = (BylineStory *) object;

  g_clear_pointer (&self->uuid, g_free);
  g_clear_pointer (&self->account, g_free);
  g_clear_pointer (&self->headline, g_free);
  g_clear_pointer (&self->dek, g_free);
  g_clear_pointer (&self->body, g_free);
  g_clear_pointer (&self->byline, g_free);
  g_clear_pointer (&self->tags, g_strfreev);
  g_clear_pointer (&self->categories, g_strfreev);
  g_clear_pointer (&self->related, g_strfreev);
  g_clear_pointer (&self->created, g_date_time_unref);
  g_clear_pointer (&self->modified, g_date_time_unref);
  g_clear_pointer (&self->remote_modified, g_free);
  g_clear_pointer (&self->language, g_free);
  g_clear_pointer (&self->search_key, g_free);
  g_clear_object (&self->updates);

  G_OBJECT_CLASS (byline_story_parent_class)->finalize (object);
}

static void
byline_story_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  BylineStory *self = BYLINE_STORY (object);

  switch (prop_id)
    {
    case PROP_UUID:
      g_value_set_string (value, self->uuid);
      break;
    case PROP_REMOTE_ID:
      g_value_set_int64 (value, self->remote_id);
      break;
    case PROP_ACCOUNT:
      g_value_set_string (value, self->account);
      break;
    case PROP_HEADLINE:
      g_value_set_string (value, self->headline);
      break;
    case PROP_DEK:
      g_value_set_string (value, self->dek);
      break;
    case PROP_BODY:
      g_value_set_string (value, self->body);
      break;
    case PROP_BODY_LOADED:
      g_value_set_boolean (value, self->body_loaded);
      break;
    case PROP_BYLINE:
      g_value_set_string (value, self->byline);
      break;
    case PROP_STATUS:
      g_value_set_enum (value, self->status);
      break;
    case PROP_TAGS:
      g_value_set_boxed (value, self->tags);
      break;
    case PROP_CATEGORIES:
      g_value_set_boxed (value, self->categories);
      break;
    case PROP_RELATED:
      g_value_set_boxed (value, self->related);
      break;
    case PROP_CREATED:
      g_value_set_boxed (value, self->created);
      break;
    case PROP_MODIFIED:
      g_value_set_boxed (value, self->modified);
      break;
    case PROP_REMOTE_MODIFIED:
      g_value_set_string (value, self->remote_modified);
      break;
    case PROP_DIRTY:
      g_value_set_boolean (value, self->dirty);
      break;
    case PROP_LANGUAGE:
      g_value_set_string (value, byline_story_get_language (self));
      break;
    case PROP_UPDATES:
      g_value_set_object (value, byline_story_get_updates (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
byline_story_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  BylineStory *self = BYLINE_STORY (object);

  switch (prop_id)
    {
    case PROP_UUID:
      self->uuid = g_value_dup_string (value);
      break;
    case PROP_REMOTE_ID:
      byline_story_set_remote_id (self, g_value_get_int64 (value));
      break;
    case PROP_ACCOUNT:
      byline_story_set_account (self, g_value_get_string (value));
      break;
    case PROP_HEADLINE:
      byline_story_set_headline (self, g_value_get_string (value));
      break;
    case PROP_DEK:
      byline_story_set_dek (self, g_value_get_string (value));
      break;
    case PROP_BODY:
      byline_story_set_body (self, g_value_get_string (value));
      break;
    case PROP_BYLINE:
      byline_story_set_byline (self, g_value_get_string (value));
      break;
    case PROP_STATUS:
      byline_story_set_status (self, g_value_get_enum (value));
      break;
    case PROP_TAGS:
      byline_story_set_tags (self, g_value_get_boxed (value));
      break;
    case PROP_CATEGORIES:
      byline_story_set_categories (self, g_value_get_boxed (value));
      break;
    case PROP_RELATED:
      byline_story_set_related (self, g_value_get_boxed (value));
      break;
    case PROP_CREATED:
      byline_story_set_created (self, g_value_get_boxed (value));
      break;
    case PROP_MODIFIED:
      byline_story_set_modified (self, g_value_get_boxed (value));
      break;
    case PROP_REMOTE_MODIFIED:
      byline_story_set_remote_modified (self, g_value_get_string (value));
      break;
    case PROP_DIRTY:
      byline_story_set_dirty (self, g_value_get_boolean (value));
      break;
    case PROP_LANGUAGE:
      byline_story_set_language (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
byline_story_constructed (GObject *object)
{
  BylineStory *self = BYLINE_STORY (object);

  G_OBJECT_CLASS (byline_story_parent_class)->constructed (object);

  if (self->uuid == NULL)
    self->uuid = g_uuid_string_random ();
}

static GParamSpec *
string_param (const char *name)
{
  return g_param_spec_string (name, NULL, NULL, NULL,
                              G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
}

static GParamSpec *
boxed_param (const char *name,
             GType       type)
{
  return g_param_spec_boxed (name, NULL, NULL, type,
                             G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
}

static void
byline_story_class_init (BylineStoryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = byline_story_constructed;
  object_class->finalize = byline_story_finalize;
  object_class->get_property = byline_story_get_property;
  object_class->set_property = byline_story_set_property;

  properties[PROP_UUID] =
    g_param_spec_string ("uuid", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_REMOTE_ID] =
    g_param_spec_int64 ("remote-id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ACCOUNT] = string_param ("account");
  properties[PROP_HEADLINE] = string_param ("headline");
  properties[PROP_DEK] = string_param ("dek");
  properties[PROP_BODY] = string_param ("body");
  properties[PROP_BODY_LOADED] =
    g_param_spec_boolean ("body-loaded", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_BYLINE] = string_param ("byline");
  properties[PROP_STATUS] =
    g_param_spec_enum ("status", NULL, NULL,
                       BYLINE_TYPE_STORY_STATUS, BYLINE_STORY_STATUS_DRAFT,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TAGS] = boxed_param ("tags", G_TYPE_STRV);
  properties[PROP_CATEGORIES] = boxed_param ("categories", G_TYPE_STRV);
  properties[PROP_RELATED] = boxed_param ("related", G_TYPE_STRV);
  properties[PROP_CREATED] = boxed_param ("created", G_TYPE_DATE_TIME);
  properties[PROP_MODIFIED] = boxed_param ("modified", G_TYPE_DATE_TIME);
  properties[PROP_REMOTE_MODIFIED] = string_param ("remote-modified");
  properties[PROP_DIRTY] =
    g_param_spec_boolean ("dirty", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LANGUAGE] = string_param ("language");
  properties[PROP_UPDATES] =
    g_param_spec_object ("updates", NULL, NULL, G_TYPE_LIST_MODEL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
byline_story_init (BylineStory *self)
{
}

BylineStory *
byline_story_new (void)
{
  return g_object_new (BYLINE_TYPE_STORY, NULL);
}

BylineStory *
byline_story_new_with_uuid (const char *uuid)
{
  g_return_val_if_fail (uuid != NULL, NULL);

  return g_object_new (BYLINE_TYPE_STORY, "uuid", uuid, NULL);
}

/**
 * byline_story_new_from_summary:
 * @summary: the story's fields; its tags and categories are taken, set to %NULL
 *
 * Builds a story the store has read, without the notification per property
 * that setting each field would send: nothing can be listening to a story
 * that does not exist yet, and a newsroom loads thousands of them.
 *
 * Returns: (transfer full): the story
 */
BylineStory *
byline_story_new_from_summary (BylineStorySummary *summary)
{
  BylineStory *self;

  g_return_val_if_fail (summary != NULL && summary->uuid != NULL, NULL);
  g_return_val_if_fail (summary->status <= BYLINE_STORY_STATUS_PRIVATE, NULL);

  self = g_object_new (BYLINE_TYPE_STORY, "uuid", summary->uuid, NULL);
  self->remote_id = summary->remote_id;
  self->account = g_strdup (summary->account);
  self->headline = g_strdup (summary->headline);
  self->dek = g_strdup (summary->dek);
  self->byline = g_strdup (summary->byline);
  self->status = summary->status;
  self->tags = g_steal_pointer (&summary->tags);
  self->categories = g_steal_pointer (&summary->categories);
  self->created = summary->created != NULL ? g_date_time_ref (summary->created) : NULL;
  self->modified = summary->modified != NULL ? g_date_time_ref (summary->modified) : NULL;
  self->remote_modified = g_strdup (summary->remote_modified);
  self->dirty = !!summary->dirty;
  if (summary->language != NULL && summary->language[0] != '\0')
    self->language = g_strdup (summary->language);

  return self;
}

/* A snapshot that can be handed to another thread while the editor keeps
 * changing the original. */
BylineStory *
byline_story_copy (BylineStory *self)
{
  BylineStory *copy;

  g_return_val_if_fail (BYLINE_IS_STORY (self), NULL);

  copy = byline_story_new_with_uuid (self->uuid);
  copy->remote_id = self->remote_id;
  copy->account = g_strdup (self->account);
  copy->headline = g_strdup (self->headline);
  copy->dek = g_strdup (self->dek);
  copy->body = g_strdup (self->body);
  copy->body_loaded = self->body_loaded;
  copy->byline = g_strdup (self->byline);
  copy->status = self->status;
  copy->tags = g_strdupv (self->tags);
  copy->categories = g_strdupv (self->categories);
  copy->related = g_strdupv (self->related);
  copy->created = self->created ? g_date_time_ref (self->created) : NULL;
  copy->modified = self->modified ? g_date_time_ref (self->modified) : NULL;
  copy->remote_modified = g_strdup (self->remote_modified);
  copy->dirty = self->dirty;
  copy->language = g_strdup (self->language);
  for (guint i = 0; self->updates && i < g_list_model_get_n_items (G_LIST_MODEL (self->updates)); i++)
    {
      g_autoptr (BylineUpdate) update = g_list_model_get_item (G_LIST_MODEL (self->updates), i);
      byline_story_add_update (copy, update);
    }

  return copy;
}

const char *
byline_story_get_uuid (BylineStory *self)
{
  g_return_val_if_fail (BYLINE_IS_STORY (self), NULL);

  return self->uuid;
}

gint64
byline_story_get_remote_id (BylineStory *self)
{
  g_return_val_if_fail (BYLINE_IS_STORY (self), 0);

  return self->remote_id;
}

void
byline_story_set_remote_id (BylineStory *self,
                            gint64       remote_id)
{
  g_return_if_fail (BYLINE_IS_STORY (self));

  if (self->remote_id == remote_id)
    return;

  self->remote_id = remote_id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REMOTE_ID]);
}

const char *
byline_story_get_account (BylineStory *self)
{
  g_return_val_if_fail (BYLINE_IS_STORY (self), NULL);

  return self->account;
}

void
byline_story_set_account (BylineStory *self,
                          const char  *account)
{
  g_return_if_fail (BYLINE_IS_STORY (self));

  replace_string (self, &self->account, account, PROP_ACCOUNT);
}

static void
forget_search_key (BylineStory *self)
{
  g_clear_pointer (&self->search_key, g_free);
  g_atomic_int_inc (&filter_generation);
}

const char *
byline_story_get_headline (BylineStory *self)
{
  g_return_val_if_fail (BYLINE_IS_STORY (self), NULL);

  return self->headline;
}

void
byline_story_set_headline (BylineStory *self,
                           const char  *headline)
{
  g_return_if_fail (BYLINE_IS_STORY (self));

  if (replace_string (self, &self->headline, headline, PROP_HEADLINE))
    forget_search_key (self);
}

const char *
byline_story_get_dek (BylineStory *self)
{
  g_return_val_if_fail (BYLINE_IS_STORY (self), NULL);

  return self->dek;
}

void
byline_story_set_dek (BylineStory *self,
                      const char  *dek)
{
  g_return_if_fail (BYLINE_IS_STORY (self));

  replace_string (self, &self->dek, dek, PROP_DEK);
}

const char *
byline_story_get_body (BylineStory *self)
{
  g_return_val_if_fail (BYLINE_IS_STORY (self), NULL);

  return self->body;
}

void
byline_story_set_body (BylineStory *self,
                       const char  *body)
{
  g_return_if_fail (BYLINE_IS_STORY (self));

  replace_string (self, &self->body, body, PROP_BODY);
  if (!self->body_loaded)
    {
      self->body_loaded = TRUE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BODY_LOADED]);
    }
}

/* The story list holds stories without their bodies to keep a large
 * newsroom small in memory; the store loads a body when it is opened. */
gboolean
byline_story_get_body_loaded (BylineStory *self)
{
  g_return_val_if_fail (BYLINE_IS_STORY (self), FALSE);

  return self->body_loaded;
}

const char *
byline_story_get_byline (BylineStory *self)
{
  g_return_val_if_fail (BYLINE_IS_STORY (self), NULL);

  return self->byline;
}

void
byline_story_set_byline (BylineStory *self,
                         const char  *byline)
{
  g_return_if_fail (BYLINE_IS_STORY (self));

  if (replace_string (self, &self->byline, byline, PROP_BYLINE))
    forget_search_key (self);
}

BylineStoryStatus
byline_story_get_status (BylineStory *self)
{
  g_return_val_if_fail (BYLINE_IS_STORY (self), BYLINE_STORY_STATUS_DRAFT);

  return self->status;
}

void
byline_story_set_status (BylineStory       *self,
                         BylineStoryStatus  status)
{
  g_return_if_fail (BYLINE_IS_STORY (self));
  g_return_if_fail (status <= BYLINE_STORY_STATUS_PRIVATE);

  if (self->status == status)
    return;

  self->status = status;
  g_atomic_int_inc (&filter_generation);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUS]);
}

const char * const *
byline_story_get_tags (BylineStory *self)
{
  g_return_val_if_fail (BYLINE_IS_STORY (self), NULL);

  return (const char * const *) self->tags;
}

void
byline_story_set_tags (BylineStory        *self,
                       const char * const *tags)
{
  g_return_if_fail (BYLINE_IS_STORY (self));

  if (replace_strv (self, &self->tags, tags, PROP_TAGS))
    forget_search_key (self);
}

const char * const *
byline_story_get_categories (BylineStory *self)
{
  g_return_val_if_fail (BYLINE_IS_STORY (self), NULL);

  return (const char * const *) self->categories;
}

void
byline_story_set_categories (BylineStory        *self,
                             const char * const *categories)
{
  g_return_if_fail (BYLINE_IS_STORY (self));

  replace_strv (self, &self->categories, categories, PROP_CATEGORIES);
}

const char * const *
byline_story_get_related (BylineStory *self)
{
  g_return_val_if_fail (BYLINE_IS_STORY (self), NULL);

  return (const char * const *) self->related;
}

void
byline_story_set_related (BylineStory        *self,
                          const char * const *related)
{
  g_return_if_fail (BYLINE_IS_STORY (self));

  replace_strv (self, &self->related, related, PROP_RELATED);
}

GDateTime *
byline_story_get_created (BylineStory *self)
{
  g_return_val_if_fail (BYLINE_IS_STORY (self), NULL);

  return self->created;
}

void
byline_story_set_created (BylineStory *self,
                          GDateTime   *created)
{
  g_return_if_fail (BYLINE_IS_STORY (self));

  replace_date_time (self, &self->created, created, PROP_CREATED);
}

GDateTime *
byline_story_get_modified (BylineStory *self)
{
  g_return_val_if_fail (BYLINE_IS_STORY (self), NULL);

  return self->modified;
}

void
byline_story_set_modified (BylineStory *self,
                           GDateTime   *modified)
{
  g_return_if_fail (BYLINE_IS_STORY (self));

  replace_date_time (self, &self->modified, modified, PROP_MODIFIED);
}

/* The server's modified_gmt that the local edits started from; sync
 * compares it with the server's current value to detect conflicts. */
const char *
byline_story_get_remote_modified (BylineStory *self)
{
  g_return_val_if_fail (BYLINE_IS_STORY (self), NULL);

  return self->remote_modified;
}

void
byline_story_set_remote_modified (BylineStory *self,
                                  const char  *remote_modified)
{
  g_return_if_fail (BYLINE_IS_STORY (self));

  replace_string (self, &self->remote_modified, remote_modified, PROP_REMOTE_MODIFIED);
}

gboolean
byline_story_get_dirty (BylineStory *self)
{
  g_return_val_if_fail (BYLINE_IS_STORY (self), FALSE);

  return self->dirty;
}

void
byline_story_set_dirty (BylineStory *self,
                        gboolean     dirty)
{
  g_return_if_fail (BYLINE_IS_STORY (self));

  dirty = !!dirty;
  if (self->dirty == dirty)
    return;

  self->dirty = dirty;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DIRTY]);
}

/**
 * byline_story_get_language:
 *
 * The language the story is spell-checked in, as an enchant tag such as
 * "en_US".
 *
 * Returns: (not nullable): the tag, or "" for the user's default language
 */
const char *
byline_story_get_language (BylineStory *self)
{
  g_return_val_if_fail (BYLINE_IS_STORY (self), "");

  return self->language != NULL ? self->language : "";
}

/**
 * byline_story_set_language:
 * @language: (nullable): an enchant tag, or %NULL or "" for the default
 */
void
byline_story_set_language (BylineStory *self,
                           const char  *language)
{
  g_return_if_fail (BYLINE_IS_STORY (self));

  if (language != NULL && language[0] == '\0')
    language = NULL;
  replace_string (self, &self->language, language, PROP_LANGUAGE);
}

GListModel *
byline_story_get_updates (BylineStory *self)
{
  g_return_val_if_fail (BYLINE_IS_STORY (self), NULL);

  if (self->updates == NULL)
    self->updates = g_list_store_new (BYLINE_TYPE_UPDATE);

  return G_LIST_MODEL (self->updates);
}

void
byline_story_add_update (BylineStory  *self,
                         BylineUpdate *update)
{
  g_return_if_fail (BYLINE_IS_STORY (self));
  g_return_if_fail (BYLINE_IS_UPDATE (update));

  g_list_store_append (G_LIST_STORE (byline_story_get_updates (self)), update);
}

static gboolean
is_ascii (const char *text)
{
  for (; *text != '\0'; text++)
    if ((guchar) *text >= 0x80)
      return FALSE;
  return TRUE;
}

static char *
build_search_key (BylineStory *self)
{
  g_autoptr (GString) key = g_string_new (self->headline);

  g_string_append_c (key, '\n');
  g_string_append (key, self->byline ? self->byline : "");
  for (guint i = 0; self->tags && self->tags[i]; i++)
    {
      g_string_append_c (key, '\n');
      g_string_append (key, self->tags[i]);
    }

  if (!is_ascii (key->str))
    return byline_story_fold_search_text (key->str);

  /* Most keys are plain ASCII, which folds to its lower case and which
   * normalisation leaves as it is: fold it in place. */
  g_string_ascii_down (key);
  return g_string_free (g_steal_pointer (&key), FALSE);
}

/**
 * byline_story_fold_search_text:
 *
 * Folds case and Unicode normalisation so that "Café", "CAFÉ" and a
 * decomposed "café" all find each other.
 *
 * Returns: (transfer full): the text to pass to byline_story_matches()
 */
char *
byline_story_fold_search_text (const char *text)
{
  g_autofree char *folded = NULL;

  g_return_val_if_fail (text != NULL, NULL);

  folded = g_utf8_casefold (text, -1);
  return g_utf8_normalize (folded, -1, G_NORMALIZE_ALL);
}

/**
 * byline_story_prepare_search:
 *
 * Builds what byline_story_matches() searches, ahead of the first search,
 * so that loading (off the main thread) pays for it rather than the
 * first keystroke.
 */
void
byline_story_prepare_search (BylineStory *self)
{
  g_return_if_fail (BYLINE_IS_STORY (self));

  if (self->search_key == NULL)
    self->search_key = build_search_key (self);
}

/**
 * byline_story_get_search_key:
 *
 * Returns: what byline_story_matches() searches: the headline, byline and
 *   tags folded with byline_story_fold_search_text(), a line each
 */
const char *
byline_story_get_search_key (BylineStory *self)
{
  g_return_val_if_fail (BYLINE_IS_STORY (self), NULL);

  byline_story_prepare_search (self);
  return self->search_key;
}

/**
 * byline_story_get_filter_generation:
 *
 * Returns: a number that changes whenever any story's search key or
 *   status changes
 */
guint
byline_story_get_filter_generation (void)
{
  return (guint) g_atomic_int_get (&filter_generation);
}

/**
 * byline_story_matches:
 * @casefolded_needle: search text from byline_story_fold_search_text()
 *
 * Returns: whether the headline, byline or a tag contains the needle
 */
gboolean
byline_story_matches (BylineStory *self,
                      const char  *casefolded_needle)
{
  g_return_val_if_fail (BYLINE_IS_STORY (self), FALSE);

  if (casefolded_needle == NULL || casefolded_needle[0] == '\0')
    return TRUE;

  byline_story_prepare_search (self);

  return strstr (self->search_key, casefolded_needle) != NULL;
}

void
byline_story_touch (BylineStory *self)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();

  g_return_if_fail (BYLINE_IS_STORY (self));

  byline_story_set_modified (self, now);
  byline_story_set_dirty (self, TRUE);
}
