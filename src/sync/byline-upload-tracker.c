/* byline-upload-tracker.c
 *
 * An engine sends one upload at a time. The tracker says which, how far it
 * got, and lets the user cancel that upload alone: the run goes on with the
 * next one. Signals are emitted on the thread that runs the engine, the main
 * thread in the app, so a window can connect to them directly.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "byline-upload-tracker.h"

struct _BylineUploadTracker
{
  GObject       parent_instance;

  char         *story_uuid;
  char         *image_uuid;
  GCancellable *cancellable;
  GCancellable *run_cancellable;
  gulong        run_cancelled_id;
  double        last_fraction;
};

G_DEFINE_FINAL_TYPE (BylineUploadTracker, byline_upload_tracker, G_TYPE_OBJECT)

enum
{
  PROGRESS,
  FINISHED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Worth a redraw: a 50 MB file reports every few kilobytes. */
#define FRACTION_STEP 0.005

static void
forget_upload (BylineUploadTracker *self)
{
  if (self->run_cancellable != NULL)
    g_cancellable_disconnect (self->run_cancellable, self->run_cancelled_id);
  self->run_cancelled_id = 0;
  g_clear_object (&self->run_cancellable);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->story_uuid, g_free);
  g_clear_pointer (&self->image_uuid, g_free);
}

static void
byline_upload_tracker_dispose (GObject *object)
{
  forget_upload (BYLINE_UPLOAD_TRACKER (object));

  G_OBJECT_CLASS (byline_upload_tracker_parent_class)->dispose (object);
}

static void
byline_upload_tracker_class_init (BylineUploadTrackerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = byline_upload_tracker_dispose;

  /**
   * BylineUploadTracker::progress:
   * @story_uuid: the story of the image
   * @image_uuid: the image being uploaded
   * @fraction: how much of its file has been sent, from 0 to 1
   */
  signals[PROGRESS] = g_signal_new ("progress", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                    NULL, NULL, NULL, G_TYPE_NONE, 3,
                                    G_TYPE_STRING, G_TYPE_STRING, G_TYPE_DOUBLE);
  /**
   * BylineUploadTracker::finished:
   * @story_uuid: the story of the image
   * @image_uuid: the image whose upload ended, whether it got there, failed
   *   or was cancelled
   */
  signals[FINISHED] = g_signal_new ("finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                    NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);
}

static void
byline_upload_tracker_init (BylineUploadTracker *self)
{
}

BylineUploadTracker *
byline_upload_tracker_new (void)
{
  return g_object_new (BYLINE_TYPE_UPLOAD_TRACKER, NULL);
}

static void
on_run_cancelled (GCancellable *run_cancellable,
                  gpointer      upload_cancellable)
{
  g_cancellable_cancel (upload_cancellable);
}

/**
 * byline_upload_tracker_begin:
 * @run_cancellable: (nullable): cancels the whole run, and so this upload
 *
 * Returns: (transfer none): what cancels this upload, valid until
 *   byline_upload_tracker_end()
 */
GCancellable *
byline_upload_tracker_begin (BylineUploadTracker *self,
                             const char          *story_uuid,
                             const char          *image_uuid,
                             GCancellable        *run_cancellable)
{
  g_return_val_if_fail (BYLINE_IS_UPLOAD_TRACKER (self), NULL);
  g_return_val_if_fail (story_uuid != NULL && image_uuid != NULL, NULL);
  g_return_val_if_fail (self->image_uuid == NULL, NULL);

  self->story_uuid = g_strdup (story_uuid);
  self->image_uuid = g_strdup (image_uuid);
  self->cancellable = g_cancellable_new ();
  self->last_fraction = -1;
  if (run_cancellable != NULL)
    {
      self->run_cancellable = g_object_ref (run_cancellable);
      self->run_cancelled_id = g_cancellable_connect (run_cancellable, G_CALLBACK (on_run_cancelled),
                                                      self->cancellable, NULL);
    }
  g_signal_emit (self, signals[PROGRESS], 0, self->story_uuid, self->image_uuid, 0.0);
  return self->cancellable;
}

/**
 * byline_upload_tracker_report: (skip)
 * @tracker: a #BylineUploadTracker
 *
 * A #GFileProgressCallback for the upload under way.
 */
void
byline_upload_tracker_report (goffset  sent_bytes,
                              goffset  total_bytes,
                              gpointer tracker)
{
  BylineUploadTracker *self = tracker;
  double fraction;

  g_return_if_fail (BYLINE_IS_UPLOAD_TRACKER (self));

  if (self->image_uuid == NULL || total_bytes <= 0)
    return;
  fraction = CLAMP ((double) sent_bytes / (double) total_bytes, 0.0, 1.0);
  /* A retried request starts again from 0, which is shown too. */
  if (fraction < 1.0 && ABS (fraction - self->last_fraction) < FRACTION_STEP)
    return;
  self->last_fraction = fraction;
  g_signal_emit (self, signals[PROGRESS], 0, self->story_uuid, self->image_uuid, fraction);
}

void
byline_upload_tracker_end (BylineUploadTracker *self)
{
  g_autofree char *story_uuid = NULL;
  g_autofree char *image_uuid = NULL;

  g_return_if_fail (BYLINE_IS_UPLOAD_TRACKER (self));

  if (self->image_uuid == NULL)
    return;
  story_uuid = g_strdup (self->story_uuid);
  image_uuid = g_strdup (self->image_uuid);
  forget_upload (self);
  g_signal_emit (self, signals[FINISHED], 0, story_uuid, image_uuid);
}

/* Returns: (nullable): the image being uploaded, if any */
const char *
byline_upload_tracker_get_image_uuid (BylineUploadTracker *self)
{
  g_return_val_if_fail (BYLINE_IS_UPLOAD_TRACKER (self), NULL);

  return self->image_uuid;
}

/**
 * byline_upload_tracker_cancel:
 * @image_uuid: an image
 *
 * Cancels the upload of @image_uuid if it is the one under way.
 *
 * Returns: whether it was
 */
gboolean
byline_upload_tracker_cancel (BylineUploadTracker *self,
                              const char          *image_uuid)
{
  g_return_val_if_fail (BYLINE_IS_UPLOAD_TRACKER (self), FALSE);
  g_return_val_if_fail (image_uuid != NULL, FALSE);

  if (g_strcmp0 (self->image_uuid, image_uuid) != 0)
    return FALSE;
  g_cancellable_cancel (self->cancellable);
  return TRUE;
}

/* Whether the upload under way was cancelled on its own, not with its run. */
gboolean
byline_upload_tracker_cancelled_by_user (BylineUploadTracker *self)
{
  g_return_val_if_fail (BYLINE_IS_UPLOAD_TRACKER (self), FALSE);

  return g_cancellable_is_cancelled (self->cancellable) &&
         (self->run_cancellable == NULL || !g_cancellable_is_cancelled (self->run_cancellable));
}
