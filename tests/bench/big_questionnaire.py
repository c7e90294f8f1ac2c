#!/usr/bin/env python3
"""Write a valid questionnaire of N questions, for timing cirt on a large one.

usage: big_questionnaire.py N OUT.xml [LANGUAGES]

The questions are spread evenly over the five pillars of the shipped
questionnaire, in indicators of 20 questions (more when N needs it: a pillar
holds at most 200 indicators and an indicator 500 questions, as the schema
says). They use every question type, in the shapes of
questionnaires/cirt-readiness.xml: every text in its six languages (en fr es
ru ar zh, kept short), help on every question, a recommendation on every
scored question, choices, levels and score ranges, and skip logic on about
half of them: tests of the question just before, of a question earlier in
the indicator, and of questions in earlier indicators and pillars (as the
shipped one tests TN1 from several pillars), with and, or, not and
parentheses. The same N always gives the same bytes (a fixed seed, no
dependencies beyond the standard library).

LANGUAGES, e.g. "en" or "en,fr", writes only those of the six (English
always among them, as the default): a smaller file, to tell the cost of the
translations from the cost of the questions."""
import random
import sys

LANGS = ["en", "fr", "es", "ru", "ar", "zh"]
USED = list(LANGS)  # the languages written, English first


def pairs(words):
    """(language, word) for each language written; words follow LANGS."""
    return [(lang, w) for lang, w in zip(LANGS, words) if lang in USED]

PILLARS = [
    ("legal", ["Legal measures", "Mesures juridiques", "Medidas jurídicas",
               "Правовые меры", "التدابير القانونية", "法律措施"]),
    ("technical", ["Technical measures", "Mesures techniques", "Medidas técnicas",
                   "Технические меры", "التدابير التقنية", "技术措施"]),
    ("organizational", ["Organizational structures", "Structures organisationnelles",
                        "Estructuras organizativas", "Организационные структуры",
                        "الهياكل التنظيمية", "组织结构"]),
    ("capacity", ["Capacity development", "Renforcement des capacités",
                  "Desarrollo de capacidades", "Развитие потенциала", "بناء القدرات",
                  "能力建设"]),
    ("cooperation", ["Cooperation", "Coopération", "Cooperación", "Сотрудничество",
                     "التعاون", "合作"]),
]

TIERS = [
    ("building", 0, ["Building", "En construction", "En construcción", "Становление",
                     "البناء", "建设中"]),
    ("evolving", 20, ["Evolving", "En évolution", "En evolución", "Развитие", "التطور",
                      "发展中"]),
    ("establishing", 55, ["Establishing", "En consolidation", "En consolidación",
                          "Укрепление", "الترسيخ", "巩固中"]),
    ("advancing", 85, ["Advancing", "En progression", "En progreso", "Продвижение",
                       "التقدم", "推进中"]),
    ("role-modelling", 95, ["Role-modelling", "Exemplaire", "Ejemplar", "Образцовый",
                            "النموذجي", "示范"]),
]

# Short texts, one per language; {} is the question's or indicator's id.
QUESTION = ["Is {} in place?", "{} est-il en place ?", "¿Existe {}?", "Есть ли {}?",
            "هل {} قائم؟", "{}是否到位？"]
HELP = ["Ask for proof of {}.", "Demander une preuve de {}.", "Pida pruebas de {}.",
        "Запросите подтверждение {}.", "اطلب دليلًا على {}.", "索取{}的证明。"]
ADVICE = ["Put {} in place.", "Mettre {} en place.", "Implante {}.", "Внедрите {}.",
          "أنشئ {}.", "落实{}。"]
INDICATOR = ["Indicator {}", "Indicateur {}", "Indicador {}", "Показатель {}", "المؤشر {}",
             "指标{}"]

STATUS = [("none", 0, ["None", "Aucun", "Ninguno", "Нет", "لا يوجد", "没有"]),
          ("planned", 0.25, ["Planned", "Prévu", "Previsto", "Планируется", "مخطط", "计划中"]),
          ("partial", 0.6, ["Partial", "Partiel", "Parcial", "Частично", "جزئي", "部分"]),
          ("operational", 1, ["Operational", "Opérationnel", "Operativo", "Работает",
                              "يعمل", "运行中"])]
SERVICES = [("incident", 0.4, ["Incidents", "Incidents", "Incidentes", "Инциденты",
                               "الحوادث", "事件"]),
            ("alerts", 0.3, ["Alerts", "Alertes", "Alertas", "Оповещения", "التنبيهات",
                             "警报"]),
            ("forensics", 0.2, ["Forensics", "Forensique", "Forense", "Криминалистика",
                                "الأدلة الجنائية", "取证"]),
            ("training", 0.1, ["Training", "Formation", "Formación", "Обучение", "التدريب",
                               "培训"])]
LEVELS = [(0, ["Not at all", "Pas du tout", "Nada", "Нет", "إطلاقًا", "完全没有"]),
          (0.3, ["Rarely", "Rarement", "Rara vez", "Редко", "نادرًا", "很少"]),
          (0.7, ["Regularly", "Régulièrement", "A menudo", "Регулярно", "بانتظام", "经常"]),
          (1, ["Always", "Toujours", "Siempre", "Всегда", "دائمًا", "始终"])]

# The types in the order each indicator's questions cycle through them; the
# first of an indicator is always a yes/no question, so every indicator
# has a scored question.
# The mix is the shipped questionnaire's: mostly yes/no, then scales.
TYPES = ["yesno", "single", "yesno", "scale", "yesno", "yesno", "multi", "yesno", "number",
         "yesno", "scale", "yesno", "date", "yesno", "single", "yesno", "scale", "number",
         "yesno", "text"]

HORIZONS = ["short", "medium", "long"]
BODIES = ["ministry", "regulator", "cirt", "ministry parliament", "cirt operators",
          "law-enforcement judiciary"]
EFFORTS = ["low", "medium", "high"]


def esc(s):
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def texts(out, indent, tag, words, subject=None, attrs=""):
    """One element per language, the default language's first, on one line."""
    line = [indent]
    for lang, w in pairs(words):
        value = esc(w.format(subject) if subject is not None else w)
        if lang == LANGS[0]:
            line.append('<%s%s>%s</%s>' % (tag, attrs, value, tag))
        else:
            line.append('<%s xml:lang="%s">%s</%s>' % (tag, lang, value, tag))
    line.append("\n")
    out.append("".join(line))


def inline_labels(words):
    return "".join('<label%s>%s</label>' % ("" if lang == LANGS[0] else
                                            ' xml:lang="%s"' % lang, esc(w))
                   for lang, w in pairs(words))


def advice_attrs(n):
    return ' horizon="%s" body="%s" effort="%s"' % (
        HORIZONS[n % 3], BODIES[n % len(BODIES)], EFFORTS[(n // 3) % 3])


class Asked:
    """The questions written so far, by type, for conditions to test."""

    def __init__(self):
        self.by_type = {t: [] for t in set(TYPES)}

    def add(self, qid, qtype):
        self.by_type[qtype].append(qid)

    def last(self, qtype):
        return self.by_type[qtype][-1] if self.by_type[qtype] else None

    def any(self, rnd, qtype):
        ids = self.by_type[qtype]
        return ids[rnd.randrange(len(ids))] if ids else None


def test_of(rnd, asked, qtype, far):
    """A test of an earlier question of qtype (the last one, or one chosen
    at random when far), or None when there is none yet."""
    qid = asked.any(rnd, qtype) if far else asked.last(qtype)
    if qid is None:
        return None
    if qtype == "yesno":
        return "%s = %s" % (qid, rnd.choice(["yes", "no"]))
    if qtype == "single":
        return "%s %s %s" % (qid, rnd.choice(["=", "!="]), rnd.choice(STATUS)[0])
    if qtype == "multi":
        return "%s has %s" % (qid, rnd.choice(SERVICES)[0])
    if qtype == "scale":
        return "%s %s %d" % (qid, rnd.choice([">=", ">", "<", "=", "!="]), rnd.randrange(4))
    return "%s %s %d" % (qid, rnd.choice([">", "<=", "="]), rnd.randrange(50))


def condition(rnd, asked, position):
    """The show-if of the question at position in its indicator, or None:
    the indicator's first question is always shown, and about half the
    others are conditional."""
    if position == 0 or rnd.random() < 0.5:
        return None
    yesno = test_of(rnd, asked, "yesno", False)  # there always is one
    shape = rnd.randrange(6)
    if shape == 0:
        # the status question just before, as the shipped TN1 = operational
        return test_of(rnd, asked, "single", False) or yesno
    if shape == 1:
        return yesno
    if shape == 2:
        a = test_of(rnd, asked, "single", True) or yesno
        b = test_of(rnd, asked, "single", False) or yesno
        return "%s or %s" % (a, b)
    if shape == 3:
        a = test_of(rnd, asked, "multi", False) or yesno
        b = test_of(rnd, asked, "number", True) or test_of(rnd, asked, "yesno", True)
        return "%s and not (%s)" % (a, b)
    if shape == 4:
        a = test_of(rnd, asked, "scale", False) or yesno
        b = test_of(rnd, asked, "yesno", True)
        c = test_of(rnd, asked, "multi", True) or yesno
        return "(%s or %s) and %s" % (a, b, c)
    return test_of(rnd, asked, "yesno", True)


def question(out, rnd, asked, n, qtype, position):
    qid = "Q%d" % n
    attrs = ' id="%s" type="%s"' % (qid, qtype)
    if position == 0:
        attrs += ' required="true" evidence="true"'
    elif n % 7 == 0:
        attrs += ' evidence="true"'
    if n % 11 == 0:
        attrs += ' weight="2"'
    if qtype == "number":
        attrs += ' min="0" max="1000"' + (' integer="true"' if n % 2 else "")
    if qtype == "yesno" and n % 13 == 0:
        attrs += ' yes-score="1" no-score="0.2"'
    cond = condition(rnd, asked, position)
    if cond:
        attrs += ' show-if="%s"' % esc(cond)
    scored_ranges = qtype == "number" and n % 2 == 1
    scored = qtype in ("yesno", "single", "multi", "scale") or scored_ranges
    out.append('      <question%s>\n' % attrs)
    texts(out, "        ", "text", QUESTION, qid)
    if n % 4 == 1:
        texts(out, "        ", "help", HELP, qid)
    if scored:
        texts(out, "        ", "recommendation", ADVICE, qid, advice_attrs(n))
    if qtype == "single":
        for value, score, words in STATUS:
            out.append('        <choice value="%s" score="%g">%s</choice>\n'
                       % (value, score, inline_labels(words)))
    elif qtype == "multi":
        for value, score, words in SERVICES:
            out.append('        <choice value="%s" score="%g">%s</choice>\n'
                       % (value, score, inline_labels(words)))
    elif qtype == "scale":
        for score, words in LEVELS:
            out.append('        <level score="%g">%s</level>\n' % (score, inline_labels(words)))
    elif scored_ranges:
        out.append('        <range min="0" max="0" score="0"/>\n')
        out.append('        <range min="1" max="9" score="0.5"/>\n')
        out.append('        <range min="10" max="1000" score="1"/>\n')
    out.append('      </question>\n')
    asked.add(qid, qtype)


def main():
    if len(sys.argv) not in (3, 4):
        sys.exit("usage: big_questionnaire.py N OUT.xml [LANGUAGES]")
    n = int(sys.argv[1])
    if len(sys.argv) == 4:
        wanted = sys.argv[3].replace(",", " ").split()
        if "en" not in wanted or any(lang not in LANGS for lang in wanted):
            sys.exit("big_questionnaire.py: LANGUAGES are some of %s, en among them"
                     % " ".join(LANGS))
        USED[:] = [lang for lang in LANGS if lang in wanted]
    if n < 5 or n > 5 * 200 * 500:
        sys.exit("big_questionnaire.py: N must be 5 to 500000 (the schema's limits)")
    per_indicator = max(20, -(-n // (5 * 200)))
    rnd = random.Random(17)
    asked = Asked()
    out = ['<?xml version="1.0" encoding="UTF-8"?>\n',
           '<!-- %d questions, written by tests/bench/big_questionnaire.py -->\n' % n,
           '<questionnaire xmlns="urn:cirt:questionnaire:1" id="big-%d" version="1.0" '
           'default-lang="en" languages="%s">\n' % (n, " ".join(USED))]
    texts(out, "  ", "title", ["Large questionnaire", "Grand questionnaire",
                               "Cuestionario grande", "Большая анкета", "استبيان كبير",
                               "大型问卷"])
    texts(out, "  ", "description", ["%d questions." % n, "%d questions." % n,
                                     "%d preguntas." % n, "%d вопросов." % n,
                                     "%d سؤال." % n, "%d个问题。" % n])
    written = 0
    for p, (pillar, words) in enumerate(PILLARS):
        # the first pillars take one more question until the rest divides
        count = n // 5 + (1 if p < n % 5 else 0)
        out.append('  <pillar id="%s" weight="20">\n' % pillar)
        texts(out, "    ", "title", words)
        indicators = -(-count // per_indicator)
        for i in range(indicators):
            size = min(per_indicator, count - i * per_indicator)
            iid = "%s.i%d" % (pillar, i + 1)
            out.append('    <indicator id="%s"%s>\n' % (iid, ' weight="2"' if i % 5 == 0 else ""))
            texts(out, "      ", "title", INDICATOR, iid)
            texts(out, "      ", "recommendation", ADVICE, iid, advice_attrs(i))
            for k in range(size):
                written += 1
                question(out, rnd, asked, written, TYPES[k % len(TYPES)], k)
            out.append('    </indicator>\n')
        out.append('  </pillar>\n')
    out.append('  <tiers>\n')
    for tid, low, words in TIERS:
        out.append('    <tier id="%s" min="%d">%s</tier>\n'
                   % (tid, low, "".join('<name%s>%s</name>' % (
                       "" if lang == LANGS[0] else ' xml:lang="%s"' % lang, esc(w))
                       for lang, w in pairs(words))))
    out.append('  </tiers>\n</questionnaire>\n')
    with open(sys.argv[2], "w", encoding="utf-8", newline="\n") as f:
        f.write("".join(out))


if __name__ == "__main__":
    main()
