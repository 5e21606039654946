/* byline-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "model/byline-story.h"
#include "store/byline-store-sync.h"

#include "byline-accounts-window.h"
#include "byline-add-account-dialog.h"
#include "byline-conflict-dialog.h"
#include "byline-credit-panel-private.h"
#include "byline-editor-page.h"
#include "byline-window-private.h"
#include "byline-workflow-bar.h"

struct _BylineWindow
{
  AdwApplicationWindow  parent_instance;

  BylineStore          *store;
  BylineSyncManager    *sync_manager;
  GSettings            *settings;
  gulong                stories_changed_handler;
  gboolean              show_story_list;
  gboolean              show_credit_panel;
  gboolean              first_frame_reported;

  AdwToastOverlay      *toast_overlay;
  AdwWindowTitle       *window_title;
  GtkPaned             *outer_paned;
  GtkStack             *editor_stack;
  BylineStoryList      *story_list;
  BylineCreditPanel    *credit_panel;
  /* Built on first use (see ensure_editor_page()); the two below are its children. */
  BylineEditorPage     *editor_page;
  BylineStoryEditor    *story_editor;
  BylineWorkflowBar    *workflow_bar;
  gulong                editor_page_paint_handler;
  guint                 editor_page_idle;
  GtkStack             *sync_stack;
  GtkSpinner           *sync_spinner;
  GtkRevealer          *offline_revealer;
};

G_DEFINE_FINAL_TYPE (BylineWindow, byline_window, ADW_TYPE_APPLICATION_WINDOW)

enum
{
  PROP_0,
  PROP_STORE,
  PROP_SHOW_STORY_LIST,
  PROP_SHOW_CREDIT_PANEL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
show_error_toast (BylineWindow *self,
                  const char   *message)
{
  g_autofree char *escaped = g_markup_escape_text (message, -1);

  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (escaped));
}

static const char *
headline_or_untitled (BylineStory *story)
{
  const char *headline = byline_story_get_headline (story);

  return headline != NULL && *headline != '\0' ? headline : _("Untitled Story");
}

static void
update_actions (BylineWindow *self)
{
  gboolean has_store = self->store != NULL;
  gboolean has_selection = byline_story_list_get_selected_story (self->story_list) != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.new-story", has_store);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.delete-story", has_store && has_selection);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.sync", has_store);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.add-account", has_store);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.accounts", has_store);
}

static void
update_subtitle (BylineWindow *self)
{
  g_autofree char *subtitle = NULL;

  if (self->store != NULL)
    {
      guint n_stories = g_list_model_get_n_items (byline_store_get_stories (self->store));

      subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u story", "%u stories", n_stories),
                                  n_stories);
    }
  adw_window_title_set_subtitle (self->window_title, subtitle);
}

/* A revealer leaves its child in the accessibility tree when it is hidden, so
 * screen readers are told whether the banner is shown. */
static void
reveal_banner (GtkRevealer *revealer,
               gboolean     reveal)
{
  gtk_revealer_set_reveal_child (revealer, reveal);
  gtk_accessible_update_state (GTK_ACCESSIBLE (gtk_revealer_get_child (revealer)),
                               GTK_ACCESSIBLE_STATE_HIDDEN, !reveal, -1);
}

static BylineStory *
load_conflict (BylineWindow *self,
               BylineStory  *story)
{
  if (self->store == NULL || story == NULL)
    return NULL;
  return byline_store_load_conflict (self->store, byline_story_get_uuid (story), NULL);
}

static void
update_conflict_banner (BylineWindow *self)
{
  g_autoptr (BylineStory) server_version =
    load_conflict (self, byline_story_list_get_selected_story (self->story_list));

  if (self->editor_page != NULL)
    reveal_banner (byline_editor_page_get_conflict_revealer (self->editor_page), server_version != NULL);
}

static BylineStoryEditor *ensure_editor_page (BylineWindow *self);

static void
on_selected_story_changed (BylineWindow *self)
{
  BylineStory *story = byline_story_list_get_selected_story (self->story_list);

  if (story != NULL)
    ensure_editor_page (self);
  if (self->editor_page != NULL)
    {
      byline_story_editor_set_story (self->story_editor, story);
      byline_workflow_bar_set_story (self->workflow_bar, story);
    }
  byline_credit_panel_set_story (self->credit_panel, story);
  gtk_stack_set_visible_child_name (self->editor_stack, story != NULL ? "editor" : "empty");
  update_conflict_banner (self);
  update_actions (self);
}

static void
on_image_attached (BylineWindow *self,
                   BylineImage  *image)
{
  byline_credit_panel_add_image (self->credit_panel, image);
}

static void
on_upload_cancelled (BylineWindow *self,
                     const char   *image_uuid)
{
  if (self->sync_manager != NULL)
    byline_sync_manager_cancel_upload (self->sync_manager, image_uuid);
}

/* An update rewrote the body and perhaps the headline: show them. */
static void
on_workflow_transitioned (BylineWindow *self)
{
  BylineStory *story = byline_story_editor_get_story (self->story_editor);

  if (story == NULL)
    return;
  g_object_ref (story);
  byline_story_editor_set_story (self->story_editor, NULL);
  byline_story_editor_set_story (self->story_editor, story);
  g_object_unref (story);
}

static void
on_editor_error (BylineWindow *self,
                 const char   *message)
{
  show_error_toast (self, message);
}

/* Whatever is typed but not yet saved, in the story or in an image's
 * credits, goes to the store before anything reads the story from there. */
static void
flush_editor (BylineWindow *self)
{
  if (self->story_editor != NULL)
    byline_story_editor_flush (self->story_editor);
  byline_credit_panel_flush (self->credit_panel);
}

static void
connect_editor_page (BylineWindow *self)
{
  g_signal_connect_object (self->story_editor, "error", G_CALLBACK (on_editor_error), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->story_editor, "image-attached", G_CALLBACK (on_image_attached), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->workflow_bar, "prepare", G_CALLBACK (flush_editor), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->workflow_bar, "transitioned", G_CALLBACK (on_workflow_transitioned), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->workflow_bar, "error", G_CALLBACK (on_editor_error), self,
                           G_CONNECT_SWAPPED);
}

static BylineStoryEditor *
ensure_editor_page (BylineWindow *self)
{
  if (self->editor_page != NULL)
    return self->story_editor;

  g_clear_handle_id (&self->editor_page_idle, g_source_remove);
  self->editor_page = BYLINE_EDITOR_PAGE (byline_editor_page_new ());
  self->story_editor = byline_editor_page_get_story_editor (self->editor_page);
  self->workflow_bar = byline_editor_page_get_workflow_bar (self->editor_page);
  gtk_stack_add_named (self->editor_stack, GTK_WIDGET (self->editor_page), "editor");
  connect_editor_page (self);
  if (self->store != NULL)
    {
      byline_story_editor_set_store (self->story_editor, self->store);
      byline_workflow_bar_set_store (self->workflow_bar, self->store);
    }
  return self->story_editor;
}

static gboolean
on_editor_page_idle (gpointer user_data)
{
  BylineWindow *self = user_data;

  self->editor_page_idle = 0;
  ensure_editor_page (self);
  return G_SOURCE_REMOVE;
}

/* The editor is hidden until a story is chosen: build it once the window has
 * shown, while the user reads the list, rather than before the first frame. */
static void
on_painted_before_editor_page (GdkFrameClock *frame_clock,
                               BylineWindow  *self)
{
  g_clear_signal_handler (&self->editor_page_paint_handler, frame_clock);
  if (self->editor_page == NULL && self->editor_page_idle == 0)
    self->editor_page_idle = g_idle_add_full (G_PRIORITY_LOW, on_editor_page_idle, self, NULL);
}

static void
build_editor_page_after_first_frame (GtkWidget *widget)
{
  BylineWindow *self = BYLINE_WINDOW (widget);

  self->editor_page_paint_handler =
    g_signal_connect_object (gtk_widget_get_frame_clock (widget), "after-paint",
                             G_CALLBACK (on_painted_before_editor_page), self, 0);
}

static void
on_insert_image_requested (BylineWindow *self,
                           BylineImage  *image)
{
  byline_story_editor_insert_image (ensure_editor_page (self), image);
}

/* A new story goes to the site of the story at hand, or else to the first
 * account: with a site set up, what is written is meant for it. Without
 * one it stays on this computer. */
static const char *
account_for_new_story (BylineWindow *self,
                       GPtrArray    *accounts)
{
  BylineStory *selected = byline_story_list_get_selected_story (self->story_list);

  if (selected != NULL && byline_story_get_account (selected) != NULL)
    return byline_story_get_account (selected);
  if (accounts == NULL || accounts->len == 0)
    return NULL;
  return ((BylineStoreAccount *) g_ptr_array_index (accounts, 0))->name;
}

static void
new_story_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  BylineWindow *self = BYLINE_WINDOW (widget);
  g_autoptr (BylineStory) story = byline_story_new ();
  g_autoptr (GPtrArray) accounts = byline_store_list_accounts (self->store, NULL);
  g_autoptr (GError) error = NULL;

  byline_story_set_account (story, account_for_new_story (self, accounts));
  byline_story_set_status (story, BYLINE_STORY_STATUS_DRAFT);
  byline_story_touch (story);
  if (!byline_store_save_story (self->store, story, &error))
    {
      g_autofree char *message = g_strdup_printf (_("Could not create a story: %s"), error->message);

      show_error_toast (self, message);
      return;
    }
  byline_story_list_set_selected_story (self->story_list, story);
  byline_story_editor_focus_headline (self->story_editor);
}

static void
on_undo_trash (BylineWindow *self,
               AdwToast     *toast)
{
  BylineStory *story = g_object_get_data (G_OBJECT (toast), "story");
  g_autoptr (GError) error = NULL;

  if (self->store == NULL)
    return;
  if (!byline_store_restore_story (self->store, story, &error))
    {
      g_autofree char *message = g_strdup_printf (_("Could not restore “%s”: %s"),
                                                  headline_or_untitled (story), error->message);

      show_error_toast (self, message);
      return;
    }
  byline_story_list_set_selected_story (self->story_list, story);
}

/* Toasts are one line: a long headline would push the Undo button away. */
static char *
shorten_for_toast (const char *text)
{
  const glong max_chars = 40;

  if (g_utf8_strlen (text, -1) <= max_chars)
    return g_markup_escape_text (text, -1);
  else
    {
      g_autofree char *start = g_utf8_substring (text, 0, max_chars - 1);
      g_autofree char *shortened = g_strconcat (g_strchomp (start), "…", NULL);

      return g_markup_escape_text (shortened, -1);
    }
}

static void
show_undo_toast (BylineWindow *self,
                 BylineStory  *story)
{
  g_autofree char *headline = shorten_for_toast (headline_or_untitled (story));
  AdwToast *toast = adw_toast_new_format (_("“%s” moved to the trash"), headline);

  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  g_object_set_data_full (G_OBJECT (toast), "story", g_object_ref (story), g_object_unref);
  g_signal_connect_object (toast, "button-clicked", G_CALLBACK (on_undo_trash), self,
                           G_CONNECT_SWAPPED);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
delete_story_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  BylineWindow *self = BYLINE_WINDOW (widget);
  BylineStory *selected = byline_story_list_get_selected_story (self->story_list);
  g_autoptr (BylineStory) story = selected != NULL ? g_object_ref (selected) : NULL;
  g_autoptr (GError) error = NULL;

  if (story == NULL)
    return;

  flush_editor (self);
  if (!byline_store_trash_story (self->store, story, &error))
    {
      g_autofree char *message = g_strdup_printf (_("Could not move “%s” to the trash: %s"),
                                                  headline_or_untitled (story), error->message);

      show_error_toast (self, message);
      return;
    }
  show_undo_toast (self, story);
}

/* Sync */

static void
on_sync_busy_changed (BylineWindow *self)
{
  gboolean busy = byline_sync_manager_get_busy (self->sync_manager);

  gtk_stack_set_visible_child_name (self->sync_stack, busy ? "busy" : "idle");
  gtk_spinner_set_spinning (self->sync_spinner, busy);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->sync_stack), busy ? _("Syncing…") : NULL);
}

static void
on_sync_offline_changed (BylineWindow *self)
{
  reveal_banner (self->offline_revealer, byline_sync_manager_get_offline (self->sync_manager));
}

static void
on_sync_failed (BylineWindow *self,
                const char   *message)
{
  show_error_toast (self, message);
}

static void
watch_sync_manager (BylineWindow *self)
{
  g_signal_connect_object (self->sync_manager, "notify::busy", G_CALLBACK (on_sync_busy_changed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->sync_manager, "notify::offline", G_CALLBACK (on_sync_offline_changed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->sync_manager, "failed", G_CALLBACK (on_sync_failed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->sync_manager, "synced", G_CALLBACK (update_conflict_banner), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->sync_manager, "upload-progress", G_CALLBACK (byline_credit_panel_show_upload_progress),
                           self->credit_panel, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->sync_manager, "upload-finished", G_CALLBACK (byline_credit_panel_show_upload_finished),
                           self->credit_panel, G_CONNECT_SWAPPED);
  on_sync_busy_changed (self);
  on_sync_offline_changed (self);
}

static void
on_account_added (BylineWindow *self,
                  const char   *name)
{
  g_autoptr (BylineStoreAccount) account = byline_store_find_account (self->store, name, NULL);

  if (account != NULL && self->sync_manager != NULL)
    byline_sync_manager_open_account (self->sync_manager, account);
}

static void
add_account_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  BylineWindow *self = BYLINE_WINDOW (widget);
  BylineAddAccountDialog *dialog = byline_add_account_dialog_new (GTK_WINDOW (self), self->store);

  g_signal_connect_object (dialog, "account-added", G_CALLBACK (on_account_added), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
accounts_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  BylineWindow *self = BYLINE_WINDOW (widget);

  gtk_window_present (GTK_WINDOW (byline_accounts_window_new (GTK_WINDOW (self), self->sync_manager)));
}

static void
sync_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  BylineWindow *self = BYLINE_WINDOW (widget);

  if (!byline_sync_manager_has_accounts (self->sync_manager))
    {
      gtk_widget_activate_action (widget, "win.add-account", NULL);
      return;
    }
  flush_editor (self);
  byline_sync_manager_sync (self->sync_manager);
}

static void on_workflow_transitioned (BylineWindow *self);

static void
on_conflict_resolved (BylineWindow *self)
{
  update_conflict_banner (self);
  on_workflow_transitioned (self);
  byline_story_editor_focus_headline (self->story_editor);
}

static void
compare_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  BylineWindow *self = BYLINE_WINDOW (widget);
  BylineStory *story = byline_story_list_get_selected_story (self->story_list);
  g_autoptr (BylineStory) server_version = load_conflict (self, story);
  BylineSyncEngine *engine;
  BylineConflictDialog *dialog;

  if (server_version == NULL)
    return;
  engine = byline_sync_manager_get_engine (self->sync_manager, byline_story_get_account (story));
  if (engine == NULL)
    {
      show_error_toast (self, _("The story’s account is not open yet: check its password under Accounts"));
      return;
    }
  flush_editor (self);
  dialog = byline_conflict_dialog_new (GTK_WINDOW (self), engine, story, server_version);
  g_signal_connect_object (dialog, "resolved", G_CALLBACK (on_conflict_resolved), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
find_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  BylineWindow *self = BYLINE_WINDOW (widget);

  g_object_set (self, "show-story-list", TRUE, NULL);
  byline_story_list_focus_search (self->story_list);
}

/* An idle source below every priority Byline uses runs once nothing else waits. */
static gboolean
report_settled (gpointer user_data)
{
  g_print ("settled\n");
  fflush (stdout);
  g_application_quit (G_APPLICATION (user_data));
  return G_SOURCE_REMOVE;
}

static void
on_first_frame_painted (BylineWindow *self)
{
  GtkApplication *application = gtk_window_get_application (GTK_WINDOW (self));

  if (self->first_frame_reported || self->store == NULL ||
      g_list_model_get_n_items (byline_story_list_get_filter_model (self->story_list)) == 0)
    return;

  self->first_frame_reported = TRUE;
  g_print ("first-frame\n");
  fflush (stdout);
  if (application != NULL)
    g_idle_add_full (G_PRIORITY_LOW + 100, report_settled, g_object_ref (application), g_object_unref);
}

/* For build-aux/bench: reports the first frame painted with stories in the
 * list, then when what is built after it (the editor page, the story list's
 * search index) is done, and quits. */
static void
watch_first_frame (GtkWidget *widget)
{
  g_signal_connect_object (gtk_widget_get_frame_clock (widget), "after-paint",
                           G_CALLBACK (on_first_frame_painted), widget, G_CONNECT_SWAPPED);
}

static void
restore_window_state (BylineWindow *self)
{
  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
}

static void
save_window_state (BylineWindow *self)
{
  int width, height;

  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  g_settings_set_int (self->settings, "window-width", width);
  g_settings_set_int (self->settings, "window-height", height);
  g_settings_set_boolean (self->settings, "window-maximized",
                          gtk_window_is_maximized (GTK_WINDOW (self)));
}

static void
bind_settings (BylineWindow *self)
{
  g_settings_bind (self->settings, "show-story-list", self, "show-story-list",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "show-credit-panel", self, "show-credit-panel",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "story-list-width", self->outer_paned, "position",
                   G_SETTINGS_BIND_DEFAULT);
  g_object_bind_property (self, "show-story-list", self->story_list, "visible",
                          G_BINDING_SYNC_CREATE);
  g_object_bind_property (self, "show-credit-panel", self->credit_panel, "visible",
                          G_BINDING_SYNC_CREATE);
}

BylineStore *
byline_window_get_store (BylineWindow *self)
{
  g_return_val_if_fail (BYLINE_IS_WINDOW (self), NULL);

  return self->store;
}

void
byline_window_set_store (BylineWindow *self,
                         BylineStore  *store)
{
  g_return_if_fail (BYLINE_IS_WINDOW (self));
  g_return_if_fail (store == NULL || BYLINE_IS_STORE (store));

  if (self->store == store)
    return;

  if (self->store != NULL)
    g_clear_signal_handler (&self->stories_changed_handler, byline_store_get_stories (self->store));
  g_set_object (&self->store, store);
  g_clear_object (&self->sync_manager);
  if (store != NULL)
    {
      self->stories_changed_handler =
        g_signal_connect_object (byline_store_get_stories (store), "items-changed",
                                 G_CALLBACK (update_subtitle), self, G_CONNECT_SWAPPED);
      self->sync_manager = byline_sync_manager_new (store);
      watch_sync_manager (self);
      byline_sync_manager_load_accounts (self->sync_manager);
    }

  byline_story_list_set_store (self->story_list, store);
  if (self->editor_page != NULL)
    {
      byline_story_editor_set_store (self->story_editor, store);
      byline_workflow_bar_set_store (self->workflow_bar, store);
    }
  byline_credit_panel_set_store (self->credit_panel, store);
  update_subtitle (self);
  update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

BylineStoryList *
byline_window_get_story_list (BylineWindow *self)
{
  g_return_val_if_fail (BYLINE_IS_WINDOW (self), NULL);

  return self->story_list;
}

BylineStoryEditor *
byline_window_get_story_editor (BylineWindow *self)
{
  g_return_val_if_fail (BYLINE_IS_WINDOW (self), NULL);

  return ensure_editor_page (self);
}

BylineCreditPanel *
byline_window_get_credit_panel (BylineWindow *self)
{
  g_return_val_if_fail (BYLINE_IS_WINDOW (self), NULL);

  return self->credit_panel;
}

/* Returns: (nullable): the sync of the store's accounts */
BylineSyncManager *
byline_window_get_sync_manager (BylineWindow *self)
{
  g_return_val_if_fail (BYLINE_IS_WINDOW (self), NULL);

  return self->sync_manager;
}

AdwToastOverlay *
byline_window_get_toast_overlay (BylineWindow *self)
{
  g_return_val_if_fail (BYLINE_IS_WINDOW (self), NULL);

  return self->toast_overlay;
}

static gboolean
byline_window_close_request (GtkWindow *window)
{
  BylineWindow *self = BYLINE_WINDOW (window);

  save_window_state (self);
  flush_editor (self);

  return GTK_WINDOW_CLASS (byline_window_parent_class)->close_request (window);
}

static void
byline_window_dispose (GObject *object)
{
  BylineWindow *self = BYLINE_WINDOW (object);

  if (self->store != NULL)
    g_clear_signal_handler (&self->stories_changed_handler, byline_store_get_stories (self->store));
  g_clear_handle_id (&self->editor_page_idle, g_source_remove);
  g_clear_object (&self->sync_manager);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (byline_window_parent_class)->dispose (object);
}

static void
byline_window_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  BylineWindow *self = BYLINE_WINDOW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_SHOW_STORY_LIST:
      g_value_set_boolean (value, self->show_story_list);
      break;
    case PROP_SHOW_CREDIT_PANEL:
      g_value_set_boolean (value, self->show_credit_panel);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
set_boolean_property (BylineWindow *self,
                      gboolean     *field,
                      gboolean      value,
                      guint         prop_id)
{
  if (*field == value)
    return;
  *field = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
}

static void
byline_window_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  BylineWindow *self = BYLINE_WINDOW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      byline_window_set_store (self, g_value_get_object (value));
      break;
    case PROP_SHOW_STORY_LIST:
      set_boolean_property (self, &self->show_story_list, g_value_get_boolean (value), prop_id);
      break;
    case PROP_SHOW_CREDIT_PANEL:
      set_boolean_property (self, &self->show_credit_panel, g_value_get_boolean (value), prop_id);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
install_properties (GObjectClass *object_class)
{
  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, BYLINE_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_SHOW_STORY_LIST] =
    g_param_spec_boolean ("show-story-list", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_SHOW_CREDIT_PANEL] =
    g_param_spec_boolean ("show-credit-panel", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
install_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.new-story", NULL, new_story_action);
  gtk_widget_class_install_action (widget_class, "win.delete-story", NULL, delete_story_action);
  gtk_widget_class_install_action (widget_class, "win.find", NULL, find_action);
  gtk_widget_class_install_action (widget_class, "win.sync", NULL, sync_action);
  gtk_widget_class_install_action (widget_class, "win.add-account", NULL, add_account_action);
  gtk_widget_class_install_action (widget_class, "win.accounts", NULL, accounts_action);
  gtk_widget_class_install_action (widget_class, "win.compare", NULL, compare_action);
  gtk_widget_class_install_property_action (widget_class, "win.toggle-story-list",
                                            "show-story-list");
  gtk_widget_class_install_property_action (widget_class, "win.toggle-credit-panel",
                                            "show-credit-panel");

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK,
                                       "win.new-story", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "win.find", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F9, 0, "win.toggle-story-list", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F9, GDK_SHIFT_MASK,
                                       "win.toggle-credit-panel", NULL);
}

static void
byline_window_class_init (BylineWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = byline_window_dispose;
  object_class->get_property = byline_window_get_property;
  object_class->set_property = byline_window_set_property;
  window_class->close_request = byline_window_close_request;
  install_properties (object_class);
  install_actions (widget_class);

  g_type_ensure (BYLINE_TYPE_STORY_LIST);
  g_type_ensure (BYLINE_TYPE_CREDIT_PANEL);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/byline-window.ui");
  gtk_widget_class_bind_template_child (widget_class, BylineWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, BylineWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, BylineWindow, outer_paned);
  gtk_widget_class_bind_template_child (widget_class, BylineWindow, editor_stack);
  gtk_widget_class_bind_template_child (widget_class, BylineWindow, story_list);
  gtk_widget_class_bind_template_child (widget_class, BylineWindow, credit_panel);
  gtk_widget_class_bind_template_child (widget_class, BylineWindow, sync_stack);
  gtk_widget_class_bind_template_child (widget_class, BylineWindow, sync_spinner);
  gtk_widget_class_bind_template_child (widget_class, BylineWindow, offline_revealer);
}

static void
byline_window_init (BylineWindow *self)
{
  self->show_story_list = TRUE;
  self->show_credit_panel = TRUE;
  gtk_widget_init_template (GTK_WIDGET (self));
  reveal_banner (self->offline_revealer, FALSE);

  self->settings = g_settings_new (APPLICATION_ID);
  restore_window_state (self);
  bind_settings (self);

  g_signal_connect_object (self->story_list, "notify::selected-story",
                           G_CALLBACK (on_selected_story_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->credit_panel, "insert-requested",
                           G_CALLBACK (on_insert_image_requested), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->credit_panel, "cancel-upload", G_CALLBACK (on_upload_cancelled), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect (self, "realize", G_CALLBACK (build_editor_page_after_first_frame), NULL);
  if (g_getenv ("BYLINE_EXIT_AFTER_FIRST_FRAME") != NULL)
    g_signal_connect (self, "realize", G_CALLBACK (watch_first_frame), NULL);
  update_subtitle (self);
  update_actions (self);
}

BylineWindow *
byline_window_new (GtkApplication *application,
                   BylineStore    *store)
{
  g_return_val_if_fail (application == NULL || GTK_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (store == NULL || BYLINE_IS_STORE (store), NULL);

  return g_object_new (BYLINE_TYPE_WINDOW, "application", application, "store", store, NULL);
}
