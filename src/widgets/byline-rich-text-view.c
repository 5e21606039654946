/* byline-rich-text-view.c
 *
 * The formats at the cursor are properties, and the toolbar's toggles are property
 * actions on them: setting one from a toggle or a shortcut formats the text, and
 * moving the cursor updates them without formatting anything.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <gtksourceview/gtksource.h>

#include "byline-body-view.h"
#include "byline-format-toolbar.h"
#include "byline-rich-text-view-private.h"
#include "byline-spell-checker.h"
#include "html/byline-html.h"

#define WORDS_PER_MINUTE 230
/* The status is counted once typing pauses this long: counting a long story
 * on every key would cost more than the typing, and a status changed in the
 * middle of a burst of typing is a frame of its own that the next typed
 * character then waits behind. */
#define STATUS_DELAY_MS 250
/* A story just opened is counted in slices this long, between keystrokes. */
#define COUNT_SLICE_USEC 3000
#define HTML_STYLE_SCHEME "byline-html"
#define HTML_STYLE_SCHEME_RESOURCE RESOURCE_BASE "/styles/byline-html.xml"

struct _BylineRichTextView
{
  AdwBin                parent_instance;

  BylineRichTextBuffer *buffer;
  BylineSpellChecker   *spell_checker;
  char                 *stored_html;
  guint                 status_source;
  guint                 loading;
  gboolean              read_only;
  /* The spelling language, an enchant tag; "" for the user's default. */
  char                 *language;
  gboolean              showing_language;
  guint                 languages_source;
  gboolean              languages_listed;

  gboolean              bold;
  gboolean              italic;
  gboolean              underline;
  gboolean              strikethrough;
  gboolean              code;
  gboolean              quote;
  gboolean              pullquote;
  gboolean              source_mode;
  const char           *block;
  const char           *list;

  GtkTextView          *text_view;
  GtkSourceView        *source_view;
  GtkStack             *mode_stack;
  GtkRevealer          *message_revealer;
  GtkLabel             *message_label;
  GtkButton            *edit_anyway_button;
  GtkSearchBar         *search_bar;
  GtkSearchEntry       *search_entry;
  GtkWidget            *replace_box;
  GtkEntry             *replace_entry;
  GtkLabel             *status_label;
  GtkDropDown          *language_drop_down;
  GtkStringList        *language_list;
  GtkPopover           *link_popover;
  GtkEntry             *link_entry;
  GtkButton            *link_remove_button;
};

G_DEFINE_FINAL_TYPE (BylineRichTextView, byline_rich_text_view, ADW_TYPE_BIN)

enum
{
  PROP_0,
  PROP_BOLD,
  PROP_ITALIC,
  PROP_UNDERLINE,
  PROP_STRIKETHROUGH,
  PROP_CODE,
  PROP_BLOCK,
  PROP_LIST,
  PROP_QUOTE,
  PROP_PULLQUOTE,
  PROP_SOURCE_MODE,
  PROP_READ_ONLY,
  PROP_LANGUAGE,
  N_PROPS
};

enum
{
  CHANGED,
  IMAGE_DROPPED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

typedef struct
{
  guint       prop_id;
  const char *element;
  gsize       offset;
} InlineFormat;

static const InlineFormat inline_formats[] = {
  { PROP_BOLD, "strong", G_STRUCT_OFFSET (BylineRichTextView, bold) },
  { PROP_ITALIC, "em", G_STRUCT_OFFSET (BylineRichTextView, italic) },
  { PROP_UNDERLINE, "u", G_STRUCT_OFFSET (BylineRichTextView, underline) },
  { PROP_STRIKETHROUGH, "s", G_STRUCT_OFFSET (BylineRichTextView, strikethrough) },
  { PROP_CODE, "code", G_STRUCT_OFFSET (BylineRichTextView, code) },
};

static const char *const format_actions[] = {
  "format.bold", "format.italic", "format.underline", "format.strikethrough", "format.code",
  "format.block", "format.list", "format.quote", "format.pullquote", "format.link", "format.rule",
  "format.indent", "format.outdent",
};

static gboolean *
inline_field (BylineRichTextView *self,
              const InlineFormat *format)
{
  return G_STRUCT_MEMBER_P (self, format->offset);
}

static const InlineFormat *
find_inline_format (guint prop_id)
{
  for (gsize i = 0; i < G_N_ELEMENTS (inline_formats); i++)
    {
      if (inline_formats[i].prop_id == prop_id)
        return &inline_formats[i];
    }
  return NULL;
}

static GtkTextBuffer *
active_buffer (BylineRichTextView *self)
{
  return gtk_text_view_get_buffer (self->source_mode ? GTK_TEXT_VIEW (self->source_view) : self->text_view);
}

static void
update_boolean (BylineRichTextView *self,
                gboolean           *field,
                gboolean            value,
                guint               prop_id)
{
  if (*field == value)
    return;
  *field = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
}

static void
update_string (BylineRichTextView *self,
               const char        **field,
               const char         *value,
               guint               prop_id)
{
  if (g_strcmp0 (*field, value) == 0)
    return;
  *field = g_intern_string (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
}

/* Reads the formats at the cursor into the properties, which the toolbar shows. */
static void
refresh_formats (BylineRichTextView *self)
{
  for (gsize i = 0; i < G_N_ELEMENTS (inline_formats); i++)
    update_boolean (self, inline_field (self, &inline_formats[i]),
                    byline_rich_text_buffer_get_inline (self->buffer, inline_formats[i].element),
                    inline_formats[i].prop_id);
  update_string (self, &self->block, byline_rich_text_buffer_get_block (self->buffer), PROP_BLOCK);
  update_string (self, &self->list, byline_rich_text_buffer_get_list (self->buffer), PROP_LIST);
  update_boolean (self, &self->quote, byline_rich_text_buffer_get_quote (self->buffer), PROP_QUOTE);
  update_boolean (self, &self->pullquote, byline_rich_text_buffer_get_pullquote (self->buffer), PROP_PULLQUOTE);
}

static void
update_actions (BylineRichTextView *self)
{
  GtkTextBuffer *buffer = active_buffer (self);
  gboolean formatting = !self->read_only && !self->source_mode;
  gboolean can_undo = self->source_mode ? gtk_text_buffer_get_can_undo (buffer)
                                        : byline_rich_text_buffer_get_can_undo (self->buffer);
  gboolean can_redo = self->source_mode ? gtk_text_buffer_get_can_redo (buffer)
                                        : byline_rich_text_buffer_get_can_redo (self->buffer);

  for (gsize i = 0; i < G_N_ELEMENTS (format_actions); i++)
    gtk_widget_action_set_enabled (GTK_WIDGET (self), format_actions[i], formatting);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.undo", !self->read_only && can_undo);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.redo", !self->read_only && can_redo);
}

static char *
format_status (guint words,
               guint characters)
{
  guint minutes = (words + WORDS_PER_MINUTE - 1) / WORDS_PER_MINUTE;
  g_autofree char *word_text = g_strdup_printf (ngettext ("%u word", "%u words", words), words);
  g_autofree char *character_text =
    g_strdup_printf (ngettext ("%u character", "%u characters", characters), characters);
  g_autofree char *reading_text =
    g_strdup_printf (ngettext ("%u minute read", "%u minutes read", minutes), minutes);

  /* TRANSLATORS: the status under a story's body: words · characters · reading time */
  return g_strdup_printf (_("%s · %s · %s"), word_text, character_text, reading_text);
}

void
byline_rich_text_view_update_status (BylineRichTextView *self)
{
  g_autofree char *status = NULL;
  guint words, characters;

  g_return_if_fail (BYLINE_IS_RICH_TEXT_VIEW (self));

  g_clear_handle_id (&self->status_source, g_source_remove);
  byline_rich_text_buffer_count (self->buffer, &words, &characters);
  status = format_status (words, characters);
  gtk_label_set_text (self->status_label, status);
}

static gboolean
on_count_slice (gpointer user_data)
{
  BylineRichTextView *self = user_data;

  if (!byline_rich_text_buffer_count_step (self->buffer, COUNT_SLICE_USEC))
    return G_SOURCE_CONTINUE;
  self->status_source = 0;
  byline_rich_text_view_update_status (self);
  return G_SOURCE_REMOVE;
}

static gboolean
on_status_timeout (gpointer user_data)
{
  BylineRichTextView *self = user_data;

  self->status_source = 0;
  if (!byline_rich_text_buffer_count_step (self->buffer, COUNT_SLICE_USEC))
    self->status_source = g_idle_add_full (G_PRIORITY_LOW, on_count_slice, self, NULL);
  else
    byline_rich_text_view_update_status (self);
  return G_SOURCE_REMOVE;
}

static void
schedule_status (BylineRichTextView *self)
{
  g_clear_handle_id (&self->status_source, g_source_remove);
  self->status_source = g_timeout_add (STATUS_DELAY_MS, on_status_timeout, self);
}

static void
emit_changed (BylineRichTextView *self)
{
  if (self->loading == 0)
    g_signal_emit (self, signals[CHANGED], 0);
}

/* While a story loads, the formats and the status are read once it is in. */
static void
on_buffer_changed (BylineRichTextView *self)
{
  if (self->loading > 0)
    return;
  refresh_formats (self);
  schedule_status (self);
  emit_changed (self);
}

static void
on_source_changed (BylineRichTextView *self)
{
  if (self->source_mode)
    emit_changed (self);
}

static void
on_mark_set (BylineRichTextView *self,
             GtkTextIter        *location,
             GtkTextMark        *mark)
{
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (self->buffer);

  if (mark == gtk_text_buffer_get_insert (buffer) || mark == gtk_text_buffer_get_selection_bound (buffer))
    refresh_formats (self);
}

/* Formatting changes tags only, which the buffer does not count as a change. */
static void
formatted (BylineRichTextView *self)
{
  refresh_formats (self);
  emit_changed (self);
}

static void
show_message (BylineRichTextView *self,
              const char         *message,
              gboolean            can_edit)
{
  gtk_label_set_text (self->message_label, message);
  gtk_widget_set_visible (GTK_WIDGET (self->edit_anyway_button), can_edit);
  gtk_revealer_set_reveal_child (self->message_revealer, message != NULL);
}

static void
set_read_only (BylineRichTextView *self,
               gboolean            read_only)
{
  if (self->read_only == read_only)
    return;
  self->read_only = read_only;
  gtk_text_view_set_editable (self->text_view, !read_only);
  gtk_text_view_set_editable (GTK_TEXT_VIEW (self->source_view), !read_only);
  update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_READ_ONLY]);
}

/* GtkSourceView 5.6 reads style schemes from files only (a resource:// search
 * path is listed but cannot be loaded), so Byline's scheme is copied from the
 * GResource into the runtime directory, usually in memory, once a run. */
static gboolean
copy_html_style_scheme (const char  *dir,
                        GError     **error)
{
  g_autoptr (GBytes) bytes = g_resources_lookup_data (HTML_STYLE_SCHEME_RESOURCE, 0, error);
  g_autofree char *path = g_build_filename (dir, HTML_STYLE_SCHEME ".xml", NULL);
  gsize size = 0;
  const char *data;

  if (bytes == NULL)
    return FALSE;
  data = g_bytes_get_data (bytes, &size);
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno), "%s: %s", dir, g_strerror (saved_errno));
      return FALSE;
    }
  return g_file_set_contents (path, data, size, error);
}

/* GtkSourceView's own schemes colour the text, and GTK 4.8 crashes a screen
 * reader that asks for the formatting of a tag with a text colour; Byline's
 * scheme marks the HTML without one (ui/styles/byline-html.xml). Without it the
 * HTML is shown unmarked rather than coloured. */
static GtkSourceStyleScheme *
get_html_style_scheme (void)
{
  GtkSourceStyleSchemeManager *schemes = gtk_source_style_scheme_manager_get_default ();
  g_autofree char *dir = g_build_filename (g_get_user_runtime_dir (), APPLICATION_ID, "styles", NULL);
  g_autoptr (GError) error = NULL;

  if (g_strv_contains (gtk_source_style_scheme_manager_get_search_path (schemes), dir))
    return gtk_source_style_scheme_manager_get_scheme (schemes, HTML_STYLE_SCHEME);
  if (!copy_html_style_scheme (dir, &error))
    {
      g_warning ("The HTML source is shown without highlighting: %s", error->message);
      return NULL;
    }
  gtk_source_style_scheme_manager_prepend_search_path (schemes, dir);
  return gtk_source_style_scheme_manager_get_scheme (schemes, HTML_STYLE_SCHEME);
}

/* Reading GtkSourceView's language definitions takes longer than building the
 * rest of the window, so it waits for the first switch to HTML. */
static void
ensure_html_highlighting (GtkTextBuffer *source)
{
  GtkSourceLanguageManager *languages;

  if (gtk_source_buffer_get_language (GTK_SOURCE_BUFFER (source)) != NULL)
    return;

  languages = gtk_source_language_manager_get_default ();
  gtk_source_buffer_set_style_scheme (GTK_SOURCE_BUFFER (source), get_html_style_scheme ());
  gtk_source_buffer_set_language (GTK_SOURCE_BUFFER (source),
                                  gtk_source_language_manager_get_language (languages, "html"));
}

static void
set_source_text (BylineRichTextView *self,
                 const char         *html)
{
  GtkTextBuffer *source = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->source_view));

  self->loading++;
  ensure_html_highlighting (source);
  gtk_text_buffer_begin_irreversible_action (source);
  gtk_text_buffer_set_text (source, html, -1);
  gtk_text_buffer_end_irreversible_action (source);
  self->loading--;
}

static void
show_mode (BylineRichTextView *self,
           gboolean            source_mode)
{
  self->source_mode = source_mode;
  gtk_stack_set_visible_child_name (self->mode_stack, source_mode ? "source" : "rich");
  gtk_widget_grab_focus (source_mode ? GTK_WIDGET (self->source_view) : GTK_WIDGET (self->text_view));
  update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SOURCE_MODE]);
}

/* A body that could not be read whole is shown as HTML as it is stored, to mend. */
static void
enter_source_mode (BylineRichTextView *self)
{
  g_autofree char *html = NULL;

  if (self->read_only && self->stored_html != NULL)
    {
      set_source_text (self, self->stored_html);
      show_message (self, NULL, FALSE);
      set_read_only (self, FALSE);
    }
  else
    {
      html = byline_rich_text_buffer_save (self->buffer);
      set_source_text (self, html);
    }
  show_mode (self, TRUE);
}

static gboolean
leave_source_mode (BylineRichTextView *self)
{
  GtkTextBuffer *source = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->source_view));
  g_autoptr (GError) error = NULL;
  g_autofree char *html = NULL;
  GtkTextIter start, end;
  gboolean loaded;

  gtk_text_buffer_get_bounds (source, &start, &end);
  html = gtk_text_buffer_get_text (source, &start, &end, TRUE);
  self->loading++;
  loaded = byline_rich_text_buffer_load (self->buffer, html, &error);
  self->loading--;
  if (!loaded)
    {
      g_autofree char *message = g_strdup_printf (_("The HTML cannot be shown formatted without losing some of it: %s"),
                                                  error->message);

      show_message (self, message, FALSE);
      return FALSE;
    }
  show_message (self, NULL, FALSE);
  show_mode (self, FALSE);
  byline_rich_text_view_update_status (self);
  return TRUE;
}

static void
set_source_mode (BylineRichTextView *self,
                 gboolean            source_mode)
{
  if (self->source_mode == source_mode)
    return;
  if (source_mode)
    enter_source_mode (self);
  else
    leave_source_mode (self);
}

static void
set_inline (BylineRichTextView *self,
            guint               prop_id,
            gboolean            value)
{
  const InlineFormat *format = find_inline_format (prop_id);

  if (*inline_field (self, format) == value || self->read_only || self->source_mode)
    return;
  byline_rich_text_buffer_toggle_inline (self->buffer, format->element);
  formatted (self);
}

/* Choosing the block the text is in already makes it a paragraph again. */
static void
set_block (BylineRichTextView *self,
           const char         *block)
{
  if (self->read_only || self->source_mode || block == NULL)
    return;
  if (g_strcmp0 (self->block, block) == 0)
    block = "p";
  byline_rich_text_buffer_set_block (self->buffer, block);
  formatted (self);
}

static void
set_list (BylineRichTextView *self,
          const char         *list)
{
  if (self->read_only || self->source_mode)
    return;
  if (list == NULL || *list == '\0')
    list = self->list;
  if (list == NULL || *list == '\0')
    return;
  byline_rich_text_buffer_toggle_list (self->buffer, list);
  formatted (self);
}

static void
set_quote (BylineRichTextView *self,
           gboolean            quote)
{
  if (self->quote == quote || self->read_only || self->source_mode)
    return;
  byline_rich_text_buffer_toggle_quote (self->buffer);
  formatted (self);
}

static void
set_pullquote (BylineRichTextView *self,
               gboolean            pullquote)
{
  if (self->pullquote == pullquote || self->read_only || self->source_mode)
    return;
  byline_rich_text_buffer_toggle_pullquote (self->buffer);
  formatted (self);
}

static void list_languages_soon (BylineRichTextView *self);

/**
 * byline_rich_text_view_load_html:
 * @self: a #BylineRichTextView
 * @html: (nullable): a story's body
 *
 * Shows @html. A body that was cut off or refused is shown read-only, with a message;
 * the writer decides whether to edit what could be read, or mend the HTML.
 *
 * Returns: whether the body was read whole
 */
gboolean
byline_rich_text_view_load_html (BylineRichTextView *self,
                                 const char         *html)
{
  g_autoptr (GError) error = NULL;
  gboolean loaded;

  g_return_val_if_fail (BYLINE_IS_RICH_TEXT_VIEW (self), FALSE);

  self->loading++;
  if (self->source_mode)
    show_mode (self, FALSE);
  g_clear_pointer (&self->stored_html, g_free);
  loaded = byline_rich_text_buffer_load (self->buffer, html != NULL ? html : "", &error);
  self->loading--;
  list_languages_soon (self);
  set_read_only (self, !loaded);
  if (loaded)
    show_message (self, NULL, FALSE);
  else
    {
      g_autofree char *message =
        g_strdup_printf (_("%s. The stored text is kept as it is until you choose to edit it."), error->message);

      self->stored_html = g_strdup (html);
      show_message (self, message, !g_error_matches (error, BYLINE_HTML_ERROR, BYLINE_HTML_ERROR_TOO_LARGE));
    }
  refresh_formats (self);
  update_actions (self);
  /* Counting a long story's words would hold up its first frame. */
  schedule_status (self);
  return loaded;
}

/**
 * byline_rich_text_view_get_html:
 * @self: a #BylineRichTextView
 *
 * Returns: (transfer full): the body as HTML, from whichever mode is shown
 */
char *
byline_rich_text_view_get_html (BylineRichTextView *self)
{
  GtkTextBuffer *source;
  GtkTextIter start, end;

  g_return_val_if_fail (BYLINE_IS_RICH_TEXT_VIEW (self), NULL);

  if (!self->source_mode)
    return byline_rich_text_buffer_save (self->buffer);
  source = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->source_view));
  gtk_text_buffer_get_bounds (source, &start, &end);
  return gtk_text_buffer_get_text (source, &start, &end, TRUE);
}

gboolean
byline_rich_text_view_get_read_only (BylineRichTextView *self)
{
  g_return_val_if_fail (BYLINE_IS_RICH_TEXT_VIEW (self), FALSE);

  return self->read_only;
}

/* Spelling language */

static guint
find_language (BylineRichTextView *self,
               const char         *language)
{
  GListModel *list = G_LIST_MODEL (self->language_list);

  for (guint i = 1; i < g_list_model_get_n_items (list); i++)
    {
      if (g_str_equal (gtk_string_list_get_string (self->language_list, i), language))
        return i;
    }
  return GTK_INVALID_LIST_POSITION;
}

/* A language with no dictionary here (a story written elsewhere) stays the
 * story's, and is offered too; the checker falls back meanwhile. */
static void
show_language (BylineRichTextView *self)
{
  guint position = 0;

  if (*self->language != '\0')
    {
      position = find_language (self, self->language);
      if (position == GTK_INVALID_LIST_POSITION)
        {
          gtk_string_list_append (self->language_list, self->language);
          position = g_list_model_get_n_items (G_LIST_MODEL (self->language_list)) - 1;
        }
    }
  self->showing_language = TRUE;
  gtk_drop_down_set_selected (self->language_drop_down, position);
  self->showing_language = FALSE;
}

/**
 * byline_rich_text_view_set_language:
 * @self: a #BylineRichTextView
 * @language: (nullable): an enchant tag such as "en_GB", or %NULL or "" for the
 *   user's default language
 *
 * Checks the spelling in @language from now on.
 */
void
byline_rich_text_view_set_language (BylineRichTextView *self,
                                    const char         *language)
{
  g_return_if_fail (BYLINE_IS_RICH_TEXT_VIEW (self));

  if (language == NULL)
    language = "";
  if (g_strcmp0 (self->language, language) == 0)
    return;
  g_free (self->language);
  self->language = g_strdup (language);
  byline_spell_checker_set_language (self->spell_checker, *language != '\0' ? language : NULL);
  show_language (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LANGUAGE]);
}

/* Returns: (not nullable): the spelling language, or "" for the user's default */
const char *
byline_rich_text_view_get_language (BylineRichTextView *self)
{
  g_return_val_if_fail (BYLINE_IS_RICH_TEXT_VIEW (self), "");

  return self->language;
}

static void
on_language_selected (BylineRichTextView *self)
{
  guint selected = gtk_drop_down_get_selected (self->language_drop_down);

  if (self->showing_language || selected == GTK_INVALID_LIST_POSITION)
    return;
  byline_rich_text_view_set_language (self,
                                      selected == 0 ? "" : gtk_string_list_get_string (self->language_list, selected));
}

/* Asking enchant for its dictionaries loads it (milliseconds, and some MB):
 * not before a story is first opened, and then while the main loop is idle. */
static gboolean
on_fill_languages (gpointer user_data)
{
  BylineRichTextView *self = user_data;
  g_auto (GStrv) languages = byline_spell_checker_list_languages (self->spell_checker);
  guint n_items = g_list_model_get_n_items (G_LIST_MODEL (self->language_list));

  self->languages_source = 0;
  self->languages_listed = TRUE;
  self->showing_language = TRUE;
  gtk_string_list_splice (self->language_list, 1, n_items - 1, (const char * const *) languages);
  self->showing_language = FALSE;
  show_language (self);
  return G_SOURCE_REMOVE;
}

static void
list_languages_soon (BylineRichTextView *self)
{
  if (!self->languages_listed && self->languages_source == 0)
    self->languages_source = g_idle_add_full (G_PRIORITY_LOW, on_fill_languages, self, NULL);
}

GtkDropDown *
byline_rich_text_view_get_language_drop_down (BylineRichTextView *self)
{
  g_return_val_if_fail (BYLINE_IS_RICH_TEXT_VIEW (self), NULL);

  return self->language_drop_down;
}

static void
on_edit_anyway_clicked (BylineRichTextView *self)
{
  g_clear_pointer (&self->stored_html, g_free);
  show_message (self, NULL, FALSE);
  set_read_only (self, FALSE);
}

static void
link_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  BylineRichTextView *self = BYLINE_RICH_TEXT_VIEW (widget);
  const char *href = byline_rich_text_buffer_get_link (self->buffer);
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (self->buffer);
  GdkRectangle location;
  GtkTextIter cursor;

  gtk_text_buffer_get_iter_at_mark (buffer, &cursor, gtk_text_buffer_get_insert (buffer));
  gtk_text_view_get_iter_location (self->text_view, &cursor, &location);
  gtk_text_view_buffer_to_window_coords (self->text_view, GTK_TEXT_WINDOW_WIDGET, location.x, location.y,
                                         &location.x, &location.y);
  gtk_popover_set_pointing_to (self->link_popover, &location);
  gtk_editable_set_text (GTK_EDITABLE (self->link_entry), href != NULL ? href : "");
  gtk_widget_set_visible (GTK_WIDGET (self->link_remove_button), href != NULL);
  gtk_popover_popup (self->link_popover);
  gtk_widget_grab_focus (GTK_WIDGET (self->link_entry));
}

static void
apply_link (BylineRichTextView *self,
            const char         *href)
{
  gtk_popover_popdown (self->link_popover);
  byline_rich_text_buffer_set_link (self->buffer, href);
  gtk_widget_grab_focus (GTK_WIDGET (self->text_view));
  formatted (self);
}

static void
on_link_apply (BylineRichTextView *self)
{
  g_autofree char *href = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->link_entry))));

  apply_link (self, *href != '\0' ? href : NULL);
}

static void
on_link_remove (BylineRichTextView *self)
{
  apply_link (self, NULL);
}

static void
rule_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  BylineRichTextView *self = BYLINE_RICH_TEXT_VIEW (widget);

  byline_rich_text_buffer_insert_rule (self->buffer);
  formatted (self);
}

static void
indent_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  BylineRichTextView *self = BYLINE_RICH_TEXT_VIEW (widget);

  if (byline_rich_text_buffer_indent (self->buffer, g_str_equal (action_name, "format.indent")))
    formatted (self);
}

static void
history_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  BylineRichTextView *self = BYLINE_RICH_TEXT_VIEW (widget);
  GtkTextBuffer *source = active_buffer (self);
  gboolean undo = g_str_equal (action_name, "editor.undo");

  if (self->source_mode && undo)
    gtk_text_buffer_undo (source);
  else if (self->source_mode)
    gtk_text_buffer_redo (source);
  /* The body's history holds formatting too, which changes no text: say it changed. */
  else if (undo ? byline_rich_text_buffer_undo (self->buffer) : byline_rich_text_buffer_redo (self->buffer))
    formatted (self);
}

static gboolean
on_key_pressed (BylineRichTextView *self,
                guint               keyval,
                guint               keycode,
                GdkModifierType     state)
{
  gboolean deeper;

  if (keyval != GDK_KEY_Tab && keyval != GDK_KEY_ISO_Left_Tab)
    return GDK_EVENT_PROPAGATE;
  if ((state & (GDK_CONTROL_MASK | GDK_ALT_MASK)) != 0 || *byline_rich_text_buffer_get_list (self->buffer) == '\0')
    return GDK_EVENT_PROPAGATE;
  deeper = keyval == GDK_KEY_Tab && (state & GDK_SHIFT_MASK) == 0;
  if (byline_rich_text_buffer_indent (self->buffer, deeper))
    formatted (self);
  return GDK_EVENT_STOP;
}

/* Search and replace, in whichever mode is shown. */

static GtkTextView *
active_view (BylineRichTextView *self)
{
  return self->source_mode ? GTK_TEXT_VIEW (self->source_view) : self->text_view;
}

static const GtkTextSearchFlags search_flags = GTK_TEXT_SEARCH_CASE_INSENSITIVE | GTK_TEXT_SEARCH_TEXT_ONLY;

static gboolean
find_from (BylineRichTextView *self,
           const GtkTextIter  *from,
           gboolean            forward,
           GtkTextIter        *match_start,
           GtkTextIter        *match_end)
{
  GtkTextBuffer *buffer = active_buffer (self);
  const char *needle = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  GtkTextIter wrap;

  if (*needle == '\0')
    return FALSE;
  if (forward)
    {
      if (gtk_text_iter_forward_search (from, needle, search_flags, match_start, match_end, NULL))
        return TRUE;
      gtk_text_buffer_get_start_iter (buffer, &wrap);
      return gtk_text_iter_forward_search (&wrap, needle, search_flags, match_start, match_end, NULL);
    }
  if (gtk_text_iter_backward_search (from, needle, search_flags, match_start, match_end, NULL))
    return TRUE;
  gtk_text_buffer_get_end_iter (buffer, &wrap);
  return gtk_text_iter_backward_search (&wrap, needle, search_flags, match_start, match_end, NULL);
}

static gboolean
select_match (BylineRichTextView *self,
              gboolean            forward,
              gboolean            from_selection_start)
{
  GtkTextBuffer *buffer = active_buffer (self);
  GtkTextIter start, end, match_start, match_end;

  gtk_text_buffer_get_selection_bounds (buffer, &start, &end);
  if (!find_from (self, forward && !from_selection_start ? &end : &start, forward, &match_start, &match_end))
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->search_entry), "error");
      return FALSE;
    }
  gtk_widget_remove_css_class (GTK_WIDGET (self->search_entry), "error");
  gtk_text_buffer_select_range (buffer, &match_start, &match_end);
  gtk_text_view_scroll_to_mark (active_view (self), gtk_text_buffer_get_insert (buffer), 0.1, FALSE, 0, 0);
  return TRUE;
}

static void
on_search_changed (BylineRichTextView *self)
{
  select_match (self, TRUE, TRUE);
}

static void
find_next_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  select_match (BYLINE_RICH_TEXT_VIEW (widget), !g_str_equal (action_name, "editor.find-previous"), FALSE);
}

static void
on_search_next (BylineRichTextView *self)
{
  select_match (self, TRUE, FALSE);
}

static void
on_search_previous (BylineRichTextView *self)
{
  select_match (self, FALSE, FALSE);
}

static void
on_stop_search (BylineRichTextView *self)
{
  gtk_search_bar_set_search_mode (self->search_bar, FALSE);
  gtk_widget_grab_focus (GTK_WIDGET (active_view (self)));
}

static void
open_search (BylineRichTextView *self,
             gboolean            replace)
{
  GtkTextBuffer *buffer = active_buffer (self);
  GtkTextIter start, end;

  if (gtk_text_buffer_get_selection_bounds (buffer, &start, &end) &&
      gtk_text_iter_get_line (&start) == gtk_text_iter_get_line (&end))
    {
      g_autofree char *selected = gtk_text_iter_get_text (&start, &end);

      gtk_editable_set_text (GTK_EDITABLE (self->search_entry), selected);
    }
  gtk_widget_set_visible (self->replace_box, replace && !self->read_only);
  gtk_search_bar_set_search_mode (self->search_bar, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
find_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  open_search (BYLINE_RICH_TEXT_VIEW (widget), g_str_equal (action_name, "editor.replace"));
}

static gboolean
selection_matches (BylineRichTextView *self,
                   GtkTextIter        *start,
                   GtkTextIter        *end)
{
  GtkTextIter match_start, match_end;

  if (!gtk_text_buffer_get_selection_bounds (active_buffer (self), start, end))
    return FALSE;
  return find_from (self, start, TRUE, &match_start, &match_end) &&
         gtk_text_iter_equal (&match_start, start) && gtk_text_iter_equal (&match_end, end);
}

static void
replace_range (BylineRichTextView *self,
               GtkTextIter        *start,
               GtkTextIter        *end)
{
  GtkTextBuffer *buffer = active_buffer (self);
  const char *replacement = gtk_editable_get_text (GTK_EDITABLE (self->replace_entry));
  GtkTextIter position;

  gtk_text_buffer_delete_interactive (buffer, start, end, TRUE);
  position = *start;
  gtk_text_buffer_insert_interactive (buffer, &position, replacement, -1, TRUE);
  *start = position;
  *end = position;
}

static void
on_replace (BylineRichTextView *self)
{
  GtkTextBuffer *buffer = active_buffer (self);
  GtkTextIter start, end;

  if (self->read_only)
    return;
  if (selection_matches (self, &start, &end))
    {
      gtk_text_buffer_begin_user_action (buffer);
      replace_range (self, &start, &end);
      gtk_text_buffer_end_user_action (buffer);
      gtk_text_buffer_place_cursor (buffer, &end);
    }
  select_match (self, TRUE, FALSE);
}

static void
on_replace_all (BylineRichTextView *self)
{
  GtkTextBuffer *buffer = active_buffer (self);
  const char *needle = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  GtkTextIter iter, match_start, match_end;

  if (self->read_only || *needle == '\0')
    return;
  gtk_text_buffer_begin_user_action (buffer);
  gtk_text_buffer_get_start_iter (buffer, &iter);
  while (gtk_text_iter_forward_search (&iter, needle, search_flags, &match_start, &match_end, NULL))
    {
      int offset = gtk_text_iter_get_offset (&match_start);

      replace_range (self, &match_start, &match_end);
      /* Where the replacement could not go, such as protected text, search on past it. */
      if (gtk_text_iter_get_offset (&match_end) == offset)
        gtk_text_buffer_get_iter_at_offset (buffer, &match_end, offset + 1);
      iter = match_end;
    }
  gtk_text_buffer_end_user_action (buffer);
}

/* The clipboard: formatted HTML in and out, reduced to what a story holds. */

static char *
normalize_newlines (const char *text)
{
  g_auto (GStrv) lines = g_strsplit (text, "\r\n", -1);
  g_autofree char *joined = g_strjoinv ("\n", lines);

  return g_strdelimit (g_steal_pointer (&joined), "\r", '\n');
}

static void
insert_at_cursor (BylineRichTextView *self,
                  const char         *html,
                  gsize               html_length,
                  const char         *text)
{
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (self->buffer);
  GtkTextIter cursor;

  gtk_text_buffer_begin_user_action (buffer);
  gtk_text_buffer_delete_selection (buffer, TRUE, TRUE);
  gtk_text_buffer_get_iter_at_mark (buffer, &cursor, gtk_text_buffer_get_insert (buffer));
  if (html != NULL)
    byline_rich_text_buffer_insert_html (self->buffer, &cursor, html, (gssize) html_length);
  else
    {
      g_autofree char *normalized = normalize_newlines (text);

      gtk_text_buffer_insert_interactive (buffer, &cursor, normalized, -1, TRUE);
    }
  gtk_text_buffer_place_cursor (buffer, &cursor);
  gtk_text_buffer_end_user_action (buffer);
  gtk_text_view_scroll_mark_onscreen (self->text_view, gtk_text_buffer_get_insert (buffer));
  formatted (self);
}

static void
on_text_read (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr (BylineRichTextView) self = user_data;
  g_autofree char *text = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (source), result, NULL);

  if (text != NULL && !self->read_only)
    insert_at_cursor (self, NULL, 0, text);
}

static void
on_html_spliced (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr (BylineRichTextView) self = user_data;
  GMemoryOutputStream *memory = G_MEMORY_OUTPUT_STREAM (source);

  if (g_output_stream_splice_finish (G_OUTPUT_STREAM (memory), result, NULL) < 0 || self->read_only)
    return;
  insert_at_cursor (self, g_memory_output_stream_get_data (memory),
                    g_memory_output_stream_get_data_size (memory), NULL);
}

static void
on_html_read (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr (BylineRichTextView) self = user_data;
  g_autoptr (GInputStream) stream = gdk_clipboard_read_finish (GDK_CLIPBOARD (source), result, NULL, NULL);
  g_autoptr (GOutputStream) memory = NULL;

  if (stream == NULL)
    {
      gdk_clipboard_read_text_async (GDK_CLIPBOARD (source), NULL, on_text_read, g_steal_pointer (&self));
      return;
    }
  memory = g_memory_output_stream_new_resizable ();
  g_output_stream_splice_async (memory, stream,
                                G_OUTPUT_STREAM_SPLICE_CLOSE_SOURCE | G_OUTPUT_STREAM_SPLICE_CLOSE_TARGET,
                                G_PRIORITY_DEFAULT, NULL, on_html_spliced, g_steal_pointer (&self));
}

static void
on_paste_clipboard (BylineRichTextView *self,
                    GtkTextView        *text_view)
{
  static const char *html_types[] = { "text/html", NULL };
  GdkClipboard *clipboard = gtk_widget_get_clipboard (GTK_WIDGET (text_view));

  g_signal_stop_emission_by_name (text_view, "paste-clipboard");
  if (self->read_only)
    return;
  if (gdk_content_formats_contain_mime_type (gdk_clipboard_get_formats (clipboard), "text/html"))
    gdk_clipboard_read_async (clipboard, html_types, G_PRIORITY_DEFAULT, NULL, on_html_read, g_object_ref (self));
  else
    gdk_clipboard_read_text_async (clipboard, NULL, on_text_read, g_object_ref (self));
}

static void
on_copy_clipboard (BylineRichTextView *self,
                   GtkTextView        *text_view)
{
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (self->buffer);
  g_autoptr (GBytes) html_bytes = NULL;
  g_autoptr (GdkContentProvider) provider = NULL;
  GdkContentProvider *providers[2];
  g_autofree char *text = NULL;
  GtkTextIter start, end;
  char *html;

  g_signal_stop_emission_by_name (text_view, "copy-clipboard");
  if (!gtk_text_buffer_get_selection_bounds (buffer, &start, &end))
    return;
  html = byline_html_export_range (&start, &end);
  html_bytes = g_bytes_new_take (html, strlen (html));
  text = gtk_text_iter_get_text (&start, &end);
  providers[0] = gdk_content_provider_new_for_bytes ("text/html", html_bytes);
  providers[1] = gdk_content_provider_new_typed (G_TYPE_STRING, text);
  provider = gdk_content_provider_new_union (providers, G_N_ELEMENTS (providers));
  gdk_clipboard_set_content (gtk_widget_get_clipboard (GTK_WIDGET (text_view)), provider);
}

static void
on_cut_clipboard (BylineRichTextView *self,
                  GtkTextView        *text_view)
{
  on_copy_clipboard (self, text_view);
  g_signal_stop_emission_by_name (text_view, "cut-clipboard");
  if (!self->read_only)
    gtk_text_buffer_delete_selection (GTK_TEXT_BUFFER (self->buffer), TRUE, TRUE);
}

/* Dropped images */

/**
 * byline_rich_text_view_drop_files:
 * @self: a #BylineRichTextView
 * @files: (element-type GFile): the files dropped
 * @offset: the character offset they were dropped at
 *
 * Asks for each file to be attached to the story, with a mark where its figure goes.
 *
 * Returns: whether anyone takes the files
 */
gboolean
byline_rich_text_view_drop_files (BylineRichTextView *self,
                                  GSList             *files,
                                  int                 offset)
{
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (self->buffer);
  GtkTextIter iter;

  g_return_val_if_fail (BYLINE_IS_RICH_TEXT_VIEW (self), FALSE);

  if (self->read_only || self->source_mode || !g_signal_has_handler_pending (self, signals[IMAGE_DROPPED], 0, FALSE))
    return FALSE;
  gtk_text_buffer_get_iter_at_offset (buffer, &iter, offset);
  for (GSList *l = files; l != NULL; l = l->next)
    {
      g_autoptr (GtkTextMark) mark = gtk_text_mark_new (NULL, FALSE);

      gtk_text_buffer_add_mark (buffer, mark, &iter);
      g_signal_emit (self, signals[IMAGE_DROPPED], 0, l->data, mark);
    }
  return TRUE;
}

static gboolean
on_drop (BylineRichTextView *self,
         const GValue       *value,
         double              x,
         double              y)
{
  GSList single = { NULL, NULL };
  GtkTextIter iter;
  int buffer_x, buffer_y;

  gtk_text_view_window_to_buffer_coords (self->text_view, GTK_TEXT_WINDOW_WIDGET, (int) x, (int) y, &buffer_x,
                                         &buffer_y);
  gtk_text_view_get_iter_at_location (self->text_view, &iter, buffer_x, buffer_y);
  if (G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    return byline_rich_text_view_drop_files (self, g_value_get_boxed (value), gtk_text_iter_get_offset (&iter));
  single.data = g_value_get_object (value);
  return byline_rich_text_view_drop_files (self, &single, gtk_text_iter_get_offset (&iter));
}

/* Before the text view's own target, which would insert the files' addresses as text. */
static void
add_drop_target (BylineRichTextView *self)
{
  GtkDropTarget *target = gtk_drop_target_new (G_TYPE_INVALID, GDK_ACTION_COPY);
  GType types[] = { GDK_TYPE_FILE_LIST, G_TYPE_FILE };

  gtk_drop_target_set_gtypes (target, types, G_N_ELEMENTS (types));
  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (target), GTK_PHASE_CAPTURE);
  g_signal_connect_object (target, "drop", G_CALLBACK (on_drop), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self->text_view), GTK_EVENT_CONTROLLER (target));
}

/**
 * byline_rich_text_view_insert_figure:
 * @self: a #BylineRichTextView
 * @where: the mark given with #BylineRichTextView::image-dropped; it is removed
 * @image: the attached image
 *
 * Inserts the image's figure, with its caption and credit line, after the line of @where.
 * Its address is the file's path until the image is uploaded.
 */
void
byline_rich_text_view_insert_figure (BylineRichTextView *self,
                                     GtkTextMark        *where,
                                     BylineImage        *image)
{
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (self->buffer);
  GtkTextIter iter;

  g_return_if_fail (BYLINE_IS_RICH_TEXT_VIEW (self));
  g_return_if_fail (GTK_IS_TEXT_MARK (where));
  g_return_if_fail (BYLINE_IS_IMAGE (image));

  if (gtk_text_mark_get_buffer (where) != buffer)
    return;
  gtk_text_buffer_get_iter_at_mark (buffer, &iter, where);
  gtk_text_buffer_delete_mark (buffer, where);
  if (self->read_only || self->source_mode)
    return;
  byline_rich_text_buffer_insert_figure (self->buffer, &iter, byline_image_get_file (image),
                                         byline_image_get_alt_text (image), byline_image_get_caption (image),
                                         byline_image_get_credit_line (image));
  formatted (self);
}

GtkTextView *
byline_rich_text_view_get_text_view (BylineRichTextView *self)
{
  g_return_val_if_fail (BYLINE_IS_RICH_TEXT_VIEW (self), NULL);

  return self->text_view;
}

GtkTextView *
byline_rich_text_view_get_source_view (BylineRichTextView *self)
{
  g_return_val_if_fail (BYLINE_IS_RICH_TEXT_VIEW (self), NULL);

  return GTK_TEXT_VIEW (self->source_view);
}

BylineRichTextBuffer *
byline_rich_text_view_get_buffer (BylineRichTextView *self)
{
  g_return_val_if_fail (BYLINE_IS_RICH_TEXT_VIEW (self), NULL);

  return self->buffer;
}

BylineSpellChecker *
byline_rich_text_view_get_spell_checker (BylineRichTextView *self)
{
  g_return_val_if_fail (BYLINE_IS_RICH_TEXT_VIEW (self), NULL);

  return self->spell_checker;
}

GtkLabel *
byline_rich_text_view_get_status_label (BylineRichTextView *self)
{
  g_return_val_if_fail (BYLINE_IS_RICH_TEXT_VIEW (self), NULL);

  return self->status_label;
}

GtkLabel *
byline_rich_text_view_get_message_label (BylineRichTextView *self)
{
  g_return_val_if_fail (BYLINE_IS_RICH_TEXT_VIEW (self), NULL);

  return gtk_revealer_get_reveal_child (self->message_revealer) ? self->message_label : NULL;
}

GtkEditable *
byline_rich_text_view_get_search_editable (BylineRichTextView *self)
{
  g_return_val_if_fail (BYLINE_IS_RICH_TEXT_VIEW (self), NULL);

  return GTK_EDITABLE (self->search_entry);
}

GtkEditable *
byline_rich_text_view_get_replace_editable (BylineRichTextView *self)
{
  g_return_val_if_fail (BYLINE_IS_RICH_TEXT_VIEW (self), NULL);

  return GTK_EDITABLE (self->replace_entry);
}

static void
byline_rich_text_view_dispose (GObject *object)
{
  BylineRichTextView *self = BYLINE_RICH_TEXT_VIEW (object);

  g_clear_handle_id (&self->status_source, g_source_remove);
  g_clear_handle_id (&self->languages_source, g_source_remove);
  g_clear_object (&self->spell_checker);
  if (self->link_popover != NULL)
    gtk_widget_unparent (GTK_WIDGET (self->link_popover));
  self->link_popover = NULL;

  G_OBJECT_CLASS (byline_rich_text_view_parent_class)->dispose (object);
}

static void
byline_rich_text_view_finalize (GObject *object)
{
  BylineRichTextView *self = BYLINE_RICH_TEXT_VIEW (object);

  g_clear_object (&self->buffer);
  g_free (self->stored_html);
  g_free (self->language);

  G_OBJECT_CLASS (byline_rich_text_view_parent_class)->finalize (object);
}

static void
byline_rich_text_view_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  BylineRichTextView *self = BYLINE_RICH_TEXT_VIEW (object);
  const InlineFormat *format = find_inline_format (prop_id);

  if (format != NULL)
    {
      g_value_set_boolean (value, *inline_field (self, format));
      return;
    }
  switch (prop_id)
    {
    case PROP_BLOCK:
      g_value_set_string (value, self->block);
      break;
    case PROP_LIST:
      g_value_set_string (value, self->list);
      break;
    case PROP_QUOTE:
      g_value_set_boolean (value, self->quote);
      break;
    case PROP_PULLQUOTE:
      g_value_set_boolean (value, self->pullquote);
      break;
    case PROP_SOURCE_MODE:
      g_value_set_boolean (value, self->source_mode);
      break;
    case PROP_READ_ONLY:
      g_value_set_boolean (value, self->read_only);
      break;
    case PROP_LANGUAGE:
      g_value_set_string (value, self->language);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
byline_rich_text_view_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  BylineRichTextView *self = BYLINE_RICH_TEXT_VIEW (object);

  if (find_inline_format (prop_id) != NULL)
    {
      set_inline (self, prop_id, g_value_get_boolean (value));
      return;
    }
  switch (prop_id)
    {
    case PROP_BLOCK:
      set_block (self, g_value_get_string (value));
      break;
    case PROP_LIST:
      set_list (self, g_value_get_string (value));
      break;
    case PROP_QUOTE:
      set_quote (self, g_value_get_boolean (value));
      break;
    case PROP_PULLQUOTE:
      set_pullquote (self, g_value_get_boolean (value));
      break;
    case PROP_SOURCE_MODE:
      set_source_mode (self, g_value_get_boolean (value));
      break;
    case PROP_LANGUAGE:
      byline_rich_text_view_set_language (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static GParamSpec *
format_property (const char *name,
                 gboolean    writable)
{
  GParamFlags flags = G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_READABLE;

  return g_param_spec_boolean (name, NULL, NULL, FALSE, flags | (writable ? G_PARAM_WRITABLE : 0));
}

static void
install_properties (GObjectClass *object_class)
{
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  properties[PROP_BOLD] = format_property ("bold", TRUE);
  properties[PROP_ITALIC] = format_property ("italic", TRUE);
  properties[PROP_UNDERLINE] = format_property ("underline", TRUE);
  properties[PROP_STRIKETHROUGH] = format_property ("strikethrough", TRUE);
  properties[PROP_CODE] = format_property ("code", TRUE);
  properties[PROP_QUOTE] = format_property ("quote", TRUE);
  properties[PROP_PULLQUOTE] = format_property ("pullquote", TRUE);
  properties[PROP_SOURCE_MODE] = format_property ("source-mode", TRUE);
  properties[PROP_READ_ONLY] = format_property ("read-only", FALSE);
  properties[PROP_BLOCK] = g_param_spec_string ("block", NULL, NULL, "", flags);
  properties[PROP_LIST] = g_param_spec_string ("list", NULL, NULL, "", flags);
  properties[PROP_LANGUAGE] = g_param_spec_string ("language", NULL, NULL, "", flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
install_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_property_action (widget_class, "format.bold", "bold");
  gtk_widget_class_install_property_action (widget_class, "format.italic", "italic");
  gtk_widget_class_install_property_action (widget_class, "format.underline", "underline");
  gtk_widget_class_install_property_action (widget_class, "format.strikethrough", "strikethrough");
  gtk_widget_class_install_property_action (widget_class, "format.code", "code");
  gtk_widget_class_install_property_action (widget_class, "format.block", "block");
  gtk_widget_class_install_property_action (widget_class, "format.list", "list");
  gtk_widget_class_install_property_action (widget_class, "format.quote", "quote");
  gtk_widget_class_install_property_action (widget_class, "format.pullquote", "pullquote");
  gtk_widget_class_install_property_action (widget_class, "editor.source-mode", "source-mode");
  gtk_widget_class_install_action (widget_class, "format.link", NULL, link_action);
  gtk_widget_class_install_action (widget_class, "format.rule", NULL, rule_action);
  gtk_widget_class_install_action (widget_class, "format.indent", NULL, indent_action);
  gtk_widget_class_install_action (widget_class, "format.outdent", NULL, indent_action);
  gtk_widget_class_install_action (widget_class, "editor.undo", NULL, history_action);
  gtk_widget_class_install_action (widget_class, "editor.redo", NULL, history_action);
  gtk_widget_class_install_action (widget_class, "editor.find", NULL, find_action);
  gtk_widget_class_install_action (widget_class, "editor.replace", NULL, find_action);
  gtk_widget_class_install_action (widget_class, "editor.find-next", NULL, find_next_action);
  gtk_widget_class_install_action (widget_class, "editor.find-previous", NULL, find_next_action);
}

/* Bound on this widget, they win over the window's own Ctrl+F while the body has focus. */
static void
add_bindings (GtkWidgetClass *widget_class)
{
  static const struct { guint key; const char *block; } headings[] = {
    { GDK_KEY_0, "p" }, { GDK_KEY_1, "h2" }, { GDK_KEY_2, "h3" }, { GDK_KEY_3, "h4" },
  };

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_b, GDK_CONTROL_MASK, "format.bold", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_i, GDK_CONTROL_MASK, "format.italic", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_u, GDK_CONTROL_MASK, "format.underline", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_k, GDK_CONTROL_MASK, "format.link", NULL);
  /* The body's text view has its own for GTK's undo, which is off: these take over. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK, "editor.undo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "editor.redo",
                                       NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_y, GDK_CONTROL_MASK, "editor.redo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "editor.find", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_h, GDK_CONTROL_MASK, "editor.replace", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_g, GDK_CONTROL_MASK, "editor.find-next", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_g, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "editor.find-previous", NULL);
  for (gsize i = 0; i < G_N_ELEMENTS (headings); i++)
    gtk_widget_class_add_binding_action (widget_class, headings[i].key, GDK_CONTROL_MASK, "format.block", "s",
                                         headings[i].block);
}

static void
byline_rich_text_view_class_init (BylineRichTextViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = byline_rich_text_view_dispose;
  object_class->finalize = byline_rich_text_view_finalize;
  object_class->get_property = byline_rich_text_view_get_property;
  object_class->set_property = byline_rich_text_view_set_property;
  install_properties (object_class);

  /**
   * BylineRichTextView::changed:
   *
   * Emitted when the writer changed the body, in either mode; not when it is loaded.
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                                   NULL, G_TYPE_NONE, 0);

  /**
   * BylineRichTextView::image-dropped:
   * @self: the view
   * @file: the image file
   * @where: a mark where its figure goes, for byline_rich_text_view_insert_figure()
   *
   * Emitted for each file dropped on the body, to be attached to the story.
   */
  signals[IMAGE_DROPPED] = g_signal_new ("image-dropped", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                                         NULL, NULL, G_TYPE_NONE, 2, G_TYPE_FILE, GTK_TYPE_TEXT_MARK);

  gtk_source_init ();
  g_type_ensure (GTK_SOURCE_TYPE_VIEW);
  g_type_ensure (BYLINE_TYPE_FORMAT_TOOLBAR);
  g_type_ensure (BYLINE_TYPE_BODY_VIEW);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/byline-rich-text-view.ui");
  gtk_widget_class_bind_template_child (widget_class, BylineRichTextView, text_view);
  gtk_widget_class_bind_template_child (widget_class, BylineRichTextView, source_view);
  gtk_widget_class_bind_template_child (widget_class, BylineRichTextView, mode_stack);
  gtk_widget_class_bind_template_child (widget_class, BylineRichTextView, message_revealer);
  gtk_widget_class_bind_template_child (widget_class, BylineRichTextView, message_label);
  gtk_widget_class_bind_template_child (widget_class, BylineRichTextView, edit_anyway_button);
  gtk_widget_class_bind_template_child (widget_class, BylineRichTextView, search_bar);
  gtk_widget_class_bind_template_child (widget_class, BylineRichTextView, search_entry);
  gtk_widget_class_bind_template_child (widget_class, BylineRichTextView, replace_box);
  gtk_widget_class_bind_template_child (widget_class, BylineRichTextView, replace_entry);
  gtk_widget_class_bind_template_child (widget_class, BylineRichTextView, status_label);
  gtk_widget_class_bind_template_child (widget_class, BylineRichTextView, language_drop_down);
  gtk_widget_class_bind_template_child (widget_class, BylineRichTextView, language_list);
  gtk_widget_class_bind_template_child (widget_class, BylineRichTextView, link_popover);
  gtk_widget_class_bind_template_child (widget_class, BylineRichTextView, link_entry);
  gtk_widget_class_bind_template_child (widget_class, BylineRichTextView, link_remove_button);
  gtk_widget_class_bind_template_callback (widget_class, on_edit_anyway_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_link_apply);
  gtk_widget_class_bind_template_callback (widget_class, on_link_remove);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_search_next);
  gtk_widget_class_bind_template_callback (widget_class, on_search_previous);
  gtk_widget_class_bind_template_callback (widget_class, on_stop_search);
  gtk_widget_class_bind_template_callback (widget_class, on_replace);
  gtk_widget_class_bind_template_callback (widget_class, on_replace_all);
  gtk_widget_class_bind_template_callback (widget_class, on_paste_clipboard);
  gtk_widget_class_bind_template_callback (widget_class, on_copy_clipboard);
  gtk_widget_class_bind_template_callback (widget_class, on_cut_clipboard);
  gtk_widget_class_bind_template_callback (widget_class, on_key_pressed);
  gtk_widget_class_bind_template_callback (widget_class, on_language_selected);
  install_actions (widget_class);
  add_bindings (widget_class);
}

static void
setup_source_view (BylineRichTextView *self)
{
  GtkSourceBuffer *source = GTK_SOURCE_BUFFER (gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->source_view)));

  g_signal_connect_object (source, "changed", G_CALLBACK (on_source_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (source, "notify::can-undo", G_CALLBACK (update_actions), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (source, "notify::can-redo", G_CALLBACK (update_actions), self, G_CONNECT_SWAPPED);
}

static void
byline_rich_text_view_init (BylineRichTextView *self)
{
  GtkTextBuffer *buffer;

  self->block = self->list = g_intern_static_string ("");
  self->language = g_strdup ("");
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_widget_set_parent (GTK_WIDGET (self->link_popover), GTK_WIDGET (self->text_view));
  gtk_search_bar_connect_entry (self->search_bar, GTK_EDITABLE (self->search_entry));

  self->buffer = byline_rich_text_buffer_new ();
  buffer = GTK_TEXT_BUFFER (self->buffer);
  gtk_text_view_set_buffer (self->text_view, buffer);
  g_signal_connect_object (buffer, "changed", G_CALLBACK (on_buffer_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (buffer, "mark-set", G_CALLBACK (on_mark_set), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (buffer, "format-changed", G_CALLBACK (refresh_formats), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (buffer, "notify::can-undo", G_CALLBACK (update_actions), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (buffer, "notify::can-redo", G_CALLBACK (update_actions), self, G_CONNECT_SWAPPED);
  setup_source_view (self);
  add_drop_target (self);
  self->spell_checker = byline_spell_checker_new (self->text_view);
  /* Translators: the first choice of spelling language: the user's own */
  gtk_string_list_append (self->language_list, _("Default Language"));
  update_actions (self);
  byline_rich_text_view_update_status (self);
}

GtkWidget *
byline_rich_text_view_new (void)
{
  return g_object_new (BYLINE_TYPE_RICH_TEXT_VIEW, NULL);
}
