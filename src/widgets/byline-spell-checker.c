/* byline-spell-checker.c
 *
 * Edited lines are marked pending and checked on the main loop in slices of a few
 * milliseconds, so a long story never stalls typing; while the writer types, even
 * those slices wait for a pause, so that a story just opened, whose every line is
 * pending, does not slow its first keystrokes. The underline is a tag that is
 * not an HTML element: the exporter leaves it out. Without a dictionary for the
 * language, checking is off and nothing is said.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <enchant.h>
#include <glib/gi18n.h>
#include <string.h>

#include "byline-spell-checker.h"
#include "html/byline-html.h"

#define SLICE_USEC 3000
#define QUIET_USEC (300 * G_TIME_SPAN_MILLISECOND)
#define MAX_SUGGESTIONS 6
/* Words whose spelling is known; enough for a long story's vocabulary. */
#define MAX_KNOWN_WORDS 50000
#define FALLBACK_LANGUAGE "en_US"

struct _BylineSpellChecker
{
  GObject        parent_instance;

  GtkTextView   *view;
  GtkTextBuffer *buffer;
  /* Enchant and its dictionaries (some 3.5 MB) are loaded when there is
   * first text to check, not with the editor. */
  EnchantBroker *broker;
  EnchantDict   *dict;
  char          *wanted_language;
  gboolean       dict_chosen;
  char          *language;
  /* Enchant looks at the personal word list's file on every word it checks
   * (a third of the time checking a long story took): each word is asked
   * once. Word → whether it is misspelled. */
  GHashTable    *known_words;
  GtkTextTag    *tag;
  /* The lines still to check lie between these marks. */
  GtkTextMark   *pending_start;
  GtkTextMark   *pending_end;
  gboolean       has_pending;
  guint          idle_source;
  gint64         last_edit_usec;
  /* The word under the pointer when the context menu opened. */
  GtkTextMark   *word_start;
  GtkTextMark   *word_end;
  GMenu         *menu;
  GSimpleActionGroup *actions;
};

G_DEFINE_FINAL_TYPE (BylineSpellChecker, byline_spell_checker, G_TYPE_OBJECT)

/* Markup, code, links and embedded addresses are not prose. */
static gboolean
is_skipped (const GtkTextIter *start,
            const char        *word)
{
  g_autoptr (GSList) tags = gtk_text_iter_get_tags (start);
  GtkTextTag *embed = byline_html_get_embed_tag (gtk_text_iter_get_buffer (start));

  for (const char *p = word; *p != '\0'; p = g_utf8_next_char (p))
    {
      if (g_unichar_isdigit (g_utf8_get_char (p)))
        return TRUE;
    }
  for (GSList *l = tags; l != NULL; l = l->next)
    {
      BylineHtmlKind kind = byline_html_tag_get_kind (l->data);

      const char *name = byline_html_tag_get_name (l->data);

      if (kind == BYLINE_HTML_KIND_PROTECTED || l->data == embed || g_strcmp0 (name, "code") == 0 ||
          g_strcmp0 (name, "a") == 0)
        return TRUE;
    }
  return g_utf8_strlen (word, -1) < 2;
}

static gboolean
word_is_misspelled (BylineSpellChecker *self,
                    const GtkTextIter  *start,
                    const GtkTextIter  *end)
{
  g_autofree char *word = gtk_text_iter_get_slice (start, end);
  gpointer known;
  gboolean misspelled;

  if (is_skipped (start, word))
    return FALSE;
  if (g_hash_table_lookup_extended (self->known_words, word, NULL, &known))
    return GPOINTER_TO_INT (known);
  misspelled = enchant_dict_check (self->dict, word, (ssize_t) strlen (word)) > 0;
  if (g_hash_table_size (self->known_words) >= MAX_KNOWN_WORDS)
    g_hash_table_remove_all (self->known_words);
  g_hash_table_insert (self->known_words, g_steal_pointer (&word), GINT_TO_POINTER (misspelled));
  return misspelled;
}

static void
add_range (GArray            *ranges,
           const GtkTextIter *start,
           const GtkTextIter *end)
{
  int range[2] = { gtk_text_iter_get_offset (start), gtk_text_iter_get_offset (end) };

  g_array_append_vals (ranges, range, 2);
}

static GArray *
find_misspellings (BylineSpellChecker *self,
                   const GtkTextIter  *line_start,
                   const GtkTextIter  *line_end)
{
  GArray *found = g_array_new (FALSE, FALSE, sizeof (int));
  GtkTextIter start, end = *line_start;

  while (gtk_text_iter_forward_word_end (&end) && gtk_text_iter_compare (&end, line_end) <= 0)
    {
      start = end;
      gtk_text_iter_backward_word_start (&start);
      if (word_is_misspelled (self, &start, &end))
        add_range (found, &start, &end);
    }
  return found;
}

static GArray *
find_marks (BylineSpellChecker *self,
            const GtkTextIter  *line_start,
            const GtkTextIter  *line_end)
{
  GArray *marked = g_array_new (FALSE, FALSE, sizeof (int));
  GtkTextIter start = *line_start;

  if (!gtk_text_iter_has_tag (&start, self->tag) && !gtk_text_iter_forward_to_tag_toggle (&start, self->tag))
    return marked;
  while (gtk_text_iter_compare (&start, line_end) < 0)
    {
      GtkTextIter end = start;

      gtk_text_iter_forward_to_tag_toggle (&end, self->tag);
      add_range (marked, &start, &end);
      start = end;
      if (!gtk_text_iter_forward_to_tag_toggle (&start, self->tag))
        break;
    }
  return marked;
}

static gboolean
same_ranges (GArray *a,
             GArray *b)
{
  return a->len == b->len && (a->len == 0 || memcmp (a->data, b->data, a->len * sizeof (int)) == 0);
}

/* A line whose marks stay as they are is not touched: changing a tag makes the
 * text view lay the line out again, and checking a whole story just after it
 * opened would then slow the first keystrokes. */
static void
check_line (BylineSpellChecker *self,
            const GtkTextIter  *line)
{
  GtkTextIter start = *line, line_end = *line;
  g_autoptr (GArray) found = NULL;
  g_autoptr (GArray) marked = NULL;

  gtk_text_iter_set_line_offset (&start, 0);
  if (!gtk_text_iter_ends_line (&line_end))
    gtk_text_iter_forward_to_line_end (&line_end);
  found = find_misspellings (self, &start, &line_end);
  marked = find_marks (self, &start, &line_end);
  if (same_ranges (found, marked))
    return;

  gtk_text_buffer_remove_tag (self->buffer, self->tag, &start, &line_end);
  for (guint i = 0; i < found->len; i += 2)
    {
      GtkTextIter word_start, word_end;

      gtk_text_buffer_get_iter_at_offset (self->buffer, &word_start, g_array_index (found, int, i));
      gtk_text_buffer_get_iter_at_offset (self->buffer, &word_end, g_array_index (found, int, i + 1));
      gtk_text_buffer_apply_tag (self->buffer, self->tag, &word_start, &word_end);
    }
}

/* Checks pending lines for a slice of time; returns whether some are left. */
static gboolean
check_slice (BylineSpellChecker *self,
             gint64              budget_usec)
{
  gint64 now = g_get_monotonic_time ();
  /* An unbounded budget must not overflow into a deadline already past. */
  gint64 deadline = budget_usec > G_MAXINT64 - now ? G_MAXINT64 : now + budget_usec;
  GtkTextIter line, last;

  gtk_text_buffer_get_iter_at_mark (self->buffer, &line, self->pending_start);
  gtk_text_buffer_get_iter_at_mark (self->buffer, &last, self->pending_end);
  gtk_text_iter_set_line_offset (&line, 0);
  while (gtk_text_iter_compare (&line, &last) <= 0)
    {
      check_line (self, &line);
      if (!gtk_text_iter_forward_line (&line))
        break;
      if (g_get_monotonic_time () > deadline && gtk_text_iter_compare (&line, &last) <= 0)
        {
          gtk_text_buffer_move_mark (self->buffer, self->pending_start, &line);
          return TRUE;
        }
    }
  self->has_pending = FALSE;
  return FALSE;
}

static gboolean
on_idle (gpointer user_data)
{
  BylineSpellChecker *self = user_data;
  gint64 quiet_left = self->last_edit_usec + QUIET_USEC - g_get_monotonic_time ();

  if (quiet_left > 0)
    {
      self->idle_source = g_timeout_add_full (G_PRIORITY_LOW, (guint) (quiet_left / 1000) + 1, on_idle, self, NULL);
      return G_SOURCE_REMOVE;
    }
  if (check_slice (self, SLICE_USEC))
    return G_SOURCE_CONTINUE;
  self->idle_source = 0;
  return G_SOURCE_REMOVE;
}

static char *
locale_language (void)
{
  const char *const *names = g_get_language_names ();

  for (gsize i = 0; names[i] != NULL; i++)
    {
      if (strchr (names[i], '_') != NULL && strchr (names[i], '.') == NULL && strchr (names[i], '@') == NULL)
        return g_strdup (names[i]);
    }
  return g_strdup (FALLBACK_LANGUAGE);
}

static EnchantBroker *
get_broker (BylineSpellChecker *self)
{
  if (self->broker == NULL)
    self->broker = enchant_broker_init ();
  return self->broker;
}

/* Falls back to American English; with no dictionary at all, checking stops. */
static void
choose_dictionary (BylineSpellChecker *self)
{
  EnchantBroker *broker = get_broker (self);
  g_autofree char *wanted = NULL;

  if (self->dict_chosen)
    return;
  self->dict_chosen = TRUE;
  wanted = self->wanted_language != NULL ? g_strdup (self->wanted_language) : locale_language ();
  if (!enchant_broker_dict_exists (broker, wanted))
    {
      g_free (wanted);
      wanted = g_strdup (FALLBACK_LANGUAGE);
    }
  if (enchant_broker_dict_exists (broker, wanted))
    {
      self->dict = enchant_broker_request_dict (broker, wanted);
      self->language = g_steal_pointer (&wanted);
    }
}

static void
add_pending (BylineSpellChecker *self,
             const GtkTextIter  *start,
             const GtkTextIter  *end)
{
  GtkTextIter pending_start, pending_end;

  choose_dictionary (self);
  if (self->dict == NULL)
    return;
  pending_start = *start;
  pending_end = *end;
  if (self->has_pending)
    {
      GtkTextIter old_start, old_end;

      gtk_text_buffer_get_iter_at_mark (self->buffer, &old_start, self->pending_start);
      gtk_text_buffer_get_iter_at_mark (self->buffer, &old_end, self->pending_end);
      gtk_text_iter_order (&pending_start, &old_start);
      gtk_text_iter_order (&old_end, &pending_end);
    }
  gtk_text_buffer_move_mark (self->buffer, self->pending_start, &pending_start);
  gtk_text_buffer_move_mark (self->buffer, self->pending_end, &pending_end);
  self->has_pending = TRUE;
  if (self->idle_source == 0)
    self->idle_source = g_idle_add_full (G_PRIORITY_LOW, on_idle, self, NULL);
}

static void
add_all_pending (BylineSpellChecker *self)
{
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (self->buffer, &start, &end);
  add_pending (self, &start, &end);
}

static void
on_insert_text (BylineSpellChecker *self,
                GtkTextIter        *location,
                const char         *text,
                int                 length)
{
  GtkTextIter start = *location;

  self->last_edit_usec = g_get_monotonic_time ();
  gtk_text_iter_backward_chars (&start, (int) g_utf8_strlen (text, length));
  add_pending (self, &start, location);
}

static void
on_delete_range (BylineSpellChecker *self,
                 GtkTextIter        *start,
                 GtkTextIter        *end)
{
  self->last_edit_usec = g_get_monotonic_time ();
  add_pending (self, start, end);
}

/* Dictionaries */

static void
clear_marks (BylineSpellChecker *self)
{
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (self->buffer, &start, &end);
  gtk_text_buffer_remove_tag (self->buffer, self->tag, &start, &end);
  self->has_pending = FALSE;
  g_clear_handle_id (&self->idle_source, g_source_remove);
}

/**
 * byline_spell_checker_set_language:
 * @self: a #BylineSpellChecker
 * @language: (nullable): such as "en_GB", or %NULL for the user's locale
 *
 * Checks in @language from now on, or in American English if there is no
 * dictionary for it; with no dictionary at all, checking stops.
 */
void
byline_spell_checker_set_language (BylineSpellChecker *self,
                                   const char         *language)
{
  g_return_if_fail (BYLINE_IS_SPELL_CHECKER (self));

  if (self->dict != NULL)
    enchant_broker_free_dict (self->broker, self->dict);
  self->dict = NULL;
  self->dict_chosen = FALSE;
  g_hash_table_remove_all (self->known_words);
  g_clear_pointer (&self->language, g_free);
  g_free (self->wanted_language);
  self->wanted_language = g_strdup (language);
  clear_marks (self);
  if (gtk_text_buffer_get_char_count (self->buffer) > 0)
    add_all_pending (self);
}

static void
collect_language (const char * const language,
                  const char * const provider_name,
                  const char * const provider_description,
                  const char * const provider_file,
                  void              *user_data)
{
  GPtrArray *languages = user_data;

  if (!g_ptr_array_find_with_equal_func (languages, language, g_str_equal, NULL))
    g_ptr_array_add (languages, g_strdup (language));
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(const char **) a, *(const char **) b);
}

/**
 * byline_spell_checker_list_languages:
 * @self: a #BylineSpellChecker
 *
 * Returns: (transfer full): the languages a dictionary is installed for, such as
 *   "en_GB", sorted
 */
GStrv
byline_spell_checker_list_languages (BylineSpellChecker *self)
{
  GPtrArray *languages = g_ptr_array_new ();

  g_return_val_if_fail (BYLINE_IS_SPELL_CHECKER (self), NULL);

  enchant_broker_list_dicts (get_broker (self), collect_language, languages);
  g_ptr_array_sort (languages, compare_strings);
  g_ptr_array_add (languages, NULL);
  return (GStrv) g_ptr_array_free (languages, FALSE);
}

/* The language checked in, or %NULL when checking is off. */
const char *
byline_spell_checker_get_language (BylineSpellChecker *self)
{
  g_return_val_if_fail (BYLINE_IS_SPELL_CHECKER (self), NULL);

  choose_dictionary (self);
  return self->language;
}

gboolean
byline_spell_checker_is_misspelled (BylineSpellChecker *self,
                                    const GtkTextIter  *iter)
{
  g_return_val_if_fail (BYLINE_IS_SPELL_CHECKER (self), FALSE);
  g_return_val_if_fail (iter != NULL, FALSE);

  return gtk_text_iter_has_tag (iter, self->tag);
}

/* Checks what is pending at once, for tests and benchmarks. */
void
byline_spell_checker_check_pending (BylineSpellChecker *self)
{
  g_return_if_fail (BYLINE_IS_SPELL_CHECKER (self));

  if (self->has_pending)
    check_slice (self, G_MAXINT64);
  g_clear_handle_id (&self->idle_source, g_source_remove);
}

/* The context menu */

static char *
word_under_menu (BylineSpellChecker *self,
                 GtkTextIter        *start,
                 GtkTextIter        *end)
{
  gtk_text_buffer_get_iter_at_mark (self->buffer, start, self->word_start);
  gtk_text_buffer_get_iter_at_mark (self->buffer, end, self->word_end);
  return gtk_text_iter_get_slice (start, end);
}

static void
fill_menu (BylineSpellChecker *self,
           const char         *word)
{
  g_autoptr (GMenu) suggestions = g_menu_new ();
  size_t n_suggestions = 0;
  char **found = enchant_dict_suggest (self->dict, word, (ssize_t) strlen (word), &n_suggestions);

  for (size_t i = 0; i < n_suggestions && i < MAX_SUGGESTIONS; i++)
    {
      g_autoptr (GMenuItem) item = g_menu_item_new (found[i], NULL);

      g_menu_item_set_action_and_target_value (item, "spell.replace", g_variant_new_string (found[i]));
      g_menu_append_item (suggestions, item);
    }
  if (found != NULL)
    enchant_dict_free_string_list (self->dict, found);
  if (n_suggestions == 0)
    g_menu_append (suggestions, _("No Suggestions"), "spell.none");
  g_menu_append_section (self->menu, NULL, G_MENU_MODEL (suggestions));
  g_menu_append (self->menu, _("_Add to Dictionary"), "spell.add");
}

static void
on_secondary_pressed (BylineSpellChecker *self,
                      int                 n_press,
                      double              x,
                      double              y)
{
  GtkTextIter iter, start, end;
  int buffer_x, buffer_y;
  g_autofree char *word = NULL;

  g_menu_remove_all (self->menu);
  choose_dictionary (self);
  if (self->dict == NULL)
    return;
  gtk_text_view_window_to_buffer_coords (self->view, GTK_TEXT_WINDOW_WIDGET, (int) x, (int) y, &buffer_x, &buffer_y);
  gtk_text_view_get_iter_at_location (self->view, &iter, buffer_x, buffer_y);
  if (!gtk_text_iter_has_tag (&iter, self->tag))
    return;
  start = end = iter;
  if (!gtk_text_iter_starts_tag (&start, self->tag))
    gtk_text_iter_backward_to_tag_toggle (&start, self->tag);
  if (!gtk_text_iter_ends_tag (&end, self->tag))
    gtk_text_iter_forward_to_tag_toggle (&end, self->tag);
  gtk_text_buffer_move_mark (self->buffer, self->word_start, &start);
  gtk_text_buffer_move_mark (self->buffer, self->word_end, &end);
  word = gtk_text_iter_get_slice (&start, &end);
  fill_menu (self, word);
}

static void
replace_activated (GSimpleAction *action,
                   GVariant      *parameter,
                   gpointer       user_data)
{
  BylineSpellChecker *self = user_data;
  g_autofree char *word = NULL;
  GtkTextIter start, end;

  word = word_under_menu (self, &start, &end);
  gtk_text_buffer_begin_user_action (self->buffer);
  gtk_text_buffer_delete_interactive (self->buffer, &start, &end, gtk_text_view_get_editable (self->view));
  gtk_text_buffer_insert_interactive (self->buffer, &start, g_variant_get_string (parameter, NULL), -1,
                                      gtk_text_view_get_editable (self->view));
  gtk_text_buffer_end_user_action (self->buffer);
}

static void
add_activated (GSimpleAction *action,
               GVariant      *parameter,
               gpointer       user_data)
{
  BylineSpellChecker *self = user_data;
  g_autofree char *word = NULL;
  GtkTextIter start, end;

  word = word_under_menu (self, &start, &end);
  enchant_dict_add (self->dict, word, (ssize_t) strlen (word));
  g_hash_table_remove_all (self->known_words);
  add_all_pending (self);
}

static void
setup_menu (BylineSpellChecker *self)
{
  static const GActionEntry entries[] = {
    { "replace", replace_activated, "s", NULL, NULL, { 0 } },
    { "add", add_activated, NULL, NULL, NULL, { 0 } },
  };
  GtkGesture *gesture = gtk_gesture_click_new ();

  self->menu = g_menu_new ();
  self->actions = g_simple_action_group_new ();
  g_action_map_add_action_entries (G_ACTION_MAP (self->actions), entries, G_N_ELEMENTS (entries), self);
  gtk_widget_insert_action_group (GTK_WIDGET (self->view), "spell", G_ACTION_GROUP (self->actions));
  gtk_text_view_set_extra_menu (self->view, G_MENU_MODEL (self->menu));
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (gesture), GDK_BUTTON_SECONDARY);
  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (gesture), GTK_PHASE_CAPTURE);
  g_signal_connect_object (gesture, "pressed", G_CALLBACK (on_secondary_pressed), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self->view), GTK_EVENT_CONTROLLER (gesture));
}

static void
byline_spell_checker_dispose (GObject *object)
{
  BylineSpellChecker *self = BYLINE_SPELL_CHECKER (object);

  g_clear_handle_id (&self->idle_source, g_source_remove);
  if (self->view != NULL)
    {
      gtk_widget_insert_action_group (GTK_WIDGET (self->view), "spell", NULL);
      gtk_text_view_set_extra_menu (self->view, NULL);
    }
  self->view = NULL;
  if (self->dict != NULL)
    enchant_broker_free_dict (self->broker, self->dict);
  self->dict = NULL;
  g_clear_pointer (&self->broker, enchant_broker_free);
  g_clear_object (&self->menu);
  g_clear_object (&self->actions);
  g_clear_object (&self->buffer);
  g_clear_pointer (&self->language, g_free);
  g_clear_pointer (&self->wanted_language, g_free);
  g_clear_pointer (&self->known_words, g_hash_table_unref);

  G_OBJECT_CLASS (byline_spell_checker_parent_class)->dispose (object);
}

static void
byline_spell_checker_class_init (BylineSpellCheckerClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = byline_spell_checker_dispose;
}

static void
byline_spell_checker_init (BylineSpellChecker *self)
{
  self->known_words = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

static void
connect_buffer (BylineSpellChecker *self)
{
  GtkTextIter start;

  gtk_text_buffer_get_start_iter (self->buffer, &start);
  self->tag = gtk_text_buffer_create_tag (self->buffer, NULL, "underline", PANGO_UNDERLINE_ERROR, NULL);
  self->pending_start = gtk_text_buffer_create_mark (self->buffer, NULL, &start, TRUE);
  self->pending_end = gtk_text_buffer_create_mark (self->buffer, NULL, &start, FALSE);
  self->word_start = gtk_text_buffer_create_mark (self->buffer, NULL, &start, TRUE);
  self->word_end = gtk_text_buffer_create_mark (self->buffer, NULL, &start, FALSE);
  g_signal_connect_object (self->buffer, "insert-text", G_CALLBACK (on_insert_text), self,
                           G_CONNECT_SWAPPED | G_CONNECT_AFTER);
  g_signal_connect_object (self->buffer, "delete-range", G_CALLBACK (on_delete_range), self,
                           G_CONNECT_SWAPPED | G_CONNECT_AFTER);
}

/**
 * byline_spell_checker_new:
 * @view: the text view whose buffer is checked; keep its buffer for the checker's life
 *
 * Returns: (transfer full): a checker in the user's language
 */
BylineSpellChecker *
byline_spell_checker_new (GtkTextView *view)
{
  BylineSpellChecker *self;

  g_return_val_if_fail (GTK_IS_TEXT_VIEW (view), NULL);

  self = g_object_new (BYLINE_TYPE_SPELL_CHECKER, NULL);
  self->view = view;
  self->buffer = g_object_ref (gtk_text_view_get_buffer (view));
  connect_buffer (self);
  setup_menu (self);
  byline_spell_checker_set_language (self, NULL);
  return self;
}
