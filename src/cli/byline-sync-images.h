/* byline-sync-images.h: byline-sync's attach and images commands
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "model/byline-story.h"
#include "store/byline-store.h"

G_BEGIN_DECLS

void     byline_sync_images_add_options (GOptionContext  *context);
gboolean byline_sync_attach_files       (BylineStore     *store,
                                         BylineStory     *story,
                                         const char      *account,
                                         char           **files,
                                         gboolean         json,
                                         guint           *n_failed,
                                         GError         **error);
gboolean byline_sync_print_images       (BylineStore     *store,
                                         BylineStory     *story,
                                         gboolean         json,
                                         GError         **error);

G_END_DECLS
