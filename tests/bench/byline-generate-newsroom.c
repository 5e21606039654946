/* byline-generate-newsroom.c: writes a synthetic newsroom for the benchmarks
 *
 *   byline-generate-newsroom --stories 10000 --output newsroom.db [--seed 1]
 *
 * Stories go through the store's public API, one save each, exactly as the
 * app writes them. The same seed gives the same headlines, bylines, tags,
 * statuses and bodies; modified times are spread over the year before now.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>

#include "model/byline-story.h"
#include "store/byline-store.h"

#define SECONDS_PER_DAY (24 * 60 * 60)

static const char *const subjects[] = {
  "City council", "School board", "Mayor", "Transit authority", "Farmers' co-operative",
  "County hospital", "Police chief", "State university", "Residents' association",
  "Firefighters' union", "Public library", "Harbour commission", "Water board",
  "Planning committee", "Teachers' union", "Chamber of commerce", "Parks department",
  "Housing trust", "Regional airport", "Health agency",
};

static const char *const verbs[] = {
  "approves", "rejects", "delays", "debates", "unveils", "questions", "funds", "cuts",
  "expands", "reviews", "defends", "pauses", "revives", "scraps", "backs", "challenges",
};

static const char *const objects[] = {
  "bridge repairs", "budget plan", "new bus routes", "housing project", "water rates",
  "park renovation", "school lunch menu", "downtown parking fees", "flood defences",
  "library hours", "bike lanes", "night market", "stadium deal", "tree-planting drive",
  "landfill expansion", "ferry timetable", "rent controls", "hospital wing", "wind farm",
  "election rules", "river clean-up", "snow-clearing contract", "street lighting", "zoning map",
};

static const char *const qualifiers[] = {
  "", "", "", " after two-year delay", " amid protests", " in close vote",
  " despite objections", " ahead of winter", " as costs climb", " after public hearing",
  " for third time", " with conditions",
};

static const char *const first_names[] = {
  "Amara", "Bernard", "Chiara", "Dmitri", "Elena", "Farid", "Grace", "Hiroshi", "Ingrid",
  "Jonas", "Kemi", "Lucía", "Mateus", "Nadia", "Oskar", "Priya", "Quentin", "Rosa", "Samir",
  "Tove", "Usman", "Valérie", "Wen", "Yusuf", "Zofia",
};

static const char *const last_names[] = {
  "Achterberg", "Bianchi", "Castillo", "Delacroix", "Eriksen", "Fitzgerald", "García",
  "Haddad", "Ivanova", "Jansen", "Kowalski", "Lindqvist", "Mbeki", "Nakamura", "O'Neill",
  "Petrov", "Quinn", "Rahman", "Søndergaard", "Tanaka", "Uribe", "Vasquez", "Whitfield",
};

static const char *const tags[] = {
  "politics", "transport", "education", "health", "housing", "environment", "budget",
  "crime", "courts", "business", "sport", "culture", "weather", "elections", "infrastructure",
  "agriculture", "energy", "labour", "technology", "community",
};

static const char *const categories[] = {
  "Local", "Region", "Business", "Opinion", "Sport", "Culture",
};

static const char *const body_words[] = {
  "the", "council", "said", "on", "Tuesday", "that", "a", "plan", "to", "repair", "bridge",
  "would", "cost", "more", "than", "expected", "residents", "who", "attended", "meeting",
  "asked", "why", "work", "had", "not", "started", "earlier", "officials", "budget", "was",
  "already", "stretched", "by", "rising", "prices", "and", "contractors", "were", "in",
  "short", "supply", "one", "speaker", "called", "delay", "unacceptable", "while", "others",
  "urged", "patience", "mayor", "promised", "report", "next", "month", "with", "detailed",
  "timeline", "for", "each", "stage", "of", "project", "including", "closures", "detours",
  "river", "crossing", "traffic", "commuters", "school", "buses", "emergency", "services",
  "will", "be", "able", "use", "lane", "throughout", "inspection", "found", "cracks",
  "steel", "supports", "engineers", "recommended", "replacing", "deck", "within", "two",
  "years", "state", "grant", "could", "cover", "half", "if", "application", "is", "approved",
  "before", "deadline", "opposition", "members", "questioned", "estimate", "asked", "for",
  "independent", "review", "vote", "is", "expected", "at", "session",
};

typedef struct
{
  GRand     *rand;
  GDateTime *now;
} Generator;

#define PICK(generator, list) \
  ((list)[g_rand_int_range ((generator)->rand, 0, G_N_ELEMENTS (list))])

static char *
generate_headline (Generator *generator)
{
  return g_strconcat (PICK (generator, subjects), " ", PICK (generator, verbs), " ",
                      PICK (generator, objects), PICK (generator, qualifiers), NULL);
}

static char *
generate_byline (Generator *generator)
{
  return g_strconcat (PICK (generator, first_names), " ", PICK (generator, last_names), NULL);
}

/* One to four different tags, in the order of the list. */
static GStrv
generate_tags (Generator *generator)
{
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
  int first = g_rand_int_range (generator->rand, 0, G_N_ELEMENTS (tags));
  int n_tags = g_rand_int_range (generator->rand, 1, 5);
  int step = g_rand_int_range (generator->rand, 1, G_N_ELEMENTS (tags) / 4);

  for (int i = 0; i < n_tags; i++)
    g_strv_builder_add (builder, tags[(first + i * step) % G_N_ELEMENTS (tags)]);
  return g_strv_builder_end (builder);
}

static void
append_sentence (Generator *generator,
                 GString   *body)
{
  int n_words = g_rand_int_range (generator->rand, 8, 25);
  gsize start = body->len;

  for (int i = 0; i < n_words; i++)
    {
      if (i > 0)
        g_string_append_c (body, ' ');
      g_string_append (body, PICK (generator, body_words));
    }
  body->str[start] = g_ascii_toupper (body->str[start]);
  g_string_append (body, ". ");
}

/* A few paragraphs, 300 to 800 words in all. */
static char *
generate_body (Generator *generator)
{
  GString *body = g_string_sized_new (6000);
  int n_paragraphs = g_rand_int_range (generator->rand, 3, 8);
  int words_per_paragraph = g_rand_int_range (generator->rand, 300, 801) / n_paragraphs;

  for (int p = 0; p < n_paragraphs; p++)
    {
      gsize paragraph_start;

      g_string_append (body, "<p>");
      paragraph_start = body->len;
      while ((int) (body->len - paragraph_start) / 6 < words_per_paragraph)
        append_sentence (generator, body);
      g_string_truncate (body, body->len - 1);
      g_string_append (body, "</p>\n");
    }
  return g_string_free (body, FALSE);
}

static BylineStory *
generate_story (Generator *generator)
{
  BylineStory *story = byline_story_new ();
  g_autofree char *headline = generate_headline (generator);
  g_autofree char *byline = generate_byline (generator);
  g_autofree char *body = generate_body (generator);
  g_auto (GStrv) story_tags = generate_tags (generator);
  const char *story_categories[] = { PICK (generator, categories), NULL };
  gint64 age = g_rand_int_range (generator->rand, 0, 365 * SECONDS_PER_DAY);
  gint64 drafting = g_rand_int_range (generator->rand, 0, 30 * SECONDS_PER_DAY);
  g_autoptr (GDateTime) modified = g_date_time_add_seconds (generator->now, -(gdouble) age);
  g_autoptr (GDateTime) created = g_date_time_add_seconds (modified, -(gdouble) drafting);

  byline_story_set_headline (story, headline);
  byline_story_set_dek (story, "A synthetic story written by byline-generate-newsroom.");
  byline_story_set_byline (story, byline);
  byline_story_set_status (story, g_rand_int_range (generator->rand, BYLINE_STORY_STATUS_DRAFT,
                                                    BYLINE_STORY_STATUS_PRIVATE + 1));
  byline_story_set_tags (story, (const char * const *) story_tags);
  byline_story_set_categories (story, story_categories);
  byline_story_set_body (story, body);
  byline_story_set_created (story, created);
  byline_story_set_modified (story, modified);
  return story;
}

static gboolean
generate_newsroom (const char  *path,
                   int          n_stories,
                   guint32      seed,
                   GError     **error)
{
  g_autoptr (BylineStore) store = NULL;
  Generator generator = { g_rand_new_with_seed (seed), g_date_time_new_now_utc () };
  gboolean ok = TRUE;

  store = byline_store_open (path, error);
  for (int i = 0; store != NULL && ok && i < n_stories; i++)
    {
      g_autoptr (BylineStory) story = generate_story (&generator);
      ok = byline_store_save_story (store, story, error);
    }

  g_rand_free (generator.rand);
  g_date_time_unref (generator.now);
  return store != NULL && ok;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr (GOptionContext) context = g_option_context_new ("— write a synthetic newsroom");
  g_autoptr (GError) error = NULL;
  g_autofree char *output = NULL;
  int n_stories = -1;
  int seed = 1;
  const GOptionEntry entries[] = {
    { "stories", 'n', 0, G_OPTION_ARG_INT, &n_stories, "How many stories to write", "N" },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, "The database to create", "PATH" },
    { "seed", 's', 0, G_OPTION_ARG_INT, &seed, "Seed for the content (default 1)", "S" },
    { NULL }
  };
  gint64 start;

  setlocale (LC_ALL, "");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }
  if (n_stories < 0 || output == NULL)
    {
      g_printerr ("Both --stories N (0 or more) and --output PATH are required.\n");
      return 2;
    }
  /* Adding to an existing newsroom would make its size a surprise. */
  if (g_file_test (output, G_FILE_TEST_EXISTS))
    {
      g_printerr ("%s already exists; remove it or choose another --output.\n", output);
      return 1;
    }

  start = g_get_monotonic_time ();
  if (!generate_newsroom (output, n_stories, (guint32) seed, &error))
    {
      g_printerr ("Could not write the newsroom %s: %s\n", output, error->message);
      return 1;
    }
  g_printerr ("Wrote %d stories to %s in %.1f s\n", n_stories, output,
              (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC);
  return 0;
}
