/* byline-html-element.h: HTML elements as tags of a GtkTextBuffer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "model/byline-update.h"

G_BEGIN_DECLS

/* Every element of a story is one tag, applied to the text it holds; tags nest by
 * priority, outer elements first. A block's range includes the newline that ends
 * its last line. Anything Byline does not edit is a protected tag holding the
 * verbatim markup, applied to a short non-editable label. */
typedef enum
{
  BYLINE_HTML_KIND_NONE,
  BYLINE_HTML_KIND_TEXT_BLOCK,
  BYLINE_HTML_KIND_CONTAINER,
  BYLINE_HTML_KIND_INLINE,
  BYLINE_HTML_KIND_PROTECTED,
} BylineHtmlKind;

BylineHtmlKind  byline_html_kind_for_name      (const char          *name);

GtkTextTag     *byline_html_tag_new_element    (GtkTextBuffer       *buffer,
                                                const char          *name,
                                                const char * const  *attributes);
GtkTextTag     *byline_html_tag_new_protected  (GtkTextBuffer       *buffer,
                                                const char          *markup);
BylineHtmlKind  byline_html_tag_get_kind       (GtkTextTag          *tag);
const char     *byline_html_tag_get_name       (GtkTextTag          *tag);
const char     *byline_html_tag_get_attribute  (GtkTextTag          *tag,
                                                const char          *name);
const char * const *byline_html_tag_get_attributes (GtkTextTag      *tag);
const char     *byline_html_tag_get_markup     (GtkTextTag          *tag);
void            byline_html_tag_set_list_depth (GtkTextTag          *tag,
                                                guint                depth);
gboolean        byline_html_tag_is_pullquote   (GtkTextTag          *tag);

char           *byline_html_protected_label    (const char          *markup);
void            byline_html_insert_protected   (GtkTextBuffer       *buffer,
                                                GtkTextIter         *iter,
                                                const char          *markup);
GtkTextTag     *byline_html_iter_get_element   (const GtkTextIter   *iter,
                                                const char          *name);
void            byline_html_remove_elements    (GtkTextBuffer       *buffer);

const char     *byline_html_embed_provider     (const char          *url);
GtkTextTag     *byline_html_get_embed_tag      (GtkTextBuffer       *buffer);

void            byline_html_append_update      (GtkTextBuffer       *buffer,
                                                BylineUpdate        *update);

G_END_DECLS
