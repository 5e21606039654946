/* byline-cms-client.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "byline-cms-client.h"

G_DEFINE_QUARK (byline-cms-error-quark, byline_cms_error)

G_DEFINE_INTERFACE (BylineCmsClient, byline_cms_client, G_TYPE_OBJECT)

/* For a CMS without a media library. */
static void
upload_media_unsupported_async (BylineCmsClient       *self,
                                GFile                 *file,
                                const char            *filename,
                                const char            *content_type,
                                const char            *client_uuid,
                                BylineRemoteMedia     *fields,
                                GFileProgressCallback  progress_callback,
                                gpointer               progress_data,
                                GCancellable          *cancellable,
                                GAsyncReadyCallback    callback,
                                gpointer               user_data)
{
  g_task_report_new_error (self, callback, user_data, BYLINE_SOURCE_TAG (upload_media_unsupported_async),
                           G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                           _("This site does not take uploads of images"));
}

static void
update_media_unsupported_async (BylineCmsClient     *self,
                                gint64               media_id,
                                BylineRemoteMedia   *fields,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_task_report_new_error (self, callback, user_data, BYLINE_SOURCE_TAG (update_media_unsupported_async),
                           G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                           _("This site does not take uploads of images"));
}

/* Without a way to look uploads up, none is ever found. */
static void
find_media_unsupported_async (BylineCmsClient     *self,
                              const char          *client_uuid,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_task_report_new_error (self, callback, user_data, BYLINE_SOURCE_TAG (find_media_unsupported_async),
                           G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                           _("This site cannot look up an upload by Byline’s id"));
}

static BylineRemoteMedia *
upload_media_unsupported_finish (BylineCmsClient  *self,
                                 GAsyncResult     *result,
                                 GError          **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* For a CMS without tags or categories. */
/* For a CMS where whoever may read a post may also edit it. */
static void
read_post_as_get_post_async (BylineCmsClient     *self,
                             gint64               id,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  BYLINE_CMS_CLIENT_GET_IFACE (self)->get_post_async (self, id, cancellable, callback, user_data);
}

static void
list_terms_unsupported_async (BylineCmsClient          *self,
                              const BylineCmsTermQuery *query,
                              GCancellable             *cancellable,
                              GAsyncReadyCallback       callback,
                              gpointer                  user_data)
{
  g_task_report_new_error (self, callback, user_data, BYLINE_SOURCE_TAG (list_terms_unsupported_async),
                           G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                           _("This site has no tags or categories"));
}

static GPtrArray *
list_terms_unsupported_finish (BylineCmsClient  *self,
                               GAsyncResult     *result,
                               guint            *total_pages,
                               GError          **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
create_term_unsupported_async (BylineCmsClient     *self,
                               BylineCmsTaxonomy    taxonomy,
                               const char          *name,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_task_report_new_error (self, callback, user_data, BYLINE_SOURCE_TAG (create_term_unsupported_async),
                           G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                           _("This site has no tags or categories"));
}

static BylineCmsTerm *
create_term_unsupported_finish (BylineCmsClient  *self,
                                GAsyncResult     *result,
                                GError          **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
byline_cms_client_default_init (BylineCmsClientInterface *iface)
{
  iface->read_post_async = read_post_as_get_post_async;
  iface->upload_media_async = upload_media_unsupported_async;
  iface->upload_media_finish = upload_media_unsupported_finish;
  iface->update_media_async = update_media_unsupported_async;
  iface->find_media_async = find_media_unsupported_async;
  iface->list_terms_async = list_terms_unsupported_async;
  iface->list_terms_finish = list_terms_unsupported_finish;
  iface->create_term_async = create_term_unsupported_async;
  iface->create_term_finish = create_term_unsupported_finish;
}

void
byline_cms_client_verify_account_async (BylineCmsClient     *self,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data)
{
  g_return_if_fail (BYLINE_IS_CMS_CLIENT (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  BYLINE_CMS_CLIENT_GET_IFACE (self)->verify_account_async (self, cancellable, callback, user_data);
}

BylineRemoteAccount *
byline_cms_client_verify_account_finish (BylineCmsClient  *self,
                                         GAsyncResult     *result,
                                         GError          **error)
{
  g_return_val_if_fail (BYLINE_IS_CMS_CLIENT (self), NULL);
  g_return_val_if_fail (G_IS_ASYNC_RESULT (result), NULL);

  return BYLINE_CMS_CLIENT_GET_IFACE (self)->verify_account_finish (self, result, error);
}

void
byline_cms_client_list_posts_async (BylineCmsClient          *self,
                                    const BylineCmsPostQuery *query,
                                    GCancellable             *cancellable,
                                    GAsyncReadyCallback       callback,
                                    gpointer                  user_data)
{
  g_return_if_fail (BYLINE_IS_CMS_CLIENT (self));
  g_return_if_fail (query != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  BYLINE_CMS_CLIENT_GET_IFACE (self)->list_posts_async (self, query, cancellable, callback, user_data);
}

/* Returns a GListModel of BylineRemotePost; the totals are the server's
 * counts for the whole listing, not for this page. */
GListModel *
byline_cms_client_list_posts_finish (BylineCmsClient  *self,
                                     GAsyncResult     *result,
                                     guint            *total_pages,
                                     guint            *total_posts,
                                     GError          **error)
{
  g_return_val_if_fail (BYLINE_IS_CMS_CLIENT (self), NULL);
  g_return_val_if_fail (G_IS_ASYNC_RESULT (result), NULL);

  return BYLINE_CMS_CLIENT_GET_IFACE (self)->list_posts_finish (self, result, total_pages,
                                                                total_posts, error);
}

void
byline_cms_client_get_post_async (BylineCmsClient     *self,
                                  gint64               id,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_return_if_fail (BYLINE_IS_CMS_CLIENT (self));
  g_return_if_fail (id > 0);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  BYLINE_CMS_CLIENT_GET_IFACE (self)->get_post_async (self, id, cancellable, callback, user_data);
}

/* Tells a post deleted on the server (BYLINE_CMS_ERROR_NOT_FOUND) from one
 * the account may no longer edit (a read-only post) or no longer see
 * (BYLINE_CMS_ERROR_FORBIDDEN). Finished by byline_cms_client_post_finish(). */
void
byline_cms_client_read_post_async (BylineCmsClient     *self,
                                   gint64               id,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_return_if_fail (BYLINE_IS_CMS_CLIENT (self));
  g_return_if_fail (id > 0);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  BYLINE_CMS_CLIENT_GET_IFACE (self)->read_post_async (self, id, cancellable, callback, user_data);
}

/* Looks up the post that was created with client_uuid, which is how a create
 * whose answer got lost is recognised instead of being sent twice. */
void
byline_cms_client_find_post_async (BylineCmsClient     *self,
                                   const char          *client_uuid,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_return_if_fail (BYLINE_IS_CMS_CLIENT (self));
  g_return_if_fail (client_uuid != NULL && *client_uuid != '\0');
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  BYLINE_CMS_CLIENT_GET_IFACE (self)->find_post_async (self, client_uuid, cancellable, callback,
                                                       user_data);
}

void
byline_cms_client_create_post_async (BylineCmsClient     *self,
                                     BylineRemotePost    *post,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  g_return_if_fail (BYLINE_IS_CMS_CLIENT (self));
  g_return_if_fail (BYLINE_IS_REMOTE_POST (post));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  BYLINE_CMS_CLIENT_GET_IFACE (self)->create_post_async (self, post, cancellable, callback,
                                                         user_data);
}

/* base_modified_gmt is the server's modified_gmt the local edit started
 * from; the update fails with BYLINE_CMS_ERROR_CONFLICT when the post changed
 * on the server since. */
void
byline_cms_client_update_post_async (BylineCmsClient     *self,
                                     BylineRemotePost    *post,
                                     const char          *base_modified_gmt,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  g_return_if_fail (BYLINE_IS_CMS_CLIENT (self));
  g_return_if_fail (BYLINE_IS_REMOTE_POST (post));
  g_return_if_fail (byline_remote_post_get_id (post) > 0);
  g_return_if_fail (base_modified_gmt != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  BYLINE_CMS_CLIENT_GET_IFACE (self)->update_post_async (self, post, base_modified_gmt,
                                                         cancellable, callback, user_data);
}

BylineRemotePost *
byline_cms_client_post_finish (BylineCmsClient  *self,
                               GAsyncResult     *result,
                               GError          **error)
{
  g_return_val_if_fail (BYLINE_IS_CMS_CLIENT (self), NULL);
  g_return_val_if_fail (G_IS_ASYNC_RESULT (result), NULL);

  return BYLINE_CMS_CLIENT_GET_IFACE (self)->post_finish (self, result, error);
}

/**
 * byline_cms_client_upload_media_async:
 * @self: a #BylineCmsClient
 * @file: the file to upload, read as it is sent
 * @filename: the name the CMS gets for it, such as "harbour.jpg"
 * @content_type: its MIME type, such as "image/jpeg"
 * @client_uuid: (nullable): the id Byline gave the file (its image's UUID),
 *   which the CMS keeps so that byline_cms_client_find_media_async() can
 *   find the item after an answer got lost
 * @fields: (nullable): caption, alt text, description and credits to set once uploaded
 * @progress_callback: (nullable): called in the thread-default
 *   main context as bytes of @file are sent
 * @progress_data: data for @progress_callback
 * @cancellable: (nullable): stops the upload, also half-way through
 * @callback: called when the media item exists with its fields set
 * @user_data: data for @callback
 *
 * Adds @file to the CMS's media library.
 */
void
byline_cms_client_upload_media_async (BylineCmsClient       *self,
                                      GFile                 *file,
                                      const char            *filename,
                                      const char            *content_type,
                                      const char            *client_uuid,
                                      BylineRemoteMedia     *fields,
                                      GFileProgressCallback  progress_callback,
                                      gpointer               progress_data,
                                      GCancellable          *cancellable,
                                      GAsyncReadyCallback    callback,
                                      gpointer               user_data)
{
  g_return_if_fail (BYLINE_IS_CMS_CLIENT (self));
  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (filename != NULL && *filename != '\0');
  g_return_if_fail (content_type != NULL && *content_type != '\0');
  g_return_if_fail (fields == NULL || BYLINE_IS_REMOTE_MEDIA (fields));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  BYLINE_CMS_CLIENT_GET_IFACE (self)->upload_media_async (self, file, filename, content_type, client_uuid, fields,
                                                          progress_callback, progress_data,
                                                          cancellable, callback, user_data);
}

/**
 * byline_cms_client_find_media_async:
 * @self: a #BylineCmsClient
 * @client_uuid: the id given to byline_cms_client_upload_media_async()
 * @cancellable: (nullable): a #GCancellable
 * @callback: finish with byline_cms_client_upload_media_finish()
 * @user_data: data for @callback
 *
 * Looks up the media item uploaded with @client_uuid, which is how an upload
 * whose answer got lost is recognised instead of being sent twice. Fails with
 * %BYLINE_CMS_ERROR_NOT_FOUND when there is none, and with
 * %G_IO_ERROR_NOT_SUPPORTED when the CMS cannot look one up.
 */
void
byline_cms_client_find_media_async (BylineCmsClient     *self,
                                    const char          *client_uuid,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_return_if_fail (BYLINE_IS_CMS_CLIENT (self));
  g_return_if_fail (client_uuid != NULL && *client_uuid != '\0');
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  BYLINE_CMS_CLIENT_GET_IFACE (self)->find_media_async (self, client_uuid, cancellable, callback, user_data);
}

/* Returns: (transfer full): the media item as the server has it, with what
 * it read from the file's own metadata */
BylineRemoteMedia *
byline_cms_client_upload_media_finish (BylineCmsClient  *self,
                                       GAsyncResult     *result,
                                       GError          **error)
{
  g_return_val_if_fail (BYLINE_IS_CMS_CLIENT (self), NULL);
  g_return_val_if_fail (G_IS_ASYNC_RESULT (result), NULL);

  return BYLINE_CMS_CLIENT_GET_IFACE (self)->upload_media_finish (self, result, error);
}

/**
 * byline_cms_client_update_media_async:
 * @self: a #BylineCmsClient
 * @media_id: a media item the server already has
 * @fields: the caption, alt text and credits to set on it
 * @cancellable: (nullable): a #GCancellable
 * @callback: finish with byline_cms_client_upload_media_finish()
 * @user_data: data for @callback
 *
 * The second half of an upload, alone: sending it again after a lost answer
 * changes nothing, where sending the file again would make a second item.
 */
void
byline_cms_client_update_media_async (BylineCmsClient     *self,
                                      gint64               media_id,
                                      BylineRemoteMedia   *fields,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  g_return_if_fail (BYLINE_IS_CMS_CLIENT (self));
  g_return_if_fail (media_id > 0);
  g_return_if_fail (BYLINE_IS_REMOTE_MEDIA (fields));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  BYLINE_CMS_CLIENT_GET_IFACE (self)->update_media_async (self, media_id, fields, cancellable, callback,
                                                          user_data);
}

void
byline_cms_client_list_terms_async (BylineCmsClient          *self,
                                    const BylineCmsTermQuery *query,
                                    GCancellable             *cancellable,
                                    GAsyncReadyCallback       callback,
                                    gpointer                  user_data)
{
  g_return_if_fail (BYLINE_IS_CMS_CLIENT (self));
  g_return_if_fail (query != NULL);
  g_return_if_fail (query->n_include == 0 || query->include != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  BYLINE_CMS_CLIENT_GET_IFACE (self)->list_terms_async (self, query, cancellable, callback, user_data);
}

/* Returns: (transfer container) (element-type BylineCmsTerm): the terms of
 * this page; total_pages is the server's count for the whole listing. */
GPtrArray *
byline_cms_client_list_terms_finish (BylineCmsClient  *self,
                                     GAsyncResult     *result,
                                     guint            *total_pages,
                                     GError          **error)
{
  g_return_val_if_fail (BYLINE_IS_CMS_CLIENT (self), NULL);
  g_return_val_if_fail (G_IS_ASYNC_RESULT (result), NULL);

  return BYLINE_CMS_CLIENT_GET_IFACE (self)->list_terms_finish (self, result, total_pages, error);
}

/* Creates a term, or finds the one the server already has under that name
 * (a colleague may have added it since the last listing). A user the CMS
 * does not let add terms gets BYLINE_CMS_ERROR_FORBIDDEN. */
void
byline_cms_client_create_term_async (BylineCmsClient     *self,
                                     BylineCmsTaxonomy    taxonomy,
                                     const char          *name,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  g_return_if_fail (BYLINE_IS_CMS_CLIENT (self));
  g_return_if_fail (taxonomy <= BYLINE_CMS_TAXONOMY_CATEGORY);
  g_return_if_fail (name != NULL && *name != '\0');
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  BYLINE_CMS_CLIENT_GET_IFACE (self)->create_term_async (self, taxonomy, name, cancellable, callback,
                                                         user_data);
}

BylineCmsTerm *
byline_cms_client_create_term_finish (BylineCmsClient  *self,
                                      GAsyncResult     *result,
                                      GError          **error)
{
  g_return_val_if_fail (BYLINE_IS_CMS_CLIENT (self), NULL);
  g_return_val_if_fail (G_IS_ASYNC_RESULT (result), NULL);

  return BYLINE_CMS_CLIENT_GET_IFACE (self)->create_term_finish (self, result, error);
}

BylineCmsTerm *
byline_cms_term_new (gint64      id,
                     const char *name,
                     const char *slug)
{
  BylineCmsTerm *term = g_new0 (BylineCmsTerm, 1);

  term->id = id;
  term->name = g_strdup (name);
  term->slug = g_strdup (slug);
  return term;
}

void
byline_cms_term_free (BylineCmsTerm *term)
{
  if (term == NULL)
    return;

  g_free (term->name);
  g_free (term->slug);
  g_free (term);
}

/* Worth trying again later with the same request, as opposed to errors that
 * need the user (or a changed request) before anything can succeed. */
gboolean
byline_cms_error_is_transient (const GError *error)
{
  g_return_val_if_fail (error != NULL, FALSE);

  return g_error_matches (error, BYLINE_CMS_ERROR, BYLINE_CMS_ERROR_OFFLINE) ||
         g_error_matches (error, BYLINE_CMS_ERROR, BYLINE_CMS_ERROR_SERVER_ERROR) ||
         g_error_matches (error, BYLINE_CMS_ERROR, BYLINE_CMS_ERROR_BAD_RESPONSE);
}
