/* byline-store.h: the local newsroom store (SQLite, WAL)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "model/byline-types.h"

G_BEGIN_DECLS

#define BYLINE_STORE_ERROR (byline_store_error_quark ())

typedef enum
{
  BYLINE_STORE_ERROR_CORRUPT,
  BYLINE_STORE_ERROR_NEWER_SCHEMA,
  BYLINE_STORE_ERROR_IO,
  BYLINE_STORE_ERROR_NOT_FOUND,
  BYLINE_STORE_ERROR_INVALID,
} BylineStoreError;

#define BYLINE_TYPE_STORE (byline_store_get_type ())

G_DECLARE_FINAL_TYPE (BylineStore, byline_store, BYLINE, STORE, GObject)

GQuark        byline_store_error_quark          (void);

char         *byline_store_default_path         (void);

BylineStore  *byline_store_open                 (const char           *path,
                                                 GError              **error);
void          byline_store_open_async           (const char           *path,
                                                 GCancellable         *cancellable,
                                                 GAsyncReadyCallback   callback,
                                                 gpointer              user_data);
BylineStore  *byline_store_open_finish          (GAsyncResult         *result,
                                                 GError              **error);

const char   *byline_store_get_path             (BylineStore          *self);
const char   *byline_store_get_moved_aside_path (BylineStore          *self);
GListModel   *byline_store_get_stories          (BylineStore          *self);
GListModel   *byline_store_get_authors          (BylineStore          *self);
BylineStory  *byline_store_find_story           (BylineStore          *self,
                                                 const char           *uuid);
gboolean      byline_store_is_empty             (BylineStore          *self);

gboolean      byline_store_save_story           (BylineStore          *self,
                                                 BylineStory          *story,
                                                 GError              **error);
void          byline_store_save_story_async     (BylineStore          *self,
                                                 BylineStory          *story,
                                                 GCancellable         *cancellable,
                                                 GAsyncReadyCallback   callback,
                                                 gpointer              user_data);
gboolean      byline_store_save_story_finish    (BylineStore          *self,
                                                 GAsyncResult         *result,
                                                 GError              **error);
void          byline_store_save_stories_async   (BylineStore          *self,
                                                 GPtrArray            *stories,
                                                 GCancellable         *cancellable,
                                                 GAsyncReadyCallback   callback,
                                                 gpointer              user_data);
gboolean      byline_store_load_body            (BylineStore          *self,
                                                 BylineStory          *story,
                                                 GError              **error);

gboolean      byline_store_trash_story          (BylineStore          *self,
                                                 BylineStory          *story,
                                                 GError              **error);
gboolean      byline_store_restore_story        (BylineStore          *self,
                                                 BylineStory          *story,
                                                 GError              **error);
GListModel   *byline_store_list_trash           (BylineStore          *self,
                                                 GError              **error);

GListModel   *byline_store_list_images          (BylineStore          *self,
                                                 const char           *story_uuid,
                                                 GError              **error);
gboolean      byline_store_save_image           (BylineStore          *self,
                                                 BylineImage          *image,
                                                 GError              **error);
gboolean      byline_store_remove_image         (BylineStore          *self,
                                                 BylineImage          *image,
                                                 GError              **error);

gboolean      byline_store_save_author          (BylineStore          *self,
                                                 BylineAuthor         *author,
                                                 GError              **error);

gboolean      byline_store_load_sample          (BylineStore          *self,
                                                 GError              **error);

G_END_DECLS
