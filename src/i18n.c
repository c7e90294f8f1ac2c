/* The message catalogue: one row per message, one column per language. */
#include "i18n.h"

#include <stdio.h>
#include <string.h>

#include "xmalloc.h"

static const char *const languages[] = {"en", "fr", "es"};

#define LANGUAGE_COUNT (sizeof(languages) / sizeof(languages[0]))

static const char *const catalogue[MSG_COUNT][LANGUAGE_COUNT] = {
	[MSG_YES] = {"yes", "oui", "sí"},
	[MSG_NO] = {"no", "non", "no"},
	[MSG_WEIGHT] = {"weight", "poids", "peso"},
	[MSG_POINTS_OF_100] = {"of 100 points", "points sur 100", "puntos de 100"},
	[MSG_OF_100] = {"of 100", "sur 100", "de 100"},
	[MSG_PERCENT] = {"%", "\u202f%", "\u00a0%"},
	[MSG_DECIMAL_MARK] = {".", ",", ","},
	[MSG_COLON] = {":", "\u202f:", ":"},
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
	[MSG_DONT_KNOW] = {"don't know", "ne sait pas", "no sabe"},
	[MSG_NOT_APPLICABLE] = {"not applicable", "sans objet", "no aplicable"},
	[MSG_NONE_OF_THEM] = {"none of them", "aucun", "ninguno"},
	[MSG_PILLAR] = {"Pillar", "Pilier", "Pilar"},
	[MSG_QUESTION] = {"Question", "Question", "Pregunta"},
	[MSG_OF] = {"of", "sur", "de"},
	[MSG_ANSWERED] = {"answered", "répondues", "respondidas"},
	[MSG_SKIPPED] = {"skipped", "passées", "omitidas"},
	[MSG_REMAINING] = {"remaining", "restantes", "pendientes"},
	[MSG_QUESTIONS_SHOWN] = {"questions shown", "questions affichées", "preguntas mostradas"},
	[MSG_EVIDENCE_EXPECTED] = {"evidence expected", "preuve attendue", "se espera una prueba"},
	[MSG_CURRENT_ANSWER] = {"Current answer", "Réponse actuelle", "Respuesta actual"},
	[MSG_EVIDENCE_LABEL] = {"Evidence", "Preuve", "Prueba"},
	[MSG_NOTE_LABEL] = {"Note", "Note", "Nota"},
	[MSG_FLAGGED] = {"flagged for review", "à revoir", "marcada para revisión"},
	[MSG_HINT] = {"Answer, or type ? for help, dk (don't know), na (not applicable), :help for "
		      "commands",
		      "Répondez, ou tapez ? pour l'aide, dk (ne sait pas), na (sans objet), :help "
		      "pour les commandes",
		      "Responda, o escriba ? para la ayuda, dk (no sabe), na (no aplicable), :help "
		      "para los comandos"},
	[MSG_HINT_MULTI] =
		{"choose one or more numbers or labels separated by commas, or - for none",
		 "choisissez un ou plusieurs numéros ou libellés séparés par des virgules, ou - "
		 "pour aucun",
		 "elija uno o varios números o etiquetas separados por comas, o - para ninguno"},
	[MSG_HINT_NUMBER] = {"a number", "un nombre", "un número"},
	[MSG_BETWEEN] = {"between", "entre", "entre"},
	[MSG_AND] = {"and", "et", "y"},
	[MSG_WHOLE_NUMBERS] = {"whole numbers only", "nombres entiers uniquement",
			       "solo números enteros"},
	[MSG_HINT_DATE] = {"a date written YYYY-MM-DD", "une date écrite AAAA-MM-JJ",
			   "una fecha escrita AAAA-MM-DD"},
	[MSG_HINT_TEXT] = {"free text", "texte libre", "texto libre"},
	[MSG_NO_HELP] = {"There is no help text for this question.",
			 "Cette question n'a pas de texte d'aide.",
			 "Esta pregunta no tiene texto de ayuda."},
	[MSG_COMMANDS_HELP] =
		{"  ?              help for this question\n"
		 "  dk, na         don't know, not applicable\n"
		 "  :back          the previous question\n"
		 "  :skip          the next question, leaving this one unanswered\n"
		 "  :goto QID|N    the question with id QID, or number N in :list\n"
		 "  :goto unanswered|flagged|disputed   the next such question\n"
		 "  :pillar K      the first question of pillar K\n"
		 "  :evidence TEXT add an item of evidence (a law, a document, a URL);\n"
		 "                 :evidence -N takes item N out, :evidence - clears them all\n"
		 "  :note TEXT     record a note; :note - clears it\n"
		 "  :attach PATH   keep a file (a decree, a report) as evidence; :attach -N\n"
		 "                 removes attachment N\n"
		 "  :flag          mark this question for review, or unmark it\n"
		 "  :finding [K]   write the executive summary, or the findings on pillar K\n"
		 "                 (its number or id), in your editor ($EDITOR)\n"
		 "  :with ORG, ROLE (NAME); ROLE, DATE\n"
		 "                 the meeting in progress, the source of the answers given in "
		 "it;\n"
		 "                 :with ORG takes up a meeting named before, :with - ends it\n"
		 "  :list [K|all]  the questions of this pillar (or pillar K, or all):\n"
		 "                 number, id, status and answer (:review is the same)\n"
		 "  :quit          save and stop (Ctrl-D and Ctrl-C do the same)\n",
		 "  ?              aide pour cette question\n"
		 "  dk, na         ne sait pas, sans objet\n"
		 "  :back          la question précédente\n"
		 "  :skip          la question suivante, sans répondre à celle-ci\n"
		 "  :goto QID|N    la question d'identifiant QID, ou de numéro N dans :list\n"
		 "  :goto unanswered|flagged|disputed   la prochaine question de ce genre\n"
		 "  :pillar K      la première question du pilier K\n"
		 "  :evidence TEXTE noter une preuve (loi, document, URL) ; :evidence - l'efface\n"
		 "  :note TEXTE    noter une remarque ; :note - l'efface\n"
		 "  :attach CHEMIN garder un fichier (décret, rapport) comme preuve ;\n"
		 "                 :attach -N retire la pièce jointe N\n"
		 "  :flag          marquer cette question à revoir, ou retirer la marque\n"
		 "  :finding [K]   rédiger la synthèse, ou les constats sur le pilier K (son\n"
		 "                 numéro ou son identifiant), dans votre éditeur ($EDITOR)\n"
		 "  :with ORG, FONCTION (NOM); FONCTION, DATE\n"
		 "                 la réunion en cours, source des réponses qui y sont données ;\n"
		 "                 :with ORG reprend une réunion déjà nommée, :with - la termine\n"
		 "  :list [K|all]  les questions de ce pilier (ou du pilier K, ou toutes) :\n"
		 "                 numéro, identifiant, état et réponse (:review de même)\n"
		 "  :quit          enregistrer et arrêter (Ctrl-D et Ctrl-C font de même)\n",
		 "  ?              ayuda para esta pregunta\n"
		 "  dk, na         no sabe, no aplicable\n"
		 "  :back          la pregunta anterior\n"
		 "  :skip          la pregunta siguiente, sin responder a esta\n"
		 "  :goto QID|N    la pregunta con el identificador QID, o el número N de :list\n"
		 "  :goto unanswered|flagged|disputed   la próxima pregunta de ese tipo\n"
		 "  :pillar K      la primera pregunta del pilar K\n"
		 "  :evidence TEXTO registrar una prueba (ley, documento, URL); :evidence - la "
		 "borra\n"
		 "  :note TEXTO    registrar una nota; :note - la borra\n"
		 "  :attach RUTA   guardar un archivo (decreto, informe) como prueba;\n"
		 "                 :attach -N retira el adjunto N\n"
		 "  :flag          marcar esta pregunta para revisión, o desmarcarla\n"
		 "  :finding [K]   redactar el resumen ejecutivo, o las conclusiones sobre el\n"
		 "                 pilar K (su número o identificador), en su editor ($EDITOR)\n"
		 "  :with ORG, CARGO (NOMBRE); CARGO, FECHA\n"
		 "                 la reunión en curso, fuente de las respuestas dadas en ella;\n"
		 "                 :with ORG retoma una reunión ya nombrada, :with - la termina\n"
		 "  :list [K|all]  las preguntas de este pilar (o del pilar K, o todas):\n"
		 "                 número, identificador, estado y respuesta (:review igual)\n"
		 "  :quit          guardar y salir (Ctrl-D y Ctrl-C hacen lo mismo)\n"},
	[MSG_REASON_PROMPT] = {"Reason for the change (optional, Enter to skip)",
			       "Motif de la modification (facultatif, Entrée pour passer)",
			       "Motivo del cambio (opcional, Intro para omitir)"},
	[MSG_SAVED] = {"Saved.", "Enregistré.", "Guardado."},
	[MSG_END] = {"End of the questionnaire.", "Fin du questionnaire.", "Fin del cuestionario."},
	[MSG_ALL_ANSWERED] = {"Every question shown is answered.",
			      "Toutes les questions affichées ont une réponse.",
			      "Todas las preguntas mostradas tienen respuesta."},
	[MSG_FLAGGED_LIST] = {"Flagged for review", "À revoir", "Marcadas para revisión"},
	[MSG_RESUME] = {"Resume with", "Pour reprendre", "Para continuar"},
	[MSG_FIRST_QUESTION] = {"This is the first question.", "C'est la première question.",
				"Esta es la primera pregunta."},
	[MSG_NO_QUESTION_HERE] =
		{"There is no question here: use :back, :goto QID or :quit.",
		 "Il n'y a pas de question ici : utilisez :back, :goto QID ou :quit.",
		 "Aquí no hay ninguna pregunta: use :back, :goto QID o :quit."},
	[MSG_UNKNOWN_COMMAND] = {"Unknown command; :help lists them.",
				 "Commande inconnue ; :help en donne la liste.",
				 "Comando desconocido; :help los enumera."},
	[MSG_UNKNOWN_QUESTION] = {"There is no question with that id.",
				  "Aucune question n'a cet identifiant.",
				  "Ninguna pregunta tiene ese identificador."},
	[MSG_HIDDEN_QUESTION] =
		{"That question is hidden by the answers so far; it is shown only if",
		 "Cette question est masquée par les réponses données ; elle n'est affichée que si",
		 "Esa pregunta está oculta por las respuestas dadas; solo se muestra si"},
	[MSG_NO_PILLAR] = {"There is no such pillar; choose", "Ce pilier n'existe pas ; choisissez",
			   "Ese pilar no existe; elija"},
	[MSG_FLAG_SET] = {"Flagged for review.", "Marquée à revoir.", "Marcada para revisión."},
	[MSG_FLAG_CLEARED] = {"Flag removed.", "Marque retirée.", "Marca retirada."},
	[MSG_EVIDENCE_SAVED] = {"Evidence saved.", "Preuve enregistrée.", "Prueba guardada."},
	[MSG_NOTE_SAVED] = {"Note saved.", "Remarque enregistrée.", "Nota guardada."},
	[MSG_UNCHANGED] = {"Unchanged.", "Inchangé.", "Sin cambios."},
	[MSG_NO_EVIDENCE] = {"No evidence yet; add it with :evidence TEXT.",
			     "Pas encore de preuve ; ajoutez-la avec :evidence TEXTE.",
			     "Todavía no hay prueba; añádala con :evidence TEXTO."},
	[MSG_NO_NOTE] = {"No note yet; add one with :note TEXT.",
			 "Pas encore de remarque ; ajoutez-en une avec :note TEXTE.",
			 "Todavía no hay nota; añada una con :note TEXTO."},
	[MSG_REVIEW_TITLE] = {"Answers in this pillar", "Réponses dans ce pilier",
			      "Respuestas en este pilar"},
	[MSG_NOT_ANSWERED] = {"not answered", "sans réponse", "sin respuesta"},
	[MSG_HIDDEN] = {"hidden", "masquée", "oculta"},
	[MSG_INTERRUPTED] = {"Interrupted.", "Interrompu.", "Interrumpido."},
	[MSG_RECORDING_AS] = {"Recording as", "Saisie par", "Registra"},
	[MSG_NEW_ASSESSMENT] =
		{"A new assessment: it is recorded from its first answer on.",
		 "Nouvelle évaluation : elle est enregistrée dès sa première réponse.",
		 "Evaluación nueva: se registra a partir de su primera respuesta."},
	[MSG_NOTHING_RECORDED] = {"Nothing was recorded; no assessment was started.",
				  "Rien n'a été enregistré ; aucune évaluation n'a été commencée.",
				  "No se registró nada; no se inició ninguna evaluación."},
	[MSG_NOT_SAVED] = {"NOT SAVED:", "NON ENREGISTRÉ :", "NO GUARDADO:"},
	[MSG_NOT_SAVED_SUMMARY] = {"Changes not saved", "Modifications non enregistrées",
				   "Cambios no guardados"},
	[MSG_MEETING] = {"Meeting", "Réunion", "Reunión"},
	[MSG_NO_MEETING] =
		{"No meeting named: answers have no source. Name one with :with ORG, ROLE.",
		 "Aucune réunion nommée : les réponses n'ont pas de source. Nommez-la avec :with "
		 "ORG, FONCTION.",
		 "Ninguna reunión nombrada: las respuestas no tienen fuente. Nómbrela con :with "
		 "ORG, CARGO."},
	[MSG_MEETING_ENDED] = {"Meeting ended; answers have no source now.",
			       "Réunion terminée ; les réponses n'ont plus de source.",
			       "Reunión terminada; las respuestas ya no tienen fuente."},
	[MSG_MEETING_KNOWN] = {"Meetings so far:", "Réunions déjà nommées :",
			       "Reuniones ya nombradas:"},
	[MSG_MEETING_AMBIGUOUS] =
		{"Several meetings match; type more of the name or its number:",
		 "Plusieurs réunions correspondent ; tapez davantage du nom, ou son numéro :",
		 "Varias reuniones coinciden; escriba más del nombre, o su número:"},
	[MSG_MEETING_FORMAT] =
		{"Name the meeting as :with ORGANISATION, ROLE (NAME); ROLE, YYYY-MM-DD (the date "
		 "is "
		 "optional: today)",
		 "Nommez la réunion ainsi : :with ORGANISATION, FONCTION (NOM); FONCTION, "
		 "AAAA-MM-JJ "
		 "(la date est facultative : aujourd'hui)",
		 "Nombre la reunión así: :with ORGANIZACIÓN, CARGO (NOMBRE); CARGO, AAAA-MM-DD (la "
		 "fecha es opcional: hoy)"},
	[MSG_KEPT] = {"kept", "conservée", "se mantiene"},
	[MSG_WOULD_HIDE] =
		{"This answer hides questions already answered (their answers are kept "
		 "but no longer count):",
		 "Cette réponse masque des questions déjà répondues (leurs réponses sont "
		 "gardées mais ne comptent plus) :",
		 "Esta respuesta oculta preguntas ya respondidas (sus respuestas se "
		 "guardan pero dejan de contar):"},
	[MSG_CONFIRM_HIDE] = {"Record it all the same?", "L'enregistrer quand même ?",
			      "¿Registrarla de todos modos?"},
	[MSG_NOT_CHANGED] = {"Not changed.", "Pas de changement.", "Sin cambio."},
	[MSG_END_CHOICES] = {"Type :back for the last question, :goto QID for another, or :quit to "
			     "stop.",
			     "Tapez :back pour la dernière question, :goto QID pour une autre, ou "
			     ":quit pour arrêter.",
			     "Escriba :back para la última pregunta, :goto QID para otra, o :quit "
			     "para terminar."},
	[MSG_END_PROMPT] = {"end", "fin", "fin"},
	[MSG_NO_UNANSWERED] = {"No other question shown is unanswered.",
			       "Aucune autre question affichée n'est sans réponse.",
			       "Ninguna otra pregunta mostrada está sin respuesta."},
	[MSG_NO_FLAGGED] = {"No other question is flagged.", "Aucune autre question n'est marquée.",
			    "Ninguna otra pregunta está marcada."},
	[MSG_NO_DISPUTED] = {"No other question is disputed.",
			     "Aucune autre question n'est contestée.",
			     "Ninguna otra pregunta está en disputa."},
	[MSG_SKIPPED_LIST] = {"Skipped", "Passées", "Omitidas"},
	[MSG_DISPUTED_MARK] = {"disputed", "contestée", "en disputa"},
	[MSG_ALL_QUESTIONS] = {"All questions", "Toutes les questions", "Todas las preguntas"},
	[MSG_NO_ATTACHMENT] = {"this question has no attachment of that number",
			       "cette question n'a pas de pièce jointe de ce numéro",
			       "esta pregunta no tiene ningún adjunto con ese número"},
	[MSG_LEVEL] = {"level", "niveau", "nivel"},
	[MSG_QUESTIONS_SHOWN_NOW] = {"questions shown", "questions affichées",
				     "preguntas mostradas"},
	[MSG_NO_EVIDENCE_ITEM] = {"there is no evidence item of that number",
				  "il n'y a pas de preuve de ce numéro",
				  "no hay ninguna prueba con ese número"},
	[MSG_EVIDENCE_FULL] = {"the evidence list is full; take an item out first (:evidence -N)",
			       "la liste des preuves est pleine ; retirez-en une d'abord "
			       "(:evidence -N)",
			       "la lista de pruebas está llena; retire una primero (:evidence -N)"},
	[MSG_ATTACHED] = {"Attached", "Jointe", "Adjuntado"},
	[MSG_ATTACHMENT_REMOVED] = {"Attachment removed.", "Pièce jointe retirée.",
				    "Adjunto retirado."},
	[MSG_ATTACHMENTS_LABEL] = {"Attachments", "Pièces jointes", "Adjuntos"},
	[MSG_FINDING_SUMMARY] = {"Executive summary", "Synthèse", "Resumen ejecutivo"},
	[MSG_FINDING_PILLAR] = {"Findings on pillar", "Constats sur le pilier",
				"Conclusiones sobre el pilar"},
	[MSG_FINDING_SAVED] = {"text saved", "texte enregistré", "texto guardado"},
	[MSG_FINDING_REMOVED] = {"text removed", "texte supprimé", "texto suprimido"},
	[MSG_FINDING_UNCHANGED] = {"Unchanged; nothing was recorded.",
				   "Inchangé ; rien n'a été enregistré.",
				   "Sin cambios; no se registró nada."},
	[MSG_FINDING_NO_EDITOR] =
		{"No editor: set EDITOR (or VISUAL) to one, for example EDITOR=nano.",
		 "Aucun éditeur : indiquez-en un dans EDITOR (ou VISUAL), par exemple "
		 "EDITOR=nano.",
		 "No hay editor: indique uno en EDITOR (o VISUAL), por ejemplo EDITOR=nano."},
	[MSG_FINDING_NOT_RECORDED] = {"Nothing was recorded:", "Rien n'a été enregistré :",
				      "No se registró nada:"},
	[MSG_FINDING_LINE] = {"line", "ligne", "línea"},
	[MSG_CTRL_C_AGAIN] =
		{"Ctrl-C again, or :quit, stops the session; what is saved stays saved.",
		 "Ctrl-C encore, ou :quit, arrête la session ; ce qui est enregistré le "
		 "reste.",
		 "Ctrl-C otra vez, o :quit, termina la sesión; lo guardado sigue "
		 "guardado."},
	[MSG_MEETING_DATE] = {"a meeting's date is a day from 2000 to today",
			      "la date d'une réunion est un jour entre 2000 et aujourd'hui",
			      "la fecha de una reunión es un día entre 2000 y hoy"},
	[MSG_ERR_EMPTY] = {"the answer is empty", "la réponse est vide", "la respuesta está vacía"},
	[MSG_ERR_YESNO] = {"answer yes or no (1 or 2)", "répondez oui ou non (1 ou 2)",
			   "responda sí o no (1 o 2)"},
	[MSG_ERR_CHOICE] =
		{"choose a number from the list, or type a choice's value or label",
		 "choisissez un numéro de la liste, ou tapez la valeur ou le libellé d'un choix",
		 "elija un número de la lista, o escriba el valor o la etiqueta de una opción"},
	[MSG_ERR_LEVEL] = {"choose a level from the list, or type its label",
			   "choisissez un niveau de la liste, ou tapez son libellé",
			   "elija un nivel de la lista, o escriba su etiqueta"},
	[MSG_ERR_MULTI] =
		{"is not a choice; choose numbers or labels from the list separated by commas, or "
		 "- for none",
		 "n'est pas un choix ; choisissez des numéros ou des libellés de la liste séparés "
		 "par des virgules, ou - pour aucun",
		 "no es una opción; elija números o etiquetas de la lista separados por comas, o - "
		 "para ninguno"},
	[MSG_ERR_NUMBER] = {"is not a number (write it like 12, 3.5 or 1 000)",
			    "n'est pas un nombre (écrivez-le comme 12, 3,5 ou 1 000)",
			    "no es un número (escríbalo como 12, 3,5 o 1 000)"},
	[MSG_ERR_WHOLE] = {"is not a whole number", "n'est pas un nombre entier",
			   "no es un número entero"},
	[MSG_ERR_OUTSIDE] = {"is outside the allowed range", "est hors de l'intervalle permis",
			     "está fuera del intervalo permitido"},
	[MSG_ERR_DATE] = {"is not a valid date; write it YYYY-MM-DD",
			  "n'est pas une date valide ; écrivez-la AAAA-MM-JJ",
			  "no es una fecha válida; escríbala AAAA-MM-DD"},
	[MSG_ERR_CONTROL] =
		{"control characters (such as escape sequences) are not allowed",
		 "les caractères de contrôle (comme les séquences d'échappement) ne sont pas "
		 "permis",
		 "no se permiten caracteres de control (como las secuencias de escape)"},
	[MSG_ERR_UTF8] = {"the text is not valid UTF-8", "le texte n'est pas en UTF-8 valide",
			  "el texto no es UTF-8 válido"},
	[MSG_ERR_TOO_LONG] = {"the text is too long", "le texte est trop long",
			      "el texto es demasiado largo"},
	[MSG_R_COUNTRY] = {"Country", "Pays", "País"},
	[MSG_R_CYCLE] = {"Cycle", "Cycle", "Ciclo"},
	[MSG_R_MISSION] = {"Mission", "Mission", "Misión"},
	[MSG_R_ASSESSORS] = {"Assessors", "Évaluateurs", "Evaluadores"},
	[MSG_R_QUESTIONNAIRE] = {"Questionnaire", "Questionnaire", "Cuestionario"},
	[MSG_R_STATUS] = {"Status", "Statut", "Estado"},
	[MSG_R_DRAFT] = {"Draft", "Projet", "Borrador"},
	[MSG_R_FINAL] = {"Final", "Définitif", "Definitivo"},
	[MSG_R_REPORT_DATE] = {"Report date", "Date du rapport", "Fecha del informe"},
	[MSG_R_SUMMARY] = {"Executive summary", "Synthèse", "Resumen ejecutivo"},
	[MSG_R_OVERALL] = {"Overall score", "Score global", "Puntuación global"},
	[MSG_R_TIER] = {"Readiness tier", "Niveau de préparation", "Nivel de preparación"},
	[MSG_R_COMPLETENESS] = {"Completeness", "Complétude", "Exhaustividad"},
	[MSG_R_COMPLETENESS_NOTE] =
		{"questions shown that were answered. Unanswered and don't know count as 0; not "
		 "applicable and hidden questions are left out.",
		 "questions affichées ayant reçu une réponse. Les questions sans réponse et « ne "
		 "sait pas » comptent 0 ; les questions sans objet et masquées sont écartées.",
		 "preguntas mostradas que recibieron respuesta. Las preguntas sin respuesta y «no "
		 "sabe» cuentan 0; las no aplicables y ocultas se excluyen."},
	[MSG_R_POINTS] = {"Points", "Points", "Puntos"},
	[MSG_R_SCORE] = {"Score", "Score", "Puntuación"},
	[MSG_R_MAXIMUM] = {"Maximum", "Maximum", "Máximo"},
	[MSG_R_INDICATOR] = {"Indicator", "Indicateur", "Indicador"},
	[MSG_R_STRONGEST] = {"Strongest indicators", "Indicateurs les plus solides",
			     "Indicadores más sólidos"},
	[MSG_R_WEAKEST] = {"Weakest indicators", "Indicateurs les plus faibles",
			   "Indicadores más débiles"},
	[MSG_R_COMPARISON] = {"Comparison", "Comparaison", "Comparación"},
	[MSG_R_REGION_MEAN] = {"Regional mean", "Moyenne régionale", "Media regional"},
	[MSG_R_GLOBAL_MEAN] = {"Global mean", "Moyenne mondiale", "Media mundial"},
	[MSG_R_ASSESSMENTS] = {"assessments", "évaluations", "evaluaciones"},
	[MSG_R_MET] = {"met", "atteint", "cumplido"},
	[MSG_R_PARTIAL] = {"partial", "partiel", "parcial"},
	[MSG_R_NOT_MET] = {"not met", "non atteint", "no cumplido"},
	[MSG_R_ANSWER] = {"Answer", "Réponse", "Respuesta"},
	[MSG_R_NOT_ANSWERED] = {"Not answered", "Sans réponse", "Sin respuesta"},
	[MSG_R_RECOMMENDATIONS] = {"Recommendations", "Recommandations", "Recomendaciones"},
	[MSG_R_RECOMMENDATIONS_NOTE] =
		{"One for each indicator not fully met, the largest gain first: the points the "
		 "overall score would gain if the indicator were fully met.",
		 "Une par indicateur non pleinement atteint, par gain décroissant : les points que "
		 "gagnerait le score global si l'indicateur était pleinement atteint.",
		 "Una por indicador no plenamente cumplido, de mayor a menor ganancia: los puntos "
		 "que ganaría la puntuación global si el indicador se cumpliera plenamente."},
	[MSG_R_GAIN] = {"points to gain", "points à gagner", "puntos por ganar"},
	[MSG_R_LIFTS] = {"lifts", "renforce", "refuerza"},
	[MSG_R_PATH] = {"Path to the next tier", "Vers le niveau suivant",
			"Hacia el nivel siguiente"},
	[MSG_R_PATH_INTRO] =
		{"Fully meeting these indicators lifts the overall score into the tier",
		 "Atteindre pleinement ces indicateurs porte le score global au niveau",
		 "Cumplir plenamente estos indicadores eleva la puntuación global al nivel"},
	[MSG_R_PATH_TOP] = {"The country has reached the top tier.",
			    "Le pays a atteint le niveau le plus élevé.",
			    "El país ha alcanzado el nivel más alto."},
	[MSG_R_PATH_NONE] =
		{"No set of indicators reaches the next tier with the questions answered so far.",
		 "Aucun ensemble d'indicateurs n'atteint le niveau suivant avec les réponses "
		 "données.",
		 "Ningún conjunto de indicadores alcanza el nivel siguiente con las respuestas "
		 "dadas."},
	[MSG_R_OPEN_ITEMS] = {"Open items", "Points ouverts", "Asuntos pendientes"},
	[MSG_R_DONT_KNOW_LIST] = {"Answered \u201cdon't know\u201d", "Réponses « ne sait pas »",
				  "Respuestas «no sabe»"},
	[MSG_R_NONE] = {"None.", "Aucun.", "Ninguno."},
	[MSG_R_PROGRESS] = {"Progress since", "Progrès depuis", "Avances desde"},
	[MSG_R_CHANGE] = {"Change", "Évolution", "Cambio"},
	[MSG_R_METHODOLOGY] = {"Methodology", "Méthodologie", "Metodología"},
	[MSG_R_METHOD_TEXT] =
		{"Each answer earns the score the questionnaire gives it, from 0 to 1; several "
		 "choices add up to at most 1. Don't know and unanswered questions count as 0. "
		 "Questions hidden by earlier answers, answered not applicable, or without a score "
		 "(text, dates) are left out.\n"
		 "An indicator's score is the weighted mean of its questions. It is met at 0.75 or "
		 "more, partial above 0.25, and not met otherwise.\n"
		 "A pillar's score is the weighted mean of its indicators; each pillar is worth "
		 "its weight's share of 100 points. An indicator or pillar with nothing left to "
		 "count is left out, and the others share its weight.\n"
		 "The overall score is the sum of the pillars' points. The readiness tier is the "
		 "highest tier whose minimum the overall score reaches.\n"
		 "Completeness is the share of the questions shown that were answered. Because "
		 "unanswered questions count as 0, read the score together with its completeness.",
		 "Chaque réponse reçoit le score que lui donne le questionnaire, de 0 à 1 ; "
		 "plusieurs choix s'additionnent jusqu'à 1 au plus. Les réponses « ne sait pas » "
		 "et les questions sans réponse comptent 0. Les questions masquées par des "
		 "réponses précédentes, sans objet ou non notées (texte, dates) sont écartées.\n"
		 "Le score d'un indicateur est la moyenne pondérée de ses questions. Il est "
		 "atteint à partir de 0,75, partiel au-dessus de 0,25, et non atteint sinon.\n"
		 "Le score d'un pilier est la moyenne pondérée de ses indicateurs ; chaque pilier "
		 "vaut la part de 100 points que lui donne son poids. Un indicateur ou un pilier "
		 "sans rien à compter est écarté, et les autres se partagent son poids.\n"
		 "Le score global est la somme des points des piliers. Le niveau de préparation "
		 "est le plus élevé dont le score global atteint le minimum.\n"
		 "La complétude est la part des questions affichées qui ont reçu une réponse. "
		 "Comme les questions sans réponse comptent 0, le score se lit avec sa complétude.",
		 "Cada respuesta obtiene la puntuación que le asigna el cuestionario, de 0 a 1; "
		 "varias opciones suman como máximo 1. Las respuestas «no sabe» y las preguntas "
		 "sin respuesta cuentan 0. Se excluyen las preguntas ocultas por respuestas "
		 "anteriores, las no aplicables y las que no puntúan (texto, fechas).\n"
		 "La puntuación de un indicador es la media ponderada de sus preguntas. Se cumple "
		 "a partir de 0,75, es parcial por encima de 0,25 y no se cumple en los demás "
		 "casos.\n"
		 "La puntuación de un pilar es la media ponderada de sus indicadores; cada pilar "
		 "vale la parte de 100 puntos que le da su peso. Un indicador o pilar sin nada que "
		 "contar se excluye, y los demás se reparten su peso.\n"
		 "La puntuación global es la suma de los puntos de los pilares. El nivel de "
		 "preparación es el más alto cuyo mínimo alcanza la puntuación global.\n"
		 "La exhaustividad es la parte de las preguntas mostradas que recibieron "
		 "respuesta. Como las preguntas sin respuesta cuentan 0, la puntuación debe leerse "
		 "junto con su exhaustividad."},
	[MSG_R_SHA256] = {"SHA-256 of the questionnaire file",
			  "SHA-256 du fichier du questionnaire",
			  "SHA-256 del archivo del cuestionario"},
	[MSG_R_SOURCE] = {"Source", "Source", "Fuente"},
	[MSG_R_DISPUTED] = {"Disputed", "Contesté", "En disputa"},
	[MSG_R_DISPUTED_NOTE] = {"the team has not settled between this and",
				 "l'équipe n'a pas encore tranché entre cette valeur et",
				 "el equipo aún no ha decidido entre este valor y"},
	[MSG_R_STAKEHOLDERS] = {"Stakeholders consulted", "Parties prenantes consultées",
				"Partes interesadas consultadas"},
	[MSG_R_STAKEHOLDERS_NOTE] =
		{"The meetings in which answers were given, as the assessment team recorded "
		 "them. People are named by their roles; their names are left out.",
		 "Les réunions au cours desquelles les réponses ont été données, telles que "
		 "l'équipe d'évaluation les a consignées. Les personnes sont désignées par leur "
		 "fonction ; leurs noms sont omis.",
		 "Las reuniones en las que se dieron las respuestas, tal como el equipo de "
		 "evaluación las registró. Las personas figuran por su cargo; sus nombres se "
		 "omiten."},
	[MSG_R_STAKEHOLDERS_NAMES_NOTE] =
		{"The meetings in which answers were given, as the assessment team recorded "
		 "them, with the names of the people met.",
		 "Les réunions au cours desquelles les réponses ont été données, telles que "
		 "l'équipe d'évaluation les a consignées, avec le nom des personnes rencontrées.",
		 "Las reuniones en las que se dieron las respuestas, tal como el equipo de "
		 "evaluación las registró, con el nombre de las personas entrevistadas."},
	[MSG_R_NO_MEETINGS] = {"No meeting was recorded during this assessment's sessions.",
			       "Aucune réunion n'a été consignée pendant les sessions de cette "
			       "évaluation.",
			       "No se registró ninguna reunión durante las sesiones de esta "
			       "evaluación."},
	[MSG_R_DATE] = {"Date", "Date", "Fecha"},
	[MSG_R_ORGANISATION] = {"Organisation", "Organisation", "Organización"},
	[MSG_R_PEOPLE] = {"People met", "Personnes rencontrées", "Personas entrevistadas"},
	[MSG_R_ANSWERS] = {"Answers", "Réponses", "Respuestas"},
	[MSG_R_RECORD] = {"The record", "L'enregistrement", "El registro"},
	[MSG_R_ENTRIES] = {"Entries in the assessment's history",
			   "Entrées de l'historique de "
			   "l'évaluation",
			   "Entradas del historial de la evaluación"},
	[MSG_R_HEAD] = {"Hash of the last entry", "Empreinte de la dernière entrée",
			"Hash de la última entrada"},
	[MSG_R_HEAD_NOTE] =
		{"Running 'cirt verify --expect' with this hash on the assessment's database "
		 "shows whether it still holds everything this report was made from.",
		 "La commande « cirt verify --expect » suivie de cette empreinte, sur la base de "
		 "l'évaluation, montre si elle contient encore tout ce dont ce rapport est issu.",
		 "El comando «cirt verify --expect» seguido de este hash, sobre la base de datos "
		 "de la evaluación, muestra si aún contiene todo aquello de lo que se hizo este "
		 "informe."},
	[MSG_R_PAGE] = {"Page", "Page", "Página"},
	[MSG_R_SAMPLE] = {"Sample data", "Données d'exemple", "Datos de ejemplo"},
	[MSG_C_RANK] = {"Rank", "Rang", "Pto."},
	[MSG_C_REGION] = {"Region", "Région", "Región"},
	[MSG_C_HEAT_MAP] = {"Heat map of pillar scores", "Carte de chaleur des scores par pilier",
			    "Mapa de calor de las puntuaciones por pilar"},
	[MSG_C_REGIONAL_MEANS] = {"Regional means by pillar", "Moyennes régionales par pilier",
				  "Medias regionales por pilar"},
	[MSG_C_DISTRIBUTION] = {"Distribution of overall scores", "Répartition des scores globaux",
				"Distribución de las puntuaciones globales"},
	[MSG_C_CHANGES] = {"Change since the previous cycle", "Évolution depuis le cycle précédent",
			   "Cambio desde el ciclo anterior"},
	[MSG_C_INCOMPLETE_NOTE] = {"* incomplete: unanswered questions count as 0",
				   "* incomplète : les questions sans réponse comptent 0",
				   "* incompleta: las preguntas sin respuesta cuentan 0"},
	[MSG_C_TIED_NOTE] = {"= tied: the same score, to one decimal",
			     "= ex aequo : le même score, à une décimale",
			     "= empate: la misma puntuación, con un decimal"},
	[MSG_C_WEIGHTS] = {"Weights", "Pondérations", "Ponderaciones"},
	[MSG_C_DEFAULT_WEIGHTS] = {"those of the questionnaire", "celles du questionnaire",
				   "las del cuestionario"},
	[MSG_C_RANK_RANGE] = {"Ranks", "Rangs", "Ptos."},
	[MSG_C_BEFORE] = {"Before", "Avant", "Antes"},
	[MSG_C_SHORT_OVERALL] = {"Overall", "Global", "Global"},
	[MSG_C_SHORT_TIER] = {"Tier", "Niveau", "Nivel"},
	[MSG_C_SHORT_COMPLETE] = {"Answered", "Réponses", "Respuestas"},
	[MSG_C_NOW] = {"Now", "Maintenant", "Ahora"},
	[MSG_S_PILLAR] = {"PILLAR", "PILIER", "PILAR"},
	[MSG_S_POINTS] = {"POINTS", "POINTS", "PUNTOS"},
	[MSG_S_OF] = {"OF", "SUR", "DE"},
	[MSG_S_OVERALL] = {"Overall", "Global", "Global"},
	[MSG_S_DRAFT] = {"draft", "projet", "borrador"},
	[MSG_S_FINAL] = {"final", "définitif", "definitivo"},
	[MSG_S_OF_WORD] = {"of", "sur", "de"},
	[MSG_S_SHOWN_ANSWERED] =
		{"questions shown answered; unanswered questions count as 0",
		 "questions affichées ont une réponse ; les questions sans réponse "
		 "comptent 0",
		 "preguntas mostradas con respuesta; las preguntas sin respuesta "
		 "cuentan 0"},
	[MSG_A_ANSWER] = {"answer", "réponse", "respuesta"},
	[MSG_A_ANSWERS] = {"answers", "réponses", "respuestas"},
	[MSG_A_EVIDENCE] = {"evidence", "preuve", "prueba"},
	[MSG_A_NOTE] = {"note", "note", "nota"},
	[MSG_A_FLAGGED] = {"[flagged]", "[à revoir]", "[marcada]"},
	[MSG_A_GONE] = {"(no longer in the questionnaire)", "(n'est plus dans le questionnaire)",
			"(ya no está en el cuestionario)"},
	[MSG_C_SENSITIVITY_NOTE] =
		{"Ranks: the best and worst rank each country takes when each pillar's weight in "
		 "turn moves by 25% either way.",
		 "Rangs : le meilleur et le moins bon rang de chaque pays lorsque le poids de "
		 "chaque pilier varie tour à tour de 25 % dans un sens ou dans l'autre.",
		 "Puestos: el mejor y el peor puesto de cada país cuando el peso de cada pilar "
		 "varía por turnos un 25 % en un sentido u otro."},
	[MSG_ERR_RANGE] = {"is not on the list; choose", "n'est pas dans la liste ; choisissez",
			   "no está en la lista; elija"},
	[MSG_ERR_AMBIGUOUS] =
		{"matches several choices; type more of the label or its number:",
		 "correspond à plusieurs choix ; tapez plus du libellé ou son numéro :",
		 "corresponde a varias opciones; escriba más de la etiqueta o su "
		 "número:"},
	[MSG_ERR_NUMBER_AMBIGUOUS] =
		{"is ambiguous: write thousands as 1000 or 1 000, and a decimal as 1.5",
		 "est ambigu : écrivez les milliers 1000 ou 1 000, et un nombre décimal 1,5",
		 "es ambiguo: escriba los millares 1000 o 1 000, y un decimal 1,5"},
	[MSG_R_TEAM_SUMMARY] = {"The assessment team's summary",
				"Synthèse de l'équipe d'évaluation",
				"Resumen del equipo de evaluación"},
	[MSG_R_NO_SUMMARY] =
		{"The assessment team has not written a summary yet (cirt findings).",
		 "L'équipe d'évaluation n'a pas encore rédigé de synthèse (cirt findings).",
		 "El equipo de evaluación aún no ha redactado un resumen (cirt findings)."},
	[MSG_R_FINDINGS] = {"Findings of the assessment team", "Constats de l'équipe d'évaluation",
			    "Conclusiones del equipo de evaluación"},
	[MSG_R_TOO_FEW] = {"Too few indicators are scored to name the strongest and the weakest.",
			   "Trop peu d'indicateurs sont notés pour désigner les plus solides et "
			   "les plus faibles.",
			   "Hay demasiado pocos indicadores puntuados para señalar los más sólidos "
			   "y los más débiles."},
	[MSG_R_REGION_MEAN_ONE] = {"Regional mean (%1, %2 final assessment)",
				   "Moyenne régionale (%1, %2 évaluation finale)",
				   "Media regional (%1, %2 evaluación final)"},
	[MSG_R_REGION_MEAN_MANY] = {"Regional mean (%1, %2 final assessments)",
				    "Moyenne régionale (%1, %2 évaluations finales)",
				    "Media regional (%1, %2 evaluaciones finales)"},
	[MSG_R_GLOBAL_MEAN_ONE] = {"Global mean (%2 final assessment)",
				   "Moyenne mondiale (%2 évaluation finale)",
				   "Media mundial (%2 evaluación final)"},
	[MSG_R_GLOBAL_MEAN_MANY] = {"Global mean (%2 final assessments)",
				    "Moyenne mondiale (%2 évaluations finales)",
				    "Media mundial (%2 evaluaciones finales)"},
	[MSG_R_REGION_MEAN_DRAFTS_ONE] =
		{"Regional mean (%1, %2 assessment, drafts included)",
		 "Moyenne régionale (%1, %2 évaluation, brouillons compris)",
		 "Media regional (%1, %2 evaluación, borradores incluidos)"},
	[MSG_R_REGION_MEAN_DRAFTS_MANY] =
		{"Regional mean (%1, %2 assessments, drafts included)",
		 "Moyenne régionale (%1, %2 évaluations, brouillons compris)",
		 "Media regional (%1, %2 evaluaciones, borradores incluidos)"},
	[MSG_R_GLOBAL_MEAN_DRAFTS_ONE] = {"Global mean (%2 assessment, drafts included)",
					  "Moyenne mondiale (%2 évaluation, brouillons compris)",
					  "Media mundial (%2 evaluación, borradores incluidos)"},
	[MSG_R_GLOBAL_MEAN_DRAFTS_MANY] = {"Global mean (%2 assessments, drafts included)",
					   "Moyenne mondiale (%2 évaluations, brouillons compris)",
					   "Media mundial (%2 evaluaciones, borradores incluidos)"},
	[MSG_C_ASSESSMENTS_ONE] = {"%1 assessment", "%1 évaluation", "%1 evaluación"},
	[MSG_C_ASSESSMENTS_MANY] = {"%1 assessments", "%1 évaluations", "%1 evaluaciones"},
	[MSG_R_FITTED_NOTE] =
		{"What the answers show is missing, in the order of the roadmap: the short term "
		 "first, and within a phase the largest gain first. The points are what the "
		 "overall score gains when a recommendation is carried out.",
		 "Ce que les réponses montrent comme manquant, dans l'ordre de la feuille de route "
		 ": le court terme d'abord et, dans chaque phase, le gain le plus élevé en "
		 "premier. Les points sont ce que gagne le score global lorsqu'une recommandation "
		 "est mise en œuvre.",
		 "Lo que las respuestas muestran que falta, en el orden de la hoja de ruta: "
		 "primero el corto plazo y, dentro de cada fase, la mayor ganancia primero. Los "
		 "puntos son lo que gana la puntuación global cuando se aplica una recomendación."},
	[MSG_R_NO_RECOMMENDATIONS] =
		{"Nothing to recommend: every answered question is at its best.",
		 "Aucune recommandation : chaque question répondue est à son meilleur niveau.",
		 "Nada que recomendar: cada pregunta respondida está en su mejor nivel."},
	[MSG_R_ROADMAP] = {"Roadmap", "Feuille de route", "Hoja de ruta"},
	[MSG_R_ROADMAP_NOTE] =
		{"The recommendations in three phases, with the bodies that lead them and the "
		 "points each phase adds to the overall score when all of it is carried out. The "
		 "line shows the score after each phase and the thresholds of the tiers.",
		 "Les recommandations en trois phases, avec les organismes qui les pilotent et les "
		 "points que chaque phase ajoute au score global lorsqu'elle est entièrement mise "
		 "en œuvre. La ligne montre le score après chaque phase et les seuils des niveaux.",
		 "Las recomendaciones en tres fases, con los organismos que las dirigen y los "
		 "puntos que cada fase suma a la puntuación global cuando se aplica por completo. "
		 "La línea muestra la puntuación tras cada fase y los umbrales de los niveles."},
	[MSG_R_HORIZON_SHORT] = {"Short term · 0–6 months", "Court terme · 0 à 6 mois",
				 "Corto plazo · 0 a 6 meses"},
	[MSG_R_HORIZON_MEDIUM] = {"Medium term · 6–18 months", "Moyen terme · 6 à 18 mois",
				  "Medio plazo · 6 a 18 meses"},
	[MSG_R_HORIZON_LONG] = {"Long term · 18–36 months", "Long terme · 18 à 36 mois",
				"Largo plazo · 18 a 36 meses"},
	[MSG_R_NOW] = {"Today", "Aujourd'hui", "Hoy"},
	[MSG_R_RECOMMENDATION_COUNT_ONE] = {"%1 recommendation", "%1 recommandation",
					    "%1 recomendación"},
	[MSG_R_RECOMMENDATION_COUNT_MANY] = {"%1 recommendations", "%1 recommandations",
					     "%1 recomendaciones"},
	[MSG_R_PHASE_GAIN] = {"+%1 points", "+%1 points", "+%1 puntos"},
	[MSG_R_NEXT_TIER_IN_PHASE] = {"%1 is reached in this phase.",
				      "Le niveau %1 est atteint dans cette phase.",
				      "El nivel %1 se alcanza en esta fase."},
	[MSG_R_NEXT_TIER_NOT_REACHED] =
		{"Carrying out every recommendation does not reach %1: the questions still "
		 "unanswered decide the rest.",
		 "La mise en œuvre de toutes les recommandations n'atteint pas le niveau %1 : les "
		 "questions encore sans réponse décident du reste.",
		 "Aplicar todas las recomendaciones no alcanza el nivel %1: las preguntas aún sin "
		 "respuesta deciden el resto."},
	[MSG_R_PHASE] = {"Phase", "Phase", "Fase"},
	[MSG_R_RECOMMENDATION] = {"Recommendation", "Recommandation", "Recomendación"},
	[MSG_R_LEAD] = {"Lead", "Pilote", "Responsable"},
	[MSG_R_EFFORT] = {"Effort", "Effort", "Esfuerzo"},
	[MSG_R_POINTS_SHORT] = {"Points", "Points", "Puntos"},
	[MSG_EFFORT_LOW] = {"low", "faible", "bajo"},
	[MSG_EFFORT_MEDIUM] = {"medium", "moyen", "medio"},
	[MSG_EFFORT_HIGH] = {"high", "élevé", "alto"},
	[MSG_BODY_GOVERNMENT] = {"Government", "Gouvernement", "Gobierno"},
	[MSG_BODY_MINISTRY] = {"Ministry in charge", "Ministère de tutelle",
			       "Ministerio competente"},
	[MSG_BODY_PARLIAMENT] = {"Parliament", "Parlement", "Parlamento"},
	[MSG_BODY_REGULATOR] = {"Regulator", "Régulateur", "Regulador"},
	[MSG_BODY_CIRT] = {"National CIRT", "CIRT national", "CIRT nacional"},
	[MSG_BODY_LAW_ENFORCEMENT] = {"Law enforcement", "Forces de l'ordre", "Fuerzas del orden"},
	[MSG_BODY_JUDICIARY] = {"Judiciary", "Autorité judiciaire", "Poder judicial"},
	[MSG_BODY_DATA_PROTECTION] = {"Data protection authority",
				      "Autorité de protection des données",
				      "Autoridad de protección de datos"},
	[MSG_BODY_EDUCATION] = {"Education and research", "Enseignement et recherche",
				"Educación e investigación"},
	[MSG_BODY_FOREIGN_AFFAIRS] = {"Foreign affairs", "Affaires étrangères",
				      "Asuntos exteriores"},
	[MSG_BODY_OPERATORS] = {"Operators", "Opérateurs", "Operadores"},
	[MSG_R_FOOTER] = {"Page {page} of {pages}", "Page {page} sur {pages}",
			  "Página {page} de {pages}"},
	[MSG_R_DISPUTED_MARK] = {"Disputed", "Contestée", "En disputa"},
	[MSG_R_STAKEHOLDER_INSTITUTIONS] = {"Institutions consulted", "Institutions consultées",
					    "Instituciones consultadas"},
	[MSG_R_MEETINGS] = {"Meetings", "Réunions", "Reuniones"},
	[MSG_R_ROLES] = {"Roles met", "Fonctions rencontrées", "Cargos entrevistados"},
	[MSG_R_RADAR_CAPTION] = {"Pillar scores, in per cent of each pillar's maximum",
				 "Scores par pilier, en pourcentage du maximum de chaque pilier",
				 "Puntuación por pilar, en porcentaje del máximo de cada pilar"},
	[MSG_R_ROADMAP_CAPTION] =
		{"Roadmap timeline: the score after each phase against the tier thresholds",
		 "Chronologie de la feuille de route : le score après chaque phase face aux seuils "
		 "des niveaux",
		 "Cronología de la hoja de ruta: la puntuación tras cada fase frente a los "
		 "umbrales de los niveles"},
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

enum msg
i18n_plural(const char *lang, unsigned long n, enum msg one, enum msg many)
{
	if (lang && strncmp(lang, "fr", 2) == 0)
		return n <= 1 ? one : many;
	return n == 1 ? one : many;
}

char *
i18n_fill(const char *lang, enum msg m, const char *a, const char *b)
{
	const char *t = i18n(lang, m);
	size_t cap = strlen(t) + (a ? strlen(a) : 0) * 2 + (b ? strlen(b) : 0) * 2 + 1;
	char *out = xmalloc(cap);
	size_t n = 0;

	while (*t) {
		const char *put = NULL;

		if (t[0] == '%' && (t[1] == '1' || t[1] == '2')) {
			put = t[1] == '1' ? a : b;
			t += 2;
			if (put) {
				size_t k = strlen(put);

				memcpy(out + n, put, k);
				n += k;
			}
			continue;
		}
		out[n++] = *t++;
	}
	out[n] = '\0';
	return out;
}

const char *
i18n_number(char buf[I18N_NUMBER_SIZE], double v, const char *lang)
{
	char raw[32];
	const char *digits;
	size_t whole;
	char *o = buf;

	snprintf(raw, sizeof(raw), "%.15g", v);
	if (strpbrk(raw, "eEnN") != NULL) { /* huge, tiny, or not a number */
		snprintf(buf, I18N_NUMBER_SIZE, "%s", raw);
		return buf;
	}
	digits = raw[0] == '-' ? raw + 1 : raw;
	whole = strcspn(digits, ".");
	if (digits != raw)
		*o++ = '-';
	for (size_t i = 0; i < whole; i++) {
		if (whole >= 5 && i > 0 && (whole - i) % 3 == 0) {
			memcpy(o, "\u00a0", 2);
			o += 2;
		}
		*o++ = digits[i];
	}
	if (digits[whole] == '.') {
		*o++ = *i18n(lang, MSG_DECIMAL_MARK);
		memcpy(o, digits + whole + 1, strlen(digits + whole + 1));
		o += strlen(digits + whole + 1);
	}
	*o = '\0';
	return buf;
}

const char *
i18n_fixed(char buf[I18N_NUMBER_SIZE], double v, int decimals, int sign, const char *lang)
{
	char *dot;

	snprintf(buf, I18N_NUMBER_SIZE, sign ? "%+.*f" : "%.*f", decimals, v);
	dot = strchr(buf, '.');
	if (dot)
		*dot = *i18n(lang, MSG_DECIMAL_MARK);
	return buf;
}
