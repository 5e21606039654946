/* byline-application.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "store/byline-store.h"

#include "byline-application.h"
#include "byline-window.h"

struct _BylineApplication
{
  AdwApplication  parent_instance;

  BylineStore    *store;
  GCancellable   *cancellable;
  guint           show_window_timeout;
  gboolean        sample_requested;
  gboolean        store_opening;
};

/* How long the window may wait for the store before it shows, empty. */
#define STORE_WAIT_BEFORE_SHOWING_MS 400

G_DEFINE_FINAL_TYPE (BylineApplication, byline_application, ADW_TYPE_APPLICATION)

static const GOptionEntry option_entries[] = {
  { "sample", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_NONE, NULL,
    N_("Load the sample newsroom into the local store"), NULL },
  { NULL }
};

static BylineWindow *
get_main_window (BylineApplication *self)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (BYLINE_IS_WINDOW (window))
    return BYLINE_WINDOW (window);
  return byline_window_new (GTK_APPLICATION (self), self->store);
}

/* The window shows once the store has been read, so that its first frame
 * already lists the stories: drawing it empty first would cost a frame and
 * flash an empty list. A slow disk only delays it a little. */
static void
show_main_window (BylineApplication *self)
{
  g_clear_handle_id (&self->show_window_timeout, g_source_remove);
  gtk_window_present (GTK_WINDOW (get_main_window (self)));
}

static gboolean
on_show_window_timeout (gpointer user_data)
{
  BylineApplication *self = user_data;

  self->show_window_timeout = 0;
  show_main_window (self);
  return G_SOURCE_REMOVE;
}

static void
on_fatal_dialog_response (BylineApplication *self)
{
  g_application_quit (G_APPLICATION (self));
}

static char *
describe_open_error (const char   *path,
                     const GError *error)
{
  if (g_error_matches (error, BYLINE_STORE_ERROR, BYLINE_STORE_ERROR_NEWER_SCHEMA))
    return g_strdup_printf (_("The newsroom in “%s” was saved by a newer version of Byline. "
                              "To keep it safe, Byline has not changed it. "
                              "Update Byline to open it."),
                            path);
  return g_strdup_printf (_("Byline could not open the newsroom in “%s”: %s. "
                            "The file has not been changed."),
                          path, error->message);
}

/* The store could not be opened and was left as it is: say why, then quit. */
static void
show_fatal_error (BylineApplication *self,
                  const char        *path,
                  const GError      *error)
{
  g_autofree char *body = describe_open_error (path, error);
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (get_main_window (self)),
                                              _("Cannot Open the Newsroom"), body);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "quit", _("_Quit"));
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_fatal_dialog_response), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
show_moved_aside (BylineApplication *self)
{
  const char *moved_to = byline_store_get_moved_aside_path (self->store);
  g_autofree char *body = g_strdup_printf (
    _("Byline could not read its newsroom, so it started a new, empty one. "
      "The damaged file was kept as “%s”."),
    moved_to);
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (get_main_window (self)),
                                              _("The Newsroom Was Damaged"), body);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
load_sample (BylineApplication *self)
{
  g_autoptr (GError) error = NULL;

  self->sample_requested = FALSE;
  if (!byline_store_load_sample (self->store, &error))
    g_warning ("Could not load the sample newsroom: %s", error->message);
}

static void
on_store_opened (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr (BylineApplication) self = user_data;
  g_autoptr (GError) error = NULL;
  g_autofree char *path = byline_store_default_path ();

  self->store = byline_store_open_finish (result, &error);
  self->store_opening = FALSE;
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (self->store == NULL)
    {
      if (self->show_window_timeout != 0)
        show_main_window (self);
      show_fatal_error (self, path, error);
      return;
    }

  if (byline_store_get_moved_aside_path (self->store) == NULL && byline_store_is_empty (self->store))
    self->sample_requested = TRUE;
  if (self->sample_requested)
    load_sample (self);
  byline_window_set_store (get_main_window (self), self->store);
  if (self->show_window_timeout != 0)
    show_main_window (self);
  if (byline_store_get_moved_aside_path (self->store) != NULL)
    show_moved_aside (self);
}

static void
about_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  BylineApplication *self = user_data;
  const char *developers[] = { _("The Byline contributors"), NULL };

  adw_show_about_window (gtk_application_get_active_window (GTK_APPLICATION (self)),
                         "application-name", _("Byline"),
                         "application-icon", APPLICATION_ID,
                         "developer-name", _("The Byline contributors"),
                         "developers", developers,
                         "version", PACKAGE_VERSION,
                         "comments", _("Write, edit and credit the stories of your newsroom"),
                         "copyright", _("© The Byline contributors"),
                         "license-type", GTK_LICENSE_GPL_3_0,
                         /* TRANSLATORS: your name(s), one a line */
                         "translator-credits", _("translator-credits"),
                         NULL);
}

static void
quit_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  BylineApplication *self = user_data;
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (self));

  /* Closing rather than quitting lets each window save what is pending. */
  for (GList *l = windows; l != NULL;)
    {
      GtkWindow *window = l->data;

      l = l->next;
      gtk_window_close (window);
    }
}

static const GActionEntry app_actions[] = {
  { "about", about_action, NULL, NULL, NULL, { 0 } },
  { "quit", quit_action, NULL, NULL, NULL, { 0 } },
};

static void
byline_application_startup (GApplication *application)
{
  BylineApplication *self = BYLINE_APPLICATION (application);
  g_autofree char *path = byline_store_default_path ();
  const char *quit_accels[] = { "<Control>q", NULL };

  /* The store loads on a thread while GTK starts and the window is built,
   * so that the two overlap rather than add up. */
  self->store_opening = TRUE;
  byline_store_open_async (path, self->cancellable, on_store_opened, g_object_ref (self));

  G_APPLICATION_CLASS (byline_application_parent_class)->startup (application);

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions, G_N_ELEMENTS (app_actions),
                                   self);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit", quit_accels);
}

static int
byline_application_command_line (GApplication            *application,
                                 GApplicationCommandLine *command_line)
{
  BylineApplication *self = BYLINE_APPLICATION (application);
  GVariantDict *options = g_application_command_line_get_options_dict (command_line);

  if (g_variant_dict_contains (options, "sample"))
    self->sample_requested = TRUE;
  if (self->sample_requested && self->store != NULL)
    load_sample (self);

  g_application_activate (application);
  return EXIT_SUCCESS;
}

static void
byline_application_activate (GApplication *application)
{
  BylineApplication *self = BYLINE_APPLICATION (application);

  /* The window is built while the store is still being read. It is not
   * realized until it is shown: a realized window is laid out, empty, on
   * the next turn of the main loop, and that delayed the store's arrival
   * (over 7 and 9 runs, first frames at 1.20 × the floor window against
   * 1.23 × with GL, 1.33 × against 1.38 × without). */
  get_main_window (self);
  if (!self->store_opening)
    show_main_window (self);
  else if (self->show_window_timeout == 0)
    self->show_window_timeout = g_timeout_add (STORE_WAIT_BEFORE_SHOWING_MS, on_show_window_timeout, self);
}

static void
byline_application_shutdown (GApplication *application)
{
  BylineApplication *self = BYLINE_APPLICATION (application);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->show_window_timeout, g_source_remove);

  G_APPLICATION_CLASS (byline_application_parent_class)->shutdown (application);
}

static void
byline_application_dispose (GObject *object)
{
  BylineApplication *self = BYLINE_APPLICATION (object);

  g_clear_object (&self->store);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (byline_application_parent_class)->dispose (object);
}

static void
byline_application_class_init (BylineApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *application_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = byline_application_dispose;
  application_class->startup = byline_application_startup;
  application_class->command_line = byline_application_command_line;
  application_class->activate = byline_application_activate;
  application_class->shutdown = byline_application_shutdown;
}

static void
byline_application_init (BylineApplication *self)
{
  self->cancellable = g_cancellable_new ();
  g_application_add_main_option_entries (G_APPLICATION (self), option_entries);
  g_application_set_option_context_summary (G_APPLICATION (self),
                                            _("Write, edit and credit the stories of your newsroom."));
}

BylineApplication *
byline_application_new (void)
{
  return g_object_new (BYLINE_TYPE_APPLICATION,
                       "application-id", APPLICATION_ID,
                       "flags", G_APPLICATION_HANDLES_COMMAND_LINE,
                       "resource-base-path", RESOURCE_BASE,
                       NULL);
}
