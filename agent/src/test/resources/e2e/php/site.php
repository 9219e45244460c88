<?php
// Shared by the e2e pages: the layout of a small UN-agency site and its database connection.
// The pages are deliberately plain PHP so that what a visitor sees on failure is PHP's own rendering, not ours.

function site_db(): PDO
{
    $dsn = sprintf(
        'mysql:host=%s;port=%s;dbname=%s;charset=utf8mb4',
        getenv('DB_HOST'),
        getenv('DB_PORT'),
        getenv('DB_NAME')
    );
    // ERRMODE_EXCEPTION is what Drupal's database layer uses: a failing query throws.
    return new PDO($dsn, getenv('DB_USER'), getenv('DB_PASSWORD'), [PDO::ATTR_ERRMODE => PDO::ERRMODE_EXCEPTION]);
}

function site_header(string $title): void
{
    $t = htmlspecialchars($title, ENT_QUOTES);
    echo <<<HTML
<!DOCTYPE html>
<html lang="en" dir="ltr">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1.0">
  <title>{$t} | United Nations Institute for Justice Research</title>
  <link rel="stylesheet" href="/themes/unijr/css/style.css">
</head>
<body class="path-node page-node-type-press-release">
  <a href="#main-content" class="visually-hidden focusable skip-link">Skip to main content</a>
  <header role="banner" class="site-header">
    <div class="branding">
      <a href="/" rel="home"><img src="/themes/unijr/logo.svg" alt="UNIJR logo"></a>
      <span class="site-name">United Nations Institute for Justice Research</span>
    </div>
    <nav role="navigation" aria-label="Main navigation" class="main-menu">
      <ul>
        <li><a href="/about">About</a></li>
        <li><a href="/topics">Topics</a></li>
        <li><a href="/news" class="is-active">News &amp; Press</a></li>
        <li><a href="/publications">Publications</a></li>
        <li><a href="/contact">Contact</a></li>
      </ul>
    </nav>
  </header>
  <main id="main-content" role="main">

HTML;
}

function site_article(string $title, string $date, array $paragraphs): void
{
    echo '    <article class="node node--type-press-release node--view-mode-full">' . "\n";
    echo '      <h1 class="page-title">' . htmlspecialchars($title, ENT_QUOTES) . "</h1>\n";
    echo '      <div class="field--name-field-date"><time datetime="' . htmlspecialchars($date, ENT_QUOTES) . '">'
        . htmlspecialchars(date('j F Y', strtotime($date)), ENT_QUOTES) . "</time></div>\n";
    echo '      <div class="field--name-body">' . "\n";
    foreach ($paragraphs as $p) {
        echo '        <p>' . htmlspecialchars($p, ENT_QUOTES) . "</p>\n";
    }
    echo "      </div>\n    </article>\n";
}

function site_footer(): void
{
    echo <<<HTML
  </main>
  <footer role="contentinfo" class="site-footer">
    <p>United Nations Institute for Justice Research &middot; Via dell&#039;Esempio 1, 10100 Turin, Italy</p>
    <ul class="footer-menu">
      <li><a href="/terms">Terms of use</a></li>
      <li><a href="/privacy">Privacy notice</a></li>
      <li><a href="/fraud-alert">Fraud alert</a></li>
    </ul>
    <p>&copy; United Nations</p>
  </footer>
</body>
</html>

HTML;
}
