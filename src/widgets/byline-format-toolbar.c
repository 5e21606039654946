/* byline-format-toolbar.c
 *
 * The buttons name the actions of the BylineRichTextView around them ("format.bold",
 * "format.block"…); stateful actions keep each toggle showing the format at the cursor.
 *
 * Beside both side panes of a 1280-pixel window the editor is narrower than all the
 * buttons: the less used groups then leave the bar, least used first, and the same
 * actions are offered in the overflow menu at its end. Paragraph and headings, bold,
 * italic, underline, lists and undo always stay.
 *
 * The toolbar is one stop for the keyboard, as a toolbar is for a screen reader: Tab
 * passes over it on the way from the story's fields to the body, which a writer
 * reaches in as many presses as there are fields. Shift+Tab comes back into it, at
 * the button last used (from the body, whose own Tab indents lists, that is
 * Ctrl+Shift+Tab as in any GTK text view). Inside, Left and Right move between the
 * buttons, Tab leaves for the body and Shift+Tab for the fields.
 * (Alt+F10, WordPress's key for its toolbars, is GNOME's key to maximize a window.)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "byline-format-toolbar.h"

#define SPACING 6

struct _BylineFormatToolbar
{
  GtkWidget      parent_instance;

  GtkWidget     *block_group;
  GtkWidget     *inline_group;
  GtkWidget     *style_group;
  GtkWidget     *list_group;
  GtkWidget     *indent_group;
  GtkWidget     *insert_group;
  GtkWidget     *history_group;
  GtkWidget     *tools_group;
  GtkWidget     *overflow_button;
  GMenu         *overflow_menu;
  GMenuModel    *style_menu;
  GMenuModel    *indent_menu;
  GMenuModel    *insert_menu;
  GMenuModel    *tools_menu;

  /* Bits of the collapsible groups, as they are left out; the menu follows them. */
  guint          collapsed;
  guint          menu_collapsed;
  guint          menu_source;

  /* The button the keyboard comes back to; buttons live as long as the toolbar. */
  GtkWidget     *last_stop;
};

G_DEFINE_FINAL_TYPE (BylineFormatToolbar, byline_format_toolbar, GTK_TYPE_WIDGET)

typedef struct
{
  gsize group;
  gsize menu;
} Collapsible;

/* In the order they leave the bar. */
static const Collapsible collapsibles[] = {
  { G_STRUCT_OFFSET (BylineFormatToolbar, indent_group), G_STRUCT_OFFSET (BylineFormatToolbar, indent_menu) },
  { G_STRUCT_OFFSET (BylineFormatToolbar, insert_group), G_STRUCT_OFFSET (BylineFormatToolbar, insert_menu) },
  { G_STRUCT_OFFSET (BylineFormatToolbar, tools_group), G_STRUCT_OFFSET (BylineFormatToolbar, tools_menu) },
  { G_STRUCT_OFFSET (BylineFormatToolbar, style_group), G_STRUCT_OFFSET (BylineFormatToolbar, style_menu) },
};

static GtkWidget *
collapsible_group (BylineFormatToolbar *self,
                   gsize                i)
{
  return G_STRUCT_MEMBER (GtkWidget *, self, collapsibles[i].group);
}

static gboolean
is_collapsed (BylineFormatToolbar *self,
              GtkWidget           *group,
              guint                collapsed)
{
  for (gsize i = 0; i < G_N_ELEMENTS (collapsibles); i++)
    {
      if (collapsible_group (self, i) == group)
        return (collapsed & (1u << i)) != 0;
    }
  return FALSE;
}

static int
natural_width (GtkWidget *widget)
{
  int natural;

  gtk_widget_measure (widget, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &natural, NULL, NULL);
  return natural;
}

/* The groups in their order, the overflow button left out. */
static int
width_of_groups (BylineFormatToolbar *self,
                 guint                collapsed)
{
  int width = -SPACING;

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (child != self->overflow_button && !is_collapsed (self, child, collapsed))
        width += natural_width (child) + SPACING;
    }
  return MAX (width, 0);
}

static guint
all_collapsed (void)
{
  return (1u << G_N_ELEMENTS (collapsibles)) - 1;
}

static void
byline_format_toolbar_measure (GtkWidget      *widget,
                               GtkOrientation  orientation,
                               int             for_size,
                               int            *minimum,
                               int            *natural,
                               int            *minimum_baseline,
                               int            *natural_baseline)
{
  BylineFormatToolbar *self = BYLINE_FORMAT_TOOLBAR (widget);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = width_of_groups (self, all_collapsed ()) + SPACING + natural_width (self->overflow_button);
      *natural = width_of_groups (self, 0);
      return;
    }
  *minimum = *natural = 0;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      int child_minimum, child_natural;

      gtk_widget_measure (child, orientation, -1, &child_minimum, &child_natural, NULL, NULL);
      *minimum = MAX (*minimum, child_minimum);
      *natural = MAX (*natural, child_natural);
    }
}

static guint
choose_collapsed (BylineFormatToolbar *self,
                  int                  width)
{
  int overflow = SPACING + natural_width (self->overflow_button);
  guint collapsed = 0;

  if (width_of_groups (self, 0) <= width)
    return 0;
  for (gsize i = 0; i < G_N_ELEMENTS (collapsibles); i++)
    {
      collapsed |= 1u << i;
      if (width_of_groups (self, collapsed) + overflow <= width)
        break;
    }
  return collapsed;
}

static void
place (GtkWidget *child,
       int        x,
       int        width,
       int        height,
       int        toolbar_width)
{
  GtkAllocation allocation = { x, 0, width, height };

  if (gtk_widget_get_direction (child) == GTK_TEXT_DIR_RTL)
    allocation.x = toolbar_width - x - width;
  gtk_widget_set_child_visible (child, TRUE);
  gtk_widget_size_allocate (child, &allocation, -1);
}

static gboolean
rebuild_menu (gpointer user_data)
{
  BylineFormatToolbar *self = user_data;

  self->menu_source = 0;
  if (self->menu_collapsed == self->collapsed)
    return G_SOURCE_REMOVE;
  self->menu_collapsed = self->collapsed;
  g_menu_remove_all (self->overflow_menu);
  for (gsize i = 0; i < G_N_ELEMENTS (collapsibles); i++)
    {
      if ((self->collapsed & (1u << i)) != 0)
        g_menu_append_section (self->overflow_menu, NULL, G_STRUCT_MEMBER (GMenuModel *, self, collapsibles[i].menu));
    }
  return G_SOURCE_REMOVE;
}

static gboolean
is_left_out (BylineFormatToolbar *self,
             GtkWidget           *child,
             guint                collapsed)
{
  return is_collapsed (self, child, collapsed) || (child == self->overflow_button && collapsed == 0);
}

/* The history and tools keep to the end of the bar, the overflow button last. */
static gboolean
is_end_group (BylineFormatToolbar *self,
              GtkWidget           *child)
{
  return child == self->history_group || child == self->tools_group || child == self->overflow_button;
}

static void
byline_format_toolbar_size_allocate (GtkWidget *widget,
                                     int        width,
                                     int        height,
                                     int        baseline)
{
  BylineFormatToolbar *self = BYLINE_FORMAT_TOOLBAR (widget);
  guint collapsed = choose_collapsed (self, width);
  int start = 0;
  int end = width;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (is_left_out (self, child, collapsed))
        gtk_widget_set_child_visible (child, FALSE);
      else if (!is_end_group (self, child))
        {
          place (child, start, natural_width (child), height, width);
          start += natural_width (child) + SPACING;
        }
    }
  for (GtkWidget *child = gtk_widget_get_last_child (widget); child != NULL && is_end_group (self, child);
       child = gtk_widget_get_prev_sibling (child))
    {
      if (is_left_out (self, child, collapsed))
        continue;
      end -= natural_width (child);
      place (child, end, natural_width (child), height, width);
      end -= SPACING;
    }

  self->collapsed = collapsed;
  if (self->menu_collapsed != collapsed && self->menu_source == 0)
    self->menu_source = g_idle_add (rebuild_menu, self);
}

/* The buttons in the order they are shown, those in the overflow menu left out. */
static GPtrArray *
collect_stops (BylineFormatToolbar *self)
{
  GPtrArray *stops = g_ptr_array_new ();

  for (GtkWidget *group = gtk_widget_get_first_child (GTK_WIDGET (self)); group != NULL;
       group = gtk_widget_get_next_sibling (group))
    {
      if (!gtk_widget_get_child_visible (group) || !gtk_widget_get_visible (group))
        continue;
      if (!GTK_IS_BOX (group))
        {
          g_ptr_array_add (stops, group);
          continue;
        }
      for (GtkWidget *button = gtk_widget_get_first_child (group); button != NULL;
           button = gtk_widget_get_next_sibling (button))
        g_ptr_array_add (stops, button);
    }
  return stops;
}

static int
find_focused_stop (BylineFormatToolbar *self,
                   GPtrArray           *stops)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  for (guint i = 0; focus != NULL && i < stops->len; i++)
    {
      GtkWidget *stop = g_ptr_array_index (stops, i);

      if (focus == stop || gtk_widget_is_ancestor (focus, stop))
        return (int) i;
    }
  return -1;
}

/* Focuses the first button that can take it from @start on, one @step at a time. */
static gboolean
focus_stop_from (BylineFormatToolbar *self,
                 GPtrArray           *stops,
                 int                  start,
                 int                  step)
{
  for (int i = start; i >= 0 && i < (int) stops->len; i += step)
    {
      GtkWidget *stop = g_ptr_array_index (stops, i);

      if (gtk_widget_child_focus (stop, GTK_DIR_TAB_FORWARD))
        {
          self->last_stop = stop;
          return TRUE;
        }
    }
  return FALSE;
}

static gboolean
enter_toolbar (BylineFormatToolbar *self,
               GPtrArray           *stops)
{
  guint last;

  if (self->last_stop != NULL && g_ptr_array_find (stops, self->last_stop, &last)
      && focus_stop_from (self, stops, (int) last, 1))
    return TRUE;
  return focus_stop_from (self, stops, 0, 1);
}

/* Tab passes over the toolbar and over the scroller it sits in, which would
 * otherwise take the focus itself when no child does: what follows them gets it. */
static gboolean
focus_what_follows (BylineFormatToolbar *self)
{
  for (GtkWidget *child = GTK_WIDGET (self); gtk_widget_get_parent (child) != NULL;
       child = gtk_widget_get_parent (child))
    {
      for (GtkWidget *next = gtk_widget_get_next_sibling (child); next != NULL;
           next = gtk_widget_get_next_sibling (next))
        {
          if (gtk_widget_child_focus (next, GTK_DIR_TAB_FORWARD))
            return TRUE;
        }
    }
  return FALSE;
}

static int
arrow_step (GtkWidget        *widget,
            GtkDirectionType  direction)
{
  int step = direction == GTK_DIR_RIGHT ? 1 : -1;

  return gtk_widget_get_direction (widget) == GTK_TEXT_DIR_RTL ? -step : step;
}

static gboolean
byline_format_toolbar_focus (GtkWidget        *widget,
                             GtkDirectionType  direction)
{
  BylineFormatToolbar *self = BYLINE_FORMAT_TOOLBAR (widget);
  g_autoptr (GPtrArray) stops = collect_stops (self);
  int focused = find_focused_stop (self, stops);

  if (focused < 0 && direction == GTK_DIR_TAB_FORWARD)
    return focus_what_follows (self);
  if (focused < 0)
    return enter_toolbar (self, stops);
  self->last_stop = g_ptr_array_index (stops, focused);
  if (direction != GTK_DIR_LEFT && direction != GTK_DIR_RIGHT)
    return FALSE;
  /* At either end the focus stays: Left and Right do not leave a toolbar. */
  focus_stop_from (self, stops, focused + arrow_step (widget, direction), arrow_step (widget, direction));
  return TRUE;
}

/**
 * byline_format_toolbar_get_collapsed_count:
 * @self: a #BylineFormatToolbar
 *
 * Returns: how many groups of buttons are in the overflow menu rather than the bar
 */
guint
byline_format_toolbar_get_collapsed_count (BylineFormatToolbar *self)
{
  guint count = 0;

  g_return_val_if_fail (BYLINE_IS_FORMAT_TOOLBAR (self), 0);

  for (gsize i = 0; i < G_N_ELEMENTS (collapsibles); i++)
    count += (self->collapsed & (1u << i)) != 0;
  return count;
}

GMenuModel *
byline_format_toolbar_get_overflow_menu (BylineFormatToolbar *self)
{
  g_return_val_if_fail (BYLINE_IS_FORMAT_TOOLBAR (self), NULL);

  return G_MENU_MODEL (self->overflow_menu);
}

static void
byline_format_toolbar_dispose (GObject *object)
{
  BylineFormatToolbar *self = BYLINE_FORMAT_TOOLBAR (object);

  g_clear_handle_id (&self->menu_source, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), BYLINE_TYPE_FORMAT_TOOLBAR);

  G_OBJECT_CLASS (byline_format_toolbar_parent_class)->dispose (object);
}

static void
byline_format_toolbar_class_init (BylineFormatToolbarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = byline_format_toolbar_dispose;
  widget_class->measure = byline_format_toolbar_measure;
  widget_class->size_allocate = byline_format_toolbar_size_allocate;
  widget_class->focus = byline_format_toolbar_focus;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/byline-format-toolbar.ui");
  gtk_widget_class_bind_template_child (widget_class, BylineFormatToolbar, block_group);
  gtk_widget_class_bind_template_child (widget_class, BylineFormatToolbar, inline_group);
  gtk_widget_class_bind_template_child (widget_class, BylineFormatToolbar, style_group);
  gtk_widget_class_bind_template_child (widget_class, BylineFormatToolbar, list_group);
  gtk_widget_class_bind_template_child (widget_class, BylineFormatToolbar, indent_group);
  gtk_widget_class_bind_template_child (widget_class, BylineFormatToolbar, insert_group);
  gtk_widget_class_bind_template_child (widget_class, BylineFormatToolbar, history_group);
  gtk_widget_class_bind_template_child (widget_class, BylineFormatToolbar, tools_group);
  gtk_widget_class_bind_template_child (widget_class, BylineFormatToolbar, overflow_button);
  gtk_widget_class_bind_template_child (widget_class, BylineFormatToolbar, overflow_menu);
  gtk_widget_class_bind_template_child (widget_class, BylineFormatToolbar, style_menu);
  gtk_widget_class_bind_template_child (widget_class, BylineFormatToolbar, indent_menu);
  gtk_widget_class_bind_template_child (widget_class, BylineFormatToolbar, insert_menu);
  gtk_widget_class_bind_template_child (widget_class, BylineFormatToolbar, tools_menu);
  gtk_widget_class_set_css_name (widget_class, "toolbar");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_TOOLBAR);
}

static void
byline_format_toolbar_init (BylineFormatToolbar *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
byline_format_toolbar_new (void)
{
  return g_object_new (BYLINE_TYPE_FORMAT_TOOLBAR, NULL);
}
