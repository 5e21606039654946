/* byline-spell-checker.h: misspellings in a text view, underlined as the writer types
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define BYLINE_TYPE_SPELL_CHECKER (byline_spell_checker_get_type ())

G_DECLARE_FINAL_TYPE (BylineSpellChecker, byline_spell_checker, BYLINE, SPELL_CHECKER, GObject)

BylineSpellChecker *byline_spell_checker_new            (GtkTextView        *view);
const char         *byline_spell_checker_get_language   (BylineSpellChecker *self);
void                byline_spell_checker_set_language   (BylineSpellChecker *self,
                                                         const char         *language);
GStrv               byline_spell_checker_list_languages (BylineSpellChecker *self);
gboolean            byline_spell_checker_is_misspelled  (BylineSpellChecker *self,
                                                         const GtkTextIter  *iter);
void                byline_spell_checker_check_pending  (BylineSpellChecker *self);

G_END_DECLS
