/* byline-fault-proxy.c
 *
 * Runs in the caller's main context. Bounded: it listens on 127.0.0.1 only,
 * forwards only to a loopback target, refuses bodies over 16 MiB and delays
 * by at most DELAY_MS. The faults come from a seeded GRand, so a failing run
 * can be replayed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <libsoup/soup.h>
#include <sys/socket.h>

#include "byline-fault-proxy.h"

#define MAX_BODY_BYTES (16 * 1024 * 1024)
#define DELAY_MS 300
#define N_KINDS 8

struct _BylineFaultProxy
{
  GObject          parent_instance;

  SoupServer      *server;
  SoupSession     *session;
  char            *url;
  char            *target;
  GRand           *rand;
  double           share;
  BylineFaultKind  kinds;
  guint            requests;
  guint            faults;
  guint            fault_counts[N_KINDS];
};

G_DEFINE_FINAL_TYPE (BylineFaultProxy, byline_fault_proxy, G_TYPE_OBJECT)

typedef struct
{
  BylineFaultProxy  *proxy;
  SoupServerMessage *msg;
  SoupMessage       *forwarded;
  BylineFaultKind    fault;
} Exchange;

static void
exchange_free (Exchange *exchange)
{
  g_clear_object (&exchange->proxy);
  g_clear_object (&exchange->msg);
  g_clear_object (&exchange->forwarded);
  g_free (exchange);
}

static gboolean
is_hop_by_hop (const char *name)
{
  static const char * const names[] = {
    "Connection", "Keep-Alive", "Transfer-Encoding", "Content-Length", "Host", "Accept-Encoding",
    "Content-Encoding", "Proxy-Connection", "TE", "Trailer", "Upgrade", NULL,
  };

  for (guint i = 0; names[i] != NULL; i++)
    {
      if (g_ascii_strcasecmp (names[i], name) == 0)
        return TRUE;
    }
  return FALSE;
}

static void
copy_headers (SoupMessageHeaders *from,
              SoupMessageHeaders *to)
{
  SoupMessageHeadersIter iter;
  const char *name, *value;

  soup_message_headers_iter_init (&iter, from);
  while (soup_message_headers_iter_next (&iter, &name, &value))
    {
      if (!is_hop_by_hop (name))
        soup_message_headers_append (to, name, value);
    }
}

static BylineFaultKind
choose_fault (BylineFaultProxy *self)
{
  BylineFaultKind chosen[N_KINDS];
  guint n = 0;

  if (g_rand_double (self->rand) >= self->share)
    return 0;
  for (guint i = 0; i < N_KINDS; i++)
    {
      if (self->kinds & (1u << i))
        chosen[n++] = 1u << i;
    }
  return n > 0 ? chosen[g_rand_int_range (self->rand, 0, n)] : 0;
}

static void
count_fault (BylineFaultProxy *self,
             BylineFaultKind   fault)
{
  if (fault == 0)
    return;
  self->faults++;
  self->fault_counts[g_bit_nth_lsf (fault, -1)]++;
}

/* Without SO_LINGER the close is an orderly FIN; with a zero linger time it
 * is a reset, which is what a crashing server or a middlebox sends. */
static void
close_connection (SoupServerMessage *msg,
                  gboolean           reset)
{
  GSocket *socket = soup_server_message_get_socket (msg);
  g_autoptr (GIOStream) stream = NULL;

  if (reset && socket != NULL)
    {
      struct linger linger = { 1, 0 };
      setsockopt (g_socket_get_fd (socket), SOL_SOCKET, SO_LINGER, &linger, sizeof linger);
    }
  stream = soup_server_message_steal_connection (msg);
  if (stream != NULL)
    g_io_stream_close (stream, NULL, NULL);
}

static void
answer (SoupServerMessage *msg,
        guint              status,
        const char        *content_type,
        const char        *body,
        gsize              length)
{
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, content_type, SOUP_MEMORY_COPY, body, length);
}

static void
answer_forwarded (Exchange *exchange,
                  GBytes   *body)
{
  static const char garbage[] = "\x01\xff<html>{\"id\":";
  SoupServerMessage *msg = exchange->msg;
  SoupMessage *forwarded = exchange->forwarded;
  const char *type = soup_message_headers_get_content_type (soup_message_get_response_headers (forwarded), NULL);
  gsize length = 0;
  const char *data = g_bytes_get_data (body, &length);
  guint status = soup_message_get_status (forwarded);

  copy_headers (soup_message_get_response_headers (forwarded), soup_server_message_get_response_headers (msg));
  if (exchange->fault == BYLINE_FAULT_502)
    answer (msg, SOUP_STATUS_BAD_GATEWAY, "text/html", "<h1>Bad Gateway</h1>", 20);
  else if (exchange->fault == BYLINE_FAULT_TRUNCATED)
    answer (msg, status, type ? type : "application/json", data, length / 2);
  else if (exchange->fault == BYLINE_FAULT_GARBAGE)
    answer (msg, status, type ? type : "application/json", garbage, sizeof garbage - 1);
  else
    answer (msg, status, type ? type : "application/octet-stream", data, length);
}

static void
on_forwarded (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  Exchange *exchange = user_data;
  g_autoptr (GBytes) body = soup_session_send_and_read_finish (SOUP_SESSION (source), result, NULL);

  if (exchange->fault == BYLINE_FAULT_DROP)
    close_connection (exchange->msg, FALSE);
  else
    {
      if (body == NULL)
        answer (exchange->msg, SOUP_STATUS_BAD_GATEWAY, "text/plain", "upstream failed", 15);
      else
        answer_forwarded (exchange, body);
      soup_server_message_unpause (exchange->msg);
    }
  exchange_free (exchange);
}

static void
forward (Exchange *exchange)
{
  BylineFaultProxy *self = exchange->proxy;
  SoupServerMessage *msg = exchange->msg;
  GUri *uri = soup_server_message_get_uri (msg);
  const char *query = g_uri_get_query (uri);
  g_autofree char *target = g_strconcat (self->target, g_uri_get_path (uri), query ? "?" : "", query ? query : "",
                                         NULL);
  g_autoptr (GBytes) body = soup_message_body_flatten (soup_server_message_get_request_body (msg));
  SoupMessageHeaders *request_headers = soup_server_message_get_request_headers (msg);

  exchange->forwarded = soup_message_new (soup_server_message_get_method (msg), target);
  copy_headers (request_headers, soup_message_get_request_headers (exchange->forwarded));
  if (g_bytes_get_size (body) > 0)
    soup_message_set_request_body_from_bytes (exchange->forwarded,
                                              soup_message_headers_get_content_type (request_headers, NULL),
                                              body);
  soup_session_send_and_read_async (self->session, exchange->forwarded, G_PRIORITY_DEFAULT, NULL, on_forwarded,
                                    exchange);
}

static gboolean
on_delay_over (gpointer user_data)
{
  forward (user_data);
  return G_SOURCE_REMOVE;
}

static void
handle_request (SoupServer        *server,
                SoupServerMessage *msg,
                const char        *path,
                GHashTable        *query,
                gpointer           user_data)
{
  BylineFaultProxy *self = user_data;
  BylineFaultKind fault = choose_fault (self);
  Exchange *exchange;

  self->requests++;
  count_fault (self, fault);
  if (soup_server_message_get_request_body (msg)->length > MAX_BODY_BYTES)
    answer (msg, SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE, "text/plain", "too large", 9);
  else if (fault == BYLINE_FAULT_RESET)
    close_connection (msg, TRUE);
  else if (fault == BYLINE_FAULT_500 || fault == BYLINE_FAULT_503)
    answer (msg, fault == BYLINE_FAULT_500 ? 500 : 503, "text/html", "<h1>Server Error</h1>", 21);
  else
    {
      exchange = g_new0 (Exchange, 1);
      exchange->proxy = g_object_ref (self);
      exchange->msg = g_object_ref (msg);
      exchange->fault = fault;
      soup_server_message_pause (msg);
      if (fault == BYLINE_FAULT_DELAY)
        g_timeout_add (DELAY_MS, on_delay_over, exchange);
      else
        forward (exchange);
    }
}

static gboolean
is_loopback_url (const char *url)
{
  g_autoptr (GUri) uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  g_autoptr (GInetAddress) address = NULL;

  if (uri == NULL || g_strcmp0 (g_uri_get_scheme (uri), "http") != 0 || g_uri_get_host (uri) == NULL)
    return FALSE;
  address = g_inet_address_new_from_string (g_uri_get_host (uri));
  return address != NULL ? g_inet_address_get_is_loopback (address)
                         : g_ascii_strcasecmp (g_uri_get_host (uri), "localhost") == 0;
}

static gboolean
listen_on_loopback (BylineFaultProxy  *self,
                    GError           **error)
{
  GSList *uris;

  if (!soup_server_listen_local (self->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, error))
    return FALSE;
  uris = soup_server_get_uris (self->server);
  self->url = g_strdup_printf ("http://127.0.0.1:%d", g_uri_get_port (uris->data));
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  return TRUE;
}

/* @share of the requests (0 to 1) get one of the enabled faults, all
 * failures unless byline_fault_proxy_set_kinds() says otherwise. */
BylineFaultProxy *
byline_fault_proxy_new (const char  *target_url,
                        double       share,
                        guint32      seed,
                        GError     **error)
{
  g_autoptr (BylineFaultProxy) self = NULL;

  g_return_val_if_fail (target_url != NULL, NULL);
  g_return_val_if_fail (share >= 0 && share <= 1, NULL);

  if (!is_loopback_url (target_url))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   "The fault proxy only forwards to http:// on this machine, not to %s", target_url);
      return NULL;
    }

  self = g_object_new (BYLINE_TYPE_FAULT_PROXY, NULL);
  self->target = g_strdup (target_url);
  while (g_str_has_suffix (self->target, "/"))
    self->target[strlen (self->target) - 1] = '\0';
  self->share = share;
  self->rand = g_rand_new_with_seed (seed);
  if (!listen_on_loopback (self, error))
    return NULL;
  return g_steal_pointer (&self);
}

const char *
byline_fault_proxy_get_url (BylineFaultProxy *self)
{
  g_return_val_if_fail (BYLINE_IS_FAULT_PROXY (self), NULL);

  return self->url;
}

void
byline_fault_proxy_set_share (BylineFaultProxy *self,
                              double            share)
{
  g_return_if_fail (BYLINE_IS_FAULT_PROXY (self));
  g_return_if_fail (share >= 0 && share <= 1);

  self->share = share;
}

void
byline_fault_proxy_set_kinds (BylineFaultProxy *self,
                              BylineFaultKind   kinds)
{
  g_return_if_fail (BYLINE_IS_FAULT_PROXY (self));

  self->kinds = kinds;
}

guint
byline_fault_proxy_get_requests (BylineFaultProxy *self)
{
  g_return_val_if_fail (BYLINE_IS_FAULT_PROXY (self), 0);

  return self->requests;
}

guint
byline_fault_proxy_get_faults (BylineFaultProxy *self)
{
  g_return_val_if_fail (BYLINE_IS_FAULT_PROXY (self), 0);

  return self->faults;
}

guint
byline_fault_proxy_count_faults (BylineFaultProxy *self,
                                 BylineFaultKind   kind)
{
  g_return_val_if_fail (BYLINE_IS_FAULT_PROXY (self), 0);
  g_return_val_if_fail (kind != 0, 0);

  return self->fault_counts[g_bit_nth_lsf (kind, -1)];
}

void
byline_fault_proxy_stop (BylineFaultProxy *self)
{
  g_return_if_fail (BYLINE_IS_FAULT_PROXY (self));

  soup_server_disconnect (self->server);
  soup_session_abort (self->session);
}

static void
byline_fault_proxy_finalize (GObject *object)
{
  BylineFaultProxy *self = (BylineFaultProxy *) object;

  soup_server_disconnect (self->server);
  g_clear_object (&self->server);
  g_clear_object (&self->session);
  g_clear_pointer (&self->rand, g_rand_free);
  g_clear_pointer (&self->url, g_free);
  g_clear_pointer (&self->target, g_free);

  G_OBJECT_CLASS (byline_fault_proxy_parent_class)->finalize (object);
}

static void
byline_fault_proxy_class_init (BylineFaultProxyClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = byline_fault_proxy_finalize;
}

static void
byline_fault_proxy_init (BylineFaultProxy *self)
{
  self->kinds = BYLINE_FAULT_ALL_FAILURES;
  self->server = soup_server_new (NULL, NULL);
  soup_server_add_handler (self->server, NULL, handle_request, self, NULL);
  self->session = soup_session_new_with_options ("max-conns", 8, "max-conns-per-host", 8, "timeout", 120, NULL);
}
