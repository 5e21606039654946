/* test-html-roundtrip.c: the laws of the HTML round trip
 *
 * export (import (html)) is html after normalisation, for the corpus and for random
 * documents; import (export (buffer)) is the buffer, text and elements.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gtk/gtk.h>

#include "html/byline-html.h"

#define N_RANDOM_DOCUMENTS 400

static GtkTextBuffer *
import_or_fail (const char *html)
{
  GtkTextBuffer *buffer = gtk_text_buffer_new (NULL);
  g_autoptr (GError) error = NULL;

  byline_html_import (buffer, html, -1, &error);
  g_assert_no_error (error);
  return buffer;
}

static void
append_tag_description (GString    *out,
                        GtkTextTag *tag)
{
  const char * const *attributes = byline_html_tag_get_attributes (tag);
  g_autofree char *name = NULL;

  if (byline_html_tag_get_kind (tag) == BYLINE_HTML_KIND_PROTECTED)
    {
      g_string_append_printf (out, "{%s}", byline_html_tag_get_markup (tag));
      return;
    }
  if (byline_html_tag_get_kind (tag) == BYLINE_HTML_KIND_NONE)
    {
      g_object_get (tag, "name", &name, NULL);
      g_string_append_printf (out, "{%s}", name);
      return;
    }
  g_string_append_printf (out, "{%s", byline_html_tag_get_name (tag));
  for (gsize i = 0; attributes != NULL && attributes[i] != NULL; i += 2)
    g_string_append_printf (out, " %s=%s", attributes[i], attributes[i + 1]);
  g_string_append_c (out, '}');
}

static char *
describe_tags (const GtkTextIter *iter)
{
  g_autoptr (GSList) tags = gtk_text_iter_get_tags (iter);
  GString *out = g_string_new (NULL);

  for (GSList *l = tags; l != NULL; l = l->next)
    append_tag_description (out, l->data);
  return g_string_free (out, FALSE);
}

/* Runs of text with the elements over them, outermost first; runs whose elements
 * read the same are one, since one tag or two alike make the same document. */
static char *
describe_buffer (GtkTextBuffer *buffer)
{
  GString *out = g_string_new (NULL);
  g_autofree char *previous = NULL;
  GtkTextIter start, end;

  gtk_text_buffer_get_start_iter (buffer, &start);
  for (; !gtk_text_iter_is_end (&start); start = end)
    {
      g_autofree char *tags = describe_tags (&start);
      g_autofree char *text = NULL;

      end = start;
      gtk_text_iter_forward_to_tag_toggle (&end, NULL);
      text = gtk_text_iter_get_text (&start, &end);
      if (g_strcmp0 (tags, previous) != 0)
        g_string_append_printf (out, "\n%s ", tags);
      g_string_append (out, text);
      g_free (previous);
      previous = g_steal_pointer (&tags);
    }
  return g_string_free (out, FALSE);
}

/* The export done a run at a time, as the editor does it between keystrokes. */
static char *
export_in_slices (GtkTextBuffer *buffer)
{
  g_autoptr (BylineHtmlExporter) exporter = byline_html_exporter_new ();
  guint steps = 1;

  while (!byline_html_exporter_step (exporter, buffer, 0))
    steps++;
  g_assert_true (byline_html_exporter_step (exporter, buffer, 0));
  if (gtk_text_buffer_get_char_count (buffer) > 200)
    g_assert_cmpuint (steps, >, 1);
  return byline_html_exporter_take_html (exporter);
}

static void
assert_round_trip (const char *html)
{
  g_autoptr (GtkTextBuffer) buffer = import_or_fail (html);
  g_autofree char *exported = byline_html_export (buffer);
  g_autofree char *sliced = export_in_slices (buffer);
  g_autoptr (GtkTextBuffer) again = import_or_fail (exported);
  g_autofree char *expected = byline_html_normalize (html, -1, NULL);
  g_autofree char *actual = byline_html_normalize (exported, -1, NULL);
  g_autofree char *buffer_before = describe_buffer (buffer);
  g_autofree char *buffer_after = describe_buffer (again);

  g_assert_cmpstr (actual, ==, expected);
  g_assert_cmpstr (sliced, ==, exported);
  g_assert_cmpstr (buffer_after, ==, buffer_before);
}

static void
test_corpus (void)
{
  const char *corpus = g_test_get_filename (G_TEST_DIST, "html-corpus", NULL);
  g_autoptr (GDir) dir = g_dir_open (corpus, 0, NULL);
  const char *name;
  guint n_documents = 0;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (corpus, name, NULL);
      g_autofree char *html = NULL;

      if (!g_str_has_suffix (name, ".html"))
        continue;
      g_test_message ("%s", name);
      g_assert_true (g_file_get_contents (path, &html, NULL, NULL));
      assert_round_trip (html);
      n_documents++;
    }
  g_assert_cmpuint (n_documents, >=, 20);
}

/* Random documents, from the seed GTest reports (rerun one with --seed). */

static const char *const words[] = {
  "council", "bridge", "reopened", "at", "dawn", "Fish &amp; chips", "a &lt; b", "50&nbsp;km",
  "جسر", "ريفرسايد", "גשר", "河畔大桥", "橋", "🎉", "👨‍👩‍👧", "“quoted”", "[sic]", "—",
};

static const char *const inline_names[] = { "strong", "em", "b", "i", "u", "s", "del", "code", "span", "sup" };

static void random_inline (GString *out, guint depth);

static void
random_words (GString *out)
{
  guint n = g_test_rand_int_range (1, 6);

  for (guint i = 0; i < n; i++)
    g_string_append_printf (out, "%s%s", i > 0 ? " " : "",
                            words[g_test_rand_int_range (0, G_N_ELEMENTS (words))]);
}

static void
random_inline_element (GString *out,
                       guint    depth)
{
  const char *name = inline_names[g_test_rand_int_range (0, G_N_ELEMENTS (inline_names))];

  if (g_test_rand_int_range (0, 4) == 0)
    {
      g_string_append (out, "<a href=\"https://example.com/?a=1&amp;b=2\">");
      random_inline (out, depth + 1);
      g_string_append (out, "</a>");
      return;
    }
  g_string_append_printf (out, "<%s>", name);
  random_inline (out, depth + 1);
  g_string_append_printf (out, "</%s>", name);
}

static void
random_inline_piece (GString *out,
                     guint    depth)
{
  switch (g_test_rand_int_range (0, 9))
    {
    case 0:
      g_string_append (out, "<br>");
      break;
    case 1:
      g_string_append (out, "<!-- note -->");
      break;
    case 2:
      g_string_append (out, "<img src=\"a.jpg\" alt=\"\">");
      break;
    case 3:
    case 4:
      if (depth < 3)
        {
          random_inline_element (out, depth);
          break;
        }
      G_GNUC_FALLTHROUGH;
    default:
      random_words (out);
    }
}

static void
random_inline (GString *out,
               guint    depth)
{
  guint n = g_test_rand_int_range (1, 5);

  for (guint i = 0; i < n; i++)
    {
      if (i > 0 && g_test_rand_bit ())
        g_string_append_c (out, ' ');
      random_inline_piece (out, depth);
    }
}

static void
random_list (GString *out,
             guint    depth)
{
  const char *name = g_test_rand_bit () ? "ul" : "ol";
  guint n = g_test_rand_int_range (1, 4);

  g_string_append_printf (out, "<%s>\n", name);
  for (guint i = 0; i < n; i++)
    {
      g_string_append (out, "<li>");
      random_inline (out, 0);
      if (depth < 2 && g_test_rand_int_range (0, 3) == 0)
        random_list (out, depth + 1);
      g_string_append (out, "</li>\n");
    }
  g_string_append_printf (out, "</%s>\n", name);
}

static void
random_wrapped (GString    *out,
                const char *open,
                const char *close)
{
  g_string_append (out, open);
  random_inline (out, 0);
  g_string_append (out, close);
}

static void
random_block (GString *out)
{
  static const char *const protected_blocks[] = {
    "<table><tr><td>cell</td></tr></table>\n",
    "<iframe src=\"https://example.com/map\"></iframe>\n",
    "<script>alert(1)</script>\n",
    "[gallery ids=\"1,2\"]\n",
    "<hr>\n",
    "<p onclick=\"x()\">handler</p>\n",
    "<p>https://www.youtube.com/watch?v=abc</p>\n",
  };

  switch (g_test_rand_int_range (0, 11))
    {
    case 0:
      random_wrapped (out, "<h2>", "</h2>\n");
      break;
    case 1:
      random_wrapped (out, g_test_rand_bit () ? "<h3>" : "<h4 id=\"x\">", g_test_rand_bit () ? "</h3>\n" : "</h4>\n");
      break;
    case 2:
      random_list (out, 0);
      break;
    case 3:
      random_wrapped (out, "<blockquote><p>", "</p></blockquote>\n");
      break;
    case 4:
      random_wrapped (out, "<figure><img src=\"a.jpg\" alt=\"A\"><figcaption>",
                      " <span class=\"byline-credit\">Photo: Staff</span></figcaption></figure>\n");
      break;
    case 5:
      random_wrapped (out, "<div class=\"byline-update\"><p><strong>UPDATE:</strong> ", "</p></div>\n");
      break;
    case 6:
      random_wrapped (out, "<!-- wp:paragraph -->\n<p>", "</p>\n<!-- /wp:paragraph -->\n\n");
      break;
    case 7:
      g_string_append (out, protected_blocks[g_test_rand_int_range (0, G_N_ELEMENTS (protected_blocks))]);
      break;
    default:
      random_wrapped (out, g_test_rand_bit () ? "<p>" : "<p class=\"lead\">", "</p>\n");
    }
}

static char *
random_document (void)
{
  GString *out = g_string_new (NULL);
  guint n = g_test_rand_int_range (1, 12);

  for (guint i = 0; i < n; i++)
    random_block (out);
  return g_string_free (out, FALSE);
}

static void
test_random_documents (void)
{
  for (guint i = 0; i < N_RANDOM_DOCUMENTS; i++)
    {
      g_autofree char *html = random_document ();

      assert_round_trip (html);
    }
}

/* Enter pressed inside a paragraph makes two paragraphs, in the same element tag. */
static void
test_split_paragraph (void)
{
  g_autoptr (GtkTextBuffer) buffer = import_or_fail ("<p class=\"lead\">one <b>two</b> three</p>");
  g_autofree char *exported = NULL;
  GtkTextIter iter;

  gtk_text_buffer_get_iter_at_offset (buffer, &iter, 3);
  gtk_text_buffer_insert (buffer, &iter, "\n", 1);
  exported = byline_html_export (buffer);
  g_assert_cmpstr (exported, ==, "<p class=\"lead\">one</p>\n<p class=\"lead\"> <b>two</b> three</p>");
}

static void
test_buffer_built_in_editor (void)
{
  g_autoptr (GtkTextBuffer) buffer = import_or_fail ("<p>Story.</p>");
  g_autoptr (GDateTime) posted_at = g_date_time_new_utc (2024, 11, 25, 15, 10, 0);
  g_autoptr (BylineUpdate) update = byline_update_new (posted_at, "Cars may cross from 6 p.m.");
  g_autofree char *exported = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr (GtkTextBuffer) again = NULL;
  GtkTextIter start, end;

  /* As the editor does on Enter at the end of a paragraph: the newline ends it. */
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  gtk_text_buffer_insert (buffer, &end, "\n", 1);
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  gtk_text_buffer_apply_tag (buffer, byline_html_iter_get_element (&start, "p"), &start, &end);
  byline_html_insert_protected (buffer, &end, "<table><tr><td>x</td></tr></table>");
  byline_html_append_update (buffer, update);
  exported = byline_html_export (buffer);
  g_assert_nonnull (strstr (exported, "<table><tr><td>x</td></tr></table>"));
  g_assert_nonnull (strstr (exported, "<div class=\"byline-update\"><p><strong>UPDATE, 25 November, 15:10:</strong> Cars may cross from 6 p.m.</p></div>"));
  again = import_or_fail (exported);
  before = describe_buffer (buffer);
  after = describe_buffer (again);
  g_assert_cmpstr (after, ==, before);
}

static void
test_embed_lines (void)
{
  g_autoptr (GtkTextBuffer) buffer = import_or_fail ("<p>https://youtu.be/abc</p><p>see https://youtu.be/abc</p>");
  GtkTextTag *embed = byline_html_get_embed_tag (buffer);
  GtkTextIter first, second;

  gtk_text_buffer_get_iter_at_line (buffer, &first, 0);
  gtk_text_buffer_get_iter_at_line (buffer, &second, 1);
  g_assert_true (gtk_text_iter_has_tag (&first, embed));
  g_assert_false (gtk_text_iter_has_tag (&second, embed));
  g_assert_cmpstr (byline_html_embed_provider ("https://www.instagram.com/p/abc/"), ==, "instagram");
  g_assert_cmpstr (byline_html_embed_provider ("https://x.com/a/status/1"), ==, "x");
  g_assert_null (byline_html_embed_provider ("https://example.com/watch"));
}

static void
assert_no_text_colour (GtkTextTag *tag,
                       gpointer    data)
{
  gboolean foreground_set = TRUE;

  g_object_get (tag, "foreground-set", &foreground_set, NULL);
  g_assert_false (foreground_set);
}

/* GTK 4.8's AT-SPI code crashes on a tag that sets a text colour when a
 * screen reader asks for the formatting of its run: no tag may set one. */
static void
test_no_text_colour (void)
{
  g_autoptr (GtkTextBuffer) buffer = import_or_fail (
    "<p>A <a href=\"https://example.org\">link</a>, <code>code</code> and <del>gone</del>.</p>"
    "<blockquote><p>Quoted.</p></blockquote>"
    "<figure><img src=\"a.jpg\" alt=\"\"><figcaption>Caption</figcaption></figure>"
    "<table><tr><td>kept</td></tr></table>");

  gtk_text_tag_table_foreach (gtk_text_buffer_get_tag_table (buffer), assert_no_text_colour, NULL);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/html/roundtrip/corpus", test_corpus);
  g_test_add_func ("/html/roundtrip/random", test_random_documents);
  g_test_add_func ("/html/roundtrip/split-paragraph", test_split_paragraph);
  g_test_add_func ("/html/roundtrip/built-in-editor", test_buffer_built_in_editor);
  g_test_add_func ("/html/roundtrip/embed-lines", test_embed_lines);
  g_test_add_func ("/html/tags/no-text-colour", test_no_text_colour);

  return g_test_run ();
}
