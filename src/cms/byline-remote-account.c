/* byline-remote-account.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "byline-remote-account.h"

struct _BylineRemoteAccount
{
  GObject   parent_instance;

  char     *site_name;
  char     *site_url;
  char     *api_root;
  gint64    user_id;
  char     *username;
  char     *display_name;
  char    **roles;
  char    **capabilities;
  gboolean  has_companion;
};

G_DEFINE_FINAL_TYPE (BylineRemoteAccount, byline_remote_account, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_SITE_NAME,
  PROP_SITE_URL,
  PROP_API_ROOT,
  PROP_USER_ID,
  PROP_USERNAME,
  PROP_DISPLAY_NAME,
  PROP_ROLES,
  PROP_CAPABILITIES,
  PROP_HAS_COMPANION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
byline_remote_account_finalize (GObject *object)
{
  BylineRemoteAccount *self = (BylineRemoteAccount *) object;

  g_clear_pointer (&self->site_name, g_free);
  g_clear_pointer (&self->site_url, g_free);
  g_clear_pointer (&self->api_root, g_free);
  g_clear_pointer (&self->username, g_free);
  g_clear_pointer (&self->display_name, g_free);
  g_clear_pointer (&self->roles, g_strfreev);
  g_clear_pointer (&self->capabilities, g_strfreev);

  G_OBJECT_CLASS (byline_remote_account_parent_class)->finalize (object);
}

static void
byline_remote_account_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  BylineRemoteAccount *self = BYLINE_REMOTE_ACCOUNT (object);

  switch (prop_id)
    {
    case PROP_SITE_NAME:
      g_value_set_string (value, self->site_name);
      break;
    case PROP_SITE_URL:
      g_value_set_string (value, self->site_url);
      break;
    case PROP_API_ROOT:
      g_value_set_string (value, self->api_root);
      break;
    case PROP_USER_ID:
      g_value_set_int64 (value, self->user_id);
      break;
    case PROP_USERNAME:
      g_value_set_string (value, self->username);
      break;
    case PROP_DISPLAY_NAME:
      g_value_set_string (value, self->display_name);
      break;
    case PROP_ROLES:
      g_value_set_boxed (value, self->roles);
      break;
    case PROP_CAPABILITIES:
      g_value_set_boxed (value, self->capabilities);
      break;
    case PROP_HAS_COMPANION:
      g_value_set_boolean (value, self->has_companion);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
byline_remote_account_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  BylineRemoteAccount *self = BYLINE_REMOTE_ACCOUNT (object);

  switch (prop_id)
    {
    case PROP_SITE_NAME:
      self->site_name = g_value_dup_string (value);
      break;
    case PROP_SITE_URL:
      self->site_url = g_value_dup_string (value);
      break;
    case PROP_API_ROOT:
      self->api_root = g_value_dup_string (value);
      break;
    case PROP_USER_ID:
      self->user_id = g_value_get_int64 (value);
      break;
    case PROP_USERNAME:
      self->username = g_value_dup_string (value);
      break;
    case PROP_DISPLAY_NAME:
      self->display_name = g_value_dup_string (value);
      break;
    case PROP_ROLES:
      self->roles = g_value_dup_boxed (value);
      break;
    case PROP_CAPABILITIES:
      self->capabilities = g_value_dup_boxed (value);
      break;
    case PROP_HAS_COMPANION:
      self->has_companion = g_value_get_boolean (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static GParamSpec *
construct_string (const char *name)
{
  return g_param_spec_string (name, NULL, NULL, NULL,
                              G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
}

static GParamSpec *
construct_strv (const char *name)
{
  return g_param_spec_boxed (name, NULL, NULL, G_TYPE_STRV,
                             G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
}

static void
byline_remote_account_class_init (BylineRemoteAccountClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = byline_remote_account_finalize;
  object_class->get_property = byline_remote_account_get_property;
  object_class->set_property = byline_remote_account_set_property;

  properties[PROP_SITE_NAME] = construct_string ("site-name");
  properties[PROP_SITE_URL] = construct_string ("site-url");
  properties[PROP_API_ROOT] = construct_string ("api-root");
  properties[PROP_USER_ID] =
    g_param_spec_int64 ("user-id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_USERNAME] = construct_string ("username");
  properties[PROP_DISPLAY_NAME] = construct_string ("display-name");
  properties[PROP_ROLES] = construct_strv ("roles");
  properties[PROP_CAPABILITIES] = construct_strv ("capabilities");
  properties[PROP_HAS_COMPANION] =
    g_param_spec_boolean ("has-companion", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
byline_remote_account_init (BylineRemoteAccount *self)
{
}

const char *
byline_remote_account_get_site_name (BylineRemoteAccount *self)
{
  g_return_val_if_fail (BYLINE_IS_REMOTE_ACCOUNT (self), NULL);

  return self->site_name;
}

const char *
byline_remote_account_get_site_url (BylineRemoteAccount *self)
{
  g_return_val_if_fail (BYLINE_IS_REMOTE_ACCOUNT (self), NULL);

  return self->site_url;
}

const char *
byline_remote_account_get_api_root (BylineRemoteAccount *self)
{
  g_return_val_if_fail (BYLINE_IS_REMOTE_ACCOUNT (self), NULL);

  return self->api_root;
}

gint64
byline_remote_account_get_user_id (BylineRemoteAccount *self)
{
  g_return_val_if_fail (BYLINE_IS_REMOTE_ACCOUNT (self), 0);

  return self->user_id;
}

const char *
byline_remote_account_get_username (BylineRemoteAccount *self)
{
  g_return_val_if_fail (BYLINE_IS_REMOTE_ACCOUNT (self), NULL);

  return self->username;
}

const char *
byline_remote_account_get_display_name (BylineRemoteAccount *self)
{
  g_return_val_if_fail (BYLINE_IS_REMOTE_ACCOUNT (self), NULL);

  return self->display_name;
}

const char * const *
byline_remote_account_get_roles (BylineRemoteAccount *self)
{
  g_return_val_if_fail (BYLINE_IS_REMOTE_ACCOUNT (self), NULL);

  return (const char * const *) self->roles;
}

/* Only the capabilities the user has; WordPress also lists some as false. */
const char * const *
byline_remote_account_get_capabilities (BylineRemoteAccount *self)
{
  g_return_val_if_fail (BYLINE_IS_REMOTE_ACCOUNT (self), NULL);

  return (const char * const *) self->capabilities;
}

/* Whether the site runs data/wordpress/byline-companion.php, which makes
 * retried creates and conflicting updates safe on the server side. */
gboolean
byline_remote_account_get_has_companion (BylineRemoteAccount *self)
{
  g_return_val_if_fail (BYLINE_IS_REMOTE_ACCOUNT (self), FALSE);

  return self->has_companion;
}

gboolean
byline_remote_account_has_role (BylineRemoteAccount *self,
                                const char          *role)
{
  g_return_val_if_fail (BYLINE_IS_REMOTE_ACCOUNT (self), FALSE);
  g_return_val_if_fail (role != NULL, FALSE);

  return self->roles != NULL && g_strv_contains ((const char * const *) self->roles, role);
}

gboolean
byline_remote_account_can (BylineRemoteAccount *self,
                           const char          *capability)
{
  g_return_val_if_fail (BYLINE_IS_REMOTE_ACCOUNT (self), FALSE);
  g_return_val_if_fail (capability != NULL, FALSE);

  return self->capabilities != NULL &&
         g_strv_contains ((const char * const *) self->capabilities, capability);
}
