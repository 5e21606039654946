/* test-html-bad-input.c: broken, hostile and huge story bodies
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gtk/gtk.h>

#include "html/byline-html.h"

/* Generous for a slow sanitizer build; the point is that nothing hangs. */
#define TIME_LIMIT_SECONDS 10.0

static char *
buffer_text (GtkTextBuffer *buffer)
{
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, TRUE);
}

static char *
repeat (const char *piece,
        guint       times)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < times; i++)
    g_string_append (out, piece);
  return g_string_free (out, FALSE);
}

static void
test_invalid_utf8 (void)
{
  g_autoptr (GtkTextBuffer) buffer = gtk_text_buffer_new (NULL);
  g_autoptr (GError) error = NULL;
  g_autofree char *text = NULL;

  g_assert_false (byline_html_import (buffer, "<p>before \xff\xfe bad</p><p>after</p>", -1, &error));
  g_assert_error (error, BYLINE_HTML_ERROR, BYLINE_HTML_ERROR_INVALID_UTF8);
  text = buffer_text (buffer);
  g_assert_cmpstr (text, ==, "before \uFFFD\uFFFD bad\nafter");
}

/* The 10,000 levels; libxml2 stops at 256 and what came before is kept. */
#define DEEP_NESTING 10000

static void
assert_deep_nesting_cut (const char *html)
{
  g_autoptr (GtkTextBuffer) buffer = gtk_text_buffer_new (NULL);
  g_autoptr (GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *exported = NULL;
  g_autoptr (GTimer) timer = g_timer_new ();

  g_assert_false (byline_html_import (buffer, html, -1, &error));
  g_assert_error (error, BYLINE_HTML_ERROR, BYLINE_HTML_ERROR_TRUNCATED);
  text = buffer_text (buffer);
  g_assert_true (g_str_has_prefix (text, "before\n"));
  exported = byline_html_export (buffer);
  g_assert_true (g_str_has_prefix (exported, "<p>before</p>"));
  g_assert_cmpfloat (g_timer_elapsed (timer, NULL), <, TIME_LIMIT_SECONDS);
}

static void
test_deep_nesting (void)
{
  g_autofree char *opening = repeat ("<blockquote><b>", DEEP_NESTING);
  g_autofree char *html = g_strconcat ("<p>before</p>", opening, "deep", NULL);

  assert_deep_nesting_cut (html);
}

static void
test_deep_nesting_closed (void)
{
  g_autofree char *opening = repeat ("<div>", DEEP_NESTING);
  g_autofree char *closing = repeat ("</div>", DEEP_NESTING);
  g_autofree char *html = g_strconcat ("<p>before</p>", opening, "deep", closing, "<p>after</p>", NULL);

  assert_deep_nesting_cut (html);
}

static void
test_too_large (void)
{
  g_autoptr (GtkTextBuffer) buffer = gtk_text_buffer_new (NULL);
  g_autoptr (GError) error = NULL;
  g_autofree char *paragraph = repeat ("word ", 200);
  g_autofree char *html = repeat (paragraph, 50 * 1024 * 1024 / 1000);
  g_autofree char *text = NULL;
  g_autoptr (GTimer) timer = g_timer_new ();

  gtk_text_buffer_set_text (buffer, "kept", -1);
  g_assert_false (byline_html_import (buffer, html, -1, &error));
  g_assert_error (error, BYLINE_HTML_ERROR, BYLINE_HTML_ERROR_TOO_LARGE);
  text = buffer_text (buffer);
  g_assert_cmpstr (text, ==, "kept");
  g_assert_cmpfloat (g_timer_elapsed (timer, NULL), <, TIME_LIMIT_SECONDS);
}

static void
test_unclosed_tags (void)
{
  g_autoptr (GtkTextBuffer) buffer = gtk_text_buffer_new (NULL);
  g_autoptr (GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *exported = NULL;

  g_assert_true (byline_html_import (buffer, "<p>one <b>two <i>three<p>four<ul><li>five", -1, &error));
  g_assert_no_error (error);
  text = buffer_text (buffer);
  g_assert_cmpstr (text, ==, "one two three\nfour\nfive");
  exported = byline_html_export (buffer);
  g_assert_cmpstr (exported, ==, "<p>one <b>two <i>three</i></b></p>\n<p>four</p>\n<ul><li>five</li></ul>");
}

static gboolean
is_protected_at (GtkTextBuffer *buffer,
                 const char    *label)
{
  GtkTextIter start, match;
  GtkTextIter iter;

  gtk_text_buffer_get_start_iter (buffer, &start);
  if (!gtk_text_iter_forward_search (&start, label, 0, &match, &iter, NULL))
    return FALSE;
  return !gtk_text_iter_editable (&match, TRUE);
}

static void
test_scripts_stay_inert (void)
{
  static const char html[] =
    "<p onclick=\"steal()\">click</p><script>document.cookie</script>"
    "<p><a href=\" javascript:alert(1)\">bad link</a> and <img src=x onerror=\"alert(2)\"></p>";
  g_autoptr (GtkTextBuffer) buffer = gtk_text_buffer_new (NULL);
  g_autoptr (GError) error = NULL;
  g_autofree char *exported = NULL;

  g_assert_true (byline_html_import (buffer, html, -1, &error));
  g_assert_true (is_protected_at (buffer, "‹script›"));
  g_assert_true (is_protected_at (buffer, "‹p›"));
  g_assert_true (is_protected_at (buffer, "‹a›"));
  g_assert_true (is_protected_at (buffer, "‹img›"));
  exported = byline_html_export (buffer);
  g_assert_nonnull (strstr (exported, "<script>document.cookie</script>"));
  g_assert_nonnull (strstr (exported, "<p onclick=\"steal()\">click</p>"));
}

static char *
import_export (const char *html)
{
  g_autoptr (GtkTextBuffer) buffer = gtk_text_buffer_new (NULL);

  byline_html_import (buffer, html, -1, NULL);
  return byline_html_export (buffer);
}

/* Inputs the fuzzer found (tests/fuzz/corpus/law-*.html) on which exporting an export
 * changed it: a comment holding "-->", a comment touching text, an element whose
 * prefix libxml2 drops, a name with more colons than one prefix; and comments
 * touching each other. */
static void
test_export_is_stable (void)
{
  static const char *const inputs[] = {
    "<!----\x08><t--><figure s=\x02",
    "<p::><!---->w",
    "<p:u:p><p",
    "<<p:u:p:p:u:p:u:p:\xc1\xc3\x92",
    "&lt;<u:p:></u:p:>",
    "<b>a</b><!--x--><!--y--> b",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (inputs); i++)
    {
      g_autofree char *first = import_export (inputs[i]);
      g_autofree char *second = import_export (first);
      g_autofree char *expected = byline_html_normalize (first, -1, NULL);
      g_autofree char *actual = byline_html_normalize (second, -1, NULL);
      g_autofree char *shown = g_strescape (inputs[i], NULL);

      g_test_message ("%s", shown);
      g_assert_cmpstr (actual, ==, expected);
    }
}

static void
test_protected_markup_verbatim (void)
{
  static const char html[] = "<p>a <img src=\"a b.png\" alt=\"\x02\"> b</p>";
  g_autofree char *exported = import_export (html);

  g_assert_cmpstr (exported, ==, html);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/html/bad-input/invalid-utf8", test_invalid_utf8);
  g_test_add_func ("/html/bad-input/deep-nesting", test_deep_nesting);
  g_test_add_func ("/html/bad-input/deep-nesting-closed", test_deep_nesting_closed);
  g_test_add_func ("/html/bad-input/too-large", test_too_large);
  g_test_add_func ("/html/bad-input/unclosed-tags", test_unclosed_tags);
  g_test_add_func ("/html/bad-input/scripts-stay-inert", test_scripts_stay_inert);
  g_test_add_func ("/html/bad-input/export-is-stable", test_export_is_stable);
  g_test_add_func ("/html/bad-input/protected-markup-verbatim", test_protected_markup_verbatim);

  return g_test_run ();
}
