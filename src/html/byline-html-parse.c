/* byline-html-parse.c: libxml2's HTML parser, fenced in
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <libxml/HTMLtree.h>
#include <stdlib.h>
#include <string.h>

#include "byline-html.h"
#include "byline-html-parse-private.h"

G_DEFINE_QUARK (byline-html-error-quark, byline_html_error)

/* The document's own encoding declarations are ignored: a body is UTF-8. */
#define PARSE_OPTIONS (HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET | \
                       HTML_PARSE_IGNORE_ENC | HTML_PARSE_NODEFDTD)

/* Opening body explicitly keeps a fragment a fragment: libxml2 then neither wraps
 * leading text in an implied <p> nor moves <style> or comments out of the body. */
static const char body_prefix[] = "<html><body>";

/* Sorted for bsearch. */
static const char *const block_names[] = {
  "address", "article", "aside", "blockquote", "body", "caption", "center", "col",
  "colgroup", "dd", "details", "dialog", "dir", "div", "dl", "dt", "fieldset",
  "figcaption", "figure", "footer", "form", "frameset", "h1", "h2", "h3", "h4", "h5",
  "h6", "head", "header", "hgroup", "hr", "html", "legend", "li", "main", "menu", "nav",
  "ol", "optgroup", "option", "p", "pre", "section", "summary", "table", "tbody", "td",
  "tfoot", "th", "thead", "tr", "ul",
};

static const char *const whitespace_keeping_names[] = {
  "listing", "plaintext", "pre", "script", "style", "textarea", "xmp",
};

static int
compare_names (const void *a,
               const void *b)
{
  return strcmp (a, *(const char *const *) b);
}

static gboolean
name_in (const char        *name,
         const char *const *names,
         gsize              n_names)
{
  return name != NULL && bsearch (name, names, n_names, sizeof *names, compare_names) != NULL;
}

gboolean
byline_html_is_block_name (const char *name)
{
  return name_in (name, block_names, G_N_ELEMENTS (block_names));
}

static gboolean
is_element_named (xmlNode    *node,
                  const char *name)
{
  return node->type == XML_ELEMENT_NODE && g_strcmp0 ((const char *) node->name, name) == 0;
}

/* html, head and body only wrap a fragment; a stray one inside it wraps nothing. */
gboolean
byline_html_is_transparent (xmlNode *node)
{
  return is_element_named (node, "html") || is_element_named (node, "head") ||
         is_element_named (node, "body");
}

gboolean
byline_html_keeps_whitespace (xmlNode *node)
{
  for (xmlNode *ancestor = node; ancestor != NULL; ancestor = ancestor->parent)
    {
      if (ancestor->type == XML_ELEMENT_NODE &&
          name_in ((const char *) ancestor->name, whitespace_keeping_names,
                   G_N_ELEMENTS (whitespace_keeping_names)))
        return TRUE;
    }
  return FALSE;
}

static gboolean
is_blank_text (xmlNode *node)
{
  const char *content = (const char *) node->content;

  return node->type == XML_TEXT_NODE &&
         (content == NULL || content[strspn (content, " \t\n\r\f")] == '\0');
}

/* Comments render as nothing, and blank text beside them as nothing more than the
 * text beyond them, so whitespace is judged by what lies past both; not too far
 * past, or a long run of comments would take quadratic time. */
static gboolean
is_line_boundary (xmlNode *sibling,
                  gboolean forward)
{
  for (guint skipped = 0;
       sibling != NULL && skipped < 64 && (sibling->type == XML_COMMENT_NODE || is_blank_text (sibling));
       skipped++)
    sibling = forward ? sibling->next : sibling->prev;
  if (sibling == NULL)
    return TRUE;
  return sibling->type == XML_ELEMENT_NODE && byline_html_is_block_name ((const char *) sibling->name);
}

static gboolean
parent_is_block (xmlNode *node)
{
  xmlNode *parent = node->parent;

  return parent == NULL || parent->type != XML_ELEMENT_NODE ||
         byline_html_is_block_name ((const char *) parent->name);
}

/* Whitespace at the edge of a block, or beside a block, is not rendered; elsewhere
 * a run of it renders as one space. */
gboolean
byline_html_text_trims_start (xmlNode *text)
{
  return parent_is_block (text) && is_line_boundary (text->prev, FALSE);
}

gboolean
byline_html_text_trims_end (xmlNode *text)
{
  return parent_is_block (text) && is_line_boundary (text->next, TRUE);
}

static gboolean
is_html_space (char c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

char *
byline_html_collapse_whitespace (const char *text,
                                 gssize      length,
                                 gboolean    trim_start,
                                 gboolean    trim_end)
{
  gsize n = length < 0 ? strlen (text) : (gsize) length;
  GString *collapsed = g_string_sized_new (n);
  gboolean pending_space = FALSE;

  for (gsize i = 0; i < n; i++)
    {
      if (is_html_space (text[i]))
        {
          pending_space = TRUE;
          continue;
        }
      if (pending_space && (collapsed->len > 0 || !trim_start))
        g_string_append_c (collapsed, ' ');
      pending_space = FALSE;
      g_string_append_c (collapsed, text[i]);
    }
  if (pending_space && !trim_end && (collapsed->len > 0 || !trim_start))
    g_string_append_c (collapsed, ' ');
  return g_string_free (collapsed, FALSE);
}

char *
byline_html_collapse_text_node (xmlNode *text)
{
  const char *content = (const char *) text->content;

  if (content == NULL)
    return g_strdup ("");
  if (byline_html_keeps_whitespace (text))
    return g_strdup (content);
  return byline_html_collapse_whitespace (content, -1,
                                          byline_html_text_trims_start (text),
                                          byline_html_text_trims_end (text));
}

gboolean
byline_html_class_list_contains (const char *classes,
                                 const char *wanted)
{
  g_auto (GStrv) tokens = NULL;

  if (classes == NULL)
    return FALSE;
  tokens = g_strsplit_set (classes, " \t\n\r\f", -1);
  return g_strv_contains ((const char * const *) tokens, wanted);
}

static const char *
entity_for (const char *p,
            gboolean    in_attribute)
{
  switch (p[0])
    {
    case '&':
      return "&amp;";
    case '<':
      return "&lt;";
    case '>':
      return "&gt;";
    case '"':
      return in_attribute ? "&quot;" : NULL;
    default:
      return NULL;
    }
}

/* A no-break space is written as an entity so that it stays visible in the source. */
void
byline_html_append_escaped (GString    *out,
                            const char *text,
                            gssize      length,
                            gboolean    in_attribute)
{
  const char *end = text + (length < 0 ? strlen (text) : (gsize) length);
  const char *p = text;

  while (p < end)
    {
      const char *entity = entity_for (p, in_attribute);
      gboolean is_nbsp = (guchar) p[0] == 0xC2 && p + 1 < end && (guchar) p[1] == 0xA0;

      if (is_nbsp)
        g_string_append (out, "&nbsp;");
      else if (entity != NULL)
        g_string_append (out, entity);
      else
        g_string_append_c (out, *p);
      p += is_nbsp ? 2 : 1;
    }
}

/* Bytes that are not UTF-8 become U+FFFD; the rest of the story is kept. */
static char *
make_valid_utf8 (const char *html,
                 gsize       length,
                 GError    **error)
{
  if (g_utf8_validate_len (html, length, NULL))
    return g_strndup (html, length);
  g_set_error_literal (error, BYLINE_HTML_ERROR, BYLINE_HTML_ERROR_INVALID_UTF8,
                       _("The story contained bytes that are not UTF-8 text; they were replaced with �"));
  return g_utf8_make_valid (html, length);
}

static gboolean
check_length (gsize    length,
              GError **error)
{
  g_autofree char *limit = NULL;

  if (length <= BYLINE_HTML_MAX_LENGTH)
    return TRUE;
  limit = g_format_size (BYLINE_HTML_MAX_LENGTH);
  g_set_error (error, BYLINE_HTML_ERROR, BYLINE_HTML_ERROR_TOO_LARGE,
               _("The story is too large to open in the editor (more than %s); it was left unchanged"),
               limit);
  return FALSE;
}

/* libxml2 stops at a fatal error, such as elements nested over 256 deep, and drops
 * the rest of the input: the document it returns is cut off there. */
static gboolean
check_complete (htmlParserCtxt *context,
                GError        **error)
{
  g_autofree char *reason = NULL;

  if (context->lastError.level != XML_ERR_FATAL)
    return TRUE;
  reason = g_strchomp (g_strdup (context->lastError.message));
  g_set_error (error, BYLINE_HTML_ERROR, BYLINE_HTML_ERROR_TRUNCATED,
               _("The story could only be read up to line %d, the rest was cut off: %s"),
               context->lastError.line, reason);
  return FALSE;
}

/* Returns FALSE with @error when something was repaired or cut off (then @doc holds
 * what could be read) or refused (then @doc is NULL). */
gboolean
byline_html_parse (const char *html,
                   gssize      length,
                   xmlDoc    **doc,
                   GError    **error)
{
  gsize n = length < 0 ? strlen (html) : (gsize) length;
  g_autoptr (GError) problem = NULL;
  g_autofree char *valid = NULL;
  g_autofree char *input = NULL;
  htmlParserCtxt *context;

  *doc = NULL;
  if (!check_length (n, error))
    return FALSE;
  valid = make_valid_utf8 (html, n, &problem);
  input = g_strconcat (body_prefix, valid, NULL);
  context = htmlNewParserCtxt ();
  *doc = htmlCtxtReadMemory (context, input, (int) strlen (input), NULL, "UTF-8", PARSE_OPTIONS);
  if (problem == NULL)
    check_complete (context, &problem);
  htmlFreeParserCtxt (context);
  if (problem == NULL)
    return TRUE;
  g_propagate_error (error, g_steal_pointer (&problem));
  return FALSE;
}

/* libxml2 ends a comment at "-->" or "--!>", or at once at "<!-->" or "<!--->";
 * such a ">" within the text is written as an entity, or the comment would end
 * early and the rest be read as markup. */
static void
append_comment (GString    *out,
                const char *text)
{
  g_string_append (out, "<!--");
  for (const char *p = text; *p != '\0'; p++)
    {
      gboolean ends_comment = p[0] == '>' &&
                              (p == text || (p == text + 1 && text[0] == '-') ||
                               (p - text >= 2 && p[-2] == '-' && p[-1] == '-') ||
                               (p - text >= 3 && p[-3] == '-' && p[-2] == '-' && p[-1] == '!'));

      if (ends_comment)
        g_string_append (out, "&gt;");
      else
        g_string_append_c (out, *p);
    }
  g_string_append (out, "-->");
}

static gboolean
is_raw_text_parent (xmlNode *text)
{
  xmlNode *parent = text->parent;

  return parent != NULL && parent->type == XML_ELEMENT_NODE &&
         (g_ascii_strcasecmp ((const char *) parent->name, "script") == 0 ||
          g_ascii_strcasecmp ((const char *) parent->name, "style") == 0);
}

/* Values are written as they are: libxml2's own writer escapes URLs in href and src
 * and drops control characters, so what it wrote would not read back the same. */
static void
append_attributes (GString *out,
                   xmlNode *element)
{
  for (xmlAttr *attribute = element->properties; attribute != NULL; attribute = attribute->next)
    {
      g_autofree char *value = (char *) xmlNodeListGetString (element->doc, attribute->children, 1);

      g_string_append_printf (out, " %s", (const char *) attribute->name);
      if (value == NULL)
        continue;
      g_string_append (out, "=\"");
      byline_html_append_escaped (out, value, -1, TRUE);
      g_string_append_c (out, '"');
    }
}

static void append_node (GString *out,
                         xmlNode *node);

/* libxml2's HTML parser drops an element name's first "prefix:" (it reads
 * "<a:b:c>" as "b:c"), so a name that still holds a colon is written with a
 * prefix for the parser to drop, or it would not read back the same. */
static void
append_element_name (GString    *out,
                     const char *name)
{
  if (strchr (name, ':') != NULL)
    g_string_append (out, "byline:");
  g_string_append (out, name);
}

void
byline_html_append_start_tag (GString    *out,
                              const char *name)
{
  g_string_append_c (out, '<');
  append_element_name (out, name);
}

void
byline_html_append_end_tag (GString    *out,
                            const char *name)
{
  g_string_append (out, "</");
  append_element_name (out, name);
  g_string_append_c (out, '>');
}

static void
append_element (GString *out,
                xmlNode *element)
{
  const htmlElemDesc *description = htmlTagLookup (element->name);
  const char *name = (const char *) element->name;

  byline_html_append_start_tag (out, name);
  append_attributes (out, element);
  g_string_append_c (out, '>');
  if (element->children == NULL && description != NULL && description->empty)
    return;
  for (xmlNode *child = element->children; child != NULL; child = child->next)
    append_node (out, child);
  byline_html_append_end_tag (out, name);
}

/* Written as UTF-8: without an encoder libxml2 would spell every non-ASCII
 * character as an entity. */
static void
append_dumped_node (GString *out,
                    xmlNode *node)
{
  xmlOutputBuffer *output = xmlAllocOutputBuffer (NULL);

  htmlNodeDumpFormatOutput (output, node->doc, node, "UTF-8", 0);
  xmlOutputBufferFlush (output);
  g_string_append_len (out, (const char *) xmlOutputBufferGetContent (output),
                       xmlOutputBufferGetSize (output));
  xmlOutputBufferClose (output);
}

static void
append_node (GString *out,
             xmlNode *node)
{
  const char *content = node->content != NULL ? (const char *) node->content : "";

  switch (node->type)
    {
    case XML_ELEMENT_NODE:
      append_element (out, node);
      break;
    case XML_TEXT_NODE:
      if (is_raw_text_parent (node))
        g_string_append (out, content);
      else
        byline_html_append_escaped (out, content, -1, FALSE);
      break;
    case XML_COMMENT_NODE:
      append_comment (out, content);
      break;
    default:
      append_dumped_node (out, node);
      break;
    }
}

/* Markup that libxml2 reads back into the same tree, for trees it builds from
 * markup of its own (byline_html_import() makes sure of that). */
char *
byline_html_dump_node (xmlNode *node)
{
  GString *markup = g_string_new (NULL);

  append_node (markup, node);
  return g_string_free (markup, FALSE);
}
