/* byline-window.h: the main window, with its story list, editor and credit panel
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "store/byline-store.h"

G_BEGIN_DECLS

#define BYLINE_TYPE_WINDOW (byline_window_get_type ())

G_DECLARE_FINAL_TYPE (BylineWindow, byline_window, BYLINE, WINDOW, AdwApplicationWindow)

BylineWindow *byline_window_new       (GtkApplication *application,
                                       BylineStore    *store);
BylineStore  *byline_window_get_store (BylineWindow   *self);
void          byline_window_set_store (BylineWindow   *self,
                                       BylineStore    *store);

G_END_DECLS
