package org.watchpost.agent.demo;

/** The demo site's pages: what real stacks print, byte for byte where it matters. */
final class DemoPages {
    private DemoPages() {
    }

    static String article(String section) {
        String title = switch (section) {
            case "press" -> "Institute launches a regional programme on judicial cooperation";
            case "search" -> "Search the document library";
            default -> "Annual report on crime prevention published";
        };
        String paragraph = "<p>The Institute today presented the results of its three-year programme with the "
                + "courts and prosecution services of the region. Judges, prosecutors and investigators from twelve "
                + "countries took part in joint training sessions, exchanged case law and agreed on common "
                + "procedures for mutual legal assistance. The final report, available in English, French and "
                + "Spanish, describes the lessons learned and the recommendations adopted by the steering "
                + "committee.</p>\n";
        return "<!DOCTYPE html>\n<html lang=\"en\" dir=\"ltr\">\n<head>\n<meta charset=\"utf-8\" />\n"
                + "<title>" + title + " | Demo Institute</title>\n"
                + "<link rel=\"stylesheet\" media=\"all\" href=\"/sites/default/files/css/css_demo.css\" />\n"
                + "</head>\n<body class=\"path-node page-node-type-press-release\">\n"
                + "<header role=\"banner\"><a href=\"/\" rel=\"home\">Demo Institute</a>\n<nav><ul><li><a href=\"/news\">"
                + "News</a></li><li><a href=\"/press\">Press</a></li><li><a href=\"/library\">Library</a></li>"
                + "</ul></nav></header>\n<main role=\"main\"><article>\n<h1>" + title + "</h1>\n"
                + "<div class=\"field--name-body\">\n" + paragraph.repeat(5) + "</div>\n</article></main>\n"
                + "<footer role=\"contentinfo\"><p>© Demo Institute · <a href=\"/contact\">Contact</a></p></footer>\n"
                + "</body>\n</html>\n";
    }

    /** What the founding case's visitors saw after the article: Drupal's error page text about the full table. */
    static String drupalWatchdogFull() {
        return "The website encountered an unexpected error. Please try again later.<br><br><em class=\"placeholder\">"
                + "Drupal\\Core\\Database\\DatabaseExceptionWrapper</em>: SQLSTATE[HY000]: General error: 1114 The "
                + "table &#039;watchdog&#039; is full: INSERT INTO {watchdog} (uid, type, message, variables, severity, "
                + "link, location, referer, hostname, timestamp) VALUES (:db_insert_placeholder_0, "
                + ":db_insert_placeholder_1, :db_insert_placeholder_2, :db_insert_placeholder_3, "
                + ":db_insert_placeholder_4, :db_insert_placeholder_5, :db_insert_placeholder_6, "
                + ":db_insert_placeholder_7, :db_insert_placeholder_8, :db_insert_placeholder_9); Array\n(\n"
                + "    [:db_insert_placeholder_0] =&gt; 0\n    [:db_insert_placeholder_1] =&gt; php\n)\n in "
                + "<em class=\"placeholder\">Drupal\\dblog\\Logger\\DbLog-&gt;log()</em> (line <em class=\"placeholder\">"
                + "78</em> of <em class=\"placeholder\">core/modules/dblog/src/Logger/DbLog.php</em>).";
    }

    static String wordpressDatabaseError() {
        return "<!DOCTYPE html>\n<html dir=\"ltr\" lang=\"en-US\">\n<head>\n\t<meta http-equiv=\"Content-Type\" "
                + "content=\"text/html; charset=utf-8\" />\n\t<meta name=\"viewport\" content=\"width=device-width\">\n"
                + "\t<title>Database Error</title>\n</head>\n<body id=\"error-page\">\n\t<div class=\"wp-die-message\">"
                + "<h1>Error establishing a database connection</h1></div></body>\n</html>\n";
    }

    static String nginxBadGateway() {
        return "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1>"
                + "</center>\r\n<hr><center>nginx/1.22.1</center>\r\n</body>\r\n</html>\r\n";
    }

    static String nginxGatewayTimeout() {
        return "<html>\r\n<head><title>504 Gateway Time-out</title></head>\r\n<body>\r\n<center><h1>504 Gateway Time-out"
                + "</h1></center>\r\n<hr><center>nginx/1.22.1</center>\r\n</body>\r\n</html>\r\n";
    }
}
