/* test-workflow-core.c: editorial transitions, their permissions and history,
 * the publish gate and related stories
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "model/byline-image.h"
#include "model/byline-story.h"
#include "model/byline-update.h"
#include "store/byline-related.h"
#include "store/byline-store-sync.h"
#include "store/byline-workflow.h"

#define WRITER_JSON "{\"display_name\":\"Wren Writer\",\"roles\":[\"contributor\"]," \
                    "\"capabilities\":[\"read\",\"edit_posts\"]}"
#define EDITOR_JSON "{\"display_name\":\"Edie Editor\",\"roles\":[\"editor\"],\"timezone_string\":\"Asia/Tokyo\"," \
                    "\"capabilities\":[\"read\",\"edit_posts\",\"publish_posts\",\"edit_others_posts\"]}"

typedef struct
{
  BylineStore *store;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "byline", "newsroom.db", NULL);
  g_autoptr (GError) error = NULL;

  fixture->store = byline_store_open (path, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->store);
}

static void
add_account (Fixture    *fixture,
             const char *name,
             const char *user_json)
{
  g_autoptr (BylineStoreAccount) account = byline_store_account_new (name, "https://news.example", name);
  g_autoptr (GError) error = NULL;

  g_free (account->user_json);
  account->user_json = g_strdup (user_json);
  g_assert_true (byline_store_save_account (fixture->store, account, &error));
  g_assert_no_error (error);
}

static BylineStory *
add_story (Fixture           *fixture,
           const char        *account,
           BylineStoryStatus  status)
{
  BylineStory *story = byline_story_new ();
  g_autoptr (GError) error = NULL;

  byline_story_set_headline (story, "Council approves bridge budget");
  byline_story_set_dek (story, "The vote was unanimous.");
  byline_story_set_body (story, "<p>The council voted on Tuesday.</p>");
  byline_story_set_byline (story, "Wren Writer");
  byline_story_set_account (story, account);
  byline_story_set_status (story, status);
  g_assert_true (byline_store_save_story (fixture->store, story, &error));
  g_assert_no_error (error);
  return story;
}

static BylineImage *
add_image (Fixture    *fixture,
           BylineStory *story,
           const char *credit)
{
  BylineImage *image = byline_image_new (byline_story_get_uuid (story));
  g_autoptr (GError) error = NULL;

  byline_image_set_file (image, "/photos/bridge.jpg");
  byline_image_set_credit_line (image, credit);
  byline_image_set_alt_text (image, "The bridge at dawn");
  byline_image_set_permission_kind (image, BYLINE_PERMISSION_STAFF);
  g_assert_true (byline_store_save_image (fixture->store, image, &error));
  g_assert_no_error (error);
  return image;
}

static guint
history_length (Fixture     *fixture,
                BylineStory *story)
{
  g_autoptr (GPtrArray) history = byline_workflow_list_history (fixture->store, byline_story_get_uuid (story),
                                                                NULL);

  return history != NULL ? history->len : G_MAXUINT;
}

static BylineHistoryEntry *
last_entry (Fixture     *fixture,
            BylineStory *story,
            GPtrArray  **history)
{
  GPtrArray *entries = byline_workflow_list_history (fixture->store, byline_story_get_uuid (story), NULL);

  g_assert_nonnull (entries);
  g_assert_cmpuint (entries->len, >, 0);
  g_clear_pointer (history, g_ptr_array_unref);
  *history = entries;
  return g_ptr_array_index (entries, entries->len - 1);
}

static GDateTime *
days_from_now (int days)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();

  return g_date_time_add_days (now, days);
}

/* Roles */

static void
test_roles_from_capabilities (void)
{
  const char *contributor[] = { "read", "edit_posts", NULL };
  const char *author[] = { "read", "edit_posts", "publish_posts", NULL };
  const char *editor[] = { "edit_posts", "publish_posts", "edit_others_posts", NULL };

  g_assert_cmpint (byline_workflow_role_from_capabilities (contributor), ==, BYLINE_WORKFLOW_ROLE_WRITER);
  g_assert_cmpint (byline_workflow_role_from_capabilities (author), ==, BYLINE_WORKFLOW_ROLE_WRITER);
  g_assert_cmpint (byline_workflow_role_from_capabilities (editor), ==, BYLINE_WORKFLOW_ROLE_EDITOR);
  g_assert_cmpint (byline_workflow_role_from_capabilities (NULL), ==, BYLINE_WORKFLOW_ROLE_WRITER);
  g_assert_cmpint (byline_workflow_role_from_user_json (EDITOR_JSON), ==, BYLINE_WORKFLOW_ROLE_EDITOR);
  g_assert_cmpint (byline_workflow_role_from_user_json ("not json"), ==, BYLINE_WORKFLOW_ROLE_WRITER);
  g_assert_false (byline_workflow_role_allows (BYLINE_WORKFLOW_ROLE_WRITER, BYLINE_WORKFLOW_PUBLISH));
  g_assert_true (byline_workflow_role_allows (BYLINE_WORKFLOW_ROLE_WRITER, BYLINE_WORKFLOW_SUBMIT));
  g_assert_true (byline_workflow_role_allows (BYLINE_WORKFLOW_ROLE_LOCAL, BYLINE_WORKFLOW_UNPUBLISH));
}

static void
test_roles_from_account (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr (BylineStory) local = add_story (fixture, NULL, BYLINE_STORY_STATUS_DRAFT);
  g_autoptr (BylineStory) written = add_story (fixture, "writer", BYLINE_STORY_STATUS_DRAFT);
  g_autoptr (BylineStory) edited = add_story (fixture, "editor", BYLINE_STORY_STATUS_DRAFT);
  g_autoptr (BylineWorkflowActor) local_actor = NULL;
  g_autoptr (BylineWorkflowActor) writer = NULL;
  g_autoptr (BylineWorkflowActor) editor = NULL;

  add_account (fixture, "writer", WRITER_JSON);
  add_account (fixture, "editor", EDITOR_JSON);
  local_actor = byline_workflow_actor_for_story (fixture->store, local);
  writer = byline_workflow_actor_for_story (fixture->store, written);
  editor = byline_workflow_actor_for_story (fixture->store, edited);

  g_assert_cmpint (local_actor->role, ==, BYLINE_WORKFLOW_ROLE_LOCAL);
  g_assert_cmpint (writer->role, ==, BYLINE_WORKFLOW_ROLE_WRITER);
  g_assert_cmpstr (writer->name, ==, "Wren Writer");
  g_assert_cmpint (editor->role, ==, BYLINE_WORKFLOW_ROLE_EDITOR);
  g_assert_cmpstr (editor->name, ==, "Edie Editor");
}

/* Transitions */

static void
test_submit_records_history (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr (BylineStory) story = add_story (fixture, NULL, BYLINE_STORY_STATUS_DRAFT);
  g_autoptr (GPtrArray) history = NULL;
  g_autoptr (GError) error = NULL;
  BylineHistoryEntry *entry;

  g_assert_true (byline_workflow_submit (fixture->store, story, NULL, "Second source confirmed", &error));
  g_assert_no_error (error);
  g_assert_cmpint (byline_story_get_status (story), ==, BYLINE_STORY_STATUS_PENDING);

  entry = last_entry (fixture, story, &history);
  g_assert_cmpint (entry->from_status, ==, BYLINE_STORY_STATUS_DRAFT);
  g_assert_cmpint (entry->to_status, ==, BYLINE_STORY_STATUS_PENDING);
  g_assert_cmpstr (entry->note, ==, "Second source confirmed");
  g_assert_nonnull (entry->actor);
  g_assert_nonnull (entry->at);

  /* A second submit from pending review is refused, and recorded nowhere. */
  g_assert_false (byline_workflow_submit (fixture->store, story, NULL, NULL, &error));
  g_assert_error (error, BYLINE_WORKFLOW_ERROR, BYLINE_WORKFLOW_ERROR_WRONG_STATUS);
  g_assert_cmpuint (history_length (fixture, story), ==, 1);
}

static void
test_send_back_requires_note (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr (BylineStory) story = add_story (fixture, NULL, BYLINE_STORY_STATUS_PENDING);
  g_autoptr (GPtrArray) history = NULL;
  g_autoptr (GError) error = NULL;

  g_assert_false (byline_workflow_send_back (fixture->store, story, NULL, "   ", &error));
  g_assert_error (error, BYLINE_WORKFLOW_ERROR, BYLINE_WORKFLOW_ERROR_NOTE_REQUIRED);
  g_assert_cmpint (byline_story_get_status (story), ==, BYLINE_STORY_STATUS_PENDING);
  g_assert_cmpuint (history_length (fixture, story), ==, 0);
  g_clear_error (&error);

  g_assert_true (byline_workflow_send_back (fixture->store, story, NULL, "Needs a quote from the mayor", &error));
  g_assert_no_error (error);
  g_assert_cmpint (byline_story_get_status (story), ==, BYLINE_STORY_STATUS_DRAFT);
  g_assert_cmpstr (last_entry (fixture, story, &history)->note, ==, "Needs a quote from the mayor");
}

static void
test_writer_cannot_publish (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr (BylineStory) story = add_story (fixture, "writer", BYLINE_STORY_STATUS_PENDING);
  g_autoptr (BylineStory) reloaded = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GDateTime) tomorrow = days_from_now (1);

  add_account (fixture, "writer", WRITER_JSON);

  g_assert_false (byline_workflow_publish (fixture->store, story, NULL, NULL, &error));
  g_assert_error (error, BYLINE_WORKFLOW_ERROR, BYLINE_WORKFLOW_ERROR_FORBIDDEN);
  g_clear_error (&error);
  g_assert_false (byline_workflow_schedule (fixture->store, story, NULL, tomorrow, NULL, &error));
  g_assert_error (error, BYLINE_WORKFLOW_ERROR, BYLINE_WORKFLOW_ERROR_FORBIDDEN);
  g_clear_error (&error);
  g_assert_false (byline_workflow_send_back (fixture->store, story, NULL, "No", &error));
  g_assert_error (error, BYLINE_WORKFLOW_ERROR, BYLINE_WORKFLOW_ERROR_FORBIDDEN);

  g_assert_cmpint (byline_story_get_status (story), ==, BYLINE_STORY_STATUS_PENDING);
  g_assert_cmpuint (history_length (fixture, story), ==, 0);
}

static void
test_writer_submits (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr (BylineStory) story = add_story (fixture, "writer", BYLINE_STORY_STATUS_DRAFT);
  g_autoptr (GPtrArray) history = NULL;
  g_autoptr (GError) error = NULL;

  add_account (fixture, "writer", WRITER_JSON);
  g_assert_true (byline_workflow_submit (fixture->store, story, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (last_entry (fixture, story, &history)->actor, ==, "Wren Writer");
  g_assert_null (last_entry (fixture, story, &history)->note);
}

static void
test_editor_publishes_and_schedules (Fixture       *fixture,
                                     gconstpointer  data)
{
  g_autoptr (BylineStory) story = add_story (fixture, "editor", BYLINE_STORY_STATUS_PENDING);
  g_autoptr (BylineStory) other = add_story (fixture, "editor", BYLINE_STORY_STATUS_DRAFT);
  g_autoptr (GDateTime) next_week = days_from_now (7);
  g_autoptr (GDateTime) scheduled = NULL;
  g_autoptr (GPtrArray) history = NULL;
  g_autoptr (GError) error = NULL;

  add_account (fixture, "editor", EDITOR_JSON);

  g_assert_true (byline_workflow_publish (fixture->store, story, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (byline_story_get_status (story), ==, BYLINE_STORY_STATUS_PUBLISHED);
  g_assert_cmpstr (last_entry (fixture, story, &history)->actor, ==, "Edie Editor");

  g_assert_true (byline_workflow_schedule (fixture->store, other, NULL, next_week, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (byline_story_get_status (other), ==, BYLINE_STORY_STATUS_SCHEDULED);
  scheduled = byline_workflow_get_scheduled_date (fixture->store, byline_story_get_uuid (other));
  g_assert_nonnull (scheduled);
  g_assert_cmpint (g_date_time_to_unix (scheduled), ==, g_date_time_to_unix (next_week));
}

static void
test_schedule_refuses_past (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr (BylineStory) story = add_story (fixture, NULL, BYLINE_STORY_STATUS_DRAFT);
  g_autoptr (GDateTime) yesterday = days_from_now (-1);
  g_autoptr (GError) error = NULL;

  g_assert_false (byline_workflow_schedule (fixture->store, story, NULL, yesterday, NULL, &error));
  g_assert_error (error, BYLINE_WORKFLOW_ERROR, BYLINE_WORKFLOW_ERROR_INVALID_DATE);
  g_assert_cmpint (byline_story_get_status (story), ==, BYLINE_STORY_STATUS_DRAFT);
}

static void
test_site_timezone (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr (GTimeZone) site = NULL;
  g_autoptr (GTimeZone) local = NULL;

  add_account (fixture, "editor", EDITOR_JSON);
  site = byline_workflow_get_site_timezone (fixture->store, "editor");
  local = byline_workflow_get_site_timezone (fixture->store, NULL);
  g_assert_cmpstr (g_time_zone_get_identifier (site), ==, "Asia/Tokyo");
  g_assert_nonnull (local);
}

static void
test_unpublish (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr (BylineStory) story = add_story (fixture, NULL, BYLINE_STORY_STATUS_PUBLISHED);
  g_autoptr (BylineStory) draft = add_story (fixture, NULL, BYLINE_STORY_STATUS_DRAFT);
  g_autoptr (GPtrArray) history = NULL;
  g_autoptr (GError) error = NULL;

  g_assert_true (byline_workflow_unpublish (fixture->store, story, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (byline_story_get_status (story), ==, BYLINE_STORY_STATUS_DRAFT);
  g_assert_cmpint (last_entry (fixture, story, &history)->from_status, ==, BYLINE_STORY_STATUS_PUBLISHED);

  g_assert_false (byline_workflow_unpublish (fixture->store, draft, NULL, &error));
  g_assert_error (error, BYLINE_WORKFLOW_ERROR, BYLINE_WORKFLOW_ERROR_WRONG_STATUS);
}

static void
test_add_update (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr (BylineStory) story = add_story (fixture, NULL, BYLINE_STORY_STATUS_PUBLISHED);
  g_autoptr (GDateTime) posted_at = g_date_time_new_local (2024, 11, 25, 15, 10, 0);
  g_autoptr (BylineStory) reloaded = NULL;
  g_autoptr (GPtrArray) history = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (BylineStore) reopened = NULL;
  g_autofree char *path = g_strdup (byline_store_get_path (fixture->store));

  g_assert_true (byline_workflow_add_update (fixture->store, story, NULL, "Cars may cross from 6 p.m. <today>",
                                             TRUE, posted_at, &error));
  g_assert_no_error (error);
  g_assert_cmpint (byline_story_get_status (story), ==, BYLINE_STORY_STATUS_PUBLISHED);
  g_assert_cmpstr (byline_story_get_headline (story), ==, "[UPDATE] Council approves bridge budget");
  g_assert_cmpstr (byline_story_get_body (story), ==,
                   "<p>The council voted on Tuesday.</p>\n<div class=\"byline-update\"><p><strong>UPDATE, "
                   "25 November, 15:10:</strong> Cars may cross from 6 p.m. &lt;today&gt;</p></div>");
  g_assert_cmpuint (g_list_model_get_n_items (byline_story_get_updates (story)), ==, 1);
  g_assert_cmpstr (last_entry (fixture, story, &history)->note, ==, "Cars may cross from 6 p.m. <today>");

  /* A second update does not prefix the headline twice. */
  g_assert_true (byline_workflow_add_update (fixture->store, story, NULL, "Open now", TRUE, NULL, &error));
  g_assert_cmpstr (byline_story_get_headline (story), ==, "[UPDATE] Council approves bridge budget");

  g_clear_object (&fixture->store);
  reopened = byline_store_open (path, &error);
  g_assert_no_error (error);
  reloaded = g_object_ref (byline_store_find_story (reopened, byline_story_get_uuid (story)));
  g_assert_true (byline_store_load_body (reopened, reloaded, &error));
  g_assert_cmpuint (g_list_model_get_n_items (byline_story_get_updates (reloaded)), ==, 2);
  g_assert_nonnull (strstr (byline_story_get_body (reloaded), "Open now"));
}

static void
test_add_update_needs_published (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autoptr (BylineStory) story = add_story (fixture, NULL, BYLINE_STORY_STATUS_DRAFT);
  g_autoptr (BylineStory) published = add_story (fixture, NULL, BYLINE_STORY_STATUS_PUBLISHED);
  g_autoptr (GError) error = NULL;

  g_assert_false (byline_workflow_add_update (fixture->store, story, NULL, "Text", FALSE, NULL, &error));
  g_assert_error (error, BYLINE_WORKFLOW_ERROR, BYLINE_WORKFLOW_ERROR_WRONG_STATUS);
  g_clear_error (&error);
  g_assert_false (byline_workflow_add_update (fixture->store, published, NULL, "", FALSE, NULL, &error));
  g_assert_error (error, BYLINE_WORKFLOW_ERROR, BYLINE_WORKFLOW_ERROR_NOTE_REQUIRED);
  g_assert_cmpstr (byline_story_get_body (published), ==, "<p>The council voted on Tuesday.</p>");
}

/* The publish gate */

static GPtrArray *
check_gate (BylineStory *story,
            BylineImage *image,
            GDateTime   *publish_at,
            gboolean     conflict)
{
  g_autoptr (GListStore) images = g_list_store_new (BYLINE_TYPE_IMAGE);

  if (image != NULL)
    g_list_store_append (images, image);
  return byline_publish_gate_check (story, G_LIST_MODEL (images), publish_at, conflict);
}

static BylineImage *
complete_image (void)
{
  BylineImage *image = byline_image_new ("story");

  byline_image_set_file (image, "/photos/bridge.jpg");
  byline_image_set_credit_line (image, "Photo: Ana Lee/Staff");
  byline_image_set_alt_text (image, "The bridge at dawn");
  byline_image_set_permission_kind (image, BYLINE_PERMISSION_STAFF);
  return image;
}

static BylineStory *
complete_story (void)
{
  BylineStory *story = byline_story_new ();

  byline_story_set_headline (story, "Bridge reopens");
  byline_story_set_dek (story, "Six months of works end");
  byline_story_set_body (story, "<p>Text.</p>");
  return story;
}

static void
assert_only_rule (GPtrArray          *issues,
                  BylineGateRule      rule,
                  BylineGateSeverity  severity)
{
  BylineGateIssue *issue;

  g_assert_cmpuint (issues->len, ==, 1);
  issue = g_ptr_array_index (issues, 0);
  g_assert_cmpint (issue->rule, ==, rule);
  g_assert_cmpint (issue->severity, ==, severity);
  g_assert_nonnull (issue->message);
}

static void
test_gate_clean (void)
{
  g_autoptr (BylineStory) story = complete_story ();
  g_autoptr (BylineImage) image = complete_image ();
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr (GPtrArray) issues = check_gate (story, image, now, FALSE);

  g_assert_cmpuint (issues->len, ==, 0);
}

static void
test_gate_story_rules (void)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr (BylineStory) story = complete_story ();
  g_autoptr (GPtrArray) issues = NULL;

  byline_story_set_headline (story, "  ");
  issues = check_gate (story, NULL, now, FALSE);
  assert_only_rule (issues, BYLINE_GATE_RULE_HEADLINE, BYLINE_GATE_ERROR);
  g_clear_pointer (&issues, g_ptr_array_unref);

  byline_story_set_headline (story, "Bridge reopens");
  byline_story_set_dek (story, "");
  issues = check_gate (story, NULL, now, FALSE);
  assert_only_rule (issues, BYLINE_GATE_RULE_DEK, BYLINE_GATE_WARNING);
  g_clear_pointer (&issues, g_ptr_array_unref);

  byline_story_set_dek (story, "Dek");
  byline_story_set_body (story, "<p> &nbsp;</p>\n<p></p>");
  issues = check_gate (story, NULL, now, FALSE);
  assert_only_rule (issues, BYLINE_GATE_RULE_BODY, BYLINE_GATE_ERROR);
  g_clear_pointer (&issues, g_ptr_array_unref);

  byline_story_set_body (story, "<p>Text</p>");
  issues = check_gate (story, NULL, now, TRUE);
  assert_only_rule (issues, BYLINE_GATE_RULE_SYNC_CONFLICT, BYLINE_GATE_ERROR);
}

static void
test_gate_image_rules (void)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr (BylineStory) story = complete_story ();
  g_autoptr (BylineImage) image = complete_image ();
  g_autoptr (GPtrArray) issues = NULL;

  byline_image_set_credit_line (image, NULL);
  issues = check_gate (story, image, now, FALSE);
  assert_only_rule (issues, BYLINE_GATE_RULE_IMAGE_CREDIT, BYLINE_GATE_ERROR);
  g_assert_cmpstr (((BylineGateIssue *) g_ptr_array_index (issues, 0))->image_uuid, ==,
                   byline_image_get_uuid (image));
  g_assert_nonnull (strstr (((BylineGateIssue *) g_ptr_array_index (issues, 0))->message, "bridge.jpg"));
  g_clear_pointer (&issues, g_ptr_array_unref);

  byline_image_set_credit_line (image, "Photo: Ana Lee/Staff");
  byline_image_set_permission_kind (image, BYLINE_PERMISSION_UNKNOWN);
  issues = check_gate (story, image, now, FALSE);
  assert_only_rule (issues, BYLINE_GATE_RULE_IMAGE_PERMISSION_KIND, BYLINE_GATE_ERROR);
  g_clear_pointer (&issues, g_ptr_array_unref);

  byline_image_set_permission_kind (image, BYLINE_PERMISSION_WIRE_SERVICE);
  byline_image_set_alt_text (image, "");
  issues = check_gate (story, image, now, FALSE);
  assert_only_rule (issues, BYLINE_GATE_RULE_IMAGE_ALT_TEXT, BYLINE_GATE_ERROR);
}

static void
test_gate_expiry_relative_to_publish_date (void)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr (GDateTime) in_ten_days = days_from_now (10);
  g_autoptr (GDateTime) in_a_month = days_from_now (30);
  g_autoptr (BylineStory) story = complete_story ();
  g_autoptr (BylineImage) image = complete_image ();
  g_autoptr (GPtrArray) issues = NULL;

  byline_image_set_permission_expiry (image, in_ten_days);
  issues = check_gate (story, image, now, FALSE);
  assert_only_rule (issues, BYLINE_GATE_RULE_IMAGE_PERMISSION_EXPIRING, BYLINE_GATE_WARNING);
  g_clear_pointer (&issues, g_ptr_array_unref);

  /* Fine today, but gone by the day the story is scheduled for. */
  issues = check_gate (story, image, in_a_month, FALSE);
  assert_only_rule (issues, BYLINE_GATE_RULE_IMAGE_PERMISSION_EXPIRED, BYLINE_GATE_ERROR);
  g_clear_pointer (&issues, g_ptr_array_unref);

  byline_image_set_permission_expiry (image, in_a_month);
  issues = check_gate (story, image, now, FALSE);
  g_assert_cmpuint (issues->len, ==, 0);
}

static void
test_gate_blocks_uncredited_photo (Fixture       *fixture,
                                   gconstpointer  data)
{
  g_autoptr (BylineStory) story = add_story (fixture, NULL, BYLINE_STORY_STATUS_PENDING);
  g_autoptr (BylineImage) image = add_image (fixture, story, "");
  g_autoptr (GError) error = NULL;

  g_assert_false (byline_workflow_publish (fixture->store, story, NULL, "Deadline", &error));
  g_assert_error (error, BYLINE_WORKFLOW_ERROR, BYLINE_WORKFLOW_ERROR_GATE_BLOCKED);
  g_assert_nonnull (strstr (error->message, "credit"));
  g_assert_cmpint (byline_story_get_status (story), ==, BYLINE_STORY_STATUS_PENDING);
  g_assert_cmpuint (history_length (fixture, story), ==, 0);
}

static void
test_gate_blocks_conflict (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr (BylineStory) story = add_story (fixture, NULL, BYLINE_STORY_STATUS_PENDING);
  g_autoptr (BylineStory) server = byline_story_copy (story);
  g_autoptr (GError) error = NULL;

  byline_story_set_remote_id (server, 42);
  g_assert_true (byline_store_save_conflict (fixture->store, server, "Changed on both sides", &error));
  g_assert_true (byline_workflow_has_sync_conflict (fixture->store, story));
  g_assert_false (byline_workflow_publish (fixture->store, story, NULL, NULL, &error));
  g_assert_error (error, BYLINE_WORKFLOW_ERROR, BYLINE_WORKFLOW_ERROR_GATE_BLOCKED);
}

static void
test_gate_override (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr (BylineStory) story = add_story (fixture, "editor", BYLINE_STORY_STATUS_PENDING);
  g_autoptr (BylineStory) written = add_story (fixture, "writer", BYLINE_STORY_STATUS_DRAFT);
  g_autoptr (GPtrArray) history = NULL;
  g_autoptr (GError) error = NULL;
  BylineHistoryEntry *entry;

  add_account (fixture, "editor", EDITOR_JSON);
  add_account (fixture, "writer", WRITER_JSON);
  byline_story_set_dek (story, "");

  g_assert_false (byline_workflow_publish (fixture->store, story, NULL, NULL, &error));
  g_assert_error (error, BYLINE_WORKFLOW_ERROR, BYLINE_WORKFLOW_ERROR_GATE_NEEDS_OVERRIDE);
  g_assert_cmpint (byline_story_get_status (story), ==, BYLINE_STORY_STATUS_PENDING);
  g_clear_error (&error);

  g_assert_true (byline_workflow_publish (fixture->store, story, NULL, "Breaking news brief", &error));
  g_assert_no_error (error);
  entry = last_entry (fixture, story, &history);
  g_assert_cmpstr (entry->override_reason, ==, "Breaking news brief");

  /* A writer's override is refused before anything else. */
  g_assert_false (byline_workflow_publish (fixture->store, written, NULL, "Please", &error));
  g_assert_error (error, BYLINE_WORKFLOW_ERROR, BYLINE_WORKFLOW_ERROR_FORBIDDEN);
}

/* Review queue and counts */

static void
test_review_queue (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr (BylineStory) first = add_story (fixture, NULL, BYLINE_STORY_STATUS_DRAFT);
  g_autoptr (BylineStory) second = add_story (fixture, NULL, BYLINE_STORY_STATUS_DRAFT);
  g_autoptr (BylineStory) draft = add_story (fixture, NULL, BYLINE_STORY_STATUS_DRAFT);
  g_autoptr (GPtrArray) queue = NULL;
  g_autoptr (GError) error = NULL;
  BylineReviewItem *item;

  byline_story_set_body (first, "<p>One two <em>three</em></p><p>four</p>");
  byline_story_set_byline (first, "");
  g_assert_true (byline_workflow_submit (fixture->store, first, NULL, NULL, &error));
  g_usleep (2000);
  g_assert_true (byline_workflow_submit (fixture->store, second, NULL, NULL, &error));

  queue = byline_workflow_list_review_queue (fixture->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (queue->len, ==, 2);
  item = g_ptr_array_index (queue, 0);
  g_assert_cmpstr (item->story_uuid, ==, byline_story_get_uuid (first));
  g_assert_cmpuint (item->word_count, ==, 4);
  g_assert_nonnull (item->writer);
  g_assert_cmpstr (item->writer, !=, "");
  item = g_ptr_array_index (queue, 1);
  g_assert_cmpstr (item->story_uuid, ==, byline_story_get_uuid (second));
  g_assert_cmpstr (item->writer, ==, "Wren Writer");
  g_assert_cmpuint (item->word_count, ==, 5);
}

static void
test_count_statuses (void)
{
  g_autoptr (GListStore) stories = g_list_store_new (BYLINE_TYPE_STORY);
  BylineStoryStatus statuses[] = { BYLINE_STORY_STATUS_DRAFT, BYLINE_STORY_STATUS_DRAFT, BYLINE_STORY_STATUS_PENDING,
                                   BYLINE_STORY_STATUS_SCHEDULED, BYLINE_STORY_STATUS_PUBLISHED,
                                   BYLINE_STORY_STATUS_PRIVATE };
  BylineStatusCounts counts;

  for (guint i = 0; i < G_N_ELEMENTS (statuses); i++)
    {
      g_autoptr (BylineStory) story = byline_story_new ();

      byline_story_set_status (story, statuses[i]);
      g_list_store_append (stories, story);
    }
  byline_workflow_count_statuses (G_LIST_MODEL (stories), &counts);
  g_assert_cmpuint (counts.all, ==, 6);
  g_assert_cmpuint (counts.drafts, ==, 2);
  g_assert_cmpuint (counts.pending, ==, 1);
  g_assert_cmpuint (counts.scheduled, ==, 1);
  g_assert_cmpuint (counts.published, ==, 1);
}

/* Related stories */

static void
test_related_render (void)
{
  BylineRelatedLink links[] = {
    { "Bridge <reopens> & more", "https://news.example/?p=4" },
    { "Ferry timetable ends", NULL },
  };
  g_autofree char *html = byline_related_render_list (links, G_N_ELEMENTS (links));

  g_assert_cmpstr (html, ==,
                   "<ul class=\"byline-related\"><li><a href=\"https://news.example/?p=4\">Bridge &lt;reopens&gt; "
                   "&amp; more</a></li><li>Ferry timetable ends</li></ul>");
  g_assert_null (byline_related_render_list (NULL, 0));
}

static void
test_related_export_body (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr (BylineStory) story = add_story (fixture, NULL, BYLINE_STORY_STATUS_DRAFT);
  g_autoptr (BylineStory) other = add_story (fixture, "editor", BYLINE_STORY_STATUS_PUBLISHED);
  g_autoptr (GPtrArray) others = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *body = NULL;
  g_autofree char *plain = NULL;
  g_autoptr (GError) error = NULL;
  const char *six[7] = { NULL };
  const char *two[3] = { NULL };

  add_account (fixture, "editor", EDITOR_JSON);
  plain = byline_related_export_body (fixture->store, story);
  g_assert_cmpstr (plain, ==, "<p>The council voted on Tuesday.</p>");

  for (guint i = 0; i < 6; i++)
    {
      g_ptr_array_add (others, add_story (fixture, NULL, BYLINE_STORY_STATUS_DRAFT));
      six[i] = byline_story_get_uuid (g_ptr_array_index (others, i));
    }
  g_assert_false (byline_related_set (story, fixture->store, six, &error));
  g_assert_error (error, BYLINE_STORE_ERROR, BYLINE_STORE_ERROR_INVALID);
  g_clear_error (&error);
  two[0] = byline_story_get_uuid (story);
  g_assert_false (byline_related_set (story, fixture->store, two, &error));
  g_clear_error (&error);

  byline_story_set_remote_id (other, 77);
  byline_story_set_headline (other, "Ferry timetable ends");
  two[0] = byline_story_get_uuid (other);
  two[1] = "no-such-story-any-more";
  byline_story_set_related (story, two);
  body = byline_related_export_body (fixture->store, story);
  g_assert_cmpstr (body, ==,
                   "<p>The council voted on Tuesday.</p>\n<ul class=\"byline-related\"><li><a "
                   "href=\"https://news.example/?p=77\">Ferry timetable ends</a></li></ul>");
  /* Only the export has the list: the stored body stays as written. */
  g_assert_cmpstr (byline_story_get_body (story), ==, "<p>The council voted on Tuesday.</p>");
}

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/workflow/roles/from-capabilities", test_roles_from_capabilities);
  ADD ("/workflow/roles/from-account", test_roles_from_account);
  ADD ("/workflow/submit/records-history", test_submit_records_history);
  ADD ("/workflow/send-back/requires-note", test_send_back_requires_note);
  ADD ("/workflow/writer/cannot-publish", test_writer_cannot_publish);
  ADD ("/workflow/writer/submits", test_writer_submits);
  ADD ("/workflow/editor/publishes-and-schedules", test_editor_publishes_and_schedules);
  ADD ("/workflow/schedule/refuses-past", test_schedule_refuses_past);
  ADD ("/workflow/schedule/site-timezone", test_site_timezone);
  ADD ("/workflow/unpublish", test_unpublish);
  ADD ("/workflow/update/appends-and-republishes", test_add_update);
  ADD ("/workflow/update/needs-published-and-text", test_add_update_needs_published);
  g_test_add_func ("/gate/clean", test_gate_clean);
  g_test_add_func ("/gate/story-rules", test_gate_story_rules);
  g_test_add_func ("/gate/image-rules", test_gate_image_rules);
  g_test_add_func ("/gate/expiry-relative-to-publish-date", test_gate_expiry_relative_to_publish_date);
  ADD ("/workflow/gate/blocks-uncredited-photo", test_gate_blocks_uncredited_photo);
  ADD ("/workflow/gate/blocks-conflict", test_gate_blocks_conflict);
  ADD ("/workflow/gate/override", test_gate_override);
  ADD ("/workflow/review-queue/oldest-first", test_review_queue);
  g_test_add_func ("/workflow/count-statuses", test_count_statuses);
  g_test_add_func ("/related/render", test_related_render);
  ADD ("/related/export-body", test_related_export_body);

  return g_test_run ();
}
