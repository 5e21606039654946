/* byline-story-row.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "byline-story-row.h"

struct _BylineStoryRow
{
  GtkWidget    parent_instance;

  BylineStory *story;
  gulong       notify_handler;
  const char  *status_class;

  GtkLabel    *headline_label;
  GtkLabel    *status_label;
  GtkLabel    *byline_label;
  GtkLabel    *modified_label;
};

G_DEFINE_FINAL_TYPE (BylineStoryRow, byline_story_row, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_STORY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Indexed by BylineStoryStatus; the classes are styled in style.css. */
static const char *const status_css_classes[] = {
  "draft", "pending", "scheduled", "published", "private",
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
 * Returns: (transfer full): "Just now", "5 minutes ago", "Yesterday" or a date.
 */
char *
byline_format_relative_time (GDateTime *time,
                             GDateTime *now)
{
  g_autoptr (GDateTime) local = g_date_time_to_local (time);
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

static void
update_status (BylineStoryRow *self)
{
  BylineStoryStatus status = byline_story_get_status (self->story);

  gtk_label_set_label (self->status_label, byline_story_status_get_label (status));
  if (self->status_class != NULL)
    gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), self->status_class);
  self->status_class = status < G_N_ELEMENTS (status_css_classes) ? status_css_classes[status] : NULL;
  if (self->status_class != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self->status_label), self->status_class);
}

static void
update_modified (BylineStoryRow *self)
{
  GDateTime *modified = byline_story_get_modified (self->story);
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *text = NULL;
  g_autofree char *full = NULL;

  if (modified != NULL)
    {
      text = byline_format_relative_time (modified, now);
      /* TRANSLATORS: the tooltip of a story's modified time, see strftime(3) */
      full = g_date_time_format (modified, _("Modified %c"));
    }
  gtk_label_set_label (self->modified_label, text);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->modified_label), full);
}

static void
update_texts (BylineStoryRow *self)
{
  const char *headline = byline_story_get_headline (self->story);
  const char *byline = byline_story_get_byline (self->story);

  if (headline == NULL || *headline == '\0')
    headline = _("Untitled Story");
  if (byline == NULL || *byline == '\0')
    byline = _("No byline");
  gtk_label_set_label (self->headline_label, headline);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->headline_label), headline);
  gtk_label_set_label (self->byline_label, byline);
}

static void
update_all (BylineStoryRow *self)
{
  update_texts (self);
  update_status (self);
  update_modified (self);
}

static void
on_story_notify (BylineStoryRow *self,
                 GParamSpec     *pspec)
{
  const char *name = g_param_spec_get_name (pspec);

  if (g_str_equal (name, "headline") || g_str_equal (name, "byline"))
    update_texts (self);
  else if (g_str_equal (name, "status"))
    update_status (self);
  else if (g_str_equal (name, "modified"))
    update_modified (self);
}

static void
disconnect_story (BylineStoryRow *self)
{
  if (self->story != NULL)
    g_clear_signal_handler (&self->notify_handler, self->story);
  g_clear_object (&self->story);
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
      update_all (self);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORY]);
}

static void
byline_story_row_dispose (GObject *object)
{
  BylineStoryRow *self = BYLINE_STORY_ROW (object);

  disconnect_story (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), BYLINE_TYPE_STORY_ROW);

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

  properties[PROP_STORY] =
    g_param_spec_object ("story", NULL, NULL, BYLINE_TYPE_STORY,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/byline-story-row.ui");
  gtk_widget_class_bind_template_child (widget_class, BylineStoryRow, headline_label);
  gtk_widget_class_bind_template_child (widget_class, BylineStoryRow, status_label);
  gtk_widget_class_bind_template_child (widget_class, BylineStoryRow, byline_label);
  gtk_widget_class_bind_template_child (widget_class, BylineStoryRow, modified_label);
}

static void
byline_story_row_init (BylineStoryRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
byline_story_row_new (void)
{
  return g_object_new (BYLINE_TYPE_STORY_ROW, NULL);
}
