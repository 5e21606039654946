/* byline-html-element.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "byline-html-element.h"
#include "byline-html-parse-private.h"

typedef struct
{
  BylineHtmlKind kind;
  char          *name;
  GStrv          attributes;
  char          *markup;
} BylineHtmlElement;

/* How each element looks; zero fields are left alone. */
typedef struct
{
  const char    *name;
  BylineHtmlKind kind;
  int            weight;
  double         scale;
  gboolean       italic;
  gboolean       underline;
  gboolean       strikethrough;
  const char    *family;
  /* No text colour: GTK 4.8's AT-SPI code reads the write-only "foreground"
   * property of a tag that sets one, and crashes a screen reader's request
   * for the run's formatting. Links are told apart by a coloured underline. */
  const char    *underline_colour;
  const char    *background;
  int            left_margin;
  int            pixels_above;
  int            pixels_below;
  int            rise;
  gboolean       centred;
} ElementStyle;

#define LIST_INDENT 28

static const ElementStyle element_styles[] = {
  { "p", BYLINE_HTML_KIND_TEXT_BLOCK, .pixels_below = 10 },
  { "h2", BYLINE_HTML_KIND_TEXT_BLOCK, .weight = PANGO_WEIGHT_BOLD, .scale = 1.6, .pixels_above = 18, .pixels_below = 8 },
  { "h3", BYLINE_HTML_KIND_TEXT_BLOCK, .weight = PANGO_WEIGHT_BOLD, .scale = 1.35, .pixels_above = 14, .pixels_below = 6 },
  { "h4", BYLINE_HTML_KIND_TEXT_BLOCK, .weight = PANGO_WEIGHT_BOLD, .scale = 1.15, .pixels_above = 10, .pixels_below = 4 },
  { "li", BYLINE_HTML_KIND_TEXT_BLOCK, .left_margin = LIST_INDENT, .pixels_below = 4 },
  { "figcaption", BYLINE_HTML_KIND_TEXT_BLOCK, .italic = TRUE, .scale = 0.9, .pixels_below = 10 },
  { "ul", BYLINE_HTML_KIND_CONTAINER },
  { "ol", BYLINE_HTML_KIND_CONTAINER },
  { "blockquote", BYLINE_HTML_KIND_CONTAINER, .italic = TRUE, .left_margin = 32 },
  { "figure", BYLINE_HTML_KIND_CONTAINER },
  { "div", BYLINE_HTML_KIND_CONTAINER },
  { "a", BYLINE_HTML_KIND_INLINE, .underline = TRUE, .underline_colour = "#1c71d8" },
  { "abbr", BYLINE_HTML_KIND_INLINE },
  { "b", BYLINE_HTML_KIND_INLINE, .weight = PANGO_WEIGHT_BOLD },
  { "cite", BYLINE_HTML_KIND_INLINE, .italic = TRUE },
  { "code", BYLINE_HTML_KIND_INLINE, .family = "monospace", .background = "#f0f0f2" },
  { "del", BYLINE_HTML_KIND_INLINE, .strikethrough = TRUE },
  { "em", BYLINE_HTML_KIND_INLINE, .italic = TRUE },
  { "i", BYLINE_HTML_KIND_INLINE, .italic = TRUE },
  { "ins", BYLINE_HTML_KIND_INLINE, .underline = TRUE },
  { "mark", BYLINE_HTML_KIND_INLINE, .background = "#f8e45c" },
  { "q", BYLINE_HTML_KIND_INLINE },
  { "s", BYLINE_HTML_KIND_INLINE, .strikethrough = TRUE },
  { "small", BYLINE_HTML_KIND_INLINE, .scale = 0.85 },
  { "span", BYLINE_HTML_KIND_INLINE },
  { "strike", BYLINE_HTML_KIND_INLINE, .strikethrough = TRUE },
  { "strong", BYLINE_HTML_KIND_INLINE, .weight = PANGO_WEIGHT_BOLD },
  { "sub", BYLINE_HTML_KIND_INLINE, .scale = 0.8, .rise = -3 * PANGO_SCALE },
  { "sup", BYLINE_HTML_KIND_INLINE, .scale = 0.8, .rise = 5 * PANGO_SCALE },
  { "u", BYLINE_HTML_KIND_INLINE, .underline = TRUE },
};

/* Set apart from the text around it, as a page would print it: large and centred. */
#define PULLQUOTE_STYLE \
  .weight = PANGO_WEIGHT_SEMIBOLD, .scale = 1.35, .pixels_above = 16, .pixels_below = 16, \
  .centred = TRUE

/* Classes that change how a modelled element looks. */
static const ElementStyle class_styles[] = {
  { "byline-update", BYLINE_HTML_KIND_CONTAINER, .background = "#fdf0d5", .left_margin = 12 },
  { "byline-credit", BYLINE_HTML_KIND_INLINE, .italic = FALSE, .scale = 0.85 },
  { "pullquote", BYLINE_HTML_KIND_CONTAINER, PULLQUOTE_STYLE },
  { "wp-block-pullquote", BYLINE_HTML_KIND_CONTAINER, PULLQUOTE_STYLE },
};

static GQuark
element_quark (void)
{
  return g_quark_from_static_string ("byline-html-element");
}

static void
element_free (gpointer data)
{
  BylineHtmlElement *element = data;

  g_free (element->name);
  g_strfreev (element->attributes);
  g_free (element->markup);
  g_free (element);
}

static const ElementStyle *
find_style (const char *name)
{
  for (gsize i = 0; i < G_N_ELEMENTS (element_styles); i++)
    {
      if (strcmp (element_styles[i].name, name) == 0)
        return &element_styles[i];
    }
  return NULL;
}

BylineHtmlKind
byline_html_kind_for_name (const char *name)
{
  const ElementStyle *style;

  g_return_val_if_fail (name != NULL, BYLINE_HTML_KIND_NONE);

  style = find_style (name);
  return style != NULL ? style->kind : BYLINE_HTML_KIND_PROTECTED;
}

static void
apply_paragraph_style (GtkTextTag         *tag,
                       const ElementStyle *style)
{
  if (style->background != NULL && style->kind == BYLINE_HTML_KIND_CONTAINER)
    g_object_set (tag, "paragraph-background", style->background, NULL);
  if (style->left_margin != 0)
    g_object_set (tag, "left-margin", style->left_margin, NULL);
  if (style->pixels_above != 0)
    g_object_set (tag, "pixels-above-lines", style->pixels_above, NULL);
  if (style->pixels_below != 0)
    g_object_set (tag, "pixels-below-lines", style->pixels_below, NULL);
  if (style->centred)
    g_object_set (tag, "justification", GTK_JUSTIFY_CENTER, NULL);
}

static void
set_underline_colour (GtkTextTag *tag,
                      const char *colour)
{
  GdkRGBA rgba;

  if (gdk_rgba_parse (&rgba, colour))
    g_object_set (tag, "underline-rgba", &rgba, NULL);
}

static void
apply_character_style (GtkTextTag         *tag,
                       const ElementStyle *style)
{
  if (style->weight != 0)
    g_object_set (tag, "weight", style->weight, NULL);
  if (style->scale != 0)
    g_object_set (tag, "scale", style->scale, NULL);
  if (style->italic)
    g_object_set (tag, "style", PANGO_STYLE_ITALIC, NULL);
  if (style->underline)
    g_object_set (tag, "underline", PANGO_UNDERLINE_SINGLE, NULL);
  if (style->strikethrough)
    g_object_set (tag, "strikethrough", TRUE, NULL);
  if (style->family != NULL)
    g_object_set (tag, "family", style->family, NULL);
  if (style->underline_colour != NULL)
    set_underline_colour (tag, style->underline_colour);
  if (style->background != NULL && style->kind != BYLINE_HTML_KIND_CONTAINER)
    g_object_set (tag, "background", style->background, NULL);
  if (style->rise != 0)
    g_object_set (tag, "rise", style->rise, NULL);
}

static void
apply_style (GtkTextTag         *tag,
             const ElementStyle *style)
{
  apply_character_style (tag, style);
  apply_paragraph_style (tag, style);
}

static void
apply_class_styles (GtkTextTag *tag,
                    const char *classes)
{
  for (gsize i = 0; i < G_N_ELEMENTS (class_styles); i++)
    {
      if (byline_html_class_list_contains (classes, class_styles[i].name))
        apply_style (tag, &class_styles[i]);
    }
}

static GtkTextTag *
add_tag (GtkTextBuffer     *buffer,
         BylineHtmlElement *element)
{
  g_autoptr (GtkTextTag) tag = gtk_text_tag_new (NULL);

  g_object_set_qdata_full (G_OBJECT (tag), element_quark (), element, element_free);
  gtk_text_tag_table_add (gtk_text_buffer_get_tag_table (buffer), tag);
  return tag;
}

/* @attributes holds name, value pairs; the tag keeps a copy. Unknown names make a
 * protected tag; use byline_html_tag_new_protected() for those instead. */
GtkTextTag *
byline_html_tag_new_element (GtkTextBuffer      *buffer,
                             const char         *name,
                             const char * const *attributes)
{
  BylineHtmlElement *element;
  const ElementStyle *style;
  GtkTextTag *tag;

  g_return_val_if_fail (GTK_IS_TEXT_BUFFER (buffer), NULL);
  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (find_style (name) != NULL, NULL);

  style = find_style (name);
  element = g_new0 (BylineHtmlElement, 1);
  element->kind = style->kind;
  element->name = g_strdup (name);
  element->attributes = g_strdupv ((char **) attributes);
  tag = add_tag (buffer, element);
  apply_style (tag, style);
  apply_class_styles (tag, byline_html_tag_get_attribute (tag, "class"));
  return tag;
}

GtkTextTag *
byline_html_tag_new_protected (GtkTextBuffer *buffer,
                               const char    *markup)
{
  BylineHtmlElement *element;
  GtkTextTag *tag;

  g_return_val_if_fail (GTK_IS_TEXT_BUFFER (buffer), NULL);
  g_return_val_if_fail (markup != NULL, NULL);

  element = g_new0 (BylineHtmlElement, 1);
  element->kind = BYLINE_HTML_KIND_PROTECTED;
  element->markup = g_strdup (markup);
  tag = add_tag (buffer, element);
  g_object_set (tag,
                "editable", FALSE,
                "family", "monospace",
                "scale", 0.85,
                "background", "#e6e6ec",
                NULL);
  return tag;
}

static BylineHtmlElement *
get_element (GtkTextTag *tag)
{
  return g_object_get_qdata (G_OBJECT (tag), element_quark ());
}

/* Tags that are not elements, such as spelling or search highlights, are KIND_NONE. */
BylineHtmlKind
byline_html_tag_get_kind (GtkTextTag *tag)
{
  BylineHtmlElement *element;

  g_return_val_if_fail (GTK_IS_TEXT_TAG (tag), BYLINE_HTML_KIND_NONE);

  element = get_element (tag);
  return element != NULL ? element->kind : BYLINE_HTML_KIND_NONE;
}

const char *
byline_html_tag_get_name (GtkTextTag *tag)
{
  BylineHtmlElement *element;

  g_return_val_if_fail (GTK_IS_TEXT_TAG (tag), NULL);

  element = get_element (tag);
  return element != NULL ? element->name : NULL;
}

const char * const *
byline_html_tag_get_attributes (GtkTextTag *tag)
{
  BylineHtmlElement *element;

  g_return_val_if_fail (GTK_IS_TEXT_TAG (tag), NULL);

  element = get_element (tag);
  return element != NULL ? (const char * const *) element->attributes : NULL;
}

const char *
byline_html_tag_get_attribute (GtkTextTag *tag,
                               const char *name)
{
  const char * const *attributes = byline_html_tag_get_attributes (tag);

  for (gsize i = 0; attributes != NULL && attributes[i] != NULL && attributes[i + 1] != NULL; i += 2)
    {
      if (g_ascii_strcasecmp (attributes[i], name) == 0)
        return attributes[i + 1];
    }
  return NULL;
}

const char *
byline_html_tag_get_markup (GtkTextTag *tag)
{
  BylineHtmlElement *element;

  g_return_val_if_fail (GTK_IS_TEXT_TAG (tag), NULL);

  element = get_element (tag);
  return element != NULL ? element->markup : NULL;
}

/* A tag's margin cannot add up with its parents', so a list item carries its depth. */
void
byline_html_tag_set_list_depth (GtkTextTag *tag,
                                guint       depth)
{
  g_return_if_fail (GTK_IS_TEXT_TAG (tag));

  g_object_set (tag, "left-margin", LIST_INDENT * (int) MAX (depth, 1), NULL);
}

/* WordPress's pull quote, <figure class="wp-block-pullquote">, or a classic one,
 * <blockquote class="pullquote">. */
gboolean
byline_html_tag_is_pullquote (GtkTextTag *tag)
{
  const char *name, *classes;

  g_return_val_if_fail (GTK_IS_TEXT_TAG (tag), FALSE);

  name = byline_html_tag_get_name (tag);
  if (g_strcmp0 (name, "figure") != 0 && g_strcmp0 (name, "blockquote") != 0)
    return FALSE;
  classes = byline_html_tag_get_attribute (tag, "class");
  return byline_html_class_list_contains (classes, "wp-block-pullquote") ||
         byline_html_class_list_contains (classes, "pullquote");
}

static char *
element_label (const char *markup)
{
  gsize length = strspn (markup + 1, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-:");
  g_autofree char *name = g_ascii_strdown (markup + 1, length);

  if (strcmp (name, "hr") == 0)
    return g_strdup ("⸻⸻⸻");
  return g_strdup_printf ("‹%s›", name);
}

/* Spaces only: a newline or separator in a label would split the line it sits on. */
static char *
text_label (const char *markup)
{
  GString *label = g_string_new (NULL);
  gboolean pending_space = FALSE;
  guint n_chars = 0;

  for (const char *p = markup; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (n_chars == 60)
        {
          g_string_append (label, "…");
          break;
        }
      if (g_unichar_isspace (c))
        {
          pending_space = label->len > 0;
          continue;
        }
      if (pending_space)
        g_string_append_c (label, ' ');
      pending_space = FALSE;
      g_string_append_unichar (label, c);
      n_chars++;
    }
  return g_string_free (label, FALSE);
}

/* The few characters that stand for protected markup in the editor. */
char *
byline_html_protected_label (const char *markup)
{
  g_return_val_if_fail (markup != NULL, NULL);

  if (markup[0] == '<' && g_ascii_isalpha (markup[1]))
    return element_label (markup);
  if (markup[0] == '&')
    return g_strdup ("¶");
  return text_label (markup);
}

void
byline_html_insert_protected (GtkTextBuffer *buffer,
                              GtkTextIter   *iter,
                              const char    *markup)
{
  g_autofree char *label = NULL;

  g_return_if_fail (GTK_IS_TEXT_BUFFER (buffer));
  g_return_if_fail (iter != NULL);
  g_return_if_fail (markup != NULL);

  label = byline_html_protected_label (markup);
  gtk_text_buffer_insert_with_tags (buffer, iter, label, -1,
                                    byline_html_tag_new_protected (buffer, markup), NULL);
}

/* The innermost element called @name at @iter, for a toolbar to reflect. */
GtkTextTag *
byline_html_iter_get_element (const GtkTextIter *iter,
                              const char        *name)
{
  g_autoptr (GSList) tags = NULL;
  GtkTextTag *found = NULL;

  g_return_val_if_fail (iter != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);

  tags = gtk_text_iter_get_tags (iter);
  for (GSList *l = tags; l != NULL; l = l->next)
    {
      if (g_strcmp0 (byline_html_tag_get_name (l->data), name) == 0)
        found = l->data;
    }
  return found;
}

static void
collect_element (GtkTextTag *tag,
                 gpointer    user_data)
{
  if (get_element (tag) != NULL)
    g_ptr_array_add (user_data, tag);
}

void
byline_html_remove_elements (GtkTextBuffer *buffer)
{
  GtkTextTagTable *table;
  g_autoptr (GPtrArray) elements = g_ptr_array_new ();

  g_return_if_fail (GTK_IS_TEXT_BUFFER (buffer));

  table = gtk_text_buffer_get_tag_table (buffer);
  gtk_text_tag_table_foreach (table, collect_element, elements);
  for (guint i = 0; i < elements->len; i++)
    gtk_text_tag_table_remove (table, elements->pdata[i]);
}

static const char *
strip_host_prefix (const char *host)
{
  static const char *const prefixes[] = { "www.", "m.", "mobile." };

  for (gsize i = 0; i < G_N_ELEMENTS (prefixes); i++)
    {
      if (g_str_has_prefix (host, prefixes[i]))
        return host + strlen (prefixes[i]);
    }
  return host;
}

static const char *
provider_for (const char *host,
              const char *path)
{
  if (strcmp (host, "youtu.be") == 0 ||
      (strcmp (host, "youtube.com") == 0 && (strcmp (path, "/watch") == 0 || g_str_has_prefix (path, "/shorts/"))))
    return "youtube";
  if (strcmp (host, "instagram.com") == 0 &&
      (g_str_has_prefix (path, "/p/") || g_str_has_prefix (path, "/reel/") || g_str_has_prefix (path, "/tv/")))
    return "instagram";
  if ((strcmp (host, "twitter.com") == 0 || strcmp (host, "x.com") == 0) && strstr (path, "/status/") != NULL)
    return "x";
  return NULL;
}

/* "youtube", "instagram" or "x" when @url, alone on its line, becomes an embed. */
const char *
byline_html_embed_provider (const char *url)
{
  g_autoptr (GUri) uri = NULL;
  const char *scheme;

  g_return_val_if_fail (url != NULL, NULL);

  uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  if (uri == NULL || g_uri_get_host (uri) == NULL)
    return NULL;
  scheme = g_uri_get_scheme (uri);
  if (g_ascii_strcasecmp (scheme, "https") != 0 && g_ascii_strcasecmp (scheme, "http") != 0)
    return NULL;
  return provider_for (strip_host_prefix (g_uri_get_host (uri)), g_uri_get_path (uri));
}

/* Shown on lines that are embeds; not an element, so export leaves it out. */
GtkTextTag *
byline_html_get_embed_tag (GtkTextBuffer *buffer)
{
  GtkTextTagTable *table;
  GtkTextTag *tag;

  g_return_val_if_fail (GTK_IS_TEXT_BUFFER (buffer), NULL);

  table = gtk_text_buffer_get_tag_table (buffer);
  tag = gtk_text_tag_table_lookup (table, "byline-embed");
  if (tag != NULL)
    return tag;
  return gtk_text_buffer_create_tag (buffer, "byline-embed",
                                     "paragraph-background", "#dcebfb",
                                     "family", "monospace",
                                     NULL);
}

static void
apply_from (GtkTextBuffer *buffer,
            GtkTextTag    *tag,
            int            start_offset)
{
  GtkTextIter start, end;

  gtk_text_buffer_get_iter_at_offset (buffer, &start, start_offset);
  gtk_text_buffer_get_end_iter (buffer, &end);
  gtk_text_buffer_apply_tag (buffer, tag, &start, &end);
}

/* Appends a dated UPDATE block, the way the sample newsroom writes one. Tags are
 * made outermost first: their priorities are the nesting. */
void
byline_html_append_update (GtkTextBuffer *buffer,
                           BylineUpdate  *update)
{
  static const char *const update_class[] = { "class", "byline-update", NULL };
  g_autofree char *label = NULL;
  GtkTextTag *div, *paragraph, *strong;
  GtkTextIter end;
  int start;

  g_return_if_fail (GTK_IS_TEXT_BUFFER (buffer));
  g_return_if_fail (BYLINE_IS_UPDATE (update));

  /* TRANSLATORS: the heading of an update appended to a published story; strftime format */
  label = g_date_time_format (byline_update_get_posted_at (update), _("UPDATE, %-d %B, %H:%M:"));
  div = byline_html_tag_new_element (buffer, "div", update_class);
  paragraph = byline_html_tag_new_element (buffer, "p", NULL);
  strong = byline_html_tag_new_element (buffer, "strong", NULL);
  gtk_text_buffer_get_end_iter (buffer, &end);
  if (!gtk_text_iter_starts_line (&end))
    gtk_text_buffer_insert (buffer, &end, "\n", 1);
  start = gtk_text_iter_get_offset (&end);
  gtk_text_buffer_insert (buffer, &end, label, -1);
  apply_from (buffer, strong, start);
  gtk_text_buffer_insert (buffer, &end, " ", 1);
  gtk_text_buffer_insert (buffer, &end, byline_update_get_text (update), -1);
  apply_from (buffer, paragraph, start);
  apply_from (buffer, div, start);
}
