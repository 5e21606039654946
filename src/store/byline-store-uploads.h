/* byline-store-uploads.h: images waiting in the outbox to be uploaded
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "byline-store-sync.h"

G_BEGIN_DECLS

/* One image waiting to go to the CMS. media_id is the media item the server
 * made for it (0 before the file got there): from then on only its fields
 * are left to send. */
typedef struct
{
  char              *image_uuid;
  char              *story_uuid;
  char              *account;
  BylineOutboxState  state;
  guint              attempts;
  gint64             next_attempt;
  gint64             media_id;
  char              *last_error;
} BylineUploadEntry;

void               byline_upload_entry_free           (BylineUploadEntry  *entry);

gboolean           byline_store_enqueue_upload        (BylineStore        *self,
                                                       BylineImage        *image,
                                                       const char         *account,
                                                       GError            **error);
GPtrArray         *byline_store_list_uploads          (BylineStore        *self,
                                                       const char         *account,
                                                       GError            **error);
BylineImage       *byline_store_find_image            (BylineStore        *self,
                                                       const char         *story_uuid,
                                                       const char         *image_uuid,
                                                       GError            **error);
gboolean           byline_store_upload_note_media     (BylineStore        *self,
                                                       const char         *image_uuid,
                                                       gint64              media_id,
                                                       const char         *remote_url,
                                                       GError            **error);
gboolean           byline_store_upload_record_failure (BylineStore        *self,
                                                       const char         *image_uuid,
                                                       BylineOutboxState   state,
                                                       guint               attempts,
                                                       gint64              next_attempt,
                                                       const char         *message,
                                                       GError            **error);
gboolean           byline_store_upload_complete       (BylineStore        *self,
                                                       const char         *image_uuid,
                                                       GError            **error);
gint64             byline_store_featured_media_id     (BylineStore        *self,
                                                       const char         *story_uuid);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BylineUploadEntry, byline_upload_entry_free)

G_END_DECLS
