/* byline-photo-credit.c: house-style credit lines and permission badges
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "model/byline-image.h"

#include "byline-photo-credit.h"

/* The house style, by permission kind (NAME is the creator):
 *
 *   staff              Photo: NAME/Staff            or  Staff photo
 *   wire service       Photo: NAME/AGENCY           or  Photo: AGENCY
 *   handout            Handout photo from SOURCE    or  Handout photo
 *   copyright holder   Image used with permission by copyright holder, via SOURCE
 *   Creative Commons   Photo: NAME, CC BY-SA 4.0    (licence from the usage terms)
 *   public domain      Photo: NAME, public domain   or  Public domain photo
 *   news screenshot    Screenshot: SOURCE           or  Screenshot
 *   unknown            Photo: NAME
 *
 * Where the style needs a name the image lacks, the shorter form is used;
 * when nothing can be said, no credit line is generated. The creator's title
 * ("Staff photographer") stays out of the line: the style's "/Staff" already
 * says it, and the title travels in the file (IIM By-line Title) and in the
 * attachment meta instead. */

static const char *
nonempty (const char *text)
{
  return text != NULL && text[0] != '\0' ? text : NULL;
}

static const char *
first_nonempty (const char *first,
                const char *second)
{
  return nonempty (first) != NULL ? first : nonempty (second);
}

static char *
staff_credit (const char *creator)
{
  if (creator == NULL)
    return g_strdup (_("Staff photo"));

  /* Translators: a photo credit; %s is the photographer's name */
  return g_strdup_printf (_("Photo: %s/Staff"), creator);
}

static char *
wire_credit (const char *creator,
             const char *agency)
{
  if (creator != NULL && agency != NULL)
    /* Translators: a photo credit; the first %s is the photographer, the second the agency */
    return g_strdup_printf (_("Photo: %s/%s"), creator, agency);

  if (creator == NULL && agency == NULL)
    return NULL;

  /* Translators: a photo credit; %s is the photographer or the agency */
  return g_strdup_printf (_("Photo: %s"), creator != NULL ? creator : agency);
}

static char *
handout_credit (const char *source)
{
  if (source == NULL)
    return g_strdup (_("Handout photo"));

  /* Translators: a photo credit; %s is who handed the photo out */
  return g_strdup_printf (_("Handout photo from %s"), source);
}

static char *
copyright_holder_credit (const char *source)
{
  if (source == NULL)
    return g_strdup (_("Image used with permission by copyright holder"));

  /* Translators: a photo credit; %s is where the image came from, such as a
   * person's social media account */
  return g_strdup_printf (_("Image used with permission by copyright holder, via %s"), source);
}

static char *
licence_from_url (const char *usage_terms)
{
  g_autoptr (GRegex)     regex = g_regex_new ("creativecommons\\.org/(?:licenses/([a-z-]+)|publicdomain/(zero))/(\\d+(?:\\.\\d+)?)",
                                              G_REGEX_CASELESS, 0, NULL);
  g_autoptr (GMatchInfo) match = NULL;
  g_autofree char       *code = NULL;
  g_autofree char       *version = NULL;
  g_autofree char       *upper_code = NULL;

  if (!g_regex_match (regex, usage_terms, 0, &match))
    return NULL;

  code = g_match_info_fetch (match, 1);
  version = g_match_info_fetch (match, 3);
  if (code[0] == '\0')
    return g_strconcat ("CC0 ", version, NULL);

  upper_code = g_ascii_strup (code, -1);
  return g_strconcat ("CC ", upper_code, " ", version, NULL);
}

/* The licence is named in the usage terms, either by its short name
 * ("CC BY-SA 4.0") or by the address of its deed. */
static char *
creative_commons_licence (const char *usage_terms)
{
  g_autoptr (GRegex)     short_name = NULL;
  g_autoptr (GMatchInfo) match = NULL;

  if (usage_terms == NULL)
    return NULL;

  short_name = g_regex_new ("\\bCC(?:0|[ -]BY(?:-(?:NC|ND|SA))*)(?: \\d+(?:\\.\\d+)?)?", 0, 0, NULL);
  if (g_regex_match (short_name, usage_terms, 0, &match))
    return g_match_info_fetch (match, 0);

  return licence_from_url (usage_terms);
}

static char *
creative_commons_credit (const char *name,
                         const char *usage_terms)
{
  g_autofree char *licence = creative_commons_licence (usage_terms);
  const char      *licence_name = licence != NULL ? licence : _("Creative Commons");

  if (name == NULL)
    /* Translators: a photo credit; %s is a licence, such as CC BY 4.0 */
    return g_strdup_printf (_("Photo: %s"), licence_name);

  /* Translators: a photo credit; the first %s is the photographer, the second
   * a licence, such as CC BY 4.0 */
  return g_strdup_printf (_("Photo: %s, %s"), name, licence_name);
}

static char *
public_domain_credit (const char *name)
{
  if (name == NULL)
    return g_strdup (_("Public domain photo"));

  /* Translators: a photo credit; %s is the photographer */
  return g_strdup_printf (_("Photo: %s, public domain"), name);
}

static char *
screenshot_credit (const char *source)
{
  if (source == NULL)
    return g_strdup (_("Screenshot"));

  /* Translators: a credit; %s is what the screenshot was taken of */
  return g_strdup_printf (_("Screenshot: %s"), source);
}

/**
 * byline_photo_generate_credit_line:
 * @image: an image with its credits
 *
 * Returns: (transfer full) (nullable): the credit line for @image in house
 *   style, or %NULL when its fields say too little to credit it
 */
char *
byline_photo_generate_credit_line (BylineImage *image)
{
  const char *creator = NULL;
  const char *source = NULL;
  const char *holder = NULL;

  g_return_val_if_fail (BYLINE_IS_IMAGE (image), NULL);

  creator = nonempty (byline_image_get_creator (image));
  source = nonempty (byline_image_get_source (image));
  holder = nonempty (byline_image_get_copyright_holder (image));

  switch (byline_image_get_permission_kind (image))
    {
    case BYLINE_PERMISSION_STAFF:
      return staff_credit (creator);
    case BYLINE_PERMISSION_WIRE_SERVICE:
      return wire_credit (creator, source);
    case BYLINE_PERMISSION_HANDOUT:
      return handout_credit (first_nonempty (source, holder));
    case BYLINE_PERMISSION_COPYRIGHT_HOLDER:
      return copyright_holder_credit (source);
    case BYLINE_PERMISSION_CREATIVE_COMMONS:
      return creative_commons_credit (first_nonempty (creator, holder), byline_image_get_usage_terms (image));
    case BYLINE_PERMISSION_PUBLIC_DOMAIN:
      return public_domain_credit (first_nonempty (creator, source));
    case BYLINE_PERMISSION_NEWS_SCREENSHOT:
      return screenshot_credit (source);
    case BYLINE_PERMISSION_UNKNOWN:
    default:
      return wire_credit (creator, NULL);
    }
}

/* Without these, a kind of permission is only a claim: a copyright holder's
 * permission needs its proof, a Creative Commons licence needs its terms. */
static gboolean
permission_is_missing (BylineImage *image)
{
  switch (byline_image_get_permission_kind (image))
    {
    case BYLINE_PERMISSION_UNKNOWN:
      return TRUE;
    case BYLINE_PERMISSION_COPYRIGHT_HOLDER:
      return nonempty (byline_image_get_permission_proof (image)) == NULL;
    case BYLINE_PERMISSION_CREATIVE_COMMONS:
      return nonempty (byline_image_get_usage_terms (image)) == NULL;
    default:
      return FALSE;
    }
}

/**
 * byline_photo_get_permission_badge:
 * @image: an image with its credits
 * @now: the moment to judge the permission at
 *
 * A permission expires at the moment of its expiry date, and is flagged
 * from %BYLINE_PERMISSION_EXPIRY_WARNING_DAYS days before it.
 *
 * Returns: the state of the permission to use @image at @now
 */
BylinePermissionBadge
byline_photo_get_permission_badge (BylineImage *image,
                                   GDateTime   *now)
{
  GDateTime *expiry = NULL;

  g_return_val_if_fail (BYLINE_IS_IMAGE (image), BYLINE_PERMISSION_BADGE_MISSING);
  g_return_val_if_fail (now != NULL, BYLINE_PERMISSION_BADGE_MISSING);

  if (permission_is_missing (image))
    return BYLINE_PERMISSION_BADGE_MISSING;

  expiry = byline_image_get_permission_expiry (image);
  if (expiry == NULL)
    return BYLINE_PERMISSION_BADGE_OK;

  if (g_date_time_compare (now, expiry) >= 0)
    return BYLINE_PERMISSION_BADGE_EXPIRED;

  if (g_date_time_difference (expiry, now) <= BYLINE_PERMISSION_EXPIRY_WARNING_DAYS * G_TIME_SPAN_DAY)
    return BYLINE_PERMISSION_BADGE_EXPIRING_SOON;

  return BYLINE_PERMISSION_BADGE_OK;
}

static const char * const badge_strings[] = {
  [BYLINE_PERMISSION_BADGE_OK] = "ok",
  [BYLINE_PERMISSION_BADGE_MISSING] = "missing",
  [BYLINE_PERMISSION_BADGE_EXPIRING_SOON] = "expiring-soon",
  [BYLINE_PERMISSION_BADGE_EXPIRED] = "expired",
};

/* For machine-readable output, such as byline-sync's --json. */
const char *
byline_permission_badge_to_string (BylinePermissionBadge badge)
{
  g_return_val_if_fail (badge < G_N_ELEMENTS (badge_strings), NULL);

  return badge_strings[badge];
}

const char *
byline_permission_badge_get_label (BylinePermissionBadge badge)
{
  switch (badge)
    {
    case BYLINE_PERMISSION_BADGE_OK:
      return _("Permission OK");
    case BYLINE_PERMISSION_BADGE_MISSING:
      return _("Permission missing");
    case BYLINE_PERMISSION_BADGE_EXPIRING_SOON:
      return _("Permission expires soon");
    case BYLINE_PERMISSION_BADGE_EXPIRED:
      return _("Permission expired");
    default:
      g_return_val_if_reached (NULL);
    }
}
