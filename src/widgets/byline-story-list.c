/* byline-story-list.c
 *
 * Choosing Needs Review turns the list into the editors' review queue: the
 * queue is read from the store off the main loop, then the filter model
 * shows it oldest first and each row its writer, time waiting and word
 * count, looked up by story at bind time. The word counts are the store's,
 * not counted from the bodies here.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "store/byline-workflow.h"

#include "byline-story-filter-model.h"
#include "byline-story-list.h"
#include "byline-story-row.h"
#include "byline-story-selection.h"
#include "byline-story-slot.h"

struct _BylineStoryList
{
  AdwBin              parent_instance;

  BylineStore            *store;
  BylineStoryFilterModel *filter_model;
  BylineStorySelection   *selection;

  /* Folded once per keystroke, never per story; NULL matches everything. */
  char                   *needle;
  int                     status_filter;
  /* The selected story, watched to move it up when it is edited. */
  BylineStory            *watched_story;
  gulong                  modified_handler;
  /* Set while the list itself fills the entry, whose first change empties it. */
  gboolean                setting_search_text;
  /* The status filter's labels carry counts, recounted a moment after the
   * stories change rather than on every change. */
  GtkStringList          *status_labels;
  guint                   recount_source;
  gulong                  stories_changed_handler;
  gboolean                relabelling;
  /* The review queue while Needs Review is chosen: story uuid → BylineReviewItem. */
  GHashTable             *review_items;
  GCancellable           *review_cancellable;
  /* Until the list's first frame only its first rows are built; the rest
   * come after it, when this handler on the frame clock runs. */
  gboolean                holding_back_rows;
  GdkFrameClock          *first_paint_clock;
  gulong                  first_paint_handler;
  /* While shown, the rows' relative times ("5 minutes ago") are kept true. */
  guint                   minute_source;

  GtkSearchEntry         *search_entry;
  GtkDropDown            *status_drop_down;
  GtkStack               *content_stack;
  GtkListView            *list_view;
  AdwStatusPage          *empty_page;
};

G_DEFINE_FINAL_TYPE (BylineStoryList, byline_story_list, ADW_TYPE_BIN)

enum
{
  PROP_0,
  PROP_STORE,
  PROP_SELECTED_STORY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* A screen of rows on a tall monitor. */
#define ROWS_BEFORE_FIRST_FRAME 64

static void
stop_waiting_for_first_paint (BylineStoryList *self)
{
  if (self->first_paint_clock != NULL)
    g_clear_signal_handler (&self->first_paint_handler, self->first_paint_clock);
  g_clear_object (&self->first_paint_clock);
}

static void
show_all_rows (BylineStoryList *self)
{
  stop_waiting_for_first_paint (self);
  self->holding_back_rows = FALSE;
  byline_story_selection_set_max_items (self->selection, G_MAXUINT);
}

/* GtkListView builds and measures a row for each of up to 200 stories
 * before its first frame, though a screen shows a fraction of them. */
static void
hold_back_rows (BylineStoryList *self)
{
  self->holding_back_rows = TRUE;
  byline_story_selection_set_max_items (self->selection, ROWS_BEFORE_FIRST_FRAME);
}

static gboolean
on_minute_passed (gpointer user_data)
{
  BylineStoryList *self = user_data;

  byline_story_selection_refresh (self->selection);
  return G_SOURCE_CONTINUE;
}

static void
byline_story_list_map (GtkWidget *widget)
{
  BylineStoryList *self = BYLINE_STORY_LIST (widget);

  GTK_WIDGET_CLASS (byline_story_list_parent_class)->map (widget);
  if (self->minute_source == 0)
    self->minute_source = g_timeout_add_seconds (60, on_minute_passed, self);
  if (self->holding_back_rows && self->first_paint_clock == NULL)
    {
      self->first_paint_clock = g_object_ref (gtk_widget_get_frame_clock (widget));
      self->first_paint_handler = g_signal_connect_swapped (self->first_paint_clock, "after-paint",
                                                            G_CALLBACK (show_all_rows), self);
    }
}

static void
byline_story_list_unmap (GtkWidget *widget)
{
  BylineStoryList *self = BYLINE_STORY_LIST (widget);

  stop_waiting_for_first_paint (self);
  g_clear_handle_id (&self->minute_source, g_source_remove);
  GTK_WIDGET_CLASS (byline_story_list_parent_class)->unmap (widget);
}

/* A new search or status starts from the top of what it finds. */
static void
filter (BylineStoryList *self)
{
  show_all_rows (self);
  byline_story_filter_model_set_filter (self->filter_model, self->needle, self->status_filter);
  gtk_adjustment_set_value (gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (self->list_view)), 0);
}

static void
apply_search_text (BylineStoryList *self,
                   const char      *text)
{
  g_autofree char *needle = NULL;

  if (text != NULL && *text != '\0')
    needle = byline_story_fold_search_text (text);
  if (g_strcmp0 (needle, self->needle) == 0)
    return;

  g_free (self->needle);
  self->needle = g_steal_pointer (&needle);
  filter (self);
}

static void
read_review_queue (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  GError *error = NULL;
  GPtrArray *items = byline_workflow_list_review_queue (task_data, &error);

  if (items == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, items, (GDestroyNotify) g_ptr_array_unref);
}

static GHashTable *
index_review_items (GPtrArray *items)
{
  GHashTable *by_uuid = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                               (GDestroyNotify) byline_review_item_free);

  for (guint i = 0; i < items->len; i++)
    {
      BylineReviewItem *item = g_ptr_array_index (items, i);

      g_hash_table_insert (by_uuid, item->story_uuid, item);
    }
  return by_uuid;
}

static gboolean
same_review_item (const BylineReviewItem *a,
                  const BylineReviewItem *b)
{
  return a != NULL && b != NULL && g_strcmp0 (a->writer, b->writer) == 0 && a->word_count == b->word_count &&
         a->waiting_since != NULL && b->waiting_since != NULL && g_date_time_equal (a->waiting_since, b->waiting_since);
}

/* The queue is read again after every change of the stories, while one is
 * being written too: only the rows whose details changed are bound again, so
 * that the list does not flicker or lose its place. */
static void
show_review_queue (BylineStoryList *self,
                   GPtrArray       *items)
{
  g_autoptr (GPtrArray) stories = g_ptr_array_new_full (items->len, g_object_unref);
  g_autoptr (GHashTable) previous = g_steal_pointer (&self->review_items);

  self->review_items = index_review_items (items);
  for (guint i = 0; i < items->len; i++)
    {
      const BylineReviewItem *item = g_ptr_array_index (items, i);
      BylineStory *story = byline_store_find_story (self->store, item->story_uuid);

      if (story != NULL)
        g_ptr_array_add (stories, g_object_ref (story));
    }
  byline_story_filter_model_set_review_order (self->filter_model, stories);
  for (guint i = 0; previous != NULL && i < items->len; i++)
    {
      const BylineReviewItem *item = g_ptr_array_index (items, i);
      BylineStory *story = byline_store_find_story (self->store, item->story_uuid);

      if (story != NULL && !same_review_item (item, g_hash_table_lookup (previous, item->story_uuid)))
        byline_story_filter_model_refresh (self->filter_model, story);
    }
  if (previous == NULL)
    {
      guint selected = byline_story_selection_get_selected (self->selection);

      byline_story_filter_model_refresh (self->filter_model, NULL);
      /* The list would stay with the story it showed first, now far down: the
       * queue starts at the longest waiting, or at the story being edited. */
      if (g_list_model_get_n_items (G_LIST_MODEL (self->filter_model)) > 0)
        gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u",
                                    selected != GTK_INVALID_LIST_POSITION ? selected : 0);
    }
}

static void
on_review_queue_read (GObject      *source_object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr (BylineStoryList) self = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) items = g_task_propagate_pointer (G_TASK (result), &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (items == NULL)
    {
      g_warning ("Could not read the review queue: %s", error->message);
      return;
    }
  if (self->store != NULL && self->status_filter == BYLINE_STORY_STATUS_PENDING)
    {
      /* The table now owns the items. */
      g_ptr_array_set_free_func (items, NULL);
      show_review_queue (self, items);
    }
}

static void
forget_review_queue (BylineStoryList *self)
{
  g_cancellable_cancel (self->review_cancellable);
  g_clear_object (&self->review_cancellable);
  g_clear_pointer (&self->review_items, g_hash_table_unref);
  if (self->filter_model != NULL)
    byline_story_filter_model_set_review_order (self->filter_model, NULL);
}

/* Read again whenever the stories change while the queue is shown. */
static void
load_review_queue (BylineStoryList *self)
{
  g_autoptr (GTask) task = NULL;

  g_cancellable_cancel (self->review_cancellable);
  g_clear_object (&self->review_cancellable);
  if (self->store == NULL || self->status_filter != BYLINE_STORY_STATUS_PENDING)
    return;

  self->review_cancellable = g_cancellable_new ();
  task = g_task_new (NULL, self->review_cancellable, on_review_queue_read, g_object_ref (self));
  g_task_set_source_tag (task, BYLINE_SOURCE_TAG (load_review_queue));
  g_task_set_task_data (task, g_object_ref (self->store), g_object_unref);
  g_task_set_return_on_cancel (task, TRUE);
  g_task_run_in_thread (task, read_review_queue);
}

static void
apply_status_filter (BylineStoryList *self,
                     int              status)
{
  if (status == self->status_filter)
    return;
  self->status_filter = status;
  if (status == BYLINE_STORY_STATUS_PENDING)
    load_review_queue (self);
  else
    forget_review_queue (self);
  filter (self);
}

static void
on_search_changed (BylineStoryList *self)
{
  if (self->setting_search_text)
    return;
  apply_search_text (self, gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
}

/* Filters once for @text: the entry would otherwise search for its
 * emptied text first, then for @text. */
static void
set_search_text (BylineStoryList *self,
                 const char      *text)
{
  self->setting_search_text = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text != NULL ? text : "");
  self->setting_search_text = FALSE;
  apply_search_text (self, text);
}

static void
on_stop_search (BylineStoryList *self)
{
  set_search_text (self, NULL);
}

static void
on_status_selected (BylineStoryList *self)
{
  guint selected = gtk_drop_down_get_selected (self->status_drop_down);

  if (self->relabelling)
    return;

  apply_status_filter (self, selected == 0 || selected == GTK_INVALID_LIST_POSITION
                               ? BYLINE_STORY_FILTER_ALL_STATUSES
                               : (int) selected - 1);
}

static void
update_empty_state (BylineStoryList *self)
{
  gboolean empty = g_list_model_get_n_items (G_LIST_MODEL (self->filter_model)) == 0;
  gboolean filtering = self->needle != NULL || self->status_filter != BYLINE_STORY_FILTER_ALL_STATUSES;

  if (empty && filtering)
    {
      adw_status_page_set_icon_name (self->empty_page, "edit-find-symbolic");
      adw_status_page_set_title (self->empty_page, _("No Stories Found"));
      adw_status_page_set_description (self->empty_page, _("Try a different search or status"));
    }
  else if (empty)
    {
      adw_status_page_set_icon_name (self->empty_page, "document-new-symbolic");
      adw_status_page_set_title (self->empty_page, _("No Stories"));
      adw_status_page_set_description (self->empty_page, _("Start one with New Story"));
    }
  gtk_stack_set_visible_child_name (self->content_stack, empty && self->store ? "empty" : "list");
}

static void schedule_recount (BylineStoryList *self);

static void
on_watched_story_modified (BylineStoryList *self,
                           GParamSpec      *pspec,
                           BylineStory     *story)
{
  byline_story_filter_model_story_touched (self->filter_model, story);
  schedule_recount (self);
}

static void
watch_story (BylineStoryList *self,
             BylineStory     *story)
{
  if (self->watched_story == story)
    return;
  if (self->watched_story != NULL)
    g_clear_signal_handler (&self->modified_handler, self->watched_story);
  g_set_object (&self->watched_story, story);
  if (story != NULL)
    self->modified_handler = g_signal_connect_object (story, "notify::modified",
                                                      G_CALLBACK (on_watched_story_modified),
                                                      self, G_CONNECT_SWAPPED);
}

static void
on_selected_item_changed (BylineStoryList *self)
{
  watch_story (self, byline_story_selection_get_selected_story (self->selection));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED_STORY]);
}

/* A row may be bound before it is in the list's widget tree: it is told
 * which list it belongs to, for the review queue's details. The factory
 * lives in the list view, which the list outlives. */
static void
setup_row (GtkSignalListItemFactory *factory,
           GtkListItem              *list_item,
           BylineStoryList          *self)
{
  gtk_list_item_set_child (list_item, byline_story_row_new ());
  g_object_set_data (G_OBJECT (list_item), "byline-story-list", self);
}

/* Shows the story now in the row's place. */
static void
show_slot_story (GtkListItem *list_item)
{
  BylineStoryRow *row = BYLINE_STORY_ROW (gtk_list_item_get_child (list_item));
  BylineStory *story = byline_story_slot_get_story (gtk_list_item_get_item (list_item));
  BylineStoryList *self = g_object_get_data (G_OBJECT (list_item), "byline-story-list");
  const BylineReviewItem *item = NULL;

  if (self->review_items != NULL)
    item = g_hash_table_lookup (self->review_items, byline_story_get_uuid (story));
  byline_story_row_set_story (row, story);
  byline_story_row_set_review_item (row, item);
}

static void
bind_row (GtkSignalListItemFactory *factory,
          GtkListItem              *list_item)
{
  show_slot_story (list_item);
  g_signal_connect_swapped (gtk_list_item_get_item (list_item), "notify::story",
                            G_CALLBACK (show_slot_story), list_item);
}

static void
unbind_row (GtkSignalListItemFactory *factory,
            GtkListItem              *list_item)
{
  g_signal_handlers_disconnect_by_data (gtk_list_item_get_item (list_item), list_item);
  byline_story_row_set_story (BYLINE_STORY_ROW (gtk_list_item_get_child (list_item)), NULL);
}

static GtkListItemFactory *
create_row_factory (BylineStoryList *self)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", G_CALLBACK (setup_row), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row), NULL);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_row), NULL);
  return factory;
}

/* In the order of BylineStoryStatus, after "All": the filter's index is the status + 1. */
static char **
status_labels_with_counts (const BylineStatusCounts *counts,
                           guint                     n_private)
{
  char **labels = g_new0 (char *, 7);

  /* Translators: entries of the story list's filter, each with its number of stories */
  labels[0] = g_strdup_printf (_("All (%u)"), counts->all);
  labels[1] = g_strdup_printf (_("My Drafts (%u)"), counts->drafts);
  labels[2] = g_strdup_printf (_("Needs Review (%u)"), counts->pending);
  labels[3] = g_strdup_printf (_("Scheduled (%u)"), counts->scheduled);
  labels[4] = g_strdup_printf (_("Published (%u)"), counts->published);
  labels[5] = g_strdup_printf (_("Private (%u)"), n_private);
  return labels;
}

static void
recount (BylineStoryList *self)
{
  BylineStatusCounts counts = { 0 };
  g_auto (GStrv) labels = NULL;
  guint selected = gtk_drop_down_get_selected (self->status_drop_down);
  guint n_labels = g_list_model_get_n_items (G_LIST_MODEL (self->status_labels));

  if (self->store != NULL)
    byline_workflow_count_statuses (byline_store_get_stories (self->store), &counts);
  labels = status_labels_with_counts (&counts, counts.all - counts.drafts - counts.pending - counts.scheduled -
                                                 counts.published);
  self->relabelling = TRUE;
  gtk_string_list_splice (self->status_labels, 0, n_labels, (const char * const *) labels);
  gtk_drop_down_set_selected (self->status_drop_down, selected == GTK_INVALID_LIST_POSITION ? 0 : selected);
  self->relabelling = FALSE;
}

static gboolean
on_recount_timeout (gpointer user_data)
{
  BylineStoryList *self = user_data;

  self->recount_source = 0;
  recount (self);
  load_review_queue (self);
  return G_SOURCE_REMOVE;
}

static void
schedule_recount (BylineStoryList *self)
{
  if (self->recount_source == 0)
    self->recount_source = g_timeout_add (250, on_recount_timeout, self);
}

static void
create_models (BylineStoryList *self)
{
  self->filter_model = byline_story_filter_model_new ();
  self->selection = byline_story_selection_new (self->filter_model);

  g_signal_connect_object (self->selection, "notify::selected-story",
                           G_CALLBACK (on_selected_item_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->filter_model, "items-changed", G_CALLBACK (update_empty_state),
                           self, G_CONNECT_SWAPPED);
}

/* The store may hold another object for the same story (one read again
 * from disk): the story is found by its uuid too. */
static guint
find_story_position (BylineStoryList *self,
                     BylineStory     *story)
{
  BylineStory *shown = self->store != NULL ? byline_store_find_story (self->store, byline_story_get_uuid (story))
                                            : NULL;
  guint position;

  if (byline_story_filter_model_find (self->filter_model, story, &position) ||
      (shown != NULL && byline_story_filter_model_find (self->filter_model, shown, &position)))
    return position;
  return GTK_INVALID_LIST_POSITION;
}

static void
clear_filters (BylineStoryList *self)
{
  set_search_text (self, NULL);
  gtk_drop_down_set_selected (self->status_drop_down, 0);
}

BylineStore *
byline_story_list_get_store (BylineStoryList *self)
{
  g_return_val_if_fail (BYLINE_IS_STORY_LIST (self), NULL);

  return self->store;
}

void
byline_story_list_set_store (BylineStoryList *self,
                             BylineStore     *store)
{
  g_return_if_fail (BYLINE_IS_STORY_LIST (self));
  g_return_if_fail (store == NULL || BYLINE_IS_STORE (store));

  if (self->store != NULL)
    g_clear_signal_handler (&self->stories_changed_handler, byline_store_get_stories (self->store));
  if (!g_set_object (&self->store, store))
    return;
  forget_review_queue (self);
  if (store != NULL)
    self->stories_changed_handler = g_signal_connect_object (byline_store_get_stories (store), "items-changed",
                                                             G_CALLBACK (schedule_recount), self,
                                                             G_CONNECT_SWAPPED);
  recount (self);

  if (store != NULL && !gtk_widget_get_mapped (GTK_WIDGET (self)))
    hold_back_rows (self);
  byline_story_filter_model_set_model (self->filter_model,
                                       store != NULL ? byline_store_get_stories (store) : NULL);
  load_review_queue (self);
  update_empty_state (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

BylineStory *
byline_story_list_get_selected_story (BylineStoryList *self)
{
  g_return_val_if_fail (BYLINE_IS_STORY_LIST (self), NULL);

  return byline_story_selection_get_selected_story (self->selection);
}

/**
 * byline_story_list_set_selected_story:
 * @self: a #BylineStoryList
 * @story: (nullable): the story to select, or %NULL to clear the selection
 *
 * Selects @story and scrolls to it. A story hidden by the search or the
 * status filter is shown by clearing them.
 */
void
byline_story_list_set_selected_story (BylineStoryList *self,
                                      BylineStory     *story)
{
  guint position = GTK_INVALID_LIST_POSITION;

  g_return_if_fail (BYLINE_IS_STORY_LIST (self));
  g_return_if_fail (story == NULL || BYLINE_IS_STORY (story));

  if (story != NULL)
    position = find_story_position (self, story);
  if (story != NULL && position == GTK_INVALID_LIST_POSITION)
    {
      clear_filters (self);
      position = find_story_position (self, story);
    }

  byline_story_selection_set_selected_story (self->selection,
                                             byline_story_filter_model_peek (self->filter_model, position));
  if (position != GTK_INVALID_LIST_POSITION)
    gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u", position);
}

void
byline_story_list_focus_search (BylineStoryList *self)
{
  g_return_if_fail (BYLINE_IS_STORY_LIST (self));

  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

/**
 * byline_story_list_set_search_text:
 * @self: a #BylineStoryList
 * @text: (nullable): what to search for
 *
 * Fills the search entry and filters at once, without the entry's typing delay.
 */
void
byline_story_list_set_search_text (BylineStoryList *self,
                                   const char      *text)
{
  g_return_if_fail (BYLINE_IS_STORY_LIST (self));

  set_search_text (self, text);
}

/**
 * byline_story_list_set_status_filter:
 * @self: a #BylineStoryList
 * @status: a #BylineStoryStatus, or -1 for every status
 */
void
byline_story_list_set_status_filter (BylineStoryList *self,
                                     int              status)
{
  g_return_if_fail (BYLINE_IS_STORY_LIST (self));
  g_return_if_fail (status >= BYLINE_STORY_FILTER_ALL_STATUSES && status <= BYLINE_STORY_STATUS_PRIVATE);

  gtk_drop_down_set_selected (self->status_drop_down, (guint) (status + 1));
}

/**
 * byline_story_list_get_filter_model:
 * @self: a #BylineStoryList
 *
 * Returns: (transfer none): the stories shown, newest first
 */
GListModel *
byline_story_list_get_filter_model (BylineStoryList *self)
{
  g_return_val_if_fail (BYLINE_IS_STORY_LIST (self), NULL);

  return G_LIST_MODEL (self->filter_model);
}

static void
byline_story_list_dispose (GObject *object)
{
  BylineStoryList *self = BYLINE_STORY_LIST (object);

  if (self->list_view != NULL)
    gtk_list_view_set_model (self->list_view, NULL);
  stop_waiting_for_first_paint (self);
  g_clear_handle_id (&self->minute_source, g_source_remove);
  watch_story (self, NULL);
  forget_review_queue (self);
  g_clear_handle_id (&self->recount_source, g_source_remove);
  if (self->store != NULL)
    g_clear_signal_handler (&self->stories_changed_handler, byline_store_get_stories (self->store));
  g_clear_object (&self->status_labels);
  g_clear_object (&self->selection);
  g_clear_object (&self->filter_model);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (byline_story_list_parent_class)->dispose (object);
}

static void
byline_story_list_finalize (GObject *object)
{
  BylineStoryList *self = BYLINE_STORY_LIST (object);

  g_free (self->needle);

  G_OBJECT_CLASS (byline_story_list_parent_class)->finalize (object);
}

static void
byline_story_list_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  BylineStoryList *self = BYLINE_STORY_LIST (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_SELECTED_STORY:
      g_value_set_object (value, byline_story_list_get_selected_story (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
byline_story_list_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  BylineStoryList *self = BYLINE_STORY_LIST (object);

  switch (prop_id)
    {
    case PROP_STORE:
      byline_story_list_set_store (self, g_value_get_object (value));
      break;
    case PROP_SELECTED_STORY:
      byline_story_list_set_selected_story (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
byline_story_list_class_init (BylineStoryListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = byline_story_list_dispose;
  object_class->finalize = byline_story_list_finalize;
  object_class->get_property = byline_story_list_get_property;
  object_class->set_property = byline_story_list_set_property;
  widget_class->map = byline_story_list_map;
  widget_class->unmap = byline_story_list_unmap;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, BYLINE_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_SELECTED_STORY] =
    g_param_spec_object ("selected-story", NULL, NULL, BYLINE_TYPE_STORY,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/byline-story-list.ui");
  gtk_widget_class_bind_template_child (widget_class, BylineStoryList, search_entry);
  gtk_widget_class_bind_template_child (widget_class, BylineStoryList, status_drop_down);
  gtk_widget_class_bind_template_child (widget_class, BylineStoryList, content_stack);
  gtk_widget_class_bind_template_child (widget_class, BylineStoryList, list_view);
  gtk_widget_class_bind_template_child (widget_class, BylineStoryList, empty_page);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_stop_search);
  gtk_widget_class_bind_template_callback (widget_class, on_status_selected);
}

static void
byline_story_list_init (BylineStoryList *self)
{
  g_autoptr (GtkListItemFactory) factory = NULL;

  self->status_filter = BYLINE_STORY_FILTER_ALL_STATUSES;
  factory = create_row_factory (self);
  gtk_widget_init_template (GTK_WIDGET (self));

  create_models (self);
  gtk_list_view_set_factory (self->list_view, factory);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));
  self->status_labels = gtk_string_list_new (NULL);
  gtk_drop_down_set_model (self->status_drop_down, G_LIST_MODEL (self->status_labels));
  recount (self);
  gtk_search_entry_set_key_capture_widget (self->search_entry, GTK_WIDGET (self->list_view));
}

GtkWidget *
byline_story_list_new (void)
{
  return g_object_new (BYLINE_TYPE_STORY_LIST, NULL);
}
