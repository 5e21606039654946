/* byline-term-map.h: names and ids of one taxonomy's terms on a CMS
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "byline-cms-client.h"

G_BEGIN_DECLS

#define BYLINE_TYPE_TERM_MAP (byline_term_map_get_type ())

G_DECLARE_FINAL_TYPE (BylineTermMap, byline_term_map, BYLINE, TERM_MAP, GObject)

BylineTermMap     *byline_term_map_new                  (BylineCmsClient      *client,
                                                         BylineCmsTaxonomy     taxonomy);
BylineCmsTaxonomy  byline_term_map_get_taxonomy         (BylineTermMap        *self);

const char        *byline_term_map_lookup_id            (BylineTermMap        *self,
                                                         gint64                id);
gboolean           byline_term_map_knows_id             (BylineTermMap        *self,
                                                         gint64                id);
gint64             byline_term_map_lookup_name          (BylineTermMap        *self,
                                                         const char           *name);
const char        *byline_term_map_get_refusal          (BylineTermMap        *self,
                                                         const char           *name);
void               byline_term_map_add                  (BylineTermMap        *self,
                                                         gint64                id,
                                                         const char           *name);
void               byline_term_map_expire               (BylineTermMap        *self);

void               byline_term_map_fetch_ids_async      (BylineTermMap        *self,
                                                         const gint64         *ids,
                                                         guint                 n_ids,
                                                         GCancellable         *cancellable,
                                                         GAsyncReadyCallback   callback,
                                                         gpointer              user_data);
gboolean           byline_term_map_fetch_ids_finish     (BylineTermMap        *self,
                                                         GAsyncResult         *result,
                                                         guint                *requests,
                                                         GError              **error);
void               byline_term_map_resolve_names_async  (BylineTermMap        *self,
                                                         const char * const   *names,
                                                         GCancellable         *cancellable,
                                                         GAsyncReadyCallback   callback,
                                                         gpointer              user_data);
gboolean           byline_term_map_resolve_names_finish (BylineTermMap        *self,
                                                         GAsyncResult         *result,
                                                         guint                *requests,
                                                         GError              **error);

G_END_DECLS
