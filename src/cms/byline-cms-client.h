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
 * CMS's own status names; NULL asks for every status the user may edit. */
typedef struct
{
  guint               page;
  guint               per_page;
  const char * const *statuses;
  GDateTime          *modified_after;
} BylineCmsPostQuery;

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
  /* Finishes get, find, create and update: each yields the server's copy. */
  BylineRemotePost    *(*post_finish)                (BylineCmsClient           *self,
                                                      GAsyncResult              *result,
                                                      GError                   **error);
  void                 (*upload_media_async)         (BylineCmsClient           *self,
                                                      GFile                     *file,
                                                      const char                *filename,
                                                      const char                *content_type,
                                                      BylineRemoteMedia         *fields,
                                                      GFileProgressCallback      progress_callback,
                                                      gpointer                   progress_data,
                                                      GCancellable              *cancellable,
                                                      GAsyncReadyCallback        callback,
                                                      gpointer                   user_data);
  BylineRemoteMedia   *(*upload_media_finish)        (BylineCmsClient           *self,
                                                      GAsyncResult              *result,
                                                      GError                   **error);
  /* Sets the fields of a media item already uploaded; finished by upload_media_finish. */
  void                 (*update_media_async)         (BylineCmsClient           *self,
                                                      gint64                     media_id,
                                                      BylineRemoteMedia         *fields,
                                                      GCancellable              *cancellable,
                                                      GAsyncReadyCallback        callback,
                                                      gpointer                   user_data);
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
                                                              BylineRemoteMedia        *fields,
                                                              GFileProgressCallback     progress_callback,
                                                              gpointer                  progress_data,
                                                              GCancellable             *cancellable,
                                                              GAsyncReadyCallback       callback,
                                                              gpointer                  user_data);
BylineRemoteMedia   *byline_cms_client_upload_media_finish   (BylineCmsClient          *self,
                                                              GAsyncResult             *result,
                                                              GError                  **error);
void                 byline_cms_client_update_media_async    (BylineCmsClient          *self,
                                                              gint64                    media_id,
                                                              BylineRemoteMedia        *fields,
                                                              GCancellable             *cancellable,
                                                              GAsyncReadyCallback       callback,
                                                              gpointer                  user_data);

gboolean             byline_cms_error_is_transient           (const GError             *error);

G_END_DECLS
