/* byline-body-view.c
 *
 * List markers and embed labels are drawn beside the text rather than inserted in
 * it: the buffer holds the story's text only, so its HTML does not change.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "byline-body-view.h"
#include "byline-rich-text-buffer.h"

#define MARKER_GAP 8
#define EMBED_LABEL_ALPHA 0.6f

struct _BylineBodyView
{
  GtkTextView parent_instance;
};

G_DEFINE_FINAL_TYPE (BylineBodyView, byline_body_view, GTK_TYPE_TEXT_VIEW)

static void
get_text_color (GtkWidget *widget,
                GdkRGBA   *color)
{
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), color);
}

static void
append_text (GtkSnapshot *snapshot,
             PangoLayout *layout,
             int          x,
             int          y,
             GdkRGBA     *color)
{
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (x, y));
  gtk_snapshot_append_layout (snapshot, layout, color);
  gtk_snapshot_restore (snapshot);
}

/* Right-aligned in the margin left of the item's text, centred on its first line. */
static void
draw_marker (GtkTextView       *text_view,
             GtkSnapshot       *snapshot,
             const GtkTextIter *line,
             const char        *marker)
{
  g_autoptr (PangoLayout) layout = gtk_widget_create_pango_layout (GTK_WIDGET (text_view), marker);
  GdkRectangle location;
  GdkRGBA color;
  int width, height;

  gtk_text_view_get_iter_location (text_view, line, &location);
  pango_layout_get_pixel_size (layout, &width, &height);
  get_text_color (GTK_WIDGET (text_view), &color);
  append_text (snapshot, layout, location.x - width - MARKER_GAP, location.y + (location.height - height) / 2,
               &color);
}

static const char *
provider_name (const char *provider)
{
  if (g_str_equal (provider, "youtube"))
    return "YouTube";
  if (g_str_equal (provider, "instagram"))
    return "Instagram";
  return "X";
}

/* At the right end of the embed's tinted block. */
static void
draw_embed_label (GtkTextView        *text_view,
                  GtkSnapshot        *snapshot,
                  const GtkTextIter  *line,
                  const GdkRectangle *visible,
                  const char         *provider)
{
  /* Translators: shown on a line that becomes an embedded post; %s is YouTube, Instagram or X */
  g_autofree char *text = g_strdup_printf (_("▶ %s embed"), provider_name (provider));
  g_autoptr (PangoLayout) layout = gtk_widget_create_pango_layout (GTK_WIDGET (text_view), text);
  int right = visible->x + visible->width - gtk_text_view_get_right_margin (text_view);
  GdkRectangle location;
  GdkRGBA color;
  int width, height;

  gtk_text_view_get_iter_location (text_view, line, &location);
  pango_layout_get_pixel_size (layout, &width, &height);
  get_text_color (GTK_WIDGET (text_view), &color);
  color.alpha *= EMBED_LABEL_ALPHA;
  append_text (snapshot, layout, right - width, location.y + (location.height - height) / 2, &color);
}

static void
draw_line_decorations (GtkTextView          *text_view,
                       BylineRichTextBuffer *buffer,
                       GtkSnapshot          *snapshot,
                       const GtkTextIter    *line,
                       const GdkRectangle   *visible)
{
  g_autofree char *marker = byline_rich_text_buffer_get_list_marker (buffer, line);
  const char *provider = byline_rich_text_buffer_get_embed_provider (buffer, line);

  if (marker != NULL)
    draw_marker (text_view, snapshot, line, marker);
  if (provider != NULL)
    draw_embed_label (text_view, snapshot, line, visible, provider);
}

/* Above the text, or paragraph backgrounds would cover the labels; in buffer coordinates,
 * and only for the lines in sight. */
static void
byline_body_view_snapshot_layer (GtkTextView      *text_view,
                                 GtkTextViewLayer  layer,
                                 GtkSnapshot      *snapshot)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (text_view);
  GdkRectangle visible;
  GtkTextIter line;
  int y, height;

  if (layer != GTK_TEXT_VIEW_LAYER_ABOVE_TEXT || !BYLINE_IS_RICH_TEXT_BUFFER (buffer))
    return;
  gtk_text_view_get_visible_rect (text_view, &visible);
  gtk_text_view_get_line_at_y (text_view, &line, visible.y, NULL);
  do
    {
      gtk_text_view_get_line_yrange (text_view, &line, &y, &height);
      if (y > visible.y + visible.height)
        break;
      draw_line_decorations (text_view, BYLINE_RICH_TEXT_BUFFER (buffer), snapshot, &line, &visible);
    }
  while (gtk_text_iter_forward_line (&line));
}

static void
byline_body_view_class_init (BylineBodyViewClass *klass)
{
  GtkTextViewClass *text_view_class = GTK_TEXT_VIEW_CLASS (klass);

  text_view_class->snapshot_layer = byline_body_view_snapshot_layer;
}

static void
byline_body_view_init (BylineBodyView *self)
{
}

GtkWidget *
byline_body_view_new (void)
{
  return g_object_new (BYLINE_TYPE_BODY_VIEW, NULL);
}
