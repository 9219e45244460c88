<?php
// A healthy article on the same site and database: it only reads, so the full watchdog table does not touch it.
require __DIR__ . '/site.php';

$db = site_db();
$node = $db->query('SELECT title, created, body FROM node WHERE nid = 2')->fetch(PDO::FETCH_ASSOC);

site_header($node['title']);
site_article($node['title'], $node['created'], explode("\n\n", $node['body']));
site_footer();
