/* byline-update.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "byline-update.h"

/* Immutable once made: an update, like a correction, is a record of what
 * was said and when. */
struct _BylineUpdate
{
  GObject    parent_instance;

  GDateTime *posted_at;
  char      *text;
};

G_DEFINE_FINAL_TYPE (BylineUpdate, byline_update, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_POSTED_AT,
  PROP_TEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
byline_update_finalize (GObject *object)
{
  BylineUpdate *self = (BylineUpdate *) object;

  g_clear_pointer (&self->posted_at, g_date_time_unref);
  g_clear_pointer (&self->text, g_free);

  G_OBJECT_CLASS (byline_update_parent_class)->finalize (object);
}

static void
byline_update_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  BylineUpdate *self = BYLINE_UPDATE (object);

  switch (prop_id)
    {
    case PROP_POSTED_AT:
      g_value_set_boxed (value, self->posted_at);
      break;
    case PROP_TEXT:
      g_value_set_string (value, self->text);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
byline_update_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  BylineUpdate *self = BYLINE_UPDATE (object);

  switch (prop_id)
    {
    case PROP_POSTED_AT:
      self->posted_at = g_value_dup_boxed (value);
      break;
    case PROP_TEXT:
      self->text = g_value_dup_string (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
byline_update_class_init (BylineUpdateClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = byline_update_finalize;
  object_class->get_property = byline_update_get_property;
  object_class->set_property = byline_update_set_property;

  properties[PROP_POSTED_AT] =
    g_param_spec_boxed ("posted-at", NULL, NULL, G_TYPE_DATE_TIME,
                        G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TEXT] =
    g_param_spec_string ("text", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
byline_update_init (BylineUpdate *self)
{
}

BylineUpdate *
byline_update_new (GDateTime  *posted_at,
                   const char *text)
{
  g_return_val_if_fail (posted_at != NULL, NULL);
  g_return_val_if_fail (text != NULL, NULL);

  return g_object_new (BYLINE_TYPE_UPDATE, "posted-at", posted_at, "text", text, NULL);
}

GDateTime *
byline_update_get_posted_at (BylineUpdate *self)
{
  g_return_val_if_fail (BYLINE_IS_UPDATE (self), NULL);

  return self->posted_at;
}

const char *
byline_update_get_text (BylineUpdate *self)
{
  g_return_val_if_fail (BYLINE_IS_UPDATE (self), NULL);

  return self->text;
}
