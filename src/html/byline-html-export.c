/* byline-html-export.c: the element tags of a buffer, written back as HTML
 *
 * At each run of text the tags in force, sorted blocks first and then by priority,
 * are the path of elements from the outermost in; the exporter keeps a stack of open
 * elements and closes and opens what differs. Newlines carry no markup: where the
 * blocks on either side are the same, the line was split in the editor, and the
 * innermost paragraph is closed and opened again.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "byline-html.h"
#include "byline-html-parse-private.h"

typedef struct
{
  GString   *html;
  GPtrArray *stack;
  GPtrArray *newline_path;
  guint      pending_newlines;
} Exporter;

static gboolean
is_block (GtkTextTag *tag)
{
  BylineHtmlKind kind = byline_html_tag_get_kind (tag);

  return kind == BYLINE_HTML_KIND_TEXT_BLOCK || kind == BYLINE_HTML_KIND_CONTAINER;
}

static int
nesting_class (GtkTextTag *tag)
{
  switch (byline_html_tag_get_kind (tag))
    {
    case BYLINE_HTML_KIND_INLINE:
      return 1;
    case BYLINE_HTML_KIND_PROTECTED:
      return 2;
    default:
      return 0;
    }
}

static int
compare_nesting (gconstpointer a,
                 gconstpointer b)
{
  GtkTextTag *tag_a = *(GtkTextTag **) a;
  GtkTextTag *tag_b = *(GtkTextTag **) b;
  int by_class = nesting_class (tag_a) - nesting_class (tag_b);

  if (by_class != 0)
    return by_class;
  return gtk_text_tag_get_priority (tag_a) - gtk_text_tag_get_priority (tag_b);
}

static GPtrArray *
get_path (const GtkTextIter *iter)
{
  g_autoptr (GSList) tags = gtk_text_iter_get_tags (iter);
  GPtrArray *path = g_ptr_array_new ();

  for (GSList *l = tags; l != NULL; l = l->next)
    {
      if (byline_html_tag_get_kind (l->data) != BYLINE_HTML_KIND_NONE)
        g_ptr_array_add (path, l->data);
    }
  g_ptr_array_sort (path, compare_nesting);
  return path;
}

static void
open_element (Exporter   *self,
              GtkTextTag *tag)
{
  const char * const *attributes = byline_html_tag_get_attributes (tag);

  if (byline_html_tag_get_kind (tag) == BYLINE_HTML_KIND_PROTECTED)
    {
      g_string_append (self->html, byline_html_tag_get_markup (tag));
      return;
    }
  byline_html_append_start_tag (self->html, byline_html_tag_get_name (tag));
  for (gsize i = 0; attributes != NULL && attributes[i] != NULL && attributes[i + 1] != NULL; i += 2)
    {
      g_string_append_printf (self->html, " %s=\"", attributes[i]);
      byline_html_append_escaped (self->html, attributes[i + 1], -1, TRUE);
      g_string_append_c (self->html, '"');
    }
  g_string_append_c (self->html, '>');
}

static void
close_elements_to (Exporter *self,
                   guint     depth)
{
  while (self->stack->len > depth)
    {
      GtkTextTag *tag = g_ptr_array_steal_index (self->stack, self->stack->len - 1);

      if (byline_html_tag_get_kind (tag) != BYLINE_HTML_KIND_PROTECTED)
        byline_html_append_end_tag (self->html, byline_html_tag_get_name (tag));
    }
}

static void
sync_stack (Exporter  *self,
            GPtrArray *path)
{
  guint common = 0;

  while (common < self->stack->len && common < path->len &&
         self->stack->pdata[common] == path->pdata[common])
    common++;
  close_elements_to (self, common);
  for (; self->pending_newlines > 0; self->pending_newlines--)
    g_string_append_c (self->html, '\n');
  for (guint i = common; i < path->len; i++)
    {
      open_element (self, path->pdata[i]);
      g_ptr_array_add (self->stack, path->pdata[i]);
    }
}

static int
innermost_block (GPtrArray *path)
{
  for (int i = (int) path->len - 1; i >= 0; i--)
    {
      if (is_block (path->pdata[i]))
        return i;
    }
  return -1;
}

static gboolean
same_blocks (GPtrArray *before,
             GPtrArray *after)
{
  int last = innermost_block (before);

  if (last != innermost_block (after))
    return FALSE;
  for (int i = 0; i <= last; i++)
    {
      if (before->pdata[i] != after->pdata[i])
        return FALSE;
    }
  return TRUE;
}

/* Between lines of different blocks a newline only keeps the source readable. Within
 * one paragraph it splits the paragraph; within a quote or list it becomes a blank line,
 * which is how loose text separates paragraphs. The stack equals @before here. */
static void
break_line (Exporter  *self,
            GPtrArray *before,
            GPtrArray *after)
{
  int block = innermost_block (before);

  if (!same_blocks (before, after))
    {
      self->pending_newlines = 1;
      return;
    }
  if (block >= 0 && byline_html_tag_get_kind (before->pdata[block]) == BYLINE_HTML_KIND_TEXT_BLOCK)
    {
      close_elements_to (self, (guint) block);
      self->pending_newlines = 1;
      return;
    }
  close_elements_to (self, (guint) (block + 1));
  self->pending_newlines = 2;
}

static void
write_text (Exporter   *self,
            const char *text,
            gsize       length)
{
  const char *end = text + length;
  const char *line_separator;

  while ((line_separator = g_strstr_len (text, end - text, "\u2028")) != NULL)
    {
      byline_html_append_escaped (self->html, text, line_separator - text, FALSE);
      g_string_append (self->html, "<br>");
      text = line_separator + strlen ("\u2028");
    }
  byline_html_append_escaped (self->html, text, end - text, FALSE);
}

static gboolean
is_protected (GPtrArray *path)
{
  return path->len > 0 &&
         byline_html_tag_get_kind (path->pdata[path->len - 1]) == BYLINE_HTML_KIND_PROTECTED;
}

/* A newline ending the run is decided with the next run, whose tags may differ. */
static void
export_run (Exporter   *self,
            GPtrArray  *path,
            const char *text)
{
  const char *line = text;
  const char *newline;

  if (self->newline_path != NULL)
    break_line (self, self->newline_path, path);
  g_clear_pointer (&self->newline_path, g_ptr_array_unref);
  sync_stack (self, path);
  if (is_protected (path))
    return;
  while ((newline = strchr (line, '\n')) != NULL)
    {
      write_text (self, line, newline - line);
      line = newline + 1;
      if (*line == '\0')
        {
          self->newline_path = g_ptr_array_ref (path);
          return;
        }
      break_line (self, path, path);
      sync_stack (self, path);
    }
  write_text (self, line, strlen (line));
}

/* Exports the runs from @run_start, which it moves on, to @end, or until
 * @deadline passes. */
static void
export_runs (Exporter          *self,
             GtkTextIter       *run_start,
             const GtkTextIter *end,
             gint64             deadline)
{
  while (gtk_text_iter_compare (run_start, end) < 0)
    {
      g_autoptr (GPtrArray) path = get_path (run_start);
      g_autofree char *text = NULL;
      GtkTextIter run_end = *run_start;

      gtk_text_iter_forward_to_tag_toggle (&run_end, NULL);
      if (gtk_text_iter_compare (&run_end, end) > 0)
        run_end = *end;
      text = gtk_text_iter_get_text (run_start, &run_end);
      export_run (self, path, text);
      *run_start = run_end;
      if (deadline != G_MAXINT64 && g_get_monotonic_time () >= deadline)
        return;
    }
}

static void
finish_export (Exporter *self)
{
  close_elements_to (self, 0);
  g_clear_pointer (&self->newline_path, g_ptr_array_unref);
}

char *
byline_html_export_range (const GtkTextIter *start,
                          const GtkTextIter *end)
{
  Exporter self = { .html = g_string_new (NULL), .stack = g_ptr_array_new () };
  GtkTextIter run_start;

  g_return_val_if_fail (start != NULL, NULL);
  g_return_val_if_fail (end != NULL, NULL);

  run_start = *start;
  export_runs (&self, &run_start, end, G_MAXINT64);
  finish_export (&self);
  g_ptr_array_unref (self.stack);
  return g_string_free (self.html, FALSE);
}

/* An export of a whole buffer done a slice at a time, between which the
 * buffer must not change. */
struct _BylineHtmlExporter
{
  Exporter exporter;
  /* Where the next run starts. */
  int      offset;
  gboolean done;
};

BylineHtmlExporter *
byline_html_exporter_new (void)
{
  BylineHtmlExporter *self = g_new0 (BylineHtmlExporter, 1);

  self->exporter.html = g_string_new (NULL);
  self->exporter.stack = g_ptr_array_new ();
  return self;
}

void
byline_html_exporter_free (BylineHtmlExporter *self)
{
  if (self == NULL)
    return;
  if (self->exporter.html != NULL)
    g_string_free (self->exporter.html, TRUE);
  g_ptr_array_unref (self->exporter.stack);
  g_clear_pointer (&self->exporter.newline_path, g_ptr_array_unref);
  g_free (self);
}

/**
 * byline_html_exporter_step:
 * @buffer: the buffer being exported, unchanged since the export started
 * @deadline: the monotonic time to stop at, after the run at hand
 *
 * Returns: whether the whole buffer is exported
 */
gboolean
byline_html_exporter_step (BylineHtmlExporter *self,
                           GtkTextBuffer      *buffer,
                           gint64              deadline)
{
  GtkTextIter run_start, end;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (GTK_IS_TEXT_BUFFER (buffer), FALSE);

  if (self->done)
    return TRUE;
  gtk_text_buffer_get_iter_at_offset (buffer, &run_start, self->offset);
  gtk_text_buffer_get_end_iter (buffer, &end);
  export_runs (&self->exporter, &run_start, &end, deadline);
  self->offset = gtk_text_iter_get_offset (&run_start);
  if (gtk_text_iter_equal (&run_start, &end))
    {
      finish_export (&self->exporter);
      self->done = TRUE;
    }
  return self->done;
}

gboolean
byline_html_exporter_is_done (BylineHtmlExporter *self)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return self->done;
}

/**
 * byline_html_exporter_take_html:
 *
 * Returns: (transfer full): the HTML of a finished export
 */
char *
byline_html_exporter_take_html (BylineHtmlExporter *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (self->done, NULL);
  g_return_val_if_fail (self->exporter.html != NULL, NULL);

  return g_string_free (g_steal_pointer (&self->exporter.html), FALSE);
}

/* Well-formed HTML for the whole buffer: elements from their tags, protected markup
 * verbatim, other tags (spelling, search) left out. */
char *
byline_html_export (GtkTextBuffer *buffer)
{
  GtkTextIter start, end;

  g_return_val_if_fail (GTK_IS_TEXT_BUFFER (buffer), NULL);

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return byline_html_export_range (&start, &end);
}
