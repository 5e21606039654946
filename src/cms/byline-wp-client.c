/* byline-wp-client.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "byline-wp"

#include "config.h"

#include <glib/gi18n.h>
#include <libsoup/soup.h>

#include "byline-json-private.h"
#include "byline-wp-client.h"

/* Enough parallel requests for a pull to overlap pages and media, few enough
 * not to look like an attack to a small shared host. */
#define MAX_CONNECTIONS 4
#define REQUEST_TIMEOUT_SECONDS 60
#define IDLE_TIMEOUT_SECONDS 60

#define INDEX_FIELDS "_fields=name,description,url,home,namespaces"
#define BASE_MODIFIED_HEADER "X-Byline-Base-Modified"
/* The companion plugin keeps it as the attachment's byline_client_uuid. */
#define CLIENT_UUID_HEADER "X-Byline-Client-Uuid"
#define COMPANION_NAMESPACE "byline/v1"
#define TERM_FIELDS "_fields=id,name,slug"

struct _BylineWpClient
{
  GObject      parent_instance;

  SoupSession *session;
  char        *site_url;
  char        *username;
  /* "Basic …": the only copy of the application password, wiped on finalize. */
  char        *authorization;

  /* What discovery found; NULL until the first request needs it. */
  char        *api_root;
  char        *site_name;
  char        *site_home;
  gboolean     has_companion;
};

static void byline_wp_client_cms_client_iface_init (BylineCmsClientInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (BylineWpClient, byline_wp_client, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (BYLINE_TYPE_CMS_CLIENT,
                                                      byline_wp_client_cms_client_iface_init))

typedef enum
{
  STAGE_DISCOVER_PRETTY,
  STAGE_DISCOVER_REST_ROUTE,
  STAGE_CALL,
} WpStage;

typedef void (*WpReplyHandler) (GTask    *task,
                                JsonNode *reply);
/* Turns a refusal that still carries what was asked for into an answer;
 * returns FALSE to let the error through. */
typedef gboolean (*WpRefusalHandler) (GTask    *task,
                                      JsonNode *reply);

/* One operation, possibly several requests (discovery, a check before an
 * update), all driven by the same GTask. */
typedef struct
{
  WpStage           stage;
  SoupMessage      *msg;
  JsonParser       *parser;

  char             *method;
  char             *route;
  char             *query;
  WpReplyHandler    handler;
  WpRefusalHandler  refusal_handler;

  /* Sent as the body of POST requests. */
  BylineRemotePost *post;
  JsonNode         *body;
  char             *term_name;
  char             *base_modified_gmt;
  gboolean          base_checked;
  guint             page;
  /* A listing with context=view: its posts come read-only. */
  gboolean          read_only;

  /* Uploads: the file is the body of the first POST, then the fields are set. */
  GInputStream         *upload_stream;
  goffset               upload_size;
  goffset               uploaded;
  char                 *upload_filename;
  char                 *upload_content_type;
  char                 *upload_client_uuid;
  GFileProgressCallback progress_callback;
  gpointer              progress_data;
  gulong                progress_handler;
  BylineRemoteMedia    *media;
  /* Replaces WordPress's wording when it answers 403. */
  const char           *forbidden_message;
} WpCall;

typedef struct
{
  GListStore *posts;
  guint       total_pages;
  guint       total_posts;
} WpPage;

typedef struct
{
  GPtrArray *terms;
  guint      total_pages;
} WpTermPage;

static void wp_call_send (GTask       *task,
                          SoupMessage *msg);

static void
wp_call_forget_message (WpCall *call)
{
  if (call->msg != NULL)
    g_clear_signal_handler (&call->progress_handler, call->msg);
  g_clear_object (&call->msg);
}

static void
wp_call_free (WpCall *call)
{
  wp_call_forget_message (call);
  g_clear_object (&call->parser);
  g_clear_pointer (&call->method, g_free);
  g_clear_pointer (&call->route, g_free);
  g_clear_pointer (&call->query, g_free);
  g_clear_object (&call->post);
  g_clear_pointer (&call->body, json_node_unref);
  g_clear_pointer (&call->term_name, g_free);
  g_clear_pointer (&call->base_modified_gmt, g_free);
  g_clear_object (&call->upload_stream);
  g_clear_pointer (&call->upload_filename, g_free);
  g_clear_pointer (&call->upload_content_type, g_free);
  g_clear_pointer (&call->upload_client_uuid, g_free);
  g_clear_object (&call->media);
  g_free (call);
}

static void
wp_page_free (WpPage *page)
{
  g_clear_object (&page->posts);
  g_free (page);
}

static void
wp_term_page_free (WpTermPage *page)
{
  g_clear_pointer (&page->terms, g_ptr_array_unref);
  g_free (page);
}

static void
byline_wp_client_finalize (GObject *object)
{
  BylineWpClient *self = (BylineWpClient *) object;

  if (self->authorization != NULL)
    memset (self->authorization, 0, strlen (self->authorization));
  g_clear_pointer (&self->authorization, g_free);
  g_clear_object (&self->session);
  g_clear_pointer (&self->site_url, g_free);
  g_clear_pointer (&self->username, g_free);
  g_clear_pointer (&self->api_root, g_free);
  g_clear_pointer (&self->site_name, g_free);
  g_clear_pointer (&self->site_home, g_free);

  G_OBJECT_CLASS (byline_wp_client_parent_class)->finalize (object);
}

static void
byline_wp_client_class_init (BylineWpClientClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = byline_wp_client_finalize;
}

static void
byline_wp_client_init (BylineWpClient *self)
{
  self->session = soup_session_new_with_options ("max-conns", MAX_CONNECTIONS,
                                                 "max-conns-per-host", MAX_CONNECTIONS,
                                                 "timeout", REQUEST_TIMEOUT_SECONDS,
                                                 "idle-timeout", IDLE_TIMEOUT_SECONDS,
                                                 "user-agent", "Byline/" PACKAGE_VERSION " ",
                                                 NULL);
}

/* Trailing slashes dropped, so that routes can be appended as "/…". */
static char *
normalise_site_url (const char  *site_url,
                    GError     **error)
{
  g_autoptr (GUri) uri = g_uri_parse (site_url, G_URI_FLAGS_NONE, NULL);
  const char *scheme = uri ? g_uri_get_scheme (uri) : NULL;
  g_autofree char *text = NULL;
  gsize length;

  if (scheme == NULL || g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0' ||
      !(g_str_equal (scheme, "http") || g_str_equal (scheme, "https")))
    {
      g_set_error (error, BYLINE_CMS_ERROR, BYLINE_CMS_ERROR_INVALID,
                   _("“%s” is not a web address (it should start with https://)"), site_url);
      return NULL;
    }

  text = g_uri_to_string_partial (uri, G_URI_HIDE_QUERY | G_URI_HIDE_FRAGMENT | G_URI_HIDE_USERINFO);
  length = strlen (text);
  while (length > 0 && text[length - 1] == '/')
    text[--length] = '\0';
  return g_steal_pointer (&text);
}

static char *
basic_authorization (const char *username,
                     const char *password)
{
  g_autofree char *credentials = g_strconcat (username, ":", password, NULL);
  g_autofree char *encoded = g_base64_encode ((const guchar *) credentials, strlen (credentials));

  memset (credentials, 0, strlen (credentials));
  return g_strconcat ("Basic ", encoded, NULL);
}

BylineWpClient *
byline_wp_client_new (const char  *site_url,
                      const char  *username,
                      const char  *application_password,
                      GError     **error)
{
  g_autoptr (BylineWpClient) self = NULL;
  g_autofree char *normalised = NULL;

  g_return_val_if_fail (site_url != NULL, NULL);
  g_return_val_if_fail (username != NULL, NULL);
  g_return_val_if_fail (application_password != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  normalised = normalise_site_url (site_url, error);
  if (normalised == NULL)
    return NULL;

  self = g_object_new (BYLINE_TYPE_WP_CLIENT, NULL);
  self->site_url = g_steal_pointer (&normalised);
  self->username = g_strdup (username);
  self->authorization = basic_authorization (username, application_password);
  return g_steal_pointer (&self);
}

const char *
byline_wp_client_get_site_url (BylineWpClient *self)
{
  g_return_val_if_fail (BYLINE_IS_WP_CLIENT (self), NULL);

  return self->site_url;
}

const char *
byline_wp_client_get_username (BylineWpClient *self)
{
  g_return_val_if_fail (BYLINE_IS_WP_CLIENT (self), NULL);

  return self->username;
}

static gboolean
host_is_loopback (const char *host)
{
  g_autoptr (GInetAddress) address = g_inet_address_new_from_string (host);

  if (address != NULL)
    return g_inet_address_get_is_loopback (address);
  return g_ascii_strcasecmp (host, "localhost") == 0;
}

/* Plain http to anything but this machine sends the password in the clear. */
gboolean
byline_wp_client_is_insecure (BylineWpClient *self)
{
  g_autoptr (GUri) uri = NULL;

  g_return_val_if_fail (BYLINE_IS_WP_CLIENT (self), FALSE);

  uri = g_uri_parse (self->site_url, G_URI_FLAGS_NONE, NULL);
  return g_str_equal (g_uri_get_scheme (uri), "http") && !host_is_loopback (g_uri_get_host (uri));
}

/* Errors */

static const char *
reply_error_code (JsonNode *reply)
{
  if (reply == NULL || !JSON_NODE_HOLDS_OBJECT (reply))
    return NULL;
  return byline_json_object_get_string (json_node_get_object (reply), "code");
}

static const char *
reply_error_message (JsonNode *reply)
{
  const char *message = NULL;

  if (reply != NULL && JSON_NODE_HOLDS_OBJECT (reply))
    message = byline_json_object_get_string (json_node_get_object (reply), "message");
  return message ? message : "";
}

static gboolean
is_credential_error (const char *code)
{
  static const char * const codes[] = {
    "invalid_username", "invalid_email", "incorrect_password", NULL,
  };

  return code != NULL && g_strv_contains (codes, code);
}

static gboolean
is_disabled_error (const char *code)
{
  return code != NULL && g_str_has_prefix (code, "application_passwords_disabled");
}

/* WordPress answers 401 only to requests it treats as anonymous. Plain
 * WordPress 6.1 gives "rest_not_logged_in" both for a wrong application
 * password and for credentials that never reached PHP; the companion plugin
 * makes it report wrong credentials as such, so then the header was stripped. */
static GError *
unauthorized_error (BylineWpClient *self,
                    JsonNode       *reply)
{
  const char *code = reply_error_code (reply);

  if (is_credential_error (code))
    return g_error_new_literal (BYLINE_CMS_ERROR, BYLINE_CMS_ERROR_UNAUTHORIZED,
                                _("WordPress did not accept the username or the application password. "
                                  "Check both; an application password is not the password used to log in."));
  if (is_disabled_error (code))
    return g_error_new_literal (BYLINE_CMS_ERROR, BYLINE_CMS_ERROR_UNAUTHORIZED,
                                _("Application passwords are turned off for this site or this user. "
                                  "A site administrator can turn them on."));
  if (code != NULL && self->has_companion)
    return g_error_new_literal (BYLINE_CMS_ERROR, BYLINE_CMS_ERROR_AUTH_HEADER_STRIPPED,
                                _("The site ignored the login: its web server does not pass the "
                                  "Authorization header on to WordPress, or the site does not offer "
                                  "application passwords (they need https). On Apache, add "
                                  "“SetEnvIf Authorization \"(.*)\" HTTP_AUTHORIZATION=$1” to .htaccess; "
                                  "on nginx with PHP-FPM, pass HTTP_AUTHORIZATION in fastcgi_param."));
  if (code != NULL)
    return g_error_new_literal (BYLINE_CMS_ERROR, BYLINE_CMS_ERROR_UNAUTHORIZED,
                                _("WordPress did not accept the login. Check the username and the "
                                  "application password. If both are right, the web server may not pass "
                                  "the Authorization header on to WordPress (on Apache, add "
                                  "“SetEnvIf Authorization \"(.*)\" HTTP_AUTHORIZATION=$1” to .htaccess)."));
  return g_error_new_literal (BYLINE_CMS_ERROR, BYLINE_CMS_ERROR_UNAUTHORIZED,
                              _("The site asked for a login that Byline cannot give (HTTP 401)"));
}

static GError *
error_for_status (BylineWpClient *self,
                  guint           status,
                  JsonNode       *reply)
{
  const char *message = reply_error_message (reply);

  if (status == SOUP_STATUS_UNAUTHORIZED)
    return unauthorized_error (self, reply);
  if (status == SOUP_STATUS_FORBIDDEN)
    return g_error_new (BYLINE_CMS_ERROR, BYLINE_CMS_ERROR_FORBIDDEN,
                        _("WordPress does not allow this for your account: %s"), message);
  if (status == SOUP_STATUS_NOT_FOUND || status == SOUP_STATUS_GONE)
    return g_error_new (BYLINE_CMS_ERROR, BYLINE_CMS_ERROR_NOT_FOUND,
                        _("Not found on the server: %s"), message);
  if (status == SOUP_STATUS_CONFLICT || status == SOUP_STATUS_PRECONDITION_FAILED)
    return g_error_new (BYLINE_CMS_ERROR, BYLINE_CMS_ERROR_CONFLICT,
                        _("Someone changed this post on the server since your edit started: %s"),
                        message);
  if (SOUP_STATUS_IS_CLIENT_ERROR (status))
    return g_error_new (BYLINE_CMS_ERROR, BYLINE_CMS_ERROR_INVALID,
                        _("WordPress refused the request (HTTP %u): %s"), status, message);
  if (SOUP_STATUS_IS_SERVER_ERROR (status))
    return g_error_new (BYLINE_CMS_ERROR, BYLINE_CMS_ERROR_SERVER_ERROR,
                        _("The server had a problem (HTTP %u); try again later. %s"), status, message);
  return g_error_new (BYLINE_CMS_ERROR, BYLINE_CMS_ERROR_BAD_RESPONSE,
                      _("The server gave an unexpected answer (HTTP %u)"), status);
}

static GError *
transport_error (BylineWpClient *self,
                 GError         *error)
{
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return g_error_copy (error);
  if (error->domain == G_TLS_ERROR)
    return g_error_new (BYLINE_CMS_ERROR, BYLINE_CMS_ERROR_TLS,
                        _("The security certificate of %s could not be trusted (%s). Byline does not "
                          "send your password to a site it cannot verify."),
                        self->site_url, error->message);
  if (error->domain == SOUP_SESSION_ERROR)
    return g_error_new (BYLINE_CMS_ERROR, BYLINE_CMS_ERROR_BAD_RESPONSE,
                        _("The server’s answer could not be understood: %s"), error->message);
  return g_error_new (BYLINE_CMS_ERROR, BYLINE_CMS_ERROR_OFFLINE,
                      _("Could not reach %s: %s"), self->site_url, error->message);
}

/* Requests */

static char *
route_uri (BylineWpClient *self,
           const char     *route,
           const char     *query)
{
  /* "…/wp-json/" takes "?query"; "…/?rest_route=/" already has one. */
  char separator = strchr (self->api_root, '?') ? '&' : '?';

  if (query == NULL)
    return g_strconcat (self->api_root, route, NULL);
  return g_strdup_printf ("%s%s%c%s", self->api_root, route, separator, query);
}

static SoupMessage *
new_message (BylineWpClient *self,
             const char     *method,
             const char     *uri,
             JsonNode       *body)
{
  SoupMessage *msg = soup_message_new (method, uri);
  SoupMessageHeaders *headers;

  if (msg == NULL)
    return NULL;

  headers = soup_message_get_request_headers (msg);
  soup_message_headers_replace (headers, "Authorization", self->authorization);
  soup_message_headers_replace (headers, "Accept", "application/json");
  if (body != NULL)
    {
      char *text = json_to_string (body, FALSE);
      g_autoptr (GBytes) bytes = g_bytes_new_take (text, strlen (text));

      soup_message_set_request_body_from_bytes (msg, "application/json", bytes);
    }
  return msg;
}

static gboolean
reply_is_json (SoupMessage *msg)
{
  const char *type = soup_message_headers_get_content_type (soup_message_get_response_headers (msg), NULL);

  return type != NULL && g_ascii_strcasecmp (type, "application/json") == 0;
}

static gboolean
is_wordpress_index (JsonNode *reply)
{
  JsonArray *namespaces;
  g_auto (GStrv) names = NULL;

  if (reply == NULL || !JSON_NODE_HOLDS_OBJECT (reply))
    return FALSE;
  namespaces = byline_json_object_get_array (json_node_get_object (reply), "namespaces");
  names = byline_json_array_dup_strings (namespaces);
  return g_strv_contains ((const char * const *) names, "wp/v2");
}

static void
remember_index (BylineWpClient *self,
                JsonNode       *reply,
                const char     *api_root)
{
  JsonObject *index = json_node_get_object (reply);
  const char *home = byline_json_object_get_string (index, "home");
  g_auto (GStrv) names = byline_json_array_dup_strings (byline_json_object_get_array (index, "namespaces"));

  g_free (self->api_root);
  self->api_root = g_strdup (api_root);
  g_free (self->site_name);
  self->site_name = g_strdup (byline_json_object_get_string (index, "name"));
  g_free (self->site_home);
  self->site_home = g_strdup (home ? home : self->site_url);
  self->has_companion = g_strv_contains ((const char * const *) names, COMPANION_NAMESPACE);
  g_debug ("API root %s, companion plugin %s", self->api_root, self->has_companion ? "present" : "absent");
}

static void update_if_unchanged (GTask    *task,
                                 JsonNode *reply);
static void attach_upload       (GTask       *task,
                                 SoupMessage *msg);

/* Without the companion plugin the client compares modified_gmt itself,
 * with a GET before the update. */
static gboolean
needs_base_check (BylineWpClient *self,
                  WpCall         *call)
{
  return call->base_modified_gmt != NULL && !self->has_companion && !call->base_checked;
}

static void
wp_call_send_route (GTask *task)
{
  BylineWpClient *self = g_task_get_source_object (task);
  WpCall *call = g_task_get_task_data (task);
  gboolean checking = needs_base_check (self, call);
  g_autofree char *uri = route_uri (self, call->route, checking ? "context=edit" : call->query);
  g_autoptr (JsonNode) body = NULL;
  SoupMessage *msg;

  if (call->post != NULL && !checking)
    body = byline_remote_post_to_json (call->post, self->has_companion);
  else if (call->media != NULL && call->upload_stream == NULL)
    body = byline_remote_media_to_json (call->media, self->has_companion);
  else if (call->body != NULL)
    body = json_node_ref (call->body);
  msg = new_message (self, checking ? "GET" : call->method, uri, body);
  if (checking)
    call->handler = update_if_unchanged;

  if (msg == NULL)
    {
      g_task_return_new_error (task, BYLINE_CMS_ERROR, BYLINE_CMS_ERROR_INVALID,
                               _("Could not make a web address from “%s”"), uri);
      return;
    }
  if (call->base_modified_gmt != NULL && self->has_companion)
    soup_message_headers_replace (soup_message_get_request_headers (msg), BASE_MODIFIED_HEADER,
                                  call->base_modified_gmt);
  if (call->upload_stream != NULL)
    attach_upload (task, msg);
  call->stage = STAGE_CALL;
  wp_call_send (task, msg);
}

static void
wp_call_discover (GTask   *task,
                  WpStage  stage)
{
  BylineWpClient *self = g_task_get_source_object (task);
  WpCall *call = g_task_get_task_data (task);
  const char *index_path = stage == STAGE_DISCOVER_PRETTY ? "/wp-json/?" : "/?rest_route=/&";
  g_autofree char *uri = g_strconcat (self->site_url, index_path, INDEX_FIELDS, NULL);

  call->stage = stage;
  wp_call_send (task, new_message (self, "GET", uri, NULL));
}

/* Every operation starts here: the API root is found once per client. */
static void
wp_call_start (GTask *task)
{
  BylineWpClient *self = g_task_get_source_object (task);

  if (self->api_root == NULL)
    wp_call_discover (task, STAGE_DISCOVER_PRETTY);
  else
    wp_call_send_route (task);
}

/* Anything else means "no API here": try the other address, then give up. */
static gboolean
discovery_cannot_go_on (const GError *error)
{
  return error->domain != BYLINE_CMS_ERROR ||
         error->code == BYLINE_CMS_ERROR_OFFLINE ||
         error->code == BYLINE_CMS_ERROR_TLS ||
         error->code == BYLINE_CMS_ERROR_SERVER_ERROR ||
         error->code == BYLINE_CMS_ERROR_UNAUTHORIZED ||
         error->code == BYLINE_CMS_ERROR_AUTH_HEADER_STRIPPED;
}

static void
on_discovery_reply (GTask    *task,
                    JsonNode *reply,
                    GError   *error)
{
  BylineWpClient *self = g_task_get_source_object (task);
  WpCall *call = g_task_get_task_data (task);
  g_autofree char *api_root = NULL;

  if (error == NULL && is_wordpress_index (reply))
    {
      api_root = g_strconcat (self->site_url,
                              call->stage == STAGE_DISCOVER_PRETTY ? "/wp-json/" : "/?rest_route=/",
                              NULL);
      remember_index (self, reply, api_root);
      wp_call_send_route (task);
    }
  else if (error != NULL && discovery_cannot_go_on (error))
    g_task_return_error (task, g_error_copy (error));
  else if (call->stage == STAGE_DISCOVER_PRETTY)
    wp_call_discover (task, STAGE_DISCOVER_REST_ROUTE);
  else
    g_task_return_new_error (task, BYLINE_CMS_ERROR, BYLINE_CMS_ERROR_NOT_WORDPRESS,
                             _("%s does not look like a WordPress site: there is no WordPress REST API "
                               "at /wp-json/ or /?rest_route=/. Check the address."),
                             self->site_url);
}

static GError *
call_error (WpCall       *call,
            const GError *error)
{
  if (call->forbidden_message != NULL &&
      g_error_matches (error, BYLINE_CMS_ERROR, BYLINE_CMS_ERROR_FORBIDDEN))
    return g_error_new_literal (BYLINE_CMS_ERROR, BYLINE_CMS_ERROR_FORBIDDEN, call->forbidden_message);
  return g_error_copy (error);
}

static gboolean
refusal_answered (GTask    *task,
                  JsonNode *reply)
{
  WpCall *call = g_task_get_task_data (task);

  return call->refusal_handler != NULL && reply != NULL && call->refusal_handler (task, reply);
}

static void
wp_call_dispatch (GTask    *task,
                  JsonNode *reply,
                  GError   *error)
{
  WpCall *call = g_task_get_task_data (task);

  if (call->stage != STAGE_CALL)
    on_discovery_reply (task, reply, error);
  else if (error == NULL)
    call->handler (task, reply);
  else if (!refusal_answered (task, reply))
    g_task_return_error (task, call_error (call, error));
}

static GError *
check_reply (BylineWpClient *self,
             SoupMessage    *msg,
             JsonNode       *reply,
             GError         *parse_error)
{
  guint status = soup_message_get_status (msg);

  if (!SOUP_STATUS_IS_SUCCESSFUL (status))
    return error_for_status (self, status, reply);
  if (parse_error != NULL)
    return g_error_new (BYLINE_CMS_ERROR, BYLINE_CMS_ERROR_BAD_RESPONSE,
                        _("The server’s answer is broken or cut off: %s"), parse_error->message);
  if (reply == NULL)
    return g_error_new_literal (BYLINE_CMS_ERROR, BYLINE_CMS_ERROR_BAD_RESPONSE,
                                _("The server answered with a web page instead of data. A security "
                                  "plugin, a cache or a login page may be in the way."));
  return NULL;
}

static void
on_reply_parsed (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  WpCall *call = g_task_get_task_data (task);
  g_autoptr (GError) parse_error = NULL;
  g_autoptr (GError) error = NULL;
  JsonNode *reply = NULL;

  if (json_parser_load_from_stream_finish (call->parser, result, &parse_error))
    reply = json_parser_get_root (call->parser);
  else if (g_error_matches (parse_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_task_return_error (task, g_steal_pointer (&parse_error));
      return;
    }

  error = check_reply (g_task_get_source_object (task), call->msg, reply, parse_error);
  wp_call_dispatch (task, reply, error);
}

static void
on_message_sent (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  BylineWpClient *self = g_task_get_source_object (task);
  WpCall *call = g_task_get_task_data (task);
  g_autoptr (GInputStream) stream = NULL;
  g_autoptr (GError) error = NULL;

  stream = soup_session_send_finish (SOUP_SESSION (source), result, &error);
  if (stream == NULL)
    {
      g_autoptr (GError) mapped = transport_error (self, error);
      wp_call_dispatch (task, NULL, mapped);
      return;
    }

  g_debug ("%s %s → %u", soup_message_get_method (call->msg),
           g_uri_get_path (soup_message_get_uri (call->msg)), soup_message_get_status (call->msg));
  if (!reply_is_json (call->msg))
    {
      error = check_reply (self, call->msg, NULL, NULL);
      wp_call_dispatch (task, NULL, error);
      return;
    }

  g_clear_object (&call->parser);
  call->parser = json_parser_new ();
  json_parser_load_from_stream_async (call->parser, stream, g_task_get_cancellable (task),
                                      on_reply_parsed, g_object_ref (task));
}

static void
wp_call_send (GTask       *task,
              SoupMessage *msg)
{
  BylineWpClient *self = g_task_get_source_object (task);
  WpCall *call = g_task_get_task_data (task);

  wp_call_forget_message (call);
  call->msg = msg;
  soup_session_send_async (self->session, msg, G_PRIORITY_DEFAULT, g_task_get_cancellable (task),
                           on_message_sent, g_object_ref (task));
}

static GTask *
wp_call_new (BylineWpClient      *self,
             gpointer             source_tag,
             const char          *method,
             char                *route,
             char                *query,
             WpReplyHandler       handler,
             GCancellable        *cancellable,
             GAsyncReadyCallback  callback,
             gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  WpCall *call = g_new0 (WpCall, 1);

  g_task_set_source_tag (task, source_tag);
  call->method = g_strdup (method);
  call->route = route;
  call->query = query;
  call->handler = handler;
  g_task_set_task_data (task, call, (GDestroyNotify) wp_call_free);
  return task;
}

/* Replies */

/* What a reply was read into, or why it could not be. */
static void
return_object (GTask    *task,
               gpointer  object,
               GError   *error)
{
  if (object == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, object, g_object_unref);
}

static void
return_post (GTask    *task,
             JsonNode *reply)
{
  GError *error = NULL;
  BylineRemotePost *post = byline_remote_post_new_from_json (reply, &error);

  return_object (task, post, error);
}

/* The answer to a lookup by client uuid: a list holding the item, or none. */
static void
return_first (GTask          *task,
              JsonNode       *reply,
              WpReplyHandler  return_item,
              const char     *not_found,
              const char     *not_a_list)
{
  JsonArray *items = JSON_NODE_HOLDS_ARRAY (reply) ? json_node_get_array (reply) : NULL;

  if (items != NULL && json_array_get_length (items) > 0)
    return_item (task, json_array_get_element (items, 0));
  else if (items != NULL)
    g_task_return_new_error (task, BYLINE_CMS_ERROR, BYLINE_CMS_ERROR_NOT_FOUND, "%s", not_found);
  else
    g_task_return_new_error (task, BYLINE_CMS_ERROR, BYLINE_CMS_ERROR_BAD_RESPONSE, "%s", not_a_list);
}

static void
return_first_post (GTask    *task,
                   JsonNode *reply)
{
  return_first (task, reply, return_post, _("No post on the server was created from this story"),
                _("The server sent something that is not a list of posts"));
}

static guint
header_count (SoupMessage *msg,
              const char  *name,
              guint        fallback)
{
  const char *value = soup_message_headers_get_one (soup_message_get_response_headers (msg), name);
  guint64 count;

  if (value == NULL || !g_ascii_string_to_unsigned (value, 10, 0, G_MAXUINT, &count, NULL))
    return fallback;
  return (guint) count;
}

static GListStore *
posts_from_array (JsonArray  *array,
                  gboolean    read_only,
                  GError    **error)
{
  g_autoptr (GListStore) posts = g_list_store_new (BYLINE_TYPE_REMOTE_POST);

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      g_autoptr (BylineRemotePost) post = read_only ? byline_remote_post_new_from_view_json (element, error)
                                                    : byline_remote_post_new_from_json (element, error);

      if (post == NULL)
        return NULL;
      g_list_store_append (posts, post);
    }

  return g_steal_pointer (&posts);
}

static void
return_page (GTask    *task,
             JsonNode *reply)
{
  WpCall *call = g_task_get_task_data (task);
  g_autofree WpPage *page = g_new0 (WpPage, 1);
  GError *error = NULL;

  if (!JSON_NODE_HOLDS_ARRAY (reply))
    {
      g_task_return_new_error (task, BYLINE_CMS_ERROR, BYLINE_CMS_ERROR_BAD_RESPONSE,
                               _("The server sent something that is not a list of posts"));
      return;
    }

  page->posts = posts_from_array (json_node_get_array (reply), call->read_only, &error);
  if (page->posts == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  page->total_pages = header_count (call->msg, "X-WP-TotalPages", call->page);
  page->total_posts = header_count (call->msg, "X-WP-Total", g_list_model_get_n_items (G_LIST_MODEL (page->posts)));
  g_task_return_pointer (task, g_steal_pointer (&page), (GDestroyNotify) wp_page_free);
}

static BylineCmsTerm *
term_from_json (JsonNode *node)
{
  JsonObject *object = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
  gint64 id = object ? byline_json_object_get_int (object, "id", 0) : 0;
  const char *name = object ? byline_json_object_get_string (object, "name") : NULL;

  if (id <= 0 || name == NULL)
    return NULL;
  return byline_cms_term_new (id, name, byline_json_object_get_string (object, "slug"));
}

static void
return_terms (GTask    *task,
              JsonNode *reply)
{
  WpCall *call = g_task_get_task_data (task);
  JsonArray *array = JSON_NODE_HOLDS_ARRAY (reply) ? json_node_get_array (reply) : NULL;
  g_autoptr (GPtrArray) terms = g_ptr_array_new_with_free_func ((GDestroyNotify) byline_cms_term_free);
  WpTermPage *page;

  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      BylineCmsTerm *term = term_from_json (json_array_get_element (array, i));

      if (term == NULL)
        break;
      g_ptr_array_add (terms, term);
    }
  if (array == NULL || terms->len < json_array_get_length (array))
    {
      g_task_return_new_error (task, BYLINE_CMS_ERROR, BYLINE_CMS_ERROR_BAD_RESPONSE,
                               _("The server sent something that is not a list of tags or categories"));
      return;
    }

  page = g_new0 (WpTermPage, 1);
  page->terms = g_steal_pointer (&terms);
  page->total_pages = header_count (call->msg, "X-WP-TotalPages", call->page);
  g_task_return_pointer (task, page, (GDestroyNotify) wp_term_page_free);
}

static void
return_term (GTask    *task,
             JsonNode *reply)
{
  BylineCmsTerm *term = term_from_json (reply);

  if (term == NULL)
    g_task_return_new_error (task, BYLINE_CMS_ERROR, BYLINE_CMS_ERROR_BAD_RESPONSE,
                             _("The server sent something that is not a tag or a category"));
  else
    g_task_return_pointer (task, term, (GDestroyNotify) byline_cms_term_free);
}

/* WordPress refuses to create a term whose name it already has with
 * "term_exists", and says which one that is. */
static gboolean
take_existing_term (GTask    *task,
                    JsonNode *reply)
{
  WpCall *call = g_task_get_task_data (task);
  JsonObject *data = NULL;
  gint64 id;

  if (g_strcmp0 (reply_error_code (reply), "term_exists") == 0)
    data = byline_json_object_get_object (json_node_get_object (reply), "data");
  id = data ? byline_json_object_get_int (data, "term_id", 0) : 0;
  if (id <= 0)
    return FALSE;

  g_task_return_pointer (task, byline_cms_term_new (id, call->term_name, NULL),
                         (GDestroyNotify) byline_cms_term_free);
  return TRUE;
}

static char **
strv_true_members (JsonObject *object)
{
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr (GList) members = object ? json_object_get_members (object) : NULL;

  for (GList *l = members; l != NULL; l = l->next)
    {
      if (byline_json_object_get_bool (object, l->data))
        g_strv_builder_add (builder, l->data);
    }

  return g_strv_builder_end (builder);
}

static void
return_account (GTask    *task,
                JsonNode *reply)
{
  BylineWpClient *self = g_task_get_source_object (task);
  JsonObject *user = JSON_NODE_HOLDS_OBJECT (reply) ? json_node_get_object (reply) : NULL;
  g_auto (GStrv) roles = NULL;
  g_auto (GStrv) capabilities = NULL;
  const char *username;

  if (user == NULL || byline_json_object_get_int (user, "id", 0) <= 0)
    {
      g_task_return_new_error (task, BYLINE_CMS_ERROR, BYLINE_CMS_ERROR_BAD_RESPONSE,
                               _("The server did not say who you are logged in as"));
      return;
    }

  roles = byline_json_array_dup_strings (byline_json_object_get_array (user, "roles"));
  capabilities = strv_true_members (byline_json_object_get_object (user, "capabilities"));
  username = byline_json_object_get_string (user, "username");
  g_task_return_pointer (task,
                         g_object_new (BYLINE_TYPE_REMOTE_ACCOUNT,
                                       "site-name", self->site_name,
                                       "site-url", self->site_home,
                                       "api-root", self->api_root,
                                       "user-id", byline_json_object_get_int (user, "id", 0),
                                       "username", username ? username : self->username,
                                       "display-name", byline_json_object_get_string (user, "name"),
                                       "roles", roles,
                                       "capabilities", capabilities,
                                       "has-companion", self->has_companion,
                                       NULL),
                         g_object_unref);
}

/* Without the companion plugin the check and the write are two requests, so
 * a colleague's save in between still wins; with it, the server checks. */
static void
update_if_unchanged (GTask    *task,
                     JsonNode *reply)
{
  WpCall *call = g_task_get_task_data (task);
  GError *error = NULL;
  g_autoptr (BylineRemotePost) current = byline_remote_post_new_from_json (reply, &error);
  const char *modified;

  if (current == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  call->base_checked = TRUE;
  modified = byline_remote_post_get_modified_gmt (current);
  if (modified != NULL && g_strcmp0 (modified, call->base_modified_gmt) > 0)
    {
      g_task_return_new_error (task, BYLINE_CMS_ERROR, BYLINE_CMS_ERROR_CONFLICT,
                               _("Someone changed “%s” on the server since your edit started"),
                               byline_remote_post_get_title (current));
      return;
    }

  call->handler = return_post;
  wp_call_send_route (task);
}

/* Uploads */

static gboolean
is_safe_in_quoted_filename (gunichar c)
{
  return c < 0x80 && (g_ascii_isalnum (c) || c == '.' || c == '-' || c == '_');
}

/* RFC 6266: filename*= carries the name itself; filename= is an ASCII
 * stand-in for the servers (WordPress among them) that read only that one,
 * without the quotes, semicolons and commas their parsers split on. */
static char *
content_disposition (const char *filename)
{
  g_autofree char *valid = g_utf8_make_valid (filename, -1);
  g_autofree char *encoded = g_uri_escape_string (valid, NULL, FALSE);
  g_autoptr (GString) fallback = g_string_new (NULL);

  for (const char *p = valid; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      g_string_append_c (fallback, is_safe_in_quoted_filename (c) ? (char) c : '_');
    }
  return g_strdup_printf ("attachment; filename=\"%s\"; filename*=UTF-8''%s", fallback->str, encoded);
}

static void
on_upload_progress (SoupMessage *msg,
                    guint        chunk_size,
                    gpointer     user_data)
{
  WpCall *call = user_data;

  call->uploaded += chunk_size;
  if (call->progress_callback != NULL)
    call->progress_callback (call->uploaded, call->upload_size, call->progress_data);
}

/* The file goes out as it is read, with its length announced, so that an
 * upload of any size costs a buffer's worth of memory. */
static void
attach_upload (GTask       *task,
               SoupMessage *msg)
{
  WpCall *call = g_task_get_task_data (task);
  g_autofree char *disposition = content_disposition (call->upload_filename);

  /* The progress handler's id is msg's from here on, not the previous message's. */
  wp_call_forget_message (call);
  soup_message_headers_replace (soup_message_get_request_headers (msg), "Content-Disposition", disposition);
  if (call->upload_client_uuid != NULL)
    soup_message_headers_replace (soup_message_get_request_headers (msg), CLIENT_UUID_HEADER,
                                  call->upload_client_uuid);
  soup_message_set_request_body (msg, call->upload_content_type, call->upload_stream, call->upload_size);
  g_clear_object (&call->upload_stream);
  call->uploaded = 0;
  call->progress_handler = g_signal_connect (msg, "wrote-body-data", G_CALLBACK (on_upload_progress), call);
}

static void
return_media (GTask    *task,
              JsonNode *reply)
{
  GError *error = NULL;
  BylineRemoteMedia *media = byline_remote_media_new_from_json (reply, &error);

  return_object (task, media, error);
}

/* WordPress takes the file alone; caption, alt text and meta are a second request. */
static void
set_media_fields (GTask    *task,
                  JsonNode *reply)
{
  WpCall *call = g_task_get_task_data (task);
  GError *error = NULL;
  g_autoptr (BylineRemoteMedia) created = byline_remote_media_new_from_json (reply, &error);

  if (created == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  g_free (call->route);
  call->route = g_strdup_printf ("wp/v2/media/%" G_GINT64_FORMAT, byline_remote_media_get_id (created));
  call->handler = return_media;
  call->forbidden_message = NULL;
  wp_call_send_route (task);
}

static void
on_upload_size_known (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  WpCall *call = g_task_get_task_data (task);
  g_autoptr (GFileInfo) info = NULL;
  GError *error = NULL;

  info = g_file_input_stream_query_info_finish (G_FILE_INPUT_STREAM (source), result, &error);
  if (info == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  call->upload_stream = g_object_ref (G_INPUT_STREAM (source));
  call->upload_size = g_file_info_get_size (info);
  wp_call_start (task);
}

static void
on_upload_opened (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  g_autoptr (GFileInputStream) stream = NULL;
  GError *error = NULL;

  stream = g_file_read_finish (G_FILE (source), result, &error);
  if (stream == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  g_file_input_stream_query_info_async (stream, G_FILE_ATTRIBUTE_STANDARD_SIZE, G_PRIORITY_DEFAULT,
                                        g_task_get_cancellable (task), on_upload_size_known,
                                        g_object_ref (task));
}

/* BylineCmsClient */

static void
byline_wp_client_verify_account_async (BylineCmsClient     *client,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  BylineWpClient *self = BYLINE_WP_CLIENT (client);
  g_autoptr (GTask) task = wp_call_new (self, BYLINE_SOURCE_TAG (byline_wp_client_verify_account_async),
                                        "GET", g_strdup ("wp/v2/users/me"), g_strdup ("context=edit"),
                                        return_account, cancellable, callback, user_data);

  /* The site may have moved or gained the plugin since: look again. */
  g_clear_pointer (&self->api_root, g_free);
  wp_call_start (task);
}

static BylineRemoteAccount *
byline_wp_client_verify_account_finish (BylineCmsClient  *client,
                                        GAsyncResult     *result,
                                        GError          **error)
{
  g_return_val_if_fail (g_task_is_valid (result, client), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static char *
list_query (const BylineCmsPostQuery *query)
{
  static const char * const editable_statuses[] = {
    "draft", "pending", "future", "publish", "private", NULL,
  };
  const char * const *statuses = query->statuses ? query->statuses : editable_statuses;
  g_autofree char *status_list = g_strjoinv (",", (char **) statuses);
  g_autofree char *escaped_statuses = g_uri_escape_string (status_list, NULL, FALSE);
  /* A unique sort key: modified has one-second resolution, and MySQL orders
   * ties differently from page to page, which skips posts. */
  GString *text = g_string_new (query->read_only ? "context=view" : "context=edit");

  /* The author's name comes embedded, for the byline of a story written on the site. */
  g_string_append_printf (text, "&_embed=author&orderby=id&order=asc&page=%u&per_page=%u&status=%s", MAX (query->page, 1),
                          CLAMP (query->per_page, 1, 100), escaped_statuses);
  for (guint i = 0; i < query->n_include; i++)
    g_string_append_printf (text, "%s%" G_GINT64_FORMAT, i == 0 ? "&include=" : ",", query->include[i]);
  if (query->modified_after != NULL)
    {
      g_autoptr (GDateTime) utc = g_date_time_to_utc (query->modified_after);
      g_autofree char *after = g_date_time_format (utc, "%Y-%m-%dT%H:%M:%SZ");

      g_string_append_printf (text, "&modified_after=%s", after);
    }
  return g_string_free (text, FALSE);
}

static void
byline_wp_client_list_posts_async (BylineCmsClient          *client,
                                   const BylineCmsPostQuery *query,
                                   GCancellable             *cancellable,
                                   GAsyncReadyCallback       callback,
                                   gpointer                  user_data)
{
  g_autoptr (GTask) task = wp_call_new (BYLINE_WP_CLIENT (client),
                                        BYLINE_SOURCE_TAG (byline_wp_client_list_posts_async),
                                        "GET", g_strdup ("wp/v2/posts"), list_query (query),
                                        return_page, cancellable, callback, user_data);
  WpCall *call = g_task_get_task_data (task);

  call->page = MAX (query->page, 1);
  call->read_only = query->read_only;
  wp_call_start (task);
}

static GListModel *
byline_wp_client_list_posts_finish (BylineCmsClient  *client,
                                    GAsyncResult     *result,
                                    guint            *total_pages,
                                    guint            *total_posts,
                                    GError          **error)
{
  WpPage *page;
  GListModel *posts;

  g_return_val_if_fail (g_task_is_valid (result, client), NULL);

  page = g_task_propagate_pointer (G_TASK (result), error);
  if (page == NULL)
    return NULL;

  if (total_pages != NULL)
    *total_pages = page->total_pages;
  if (total_posts != NULL)
    *total_posts = page->total_posts;
  posts = G_LIST_MODEL (g_steal_pointer (&page->posts));
  wp_page_free (page);
  return posts;
}

static void
byline_wp_client_get_post_async (BylineCmsClient     *client,
                                 gint64               id,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr (GTask) task = wp_call_new (BYLINE_WP_CLIENT (client),
                                        BYLINE_SOURCE_TAG (byline_wp_client_get_post_async),
                                        "GET", g_strdup_printf ("wp/v2/posts/%" G_GINT64_FORMAT, id),
                                        g_strdup ("context=edit"), return_post,
                                        cancellable, callback, user_data);

  wp_call_start (task);
}

static void
return_read_only_post (GTask    *task,
                       JsonNode *reply)
{
  GError *error = NULL;
  BylineRemotePost *post = byline_remote_post_new_from_view_json (reply, &error);

  return_object (task, post, error);
}

/* WordPress answers context=edit with 403 "rest_forbidden_context" for a post
 * the account may read but not edit (a contributor's post once scheduled or
 * published); asked again with context=view, it shows what it may read. */
static gboolean
read_for_viewing (GTask    *task,
                  JsonNode *reply)
{
  WpCall *call = g_task_get_task_data (task);

  if (g_strcmp0 (reply_error_code (reply), "rest_forbidden_context") != 0)
    return FALSE;

  g_free (call->query);
  call->query = g_strdup ("context=view");
  call->handler = return_read_only_post;
  call->refusal_handler = NULL;
  wp_call_send_route (task);
  return TRUE;
}

static void
byline_wp_client_read_post_async (BylineCmsClient     *client,
                                  gint64               id,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr (GTask) task = wp_call_new (BYLINE_WP_CLIENT (client),
                                        BYLINE_SOURCE_TAG (byline_wp_client_read_post_async),
                                        "GET", g_strdup_printf ("wp/v2/posts/%" G_GINT64_FORMAT, id),
                                        g_strdup ("context=edit"), return_post,
                                        cancellable, callback, user_data);
  WpCall *call = g_task_get_task_data (task);

  call->refusal_handler = read_for_viewing;
  wp_call_start (task);
}

static void
byline_wp_client_find_post_async (BylineCmsClient     *client,
                                  const char          *client_uuid,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autofree char *escaped = g_uri_escape_string (client_uuid, NULL, FALSE);
  g_autoptr (GTask) task = wp_call_new (BYLINE_WP_CLIENT (client),
                                        BYLINE_SOURCE_TAG (byline_wp_client_find_post_async),
                                        "GET", g_strdup (COMPANION_NAMESPACE "/posts"),
                                        g_strconcat ("client_uuid=", escaped, NULL),
                                        return_first_post, cancellable, callback, user_data);

  wp_call_start (task);
}

static void
byline_wp_client_create_post_async (BylineCmsClient     *client,
                                    BylineRemotePost    *post,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  BylineWpClient *self = BYLINE_WP_CLIENT (client);
  g_autoptr (GTask) task = wp_call_new (self, BYLINE_SOURCE_TAG (byline_wp_client_create_post_async),
                                        "POST", g_strdup ("wp/v2/posts"), NULL, return_post,
                                        cancellable, callback, user_data);
  WpCall *call = g_task_get_task_data (task);

  call->post = g_object_ref (post);
  wp_call_start (task);
}

static void
byline_wp_client_update_post_async (BylineCmsClient     *client,
                                    BylineRemotePost    *post,
                                    const char          *base_modified_gmt,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  BylineWpClient *self = BYLINE_WP_CLIENT (client);
  g_autoptr (GTask) task = wp_call_new (self, BYLINE_SOURCE_TAG (byline_wp_client_update_post_async),
                                        "POST",
                                        g_strdup_printf ("wp/v2/posts/%" G_GINT64_FORMAT,
                                                         byline_remote_post_get_id (post)),
                                        NULL, return_post, cancellable, callback, user_data);
  WpCall *call = g_task_get_task_data (task);

  call->post = g_object_ref (post);
  call->base_modified_gmt = g_strdup (base_modified_gmt);
  wp_call_start (task);
}

static BylineRemotePost *
byline_wp_client_post_finish (BylineCmsClient  *client,
                              GAsyncResult     *result,
                              GError          **error)
{
  g_return_val_if_fail (g_task_is_valid (result, client), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
return_first_media (GTask    *task,
                    JsonNode *reply)
{
  return_first (task, reply, return_media, _("No media item on the server was uploaded from this image"),
                _("The server sent something that is not a list of media items"));
}

static void
byline_wp_client_upload_media_async (BylineCmsClient       *client,
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
  g_autoptr (GTask) task = wp_call_new (BYLINE_WP_CLIENT (client),
                                        BYLINE_SOURCE_TAG (byline_wp_client_upload_media_async),
                                        "POST", g_strdup ("wp/v2/media"), NULL,
                                        fields ? set_media_fields : return_media,
                                        cancellable, callback, user_data);
  WpCall *call = g_task_get_task_data (task);

  call->upload_filename = g_strdup (filename);
  call->upload_content_type = g_strdup (content_type);
  call->upload_client_uuid = g_strdup (client_uuid);
  call->progress_callback = progress_callback;
  call->progress_data = progress_data;
  call->media = fields ? g_object_ref (fields) : NULL;
  call->forbidden_message = _("Your WordPress account may not upload media");
  g_file_read_async (file, G_PRIORITY_DEFAULT, cancellable, on_upload_opened, g_object_ref (task));
}

static void
byline_wp_client_update_media_async (BylineCmsClient     *client,
                                     gint64               media_id,
                                     BylineRemoteMedia   *fields,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  g_autoptr (GTask) task = wp_call_new (BYLINE_WP_CLIENT (client),
                                        BYLINE_SOURCE_TAG (byline_wp_client_upload_media_async),
                                        "POST", g_strdup_printf ("wp/v2/media/%" G_GINT64_FORMAT, media_id),
                                        NULL, return_media, cancellable, callback, user_data);
  WpCall *call = g_task_get_task_data (task);

  call->media = g_object_ref (fields);
  wp_call_start (task);
}

static void
byline_wp_client_find_media_async (BylineCmsClient     *client,
                                   const char          *client_uuid,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autofree char *escaped = g_uri_escape_string (client_uuid, NULL, FALSE);
  g_autoptr (GTask) task = wp_call_new (BYLINE_WP_CLIENT (client),
                                        BYLINE_SOURCE_TAG (byline_wp_client_upload_media_async),
                                        "GET", g_strdup (COMPANION_NAMESPACE "/media"),
                                        g_strconcat ("client_uuid=", escaped, NULL),
                                        return_first_media, cancellable, callback, user_data);

  wp_call_start (task);
}

static BylineRemoteMedia *
byline_wp_client_upload_media_finish (BylineCmsClient  *client,
                                      GAsyncResult     *result,
                                      GError          **error)
{
  g_return_val_if_fail (g_task_is_valid (result, client), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static const char *
taxonomy_route (BylineCmsTaxonomy taxonomy)
{
  return taxonomy == BYLINE_CMS_TAXONOMY_CATEGORY ? "wp/v2/categories" : "wp/v2/tags";
}

static char *
term_list_query (const BylineCmsTermQuery *query)
{
  GString *text = g_string_new (TERM_FIELDS "&orderby=id&order=asc");

  g_string_append_printf (text, "&page=%u&per_page=%u", MAX (query->page, 1), CLAMP (query->per_page, 1, 100));
  for (guint i = 0; i < query->n_include; i++)
    g_string_append_printf (text, "%s%" G_GINT64_FORMAT, i == 0 ? "&include=" : "%2C", query->include[i]);
  return g_string_free (text, FALSE);
}

static void
byline_wp_client_list_terms_async (BylineCmsClient          *client,
                                   const BylineCmsTermQuery *query,
                                   GCancellable             *cancellable,
                                   GAsyncReadyCallback       callback,
                                   gpointer                  user_data)
{
  g_autoptr (GTask) task = wp_call_new (BYLINE_WP_CLIENT (client),
                                        BYLINE_SOURCE_TAG (byline_wp_client_list_terms_async),
                                        "GET", g_strdup (taxonomy_route (query->taxonomy)),
                                        term_list_query (query), return_terms, cancellable, callback,
                                        user_data);
  WpCall *call = g_task_get_task_data (task);

  call->page = MAX (query->page, 1);
  wp_call_start (task);
}

static GPtrArray *
byline_wp_client_list_terms_finish (BylineCmsClient  *client,
                                    GAsyncResult     *result,
                                    guint            *total_pages,
                                    GError          **error)
{
  WpTermPage *page;
  GPtrArray *terms;

  g_return_val_if_fail (g_task_is_valid (result, client), NULL);

  page = g_task_propagate_pointer (G_TASK (result), error);
  if (page == NULL)
    return NULL;

  if (total_pages != NULL)
    *total_pages = page->total_pages;
  terms = g_steal_pointer (&page->terms);
  wp_term_page_free (page);
  return terms;
}

static JsonNode *
term_body (const char *name)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, name);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

static void
byline_wp_client_create_term_async (BylineCmsClient     *client,
                                    BylineCmsTaxonomy    taxonomy,
                                    const char          *name,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_autoptr (GTask) task = wp_call_new (BYLINE_WP_CLIENT (client),
                                        BYLINE_SOURCE_TAG (byline_wp_client_create_term_async),
                                        "POST", g_strdup (taxonomy_route (taxonomy)), g_strdup (TERM_FIELDS),
                                        return_term, cancellable, callback, user_data);
  WpCall *call = g_task_get_task_data (task);

  call->body = term_body (name);
  call->term_name = g_strdup (name);
  call->refusal_handler = take_existing_term;
  /* Only editors may add categories; authors and contributors may add tags. */
  call->forbidden_message = taxonomy == BYLINE_CMS_TAXONOMY_CATEGORY
                              ? _("Your WordPress account may not add categories")
                              : _("Your WordPress account may not add tags");
  wp_call_start (task);
}

static BylineCmsTerm *
byline_wp_client_create_term_finish (BylineCmsClient  *client,
                                     GAsyncResult     *result,
                                     GError          **error)
{
  g_return_val_if_fail (g_task_is_valid (result, client), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
byline_wp_client_cms_client_iface_init (BylineCmsClientInterface *iface)
{
  iface->verify_account_async = byline_wp_client_verify_account_async;
  iface->verify_account_finish = byline_wp_client_verify_account_finish;
  iface->list_posts_async = byline_wp_client_list_posts_async;
  iface->list_posts_finish = byline_wp_client_list_posts_finish;
  iface->get_post_async = byline_wp_client_get_post_async;
  iface->read_post_async = byline_wp_client_read_post_async;
  iface->find_post_async = byline_wp_client_find_post_async;
  iface->create_post_async = byline_wp_client_create_post_async;
  iface->update_post_async = byline_wp_client_update_post_async;
  iface->post_finish = byline_wp_client_post_finish;
  iface->upload_media_async = byline_wp_client_upload_media_async;
  iface->upload_media_finish = byline_wp_client_upload_media_finish;
  iface->find_media_async = byline_wp_client_find_media_async;
  iface->update_media_async = byline_wp_client_update_media_async;
  iface->list_terms_async = byline_wp_client_list_terms_async;
  iface->list_terms_finish = byline_wp_client_list_terms_finish;
  iface->create_term_async = byline_wp_client_create_term_async;
  iface->create_term_finish = byline_wp_client_create_term_finish;
}
