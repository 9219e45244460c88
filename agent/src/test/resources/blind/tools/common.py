# Shared helpers for the blind page generator: institutional page skins and prose.
# Written without reading the detector's rules.
import random, html, base64, os, hashlib, re

BLIND = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PAGES = []   # (relpath, bytes, status, content_type, expected, notes)


def add(rel, text, status, ctype, expected, notes, enc=None):
    if enc is None:
        m = re.search(r'charset=([\w-]+)', ctype, re.I) or re.search(r'<meta[^>]+charset="?([\w-]+)', text[:3000], re.I)
        enc = m.group(1).lower() if m else 'utf-8'
        if enc.startswith('utf-16'):
            enc = 'utf-16'
    if enc == 'utf-16':
        data = text.encode('utf-16')          # BOM + little endian
    elif enc == 'utf-16be-bom':
        data = b'\xfe\xff' + text.encode('utf-16-be')
    else:
        data = text.encode(enc, errors='xmlcharrefreplace')
    PAGES.append((rel, data, status, ctype, expected, notes))


# ---------------------------------------------------------------- prose
EN = dict(
    subj=["The Ministry", "The Minister", "The Secretary-General", "The Court", "The University Council",
          "The Regional Directorate", "The Steering Committee", "The Office of the Auditor",
          "The Department", "The Governing Board", "The national statistics office", "The Deputy Minister"],
    verb=["announced", "published", "approved", "presented", "welcomed", "reviewed", "confirmed",
          "launched", "endorsed", "discussed", "adopted", "signed"],
    obj=["a new framework for rural water supply", "the annual report on public procurement",
         "the second phase of the digital records programme", "a partnership with four regional universities",
         "revised guidelines on access to legal aid", "the results of the national household survey",
         "a memorandum of understanding on vocational training", "the draft budget for the coming fiscal year",
         "an action plan on climate adaptation in coastal districts", "the evaluation of the school meals initiative",
         "new rules on the publication of court decisions", "a call for proposals for community health projects"],
    tail=["after consultations with civil society organisations.", "during a meeting held in the capital on Tuesday.",
          "in line with the commitments made at the last ministerial conference.",
          "following a period of public consultation that received more than 2,400 contributions.",
          "with financial support from international development partners.",
          "as part of the reform agenda adopted earlier this year.",
          "in the presence of representatives of the provincial authorities.",
          "and invited all stakeholders to submit comments before the end of the month.",
          "while stressing the importance of transparency and accountability.",
          "and noted that implementation will begin in the first quarter."],
    extra=["Officials said the measures would be reviewed every two years.",
           "The full text is available in the publications section of this website.",
           "Questions from the press may be sent to the communications unit.",
           "According to the latest figures, enrolment rose by 6.3 per cent compared with the previous year.",
           "The programme covers 14 districts and is expected to benefit around 180,000 people.",
           "Several speakers highlighted the need for reliable data to guide public policy.",
           "A summary of the discussions will be published in the coming weeks.",
           "The working group will meet again in March to assess progress."],
)
FR = dict(
    subj=["Le ministère", "Le ministre", "La cour d'appel", "Le conseil d'administration", "La direction régionale",
          "Le comité de pilotage", "Le secrétariat général", "Le recteur", "Le service des archives", "Le préfet"],
    verb=["a présenté", "a publié", "a approuvé", "a lancé", "a confirmé", "a signé", "a examiné", "a adopté"],
    obj=["un nouveau plan pour l'accès au droit", "le rapport annuel sur l'activité des juridictions",
         "la deuxième phase du programme de numérisation des archives", "un partenariat avec quatre universités",
         "les orientations budgétaires pour l'année prochaine", "une convention relative à la formation professionnelle",
         "le bilan de la réforme de la procédure civile", "un appel à projets pour la médiation familiale",
         "les résultats de l'enquête nationale sur les victimes", "une charte d'accueil du public dans les tribunaux"],
    tail=["après une large concertation avec les associations.", "lors d'une réunion tenue mardi à Paris.",
          "conformément aux engagements pris lors de la dernière conférence.",
          "à l'issue d'une consultation publique qui a recueilli plus de 2 400 contributions.",
          "avec le soutien des collectivités territoriales.", "dans le cadre de la feuille de route adoptée en début d'année.",
          "en présence des chefs de cour et des représentants des barreaux.",
          "et a invité les partenaires à transmettre leurs observations avant la fin du mois."],
    extra=["Le texte intégral est disponible dans la rubrique Publications.",
           "Les demandes des journalistes peuvent être adressées au service de presse.",
           "Selon les derniers chiffres, le nombre de dossiers traités a progressé de 6,3 % en un an.",
           "Le dispositif concerne quatorze départements et bénéficiera à près de 180 000 personnes.",
           "Un compte rendu des échanges sera mis en ligne dans les prochaines semaines.",
           "Le groupe de travail se réunira de nouveau au mois de mars."],
)
ES = dict(
    subj=["El Ministerio", "La ministra", "El Tribunal Superior", "El Consejo de Gobierno", "La Dirección General",
          "El rectorado", "La Secretaría de Estado", "El comité de seguimiento"],
    verb=["presentó", "publicó", "aprobó", "puso en marcha", "confirmó", "firmó", "analizó", "adoptó"],
    obj=["un nuevo plan de formación profesional dual", "la memoria anual de actividades",
         "la segunda fase del programa de digitalización de expedientes", "un convenio con cuatro universidades públicas",
         "las bases de la convocatoria de becas para el próximo curso", "el informe de evaluación del programa de comedores escolares",
         "una guía de buenas prácticas para la atención a la ciudadanía", "el calendario de oposiciones para 2027"],
    tail=["tras un proceso de consulta con las comunidades autónomas.", "durante una reunión celebrada el martes en Madrid.",
          "de acuerdo con los compromisos asumidos en la última conferencia sectorial.",
          "después de una consulta pública que recibió más de 2.400 aportaciones.",
          "con la financiación de los fondos europeos de recuperación.",
          "e invitó a los agentes sociales a presentar sus observaciones antes de fin de mes."],
    extra=["El texto completo puede consultarse en la sección de publicaciones.",
           "Según los últimos datos, la matrícula aumentó un 6,3 % respecto al año anterior.",
           "El programa abarca catorce provincias y beneficiará a unas 180.000 personas.",
           "Las consultas de los medios de comunicación pueden dirigirse al gabinete de prensa."],
)
DE = dict(
    subj=["Das Ministerium", "Der Minister", "Das Landgericht", "Der Senat der Universität", "Die Staatssekretärin",
          "Der Lenkungsausschuss", "Das Präsidium", "Die Landesregierung"],
    verb=["stellte", "veröffentlichte", "beschloss", "startete", "bestätigte", "unterzeichnete", "prüfte", "verabschiedete"],
    obj=["einen neuen Rahmenplan für die Wasserversorgung", "den Jahresbericht zur öffentlichen Beschaffung",
         "die zweite Phase des Programms zur Digitalisierung der Akten", "eine Kooperation mit vier Hochschulen",
         "die Eckpunkte des Haushalts für das kommende Jahr", "eine Vereinbarung zur beruflichen Weiterbildung",
         "die Ergebnisse der landesweiten Haushaltsbefragung", "neue Regeln für die Veröffentlichung von Urteilen"],
    tail=["nach Beratungen mit Verbänden und Kommunen vor.", "am Dienstag in der Landeshauptstadt vor.",
          "im Rahmen der zu Jahresbeginn vereinbarten Reformagenda vor.",
          "nach einer öffentlichen Anhörung mit mehr als 2.400 Stellungnahmen vor.",
          "mit Unterstützung des Bundes und der Europäischen Union vor."],
    extra=["Der vollständige Text steht im Bereich Publikationen zum Download bereit.",
           "Nach den jüngsten Zahlen stieg die Zahl der Anträge gegenüber dem Vorjahr um 6,3 Prozent.",
           "Das Programm umfasst 14 Landkreise und soll rund 180.000 Menschen zugutekommen.",
           "Presseanfragen richten Sie bitte an die Pressestelle.",
           "Die Arbeitsgruppe kommt im März erneut zusammen."],
)
RU = [
    "Министерство образования и науки подвело итоги приёмной кампании текущего года.",
    "В совещании приняли участие руководители региональных органов управления образованием.",
    "По данным ведомства, число поданных заявлений выросло на 6,3 процента по сравнению с прошлым годом.",
    "Особое внимание было уделено вопросам цифровизации учебного процесса и подготовки педагогических кадров.",
    "Программа охватывает 14 муниципальных районов и рассчитана на три года.",
    "Полный текст доклада размещён в разделе «Документы» официального сайта.",
    "Заместитель министра подчеркнул важность открытости и подотчётности органов власти.",
    "Рабочая группа продолжит обсуждение проекта в марте.",
    "Арбитражный суд области опубликовал обзор судебной практики за первое полугодие.",
    "На заседании коллегии был утверждён план мероприятий по развитию сельских школ.",
    "Граждане могут направить свои предложения через электронную приёмную до конца месяца.",
    "В рамках соглашения четыре университета региона откроют новые программы магистратуры.",
    "Финансирование проекта осуществляется за счёт средств федерального и регионального бюджетов.",
    "Итоги мониторинга будут представлены на заседании общественного совета.",
    "Пресс-служба напоминает, что запросы средств массовой информации принимаются по электронной почте.",
    "Губернатор отметил, что в следующем году будет построено ещё шесть детских садов.",
]
AR = [
    "أعلنت الوزارة عن إطلاق المرحلة الثانية من برنامج رقمنة السجلات الصحية.",
    "وشارك في الاجتماع ممثلون عن المديريات الإقليمية ومنظمات المجتمع المدني.",
    "ووفقاً لأحدث الأرقام، ارتفع عدد المستفيدين بنسبة 6.3 في المائة مقارنة بالعام الماضي.",
    "ويغطي البرنامج أربع عشرة محافظة ومن المتوقع أن يستفيد منه نحو 180 ألف شخص.",
    "وأكد الوزير على أهمية الشفافية والمساءلة في إدارة الموارد العامة.",
    "ويمكن الاطلاع على النص الكامل للتقرير في قسم المنشورات على هذا الموقع.",
    "وستجتمع مجموعة العمل مجدداً في شهر مارس لتقييم التقدم المحرز.",
    "وقد تم توقيع مذكرة تفاهم مع أربع جامعات وطنية في مجال التدريب المهني.",
    "ودعت الوزارة جميع الشركاء إلى تقديم ملاحظاتهم قبل نهاية الشهر الجاري.",
    "ويأتي هذا القرار في إطار خطة الإصلاح التي اعتمدت في بداية العام.",
    "وسيتم نشر ملخص للمناقشات خلال الأسابيع المقبلة.",
    "ويمكن لوسائل الإعلام توجيه استفساراتها إلى المكتب الإعلامي.",
]


SUBJ = {
    'en-ministry': ["The Ministry", "The Minister", "The Deputy Minister", "The Regional Directorate", "The Department of Water Resources", "The Steering Committee", "The national statistics office"],
    'en-court': ["The Court", "The Chief Justice", "The Registrar", "The Judicial Service Commission", "The Court Users Committee", "The Office of the Registrar"],
    'en-univ': ["The University Council", "The Vice-Chancellor", "The Faculty of Engineering", "The research team", "The Graduate School", "The University Library"],
    'en-un': ["The Secretary-General", "The Regional Centre", "The Executive Director", "The Governing Board", "The Steering Committee", "The Office of the Auditor"],
    'fr-justice': ["Le ministère", "Le garde des Sceaux", "La cour d'appel", "Le secrétariat général", "La direction des services judiciaires", "Le conseil national de l'aide juridique"],
    'fr-univ': ["Le conseil d'administration", "Le président de l'université", "La faculté des sciences", "Le service des bibliothèques", "Le laboratoire", "La commission de la formation"],
}


def sentence(lang, r, site=None):
    if site in SUBJ and r.random() >= 0.25:
        P = {'en': EN, 'fr': FR}[lang]
        return "%s %s %s %s" % (r.choice(SUBJ[site]), r.choice(P['verb']), r.choice(P['obj']), r.choice(P['tail']))
    if lang == 'ru':
        return r.choice(RU)
    if lang == 'ar':
        return r.choice(AR)
    P = {'en': EN, 'fr': FR, 'es': ES, 'de': DE}[lang]
    if r.random() < 0.25:
        return r.choice(P['extra'])
    if lang == 'de':
        return "%s %s %s %s" % (r.choice(P['subj']), r.choice(P['verb']), r.choice(P['obj']), r.choice(P['tail']))
    return "%s %s %s %s" % (r.choice(P['subj']), r.choice(P['verb']), r.choice(P['obj']), r.choice(P['tail']))


def paragraph(lang, r, n=None, site=None):
    n = n or r.randint(3, 6)
    out, last = [], None
    while len(out) < n:
        s = sentence(lang, r, site)
        if s != last:
            out.append(s)
        last = s
    return " ".join(out)


# ---------------------------------------------------------------- sites
SITES = {
    'en-ministry': dict(lang='en', name="Ministry of Environment, Water and Agriculture", short="MEWA",
                        host="www.mewa.gov.example",
                        nav=["Home", "About the Ministry", "Minister", "Departments", "Services", "Legislation",
                             "Publications", "Statistics", "Media Centre", "Tenders", "Careers", "Contact"],
                        news="Latest news", more="Read more", related="Related documents", events="Upcoming events",
                        search="Search", copy="All rights reserved", title="Minister launches national water strategy 2030"),
    'en-court': dict(lang='en', name="High Court of Justice of the Eastern Region", short="HCJER",
                     host="www.eastern-court.judiciary.example",
                     nav=["Home", "The Court", "Judges", "Judgments", "Cause lists", "E-filing", "Court fees",
                          "Practice directions", "Annual reports", "Press releases", "Contact"],
                     news="Press releases", more="Read more", related="Related judgments", events="Hearings this week",
                     search="Search", copy="Judiciary of the Eastern Region", title="Court publishes annual report on case management"),
    'en-univ': dict(lang='en', name="University of Northbridge", short="UNB", host="www.northbridge.ac.example",
                    nav=["Study", "Research", "Faculties", "Library", "International", "Alumni", "News", "Events",
                         "About", "Jobs", "Contact"],
                    news="University news", more="Continue reading", related="Related stories", events="Events",
                    search="Search the site", copy="University of Northbridge", title="Researchers map groundwater recharge across the northern plains"),
    'en-un': dict(lang='en', name="United Nations Regional Centre for Sustainable Development", short="UNRCSD",
                  host="www.unrcsd.un.example",
                  nav=["Who we are", "What we do", "Where we work", "Publications", "News", "Events", "Procurement",
                       "Vacancies", "Donors", "Contact us"],
                  news="News and stories", more="Read more", related="Related publications", events="Events",
                  search="Search", copy="United Nations", title="Regional dialogue on water security opens with call for data sharing"),
    'fr-justice': dict(lang='fr', name="Ministère de la Justice", short="Justice", host="www.justice.gouv.example",
                       nav=["Accueil", "Le ministère", "Organisation de la justice", "Vos droits et démarches",
                            "Publications", "Statistiques", "Concours et recrutement", "Presse", "Nous contacter"],
                       news="Actualités", more="Lire la suite", related="Documents associés", events="Agenda",
                       search="Rechercher", copy="Ministère de la Justice - Tous droits réservés",
                       title="Le garde des Sceaux présente le plan pour l'accès au droit"),
    'fr-univ': dict(lang='fr', name="Université Rhône-Alpes Sud", short="URAS", host="www.univ-ras.example",
                    nav=["Formation", "Recherche", "International", "Vie étudiante", "Bibliothèques", "Actualités",
                         "Agenda", "L'université", "Contact"],
                    news="Actualités", more="En savoir plus", related="À lire aussi", events="Agenda",
                    search="Rechercher", copy="Université Rhône-Alpes Sud", title="Rentrée universitaire : les chiffres clés"),
    'es-edu': dict(lang='es', name="Ministerio de Educación y Formación Profesional", short="MEFP",
                   host="www.educacion.gob.example",
                   nav=["Inicio", "Ministerio", "Educación", "Formación Profesional", "Becas y ayudas", "Servicios al ciudadano",
                        "Prensa", "Transparencia", "Sede electrónica", "Contacto"],
                   news="Actualidad", more="Leer más", related="Documentos relacionados", events="Agenda",
                   search="Buscar", copy="Ministerio de Educación y Formación Profesional",
                   title="El Ministerio presenta el nuevo plan de Formación Profesional"),
    'de-umwelt': dict(lang='de', name="Ministerium für Umwelt, Klima und Energiewirtschaft", short="UM",
                      host="www.um.land.example",
                      nav=["Startseite", "Ministerium", "Umwelt", "Klima", "Energie", "Service", "Presse",
                           "Publikationen", "Stellenangebote", "Kontakt"],
                      news="Aktuelle Meldungen", more="Weiterlesen", related="Weitere Informationen", events="Termine",
                      search="Suche", copy="Ministerium für Umwelt, Klima und Energiewirtschaft",
                      title="Ministerium stellt Rahmenplan für die Wasserversorgung vor"),
    'ru-minobr': dict(lang='ru', name="Министерство образования и науки Новоградской области", short="Минобрнауки",
                      host="minobr.novograd.example",
                      nav=["Главная", "О министерстве", "Деятельность", "Документы", "Новости", "Госуслуги",
                           "Обращения граждан", "Противодействие коррупции", "Контакты"],
                      news="Новости", more="Подробнее", related="Документы по теме", events="Анонсы",
                      search="Поиск", copy="Министерство образования и науки Новоградской области",
                      title="Подведены итоги приёмной кампании"),
    'ar-health': dict(lang='ar', name="وزارة الصحة العامة", short="الصحة", host="www.moh.gov.example",
                      nav=["الرئيسية", "عن الوزارة", "الخدمات", "المنشورات", "الأخبار", "الإحصاءات", "المناقصات",
                           "الوظائف", "اتصل بنا"],
                      news="آخر الأخبار", more="اقرأ المزيد", related="وثائق ذات صلة", events="الفعاليات",
                      search="بحث", copy="جميع الحقوق محفوظة لوزارة الصحة العامة",
                      title="الوزارة تطلق المرحلة الثانية من برنامج رقمنة السجلات الصحية"),
}

SKINS = ['drupal7', 'drupal10', 'wordpress', 'joomla', 'aspnet', 'plone']

CSS_RULES = ["margin:0", "padding:0 1rem", "color:#1b1b1b", "font-size:.9375rem", "line-height:1.55",
             "border-bottom:1px solid #d8dde3", "display:flex", "gap:.75rem", "background:#f4f6f8",
             "text-decoration:none", "font-weight:600", "max-width:72rem", "list-style:none"]


def css_blob(r, n):
    out = []
    for i in range(n):
        sel = r.choice(["header", "nav", ".menu", ".block", ".region", ".card", ".teaser", ".footer", ".breadcrumb",
                        ".btn", ".field", ".views-row", ".widget", ".news-item", ".sidebar", ".skip-link"])
        sel += r.choice(["", " a", " li", " h2", " .title", ":hover", " > ul", "--active", " p", " img"])
        rules = ";".join(r.sample(CSS_RULES, r.randint(2, 5)))
        out.append("%s{%s}" % (sel, rules))
    return "\n".join(out)


def inst(site_key, skin, seed, inject=None, pos=None, size_kb=60, charset='utf-8', meta=True, extra_head=''):
    """Return an institutional page string. pos: top|sidebar|mid|after_html|messages|footer"""
    S = SITES[site_key]
    lang = S['lang']
    r = random.Random(seed)
    esc = html.escape
    title = S['title']
    if seed % 3:
        title = " ".join(sentence(lang, random.Random(seed * 31), site_key).split()[:9]).rstrip('.,;')
    dirattr = ' dir="rtl"' if lang == 'ar' else ''
    body_class = {
        'drupal7': 'html not-front not-logged-in one-sidebar sidebar-second page-node page-node- page-node-%d node-type-article' % r.randint(100, 9999),
        'drupal10': 'path-node page-node-type-article',
        'wordpress': 'post-template-default single single-post postid-%d single-format-standard wp-embed-responsive' % r.randint(100, 99999),
        'joomla': 'site com_content wrapper-static view-article no-layout no-task itemid-%d' % r.randint(100, 999),
        'aspnet': 'inner-page',
        'plone': 'template-document_view portaltype-news-item site-portal section-news userrole-anonymous',
    }[skin]
    h = []
    if pos == 'top' and inject:
        h.append(inject)
    h.append('<!DOCTYPE html>\n<html lang="%s"%s>\n<head>\n' % (lang, dirattr))
    if meta:
        h.append('<meta charset="%s">\n' % charset)
    h.append('<meta name="viewport" content="width=device-width, initial-scale=1">\n')
    if skin == 'drupal7':
        h.append('<meta name="Generator" content="Drupal 7 (http://drupal.org)" />\n')
    elif skin == 'drupal10':
        h.append('<meta name="Generator" content="Drupal 10 (https://www.drupal.org)" />\n<meta name="MobileOptimized" content="width" />\n')
    elif skin == 'wordpress':
        h.append('<meta name="generator" content="WordPress 6.4.3" />\n<link rel="https://api.w.org/" href="https://%s/wp-json/" />\n' % S['host'])
    elif skin == 'joomla':
        h.append('<meta name="generator" content="Joomla! - Open Source Content Management">\n')
    h.append('<title>%s | %s</title>\n' % (esc(title), esc(S['name'])))
    h.append('<link rel="canonical" href="https://%s/news/%d">\n' % (S['host'], r.randint(1000, 9999)))
    h.append(extra_head)
    h.append('<style>\n%s\n</style>\n' % css_blob(r, int(size_kb * 4)))
    h.append('<script type="application/ld+json">{"@context":"https://schema.org","@type":"GovernmentOrganization","name":"%s","url":"https://%s/"}</script>\n' % (S['name'].replace('"', ''), S['host']))
    h.append('</head>\n<body class="%s">\n' % body_class)
    h.append('<a href="#main-content" class="skip-link visually-hidden focusable">%s</a>\n' % {'en': 'Skip to main content', 'fr': 'Aller au contenu principal', 'es': 'Ir al contenido principal', 'de': 'Direkt zum Inhalt', 'ru': 'Перейти к основному содержанию', 'ar': 'انتقل إلى المحتوى الرئيسي'}[lang])
    if skin == 'aspnet':
        vs = base64.b64encode(hashlib.sha512(str(seed).encode()).digest() * int(size_kb * 2)).decode()
        h.append('<form method="post" action="./news.aspx?id=%d" id="aspnetForm">\n<div class="aspNetHidden">\n<input type="hidden" name="__VIEWSTATE" id="__VIEWSTATE" value="%s" />\n</div>\n' % (r.randint(100, 999), vs))
    # header + mega menu
    hdr_cls = {'drupal7': 'id="header" class="section clearfix"', 'drupal10': 'class="site-header" role="banner"',
               'wordpress': 'id="masthead" class="site-header"', 'joomla': 'class="header container-header full-width"',
               'aspnet': 'id="ctl00_hdrMain" class="page-header"', 'plone': 'id="portal-header"'}[skin]
    h.append('<header %s>\n<div class="branding"><a href="/" rel="home" class="site-logo"><img src="/sites/default/files/logo.svg" alt="%s" width="220" height="64"></a>\n<div class="site-name">%s</div></div>\n' % (hdr_cls, esc(S['name']), esc(S['name'])))
    h.append('<form class="search-form" action="/search" method="get"><label for="q" class="visually-hidden">%s</label><input id="q" name="q" type="search"><button type="submit">%s</button></form>\n' % (S['search'], S['search']))
    navc = {'drupal7': 'menu', 'drupal10': 'menu menu--main', 'wordpress': 'menu nav-menu', 'joomla': 'mod-menu mod-list nav',
            'aspnet': 'nav-menu', 'plone': 'plone-nav plone-navbar-nav'}[skin]
    h.append('<nav id="%s" aria-label="Main">\n<ul class="%s">\n' % ({'wordpress': 'site-navigation'}.get(skin, 'main-nav'), navc))
    for i, item in enumerate(S['nav']):
        h.append('<li class="menu-item leaf%s"><a href="/%s">%s</a>\n<ul class="submenu">' % (' first' if i == 0 else '', 'section-%d' % i, esc(item)))
        for j in range(r.randint(5, 12)):
            words = sentence(lang, r).split()
            lab = " ".join(words[:r.randint(2, 4)]).rstrip('.,')
            h.append('<li><a href="/section-%d/page-%d">%s</a></li>' % (i, j, esc(lab)))
        h.append('</ul></li>\n')
    h.append('</ul>\n</nav>\n</header>\n')
    if pos == 'messages' and inject:
        h.append(inject)
    # breadcrumb
    h.append('<nav class="breadcrumb" aria-label="breadcrumb"><ol><li><a href="/">%s</a></li><li><a href="/news">%s</a></li><li>%s</li></ol></nav>\n' % (esc(S['nav'][0]), esc(S['news']), esc(title)))
    # main
    mainc = {'drupal7': 'class="main-wrapper clearfix"', 'drupal10': 'role="main" class="main-content"', 'wordpress': 'class="content-area primary"',
             'joomla': 'class="container-component"', 'aspnet': 'class="content cph-main"', 'plone': 'class="portal-column-content"'}[skin]
    h.append('<main id="main-content" %s>\n<article class="node node-article">\n<h1 class="page-title">%s</h1>\n' % (mainc, esc(title)))
    h.append('<div class="meta"><time datetime="2026-11-%02d">%02d.11.2026</time></div>\n' % (r.randint(1, 28), r.randint(1, 28)))
    h.append('<div class="field field-name-body">\n')
    npar = max(6, int(size_kb * 0.35))
    for i in range(npar):
        if i == npar // 2 and pos == 'mid' and inject:
            h.append(inject)
        if i and i % 5 == 0:
            h.append('<h2>%s</h2>\n' % esc(" ".join(sentence(lang, r).split()[:5]).rstrip('.,')))
        h.append('<p>%s</p>\n' % esc(paragraph(lang, r, site=site_key)))
    h.append('</div>\n')
    h.append('<section class="related"><h2>%s</h2><ul>' % S['related'])
    for i in range(r.randint(4, 8)):
        h.append('<li><a href="/sites/default/files/doc-%d.pdf">%s</a> <span class="file-size">(PDF, %d KB)</span></li>' % (r.randint(100, 9999), esc(" ".join(sentence(lang, r).split()[:7]).rstrip('.,')), r.randint(80, 4000)))
    h.append('</ul></section>\n</article>\n')
    # news list
    h.append('<section class="news-list view view-news"><h2>%s</h2>\n' % S['news'])
    for i in range(int(size_kb / 4) + 4):
        h.append('<div class="views-row news-item"><h3><a href="/news/%d">%s</a></h3><p class="teaser">%s</p><a class="more" href="/news/%d">%s</a></div>\n' % (
            r.randint(1000, 9999), esc(" ".join(sentence(lang, r).split()[:8]).rstrip('.,')), esc(sentence(lang, r, site_key)), r.randint(1000, 9999), S['more']))
    h.append('</section>\n</main>\n')
    # sidebar
    asidec = {'drupal7': 'id="sidebar-second" class="column sidebar region region-sidebar-second"', 'drupal10': 'class="region region--sidebar"',
              'wordpress': 'id="secondary" class="widget-area"', 'joomla': 'class="container-sidebar-right"', 'aspnet': 'id="ctl00_pnlSide" class="side-panel"',
              'plone': 'id="portal-column-two"'}[skin]
    blk = {'drupal7': 'block block-views', 'drupal10': 'block block-views', 'wordpress': 'widget widget_recent_entries', 'joomla': 'moduletable',
           'aspnet': 'side-box', 'plone': 'portlet portletNavigationTree'}[skin]
    h.append('<aside %s role="complementary">\n' % asidec)
    h.append('<section class="%s"><h2 class="block-title">%s</h2><ul>' % (blk, S['events']))
    for i in range(r.randint(5, 9)):
        h.append('<li><span class="date">%02d.%02d.2026</span> %s</li>' % (r.randint(1, 28), r.randint(1, 12), esc(" ".join(sentence(lang, r).split()[:6]).rstrip('.,'))))
    h.append('</ul></section>\n')
    if pos == 'sidebar' and inject:
        h.append('<section class="%s"><h2 class="block-title">%s</h2>\n%s\n</section>\n' % (blk, {'en': 'Latest publications', 'fr': 'Dernières publications', 'es': 'Últimas publicaciones', 'de': 'Neueste Publikationen', 'ru': 'Последние публикации', 'ar': 'أحدث المنشورات'}[lang], inject))
    h.append('<section class="%s"><h2 class="block-title">%s</h2><ul class="links">' % (blk, S['related']))
    for i in range(r.randint(5, 10)):
        h.append('<li><a href="/docs/%d">%s</a></li>' % (r.randint(1, 999), esc(" ".join(sentence(lang, r).split()[:5]).rstrip('.,'))))
    h.append('</ul></section>\n</aside>\n')
    # footer
    footc = {'drupal7': 'id="footer" class="section"', 'drupal10': 'class="site-footer"', 'wordpress': 'id="colophon" class="site-footer"',
             'joomla': 'class="container-footer footer full-width"', 'aspnet': 'id="ctl00_ftr" class="page-footer"', 'plone': 'id="portal-footer-wrapper"'}[skin]
    h.append('<footer %s>\n<div class="footer-columns">' % footc)
    for c in range(4):
        h.append('<div class="footer-col"><h3>%s</h3><ul>' % esc(S['nav'][c]))
        for j in range(r.randint(6, 10)):
            h.append('<li><a href="/f/%d/%d">%s</a></li>' % (c, j, esc(" ".join(sentence(lang, r).split()[:3]).rstrip('.,'))))
        h.append('</ul></div>')
    h.append('</div>\n')
    if pos == 'footer' and inject:
        h.append(inject)
    h.append('<p class="copyright">&copy; 2026 %s</p>\n</footer>\n' % esc(S['copy']))
    if skin == 'aspnet':
        h.append('</form>\n')
    h.append('<script src="/core/assets/vendor/jquery/jquery.min.js?v=3.7.1"></script>\n<script>window.dataLayer=window.dataLayer||[];function gtag(){dataLayer.push(arguments);}gtag("js",new Date());</script>\n')
    h.append('</body>\n</html>\n')
    if pos == 'after_html' and inject:
        h.append(inject)
    return "".join(h)
