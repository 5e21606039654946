/* byline-sync.c: the sync engine from the command line, for scripts and
 * newsroom automation. Same store, same keyring, same code as the app.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <stdio.h>
#include <termios.h>
#include <unistd.h>

#include "byline-sync-images.h"
#include "byline-sync-private.h"
#include "byline-sync-workflow.h"
#include "cms/byline-remote-post.h"
#include "model/byline-story.h"
#include "store/byline-store-sync.h"
#include "store/byline-store-uploads.h"
#include "store/byline-workflow.h"
#include "sync/byline-account-secrets.h"
#include "sync/byline-sync-accounts.h"
#include "sync/byline-sync-engine.h"

typedef struct
{
  GMainLoop        *loop;
  BylineStore      *store;
  BylineStoreAccount *account;
  BylineSyncEngine *engine;
  char             *command;
  char             *story;
  gboolean          json;
  gboolean          full;
  char             *status;
  ExitCode          exit_code;
} Cli;

static gboolean option_json;
static gboolean option_full;
static char *option_url;
static char *option_user;
static char *option_status;

static const GOptionEntry options[] = {
  { "json", 0, 0, G_OPTION_ARG_NONE, &option_json, N_("Print JSON for scripts"), NULL },
  { "url", 0, 0, G_OPTION_ARG_STRING, &option_url, N_("Site address (account add)"), N_("URL") },
  { "user", 0, 0, G_OPTION_ARG_STRING, &option_user, N_("WordPress username (account add)"), N_("USER") },
  { "status", 0, 0, G_OPTION_ARG_STRING, &option_status, N_("Only stories with this status (list)"), N_("STATUS") },
  { "full", 0, 0, G_OPTION_ARG_NONE, &option_full, N_("List every post, to notice deleted ones (pull)"), NULL },
  { NULL },
};

ExitCode
byline_sync_exit_code_for_cms_code (int code)
{
  switch (code)
    {
    case BYLINE_CMS_ERROR_UNAUTHORIZED:
    case BYLINE_CMS_ERROR_AUTH_HEADER_STRIPPED:
      return EXIT_AUTH;
    case BYLINE_CMS_ERROR_FORBIDDEN:
      return EXIT_FORBIDDEN;
    case BYLINE_CMS_ERROR_CONFLICT:
      return EXIT_CONFLICT;
    case BYLINE_CMS_ERROR_OFFLINE:
      return EXIT_OFFLINE;
    case BYLINE_CMS_ERROR_SERVER_ERROR:
    case BYLINE_CMS_ERROR_BAD_RESPONSE:
    case BYLINE_CMS_ERROR_NOT_WORDPRESS:
      return EXIT_SERVER;
    case BYLINE_CMS_ERROR_NOT_FOUND:
      return EXIT_NOT_FOUND;
    default:
      return EXIT_REFUSED;
    }
}

ExitCode
byline_sync_exit_code_for_error (const GError *error)
{
  if (error->domain == BYLINE_CMS_ERROR)
    return byline_sync_exit_code_for_cms_code (error->code);
  if (g_error_matches (error, BYLINE_STORE_ERROR, BYLINE_STORE_ERROR_NOT_FOUND))
    return EXIT_NOT_FOUND;
  return EXIT_OTHER;
}

/* Conflicts first: they need a person; then refusals; then what a later run
 * may still get through. */
static ExitCode
exit_code_for_report (const BylineSyncReport *report)
{
  if (report->conflicts > 0)
    return EXIT_CONFLICT;
  if (report->failed > 0)
    return byline_sync_exit_code_for_cms_code (report->last_failure_code);
  if (report->pending > 0)
    return report->last_transient_code == BYLINE_CMS_ERROR_OFFLINE ? EXIT_OFFLINE : EXIT_SERVER;
  return EXIT_OK;
}

static void
fail (Cli          *cli,
      const GError *error)
{
  g_printerr ("byline-sync: %s\n", error->message);
  cli->exit_code = byline_sync_exit_code_for_error (error);
}

static void
print_json (JsonBuilder *builder)
{
  g_autoptr (JsonNode) root = json_builder_get_root (builder);
  g_autofree char *text = json_to_string (root, TRUE);

  g_print ("%s\n", text);
}

static void
add_string (JsonBuilder *builder,
            const char  *member,
            const char  *value)
{
  json_builder_set_member_name (builder, member);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

static void
add_int (JsonBuilder *builder,
         const char  *member,
         gint64       value)
{
  json_builder_set_member_name (builder, member);
  json_builder_add_int_value (builder, value);
}

static char *
format_time (gint64 usec)
{
  g_autoptr (GDateTime) utc = NULL;
  g_autoptr (GDateTime) local = NULL;

  if (usec <= 0)
    return g_strdup (_("never"));
  utc = g_date_time_new_from_unix_utc (usec / G_USEC_PER_SEC);
  local = g_date_time_to_local (utc);
  return g_date_time_format (local, "%Y-%m-%d %H:%M:%S");
}

/* Reports */

static void
print_report (Cli                    *cli,
              const char             *what,
              const BylineSyncReport *report)
{
  g_autoptr (JsonBuilder) builder = NULL;

  if (!cli->json)
    {
      /* Translators: a summary after a sync; %s is "pull", "push" or "sync" */
      g_print (_("%s: %u pulled, %u unchanged, %u removed, %u pushed (%u found after a lost answer), "
                 "%u retries, %u refused, %u in conflict, %u waiting, %u requests\n"),
               what, report->pulled, report->unchanged, report->removed, report->pushed, report->adopted,
               report->retried, report->failed, report->conflicts, report->pending, report->requests);
      if (report->uploaded > 0)
        /* Translators: after a push, how many images went to the site's media library */
        g_print (g_dngettext (GETTEXT_PACKAGE, "%u image uploaded\n", "%u images uploaded\n", report->uploaded),
                 report->uploaded);
      return;
    }

  builder = json_builder_new ();
  json_builder_begin_object (builder);
  add_string (builder, "operation", what);
  add_int (builder, "pulled", report->pulled);
  add_int (builder, "unchanged", report->unchanged);
  add_int (builder, "removed", report->removed);
  add_int (builder, "pushed", report->pushed);
  add_int (builder, "uploaded", report->uploaded);
  add_int (builder, "adopted", report->adopted);
  add_int (builder, "retried", report->retried);
  add_int (builder, "failed", report->failed);
  add_int (builder, "conflicts", report->conflicts);
  add_int (builder, "pending", report->pending);
  add_int (builder, "requests", report->requests);
  add_int (builder, "exit_code", exit_code_for_report (report));
  json_builder_end_object (builder);
  print_json (builder);
}

static void
on_engine_done (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  Cli *cli = user_data;
  BylineSyncEngine *engine = BYLINE_SYNC_ENGINE (source);
  g_autoptr (GError) error = NULL;
  BylineSyncReport report;
  gboolean ok;

  if (g_str_equal (cli->command, "pull"))
    ok = byline_sync_engine_pull_finish (engine, result, &report, &error);
  else if (g_str_equal (cli->command, "push"))
    ok = byline_sync_engine_push_finish (engine, result, &report, &error);
  else
    ok = byline_sync_engine_sync_finish (engine, result, &report, &error);

  if (ok)
    {
      print_report (cli, cli->command, &report);
      cli->exit_code = exit_code_for_report (&report);
    }
  else
    fail (cli, error);
  g_main_loop_quit (cli->loop);
}

static void
on_client_open (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  Cli *cli = user_data;
  g_autoptr (BylineCmsClient) client = NULL;
  g_autoptr (GError) error = NULL;

  client = byline_sync_account_open_client_finish (result, &error);
  if (client == NULL)
    {
      fail (cli, error);
      cli->exit_code = EXIT_AUTH;
      g_main_loop_quit (cli->loop);
      return;
    }

  cli->engine = byline_sync_engine_new (cli->store, cli->account->name, client);
  if (g_str_equal (cli->command, "pull"))
    byline_sync_engine_pull_async (cli->engine, cli->full, NULL, on_engine_done, cli);
  else if (g_str_equal (cli->command, "push"))
    byline_sync_engine_push_async (cli->engine, NULL, on_engine_done, cli);
  else
    byline_sync_engine_sync_async (cli->engine, NULL, on_engine_done, cli);
}

static ExitCode
run_engine (Cli *cli)
{
  byline_sync_account_open_client_async (cli->account, NULL, on_client_open, cli);
  g_main_loop_run (cli->loop);
  return cli->exit_code;
}

/* account add */

static char *
read_password (void)
{
  struct termios saved, quiet;
  gboolean terminal = isatty (STDIN_FILENO) && tcgetattr (STDIN_FILENO, &saved) == 0;
  char line[1024] = { 0 };
  gsize length;

  if (terminal)
    {
      g_printerr ("%s", _("Application password: "));
      quiet = saved;
      quiet.c_lflag &= ~ECHO;
      tcsetattr (STDIN_FILENO, TCSANOW, &quiet);
    }
  if (fgets (line, sizeof line, stdin) == NULL)
    line[0] = '\0';
  if (terminal)
    {
      tcsetattr (STDIN_FILENO, TCSANOW, &saved);
      g_printerr ("\n");
    }

  length = strcspn (line, "\r\n");
  line[length] = '\0';
  return length > 0 ? g_strndup (line, length) : NULL;
}

static void
print_account (Cli                      *cli,
               const BylineStoreAccount *account,
               JsonBuilder              *builder)
{
  g_autofree char *last_sync = format_time (account->last_sync);

  if (builder == NULL)
    {
      /* Translators: account name, site address, user, time of the last sync */
      g_print (_("%s\t%s\t%s\tlast synced %s%s\n"), account->name, account->site_url, account->username,
               last_sync, account->has_companion ? "" : _(" (no companion plugin: retries may duplicate posts)"));
      return;
    }

  json_builder_begin_object (builder);
  add_string (builder, "name", account->name);
  add_string (builder, "site_url", account->site_url);
  add_string (builder, "username", account->username);
  add_string (builder, "api_root", account->api_root);
  json_builder_set_member_name (builder, "has_companion");
  json_builder_add_boolean_value (builder, account->has_companion);
  add_string (builder, "sync_mark", account->sync_mark);
  add_int (builder, "last_sync", account->last_sync / G_USEC_PER_SEC);
  json_builder_set_member_name (builder, "user");
  json_builder_add_value (builder, json_from_string (account->user_json, NULL));
  json_builder_end_object (builder);
}

static void
on_account_added (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  Cli *cli = user_data;
  g_autoptr (BylineStoreAccount) account = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonBuilder) builder = NULL;

  account = byline_sync_account_add_finish (result, &error);
  if (account == NULL)
    fail (cli, error);
  else if (cli->json)
    {
      builder = json_builder_new ();
      print_account (cli, account, builder);
      print_json (builder);
    }
  else
    g_print (_("Added the account “%s” for %s; the password is in the keyring.\n"), account->name,
             account->site_url);
  g_main_loop_quit (cli->loop);
}

static ExitCode
command_account_add (Cli        *cli,
                     const char *name)
{
  g_autofree char *password = NULL;

  if (option_url == NULL || option_user == NULL)
    {
      g_printerr ("%s\n", _("account add needs --url URL and --user USER"));
      return EXIT_USAGE;
    }
  password = read_password ();
  if (password == NULL)
    {
      g_printerr ("%s\n", _("No application password on standard input"));
      return EXIT_USAGE;
    }

  byline_sync_account_add_async (cli->store, name, option_url, option_user, password, NULL, on_account_added, cli);
  memset (password, 0, strlen (password));
  g_main_loop_run (cli->loop);
  return cli->exit_code;
}

static ExitCode
command_account_list (Cli *cli)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) accounts = byline_store_list_accounts (cli->store, &error);
  g_autoptr (JsonBuilder) builder = cli->json ? json_builder_new () : NULL;

  if (accounts == NULL)
    {
      fail (cli, error);
      return cli->exit_code;
    }
  if (builder != NULL)
    json_builder_begin_array (builder);
  for (guint i = 0; i < accounts->len; i++)
    print_account (cli, g_ptr_array_index (accounts, i), builder);
  if (builder != NULL)
    {
      json_builder_end_array (builder);
      print_json (builder);
    }
  else if (accounts->len == 0)
    g_print ("%s\n", _("No accounts. Add one with: byline-sync account add NAME --url URL --user USER"));
  return EXIT_OK;
}

/* Stories */

static const char *
sync_state (BylineStory       *story,
            BylineOutboxEntry *entry)
{
  if (entry != NULL && entry->state != BYLINE_OUTBOX_PENDING)
    return byline_outbox_state_to_string (entry->state);
  if (entry != NULL || byline_story_get_dirty (story))
    return "local-changes";
  return "synced";
}

static GHashTable *
outbox_by_uuid (GPtrArray *entries)
{
  GHashTable *table = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; entries != NULL && i < entries->len; i++)
    {
      BylineOutboxEntry *entry = g_ptr_array_index (entries, i);
      g_hash_table_insert (table, entry->story_uuid, entry);
    }
  return table;
}

static void
add_story_members (JsonBuilder       *builder,
                   BylineStory       *story,
                   BylineOutboxEntry *entry)
{
  add_string (builder, "uuid", byline_story_get_uuid (story));
  add_int (builder, "remote_id", byline_story_get_remote_id (story));
  add_string (builder, "status", byline_story_status_to_string (byline_story_get_status (story)));
  add_string (builder, "sync_state", sync_state (story, entry));
  add_string (builder, "headline", byline_story_get_headline (story));
  add_string (builder, "remote_modified", byline_story_get_remote_modified (story));
  add_string (builder, "last_error", entry ? entry->last_error : NULL);
}

static void
add_story (JsonBuilder       *builder,
           BylineStory       *story,
           BylineOutboxEntry *entry)
{
  json_builder_begin_object (builder);
  add_story_members (builder, story, entry);
  json_builder_end_object (builder);
}

static gboolean
parse_status_filter (const char        *text,
                     BylineStoryStatus *status)
{
  return byline_story_status_from_string (text, status) || byline_remote_post_status_to_story (text, status);
}

static ExitCode
command_list (Cli *cli)
{
  GListModel *stories = byline_store_get_stories (cli->store);
  g_autoptr (GPtrArray) entries = byline_store_list_outbox (cli->store, cli->account->name, NULL);
  g_autoptr (GHashTable) outbox = outbox_by_uuid (entries);
  g_autoptr (JsonBuilder) builder = cli->json ? json_builder_new () : NULL;
  BylineStoryStatus wanted = BYLINE_STORY_STATUS_DRAFT;

  if (cli->status != NULL && !parse_status_filter (cli->status, &wanted))
    {
      g_printerr (_("Unknown status “%s” (draft, pending, scheduled, published, private)\n"), cli->status);
      return EXIT_USAGE;
    }
  if (builder != NULL)
    json_builder_begin_array (builder);
  for (guint i = 0; i < g_list_model_get_n_items (stories); i++)
    {
      g_autoptr (BylineStory) story = g_list_model_get_item (stories, i);
      BylineOutboxEntry *entry = g_hash_table_lookup (outbox, byline_story_get_uuid (story));

      if (g_strcmp0 (byline_story_get_account (story), cli->account->name) != 0 ||
          (cli->status != NULL && byline_story_get_status (story) != wanted))
        continue;
      if (builder != NULL)
        add_story (builder, story, entry);
      else
        g_print ("%s\t%" G_GINT64_FORMAT "\t%s\t%s\t%s\n", byline_story_get_uuid (story),
                 byline_story_get_remote_id (story), byline_story_status_get_label (byline_story_get_status (story)),
                 sync_state (story, entry), byline_story_get_headline (story));
    }
  if (builder != NULL)
    {
      json_builder_end_array (builder);
      print_json (builder);
    }
  return EXIT_OK;
}

/* STORY is a UUID or the post's id on the server. */
static BylineStory *
find_story (Cli *cli)
{
  GListModel *stories = byline_store_get_stories (cli->store);
  BylineStory *story = byline_store_find_story (cli->store, cli->story);
  guint64 remote_id = 0;

  if (story != NULL || !g_ascii_string_to_unsigned (cli->story, 10, 1, G_MAXINT64, &remote_id, NULL))
    return story;
  for (guint i = 0; i < g_list_model_get_n_items (stories); i++)
    {
      g_autoptr (BylineStory) candidate = g_list_model_get_item (stories, i);

      if (byline_story_get_remote_id (candidate) == (gint64) remote_id &&
          g_strcmp0 (byline_story_get_account (candidate), cli->account->name) == 0)
        return candidate;
    }
  return NULL;
}

static void
print_story_text (BylineStory       *story,
                  BylineOutboxEntry *entry,
                  BylineStory       *server_version)
{
  g_print ("%s\n\n", byline_story_get_headline (story));
  g_print (_("Story:   %s\n"), byline_story_get_uuid (story));
  g_print (_("Post:    %" G_GINT64_FORMAT "\n"), byline_story_get_remote_id (story));
  g_print (_("Status:  %s\n"), byline_story_status_get_label (byline_story_get_status (story)));
  g_print (_("Sync:    %s\n"), sync_state (story, entry));
  if (entry != NULL && entry->last_error != NULL)
    g_print (_("Problem: %s\n"), entry->last_error);
  if (server_version != NULL)
    g_print (_("Server version (%s): %s\n"), byline_story_get_remote_modified (server_version),
             byline_story_get_headline (server_version));
  g_print ("\n%s\n\n%s\n", byline_story_get_dek (story), byline_story_get_body (story));
}

static char *
format_date_time (GDateTime *date_time)
{
  g_autoptr (GDateTime) local = date_time != NULL ? g_date_time_to_local (date_time) : NULL;

  return local != NULL ? g_date_time_format (local, "%Y-%m-%d %H:%M") : g_strdup ("");
}

/* The timeline, with the notes: a send-back note reaches the writer here. */
static void
print_history_text (GPtrArray *history)
{
  if (history != NULL && history->len > 0)
    g_print ("\n%s\n", _("History:"));
  for (guint i = 0; history != NULL && i < history->len; i++)
    {
      const BylineHistoryEntry *entry = g_ptr_array_index (history, i);
      g_autofree char *at = format_date_time (entry->at);

      /* Translators: when, who, from which status to which, and whether the site has it */
      g_print (_("%s  %s: %s → %s%s\n"), at, entry->actor, byline_story_status_get_label (entry->from_status),
               byline_story_status_get_label (entry->to_status), entry->shared ? "" : _(" (not shared)"));
      if (entry->note != NULL)
        g_print (_("    Note: %s\n"), entry->note);
      if (entry->override_reason != NULL)
        g_print (_("    Checklist overridden: %s\n"), entry->override_reason);
    }
}

static void
add_history (JsonBuilder *builder,
             GPtrArray   *history)
{
  g_autofree char *text = history != NULL ? byline_workflow_history_to_json (history) : g_strdup ("[]");

  json_builder_set_member_name (builder, "history");
  json_builder_add_value (builder, json_from_string (text, NULL));
}

static ExitCode
command_show (Cli *cli)
{
  BylineStory *story = find_story (cli);
  g_autoptr (BylineOutboxEntry) entry = NULL;
  g_autoptr (BylineStory) server_version = NULL;
  g_autoptr (JsonBuilder) builder = NULL;
  g_autoptr (GPtrArray) history = NULL;
  g_autoptr (GError) error = NULL;

  if (story == NULL)
    {
      g_printerr (_("No story “%s” in the account “%s”\n"), cli->story, cli->account->name);
      return EXIT_NOT_FOUND;
    }
  if (!byline_store_load_body (cli->store, story, &error))
    {
      fail (cli, error);
      return cli->exit_code;
    }
  entry = byline_store_get_outbox_entry (cli->store, byline_story_get_uuid (story), NULL);
  server_version = byline_store_load_conflict (cli->store, byline_story_get_uuid (story), NULL);
  history = byline_workflow_list_history (cli->store, byline_story_get_uuid (story), NULL);
  if (!cli->json)
    {
      print_story_text (story, entry, server_version);
      print_history_text (history);
      return EXIT_OK;
    }

  builder = json_builder_new ();
  json_builder_begin_object (builder);
  add_story_members (builder, story, entry);
  add_string (builder, "dek", byline_story_get_dek (story));
  add_string (builder, "body", byline_story_get_body (story));
  add_string (builder, "server_headline", server_version ? byline_story_get_headline (server_version) : NULL);
  add_string (builder, "server_body", server_version ? byline_story_get_body (server_version) : NULL);
  add_history (builder, history);
  json_builder_end_object (builder);
  print_json (builder);
  return EXIT_OK;
}

static ExitCode
command_status (Cli *cli)
{
  g_autoptr (GPtrArray) entries = byline_store_list_outbox (cli->store, cli->account->name, NULL);
  g_autofree char *last_sync = format_time (cli->account->last_sync);
  g_autoptr (GPtrArray) uploads = byline_store_list_uploads (cli->store, cli->account->name, NULL);
  guint counts[3] = { 0 };
  guint upload_counts[3] = { 0 };
  g_autoptr (JsonBuilder) builder = NULL;

  for (guint i = 0; entries != NULL && i < entries->len; i++)
    counts[((BylineOutboxEntry *) g_ptr_array_index (entries, i))->state]++;
  for (guint i = 0; uploads != NULL && i < uploads->len; i++)
    upload_counts[((BylineUploadEntry *) g_ptr_array_index (uploads, i))->state]++;

  if (!cli->json)
    {
      g_print (_("%s: %s as %s, last synced %s\n"), cli->account->name, cli->account->site_url,
               cli->account->username, last_sync);
      g_print (_("%u waiting to be sent, %u refused by the server, %u in conflict\n"), counts[0], counts[1],
               counts[2]);
      g_print (_("%u images waiting to be uploaded, %u refused\n"), upload_counts[BYLINE_OUTBOX_PENDING],
               upload_counts[BYLINE_OUTBOX_FAILED]);
      return EXIT_OK;
    }

  builder = json_builder_new ();
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "account");
  print_account (cli, cli->account, builder);
  add_int (builder, "pending", counts[BYLINE_OUTBOX_PENDING]);
  add_int (builder, "failed", counts[BYLINE_OUTBOX_FAILED]);
  add_int (builder, "conflicts", counts[BYLINE_OUTBOX_CONFLICT]);
  add_int (builder, "uploads_pending", upload_counts[BYLINE_OUTBOX_PENDING]);
  add_int (builder, "uploads_failed", upload_counts[BYLINE_OUTBOX_FAILED]);
  json_builder_end_object (builder);
  print_json (builder);
  return EXIT_OK;
}

/* Dispatch */

static ExitCode
usage (GOptionContext *context)
{
  g_autofree char *help = g_option_context_get_help (context, TRUE, NULL);

  g_printerr ("%s", help);
  return EXIT_USAGE;
}

static gboolean
open_store (Cli *cli)
{
  g_autofree char *path = byline_store_default_path ();
  g_autoptr (GError) error = NULL;

  cli->store = byline_store_open (path, &error);
  if (cli->store == NULL)
    fail (cli, error);
  return cli->store != NULL;
}

static ExitCode
run_account_command (Cli    *cli,
                     int     argc,
                     char  **argv)
{
  if (argc == 3 && g_str_equal (argv[2], "list"))
    return command_account_list (cli);
  if (argc == 4 && g_str_equal (argv[2], "add"))
    return command_account_add (cli, argv[3]);
  return EXIT_USAGE;
}

/* attach, images */

static ExitCode
command_attach (Cli   *cli,
                char **files)
{
  BylineStory *story = find_story (cli);
  g_autoptr (GError) error = NULL;
  guint n_failed = 0;

  if (story == NULL)
    {
      g_printerr (_("byline-sync: there is no story “%s”\n"), cli->story);
      return EXIT_NOT_FOUND;
    }
  if (!byline_sync_attach_files (cli->store, story, cli->account->name, files, cli->json, &n_failed, &error))
    {
      g_printerr ("byline-sync: %s\n", error->message);
      return EXIT_USAGE;
    }
  return n_failed > 0 ? EXIT_BAD_FILE : EXIT_OK;
}

static ExitCode
command_images (Cli *cli)
{
  BylineStory *story = find_story (cli);
  g_autoptr (GError) error = NULL;

  if (story == NULL)
    {
      g_printerr (_("byline-sync: there is no story “%s”\n"), cli->story);
      return EXIT_NOT_FOUND;
    }
  if (!byline_sync_print_images (cli->store, story, cli->json, &error))
    {
      fail (cli, error);
      return cli->exit_code;
    }
  return EXIT_OK;
}

static ExitCode
command_workflow (Cli *cli)
{
  BylineStory *story = find_story (cli);

  if (story == NULL || g_strcmp0 (byline_story_get_account (story), cli->account->name) != 0)
    {
      g_printerr (_("No story “%s” in the account “%s”\n"), cli->story, cli->account->name);
      return EXIT_NOT_FOUND;
    }
  return byline_sync_workflow_run (cli->store, cli->account, story, cli->command, cli->json);
}

static ExitCode
run_story_command (Cli   *cli,
                   int    argc,
                   char **argv)
{
  static const char * const engine_commands[] = { "pull", "push", "sync", NULL };
  g_autoptr (GError) error = NULL;

  cli->account = byline_store_find_account (cli->store, argv[1], &error);
  if (cli->account == NULL)
    {
      fail (cli, error);
      return cli->exit_code;
    }
  cli->command = g_strdup (argv[2]);
  if (argc == 3 && g_strv_contains (engine_commands, argv[2]))
    return run_engine (cli);
  if (argc == 3 && g_str_equal (argv[2], "status"))
    return command_status (cli);
  if (argc == 3 && g_str_equal (argv[2], "list"))
    return command_list (cli);
  if (argc == 4 && g_str_equal (argv[2], "show"))
    {
      cli->story = g_strdup (argv[3]);
      return command_show (cli);
    }
  if (argc >= 5 && g_str_equal (argv[2], "attach"))
    {
      cli->story = g_strdup (argv[3]);
      return command_attach (cli, argv + 4);
    }
  if (argc == 4 && g_str_equal (argv[2], "images"))
    {
      cli->story = g_strdup (argv[3]);
      return command_images (cli);
    }
  if (argc == 4 && byline_sync_workflow_is_command (argv[2]))
    {
      cli->story = g_strdup (argv[3]);
      return command_workflow (cli);
    }
  return EXIT_USAGE;
}

static void
cli_clear (Cli *cli)
{
  g_clear_object (&cli->engine);
  g_clear_pointer (&cli->account, byline_store_account_free);
  g_clear_object (&cli->store);
  g_clear_pointer (&cli->loop, g_main_loop_unref);
  g_clear_pointer (&cli->command, g_free);
  g_clear_pointer (&cli->story, g_free);
}

static GOptionContext *
new_option_context (void)
{
  GOptionContext *context = g_option_context_new (_("COMMAND — sync Byline stories with WordPress"));

  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_add_main_entries (context, options, GETTEXT_PACKAGE);
  byline_sync_images_add_options (context);
  byline_sync_workflow_add_options (context);
  g_option_context_set_summary (context,
    _("Commands:\n"
      "  account add NAME --url URL --user USER   add a site; the application password is\n"
      "                                           read from standard input and kept in the keyring\n"
      "  account list                             list the accounts\n"
      "  NAME pull [--full]                       fetch the site’s posts\n"
      "  NAME push                                send local changes\n"
      "  NAME sync                                push, then pull\n"
      "  NAME status                              what is waiting, refused or in conflict\n"
      "  NAME list [--status STATUS]              list the account’s stories\n"
      "  NAME show STORY                          show a story (its UUID or post id)\n"
      "  NAME attach STORY FILE… [--caption T] [--alt T] [--credit T] [--creator T]\n"
      "       [--creator-title T] [--copyright-holder T] [--source T]\n"
      "       [--permission KIND] [--proof T]\n"
      "       [--expires DATE]                    attach images, their credits read from the\n"
      "                                           files where no option gives them, and queue\n"
      "                                           their upload for the next push\n"
      "  NAME images STORY                        list a story’s images, their credits, where\n"
      "                                           each came from and the permission’s state\n"
      "  NAME submit STORY [--note TEXT]          submit a draft for review\n"
      "  NAME send-back STORY --note TEXT         return a story in review to its writer\n"
      "  NAME publish STORY [--override REASON]   publish now, if the publish checklist passes\n"
      "  NAME schedule STORY --at DATE [--override REASON]\n"
      "                                           publish at DATE (ISO 8601; without an offset,\n"
      "                                           in the site’s timezone)\n"
      "  NAME unpublish STORY                     return a published story to draft\n"
      "  NAME update STORY --text TEXT [--prefix-headline]\n"
      "                                           add a dated update and republish\n"
      "       Each of these is checked against your role on the site (as the site last\n"
      "       reported it), recorded in the story’s history, then pushed; a change the\n"
      "       site refuses is taken back. --override is for editors only."));
  g_option_context_set_description (context,
    _("Exit status:\n"
      "  0  success\n"
      "  1  another error (local store, keyring)\n"
      "  2  wrong usage\n"
      "  3  the site refused the login (or no password in the keyring)\n"
      "  4  your role on the site does not allow this (checked here, or refused by\n"
      "     the site; a refused workflow change is taken back)\n"
      "  5  a story changed on the server and here: resolve the conflict\n"
      "  6  the site could not be reached; changes wait in the outbox\n"
      "  7  the server failed or answered nonsense; changes wait in the outbox\n"
      "  8  no such account, story or post\n"
      "  9  the server refused a change (the reason is kept with the story)\n"
      "  10 a file could not be attached (missing, damaged or not an image); the\n"
      "     others were\n"
      "  11 the publish checklist failed (errors, or warnings without --override)\n"
      "  12 the story’s status does not allow this (such as publishing one already\n"
      "     published)\n"
      "\n"
      "The store is $XDG_DATA_HOME/byline/newsroom.db, the same as the app’s."));
  return context;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr (GOptionContext) context = NULL;
  g_autoptr (GError) error = NULL;
  Cli cli = { 0 };
  ExitCode code;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  context = new_option_context ();
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("byline-sync: %s\n", error->message);
      return EXIT_USAGE;
    }
  if (argc < 3)
    return usage (context);

  cli.json = option_json;
  cli.full = option_full;
  cli.status = option_status;
  cli.loop = g_main_loop_new (NULL, FALSE);
  if (!open_store (&cli))
    code = cli.exit_code;
  else if (g_str_equal (argv[1], "account"))
    code = run_account_command (&cli, argc, argv);
  else
    code = run_story_command (&cli, argc, argv);

  if (code == EXIT_USAGE)
    usage (context);
  cli_clear (&cli);
  byline_account_secrets_shutdown ();
  /* Lets D-Bus replies and signals already queued for us be delivered and freed. */
  while (g_main_context_iteration (NULL, FALSE))
    ;
  return code;
}
