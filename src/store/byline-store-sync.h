/* byline-store-sync.h: what the sync engine keeps in the local store —
 * CMS accounts, the outbox of changes to send, and conflicting server copies
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "byline-store.h"

G_BEGIN_DECLS

/* An account on a CMS. The password is not here: it lives in the keyring. */
typedef struct
{
  char     *name;
  char     *site_url;
  char     *username;
  char     *api_root;
  /* JSON object: user_id, display_name, roles, capabilities */
  char     *user_json;
  gboolean  has_companion;
  /* The newest modified_gmt pulled from the server (its clock, not ours);
   * NULL until the first complete pull. */
  char     *sync_mark;
  /* When the last sync succeeded, in microseconds since the epoch; 0 never. */
  gint64    last_sync;
} BylineStoreAccount;

typedef enum
{
  BYLINE_OUTBOX_CREATE,
  BYLINE_OUTBOX_UPDATE,
} BylineOutboxOperation;

typedef enum
{
  BYLINE_OUTBOX_PENDING,
  BYLINE_OUTBOX_FAILED,
  BYLINE_OUTBOX_CONFLICT,
} BylineOutboxState;

/* One story waiting to be sent. revision grows with each save, so that
 * finishing a send does not drop an edit made while it was under way. */
typedef struct
{
  char                  *story_uuid;
  char                  *account;
  BylineOutboxOperation  operation;
  gint64                 revision;
  BylineOutboxState      state;
  guint                  attempts;
  gint64                 next_attempt;
  gboolean               create_sent;
  char                  *last_error;
} BylineOutboxEntry;

BylineStoreAccount *byline_store_account_new           (const char          *name,
                                                        const char          *site_url,
                                                        const char          *username);
void                byline_store_account_free          (BylineStoreAccount  *account);
void                byline_outbox_entry_free           (BylineOutboxEntry   *entry);
const char         *byline_outbox_state_to_string      (BylineOutboxState    state);
BylineOutboxState   byline_outbox_state_from_string    (const char          *name);

gboolean            byline_store_save_account          (BylineStore         *self,
                                                        const BylineStoreAccount *account,
                                                        GError             **error);
BylineStoreAccount *byline_store_find_account          (BylineStore         *self,
                                                        const char          *name,
                                                        GError             **error);
gboolean            byline_store_remove_account        (BylineStore         *self,
                                                        const char          *name,
                                                        GError             **error);
GPtrArray          *byline_store_list_accounts         (BylineStore         *self,
                                                        GError             **error);
gboolean            byline_store_mark_account_synced   (BylineStore         *self,
                                                        const char          *name,
                                                        const char          *sync_mark,
                                                        GError             **error);

GPtrArray          *byline_store_list_outbox           (BylineStore         *self,
                                                        const char          *account,
                                                        GError             **error);
BylineOutboxEntry  *byline_store_get_outbox_entry      (BylineStore         *self,
                                                        const char          *story_uuid,
                                                        GError             **error);
gboolean            byline_store_outbox_note_create_sent (BylineStore       *self,
                                                        const char          *story_uuid,
                                                        GError             **error);
gboolean            byline_store_outbox_record_failure (BylineStore         *self,
                                                        const char          *story_uuid,
                                                        BylineOutboxState    state,
                                                        guint                attempts,
                                                        gint64               next_attempt,
                                                        const char          *message,
                                                        GError             **error);
gboolean            byline_store_outbox_complete       (BylineStore         *self,
                                                        const char          *story_uuid,
                                                        gint64               revision,
                                                        GError             **error);

gboolean            byline_store_save_conflict         (BylineStore         *self,
                                                        BylineStory         *server_version,
                                                        const char          *message,
                                                        GError             **error);
BylineStory        *byline_store_load_conflict         (BylineStore         *self,
                                                        const char          *story_uuid,
                                                        GError             **error);
gboolean            byline_store_clear_conflict        (BylineStore         *self,
                                                        const char          *story_uuid,
                                                        GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BylineStoreAccount, byline_store_account_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (BylineOutboxEntry, byline_outbox_entry_free)

G_END_DECLS
