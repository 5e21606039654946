/* byline-sync-private.h: what byline-sync's command files share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Documented in --help and the README; scripts depend on them. */
typedef enum
{
  EXIT_OK = 0,
  EXIT_OTHER = 1,
  EXIT_USAGE = 2,
  EXIT_AUTH = 3,
  EXIT_FORBIDDEN = 4,
  EXIT_CONFLICT = 5,
  EXIT_OFFLINE = 6,
  EXIT_SERVER = 7,
  EXIT_NOT_FOUND = 8,
  EXIT_REFUSED = 9,
  EXIT_BAD_FILE = 10,
  EXIT_GATE_FAILED = 11,
  EXIT_WRONG_STATUS = 12,
} ExitCode;

ExitCode byline_sync_exit_code_for_cms_code (int           code);
ExitCode byline_sync_exit_code_for_error    (const GError *error);

G_END_DECLS
