/* byline-credit-panel-private.h: the panel's parts and attaching, for the UI tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "byline-credit-panel.h"
#include "byline-image-editor.h"
#include "byline-image-row.h"

G_BEGIN_DECLS

void               byline_credit_panel_attach_files  (BylineCreditPanel *self,
                                                      GSList            *files);
guint              byline_credit_panel_get_n_pending (BylineCreditPanel *self);
void               byline_credit_panel_open_image    (BylineCreditPanel *self,
                                                      BylineImage       *image);
BylineImageEditor *byline_credit_panel_get_editor    (BylineCreditPanel *self);
GtkListView       *byline_credit_panel_get_list_view (BylineCreditPanel *self);
BylineImageRow    *byline_credit_panel_find_row      (BylineCreditPanel *self,
                                                      const char        *image_uuid);

G_END_DECLS
