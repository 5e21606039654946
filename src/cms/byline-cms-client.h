/* byline-cms-client.h: what Byline needs from a content management system
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "byline-remote-account.h"
#include "byline-remote-media.h"
#include "byline-remote-post.h"

G_BEGIN_DECLS

#define BYLINE_CMS_ERROR (byline_cms_error_quark ())

/* Each code asks the caller for a different reaction: the sync engine retries
 * OFFLINE, SERVER_ERROR and BAD_RESPONSE, and stops the operation on the rest. */
typedef enum
{
  BYLINE_CMS_ERROR_UNAUTHORIZED,
  BYLINE_CMS_ERROR_FORBIDDEN,
  BYLINE_CMS_ERROR_NOT_FOUND,
  BYLINE_CMS_ERROR_CONFLICT,
  BYLINE_CMS_ERROR_OFFLINE,
  BYLINE_CMS_ERROR_SERVER_ERROR,
  BYLINE_CMS_ERROR_BAD_RESPONSE,
  BYLINE_CMS_ERROR_NOT_WORDPRESS,
  BYLINE_CMS_ERROR_AUTH_HEADER_STRIPPED,
  BYLINE_CMS_ERROR_TLS,
  BYLINE_CMS_ERROR_INVALID,
} BylineCmsError;

/* One page of a post listing. statuses is a NULL-terminated list of the
 * CMS's own status names; NULL asks for every status the user may edit.
 * include, when n_include is not 0, limits the listing to those ids.
 * read_only lists what the user may read rather than edit; those posts come
 * without their text (byline_remote_post_get_read_only()). */
typedef struct
{
  guint               page;
  guint               per_page;
  const char * const *statuses;
  GDateTime          *modified_after;
  const gint64       *include;
  guint               n_include;
  gboolean            read_only;
} BylineCmsPostQuery;

typedef enum
{
  BYLINE_CMS_TAXONOMY_TAG,
  BYLINE_CMS_TAXONOMY_CATEGORY,
} BylineCmsTaxonomy;

/* A term as the CMS has it: name is the CMS's spelling, which may differ
 * from the one asked for (WordPress trims it and escapes "&"). */
typedef struct
{
  gint64  id;
  char   *name;
  char   *slug;
} BylineCmsTerm;

/* One page of a term listing, oldest term first. include, when n_include is
 * not 0, limits the listing to those ids. */
typedef struct
{
  BylineCmsTaxonomy  taxonomy;
  guint              page;
  guint              per_page;
  const gint64      *include;
  guint              n_include;
} BylineCmsTermQuery;

#define BYLINE_TYPE_CMS_CLIENT (byline_cms_client_get_type ())

G_DECLARE_INTERFACE (BylineCmsClient, byline_cms_client, BYLINE, CMS_CLIENT, GObject)

struct _BylineCmsClientInterface
{
  GTypeInterface parent_iface;

  void                 (*verify_account_async)       (BylineCmsClient           *self,
                                                      GCancellable              *cancellable,
                                                      GAsyncReadyCallback        callback,
                                                      gpointer                   user_data);
  BylineRemoteAccount *(*verify_account_finish)      (BylineCmsClient           *self,
                                                      GAsyncResult              *result,
                                                      GError                   **error);
  void                 (*list_posts_async)           (BylineCmsClient           *self,
                                                      const BylineCmsPostQuery  *query,
                                                      GCancellable              *cancellable,
                                                      GAsyncReadyCallback        callback,
                                                      gpointer                   user_data);
  GListModel          *(*list_posts_finish)          (BylineCmsClient           *self,
                                                      GAsyncResult              *result,
                                                      guint                     *total_pages,
                                                      guint                     *total_posts,
                                                      GError                   **error);
  void                 (*get_post_async)             (BylineCmsClient           *self,
                                                      gint64                     id,
                                                      GCancellable              *cancellable,
                                                      GAsyncReadyCallback        callback,
                                                      gpointer                   user_data);
  /* The post as far as the account may read it: for editing when it may
   * edit it, read-only (byline_remote_post_get_read_only()) otherwise. */
  void                 (*read_post_async)            (BylineCmsClient           *self,
                                                      gint64                     id,
                                                      GCancellable              *cancellable,
                                                      GAsyncReadyCallback        callback,
                                                      gpointer                   user_data);
  void                 (*find_post_async)            (BylineCmsClient           *self,
                                                      const char                *client_uuid,
                                                      GCancellable              *cancellable,
                                                      GAsyncReadyCallback        callback,
                                                      gpointer                   user_data);
  void                 (*create_post_async)          (BylineCmsClient           *self,
                                                      BylineRemotePost          *post,
                                                      GCancellable              *cancellable,
                                                      GAsyncReadyCallback        callback,
                                                      gpointer                   user_data);
  void                 (*update_post_async)          (BylineCmsClient           *self,
                                                      BylineRemotePost          *post,
                                                      const char                *base_modified_gmt,
                                                      GCancellable              *cancellable,
                                                      GAsyncReadyCallback        callback,
                                                      gpointer                   user_data);
  /* Finishes get, read, find, create and update: each yields the server's copy. */
  BylineRemotePost    *(*post_finish)                (BylineCmsClient           *self,
                                                      GAsyncResult              *result,
                                                      GError                   **error);
  void                 (*upload_media_async)         (BylineCmsClient           *self,
                                                      GFile                     *file,
                                                      const char                *filename,
                                                      const char                *content_type,
                                                      const char                *client_uuid,
                                                      BylineRemoteMedia         *fields,
                                                      GFileProgressCallback      progress_callback,
                                                      gpointer                   progress_data,
                                                      GCancellable              *cancellable,
                                                      GAsyncReadyCallback        callback,
                                                      gpointer                   user_data);
  BylineRemoteMedia   *(*upload_media_finish)        (BylineCmsClient           *self,
                                                      GAsyncResult              *result,
                                                      GError                   **error);
  /* Finds the media item uploaded with client_uuid; finished by upload_media_finish. */
  void                 (*find_media_async)           (BylineCmsClient           *self,
                                                      const char                *client_uuid,
                                                      GCancellable              *cancellable,
                                                      GAsyncReadyCallback        callback,
                                                      gpointer                   user_data);
  /* Sets the fields of a media item already uploaded; finished by upload_media_finish. */
  void                 (*update_media_async)         (BylineCmsClient           *self,
                                                      gint64                     media_id,
                                                      BylineRemoteMedia         *fields,
                                                      GCancellable              *cancellable,
                                                      GAsyncReadyCallback        callback,
                                                      gpointer                   user_data);
  void                 (*list_terms_async)           (BylineCmsClient           *self,
                                                      const BylineCmsTermQuery  *query,
                                                      GCancellable              *cancellable,
                                                      GAsyncReadyCallback        callback,
                                                      gpointer                   user_data);
  GPtrArray           *(*list_terms_finish)          (BylineCmsClient           *self,
                                                      GAsyncResult              *result,
                                                      guint                     *total_pages,
                                                      GError                   **error);
  void                 (*create_term_async)          (BylineCmsClient           *self,
                                                      BylineCmsTaxonomy          taxonomy,
                                                      const char                *name,
                                                      GCancellable              *cancellable,
                                                      GAsyncReadyCallback        callback,
                                                      gpointer                   user_data);
  BylineCmsTerm       *(*create_term_finish)         (BylineCmsClient           *self,
                                                      GAsyncResult              *result,
                                                      GError                   **error);
};

GQuark               byline_cms_error_quark              (void);

void                 byline_cms_client_verify_account_async  (BylineCmsClient          *self,
                                                              GCancellable             *cancellable,
                                                              GAsyncReadyCallback       callback,
                                                              gpointer                  user_data);
BylineRemoteAccount *byline_cms_client_verify_account_finish (BylineCmsClient          *self,
                                                              GAsyncResult             *result,
                                                              GError                  **error);
void                 byline_cms_client_list_posts_async      (BylineCmsClient          *self,
                                                              const BylineCmsPostQuery *query,
                                                              GCancellable             *cancellable,
                                                              GAsyncReadyCallback       callback,
                                                              gpointer                  user_data);
GListModel          *byline_cms_client_list_posts_finish     (BylineCmsClient          *self,
                                                              GAsyncResult             *result,
                                                              guint                    *total_pages,
                                                              guint                    *total_posts,
                                                              GError                  **error);
void                 byline_cms_client_get_post_async        (BylineCmsClient          *self,
                                                              gint64                    id,
                                                              GCancellable             *cancellable,
                                                              GAsyncReadyCallback       callback,
                                                              gpointer                  user_data);
void                 byline_cms_client_read_post_async       (BylineCmsClient          *self,
                                                              gint64                    id,
                                                              GCancellable             *cancellable,
                                                              GAsyncReadyCallback       callback,
                                                              gpointer                  user_data);
void                 byline_cms_client_find_post_async       (BylineCmsClient          *self,
                                                              const char               *client_uuid,
                                                              GCancellable             *cancellable,
                                                              GAsyncReadyCallback       callback,
                                                              gpointer                  user_data);
void                 byline_cms_client_create_post_async     (BylineCmsClient          *self,
                                                              BylineRemotePost         *post,
                                                              GCancellable             *cancellable,
                                                              GAsyncReadyCallback       callback,
                                                              gpointer                  user_data);
void                 byline_cms_client_update_post_async     (BylineCmsClient          *self,
                                                              BylineRemotePost         *post,
                                                              const char               *base_modified_gmt,
                                                              GCancellable             *cancellable,
                                                              GAsyncReadyCallback       callback,
                                                              gpointer                  user_data);
BylineRemotePost    *byline_cms_client_post_finish           (BylineCmsClient          *self,
                                                              GAsyncResult             *result,
                                                              GError                  **error);
void                 byline_cms_client_upload_media_async    (BylineCmsClient          *self,
                                                              GFile                    *file,
                                                              const char               *filename,
                                                              const char               *content_type,
                                                              const char               *client_uuid,
                                                              BylineRemoteMedia        *fields,
                                                              GFileProgressCallback     progress_callback,
                                                              gpointer                  progress_data,
                                                              GCancellable             *cancellable,
                                                              GAsyncReadyCallback       callback,
                                                              gpointer                  user_data);
BylineRemoteMedia   *byline_cms_client_upload_media_finish   (BylineCmsClient          *self,
                                                              GAsyncResult             *result,
                                                              GError                  **error);
void                 byline_cms_client_find_media_async      (BylineCmsClient          *self,
                                                              const char               *client_uuid,
                                                              GCancellable             *cancellable,
                                                              GAsyncReadyCallback       callback,
                                                              gpointer                  user_data);
void                 byline_cms_client_update_media_async    (BylineCmsClient          *self,
                                                              gint64                    media_id,
                                                              BylineRemoteMedia        *fields,
                                                              GCancellable             *cancellable,
                                                              GAsyncReadyCallback       callback,
                                                              gpointer                  user_data);

void                 byline_cms_client_list_terms_async      (BylineCmsClient          *self,
                                                              const BylineCmsTermQuery *query,
                                                              GCancellable             *cancellable,
                                                              GAsyncReadyCallback       callback,
                                                              gpointer                  user_data);
GPtrArray           *byline_cms_client_list_terms_finish     (BylineCmsClient          *self,
                                                              GAsyncResult             *result,
                                                              guint                    *total_pages,
                                                              GError                  **error);
void                 byline_cms_client_create_term_async     (BylineCmsClient          *self,
                                                              BylineCmsTaxonomy         taxonomy,
                                                              const char               *name,
                                                              GCancellable             *cancellable,
                                                              GAsyncReadyCallback       callback,
                                                              gpointer                  user_data);
BylineCmsTerm       *byline_cms_client_create_term_finish    (BylineCmsClient          *self,
                                                              GAsyncResult             *result,
                                                              GError                  **error);

BylineCmsTerm       *byline_cms_term_new                     (gint64                    id,
                                                              const char               *name,
                                                              const char               *slug);
void                 byline_cms_term_free                    (BylineCmsTerm            *term);

gboolean             byline_cms_error_is_transient           (const GError             *error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BylineCmsTerm, byline_cms_term_free)

G_END_DECLS
