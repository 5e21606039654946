/* byline-workflow.h: submit, send back, publish, schedule, unpublish and
 * update a story, with the rules of who may do which and a history of each
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "byline-publish-gate.h"
#include "byline-store.h"

G_BEGIN_DECLS

#define BYLINE_WORKFLOW_ERROR (byline_workflow_error_quark ())

typedef enum
{
  /* The user's role on the site does not allow it */
  BYLINE_WORKFLOW_ERROR_FORBIDDEN,
  /* The publish gate found errors */
  BYLINE_WORKFLOW_ERROR_GATE_BLOCKED,
  /* The publish gate found warnings, and no override reason was given */
  BYLINE_WORKFLOW_ERROR_GATE_NEEDS_OVERRIDE,
  BYLINE_WORKFLOW_ERROR_NOTE_REQUIRED,
  /* Not possible from the story's current status */
  BYLINE_WORKFLOW_ERROR_WRONG_STATUS,
  BYLINE_WORKFLOW_ERROR_INVALID_DATE,
  BYLINE_WORKFLOW_ERROR_INVALID,
} BylineWorkflowError;

/* Roles follow the capabilities the site reported, never a local setting. */
typedef enum
{
  /* No account: the story lives on this computer, its user may do anything */
  BYLINE_WORKFLOW_ROLE_LOCAL,
  /* A contributor or author */
  BYLINE_WORKFLOW_ROLE_WRITER,
  /* An editor or administrator: publish_posts and edit_others_posts */
  BYLINE_WORKFLOW_ROLE_EDITOR,
} BylineWorkflowRole;

typedef enum
{
  BYLINE_WORKFLOW_SUBMIT,
  BYLINE_WORKFLOW_SEND_BACK,
  BYLINE_WORKFLOW_PUBLISH,
  BYLINE_WORKFLOW_SCHEDULE,
  BYLINE_WORKFLOW_UNPUBLISH,
  BYLINE_WORKFLOW_ADD_UPDATE,
} BylineWorkflowAction;

typedef struct
{
  char               *name;
  BylineWorkflowRole  role;
  /* Whether notes and history reach the site (its companion plugin) */
  gboolean            shares_notes;
} BylineWorkflowActor;

typedef struct
{
  char              *story_uuid;
  char              *actor;
  GDateTime         *at;
  BylineStoryStatus  from_status;
  BylineStoryStatus  to_status;
  char              *note;
  char              *override_reason;
  /* For a schedule, when the story goes live */
  GDateTime         *publish_at;
  gboolean           shared;
} BylineHistoryEntry;

typedef struct
{
  char      *story_uuid;
  char      *headline;
  char      *writer;
  GDateTime *waiting_since;
  guint      word_count;
} BylineReviewItem;

typedef struct
{
  guint all;
  guint drafts;
  guint pending;
  guint scheduled;
  guint published;
} BylineStatusCounts;

#define BYLINE_UPDATE_HEADLINE_PREFIX "[UPDATE] "

GQuark               byline_workflow_error_quark            (void);

BylineWorkflowActor *byline_workflow_actor_new              (const char          *name,
                                                             BylineWorkflowRole   role);
BylineWorkflowActor *byline_workflow_actor_for_story        (BylineStore         *store,
                                                             BylineStory         *story);
void                 byline_workflow_actor_free             (BylineWorkflowActor *actor);
BylineWorkflowRole   byline_workflow_role_from_capabilities (const char * const  *capabilities);
BylineWorkflowRole   byline_workflow_role_from_user_json    (const char          *user_json);

gboolean             byline_workflow_role_allows            (BylineWorkflowRole   role,
                                                             BylineWorkflowAction action);
gboolean             byline_workflow_status_allows          (BylineStoryStatus    status,
                                                             BylineWorkflowAction action);

GPtrArray           *byline_workflow_check_gate             (BylineStore         *store,
                                                             BylineStory         *story,
                                                             GDateTime           *publish_at,
                                                             GError             **error);
gboolean             byline_workflow_has_sync_conflict      (BylineStore         *store,
                                                             BylineStory         *story);

gboolean             byline_workflow_submit                 (BylineStore         *store,
                                                             BylineStory         *story,
                                                             const BylineWorkflowActor *actor,
                                                             const char          *note,
                                                             GError             **error);
gboolean             byline_workflow_send_back              (BylineStore         *store,
                                                             BylineStory         *story,
                                                             const BylineWorkflowActor *actor,
                                                             const char          *note,
                                                             GError             **error);
gboolean             byline_workflow_publish                (BylineStore         *store,
                                                             BylineStory         *story,
                                                             const BylineWorkflowActor *actor,
                                                             const char          *override_reason,
                                                             GError             **error);
gboolean             byline_workflow_schedule               (BylineStore         *store,
                                                             BylineStory         *story,
                                                             const BylineWorkflowActor *actor,
                                                             GDateTime           *publish_at,
                                                             const char          *override_reason,
                                                             GError             **error);
gboolean             byline_workflow_unpublish              (BylineStore         *store,
                                                             BylineStory         *story,
                                                             const BylineWorkflowActor *actor,
                                                             GError             **error);
gboolean             byline_workflow_add_update             (BylineStore         *store,
                                                             BylineStory         *story,
                                                             const BylineWorkflowActor *actor,
                                                             const char          *text,
                                                             gboolean             prefix_headline,
                                                             GDateTime           *posted_at,
                                                             GError             **error);
char                *byline_workflow_append_update_html     (const char          *body_html,
                                                             GDateTime           *posted_at,
                                                             const char          *text);

void                 byline_history_entry_free              (BylineHistoryEntry  *entry);
GPtrArray           *byline_workflow_list_history           (BylineStore         *store,
                                                             const char          *story_uuid,
                                                             GError             **error);
GDateTime           *byline_workflow_get_scheduled_date     (BylineStore         *store,
                                                             const char          *story_uuid);
GTimeZone           *byline_workflow_get_site_timezone      (BylineStore         *store,
                                                             const char          *account);

char                *byline_workflow_history_to_json        (GPtrArray           *entries);
GPtrArray           *byline_workflow_history_from_json      (const char          *story_uuid,
                                                             const char          *history_json);
gboolean             byline_workflow_merge_history          (BylineStore         *store,
                                                             const char          *story_uuid,
                                                             const char          *history_json,
                                                             GError             **error);
char                *byline_workflow_history_json_for_story (BylineStore         *store,
                                                             const char          *story_uuid);
GDateTime           *byline_workflow_get_published_date     (BylineStore         *store,
                                                             const char          *story_uuid);

gboolean             byline_workflow_take_back_refused      (BylineStore         *store,
                                                             BylineStory         *story);
void                 byline_workflow_forget_pending         (BylineStore         *store,
                                                             const char          *story_uuid);

void                 byline_review_item_free                (BylineReviewItem    *item);
GPtrArray           *byline_workflow_list_review_queue      (BylineStore         *store,
                                                             GError             **error);
void                 byline_workflow_count_statuses         (GListModel          *stories,
                                                             BylineStatusCounts  *counts);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BylineWorkflowActor, byline_workflow_actor_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (BylineHistoryEntry, byline_history_entry_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (BylineReviewItem, byline_review_item_free)

G_END_DECLS
