/* byline-html-paste.h: HTML from the clipboard, reduced to what a story holds
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

char *byline_html_sanitize_paste (const char *html,
                                  gssize      length);

G_END_DECLS
