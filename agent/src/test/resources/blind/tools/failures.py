# Failure pages: what a visitor sees when the site is broken.
from common import add, inst
import html

F = 'failures/'
H = 'text/html'
U8 = 'text/html; charset=UTF-8'
u8 = 'text/html; charset=utf-8'


def wp_die(msg, title='WordPress &rsaquo; Error', lang='en-US', rtl=False):
    return ('<!DOCTYPE html>\n<html %slang="%s">\n<head>\n\t<meta http-equiv="Content-Type" content="text/html; charset=utf-8" />\n'
            '\t<meta name="viewport" content="width=device-width">\n\t<meta name=\'robots\' content=\'noindex, follow\' />\n'
            '\t<title>%s</title>\n\t<style type="text/css">\n\t\thtml {\n\t\t\tbackground: #f1f1f1;\n\t\t}\n\t\tbody {\n\t\t\tbackground: #fff;\n'
            '\t\t\tborder: 1px solid #ccd0d4;\n\t\t\tcolor: #444;\n\t\t\tfont-family: -apple-system, BlinkMacSystemFont, "Segoe UI", Roboto, Oxygen-Sans, Ubuntu, Cantarell, "Helvetica Neue", sans-serif;\n'
            '\t\t\tmargin: 2em auto;\n\t\t\tpadding: 1em 2em;\n\t\t\tmax-width: 700px;\n\t\t\t-webkit-box-shadow: 0 1px 1px rgba(0, 0, 0, .04);\n\t\t\tbox-shadow: 0 1px 1px rgba(0, 0, 0, .04);\n\t\t}\n'
            '\t\th1 {\n\t\t\tborder-bottom: 1px solid #dadada;\n\t\t\tclear: both;\n\t\t\tcolor: #666;\n\t\t\tfont-size: 24px;\n\t\t\tmargin: 30px 0 0 0;\n\t\t\tpadding: 0;\n\t\t\tpadding-bottom: 7px;\n\t\t}\n'
            '\t\t#error-page {\n\t\t\tmargin-top: 50px;\n\t\t}\n\t\t#error-page p,\n\t\t#error-page .wp-die-message {\n\t\t\tfont-size: 14px;\n\t\t\tline-height: 1.5;\n\t\t\tmargin: 25px 0 20px;\n\t\t}\n'
            '\t\t#error-page code {\n\t\t\tfont-family: Consolas, Monaco, monospace;\n\t\t}\n\t\tul li {\n\t\t\tmargin-bottom: 10px;\n\t\t\tfont-size: 14px ;\n\t\t}\n'
            '\t\ta {\n\t\t\tcolor: #0073aa;\n\t\t}\n\t</style>\n</head>\n<body id="error-page">\n\t<div class="wp-die-message">%s</div></body>\n</html>\n'
            % ('dir="rtl" ' if rtl else '', lang, title, msg))


def build():
    # ------------------------------------------------------------------ db_storage_full
    d7_1114 = ("PDOException: SQLSTATE[HY000]: General error: 1114 The table 'watchdog' is full: INSERT INTO {watchdog} (uid, type, message, variables, severity, link, location, referer, hostname, timestamp) VALUES "
               "(:db_insert_placeholder_0, :db_insert_placeholder_1, :db_insert_placeholder_2, :db_insert_placeholder_3, :db_insert_placeholder_4, :db_insert_placeholder_5, :db_insert_placeholder_6, :db_insert_placeholder_7, :db_insert_placeholder_8, :db_insert_placeholder_9); "
               "Array\n(\n    [:db_insert_placeholder_0] =&gt; 0\n    [:db_insert_placeholder_1] =&gt; page not found\n    [:db_insert_placeholder_2] =&gt; wp-login.php\n    [:db_insert_placeholder_3] =&gt; N;\n    [:db_insert_placeholder_4] =&gt; 4\n"
               "    [:db_insert_placeholder_5] =&gt; \n    [:db_insert_placeholder_6] =&gt; https://www.mewa.gov.example/wp-login.php\n    [:db_insert_placeholder_7] =&gt; \n    [:db_insert_placeholder_8] =&gt; 203.0.113.77\n    [:db_insert_placeholder_9] =&gt; 1796345123\n)\n"
               " in dblog_watchdog() (line 160 of /var/www/mewa/modules/dblog/dblog.module).")
    add(F + 'drupal7-watchdog-full-after-html.html', inst('en-ministry', 'drupal7', 101, d7_1114, 'after_html', 70), 200, u8,
        'db_storage_full', 'Drupal 7 article page, PDOException 1114 watchdog full printed after </html>; founding case; ~50 KB')
    add(F + 'drupal7-watchdog-full-after-html-short.html', inst('en-court', 'drupal7', 102,
        "SQLSTATE[HY000]: General error: 1114 The table 'watchdog' is full", 'after_html', 40), 200, u8,
        'db_storage_full', 'Drupal 7 court page, bare SQLSTATE 1114 line after </html>; ~35 KB')
    d10_msg = ('<div role="contentinfo" aria-label="Error message" class="messages-list__item messages messages--error">\n'
               '  <div class="messages__header"><h2 class="visually-hidden">Error message</h2></div>\n  <div class="messages__content">\n'
               '<em class="placeholder">Drupal\\Core\\Database\\DatabaseExceptionWrapper</em>: SQLSTATE[HY000]: General error: 1114 The table &#039;cache_render&#039; is full: INSERT INTO &quot;cache_render&quot; (&quot;cid&quot;, &quot;expire&quot;, &quot;created&quot;, &quot;tags&quot;, &quot;checksum&quot;, &quot;data&quot;, &quot;serialized&quot;) VALUES (:db_insert_placeholder_0, ...) ON DUPLICATE KEY UPDATE &quot;cid&quot; = VALUES(&quot;cid&quot;); Array\n(\n    [:db_insert_placeholder_0] =&gt; entity_view:block:views_block__publications_block_1:[languages:language_interface]=en:[theme]=olivero\n)\n'
               ' in <em class="placeholder">Drupal\\Core\\Cache\\DatabaseBackend-&gt;doSetMultiple()</em> (line <em class="placeholder">279</em> of <em class="placeholder">core/lib/Drupal/Core/Cache/DatabaseBackend.php</em>).\n  </div>\n</div>\n')
    add(F + 'drupal10-cache-render-full-sidebar.html', inst('en-un', 'drupal10', 103, d10_msg, 'sidebar', 90), 200, u8,
        'db_storage_full', 'Drupal 10 Olivero UN page, 1114 cache_render full in error message inside sidebar block, &#039; entities; ~65 KB')
    wpdberr = ("<div id='error'><p class='wpdberror'><strong>WordPress database error:</strong> [The table 'wp_options' is full]<br />\n"
               "<code>INSERT INTO `wp_options` (`option_name`, `option_value`, `autoload`) VALUES ('_transient_timeout_feed_9bbd59226dc36b9b26cd43f15694c5c3', '1796388811', 'no') ON DUPLICATE KEY UPDATE `option_name` = VALUES(`option_name`), `option_value` = VALUES(`option_value`), `autoload` = VALUES(`autoload`)</code></p></div>")
    add(F + 'wordpress-options-full-mid.html', inst('en-univ', 'wordpress', 104, wpdberr, 'mid', 45), 200, U8,
        'db_storage_full', 'WordPress single post, wpdberror table wp_options is full in the middle of the article; ~40 KB')
    add(F + 'wordpress-options-full-top-fr.html', inst('fr-univ', 'wordpress', 105,
        "<div id='error'><p class='wpdberror'><strong>Erreur de la base de données WordPress&nbsp;:</strong> [The table 'wp_postmeta' is full]<br />\n<code>INSERT INTO `wp_postmeta` (`post_id`, `meta_key`, `meta_value`) VALUES (4711, '_edit_lock', '1796388811:1')</code></p></div>",
        'top', 35), 200, U8, 'db_storage_full', 'French WordPress, translated wpdberror label, 1114 wp_postmeta full before doctype; ~35 KB')
    add(F + 'php-mysqli-errcode28.html',
        '<br />\n<b>Warning</b>:  mysqli::query(): (HY000/3): Error writing file \'/tmp/MYfd=173\' (Errcode: 28 &quot;No space left on device&quot;) in <b>/var/www/shop/lib/db.php</b> on line <b>88</b><br />\n'
        '<!DOCTYPE html>\n<html><head><title>Catalogue</title></head><body>\n<div class="error">Query failed: Error writing file \'/tmp/MYfd=173\' (Errcode: 28 "No space left on device")</div>\n</body></html>\n',
        200, H, 'db_storage_full', 'hand-written PHP shop, MariaDB errcode 28 no space left on device; small')
    add(F + 'mysql-1021-disk-full-joomla.html',
        '<!DOCTYPE html>\n<html lang="en-gb" dir="ltr">\n<head>\n<meta charset="utf-8">\n<title>Error: 1021</title>\n<link href="/media/templates/site/cassiopeia/css/template.min.css" rel="stylesheet">\n</head>\n'
        '<body class="error-page">\n<div class="container"><h1 class="page-header">The requested page can\'t be found.</h1>\n<p><strong>An error has occurred while processing your request.</strong></p>\n'
        '<p><a href="/index.php" class="btn btn-secondary"><span class="icon-home" aria-hidden="true"></span> Home Page</a></p>\n<hr>\n<p>If difficulties persist, please contact the website administrator and report the error below.</p>\n'
        '<blockquote><span class="badge bg-secondary">1021</span> Disk full (/var/tmp/#sql_3e1_0.MAI); waiting for someone to free some space... (errno: 28 &quot;No space left on device&quot;)</blockquote>\n</div>\n</body>\n</html>\n',
        500, U8, 'db_storage_full', 'Joomla 4 error page, MySQL 1021 disk full errno 28')
    add(F + 'laravel-pgsql-could-not-extend.html',
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<title>Server Error</title>\n</head>\n<body class="antialiased">\n'
        '<div class="exception"><h1>Illuminate\\Database\\QueryException</h1>\n<p class="message">SQLSTATE[53100]: Disk full: 7 ERROR:  could not extend file &quot;base/16401/17122.3&quot;: No space left on device\nHINT:  Check free disk space. (Connection: pgsql, SQL: insert into &quot;jobs&quot; (&quot;queue&quot;, &quot;attempts&quot;, &quot;reserved_at&quot;, &quot;available_at&quot;, &quot;created_at&quot;, &quot;payload&quot;) values (default, 0, ?, 1796388811, 1796388811, {&quot;uuid&quot;:&quot;4d1a...&quot;}))</p>\n'
        '<ol class="trace"><li>vendor/laravel/framework/src/Illuminate/Database/Connection.php:822</li><li>vendor/laravel/framework/src/Illuminate/Database/Connection.php:776</li><li>vendor/laravel/framework/src/Illuminate/Database/Connection.php:557</li><li>app/Http/Controllers/ApplicationController.php:41</li></ol></div>\n</body>\n</html>\n',
        500, u8, 'db_storage_full', 'Laravel debug exception page, PostgreSQL could not extend file, no space left')
    ora = ('<div class="alert alert-danger"><b>Error de base de datos:</b> java.sql.SQLException: ORA-00257: Archiver error. Connect AS SYSDBA only until resolved.<br>'
           '&nbsp;&nbsp;at oracle.jdbc.driver.T4CTTIoer11.processError(T4CTTIoer11.java:509)<br>&nbsp;&nbsp;at oracle.jdbc.driver.T4CTTIoauthenticationX.doOAUTH(T4CTTIoauthenticationX.java:1301)</div>\n')
    add(F + 'oracle-ora00257-top-es-cp1252.html', inst('es-edu', 'aspnet', 106, ora, 'messages', 55, charset='windows-1252'), 200,
        'text/html; charset=windows-1252', 'db_storage_full', 'Spanish ministry page in windows-1252, ORA-00257 archiver error banner under header; ~55 KB')
    add(F + 'oracle-ora00257-plain.html',
        '<html><head><title>Error</title></head><body>\n<h2>Error 500--Internal Server Error</h2>\n<pre>\njava.sql.SQLException: ORA-00257: archiver error. Connect internal only, until freed.\n\n\tat oracle.jdbc.driver.DatabaseError.throwSqlException(DatabaseError.java:112)\n\tat oracle.jdbc.driver.T4CTTIoer.processError(T4CTTIoer.java:331)\n\tat oracle.jdbc.driver.T4CConnection.logon(T4CConnection.java:361)\n\tat weblogic.jdbc.common.internal.ConnectionEnvFactory.makeConnection(ConnectionEnvFactory.java:356)\n</pre>\n</body></html>\n',
        500, H, 'db_storage_full', 'WebLogic 500 with older ORA-00257 wording')
    ysod9002 = ('<!DOCTYPE html>\n<html>\n    <head>\n        <title>The transaction log for database &#39;PortalDB&#39; is full due to &#39;LOG_BACKUP&#39;.</title>\n        <meta name="viewport" content="width=device-width" />\n'
                '        <style>\n         body {font-family:"Verdana";font-weight:normal;font-size: .7em;color:black;} \n         p {font-family:"Verdana";font-weight:normal;color:black;margin-top: -5px}\n         b {font-family:"Verdana";font-weight:bold;color:black;margin-top: -5px}\n         H1 { font-family:"Verdana";font-weight:normal;font-size:18pt;color:red }\n         H2 { font-family:"Verdana";font-weight:normal;font-size:14pt;color:maroon }\n         pre {font-family:"Consolas","Lucida Console",Monospace;font-size:11pt;margin:0;padding:0.5em;line-height:14pt}\n         .marker {font-weight: bold; color: black;text-decoration: none;}\n         .version {color: gray;}\n         .error {margin-bottom: 10px;}\n         .expandable { text-decoration:underline; font-weight:bold; color:navy; cursor:pointer; }\n        </style>\n    </head>\n\n'
                '    <body bgcolor="white">\n\n            <span><H1>Server Error in \'/\' Application.<hr width=100% size=1 color=silver></H1>\n\n            <h2> <i>The transaction log for database &#39;PortalDB&#39; is full due to &#39;LOG_BACKUP&#39;.</i> </h2></span>\n\n'
                '            <font face="Arial, Helvetica, Geneva, SunSans-Regular, sans-serif ">\n\n            <b> Description: </b>An unhandled exception occurred during the execution of the current web request. Please review the stack trace for more information about the error and where it originated in the code.\n\n            <br><br>\n\n'
                '            <b> Exception Details: </b>System.Data.SqlClient.SqlException: The transaction log for database &#39;PortalDB&#39; is full due to &#39;LOG_BACKUP&#39;.<br><br>\n\n'
                '            <b>Source Error:</b> <br><br>\n\n            <table width=100% bgcolor="#ffffcc">\n               <tr>\n                  <td>\n                      <code>\n\nAn unhandled exception was generated during the execution of the current web request. Information regarding the origin and location of the exception can be identified using the exception stack trace below.</code>\n\n                  </td>\n               </tr>\n            </table>\n\n            <br>\n\n'
                '            <b>Stack Trace:</b> <br><br>\n\n            <table width=100% bgcolor="#ffffcc">\n               <tr>\n                  <td>\n                      <code><pre>\n\n[SqlException (0x80131904): The transaction log for database \'PortalDB\' is full due to \'LOG_BACKUP\'.]\n   System.Data.SqlClient.SqlConnection.OnError(SqlException exception, Boolean breakConnection, Action`1 wrapCloseInAction) +2582782\n   System.Data.SqlClient.SqlInternalConnection.OnError(SqlException exception, Boolean breakConnection, Action`1 wrapCloseInAction) +6033430\n   System.Data.SqlClient.TdsParser.ThrowExceptionAndWarning(TdsParserStateObject stateObj, Boolean callerHasConnectionLock, Boolean asyncClose) +297\n   Portal.Data.SessionStore.Save(Session s) in D:\\Sites\\Portal\\Data\\SessionStore.cs:57\n</pre></code>\n\n                  </td>\n               </tr>\n            </table>\n\n            <br>\n\n'
                '            <hr width=100% size=1 color=silver>\n\n            <b>Version Information:</b>&nbsp;Microsoft .NET Framework Version:4.0.30319; ASP.NET Version:4.8.4645.0\n\n            </font>\n\n    </body>\n</html>\n')
    add(F + 'aspnet-sqlserver-9002-log-full.html', ysod9002, 500, u8, 'db_storage_full', 'ASP.NET yellow screen, SQL Server 9002 transaction log full')
    bitrix = ('<font color=#ff0000>MySQL Query Error: INSERT INTO b_event_log (AUDIT_TYPE_ID, ITEM_ID, SEVERITY, TIMESTAMP_X) VALUES (\'PAGE_VIEW\', \'1452\', \'INFO\', now())[[1114] The table \'b_event_log\' is full]</font>'
              '<br>Ошибка при выполнении запроса к базе данных.\n')
    add(F + 'bitrix-1114-event-log-ru-cp1251.html', inst('ru-minobr', 'plone', 107, bitrix, 'mid', 80, charset='windows-1251'), 200,
        'text/html; charset=windows-1251', 'db_storage_full', 'Russian regional ministry in windows-1251, Bitrix-style MySQL Query Error 1114 mid-article; ~70 KB')
    add(F + 'pgsql-no-space-sidebar-de.html', inst('de-umwelt', 'joomla', 108,
        '<div class="alert alert-warning">Warning: pg_query(): Query failed: ERROR:  could not write to file &quot;base/pgsql_tmp/pgsql_tmp24811.3&quot;: No space left on device in /srv/www/um/modules/mod_termine/helper.php on line 61</div>',
        'sidebar', 60), 200, u8, 'db_storage_full', 'German Joomla ministry page, pg_query could not write file no space left in a sidebar module; ~50 KB')

    # ------------------------------------------------------------------ db_connection
    wp_conn_en = '<h1>Error establishing a database connection</h1>'
    add(F + 'wordpress-dbconn-short.html', wp_die(wp_conn_en, 'Database Error'), 500, U8, 'db_connection', 'WordPress dead_db, non-debug: h1 only, title Database Error')
    add(F + 'wordpress-dbconn-debug.html', wp_die(
        '<p><code>Connection refused</code></p>\n<h1>Error establishing a database connection</h1>\n<p>This either means that the username and password information in your <code>wp-config.php</code> file is incorrect or that contact with the database server at <code>localhost</code> could not be established. This could mean your host&#8217;s database server is down.</p>\n'
        '<ul>\n<li>Are you sure you have the correct username and password?</li>\n<li>Are you sure you have typed the correct hostname?</li>\n<li>Are you sure the database server is running?</li>\n</ul>\n'
        '<p>If you are unsure what these terms mean you should probably contact your host. If you still need help you can always visit the <a href="https://wordpress.org/support/forums/">WordPress support forums</a>.</p>\n',
        'WordPress &rsaquo; Error'), 500, U8, 'db_connection', 'WordPress 6.x wpdb::bail with WP_DEBUG: mysqli error in code, then the full explanation')
    add(F + 'wordpress-dbconn-legacy.html',
        '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">\n<html xmlns="http://www.w3.org/1999/xhtml" dir=\'ltr\'>\n<head>\n\t<meta http-equiv="Content-Type" content="text/html; charset=utf-8" />\n\t<title>WordPress &rsaquo; Error</title>\n</head>\n<body id="error-page">\n'
        '\t<h1>Error Establishing a Database Connection</h1>\n<p>This either means that the username and password information in your <code>wp-config.php</code> file is incorrect or we can\'t contact the database server at <code>localhost</code>. This could mean your host\'s database server is down.</p>\n</body>\n</html>\n',
        500, H, 'db_connection', 'WordPress 3.x era wording: title case, "we can\'t contact"')
    for lang, loc, title, msg, rtl in [
        ('fr', 'fr-FR', 'Erreur de la base de données', 'Erreur lors de la connexion à la base de données', False),
        ('es', 'es-ES', 'Error de la base de datos', 'Error estableciendo una conexión con la base de datos', False),
        ('de', 'de-DE', 'Datenbankfehler', 'Fehler beim Aufbau einer Datenbankverbindung', False),
        ('ru', 'ru-RU', 'Ошибка базы данных', 'Ошибка установки соединения с базой данных', False),
        ('ar', 'ar', 'خطأ في قاعدة البيانات', 'خطأ في إنشاء اتصال بقاعدة البيانات', True)]:
        add(F + 'wordpress-dbconn-%s.html' % lang, wp_die('<h1>%s</h1>' % msg, title, loc, rtl), 500, U8, 'db_connection',
            'WordPress dead_db (terse, front end), official %s translation of message and title' % loc)
    add(F + 'drupal7-site-offline-db.html',
        '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML+RDFa 1.0//EN"\n  "http://www.w3.org/MarkUp/DTD/xhtml-rdfa-1.dtd">\n<html xmlns="http://www.w3.org/1999/xhtml" xml:lang="en" version="XHTML+RDFa 1.0" dir="ltr">\n<head>\n  <meta http-equiv="Content-Type" content="text/html; charset=utf-8" />\n  <title>Site off-line | Drupal</title>\n'
        '  <style type="text/css" media="all">\n@import url("http://www.court.example/modules/system/system.base.css?r1x0ab");\n@import url("http://www.court.example/themes/seven/style.css?r1x0ab");\n</style>\n</head>\n<body class="maintenance-page in-maintenance db-offline no-sidebars">\n\n'
        '  <div id="branding">\n        <h1 class="page-title">Site off-line</h1>\n      </div>\n\n  <div id="page">\n\n    <div id="content" class="clearfix">\n'
        '      <div class="messages error">\n<h2 class="element-invisible">Error message</h2>\n<p class="error">PDOException: SQLSTATE[HY000] [2002] Connection refused in lock_may_be_available() (line 167 of /var/www/court/includes/lock.inc).</p></div>\n'
        '      <p>The site is currently not available due to technical problems. Please try again later. Thank you for your understanding.</p><hr /><p>If you are the maintainer of this site, please check your database settings in the <code>settings.php</code> file and ensure that your hosting provider\'s database server is running. For more help, see the <a href="http://drupal.org/node/258">handbook</a>, or contact your hosting provider.</p>    </div>\n\n  </div>\n\n</body>\n</html>\n',
        503, u8, 'db_connection', 'Drupal 7 Site off-line page, PDOException 2002 connection refused')
    add(F + 'joomla3-could-not-connect.html',
        'Error displaying the error page: Application Instantiation Error: Could not connect to MySQL.', 500, H, 'db_connection',
        'Joomla 3 bare text, no HTML at all')
    add(F + 'joomla4-failed-start.html',
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<title>Error: Failed to start application</title>\n</head>\n<body>\n<h1>Error</h1>\n<p>Failed to start application: Could not connect to MySQL server.</p>\n</body>\n</html>\n',
        500, u8, 'db_connection', 'Joomla 4 failed to start application')
    dj = ('<!DOCTYPE html>\n<html lang="en">\n<head>\n  <meta http-equiv="content-type" content="text/html; charset=utf-8">\n  <meta name="robots" content="NONE,NOARCHIVE">\n  <title>OperationalError\n          at /programmes/</title>\n'
          '  <style type="text/css">\n    html * { padding:0; margin:0; }\n    body * { padding:10px 20px; }\n    body * * { padding:0; }\n    body { font-family: sans-serif; background-color:#fff; color:#000; }\n    body > :where(header, main, footer) { border-bottom:1px solid #ddd; }\n    h1 { font-weight:normal; }\n    table.meta { margin:1em 0; }\n    #summary { background: #ffc; }\n    #traceback { background:#eee; }\n  </style>\n</head>\n<body>\n<header id="summary">\n'
          '  <h1>OperationalError\n       at /programmes/</h1>\n  <pre class="exception_value">%s</pre>\n  <table class="meta">\n    <tr><th scope="row">Request Method:</th><td>GET</td></tr>\n    <tr><th scope="row">Request URL:</th><td>http://intranet.example.org/programmes/</td></tr>\n'
          '    <tr><th scope="row">Django Version:</th><td>4.2.11</td></tr>\n    <tr><th scope="row">Exception Type:</th><td>OperationalError</td></tr>\n    <tr><th scope="row">Exception Value:</th><td><pre>%s</pre></td></tr>\n'
          '    <tr><th scope="row">Exception Location:</th><td><span class="fname">/usr/lib/python3/dist-packages/psycopg2/__init__.py</span>, line 122, in connect</td></tr>\n    <tr><th scope="row">Python Executable:</th><td>/usr/bin/python3</td></tr>\n    <tr><th scope="row">Python Version:</th><td>3.11.2</td></tr>\n  </table>\n</header>\n'
          '<main id="info">\n<div id="traceback">\n  <h2>Traceback <span class="commands"><a href="#" onclick="return switchPastebinFriendly(this);">\n    Switch to copy-and-paste view</a></span>\n  </h2>\n  <div id="browserTraceback">\n    <ul class="traceback">\n'
          '        <li class="frame django"><code class="fname">/usr/lib/python3/dist-packages/django/db/backends/base/base.py</code>, line 289, in ensure_connection</li>\n        <li class="frame django"><code class="fname">/usr/lib/python3/dist-packages/django/db/backends/postgresql/base.py</code>, line 269, in get_new_connection</li>\n    </ul>\n  </div>\n</div>\n</main>\n'
          '<footer id="explanation">\n  <p>\n    You’re seeing this error because you have <code>DEBUG = True</code> in your\n    Django settings file. Change that to <code>False</code>, and Django will\n    display a standard page generated by the handler for this status code.\n  </p>\n</footer>\n</body>\n</html>\n')
    v = 'connection to server at &quot;127.0.0.1&quot;, port 5432 failed: Connection refused\n\tIs the server running on that host and accepting TCP/IP connections?\n'
    add(F + 'django-debug-operationalerror-pg.html', dj % (v, v), 500, u8, 'db_connection', 'Django technical 500 (DEBUG=True), psycopg2 connection refused')
    v2 = 'FATAL:  sorry, too many clients already\n'
    add(F + 'django-debug-too-many-clients.html', (dj % (v2, v2)), 500, u8, 'db_overloaded', 'Django technical 500, PostgreSQL too many clients already')
    tomcat = ('<!doctype html><html lang="en"><head><title>HTTP Status 500 – Internal Server Error</title><style type="text/css">body {font-family:Tahoma,Arial,sans-serif;} h1, h2, h3, b {color:white;background-color:#525D76;} h1 {font-size:22px;} h2 {font-size:16px;} h3 {font-size:14px;} p {font-size:12px;} a {color:black;} .line {height:1px;background-color:#525D76;border:none;}</style></head>'
              '<body><h1>HTTP Status 500 – Internal Server Error</h1><hr class="line" /><p><b>Type</b> Exception Report</p><p><b>Message</b> %s</p><p><b>Description</b> The server encountered an unexpected condition that prevented it from fulfilling the request.</p>'
              '<p><b>Exception</b></p><pre>%s</pre><p><b>Root Cause</b></p><pre>%s</pre><p><b>Note</b> The full stack trace of the root cause is available in the server logs.</p><hr class="line" /><h3>Apache Tomcat/10.1.16 (Debian)</h3></body></html>')
    add(F + 'tomcat-spring-jdbc-connection-refused.html', tomcat % (
        'Request processing failed: org.springframework.jdbc.CannotGetJdbcConnectionException: Failed to obtain JDBC Connection',
        'jakarta.servlet.ServletException: Request processing failed: org.springframework.jdbc.CannotGetJdbcConnectionException: Failed to obtain JDBC Connection\n\torg.springframework.web.servlet.FrameworkServlet.processRequest(FrameworkServlet.java:1022)\n\torg.springframework.web.servlet.FrameworkServlet.doGet(FrameworkServlet.java:903)\n\tjakarta.servlet.http.HttpServlet.service(HttpServlet.java:564)\n\torg.apache.tomcat.websocket.server.WsFilter.doFilter(WsFilter.java:51)\n',
        'org.postgresql.util.PSQLException: Connection to localhost:5432 refused. Check that the hostname and port are correct and that the postmaster is accepting TCP/IP connections.\n\torg.postgresql.core.v3.ConnectionFactoryImpl.openConnectionImpl(ConnectionFactoryImpl.java:342)\n\torg.postgresql.core.ConnectionFactory.openConnection(ConnectionFactory.java:54)\n\tcom.zaxxer.hikari.pool.HikariPool.getConnection(HikariPool.java:181)\n'),
        500, 'text/html;charset=utf-8', 'db_connection', 'Tomcat 10 exception report wrapping a PostgreSQL connection refused root cause')
    add(F + 'tomcat-hikari-timeout.html', tomcat % (
        'Request processing failed: org.springframework.transaction.CannotCreateTransactionException: Could not open JPA EntityManager for transaction',
        'jakarta.servlet.ServletException: Request processing failed: org.springframework.transaction.CannotCreateTransactionException: Could not open JPA EntityManager for transaction\n\torg.springframework.web.servlet.FrameworkServlet.processRequest(FrameworkServlet.java:1022)\n',
        'java.sql.SQLTransientConnectionException: HikariPool-1 - Connection is not available, request timed out after 30000ms (total=20, active=20, idle=0, waiting=57)\n\tcom.zaxxer.hikari.pool.HikariPool.createTimeoutException(HikariPool.java:686)\n\tcom.zaxxer.hikari.pool.HikariPool.getConnection(HikariPool.java:179)\n'),
        500, 'text/html;charset=utf-8', 'db_overloaded', 'Tomcat 10 report, root cause HikariCP pool exhausted (20 active, 57 waiting)')
    add(F + 'laravel-2002-connection-refused.html',
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<title>Illuminate\\Database\\QueryException - Laravel</title>\n</head>\n<body>\n<div class="error"><h1>Illuminate\\Database\\QueryException</h1>\n<p>SQLSTATE[HY000] [2002] Connection refused (Connection: mysql, SQL: select * from `sessions` where `id` = Zx8aB1 limit 1)</p>\n<p class="file">vendor/laravel/framework/src/Illuminate/Database/Connection.php:829</p></div>\n</body>\n</html>\n',
        500, u8, 'db_connection', 'Laravel 10 debug page, MySQL 2002 connection refused')
    add(F + 'php-mysqli-access-denied-top.html', inst('en-court', 'plone', 109,
        '<br />\n<b>Warning</b>:  mysqli_connect(): (HY000/1045): Access denied for user \'court_web\'@\'localhost\' (using password: YES) in <b>/var/www/court/includes/connect.php</b> on line <b>12</b><br />\nCould not connect to the database. Please try again later.',
        'top', 35), 200, H, 'db_connection', 'court site, PHP warning 1045 access denied before doctype, rest of page renders; ~35 KB')
    add(F + 'mediawiki-cannot-access-db.html',
        '<!DOCTYPE html>\n<html><head><meta charset="UTF-8" /><title>Internal error - Wiki</title><style>body { font-family: sans-serif; margin: 0; padding: 0.5em 2em; }</style></head><body>\n'
        '<div class="errorbox mw-content-ltr" dir="ltr">\n<p>[c0ffee1d2e3f4a5b6c7d8e9f] 2026-12-04 01:22:19: Fatal exception of type "Wikimedia\\Rdbms\\DBConnectionError"</p></div>\n'
        '<h1>Sorry! This site is experiencing technical difficulties.</h1><p>Try waiting a few minutes and reloading.</p><p><small>(Cannot access the database: Can\'t connect to local MySQL server through socket \'/var/run/mysqld/mysqld.sock\' (2))</small></p></body></html>\n',
        500, 'text/html; charset=utf-8', 'db_connection', 'MediaWiki DBConnectionError page')
    add(F + 'aspnet-sqlserver-network-error.html', ysod9002.replace(
        'The transaction log for database &#39;PortalDB&#39; is full due to &#39;LOG_BACKUP&#39;.',
        'A network-related or instance-specific error occurred while establishing a connection to SQL Server. The server was not found or was not accessible. Verify that the instance name is correct and that SQL Server is configured to allow remote connections. (provider: Named Pipes Provider, error: 40 - Could not open a connection to SQL Server)').replace(
        "The transaction log for database 'PortalDB' is full due to 'LOG_BACKUP'.",
        'A network-related or instance-specific error occurred while establishing a connection to SQL Server. The server was not found or was not accessible. (provider: Named Pipes Provider, error: 40 - Could not open a connection to SQL Server)'),
        500, u8, 'db_connection', 'ASP.NET yellow screen, SQL Server network-related error 40')
    add(F + 'php-pgsql-starting-up.html',
        '<html>\n<head><title>Bibliothekskatalog</title></head>\n<body>\n<br />\n<b>Warning</b>:  pg_connect(): Unable to connect to PostgreSQL server: connection to server at &quot;10.0.4.12&quot;, port 5432 failed: FATAL:  the database system is starting up in <b>/srv/opac/inc/db.inc.php</b> on line <b>23</b><br />\nKeine Verbindung zur Datenbank.\n</body>\n</html>\n',
        200, 'text/html; charset=UTF-8', 'db_connection', 'German library catalogue, pg_connect: database system is starting up')
    add(F + 'rails-dev-connection-not-established.html',
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n  <meta charset="utf-8" />\n  <meta name="viewport" content="width=device-width, initial-scale=1">\n  <title>Action Controller: Exception caught</title>\n</head>\n<body>\n<header role="banner">\n  <h1>\n    ActiveRecord::ConnectionNotEstablished\n      in HomeController#index\n  </h1>\n</header>\n<main role="main" id="container">\n'
        '  <div class="exception-message">\n    <div class="message">connection to server on socket &quot;/var/run/postgresql/.s.PGSQL.5432&quot; failed: No such file or directory\n\tIs the server running locally and accepting connections on that socket?\n</div>\n  </div>\n'
        '  <p><code>Rails.root: /srv/app</code></p>\n  <div id="traces-0">\n    <pre><code>activerecord (7.1.3) lib/active_record/connection_adapters/postgresql_adapter.rb:63:in `rescue in new_client\'\napp/controllers/home_controller.rb:4:in `index\'</code></pre>\n  </div>\n</main>\n</body>\n</html>\n',
        500, u8, 'db_connection', 'Rails development exception page, PG socket missing')
    add(F + 'php-mysql-gone-away-sidebar-fr-latin1.html', inst('fr-justice', 'drupal7', 110,
        '<div class="messages error"><h2 class="element-invisible">Message d\'erreur</h2>PDOException : SQLSTATE[HY000] [2002] Connection refused dans lock_may_be_available() (ligne 167 dans /var/www/justice/includes/lock.inc).</div>',
        'sidebar', 45, charset='iso-8859-1'), 200, 'text/html; charset=ISO-8859-1', 'db_connection',
        'French ministry Drupal 7 page in ISO-8859-1, translated PDOException 2002 message in a sidebar block; ~40 KB')

    # ------------------------------------------------------------------ db_overloaded
    add(F + 'php-mysqli-too-many-connections.html',
        '<br />\n<b>Warning</b>:  mysqli_connect(): (HY000/1040): Too many connections in <b>/home/newsportal/public_html/config/db.php</b> on line <b>7</b><br />\nFailed to connect to MySQL: Too many connections',
        200, H, 'db_overloaded', 'PHP mysqli 1040 too many connections, bare output')
    add(F + 'laravel-1040-too-many.html',
        '<!DOCTYPE html>\n<html lang="en">\n<head><meta charset="utf-8"><title>Server Error</title></head>\n<body>\n<h1>Illuminate\\Database\\QueryException</h1>\n<p>SQLSTATE[HY000] [1040] Too many connections (Connection: mysql, SQL: select * from `users` where `id` = 1 limit 1)</p>\n</body>\n</html>\n',
        500, u8, 'db_overloaded', 'Laravel debug, 1040 too many connections')
    add(F + 'drupal7-deadlock-messages-top.html', inst('en-ministry', 'drupal7', 111,
        '<div class="messages error">\n<h2 class="element-invisible">Error message</h2>\nPDOException: SQLSTATE[40001]: Serialization failure: 1213 Deadlock found when trying to get lock; try restarting transaction: INSERT INTO {cache_field} (cid, serialized, created, expire, data) VALUES (:db_insert_placeholder_0, :db_insert_placeholder_1, :db_insert_placeholder_2, :db_insert_placeholder_3, :db_insert_placeholder_4); in drupal_write_record() (line 7239 of /var/www/mewa/includes/common.inc).</div>\n',
        'messages', 110), 500, u8, 'db_overloaded', 'Drupal 7 page with 1213 deadlock error message right below the header; ~80 KB')
    add(F + 'symfony-lock-wait-timeout.html',
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="UTF-8" />\n<meta name="robots" content="noindex,nofollow" />\n<title>SQLSTATE[HY000]: General error: 1205 Lock wait timeout exceeded; try restarting transaction (500 Internal Server Error)</title>\n</head>\n<body>\n'
        '<div class="exception-summary "><div class="container"><div class="exception-message-wrapper"><h1 class="break-long-words exception-message">An exception occurred while executing a query: SQLSTATE[HY000]: General error: 1205 Lock wait timeout exceeded; try restarting transaction</h1>\n'
        '<div class="exception-illustration hidden-xs-down"></div></div></div></div>\n<div class="container"><div class="sf-tabs"><div class="tab"><h3 class="tab-title">Exception <span class="badge">3</span></h3>\n'
        '<div class="trace trace-as-html"><div class="trace-details"><div class="trace-head"><h3 class="trace-class">Doctrine\\DBAL\\Exception\\LockWaitTimeoutException</h3><p class="break-long-words trace-message">in vendor/doctrine/dbal/src/Driver/API/MySQL/ExceptionConverter.php (line 60)</p></div></div></div></div></div></div>\n</body>\n</html>\n',
        500, 'text/html; charset=UTF-8', 'db_overloaded', 'Symfony 6 debug exception page, Doctrine lock wait timeout 1205')
    add(F + 'php-max-user-connections.html',
        '<!DOCTYPE html>\n<html lang="es">\n<head><meta charset="utf-8"><title>Tienda</title></head>\n<body>\n<p>Error de conexión: SQLSTATE[HY000] [1203] User tienda_user already has more than \'max_user_connections\' active connections</p>\n</body>\n</html>\n',
        200, u8, 'db_overloaded', 'Spanish shop, PDO 1203 max_user_connections')
    add(F + 'pg-reserved-slots-mid.html', inst('en-univ', 'plone', 112,
        '<div class="portalMessage error" role="alert"><strong>Error</strong> psycopg2.OperationalError: connection to server at "db1.internal" (10.2.0.8), port 5432 failed: FATAL:  remaining connection slots are reserved for non-replication superuser connections</div>',
        'mid', 75), 200, u8, 'db_overloaded', 'university news page, PostgreSQL reserved connection slots error mid-article; ~60 KB')
    add(F + 'aspnet-deadlock-victim.html', ysod9002.replace(
        'The transaction log for database &#39;PortalDB&#39; is full due to &#39;LOG_BACKUP&#39;.',
        'Transaction (Process ID 62) was deadlocked on lock resources with another process and has been chosen as the deadlock victim. Rerun the transaction.').replace(
        "The transaction log for database 'PortalDB' is full due to 'LOG_BACKUP'.",
        'Transaction (Process ID 62) was deadlocked on lock resources with another process and has been chosen as the deadlock victim. Rerun the transaction.'),
        500, u8, 'db_overloaded', 'ASP.NET yellow screen, SQL Server 1205 deadlock victim')

    # ------------------------------------------------------------------ db_integrity
    add(F + 'wordpress-tables-unavailable.html', wp_die(
        '<h1>One or more database tables are unavailable. The database may need to be <a href="maint/repair.php?referrer=is_blog_installed">repaired</a>.</h1>'),
        500, U8, 'db_integrity', 'WordPress is_blog_installed tables unavailable, verbose dead_db as under /wp-admin/')
    add(F + 'wordpress-tables-unavailable-de.html', wp_die(
        'Eine oder mehrere Datenbanktabellen sind nicht erreichbar. Die Datenbank muss eventuell <a href="maint/repair.php?referrer=is_blog_installed">repariert</a> werden.',
        'WordPress &rsaquo; Fehler', 'de-DE'), 500, U8, 'db_integrity', 'German translation, verbose dead_db under /wp-admin/, no h1')
    add(F + 'wordpress-cant-select-db-fr.html', wp_die(
        '<h1>Impossible de sélectionner la base de données</h1>\n<p>La connexion au serveur de base de données s&rsquo;est bien faite (donc votre identifiant et votre mot de passe sont les bons), mais la base de données <code>wp_justice</code> n&rsquo;a pas pu être sélectionnée.</p>\n<ul>\n<li>Êtes-vous sûr(e) qu&rsquo;elle existe ?</li>\n</ul>',
        'WordPress &raquo; Erreur', 'fr-FR'), 500, U8, 'db_integrity', 'French WordPress: Can\'t select database translated')
    add(F + 'wordpress-cant-select-db.html', wp_die(
        '<h1>Can&#8217;t select database</h1>\n<p>We were able to connect to the database server (which means your username and password is okay) but not able to select the <code>wp_site</code> database.</p>\n<ul>\n<li>Are you sure it exists?</li>\n<li>Does the user <code>wp</code> have permission to use the <code>wp_site</code> database?</li>\n<li>On some systems the name of your database is prefixed with your username, so it would be like <code>username_wp_site</code>. Could that be the problem?</li>\n</ul>\n<p>If you do not know how to set up a database you should <strong>contact your host</strong>. If all else fails you may find help at the <a href="https://wordpress.org/support/forums/">WordPress support forums</a>.</p>'),
        500, U8, 'db_integrity', 'WordPress 5.x cannot select database, &#8217; entity')
    add(F + 'wordpress-cannot-select-db-debug.html', wp_die(
        '<p><code>Unknown database \'wp_portal\'</code></p>\n<h1>Cannot select database</h1>\n<p>The database server could be connected to (which means your username and password is okay) but the <code>wp_portal</code> database could not be selected.</p>\n<ul>\n<li>Are you sure it exists?</li>\n<li>Does the user <code>wpuser</code> have permission to use the <code>wp_portal</code> database?</li>\n<li>On some systems the name of your database is prefixed with your username, so it would be like <code>username_wp_portal</code>. Could that be the problem?</li>\n</ul>\n<p>If you do not know how to set up a database you should <strong>contact your host</strong>. If all else fails you may find help at the <a href="https://wordpress.org/support/forums/">WordPress support forums</a>.</p>'),
        500, U8, 'db_integrity', 'WordPress 6.x wording Cannot select database, WP_DEBUG shows the MySQL error first')
    add(F + 'php-table-marked-crashed.html', inst('en-court', 'aspnet', 113,
        '<p style="color:red">Database error: Table \'./court_cms/sessions\' is marked as crashed and should be repaired</p>', 'top', 50),
        200, H, 'db_integrity', 'court page with MySQL 145 crashed table line before doctype; ~55 KB')
    add(F + 'drupal10-key-value-missing.html',
        '<!DOCTYPE html>\n<html>\n<head><title>Error | Drupal</title></head>\n<body>\nThe website encountered an unexpected error. Try again later.<br><br><em class="placeholder">Drupal\\Core\\Database\\DatabaseExceptionWrapper</em>: SQLSTATE[42S02]: Base table or view not found: 1146 Table &#039;drupal.key_value&#039; doesn&#039;t exist: SELECT &quot;name&quot;, &quot;value&quot; FROM &quot;key_value&quot; WHERE &quot;name&quot; IN ( :names__0 ) AND &quot;collection&quot; = :collection; Array\n(\n    [:names__0] =&gt; theme_engine.files\n    [:collection] =&gt; state\n)\n in <em class="placeholder">Drupal\\Core\\KeyValueStore\\DatabaseStorage-&gt;getMultiple()</em> (line <em class="placeholder">122</em> of <em class="placeholder">core/lib/Drupal/Core/KeyValueStore/DatabaseStorage.php</em>).\n</body>\n</html>\n',
        500, 'text/html; charset=UTF-8', 'db_integrity', 'Drupal 10 verbose error, 1146 key_value table missing')
    add(F + 'laravel-unknown-database.html',
        '<!DOCTYPE html>\n<html lang="de">\n<head><meta charset="utf-8"><title>Server Error</title></head>\n<body>\n<h1>Illuminate\\Database\\QueryException</h1>\n<p>SQLSTATE[HY000] [1049] Unknown database \'portal_prod\' (Connection: mysql, SQL: select * from `settings`)</p>\n</body>\n</html>\n',
        500, u8, 'db_integrity', 'Laravel 1049 unknown database')
    _rel = 'relation &quot;django_session&quot; does not exist\nLINE 1: ...ession_data&quot;, &quot;django_session&quot;.&quot;expire_date&quot; FROM &quot;django_se...\n                                                             ^\n'
    add(F + 'django-relation-missing.html', (dj % (_rel, _rel)).replace('OperationalError', 'ProgrammingError'),
        500, u8, 'db_integrity', 'Django technical 500, ProgrammingError relation does not exist')
    add(F + 'php-incorrect-key-file-mid-es.html', inst('es-edu', 'joomla', 114,
        '<div class="alert alert-error"><h4 class="alert-heading">Error</h4><p>1034 Incorrect key file for table \'jos_content\'; try to repair it</p></div>', 'mid', 65),
        200, u8, 'db_integrity', 'Spanish ministry Joomla page, 1034 incorrect key file mid-article; ~55 KB')
    add(F + 'joomla-1146-session.html',
        '<!DOCTYPE html>\n<html lang="es-es" dir="ltr">\n<head><meta charset="utf-8"><title>Error: 1146</title></head>\n<body class="site error">\n<div class="error-box"><h1>Se ha producido un error.</h1><blockquote><span class="badge">1146</span> Table \'joomla_es.jos_session\' doesn\'t exist</blockquote>\n<p><a href="/index.php">Página de inicio</a></p></div>\n</body>\n</html>\n',
        500, u8, 'db_integrity', 'Joomla Spanish error page, 1146 session table missing')

    # ------------------------------------------------------------------ app_error
    add(F + 'wordpress-critical-error.html', wp_die(
        '<p>There has been a critical error on this website.</p><p><a href="https://wordpress.org/documentation/article/faq-troubleshooting/">Learn more about troubleshooting WordPress.</a></p>'),
        500, U8, 'app_error', 'WordPress 6 fatal error handler')
    add(F + 'wordpress-critical-error-admin-email.html', wp_die(
        '<p>There has been a critical error on this website. Please check your site admin email inbox for instructions.</p><p><a href="https://wordpress.org/support/article/faq-troubleshooting/">Learn more about troubleshooting WordPress.</a></p>', lang='fr-FR'),
        500, U8, 'app_error', 'French WordPress site, untranslated critical error with admin-email sentence (as the l10n package ships it)')
    add(F + 'wordpress-technical-difficulties.html', wp_die(
        '<p>The site is experiencing technical difficulties.</p>'), 500, U8, 'app_error', 'WordPress 5.2 wording')
    add(F + 'drupal7-unexpected-error.html',
        '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML+RDFa 1.0//EN"\n  "http://www.w3.org/MarkUp/DTD/xhtml-rdfa-1.dtd">\n<html xmlns="http://www.w3.org/1999/xhtml">\n<head><title>Error | University</title></head>\n<body>\nThe website encountered an unexpected error. Please try again later.</body>\n</html>\n',
        500, u8, 'app_error', 'Drupal 7 bare unexpected error')
    add(F + 'drupal10-unexpected-error.html', 'The website encountered an unexpected error. Try again later.', 500, 'text/html; charset=UTF-8', 'app_error',
        'Drupal 10.1+ text only, newer wording')
    add(F + 'drupal8-unexpected-error-verbose.html',
        '<!DOCTYPE html><html><head><title>Error | Site</title></head><body>The website encountered an unexpected error. Please try again later.<br><em class="placeholder">Error</em>: Call to a member function getTarget() on null in <em class="placeholder">Drupal\\mytheme\\Plugin\\Block\\HeroBlock-&gt;build()</em> (line <em class="placeholder">48</em> of <em class="placeholder">modules/custom/mytheme_blocks/src/Plugin/Block/HeroBlock.php</em>). <pre class="backtrace">Drupal\\block\\BlockViewBuilder::preRender(Array)\ncall_user_func_array(Array, Array) (Line: 101)\n</pre></body></html>',
        500, 'text/html; charset=UTF-8', 'app_error', 'Drupal 8/9 verbose error with backtrace')
    add(F + 'joomla4-error-page.html',
        '<!DOCTYPE html>\n<html lang="en-gb" dir="ltr">\n<head>\n<meta charset="utf-8">\n<title>Error: 0 Call to a member function get() on null</title>\n</head>\n<body class="site error_site">\n<header class="header container-header full-width"><div class="grid-child"><div class="navbar-brand"><a class="brand-logo" href="/">City Council</a></div></div></header>\n'
        '<div class="site-grid"><div class="grid-child container-component"><h1 class="page-header">The requested page can\'t be found.</h1>\n<div class="card"><div class="card-body"><p><strong>An error has occurred while processing your request.</strong></p>\n<p>You may not be able to visit this page because of:</p><ul><li>an <strong>out-of-date bookmark/favourite</strong></li><li>a <strong>mistyped address</strong></li><li>a search engine that has an <strong>out-of-date listing for this site</strong></li><li>you have <strong>no access</strong> to this page</li></ul>\n<p>Go to the Home Page</p><p><a href="/" class="btn btn-secondary"><span class="icon-home" aria-hidden="true"></span> Home Page</a></p><hr><p>If difficulties persist, please contact the website administrator and report the error below.</p>\n'
        '<blockquote><span class="badge bg-secondary">0</span> Call to a member function get() on null</blockquote></div></div></div></div>\n</body>\n</html>\n',
        500, u8, 'app_error', 'Joomla 4 Cassiopeia error page, code 0')
    add(F + 'laravel-500-production.html',
        '<!DOCTYPE html>\n<html lang="en">\n    <head>\n        <meta charset="utf-8">\n        <meta name="viewport" content="width=device-width, initial-scale=1">\n\n        <title>Server Error</title>\n\n        <style>\n            body { font-family: ui-sans-serif, system-ui; }\n        </style>\n    </head>\n    <body class="antialiased">\n'
        '        <div class="relative flex items-top justify-center min-h-screen bg-gray-100 sm:items-center sm:pt-0">\n            <div class="max-w-xl mx-auto sm:px-6 lg:px-8">\n                <div class="flex items-center pt-8 sm:justify-start sm:pt-0">\n                    <div class="px-4 text-lg text-gray-500 border-r border-gray-400 tracking-wider">\n                        500                    </div>\n\n                    <div class="ml-4 text-lg text-gray-500 uppercase tracking-wider">\n                        Server Error                    </div>\n                </div>\n            </div>\n        </div>\n    </body>\n</html>\n',
        500, u8, 'app_error', 'Laravel production 500 | Server Error')
    add(F + 'symfony-oops.html',
        '<!DOCTYPE html>\n<html>\n<head>\n    <meta charset="UTF-8" />\n    <meta name="robots" content="noindex,nofollow,noarchive" />\n    <title>An Error Occurred: Internal Server Error</title>\n</head>\n<body>\n<div class="container">\n    <h1>Oops! An Error Occurred</h1>\n    <h2>The server returned a "500 Internal Server Error".</h2>\n\n    <p>\n        Something is broken. Please let us know what you were doing when this error occurred.\n        We will fix it as soon as possible. Sorry for any inconvenience caused.\n    </p>\n</div>\n</body>\n</html>\n',
        500, 'text/html; charset=UTF-8', 'app_error', 'Symfony production error page')
    add(F + 'django-server-error.html', '\n<!doctype html>\n<html lang="en">\n<head>\n  <title>Server Error (500)</title>\n</head>\n<body>\n  <h1>Server Error (500)</h1><p></p>\n</body>\n</html>\n',
        500, 'text/html; charset=utf-8', 'app_error', 'Django production default 500')
    add(F + 'flask-internal-server-error.html',
        '<!doctype html>\n<html lang=en>\n<title>500 Internal Server Error</title>\n<h1>Internal Server Error</h1>\n<p>The server encountered an internal error and was unable to complete your request. Either the server is overloaded or there is an error in the application.</p>\n',
        500, 'text/html; charset=utf-8', 'app_error', 'Flask/Werkzeug 500')
    add(F + 'rails-public-500.html',
        '<!DOCTYPE html>\n<html>\n<head>\n  <title>We\'re sorry, but something went wrong (500)</title>\n  <meta name="viewport" content="width=device-width,initial-scale=1">\n  <style>\n  .rails-default-error-page {\n    background-color: #EFEFEF;\n    color: #2E2F30;\n    text-align: center;\n    font-family: arial, sans-serif;\n    margin: 0;\n  }\n  </style>\n</head>\n\n<body class="rails-default-error-page">\n  <!-- This file lives in public/500.html -->\n  <div class="dialog">\n    <div>\n      <h1>We\'re sorry, but something went wrong.</h1>\n    </div>\n    <p>If you are the application owner check the logs for more information.</p>\n  </div>\n</body>\n</html>\n',
        500, 'text/html; charset=utf-8', 'app_error', 'Rails public/500.html (Rails 5-7.0)')
    add(F + 'rails71-public-500.html',
        '<!doctype html>\n<html lang="en">\n  <head>\n    <title>We&#39;re sorry, but something went wrong (500 Internal Server Error)</title>\n    <meta charset="utf-8">\n  </head>\n  <body class="rails-default-error-page">\n    <main>\n      <article>\n        <p><strong>We’re sorry, but something went wrong.</strong> If you’re the application owner check the logs for more information.</p>\n      </article>\n    </main>\n  </body>\n</html>\n',
        500, 'text/html; charset=utf-8', 'app_error', 'Rails 7.1+ 500 page, curly apostrophes, one sentence')
    add(F + 'tomcat-npe.html', (tomcat % (
        'Cannot invoke &quot;org.example.portal.model.User.getLocale()&quot; because &quot;user&quot; is null',
        'java.lang.NullPointerException: Cannot invoke &quot;org.example.portal.model.User.getLocale()&quot; because &quot;user&quot; is null\n\torg.example.portal.web.HomeServlet.doGet(HomeServlet.java:58)\n\tjakarta.servlet.http.HttpServlet.service(HttpServlet.java:564)\n',
        'java.lang.NullPointerException\n\torg.example.portal.web.HomeServlet.doGet(HomeServlet.java:58)\n')).replace('<p><b>Root Cause</b></p><pre>java.lang.NullPointerException\n\torg.example.portal.web.HomeServlet.doGet(HomeServlet.java:58)\n</pre>', ''),
        500, 'text/html;charset=utf-8', 'app_error', 'Tomcat 10 exception report, NPE')
    add(F + 'spring-whitelabel-500.html',
        '<html><body><h1>Whitelabel Error Page</h1><p>This application has no explicit mapping for /error, so you are seeing this as a fallback.</p><div id=\'created\'>Fri Dec 04 01:41:12 UTC 2026</div><div>There was an unexpected error (type=Internal Server Error, status=500).</div></body></html>',
        500, 'text/html;charset=UTF-8', 'app_error', 'Spring Boot whitelabel 500')
    add(F + 'aspnet-ysod-nullref.html', ysod9002.replace(
        'The transaction log for database &#39;PortalDB&#39; is full due to &#39;LOG_BACKUP&#39;.', 'Object reference not set to an instance of an object.').replace(
        "[SqlException (0x80131904): The transaction log for database 'PortalDB' is full due to 'LOG_BACKUP'.]", '[NullReferenceException: Object reference not set to an instance of an object.]').replace(
        'System.Data.SqlClient.SqlException: Object', 'System.NullReferenceException: Object'),
        500, u8, 'app_error', 'ASP.NET yellow screen, NullReferenceException')
    add(F + 'aspnetcore-error.html',
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n    <meta charset="utf-8" />\n    <title>Error - Portal</title>\n    <link rel="stylesheet" href="/lib/bootstrap/dist/css/bootstrap.min.css" />\n</head>\n<body>\n<div class="container"><main role="main" class="pb-3">\n'
        '<h1 class="text-danger">Error.</h1>\n<h2 class="text-danger">An error occurred while processing your request.</h2>\n\n    <p>\n        <strong>Request ID:</strong> <code>00-8d3c2f8e1b9a4c7d-4a1b2c3d4e5f6a7b-00</code>\n    </p>\n\n<h3>Development Mode</h3>\n<p>\n    Swapping to the <strong>Development</strong> environment displays detailed information about the error that occurred.\n</p>\n<p>\n    <strong>The Development environment shouldn\'t be enabled for deployed applications.</strong>\n</p>\n</main></div>\n</body>\n</html>\n',
        500, 'text/html; charset=utf-8', 'app_error', 'ASP.NET Core default Error.cshtml')
    add(F + 'express-default-error.html',
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<title>Error</title>\n</head>\n<body>\n<pre>TypeError: Cannot read properties of undefined (reading &#39;map&#39;)<br> &nbsp; &nbsp;at /srv/app/routes/index.js:27:31<br> &nbsp; &nbsp;at Layer.handle [as handle_request] (/srv/app/node_modules/express/lib/router/layer.js:95:5)<br> &nbsp; &nbsp;at next (/srv/app/node_modules/express/lib/router/route.js:149:13)</pre>\n</body>\n</html>\n',
        500, 'text/html; charset=utf-8', 'app_error', 'Express finalhandler default error page')
    add(F + 'express-production-error.html',
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<title>Error</title>\n</head>\n<body>\n<pre>Internal Server Error</pre>\n</body>\n</html>\n',
        500, 'text/html; charset=utf-8', 'app_error', 'Express finalhandler, NODE_ENV=production')
    add(F + 'php-uncaught-error-mid.html', inst('en-un', 'wordpress', 115,
        '<br />\n<b>Fatal error</b>:  Uncaught Error: Call to undefined function get_field() in /var/www/unrcsd/wp-content/themes/unrcsd/single.php:88\nStack trace:\n#0 /var/www/unrcsd/wp-includes/template-loader.php(106): include()\n#1 /var/www/unrcsd/wp-blog-header.php(19): require_once(\'/var/www/unrcsd...\')\n#2 /var/www/unrcsd/index.php(17): require(\'/var/www/unrcsd...\')\n#3 {main}\n  thrown in <b>/var/www/unrcsd/wp-content/themes/unrcsd/single.php</b> on line <b>88</b><br />\n',
        'mid', 55).split('<b>88</b><br />\n')[0] + '<b>88</b><br />\n', 200, U8, 'app_error',
        'WordPress page cut off mid-article by PHP Fatal error Uncaught Error (page truncated after it); ~25 KB')
    add(F + 'iis-500.html',
        '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd">\n<html xmlns="http://www.w3.org/1999/xhtml">\n<head>\n<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1"/>\n<title>500 - Internal server error.</title>\n'
        '<style type="text/css">\n<!--\nbody{margin:0;font-size:.7em;font-family:Verdana, Arial, Helvetica, sans-serif;background:#EEEEEE;}\nfieldset{padding:0 15px 10px 15px;} \nh1{font-size:2.4em;margin:0;color:#FFF;}\nh2{font-size:1.7em;margin:0;color:#CC0000;} \nh3{font-size:1.2em;margin:10px 0 0 0;color:#000000;} \n#header{width:96%;margin:0 0 0 0;padding:6px 2% 6px 2%;font-family:"trebuchet MS", Verdana, sans-serif;color:#FFF;\nbackground-color:#555555;}\n#content{margin:0 0 0 2%;position:relative;}\n.content-container{background:#FFF;width:96%;margin-top:8px;padding:10px;position:relative;}\n-->\n</style>\n</head>\n'
        '<body>\n<div id="header"><h1>Server Error</h1></div>\n<div id="content">\n <div class="content-container"><fieldset>\n  <h2>500 - Internal server error.</h2>\n  <h3>There is a problem with the resource you are looking for, and it cannot be displayed.</h3>\n </fieldset></div>\n</div>\n</body>\n</html>\n',
        500, 'text/html', 'app_error', 'IIS 10 default 500 page (iso-8859-1 meta, ASCII)')
    add(F + 'iis-500-utf16.html',
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-16">\n<title>Service error</title>\n</head>\n<body>\n<h1>Server Error</h1>\n<h2>500 - Internal server error.</h2>\n<h3>There is a problem with the resource you are looking for, and it cannot be displayed.</h3>\n<p>Please contact the Registry helpdesk quoting the time of this message.</p>\n</body>\n</html>\n',
        500, 'text/html', 'app_error', 'IIS custom 500 page saved as UTF-16 LE with BOM by an editor', enc='utf-16')
    add(F + 'python-traceback-sidebar.html', inst('en-univ', 'drupal10', 116,
        '<pre>Traceback (most recent call last):\n  File "/srv/www/cgi-bin/events.py", line 41, in &lt;module&gt;\n    rows = fetch_events(conn)\n  File "/srv/www/cgi-bin/events.py", line 22, in fetch_events\n    return [Event(**r) for r in cur]\nTypeError: Event.__init__() got an unexpected keyword argument \'venue_id\'\n</pre>',
        'sidebar', 40), 200, u8, 'debug_leak', 'university page, Python traceback printed in the events sidebar widget, rest works; ~40 KB')

    # ------------------------------------------------------------------ app_resource_exhausted
    add(F + 'php-memory-exhausted-footer-fr-cp1252.html', inst('fr-justice', 'drupal7', 117,
        '<br />\n<b>Fatal error</b>:  Allowed memory size of 134217728 bytes exhausted (tried to allocate 20480 bytes) in <b>/var/www/justice/includes/database/database.inc</b> on line <b>2227</b><br />\n',
        'footer', 55, charset='windows-1252').split('on line <b>2227</b><br />\n')[0] + 'on line <b>2227</b><br />\n', 200, 'text/html; charset=windows-1252', 'app_resource_exhausted',
        'French ministry Drupal 7 in windows-1252, PHP memory exhausted inside the footer, output ends there; ~45 KB')
    add(F + 'php-max-execution-time.html',
        '<!DOCTYPE html>\n<html lang="en-US">\n<head>\n<meta charset="UTF-8">\n<title>Annual Report &#8211; Regional Development Agency</title>\n</head>\n<body class="page-template-default page">\n<div id="page" class="site"><header id="masthead" class="site-header"><p class="site-title">Regional Development Agency</p></header>\n<div id="content" class="site-content">\n<br />\n<b>Fatal error</b>:  Maximum execution time of 30 seconds exceeded in <b>/home/rda/public_html/wp-includes/class-wp-query.php</b> on line <b>3291</b><br />\n',
        200, U8, 'app_resource_exhausted', 'WordPress page truncated by PHP max execution time fatal')
    add(F + 'php-memory-exhausted-plain.html',
        'PHP Fatal error:  Allowed memory size of 268435456 bytes exhausted (tried to allocate 67108872 bytes) in /var/www/html/vendor/phpoffice/phpspreadsheet/src/PhpSpreadsheet/Reader/Xlsx.php on line 1083\n',
        500, 'text/html; charset=UTF-8', 'app_resource_exhausted', 'bare PHP fatal text (php-cgi output)')
    add(F + 'tomcat-oom-heap.html', tomcat % (
        'Handler dispatch failed: java.lang.OutOfMemoryError: Java heap space',
        'jakarta.servlet.ServletException: Handler dispatch failed: java.lang.OutOfMemoryError: Java heap space\n\torg.springframework.web.servlet.DispatcherServlet.doDispatch(DispatcherServlet.java:1104)\n',
        'java.lang.OutOfMemoryError: Java heap space\n\tjava.base/java.util.Arrays.copyOf(Arrays.java:3537)\n\tjava.base/java.io.ByteArrayOutputStream.ensureCapacity(ByteArrayOutputStream.java:100)\n'),
        500, 'text/html;charset=utf-8', 'app_resource_exhausted', 'Tomcat 10 report, OutOfMemoryError heap space')
    add(F + 'spring-whitelabel-gc-overhead.html',
        '<html><body><h1>Whitelabel Error Page</h1><p>This application has no explicit mapping for /error, so you are seeing this as a fallback.</p><div id=\'created\'>Thu Dec 03 23:07:55 UTC 2026</div><div>There was an unexpected error (type=Internal Server Error, status=500).</div><div>GC overhead limit exceeded</div></body></html>',
        500, 'text/html;charset=UTF-8', 'app_resource_exhausted', 'Spring whitelabel with message GC overhead limit exceeded')
    add(F + 'aspnet-outofmemory.html', ysod9002.replace(
        'The transaction log for database &#39;PortalDB&#39; is full due to &#39;LOG_BACKUP&#39;.', 'Exception of type &#39;System.OutOfMemoryException&#39; was thrown.').replace(
        "[SqlException (0x80131904): The transaction log for database 'PortalDB' is full due to 'LOG_BACKUP'.]", "[OutOfMemoryException: Exception of type 'System.OutOfMemoryException' was thrown.]").replace(
        'System.Data.SqlClient.SqlException: Exception', 'System.OutOfMemoryException: Exception'),
        500, u8, 'app_resource_exhausted', 'ASP.NET yellow screen OutOfMemoryException')
    add(F + 'php-memory-exhausted-sidebar-ru.html', inst('ru-minobr', 'wordpress', 118,
        '<br />\n<b>Fatal error</b>:  Allowed memory size of 67108864 bytes exhausted (tried to allocate 4096 bytes) in <b>/var/www/minobr/wp-includes/wp-db.php</b> on line <b>1924</b><br />\n',
        'sidebar', 100).split('on line <b>1924</b><br />\n')[0] + 'on line <b>1924</b><br />\n', 200, u8, 'app_resource_exhausted', 'Russian ministry WordPress, memory exhausted in sidebar widget, output ends there; ~85 KB UTF-8')

    # ------------------------------------------------------------------ maintenance
    add(F + 'wordpress-maintenance.html', wp_die('Briefly unavailable for scheduled maintenance. Check back in a minute.', 'Maintenance'), 503, U8, 'maintenance',
        'WordPress .maintenance')
    for lang, loc, msg, tit in [
        ('fr', 'fr-FR', 'Indisponibilité temporaire pour cause de maintenance. Veuillez revenir dans un instant.', 'Maintenance'),
        ('es', 'es-ES', 'No disponible por mantenimiento programado.  Vuelve a comprobar el sitio en unos minutos.', 'Mantenimiento'),
        ('de', 'de-DE', 'Für kurze Zeit nicht verfügbar, um eine regelmäßige Instandhaltung durchzuführen. Prüfe in einer Minute erneut.', 'Wartungsmodus'),
        ('ru', 'ru-RU', 'Сайт ненадолго закрыт на техническое обслуживание. Зайдите через минуту.', 'Обслуживание')]:
        add(F + 'wordpress-maintenance-%s.html' % lang, wp_die(msg, tit, loc), 503, U8, 'maintenance', 'WordPress maintenance, official %s translation' % loc)
    add(F + 'drupal7-maintenance.html',
        '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML+RDFa 1.0//EN"\n  "http://www.w3.org/MarkUp/DTD/xhtml-rdfa-1.dtd">\n<html xmlns="http://www.w3.org/1999/xhtml" xml:lang="en" version="XHTML+RDFa 1.0" dir="ltr">\n<head>\n  <meta http-equiv="Content-Type" content="text/html; charset=utf-8" />\n  <title>Site under maintenance | Eastern Court</title>\n</head>\n<body class="maintenance-page in-maintenance no-sidebars">\n  <div id="page">\n    <div id="branding"><h1 class="page-title">Site under maintenance</h1></div>\n'
        '    <div id="content" class="clearfix">\n      Eastern Court is currently under maintenance. We should be back shortly. Thank you for your patience.    </div>\n  </div>\n</body>\n</html>\n',
        503, u8, 'maintenance', 'Drupal 7 maintenance mode')
    add(F + 'drupal10-maintenance-fr.html',
        '<!DOCTYPE html>\n<html lang="fr" dir="ltr">\n  <head>\n    <meta charset="utf-8" />\n    <title>Site en maintenance | Université Rhône-Alpes Sud</title>\n  </head>\n  <body class="maintenance-page">\n    <div class="layout-container">\n      <header role="banner"><h1 class="page-title">Site en maintenance</h1></header>\n      <main role="main">\n        Université Rhône-Alpes Sud est en cours de maintenance. Nous serons de retour très bientôt. Merci de votre patience.\n      </main>\n    </div>\n  </body>\n</html>\n',
        503, 'text/html; charset=UTF-8', 'maintenance', 'Drupal 10 maintenance page, French translation')
    add(F + 'joomla-offline.html',
        '<!DOCTYPE html>\n<html lang="en-gb" dir="ltr">\n<head>\n<meta charset="utf-8">\n<title>Town Hall Online</title>\n</head>\n<body class="site offline">\n<div class="outer"><div class="offline-card"><div class="header"><h1>Town Hall Online</h1>\n<p>This site is down for maintenance.<br>Please check back again soon.</p></div>\n<div class="login"><form action="/index.php" method="post" id="form-login"><fieldset><label for="username">Username</label><input name="username" id="username" type="text"><label for="password">Password</label><input name="password" id="password" type="password"><button type="submit" class="btn btn-primary">Log in</button></fieldset></form></div></div></div>\n</body>\n</html>\n',
        503, u8, 'maintenance', 'Joomla offline page with login form')
    add(F + 'laravel-503.html',
        '<!DOCTYPE html>\n<html lang="en">\n    <head>\n        <meta charset="utf-8">\n        <title>Service Unavailable</title>\n    </head>\n    <body class="antialiased">\n        <div class="relative flex items-top justify-center min-h-screen bg-gray-100 sm:items-center sm:pt-0">\n                    <div class="px-4 text-lg text-gray-500 border-r border-gray-400 tracking-wider">\n                        503                    </div>\n\n                    <div class="ml-4 text-lg text-gray-500 uppercase tracking-wider">\n                        Service Unavailable                    </div>\n        </div>\n    </body>\n</html>\n',
        503, u8, 'maintenance', 'Laravel php artisan down 503')
    add(F + 'mediawiki-readonly-maint.html',
        '<!DOCTYPE html>\n<html lang="de"><head><meta charset="utf-8"><title>Wartungsarbeiten</title></head>\n<body style="font-family:sans-serif;text-align:center;margin-top:10%">\n<h1>Wartungsarbeiten</h1>\n<p>Diese Website wird gerade gewartet und ist in Kürze wieder erreichbar.</p>\n<p>Wir bitten um Ihr Verständnis.</p>\n</body></html>\n',
        503, 'text/html; charset=utf-8', 'maintenance', 'German static maintenance page served by the proxy with 503')

    # ------------------------------------------------------------------ upstream_unavailable
    def ngx(code, text, ver='nginx/1.22.1', pad=0):
        return ('<html>\r\n<head><title>%d %s</title></head>\r\n<body>\r\n<center><h1>%d %s</h1></center>\r\n<hr><center>%s</center>\r\n</body>\r\n</html>\r\n'
                % (code, text, code, text, ver)) + '<!-- a padding to disable MSIE and Chrome friendly error page -->\r\n' * pad
    add(F + 'nginx-502.html', ngx(502, 'Bad Gateway', pad=6), 502, 'text/html', 'upstream_unavailable', 'nginx Debian 502, version shown, MSIE/Chrome padding comments')
    add(F + 'nginx-504.html', ngx(504, 'Gateway Time-out', 'nginx'), 504, 'text/html', 'upstream_unavailable', 'nginx 504, server_tokens off')
    add(F + 'nginx-503.html', ngx(503, 'Service Temporarily Unavailable', 'nginx/1.24.0 (Ubuntu)'), 503, 'text/html', 'upstream_unavailable', 'nginx 503 (limit_req or no upstream)')
    add(F + 'apache-503-proxy.html',
        '<!DOCTYPE HTML PUBLIC "-//IETF//DTD HTML 2.0//EN">\n<html><head>\n<title>503 Service Unavailable</title>\n</head><body>\n<h1>Service Unavailable</h1>\n<p>The server is temporarily unable to service your\nrequest due to maintenance downtime or capacity\nproblems. Please try again later.</p>\n<hr>\n<address>Apache/2.4.62 (Debian) Server at www.northbridge.ac.example Port 443</address>\n</body></html>\n',
        503, 'text/html; charset=iso-8859-1', 'upstream_unavailable', 'Apache mod_proxy 503, backend down')
    add(F + 'apache-502-proxy-error.html',
        '<!DOCTYPE HTML PUBLIC "-//IETF//DTD HTML 2.0//EN">\n<html><head>\n<title>502 Proxy Error</title>\n</head><body>\n<h1>Proxy Error</h1>\n<p>The proxy server received an invalid\r\nresponse from an upstream server.<br />\r\nThe proxy server could not handle the request<p>Reason: <strong>Error reading from remote server</strong></p></p>\n<hr>\n<address>Apache/2.4.62 (Debian) Server at intranet.example.org Port 80</address>\n</body></html>\n',
        502, 'text/html; charset=iso-8859-1', 'upstream_unavailable', 'Apache 502 Proxy Error')
    add(F + 'varnish-503-guru.html',
        '<!DOCTYPE html>\n<html>\n  <head>\n    <title>503 Backend fetch failed</title>\n  </head>\n  <body>\n    <h1>Error 503 Backend fetch failed</h1>\n    <p>Backend fetch failed</p>\n    <h3>Guru Meditation:</h3>\n    <p>XID: 98306</p>\n    <hr>\n    <p>Varnish cache server</p>\n  </body>\n</html>\n',
        503, 'text/html; charset=utf-8', 'upstream_unavailable', 'Varnish 7 builtin synth 503')
    add(F + 'varnish-503-legacy.html',
        '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN"\n "http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd">\n<html>\n  <head>\n    <title>503 Service Unavailable</title>\n  </head>\n  <body>\n    <h1>Error 503 Service Unavailable</h1>\n    <p>Service Unavailable</p>\n    <h3>Guru Meditation:</h3>\n    <p>XID: 1873520734</p>\n    <hr>\n    <p>Varnish cache server</p>\n  </body>\n</html>\n',
        503, 'text/html; charset=utf-8', 'upstream_unavailable', 'Varnish 3 era 503 page')
    add(F + 'haproxy-503.html',
        '<html><body><h1>503 Service Unavailable</h1>\nNo server is available to handle this request.\n</body></html>\n',
        503, 'text/html', 'upstream_unavailable', 'HAProxy default 503')
    add(F + 'haproxy-504.html',
        '<html><body><h1>504 Gateway Time-out</h1>\nThe server didn\'t respond in time.\n</body></html>\n',
        504, 'text/html', 'upstream_unavailable', 'HAProxy default 504')
    add(F + 'lighttpd-503.html',
        '<?xml version="1.0" encoding="iso-8859-1"?>\n<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN"\n         "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">\n<html xmlns="http://www.w3.org/1999/xhtml" xml:lang="en" lang="en">\n <head>\n  <title>503 Service Unavailable</title>\n </head>\n <body>\n  <h1>503 Service Unavailable</h1>\n </body>\n</html>\n',
        503, 'text/html', 'upstream_unavailable', 'lighttpd mod_proxy/fastcgi backend down')
    cf = ('<!DOCTYPE html>\n<!--[if lt IE 7]> <html class="no-js ie6 oldie" lang="en-US"> <![endif]-->\n<!--[if gt IE 8]><!--> <html class="no-js" lang="en-US"> <!--<![endif]-->\n<head>\n<title>%s | %s | Cloudflare</title>\n<meta charset="UTF-8" />\n<meta http-equiv="Content-Type" content="text/html; charset=UTF-8" />\n<meta name="robots" content="noindex, nofollow" />\n<link rel="stylesheet" id="cf_styles-css" href="/cdn-cgi/styles/main.css" />\n</head>\n<body>\n<div id="cf-wrapper">\n'
          '    <div id="cf-error-details" class="p-0">\n        <header class="mx-auto pt-10 lg:pt-6 lg:px-8 w-240 lg:w-full mb-8">\n            <h1 class="inline-block sm:block sm:mb-2 font-light text-60 lg:text-4xl text-black-dark leading-tight mr-2">\n              <span class="inline-block">%s</span>\n              <span class="code-label">Error code %d</span>\n            </h1>\n'
          '            <div>\n               Visit <a href="https://www.cloudflare.com/5xx-error-landing?utm_source=errorcode_%d&utm_campaign=%s" target="_blank" rel="noopener noreferrer">cloudflare.com</a> for more information.\n            </div>\n            <div class="mt-3">2026-12-04 01:30:21 UTC</div>\n        </header>\n'
          '        <div class="my-8 bg-gradient-gray">\n            <div class="w-240 lg:w-full mx-auto">\n                <div class="clearfix md:px-8">\n<div id="cf-browser-status" class=" relative w-1/3 md:w-full py-15 md:p-0 md:py-8 md:text-left md:border-solid md:border-0 md:border-b md:border-gray-400 overflow-hidden float-left md:float-none text-center">\n  <span class="md:block w-full truncate">You</span>\n  <h3 class="md:inline-block mt-3 md:mt-0 text-2xl text-gray-600 font-light leading-1.3">Browser</h3>\n  <span class="leading-1.3 text-2xl text-green-success">Working</span>\n</div>\n'
          '<div id="cf-cloudflare-status" class=" relative w-1/3 md:w-full py-15 md:p-0 md:py-8 md:text-left md:border-solid md:border-0 md:border-b md:border-gray-400 overflow-hidden float-left md:float-none text-center">\n  <span class="md:block w-full truncate">Frankfurt</span>\n  <h3 class="md:inline-block mt-3 md:mt-0 text-2xl text-gray-600 font-light leading-1.3">Cloudflare</h3>\n  <span class="leading-1.3 text-2xl text-green-success">Working</span>\n</div>\n'
          '<div id="cf-host-status" class="cf-error-source relative w-1/3 md:w-full py-15 md:p-0 md:py-8 md:text-left md:border-solid md:border-0 md:border-b md:border-gray-400 overflow-hidden float-left md:float-none text-center">\n  <span class="md:block w-full truncate">%s</span>\n  <h3 class="md:inline-block mt-3 md:mt-0 text-2xl text-gray-600 font-light leading-1.3">Host</h3>\n  <span class="leading-1.3 text-2xl text-red-error">Error</span>\n</div>\n</div>\n            </div>\n        </div>\n'
          '        <div class="w-240 lg:w-full mx-auto mb-8 lg:px-8">\n            <div class="clearfix">\n                <div class="w-1/2 md:w-full float-left pr-6 md:pb-10 md:pr-0 leading-relaxed">\n                    <h2 class="text-3xl font-normal leading-1.3 mb-4">What happened?</h2>\n                    <p>%s</p>\n                </div>\n                <div class="w-1/2 md:w-full float-left leading-relaxed">\n                    <h2 class="text-3xl font-normal leading-1.3 mb-4">What can I do?</h2>\n                    <p class="mb-6">Please try again in a few minutes.</p>\n                </div>\n            </div>\n        </div>\n'
          '        <div class="cf-error-footer cf-wrapper w-240 lg:w-full py-10 sm:py-4 sm:px-8 mx-auto text-center sm:text-left border-solid border-0 border-t border-gray-300">\n  <p class="text-13">\n    <span class="cf-footer-item sm:block sm:mb-1">Cloudflare Ray ID: <strong class="font-semibold">8e2f6a1b3c4d5e6f</strong></span>\n    <span class="cf-footer-separator sm:hidden">&bull;</span>\n    <span id="cf-footer-item-ip" class="cf-footer-item hidden sm:block sm:mb-1">Your IP: <button type="button" id="cf-footer-ip-reveal" class="cf-footer-ip-reveal-btn">Click to reveal</button><span class="hidden" id="cf-footer-ip">198.51.100.23</span></span>\n    <span class="cf-footer-separator sm:hidden">&bull;</span>\n    <span class="cf-footer-item sm:block sm:mb-1"><span>Performance &amp; security by</span> <a rel="noopener noreferrer" href="https://www.cloudflare.com/5xx-error-landing" id="brand_link" target="_blank">Cloudflare</a></span>\n  </p>\n</div>\n    </div>\n</div>\n</body>\n</html>\n')
    add(F + 'cloudflare-521.html', cf % ('www.unrcsd.un.example', 'Web server is down', 'Web server is down', 521, 521, 'www.unrcsd.un.example', 'www.unrcsd.un.example',
        'The web server is not returning a connection. As a result, the web page is not displaying.'), 521, 'text/html; charset=UTF-8', 'upstream_unavailable', 'Cloudflare 521 web server is down')
    add(F + 'cloudflare-522.html', cf % ('www.mewa.gov.example', 'Connection timed out', 'Connection timed out', 522, 522, 'www.mewa.gov.example', 'www.mewa.gov.example',
        'The initial connection between Cloudflare\'s network and the origin web server timed out. As a result, the web page can not be displayed.'), 522, 'text/html; charset=UTF-8', 'upstream_unavailable', 'Cloudflare 522')
    add(F + 'cloudflare-502.html', cf % ('shop.example.net', 'Bad gateway', 'Bad gateway', 502, 502, 'shop.example.net', 'shop.example.net',
        'The web server reported a bad gateway error.'), 502, 'text/html; charset=UTF-8', 'upstream_unavailable', 'Cloudflare 502 bad gateway')
    add(F + 'cloudfront-504.html',
        '<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.01 Transitional//EN" "http://www.w3.org/TR/html4/loose.dtd">\n<HTML><HEAD><META HTTP-EQUIV="Content-Type" CONTENT="text/html; charset=iso-8859-1">\n<TITLE>ERROR: The request could not be satisfied</TITLE>\n</HEAD><BODY>\n<H1>504 Gateway Timeout ERROR</H1>\n<H2>The request could not be satisfied.</H2>\n<HR noshade size="1px">\nCloudFront attempted to establish a connection with the origin, but either the attempt failed or the origin closed the connection.\nWe can\'t connect to the server for this app or website at this time. There might be too much traffic or a configuration error. Try again later, or contact the app or website owner.\n<BR clear="all">\nIf you provide content to customers through CloudFront, you can find steps to troubleshoot and help prevent this error by reviewing the CloudFront documentation.\n<BR clear="all">\n<HR noshade size="1px">\n<PRE>\nGenerated by cloudfront (CloudFront)\nRequest ID: q8Zx1aB2cD3eF4gH5iJ6kL7mN8oP9qR0sT1uV2wX3yZ4==\n</PRE>\n<ADDRESS>\n</ADDRESS>\n</BODY></HTML>',
        504, 'text/html', 'upstream_unavailable', 'CloudFront 504 origin timeout')
    add(F + 'aws-elb-502.html',
        '<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n</body>\r\n</html>\r\n',
        502, 'text/html', 'upstream_unavailable', 'AWS ALB 502, no server line')

    # ------------------------------------------------------------------ blocked
    add(F + 'cloudflare-blocked.html',
        '<!DOCTYPE html>\n<html class="no-js" lang="en-US">\n<head>\n<title>Attention Required! | Cloudflare</title>\n<meta charset="UTF-8" />\n<meta name="robots" content="noindex, nofollow" />\n</head>\n<body>\n  <div id="cf-wrapper">\n    <div id="cf-error-details" class="cf-error-details-wrapper">\n      <div class="cf-wrapper cf-header cf-error-overview">\n        <h1 data-translate="block_headline">Sorry, you have been blocked</h1>\n        <h2 class="cf-subheadline"><span data-translate="unable_to_access">You are unable to access</span> mewa.gov.example</h2>\n      </div>\n'
        '      <div class="cf-section cf-wrapper">\n        <div class="cf-columns two">\n          <div class="cf-column">\n            <h2 data-translate="blocked_why_headline">Why have I been blocked?</h2>\n            <p data-translate="blocked_why_detail">This website is using a security service to protect itself from online attacks. The action you just performed triggered the security solution. There are several actions that could trigger this block including submitting a certain word or phrase, a SQL command or malformed data.</p>\n          </div>\n'
        '          <div class="cf-column">\n            <h2 data-translate="blocked_resolve_headline">What can I do to resolve this?</h2>\n            <p data-translate="blocked_resolve_detail">You can email the site owner to let them know you were blocked. Please include what you were doing when this page came up and the Cloudflare Ray ID found at the bottom of this page.</p>\n          </div>\n        </div>\n      </div>\n'
        '      <div class="cf-error-footer cf-wrapper w-240 lg:w-full py-10 sm:py-4 sm:px-8 mx-auto text-center sm:text-left border-solid border-0 border-t border-gray-300">\n        <p class="text-13"><span class="cf-footer-item sm:block sm:mb-1">Cloudflare Ray ID: <strong class="font-semibold">8e2f71c0da5b4a12</strong></span></p>\n      </div>\n    </div>\n  </div>\n</body>\n</html>\n',
        403, 'text/html; charset=UTF-8', 'blocked', 'Cloudflare WAF block page')
    add(F + 'cloudflare-challenge.html',
        '<!DOCTYPE html><html lang="en-US"><head><title>Just a moment...</title><meta http-equiv="Content-Type" content="text/html; charset=UTF-8"><meta http-equiv="X-UA-Compatible" content="IE=Edge"><meta name="robots" content="noindex,nofollow"><meta name="viewport" content="width=device-width,initial-scale=1"><style>*{box-sizing:border-box;margin:0;padding:0}html{line-height:1.15}body{display:flex;flex-direction:column;height:100vh;min-height:100vh}.main-content{margin:8rem auto;max-width:60rem;padding-left:1.5rem}</style></head>'
        '<body class="no-js"><div class="main-wrapper" role="main"><div class="main-content"><h1 class="zone-name-title h1">www.court.example</h1><h2 id="challenge-title" class="h2">Verifying you are human. This may take a few seconds.</h2><div id="challenge-stage"></div><div id="challenge-body-text" class="core-msg spacer">www.court.example needs to review the security of your connection before proceeding.</div><noscript><div id="challenge-error-title"><div class="h2"><span class="icon-wrapper"><div class="heading-icon warning-icon"></div></span><span id="challenge-error-text">Enable JavaScript and cookies to continue</span></div></div></noscript></div></div>'
        '<script>(function(){window._cf_chl_opt={cvId: \'3\',cZone: "www.court.example",cType: \'managed\',cRay: \'8e2f7a9b1c2d3e4f\'};}());</script><div class="footer" role="contentinfo"><div class="footer-inner"><div class="clearfix diagnostic-wrapper"><div class="ray-id">Ray ID: <code>8e2f7a9b1c2d3e4f</code></div></div><div class="text-center" id="footer-text">Performance &amp; security by <a rel="noopener noreferrer" href="https://www.cloudflare.com" target="_blank">Cloudflare</a></div></div></div></body></html>',
        403, 'text/html; charset=UTF-8', 'blocked', 'Cloudflare managed challenge (Just a moment...)')
    add(F + 'modsecurity-not-acceptable.html',
        '<head><title>Not Acceptable!</title></head><body><h1>Not Acceptable!</h1><p>An appropriate representation of the requested resource could not be found on this server. This error was generated by Mod_Security.</p></body></html>',
        406, 'text/html; charset=iso-8859-1', 'blocked', 'shared-hosting ModSecurity 406')
    add(F + 'sucuri-access-denied.html',
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<title>Sucuri WebSite Firewall - Access Denied</title>\n</head>\n<body>\n<div id="main-container">\n<h1>Access Denied - Sucuri Website Firewall</h1>\n<table class="property-table overflow-break-all line-height-16">\n<tr><td>Your IP:</td><td><span>198.51.100.23</span></td></tr>\n<tr><td>URL:</td><td><span>www.example-ngo.org/</span></td></tr>\n<tr><td>Your Browser: </td><td><span>Watchpost/1.0</span></td></tr>\n<tr><td>Block ID:</td><td><span>BOT015</span></td></tr>\n<tr><td>Block reason:</td><td><span>An attempted access from a bad user-agent was detected and blocked.</span></td></tr>\n<tr><td>Time:</td><td><span>2026-12-04 01:32:10</span></td></tr>\n<tr><td>Server ID:</td><td><span>14013</span></td></tr>\n</table>\n<p>If you are the site owner (or you manage this site), please whitelist your IP or if you think this block is an error please <a href="https://support.sucuri.net/support/?new">open a support ticket</a> and make sure to include the block details (displayed in the box above), so we can assist you in troubleshooting the issue.</p>\n</div>\n</body>\n</html>\n',
        403, 'text/html; charset=utf-8', 'blocked', 'Sucuri WAF bad user agent block')
    add(F + 'wordfence-blocked.html',
        '<!DOCTYPE html>\n<html>\n<head>\n<title>Your access to this site has been limited by the site owner</title>\n<meta charset="utf-8">\n</head>\n<body>\n<div class="container">\n<h1>Your access to this site has been limited by the site owner</h1>\n<p>Your access to this service has been limited. (HTTP response code 503)</p>\n<p>If you think you have been blocked in error, contact the owner of this site for assistance.</p>\n<div class="about"><h2 class="h3">Block Technical Data</h2>\n<table border="0" cellspacing="0" cellpadding="0" class="block-data"><tr><th class="text-right">Block Reason:</th><td class="text-left">Blocked by login security setting.</td></tr><tr><th class="text-right">Time:</th><td class="text-left">Fri, 4 Dec 2026 01:33:15 GMT</td></tr></table>\n</div>\n<p class="generated"><em>Generated by Wordfence at Fri, 4 Dec 2026 1:33:15 GMT.<br>Your computer\'s time: <script type="application/javascript">document.write(new Date().toUTCString());</script>.</em></p>\n</div>\n</body>\n</html>\n',
        503, 'text/html; charset=UTF-8', 'blocked', 'Wordfence block page (503)')
    add(F + 'akamai-access-denied.html',
        '<HTML><HEAD>\n<TITLE>Access Denied</TITLE>\n</HEAD><BODY>\n<H1>Access Denied</H1>\n \nYou don\'t have permission to access "http&#58;&#47;&#47;www&#46;ministry&#46;gov&#46;example&#47;" on this server.<P>\nReference&#32;&#35;18&#46;6f3c1402&#46;1796348000&#46;2a9b3c4\n<P>https&#58;&#47;&#47;errors&#46;edgesuite&#46;net&#47;18&#46;6f3c1402&#46;1796348000&#46;2a9b3c4</P>\n</BODY>\n</HTML>\n',
        403, 'text/html', 'blocked', 'Akamai edge access denied')
    add(F + 'incapsula-blocked.html',
        '<html style="height:100%"><head><META NAME="ROBOTS" CONTENT="NOINDEX, NOFOLLOW"><meta name="format-detection" content="telephone=no"><meta name="viewport" content="initial-scale=1.0"><meta http-equiv="X-UA-Compatible" content="IE=edge,chrome=1"></head><body style="margin:0px;height:100%"><iframe id="main-iframe" src="/_Incapsula_Resource?CWUDNSAI=24&xinfo=9-12345678-0%200NNN%20RT%281796348000000%20124%29%20q%280%20-1%20-1%20-1%29%20r%280%20-1%29%20B12%2814%2c0%2c0%29%20U18&incident_id=1234000560012345678-123456789012345678&edet=12&cinfo=0e000000&rpinfo=0&mth=GET" frameborder=0 width="100%" height="100%" marginheight="0px" marginwidth="0px">Request unsuccessful. Incapsula incident ID: 1234000560012345678-123456789012345678</iframe></body></html>',
        403, 'text/html', 'blocked', 'Imperva/Incapsula block (iframe)')

    # ------------------------------------------------------------------ hosting_suspended
    add(F + 'cpanel-suspended.html',
        '<!DOCTYPE html>\n<html>\n<head>\n<meta http-equiv="Content-Type" content="text/html; charset=utf-8">\n<title>Account Suspended</title>\n<link rel="stylesheet" href="//use.fontawesome.com/releases/v5.0.6/css/all.css">\n<style type="text/css">body{font-family:Arial, Helvetica, sans-serif;font-size:14px;line-height:1.428571429;background-color:#ffffff;color:#2F3230;padding:0;margin:0;}section{display:block;padding:0;margin:0;}.container{margin-left:auto;margin-right:auto;padding:0 10px;}</style>\n</head>\n<body>\n<section>\n<div class="container">\n<div class="row">\n<div class="col-xs-12">\n<div class="main-icon text-warning"><span class="fa fa-exclamation-triangle"></span></div>\n<h1>Account Suspended</h1>\n</div>\n</div>\n'
        '<div class="row">\n<div class="col-xs-12 col-sm-6 col-sm-offset-3">\n<p class="lead">This Account has been suspended.</p>\n<p>Contact your hosting provider for more information.</p>\n</div>\n</div>\n</div>\n</section>\n<footer>\n<div class="container">\n<p><a href="http://cpanel.com/?utm_source=cpanelwhm&utm_medium=cplogo&utm_content=logolink&utm_campaign=suspended" target="cpanel" title="cPanel, Inc."><img src="/img-sys/powered_by_cpanel.svg" height="20" alt="cPanel, Inc."></a></p>\n</div>\n</footer>\n</body>\n</html>\n',
        200, 'text/html', 'hosting_suspended', 'cPanel /suspended.page/ modern')
    add(F + 'cpanel-suspended-legacy.html',
        '<html>\n<head><title>Account Suspended</title></head>\n<body>\n<center><h1>This Account Has Been Suspended</h1>\n<p>Please contact the billing/support department as soon as possible.</p></center>\n</body>\n</html>\n',
        200, 'text/html', 'hosting_suspended', 'old cPanel suspended page, title case')
    add(F + 'plesk-suspended.html',
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<title>Domain suspended</title>\n</head>\n<body class="sks-page">\n<div class="page-container"><div class="header"><div class="header-area"><a class="logo" href="https://www.plesk.com/"><img src="/img/logo.svg" alt="Plesk"></a></div></div>\n<div class="main"><div class="section"><h1>Domain is suspended</h1><p>This website is suspended by the hosting provider. If you are the owner of the website, please contact your hosting provider.</p></div></div>\n<div class="footer"><p>Powered by <a href="https://www.plesk.com/">Plesk</a></p></div></div>\n</body>\n</html>\n',
        503, 'text/html; charset=utf-8', 'hosting_suspended', 'Plesk suspended domain')
    add(F + 'hosting-gesperrt-de.html',
        '<!DOCTYPE html>\n<html lang="de">\n<head><meta charset="iso-8859-1"><title>Webseite gesperrt</title></head>\n<body>\n<h1>Diese Webseite wurde gesperrt</h1>\n<p>Der Hosting-Vertrag für diese Domain wurde vorübergehend gesperrt. Bitte wenden Sie sich als Inhaber an den Kundenservice Ihres Providers.</p>\n</body>\n</html>\n',
        403, 'text/html; charset=ISO-8859-1', 'hosting_suspended', 'German hoster suspension page in ISO-8859-1', enc='iso-8859-1')
    add(F + 'hosting-suspendu-fr.html',
        '<!DOCTYPE html>\n<html lang="fr">\n<head><meta charset="utf-8"><title>Site suspendu</title></head>\n<body style="font-family:Arial;text-align:center">\n<h1>Ce site est suspendu</h1>\n<p>L\'hébergement associé à ce nom de domaine a été suspendu. Si vous êtes le propriétaire de ce site, connectez-vous à votre espace client pour régulariser la situation.</p>\n</body>\n</html>\n',
        200, 'text/html; charset=utf-8', 'hosting_suspended', 'French hoster suspended page')
    add(F + 'directadmin-suspended.html',
        '<html><head><title>Suspended</title></head><body><h2>This account has been suspended.</h2><p>Please contact your system administrator.</p></body></html>',
        200, 'text/html', 'hosting_suspended', 'DirectAdmin-like suspended page, small')

    # ------------------------------------------------------------------ placeholder_page
    add(F + 'nginx-debian-default.html', open('/var/www/html/index.nginx-debian.html').read().replace('35em', '35em'), 200, 'text/html', 'placeholder_page',
        'nginx welcome page as Debian ships it (few lines)')
    apache_default = ('<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">\n<html xmlns="http://www.w3.org/1999/xhtml">\n  <head>\n    <meta http-equiv="Content-Type" content="text/html; charset=UTF-8" />\n    <title>Apache2 Debian Default Page: It works</title>\n  </head>\n  <body>\n    <div class="main_page">\n      <div class="page_header floating_element">\n        <img src="/icons/openlogo-75.png" alt="Debian Logo" class="floating_element"/>\n        <span class="floating_element">\n          Apache2 Debian Default Page\n        </span>\n      </div>\n'
                      '      <div class="content_section floating_element">\n        <div class="section_header section_header_red">\n          <div id="about"></div>\n          It works!\n        </div>\n        <div class="content_section_text">\n          <p>\n                This is the default welcome page used to test the correct \n                operation of the Apache2 server after installation on Debian systems.\n                If you can read this page, it means that the Apache HTTP server installed at\n                this site is working properly. You should <b>replace this file</b> (located at\n                <tt>/var/www/html/index.html</tt>) before continuing to operate your HTTP server.\n          </p>\n'
                      '          <p>\n                If you are a normal user of this web site and don\'t know what this page is\n                about, this probably means that the site is currently unavailable due to\n                maintenance.\n                If the problem persists, please contact the site\'s administrator.\n          </p>\n        </div>\n      </div>\n    </div>\n  </body>\n</html>\n')
    add(F + 'apache-debian-default.html', apache_default, 200, 'text/html', 'placeholder_page', 'Apache2 Debian default page, abridged (no config overview)')
    add(F + 'lighttpd-debian-placeholder.html',
        '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">\n<html xmlns="http://www.w3.org/1999/xhtml">\n<head>\n<meta http-equiv="content-type" content="text/html; charset=UTF-8" />\n<title>Welcome page</title>\n</head>\n<body>\n<div id="page">\n <div id="header">\n <h1> Placeholder page </h1>\n  The owner of this web site has not put up any web pages yet. Please come back later.\n </div>\n <div id="body">\n  <h2>You should replace this page with your own web pages as soon as possible.</h2>\n  <h2>About this page</h2>\n  <p>\n   This is a placeholder page installed by the Debian release of the <a href="http://packages.debian.org/lighttpd">Lighttpd server package.</a>\n  </p>\n </div>\n</div>\n</body>\n</html>\n',
        200, 'text/html', 'placeholder_page', 'lighttpd Debian placeholder, abridged')
    add(F + 'tomcat-debian-it-works.html',
        '<?xml version="1.0" encoding="ISO-8859-1"?>\n<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN"\n   "http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd">\n<html xmlns="http://www.w3.org/1999/xhtml" xml:lang="en" lang="en">\n<head>\n    <title>Apache Tomcat</title>\n</head>\n\n<body>\n<h1>It works !</h1>\n\n<p>If you\'re seeing this page via a web browser, it means you\'ve setup Tomcat successfully. Congratulations!</p>\n \n<p>This is the default Tomcat home page. It can be found on the local filesystem at: <code>/var/lib/tomcat10/webapps/ROOT/index.html</code></p>\n</body>\n</html>\n',
        200, 'text/html', 'placeholder_page', 'Debian tomcat10 ROOT page, abridged')
    rows = [('../', '', '-'), ('annual-report-2024.pdf', '2025-03-14 09:12', '2.1M'), ('annual-report-2025.pdf', '2026-03-20 11:40', '2.4M'),
            ('backup/', '2026-11-30 02:00', '-'), ('old-site/', '2021-06-02 16:05', '-'), ('wp-config.php.bak', '2024-01-08 10:31', '3.2K')]
    apr = '<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 3.2 Final//EN">\n<html>\n <head>\n  <title>Index of /</title>\n </head>\n <body>\n<h1>Index of /</h1>\n  <table>\n   <tr><th valign="top"><img src="/icons/blank.gif" alt="[ICO]"></th><th><a href="?C=N;O=D">Name</a></th><th><a href="?C=M;O=A">Last modified</a></th><th><a href="?C=S;O=A">Size</a></th><th><a href="?C=D;O=A">Description</a></th></tr>\n   <tr><th colspan="5"><hr></th></tr>\n'
    for n, d, s in rows[1:]:
        icon = 'folder.gif' if n.endswith('/') else ('layout.gif' if n.endswith('pdf') else 'unknown.gif')
        apr += '<tr><td valign="top"><img src="/icons/%s" alt="[%s]"></td><td><a href="%s">%s</a></td><td align="right">%s  </td><td align="right">%5s</td><td>&nbsp;</td></tr>\n' % (icon, 'DIR' if n.endswith('/') else '   ', n, n, d, s)
    apr += '   <tr><th colspan="5"><hr></th></tr>\n</table>\n<address>Apache/2.4.62 (Debian) Server at www.example-ngo.org Port 80</address>\n</body></html>\n'
    add(F + 'apache-index-of.html', apr, 200, 'text/html;charset=UTF-8', 'placeholder_page', 'Apache mod_autoindex listing of the document root')
    ngl = '<html>\r\n<head><title>Index of /downloads/</title></head>\r\n<body>\r\n<h1>Index of /downloads/</h1><hr><pre><a href="../">../</a>\r\n'
    import datetime
    for n, d, s in sorted(rows[1:], key=lambda x: (not x[0].endswith('/'), x[0])):
        dd = datetime.datetime.strptime(d, '%Y-%m-%d %H:%M').strftime('%d-%b-%Y %H:%M')
        ngl += '<a href="%s">%s</a>%s%s %19s\r\n' % (n, n, ' ' * (51 - len(n)), dd, s if s != '-' else '-')
    ngl += '</pre><hr></body>\r\n</html>\r\n'
    add(F + 'nginx-autoindex.html', ngl, 200, 'text/html', 'placeholder_page', 'nginx autoindex listing')
    add(F + 'lighttpd-dirlisting.html',
        '<!DOCTYPE html>\n<html>\n<head>\n<meta charset="utf-8">\n<title>Index of /</title>\n<style type="text/css">\na, a:active {text-decoration: none; color: blue;}\na:visited {color: #48468F;}\nbody {font-family: sans-serif;}\ntable {margin-left: 12px;}\n</style>\n</head>\n<body>\n<h2>Index of /</h2>\n<div class="list">\n<table summary="Directory Listing" cellpadding="0" cellspacing="0">\n<thead><tr><th class="n">Name</th><th class="m">Last Modified</th><th class="s">Size</th><th class="t">Type</th></tr></thead>\n<tbody>\n'
        '<tr class="d"><td class="n"><a href="../">..</a>/</td><td class="m">&nbsp;</td><td class="s">- &nbsp;</td><td class="t">Directory</td></tr>\n<tr class="d"><td class="n"><a href="archive/">archive</a>/</td><td class="m">2026-Nov-30 02:00:11</td><td class="s">- &nbsp;</td><td class="t">Directory</td></tr>\n<tr><td class="n"><a href="index.php.old">index.php.old</a></td><td class="m">2025-Jan-08 10:31:02</td><td class="s">4.1K</td><td class="t">application/octet-stream</td></tr>\n'
        '</tbody>\n</table>\n</div>\n<div class="foot">lighttpd/1.4.69</div>\n</body>\n</html>\n',
        200, 'text/html;charset=utf-8', 'placeholder_page', 'lighttpd mod_dirlisting')
    add(F + 'python-http-server-listing.html',
        '<!DOCTYPE HTML>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<title>Directory listing for /</title>\n</head>\n<body>\n<h1>Directory listing for /</h1>\n<hr>\n<ul>\n<li><a href=".env">.env</a></li>\n<li><a href="app/">app/</a></li>\n<li><a href="requirements.txt">requirements.txt</a></li>\n<li><a href="static/">static/</a></li>\n</ul>\n<hr>\n</body>\n</html>\n',
        200, 'text/html; charset=utf-8', 'placeholder_page', 'python3 -m http.server listing')
    add(F + 'parked-domain.html',
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<title>northbridge-college.example - This domain may be for sale!</title>\n<meta name="viewport" content="width=device-width, initial-scale=1">\n</head>\n<body>\n<div id="container"><div class="domain-name">northbridge-college.example</div>\n<div class="sale-banner"><a href="https://www.parking-platform.example/forsale?domain=northbridge-college.example">This domain may be for sale!</a></div>\n<div id="related-searches"><h2>Related Searches</h2><ul><li><a href="/search?q=Online+Degree">Online Degree</a></li><li><a href="/search?q=College+Courses">College Courses</a></li><li><a href="/search?q=Student+Loans">Student Loans</a></li></ul></div>\n<div class="footer">2026 Copyright. All Rights Reserved. The Sponsored Listings displayed above are served automatically by a third party. Neither the service provider nor the domain owner maintain any relationship with the advertisers.</div></div>\n</body>\n</html>\n',
        200, 'text/html; charset=utf-8', 'placeholder_page', 'parked domain with sponsored listings')
    add(F + 'iis-default.html',
        '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd">\n<html xmlns="http://www.w3.org/1999/xhtml">\n<head>\n<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1" />\n<title>IIS Windows Server</title>\n<style type="text/css">\n<!--\nbody {\n\tcolor:#000000;\n\tbackground-color:#0072C6;\n\tmargin:0;\n}\n\n#container {\n\tmargin-left:auto;\n\tmargin-right:auto;\n\ttext-align:center;\n\t}\n\na img {\n\tborder:none;\n}\n\n-->\n</style>\n</head>\n<body>\n<div id="container">\n<a href="http://go.microsoft.com/fwlink/?linkid=66138&amp;clcid=0x409"><img src="iisstart.png" alt="IIS" width="960" height="600" /></a>\n</div>\n</body>\n</html>',
        200, 'text/html', 'placeholder_page', 'IIS default iisstart page')
    apr_fr = apr.replace('Index of /', 'Index of /documents').replace('<a href="annual-report', '<a href="rapport-activit%e9').replace('annual-report', 'rapport-activité')
    apr_fr = apr_fr.replace('<tr><th colspan="5"><hr></th></tr>\n', '<tr><th colspan="5"><hr></th></tr>\n<tr><td valign="top"><img src="/icons/back.gif" alt="[PARENTDIR]"></td><td><a href="/">Parent Directory</a></td><td>&nbsp;</td><td align="right">  - </td><td>&nbsp;</td></tr>\n', 1)
    add(F + 'apache-index-of-fr-cp1252.html', apr_fr.replace('www.example-ngo.org', 'www.mairie-exemple.fr'),
        200, 'text/html;charset=windows-1252', 'placeholder_page', 'Apache listing with accented file names, windows-1252 bytes', enc='windows-1252')

    # ------------------------------------------------------------------ debug_leak
    pi = ['<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "DTD/xhtml1-transitional.dtd">\n<html xmlns="http://www.w3.org/1999/xhtml"><head>\n<style type="text/css">\nbody {background-color: #fff; color: #222; font-family: sans-serif;}\npre {margin: 0; font-family: monospace;}\ntable {border-collapse: collapse; border: 0; width: 934px; box-shadow: 1px 2px 3px #ccc;}\n.center {text-align: center;}\n.e {background-color: #ccf; width: 300px; font-weight: bold;}\n.h {background-color: #99c; font-weight: bold;}\n.v {background-color: #ddd; max-width: 300px; overflow-x: auto; word-wrap: break-word;}\n</style>\n<title>PHP 8.2.26 - phpinfo()</title><meta name="ROBOTS" content="NOINDEX,NOFOLLOW,NOARCHIVE" /></head>\n<body><div class="center">\n<table>\n<tr class="h"><td>\n<a href="http://www.php.net/"><img border="0" src="data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAHkAAABACAYAAAA+j9gsAAAAGXRFWHRTb2Z0d2FyZQBBZG9iZSBJbWFnZVJlYWR5ccllPAAAD4BJREFUeNrsnXtwXFUdx" alt="PHP logo" /></a><h1 class="p">PHP Version 8.2.26</h1>\n</td></tr>\n</table>\n<table>\n']
    for k, v in [('System', 'Linux web01 6.1.0-27-amd64 #1 SMP PREEMPT_DYNAMIC Debian 6.1.115-1 (2024-11-01) x86_64'), ('Build Date', 'Nov 25 2024 18:36:34'),
                 ('Server API', 'FPM/FastCGI'), ('Virtual Directory Support', 'disabled'), ('Configuration File (php.ini) Path', '/etc/php/8.2/fpm'),
                 ('Loaded Configuration File', '/etc/php/8.2/fpm/php.ini'), ('Scan this dir for additional .ini files', '/etc/php/8.2/fpm/conf.d'),
                 ('PHP API', '20220829'), ('PHP Extension', '20220829'), ('Zend Extension', '420220829'), ('Debug Build', 'no'), ('Thread Safety', 'disabled'),
                 ('Registered PHP Streams', 'https, ftps, compress.zlib, php, file, glob, data, http, ftp, phar')]:
        pi.append('<tr><td class="e">%s </td><td class="v">%s </td></tr>\n' % (k, v))
    pi.append('</table>\n<h2>Core</h2>\n<table>\n<tr class="h"><th>Directive</th><th>Local Value</th><th>Master Value</th></tr>\n')
    for k, v in [('allow_url_fopen', 'On'), ('display_errors', 'Off'), ('error_reporting', '22527'), ('max_execution_time', '30'), ('memory_limit', '256M'),
                 ('open_basedir', '<i>no value</i>'), ('post_max_size', '64M'), ('upload_max_filesize', '64M')]:
        pi.append('<tr><td class="e">%s</td><td class="v">%s</td><td class="v">%s</td></tr>\n' % (k, v, v))
    pi.append('</table>\n<h2>Environment</h2>\n<table>\n<tr class="h"><th>Variable</th><th>Value</th></tr>\n<tr><td class="e">DB_HOST </td><td class="v">10.0.4.12 </td></tr>\n<tr><td class="e">DB_PASSWORD </td><td class="v">S3cr3t-Pr0d-2026 </td></tr>\n</table>\n<h2>PHP Variables</h2>\n<table>\n<tr class="h"><th>Variable</th><th>Value</th></tr>\n<tr><td class="e">$_SERVER[\'DOCUMENT_ROOT\']</td><td class="v">/var/www/portal/public</td></tr>\n<tr><td class="e">$_SERVER[\'SCRIPT_FILENAME\']</td><td class="v">/var/www/portal/public/info.php</td></tr>\n</table>\n<h2>PHP License</h2>\n<table>\n<tr class="v"><td>\n<p>\nThis program is free software; you can redistribute it and/or modify it under the terms of the PHP License as published by the PHP Group and included in the distribution in the file:  LICENSE\n</p>\n</td></tr>\n</table>\n</div></body></html>')
    add(F + 'phpinfo-exposed.html', "".join(pi), 200, 'text/html; charset=UTF-8', 'debug_leak', 'phpinfo() page exposed with environment (abridged)')
    add(F + 'php-warning-sidebar.html', inst('en-ministry', 'joomla', 119,
        '<br />\n<b>Warning</b>:  Undefined array key "image_intro" in <b>/var/www/mewa/templates/mewa/html/mod_articles_news/_item.php</b> on line <b>17</b><br />\n<br />\n<b>Deprecated</b>:  htmlspecialchars(): Passing null to parameter #1 ($string) of type string is deprecated in <b>/var/www/mewa/templates/mewa/html/mod_articles_news/_item.php</b> on line <b>18</b><br />\n',
        'sidebar', 65), 200, u8, 'debug_leak', 'Joomla ministry page, PHP warnings/deprecations with paths in a sidebar module; ~55 KB')
    add(F + 'drupal10-warning-messages.html', inst('en-un', 'drupal10', 120,
        '<div data-drupal-messages>\n<div role="contentinfo" aria-label="Warning message" class="messages-list__item messages messages--warning">\n<div class="messages__header"><h2 class="visually-hidden">Warning message</h2></div>\n<div class="messages__content"><em class="placeholder">Warning</em>: Undefined array key &quot;field_hero_image&quot; in <em class="placeholder">unrcsd_preprocess_node()</em> (line <em class="placeholder">212</em> of <em class="placeholder">themes/custom/unrcsd/unrcsd.theme</em>).</div>\n</div>\n</div>\n',
        'messages', 85), 200, u8, 'debug_leak', 'Drupal 10 page with PHP warning status message (error_level verbose) under the header; ~70 KB')
    add(F + 'wordpress-sql-syntax-error-mid.html', inst('en-univ', 'wordpress', 121,
        "<div id='error'><p class='wpdberror'><strong>WordPress database error:</strong> [You have an error in your SQL syntax; check the manual that corresponds to your MariaDB server version for the right syntax to use near ') ORDER BY post_date DESC LIMIT 5' at line 1]<br />\n<code>SELECT ID, post_title FROM wp_posts WHERE post_type = 'event' AND ID IN () ORDER BY post_date DESC LIMIT 5</code></p></div>",
        'sidebar', 50), 200, U8, 'debug_leak', 'WordPress page with wpdberror SQL syntax error in an events widget; ~45 KB')
    add(F + 'django-debug-404.html',
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n  <meta http-equiv="content-type" content="text/html; charset=utf-8">\n  <title>Page not found at /admin-old/</title>\n  <meta name="robots" content="NONE,NOARCHIVE">\n</head>\n<body>\n  <header id="summary">\n    <h1>Page not found <small>(404)</small></h1>\n    <table class="meta">\n      <tr><th scope="row">Request Method:</th><td>GET</td></tr>\n      <tr><th scope="row">Request URL:</th><td>https://portal.example.org/admin-old/</td></tr>\n    </table>\n  </header>\n\n  <main id="info">\n      <p>\n      Using the URLconf defined in <code>portal.urls</code>,\n      Django tried these URL patterns, in this order:\n      </p>\n      <ol>\n          <li>\n              <code>\n                staff-admin/\n              </code>\n          </li>\n          <li><code>api/v1/</code></li>\n          <li><code>accounts/</code></li>\n      </ol>\n      <p>\n          The current path, <code>admin-old/</code>,\n          didn’t match any of these.\n      </p>\n  </main>\n\n  <footer id="explanation">\n    <p>\n      You’re seeing this error because you have <code>DEBUG = True</code> in\n      your Django settings file. Change that to <code>False</code>, and Django\n      will display a standard 404 page.\n    </p>\n  </footer>\n</body>\n</html>\n',
        404, 'text/html; charset=utf-8', 'debug_leak', 'Django DEBUG=True 404 listing URL patterns')
    add(F + 'wordpress-headers-sent-top.html', inst('en-court', 'wordpress', 122,
        '<br />\n<b>Warning</b>:  Cannot modify header information - headers already sent by (output started at /home/court/public_html/wp-config.php:1) in <b>/home/court/public_html/wp-includes/pluggable.php</b> on line <b>1435</b><br />\n',
        'top', 40), 200, U8, 'debug_leak', 'WordPress page with headers-already-sent warning before the doctype; ~40 KB')
    add(F + 'java-widget-trace-ar.html', inst('ar-health', 'aspnet', 123,
        '<div class="widget-error"><pre>java.lang.IllegalStateException: Widget "latest-stats" failed to render\n\tat gov.moh.portal.widgets.StatsWidget.render(StatsWidget.java:77)\n\tat gov.moh.portal.web.PageController.home(PageController.java:41)\n\tat java.base/jdk.internal.reflect.DirectMethodHandleAccessor.invoke(DirectMethodHandleAccessor.java:103)</pre></div>',
        'sidebar', 70), 200, u8, 'debug_leak', 'Arabic RTL health ministry page, Java stack trace in a sidebar widget; ~60 KB')
    add(F + 'symfony-debug-toolbar.html', inst('de-umwelt', 'plone', 124, '', None, 35).replace('</body>',
        '<div id="sfwdt3f2a1b" class="sf-toolbar sf-display-none" role="region" aria-label="Symfony Web Debug Toolbar"></div><script nonce="a1b2">Sfjs.load(\'sfwdt3f2a1b\', \'/_wdt/3f2a1b\', function(xhr, el) {}, function(xhr) {});</script>\n<div class="sf-toolbarreset"><div class="sf-toolbar-block sf-toolbar-block-request"><span class="sf-toolbar-status sf-toolbar-status-green">200</span> <span class="sf-toolbar-label">@</span> app_news_show</div><div class="sf-toolbar-block">Symfony 6.4.3 &middot; env <b>dev</b> &middot; debug <b>enabled</b></div><div class="sf-toolbar-block">Doctrine: 47 queries</div></div>\n</body>'),
        200, u8, 'debug_leak', 'German ministry page served in Symfony dev env with the web debug toolbar; ~35 KB')
    add(F + 'php-notice-utf16.html',
        '<br />\n<b>Notice</b>:  Undefined index: lang in <b>C:\\inetpub\\wwwroot\\registry\\inc\\header.php</b> on line <b>9</b><br />\n<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-16"><title>Land Registry - Search</title></head>\n<body><h1>Land Registry</h1><form action="search.php"><label>Parcel number <input name="p"></label><button>Search</button></form>\n<p>Opening hours: Monday to Friday, 8:00 to 16:00.</p></body></html>\n',
        200, 'text/html; charset=UTF-16', 'debug_leak', 'IIS/PHP page in UTF-16 LE with BOM, PHP notice with Windows path before doctype', enc='utf-16')


# ---------------------------------------------------------------------- embedded variants
def pw(kind, msg, path, line):
    """PHP's HTML error format with its two spaces after the colon."""
    return '<br />\n<b>%s</b>:  %s in <b>%s</b> on line <b>%d</b><br />\n' % (kind, msg, path, line)


EMBED = [
    ('db_storage_full', 'd7-1114-cache-form', '<div class="messages error"><h2 class="element-invisible">Error message</h2>PDOException: SQLSTATE[HY000]: General error: 1114 The table &#039;cache_form&#039; is full: INSERT INTO {cache_form} (cid, serialized, created, expire, data) VALUES (:db_insert_placeholder_0, :db_insert_placeholder_1, :db_insert_placeholder_2, :db_insert_placeholder_3, :db_insert_placeholder_4); in drupal_write_record() (line 7239 of /var/www/site/includes/common.inc).</div>'),
    ('db_storage_full', 'mysqli-1114-sessions', pw('Warning', "mysqli_query(): (HY000/1114): The table 'sessions' is full", '/var/www/site/lib/session.php', 74)),
    ('db_storage_full', 'ora-01653', '<p class="err">ORA-01653: unable to extend table PORTAL.AUDIT_LOG by 8192 in tablespace USERS</p>'),
    ('db_storage_full', 'mssql-1105', '<span class="error">System.Data.SqlClient.SqlException (0x80131904): Could not allocate space for object &#39;dbo.PageViews&#39;.&#39;PK_PageViews&#39; in database &#39;Portal&#39; because the &#39;PRIMARY&#39; filegroup is full. Create disk space by deleting unneeded files, dropping objects in the filegroup, adding additional files to the filegroup, or setting autogrowth on for existing files in the filegroup.</span>'),
    ('db_storage_full', 'mysql-error-28', '<div class="db-error">Got error 28 from storage engine<br>SQL: SELECT DISTINCT n.nid FROM node n ORDER BY n.created DESC LIMIT 10</div>'),
    ('db_storage_full', 'pg-could-not-extend', '<div class="alert alert-danger">SQLSTATE[53100]: Disk full: 7 ERROR:  could not extend file &quot;base/16384/2619&quot;: No space left on device<br>HINT:  Check free disk space.</div>'),
    ('db_connection', 'mysqli-2002', pw('Warning', 'mysqli_connect(): (HY000/2002): No such file or directory', '/var/www/site/inc/db.php', 5) + 'Database connection failed.'),
    ('db_connection', 'pdo-getaddrinfo', '<div class="error">SQLSTATE[HY000] [2002] php_network_getaddresses: getaddrinfo for db.internal failed: Name or service not known</div>'),
    ('db_connection', 'pg-auth-failed', pw('Warning', 'pg_connect(): Unable to connect to PostgreSQL server: connection to server at &quot;10.0.4.12&quot;, port 5432 failed: FATAL:  password authentication failed for user &quot;web&quot;', '/srv/www/portal/lib/Db.php', 31)),
    ('db_connection', 'ora-12541', '<div class="ui-state-error">ORA-12541: TNS:no listener</div>'),
    ('db_connection', 'mssql-login-failed', '<p style="color:red">Login failed for user &#39;PortalWeb&#39;. Cannot open database &quot;Portal&quot; requested by the login. The login failed.</p>'),
    ('db_overloaded', 'pdo-1040', '<div class="widget-error">SQLSTATE[HY000] [1040] Too many connections</div>'),
    ('db_overloaded', 'd7-deadlock', '<div class="messages error">PDOException: SQLSTATE[40001]: Serialization failure: 1213 Deadlock found when trying to get lock; try restarting transaction: UPDATE {sessions} SET timestamp=:db_update_placeholder_0 WHERE (sid = :db_condition_placeholder_0) ; in _drupal_session_write() (line 209 of /var/www/site/includes/session.inc).</div>'),
    ('db_overloaded', 'pg-too-many-clients', '<pre class="error">psycopg2.OperationalError: FATAL:  sorry, too many clients already</pre>'),
    ('db_integrity', 'd7-1146-cache-bootstrap', '<div class="messages error">PDOException: SQLSTATE[42S02]: Base table or view not found: 1146 Table &#039;drupal.cache_bootstrap&#039; doesn&#039;t exist: SELECT cid, data, created, expire, serialized FROM {cache_bootstrap} WHERE cid IN (:cids_0); in lock_acquire() (line 167 of /var/www/site/includes/lock.inc).</div>'),
    ('db_integrity', 'crashed-repair-failed', '<b>Database error:</b> Table &#039;./portal/wp_options&#039; is marked as crashed and last (automatic?) repair failed'),
    ('db_integrity', 'pg-relation-missing', '<div class="alert">ERROR:  relation &quot;node_field_data&quot; does not exist<br>LINE 1: SELECT nid FROM node_field_data WHERE status = 1</div>'),
    ('app_error', 'php-uncaught-class', pw('Fatal error', 'Uncaught Error: Class &quot;Portal\\Widgets\\Calendar&quot; not found in /var/www/portal/templates/sidebar.php:12\nStack trace:\n#0 /var/www/portal/index.php(44): include()\n#1 {main}\n  thrown', '/var/www/portal/templates/sidebar.php', 12)),
    ('app_error', 'php-parse-error', pw('Parse error', 'syntax error, unexpected token &quot;}&quot;, expecting &quot;;&quot;', '/home/site/public_html/wp-content/themes/agency/footer.php', 31)),
    ('app_error', 'php-typeerror-count', pw('Fatal error', 'Uncaught TypeError: count(): Argument #1 ($value) must be of type Countable|array, null given in /var/www/site/modules/news/list.php:58\nStack trace:\n#0 {main}\n  thrown', '/var/www/site/modules/news/list.php', 58)),
    ('app_error', 'ssi-error', '[an error occurred while processing this directive]'),
    ('app_resource_exhausted', 'php-memory', pw('Fatal error', 'Allowed memory size of 134217728 bytes exhausted (tried to allocate 262144 bytes)', '/var/www/site/vendor/twig/twig/src/Environment.php', 418)),
    ('app_resource_exhausted', 'php-max-exec', pw('Fatal error', 'Maximum execution time of 60 seconds exceeded', '/var/www/site/includes/feeds/rss.php', 203)),
    ('app_resource_exhausted', 'php8-memory-bare', 'PHP Fatal error:  Allowed memory size of 536870912 bytes exhausted (tried to allocate 134217736 bytes) in /var/www/html/core/lib/Drupal/Core/Render/Renderer.php on line 615'),
    ('debug_leak', 'php-warning-include', pw('Warning', 'include(/var/www/site/partials/banner-2026.php): Failed to open stream: No such file or directory', '/var/www/site/templates/page.php', 22) + pw('Warning', "include(): Failed opening '/var/www/site/partials/banner-2026.php' for inclusion (include_path='.:/usr/share/php')", '/var/www/site/templates/page.php', 22)),
    ('debug_leak', 'php-deprecated-dynamic', pw('Deprecated', 'Creation of dynamic property Site_Menu_Walker::$current_lang is deprecated', '/var/www/site/wp-content/themes/agency/inc/walker.php', 19)),
    ('debug_leak', 'sql-debug-dump', '<pre class="xdebug-var-dump" dir="ltr"><small>/var/www/site/app/Repository/NewsRepository.php:88:</small><small>string</small> <font color="#cc0000">\'SELECT n.id, n.title, u.email, u.password_hash FROM news n JOIN users u ON u.id = n.author_id WHERE n.published = 1 ORDER BY n.date DESC LIMIT 20\'</font> <i>(length=141)</i>\n</pre>'),
    ('upstream_unavailable', 'esi-varnish-503', '<!-- esi:include src="/fragments/agenda" -->\n<html>\n  <head>\n    <title>503 Backend fetch failed</title>\n  </head>\n  <body>\n    <h1>Error 503 Backend fetch failed</h1>\n    <p>Backend fetch failed</p>\n    <h3>Guru Meditation:</h3>\n    <p>XID: 3342337</p>\n    <hr>\n    <p>Varnish cache server</p>\n  </body>\n</html>\n'),
]

SKIN_FOR = {'d7-1114-cache-form': 'drupal7', 'd7-deadlock': 'drupal7', 'd7-1146-cache-bootstrap': 'drupal7', 'php-deprecated-dynamic': 'wordpress',
            'php-parse-error': 'wordpress', 'crashed-repair-failed': 'wordpress', 'pg-relation-missing': 'drupal10', 'php8-memory-bare': 'drupal10',
            'mssql-1105': 'aspnet', 'mssql-login-failed': 'aspnet', 'ora-12541': 'aspnet', 'pg-could-not-extend': 'drupal10'}


def cut_after(txt, snip):
    k = txt.index(snip) + len(snip)
    return txt[:k]


PLAN_SITES = ['en-ministry', 'fr-justice', 'es-edu', 'de-umwelt', 'ru-minobr', 'en-court', 'ar-health', 'en-univ', 'fr-univ', 'en-un']
PLAN_SKINS = ['drupal7', 'wordpress', 'joomla', 'aspnet', 'plone', 'drupal10']
PLAN_POS = ['after_html', 'sidebar', 'mid', 'top', 'messages', 'footer']
PLAN_ENC = {'fr-justice': ['iso-8859-1', 'windows-1252', 'utf-8'], 'ru-minobr': ['windows-1251', 'utf-8'], 'es-edu': ['windows-1252', 'utf-8'],
            'de-umwelt': ['iso-8859-1', 'utf-8'], 'en-univ': ['utf-16', 'utf-8', 'utf-8']}


def build_embedded(rnd=0, picks=None, sizes=(40, 70, 130, 8, 55, 95, 12, 35, 60, 110)):
    from common import inst as _inst
    n = 0
    for j, (cls, key, snip) in enumerate(EMBED):
        if picks is not None and j not in picks:
            continue
        i = j + rnd * 7
        site = PLAN_SITES[i % len(PLAN_SITES)]
        skin = SKIN_FOR.get(key) or PLAN_SKINS[(i * 5 + 1) % len(PLAN_SKINS)]
        if skin == 'aspnet' and ('<b>' in snip or 'PHP' in snip or 'PDO' in snip):
            skin = 'plone'
        pos = PLAN_POS[i % len(PLAN_POS)]
        fatal = 'Fatal error' in snip or 'Parse error' in snip
        if fatal and pos == 'top':
            pos = 'sidebar'
        if pos == 'top' and snip.startswith('<div class="messages'):
            pos = 'messages'
        if key == 'esi-varnish-503':
            pos = 'sidebar'
        encs = PLAN_ENC.get(site, ['utf-8'])
        enc = encs[(i // len(PLAN_SITES)) % len(encs)]
        # two thirds large (30-150 KB), one third medium (10-30 KB)
        kb = sizes[i % len(sizes)]
        meta = enc
        txt = _inst(site, skin, 900 + i + 1000 * rnd, snip, pos, kb, charset=meta)
        if fatal and pos != 'after_html':
            txt = cut_after(txt, snip)   # a PHP fatal error ends the output
        if enc == 'utf-16':
            ct = 'text/html'
        elif i % 4 == 0:
            ct = 'text/html'      # charset only in <meta>
        else:
            ct = 'text/html; charset=%s' % ({'utf-8': 'UTF-8', 'iso-8859-1': 'ISO-8859-1'}.get(enc, enc))
        status = 200
        fn = F + 'inst-%s-%s-%s-%s.html' % (key, site, skin, pos.replace('_', '-'))
        if rnd:
            fn = fn.replace('.html', '-v%d.html' % (rnd + 1))
        add(fn, txt, status, ct, cls,
            '%s institutional page (%s skin), %s error %s; ~%d KB; %s' % (site, skin, key, {'after_html': 'after </html>', 'top': 'before the doctype', 'mid': 'mid-article',
             'sidebar': 'in a sidebar widget', 'messages': 'in the messages region under the header', 'footer': 'inside the footer'}[pos]
            + (', output ends there' if fatal and pos != 'after_html' else ''), 0, enc), enc=enc)
        n += 1
    return n


def build_more():
    from common import inst as _inst
    add(F + 'inst-drupal7-1114-double-escaped-sidebar.html', _inst('en-court', 'drupal7', 951,
        '<div class="messages error"><h2 class="element-invisible">Error message</h2>PDOException: SQLSTATE[HY000]: General error: 1114 The table &amp;#039;cache_views_data&amp;#039; is full: INSERT INTO {cache_views_data} (cid, serialized, created, expire, data) VALUES (...) in views_plugin_cache-&amp;gt;cache_set() (line 180 of /var/www/court/sites/all/modules/views/plugins/views_plugin_cache.inc).</div>',
        'sidebar', 65), 200, u8, 'db_storage_full', 'Drupal 7 court page, 1114 message double-escaped (&amp;#039;) by a custom block in the sidebar; ~55 KB')
    add(F + 'php-text-errors-uncaught-pdo.html',
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<title>Events calendar</title>\n</head>\n<body>\n<header><h1>Events calendar</h1></header>\n\nFatal error: Uncaught PDOException: SQLSTATE[HY000] [2002] Connection refused in /var/www/events/src/Db.php:14\nStack trace:\n#0 /var/www/events/src/Db.php(14): PDO->__construct()\n#1 /var/www/events/public/index.php(9): Db::connect()\n#2 {main}\n  thrown in /var/www/events/src/Db.php on line 14\n',
        200, u8, 'db_connection', 'PHP with html_errors=Off: plain-text uncaught PDOException 2002 ends the page (one space after the colon)')
    add(F + 'php-white-screen-empty.html', '', 500, 'text/html; charset=UTF-8', 'app_error', 'empty body: PHP fatal error with display_errors=Off (white screen)')
    add(F + 'apache22-503.html',
        '<!DOCTYPE HTML PUBLIC "-//IETF//DTD HTML 2.0//EN">\n<html><head>\n<title>503 Service Temporarily Unavailable</title>\n</head><body>\n<h1>Service Temporarily Unavailable</h1>\n<p>The server is temporarily unable to service your\nrequest due to maintenance downtime or capacity\nproblems. Please try again later.</p>\n<hr>\n<address>Apache/2.2.22 (Debian) Server at www.court.example Port 80</address>\n</body></html>\n',
        503, 'text/html; charset=iso-8859-1', 'upstream_unavailable', 'Apache 2.2 era 503 wording (Temporarily)')
    add(F + 'apache-500.html',
        '<!DOCTYPE HTML PUBLIC "-//IETF//DTD HTML 2.0//EN">\n<html><head>\n<title>500 Internal Server Error</title>\n</head><body>\n<h1>Internal Server Error</h1>\n<p>The server encountered an internal error or\nmisconfiguration and was unable to complete\nyour request.</p>\n<p>Please contact the server administrator at \n webmaster@localhost to inform them of the time this error occurred,\n and the actions you performed just before this error.</p>\n<p>More information about this error may be available\nin the server error log.</p>\n<hr>\n<address>Apache/2.4.62 (Debian) Server at intranet.example.org Port 80</address>\n</body></html>\n',
        500, 'text/html; charset=iso-8859-1', 'app_error', 'Apache httpd 500 (CGI/.htaccess failure)')
    add(F + 'nextjs-500.html',
        '<!DOCTYPE html><html><head><meta charSet="utf-8"/><meta name="viewport" content="width=device-width"/><title>500: Internal Server Error</title><meta name="next-head-count" content="3"/><noscript data-n-css=""></noscript></head><body><div id="__next"><div style="font-family:system-ui,&quot;Segoe UI&quot;,Roboto,Helvetica,Arial,sans-serif;height:100vh;text-align:center;display:flex;flex-direction:column;align-items:center;justify-content:center"><div style="line-height:48px"><style>body{color:#000;background:#fff;margin:0}.next-error-h1{border-right:1px solid rgba(0,0,0,.3)}</style><h1 class="next-error-h1" style="display:inline-block;margin:0 20px 0 0;padding-right:23px;font-size:24px;font-weight:500;vertical-align:top">500</h1><div style="display:inline-block"><h2 style="font-size:14px;font-weight:400;line-height:28px">Internal Server Error<!-- -->.</h2></div></div></div></div><script id="__NEXT_DATA__" type="application/json">{"props":{"pageProps":{"statusCode":500}},"page":"/_error","query":{},"buildId":"k3Jd9sQ1xZ","nextExport":true,"isFallback":false,"gip":true,"scriptLoader":[]}</script></body></html>',
        500, 'text/html; charset=utf-8', 'app_error', 'Next.js default 500 page')
    add(F + 'gunicorn-500.html',
        '<html>\n  <head>\n    <title>Internal Server Error</title>\n  </head>\n  <body>\n    <h1><p>Internal Server Error</p></h1>\n    \n  </body>\n</html>\n',
        500, 'text/html', 'app_error', 'Gunicorn worker exception page')
    add(F + 'uwsgi-no-app.html', 'uWSGI Error\nPython application not found', 500, 'text/html', 'app_error', 'uWSGI: application failed to load (bare text)')
    add(F + 'cloudflare-1020.html',
        '<!DOCTYPE html>\n<html class="no-js" lang="en-US">\n<head>\n<title>Access denied | www.justice.gouv.example used Cloudflare to restrict access</title>\n<meta charset="UTF-8" />\n<meta name="robots" content="noindex, nofollow" />\n</head>\n<body>\n<div id="cf-wrapper">\n<div id="cf-error-details" class="p-0">\n<header class="mx-auto pt-10 lg:pt-6 lg:px-8 w-240 lg:w-full mb-15 antialiased">\n<h1 class="inline-block md:block mr-2 md:mb-2 font-light text-60 md:text-3xl text-black-dark leading-tight">\n<span data-translate="error">Error</span>\n<span>1020</span>\n</h1>\n<span class="inline-block md:block heading-ray-id font-mono text-15 lg:text-sm lg:leading-relaxed">Ray ID: 8e2f8a0b9c1d2e3f &bull;</span>\n<span class="inline-block md:block heading-ray-id font-mono text-15 lg:text-sm lg:leading-relaxed">2026-12-04 01:44:02 UTC</span>\n<h2 class="text-gray-600 leading-1.3 text-3xl lg:text-2xl font-light">Access denied</h2>\n</header>\n'
        '<section class="w-240 lg:w-full mx-auto mb-8 lg:px-8">\n<div id="what-happened-section" class="w-1/2 md:w-full">\n<h2 class="text-3xl leading-tight font-normal mb-4 text-black-dark antialiased" data-translate="what_happened">What happened?</h2>\n<p>This website is using a security service to protect itself from online attacks.</p>\n</div>\n</section>\n</div>\n</div>\n</body>\n</html>\n',
        403, 'text/html; charset=UTF-8', 'blocked', 'Cloudflare firewall rule 1020 access denied')
    add(F + 'cloudfront-waf-403.html',
        '<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.01 Transitional//EN" "http://www.w3.org/TR/html4/loose.dtd">\n<HTML><HEAD><META HTTP-EQUIV="Content-Type" CONTENT="text/html; charset=iso-8859-1">\n<TITLE>ERROR: The request could not be satisfied</TITLE>\n</HEAD><BODY>\n<H1>403 ERROR</H1>\n<H2>The request could not be satisfied.</H2>\n<HR noshade size="1px">\nRequest blocked.\nWe can\'t connect to the server for this app or website at this time. There might be too much traffic or a configuration error. Try again later, or contact the app or website owner.\n<BR clear="all">\nIf you provide content to customers through CloudFront, you can find steps to troubleshoot and help prevent this error by reviewing the CloudFront documentation.\n<BR clear="all">\n<HR noshade size="1px">\n<PRE>\nGenerated by cloudfront (CloudFront)\nRequest ID: 7bQ2xYz0aB1cD2eF3gH4iJ5kL6mN7oP8qR9sT0uV1wX2yZ3aB4c==\n</PRE>\n<ADDRESS>\n</ADDRESS>\n</BODY></HTML>',
        403, 'text/html', 'blocked', 'AWS WAF via CloudFront: 403 request blocked')
    add(F + 'hosting-suspended-ru-cp1251.html',
        '<!DOCTYPE html>\n<html lang="ru">\n<head><meta http-equiv="Content-Type" content="text/html; charset=windows-1251"><title>Аккаунт заблокирован</title></head>\n<body style="font-family:Arial,sans-serif;text-align:center;padding-top:80px">\n<h1>Действие аккаунта приостановлено</h1>\n<p>Сайт временно недоступен: аккаунт хостинга заблокирован в связи с окончанием оплаченного периода.</p>\n<p>Владельцу сайта: продлите услугу в панели управления, и сайт заработает в течение 15 минут.</p>\n</body>\n</html>\n',
        200, 'text/html; charset=windows-1251', 'hosting_suspended', 'Russian hoster suspension page in windows-1251 (meta http-equiv)')
    add(F + 'joomla-offline-de.html',
        '<!DOCTYPE html>\n<html lang="de-de" dir="ltr">\n<head>\n<meta charset="utf-8">\n<title>Gemeinde Oststadt</title>\n</head>\n<body class="site offline">\n<div class="outer"><div class="offline-card"><div class="header"><h1>Gemeinde Oststadt</h1>\n<p>Diese Website ist zurzeit im Wartungsmodus.<br>Bitte später wiederkommen.</p></div></div></div>\n</body>\n</html>\n',
        503, u8, 'maintenance', 'Joomla offline page, German')
    add(F + 'magento2-503.html',
        '<!doctype html>\n<html xmlns="http://www.w3.org/1999/xhtml" >\n<head>\n    <title>Error 503: Service Unavailable</title>\n    <base href="https://shop.example.net/errors/default/" />\n    <meta http-equiv="Content-Type" content="text/html; charset=utf-8"/>\n    <meta name="robots" content="*"/>\n    <link rel="stylesheet" href="css/styles.css" type="text/css" />\n    <link rel="icon" href="images/favicon.ico" type="image/x-icon" />\n</head>\n<body>\n    <main class="page-main">\n        \n<h1>Service Temporarily Unavailable</h1>\n<p>\n    The server is temporarily unable to service your request due to maintenance downtime or capacity problems.\n    Please try again later.\n</p>\n    </main>\n</body>\n</html>\n',
        503, 'text/html; charset=UTF-8', 'maintenance', 'Magento 2 maintenance flag page (errors/default/503.phtml)')
