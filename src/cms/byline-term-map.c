/* byline-term-map.c
 *
 * Stories keep tags and categories by name, posts by id. The map learns
 * both directions from as few requests as it can: ids it has not seen are
 * asked for together, a name it does not know costs one listing of the
 * taxonomy per run (see byline_term_map_expire()) and, if still unknown,
 * one create.
 *
 * Names match the way WordPress matches them when it refuses a duplicate:
 * without regard to ASCII case, after trimming and collapsing white space.
 * Other letters are compared as they are ("Ü" is not "ü"), as PHP 8's
 * strtolower() does.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "byline-terms"

#include "config.h"

#include "byline-term-map.h"

/* The most a wp/v2 listing gives in one page. */
#define TERMS_PER_PAGE 100

struct _BylineTermMap
{
  GObject            parent_instance;

  BylineCmsClient   *client;
  BylineCmsTaxonomy  taxonomy;

  /* id → the name to show; key → id; key → why the CMS would not add it. */
  GHashTable        *names_by_id;
  GHashTable        *ids_by_key;
  GHashTable        *refusals;
  /* Ids asked for that the CMS does not have (any more). */
  GHashTable        *absent_ids;
  gboolean           listed;
};

G_DEFINE_FINAL_TYPE (BylineTermMap, byline_term_map, G_TYPE_OBJECT)

typedef struct
{
  GPtrArray *names;
  GArray    *ids;
  guint      index;
  guint      page;
  guint      requests;
} TermOp;

static void
term_op_free (TermOp *op)
{
  g_clear_pointer (&op->names, g_ptr_array_unref);
  g_clear_pointer (&op->ids, g_array_unref);
  g_free (op);
}

static gint64 *
id_key (gint64 id)
{
  return g_memdup2 (&id, sizeof id);
}

/* Names */

static gboolean
decode_numeric_entity (const char  *entity,
                       gunichar    *c)
{
  guint64 value;
  gboolean hex = entity[0] == 'x' || entity[0] == 'X';

  if (!g_ascii_string_to_unsigned (entity + (hex ? 1 : 0), hex ? 16 : 10, 1, 0x10FFFF, &value, NULL))
    return FALSE;
  *c = (gunichar) value;
  return g_unichar_validate (*c);
}

static gboolean
decode_entity (const char *entity,
               gunichar   *c)
{
  static const struct { const char *name; gunichar c; } named[] = {
    { "amp", '&' }, { "lt", '<' }, { "gt", '>' }, { "quot", '"' }, { "apos", '\'' },
  };

  if (entity[0] == '#')
    return decode_numeric_entity (entity + 1, c);
  for (guint i = 0; i < G_N_ELEMENTS (named); i++)
    {
      if (g_str_equal (entity, named[i].name))
        {
          *c = named[i].c;
          return TRUE;
        }
    }
  return FALSE;
}

/* WordPress keeps term names HTML-escaped ("Arts &amp; Culture") and the
 * REST API hands them out that way. */
static char *
decode_entities (const char *name)
{
  GString *text = g_string_new (NULL);

  for (const char *p = name; *p != '\0'; p++)
    {
      const char *end = *p == '&' ? strchr (p, ';') : NULL;
      g_autofree char *entity = end && end - p <= 10 ? g_strndup (p + 1, end - p - 1) : NULL;
      gunichar c;

      if (entity != NULL && decode_entity (entity, &c))
        {
          g_string_append_unichar (text, c);
          p = end;
        }
      else
        g_string_append_c (text, *p);
    }
  return g_string_free (text, FALSE);
}

static gboolean
is_wordpress_space (char c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* Trimmed, white space collapsed as sanitize_text_field() does. */
static char *
tidy_name (const char *name)
{
  g_autofree char *decoded = decode_entities (name);
  GString *text = g_string_new (NULL);
  gboolean in_space = FALSE;

  for (const char *p = decoded; *p != '\0'; p++)
    {
      if (is_wordpress_space (*p))
        in_space = text->len > 0;
      else
        {
          if (in_space)
            g_string_append_c (text, ' ');
          g_string_append_c (text, *p);
          in_space = FALSE;
        }
    }
  return g_string_free (text, FALSE);
}

static char *
name_key (const char *name)
{
  g_autofree char *tidy = tidy_name (name);

  return g_ascii_strdown (tidy, -1);
}

/* Cache */

BylineTermMap *
byline_term_map_new (BylineCmsClient   *client,
                     BylineCmsTaxonomy  taxonomy)
{
  BylineTermMap *self;

  g_return_val_if_fail (BYLINE_IS_CMS_CLIENT (client), NULL);
  g_return_val_if_fail (taxonomy <= BYLINE_CMS_TAXONOMY_CATEGORY, NULL);

  self = g_object_new (BYLINE_TYPE_TERM_MAP, NULL);
  self->client = g_object_ref (client);
  self->taxonomy = taxonomy;
  return self;
}

BylineCmsTaxonomy
byline_term_map_get_taxonomy (BylineTermMap *self)
{
  g_return_val_if_fail (BYLINE_IS_TERM_MAP (self), BYLINE_CMS_TAXONOMY_TAG);

  return self->taxonomy;
}

/* Returns: (nullable): the term's name, NULL if the map does not know it */
const char *
byline_term_map_lookup_id (BylineTermMap *self,
                           gint64         id)
{
  g_return_val_if_fail (BYLINE_IS_TERM_MAP (self), NULL);

  return g_hash_table_lookup (self->names_by_id, &id);
}

/* Whether asking the CMS about id would tell anything new: known, or known
 * to be gone. */
gboolean
byline_term_map_knows_id (BylineTermMap *self,
                          gint64         id)
{
  g_return_val_if_fail (BYLINE_IS_TERM_MAP (self), FALSE);

  return g_hash_table_contains (self->names_by_id, &id) || g_hash_table_contains (self->absent_ids, &id);
}

/* Returns: the id of the term called name, 0 if the map does not know one */
gint64
byline_term_map_lookup_name (BylineTermMap *self,
                             const char    *name)
{
  g_autofree char *key = NULL;
  gint64 *id;

  g_return_val_if_fail (BYLINE_IS_TERM_MAP (self), 0);
  g_return_val_if_fail (name != NULL, 0);

  key = name_key (name);
  id = g_hash_table_lookup (self->ids_by_key, key);
  return id ? *id : 0;
}

/* Returns: (nullable): why the CMS would not add a term called name in this
 * run, NULL if it did not refuse */
const char *
byline_term_map_get_refusal (BylineTermMap *self,
                             const char    *name)
{
  g_autofree char *key = NULL;

  g_return_val_if_fail (BYLINE_IS_TERM_MAP (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  key = name_key (name);
  return g_hash_table_lookup (self->refusals, key);
}

/* Where two terms share a name (categories under different parents), the
 * first one added keeps it: listings come oldest first. */
static void
add_spelling (BylineTermMap *self,
              gint64         id,
              const char    *name)
{
  g_autofree char *key = name_key (name);

  if (*key != '\0' && !g_hash_table_contains (self->ids_by_key, key))
    g_hash_table_insert (self->ids_by_key, g_steal_pointer (&key), id_key (id));
}

/* name is the CMS's: it is the one stories get for id. */
void
byline_term_map_add (BylineTermMap *self,
                     gint64         id,
                     const char    *name)
{
  g_autofree char *tidy = NULL;

  g_return_if_fail (BYLINE_IS_TERM_MAP (self));
  g_return_if_fail (id > 0);
  g_return_if_fail (name != NULL);

  tidy = tidy_name (name);
  if (*tidy == '\0')
    return;
  add_spelling (self, id, tidy);
  g_hash_table_remove (self->absent_ids, &id);
  g_hash_table_insert (self->names_by_id, id_key (id), g_steal_pointer (&tidy));
}

/* The start of a sync run: names the map does not know may have been added
 * on the server since its listing, and a refusal may no longer hold (the
 * user may have become an editor). What it knows stays. */
void
byline_term_map_expire (BylineTermMap *self)
{
  g_return_if_fail (BYLINE_IS_TERM_MAP (self));

  self->listed = FALSE;
  g_hash_table_remove_all (self->refusals);
  g_hash_table_remove_all (self->absent_ids);
}

/* A refusal that concerns this term alone (not allowed, a name the CMS will
 * not take) leaves the name local; anything else stops the caller. */
static gboolean
concerns_the_term (const GError *error)
{
  return g_error_matches (error, BYLINE_CMS_ERROR, BYLINE_CMS_ERROR_FORBIDDEN) ||
         g_error_matches (error, BYLINE_CMS_ERROR, BYLINE_CMS_ERROR_INVALID) ||
         g_error_matches (error, BYLINE_CMS_ERROR, BYLINE_CMS_ERROR_NOT_FOUND) ||
         g_error_matches (error, BYLINE_CMS_ERROR, BYLINE_CMS_ERROR_CONFLICT) ||
         g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED);
}

static void
refuse (BylineTermMap *self,
        const char    *name,
        const GError  *error)
{
  g_debug ("“%s” stays local: %s", name, error->message);
  g_hash_table_insert (self->refusals, name_key (name), g_strdup (error->message));
}

static void
return_done (GTask *task)
{
  g_task_return_boolean (task, TRUE);
}

/* One page of the taxonomy, or of those of @n_include ids from @include. */
static void
list_terms (GTask               *task,
            guint                page,
            const gint64        *include,
            guint                n_include,
            GAsyncReadyCallback  callback)
{
  BylineTermMap *self = g_task_get_source_object (task);
  TermOp *op = g_task_get_task_data (task);
  BylineCmsTermQuery query = {
    .taxonomy = self->taxonomy,
    .page = page,
    .per_page = TERMS_PER_PAGE,
    .include = include,
    .n_include = n_include,
  };

  op->requests++;
  byline_cms_client_list_terms_async (self->client, &query, g_task_get_cancellable (task), callback,
                                      g_object_ref (task));
}

static void
add_terms (BylineTermMap *self,
           GPtrArray     *terms)
{
  for (guint i = 0; i < terms->len; i++)
    {
      BylineCmsTerm *term = g_ptr_array_index (terms, i);
      byline_term_map_add (self, term->id, term->name);
    }
}

/* Fetching ids */

static void fetch_next_chunk (GTask *task);

static void
note_absent (BylineTermMap *self,
             TermOp        *op,
             guint          from,
             guint          to)
{
  for (guint i = from; i < to; i++)
    {
      gint64 id = g_array_index (op->ids, gint64, i);

      if (!g_hash_table_contains (self->names_by_id, &id))
        g_hash_table_add (self->absent_ids, id_key (id));
    }
}

static void
on_ids_listed (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  BylineTermMap *self = g_task_get_source_object (task);
  TermOp *op = g_task_get_task_data (task);
  g_autoptr (GPtrArray) terms = NULL;
  GError *error = NULL;
  guint chunk_end = MIN (op->index + TERMS_PER_PAGE, op->ids->len);

  terms = byline_cms_client_list_terms_finish (BYLINE_CMS_CLIENT (source), result, NULL, &error);
  if (terms == NULL && !concerns_the_term (error))
    {
      g_task_return_error (task, error);
      return;
    }

  /* Refused: the ids stay unknown, which leaves stories' names as they are. */
  if (terms == NULL)
    {
      g_debug ("Could not look up terms: %s", error->message);
      g_error_free (error);
    }
  else
    {
      add_terms (self, terms);
      note_absent (self, op, op->index, chunk_end);
    }
  op->index = chunk_end;
  fetch_next_chunk (task);
}

static void
fetch_next_chunk (GTask *task)
{
  TermOp *op = g_task_get_task_data (task);

  if (op->index >= op->ids->len)
    {
      return_done (task);
      return;
    }

  list_terms (task, 1, &g_array_index (op->ids, gint64, op->index), MIN (TERMS_PER_PAGE, op->ids->len - op->index),
              on_ids_listed);
}

static GArray *
unknown_ids (BylineTermMap *self,
             const gint64  *ids,
             guint          n_ids)
{
  GArray *unknown = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr (GHashTable) seen = g_hash_table_new (g_int64_hash, g_int64_equal);

  for (guint i = 0; i < n_ids; i++)
    {
      if (ids[i] > 0 && !byline_term_map_knows_id (self, ids[i]) && g_hash_table_add (seen, (gpointer) &ids[i]))
        g_array_append_val (unknown, ids[i]);
    }
  return unknown;
}

/**
 * byline_term_map_fetch_ids_async:
 * @ids: (array length=n_ids): term ids, such as those of a page of posts
 *
 * Learns the names of those of @ids the map does not know yet, a hundred
 * to a request; none if it knows them all.
 */
void
byline_term_map_fetch_ids_async (BylineTermMap       *self,
                                 const gint64        *ids,
                                 guint                n_ids,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr (GTask) task = NULL;
  TermOp *op;

  g_return_if_fail (BYLINE_IS_TERM_MAP (self));
  g_return_if_fail (n_ids == 0 || ids != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, BYLINE_SOURCE_TAG (byline_term_map_fetch_ids_async));
  op = g_new0 (TermOp, 1);
  op->ids = unknown_ids (self, ids, n_ids);
  g_task_set_task_data (task, op, (GDestroyNotify) term_op_free);
  fetch_next_chunk (task);
}

static gboolean
term_op_finish (GAsyncResult  *result,
                guint         *requests,
                GError       **error)
{
  TermOp *op = g_task_get_task_data (G_TASK (result));

  if (requests != NULL)
    *requests = op->requests;
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* requests: how many requests it took, also when it failed */
gboolean
byline_term_map_fetch_ids_finish (BylineTermMap  *self,
                                  GAsyncResult   *result,
                                  guint          *requests,
                                  GError        **error)
{
  g_return_val_if_fail (BYLINE_IS_TERM_MAP (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return term_op_finish (result, requests, error);
}

/* Resolving names */

static void resolve_next (GTask *task);

static gboolean
is_resolved (BylineTermMap *self,
             const char    *name)
{
  return byline_term_map_lookup_name (self, name) > 0 || byline_term_map_get_refusal (self, name) != NULL;
}

static void
drop_resolved (BylineTermMap *self,
               TermOp        *op)
{
  for (guint i = op->names->len; i > 0; i--)
    {
      if (is_resolved (self, g_ptr_array_index (op->names, i - 1)))
        g_ptr_array_remove_index (op->names, i - 1);
    }
}

static void
on_term_created (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  BylineTermMap *self = g_task_get_source_object (task);
  TermOp *op = g_task_get_task_data (task);
  const char *name = g_ptr_array_index (op->names, op->index);
  g_autoptr (BylineCmsTerm) term = NULL;
  g_autoptr (GError) error = NULL;

  term = byline_cms_client_create_term_finish (BYLINE_CMS_CLIENT (source), result, &error);
  if (term == NULL && !concerns_the_term (error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (term == NULL)
    refuse (self, name, error);
  else
    {
      /* The CMS may spell it differently; the story's spelling finds it too. */
      if (!g_hash_table_contains (self->names_by_id, &term->id))
        byline_term_map_add (self, term->id, term->name);
      add_spelling (self, term->id, name);
    }
  op->index++;
  resolve_next (task);
}

static void
create_next (GTask *task)
{
  BylineTermMap *self = g_task_get_source_object (task);
  TermOp *op = g_task_get_task_data (task);
  const char *name;

  /* Two spellings of one new name in the list: the first create covers both. */
  while (op->index < op->names->len && is_resolved (self, g_ptr_array_index (op->names, op->index)))
    op->index++;
  if (op->index >= op->names->len)
    {
      return_done (task);
      return;
    }

  name = g_ptr_array_index (op->names, op->index);
  op->requests++;
  byline_cms_client_create_term_async (self->client, self->taxonomy, name, g_task_get_cancellable (task),
                                      on_term_created, g_object_ref (task));
}

static void list_page (GTask *task);

static void
on_page_listed (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  BylineTermMap *self = g_task_get_source_object (task);
  TermOp *op = g_task_get_task_data (task);
  g_autoptr (GPtrArray) terms = NULL;
  g_autoptr (GError) error = NULL;
  guint total_pages = op->page;

  terms = byline_cms_client_list_terms_finish (BYLINE_CMS_CLIENT (source), result, &total_pages, &error);
  if (terms == NULL && !concerns_the_term (error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (terms == NULL)
    {
      /* Nothing to match the names against: they stay local. */
      for (guint i = 0; i < op->names->len; i++)
        refuse (self, g_ptr_array_index (op->names, i), error);
      return_done (task);
      return;
    }

  add_terms (self, terms);
  if (op->page < total_pages)
    {
      op->page++;
      list_page (task);
      return;
    }
  self->listed = TRUE;
  resolve_next (task);
}

static void
list_page (GTask *task)
{
  TermOp *op = g_task_get_task_data (task);

  list_terms (task, op->page, NULL, 0, on_page_listed);
}

/* Listing first, so that a name the CMS has is not created again. */
static void
resolve_next (GTask *task)
{
  BylineTermMap *self = g_task_get_source_object (task);
  TermOp *op = g_task_get_task_data (task);

  drop_resolved (self, op);
  op->index = 0;
  if (op->names->len == 0)
    return_done (task);
  else if (!self->listed && op->page == 0)
    {
      op->page = 1;
      list_page (task);
    }
  else
    create_next (task);
}

static GPtrArray *
names_to_resolve (const char * const *names)
{
  GPtrArray *array = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; names != NULL && names[i] != NULL; i++)
    {
      g_autofree char *key = name_key (names[i]);

      if (*key != '\0')
        g_ptr_array_add (array, tidy_name (names[i]));
    }
  return array;
}

/**
 * byline_term_map_resolve_names_async:
 * @names: (array zero-terminated=1) (nullable): term names, as a story has them
 *
 * Finds the id of each of @names, listing the taxonomy once a run if a name
 * is new to the map and creating the terms the CMS does not have. A term the
 * CMS will not add (WordPress lets only editors add categories) is not an
 * error: byline_term_map_get_refusal() tells why, and the name stays local.
 * Transient errors, a refused login and cancelling are errors.
 */
void
byline_term_map_resolve_names_async (BylineTermMap       *self,
                                     const char * const  *names,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  g_autoptr (GTask) task = NULL;
  TermOp *op;

  g_return_if_fail (BYLINE_IS_TERM_MAP (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, BYLINE_SOURCE_TAG (byline_term_map_resolve_names_async));
  op = g_new0 (TermOp, 1);
  op->names = names_to_resolve (names);
  g_task_set_task_data (task, op, (GDestroyNotify) term_op_free);
  resolve_next (task);
}

/* requests: how many requests it took, also when it failed */
gboolean
byline_term_map_resolve_names_finish (BylineTermMap  *self,
                                      GAsyncResult   *result,
                                      guint          *requests,
                                      GError        **error)
{
  g_return_val_if_fail (BYLINE_IS_TERM_MAP (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return term_op_finish (result, requests, error);
}

/* GObject */

static void
byline_term_map_finalize (GObject *object)
{
  BylineTermMap *self = (BylineTermMap *) object;

  g_clear_object (&self->client);
  g_clear_pointer (&self->names_by_id, g_hash_table_unref);
  g_clear_pointer (&self->ids_by_key, g_hash_table_unref);
  g_clear_pointer (&self->refusals, g_hash_table_unref);
  g_clear_pointer (&self->absent_ids, g_hash_table_unref);

  G_OBJECT_CLASS (byline_term_map_parent_class)->finalize (object);
}

static void
byline_term_map_class_init (BylineTermMapClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = byline_term_map_finalize;
}

static void
byline_term_map_init (BylineTermMap *self)
{
  self->names_by_id = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  self->ids_by_key = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->refusals = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->absent_ids = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
}
