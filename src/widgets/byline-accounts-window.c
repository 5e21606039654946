/* byline-accounts-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "sync/byline-sync-accounts.h"

#include "byline-accounts-window.h"

struct _BylineAccountsWindow
{
  AdwPreferencesWindow  parent_instance;

  BylineSyncManager    *manager;
  AdwPreferencesPage   *page;
  AdwPreferencesGroup  *group;
  GPtrArray            *rows;
};

G_DEFINE_FINAL_TYPE (BylineAccountsWindow, byline_accounts_window, ADW_TYPE_PREFERENCES_WINDOW)

static void fill (BylineAccountsWindow *self);

static void
on_removed (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr (BylineAccountsWindow) self = user_data;
  g_autoptr (GError) error = NULL;

  if (!byline_sync_account_remove_finish (BYLINE_STORE (source), result, &error))
    {
      g_autofree char *escaped = g_markup_escape_text (error->message, -1);

      adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), adw_toast_new (escaped));
    }
  fill (self);
}

static void
on_remove_clicked (GtkButton            *button,
                   BylineAccountsWindow *self)
{
  const BylineStoreAccount *account = g_object_get_data (G_OBJECT (button), "account");

  gtk_widget_set_sensitive (GTK_WIDGET (button), FALSE);
  byline_sync_manager_forget_account (self->manager, account->name);
  byline_sync_account_remove_async (byline_sync_manager_get_store (self->manager), account, NULL, on_removed,
                                    g_object_ref (self));
}

static GtkWidget *
account_row (BylineAccountsWindow *self,
             BylineStoreAccount   *account)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");
  /* Translators: a WordPress username and the site's address */
  g_autofree char *subtitle = g_strdup_printf (_("%s on %s"), account->username, account->site_url);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), account->name);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (remove, _("Remove the Account and Its Password"));
  gtk_widget_add_css_class (remove, "flat");
  g_object_set_data_full (G_OBJECT (remove), "account", account, (GDestroyNotify) byline_store_account_free);
  g_signal_connect_object (remove, "clicked", G_CALLBACK (on_remove_clicked), self, 0);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);
  return row;
}

static void
clear_rows (BylineAccountsWindow *self)
{
  for (guint i = 0; i < self->rows->len; i++)
    adw_preferences_group_remove (self->group, g_ptr_array_index (self->rows, i));
  g_ptr_array_set_size (self->rows, 0);
}

static void
fill (BylineAccountsWindow *self)
{
  g_autoptr (GPtrArray) accounts = NULL;
  g_autoptr (GError) error = NULL;

  clear_rows (self);
  accounts = byline_store_list_accounts (byline_sync_manager_get_store (self->manager), &error);
  if (accounts == NULL)
    {
      adw_preferences_group_set_description (self->group, error->message);
      return;
    }
  adw_preferences_group_set_description (self->group, accounts->len == 0 ? _("No accounts yet") : NULL);
  /* Each row's remove button takes its account. */
  g_ptr_array_set_free_func (accounts, NULL);
  for (guint i = 0; i < accounts->len; i++)
    {
      GtkWidget *row = account_row (self, g_ptr_array_index (accounts, i));

      g_ptr_array_add (self->rows, row);
      adw_preferences_group_add (self->group, row);
    }
}

guint
byline_accounts_window_get_n_shown (BylineAccountsWindow *self)
{
  g_return_val_if_fail (BYLINE_IS_ACCOUNTS_WINDOW (self), 0);

  return self->rows->len;
}

static void
byline_accounts_window_dispose (GObject *object)
{
  BylineAccountsWindow *self = BYLINE_ACCOUNTS_WINDOW (object);

  g_clear_object (&self->manager);
  g_clear_pointer (&self->rows, g_ptr_array_unref);

  G_OBJECT_CLASS (byline_accounts_window_parent_class)->dispose (object);
}

static void
byline_accounts_window_class_init (BylineAccountsWindowClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = byline_accounts_window_dispose;
}

static void
byline_accounts_window_init (BylineAccountsWindow *self)
{
  self->rows = g_ptr_array_new ();
  self->page = ADW_PREFERENCES_PAGE (adw_preferences_page_new ());
  self->group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (self->group, _("WordPress Accounts"));
  adw_preferences_page_add (self->page, self->group);
  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (self), self->page);
  adw_preferences_window_set_search_enabled (ADW_PREFERENCES_WINDOW (self), FALSE);
  gtk_window_set_title (GTK_WINDOW (self), _("Accounts"));
  gtk_window_set_modal (GTK_WINDOW (self), TRUE);
}

BylineAccountsWindow *
byline_accounts_window_new (GtkWindow         *parent,
                            BylineSyncManager *manager)
{
  BylineAccountsWindow *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (BYLINE_IS_SYNC_MANAGER (manager), NULL);

  self = g_object_new (BYLINE_TYPE_ACCOUNTS_WINDOW, "transient-for", parent, NULL);
  self->manager = g_object_ref (manager);
  fill (self);
  return self;
}
