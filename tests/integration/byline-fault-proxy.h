/* byline-fault-proxy.h: an HTTP proxy on 127.0.0.1 that breaks a chosen
 * share of the requests it forwards, in the ways networks and servers do
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef enum
{
  BYLINE_FAULT_DELAY     = 1 << 0, /* forwarded late, answered normally */
  BYLINE_FAULT_RESET     = 1 << 1, /* connection reset before forwarding */
  BYLINE_FAULT_DROP      = 1 << 2, /* forwarded, then closed without an answer */
  BYLINE_FAULT_500       = 1 << 3, /* answered 500 without forwarding */
  BYLINE_FAULT_502       = 1 << 4, /* forwarded, then answered 502 */
  BYLINE_FAULT_503       = 1 << 5, /* answered 503 without forwarding */
  BYLINE_FAULT_TRUNCATED = 1 << 6, /* forwarded, answer cut in half */
  BYLINE_FAULT_GARBAGE   = 1 << 7, /* forwarded, answer replaced by garbage */
} BylineFaultKind;

#define BYLINE_FAULT_ALL_FAILURES                                                              \
  (BYLINE_FAULT_RESET | BYLINE_FAULT_DROP | BYLINE_FAULT_500 | BYLINE_FAULT_502 | BYLINE_FAULT_503 | \
   BYLINE_FAULT_TRUNCATED | BYLINE_FAULT_GARBAGE)

#define BYLINE_TYPE_FAULT_PROXY (byline_fault_proxy_get_type ())

G_DECLARE_FINAL_TYPE (BylineFaultProxy, byline_fault_proxy, BYLINE, FAULT_PROXY, GObject)

BylineFaultProxy *byline_fault_proxy_new          (const char       *target_url,
                                                   double            share,
                                                   guint32           seed,
                                                   GError          **error);
const char       *byline_fault_proxy_get_url      (BylineFaultProxy *self);
void              byline_fault_proxy_set_share    (BylineFaultProxy *self,
                                                   double            share);
void              byline_fault_proxy_set_kinds    (BylineFaultProxy *self,
                                                   BylineFaultKind   kinds);
guint             byline_fault_proxy_get_requests (BylineFaultProxy *self);
guint             byline_fault_proxy_get_faults   (BylineFaultProxy *self);
guint             byline_fault_proxy_count_faults (BylineFaultProxy *self,
                                                   BylineFaultKind   kind);
void              byline_fault_proxy_stop         (BylineFaultProxy *self);

G_END_DECLS
