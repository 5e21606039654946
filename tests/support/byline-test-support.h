/* byline-test-support.h: what the test programs share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef gboolean (*BylineTestCondition) (gpointer data);

void          byline_test_keep_system_mime_database (void);

void          byline_test_store_result              (GObject              *source,
                                                     GAsyncResult         *result,
                                                     gpointer              user_data);
GAsyncResult *byline_test_wait_for_result           (GAsyncResult        **result);

gboolean      byline_test_wait_until                (BylineTestCondition   condition,
                                                     gpointer              data,
                                                     guint                 timeout_ms);

G_END_DECLS
