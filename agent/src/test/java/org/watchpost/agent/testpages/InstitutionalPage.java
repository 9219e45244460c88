package org.watchpost.agent.testpages;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.Random;

/**
 * Builds a healthy page of an institutional website (a CMS-rendered press release of a UN agency or a ministry):
 * a head full of meta, link and script tags, the CMS's settings JSON and JSON-LD; a header with an inline SVG logo,
 * language switcher and a two-level menu; the article (multilingual prose with links, figures, quotes, lists);
 * related-news cards; tracking snippets; a footer with address, link columns and social icons.
 *
 * <p>Real pages of such sites are about half markup and scripts; the generator keeps that share at every size by
 * repeating the article's block mix until the target size is reached. The same size and seed give the same bytes.
 * No failure string of the built-in library appears (the benchmarks check this before measuring).
 */
public final class InstitutionalPage {
    /** The seed every benchmark uses, so that all of them scan the same pages. */
    public static final long SEED = 20261128L;

    private static final String[] SECTIONS = {"news", "programmes", "publications", "events", "about-us", "media"};
    private static final String[] MENU = {"About us", "What we do", "Where we work", "News and media",
        "Publications", "Events", "Careers", "Contact"};
    private static final String[] SUBMENU = {"Mandate", "Governance", "Strategic plan", "Partners", "Annual reports",
        "Field offices", "Procurement", "Press releases", "Statements", "Photo gallery", "Vacancies", "Internships"};

    /** Below this size a page gets the lighter chrome of a small site: fewer menus, assets and icons. */
    private static final int COMPACT_BELOW = 60_000;

    private final Random random;
    private final StringBuilder out;
    /**
     * A small page with the full chrome of a big CMS theme would be 90% markup; small real pages come from lighter
     * themes, and that keeps the markup share of every size within the range of real sites.
     */
    private final boolean compact;
    private int articleNo;

    private InstitutionalPage(long seed, int capacity) {
        this.random = new Random(seed);
        this.out = new StringBuilder(capacity + 16_384);
        this.compact = capacity < COMPACT_BELOW;
    }

    /**
     * A page of about {@code targetBytes} bytes of UTF-8 (within a few KB above it: blocks are never cut).
     *
     * @throws IllegalArgumentException if the target is below the size of a page's fixed parts
     */
    public static byte[] generate(int targetBytes, long seed) {
        if (targetBytes < 12_000) {
            throw new IllegalArgumentException("a page needs at least 12000 bytes for its head, menus and footer, "
                    + "asked for " + targetBytes);
        }
        return new InstitutionalPage(seed, targetBytes).build(targetBytes).getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Parses sizes as the benchmarks' parameters write them: {@code 20KB}, {@code 200KB}, {@code 2MB} (decimal units,
     * so that MB/s divides by the same million).
     */
    public static int parseSize(String s) {
        String u = s.trim().toUpperCase(Locale.ROOT);
        if (u.endsWith("MB")) {
            return Integer.parseInt(u.substring(0, u.length() - 2)) * 1_000_000;
        }
        if (u.endsWith("KB")) {
            return Integer.parseInt(u.substring(0, u.length() - 2)) * 1_000;
        }
        return Integer.parseInt(u);
    }

    /**
     * Share of the page's bytes that a visitor does not read as text: tags with their attributes, script and style
     * contents, comments.
     */
    public static double markupShare(byte[] page) {
        long markup = 0;
        int i = 0;
        int n = page.length;
        while (i < n) {
            if (page[i] != '<') {
                i++;
                continue;
            }
            int start = i;
            int end = indexOf(page, i, (byte) '>');
            end = end < 0 ? n : end + 1;
            String head = new String(page, start, Math.min(8, end - start), StandardCharsets.US_ASCII)
                    .toLowerCase(Locale.ROOT);
            if (head.startsWith("<!--")) {
                int close = indexOf(page, start, "-->");
                end = close < 0 ? n : close + 3;
            } else if (head.startsWith("<script") || head.startsWith("<style")) {
                int close = indexOf(page, end, head.startsWith("<script") ? "</script>" : "</style>");
                end = close < 0 ? n : close;
            }
            markup += end - start;
            i = end;
        }
        return (double) markup / n;
    }

    private static int indexOf(byte[] b, int from, byte x) {
        for (int i = from; i < b.length; i++) {
            if (b[i] == x) {
                return i;
            }
        }
        return -1;
    }

    private static int indexOf(byte[] b, int from, String ascii) {
        outer:
        for (int i = from; i + ascii.length() <= b.length; i++) {
            for (int k = 0; k < ascii.length(); k++) {
                if (b[i + k] != ascii.charAt(k)) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private String build(int targetBytes) {
        head();
        header();
        out.append("<main id=\"main-content\" role=\"main\" class=\"main-container container js-quickedit-main-content\">\n");
        breadcrumb();
        out.append("<div class=\"row\"><section class=\"col-sm-9\">\n");
        article(targetBytes);
        out.append("</section>\n");
        sidebar();
        out.append("</div></main>\n");
        footer();
        return out.toString();
    }

    // Sizes are counted in chars: a close enough proxy for bytes when deciding whether to add another block.
    private int approxBytes() {
        return out.length();
    }

    private void head() {
        String title = Prose.headline(Prose.Language.EN, random);
        out.append("<!DOCTYPE html>\n<html lang=\"en\" dir=\"ltr\" prefix=\"content: http://purl.org/rss/1.0/modules/content/ ")
                .append("dc: http://purl.org/dc/terms/ foaf: http://xmlns.com/foaf/0.1/ og: http://ogp.me/ns# ")
                .append("schema: http://schema.org/ sioc: http://rdfs.org/sioc/ns#\">\n<head>\n")
                .append("<meta charset=\"utf-8\" />\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1.0\" />\n")
                .append("<meta name=\"description\" content=\"").append(Prose.sentence(Prose.Language.EN, random))
                .append("\" />\n<link rel=\"canonical\" href=\"https://www.agency.example.int/news/")
                .append(slug(title)).append("\" />\n")
                .append("<meta property=\"og:site_name\" content=\"United Nations Interregional Agency\" />\n")
                .append("<meta property=\"og:type\" content=\"article\" />\n")
                .append("<meta property=\"og:title\" content=\"").append(title).append("\" />\n")
                .append("<meta property=\"og:image\" content=\"https://www.agency.example.int/sites/default/files/")
                .append("styles/social/public/2025-11/field-visit-").append(random.nextInt(900) + 100)
                .append(".jpg?itok=").append(token(8)).append("\" />\n")
                .append("<meta name=\"twitter:card\" content=\"summary_large_image\" />\n")
                .append("<meta name=\"Generator\" content=\"Drupal 10 (https://www.drupal.org)\" />\n")
                .append("<meta name=\"MobileOptimized\" content=\"width\" />\n")
                .append("<meta name=\"HandheldFriendly\" content=\"true\" />\n")
                .append("<link rel=\"icon\" href=\"/themes/custom/agency/favicon.ico\" type=\"image/vnd.microsoft.icon\" />\n");
        for (Prose.Language l : Prose.Language.values()) {
            out.append("<link rel=\"alternate\" hreflang=\"").append(l.tag)
                    .append("\" href=\"https://www.agency.example.int/").append(l.tag).append("/news/")
                    .append(slug(title)).append("\" />\n");
        }
        out.append("<title>").append(title).append(" | United Nations Interregional Agency</title>\n");
        String[] stylesheets = {"core/modules/system/css/components/align.module.css",
            "core/modules/system/css/components/fieldgroup.module.css", "core/modules/views/css/views.module.css",
            "themes/custom/agency/css/bootstrap.min.css", "themes/custom/agency/css/style.css",
            "modules/contrib/extlink/css/extlink.css", "themes/custom/agency/css/print.css"};
        for (String css : compact ? Arrays.copyOfRange(stylesheets, 3, 5) : stylesheets) {
            out.append("<link rel=\"stylesheet\" media=\"all\" href=\"/").append(css).append("?").append(token(6))
                    .append("\" />\n");
        }
        out.append("<link rel=\"preload\" href=\"/themes/custom/agency/fonts/roboto-v30-latin-regular.woff2\" ")
                .append("as=\"font\" type=\"font/woff2\" crossorigin />\n");
        out.append("<style>.visually-hidden{position:absolute!important;clip:rect(1px,1px,1px,1px);overflow:hidden;")
                .append("height:1px;width:1px;word-wrap:normal}.skip-link:focus{clip:auto;height:auto;width:auto}")
                .append(".hero__image{aspect-ratio:16/9;object-fit:cover}</style>\n");
        out.append("<script>window.dataLayer=window.dataLayer||[];function gtag(){dataLayer.push(arguments);}")
                .append("gtag('js',new Date());gtag('config','G-").append(token(10).toUpperCase(Locale.ROOT))
                .append("',{'anonymize_ip':true,'cookie_flags':'SameSite=None;Secure'});</script>\n");
        out.append("<script type=\"application/ld+json\">{\"@context\":\"https://schema.org\",\"@graph\":[{")
                .append("\"@type\":\"NewsArticle\",\"headline\":\"").append(title).append("\",")
                .append("\"name\":\"").append(title).append("\",\"datePublished\":\"2025-11-")
                .append(10 + random.nextInt(18)).append("T09:30:00+0100\",\"dateModified\":\"2025-11-28T08:12:44+0100\",")
                .append("\"author\":{\"@type\":\"Organization\",\"name\":\"United Nations Interregional Agency\",")
                .append("\"url\":\"https://www.agency.example.int/\"},\"publisher\":{\"@type\":\"Organization\",")
                .append("\"name\":\"United Nations Interregional Agency\",\"logo\":{\"@type\":\"ImageObject\",")
                .append("\"url\":\"https://www.agency.example.int/themes/custom/agency/logo.svg\",\"width\":\"240\",")
                .append("\"height\":\"60\"}},\"mainEntityOfPage\":\"https://www.agency.example.int/news/")
                .append(slug(title)).append("\"},{\"@type\":\"BreadcrumbList\",\"itemListElement\":[")
                .append("{\"@type\":\"ListItem\",\"position\":1,\"name\":\"Home\",\"item\":\"https://www.agency.example.int/\"},")
                .append("{\"@type\":\"ListItem\",\"position\":2,\"name\":\"News\",\"item\":\"https://www.agency.example.int/news\"}]}]}")
                .append("</script>\n");
        out.append("<script type=\"application/json\" data-drupal-selector=\"drupal-settings-json\">{\"path\":{")
                .append("\"baseUrl\":\"\\/\",\"pathPrefix\":\"\",\"currentPath\":\"node\\/").append(4000 + random.nextInt(5000))
                .append("\",\"currentPathIsAdmin\":false,\"isFront\":false,\"currentLanguage\":\"en\"},")
                .append("\"pluralDelimiter\":\"\\u0003\",\"suppressDeprecationErrors\":true,\"ajaxPageState\":{")
                .append("\"libraries\":\"eJx9kVEOwyAIQC_kzJEaKWhNVQjoul1_tVv3sy79IeE9IEEUwHqbTQtdxclbI");
        for (int k = 0; k < (compact ? 1 : 6); k++) {
            out.append(token(40));
        }
        out.append("\",\"theme\":\"agency\",\"theme_token\":null},\"ajaxTrustedUrl\":[],\"data\":{\"extlink\":{")
                .append("\"extTarget\":true,\"extTargetNoOverride\":false,\"extNofollow\":false,\"extNoreferrer\":true,")
                .append("\"extFollowNoOverride\":false,\"extClass\":\"ext\",\"extLabel\":\"(link is external)\",")
                .append("\"extImgClass\":false,\"extSubdomains\":true,\"extExclude\":\"\",\"extInclude\":\"\",")
                .append("\"extCssExclude\":\"\",\"extCssExplicit\":\"\",\"extAlert\":false,\"extAlertText\":")
                .append("\"This link will take you to an external web site.\",\"mailtoClass\":\"mailto\",")
                .append("\"mailtoLabel\":\"(link sends email)\",\"extUseFontAwesome\":false,\"whitelistedDomains\":[")
                .append("\"un.example.org\",\"undocs.example.org\"]}},\"bootstrap\":{\"forms_has_error_value_toggle\":1,")
                .append("\"modal_animation\":1,\"modal_backdrop\":\"true\",\"modal_focus_input\":1,\"modal_keyboard\":1,")
                .append("\"popover_enabled\":1,\"popover_animation\":1,\"tooltip_enabled\":1},\"user\":{\"uid\":0,")
                .append("\"permissionsHash\":\"").append(token(64)).append("\"}}</script>\n");
        String[] scripts = {"core/assets/vendor/jquery/jquery.min.js", "core/misc/drupal.js",
            "core/misc/drupalSettingsLoader.js", "themes/custom/agency/js/bootstrap.min.js",
            "themes/custom/agency/js/main.js"};
        for (String js : compact ? Arrays.copyOfRange(scripts, 3, 5) : scripts) {
            out.append("<script src=\"/").append(js).append("?v=").append(token(6)).append("\" defer></script>\n");
        }
        out.append("</head>\n");
    }

    private void header() {
        out.append("<body class=\"path-node page-node-type-article has-glyphicons lang-en\">\n")
                .append("<a href=\"#main-content\" class=\"visually-hidden focusable skip-link\">Skip to main content</a>\n")
                .append("<div class=\"dialog-off-canvas-main-canvas\" data-off-canvas-main-canvas>\n")
                .append("<header class=\"navbar navbar-default container\" id=\"navbar\" role=\"banner\">\n")
                .append("<div class=\"navbar-header\"><a class=\"logo navbar-btn pull-left\" href=\"/\" title=\"Home\" rel=\"home\">")
                .append("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 240 60\" width=\"240\" height=\"60\" ")
                .append("role=\"img\" aria-label=\"United Nations Interregional Agency\"><path fill=\"#009edb\" d=\"");
        for (int k = 0; k < (compact ? 8 : 40); k++) {
            out.append("M").append(random.nextInt(240)).append('.').append(random.nextInt(100)).append(',')
                    .append(random.nextInt(60)).append(".").append(random.nextInt(100)).append("c")
                    .append(random.nextInt(20)).append(".").append(random.nextInt(100)).append(",-")
                    .append(random.nextInt(9)).append(".").append(random.nextInt(100)).append(" ");
        }
        out.append("z\"/></svg></a></div>\n<div class=\"language-switcher\"><ul class=\"links\">");
        for (Prose.Language l : Prose.Language.values()) {
            out.append("<li hreflang=\"").append(l.tag).append("\" class=\"").append(l.tag)
                    .append(l == Prose.Language.EN ? " is-active" : "").append("\"><a href=\"/").append(l.tag)
                    .append("/news\" class=\"language-link\" hreflang=\"").append(l.tag).append("\">")
                    .append(l.tag.toUpperCase(Locale.ROOT)).append("</a></li>");
        }
        out.append("</ul></div>\n<nav role=\"navigation\" aria-labelledby=\"block-mainnavigation-menu\" ")
                .append("id=\"block-mainnavigation\"><h2 class=\"visually-hidden\" id=\"block-mainnavigation-menu\">")
                .append("Main navigation</h2>\n<ul class=\"menu menu--main nav navbar-nav\">\n");
        for (String item : MENU) {
            out.append("<li class=\"expanded dropdown\"><a href=\"/").append(slug(item))
                    .append("\" class=\"dropdown-toggle\" data-toggle=\"dropdown\" aria-expanded=\"false\">")
                    .append(item).append(" <span class=\"caret\"></span></a><ul class=\"dropdown-menu\">");
            for (int k = 0; k < (compact ? 0 : 4); k++) {
                String sub = SUBMENU[random.nextInt(SUBMENU.length)];
                out.append("<li><a href=\"/").append(slug(item)).append('/').append(slug(sub))
                        .append("\" data-drupal-link-system-path=\"node/").append(100 + random.nextInt(900))
                        .append("\">").append(sub).append("</a></li>");
            }
            out.append("</ul></li>\n");
        }
        out.append("</ul></nav>\n<form action=\"/search\" method=\"get\" class=\"search-form\" role=\"search\">")
                .append("<label for=\"edit-keys\" class=\"visually-hidden\">Search</label><input type=\"search\" ")
                .append("id=\"edit-keys\" name=\"keys\" size=\"15\" maxlength=\"128\" class=\"form-search form-control\" ")
                .append("placeholder=\"Search\" /><button type=\"submit\" class=\"btn btn-primary\">Search</button></form>\n")
                .append("</header>\n");
    }

    private void breadcrumb() {
        out.append("<ol class=\"breadcrumb\"><li><a href=\"/\">Home</a></li><li><a href=\"/news\">News and media")
                .append("</a></li><li><a href=\"/news/press-releases\">Press releases</a></li></ol>\n");
    }

    private void article(int targetBytes) {
        String title = Prose.headline(Prose.Language.EN, random);
        out.append("<article role=\"article\" about=\"/news/").append(slug(title))
                .append("\" class=\"node node--type-article node--view-mode-full\">\n<h1 class=\"page-header\">")
                .append("<span property=\"schema:name\" class=\"field field--name-title\">").append(title)
                .append("</span></h1>\n<div class=\"node__meta\"><time datetime=\"2025-11-")
                .append(10 + random.nextInt(18)).append("T09:30:00Z\">November 2025</time> · <span class=\"")
                .append("field field--name-field-location\">Geneva</span></div>\n")
                .append("<div class=\"field field--name-body field--type-text-with-summary field--label-hidden ")
                .append("field--item\">\n");
        // Sidebar and footer add about 7 KB after the article (3 KB when compact).
        int stop = targetBytes - (compact ? 3_000 : 7_000);
        do {
            // A small page is a short news item: mostly paragraphs, few cards and embeds.
            int kind = compact ? Math.max(0, random.nextInt(20) - 8) : random.nextInt(20);
            if (kind < 9) {
                paragraph();
            } else if (kind < 11) {
                heading();
            } else if (kind < 13) {
                figure();
            } else if (kind < 14) {
                quote();
            } else if (kind < 15) {
                list();
            } else if (kind < 17) {
                cards();
            } else if (kind < 18) {
                embedScript();
            } else {
                translatedSection();
            }
        } while (approxBytes() < stop);
        out.append("</div>\n<div class=\"field field--name-field-tags\"><div class=\"field--label\">Tags</div>")
                .append("<div class=\"field--items\"><div class=\"field--item\"><a href=\"/taxonomy/term/12\" ")
                .append("hreflang=\"en\">Rule of law</a></div><div class=\"field--item\"><a href=\"/taxonomy/term/31\" ")
                .append("hreflang=\"en\">Crime prevention</a></div></div></div>\n</article>\n");
    }

    private void paragraph() {
        paragraph(Prose.pick(random));
    }

    private void paragraph(Prose.Language l) {
        out.append("<p");
        if (l != Prose.Language.EN) {
            out.append(" lang=\"").append(l.tag).append('"');
            if (l.rightToLeft()) {
                out.append(" dir=\"rtl\"");
            }
        }
        out.append('>');
        int sentences = 2 + random.nextInt(4);
        for (int k = 0; k < sentences; k++) {
            String s = Prose.sentence(l, random);
            int r = random.nextInt(10);
            if (r == 0) {
                out.append("<a href=\"/").append(SECTIONS[random.nextInt(SECTIONS.length)]).append('/')
                        .append(slug(s)).append("\">").append(s).append("</a>");
            } else if (r == 1) {
                out.append("<strong>").append(s).append("</strong>");
            } else if (r == 2) {
                out.append("<em>").append(s).append("</em>");
            } else {
                out.append(s);
            }
            out.append(k + 1 < sentences ? " " : "");
        }
        out.append("</p>\n");
    }

    private void heading() {
        out.append("<h2 id=\"section-").append(random.nextInt(1000)).append("\">")
                .append(Prose.headline(Prose.Language.EN, random)).append("</h2>\n");
    }

    private void figure() {
        int img = 1000 + random.nextInt(9000);
        String caption = Prose.sentence(Prose.pick(random), random);
        out.append("<figure role=\"group\" class=\"caption caption-drupal-media align-center\">")
                .append("<div class=\"media media--type-image media--view-mode-large\"><picture>");
        for (int w : new int[] {480, 960, 1440}) {
            out.append("<source srcset=\"/sites/default/files/styles/large_").append(w).append("/public/2025-11/")
                    .append("DSC_").append(img).append(".webp?itok=").append(token(8)).append(' ').append(w)
                    .append("w\" type=\"image/webp\" media=\"(max-width: ").append(w).append("px)\" />");
        }
        out.append("<img loading=\"lazy\" src=\"/sites/default/files/styles/large/public/2025-11/DSC_").append(img)
                .append(".jpg?itok=").append(token(8)).append("\" width=\"960\" height=\"540\" alt=\"")
                .append(caption.replace("\"", "&quot;")).append("\" class=\"img-responsive\" /></picture></div>")
                .append("<figcaption>").append(caption).append(" Photo: ").append("Agency/").append(token(5))
                .append("</figcaption></figure>\n");
    }

    private void quote() {
        out.append("<blockquote class=\"pull-quote\"><p>“").append(Prose.sentence(Prose.Language.EN, random))
                .append("”</p><footer>— <cite>Director of the Agency</cite></footer></blockquote>\n");
    }

    private void list() {
        Prose.Language l = Prose.pick(random);
        out.append("<ul class=\"list-unstyled\">");
        for (int k = 0, n = 3 + random.nextInt(4); k < n; k++) {
            out.append("<li>").append(Prose.sentence(l, random)).append("</li>");
        }
        out.append("</ul>\n");
    }

    private void cards() {
        out.append("<div class=\"view view-related-news view-id-related_news view-display-id-block_1 js-view-dom-id-")
                .append(token(32)).append("\"><div class=\"view-content row\">\n");
        for (int k = 0; k < 3; k++) {
            int node = 5000 + ++articleNo;
            String h = Prose.headline(Prose.Language.EN, random);
            out.append("<div class=\"views-row col-md-4\"><div class=\"card card--news\"><a href=\"/news/")
                    .append(slug(h)).append("\" class=\"card__image-link\" tabindex=\"-1\" aria-hidden=\"true\">")
                    .append("<img loading=\"lazy\" src=\"/sites/default/files/styles/card_360x240/public/2025-10/")
                    .append("teaser-").append(node).append(".jpg?itok=").append(token(8))
                    .append("\" width=\"360\" height=\"240\" alt=\"\" class=\"card__image img-responsive\" /></a>")
                    .append("<div class=\"card__body\"><span class=\"card__type badge badge-info\">Press release</span>")
                    .append("<h3 class=\"card__title\"><a href=\"/news/").append(slug(h)).append("\" hreflang=\"en\">")
                    .append(h).append("</a></h3><time class=\"card__date\" datetime=\"2025-10-")
                    .append(10 + random.nextInt(18)).append("T12:00:00Z\">October 2025</time>")
                    .append("<p class=\"card__summary\">").append(Prose.sentence(Prose.Language.EN, random))
                    .append("</p></div></div></div>\n");
        }
        out.append("</div></div>\n");
    }

    private void embedScript() {
        if (random.nextBoolean()) {
            out.append("<script>(function(){var v=document.querySelector('[data-video-id=\"").append(token(11))
                    .append("\"]');if(!v){return;}v.addEventListener('click',function(e){e.preventDefault();")
                    .append("var f=document.createElement('iframe');f.src='https://video.example.int/embed/'+")
                    .append("v.getAttribute('data-video-id')+'?autoplay=1&rel=0';f.allow='autoplay; fullscreen';")
                    .append("f.setAttribute('title',v.getAttribute('data-title'));v.replaceWith(f);});})();</script>\n");
        } else {
            out.append("<script type=\"application/ld+json\">{\"@context\":\"https://schema.org\",\"@type\":")
                    .append("\"Event\",\"name\":\"").append(Prose.headline(Prose.Language.EN, random))
                    .append("\",\"startDate\":\"2026-0").append(1 + random.nextInt(9)).append("-1")
                    .append(random.nextInt(10)).append("T09:00\",\"eventAttendanceMode\":")
                    .append("\"https://schema.org/MixedEventAttendanceMode\",\"location\":{\"@type\":\"Place\",")
                    .append("\"name\":\"Palais des Nations\",\"address\":{\"@type\":\"PostalAddress\",")
                    .append("\"addressLocality\":\"Geneva\",\"addressCountry\":\"CH\"}},\"organizer\":{\"@type\":")
                    .append("\"Organization\",\"name\":\"United Nations Interregional Agency\"}}</script>\n");
        }
    }

    private void translatedSection() {
        Prose.Language l = Prose.Language.values()[1 + random.nextInt(Prose.Language.values().length - 1)];
        out.append("<section class=\"translation\" lang=\"").append(l.tag).append('"')
                .append(l.rightToLeft() ? " dir=\"rtl\"" : "").append("><h2>")
                .append(Prose.headline(l, random)).append("</h2>\n");
        for (int k = 0, n = 1 + random.nextInt(3); k < n; k++) {
            paragraph(l);
        }
        out.append("</section>\n");
    }

    private void sidebar() {
        out.append("<aside class=\"col-sm-3\" role=\"complementary\"><section id=\"block-subscribe\" class=\"block ")
                .append("block-simplenews\"><h2 class=\"block-title\">Subscribe to our newsletter</h2>")
                .append("<form action=\"/newsletter\" method=\"post\" class=\"simplenews-subscriber-form\">")
                .append("<input type=\"email\" name=\"mail\" class=\"form-email form-control\" required ")
                .append("aria-required=\"true\" placeholder=\"Email address\" /><input type=\"hidden\" ")
                .append("name=\"form_build_id\" value=\"form-").append(token(43)).append("\" />")
                .append("<button type=\"submit\" class=\"btn btn-primary\">Subscribe</button></form></section>\n")
                .append("<section class=\"block block-views\"><h2 class=\"block-title\">Latest publications</h2><ul>");
        for (int k = 0; k < (compact ? 2 : 5); k++) {
            String h = Prose.headline(Prose.Language.EN, random);
            out.append("<li><a href=\"/publications/").append(slug(h)).append("\">").append(h)
                    .append("</a> <span class=\"file file--mime-application-pdf file--application-pdf\">(PDF, ")
                    .append(1 + random.nextInt(9)).append(".").append(random.nextInt(10)).append(" MB)</span></li>");
        }
        out.append("</ul></section></aside>\n");
    }

    private void footer() {
        out.append("<footer class=\"footer container\" role=\"contentinfo\"><div class=\"row\">\n")
                .append("<div class=\"col-md-4\"><address><strong>United Nations Interregional Agency</strong><br>")
                .append("Palais des Nations, Avenue de la Paix 8-14<br>1211 Geneva 10, Switzerland<br>")
                .append("Tel. +41 22 917 00 00</address></div>\n");
        for (int col = 0; col < (compact ? 1 : 2); col++) {
            out.append("<div class=\"col-md-4\"><ul class=\"menu menu--footer nav\">");
            for (int k = 0; k < 6; k++) {
                String item = SUBMENU[random.nextInt(SUBMENU.length)];
                out.append("<li><a href=\"/").append(slug(item)).append("\">").append(item).append("</a></li>");
            }
            out.append("</ul></div>\n");
        }
        out.append("</div><ul class=\"social-links\">");
        String[] networks = {"facebook", "x", "linkedin", "youtube", "instagram"};
        for (String net : compact ? Arrays.copyOf(networks, 2) : networks) {
            out.append("<li><a href=\"https://").append(net).append(".example.com/agency\" aria-label=\"")
                    .append(net).append("\"><svg viewBox=\"0 0 24 24\" width=\"24\" height=\"24\" aria-hidden=\"true\">")
                    .append("<path d=\"");
            for (int k = 0; k < 8; k++) {
                out.append(k == 0 ? "M" : "l").append(random.nextInt(24)).append('.').append(random.nextInt(10))
                        .append(' ').append(random.nextInt(24)).append('.').append(random.nextInt(10));
            }
            out.append("z\"/></svg></a></li>");
        }
        out.append("</ul><p class=\"copyright\">© 2025 United Nations Interregional Agency. <a href=\"/terms\">")
                .append("Terms of use</a> · <a href=\"/privacy\">Privacy notice</a> · <a href=\"/fraud-alert\">")
                .append("Fraud alert</a></p></footer>\n</div>\n")
                .append("<script>document.querySelectorAll('a[href^=\"http\"]').forEach(function(a){if(a.hostname!==")
                .append("location.hostname){a.setAttribute('rel','noopener');}});</script>\n")
                .append("<script src=\"/themes/custom/agency/js/cookie-consent.js?v=").append(token(6))
                .append("\" defer></script>\n</body>\n</html>\n");
    }

    private String token(int length) {
        String alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-";
        StringBuilder b = new StringBuilder(length);
        for (int k = 0; k < length; k++) {
            b.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return b.toString();
    }

    private static String slug(String s) {
        String ascii = s.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
        return ascii.isEmpty() ? "item" : ascii.substring(0, Math.min(ascii.length(), 60));
    }
}
