/* byline-json-private.h: reading untrusted JSON without tripping json-glib's
 * preconditions (a member of the wrong type is treated as missing)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

const char *byline_json_object_get_string (JsonObject *object,
                                           const char *member);
gint64      byline_json_object_get_int    (JsonObject *object,
                                           const char *member,
                                           gint64      default_value);
gboolean    byline_json_object_get_bool   (JsonObject *object,
                                           const char *member);
JsonObject *byline_json_object_get_object (JsonObject *object,
                                           const char *member);
JsonArray  *byline_json_object_get_array  (JsonObject *object,
                                           const char *member);
char      **byline_json_array_dup_strings (JsonArray  *array);

G_END_DECLS
