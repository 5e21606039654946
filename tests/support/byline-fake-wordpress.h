/* byline-fake-wordpress.h: a SoupServer on 127.0.0.1 that plays WordPress for the unit tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

G_BEGIN_DECLS

#define BYLINE_FAKE_WORDPRESS_JSON "application/json; charset=UTF-8"

typedef struct _BylineFakeWordpress BylineFakeWordpress;

/* Answers a request the fake does not know itself; returns FALSE to let it go on.
 * @key is "GET /wp-json/wp/v2/posts", or "GET ?rest_route=/wp/v2/posts" without
 * pretty permalinks; @query is never NULL. */
typedef gboolean (*BylineFakeWordpressRoute) (SoupServerMessage *msg,
                                              const char        *key,
                                              const char        *path,
                                              GHashTable        *query,
                                              gpointer           user_data);

typedef enum
{
  BYLINE_FAKE_FAIL_BEFORE,
  BYLINE_FAKE_FAIL_AFTER,
  BYLINE_FAKE_GARBAGE_AFTER,
} BylineFakeFault;

typedef struct
{
  gint64  id;
  char   *status;
  char   *title;
  char   *excerpt;
  char   *content;
  char   *modified;
  char   *client_uuid;
  GArray *tags;
  GArray *categories;
} BylineFakePost;

void                 byline_fake_wordpress_test_init            (int                      *argc,
                                                                 char                   ***argv);

BylineFakeWordpress *byline_fake_wordpress_new                  (BylineFakeWordpressRoute  route,
                                                                 gpointer                  user_data);
void                 byline_fake_wordpress_free                 (BylineFakeWordpress      *self);
const char          *byline_fake_wordpress_get_url              (BylineFakeWordpress      *self);

void                 byline_fake_wordpress_reply                (BylineFakeWordpress      *self,
                                                                 const char               *key,
                                                                 guint                     status,
                                                                 const char               *content_type,
                                                                 const char               *body);
void                 byline_fake_wordpress_set_totals           (BylineFakeWordpress      *self,
                                                                 const char               *key,
                                                                 guint                     total_pages,
                                                                 guint                     total);
void                 byline_fake_wordpress_serve_index          (BylineFakeWordpress      *self,
                                                                 const char               *namespaces);
void                 byline_fake_wordpress_fail                 (BylineFakeWordpress      *self,
                                                                 const char               *pattern,
                                                                 BylineFakeFault           fault,
                                                                 guint                     status,
                                                                 guint                     times);

GPtrArray           *byline_fake_wordpress_get_requests         (BylineFakeWordpress      *self);
GArray              *byline_fake_wordpress_get_request_times    (BylineFakeWordpress      *self);
guint                byline_fake_wordpress_count_requests       (BylineFakeWordpress      *self,
                                                                 const char               *pattern);
const char          *byline_fake_wordpress_get_last_header      (BylineFakeWordpress      *self,
                                                                 const char               *name);
const char          *byline_fake_wordpress_get_last_body        (BylineFakeWordpress      *self);
GHashTable          *byline_fake_wordpress_get_last_query       (BylineFakeWordpress      *self);

void                 byline_fake_wordpress_serve_posts          (BylineFakeWordpress      *self);
GHashTable          *byline_fake_wordpress_get_posts            (BylineFakeWordpress      *self);
BylineFakePost      *byline_fake_wordpress_add_post             (BylineFakeWordpress      *self,
                                                                 const char               *title,
                                                                 const char               *status);
BylineFakePost      *byline_fake_wordpress_get_post             (BylineFakeWordpress      *self,
                                                                 gint64                    id);
void                 byline_fake_wordpress_touch_post           (BylineFakeWordpress      *self,
                                                                 BylineFakePost           *post);
guint                byline_fake_wordpress_count_posts_with_uuid (BylineFakeWordpress *self,
                                                                  const char          *uuid);
JsonObject          *byline_fake_wordpress_get_last_post_body   (BylineFakeWordpress      *self);

void                 byline_fake_wordpress_reply_text           (SoupServerMessage        *msg,
                                                                 guint                     status,
                                                                 const char               *text);
void                 byline_fake_wordpress_reply_json           (SoupServerMessage        *msg,
                                                                 guint                     status,
                                                                 JsonBuilder              *builder);
void                 byline_fake_wordpress_reply_error          (SoupServerMessage        *msg,
                                                                 guint                     status,
                                                                 const char               *code,
                                                                 const char               *message);
void                 byline_fake_wordpress_reply_page           (SoupServerMessage        *msg,
                                                                 GPtrArray                *items,
                                                                 GHashTable               *query,
                                                                 void                    (*add) (JsonBuilder *, gpointer));
JsonObject          *byline_fake_wordpress_request_object       (SoupServerMessage        *msg,
                                                                 JsonParser               *parser);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BylineFakeWordpress, byline_fake_wordpress_free)

G_END_DECLS
