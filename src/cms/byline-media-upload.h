/* byline-media-upload.h: an image to the CMS, its credits written into the copy that goes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "cms/byline-cms-client.h"
#include "model/byline-image.h"

G_BEGIN_DECLS

void               byline_media_upload_async  (BylineCmsClient        *client,
                                               BylineImage            *image,
                                               GFileProgressCallback   progress_callback,
                                               gpointer                progress_data,
                                               GCancellable           *cancellable,
                                               GAsyncReadyCallback     callback,
                                               gpointer                user_data);
void               byline_media_upload_file_async (BylineCmsClient        *client,
                                                   BylineImage            *image,
                                                   GFileProgressCallback   progress_callback,
                                                   gpointer                progress_data,
                                                   GCancellable           *cancellable,
                                                   GAsyncReadyCallback     callback,
                                                   gpointer                user_data);
BylineRemoteMedia *byline_media_upload_finish (GAsyncResult           *result,
                                               char                 ***truncated_tags,
                                               GError                **error);

G_END_DECLS
