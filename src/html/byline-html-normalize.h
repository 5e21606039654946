/* byline-html-normalize.h: a canonical form of HTML, for comparing documents
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

char *byline_html_normalize (const char *html,
                             gssize      length,
                             GError    **error);

G_END_DECLS
