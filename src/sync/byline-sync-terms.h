/* byline-sync-terms.h: tags and categories between a story's names and a
 * post's ids, for the sync engine
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "cms/byline-cms-client.h"

G_BEGIN_DECLS

#define BYLINE_TYPE_SYNC_TERMS (byline_sync_terms_get_type ())

G_DECLARE_FINAL_TYPE (BylineSyncTerms, byline_sync_terms, BYLINE, SYNC_TERMS, GObject)

BylineSyncTerms *byline_sync_terms_new              (BylineCmsClient      *client);
void             byline_sync_terms_begin_run        (BylineSyncTerms      *self);

void             byline_sync_terms_learn_async      (BylineSyncTerms      *self,
                                                     GListModel           *posts,
                                                     GCancellable         *cancellable,
                                                     GAsyncReadyCallback   callback,
                                                     gpointer              user_data);
GListModel      *byline_sync_terms_learn_finish     (BylineSyncTerms      *self,
                                                     GAsyncResult         *result,
                                                     guint                *requests,
                                                     GError              **error);
void             byline_sync_terms_apply_to_story   (BylineSyncTerms      *self,
                                                     BylineRemotePost     *post,
                                                     BylineStory          *story);

void             byline_sync_terms_resolve_async    (BylineSyncTerms      *self,
                                                     BylineStory          *story,
                                                     GCancellable         *cancellable,
                                                     GAsyncReadyCallback   callback,
                                                     gpointer              user_data);
gboolean         byline_sync_terms_resolve_finish   (BylineSyncTerms      *self,
                                                     GAsyncResult         *result,
                                                     guint                *requests,
                                                     guint                *kept_local,
                                                     GError              **error);
void             byline_sync_terms_apply_to_post    (BylineSyncTerms      *self,
                                                     BylineStory          *story,
                                                     BylineRemotePost     *post);

G_END_DECLS
