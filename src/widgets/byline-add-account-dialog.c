/* byline-add-account-dialog.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "cms/byline-wp-client.h"
#include "sync/byline-sync-accounts.h"

#include "byline-add-account-dialog-private.h"

struct _BylineAddAccountDialog
{
  AdwWindow     parent_instance;

  BylineStore  *store;
  GCancellable *cancellable;
  gboolean      verifying;
  gulong        active_handler;

  GtkStack     *add_stack;
  GtkSpinner   *spinner;
  AdwPreferencesGroup *group;
  AdwEntryRow  *url_row;
  AdwEntryRow  *username_row;
  AdwPasswordEntryRow *password_row;
  GtkLabel     *warning_label;
  GtkLabel     *error_label;
};

G_DEFINE_FINAL_TYPE (BylineAddAccountDialog, byline_add_account_dialog, ADW_TYPE_WINDOW)

enum
{
  ACCOUNT_ADDED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char *
row_text (gpointer row)
{
  return gtk_editable_get_text (GTK_EDITABLE (row));
}

static gboolean
is_filled (gpointer row)
{
  g_autofree char *text = g_strstrip (g_strdup (row_text (row)));

  return *text != '\0';
}

static void
update_add_action (BylineAddAccountDialog *self)
{
  gboolean filled = is_filled (self->url_row) && is_filled (self->username_row) &&
                    *row_text (self->password_row) != '\0';

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "account.add", filled && !self->verifying);
}

static void
set_verifying (BylineAddAccountDialog *self,
               gboolean                verifying)
{
  self->verifying = verifying;
  gtk_stack_set_visible_child_name (self->add_stack, verifying ? "spinner" : "label");
  gtk_spinner_set_spinning (self->spinner, verifying);
  gtk_widget_set_sensitive (GTK_WIDGET (self->group), !verifying);
  update_add_action (self);
}

static void
show_error (BylineAddAccountDialog *self,
            const char             *message)
{
  gtk_label_set_text (self->error_label, message);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

static void
on_field_changed (BylineAddAccountDialog *self)
{
  show_error (self, NULL);
  update_add_action (self);
}

/* The same normalisation of the address as the client that will use it. */
static BylineWpClient *
probe_client (BylineAddAccountDialog *self)
{
  g_autofree char *url = g_strstrip (g_strdup (row_text (self->url_row)));

  if (*url == '\0')
    return NULL;
  return byline_wp_client_new (url, "-", "-", NULL);
}

static void
on_url_changed (BylineAddAccountDialog *self)
{
  g_autoptr (BylineWpClient) client = probe_client (self);

  gtk_widget_set_visible (GTK_WIDGET (self->warning_label),
                          client != NULL && byline_wp_client_is_insecure (client));
  on_field_changed (self);
}

static gboolean
name_is_free (BylineAddAccountDialog *self,
              const char             *name,
              const char             *site_url,
              const char             *username)
{
  g_autoptr (BylineStoreAccount) existing = byline_store_find_account (self->store, name, NULL);

  return existing == NULL ||
         (g_str_equal (existing->site_url, site_url) && g_str_equal (existing->username, username));
}

/* Accounts are named after their site, and the user when one site has
 * several; adding the same account again updates it. */
static char *
account_name (BylineAddAccountDialog *self,
              const char             *username)
{
  g_autoptr (BylineWpClient) client = probe_client (self);
  g_autoptr (GUri) uri = NULL;
  const char *site_url;
  char *name;

  if (client == NULL)
    return g_strdup (username);
  site_url = byline_wp_client_get_site_url (client);
  uri = g_uri_parse (site_url, G_URI_FLAGS_NONE, NULL);
  name = g_strdup (uri != NULL && g_uri_get_host (uri) != NULL ? g_uri_get_host (uri) : username);
  if (!name_is_free (self, name, site_url, username))
    {
      g_autofree char *site_name = name;

      name = g_strdup_printf ("%s-%s", site_name, username);
    }
  return g_strdelimit (name, "/", '-');
}

static void
on_account_added (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr (BylineAddAccountDialog) self = user_data;
  g_autoptr (BylineStoreAccount) account = NULL;
  g_autoptr (GError) error = NULL;

  account = byline_sync_account_add_finish (result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  set_verifying (self, FALSE);
  if (account == NULL)
    {
      show_error (self, error->message);
      gtk_widget_grab_focus (GTK_WIDGET (self->password_row));
      return;
    }
  g_signal_emit (self, signals[ACCOUNT_ADDED], 0, account->name);
  gtk_window_close (GTK_WINDOW (self));
}

static void
add_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  BylineAddAccountDialog *self = BYLINE_ADD_ACCOUNT_DIALOG (widget);
  g_autofree char *url = g_strstrip (g_strdup (row_text (self->url_row)));
  g_autofree char *username = g_strstrip (g_strdup (row_text (self->username_row)));
  g_autofree char *name = account_name (self, username);

  show_error (self, NULL);
  set_verifying (self, TRUE);
  byline_sync_account_add_async (self->store, name, url, username, row_text (self->password_row),
                                 self->cancellable, on_account_added, g_object_ref (self));
}

void
byline_add_account_dialog_fill (BylineAddAccountDialog *self,
                                const char             *url,
                                const char             *username,
                                const char             *password)
{
  g_return_if_fail (BYLINE_IS_ADD_ACCOUNT_DIALOG (self));

  gtk_editable_set_text (GTK_EDITABLE (self->url_row), url);
  gtk_editable_set_text (GTK_EDITABLE (self->username_row), username);
  gtk_editable_set_text (GTK_EDITABLE (self->password_row), password);
}

gboolean
byline_add_account_dialog_get_verifying (BylineAddAccountDialog *self)
{
  g_return_val_if_fail (BYLINE_IS_ADD_ACCOUNT_DIALOG (self), FALSE);

  return self->verifying;
}

/* Returns: (nullable): the message shown, if any */
const char *
byline_add_account_dialog_get_error (BylineAddAccountDialog *self)
{
  g_return_val_if_fail (BYLINE_IS_ADD_ACCOUNT_DIALOG (self), NULL);

  if (!gtk_widget_get_visible (GTK_WIDGET (self->error_label)))
    return NULL;
  return gtk_label_get_text (self->error_label);
}

gboolean
byline_add_account_dialog_get_warning_shown (BylineAddAccountDialog *self)
{
  g_return_val_if_fail (BYLINE_IS_ADD_ACCOUNT_DIALOG (self), FALSE);

  return gtk_widget_get_visible (GTK_WIDGET (self->warning_label));
}

static void
byline_add_account_dialog_dispose (GObject *object)
{
  BylineAddAccountDialog *self = BYLINE_ADD_ACCOUNT_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (byline_add_account_dialog_parent_class)->dispose (object);
}

/* Typing starts in the first field, not on the Cancel button. Given once the
 * window is active: focus moved into a GtkText before the window has the
 * keyboard is never paired with its focus-out. */
static void
on_first_active (BylineAddAccountDialog *self,
                 GParamSpec             *pspec,
                 gpointer                user_data)
{
  if (!gtk_window_is_active (GTK_WINDOW (self)))
    return;
  g_clear_signal_handler (&self->active_handler, self);
  gtk_widget_grab_focus (GTK_WIDGET (self->url_row));
}

static void
byline_add_account_dialog_class_init (BylineAddAccountDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = byline_add_account_dialog_dispose;

  /* The name the account was saved under. */
  signals[ACCOUNT_ADDED] = g_signal_new ("account-added", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                         NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_install_action (widget_class, "account.add", NULL, add_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/byline-add-account-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, BylineAddAccountDialog, add_stack);
  gtk_widget_class_bind_template_child (widget_class, BylineAddAccountDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, BylineAddAccountDialog, group);
  gtk_widget_class_bind_template_child (widget_class, BylineAddAccountDialog, url_row);
  gtk_widget_class_bind_template_child (widget_class, BylineAddAccountDialog, username_row);
  gtk_widget_class_bind_template_child (widget_class, BylineAddAccountDialog, password_row);
  gtk_widget_class_bind_template_child (widget_class, BylineAddAccountDialog, warning_label);
  gtk_widget_class_bind_template_child (widget_class, BylineAddAccountDialog, error_label);
}

static void
byline_add_account_dialog_init (BylineAddAccountDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();

  g_signal_connect_object (self->url_row, "changed", G_CALLBACK (on_url_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->username_row, "changed", G_CALLBACK (on_field_changed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->password_row, "changed", G_CALLBACK (on_field_changed), self,
                           G_CONNECT_SWAPPED);
  update_add_action (self);  self->active_handler = g_signal_connect (self, "notify::is-active", G_CALLBACK (on_first_active), NULL);
}

BylineAddAccountDialog *
byline_add_account_dialog_new (GtkWindow   *parent,
                               BylineStore *store)
{
  BylineAddAccountDialog *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (BYLINE_IS_STORE (store), NULL);

  self = g_object_new (BYLINE_TYPE_ADD_ACCOUNT_DIALOG, "transient-for", parent, NULL);
  self->store = g_object_ref (store);
  return self;
}
