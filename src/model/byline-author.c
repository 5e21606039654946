/* byline-author.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "byline-author.h"

struct _BylineAuthor
{
  GObject  parent_instance;

  char    *name;
  char    *bio;
};

G_DEFINE_FINAL_TYPE (BylineAuthor, byline_author, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_NAME,
  PROP_BIO,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
byline_author_finalize (GObject *object)
{
  BylineAuthor *self = (BylineAuthor *) object;

  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->bio, g_free);

  G_OBJECT_CLASS (byline_author_parent_class)->finalize (object);
}

static void
byline_author_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  BylineAuthor *self = BYLINE_AUTHOR (object);

  switch (prop_id)
    {
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_BIO:
      g_value_set_string (value, self->bio);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
byline_author_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  BylineAuthor *self = BYLINE_AUTHOR (object);

  switch (prop_id)
    {
    case PROP_NAME:
      self->name = g_value_dup_string (value);
      break;
    case PROP_BIO:
      byline_author_set_bio (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
byline_author_class_init (BylineAuthorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = byline_author_finalize;
  object_class->get_property = byline_author_get_property;
  object_class->set_property = byline_author_set_property;

  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_BIO] =
    g_param_spec_string ("bio", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
byline_author_init (BylineAuthor *self)
{
}

BylineAuthor *
byline_author_new (const char *name,
                   const char *bio)
{
  g_return_val_if_fail (name != NULL, NULL);

  return g_object_new (BYLINE_TYPE_AUTHOR, "name", name, "bio", bio, NULL);
}

const char *
byline_author_get_name (BylineAuthor *self)
{
  g_return_val_if_fail (BYLINE_IS_AUTHOR (self), NULL);

  return self->name;
}

const char *
byline_author_get_bio (BylineAuthor *self)
{
  g_return_val_if_fail (BYLINE_IS_AUTHOR (self), NULL);

  return self->bio;
}

void
byline_author_set_bio (BylineAuthor *self,
                       const char   *bio)
{
  g_return_if_fail (BYLINE_IS_AUTHOR (self));

  if (g_strcmp0 (self->bio, bio) == 0)
    return;

  g_free (self->bio);
  self->bio = g_strdup (bio);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BIO]);
}
