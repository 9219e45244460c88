# Healthy pages that look like failures but are not.
from common import add, inst, paragraph, sentence
import random, html

HP = 'healthy/'
u8 = 'text/html; charset=utf-8'


def layout(kind, title, body, lang='en', seed=0, navn=0, site='Help Center', charset='utf-8'):
    r = random.Random(seed)
    e = html.escape
    nav = ''
    if navn:
        items = []
        for i in range(navn):
            items.append('<li class="toc-l%d"><a href="/docs/%d/%s">%s</a></li>' % (i % 3, i, 'x' * 0, e(" ".join(sentence('en', r).split()[1:4]).rstrip('.,').title())))
        nav = '<nav class="sidebar-toc" aria-label="Contents"><ul>%s</ul></nav>\n' % "\n".join(items)
    if kind == 'kb':
        return ('<!DOCTYPE html>\n<html lang="%s">\n<head>\n<meta charset="%s">\n<title>%s – %s</title>\n<meta name="viewport" content="width=device-width,initial-scale=1">\n<link rel="stylesheet" href="/assets/kb.css">\n</head>\n<body class="kb-article">\n'
                '<header class="kb-header"><a class="logo" href="/">%s</a><form class="kb-search" action="/search"><input type="search" name="q" placeholder="Search articles"></form></header>\n'
                '<div class="kb-wrap">%s<main class="kb-main"><nav class="crumbs"><a href="/">Home</a> › <a href="/c/hosting">Hosting</a> › <span>%s</span></nav>\n<article>\n<h1>%s</h1>\n<p class="updated">Updated %d days ago</p>\n%s\n</article>\n'
                '<section class="kb-feedback"><p>Was this article helpful?</p><button>Yes</button><button>No</button></section></main></div>\n<footer class="kb-footer">© 2026 %s</footer>\n</body>\n</html>\n'
                % (lang, charset, e(title), e(site), e(site), nav, e(title), e(title), r.randint(2, 90), body, e(site)))
    if kind == 'forum':
        return ('<!DOCTYPE html>\n<html lang="%s">\n<head>\n<meta charset="%s">\n<title>%s - %s</title>\n</head>\n<body class="question-page">\n<header class="top-bar"><a href="/" class="site-logo">%s</a><nav><a href="/questions">Questions</a> <a href="/tags">Tags</a> <a href="/users">Users</a></nav></header>\n'
                '<div id="content"><div id="question-header"><h1 itemprop="name"><a href="/questions/%d" class="question-hyperlink">%s</a></h1></div>\n<div id="mainbar">%s</div>\n'
                '<div id="sidebar"><div class="module related"><h4>Related</h4><ul><li><a href="/q/1">How to increase innodb_buffer_pool_size</a></li><li><a href="/q/2">PHP-FPM workers keep dying</a></li><li><a href="/q/3">Reset MySQL root password on Debian 12</a></li></ul></div></div></div>\n'
                '<footer id="footer">site design / logo © 2026; user contributions licensed under CC BY-SA</footer>\n</body>\n</html>\n'
                % (lang, charset, e(title), e(site), e(site), r.randint(10000, 99999999), e(title), body))
    if kind == 'blog':
        return ('<!DOCTYPE html>\n<html lang="%s">\n<head>\n<meta charset="%s">\n<meta name="generator" content="WordPress 6.4.3" />\n<title>%s &#8211; %s</title>\n</head>\n<body class="post-template-default single single-post">\n<div id="page" class="site">\n<header id="masthead" class="site-header"><p class="site-title"><a href="/">%s</a></p><p class="site-description">Notes from the server room</p></header>\n'
                '<div id="content" class="site-content"><main id="main" class="site-main"><article class="post type-post status-publish format-standard hentry">\n<header class="entry-header"><h1 class="entry-title">%s</h1><div class="entry-meta"><span class="posted-on">Posted on <time class="entry-date published">November %d, 2026</time></span><span class="byline"> by <span class="author vcard">admin</span></span></div></header>\n'
                '<div class="entry-content">\n%s\n</div>\n</article>\n<div id="comments" class="comments-area"><h2 class="comments-title">3 thoughts on &ldquo;%s&rdquo;</h2><ol class="comment-list"><li class="comment"><div class="comment-content"><p>Thanks, the repair step did it for me.</p></div></li><li class="comment"><div class="comment-content"><p>In my case the host had changed the DB server name. Worth checking first!</p></div></li><li class="comment"><div class="comment-content"><p>Great write-up.</p></div></li></ol></div>\n</main></div>\n'
                '<footer id="colophon" class="site-footer"><div class="site-info">Proudly powered by WordPress</div></footer>\n</div>\n</body>\n</html>\n'
                % (lang, charset, title, e(site), e(site), title, r.randint(1, 28), body, title))
    if kind == 'issue':
        return ('<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<title>%s · Issue #%d · %s</title>\n</head>\n<body class="logged-out env-production page-responsive">\n<div class="application-main"><div class="repository-content">\n'
                '<div class="gh-header"><h1 class="gh-header-title"><bdi class="js-issue-title markdown-title">%s</bdi> <span class="f1-light color-fg-muted">#%d</span></h1><span class="State State--closed" title="Status: Closed">Closed</span></div>\n'
                '<div class="js-discussion">%s</div>\n</div></div>\n<footer class="footer">© 2026 · Terms · Privacy · Status · Docs</footer>\n</body>\n</html>\n'
                % (e(title), seed, site, e(title), seed, body))
    if kind == 'docs':
        return ('<!DOCTYPE html>\n<html lang="%s">\n<head>\n<meta charset="%s">\n<title>%s — %s</title>\n<link rel="stylesheet" href="_static/pygments.css" type="text/css" />\n</head>\n<body>\n<div class="related" role="navigation" aria-label="related navigation"><h3>Navigation</h3><ul><li><a href="genindex.html">index</a></li><li><a href="index.html">%s</a> &#187;</li></ul></div>\n'
                '<div class="document"><div class="documentwrapper"><div class="bodywrapper"><div class="body" role="main">\n<section id="main"><h1>%s</h1>\n%s\n</section>\n</div></div></div>\n<div class="sphinxsidebar" role="navigation">%s</div></div>\n<div class="footer">&#169; Copyright 2026. Created using Sphinx 7.2.6.</div>\n</body>\n</html>\n'
                % (lang, charset, e(title), e(site), e(site), e(title), body, nav))
    return ('<!DOCTYPE html>\n<html lang="%s">\n<head>\n<meta charset="%s">\n<title>%s</title>\n</head>\n<body>\n%s\n</body>\n</html>\n' % (lang, charset, e(title), body))


def pad_comments(r, n, lang='en'):
    return "".join('<div class="comment"><span class="comment-user">user%d</span> <p>%s</p></div>\n' % (r.randint(10, 9999), html.escape(paragraph(lang, r, 2))) for _ in range(n))


def build():
    r = random.Random(7)
    # ---------------------------------------------------------- large institutional, no problem
    big = [('en-ministry', 'drupal7', 60, 'utf-8'), ('en-ministry', 'aspnet', 140, 'utf-8'), ('en-court', 'plone', 45, 'utf-8'),
           ('en-court', 'drupal10', 90, 'utf-8'), ('en-univ', 'wordpress', 35, 'utf-8'), ('en-univ', 'joomla', 120, 'utf-8'),
           ('en-un', 'drupal10', 75, 'utf-8'), ('en-un', 'plone', 150, 'utf-8'), ('fr-justice', 'drupal7', 55, 'iso-8859-1'),
           ('fr-justice', 'aspnet', 110, 'iso-8859-1'), ('fr-univ', 'wordpress', 40, 'windows-1252'), ('fr-univ', 'drupal10', 80, 'utf-8'),
           ('es-edu', 'joomla', 50, 'windows-1252'), ('es-edu', 'drupal10', 95, 'utf-8'), ('de-umwelt', 'plone', 65, 'iso-8859-1'),
           ('de-umwelt', 'wordpress', 30, 'utf-8'), ('ru-minobr', 'drupal7', 55, 'windows-1251'), ('ru-minobr', 'aspnet', 100, 'windows-1251'),
           ('ru-minobr', 'joomla', 40, 'utf-8'), ('ar-health', 'drupal10', 60, 'utf-8'), ('ar-health', 'wordpress', 120, 'utf-8'),
           ('en-univ', 'plone', 50, 'utf-16'), ('de-umwelt', 'drupal7', 35, 'utf-16')]
    for i, (site, skin, kb, cs) in enumerate(big):
        meta = 'utf-16' if cs == 'utf-16' else cs
        txt = inst(site, skin, 500 + i, None, None, kb, charset=meta)
        if cs == 'utf-16':
            ct = 'text/html; charset=UTF-16' if i % 2 else 'text/html'
        elif i % 3 == 0:
            ct = 'text/html'        # charset only in <meta>
        else:
            ct = 'text/html; charset=%s' % cs.upper().replace('WINDOWS', 'windows')
        add(HP + 'inst-%s-%s-%d.html' % (site, skin, i), txt, 200, ct, 'healthy',
            'ordinary %s page, %s skin, no problem; %s' % (site, skin, cs), enc=cs)

    # ---------------------------------------------------------- institutional with look-alike content
    notice = {'en': '<div class="alert alert-info" role="status"><strong>Notice:</strong> our offices are closed for maintenance on Friday 11 December. Online services remain available.</div>',
              'fr': '<div class="avis">Avis : nos bureaux seront fermés pour travaux de maintenance le vendredi 11 décembre. Les démarches en ligne restent accessibles.</div>',
              'ru': '<div class="notice">Уважаемые посетители! В пятницу, 11 декабря, приёмная министерства не работает в связи с проведением технического обслуживания здания.</div>'}
    add(HP + 'inst-offices-closed-maintenance.html', inst('en-ministry', 'drupal10', 601, notice['en'], 'messages', 70), 200, u8, 'healthy',
        'ministry page with a banner: offices closed for maintenance on Friday; ~55 KB')
    add(HP + 'inst-fermeture-maintenance-fr-latin1.html', inst('fr-justice', 'plone', 602, notice['fr'], 'messages', 50, charset='iso-8859-1'), 200,
        'text/html; charset=ISO-8859-1', 'healthy', 'Ministère de la Justice page, ISO-8859-1, notice about offices closed for maintenance; ~45 KB')
    add(HP + 'inst-priemnaya-obsluzhivanie-ru-cp1251.html', inst('ru-minobr', 'wordpress', 603, notice['ru'], 'messages', 45, charset='windows-1251'), 200,
        'text/html; charset=windows-1251', 'healthy', 'Russian ministry windows-1251, reception closed for maintenance notice; ~45 KB')
    hidden = [
        ('display-none', '<div id="ajax-error" class="alert alert-danger" style="display:none">Error establishing a database connection. Please try again later.</div>'),
        ('hidden-attr', '<div class="form-error" hidden><p>There has been a critical error on this website.</p></div>'),
        ('aria-hidden', '<div class="sr-status visually-hidden" aria-hidden="true" style="display:none"><h2>502 Bad Gateway</h2><p>The service is temporarily unavailable.</p></div>'),
        ('template', '<template id="tpl-error"><div class="error-box"><h2>Service Unavailable</h2><p>The server is temporarily unable to service your request due to maintenance downtime or capacity problems. Please try again later.</p></div></template>'),
        ('noscript', '<noscript><div class="noscript-warning">Enable JavaScript and cookies to continue</div></noscript>'),
        ('script-i18n', '<script>window.i18n={"err.db":"Error establishing a database connection","err.500":"Internal Server Error","err.maint":"Briefly unavailable for scheduled maintenance. Check back in a minute.","err.quota":"The table is full"};</script>'),
        ('onerror', '<script>window.onerror=function(msg,src,line){if(/Fatal error|Uncaught/.test(msg)){navigator.sendBeacon("/log",JSON.stringify({m:msg,s:src,l:line}));}document.getElementById("js-fallback").textContent="Uncaught TypeError: Cannot read properties of undefined";return false;};</script><span id="js-fallback" style="display:none"></span>'),
        ('style-content', '<style>.offline-banner::before{content:"Site under maintenance";}.offline-banner{display:none}body.db-down .offline-banner{display:block}</style><div class="offline-banner"></div>'),
    ]
    sites = ['en-univ', 'en-un', 'en-court', 'en-ministry', 'de-umwelt', 'es-edu', 'fr-univ', 'en-ministry']
    skins = ['wordpress', 'drupal10', 'joomla', 'aspnet', 'plone', 'drupal7', 'wordpress', 'drupal10']
    poss = ['sidebar', 'footer', 'messages', 'footer', 'top', 'footer', 'sidebar', 'messages']
    for i, (nm, snip) in enumerate(hidden):
        kb = [8, 12, 40, 55, 30, 20, 90, 6][i]
        p = poss[i] if poss[i] != 'top' else 'messages'
        add(HP + 'hidden-%s.html' % nm, inst(sites[i], skins[i], 620 + i, snip, p, kb), 200, u8, 'healthy',
            '%s page whose template carries invisible error markup (%s)' % (sites[i], nm))

    # ---------------------------------------------------------- KB / tutorials
    kb1 = ('<p>If your WordPress site suddenly shows a white page with the words <strong>&ldquo;Error establishing a database connection&rdquo;</strong>, WordPress could not talk to MySQL. This is almost always one of four things.</p>\n'
           '<h2>1. Check the credentials in wp-config.php</h2>\n<pre><code>define( \'DB_NAME\', \'example_wp\' );\ndefine( \'DB_USER\', \'example_user\' );\ndefine( \'DB_PASSWORD\', \'********\' );\ndefine( \'DB_HOST\', \'localhost\' );</code></pre>\n'
           '<h2>2. Is the database server running?</h2>\n<pre><code>$ sudo systemctl status mariadb\n● mariadb.service - MariaDB 10.11.6 database server\n     Active: failed (Result: exit-code)</code></pre>\n<p>If the log says <code>[ERROR] mysqld: Disk full (/var/lib/mysql/ib_logfile0); waiting for someone to free some space...</code>, free disk space first.</p>\n'
           '<h2>3. Repair the tables</h2>\n<p>If instead you see <em>One or more database tables are unavailable. The database may need to be repaired.</em>, add <code>define( \'WP_ALLOW_REPAIR\', true );</code> and open <code>/wp-admin/maint/repair.php</code>.</p>\n<h2>4. Ask your host</h2>\n<p>Shared hosts sometimes hit <code>max_user_connections</code>. Your host can tell you.</p>\n')
    add(HP + 'kb-wordpress-db-connection.html', layout('kb', 'How to fix "Error establishing a database connection" in WordPress', kb1, seed=1, navn=40, site='HostDesk Help Center'), 200, u8, 'healthy',
        'hosting KB article quoting WP db errors in pre/code/em; ~12 KB')
    kb2 = ('<p>MySQL returns error <code>1114</code> when a table cannot grow any further:</p>\n<pre class="console">ERROR 1114 (HY000): The table \'watchdog\' is full</pre>\n<p>For MEMORY tables the limit is <code>max_heap_table_size</code>; for InnoDB it is almost always the disk. Check with:</p>\n<pre>$ df -h /var/lib/mysql\nFilesystem      Size  Used Avail Use% Mounted on\n/dev/sdb1        50G   50G     0 100% /var/lib/mysql</pre>\n'
           '<p>On Drupal sites the culprit is often <code>watchdog</code> (the database log). Truncate it and lower <em>Database log messages to keep</em> under <em>Configuration » Development » Logging and errors</em>.</p>\n<pre><code>TRUNCATE TABLE watchdog;</code></pre>\n<p>Related: <code>ERROR 1021 (HY000): Disk full (/tmp/#sql_1f4_0.MAI); waiting for someone to free some space...</code> means the temporary directory is full, not the data directory.</p>\n')
    add(HP + 'kb-mysql-1114-table-full.html', layout('kb', 'MySQL error 1114: The table is full', kb2, seed=2, navn=120, site='DBA Notes'), 200, u8, 'healthy',
        'KB article explaining 1114 and 1021 with console output; ~15 KB')
    kb3 = ('<p>A <strong>502 Bad Gateway</strong> from nginx means nginx itself is fine but the program behind it (PHP-FPM, Gunicorn, Node) did not answer properly. The page looks like this:</p>\n<pre>&lt;html&gt;\n&lt;head&gt;&lt;title&gt;502 Bad Gateway&lt;/title&gt;&lt;/head&gt;\n&lt;body&gt;\n&lt;center&gt;&lt;h1&gt;502 Bad Gateway&lt;/h1&gt;&lt;/center&gt;\n&lt;hr&gt;&lt;center&gt;nginx/1.22.1&lt;/center&gt;\n&lt;/body&gt;\n&lt;/html&gt;</pre>\n'
           '<p>Look in <code>/var/log/nginx/error.log</code> for lines such as</p>\n<pre>2026/11/20 10:14:03 [error] 812#812: *4411 connect() to unix:/run/php/php8.2-fpm.sock failed (111: Connection refused) while connecting to upstream</pre>\n<p>A <strong>504 Gateway Time-out</strong> instead means the upstream was reachable but too slow; raise <code>proxy_read_timeout</code> or <code>fastcgi_read_timeout</code> only after you have found out why it is slow.</p>\n')
    add(HP + 'kb-nginx-502-504.html', layout('kb', '502 Bad Gateway vs 504 Gateway Time-out: what they mean', kb3, seed=3, site='Ops Handbook'), 200, u8, 'healthy',
        'ops handbook quoting the literal nginx 502 page (escaped) and error.log; small')
    kb4 = ('<p>PHP stops a script when it uses more memory than <code>memory_limit</code> allows:</p>\n<blockquote><p>Fatal error: Allowed memory size of 134217728 bytes exhausted (tried to allocate 20480 bytes) in /var/www/html/wp-includes/plugin.php on line 179</p></blockquote>\n'
           '<p>134217728 bytes is 128M. Raise it in <code>php.ini</code> or, for WordPress, with <code>define( \'WP_MEMORY_LIMIT\', \'256M\' );</code>. The similar message <q>Maximum execution time of 30 seconds exceeded</q> is governed by <code>max_execution_time</code>.</p>\n<table class="table"><thead><tr><th>Directive</th><th>Default</th><th>Message when exceeded</th></tr></thead><tbody><tr><td>memory_limit</td><td>128M</td><td>Allowed memory size of %d bytes exhausted</td></tr><tr><td>max_execution_time</td><td>30</td><td>Maximum execution time of %d seconds exceeded</td></tr><tr><td>post_max_size</td><td>8M</td><td>POST Content-Length of %d bytes exceeds the limit of %d bytes</td></tr></tbody></table>\n')
    add(HP + 'kb-php-memory-limit.html', layout('kb', 'PHP "Allowed memory size exhausted" explained', kb4, seed=4, navn=60, site='PHP Tips'), 200, u8, 'healthy',
        'tutorial with blockquote of PHP fatal and a %d placeholder table; ~8 KB')
    kb5 = ('<p>When PostgreSQL runs out of disk space, writes fail with</p>\n<pre><code class="language-text">ERROR:  could not extend file "base/16384/16397": No space left on device\nHINT:  Check free disk space.</code></pre>\n<p>and in the worst case the server stops with <code>PANIC:  could not write to file "pg_wal/xlogtemp.1234": No space left on device</code>. Do <strong>not</strong> delete files in <code>pg_wal</code> by hand.</p>\n'
           '<ol><li>Find what is using the space: <code>SELECT pg_size_pretty(pg_database_size(current_database()));</code></li><li>Check replication slots that hold WAL: <code>SELECT slot_name, active FROM pg_replication_slots;</code></li><li>Move or extend the volume, then restart.</li></ol>\n<p>A related message, <code>FATAL:  sorry, too many clients already</code>, has nothing to do with disk: it means <code>max_connections</code> is reached. Put PgBouncer in front.</p>\n')
    add(HP + 'docs-postgres-disk-full.html', layout('docs', 'Recovering from a full disk', kb5, seed=5, navn=220, site='Platform Runbooks'), 200, u8, 'healthy',
        'Sphinx-style runbook quoting PostgreSQL no space / too many clients; ~20 KB')
    kb6 = ('<p>The Tomcat error page shows the exception class:</p>\n<pre>HTTP Status 500 – Internal Server Error\nType Exception Report\nMessage Handler dispatch failed: java.lang.OutOfMemoryError: Java heap space</pre>\n<p>Set <code>-Xmx</code> in <code>/etc/default/tomcat10</code>:</p>\n<pre>JAVA_OPTS="-Djava.awt.headless=true -Xmx2g -XX:+HeapDumpOnOutOfMemoryError"</pre>\n<p>and never expose the default exception report in production: configure <code>&lt;Valve className="org.apache.catalina.valves.ErrorReportValve" showReport="false" showServerInfo="false"/&gt;</code>.</p>\n')
    add(HP + 'docs-tomcat-oom.html', layout('docs', 'Tuning Tomcat memory', kb6, seed=6, navn=90, site='Java Ops Guide'), 200, u8, 'healthy',
        'docs page with Tomcat OOM report quoted in pre; ~10 KB')
    kb7 = ('<p>Bei einer Meldung wie</p>\n<pre>Fehler beim Aufbau einer Datenbankverbindung</pre>\n<p>kann WordPress die Datenbank nicht erreichen. Prüfen Sie zuerst die Zugangsdaten in der <code>wp-config.php</code>, danach, ob der MySQL-Dienst läuft (<code>systemctl status mariadb</code>). Häufig ist auch das Kontingent des Webspace erschöpft; Ihr Provider zeigt das im Kundenmenü an.</p>\n<p>Erscheint stattdessen <q>Für kurze Zeit nicht verfügbar, um eine regelmäßige Instandhaltung durchzuführen. Prüfe in einer Minute erneut.</q>, ist ein Update hängen geblieben: löschen Sie die Datei <code>.maintenance</code> im Hauptverzeichnis.</p>\n')
    add(HP + 'blog-wordpress-datenbankfehler-de.html', layout('blog', 'WordPress: „Fehler beim Aufbau einer Datenbankverbindung“ beheben', kb7, 'de', 7, site='Admin-Blog'), 200, u8, 'healthy',
        'German blog post quoting translated WP db and maintenance messages')
    kb8 = ('<p>Le message <strong>« Erreur lors de la connexion à la base de données »</strong> signifie que WordPress ne parvient pas à joindre le serveur MySQL.</p>\n<p>Vérifiez les identifiants dans <code>wp-config.php</code>, puis l\'état du serveur. Si le message est <em>« Indisponibilité temporaire pour cause de maintenance. Veuillez revenir dans un instant. »</em>, supprimez le fichier <code>.maintenance</code>.</p>\n<pre>Warning: mysqli_real_connect(): (HY000/2002): No such file or directory in /home/site/www/wp-includes/class-wpdb.php on line 1982</pre>\n<p>Ce dernier avertissement indique que le socket MySQL est introuvable : le nom d\'hôte <code>localhost</code> doit sans doute être remplacé par celui fourni par votre hébergeur.</p>\n')
    add(HP + 'blog-erreur-connexion-bdd-fr-latin1.html', layout('blog', 'Résoudre « Erreur lors de la connexion à la base de données »', kb8, 'fr', 8, site='Le blog du webmestre', charset='iso-8859-1'),
        200, 'text/html; charset=ISO-8859-1', 'healthy', 'French blog post in ISO-8859-1 quoting WP translated errors and a PHP warning in pre', enc='iso-8859-1')
    kb9 = ('<p>El mensaje <strong>"Error estableciendo una conexión con la base de datos"</strong> aparece cuando WordPress no puede conectar con MySQL. Las causas más habituales son:</p>\n<ul><li>datos incorrectos en <code>wp-config.php</code>;</li><li>el servidor de base de datos está caído;</li><li>la base de datos está dañada (<em>"Una o más tablas de la base de datos no están disponibles"</em>).</li></ul>\n<p>Si su proveedor le muestra <code>SQLSTATE[HY000] [1040] Too many connections</code>, pídale que revise el límite de conexiones.</p>\n')
    add(HP + 'blog-error-conexion-es-cp1252.html', layout('blog', 'Cómo solucionar el "Error estableciendo una conexión con la base de datos"', kb9, 'es', 9, site='Soporte Técnico', charset='windows-1252'),
        200, 'text/html; charset=windows-1252', 'healthy', 'Spanish blog post in windows-1252 quoting WP errors and 1040', enc='windows-1252')
    kb10 = ('<p>Сообщение <b>«Ошибка установки соединения с базой данных»</b> означает, что WordPress не может подключиться к серверу MySQL.</p>\n<p>Проверьте параметры в файле <code>wp-config.php</code> и убедитесь, что служба запущена:</p>\n<pre>$ systemctl status mysql\nERROR 2002 (HY000): Can\'t connect to local MySQL server through socket \'/var/run/mysqld/mysqld.sock\' (2)</pre>\n<p>Если на экране «Сайт ненадолго закрыт на техническое обслуживание. Зайдите через минуту.», удалите файл <code>.maintenance</code>.</p>\n')
    add(HP + 'blog-oshibka-bd-ru-cp1251.html', layout('blog', 'Что делать, если WordPress пишет «Ошибка установки соединения с базой данных»', kb10, 'ru', 10, site='Заметки админа', charset='windows-1251'),
        200, 'text/html; charset=windows-1251', 'healthy', 'Russian blog post in windows-1251 quoting WP errors and ERROR 2002', enc='windows-1251')
    kb11 = ('<p>تظهر رسالة <strong>«خطأ في إنشاء اتصال بقاعدة البيانات»</strong> عندما يعجز ووردبريس عن الاتصال بخادم قاعدة البيانات.</p>\n<p>تحقق أولاً من بيانات الاتصال في الملف <code>wp-config.php</code>، ثم تأكد من أن خادم MySQL يعمل. وإذا ظهرت رسالة «حالياً الموقع غير متوفّر لغرض الصيانة. يرجى المحاولة مجدداً بعد دقيقة.» فاحذف الملف <code>.maintenance</code>.</p>\n')
    add(HP + 'blog-wordpress-db-ar.html', layout('blog', 'حل مشكلة «خطأ في إنشاء اتصال بقاعدة البيانات»', kb11, 'ar', 11, site='مدونة التقنية').replace('<html lang="ar">', '<html lang="ar" dir="rtl">'),
        200, u8, 'healthy', 'Arabic blog post quoting translated WP messages')

    # ---------------------------------------------------------- Q&A threads
    def qa(title, q, answers, seed, n_pad=0):
        rr = random.Random(seed)
        body = '<div class="question" id="question"><div class="votecell"><div class="js-vote-count">%d</div></div><div class="postcell"><div class="s-prose js-post-body" itemprop="text">%s</div><div class="post-taglist"><a class="post-tag">mysql</a> <a class="post-tag">php</a></div></div></div>\n<div id="answers"><h2>%d Answers</h2>\n' % (rr.randint(3, 300), q, len(answers))
        for a in answers:
            body += '<div class="answer"><div class="votecell"><div class="js-vote-count">%d</div></div><div class="answercell"><div class="s-prose js-post-body">%s</div></div>%s</div>\n' % (rr.randint(0, 200), a, pad_comments(rr, n_pad))
        return body + '</div>'
    add(HP + 'qa-drupal-watchdog-full.html', layout('forum', 'PDOException: General error: 1114 The table \'watchdog\' is full', qa('',
        '<p>Since this morning every page of my Drupal 7 site ends with this:</p><pre><code>PDOException: SQLSTATE[HY000]: General error: 1114 The table \'watchdog\' is full: INSERT INTO {watchdog} (uid, type, message, variables, severity, link, location, referer, hostname, timestamp) VALUES (...) in dblog_watchdog() (line 160 of /var/www/modules/dblog/dblog.module).</code></pre><p>The disk has 30 GB free. What else can make the table full?</p>',
        ['<p>Check the engine: <code>SHOW TABLE STATUS LIKE \'watchdog\';</code> If it says <code>MEMORY</code>, you hit <code>max_heap_table_size</code>. Convert it back to InnoDB.</p>',
         '<p>Also check <code>innodb_data_file_path</code>; with <code>ibdata1:10M</code> without <code>:autoextend</code> the tablespace cannot grow.</p>'], 11, 3),
        site='Database Administrators'), 200, u8, 'healthy', 'Q&A thread quoting the founding-case error in the question')
    add(HP + 'qa-too-many-connections.html', layout('forum', 'MySQL "Too many connections" during traffic spikes', qa('',
        '<p>Under load our PHP app prints <code>SQLSTATE[HY000] [1040] Too many connections</code>. <code>max_connections</code> is 151. Should I just raise it?</p>',
        ['<p>Raising it hides the problem. Find out why connections are held: <code>SHOW PROCESSLIST;</code> often shows queries waiting for a lock, e.g. <code>Waiting for table metadata lock</code>.</p><pre>ERROR 1205 (HY000): Lock wait timeout exceeded; try restarting transaction</pre><p>is the symptom on the writer side.</p>',
         '<p>Use persistent connections carefully; with PHP-FPM each child may keep one open.</p>',
         '<p>And for deadlocks (<code>1213 Deadlock found when trying to get lock; try restarting transaction</code>) run <code>SHOW ENGINE INNODB STATUS</code>.</p>'], 12, 4),
        site='Server Fault'), 200, u8, 'healthy', 'Q&A on 1040/1205/1213 with comments; ~10 KB')
    add(HP + 'qa-django-operationalerror.html', layout('forum', 'Django OperationalError: connection to server failed: Connection refused', qa('',
        '<p>After moving to Docker I get:</p><pre>django.db.utils.OperationalError: connection to server at "127.0.0.1", port 5432 failed: Connection refused\n\tIs the server running on that host and accepting TCP/IP connections?</pre><p>Postgres runs in another container.</p>',
        ['<p>Inside a container <code>127.0.0.1</code> is the container itself. Use the service name: <code>HOST: "db"</code>.</p>'], 13, 2),
        site='Stack Overflow'), 200, u8, 'healthy', 'Q&A with Django traceback quoted in pre')
    add(HP + 'qa-spring-whitelabel.html', layout('forum', 'How to replace the Whitelabel Error Page in Spring Boot', qa('',
        '<p>My app shows <em>Whitelabel Error Page — This application has no explicit mapping for /error, so you are seeing this as a fallback.</em> How do I show my own page?</p>',
        ['<p>Add <code>src/main/resources/templates/error.html</code> (Thymeleaf) or set <code>server.error.whitelabel.enabled=false</code>.</p>',
         '<p>For specific statuses use <code>templates/error/500.html</code>, <code>error/404.html</code>.</p>'], 14, 1), site='Stack Overflow'),
        200, u8, 'healthy', 'Q&A quoting Spring whitelabel text')
    add(HP + 'forum-wordpress-critical-error.html', layout('forum', 'There has been a critical error on this website after updating', qa('',
        '<p>After updating a plugin my site shows <strong>There has been a critical error on this website. Please check your site admin email inbox for instructions.</strong> I got the recovery-mode email and the site is back now, but what caused it?</p>',
        ['<p>The email contains the error. In your case it was probably <code>PHP Fatal error:  Uncaught Error: Call to undefined function create_function()</code> from an old plugin on PHP 8. Update or remove the plugin.</p>',
         '<p>Marked as resolved.</p>'], 15, 2), site='WordPress.org Forums'), 200, u8, 'healthy', 'support-forum thread quoting the critical error message (resolved)')
    add(HP + 'forum-joomla-offline-es.html', layout('forum', 'Mi sitio muestra "This site is down for maintenance" aunque lo desactivé', qa('',
        '<p>Desactivé el modo fuera de línea pero los visitantes siguen viendo <em>This site is down for maintenance. Please check back again soon.</em> ¿Qué puede ser?</p>',
        ['<p>Es la caché de la página. Vacíe la caché en <strong>Sistema → Limpiar caché</strong> y, si usa Cloudflare, purgue también allí.</p>'], 16, 1),
        'es', site='Foro Joomla! en español'), 200, u8, 'healthy', 'Spanish forum thread quoting Joomla offline message')

    # ---------------------------------------------------------- changelogs / release notes
    cl = ('<h2 id="v6-4-2">6.4.2 <small>(2026-11-18)</small></h2><ul><li>Fixed: the installer showed &ldquo;Error establishing a database connection&rdquo; instead of a helpful message when <code>DB_HOST</code> contained a port.</li><li>Fixed: <code>Allowed memory size exhausted</code> when importing large XLSX files.</li><li>Updated translations (fr, de, es, ru).</li></ul>\n'
          '<h2 id="v6-4-1">6.4.1 <small>(2026-10-02)</small></h2><ul><li>Fixed a regression where the maintenance page (&ldquo;Briefly unavailable for scheduled maintenance&rdquo;) stayed after a failed update.</li><li>Security: a stack trace including file paths was shown on the password-reset form when the mail server was unreachable (reported by J. Doe).</li></ul>\n'
          '<h2 id="v6-4-0">6.4.0 <small>(2026-09-10)</small></h2><ul><li>New: health check endpoint.</li><li>Fixed: <code>SQLSTATE[40001]: Serialization failure: 1213 Deadlock found when trying to get lock</code> when two editors saved the same page.</li><li>Fixed: <code>Table \'sessions\' is marked as crashed and should be repaired</code> is now caught and logged.</li></ul>\n')
    add(HP + 'changelog-portal-cms.html', layout('docs', 'Changelog', cl * 1, seed=21, navn=30, site='Portal CMS'), 200, u8, 'healthy', 'product changelog listing fixed errors')
    rn = '<p>Release notes for Drupal 7.101.</p>' + ''.join('<h3>Issue #%d</h3><p>%s</p>' % (3300000 + i, t) for i, t in enumerate([
        'Fix PDOException: SQLSTATE[HY000]: General error: 1114 The table \'cache_form\' is full when many forms are cached.',
        'The maintenance page now says "Site under maintenance" in the site\'s language.',
        'Site off-line page: improve the text shown when the database is unreachable ("The site is currently not available due to technical problems").',
        'Do not print "The website encountered an unexpected error. Please try again later." twice on AJAX failures.',
        'Update jQuery UI.']))
    add(HP + 'release-notes-drupal-like.html', layout('docs', 'Drupal 7.101 release notes', rn, seed=22, navn=150, site='Project news'), 200, u8, 'healthy', 'release notes titles quoting Drupal errors; ~15 KB')
    ngx_changes = '<pre>\nChanges with nginx 1.25.4                                        14 Feb 2024\n\n    *) Bugfix: in the ngx_http_proxy_module a "502 Bad Gateway" error\n       might be returned instead of "504 Gateway Time-out" when the\n       backend closed the connection.\n\n    *) Bugfix: the "upstream prematurely closed connection" error might\n       be logged on reading the response header.\n\nChanges with nginx 1.25.3                                        24 Oct 2023\n\n    *) Bugfix: "Service Temporarily Unavailable" pages were returned with\n       a wrong Content-Length.\n</pre>'
    add(HP + 'changes-server-text.html', '<!DOCTYPE html><html><head><meta charset="utf-8"><title>CHANGES</title></head><body>' + ngx_changes + '</body></html>', 200, u8, 'healthy',
        'server changelog in pre quoting 502/504 names')

    # ---------------------------------------------------------- advisories / issues
    adv = ('<p class="lead">Severity: <strong>Moderately critical</strong> · CVE-2026-40112</p>\n<h2>Description</h2><p>When the database was unreachable, the module printed the full exception to anonymous visitors, for example:</p>\n'
           '<pre>PDOException: SQLSTATE[HY000] [1045] Access denied for user \'drupal\'@\'10.0.0.5\' (using password: YES) in lock_may_be_available() (line 167 of /var/www/html/includes/lock.inc).</pre>\n<p>This disclosed the database user name, the internal address and the installation path.</p>\n<h2>Solution</h2><p>Install version 7.x-2.9 or later.</p>\n<h2>Reported by</h2><ul><li>A. Researcher</li></ul>\n')
    add(HP + 'security-advisory-leaked-trace.html', layout('kb', 'SA-CONTRIB-2026-041: Information disclosure', adv, seed=23, navn=20, site='Security advisories'), 200, u8, 'healthy',
        'security advisory quoting a leaked PDOException')
    iss = ('<div class="timeline-comment"><div class="timeline-comment-header"><strong>mkovac</strong> opened this issue on Oct 3</div><div class="comment-body markdown-body"><p>Steps: stop the database, open <code>/</code>.</p><p>Expected: friendly 503. Actual:</p><pre><code>HTTP Status 500 – Internal Server Error\n\njava.sql.SQLTransientConnectionException: HikariPool-1 - Connection is not available, request timed out after 30000ms.\n\tat com.zaxxer.hikari.pool.HikariPool.createTimeoutException(HikariPool.java:696)\n\tat com.zaxxer.hikari.pool.HikariPool.getConnection(HikariPool.java:181)\n\tat org.example.web.HomeController.index(HomeController.java:33)\nCaused by: org.postgresql.util.PSQLException: Connection to localhost:5432 refused.</code></pre></div></div>\n'
           '<div class="timeline-comment"><div class="timeline-comment-header"><strong>maintainer</strong> commented on Oct 5</div><div class="comment-body markdown-body"><p>Fixed in #1288: we now render <code>error/503.html</code> and log the trace.</p></div></div>\n'
           '<div class="TimelineItem"><span class="State State--merged">closed this as completed in #1288</span></div>\n')
    add(HP + 'issue-tracker-hikari-trace.html', layout('issue', 'Stack trace shown to users when DB is down', iss, seed=1287, site='example/portal'), 200, u8, 'healthy',
        'GitHub-style issue with Java stack trace in pre')
    iss2 = ('<div class="timeline-comment"><div class="comment-body markdown-body"><p>Our WordPress multisite sometimes shows</p><blockquote><p>WordPress database error: [Lock wait timeout exceeded; try restarting transaction]<br><code>UPDATE wp_options SET option_value = ...</code></p></blockquote><p>in the admin when cron runs. Log attached.</p><pre><code>[03-Dec-2026 22:10:41 UTC] PHP Fatal error:  Uncaught mysqli_sql_exception: Lock wait timeout exceeded; try restarting transaction in /srv/www/wp-includes/class-wpdb.php:2349\nStack trace:\n#0 /srv/www/wp-includes/class-wpdb.php(2349): mysqli_query()\n#1 {main}</code></pre></div></div>\n'
            + ''.join('<div class="timeline-comment"><div class="comment-body markdown-body"><p>%s</p></div></div>\n' % html.escape(paragraph('en', r, 3)) for _ in range(25)))
    add(HP + 'issue-tracker-wpdb-lock-wait.html', layout('issue', 'Lock wait timeout during cron on multisite', iss2, seed=2044, site='example/wp-cron-runner'), 200, u8, 'healthy',
        'issue thread with wpdb error quoted in blockquote and a PHP log; ~15 KB')
    jira = ('<div id="issue-content"><h1 id="summary-val">NullPointerException on /reports when no user locale</h1><dl><dt>Type:</dt><dd>Bug</dd><dt>Status:</dt><dd>RESOLVED</dd><dt>Resolution:</dt><dd>Fixed</dd></dl>\n<div id="description-val" class="user-content-block"><p>Stack trace from the log:</p><div class="code panel"><div class="codeContent panelContent"><pre class="code-java">java.lang.NullPointerException: Cannot invoke "org.example.portal.model.User.getLocale()" because "user" is null\n\tat org.example.portal.web.HomeServlet.doGet(HomeServlet.java:58)\n\tat jakarta.servlet.http.HttpServlet.service(HttpServlet.java:564)</pre></div></div></div></div>')
    add(HP + 'jira-npe-resolved.html', layout('plain', '[PORTAL-4411] NullPointerException on /reports - Jira', jira), 200, u8, 'healthy', 'Jira-like issue page, NPE trace in code panel')

    # ---------------------------------------------------------- status pages / announcements
    sp = ('<div class="page-status status-none"><span class="status font-large">All Systems Operational</span></div>\n<div class="components-container">' +
          ''.join('<div class="component-container"><span class="name">%s</span><span class="component-status">Operational</span></div>' % c for c in ['Website', 'API', 'E-filing', 'Payments', 'Search']) +
          '</div>\n<h2>Past Incidents</h2>\n<div class="incident"><h3>Dec 2, 2026</h3><p class="incident-title impact-major">502 Bad Gateway errors on the API</p><p><strong>Resolved</strong> - This incident has been resolved. Between 14:02 and 14:37 UTC some requests returned 502 Bad Gateway because an upstream pool was exhausted.</p></div>\n'
          '<div class="incident"><h3>Nov 28, 2026</h3><p class="incident-title impact-minor">Database connection errors on e-filing</p><p><strong>Resolved</strong> - Users saw "Error establishing a database connection" for 6 minutes during a failover.</p><p><strong>Monitoring</strong> - A fix has been implemented.</p><p><strong>Investigating</strong> - We are investigating reports of errors.</p></div>\n'
          '<div class="incident"><h3>Nov 20, 2026</h3><p class="incident-title">Scheduled maintenance: database upgrade</p><p><strong>Completed</strong> - The scheduled maintenance has been completed. The site was in maintenance mode ("Site under maintenance") from 02:00 to 02:40.</p></div>\n'
          '<div class="incident"><h3>Nov 19, 2026</h3><p>No incidents reported.</p></div>')
    add(HP + 'status-page-past-incidents.html', layout('plain', 'Eastern Court Status', sp), 200, u8, 'healthy', 'statuspage-style page: all operational, past incidents with error names')
    sp2 = ('<h1>Estado de los servicios</h1><p class="ok">Todos los sistemas funcionan con normalidad.</p><h2>Incidencias anteriores</h2><ul><li><b>01/12/2026</b> – Error 503 Service Unavailable en la sede electrónica (resuelto en 20 minutos).</li><li><b>15/11/2026</b> – Mantenimiento programado de la base de datos. Completado.</li></ul>')
    add(HP + 'status-page-es.html', layout('plain', 'Estado de los servicios - Sede electrónica', sp2, 'es'), 200, u8, 'healthy', 'Spanish status page listing a resolved 503')
    ann = ('<article class="announcement"><h1>Scheduled maintenance: Saturday 12 December, 02:00–04:00 UTC</h1><p>The e-filing portal will be unavailable while we upgrade the database servers. During this window visitors will see a maintenance page saying the site is briefly unavailable for scheduled maintenance.</p><p>Filing deadlines falling on that day are extended to Monday.</p></article>')
    add(HP + 'maintenance-announcement.html', inst('en-court', 'drupal10', 650, ann, 'mid', 40), 200, u8, 'healthy', 'court page announcing a future maintenance window; ~40 KB')
    add(HP + 'maintenance-announcement-de.html', layout('plain', 'Wartungsarbeiten am Samstag', '<h1>Angekündigte Wartungsarbeiten</h1><p>Am Samstag, 12. Dezember, zwischen 2 und 4 Uhr ist das Serviceportal wegen Wartungsarbeiten nicht erreichbar. Wir bitten um Verständnis.</p><p>Telefonisch erreichen Sie uns wie gewohnt ab 8 Uhr.</p>', 'de'),
        200, u8, 'healthy', 'German maintenance announcement, small')

    # ---------------------------------------------------------- app's own messages
    add(HP + 'library-account-suspended.html', layout('plain', 'My account – City Library',
        '<header><a href="/">City Library</a> <a href="/logout">Log out</a></header><main><h1>My account</h1><div class="alert alert-warning">This account has been suspended because of unpaid fines of €14.50. You can still renew online after paying at any branch.</div><h2>Loans</h2><table><tr><th>Title</th><th>Due</th></tr><tr><td>The Remains of the Day</td><td>12/12/2026</td></tr><tr><td>A Brief History of Time</td><td>18/12/2026</td></tr></table></main>'),
        200, u8, 'healthy', 'library app telling a patron their account is suspended')
    add(HP + 'bank-session-expired.html', layout('plain', 'Online Banking',
        '<main class="login"><h1>Online Banking</h1><p class="info">Your session has expired for your security. Please log in again.</p><form method="post"><label>Customer number <input name="c"></label><label>PIN <input type="password" name="p"></label><button>Log in</button></form><p class="small">Service notice: transfers are unavailable on Sunday 13 December between 01:00 and 03:00 due to maintenance.</p></main>'),
        200, u8, 'healthy', 'bank login with session expired and maintenance note')
    add(HP + 'forum-user-banned.html', layout('forum', 'User profile: darkstar', '<div class="profile"><h2>darkstar</h2><p class="banned">This user has been suspended until 2027-01-01 for violating the community guidelines.</p><p>Posts: 1,204 · Joined 2019</p></div>', site='Community'),
        200, u8, 'healthy', 'forum profile: this user has been suspended')
    add(HP + 'shop-out-of-stock-error-form.html', layout('plain', 'Checkout – Garden Shop',
        '<main><h1>Checkout</h1><div class="woocommerce-error" role="alert"><li>Sorry, "Rain barrel 200 l" is out of stock. Please edit your cart and try again. We apologise for any inconvenience caused.</li></div><form class="checkout"><label>Email <input type="email" name="e"></label><p class="field-error">Please enter a valid postcode.</p><button>Place order</button></form></main>'),
        200, u8, 'healthy', 'shop checkout with validation errors')
    add(HP + 'hosting-panel-suspended-list.html', layout('plain', 'Reseller panel – Accounts',
        '<main><h1>Accounts</h1><table class="table"><tr><th>Domain</th><th>Plan</th><th>Status</th></tr><tr><td>bakery.example</td><td>Basic</td><td><span class="badge ok">Active</span></td></tr><tr><td>oldclub.example</td><td>Basic</td><td><span class="badge warn">Suspended</span> (unpaid invoice)</td></tr><tr><td>law-office.example</td><td>Pro</td><td><span class="badge ok">Active</span></td></tr></table><p>Suspended accounts show the "Account Suspended" page to visitors until you unsuspend them.</p></main>'),
        200, u8, 'healthy', 'hosting reseller panel listing a suspended customer account')

    # ---------------------------------------------------------- reference tables
    codes = [('1040', 'HY000', 'ER_CON_COUNT_ERROR', 'Too many connections'), ('1045', '28000', 'ER_ACCESS_DENIED_ERROR', "Access denied for user '%s'@'%s' (using password: %s)"),
             ('1049', '42000', 'ER_BAD_DB_ERROR', "Unknown database '%s'"), ('1114', 'HY000', 'ER_RECORD_FILE_FULL', "The table '%s' is full"),
             ('1146', '42S02', 'ER_NO_SUCH_TABLE', "Table '%s.%s' doesn't exist"), ('1205', 'HY000', 'ER_LOCK_WAIT_TIMEOUT', 'Lock wait timeout exceeded; try restarting transaction'),
             ('1213', '40001', 'ER_LOCK_DEADLOCK', 'Deadlock found when trying to get lock; try restarting transaction'), ('145', 'HY000', 'ER_CRASHED_ON_USAGE', "Table '%s' is marked as crashed and should be repaired"),
             ('1021', 'HY000', 'ER_DISK_FULL', 'Disk full (%s); waiting for someone to free some space... (errno: %d "%s")'), ('2002', 'HY000', 'CR_CONNECTION_ERROR', "Can't connect to local MySQL server through socket '%s' (%d)")]
    tb = '<p>Each server error has a number, an SQLSTATE value and a message template.</p><table class="docutils"><thead><tr><th>Error</th><th>SQLSTATE</th><th>Symbol</th><th>Message</th></tr></thead><tbody>' + ''.join(
        '<tr><td>%s</td><td>%s</td><td><code>%s</code></td><td>%s</td></tr>' % (a, b, c, html.escape(d)) for a, b, c, d in codes * 1) + '</tbody></table>'
    add(HP + 'reference-mysql-error-codes.html', layout('docs', 'Server error message reference', tb, seed=31, navn=300, site='MariaDB-compatible server manual'), 200, u8, 'healthy',
        'error-code reference table with %s placeholders; ~25 KB')
    http = '<table class="wikitable"><tr><th>Code</th><th>Reason phrase</th><th>Typical cause</th></tr>' + ''.join('<tr><td>%s</td><td>%s</td><td>%s</td></tr>' % t for t in [
        ('500', 'Internal Server Error', 'Uncaught exception in the application'), ('502', 'Bad Gateway', 'Reverse proxy got an invalid response from upstream'),
        ('503', 'Service Unavailable', 'Server overloaded or in maintenance; may carry Retry-After'), ('504', 'Gateway Timeout', 'Upstream did not answer in time'),
        ('521', 'Web Server Is Down', 'Cloudflare-specific: origin refused the connection'), ('522', 'Connection Timed Out', 'Cloudflare-specific: TCP handshake with origin timed out')]) + '</table>'
    add(HP + 'reference-http-status.html', layout('docs', 'List of HTTP status codes', '<p>Server error responses (500–599) indicate that the server failed to fulfil an apparently valid request.</p>' + http + '<p>' + paragraph('en', r, 5) + '</p>', seed=32, navn=80, site='Encyclopedia'),
        200, u8, 'healthy', 'HTTP status code reference table')
    ora = '<table><tr><th>Code</th><th>Message</th><th>Action</th></tr><tr><td>ORA-00257</td><td>Archiver error. Connect AS SYSDBA only until resolved.</td><td>Free space in the archive destination.</td></tr><tr><td>ORA-01653</td><td>unable to extend table %s.%s by %s in tablespace %s</td><td>Add a datafile.</td></tr><tr><td>ORA-12541</td><td>TNS:no listener</td><td>Start the listener.</td></tr></table>'
    add(HP + 'reference-oracle-codes.html', layout('kb', 'Common Oracle errors and what to do', ora, seed=33, site='DBA Wiki'), 200, u8, 'healthy', 'Oracle error table with format placeholders')
    add(HP + 'reference-sqlserver-9002-ms-docs-utf16.html', layout('docs', 'Troubleshoot a full transaction log (SQL Server Error 9002)',
        '<p>When the transaction log becomes full, SQL Server Database Engine issues a <b>9002 error</b>, for example:</p><pre>The transaction log for database \'%ls\' is full due to \'%ls\'.</pre><p>Look at <code>log_reuse_wait_desc</code> in <code>sys.databases</code> to see why the log cannot be truncated.</p>',
        seed=34, navn=60, site='SQL Server documentation', charset='utf-16'), 200, 'text/html; charset=utf-16', 'healthy', 'docs page about 9002 served as UTF-16 LE with BOM', enc='utf-16')

    # ---------------------------------------------------------- prose with error words
    add(HP + 'prose-chess-fatal-error.html', layout('blog', 'The fatal error in game six', '<p>' + '</p><p>'.join([
        'Grandmasters rarely make a fatal error in a position this quiet, which is why the move 31...Rxe4 will be discussed for years.',
        'Black had been under pressure since the opening, and the engine showed the position as balanced until the exchange sacrifice.',
        'After the game the challenger said the time trouble was his own fault: "I was running out of memory, not of clock." The match is now tied.',
        paragraph('en', r, 6), paragraph('en', r, 6)]) + '</p>', seed=41, site='Chess Weekly'), 200, u8, 'healthy', 'chess article with "fatal error", "running out of memory"')
    add(HP + 'prose-erreur-judiciaire-fr.html', layout('plain', 'Erreur judiciaire : la cour ordonne la révision',
        '<h1>Erreur judiciaire : la cour ordonne la révision</h1><p>La cour de révision a estimé que la condamnation reposait sur une erreur manifeste d\'appréciation. Le dossier est renvoyé devant une autre cour d\'assises.</p><p>' + paragraph('fr', r, 8) + '</p><p>Le service est momentanément indisponible pour les demandes par téléphone ; les demandes en ligne restent ouvertes.</p>', 'fr'),
        200, u8, 'healthy', 'French news on a miscarriage of justice (erreur), "momentanément indisponible"')
    add(HP + 'prose-fehler-de-latin1.html', layout('plain', 'Häufige Fehler beim Ausfüllen des Antrags',
        '<h1>Häufige Fehler beim Ausfüllen des Antrags</h1><ul><li>Fehlende Unterschrift auf Seite 3</li><li>Falsche Steuer-Identifikationsnummer</li><li>Der Antrag wurde nach Ablauf der Frist eingereicht</li></ul><p>' + paragraph('de', r, 6) + '</p><p>Bei technischen Störungen wenden Sie sich bitte an die Hotline.</p>', 'de', charset='iso-8859-1'),
        200, 'text/html; charset=ISO-8859-1', 'healthy', 'German FAQ "common mistakes" (Fehler), ISO-8859-1', enc='iso-8859-1')
    add(HP + 'prose-oshibki-ru-cp1251.html', layout('plain', 'Типичные ошибки при подаче заявления',
        '<h1>Типичные ошибки при подаче заявления</h1><p>Наиболее частые ошибки: неверно указанный СНИЛС, отсутствие подписи, просроченный паспорт.</p><p>' + paragraph('ru', r, 6) + '</p><p>Сервис временно недоступен только в ночь на воскресенье с 01:00 до 03:00 в связи с плановыми работами.</p>', 'ru', charset='windows-1251'),
        200, 'text/html; charset=windows-1251', 'healthy', 'Russian FAQ about application errors (ошибки), windows-1251', enc='windows-1251')
    add(HP + 'prose-error-es.html', layout('plain', 'El error de cálculo que cambió la física',
        '<h1>El error de cálculo que cambió la física</h1><p>Un error en la conversión de unidades provocó la pérdida de la sonda en 1999. Desde entonces, las agencias revisan dos veces cada cálculo.</p><p>' + paragraph('es', r, 7) + '</p>', 'es'),
        200, u8, 'healthy', 'Spanish science article about a calculation error')
    add(HP + 'prose-arabic-news.html', layout('plain', 'أخطاء شائعة في تقديم الطلبات',
        '<h1>أخطاء شائعة في تقديم الطلبات</h1><p>من الأخطاء الشائعة عدم إرفاق صورة الهوية أو تقديم الطلب بعد انتهاء المهلة.</p><p>' + paragraph('ar', r, 6) + '</p>', 'ar').replace('<html lang="ar">', '<html lang="ar" dir="rtl">'),
        200, u8, 'healthy', 'Arabic FAQ with "errors" (أخطاء)')
    add(HP + 'prose-gateway-tourism.html', layout('blog', 'Gateway to the North: a bad gateway no more', '<p>The old railway station, long called the "bad gateway" to the city because of its crumbling façade, reopens after restoration. The service is temporarily unavailable on Sundays while works continue on platform 2.</p><p>' + paragraph('en', r, 7) + '</p>', seed=42, site='City Magazine'),
        200, u8, 'healthy', 'tourism article with "bad gateway", "temporarily unavailable" in prose')
    add(HP + 'guru-meditation-amiga.html', layout('docs', 'Guru Meditation', '<p>The <b>Guru Meditation</b> was the error notice of early Amiga computers: a red blinking box reading <q>Software Failure. Press left mouse button to continue. Guru Meditation #00000004.0000AAC0</q>. The Varnish cache later borrowed the name for its error pages.</p><p>' + paragraph('en', r, 6) + '</p>', seed=43, navn=50, site='Retro Computing Wiki'),
        200, u8, 'healthy', 'wiki article on Amiga Guru Meditation')
    add(HP + 'tutorial-replace-apache-default.html', layout('kb', 'Replace the Apache2 Debian Default Page with your site',
        '<p>After <code>apt install apache2</code> the server shows <strong>Apache2 Debian Default Page: It works</strong>. That page lives in <code>/var/www/html/index.html</code>. Replace it:</p><pre>$ sudo rm /var/www/html/index.html\n$ sudo cp -r ~/site/* /var/www/html/</pre><p>For nginx the equivalent page is titled <q>Welcome to nginx!</q> and lives in <code>/var/www/html/index.nginx-debian.html</code>. For lighttpd it is the <q>Placeholder page</q>.</p><p>Also disable directory listings (<q>Index of /</q>) with <code>Options -Indexes</code>.</p>', seed=44, site='Linux Server Guide'),
        200, u8, 'healthy', 'tutorial naming Debian default pages and Index of /')
    add(HP + 'news-domain-parking.html', inst('en-univ', 'wordpress', 660,
        '<p>The university has recovered the domain of its former college, which for two years showed a parked page with the words "This domain may be for sale" and sponsored links.</p>', 'mid', 30),
        200, u8, 'healthy', 'university news mentioning a parked-domain page; ~30 KB')
    add(HP + 'cloudflare-blog-522.html', layout('blog', 'Understanding Cloudflare errors 521 and 522', '<p>A visitor who sees <em>Error 522 Connection timed out</em> is looking at a page produced by the CDN, not by your server. Error 521 (<em>Web server is down</em>) means the origin actively refused.</p><figure><img src="/img/522.png" alt="Screenshot of the Cloudflare 522 page: Browser Working, Cloudflare Working, Host Error"><figcaption>The 522 page with the host marked as Error.</figcaption></figure><p>' + paragraph('en', r, 5) + '</p>', seed=45, site='Edge Engineering Blog'),
        200, u8, 'healthy', 'blog about Cloudflare 521/522 quoting their wording')
    add(HP + 'django-docs-error-views.html', layout('docs', 'Error views', '<p>Django comes with a few views by default for handling HTTP errors. The default 500 view renders <code>500.html</code>; if it does not exist it returns <code>&lt;h1&gt;Server Error (500)&lt;/h1&gt;</code>.</p><div class="admonition note"><p>When <code>DEBUG</code> is <code>True</code>, Django shows a detailed technical page with the traceback instead, starting with the exception type, e.g. <code>OperationalError at /</code>. Never deploy with <code>DEBUG = True</code>.</p></div><pre><span class="n">handler500</span> <span class="o">=</span> <span class="s2">"mysite.views.my_custom_error_view"</span></pre>', seed=46, navn=250, site='Django documentation'),
        200, u8, 'healthy', 'framework docs page describing the 500 and debug pages; ~20 KB')
    add(HP + 'phpinfo-tutorial.html', layout('kb', 'Checking your PHP version safely', '<p>Creating a file with <code>&lt;?php phpinfo(); ?&gt;</code> shows a page headed <q>PHP Version 8.2.x</q> with every setting, including environment variables. Delete it right after use; better, run <code>php -v</code> and <code>php -i | grep memory_limit</code> on the command line:</p><pre>$ php -i | grep memory_limit\nmemory_limit =&gt; 128M =&gt; 128M</pre>', seed=47, site='Hosting Academy'),
        200, u8, 'healthy', 'tutorial about phpinfo, quoting its heading')
    add(HP + 'inst-news-wide-outage-report.html', inst('en-un', 'joomla', 670,
        '<h2>Lessons from the regional data centre outage</h2><p>During the outage in October, citizens trying to reach public portals saw messages such as &ldquo;502 Bad Gateway&rdquo;, &ldquo;Service Temporarily Unavailable&rdquo; and &ldquo;Error establishing a database connection&rdquo;. The report recommends redundant power and tested failover.</p>', 'mid', 100),
        200, u8, 'healthy', 'UN agency report article quoting outage messages mid-article; ~85 KB')
    add(HP + 'inst-ru-article-about-errors-cp1251.html', inst('ru-minobr', 'drupal10', 671,
        '<p>Во время сбоя пользователи видели сообщение «Ошибка установки соединения с базой данных». Специалисты министерства восстановили работу портала за 40 минут.</p>', 'mid', 70, charset='windows-1251'),
        200, 'text/html; charset=windows-1251', 'healthy', 'Russian ministry article in windows-1251 reporting a past outage and quoting the WP message; ~65 KB')
    add(HP + 'dev-console-error-blog.html', layout('blog', 'Debugging "Uncaught TypeError: Cannot read properties of undefined"', '<p>This is the most common JavaScript error. It appears in the browser console, like this:</p><pre class="wp-block-code"><code>Uncaught TypeError: Cannot read properties of undefined (reading \'map\')\n    at ProductList (ProductList.jsx:14:23)\n    at renderWithHooks (react-dom.development.js:16305:18)</code></pre><p>Guard with optional chaining: <code>items?.map(...)</code>.</p>' + ''.join('<p>%s</p>' % paragraph('en', r, 5) for _ in range(8)), seed=48, site='Frontend Diary'),
        200, u8, 'healthy', 'dev blog with JS stack trace in pre')
    add(HP + 'rails-guide-500.html', layout('docs', 'Custom error pages in Rails', '<p>In production Rails serves <code>public/500.html</code>, which says <q>We\'re sorry, but something went wrong.</q> and <q>If you are the application owner check the logs for more information.</q> Customise these files to match your design.</p>', seed=49, navn=100, site='Rails Guides'),
        200, u8, 'healthy', 'Rails guide quoting public/500.html text')
    add(HP + 'aspnet-customerrors-kb.html', layout('kb', 'Hide the "Server Error in \'/\' Application" page', '<p>The yellow screen titled <em>Server Error in \'/\' Application.</em> with the text <em>An unhandled exception occurred during the execution of the current web request</em> is shown when <code>customErrors</code> is <code>Off</code>. Set:</p><pre>&lt;customErrors mode="RemoteOnly" defaultRedirect="~/Error.aspx" /&gt;</pre>', seed=50, navn=30, site='IIS Admin KB'),
        200, u8, 'healthy', 'KB about ASP.NET yellow screen')
    add(HP + 'utf16-university-notice.html', layout('plain', 'Examination timetable',
        '<h1>Examination timetable – winter term</h1><p>The timetable is final. Students with a conflict should contact the examinations office before 15 December. Note: the student portal will be under maintenance on 19 December from 18:00; results will be published after that.</p><table><tr><th>Course</th><th>Date</th><th>Room</th></tr><tr><td>Hydrology II</td><td>08.01.2027</td><td>A-104</td></tr><tr><td>Public Law</td><td>11.01.2027</td><td>Aula</td></tr></table>', charset='utf-16'),
        200, 'text/html', 'healthy', 'small page in UTF-16 LE with BOM, meta charset only, mentions portal maintenance', enc='utf-16')


def build_more():
    r = random.Random(99)
    rows = ''.join('<tr><td><a href="/sites/default/files/publications/%s">%s</a></td><td>%s</td><td>%s</td></tr>\n' % (f, t, d, s) for f, t, d, s in [
        ('annual-report-2025.pdf', 'Annual report 2025', '2026-03-20', '2.4 MB'), ('water-strategy-2030.pdf', 'National water strategy 2030', '2026-11-10', '5.1 MB'),
        ('procurement-plan-2027.xlsx', 'Procurement plan 2027', '2026-11-30', '88 KB'), ('audit-summary.pdf', 'Summary of the audit findings', '2026-07-02', '640 KB')])
    add(HP + 'inst-publications-index.html', inst('en-ministry', 'joomla', 701,
        '<h2>Index of publications</h2><table class="table table-striped"><thead><tr><th>Name</th><th>Last modified</th><th>Size</th></tr></thead><tbody>' + rows + '</tbody></table>', 'mid', 45),
        200, u8, 'healthy', 'ministry publications table (Name / Last modified / Size) that resembles a listing; ~40 KB')
    res = ''.join('<li class="search-result"><h3><a href="/news/%d">%s</a></h3><p class="snippet">%s</p></li>' % (r.randint(100, 999), t, s) for t, s in [
        ('Correction of an error in the 2025 statistics', '... an <strong>error</strong> in the regional table has been corrected ...'),
        ('Online services temporarily unavailable on 12 December', '... services will be <strong>unavailable</strong> during maintenance from 02:00 ...'),
        ('Fatal road accidents fell by 8 per cent', '... the number of <strong>fatal</strong> accidents ...')])
    add(HP + 'search-results-error.html', inst('en-court', 'aspnet', 702, '<h2>Search results for &ldquo;error&rdquo;</h2><ol class="search-results">' + res + '</ol>', 'mid', 35),
        200, u8, 'healthy', 'site search results page for the word error; ~35 KB')
    add(HP + 'kb-double-escaped-entities.html', layout('kb', 'Why do I see &#039; in my error messages?',
        '<p>When a message is escaped twice, an apostrophe turns into <code>&amp;amp;#039;</code> in the HTML and shows as <code>&amp;#039;</code> on screen, as in <samp>The table &amp;#039;cache_form&amp;#039; is full</samp>. Escape once, at output.</p>', seed=61, site='Drupal Answers'),
        200, u8, 'healthy', 'KB page explaining double-escaped entities with a quoted 1114 example')
