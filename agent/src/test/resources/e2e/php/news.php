<?php
// A news article on a site whose database is PostgreSQL. The article comes from the page cache and is sent first;
// then the "Latest news" block asks the database. When PostgreSQL has no connection slot left for the site's role,
// connecting throws, nothing catches it, and every visitor gets the article followed by PHP's fatal error carrying
// PostgreSQL's own FATAL line. Output has already started, so the status line went out as 200.
require __DIR__ . '/site.php';

$title = 'Institute publishes guidance on electronic evidence in criminal trials';
site_header($title);
site_article($title, '2026-11-24', [
    'Turin, 24 November 2026 - The United Nations Institute for Justice Research today published practical guidance'
    . ' for prosecutors and judges on the handling of electronic evidence in criminal trials.',
    'The guidance draws on the first year of the Institute\'s regional programme and covers the collection,'
    . ' preservation and presentation of evidence held on servers, phones and cloud accounts.',
    'It is available free of charge in English, French and Spanish.',
]);

$db = new PDO(
    sprintf('pgsql:host=%s;port=%s;dbname=%s', getenv('DB_HOST'), getenv('DB_PORT'), getenv('DB_NAME')),
    getenv('DB_USER'),
    getenv('DB_PASSWORD'),
    [PDO::ATTR_ERRMODE => PDO::ERRMODE_EXCEPTION]
);
$latest = $db->query('SELECT title, created FROM node ORDER BY created DESC LIMIT 3')->fetchAll(PDO::FETCH_ASSOC);

echo "    <aside class=\"block-latest-news\">\n      <h2>Latest news</h2>\n      <ul>\n";
foreach ($latest as $item) {
    echo '        <li>' . htmlspecialchars($item['title'], ENT_QUOTES) . ' <time datetime="'
        . htmlspecialchars($item['created'], ENT_QUOTES) . '">'
        . htmlspecialchars(date('j F Y', strtotime($item['created'])), ENT_QUOTES) . "</time></li>\n";
}
echo "      </ul>\n    </aside>\n";
site_footer();
