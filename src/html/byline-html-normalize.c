/* byline-html-normalize.c
 *
 * Two documents are the same when libxml2 reads them into the same tree, whitespace
 * aside: runs of whitespace count as one space, and whitespace that is not rendered
 * (at the edges of blocks, between blocks) not at all. Attributes are sorted, and
 * every block ends a line so that differences are easy to read.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "byline-html.h"
#include "byline-html-parse-private.h"

static void normalize_children (GString *out,
                                xmlNode *parent);

static int
compare_attribute_names (gconstpointer a,
                         gconstpointer b)
{
  xmlAttr *attribute_a = *(xmlAttr **) a;
  xmlAttr *attribute_b = *(xmlAttr **) b;

  return strcmp ((const char *) attribute_a->name, (const char *) attribute_b->name);
}

static void
normalize_attributes (GString *out,
                      xmlNode *element)
{
  g_autoptr (GPtrArray) attributes = g_ptr_array_new ();

  for (xmlAttr *attribute = element->properties; attribute != NULL; attribute = attribute->next)
    g_ptr_array_add (attributes, attribute);
  g_ptr_array_sort (attributes, compare_attribute_names);
  for (guint i = 0; i < attributes->len; i++)
    {
      xmlAttr *attribute = attributes->pdata[i];
      g_autofree char *value = (char *) xmlNodeListGetString (element->doc, attribute->children, 1);

      g_string_append_printf (out, " %s=\"", (const char *) attribute->name);
      byline_html_append_escaped (out, value != NULL ? value : "", -1, TRUE);
      g_string_append_c (out, '"');
    }
}

static void
normalize_element (GString *out,
                   xmlNode *element)
{
  const char *name = (const char *) element->name;

  if (byline_html_is_transparent (element))
    {
      normalize_children (out, element);
      return;
    }
  g_string_append_printf (out, "<%s", name);
  normalize_attributes (out, element);
  g_string_append_c (out, '>');
  normalize_children (out, element);
  g_string_append_printf (out, "</%s>", name);
  if (byline_html_is_block_name (name))
    g_string_append_c (out, '\n');
}

static void
normalize_node (GString *out,
                xmlNode *node)
{
  g_autofree char *text = NULL;
  g_autofree char *markup = NULL;

  switch (node->type)
    {
    case XML_TEXT_NODE:
      text = byline_html_collapse_text_node (node);
      byline_html_append_escaped (out, text, -1, FALSE);
      break;
    case XML_ELEMENT_NODE:
      normalize_element (out, node);
      break;
    case XML_COMMENT_NODE:
      g_string_append_printf (out, "<!--%s-->\n", node->content != NULL ? (const char *) node->content : "");
      break;
    default:
      markup = byline_html_dump_node (node);
      g_string_append (out, markup);
      break;
    }
}

static void
normalize_children (GString *out,
                    xmlNode *parent)
{
  for (xmlNode *child = parent->children; child != NULL; child = child->next)
    normalize_node (out, child);
}

/* NULL only when the document is refused for its size; bytes that are not UTF-8 are
 * repaired as byline_html_import() repairs them. */
char *
byline_html_normalize (const char *html,
                       gssize      length,
                       GError    **error)
{
  g_autoptr (xmlDoc) doc = NULL;
  g_autoptr (GError) problem = NULL;
  GString *out;

  g_return_val_if_fail (html != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  byline_html_parse (html, length, &doc, &problem);
  if (doc == NULL)
    {
      g_propagate_error (error, g_steal_pointer (&problem));
      return NULL;
    }
  out = g_string_new (NULL);
  normalize_children (out, (xmlNode *) doc);
  return g_string_free (out, FALSE);
}
