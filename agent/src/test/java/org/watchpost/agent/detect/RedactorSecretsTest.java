package org.watchpost.agent.detect;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Secrets that failing pages print and that the first redactor missed or half-masked (issue 12): each row is one a
 * real stack prints, and the properties try passwords with spaces, quotes and @ in every place they appear.
 */
class RedactorSecretsTest {
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            PDO, double quotes     | #0 db.php(14): PDO->__construct("mysql:host=db;dbname=site", "root", "hunter2", Array) | PDO->__construct("mysql:host=db;dbname=site", "root", "***" | hunter2
            PDO, spaces and @      | #0 db.php(14): PDO->__construct('mysql:host=db', 'root', 'my p@ss "x"', NULL) | 'root', '***' | p@ss
            redis without user     | Redis error: redis://:S3cretRedis@cache.internal:6379/0 refused | redis://:***@cache.internal:6379/0 | S3cretRedis
            URL password with @    | mysql://drupal:p@ss@word@db.internal/site failed | mysql://drupal:***@db.internal/site | ss@word
            mysql -p               | command failed: mysql -h db -u root -pTopS3cret site < dump.sql | -p*** site | TopS3cret
            mysqldump -p quoted    | sh: mysqldump -uroot -p'Top S3cret' site | -p*** site | S3cret
            Oracle connect string  | ORA-12154 while running sqlplus scott/T1ger99@ORCL | scott/***@ORCL | T1ger99
            SECRET_KEY_BASE        | SECRET_KEY_BASE=8f14e45fceea167a5a36dedd4bea2543aa12 rails | SECRET_KEY_BASE=*** | 8f14e45fceea167a5a36dedd4bea2543aa12
            env password, quoted   | DB_PASSWORD="pass with spaces" export | DB_PASSWORD="***" | with spaces
            key with single quotes | 'password' => 'it is "quoted" @home', | 'password' => '***' | quoted
            GitHub token           | git clone https://x-access-token:ghp_aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789@github.com/o/r | *** | ghp_aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789
            GitHub token, bare     | using token ghp_aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789 for the API | using token *** | ghp_aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789
            GitHub fine-grained    | GITHUB github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyz set | *** | github_pat_11ABCDEFG0123456789
            Stripe secret key      | Stripe\\Exception\\AuthenticationException: sk_live_4eC39HqLyjWDarjtT1zdp7dc is invalid | *** is invalid | sk_live_4eC39HqLyjWDarjtT1zdp7dc
            Stripe webhook secret  | signing with whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSz | signing with *** | whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSz
            Slack webhook URL      | POST https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX failed | https://hooks.slack.com/services/*** failed | XXXXXXXXXXXXXXXXXXXXXXXX
            Slack bot token        | slack: invalid_auth for xoxb-123456789012-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx | for *** | AbCdEfGhIjKlMnOpQrStUvWx
            PEM private key        | loading -----BEGIN RSA PRIVATE KEY-----\\nMIIEpAIBAAKCAQEA3Tz2mr7SZiAMfQyuvBjM\\n-----END RSA PRIVATE KEY----- loaded | -----BEGIN RSA PRIVATE KEY----- *** -----END RSA PRIVATE KEY----- loaded | MIIEpAIBAAKCAQEA3Tz2mr7SZiAMfQyuvBjM
            PEM key cut off        | -----BEGIN PRIVATE KEY-----\\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC | -----BEGIN PRIVATE KEY----- *** | MIIEvQIBADANBgkqhkiG9w0BAQEFAASC
            bare AWS secret        | aws: wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY rejected | aws: *** rejected | wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY
            """)
    void secretsAreMaskedWhole(String what, String input, String expected, String secret) {
        String out = Redactor.redact(input.replace("\\n", "\n"));
        assertThat(out).as(what).contains(expected.strip()).doesNotContain(secret.strip());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            a commit id             | fixed in 3f786850e387550fdab836ed7e6dc881de23001b of the theme
            a file path with @      | in /var/www/vendor/symfony/http-kernel@6.4/Kernel.php on line 3
            MySQL access denied     | Access denied for user 'drupal'@'localhost' (using password: YES)
            a URL without password  | GET https://cms.example.org:8443/api/v1/pages?id=7 failed
            """)
    void ordinaryEvidenceIsKept(String what, String input) {
        assertThat(Redactor.redact(input)).as(what).isEqualTo(input.strip());
    }

    @Provide
    Arbitrary<String> passwords() {
        return Arbitraries.strings().withChars("abcXYZ0189 @!$%^*-_+=.~\"'").ofMinLength(8).ofMaxLength(24)
                .filter(p -> !p.isBlank() && p.strip().equals(p) && p.chars().filter(Character::isLetterOrDigit)
                        .count() >= 4);
    }

    @Property(tries = 300)
    void aSingleQuotedPasswordIsMaskedWholeWhateverItHolds(@ForAll("passwords") String pw) {
        String p = pw.replace("'", "");
        if (p.length() < 8) {
            return;
        }
        assertThat(Redactor.redact("Array ( 'password' => '" + p + "', 'host' => 'db' )")).doesNotContain(p);
        assertThat(Redactor.redact("#0 x.php(3): PDO->__construct('mysql:host=db', 'app', '" + p + "')"))
                .doesNotContain(p);
    }

    @Property(tries = 300)
    void aDoubleQuotedPasswordIsMaskedWholeWhateverItHolds(@ForAll("passwords") String pw) {
        String p = pw.replace("\"", "");
        if (p.length() < 8) {
            return;
        }
        assertThat(Redactor.redact("DB_PASSWORD=\"" + p + "\" in .env")).doesNotContain(p);
        assertThat(Redactor.redact("#0 x.php(3): PDO->__construct(\"mysql:host=db\", \"app\", \"" + p + "\")"))
                .doesNotContain(p);
    }

    @Property(tries = 300)
    void aUrlPasswordIsMaskedWholeEvenWithAnAt(@ForAll("passwords") String pw) {
        String p = pw.replaceAll("[\\s'\"/]", "");
        if (p.length() < 8) {
            return;
        }
        assertThat(Redactor.redact("could not connect to mysql://app:" + p + "@db.internal:3306/site"))
                .doesNotContain(p);
    }
}
