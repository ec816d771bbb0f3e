package org.attune.core.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import org.attune.core.storage.memory.InMemoryStorage;
import org.attune.core.validation.ConflictException;
import org.attune.core.validation.InvalidInputException;
import org.attune.core.validation.NotFoundException;
import org.attune.core.validation.Problem;
import org.junit.jupiter.api.Test;

class AccountsTest {
    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    private static final String PASSWORD = "correct horse battery";

    private final InMemoryStorage storage = new InMemoryStorage();
    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private final Accounts accounts = new Accounts(storage.accounts(), clock);

    @Test
    void aCreatedAccountSignsInWithItsNameAndPassword() {
        Account created = accounts.create("maria@shop.example", Role.EDITOR, PASSWORD.toCharArray());

        assertThat(created.name()).isEqualTo("maria@shop.example");
        assertThat(created.role()).isEqualTo(Role.EDITOR);
        assertThat(created.createdAt()).isEqualTo(NOW);
        assertThat(created.active()).isTrue();
        assertThat(accounts.authenticate("maria@shop.example", PASSWORD.toCharArray())).contains(created);
        assertThat(accounts.find("maria@shop.example")).contains(created);
        assertThat(accounts.list()).containsExactly(created);
    }

    @Test
    void thePasswordIsStoredAsASaltedSelfDescribingPbkdf2Hash() {
        Account first = accounts.create("maria", Role.ADMIN, PASSWORD.toCharArray());
        Account second = accounts.create("bob", Role.EDITOR, PASSWORD.toCharArray());

        assertThat(storage.accounts().list()).extracting(Account::passwordHash).allSatisfy(hash -> assertThat(hash)
                .matches("pbkdf2-sha256\\$600000\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}")
                .doesNotContain(PASSWORD));
        assertThat(first.passwordHash()).as("a salt of its own per account").isNotEqualTo(second.passwordHash());
        assertThat(first.toString()).doesNotContain(first.passwordHash()).contains("maria");
    }

    @Test
    void aHashWithAnotherIterationCountStillChecksWithTheCountItNames() throws Exception {
        byte[] salt = new byte[16];
        byte[] hash = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
                .generateSecret(new PBEKeySpec(PASSWORD.toCharArray(), salt, 1_000, 256)).getEncoded();
        Base64.Encoder base64 = Base64.getEncoder().withoutPadding();
        storage.accounts().save(new Account("legacy", Role.EDITOR, "pbkdf2-sha256$1000$" + base64.encodeToString(salt)
                + "$" + base64.encodeToString(hash), NOW, null));

        Accounts restarted = new Accounts(storage.accounts(), clock);

        assertThat(restarted.authenticate("legacy", PASSWORD.toCharArray())).isPresent();
        assertThat(restarted.authenticate("legacy", "correct horse battery!".toCharArray())).isEmpty();
    }

    @Test
    void aWrongPasswordAnUnknownNameAndADisabledAccountDoNotSignIn() {
        accounts.create("maria", Role.ADMIN, PASSWORD.toCharArray());
        accounts.create("leaver", Role.EDITOR, PASSWORD.toCharArray());
        accounts.disable("leaver");

        assertThat(accounts.authenticate("maria", "correct horse batter".toCharArray())).isEmpty();
        assertThat(accounts.authenticate("Maria", PASSWORD.toCharArray())).as("names are case-sensitive").isEmpty();
        assertThat(accounts.authenticate("nobody", PASSWORD.toCharArray())).isEmpty();
        assertThat(accounts.authenticate("leaver", PASSWORD.toCharArray())).isEmpty();
        assertThat(accounts.authenticate("maria", new char[0])).isEmpty();
        assertThat(accounts.authenticate("maria", null)).isEmpty();
        assertThat(accounts.authenticate(null, PASSWORD.toCharArray())).isEmpty();
        assertThat(accounts.authenticate("maria", PASSWORD.toCharArray())).isPresent();
    }

    @Test
    void anUnknownNameTakesTheHashingTimeOfAWrongPassword() {
        accounts.create("maria", Role.ADMIN, PASSWORD.toCharArray());
        long wrongPassword = Long.MAX_VALUE;
        long unknownName = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            wrongPassword = Math.min(wrongPassword, nanosToAuthenticate("maria", "not the password"));
            unknownName = Math.min(unknownName, nanosToAuthenticate("nobody", "not the password"));
        }

        // Without the decoy hash an unknown name would answer a thousand times sooner.
        assertThat(unknownName).as("unknown %d ns, wrong password %d ns", unknownName, wrongPassword)
                .isGreaterThan(wrongPassword / 3);
    }

    @Test
    void everyProblemOfANewAccountIsReportedPerFieldAndNothingIsStored() {
        assertThatThrownBy(() -> accounts.create("maria smith", Role.READ, "short".toCharArray()))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> {
                    assertThat(e.code()).isEqualTo("invalid_account");
                    assertThat(e.getMessage()).isEqualTo("The account has 3 problem(s)");
                    assertThat(e.problems()).extracting(Problem::path, Problem::code).containsExactly(
                            tuple("name", "invalid_name"), tuple("role", "invalid_role"),
                            tuple("password", "password_too_short"));
                    assertThat(e.problems().get(1).message()).contains("'editor' or 'admin'", "API keys");
                    assertThat(e.problems().get(2).message()).contains("at least 10 characters");
                });
        assertThat(problemCodes("n".repeat(Accounts.MAX_NAME_LENGTH + 1), Role.EDITOR, PASSWORD))
                .containsExactly("invalid_name");
        assertThat(problemCodes("", Role.EDITOR, PASSWORD)).containsExactly("invalid_name");
        assertThat(problemCodes(null, null, null)).containsExactly("invalid_name", "invalid_role", "missing_password");
        assertThat(problemCodes("tracker", Role.INGEST, PASSWORD)).containsExactly("invalid_role");
        assertThat(problemCodes("maria", Role.EDITOR, "p".repeat(Accounts.MAX_PASSWORD_LENGTH + 1)))
                .containsExactly("password_too_long");
        assertThat(storage.accounts().list()).isEmpty();
    }

    @Test
    void passwordLengthsCountCharactersNotUtf16Units() {
        assertThat(Accounts.passwordProblems("🔑".repeat(10).toCharArray())).isEmpty();
        assertThat(Accounts.passwordProblems("🔑".repeat(9).toCharArray())).extracting(Problem::message)
                .containsExactly("password must be at least 10 characters, got 9");
        assertThat(Accounts.passwordProblems("p".repeat(Accounts.MAX_PASSWORD_LENGTH).toCharArray())).isEmpty();
    }

    @Test
    void aTakenNameIsAConflictEvenOnceItsAccountIsDisabled() {
        accounts.create("maria", Role.ADMIN, PASSWORD.toCharArray());

        assertThatThrownBy(() -> accounts.create("maria", Role.EDITOR, "another password".toCharArray()))
                .isInstanceOfSatisfying(ConflictException.class, e -> assertThat(e.code()).isEqualTo("account_exists"));
        accounts.disable("maria");
        assertThatThrownBy(() -> accounts.create("maria", Role.EDITOR, "another password".toCharArray()))
                .isInstanceOf(ConflictException.class);
        assertThat(accounts.list()).singleElement().extracting(Account::role).isEqualTo(Role.ADMIN);
    }

    @Test
    void aNewPasswordReplacesTheOldOneAtOnce() {
        Account before = accounts.create("maria", Role.ADMIN, PASSWORD.toCharArray());

        Account after = accounts.changePassword("maria", "a brand new secret".toCharArray());

        assertThat(after.passwordHash()).isNotEqualTo(before.passwordHash());
        assertThat(accounts.authenticate("maria", PASSWORD.toCharArray())).isEmpty();
        assertThat(accounts.authenticate("maria", "a brand new secret".toCharArray())).contains(after);
        assertThat(storage.accounts().list()).containsExactly(after);
    }

    @Test
    void aPasswordChangeIsRefusedWhenTooShortUnknownOrDisabled() {
        accounts.create("maria", Role.ADMIN, PASSWORD.toCharArray());
        accounts.create("leaver", Role.EDITOR, PASSWORD.toCharArray());
        accounts.disable("leaver");

        assertThatThrownBy(() -> accounts.changePassword("maria", "short".toCharArray()))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> {
                    assertThat(e.code()).isEqualTo("invalid_password");
                    assertThat(e.problems()).extracting(Problem::path).containsExactly("password");
                });
        assertThatThrownBy(() -> accounts.changePassword("nobody", "long enough password".toCharArray()))
                .isInstanceOfSatisfying(NotFoundException.class,
                        e -> assertThat(e.code()).isEqualTo("account_not_found"));
        assertThatThrownBy(() -> accounts.changePassword("leaver", "long enough password".toCharArray()))
                .isInstanceOfSatisfying(ConflictException.class,
                        e -> assertThat(e.code()).isEqualTo("account_disabled"));
        assertThat(accounts.authenticate("maria", PASSWORD.toCharArray())).isPresent();
    }

    @Test
    void disablingKeepsTheAccountListedWithTheFirstDisabledTime() {
        accounts.create("maria", Role.ADMIN, PASSWORD.toCharArray());
        accounts.create("leaver", Role.EDITOR, PASSWORD.toCharArray());

        Account disabled = accounts.disable("leaver");
        Accounts later = new Accounts(storage.accounts(), Clock.fixed(NOW.plusSeconds(3_600), ZoneOffset.UTC));

        assertThat(disabled.disabledAt()).isEqualTo(NOW);
        assertThat(later.disable("leaver").disabledAt()).as("disabling again keeps the first time").isEqualTo(NOW);
        assertThat(later.list()).extracting(Account::name, Account::active)
                .containsExactly(tuple("leaver", false), tuple("maria", true));
        assertThat(later.find("leaver")).map(Account::active).contains(false);
        assertThatThrownBy(() -> accounts.disable("nobody")).isInstanceOfSatisfying(NotFoundException.class,
                e -> assertThat(e.code()).isEqualTo("account_not_found"));
    }

    @Test
    void accountsStillSignInThroughANewInstanceOverTheSameStore() {
        accounts.create("maria", Role.ADMIN, PASSWORD.toCharArray());
        accounts.create("leaver", Role.EDITOR, PASSWORD.toCharArray());
        accounts.disable("leaver");

        Accounts restarted = new Accounts(storage.accounts(), clock);

        assertThat(restarted.authenticate("maria", PASSWORD.toCharArray())).map(Account::role).contains(Role.ADMIN);
        assertThat(restarted.authenticate("leaver", PASSWORD.toCharArray())).isEmpty();
    }

    private long nanosToAuthenticate(String name, String password) {
        long started = System.nanoTime();
        accounts.authenticate(name, password.toCharArray());
        return System.nanoTime() - started;
    }

    private java.util.List<String> problemCodes(String name, Role role, String password) {
        try {
            accounts.create(name, role, password == null ? null : password.toCharArray());
        } catch (InvalidInputException e) {
            return e.problems().stream().map(Problem::code).toList();
        }
        throw new AssertionError("the account was created");
    }
}
