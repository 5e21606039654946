/* byline-remote-post.h: a post as the CMS stores it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "model/byline-story.h"
#include "store/byline-store.h"

G_BEGIN_DECLS

#define BYLINE_TYPE_REMOTE_POST (byline_remote_post_get_type ())

G_DECLARE_FINAL_TYPE (BylineRemotePost, byline_remote_post, BYLINE, REMOTE_POST, GObject)

BylineRemotePost *byline_remote_post_new               (void);
BylineRemotePost *byline_remote_post_new_from_json     (JsonNode          *node,
                                                        GError           **error);
BylineRemotePost *byline_remote_post_new_from_view_json (JsonNode         *node,
                                                        GError           **error);
BylineRemotePost *byline_remote_post_new_from_story    (BylineStory       *story);
BylineRemotePost *byline_remote_post_new_for_push      (BylineStore       *store,
                                                        BylineStory       *story);
JsonNode         *byline_remote_post_to_json           (BylineRemotePost  *self,
                                                        gboolean           with_companion_meta);
char             *byline_remote_post_dup_story_body    (BylineRemotePost  *self);
void              byline_remote_post_apply_to_story    (BylineRemotePost  *self,
                                                        BylineStory       *story);

gboolean          byline_remote_post_get_read_only     (BylineRemotePost  *self);
gint64            byline_remote_post_get_id            (BylineRemotePost  *self);
void              byline_remote_post_set_id            (BylineRemotePost  *self,
                                                        gint64             id);
const char       *byline_remote_post_get_status        (BylineRemotePost  *self);
void              byline_remote_post_set_status        (BylineRemotePost  *self,
                                                        const char        *status);
const char       *byline_remote_post_get_title         (BylineRemotePost  *self);
void              byline_remote_post_set_title         (BylineRemotePost  *self,
                                                        const char        *title);
const char       *byline_remote_post_get_excerpt       (BylineRemotePost  *self);
void              byline_remote_post_set_excerpt       (BylineRemotePost  *self,
                                                        const char        *excerpt);
const char       *byline_remote_post_get_content       (BylineRemotePost  *self);
void              byline_remote_post_set_content       (BylineRemotePost  *self,
                                                        const char        *content);
const char       *byline_remote_post_get_modified_gmt  (BylineRemotePost  *self);
const char       *byline_remote_post_get_date_gmt      (BylineRemotePost  *self);
void              byline_remote_post_set_date_gmt      (BylineRemotePost  *self,
                                                        const char        *date_gmt);
gint64            byline_remote_post_get_author        (BylineRemotePost  *self);
void              byline_remote_post_set_author        (BylineRemotePost  *self,
                                                        gint64             author);
gint64            byline_remote_post_get_featured_media (BylineRemotePost *self);
void              byline_remote_post_set_featured_media (BylineRemotePost *self,
                                                        gint64             media_id);
GArray           *byline_remote_post_get_tags          (BylineRemotePost  *self);
void              byline_remote_post_set_tags          (BylineRemotePost  *self,
                                                        const gint64      *ids,
                                                        guint              n_ids);
GArray           *byline_remote_post_get_categories    (BylineRemotePost  *self);
void              byline_remote_post_set_categories    (BylineRemotePost  *self,
                                                        const gint64      *ids,
                                                        guint              n_ids);
const char       *byline_remote_post_get_client_uuid   (BylineRemotePost  *self);
void              byline_remote_post_set_client_uuid   (BylineRemotePost  *self,
                                                        const char        *client_uuid);
const char       *byline_remote_post_get_history       (BylineRemotePost  *self);
void              byline_remote_post_set_history       (BylineRemotePost  *self,
                                                        const char        *history_json);

const char       *byline_remote_post_status_from_story (BylineStoryStatus  status);
gboolean          byline_remote_post_status_to_story   (const char        *remote_status,
                                                        BylineStoryStatus *status);

G_END_DECLS
