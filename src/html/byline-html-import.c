/* byline-html-import.c: libxml2's tree of a story, laid into a GtkTextBuffer
 *
 * The text is gathered first and the tags applied after it is inserted in one go;
 * element by element insertion would be many times slower on a long story.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "byline-html.h"
#include "byline-html-parse-private.h"

typedef struct
{
  GtkTextTag *tag;
  gsize       start;
  gsize       end;
} Span;

typedef struct
{
  GtkTextBuffer *buffer;
  GString       *text;
  GArray        *spans;
  gsize          n_chars;
  gsize          line_start;
  gsize          line_start_chars;
  gboolean       line_open;
  gboolean       line_protected;
  guint          list_depth;
  guint          inline_depth;
} Importer;

static void import_children (Importer *self,
                             xmlNode  *parent,
                             gboolean  in_text_block);

/* Names of WordPress shortcodes that take no attributes; any other needs one to
 * tell it from a bracketed aside like "[sic]". */
static const char *const bare_shortcodes[] = {
  "audio", "caption", "embed", "gallery", "playlist", "video", "wp_caption", NULL,
};

static void
add_span (Importer   *self,
          GtkTextTag *tag,
          gsize       start)
{
  Span span = { tag, start, self->n_chars };

  g_array_append_val (self->spans, span);
}

static void
append_text (Importer   *self,
             const char *text,
             gssize      length)
{
  gsize n = length < 0 ? strlen (text) : (gsize) length;

  if (n == 0)
    return;
  g_string_append_len (self->text, text, n);
  self->n_chars += g_utf8_strlen (text, n);
  self->line_open = TRUE;
}

static void
mark_embed (Importer *self)
{
  g_autofree char *line = NULL;
  gsize length = self->text->len - self->line_start;

  if (self->line_protected || length > 2048)
    return;
  line = g_strstrip (g_strndup (self->text->str + self->line_start, length));
  if (g_str_has_prefix (line, "http") && byline_html_embed_provider (line) != NULL)
    {
      Span span = { byline_html_get_embed_tag (self->buffer), self->line_start_chars, self->n_chars + 1 };

      g_array_append_val (self->spans, span);
    }
}

static void
end_line (Importer *self)
{
  if (!self->line_open)
    return;
  mark_embed (self);
  g_string_append_c (self->text, '\n');
  self->n_chars++;
  self->line_open = FALSE;
  self->line_protected = FALSE;
  self->line_start = self->text->len;
  self->line_start_chars = self->n_chars;
}

static void
append_protected (Importer   *self,
                  const char *markup)
{
  g_autofree char *label = byline_html_protected_label (markup);
  gsize start = self->n_chars;

  append_text (self, label, -1);
  add_span (self, byline_html_tag_new_protected (self->buffer, markup), start);
  self->line_protected = TRUE;
}

static GRegex *
get_special_text_regex (void)
{
  static GRegex *regex;

  if (g_once_init_enter (&regex))
    g_once_init_leave (&regex,
                               g_regex_new ("\\x{2028}|\\x{2029}|\\[(/?)([A-Za-z][A-Za-z0-9_-]*)([^][]*)\\]",
                                            G_REGEX_OPTIMIZE, 0, NULL));
  return regex;
}

static gboolean
is_shortcode (const GMatchInfo *match)
{
  g_autofree char *closing = g_match_info_fetch (match, 1);
  g_autofree char *name = g_match_info_fetch (match, 2);
  g_autofree char *arguments = g_match_info_fetch (match, 3);

  if (name == NULL || *name == '\0')
    return FALSE;
  if (*closing != '\0' || g_strv_contains (bare_shortcodes, name))
    return arguments[0] == '\0' || g_ascii_isspace (arguments[0]);
  return g_ascii_isspace (arguments[0]) && strchr (arguments, '=') != NULL;
}

static char *
special_markup (const char *matched)
{
  GString *markup;

  if (g_str_equal (matched, "\u2028"))
    return g_strdup ("&#x2028;");
  if (g_str_equal (matched, "\u2029"))
    return g_strdup ("&#x2029;");
  markup = g_string_new (NULL);
  byline_html_append_escaped (markup, matched, -1, FALSE);
  return g_string_free (markup, FALSE);
}

/* Shortcodes are protected like markup; line and paragraph separators too, which
 * a GtkTextBuffer would otherwise take for line breaks. */
static void
append_text_with_specials (Importer   *self,
                           const char *text)
{
  g_autoptr (GMatchInfo) match = NULL;
  const char *rest = text;

  if (strchr (text, '[') == NULL && strstr (text, "\u2028") == NULL && strstr (text, "\u2029") == NULL)
    {
      append_text (self, text, -1);
      return;
    }
  for (g_regex_match (get_special_text_regex (), text, 0, &match);
       g_match_info_matches (match);
       g_match_info_next (match, NULL))
    {
      g_autofree char *matched = g_match_info_fetch (match, 0);
      g_autofree char *markup = NULL;
      int start, end;

      g_match_info_fetch_pos (match, 0, &start, &end);
      if (matched[0] == '[' && !is_shortcode (match))
        continue;
      markup = special_markup (matched);
      append_text (self, rest, text + start - rest);
      append_protected (self, markup);
      rest = text + end;
    }
  append_text (self, rest, -1);
}

/* A blank line in text outside any paragraph separates paragraphs, as the
 * WordPress classic editor writes them. */
static const char *
find_blank_line (const char *text,
                 const char **after)
{
  for (const char *p = strchr (text, '\n'); p != NULL; p = strchr (p + 1, '\n'))
    {
      const char *q = p + 1 + strspn (p + 1, " \t\r\f");

      if (*q == '\n')
        {
          *after = q + 1;
          return p;
        }
    }
  return NULL;
}

static void
import_loose_text (Importer *self,
                   xmlNode  *node)
{
  const char *piece = (const char *) node->content;
  gboolean first = TRUE;
  const char *after = NULL;
  const char *blank;

  while ((blank = find_blank_line (piece, &after)) != NULL)
    {
      g_autofree char *text = byline_html_collapse_whitespace (piece, blank - piece,
                                                               !first || byline_html_text_trims_start (node),
                                                               TRUE);

      append_text_with_specials (self, text);
      end_line (self);
      first = FALSE;
      piece = after;
    }
  {
    g_autofree char *text = byline_html_collapse_whitespace (piece, -1,
                                                             !first || byline_html_text_trims_start (node),
                                                             byline_html_text_trims_end (node));
    append_text_with_specials (self, text);
  }
}

static void
import_text (Importer *self,
             xmlNode  *node,
             gboolean  in_text_block)
{
  g_autofree char *text = NULL;

  if (node->content == NULL)
    return;
  if (!in_text_block)
    {
      import_loose_text (self, node);
      return;
    }
  text = byline_html_collapse_text_node (node);
  append_text_with_specials (self, text);
}

static gboolean
is_unsafe_attribute (xmlAttr *attribute)
{
  const char *name = (const char *) attribute->name;
  g_autofree char *value = NULL;

  if (g_ascii_strncasecmp (name, "on", 2) == 0 || attribute->ns != NULL)
    return TRUE;
  value = (char *) xmlNodeListGetString (attribute->doc, attribute->children, 1);
  return value != NULL && g_ascii_strncasecmp (g_strchug (value), "javascript:", 11) == 0;
}

static gboolean
has_unsafe_attribute (xmlNode *element)
{
  for (xmlAttr *attribute = element->properties; attribute != NULL; attribute = attribute->next)
    {
      if (is_unsafe_attribute (attribute))
        return TRUE;
    }
  return FALSE;
}

static gboolean
is_modelled_div (xmlNode *element)
{
  g_autofree char *classes = (char *) xmlGetProp (element, (const xmlChar *) "class");

  return byline_html_class_list_contains (classes, "byline-update") ||
         byline_html_class_list_contains (classes, "wp-block-embed__wrapper");
}

/* Scripts and event handlers are kept, inert, as protected markup. A block inside
 * an inline element is protected too: export nests blocks outside inlines. */
static BylineHtmlKind
classify (Importer *self,
          xmlNode  *element)
{
  const char *name = (const char *) element->name;
  BylineHtmlKind kind = byline_html_kind_for_name (name);

  if (kind == BYLINE_HTML_KIND_PROTECTED || has_unsafe_attribute (element))
    return BYLINE_HTML_KIND_PROTECTED;
  if (g_str_equal (name, "div") && !is_modelled_div (element))
    return BYLINE_HTML_KIND_PROTECTED;
  if (kind != BYLINE_HTML_KIND_INLINE && self->inline_depth > 0)
    return BYLINE_HTML_KIND_PROTECTED;
  return kind;
}

static GStrv
read_attributes (xmlNode *element)
{
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();

  for (xmlAttr *attribute = element->properties; attribute != NULL; attribute = attribute->next)
    {
      g_autofree char *value = (char *) xmlNodeListGetString (attribute->doc, attribute->children, 1);

      g_strv_builder_add (builder, (const char *) attribute->name);
      g_strv_builder_add (builder, value != NULL ? value : "");
    }
  return g_strv_builder_end (builder);
}

static GtkTextTag *
new_element_tag (Importer *self,
                 xmlNode  *element)
{
  g_auto (GStrv) attributes = read_attributes (element);
  GtkTextTag *tag = byline_html_tag_new_element (self->buffer, (const char *) element->name,
                                                 (const char * const *) attributes);

  if (g_str_equal ((const char *) element->name, "li"))
    byline_html_tag_set_list_depth (tag, self->list_depth);
  return tag;
}

static gboolean
is_list (xmlNode *element)
{
  return g_str_equal ((const char *) element->name, "ul") || g_str_equal ((const char *) element->name, "ol");
}

/* A block's range holds the newline ending its last line, and an empty block
 * holds a newline of its own: a tag cannot cover nothing. */
static void
import_block (Importer      *self,
              xmlNode       *element,
              BylineHtmlKind kind)
{
  GtkTextTag *tag;
  gsize start;

  end_line (self);
  start = self->n_chars;
  self->list_depth += is_list (element);
  tag = new_element_tag (self, element);
  import_children (self, element, kind == BYLINE_HTML_KIND_TEXT_BLOCK);
  end_line (self);
  if (self->n_chars == start)
    {
      self->line_open = TRUE;
      end_line (self);
    }
  add_span (self, tag, start);
  self->list_depth -= is_list (element);
}

static void
import_inline (Importer *self,
               xmlNode  *element)
{
  GtkTextTag *tag = new_element_tag (self, element);
  gsize start = self->n_chars;

  self->inline_depth++;
  import_children (self, element, TRUE);
  self->inline_depth--;
  add_span (self, tag, start);
}

static void
import_protected (Importer *self,
                  xmlNode  *node,
                  gboolean  is_block)
{
  g_autofree char *markup = byline_html_dump_node (node);

  if (is_block)
    end_line (self);
  append_protected (self, markup);
  if (is_block)
    end_line (self);
}

static gboolean
is_plain_line_break (xmlNode *element)
{
  return g_str_equal ((const char *) element->name, "br") && element->properties == NULL;
}

/* An empty inline element, such as an anchor, is protected: a tag cannot cover nothing. */
static void
import_element (Importer *self,
                xmlNode  *element,
                gboolean  in_text_block)
{
  BylineHtmlKind kind;

  if (byline_html_is_transparent (element))
    {
      import_children (self, element, in_text_block);
      return;
    }
  if (is_plain_line_break (element))
    {
      append_text (self, "\u2028", -1);
      return;
    }
  kind = classify (self, element);
  if (kind == BYLINE_HTML_KIND_INLINE && element->children != NULL)
    import_inline (self, element);
  else if (kind == BYLINE_HTML_KIND_PROTECTED || kind == BYLINE_HTML_KIND_INLINE)
    import_protected (self, element,
                      !in_text_block && byline_html_is_block_name ((const char *) element->name));
  else
    import_block (self, element, kind);
}

/* Whether nothing on the line touches a comment from this side: there a comment
 * may have a line of its own, since the blank lines around it are whitespace
 * the source already had. */
static gboolean
stands_apart (xmlNode *sibling,
              gboolean forward)
{
  const char *content;
  gsize length;

  if (sibling == NULL)
    return TRUE;
  if (sibling->type == XML_ELEMENT_NODE)
    return byline_html_is_block_name ((const char *) sibling->name);
  if (sibling->type != XML_TEXT_NODE)
    return FALSE;
  content = sibling->content != NULL ? (const char *) sibling->content : "";
  length = strlen (content);
  if (length == 0)
    return TRUE;
  return strchr (" \t\n\r\f", content[forward ? 0 : length - 1]) != NULL;
}

static gboolean
is_comment_line (xmlNode *comment,
                 gboolean in_text_block)
{
  return !in_text_block && stands_apart (comment->prev, FALSE) && stands_apart (comment->next, TRUE);
}

static void
import_node (Importer *self,
             xmlNode  *node,
             gboolean  in_text_block)
{
  switch (node->type)
    {
    case XML_TEXT_NODE:
      import_text (self, node, in_text_block);
      break;
    case XML_ELEMENT_NODE:
      import_element (self, node, in_text_block);
      break;
    case XML_COMMENT_NODE:
      import_protected (self, node, is_comment_line (node, in_text_block));
      break;
    default:
      import_protected (self, node, FALSE);
      break;
    }
}

static void
import_children (Importer *self,
                 xmlNode  *parent,
                 gboolean  in_text_block)
{
  for (xmlNode *child = parent->children; child != NULL; child = child->next)
    import_node (self, child, in_text_block);
}

/* The newline ending the last line goes, unless it is all an element holds. */
static void
drop_final_newline (Importer *self)
{
  gsize last;

  if (self->text->len == 0 || self->text->str[self->text->len - 1] != '\n')
    return;
  last = self->n_chars - 1;
  for (guint i = 0; i < self->spans->len; i++)
    {
      if (g_array_index (self->spans, Span, i).start >= last)
        return;
    }
  g_string_truncate (self->text, self->text->len - 1);
  self->n_chars = last;
  for (guint i = 0; i < self->spans->len; i++)
    {
      Span *span = &g_array_index (self->spans, Span, i);

      span->end = MIN (span->end, last);
    }
}

static void
apply_spans (Importer *self)
{
  for (guint i = 0; i < self->spans->len; i++)
    {
      Span *span = &g_array_index (self->spans, Span, i);
      GtkTextIter start, end;

      gtk_text_buffer_get_iter_at_offset (self->buffer, &start, (int) span->start);
      gtk_text_buffer_get_iter_at_offset (self->buffer, &end, (int) span->end);
      gtk_text_buffer_apply_tag (self->buffer, span->tag, &start, &end);
    }
}

static void
fill_buffer (GtkTextBuffer *buffer,
             xmlDoc        *doc)
{
  Importer self = { .buffer = buffer };

  self.text = g_string_new (NULL);
  self.spans = g_array_new (FALSE, FALSE, sizeof (Span));
  gtk_text_buffer_set_text (buffer, "", 0);
  byline_html_remove_elements (buffer);
  import_children (&self, (xmlNode *) doc, FALSE);
  end_line (&self);
  drop_final_newline (&self);
  gtk_text_buffer_set_text (buffer, self.text->str, (int) self.text->len);
  apply_spans (&self);
  g_string_free (self.text, TRUE);
  g_array_unref (self.spans);
}

static char *
dump_document (xmlDoc *doc)
{
  GString *markup = g_string_new (NULL);

  for (xmlNode *node = doc->children; node != NULL; node = node->next)
    {
      g_autofree char *piece = byline_html_dump_node (node);

      g_string_append (markup, piece);
    }
  return g_string_free (markup, FALSE);
}

/* libxml2 can build trees that no markup reads back into, such as a paragraph
 * within a paragraph from "<x:p>a<p>b": it closes elements by the name as written
 * but keeps only the name after the prefix. Byline could not write such a tree so
 * that it stays as it is, so it reads the tree as libxml2 would read it written
 * out, until that no longer changes it. A tree cut off too deep is left as it is:
 * read again, it would lose its deepest element. */
#define MAX_REPARSES 4

static xmlDoc *
reparse_until_stable (xmlDoc *doc)
{
  g_autofree char *markup = dump_document (doc);

  for (guint i = 0; i < MAX_REPARSES; i++)
    {
      xmlDoc *again = NULL;
      g_autofree char *markup_again = NULL;

      if (!byline_html_parse (markup, -1, &again, NULL))
        {
          g_clear_pointer (&again, xmlFreeDoc);
          break;
        }
      markup_again = dump_document (again);
      xmlFreeDoc (doc);
      doc = again;
      if (g_str_equal (markup, markup_again))
        break;
      g_free (markup);
      markup = g_steal_pointer (&markup_again);
    }
  return doc;
}

/* Replaces the buffer's content with @html's, as one step that cannot be undone.
 * Returns FALSE with @error when something had to be repaired or was cut off (the
 * buffer then holds all that could be read) or when the body was refused for its
 * size (the buffer is left as it was). */
gboolean
byline_html_import (GtkTextBuffer *buffer,
                    const char    *html,
                    gssize         length,
                    GError       **error)
{
  g_autoptr (xmlDoc) doc = NULL;
  g_autoptr (GError) problem = NULL;

  g_return_val_if_fail (GTK_IS_TEXT_BUFFER (buffer), FALSE);
  g_return_val_if_fail (html != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  byline_html_parse (html, length, &doc, &problem);
  if (doc != NULL)
    doc = reparse_until_stable (doc);
  if (doc != NULL)
    {
      gtk_text_buffer_begin_irreversible_action (buffer);
      fill_buffer (buffer, doc);
      gtk_text_buffer_end_irreversible_action (buffer);
    }
  if (problem == NULL)
    return TRUE;
  g_propagate_error (error, g_steal_pointer (&problem));
  return FALSE;
}
