/* test-photo-metadata.c: credits in image files, credit lines, badges, thumbnails
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gexiv2/gexiv2.h>
#include <glib/gstdio.h>
#include <string.h>

#include "model/byline-image.h"
#include "photo/byline-photo-credit.h"
#include "photo/byline-photo-metadata.h"
#include "photo/byline-photo-private.h"
#include "photo/byline-photo-thumbnail.h"

#include "byline-test-support.h"

/* Images are made here, in the per-test directory that
 * G_TEST_OPTION_ISOLATE_DIRS provides. */
static char *
test_file_path (const char *name)
{
  g_autofree char *dir = g_build_filename (g_get_user_data_dir (), "photos", NULL);

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  return g_build_filename (dir, name, NULL);
}

static char *
make_jpeg (const char *name,
           int         width,
           int         height)
{
  g_autoptr (GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, width, height);
  g_autoptr (GError)    error = NULL;
  char                 *path = test_file_path (name);

  gdk_pixbuf_fill (pixbuf, 0x3366ccff);
  g_assert_true (gdk_pixbuf_save (pixbuf, path, "jpeg", &error, NULL));
  g_assert_no_error (error);
  return path;
}

static GExiv2Metadata *
open_tags (const char *path)
{
  g_autoptr (GError) error = NULL;
  GExiv2Metadata    *tags = gexiv2_metadata_new ();

  g_assert_true (gexiv2_metadata_open_path (tags, path, &error));
  g_assert_no_error (error);
  return tags;
}

static void
save_tags (GExiv2Metadata *tags,
           const char     *path)
{
  g_autoptr (GError) error = NULL;

  g_assert_true (gexiv2_metadata_save_file (tags, path, &error));
  g_assert_no_error (error);
}

/* Sets tag/value pairs, up to a NULL tag, in the file at @path. */
static void
tag_file (const char *path,
          ...)
{
  g_autoptr (GExiv2Metadata) tags = open_tags (path);
  va_list                    args;

  va_start (args, path);
  for (const char *tag = va_arg (args, const char *); tag != NULL; tag = va_arg (args, const char *))
    {
      g_autoptr (GError) error = NULL;

      gexiv2_metadata_try_set_tag_string (tags, tag, va_arg (args, const char *), &error);
      g_assert_no_error (error);
    }
  va_end (args);
  save_tags (tags, path);
}

static char *
read_tag (const char *path,
          const char *tag)
{
  g_autoptr (GExiv2Metadata) tags = open_tags (path);

  return gexiv2_metadata_try_get_tag_string (tags, tag, NULL);
}

static void
assert_tag (const char *path,
            const char *tag,
            const char *expected)
{
  g_autofree char *value = read_tag (path, tag);

  g_assert_cmpstr (value, ==, expected);
}

static BylinePhotoMetadata *
read_metadata (const char *path,
               GError    **error)
{
  g_autoptr (GAsyncResult) result = NULL;

  byline_photo_metadata_read_async (path, NULL, byline_test_store_result, &result);
  return byline_photo_metadata_read_finish (byline_test_wait_for_result (&result), error);
}

static BylinePhotoMetadata *
read_ok (const char *path)
{
  g_autoptr (GError)   error = NULL;
  BylinePhotoMetadata *metadata = read_metadata (path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (metadata);
  return metadata;
}

static void
assert_field (BylinePhotoMetadata *metadata,
              BylinePhotoField     field,
              const char          *value,
              const char          *origin)
{
  g_assert_cmpstr (byline_photo_metadata_get_value (metadata, field), ==, value);
  g_assert_cmpstr (byline_photo_metadata_get_origin (metadata, field), ==, origin);
}

static void
tag_all_xmp (const char *path)
{
  g_autoptr (GExiv2Metadata) tags = open_tags (path);
  const char                *creators[] = { "Ana Lima", "Ben Okafor", NULL };

  g_assert_true (gexiv2_metadata_try_set_tag_string (tags, "Xmp.photoshop.Credit", "Harbour Press", NULL));
  g_assert_true (gexiv2_metadata_try_set_tag_multiple (tags, "Xmp.dc.creator", creators, NULL));
  g_assert_true (gexiv2_metadata_try_set_tag_string (tags, "Xmp.dc.rights", "© 2024 Harbour Press", NULL));
  g_assert_true (gexiv2_metadata_try_set_tag_string (tags, "Xmp.photoshop.Source", "Harbour Wire", NULL));
  g_assert_true (gexiv2_metadata_try_set_tag_string (tags, "Xmp.photoshop.AuthorsPosition", "Staff photographer", NULL));
  g_assert_true (gexiv2_metadata_try_set_tag_string (tags, "Xmp.xmpRights.UsageTerms", "Editorial use only", NULL));
  g_assert_true (gexiv2_metadata_try_set_tag_string (tags, "Xmp.xmpRights.WebStatement", "https://harbour.example/rights", NULL));
  g_assert_true (gexiv2_metadata_try_set_tag_string (tags, "Xmp.dc.description", "Boats at dawn", NULL));
  g_assert_true (gexiv2_metadata_try_set_xmp_tag_struct (tags, "Xmp.plus.Licensor", GEXIV2_STRUCTURE_XA_SEQ, NULL));
  g_assert_true (gexiv2_metadata_try_set_tag_string (tags, "Xmp.plus.Licensor[1]/plus:LicensorName", "Harbour Licensing", NULL));
  g_assert_true (gexiv2_metadata_try_set_tag_string (tags, "Xmp.plus.Licensor[1]/plus:LicensorURL", "https://licensing.example", NULL));
  save_tags (tags, path);
}

static void
test_read_xmp (void)
{
  g_autofree char                *path = make_jpeg ("xmp.jpg", 32, 24);
  g_autoptr (BylinePhotoMetadata) metadata = NULL;

  tag_all_xmp (path);
  metadata = read_ok (path);

  assert_field (metadata, BYLINE_PHOTO_FIELD_CREDIT_LINE, "Harbour Press", "Xmp.photoshop.Credit");
  assert_field (metadata, BYLINE_PHOTO_FIELD_CREATOR, "Ana Lima, Ben Okafor", "Xmp.dc.creator");
  assert_field (metadata, BYLINE_PHOTO_FIELD_COPYRIGHT_NOTICE, "© 2024 Harbour Press", "Xmp.dc.rights");
  assert_field (metadata, BYLINE_PHOTO_FIELD_SOURCE, "Harbour Wire", "Xmp.photoshop.Source");
  assert_field (metadata, BYLINE_PHOTO_FIELD_USAGE_TERMS, "Editorial use only", "Xmp.xmpRights.UsageTerms");
  assert_field (metadata, BYLINE_PHOTO_FIELD_WEB_STATEMENT, "https://harbour.example/rights", "Xmp.xmpRights.WebStatement");
  assert_field (metadata, BYLINE_PHOTO_FIELD_CAPTION, "Boats at dawn", "Xmp.dc.description");
  assert_field (metadata, BYLINE_PHOTO_FIELD_LICENSOR_NAME, "Harbour Licensing", "Xmp.plus.Licensor[1]/plus:LicensorName");
  assert_field (metadata, BYLINE_PHOTO_FIELD_LICENSOR_URL, "https://licensing.example", "Xmp.plus.Licensor[1]/plus:LicensorURL");
  assert_field (metadata, BYLINE_PHOTO_FIELD_CREATOR_TITLE, "Staff photographer", "Xmp.photoshop.AuthorsPosition");
}

static void
test_read_several_creators (void)
{
  g_autofree char                *path = make_jpeg ("creators.jpg", 32, 24);
  g_autoptr (GExiv2Metadata)      tags = open_tags (path);
  g_autoptr (BylinePhotoMetadata) metadata = NULL;
  const char                     *creators[] = { "Lima, Ana", "Okafor, Ben", NULL };
  const char                     *bylines[] = { "Ana Lima", "Ben Okafor", NULL };

  g_assert_true (gexiv2_metadata_try_set_tag_multiple (tags, "Xmp.dc.creator", creators, NULL));
  g_assert_true (gexiv2_metadata_try_set_tag_multiple (tags, "Iptc.Application2.Byline", bylines, NULL));
  save_tags (tags, path);
  metadata = read_ok (path);
  assert_field (metadata, BYLINE_PHOTO_FIELD_CREATOR, "Lima, Ana; Okafor, Ben", "Xmp.dc.creator");

  g_clear_object (&metadata);
  g_assert_true (gexiv2_metadata_try_clear_tag (tags, "Xmp.dc.creator", NULL));
  save_tags (tags, path);
  metadata = read_ok (path);
  assert_field (metadata, BYLINE_PHOTO_FIELD_CREATOR, "Ana Lima, Ben Okafor", "Iptc.Application2.Byline");
}

static void
test_read_iim_only (void)
{
  g_autofree char                *path = make_jpeg ("iim.jpg", 32, 24);
  g_autoptr (BylinePhotoMetadata) metadata = NULL;

  tag_file (path,
            "Iptc.Envelope.CharacterSet", "\033%G",
            "Iptc.Application2.Credit", "Agência Norte",
            "Iptc.Application2.Byline", "José Peña",
            "Iptc.Application2.BylineTitle", "Fotógrafo",
            "Iptc.Application2.Copyright", "Copyright 2023 Agência Norte",
            "Iptc.Application2.Source", "Norte Wire",
            "Iptc.Application2.Caption", "Ferry leaves Porto",
            NULL);
  metadata = read_ok (path);

  assert_field (metadata, BYLINE_PHOTO_FIELD_CREDIT_LINE, "Agência Norte", "Iptc.Application2.Credit");
  assert_field (metadata, BYLINE_PHOTO_FIELD_CREATOR, "José Peña", "Iptc.Application2.Byline");
  assert_field (metadata, BYLINE_PHOTO_FIELD_CREATOR_TITLE, "Fotógrafo", "Iptc.Application2.BylineTitle");
  assert_field (metadata, BYLINE_PHOTO_FIELD_COPYRIGHT_NOTICE, "Copyright 2023 Agência Norte", "Iptc.Application2.Copyright");
  assert_field (metadata, BYLINE_PHOTO_FIELD_SOURCE, "Norte Wire", "Iptc.Application2.Source");
  assert_field (metadata, BYLINE_PHOTO_FIELD_CAPTION, "Ferry leaves Porto", "Iptc.Application2.Caption");
  assert_field (metadata, BYLINE_PHOTO_FIELD_USAGE_TERMS, NULL, NULL);
}

static void
test_read_exif_only (void)
{
  g_autofree char                *path = make_jpeg ("exif.jpg", 32, 24);
  g_autoptr (BylinePhotoMetadata) metadata = NULL;

  tag_file (path,
            "Exif.Image.Artist", "Kai Berg",
            "Exif.Image.Copyright", "(c) Kai Berg",
            NULL);
  metadata = read_ok (path);

  assert_field (metadata, BYLINE_PHOTO_FIELD_CREATOR, "Kai Berg", "Exif.Image.Artist");
  assert_field (metadata, BYLINE_PHOTO_FIELD_COPYRIGHT_NOTICE, "(c) Kai Berg", "Exif.Image.Copyright");
  assert_field (metadata, BYLINE_PHOTO_FIELD_CREDIT_LINE, NULL, NULL);
}

static void
test_read_precedence (void)
{
  g_autofree char                *path = make_jpeg ("precedence.jpg", 32, 24);
  g_autoptr (BylinePhotoMetadata) metadata = NULL;

  tag_file (path,
            "Exif.Image.Artist", "From EXIF",
            "Exif.Image.Copyright", "EXIF notice",
            "Iptc.Application2.Byline", "From IIM",
            "Iptc.Application2.Copyright", "IIM notice",
            "Iptc.Application2.Credit", "IIM credit",
            "Xmp.dc.rights", "XMP notice",
            NULL);
  metadata = read_ok (path);

  assert_field (metadata, BYLINE_PHOTO_FIELD_CREATOR, "From IIM", "Iptc.Application2.Byline");
  assert_field (metadata, BYLINE_PHOTO_FIELD_COPYRIGHT_NOTICE, "XMP notice", "Xmp.dc.rights");
  assert_field (metadata, BYLINE_PHOTO_FIELD_CREDIT_LINE, "IIM credit", "Iptc.Application2.Credit");
}

static void
test_read_lang_alt (void)
{
  g_autofree char                *path = make_jpeg ("lang-alt.jpg", 32, 24);
  g_autoptr (BylinePhotoMetadata) metadata = NULL;

  tag_file (path,
            "Xmp.dc.description", "lang=\"de\" Boote, im Hafen",
            "Xmp.dc.description", "lang=\"zh-Hans\" 港口的船",
            "Xmp.dc.description", "lang=\"x-default\" Boats, in the harbour",
            "Xmp.xmpRights.UsageTerms", "lang=\"fr\" Usage éditorial, seulement",
            NULL);
  metadata = read_ok (path);

  assert_field (metadata, BYLINE_PHOTO_FIELD_CAPTION, "Boats, in the harbour", "Xmp.dc.description");
  /* Without an x-default alternative, the one there is will do. */
  assert_field (metadata, BYLINE_PHOTO_FIELD_USAGE_TERMS, "Usage éditorial, seulement", "Xmp.xmpRights.UsageTerms");
}

static void
test_read_legacy_and_control_characters (void)
{
  g_autofree char                *path = make_jpeg ("legacy.jpg", 32, 24);
  g_autoptr (BylinePhotoMetadata) metadata = NULL;

  /* Windows-1252 bytes, and no 1:90 to say so. */
  tag_file (path,
            "Iptc.Application2.Byline", "Jos\xe9 Pe\xf1"
                                        "a",
            "Iptc.Application2.Caption", "Line one\r\nLine\ttwo\x07",
            "Iptc.Application2.Credit", "Bell\x07"
                                        " and\x1b"
                                        " escape",
            NULL);
  metadata = read_ok (path);

  assert_field (metadata, BYLINE_PHOTO_FIELD_CREATOR, "José Peña", "Iptc.Application2.Byline");
  assert_field (metadata, BYLINE_PHOTO_FIELD_CAPTION, "Line one\nLine two", "Iptc.Application2.Caption");
  assert_field (metadata, BYLINE_PHOTO_FIELD_CREDIT_LINE, "Bell and escape", "Iptc.Application2.Credit");
}

static void
assert_read_fails (const char *path,
                   int         code)
{
  g_autoptr (GError)              error = NULL;
  g_autoptr (BylinePhotoMetadata) metadata = read_metadata (path, &error);

  g_assert_null (metadata);
  g_assert_error (error, BYLINE_PHOTO_ERROR, code);
  g_assert_nonnull (strstr (error->message, "“"));
}

static void
test_read_bad_files (void)
{
  /* A JPEG start and an APP1 segment cut short. */
  static const char               damaged_jpeg[] = "\xff\xd8\xff\xe1\x00\x10"
                                                   "Exif\0\0garbage";
  g_autofree char                *garbage = test_file_path ("garbage.jpg");
  g_autofree char                *text = test_file_path ("notes.txt");
  g_autofree char                *missing = test_file_path ("missing.jpg");
  g_autofree char                *directory = g_path_get_dirname (missing);
  g_autoptr (BylinePhotoMetadata) damaged = NULL;
  g_autoptr (GError)              damaged_error = NULL;

  g_assert_true (g_file_set_contents (garbage, damaged_jpeg, sizeof damaged_jpeg - 1, NULL));
  g_assert_true (g_file_set_contents (text, "Just some notes, not a photo.\n", -1, NULL));

  assert_read_fails (text, BYLINE_PHOTO_ERROR_INVALID_IMAGE);
  assert_read_fails (missing, BYLINE_PHOTO_ERROR_NOT_FOUND);
  assert_read_fails (directory, BYLINE_PHOTO_ERROR_NOT_FOUND);

  /* A damaged JPEG may fail or yield no credits, but never crashes. */
  damaged = read_metadata (garbage, &damaged_error);
  g_assert_true ((damaged == NULL) != (damaged_error == NULL));
}

static void
test_apply_keeps_user_fields (void)
{
  g_autofree char                *path = make_jpeg ("apply.jpg", 32, 24);
  g_autoptr (BylinePhotoMetadata) metadata = NULL;
  g_autoptr (BylineImage)         image = byline_image_new ("story");

  tag_all_xmp (path);
  metadata = read_ok (path);
  byline_image_set_caption (image, "The user's caption");
  byline_image_set_creator (image, "");

  byline_photo_metadata_apply (metadata, image);

  g_assert_cmpstr (byline_image_get_caption (image), ==, "The user's caption");
  g_assert_cmpstr (byline_image_get_creator (image), ==, "Ana Lima, Ben Okafor");
  g_assert_cmpstr (byline_image_get_credit_line (image), ==, "Harbour Press");
  g_assert_cmpstr (byline_image_get_copyright_holder (image), ==, "Harbour Press");
  g_assert_cmpstr (byline_image_get_source (image), ==, "Harbour Wire");
  g_assert_cmpstr (byline_image_get_source_url (image), ==, "https://licensing.example");
  g_assert_cmpstr (byline_image_get_usage_terms (image), ==, "Editorial use only");
  g_assert_cmpstr (byline_image_get_permission_proof (image), ==, "https://harbour.example/rights");
}

static void
test_apply_copyright_holder (void)
{
  const struct
  {
    const char *notice;
    const char *holder;
  } cases[] = {
    { "© 2024 Jane Doe", "Jane Doe" },
    { "Copyright (c) 2019–2024 Agency Ltd. All rights reserved.", "Agency Ltd" },
    { "Copr. 2020 Coprolite Studios", "Coprolite Studios" },
    { "Jane Doe", "Jane Doe" },
    { "© 2024", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char                *path = make_jpeg ("holder.jpg", 8, 8);
      g_autoptr (BylinePhotoMetadata) metadata = NULL;
      g_autoptr (BylineImage)         image = byline_image_new ("story");

      tag_file (path, "Xmp.dc.rights", cases[i].notice, NULL);
      metadata = read_ok (path);
      byline_photo_metadata_apply (metadata, image);
      g_assert_cmpstr (byline_image_get_copyright_holder (image), ==, cases[i].holder);
    }
}

static GBytes *
file_bytes (const char *path)
{
  g_autoptr (GMappedFile) mapped = g_mapped_file_new (path, FALSE, NULL);

  g_assert_nonnull (mapped);
  return g_mapped_file_get_bytes (mapped);
}

static gboolean
write_copy (BylinePhotoMetadata *metadata,
            const char          *original,
            const char          *copy,
            char              ***truncated_tags,
            GError             **error)
{
  g_autoptr (GAsyncResult) result = NULL;

  byline_photo_metadata_write_copy_async (metadata, original, copy, NULL, byline_test_store_result, &result);
  return byline_photo_metadata_write_copy_finish (metadata, byline_test_wait_for_result (&result), truncated_tags, error);
}

static BylineImage *
make_credited_image (void)
{
  BylineImage *image = byline_image_new ("story");

  byline_image_set_caption (image, "Łódź tram depot at night");
  byline_image_set_credit_line (image, "Photo: Zoë Ødegård/Staff");
  byline_image_set_creator (image, "Zoë Ødegård");
  byline_image_set_creator_title (image, "Chief photographer");
  byline_image_set_copyright_holder (image, "Byline Gazette");
  byline_image_set_source (image, "Gazette archive");
  byline_image_set_usage_terms (image, "Staff photo, all uses");
  return image;
}

static void
test_write_round_trip (void)
{
  g_autofree char                *original = make_jpeg ("original.jpg", 32, 24);
  g_autofree char                *copy = test_file_path ("upload.jpg");
  g_autoptr (BylineImage)         image = make_credited_image ();
  g_autoptr (BylinePhotoMetadata) metadata = byline_photo_metadata_new_from_image (image);
  g_autoptr (BylinePhotoMetadata) read_back = NULL;
  g_autoptr (GBytes)              before = NULL;
  g_autoptr (GBytes)              after = NULL;
  g_autoptr (GError)              error = NULL;
  g_auto (GStrv) truncated = NULL;

  tag_file (original, "Exif.Image.Artist", "Stale Name", NULL);
  before = file_bytes (original);
  g_assert_true (write_copy (metadata, original, copy, &truncated, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (truncated), ==, 0);

  after = file_bytes (original);
  g_assert_true (g_bytes_equal (before, after));

  read_back = read_ok (copy);
  assert_field (read_back, BYLINE_PHOTO_FIELD_CAPTION, "Łódź tram depot at night", "Xmp.dc.description");
  assert_field (read_back, BYLINE_PHOTO_FIELD_CREDIT_LINE, "Photo: Zoë Ødegård/Staff", "Xmp.photoshop.Credit");
  assert_field (read_back, BYLINE_PHOTO_FIELD_CREATOR, "Zoë Ødegård", "Xmp.dc.creator");
  assert_field (read_back, BYLINE_PHOTO_FIELD_COPYRIGHT_NOTICE, "© Byline Gazette", "Xmp.dc.rights");
  assert_field (read_back, BYLINE_PHOTO_FIELD_SOURCE, "Gazette archive", "Xmp.photoshop.Source");
  assert_field (read_back, BYLINE_PHOTO_FIELD_USAGE_TERMS, "Staff photo, all uses", "Xmp.xmpRights.UsageTerms");
  assert_field (read_back, BYLINE_PHOTO_FIELD_CREATOR_TITLE, "Chief photographer", "Xmp.photoshop.AuthorsPosition");

  /* What WordPress reads: IIM 2:110, 2:116 and 2:120, declared UTF-8. */
  assert_tag (copy, "Iptc.Application2.Credit", "Photo: Zoë Ødegård/Staff");
  assert_tag (copy, "Iptc.Application2.Copyright", "© Byline Gazette");
  assert_tag (copy, "Iptc.Application2.Caption", "Łódź tram depot at night");
  assert_tag (copy, "Iptc.Application2.Byline", "Zoë Ødegård");
  assert_tag (copy, "Iptc.Application2.BylineTitle", "Chief photographer");
  assert_tag (copy, "Iptc.Envelope.CharacterSet", "\033%G");
  assert_tag (copy, "Exif.Image.Artist", NULL);
}

static void
test_write_truncates_iim (void)
{
  g_autofree char                *original = make_jpeg ("long.jpg", 32, 24);
  g_autofree char                *copy = test_file_path ("long-upload.jpg");
  g_autoptr (BylineImage)         image = byline_image_new ("story");
  g_autoptr (BylinePhotoMetadata) metadata = NULL;
  g_autoptr (GError)              error = NULL;
  g_auto (GStrv) truncated = NULL;
  /* 31 ASCII bytes and then "é" across bytes 32 and 33. */
  const char *credit = "Photo: Ana Lima/Harbour Agency é and more";

  byline_image_set_credit_line (image, credit);
  byline_image_set_source (image, "Short");
  byline_image_set_creator_title (image, "Senior staff photographer, north bureau");
  metadata = byline_photo_metadata_new_from_image (image);
  g_assert_true (write_copy (metadata, original, copy, &truncated, &error));
  g_assert_no_error (error);

  g_assert_cmpuint (g_strv_length (truncated), ==, 2);
  g_assert_true (g_strv_contains ((const char * const *) truncated, "Iptc.Application2.Credit"));
  g_assert_true (g_strv_contains ((const char * const *) truncated, "Iptc.Application2.BylineTitle"));
  assert_tag (copy, "Iptc.Application2.BylineTitle", "Senior staff photographer, north");
  assert_tag (copy, "Xmp.photoshop.AuthorsPosition", "Senior staff photographer, north bureau");
  assert_tag (copy, "Iptc.Application2.Credit", "Photo: Ana Lima/Harbour Agency ");
  assert_tag (copy, "Xmp.photoshop.Credit", credit);
}

static void
test_utf8_prefix_length (void)
{
  /* "é" is two bytes, "€" three, "𝄞" four. */
  g_assert_cmpuint (byline_photo_utf8_prefix_length ("abc", 32), ==, 3);
  g_assert_cmpuint (byline_photo_utf8_prefix_length ("abcdef", 3), ==, 3);
  g_assert_cmpuint (byline_photo_utf8_prefix_length ("aé", 2), ==, 1);
  g_assert_cmpuint (byline_photo_utf8_prefix_length ("aé", 3), ==, 3);
  g_assert_cmpuint (byline_photo_utf8_prefix_length ("a€b", 3), ==, 1);
  g_assert_cmpuint (byline_photo_utf8_prefix_length ("a€b", 4), ==, 4);
  g_assert_cmpuint (byline_photo_utf8_prefix_length ("𝄞𝄞", 7), ==, 4);
  g_assert_cmpuint (byline_photo_utf8_prefix_length ("𝄞", 3), ==, 0);
}

static void
test_write_bad_original (void)
{
  g_autofree char                *missing = test_file_path ("gone.jpg");
  g_autofree char                *text = test_file_path ("notes.txt");
  g_autofree char                *copy = test_file_path ("copy.jpg");
  g_autoptr (BylineImage)         image = make_credited_image ();
  g_autoptr (BylinePhotoMetadata) metadata = byline_photo_metadata_new_from_image (image);
  g_autoptr (GError)              missing_error = NULL;
  g_autoptr (GError)              text_error = NULL;

  g_assert_false (write_copy (metadata, missing, copy, NULL, &missing_error));
  g_assert_error (missing_error, BYLINE_PHOTO_ERROR, BYLINE_PHOTO_ERROR_NOT_FOUND);

  g_assert_true (g_file_set_contents (text, "not an image", -1, NULL));
  g_assert_false (write_copy (metadata, text, copy, NULL, &text_error));
  g_assert_error (text_error, BYLINE_PHOTO_ERROR, BYLINE_PHOTO_ERROR_WRITE_FAILED);
  g_assert_false (g_file_test (copy, G_FILE_TEST_EXISTS));
}

static char *
credit_for (BylinePermissionKind kind,
            const char          *creator,
            const char          *source,
            const char          *usage_terms)
{
  g_autoptr (BylineImage) image = byline_image_new ("story");

  byline_image_set_permission_kind (image, kind);
  byline_image_set_creator (image, creator);
  byline_image_set_source (image, source);
  byline_image_set_usage_terms (image, usage_terms);
  return byline_photo_generate_credit_line (image);
}

#define assert_credit(expected, ...) \
  G_STMT_START \
  { \
    g_autofree char *credit_ = credit_for (__VA_ARGS__); \
    g_assert_cmpstr (credit_, ==, expected); \
  } \
  G_STMT_END

static void
test_credit_line (void)
{
  assert_credit ("Photo: Ana Lima/Staff", BYLINE_PERMISSION_STAFF, "Ana Lima", NULL, NULL);
  assert_credit ("Staff photo", BYLINE_PERMISSION_STAFF, NULL, NULL, NULL);
  assert_credit ("Photo: Ana Lima/Harbour Wire", BYLINE_PERMISSION_WIRE_SERVICE, "Ana Lima", "Harbour Wire", NULL);
  assert_credit ("Photo: Harbour Wire", BYLINE_PERMISSION_WIRE_SERVICE, "", "Harbour Wire", NULL);
  assert_credit ("Handout photo from City Council", BYLINE_PERMISSION_HANDOUT, NULL, "City Council", NULL);
  assert_credit ("Handout photo", BYLINE_PERMISSION_HANDOUT, NULL, NULL, NULL);
  assert_credit ("Image used with permission by copyright holder, via @harbourwatcher on Mastodon",
                 BYLINE_PERMISSION_COPYRIGHT_HOLDER, "Kim", "@harbourwatcher on Mastodon", NULL);
  assert_credit ("Image used with permission by copyright holder", BYLINE_PERMISSION_COPYRIGHT_HOLDER, NULL, NULL, NULL);
  assert_credit ("Photo: Ana Lima, CC BY-SA 4.0", BYLINE_PERMISSION_CREATIVE_COMMONS, "Ana Lima", NULL, "Licensed under CC BY-SA 4.0");
  assert_credit ("Photo: Ana Lima, CC BY 2.0", BYLINE_PERMISSION_CREATIVE_COMMONS, "Ana Lima", NULL,
                 "https://creativecommons.org/licenses/by/2.0/");
  assert_credit ("Photo: Ana Lima, CC0 1.0", BYLINE_PERMISSION_CREATIVE_COMMONS, "Ana Lima", NULL,
                 "https://creativecommons.org/publicdomain/zero/1.0/");
  assert_credit ("Photo: Ana Lima, Creative Commons", BYLINE_PERMISSION_CREATIVE_COMMONS, "Ana Lima", NULL, NULL);
  assert_credit ("Photo: Ana Lima, public domain", BYLINE_PERMISSION_PUBLIC_DOMAIN, "Ana Lima", NULL, NULL);
  assert_credit ("Public domain photo", BYLINE_PERMISSION_PUBLIC_DOMAIN, NULL, NULL, NULL);
  assert_credit ("Screenshot: City Council livestream", BYLINE_PERMISSION_NEWS_SCREENSHOT, NULL, "City Council livestream", NULL);
  assert_credit ("Screenshot", BYLINE_PERMISSION_NEWS_SCREENSHOT, NULL, NULL, NULL);
  assert_credit ("Photo: Ana Lima", BYLINE_PERMISSION_UNKNOWN, "Ana Lima", NULL, NULL);
  assert_credit (NULL, BYLINE_PERMISSION_UNKNOWN, NULL, "Somewhere", NULL);
}

static BylinePermissionBadge
badge_at (BylineImage *image,
          GDateTime   *expiry,
          GTimeSpan    before_expiry)
{
  g_autoptr (GDateTime) now = g_date_time_add (expiry, -before_expiry);

  byline_image_set_permission_expiry (image, expiry);
  return byline_photo_get_permission_badge (image, now);
}

static void
test_permission_badge (void)
{
  g_autoptr (BylineImage) image = byline_image_new ("story");
  g_autoptr (GDateTime)   expiry = g_date_time_new_utc (2025, 3, 1, 0, 0, 0);
  GTimeSpan               warning = BYLINE_PERMISSION_EXPIRY_WARNING_DAYS * G_TIME_SPAN_DAY;

  g_assert_cmpint (byline_photo_get_permission_badge (image, expiry), ==, BYLINE_PERMISSION_BADGE_MISSING);

  byline_image_set_permission_kind (image, BYLINE_PERMISSION_COPYRIGHT_HOLDER);
  g_assert_cmpint (byline_photo_get_permission_badge (image, expiry), ==, BYLINE_PERMISSION_BADGE_MISSING);
  byline_image_set_permission_proof (image, "Email from the photographer, 12 Feb");
  g_assert_cmpint (byline_photo_get_permission_badge (image, expiry), ==, BYLINE_PERMISSION_BADGE_OK);

  g_assert_cmpint (badge_at (image, expiry, warning + G_TIME_SPAN_SECOND), ==, BYLINE_PERMISSION_BADGE_OK);
  g_assert_cmpint (badge_at (image, expiry, warning), ==, BYLINE_PERMISSION_BADGE_EXPIRING_SOON);
  g_assert_cmpint (badge_at (image, expiry, G_TIME_SPAN_SECOND), ==, BYLINE_PERMISSION_BADGE_EXPIRING_SOON);
  g_assert_cmpint (badge_at (image, expiry, 0), ==, BYLINE_PERMISSION_BADGE_EXPIRED);
  g_assert_cmpint (badge_at (image, expiry, -G_TIME_SPAN_DAY), ==, BYLINE_PERMISSION_BADGE_EXPIRED);

  byline_image_set_permission_kind (image, BYLINE_PERMISSION_CREATIVE_COMMONS);
  g_assert_cmpint (byline_photo_get_permission_badge (image, expiry), ==, BYLINE_PERMISSION_BADGE_MISSING);

  g_assert_cmpstr (byline_permission_badge_to_string (BYLINE_PERMISSION_BADGE_EXPIRING_SOON), ==, "expiring-soon");
  g_assert_nonnull (byline_permission_badge_get_label (BYLINE_PERMISSION_BADGE_EXPIRED));
}

static GdkPixbuf *
load_thumbnail (const char *path,
                GError    **error)
{
  g_autoptr (GAsyncResult) result = NULL;

  byline_photo_thumbnail_load_async (path, BYLINE_PHOTO_THUMBNAIL_SIZE, NULL, byline_test_store_result, &result);
  return byline_photo_thumbnail_load_finish (byline_test_wait_for_result (&result), error);
}

static GdkPixbuf *
load_thumbnail_ok (const char *path)
{
  g_autoptr (GError) error = NULL;
  GdkPixbuf         *thumbnail = load_thumbnail (path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (thumbnail);
  return thumbnail;
}

static GPtrArray *
list_cache (void)
{
  g_autofree char *dir = g_build_filename (g_get_user_cache_dir (), "byline", "thumbnails", NULL);
  g_autoptr (GDir) listing = g_dir_open (dir, 0, NULL);
  GPtrArray       *paths = g_ptr_array_new_with_free_func (g_free);
  const char      *name = NULL;

  while (listing != NULL && (name = g_dir_read_name (listing)) != NULL)
    g_ptr_array_add (paths, g_build_filename (dir, name, NULL));
  return paths;
}

static void
touch_later (const char *path)
{
  g_autoptr (GFile)  file = g_file_new_for_path (path);
  g_autoptr (GError) error = NULL;

  g_assert_true (g_file_set_attribute_uint64 (file, G_FILE_ATTRIBUTE_TIME_MODIFIED, 2000000000,
                                              G_FILE_QUERY_INFO_NONE, NULL, &error));
  g_assert_no_error (error);
}

static void
test_thumbnail_cache (void)
{
  g_autofree char      *path = make_jpeg ("big.jpg", 1200, 800);
  g_autoptr (GdkPixbuf) first = load_thumbnail_ok (path);
  g_autoptr (GdkPixbuf) marker = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, 3, 2);
  g_autoptr (GdkPixbuf) second = NULL;
  g_autoptr (GdkPixbuf) third = NULL;
  g_autoptr (GPtrArray) cached = list_cache ();

  g_assert_cmpint (gdk_pixbuf_get_width (first), ==, BYLINE_PHOTO_THUMBNAIL_SIZE);
  g_assert_cmpint (gdk_pixbuf_get_height (first), ==, 171);
  g_assert_cmpuint (cached->len, ==, 1);

  /* A hit is whatever the cache holds, so mark the entry. */
  g_assert_true (gdk_pixbuf_save (marker, g_ptr_array_index (cached, 0), "png", NULL, NULL));
  second = load_thumbnail_ok (path);
  g_assert_cmpint (gdk_pixbuf_get_width (second), ==, 3);

  /* A changed file misses, and gets its own entry. */
  touch_later (path);
  third = load_thumbnail_ok (path);
  g_assert_cmpint (gdk_pixbuf_get_width (third), ==, BYLINE_PHOTO_THUMBNAIL_SIZE);
  g_clear_pointer (&cached, g_ptr_array_unref);
  cached = list_cache ();
  g_assert_cmpuint (cached->len, ==, 2);
}

static void
test_thumbnail_orientation (void)
{
  g_autofree char           *path = make_jpeg ("rotated.jpg", 64, 48);
  g_autoptr (GExiv2Metadata) tags = open_tags (path);
  g_autoptr (GdkPixbuf)      thumbnail = NULL;

  gexiv2_metadata_try_set_orientation (tags, GEXIV2_ORIENTATION_ROT_90, NULL);
  save_tags (tags, path);
  thumbnail = load_thumbnail_ok (path);

  /* Small images are not scaled up; this one stands upright. */
  g_assert_cmpint (gdk_pixbuf_get_width (thumbnail), ==, 48);
  g_assert_cmpint (gdk_pixbuf_get_height (thumbnail), ==, 64);
}

static void
test_thumbnail_bad_files (void)
{
  g_autofree char      *text = test_file_path ("notes.txt");
  g_autofree char      *missing = test_file_path ("missing.jpg");
  g_autoptr (GError)    text_error = NULL;
  g_autoptr (GError)    missing_error = NULL;
  g_autoptr (GdkPixbuf) from_text = NULL;
  g_autoptr (GdkPixbuf) from_missing = NULL;

  g_assert_true (g_file_set_contents (text, "not an image", -1, NULL));
  from_text = load_thumbnail (text, &text_error);
  g_assert_null (from_text);
  g_assert_error (text_error, BYLINE_PHOTO_ERROR, BYLINE_PHOTO_ERROR_INVALID_IMAGE);

  from_missing = load_thumbnail (missing, &missing_error);
  g_assert_null (from_missing);
  g_assert_error (missing_error, BYLINE_PHOTO_ERROR, BYLINE_PHOTO_ERROR_NOT_FOUND);
}

int
main (int   argc,
      char *argv[])
{
  /* GdkPixbuf tells formats apart with the shared MIME database. */
  byline_test_keep_system_mime_database ();
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/photo/metadata/read/xmp", test_read_xmp);
  g_test_add_func ("/photo/metadata/read/several-creators", test_read_several_creators);
  g_test_add_func ("/photo/metadata/read/iim-only", test_read_iim_only);
  g_test_add_func ("/photo/metadata/read/exif-only", test_read_exif_only);
  g_test_add_func ("/photo/metadata/read/precedence", test_read_precedence);
  g_test_add_func ("/photo/metadata/read/lang-alt", test_read_lang_alt);
  g_test_add_func ("/photo/metadata/read/legacy-and-control-characters", test_read_legacy_and_control_characters);
  g_test_add_func ("/photo/metadata/read/bad-files", test_read_bad_files);
  g_test_add_func ("/photo/metadata/apply/keeps-user-fields", test_apply_keeps_user_fields);
  g_test_add_func ("/photo/metadata/apply/copyright-holder", test_apply_copyright_holder);
  g_test_add_func ("/photo/metadata/write/round-trip", test_write_round_trip);
  g_test_add_func ("/photo/metadata/write/iim-truncation", test_write_truncates_iim);
  g_test_add_func ("/photo/metadata/write/utf8-prefix", test_utf8_prefix_length);
  g_test_add_func ("/photo/metadata/write/bad-original", test_write_bad_original);
  g_test_add_func ("/photo/credit/line", test_credit_line);
  g_test_add_func ("/photo/credit/badge", test_permission_badge);
  g_test_add_func ("/photo/thumbnail/cache", test_thumbnail_cache);
  g_test_add_func ("/photo/thumbnail/orientation", test_thumbnail_orientation);
  g_test_add_func ("/photo/thumbnail/bad-files", test_thumbnail_bad_files);

  return g_test_run ();
}
