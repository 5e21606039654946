/* bench-floor-window.c: the smallest GTK 4 + libadwaita window, as a floor
 *
 * An AdwApplicationWindow with a header bar and a label, the size of
 * Byline's default window, that prints "first-frame" once it has painted,
 * then "settled" when its main loop is idle, and quits: Byline's startup is
 * measured against this.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <adwaita.h>

/* Byline's default window size, from its GSettings schema. */
#define WINDOW_WIDTH  1280
#define WINDOW_HEIGHT 800

static gboolean
report_settled (gpointer user_data)
{
  g_print ("settled\n");
  fflush (stdout);
  g_application_quit (G_APPLICATION (user_data));
  return G_SOURCE_REMOVE;
}

static void
on_after_paint (GdkFrameClock *frame_clock,
                GApplication  *application)
{
  static gboolean reported;

  if (reported)
    return;
  reported = TRUE;
  g_print ("first-frame\n");
  fflush (stdout);
  g_idle_add_full (G_PRIORITY_LOW + 100, report_settled, application, NULL);
}

static void
on_realize (GtkWidget    *window,
            GApplication *application)
{
  g_signal_connect_object (gtk_widget_get_frame_clock (window), "after-paint",
                           G_CALLBACK (on_after_paint), application, 0);
}

static GtkWidget *
create_content (void)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *label = gtk_label_new ("Floor");

  gtk_widget_set_vexpand (label, TRUE);
  gtk_box_append (GTK_BOX (box), adw_header_bar_new ());
  gtk_box_append (GTK_BOX (box), label);
  return box;
}

static void
on_activate (GApplication *application)
{
  GtkWidget *window = adw_application_window_new (GTK_APPLICATION (application));

  gtk_window_set_default_size (GTK_WINDOW (window), WINDOW_WIDTH, WINDOW_HEIGHT);
  adw_application_window_set_content (ADW_APPLICATION_WINDOW (window), create_content ());
  g_signal_connect (window, "realize", G_CALLBACK (on_realize), application);
  gtk_window_present (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr (AdwApplication) application =
    adw_application_new ("io.github.byline.BenchFloorWindow", G_APPLICATION_DEFAULT_FLAGS);

  g_signal_connect (application, "activate", G_CALLBACK (on_activate), NULL);
  return g_application_run (G_APPLICATION (application), argc, argv);
}
