/* byline-rich-text-buffer.c
 *
 * A GtkTextBuffer tags only text inserted strictly inside a tag's range, so every
 * insertion is given the blocks of the line it lands in and the inline formats of
 * the character before it; a newline starts a new block of the same kind, in a tag
 * of its own. A deletion that joins two lines gives the joined line the blocks of
 * the first. Formatting is applied to tags only; undo and redo are the buffer's own
 * history (byline-rich-text-history.c), which records tags as well as text:
 * GtkTextBuffer's is turned off.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "byline-rich-text-buffer.h"
#include "byline-rich-text-history.h"
#include "html/byline-html.h"
#include "html/byline-html-paste.h"

struct _BylineRichTextBuffer
{
  GtkTextBuffer parent_instance;

  /* Formats toggled with nothing selected, for the next text typed: element → on. */
  GHashTable   *pending;
  /* Set while text goes in without the editing rules: loading, rules, pasted tags. */
  guint         raw;
  /* The block chosen for the empty last line, which no tag can cover: text typed there
   * goes into a new one of these, outside any list. */
  const char   *next_block;
  /* The quote or update block the empty last line was taken out of with Enter: text
   * typed there goes after it. */
  GtkTextTag   *left_container;
  /* Words and characters, kept up to date line by line as text is typed: counting a
   * long story whole on every key would cost more than a frame. Until the story is
   * counted, they are the count of the lines before the frontier, which counting a
   * slice at a time moves on (50,000 words take some 50 ms). */
  guint         words;
  guint         characters;
  gboolean      counted;
  GtkTextMark  *count_frontier;
  /* Moves on when counting starts again, which an edit's correction must not outlive. */
  guint         count_epoch;
  BylineRichTextHistory *history;
  gboolean      could_undo;
  gboolean      could_redo;
  /* An export to HTML done a slice at a time, and the edit count it began at:
   * any edit to the text or its element tags starts it again. */
  BylineHtmlExporter *exporter;
  guint         exporter_edits;
  guint         edits;
};

G_DEFINE_FINAL_TYPE (BylineRichTextBuffer, byline_rich_text_buffer, GTK_TYPE_TEXT_BUFFER)

enum
{
  FORMAT_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* GtkTextBuffer's own, overridden to tell this buffer's history. */
enum
{
  PROP_0,
  PROP_CAN_UNDO,
  PROP_CAN_REDO,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

typedef struct
{
  GPtrArray *blocks;
  GPtrArray *inlines;
  gboolean   at_line_end;
} Context;

typedef gboolean (*TagFilter) (GtkTextTag *tag);

static const char *const bold_names[] = { "strong", "b", NULL };
static const char *const italic_names[] = { "em", "i", NULL };
static const char *const underline_names[] = { "u", "ins", NULL };
static const char *const strikethrough_names[] = { "s", "del", "strike", NULL };
static const char *const code_names[] = { "code", NULL };

static const char *const *
names_for_format (const char *element)
{
  const char *const *all[] = { bold_names, italic_names, underline_names, strikethrough_names, code_names };

  for (gsize i = 0; i < G_N_ELEMENTS (all); i++)
    {
      if (g_strv_contains (all[i], element))
        return all[i];
    }
  return NULL;
}

static gboolean
tag_is_format (GtkTextTag *tag,
               const char *element)
{
  const char *const *names = names_for_format (element);
  const char *name = byline_html_tag_get_name (tag);

  if (name == NULL)
    return FALSE;
  if (names == NULL)
    return g_str_equal (name, element);
  return g_strv_contains (names, name);
}

static gboolean
is_block_tag (GtkTextTag *tag)
{
  BylineHtmlKind kind = byline_html_tag_get_kind (tag);

  return kind == BYLINE_HTML_KIND_TEXT_BLOCK || kind == BYLINE_HTML_KIND_CONTAINER;
}

static gboolean
is_text_block_tag (GtkTextTag *tag)
{
  return byline_html_tag_get_kind (tag) == BYLINE_HTML_KIND_TEXT_BLOCK;
}

static gboolean
is_inline_tag (GtkTextTag *tag)
{
  return byline_html_tag_get_kind (tag) == BYLINE_HTML_KIND_INLINE;
}

static gboolean
is_protected_tag (GtkTextTag *tag)
{
  return byline_html_tag_get_kind (tag) == BYLINE_HTML_KIND_PROTECTED;
}

static gboolean
is_list_tag (GtkTextTag *tag)
{
  const char *name = byline_html_tag_get_name (tag);

  return g_strcmp0 (name, "ul") == 0 || g_strcmp0 (name, "ol") == 0;
}

static gboolean
is_list_part_tag (GtkTextTag *tag)
{
  return is_list_tag (tag) || g_strcmp0 (byline_html_tag_get_name (tag), "li") == 0;
}

static gboolean
is_text_block_or_list_part (GtkTextTag *tag)
{
  return byline_html_tag_get_kind (tag) == BYLINE_HTML_KIND_TEXT_BLOCK || is_list_part_tag (tag);
}

static gboolean
is_quote_tag (GtkTextTag *tag)
{
  return g_strcmp0 (byline_html_tag_get_name (tag), "blockquote") == 0;
}

static gboolean
is_pullquote_tag (GtkTextTag *tag)
{
  return byline_html_tag_get_kind (tag) == BYLINE_HTML_KIND_CONTAINER && byline_html_tag_is_pullquote (tag);
}

static gboolean
is_heading_name (const char *name)
{
  return g_strcmp0 (name, "h2") == 0 || g_strcmp0 (name, "h3") == 0 || g_strcmp0 (name, "h4") == 0;
}

/* The tags at @iter that @filter accepts, outermost (lowest priority) first. */
static GPtrArray *
tags_at (const GtkTextIter *iter,
         TagFilter          filter)
{
  g_autoptr (GSList) tags = gtk_text_iter_get_tags (iter);
  GPtrArray *found = g_ptr_array_new ();

  for (GSList *l = tags; l != NULL; l = l->next)
    {
      if (filter (l->data))
        g_ptr_array_add (found, l->data);
    }
  return found;
}

static GtkTextTag *
innermost (GPtrArray *tags,
           TagFilter  filter)
{
  for (guint i = tags->len; i > 0; i--)
    {
      if (filter (tags->pdata[i - 1]))
        return tags->pdata[i - 1];
    }
  return NULL;
}

static void
line_bounds (const GtkTextIter *iter,
             GtkTextIter       *start,
             GtkTextIter       *end)
{
  *start = *iter;
  gtk_text_iter_set_line_offset (start, 0);
  *end = *start;
  gtk_text_iter_forward_line (end);
}

static void
iter_at (GtkTextBuffer *buffer,
         GtkTextIter   *iter,
         int            offset)
{
  gtk_text_buffer_get_iter_at_offset (buffer, iter, offset);
}

static void
apply_range (GtkTextBuffer *buffer,
             GtkTextTag    *tag,
             int            start,
             int            end)
{
  GtkTextIter s, e;

  iter_at (buffer, &s, start);
  iter_at (buffer, &e, end);
  gtk_text_buffer_apply_tag (buffer, tag, &s, &e);
}

static void
remove_range (GtkTextBuffer *buffer,
              GtkTextTag    *tag,
              int            start,
              int            end)
{
  GtkTextIter s, e;

  iter_at (buffer, &s, start);
  iter_at (buffer, &e, end);
  gtk_text_buffer_remove_tag (buffer, tag, &s, &e);
}

/* The blocks of a line belong to its first character; an empty last line has none. */
static GPtrArray *
line_blocks (const GtkTextIter *iter)
{
  GtkTextIter start, end;

  line_bounds (iter, &start, &end);
  if (gtk_text_iter_equal (&start, &end))
    return g_ptr_array_new ();
  return tags_at (&start, is_block_tag);
}

static GtkTextTag *
new_element (GtkTextBuffer *buffer,
             const char    *name)
{
  return byline_html_tag_new_element (buffer, name, NULL);
}

/* A new block like @model: a heading split at its end goes on as a paragraph. */
static GtkTextTag *
clone_block (GtkTextBuffer *buffer,
             GtkTextTag    *model,
             GPtrArray     *blocks,
             gboolean       at_end)
{
  const char *name = byline_html_tag_get_name (model);
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
  const char *const *attributes = byline_html_tag_get_attributes (model);
  g_auto (GStrv) copied = NULL;
  GtkTextTag *tag;
  guint depth = 0;

  if (is_heading_name (name) && at_end)
    return new_element (buffer, "p");
  for (gsize i = 0; attributes != NULL && attributes[i] != NULL && attributes[i + 1] != NULL; i += 2)
    {
      if (g_ascii_strcasecmp (attributes[i], "id") == 0)
        continue;
      g_strv_builder_add_many (builder, attributes[i], attributes[i + 1], NULL);
    }
  copied = g_strv_builder_end (builder);
  tag = byline_html_tag_new_element (buffer, name, (const char *const *) copied);
  for (guint i = 0; i < blocks->len; i++)
    depth += is_list_tag (blocks->pdata[i]);
  if (g_str_equal (name, "li"))
    byline_html_tag_set_list_depth (tag, depth);
  return tag;
}

static void
context_clear (Context *context)
{
  g_clear_pointer (&context->blocks, g_ptr_array_unref);
  g_clear_pointer (&context->inlines, g_ptr_array_unref);
}

static void
apply_pending (BylineRichTextBuffer *self,
               GPtrArray            *inlines)
{
  GHashTableIter iter;
  gpointer element, on;

  g_hash_table_iter_init (&iter, self->pending);
  while (g_hash_table_iter_next (&iter, &element, &on))
    {
      for (guint i = inlines->len; i > 0; i--)
        {
          if (tag_is_format (inlines->pdata[i - 1], element))
            g_ptr_array_remove_index (inlines, i - 1);
        }
      if (GPOINTER_TO_INT (on))
        g_ptr_array_add (inlines, new_element (GTK_TEXT_BUFFER (self), element));
    }
}

/* Typing at the end of a link does not extend it; other formats carry on. */
static GPtrArray *
inlines_before (const GtkTextIter *pos)
{
  GtkTextIter before = *pos;
  GPtrArray *inlines;

  if (gtk_text_iter_starts_line (pos))
    return g_ptr_array_new ();
  gtk_text_iter_backward_char (&before);
  inlines = tags_at (&before, is_inline_tag);
  for (guint i = inlines->len; i > 0; i--)
    {
      GtkTextTag *tag = inlines->pdata[i - 1];

      if (tag_is_format (tag, "a") && !gtk_text_iter_has_tag (pos, tag))
        g_ptr_array_remove_index (inlines, i - 1);
    }
  return inlines;
}

/* The blocks text inserted at @pos goes into. The empty last line of the buffer has
 * no tags; it goes on from the line above, as @borrowed reports. */
static GPtrArray *
blocks_for_insertion (const GtkTextIter *pos,
                      gboolean          *borrowed)
{
  GtkTextIter at = *pos;

  *borrowed = FALSE;
  if (!gtk_text_iter_is_end (&at))
    return tags_at (&at, is_block_tag);
  if (!gtk_text_iter_starts_line (&at))
    {
      gtk_text_iter_backward_char (&at);
      return tags_at (&at, is_block_tag);
    }
  if (!gtk_text_iter_backward_char (&at))
    return g_ptr_array_new ();
  *borrowed = TRUE;
  return tags_at (&at, is_block_tag);
}

static void
remove_tags_where (GPtrArray *tags,
                   TagFilter  filter)
{
  for (guint i = tags->len; i > 0; i--)
    {
      if (filter (tags->pdata[i - 1]))
        g_ptr_array_remove_index (tags, i - 1);
    }
}

/* The empty last line is a block of its own, like the one above it. */
static void
renew_borrowed_block (BylineRichTextBuffer *self,
                      GPtrArray            *blocks)
{
  GtkTextTag *model = innermost (blocks, is_text_block_tag);

  if (self->left_container != NULL)
    {
      g_ptr_array_remove (blocks, self->left_container);
      /* A pull quote's figure is left with its blockquote. */
      if (is_quote_tag (self->left_container))
        remove_tags_where (blocks, is_pullquote_tag);
    }
  if (self->next_block != NULL)
    {
      remove_tags_where (blocks, is_text_block_or_list_part);
      g_ptr_array_add (blocks, new_element (GTK_TEXT_BUFFER (self), self->next_block));
    }
  else if (model != NULL)
    {
      GtkTextTag *renewed = clone_block (GTK_TEXT_BUFFER (self), model, blocks, TRUE);

      g_ptr_array_remove (blocks, model);
      g_ptr_array_add (blocks, renewed);
    }
  self->next_block = NULL;
  self->left_container = NULL;
}

static void
read_context (BylineRichTextBuffer *self,
              const GtkTextIter    *pos,
              Context              *context)
{
  gboolean borrowed;

  context->blocks = blocks_for_insertion (pos, &borrowed);
  if (borrowed)
    renew_borrowed_block (self, context->blocks);
  if (innermost (context->blocks, is_text_block_tag) == NULL)
    g_ptr_array_add (context->blocks, new_element (GTK_TEXT_BUFFER (self), "p"));
  context->at_line_end = gtk_text_iter_ends_line (pos);
  context->inlines = inlines_before (pos);
  apply_pending (self, context->inlines);
}

static void
apply_all (GtkTextBuffer *buffer,
           GPtrArray     *tags,
           int            start,
           int            end)
{
  for (guint i = 0; i < tags->len; i++)
    apply_range (buffer, tags->pdata[i], start, end);
}

/* Inserted text inherits the tags around it; keep only the formats it should have. */
static void
set_inlines (GtkTextBuffer *buffer,
             GPtrArray     *inlines,
             int            start,
             int            end)
{
  GtkTextIter first;
  g_autoptr (GPtrArray) inherited = NULL;

  iter_at (buffer, &first, start);
  inherited = tags_at (&first, is_inline_tag);
  for (guint i = 0; i < inherited->len; i++)
    {
      if (!g_ptr_array_find (inlines, inherited->pdata[i], NULL))
        remove_range (buffer, inherited->pdata[i], start, end);
    }
}

static void
apply_inlines_to_text (GtkTextBuffer *buffer,
                       GPtrArray     *inlines,
                       int            start,
                       int            end)
{
  if (end > start)
    apply_all (buffer, inlines, start, end);
}

/* A line after an inserted newline: a new block like the one it was split from. */
static void
retag_new_line (GtkTextBuffer *buffer,
                Context       *context,
                int            offset)
{
  GtkTextTag *model = innermost (context->blocks, is_text_block_tag);
  GtkTextIter start, end;
  int line_end;

  iter_at (buffer, &start, offset);
  line_bounds (&start, &start, &end);
  line_end = gtk_text_iter_get_offset (&end);
  for (guint i = 0; i < context->blocks->len; i++)
    {
      GtkTextTag *tag = context->blocks->pdata[i];

      if (tag == model)
        remove_range (buffer, tag, offset, line_end);
      else
        apply_range (buffer, tag, offset, line_end);
    }
  apply_range (buffer, clone_block (buffer, model, context->blocks, context->at_line_end), offset, line_end);
}

static void
fix_inserted (BylineRichTextBuffer *self,
              Context              *context,
              int                   start,
              int                   end,
              const char           *text,
              int                   length)
{
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (self);
  const char *rest = text;
  const char *text_end = text + length;
  int offset = start;

  set_inlines (buffer, context->inlines, start, end);
  while (rest < text_end)
    {
      const char *newline = memchr (rest, '\n', text_end - rest);
      const char *line_end = newline != NULL ? newline : text_end;
      int chars = (int) g_utf8_strlen (rest, line_end - rest);
      int next = offset + chars + (newline != NULL);

      apply_inlines_to_text (buffer, context->inlines, offset, offset + chars);
      if (rest == text)
        apply_all (buffer, context->blocks, offset, next);
      else
        retag_new_line (buffer, context, offset);
      offset = next;
      rest = line_end + (newline != NULL);
    }
  if (length > 0 && text[length - 1] == '\n')
    retag_new_line (buffer, context, end);
}

static gboolean
line_is_empty (const GtkTextIter *iter)
{
  return gtk_text_iter_starts_line (iter) && gtk_text_iter_ends_line (iter);
}

static void
replace_line_block (BylineRichTextBuffer *self,
                    const GtkTextIter    *iter,
                    TagFilter             remove,
                    const char           *element)
{
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (self);
  g_autoptr (GPtrArray) blocks = line_blocks (iter);
  GtkTextIter start, end;

  line_bounds (iter, &start, &end);
  if (gtk_text_iter_equal (&start, &end))
    return;
  for (guint i = 0; i < blocks->len; i++)
    {
      if (remove (blocks->pdata[i]))
        gtk_text_buffer_remove_tag (buffer, blocks->pdata[i], &start, &end);
    }
  gtk_text_buffer_apply_tag (buffer, new_element (buffer, element), &start, &end);
}

/* Enter on an empty list item ends the list instead of adding an item. */
static gboolean
leaves_list (const GtkTextIter *pos,
             const char        *text,
             int                length)
{
  g_autoptr (GPtrArray) blocks = NULL;
  GtkTextTag *block;
  gboolean borrowed;

  if (length != 1 || text[0] != '\n' || !line_is_empty (pos))
    return FALSE;
  blocks = blocks_for_insertion (pos, &borrowed);
  block = innermost (blocks, is_text_block_tag);
  return block != NULL && g_str_equal (byline_html_tag_get_name (block), "li");
}

static gboolean
is_text_block_or_list (GtkTextTag *tag)
{
  return is_text_block_tag (tag) || is_list_tag (tag);
}

/* Quotes and update blocks; lists end on an empty item instead, figures are not typed in. */
static gboolean
is_leavable_container (GtkTextTag *tag)
{
  return byline_html_tag_get_kind (tag) == BYLINE_HTML_KIND_CONTAINER && !is_list_tag (tag) &&
         g_strcmp0 (byline_html_tag_get_name (tag), "figure") != 0;
}

/* The container that Enter on an empty paragraph at its end leaves, or %NULL. The empty
 * last line of the buffer, @borrowed, is always at the end of what it borrows from. */
static GtkTextTag *
container_to_leave (const GtkTextIter *pos,
                    const char        *text,
                    int                length,
                    gboolean          *borrowed)
{
  g_autoptr (GPtrArray) blocks = NULL;
  GtkTextTag *block, *container;
  GtkTextIter next = *pos;

  if (length != 1 || text[0] != '\n' || !line_is_empty (pos))
    return NULL;
  blocks = blocks_for_insertion (pos, borrowed);
  block = innermost (blocks, is_text_block_tag);
  container = innermost (blocks, is_leavable_container);
  if (block == NULL || container == NULL || !g_str_equal (byline_html_tag_get_name (block), "p") ||
      gtk_text_tag_get_priority (block) < gtk_text_tag_get_priority (container))
    return NULL;
  if (!*borrowed && gtk_text_iter_forward_line (&next) && gtk_text_iter_has_tag (&next, container))
    return NULL;
  return container;
}

static gboolean
leave_container (BylineRichTextBuffer *self,
                 const GtkTextIter    *pos,
                 const char           *text,
                 int                   length)
{
  GtkTextIter start, end;
  gboolean borrowed;
  GtkTextTag *container = container_to_leave (pos, text, length, &borrowed);

  if (container == NULL)
    return FALSE;
  if (borrowed)
    self->left_container = container;
  else
    {
      g_autoptr (GPtrArray) blocks = line_blocks (pos);

      line_bounds (pos, &start, &end);
      gtk_text_buffer_remove_tag (GTK_TEXT_BUFFER (self), container, &start, &end);
      for (guint i = 0; i < blocks->len && is_quote_tag (container); i++)
        if (is_pullquote_tag (blocks->pdata[i]))
          gtk_text_buffer_remove_tag (GTK_TEXT_BUFFER (self), blocks->pdata[i], &start, &end);
    }
  return TRUE;
}

/* Only an address alone on its line is embedded: "https://youtu.be/x said so" is text. */
static const char *
line_embed_provider (const char *stripped)
{
  for (const char *p = stripped; *p != '\0'; p = g_utf8_next_char (p))
    {
      if (g_unichar_isspace (g_utf8_get_char (p)))
        return NULL;
    }
  return g_str_has_prefix (stripped, "http") ? byline_html_embed_provider (stripped) : NULL;
}

static GtkTextTag *
get_embed_tag (BylineRichTextBuffer *self)
{
  return byline_html_get_embed_tag (GTK_TEXT_BUFFER (self));
}

/* A line holding only a YouTube, Instagram or X address is shown as an embed block;
 * the tag is not an element, so the HTML keeps the bare address WordPress expects. */
static void
refresh_embed_line (BylineRichTextBuffer *self,
                    int                   line)
{
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (self);
  GtkTextTag *embed = get_embed_tag (self);
  g_autofree char *text = NULL;
  const char *provider = NULL;
  GtkTextIter start, end;

  gtk_text_buffer_get_iter_at_line (buffer, &start, line);
  end = start;
  if (!gtk_text_iter_ends_line (&end))
    gtk_text_iter_forward_to_line_end (&end);
  if (gtk_text_iter_get_line_offset (&end) <= 2048)
    {
      text = g_strstrip (gtk_text_iter_get_slice (&start, &end));
      provider = line_embed_provider (text);
    }
  if ((provider != NULL) == gtk_text_iter_has_tag (&start, embed))
    return;
  gtk_text_iter_forward_line (&end);
  if (provider != NULL)
    gtk_text_buffer_apply_tag (buffer, embed, &start, &end);
  else
    gtk_text_buffer_remove_tag (buffer, embed, &start, &end);
}

static void
refresh_embeds (BylineRichTextBuffer *self,
                int                   first_offset,
                int                   last_offset)
{
  GtkTextIter first, last;

  iter_at (GTK_TEXT_BUFFER (self), &first, first_offset);
  iter_at (GTK_TEXT_BUFFER (self), &last, last_offset);
  for (int line = gtk_text_iter_get_line (&first); line <= gtk_text_iter_get_line (&last); line++)
    refresh_embed_line (self, line);
}

static void count_lines (const GtkTextIter *first,
                         const GtkTextIter *last,
                         guint             *words,
                         guint             *characters);

/* Counting starts again from the first line. */
static void
restart_count (BylineRichTextBuffer *self)
{
  GtkTextIter start;

  gtk_text_buffer_get_start_iter (GTK_TEXT_BUFFER (self), &start);
  self->counted = FALSE;
  self->count_epoch++;
  self->words = self->characters = 0;
  if (self->count_frontier == NULL)
    self->count_frontier = gtk_text_buffer_create_mark (GTK_TEXT_BUFFER (self), NULL, &start, TRUE);
  else
    gtk_text_buffer_move_mark (GTK_TEXT_BUFFER (self), self->count_frontier, &start);
}

typedef enum
{
  /* The lines are in the count: it is corrected by their change. */
  COUNT_ADJUST,
  /* They are still to be counted. */
  COUNT_LATER,
  COUNT_RESTART,
} CountEffect;

/* What an edit of the lines from @first to @last does to the count. */
static CountEffect
count_effect (BylineRichTextBuffer *self,
              const GtkTextIter    *first,
              const GtkTextIter    *last)
{
  GtkTextIter frontier;

  /* Text that goes in or out without the editing rules is counted again. */
  if (self->raw > 0)
    return COUNT_RESTART;
  if (self->counted)
    return COUNT_ADJUST;
  if (self->count_frontier == NULL)
    return COUNT_RESTART;
  gtk_text_buffer_get_iter_at_mark (GTK_TEXT_BUFFER (self), &frontier, self->count_frontier);
  if (gtk_text_iter_get_line (last) < gtk_text_iter_get_line (&frontier))
    return COUNT_ADJUST;
  if (gtk_text_iter_get_line (first) >= gtk_text_iter_get_line (&frontier))
    return COUNT_LATER;
  return COUNT_RESTART;
}

/* Replaces the count of the lines an edit touched, read before it, with their count after. */
static void
recount_lines (BylineRichTextBuffer *self,
               const guint           before[2],
               int                   first_offset,
               int                   last_offset)
{
  GtkTextIter first, last;
  guint words, characters;

  iter_at (GTK_TEXT_BUFFER (self), &first, first_offset);
  iter_at (GTK_TEXT_BUFFER (self), &last, last_offset);
  count_lines (&first, &last, &words, &characters);
  self->words = self->words - before[0] + words;
  self->characters = self->characters - before[1] + characters;
}

static void
update_history_state (BylineRichTextBuffer *self)
{
  gboolean can_undo = byline_rich_text_history_can_undo (self->history);
  gboolean can_redo = byline_rich_text_history_can_redo (self->history);

  if (can_undo != self->could_undo)
    {
      self->could_undo = can_undo;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_UNDO]);
    }
  if (can_redo != self->could_redo)
    {
      self->could_redo = can_redo;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_REDO]);
    }
}

static void
begin_edit (BylineRichTextBuffer *self)
{
  byline_rich_text_history_begin (self->history);
}

static void
end_edit (BylineRichTextBuffer *self)
{
  byline_rich_text_history_end (self->history);
  update_history_state (self);
}

static void
chain_insert_text (BylineRichTextBuffer *self,
                   GtkTextIter          *iter,
                   const char           *text,
                   int                   length)
{
  byline_rich_text_history_insert (self->history, iter, text, length);
  GTK_TEXT_BUFFER_CLASS (byline_rich_text_buffer_parent_class)->insert_text (GTK_TEXT_BUFFER (self), iter, text,
                                                                             length);
}

static void insert_text_edit (GtkTextBuffer *buffer,
                              GtkTextIter   *iter,
                              const char    *text,
                              int            length);

/* Everything an insertion does, formatting included, is one step of the history. */
static void
byline_rich_text_buffer_insert_text (GtkTextBuffer *buffer,
                                     GtkTextIter   *iter,
                                     const char    *text,
                                     int            length)
{
  BylineRichTextBuffer *self = BYLINE_RICH_TEXT_BUFFER (buffer);

  begin_edit (self);
  insert_text_edit (buffer, iter, text, length);
  end_edit (self);
}

static void
insert_text_edit (GtkTextBuffer *buffer,
                  GtkTextIter   *iter,
                  const char    *text,
                  int            length)
{
  BylineRichTextBuffer *self = BYLINE_RICH_TEXT_BUFFER (buffer);
  Context context = { NULL, NULL, FALSE };
  guint before[2] = { 0, 0 };
  int start, end;

  CountEffect effect;
  guint epoch = self->count_epoch;

  if (self->raw > 0)
    {
      restart_count (self);
      chain_insert_text (self, iter, text, length);
      return;
    }
  if (leaves_list (iter, text, length))
    {
      self->next_block = gtk_text_iter_is_end (iter) ? "p" : NULL;
      replace_line_block (self, iter, is_text_block_or_list, "p");
      g_signal_emit (self, signals[FORMAT_CHANGED], 0);
      return;
    }
  if (leave_container (self, iter, text, length))
    {
      g_signal_emit (self, signals[FORMAT_CHANGED], 0);
      return;
    }
  start = gtk_text_iter_get_offset (iter);
  effect = count_effect (self, iter, iter);
  if (effect == COUNT_ADJUST)
    count_lines (iter, iter, &before[0], &before[1]);
  read_context (self, iter, &context);
  chain_insert_text (self, iter, text, length);
  end = gtk_text_iter_get_offset (iter);
  fix_inserted (self, &context, start, end, text, length);
  refresh_embeds (self, start, end);
  if (effect == COUNT_ADJUST && epoch == self->count_epoch)
    recount_lines (self, before, start, end);
  else if (effect == COUNT_RESTART)
    restart_count (self);
  context_clear (&context);
  g_hash_table_remove_all (self->pending);
  iter_at (buffer, iter, end);
}

static gboolean
toggles_block_inside (const GtkTextIter *start,
                      const GtkTextIter *end)
{
  GtkTextIter probe = *start;

  while (gtk_text_iter_forward_to_tag_toggle (&probe, NULL) && gtk_text_iter_compare (&probe, end) < 0)
    {
      g_autoptr (GSList) on = gtk_text_iter_get_toggled_tags (&probe, TRUE);
      g_autoptr (GSList) off = gtk_text_iter_get_toggled_tags (&probe, FALSE);

      for (GSList *l = on; l != NULL; l = l->next)
        if (is_block_tag (l->data))
          return TRUE;
      for (GSList *l = off; l != NULL; l = l->next)
        if (is_block_tag (l->data))
          return TRUE;
    }
  return FALSE;
}

static void
remove_blocks_between (GtkTextBuffer     *buffer,
                       const GtkTextIter *start,
                       const GtkTextIter *end)
{
  GtkTextIter probe = *start;

  do
    {
      g_autoptr (GPtrArray) blocks = tags_at (&probe, is_block_tag);

      for (guint i = 0; i < blocks->len; i++)
        gtk_text_buffer_remove_tag (buffer, blocks->pdata[i], start, end);
    }
  while (gtk_text_iter_forward_to_tag_toggle (&probe, NULL) && gtk_text_iter_compare (&probe, end) < 0);
}

/* Two lines joined by a deletion become one block: the first line's. */
static void
normalize_line (GtkTextBuffer     *buffer,
                const GtkTextIter *iter)
{
  g_autoptr (GPtrArray) first = NULL;
  GtkTextIter start, end;
  int start_offset, end_offset;

  line_bounds (iter, &start, &end);
  if (gtk_text_iter_equal (&start, &end) || !toggles_block_inside (&start, &end))
    return;
  first = tags_at (&start, is_block_tag);
  if (innermost (first, is_text_block_tag) == NULL)
    return;
  start_offset = gtk_text_iter_get_offset (&start);
  end_offset = gtk_text_iter_get_offset (&end);
  remove_blocks_between (buffer, &start, &end);
  apply_all (buffer, first, start_offset, end_offset);
}

static void
delete_range_edit (BylineRichTextBuffer *self,
                   GtkTextIter          *start,
                   GtkTextIter          *end)
{
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (self);
  guint before[2] = { 0, 0 };
  CountEffect effect = count_effect (self, start, end);
  guint epoch = self->count_epoch;
  int offset;

  if (effect == COUNT_ADJUST)
    count_lines (start, end, &before[0], &before[1]);
  else if (effect == COUNT_RESTART)
    restart_count (self);
  byline_rich_text_history_delete (self->history, start, end);
  GTK_TEXT_BUFFER_CLASS (byline_rich_text_buffer_parent_class)->delete_range (buffer, start, end);
  if (self->raw > 0)
    return;
  offset = gtk_text_iter_get_offset (start);
  normalize_line (buffer, start);
  refresh_embeds (self, offset, offset);
  if (effect == COUNT_ADJUST && epoch == self->count_epoch)
    recount_lines (self, before, offset, offset);
  iter_at (buffer, start, offset);
  *end = *start;
}

static void
byline_rich_text_buffer_delete_range (GtkTextBuffer *buffer,
                                      GtkTextIter   *start,
                                      GtkTextIter   *end)
{
  BylineRichTextBuffer *self = BYLINE_RICH_TEXT_BUFFER (buffer);

  begin_edit (self);
  delete_range_edit (self, start, end);
  end_edit (self);
}

/* Spelling and search marks are no part of the HTML. */
static void
count_tag_edit (BylineRichTextBuffer *self,
                GtkTextTag           *tag)
{
  if (byline_html_tag_get_kind (tag) != BYLINE_HTML_KIND_NONE)
    self->edits++;
}

static void
byline_rich_text_buffer_changed (GtkTextBuffer *buffer)
{
  BYLINE_RICH_TEXT_BUFFER (buffer)->edits++;
  GTK_TEXT_BUFFER_CLASS (byline_rich_text_buffer_parent_class)->changed (buffer);
}

static void
byline_rich_text_buffer_apply_tag (GtkTextBuffer     *buffer,
                                   GtkTextTag        *tag,
                                   const GtkTextIter *start,
                                   const GtkTextIter *end)
{
  BylineRichTextBuffer *self = BYLINE_RICH_TEXT_BUFFER (buffer);

  count_tag_edit (self, tag);
  begin_edit (self);
  byline_rich_text_history_tag (self->history, tag, start, end, TRUE);
  GTK_TEXT_BUFFER_CLASS (byline_rich_text_buffer_parent_class)->apply_tag (buffer, tag, start, end);
  end_edit (self);
}

static void
byline_rich_text_buffer_remove_tag (GtkTextBuffer     *buffer,
                                    GtkTextTag        *tag,
                                    const GtkTextIter *start,
                                    const GtkTextIter *end)
{
  BylineRichTextBuffer *self = BYLINE_RICH_TEXT_BUFFER (buffer);

  count_tag_edit (self, tag);
  begin_edit (self);
  byline_rich_text_history_tag (self->history, tag, start, end, FALSE);
  GTK_TEXT_BUFFER_CLASS (byline_rich_text_buffer_parent_class)->remove_tag (buffer, tag, start, end);
  end_edit (self);
}

/* GtkTextBuffer has no handlers of its own for these. */
static void
byline_rich_text_buffer_begin_user_action (GtkTextBuffer *buffer)
{
  begin_edit (BYLINE_RICH_TEXT_BUFFER (buffer));
}

static void
byline_rich_text_buffer_end_user_action (GtkTextBuffer *buffer)
{
  end_edit (BYLINE_RICH_TEXT_BUFFER (buffer));
}

/* The formatting is in the history, spelling marks are not. */
static gboolean
records_tag (GtkTextBuffer *buffer,
             GtkTextTag    *tag)
{
  return byline_html_tag_get_kind (tag) != BYLINE_HTML_KIND_NONE ||
         tag == gtk_text_tag_table_lookup (gtk_text_buffer_get_tag_table (buffer), "byline-embed");
}

static void
byline_rich_text_buffer_mark_set (GtkTextBuffer     *buffer,
                                  const GtkTextIter *location,
                                  GtkTextMark       *mark)
{
  BylineRichTextBuffer *self = BYLINE_RICH_TEXT_BUFFER (buffer);

  if (mark == gtk_text_buffer_get_insert (buffer))
    {
      g_hash_table_remove_all (self->pending);
      self->next_block = NULL;
      self->left_container = NULL;
    }
  GTK_TEXT_BUFFER_CLASS (byline_rich_text_buffer_parent_class)->mark_set (buffer, location, mark);
}

/**
 * byline_rich_text_buffer_load:
 * @self: a #BylineRichTextBuffer
 * @html: a story body
 * @error: where a repair, a cut or a refusal is reported
 *
 * Replaces the content with @html's, a step that cannot be undone. On %FALSE the
 * buffer holds what could be read, or nothing when the body was refused.
 *
 * Returns: whether @html was read whole
 */
gboolean
byline_rich_text_buffer_load (BylineRichTextBuffer *self,
                              const char           *html,
                              GError              **error)
{
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (self);
  gboolean loaded;

  g_return_val_if_fail (BYLINE_IS_RICH_TEXT_BUFFER (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  self->raw++;
  byline_rich_text_history_begin_irreversible (self->history);
  gtk_text_buffer_set_text (buffer, "", 0);
  byline_html_remove_elements (buffer);
  loaded = byline_html_import (buffer, html != NULL ? html : "", -1, error);
  byline_rich_text_history_end_irreversible (self->history);
  update_history_state (self);
  self->raw--;
  g_hash_table_remove_all (self->pending);
  gtk_text_buffer_set_modified (buffer, FALSE);
  g_signal_emit (self, signals[FORMAT_CHANGED], 0);
  return loaded;
}

char *
byline_rich_text_buffer_save (BylineRichTextBuffer *self)
{
  g_return_val_if_fail (BYLINE_IS_RICH_TEXT_BUFFER (self), NULL);

  return byline_html_export (GTK_TEXT_BUFFER (self));
}

/**
 * byline_rich_text_buffer_save_step:
 * @self: a #BylineRichTextBuffer
 * @budget_usec: how long this slice may take
 *
 * Exports the buffer to HTML a slice at a time, so that a long story's
 * export never holds up a keystroke for more than a slice. An edit between
 * slices starts the export again.
 *
 * Returns: whether the export of the buffer as it is now is complete, for
 *   byline_rich_text_buffer_take_saved()
 */
gboolean
byline_rich_text_buffer_save_step (BylineRichTextBuffer *self,
                                   gint64                budget_usec)
{
  g_return_val_if_fail (BYLINE_IS_RICH_TEXT_BUFFER (self), FALSE);

  if (self->exporter != NULL && self->exporter_edits != self->edits)
    g_clear_pointer (&self->exporter, byline_html_exporter_free);
  if (self->exporter == NULL)
    {
      self->exporter = byline_html_exporter_new ();
      self->exporter_edits = self->edits;
    }
  return byline_html_exporter_step (self->exporter, GTK_TEXT_BUFFER (self),
                                    g_get_monotonic_time () + budget_usec);
}

/**
 * byline_rich_text_buffer_take_saved:
 * @self: a #BylineRichTextBuffer
 *
 * Returns: (transfer full) (nullable): the HTML of a complete export, if the
 *   buffer has not changed since
 */
char *
byline_rich_text_buffer_take_saved (BylineRichTextBuffer *self)
{
  g_autoptr (BylineHtmlExporter) exporter = NULL;

  g_return_val_if_fail (BYLINE_IS_RICH_TEXT_BUFFER (self), NULL);

  if (self->exporter == NULL || self->exporter_edits != self->edits ||
      !byline_html_exporter_is_done (self->exporter))
    return NULL;
  exporter = g_steal_pointer (&self->exporter);
  return byline_html_exporter_take_html (exporter);
}

static void
get_cursor (BylineRichTextBuffer *self,
            GtkTextIter          *iter)
{
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (self);

  gtk_text_buffer_get_iter_at_mark (buffer, iter, gtk_text_buffer_get_insert (buffer));
}

static gboolean
has_format (const GtkTextIter *iter,
            const char        *element)
{
  g_autoptr (GPtrArray) inlines = tags_at (iter, is_inline_tag);

  for (guint i = 0; i < inlines->len; i++)
    {
      if (tag_is_format (inlines->pdata[i], element))
        return TRUE;
    }
  return FALSE;
}

/* What text typed now would be: the pending choice, else the format before the cursor. */
gboolean
byline_rich_text_buffer_get_inline (BylineRichTextBuffer *self,
                                    const char           *element)
{
  GtkTextIter start, end;
  gpointer on;

  g_return_val_if_fail (BYLINE_IS_RICH_TEXT_BUFFER (self), FALSE);
  g_return_val_if_fail (element != NULL, FALSE);

  if (g_hash_table_lookup_extended (self->pending, element, NULL, &on))
    return GPOINTER_TO_INT (on);
  if (gtk_text_buffer_get_selection_bounds (GTK_TEXT_BUFFER (self), &start, &end))
    return has_format (&start, element);
  if (gtk_text_iter_starts_line (&start))
    return FALSE;
  gtk_text_iter_backward_char (&start);
  return has_format (&start, element);
}

typedef void (*RunFunc) (GtkTextBuffer     *buffer,
                         const GtkTextIter *start,
                         const GtkTextIter *end,
                         gpointer           data);

/* Calls @func on each stretch of editable text within a line, between @start and @end. */
static void
foreach_text_run (GtkTextBuffer     *buffer,
                  const GtkTextIter *start,
                  const GtkTextIter *end,
                  RunFunc            func,
                  gpointer           data)
{
  GtkTextIter run_start = *start;

  while (gtk_text_iter_compare (&run_start, end) < 0)
    {
      GtkTextIter run_end = run_start;
      g_autoptr (GPtrArray) protected = tags_at (&run_start, is_protected_tag);

      gtk_text_iter_forward_to_tag_toggle (&run_end, NULL);
      if (!gtk_text_iter_ends_line (&run_start) && gtk_text_iter_get_line (&run_end) != gtk_text_iter_get_line (&run_start))
        {
          run_end = run_start;
          gtk_text_iter_forward_to_line_end (&run_end);
        }
      if (gtk_text_iter_compare (&run_end, end) > 0)
        run_end = *end;
      if (protected->len == 0 && !gtk_text_iter_ends_line (&run_start))
        func (buffer, &run_start, &run_end, data);
      if (gtk_text_iter_ends_line (&run_start))
        gtk_text_iter_forward_char (&run_end);
      run_start = run_end;
    }
}

static void
check_format_run (GtkTextBuffer     *buffer,
                  const GtkTextIter *start,
                  const GtkTextIter *end,
                  gpointer           data)
{
  const char **element = data;

  if (*element != NULL && !has_format (start, *element))
    *element = NULL;
}

static void
remove_format_run (GtkTextBuffer     *buffer,
                   const GtkTextIter *start,
                   const GtkTextIter *end,
                   gpointer           data)
{
  g_autoptr (GPtrArray) inlines = tags_at (start, is_inline_tag);

  for (guint i = 0; i < inlines->len; i++)
    {
      if (tag_is_format (inlines->pdata[i], data))
        gtk_text_buffer_remove_tag (buffer, inlines->pdata[i], start, end);
    }
}

static void
apply_tag_run (GtkTextBuffer     *buffer,
               const GtkTextIter *start,
               const GtkTextIter *end,
               gpointer           data)
{
  gtk_text_buffer_apply_tag (buffer, data, start, end);
}

/**
 * byline_rich_text_buffer_toggle_inline:
 * @self: a #BylineRichTextBuffer
 * @element: "strong", "em", "u", "s" or "code"
 *
 * Formats the selection, or the text typed next when nothing is selected; removes
 * the format where the whole selection has it.
 */
void
byline_rich_text_buffer_toggle_inline (BylineRichTextBuffer *self,
                                       const char           *element)
{
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (self);
  GtkTextIter start, end;
  const char *all_formatted = element;

  g_return_if_fail (BYLINE_IS_RICH_TEXT_BUFFER (self));
  g_return_if_fail (element != NULL);

  if (!gtk_text_buffer_get_selection_bounds (buffer, &start, &end))
    {
      gboolean on = !byline_rich_text_buffer_get_inline (self, element);

      g_hash_table_insert (self->pending, g_strdup (element), GINT_TO_POINTER (on));
      g_signal_emit (self, signals[FORMAT_CHANGED], 0);
      return;
    }
  foreach_text_run (buffer, &start, &end, check_format_run, &all_formatted);
  gtk_text_buffer_begin_user_action (buffer);
  if (all_formatted != NULL)
    foreach_text_run (buffer, &start, &end, remove_format_run, (gpointer) element);
  else
    foreach_text_run (buffer, &start, &end, apply_tag_run, new_element (buffer, element));
  gtk_text_buffer_end_user_action (buffer);
  gtk_text_buffer_set_modified (buffer, TRUE);
  g_signal_emit (self, signals[FORMAT_CHANGED], 0);
}

static const char *
name_or_empty (GtkTextTag *tag)
{
  return tag != NULL ? byline_html_tag_get_name (tag) : "";
}

/* The innermost text block at the cursor: "p", "h2"…"h4", "li", or "". */
const char *
byline_rich_text_buffer_get_block (BylineRichTextBuffer *self)
{
  g_autoptr (GPtrArray) blocks = NULL;
  GtkTextIter cursor;

  g_return_val_if_fail (BYLINE_IS_RICH_TEXT_BUFFER (self), "");

  get_cursor (self, &cursor);
  blocks = line_blocks (&cursor);
  return name_or_empty (innermost (blocks, is_text_block_tag));
}

/* The lines of the selection, or the cursor's; a selection ending at the start of
 * a line leaves that line out. */
static void
get_selected_lines (BylineRichTextBuffer *self,
                    int                  *first,
                    int                  *last)
{
  GtkTextIter start, end;

  gtk_text_buffer_get_selection_bounds (GTK_TEXT_BUFFER (self), &start, &end);
  *first = gtk_text_iter_get_line (&start);
  *last = gtk_text_iter_get_line (&end);
  if (*last > *first && gtk_text_iter_starts_line (&end))
    (*last)--;
}

static void
get_line (BylineRichTextBuffer *self,
          GtkTextIter          *iter,
          int                   line)
{
  gtk_text_buffer_get_iter_at_line (GTK_TEXT_BUFFER (self), iter, line);
}

static gboolean
is_protected_line (const GtkTextIter *iter)
{
  g_autoptr (GPtrArray) blocks = line_blocks (iter);
  GtkTextIter start = *iter;

  gtk_text_iter_set_line_offset (&start, 0);
  if (innermost (blocks, is_text_block_tag) != NULL)
    return FALSE;
  {
    g_autoptr (GPtrArray) protected = tags_at (&start, is_protected_tag);

    return protected->len > 0;
  }
}

static void
finish_format (BylineRichTextBuffer *self)
{
  gtk_text_buffer_set_modified (GTK_TEXT_BUFFER (self), TRUE);
  g_signal_emit (self, signals[FORMAT_CHANGED], 0);
}

/**
 * byline_rich_text_buffer_set_block:
 * @self: a #BylineRichTextBuffer
 * @element: "p", "h2", "h3" or "h4"
 *
 * Makes each selected line a block of that kind, in a tag of its own; a list
 * item leaves its list.
 */
void
byline_rich_text_buffer_set_block (BylineRichTextBuffer *self,
                                   const char           *element)
{
  int first, last;

  g_return_if_fail (BYLINE_IS_RICH_TEXT_BUFFER (self));
  g_return_if_fail (g_strcmp0 (element, "p") == 0 || is_heading_name (element));

  get_selected_lines (self, &first, &last);
  gtk_text_buffer_begin_user_action (GTK_TEXT_BUFFER (self));
  for (int line = first; line <= last; line++)
    {
      GtkTextIter iter;

      get_line (self, &iter, line);
      if (gtk_text_iter_is_end (&iter) && gtk_text_iter_starts_line (&iter))
        self->next_block = g_intern_string (element);
      else if (!is_protected_line (&iter))
        replace_line_block (self, &iter, is_text_block_or_list_part, element);
    }
  gtk_text_buffer_end_user_action (GTK_TEXT_BUFFER (self));
  finish_format (self);
}

static GtkTextTag *
line_list (const GtkTextIter *iter)
{
  g_autoptr (GPtrArray) blocks = line_blocks (iter);

  return innermost (blocks, is_list_tag);
}

/* "ul", "ol" or "" for the cursor's line. */
const char *
byline_rich_text_buffer_get_list (BylineRichTextBuffer *self)
{
  GtkTextIter cursor;

  g_return_val_if_fail (BYLINE_IS_RICH_TEXT_BUFFER (self), "");

  get_cursor (self, &cursor);
  return name_or_empty (line_list (&cursor));
}

static void
wrap_lines_in_list (BylineRichTextBuffer *self,
                    const char           *element,
                    int                   first,
                    int                   last)
{
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (self);
  GtkTextTag *list = NULL;
  GtkTextIter previous;

  /* Joining the list just above, rather than starting a second one beside it. */
  if (first > 0)
    {
      get_line (self, &previous, first - 1);
      list = line_list (&previous);
      if (list != NULL && !g_str_equal (byline_html_tag_get_name (list), element))
        list = NULL;
    }
  if (list == NULL)
    list = new_element (buffer, element);
  for (int line = first; line <= last; line++)
    {
      GtkTextIter iter, start, end;

      get_line (self, &iter, line);
      if (is_protected_line (&iter))
        continue;
      replace_line_block (self, &iter, is_text_block_tag, "li");
      line_bounds (&iter, &start, &end);
      gtk_text_buffer_apply_tag (buffer, list, &start, &end);
    }
}

static void
change_list_type (BylineRichTextBuffer *self,
                  const char           *element,
                  int                   first,
                  int                   last)
{
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (self);
  GtkTextTag *replaced = NULL;
  GtkTextTag *replacement = NULL;

  for (int line = first; line <= last; line++)
    {
      GtkTextIter iter, start, end;
      GtkTextTag *list;

      get_line (self, &iter, line);
      list = line_list (&iter);
      if (list == NULL)
        continue;
      if (list != replaced)
        {
          replaced = list;
          replacement = new_element (buffer, element);
          gtk_text_tag_set_priority (replacement, gtk_text_tag_get_priority (list));
        }
      line_bounds (&iter, &start, &end);
      gtk_text_buffer_remove_tag (buffer, list, &start, &end);
      gtk_text_buffer_apply_tag (buffer, replacement, &start, &end);
    }
}

/**
 * byline_rich_text_buffer_toggle_list:
 * @self: a #BylineRichTextBuffer
 * @element: "ul" or "ol"
 *
 * Makes the selected lines items of a list of that kind, or paragraphs again when
 * they are in one already.
 */
void
byline_rich_text_buffer_toggle_list (BylineRichTextBuffer *self,
                                     const char           *element)
{
  const char *current;
  int first, last;

  g_return_if_fail (BYLINE_IS_RICH_TEXT_BUFFER (self));
  g_return_if_fail (g_strcmp0 (element, "ul") == 0 || g_strcmp0 (element, "ol") == 0);

  current = byline_rich_text_buffer_get_list (self);
  get_selected_lines (self, &first, &last);
  gtk_text_buffer_begin_user_action (GTK_TEXT_BUFFER (self));
  if (g_str_equal (current, element))
    {
      for (int line = first; line <= last; line++)
        {
          GtkTextIter iter;

          get_line (self, &iter, line);
          if (!is_protected_line (&iter))
            replace_line_block (self, &iter, is_text_block_or_list_part, "p");
        }
    }
  else if (*current != '\0')
    change_list_type (self, element, first, last);
  else
    wrap_lines_in_list (self, element, first, last);
  gtk_text_buffer_end_user_action (GTK_TEXT_BUFFER (self));
  finish_format (self);
}

/* A pull quote's own blockquote goes with it. */
static gboolean
is_any_quote_tag (GtkTextTag *tag)
{
  return is_quote_tag (tag) || is_pullquote_tag (tag);
}

static gboolean
cursor_line_has (BylineRichTextBuffer *self,
                 TagFilter             filter)
{
  g_autoptr (GPtrArray) blocks = NULL;
  GtkTextIter cursor;

  get_cursor (self, &cursor);
  blocks = line_blocks (&cursor);
  return innermost (blocks, filter) != NULL;
}

gboolean
byline_rich_text_buffer_get_quote (BylineRichTextBuffer *self)
{
  g_return_val_if_fail (BYLINE_IS_RICH_TEXT_BUFFER (self), FALSE);

  return cursor_line_has (self, is_quote_tag) && !cursor_line_has (self, is_pullquote_tag);
}

gboolean
byline_rich_text_buffer_get_pullquote (BylineRichTextBuffer *self)
{
  g_return_val_if_fail (BYLINE_IS_RICH_TEXT_BUFFER (self), FALSE);

  return cursor_line_has (self, is_pullquote_tag);
}

static void
get_lines_range (BylineRichTextBuffer *self,
                 int                   first,
                 int                   last,
                 GtkTextIter          *start,
                 GtkTextIter          *end)
{
  GtkTextIter last_line;

  get_line (self, start, first);
  get_line (self, &last_line, last);
  line_bounds (&last_line, &last_line, end);
}

/* A quote goes around the blocks wholly inside the lines, inside any that go beyond. */
static int
wrapping_priority (const GtkTextIter *start,
                   const GtkTextIter *end)
{
  GtkTextTagTable *table = gtk_text_buffer_get_tag_table (gtk_text_iter_get_buffer (start));
  int priority = gtk_text_tag_table_get_size (table) - 1;
  GtkTextIter before = *start;
  gboolean has_before = gtk_text_iter_backward_char (&before);

  for (GtkTextIter line = *start; gtk_text_iter_compare (&line, end) < 0;)
    {
      g_autoptr (GPtrArray) blocks = tags_at (&line, is_block_tag);

      for (guint i = 0; i < blocks->len; i++)
        {
          GtkTextTag *tag = blocks->pdata[i];

          if ((has_before && gtk_text_iter_has_tag (&before, tag)) || gtk_text_iter_has_tag (end, tag))
            continue;
          priority = MIN (priority, gtk_text_tag_get_priority (tag));
        }
      if (!gtk_text_iter_forward_line (&line))
        break;
    }
  return priority;
}

static void
remove_line_tags (BylineRichTextBuffer *self,
                  int                   first,
                  int                   last,
                  TagFilter             filter)
{
  for (int line = first; line <= last; line++)
    {
      GtkTextIter iter, line_start, line_end;
      g_autoptr (GPtrArray) blocks = NULL;

      get_line (self, &iter, line);
      blocks = line_blocks (&iter);
      line_bounds (&iter, &line_start, &line_end);
      for (guint i = 0; i < blocks->len; i++)
        if (filter (blocks->pdata[i]))
          gtk_text_buffer_remove_tag (GTK_TEXT_BUFFER (self), blocks->pdata[i], &line_start, &line_end);
    }
}

/* Wraps the lines in @outer and, inside it, @inner if any, around the blocks wholly inside them. */
static void
wrap_lines (BylineRichTextBuffer *self,
            int                   first,
            int                   last,
            GtkTextTag           *outer,
            GtkTextTag           *inner)
{
  GtkTextIter start, end;
  int priority;

  get_lines_range (self, first, last, &start, &end);
  priority = wrapping_priority (&start, &end);
  gtk_text_tag_set_priority (outer, priority);
  if (inner != NULL)
    gtk_text_tag_set_priority (inner, priority + 1);
  get_lines_range (self, first, last, &start, &end);
  gtk_text_buffer_apply_tag (GTK_TEXT_BUFFER (self), outer, &start, &end);
  if (inner != NULL)
    gtk_text_buffer_apply_tag (GTK_TEXT_BUFFER (self), inner, &start, &end);
}

static gboolean
has_selected_text (BylineRichTextBuffer *self,
                   int                  *first,
                   int                  *last)
{
  GtkTextIter start, end;

  get_selected_lines (self, first, last);
  get_lines_range (self, *first, *last, &start, &end);
  return !gtk_text_iter_equal (&start, &end);
}

void
byline_rich_text_buffer_toggle_quote (BylineRichTextBuffer *self)
{
  int first, last;

  g_return_if_fail (BYLINE_IS_RICH_TEXT_BUFFER (self));

  if (!has_selected_text (self, &first, &last))
    return;
  gtk_text_buffer_begin_user_action (GTK_TEXT_BUFFER (self));
  if (byline_rich_text_buffer_get_quote (self))
    remove_line_tags (self, first, last, is_quote_tag);
  else
    {
      remove_line_tags (self, first, last, is_any_quote_tag);
      wrap_lines (self, first, last, new_element (GTK_TEXT_BUFFER (self), "blockquote"), NULL);
    }
  gtk_text_buffer_end_user_action (GTK_TEXT_BUFFER (self));
  finish_format (self);
}

/**
 * byline_rich_text_buffer_toggle_pullquote:
 * @self: a #BylineRichTextBuffer
 *
 * Makes the selected lines a pull quote, as WordPress's block editor writes one:
 * <figure class="wp-block-pullquote"><blockquote>…</blockquote></figure>; or, in
 * one, takes them out of it.
 */
void
byline_rich_text_buffer_toggle_pullquote (BylineRichTextBuffer *self)
{
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (self);
  static const char *const attributes[] = { "class", "wp-block-pullquote", NULL };
  gboolean pullquote;
  int first, last;

  g_return_if_fail (BYLINE_IS_RICH_TEXT_BUFFER (self));

  if (!has_selected_text (self, &first, &last))
    return;
  pullquote = byline_rich_text_buffer_get_pullquote (self);
  gtk_text_buffer_begin_user_action (buffer);
  remove_line_tags (self, first, last, is_any_quote_tag);
  if (!pullquote)
    wrap_lines (self, first, last, byline_html_tag_new_element (buffer, "figure", attributes),
                new_element (buffer, "blockquote"));
  gtk_text_buffer_end_user_action (buffer);
  finish_format (self);
}

static GtkTextTag *
nth_list_part (GPtrArray  *blocks,
               const char *name,
               guint       nth)
{
  guint seen = 0;

  for (guint i = 0; i < blocks->len; i++)
    {
      if (g_strcmp0 (byline_html_tag_get_name (blocks->pdata[i]), name) == 0 && seen++ == nth)
        return blocks->pdata[i];
    }
  return NULL;
}

static guint
count_lists (GPtrArray *blocks)
{
  guint depth = 0;

  for (guint i = 0; i < blocks->len; i++)
    depth += is_list_tag (blocks->pdata[i]);
  return depth;
}

static void
new_item (GtkTextBuffer *buffer,
          GtkTextIter   *start,
          GtkTextIter   *end,
          guint          depth)
{
  GtkTextTag *item = new_element (buffer, "li");

  byline_html_tag_set_list_depth (item, depth);
  gtk_text_buffer_apply_tag (buffer, item, start, end);
}

/* The item becomes the last of a list nested in the item above it. */
static gboolean
indent_item (BylineRichTextBuffer *self,
             const GtkTextIter    *iter,
             GPtrArray            *blocks)
{
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (self);
  g_autoptr (GPtrArray) above = NULL;
  GtkTextIter previous = *iter, start, end;
  GtkTextTag *parent, *nested;

  gtk_text_iter_set_line_offset (&previous, 0);
  if (count_lists (blocks) != 1 || !gtk_text_iter_backward_line (&previous))
    return FALSE;
  above = line_blocks (&previous);
  parent = nth_list_part (above, "li", 0);
  if (parent == NULL || nth_list_part (above, "ul", 0) != nth_list_part (blocks, "ul", 0) ||
      nth_list_part (above, "ol", 0) != nth_list_part (blocks, "ol", 0))
    return FALSE;
  line_bounds (iter, &start, &end);
  gtk_text_buffer_remove_tag (buffer, nth_list_part (blocks, "li", 0), &start, &end);
  gtk_text_buffer_apply_tag (buffer, parent, &start, &end);
  nested = count_lists (above) == 2 ? innermost (above, is_list_tag)
                                    : new_element (buffer, byline_html_tag_get_name (innermost (blocks, is_list_tag)));
  gtk_text_buffer_apply_tag (buffer, nested, &start, &end);
  new_item (buffer, &start, &end, 2);
  return TRUE;
}

static gboolean
outdent_item (BylineRichTextBuffer *self,
              const GtkTextIter    *iter,
              GPtrArray            *blocks)
{
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (self);
  GtkTextIter start, end;

  if (count_lists (blocks) == 1)
    {
      replace_line_block (self, iter, is_text_block_or_list_part, "p");
      return TRUE;
    }
  line_bounds (iter, &start, &end);
  for (guint i = 0; i < blocks->len; i++)
    {
      GtkTextTag *tag = blocks->pdata[i];

      if (g_strcmp0 (byline_html_tag_get_name (tag), "li") == 0 || tag == innermost (blocks, is_list_tag))
        gtk_text_buffer_remove_tag (buffer, tag, &start, &end);
    }
  new_item (buffer, &start, &end, 1);
  return TRUE;
}

/**
 * byline_rich_text_buffer_indent:
 * @self: a #BylineRichTextBuffer
 * @deeper: nest the item one level deeper, or bring it out one level
 *
 * Returns: %FALSE when the cursor is not on a list item that can move that way
 */
gboolean
byline_rich_text_buffer_indent (BylineRichTextBuffer *self,
                                gboolean              deeper)
{
  g_autoptr (GPtrArray) blocks = NULL;
  GtkTextIter cursor;
  gboolean moved;

  g_return_val_if_fail (BYLINE_IS_RICH_TEXT_BUFFER (self), FALSE);

  get_cursor (self, &cursor);
  blocks = line_blocks (&cursor);
  if (count_lists (blocks) == 0)
    return FALSE;
  gtk_text_buffer_begin_user_action (GTK_TEXT_BUFFER (self));
  moved = deeper ? indent_item (self, &cursor, blocks) : outdent_item (self, &cursor, blocks);
  gtk_text_buffer_end_user_action (GTK_TEXT_BUFFER (self));
  if (moved)
    finish_format (self);
  return moved;
}

/* Protected markup on a line of its own, after the line of @iter; @iter ends up after it. */
static void
insert_markup_line (BylineRichTextBuffer *self,
                    GtkTextIter          *iter,
                    const char           *markup,
                    const char           *label)
{
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (self);
  int line_start;

  gtk_text_buffer_begin_user_action (buffer);
  self->raw++;
  if (!line_is_empty (iter) && !gtk_text_iter_forward_line (iter))
    {
      g_autoptr (GPtrArray) blocks = line_blocks (iter);

      line_start = gtk_text_iter_get_offset (iter);
      gtk_text_buffer_insert (buffer, iter, "\n", 1);
      apply_all (buffer, blocks, line_start, line_start + 1);
      iter_at (buffer, iter, line_start + 1);
    }
  gtk_text_buffer_insert_with_tags (buffer, iter, label, -1, byline_html_tag_new_protected (buffer, markup), NULL);
  gtk_text_buffer_insert (buffer, iter, "\n", 1);
  self->raw--;
  gtk_text_buffer_place_cursor (buffer, iter);
  gtk_text_buffer_end_user_action (buffer);
  finish_format (self);
}

/* A rule is protected markup on a line of its own, after the cursor's line. */
void
byline_rich_text_buffer_insert_rule (BylineRichTextBuffer *self)
{
  g_autofree char *label = byline_html_protected_label ("<hr>");
  GtkTextIter iter;

  g_return_if_fail (BYLINE_IS_RICH_TEXT_BUFFER (self));

  get_cursor (self, &iter);
  insert_markup_line (self, &iter, "<hr>", label);
}

static char *
figure_markup (const char *src,
               const char *alt,
               const char *caption,
               const char *credit)
{
  g_autofree char *escaped_src = g_markup_escape_text (src, -1);
  g_autofree char *escaped_alt = g_markup_escape_text (alt != NULL ? alt : "", -1);
  g_autofree char *escaped_caption = g_markup_escape_text (caption != NULL ? caption : "", -1);
  g_autofree char *escaped_credit = g_markup_escape_text (credit != NULL ? credit : "", -1);
  GString *html = g_string_new (NULL);

  g_string_append_printf (html, "<figure><img src=\"%s\" alt=\"%s\">", escaped_src, escaped_alt);
  if (*escaped_caption != '\0' || *escaped_credit != '\0')
    {
      g_string_append_printf (html, "<figcaption>%s", escaped_caption);
      if (*escaped_caption != '\0' && *escaped_credit != '\0')
        g_string_append (html, " — ");
      if (*escaped_credit != '\0')
        g_string_append_printf (html, "<span class=\"byline-credit\">%s</span>", escaped_credit);
      g_string_append (html, "</figcaption>");
    }
  g_string_append (html, "</figure>");
  return g_string_free (html, FALSE);
}

/**
 * byline_rich_text_buffer_insert_figure:
 * @self: a #BylineRichTextBuffer
 * @iter: where the image was dropped; the figure goes on a line of its own after it
 * @src: the image's address
 * @alt: (nullable): its text alternative
 * @caption: (nullable): the caption
 * @credit: (nullable): the credit line
 *
 * Inserts a figure, kept whole as protected markup and shown as a short label.
 */
void
byline_rich_text_buffer_insert_figure (BylineRichTextBuffer *self,
                                       GtkTextIter          *iter,
                                       const char           *src,
                                       const char           *alt,
                                       const char           *caption,
                                       const char           *credit)
{
  g_autofree char *markup = NULL;
  g_autofree char *label = NULL;
  g_autofree char *name = NULL;

  g_return_if_fail (BYLINE_IS_RICH_TEXT_BUFFER (self));
  g_return_if_fail (iter != NULL);
  g_return_if_fail (src != NULL);

  markup = figure_markup (src, alt, caption, credit);
  name = g_path_get_basename (src);
  /* Translators: the label of a figure in the body; %s is its caption or file name */
  label = g_strdup_printf (_("🖼 Figure: %s"), caption != NULL && *caption != '\0' ? caption : name);
  insert_markup_line (self, iter, markup, label);
}

static GtkTextTag *
item_list (GPtrArray  *blocks,
           GtkTextTag *item)
{
  GtkTextTag *list = innermost (blocks, is_list_tag);

  if (list == NULL || item == NULL || gtk_text_tag_get_priority (item) < gtk_text_tag_get_priority (list))
    return NULL;
  return list;
}

static GtkTextTag *
line_item (const GtkTextIter *line)
{
  g_autoptr (GPtrArray) blocks = line_blocks (line);
  guint depth = count_lists (blocks);

  return depth > 0 ? nth_list_part (blocks, "li", depth - 1) : NULL;
}

/* The position of @item among the items of @list, counting back to the list's start; an
 * item whose text goes on after a nested list is met twice. */
static guint
item_position (const GtkTextIter *line,
               GtkTextTag        *list,
               GtkTextTag        *item)
{
  g_autoptr (GHashTable) counted = g_hash_table_new (NULL, NULL);
  GtkTextIter previous = *line;

  g_hash_table_add (counted, item);
  while (gtk_text_iter_backward_line (&previous) && gtk_text_iter_has_tag (&previous, list))
    {
      g_autoptr (GPtrArray) blocks = line_blocks (&previous);
      GtkTextTag *above = line_item (&previous);

      if (item_list (blocks, above) == list)
        g_hash_table_add (counted, above);
    }
  return g_hash_table_size (counted) - 1;
}

static int
list_start (GtkTextTag *list)
{
  const char *start = byline_html_tag_get_attribute (list, "start");
  gint64 value;

  if (start == NULL || !g_ascii_string_to_signed (start, 10, -100000, 100000, &value, NULL))
    return 1;
  return (int) value;
}

static char *
ordered_marker (int    number,
                guint  depth)
{
  if (depth < 2 || number < 1)
    return g_strdup_printf ("%d.", number);
  return g_strdup_printf ("%c.", 'a' + (number - 1) % 26);
}

/**
 * byline_rich_text_buffer_get_list_marker:
 * @self: a #BylineRichTextBuffer
 * @line: an iter on the line
 *
 * What a view draws before the first line of a list item: a bullet, or the item's
 * number in its list; "•" and "1." at the first level, "◦" and "a." nested.
 *
 * Returns: (transfer full) (nullable): the marker, or %NULL for a line that is not the
 *   first line of an item
 */
char *
byline_rich_text_buffer_get_list_marker (BylineRichTextBuffer *self,
                                         const GtkTextIter    *line)
{
  g_autoptr (GPtrArray) blocks = NULL;
  GtkTextIter start, previous;
  GtkTextTag *item, *list;
  guint depth;

  g_return_val_if_fail (BYLINE_IS_RICH_TEXT_BUFFER (self), NULL);
  g_return_val_if_fail (line != NULL, NULL);

  start = *line;
  gtk_text_iter_set_line_offset (&start, 0);
  blocks = line_blocks (&start);
  depth = count_lists (blocks);
  item = depth > 0 ? nth_list_part (blocks, "li", depth - 1) : NULL;
  list = item_list (blocks, item);
  previous = start;
  if (list == NULL || (gtk_text_iter_backward_line (&previous) && line_item (&previous) == item))
    return NULL;
  if (g_str_equal (byline_html_tag_get_name (list), "ul"))
    return g_strdup (depth < 2 ? "•" : "◦");
  return ordered_marker (list_start (list) + (int) item_position (&start, list, item), depth);
}

/**
 * byline_rich_text_buffer_get_embed_provider:
 * @self: a #BylineRichTextBuffer
 * @line: an iter on the line
 *
 * Returns: (nullable): "youtube", "instagram" or "x" when the line is an embed block
 */
const char *
byline_rich_text_buffer_get_embed_provider (BylineRichTextBuffer *self,
                                            const GtkTextIter    *line)
{
  g_autofree char *text = NULL;
  GtkTextIter start, end;

  g_return_val_if_fail (BYLINE_IS_RICH_TEXT_BUFFER (self), NULL);
  g_return_val_if_fail (line != NULL, NULL);

  start = *line;
  gtk_text_iter_set_line_offset (&start, 0);
  if (!gtk_text_iter_has_tag (&start, get_embed_tag (self)))
    return NULL;
  end = start;
  gtk_text_iter_forward_to_line_end (&end);
  text = g_strstrip (gtk_text_iter_get_slice (&start, &end));
  return line_embed_provider (text);
}

static GtkTextTag *
link_at_cursor (BylineRichTextBuffer *self,
                GtkTextIter          *cursor)
{
  g_autoptr (GPtrArray) here = NULL;
  GtkTextIter before;
  GtkTextTag *link;

  get_cursor (self, cursor);
  here = tags_at (cursor, is_inline_tag);
  for (guint i = 0; i < here->len; i++)
    if (tag_is_format (here->pdata[i], "a"))
      return here->pdata[i];
  before = *cursor;
  if (gtk_text_iter_starts_line (&before) || !gtk_text_iter_backward_char (&before))
    return NULL;
  {
    g_autoptr (GPtrArray) previous = tags_at (&before, is_inline_tag);

    link = NULL;
    for (guint i = 0; i < previous->len; i++)
      if (tag_is_format (previous->pdata[i], "a"))
        link = previous->pdata[i];
  }
  return link;
}

/* The address of the link at the cursor, or %NULL. */
const char *
byline_rich_text_buffer_get_link (BylineRichTextBuffer *self)
{
  GtkTextIter cursor;
  GtkTextTag *link;

  g_return_val_if_fail (BYLINE_IS_RICH_TEXT_BUFFER (self), NULL);

  link = link_at_cursor (self, &cursor);
  return link != NULL ? byline_html_tag_get_attribute (link, "href") : NULL;
}

static GtkTextTag *
new_link (GtkTextBuffer *buffer,
          GtkTextTag    *model,
          const char    *href)
{
  const char *const *attributes = model != NULL ? byline_html_tag_get_attributes (model) : NULL;
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
  g_auto (GStrv) copied = NULL;

  g_strv_builder_add_many (builder, "href", href, NULL);
  for (gsize i = 0; attributes != NULL && attributes[i] != NULL && attributes[i + 1] != NULL; i += 2)
    {
      if (g_ascii_strcasecmp (attributes[i], "href") != 0)
        g_strv_builder_add_many (builder, attributes[i], attributes[i + 1], NULL);
    }
  copied = g_strv_builder_end (builder);
  return byline_html_tag_new_element (buffer, "a", (const char *const *) copied);
}

static void
relink_range (GtkTextBuffer     *buffer,
              const GtkTextIter *start,
              const GtkTextIter *end,
              GtkTextTag        *old_link,
              const char        *href)
{
  if (old_link != NULL)
    foreach_text_run (buffer, start, end, remove_format_run, (gpointer) "a");
  if (href != NULL)
    foreach_text_run (buffer, start, end, apply_tag_run, new_link (buffer, old_link, href));
}

/**
 * byline_rich_text_buffer_set_link:
 * @self: a #BylineRichTextBuffer
 * @href: (nullable): the address, or %NULL to remove the link
 *
 * Links the selection, or changes the link at the cursor; with neither, inserts
 * the address as linked text.
 */
void
byline_rich_text_buffer_set_link (BylineRichTextBuffer *self,
                                  const char           *href)
{
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (self);
  GtkTextIter start, end, cursor;
  GtkTextTag *link;

  g_return_if_fail (BYLINE_IS_RICH_TEXT_BUFFER (self));

  link = link_at_cursor (self, &cursor);
  gtk_text_buffer_begin_user_action (buffer);
  if (gtk_text_buffer_get_selection_bounds (buffer, &start, &end))
    relink_range (buffer, &start, &end, link, href);
  else if (link != NULL)
    {
      start = end = cursor;
      if (!gtk_text_iter_starts_tag (&start, link))
        gtk_text_iter_backward_to_tag_toggle (&start, link);
      if (!gtk_text_iter_ends_tag (&end, link))
        gtk_text_iter_forward_to_tag_toggle (&end, link);
      relink_range (buffer, &start, &end, link, href);
    }
  else if (href != NULL && *href != '\0')
    {
      int offset = gtk_text_iter_get_offset (&cursor);

      gtk_text_buffer_insert_interactive (buffer, &cursor, href, -1, TRUE);
      iter_at (buffer, &start, offset);
      relink_range (buffer, &start, &cursor, NULL, href);
    }
  gtk_text_buffer_end_user_action (buffer);
  finish_format (self);
}

static int
compare_priority (gconstpointer a,
                  gconstpointer b)
{
  return gtk_text_tag_get_priority (*(GtkTextTag **) a) - gtk_text_tag_get_priority (*(GtkTextTag **) b);
}

static void
collect_element_tag (GtkTextTag *tag,
                     gpointer    data)
{
  if (byline_html_tag_get_kind (tag) != BYLINE_HTML_KIND_NONE)
    g_ptr_array_add (data, tag);
}

static GtkTextTag *
copy_tag (GtkTextBuffer *buffer,
          GtkTextTag    *tag)
{
  GtkTextTag *copy;
  int margin;

  if (is_protected_tag (tag))
    return byline_html_tag_new_protected (buffer, byline_html_tag_get_markup (tag));
  copy = byline_html_tag_new_element (buffer, byline_html_tag_get_name (tag),
                                      byline_html_tag_get_attributes (tag));
  g_object_get (tag, "left-margin", &margin, NULL);
  g_object_set (copy, "left-margin", margin, NULL);
  return copy;
}

/* Blocks of the pasted lines but the first and last, which join the lines pasted into. */
static void
copy_tag_ranges (GtkTextBuffer *scratch,
                 GtkTextTag    *source,
                 GtkTextBuffer *buffer,
                 GtkTextTag    *target,
                 int            offset,
                 int            block_start,
                 int            block_end)
{
  gboolean block = is_block_tag (source);
  GtkTextIter iter;

  gtk_text_buffer_get_start_iter (scratch, &iter);
  if (!gtk_text_iter_starts_tag (&iter, source) && !gtk_text_iter_forward_to_tag_toggle (&iter, source))
    return;
  while (gtk_text_iter_starts_tag (&iter, source))
    {
      int start = gtk_text_iter_get_offset (&iter);
      int end;

      gtk_text_iter_forward_to_tag_toggle (&iter, source);
      end = gtk_text_iter_get_offset (&iter);
      if (block)
        {
          start = MAX (start, block_start);
          end = MIN (end, block_end);
        }
      if (end > start)
        apply_range (buffer, target, offset + start, offset + end);
      if (!gtk_text_iter_forward_to_tag_toggle (&iter, source))
        break;
    }
}

static void
clear_blocks (GtkTextBuffer *buffer,
              int            start,
              int            end)
{
  GtkTextIter s, e;

  if (end <= start)
    return;
  iter_at (buffer, &s, start);
  iter_at (buffer, &e, end);
  remove_blocks_between (buffer, &s, &e);
}

static void
copy_tags (BylineRichTextBuffer *self,
           GtkTextBuffer        *scratch,
           int                   offset)
{
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (self);
  g_autoptr (GPtrArray) tags = g_ptr_array_new ();
  GtkTextIter second_line, last_line;
  int block_start, block_end;

  gtk_text_tag_table_foreach (gtk_text_buffer_get_tag_table (scratch), collect_element_tag, tags);
  g_ptr_array_sort (tags, compare_priority);
  gtk_text_buffer_get_iter_at_line (scratch, &second_line, 1);
  gtk_text_buffer_get_end_iter (scratch, &last_line);
  gtk_text_iter_set_line_offset (&last_line, 0);
  block_start = gtk_text_iter_get_line (&second_line) == 1 ? gtk_text_iter_get_offset (&second_line) : 0;
  block_end = MAX (block_start, gtk_text_iter_get_offset (&last_line));
  clear_blocks (buffer, offset + block_start, offset + block_end);
  self->raw++;
  for (guint i = 0; i < tags->len; i++)
    copy_tag_ranges (scratch, tags->pdata[i], buffer, copy_tag (buffer, tags->pdata[i]), offset,
                     block_start, block_end);
  self->raw--;
}

/**
 * byline_rich_text_buffer_insert_html:
 * @self: a #BylineRichTextBuffer
 * @iter: where to insert; moved to the end of what was inserted
 * @html: pasted HTML, reduced first to what a story may hold
 * @length: its length in bytes, or -1
 *
 * Inserts a fragment of a web page: its first and last lines join the lines they
 * land in, the lines between keep their own blocks.
 */
void
byline_rich_text_buffer_insert_html (BylineRichTextBuffer *self,
                                     GtkTextIter          *iter,
                                     const char           *html,
                                     gssize                length)
{
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (self);
  g_autoptr (GtkTextBuffer) scratch = gtk_text_buffer_new (NULL);
  g_autofree char *clean = NULL;
  g_autofree char *text = NULL;
  GtkTextIter start, end;
  int offset;

  g_return_if_fail (BYLINE_IS_RICH_TEXT_BUFFER (self));
  g_return_if_fail (iter != NULL);
  g_return_if_fail (html != NULL);

  clean = byline_html_sanitize_paste (html, length);
  byline_html_import (scratch, clean, -1, NULL);
  gtk_text_buffer_get_bounds (scratch, &start, &end);
  text = gtk_text_buffer_get_text (scratch, &start, &end, TRUE);
  if (*text == '\0')
    return;
  offset = gtk_text_iter_get_offset (iter);
  gtk_text_buffer_begin_user_action (buffer);
  if (gtk_text_buffer_insert_interactive (buffer, iter, text, -1, TRUE))
    copy_tags (self, scratch, offset);
  /* Pasted tables and scripts become protected after their text went in. */
  restart_count (self);
  iter_at (buffer, iter, offset + gtk_text_iter_get_offset (&end));
  gtk_text_buffer_end_user_action (buffer);
  finish_format (self);
}

typedef struct
{
  guint    words;
  guint    characters;
  gboolean in_word;
} Counter;

static gboolean
is_word_character (gunichar c)
{
  return g_unichar_isalnum (g_unichar_type (c) == G_UNICODE_NON_SPACING_MARK ? 'a' : c);
}

static void
count_text (Counter    *counter,
            const char *text)
{
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      gboolean ideograph = g_unichar_break_type (c) == G_UNICODE_BREAK_IDEOGRAPHIC;

      if (c != '\n' && c != 0x2028)
        counter->characters++;
      if (ideograph)
        counter->words++;
      if (is_word_character (c) && !ideograph)
        {
          counter->words += !counter->in_word;
          counter->in_word = TRUE;
        }
      else if (!(counter->in_word && (c == '\'' || c == 0x2019 || c == '-')))
        counter->in_word = FALSE;
    }
}

/* Protected markup, such as tables or scripts, is not the writer's text and is left out. */
static void
count_range (const GtkTextIter *start,
             const GtkTextIter *end,
             Counter           *counter)
{
  GtkTextIter run_start, run_end;

  for (run_start = *start; gtk_text_iter_compare (&run_start, end) < 0; run_start = run_end)
    {
      g_autoptr (GPtrArray) protected = tags_at (&run_start, is_protected_tag);
      g_autofree char *text = NULL;

      run_end = run_start;
      gtk_text_iter_forward_to_tag_toggle (&run_end, NULL);
      if (gtk_text_iter_compare (&run_end, end) > 0)
        run_end = *end;
      if (protected->len > 0)
        {
          counter->in_word = FALSE;
          continue;
        }
      text = gtk_text_iter_get_slice (&run_start, &run_end);
      count_text (counter, text);
    }
}

/* No word goes on past a line's end, so a story's count is the sum of its lines'. */
static void
count_lines (const GtkTextIter *first,
             const GtkTextIter *last,
             guint             *words,
             guint             *characters)
{
  Counter counter = { 0, 0, FALSE };
  GtkTextIter start = *first, end = *last;

  gtk_text_iter_set_line_offset (&start, 0);
  if (!gtk_text_iter_ends_line (&end))
    gtk_text_iter_forward_to_line_end (&end);
  count_range (&start, &end, &counter);
  *words = counter.words;
  *characters = counter.characters;
}

/**
 * byline_rich_text_buffer_count_step:
 * @self: a #BylineRichTextBuffer
 * @budget_usec: how long to count for, at most about
 *
 * Counts the lines still to count for a slice of time, so that a long story
 * can be counted on the main loop without holding up typing.
 *
 * Returns: whether the count is complete
 */
gboolean
byline_rich_text_buffer_count_step (BylineRichTextBuffer *self,
                                    gint64                budget_usec)
{
  gint64 deadline = g_get_monotonic_time () + MIN (budget_usec, G_MAXINT64 / 2);
  GtkTextIter line;

  g_return_val_if_fail (BYLINE_IS_RICH_TEXT_BUFFER (self), FALSE);

  if (self->counted)
    return TRUE;
  if (self->count_frontier == NULL)
    restart_count (self);
  gtk_text_buffer_get_iter_at_mark (GTK_TEXT_BUFFER (self), &line, self->count_frontier);
  /* A line at least, however short the budget. */
  while (!gtk_text_iter_is_end (&line))
    {
      guint words, characters;

      count_lines (&line, &line, &words, &characters);
      self->words += words;
      self->characters += characters;
      if (!gtk_text_iter_forward_line (&line))
        gtk_text_buffer_get_end_iter (GTK_TEXT_BUFFER (self), &line);
      if (g_get_monotonic_time () >= deadline)
        break;
    }
  gtk_text_buffer_move_mark (GTK_TEXT_BUFFER (self), self->count_frontier, &line);
  self->counted = gtk_text_iter_is_end (&line);
  return self->counted;
}

void
byline_rich_text_buffer_count (BylineRichTextBuffer *self,
                               guint                *words,
                               guint                *characters)
{
  g_return_if_fail (BYLINE_IS_RICH_TEXT_BUFFER (self));

  byline_rich_text_buffer_count_step (self, G_MAXINT64);
  if (words != NULL)
    *words = self->words;
  if (characters != NULL)
    *characters = self->characters;
}

static void
byline_rich_text_buffer_finalize (GObject *object)
{
  BylineRichTextBuffer *self = BYLINE_RICH_TEXT_BUFFER (object);

  g_clear_pointer (&self->pending, g_hash_table_unref);
  g_clear_pointer (&self->history, byline_rich_text_history_free);
  g_clear_pointer (&self->exporter, byline_html_exporter_free);

  G_OBJECT_CLASS (byline_rich_text_buffer_parent_class)->finalize (object);
}

static void
byline_rich_text_buffer_get_property (GObject    *object,
                                      guint       prop_id,
                                      GValue     *value,
                                      GParamSpec *pspec)
{
  BylineRichTextBuffer *self = BYLINE_RICH_TEXT_BUFFER (object);

  switch (prop_id)
    {
    case PROP_CAN_UNDO:
      g_value_set_boolean (value, byline_rich_text_buffer_get_can_undo (self));
      break;
    case PROP_CAN_REDO:
      g_value_set_boolean (value, byline_rich_text_buffer_get_can_redo (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
byline_rich_text_buffer_class_init (BylineRichTextBufferClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkTextBufferClass *buffer_class = GTK_TEXT_BUFFER_CLASS (klass);

  object_class->finalize = byline_rich_text_buffer_finalize;
  object_class->get_property = byline_rich_text_buffer_get_property;
  buffer_class->insert_text = byline_rich_text_buffer_insert_text;
  buffer_class->delete_range = byline_rich_text_buffer_delete_range;
  buffer_class->mark_set = byline_rich_text_buffer_mark_set;
  buffer_class->apply_tag = byline_rich_text_buffer_apply_tag;
  buffer_class->remove_tag = byline_rich_text_buffer_remove_tag;
  buffer_class->changed = byline_rich_text_buffer_changed;
  buffer_class->begin_user_action = byline_rich_text_buffer_begin_user_action;
  buffer_class->end_user_action = byline_rich_text_buffer_end_user_action;

  g_object_class_override_property (object_class, PROP_CAN_UNDO, "can-undo");
  g_object_class_override_property (object_class, PROP_CAN_REDO, "can-redo");
  properties[PROP_CAN_UNDO] = g_object_class_find_property (object_class, "can-undo");
  properties[PROP_CAN_REDO] = g_object_class_find_property (object_class, "can-redo");

  /**
   * BylineRichTextBuffer::format-changed:
   *
   * Emitted when the format at the cursor may have changed without the text
   * or the cursor moving, so that a toolbar can follow.
   */
  signals[FORMAT_CHANGED] = g_signal_new ("format-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                          NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
byline_rich_text_buffer_init (BylineRichTextBuffer *self)
{
  self->pending = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->history = byline_rich_text_history_new (GTK_TEXT_BUFFER (self), records_tag);
  gtk_text_buffer_set_enable_undo (GTK_TEXT_BUFFER (self), FALSE);
}

/**
 * byline_rich_text_buffer_undo:
 * @self: a #BylineRichTextBuffer
 *
 * Takes back the last step, text and formatting alike. GtkTextBuffer's own
 * undo is off: gtk_text_buffer_undo() does nothing here.
 *
 * Returns: whether there was a step to take back
 */
/* Replays a step of the history as it was, without the editing rules. */
static gboolean
replay_history (BylineRichTextBuffer *self,
                gboolean            (*replay) (BylineRichTextHistory *history))
{
  gboolean replayed;

  self->raw++;
  replayed = replay (self->history);
  self->raw--;
  update_history_state (self);
  if (replayed)
    finish_format (self);
  return replayed;
}

gboolean
byline_rich_text_buffer_undo (BylineRichTextBuffer *self)
{
  g_return_val_if_fail (BYLINE_IS_RICH_TEXT_BUFFER (self), FALSE);

  return replay_history (self, byline_rich_text_history_undo);
}

gboolean
byline_rich_text_buffer_redo (BylineRichTextBuffer *self)
{
  g_return_val_if_fail (BYLINE_IS_RICH_TEXT_BUFFER (self), FALSE);

  return replay_history (self, byline_rich_text_history_redo);
}

gboolean
byline_rich_text_buffer_get_can_undo (BylineRichTextBuffer *self)
{
  g_return_val_if_fail (BYLINE_IS_RICH_TEXT_BUFFER (self), FALSE);

  return byline_rich_text_history_can_undo (self->history);
}

gboolean
byline_rich_text_buffer_get_can_redo (BylineRichTextBuffer *self)
{
  g_return_val_if_fail (BYLINE_IS_RICH_TEXT_BUFFER (self), FALSE);

  return byline_rich_text_history_can_redo (self->history);
}

BylineRichTextBuffer *
byline_rich_text_buffer_new (void)
{
  return g_object_new (BYLINE_TYPE_RICH_TEXT_BUFFER, NULL);
}
