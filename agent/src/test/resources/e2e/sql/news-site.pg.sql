-- Schema and content of the e2e news site on PostgreSQL. Run as the superuser through psql; ${password} is filled in
-- by PostgresOverloadIT. The site's role is an ordinary one, so it cannot take the slots reserved for superusers.
CREATE ROLE news LOGIN PASSWORD '${password}';
CREATE DATABASE news OWNER news ENCODING 'UTF8' TEMPLATE template0;
\connect news
SET ROLE news;

CREATE TABLE node (
  nid integer PRIMARY KEY,
  title text NOT NULL,
  created date NOT NULL
);

INSERT INTO node (nid, title, created) VALUES
(1, 'Institute launches regional programme on cybercrime and justice', '2026-11-20'),
(2, 'New report on access to justice for victims of trafficking', '2026-11-12'),
(3, 'Call for experts: judicial training on environmental crime', '2026-10-30');
