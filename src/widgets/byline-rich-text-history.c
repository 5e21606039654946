/* byline-rich-text-history.c
 *
 * GtkTextBuffer's own undo (GTK 4.8) records inserted and deleted text only: a
 * change of tags is not in it, and text it puts back comes without its tags. In
 * a story body the tags are the formatting, so this history records all three
 * — text inserted, text deleted with the formatting it had, and the ranges
 * where a formatting tag really changed — in steps, one per user action, and
 * plays them back exactly. Typing one character after another extends a step
 * until a new word starts, as GTK's own history does.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "byline-rich-text-history.h"

/* Steps kept; the oldest go first. */
#define MAX_STEPS 1000

typedef enum
{
  EDIT_INSERT,
  EDIT_DELETE,
  EDIT_TAG,
} EditKind;

typedef struct
{
  GtkTextTag *tag;
  int         start;
  int         end;
} TagRange;

typedef struct
{
  EditKind    kind;
  /* Text inserted or deleted, from this offset, this many characters long. */
  int         offset;
  int         length;
  char       *text;
  /* A change of a tag: whether it was applied or removed, and where that
   * changed anything (absolute offsets). For a deletion, the recorded tags
   * of the deleted text, from its start. */
  GtkTextTag *tag;
  gboolean    applied;
  GArray     *ranges;
} Edit;

typedef struct
{
  GPtrArray *edits;
  /* The cursor and the other end of the selection, before and after. */
  int        before[2];
  int        after[2];
} Step;

struct _BylineRichTextHistory
{
  GtkTextBuffer    *buffer;
  BylineRecordsTag  records_tag;
  GPtrArray        *undo_steps;
  GPtrArray        *redo_steps;
  Step             *open;
  guint             depth;
  guint             irreversible;
  gboolean          replaying;
  /* After an undo or a redo, what is typed next is a step of its own. */
  gboolean          sealed;
};

static void
clear_tag_range (gpointer data)
{
  TagRange *range = data;

  g_clear_object (&range->tag);
}

static GArray *
tag_ranges_new (void)
{
  GArray *ranges = g_array_new (FALSE, FALSE, sizeof (TagRange));

  g_array_set_clear_func (ranges, clear_tag_range);
  return ranges;
}

static void
add_tag_range (GArray     *ranges,
               GtkTextTag *tag,
               int         start,
               int         end)
{
  TagRange range = { g_object_ref (tag), start, end };

  g_array_append_val (ranges, range);
}

static void
edit_free (gpointer data)
{
  Edit *edit = data;

  g_free (edit->text);
  g_clear_object (&edit->tag);
  g_clear_pointer (&edit->ranges, g_array_unref);
  g_free (edit);
}

static void
step_free (gpointer data)
{
  Step *step = data;

  g_ptr_array_unref (step->edits);
  g_free (step);
}

static void
get_selection (GtkTextBuffer *buffer,
               int            offsets[2])
{
  GtkTextIter iter;

  gtk_text_buffer_get_iter_at_mark (buffer, &iter, gtk_text_buffer_get_insert (buffer));
  offsets[0] = gtk_text_iter_get_offset (&iter);
  gtk_text_buffer_get_iter_at_mark (buffer, &iter, gtk_text_buffer_get_selection_bound (buffer));
  offsets[1] = gtk_text_iter_get_offset (&iter);
}

static void
set_selection (GtkTextBuffer *buffer,
               const int      offsets[2])
{
  GtkTextIter insert, bound;

  gtk_text_buffer_get_iter_at_offset (buffer, &insert, offsets[0]);
  gtk_text_buffer_get_iter_at_offset (buffer, &bound, offsets[1]);
  gtk_text_buffer_select_range (buffer, &insert, &bound);
}

BylineRichTextHistory *
byline_rich_text_history_new (GtkTextBuffer    *buffer,
                              BylineRecordsTag  records_tag)
{
  BylineRichTextHistory *self = g_new0 (BylineRichTextHistory, 1);

  self->buffer = buffer;
  self->records_tag = records_tag;
  self->undo_steps = g_ptr_array_new_with_free_func (step_free);
  self->redo_steps = g_ptr_array_new_with_free_func (step_free);
  return self;
}

void
byline_rich_text_history_free (BylineRichTextHistory *self)
{
  if (self == NULL)
    return;

  g_clear_pointer (&self->open, step_free);
  g_ptr_array_unref (self->undo_steps);
  g_ptr_array_unref (self->redo_steps);
  g_free (self);
}

static gboolean
is_recording (BylineRichTextHistory *self)
{
  return !self->replaying && self->irreversible == 0 && self->depth > 0;
}

/* Opens a step, or nests in the open one: the step closes with the outermost end.
 * Most steps record nothing (a spelling mark, a load), so the step is only made
 * with its first edit. */
void
byline_rich_text_history_begin (BylineRichTextHistory *self)
{
  if (!self->replaying)
    self->depth++;
}

/* A character typed or erased alone: a step that may extend the one before. */
static Edit *
single_character (Step *step)
{
  Edit *text_edit = NULL;

  for (guint i = 0; i < step->edits->len; i++)
    {
      Edit *edit = g_ptr_array_index (step->edits, i);

      if (edit->kind == EDIT_TAG)
        continue;
      if (text_edit != NULL || edit->length != 1 || edit->text[0] == '\n')
        return NULL;
      text_edit = edit;
    }
  return text_edit;
}

static gboolean
is_space (const Edit *edit)
{
  return g_unichar_isspace (g_utf8_get_char (edit->text));
}

static gboolean
continues (const Edit *previous,
           const Edit *next)
{
  if (previous->kind != next->kind)
    return FALSE;
  if (next->kind == EDIT_INSERT)
    return next->offset == previous->offset + 1 && !(is_space (previous) && !is_space (next));
  /* Backspace, or Delete */
  return next->offset + 1 == previous->offset || next->offset == previous->offset;
}

static gboolean
merge_typing (BylineRichTextHistory *self,
              Step                  *step)
{
  Step *previous;
  Edit *previous_edit, *edit;

  if (self->sealed || self->undo_steps->len == 0 || (edit = single_character (step)) == NULL)
    return FALSE;
  previous = g_ptr_array_index (self->undo_steps, self->undo_steps->len - 1);
  previous_edit = single_character (previous);
  if (previous_edit == NULL)
    {
      /* A step already extended holds several characters: compare with its last. */
      for (guint i = previous->edits->len; i > 0 && previous_edit == NULL; i--)
        {
          Edit *candidate = g_ptr_array_index (previous->edits, i - 1);

          if (candidate->kind != EDIT_TAG && candidate->length == 1 && candidate->text[0] != '\n')
            previous_edit = candidate;
          else if (candidate->kind != EDIT_TAG)
            return FALSE;
        }
    }
  if (previous_edit == NULL || !continues (previous_edit, edit))
    return FALSE;

  g_ptr_array_extend_and_steal (previous->edits, g_steal_pointer (&step->edits));
  memcpy (previous->after, step->after, sizeof step->after);
  g_free (step);
  return TRUE;
}

static void
push_step (BylineRichTextHistory *self,
           Step                  *step)
{
  get_selection (self->buffer, step->after);
  g_ptr_array_set_size (self->redo_steps, 0);
  if (merge_typing (self, step))
    return;
  g_ptr_array_add (self->undo_steps, step);
  if (self->undo_steps->len > MAX_STEPS)
    g_ptr_array_remove_index (self->undo_steps, 0);
  self->sealed = FALSE;
}

void
byline_rich_text_history_end (BylineRichTextHistory *self)
{
  Step *step;

  if (self->replaying)
    return;
  g_return_if_fail (self->depth > 0);
  if (--self->depth > 0)
    return;

  step = g_steal_pointer (&self->open);
  if (step != NULL)
    push_step (self, step);
}

/* Loading a body: nothing before it can be undone. */
void
byline_rich_text_history_begin_irreversible (BylineRichTextHistory *self)
{
  self->irreversible++;
}

void
byline_rich_text_history_end_irreversible (BylineRichTextHistory *self)
{
  g_return_if_fail (self->irreversible > 0);

  if (--self->irreversible > 0)
    return;
  g_ptr_array_set_size (self->undo_steps, 0);
  g_ptr_array_set_size (self->redo_steps, 0);
  g_clear_pointer (&self->open, step_free);
}

gboolean
byline_rich_text_history_is_replaying (BylineRichTextHistory *self)
{
  return self->replaying;
}

static Edit *
add_edit (BylineRichTextHistory *self,
          EditKind               kind)
{
  Edit *edit = g_new0 (Edit, 1);

  /* Edits are recorded before they are made: the selection is still as it was. */
  if (self->open == NULL)
    {
      self->open = g_new0 (Step, 1);
      self->open->edits = g_ptr_array_new_with_free_func (edit_free);
      get_selection (self->buffer, self->open->before);
    }
  edit->kind = kind;
  g_ptr_array_add (self->open->edits, edit);
  return edit;
}

/* Call before the text goes in. */
void
byline_rich_text_history_insert (BylineRichTextHistory *self,
                                 const GtkTextIter     *where,
                                 const char            *text,
                                 int                    length)
{
  Edit *edit;

  if (!is_recording (self))
    return;

  edit = add_edit (self, EDIT_INSERT);
  edit->offset = gtk_text_iter_get_offset (where);
  edit->text = length < 0 ? g_strdup (text) : g_strndup (text, length);
  edit->length = (int) g_utf8_strlen (edit->text, -1);
}

static void
open_run (GHashTable *open_runs,
          GtkTextTag *tag,
          int         start)
{
  if (!g_hash_table_contains (open_runs, tag))
    g_hash_table_insert (open_runs, tag, GINT_TO_POINTER (start));
}

static void
close_run (GHashTable *open_runs,
           GArray     *runs,
           GtkTextTag *tag,
           int         end)
{
  gpointer start;

  if (!g_hash_table_lookup_extended (open_runs, tag, NULL, &start))
    return;
  if (GPOINTER_TO_INT (start) < end)
    add_tag_range (runs, tag, GPOINTER_TO_INT (start), end);
  g_hash_table_remove (open_runs, tag);
}

static void
toggle_runs (BylineRichTextHistory *self,
             GSList                *tags,
             GHashTable            *open_runs,
             GArray                *runs,
             gboolean               on,
             int                    at)
{
  for (GSList *l = tags; l != NULL; l = l->next)
    {
      if (!self->records_tag (self->buffer, l->data))
        continue;
      if (on)
        open_run (open_runs, l->data, at);
      else
        close_run (open_runs, runs, l->data, at);
    }
}

/* The recorded tags of the text between @start and @end, from @start, visiting
 * tag toggles only. */
static GArray *
collect_runs (BylineRichTextHistory *self,
              const GtkTextIter     *start,
              const GtkTextIter     *end)
{
  g_autoptr (GHashTable) open_runs = g_hash_table_new (NULL, NULL);
  g_autoptr (GSList) initial = gtk_text_iter_get_tags (start);
  GArray *runs = tag_ranges_new ();
  int origin = gtk_text_iter_get_offset (start);
  int length = gtk_text_iter_get_offset (end) - origin;
  GtkTextIter probe = *start;
  GHashTableIter iter;
  gpointer tag;

  toggle_runs (self, initial, open_runs, runs, TRUE, 0);
  while (gtk_text_iter_forward_to_tag_toggle (&probe, NULL) && gtk_text_iter_compare (&probe, end) < 0)
    {
      g_autoptr (GSList) off = gtk_text_iter_get_toggled_tags (&probe, FALSE);
      g_autoptr (GSList) on = gtk_text_iter_get_toggled_tags (&probe, TRUE);
      int at = gtk_text_iter_get_offset (&probe) - origin;

      toggle_runs (self, off, open_runs, runs, FALSE, at);
      toggle_runs (self, on, open_runs, runs, TRUE, at);
    }
  g_hash_table_iter_init (&iter, open_runs);
  while (g_hash_table_iter_next (&iter, &tag, NULL))
    add_tag_range (runs, tag, GPOINTER_TO_INT (g_hash_table_lookup (open_runs, tag)), length);
  return runs;
}

/* Call before the text goes. */
void
byline_rich_text_history_delete (BylineRichTextHistory *self,
                                 const GtkTextIter     *start,
                                 const GtkTextIter     *end)
{
  Edit *edit;

  if (!is_recording (self) || gtk_text_iter_equal (start, end))
    return;

  edit = add_edit (self, EDIT_DELETE);
  edit->offset = gtk_text_iter_get_offset (start);
  edit->length = gtk_text_iter_get_offset (end) - edit->offset;
  edit->text = gtk_text_iter_get_slice (start, end);
  edit->ranges = collect_runs (self, start, end);
}

/* Where between @start and @end applying @tag would add it, or removing it take it away. */
static GArray *
changed_ranges (GtkTextTag        *tag,
                const GtkTextIter *start,
                const GtkTextIter *end,
                gboolean           applied)
{
  GArray *ranges = tag_ranges_new ();
  GtkTextIter from = *start;
  gboolean has_tag = gtk_text_iter_has_tag (&from, tag);

  while (gtk_text_iter_compare (&from, end) < 0)
    {
      GtkTextIter to = from;

      if (!gtk_text_iter_forward_to_tag_toggle (&to, tag) || gtk_text_iter_compare (&to, end) > 0)
        to = *end;
      if (has_tag != applied)
        add_tag_range (ranges, tag, gtk_text_iter_get_offset (&from), gtk_text_iter_get_offset (&to));
      has_tag = !has_tag;
      from = to;
    }
  return ranges;
}

/* Call before the tag is applied or removed. */
void
byline_rich_text_history_tag (BylineRichTextHistory *self,
                              GtkTextTag            *tag,
                              const GtkTextIter     *start,
                              const GtkTextIter     *end,
                              gboolean               applied)
{
  g_autoptr (GArray) ranges = NULL;
  Edit *edit;

  if (!is_recording (self) || !self->records_tag (self->buffer, tag))
    return;
  ranges = changed_ranges (tag, start, end, applied);
  if (ranges->len == 0)
    return;

  edit = add_edit (self, EDIT_TAG);
  edit->tag = g_object_ref (tag);
  edit->applied = applied;
  edit->ranges = g_steal_pointer (&ranges);
}

gboolean
byline_rich_text_history_can_undo (BylineRichTextHistory *self)
{
  return self->undo_steps->len > 0;
}

gboolean
byline_rich_text_history_can_redo (BylineRichTextHistory *self)
{
  return self->redo_steps->len > 0;
}

static void
set_tag (GtkTextBuffer  *buffer,
         const TagRange *range,
         int             origin,
         gboolean        on)
{
  GtkTextIter start, end;

  gtk_text_buffer_get_iter_at_offset (buffer, &start, origin + range->start);
  gtk_text_buffer_get_iter_at_offset (buffer, &end, origin + range->end);
  if (on)
    gtk_text_buffer_apply_tag (buffer, range->tag, &start, &end);
  else
    gtk_text_buffer_remove_tag (buffer, range->tag, &start, &end);
}

static void
set_tags (GtkTextBuffer *buffer,
          GArray        *ranges,
          int            origin,
          gboolean       on)
{
  for (guint i = 0; i < ranges->len; i++)
    set_tag (buffer, &g_array_index (ranges, TagRange, i), origin, on);
}

static void
insert_text (GtkTextBuffer *buffer,
             const Edit    *edit)
{
  GtkTextIter iter;

  gtk_text_buffer_get_iter_at_offset (buffer, &iter, edit->offset);
  gtk_text_buffer_insert (buffer, &iter, edit->text, -1);
}

/* Deleted text comes back with the tags it had, and only those: text inserted
 * takes on the tags around it. */
static void
restore_text (GtkTextBuffer *buffer,
              const Edit    *edit)
{
  GtkTextIter start, end;

  insert_text (buffer, edit);
  gtk_text_buffer_get_iter_at_offset (buffer, &start, edit->offset);
  gtk_text_buffer_get_iter_at_offset (buffer, &end, edit->offset + edit->length);
  gtk_text_buffer_remove_all_tags (buffer, &start, &end);
  set_tags (buffer, edit->ranges, edit->offset, TRUE);
}

static void
delete_text (GtkTextBuffer *buffer,
             const Edit    *edit)
{
  GtkTextIter start, end;

  gtk_text_buffer_get_iter_at_offset (buffer, &start, edit->offset);
  gtk_text_buffer_get_iter_at_offset (buffer, &end, edit->offset + edit->length);
  gtk_text_buffer_delete (buffer, &start, &end);
}

static void
replay_edit (GtkTextBuffer *buffer,
             const Edit    *edit,
             gboolean       forward)
{
  switch (edit->kind)
    {
    case EDIT_INSERT:
      if (forward)
        insert_text (buffer, edit);
      else
        delete_text (buffer, edit);
      break;
    case EDIT_DELETE:
      if (forward)
        delete_text (buffer, edit);
      else
        restore_text (buffer, edit);
      break;
    case EDIT_TAG:
    default:
      set_tags (buffer, edit->ranges, 0, edit->applied == forward);
      break;
    }
}

static gboolean
replay (BylineRichTextHistory *self,
        GPtrArray             *from,
        GPtrArray             *to,
        gboolean               forward)
{
  Step *step;

  if (from->len == 0 || self->depth > 0)
    return FALSE;

  step = g_ptr_array_steal_index (from, from->len - 1);
  self->replaying = TRUE;
  gtk_text_buffer_begin_user_action (self->buffer);
  for (guint i = 0; i < step->edits->len; i++)
    replay_edit (self->buffer, g_ptr_array_index (step->edits, forward ? i : step->edits->len - 1 - i), forward);
  set_selection (self->buffer, forward ? step->after : step->before);
  gtk_text_buffer_end_user_action (self->buffer);
  self->replaying = FALSE;
  g_ptr_array_add (to, step);
  self->sealed = TRUE;
  return TRUE;
}

gboolean
byline_rich_text_history_undo (BylineRichTextHistory *self)
{
  return replay (self, self->undo_steps, self->redo_steps, FALSE);
}

gboolean
byline_rich_text_history_redo (BylineRichTextHistory *self)
{
  return replay (self, self->redo_steps, self->undo_steps, TRUE);
}
