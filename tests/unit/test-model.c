/* test-model.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "model/byline-image.h"
#include "model/byline-story.h"
#include "model/byline-update.h"

static void
count_notify (GObject    *object,
              GParamSpec *pspec,
              guint      *count)
{
  (*count)++;
}

static void
test_story_new_has_uuid (void)
{
  g_autoptr (BylineStory) a = byline_story_new ();
  g_autoptr (BylineStory) b = byline_story_new ();

  g_assert_true (g_uuid_string_is_valid (byline_story_get_uuid (a)));
  g_assert_cmpstr (byline_story_get_uuid (a), !=, byline_story_get_uuid (b));
  g_assert_cmpint (byline_story_get_status (a), ==, BYLINE_STORY_STATUS_DRAFT);
  g_assert_false (byline_story_get_body_loaded (a));
}

static void
test_story_notifies_only_on_change (void)
{
  g_autoptr (BylineStory) story = byline_story_new ();
  const char *tags[] = { "council", NULL };
  guint count = 0;

  g_signal_connect (story, "notify", G_CALLBACK (count_notify), &count);
  byline_story_set_headline (story, "Bridge reopens");
  byline_story_set_headline (story, "Bridge reopens");
  byline_story_set_tags (story, tags);
  byline_story_set_tags (story, tags);
  byline_story_set_status (story, BYLINE_STORY_STATUS_PENDING);
  byline_story_set_status (story, BYLINE_STORY_STATUS_PENDING);

  g_assert_cmpuint (count, ==, 3);
}

static void
test_story_matches_folds_case_and_accents (void)
{
  g_autoptr (BylineStory) story = byline_story_new ();
  const char *tags[] = { "Night Market", NULL };
  g_autofree char *cafe = byline_story_fold_search_text ("CAFÉ");
  g_autofree char *decomposed = byline_story_fold_search_text ("cafe\xcc\x81");
  g_autofree char *market = byline_story_fold_search_text ("night mar");
  g_autofree char *okafor = byline_story_fold_search_text ("okaf");
  g_autofree char *missing = byline_story_fold_search_text ("ferry");

  byline_story_set_headline (story, "A new café opens on the quay");
  byline_story_set_byline (story, "Maya Okafor");
  byline_story_set_tags (story, tags);

  g_assert_true (byline_story_matches (story, cafe));
  g_assert_true (byline_story_matches (story, decomposed));
  g_assert_true (byline_story_matches (story, market));
  g_assert_true (byline_story_matches (story, okafor));
  g_assert_false (byline_story_matches (story, missing));
  g_assert_true (byline_story_matches (story, ""));
}

static void
test_story_search_key_follows_edits (void)
{
  g_autoptr (BylineStory) story = byline_story_new ();
  g_autofree char *needle = byline_story_fold_search_text ("ferry");

  byline_story_set_headline (story, "Bridge reopens");
  g_assert_false (byline_story_matches (story, needle));

  byline_story_set_headline (story, "Ferry timetable ends");
  g_assert_true (byline_story_matches (story, needle));
}

static void
test_story_copy_is_independent (void)
{
  g_autoptr (BylineStory) story = byline_story_new ();
  g_autoptr (BylineStory) copy = NULL;
  g_autoptr (GDateTime) when = g_date_time_new_utc (2026, 11, 25, 15, 10, 0);
  g_autoptr (BylineUpdate) update = byline_update_new (when, "Cars return on Wednesday.");
  const char *tags[] = { "transport", "bridge", NULL };

  byline_story_set_headline (story, "Bridge reopens");
  byline_story_set_body (story, "<p>Body</p>");
  byline_story_set_tags (story, tags);
  byline_story_add_update (story, update);

  copy = byline_story_copy (story);
  byline_story_set_headline (story, "Changed after the copy");

  g_assert_cmpstr (byline_story_get_uuid (copy), ==, byline_story_get_uuid (story));
  g_assert_cmpstr (byline_story_get_headline (copy), ==, "Bridge reopens");
  g_assert_cmpstr (byline_story_get_body (copy), ==, "<p>Body</p>");
  g_assert_true (byline_story_get_body_loaded (copy));
  g_assert_true (g_strv_equal (byline_story_get_tags (copy), tags));
  g_assert_cmpuint (g_list_model_get_n_items (byline_story_get_updates (copy)), ==, 1);
}

static void
test_story_touch_marks_dirty (void)
{
  g_autoptr (BylineStory) story = byline_story_new ();

  g_assert_null (byline_story_get_modified (story));
  byline_story_touch (story);
  g_assert_nonnull (byline_story_get_modified (story));
  g_assert_true (byline_story_get_dirty (story));
}

static void
test_status_strings_round_trip (void)
{
  for (BylineStoryStatus status = BYLINE_STORY_STATUS_DRAFT; status <= BYLINE_STORY_STATUS_PRIVATE; status++)
    {
      BylineStoryStatus parsed = BYLINE_STORY_STATUS_DRAFT;

      g_assert_true (byline_story_status_from_string (byline_story_status_to_string (status), &parsed));
      g_assert_cmpint (parsed, ==, status);
      g_assert_nonnull (byline_story_status_get_label (status));
    }

  {
    BylineStoryStatus untouched = BYLINE_STORY_STATUS_PRIVATE;
    g_assert_false (byline_story_status_from_string ("trash", &untouched));
    g_assert_false (byline_story_status_from_string (NULL, &untouched));
    g_assert_cmpint (untouched, ==, BYLINE_STORY_STATUS_PRIVATE);
  }
}

static void
test_permission_unknown_string_is_unknown (void)
{
  g_assert_cmpint (byline_permission_kind_from_string ("copyright-holder"), ==, BYLINE_PERMISSION_COPYRIGHT_HOLDER);
  g_assert_cmpint (byline_permission_kind_from_string ("made-up"), ==, BYLINE_PERMISSION_UNKNOWN);
  g_assert_cmpint (byline_permission_kind_from_string (NULL), ==, BYLINE_PERMISSION_UNKNOWN);
}

static void
test_image_credit_fields (void)
{
  g_autoptr (BylineImage) image = byline_image_new ("story-uuid");
  g_autoptr (GDateTime) expiry = g_date_time_new_utc (2027, 1, 31, 0, 0, 0);

  byline_image_set_credit_line (image, "Image used with permission by copyright holder");
  byline_image_set_copyright_holder (image, "Harbour Rowing Club");
  byline_image_set_permission_kind (image, BYLINE_PERMISSION_COPYRIGHT_HOLDER);
  byline_image_set_permission_expiry (image, expiry);

  g_assert_cmpstr (byline_image_get_story_uuid (image), ==, "story-uuid");
  g_assert_cmpstr (byline_image_get_credit_line (image), ==, "Image used with permission by copyright holder");
  g_assert_cmpstr (byline_image_get_copyright_holder (image), ==, "Harbour Rowing Club");
  g_assert_null (byline_image_get_alt_text (image));
  g_assert_cmpint (byline_image_get_permission_kind (image), ==, BYLINE_PERMISSION_COPYRIGHT_HOLDER);
  g_assert_true (g_date_time_equal (byline_image_get_permission_expiry (image), expiry));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/model/story/new-has-uuid", test_story_new_has_uuid);
  g_test_add_func ("/model/story/notifies-only-on-change", test_story_notifies_only_on_change);
  g_test_add_func ("/model/story/matches-folds-case-and-accents", test_story_matches_folds_case_and_accents);
  g_test_add_func ("/model/story/search-key-follows-edits", test_story_search_key_follows_edits);
  g_test_add_func ("/model/story/copy-is-independent", test_story_copy_is_independent);
  g_test_add_func ("/model/story/touch-marks-dirty", test_story_touch_marks_dirty);
  g_test_add_func ("/model/status/strings-round-trip", test_status_strings_round_trip);
  g_test_add_func ("/model/permission/unknown-string", test_permission_unknown_string_is_unknown);
  g_test_add_func ("/model/image/credit-fields", test_image_credit_fields);

  return g_test_run ();
}
