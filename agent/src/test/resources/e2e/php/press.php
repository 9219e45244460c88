<?php
// The seed failure: the article renders, then the site writes its log row the way Drupal's dblog module does.
// The watchdog table is full, MariaDB answers error 1114, and the exception is not caught, so every visitor sees
// the article followed by PHP's fatal error with the SQL error in it. Output has already started, so the status
// line already went out as 200 and an uptime check that only looks at the status sees nothing wrong.
require __DIR__ . '/site.php';

$db = site_db();
$node = $db->query('SELECT title, created, body FROM node WHERE nid = 1')->fetch(PDO::FETCH_ASSOC);

site_header($node['title']);
site_article($node['title'], $node['created'], explode("\n\n", $node['body']));
site_footer();

$log = $db->prepare('INSERT INTO watchdog (uid, type, message, variables, severity, link, location, referer, hostname, timestamp)'
    . ' VALUES (:uid, :type, :message, :variables, :severity, :link, :location, :referer, :hostname, :timestamp)');
$log->execute([
    ':uid' => 0,
    ':type' => 'php',
    ':message' => '%type: @message in %function (line %line of %file).',
    ':variables' => serialize([
        '%type' => 'Deprecated function',
        '@message' => 'Creation of dynamic property is deprecated',
        '%function' => 'press_release_view()',
        '%line' => 42,
        '%file' => '/var/www/html/modules/custom/press/press.module',
    ]),
    ':severity' => 5,
    ':link' => '',
    ':location' => 'http://' . ($_SERVER['HTTP_HOST'] ?? 'localhost') . ($_SERVER['REQUEST_URI'] ?? '/press.php'),
    ':referer' => $_SERVER['HTTP_REFERER'] ?? '',
    ':hostname' => $_SERVER['REMOTE_ADDR'] ?? '',
    ':timestamp' => time(),
]);
