-- Schema and content of the e2e press site. Run as root through the mariadb client; ${...} are filled in by SeedSite.
CREATE DATABASE press CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
CREATE USER 'press'@'127.0.0.1' IDENTIFIED BY '${password}';
GRANT SELECT, INSERT ON press.* TO 'press'@'127.0.0.1';
USE press;

CREATE TABLE node (
  nid INT UNSIGNED NOT NULL PRIMARY KEY,
  title VARCHAR(255) NOT NULL,
  created DATE NOT NULL,
  body TEXT NOT NULL
) ENGINE=InnoDB;

INSERT INTO node (nid, title, created, body) VALUES
(1, 'Institute launches regional programme on cybercrime and justice', '2026-11-20',
 'Turin, 20 November 2026 - The United Nations Institute for Justice Research today launched a three-year regional programme to help prosecutors and judges handle cases involving electronic evidence.\n\nThe programme brings together justice officials from twelve countries for training, peer exchanges and the joint development of practical guidelines on the collection, preservation and admissibility of digital evidence.\n\n"Courts everywhere now depend on evidence that lives on servers and phones," said the Director of the Institute. "This programme gives practitioners the tools to use it fairly and effectively."\n\nThe first regional workshop will take place in early 2027. Interested institutions can contact the Institute through its website.'),
(2, 'New report on access to justice for victims of trafficking', '2026-11-12',
 'Geneva, 12 November 2026 - A new report published today examines how victims of trafficking in persons can obtain compensation and legal assistance across different justice systems.\n\nBased on interviews with more than two hundred practitioners, the report identifies the procedural barriers that most often prevent victims from reaching a court, and recommends concrete reforms.\n\nThe report is available in English, French and Spanish from the publications section of this website.');

-- The site's own log table, the way Drupal's dblog lays it out. It is a MEMORY table with a small cap so that MariaDB
-- itself runs out of room and answers error 1114, exactly as a full table does on a real site. MEMORY tables cannot
-- hold TEXT or BLOB columns, so the long columns are VARCHARs here.
SET SESSION max_heap_table_size = ${watchdog_bytes};
CREATE TABLE watchdog (
  wid INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  uid INT UNSIGNED NOT NULL DEFAULT 0,
  type VARCHAR(64) NOT NULL DEFAULT '',
  message VARCHAR(1024) NOT NULL,
  variables VARCHAR(1024) NOT NULL,
  severity TINYINT UNSIGNED NOT NULL DEFAULT 0,
  link VARCHAR(255) NOT NULL DEFAULT '',
  location VARCHAR(512) NOT NULL DEFAULT '',
  referer VARCHAR(512) NOT NULL DEFAULT '',
  hostname VARCHAR(128) NOT NULL DEFAULT '',
  timestamp INT NOT NULL DEFAULT 0,
  KEY type (type)
) ENGINE=MEMORY;

INSERT INTO watchdog (uid, type, message, variables, severity, location, hostname, timestamp)
VALUES (0, 'cron', 'Cron run completed.', 'a:0:{}', 5, 'http://127.0.0.1/cron', '127.0.0.1', UNIX_TIMESTAMP());
