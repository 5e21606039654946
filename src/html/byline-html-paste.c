/* byline-html-paste.c: HTML from the clipboard, reduced to what a story holds
 *
 * A web page's markup is not the writer's: styles, classes, scripts, event handlers
 * and layout elements go; the text stays, in paragraphs, headings, lists, quotes
 * and the inline formats the editor offers. Pasting never makes protected markup.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "byline-html-paste.h"
#include "byline-html-parse-private.h"

/* Deeper than any real page; a pathological fragment keeps its text up to here. */
#define MAX_DEPTH 200

typedef struct
{
  const char *from;
  const char *to;
} Renaming;

static const Renaming kept_elements[] = {
  { "p", "p" }, { "h1", "h2" }, { "h2", "h2" }, { "h3", "h3" }, { "h4", "h4" }, { "h5", "h4" },
  { "h6", "h4" }, { "ul", "ul" }, { "ol", "ol" }, { "li", "li" }, { "blockquote", "blockquote" },
  { "strong", "strong" }, { "b", "strong" }, { "em", "em" }, { "i", "em" }, { "u", "u" },
  { "s", "s" }, { "strike", "s" }, { "del", "s" }, { "code", "code" }, { "a", "a" },
  { "sub", "sub" }, { "sup", "sup" },
};

static const char *const dropped_elements[] = {
  "script", "style", "noscript", "template", "head", "title", "meta", "link", "iframe", "object",
  "embed", "frame", "frameset", "applet", "form", "input", "button", "select", "textarea", "svg",
  "math", "canvas", "video", "audio", "img", "picture", "source", "track", NULL,
};

/* Layout blocks that hold text directly become paragraphs. */
static const char *const paragraph_like[] = {
  "div", "section", "article", "header", "footer", "aside", "nav", "main", "td", "th", "dd",
  "dt", "pre", "address", "caption", "figcaption", "center", NULL,
};

static void sanitize_children (GString *out, xmlNode *parent, guint depth);

static const char *
kept_name (xmlNode *element)
{
  const char *name = (const char *) element->name;

  for (gsize i = 0; i < G_N_ELEMENTS (kept_elements); i++)
    {
      if (g_ascii_strcasecmp (kept_elements[i].from, name) == 0)
        return kept_elements[i].to;
    }
  return NULL;
}

static gboolean
has_block_child (xmlNode *element)
{
  for (xmlNode *child = element->children; child != NULL; child = child->next)
    {
      if (child->type == XML_ELEMENT_NODE && byline_html_is_block_name ((const char *) child->name))
        return TRUE;
    }
  return FALSE;
}

static gboolean
is_safe_href (const char *href)
{
  g_autofree char *scheme = NULL;

  if (href == NULL || *href == '\0')
    return FALSE;
  scheme = g_uri_parse_scheme (href);
  return scheme == NULL || g_ascii_strcasecmp (scheme, "http") == 0 ||
         g_ascii_strcasecmp (scheme, "https") == 0 || g_ascii_strcasecmp (scheme, "mailto") == 0;
}

/* Google Docs wraps a whole copied document in a <b> that is not bold. */
static gboolean
is_docs_wrapper (xmlNode *element)
{
  g_autofree char *id = (char *) xmlGetProp (element, (const xmlChar *) "id");

  return id != NULL && g_str_has_prefix (id, "docs-internal-guid");
}

static void
open_tag (GString    *out,
          const char *name,
          const char *href)
{
  g_string_append_printf (out, "<%s", name);
  if (href != NULL)
    {
      g_string_append (out, " href=\"");
      byline_html_append_escaped (out, href, -1, TRUE);
      g_string_append_c (out, '"');
    }
  g_string_append_c (out, '>');
}

static void
sanitize_element (GString *out,
                  xmlNode *element,
                  guint    depth)
{
  const char *raw_name = (const char *) element->name;
  const char *name = kept_name (element);
  g_autofree char *href = NULL;

  if (g_strv_contains (dropped_elements, raw_name))
    return;
  if (g_str_equal (raw_name, "br") || g_str_equal (raw_name, "hr"))
    {
      g_string_append_printf (out, "<%s>", raw_name);
      return;
    }
  if (name == NULL && g_strv_contains (paragraph_like, raw_name) && !has_block_child (element))
    name = "p";
  if (g_strcmp0 (name, "strong") == 0 && is_docs_wrapper (element))
    name = NULL;
  if (g_strcmp0 (name, "a") == 0)
    {
      href = (char *) xmlGetProp (element, (const xmlChar *) "href");
      if (!is_safe_href (href))
        name = NULL;
    }
  if (name == NULL)
    {
      sanitize_children (out, element, depth + 1);
      return;
    }
  open_tag (out, name, href);
  sanitize_children (out, element, depth + 1);
  g_string_append_printf (out, "</%s>", name);
}

static void
sanitize_children (GString *out,
                   xmlNode *parent,
                   guint    depth)
{
  if (depth > MAX_DEPTH)
    return;
  for (xmlNode *child = parent->children; child != NULL; child = child->next)
    {
      if (child->type == XML_TEXT_NODE && child->content != NULL)
        byline_html_append_escaped (out, (const char *) child->content, -1, FALSE);
      else if (child->type == XML_ELEMENT_NODE)
        sanitize_element (out, child, depth);
    }
}

/* Firefox offers text/html as UTF-16 with a byte order mark. */
static char *
to_utf8 (const char *html,
         gsize       length)
{
  const guchar *bytes = (const guchar *) html;

  if (length >= 2 && ((bytes[0] == 0xff && bytes[1] == 0xfe) || (bytes[0] == 0xfe && bytes[1] == 0xff)))
    return g_convert (html, length, "UTF-8", "UTF-16", NULL, NULL, NULL);
  return g_strndup (html, length);
}

/**
 * byline_html_sanitize_paste:
 * @html: markup from the clipboard, in any state
 * @length: its length in bytes, or -1
 *
 * Returns: (transfer full): well-formed HTML of the supported subset, without
 *   attributes but a safe link's address; empty when nothing could be read
 */
char *
byline_html_sanitize_paste (const char *html,
                            gssize      length)
{
  g_autofree char *text = NULL;
  g_autoptr (xmlDoc) doc = NULL;
  GString *out = g_string_new (NULL);

  g_return_val_if_fail (html != NULL, NULL);

  text = to_utf8 (html, length < 0 ? strlen (html) : (gsize) length);
  if (text == NULL)
    return g_string_free (out, FALSE);
  byline_html_parse (text, -1, &doc, NULL);
  if (doc != NULL)
    sanitize_children (out, (xmlNode *) doc, 0);
  return g_string_free (out, FALSE);
}
