/* The message catalogue: one row per message, one column per language. */
#include "i18n.h"

#include <string.h>

static const char *const languages[] = {"en", "fr", "es"};

#define LANGUAGE_COUNT (sizeof(languages) / sizeof(languages[0]))

static const char *const catalogue[MSG_COUNT][LANGUAGE_COUNT] = {
	[MSG_YES] = {"yes", "oui", "sí"},
	[MSG_NO] = {"no", "non", "no"},
	[MSG_WEIGHT] = {"weight", "poids", "peso"},
	[MSG_POINTS_OF_100] = {"of 100 points", "points sur 100", "puntos de 100"},
	[MSG_OF_100] = {"of 100", "sur 100", "de 100"},
	[MSG_PERCENT] = {"%", "\u202f%", "\u00a0%"},
	[MSG_BEST_REACHABLE] = {"best reachable", "meilleur score possible",
				"mejor puntuación posible"},
	[MSG_MAX_REACHABLE] = {"maximum reachable score", "score maximal atteignable",
			       "puntuación máxima alcanzable"},
	[MSG_SHOWN_IF] = {"shown if", "affichée si", "se muestra si"},
	[MSG_REQUIRED] = {"required", "obligatoire", "obligatoria"},
	[MSG_EVIDENCE] = {"evidence", "preuve", "prueba"},
	[MSG_NOT_SCORED] = {"not scored", "non notée", "sin puntuación"},
	[MSG_TIERS] = {"Readiness tiers:", "Niveaux de préparation :", "Niveles de preparación:"},
	[MSG_FROM] = {"", "de", "de"},
	[MSG_TO] = {"to", "à", "a"},
	[MSG_TO_BELOW] = {"to below", "à moins de", "a menos de"},
	[MSG_PILLARS] = {"pillars", "piliers", "pilares"},
	[MSG_INDICATORS] = {"indicators", "indicateurs", "indicadores"},
	[MSG_QUESTIONS] = {"questions", "questions", "preguntas"},
	[MSG_LANGUAGES] = {"languages", "langues", "idiomas"},
	[MSG_DEFAULT] = {"default", "par défaut", "predeterminado"},
	[MSG_SHOWN] = {"shown", "affichée", "mostrado"},
	[MSG_VERSION] = {"version", "version", "versión"},
	[MSG_FILE] = {"file", "fichier", "archivo"},
};

static int
language_index(const char *lang)
{
	for (size_t i = 0; i < LANGUAGE_COUNT; i++)
		if (lang && strcmp(lang, languages[i]) == 0)
			return (int)i;
	return -1;
}

const char *
i18n(const char *lang, enum msg m)
{
	int i = language_index(lang);

	return catalogue[m][i < 0 ? 0 : i];
}

int
i18n_has(const char *lang)
{
	return language_index(lang) >= 0;
}
