/* byline-related.c: an editor's picks of other stories, listed at the end of
 * the body that goes to the site
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "model/byline-story.h"

#include "byline-related.h"
#include "byline-store-sync.h"

#define RELATED_LIST_OPENING "<ul class=\"byline-related\">"
#define RELATED_LIST_CLOSING "</ul>"

static gboolean
refuse (GError     **error,
        const char  *message)
{
  g_set_error_literal (error, BYLINE_STORE_ERROR, BYLINE_STORE_ERROR_INVALID, message);
  return FALSE;
}

/**
 * byline_related_set:
 * @related: (array zero-terminated=1): uuids of other stories in @store
 *
 * Sets @story's related stories after checking there are at most
 * %BYLINE_RELATED_MAX, none of them @story itself, all of them known.
 * Save the story to keep them.
 */
gboolean
byline_related_set (BylineStory         *story,
                    BylineStore         *store,
                    const char * const  *related,
                    GError             **error)
{
  guint n_related = related != NULL ? g_strv_length ((char **) related) : 0;

  g_return_val_if_fail (BYLINE_IS_STORY (story), FALSE);
  g_return_val_if_fail (BYLINE_IS_STORE (store), FALSE);

  if (n_related > BYLINE_RELATED_MAX)
    return refuse (error, _("Pick at most five related stories"));
  for (guint i = 0; i < n_related; i++)
    {
      if (g_str_equal (related[i], byline_story_get_uuid (story)))
        return refuse (error, _("A story cannot be related to itself"));
      if (byline_store_find_story (store, related[i]) == NULL)
        return refuse (error, _("A related story is not in this newsroom"));
    }
  byline_story_set_related (story, related);
  return TRUE;
}

/**
 * byline_related_render_list:
 *
 * Returns: (transfer full) (nullable): a <ul class="byline-related"> of the
 * headlines, linked where a URL is known; %NULL for no links
 */
char *
byline_related_render_list (const BylineRelatedLink *links,
                            guint                    n_links)
{
  GString *html;

  if (links == NULL || n_links == 0)
    return NULL;

  html = g_string_new (RELATED_LIST_OPENING);
  for (guint i = 0; i < n_links; i++)
    {
      g_autofree char *headline = g_markup_escape_text (links[i].headline ? links[i].headline : "", -1);
      g_autofree char *url = links[i].url ? g_markup_escape_text (links[i].url, -1) : NULL;

      if (url != NULL)
        g_string_append_printf (html, "<li><a href=\"%s\">%s</a></li>", url, headline);
      else
        g_string_append_printf (html, "<li>%s</li>", headline);
    }
  g_string_append (html, "</ul>");
  return g_string_free (html, FALSE);
}

/* WordPress answers ?p=ID with a redirect to the post's permalink, whatever
 * the site's permalink structure. */
static char *
site_url_of (BylineStore *store,
             BylineStory *story)
{
  g_autoptr (BylineStoreAccount) account = NULL;
  const char *name = byline_story_get_account (story);

  if (byline_story_get_remote_id (story) <= 0 || name == NULL || *name == '\0')
    return NULL;
  account = byline_store_find_account (store, name, NULL);
  if (account == NULL || account->site_url == NULL)
    return NULL;
  return g_strdup_printf ("%s%s?p=%" G_GINT64_FORMAT, account->site_url,
                          g_str_has_suffix (account->site_url, "/") ? "" : "/",
                          byline_story_get_remote_id (story));
}

/**
 * byline_related_export_body:
 *
 * The body as it goes to the site: the stored body with the related stories
 * listed after it. The editor's buffer never holds the list.
 *
 * Returns: (transfer full): the body to publish
 */
char *
byline_related_export_body (BylineStore *store,
                            BylineStory *story)
{
  const char * const *related;
  g_autoptr (GArray) links = g_array_new (FALSE, TRUE, sizeof (BylineRelatedLink));
  g_autoptr (GPtrArray) urls = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *list = NULL;
  const char *body;

  g_return_val_if_fail (BYLINE_IS_STORE (store), NULL);
  g_return_val_if_fail (BYLINE_IS_STORY (story), NULL);

  body = byline_story_get_body (story) != NULL ? byline_story_get_body (story) : "";
  related = byline_story_get_related (story);
  for (guint i = 0; related != NULL && related[i] != NULL && links->len < BYLINE_RELATED_MAX; i++)
    {
      BylineStory *other = byline_store_find_story (store, related[i]);
      BylineRelatedLink link = { 0 };

      if (other == NULL)
        continue;
      link.headline = byline_story_get_headline (other);
      link.url = site_url_of (store, other);
      g_ptr_array_add (urls, (char *) link.url);
      g_array_append_val (links, link);
    }
  list = byline_related_render_list ((BylineRelatedLink *) (gpointer) links->data, links->len);
  if (list == NULL)
    return g_strdup (body);
  return g_strconcat (body, *body != '\0' && !g_str_has_suffix (body, "\n") ? "\n" : "", list, NULL);
}

/**
 * byline_related_strip_list:
 *
 * Undoes byline_related_export_body(): a body pulled from the site ends with
 * the list the export added, which the story does not keep. A list anywhere
 * but at the end was written by someone and stays.
 *
 * Returns: (transfer full): @body without a related list at its end
 */
char *
byline_related_strip_list (const char *body)
{
  g_autofree char *trimmed = g_strdup (body != NULL ? body : "");
  const char *list;
  gsize kept;

  g_strchomp (trimmed);
  list = g_strrstr (trimmed, RELATED_LIST_OPENING);
  if (list == NULL || !g_str_has_suffix (list, RELATED_LIST_CLOSING) ||
      strstr (list + strlen (RELATED_LIST_OPENING), RELATED_LIST_CLOSING) !=
        list + strlen (list) - strlen (RELATED_LIST_CLOSING))
    return g_strdup (body != NULL ? body : "");

  kept = list - trimmed;
  if (kept > 0 && trimmed[kept - 1] == '\n')
    kept--;
  return g_strndup (trimmed, kept);
}
