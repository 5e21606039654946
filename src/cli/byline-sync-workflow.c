/* byline-sync-workflow.c
 *
 * The editorial workflow from the command line, for desks that script their
 * day: the app's rules (roles from the capabilities the site last reported,
 * the publish gate, notes), then a push. A change the site refuses is taken
 * back, so the story stays exactly as it was.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "byline-sync-workflow.h"
#include "store/byline-workflow.h"
#include "sync/byline-sync-accounts.h"
#include "sync/byline-sync-engine.h"

static char *option_note;
static char *option_at;
static char *option_text;
static char *option_override;
static gboolean option_prefix_headline;

static const GOptionEntry workflow_options[] = {
  { "note", 0, 0, G_OPTION_ARG_STRING, &option_note, N_("A note for the editor or the writer (submit, send-back)"),
    N_("TEXT") },
  { "at", 0, 0, G_OPTION_ARG_STRING, &option_at,
    N_("When to publish, ISO 8601; without an offset, in the site’s timezone (schedule)"), N_("DATE") },
  { "text", 0, 0, G_OPTION_ARG_STRING, &option_text, N_("What changed (update)"), N_("TEXT") },
  { "prefix-headline", 0, 0, G_OPTION_ARG_NONE, &option_prefix_headline,
    N_("Put “[UPDATE]” before the headline (update)"), NULL },
  { "override", 0, 0, G_OPTION_ARG_STRING, &option_override,
    N_("Go ahead despite the checklist’s warnings, for this reason; editors only (publish, schedule)"),
    N_("REASON") },
  { NULL },
};

static const char * const workflow_commands[] = {
  "submit", "send-back", "publish", "schedule", "unpublish", "update", NULL,
};

typedef struct
{
  BylineStore              *store;
  BylineStoreAccount       *account;
  BylineStory              *story;
  const char               *command;
  gboolean                  json;
  GMainLoop                *loop;
  SoupSession              *session;
  /* How long the history was after the change here: shorter after the
   * push, the site refused the change and it was taken back. */
  guint                     history_after_act;
  BylineSyncEngine         *engine;
  GDateTime                *publish_at;
  ExitCode                  exit_code;
} WorkflowRun;

void
byline_sync_workflow_add_options (GOptionContext *context)
{
  g_option_context_add_main_entries (context, workflow_options, GETTEXT_PACKAGE);
}

gboolean
byline_sync_workflow_is_command (const char *command)
{
  return command != NULL && g_strv_contains (workflow_commands, command);
}

/* Errors of the workflow itself, before anything is sent */

static ExitCode
exit_code_for_workflow_error (const GError *error)
{
  if (error->domain != BYLINE_WORKFLOW_ERROR)
    return byline_sync_exit_code_for_error (error);

  switch (error->code)
    {
    case BYLINE_WORKFLOW_ERROR_FORBIDDEN:
      return EXIT_FORBIDDEN;
    case BYLINE_WORKFLOW_ERROR_GATE_BLOCKED:
    case BYLINE_WORKFLOW_ERROR_GATE_NEEDS_OVERRIDE:
      return EXIT_GATE_FAILED;
    case BYLINE_WORKFLOW_ERROR_WRONG_STATUS:
      return EXIT_WRONG_STATUS;
    default:
      return EXIT_USAGE;
    }
}

/* Every finding, not only the first the error names: the writer fixes
 * them in one go. */
static void
print_gate_issues (WorkflowRun *run)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr (GPtrArray) issues = byline_workflow_check_gate (run->store, run->story,
                                                            run->publish_at ? run->publish_at : now, NULL);

  for (guint i = 0; issues != NULL && i < issues->len; i++)
    {
      const BylineGateIssue *issue = g_ptr_array_index (issues, i);

      g_printerr ("  %s %s\n", issue->severity == BYLINE_GATE_ERROR ? _("error:") : _("warning:"), issue->message);
    }
}

static gboolean
fail_action (WorkflowRun  *run,
             const GError *error)
{
  g_printerr ("byline-sync: %s\n", error->message);
  if (g_error_matches (error, BYLINE_WORKFLOW_ERROR, BYLINE_WORKFLOW_ERROR_GATE_BLOCKED) ||
      g_error_matches (error, BYLINE_WORKFLOW_ERROR, BYLINE_WORKFLOW_ERROR_GATE_NEEDS_OVERRIDE))
    print_gate_issues (run);
  run->exit_code = exit_code_for_workflow_error (error);
  return FALSE;
}

/* Schedule: --at */

/* Read in two different timezones, a time with its own offset is the same
 * instant in both. */
static gboolean
has_offset (const char *text)
{
  g_autoptr (GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr (GTimeZone) other = g_time_zone_new_offset (3600);
  g_autoptr (GDateTime) in_utc = g_date_time_new_from_iso8601 (text, utc);
  g_autoptr (GDateTime) in_other = g_date_time_new_from_iso8601 (text, other);

  return in_utc != NULL && in_other != NULL && g_date_time_equal (in_utc, in_other);
}

static gboolean
parse_publish_at (WorkflowRun  *run,
                  GError      **error)
{
  g_autoptr (GTimeZone) site = byline_workflow_get_site_timezone (run->store, run->account->name);

  if (option_at == NULL)
    {
      g_set_error_literal (error, BYLINE_WORKFLOW_ERROR, BYLINE_WORKFLOW_ERROR_INVALID_DATE,
                           _("schedule needs --at DATE, such as 2025-06-01T09:30 (site time) or "
                             "2025-06-01T09:30:00+02:00"));
      return FALSE;
    }
  run->publish_at = g_date_time_new_from_iso8601 (option_at, site);
  if (run->publish_at != NULL)
    return TRUE;
  g_set_error (error, BYLINE_WORKFLOW_ERROR, BYLINE_WORKFLOW_ERROR_INVALID_DATE,
               _("“%s” is not a date and time such as 2025-06-01T09:30 or 2025-06-01T09:30:00+02:00"), option_at);
  return FALSE;
}

/* The action, here */

static gboolean
run_action (WorkflowRun                *run,
            const BylineWorkflowActor  *actor,
            GError                    **error)
{
  if (g_str_equal (run->command, "submit"))
    return byline_workflow_submit (run->store, run->story, actor, option_note, error);
  if (g_str_equal (run->command, "send-back"))
    return byline_workflow_send_back (run->store, run->story, actor, option_note, error);
  if (g_str_equal (run->command, "publish"))
    return byline_workflow_publish (run->store, run->story, actor, option_override, error);
  if (g_str_equal (run->command, "unpublish"))
    return byline_workflow_unpublish (run->store, run->story, actor, error);
  if (g_str_equal (run->command, "update"))
    return byline_workflow_add_update (run->store, run->story, actor, option_text, option_prefix_headline, NULL,
                                       error);
  return parse_publish_at (run, error) &&
         byline_workflow_schedule (run->store, run->story, actor, run->publish_at, option_override, error);
}

static guint
history_length (WorkflowRun *run)
{
  g_autoptr (GPtrArray) history = byline_workflow_list_history (run->store, byline_story_get_uuid (run->story),
                                                                NULL);

  return history != NULL ? history->len : 0;
}

static gboolean
act (WorkflowRun *run)
{
  g_autoptr (BylineWorkflowActor) actor = byline_workflow_actor_for_story (run->store, run->story);
  g_autoptr (GError) error = NULL;

  if (!run_action (run, actor, &error))
    return fail_action (run, error);
  run->history_after_act = history_length (run);
  return TRUE;
}

/* Reporting */

static char *
done_message (WorkflowRun *run)
{
  const char *headline = byline_story_get_headline (run->story);
  g_autoptr (GTimeZone) site = NULL;
  g_autoptr (GDateTime) site_time = NULL;
  g_autofree char *when = NULL;

  if (g_str_equal (run->command, "submit"))
    return g_strdup_printf (_("Submitted “%s” for review."), headline);
  if (g_str_equal (run->command, "send-back"))
    return g_strdup_printf (_("Sent “%s” back to its writer with your note."), headline);
  if (g_str_equal (run->command, "publish"))
    return g_strdup_printf (_("Published “%s”."), headline);
  if (g_str_equal (run->command, "unpublish"))
    return g_strdup_printf (_("Unpublished “%s”; it is a draft again."), headline);
  if (g_str_equal (run->command, "update"))
    return g_strdup_printf (_("Added the update to “%s” and republished it."), headline);

  site = byline_workflow_get_site_timezone (run->store, run->account->name);
  site_time = g_date_time_to_timezone (run->publish_at, site);
  when = g_date_time_format (site_time, "%Y-%m-%d %H:%M %:z");
  /* Translators: %s is the headline, then the date and time in the site's timezone */
  return g_strdup_printf (_("Scheduled “%s” for %s (site time)."), headline, when);
}

/* Shared once the site sent the newest entry back (its companion plugin
 * keeps the history as post meta). */
static gboolean
history_is_shared (WorkflowRun *run)
{
  g_autoptr (GPtrArray) history = byline_workflow_list_history (run->store, byline_story_get_uuid (run->story),
                                                                NULL);
  const BylineHistoryEntry *last;

  if (history == NULL || history->len == 0)
    return FALSE;
  last = g_ptr_array_index (history, history->len - 1);
  return last->shared;
}

static void
print_done_json (WorkflowRun *run,
                 const char  *message,
                 gboolean     shared)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (JsonNode) root = NULL;
  g_autofree char *text = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "uuid");
  json_builder_add_string_value (builder, byline_story_get_uuid (run->story));
  json_builder_set_member_name (builder, "remote_id");
  json_builder_add_int_value (builder, byline_story_get_remote_id (run->story));
  json_builder_set_member_name (builder, "status");
  json_builder_add_string_value (builder, byline_story_status_to_string (byline_story_get_status (run->story)));
  json_builder_set_member_name (builder, "history_shared");
  json_builder_add_boolean_value (builder, shared);
  json_builder_set_member_name (builder, "message");
  json_builder_add_string_value (builder, message);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  text = json_to_string (root, TRUE);
  g_print ("%s\n", text);
}

static void
print_done (WorkflowRun *run)
{
  g_autofree char *message = done_message (run);
  gboolean shared = history_is_shared (run);

  if (run->json)
    print_done_json (run, message, shared);
  else
    g_print ("%s\n", message);
  if (!run->json && !shared)
    g_print ("%s\n", _("The site does not keep Byline’s notes and history (no companion plugin, or an old one): "
                       "they stay on this computer and are not shared."));
}

/* After the push */

/* The sync engine took the change back (byline_workflow_take_back_refused). */
static void
report_taken_back (WorkflowRun            *run,
                   const BylineSyncReport *report)
{
  const char *headline = byline_story_get_headline (run->story);
  const char *status = byline_story_status_get_label (byline_story_get_status (run->story));

  run->exit_code = byline_sync_exit_code_for_cms_code (report->last_failure_code);
  /* Translators: the headline, then its status, such as “Draft” */
  g_printerr (_("byline-sync: the site refused the change: your role on the site does not allow this.\n"
                "Nothing changed: “%s” is still %s.\n"),
              headline, status);
}

static void
report_refused (WorkflowRun             *run,
                const BylineOutboxEntry *entry,
                const BylineSyncReport  *report)
{
  run->exit_code = byline_sync_exit_code_for_cms_code (report->last_failure_code);
  g_printerr (_("byline-sync: the site refused the change: %s\nIt is kept here; see “byline-sync %s status”.\n"),
              entry->last_error != NULL ? entry->last_error : "", run->account->name);
}

static void
finish_after_push (WorkflowRun            *run,
                   const BylineSyncReport *report)
{
  g_autoptr (BylineOutboxEntry) entry = byline_store_get_outbox_entry (run->store,
                                                                      byline_story_get_uuid (run->story), NULL);

  if (history_length (run) < run->history_after_act)
    report_taken_back (run, report);
  else if (entry == NULL)
    {
      print_done (run);
      run->exit_code = EXIT_OK;
    }
  else if (entry->state == BYLINE_OUTBOX_FAILED)
    report_refused (run, entry, report);
  else if (entry->state == BYLINE_OUTBOX_CONFLICT)
    {
      g_printerr ("%s\n", _("byline-sync: the story also changed on the site; resolve the conflict in Byline, "
                            "then sync. Your change is kept here."));
      run->exit_code = EXIT_CONFLICT;
    }
  else
    {
      g_printerr (_("byline-sync: done here, but the site could not be reached (%s); the change goes with the "
                    "next sync.\n"), entry->last_error != NULL ? entry->last_error : "");
      run->exit_code = report->last_transient_code == BYLINE_CMS_ERROR_OFFLINE ? EXIT_OFFLINE : EXIT_SERVER;
    }
}

static void
on_pushed (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  WorkflowRun *run = user_data;
  g_autoptr (GError) error = NULL;
  BylineSyncReport report;

  if (byline_sync_engine_push_finish (BYLINE_SYNC_ENGINE (source), result, &report, &error))
    finish_after_push (run, &report);
  else
    {
      /* A refused login stops the run before the story is sent: it waits. */
      g_printerr (_("byline-sync: not sent yet: %s\nThe change is kept here and goes to the site with the next "
                    "sync.\n"), error->message);
      run->exit_code = byline_sync_exit_code_for_error (error);
    }
  g_main_loop_quit (run->loop);
}

/* WordPress gives a post created already scheduled its date to come as
 * its modified_gmt as well, which throws other clients' incremental pulls
 * off: such a story goes to the site as a draft first. */
static gboolean
creates_scheduled_post (WorkflowRun *run)
{
  return g_str_equal (run->command, "schedule") && byline_story_get_remote_id (run->story) <= 0;
}

static void
act_then_push (WorkflowRun *run)
{
  if (!act (run))
    {
      g_main_loop_quit (run->loop);
      return;
    }
  byline_sync_engine_push_async (run->engine, NULL, on_pushed, run);
}

static void
on_draft_pushed (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  WorkflowRun *run = user_data;
  g_autoptr (GError) error = NULL;

  if (!byline_sync_engine_push_finish (BYLINE_SYNC_ENGINE (source), result, NULL, &error))
    g_printerr (_("byline-sync: the draft could not be sent first: %s\n"), error->message);
  act_then_push (run);
}

static void
on_client_open (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  WorkflowRun *run = user_data;
  g_autoptr (BylineCmsClient) client = NULL;
  g_autoptr (GError) error = NULL;

  client = byline_sync_account_open_client_finish (result, &error);
  if (client == NULL)
    {
      g_printerr (_("byline-sync: could not reach the site: %s\n"), error->message);
      if (run->history_after_act > 0)
        g_printerr ("%s\n", _("The change is kept here and goes to the site with the next sync."));
      run->exit_code = EXIT_AUTH;
      g_main_loop_quit (run->loop);
      return;
    }
  run->engine = byline_sync_engine_new (run->store, run->account->name, client);
  if (creates_scheduled_post (run))
    byline_sync_engine_push_async (run->engine, NULL, on_draft_pushed, run);
  else
    byline_sync_engine_push_async (run->engine, NULL, on_pushed, run);
}

/* Refused here, nothing is sent: the story goes nowhere it was not going. */
static void
act_and_push (WorkflowRun *run)
{
  if (!creates_scheduled_post (run) && !act (run))
    {
      g_main_loop_quit (run->loop);
      return;
    }
  byline_sync_account_open_client_async (run->account, NULL, on_client_open, run);
}

/* The site's timezone, for a time given without an offset */

/* Some sites answer "2", others "2.5" or 2: hours east of UTC. */
static double
gmt_offset_of (JsonObject *index)
{
  JsonNode *node = json_object_get_member (index, "gmt_offset");

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return 0;
  if (json_node_get_value_type (node) == G_TYPE_STRING)
    return g_ascii_strtod (json_node_get_string (node), NULL);
  return json_node_get_double (node);
}

/* The REST index of a WordPress site says its timezone to anyone. Kept
 * with the account, where the app's schedule dialog reads it too. */
static void
remember_site_timezone (WorkflowRun *run,
                        JsonObject  *index)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (JsonNode) root = NULL;
  g_autoptr (GError) error = NULL;
  JsonObject *user;

  if (!json_parser_load_from_data (parser, run->account->user_json, -1, NULL) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return;
  root = json_node_copy (json_parser_get_root (parser));
  user = json_node_get_object (root);
  json_object_set_string_member (user, "timezone_string",
                                 json_object_get_string_member_with_default (index, "timezone_string", ""));
  json_object_set_double_member (user, "gmt_offset", gmt_offset_of (index));
  g_free (run->account->user_json);
  run->account->user_json = json_to_string (root, FALSE);
  if (!byline_store_save_account (run->store, run->account, &error))
    g_warning ("Could not keep the site’s timezone: %s", error->message);
}

static JsonObject *
index_object (JsonParser *parser,
              GBytes     *body)
{
  JsonNode *root;

  if (body == NULL ||
      !json_parser_load_from_data (parser, g_bytes_get_data (body, NULL), (gssize) g_bytes_get_size (body), NULL))
    return NULL;
  root = json_parser_get_root (parser);
  return root != NULL && JSON_NODE_HOLDS_OBJECT (root) ? json_node_get_object (root) : NULL;
}

static void
on_index_read (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  WorkflowRun *run = user_data;
  g_autoptr (GBytes) body = soup_session_send_and_read_finish (SOUP_SESSION (source), result, NULL);
  g_autoptr (JsonParser) parser = json_parser_new ();
  JsonObject *index = index_object (parser, body);

  if (index != NULL && json_object_has_member (index, "gmt_offset"))
    remember_site_timezone (run, index);
  else
    g_printerr ("%s\n", _("byline-sync: could not read the site’s timezone; using the last one known, or this "
                          "computer’s"));
  act_and_push (run);
}

static void
read_site_timezone (WorkflowRun *run)
{
  g_autoptr (SoupMessage) msg = NULL;

  if (run->account->api_root != NULL)
    msg = soup_message_new ("GET", run->account->api_root);
  if (msg == NULL)
    {
      act_and_push (run);
      return;
    }
  run->session = soup_session_new_with_options ("timeout", 30, NULL);
  soup_session_send_and_read_async (run->session, msg, G_PRIORITY_DEFAULT, NULL, on_index_read, run);
}

static void
start (gpointer user_data)
{
  WorkflowRun *run = user_data;

  if (g_str_equal (run->command, "schedule") && option_at != NULL && !has_offset (option_at))
    read_site_timezone (run);
  else
    act_and_push (run);
}

static BylineStoreAccount *
account_copy (const BylineStoreAccount *account)
{
  BylineStoreAccount *copy = byline_store_account_new (account->name, account->site_url, account->username);

  copy->api_root = g_strdup (account->api_root);
  g_free (copy->user_json);
  copy->user_json = g_strdup (account->user_json);
  copy->has_companion = account->has_companion;
  copy->sync_mark = g_strdup (account->sync_mark);
  copy->last_sync = account->last_sync;
  return copy;
}

/**
 * byline_sync_workflow_run:
 *
 * Runs one workflow @command on @story, then pushes the account's outbox.
 *
 * Returns: the exit status, as documented in --help
 */
ExitCode
byline_sync_workflow_run (BylineStore              *store,
                          const BylineStoreAccount *account,
                          BylineStory              *story,
                          const char               *command,
                          gboolean                  json)
{
  WorkflowRun run = { 0 };

  g_return_val_if_fail (BYLINE_IS_STORE (store), EXIT_OTHER);
  g_return_val_if_fail (BYLINE_IS_STORY (story), EXIT_OTHER);
  g_return_val_if_fail (byline_sync_workflow_is_command (command), EXIT_USAGE);

  run.store = store;
  run.account = account_copy (account);
  run.story = story;
  run.command = command;
  run.json = json;
  run.loop = g_main_loop_new (NULL, FALSE);
  g_idle_add_once (start, &run);
  g_main_loop_run (run.loop);

  g_clear_object (&run.engine);
  g_clear_object (&run.session);
  g_clear_pointer (&run.publish_at, g_date_time_unref);
  g_clear_pointer (&run.account, byline_store_account_free);
  g_clear_pointer (&run.loop, g_main_loop_unref);
  return run.exit_code;
}
