/* cirt's own words, through gettext: the English text of each message is
 * its msgid, and po/LANG.po its translation, compiled by msgfmt into
 * LANG/LC_MESSAGES/cirt.mo. Each language's row is looked up once, in one
 * switch of the message language, and kept. */
#include "i18n.h"

#include <libintl.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "xmalloc.h"

#define DOMAIN "cirt"

#ifndef CIRT_LOCALEDIR
#define CIRT_LOCALEDIR "/usr/local/share/locale"
#endif

/* Every language cirt speaks, English (the msgids) first. */
static const char *const languages[] = {"en", "fr", "es", "ru", "ar", "zh"};

#define LANGUAGE_COUNT (sizeof(languages) / sizeof(languages[0]))

struct message {
	const char *text;   /* the msgid, or context \004 msgid */
	const char *plural; /* the plural msgid, or NULL */
};

/* Marks for xgettext (make po): a message, one with a context, one with
 * a plural form. */
#define N_(s)                                                                                      \
	{                                                                                          \
		s, NULL                                                                            \
	}
#define NC_(c, s)                                                                                  \
	{                                                                                          \
		c "\004" s, NULL                                                                   \
	}
#define NN_(s, p)                                                                                  \
	{                                                                                          \
		s, p                                                                               \
	}

static const struct message catalogue[MSG_COUNT] = {
	/* TRANSLATORS: what a person types (or sees) for yes in a session: a plain everyday word */
	[MSG_YES] = N_("yes"),
	/* TRANSLATORS: what a person types (or sees) for no in a session */
	[MSG_NO] = N_("no"),
	[MSG_WEIGHT] = N_("weight"),
	/* TRANSLATORS: the percent sign with the spacing your language puts before it */
	[MSG_PERCENT] = N_("%"),
	/* TRANSLATORS: one character: the decimal mark of your language */
	[MSG_DECIMAL_MARK] = N_("."),
	/* TRANSLATORS: a colon after a label, with the spacing your language puts before it */
	[MSG_COLON] = N_(":"),
	[MSG_SHOWN_IF] = N_("shown if %1"),
	[MSG_REQUIRED] = N_("required"),
	[MSG_EVIDENCE] = N_("evidence"),
	[MSG_NOT_SCORED] = N_("not scored"),
	[MSG_TIERS] = N_("Readiness tiers:"),
	[MSG_LANGUAGES] = N_("languages"),
	[MSG_DEFAULT] = N_("default"),
	[MSG_SHOWN] = N_("shown"),
	[MSG_VERSION] = N_("version"),
	[MSG_FILE] = N_("file"),
	[MSG_DONT_KNOW] = N_("don't know"),
	[MSG_NOT_APPLICABLE] = N_("not applicable"),
	[MSG_NONE_OF_THEM] = N_("none of them"),
	[MSG_PILLAR] = N_("Pillar"),
	[MSG_EVIDENCE_EXPECTED] = N_("evidence expected"),
	[MSG_CURRENT_ANSWER] = N_("Current answer"),
	[MSG_EVIDENCE_LABEL] = N_("Evidence"),
	[MSG_NOTE_LABEL] = N_("Note"),
	[MSG_FLAGGED] = N_("flagged for review"),
	/* TRANSLATORS: keep ?, dk, na and :help as they are */
	[MSG_HINT] = N_("Answer, or type ? for help, dk (don't know), na (not applicable), :help "
			"for commands"),
	[MSG_HINT_MULTI] =
		N_("choose one or more numbers or labels separated by commas, or - for none"),
	[MSG_HINT_NUMBER] = N_("a number"),
	[MSG_WHOLE_NUMBERS] = N_("whole numbers only"),
	[MSG_HINT_DATE] = N_("a date written YYYY-MM-DD"),
	[MSG_HINT_TEXT] = N_("free text"),
	[MSG_NO_HELP] = N_("There is no help text for this question."),
	/* TRANSLATORS: keep the commands (?, dk, na, :back ...) as they are, and the columns aligned */
	[MSG_COMMANDS_HELP] = N_(
		"  ?              help for this question\n"
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
		"                 the meeting in progress, the source of the answers given in it;\n"
		"                 :with ORG takes up a meeting named before, :with - ends it\n"
		"  :list [K|all]  the questions of this pillar (or pillar K, or all):\n"
		"                 number, id, status and answer (:review is the same)\n"
		"  :quit          save and stop (Ctrl-D and Ctrl-C do the same)\n"),
	[MSG_REASON_PROMPT] = N_("Reason for the change (optional, Enter to skip)"),
	[MSG_SAVED] = N_("Saved."),
	[MSG_END] = N_("End of the questionnaire."),
	[MSG_ALL_ANSWERED] = N_("Every question shown is answered."),
	[MSG_FLAGGED_LIST] = N_("Flagged for review"),
	[MSG_RESUME] = N_("Resume with"),
	[MSG_FIRST_QUESTION] = N_("This is the first question."),
	[MSG_NO_QUESTION_HERE] = N_("There is no question here: use :back, :goto QID or :quit."),
	[MSG_UNKNOWN_COMMAND] = N_("Unknown command; :help lists them."),
	[MSG_UNKNOWN_QUESTION] = N_("There is no question with that id."),
	[MSG_HIDDEN_QUESTION] =
		N_("That question is hidden by the answers so far; it is shown only if %1"),
	[MSG_NO_PILLAR] = N_("There is no such pillar; choose 1-%1"),
	[MSG_FLAG_SET] = N_("Flagged for review."),
	[MSG_FLAG_CLEARED] = N_("Flag removed."),
	[MSG_EVIDENCE_SAVED] = N_("Evidence saved."),
	[MSG_NOTE_SAVED] = N_("Note saved."),
	[MSG_UNCHANGED] = N_("Unchanged."),
	[MSG_NO_EVIDENCE] = N_("No evidence yet; add it with :evidence TEXT."),
	[MSG_NO_NOTE] = N_("No note yet; add one with :note TEXT."),
	[MSG_REVIEW_TITLE] = N_("Answers in this pillar"),
	[MSG_NOT_ANSWERED] = N_("not answered"),
	[MSG_HIDDEN] = N_("hidden"),
	[MSG_INTERRUPTED] = N_("Interrupted."),
	[MSG_RECORDING_AS] = N_("Recording as"),
	[MSG_NEW_ASSESSMENT] = N_("A new assessment: it is recorded from its first answer on."),
	[MSG_NOTHING_RECORDED] = N_("Nothing was recorded; no assessment was started."),
	[MSG_NOT_SAVED] = N_("NOT SAVED:"),
	[MSG_NOT_SAVED_SUMMARY] = N_("Changes not saved"),
	[MSG_MEETING] = N_("Meeting"),
	[MSG_NO_MEETING] =
		N_("No meeting named: answers have no source. Name one with :with ORG, ROLE."),
	[MSG_MEETING_ENDED] = N_("Meeting ended; answers have no source now."),
	[MSG_MEETING_KNOWN] = N_("Meetings so far:"),
	[MSG_MEETING_AMBIGUOUS] =
		N_("Several meetings match; type more of the name or its number:"),
	[MSG_MEETING_FORMAT] = N_("Name the meeting as :with ORGANISATION, ROLE (NAME); ROLE, "
				  "YYYY-MM-DD (the date is optional: today)"),
	[MSG_KEPT] = N_("kept"),
	[MSG_WOULD_HIDE] = N_("This answer hides questions already answered (their answers are "
			      "kept but no longer count):"),
	[MSG_CONFIRM_HIDE] = N_("Record it all the same?"),
	[MSG_NOT_CHANGED] = N_("Not changed."),
	[MSG_END_CHOICES] =
		N_("Type :back for the last question, :goto QID for another, or :quit to stop."),
	[MSG_END_PROMPT] = N_("end"),
	[MSG_NO_UNANSWERED] = N_("No other question shown is unanswered."),
	[MSG_NO_FLAGGED] = N_("No other question is flagged."),
	[MSG_NO_DISPUTED] = N_("No other question is disputed."),
	[MSG_SKIPPED_LIST] = N_("Skipped"),
	[MSG_DISPUTED_MARK] = N_("disputed"),
	[MSG_ALL_QUESTIONS] = N_("All questions"),
	[MSG_NO_ATTACHMENT] = N_("this question has no attachment of that number"),
	[MSG_QUESTIONS_SHOWN_NOW] = N_("questions shown: %1 → %2"),
	[MSG_NO_EVIDENCE_ITEM] = N_("there is no evidence item of that number"),
	[MSG_EVIDENCE_FULL] =
		N_("the evidence list is full; take an item out first (:evidence -N)"),
	[MSG_ATTACHED] = N_("Attached"),
	[MSG_ATTACHMENT_REMOVED] = N_("Attachment removed."),
	[MSG_ATTACHMENTS_LABEL] = N_("Attachments"),
	[MSG_FINDING_SUMMARY] = N_("Executive summary"),
	[MSG_FINDING_PILLAR] = N_("Findings on pillar %1 · %2"),
	[MSG_FINDING_SAVED] = N_("text saved"),
	[MSG_FINDING_REMOVED] = N_("text removed"),
	[MSG_FINDING_UNCHANGED] = N_("Unchanged; nothing was recorded."),
	[MSG_FINDING_NO_EDITOR] =
		N_("No editor: set EDITOR (or VISUAL) to one, for example EDITOR=nano."),
	[MSG_FINDING_NOT_RECORDED] = N_("Nothing was recorded: %1"),
	[MSG_FINDING_LINE] = N_("Nothing was recorded: line %1: %2"),
	[MSG_CTRL_C_AGAIN] =
		N_("Ctrl-C again, or :quit, stops the session; what is saved stays saved."),
	[MSG_MEETING_DATE] = N_("a meeting's date is a day from 2000 to today"),
	[MSG_ERR_EMPTY] = N_("the answer is empty"),
	[MSG_ERR_YESNO] = N_("answer yes or no (1 or 2)"),
	[MSG_ERR_CHOICE] = N_("choose a number from the list, or type a choice's value or label"),
	[MSG_ERR_LEVEL] = N_("choose a level from the list, or type its label"),
	[MSG_ERR_MULTI] = N_("'%1' is not a choice; choose numbers or labels from the list "
			     "separated by commas, or - for none"),
	[MSG_ERR_NUMBER] = N_("'%1' is not a number (write it like 12, 3.5 or 1 000)"),
	[MSG_ERR_WHOLE] = N_("'%1' is not a whole number"),
	[MSG_ERR_OUTSIDE] = N_("'%1' is outside the allowed range (%2)"),
	[MSG_ERR_DATE] = N_("'%1' is not a valid date; write it YYYY-MM-DD"),
	[MSG_ERR_CONTROL] = N_("control characters (such as escape sequences) are not allowed"),
	[MSG_ERR_UTF8] = N_("the text is not valid UTF-8"),
	[MSG_ERR_TOO_LONG] = N_("the text is too long"),
	[MSG_R_COUNTRY] = N_("Country"),
	[MSG_R_CYCLE] = N_("Cycle"),
	[MSG_R_MISSION] = N_("Mission"),
	[MSG_R_ASSESSORS] = N_("Assessors"),
	[MSG_R_QUESTIONNAIRE] = N_("Questionnaire"),
	[MSG_R_STATUS] = N_("Status"),
	[MSG_R_DRAFT] = N_("Draft"),
	[MSG_R_FINAL] = N_("Final"),
	[MSG_R_REPORT_DATE] = N_("Report date"),
	[MSG_R_SUMMARY] = N_("Executive summary"),
	[MSG_R_OVERALL] = N_("Overall score"),
	[MSG_R_TIER] = N_("Readiness tier"),
	[MSG_R_COMPLETENESS] = N_("Completeness"),
	[MSG_R_COMPLETENESS_NOTE] =
		N_("questions shown that were answered. Unanswered and don't know count as 0; not "
		   "applicable and hidden questions are left out."),
	[MSG_R_POINTS] = N_("Points"),
	[MSG_R_SCORE] = N_("Score"),
	[MSG_R_MAXIMUM] = N_("Maximum"),
	[MSG_R_INDICATOR] = N_("Indicator"),
	[MSG_R_STRONGEST] = N_("Strongest indicators"),
	[MSG_R_WEAKEST] = N_("Weakest indicators"),
	[MSG_R_COMPARISON] = N_("Comparison"),
	[MSG_R_MET] = N_("met"),
	[MSG_R_PARTIAL] = N_("partial"),
	[MSG_R_NOT_MET] = N_("not met"),
	[MSG_R_ANSWER] = N_("Answer"),
	[MSG_R_NOT_ANSWERED] = N_("Not answered"),
	[MSG_R_RECOMMENDATIONS] = N_("Recommendations"),
	[MSG_R_GAIN] = N_("%1 points to gain"),
	[MSG_R_PATH] = N_("Path to the next tier"),
	[MSG_R_PATH_INTRO] =
		N_("Fully meeting these indicators lifts the overall score into the tier %1 (%2):"),
	[MSG_R_PATH_TOP] = N_("The country has reached the top tier."),
	[MSG_R_PATH_NONE] = N_(
		"No set of indicators reaches the next tier with the questions answered so far."),
	[MSG_R_OPEN_ITEMS] = N_("Open items"),
	[MSG_R_DONT_KNOW_LIST] = N_("Answered “don't know”"),
	[MSG_R_NONE] = N_("None."),
	[MSG_R_PROGRESS] = N_("Progress since %1"),
	[MSG_R_CHANGE] = N_("Change"),
	[MSG_R_METHODOLOGY] = N_("Methodology"),
	[MSG_R_METHOD_TEXT] = N_(
		"Each answer earns the score the questionnaire gives it, from 0 to 1; several "
		"choices add up to at most 1. Don't know and unanswered questions count as 0. "
		"Questions hidden by earlier answers, answered not applicable, or without a score "
		"(text, dates) are left out.\n"
		"An indicator's score is the weighted mean of its questions. It is met at 0.75 or "
		"more, partial above 0.25, and not met otherwise.\n"
		"A pillar's score is the weighted mean of its indicators; each pillar is worth its "
		"weight's share of 100 points. An indicator or pillar with nothing left to count "
		"is left out, and the others share its weight.\n"
		"The overall score is the sum of the pillars' points. The readiness tier is the "
		"highest tier whose minimum the overall score reaches.\n"
		"Completeness is the share of the questions shown that were answered. Because "
		"unanswered questions count as 0, read the score together with its completeness."),
	[MSG_R_SHA256] = N_("SHA-256 of the questionnaire file"),
	[MSG_R_SOURCE] = N_("Source"),
	[MSG_R_DISPUTED] = NC_("note", "Disputed"),
	[MSG_R_DISPUTED_NOTE] = N_("the team has not settled between this and"),
	[MSG_R_STAKEHOLDERS] = N_("Stakeholders consulted"),
	[MSG_R_STAKEHOLDERS_NOTE] =
		N_("The meetings in which answers were given, as the assessment team recorded "
		   "them. People are named by their roles; their names are left out."),
	[MSG_R_STAKEHOLDERS_NAMES_NOTE] =
		N_("The meetings in which answers were given, as the assessment team recorded "
		   "them, with the names of the people met."),
	[MSG_R_NO_MEETINGS] = N_("No meeting was recorded during this assessment's sessions."),
	[MSG_R_DATE] = N_("Date"),
	[MSG_R_ORGANISATION] = N_("Organisation"),
	[MSG_R_PEOPLE] = N_("People met"),
	[MSG_R_ANSWERS] = N_("Answers"),
	[MSG_R_RECORD] = N_("The record"),
	[MSG_R_ENTRIES] = N_("Entries in the assessment's history"),
	[MSG_R_HEAD] = N_("Hash of the last entry"),
	[MSG_R_HEAD_NOTE] =
		N_("Running 'cirt verify --expect' with this hash on the assessment's database "
		   "shows whether it still holds everything this report was made from."),
	[MSG_R_SAMPLE] = N_("Sample data"),
	[MSG_C_RANK] = N_("Rank"),
	[MSG_C_REGION] = N_("Region"),
	[MSG_C_HEAT_MAP] = N_("Heat map of pillar scores"),
	[MSG_C_REGIONAL_MEANS] = N_("Regional means by pillar"),
	[MSG_C_DISTRIBUTION] = N_("Distribution of overall scores"),
	[MSG_C_CHANGES] = N_("Change since the previous cycle"),
	[MSG_C_INCOMPLETE_NOTE] = N_("* incomplete: unanswered questions count as 0"),
	[MSG_C_TIED_NOTE] = N_("= tied: the same score, to one decimal"),
	[MSG_C_WEIGHTS] = N_("Weights"),
	[MSG_C_DEFAULT_WEIGHTS] = N_("those of the questionnaire"),
	[MSG_C_RANK_RANGE] = N_("Ranks"),
	[MSG_C_BEFORE] = N_("Before"),
	[MSG_C_SHORT_OVERALL] = N_("Overall"),
	[MSG_C_SHORT_TIER] = N_("Tier"),
	[MSG_C_SHORT_COMPLETE] = N_("Answered"),
	[MSG_C_NOW] = N_("Now"),
	[MSG_S_PILLAR] = N_("PILLAR"),
	[MSG_S_POINTS] = N_("POINTS"),
	[MSG_S_OF] = N_("OF"),
	[MSG_S_OVERALL] = N_("Overall"),
	[MSG_S_DRAFT] = N_("draft"),
	[MSG_S_FINAL] = N_("final"),
	[MSG_A_ANSWERS_COUNT] = NN_("%1 answer", "%1 answers"),
	[MSG_A_HIDDEN_KEPT] = NN_(
		"%1 more answer is kept for a question that skip logic now hides, marked (%2)",
		"%1 more answers are kept for questions that skip logic now hides, marked (%2)"),
	[MSG_A_EVIDENCE] = N_("evidence"),
	[MSG_A_NOTE] = N_("note"),
	[MSG_A_FLAGGED] = N_("[flagged]"),
	[MSG_A_GONE] = N_("(no longer in the questionnaire)"),
	[MSG_C_SENSITIVITY_NOTE] = N_("Ranks: the best and worst rank each country takes when each "
				      "pillar's weight in turn moves by 25% either way."),
	[MSG_ERR_RANGE] = N_("'%1' is not on the list; choose 1 to %2"),
	[MSG_ERR_AMBIGUOUS] =
		N_("'%1' matches several choices; type more of the label or its number:"),
	[MSG_ERR_NUMBER_AMBIGUOUS] =
		N_("'%1' is ambiguous: write thousands as 1000 or 1 000, and a decimal as 1.5"),
	[MSG_R_TEAM_SUMMARY] = N_("The assessment team's summary"),
	[MSG_R_NO_SUMMARY] =
		N_("The assessment team has not written a summary yet (cirt findings)."),
	[MSG_R_FINDINGS] = N_("Findings of the assessment team"),
	[MSG_R_TOO_FEW] =
		N_("Too few indicators are scored to name the strongest and the weakest."),
	[MSG_R_REGION_MEAN_COUNT] = NN_("Regional mean (%1, %2 final assessment)",
					"Regional mean (%1, %2 final assessments)"),
	[MSG_R_GLOBAL_MEAN_COUNT] =
		NN_("Global mean (%2 final assessment)", "Global mean (%2 final assessments)"),
	[MSG_R_REGION_MEAN_DRAFTS_COUNT] =
		NN_("Regional mean (%1, %2 assessment, drafts included)",
		    "Regional mean (%1, %2 assessments, drafts included)"),
	[MSG_R_GLOBAL_MEAN_DRAFTS_COUNT] = NN_("Global mean (%2 assessment, drafts included)",
					       "Global mean (%2 assessments, drafts included)"),
	[MSG_C_ASSESSMENTS_COUNT] = NN_("%1 assessment", "%1 assessments"),
	[MSG_R_FITTED_NOTE] =
		N_("What the answers show is missing, in the order of the roadmap: the short term "
		   "first, and within a phase the largest gain first. The points are what the "
		   "overall score gains when a recommendation is carried out."),
	[MSG_R_NO_RECOMMENDATIONS] =
		N_("Nothing to recommend: every answered question is at its best."),
	[MSG_R_ROADMAP] = N_("Roadmap"),
	[MSG_R_ROADMAP_NOTE] =
		N_("The recommendations in three phases, with the bodies that lead them and the "
		   "points each phase adds to the overall score when all of it is carried out. The "
		   "line shows the score after each phase and the thresholds of the tiers."),
	[MSG_R_HORIZON_SHORT] = N_("Short term · 0–6 months"),
	[MSG_R_HORIZON_MEDIUM] = N_("Medium term · 6–18 months"),
	[MSG_R_HORIZON_LONG] = N_("Long term · 18–36 months"),
	[MSG_R_NOW] = N_("Today"),
	[MSG_R_RECOMMENDATION_COUNT] = NN_("%1 recommendation", "%1 recommendations"),
	[MSG_R_PHASE_GAIN] = N_("+%1 points"),
	[MSG_R_NEXT_TIER_IN_PHASE] = N_("%1 is reached in this phase."),
	[MSG_R_NEXT_TIER_NOT_REACHED] = N_("Carrying out every recommendation does not reach %1: "
					   "the questions still unanswered decide the rest."),
	[MSG_R_PHASE] = N_("Phase"),
	[MSG_R_LEAD] = N_("Lead"),
	[MSG_R_EFFORT] = N_("Effort"),
	[MSG_R_POINTS_SHORT] = N_("Points"),
	[MSG_EFFORT_LOW] = N_("low"),
	[MSG_EFFORT_MEDIUM] = N_("medium"),
	[MSG_EFFORT_HIGH] = N_("high"),
	[MSG_BODY_GOVERNMENT] = N_("Government"),
	[MSG_BODY_MINISTRY] = N_("Ministry in charge"),
	[MSG_BODY_PARLIAMENT] = N_("Parliament"),
	[MSG_BODY_REGULATOR] = N_("Regulator"),
	[MSG_BODY_CIRT] = N_("National CIRT"),
	[MSG_BODY_LAW_ENFORCEMENT] = N_("Law enforcement"),
	[MSG_BODY_JUDICIARY] = N_("Judiciary"),
	[MSG_BODY_DATA_PROTECTION] = N_("Data protection authority"),
	[MSG_BODY_EDUCATION] = N_("Education and research"),
	[MSG_BODY_FOREIGN_AFFAIRS] = N_("Foreign affairs"),
	[MSG_BODY_OPERATORS] = N_("Operators"),
	/* TRANSLATORS: keep {page} and {pages} */
	[MSG_R_FOOTER] = N_("Page {page} of {pages}"),
	[MSG_R_DISPUTED_MARK] = NC_("mark", "Disputed"),
	[MSG_R_STAKEHOLDER_INSTITUTIONS] = N_("Institutions consulted"),
	[MSG_R_MEETINGS] = N_("Meetings"),
	[MSG_R_ROLES] = N_("Roles met"),
	[MSG_R_RADAR_CAPTION] = N_("Pillar scores, in per cent of each pillar's maximum"),
	[MSG_R_ROADMAP_CAPTION] =
		N_("Roadmap timeline: the score after each phase against the tier thresholds"),
	[MSG_RANGE] = N_("%1 to %2"),
	[MSG_OUTLINE_COUNTS] = N_(
		"pillars: %1, indicators: %2, questions: %3; maximum reachable score: %4 of 100"),
	[MSG_PILLAR_WEIGHT] = N_("weight %1, %2 of 100 points"),
	[MSG_INDICATOR_WEIGHT] = N_("weight %1, best reachable %2"),
	[MSG_TIER_RANGE] = N_("from %1 to below %2"),
	[MSG_TIER_RANGE_LAST] = N_("from %1 to %2"),
	[MSG_HINT_NUMBER_BETWEEN] = N_("a number between %1 and %2"),
	[MSG_PILLAR_OF] = N_("Pillar %1 of %2"),
	[MSG_QUESTION_OF] = N_("Question %1 of %2"),
	[MSG_SHARE_ANSWERED] = N_("%1 answered"),
	[MSG_COUNTS] = N_("%1: %2 answered, %3 skipped, %4 remaining of %5 questions shown."),
	[MSG_LEVEL_OF] = N_("%1 (level %2)"),
	[MSG_R_ATTACHMENT] = N_("Attachment"),
	[MSG_S_COMPLETENESS] =
		N_("%1 (%2 of %3 questions shown answered; unanswered questions count as 0)"),
	[MSG_REGION_AFR] = N_("Africa"),
	[MSG_REGION_AMS] = N_("Americas"),
	[MSG_REGION_ARB] = N_("Arab States"),
	[MSG_REGION_ASP] = N_("Asia-Pacific"),
	[MSG_REGION_CIS] = N_("Commonwealth of Independent States"),
	[MSG_REGION_EUR] = N_("Europe"),
	[MSG_W_SKIP] = N_("Skip to the content"),
	[MSG_W_LANGUAGE] = N_("Language"),
	[MSG_W_ASSESSMENTS] = N_("Assessments"),
	[MSG_W_NO_ASSESSMENTS] = N_("No assessment yet: start one below."),
	[MSG_W_PROGRESS] = N_("Progress"),
	[MSG_W_LAST_CHANGE] = N_("Last change"),
	[MSG_W_CONFLICTS] = N_("Conflicts"),
	[MSG_W_NEW_ASSESSMENT] = N_("Start an assessment"),
	[MSG_W_START] = N_("Start"),
	[MSG_W_CANCEL] = N_("Cancel"),
	[MSG_W_CONFIRM] = N_("Record it"),
	[MSG_W_CONFIRM_NEW] = N_("Start the assessment of %1 (%2) for the cycle %3? It is recorded "
				 "from its first answer on."),
	[MSG_W_CHOOSE_COUNTRY] = N_("Choose a country from the list."),
	[MSG_W_BAD_CYCLE] = N_("A cycle is a year from 2000 to %1."),
	[MSG_W_DOWNLOAD_COMPARISON] =
		N_("Download the comparison of this year's assessments (PDF)"),
	[MSG_W_NOT_FOUND] = N_("There is nothing here. Go back to the assessments."),
	[MSG_W_OTHER_QUESTIONNAIRE] = N_("This assessment was made with the questionnaire %1, not "
					 "%2; serve it with that one."),
	[MSG_W_FINAL] = N_("This assessment is final: it is shown but cannot be changed (reopen it "
			   "with cirt reopen)."),
	[MSG_W_HELD] = N_("Another session holds this assessment: %1. The page is read-only until "
			  "it ends; reload then."),
	[MSG_W_QUESTIONS] = N_("Questions"),
	[MSG_W_FINDINGS] = N_("Findings"),
	[MSG_W_REPORT_PDF] = N_("Report (PDF)"),
	[MSG_W_REPORT_DOCX] = N_("Report (Word)"),
	[MSG_W_ANSWERED] = N_("answered"),
	[MSG_W_HELP] = N_("Help"),
	[MSG_W_SAVE] = N_("Save"),
	[MSG_W_REASON] = N_("Reason for the change (optional)"),
	[MSG_W_CHOOSE] = N_("Choose an answer first."),
	[MSG_W_ADD] = N_("Add"),
	[MSG_W_ADD_EVIDENCE] = N_("A law, a document or an address"),
	[MSG_W_REMOVE] = N_("Remove"),
	[MSG_W_ATTACH] = N_("A file (PDF, Word, image or text, 16 MB at most)"),
	[MSG_W_UPLOAD] = N_("Attach"),
	[MSG_W_NO_FILE] = N_("Choose a file to attach first."),
	[MSG_W_FILE_TYPE] = N_("Only PDF, Word and OpenDocument files, PNG and JPEG images and "
			       "plain text can be attached."),
	[MSG_W_FLAG] = N_("Flag for review"),
	[MSG_W_UNFLAG] = N_("Remove the flag"),
	[MSG_W_HISTORY] = N_("History"),
	[MSG_W_HISTORY_OF] = N_("History of %1"),
	[MSG_W_WHEN] = N_("When"),
	[MSG_W_WHO] = N_("Recorded by"),
	[MSG_W_FROM_WHOM] = N_("Source"),
	[MSG_W_WHAT] = NC_("history", "Change"),
	[MSG_W_WHY] = N_("Reason"),
	[MSG_W_PREVIOUS] = N_("Previous question"),
	[MSG_W_NEXT] = N_("Next question"),
	[MSG_W_NO_MEETING] = N_("No meeting in progress: answers given now have no source."),
	[MSG_W_MEETING_LABEL] = N_("The meeting in progress"),
	[MSG_W_MEETING_PLACEHOLDER] = N_("Organisation, role (name); role, YYYY-MM-DD"),
	[MSG_W_SET_MEETING] = N_("Set"),
	[MSG_W_END_MEETING] = N_("End the meeting"),
	[MSG_W_MEETING_SET] = N_("Meeting set: the answers given now record it as their source."),
	[MSG_W_NO_CONFLICTS] = N_("No conflict is open."),
	[MSG_W_KEEP_THIS] = N_("Keep this one"),
	[MSG_W_REASON_NEEDED] = N_("Say why: the reason is kept in the history."),
	[MSG_W_NO_REPORT] =
		N_("No report could be made: an assessment needs at least one answer first."),
};

static const char *rows[LANGUAGE_COUNT][MSG_COUNT];
static signed char complete[LANGUAGE_COUNT]; /* 0 unknown, 1 yes, -1 no */

static int
language_index(const char *lang)
{
	for (size_t i = 0; lang && i < LANGUAGE_COUNT; i++)
		if (strcmp(lang, languages[i]) == 0)
			return (int)i;
	return -1;
}

/* The text of a message as English shows it: after its context. */
static const char *
untranslated(const struct message *m)
{
	const char *eot = strchr(m->text, '\004');

	return eot ? eot + 1 : m->text;
}

/* Where the compiled catalogues are: $CIRT_LOCALE_DIR, else beside the
 * program (O=DIR builds), in build/ beside it (the default build), or one
 * up (the unit tests in build/tests), else where make install puts them. */
static const char *
locale_dir(void)
{
	static char found[4096];
	const char *env = getenv("CIRT_LOCALE_DIR");
	char exe[4000];
	ssize_t n;

	if (env && *env)
		return env;
	if (found[0])
		return found;
	n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	if (n > 0) {
		char *slash;

		exe[n] = '\0';
		slash = strrchr(exe, '/');
		if (slash) {
			static const char *const tails[] = {"/locale", "/build/locale",
							    "/../locale"};

			*slash = '\0';
			for (size_t i = 0; i < sizeof(tails) / sizeof(tails[0]); i++) {
				snprintf(found, sizeof(found), "%s%s/fr/LC_MESSAGES/" DOMAIN ".mo",
					 exe, tails[i]);
				if (access(found, R_OK) == 0) {
					snprintf(found, sizeof(found), "%s%s", exe, tails[i]);
					return found;
				}
			}
		}
	}
	snprintf(found, sizeof(found), "%s", CIRT_LOCALEDIR);
	return found;
}

struct switched {
	char *messages; /* LC_MESSAGES before */
	char *language; /* $LANGUAGE before, or NULL */
	int ok;
};

/* Make gettext answer in lang: it reads LANGUAGE only outside the "C"
 * locale. Undone by restore, so that no other message (strerror's)
 * changes language. */
static struct switched
switch_to(const char *lang)
{
	static int bound;
	struct switched s = {0};
	const char *cur = setlocale(LC_MESSAGES, NULL);
	const char *env;

	if (!bound) {
		bindtextdomain(DOMAIN, locale_dir());
		bind_textdomain_codeset(DOMAIN, "UTF-8");
		bound = 1;
	}
	s.messages = xstrdup(cur ? cur : "C");
	if (setlocale(LC_MESSAGES, "C.UTF-8") == NULL) {
		free(s.messages);
		s.messages = NULL;
		return s;
	}
	env = getenv("LANGUAGE");
	s.language = env ? xstrdup(env) : NULL;
	setenv("LANGUAGE", lang, 1);
	s.ok = 1;
	return s;
}

static void
restore(struct switched *s)
{
	if (!s->ok)
		return;
	if (s->language)
		setenv("LANGUAGE", s->language, 1);
	else
		unsetenv("LANGUAGE");
	setlocale(LC_MESSAGES, s->messages);
	free(s->language);
	free(s->messages);
}

/* Look up every message of language i once; a language is complete when
 * its catalogue translates each of them. */
static void
load_row(size_t i)
{
	struct switched s;
	int missing = 0;

	if (complete[i])
		return;
	if (i == 0) {
		for (size_t m = 0; m < MSG_COUNT; m++)
			rows[0][m] = untranslated(&catalogue[m]);
		complete[0] = 1;
		return;
	}
	s = switch_to(languages[i]);
	for (size_t m = 0; m < MSG_COUNT; m++) {
		const struct message *msg = &catalogue[m];
		const char *t = NULL;

		if (s.ok && msg->text[0])
			t = msg->plural ? dngettext(DOMAIN, msg->text, msg->plural, 1)
					: dgettext(DOMAIN, msg->text);
		if (t == NULL || t == msg->text || t == msg->plural) {
			missing += msg->text[0] != '\0';
			t = untranslated(msg);
		}
		rows[i][m] = t;
	}
	restore(&s);
	complete[i] = missing ? -1 : 1;
}

const char *
i18n(const char *lang, enum msg m)
{
	int i = language_index(lang);

	if (i < 0)
		i = 0;
	load_row((size_t)i);
	return rows[i][m];
}

int
i18n_has(const char *lang)
{
	int i = language_index(lang);

	if (i < 0)
		return 0;
	load_row((size_t)i);
	return complete[i] > 0;
}

const char *
i18n_languages(void)
{
	static char list[64];

	if (list[0] == '\0')
		for (size_t i = 0; i < LANGUAGE_COUNT; i++)
			if (i18n_has(languages[i]))
				snprintf(list + strlen(list), sizeof(list) - strlen(list), "%s%s",
					 list[0] ? ", " : "", languages[i]);
	return list;
}

const char *
i18n_n(const char *lang, enum msg m, unsigned long n)
{
	const struct message *msg = &catalogue[m];
	int i = language_index(lang);
	struct switched s;
	const char *t;

	if (msg->plural == NULL)
		return i18n(lang, m);
	if (i <= 0 || !i18n_has(lang))
		return n == 1 ? msg->text : msg->plural;
	s = switch_to(lang);
	t = s.ok ? dngettext(DOMAIN, msg->text, msg->plural, n) : NULL;
	restore(&s);
	if (t == NULL)
		t = n == 1 ? msg->text : msg->plural;
	return t;
}

const char *
i18n_domain(const char *domain, const char *lang, const char *msgid)
{
	struct switched s;
	const char *t;

	if (language_index(lang) == 0)
		return msgid;
	s = switch_to(lang);
	t = s.ok ? dgettext(domain, msgid) : msgid;
	restore(&s);
	return t;
}

char *
i18n_format(const char *text, const char *const args[], size_t count)
{
	size_t cap = strlen(text) + 1;
	char *out;
	size_t n = 0;

	/* each %N is replaced once per occurrence: size it by the text */
	for (const char *t = text; *t; t++)
		if (t[0] == '%' && t[1] >= '1' && t[1] <= '9' && (size_t)(t[1] - '1') < count &&
		    args[t[1] - '1'])
			cap += strlen(args[t[1] - '1']);
	out = xmalloc(cap);
	while (*text) {
		if (text[0] == '%' && text[1] >= '1' && text[1] <= '9') {
			size_t k = (size_t)(text[1] - '1');

			text += 2;
			if (k < count && args[k]) {
				memcpy(out + n, args[k], strlen(args[k]));
				n += strlen(args[k]);
			}
			continue;
		}
		out[n++] = *text++;
	}
	out[n] = '\0';
	return out;
}

char *
i18n_fill(const char *lang, enum msg m, const char *a, const char *b)
{
	const char *const args[] = {a, b};

	return i18n_format(i18n(lang, m), args, 2);
}

char *
i18n_fill4(const char *lang, enum msg m, const char *a, const char *b, const char *c, const char *d)
{
	const char *const args[] = {a, b, c, d};

	return i18n_format(i18n(lang, m), args, 4);
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
