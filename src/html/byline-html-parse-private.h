/* byline-html-parse-private.h: parsing and whitespace rules shared by import and normalisation
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <libxml/HTMLparser.h>

G_BEGIN_DECLS

G_DEFINE_AUTOPTR_CLEANUP_FUNC (xmlDoc, xmlFreeDoc)

gboolean byline_html_parse                 (const char  *html,
                                            gssize       length,
                                            xmlDoc     **doc,
                                            GError     **error);
char    *byline_html_dump_node             (xmlNode     *node);

gboolean byline_html_is_block_name         (const char  *name);
gboolean byline_html_is_transparent       (xmlNode     *node);
gboolean byline_html_keeps_whitespace      (xmlNode     *node);
gboolean byline_html_text_trims_start      (xmlNode     *text);
gboolean byline_html_text_trims_end        (xmlNode     *text);
char    *byline_html_collapse_whitespace   (const char  *text,
                                            gssize       length,
                                            gboolean     trim_start,
                                            gboolean     trim_end);
char    *byline_html_collapse_text_node    (xmlNode     *text);
gboolean byline_html_class_list_contains   (const char  *classes,
                                            const char  *wanted);
void     byline_html_append_start_tag  (GString     *out,
                                            const char  *name);
void     byline_html_append_end_tag    (GString     *out,
                                            const char  *name);
void     byline_html_append_escaped        (GString     *out,
                                            const char  *text,
                                            gssize       length,
                                            gboolean     in_attribute);

G_END_DECLS
