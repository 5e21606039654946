/* byline-upload-tracker.h: the image upload under way, its progress and its cancel
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define BYLINE_TYPE_UPLOAD_TRACKER (byline_upload_tracker_get_type ())

G_DECLARE_FINAL_TYPE (BylineUploadTracker, byline_upload_tracker, BYLINE, UPLOAD_TRACKER, GObject)

BylineUploadTracker *byline_upload_tracker_new                (void);
GCancellable        *byline_upload_tracker_begin              (BylineUploadTracker *self,
                                                               const char          *story_uuid,
                                                               const char          *image_uuid,
                                                               GCancellable        *run_cancellable);
void                 byline_upload_tracker_report             (goffset              sent_bytes,
                                                               goffset              total_bytes,
                                                               gpointer             tracker);
void                 byline_upload_tracker_end                (BylineUploadTracker *self);
const char          *byline_upload_tracker_get_image_uuid     (BylineUploadTracker *self);
gboolean             byline_upload_tracker_cancel             (BylineUploadTracker *self,
                                                               const char          *image_uuid);
gboolean             byline_upload_tracker_cancelled_by_user  (BylineUploadTracker *self);

G_END_DECLS
