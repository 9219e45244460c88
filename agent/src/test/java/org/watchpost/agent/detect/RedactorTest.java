package org.watchpost.agent.detect;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Evidence leaves the agent (API, logs, collector, alerts): what a failing page leaks must not travel further. */
class RedactorTest {
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            DSN with password      | SQLSTATE[HY000] mysql://drupal:S3cr3t!@db.internal:3306/site failed | mysql://drupal:***@db.internal:3306/site | S3cr3t
            URL credentials        | fetching https://admin:hunter2@cms.example.org/api                  | https://admin:***@cms.example.org/api    | hunter2
            key=value password     | connect(host=db, user=app, password=Tr0ub4dor&3)                    | password=***                             | Tr0ub4dor
            PHP array dump         | Array ( [password] => sup3rs3cret [host] => db )                    | [password] => ***                        | sup3rs3cret
            quoted config value    | 'db_password' => 'p4ssw0rd',                                         | 'db_password' => '***                    | p4ssw0rd
            token in query string  | GET /feed?access_token=EAAB1234567890abcdef&x=1                    | access_token=***                         | EAAB1234567890abcdef
            API key                | config api_key=sk_live_51HxYz loaded                               | api_key=***                              | sk_live_51HxYz
            API key header         | X-Api-Key: sk_live_51HxYz                                           | X-Api-Key: ***                           | sk_live_51HxYz
            bearer token           | Authorization: Bearer eyJhbGciOi.eyJzdWIiOiIx.c2lnbmF0dXJl          | Bearer ***                               | c2lnbmF0dXJl
            PHP session id         | Cookie: PHPSESSID=9a8b7c6d5e4f3a2b1c0d; lang=en                     | PHPSESSID=***                            | 9a8b7c6d5e4f
            Java session id        | ;jsessionid=ABCDEF0123456789ABCDEF0123456789                       | jsessionid=***                           | ABCDEF0123456789ABCDEF
            Drupal session cookie  | SESS8f14e45fceea167a5a36dedd4bea2543=Xy9-abc123                     | SESS8f14e45fceea167a5a36dedd4bea2543=*** | Xy9-abc123
            cloud access key       | key AKIAIOSFODNN7EXAMPLE in env                                     | key *** in env                           | AKIAIOSFODNN7EXAMPLE
            PDO arguments          | #0 /var/www/db.php(14): PDO->__construct('mysql:host=db', 'root', 'hunter2', Array) | PDO->__construct('mysql:host=db', 'root', '***' | hunter2
            mysqli arguments       | #0 x.php(3): mysqli_connect('127.0.0.1', 'app', 'p4ss', 'site')    | mysqli_connect('127.0.0.1', 'app', '***'  | p4ss
            oci arguments          | #0 x.php(3): oci_connect('scott', 'tiger', '//db/ORCL')            | oci_connect('scott', '***'                | tiger
            e-mail address         | mail to webmaster@ministry.example.gov failed                       | ***@ministry.example.gov                 | webmaster
            """)
    void secretsAreMasked(String what, String input, String expected, String secret) {
        String out = Redactor.redact(input);
        assertThat(out).as(what).contains(expected.strip()).doesNotContain(secret.strip());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            MySQL user and host     | Access denied for user 'drupal'@'localhost' (using password: YES)
            table name              | General error: 1114 The table 'watchdog' is full
            path and line           | in /var/www/html/core/lib/Drupal.php on line 78
            ordinary sentence       | The password reset page explains how to recover an account.
            """)
    void ordinaryEvidenceIsKept(String what, String input) {
        assertThat(Redactor.redact(input)).as(what).isEqualTo(input.strip());
    }
}
