/* byline-json.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "byline-json-private.h"

static JsonNode *
member_value (JsonObject *object,
              const char *member,
              GType       value_type)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != value_type)
    return NULL;
  return node;
}

const char *
byline_json_object_get_string (JsonObject *object,
                               const char *member)
{
  JsonNode *node = member_value (object, member, G_TYPE_STRING);

  return node ? json_node_get_string (node) : NULL;
}

gint64
byline_json_object_get_int (JsonObject *object,
                            const char *member,
                            gint64      default_value)
{
  JsonNode *node = member_value (object, member, G_TYPE_INT64);

  return node ? json_node_get_int (node) : default_value;
}

gboolean
byline_json_object_get_bool (JsonObject *object,
                             const char *member)
{
  JsonNode *node = member_value (object, member, G_TYPE_BOOLEAN);

  return node ? json_node_get_boolean (node) : FALSE;
}

JsonObject *
byline_json_object_get_object (JsonObject *object,
                               const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  return node && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

JsonArray *
byline_json_object_get_array (JsonObject *object,
                              const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  return node && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

/* The string elements of array, other elements skipped; never NULL. */
char **
byline_json_array_dup_strings (JsonArray *array)
{
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);

      if (JSON_NODE_HOLDS_VALUE (element) && json_node_get_value_type (element) == G_TYPE_STRING)
        g_strv_builder_add (builder, json_node_get_string (element));
    }

  return g_strv_builder_end (builder);
}
