/* test-workflow.c: the workflow bar under Xvfb — its actions, dialogs,
 * publish checklist and history
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "byline-ui-resources.h"
#include "model/byline-image.h"
#include "model/byline-story.h"
#include "store/byline-store-sync.h"
#include "store/byline-workflow.h"
#include "widgets/byline-workflow-bar-private.h"

typedef struct
{
  BylineStore       *store;
  BylineStory       *story;
  GtkWindow         *window;
  BylineWorkflowBar *bar;
} Fixture;

static gboolean
on_wait_timeout (gpointer user_data)
{
  gboolean *timed_out = user_data;

  *timed_out = TRUE;
  return G_SOURCE_REMOVE;
}

static void
spin (guint timeout_ms)
{
  gboolean timed_out = FALSE;

  g_timeout_add (timeout_ms, on_wait_timeout, &timed_out);
  while (!timed_out)
    g_main_context_iteration (NULL, TRUE);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "byline", "newsroom.db", NULL);
  g_autoptr (GError) error = NULL;

  fixture->store = byline_store_open (path, &error);
  g_assert_no_error (error);
  fixture->story = byline_story_new ();
  byline_story_set_headline (fixture->story, "Harbour wall repaired");
  byline_story_set_dek (fixture->story, "Work finished a week early");
  byline_story_set_body (fixture->story, "<p>The wall is whole again.</p>");
  g_assert_true (byline_store_save_story (fixture->store, fixture->story, &error));

  fixture->window = GTK_WINDOW (gtk_window_new ());
  fixture->bar = BYLINE_WORKFLOW_BAR (byline_workflow_bar_new ());
  gtk_window_set_child (fixture->window, GTK_WIDGET (fixture->bar));
  byline_workflow_bar_set_store (fixture->bar, fixture->store);
  byline_workflow_bar_set_story (fixture->bar, fixture->story);
  gtk_window_present (fixture->window);
  spin (50);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  AdwMessageDialog *dialog = byline_workflow_bar_get_dialog (fixture->bar);

  if (dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (dialog));
  gtk_window_destroy (fixture->window);
  spin (50);
  g_clear_object (&fixture->story);
  g_clear_object (&fixture->store);
}

static AdwMessageDialog *
activate (Fixture    *fixture,
          const char *action)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->bar), action, NULL));
  spin (20);
  return byline_workflow_bar_get_dialog (fixture->bar);
}

/* The entry of a note or reason: the extra child, or the last child of its box. */
static GtkEditable *
dialog_entry (AdwMessageDialog *dialog)
{
  GtkWidget *extra = adw_message_dialog_get_extra_child (dialog);

  if (GTK_IS_EDITABLE (extra))
    return GTK_EDITABLE (extra);
  for (GtkWidget *child = gtk_widget_get_first_child (extra); child; child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_EDITABLE (child))
        return GTK_EDITABLE (child);
    }
  g_assert_not_reached ();
}

static guint
n_history (Fixture *fixture)
{
  g_autoptr (GPtrArray) history = byline_workflow_list_history (fixture->store,
                                                                byline_story_get_uuid (fixture->story), NULL);

  return history != NULL ? history->len : G_MAXUINT;
}

static guint
n_rows (GtkListBox *list)
{
  guint n = 0;

  while (gtk_list_box_get_row_at_index (list, (int) n) != NULL)
    n++;
  return n;
}

static void
test_submit_changes_chip_and_history (Fixture       *fixture,
                                      gconstpointer  data)
{
  GtkLabel *chip = byline_workflow_bar_get_status_label (fixture->bar);
  AdwMessageDialog *dialog;

  g_assert_cmpstr (gtk_label_get_text (chip), ==, "Draft");
  dialog = activate (fixture, "workflow.submit");
  g_assert_nonnull (dialog);
  gtk_editable_set_text (dialog_entry (dialog), "Photos to follow");
  adw_message_dialog_response (dialog, "submit");
  spin (20);

  g_assert_cmpint (byline_story_get_status (fixture->story), ==, BYLINE_STORY_STATUS_PENDING);
  g_assert_cmpstr (gtk_label_get_text (chip), ==, "Pending review");
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (chip), "pending"));
  g_assert_cmpuint (n_history (fixture), ==, 1);
  g_assert_cmpuint (n_rows (byline_workflow_bar_get_history_list (fixture->bar)), ==, 1);
  /* A local story may go further at once: its user is their own editor. */
  g_assert_true (gtk_widget_is_visible (GTK_WIDGET (fixture->bar)));
}

static void
test_send_back_requires_note (Fixture       *fixture,
                              gconstpointer  data)
{
  AdwMessageDialog *dialog;
  g_autoptr (GPtrArray) history = NULL;

  g_assert_true (byline_workflow_submit (fixture->store, fixture->story, NULL, NULL, NULL));
  dialog = activate (fixture, "workflow.send-back");
  g_assert_nonnull (dialog);
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "send-back"));
  gtk_editable_set_text (dialog_entry (dialog), "   ");
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "send-back"));
  gtk_editable_set_text (dialog_entry (dialog), "Check the contractor's name");
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "send-back"));
  adw_message_dialog_response (dialog, "send-back");
  spin (20);

  g_assert_cmpint (byline_story_get_status (fixture->story), ==, BYLINE_STORY_STATUS_DRAFT);
  history = byline_workflow_list_history (fixture->store, byline_story_get_uuid (fixture->story), NULL);
  g_assert_cmpuint (history->len, ==, 2);
  g_assert_cmpstr (((BylineHistoryEntry *) g_ptr_array_index (history, 1))->note, ==,
                   "Check the contractor's name");
}

static gboolean
checklist_mentions (AdwMessageDialog *dialog,
                    const char       *text)
{
  GtkWidget *box = adw_message_dialog_get_extra_child (dialog);
  GtkListBox *list = GTK_LIST_BOX (gtk_widget_get_first_child (box));

  for (int i = 0; gtk_list_box_get_row_at_index (list, i) != NULL; i++)
    {
      const char *title = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (gtk_list_box_get_row_at_index (list, i)));

      if (strstr (title, text) != NULL)
        return TRUE;
    }
  return FALSE;
}

static void
test_gate_lists_uncredited_photo (Fixture       *fixture,
                                  gconstpointer  data)
{
  g_autoptr (BylineImage) image = byline_image_new (byline_story_get_uuid (fixture->story));
  AdwMessageDialog *dialog;

  byline_image_set_file (image, "/photos/harbour-wall.jpg");
  byline_image_set_alt_text (image, "Masons on the wall");
  byline_image_set_permission_kind (image, BYLINE_PERMISSION_STAFF);
  g_assert_true (byline_store_save_image (fixture->store, image, NULL));

  dialog = activate (fixture, "workflow.publish");
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Publish Checklist");
  g_assert_true (checklist_mentions (dialog, "“harbour-wall.jpg” has no credit line"));
  /* An error cannot be overridden, even by an editor. */
  g_assert_false (adw_message_dialog_has_response (dialog, "override"));
  adw_message_dialog_response (dialog, "cancel");
  spin (20);
  g_assert_cmpint (byline_story_get_status (fixture->story), ==, BYLINE_STORY_STATUS_DRAFT);
  g_assert_cmpuint (n_history (fixture), ==, 0);
}

static void
test_gate_override_with_reason (Fixture       *fixture,
                                gconstpointer  data)
{
  AdwMessageDialog *dialog;
  g_autoptr (GPtrArray) history = NULL;

  byline_story_set_dek (fixture->story, "");
  dialog = activate (fixture, "workflow.publish");
  g_assert_true (checklist_mentions (dialog, "no dek"));
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "override"));
  gtk_editable_set_text (dialog_entry (dialog), "Breaking: dek to follow");
  adw_message_dialog_response (dialog, "override");
  spin (20);

  g_assert_cmpint (byline_story_get_status (fixture->story), ==, BYLINE_STORY_STATUS_PUBLISHED);
  history = byline_workflow_list_history (fixture->store, byline_story_get_uuid (fixture->story), NULL);
  g_assert_cmpstr (((BylineHistoryEntry *) g_ptr_array_index (history, 0))->override_reason, ==,
                   "Breaking: dek to follow");
}

static void
test_schedule_sets_future_with_date (Fixture       *fixture,
                                     gconstpointer  data)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  g_autoptr (GDateTime) tomorrow = g_date_time_add_days (now, 1);
  g_autoptr (GDateTime) at_ten = g_date_time_new_local (g_date_time_get_year (tomorrow),
                                                        g_date_time_get_month (tomorrow),
                                                        g_date_time_get_day_of_month (tomorrow), 10, 30, 0);
  g_autoptr (GDateTime) scheduled = NULL;

  byline_workflow_bar_set_schedule_time (fixture->bar, at_ten);
  g_assert_null (activate (fixture, "workflow.schedule"));

  g_assert_cmpint (byline_story_get_status (fixture->story), ==, BYLINE_STORY_STATUS_SCHEDULED);
  scheduled = byline_workflow_get_scheduled_date (fixture->store, byline_story_get_uuid (fixture->story));
  g_assert_nonnull (scheduled);
  g_assert_cmpint (g_date_time_to_unix (scheduled), ==, g_date_time_to_unix (at_ten));
  g_assert_cmpstr (gtk_label_get_text (byline_workflow_bar_get_status_label (fixture->bar)), ==, "Scheduled");
}

static void
test_writer_has_no_publish_controls (Fixture       *fixture,
                                     gconstpointer  data)
{
  g_autoptr (BylineStoreAccount) account = byline_store_account_new ("desk", "https://news.example", "wren");
  g_autoptr (BylineStory) story = byline_story_new ();

  g_free (account->user_json);
  account->user_json = g_strdup ("{\"display_name\":\"Wren\",\"capabilities\":[\"edit_posts\"]}");
  g_assert_true (byline_store_save_account (fixture->store, account, NULL));
  byline_story_set_account (story, "desk");
  byline_story_set_status (story, BYLINE_STORY_STATUS_PENDING);
  g_assert_true (byline_store_save_story (fixture->store, story, NULL));
  byline_workflow_bar_set_story (fixture->bar, story);
  spin (20);

  /* The actions are disabled: activating them does nothing. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->bar), "workflow.publish", NULL);
  gtk_widget_activate_action (GTK_WIDGET (fixture->bar), "workflow.send-back", NULL);
  spin (20);
  g_assert_null (byline_workflow_bar_get_dialog (fixture->bar));
  g_assert_cmpint (byline_story_get_status (story), ==, BYLINE_STORY_STATUS_PENDING);
}

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  gtk_init ();
  adw_init ();
  byline_ui_register_resource ();

  ADD ("/workflow-bar/submit/changes-chip-and-history", test_submit_changes_chip_and_history);
  ADD ("/workflow-bar/send-back/requires-note", test_send_back_requires_note);
  ADD ("/workflow-bar/gate/lists-uncredited-photo", test_gate_lists_uncredited_photo);
  ADD ("/workflow-bar/gate/override-with-reason", test_gate_override_with_reason);
  ADD ("/workflow-bar/schedule/sets-future-with-date", test_schedule_sets_future_with_date);
  ADD ("/workflow-bar/writer/has-no-publish-controls", test_writer_has_no_publish_controls);

  return g_test_run ();
}
