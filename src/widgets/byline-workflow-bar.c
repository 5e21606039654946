/* byline-workflow-bar.c: the story's status and the editorial steps the
 * user's role allows from it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "store/byline-workflow.h"

#include "byline-workflow-bar-private.h"

struct _BylineWorkflowBar
{
  GtkWidget            parent_instance;

  BylineStore         *store;
  BylineStory         *story;
  BylineWorkflowActor *actor;
  gulong               status_handler;
  AdwMessageDialog    *dialog;
  /* Where a schedule waiting on the checklist would go live */
  GDateTime           *pending_publish_at;

  GtkLabel            *status_label;
  GtkLabel            *schedule_label;
  GtkListBox          *history_list;
  GtkLabel            *sharing_label;
  GtkWidget           *submit_button;
  GtkWidget           *send_back_button;
  GtkWidget           *publish_button;
  GtkWidget           *schedule_button;
  GtkWidget           *update_button;
  GtkWidget           *unpublish_button;
  GtkPopover          *schedule_popover;
  GtkCalendar         *schedule_calendar;
  GtkSpinButton       *hour_spin;
  GtkSpinButton       *minute_spin;
  GtkLabel            *timezone_label;
};

G_DEFINE_FINAL_TYPE (BylineWorkflowBar, byline_workflow_bar, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_STORE,
  PROP_STORY,
  N_PROPS
};

enum {
  PREPARE,
  TRANSITIONED,
  ERROR,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static const char *const status_classes[] = {
  [BYLINE_STORY_STATUS_DRAFT] = "draft",
  [BYLINE_STORY_STATUS_PENDING] = "pending",
  [BYLINE_STORY_STATUS_SCHEDULED] = "scheduled",
  [BYLINE_STORY_STATUS_PUBLISHED] = "published",
  [BYLINE_STORY_STATUS_PRIVATE] = "private",
};

/* State */

static GtkWidget *
button_for (BylineWorkflowBar    *self,
            BylineWorkflowAction  action)
{
  GtkWidget *buttons[] = {
    [BYLINE_WORKFLOW_SUBMIT] = self->submit_button,
    [BYLINE_WORKFLOW_SEND_BACK] = self->send_back_button,
    [BYLINE_WORKFLOW_PUBLISH] = self->publish_button,
    [BYLINE_WORKFLOW_SCHEDULE] = self->schedule_button,
    [BYLINE_WORKFLOW_UNPUBLISH] = self->unpublish_button,
    [BYLINE_WORKFLOW_ADD_UPDATE] = self->update_button,
  };

  return buttons[action];
}

static const char *const action_names[] = {
  [BYLINE_WORKFLOW_SUBMIT] = "workflow.submit",
  [BYLINE_WORKFLOW_SEND_BACK] = "workflow.send-back",
  [BYLINE_WORKFLOW_PUBLISH] = "workflow.publish",
  [BYLINE_WORKFLOW_SCHEDULE] = "workflow.schedule",
  [BYLINE_WORKFLOW_UNPUBLISH] = "workflow.unpublish",
  [BYLINE_WORKFLOW_ADD_UPDATE] = "workflow.add-update",
};

static gboolean
may (BylineWorkflowBar    *self,
     BylineWorkflowAction  action)
{
  return self->story != NULL && self->actor != NULL &&
         byline_workflow_role_allows (self->actor->role, action) &&
         byline_workflow_status_allows (byline_story_get_status (self->story), action);
}

static char *
format_time (GDateTime *date_time)
{
  g_autoptr (GDateTime) local = g_date_time_to_local (date_time);

  /* Translators: a date and time in the history and the schedule; strftime format */
  return g_date_time_format (local, _("%-d %b %Y, %H:%M"));
}

static void
update_schedule_label (BylineWorkflowBar *self)
{
  g_autoptr (GDateTime) publish_at = NULL;
  g_autofree char *when = NULL;
  g_autofree char *text = NULL;

  if (self->story != NULL && byline_story_get_status (self->story) == BYLINE_STORY_STATUS_SCHEDULED)
    publish_at = byline_workflow_get_scheduled_date (self->store, byline_story_get_uuid (self->story));
  gtk_widget_set_visible (GTK_WIDGET (self->schedule_label), publish_at != NULL);
  if (publish_at == NULL)
    return;
  when = format_time (publish_at);
  /* Translators: %s is a date and time */
  text = g_strdup_printf (_("Goes live %s"), when);
  gtk_label_set_text (self->schedule_label, text);
}

static void
update_status_chip (BylineWorkflowBar *self)
{
  BylineStoryStatus status = self->story ? byline_story_get_status (self->story) : BYLINE_STORY_STATUS_DRAFT;

  for (guint i = 0; i < G_N_ELEMENTS (status_classes); i++)
    gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), status_classes[i]);
  gtk_widget_add_css_class (GTK_WIDGET (self->status_label), status_classes[status]);
  gtk_label_set_text (self->status_label, byline_story_status_get_label (status));
}

/* A writer is not shown publish controls at all; what the role allows but
 * the status does not is hidden too, so the bar only offers the next steps. */
static void
update_actions (BylineWorkflowBar *self)
{
  for (guint action = BYLINE_WORKFLOW_SUBMIT; action <= BYLINE_WORKFLOW_ADD_UPDATE; action++)
    {
      gboolean allowed = self->store != NULL && may (self, action);

      gtk_widget_action_set_enabled (GTK_WIDGET (self), action_names[action], allowed);
      gtk_widget_set_visible (button_for (self, action), allowed);
    }
  update_status_chip (self);
  if (self->store != NULL)
    update_schedule_label (self);
}

static void
refresh_actor (BylineWorkflowBar *self)
{
  g_clear_pointer (&self->actor, byline_workflow_actor_free);
  if (self->store != NULL && self->story != NULL)
    self->actor = byline_workflow_actor_for_story (self->store, self->story);
  update_actions (self);
}

/* Running a transition */

static void
report_error (BylineWorkflowBar *self,
              const GError      *error)
{
  g_signal_emit (self, signals[ERROR], 0, error->message);
}

/* An autosave queued just before the transition holds the old status; one
 * more save, queued behind it, makes the new status the last one written. */
static void
finish_transition (BylineWorkflowBar    *self,
                   BylineWorkflowAction  action,
                   gboolean              ok,
                   GError               *error)
{
  if (!ok)
    report_error (self, error);
  else
    {
      byline_store_save_story_async (self->store, self->story, NULL, NULL, NULL);
      g_signal_emit (self, signals[TRANSITIONED], 0, action);
    }
  update_actions (self);
}

static gboolean
is_blank (const char *text)
{
  g_autofree char *copy = g_strdup (text != NULL ? text : "");

  return *g_strstrip (copy) == '\0';
}

static void
go_live (BylineWorkflowBar *self,
         const char        *override_reason)
{
  g_autoptr (GError) error = NULL;
  gboolean ok;

  if (self->pending_publish_at != NULL)
    ok = byline_workflow_schedule (self->store, self->story, self->actor, self->pending_publish_at,
                                   override_reason, &error);
  else
    ok = byline_workflow_publish (self->store, self->story, self->actor, override_reason, &error);
  finish_transition (self, self->pending_publish_at ? BYLINE_WORKFLOW_SCHEDULE : BYLINE_WORKFLOW_PUBLISH,
                     ok, error);
  g_clear_pointer (&self->pending_publish_at, g_date_time_unref);
}

/* Dialogs */

static AdwMessageDialog *
new_dialog (BylineWorkflowBar *self,
            const char        *heading,
            const char        *body)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, heading, body);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"));
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_set_weak_pointer (&self->dialog, ADW_MESSAGE_DIALOG (dialog));
  return ADW_MESSAGE_DIALOG (dialog);
}

static GtkEditable *
dialog_entry (AdwMessageDialog *dialog)
{
  return g_object_get_data (G_OBJECT (dialog), "byline-entry");
}

static GtkWidget *
add_entry (AdwMessageDialog *dialog,
           GtkWidget        *box,
           const char       *placeholder)
{
  GtkWidget *entry = gtk_entry_new ();

  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), placeholder);
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, placeholder, -1);
  if (box != NULL)
    gtk_box_append (GTK_BOX (box), entry);
  else
    adw_message_dialog_set_extra_child (dialog, entry);
  g_object_set_data (G_OBJECT (dialog), "byline-entry", entry);
  return entry;
}

static void
on_required_entry_changed (GtkEditable      *entry,
                           AdwMessageDialog *dialog)
{
  const char *response = g_object_get_data (G_OBJECT (dialog), "byline-required-response");

  adw_message_dialog_set_response_enabled (dialog, response, !is_blank (gtk_editable_get_text (entry)));
}

/* @response stays disabled until the entry holds more than blanks. */
static void
require_entry (AdwMessageDialog *dialog,
               GtkWidget        *entry,
               const char       *response)
{
  g_object_set_data (G_OBJECT (dialog), "byline-required-response", (gpointer) response);
  adw_message_dialog_set_response_enabled (dialog, response, FALSE);
  g_signal_connect_object (entry, "changed", G_CALLBACK (on_required_entry_changed), dialog, 0);
}

static void
add_main_response (AdwMessageDialog        *dialog,
                   const char              *id,
                   const char              *label,
                   AdwResponseAppearance    appearance)
{
  adw_message_dialog_add_response (dialog, id, label);
  adw_message_dialog_set_response_appearance (dialog, id, appearance);
  adw_message_dialog_set_default_response (dialog, id);
}

static void
on_submit_response (BylineWorkflowBar *self,
                    const char        *response,
                    AdwMessageDialog  *dialog)
{
  g_autoptr (GError) error = NULL;
  gboolean ok;

  if (!g_str_equal (response, "submit"))
    return;
  ok = byline_workflow_submit (self->store, self->story, self->actor,
                               gtk_editable_get_text (dialog_entry (dialog)), &error);
  finish_transition (self, BYLINE_WORKFLOW_SUBMIT, ok, error);
}

static void
submit_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  BylineWorkflowBar *self = BYLINE_WORKFLOW_BAR (widget);
  AdwMessageDialog *dialog = new_dialog (self, _("Submit for Review?"),
                                         _("An editor will see the story in the review queue."));

  g_signal_emit (self, signals[PREPARE], 0);
  add_entry (dialog, NULL, _("Note to the editor (optional)"));
  add_main_response (dialog, "submit", _("_Submit"), ADW_RESPONSE_SUGGESTED);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_submit_response), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_send_back_response (BylineWorkflowBar *self,
                       const char        *response,
                       AdwMessageDialog  *dialog)
{
  g_autoptr (GError) error = NULL;
  gboolean ok;

  if (!g_str_equal (response, "send-back"))
    return;
  ok = byline_workflow_send_back (self->store, self->story, self->actor,
                                  gtk_editable_get_text (dialog_entry (dialog)), &error);
  finish_transition (self, BYLINE_WORKFLOW_SEND_BACK, ok, error);
}

static void
send_back_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  BylineWorkflowBar *self = BYLINE_WORKFLOW_BAR (widget);
  AdwMessageDialog *dialog = new_dialog (self, _("Send Back to the Writer?"),
                                         _("The story returns to draft with your note."));
  GtkWidget *entry = add_entry (dialog, NULL, _("What should change?"));

  g_signal_emit (self, signals[PREPARE], 0);
  add_main_response (dialog, "send-back", _("_Send Back"), ADW_RESPONSE_SUGGESTED);
  require_entry (dialog, entry, "send-back");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_send_back_response), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* The publish checklist */

static GtkWidget *
issue_row (const BylineGateIssue *issue)
{
  gboolean is_error = issue->severity == BYLINE_GATE_ERROR;
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *icon = gtk_image_new_from_icon_name (is_error ? "dialog-error-symbolic" : "dialog-warning-symbolic");

  gtk_widget_add_css_class (icon, is_error ? "error" : "warning");
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  is_error ? _("Must be fixed") : _("Warning"), -1);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), issue->message);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 3);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
  return row;
}

static GtkWidget *
checklist (GPtrArray *issues)
{
  GtkWidget *list = gtk_list_box_new ();

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_widget_add_css_class (list, "gate-checklist");
  gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Checklist"), -1);
  for (guint i = 0; i < issues->len; i++)
    gtk_list_box_append (GTK_LIST_BOX (list), issue_row (g_ptr_array_index (issues, i)));
  return list;
}

static void
on_gate_response (BylineWorkflowBar *self,
                  const char        *response,
                  AdwMessageDialog  *dialog)
{
  if (g_str_equal (response, "override"))
    go_live (self, gtk_editable_get_text (dialog_entry (dialog)));
  else
    g_clear_pointer (&self->pending_publish_at, g_date_time_unref);
}

static const char *
gate_body (GPtrArray *issues,
           gboolean   may_override)
{
  if (byline_publish_gate_count (issues, BYLINE_GATE_ERROR) > 0)
    return _("Fix these before the story goes live.");
  if (may_override)
    return _("You can go ahead anyway: say why, and the reason is kept in the story’s history.");
  return _("Only an editor can publish a story with these warnings.");
}

static void
show_checklist (BylineWorkflowBar *self,
                GPtrArray         *issues)
{
  gboolean may_override = byline_publish_gate_count (issues, BYLINE_GATE_ERROR) == 0 &&
                          self->actor->role != BYLINE_WORKFLOW_ROLE_WRITER;
  AdwMessageDialog *dialog = new_dialog (self, _("Publish Checklist"), gate_body (issues, may_override));
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);

  gtk_box_append (GTK_BOX (box), checklist (issues));
  adw_message_dialog_set_extra_child (dialog, box);
  if (may_override)
    {
      GtkWidget *entry = add_entry (dialog, box, _("Reason for going ahead"));

      add_main_response (dialog, "override",
                         self->pending_publish_at ? _("Schedule _Anyway") : _("Publish _Anyway"),
                         ADW_RESPONSE_DESTRUCTIVE);
      require_entry (dialog, entry, "override");
    }
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_gate_response), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Checks the gate as of the publish date; goes live at once when nothing is
 * in the way, else shows the checklist. */
static void
check_then_go_live (BylineWorkflowBar *self)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) issues = byline_workflow_check_gate (self->store, self->story,
                                                             self->pending_publish_at ? self->pending_publish_at : now,
                                                             &error);

  if (issues == NULL)
    {
      g_clear_pointer (&self->pending_publish_at, g_date_time_unref);
      report_error (self, error);
    }
  else if (issues->len == 0)
    go_live (self, NULL);
  else
    show_checklist (self, issues);
}

static void
publish_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  BylineWorkflowBar *self = BYLINE_WORKFLOW_BAR (widget);

  g_signal_emit (self, signals[PREPARE], 0);
  g_clear_pointer (&self->pending_publish_at, g_date_time_unref);
  check_then_go_live (self);
}

/* Scheduling, in the site's timezone */

static GTimeZone *
site_timezone (BylineWorkflowBar *self)
{
  return byline_workflow_get_site_timezone (self->store, byline_story_get_account (self->story));
}

static GDateTime *
chosen_time (BylineWorkflowBar *self)
{
  g_autoptr (GDateTime) day = gtk_calendar_get_date (self->schedule_calendar);
  g_autoptr (GTimeZone) timezone = site_timezone (self);

  return g_date_time_new (timezone, g_date_time_get_year (day), g_date_time_get_month (day),
                          g_date_time_get_day_of_month (day), gtk_spin_button_get_value_as_int (self->hour_spin),
                          gtk_spin_button_get_value_as_int (self->minute_spin), 0);
}

void
byline_workflow_bar_set_schedule_time (BylineWorkflowBar *self,
                                       GDateTime         *local_time)
{
  g_autoptr (GTimeZone) timezone = NULL;
  g_autoptr (GDateTime) site_time = NULL;

  g_return_if_fail (BYLINE_IS_WORKFLOW_BAR (self));
  g_return_if_fail (local_time != NULL);

  timezone = self->story != NULL && self->store != NULL ? site_timezone (self) : g_time_zone_new_local ();
  site_time = g_date_time_to_timezone (local_time, timezone);
  gtk_calendar_select_day (self->schedule_calendar, site_time);
  gtk_spin_button_set_value (self->hour_spin, g_date_time_get_hour (site_time));
  gtk_spin_button_set_value (self->minute_spin, g_date_time_get_minute (site_time));
}

static void
on_schedule_shown (BylineWorkflowBar *self)
{
  g_autoptr (GTimeZone) timezone = site_timezone (self);
  g_autoptr (GDateTime) now = g_date_time_new_now (timezone);
  g_autoptr (GDateTime) next_hour = g_date_time_add_full (now, 0, 0, 0, 1, -g_date_time_get_minute (now),
                                                          -g_date_time_get_seconds (now));
  const char *account = byline_story_get_account (self->story);
  g_autofree char *text = NULL;

  byline_workflow_bar_set_schedule_time (self, next_hour);
  if (account != NULL && *account != '\0')
    /* Translators: %s is a timezone such as Europe/Berlin */
    text = g_strdup_printf (_("Times are in the site’s timezone, %s"), g_time_zone_get_identifier (timezone));
  else
    /* Translators: %s is a timezone such as Europe/Berlin */
    text = g_strdup_printf (_("Times are in this computer’s timezone, %s"), g_time_zone_get_identifier (timezone));
  gtk_label_set_text (self->timezone_label, text);
}

static void
schedule_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  BylineWorkflowBar *self = BYLINE_WORKFLOW_BAR (widget);

  g_signal_emit (self, signals[PREPARE], 0);
  gtk_popover_popdown (self->schedule_popover);
  g_clear_pointer (&self->pending_publish_at, g_date_time_unref);
  self->pending_publish_at = chosen_time (self);
  check_then_go_live (self);
}

static void
on_unpublish_response (BylineWorkflowBar *self,
                       const char        *response)
{
  g_autoptr (GError) error = NULL;
  gboolean ok;

  if (!g_str_equal (response, "unpublish"))
    return;
  ok = byline_workflow_unpublish (self->store, self->story, self->actor, &error);
  finish_transition (self, BYLINE_WORKFLOW_UNPUBLISH, ok, error);
}

static void
unpublish_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  BylineWorkflowBar *self = BYLINE_WORKFLOW_BAR (widget);
  AdwMessageDialog *dialog = new_dialog (self, _("Unpublish This Story?"),
                                         _("It is taken off the site and returns to draft."));

  g_signal_emit (self, signals[PREPARE], 0);
  add_main_response (dialog, "unpublish", _("_Unpublish"), ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_unpublish_response), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_update_response (BylineWorkflowBar *self,
                    const char        *response,
                    AdwMessageDialog  *dialog)
{
  GtkCheckButton *prefix = g_object_get_data (G_OBJECT (dialog), "byline-prefix");
  g_autoptr (GError) error = NULL;
  gboolean ok;

  if (!g_str_equal (response, "update"))
    return;
  ok = byline_workflow_add_update (self->store, self->story, self->actor,
                                   gtk_editable_get_text (dialog_entry (dialog)),
                                   gtk_check_button_get_active (prefix), NULL, &error);
  finish_transition (self, BYLINE_WORKFLOW_ADD_UPDATE, ok, error);
}

static void
add_update_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  BylineWorkflowBar *self = BYLINE_WORKFLOW_BAR (widget);
  AdwMessageDialog *dialog = new_dialog (self, _("Add an Update"),
                                         _("A dated update is added at the end of the story, which is then published again."));
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *entry = add_entry (dialog, box, _("What changed?"));
  GtkWidget *prefix = gtk_check_button_new_with_label (_("Start the headline with “[UPDATE]”"));

  g_signal_emit (self, signals[PREPARE], 0);
  gtk_box_append (GTK_BOX (box), prefix);
  g_object_set_data (G_OBJECT (dialog), "byline-prefix", prefix);
  adw_message_dialog_set_extra_child (dialog, box);
  add_main_response (dialog, "update", _("_Add and Publish"), ADW_RESPONSE_SUGGESTED);
  require_entry (dialog, entry, "update");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_update_response), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* History */

static char *
transition_title (const BylineHistoryEntry *entry)
{
  if (entry->to_status == BYLINE_STORY_STATUS_PUBLISHED && entry->from_status == BYLINE_STORY_STATUS_PUBLISHED)
    return g_strdup (_("Updated"));
  /* Translators: a change of status in the history, such as “Draft → Pending review” */
  return g_strdup_printf (_("%s → %s"), byline_story_status_get_label (entry->from_status),
                          byline_story_status_get_label (entry->to_status));
}

static char *
transition_subtitle (const BylineHistoryEntry *entry)
{
  g_autofree char *when = format_time (entry->at);
  GString *text = g_string_new (NULL);

  /* Translators: who made a change, then when */
  g_string_printf (text, _("%s, %s"), entry->actor, when);
  if (entry->publish_at != NULL)
    {
      g_autofree char *live = format_time (entry->publish_at);

      g_string_append_c (text, '\n');
      /* Translators: %s is a date and time */
      g_string_append_printf (text, _("Goes live %s"), live);
    }
  if (entry->note != NULL)
    g_string_append_printf (text, "\n“%s”", entry->note);
  if (entry->override_reason != NULL)
    {
      g_string_append_c (text, '\n');
      /* Translators: %s is the reason an editor gave for publishing despite warnings */
      g_string_append_printf (text, _("Checklist overridden: %s"), entry->override_reason);
    }
  return g_string_free (text, FALSE);
}

static GtkWidget *
history_row (const BylineHistoryEntry *entry)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *title = transition_title (entry);
  g_autofree char *subtitle = transition_subtitle (entry);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
  return row;
}

static const char *
sharing_text (BylineWorkflowBar *self)
{
  const char *account = byline_story_get_account (self->story);

  if (account == NULL || *account == '\0')
    return _("This story is on this computer only.");
  if (self->actor != NULL && self->actor->shares_notes)
    return _("Notes and history reach the site when the story syncs.");
  return _("The site has no Byline companion plugin: notes and history are kept on this computer and not shared.");
}

static void
clear_history (BylineWorkflowBar *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->history_list))) != NULL)
    gtk_list_box_remove (self->history_list, child);
}

/* Newest first, read when the popover opens: the history is short, and
 * nothing else reads it. */
static void
on_history_shown (BylineWorkflowBar *self)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) history = NULL;

  clear_history (self);
  if (self->story == NULL || self->store == NULL)
    return;
  history = byline_workflow_list_history (self->store, byline_story_get_uuid (self->story), &error);
  if (history == NULL)
    {
      report_error (self, error);
      return;
    }
  for (guint i = history->len; i > 0; i--)
    gtk_list_box_append (self->history_list, history_row (g_ptr_array_index (history, i - 1)));
  if (history->len == 0)
    gtk_list_box_set_placeholder (self->history_list, gtk_label_new (_("No changes of status yet")));
  gtk_label_set_text (self->sharing_label, sharing_text (self));
}

/* API */

GtkWidget *
byline_workflow_bar_new (void)
{
  return g_object_new (BYLINE_TYPE_WORKFLOW_BAR, NULL);
}

BylineStore *
byline_workflow_bar_get_store (BylineWorkflowBar *self)
{
  g_return_val_if_fail (BYLINE_IS_WORKFLOW_BAR (self), NULL);

  return self->store;
}

void
byline_workflow_bar_set_store (BylineWorkflowBar *self,
                               BylineStore       *store)
{
  g_return_if_fail (BYLINE_IS_WORKFLOW_BAR (self));
  g_return_if_fail (store == NULL || BYLINE_IS_STORE (store));

  if (!g_set_object (&self->store, store))
    return;
  refresh_actor (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

BylineStory *
byline_workflow_bar_get_story (BylineWorkflowBar *self)
{
  g_return_val_if_fail (BYLINE_IS_WORKFLOW_BAR (self), NULL);

  return self->story;
}

void
byline_workflow_bar_set_story (BylineWorkflowBar *self,
                               BylineStory       *story)
{
  g_return_if_fail (BYLINE_IS_WORKFLOW_BAR (self));
  g_return_if_fail (story == NULL || BYLINE_IS_STORY (story));

  if (self->story == story)
    return;

  if (self->story != NULL)
    g_clear_signal_handler (&self->status_handler, self->story);
  g_set_object (&self->story, story);
  if (story != NULL)
    self->status_handler = g_signal_connect_object (story, "notify::status", G_CALLBACK (update_actions), self,
                                                    G_CONNECT_SWAPPED);
  refresh_actor (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORY]);
}

/**
 * byline_workflow_bar_refresh:
 *
 * Reads the user's role again, after a sync brought new capabilities.
 */
void
byline_workflow_bar_refresh (BylineWorkflowBar *self)
{
  g_return_if_fail (BYLINE_IS_WORKFLOW_BAR (self));

  refresh_actor (self);
}

GtkLabel *
byline_workflow_bar_get_status_label (BylineWorkflowBar *self)
{
  g_return_val_if_fail (BYLINE_IS_WORKFLOW_BAR (self), NULL);

  return self->status_label;
}

GtkListBox *
byline_workflow_bar_get_history_list (BylineWorkflowBar *self)
{
  g_return_val_if_fail (BYLINE_IS_WORKFLOW_BAR (self), NULL);

  on_history_shown (self);
  return self->history_list;
}

AdwMessageDialog *
byline_workflow_bar_get_dialog (BylineWorkflowBar *self)
{
  g_return_val_if_fail (BYLINE_IS_WORKFLOW_BAR (self), NULL);

  return self->dialog;
}

/* GObject */

static void
byline_workflow_bar_dispose (GObject *object)
{
  BylineWorkflowBar *self = BYLINE_WORKFLOW_BAR (object);
  GtkWidget *child;

  if (self->story != NULL)
    g_clear_signal_handler (&self->status_handler, self->story);
  g_clear_weak_pointer (&self->dialog);
  gtk_widget_dispose_template (GTK_WIDGET (self), BYLINE_TYPE_WORKFLOW_BAR);
  /* The template also holds children not bound to a field. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->story);
  g_clear_object (&self->store);
  g_clear_pointer (&self->actor, byline_workflow_actor_free);
  g_clear_pointer (&self->pending_publish_at, g_date_time_unref);

  G_OBJECT_CLASS (byline_workflow_bar_parent_class)->dispose (object);
}

static void
byline_workflow_bar_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  BylineWorkflowBar *self = BYLINE_WORKFLOW_BAR (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_STORY:
      g_value_set_object (value, self->story);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
byline_workflow_bar_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  BylineWorkflowBar *self = BYLINE_WORKFLOW_BAR (object);

  switch (prop_id)
    {
    case PROP_STORE:
      byline_workflow_bar_set_store (self, g_value_get_object (value));
      break;
    case PROP_STORY:
      byline_workflow_bar_set_story (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
install_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "workflow.submit", NULL, submit_action);
  gtk_widget_class_install_action (widget_class, "workflow.send-back", NULL, send_back_action);
  gtk_widget_class_install_action (widget_class, "workflow.publish", NULL, publish_action);
  gtk_widget_class_install_action (widget_class, "workflow.schedule", NULL, schedule_action);
  gtk_widget_class_install_action (widget_class, "workflow.unpublish", NULL, unpublish_action);
  gtk_widget_class_install_action (widget_class, "workflow.add-update", NULL, add_update_action);
}

static void
bind_template (GtkWidgetClass *widget_class)
{
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/byline/Byline/byline-workflow-bar.ui");
  gtk_widget_class_bind_template_child (widget_class, BylineWorkflowBar, status_label);
  gtk_widget_class_bind_template_child (widget_class, BylineWorkflowBar, schedule_label);
  gtk_widget_class_bind_template_child (widget_class, BylineWorkflowBar, history_list);
  gtk_widget_class_bind_template_child (widget_class, BylineWorkflowBar, sharing_label);
  gtk_widget_class_bind_template_child (widget_class, BylineWorkflowBar, submit_button);
  gtk_widget_class_bind_template_child (widget_class, BylineWorkflowBar, send_back_button);
  gtk_widget_class_bind_template_child (widget_class, BylineWorkflowBar, publish_button);
  gtk_widget_class_bind_template_child (widget_class, BylineWorkflowBar, schedule_button);
  gtk_widget_class_bind_template_child (widget_class, BylineWorkflowBar, update_button);
  gtk_widget_class_bind_template_child (widget_class, BylineWorkflowBar, unpublish_button);
  gtk_widget_class_bind_template_child (widget_class, BylineWorkflowBar, schedule_popover);
  gtk_widget_class_bind_template_child (widget_class, BylineWorkflowBar, schedule_calendar);
  gtk_widget_class_bind_template_child (widget_class, BylineWorkflowBar, hour_spin);
  gtk_widget_class_bind_template_child (widget_class, BylineWorkflowBar, minute_spin);
  gtk_widget_class_bind_template_child (widget_class, BylineWorkflowBar, timezone_label);
  gtk_widget_class_bind_template_callback (widget_class, on_history_shown);
  gtk_widget_class_bind_template_callback (widget_class, on_schedule_shown);
}

static void
byline_workflow_bar_class_init (BylineWorkflowBarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = byline_workflow_bar_dispose;
  object_class->get_property = byline_workflow_bar_get_property;
  object_class->set_property = byline_workflow_bar_set_property;

  properties[PROP_STORE] = g_param_spec_object ("store", NULL, NULL, BYLINE_TYPE_STORE,
                                                G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_STORY] = g_param_spec_object ("story", NULL, NULL, BYLINE_TYPE_STORY,
                                                G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* Before an action reads the story: the time to write pending edits into it. */
  signals[PREPARE] = g_signal_new ("prepare", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                   NULL, NULL, NULL, G_TYPE_NONE, 0);
  /* After a transition is saved; the int is a BylineWorkflowAction. */
  signals[TRANSITIONED] = g_signal_new ("transitioned", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                        NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT);
  /* A message to show the user: a refusal, or a save that failed. */
  signals[ERROR] = g_signal_new ("error", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                 NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  install_actions (widget_class);
  bind_template (widget_class);
  gtk_widget_class_set_css_name (widget_class, "workflowbar");
}

static void
byline_workflow_bar_init (BylineWorkflowBar *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  update_actions (self);
}
