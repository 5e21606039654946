/* byline-fake-wordpress.c: a SoupServer on 127.0.0.1 that plays WordPress for the unit tests
 *
 * It runs in the thread-default main context of the test, so that a test sees
 * and changes the fake's state between two iterations without locking. What
 * every test's WordPress shares lives here: the log of requests, canned
 * answers by route, failures injected before or after the work, and a post
 * store that behaves like wp/v2 with the companion plugin (client UUID
 * lookup, 412 on a stale base, a clock that ticks one second per write).
 * Whatever one test alone needs comes in through its BylineFakeWordpressRoute.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "byline-fake-wordpress.h"

typedef struct
{
  guint  status;
  char  *content_type;
  char  *body;
  char  *total_pages;
  char  *total;
} CannedReply;

typedef struct
{
  char            *pattern;
  BylineFakeFault  kind;
  guint            status;
  guint            remaining;
} Fault;

struct _BylineFakeWordpress
{
  SoupServer               *server;
  char                     *url;
  BylineFakeWordpressRoute  route;
  gpointer                  route_data;
  GHashTable               *replies;
  GPtrArray                *faults;
  GPtrArray                *requests;
  GArray                   *request_times;
  SoupMessageHeaders       *last_headers;
  char                     *last_body;
  GHashTable               *last_query;
  gboolean                  speaks_rest;
  gboolean                  serves_posts;
  GHashTable               *posts;
  gint64                    next_post_id;
  guint                     clock;
  JsonNode                  *last_post_body;
};

static void
canned_reply_free (CannedReply *reply)
{
  g_free (reply->content_type);
  g_free (reply->body);
  g_free (reply->total_pages);
  g_free (reply->total);
  g_free (reply);
}

static void
fault_free (Fault *fault)
{
  g_free (fault->pattern);
  g_free (fault);
}

static void
fake_post_free (BylineFakePost *post)
{
  g_free (post->status);
  g_free (post->title);
  g_free (post->excerpt);
  g_free (post->content);
  g_free (post->modified);
  g_free (post->client_uuid);
  g_array_unref (post->tags);
  g_array_unref (post->categories);
  g_free (post);
}

/* Replies */

/* set_response() appends: a failure injected after the work was done must
 * replace the answer already written. */
void
byline_fake_wordpress_reply_text (SoupServerMessage *msg,
                                  guint              status,
                                  const char        *text)
{
  soup_message_body_truncate (soup_server_message_get_response_body (msg));
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, BYLINE_FAKE_WORDPRESS_JSON, SOUP_MEMORY_COPY, text, strlen (text));
}

void
byline_fake_wordpress_reply_json (SoupServerMessage *msg,
                                  guint              status,
                                  JsonBuilder       *builder)
{
  g_autoptr (JsonNode) root = json_builder_get_root (builder);
  g_autofree char *text = json_to_string (root, FALSE);

  byline_fake_wordpress_reply_text (msg, status, text);
}

void
byline_fake_wordpress_reply_error (SoupServerMessage *msg,
                                   guint              status,
                                   const char        *code,
                                   const char        *message)
{
  g_autofree char *text = g_strdup_printf ("{\"code\":\"%s\",\"message\":\"%s\",\"data\":{\"status\":%u}}",
                                           code, message, status);

  byline_fake_wordpress_reply_text (msg, status, text);
}

/* One page of @items as the "page" and "per_page" of @query ask, with
 * WordPress's X-WP-TotalPages and X-WP-Total. */
void
byline_fake_wordpress_reply_page (SoupServerMessage *msg,
                                  GPtrArray         *items,
                                  GHashTable        *query,
                                  void             (*add) (JsonBuilder *, gpointer))
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);
  guint page = atoi (g_hash_table_lookup (query, "page"));
  guint per_page = atoi (g_hash_table_lookup (query, "per_page"));
  g_autofree char *pages = g_strdup_printf ("%u", MAX (1, (items->len + per_page - 1) / per_page));
  g_autofree char *total = g_strdup_printf ("%u", items->len);

  json_builder_begin_array (builder);
  for (guint i = (page - 1) * per_page; i < MIN (items->len, page * per_page); i++)
    add (builder, g_ptr_array_index (items, i));
  json_builder_end_array (builder);
  byline_fake_wordpress_reply_json (msg, SOUP_STATUS_OK, builder);
  soup_message_headers_replace (headers, "X-WP-TotalPages", pages);
  soup_message_headers_replace (headers, "X-WP-Total", total);
}

JsonObject *
byline_fake_wordpress_request_object (SoupServerMessage *msg,
                                      JsonParser        *parser)
{
  g_autoptr (GBytes) body = soup_message_body_flatten (soup_server_message_get_request_body (msg));

  g_assert_true (json_parser_load_from_data (parser, g_bytes_get_data (body, NULL), g_bytes_get_size (body), NULL));
  return json_node_get_object (json_parser_get_root (parser));
}

/* Post store */

static void
add_raw (JsonBuilder *builder,
         const char  *member,
         const char  *text)
{
  json_builder_set_member_name (builder, member);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "raw");
  json_builder_add_string_value (builder, text);
  json_builder_set_member_name (builder, "rendered");
  json_builder_add_string_value (builder, text);
  json_builder_end_object (builder);
}

static void
add_ids (JsonBuilder *builder,
         const char  *member,
         GArray      *ids)
{
  json_builder_set_member_name (builder, member);
  json_builder_begin_array (builder);
  for (guint i = 0; i < ids->len; i++)
    json_builder_add_int_value (builder, g_array_index (ids, gint64, i));
  json_builder_end_array (builder);
}

static void
add_string (JsonBuilder *builder,
            const char  *member,
            const char  *value)
{
  json_builder_set_member_name (builder, member);
  json_builder_add_string_value (builder, value);
}

static void
add_post (JsonBuilder    *builder,
          BylineFakePost *post)
{
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_int_value (builder, post->id);
  add_string (builder, "status", post->status);
  add_string (builder, "modified_gmt", post->modified);
  add_string (builder, "date_gmt", post->modified);
  add_raw (builder, "title", post->title);
  add_raw (builder, "excerpt", post->excerpt);
  add_raw (builder, "content", post->content);
  add_ids (builder, "tags", post->tags);
  add_ids (builder, "categories", post->categories);
  json_builder_set_member_name (builder, "meta");
  json_builder_begin_object (builder);
  add_string (builder, "byline_client_uuid", post->client_uuid ? post->client_uuid : "");
  json_builder_end_object (builder);
  json_builder_end_object (builder);
}

static void
reply_post (SoupServerMessage *msg,
            guint              status,
            BylineFakePost    *post)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();

  add_post (builder, post);
  byline_fake_wordpress_reply_json (msg, status, builder);
}

static char *
tick (BylineFakeWordpress *self)
{
  g_autoptr (GDateTime) base = g_date_time_new_utc (2024, 5, 1, 12, 0, 0);
  g_autoptr (GDateTime) now = g_date_time_add_seconds (base, ++self->clock);

  return g_date_time_format (now, "%Y-%m-%dT%H:%M:%S");
}

void
byline_fake_wordpress_touch_post (BylineFakeWordpress *self,
                                  BylineFakePost      *post)
{
  g_free (post->modified);
  post->modified = tick (self);
}

BylineFakePost *
byline_fake_wordpress_add_post (BylineFakeWordpress *self,
                                const char          *title,
                                const char          *status)
{
  BylineFakePost *post = g_new0 (BylineFakePost, 1);

  post->id = self->next_post_id++;
  post->status = g_strdup (status);
  post->title = g_strdup (title);
  post->excerpt = g_strdup ("");
  post->content = g_strdup_printf ("<p>%s</p>", title);
  post->modified = tick (self);
  post->tags = g_array_new (FALSE, FALSE, sizeof (gint64));
  post->categories = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_hash_table_insert (self->posts, g_memdup2 (&post->id, sizeof post->id), post);
  return post;
}

BylineFakePost *
byline_fake_wordpress_get_post (BylineFakeWordpress *self,
                                gint64               id)
{
  return g_hash_table_lookup (self->posts, &id);
}

guint
byline_fake_wordpress_count_posts_with_uuid (BylineFakeWordpress *self,
                                             const char          *uuid)
{
  GHashTableIter iter;
  BylineFakePost *post;
  guint count = 0;

  g_hash_table_iter_init (&iter, self->posts);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &post))
    count += g_strcmp0 (post->client_uuid, uuid) == 0;
  return count;
}

static gint
compare_ids (gconstpointer a,
             gconstpointer b)
{
  gint64 x = (*(BylineFakePost **) a)->id, y = (*(BylineFakePost **) b)->id;

  return x < y ? -1 : x > y;
}

static gboolean
is_listed (BylineFakePost *post,
           GStrv           statuses,
           const char     *after)
{
  return (statuses == NULL || g_strv_contains ((const char * const *) statuses, post->status)) &&
         (after == NULL || g_strcmp0 (post->modified, after) > 0);
}

static void
serve_list (BylineFakeWordpress *self,
            SoupServerMessage   *msg,
            GHashTable          *query)
{
  g_autoptr (GPtrArray) posts = g_ptr_array_new ();
  const char *status = g_hash_table_lookup (query, "status");
  const char *after = g_hash_table_lookup (query, "modified_after");
  g_auto (GStrv) statuses = status ? g_strsplit (status, ",", -1) : NULL;
  g_autofree char *after_text = after ? g_strndup (after, 19) : NULL;
  GHashTableIter iter;
  BylineFakePost *post;

  g_hash_table_iter_init (&iter, self->posts);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &post))
    {
      if (is_listed (post, statuses, after_text))
        g_ptr_array_add (posts, post);
    }
  g_ptr_array_sort (posts, compare_ids);
  byline_fake_wordpress_reply_page (msg, posts, query, (void (*) (JsonBuilder *, gpointer)) add_post);
}

static void
serve_find (BylineFakeWordpress *self,
            SoupServerMessage   *msg,
            GHashTable          *query)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  const char *uuid = g_hash_table_lookup (query, "client_uuid");
  GHashTableIter iter;
  BylineFakePost *post;

  json_builder_begin_array (builder);
  g_hash_table_iter_init (&iter, self->posts);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &post))
    {
      if (g_strcmp0 (post->client_uuid, uuid) == 0)
        add_post (builder, post);
    }
  json_builder_end_array (builder);
  byline_fake_wordpress_reply_json (msg, SOUP_STATUS_OK, builder);
}

static void
replace_text (JsonObject  *object,
              const char  *member,
              char       **field)
{
  if (json_object_has_member (object, member))
    {
      g_free (*field);
      *field = g_strdup (json_object_get_string_member (object, member));
    }
}

static void
replace_ids (JsonObject *object,
             const char *member,
             GArray     *ids)
{
  JsonArray *array = json_object_has_member (object, member) ? json_object_get_array_member (object, member) : NULL;

  if (array == NULL)
    return;
  g_array_set_size (ids, 0);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      gint64 id = json_array_get_int_element (array, i);
      g_array_append_val (ids, id);
    }
}

static void
serve_write (BylineFakeWordpress *self,
             SoupServerMessage   *msg,
             BylineFakePost      *post,
             guint                status)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  JsonObject *object = byline_fake_wordpress_request_object (msg, parser);

  g_clear_pointer (&self->last_post_body, json_node_unref);
  self->last_post_body = json_node_copy (json_parser_get_root (parser));
  replace_text (object, "title", &post->title);
  replace_text (object, "excerpt", &post->excerpt);
  replace_text (object, "content", &post->content);
  replace_text (object, "status", &post->status);
  if (json_object_has_member (object, "meta"))
    replace_text (json_object_get_object_member (object, "meta"), "byline_client_uuid", &post->client_uuid);
  replace_ids (object, "tags", post->tags);
  replace_ids (object, "categories", post->categories);
  byline_fake_wordpress_touch_post (self, post);
  reply_post (msg, status, post);
}

static void
serve_update (BylineFakeWordpress *self,
              SoupServerMessage   *msg,
              gint64               id)
{
  const char *base = soup_message_headers_get_one (soup_server_message_get_request_headers (msg),
                                                   "X-Byline-Base-Modified");
  BylineFakePost *post = byline_fake_wordpress_get_post (self, id);

  if (post == NULL)
    byline_fake_wordpress_reply_error (msg, SOUP_STATUS_NOT_FOUND, "rest_post_invalid_id", "Invalid post ID.");
  else if (base != NULL && g_strcmp0 (post->modified, base) > 0)
    byline_fake_wordpress_reply_error (msg, SOUP_STATUS_PRECONDITION_FAILED, "byline_conflict",
                                       "Changed by someone else.");
  else
    serve_write (self, msg, post, SOUP_STATUS_OK);
}

static gboolean
serve_posts (BylineFakeWordpress *self,
             SoupServerMessage   *msg,
             const char          *key,
             GHashTable          *query)
{
  gint64 id = 0;

  if (g_str_equal (key, "GET /wp-json/wp/v2/posts"))
    serve_list (self, msg, query);
  else if (g_str_equal (key, "GET /wp-json/byline/v1/posts"))
    serve_find (self, msg, query);
  else if (g_str_equal (key, "POST /wp-json/wp/v2/posts"))
    serve_write (self, msg, byline_fake_wordpress_add_post (self, "", "draft"), SOUP_STATUS_CREATED);
  else if (sscanf (key, "GET /wp-json/wp/v2/posts/%" G_GINT64_FORMAT, &id) == 1 &&
           byline_fake_wordpress_get_post (self, id))
    reply_post (msg, SOUP_STATUS_OK, byline_fake_wordpress_get_post (self, id));
  else if (sscanf (key, "POST /wp-json/wp/v2/posts/%" G_GINT64_FORMAT, &id) == 1)
    serve_update (self, msg, id);
  else
    return FALSE;
  return TRUE;
}

/* Requests */

static gboolean
serve_canned (BylineFakeWordpress *self,
              SoupServerMessage   *msg,
              const char          *key)
{
  CannedReply *reply = g_hash_table_lookup (self->replies, key);
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);

  if (reply == NULL)
    return FALSE;
  soup_server_message_set_status (msg, reply->status, NULL);
  soup_server_message_set_response (msg, reply->content_type, SOUP_MEMORY_COPY, reply->body, strlen (reply->body));
  if (reply->total_pages != NULL)
    {
      soup_message_headers_replace (headers, "X-WP-TotalPages", reply->total_pages);
      soup_message_headers_replace (headers, "X-WP-Total", reply->total);
    }
  return TRUE;
}

/* Without a REST API the site answers like Apache with nothing installed. */
static void
serve_not_found (BylineFakeWordpress *self,
                 SoupServerMessage   *msg)
{
  static const char not_found_page[] = "<html><body><h1>Not Found</h1></body></html>";

  if (self->speaks_rest)
    {
      byline_fake_wordpress_reply_error (msg, SOUP_STATUS_NOT_FOUND, "rest_no_route", "No route.");
      return;
    }
  soup_server_message_set_status (msg, SOUP_STATUS_NOT_FOUND, NULL);
  soup_server_message_set_response (msg, "text/html", SOUP_MEMORY_STATIC, not_found_page, strlen (not_found_page));
}

static void
serve (BylineFakeWordpress *self,
       SoupServerMessage   *msg,
       const char          *key,
       const char          *path,
       GHashTable          *query)
{
  if (serve_canned (self, msg, key))
    return;
  if (self->route != NULL && self->route (msg, key, path, query, self->route_data))
    return;
  if (self->serves_posts && serve_posts (self, msg, key, query))
    return;
  serve_not_found (self, msg);
}

static Fault *
take_fault (BylineFakeWordpress *self,
            const char          *key)
{
  for (guint i = 0; i < self->faults->len; i++)
    {
      Fault *fault = g_ptr_array_index (self->faults, i);

      if (fault->remaining > 0 && g_pattern_match_simple (fault->pattern, key))
        {
          fault->remaining--;
          return fault;
        }
    }
  return NULL;
}

static void
remember_request (BylineFakeWordpress *self,
                  SoupServerMessage   *msg,
                  const char          *key,
                  GHashTable          *query)
{
  g_autoptr (GBytes) body = soup_message_body_flatten (soup_server_message_get_request_body (msg));
  gint64 now = g_get_monotonic_time ();

  g_ptr_array_add (self->requests, g_strdup (key));
  g_array_append_val (self->request_times, now);
  g_clear_pointer (&self->last_headers, soup_message_headers_unref);
  self->last_headers = soup_message_headers_ref (soup_server_message_get_request_headers (msg));
  g_free (self->last_body);
  self->last_body = g_strndup (g_bytes_get_data (body, NULL), g_bytes_get_size (body));
  g_clear_pointer (&self->last_query, g_hash_table_unref);
  self->last_query = g_hash_table_ref (query);
}

/* "GET /wp-json/wp/v2/posts" or, without pretty permalinks, "GET ?rest_route=/wp/v2/posts". */
static char *
request_key (SoupServerMessage *msg,
             const char        *path,
             GHashTable        *query)
{
  const char *rest_route = g_hash_table_lookup (query, "rest_route");

  if (rest_route != NULL)
    return g_strdup_printf ("%s ?rest_route=%s", soup_server_message_get_method (msg), rest_route);
  return g_strdup_printf ("%s %s", soup_server_message_get_method (msg), path);
}

static void
handle_request (SoupServer        *server,
                SoupServerMessage *msg,
                const char        *path,
                GHashTable        *query,
                gpointer           user_data)
{
  BylineFakeWordpress *self = user_data;
  g_autoptr (GHashTable) any_query = query ? g_hash_table_ref (query) : g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree char *key = request_key (msg, path, any_query);
  Fault *fault = take_fault (self, key);

  remember_request (self, msg, key, any_query);
  if (fault != NULL && fault->kind == BYLINE_FAKE_FAIL_BEFORE)
    {
      byline_fake_wordpress_reply_error (msg, fault->status, "injected", "Injected failure.");
      return;
    }
  serve (self, msg, key, path, any_query);
  if (fault != NULL && fault->kind == BYLINE_FAKE_FAIL_AFTER)
    byline_fake_wordpress_reply_error (msg, fault->status, "injected", "Injected failure after the work was done.");
  else if (fault != NULL && fault->kind == BYLINE_FAKE_GARBAGE_AFTER)
    byline_fake_wordpress_reply_text (msg, SOUP_STATUS_CREATED, "{\"id\": 12, \"title\": {\"raw\": \"cut off");
}

/* Set-up */

/* g_test_init() with isolated directories, for a test program that talks to
 * the fake: only 127.0.0.1 is contacted, and GNOME's proxy resolver would read
 * its GSettings schema, which the isolated XDG dirs hide, and abort. */
void
byline_fake_wordpress_test_init (int    *argc,
                                 char ***argv)
{
  g_setenv ("GIO_USE_PROXY_RESOLVER", "dummy", TRUE);
  g_test_init (argc, argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
}

/* Listens on a free port of 127.0.0.1; unknown routes get Apache's 404 page
 * until byline_fake_wordpress_serve_index() makes the site a WordPress. */
BylineFakeWordpress *
byline_fake_wordpress_new (BylineFakeWordpressRoute route,
                           gpointer                 user_data)
{
  BylineFakeWordpress *self = g_new0 (BylineFakeWordpress, 1);
  g_autoptr (GError) error = NULL;
  GSList *uris;

  self->route = route;
  self->route_data = user_data;
  self->replies = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) canned_reply_free);
  self->faults = g_ptr_array_new_with_free_func ((GDestroyNotify) fault_free);
  self->requests = g_ptr_array_new_with_free_func (g_free);
  self->request_times = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->posts = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, (GDestroyNotify) fake_post_free);
  self->next_post_id = 100;
  self->server = soup_server_new (NULL, NULL);
  soup_server_add_handler (self->server, NULL, handle_request, self, NULL);
  soup_server_listen_local (self->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);

  uris = soup_server_get_uris (self->server);
  self->url = g_strdup_printf ("http://127.0.0.1:%d", g_uri_get_port (uris->data));
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  return self;
}

static void
drain_main_context (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

/* Call once the clients are gone: their closed connections reach the server
 * first, and the server must then go away for good. */
void
byline_fake_wordpress_free (BylineFakeWordpress *self)
{
  drain_main_context ();
  soup_server_disconnect (self->server);
  g_assert_finalize_object (g_steal_pointer (&self->server));
  drain_main_context ();
  g_hash_table_unref (self->replies);
  g_ptr_array_unref (self->faults);
  g_ptr_array_unref (self->requests);
  g_array_unref (self->request_times);
  g_clear_pointer (&self->last_headers, soup_message_headers_unref);
  g_clear_pointer (&self->last_query, g_hash_table_unref);
  g_clear_pointer (&self->last_post_body, json_node_unref);
  g_hash_table_unref (self->posts);
  g_free (self->last_body);
  g_free (self->url);
  g_free (self);
}

const char *
byline_fake_wordpress_get_url (BylineFakeWordpress *self)
{
  return self->url;
}

void
byline_fake_wordpress_reply (BylineFakeWordpress *self,
                             const char          *key,
                             guint                status,
                             const char          *content_type,
                             const char          *body)
{
  CannedReply *reply = g_new0 (CannedReply, 1);

  reply->status = status;
  reply->content_type = g_strdup (content_type);
  reply->body = g_strdup (body);
  g_hash_table_replace (self->replies, g_strdup (key), reply);
}

/* The listing headers for the canned answer to @key. */
void
byline_fake_wordpress_set_totals (BylineFakeWordpress *self,
                                  const char          *key,
                                  guint                total_pages,
                                  guint                total)
{
  CannedReply *reply = g_hash_table_lookup (self->replies, key);

  g_assert_nonnull (reply);
  g_free (reply->total_pages);
  reply->total_pages = g_strdup_printf ("%u", total_pages);
  g_free (reply->total);
  reply->total = g_strdup_printf ("%u", total);
}

/* @namespaces is the JSON array of the index, as "[\"wp/v2\"]". */
void
byline_fake_wordpress_serve_index (BylineFakeWordpress *self,
                                   const char          *namespaces)
{
  g_autofree char *index = g_strdup_printf ("{\"name\":\"Fake\",\"url\":\"%s\",\"home\":\"%s\",\"namespaces\":%s}",
                                            self->url, self->url, namespaces);

  byline_fake_wordpress_reply (self, "GET /wp-json/", SOUP_STATUS_OK, BYLINE_FAKE_WORDPRESS_JSON, index);
  self->speaks_rest = TRUE;
}

/* The next @times requests whose key matches @pattern (* and ? allowed) get @status. */
void
byline_fake_wordpress_fail (BylineFakeWordpress *self,
                            const char          *pattern,
                            BylineFakeFault      kind,
                            guint                status,
                            guint                times)
{
  Fault *fault = g_new0 (Fault, 1);

  fault->pattern = g_strdup (pattern);
  fault->kind = kind;
  fault->status = status;
  fault->remaining = times;
  g_ptr_array_add (self->faults, fault);
}

/* The keys of the requests so far, oldest first; a test may empty it. */
GPtrArray *
byline_fake_wordpress_get_requests (BylineFakeWordpress *self)
{
  return self->requests;
}

/* When each request came, in g_get_monotonic_time(), in the order of the requests. */
GArray *
byline_fake_wordpress_get_request_times (BylineFakeWordpress *self)
{
  return self->request_times;
}

/* How many request keys match @pattern (* and ? allowed). */
guint
byline_fake_wordpress_count_requests (BylineFakeWordpress *self,
                                      const char          *pattern)
{
  guint count = 0;

  for (guint i = 0; i < self->requests->len; i++)
    count += g_pattern_match_simple (pattern, g_ptr_array_index (self->requests, i));
  return count;
}

const char *
byline_fake_wordpress_get_last_header (BylineFakeWordpress *self,
                                       const char          *name)
{
  return self->last_headers ? soup_message_headers_get_one (self->last_headers, name) : NULL;
}

const char *
byline_fake_wordpress_get_last_body (BylineFakeWordpress *self)
{
  return self->last_body;
}

GHashTable *
byline_fake_wordpress_get_last_query (BylineFakeWordpress *self)
{
  return self->last_query;
}

/* Serves wp/v2/posts and the companion's byline/v1/posts from the post store. */
void
byline_fake_wordpress_serve_posts (BylineFakeWordpress *self)
{
  self->serves_posts = TRUE;
}

/* The post store by id; a test may change or remove posts behind the client's back. */
GHashTable *
byline_fake_wordpress_get_posts (BylineFakeWordpress *self)
{
  return self->posts;
}

/* What the client sent in its last create or update of a post. */
JsonObject *
byline_fake_wordpress_get_last_post_body (BylineFakeWordpress *self)
{
  return self->last_post_body ? json_node_get_object (self->last_post_body) : NULL;
}
