/* bench-startup.c: time to first frame and peak memory of GUI programs
 *
 *   bench-startup [--runs 7] FLOOR-NAME=COMMAND APP-NAME=COMMAND …
 *
 * Each COMMAND must print "first-frame" on stdout once its window has
 * painted, then "settled" once its main loop has run out of work (what it
 * builds in the background after the first frame is done), then exit.
 * After one warm-up run of each, the commands take turns, so that whatever
 * else the machine does weighs on them alike. The time runs from just
 * before the spawn to reading "first-frame"; the memory is the resident set
 * at the first frame (and its private anonymous part, RssAnon: the heap,
 * without the shared libraries' pages), once settled, and the peak the
 * kernel reports on reaping the process.
 * Prints medians, one figure a line, and each command's time as a multiple
 * of the first one's (the floor).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define _GNU_SOURCE

#include <errno.h>
#include <glib.h>
#include <poll.h>
#include <signal.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#define FIRST_FRAME_TIMEOUT_MS 60000
#define KIB_PER_MB             1024.0

typedef struct
{
  char    *name;
  GStrv    argv;
  GArray  *startup_ms;
  GArray  *peak_rss_mb;
  GArray  *first_frame_rss_mb;
  GArray  *first_frame_anon_mb;
  GArray  *settled_rss_mb;
} Command;

typedef struct
{
  double startup_ms;
  double peak_rss_mb;
  double first_frame_rss_mb;
  double first_frame_anon_mb;
  double settled_rss_mb;
} Run;

static void
command_free (Command *command)
{
  g_free (command->name);
  g_strfreev (command->argv);
  g_array_unref (command->startup_ms);
  g_array_unref (command->peak_rss_mb);
  g_array_unref (command->first_frame_rss_mb);
  g_array_unref (command->first_frame_anon_mb);
  g_array_unref (command->settled_rss_mb);
  g_free (command);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Command, command_free)

static Command *
command_parse (const char  *spec,
               GError     **error)
{
  g_autoptr (Command) command = g_new0 (Command, 1);
  const char *equals = strchr (spec, '=');

  if (equals == NULL || equals == spec)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   "Expected NAME=COMMAND, got “%s”", spec);
      return NULL;
    }
  command->name = g_strndup (spec, equals - spec);
  command->startup_ms = g_array_new (FALSE, FALSE, sizeof (double));
  command->peak_rss_mb = g_array_new (FALSE, FALSE, sizeof (double));
  command->first_frame_rss_mb = g_array_new (FALSE, FALSE, sizeof (double));
  command->first_frame_anon_mb = g_array_new (FALSE, FALSE, sizeof (double));
  command->settled_rss_mb = g_array_new (FALSE, FALSE, sizeof (double));
  if (!g_shell_parse_argv (equals + 1, NULL, &command->argv, error))
    return NULL;
  return g_steal_pointer (&command);
}

/* Reads a "\nField:" of /proc/PID/status, in kB there, while the process
 * is alive: once reaped, /proc no longer has it. */
static double
read_status_mb (GPid        pid,
                const char *field)
{
  g_autofree char *path = g_strdup_printf ("/proc/%d/status", (int) pid);
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents (path, &status, NULL, NULL) ||
      (line = strstr (status, field)) == NULL)
    return -1;
  return g_ascii_strtod (line + strlen (field), NULL) / KIB_PER_MB;
}

/* Reads the program's output until it has printed the line @marker. */
static gboolean
wait_for_line (int         fd,
               GString    *output,
               const char *marker)
{
  struct pollfd poll_fd = { fd, POLLIN, 0 };
  char buffer[4096];
  gint64 deadline = g_get_monotonic_time () + FIRST_FRAME_TIMEOUT_MS * G_TIME_SPAN_MILLISECOND;

  while (strstr (output->str, marker) == NULL)
    {
      int timeout_ms = (int) ((deadline - g_get_monotonic_time ()) / G_TIME_SPAN_MILLISECOND);
      ssize_t n;

      if (timeout_ms <= 0 || poll (&poll_fd, 1, timeout_ms) <= 0)
        return FALSE;
      n = read (fd, buffer, sizeof buffer);
      if (n == 0 || (n < 0 && errno != EINTR))
        return FALSE;
      if (n > 0)
        g_string_append_len (output, buffer, n);
    }
  return TRUE;
}

/* The rest of the output is read so that a chatty program never blocks on
 * a full pipe while it shuts down. */
static void
drain (int fd)
{
  char buffer[4096];
  ssize_t n;

  do
    n = read (fd, buffer, sizeof buffer);
  while (n > 0 || (n < 0 && errno == EINTR));
}

static gboolean
run_once (Command  *command,
          Run      *run,
          GError  **error)
{
  g_autoptr (GString) output = g_string_new (NULL);
  struct rusage usage;
  GPid pid;
  int stdout_fd;
  int wait_status;
  gint64 start = g_get_monotonic_time ();
  gboolean painted;

  if (!g_spawn_async_with_pipes (NULL, command->argv, NULL,
                                 G_SPAWN_SEARCH_PATH | G_SPAWN_DO_NOT_REAP_CHILD,
                                 NULL, NULL, &pid, NULL, &stdout_fd, NULL, error))
    return FALSE;

  painted = wait_for_line (stdout_fd, output, "first-frame\n");
  run->startup_ms = (g_get_monotonic_time () - start) / (double) G_TIME_SPAN_MILLISECOND;
  run->first_frame_rss_mb = painted ? read_status_mb (pid, "\nVmRSS:") : -1;
  run->first_frame_anon_mb = painted ? read_status_mb (pid, "\nRssAnon:") : -1;
  painted = painted && wait_for_line (stdout_fd, output, "settled\n");
  run->settled_rss_mb = painted ? read_status_mb (pid, "\nVmRSS:") : -1;
  if (!painted)
    kill (pid, SIGKILL);
  drain (stdout_fd);
  close (stdout_fd);
  while (wait4 (pid, &wait_status, 0, &usage) < 0 && errno == EINTR)
    ;
  run->peak_rss_mb = usage.ru_maxrss / KIB_PER_MB;

  if (!painted || !WIFEXITED (wait_status) || WEXITSTATUS (wait_status) != 0)
    {
      g_set_error (error, G_SPAWN_ERROR, G_SPAWN_ERROR_FAILED,
                   "%s did not paint a first frame, settle and exit cleanly (%s)", command->name,
                   painted ? "bad exit status" : "no \"first-frame\" and \"settled\" lines");
      return FALSE;
    }
  return TRUE;
}

static void
record (Command   *command,
        const Run *run)
{
  g_array_append_val (command->startup_ms, run->startup_ms);
  g_array_append_val (command->peak_rss_mb, run->peak_rss_mb);
  g_array_append_val (command->first_frame_rss_mb, run->first_frame_rss_mb);
  g_array_append_val (command->first_frame_anon_mb, run->first_frame_anon_mb);
  g_array_append_val (command->settled_rss_mb, run->settled_rss_mb);
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return (x > y) - (x < y);
}

/* Negative values stand for "not measured" and are left out. */
static double
median (GArray *values)
{
  g_autoptr (GArray) sorted = g_array_new (FALSE, FALSE, sizeof (double));

  for (guint i = 0; i < values->len; i++)
    if (g_array_index (values, double, i) >= 0)
      g_array_append_val (sorted, g_array_index (values, double, i));
  if (sorted->len == 0)
    return -1;
  g_array_sort (sorted, compare_doubles);
  return g_array_index (sorted, double, sorted->len / 2);
}

static void
print_figures (GPtrArray *commands)
{
  Command *floor_command = g_ptr_array_index (commands, 0);
  double floor_ms = median (floor_command->startup_ms);

  for (guint i = 0; i < commands->len; i++)
    {
      Command *command = g_ptr_array_index (commands, i);
      double first_frame_rss = median (command->first_frame_rss_mb);
      double first_frame_anon = median (command->first_frame_anon_mb);

      g_print ("startup-%s: %.1f ms\n", command->name, median (command->startup_ms));
      if (i > 0)
        g_print ("startup-%s-over-%s: %.2f x\n", command->name, floor_command->name,
                 median (command->startup_ms) / floor_ms);
      g_print ("peak-rss-%s: %.1f MB\n", command->name, median (command->peak_rss_mb));
      if (first_frame_rss >= 0)
        g_print ("rss-at-first-frame-%s: %.1f MB\n", command->name, first_frame_rss);
      if (first_frame_anon >= 0)
        g_print ("rss-anon-at-first-frame-%s: %.1f MB\n", command->name, first_frame_anon);
      g_print ("rss-when-settled-%s: %.1f MB\n", command->name, median (command->settled_rss_mb));
    }
}

static gboolean
run_all (GPtrArray  *commands,
         int         n_runs,
         GError    **error)
{
  Run run;

  for (guint i = 0; i < commands->len; i++)
    if (!run_once (g_ptr_array_index (commands, i), &run, error))
      return FALSE;

  for (int r = 0; r < n_runs; r++)
    for (guint i = 0; i < commands->len; i++)
      {
        if (!run_once (g_ptr_array_index (commands, i), &run, error))
          return FALSE;
        record (g_ptr_array_index (commands, i), &run);
      }
  return TRUE;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr (GOptionContext) context = g_option_context_new ("FLOOR-NAME=COMMAND NAME=COMMAND…");
  g_autoptr (GPtrArray) commands = g_ptr_array_new_with_free_func ((GDestroyNotify) command_free);
  g_autoptr (GError) error = NULL;
  int n_runs = 7;
  const GOptionEntry entries[] = {
    { "runs", 'r', 0, G_OPTION_ARG_INT, &n_runs, "Measured runs of each command (default 7)", "N" },
    { NULL }
  };

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }
  if (argc < 2 || n_runs < 1)
    {
      g_printerr ("Give at least one NAME=COMMAND, the first being the floor, and --runs ≥ 1.\n");
      return 2;
    }

  for (int i = 1; i < argc; i++)
    {
      Command *command = command_parse (argv[i], &error);
      if (command == NULL)
        {
          g_printerr ("%s\n", error->message);
          return 2;
        }
      g_ptr_array_add (commands, command);
    }

  if (!run_all (commands, n_runs, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  print_figures (commands);
  return 0;
}
