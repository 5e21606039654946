/* main.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "byline-ui-resources.h"
#include "widgets/byline-application.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr (BylineApplication) application = NULL;

  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  byline_ui_register_resource ();
  application = byline_application_new ();
  return g_application_run (G_APPLICATION (application), argc, argv);
}
