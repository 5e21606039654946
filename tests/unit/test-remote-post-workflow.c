/* test-remote-post-workflow.c: what a push sends for the editorial workflow
 * (the scheduled date, the related stories, the history) and what a pull
 * takes back, and taking back a transition the site refused
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "cms/byline-remote-post.h"
#include "model/byline-story.h"
#include "store/byline-related.h"
#include "store/byline-store-sync.h"
#include "store/byline-workflow.h"

#define ACCOUNT "site"
#define EDITOR_JSON "{\"display_name\":\"Edie Editor\",\"roles\":[\"editor\"]," \
                    "\"capabilities\":[\"read\",\"edit_posts\",\"publish_posts\",\"edit_others_posts\"]}"
#define RELATED_LIST "<ul class=\"byline-related\"><li>Bridge opens</li></ul>"

typedef struct
{
  BylineStore         *store;
  BylineWorkflowActor *editor;
} Fixture;

static BylineStore *
open_store (const char *name)
{
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), name, "newsroom.db", NULL);
  g_autoptr (GError) error = NULL;
  BylineStore *store = byline_store_open (path, &error);

  g_assert_no_error (error);
  return store;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr (BylineStoreAccount) account = byline_store_account_new (ACCOUNT, "https://news.example", "edie");
  g_autoptr (GError) error = NULL;

  fixture->store = open_store ("editor");
  g_free (account->user_json);
  account->user_json = g_strdup (EDITOR_JSON);
  account->has_companion = TRUE;
  g_assert_true (byline_store_save_account (fixture->store, account, &error));
  g_assert_no_error (error);
  fixture->editor = byline_workflow_actor_new ("Edie Editor", BYLINE_WORKFLOW_ROLE_EDITOR);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_pointer (&fixture->editor, byline_workflow_actor_free);
  g_clear_object (&fixture->store);
}

static BylineStory *
add_story (BylineStore *store,
           const char  *headline)
{
  BylineStory *story = byline_story_new ();
  g_autoptr (GError) error = NULL;

  byline_story_set_headline (story, headline);
  byline_story_set_dek (story, "The vote was unanimous.");
  byline_story_set_body (story, "<p>The council voted on Tuesday.</p>");
  byline_story_set_account (story, ACCOUNT);
  byline_story_touch (story);
  g_assert_true (byline_store_save_story (store, story, &error));
  g_assert_no_error (error);
  return story;
}

static char *
date_gmt_of (GDateTime *date_time)
{
  g_autoptr (GDateTime) utc = g_date_time_to_utc (date_time);

  return g_date_time_format (utc, "%Y-%m-%dT%H:%M:%S");
}

static JsonObject *
request_body (JsonNode         **node,
              BylineRemotePost  *post,
              gboolean           with_companion_meta)
{
  *node = byline_remote_post_to_json (post, with_companion_meta);
  return json_node_get_object (*node);
}

/* What WordPress answers with context=edit, with or without the plugin's meta. */
static BylineRemotePost *
answer (BylineRemotePost *sent,
        gboolean          with_history_meta)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (JsonNode) node = NULL;
  g_autoptr (GError) error = NULL;
  BylineRemotePost *post;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_int_value (builder, 42);
  json_builder_set_member_name (builder, "status");
  json_builder_add_string_value (builder, byline_remote_post_get_status (sent));
  json_builder_set_member_name (builder, "title");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "raw");
  json_builder_add_string_value (builder, byline_remote_post_get_title (sent));
  json_builder_end_object (builder);
  json_builder_set_member_name (builder, "content");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "raw");
  json_builder_add_string_value (builder, byline_remote_post_get_content (sent));
  json_builder_end_object (builder);
  json_builder_set_member_name (builder, "meta");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "byline_client_uuid");
  json_builder_add_string_value (builder, byline_remote_post_get_client_uuid (sent));
  if (with_history_meta)
    {
      json_builder_set_member_name (builder, "byline_history");
      json_builder_add_string_value (builder, byline_remote_post_get_history (sent));
    }
  json_builder_end_object (builder);
  json_builder_end_object (builder);
  node = json_builder_get_root (builder);
  post = byline_remote_post_new_from_json (node, &error);
  g_assert_no_error (error);
  return post;
}

static void
test_future_date_gmt (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr (BylineStory) story = add_story (fixture->store, "Bridge opens next week");
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr (GDateTime) at = g_date_time_add_days (now, 3);
  g_autoptr (BylineRemotePost) post = NULL;
  g_autoptr (JsonNode) node = NULL;
  g_autofree char *expected = date_gmt_of (at);
  g_autoptr (GError) error = NULL;
  JsonObject *body;

  g_assert_true (byline_workflow_schedule (fixture->store, story, fixture->editor, at, NULL, &error));
  g_assert_no_error (error);
  post = byline_remote_post_new_for_push (fixture->store, story);
  g_assert_cmpstr (byline_remote_post_get_status (post), ==, "future");
  g_assert_cmpstr (byline_remote_post_get_date_gmt (post), ==, expected);
  body = request_body (&node, post, FALSE);
  g_assert_cmpstr (json_object_get_string_member (body, "date_gmt"), ==, expected);
  g_assert_cmpstr (json_object_get_string_member (body, "status"), ==, "future");
}

static void
test_publish_date_kept_by_update (Fixture       *fixture,
                                  gconstpointer  data)
{
  g_autoptr (BylineStory) story = add_story (fixture->store, "Bridge opens");
  g_autoptr (BylineRemotePost) draft = byline_remote_post_new_for_push (fixture->store, story);
  g_autoptr (BylineRemotePost) published = NULL;
  g_autoptr (BylineRemotePost) updated = NULL;
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr (GDateTime) later = g_date_time_add_hours (now, 5);
  g_autoptr (GError) error = NULL;

  g_assert_null (byline_remote_post_get_date_gmt (draft));
  g_assert_true (byline_workflow_publish (fixture->store, story, fixture->editor, NULL, &error));
  published = byline_remote_post_new_for_push (fixture->store, story);
  g_assert_cmpstr (byline_remote_post_get_status (published), ==, "publish");
  g_assert_nonnull (byline_remote_post_get_date_gmt (published));

  g_assert_true (byline_workflow_add_update (fixture->store, story, fixture->editor, "The ribbon was cut.", FALSE,
                                             later, &error));
  g_assert_no_error (error);
  updated = byline_remote_post_new_for_push (fixture->store, story);
  g_assert_cmpstr (byline_remote_post_get_date_gmt (updated), ==, byline_remote_post_get_date_gmt (published));
}

static void
test_related_added_and_stripped (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autoptr (BylineStory) other = add_story (fixture->store, "Bridge opens");
  g_autoptr (BylineStory) story = add_story (fixture->store, "Traffic returns to the old road");
  const char *related[] = { byline_story_get_uuid (other), NULL };
  g_autoptr (BylineRemotePost) post = NULL;
  g_autoptr (BylineRemotePost) pulled = NULL;
  g_autoptr (BylineStory) copy = byline_story_new ();
  g_autofree char *body = NULL;
  g_autoptr (GError) error = NULL;

  g_assert_true (byline_related_set (story, fixture->store, related, &error));
  post = byline_remote_post_new_for_push (fixture->store, story);
  g_assert_true (g_str_has_suffix (byline_remote_post_get_content (post), RELATED_LIST));
  g_assert_true (g_str_has_prefix (byline_remote_post_get_content (post), "<p>The council voted on Tuesday.</p>\n"));
  g_assert_cmpstr (byline_story_get_body (story), ==, "<p>The council voted on Tuesday.</p>");

  /* Pulled back, once or twice, the story's body never holds the list. */
  pulled = answer (post, TRUE);
  byline_remote_post_apply_to_story (pulled, copy);
  g_assert_cmpstr (byline_story_get_body (copy), ==, "<p>The council voted on Tuesday.</p>");
  body = byline_remote_post_dup_story_body (pulled);
  g_assert_cmpstr (body, ==, byline_story_get_body (story));
}

static void
test_strip_only_trailing_list (void)
{
  const char *written = "<p>See also:</p>" RELATED_LIST "<p>More text.</p>";
  g_autofree char *kept = byline_related_strip_list (written);
  g_autofree char *trailing = byline_related_strip_list ("<p>Text.</p>\n" RELATED_LIST "\n  ");
  g_autofree char *only = byline_related_strip_list (RELATED_LIST);
  g_autofree char *none = byline_related_strip_list (NULL);

  g_assert_cmpstr (kept, ==, written);
  g_assert_cmpstr (trailing, ==, "<p>Text.</p>");
  g_assert_cmpstr (only, ==, "");
  g_assert_cmpstr (none, ==, "");
}

#define RAW_FIELDS \
  "\"title\": {\"raw\": \"Harbour wall\"}, \"excerpt\": {\"raw\": \"\"}, \"content\": {\"raw\": \"<p>Text.</p>\"}"

static BylineRemotePost *
post_by_author (const char *json)
{
  g_autoptr (JsonNode) node = json_from_string (json, NULL);
  g_autoptr (GError) error = NULL;
  BylineRemotePost *post = byline_remote_post_new_from_json (node, &error);

  g_assert_no_error (error);
  return post;
}

/* A story written on the site gets its author as byline, unless it has one. */
static void
test_author_becomes_byline (void)
{
  g_autoptr (BylineRemotePost) embedded = post_by_author (
    "{\"id\": 7, \"status\": \"pending\", \"author\": 3, " RAW_FIELDS ","
    " \"_embedded\": {\"author\": [{\"id\": 3, \"name\": \"Maya Okafor\"}]}}");
  g_autoptr (BylineRemotePost) hidden = post_by_author (
    "{\"id\": 8, \"status\": \"pending\", \"author\": 4, " RAW_FIELDS ","
    " \"_embedded\": {\"author\": [{\"code\": \"rest_user_invalid_id\"}]}}");
  g_autoptr (BylineStory) fresh = byline_story_new ();
  g_autoptr (BylineStory) signed_here = byline_story_new ();
  g_autoptr (BylineStory) unknown = byline_story_new ();

  byline_story_set_byline (signed_here, "By the Byline Desk");
  byline_remote_post_apply_to_story (embedded, fresh);
  byline_remote_post_apply_to_story (embedded, signed_here);
  byline_remote_post_apply_to_story (hidden, unknown);

  g_assert_cmpstr (byline_story_get_byline (fresh), ==, "Maya Okafor");
  g_assert_cmpstr (byline_story_get_byline (signed_here), ==, "By the Byline Desk");
  g_assert_true (byline_story_get_byline (unknown) == NULL || *byline_story_get_byline (unknown) == '\0');
}

static GPtrArray *
history_of (BylineStore *store,
            BylineStory *story)
{
  g_autoptr (GError) error = NULL;
  GPtrArray *history = byline_workflow_list_history (store, byline_story_get_uuid (story), &error);

  g_assert_no_error (error);
  return history;
}

static void
test_history_round_trip (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr (BylineStory) story = add_story (fixture->store, "Bridge budget");
  g_autoptr (BylineWorkflowActor) writer = byline_workflow_actor_new ("Wren Writer", BYLINE_WORKFLOW_ROLE_WRITER);
  g_autoptr (BylineStore) writer_store = open_store ("writer");
  g_autoptr (BylineStory) writer_copy = NULL;
  g_autoptr (BylineRemotePost) post = NULL;
  g_autoptr (BylineRemotePost) pulled = NULL;
  g_autoptr (JsonNode) with_meta = NULL;
  g_autoptr (JsonNode) without_meta = NULL;
  g_autoptr (GPtrArray) history = NULL;
  g_autoptr (GError) error = NULL;
  const BylineHistoryEntry *entry;
  JsonObject *meta;

  g_assert_true (byline_workflow_submit (fixture->store, story, writer, "Ready when you are", &error));
  g_assert_true (byline_workflow_send_back (fixture->store, story, fixture->editor, "Needs a second source", &error));
  g_assert_no_error (error);
  post = byline_remote_post_new_for_push (fixture->store, story);

  /* The meta goes only to a site with the companion plugin. */
  meta = json_object_get_object_member (request_body (&with_meta, post, TRUE), "meta");
  g_assert_cmpstr (json_object_get_string_member (meta, "byline_history"), ==, byline_remote_post_get_history (post));
  g_assert_false (json_object_has_member (request_body (&without_meta, post, FALSE), "meta"));

  /* The writer's client pulls it: the note arrives, shared. */
  writer_copy = byline_story_new_with_uuid (byline_story_get_uuid (story));
  pulled = answer (post, TRUE);
  byline_remote_post_apply_to_story (pulled, writer_copy);
  g_assert_true (byline_store_save_story (writer_store, writer_copy, &error));
  g_assert_true (byline_workflow_merge_history (writer_store, byline_story_get_uuid (story),
                                                byline_remote_post_get_history (pulled), &error));
  g_assert_true (byline_workflow_merge_history (writer_store, byline_story_get_uuid (story),
                                                byline_remote_post_get_history (pulled), &error));
  g_assert_no_error (error);
  history = history_of (writer_store, writer_copy);
  g_assert_cmpuint (history->len, ==, 2);
  entry = g_ptr_array_index (history, 1);
  g_assert_cmpstr (entry->note, ==, "Needs a second source");
  g_assert_cmpstr (entry->actor, ==, "Edie Editor");
  g_assert_cmpint (entry->from_status, ==, BYLINE_STORY_STATUS_PENDING);
  g_assert_cmpint (entry->to_status, ==, BYLINE_STORY_STATUS_DRAFT);
  g_assert_true (entry->shared);
  g_assert_cmpstr (((BylineHistoryEntry *) g_ptr_array_index (history, 0))->note, ==, "Ready when you are");

  /* The sender's own entries become shared once the site sends them back. */
  g_clear_pointer (&history, g_ptr_array_unref);
  history = history_of (fixture->store, story);
  g_assert_false (((BylineHistoryEntry *) g_ptr_array_index (history, 1))->shared);
  g_assert_true (byline_workflow_merge_history (fixture->store, byline_story_get_uuid (story),
                                                byline_remote_post_get_history (pulled), &error));
  g_clear_pointer (&history, g_ptr_array_unref);
  history = history_of (fixture->store, story);
  g_assert_cmpuint (history->len, ==, 2);
  g_assert_true (((BylineHistoryEntry *) g_ptr_array_index (history, 1))->shared);
}

static void
test_history_without_plugin (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr (BylineStory) story = add_story (fixture->store, "Bridge budget");
  g_autoptr (BylineRemotePost) post = NULL;
  g_autoptr (BylineRemotePost) pulled = NULL;
  g_autoptr (GPtrArray) history = NULL;
  g_autoptr (GPtrArray) garbage = NULL;
  g_autoptr (BylineWorkflowActor) actor = NULL;
  g_autoptr (GError) error = NULL;

  g_assert_true (byline_workflow_submit (fixture->store, story, fixture->editor, "A note", &error));
  post = byline_remote_post_new_for_push (fixture->store, story);
  pulled = answer (post, FALSE);
  g_assert_null (byline_remote_post_get_history (pulled));
  g_assert_true (byline_workflow_merge_history (fixture->store, byline_story_get_uuid (story),
                                                byline_remote_post_get_history (pulled), &error));
  history = history_of (fixture->store, story);
  g_assert_cmpuint (history->len, ==, 1);
  g_assert_false (((BylineHistoryEntry *) g_ptr_array_index (history, 0))->shared);

  /* In step with the site, yet the note never came back: the user is told
   * notes stay here, though the account has the plugin's lookup. */
  actor = byline_workflow_actor_for_story (fixture->store, story);
  g_assert_true (actor->shares_notes);
  g_clear_pointer (&actor, byline_workflow_actor_free);
  byline_story_set_remote_id (story, 42);
  byline_story_set_dirty (story, FALSE);
  g_assert_true (byline_store_save_story (fixture->store, story, &error));
  actor = byline_workflow_actor_for_story (fixture->store, story);
  g_assert_false (actor->shares_notes);

  /* A hand-edited meta value is skipped, not guessed at. */
  garbage = byline_workflow_history_from_json ("uuid", "[{\"actor\":\"x\"}, 3, \"no\"]");
  g_assert_cmpuint (garbage->len, ==, 0);
  g_clear_pointer (&garbage, g_ptr_array_unref);
  garbage = byline_workflow_history_from_json ("uuid", "{not json");
  g_assert_cmpuint (garbage->len, ==, 0);
}

/* A story the site already has: clean, out of the outbox. */
static BylineStory *
add_synced_story (Fixture    *fixture,
                  const char *headline)
{
  BylineStory *story = add_story (fixture->store, headline);
  g_autoptr (GError) error = NULL;

  g_assert_true (byline_store_outbox_complete (fixture->store, byline_story_get_uuid (story), -1, &error));
  byline_story_set_dirty (story, FALSE);
  byline_story_set_remote_id (story, 7);
  g_assert_true (byline_store_save_story (fixture->store, story, &error));
  g_assert_no_error (error);
  return story;
}

static void
test_take_back_refused (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr (BylineStory) story = add_synced_story (fixture, "Refused by the site");
  g_autoptr (GPtrArray) history = NULL;
  g_autoptr (BylineOutboxEntry) entry = NULL;
  g_autoptr (GError) error = NULL;

  g_assert_true (byline_workflow_publish (fixture->store, story, fixture->editor, NULL, &error));
  g_assert_cmpint (byline_story_get_status (story), ==, BYLINE_STORY_STATUS_PUBLISHED);
  g_assert_true (byline_workflow_take_back_refused (fixture->store, story));

  g_assert_cmpint (byline_story_get_status (story), ==, BYLINE_STORY_STATUS_DRAFT);
  g_assert_false (byline_story_get_dirty (story));
  history = history_of (fixture->store, story);
  g_assert_cmpuint (history->len, ==, 0);
  entry = byline_store_get_outbox_entry (fixture->store, byline_story_get_uuid (story), NULL);
  g_assert_null (entry);
  g_assert_false (byline_workflow_take_back_refused (fixture->store, story));
}

static void
test_take_back_keeps_later_edits (Fixture       *fixture,
                                  gconstpointer  data)
{
  g_autoptr (BylineStory) story = add_synced_story (fixture, "Edited after publishing");
  g_autoptr (GPtrArray) history = NULL;
  g_autoptr (BylineOutboxEntry) entry = NULL;
  g_autoptr (GError) error = NULL;

  g_assert_true (byline_workflow_publish (fixture->store, story, fixture->editor, NULL, &error));
  g_usleep (1000);
  byline_story_set_body (story, "<p>Typed after clicking publish.</p>");
  byline_story_touch (story);
  g_assert_true (byline_store_save_story (fixture->store, story, &error));
  g_assert_true (byline_workflow_take_back_refused (fixture->store, story));

  g_assert_cmpint (byline_story_get_status (story), ==, BYLINE_STORY_STATUS_DRAFT);
  g_assert_cmpstr (byline_story_get_body (story), ==, "<p>Typed after clicking publish.</p>");
  history = history_of (fixture->store, story);
  g_assert_cmpuint (history->len, ==, 0);
  entry = byline_store_get_outbox_entry (fixture->store, byline_story_get_uuid (story), NULL);
  g_assert_nonnull (entry);
  g_assert_cmpint (entry->state, ==, BYLINE_OUTBOX_PENDING);
}

static void
test_sent_transition_stays (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr (BylineStory) story = add_synced_story (fixture, "Reached the site");
  g_autoptr (GError) error = NULL;

  g_assert_true (byline_workflow_publish (fixture->store, story, fixture->editor, NULL, &error));
  byline_workflow_forget_pending (fixture->store, byline_story_get_uuid (story));
  g_assert_false (byline_workflow_take_back_refused (fixture->store, story));
  g_assert_cmpint (byline_story_get_status (story), ==, BYLINE_STORY_STATUS_PUBLISHED);
}

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  ADD ("/cms/remote-post/push/future-date-gmt", test_future_date_gmt);
  ADD ("/cms/remote-post/push/publish-date-kept-by-update", test_publish_date_kept_by_update);
  ADD ("/cms/remote-post/related/added-and-stripped", test_related_added_and_stripped);
  g_test_add_func ("/store/related/strip-only-trailing-list", test_strip_only_trailing_list);
  g_test_add_func ("/cms/remote-post/pull/author-becomes-byline", test_author_becomes_byline);
  ADD ("/cms/remote-post/history/round-trip", test_history_round_trip);
  ADD ("/cms/remote-post/history/without-plugin", test_history_without_plugin);
  ADD ("/store/workflow/take-back-refused", test_take_back_refused);
  ADD ("/store/workflow/take-back-keeps-later-edits", test_take_back_keeps_later_edits);
  ADD ("/store/workflow/sent-transition-stays", test_sent_transition_stays);

  return g_test_run ();
}
