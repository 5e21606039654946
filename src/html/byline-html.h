/* byline-html.h: story bodies as HTML, in and out of a GtkTextBuffer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define BYLINE_HTML_ERROR (byline_html_error_quark ())

/* Bodies beyond this are refused rather than truncated: nothing of a story is
 * ever cut off silently. A 50,000-word story is about 400 KB. */
#define BYLINE_HTML_MAX_LENGTH (16 * 1024 * 1024)

typedef enum
{
  BYLINE_HTML_ERROR_TOO_LARGE,
  BYLINE_HTML_ERROR_INVALID_UTF8,
  BYLINE_HTML_ERROR_TRUNCATED,
} BylineHtmlError;

GQuark byline_html_error_quark (void);

G_END_DECLS

#include "byline-html-element.h"
#include "byline-html-export.h"
#include "byline-html-import.h"
#include "byline-html-normalize.h"
