/* byline-sync-terms.c
 *
 * One term map per taxonomy for the engine's lifetime, so that a pull of a
 * thousand posts asks about each term once, not once a post. A pull learns
 * the ids of a page of posts before it applies them, so that no story is
 * saved with a tag missing; a push finds (or makes) the ids of a story's
 * names before it sends the post.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "byline-sync"

#include "config.h"

#include "byline-sync-terms.h"
#include "cms/byline-term-map.h"

#define N_TAXONOMIES 2

struct _BylineSyncTerms
{
  GObject        parent_instance;

  /* Indexed by BylineCmsTaxonomy. */
  BylineTermMap *maps[N_TAXONOMIES];
};

G_DEFINE_FINAL_TYPE (BylineSyncTerms, byline_sync_terms, G_TYPE_OBJECT)

typedef struct
{
  GListModel  *posts;
  BylineStory *story;
  guint        taxonomy;
  guint        requests;
} TermsStep;

static void
terms_step_free (TermsStep *step)
{
  g_clear_object (&step->posts);
  g_clear_object (&step->story);
  g_free (step);
}

/* Counts a taxonomy's requests, also when it failed, then goes on to the
 * next taxonomy with @next, or fails the whole step with @error. */
static void
taxonomy_done (GTask     *task,
               gboolean   done,
               guint      requests,
               GError    *error,
               void     (*next) (GTask *task))
{
  TermsStep *step = g_task_get_task_data (task);

  step->requests += requests;
  if (!done)
    {
      g_task_return_error (task, error);
      return;
    }
  step->taxonomy++;
  next (task);
}

static GArray *
post_ids (BylineRemotePost  *post,
          BylineCmsTaxonomy  taxonomy)
{
  return taxonomy == BYLINE_CMS_TAXONOMY_TAG ? byline_remote_post_get_tags (post)
                                             : byline_remote_post_get_categories (post);
}

static void
set_post_ids (BylineRemotePost  *post,
              BylineCmsTaxonomy  taxonomy,
              GArray            *ids)
{
  if (taxonomy == BYLINE_CMS_TAXONOMY_TAG)
    byline_remote_post_set_tags (post, (const gint64 *) ids->data, ids->len);
  else
    byline_remote_post_set_categories (post, (const gint64 *) ids->data, ids->len);
}

static const char * const *
story_names (BylineStory       *story,
             BylineCmsTaxonomy  taxonomy)
{
  return taxonomy == BYLINE_CMS_TAXONOMY_TAG ? byline_story_get_tags (story)
                                             : byline_story_get_categories (story);
}

static void
set_story_names (BylineStory        *story,
                 BylineCmsTaxonomy   taxonomy,
                 const char * const *names)
{
  if (taxonomy == BYLINE_CMS_TAXONOMY_TAG)
    byline_story_set_tags (story, names);
  else
    byline_story_set_categories (story, names);
}

BylineSyncTerms *
byline_sync_terms_new (BylineCmsClient *client)
{
  BylineSyncTerms *self;

  g_return_val_if_fail (BYLINE_IS_CMS_CLIENT (client), NULL);

  self = g_object_new (BYLINE_TYPE_SYNC_TERMS, NULL);
  for (guint i = 0; i < N_TAXONOMIES; i++)
    self->maps[i] = byline_term_map_new (client, i);
  return self;
}

/* Terms added on the server since the last run are looked for again. */
void
byline_sync_terms_begin_run (BylineSyncTerms *self)
{
  g_return_if_fail (BYLINE_IS_SYNC_TERMS (self));

  for (guint i = 0; i < N_TAXONOMIES; i++)
    byline_term_map_expire (self->maps[i]);
}

/* Pull */

static GArray *
ids_of_posts (GListModel        *posts,
              BylineCmsTaxonomy  taxonomy)
{
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (guint i = 0; i < g_list_model_get_n_items (posts); i++)
    {
      g_autoptr (BylineRemotePost) post = g_list_model_get_item (posts, i);
      GArray *post_term_ids = post_ids (post, taxonomy);

      if (post_term_ids != NULL)
        g_array_append_vals (ids, post_term_ids->data, post_term_ids->len);
    }
  return ids;
}

static void learn_next (GTask *task);

static void
on_ids_fetched (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  GError *error = NULL;
  guint requests = 0;
  gboolean fetched = byline_term_map_fetch_ids_finish (BYLINE_TERM_MAP (source), result, &requests, &error);

  taxonomy_done (task, fetched, requests, error, learn_next);
}

static void
learn_next (GTask *task)
{
  BylineSyncTerms *self = g_task_get_source_object (task);
  TermsStep *step = g_task_get_task_data (task);
  g_autoptr (GArray) ids = NULL;

  if (step->taxonomy >= N_TAXONOMIES)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }

  ids = ids_of_posts (step->posts, step->taxonomy);
  byline_term_map_fetch_ids_async (self->maps[step->taxonomy], (const gint64 *) ids->data, ids->len,
                                   g_task_get_cancellable (task), on_ids_fetched, g_object_ref (task));
}

/* Learns the names of the terms of @posts (a GListModel of BylineRemotePost)
 * that are new to the maps; no request if none is. */
void
byline_sync_terms_learn_async (BylineSyncTerms     *self,
                               GListModel          *posts,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr (GTask) task = NULL;
  TermsStep *step;

  g_return_if_fail (BYLINE_IS_SYNC_TERMS (self));
  g_return_if_fail (G_IS_LIST_MODEL (posts));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, BYLINE_SOURCE_TAG (byline_sync_terms_learn_async));
  step = g_new0 (TermsStep, 1);
  step->posts = g_object_ref (posts);
  g_task_set_task_data (task, step, (GDestroyNotify) terms_step_free);
  learn_next (task);
}

static gboolean
terms_step_finish (GAsyncResult  *result,
                   guint         *requests,
                   GError       **error)
{
  TermsStep *step = g_task_get_task_data (G_TASK (result));

  if (requests != NULL)
    *requests = step->requests;
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* requests: how many requests it took, also when it failed
 * Returns: (transfer full) (nullable): the posts given, NULL on error */
GListModel *
byline_sync_terms_learn_finish (BylineSyncTerms  *self,
                                GAsyncResult     *result,
                                guint            *requests,
                                GError          **error)
{
  TermsStep *step;

  g_return_val_if_fail (BYLINE_IS_SYNC_TERMS (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  step = g_task_get_task_data (G_TASK (result));
  if (!terms_step_finish (result, requests, error))
    return NULL;
  return g_object_ref (step->posts);
}

/* Returns: (nullable): the names, NULL if the CMS would not say what one
 * of the ids is */
static GStrv
names_of_ids (BylineTermMap *map,
              GArray        *ids)
{
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr (GHashTable) added = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < ids->len; i++)
    {
      gint64 id = g_array_index (ids, gint64, i);
      const char *name = byline_term_map_lookup_id (map, id);

      if (!byline_term_map_knows_id (map, id))
        return NULL;
      /* Known to be gone: a term deleted since, which the post no longer has. */
      if (name != NULL && g_hash_table_add (added, (gpointer) name))
        g_strv_builder_add (builder, name);
    }
  return g_strv_builder_end (builder);
}

/* Gives story the names of post's terms, once byline_sync_terms_learn_async()
 * has run on post's page. Where the site would not tell what a term is, the
 * story's names for that taxonomy stay as they are. */
void
byline_sync_terms_apply_to_story (BylineSyncTerms  *self,
                                  BylineRemotePost *post,
                                  BylineStory      *story)
{
  g_return_if_fail (BYLINE_IS_SYNC_TERMS (self));
  g_return_if_fail (BYLINE_IS_REMOTE_POST (post));
  g_return_if_fail (BYLINE_IS_STORY (story));

  for (guint i = 0; i < N_TAXONOMIES; i++)
    {
      GArray *ids = post_ids (post, i);
      g_auto (GStrv) names = NULL;

      if (ids == NULL)
        continue;
      names = names_of_ids (self->maps[i], ids);
      if (names != NULL)
        set_story_names (story, i, (const char * const *) names);
    }
}

/* Push */

static void resolve_next (GTask *task);

static void
on_names_resolved (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  GError *error = NULL;
  guint requests = 0;
  gboolean resolved = byline_term_map_resolve_names_finish (BYLINE_TERM_MAP (source), result, &requests, &error);

  taxonomy_done (task, resolved, requests, error, resolve_next);
}

static void
resolve_next (GTask *task)
{
  BylineSyncTerms *self = g_task_get_source_object (task);
  TermsStep *step = g_task_get_task_data (task);

  if (step->taxonomy >= N_TAXONOMIES)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }

  byline_term_map_resolve_names_async (self->maps[step->taxonomy], story_names (step->story, step->taxonomy),
                                       g_task_get_cancellable (task), on_names_resolved, g_object_ref (task));
}

/* Finds the ids of story's tags and categories, creating the terms the
 * site does not have yet where the user may; see
 * byline_term_map_resolve_names_async(). */
void
byline_sync_terms_resolve_async (BylineSyncTerms     *self,
                                 BylineStory         *story,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr (GTask) task = NULL;
  TermsStep *step;

  g_return_if_fail (BYLINE_IS_SYNC_TERMS (self));
  g_return_if_fail (BYLINE_IS_STORY (story));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, BYLINE_SOURCE_TAG (byline_sync_terms_resolve_async));
  step = g_new0 (TermsStep, 1);
  step->story = g_object_ref (story);
  g_task_set_task_data (task, step, (GDestroyNotify) terms_step_free);
  resolve_next (task);
}

static guint
count_kept_local (BylineSyncTerms *self,
                  BylineStory     *story)
{
  guint kept = 0;

  for (guint i = 0; i < N_TAXONOMIES; i++)
    {
      const char * const *names = story_names (story, i);

      for (guint j = 0; names != NULL && names[j] != NULL; j++)
        kept += byline_term_map_lookup_name (self->maps[i], names[j]) == 0 &&
                byline_term_map_get_refusal (self->maps[i], names[j]) != NULL;
    }
  return kept;
}

/* kept_local: how many of the story's names the site would not take, and
 * so will not be on the post */
gboolean
byline_sync_terms_resolve_finish (BylineSyncTerms  *self,
                                  GAsyncResult     *result,
                                  guint            *requests,
                                  guint            *kept_local,
                                  GError          **error)
{
  TermsStep *step;

  g_return_val_if_fail (BYLINE_IS_SYNC_TERMS (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  step = g_task_get_task_data (G_TASK (result));
  if (kept_local != NULL)
    *kept_local = count_kept_local (self, step->story);
  return terms_step_finish (result, requests, error);
}

static GArray *
ids_of_names (BylineTermMap      *map,
              const char * const *names)
{
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr (GHashTable) added = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);

  for (guint i = 0; names != NULL && names[i] != NULL; i++)
    {
      gint64 id = byline_term_map_lookup_name (map, names[i]);

      if (id > 0 && g_hash_table_add (added, g_memdup2 (&id, sizeof id)))
        g_array_append_val (ids, id);
    }
  return ids;
}

/* Sets the ids of story's names on post, after byline_sync_terms_resolve_async().
 * An empty list is never sent: stories pulled before terms were mapped have
 * no names, and sending none would strip a live post of its tags and
 * categories. A new post without any gets the site's defaults (such as its
 * default category); one whose names all stayed local keeps its own. */
void
byline_sync_terms_apply_to_post (BylineSyncTerms  *self,
                                 BylineStory      *story,
                                 BylineRemotePost *post)
{
  g_return_if_fail (BYLINE_IS_SYNC_TERMS (self));
  g_return_if_fail (BYLINE_IS_STORY (story));
  g_return_if_fail (BYLINE_IS_REMOTE_POST (post));

  for (guint i = 0; i < N_TAXONOMIES; i++)
    {
      g_autoptr (GArray) ids = ids_of_names (self->maps[i], story_names (story, i));

      if (ids->len > 0)
        set_post_ids (post, i, ids);
    }
}

/* GObject */

static void
byline_sync_terms_finalize (GObject *object)
{
  BylineSyncTerms *self = (BylineSyncTerms *) object;

  for (guint i = 0; i < N_TAXONOMIES; i++)
    g_clear_object (&self->maps[i]);

  G_OBJECT_CLASS (byline_sync_terms_parent_class)->finalize (object);
}

static void
byline_sync_terms_class_init (BylineSyncTermsClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = byline_sync_terms_finalize;
}

static void
byline_sync_terms_init (BylineSyncTerms *self)
{
}
