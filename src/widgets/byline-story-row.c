/* byline-story-row.c
 *
 * One story in the story list: headline, then byline, status chip and
 * relative modified time on a second line. In the editors' review queue
 * the second line is the writer, how long the story has waited and its
 * word count instead.
 *
 * GTK 4.8's GtkListView creates up to 200 rows before its first frame and
 * measures them all; with four GtkLabels a row, laying out their text was
 * most of the list's startup. This row has no children: its height comes
 * from font metrics, shared by every row, and its text is laid out in
 * snapshot(), which only rows on screen receive. The colours come from
 * the theme and style.css (@define-color story_*_color).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <pango/pangocairo.h>

#include "byline-story-row.h"

#define LINE_SPACING   4
#define COLUMN_SPACING 8
#define CHIP_PADDING_X 8
#define CHIP_PADDING_Y 1
#define DIM_OPACITY    0.55f
/* Relative to the row's font, Adwaita's .heading (11pt), as its .caption (9pt) is. */
#define CAPTION_SCALE  (9.0 / 11.0)
#define CHIP_SCALE     0.75
/* The width a row asks for, in lines of text. */
#define MIN_WIDTH_LINES     8
#define NATURAL_WIDTH_LINES 20

struct _BylineStoryRow
{
  GtkWidget    parent_instance;

  BylineStory *story;
  gulong       notify_handler;
  char        *modified_text;

  /* Set while the row is in the review queue. */
  gboolean     in_review;
  char        *writer;
  GDateTime   *waiting_since;
  guint        word_count;

  /* Built on the first snapshot after the story or the style changed. */
  PangoLayout *headline_layout;
  PangoLayout *byline_layout;
  PangoLayout *status_layout;
  PangoLayout *modified_layout;
};

G_DEFINE_FINAL_TYPE (BylineStoryRow, byline_story_row, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_STORY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

typedef struct
{
  PangoFontDescription *font;
  double                resolution;
  int                   headline;
  int                   details;
  int                   chip;
} LineHeights;

/* Every row has the same font, so the metrics are looked up once. */
static LineHeights line_heights;

/* Indexed by BylineStoryStatus; NULL draws the chip in the text colour. */
static const char *const status_color_names[] = {
  NULL, "story_pending_color", "story_scheduled_color", "story_published_color",
  "story_private_color",
};

static char *
format_day (GDateTime *time,
            GDateTime *now)
{
  if (g_date_time_get_year (time) == g_date_time_get_year (now))
    /* TRANSLATORS: a date in this year, see strftime(3), e.g. "12 Mar" */
    return g_date_time_format (time, _("%e %b"));
  /* TRANSLATORS: a date in another year, see strftime(3), e.g. "12 Mar 2023" */
  return g_date_time_format (time, _("%e %b %Y"));
}

/**
 * byline_format_relative_time:
 * @time: the moment to describe
 * @now: the current time
 *
 * Returns: (transfer full): "Just now", "5 minutes ago", "Yesterday" or a date,
 *   in the time zone of @now.
 */
char *
byline_format_relative_time (GDateTime *time,
                             GDateTime *now)
{
  g_autoptr (GDateTime) local = g_date_time_to_timezone (time, g_date_time_get_timezone (now));
  GTimeSpan age = g_date_time_difference (now, local);
  int days = g_date_time_get_day_of_year (now) - g_date_time_get_day_of_year (local);
  gboolean same_year = g_date_time_get_year (now) == g_date_time_get_year (local);
  int minutes = (int) (age / G_TIME_SPAN_MINUTE);
  int hours = (int) (age / G_TIME_SPAN_HOUR);

  if (age < G_TIME_SPAN_MINUTE)
    return g_strdup (_("Just now"));
  if (age < G_TIME_SPAN_HOUR)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d minute ago", "%d minutes ago", minutes), minutes);
  if (same_year && days == 0)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d hour ago", "%d hours ago", hours), hours);
  if (same_year && days == 1)
    return g_strdup (_("Yesterday"));
  return format_day (local, now);
}

static const char *
get_headline (BylineStoryRow *self)
{
  const char *headline = byline_story_get_headline (self->story);

  return headline != NULL && *headline != '\0' ? headline : _("Untitled Story");
}

static const char *
get_byline (BylineStoryRow *self)
{
  const char *byline = self->in_review ? self->writer : byline_story_get_byline (self->story);

  return byline != NULL && *byline != '\0' ? byline : _("No byline");
}

static const char *
get_status_label (BylineStoryRow *self)
{
  return byline_story_status_get_label (byline_story_get_status (self->story));
}

/* Metrics height is the distance between baselines, never less than a laid-out line. */
static int
measure_line (PangoContext               *context,
              const PangoFontDescription *font,
              double                      scale,
              PangoWeight                 weight)
{
  g_autoptr (PangoFontDescription) scaled = pango_font_description_copy (font);
  PangoFontMetrics *metrics;
  int size = (int) (pango_font_description_get_size (font) * scale);
  int height;

  if (pango_font_description_get_size_is_absolute (font))
    pango_font_description_set_absolute_size (scaled, size);
  else
    pango_font_description_set_size (scaled, size);
  pango_font_description_set_weight (scaled, weight);
  metrics = pango_context_get_metrics (context, scaled, NULL);
  height = pango_font_metrics_get_height (metrics);
  if (height == 0)
    height = pango_font_metrics_get_ascent (metrics) + pango_font_metrics_get_descent (metrics);
  pango_font_metrics_unref (metrics);
  return PANGO_PIXELS_CEIL (height);
}

static const LineHeights *
get_line_heights (GtkWidget *widget)
{
  PangoContext *context = gtk_widget_get_pango_context (widget);
  const PangoFontDescription *font = pango_context_get_font_description (context);
  double resolution = pango_cairo_context_get_resolution (context);
  int caption;

  if (line_heights.font != NULL && line_heights.resolution == resolution &&
      pango_font_description_equal (line_heights.font, font))
    return &line_heights;

  g_clear_pointer (&line_heights.font, pango_font_description_free);
  line_heights.font = pango_font_description_copy (font);
  line_heights.resolution = resolution;
  line_heights.headline = measure_line (context, font, 1.0, PANGO_WEIGHT_BOLD);
  line_heights.chip = measure_line (context, font, CHIP_SCALE, PANGO_WEIGHT_BOLD) + 2 * CHIP_PADDING_Y;
  caption = measure_line (context, font, CAPTION_SCALE, PANGO_WEIGHT_NORMAL);
  line_heights.details = MAX (caption, line_heights.chip);
  return &line_heights;
}

static PangoLayout *
create_layout (BylineStoryRow *self,
               const char     *text,
               double          scale,
               PangoWeight     weight,
               gboolean        numeric)
{
  PangoLayout *layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), text);
  PangoAttrList *attributes = pango_attr_list_new ();

  pango_attr_list_insert (attributes, pango_attr_scale_new (scale));
  pango_attr_list_insert (attributes, pango_attr_weight_new (weight));
  if (numeric)
    pango_attr_list_insert (attributes, pango_attr_font_features_new ("tnum"));
  pango_layout_set_attributes (layout, attributes);
  pango_attr_list_unref (attributes);
  pango_layout_set_single_paragraph_mode (layout, TRUE);
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  return layout;
}

static void
ensure_layouts (BylineStoryRow *self)
{
  if (self->headline_layout != NULL)
    return;

  self->headline_layout = create_layout (self, get_headline (self), 1.0, PANGO_WEIGHT_BOLD, FALSE);
  self->byline_layout = create_layout (self, get_byline (self), CAPTION_SCALE, PANGO_WEIGHT_NORMAL, FALSE);
  self->status_layout = create_layout (self, get_status_label (self), CHIP_SCALE, PANGO_WEIGHT_BOLD, FALSE);
  self->modified_layout = create_layout (self, self->modified_text ? self->modified_text : "",
                                         CAPTION_SCALE, PANGO_WEIGHT_NORMAL, TRUE);
}

static void
clear_layouts (BylineStoryRow *self)
{
  g_clear_object (&self->headline_layout);
  g_clear_object (&self->byline_layout);
  g_clear_object (&self->status_layout);
  g_clear_object (&self->modified_layout);
}

static int
get_text_width (PangoLayout *layout)
{
  PangoRectangle logical;

  pango_layout_get_pixel_extents (layout, NULL, &logical);
  return logical.width;
}

/* Mirrors a span of the row in right-to-left locales. */
static int
flip_x (GtkWidget *widget,
        int        x,
        int        width)
{
  if (gtk_widget_get_direction (widget) == GTK_TEXT_DIR_RTL)
    return gtk_widget_get_width (widget) - x - width;
  return x;
}

/* Draws @layout from @x, centred in a line @line_height high at @y. */
static void
draw_text (GtkWidget     *widget,
           GtkSnapshot   *snapshot,
           PangoLayout   *layout,
           int            x,
           int            y,
           int            line_height,
           const GdkRGBA *color)
{
  PangoRectangle logical;

  pango_layout_get_pixel_extents (layout, NULL, &logical);
  x = flip_x (widget, x, logical.width);
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot,
                          &GRAPHENE_POINT_INIT (x - logical.x,
                                                y + (line_height - logical.height) / 2 - logical.y));
  gtk_snapshot_append_layout (snapshot, layout, color);
  gtk_snapshot_restore (snapshot);
}

static void
get_status_colors (BylineStoryRow *self,
                   const GdkRGBA  *text_color,
                   GdkRGBA        *chip_text,
                   GdkRGBA        *chip_background)
{
  BylineStoryStatus status = byline_story_get_status (self->story);
  GtkStyleContext *style = gtk_widget_get_style_context (GTK_WIDGET (self));
  const char *name = status < G_N_ELEMENTS (status_color_names) ? status_color_names[status] : NULL;

  if (name != NULL && gtk_style_context_lookup_color (style, name, chip_text))
    {
      *chip_background = *chip_text;
      chip_background->alpha *= 0.15f;
      return;
    }
  *chip_text = *chip_background = *text_color;
  chip_text->alpha *= 0.8f;
  chip_background->alpha *= 0.1f;
}

static void
draw_chip (BylineStoryRow    *self,
           GtkSnapshot       *snapshot,
           int                x,
           int                y,
           const LineHeights *heights,
           const GdkRGBA     *text_color)
{
  GtkWidget *widget = GTK_WIDGET (self);
  int width = get_text_width (self->status_layout) + 2 * CHIP_PADDING_X;
  int chip_y = y + (heights->details - heights->chip) / 2;
  GdkRGBA chip_text, chip_background;
  graphene_rect_t bounds;
  GskRoundedRect outline;

  get_status_colors (self, text_color, &chip_text, &chip_background);
  graphene_rect_init (&bounds, flip_x (widget, x, width), chip_y, width, heights->chip);
  gsk_rounded_rect_init_from_rect (&outline, &bounds, heights->chip / 2.f);
  gtk_snapshot_push_rounded_clip (snapshot, &outline);
  gtk_snapshot_append_color (snapshot, &chip_background, &bounds);
  gtk_snapshot_pop (snapshot);
  draw_text (widget, snapshot, self->status_layout, x + CHIP_PADDING_X, chip_y, heights->chip, &chip_text);
}

/* Byline at the start, ellipsized to leave room for the status chip and the time at the end. */
static void
draw_details (BylineStoryRow    *self,
              GtkSnapshot       *snapshot,
              int                y,
              const LineHeights *heights,
              const GdkRGBA     *text_color)
{
  GtkWidget *widget = GTK_WIDGET (self);
  int width = gtk_widget_get_width (widget);
  int modified_width = get_text_width (self->modified_layout);
  /* Every story in the review queue is pending: its chip would say nothing. */
  int chip_width = self->in_review ? 0 : get_text_width (self->status_layout) + 2 * CHIP_PADDING_X;
  int chip_x = width - modified_width - (modified_width > 0 ? COLUMN_SPACING : 0) - chip_width;
  GdkRGBA dim = *text_color;

  dim.alpha *= DIM_OPACITY;
  draw_text (widget, snapshot, self->modified_layout, width - modified_width, y, heights->details, &dim);
  if (!self->in_review)
    draw_chip (self, snapshot, chip_x, y, heights, text_color);
  pango_layout_set_width (self->byline_layout, MAX (chip_x - COLUMN_SPACING, 0) * PANGO_SCALE);
  draw_text (widget, snapshot, self->byline_layout, 0, y, heights->details, &dim);
}

static void
byline_story_row_snapshot (GtkWidget   *widget,
                           GtkSnapshot *snapshot)
{
  BylineStoryRow *self = BYLINE_STORY_ROW (widget);
  const LineHeights *heights = get_line_heights (widget);
  GdkRGBA text_color;

  if (self->story == NULL)
    return;

  ensure_layouts (self);
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &text_color);
  pango_layout_set_width (self->headline_layout, gtk_widget_get_width (widget) * PANGO_SCALE);
  draw_text (widget, snapshot, self->headline_layout, 0, 0, heights->headline, &text_color);
  draw_details (self, snapshot, heights->headline + LINE_SPACING, heights, &text_color);
}

static void
byline_story_row_measure (GtkWidget      *widget,
                          GtkOrientation  orientation,
                          int             for_size,
                          int            *minimum,
                          int            *natural,
                          int            *minimum_baseline,
                          int            *natural_baseline)
{
  const LineHeights *heights = get_line_heights (widget);

  if (orientation == GTK_ORIENTATION_VERTICAL)
    {
      *minimum = *natural = heights->headline + LINE_SPACING + heights->details;
      return;
    }
  *minimum = MIN_WIDTH_LINES * heights->headline;
  *natural = NATURAL_WIDTH_LINES * heights->headline;
}

static gboolean
byline_story_row_query_tooltip (GtkWidget  *widget,
                                int         x,
                                int         y,
                                gboolean    keyboard_tooltip,
                                GtkTooltip *tooltip)
{
  BylineStoryRow *self = BYLINE_STORY_ROW (widget);
  GDateTime *modified;
  g_autoptr (GDateTime) local = NULL;
  g_autofree char *modified_full = NULL;
  g_autofree char *text = NULL;

  if (self->story == NULL)
    return FALSE;

  modified = self->in_review ? self->waiting_since : byline_story_get_modified (self->story);
  if (modified != NULL)
    {
      local = g_date_time_to_local (modified);
      modified_full = self->in_review
                        /* TRANSLATORS: the tooltip of when a story was submitted for review, see strftime(3) */
                        ? g_date_time_format (local, _("Submitted for review %c"))
                        /* TRANSLATORS: the tooltip of a story's modified time, see strftime(3) */
                        : g_date_time_format (local, _("Modified %c"));
    }
  text = modified_full != NULL ? g_strconcat (get_headline (self), "\n", modified_full, NULL)
                               : g_strdup (get_headline (self));
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

/**
 * byline_format_waiting_time:
 * @since: when the story was submitted
 * @now: the current time
 *
 * Returns: (transfer full): "waiting 5 minutes", "waiting 3 hours" or "waiting 2 days"
 */
char *
byline_format_waiting_time (GDateTime *since,
                            GDateTime *now)
{
  GTimeSpan age = MAX (g_date_time_difference (now, since), 0);
  int minutes = (int) (age / G_TIME_SPAN_MINUTE);
  int hours = (int) (age / G_TIME_SPAN_HOUR);
  int days = (int) (age / G_TIME_SPAN_DAY);

  if (age < G_TIME_SPAN_MINUTE)
    return g_strdup (_("waiting less than a minute"));
  if (age < G_TIME_SPAN_HOUR)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "waiting %d minute", "waiting %d minutes", minutes),
                            minutes);
  if (age < G_TIME_SPAN_DAY)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "waiting %d hour", "waiting %d hours", hours), hours);
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "waiting %d day", "waiting %d days", days), days);
}

static char *
format_review_details (BylineStoryRow *self,
                       GDateTime      *now)
{
  g_autofree char *waiting = byline_format_waiting_time (self->waiting_since, now);
  g_autofree char *words =
    g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u word", "%u words", self->word_count), self->word_count);

  /* TRANSLATORS: a story in the review queue: how long it has waited · its length */
  return g_strdup_printf (_("%s · %s"), waiting, words);
}

/* GLib 2.74 reads /etc/localtime again on every g_time_zone_new_local()
 * while TZ is unset, and a keystroke in the search can bind 200 rows. A
 * change of the system's zone shows within a minute. */
static GTimeZone *
get_local_time_zone (void)
{
  static GTimeZone *local_zone;
  static gint64 read_at;
  gint64 now = g_get_monotonic_time ();

  if (local_zone == NULL || now - read_at > G_TIME_SPAN_MINUTE)
    {
      g_clear_pointer (&local_zone, g_time_zone_unref);
      local_zone = g_time_zone_new_local ();
      read_at = now;
    }
  return local_zone;
}

static void
update_modified_text (BylineStoryRow *self)
{
  GDateTime *modified = byline_story_get_modified (self->story);
  g_autoptr (GDateTime) now = NULL;

  g_clear_pointer (&self->modified_text, g_free);
  if (!self->in_review && modified == NULL)
    return;
  now = g_date_time_new_now (get_local_time_zone ());
  self->modified_text = self->in_review ? format_review_details (self, now)
                                        : byline_format_relative_time (modified, now);
}

/* The row draws text, so assistive technologies get the same as one label. */
static void
update_accessible_label (BylineStoryRow *self)
{
  /* TRANSLATORS: a story in the list as read by a screen reader:
   * headline, status, byline and modified time; in the review queue:
   * headline, status, writer, and time waiting · word count */
  g_autofree char *label = g_strdup_printf (_("%s, %s, %s, %s"), get_headline (self),
                                            get_status_label (self), get_byline (self),
                                            self->modified_text ? self->modified_text : "");

  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
}

static void
refresh (BylineStoryRow *self)
{
  update_modified_text (self);
  update_accessible_label (self);
  clear_layouts (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
on_story_notify (BylineStoryRow *self,
                 GParamSpec     *pspec)
{
  const char *name = g_param_spec_get_name (pspec);

  if (g_str_equal (name, "headline") || g_str_equal (name, "byline") ||
      g_str_equal (name, "status") || g_str_equal (name, "modified"))
    refresh (self);
}

static void
clear_review (BylineStoryRow *self)
{
  self->in_review = FALSE;
  g_clear_pointer (&self->writer, g_free);
  g_clear_pointer (&self->waiting_since, g_date_time_unref);
  self->word_count = 0;
}

static void
disconnect_story (BylineStoryRow *self)
{
  if (self->story != NULL)
    g_clear_signal_handler (&self->notify_handler, self->story);
  g_clear_object (&self->story);
  g_clear_pointer (&self->modified_text, g_free);
  clear_review (self);
  clear_layouts (self);
}

BylineStory *
byline_story_row_get_story (BylineStoryRow *self)
{
  g_return_val_if_fail (BYLINE_IS_STORY_ROW (self), NULL);

  return self->story;
}

void
byline_story_row_set_story (BylineStoryRow *self,
                            BylineStory    *story)
{
  g_return_if_fail (BYLINE_IS_STORY_ROW (self));
  g_return_if_fail (story == NULL || BYLINE_IS_STORY (story));

  if (self->story == story)
    return;

  disconnect_story (self);
  if (story != NULL)
    {
      self->story = g_object_ref (story);
      self->notify_handler = g_signal_connect_object (story, "notify", G_CALLBACK (on_story_notify),
                                                      self, G_CONNECT_SWAPPED);
      refresh (self);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORY]);
}

/**
 * byline_story_row_set_review_item:
 * @self: a #BylineStoryRow showing a story
 * @item: (nullable): the story's place in the review queue, or %NULL to
 *   show its byline, status and modified time
 */
void
byline_story_row_set_review_item (BylineStoryRow         *self,
                                  const BylineReviewItem *item)
{
  g_return_if_fail (BYLINE_IS_STORY_ROW (self));

  if (item == NULL && !self->in_review)
    return;
  clear_review (self);
  if (item != NULL && item->waiting_since != NULL)
    {
      self->in_review = TRUE;
      self->writer = g_strdup (item->writer);
      self->waiting_since = g_date_time_ref (item->waiting_since);
      self->word_count = item->word_count;
    }
  if (self->story != NULL)
    refresh (self);
}

static void
byline_story_row_css_changed (GtkWidget         *widget,
                              GtkCssStyleChange *change)
{
  GTK_WIDGET_CLASS (byline_story_row_parent_class)->css_changed (widget, change);
  clear_layouts (BYLINE_STORY_ROW (widget));
}

static void
byline_story_row_direction_changed (GtkWidget        *widget,
                                    GtkTextDirection  previous_direction)
{
  GTK_WIDGET_CLASS (byline_story_row_parent_class)->direction_changed (widget, previous_direction);
  clear_layouts (BYLINE_STORY_ROW (widget));
}

static void
byline_story_row_system_setting_changed (GtkWidget        *widget,
                                         GtkSystemSetting  setting)
{
  GTK_WIDGET_CLASS (byline_story_row_parent_class)->system_setting_changed (widget, setting);
  clear_layouts (BYLINE_STORY_ROW (widget));
}

static void
byline_story_row_dispose (GObject *object)
{
  disconnect_story (BYLINE_STORY_ROW (object));

  G_OBJECT_CLASS (byline_story_row_parent_class)->dispose (object);
}

static void
byline_story_row_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  BylineStoryRow *self = BYLINE_STORY_ROW (object);

  switch (prop_id)
    {
    case PROP_STORY:
      g_value_set_object (value, self->story);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
byline_story_row_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  BylineStoryRow *self = BYLINE_STORY_ROW (object);

  switch (prop_id)
    {
    case PROP_STORY:
      byline_story_row_set_story (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
byline_story_row_class_init (BylineStoryRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = byline_story_row_dispose;
  object_class->get_property = byline_story_row_get_property;
  object_class->set_property = byline_story_row_set_property;
  widget_class->measure = byline_story_row_measure;
  widget_class->snapshot = byline_story_row_snapshot;
  widget_class->query_tooltip = byline_story_row_query_tooltip;
  widget_class->css_changed = byline_story_row_css_changed;
  widget_class->direction_changed = byline_story_row_direction_changed;
  widget_class->system_setting_changed = byline_story_row_system_setting_changed;

  properties[PROP_STORY] =
    g_param_spec_object ("story", NULL, NULL, BYLINE_TYPE_STORY,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "storyrow");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_LABEL);
}

static void
byline_story_row_init (BylineStoryRow *self)
{
  gtk_widget_add_css_class (GTK_WIDGET (self), "heading");
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
}

GtkWidget *
byline_story_row_new (void)
{
  return g_object_new (BYLINE_TYPE_STORY_ROW, NULL);
}
