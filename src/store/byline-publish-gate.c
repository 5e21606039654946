/* byline-publish-gate.c: the checklist a story passes before it goes live
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "model/byline-image.h"
#include "model/byline-story.h"

#include "byline-publish-gate.h"

void
byline_gate_issue_free (BylineGateIssue *issue)
{
  if (issue == NULL)
    return;

  g_free (issue->image_uuid);
  g_free (issue->message);
  g_free (issue);
}

static void
add_issue (GPtrArray          *issues,
           BylineGateRule      rule,
           BylineGateSeverity  severity,
           BylineImage        *image,
           char               *message)
{
  BylineGateIssue *issue = g_new0 (BylineGateIssue, 1);

  issue->rule = rule;
  issue->severity = severity;
  issue->image_uuid = image != NULL ? g_strdup (byline_image_get_uuid (image)) : NULL;
  issue->message = message;
  g_ptr_array_add (issues, issue);
}

static gboolean
is_blank (const char *text)
{
  for (const char *p = text; p != NULL && *p != '\0'; p = g_utf8_next_char (p))
    {
      if (!g_unichar_isspace (g_utf8_get_char (p)))
        return FALSE;
    }
  return TRUE;
}

/* A body of empty paragraphs and non-breaking spaces is still empty: only
 * text outside the markup counts. */
gboolean
byline_publish_body_is_empty (const char *body_html)
{
  gboolean in_tag = FALSE;

  for (const char *p = body_html; p != NULL && *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == '<' || c == '>')
        in_tag = c == '<';
      else if (in_tag)
        continue;
      else if (g_str_has_prefix (p, "&nbsp;"))
        p += sizeof "&nbsp;" - 2;
      else if (!g_unichar_isspace (c) && c != 0xA0)
        return FALSE;
    }
  return TRUE;
}

static void
check_story (GPtrArray   *issues,
             BylineStory *story)
{
  if (is_blank (byline_story_get_headline (story)))
    add_issue (issues, BYLINE_GATE_RULE_HEADLINE, BYLINE_GATE_ERROR, NULL,
               g_strdup (_("The story has no headline")));
  /* Briefs and live pages go out without one often enough for an editor to decide. */
  if (is_blank (byline_story_get_dek (story)))
    add_issue (issues, BYLINE_GATE_RULE_DEK, BYLINE_GATE_WARNING, NULL,
               g_strdup (_("The story has no dek")));
  if (byline_publish_body_is_empty (byline_story_get_body (story)))
    add_issue (issues, BYLINE_GATE_RULE_BODY, BYLINE_GATE_ERROR, NULL,
               g_strdup (_("The story has no text")));
}

static char *
image_name (BylineImage *image)
{
  const char *file = byline_image_get_file (image);

  if (file == NULL || *file == '\0')
    return g_strdup (_("An image"));
  return g_path_get_basename (file);
}

static void
check_image_expiry (GPtrArray   *issues,
                    BylineImage *image,
                    const char  *name,
                    GDateTime   *publish_at)
{
  GDateTime *expiry = byline_image_get_permission_expiry (image);
  g_autoptr (GDateTime) warn_until = NULL;
  g_autofree char *date = NULL;

  if (expiry == NULL)
    return;

  date = g_date_time_format (expiry, "%x");
  warn_until = g_date_time_add_days (publish_at, BYLINE_GATE_EXPIRY_WARNING_DAYS);
  if (g_date_time_compare (expiry, publish_at) <= 0)
    add_issue (issues, BYLINE_GATE_RULE_IMAGE_PERMISSION_EXPIRED, BYLINE_GATE_ERROR, image,
               /* Translators: %s is an image's file name, then a date */
               g_strdup_printf (_("The permission for “%s” expires on %s, before the story goes live"),
                                name, date));
  else if (g_date_time_compare (expiry, warn_until) < 0)
    add_issue (issues, BYLINE_GATE_RULE_IMAGE_PERMISSION_EXPIRING, BYLINE_GATE_WARNING, image,
               /* Translators: %s is an image's file name, then a date */
               g_strdup_printf (_("The permission for “%s” expires soon after the story goes live, on %s"),
                                name, date));
}

static void
check_image (GPtrArray   *issues,
             BylineImage *image,
             GDateTime   *publish_at)
{
  g_autofree char *name = image_name (image);

  if (is_blank (byline_image_get_credit_line (image)))
    add_issue (issues, BYLINE_GATE_RULE_IMAGE_CREDIT, BYLINE_GATE_ERROR, image,
               /* Translators: %s is an image's file name */
               g_strdup_printf (_("“%s” has no credit line"), name));
  if (byline_image_get_permission_kind (image) == BYLINE_PERMISSION_UNKNOWN)
    add_issue (issues, BYLINE_GATE_RULE_IMAGE_PERMISSION_KIND, BYLINE_GATE_ERROR, image,
               /* Translators: %s is an image's file name */
               g_strdup_printf (_("“%s” has no permission recorded"), name));
  check_image_expiry (issues, image, name, publish_at);
  if (is_blank (byline_image_get_alt_text (image)))
    add_issue (issues, BYLINE_GATE_RULE_IMAGE_ALT_TEXT, BYLINE_GATE_ERROR, image,
               /* Translators: %s is an image's file name */
               g_strdup_printf (_("“%s” has no alt text"), name));
}

/**
 * byline_publish_gate_check:
 * @story: a story with its body loaded
 * @images: (nullable): the story's #BylineImage items
 * @publish_at: when the story would go live
 * @has_sync_conflict: whether the server holds a different version not yet reconciled
 *
 * Returns: (transfer full) (element-type BylineGateIssue): what stands in the
 * way, empty when nothing does. Errors block; warnings an editor may override.
 */
GPtrArray *
byline_publish_gate_check (BylineStory *story,
                           GListModel  *images,
                           GDateTime   *publish_at,
                           gboolean     has_sync_conflict)
{
  GPtrArray *issues;

  g_return_val_if_fail (BYLINE_IS_STORY (story), NULL);
  g_return_val_if_fail (images == NULL || G_IS_LIST_MODEL (images), NULL);
  g_return_val_if_fail (publish_at != NULL, NULL);

  issues = g_ptr_array_new_with_free_func ((GDestroyNotify) byline_gate_issue_free);
  check_story (issues, story);
  for (guint i = 0; images != NULL && i < g_list_model_get_n_items (images); i++)
    {
      g_autoptr (BylineImage) image = g_list_model_get_item (images, i);

      check_image (issues, image, publish_at);
    }
  if (has_sync_conflict)
    add_issue (issues, BYLINE_GATE_RULE_SYNC_CONFLICT, BYLINE_GATE_ERROR, NULL,
               g_strdup (_("The story changed on the site too: resolve the conflict first")));
  return issues;
}

guint
byline_publish_gate_count (GPtrArray          *issues,
                           BylineGateSeverity  severity)
{
  guint count = 0;

  g_return_val_if_fail (issues != NULL, 0);

  for (guint i = 0; i < issues->len; i++)
    count += ((BylineGateIssue *) g_ptr_array_index (issues, i))->severity == severity;
  return count;
}

gboolean
byline_publish_gate_has_rule (GPtrArray      *issues,
                              BylineGateRule  rule)
{
  g_return_val_if_fail (issues != NULL, FALSE);

  for (guint i = 0; i < issues->len; i++)
    {
      if (((BylineGateIssue *) g_ptr_array_index (issues, i))->rule == rule)
        return TRUE;
    }
  return FALSE;
}
