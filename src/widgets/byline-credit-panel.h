/* byline-credit-panel.h: the images of a story and their credits
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "model/byline-story.h"
#include "store/byline-store.h"

G_BEGIN_DECLS

#define BYLINE_TYPE_CREDIT_PANEL (byline_credit_panel_get_type ())

G_DECLARE_FINAL_TYPE (BylineCreditPanel, byline_credit_panel, BYLINE, CREDIT_PANEL, AdwBin)

GtkWidget   *byline_credit_panel_new       (void);
BylineStore *byline_credit_panel_get_store (BylineCreditPanel *self);
void         byline_credit_panel_set_store (BylineCreditPanel *self,
                                            BylineStore       *store);
BylineStory *byline_credit_panel_get_story (BylineCreditPanel *self);
void         byline_credit_panel_set_story (BylineCreditPanel *self,
                                            BylineStory       *story);
GListModel  *byline_credit_panel_get_images (BylineCreditPanel *self);
void         byline_credit_panel_add_image  (BylineCreditPanel *self,
                                             BylineImage       *image);
void         byline_credit_panel_flush      (BylineCreditPanel *self);
void         byline_credit_panel_show_upload_progress (BylineCreditPanel *self,
                                                       const char        *story_uuid,
                                                       const char        *image_uuid,
                                                       double             fraction);
void         byline_credit_panel_show_upload_finished (BylineCreditPanel *self,
                                                       const char        *story_uuid,
                                                       const char        *image_uuid);

G_END_DECLS
