/* byline-photo.c: errors, text clean-up and exiv2 set-up for the photo layer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gexiv2/gexiv2.h>
#include <glib/gi18n.h>
#include <string.h>

#include "byline-photo-private.h"

/* clang-format off */
G_DEFINE_QUARK (byline-photo-error-quark, byline_photo_error)
/* clang-format on */

/* exiv2 complains on stderr about every oddity in a file; the caller gets
 * a GError for the failures that matter, so the rest is only for debugging. */
static void
log_exiv2_message (GExiv2LogLevel level,
                   const char    *message)
{
  g_debug ("exiv2: %s", message);
}

/* gexiv2 must be initialised once, before any thread touches XMP. */
static void
init_exiv2 (void)
{
  static gsize initialized = 0;

  if (g_once_init_enter (&initialized))
    {
      gexiv2_initialize ();
      gexiv2_log_set_handler (log_exiv2_message);
      gexiv2_log_set_level (GEXIV2_LOG_LEVEL_WARN);
      g_once_init_leave (&initialized, 1);
    }
}

/* gexiv2 sets up exiv2's XMP toolkit without a lock function, and the
 * toolkit is not thread-safe, so every use of exiv2 holds this lock. Reading
 * credits takes a few milliseconds, so threads seldom wait for it. */
GMutexLocker *
byline_photo_lock_exiv2 (void)
{
  static GMutex exiv2_mutex;

  init_exiv2 ();
  return g_mutex_locker_new (&exiv2_mutex);
}

gboolean
byline_photo_check_file (const char *path,
                         GError    **error)
{
  g_autofree char *display_name = NULL;

  if (g_file_test (path, G_FILE_TEST_IS_REGULAR))
    return TRUE;

  display_name = g_filename_display_name (path);
  g_set_error (error, BYLINE_PHOTO_ERROR, BYLINE_PHOTO_ERROR_NOT_FOUND,
               _("The image “%s” is missing; it may have been moved or deleted"), display_name);
  return FALSE;
}

/* Old IIM data is often in a Windows code page rather than UTF-8, and
 * nothing in the file says so; Windows-1252 is the usual culprit. */
static char *
to_utf8 (const char *raw)
{
  char *converted = NULL;

  if (g_utf8_validate (raw, -1, NULL))
    return g_strdup (raw);

  converted = g_convert (raw, -1, "UTF-8", "WINDOWS-1252", NULL, NULL, NULL);
  return converted != NULL ? converted : g_utf8_make_valid (raw, -1);
}

static void
append_clean_char (GString *out,
                   gunichar c,
                   gboolean multiline)
{
  if (c == '\n')
    g_string_append_c (out, multiline ? '\n' : ' ');
  else if (c == '\t')
    g_string_append_c (out, ' ');
  else if (!g_unichar_iscntrl (c))
    g_string_append_unichar (out, c);
}

/* Metadata is untrusted input: it may be in the wrong encoding or carry
 * control characters that would upset an entry, a label or a JSON reader.
 * Returns NULL when nothing printable is left. */
char *
byline_photo_clean_text (const char *raw,
                         gboolean    multiline)
{
  g_autofree char    *utf8 = NULL;
  g_autofree char    *normalized = NULL;
  g_autoptr (GString) out = NULL;

  if (raw == NULL)
    return NULL;

  utf8 = to_utf8 (raw);
  normalized = g_utf8_normalize (utf8, -1, G_NORMALIZE_NFC);
  out = g_string_new (NULL);
  for (const char *p = normalized; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      /* A CR LF pair is one line break; a lone CR is one too. */
      if (c == '\r' && p[1] == '\n')
        continue;
      append_clean_char (out, c == '\r' ? '\n' : c, multiline);
    }

  g_strstrip (out->str);
  return out->str[0] != '\0' ? g_strdup (out->str) : NULL;
}

/* The longest prefix of @text within @max_bytes that does not cut a UTF-8
 * sequence in two. */
gsize
byline_photo_utf8_prefix_length (const char *text,
                                 gsize       max_bytes)
{
  gsize length = strlen (text);

  if (length <= max_bytes)
    return length;

  /* text[max_bytes] is the first byte left out; while it continues a
   * sequence, that sequence began inside the prefix and must go too. */
  while (max_bytes > 0 && ((guchar) text[max_bytes] & 0xC0) == 0x80)
    max_bytes--;

  return max_bytes;
}

/* XMP lang-alt values (dc:description, dc:rights, xmpRights:UsageTerms)
 * are read and written with a lang="…" qualifier in front. */
gboolean
byline_photo_tag_is_lang_alt (const char *tag)
{
  return g_strcmp0 (gexiv2_metadata_try_get_tag_type (tag, NULL), "LangAlt") == 0;
}
